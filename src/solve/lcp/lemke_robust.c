/* lemke_robust.c — Lemke's algorithm in doubles with an exact safety net (private).
 *
 * The double run (lemke.c, equilibrated and lexicographic) is fast but rounding can make it
 * cycle, wander, end on a secondary ray or end at a basis that is not a solution. So it gets
 * a pivot budget proportional to the problem size, its final basis is solved again in
 * rationals and certified, and on any of these troubles the LCP is solved again with exact
 * fraction-free pivoting, which cannot go astray. Payoffs that doubles cannot hold go to the
 * exact run directly. The caller learns whether and why the fallback happened.
 */
#include <math.h>
#include <stdlib.h>

#include "solve/lcp/lemke.h"

/* Pivots granted to the double run: Lemke paths on these LCPs are usually a small multiple of
 * the dimension; far beyond that the run is cycling on rounding ties. */
static long double_budget(int n)
{
    return 1000L + 50L * n;
}

/* Does every double copy hold its value with room to spare (no overflow in pivoting)? */
static int doubles_in_range(const brink_lcp *l)
{
    const double big = 1e150, tiny = 1e-150;
    for (int k = 0; k < l->nnz; k++) {
        double a = fabs(l->Md[k]);
        if (!isfinite(a) || a > big || (a > 0 && a < tiny))
            return 0;
    }
    for (size_t k = 0; k < (size_t)l->n * l->nrhs; k++) {
        double a = fabs(l->qd[k]);
        if (!isfinite(a) || a > big || (a > 0 && a < tiny))
            return 0;
    }
    return 1;
}

brink_status brink_lemke_robust(const brink_lcp *l, const brink_solve_options *o, mpq_t *z,
                                long max_exact_resolve, int *exact, double *zd, long *pivots,
                                int *fallback, brink_error *err)
{
    return brink_lemke_robust_int(l, o, z, NULL, NULL, NULL, max_exact_resolve, exact, zd,
                                  pivots, fallback, err);
}

brink_status brink_lemke_robust_int(const brink_lcp *l, const brink_solve_options *o, mpq_t *z,
                                    mpz_t *zn, mpz_ptr zden, int *as_int,
                                    long max_exact_resolve, int *exact, double *zd,
                                    long *pivots, int *fallback, brink_error *err)
{
    int n = l->n;
    if (as_int)
        *as_int = 0;
    long maxp = o->max_iterations > 0 ? o->max_iterations : 0;
    *fallback = BRINK_FALLBACK_NONE;
    *exact = 0;
    *pivots = 0;
    if (!o->exact && !doubles_in_range(l))
        *fallback = BRINK_FALLBACK_RANGE;
    if (!o->exact && !*fallback) {
        long budget = double_budget(n);
        if (maxp > 0 && maxp < budget)
            budget = maxp;
        int *basis = brink_calloc((size_t)n + 1, sizeof *basis);
        if (!basis)
            return brink_error_set(err, BRINK_ENOMEM, "Lemke: out of memory");
        double tol = o->tolerance > 0 ? 10 * o->tolerance : 1e-9;
        long piv = 0;
        brink_status st = brink_lemke_double(l, budget, tol, zd, basis, &piv, err);
        *pivots += piv;
        if (st == BRINK_OK) {
            if (n > max_exact_resolve) { /* too big to certify: the driver checks in doubles */
                free(basis);
                return BRINK_OK;
            }
            int feasible = 0;
            int got_int = 0;
            st = brink_lcp_solve_basis_exact_int(l, basis, z, zn, zden, &got_int, &feasible,
                                                 err);
            free(basis);
            if (st == BRINK_ENOMEM)
                return st;
            if (st == BRINK_OK && feasible) {
                *exact = 1;
                if (as_int)
                    *as_int = got_int;
                return BRINK_OK;
            }
            *fallback = BRINK_FALLBACK_CERTIFICATE; /* also: a singular "basis" */
        } else {
            free(basis);
            if (st == BRINK_ENOMEM)
                return st;
            if (st == BRINK_ENOCONVERGE && piv < budget)
                return st; /* the user's time limit or a cancel: stop, do not restart */
            if (st == BRINK_ENOCONVERGE && maxp > 0 && budget == maxp)
                return st; /* the user's own pivot budget */
            *fallback = st == BRINK_ENOCONVERGE ? BRINK_FALLBACK_BUDGET : BRINK_FALLBACK_RAY;
        }
        brink_error_clear(err);
    }
    long piv = 0;
    brink_status st = brink_lemke_exact(l, maxp, z, NULL, &piv, err);
    *pivots += piv;
    if (st == BRINK_OK)
        *exact = 1;
    return st;
}
