/* vdict.h — an exact integer dictionary for a polytope {z >= 0 : M z <= 1} (private).
 *
 * M is a k x d matrix of integers. Variables are z_0..z_{d-1} (index v < d) and the slacks
 * s_0..s_{k-1} of the rows of M (index d + q). A basis has k basic variables, one per row,
 * and d nonbasic ones, one per column. The dictionary is fraction-free, as in lrs:
 *
 *     D * x_{row_var[r]} = T[r][0] - sum_c T[r][1 + c] * x_{col_var[c]}      (r = 0..k-1)
 *
 * with D > 0 the determinant of the basis; every entry is a k x k minor of [M | I | 1].
 * The numbers live in int64, int128 or GMP, chosen once from the Hadamard bound of those
 * minors, so the fixed widths never overflow (see xint.h). Ratio tests are lexicographic
 * (the right-hand side is perturbed by (eps, eps^2, ...) on the rows of M), so every basis
 * visited is a vertex of a simple perturbed polytope and ties cannot occur.
 *
 * Invariant: T[r][0] >= 0 for every row (the basis is feasible), D > 0, and pivoting twice on
 * the same (row, column) restores the dictionary exactly.
 */
#ifndef BRINK_SOLVE_VDICT_H
#define BRINK_SOLVE_VDICT_H

#include <stdint.h>
#include <gmp.h>
#include "brink/error.h"
#include "solve/enum/xint.h"

/* Number widths: int64 with 128-bit products, int128 with 256-bit products, L-limb integers
 * with products modulo 2^(64 L) (vdict_wide.c), GMP. */
typedef enum { VDICT_I64 = 64, VDICT_I128 = 128, VDICT_WIDE = 1, VDICT_MPZ = 0 } vdict_width;

#define VDICT_WIDE_MAX_LIMBS 8 /* 512-bit entries at most, else GMP */
#define VDICT_WIDE_SLACK 16    /* wide pivots stay in fixed width while D has <= 16 trailing
                                  zero bits (else the dictionary moves to GMP) */

typedef struct vdict {
    int k, d;            /* rows (constraints of M), columns (dimension) */
    int nvar;            /* d + k */
    int *row_var;        /* [k] basic variable of each row */
    int *col_var;        /* [d] nonbasic variable of each column */
    int *var_pos;        /* [nvar] row r >= 0, or column c as -1 - c */
    vdict_width width;
    int bits;            /* every entry is below 2^bits in magnitude (Hadamard bound) */
    int no_low;          /* tests: always use the 256-bit products in int128 pivots */
    int stride;          /* d + 1 entries per row; column 0 is the right-hand side */
    int limbs;           /* VDICT_WIDE: limbs per entry */
    uint64_t *tw, *dw;   /* VDICT_WIDE: [k * stride * limbs], D [limbs] */
    int64_t *t64, d64;
    xi128 *t128, d128;
    mpz_t *tz, dz, tmp1, tmp2;
} vdict;

/* Build the dictionary of the slack basis (z = 0) for the k x d matrix m (row-major).
 * force_width: 0 to choose from the Hadamard bound, else VDICT_I64/VDICT_I128/VDICT_WIDE/-1
 * for MPZ, or (tests) 129 for int128 always with full 256-bit products, 2 for wide with an
 * immediate promotion to GMP at the first pivot; forcing a narrower
 * width than the bound allows is refused with BRINK_EINVALID. */
vdict *vdict_new(int k, int d, const mpz_t *m, int force_width, brink_error *err);
void vdict_free(vdict *v);

/* log2 of the Hadamard bound of the k x k minors of [M | I | 1] (an upper bound, doubles);
 * INFINITY when out of memory. */
double vdict_log2_bound(int k, int d, const mpz_t *m);

/* Leaving row for entering column c by the lexicographic minimum ratio test,
 * or -1 when no entry of column c is positive (the edge is unbounded). */
int vdict_ratio(vdict *v, int c);

/* Exchange row_var[r] and col_var[c]; requires T[r][1 + c] > 0. */
void vdict_pivot(vdict *v, int r, int c);

/* The same exchange for any nonzero T[r][1 + c] (rebuilding a given basis); the dictionary
 * is renormalised to D > 0 afterwards. Feasibility is the caller's business. */
void vdict_pivot_any(vdict *v, int r, int c);

/* Sign of T[r][1 + c]. */
int vdict_entry_sign(const vdict *v, int r, int c);

/* Sign of T[r][0] (0 or 1: the dictionary is feasible). */
int vdict_rhs_sign(const vdict *v, int r);

/* Value of basic row r as numerator/denominator (T[r][0], D), into GMP integers. */
void vdict_rhs_value(const vdict *v, int r, mpz_t num, mpz_t den);

#endif
