/* test_efg.c — the extensive-form model: builder, layout, perfect recall, reduced strategic
 * form, and backward induction (all SPE). */
#include "brink/brink.h"
#include "check.h"
#include "efg_fixtures.h"
#include "solve/solvers.h"

static int solve_spe(const brink_efg *g, brink_profile_list *l)
{
    brink_solve_options o;
    brink_solve_options_init(&o);
    brink_profile_list_init(l);
    if (brink_solver_spe.solve_efg(g, &o, l, NULL)) return -1;
    for (int i = 0; i < l->count; i++) {
        int is_spe = 0;
        CHECK(brink_verify_subgame_perfect(g, &l->items[i], &is_spe, NULL) == BRINK_OK);
        CHECK(is_spe);
    }
    return l->count;
}

static void test_layout(void)
{
    brink_efg *g = fx_centipede();
    CHECK(g != NULL);
    CHECK_EQ_INT(g->nnodes, 9);
    CHECK_EQ_INT(g->nleaves, 5);
    CHECK_EQ_INT(g->ninfosets, 4);
    CHECK(g->perfect_recall && g->perfect_info);
    CHECK_EQ_INT(g->node_subtree_size[0], 9);
    CHECK_EQ_INT(g->player_infoset_start[1], 2); /* player 1 owns stages 1 and 3 */
    CHECK_EQ_INT(g->player_action_start[2], 8);
    /* children link back to parents through node_action */
    for (int v = 1; v < g->nnodes; v++) {
        int u = g->node_parent[v];
        int a = g->node_action[v] - g->infoset_action_start[g->node_infoset[u]];
        CHECK_EQ_INT(brink_efg_child(g, u, a), v);
    }
    CHECK(brink_efg_equal(g, g));
    brink_efg_free(g);

    g = fx_bluff();
    CHECK(g && g->perfect_recall && !g->perfect_info);
    CHECK_EQ_INT(g->ninfosets, 4);
    int h2 = g->player_infoset_start[1];
    CHECK_EQ_INT(g->infoset_nmembers[h2], 2);
    CHECK_EQ_INT(g->infoset_player[g->player_infoset_start[2]], BRINK_CHANCE);
    CHECK_NEAR(g->action_prob[g->infoset_action_start[g->player_infoset_start[2]]], 0.5, 0);
    brink_efg_free(g);
}

static void test_builder_errors(void)
{
    brink_error err;
    brink_efg_builder *b = brink_efg_builder_new(2, NULL);
    fx_decision(b, 0, "a", "b");
    fx_leaf(b, 0, 0);
    CHECK(brink_efg_builder_finish(b, &err) == NULL);
    CHECK(err.code == BRINK_EINVALID && strstr(err.message, "incomplete tree"));

    b = brink_efg_builder_new(2, NULL);
    fx_leaf(b, 0, 0);
    CHECK(brink_efg_builder_add_node(b, "", -1, -1, &err) < 0);
    CHECK(strstr(err.message, "after the tree is already complete") != NULL);
    brink_efg_builder_free(b);

    b = brink_efg_builder_new(1, NULL);
    mpq_t pr[3];
    for (int i = 0; i < 3; i++) {
        mpq_init(pr[i]);
        mpq_set_si(pr[i], 333333, 1000000);
    }
    CHECK(brink_efg_builder_add_infoset(b, BRINK_CHANCE, 3, "", NULL, pr, 0, &err) < 0);
    CHECK(strstr(err.message, "999999/1000000") != NULL);
    /* A failure sticks: later calls and finish() report it again. */
    CHECK(brink_efg_builder_add_node(b, "", -1, -1, &err) < 0);
    CHECK(strstr(err.message, "999999/1000000") != NULL);
    brink_efg_builder_free(b);
    b = brink_efg_builder_new(1, NULL);
    mpq_set_si(pr[2], 333334, 1000000);
    CHECK(brink_efg_builder_add_infoset(b, BRINK_CHANCE, 3, "", NULL, pr, 0, &err) >= 0);
    mpq_set_si(pr[2], -1, 3);
    CHECK(brink_efg_builder_add_infoset(b, BRINK_CHANCE, 3, "", NULL, pr, 0, &err) < 0);
    for (int i = 0; i < 3; i++) mpq_clear(pr[i]);
    CHECK(brink_efg_builder_add_infoset(b, 3, 2, "", NULL, NULL, 0, &err) < 0);
    CHECK(brink_efg_builder_add_node(b, "", 17, -1, &err) < 0);
    brink_efg_builder_free(b);
    CHECK(brink_efg_builder_new(0, &err) == NULL);
}

