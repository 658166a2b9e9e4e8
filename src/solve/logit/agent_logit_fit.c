/* agent_logit_fit.c — maximum-likelihood estimate of the agent logit precision lambda from
 * observed action counts (McKelvey and Palfrey 1998 fit QRE this way to experimental data).
 *
 * log L(lambda) = sum over player actions a of count(a) * log sigma_lambda(a), along the
 * principal branch. One pass over the traced path brackets the maximum (the path is followed
 * until L has fallen well below its best, or to the end), then golden-section search on the
 * bracket evaluates L at fixed lambdas (each a trace from 0 to that lambda).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "brink/solve.h"
#include "solve/logit/agent_logit.h"

/* Golden-section iterations: the bracket shrinks by 0.618 each time. */
#define FIT_GOLDEN_STEPS 40
/* Stop the bracketing pass this many log-likelihood units below the best so far. */
#define FIT_DROP 20.0

typedef struct fit_ctx {
    const brink_efg *g;
    const double *counts;
    double best_ll, best_lambda, prev_lambda, next_lambda;
    int have_next;
    double last_lambda;
} fit_ctx;

static double loglik(const brink_efg *g, const double *counts, const double *sigma)
{
    double ll = 0;
    for (int a = 0; a < g->player_action_start[g->nplayers]; a++)
        if (counts[a] > 0)
            ll += counts[a] * log(sigma[a] > 0 ? sigma[a] : 1e-300);
    return ll;
}

static int fit_visit(void *vctx, const brink_alogit *m, const double *y, double lambda,
                     double nashconv)
{
    fit_ctx *c = vctx;
    (void)y;
    (void)nashconv;
    double ll = loglik(c->g, c->counts, brink_alogit_sigma(m));
    if (ll > c->best_ll) {
        c->best_ll = ll;
        c->prev_lambda = c->best_lambda;
        c->best_lambda = lambda;
        c->have_next = 0;
    } else if (!c->have_next && lambda > c->best_lambda) {
        c->next_lambda = lambda;
        c->have_next = 1;
    }
    c->last_lambda = lambda;
    return c->have_next && ll < c->best_ll - FIT_DROP;
}

/* log L at a fixed lambda (trace from 0). */
static brink_status ll_at(const brink_efg *g, const double *counts, const brink_solve_options *o,
                          double lambda, double *ll, brink_profile_list *keep, brink_error *err)
{
    brink_solve_options so = *o;
    so.lambda = lambda;
    so.want_path = 0;
    so.progress = NULL;
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_status st = brink_agent_logit_trace(g, &so, NULL, NULL, &l, err);
    if (st == BRINK_OK && l.count > 0) {
        *ll = loglik(g, counts, l.items[l.count - 1].p);
        if (keep) {
            brink_profile_list_free(keep);
            *keep = l;
            return BRINK_OK;
        }
    }
    brink_profile_list_free(&l);
    return st;
}

brink_status brink_agent_logit_fit(const brink_efg *g, const double *counts,
                                   const brink_solve_options *o, double *lambda, double *ll_out,
                                   brink_profile_list *out, brink_error *err)
{
    brink_solve_options defaults;
    if (!o) {
        brink_solve_options_init(&defaults);
        o = &defaults;
    }
    for (int a = 0; a < g->player_action_start[g->nplayers]; a++)
        if (!(counts[a] >= 0) || !isfinite(counts[a]))
            return brink_error_set(err, BRINK_EINVALID,
                                   "logit fit: count %g for action %d is not a frequency",
                                   counts[a], a + 1);
    fit_ctx c;
    memset(&c, 0, sizeof c);
    c.g = g;
    c.counts = counts;
    c.best_ll = -INFINITY;
    brink_solve_options so = *o;
    so.lambda = NAN;
    so.want_path = 0;
    brink_profile_list scratch;
    brink_profile_list_init(&scratch);
    brink_status st = brink_agent_logit_trace(g, &so, fit_visit, &c, &scratch, err);
    brink_profile_list_free(&scratch);
    if (st != BRINK_OK && !(st == BRINK_ENOCONVERGE && isfinite(c.best_ll)))
        return st;
    /* uniform play (lambda 0) is a candidate too */
    double u[1];
    st = ll_at(g, counts, o, 0, u, NULL, err);
    if (st != BRINK_OK)
        return st;
    if (u[0] >= c.best_ll) {
        c.best_ll = u[0];
        c.best_lambda = 0;
        c.prev_lambda = 0;
        c.next_lambda = c.have_next ? c.next_lambda : c.last_lambda;
        c.have_next = 1;
    }
    double lo = c.prev_lambda, hi = c.have_next ? c.next_lambda : c.best_lambda;
    double best = c.best_lambda, bestll = c.best_ll;
    if (hi > lo) {
        const double phi = 0.6180339887498949;
        double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo), f1, f2;
        st = ll_at(g, counts, o, x1, &f1, NULL, err);
        if (st == BRINK_OK)
            st = ll_at(g, counts, o, x2, &f2, NULL, err);
        for (int k = 0; k < FIT_GOLDEN_STEPS && st == BRINK_OK; k++) {
            if (f1 > f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - phi * (hi - lo);
                st = ll_at(g, counts, o, x1, &f1, NULL, err);
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + phi * (hi - lo);
                st = ll_at(g, counts, o, x2, &f2, NULL, err);
            }
        }
        if (st != BRINK_OK)
            return st;
        double x = f1 > f2 ? x1 : x2, fx = f1 > f2 ? f1 : f2;
        if (fx >= bestll) {
            best = x;
            bestll = fx;
        }
    }
    *lambda = best;
    if (ll_out)
        *ll_out = bestll;
    if (out) {
        brink_profile_list keep;
        brink_profile_list_init(&keep);
        double f;
        st = ll_at(g, counts, o, best, &f, &keep, err);
        for (int k = 0; st == BRINK_OK && k < keep.count; k++) {
            brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_BEHAV, g->nactions, 0, err);
            if (!pr) {
                st = BRINK_ENOMEM;
                break;
            }
            memcpy(pr->p, keep.items[k].p, (size_t)g->nactions * sizeof(double));
            pr->lambda = keep.items[k].lambda;
            pr->belief = keep.items[k].belief; /* move */
            pr->nbelief = keep.items[k].nbelief;
            keep.items[k].belief = NULL;
        }
        brink_profile_list_free(&keep);
    }
    return st;
}
