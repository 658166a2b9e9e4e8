/* test_efg_verify.c — verification of behaviour profiles in extensive games: exact regret 0
 * for a known equilibrium (Kuhn), exact detection of tiny deviations, best-response values
 * checked against brute force over pure behaviour strategies, reach probabilities. */
#include "check.h"
#include "brink/brink.h"
#include "brink/generate.h"
#include "efg_games.h"

static brink_profile *new_profile(brink_profile_list *l, const brink_efg *g, int exact)
{
    return brink_profile_list_add(l, BRINK_PROFILE_BEHAV, g->nactions, exact, NULL);
}

static void test_kuhn_equilibrium(void)
{
    brink_error err;
    brink_efg *g = brink_gen_kuhn(&err);
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_profile *pr = new_profile(&l, g, 1);
    eg_kuhn_equilibrium(g, pr->q);
    brink_profile_sync_doubles(pr);
    CHECK(brink_verify_efg(g, pr, 1, &err) == BRINK_OK);
    CHECK_EQ_INT(pr->verified, 1);
    CHECK(pr->valueq && mpq_cmp_si(pr->valueq[0], -1, 18) == 0);
    CHECK(pr->valueq && mpq_cmp_si(pr->valueq[1], 1, 18) == 0);
    CHECK_NEAR(pr->value[0], -1.0 / 18, 1e-15);
    CHECK(pr->nashconv < 1e-14);

    /* Player 2 bluffs a hair more often with J: no longer an equilibrium, and the exact
     * check must see it even though the double regret is ~1e-4. */
    brink_profile *bad = new_profile(&l, g, 1);
    pr = &l.items[0];
    for (int a = 0; a < g->nactions; a++)
        mpq_set(bad->q[a], pr->q[a]);
    EG_SET2(g, bad->q, "2:Jx", 6666, 10000, 3334, 10000);
    brink_profile_sync_doubles(bad);
    CHECK(brink_verify_efg(g, bad, 1, &err) == BRINK_OK);
    CHECK_EQ_INT(bad->verified, -1);
    CHECK(bad->max_regret > 0 && bad->max_regret < 1e-3);

    /* Doubles only: verified stays 0, NashConv is reported. */
    brink_profile *uni = new_profile(&l, g, 0);
    eg_uniform(g, uni->p);
    CHECK(brink_verify_efg(g, uni, 1, &err) == BRINK_OK);
    CHECK_EQ_INT(uni->verified, 0);
    CHECK(uni->nashconv > 0.1);
    /* Not a distribution: exact check fails. */
    brink_profile *off = new_profile(&l, g, 1);
    eg_kuhn_equilibrium(g, off->q);
    EG_SET2(g, off->q, "1:J", 1, 1, 1, 2);
    brink_profile_sync_doubles(off);
    CHECK(brink_verify_efg(g, off, 1, &err) == BRINK_OK);
    CHECK_EQ_INT(off->verified, -1);
    brink_profile_list_free(&l);
    brink_efg_free(g);
}

/* Brute force: the best of all pure behaviour strategies of player i (the others fixed). */
static double brute_br(const brink_efg *g, const double *behav, int i)
{
    int h0 = g->player_infoset_start[i], h1 = g->player_infoset_start[i + 1];
    int *choice = calloc((size_t)(h1 - h0) + 1, sizeof *choice);
    double *p = malloc((size_t)g->nactions * sizeof *p);
    double *val = malloc((size_t)g->nplayers * sizeof *val);
    double best = -INFINITY;
    for (;;) {
        memcpy(p, behav, (size_t)g->nactions * sizeof *p);
        for (int h = h0; h < h1; h++)
            for (int a = 0; a < g->infoset_nactions[h]; a++)
                p[g->infoset_action_start[h] + a] = a == choice[h - h0];
        brink_efg_values(g, p, val);
        if (val[i] > best)
            best = val[i];
        int k = 0;
        while (k < h1 - h0 && ++choice[k] == g->infoset_nactions[h0 + k])
            choice[k++] = 0;
        if (k == h1 - h0)
            break;
    }
    free(choice);
    free(p);
    free(val);
    return best;
}

static void test_best_response_brute(brink_efg *g, uint64_t seed)
{
    brink_rng rng;
    brink_rng_seed(&rng, seed);
    double *p = malloc((size_t)g->nactions * sizeof *p);
    double br[2];
    for (int trial = 0; trial < 3; trial++) {
        eg_uniform(g, p);
        for (int h = 0; h < g->player_infoset_start[g->nplayers]; h++) {
            int a0 = g->infoset_action_start[h];
            double s = 0;
            for (int a = 0; a < g->infoset_nactions[h]; a++)
                s += (p[a0 + a] = brink_rng_uniform(&rng));
            for (int a = 0; a < g->infoset_nactions[h]; a++)
                p[a0 + a] /= s;
        }
        brink_error err;
        CHECK(brink_efg_best_response_values(g, p, br, &err) == BRINK_OK);
        for (int i = 0; i < 2; i++)
            CHECK_NEAR(br[i], brute_br(g, p, i), 1e-12);
    }
    free(p);
}

static void test_reach(void)
{
    brink_error err;
    brink_efg *g = brink_gen_kuhn(&err);
    double *p = malloc((size_t)g->nactions * sizeof *p);
    double *reach = malloc((size_t)g->nnodes * sizeof *reach);
    eg_uniform(g, p);
    brink_efg_reach(g, p, reach);
    double s = 0;
    for (int l = 0; l < g->nleaves; l++)
        s += reach[g->leaf_node[l]];
    CHECK_NEAR(s, 1.0, 1e-15);
    CHECK_NEAR(reach[0], 1.0, 0);
    /* The first player-1 node is reached with the chance probability 1/6. */
    CHECK_NEAR(reach[1], 1.0 / 6, 1e-15);
    free(p);
    free(reach);
    brink_efg_free(g);
}

int main(void)
{
    test_kuhn_equilibrium();
    brink_error err;
    brink_efg *kuhn = brink_gen_kuhn(&err);
    test_best_response_brute(kuhn, 7);
    brink_crisis_params cp;
    brink_crisis_params_init(&cp);
    cp.rounds = 2;
    cp.levels = 1;
    brink_efg *crisis = brink_gen_crisis(&cp, &err);
    test_best_response_brute(crisis, 8);
    brink_efg_free(kuhn);
    brink_efg_free(crisis);
    test_reach();
    return check_finish();
}
