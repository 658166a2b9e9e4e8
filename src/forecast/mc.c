/* mc.c — Monte Carlo over uncertain inputs: how sure is a forecast's settlement when
 * capabilities, positions and saliences are known only roughly? Run r draws the inputs that
 * declare a distribution with the uncertainty module's sampler (stream (seed, r)), perturbs
 * the others with Gaussian noise where asked (brink_rng_split(seed, r)), runs the model
 * without recording, and keeps each issue's final weighted median and mean. Runs are spread
 * over threads; each has its own streams, so the result does not depend on the thread count.
 * The summary per issue: mean, sd, quantiles, and P(settlement > x) with its Wilson interval
 * (brink_wilson).
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "brink/uncertainty.h"
#include "forecast/forecast_int.h"

#define MC_MAX_RUNS 1000000L
#define MC_MAX_CELLS 10000000L

typedef struct mc_job {
    const brink_forecast_input *in;
    const brink_forecast_options *o;
    const brink_forecast_mc_options *mc;
    const brink_sampler *sampler;  /* in->draws, or NULL */
    double *settle;      /* [runs * 2D]: D final weighted medians, then D means */
    long first, last;    /* runs [first, last) */
    int failed;          /* 1: out of memory */
    long bad_run;        /* first run with no weight to settle an issue (-1: none) */
    int bad_issue;
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

/* Per-thread copies of the inputs a run changes, and the sampler's scratch. */
typedef struct mc_work {
    brink_forecast_input w;   /* names and scales shared read-only with the input */
    double *a, *b;            /* [cells] positions of this and the next round */
    double *drawn, *swork;    /* [ndraws], sampler scratch */
    unsigned char *fixed;     /* [n + 2 cells]: 1 where a draw sets the input (no noise) */
} mc_work;

/* One run's inputs: declared distributions first, then noise on the other inputs. */
static void draw_inputs(mc_work *m, const brink_forecast_input *in, const brink_sampler *smp,
                        const brink_forecast_mc_options *mc, long run, brink_rng *rng)
{
    int n = in->nactors, D = in->nissues;
    size_t cells = (size_t)n * D;
    brink_forecast_input *w = &m->w;
    memcpy(w->capability, in->capability, (size_t)n * sizeof(double));
    memcpy(w->position, in->position, cells * sizeof(double));
    memcpy(w->salience, in->salience, cells * sizeof(double));
    if (smp) {
        brink_sampler_draw(smp, mc->seed, (uint64_t)run, m->drawn, m->swork);
        for (int d = 0; d < in->ndraws; d++) {
            const brink_forecast_draw *q = &in->draws[d];
            size_t at = (size_t)q->actor * D + (size_t)(q->issue < 0 ? 0 : q->issue);
            if (q->field == BRINK_FORECAST_CAPABILITY) w->capability[q->actor] = m->drawn[d];
            else if (q->field == BRINK_FORECAST_POSITION) w->position[at] = m->drawn[d];
            else w->salience[at] = m->drawn[d];
        }
    }
    brink_rng base;
    brink_rng_seed(&base, mc->seed);
    brink_rng_split(&base, (uint64_t)run, rng);
    const unsigned char *fpos = m->fixed + n, *fsal = m->fixed + n + cells;
    for (size_t c = 0; c < cells; c++) {
        int k = (int)(c % (size_t)D);
        double width = in->hi[k] - in->lo[k];
        if (mc->pos_sd > 0 && !fpos[c])
            w->position[c] = clampd(in->position[c] + mc->pos_sd * width * gauss(rng), in->lo[k], in->hi[k]);
        if (mc->sal_sd > 0 && !fsal[c]) w->salience[c] = clampd(in->salience[c] + mc->sal_sd * gauss(rng), 0.0, 1.0);
    }
}

/* One run; writes D final weighted medians to out[0..D) and D means to out[D..2D). Returns
 * the first issue with no weight to settle it, or -1. */
