/* ksolve.c — partner systems (floating filter + exact Bareiss) and tight points (see ksolve.h).
 *
 * The filter is one-sided: it may only answer "clear miss". It solves in doubles by LU with
 * partial pivoting, estimates the condition number from the computed inverse, and bounds the
 * error of the solution by safety * ||A^-1|| * (residual + rounding of the residual). When the
 * condition estimate exceeds max_cond (the estimate itself would then be unreliable), or a
 * constraint is violated by less than the bound, the exact elimination decides.
 */
#include "solve/enum/ksolve.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "solve/linalg/dlu.h"
#include "solve/enum/lset.h"

int ksolve_init(ksolve *ks, int rows, int cols, const mpz_t *m, int cap)
{
    memset(ks, 0, sizeof *ks);
    ks->rows = rows;
    ks->cols = cols;
    ks->m = m;
    ks->cap = cap < 1 ? 1 : cap;
    ks->max_cond = 1e8;
    ks->safety = 16;
    size_t c = (size_t)ks->cap;
    ks->md = malloc(sizeof(double) * (size_t)rows * cols);
    ks->lu = malloc(sizeof(double) * c * c);
    ks->inv = malloc(sizeof(double) * c * c);
    ks->yd = malloc(sizeof(double) * c);
    ks->tmp = malloc(sizeof(double) * c);
    ks->perm = malloc(sizeof(int) * c);
    ks->za = malloc(sizeof(mpz_t) * c * (c + 1));
    ks->num = malloc(sizeof(mpz_t) * c);
    if (!ks->md || !ks->lu || !ks->inv || !ks->yd || !ks->tmp || !ks->perm || !ks->za ||
        !ks->num) {
        free(ks->za);
        free(ks->num);
        ks->za = NULL;
        ks->num = NULL;
        ksolve_free(ks);
        return -1;
    }
    for (size_t i = 0; i < c * (c + 1); i++)
        mpz_init(ks->za[i]);
    for (size_t i = 0; i < c; i++)
        mpz_init(ks->num[i]);
    mpz_inits(ks->den, ks->t1, ks->t2, NULL);
    for (size_t i = 0; i < (size_t)rows * cols; i++) {
        if (mpz_sizeinbase(m[i], 2) > 500) { /* no filter: doubles cannot hold the payoffs */
            free(ks->md);
            ks->md = NULL;
            break;
        }
        ks->md[i] = mpz_get_d(m[i]);
    }
    return 0;
}

void ksolve_free(ksolve *ks)
{
    if (ks->za) {
        size_t c = (size_t)ks->cap;
        for (size_t i = 0; i < c * (c + 1); i++)
            mpz_clear(ks->za[i]);
        for (size_t i = 0; i < c; i++)
            mpz_clear(ks->num[i]);
        mpz_clears(ks->den, ks->t1, ks->t2, NULL);
    }
    free(ks->md);
    free(ks->lu);
    free(ks->inv);
    free(ks->yd);
    free(ks->tmp);
    free(ks->perm);
    free(ks->za);
    free(ks->num);
    memset(ks, 0, sizeof *ks);
}

/* ---- floating-point filter ---- */

/* 1 when the system certainly has no feasible solution, 0 when it must be decided exactly. */
static int clear_miss(ksolve *ks, const int *R, const int *T, int s, const uint64_t *inR)
{
    if (!ks->md)
        return 0;
    const double u = DBL_EPSILON / 2;
    int cols = ks->cols;
    double *lu = ks->lu, *y = ks->yd, *e = ks->tmp;
    for (int i = 0; i < s; i++)
        for (int j = 0; j < s; j++)
            lu[i * s + j] = ks->md[(size_t)R[i] * cols + T[j]];
    if (dlu_factor(lu, s, ks->perm) != 0)
        return 0;
    for (int i = 0; i < s; i++)
        e[i] = 1;
    dlu_solve(lu, s, ks->perm, e, y);
    /* ||A^-1||_inf from the computed inverse, column by column. */
    double *inv = ks->inv;
    for (int c = 0; c < s; c++) {
        for (int i = 0; i < s; i++)
            e[i] = i == c;
        dlu_solve(lu, s, ks->perm, e, inv + (size_t)c * s); /* column c, stored as a row */
    }
    double ninv = 0, na = 0, rb = 0;
    for (int i = 0; i < s; i++) {
        double row = 0, ra = 0, r = 1, acc = 0;
        for (int j = 0; j < s; j++) {
            row += fabs(inv[(size_t)j * s + i]);
            double aij = ks->md[(size_t)R[i] * cols + T[j]];
            ra += fabs(aij);
            r -= aij * y[j];
            acc += fabs(aij * y[j]);
        }
        ninv = fmax(ninv, row);
        na = fmax(na, ra);
        rb = fmax(rb, fabs(r) + 2 * (s + 2) * u * (acc + 1));
    }
    if (!(na * ninv <= ks->max_cond) || !isfinite(rb))
        return 0;
    double err = ks->safety * ninv * rb; /* bound on |w - y| in the max norm */
    for (int j = 0; j < s; j++)
        if (y[j] + err < 0)
            return 1;
    for (int v = 0; v < ks->rows; v++) {
        if (bits_get(inR, v))
            continue;
        double val = 0, sa = 0, acc = 0;
        for (int j = 0; j < s; j++) {
            double a = ks->md[(size_t)v * cols + T[j]];
            val += a * y[j];
            sa += fabs(a);
            acc += fabs(a * y[j]);
        }
        if (val - 1 > ks->safety * (err * sa + 2 * (s + 2) * u * (acc + 1)))
            return 1;
    }
    return 0;
}

