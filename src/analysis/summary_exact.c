/* summary_exact.c — an exact profile's summary numbers from exact arithmetic.
 *
 * an_eq_summarise adds reach x payoff over the leaves in doubles; where an exact profile's
 * terms cancel (a weak chain-store incumbent's value, exactly 0) the sum is rounding noise
 * printed beside "verified exactly" (tester 17, finding 12: "weak 1.542e-17"). For a profile
 * with rationals (eq->behavq) the outcome-group probabilities and the values per own type are
 * summed exactly and stored as their nearest doubles. Means of numeric issues stay in doubles
 * (issue values are doubles).
 */
#include <stdlib.h>

#include "analysis/analysis_int.h"
#include "brink/evaluate.h"

brink_status an_eq_summarise_exact(const brink_scenario *sc, const brink_efg *g,
                                   const int *leaf_group, int ngroups, brink_equilibrium *eq,
                                   brink_error *err)
{
    if (!eq->behavq || !g->leaf_payq || !eq->type_value || !eq->group_prob)
        return BRINK_OK;
    int np = g->nplayers, G = ngroups ? ngroups : 1;
    size_t nt = (size_t)brink_analysis_type_slots(sc);
    mpq_t *reach = brink_q_array_new((size_t)g->nnodes);
    mpq_t *val = brink_q_array_new(nt + 1), *mass = brink_q_array_new(nt + 1);
    mpq_t *grp = brink_q_array_new((size_t)G), t;
    mpq_init(t);
    brink_status st = BRINK_OK;
    if (!reach || !val || !mass || !grp) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    brink_efg_reachq(g, (const mpq_t *)eq->behavq, reach);
    for (int l = 0; l < g->nleaves; l++) {
        int v = g->leaf_node[l];
        if (mpq_sgn(reach[v]) == 0)
            continue;
        mpq_add(grp[leaf_group[l]], grp[leaf_group[l]], reach[v]);
        for (int i = 0; i < np; i++) {
            int ty = brink_scenario_node_type(sc, v, i);
            if (ty < 0)
                continue;
            size_t ix = (size_t)brink_analysis_type_slot(sc, i, ty);
            mpq_mul(t, reach[v], g->leaf_payq[(size_t)l * (size_t)np + (size_t)i]);
            mpq_add(val[ix], val[ix], t);
            mpq_add(mass[ix], mass[ix], reach[v]);
        }
    }
    for (int k = 0; k < ngroups; k++)
        eq->group_prob[k] = brink_q_get_d(grp[k]);
    for (size_t ix = 0; ix < nt; ix++) {
        if (mpq_sgn(mass[ix]) == 0)
            continue;   /* NaN as the doubles left it: the type is never reached */
        mpq_div(t, val[ix], mass[ix]);
        eq->type_value[ix] = brink_q_get_d(t);
    }
out:
    mpq_clear(t);
    if (reach)
        brink_q_array_free(reach, (size_t)g->nnodes);
    if (val)
        brink_q_array_free(val, nt + 1);
    if (mass)
        brink_q_array_free(mass, nt + 1);
    if (grp)
        brink_q_array_free(grp, (size_t)G);
    return st;
}
