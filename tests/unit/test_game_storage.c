/* test_game_storage.c — how a big scenario game is stored (issue 15), checked against the
 * plain way: an instance that shares the scenario's game reads the same numbers as one with
 * its own copy, and its first bind makes its own game and leaves the scenario's as it was;
 * the builder stores a label text once (or borrows it), reserves room by count, moves its
 * values into the game and stores leaf and outcome payoffs once exactly when every leaf has
 * its own outcome (and sums them along the path otherwise).
 */
#include <string.h>

#include "check.h"
#include "scenario_util.h"
#include "brink/brink.h"
#include "brink/scenario.h"

/* Two rounds of alternating offers with a chance move and a numeric issue: shared
 * sub-games, repeated action labels, leaf payoffs that depend on the parameter. */
static const char *OFFERS =
    "brink: 1\n"
    "id: offers\n"
    "actors:\n"
    "  A: {}\n"
    "  B: {}\n"
    "parameters:\n"
    "  delta: {value: 0.5, range: [0.1, 0.9]}\n"
    "  q: {value: 0.25, range: [0, 1]}\n"
    "issues:\n"
    "  share_A: {numeric: true, default: 0}\n"
    "subgames:\n"
    "  round:\n"
    "    body:\n"
    "      A:\n"
    "        offer_{y}:\n"
    "          for: y\n"
    "          in: range(0.25, 0.75, 0.25)\n"
    "          B:\n"
    "            accept:\n"
    "              outcome: {share_A: 1 - y}\n"
    "              payoff: {A: \"delta^(round - 1) * (1 - y)\", B: \"delta^(round - 1) * y\"}\n"
    "            reject: next\n"
    "game:\n"
    "  chance:\n"
    "    calm:\n"
    "      prob: q\n"
    "      repeat: round\n"
    "      times: 2\n"
    "      then: {}\n"
    "    storm:\n"
    "      prob: 1 - q\n"
    "      repeat: round\n"
    "      times: 2\n"
    "      then: {}\n";

static brink_scenario *load(const char *text)
{
    return su_parse(text, "t.yaml");
}

static int same_numbers(const brink_efg *a, const brink_efg *b)
{
    size_t n = (size_t)a->nplayers;
    if (!brink_efg_equal(a, b) || a->noutcomes != b->noutcomes) return 0;
    for (size_t k = 0; k < (size_t)a->noutcomes * n; k++)
        if (!mpq_equal(a->outcome_payq[k], b->outcome_payq[k]) ||
            a->outcome_pay[k] != b->outcome_pay[k])
            return 0;
    for (size_t k = 0; k < (size_t)a->nleaves * n; k++)
        if (a->leaf_pay[k] != b->leaf_pay[k]) return 0;
    for (int k = 0; k < a->nactions; k++)
        if (a->action_prob[k] != b->action_prob[k]) return 0;
    return 1;
}

static void test_shared_instance(void)
{
    brink_scenario *sc = load(OFFERS);
    if (!sc) return;
    brink_error err;
    brink_error_clear(&err);
    const brink_efg *g0 = brink_scenario_game(sc);
    brink_scenario_instance *sh = brink_scenario_instance_shared(sc, &err);
    brink_scenario_instance *own = brink_scenario_instance_new(sc, &err);
    CHECK(sh && own);
    if (!sh || !own) goto out;
    CHECK(brink_scenario_instance_game(sh) == g0);            /* no second game */
    CHECK(brink_scenario_instance_game(own) != g0);
    CHECK(same_numbers(brink_scenario_instance_game(sh), brink_scenario_instance_game(own)));
    CHECK(g0->payq_shared);                                     /* one outcome per leaf */
    CHECK(g0->leaf_payq == g0->outcome_payq);
    for (int l = 0; l < g0->nleaves; l++)
        CHECK(brink_scenario_instance_issue_value(sh, l, 0) ==
              brink_scenario_instance_issue_value(own, l, 0));
    CHECK_EQ_INT(brink_scenario_instance_double_overflow(sh),
                 brink_scenario_instance_double_overflow(own));

    /* a bind at other values: the shared instance gets its own game, equal to the copy's */
    mpq_t v[2];
    mpq_init(v[0]);
    mpq_init(v[1]);
    mpq_set_ui(v[0], 9, 10);
    mpq_set_ui(v[1], 3, 4);
    CHECK(brink_scenario_bind_q(sh, (const mpq_t *)v, &err) == BRINK_OK);
    CHECK(brink_scenario_bind_q(own, (const mpq_t *)v, &err) == BRINK_OK);
    const brink_efg *g1 = brink_scenario_instance_game(sh);
    CHECK(g1 != g0);
    CHECK(same_numbers(g1, brink_scenario_instance_game(own)));
    /* chance probability q = 3/4 in the new game, 1/4 still in the scenario's */
    int h = g1->player_infoset_start[g1->nplayers];
    CHECK(mpq_cmp_ui(g1->action_probq[g1->infoset_action_start[h]], 3, 4) == 0);
    CHECK(mpq_cmp_ui(g0->action_probq[g0->infoset_action_start[h]], 1, 4) == 0);
    /* a leaf of round 2 after calm: delta * y = 9/10 * 1/4 at the new values */
    int found = 0;
    for (int l = 0; l < g1->nleaves && !found; l++)
        if (g1->node_depth[g1->leaf_node[l]] == 5) {
            mpq_t want;
            mpq_init(want);
            mpq_set_ui(want, 9, 40);
            found = 1;
            CHECK(mpq_equal(g1->leaf_payq[(size_t)l * 2 + 1], want));
            mpq_set_ui(want, 1, 8);
            CHECK(mpq_equal(g0->leaf_payq[(size_t)l * 2 + 1], want));
            mpq_clear(want);
        }
    CHECK(found);
    /* back to the defaults: the numbers of the scenario's game again */
    mpq_set_ui(v[0], 1, 2);
    mpq_set_ui(v[1], 1, 4);
    CHECK(brink_scenario_bind_q(sh, (const mpq_t *)v, &err) == BRINK_OK);
    CHECK(same_numbers(brink_scenario_instance_game(sh), g0));
    double d[2] = {0.3, 0.5};
    CHECK(brink_scenario_bind_d(sh, d, &err) == BRINK_OK);
    mpq_clear(v[0]);
    mpq_clear(v[1]);
out:
    brink_scenario_instance_free(sh);
    brink_scenario_instance_free(own);
    /* a shared instance bound only with doubles also makes its own game first */
    sh = brink_scenario_instance_shared(sc, &err);
    double d2[2] = {0.7, 0.5};
    CHECK(sh && brink_scenario_bind_d(sh, d2, &err) == BRINK_OK);
    CHECK(sh && brink_scenario_instance_game(sh) != g0);
    brink_scenario_instance_free(sh);
    brink_scenario_free(sc);
}

