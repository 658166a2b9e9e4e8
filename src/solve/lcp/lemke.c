/* lemke.c — Lemke's algorithm with lexicographic degeneracy resolution (see lemke.h).
 *
 * Tableau for  w - M z - d z0 = q.  Columns 0..n-1 are w, n..2n-1 are z, 2n is z0, and
 * 2n+1 .. 2n+nrhs hold the right-hand side. The w columns always hold (a multiple of) the
 * basis inverse, which supplies the lexicographic tie-break.
 *
 * Exact run: every row is scaled to integers (w_i is replaced by s_i w_i, s_i > 0, which
 * keeps signs and complementarity) and pivoting is fraction-free: entries are integers and
 * the true tableau is A / det, with det > 0 the previous pivot element (Edmonds; Bareiss).
 * Double run: the ordinary tableau, with the same pivoting rule.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "brink/core.h"
#include "solve/lcp/lemke.h"
#include "solve/linalg/qsolve.h"

struct brink_lcp_pool {
    size_t count;
    mpz_t *z;   /* [count], initialised */
    size_t dcount;
    double *d;  /* [dcount]: the double run's tableau */
};

static void pool_free(struct brink_lcp_pool *p)
{
    if (!p)
        return;
    for (size_t k = 0; k < p->count; k++)
        mpz_clear(p->z[k]);
    free(p->z);
    free(p->d);
    free(p);
}

/* At least need integers from the pool (their values are whatever the last use left). */
static mpz_t *pool_get(struct brink_lcp_pool *p, size_t need)
{
    if (need <= p->count)
        return p->z;
    mpz_t *nz = brink_reallocarray(p->z, need, sizeof *nz);
    if (!nz)
        return NULL;
    for (size_t k = p->count; k < need; k++)
        mpz_init(nz[k]);
    p->z = nz;
    p->count = need;
    return nz;
}

/* need zeroed doubles from the pool, or NULL when out of memory. */
static double *pool_doubles(struct brink_lcp_pool *p, size_t need)
{
    if (need > p->dcount) {
        double *nd = brink_reallocarray(p->d, need, sizeof *nd);
        if (!nd)
            return NULL;
        p->d = nd;
        p->dcount = need;
    }
    memset(p->d, 0, need * sizeof *p->d);
    return p->d;
}

brink_lcp *brink_lcp_new(int n, int nrhs)
{
    brink_lcp *l = brink_calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->n = n;
    l->nrhs = nrhs;
    l->q = brink_q_array_new((size_t)n * nrhs + 1);
    l->d = brink_q_array_new((size_t)n + 1);
    l->qd = brink_calloc((size_t)n * nrhs + 1, sizeof(double));
    l->dd = brink_calloc((size_t)n + 1, sizeof(double));
    l->pool = brink_calloc(1, sizeof *l->pool);
    if (!l->q || !l->d || !l->qd || !l->dd || !l->pool) {
        brink_lcp_free(l);
        return NULL;
    }
    return l;
}

void brink_lcp_reset(brink_lcp *l)
{
    l->nnz = 0;
    l->ctl = NULL;
    for (size_t k = 0; k < (size_t)l->n * l->nrhs; k++)
        mpq_set_ui(l->q[k], 0, 1);
    for (int i = 0; i < l->n; i++)
        mpq_set_ui(l->d[i], 0, 1);
}

void brink_lcp_free(brink_lcp *l)
{
    if (!l)
        return;
    if (l->q)
        brink_q_array_free(l->q, (size_t)l->n * l->nrhs + 1);
    if (l->d)
        brink_q_array_free(l->d, (size_t)l->n + 1);
    if (l->Mq)
        brink_q_array_free(l->Mq, (size_t)l->cap);
    pool_free(l->pool);
    free(l->Mi);
    free(l->Mj);
    free(l->Md);
    free(l->qd);
    free(l->dd);
    free(l);
}

/* Room for cap triplets (at least; 0: one more, doubling). */
static brink_status lcp_grow(brink_lcp *l, int cap, brink_error *err)
{
    if (cap > 0 ? cap <= l->cap : l->nnz < l->cap)
        return BRINK_OK;
    int ncap = cap > 0 ? cap : l->cap ? 2 * l->cap : 64;
    int *ni = brink_reallocarray(l->Mi, (size_t)ncap, sizeof(int));
    if (!ni)
        return brink_error_set(err, BRINK_ENOMEM, "LCP: out of memory");
    l->Mi = ni;
    int *nj = brink_reallocarray(l->Mj, (size_t)ncap, sizeof(int));
    if (!nj)
        return brink_error_set(err, BRINK_ENOMEM, "LCP: out of memory");
    l->Mj = nj;
    mpq_t *nq = brink_q_array_new((size_t)ncap);
    if (!nq)
        return brink_error_set(err, BRINK_ENOMEM, "LCP: out of memory");
    for (int k = 0; k < l->nnz; k++)
        mpq_swap(nq[k], l->Mq[k]);
    if (l->Mq)
        brink_q_array_free(l->Mq, (size_t)l->cap);
    l->Mq = nq;
    l->cap = ncap;
    return BRINK_OK;
}

