/* test_scenario_share.c — shared sub-trees of a compiled tree (src/scenario/share.c): the
 * number of distinct sub-trees of alternating offers, counted by hand, and the soundness of
 * every class checked on the emitted game (each node's sub-tree is its class
 * representative's, node by node: movers, action labels, outcome texts, exact payoffs, also
 * after binding other parameter values); imperfect information is refused.
 */
#include <string.h>

#include "check.h"
#include "brink/brink.h"
#include "brink/scenario.h"
#include "scenario/model.h"

/* examples/rubinstein.yaml with `rounds` rounds and `n` offers a round */
static brink_scenario *offers(int rounds, int n)
{
    brink_buf b;
    brink_buf_init(&b);
    double step = 1.0 / n;
    brink_buf_printf(&b,
        "brink: 1\nid: offers\nactors: {A: {}, B: {}}\n"
        "parameters: {delta: {value: 0.5, range: [0.1, 0.9]}}\n"
        "issues: {deal: [none, agreed], share_A: {numeric: true, default: 0}}\n"
        "subgames:\n  round:\n    body:\n      if: mod(round, 2) == 1\n      then:\n"
        "        A:\n          offer_{y}:\n            for: y\n"
        "            in: range(%g, %g, %g)\n            B:\n"
        "              accept:\n                outcome: {deal: agreed, share_A: 1 - y}\n"
        "                payoff: {A: \"delta^(round - 1) * (1 - y)\", "
        "B: \"delta^(round - 1) * y\"}\n              reject: next\n"
        "      else:\n        B:\n          offer_{y}:\n            for: y\n"
        "            in: range(%g, %g, %g)\n            A:\n"
        "              accept:\n                outcome: {deal: agreed, share_A: y}\n"
        "                payoff: {A: \"delta^(round - 1) * y\", "
        "B: \"delta^(round - 1) * (1 - y)\"}\n              reject: next\n"
        "game: {repeat: round, times: %d, then: {}}\n",
        step / 2, 1 - step / 2, step, step / 2, 1 - step / 2, step, rounds);
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = b.failed ? NULL
                                  : brink_scenario_parse(b.data, b.len, "o.yaml", NULL, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    brink_buf_free(&b);
    return sc;
}

/* Node v's sub-tree is node r's, node by node (pre-order: the same offsets). */
static int same_subtree(const brink_efg *g, int r, int v)
{
    if (g->node_subtree_size[r] != g->node_subtree_size[v]) return 0;
    size_t n = (size_t)g->nplayers;
    for (int i = 0; i < g->node_subtree_size[r]; i++) {
        int a = r + i, b = v + i;
        int ha = g->node_infoset[a], hb = g->node_infoset[b];
        if ((ha < 0) != (hb < 0)) return 0;
        if (ha >= 0) {
            if (g->infoset_player[ha] != g->infoset_player[hb] ||
                g->infoset_nactions[ha] != g->infoset_nactions[hb])
                return 0;
            for (int k = 0; k < g->infoset_nactions[ha]; k++)
                if (strcmp(g->action_label[g->infoset_action_start[ha] + k],
                           g->action_label[g->infoset_action_start[hb] + k]) != 0)
                    return 0;
        } else {
            int la = g->node_leaf[a], lb = g->node_leaf[b];
            if (strcmp(g->outcome_label[g->node_outcome[a]],
                       g->outcome_label[g->node_outcome[b]]) != 0)
                return 0;
            for (size_t p = 0; p < n; p++)
                if (!mpq_equal(g->leaf_payq[(size_t)la * n + p], g->leaf_payq[(size_t)lb * n + p]))
                    return 0;
        }
    }
    return 1;
}

static int sound(const brink_efg *g, const sc_shared *s)
{
    for (int v = 0; v < g->nnodes; v++)
        if (!same_subtree(g, s->class_node[s->class_of[v]], v)) return 0;
    return 1;
}

static void test_offers(int rounds, int n)
{
    brink_scenario *sc = offers(rounds, n);
    if (!sc) return;
    brink_error err;
    brink_error_clear(&err);
    sc_shared s;
    CHECK(sc_share_subtrees(sc, &s, &err) == BRINK_OK);
    /* a round's sub-game depends on the round only: per round one proposal, n responses
     * and n agreements (payoffs delta^(round-1) times the shares); one end after the last
     * rejection */
    CHECK_EQ_INT(s.nclasses, rounds * (2 * n + 1) + 1);
    const brink_efg *g = brink_scenario_game(sc);
    long total = 0;
    for (int k = 0; k < s.nclasses; k++) total += s.class_count[k];
    CHECK_EQ_INT(total, g->nnodes);
    CHECK_EQ_INT(s.class_count[s.class_of[0]], 1);            /* the root is alone */
    CHECK(sound(g, &s));
    /* classes hold at other parameter values: bind a copy of the game at delta = 3/10 */
    brink_scenario_instance *in = brink_scenario_instance_new(sc, &err);
    mpq_t d;
    mpq_init(d);
    mpq_set_ui(d, 3, 10);
    CHECK(in && brink_scenario_bind_q(in, (const mpq_t *)&d, &err) == BRINK_OK);
    if (in) CHECK(sound(brink_scenario_instance_game(in), &s));
    mpq_clear(d);
    brink_scenario_instance_free(in);
    sc_shared_free(&s);
    sc_shared_free(&s);   /* a second free is a no-op */
    brink_scenario_free(sc);
}

static void test_refused(void)
{
    /* the responder does not see the offer: one decision with two nodes */
    const char *text =
        "brink: 1\nid: h\nactors: {A: {}, B: {}}\n"
        "game:\n  hidden: true\n  A:\n    high: {B: {yes: {payoff: {A: 2}}, no: {}}}\n"
        "    low: {B: {yes: {payoff: {A: 1}}, no: {}}}\n";
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_parse(text, strlen(text), "h.yaml", NULL, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (!sc) return;
    CHECK(!brink_scenario_game(sc)->perfect_info);
    sc_shared s;
    CHECK(sc_share_subtrees(sc, &s, &err) == BRINK_EINVALID);
    CHECK(strstr(err.message, "perfect information") != NULL);
    CHECK(s.class_of == NULL && s.nclasses == 0);
    brink_scenario_free(sc);
}

int main(void)
{
    test_offers(1, 4);
    test_offers(3, 4);
    test_offers(3, 20);
    test_refused();
    return check_finish();
}
