/* ksolve.h — small exact linear systems of the equilibrium enumeration (private).
 *
 * (1) The partner test. M is the rows x cols matrix of the other player's polytope
 *     {w >= 0 : M w <= 1}. Given rows R that must be tight and columns T that may be nonzero,
 *     |R| = |T| = s, solve M[R][T] w_T = 1 and decide whether w >= 0 and M[v][T] w_T <= 1
 *     for the rows v not in R. A floating-point solve with a condition-based error bound
 *     rejects the clear misses; everything else is decided exactly by fraction-free (Bareiss)
 *     elimination in GMP integers.
 * (2) The point of a polytope {z >= 0 : M z <= 1} with a given set of tight constraints
 *     (label set), exactly in rationals.
 */
#ifndef BRINK_SOLVE_KSOLVE_H
#define BRINK_SOLVE_KSOLVE_H

#include <stdint.h>
#include <gmp.h>

typedef enum { KS_SINGULAR = -1, KS_INFEASIBLE = 0, KS_FEASIBLE = 1 } ks_result;

typedef struct ksolve {
    int rows, cols;       /* M is rows x cols */
    const mpz_t *m;       /* borrowed */
    double *md;           /* [rows * cols] M in doubles, or NULL when too large for doubles */
    int cap;              /* largest system size s */
    double *lu, *inv, *yd, *tmp;
    int *perm;
    mpz_t *za;            /* [cap * (cap + 1)] Bareiss workspace */
    mpz_t *num;           /* [cap] solution numerators */
    mpz_t den, t1, t2;    /* common positive denominator, scratch */
    /* Tolerances of the floating-point filter (fields, not constants in the code): */
    double max_cond;      /* above this condition number estimate, decide exactly */
    double safety;        /* factor on the error bound before declaring a clear miss */
    long filtered, exact; /* statistics: clear misses, exact decisions */
} ksolve;

/* 0 on success, -1 on OOM. cap = max system size (min(rows, cols)). */
int ksolve_init(ksolve *ks, int rows, int cols, const mpz_t *m, int cap);
void ksolve_free(ksolve *ks);

/* Solve the system on rows R[0..s) and columns T[0..s). On KS_FEASIBLE, ks->num[i] / ks->den
 * is w_{T[i]}; *zero_cols / *tight_rows (bitsets, may be NULL) receive the columns of T with
 * w = 0 and the rows (all of 0..rows-1) with M w = 1. */
ks_result ksolve_partner(ksolve *ks, const int *R, const int *T, int s, uint64_t *zero_cols,
                         uint64_t *tight_rows);

/* Point of {z in R^d : z >= 0, M z <= 1} (M k x d) where exactly the constraints in `labels`
 * are tight (variable v < d: z_v = 0; d + q: row q). Returns 0 and fills z[0..d) on success,
 * -1 when the labels do not determine a point (not a vertex) or on OOM. */
int ksolve_tight_point(const mpz_t *m, int k, int d, const uint64_t *labels, mpq_t *z);

#endif
