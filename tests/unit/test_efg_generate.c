/* test_efg_generate.c — the built-in games: sizes, structure, zero-sum, perfect recall, and a
 * round trip through the .efg writer and reader. */
#include "check.h"
#include "brink/brink.h"
#include "brink/generate.h"

static int count_player_infosets(const brink_efg *g, int p)
{
    return g->player_infoset_start[p + 1] - g->player_infoset_start[p];
}

static void roundtrip(const brink_efg *g)
{
    brink_buf buf;
    brink_buf_init(&buf);
    brink_error err;
    CHECK(brink_efg_write(g, &buf, &err) == BRINK_OK);
    brink_efg *h = brink_efg_read(buf.data, buf.len, "generated.efg", &err);
    CHECK_MSG(h != NULL, "%s", err.message);
    if (h)
        CHECK(brink_efg_equal(g, h));
    brink_efg_free(h);
    brink_buf_free(&buf);
}

static void test_kuhn(void)
{
    brink_error err;
    brink_efg *g = brink_gen_kuhn(&err);
    CHECK_MSG(g != NULL, "%s", err.message);
    if (!g)
        return;
    CHECK_EQ_INT(g->nnodes, 55);
    CHECK_EQ_INT(g->nleaves, 30);
    CHECK_EQ_INT(count_player_infosets(g, 0), 6);
    CHECK_EQ_INT(count_player_infosets(g, 1), 6);
    CHECK(g->perfect_recall);
    CHECK(brink_efg_is_constant_sum(g));
    roundtrip(g);
    brink_efg_free(g);
}

static void test_leduc(void)
{
    brink_error err;
    brink_efg *g = brink_gen_leduc(&err);
    CHECK_MSG(g != NULL, "%s", err.message);
    if (!g)
        return;
    /* Per player and private rank: 3 round-1 histories where it acts, and 5 ways round 1
     * ends x 3 public ranks x 3 round-2 histories: 3 * (3 + 45) = 144. (The card-level game
     * that tells suits apart has 6 * (3 + 5 * 5 * 3) = 468 per player, 936 in all.) */
    CHECK_EQ_INT(count_player_infosets(g, 0), 144);
    CHECK_EQ_INT(count_player_infosets(g, 0), count_player_infosets(g, 1));
    CHECK(g->perfect_recall);
    CHECK(brink_efg_is_constant_sum(g));
    /* Rank deals: player 1 gets each rank with 1/3; player 2 the same rank with 1/5. */
    int root = 0;
    CHECK_EQ_INT(g->infoset_player[g->node_infoset[root]], BRINK_CHANCE);
    int a0 = g->infoset_action_start[g->node_infoset[root]];
    CHECK(mpq_cmp_si(g->action_probq[a0], 1, 3) == 0);
    int second = brink_efg_child(g, root, 0);
    int a1 = g->infoset_action_start[g->node_infoset[second]];
    CHECK(mpq_cmp_si(g->action_probq[a1], 1, 5) == 0);
    CHECK(mpq_cmp_si(g->action_probq[a1 + 1], 2, 5) == 0);
    roundtrip(g);
    brink_efg_free(g);
}

static void test_leduc_cards(void)
{
    brink_error err;
    brink_efg *g = brink_gen_leduc_cards(&err);
    CHECK_MSG(g != NULL, "%s", err.message);
    if (!g)
        return;
    /* the card-level tree other tools build: 9457 nodes, 936 information sets */
    CHECK_EQ_INT(g->nnodes, 9457);
    CHECK_EQ_INT(count_player_infosets(g, 0) + count_player_infosets(g, 1), 936);
    CHECK(g->perfect_recall);
    CHECK(brink_efg_is_constant_sum(g));
    brink_efg_free(g);
}

static void test_crisis(void)
{
    brink_error err;
    brink_crisis_params p;
    brink_crisis_params_init(&p);
    int sizes[3][3] = {{1, 1, 2}, {2, 2, 2}, {4, 3, 3}};
    for (int k = 0; k < 3; k++) {
        p.rounds = sizes[k][0];
        p.levels = sizes[k][1];
        p.types = sizes[k][2];
        brink_efg *g = brink_gen_crisis(&p, &err);
        CHECK_MSG(g != NULL, "%s", err.message);
        if (!g)
            continue;
        CHECK_EQ_INT(g->nnodes, brink_crisis_node_count(&p));
        CHECK(g->perfect_recall);
        CHECK(!g->perfect_info);
        /* The defender has one information set per demand history, each holding one node
         * per type. */
        for (int h = g->player_infoset_start[1]; h < g->player_infoset_start[2]; h++)
            CHECK_EQ_INT(g->infoset_nmembers[h], p.types);
        if (k < 2)
            roundtrip(g);
        brink_efg_free(g);
    }
    p.rounds = 0;
    CHECK(brink_gen_crisis(&p, &err) == NULL && err.code == BRINK_EINVALID);
    brink_crisis_params_init(&p);
    long bad[2] = {1, 0};
    p.prior_weights = bad;
    CHECK(brink_gen_crisis(&p, &err) == NULL && err.code == BRINK_EINVALID);
    p.prior_weights = NULL;
    p.rounds = 40;
    p.levels = 9;
    CHECK(brink_gen_crisis(&p, &err) == NULL && err.code == BRINK_ETOOBIG);
}

int main(void)
{
    test_kuhn();
    test_leduc();
    test_leduc_cards();
    test_crisis();
    return check_finish();
}