static void test_recall(void)
{
    /* Absent-minded driver style forgetfulness: player 1 moves, then moves again without
     * knowing what it did. */
    brink_efg_builder *b = brink_efg_builder_new(1, NULL);
    const char *acts[2] = {"L", "R"};
    int h1 = brink_efg_builder_add_infoset(b, 0, 2, "first", acts, NULL, 0, NULL);
    int h2 = brink_efg_builder_add_infoset(b, 0, 2, "forgot", acts, NULL, 0, NULL);
    mpq_t z;
    mpq_init(z);
    int o = brink_efg_builder_add_outcome(b, "", &z, 0, NULL);
    mpq_clear(z);
    brink_efg_builder_add_node(b, "", h1, -1, NULL);
    for (int k = 0; k < 2; k++) {
        brink_efg_builder_add_node(b, "", h2, -1, NULL);
        brink_efg_builder_add_node(b, "", -1, o, NULL);
        brink_efg_builder_add_node(b, "", -1, o, NULL);
    }
    brink_efg *g = brink_efg_builder_finish(b, NULL);
    CHECK(g && !g->perfect_recall);
    char why[300];
    CHECK(!brink_efg_check_perfect_recall(g, why, sizeof why));
    CHECK(strstr(why, "forgot") != NULL);
    /* the whole reason through a brink_buf; a small buffer gets its start, cut at a whole
     * character */
    brink_buf wb;
    brink_buf_init(&wb);
    CHECK(brink_efg_perfect_recall_why(g, &wb) == 0 && wb.len > 0 && strcmp(wb.data, why) == 0);
    char small[12];
    CHECK(!brink_efg_check_perfect_recall(g, small, sizeof small));
    CHECK(strlen(small) == sizeof small - 1 && strncmp(small, wb.data, sizeof small - 1) == 0);
    brink_buf_free(&wb);
    brink_error err;
    CHECK(brink_efg_to_nfg(g, NULL, &err) == NULL && err.code == BRINK_EINVALID);
    brink_efg_free(g);
}

