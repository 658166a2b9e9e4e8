/* evaluate.c — the analysis' one tree evaluator (doubles): reach probabilities, reach by
 * chance and the other players, continuation values, reach within a subtree.
 *
 * Convention for chance: a chance move's probability is always the game's own
 * (g->action_prob, bound from the scenario), never a profile's entry at a chance action, so
 * profiles from any solver (which may leave those entries unset) are evaluated alike. The
 * analysis copies the game's chance probabilities into every equilibrium it keeps
 * (an_assess), so brink_equilibrium.behav agrees with this convention too.
 */
#include <string.h>

#include "analysis/analysis_int.h"

double an_edge_prob(const brink_efg *g, const double *behav, int v)
{
    int a = g->node_action[v];
    return g->infoset_player[g->node_infoset[g->node_parent[v]]] == BRINK_CHANCE
               ? g->action_prob[a]
               : behav[a];
}

void an_reach(const brink_efg *g, const double *behav, double *reach)
{
    reach[0] = 1;
    for (int v = 1; v < g->nnodes; v++)
        reach[v] = reach[g->node_parent[v]] * an_edge_prob(g, behav, v);
}

void an_reach_others(const brink_efg *g, const double *behav, int p, double *reach)
{
    reach[0] = 1;
    for (int v = 1; v < g->nnodes; v++) {
        int par = g->node_parent[v];
        int mover = g->infoset_player[g->node_infoset[par]];
        reach[v] = reach[par] * (mover == p ? 1.0 : an_edge_prob(g, behav, v));
    }
}

void an_values(const brink_efg *g, const double *behav, double *U)
{
    int np = g->nplayers;
    for (int v = g->nnodes - 1; v >= 0; v--) {
        double *u = U + (size_t)v * (size_t)np;
        int h = g->node_infoset[v];
        if (h < 0) {
            memcpy(u, g->leaf_pay + (size_t)g->node_leaf[v] * (size_t)np, (size_t)np * sizeof *u);
            continue;
        }
        for (int i = 0; i < np; i++)
            u[i] = 0;
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            int c = brink_efg_child(g, v, a);
            double p = an_edge_prob(g, behav, c);
            if (p == 0)
                continue;
            const double *uc = U + (size_t)c * (size_t)np;
            for (int i = 0; i < np; i++)
                u[i] += p * uc[i];
        }
    }
}

void an_reach_below(const brink_efg *g, const double *behav, int c, double *r)
{
    int end = c + g->node_subtree_size[c];
    r[c] = 1;
    for (int v = c + 1; v < end; v++)
        r[v] = r[g->node_parent[v]] * an_edge_prob(g, behav, v);
}
