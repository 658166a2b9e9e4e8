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

/* A system of n equations in n unknowns, all coefficients zero. NULL on OOM. */
brink_qsys *brink_qsys_new(int n);
void brink_qsys_free(brink_qsys *s);
/* a[row][col] += v. Entries may be added in any order. BRINK_ENOMEM on failure. */
brink_status brink_qsys_add(brink_qsys *s, int row, int col, const mpq_t v, brink_error *err);
brink_status brink_qsys_add_si(brink_qsys *s, int row, int col, long v, brink_error *err);
/* rhs[row] = v. */
void brink_qsys_set_rhs(brink_qsys *s, int row, const mpq_t v);
/* Solve; x has n initialised mpq. The system is consumed (it cannot be solved twice).
 * BRINK_EINVALID when the matrix is singular. */
brink_status brink_qsys_solve(brink_qsys *s, mpq_t *x, brink_error *err);

#endif
