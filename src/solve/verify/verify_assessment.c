/* verify_assessment.c — checks an assessment (behaviour profile + beliefs at every node):
 *
 *  - Bayes consistency: at every information set reached with positive probability the
 *    beliefs equal the conditional reach probabilities. (Kreps–Wilson consistency off the
 *    path cannot be checked from one profile; methods that build beliefs as limits of fully
 *    mixed profiles guarantee it by construction.)
 *  - Sequential rationality: at every information set h of player i, no strategy of i from h
 *    on does better than the profile, given the beliefs at h and the others' behaviour. The
 *    best continuation is computed with the tree evaluator's sequence recursion
 *    (brink/evaluate.h), over the subtrees below the members of h, weighted by the beliefs;
 *    reach and move probabilities are the evaluator's, with its convention for chance.
 *
 * Exact when the profile has q and beliefq (regret exactly 0 required), doubles otherwise.
 * Work: the sum over information sets of the sizes of their members' subtrees; in exact
 * arithmetic, sub-trees where the player neither moves nor has payoffs that differ are
 * summed at their root (flat_subtrees), plus one pass per player to find them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "brink/solve.h"
#include "solve/efg_util.h"

typedef struct av_scratch {
    int *parent_seq;   /* [ninfosets]: own parent sequence of every player infoset */
    int *seq_stack;    /* [depth + 1] */
    int *marked;       /* [ninfosets] stamp: infoset met below the current h */
    int *list;         /* [ninfosets] marked infosets */
    int *touched;      /* [nactions + nplayers] touched sequence slots */
    char *is_touched;  /* [nactions + nplayers] */
} av_scratch;

static int cmp_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x < y) - (x > y);
}

/* Global slot of player i's sequence s: sequences of all players side by side. */
static int seq_slot(const brink_efg *g, int i, int s)
{
    return g->player_action_start[i] + i + s;
}

static brink_status av_scratch_init(const brink_efg *g, av_scratch *s, brink_error *err)
{
    memset(s, 0, sizeof *s);
    int depth = brink_efg_max_depth(g);
    size_t nslots = (size_t)g->nactions + (size_t)g->nplayers + 1;
    s->parent_seq = brink_calloc((size_t)g->ninfosets + 1, sizeof(int));
    s->seq_stack = brink_calloc((size_t)depth + 1, sizeof(int));
    s->marked = brink_calloc((size_t)g->ninfosets + 1, sizeof(int));
    s->list = brink_calloc((size_t)g->ninfosets + 1, sizeof(int));
    s->touched = brink_calloc(nslots, sizeof(int));
    s->is_touched = brink_calloc(nslots, 1);
    if (!s->parent_seq || !s->seq_stack || !s->marked || !s->list || !s->touched ||
        !s->is_touched)
        return brink_error_set(err, BRINK_ENOMEM, "assessment check: out of memory");
    for (int i = 0; i < g->nplayers; i++) {
        brink_status st = brink_efg_player_parent_seqs(
            g, i, s->parent_seq + g->player_infoset_start[i], err);
        if (st != BRINK_OK)
            return st;
    }
    return BRINK_OK;
}

static void av_scratch_free(av_scratch *s)
{
    free(s->parent_seq);
    free(s->seq_stack);
    free(s->marked);
    free(s->list);
    free(s->touched);
    free(s->is_touched);
}

/* ---- doubles ---- */

