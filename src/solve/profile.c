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
    if (pr->nprofiles) {
        mpz_clear(*pr->nprofiles);
        free(pr->nprofiles);
    }
    free(pr->alt);
    memset(pr, 0, sizeof *pr);
}

void brink_profile_list_free(brink_profile_list *l)
{
    if (!l) return;
    for (int i = 0; i < l->count; i++) brink_profile_clear(&l->items[i]);
    free(l->items);
    free(l->convex_start);
    free(l->convex_member);
    if (l->stats.profiles) {
        mpz_clear(*l->stats.profiles);
        free(l->stats.profiles);
    }
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

/* Entries [k0, k1) of pr: 1 when their exact sum is 1 and none is negative. */
static int exact_simplex_range(const brink_profile *pr, int k0, int k1, mpq_t sum)
{
    mpq_set_ui(sum, 0, 1);
    for (int k = k0; k < k1; k++) {
        if (mpq_sgn(pr->q[k]) < 0)
            return 0;
        mpq_add(sum, sum, pr->q[k]);
    }
    return mpq_cmp_ui(sum, 1, 1) == 0;
}

/* Snap entries [k0, k1) to their simplest fractions within tol: 1 when those form a
 * distribution (then pr->q holds them), 0 when not (pr->q unchanged). */
static int snap_range(brink_profile *pr, int k0, int k1, double tol, mpq_t sum, mpq_t *tmp)
{
    mpq_set_ui(sum, 0, 1);
    for (int k = k0; k < k1; k++) {
        brink_q_from_double_approx(tmp[k - k0], pr->p[k], tol);
        if (mpq_sgn(tmp[k - k0]) < 0)
            return 0;
        mpq_add(sum, sum, tmp[k - k0]);
    }
    if (mpq_cmp_ui(sum, 1, 1) != 0)
        return 0;
    for (int k = k0; k < k1; k++)
        mpq_set(pr->q[k], tmp[k - k0]);
    return 1;
}

brink_status brink_profile_snap_simplex(brink_profile *pr, const brink_game *g, double tol,
                                        int *snapped, brink_error *err)
{
    *snapped = 0;
    if (!pr->q)
        return BRINK_OK;
    int nsets = g->kind == BRINK_GAME_NFG ? g->nfg->nplayers : g->efg->ninfosets, widest = 1;
    for (int h = 0; h < nsets; h++) {
        int w = g->kind == BRINK_GAME_NFG ? g->nfg->nstrats[h] : g->efg->infoset_nactions[h];
        widest = w > widest ? w : widest;
    }
    mpq_t sum;
    mpq_init(sum);
    mpq_t *tmp = brink_q_array_new((size_t)widest);
    if (!tmp) {
        mpq_clear(sum);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    brink_status st = BRINK_OK;
    for (int h = 0; h < nsets && !st; h++) {
        int k0, k1;
        if (g->kind == BRINK_GAME_NFG) {
            k0 = g->nfg->strat_offset[h];
            k1 = g->nfg->strat_offset[h + 1];
        } else {
            if (g->efg->infoset_player[h] < 0)
                continue;   /* chance: the game's own probabilities are used */
            k0 = g->efg->infoset_action_start[h];
            k1 = k0 + g->efg->infoset_nactions[h];
        }
        if (exact_simplex_range(pr, k0, k1, sum))
            continue;
        mpq_t given;
        mpq_init(given);
        mpq_set(given, sum);
        if (snap_range(pr, k0, k1, tol, sum, tmp)) {
            (*snapped)++;
        } else {
            double off = mpq_get_d(given) - 1;
            brink_buf set;
            brink_buf_init(&set);
            if (g->kind == BRINK_GAME_NFG)
                brink_buf_printf(&set, "player %d", h + 1);
            else
                brink_buf_printf(&set, "information set %d of player %d",
                                 g->efg->infoset_number[h], g->efg->infoset_player[h] + 1);
            st = set.failed
                     ? brink_error_set(err, BRINK_ENOMEM, "out of memory")
                     : brink_error_set(err, BRINK_EINVALID, "%s: the probabilities as written "
                                       "sum to 1 %c %.3g exactly, and the simplest fractions "
                                       "near them do not sum to 1 either: give them exactly "
                                       "(fractions such as 2/3)", set.data, off < 0 ? '-' : '+',
                                       fabs(off));
            brink_buf_free(&set);
        }
        mpq_clear(given);
    }
    if (!st && *snapped)
        brink_profile_sync_doubles(pr);
    brink_q_array_free(tmp, (size_t)widest);
    mpq_clear(sum);
    return st;
}