brink_status brink_lcp_reserve(brink_lcp *l, int cap, brink_error *err)
{
    return lcp_grow(l, cap > 0 ? cap : 1, err);
}

/* A new entry (i, j) at the end: its value's slot, or NULL when out of memory (err set,
 * BRINK_ENOMEM). */
static mpq_ptr append(brink_lcp *l, int i, int j, brink_error *err)
{
    if (lcp_grow(l, 0, err))
        return NULL;
    l->Mi[l->nnz] = i;
    l->Mj[l->nnz] = j;
    return l->Mq[l->nnz++];
}

brink_status brink_lcp_add(brink_lcp *l, int i, int j, const mpq_t v, brink_error *err)
{
    if (mpq_sgn(v) == 0)
        return BRINK_OK;
    mpq_ptr q = append(l, i, j, err);
    if (!q)
        return BRINK_ENOMEM;   /* the only failure of append; err says so */
    mpq_set(q, v);
    return BRINK_OK;
}

brink_status brink_lcp_add_si(brink_lcp *l, int i, int j, long v, brink_error *err)
{
    if (v == 0)
        return BRINK_OK;
    mpq_ptr q = append(l, i, j, err);
    if (!q)
        return BRINK_ENOMEM;   /* the only failure of append; err says so */
    mpq_set_si(q, v, 1);
    return BRINK_OK;
}

brink_status brink_lcp_sync_doubles(brink_lcp *l, brink_error *err)
{
    if (!l->Md || l->mdcap < l->nnz + 1) {
        free(l->Md);
        l->mdcap = 0;
        l->Md = brink_calloc((size_t)l->nnz + 1, sizeof(double));
        if (!l->Md)
            return brink_error_set(err, BRINK_ENOMEM, "LCP: out of memory");
        l->mdcap = l->nnz + 1;
    }
    for (int k = 0; k < l->nnz; k++)
        l->Md[k] = brink_q_get_d(l->Mq[k]);
    for (size_t k = 0; k < (size_t)l->n * l->nrhs; k++)
        l->qd[k] = brink_q_get_d(l->q[k]);
    for (int i = 0; i < l->n; i++)
        l->dd[i] = brink_q_get_d(l->d[i]);
    return BRINK_OK;
}

static int complement(int var, int n)
{
    return var < n ? var + n : var - n;
}

/* Every 256 pivots: report progress, honour cancel and the time limit. */
static brink_status lemke_check(const brink_lcp *l, long npiv, double t0, brink_error *err)
{
    const brink_solve_options *o = l->ctl;
    if (!o || (npiv & 255) != 0)
        return BRINK_OK;
    if (o->progress) {
        char what[64];
        snprintf(what, sizeof what, "Lemke: %ld pivots", npiv);
        if (o->progress(o->progress_ctx, 0.0, what))
            return brink_error_set(err, BRINK_ENOCONVERGE, "Lemke: cancelled after %ld pivots",
                                   npiv);
    }
    if (o->time_limit > 0 && brink_now() - t0 >= o->time_limit)
        return brink_error_set(err, BRINK_ENOCONVERGE,
                               "Lemke: time limit of %g s reached after %ld pivots",
                               o->time_limit, npiv);
    return BRINK_OK;
}

/* ---- exact, fraction-free ---- */

typedef struct ztab {
    int n, w;   /* rows, columns (2n + 1 + nrhs) */
    int nrhs;
    mpz_t *a;   /* [n * w] */
    mpz_t det;
} ztab;

#define ZA(t, i, j) ((t)->a[(size_t)(i) * (t)->w + (j)])

/* Compare rows i1, i2 lexicographically for the ratio test on column c: the vectors
 * (rhs, w-columns) / (sign * A[i][c]). Returns <0 when row i1 is smaller. */
static int zlex_cmp(const ztab *t, int i1, int i2, int c, int sign, mpz_t x, mpz_t y)
{
    int rhs0 = 2 * t->n + 1;
    for (int k = 0; k < t->nrhs + t->n; k++) {
        int col = k < t->nrhs ? rhs0 + k : k - t->nrhs;
        mpz_mul(x, ZA(t, i1, col), ZA(t, i2, c));
        mpz_mul(y, ZA(t, i2, col), ZA(t, i1, c));
        int s = mpz_cmp(x, y) * sign;
        if (s)
            return s;
    }
    return 0;
}

static void zpivot(ztab *t, int r, int c)
{
    int W = t->w;
    for (int i = 0; i < t->n; i++) {
        if (i == r)
            continue;
        for (int j = 0; j < W; j++) {
            if (j == c)
                continue;
            mpz_mul(ZA(t, i, j), ZA(t, i, j), ZA(t, r, c));
            mpz_submul(ZA(t, i, j), ZA(t, i, c), ZA(t, r, j));
            mpz_divexact(ZA(t, i, j), ZA(t, i, j), t->det);
        }
        mpz_set_ui(ZA(t, i, c), 0);
    }
    mpz_set(t->det, ZA(t, r, c));
    if (mpz_sgn(t->det) < 0) { /* keep det > 0: negate the whole tableau */
        for (size_t k = 0; k < (size_t)t->n * W; k++)
            mpz_neg(t->a[k], t->a[k]);
        mpz_neg(t->det, t->det);
    }
}

