/* test_io_read.c — the .nfg/.efg readers give exactly the games the hand-written files in
 * tests/data/games describe: players, strategies, labels, exact payoffs, infosets, outcomes. */
#include "test_io_common.h"

static brink_game load(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/games/%s", check_source_dir(), name);
    brink_game g;
    brink_error err;
    brink_status st = brink_game_read_file(path, &g, &err);
    CHECK_MSG(st == BRINK_OK, "%s: %s:%d:%d: %s", name, err.file, err.line, err.column,
              err.message);
    return g;
}

static int q_is(const mpq_t q, long num, unsigned long den)
{
    mpq_t t;
    mpq_init(t);
    mpq_set_si(t, num, den);
    mpq_canonicalize(t);
    int eq = mpq_equal(q, t);
    mpq_clear(t);
    return eq;
}

/* payoff of player p at the cell given by 0-based strategies */
static mpq_srcptr nfg_pay(const brink_nfg *g, const int *s, int p)
{
    return g->payq[brink_nfg_cell(g, s) * (size_t)g->nplayers + (size_t)p];
}

static void test_pd(void)
{
    brink_game g = load("pd.nfg");
    if (g.kind != BRINK_GAME_NFG)
        return;
    const brink_nfg *n = g.nfg;
    CHECK_EQ_INT(n->nplayers, 2);
    CHECK_STR(n->player_names[1], "Column");
    CHECK_EQ_INT(n->nstrats[0], 2);
    CHECK_STR(n->strat_labels[0], "1"); /* count form: labels "1".."k" */
    CHECK_STR(n->strat_labels[3], "2");
    CHECK_STR(n->comment, "");
    CHECK(n->cell_outcome == NULL);
    int dc[2] = {1, 0}, cd[2] = {0, 1}, dd[2] = {1, 1};
    CHECK(q_is(nfg_pay(n, dc, 0), 0, 1) && q_is(nfg_pay(n, dc, 1), -3, 1));
    CHECK(q_is(nfg_pay(n, cd, 0), -3, 1) && q_is(nfg_pay(n, cd, 1), 0, 1));
    CHECK(q_is(nfg_pay(n, dd, 0), -2, 1));
    CHECK_NEAR(n->pay[brink_nfg_cell(n, dc) * 2 + 1], -3.0, 0);
    brink_game_free(&g);
}

static void test_bos(void)
{
    brink_game g = load("bos.nfg");
    if (g.kind != BRINK_GAME_NFG)
        return;
    const brink_nfg *n = g.nfg;
    CHECK_STR(n->strat_labels[1], "Football");
    CHECK_STR(n->strat_labels[2], "Opera");
    CHECK(strncmp(n->comment, "Nested-label header", 19) == 0);
    int oo[2] = {0, 0}, ff[2] = {1, 1}, fo[2] = {1, 0};
    CHECK(q_is(nfg_pay(n, oo, 0), 3, 1) && q_is(nfg_pay(n, oo, 1), 2, 1));
    CHECK(q_is(nfg_pay(n, ff, 0), 2, 1) && q_is(nfg_pay(n, ff, 1), 3, 1));
    CHECK(q_is(nfg_pay(n, fo, 0), 0, 1));
    brink_game_free(&g);
}

static void test_outcome_versions(void)
{
    brink_game g = load("matching_pennies.nfg");
    if (g.kind == BRINK_GAME_NFG) {
        const brink_nfg *n = g.nfg;
        CHECK_EQ_INT(n->noutcomes, 2);
        CHECK_STR(n->outcome_labels[1], "mismatch");
        int th[2] = {1, 0}, tt[2] = {1, 1};
        CHECK(q_is(nfg_pay(n, th, 0), -1, 1) && q_is(nfg_pay(n, th, 1), 1, 1));
        CHECK(q_is(nfg_pay(n, tt, 0), 1, 1));
        CHECK(n->cell_outcome && n->cell_outcome[3] == 0);
    }
    brink_game_free(&g);

    g = load("outcomes.nfg");
    if (g.kind == BRINK_GAME_NFG) {
        const brink_nfg *n = g.nfg;
        CHECK_EQ_INT(n->noutcomes, 4); /* the unused one is kept */
        CHECK_STR(n->outcome_labels[3], "unused but kept");
        CHECK(n->cell_outcome != NULL);
        if (n->cell_outcome) {
            int want[6] = {0, 1, 2, 1, 0, -1};
            for (int c = 0; c < 6; c++)
                CHECK_EQ_INT(n->cell_outcome[c], want[c]);
        }
        int dr[2] = {2, 1}, ml[2] = {1, 0}, dl[2] = {2, 0};
        CHECK(q_is(nfg_pay(n, dr, 0), 0, 1) && q_is(nfg_pay(n, dr, 1), 0, 1));
        CHECK(q_is(nfg_pay(n, ml, 1), 2, 1));
        CHECK(q_is(nfg_pay(n, dl, 0), 2, 1) && q_is(nfg_pay(n, dl, 1), 0, 1));
    }
    brink_game_free(&g);
}

