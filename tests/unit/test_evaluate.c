/* test_evaluate.c — the one tree evaluator (brink/evaluate.h): exact and double variants
 * agree on random rational profiles; best responses equal the best of all pure strategies
 * (brute force through the plain value function) and the returned choices attain it; the
 * convention for chance (profile entries at chance actions are never read); reach identities;
 * NashConv 0 exactly at Kuhn's equilibrium; errors for imperfect recall and a bad player. */
#include "check.h"
#include "brink/brink.h"
#include "brink/generate.h"
#include "efg_games.h"

/* Random rational behaviour (denominators <= 6) at player infosets; chance entries from the
 * game. Doubles follow. */
static void random_profile(const brink_efg *g, brink_rng *rng, mpq_t *q, double *p)
{
    for (int h = 0; h < g->ninfosets; h++) {
        int a0 = g->infoset_action_start[h], k = g->infoset_nactions[h];
        if (g->infoset_player[h] == BRINK_CHANCE) {
            for (int a = 0; a < k; a++)
                mpq_set(q[a0 + a], g->action_probq[a0 + a]);
            continue;
        }
        unsigned long tot = 0, w[16];
        for (int a = 0; a < k; a++)
            tot += (w[a % 16] = (unsigned long)(brink_rng_uniform(rng) * 4)); /* 0..3 */
        for (int a = 0; a < k; a++) {
            if (tot == 0)
                mpq_set_ui(q[a0 + a], a == 0, 1);
            else
                mpq_set_ui(q[a0 + a], w[a % 16], tot);
            mpq_canonicalize(q[a0 + a]);
        }
    }
    for (int a = 0; a < g->nactions; a++)
        p[a] = mpq_get_d(q[a]);
}

/* Exact brute force: the best of all pure strategies of player i, others fixed, each scored by
 * brink_efg_valuesq (a plain forward pass; no sequence recursion). */
static void brute_brq(const brink_efg *g, const mpq_t *behav, int i, mpq_t best)
{
    int h0 = g->player_infoset_start[i], h1 = g->player_infoset_start[i + 1];
    int *choice = calloc((size_t)(h1 - h0) + 1, sizeof *choice);
    mpq_t *q = brink_q_array_new((size_t)g->nactions);
    mpq_t *val = brink_q_array_new((size_t)g->nplayers);
    int first = 1;
    for (;;) {
        for (int a = 0; a < g->nactions; a++)
            mpq_set(q[a], behav[a]);
        for (int h = h0; h < h1; h++)
            for (int a = 0; a < g->infoset_nactions[h]; a++)
                mpq_set_ui(q[g->infoset_action_start[h] + a], a == choice[h - h0], 1);
        CHECK(brink_efg_valuesq(g, (const mpq_t *)q, val, NULL) == BRINK_OK);
        if (first || mpq_cmp(val[i], best) > 0)
            mpq_set(best, val[i]);
        first = 0;
        int k = 0;
        while (k < h1 - h0 && ++choice[k] == g->infoset_nactions[h0 + k])
            choice[k++] = 0;
        if (k == h1 - h0)
            break;
    }
    free(choice);
    brink_q_array_free(q, (size_t)g->nactions);
    brink_q_array_free(val, (size_t)g->nplayers);
}

static double pure_count(const brink_efg *g, int i)
{
    double c = 1;
    for (int h = g->player_infoset_start[i]; h < g->player_infoset_start[i + 1]; h++)
        c *= g->infoset_nactions[h];
    return c;
}