static double d_infoset_regret(const brink_efg *g, const brink_profile *pr, int h,
                               av_scratch *s, double *V, double *wo, double *wa)
{
    int i = g->infoset_player[h], n = g->nplayers;
    int as = g->player_action_start[i];
    int nt = 0, nl = 0;
    double actual = 0;
    for (int k = 0; k < g->infoset_nmembers[h]; k++) {
        int v = g->infoset_member[g->infoset_member_start[h] + k];
        double mu = pr->belief[v];
        if (mu <= 0)
            continue;
        int d0 = g->node_depth[v];
        for (int u = v; u < v + g->node_subtree_size[v]; u++) {
            int d = g->node_depth[u] - d0;
            if (u == v) {
                wo[0] = mu;
                wa[0] = mu;
                s->seq_stack[0] = -1;
            } else {
                int pl = g->infoset_player[g->node_infoset[g->node_parent[u]]];
                double e = brink_efg_edge_prob(g, pr->p, u);
                wa[d] = wa[d - 1] * e;
                if (pl == i) {
                    wo[d] = wo[d - 1];
                    s->seq_stack[d] = 1 + g->node_action[u] - as;
                } else {
                    wo[d] = wo[d - 1] * e;
                    s->seq_stack[d] = s->seq_stack[d - 1];
                }
            }
            int hu = g->node_infoset[u];
            if (hu >= 0 && u != v && g->infoset_player[hu] == i && s->marked[hu] != h + 1) {
                s->marked[hu] = h + 1;
                s->list[nl++] = hu;
            }
            int l = g->node_leaf[u];
            if (l >= 0) {
                double pay = g->leaf_pay[(size_t)l * n + i];
                actual += wa[d] * pay;
                int slot = seq_slot(g, i, s->seq_stack[d]);
                if (!s->is_touched[slot]) {
                    s->is_touched[slot] = 1;
                    s->touched[nt++] = slot;
                    V[slot] = 0;
                }
                V[slot] += wo[d] * pay;
            }
        }
    }
    qsort(s->list, (size_t)nl, sizeof(int), cmp_desc);
    for (int k = 0; k <= nl; k++) {
        int hh = k < nl ? s->list[k] : h;
        double best = -INFINITY;
        for (int a = 0; a < g->infoset_nactions[hh]; a++) {
            int slot = seq_slot(g, i, 1 + g->infoset_action_start[hh] + a - as);
            double x = s->is_touched[slot] ? V[slot] : 0;
            if (x > best)
                best = x;
        }
        if (hh == h) {
            for (int t = 0; t < nt; t++)
                s->is_touched[s->touched[t]] = 0;
            return best - actual;
        }
        int slot = seq_slot(g, i, s->parent_seq[hh]);
        if (!s->is_touched[slot]) {
            s->is_touched[slot] = 1;
            s->touched[nt++] = slot;
            V[slot] = 0;
        }
        V[slot] += best;
    }
    return 0; /* not reached */
}

/* ---- exact ---- */

/* Player i's flat sub-trees, for the exact walks: flat[u] is a leaf below u when i has no
 * information set in u's sub-tree and the same payoff at every leaf of it, else -1. When
 * every node's move probabilities sum to exactly one (stoch), the leaves below such a u add
 * w(u) x that payoff, whatever the weights w (all and others' reach: i does not move there),
 * to the sequence i has at u: the walk takes that sum and goes past the sub-tree (an
 * entrant's payoff is settled once its market is: its sets' walks stop there, not at the
 * end of the game). */
static void flat_subtrees(const brink_efg *g, int i, int *flat)
{
    const int H = g->player_infoset_start[g->nplayers], n = g->nplayers;
    for (int u = 0; u < g->nnodes; u++)
        flat[u] = g->node_leaf[u] >= 0 ? g->node_leaf[u] : -2;   /* -2: no leaf merged yet */
    for (int u = g->nnodes - 1; u >= 0; u--) {   /* children (later in pre-order) first */
        int hu = g->node_infoset[u];
        if (hu >= 0 && hu < H && g->infoset_player[hu] == i)
            flat[u] = -1;
        int p = g->node_parent[u];
        if (p < 0 || flat[p] == -1)
            continue;
        if (flat[u] < 0)
            flat[p] = -1;
        else if (flat[p] == -2)
            flat[p] = flat[u];
        else if (!mpq_equal(g->leaf_payq[(size_t)flat[p] * n + i],
                            g->leaf_payq[(size_t)flat[u] * n + i]))
            flat[p] = -1;
    }
}

/* Do the exact move probabilities (the profile's and chance's) sum to one at every node? */
static int exact_stochastic(const brink_efg *g, const brink_profile *pr)
{
    mpq_t *sum = brink_q_array_new((size_t)g->nnodes);
    if (!sum)
        return 0;
    for (int v = 1; v < g->nnodes; v++)
        mpq_add(sum[g->node_parent[v]], sum[g->node_parent[v]],
                *brink_efg_edge_probq(g, (const mpq_t *)pr->q, v));
    int ok = 1;
    for (int v = 0; v < g->nnodes && ok; v++)
        if (g->node_leaf[v] < 0 && mpq_cmp_ui(sum[v], 1, 1) != 0)
            ok = 0;
    brink_q_array_free(sum, (size_t)g->nnodes);
    return ok;
}

