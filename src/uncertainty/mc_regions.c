/* mc_regions.c — the region path of Monte Carlo: when the draws vary one parameter only, the
 * certified one-parameter continuation (brink_threshold_compute) is run once over its range,
 * and a draw is answered by exact lookup in the region that contains it instead of a solve.
 *
 * Why it is sound. A draw stands for an exact rational x (brink_sampler_exact: a continuous
 * draw's double is one; a discrete value is the number as written). Its region is
 * found by exact comparison with the regions' ends (rational ends by mpq_cmp; an irrational
 * end by its isolating interval: a draw inside that interval is not decided here and is
 * solved). A draw is answered only strictly inside a certified region whose equilibria
 * cover x and either
 *  - one of them is proved the only one there (brink_region.unique: perfect information,
 *    one subgame-perfect profile; two players, the analysis' one equilibrium with none
 *    rejected): the method would return that equilibrium at x, so its exact profile at x
 *    gives the draw's choices, outcome probabilities and values; or
 *  - the region is proved complete and every equilibrium the method lists there has the same
 *    values and outcome probabilities (brink_region.agree, two-player games): the draw's
 *    values and outcomes are those of any of them, its watched choices those of the
 *    region's equilibria (every one the method looks for makes one of them), and its count
 *    the region's equilibria distinct at x. Its proof is "listed" (every equilibrium the
 *    method looks for examined), the exact path's count may differ where a component of
 *    equilibria gives it another extreme point or sequential pick.
 * Every other draw (a point region, an end, an unknown region, a region without either
 * proof) is solved exactly by the caller. The threshold is computed with the draws' own numbers for
 * the other parameters (their exact defaults, as the draws bind them), and the same analysis
 * options, so the regions describe the very games the draws bind.
 */
#include <math.h>
#include <stdlib.h>

#include "analysis/analysis_int.h"
#include "uncertainty/mc_int.h"

struct mc_regions {
    brink_threshold *t;
    int param;
    int ncomplete;     /* regions whose equilibria are proved complete (not points) */
};

mc_regions *mc_regions_new(const brink_scenario *sc, int param, const mpq_t *values,
                           const int *watch, int nwatch, const brink_analysis_options *ao,
                           brink_error *err)
{
    const brink_param_info *pi = brink_scenario_param(sc, param);
    if (!pi->lo_q || !pi->hi_q)
        return NULL;   /* no exact range: nothing to continue over */
    int np = brink_scenario_nparams(sc);
    mpq_t *q = brink_q_array_new((size_t)np + 1);
    mc_regions *m = calloc(1, sizeof *m);
    if (!q || !m) {
        brink_q_array_free(q, (size_t)np + 1);
        free(m);
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return NULL;
    }
    for (int i = 0; i < np; i++)
        mpq_set(q[i], values[i]);   /* the numbers the draws bind */
    brink_error local;
    brink_error_clear(&local);
    m->param = param;
    m->t = brink_threshold_compute(sc, param, *pi->lo_q, *pi->hi_q, (const mpq_t *)q, watch,
                                   nwatch, ao, &local);
    brink_q_array_free(q, (size_t)np + 1);
    if (!m->t) {
        free(m);
        if (local.code == BRINK_ENOMEM && err)
            *err = local;
        return NULL;   /* anything else: every draw is solved, as without regions */
    }
    for (int r = 0; r < m->t->nregions; r++) {
        const brink_region *g = &m->t->regions[r];
        m->ncomplete += g->status == BRINK_REGION_CERTIFIED && g->complete && !g->point;
    }
    return m;
}

void mc_regions_free(mc_regions *m)
{
    if (!m)
        return;
    brink_threshold_free(m->t);
    free(m);
}

int mc_regions_time(const mc_regions *m, double *seconds)
{
    *seconds = m->t->seconds;
    for (int r = 0; r < m->t->nregions; r++)
        if (m->t->regions[r].status == BRINK_REGION_UNKNOWN &&
            m->t->regions[r].reason == BRINK_UNKNOWN_TIME_LIMIT)
            return 1;
    return 0;
}

int mc_regions_count(const mc_regions *m, int *ncertified, int *ncomplete)
{
    int nc = 0;
    for (int r = 0; r < m->t->nregions; r++)
        nc += m->t->regions[r].status == BRINK_REGION_CERTIFIED;
    *ncertified = nc;
    *ncomplete = m->ncomplete;
    return m->t->nregions;
}

/* x against an exact real: -1 below, 1 above, 0 equal, 2 not decided (x inside an
 * irrational end's isolating interval). */
static int cmp_real(const mpq_t x, const brink_real *e)
{
    if (e->rational)
        return mpq_cmp(x, e->q) < 0 ? -1 : mpq_cmp(x, e->q) > 0;
    if (mpq_cmp(x, e->lo) <= 0)
        return -1;
    if (mpq_cmp(x, e->hi) >= 0)
        return 1;
    return 2;
}

