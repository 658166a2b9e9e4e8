/* mc.c — Monte Carlo over noisy inputs: how sure is a forecast's settlement when positions
 * and saliences are known only roughly? Each run perturbs the data with seeded Gaussian noise
 * (its own stream: brink_rng_split(seed, run)), runs the model without recording, and keeps
 * each issue's final weighted median. Runs are spread over threads; the result does not
 * depend on the thread count. This is a self-contained noise run; the shared uncertainty
 * machinery of issue 10 is meant to drive it later.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/forecast_int.h"

#define MC_MAX_RUNS 1000000L
#define MC_MAX_CELLS 10000000L

typedef struct mc_job {
    const brink_forecast_input *in;
    const brink_forecast_options *o;
    const brink_forecast_mc_options *mc;
    double *settle;      /* [runs * D] */
    long first, last;    /* runs [first, last) */
    int failed;
} mc_job;

static double gauss(brink_rng *r)
{
    /* Box-Muller; u1 in (0, 1]. */
    double u1 = 1.0 - brink_rng_uniform(r), u2 = brink_rng_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* One noisy run; writes D settlements. `work` has the input copy's arrays. */
static void one_run(fc_ws *ws, brink_forecast_input *w, const brink_forecast_input *in,
                    const brink_forecast_options *o, const brink_forecast_mc_options *mc,
                    double *a, double *b, long run, double *out)
{
    int n = in->nactors, D = in->nissues;
    size_t cells = (size_t)n * D;
    brink_rng base, rng;
    brink_rng_seed(&base, mc->seed);
    brink_rng_split(&base, (uint64_t)run, &rng);
    for (size_t c = 0; c < cells; c++) {
        int k = (int)(c % (size_t)D);
        double width = in->hi[k] - in->lo[k];
        w->position[c] = mc->pos_sd > 0 ? clampd(in->position[c] + mc->pos_sd * width * gauss(&rng), in->lo[k], in->hi[k])
                                        : in->position[c];
        w->salience[c] = mc->sal_sd > 0 ? clampd(in->salience[c] + mc->sal_sd * gauss(&rng), 0.0, 1.0)
                                        : in->salience[c];
    }
    memcpy(a, w->position, cells * sizeof(double));
    if (o->model == BRINK_FORECAST_EU) {
        for (int k = 0; k < D; k++)
            for (int t = 1; t <= o->rounds; t++) {
                fc_eu_round(ws, w, o, a, b, k, t, NULL, NULL);
                int same = 1;
                for (int i = 0; i < n && same; i++) same = a[(size_t)i * D + k] == b[(size_t)i * D + k];
                double *s = a;
                a = b;
                b = s;
                if (same) break; /* an exact fixed point: every later round is the same */
            }
    } else {
        for (int t = 1; t <= o->rounds; t++) {
            fc_smp_round(ws, w, o, a, b, w->salience, &rng, t, NULL);
            int same = !memcmp(a, b, cells * sizeof(double));
            double *s = a;
            a = b;
            b = s;
            if (same && !o->stochastic) break;
        }
    }
    double *x = ws->tmp, *wt = ws->tmp + n;
    for (int k = 0; k < D; k++) {
        for (int i = 0; i < n; i++) {
            x[i] = a[(size_t)i * D + k];
            wt[i] = w->capability[i] * w->salience[(size_t)i * D + k];
        }
        out[k] = fc_wmedian(ws, x, wt, n);
    }
}

static void *mc_thread(void *arg)
{
    mc_job *j = arg;
    const brink_forecast_input *in = j->in;
    int n = in->nactors, D = in->nissues;
    size_t cells = (size_t)n * D;
    fc_ws ws;
    brink_forecast_input w = *in; /* names, capability and scales shared read-only */
    double *pos = brink_calloc(cells, sizeof(double)), *sal = brink_calloc(cells, sizeof(double));
    double *a = brink_calloc(cells, sizeof(double)), *b = brink_calloc(cells, sizeof(double));
    if (fc_ws_alloc(&ws, n, D) != BRINK_OK) {
        j->failed = 1;
    } else {
        if (!pos || !sal || !a || !b) j->failed = 1;
        w.position = pos;
        w.salience = sal;
        for (long r = j->first; r < j->last && !j->failed; r++)
            one_run(&ws, &w, in, j->o, j->mc, a, b, r, j->settle + (size_t)r * D);
        fc_ws_free(&ws);
    }
    free(pos);
    free(sal);
    free(a);
    free(b);
    return NULL;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

void brink_forecast_mc_result_free(brink_forecast_mc_result *r)
{
    if (!r) return;
    free(r->mean);
    free(r->sd);
    free(r->q05);
    free(r->q50);
    free(r->q95);
    free(r->p_above);
    free(r->above);
    memset(r, 0, sizeof *r);
}

brink_status brink_forecast_mc(const brink_forecast_input *in, const brink_forecast_options *o,
                               const brink_forecast_mc_options *mc, brink_forecast_mc_result *res,
                               brink_error *err)
{
    memset(res, 0, sizeof *res);
    brink_forecast_result probe;
    brink_forecast_options one = *o;
    one.rounds = 1;
    /* Validates input and options the same way a single run does. */
    brink_status st = brink_forecast_run(in, &one, &probe, err);
    if (st) return st;
    brink_forecast_result_free(&probe);
    int D = in->nissues, n = in->nactors;
    if ((double)mc->runs * o->rounds * n * n * n * D > BRINK_FORECAST_MAX_MC_WORK)
        return brink_error_set(err, BRINK_ETOOBIG,
                               "%ld runs of %d rounds, %d actors, %d issues is more work than a Monte Carlo "
                               "takes (runs x rounds x actors^3 x issues <= %.0e)",
                               mc->runs, o->rounds, n, D, BRINK_FORECAST_MAX_MC_WORK);
    if (mc->runs < 1 || mc->runs > MC_MAX_RUNS || mc->runs * (long)D > MC_MAX_CELLS)
        return brink_error_set(err, BRINK_EINVALID, "Monte Carlo runs must be 1..%ld (and runs x issues <= %ld)",
                               MC_MAX_RUNS, MC_MAX_CELLS);
    if (!(mc->pos_sd >= 0 && mc->pos_sd <= 10) || !(mc->sal_sd >= 0 && mc->sal_sd <= 10) ||
        isinf(mc->above) || mc->threads < 1 || mc->threads > 256)
        return brink_error_set(err, BRINK_EINVALID,
                               "noise must be 0..10, the threshold finite (or NAN), threads 1..256");
    double *settle = brink_calloc((size_t)mc->runs * D, sizeof(double));
    res->mean = brink_calloc((size_t)D, sizeof(double));
    res->sd = brink_calloc((size_t)D, sizeof(double));
    res->q05 = brink_calloc((size_t)D, sizeof(double));
    res->q50 = brink_calloc((size_t)D, sizeof(double));
    res->q95 = brink_calloc((size_t)D, sizeof(double));
    res->p_above = brink_calloc((size_t)D, sizeof(double));
    res->above = brink_calloc((size_t)D, sizeof(double));
    int nt = mc->threads > mc->runs ? (int)mc->runs : mc->threads;
    mc_job *jobs = brink_calloc((size_t)nt, sizeof *jobs);
    pthread_t *tid = brink_calloc((size_t)nt, sizeof *tid);
    if (!settle || !res->mean || !res->sd || !res->q05 || !res->q50 || !res->q95 || !res->p_above || !res->above ||
        !jobs || !tid) {
        free(settle);
        free(jobs);
        free(tid);
        brink_forecast_mc_result_free(res);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory for %ld Monte Carlo runs", mc->runs);
    }
    int failed = 0;
    for (int t = 0; t < nt; t++) {
        jobs[t] = (mc_job){in, o, mc, settle, mc->runs * t / nt, mc->runs * (t + 1) / nt, 0};
        /* A thread that cannot start is run on this one below: same runs, same streams. */
        if (t > 0 && pthread_create(&tid[t], NULL, mc_thread, &jobs[t]) != 0) jobs[t].failed = 2;
    }
    mc_thread(&jobs[0]);
    for (int t = 1; t < nt; t++) {
        if (jobs[t].failed == 2) {
            jobs[t].failed = 0;
            mc_thread(&jobs[t]);
        } else {
            pthread_join(tid[t], NULL);
        }
        failed |= jobs[t].failed;
    }
    failed |= jobs[0].failed;
    free(jobs);
    free(tid);
    if (failed) {
        free(settle);
        brink_forecast_mc_result_free(res);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory in a Monte Carlo run");
    }
    res->nissues = D;
    res->runs = mc->runs;
    double *col = settle; /* sorted in place per issue after the sums */
    double *v = brink_calloc((size_t)mc->runs, sizeof(double));
    if (!v) {
        free(settle);
        brink_forecast_mc_result_free(res);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory summarising Monte Carlo runs");
    }
    for (int k = 0; k < D; k++) {
        double s = 0, s2 = 0, thr = isnan(mc->above) ? (in->lo[k] + in->hi[k]) / 2 : mc->above;
        long above = 0;
        res->above[k] = thr;
        for (long r = 0; r < mc->runs; r++) {
            double x = col[(size_t)r * D + k];
            v[r] = x;
            s += x;
            above += x > thr;
        }
        double mean = s / mc->runs;
        for (long r = 0; r < mc->runs; r++) s2 += (v[r] - mean) * (v[r] - mean);
        qsort(v, (size_t)mc->runs, sizeof(double), cmp_double);
        res->mean[k] = mean;
        res->sd[k] = mc->runs > 1 ? sqrt(s2 / (mc->runs - 1)) : 0.0;
        res->q05[k] = v[(long)floor(0.05 * (mc->runs - 1))];
        res->q50[k] = v[(long)floor(0.50 * (mc->runs - 1))];
        res->q95[k] = v[(long)ceil(0.95 * (mc->runs - 1))];
        res->p_above[k] = (double)above / mc->runs;
    }
    free(v);
    free(settle);
    return BRINK_OK;
}
