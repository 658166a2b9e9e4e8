/* efg_fixtures.h — small extensive games with known answers, built through the builder.
 * Shared by the game and solver tests. */
#ifndef BRINK_TEST_EFG_FIXTURES_H
#define BRINK_TEST_EFG_FIXTURES_H

#include "brink/brink.h"

static inline int fx_outcome(brink_efg_builder *b, long u1, long u2)
{
    mpq_t pay[2];
    mpq_init(pay[0]);
    mpq_init(pay[1]);
    mpq_set_si(pay[0], u1, 1);
    mpq_set_si(pay[1], u2, 1);
    int o = brink_efg_builder_add_outcome(b, "", pay, 0, NULL);
    mpq_clear(pay[0]);
    mpq_clear(pay[1]);
    return o;
}

static inline int fx_leaf(brink_efg_builder *b, long u1, long u2)
{
    return brink_efg_builder_add_node(b, "", -1, fx_outcome(b, u1, u2), NULL);
}

static inline int fx_decision(brink_efg_builder *b, int player, const char *a0, const char *a1)
{
    const char *acts[2] = {a0, a1};
    int h = brink_efg_builder_add_infoset(b, player, 2, "", acts, NULL, 0, NULL);
    return brink_efg_builder_add_node(b, "", h, -1, NULL);
}

/* Four-stage centipede: T1 (1,0), T2 (0,2), T3 (3,1), T4 (2,4), pass at the end (4,3).
 * Backward induction: everyone takes; unique SPE with payoffs (1,0). */
static inline brink_efg *fx_centipede(void)
{
    brink_efg_builder *b = brink_efg_builder_new(2, NULL);
    long t[4][2] = {{1, 0}, {0, 2}, {3, 1}, {2, 4}};
    for (int k = 0; k < 4; k++) {
        fx_decision(b, k % 2, "take", "pass");
        fx_leaf(b, t[k][0], t[k][1]);
    }
    fx_leaf(b, 4, 3);
    return brink_efg_builder_finish(b, NULL);
}

/* Entry deterrence: Entrant Out -> (0, 2); In -> Incumbent Fight (-1,-1) / Accommodate (1,1).
 * SPE: (In, Accommodate). Pure Nash: also (Out, Fight), sustained by an incredible threat. */
static inline brink_efg *fx_entry(void)
{
    brink_efg_builder *b = brink_efg_builder_new(2, NULL);
    brink_efg_builder_set_player_name(b, 0, "Entrant", NULL);
    brink_efg_builder_set_player_name(b, 1, "Incumbent", NULL);
    fx_decision(b, 0, "Out", "In");
    fx_leaf(b, 0, 2);
    fx_decision(b, 1, "Fight", "Accommodate");
    fx_leaf(b, -1, -1);
    fx_leaf(b, 1, 1);
    return brink_efg_builder_finish(b, NULL);
}

/* One card of chance (High/Low, 1/2 each) seen by player 1 only, who Bets or Folds; player 2,
 * not seeing the card, Calls or Passes after a bet (one information set over both cards).
 * Fold: (-1, 1). Bet-Pass: (1, -1). Bet-Call: High (2,-2), Low (-2,2). */
static inline brink_efg *fx_bluff(void)
{
    brink_efg_builder *b = brink_efg_builder_new(2, NULL);
    mpq_t pr[2];
    mpq_init(pr[0]);
    mpq_init(pr[1]);
    mpq_set_si(pr[0], 1, 2);
    mpq_set_si(pr[1], 1, 2);
    const char *cards[2] = {"High", "Low"};
    int hc = brink_efg_builder_add_infoset(b, BRINK_CHANCE, 2, "deal", cards, pr, 0, NULL);
    mpq_clear(pr[0]);
    mpq_clear(pr[1]);
    const char *p1a[2] = {"Bet", "Fold"}, *p2a[2] = {"Call", "Pass"};
    int h1H = brink_efg_builder_add_infoset(b, 0, 2, "holds High", p1a, NULL, 0, NULL);
    int h1L = brink_efg_builder_add_infoset(b, 0, 2, "holds Low", p1a, NULL, 0, NULL);
    int h2 = brink_efg_builder_add_infoset(b, 1, 2, "after a bet", p2a, NULL, 0, NULL);
    brink_efg_builder_add_node(b, "", hc, -1, NULL);
    brink_efg_builder_add_node(b, "", h1H, -1, NULL);
    brink_efg_builder_add_node(b, "", h2, -1, NULL);
    fx_leaf(b, 2, -2);
    fx_leaf(b, 1, -1);
    fx_leaf(b, -1, 1);
    brink_efg_builder_add_node(b, "", h1L, -1, NULL);
    brink_efg_builder_add_node(b, "", h2, -1, NULL);
    fx_leaf(b, -2, 2);
    fx_leaf(b, 1, -1);
    fx_leaf(b, -1, 1);
    return brink_efg_builder_finish(b, NULL);
}

#endif
