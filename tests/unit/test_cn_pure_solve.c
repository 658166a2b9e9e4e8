/* test_cn_pure_solve.c — the threshold engine's short solve (cn_pure_solve: backward
 * induction on the order of the parametric payoff functions' values) against the exact solve
 * of the bound game (brink_analysis_solve), on every built-in scenario with perfect
 * information and no chance, at grid points of each threshold question's range and at the
 * rational point regions of its answer (where movers are indifferent, so the ties are met;
 * fewer of both on the large tree, whose exact solves are slow under the sanitizers).
 *
 * Where the method lists every subgame-perfect equilibrium (small trees) the short solve must
 * answer exactly when that list has one entry, and give it; where it lists the first only
 * (large trees: outside-options) it must always answer, with that first one.
 */
#include <string.h>

#include "check.h"
#include "analysis/analysis_int.h"
#include "analysis/continuation.h"
#include "brink/brink.h"
#include "brink/threshold.h"

typedef struct counts {
    int points, unique, ties;
} counts;

/* Compare at x (parameter p, the others at values). */
static void compare_at(const brink_scenario *sc, const int *leaf_group, int ngroups,
                       brink_scenario_instance *in, int p, mpq_t *values, const mpq_t x,
                       cn_game *G, int *ready, counts *n)
{
    brink_error err;
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    mpq_set(values[p], x);
    const brink_efg *g = brink_scenario_instance_game(in);
    if (brink_scenario_bind_q(in, (const mpq_t *)values, &err) != BRINK_OK)
        return;   /* outside the scenario's domain: nothing to compare */
    brink_eqset s;
    CHECK(brink_analysis_solve(in, leaf_group, ngroups, &o, &s, &err) == BRINK_OK);
    /* the parametric game, made once per question and re-derived past a guard */
    if (!*ready)
        CHECK(cn_game_init(G, sc, g, p, (const mpq_t *)values, &err) == BRINK_OK);
    else
        CHECK(cn_game_rebind(G, sc, p, (const mpq_t *)values, &err) == BRINK_OK);
    *ready = 1;
    int nh = g->player_infoset_start[g->nplayers], found = -1, all = an_solve_all(g, &o);
    int crossing = -1, tied = -1;
    int *choice = calloc((size_t)nh + 1, sizeof *choice);
    CHECK(choice != NULL);
    CHECK(cn_pure_solve(G, x, !all, choice, &found, &crossing, &tied) == 0);
    CHECK(crossing == 0 || crossing == 1);
    CHECK(tied == 0 || tied == 1);
    CHECK(!crossing || tied);
    /* without a tie the profile is the only subgame-perfect equilibrium */
    if (found == 1 && !tied) {
        brink_analysis_options every = o;
        every.all_limit_nodes = -1;
        brink_eqset s1;
        CHECK(brink_analysis_solve(in, leaf_group, ngroups, &every, &s1, &err) == BRINK_OK);
        CHECK_MSG(s1.count == 1 && s1.complete, "%s: no tie but %d equilibria",
                  brink_scenario_id(sc), s1.count);
        brink_eqset_free(&s1, g);
    }
    n->points++;
    if (all) {
        CHECK_MSG(found == (s.count == 1), "%s: found %d, %d equilibria", brink_scenario_id(sc),
                  found, s.count);
        n->ties += s.count > 1;
    } else {
        CHECK(found == 1);
    }
    n->unique += found == 1;
    if (found == 1 && s.count >= 1) {
        int same = 1;
        for (int h = 0; h < nh; h++)
            same &= mpq_cmp_ui(s.eq[0].behavq[g->infoset_action_start[h] + choice[h]], 1, 1) == 0;
        CHECK_MSG(same, "%s: a different equilibrium", brink_scenario_id(sc));
    }
    free(choice);
    brink_eqset_free(&s, g);
}

static void test_builtins(void)
{
    int tested = 0;
    counts n = {0, 0, 0};
    for (int i = 0; i < brink_scenario_builtin_count(); i++) {
        brink_error err;
        brink_scenario *sc = brink_scenario_load_builtin(i, &err);
        CHECK(sc != NULL);
        const brink_efg *g0 = brink_scenario_game(sc);
        if (!g0->perfect_info || g0->ninfosets != g0->player_infoset_start[g0->nplayers]) {
            brink_scenario_free(sc);
            continue;
        }
        brink_analysis_options ao;
        brink_analysis_options_init(&ao);
        brink_scenario_instance *in = brink_scenario_instance_new(sc, &err);
        CHECK(in != NULL);
        int ngroups = 0, *group_level = NULL, *leaf_group = NULL;
        CHECK(an_groups(sc, brink_scenario_instance_game(in), &ngroups, &group_level,
                        &leaf_group, &err) == BRINK_OK);
        int np = brink_scenario_nparams(sc);
        mpq_t *values = brink_q_array_new((size_t)np + 1);
        mpq_t x;
        mpq_init(x);
        for (int k = 0; k < brink_scenario_nquestions(sc); k++) {
            const brink_question *q = brink_scenario_question(sc, k);
            if (q->kind != BRINK_Q_THRESHOLD)
                continue;
            tested++;
            int p = q->param[0], ready = 0;
            cn_game G;
            brink_scenario_defaults(sc, values);
            /* a large tree's exact solve is slow under the sanitizers: fewer points there */
            int large = !an_solve_all(brink_scenario_instance_game(in), &ao);
            int ngrid = large ? 2 : 6, maxties = large ? 3 : 1 << 20, nties = 0;
            for (int j = 1; j < ngrid; j++) {   /* grid points j/ngrid of the range */
                mpq_sub(x, *q->hi_q[0], *q->lo_q[0]);
                mpz_mul_ui(mpq_numref(x), mpq_numref(x), (unsigned long)j);
                mpz_mul_ui(mpq_denref(x), mpq_denref(x), (unsigned long)ngrid);
                mpq_canonicalize(x);
                mpq_add(x, x, *q->lo_q[0]);
                compare_at(sc, leaf_group, ngroups, in, p, values, x, &G, &ready, &n);
            }
            /* the answer's rational region ends: ties */
            brink_scenario_defaults(sc, values);
            brink_threshold *t = brink_threshold_compute(sc, p, *q->lo_q[0], *q->hi_q[0],
                                                         (const mpq_t *)values, NULL, 0, NULL,
                                                         &err);
            CHECK(t != NULL);
            for (int r = 0; t && r < t->nregions; r++)
                if (t->regions[r].point && t->regions[r].lo.rational && nties++ < maxties)
                    compare_at(sc, leaf_group, ngroups, in, p, values, t->regions[r].lo.q, &G,
                               &ready, &n);
            brink_threshold_free(t);
            if (ready)
                cn_game_free(&G);
        }
        mpq_clear(x);
        brink_q_array_free(values, (size_t)np + 1);
        brink_scenario_instance_free(in);
        an_groups_free(group_level, leaf_group);
        brink_scenario_free(sc);
    }
    CHECK(tested >= 3);            /* libya, seoul, six-party, outside-options questions */
    CHECK(n.unique > 0);           /* the short solve answered somewhere ... */
    CHECK(n.unique < n.points);    /* ... and fell back somewhere (ties at listed points) */
    CHECK(n.ties > 0);
}

int main(void)
{
    test_builtins();
    return check_finish();
}
