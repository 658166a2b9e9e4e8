/* input.c — the forecast input's life cycle and range checks, and the two weighted
 * statistics (median, mean) every model reports per round.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/unicode.h"
#include "forecast/forecast_int.h"

void brink_forecast_input_init(brink_forecast_input *in)
{
    memset(in, 0, sizeof *in);
}

void brink_forecast_input_free(brink_forecast_input *in)
{
    if (!in) return;
    for (int i = 0; in->actor && i < in->nactors; i++) free(in->actor[i]);
    for (int k = 0; in->issue && k < in->nissues; k++) free(in->issue[k]);
    free(in->actor);
    free(in->issue);
    free(in->capability);
    free(in->position);
    free(in->salience);
    free(in->lo);
    free(in->hi);
    free(in->draws);
    free(in->salience_percent);
    memset(in, 0, sizeof *in);
}

brink_status brink_forecast_input_alloc(brink_forecast_input *in, int nactors, int nissues,
                                        brink_error *err)
{
    brink_forecast_input_init(in);
    if (nactors < 2 || nactors > BRINK_FORECAST_MAX_ACTORS)
        return brink_error_set(err, BRINK_EINVALID, "a forecast needs 2 to %d actors, not %d",
                               BRINK_FORECAST_MAX_ACTORS, nactors);
    if (nissues < 1 || nissues > BRINK_FORECAST_MAX_ISSUES)
        return brink_error_set(err, BRINK_EINVALID, "a forecast needs 1 to %d issues, not %d",
                               BRINK_FORECAST_MAX_ISSUES, nissues);
    size_t cells = (size_t)nactors * (size_t)nissues;
    in->nactors = nactors;
    in->nissues = nissues;
    in->actor = brink_calloc((size_t)nactors, sizeof *in->actor);
    in->issue = brink_calloc((size_t)nissues, sizeof *in->issue);
    in->capability = brink_calloc((size_t)nactors, sizeof *in->capability);
    in->position = brink_calloc(cells, sizeof *in->position);
    in->salience = brink_calloc(cells, sizeof *in->salience);
    in->lo = brink_calloc((size_t)nissues, sizeof *in->lo);
    in->hi = brink_calloc((size_t)nissues, sizeof *in->hi);
    if (!in->actor || !in->issue || !in->capability || !in->position || !in->salience ||
        !in->lo || !in->hi) {
        brink_forecast_input_free(in);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory for a forecast's data");
    }
    for (int k = 0; k < nissues; k++) in->hi[k] = 100.0;
    return BRINK_OK;
}

static const char *nm(char **names, int i)
{
    return names && names[i] ? names[i] : "?";
}

brink_status brink_forecast_input_check(const brink_forecast_input *in, brink_error *err)
{
    if (!in || in->nactors < 2 || in->nissues < 1 || !in->capability || !in->position ||
        !in->salience || !in->lo || !in->hi)
        return brink_error_set(err, BRINK_EINVALID, "a forecast needs at least 2 actors and 1 issue");
    double total = 0;
    for (int i = 0; i < in->nactors; i++) {
        double c = in->capability[i];
        if (!isfinite(c) || c < 0)
            return brink_error_set(err, BRINK_EINVALID, "actor '%s': capability must be a finite number >= 0",
                                   nm(in->actor, i));
        total += c;
        if (in->actor && in->actor[i] && br_utf8_invalid_at(in->actor[i], strlen(in->actor[i])) >= 0)
            return brink_error_set(err, BRINK_EINVALID, "actor %d: its name is not valid UTF-8", i + 1);
        for (int j = 0; j < i && in->actor; j++) {
            int same = in->actor[i] && in->actor[j] ? br_names_equal(in->actor[i], in->actor[j]) : 0;
            if (same < 0)
                return brink_error_set(err, BRINK_ENOMEM, "out of memory");
            if (same)   /* canonically equivalent names are one name */
                return brink_error_set(err, BRINK_EINVALID, "actor '%s' is listed twice", in->actor[i]);
        }
    }
    if (!(total > 0))
        return brink_error_set(err, BRINK_EINVALID, "every actor has capability 0: nobody can move anybody");
    for (int k = 0; k < in->nissues; k++) {
        if (!isfinite(in->lo[k]) || !isfinite(in->hi[k]) || !(in->lo[k] < in->hi[k]))
            return brink_error_set(err, BRINK_EINVALID, "issue '%s': its scale needs finite ends lo < hi",
                                   nm(in->issue, k));
        int weighed = 0;
        for (int i = 0; i < in->nactors; i++) {
            double x = in->position[(size_t)i * in->nissues + k];
            double s = in->salience[(size_t)i * in->nissues + k];
            weighed |= in->capability[i] > 0 && s > 0;
            if (in->capability[i] > 1e12)
                return brink_error_set(err, BRINK_EINVALID,
                                       "actor '%s': capability %g is above 1e12 (capabilities "
                                       "are relative: rescale them)", nm(in->actor, i),
                                       in->capability[i]);
            if (!isfinite(x) || x < in->lo[k] || x > in->hi[k])
                return brink_error_set(err, BRINK_EINVALID,
                                       "actor '%s', issue '%s': position %g is off the scale [%g, %g]",
                                       nm(in->actor, i), nm(in->issue, k), x, in->lo[k], in->hi[k]);
            if (!isfinite(s) || s < 0 || s > 1)
                return brink_error_set(err, BRINK_EINVALID,
                                       "actor '%s', issue '%s': salience %g is not in [0, 1]",
                                       nm(in->actor, i), nm(in->issue, k), s);
        }
        if (!weighed)   /* the weighted median and mean would be 0/0 */
            return brink_error_set(err, BRINK_EINVALID,
                                   "issue '%s': no actor has both capability and salience above "
                                   "0, so nobody weighs on it", nm(in->issue, k));
    }
    for (int d = 0; d < in->ndraws; d++) {
        const brink_forecast_draw *q = &in->draws[d];
        int cap = q->field == BRINK_FORECAST_CAPABILITY;
        if (!q->dist || q->actor < 0 || q->actor >= in->nactors || q->field < BRINK_FORECAST_CAPABILITY ||
            q->field > BRINK_FORECAST_SALIENCE || (cap ? q->issue != -1 : q->issue < 0 || q->issue >= in->nissues))
            return brink_error_set(err, BRINK_EINVALID, "drawn input %d names no input of the forecast", d + 1);
    }
    return BRINK_OK;
}

