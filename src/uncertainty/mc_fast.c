/* mc_fast.c — the double path of Monte Carlo: a draw of a perfect-information game solved by
 * backward induction in doubles and certified by a margin test, instead of the exact solve.
 *
 * Binding: the payoffs are evaluated in doubles, each with a rigorous bound on its distance
 * to the exact value (sc_bind_bound, src/scenario/expr_bound.c); chance probabilities are
 * the doubles of their exact values (within 2u, u = 2^-53, relative). When the doubles
 * cannot bind a draw (a branch or divisor they cannot decide) the draw is bound exactly
 * and the bounds are 2u of each payoff (the exact bind's doubles are truncated rationals).
 *
 * Why it is sound. Backward induction
 * carries, for every node and actor, the double value V and a bound E on its distance to the
 * exact value (sums and products of bounded quantities, plus every rounding, each bound
 * enlarged a little so the bound's own rounding cannot make it too small). At every decision
 * the mover's best action must beat each other action by more than the two bounds: then the
 * exact preferences are strict everywhere, so the exact game has exactly one subgame-perfect
 * equilibrium, and it is the one found here: the same equilibrium the exact method
 * (backward induction over every tie) returns, with the same choices and outcome. When a
 * margin is too small (a tie or a near tie, e.g. a draw at a flip) nothing is claimed: the
 * caller solves that draw exactly. Values and outcome probabilities are the doubles of this
 * computation (within the bounds of the exact ones).
 *
 * Games with imperfect information (signalling games such as M1) have no double method here
 * and always take the exact path. Nothing is allocated per draw: the caller passes the
 * scratch (mc_fast_work doubles).
 */
#include <float.h>
#include <math.h>

#include "uncertainty/mc_int.h"

#define U_ROUND (DBL_EPSILON / 2)
/* every bound is enlarged by this factor and this absolute amount (underflow) */
#define SLACK (1 + 64 * DBL_EPSILON)
#define TINY (64 * DBL_TRUE_MIN)

static double up(double e)
{
    return e * SLACK + TINY;
}

int mc_fast_applies(const brink_efg *g)
{
    return g->perfect_info && g->nplayers >= 1;
}

size_t mc_fast_work(const brink_efg *g)
{
    /* V, E: [nnodes * nplayers]; reach: [nnodes]; best: [nnodes] (an action index) */
    return (size_t)g->nnodes * (2 * (size_t)g->nplayers + 2) + 1;
}

int mc_fast_solve(const brink_efg *g, const double *leaf_err, const int *leaf_group,
                  int ngroups, const int *watch, int nwatch, double *work, double *value,
                  double *gprob, int *choice)
{
    int np = g->nplayers, nn = g->nnodes;
    size_t snp = (size_t)np;
    double *V = work, *E = work + (size_t)nn * snp, *reach = E + (size_t)nn * snp;
    double *best = reach + nn;   /* action index, kept as a double */
    /* pre-order: children after their parent, so a reverse sweep sees children first */
    for (int v = nn - 1; v >= 0; v--) {
        double *Vv = &V[(size_t)v * snp], *Ev = &E[(size_t)v * snp];
        int h = g->node_infoset[v];
        if (h < 0) {
            int l = g->node_leaf[v];
            for (int i = 0; i < np; i++) {
                double d = g->leaf_pay[(size_t)l * snp + (size_t)i];
                if (!isfinite(d))
                    return 0;
                Vv[i] = d;
                Ev[i] = leaf_err ? leaf_err[(size_t)l * snp + (size_t)i] : up(2 * U_ROUND * fabs(d));
            }
            best[v] = -1;
            continue;
        }
        int c0 = g->node_child_start[v], na = g->infoset_nactions[h];
        int mover = g->infoset_player[h];
        if (mover == BRINK_CHANCE) {
            int a0 = g->infoset_action_start[h];
            for (int i = 0; i < np; i++) {
                double s = 0, mag = 0, err = 0;
                for (int a = 0; a < na; a++) {
                    int c = g->node_children[c0 + a];
                    double p = g->action_prob[a0 + a], x = V[(size_t)c * snp + (size_t)i];
                    double ex = E[(size_t)c * snp + (size_t)i], ep = 2 * U_ROUND * p;
                    s += p * x;
                    mag += fabs(p * x);
                    err += p * ex + ep * (fabs(x) + ex);
                }
                /* na products and na - 1 additions, each within u of its result */
                Vv[i] = s;
                Ev[i] = up(err + 2 * (double)(na + 1) * U_ROUND * mag);
                if (!isfinite(Vv[i]) || !isfinite(Ev[i]))
                    return 0;
            }
            best[v] = -1;
            continue;
        }
        int b = 0;
        for (int a = 1; a < na; a++) {
            int c = g->node_children[c0 + a], cb = g->node_children[c0 + b];
            if (V[(size_t)c * snp + (size_t)mover] > V[(size_t)cb * snp + (size_t)mover])
                b = a;
        }
        int cb = g->node_children[c0 + b];
        double vb = V[(size_t)cb * snp + (size_t)mover], eb = E[(size_t)cb * snp + (size_t)mover];
        for (int a = 0; a < na; a++) {
            if (a == b)
                continue;
            int c = g->node_children[c0 + a];
            double gap = vb - V[(size_t)c * snp + (size_t)mover];
            /* the exact gap exceeds the computed one less both bounds and its rounding */
            if (!(gap * (1 - 2 * U_ROUND) > up(eb + E[(size_t)c * snp + (size_t)mover])))
                return 0;   /* a tie or too close to call: the exact path decides */
        }
        for (int i = 0; i < np; i++) {
            Vv[i] = V[(size_t)cb * snp + (size_t)i];
            Ev[i] = E[(size_t)cb * snp + (size_t)i];
        }
        best[v] = b;
    }
    /* the play: reach probabilities from the root down */
    reach[0] = 1;
    for (int v = 0; v < nn; v++) {
        int h = g->node_infoset[v];
        if (h < 0)
            continue;
        int c0 = g->node_child_start[v], na = g->infoset_nactions[h];
        int chance = g->infoset_player[h] == BRINK_CHANCE;
        for (int a = 0; a < na; a++) {
            double p = chance ? g->action_prob[g->infoset_action_start[h] + a]
                              : (a == (int)best[v] ? 1 : 0);
            reach[g->node_children[c0 + a]] = reach[v] * p;
        }
    }
    for (int k = 0; k < ngroups; k++)
        gprob[k] = 0;
    for (int l = 0; l < g->nleaves; l++) {
        double r = reach[g->leaf_node[l]];
        if (r != 0)
            gprob[leaf_group[l]] += r;
    }
    for (int i = 0; i < np; i++)
        value[i] = V[i];
    /* a watched set is one node (perfect information): its best action */
    for (int k = 0; k < nwatch; k++)
        choice[k] = (int)best[g->infoset_member[g->infoset_member_start[watch[k]]]];
    return 1;
}