static void check_game(const brink_efg *g, uint64_t seed, int trials)
{
    int n = g->nplayers, N = g->nnodes, A = g->nactions;
    brink_rng rng;
    brink_rng_seed(&rng, seed);
    mpq_t *q = brink_q_array_new((size_t)A), *qr = brink_q_array_new((size_t)A);
    mpq_t *reachq = brink_q_array_new((size_t)N), *Uq = brink_q_array_new((size_t)N * n);
    mpq_t *valq = brink_q_array_new((size_t)n), *brq = brink_q_array_new((size_t)n);
    mpq_t *val2 = brink_q_array_new((size_t)n);
    double *p = malloc((size_t)A * sizeof *p), *pz = malloc((size_t)A * sizeof *p);
    double *reach = malloc((size_t)N * sizeof *reach), *r2 = malloc((size_t)N * sizeof *r2);
    double *U = malloc((size_t)N * n * sizeof *U), *U1 = malloc((size_t)N * sizeof *U1);
    double *val = malloc((size_t)n * sizeof *val), *br = malloc((size_t)n * sizeof *br);
    double *vz = malloc((size_t)n * sizeof *vz);
    int *choice = malloc((size_t)g->ninfosets * sizeof *choice + 1);
    mpq_t nc, bq, t;
    mpq_init(nc);
    mpq_init(bq);
    mpq_init(t);
    brink_error err;
    for (int trial = 0; trial < trials; trial++) {
        random_profile(g, &rng, q, p);
        /* exact and doubles agree */
        brink_efg_reach(g, p, reach);
        brink_efg_reachq(g, (const mpq_t *)q, reachq);
        double worst = 0;
        for (int v = 0; v < N; v++)
            worst = fmax(worst, fabs(reach[v] - mpq_get_d(reachq[v])));
        CHECK(worst < 1e-14);
        brink_efg_values(g, p, val);
        CHECK(brink_efg_valuesq(g, (const mpq_t *)q, valq, &err) == BRINK_OK);
        brink_efg_subtree_values(g, p, 0, -1, U);
        brink_efg_subtree_valuesq(g, (const mpq_t *)q, 0, -1, Uq);
        for (int i = 0; i < n; i++) {
            CHECK_NEAR(val[i], mpq_get_d(valq[i]), 1e-12);
            CHECK(mpq_equal(Uq[i], valq[i]));   /* backward pass at the root = forward sum */
            CHECK_NEAR(U[i], val[i], 1e-12);
            brink_efg_subtree_values(g, p, 0, i, U1);
            for (int v = 0; v < N; v++)   /* one player's column = that column of all */
                CHECK(U1[v] == U[(size_t)v * n + i]);
        }
        /* values by reach: sum over leaves of reach * payoff */
        for (int i = 0; i < n; i++) {
            mpq_set_ui(bq, 0, 1);
            for (int l = 0; l < g->nleaves; l++) {
                mpq_mul(t, reachq[g->leaf_node[l]], g->leaf_payq[(size_t)l * n + i]);
                mpq_add(bq, bq, t);
            }
            CHECK(mpq_equal(bq, valq[i]));
        }
        /* best responses: recursion = brute force, choices attain it, doubles agree */
        CHECK(brink_efg_best_response_values(g, p, br, &err) == BRINK_OK);
        CHECK(brink_efg_best_response_valuesq(g, (const mpq_t *)q, brq, &err) == BRINK_OK);
        for (int i = 0; i < n; i++) {
            CHECK_NEAR(br[i], mpq_get_d(brq[i]), 1e-12);
            CHECK(mpq_cmp(brq[i], valq[i]) >= 0);
            if (pure_count(g, i) <= 4096) {
                brute_brq(g, (const mpq_t *)q, i, bq);
                CHECK(mpq_equal(bq, brq[i]));
            }
            CHECK(brink_efg_best_responseq(g, (const mpq_t *)q, i, choice, bq, &err) ==
                  BRINK_OK);
            CHECK(mpq_equal(bq, brq[i]));
            for (int a = 0; a < A; a++)
                mpq_set(qr[a], q[a]);
            int h0 = g->player_infoset_start[i];
            for (int h = h0; h < g->player_infoset_start[i + 1]; h++)
                for (int a = 0; a < g->infoset_nactions[h]; a++)
                    mpq_set_ui(qr[g->infoset_action_start[h] + a], a == choice[h - h0], 1);
            CHECK(brink_efg_valuesq(g, (const mpq_t *)qr, val2, &err) == BRINK_OK);
            CHECK(mpq_equal(val2[i], brq[i]));
            double bv;
            CHECK(brink_efg_best_response(g, p, i, choice, &bv, &err) == BRINK_OK);
            CHECK_NEAR(bv, br[i], 0);
        }
        /* NashConv: exact sum of gains; doubles agree */
        double ncd, mr;
        CHECK(brink_efg_nashconvq(g, (const mpq_t *)q, nc, NULL, NULL, &err) == BRINK_OK);
        CHECK(brink_efg_nashconv(g, p, &ncd, &mr, &err) == BRINK_OK);
        CHECK_NEAR(ncd, mpq_get_d(nc), 1e-12);
        CHECK(mr <= ncd + 1e-15 && mr >= 0);

        /* chance convention: entries at chance actions are never read */
        for (int a = 0; a < A; a++)
            pz[a] = p[a];
        for (int a = g->player_action_start[n]; a < A; a++) {
            pz[a] = 7.5;
            mpq_set_ui(qr[a], 0, 1);
        }
        for (int a = 0; a < g->player_action_start[n]; a++)
            mpq_set(qr[a], q[a]);
        brink_efg_values(g, pz, vz);
        CHECK(brink_efg_valuesq(g, (const mpq_t *)qr, val2, &err) == BRINK_OK);
        for (int i = 0; i < n; i++) {
            CHECK(vz[i] == val[i]);
            CHECK(mpq_equal(val2[i], valq[i]));
        }
        brink_efg_reach(g, pz, r2);
        CHECK(memcmp(r2, reach, (size_t)N * sizeof *reach) == 0);

        /* reach identities */
        brink_efg_reach_others(g, p, n, r2);   /* nobody excluded: plain reach */
        CHECK(memcmp(r2, reach, (size_t)N * sizeof *reach) == 0);
        for (int i = 0; i < n; i++) {
            /* player i's moves as 1 = reach with i's entries set to 1 */
            for (int a = 0; a < A; a++)
                pz[a] = a >= g->player_action_start[i] && a < g->player_action_start[i + 1]
                            ? 1.0 : p[a];
            brink_efg_reach(g, pz, U1);
            brink_efg_reach_others(g, p, i, r2);
            CHECK(memcmp(r2, U1, (size_t)N * sizeof *U1) == 0);
            brink_efg_reach_othersq(g, (const mpq_t *)q, i, reachq);
            worst = 0;
            for (int v = 0; v < N; v++)
                worst = fmax(worst, fabs(r2[v] - mpq_get_d(reachq[v])));
            CHECK(worst < 1e-14);
        }
        int c = 1 + (int)(brink_rng_uniform(&rng) * (N - 1));
        brink_efg_reach_below(g, p, c, r2);
        brink_efg_reachq(g, (const mpq_t *)q, reachq);
        for (int v = c; v < c + g->node_subtree_size[c]; v++)
            CHECK_NEAR(r2[v] * reach[c], reach[v], 1e-15);
    }
    mpq_clear(nc);
    mpq_clear(bq);
    mpq_clear(t);
    brink_q_array_free(q, (size_t)A);
    brink_q_array_free(qr, (size_t)A);
    brink_q_array_free(reachq, (size_t)N);
    brink_q_array_free(Uq, (size_t)N * n);
    brink_q_array_free(valq, (size_t)n);
    brink_q_array_free(brq, (size_t)n);
    brink_q_array_free(val2, (size_t)n);
    free(p);
    free(pz);
    free(reach);
    free(r2);
    free(U);
    free(U1);
    free(val);
    free(br);
    free(vz);
    free(choice);
}