static int one_run(fc_ws *ws, mc_work *m, const brink_forecast_input *in, const brink_sampler *smp,
                   const brink_forecast_options *o, const brink_forecast_mc_options *mc, long run,
                   double *out)
{
    int n = in->nactors, D = in->nissues;
    size_t cells = (size_t)n * D;
    brink_forecast_input *w = &m->w;
    brink_rng rng;
    draw_inputs(m, in, smp, mc, run, &rng);
    double cap = 0;
    for (int i = 0; i < n; i++) cap += w->capability[i];
    if (!(cap > 0)) return 0;
    double *a = m->a, *b = m->b;
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
        out[D + k] = brink_forecast_weighted_mean(x, wt, n);
        if (isnan(out[k]) || isnan(out[D + k])) return k;
    }
    return -1;
}

static void *mc_thread(void *arg)
{
    mc_job *j = arg;
    const brink_forecast_input *in = j->in;
    int n = in->nactors, D = in->nissues;
    size_t cells = (size_t)n * D;
    fc_ws ws;
    mc_work m;
    memset(&m, 0, sizeof m);
    m.w = *in;
    m.w.capability = brink_calloc((size_t)n, sizeof(double));
    m.w.position = brink_calloc(cells, sizeof(double));
    m.w.salience = brink_calloc(cells, sizeof(double));
    m.a = brink_calloc(cells, sizeof(double));
    m.b = brink_calloc(cells, sizeof(double));
    m.drawn = brink_calloc((size_t)in->ndraws + 1, sizeof(double));
    m.swork = brink_calloc(j->sampler ? brink_sampler_work_size(j->sampler) : 1, sizeof(double));
    m.fixed = brink_calloc((size_t)n + 2 * cells, 1);
    if (fc_ws_alloc(&ws, n, D) != BRINK_OK) {
        j->failed = 1;
    } else {
        if (!m.w.capability || !m.w.position || !m.w.salience || !m.a || !m.b || !m.drawn || !m.swork || !m.fixed)
            j->failed = 1;
        for (int d = 0; d < in->ndraws && !j->failed; d++) {
            const brink_forecast_draw *q = &in->draws[d];
            size_t at = q->field == BRINK_FORECAST_CAPABILITY ? (size_t)q->actor
                                                               : (size_t)n + (q->field == BRINK_FORECAST_SALIENCE) * cells +
                                                                     (size_t)q->actor * D + (size_t)q->issue;
            m.fixed[at] = 1;
        }
        for (long r = j->first; r < j->last && !j->failed; r++) {
            int bad = one_run(&ws, &m, in, j->sampler, j->o, j->mc, r, j->settle + (size_t)r * 2 * D);
            if (bad >= 0) {
                j->bad_run = r;
                j->bad_issue = bad;
                break;
            }
        }
        fc_ws_free(&ws);
    }
    free(m.w.capability);
    free(m.w.position);
    free(m.w.salience);
    free(m.a);
    free(m.b);
    free(m.drawn);
    free(m.swork);
    free(m.fixed);
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
    free(r->median);
    free(r->mean);
    free(r->above);
    memset(r, 0, sizeof *r);
}