/* root (player 1: L, R) -> L: leaf with outcome 0; R: player 2 (l, r) -> two leaves.
 * Each leaf has its own outcome; inner_outcome puts a fourth on the inner node too. */
static brink_efg *small_game(int reserve, int borrow, int inner_outcome, const char *lab)
{
    brink_error err;
    brink_error_clear(&err);
    brink_efg_builder *b = brink_efg_builder_new(2, &err);
    if (!b) return NULL;
    if (reserve) CHECK(brink_efg_builder_reserve(b, 2, 1, 1, 1, &err) == BRINK_OK);
    brink_efg_builder_borrow_labels(b, borrow);
    const char *acts1[] = {lab, "R"}, *acts2[] = {lab, "r"};
    int h1 = brink_efg_builder_add_infoset(b, 0, 2, "first", acts1, NULL, 0, &err);
    int h2 = brink_efg_builder_add_infoset(b, 1, 2, "second", acts2, NULL, 0, &err);
    mpq_t *pay = brink_q_array_new(2);
    int o[4] = {-1, -1, -1, -1};
    for (int k = 0; k < (inner_outcome ? 4 : 3); k++) {
        mpq_set_si(pay[0], k + 1, 1);
        mpq_set_si(pay[1], -(k + 1), 2);
        o[k] = brink_efg_builder_add_outcome(b, k == 3 ? "inner" : "leaf", (const mpq_t *)pay,
                                             0, &err);
    }
    brink_q_array_free(pay, 2);
    brink_efg_builder_add_node(b, "", h1, -1, &err);
    brink_efg_builder_add_node(b, "", -1, o[0], &err);
    brink_efg_builder_add_node(b, "", h2, inner_outcome ? o[3] : -1, &err);
    brink_efg_builder_add_node(b, "", -1, o[1], &err);
    brink_efg_builder_add_node(b, "", -1, o[2], &err);
    brink_efg *g = brink_efg_builder_finish(b, &err);
    CHECK_MSG(g != NULL, "%s", err.message);
    return g;
}

static void test_builder(void)
{
    char lab[] = "same";
    brink_efg *g = small_game(1, 0, 0, lab);   /* reserved short: adding more still works */
    if (g) {
        CHECK_EQ_INT(g->nnodes, 5);
        CHECK_EQ_INT(g->nactions, 4);
        /* one stored copy per distinct text, not the caller's */
        CHECK(g->action_label[0] == g->action_label[2]);
        CHECK(g->action_label[0] != lab);
        CHECK_STR(g->action_label[0], "same");
        CHECK_STR(g->action_label[3], "r");
        CHECK(g->outcome_label[0] == g->outcome_label[1]);
        CHECK_STR(g->infoset_label[1], "second");
        /* each leaf has its own outcome: stored once */
        CHECK(g->payq_shared && g->leaf_payq == g->outcome_payq);
        CHECK(mpq_cmp_si(g->leaf_payq[2 * 2 + 1], -3, 2) == 0);
        CHECK(g->leaf_pay[2 * 2] == 3.0);
        CHECK(mpq_sgn(g->action_probq[1]) == 0);
        brink_efg_free(g);
    }
    g = small_game(0, 1, 0, lab);              /* borrowed labels: the caller's pointer */
    if (g) {
        CHECK(g->action_label[0] == lab && g->action_label[2] == lab);
        brink_efg_free(g);
    }
    g = small_game(0, 0, 1, lab);              /* an inner outcome: leaf payoffs are sums */
    if (g) {
        CHECK(!g->payq_shared && g->leaf_payq != g->outcome_payq);
        /* leaf 1 (R, l): outcome 1 (2, -1) + inner outcome 3 (4, -2) */
        CHECK(mpq_cmp_si(g->leaf_payq[1 * 2], 6, 1) == 0);
        CHECK(mpq_cmp_si(g->leaf_payq[1 * 2 + 1], -3, 1) == 0);
        CHECK(mpq_cmp_si(g->outcome_payq[1 * 2], 2, 1) == 0);
        CHECK(g->leaf_pay[2 * 2] == 7.0);
        brink_efg_free(g);
    }
    brink_error err;
    brink_error_clear(&err);
    brink_efg_builder *b = brink_efg_builder_new(2, &err);
    CHECK(brink_efg_builder_reserve(b, -1, 0, 0, 0, &err) == BRINK_EINVALID);
    CHECK(brink_efg_builder_finish(b, &err) == NULL);     /* the failure sticks */
    CHECK_EQ_INT(err.code, BRINK_EINVALID);
}

int main(void)
{
    test_shared_instance();
    test_builder();
    return check_finish();
}
