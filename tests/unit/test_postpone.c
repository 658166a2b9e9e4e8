/* test_postpone.c — chance moves postponed to where they first matter
 * (brink_efg_postpone_chance, src/game/postpone.c) give the same game, and the analysis that
 * solves the reordered game finds the same equilibria as the one that solves the game as
 * written.
 *
 * Same game, checked three ways: (1) the infosets correspond one to one with the same
 * player, label and actions (the action map is a bijection that keeps each infoset's actions
 * in order); (2) under random behaviour profiles (mixed, so every leaf counts) each player's
 * expected payoff is the same in both games, computed exactly; (3) analyses with and without
 * postponement keep the same equilibria with the same exact values (Fearon with the cost
 * drawn first, the built-in M3). A chance move that the next mover sees does not move, and a
 * chain 5000 decisions deep moves all the way down without using the C stack.
 */
#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "scenario_util.h"
#include "brink/brink.h"

static brink_scenario *load(const char *text)
{
    return su_parse(text, "t.yaml");
}

/* Expected payoffs [nplayers] of g under behaviour profile b (exact), by reach in pre-order. */
static void expected(const brink_efg *g, const mpq_t *b, mpq_t *val)
{
    mpq_t *reach = brink_q_array_new((size_t)g->nnodes), t;
    mpq_init(t);
    for (int i = 0; i < g->nplayers; i++)
        mpq_set_ui(val[i], 0, 1);
    mpq_set_ui(reach[0], 1, 1);
    for (int v = 1; v < g->nnodes; v++)
        mpq_mul(reach[v], reach[g->node_parent[v]], b[g->node_action[v]]);
    for (int v = 0; v < g->nnodes; v++) {
        if (g->node_leaf[v] < 0)
            continue;
        for (int i = 0; i < g->nplayers; i++) {
            mpq_mul(t, reach[v], g->leaf_payq[(size_t)g->node_leaf[v] * g->nplayers + i]);
            mpq_add(val[i], val[i], t);
        }
    }
    mpq_clear(t);
    brink_q_array_free(reach, (size_t)g->nnodes);
}

/* The reordered game t is g: one-to-one infosets and actions, equal payoffs in expectation
 * under random mixed profiles. Returns the number of swaps (0: nothing moved). */
static long same_game(const brink_efg *g, int profiles)
{
    brink_efg *t = NULL;
    int *map = NULL;
    long swaps = -1;
    brink_error err;
    brink_error_clear(&err);
    CHECK(brink_efg_postpone_chance(g, &t, &map, &swaps, &err) == BRINK_OK);
    if (!t) {
        CHECK(swaps == 0 && map == NULL);
        return 0;
    }
    CHECK(swaps > 0);
    CHECK_EQ_INT(t->ninfosets, g->ninfosets);
    CHECK_EQ_INT(t->nactions, g->nactions);
    CHECK_EQ_INT(t->nleaves, g->nleaves);
    CHECK(t->perfect_recall == g->perfect_recall);
    int *hit = calloc((size_t)g->nactions, sizeof *hit);
    for (int h = 0; h < t->ninfosets; h++) {
        int a0 = t->infoset_action_start[h];
        int oa = map[a0];
        int oh = -1;
        for (int k = 0; k < g->ninfosets; k++)
            if (g->infoset_action_start[k] == oa)
                oh = k;
        CHECK(oh >= 0);
        if (oh < 0)
            continue;
        CHECK_EQ_INT(t->infoset_player[h], g->infoset_player[oh]);
        CHECK_EQ_INT(t->infoset_nactions[h], g->infoset_nactions[oh]);
        CHECK_STR(t->infoset_label[h], g->infoset_label[oh]);
        for (int a = 0; a < t->infoset_nactions[h]; a++) {
            CHECK_EQ_INT(map[a0 + a], oa + a);
            CHECK_STR(t->action_label[a0 + a], g->action_label[oa + a]);
            CHECK(mpq_equal(t->action_probq[a0 + a], g->action_probq[oa + a]));
            hit[oa + a]++;
        }
    }
    for (int a = 0; a < g->nactions; a++)
        CHECK_EQ_INT(hit[a], 1);
    free(hit);
    /* random mixed profiles: player actions get weights 1..9 normalised per infoset */
    mpq_t *bg = brink_q_array_new((size_t)g->nactions), *bt = brink_q_array_new((size_t)t->nactions);
    mpq_t *vg = brink_q_array_new((size_t)g->nplayers), *vt = brink_q_array_new((size_t)g->nplayers);
    mpq_t sum;
    mpq_init(sum);
    unsigned seed = 12345;
    for (int r = 0; r < profiles; r++) {
        for (int h = 0; h < g->ninfosets; h++) {
            int a0 = g->infoset_action_start[h], n = g->infoset_nactions[h];
            if (g->infoset_player[h] == BRINK_CHANCE) {
                for (int a = 0; a < n; a++)
                    mpq_set(bg[a0 + a], g->action_probq[a0 + a]);
                continue;
            }
            mpq_set_ui(sum, 0, 1);
            for (int a = 0; a < n; a++) {
                seed = seed * 1103515245u + 12345u;
                mpq_set_ui(bg[a0 + a], 1 + (seed >> 16) % 9, 1);
                mpq_add(sum, sum, bg[a0 + a]);
            }
            for (int a = 0; a < n; a++)
                mpq_div(bg[a0 + a], bg[a0 + a], sum);
        }
        for (int a = 0; a < t->nactions; a++)
            mpq_set(bt[a], bg[map[a]]);
        expected(g, bg, vg);
        expected(t, bt, vt);
        for (int i = 0; i < g->nplayers; i++)
            CHECK(mpq_equal(vg[i], vt[i]));
    }
    mpq_clear(sum);
    brink_q_array_free(bg, (size_t)g->nactions);
    brink_q_array_free(bt, (size_t)t->nactions);
    brink_q_array_free(vg, (size_t)g->nplayers);
    brink_q_array_free(vt, (size_t)g->nplayers);
    free(map);
    brink_efg_free(t);
    return swaps;
}

