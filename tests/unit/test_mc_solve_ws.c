/* test_mc_solve_ws.c — Monte Carlo's exact path reuses a solve workspace per worker
 * (an_analysis_solve_ws, src/analysis/eqsolve.c: postponement, the reduced form and its size
 * found once, profiles checked exactly only when kept). Draw by draw it must give exactly what a
 * fresh brink_analysis_solve gives: the same equilibria in the same order (behaviour in doubles
 * bit for bit and in rationals, beliefs, values, outcome probabilities, verdicts), the same
 * counts of found and rejected profiles and the same method record. Scenarios: M1 and M6
 * (imperfect information: the reduced strategic form and the sequential method), a copy of M3
 * with its type prior and two payoffs drawn (tests/data/montecarlo/m3-showman-drawn.yaml: chance
 * moves postponed, the postponed game re-bound to each draw), M7 (perfect information, three
 * actors) and M2 (sequential only). The re-bound postponed game itself is checked against a
 * fresh postponement of each draw's game (brink_efg_equal and every double), and the reduced
 * strategic form made at the first draw and refilled (brink_efg_reduced_payoffs) against a
 * fresh one.
 */
#include <string.h>

#include "brink/brink.h"
#include "analysis/analysis_int.h"
#include "check.h"

static int same_d(const double *a, const double *b, size_t n)
{
    if (!a || !b)
        return a == b;
    return memcmp(a, b, n * sizeof *a) == 0;   /* NaN where NaN, bit for bit */
}

static int same_q(const mpq_t *a, const mpq_t *b, size_t n)
{
    if (!a || !b)
        return a == b;
    for (size_t i = 0; i < n; i++)
        if (!mpq_equal(a[i], b[i]))
            return 0;
    return 1;
}

static void same_eqset(const brink_efg *g, const brink_eqset *a, const brink_eqset *b,
                       int ngroups, int nslots, const char *id, long draw)
{
    CHECK_MSG(a->count == b->count && a->nfound == b->nfound &&
                  a->nrejected == b->nrejected && a->complete == b->complete &&
                  a->truncated == b->truncated,
              "%s draw %ld: %d/%d/%d vs %d/%d/%d equilibria/found/rejected", id, draw, a->count,
              a->nfound, a->nrejected, b->count, b->nfound, b->nrejected);
    const brink_method_used *m = &a->method, *n = &b->method;
    int same_method = m->plan == n->plan && m->nsolvers == n->nsolvers &&
                      m->refined == n->refined && m->postponed == n->postponed &&
                      m->nchanges == n->nchanges;
    for (int k = 0; same_method && k < m->nsolvers; k++)
        same_method = m->solver[k] == n->solver[k] && m->complete[k] == n->complete[k];
    CHECK_MSG(same_method, "%s draw %ld: another method record", id, draw);
    if (a->count != b->count)
        return;
    size_t na = (size_t)g->nactions, nn = (size_t)g->nnodes, np = (size_t)g->nplayers;
    for (int e = 0; e < a->count; e++) {
        const brink_equilibrium *x = &a->eq[e], *y = &b->eq[e];
        CHECK_MSG(same_d(x->behav, y->behav, na) && same_q((const mpq_t *)x->behavq,
                                                           (const mpq_t *)y->behavq, na),
                  "%s draw %ld eq %d: behaviour differs", id, draw, e);
        CHECK_MSG(same_d(x->belief, y->belief, nn) && same_d(x->reach, y->reach, nn) &&
                      same_d(x->value, y->value, np) &&
                      same_q((const mpq_t *)x->valueq, (const mpq_t *)y->valueq, np) &&
                      same_d(x->group_prob, y->group_prob, (size_t)ngroups) &&
                      same_d(x->type_value, y->type_value, (size_t)nslots),
                  "%s draw %ld eq %d: beliefs, reach, values or outcomes differ", id, draw, e);
        CHECK_MSG(x->verified == y->verified && x->sequential == y->sequential &&
                      x->completed == y->completed && same_d(&x->max_regret, &y->max_regret, 1),
                  "%s draw %ld eq %d: verdicts differ (verified %d vs %d)", id, draw, e,
                  x->verified, y->verified);
        CHECK(memcmp(x->on_path, y->on_path, (size_t)g->ninfosets * sizeof(int)) == 0);
    }
}

/* Every double of t equals u's (brink_efg_equal compares the rationals). */
static int same_numbers(const brink_efg *t, const brink_efg *u)
{
    size_t np = (size_t)t->nplayers;
    return brink_efg_equal(t, u) && same_d(t->action_prob, u->action_prob, (size_t)t->nactions) &&
           same_d(t->outcome_pay, u->outcome_pay, (size_t)t->noutcomes * np) &&
           same_d(t->leaf_pay, u->leaf_pay, (size_t)t->nleaves * np);
}

