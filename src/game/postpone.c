/* postpone.c — chance moves postponed to the first point where they matter, as a game
 * transform (brink_efg_postpone_chance in include/brink/efg.h).
 *
 * A chance move whose children are decision nodes of one information set (the actor there
 * cannot tell the chance outcomes apart) commutes with that decision: the decision is taken
 * first and the chance move is repeated under each of its actions, with the same
 * probabilities, over the matching grandchildren. Every play keeps the same moves (in
 * another order) and the same payoffs, every information set keeps its actions and the
 * moves its actor has seen, so the reduced strategic form, the behaviour strategies, the
 * consistent beliefs and therefore the Nash and sequential equilibria are the same
 * (Thompson's interchange of moves; Kohlberg and Mertens 1986, section 2.4). The swap is
 * repeated while it applies, so a type drawn at the root but seen only by its owner moves
 * down to the owner's first move: Fearon's bargaining with the cost drawn first becomes the
 * game of perfect information in which it is drawn after the demand.
 *
 * Infosets are renumbered by the builder (Gambit's order follows the first node), so the
 * result comes with a map from its actions to the original ones. The walk uses an explicit
 * stack, never the C stack, whatever the depth. Which moves are swapped depends on the
 * structure only, so a caller solving one structure at many parameter values postpones once
 * and re-binds the numbers (brink_efg_postpone_rebind).
 */
#include <stdlib.h>
#include <string.h>

#include "brink/core.h"
#include "brink/efg.h"
#include "brink/evaluate.h"

/* One pending piece of the new tree: an original node copied as it is (nkids = -1), or a
 * chance move of original node `node` over the original nodes kids[0..nkids) (its children
 * in the original, or the matching grandchildren after swaps). */
typedef struct item {
    int node;
    int kids, nkids;   /* offset into the kid pool */
} item;

typedef struct pp {
    item *stack;
    size_t nstack, capstack;
    int *pool;
    size_t npool, cappool;
    int *rep;          /* [new nodes] the original node each new one copies */
    size_t nrep, caprep;
    long swaps;
} pp;

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = brink_reallocarray(*p, c, size);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

static int push(pp *s, int node, int kids, int nkids)
{
    if (grow((void **)&s->stack, &s->capstack, s->nstack + 1, sizeof *s->stack))
        return -1;
    s->stack[s->nstack++] = (item){node, kids, nkids};
    return 0;
}

/* Push an original node: a chance node becomes a chance item over its own children. */
static int push_orig(pp *s, const brink_efg *g, int v)
{
    if (g->node_infoset[v] < 0 || g->infoset_player[g->node_infoset[v]] != BRINK_CHANCE)
        return push(s, v, 0, -1);
    int n = g->infoset_nactions[g->node_infoset[v]];
    if (grow((void **)&s->pool, &s->cappool, s->npool + (size_t)n, sizeof *s->pool))
        return -1;
    int at = (int)s->npool;
    for (int a = 0; a < n; a++)
        s->pool[s->npool++] = brink_efg_child(g, v, a);
    return push(s, v, at, n);
}

/* Can the chance item's decision children swap with it: all decision nodes of one player
 * information set, with the same outcome (usually none) on them? */
static int swappable(const brink_efg *g, const pp *s, const item *it)
{
    int h = g->node_infoset[s->pool[it->kids]];
    if (h < 0 || g->infoset_player[h] == BRINK_CHANCE)
        return 0;
    int o = g->node_outcome[s->pool[it->kids]];
    for (int i = 1; i < it->nkids; i++) {
        int k = s->pool[it->kids + i];
        if (g->node_infoset[k] != h || g->node_outcome[k] != o)
            return 0;
    }
    return 1;
}

static int add_node(brink_efg_builder *b, pp *s, const brink_efg *g, int orig, int infoset,
                    int outcome, brink_error *err)
{
    if (grow((void **)&s->rep, &s->caprep, s->nrep + 1, sizeof *s->rep))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory postponing chance moves");
    s->rep[s->nrep++] = orig;
    return brink_efg_builder_add_node(b, g->node_label[orig], infoset, outcome, err) < 0
               ? (err ? err->code : BRINK_EINVALID) : BRINK_OK;
}

