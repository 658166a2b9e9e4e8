/* sobol.c — variance-based sensitivity: Sobol first-order and total indices of the Monte
 * Carlo run's watched quantities on the drawn parameters, by Saltelli's design.
 *
 * The design (Saltelli et al. 2010, Comput. Phys. Commun. 181, 259-270) takes two
 * independent base matrices A and B of N rows and, for each of the k drawn parameters i,
 * the matrix A_B^(i): A with column i taken from B; N (k + 2) draws in all. Row r of A is
 * sample 2r of the sampler's counter-based streams and row r of B sample 2r + 1, so a row
 * depends only on (seed, r): the design, like every Monte Carlo run, gives the same numbers
 * with any number of threads. The draws are solved by the Monte Carlo driver itself
 * (mc_run with the design as its draws), so each is certified exactly as a sample is.
 *
 * Estimators: the first-order index by Saltelli 2010's Table 2 (b) with f(B) centred on
 * the mean output (the same expectation; invariant to adding a constant to the output, whose
 * uncentred variance grows with (mean / sd)^2), the total index by Jansen's (their Table 2
 * (f)); V(Y) and the mean over the 2N outputs at A and B. A parameter that never
 * changes the output gets exactly 0 for both (every difference f(A_B^i) - f(A) is 0), with
 * the interval [0, 0]. Intervals: percentile bootstrap over the N base rows, resample b
 * drawn from lane 3 of stream (seed, b) (lane 2 is the regression coefficients').
 *
 * The indices decompose the variance of a function of independent inputs; for correlated
 * ones (a Gaussian copula) the decomposition does not hold and the design would break the
 * declared dependence (A_B^(i) mixes rows), so such scenarios are refused.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "uncertainty/mc_int.h"

void brink_sobol_design_row(const brink_sampler *s, uint64_t seed, long m, double *values,
                            double *bvals, double *work)
{
    int k = brink_sampler_nvaried(s);
    uint64_t r = (uint64_t)(m / (k + 2));
    int c = (int)(m % (k + 2));
    if (c == 1) {
        brink_sampler_draw(s, seed, 2 * r + 1, values, work);
        return;
    }
    brink_sampler_draw(s, seed, 2 * r, values, work);
    if (c >= 2) {
        int p = brink_sampler_varied(s, c - 2);
        brink_sampler_draw(s, seed, 2 * r + 1, bvals, work);
        values[p] = bvals[p];
    }
}

/* The variance of f(A) and f(B) over rows row[0..n), n >= 1, and their mean in *mean_out
 * (two passes: no division in the loops, which the bootstrap runs many times). */
static double variance(const double *y, size_t w, const long *row, long n, double *mean_out)
{
    double sum = 0, ss = 0;
    for (long t = 0; t < n; t++)
        sum += y[(size_t)row[t] * w] + y[(size_t)row[t] * w + 1];
    double mean = sum / (2 * (double)n);
    for (long t = 0; t < n; t++) {
        double a = y[(size_t)row[t] * w] - mean, b = y[(size_t)row[t] * w + 1] - mean;
        ss += a * a + b * b;
    }
    *mean_out = mean;
    return ss / (2 * (double)n - 1);
}

