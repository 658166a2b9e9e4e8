/* evaluate.c — reach probabilities and expected values of a behaviour profile, doubles and
 * exact (brink/evaluate.h has the convention for chance and the traversal design).
 *
 * Every function is one pass over the pre-order node arrays: forward for reach (a parent's
 * entry is final before its children's), backward for continuation values (children before
 * their parent). The double and exact variants are written side by side with the same loops,
 * so they cannot drift apart.
 */
#include <stdlib.h>
#include <string.h>

#include "brink/evaluate.h"

/* ---- reach ---- */

void brink_efg_reach(const brink_efg *g, const double *behav, double *reach)
{
    reach[0] = 1.0;
    for (int v = 1; v < g->nnodes; v++)
        reach[v] = reach[g->node_parent[v]] * brink_efg_edge_prob(g, behav, v);
}

void brink_efg_reachq(const brink_efg *g, const mpq_t *behav, mpq_t *reach)
{
    mpq_set_ui(reach[0], 1, 1);
    for (int v = 1; v < g->nnodes; v++)
        mpq_mul(reach[v], reach[g->node_parent[v]], *brink_efg_edge_probq(g, behav, v));
}

static int mover_of_edge(const brink_efg *g, int v)
{
    return g->infoset_player[g->node_infoset[g->node_parent[v]]];
}

void brink_efg_reach_others(const brink_efg *g, const double *behav, int player, double *reach)
{
    reach[0] = 1.0;
    for (int v = 1; v < g->nnodes; v++) {
        int par = g->node_parent[v];
        reach[v] = mover_of_edge(g, v) == player
                       ? reach[par]
                       : reach[par] * brink_efg_edge_prob(g, behav, v);
    }
}

void brink_efg_reach_othersq(const brink_efg *g, const mpq_t *behav, int player, mpq_t *reach)
{
    mpq_set_ui(reach[0], 1, 1);
    for (int v = 1; v < g->nnodes; v++) {
        int par = g->node_parent[v];
        if (mover_of_edge(g, v) == player)
            mpq_set(reach[v], reach[par]);
        else
            mpq_mul(reach[v], reach[par], *brink_efg_edge_probq(g, behav, v));
    }
}

void brink_efg_reach_below(const brink_efg *g, const double *behav, int root, double *reach)
{
    int end = root + g->node_subtree_size[root];
    reach[root] = 1.0;
    for (int v = root + 1; v < end; v++)
        reach[v] = reach[g->node_parent[v]] * brink_efg_edge_prob(g, behav, v);
}

/* ---- values ---- */

void brink_efg_values(const brink_efg *g, const double *behav, double *value)
{
    int n = g->nplayers;
    for (int i = 0; i < n; i++)
        value[i] = 0;
    /* No scratch memory: walk from each leaf to the root (depth steps per leaf). */
    for (int l = 0; l < g->nleaves; l++) {
        double pr = 1.0;
        for (int v = g->leaf_node[l]; v > 0 && pr != 0; v = g->node_parent[v])
            pr *= brink_efg_edge_prob(g, behav, v);
        if (pr == 0)
            continue;
        for (int i = 0; i < n; i++)
            value[i] += pr * g->leaf_pay[(size_t)l * n + i];
    }
}

int brink_efg_max_depth(const brink_efg *g)
{
    int d = 0;
    for (int v = 0; v < g->nnodes; v++)
        if (g->node_depth[v] > d)
            d = g->node_depth[v];
    return d;
}

brink_status brink_efg_valuesq(const brink_efg *g, const mpq_t *behav, mpq_t *value,
                               brink_error *err)
{
    int n = g->nplayers;
    size_t depth = (size_t)brink_efg_max_depth(g) + 1;
    /* reach of the current path on a stack indexed by depth: a node's ancestors sit in the
     * slots below its own depth while the nodes are visited in pre-order */
    mpq_t *all = brink_q_array_new(depth);
    if (!all)
        return brink_error_set(err, BRINK_ENOMEM, "exact values: out of memory");
    mpq_t tmp;
    mpq_init(tmp);
    for (int i = 0; i < n; i++)
        mpq_set_ui(value[i], 0, 1);
    for (int v = 0; v < g->nnodes; v++) {
        int d = g->node_depth[v];
        if (v == 0)
            mpq_set_ui(all[0], 1, 1);
        else
            mpq_mul(all[d], all[d - 1], *brink_efg_edge_probq(g, behav, v));
        int l = g->node_leaf[v];
        if (l >= 0 && mpq_sgn(all[d]) != 0)
            for (int i = 0; i < n; i++) {
                mpq_mul(tmp, all[d], g->leaf_payq[(size_t)l * n + i]);
                mpq_add(value[i], value[i], tmp);
            }
    }
    mpq_clear(tmp);
    brink_q_array_free(all, depth);
    return BRINK_OK;
}

void brink_efg_subtree_values(const brink_efg *g, const double *behav, int root, int player,
                              double *U)
{
    int np = g->nplayers;
    int w = player < 0 ? np : 1, off = player < 0 ? 0 : player;
    for (int v = root + g->node_subtree_size[root] - 1; v >= root; v--) {
        double *u = U + (size_t)v * (size_t)w;
        int h = g->node_infoset[v];
        if (h < 0) {
            memcpy(u, g->leaf_pay + (size_t)g->node_leaf[v] * (size_t)np + off,
                   (size_t)w * sizeof *u);
            continue;
        }
        for (int i = 0; i < w; i++)
            u[i] = 0;
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            int c = brink_efg_child(g, v, a);
            double p = brink_efg_edge_prob(g, behav, c);
            if (p == 0)
                continue;
            const double *uc = U + (size_t)c * (size_t)w;
            for (int i = 0; i < w; i++)
                u[i] += p * uc[i];
        }
    }
}

void brink_efg_subtree_valuesq(const brink_efg *g, const mpq_t *behav, int root, int player,
                               mpq_t *U)
{
    int np = g->nplayers;
    int w = player < 0 ? np : 1, off = player < 0 ? 0 : player;
    mpq_t t;
    mpq_init(t);
    for (int v = root + g->node_subtree_size[root] - 1; v >= root; v--) {
        mpq_t *u = U + (size_t)v * (size_t)w;
        int h = g->node_infoset[v];
        if (h < 0) {
            const mpq_t *pay = g->leaf_payq + (size_t)g->node_leaf[v] * (size_t)np + off;
            for (int i = 0; i < w; i++)
                mpq_set(u[i], pay[i]);
            continue;
        }
        for (int i = 0; i < w; i++)
            mpq_set_ui(u[i], 0, 1);
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            int c = brink_efg_child(g, v, a);
            const mpq_t *p = brink_efg_edge_probq(g, behav, c);
            if (mpq_sgn(*p) == 0)
                continue;
            const mpq_t *uc = U + (size_t)c * (size_t)w;
            for (int i = 0; i < w; i++) {
                mpq_mul(t, *p, uc[i]);
                mpq_add(u[i], u[i], t);
            }
        }
    }
    mpq_clear(t);
}
