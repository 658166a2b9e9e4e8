/* efg_games.h — helpers for the extensive-form solver tests: find information sets by label,
 * set exact behaviour probabilities, and textbook games with known equilibria. */
#ifndef BRINK_TEST_EFG_GAMES_H
#define BRINK_TEST_EFG_GAMES_H

#include <string.h>
#include "brink/brink.h"
#include "brink/generate.h"

static inline int eg_infoset(const brink_efg *g, const char *label)
{
    for (int h = 0; h < g->ninfosets; h++)
        if (g->infoset_label[h] && strcmp(g->infoset_label[h], label) == 0)
            return h;
    fprintf(stderr, "no information set labelled %s\n", label);
    return -1;
}

/* Set the exact probabilities (num/den pairs) of the actions at the infoset with this label. */
static inline void eg_set(const brink_efg *g, mpq_t *q, const char *label, const long *num,
                   const long *den)
{
    int h = eg_infoset(g, label);
    if (h < 0)
        return;
    for (int a = 0; a < g->infoset_nactions[h]; a++) {
        mpq_set_si(q[g->infoset_action_start[h] + a], num[a], (unsigned long)den[a]);
        mpq_canonicalize(q[g->infoset_action_start[h] + a]);
    }
}

#define EG_SET2(g, q, label, n0, d0, n1, d1)                                              \
    do {                                                                                  \
        long nn_[2] = {n0, n1}, dd_[2] = {d0, d1};                                        \
        eg_set(g, q, label, nn_, dd_);                                                    \
    } while (0)

/* Chance entries of an exact behaviour vector: the game's chance probabilities. */
static inline void eg_set_chance(const brink_efg *g, mpq_t *q)
{
    for (int a = g->player_action_start[g->nplayers]; a < g->nactions; a++)
        mpq_set(q[a], g->action_probq[a]);
}

/* Kuhn's equilibrium family at alpha = 0 (Kuhn 1950): player 1 never bets first with J or K,
 * calls a bet after checking with Q with prob 1/3; player 2 bluffs with J after a check with
 * prob 1/3 and calls with Q with prob 1/3. Value -1/18 for player 1. */
static inline void eg_kuhn_equilibrium(const brink_efg *g, mpq_t *q)
{
    eg_set_chance(g, q);
    EG_SET2(g, q, "1:J", 1, 1, 0, 1);
    EG_SET2(g, q, "1:Q", 1, 1, 0, 1);
    EG_SET2(g, q, "1:K", 1, 1, 0, 1);
    EG_SET2(g, q, "1:Jxb", 1, 1, 0, 1);
    EG_SET2(g, q, "1:Qxb", 2, 3, 1, 3);
    EG_SET2(g, q, "1:Kxb", 0, 1, 1, 1);
    EG_SET2(g, q, "2:Jx", 2, 3, 1, 3);
    EG_SET2(g, q, "2:Qx", 1, 1, 0, 1);
    EG_SET2(g, q, "2:Kx", 0, 1, 1, 1);
    EG_SET2(g, q, "2:Jb", 1, 1, 0, 1);
    EG_SET2(g, q, "2:Qb", 2, 3, 1, 3);
    EG_SET2(g, q, "2:Kb", 0, 1, 1, 1);
}

/* Uniform behaviour at every player infoset (chance entries from the game). */
static inline void eg_uniform(const brink_efg *g, double *p)
{
    for (int h = 0; h < g->ninfosets; h++)
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            p[g->infoset_action_start[h] + a] = g->infoset_player[h] == BRINK_CHANCE
                ? g->action_prob[g->infoset_action_start[h] + a]
                : 1.0 / g->infoset_nactions[h];
}

