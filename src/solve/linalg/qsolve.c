/* qsolve.c — sparse exact Gaussian elimination (see qsolve.h).
 *
 * Rows are sorted sparse vectors of (column, mpq). Each step pivots on a shortest remaining
 * row, in its column with the fewest remaining entries (a cheap Markowitz rule), and
 * eliminates that column from the other remaining rows. Invariant: a row that has been a
 * pivot row only contains its pivot column and columns pivoted later, so back substitution
 * in reverse pivot order sees every other unknown already solved.
 */
#include <stdlib.h>
#include <string.h>
#include "brink/core.h"
#include "solve/linalg/qsolve.h"

typedef struct qrow {
    int len, cap;
    int *col;
    mpq_t *val;
} qrow;

struct brink_qsys {
    int n, nrhs;
    qrow *rows;
    mpq_t *rhs; /* [n * nrhs] */
    int *colcount; /* entries per column among rows not yet pivoted */
};

brink_qsys *brink_qsys_new(int n, int nrhs)
{
    brink_qsys *s = brink_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->n = n;
    s->nrhs = nrhs;
    s->rows = brink_calloc((size_t)n + 1, sizeof *s->rows);
    s->rhs = brink_q_array_new((size_t)n * nrhs + 1);
    s->colcount = brink_calloc((size_t)n + 1, sizeof *s->colcount);
    if (!s->rows || !s->rhs || !s->colcount) {
        brink_qsys_free(s);
        return NULL;
    }
    return s;
}

static void qrow_free(qrow *r)
{
    for (int k = 0; k < r->cap; k++)
        mpq_clear(r->val[k]);
    free(r->col);
    free(r->val);
    memset(r, 0, sizeof *r);
}

void brink_qsys_free(brink_qsys *s)
{
    if (!s)
        return;
    if (s->rows)
        for (int i = 0; i < s->n; i++)
            qrow_free(&s->rows[i]);
    free(s->rows);
    if (s->rhs)
        brink_q_array_free(s->rhs, (size_t)s->n * s->nrhs + 1);
    free(s->colcount);
    free(s);
}

static int qrow_reserve(qrow *r, int need)
{
    if (need <= r->cap)
        return 0;
    int ncap = r->cap ? r->cap : 4;
    while (ncap < need)
        ncap *= 2;
    int *nc = brink_reallocarray(r->col, (size_t)ncap, sizeof *nc);
    if (!nc)
        return -1;
    r->col = nc;
    mpq_t *nv = brink_reallocarray(r->val, (size_t)ncap, sizeof *nv);
    if (!nv)
        return -1;
    r->val = nv;
    for (int k = r->cap; k < ncap; k++)
        mpq_init(r->val[k]);
    r->cap = ncap;
    return 0;
}

/* Position of col in r, or -(insertion point) - 1. */
static int qrow_find(const qrow *r, int col)
{
    int lo = 0, hi = r->len;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (r->col[mid] < col)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->len && r->col[lo] == col ? lo : -lo - 1;
}

brink_status brink_qsys_add(brink_qsys *s, int row, int col, const mpq_t v, brink_error *err)
{
    if (mpq_sgn(v) == 0)
        return BRINK_OK;
    qrow *r = &s->rows[row];
    int k = qrow_find(r, col);
    if (k >= 0) {
        mpq_add(r->val[k], r->val[k], v);
        if (mpq_sgn(r->val[k]) == 0) { /* cancelled: remove */
            mpq_t t;
            memcpy(t, r->val[k], sizeof t);
            memmove(r->col + k, r->col + k + 1, (size_t)(r->len - k - 1) * sizeof(int));
            memmove(r->val + k, r->val + k + 1, (size_t)(r->len - k - 1) * sizeof(mpq_t));
            memcpy(r->val[r->len - 1], t, sizeof t);
            r->len--;
            s->colcount[col]--;
        }
        return BRINK_OK;
    }
    if (qrow_reserve(r, r->len + 1) < 0)
        return brink_error_set(err, BRINK_ENOMEM, "exact linear solve: out of memory");
    k = -k - 1;
    mpq_t t; /* the spare initialised slot at the end moves into position k */
    memcpy(t, r->val[r->len], sizeof t);
    memmove(r->col + k + 1, r->col + k, (size_t)(r->len - k) * sizeof(int));
    memmove(r->val + k + 1, r->val + k, (size_t)(r->len - k) * sizeof(mpq_t));
    memcpy(r->val[k], t, sizeof t);
    r->col[k] = col;
    mpq_set(r->val[k], v);
    r->len++;
    s->colcount[col]++;
    return BRINK_OK;
}

brink_status brink_qsys_add_si(brink_qsys *s, int row, int col, long v, brink_error *err)
{
    mpq_t q;
    mpq_init(q);
    mpq_set_si(q, v, 1);
    brink_status st = brink_qsys_add(s, row, col, q, err);
    mpq_clear(q);
    return st;
}