/* Exact regret at h (into `regret`). flat: flat_subtrees() for h's player, or NULL. */
static void q_infoset_regret(const brink_efg *g, const brink_profile *pr, int h,
                             av_scratch *s, mpq_t *V, mpq_t *wo, mpq_t *wa, mpq_t regret,
                             mpq_t tmp, const int *flat)
{
    int i = g->infoset_player[h], n = g->nplayers;
    int as = g->player_action_start[i];
    int nt = 0, nl = 0;
    mpq_t actual, best;
    mpq_init(actual);
    mpq_init(best);
    for (int k = 0; k < g->infoset_nmembers[h]; k++) {
        int v = g->infoset_member[g->infoset_member_start[h] + k];
        if (mpq_sgn(pr->beliefq[v]) <= 0)
            continue;
        int d0 = g->node_depth[v];
        for (int u = v; u < v + g->node_subtree_size[v]; u++) {
            int d = g->node_depth[u] - d0;
            if (u == v) {
                mpq_set(wo[0], pr->beliefq[v]);
                mpq_set(wa[0], pr->beliefq[v]);
                s->seq_stack[0] = -1;
            } else {
                int pl = g->infoset_player[g->node_infoset[g->node_parent[u]]];
                const mpq_t *e = brink_efg_edge_probq(g, (const mpq_t *)pr->q, u);
                mpq_mul(wa[d], wa[d - 1], *e);
                if (pl == i) {
                    mpq_set(wo[d], wo[d - 1]);
                    s->seq_stack[d] = 1 + g->node_action[u] - as;
                } else {
                    mpq_mul(wo[d], wo[d - 1], *e);
                    s->seq_stack[d] = s->seq_stack[d - 1];
                }
            }
            int hu = g->node_infoset[u];
            if (hu >= 0 && u != v && g->infoset_player[hu] == i && s->marked[hu] != h + 1) {
                s->marked[hu] = h + 1;
                s->list[nl++] = hu;
            }
            int l = g->node_leaf[u];
            if (l < 0 && flat && flat[u] >= 0) {   /* a flat sub-tree: its sum, then past it */
                l = flat[u];
                u += g->node_subtree_size[u] - 1;
            }
            if (l >= 0) {
                const mpq_t *pay = &g->leaf_payq[(size_t)l * n + i];
                mpq_mul(tmp, wa[d], *pay);
                mpq_add(actual, actual, tmp);
                int slot = seq_slot(g, i, s->seq_stack[d]);
                if (!s->is_touched[slot]) {
                    s->is_touched[slot] = 1;
                    s->touched[nt++] = slot;
                    mpq_set_ui(V[slot], 0, 1);
                }
                mpq_mul(tmp, wo[d], *pay);
                mpq_add(V[slot], V[slot], tmp);
            }
        }
    }
    qsort(s->list, (size_t)nl, sizeof(int), cmp_desc);
    for (int k = 0; k <= nl; k++) {
        int hh = k < nl ? s->list[k] : h;
        for (int a = 0; a < g->infoset_nactions[hh]; a++) {
            int slot = seq_slot(g, i, 1 + g->infoset_action_start[hh] + a - as);
            if (s->is_touched[slot])
                mpq_set(tmp, V[slot]);
            else
                mpq_set_ui(tmp, 0, 1);
            if (a == 0 || mpq_cmp(tmp, best) > 0)
                mpq_set(best, tmp);
        }
        if (hh == h)
            break;
        int slot = seq_slot(g, i, s->parent_seq[hh]);
        if (!s->is_touched[slot]) {
            s->is_touched[slot] = 1;
            s->touched[nt++] = slot;
            mpq_set_ui(V[slot], 0, 1);
        }
        mpq_add(V[slot], V[slot], best);
    }
    for (int t = 0; t < nt; t++)
        s->is_touched[s->touched[t]] = 0;
    mpq_sub(regret, best, actual);
    mpq_clear(actual);
    mpq_clear(best);
}

