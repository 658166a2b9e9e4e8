/* run.c — the forecast driver: options, round loop, per-round snapshots (positions, weighted
 * median and mean), and the two stopping facts it reports: convergence (a round in which no
 * position moved more than tol x the scale width) and cycles (a state equal, within the same
 * tolerance, to one at least two rounds earlier). Both are checked, not assumed: every
 * snapshot is kept and compared.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/forecast_int.h"

void brink_forecast_options_default(brink_forecast_options *o)
{
    memset(o, 0, sizeof *o);
    o->model = BRINK_FORECAST_EU;
    o->rounds = 10;
    o->tol = 1e-6;
    o->q = 1.0;
    o->t = 1.0;
    o->mu = BRINK_FORECAST_MU_MEDIAN;
    o->offer = BRINK_FORECAST_OFFER_STRONGEST;
    o->prob = BRINK_FORECAST_PROB_NET;
    o->risk = 1;
    o->vote = BRINK_FORECAST_VOTE_PROP;
    o->pv = BRINK_FORECAST_PV_SQUARE;
    o->stochastic = 0;
    o->seed = 1;
}

void brink_forecast_result_free(brink_forecast_result *r)
{
    if (!r) return;
    free(r->position);
    free(r->median);
    free(r->mean);
    free(r->risk);
    free(r->offers);
    free(r->converged);
    free(r->cycle_start);
    free(r->cycle_period);
    memset(r, 0, sizeof *r);
}

static brink_status check_options(const brink_forecast_options *o, brink_error *err)
{
    if (o->model != BRINK_FORECAST_EU && o->model != BRINK_FORECAST_SMP)
        return brink_error_set(err, BRINK_EINVALID, "unknown forecast model %d", (int)o->model);
    if (o->rounds < 1 || o->rounds > 100000)
        return brink_error_set(err, BRINK_EINVALID, "rounds must be 1..100000, not %d", o->rounds);
    if (!(o->tol >= 0 && o->tol < 1))
        return brink_error_set(err, BRINK_EINVALID, "tolerance must be in [0, 1)");
    if (!(o->q >= 0 && o->q <= 1) || !(o->t >= 0 && o->t <= 1))
        return brink_error_set(err, BRINK_EINVALID, "Q and T are probabilities: 0..1");
    if ((unsigned)o->vote > BRINK_FORECAST_VOTE_CUBIC || (unsigned)o->pv > BRINK_FORECAST_PV_QUARTIC ||
        (unsigned)o->mu > BRINK_FORECAST_MU_MEAN || (unsigned)o->prob > BRINK_FORECAST_PROB_NET || (unsigned)o->offer > BRINK_FORECAST_OFFER_STRONGEST ||
        (unsigned)o->rules > BRINK_FORECAST_RULES_SCHOLZ_CODE)
        return brink_error_set(err, BRINK_EINVALID, "unknown forecast rule");
    return BRINK_OK;
}

/* Largest move of issue k (or all issues when k < 0) between two states, over the width. */
static double max_move(const brink_forecast_input *in, const double *a, const double *b, int k)
{
    int D = in->nissues;
    double m = 0;
    for (int i = 0; i < in->nactors; i++)
        for (int d = 0; d < D; d++) {
            if (k >= 0 && d != k) continue;
            double v = fabs(a[(size_t)i * D + d] - b[(size_t)i * D + d]) / (in->hi[d] - in->lo[d]);
            if (v > m) m = v;
        }
    return m;
}

static void stats(fc_ws *ws, const brink_forecast_input *in, const double *pos, double *med,
                  double *mean)
{
    int n = in->nactors, D = in->nissues;
    double *x = ws->tmp, *w = ws->tmp + n;
    for (int k = 0; k < D; k++) {
        for (int i = 0; i < n; i++) {
            x[i] = pos[(size_t)i * D + k];
            w[i] = in->capability[i] * in->salience[(size_t)i * D + k];
        }
        med[k] = fc_wmedian(ws, x, w, n);
        mean[k] = brink_forecast_weighted_mean(x, w, n);
    }
}