double brink_forecast_weighted_mean(const double *x, const double *w, int n)
{
    double t = 0, sw = 0;
    for (int i = 0; i < n; i++) {
        t += w[i] * x[i];
        sw += w[i];
    }
    return sw > 0 ? t / sw : NAN;
}

/* Insertion sort of indices by position: n is small (actors), and no allocation. */
static double wmedian_sorted(const double *x, const double *w, int n, int *idx)
{
    for (int i = 0; i < n; i++) {
        int v = idx[i] = i, j = i;
        while (j > 0 && x[idx[j - 1]] > x[v]) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
    double total = 0;
    for (int i = 0; i < n; i++) total += w[i];
    if (!(total > 0)) return NAN;
    double cum = 0;
    for (int i = 0; i < n; i++) {
        cum += w[idx[i]];
        /* Relative slack: sums of the same weights in another order may differ in the last bit. */
        if (cum >= total / 2 * (1 - 1e-12)) return x[idx[i]];
    }
    return x[idx[n - 1]];
}

double fc_wmedian(fc_ws *ws, const double *x, const double *w, int n)
{
    return wmedian_sorted(x, w, n, ws->idx);
}

double brink_forecast_weighted_median(const double *x, const double *w, int n)
{
    if (n <= 0) return NAN;
    int *idx = malloc((size_t)n * sizeof *idx);
    if (!idx) return NAN;
    double m = wmedian_sorted(x, w, n, idx);
    free(idx);
    return m;
}

brink_status fc_ws_alloc(fc_ws *ws, int n, int D)
{
    memset(ws, 0, sizeof *ws);
    ws->n = n;
    ws->D = D;
    size_t nn = (size_t)n * (size_t)n, nd = (size_t)n * (size_t)D;
    ws->x = brink_calloc((size_t)n, sizeof(double));
    ws->w = brink_calloc((size_t)n, sizeof(double));
    ws->p = brink_calloc(nn, sizeof(double));
    ws->eu = brink_calloc(nn, sizeof(double));
    ws->r = brink_calloc((size_t)n, sizeof(double));
    ws->sec = brink_calloc((size_t)n, sizeof(double));
    ws->z = brink_calloc(nd, sizeof(double));
    ws->a = brink_calloc(nd, sizeof(double));
    ws->vw = brink_calloc((size_t)n, sizeof(double));
    ws->u = brink_calloc(nn, sizeof(double));
    ws->ls = brink_calloc(nn, sizeof(double));
    ws->lf = brink_calloc(nn, sizeof(double));
    ws->best = brink_calloc((size_t)n, sizeof(int));
    ws->rec_at = brink_calloc((size_t)n, sizeof(long));
    ws->bval = brink_calloc((size_t)n, sizeof(double));
    ws->tmp = brink_calloc(2 * (size_t)n, sizeof(double));
    ws->idx = brink_calloc((size_t)n, sizeof(int));
    if (!ws->x || !ws->w || !ws->p || !ws->eu || !ws->r || !ws->sec || !ws->z || !ws->a ||
        !ws->vw || !ws->u || !ws->ls || !ws->lf || !ws->best || !ws->rec_at || !ws->bval || !ws->tmp || !ws->idx) {
        fc_ws_free(ws);
        return BRINK_ENOMEM;
    }
    return BRINK_OK;
}

void fc_ws_free(fc_ws *ws)
{
    free(ws->x);
    free(ws->w);
    free(ws->p);
    free(ws->eu);
    free(ws->r);
    free(ws->sec);
    free(ws->z);
    free(ws->a);
    free(ws->vw);
    free(ws->u);
    free(ws->ls);
    free(ws->lf);
    free(ws->best);
    free(ws->rec_at);
    free(ws->bval);
    free(ws->tmp);
    free(ws->idx);
    memset(ws, 0, sizeof *ws);
}

long fc_offer_add(fc_offers *o, const brink_forecast_offer_rec *rec)
{
    if (o->failed) return -1;
    if (o->n == o->cap) {
        size_t cap = o->cap ? 2 * o->cap : 64;
        brink_forecast_offer_rec *v = brink_reallocarray(o->v, cap, sizeof *v);
        if (!v) {
            o->failed = 1;
            return -1;
        }
        o->v = v;
        o->cap = cap;
    }
    o->v[o->n] = *rec;
    return (long)o->n++;
}