/* The indices over rows row[0..n) of y (stride k + 2): s1[k], st[k]; 0 when V(Y) is 0. */
static int indices(const double *y, int k, const long *row, long n, double *s1, double *st)
{
    size_t w = (size_t)k + 2;
    double mean;
    double var = variance(y, w, row, n, &mean);
    if (!(var > 0))
        return 0;
    for (int i = 0; i < k; i++) {
        double a = 0, b = 0;
        for (long t = 0; t < n; t++) {
            const double *f = &y[(size_t)row[t] * w];
            double d = f[2 + i] - f[0];
            /* f(B) centred: the same expectation (E f(A_B^i) = E f(A)), but the estimate no
             * longer depends on the output's origin: uncentred, adding 100 to a value
             * whose index is 1 gave S1 = -51 [-164, 67] with 4,000 rows (tester 10, F5) */
            a += (f[1] - mean) * d;
            b += d * d;
        }
        s1[i] = a / (double)n / var;
        st[i] = b / (2 * (double)n) / var;
    }
    return 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The central interval of v[0..got) (sorted in place) with tail probability q each side. */
static void interval(double *v, int got, double q, double *lo, double *hi)
{
    *lo = *hi = NAN;
    if (got < 2)
        return;
    qsort(v, (size_t)got, sizeof *v, cmp_double);
    *lo = v[(int)floor(q * (got - 1))];
    *hi = v[(int)ceil((1 - q) * (got - 1))];
}

brink_status brink_sobol_estimate(long n, int k, const double *y, int boot, double z,
                                  uint64_t seed, brink_sobol *out, brink_error *err)
{
    if (n < 0 || k < 1 || boot < 0 || !(z > 0))
        return brink_error_set(err, BRINK_EINVALID, "Sobol indices need n >= 0 rows, k >= 1 "
                               "inputs, boot >= 0 resamples and z > 0");
    size_t w = (size_t)k + 2, kk = (size_t)k, nb = (size_t)(boot > 0 ? boot : 1);
    long *row = malloc(((size_t)n + 1) * sizeof *row), *rs = malloc(((size_t)n + 1) * sizeof *rs);
    double *s1 = malloc(kk * sizeof *s1), *st = malloc(kk * sizeof *st);
    double *b1 = malloc(nb * kk * sizeof *b1), *bt = malloc(nb * kk * sizeof *bt);
    brink_status status = BRINK_OK;
    if (!row || !rs || !s1 || !st || !b1 || !bt) {
        status = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto done;
    }
    long m = 0;
    for (long r = 0; r < n; r++) {
        int ok = 1;
        for (size_t c = 0; c < w && ok; c++)
            ok = isfinite(y[(size_t)r * w + c]);
        if (ok)
            row[m++] = r;
    }
    double mean0;
    double var = m > 1 ? variance(y, w, row, m, &mean0) : NAN;   /* reported even when it is 0 */
    int have = m > 1 && indices(y, k, row, m, s1, st);
    for (int i = 0; i < k; i++) {
        brink_sobol *o = &out[i];
        o->n = m;
        o->var = var;
        o->s1 = have ? s1[i] : NAN;
        o->st = have ? st[i] : NAN;
        o->s1_lo = o->s1_hi = o->st_lo = o->st_hi = NAN;
    }
    if (!have || boot == 0)
        goto done;
    int got = 0;   /* resamples whose output varies */
    for (int b = 0; b < boot; b++) {
        brink_stream s;
        brink_stream_init(&s, seed, (uint64_t)b, 3);
        for (long t = 0; t < m; t++)
            rs[t] = row[(long)(brink_stream_uniform(&s) * (double)m)];
        if (!indices(y, k, rs, m, s1, st))
            continue;
        for (size_t i = 0; i < kk; i++) {
            b1[i * nb + (size_t)got] = s1[i];
            bt[i * nb + (size_t)got] = st[i];
        }
        got++;
    }
    double q = 0.5 * erfc(z / sqrt(2.0));   /* one normal tail: 0.025 at z = 1.96 */
    for (size_t i = 0; i < kk; i++) {
        interval(&b1[i * nb], got, q, &out[i].s1_lo, &out[i].s1_hi);
        interval(&bt[i * nb], got, q, &out[i].st_lo, &out[i].st_hi);
    }
done:
    free(row);
    free(rs);
    free(s1);
    free(st);
    free(b1);
    free(bt);
    return status;
}

brink_status mc_sobol_check(const brink_scenario *sc, const brink_mc_options *o,
                            brink_error *err)
{
    int k = 0, np = brink_scenario_nparams(sc);
    for (int i = 0; i < np; i++)
        k += brink_scenario_param(sc, i)->dist != BRINK_DIST_NONE;
    if (o->sobol < 2 || o->sobol > 100000000L / (k + 2) || o->sobol_resamples < 0 ||
        o->sobol_resamples > 100000)
        return brink_error_set(err, BRINK_EINVALID, "Sobol indices need 2 to %ld base rows "
                               "(N (k + 2) draws for k = %d drawn parameters at most 10^8) "
                               "and 0 to 100000 bootstrap resamples", 100000000L / (k + 2), k);
    if (k == 0)
        return brink_error_set(err, BRINK_EINVALID, "Sobol indices: no parameter declares a "
                               "distribution");
    if (brink_scenario_ncorrelations(sc) > 0) {
        const brink_correlation *c = brink_scenario_correlation(sc, 0);
        return brink_error_set(err, BRINK_EINVALID, "Sobol indices assume independent "
                               "parameters, but '%s' and '%s' are correlated (correlations:); "
                               "use the regression coefficients (--sensitivity) instead",
                               brink_scenario_param(sc, c->a)->name,
                               brink_scenario_param(sc, c->b)->name);
    }
    if (o->db || o->nparts > 1)
        return brink_error_set(err, BRINK_EINVALID, "Sobol indices are computed in one "
                               "process and not stored: not with a database or shared "
                               "processes");
    return BRINK_OK;
}

/* Output j of design draw m, NaN when undefined (see brink_mc_result). */
static double output(const brink_mc_result *d, long m, int j)
{
    if (d->draw_neq[m] <= 0)
        return NAN;
    int ng = d->ngroups, nc = d->watch_start[d->nwatch];
    if (j < ng)
        return d->draw_gprob[(size_t)m * (size_t)ng + (size_t)j];
    if ((j -= ng) < nc) {
        int w = 0;
        while (j >= d->watch_start[w + 1])
            w++;
        return d->draw_choice[(size_t)m * (size_t)d->nwatch + (size_t)w] ==
               j - d->watch_start[w];
    }
    return d->draw_value[(size_t)m * (size_t)d->nplayers + (size_t)(j - nc)];
}

brink_status mc_sobol(brink_mc_result *r, const brink_scenario *sc, const brink_mc_options *o,
                      brink_error *err)
{
    int k = r->nvaried;
    long N = o->sobol, runs = N * (k + 2);
    brink_mc_options od = *o;   /* the same solving, over the design's draws */
    od.samples = runs;
    od.keep_draws = 1;
    od.sensitivity = 0;
    od.sobol = 0;
    od.compare_at = NULL;
    od.db = NULL;
    od.resume = 0;
    brink_mc_result *d = mc_run(sc, &od, NULL, 1, err);
    if (!d)
        return err ? err->code : BRINK_EINTERNAL;
    int nout = r->ngroups + r->watch_start[r->nwatch] + r->nplayers;
    double *y = malloc((size_t)runs * sizeof *y);
    r->sobol = calloc((size_t)nout * (size_t)k + 1, sizeof *r->sobol);
    brink_status st = BRINK_OK;
    if (!y || !r->sobol) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto done;
    }
    r->nsobol = nout;
    r->sobol_n = N;
    r->sobol_draws = runs;
    r->sobol_failed = 0;
    for (long m = 0; m < runs; m++)
        r->sobol_failed += d->draw_neq[m] <= 0;
    for (int j = 0; j < nout && !st; j++) {
        for (long m = 0; m < runs; m++)
            y[m] = output(d, m, j);
        st = brink_sobol_estimate(N, k, y, o->sobol_resamples, o->z, o->seed,
                                  &r->sobol[(size_t)j * (size_t)k], err);
    }
    r->sobol_seconds = d->seconds;
done:
    free(y);
    brink_mc_result_free(d);
    return st;
}
