/* gen_kuhn.c — Kuhn poker built through the pre-order builder.
 *
 * Invariant: nodes are emitted in pre-order; each player's information sets are declared
 * the first time one of their nodes is emitted, so builder ids follow first appearance.
 * Payoffs are net winnings of player 1 (player 2 gets the negative).
 */
#include <stdio.h>
#include "brink/generate.h"
#include "game/gen_util.h"

static const char kuhn_card[3] = {'J', 'Q', 'K'};

typedef struct kuhn_ctx {
    brink_efg_builder *b;
    brink_genmap sets;
    mpq_t pay[2];
    brink_error *err;
} kuhn_ctx;

/* The infoset of `player` holding `card` after betting history `hist`. */
static int kuhn_infoset(kuhn_ctx *k, int player, int card, const char *hist,
                        const char *a0, const char *a1)
{
    char key[32];
    snprintf(key, sizeof key, "%d:%c%s", player + 1, kuhn_card[card], hist);
    int h = brink_genmap_get(&k->sets, key);
    if (h >= 0)
        return h;
    const char *labels[2] = {a0, a1};
    h = brink_efg_builder_add_infoset(k->b, player, 2, key, labels, NULL, 0, k->err);
    if (h < 0 || brink_genmap_put(&k->sets, key, h, k->err) != BRINK_OK)
        return -1;
    return h;
}

/* A leaf where player 1 wins `amount` (negative: loses). */
static int kuhn_leaf(kuhn_ctx *k, long amount)
{
    mpq_set_si(k->pay[0], amount, 1);
    mpq_set_si(k->pay[1], -amount, 1);
    return brink_gen_leaf(k->b, k->pay, k->err) < 0 ? -1 : 0;
}

static int kuhn_deal(kuhn_ctx *k, int c1, int c2)
{
    long show = c1 > c2 ? 1 : -1; /* showdown sign for player 1 */
    int h;
#define KUHN_NODE(player, card, hist, a0, a1)                                              \
    do {                                                                                   \
        h = kuhn_infoset(k, player, card, hist, a0, a1);                                   \
        if (h < 0 || brink_efg_builder_add_node(k->b, "", h, -1, k->err) < 0)              \
            return -1;                                                                     \
    } while (0)
    KUHN_NODE(0, c1, "", "Check", "Bet");
    KUHN_NODE(1, c2, "x", "Check", "Bet");      /* after player 1 checks */
    if (kuhn_leaf(k, show) < 0)                 /* check, check */
        return -1;
    KUHN_NODE(0, c1, "xb", "Fold", "Call");     /* check, bet */
    if (kuhn_leaf(k, -1) < 0 || kuhn_leaf(k, 2 * show) < 0)
        return -1;
    KUHN_NODE(1, c2, "b", "Fold", "Call");      /* player 1 bets */
    if (kuhn_leaf(k, 1) < 0 || kuhn_leaf(k, 2 * show) < 0)
        return -1;
#undef KUHN_NODE
    return 0;
}

brink_efg *brink_gen_kuhn(brink_error *err)
{
    kuhn_ctx k;
    k.err = err;
    k.b = brink_efg_builder_new(2, err);
    if (!k.b)
        return NULL;
    brink_genmap_init(&k.sets);
    mpq_init(k.pay[0]);
    mpq_init(k.pay[1]);
    int ok = brink_efg_builder_set_title(k.b, "Kuhn poker", err) == BRINK_OK &&
             brink_efg_builder_set_player_name(k.b, 0, "Player 1", err) == BRINK_OK &&
             brink_efg_builder_set_player_name(k.b, 1, "Player 2", err) == BRINK_OK;
    if (ok) {
        const char *deals[6];
        mpq_t probs[6];
        static const char *const names[6] = {"JQ", "JK", "QJ", "QK", "KJ", "KQ"};
        for (int d = 0; d < 6; d++) {
            deals[d] = names[d];
            mpq_init(probs[d]);
            mpq_set_ui(probs[d], 1, 6);
        }
        int h = brink_efg_builder_add_infoset(k.b, BRINK_CHANCE, 6, "deal", deals,
                                              (const mpq_t *)probs, 0, err);
        for (int d = 0; d < 6; d++)
            mpq_clear(probs[d]);
        ok = h >= 0 && brink_efg_builder_add_node(k.b, "", h, -1, err) >= 0;
        static const int c1s[6] = {0, 0, 1, 1, 2, 2}, c2s[6] = {1, 2, 0, 2, 0, 1};
        for (int d = 0; d < 6 && ok; d++)
            ok = kuhn_deal(&k, c1s[d], c2s[d]) == 0;
    }
    mpq_clear(k.pay[0]);
    mpq_clear(k.pay[1]);
    brink_genmap_free(&k.sets);
    if (!ok) {
        brink_efg_builder_free(k.b);
        return NULL;
    }
    return brink_efg_builder_finish(k.b, err);
}