static void check_scenario(const char *id, long draws, int expect_postponed)
{
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_load(id, &err);
    CHECK_MSG(sc != NULL, "%s: %s", id, err.message);
    if (!sc)
        return;
    brink_sampler *smp = brink_sampler_new(sc, &err);
    brink_scenario_instance *in = brink_scenario_instance_new(sc, &err);
    an_solve_ws *ws = an_solve_ws_new();
    double *values = calloc((size_t)brink_scenario_nparams(sc) + 1, sizeof *values);
    double *work = smp ? calloc(brink_sampler_work_size(smp) + 1, sizeof *work) : NULL;
    int ngroups = 0, *group_level = NULL, *leaf_group = NULL;
    CHECK(smp && in && ws && values && work);
    if (!smp || !in || !ws || !values || !work)
        goto out;
    const brink_efg *g = brink_scenario_instance_game(in);
    CHECK(an_groups(sc, g, &ngroups, &group_level, &leaf_group, &err) == BRINK_OK);
    brink_analysis_options o;
    brink_mc_options mo;
    brink_mc_options_init(&mo);   /* the analysis options Monte Carlo solves with */
    o = mo.analysis;
    int nslots = brink_analysis_type_slots(sc), postponed = 0, checked_rebind = 0;
    /* the reduced strategic form made at the first draw, refilled at each later one */
    brink_reduced *map0 = NULL;
    brink_nfg *nf0 = g->perfect_info || !g->perfect_recall ? NULL
                                                           : brink_efg_to_nfg(g, &map0, &err);
    for (long d = 0; d < draws; d++) {
        brink_sampler_draw(smp, 7, (uint64_t)d, values, work);
        if (brink_scenario_bind_d(in, values, &err)) {
            CHECK_MSG(0, "%s draw %ld: %s", id, d, err.message);
            break;
        }
        brink_eqset a, b;
        brink_status sa = brink_analysis_solve(in, leaf_group, ngroups, &o, &a, &err);
        brink_status sb = an_analysis_solve_ws(in, ws, leaf_group, ngroups, &o, &b, &err);
        CHECK_MSG(sa == BRINK_OK && sb == BRINK_OK, "%s draw %ld: %d %d %s", id, d, sa, sb,
                  err.message);
        if (sa == BRINK_OK && sb == BRINK_OK)
            same_eqset(g, &a, &b, ngroups, nslots, id, d);
        postponed |= sb == BRINK_OK && b.method.postponed > 0;
        if (nf0 && d > 0) {
            brink_reduced *map = NULL;
            brink_nfg *nf = brink_efg_to_nfg(g, &map, &err);
            CHECK(nf && brink_efg_reduced_payoffs(g, map0, nf0, &err) == BRINK_OK);
            size_t nc = nf ? nf->ncells * (size_t)nf->nplayers : 0;
            CHECK_MSG(nf && nf->ncells == nf0->ncells && same_d(nf->pay, nf0->pay, nc) &&
                          same_q((const mpq_t *)nf->payq, (const mpq_t *)nf0->payq, nc),
                      "%s draw %ld: the refilled reduced form differs from a fresh one", id, d);
            brink_nfg_free(nf);
            brink_reduced_free(map);
        }
        brink_eqset_free(&a, g);
        brink_eqset_free(&b, g);
        /* the re-bound postponed game is the fresh postponement of this draw's game */
        brink_efg *t = NULL;
        int *amap = NULL;
        if (expect_postponed && d < 20 &&
            brink_efg_postpone_chance(g, &t, &amap, NULL, &err) == BRINK_OK && t) {
            /* u2: postponed at another draw's numbers first, then re-bound to these */
            brink_sampler_draw(smp, 7, (uint64_t)(d + 1000), values, work);
            brink_efg *u2 = NULL;
            int *u2map = NULL;
            if (brink_scenario_bind_d(in, values, &err) == BRINK_OK &&
                brink_efg_postpone_chance(g, &u2, &u2map, NULL, &err) == BRINK_OK && u2) {
                brink_sampler_draw(smp, 7, (uint64_t)d, values, work);
                CHECK(brink_scenario_bind_d(in, values, &err) == BRINK_OK);
                CHECK(brink_efg_postpone_rebind(g, u2, u2map, &err) == BRINK_OK);
                CHECK_MSG(same_numbers(t, u2), "%s draw %ld: the re-bound postponed game "
                          "differs from a fresh one", id, d);
                CHECK(memcmp(amap, u2map, (size_t)t->nactions * sizeof *amap) == 0);
                checked_rebind++;
            }
            brink_efg_free(u2);
            free(u2map);
        }
        brink_efg_free(t);
        free(amap);
    }
    CHECK_MSG(postponed == expect_postponed, "%s: postponed %d, expected %d", id, postponed,
              expect_postponed);
    if (expect_postponed)
        CHECK(checked_rebind > 0);
    brink_nfg_free(nf0);
    brink_reduced_free(map0);
out:
    an_groups_free(group_level, leaf_group);
    free(values);
    free(work);
    an_solve_ws_free(ws);
    brink_scenario_instance_free(in);
    brink_sampler_free(smp);
    brink_scenario_free(sc);
}

int main(void)
{
    check_scenario("m1", 150, 0);
    check_scenario("m6", 15, 0);
    check_scenario("data/montecarlo/m3-showman-drawn.yaml", 100, 1);
    check_scenario("m7", 60, 0);
    check_scenario("m2", 10, 0);
    return check_finish();
}