brink_status brink_lemke_exact(const brink_lcp *l, long max_pivots, mpq_t *z, int *basis_out,
                               long *pivots, brink_error *err)
{
    int n = l->n, K = l->nrhs;
    ztab t;
    t.n = n;
    t.nrhs = K;
    t.w = 2 * n + 1 + K;
    size_t cells;
    if (brink_mul_size((size_t)n, (size_t)t.w, &cells) != 0 || cells > BRINK_MAX_EXACT_CELLS)
        return brink_error_set(err, BRINK_ETOOBIG,
                               "exact Lemke: tableau of %d x %d exceeds the exact limit", n, t.w);
    t.a = brink_calloc(cells + 1, sizeof(mpz_t));
    int *basis = brink_calloc((size_t)n + 1, sizeof *basis);
    mpz_t *scale = brink_calloc((size_t)n + 1, sizeof(mpz_t));
    if (!t.a || !basis || !scale) {
        free(t.a);
        free(basis);
        free(scale);
        return brink_error_set(err, BRINK_ENOMEM, "exact Lemke: out of memory");
    }
    for (size_t k = 0; k < cells; k++)
        mpz_init(t.a[k]);
    mpz_init_set_ui(t.det, 1);
    for (int i = 0; i < n; i++)
        mpz_init_set_ui(scale[i], 1);
    mpz_t x, y;
    mpz_init(x);
    mpz_init(y);
    mpq_t v;
    mpq_init(v);
    brink_status st = BRINK_OK;

    /* Row scale s_i = lcm of the denominators in row i. */
    for (int k = 0; k < l->nnz; k++)
        mpz_lcm(scale[l->Mi[k]], scale[l->Mi[k]], mpq_denref(l->Mq[k]));
    for (int i = 0; i < n; i++) {
        for (int r = 0; r < K; r++)
            mpz_lcm(scale[i], scale[i], mpq_denref(l->q[(size_t)i * K + r]));
        mpz_lcm(scale[i], scale[i], mpq_denref(l->d[i]));
    }
    /* Row i: w'_i - s_i M_i z - s_i d_i z0 = s_i q_i, with integer coefficients. */
    for (int k = 0; k < l->nnz; k++) {
        int i = l->Mi[k], j = l->Mj[k];
        mpz_mul(x, mpq_numref(l->Mq[k]), scale[i]);
        mpz_divexact(x, x, mpq_denref(l->Mq[k]));
        mpz_sub(ZA(&t, i, n + j), ZA(&t, i, n + j), x);
    }
    for (int i = 0; i < n; i++) {
        mpz_set_ui(ZA(&t, i, i), 1);
        mpz_mul(x, mpq_numref(l->d[i]), scale[i]);
        mpz_divexact(x, x, mpq_denref(l->d[i]));
        mpz_neg(ZA(&t, i, 2 * n), x);
        for (int r = 0; r < K; r++) {
            const mpq_t *qq = &l->q[(size_t)i * K + r];
            mpz_mul(x, mpq_numref(*qq), scale[i]);
            mpz_divexact(ZA(&t, i, 2 * n + 1 + r), x, mpq_denref(*qq));
        }
        basis[i] = i;
    }

    /* Is q lexicographically >= 0 everywhere? Then z = 0 solves the LCP. */
    int any_neg = 0;
    for (int i = 0; i < n && !any_neg; i++)
        for (int r = 0; r < K; r++) {
            int s = mpz_sgn(ZA(&t, i, 2 * n + 1 + r));
            if (s) {
                any_neg = s < 0;
                break;
            }
        }
    long npiv = 0;
    double t0 = brink_now();
    if (any_neg) {
        /* First pivot: z0 enters where q_i / d_i is lexicographically smallest. */
        int r = 0;
        for (int i = 1; i < n; i++)
            if (zlex_cmp(&t, i, r, 2 * n, -1, x, y) < 0)
                r = i;
        int entering = 2 * n;
        for (;;) {
            zpivot(&t, r, entering);
            npiv++;
            int leaving = basis[r];
            basis[r] = entering;
            if (leaving == 2 * n)
                break;
            if (max_pivots > 0 && npiv >= max_pivots) {
                st = brink_error_set(err, BRINK_ENOCONVERGE,
                                     "Lemke: stopped after %ld pivots", npiv);
                break;
            }
            if ((st = lemke_check(l, npiv, t0, err)) != BRINK_OK)
                break;
            entering = complement(leaving, n);
            r = -1;
            for (int i = 0; i < n; i++) {
                if (mpz_sgn(ZA(&t, i, entering)) <= 0)
                    continue;
                if (r < 0 || zlex_cmp(&t, i, r, entering, 1, x, y) < 0)
                    r = i;
            }
            if (r < 0) {
                st = brink_error_set(err, BRINK_EINTERNAL,
                                     "Lemke: secondary ray after %ld pivots (the LCP "
                                     "conditions that guarantee a solution do not hold)",
                                     npiv);
                break;
            }
        }
    }
    if (st == BRINK_OK) {
        for (size_t k = 0; k < (size_t)n * K; k++)
            mpq_set_ui(z[k], 0, 1);
        for (int i = 0; i < n; i++) {
            int b = basis[i];
            if (b < n || b >= 2 * n)
                continue;
            for (int r = 0; r < K; r++) {
                mpq_set_num(v, ZA(&t, i, 2 * n + 1 + r));
                mpq_set_den(v, t.det);
                mpq_canonicalize(v);
                mpq_set(z[(size_t)(b - n) * K + r], v);
            }
        }
        if (basis_out)
            memcpy(basis_out, basis, (size_t)n * sizeof *basis);
    }
    if (pivots)
        *pivots = npiv;
    for (size_t k = 0; k < cells; k++)
        mpz_clear(t.a[k]);
    for (int i = 0; i < n; i++)
        mpz_clear(scale[i]);
    mpz_clear(t.det);
    mpz_clear(x);
    mpz_clear(y);
    mpq_clear(v);
    free(t.a);
    free(basis);
    free(scale);
    return st;
}