/* Fearon (1995) with n cost types drawn at the root, seen by B only. */
static char *fearon_root(int n)
{
    brink_buf b;
    brink_buf_init(&b);
    brink_buf_printf(&b,
                     "brink: 1\nid: f\nactors: {A: {}, B: {}}\n"
                     "parameters: {p: 0.5, c_A: 0.1, c_max: 0.3}\n"
                     "game:\n  seen_by: [B]\n  chance:\n    c_{u}:\n      for: u\n"
                     "      in: quantiles(uniform(0, 1), %d)\n      prob: 1/%d\n"
                     "      A:\n        d_{x}:\n          for: x\n"
                     "          in: range(0.5, 0.8, 0.04)\n"
                     "          B: {accept: {payoff: {A: x, B: 1 - x}}, "
                     "fight: {payoff: {A: p - c_A, B: 1 - p - c_max * u}}}\n",
                     n, n);
    return b.data;
}

/* Analyses with and without postponement: the same equilibria, the same exact values. */
static void same_analysis(const brink_scenario *sc, long expect_postponed, int same_count)
{
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    o.questions = 0;
    brink_error err;
    brink_error_clear(&err);
    brink_analysis *a = brink_analyze(sc, &o, &err);
    CHECK_MSG(a != NULL, "%s", err.message);
    o.postpone_chance = 0;
    brink_analysis *k = brink_analyze(sc, &o, &err);
    CHECK_MSG(k != NULL, "%s", err.message);
    if (!a || !k) {
        brink_analysis_free(a);
        brink_analysis_free(k);
        return;
    }
    CHECK_EQ_INT(a->method.postponed, expect_postponed);
    CHECK_EQ_INT(k->method.postponed, 0);
    /* the postponed solve is complete (every pure sequential equilibrium); the solve as
     * written may find fewer: each of its equilibria must be among the postponed ones */
    CHECK(a->count >= 1 && a->count >= k->count);
    const brink_efg *g = a->game;
    for (int f = 0; f < k->count; f++) {
        int match = -1;
        for (int e = 0; e < a->count && match < 0; e++) {
            int same = 1;
            for (int x = 0; x < g->nactions && same; x++)
                same = fabs(a->eq[e].behav[x] - k->eq[f].behav[x]) < 1e-9;
            if (same)
                match = e;
        }
        CHECK_MSG(match >= 0, "equilibrium %d as written not found by the postponed solve", f);
        if (match < 0)
            continue;
        CHECK(a->eq[match].verified == 1);
        for (int i = 0; i < g->nplayers; i++) {
            CHECK(a->eq[match].valueq && k->eq[f].valueq);
            if (a->eq[match].valueq && k->eq[f].valueq)
                CHECK(mpq_equal(a->eq[match].valueq[i], k->eq[f].valueq[i]));
        }
    }
    if (same_count)
        CHECK_EQ_INT(a->count, k->count);
    brink_analysis_free(a);
    brink_analysis_free(k);
}

static void test_fearon(void)
{
    char *text = fearon_root(5);
    brink_scenario *sc = load(text);
    free(text);
    if (!sc)
        return;
    const brink_efg *g = brink_scenario_game(sc);
    CHECK(!g->perfect_info);
    CHECK_EQ_INT(same_game(g, 4), 1);   /* A's one decision moves above the draw */
    same_analysis(sc, 1, 1);
    brink_scenario_free(sc);
}

