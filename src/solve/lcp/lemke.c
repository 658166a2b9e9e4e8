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
    if (!l->q || !l->d || !l->qd || !l->dd) {
        brink_lcp_free(l);
        return NULL;
    }
    return l;
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
    free(l->Mi);
    free(l->Mj);
    free(l->Md);
    free(l->qd);
    free(l->dd);
    free(l);
}

brink_status brink_lcp_add(brink_lcp *l, int i, int j, const mpq_t v, brink_error *err)
{
    if (mpq_sgn(v) == 0)
        return BRINK_OK;
    if (l->nnz == l->cap) {
        int ncap = l->cap ? 2 * l->cap : 64;
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
    }
    l->Mi[l->nnz] = i;
    l->Mj[l->nnz] = j;
    mpq_set(l->Mq[l->nnz], v);
    l->nnz++;
    return BRINK_OK;
}

brink_status brink_lcp_add_si(brink_lcp *l, int i, int j, long v, brink_error *err)
{
    mpq_t q;
    mpq_init(q);
    mpq_set_si(q, v, 1);
    brink_status st = brink_lcp_add(l, i, j, q, err);
    mpq_clear(q);
    return st;
}

brink_status brink_lcp_sync_doubles(brink_lcp *l, brink_error *err)
{
    free(l->Md);
    l->Md = brink_calloc((size_t)l->nnz + 1, sizeof(double));
    if (!l->Md)
        return brink_error_set(err, BRINK_ENOMEM, "LCP: out of memory");
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
        double scale = fmax(1.0, fmax(fabs(a), fabs(b)));
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
    t.a = brink_calloc(cells, sizeof(double));
    int *basis = brink_calloc((size_t)n + 1, sizeof *basis);
    int *nz = brink_calloc((size_t)t.w, sizeof *nz);
    if (!t.a || !basis || !nz) {
        free(t.a);
        free(basis);
        free(nz);
        return brink_error_set(err, BRINK_ENOMEM, "Lemke: out of memory");
    }
    /* Equilibrate: scale row i by rs[i] and the column of z_j by cs[j] (powers of two, so
     * exactly). Scaling rows and variables changes no basis and no lexicographic order, but
     * puts payoffs of any magnitude on the same footing for the tolerances. */
    double *rs = brink_calloc((size_t)(2 * n) + 1, sizeof *rs), *cs = rs ? rs + n : NULL;
    if (!rs) {
        free(t.a);
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
    free(t.a);
    free(basis);
    free(nz);
    free(rs);
    return st;
}

brink_status brink_lcp_solve_basis_exact(const brink_lcp *l, const int *basis, mpq_t *z,
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