/* Summary of v[0..runs) (sorted here) against threshold thr. */
static void summarise(double *v, long runs, double thr, brink_forecast_mc_stat *st)
{
    /* Sums of deviations from the first run: exact (mean = that value, sd = 0) when every
     * run settles at the same point, and better conditioned otherwise. */
    double s = 0, s2 = 0, shift = v[0];
    long above = 0;
    for (long r = 0; r < runs; r++) {
        s += v[r] - shift;
        above += v[r] > thr;
    }
    double mean = shift + s / runs;
    for (long r = 0; r < runs; r++) s2 += (v[r] - mean) * (v[r] - mean);
    qsort(v, (size_t)runs, sizeof(double), cmp_double);
    st->mean = mean;
    st->sd = runs > 1 ? sqrt(s2 / (runs - 1)) : 0.0;
    st->q05 = v[(long)floor(0.05 * (runs - 1))];
    st->q25 = v[(long)floor(0.25 * (runs - 1))];
    st->q50 = v[(long)floor(0.50 * (runs - 1))];
    st->q75 = v[(long)floor(0.75 * (runs - 1))];
    st->q95 = v[(long)ceil(0.95 * (runs - 1))];
    brink_proportion pr;
    brink_wilson(above, runs, 1.959963984540054, &pr); /* z of a two-sided 95% interval */
    st->above = above;
    st->p = pr.p;
    st->p_lo = pr.lo;
    st->p_hi = pr.hi;
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
    brink_sampler *smp = NULL;
    if (in->ndraws > 0) {
        const struct brink_param_info **list = brink_calloc((size_t)in->ndraws, sizeof *list);
        if (!list) return brink_error_set(err, BRINK_ENOMEM, "out of memory for a forecast's draws");
        for (int d = 0; d < in->ndraws; d++) list[d] = in->draws[d].dist;
        smp = brink_sampler_new_list(list, in->ndraws, err);
        free(list);
        if (!smp) return BRINK_ENOMEM;
    }
    double *settle = brink_calloc((size_t)mc->runs * 2 * D, sizeof(double));
    res->median = brink_calloc((size_t)D, sizeof *res->median);
    res->mean = brink_calloc((size_t)D, sizeof *res->mean);
    res->above = brink_calloc((size_t)D, sizeof(double));
    double *v = brink_calloc((size_t)mc->runs, sizeof(double));
    int nt = mc->threads > mc->runs ? (int)mc->runs : mc->threads;
    mc_job *jobs = brink_calloc((size_t)nt, sizeof *jobs);
    pthread_t *tid = brink_calloc((size_t)nt, sizeof *tid);
    if (!settle || !res->median || !res->mean || !res->above || !v || !jobs || !tid) {
        free(settle);
        free(v);
        free(jobs);
        free(tid);
        brink_sampler_free(smp);
        brink_forecast_mc_result_free(res);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory for %ld Monte Carlo runs", mc->runs);
    }
    int failed = 0;
    for (int t = 0; t < nt; t++) {
        jobs[t] = (mc_job){in, o, mc, smp, settle, mc->runs * t / nt, mc->runs * (t + 1) / nt, 0, -1, 0};
        /* A thread that cannot start is run on this one below: same runs, same streams. */
        if (t > 0 && pthread_create(&tid[t], NULL, mc_thread, &jobs[t]) != 0) jobs[t].failed = 2;
    }
    mc_thread(&jobs[0]);
    long bad_run = -1;
    int bad_issue = 0;
    for (int t = 0; t < nt; t++) {
        if (t > 0 && jobs[t].failed == 2) {
            jobs[t].failed = 0;
            mc_thread(&jobs[t]);
        } else if (t > 0) {
            pthread_join(tid[t], NULL);
        }
        failed |= jobs[t].failed;
        /* jobs hold ascending runs: the first bad one found is the lowest */
        if (bad_run < 0 && jobs[t].bad_run >= 0) {
            bad_run = jobs[t].bad_run;
            bad_issue = jobs[t].bad_issue;
        }
    }
    free(jobs);
    free(tid);
    brink_sampler_free(smp);
    if (failed || bad_run >= 0) {
        free(settle);
        free(v);
        brink_forecast_mc_result_free(res);
        if (failed) return brink_error_set(err, BRINK_ENOMEM, "out of memory in a Monte Carlo run");
        return brink_error_set(err, BRINK_EINVALID,
                               "Monte Carlo run %ld (seed %llu) drew inputs that leave issue '%s' no weight "
                               "(every capability x salience is 0), so it has no settlement",
                               bad_run, (unsigned long long)mc->seed, in->issue && in->issue[bad_issue] ? in->issue[bad_issue] : "?");
    }
    res->nissues = D;
    res->runs = mc->runs;
    res->ndrawn = in->ndraws;
    res->pos_sd = mc->pos_sd;
    res->sal_sd = mc->sal_sd;
    res->seed = mc->seed;
    for (int k = 0; k < D; k++) {
        double thr = isnan(mc->above) ? (in->lo[k] + in->hi[k]) / 2 : mc->above;
        res->above[k] = thr;
        for (int which = 0; which < 2; which++) {
            for (long r = 0; r < mc->runs; r++) v[r] = settle[(size_t)r * 2 * D + (size_t)which * D + k];
            summarise(v, mc->runs, thr, which ? &res->mean[k] : &res->median[k]);
        }
    }
    free(v);
    free(settle);
    return BRINK_OK;
}