/* A draw that neither mover sees: it moves below both decisions, to the leaves. */
static void test_two_levels(void)
{
    brink_scenario *sc = load(
        "brink: 1\nid: t\nactors: {A: {}, B: {}}\n"
        "game:\n  hidden: true\n  chance:\n"
        "    hi: {prob: 1/3, A: {l: {B: {u: {payoff: {A: 1, B: 2}}, d: {payoff: {B: 1}}}}, r: {B: {u: {payoff: {A: 3}}, d: {payoff: {B: 3}}}}}}\n"
        "    lo: {prob: 2/3, A: {l: {B: {u: {payoff: {B: 2}}, d: {payoff: {A: 2}}}}, r: {B: {u: {payoff: {A: 1, B: 1}}, d: {payoff: {A: 4}}}}}}\n");
    if (!sc)
        return;
    const brink_efg *g = brink_scenario_game(sc);
    CHECK(!g->perfect_info);
    long swaps = same_game(g, 6);
    CHECK_EQ_INT(swaps, 3);   /* A's decision, then B's after l and after r */
    same_analysis(sc, swaps, 1);
    brink_scenario_free(sc);
}

/* A draw that the next mover sees stays where it is: nothing changes. */
static void test_seen_stays(void)
{
    brink_scenario *sc = load(
        "brink: 1\nid: t\nactors: {A: {}, B: {}}\n"
        "game:\n  chance:\n"
        "    hi: {prob: 1/2, A: {l: {B: {u: {payoff: {A: 1}}, d: {payoff: {B: 1}}}}, r: {}}}\n"
        "    lo: {prob: 1/2, A: {l: {B: {u: {payoff: {B: 2}}, d: {payoff: {A: 2}}}}, r: {}}}\n");
    if (!sc)
        return;
    CHECK_EQ_INT(same_game(brink_scenario_game(sc), 1), 0);
    brink_scenario_free(sc);
}

/* The built-in M3: the leader's private stake drawn first, then a move that cannot see it. */
static void test_builtin_m3(void)
{
    int found = brink_scenario_builtin_find("leader-private-stake");
    CHECK(found >= 0);
    if (found < 0)
        return;
    size_t len = 0;
    const char *text = brink_scenario_builtin_text(found, &len);
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_parse(text, len, "m3.yaml", NULL, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (!sc)
        return;
    long swaps = same_game(brink_scenario_game(sc), 6);
    CHECK(swaps > 0);
    same_analysis(sc, swaps, 1);
    brink_scenario_free(sc);
}

/* A chance move over two chains of 5000 blind decisions moves to the bottom: explicit stack. */
static void test_deep(void)
{
    enum { DEPTH = 5000 };
    brink_error err;
    brink_error_clear(&err);
    brink_efg_builder *b = brink_efg_builder_new(1, &err);
    const char *acts[] = {"stop", "go"}, *cacts[] = {"h", "t"};
    mpq_t pr[2];
    mpq_init(pr[0]);
    mpq_init(pr[1]);
    mpq_set_ui(pr[0], 1, 4);
    mpq_set_ui(pr[1], 3, 4);
    int c = brink_efg_builder_add_infoset(b, BRINK_CHANCE, 2, "coin", cacts, pr, 0, &err);
    CHECK(c >= 0);
    int h[DEPTH];
    for (int d = 0; d < DEPTH; d++)
        h[d] = brink_efg_builder_add_infoset(b, 0, 2, "", acts, NULL, 0, &err);
    int o[2 * DEPTH + 2];
    for (int k = 0; k < 2 * DEPTH + 2; k++) {
        mpq_t pay;
        mpq_init(pay);
        mpq_set_si(pay, (k * 7919) % 13 - 6, 1);
        o[k] = brink_efg_builder_add_outcome(b, "", (const mpq_t *)&pay, 0, &err);
        mpq_clear(pay);
    }
    brink_efg_builder_add_node(b, "", c, -1, &err);
    for (int side = 0; side < 2; side++) {
        for (int d = 0; d < DEPTH; d++) {
            brink_efg_builder_add_node(b, "", h[d], -1, &err);
            brink_efg_builder_add_node(b, "", -1, o[side * (DEPTH + 1) + d], &err);
        }
        brink_efg_builder_add_node(b, "", -1, o[side * (DEPTH + 1) + DEPTH], &err);
    }
    mpq_clear(pr[0]);
    mpq_clear(pr[1]);
    brink_efg *g = brink_efg_builder_finish(b, &err);
    CHECK_MSG(g != NULL, "%s", err.message);
    if (!g)
        return;
    CHECK_EQ_INT(same_game(g, 2), DEPTH);
    brink_efg_free(g);
}

int main(void)
{
    test_fearon();
    test_two_levels();
    test_seen_stays();
    test_builtin_m3();
    test_deep();
    return check_finish();
}
