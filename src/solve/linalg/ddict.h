/* ddict.h — a floating-point dictionary for {z >= 0 : M z <= 1} (private).
 *
 * Same layout and variable numbering as vdict.h (variables 0..d-1, slacks d..d+k-1; row r
 * holds basic variable row_var[r]; column c nonbasic col_var[c]), with D = 1:
 *
 *     x_{row_var[r]} = t[r][0] - sum_c t[r][1 + c] x_{col_var[c]}
 *
 * The ratio test is lexicographic like vdict's, with ties decided within a relative
 * tolerance (a documented field), so degenerate games terminate in Lemke–Howson. Pivots are
 * plain Gauss–Jordan steps; errors accumulate along a path, which is why every answer is
 * re-derived and checked exactly afterwards (lcp.c).
 */
#ifndef BRINK_SOLVE_DDICT_H
#define BRINK_SOLVE_DDICT_H

typedef struct ddict {
    int k, d, stride;
    double *t;           /* [k * (d + 1)] */
    int *row_var, *col_var, *var_pos; /* as in vdict.h */
    double piv_tol;      /* entries below this (relative to the column's max) are not pivots */
    double tie_tol;      /* ratios closer than this (relative) count as ties */
} ddict;

/* From a k x d matrix of doubles (row-major), slack basis. NULL on OOM. */
ddict *ddict_new(int k, int d, const double *m);
void ddict_free(ddict *v);
/* Leaving row for entering column c, or -1 when no entry of the column is positive. */
int ddict_ratio(const ddict *v, int c);
/* Exchange row_var[r] and col_var[c] (any nonzero pivot element). */
void ddict_pivot(ddict *v, int r, int c);

#endif
