/* lemke.h — Lemke's complementary pivoting for LCP(q, M) with a covering vector d
 * (not public API). Finds z >= 0 with w = q + M z >= 0 and z.w = 0.
 *
 * The right-hand side may be a polynomial in a symbolic epsilon > 0:
 *     q(eps) = q[., 0] + q[., 1] eps + ... + q[., nrhs - 1] eps^(nrhs - 1),
 * and solutions are sought for all sufficiently small eps (Miltersen–Sørensen perturbed
 * sequence form). Comparisons of such polynomials are lexicographic in increasing degree, and
 * the remaining ties are broken lexicographically by the columns of the basis inverse, so
 * the method never cycles, degenerate or not.
 *
 * Variables are numbered 0..n-1 (w), n..2n-1 (z), 2n (the artificial z0).
 */
#ifndef BRINK_LEMKE_H
#define BRINK_LEMKE_H

#include <gmp.h>
#include "brink/error.h"
#include "brink/solve.h"

typedef struct brink_lcp {
    int n;
    int nrhs;        /* >= 1 */
    /* M is sparse: nnz triplets (Mi, Mj, Mq); repeated positions add up. */
    int nnz, cap;
    int *Mi, *Mj;
    mpq_t *Mq;
    mpq_t *q;        /* [n * nrhs]: q[i * nrhs + k] is the eps^k coefficient of row i */
    mpq_t *d;        /* [n] covering vector, every entry > 0 */
    double *Md;      /* [nnz] double copies, filled by brink_lcp_sync_doubles */
    double *qd;      /* [n * nrhs] */
    double *dd;      /* [n] */
    /* Optional: progress callback and time limit (every 256 pivots; cancel or timeout ends
     * the run with BRINK_ENOCONVERGE). Borrowed, may be NULL. */
    const brink_solve_options *ctl;
    int mdcap;       /* doubles allocated in Md */
    /* Integers the exact basis solve keeps between calls (grown on demand, freed with the
     * LCP): an LCP reused for many games (brink_lcp_reset) allocates them once. */
    struct brink_lcp_pool *pool;
} brink_lcp;

/* Allocate an LCP of size n with nrhs right-hand-side columns, everything zero. */
brink_lcp *brink_lcp_new(int n, int nrhs);
/* Make l an empty LCP of the same size again (no triplets, q = 0, d = 0, ctl NULL), keeping
 * its memory for the next game. */
void brink_lcp_reset(brink_lcp *l);
void brink_lcp_free(brink_lcp *l);
/* M[i][j] += v. */
brink_status brink_lcp_add(brink_lcp *l, int i, int j, const mpq_t v, brink_error *err);
brink_status brink_lcp_add_si(brink_lcp *l, int i, int j, long v, brink_error *err);
/* Room for cap triplets in all (saves the regrowth when the count is known). */
brink_status brink_lcp_reserve(brink_lcp *l, int cap, brink_error *err);
/* Fill Md, qd, dd from the exact data. BRINK_ENOMEM on failure. */
brink_status brink_lcp_sync_doubles(brink_lcp *l, brink_error *err);

typedef struct brink_lemke_result {
    int *basis;      /* [n]: basic variable of each row at the end */
    long pivots;
} brink_lemke_result;

/* Exact run with integer (fraction-free) pivoting. z receives n * nrhs coefficients
 * (z[j * nrhs + k]: eps^k coefficient of z_j). basis may be NULL.
 * BRINK_ENOCONVERGE when max_pivots (> 0) is reached; BRINK_EINTERNAL on a secondary ray. */
brink_status brink_lemke_exact(const brink_lcp *l, long max_pivots, mpq_t *z, int *basis,
                               long *pivots, brink_error *err);

/* Double run (uses Md, qd, dd, with the same lexicographic rule over all nrhs columns).
 * tol: pivot entries below tol count as 0, and so do relative differences in the ratio test.
 * z receives the eps^0 values (n doubles). */
brink_status brink_lemke_double(const brink_lcp *l, long max_pivots, double tol, double *z,
                                int *basis, long *pivots, brink_error *err);

/* Given a final basis (from brink_lemke_double), solve B x_B = q(eps) exactly and write z
 * (n * nrhs mpq, as brink_lemke_exact). *feasible = 1 iff every basic variable is
 * lexicographically >= 0 and z0 is 0: then z solves the LCP for all small eps. */
brink_status brink_lcp_solve_basis_exact(const brink_lcp *l, const int *basis, mpq_t *z,
                                         int *feasible, brink_error *err);
/* The same, where zn (n * nrhs integers) and zden are not NULL: when the fraction-free
 * solve applies, *as_int = 1 and z = zn / zden (zden > 0, one denominator for all, no
 * quotient made canonical; z is not written); else *as_int = 0 and z is written as above. */
brink_status brink_lcp_solve_basis_exact_int(const brink_lcp *l, const int *basis, mpq_t *z,
                                             mpz_t *zn, mpz_ptr zden, int *as_int,
                                             int *feasible, brink_error *err);

/* Double run with an exact safety net (lemke_robust.c): the double run gets a pivot budget
 * proportional to n and its final basis is certified exactly (when n <= max_exact_resolve);
 * on trouble (budget, ray, failed certificate, payoffs beyond doubles) or with o->exact the
 * LCP is solved by exact pivoting. On success *exact = 1 and z (n * nrhs mpq) holds the
 * solution, or *exact = 0 and zd (n doubles) holds an uncertified one (n too large).
 * *fallback: a brink_fallback value, NONE when the double run's answer stood. Time limit and
 * cancel (o) end the run with BRINK_ENOCONVERGE; so does o->max_iterations. */
brink_status brink_lemke_robust(const brink_lcp *l, const brink_solve_options *o, mpq_t *z,
                                long max_exact_resolve, int *exact, double *zd, long *pivots,
                                int *fallback, brink_error *err);
/* The same, where the certified double run's solution may come as z = zn / zden (*as_int = 1,
 * see brink_lcp_solve_basis_exact_int; z is then not written); *as_int = 0: z as above. */
brink_status brink_lemke_robust_int(const brink_lcp *l, const brink_solve_options *o, mpq_t *z,
                                    mpz_t *zn, mpz_ptr zden, int *as_int,
                                    long max_exact_resolve, int *exact, double *zd,
                                    long *pivots, int *fallback, brink_error *err);

#endif