static void test_three_player(void)
{
    brink_game g = load("three_player.nfg");
    if (g.kind != BRINK_GAME_NFG)
        return;
    const brink_nfg *n = g.nfg;
    CHECK_EQ_INT(n->nplayers, 3);
    CHECK_EQ_INT((long)n->ncells, 12);
    CHECK_STR(n->comment, "cells in Gambit order: player 1 fastest");
    int s010[3] = {0, 1, 0}, s101[3] = {1, 0, 1}, s121[3] = {1, 2, 1}, s001[3] = {0, 0, 1};
    int s111[3] = {1, 1, 1};
    CHECK(q_is(nfg_pay(n, s010, 0), 1, 2) && q_is(nfg_pay(n, s010, 1), 1, 2));
    CHECK(q_is(nfg_pay(n, s101, 0), 100, 1) && q_is(nfg_pay(n, s101, 1), -2, 1)); /* 1e2 */
    CHECK(q_is(nfg_pay(n, s111, 2), -4, 1));
    CHECK(q_is(nfg_pay(n, s121, 2), 7, 1));
    CHECK(q_is(nfg_pay(n, s001, 0), 1, 2) && q_is(nfg_pay(n, s001, 1), 1, 4) &&
          q_is(nfg_pay(n, s001, 2), -7, 4)); /* 0.5 .25 -1.75 */
    int s021[3] = {0, 2, 1};
    CHECK(q_is(nfg_pay(n, s021, 0), 1, 4));                 /* 2.5e-1 */
    CHECK(q_is(nfg_pay(n, s021, 1), 333333, 1000000));      /* 0.333333 exactly */
    CHECK(q_is(nfg_pay(n, s021, 2), 166667, 500000));       /* 0.333334 exactly */
    brink_game_free(&g);
}

static int leaf_pay_is(const brink_efg *e, int v, int p, long num, unsigned long den)
{
    int l = e->node_leaf[v];
    return l >= 0 && q_is(e->leaf_payq[(size_t)l * (size_t)e->nplayers + (size_t)p], num, den);
}

static void test_centipede_entry(void)
{
    brink_game g = load("centipede.efg");
    if (g.kind == BRINK_GAME_EFG) {
        const brink_efg *e = g.efg;
        CHECK_EQ_INT(e->nnodes, 9);
        CHECK_EQ_INT(e->ninfosets, 4);
        CHECK_EQ_INT(e->nleaves, 5);
        CHECK(e->perfect_info && e->perfect_recall);
        CHECK_STR(e->player_names[0], "Ann");
        CHECK_STR(e->node_label[2], "2");
        CHECK(leaf_pay_is(e, 8, 0, 64, 1) && leaf_pay_is(e, 8, 1, 16, 1));
        CHECK(leaf_pay_is(e, 3, 1, 8, 1));
        CHECK_STR(e->outcome_label[e->node_outcome[8]], "end");
    }
    brink_game_free(&g);
    g = load("entry.efg");
    if (g.kind == BRINK_GAME_EFG) {
        const brink_efg *e = g.efg;
        CHECK_EQ_INT(e->nnodes, 5);
        CHECK_STR(e->node_label[0], "start");
        CHECK_EQ_INT(brink_efg_node_player(e, 2), 1);
        CHECK(leaf_pay_is(e, 3, 0, -1, 1) && leaf_pay_is(e, 4, 1, 1, 1));
        CHECK_STR(e->action_label[e->infoset_action_start[e->node_infoset[2]] + 1], "Accommodate");
    }
    brink_game_free(&g);
}