static void test_kuhn_nashconv(void)
{
    brink_error err;
    brink_efg *g = brink_gen_kuhn(&err);
    mpq_t *q = brink_q_array_new((size_t)g->nactions);
    mpq_t val[2], brv[2], nc;
    for (int i = 0; i < 2; i++) {
        mpq_init(val[i]);
        mpq_init(brv[i]);
    }
    mpq_init(nc);
    eg_kuhn_equilibrium(g, q);
    CHECK(brink_efg_nashconvq(g, (const mpq_t *)q, nc, val, brv, &err) == BRINK_OK);
    CHECK(mpq_sgn(nc) == 0);
    CHECK(mpq_cmp_si(val[0], -1, 18) == 0);
    CHECK(mpq_equal(brv[1], val[1]));
    EG_SET2(g, q, "2:Jx", 1, 2, 1, 2);   /* player 2 bluffs too often: exploitable */
    CHECK(brink_efg_nashconvq(g, (const mpq_t *)q, nc, val, brv, &err) == BRINK_OK);
    CHECK(mpq_sgn(nc) > 0);
    CHECK(mpq_cmp(brv[0], val[0]) > 0);
    CHECK(brink_efg_best_responseq(g, (const mpq_t *)q, 2, NULL, nc, &err) == BRINK_EINVALID);
    for (int i = 0; i < 2; i++) {
        mpq_clear(val[i]);
        mpq_clear(brv[i]);
    }
    mpq_clear(nc);
    brink_q_array_free(q, (size_t)g->nactions);
    brink_efg_free(g);
}

