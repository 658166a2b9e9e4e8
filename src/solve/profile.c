/* profile.c — profile lists and solver options. A list owns its profiles' arrays. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "brink/solve.h"

void brink_solve_options_init(brink_solve_options *o)
{
    memset(o, 0, sizeof *o);
    o->all = 1;
    o->lambda = NAN;
    o->tolerance = 1e-10;
    o->max_exact_cells = (long)BRINK_MAX_EXACT_CELLS;
}

void brink_profile_list_init(brink_profile_list *l)
{
    memset(l, 0, sizeof *l);
}

void brink_profile_clear(brink_profile *pr)
{
    if (!pr) return;
    free(pr->p);
    if (pr->q) brink_q_array_free(pr->q, (size_t)pr->n);
    free(pr->belief);
    free(pr->value);
    /* beliefq/valueq lengths: nnodes / nplayers are stored alongside via nbelief/nvalue. */
    if (pr->beliefq) brink_q_array_free(pr->beliefq, (size_t)pr->nbelief);
    if (pr->valueq) brink_q_array_free(pr->valueq, (size_t)pr->nvalue);
    memset(pr, 0, sizeof *pr);
}

void brink_profile_list_free(brink_profile_list *l)
{
    if (!l) return;
    for (int i = 0; i < l->count; i++) brink_profile_clear(&l->items[i]);
    free(l->items);
    free(l->convex_start);
    free(l->convex_member);
    memset(l, 0, sizeof *l);
}

brink_profile *brink_profile_list_add(brink_profile_list *l, brink_profile_kind kind, int n,
                                      int exact, brink_error *err)
{
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        brink_profile *items = brink_reallocarray(l->items, (size_t)cap, sizeof *items);
        if (!items) goto oom;
        l->items = items;
        l->cap = cap;
    }
    brink_profile *pr = &l->items[l->count];
    memset(pr, 0, sizeof *pr);
    pr->kind = kind;
    pr->n = n;
    pr->lambda = NAN;
    pr->component = -1;
    pr->max_regret = NAN;
    pr->nashconv = NAN;
    pr->p = brink_calloc((size_t)n, sizeof(double));
    if (!pr->p) goto oom;
    if (exact && !(pr->q = brink_q_array_new((size_t)n))) {
        free(pr->p);
        goto oom;
    }
    l->count++;
    return pr;
oom:
    brink_error_set(err, BRINK_ENOMEM, "out of memory storing a profile");
    return NULL;
}

void brink_profile_sync_doubles(brink_profile *pr)
{
    if (!pr->q) return;
    for (int i = 0; i < pr->n; i++) pr->p[i] = brink_q_get_d(pr->q[i]);
}

brink_status brink_profile_check_simplex(const brink_profile *pr, const brink_game *g,
                                         double tol, brink_error *err)
{
    if (g->kind == BRINK_GAME_NFG) {
        const brink_nfg *n = g->nfg;
        if (pr->n != n->total_strats)
            return brink_error_set(err, BRINK_EINVALID, "profile has %d entries; the game has %d "
                                   "strategies", pr->n, n->total_strats);
        for (int p = 0; p < n->nplayers; p++) {
            double s = 0;
            for (int k = n->strat_offset[p]; k < n->strat_offset[p + 1]; k++) {
                if (!(pr->p[k] >= -tol) || !isfinite(pr->p[k]))
                    return brink_error_set(err, BRINK_EINVALID,
                                           "player %d: probability %g of strategy %d is not a "
                                           "probability", p + 1, pr->p[k],
                                           k - n->strat_offset[p] + 1);
                s += pr->p[k];
            }
            if (fabs(s - 1) > tol * (1 + n->nstrats[p]))
                return brink_error_set(err, BRINK_EINVALID,
                                       "player %d: probabilities sum to %.12g, not 1", p + 1, s);
        }
        return BRINK_OK;
    }
    const brink_efg *e = g->efg;
    if (pr->n != e->nactions)
        return brink_error_set(err, BRINK_EINVALID, "profile has %d entries; the game has %d "
                               "actions", pr->n, e->nactions);
    for (int h = 0; h < e->ninfosets; h++) {
        if (e->infoset_player[h] < 0) continue;
        double s = 0;
        for (int a = 0; a < e->infoset_nactions[h]; a++) {
            double x = pr->p[e->infoset_action_start[h] + a];
            if (!(x >= -tol) || !isfinite(x))
                return brink_error_set(err, BRINK_EINVALID,
                                       "information set %d of player %d: %g is not a probability",
                                       e->infoset_number[h], e->infoset_player[h] + 1, x);
            s += x;
        }
        if (fabs(s - 1) > tol * (1 + e->infoset_nactions[h]))
            return brink_error_set(err, BRINK_EINVALID,
                                   "information set %d of player %d: probabilities sum to %.12g",
                                   e->infoset_number[h], e->infoset_player[h] + 1, s);
    }
    return BRINK_OK;
}

brink_status brink_profile_rationalize(brink_profile *pr, double tol, brink_error *err)
{
    if (!pr->q && !(pr->q = brink_q_array_new((size_t)pr->n)))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int i = 0; i < pr->n; i++) brink_q_from_double_approx(pr->q[i], pr->p[i], tol);
    return BRINK_OK;
}