/* ---- doubles ---- */

typedef struct dtab {
    int n, w, nrhs;
    double *a; /* [n * w], w = 2n + 1 + nrhs */
    double tol;
} dtab;

#define DA(t, i, j) ((t)->a[(size_t)(i) * (t)->w + (j)])

static int dlex_cmp(const dtab *t, int i1, int i2, int c, double sign)
{
    int rhs = 2 * t->n + 1;
    for (int k = 0; k < t->nrhs + t->n; k++) {
        int col = k < t->nrhs ? rhs + k : k - t->nrhs;
        double a = DA(t, i1, col) / (sign * DA(t, i1, c));
        double b = DA(t, i2, col) / (sign * DA(t, i2, c));
        /* fmax(1, fmax(|a|, |b|)) without the library calls: it differs only when a or b
         * is NaN, and then a - b is NaN and the test below fails either way */
        double fa = fabs(a), fb = fabs(b), scale = fa > fb ? fa : fb;
        if (!(scale > 1.0))
            scale = 1.0;
        if (fabs(a - b) > t->tol * scale)
            return a < b ? -1 : 1;
    }
    return 0;
}

/* Pivot on (r, c). The pivot row is sparse in practice, so only its nonzero columns are
 * touched (nz: scratch of w ints). */
static void dpivot(dtab *t, int r, int c, int *nz)
{
    int W = t->w;
    double piv = DA(t, r, c);
    double *rr = &DA(t, r, 0);
    int nnz = 0;
    for (int j = 0; j < W; j++) {
        if (rr[j] != 0) {
            rr[j] /= piv;
            nz[nnz++] = j;
        }
    }
    rr[c] = 1.0;
    for (int i = 0; i < t->n; i++) {
        if (i == r)
            continue;
        double *ri = &DA(t, i, 0);
        double f = ri[c];
        if (f == 0)
            continue;
        for (int k = 0; k < nnz; k++)
            ri[nz[k]] -= f * rr[nz[k]];
        ri[c] = 0;
    }
}

/* The power of two nearest 1/x (1 for x = 0 or not finite). */
static double pow2_inverse(double x)
{
    if (!(x > 0) || !isfinite(x))
        return 1.0;
    int e;
    frexp(x, &e);
    return ldexp(1.0, -e);
}

