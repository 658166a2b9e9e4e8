/* unreached.c — completing an assessment at information sets that only zero-probability
 * chance moves lead to (e.g. the behaviour of a type whose prior is 0).
 *
 * Such sets are outside the game in the Kreps–Wilson sense (sequential equilibrium assumes
 * chance moves have positive probability), so no perturbation of the players' strategies
 * reaches them and a solver is free to leave anything there. Analysts still ask "what would a
 * resolute DPRK do if there were one?", and the exact check of sequential rationality looks at
 * every information set; so brink answers as if nature had trembled: beliefs at a cut-off set
 * are the conditional reach probabilities given that the fewest zero-probability chance moves
 * happened (their positive chance factors times the other players' behaviour), and behaviour
 * there is a best reply to those beliefs and to the continuation, sets being settled from the
 * bottom of the tree up (by height, so a set's continuation is already settled). A few rounds
 * repeat this because beliefs depend on behaviour higher up.
 *
 * Exact (rationals); the cost is the subtree below each cut-off set per round. */
#include <stdlib.h>
#include <string.h>

#include "brink/solve.h"

#define BRINK_UNREACHED_ROUNDS 8

typedef struct {
    const brink_efg *g;
    int *zeros;       /* [nnodes] zero-probability chance edges on the path */
    mpq_t *cprob;     /* [nnodes] product of the positive chance probabilities on the path */
    int *height;      /* [nnodes] height of the subtree */
    int *cut;         /* [ninfosets] list of cut-off player infosets, by increasing height */
    int ncut;
    int *stack;       /* [nnodes] */
    mpq_t *value;     /* [nnodes] owner's expected payoff below a node (scratch) */
} unreached_ctx;

static int height_of(const unreached_ctx *c, int h)
{
    const brink_efg *g = c->g;
    int best = 0;
    for (int k = 0; k < g->infoset_nmembers[h]; k++) {
        int v = g->infoset_member[g->infoset_member_start[h] + k];
        if (c->height[v] > best) best = c->height[v];
    }
    return best;
}

/* Expected payoff of player i in the subtree of v under behaviour q (exact), into out: the
 * tree evaluator's continuation value. Leaf payoffs include outcomes above v too; that part is
 * the same for every action at v, so comparisons between actions are unaffected. */
static void subtree_value(unreached_ctx *c, const mpq_t *q, int v, int i, mpq_t out)
{
    brink_efg_subtree_valuesq(c->g, q, v, i, c->value);
    mpq_set(out, c->value[v]);
}

/* Beliefs at cut-off set h from the current behaviour; returns 1 if they changed. */
static int update_beliefs(unreached_ctx *c, brink_profile *pr, int h)
{
    const brink_efg *g = c->g;
    int owner = g->infoset_player[h], nm = g->infoset_nmembers[h];
    const int *mem = g->infoset_member + g->infoset_member_start[h];
    int zmin = -1;
    for (int k = 0; k < nm; k++)
        if (zmin < 0 || c->zeros[mem[k]] < zmin) zmin = c->zeros[mem[k]];
    mpq_t *w = brink_q_array_new((size_t)nm);
    if (!w) return -1;
    mpq_t tot, t;
    mpq_init(tot);
    mpq_init(t);
    for (int k = 0; k < nm; k++) {
        int v = mem[k];
        if (c->zeros[v] != zmin) continue;
        mpq_set(w[k], c->cprob[v]);
        for (int u = v; g->node_parent[u] >= 0; u = g->node_parent[u]) {
            int pl = g->infoset_player[g->node_infoset[g->node_parent[u]]];
            if (pl >= 0 && pl != owner) mpq_mul(w[k], w[k], pr->q[g->node_action[u]]);
        }
        mpq_add(tot, tot, w[k]);
    }
    int changed = 0, nmin = 0;
    for (int k = 0; k < nm; k++) nmin += c->zeros[mem[k]] == zmin;
    for (int k = 0; k < nm; k++) {
        int v = mem[k];
        if (c->zeros[v] != zmin) mpq_set_ui(t, 0, 1);
        else if (mpq_sgn(tot) == 0) mpq_set_ui(t, 1, (unsigned long)nmin);
        else mpq_div(t, w[k], tot);
        if (!mpq_equal(t, pr->beliefq[v])) changed = 1;
        mpq_set(pr->beliefq[v], t);
        pr->belief[v] = brink_q_get_d(t);
    }
    brink_q_array_free(w, (size_t)nm);
    mpq_clear(tot);
    mpq_clear(t);
    return changed;
}