static inline int eg_leaf(brink_efg_builder *b, long u1, long u2)
{
    mpq_t pay[2];
    mpq_init(pay[0]);
    mpq_init(pay[1]);
    mpq_set_si(pay[0], u1, 1);
    mpq_set_si(pay[1], u2, 1);
    int o = brink_efg_builder_add_outcome(b, "", pay, 0, NULL);
    mpq_clear(pay[0]);
    mpq_clear(pay[1]);
    return brink_efg_builder_add_node(b, "", -1, o, NULL);
}

/* Beer-quiche (Cho and Kreps 1987). Nature: the sender is Strong (9/10) or Weak (1/10). The
 * sender, knowing its type, has Beer or Quiche; the receiver sees the breakfast only and
 * Duels or does Not. Sender: +1 for its preferred breakfast (Strong: Beer, Weak: Quiche),
 * +2 if there is no duel. Receiver: 1 for dueling a Weak or not dueling a Strong, else 0.
 * Literature answer: every equilibrium pools. Pooling on Beer (receiver does not duel after
 * Beer; after Quiche, off the path, belief in Weak >= 1/2 and duel with probability >= 1/2)
 * and pooling on Quiche (symmetric) are both sequential; the intuitive criterion keeps only
 * the Beer one. Information sets: "strong", "weak" (sender), "beer", "quiche" (receiver). */
static inline brink_efg *eg_beer_quiche(void)
{
    brink_efg_builder *b = brink_efg_builder_new(2, NULL);
    brink_efg_builder_set_title(b, "Beer-quiche", NULL);
    brink_efg_builder_set_player_name(b, 0, "Sender", NULL);
    brink_efg_builder_set_player_name(b, 1, "Receiver", NULL);
    mpq_t pr[2];
    mpq_init(pr[0]);
    mpq_init(pr[1]);
    mpq_set_si(pr[0], 9, 10);
    mpq_set_si(pr[1], 1, 10);
    const char *types[2] = {"Strong", "Weak"};
    const char *food[2] = {"Beer", "Quiche"}, *resp[2] = {"Duel", "Not"};
    int hc = brink_efg_builder_add_infoset(b, BRINK_CHANCE, 2, "type", types,
                                           (const mpq_t *)pr, 0, NULL);
    mpq_clear(pr[0]);
    mpq_clear(pr[1]);
    int hs = brink_efg_builder_add_infoset(b, 0, 2, "strong", food, NULL, 0, NULL);
    int hw = brink_efg_builder_add_infoset(b, 0, 2, "weak", food, NULL, 0, NULL);
    int hb = brink_efg_builder_add_infoset(b, 1, 2, "beer", resp, NULL, 0, NULL);
    int hq = brink_efg_builder_add_infoset(b, 1, 2, "quiche", resp, NULL, 0, NULL);
    brink_efg_builder_add_node(b, "", hc, -1, NULL);
    for (int t = 0; t < 2; t++) { /* t = 0 Strong, 1 Weak */
        brink_efg_builder_add_node(b, t == 0 ? "Strong" : "Weak", t == 0 ? hs : hw, -1, NULL);
        for (int f = 0; f < 2; f++) { /* f = 0 Beer, 1 Quiche */
            long pref = (t == 0) == (f == 0);
            brink_efg_builder_add_node(b, "", f == 0 ? hb : hq, -1, NULL);
            eg_leaf(b, pref, t == 1);             /* Duel */
            eg_leaf(b, pref + 2, t == 0);         /* Not */
        }
    }
    return brink_efg_builder_finish(b, NULL);
}

/* The node of infoset `label` reached through the given type (0 Strong, 1 Weak). */
static inline int eg_member(const brink_efg *g, const char *label, int k)
{
    int h = eg_infoset(g, label);
    return h < 0 ? -1 : g->infoset_member[g->infoset_member_start[h] + k];
}

/* Probability of action a at the infoset with this label (doubles). */
static inline double eg_prob(const brink_efg *g, const double *p, const char *label, int a)
{
    int h = eg_infoset(g, label);
    return h < 0 ? -1 : p[g->infoset_action_start[h] + a];
}

#endif
