/* test_scenario_compile.c — scenario -> extensive-form game: tree shape, information sets
 * (types hidden from others, hidden moves, seen_by), payoffs from issue preferences and
 * direct terms, sub-games with arguments, repeat/next/if, tallies, rebinding numbers without
 * re-parsing, the .efg round trip, limits, and decision references.
 */
#include <string.h>

#include "check.h"
#include "brink/brink.h"
#include "brink/scenario.h"

static brink_scenario *load(const char *text, brink_error *err)
{
    brink_error_clear(err);
    return brink_scenario_parse(text, strlen(text), "t.yaml", NULL, err);
}

/* The sketch's M1 game, with its hand-computed leaf payoffs. */
static const char *M1 =
    "brink: 1\n"
    "id: m1\n"
    "actors:\n"
    "  USA: {}\n"
    "  DPRK: {types: {resolute: p, bluffing: 1 - p}}\n"
    "parameters:\n"
    "  p: {value: 0.3, range: [0, 1]}\n"
    "  v: 6\n"
    "  c: 3\n"
    "issues:\n"
    "  summit: [held, cancelled]\n"
    "  exercises: [continue, suspended]\n"
    "preferences:\n"
    "  USA: {summit=held: v, exercises=suspended: -c}\n"
    "  DPRK.resolute: {summit=held: -1, exercises=suspended: 5}\n"
    "  DPRK.bluffing: {summit=held: 6, exercises=suspended: 3}\n"
    "game:\n"
    "  DPRK:\n"
    "    demand:\n"
    "      USA:\n"
    "        concede: {outcome: {summit: held, exercises: suspended}}\n"
    "        hold_firm:\n"
    "          DPRK:\n"
    "            cancel: {outcome: {summit: cancelled}}\n"
    "            back_down: {outcome: {summit: held}}\n"
    "    no_demand: {outcome: {summit: held}}\n";

static int leaf_pay(const brink_efg *g, int l, int p, long num)
{
    return mpq_cmp_si(g->leaf_payq[(size_t)l * (size_t)g->nplayers + (size_t)p], num, 1) == 0;
}

