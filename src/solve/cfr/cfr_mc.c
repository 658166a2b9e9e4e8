/* cfr_mc.c — external-sampling Monte Carlo CFR (Lanctot, Waugh, Zinkevich and Bowling 2009).
 *
 * For each traverser i in turn: a depth-first walk that samples one chance outcome and one
 * action of every other player (from their current regret-matching strategy) and explores all
 * of i's actions. Sampled counterfactual values need no reach weights: the sampling
 * probabilities cancel them in expectation. i's regrets get u(a) - u; the other players'
 * average strategies are updated where they are sampled (the standard "opponent averaging"
 * of external sampling). The recursion depth is the tree depth.
 */
#include "solve/cfr/cfr_internal.h"

static int sample(brink_rng *rng, const double *p, int na)
{
    double u = brink_rng_uniform(rng), s = 0;
    for (int a = 0; a < na - 1; a++) {
        s += p[a];
        if (u < s)
            return a;
    }
    return na - 1;
}

static int sample_chance(brink_rng *rng, const double *cum, int na)
{
    double u = brink_rng_uniform(rng) * cum[na - 1]; /* robust to rounding of the total */
    for (int a = 0; a < na - 1; a++)
        if (u < cum[a])
            return a;
    return na - 1;
}

static double traverse(brink_cfr *c, int v, int i)
{
    const brink_efg *g = c->g;
    c->mc_nodes += 1;
    int h = g->node_infoset[v];
    if (h < 0)
        return c->pay[(size_t)i * c->N + v];
    int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
    int pl = g->infoset_player[h];
    if (pl == BRINK_CHANCE) {
        int a = sample_chance(&c->rng, c->chance_cum + a0, na);
        return traverse(c, brink_efg_child(g, v, a), i);
    }
    brink_cfr__regret_matching(c, h);
    const double *sigma = c->sigma + a0;
    if (pl != i) {
        for (int a = 0; a < na; a++)
            c->avg[a0 + a] += sigma[a];
        int a = sample(&c->rng, sigma, na);
        return traverse(c, brink_efg_child(g, v, a), i);
    }
    /* c->cfv[a0 ..] holds this node's action values: with perfect recall no node below
     * belongs to h, so the slots are not reused during the loop. */
    double ev = 0;
    for (int a = 0; a < na; a++) {
        double u = traverse(c, brink_efg_child(g, v, a), i);
        c->cfv[a0 + a] = u;
    }
    /* h is not below itself, so sigma at h is still the one the children were valued by */
    for (int a = 0; a < na; a++)
        ev += c->sigma[a0 + a] * c->cfv[a0 + a];
    for (int a = 0; a < na; a++)
        c->regret[a0 + a] += c->cfv[a0 + a] - ev;
    return ev;
}

void brink_cfr__mc_iteration(brink_cfr *c)
{
    for (int i = 0; i < c->n; i++)
        traverse(c, 0, i);
    c->t++;
}