brink_status brink_lemke_double(const brink_lcp *l, long max_pivots, double tol, double *z,
                                int *basis_out, long *pivots, brink_error *err)
{
    int n = l->n, K = l->nrhs;
    dtab t;
    t.n = n;
    t.nrhs = K;
    t.w = 2 * n + 1 + K;
    t.tol = tol > 0 ? tol : 1e-12;
    size_t cells;
    if (brink_mul_size((size_t)n, (size_t)t.w, &cells) != 0 || cells > BRINK_MAX_CELLS)
        return brink_error_set(err, BRINK_ETOOBIG,
                               "Lemke: tableau of %d x %d exceeds the size limit", n, t.w);
    /* the tableau: the LCP's own buffer (kept for its next game) when it has one */
    t.a = l->pool ? pool_doubles(l->pool, cells) : brink_calloc(cells, sizeof(double));
    double *own = l->pool ? NULL : t.a;
    int *basis = brink_calloc((size_t)n + 1, sizeof *basis);
    int *nz = brink_calloc((size_t)t.w, sizeof *nz);
    if (!t.a || !basis || !nz) {
        free(own);
        free(basis);
        free(nz);
        return brink_error_set(err, BRINK_ENOMEM, "Lemke: out of memory");
    }
    /* Equilibrate: scale row i by rs[i] and the column of z_j by cs[j] (powers of two, so
     * exactly). Scaling rows and variables changes no basis and no lexicographic order, but
     * puts payoffs of any magnitude on the same footing for the tolerances. */
    double *rs = brink_calloc((size_t)(2 * n) + 1, sizeof *rs), *cs = rs ? rs + n : NULL;
    if (!rs) {
        free(own);
        free(basis);
        free(nz);
        return brink_error_set(err, BRINK_ENOMEM, "Lemke: out of memory");
    }
    for (int i = 0; i < n; i++)
        rs[i] = fabs(l->dd[i]);
    for (int k = 0; k < l->nnz; k++)
        rs[l->Mi[k]] = fmax(rs[l->Mi[k]], fabs(l->Md[k]));
    for (int i = 0; i < n; i++)
        rs[i] = pow2_inverse(rs[i]);
    for (int k = 0; k < l->nnz; k++)
        cs[l->Mj[k]] = fmax(cs[l->Mj[k]], fabs(l->Md[k]) * rs[l->Mi[k]]);
    for (int j = 0; j < n; j++)
        cs[j] = pow2_inverse(cs[j]);
    for (int k = 0; k < l->nnz; k++)
        DA(&t, l->Mi[k], n + l->Mj[k]) -= l->Md[k] * rs[l->Mi[k]] * cs[l->Mj[k]];
    int any_neg = 0;
    for (int i = 0; i < n; i++) {
        DA(&t, i, i) = rs[i];
        DA(&t, i, 2 * n) = -l->dd[i] * rs[i];
        basis[i] = i;
        int sign = 0;
        for (int k = 0; k < K; k++) {
            double qk = l->qd[(size_t)i * K + k];
            DA(&t, i, 2 * n + 1 + k) = qk * rs[i];
            if (!sign && qk != 0)
                sign = qk < 0 ? -1 : 1;
        }
        if (sign < 0)
            any_neg = 1;
    }
    brink_status st = BRINK_OK;
    long npiv = 0;
    double t0 = brink_now();
    if (any_neg) {
        int r = 0;
        for (int i = 1; i < n; i++)
            if (dlex_cmp(&t, i, r, 2 * n, -1.0) < 0)
                r = i;
        int entering = 2 * n;
        for (;;) {
            dpivot(&t, r, entering, nz);
            npiv++;
            int leaving = basis[r];
            basis[r] = entering;
            if (leaving == 2 * n)
                break;
            if (max_pivots > 0 && npiv >= max_pivots) {
                st = brink_error_set(err, BRINK_ENOCONVERGE,
                                     "Lemke: stopped after %ld pivots", npiv);
                break;
            }
            if ((st = lemke_check(l, npiv, t0, err)) != BRINK_OK)
                break;
            entering = complement(leaving, n);
            r = -1;
            for (int i = 0; i < n; i++) {
                if (DA(&t, i, entering) <= t.tol)
                    continue;
                if (r < 0 || dlex_cmp(&t, i, r, entering, 1.0) < 0)
                    r = i;
            }
            if (r < 0) {
                st = brink_error_set(err, BRINK_EINTERNAL,
                                     "Lemke: secondary ray after %ld pivots", npiv);
                break;
            }
        }
    }
    if (st == BRINK_OK) {
        for (int j = 0; j < n; j++)
            z[j] = 0;
        for (int i = 0; i < n; i++)
            if (basis[i] >= n && basis[i] < 2 * n)
                z[basis[i] - n] = DA(&t, i, 2 * n + 1) * cs[basis[i] - n];
        if (basis_out)
            memcpy(basis_out, basis, (size_t)n * sizeof *basis);
    }
    if (pivots)
        *pivots = npiv;
    free(own);
    free(basis);
    free(nz);
    free(rs);
    return st;
}

/* The sparse rational elimination (qsolve.c): any size. */
static brink_status solve_basis_sparse(const brink_lcp *l, const int *basis, mpq_t *z,
                                       int *feasible, brink_error *err)
{
    int n = l->n;
    *feasible = 0;
    /* Column of each variable in the basis: unknown k is basis[k]. */
    int *pos = brink_calloc((size_t)2 * n + 1, sizeof *pos);
    int K = l->nrhs;
    brink_qsys *s = brink_qsys_new(n, K);
    mpq_t *x = brink_q_array_new((size_t)n * K + 1);
    mpq_t t;
    mpq_init(t);
    brink_status st = BRINK_OK;
    if (!pos || !s || !x) {
        st = brink_error_set(err, BRINK_ENOMEM, "exact basis solve: out of memory");
        goto out;
    }
    for (int v = 0; v <= 2 * n; v++)
        pos[v] = -1;
    for (int k = 0; k < n; k++)
        pos[basis[k]] = k;
    for (int k = 0; k < n && st == BRINK_OK; k++) {
        int b = basis[k];
        if (b < n) {
            st = brink_qsys_add_si(s, b, k, 1, err);
        } else if (b == 2 * n) {
            for (int i = 0; i < n && st == BRINK_OK; i++) {
                mpq_neg(t, l->d[i]);
                st = brink_qsys_add(s, i, k, t, err);
            }
        }
    }
    for (int e = 0; e < l->nnz && st == BRINK_OK; e++) {
        int k = pos[n + l->Mj[e]];
        if (k < 0)
            continue;
        mpq_neg(t, l->Mq[e]);
        st = brink_qsys_add(s, l->Mi[e], k, t, err);
    }
    if (st != BRINK_OK)
        goto out;
    for (int i = 0; i < n; i++)
        for (int r = 0; r < K; r++)
            brink_qsys_set_rhs(s, i, r, l->q[(size_t)i * K + r]);
    st = brink_qsys_solve(s, x, err);
    if (st != BRINK_OK)
        goto out;
    int ok = 1;
    for (int k = 0; k < n; k++) {
        int sign = 0;
        for (int r = 0; r < K && !sign; r++)
            sign = mpq_sgn(x[(size_t)k * K + r]);
        if (sign < 0)
            ok = 0; /* negative for small eps */
        if (basis[k] == 2 * n && sign != 0)
            ok = 0;
    }
    for (size_t j = 0; j < (size_t)n * K; j++)
        mpq_set_ui(z[j], 0, 1);
    for (int k = 0; k < n; k++)
        if (basis[k] >= n && basis[k] < 2 * n)
            for (int r = 0; r < K; r++)
                mpq_set(z[(size_t)(basis[k] - n) * K + r], x[(size_t)k * K + r]);
    *feasible = ok;
out:
    brink_qsys_free(s);
    mpq_clear(t);
    free(pos);
    if (x)
        brink_q_array_free(x, (size_t)n * K + 1);
    return st;
}