static void test_m1_structure(void)
{
    brink_error err;
    brink_scenario *sc = load(M1, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (!sc)
        return;
    const brink_efg *g = brink_scenario_game(sc);
    /* chance(type) + 2 x [DPRK(2) + USA(2) + leaf + DPRK(2) + 2 leaves + leaf] = 15 nodes */
    CHECK_EQ_INT(g->nnodes, 15);
    CHECK_EQ_INT(g->nplayers, 2);
    CHECK_STR(g->player_names[0], "USA");
    CHECK(g->perfect_recall);
    CHECK(!g->perfect_info);
    /* USA decides once, not knowing DPRK's type: one infoset with two nodes */
    CHECK_EQ_INT(brink_efg_player_ninfosets(g, 0), 1);
    int h = g->player_infoset_start[0];
    CHECK_EQ_INT(g->infoset_nmembers[h], 2);
    CHECK_STR(g->infoset_label[h], "demand");
    CHECK_EQ_INT(brink_scenario_infoset_type(sc, h), -1);
    /* DPRK has a separate decision per type: 2 at the start, 2 after hold_firm */
    CHECK_EQ_INT(brink_efg_player_ninfosets(g, 1), 4);
    for (int k = g->player_infoset_start[1]; k < g->player_infoset_start[2]; k++)
        CHECK_EQ_INT(g->infoset_nmembers[k], 1);
    /* the type draw: a chance move with the priors */
    int c = g->player_infoset_start[2];
    CHECK_EQ_INT(g->ninfosets - c, 1);
    CHECK(mpq_cmp_si(g->action_probq[g->infoset_action_start[c]], 3, 10) == 0);
    CHECK(mpq_cmp_si(g->action_probq[g->infoset_action_start[c] + 1], 7, 10) == 0);
    /* leaves in pre-order: resolute: concede (v-c, -1+5), cancel (0,0), back_down (v, -1),
     * no_demand (v, -1); bluffing: concede (3, 9), cancel, back_down (6, 6), no_demand */
    CHECK_EQ_INT(g->nleaves, 8);
    CHECK(leaf_pay(g, 0, 0, 3) && leaf_pay(g, 0, 1, 4));
    CHECK(leaf_pay(g, 1, 0, 0) && leaf_pay(g, 1, 1, 0));
    CHECK(leaf_pay(g, 2, 0, 6) && leaf_pay(g, 2, 1, -1));
    CHECK(leaf_pay(g, 3, 0, 6) && leaf_pay(g, 3, 1, -1));
    CHECK(leaf_pay(g, 4, 0, 3) && leaf_pay(g, 4, 1, 9));
    CHECK(leaf_pay(g, 6, 0, 6) && leaf_pay(g, 6, 1, 6));
    CHECK_STR(brink_scenario_leaf_text(sc, 0), "summit=held, exercises=suspended");
    CHECK_STR(brink_scenario_leaf_text(sc, 1), "summit=cancelled, exercises=continue");
    /* edges: the type is seen by DPRK only */
    int v1 = brink_efg_child(g, 0, 0);
    CHECK(brink_scenario_edge_seen(sc, v1, 1));
    CHECK(!brink_scenario_edge_seen(sc, v1, 0));
    CHECK_STR(brink_scenario_edge_text(sc, v1), "DPRK is resolute");
    CHECK_EQ_INT(brink_scenario_node_type(sc, v1, 1), 0);
    /* decision references */
    int hs[8];
    CHECK_EQ_INT(brink_scenario_find_decisions(sc, "USA@demand", hs, 8, &err), 1);
    CHECK_EQ_INT(brink_scenario_find_decisions(sc, "DPRK@start", hs, 8, &err), 2);
    CHECK_EQ_INT(brink_scenario_find_decisions(sc, "DPRK.bluffing@*", hs, 8, &err), 2);
    CHECK_EQ_INT(brink_scenario_find_decisions(sc, "DPRK@demand/hold_firm", hs, 8, &err), 2);
    CHECK_EQ_INT(brink_scenario_find_decisions(sc, "DPRK@nowhere", hs, 8, &err), 0);
    CHECK_EQ_INT(brink_scenario_find_decisions(sc, "Nobody@start", hs, 8, &err), -1);
    CHECK_EQ_INT(brink_scenario_find_decisions(sc, "USA", hs, 8, &err), -1);
    brink_scenario_free(sc);
}

/* Numbers re-bound per parameter instance, structure untouched. */
static void test_rebinding(void)
{
    brink_error err;
    brink_scenario *sc = load(M1, &err);
    if (!sc)
        return;
    brink_scenario_instance *in = brink_scenario_instance_new(sc, &err);
    CHECK(in != NULL);
    if (!in) {
        brink_scenario_free(sc);
        return;
    }
    brink_efg *g = brink_scenario_instance_game(in);
    int np = brink_scenario_nparams(sc);
    CHECK_EQ_INT(np, 3);
    mpq_t *vals = brink_q_array_new((size_t)np);
    brink_scenario_defaults(sc, vals);
    mpq_set_si(vals[0], 2, 5);          /* p = 2/5 */
    mpq_set_si(vals[1], 10, 1);         /* v = 10 */
    int nodes = g->nnodes;
    CHECK(brink_scenario_bind_q(in, (const mpq_t *)vals, &err) == BRINK_OK);
    int c = g->player_infoset_start[2], a0 = g->infoset_action_start[c];
    CHECK(mpq_cmp_si(g->action_probq[a0], 2, 5) == 0);
    CHECK(mpq_cmp_si(g->action_probq[a0 + 1], 3, 5) == 0);
    CHECK_NEAR(g->action_prob[a0], 0.4, 1e-15);
    CHECK(leaf_pay(g, 0, 0, 7));         /* v - c = 10 - 3 */
    CHECK_NEAR(g->leaf_pay[0], 7, 0);
    CHECK(mpq_equal(g->outcome_payq[0], g->leaf_payq[0]));
    CHECK_EQ_INT(g->nnodes, nodes);
    /* doubles bind exactly: 0.25 and 0.75 sum to exactly 1 */
    double d[3] = {0.25, 6, 3};
    CHECK(brink_scenario_bind_d(in, d, &err) == BRINK_OK);
    CHECK(mpq_cmp_si(g->action_probq[a0 + 1], 3, 4) == 0);
    /* a prior outside [0, 1] makes 1 - p negative: refused, with the place of the types */
    d[0] = 1.5;
    CHECK(brink_scenario_bind_d(in, d, &err) == BRINK_EINVALID);
    CHECK(strstr(err.message, "negative") != NULL);
    CHECK_EQ_INT(err.line, 5);
    /* new defaults for the scenario itself (what --set does) */
    mpq_set_si(vals[0], 3, 5);
    CHECK(brink_scenario_set_defaults(sc, (const mpq_t *)vals, &err) == BRINK_OK);
    CHECK_NEAR(brink_scenario_param(sc, 0)->value, 0.6, 1e-15);
    mpq_set_si(vals[0], 3, 2);
    CHECK(brink_scenario_set_defaults(sc, (const mpq_t *)vals, &err) == BRINK_EINVALID);
    CHECK_NEAR(brink_scenario_param(sc, 0)->value, 0.6, 1e-15);   /* unchanged */
    brink_q_array_free(vals, (size_t)np);
    brink_scenario_instance_free(in);
    brink_scenario_free(sc);
}

/* Simultaneous moves: A's choice is hidden, so B moves without knowing it. */
static void test_hidden_moves(void)
{
    const char *text =
        "brink: 1\nid: pd\nactors: {A: {}, B: {}}\n"
        "game:\n"
        "  hidden: true\n"
        "  A:\n"
        "    quiet: {B: {quiet: {payoff: {A: -1, B: -1}}, talk: {payoff: {A: -3, B: 0}}}}\n"
        "    talk:  {B: {quiet: {payoff: {A: 0, B: -3}}, talk: {payoff: {A: -2, B: -2}}}}\n";
    brink_error err;
    brink_scenario *sc = load(text, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (!sc)
        return;
    const brink_efg *g = brink_scenario_game(sc);
    CHECK_EQ_INT(g->nnodes, 7);
    CHECK_EQ_INT(brink_efg_player_ninfosets(g, 1), 1);
    CHECK_EQ_INT(g->infoset_nmembers[g->player_infoset_start[1]], 2);
    CHECK_STR(g->infoset_label[g->player_infoset_start[1]], "start");
    CHECK(g->perfect_recall);
    CHECK(mpq_cmp_si(g->leaf_payq[2 * 1 + 0], -3, 1) == 0);   /* quiet, talk */
    brink_scenario_free(sc);

    /* a chance move seen only by A: B pools, A does not */
    const char *text2 =
        "brink: 1\nid: seen\nactors: {A: {}, B: {}}\n"
        "game:\n"
        "  seen_by: [A]\n"
        "  chance:\n"
        "    good: {prob: 1/4, A: {stay: {B: {x: {}, y: {}}}, go: {}}}\n"
        "    bad: {prob: 3/4, A: {stay: {B: {x: {}, y: {}}}, go: {}}}\n";
    sc = load(text2, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (!sc)
        return;
    g = brink_scenario_game(sc);
    CHECK_EQ_INT(brink_efg_player_ninfosets(g, 0), 2);   /* A knows good/bad */
    CHECK_EQ_INT(brink_efg_player_ninfosets(g, 1), 1);   /* B does not */
    CHECK_STR(brink_scenario_infoset_view(sc, g->player_infoset_start[1]), "A stay");
    brink_scenario_free(sc);
}

/* Sub-games with arguments, repeat with an index, next, if, tallies and defaults. */
static void test_subgames(void)
{
    const char *text =
        "brink: 1\nid: rounds\nactors: {A: {}, B: {}}\n"
        "parameters: {d: 0.5}\n"
        "issues:\n"
        "  deals: {numeric: true}\n"
        "  last: [none, early, late]\n"
        "preferences: {A: {deals: 1}}\n"
        "subgames:\n"
        "  round:\n"
        "    args: {k: null, bonus: 10}\n"
        "    body:\n"
        "      A:\n"
        "        offer:\n"
        "          B:\n"
        "            yes: {outcome: {deals: {add: 1}}, payoff: {B: bonus * d^k}, next: true}\n"
        "            no: next\n"
        "        stop:\n"
        "          if: k < 2\n"
        "          then: {outcome: {last: early}}\n"
        "          else: {outcome: {last: late}}\n"
        "game:\n"
        "  repeat: round\n"
        "  times: 3\n"
        "  index: k\n"
        "  then: {outcome: {last: none}}\n";
    brink_error err;
    brink_scenario *sc = load(text, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (!sc)
        return;
    const brink_efg *g = brink_scenario_game(sc);
    /* T(r) = nodes of rounds r..3: A + B + 2 T(r+1) + stop leaf; T(4) = 1 leaf:
     * T(3) = 1+1+2+1 = 5, T(2) = 1+1+10+1 = 13, T(1) = 1+1+26+1 = 29 */
    CHECK_EQ_INT(g->nnodes, 29);
    CHECK(g->perfect_info);
    /* first leaf: yes, yes, yes, end -> deals = 3 for A; B: 10 (1/2 + 1/4 + 1/8) = 35/4 */
    CHECK(mpq_cmp_si(g->leaf_payq[0], 3, 1) == 0);
    CHECK(mpq_cmp_si(g->leaf_payq[1], 35, 4) == 0);
    CHECK_STR(brink_scenario_leaf_text(sc, 0), "deals=3, last=none");
    /* the round-1 stop leaf took the if's then branch; a round-3 stop the else branch */
    int early = 0, late = 0;
    for (int l = 0; l < g->nleaves; l++) {
        early += !strcmp(brink_scenario_leaf_text(sc, l), "deals=0, last=early");
        late += strstr(brink_scenario_leaf_text(sc, l), "last=late") != NULL;
    }
    CHECK_EQ_INT(early, 1);
    CHECK(late > 0);
    /* round labels: the path of what A saw, and a reference to a deep decision */
    int hs[4];
    CHECK_EQ_INT(brink_scenario_find_decisions(sc, "A@offer/yes/offer/no", hs, 4, &err), 1);
    brink_scenario_free(sc);
}

/* compile -> .efg -> read back gives the same game. */
static void test_roundtrip(void)
{
    brink_error err;
    const char *dir = check_source_dir();
    char path[512];
    for (int i = 0; i < brink_scenario_builtin_count(); i++) {
        brink_scenario *sc = brink_scenario_load_builtin(i, &err);
        CHECK_MSG(sc != NULL, "%s: %s", brink_scenario_builtin_name(i), err.message);
        if (!sc)
            continue;
        brink_buf b;
        brink_buf_init(&b);
        CHECK(brink_efg_write(brink_scenario_game(sc), &b, &err) == BRINK_OK);
        brink_efg *back = brink_efg_read(b.data, b.len, "roundtrip.efg", &err);
        CHECK_MSG(back != NULL, "%s: %s", brink_scenario_builtin_name(i), err.message);
        if (back)
            CHECK_MSG(brink_efg_equal(brink_scenario_game(sc), back), "%s differs after read-back",
                      brink_scenario_builtin_name(i));
        brink_efg_free(back);
        brink_buf_free(&b);
        brink_scenario_free(sc);
    }
    /* the built-ins are the files of scenarios/ */
    snprintf(path, sizeof path, "%s/scenarios/m1-summit-brinkmanship.yaml", dir);
    brink_scenario *a = brink_scenario_load_file(path, NULL, &err);
    brink_scenario *b = brink_scenario_load("korea-2018-summit", &err);
    CHECK(a && b && brink_efg_equal(brink_scenario_game(a), brink_scenario_game(b)));
    brink_scenario_free(a);
    brink_scenario_free(b);
    CHECK_EQ_INT(brink_scenario_builtin_find("m5"), brink_scenario_builtin_find("libya-commitment"));
    CHECK_EQ_INT(brink_scenario_builtin_find("nope"), -1);
}

static void test_limits(void)
{
    brink_error err;
    brink_scenario_limits lim;
    brink_scenario_limits_init(&lim);
    lim.max_tree_nodes = 10;
    brink_scenario *sc = brink_scenario_parse(M1, strlen(M1), "t.yaml", &lim, &err);
    CHECK(sc == NULL);
    CHECK_EQ_INT(err.code, BRINK_ETOOBIG);
    CHECK(strstr(err.message, "15 nodes (limit 10)") != NULL);
    brink_scenario_limits_init(&lim);
    lim.max_bytes = 100;
    sc = brink_scenario_parse(M1, strlen(M1), "t.yaml", &lim, &err);
    CHECK(sc == NULL && err.code == BRINK_ETOOBIG);
    brink_scenario_limits_init(&lim);
    lim.max_yaml_nodes = 20;
    sc = brink_scenario_parse(M1, strlen(M1), "t.yaml", &lim, &err);
    CHECK(sc == NULL && err.code == BRINK_ETOOBIG);
    /* aliases are followed (a DAG, counted with its expansion) */
    const char *alias =
        "brink: 1\nid: alias\nactors: {A: {}}\n"
        "leaf: &l {payoff: {A: 1}}\n"
        "game: {A: {x: *l, y: *l}}\n";
    sc = load(alias, &err);
    CHECK(sc == NULL);   /* unknown top-level key 'leaf' */
    CHECK(strstr(err.message, "unknown key 'leaf'") != NULL);
    const char *alias2 =
        "brink: 1\nid: alias\nactors: {A: {}}\n"
        "game: {A: {x: &l {payoff: {A: 1}}, y: *l}}\n";
    sc = load(alias2, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (sc) {
        CHECK_EQ_INT(brink_scenario_game(sc)->nleaves, 2);
        brink_scenario_free(sc);
    }
    /* empty and non-mapping documents */
    sc = load("", &err);
    CHECK(sc == NULL && err.line == 1);
    sc = load("- 1\n- 2\n", &err);
    CHECK(sc == NULL && err.code == BRINK_ESYNTAX);
    sc = load("brink: 2\nid: x\nactors: {A: {}}\ngame: {}\n", &err);
    CHECK(sc == NULL && err.code == BRINK_EUNSUPPORTED);
}

int main(void)
{
    test_m1_structure();
    test_rebinding();
    test_hidden_moves();
    test_subgames();
    test_roundtrip();
    test_limits();
    return check_finish();
}