static void test_poker(void)
{
    brink_game g = load("poker.efg");
    if (g.kind != BRINK_GAME_EFG)
        return;
    const brink_efg *e = g.efg;
    CHECK_EQ_INT(e->nnodes, 11);
    /* Infosets: dealer High (1), dealer Low (2), caller's one infoset (2 members), chance. */
    CHECK_EQ_INT(e->ninfosets, 4);
    CHECK_EQ_INT(brink_efg_player_ninfosets(e, 0), 2);
    CHECK_EQ_INT(brink_efg_player_ninfosets(e, 1), 1);
    int h = e->node_infoset[2];
    CHECK_EQ_INT(e->infoset_nmembers[h], 2);
    CHECK_EQ_INT(e->node_infoset[7], h);
    CHECK_EQ_INT(e->infoset_number[h], 1);
    CHECK_EQ_INT(e->infoset_number[e->node_infoset[1]], 1); /* same number, other player */
    int c = e->node_infoset[0];
    CHECK_EQ_INT(e->infoset_player[c], BRINK_CHANCE);
    CHECK(q_is(e->action_probq[e->infoset_action_start[c] + 1], 1, 2)); /* "0.5" */
    CHECK_NEAR(e->action_prob[e->infoset_action_start[c]], 0.5, 0);
    CHECK(e->perfect_recall && !e->perfect_info);
    /* "t "" 2 0": outcome 2 reused without description */
    CHECK_EQ_INT(e->node_outcome[9], e->node_outcome[4]);
    CHECK(strncmp(e->comment, "Chance deals", 12) == 0);
    brink_game_free(&g);
}

static void test_interior(void)
{
    brink_game g = load("interior.efg");
    if (g.kind != BRINK_GAME_EFG)
        return;
    const brink_efg *e = g.efg;
    CHECK_EQ_INT(e->noutcomes, 4);
    CHECK(e->node_outcome[0] >= 0 && e->node_outcome[1] >= 0);
    /* leaf 2 (c after a): -1 + 0 + 3 = 2 for P1, 0 + 1/2 + 3 = 7/2 for P2 */
    CHECK(leaf_pay_is(e, 2, 0, 2, 1) && leaf_pay_is(e, 2, 1, 7, 2));
    /* leaf 3 (d): no own outcome: -1, 1/2 */
    CHECK(leaf_pay_is(e, 3, 0, -1, 1) && leaf_pay_is(e, 3, 1, 1, 2));
    /* leaf 6: fee at the root, fee again at chance node 4, and fee at the leaf: -3 */
    CHECK(leaf_pay_is(e, 6, 0, -3, 1));
    CHECK(leaf_pay_is(e, 5, 0, 4, 1));
    brink_game_free(&g);
}

static void test_escaped(void)
{
    brink_game g = load("escaped.efg");
    if (g.kind != BRINK_GAME_EFG)
        return;
    const brink_efg *e = g.efg;
    CHECK_STR(e->title, "Labels with \"quotes\", a backslash \\n pair, and UTF-8: caf\xC3\xA9");
    CHECK_STR(e->player_names[0], "Joueur \"A\"");
    CHECK_STR(e->node_label[0], "say \"hi\"");
    CHECK_STR(e->infoset_label[0], "the \"only\" infoset");
    CHECK_STR(e->action_label[0], "\"left\"");
    CHECK_STR(e->action_label[1], "right\\\\");
    CHECK_STR(e->action_label[2], "");
    CHECK_STR(e->outcome_label[0], "\"x\"");
    CHECK(strstr(e->comment, "spanning two lines, with \"escaped quotes\" and \\\\ two") != NULL);
    brink_game_free(&g);
}