/* Emit the new tree in pre-order into b (whose infosets and outcomes carry the original
 * indices). */
static brink_status walk(brink_efg_builder *b, pp *s, const brink_efg *g, brink_error *err)
{
    if (push_orig(s, g, 0))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory postponing chance moves");
    while (s->nstack) {
        item it = s->stack[--s->nstack];
        brink_status st;
        if (it.nkids < 0) {   /* an original decision or terminal node, as it is */
            int v = it.node;
            if ((st = add_node(b, s, g, v, g->node_infoset[v], g->node_outcome[v], err)))
                return st;
            int h = g->node_infoset[v];
            for (int a = h < 0 ? 0 : g->infoset_nactions[h]; a-- > 0;)
                if (push_orig(s, g, brink_efg_child(g, v, a)))
                    goto oom;
            continue;
        }
        if (swappable(g, s, &it)) {
            /* the decision first (a copy of the first child: same infoset, label, outcome),
             * then under each of its actions the chance move over the grandchildren */
            int k0 = s->pool[it.kids], h = g->node_infoset[k0], m = g->infoset_nactions[h];
            if ((st = add_node(b, s, g, k0, h, g->node_outcome[k0], err)))
                return st;
            s->swaps++;
            if (grow((void **)&s->pool, &s->cappool, s->npool + (size_t)m * (size_t)it.nkids,
                     sizeof *s->pool))
                goto oom;
            for (int a = m; a-- > 0;) {
                int at = (int)s->npool;
                for (int i = 0; i < it.nkids; i++)
                    s->pool[s->npool++] = brink_efg_child(g, s->pool[it.kids + i], a);
                if (push(s, it.node, at, it.nkids))
                    goto oom;
            }
            continue;
        }
        /* the chance move stays here (a copy of the original one) */
        int c = it.node;
        if ((st = add_node(b, s, g, c, g->node_infoset[c], g->node_outcome[c], err)))
            return st;
        for (int i = it.nkids; i-- > 0;)
            if (push_orig(s, g, s->pool[it.kids + i]))
                goto oom;
    }
    return BRINK_OK;
oom:
    return brink_error_set(err, BRINK_ENOMEM, "out of memory postponing chance moves");
}

/* The builder with the original's players, infosets and outcomes, in the original order
 * (builder ids = original indices). */
static brink_efg_builder *copy_header(const brink_efg *g, brink_error *err)
{
    brink_efg_builder *b = brink_efg_builder_new(g->nplayers, err);
    if (!b)
        return NULL;
    if ((g->title && brink_efg_builder_set_title(b, g->title, err)) ||
        (g->comment && brink_efg_builder_set_comment(b, g->comment, err)))
        goto fail;
    for (int p = 0; p < g->nplayers; p++)
        if (brink_efg_builder_set_player_name(b, p, g->player_names[p], err))
            goto fail;
    for (int h = 0; h < g->ninfosets; h++) {
        int a0 = g->infoset_action_start[h], p = g->infoset_player[h];
        if (brink_efg_builder_add_infoset(b, p, g->infoset_nactions[h], g->infoset_label[h],
                                          (const char *const *)&g->action_label[a0],
                                          p == BRINK_CHANCE ? &g->action_probq[a0] : NULL,
                                          g->infoset_number[h], err) != h)
            goto fail;
    }
    for (int o = 0; o < g->noutcomes; o++)
        if (brink_efg_builder_add_outcome(b, g->outcome_label[o],
                                          &g->outcome_payq[(size_t)o * g->nplayers],
                                          g->outcome_number[o], err) != o)
            goto fail;
    return b;
fail:
    brink_efg_builder_free(b);
    return NULL;
}