/* ---- exact elimination ---- */

ks_result ksolve_partner(ksolve *ks, const int *R, const int *T, int s, uint64_t *zero_cols,
                         uint64_t *tight_rows)
{
    int cols = ks->cols, w = s + 1;
    uint64_t inR_small[4] = {0, 0, 0, 0}, *inR = inR_small;
    int words = (ks->rows + 63) / 64;
    if (words > 4) {
        inR = calloc((size_t)words, sizeof(uint64_t));
        if (!inR)
            return KS_SINGULAR; /* OOM: the caller falls back to the exact superset search */
    }
    for (int i = 0; i < s; i++)
        bits_set(inR, R[i]);
    ks_result res = KS_INFEASIBLE;
    if (clear_miss(ks, R, T, s, inR)) {
        ks->filtered++;
        goto out;
    }
    ks->exact++;
    mpz_t *a = ks->za;
    for (int i = 0; i < s; i++) {
        for (int j = 0; j < s; j++)
            mpz_set(a[i * w + j], ks->m[(size_t)R[i] * cols + T[j]]);
        mpz_set_ui(a[i * w + s], 1);
    }
    mpz_set_ui(ks->t2, 1); /* previous pivot */
    for (int k = 0; k < s; k++) {
        int p = k;
        while (p < s && mpz_sgn(a[p * w + k]) == 0)
            p++;
        if (p == s) {
            res = KS_SINGULAR;
            goto out;
        }
        if (p != k)
            for (int j = k; j < w; j++)
                mpz_swap(a[k * w + j], a[p * w + j]);
        for (int i = k + 1; i < s; i++) {
            for (int j = k + 1; j < w; j++) {
                mpz_mul(ks->t1, a[k * w + k], a[i * w + j]);
                mpz_submul(ks->t1, a[i * w + k], a[k * w + j]);
                mpz_divexact(a[i * w + j], ks->t1, ks->t2);
            }
        }
        mpz_set(ks->t2, a[k * w + k]);
    }
    /* det = a[s-1][s-1]; num_i = det * w_i by back substitution (divisions exact). */
    mpz_set(ks->den, a[(s - 1) * w + (s - 1)]);
    for (int i = s - 1; i >= 0; i--) {
        mpz_mul(ks->t1, ks->den, a[i * w + s]);
        for (int j = i + 1; j < s; j++)
            mpz_submul(ks->t1, a[i * w + j], ks->num[j]);
        mpz_divexact(ks->num[i], ks->t1, a[i * w + i]);
    }
    if (mpz_sgn(ks->den) < 0) {
        mpz_neg(ks->den, ks->den);
        for (int i = 0; i < s; i++)
            mpz_neg(ks->num[i], ks->num[i]);
    }
    for (int i = 0; i < s; i++)
        if (mpz_sgn(ks->num[i]) < 0)
            goto out;
    if (tight_rows)
        memset(tight_rows, 0, sizeof(uint64_t) * (size_t)words);
    for (int v = 0; v < ks->rows; v++) {
        if (bits_get(inR, v)) {
            if (tight_rows)
                bits_set(tight_rows, v);
            continue;
        }
        mpz_set_ui(ks->t1, 0);
        for (int j = 0; j < s; j++)
            mpz_addmul(ks->t1, ks->m[(size_t)v * cols + T[j]], ks->num[j]);
        int c = mpz_cmp(ks->t1, ks->den);
        if (c > 0)
            goto out;
        if (c == 0 && tight_rows)
            bits_set(tight_rows, v);
    }
    if (zero_cols) {
        memset(zero_cols, 0, sizeof(uint64_t) * (size_t)((ks->cols + 63) / 64));
        for (int j = 0; j < s; j++)
            if (mpz_sgn(ks->num[j]) == 0)
                bits_set(zero_cols, T[j]);
    }
    res = KS_FEASIBLE;
out:
    if (inR != inR_small)
        free(inR);
    return res;
}