/* Best reply at cut-off set h given its beliefs and the continuation; 1 if behaviour changed. */
static int update_behaviour(unreached_ctx *c, brink_profile *pr, int h)
{
    const brink_efg *g = c->g;
    int owner = g->infoset_player[h], na = g->infoset_nactions[h], a0 = g->infoset_action_start[h];
    const int *mem = g->infoset_member + g->infoset_member_start[h];
    mpq_t *val = brink_q_array_new((size_t)na);
    if (!val) return -1;
    mpq_t t, cur, best;
    mpq_init(t);
    mpq_init(cur);
    mpq_init(best);
    for (int k = 0; k < g->infoset_nmembers[h]; k++) {
        int v = mem[k];
        if (mpq_sgn(pr->beliefq[v]) == 0) continue;
        for (int a = 0; a < na; a++) {
            subtree_value(c, (const mpq_t *)pr->q, g->node_children[g->node_child_start[v] + a],
                          owner, t);
            mpq_mul(t, t, pr->beliefq[v]);
            mpq_add(val[a], val[a], t);
        }
    }
    int arg = 0;
    for (int a = 0; a < na; a++) {
        mpq_mul(t, pr->q[a0 + a], val[a]);
        mpq_add(cur, cur, t);
        if (a == 0 || mpq_cmp(val[a], best) > 0) {
            mpq_set(best, val[a]);
            arg = a;
        }
    }
    int changed = 0;
    if (mpq_cmp(cur, best) < 0) { /* not a best reply: play the first best action */
        for (int a = 0; a < na; a++) {
            mpq_set_ui(pr->q[a0 + a], a == arg, 1);
            pr->p[a0 + a] = a == arg;
        }
        changed = 1;
    }
    brink_q_array_free(val, (size_t)na);
    mpq_clear(t);
    mpq_clear(cur);
    mpq_clear(best);
    return changed;
}


brink_status brink_assessment_complete_unreached(const brink_efg *g, brink_profile *pr,
                                                 brink_error *err)
{
    if (!pr->q || !pr->beliefq || !pr->belief)
        return brink_error_set(err, BRINK_EINVALID, "an exact assessment is needed");
    int N = g->nnodes;
    unreached_ctx c;
    memset(&c, 0, sizeof c);
    c.g = g;
    brink_status st = BRINK_OK;
    c.zeros = calloc((size_t)N, sizeof(int));
    c.height = calloc((size_t)N, sizeof(int));
    c.cut = calloc((size_t)g->ninfosets + 1, sizeof(int));
    c.cprob = brink_q_array_new((size_t)N);
    c.value = brink_q_array_new((size_t)N);
    if (!c.zeros || !c.height || !c.cut || !c.cprob || !c.value) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory completing an assessment");
        goto out;
    }
    mpq_set_ui(c.cprob[0], 1, 1);
    for (int v = 1; v < N; v++) {
        int u = g->node_parent[v], a = g->node_action[v];
        c.zeros[v] = c.zeros[u];
        mpq_set(c.cprob[v], c.cprob[u]);
        if (g->infoset_player[g->node_infoset[u]] == BRINK_CHANCE) {
            if (mpq_sgn(g->action_probq[a]) == 0) c.zeros[v]++;
            else mpq_mul(c.cprob[v], c.cprob[v], g->action_probq[a]);
        }
    }
    for (int v = N - 1; v > 0; v--) {
        int u = g->node_parent[v];
        if (c.height[v] + 1 > c.height[u]) c.height[u] = c.height[v] + 1;
    }
    for (int h = 0; h < g->player_infoset_start[g->nplayers]; h++) {
        int all = 1;
        for (int k = 0; k < g->infoset_nmembers[h] && all; k++)
            all = c.zeros[g->infoset_member[g->infoset_member_start[h] + k]] > 0;
        if (all) c.cut[c.ncut++] = h;
    }
    /* Insertion sort by height (cut-off sets are few). */
    for (int i = 1; i < c.ncut; i++) {
        int h = c.cut[i], hh = height_of(&c, h), j = i - 1;
        while (j >= 0 && height_of(&c, c.cut[j]) > hh) {
            c.cut[j + 1] = c.cut[j];
            j--;
        }
        c.cut[j + 1] = h;
    }
    for (int round = 0; round < BRINK_UNREACHED_ROUNDS && c.ncut > 0; round++) {
        int changed = 0;
        for (int k = 0; k < c.ncut; k++) {
            int r1 = update_beliefs(&c, pr, c.cut[k]);
            int r2 = r1 < 0 ? -1 : update_behaviour(&c, pr, c.cut[k]);
            if (r1 < 0 || r2 < 0) {
                st = brink_error_set(err, BRINK_ENOMEM, "out of memory completing an assessment");
                goto out;
            }
            changed |= r1 | r2;
        }
        if (!changed) break;
    }
out:
    free(c.zeros);
    free(c.height);
    free(c.cut);
    brink_q_array_free(c.cprob, c.cprob ? (size_t)N : 0);
    brink_q_array_free(c.value, c.value ? (size_t)N : 0);
    return st;
}
