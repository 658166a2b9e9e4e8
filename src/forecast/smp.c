/* smp.c — one round of a KTAB-style spatial model of politics (KAPSARC KTAB, SMP) over all
 * issues at once. Positions are scaled to [0, 1] per issue; actor k values a point y by
 * u_k(y) = 1 - sqrt(sum_d a_kd (y_d - z_kd)^2) with a_k its saliences normalised to sum 1.
 * For each ordered pair, every actor votes for the nearer of the two positions with KTAB's
 * VotingRule on the utility difference, weighted by capability x mean salience; coalition
 * strengths give P(i beats j) by KTAB's VPModel law. The contest's expected result moves j
 * toward i by P; i offers that to the target where it gains most, and each target takes the
 * offer it likes best (deterministic: moves by P; seeded: moves all the way with
 * probability P, else stays). docs/forecast.md says where this follows KTAB and where it is
 * simpler.
 */
#include <math.h>

#include "forecast/forecast_int.h"

static double vote(brink_forecast_vote rule, double w, double du)
{
    double bin = du / 1e-10; /* KTAB's binary response is linear inside a tiny band */
    bin = bin > 1 ? 1 : bin < -1 ? -1 : bin;
    switch (rule) {
    case BRINK_FORECAST_VOTE_BINARY: return w * bin;
    case BRINK_FORECAST_VOTE_PROPBIN: return w * (0.8 * du + 0.2 * bin);
    case BRINK_FORECAST_VOTE_PROP: return w * du;
    case BRINK_FORECAST_VOTE_PROPCBC: return w * (0.5 * du + 0.5 * du * du * du);
    case BRINK_FORECAST_VOTE_CUBIC: return w * du * du * du;
    }
    return 0;
}

static double pv(brink_forecast_pv law, double si, double sj)
{
    int e = law == BRINK_FORECAST_PV_QUARTIC ? 4 : law == BRINK_FORECAST_PV_SQUARE ? 2 : 1;
    double a = si, b = sj;
    for (int m = 1; m < e; m++) {
        a *= si;
        b *= sj;
    }
    return a + b > 0 ? a / (a + b) : 0.5;
}

/* u_k of a point y given in [0,1]^D. */
static double uval(const fc_ws *ws, int k, const double *y)
{
    double s = 0;
    for (int d = 0; d < ws->D; d++) {
        double t = y[d] - ws->z[(size_t)k * ws->D + d];
        s += ws->a[(size_t)k * ws->D + d] * t * t;
    }
    return 1.0 - sqrt(s);
}

void fc_smp_round(fc_ws *ws, const brink_forecast_input *in, const brink_forecast_options *o,
                  const double *pos, double *next, const double *sal, brink_rng *rng, int round,
                  fc_offers *rec)
{
    int n = in->nactors, D = in->nissues;
    for (int i = 0; i < n; i++) {
        double ssum = 0;
        for (int d = 0; d < D; d++) {
            size_t id = (size_t)i * D + d;
            ws->z[id] = (pos[id] - in->lo[d]) / (in->hi[d] - in->lo[d]);
            ssum += sal[id];
        }
        for (int d = 0; d < D; d++)
            ws->a[(size_t)i * D + d] = ssum > 0 ? sal[(size_t)i * D + d] / ssum : 0.0;
        ws->vw[i] = in->capability[i] * ssum / D;
    }
    for (int k = 0; k < n; k++)
        for (int i = 0; i < n; i++) ws->u[(size_t)k * n + i] = uval(ws, k, ws->z + (size_t)i * D);
    /* P(i beats j) for all pairs. */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            if (i == j) continue;
            double si = 0, sj = 0;
            for (int k = 0; k < n; k++) {
                double v = vote(o->vote, ws->vw[k], ws->u[(size_t)k * n + i] - ws->u[(size_t)k * n + j]);
                if (v > 0) si += v;
                else sj -= v;
            }
            ws->p[(size_t)i * n + j] = pv(o->pv, si, sj);
        }
    /* Each challenger's best target: the largest expected gain P_ij * (1 - u_i(z_j)). */
    for (int j = 0; j < n; j++) {
        ws->best[j] = -1;
        ws->bval[j] = -INFINITY;
    }
    for (int i = 0; i < n; i++) {
        int tgt = -1;
        double g = 0;
        ws->rec_at[i] = -1;
        for (int j = 0; j < n; j++) {
            if (j == i) continue;
            double gain = ws->p[(size_t)i * n + j] * (1.0 - ws->u[(size_t)i * n + j]);
            if (gain > g + 1e-15) {
                g = gain;
                tgt = j;
            }
        }
        if (tgt < 0) continue;
        /* The target's view: its loss if it moves by P toward i (its utility is linear in
         * that move along the segment, so the loss is P * (1 - u_j(z_i))). */
        double p = ws->p[(size_t)i * n + tgt];
        double loss = -p * (1.0 - ws->u[(size_t)tgt * n + i]);
        if (rec) {
            brink_forecast_offer_rec r = {round, -1, i, tgt, g, loss, 0, BRINK_FORECAST_BARGAIN};
            ws->rec_at[i] = fc_offer_add(rec, &r);
        }
        if (loss > ws->bval[tgt]) {
            ws->bval[tgt] = loss;
            ws->best[tgt] = i;
        }
    }
    for (size_t c = 0; c < (size_t)n * D; c++) next[c] = pos[c];
    for (int j = 0; j < n; j++) {
        int i = ws->best[j];
        if (i < 0) continue;
        double p = ws->p[(size_t)i * n + j];
        double f = p;
        if (o->stochastic) f = brink_rng_uniform(rng) < p ? 1.0 : 0.0;
        for (int d = 0; d < D; d++) {
            size_t jd = (size_t)j * D + d, id = (size_t)i * D + d;
            next[jd] = pos[jd] + f * (pos[id] - pos[jd]);
        }
        if (rec && !rec->failed && ws->rec_at[i] >= 0) rec->v[ws->rec_at[i]].accepted = 1;
    }
}