int ksolve_tight_point(const mpz_t *m, int k, int d, const uint64_t *labels, mpq_t *z)
{
    int nf = 0, ne = 0;
    int *free_var = malloc(sizeof(int) * (size_t)(d + k + 1));
    if (!free_var)
        return -1;
    int *eq_row = free_var + d;
    for (int v = 0; v < d; v++) {
        mpq_set_ui(z[v], 0, 1);
        if (!bits_get(labels, v))
            free_var[nf++] = v;
    }
    for (int q = 0; q < k; q++)
        if (bits_get(labels, d + q))
            eq_row[ne++] = q;
    int rc = 0;
    if (nf == 0)
        goto done;
    if (ne < nf) {
        rc = -1;
        goto done;
    }
    /* Fraction-free (Bareiss) elimination in integers, rows searched for the first nonzero
     * at or below the diagonal as rational Gauss-Jordan would (the same nonzero pattern:
     * each integer is the rational entry times the previous pivot), then y = D z by back
     * substitution and one canonical quotient per coordinate. */
    int w = nf + 1;
    mpz_t *a = malloc(sizeof(mpz_t) * ((size_t)ne * w + 3));
    if (!a) {
        rc = -1;
        goto done;
    }
    size_t na = (size_t)ne * w + 3;
    for (size_t i = 0; i < na; i++)
        mpz_init(a[i]);
    mpz_t *prev = &a[(size_t)ne * w], *acc = prev + 1, *y = prev + 2;
    for (int i = 0; i < ne; i++) {
        for (int j = 0; j < nf; j++)
            mpz_set(a[i * w + j], m[(size_t)eq_row[i] * d + free_var[j]]);
        mpz_set_ui(a[i * w + nf], 1);
    }
    mpz_set_ui(*prev, 1);
    for (int col = 0; col < nf && rc == 0; col++) {
        int p = col;
        while (p < ne && mpz_sgn(a[p * w + col]) == 0)
            p++;
        if (p == ne) {
            rc = -1;
            break;
        }
        if (p != col)
            for (int j = col; j < w; j++)
                mpz_swap(a[col * w + j], a[p * w + j]);
        for (int i = col + 1; i < ne; i++) {
            int zero = mpz_sgn(a[i * w + col]) == 0;
            for (int j = col + 1; j < w; j++) {
                if (zero && mpz_sgn(a[i * w + j]) == 0)
                    continue;
                mpz_mul(a[i * w + j], a[i * w + j], a[col * w + col]);
                if (!zero)
                    mpz_submul(a[i * w + j], a[i * w + col], a[col * w + j]);
                mpz_divexact(a[i * w + j], a[i * w + j], *prev);
            }
        }
        mpz_set(*prev, a[col * w + col]);
    }
    /* Rows beyond the rank must now read 0 = 0 (the labels are consistent). */
    for (int i = nf; i < ne && rc == 0; i++)
        if (mpz_sgn(a[i * w + nf]) != 0)
            rc = -1;
    if (rc == 0) {
        /* D = the last pivot; y_j = D z_j kept in column nf of row j once found */
        for (int i = nf - 1; i >= 0; i--) {
            mpz_mul(*acc, *prev, a[i * w + nf]);
            for (int j = i + 1; j < nf; j++)
                mpz_submul(*acc, a[i * w + j], a[j * w + nf]);
            mpz_divexact(*y, *acc, a[i * w + i]);
            mpz_swap(a[i * w + nf], *y);
        }
        for (int j = 0; j < nf; j++) {
            mpq_ptr zj = z[free_var[j]];
            if (mpz_sgn(a[j * w + nf]) == 0)
                continue;   /* 0 already */
            mpq_set_num(zj, a[j * w + nf]);
            mpq_set_den(zj, *prev);
            mpq_canonicalize(zj);
        }
    }
    for (size_t i = 0; i < na; i++)
        mpz_clear(a[i]);
    free(a);
done:
    free(free_var);
    return rc;
}
