/* eu.c — one round of Bueno de Mesquita's expected-utility model on one issue, as
 * reconstructed by Scholz, Calbert & Smith (2011); docs/forecast.md gives every formula's
 * section. Two passes: with r = 1 the expected utilities give each actor's security and so
 * its risk exponent r_i; with those r_i they are computed again, offers go out where the
 * challenger expects a gain, and each target acts on one offer. Moves are simultaneous.
 */
#include <math.h>
#include <string.h>

#include "forecast/forecast_int.h"

/* Win probability of i against j (s. 4): votes of every actor k, weighted by c_k s_k, for the
 * nearer of the two; the numerator counts only votes for i. Equal positions: no contest.
 * The net vote for i, sum_k w_k (|x_k - x_j| - |x_k - x_i|), and the total cast,
 * sum_k w_k | |x_k - x_j| - |x_k - x_i| |, are summed per pair (once for both orders); the
 * positive part is (net + total) / 2. The net vote is summed term by term, not as a difference
 * of the two actors' sums of distances: that difference of two large sums turned an exact tie
 * (net 0) into +-1e-16 and decided challenges on its sign (tester 10b, F2). Summed term by term
 * its round-off is at most some n ulps of the total, and a net within 1e-12 of the total is a
 * tie (0). */
static void probabilities(fc_ws *ws, int n, brink_forecast_prob rule)
{
    const double *x = ws->x, *w = ws->w;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            double den = 0, net = 0;
            for (int k = 0; k < n; k++) {
                double v = w[k] * (fabs(x[k] - x[j]) - fabs(x[k] - x[i]));
                net += v; /* votes for i minus votes for j */
                den += fabs(v);
            }
            if (fabs(net) <= FC_EU_TIE * den) net = 0;
            double nij = rule == BRINK_FORECAST_PROB_NET ? net : (net + den) / 2;
            double nji = rule == BRINK_FORECAST_PROB_NET ? -net : (den - net) / 2;
            if (nij < 0) nij = 0;
            if (nji < 0) nji = 0;
            ws->p[(size_t)i * n + j] = den > 0 ? nij / den : 0.5;
            ws->p[(size_t)j * n + i] = den > 0 ? nji / den : 0.5;
        }
}

/* u(v) = 2 - 4 v^r for the four outcomes' arguments (s. 3). */
static inline double util(double v, double r)
{
    return 2.0 - 4.0 * (r == 1.0 ? v : pow(v, r));
}

/* v^r from log v (log 0 = -inf gives 0). */
static inline double powl_(double logv, double v, double r)
{
    return r == 1.0 ? v : exp(r * logv);
}

/* E^i(U_ij) for all ordered pairs with exponents r (s. 2.2). The success and failure
 * utilities of a pair share their bases, so their logarithms are taken once per pair; the
 * better/worse terms are weighted by 1 - Q and skipped when Q = 1 (the default). */
static void pair_logs(fc_ws *ws, int n, double dx)
{
    const double *x = ws->x;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            double d = fabs(x[i] - x[j]) / dx;
            ws->ls[(size_t)i * n + j] = ws->ls[(size_t)j * n + i] = log(0.5 - 0.5 * d);
            ws->lf[(size_t)i * n + j] = ws->lf[(size_t)j * n + i] = log(0.5 + 0.5 * d);
        }
}

static void expected(fc_ws *ws, int n, const double *sal, double dx, double mu, double q,
                     double t)
{
    const double *x = ws->x;
    for (int i = 0; i < n; i++) {
        double r = ws->r[i];
        double usq = util(0.5, r);
        double dm = fabs(x[i] - mu) / dx;
        for (int j = 0; j < n; j++) {
            if (i == j) continue;
            size_t ij = (size_t)i * n + j;
            if (x[i] == x[j]) {
                ws->eu[ij] = 0; /* nothing to gain from challenging one's own position */
                continue;
            }
            double d = fabs(x[i] - x[j]) / dx;
            double us = 2.0 - 4.0 * powl_(ws->ls[ij], 0.5 - 0.5 * d, r);
            double uf = 2.0 - 4.0 * powl_(ws->lf[ij], 0.5 + 0.5 * d, r);
            double p = ws->p[ij], sj = sal[j];
            double e = sj * (p * us + (1 - p) * uf) + (1 - sj) * us - q * usq;
            if (q != 1.0) {
                double ub = util(0.5 - 0.25 * (dm + d), r);
                double uw = util(0.5 + 0.25 * (dm + d), r);
                e -= (1 - q) * (t * ub + (1 - t) * uw);
            }
            ws->eu[ij] = fc_eu_snap(e); /* a tie with the status quo is one (FC_EU_TIE) */
        }
    }
}

/* Risk exponents from security (s. 5): R_i compares the sum of the others' expected utility
 * of challenging i with the most and least exposed actors; r_i = (1 - R_i/3) / (1 + R_i/3)
 * lies in [1/2, 2]. All equally exposed: R_i = 0, r_i = 1. R does not depend on the spread's
 * size, so a spread of round-off (n - 1 expected utilities summed, each within FC_EU_TIE)
 * would give exponents 1/2 and 2: a spread within n FC_EU_TIE is none. */
