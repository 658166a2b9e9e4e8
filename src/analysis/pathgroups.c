/* pathgroups.c — equilibria grouped by what matters: the play they lead to.
 *
 * Discretised models have many equilibria that agree everywhere play can go and differ only
 * at information sets no one reaches (a type that is never tested, an offer never made). Two
 * equilibria are in one path group when they reach the same information sets and choose
 * alike at every one of them (exactly when both carry exact strategies, within tol
 * otherwise); they then give the same outcome probabilities and expected values. Groups are
 * numbered in the order of their first equilibrium (the most efficient first), so group g's
 * representative is the first equilibrium with path_group == g. O(count^2 * actions), and the
 * analysis keeps at most max_profiles equilibria.
 */
#include <math.h>
#include <stdlib.h>

#include "analysis/analysis_int.h"

static int same_on_path(const brink_efg *g, const brink_equilibrium *x,
                        const brink_equilibrium *y, double tol)
{
    int nh = g->player_infoset_start[g->nplayers];
    for (int h = 0; h < nh; h++) {
        if (!x->on_path[h] != !y->on_path[h])
            return 0;
        if (!x->on_path[h])
            continue;
        int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
        for (int a = a0; a < a0 + na; a++) {
            if (x->behavq && y->behavq) {
                if (!mpq_equal(x->behavq[a], y->behavq[a]))
                    return 0;
            } else if (fabs(x->behav[a] - y->behav[a]) > tol) {
                return 0;
            }
        }
    }
    return 1;
}

brink_status an_path_groups(brink_analysis *a, double tol, brink_error *err)
{
    a->npath_groups = 0;
    a->path_group = malloc((size_t)(a->count ? a->count : 1) * sizeof *a->path_group);
    if (!a->path_group)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int e = 0; e < a->count; e++) {
        a->path_group[e] = -1;
        for (int f = 0; f < e && a->path_group[e] < 0; f++)
            if (same_on_path(a->game, &a->eq[e], &a->eq[f], tol))
                a->path_group[e] = a->path_group[f];
        if (a->path_group[e] < 0)
            a->path_group[e] = a->npath_groups++;
    }
    return BRINK_OK;
}
