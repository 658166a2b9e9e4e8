/* qsolve.h — exact solution of sparse square linear systems in rationals (not public API).
 *
 * Used to turn a basis found in floating point (GLPK's simplex, double Lemke) into exact
 * numbers: the basis matrix is sparse (sequence-form constraints and payoff matrices), so
 * elimination with a cheap Markowitz-style pivot choice keeps fill-in small.
 */
#ifndef BRINK_QSOLVE_H
#define BRINK_QSOLVE_H

#include <gmp.h>
#include "brink/error.h"

typedef struct brink_qsys brink_qsys;

/* A system of n equations in n unknowns with nrhs right-hand sides, all zero. NULL on OOM. */
brink_qsys *brink_qsys_new(int n, int nrhs);
void brink_qsys_free(brink_qsys *s);
/* a[row][col] += v. Entries may be added in any order. BRINK_ENOMEM on failure. */
brink_status brink_qsys_add(brink_qsys *s, int row, int col, const mpq_t v, brink_error *err);
brink_status brink_qsys_add_si(brink_qsys *s, int row, int col, long v, brink_error *err);
/* Right-hand side k of equation row = v. */
void brink_qsys_set_rhs(brink_qsys *s, int row, int k, const mpq_t v);
/* Solve; x has n * nrhs initialised mpq (x[j * nrhs + k]: unknown j, right-hand side k).
 * The system is consumed (it cannot be solved twice).
 * BRINK_EINVALID when the matrix is singular. */
brink_status brink_qsys_solve(brink_qsys *s, mpq_t *x, brink_error *err);

#endif