brink_status brink_forecast_run(const brink_forecast_input *in, const brink_forecast_options *o,
                                brink_forecast_result *res, brink_error *err)
{
    memset(res, 0, sizeof *res);
    brink_status st = brink_forecast_input_check(in, err);
    if (st) return st;
    if ((st = check_options(o, err))) return st;
    int n = in->nactors, D = in->nissues, R = o->rounds;
    size_t cells = (size_t)n * D;
    if ((double)R * n * n * D > BRINK_FORECAST_MAX_RECORD)
        return brink_error_set(err, BRINK_ETOOBIG,
                               "%d rounds of %d actors on %d issues is more than a recorded run keeps "
                               "(rounds x actors^2 x issues <= %.0f): ask for fewer rounds",
                               R, n, D, BRINK_FORECAST_MAX_RECORD);
    int nstat = o->model == BRINK_FORECAST_EU ? D : 1;
    res->model = o->model;
    res->nactors = n;
    res->nissues = D;
    res->position = brink_calloc((size_t)(R + 1) * cells, sizeof(double));
    res->median = brink_calloc((size_t)(R + 1) * D, sizeof(double));
    res->mean = brink_calloc((size_t)(R + 1) * D, sizeof(double));
    if (o->model == BRINK_FORECAST_EU) res->risk = brink_calloc((size_t)R * cells, sizeof(double));
    res->converged = brink_calloc((size_t)nstat, sizeof(int));
    res->cycle_start = brink_calloc((size_t)nstat, sizeof(int));
    res->cycle_period = brink_calloc((size_t)nstat, sizeof(int));
    fc_ws ws;
    int have_ws = fc_ws_alloc(&ws, n, D) == BRINK_OK;
    if (!res->position || !res->median || !res->mean || (o->model == BRINK_FORECAST_EU && !res->risk) ||
        !res->converged || !res->cycle_start || !res->cycle_period || !have_ws) {
        if (have_ws) fc_ws_free(&ws);
        brink_forecast_result_free(res);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory for a forecast's %d rounds", R);
    }
    for (int k = 0; k < nstat; k++) {
        res->converged[k] = -1;
        res->cycle_start[k] = -1;
    }
    memcpy(res->position, in->position, cells * sizeof(double));
    stats(&ws, in, res->position, res->median, res->mean);
    fc_offers rec = {0};
    brink_rng rng;
    brink_rng_seed(&rng, o->seed);
    double *tmp = brink_calloc(cells, sizeof(double)), *riskv = brink_calloc((size_t)n, sizeof(double));
    if (!tmp || !riskv) rec.failed = 1;
    for (int t = 1; t <= R && !rec.failed; t++) {
        const double *prev = res->position + (size_t)(t - 1) * cells;
        double *cur = res->position + (size_t)t * cells;
        if (o->model == BRINK_FORECAST_EU) {
            memcpy(cur, prev, cells * sizeof(double));
            for (int k = 0; k < D; k++) {
                fc_eu_round(&ws, in, o, prev, tmp, k, t, &rec, riskv);
                for (int i = 0; i < n; i++) {
                    cur[(size_t)i * D + k] = tmp[(size_t)i * D + k];
                    res->risk[(size_t)(t - 1) * cells + (size_t)i * D + k] = riskv[i];
                }
            }
        } else {
            fc_smp_round(&ws, in, o, prev, cur, in->salience, &rng, t, &rec);
        }
        if (rec.failed) break;
        stats(&ws, in, cur, res->median + (size_t)t * D, res->mean + (size_t)t * D);
        res->rounds = t;
        for (int k = 0; k < nstat; k++) {
            int kk = o->model == BRINK_FORECAST_EU ? k : -1;
            if (res->converged[k] < 0 && max_move(in, prev, cur, kk) <= o->tol)
                res->converged[k] = t;
            if (res->converged[k] >= 0 || res->cycle_period[k]) continue;
            for (int s = t - 2; s >= 0; s--)
                if (max_move(in, res->position + (size_t)s * cells, cur, kk) <= o->tol) {
                    res->cycle_start[k] = s;
                    res->cycle_period[k] = t - s;
                    break;
                }
        }
    }
    fc_ws_free(&ws);
    free(tmp);
    free(riskv);
    if (rec.failed) {
        free(rec.v);
        brink_forecast_result_free(res);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory recording a forecast's offers");
    }
    res->offers = rec.v;
    res->noffers = rec.n;
    return BRINK_OK;
}
