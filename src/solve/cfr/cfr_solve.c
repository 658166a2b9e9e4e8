/* cfr_solve.c — runs a CFR variant under the solver contract: iteration budget, target
 * NashConv, time limit, progress/cancel callback, and the average strategy as the answer.
 *
 * NashConv is measured on a schedule (every max(10, t/10) iterations, so at most ~10% extra
 * work and at most ~10% overshoot past the target) only when a target or a progress callback
 * asks for it, and once at the end for the statistics. The method's tolerance is the target
 * (--target-exploitability) or, without one, CFR_DEFAULT_TOL x the payoff range (the
 * tolerance brink's other floating-point methods stop at, agent-logit's). A run that ends at
 * the time limit or the iteration budget with NashConv above that tolerance is flagged
 * stopped_at_limit (the average strategy so far is the answer, not an equilibrium to the
 * tolerance, and says so).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "solve/cfr/cfr_solve.h"

/* Without a target: the tolerance relative to the payoff range (see above). */
#define CFR_DEFAULT_TOL 1e-8

static double payoff_range(const brink_efg *g)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < (size_t)g->nleaves * (size_t)g->nplayers; k++) {
        lo = fmin(lo, g->leaf_pay[k]);
        hi = fmax(hi, g->leaf_pay[k]);
    }
    return hi > lo && isfinite(hi - lo) ? hi - lo : 1.0;
}

brink_status brink_cfr_solve(const brink_efg *g, const brink_solve_options *o,
                             brink_cfr_variant variant, brink_profile_list *out,
                             brink_error *err)
{
    brink_cfr_params prm;
    brink_cfr_params_init(&prm, variant);
    prm.threads = o->threads;
    if (o->seed)
        prm.seed = o->seed;
    brink_cfr *c = brink_cfr_new(g, &prm, err);
    if (!c)
        return err ? err->code : BRINK_ENOMEM;
    double target = o->target_exploitability > 0 ? o->target_exploitability : 0;
    long maxit = o->max_iterations;
    if (maxit <= 0)
        maxit = target > 0 ? BRINK_CFR_TARGET_ITERATIONS
                           : variant == BRINK_CFR_EXTERNAL_SAMPLING ? BRINK_MCCFR_DEFAULT_ITERATIONS
                                                                   : BRINK_CFR_DEFAULT_ITERATIONS;
    int measure = target > 0 || o->progress;
    double t0 = brink_now(), nc = INFINITY;
    long next = 10;
    brink_status st = BRINK_OK;
    int timed_out = 0;
    while (brink_cfr_iterations(c) < maxit) {
        long t = brink_cfr_iterations(c);
        long step = measure ? next - t : maxit - t;
        if (o->time_limit > 0 && step > 100)
            step = 100; /* look at the clock now and then */
        if (step > maxit - t)
            step = maxit - t;
        if (step < 1)
            step = 1;
        brink_cfr_iterate(c, step);
        t = brink_cfr_iterations(c);
        if (measure && t >= next) {
            next = t + (t / 10 > 10 ? t / 10 : 10);
            st = brink_cfr_nashconv(c, &nc, err);
            if (st != BRINK_OK)
                break;
            if (o->progress) {
                char what[96];
                snprintf(what, sizeof what, "%s: iteration %ld, NashConv %.3g",
                         variant == BRINK_CFR_EXTERNAL_SAMPLING ? "mccfr" : "cfr", t, nc);
                if (o->progress(o->progress_ctx, (double)t / (double)maxit, what))
                    break; /* cancelled: return what we have */
            }
            if (target > 0 && nc <= target)
                break;
        }
        if (o->time_limit > 0 && brink_now() - t0 >= o->time_limit) {
            timed_out = brink_cfr_iterations(c) < maxit;
            break;
        }
    }
    if (st == BRINK_OK)
        st = brink_cfr_nashconv(c, &nc, err);
    brink_profile *pr = st == BRINK_OK ? brink_profile_list_add(out, BRINK_PROFILE_BEHAV,
                                                                 g->nactions, 0, err)
                                       : NULL;
    if (st == BRINK_OK && !pr)
        st = BRINK_ENOMEM;
    if (pr) {
        brink_cfr_average(c, pr->p);
        out->stats.iterations = brink_cfr_iterations(c);
        out->stats.residual = nc;
        double tol = target > 0 ? target : CFR_DEFAULT_TOL * payoff_range(g);
        out->stats.stopped_at_limit = !(nc <= tol);
        out->stats.budget_exhausted = out->stats.stopped_at_limit && !timed_out;
        out->stats.tolerance = tol;
    }
    brink_cfr_free(c);
    return st;
}