brink_status brink_efg_postpone_chance(const brink_efg *g, brink_efg **out, int **action_map,
                                       long *swaps, brink_error *err)
{
    *out = NULL;
    *action_map = NULL;
    if (swaps)
        *swaps = 0;
    if (!g || g->nnodes < 1)
        return brink_error_set(err, BRINK_EINVALID, "postponing chance moves: no game");
    pp s;
    memset(&s, 0, sizeof s);
    brink_status st = BRINK_OK;
    brink_efg_builder *b = copy_header(g, err);
    if (!b)
        return err ? err->code : BRINK_ENOMEM;
    if ((st = walk(b, &s, g, err)) || !s.swaps) {
        brink_efg_builder_free(b);   /* nothing moves: no new game */
        goto done;
    }
    brink_efg *t = brink_efg_builder_finish(b, err);
    if (!t) {
        st = err ? err->code : BRINK_EINVALID;
        goto done;
    }
    int *map = brink_calloc((size_t)(t->nactions ? t->nactions : 1), sizeof *map);
    if (!map) {
        brink_efg_free(t);
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory postponing chance moves");
        goto done;
    }
    for (int v = 0; v < t->nnodes; v++) {
        int h = t->node_infoset[v];
        if (h < 0)
            continue;
        int oh = g->node_infoset[s.rep[v]];
        for (int a = 0; a < t->infoset_nactions[h]; a++)
            map[t->infoset_action_start[h] + a] = g->infoset_action_start[oh] + a;
    }
    *out = t;
    *action_map = map;
    if (swaps)
        *swaps = s.swaps;
done:
    free(s.stack);
    free(s.pool);
    free(s.rep);
    return st;
}

brink_status brink_efg_postpone_rebind(const brink_efg *g, brink_efg *t, const int *action_map,
                                       brink_error *err)
{
    size_t n = (size_t)t->nplayers;
    if (g->nplayers != t->nplayers || g->noutcomes != t->noutcomes)
        return brink_error_set(err, BRINK_EINVALID, "re-binding a postponed game: not of "
                               "this game's structure");
    /* chance probabilities through the action map; outcomes keep their indices */
    for (int h = t->player_infoset_start[t->nplayers]; h < t->ninfosets; h++)
        for (int a = t->infoset_action_start[h];
             a < t->infoset_action_start[h] + t->infoset_nactions[h]; a++) {
            mpq_set(t->action_probq[a], g->action_probq[action_map[a]]);
            t->action_prob[a] = brink_q_get_d(t->action_probq[a]);
        }
    for (size_t k = 0; k < (size_t)t->noutcomes * n; k++) {
        mpq_set(t->outcome_payq[k], g->outcome_payq[k]);
        t->outcome_pay[k] = brink_q_get_d(t->outcome_payq[k]);
    }
    /* leaf payoffs: the outcomes met on the way, summed as the builder sums them */
    size_t rows = (size_t)brink_efg_max_depth(t) + 1;
    mpq_t *cum = brink_q_array_new(rows * n);
    if (!cum)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory re-binding a postponed game");
    for (int v = 0; v < t->nnodes; v++) {
        size_t d = (size_t)t->node_depth[v];
        mpq_t *row = cum + d * n;
        for (size_t p = 0; p < n; p++) {
            if (d == 0)
                mpq_set_ui(row[p], 0, 1);
            else
                mpq_set(row[p], cum[(d - 1) * n + p]);
            if (t->node_outcome[v] >= 0)
                mpq_add(row[p], row[p], t->outcome_payq[(size_t)t->node_outcome[v] * n + p]);
        }
        int l = t->node_leaf[v];
        if (l >= 0)
            for (size_t p = 0; p < n; p++) {
                mpq_set(t->leaf_payq[(size_t)l * n + p], row[p]);
                t->leaf_pay[(size_t)l * n + p] = brink_q_get_d(row[p]);
            }
    }
    brink_q_array_free(cum, rows * n);
    return BRINK_OK;
}
