/* ddict.c — floating-point dictionaries with a tolerant lexicographic ratio test (ddict.h). */
#include "solve/linalg/ddict.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ddict_free(ddict *v)
{
    if (!v)
        return;
    free(v->t);
    free(v->row_var);
    free(v->col_var);
    free(v->var_pos);
    free(v);
}

ddict *ddict_new(int k, int d, const double *m)
{
    ddict *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->k = k;
    v->d = d;
    v->stride = d + 1;
    v->piv_tol = 1e-11;
    v->tie_tol = 1e-9;
    v->t = malloc(sizeof(double) * (size_t)k * v->stride);
    v->row_var = malloc(sizeof(int) * (size_t)k);
    v->col_var = malloc(sizeof(int) * (size_t)d);
    v->var_pos = malloc(sizeof(int) * (size_t)(k + d));
    if (!v->t || !v->row_var || !v->col_var || !v->var_pos) {
        ddict_free(v);
        return NULL;
    }
    for (int c = 0; c < d; c++) {
        v->col_var[c] = c;
        v->var_pos[c] = -1 - c;
    }
    for (int r = 0; r < k; r++) {
        v->row_var[r] = d + r;
        v->var_pos[d + r] = r;
        v->t[(size_t)r * v->stride] = 1;
        memcpy(v->t + (size_t)r * v->stride + 1, m + (size_t)r * d, sizeof(double) * (size_t)d);
    }
    return v;
}

/* Column of slack q in the dictionary, at row r (unit column when q is basic). */
static double slack_entry(const ddict *v, int r, int q)
{
    int pos = v->var_pos[v->d + q];
    if (pos >= 0)
        return pos == r ? 1.0 : 0.0;
    return v->t[(size_t)r * v->stride + 1 + (-1 - pos)];
}

/* Is row r1 lexicographically before r2 (ratios of the perturbation columns)? */
static int lex_before(const ddict *v, int r1, int r2, double a1, double a2)
{
    for (int q = 0; q < v->k; q++) {
        double x = slack_entry(v, r1, q) / a1, y = slack_entry(v, r2, q) / a2;
        double scale = fmax(fabs(x), fabs(y));
        if (fabs(x - y) > v->tie_tol * fmax(scale, 1e-300) && fabs(x - y) > 1e-14)
            return x < y;
    }
    return r1 < r2;
}

int ddict_ratio(const ddict *v, int c)
{
    size_t s = (size_t)v->stride;
    double amax = 0;
    for (int r = 0; r < v->k; r++)
        amax = fmax(amax, v->t[r * s + 1 + c]);
    if (!(amax > 0))
        return -1;
    double tol = v->piv_tol * amax;
    int best = -1;
    double br = 0, ba = 0;
    for (int r = 0; r < v->k; r++) {
        double a = v->t[r * s + 1 + c];
        if (a <= tol)
            continue;
        double rhs = fmax(v->t[r * s], 0); /* rounding can make a zero slightly negative */
        double ratio = rhs / a;
        if (best >= 0) {
            double scale = fmax(ratio, br);
            if (ratio > br + v->tie_tol * scale + 1e-14)
                continue;
            if (ratio >= br - v->tie_tol * scale - 1e-14 && !lex_before(v, r, best, a, ba))
                continue;
        }
        best = r;
        br = ratio;
        ba = a;
    }
    return best;
}

void ddict_pivot(ddict *v, int r, int c)
{
    size_t s = (size_t)v->stride, cc = (size_t)c + 1;
    double *restrict tr = v->t + r * s;
    double p = tr[cc];
    /* Row r: x_e = (t_r0 - sum_{j != c} t_rj x_j - x_l) / p. */
    double ip = 1 / p;
    for (size_t j = 0; j < s; j++)
        tr[j] *= ip;
    tr[cc] = ip;
    for (int i = 0; i < v->k; i++) {
        if (i == r)
            continue;
        double *restrict ti = v->t + (size_t)i * s; /* rows do not overlap */
        double a = ti[cc];
        if (a == 0)
            continue;
        for (size_t j = 0; j < s; j++)
            ti[j] -= a * tr[j];
        ti[cc] = -a * tr[cc];
    }
    int e = v->col_var[c], l = v->row_var[r];
    v->row_var[r] = e;
    v->col_var[c] = l;
    v->var_pos[e] = r;
    v->var_pos[l] = -1 - c;
}