static void risk(fc_ws *ws, int n)
{
    double mx = -INFINITY, mn = INFINITY;
    for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++)
            if (j != i) s += ws->eu[(size_t)j * n + i];
        ws->sec[i] = s;
        if (s > mx) mx = s;
        if (s < mn) mn = s;
    }
    for (int i = 0; i < n; i++) {
        double R = mx - mn > n * FC_EU_TIE ? (2 * ws->sec[i] - mx - mn) / (mx - mn) : 0.0;
        double r = (1 - R / 3) / (1 + R / 3);
        /* R in [-1, 1] exactly; rounding may put r a few ulps past its ends. */
        ws->r[i] = r < 0.5 ? 0.5 : r > 2.0 ? 2.0 : r;
    }
}

void fc_eu_round(fc_ws *ws, const brink_forecast_input *in, const brink_forecast_options *o,
                 const double *pos, double *next, int k, int round, fc_offers *rec,
                 double *risk_out)
{
    if (o->rules == BRINK_FORECAST_RULES_SCHOLZ_CODE) {
        fc_eu_round_code(ws, in, o, pos, next, k, round, rec, risk_out);
        return;
    }
    int n = in->nactors, D = in->nissues;
    double *s = ws->tmp; /* [n] saliences of issue k (tmp has 2n) */
    for (int i = 0; i < n; i++) {
        ws->x[i] = pos[(size_t)i * D + k];
        s[i] = in->salience[(size_t)i * D + k];
        ws->w[i] = in->capability[i] * s[i];
    }
    double dx = in->hi[k] - in->lo[k];
    double mu = o->mu == BRINK_FORECAST_MU_MEAN ? brink_forecast_weighted_mean(ws->x, ws->w, n)
                                                 : fc_wmedian(ws, ws->x, ws->w, n);
    probabilities(ws, n, o->prob);
    for (int i = 0; i < n; i++) ws->r[i] = 1.0;
    if (o->risk) {
        expected(ws, n, s, dx, mu, o->q, o->t);
        risk(ws, n);
    }
    if (risk_out)
        for (int i = 0; i < n; i++) risk_out[i] = ws->r[i];
    if (o->risk) pair_logs(ws, n, dx); /* with r = 1 the logarithms are not used */
    expected(ws, n, s, dx, mu, o->q, o->t);

    /* Each target picks one of the offers sent to it (E^i(U_ij) > 0; expected utilities were
     * snapped to 0 within FC_EU_TIE, and are compared with that tolerance). */
    for (int j = 0; j < n; j++) {
        ws->best[j] = -1;
        for (int i = 0; i < n; i++) {
            if (i == j) continue;
            double e = ws->eu[(size_t)i * n + j];
            if (!(e > 0)) continue;
            int b = ws->best[j];
            int take = b < 0;
            if (!take) {
                double eb = ws->eu[(size_t)b * n + j];
                double di = fabs(ws->x[i] - ws->x[j]), db = fabs(ws->x[b] - ws->x[j]);
                int more = fc_eu_less(eb, e), tie = !more && !fc_eu_less(e, eb);
                if (o->offer == BRINK_FORECAST_OFFER_NEAREST)
                    take = di < db || (di == db && more);
                else
                    take = more || (tie && di < db);
            }
            if (take) ws->best[j] = i;
        }
    }
    for (int i = 0; i < n; i++)
        for (int d = 0; d < D; d++) next[(size_t)i * D + d] = pos[(size_t)i * D + d];
    for (int j = 0; j < n; j++) {
        int b = ws->best[j];
        double moved = ws->x[j];
        brink_forecast_kind kind = BRINK_FORECAST_LOST;
        int acted = 0;
        if (b >= 0) {
            double uj = ws->eu[(size_t)b * n + j]; /* challenger's gain, > 0 */
            double ui = ws->eu[(size_t)j * n + b]; /* the target's own view of challenging */
            if (ui > 0 && fc_eu_less(ui, uj)) {
                kind = BRINK_FORECAST_LOST;
                moved = ws->x[b];
                acted = 1;
            } else if (ui <= 0 && -ui < uj) {
                kind = BRINK_FORECAST_COMPROMISE;
                moved = ws->x[j] + (ws->x[b] - ws->x[j]) * (-ui / uj);
                acted = 1;
            } else if (ui < 0) {
                kind = BRINK_FORECAST_CAPITULATE;
                moved = ws->x[b];
                acted = 1;
            }
            /* ui >= uj > 0 (equal within FC_EU_TIE): the target expects to win; it stays. */
        }
        next[(size_t)j * D + k] = moved;
        if (rec)
            for (int i = 0; i < n; i++) {
                if (i == j || !(ws->eu[(size_t)i * n + j] > 0)) continue;
                brink_forecast_offer_rec r = {round, k, i, j, ws->eu[(size_t)i * n + j],
                                              ws->eu[(size_t)j * n + i], acted && i == b,
                                              kind};
                fc_offer_add(rec, &r);
            }
    }
}
