/* eu_code.c — one EU round under the conventions of Scholz, Calbert & Smith's own program
 * (`--rules scholz-code`), as J. Velev's Python reimplementation reads them
 * (github.com/jmckib/bdm-scholz-expected-utility-model, bdm_scholz_model.py; its commit
 * e9d86fe reports reproducing the paper's results for 10 rounds). These rules differ from the
 * equations as printed (eu.c) in four places, each of which changes the EMU run:
 *  - P(i beats j): the positive votes for i over ALL votes cast in every pairing of the
 *    actors' positions (not only i against j), each voter k weighing distances as
 *    (|x_k - x| / width)^r_k with its own exponent;
 *  - a target judges an offer from its own perspective: both expected utilities (its own of
 *    challenging the sender, the sender's of challenging it) with its own r;
 *  - it takes a lost conflict (both positive, the sender's larger) first, the nearest one;
 *    otherwise a compromise, the one with the smallest |E_t| x_t + E_s x_s over |E_t| + E_s;
 *  - a capitulation never happens (the program's test for it can never hold).
 * Nothing is copied from that program; docs/forecast.md states the rules and their source.
 */
#include <math.h>

#include "forecast/forecast_int.h"

/* v[k*n + a] = (|x_k - x_a| / dx)^r_k: voter k's distance to a's position. */
static void voter_dist(fc_ws *ws, int n, double dx)
{
    for (int k = 0; k < n; k++)
        for (int a = 0; a < n; a++) {
            double d = fabs(ws->x[k] - ws->x[a]) / dx;
            ws->ls[(size_t)k * n + a] = ws->r[k] == 1.0 ? d : pow(d, ws->r[k]);
        }
}

/* P[i][j] = sum_k w_k max(0, v_kj - v_ki) / sum_k w_k sum_a sum_b |v_ka - v_kb|. */
static void probabilities(fc_ws *ws, int n, double dx)
{
    voter_dist(ws, n, dx);
    double all = 0;
    for (int k = 0; k < n; k++) {
        const double *v = ws->ls + (size_t)k * n;
        double s = 0;
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++) s += fabs(v[a] - v[b]);
        all += 2 * ws->w[k] * s; /* both orders of every pair */
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double num = 0;
            if (i != j && ws->x[i] != ws->x[j])
                for (int k = 0; k < n; k++) {
                    double d = ws->w[k] * (ws->ls[(size_t)k * n + j] - ws->ls[(size_t)k * n + i]);
                    if (d > 0) num += d;
                }
            ws->p[(size_t)i * n + j] = all > 0 ? num / all : 0;
        }
}

/* E(i challenges j) seen with exponent r (s. 2.2; the better/worse term only when Q < 1). */
static double eu_seen(const fc_ws *ws, int n, const double *sal, int i, int j, double r, double dx,
                      double mu, double q, double t)
{
    if (ws->x[i] == ws->x[j]) return 0;
    double d = fabs(ws->x[i] - ws->x[j]) / dx;
    double us = 2 - 4 * pow(0.5 - 0.5 * d, r), uf = 2 - 4 * pow(0.5 + 0.5 * d, r);
    double p = ws->p[(size_t)i * n + j];
    double e = sal[j] * (p * us + (1 - p) * uf) + (1 - sal[j]) * us - q * (2 - 4 * pow(0.5, r));
    if (q != 1.0) {
        double dm = fabs(ws->x[i] - mu) / dx;
        double ub = 2 - 4 * pow(0.5 - 0.25 * (dm + d), r), uw = 2 - 4 * pow(0.5 + 0.25 * (dm + d), r);
        e -= (1 - q) * (t * ub + (1 - t) * uw);
    }
    return fc_eu_snap(e); /* within FC_EU_TIE of 0: a tie, 0 */
}