brink_status brink_verify_assessment(const brink_efg *g, const brink_profile *pr, double tol,
                                     brink_assessment_report *rep, brink_error *err)
{
    memset(rep, 0, sizeof *rep);
    rep->worst_infoset = -1;
    if (!pr || pr->kind != BRINK_PROFILE_BEHAV || pr->n != g->nactions || !pr->belief)
        return brink_error_set(err, BRINK_EINVALID,
                               "assessment check: need a behaviour profile with beliefs");
    int exact = pr->q && pr->beliefq &&
                (size_t)g->nnodes * (size_t)g->nplayers <= BRINK_MAX_EXACT_CELLS;
    rep->exact = exact;
    int depth = brink_efg_max_depth(g);
    size_t nslots = (size_t)g->nactions + (size_t)g->nplayers + 1;
    av_scratch s;
    brink_status st = av_scratch_init(g, &s, err);
    double *reach = brink_calloc((size_t)g->nnodes, sizeof *reach);
    double *V = brink_calloc(nslots, sizeof *V);
    double *wo = brink_calloc((size_t)depth + 1, sizeof *wo);
    double *wa = brink_calloc((size_t)depth + 1, sizeof *wa);
    mpq_t *Vq = NULL, *woq = NULL, *waq = NULL, *reachq = NULL;
    int *flat = NULL;
    mpq_t regq, tmp, tot;
    mpq_init(regq);
    mpq_init(tmp);
    mpq_init(tot);
    if (st == BRINK_OK && (!reach || !V || !wo || !wa))
        st = brink_error_set(err, BRINK_ENOMEM, "assessment check: out of memory");
    if (st == BRINK_OK && exact) {
        Vq = brink_q_array_new(nslots);
        woq = brink_q_array_new((size_t)depth + 1);
        waq = brink_q_array_new((size_t)depth + 1);
        reachq = brink_q_array_new((size_t)g->nnodes);
        if (!Vq || !woq || !waq || !reachq)
            st = brink_error_set(err, BRINK_ENOMEM, "assessment check: out of memory");
    }
    if (st != BRINK_OK)
        goto out;

    /* Bayes consistency where reached. */
    rep->consistent = 1;
    brink_efg_reach(g, pr->p, reach);
    if (exact)
        brink_efg_reachq(g, (const mpq_t *)pr->q, reachq);
    for (int h = 0; h < g->ninfosets; h++) {
        const int *mem = g->infoset_member + g->infoset_member_start[h];
        int nm = g->infoset_nmembers[h];
        double total = 0, bsum = 0;
        for (int k = 0; k < nm; k++) {
            total += reach[mem[k]];
            bsum += pr->belief[mem[k]];
            if (!exact && !(pr->belief[mem[k]] >= -tol))
                rep->consistent = 0;
        }
        if (!exact && fabs(bsum - 1) > tol * nm)
            rep->consistent = 0;
        if (total > 0)
            for (int k = 0; k < nm; k++)
                rep->max_belief_error = fmax(rep->max_belief_error,
                                             fabs(pr->belief[mem[k]] - reach[mem[k]] / total));
        if (!exact)
            continue;
        mpq_set_ui(tot, 0, 1);
        for (int k = 0; k < nm; k++)
            mpq_add(tot, tot, reachq[mem[k]]);
        if (mpq_sgn(tot) == 0) {
            mpq_set_ui(tmp, 0, 1);
            for (int k = 0; k < nm; k++) {
                if (mpq_sgn(pr->beliefq[mem[k]]) < 0)
                    rep->consistent = 0;
                mpq_add(tmp, tmp, pr->beliefq[mem[k]]);
            }
            if (mpq_cmp_ui(tmp, 1, 1) != 0)
                rep->consistent = 0;
            continue;
        }
        for (int k = 0; k < nm; k++) {
            mpq_div(tmp, reachq[mem[k]], tot);
            if (!mpq_equal(tmp, pr->beliefq[mem[k]]))
                rep->consistent = 0;
        }
    }
    if (!exact && rep->max_belief_error > tol)
        rep->consistent = 0;

    /* Sequential rationality at every player information set. */
    rep->sequentially_rational = 1;
    int flat_for = -1;   /* the player flat[] is made for */
    if (exact && exact_stochastic(g, pr)) {
        flat = brink_calloc((size_t)g->nnodes, sizeof *flat);   /* none: the plain walks */
    }
    for (int h = 0; h < g->player_infoset_start[g->nplayers]; h++) {
        double r;
        if (exact) {
            if (flat && g->infoset_player[h] != flat_for) {
                flat_for = g->infoset_player[h];
                flat_subtrees(g, flat_for, flat);
            }
            q_infoset_regret(g, pr, h, &s, Vq, woq, waq, regq, tmp, flat);
            r = brink_q_get_d(regq);
            if (mpq_sgn(regq) != 0)
                rep->sequentially_rational = 0;
        } else {
            r = d_infoset_regret(g, pr, h, &s, V, wo, wa);
            if (r > tol)
                rep->sequentially_rational = 0;
        }
        if (r > rep->max_regret || rep->worst_infoset < 0) {
            if (r > rep->max_regret)
                rep->max_regret = r;
            rep->worst_infoset = h;
        }
    }
out:
    free(flat);
    av_scratch_free(&s);
    free(reach);
    free(V);
    free(wo);
    free(wa);
    if (Vq)
        brink_q_array_free(Vq, nslots);
    if (woq)
        brink_q_array_free(woq, (size_t)depth + 1);
    if (waq)
        brink_q_array_free(waq, (size_t)depth + 1);
    if (reachq)
        brink_q_array_free(reachq, (size_t)g->nnodes);
    mpq_clear(regq);
    mpq_clear(tmp);
    mpq_clear(tot);
    return st;
}