/* ---- the final basis solved fraction-free ----
 *
 * Rows whose w is basic only give that w once the rest is known, so the system that needs
 * solving is the m x m block of the other rows and the other basic variables (z's and z0).
 * Each row is scaled to integers (by the lcm of its denominators, as in the exact run), the
 * block is reduced by Bareiss's fraction-free elimination (one exact division per update,
 * no gcd), and back substitution gives y = D x in integers (Cramer: D = det, up to sign),
 * so every unknown is one quotient y / D, made canonical once. The w's are only needed for
 * their signs: D s_b w_b = D s_b q_b + sum_j s_b M_bj y_j + s_b d_b y_z0, in integers. The
 * solution is unique, so z is the same as the sparse rational elimination gives; a block
 * larger than DENSE_MAX goes to that elimination instead (dense cost grows as m^3). */
#define DENSE_MAX 48

brink_status brink_lcp_solve_basis_exact(const brink_lcp *l, const int *basis, mpq_t *z,
                                         int *feasible, brink_error *err)
{
    return brink_lcp_solve_basis_exact_int(l, basis, z, NULL, NULL, NULL, feasible, err);
}

brink_status brink_lcp_solve_basis_exact_int(const brink_lcp *l, const int *basis, mpq_t *z,
                                             mpz_t *zn, mpz_ptr zden, int *as_int,
                                             int *feasible, brink_error *err)
{
    int n = l->n, K = l->nrhs;
    *feasible = 0;
    if (as_int)
        *as_int = 0;
    /* rows covered by a basic w, and the basic z's / z0 */
    int *rowk = brink_calloc((size_t)2 * n + 1, sizeof *rowk), *colof = rowk ? rowk + n : NULL;
    if (!rowk)
        return brink_error_set(err, BRINK_ENOMEM, "exact basis solve: out of memory");
    for (int i = 0; i < n; i++)
        rowk[i] = -1;
    for (int v = 0; v <= n; v++)
        colof[v] = -1;   /* colof[j] for z_j (j < n), colof[n] for z0: column in the block */
    int m = 0, nw = 0, bad = 0;
    for (int k = 0; k < n; k++) {
        int b = basis[k];
        if (b < 0 || b > 2 * n) {
            bad = 1;
        } else if (b < n) {
            bad |= rowk[b] >= 0;
            rowk[b] = k;
            nw++;
        } else {
            bad |= colof[b - n] >= 0;
            colof[b - n] = m++;
        }
    }
    if (bad || m + nw != n || m > DENSE_MAX || !l->pool) {
        free(rowk);
        return solve_basis_sparse(l, basis, z, feasible, err);
    }
    /* block rows: the rows without a basic w, in order */
    /* rowof [n + 1], then sync [m + 1], rowstart [n + 1], rowent [nnz] */
    int *rowof = brink_calloc((size_t)2 * n + (size_t)m + (size_t)l->nnz + 3, sizeof *rowof);
    int *sync = rowof ? rowof + n + 1 : NULL;
    int *rowstart = sync ? sync + m + 1 : NULL, *rowent = rowstart ? rowstart + n + 1 : NULL;
    int W = m + K;   /* block width: m unknowns, K right-hand sides */
    size_t nz = (size_t)n + (size_t)m * W + (size_t)m * K + 4 + (size_t)m + 1;
    mpz_t *zs = pool_get(l->pool, nz);
    if (!rowof || !zs) {
        free(rowk);
        free(rowof);
        return brink_error_set(err, BRINK_ENOMEM, "exact basis solve: out of memory");
    }
    for (size_t k = (size_t)n; k < (size_t)n + (size_t)m * W; k++)
        mpz_set_ui(zs[k], 0);   /* the block is accumulated into */
    mpz_t *scale = zs;               /* [n] */
    mpz_t *A = zs + n;               /* [m * W] */
    mpz_t *Y = A + (size_t)m * W;    /* [m * K]: y = D x, by block column */
    mpz_t *tz = Y + (size_t)m * K;   /* 4 temporaries */
    mpz_t *x = &tz[1], *acc = &tz[2], *D = &tz[3];
    mpz_t *prevs = tz + 4;           /* [m + 1]: the divisor of each step (1, then pivots) */
    int r = 0;
    for (int i = 0; i < n; i++)
        rowof[i] = rowk[i] < 0 ? r++ : -1;
    brink_status st = BRINK_OK;
    int z0col = colof[n];
    /* row scales: lcm of the denominators the row uses */
    for (int i = 0; i < n; i++) {
        mpz_set_ui(scale[i], 1);
        for (int t = 0; t < K; t++)
            if (mpz_cmp_ui(mpq_denref(l->q[(size_t)i * K + t]), 1) != 0)
                mpz_lcm(scale[i], scale[i], mpq_denref(l->q[(size_t)i * K + t]));
        if (z0col >= 0 && mpz_cmp_ui(mpq_denref(l->d[i]), 1) != 0)
            mpz_lcm(scale[i], scale[i], mpq_denref(l->d[i]));
    }
    for (int e = 0; e < l->nnz; e++)
        if (colof[l->Mj[e]] >= 0 && mpz_cmp_ui(mpq_denref(l->Mq[e]), 1) != 0)
            mpz_lcm(scale[l->Mi[e]], scale[l->Mi[e]], mpq_denref(l->Mq[e]));
    /* the block: -s_i M_ij at z_j, -s_i d_i at z0, s_i q_i on the right */
    for (int e = 0; e < l->nnz; e++) {
        int i = l->Mi[e], c = colof[l->Mj[e]];
        if (c < 0 || rowof[i] < 0)
            continue;
        mpz_divexact(*x, scale[i], mpq_denref(l->Mq[e]));
        mpz_submul(A[(size_t)rowof[i] * W + c], *x, mpq_numref(l->Mq[e]));
    }
    for (int i = 0; i < n; i++) {
        int br = rowof[i];
        if (br < 0)
            continue;
        if (z0col >= 0) {
            mpz_divexact(*x, scale[i], mpq_denref(l->d[i]));
            mpz_mul(*x, *x, mpq_numref(l->d[i]));
            mpz_neg(A[(size_t)br * W + z0col], *x);
        }
        for (int t = 0; t < K; t++) {
            const mpq_t *qq = &l->q[(size_t)i * K + t];
            mpz_divexact(*x, scale[i], mpq_denref(*qq));
            mpz_mul(A[(size_t)br * W + m + t], *x, mpq_numref(*qq));
        }
    }
    /* Bareiss, with lazy row scaling. A step whose row i has a 0 in the pivot column only
     * multiplies that row by pivot / previous pivot; over the steps s..p-1 those factors
     * telescope to prevs[p] / prevs[s]. So such a row is left as it is (sync[i] = s: its
     * entries are those before step s) and brought up to date in one multiply and one
     * exact division per entry when a step needs it: when it has a nonzero in the pivot
     * column (it is then a pivot candidate or gets eliminated). Every row is up to date
     * when it is the pivot row, so the rows, the pivots chosen (least size among the
     * nonzeros, read up to date) and D are exactly those of the step-by-step elimination. */
    mpz_set_ui(prevs[0], 1);
    for (int i = 0; i < m; i++)
        sync[i] = 0;
    for (int p = 0; p < m; p++) {
        int piv = -1;
        for (int i = p; i < m; i++) {
            mpz_t *ri = &A[(size_t)i * W];
            if (mpz_sgn(ri[p]) == 0)
                continue;
            if (sync[i] < p) {
                for (int j = p; j < W; j++) {
                    if (mpz_sgn(ri[j]) == 0)
                        continue;
                    mpz_mul(ri[j], ri[j], prevs[p]);
                    mpz_divexact(ri[j], ri[j], prevs[sync[i]]);
                }
                sync[i] = p;
            }
            if (piv < 0 || mpz_size(ri[p]) < mpz_size(A[(size_t)piv * W + p]))
                piv = i;
        }
        if (piv < 0) {
            st = brink_error_set(err, BRINK_EINVALID, "exact basis solve: singular matrix");
            goto out;
        }
        if (piv != p) {
            for (int j = p; j < W; j++)
                mpz_swap(A[(size_t)piv * W + j], A[(size_t)p * W + j]);
            int t = sync[piv];
            sync[piv] = sync[p];
            sync[p] = t;
        }
        const mpz_t *rp = (const mpz_t *)&A[(size_t)p * W];
        for (int i = p + 1; i < m; i++) {
            mpz_t *ri = &A[(size_t)i * W];
            if (mpz_sgn(ri[p]) == 0)
                continue;   /* scaled lazily (above) */
            for (int j = p + 1; j < W; j++) {
                mpz_mul(ri[j], ri[j], rp[p]);
                mpz_submul(ri[j], ri[p], rp[j]);
                mpz_divexact(ri[j], ri[j], prevs[p]);
            }   /* (ri[p] is not read again: no need to zero it) */
            sync[i] = p + 1;
        }
        mpz_set(prevs[p + 1], rp[p]);
    }
    /* back substitution: y = D x with D the last pivot (det up to sign) */
    if (m > 0)
        mpz_set(*D, A[(size_t)(m - 1) * W + (m - 1)]);
    else
        mpz_set_ui(*D, 1);   /* every basic variable a w: z = 0 */
    for (int t = 0; t < K; t++)
        for (int i = m - 1; i >= 0; i--) {
            const mpz_t *ri = (const mpz_t *)&A[(size_t)i * W];
            mpz_mul(*acc, *D, ri[m + t]);
            for (int j = i + 1; j < m; j++)
                mpz_submul(*acc, ri[j], Y[(size_t)j * K + t]);
            mpz_divexact(Y[(size_t)i * K + t], *acc, ri[i]);
        }
    /* feasibility: every basic variable lexicographically >= 0, z0 zero; sign(x) is
     * sign(y) * sign(D), and w_b's sign that of D s_b w_b times sign(D) */
    int sD = mpz_sgn(*D), ok = 1;
    for (int c = 0; c <= n && ok; c++) {
        int col = colof[c];
        if (col < 0)
            continue;
        int sign = 0;
        for (int t = 0; t < K && !sign; t++)
            sign = mpz_sgn(Y[(size_t)col * K + t]) * sD;
        if (sign < 0 || (c == n && sign != 0))
            ok = 0;
    }
    if (ok && nw > 0) {
        /* the triplets by row (counting sort), for the rows of the basic w's */
        for (int i = 0; i <= n; i++)
            rowstart[i] = 0;
        for (int e = 0; e < l->nnz; e++)
            rowstart[l->Mi[e] + 1]++;
        for (int i = 0; i < n; i++)
            rowstart[i + 1] += rowstart[i];
        for (int e = 0; e < l->nnz; e++)
            rowent[rowstart[l->Mi[e]]++] = e;
        for (int i = n; i > 0; i--)
            rowstart[i] = rowstart[i - 1];
        rowstart[0] = 0;
        /* w_b: accumulate D s_b q_b + sum_j s_b M_bj y_j + s_b d_b y_z0 per rhs column */
        for (int b = 0; b < n && ok; b++) {
            if (rowk[b] < 0)
                continue;
            int sign = 0;
            for (int t = 0; t < K && !sign; t++) {
                const mpq_t *qq = &l->q[(size_t)b * K + t];
                mpz_divexact(*x, scale[b], mpq_denref(*qq));
                mpz_mul(*x, *x, mpq_numref(*qq));
                mpz_mul(*acc, *x, *D);
                for (int k = rowstart[b]; k < rowstart[b + 1]; k++) {
                    int e = rowent[k];
                    if (colof[l->Mj[e]] < 0)
                        continue;
                    mpz_divexact(*x, scale[b], mpq_denref(l->Mq[e]));
                    mpz_mul(*x, *x, mpq_numref(l->Mq[e]));
                    mpz_addmul(*acc, *x, Y[(size_t)colof[l->Mj[e]] * K + t]);
                }
                if (z0col >= 0) {
                    mpz_divexact(*x, scale[b], mpq_denref(l->d[b]));
                    mpz_mul(*x, *x, mpq_numref(l->d[b]));
                    mpz_addmul(*acc, *x, Y[(size_t)z0col * K + t]);
                }
                sign = mpz_sgn(*acc) * sD;
            }
            if (sign < 0)
                ok = 0;
        }
    }
    if (zn) {
        /* z = zn / zden over the one positive denominator |D|, no quotient made */
        int neg = sD < 0;
        mpz_abs(zden, *D);
        for (int j = 0; j < n; j++) {
            int col = colof[j];
            for (int t = 0; t < K; t++) {
                mpz_ptr y = zn[(size_t)j * K + t];
                if (col < 0)
                    mpz_set_ui(y, 0);
                else if (neg)
                    mpz_neg(y, Y[(size_t)col * K + t]);
                else
                    mpz_set(y, Y[(size_t)col * K + t]);
            }
        }
        *as_int = 1;
        *feasible = ok;
        goto out;
    }
    for (size_t j = 0; j < (size_t)n * K; j++)
        mpq_set_ui(z[j], 0, 1);
    for (int j = 0; j < n; j++) {
        int col = colof[j];
        if (col < 0)
            continue;
        for (int t = 0; t < K; t++) {
            mpq_t *zz = &z[(size_t)j * K + t];
            if (mpz_sgn(Y[(size_t)col * K + t]) == 0)
                continue;   /* 0 already, canonical */
            mpq_set_num(*zz, Y[(size_t)col * K + t]);
            mpq_set_den(*zz, *D);
            mpq_canonicalize(*zz);
        }
    }
    *feasible = ok;
out:
    free(rowk);
    free(rowof);
    return st;
}