void fc_eu_round_code(fc_ws *ws, const brink_forecast_input *in, const brink_forecast_options *o,
                      const double *pos, double *next, int k, int round, fc_offers *rec,
                      double *risk_out)
{
    int n = in->nactors, D = in->nissues;
    double *s = ws->tmp;
    for (int i = 0; i < n; i++) {
        ws->x[i] = pos[(size_t)i * D + k];
        s[i] = in->salience[(size_t)i * D + k];
        ws->w[i] = in->capability[i] * s[i];
    }
    double dx = in->hi[k] - in->lo[k];
    double mu = o->mu == BRINK_FORECAST_MU_MEAN ? brink_forecast_weighted_mean(ws->x, ws->w, n)
                                                 : fc_wmedian(ws, ws->x, ws->w, n);
    for (int i = 0; i < n; i++) ws->r[i] = 1.0;
    if (o->risk) {
        /* Security with r = 1 everywhere (s. 5), as in eu.c. */
        probabilities(ws, n, dx);
        double mx = -INFINITY, mn = INFINITY;
        for (int i = 0; i < n; i++) {
            double sec = 0;
            for (int j = 0; j < n; j++)
                if (j != i) sec += eu_seen(ws, n, s, j, i, 1.0, dx, mu, o->q, o->t);
            ws->sec[i] = sec;
            if (sec > mx) mx = sec;
            if (sec < mn) mn = sec;
        }
        for (int i = 0; i < n; i++) {
            /* a spread of round-off is none (as in eu.c) */
            double R = mx - mn > n * FC_EU_TIE ? (2 * ws->sec[i] - mx - mn) / (mx - mn) : 0.0;
            double r = (1 - R / 3) / (1 + R / 3);
            ws->r[i] = r < 0.5 ? 0.5 : r > 2.0 ? 2.0 : r;
        }
    }
    if (risk_out)
        for (int i = 0; i < n; i++) risk_out[i] = ws->r[i];
    probabilities(ws, n, dx); /* again, each voter with its own exponent */

    for (int i = 0; i < n; i++)
        for (int d = 0; d < D; d++) next[(size_t)i * D + d] = pos[(size_t)i * D + d];
    for (int j = 0; j < n; j++) { /* j: the target */
        int best = -1, best_lost = 0;
        double best_key = 0, moved = ws->x[j];
        size_t first = rec ? rec->n : 0;
        for (int i = 0; i < n; i++) { /* i: the sender */
            if (i == j || ws->x[i] == ws->x[j]) continue;
            double es = eu_seen(ws, n, s, i, j, ws->r[j], dx, mu, o->q, o->t);
            double et = eu_seen(ws, n, s, j, i, ws->r[j], dx, mu, o->q, o->t);
            /* E within FC_EU_TIE of 0 are 0 (eu_seen); E_s and E_t within it are equal */
            int lost = fc_eu_less(et, es) && et > 0;
            int comp = !lost && es > 0 && et < 0 && fc_eu_less(-et, es);
            if (!lost && !comp) continue;
            double key = lost ? fabs(ws->x[i] - ws->x[j]) : (-et * ws->x[j] + es * ws->x[i]) / (es - et);
            /* A lost conflict beats any compromise; within a kind the smaller key, the first. */
            if (best < 0 || (lost && !best_lost) || (lost == best_lost && key < best_key)) {
                best = i;
                best_lost = lost;
                best_key = key;
                moved = lost ? ws->x[i] : ws->x[j] + (ws->x[i] - ws->x[j]) * (-et / es);
            }
            if (rec) {
                brink_forecast_offer_rec r = {round, k, i, j, es, et, 0,
                                              lost ? BRINK_FORECAST_LOST : BRINK_FORECAST_COMPROMISE};
                fc_offer_add(rec, &r);
            }
        }
        next[(size_t)j * D + k] = moved;
        if (rec && best >= 0 && !rec->failed)
            for (size_t m = first; m < rec->n; m++)
                if (rec->v[m].from == best) rec->v[m].accepted = 1;
    }
}