void brink_qsys_set_rhs(brink_qsys *s, int row, int k, const mpq_t v)
{
    mpq_set(s->rhs[(size_t)row * s->nrhs + k], v);
}

/* dst = dst - f * src (sorted merge into scratch, then swap buffers). */
static int qrow_axpy(qrow *dst, const qrow *src, const mpq_t f, qrow *scratch, int *colcount,
                     mpq_t tmp)
{
    if (qrow_reserve(scratch, dst->len + src->len) < 0)
        return -1;
    int i = 0, j = 0, k = 0;
    while (i < dst->len || j < src->len) {
        int ci = i < dst->len ? dst->col[i] : -1;
        int cj = j < src->len ? src->col[j] : -1;
        if (cj < 0 || (ci >= 0 && ci < cj)) {
            scratch->col[k] = ci;
            mpq_swap(scratch->val[k], dst->val[i]);
            i++, k++;
        } else if (ci < 0 || cj < ci) {
            scratch->col[k] = cj;
            mpq_mul(scratch->val[k], f, src->val[j]);
            mpq_neg(scratch->val[k], scratch->val[k]);
            colcount[cj]++;
            j++, k++;
        } else {
            mpq_mul(tmp, f, src->val[j]);
            mpq_sub(scratch->val[k], dst->val[i], tmp);
            if (mpq_sgn(scratch->val[k]) == 0)
                colcount[ci]--;
            else
                scratch->col[k] = ci, k++;
            i++, j++;
        }
    }
    scratch->len = k;
    qrow t = *dst;
    *dst = *scratch;
    *scratch = t;
    scratch->len = 0;
    return 0;
}

brink_status brink_qsys_solve(brink_qsys *s, mpq_t *x, brink_error *err)
{
    int n = s->n;
    int *order = brink_calloc((size_t)n + 1, sizeof *order);   /* pivot rows in order */
    int *pivcol = brink_calloc((size_t)n + 1, sizeof *pivcol); /* pivot column of row */
    char *done = brink_calloc((size_t)n + 1, 1);
    qrow scratch;
    memset(&scratch, 0, sizeof scratch);
    mpq_t f, tmp;
    mpq_init(f);
    mpq_init(tmp);
    brink_status st = BRINK_OK;
    if (!order || !pivcol || !done) {
        st = brink_error_set(err, BRINK_ENOMEM, "exact linear solve: out of memory");
        goto out;
    }
    for (int step = 0; step < n; step++) {
        int p = -1;
        for (int i = 0; i < n; i++)
            if (!done[i] && (p < 0 || s->rows[i].len < s->rows[p].len))
                p = i;
        qrow *rp = &s->rows[p];
        if (rp->len == 0) {
            st = brink_error_set(err, BRINK_EINVALID, "exact linear solve: singular matrix");
            goto out;
        }
        int kbest = 0;
        for (int k = 1; k < rp->len; k++)
            if (s->colcount[rp->col[k]] < s->colcount[rp->col[kbest]])
                kbest = k;
        int c = rp->col[kbest];
        done[p] = 1;
        order[step] = p;
        pivcol[p] = c;
        for (int k = 0; k < rp->len; k++)
            s->colcount[rp->col[k]]--; /* the pivot row leaves the active set */
        if (s->colcount[c] == 0)
            continue;
        for (int i = 0; i < n; i++) {
            if (done[i])
                continue;
            int k = qrow_find(&s->rows[i], c);
            if (k < 0)
                continue;
            mpq_div(f, s->rows[i].val[k], rp->val[kbest]);
            for (int r = 0; r < s->nrhs; r++) {
                mpq_t *ri = &s->rhs[(size_t)i * s->nrhs + r];
                mpq_mul(tmp, f, s->rhs[(size_t)p * s->nrhs + r]);
                mpq_sub(*ri, *ri, tmp);
            }
            if (qrow_axpy(&s->rows[i], rp, f, &scratch, s->colcount, tmp) < 0) {
                st = brink_error_set(err, BRINK_ENOMEM, "exact linear solve: out of memory");
                goto out;
            }
        }
    }
    int K = s->nrhs;
    for (int step = n - 1; step >= 0; step--) {
        int p = order[step];
        qrow *rp = &s->rows[p];
        for (int r = 0; r < K; r++) {
            mpq_set(f, s->rhs[(size_t)p * K + r]);
            int kp = -1;
            for (int k = 0; k < rp->len; k++) {
                if (rp->col[k] == pivcol[p]) {
                    kp = k;
                    continue;
                }
                mpq_mul(tmp, rp->val[k], x[(size_t)rp->col[k] * K + r]);
                mpq_sub(f, f, tmp);
            }
            mpq_div(x[(size_t)pivcol[p] * K + r], f, rp->val[kp]);
        }
    }
out:
    qrow_free(&scratch);
    mpq_clear(f);
    mpq_clear(tmp);
    free(order);
    free(pivcol);
    free(done);
    return st;
}