/* Player 1 moves, then moves again without remembering the first move: no perfect recall. */
static void test_imperfect_recall(void)
{
    brink_efg_builder *b = brink_efg_builder_new(1, NULL);
    const char *lr[2] = {"L", "R"};
    int h1 = brink_efg_builder_add_infoset(b, 0, 2, "first", lr, NULL, 0, NULL);
    int h2 = brink_efg_builder_add_infoset(b, 0, 2, "forgot", lr, NULL, 0, NULL);
    mpq_t pay;
    mpq_init(pay);
    brink_efg_builder_add_node(b, "", h1, -1, NULL);
    for (int k = 0; k < 2; k++) {
        brink_efg_builder_add_node(b, "", h2, -1, NULL);
        for (int j = 0; j < 2; j++) {
            mpq_set_si(pay, k == j, 1);
            int o = brink_efg_builder_add_outcome(b, "", &pay, 0, NULL);
            brink_efg_builder_add_node(b, "", -1, o, NULL);
        }
    }
    mpq_clear(pay);
    brink_error err;
    brink_efg *g = brink_efg_builder_finish(b, &err);
    CHECK(g != NULL);
    if (!g)
        return;
    double p[4] = {0.5, 0.5, 0.5, 0.5}, br = 0, nc = 0;
    CHECK(brink_efg_best_response_values(g, p, &br, &err) == BRINK_EINVALID);
    CHECK(strstr(err.message, "perfect recall") != NULL);
    CHECK(brink_efg_nashconv(g, p, &nc, NULL, &err) == BRINK_EINVALID);
    double v;
    brink_efg_values(g, p, &v);   /* values need no perfect recall */
    CHECK_NEAR(v, 0.5, 1e-15);
    brink_efg_free(g);
}

/* Player 1 takes L (payoff 1) or R (a fair lottery between 0 and 4). A profile whose chance
 * entries are unset (0) must verify as the same profile with them set: R is the only
 * subgame-perfect choice. */
static void test_spe_chance_convention(void)
{
    brink_efg_builder *b = brink_efg_builder_new(1, NULL);
    const char *lr[2] = {"L", "R"}, *coin[2] = {"tails", "heads"};
    mpq_t half[2], pay;
    mpq_init(half[0]);
    mpq_init(half[1]);
    mpq_init(pay);
    mpq_set_ui(half[0], 1, 2);
    mpq_set_ui(half[1], 1, 2);
    int hp = brink_efg_builder_add_infoset(b, 0, 2, "move", lr, NULL, 0, NULL);
    int hc = brink_efg_builder_add_infoset(b, BRINK_CHANCE, 2, "coin", coin,
                                           (const mpq_t *)half, 0, NULL);
    long pays[3] = {1, 0, 4};
    int o[3];
    for (int k = 0; k < 3; k++) {
        mpq_set_si(pay, pays[k], 1);
        o[k] = brink_efg_builder_add_outcome(b, "", &pay, 0, NULL);
    }
    brink_efg_builder_add_node(b, "", hp, -1, NULL);
    brink_efg_builder_add_node(b, "", -1, o[0], NULL);
    brink_efg_builder_add_node(b, "", hc, -1, NULL);
    brink_efg_builder_add_node(b, "", -1, o[1], NULL);
    brink_efg_builder_add_node(b, "", -1, o[2], NULL);
    mpq_clear(half[0]);
    mpq_clear(half[1]);
    mpq_clear(pay);
    brink_error err;
    brink_efg *g = brink_efg_builder_finish(b, &err);
    CHECK(g != NULL);
    if (!g)
        return;
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_profile *pr = brink_profile_list_add(&l, BRINK_PROFILE_BEHAV, g->nactions, 1, &err);
    for (int set_chance = 0; set_chance < 2; set_chance++)
        for (int pick = 0; pick < 2; pick++) {
            for (int a = 0; a < g->nactions; a++)
                mpq_set_ui(pr->q[a], 0, 1);
            mpq_set_ui(pr->q[g->infoset_action_start[hp] + pick], 1, 1);
            if (set_chance)
                eg_set_chance(g, pr->q);
            int is_spe = -1;
            CHECK(brink_verify_subgame_perfect(g, pr, &is_spe, &err) == BRINK_OK);
            CHECK_EQ_INT(is_spe, pick == 1);
        }
    brink_profile_list_free(&l);
    brink_efg_free(g);
}

int main(void)
{
    brink_error err;
    brink_efg *kuhn = brink_gen_kuhn(&err);
    check_game(kuhn, 11, 20);
    brink_efg_free(kuhn);
    brink_efg *bq = eg_beer_quiche();
    check_game(bq, 12, 20);
    brink_efg_free(bq);
    brink_crisis_params cp;
    brink_crisis_params_init(&cp);
    cp.rounds = 2;
    cp.levels = 1;
    brink_efg *crisis = brink_gen_crisis(&cp, &err);
    check_game(crisis, 13, 5);
    brink_efg_free(crisis);
    test_kuhn_nashconv();
    test_imperfect_recall();
    test_spe_chance_convention();
    return check_finish();
}
