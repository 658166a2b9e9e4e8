/* forecast_int.h — internals shared by the forecast engine's files: the per-run workspace
 * (no allocation inside a round), the one-round steps of the EU and SMP models, and the
 * offer recorder. The driver (run.c) owns snapshots, convergence and cycle detection.
 */
#ifndef BRINK_FORECAST_INT_H
#define BRINK_FORECAST_INT_H

#include "brink/core.h"
#include "brink/forecast.h"

/* Growable offer list; `failed` is set on an allocation failure (the run then fails). */
typedef struct fc_offers {
    brink_forecast_offer_rec *v;
    size_t n, cap;
    int failed;
} fc_offers;

/* Scratch of one run: sized for n actors and D issues once. */
typedef struct fc_ws {
    int n, D;
    double *x, *w;          /* [n] one issue's positions, capability x salience weights */
    double *p;              /* [n*n] win probabilities */
    double *eu;             /* [n*n] expected utility of i challenging j */
    double *r;              /* [n] risk exponents */
    double *sec;            /* [n] security sums */
    double *z;              /* [n*D] SMP: normalised positions */
    double *a;              /* [n*D] SMP: salience weights per actor, summing to 1 */
    double *vw;             /* [n] SMP: vote weights */
    double *u;              /* [n*n] SMP: u_k(z_i) */
    double *ls, *lf;        /* [n*n] EU: log(1/2 -+ d_ij/2), shared by both members of a pair */
    int *best;              /* [n] chosen offer per target (-1 none) */
    long *rec_at;           /* [n] SMP: index of challenger i's recorded offer (-1 none) */
    double *bval;           /* [n] its value */
    double *tmp;            /* [2n] sort scratch for the median */
    int *idx;               /* [n] */
} fc_ws;

brink_status fc_ws_alloc(fc_ws *ws, int n, int D);

/* Ties of expected utilities (EU model, both rule sets). An expected utility is a sum of a few
 * utilities in [-2, 2] weighted by probabilities and saliences in [0, 1], so it lies in
 * [-4, 4] whatever the data, and its round-off is a few times 1e-16 (the inputs' decimals are
 * not exact in binary either). The model is discontinuous exactly at its ties (E = 0: an offer
 * or none; E_t = E_s: a lost conflict or none), so a sign or an order decided by round-off
 * would move an actor all the way: values within FC_EU_TIE of 0 are 0, and two within
 * FC_EU_TIE of each other are equal (docs/forecast.md, "Ties"). */
#define FC_EU_TIE 1e-12
static inline double fc_eu_snap(double e)
{
    return e <= FC_EU_TIE && e >= -FC_EU_TIE ? 0.0 : e;
}
/* a < b by more than round-off */
static inline int fc_eu_less(double a, double b)
{
    return a < b - FC_EU_TIE;
}
void fc_ws_free(fc_ws *ws);

/* Append an offer; returns its index or -1 (sets failed). */
long fc_offer_add(fc_offers *o, const brink_forecast_offer_rec *rec);

/* One EU round on issue k: positions pos[n*D] (row-major by actor) are read and the new ones
 * written to next (the other issues' entries are copied). rec may be NULL; risk_out (n, may be
 * NULL) receives the r_i used. */
void fc_eu_round(fc_ws *ws, const brink_forecast_input *in, const brink_forecast_options *o,
                 const double *pos, double *next, int k, int round, fc_offers *rec,
                 double *risk_out);

/* The same under Scholz et al.'s program's conventions (BRINK_FORECAST_RULES_SCHOLZ_CODE). */
void fc_eu_round_code(fc_ws *ws, const brink_forecast_input *in, const brink_forecast_options *o,
                      const double *pos, double *next, int k, int round, fc_offers *rec,
                      double *risk_out);

/* One SMP round over all issues. rng is used only in stochastic mode. */
void fc_smp_round(fc_ws *ws, const brink_forecast_input *in, const brink_forecast_options *o,
                  const double *pos, double *next, const double *sal, brink_rng *rng, int round,
                  fc_offers *rec);

/* Weighted median using the workspace's scratch (no allocation). */
double fc_wmedian(fc_ws *ws, const double *x, const double *w, int n);

#endif
