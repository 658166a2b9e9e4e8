/* sensitivity.c — which drawn parameters matter: standardised regression coefficients (SRC)
 * of an output on the parameters over the Monte Carlo draws, with percentile bootstrap
 * intervals.
 *
 * The fit is ordinary least squares on standardised columns (normal equations, Cholesky of
 * the k x k correlation matrix; k is the number of drawn parameters, small). A parameter
 * that does not vary in the rows used gets NaN and is left out of the fit. Bootstrap
 * resample b draws its row indices from stream (seed, b, lane 2): reproducible, and
 * independent of threads. No allocation beyond the workspace made once per call.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/chol.h"
#include "uncertainty/mc_int.h"

/* SRC of y on the columns of X (row r of X: X[row[r] * k ..]); out[k], *r2 (R^2 of the
 * fit). work: work_size(k) doubles. Returns 0 when nothing fits. */
static size_t work_size(int k)
{
    return 5 * (size_t)k + (size_t)k * (size_t)k + 4;
}

static int fit(const double *X, const double *y, const long *row, long n, int k, double *out,
               double *r2, double *work)
{
    double *mx = work, *sx = mx + k, *A = sx + k, *b = A + (size_t)k * (size_t)k, *cy = b + k;
    int *use = (int *)(cy + k), m = 0;   /* k ints fit in k doubles */
    for (int j = 0; j < k; j++)
        out[j] = NAN;
    *r2 = NAN;
    if (n < 3)
        return 0;
    double my = 0, sy = 0;
    for (long r = 0; r < n; r++)
        my += y[row[r]];
    my /= (double)n;
    for (long r = 0; r < n; r++)
        sy += (y[row[r]] - my) * (y[row[r]] - my);
    sy = sqrt(sy / (double)(n - 1));
    for (int j = 0; j < k; j++) {
        double s = 0, q = 0;
        for (long r = 0; r < n; r++)
            s += X[row[r] * k + j];
        s /= (double)n;
        for (long r = 0; r < n; r++)
            q += (X[row[r] * k + j] - s) * (X[row[r] * k + j] - s);
        mx[j] = s;
        sx[j] = sqrt(q / (double)(n - 1));
        if (sx[j] > 1e-12 * (1 + fabs(s)))
            use[m++] = j;
    }
    if (!(sy > 1e-12 * (1 + fabs(my))) || m == 0)
        return 0;
    /* correlations among the used columns (A) and with y (cy) */
    for (int a = 0; a < m; a++) {
        int ja = use[a];
        for (int c = 0; c <= a; c++) {
            int jc = use[c];
            double s = 0;
            for (long r = 0; r < n; r++)
                s += (X[row[r] * k + ja] - mx[ja]) * (X[row[r] * k + jc] - mx[jc]);
            A[a * m + c] = A[c * m + a] = s / ((double)(n - 1) * sx[ja] * sx[jc]);
        }
        double s = 0;
        for (long r = 0; r < n; r++)
            s += (X[row[r] * k + ja] - mx[ja]) * (y[row[r]] - my);
        cy[a] = s / ((double)(n - 1) * sx[ja] * sy);
    }
    if (!core_cholesky(A, m, 1e-12))
        return 0;
    /* A = L L': solve L z = cy, then L' beta = z */
    for (int a = 0; a < m; a++) {
        double s = cy[a];
        for (int c = 0; c < a; c++)
            s -= A[a * m + c] * b[c];
        b[a] = s / A[a * m + a];
    }
    for (int a = m - 1; a >= 0; a--) {
        double s = b[a];
        for (int c = a + 1; c < m; c++)
            s -= A[c * m + a] * b[c];
        b[a] = s / A[a * m + a];
    }
    double rsq = 0;
    for (int a = 0; a < m; a++) {
        out[use[a]] = b[a];
        rsq += b[a] * cy[a];
    }
    *r2 = rsq;
    return 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

brink_status mc_sensitivity(brink_mc_result *r, const double *X, const double *Y, int B,
                            uint64_t seed, brink_error *err)
{
    int k = r->nvaried, np = r->nplayers;
    long n = r->samples;
    size_t kk = (size_t)(k ? k : 1);
    r->nsens = np;
    r->src = calloc((size_t)np * kk, sizeof *r->src);
    r->src_lo = calloc((size_t)np * kk, sizeof *r->src_lo);
    r->src_hi = calloc((size_t)np * kk, sizeof *r->src_hi);
    r->src_r2 = calloc((size_t)np + 1, sizeof *r->src_r2);
    r->src_n = calloc((size_t)np + 1, sizeof *r->src_n);
    long *row = malloc((size_t)n * sizeof *row), *boot = malloc((size_t)n * sizeof *boot);
    double *y = malloc((size_t)n * sizeof *y);
    double *work = malloc(work_size((int)kk) * sizeof *work);
    double *bs = malloc((size_t)(B > 0 ? B : 1) * kk * sizeof *bs), *one = malloc(kk * sizeof *one);
    brink_status st = BRINK_OK;
    if (!r->src || !r->src_lo || !r->src_hi || !r->src_r2 || !r->src_n || !row || !boot || !y ||
        !work || !bs || !one) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto done;
    }
    for (int p = 0; p < np; p++) {
        long m = 0;
        for (long i = 0; i < n; i++) {
            y[i] = Y[(size_t)i * (size_t)np + (size_t)p];
            if (!isnan(y[i]))
                row[m++] = i;
        }
        r->src_n[p] = m;
        double r2;
        fit(X, y, row, m, k, &r->src[(size_t)p * kk], &r2, work);
        r->src_r2[p] = r2;
        int got = 0;
        for (int b = 0; b < B && m >= 3; b++) {
            brink_stream s;
            brink_stream_init(&s, seed, (uint64_t)b, 2);
            for (long i = 0; i < m; i++)
                boot[i] = row[(long)(brink_stream_uniform(&s) * (double)m)];
            double r2b;
            fit(X, y, boot, m, k, one, &r2b, work);
            for (int j = 0; j < k; j++)
                bs[(size_t)j * (size_t)B + (size_t)got] = one[j];
            got++;
        }
        for (int j = 0; j < k; j++) {
            double *v = &bs[(size_t)j * (size_t)B];
            size_t ix = (size_t)p * kk + (size_t)j;
            r->src_lo[ix] = r->src_hi[ix] = NAN;
            int ok = got > 1 && !isnan(r->src[ix]);
            for (int b = 0; b < got && ok; b++)
                ok = !isnan(v[b]);
            if (!ok)
                continue;
            qsort(v, (size_t)got, sizeof *v, cmp_double);
            r->src_lo[ix] = v[(int)floor(0.025 * (got - 1))];
            r->src_hi[ix] = v[(int)ceil(0.975 * (got - 1))];
        }
    }
done:
    free(row);
    free(boot);
    free(y);
    free(work);
    free(bs);
    free(one);
    return st;
}