static void test_decimals(void)
{
    brink_game g = load("decimals.efg");
    if (g.kind != BRINK_GAME_EFG)
        return;
    const brink_efg *e = g.efg;
    int c0 = e->node_infoset[0];
    CHECK(q_is(e->action_probq[e->infoset_action_start[c0] + 2], 166667, 500000));
    CHECK(leaf_pay_is(e, 1, 0, 1, 4));
    int c1 = e->node_infoset[2];
    CHECK(q_is(e->action_probq[e->infoset_action_start[c1]], 1, 4));
    CHECK(q_is(e->action_probq[e->infoset_action_start[c1] + 1], 3, 4));
    CHECK(leaf_pay_is(e, 3, 0, -1, 2));
    CHECK(leaf_pay_is(e, 4, 0, 150, 1));
    CHECK(leaf_pay_is(e, 5, 0, 3, 1));
    brink_game_free(&g);
}

static void test_recall_and_labels(void)
{
    brink_game g = load("forgetful.efg");
    if (g.kind == BRINK_GAME_EFG) {
        CHECK_EQ_INT(g.efg->perfect_recall, 0); /* accepted, flagged */
        CHECK_EQ_INT(g.efg->ninfosets, 3);
        CHECK_EQ_INT(g.efg->infoset_nmembers[g.efg->node_infoset[2]], 4);
    }
    brink_game_free(&g);
    g = load("duplabels.efg");
    if (g.kind == BRINK_GAME_EFG) {
        const brink_efg *e = g.efg;
        CHECK_EQ_INT(e->ninfosets, 3); /* same label "dup", three numbers: three infosets */
        CHECK_STR(e->node_label[6], "same");
        CHECK_STR(e->action_label[0], "x");
        CHECK_STR(e->action_label[1], "x");
        CHECK_STR(e->action_label[2], "");
    }
    brink_game_free(&g);
}

static void test_crlf(void)
{
    brink_game g = load("crlf.efg");
    if (g.kind != BRINK_GAME_EFG)
        return;
    const brink_efg *e = g.efg;
    CHECK_EQ_INT(e->nplayers, 3);
    CHECK_EQ_INT(e->nnodes, 6);
    CHECK_EQ_INT(e->node_infoset[4] == e->node_infoset[0], 0); /* number 7 of players 1 and 3 */
    CHECK_EQ_INT(e->infoset_number[e->node_infoset[4]], 7);
    int o = e->node_outcome[2];
    CHECK(o >= 0 && e->outcome_number[o] == 1000000);
    CHECK_EQ_INT(e->node_outcome[5], o);
    char *s = o >= 0 ? brink_q_to_string(e->outcome_payq[(size_t)o * 3]) : NULL;
    CHECK_STR(s, "123456789012345678901234567890");
    free(s);
    s = o >= 0 ? brink_q_to_string(e->outcome_payq[(size_t)o * 3 + 1]) : NULL;
    CHECK_STR(s, "-1/98765432109876543210");
    free(s);
    brink_game_free(&g);
}

static void test_in_memory(void)
{
    /* Free layout: everything on one line, comment omitted, NULL error record. */
    const char *t = "EFG 2 R \"\" { \"a\" } p \"\" 1 1 \"\" { \"x\" \"y\" } 0 t \"\" 0 t \"\" 0";
    brink_efg *e = brink_efg_read(t, strlen(t), NULL, NULL);
    CHECK(e != NULL);
    if (e)
        CHECK_EQ_INT(e->nnodes, 3);
    brink_efg_free(e);
    /* Wrong reader for the kind of file: a precise message, not a crash. */
    brink_error err;
    CHECK(brink_nfg_read(t, strlen(t), "x.nfg", &err) == NULL);
    CHECK_EQ_INT(err.code, BRINK_ESYNTAX);
    CHECK_STR(err.message, "expected 'NFG' at the start of an .nfg file, got 'EFG'");
    /* Reading a missing file is an I/O error. */
    brink_game g;
    CHECK(brink_game_read_file("/nonexistent/dir/x.efg", &g, &err) == BRINK_EIO);
    CHECK(g.kind == BRINK_GAME_NONE);
}

int main(void)
{
    test_pd();
    test_bos();
    test_outcome_versions();
    test_three_player();
    test_centipede_entry();
    test_poker();
    test_interior();
    test_escaped();
    test_decimals();
    test_recall_and_labels();
    test_crlf();
    test_in_memory();
    return check_finish();
}