int mc_regions_maxeq(const mc_regions *m)
{
    int k = 1;
    for (int r = 0; r < m->t->nregions; r++)
        if (m->t->regions[r].ncertified > k)
            k = m->t->regions[r].ncertified;
    return k;
}

/* The player part of behq as doubles into row (chance entries: the game's). */
static void row_of(const brink_efg *g, const mpq_t *behq, double *row)
{
    int pe = g->player_action_start[g->nplayers];
    for (int a = 0; a < g->nactions; a++)
        row[a] = a < pe ? brink_q_get_d(behq[a]) : g->action_prob[a];
}

int mc_regions_answer(const mc_regions *m, const brink_efg *g, mpq_t x, mpq_t *behq,
                      double *behav, double *U, const int *leaf_group, int ngroups, double tol,
                      double *value, double *gprob, int *neq, int *proved)
{
    const brink_threshold *t = m->t;
    /* the regions increase: the first whose upper end is not below x */
    int r = 0;
    for (; r < t->nregions; r++) {
        int c = cmp_real(x, &t->regions[r].hi);
        if (c == 2)
            return 0;
        if (c <= 0)
            break;
    }
    if (r == t->nregions)
        return 0;
    const brink_region *R = &t->regions[r];
    /* strictly inside (the proofs exclude the ends), certified, and either one equilibrium
     * there (unique), or every equilibrium's values and outcome probabilities one (agree)
     * with the watched choices complete */
    int unique = R->unique && R->ncertified == 1;
    if (R->point || R->status != BRINK_REGION_CERTIFIED || R->ncertified < 1 ||
        !(unique || (R->complete && R->agree)) || cmp_real(x, &R->hi) != -1 ||
        cmp_real(x, &R->lo) != 1)
        return 0;
    int na = g->nactions, pe = g->player_action_start[g->nplayers], n = 0;
    for (int k = 0; k < R->ncertified; k++) {
        double *row = &behav[(size_t)n * (size_t)na];
        if (!an_threshold_covers(t, r, k, x) ||   /* x canonical: brink_sampler_exact */
            an_threshold_players_behq(t, r, k, x, g, k ? behq + na : behq))
            return 0;   /* not expected inside the region: the exact path decides */
        row_of(g, (const mpq_t *)(k ? behq + na : behq), row);
        /* the equilibria kept at x are distinct, as the exact path keeps them (same_play) */
        int dup = 0;
        for (int j = 0; j < n && !dup; j++) {
            const double *o = &behav[(size_t)j * (size_t)na];
            dup = 1;
            for (int a = 0; a < pe && dup; a++)
                dup = fabs(row[a] - o[a]) <= tol;
        }
        n += !dup;
    }
    /* several equilibria (agree): answered only where the count is the one the sample's
     * solve kept, none continued apart from them (tester 16, V4: a sequential pick continued
     * as its own function inside a component counted 3 where the exact path keeps 2), and
     * where they are several (V2: one at x may be "unique" on the exact path, "listed" here) */
    if (!unique && (n < 2 || n != R->nequilibria || R->ncertified != R->nequilibria))
        return 0;
    *neq = n;
    /* as the exact path says of such a draw: perfect information, the only subgame-perfect
     * equilibrium; two players (rsf_shrink), the analysis' one equilibrium with none
     * rejected */
    *proved = unique ? (g->perfect_info ? MC_PROVED_SPE : MC_PROVED_UNIQUE) : MC_PROVED_LISTED;
    /* the values (every equilibrium's, R->agree): exact, the nearest doubles */
    int np = g->nplayers;
    mpq_t *vq = behq + 2 * (size_t)na;   /* scratch: no allocation per draw */
    if (brink_efg_valuesq(g, (const mpq_t *)behq, vq, NULL) != BRINK_OK)
        return 0;   /* the exact path decides */
    for (int i = 0; i < np; i++)
        value[i] = brink_q_get_d(vq[i]);
    /* outcome probabilities: reach of each leaf, root first (pre-order) */
    double *reach = U, *b0 = behav;
    reach[0] = 1;
    for (int v = 0; v < g->nnodes; v++) {
        int h = g->node_infoset[v];
        if (h < 0)
            continue;
        int c0 = g->node_child_start[v], a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            reach[g->node_children[c0 + a]] = reach[v] * b0[a0 + a];
    }
    for (int k = 0; k < ngroups; k++)
        gprob[k] = 0;
    for (int l = 0; l < g->nleaves; l++)
        if (reach[g->leaf_node[l]] != 0)
            gprob[leaf_group[l]] += reach[g->leaf_node[l]];
    return 1;
}