static void test_spe(void)
{
    brink_profile_list l;
    brink_efg *g = fx_centipede();
    CHECK_EQ_INT(solve_spe(g, &l), 1);
    for (int h = 0; h < 4; h++) /* take everywhere */
        CHECK(mpq_cmp_ui(l.items[0].q[g->infoset_action_start[h]], 1, 1) == 0);
    CHECK(l.stats.complete);
    brink_profile_list_free(&l);
    brink_efg_free(g);

    g = fx_entry();
    CHECK_EQ_INT(solve_spe(g, &l), 1);
    CHECK_EQ_INT(l.items[0].p[1], 1); /* In */
    CHECK_EQ_INT(l.items[0].p[3], 1); /* Accommodate */
    brink_profile_list_free(&l);

    /* Reduced form of entry deterrence: 2x2, pure NE (Out,Fight) and (In,Accommodate). */
    brink_reduced *map = NULL;
    brink_nfg *nf = brink_efg_to_nfg(g, &map, NULL);
    CHECK(nf && nf->nstrats[0] == 2 && nf->nstrats[1] == 2);
    brink_solve_options o;
    brink_solve_options_init(&o);
    brink_profile_list_init(&l);
    brink_solver_enumpure.solve_nfg(nf, &o, &l, NULL);
    CHECK_EQ_INT(l.count, 2);
    /* Map the first back to behaviour and check the SPE checker rejects (Out, Fight). */
    int found_threat = 0;
    for (int i = 0; i < l.count; i++) {
        brink_profile_list bl;
        brink_profile_list_init(&bl);
        brink_profile *b = brink_profile_list_add(&bl, BRINK_PROFILE_BEHAV, g->nactions, 1, NULL);
        brink_reduced_mixed_to_behavq(g, map, (const mpq_t *)l.items[i].q, b->q, NULL);
        int is_spe = -1;
        brink_verify_subgame_perfect(g, b, &is_spe, NULL);
        if (mpq_cmp_ui(b->q[0], 1, 1) == 0) { /* Out */
            found_threat = 1;
            CHECK(!is_spe);
        } else {
            CHECK(is_spe);
        }
        brink_profile_list_free(&bl);
    }
    CHECK(found_threat);
    brink_profile_list_free(&l);
    brink_reduced_free(map);
    brink_nfg_free(nf);
    brink_efg_free(g);

    /* Ties: player 1 takes A (2,0) over B; after B player 2 is indifferent between x and y.
     * Both choices of player 2 give an SPE: exactly 2. */
    brink_efg_builder *b = brink_efg_builder_new(2, NULL);
    fx_decision(b, 0, "A", "B");
    fx_leaf(b, 2, 0);
    fx_decision(b, 1, "x", "y");
    fx_leaf(b, 1, 1);
    fx_leaf(b, 0, 1);
    g = brink_efg_builder_finish(b, NULL);
    CHECK_EQ_INT(solve_spe(g, &l), 2);
    brink_profile_list_free(&l);
    brink_efg_free(g);

    /* Ties that change the mover's choice above: P2 indifferent between x (P1 gets 3) and y
     * (P1 gets 1); P1 compares with A = 2. SPE: (B, x) and (A, y). */
    b = brink_efg_builder_new(2, NULL);
    fx_decision(b, 0, "A", "B");
    fx_leaf(b, 2, 0);
    fx_decision(b, 1, "x", "y");
    fx_leaf(b, 3, 1);
    fx_leaf(b, 1, 1);
    g = brink_efg_builder_finish(b, NULL);
    CHECK_EQ_INT(solve_spe(g, &l), 2);
    int seen_Bx = 0, seen_Ay = 0;
    for (int i = 0; i < l.count; i++) {
        if (l.items[i].p[1] == 1 && l.items[i].p[2] == 1) seen_Bx = 1;
        if (l.items[i].p[0] == 1 && l.items[i].p[3] == 1) seen_Ay = 1;
    }
    CHECK(seen_Bx && seen_Ay);
    brink_profile_list_free(&l);
    brink_efg_free(g);
}

static void test_reduced_chance(void)
{
    brink_reduced *map = NULL;
    brink_efg *g = fx_bluff();
    brink_nfg *nf = brink_efg_to_nfg(g, &map, NULL);
    CHECK(nf && nf->nstrats[0] == 4 && nf->nstrats[1] == 2);
    /* Strategy (Bet,Bet) vs Call: 1/2*2 + 1/2*(-2) = 0. (Bet, Fold) vs Pass: 1/2*1 + 1/2*(-1) = 0.
     * Find them by label. */
    int bb = -1, bf = -1;
    for (int s = 0; s < 4; s++) {
        if (!strcmp(nf->strat_labels[s], "Bet,Bet")) bb = s;
        if (!strcmp(nf->strat_labels[s], "Bet,Fold")) bf = s;
    }
    CHECK(bb >= 0 && bf >= 0);
    int s1[2] = {bb, 0}, s2[2] = {bf, 1}, s3[2] = {bb, 1};
    CHECK(mpq_sgn(nf->payq[brink_nfg_cell(nf, s1) * 2]) == 0);
    CHECK(mpq_sgn(nf->payq[brink_nfg_cell(nf, s2) * 2]) == 0);
    CHECK(mpq_cmp_si(nf->payq[brink_nfg_cell(nf, s3) * 2], 1, 1) == 0);
    brink_reduced_free(map);
    brink_nfg_free(nf);
    brink_efg_free(g);
}

int main(void)
{
    test_layout();
    test_builder_errors();
    test_recall();
    test_spe();
    test_reduced_chance();
    return check_finish();
}
