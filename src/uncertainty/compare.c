/* compare.c — the value of each option of one decision in one draw, for brink compare:
 * the decider's expected payoff when it takes the option and play continues as in an
 * equilibrium of the draw (the others' equilibrium replies, its own later choices), with
 * the decision's nodes weighted by the decider's beliefs. Across several equilibria the
 * least value is kept (a cautious reading), and the draw is marked ambiguous when they
 * differ.
 */
#include <math.h>

#include "analysis/analysis_int.h"
#include "uncertainty/mc_int.h"

void mc_compare_eval(const brink_efg *g, const brink_eqset *s, int h, double *U, double *w,
                     double *opt, int *ambiguous)
{
    int k = g->infoset_nactions[h], np = g->nplayers, actor = g->infoset_player[h];
    int m = g->infoset_nmembers[h], ms = g->infoset_member_start[h];
    *ambiguous = 0;
    for (int e = 0; e < s->count; e++) {
        brink_efg_subtree_values(g, s->eq[e].behav, 0, -1, U);
        an_infoset_weights(g, &s->eq[e], h, w);
        for (int a = 0; a < k; a++) {
            /* equilibria of one play that continue differently after the option (off the
             * path): the value is one of theirs, not every one's */
            for (int x = 0; x < m; x++)
                if (!brink_equilibrium_continuation_fixed(
                        g, &s->eq[e], brink_efg_child(g, g->infoset_member[ms + x], a)))
                    *ambiguous = 1;
            double v = 0;
            for (int x = 0; x < m; x++) {
                int c = brink_efg_child(g, g->infoset_member[ms + x], a);
                v += w[x] * U[(size_t)c * (size_t)np + (size_t)actor];
            }
            if (e == 0) {
                opt[a] = v;
            } else {
                if (fabs(v - opt[a]) > 1e-9 * (1 + fabs(v) + fabs(opt[a])))
                    *ambiguous = 1;
                if (v < opt[a])
                    opt[a] = v;
            }
        }
    }
}
