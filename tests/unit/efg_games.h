/* efg_games.h — helpers for the extensive-form solver tests: find information sets by label,
 * set exact behaviour probabilities, and textbook games with known equilibria. */
#ifndef BRINK_TEST_EFG_GAMES_H
#define BRINK_TEST_EFG_GAMES_H

#include <string.h>
#include "brink/brink.h"
#include "brink/generate.h"

static int eg_infoset(const brink_efg *g, const char *label)
{
    for (int h = 0; h < g->ninfosets; h++)
        if (g->infoset_label[h] && strcmp(g->infoset_label[h], label) == 0)
            return h;
    fprintf(stderr, "no information set labelled %s\n", label);
    return -1;
}

/* Set the exact probabilities (num/den pairs) of the actions at the infoset with this label. */
static void eg_set(const brink_efg *g, mpq_t *q, const char *label, const long *num,
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
static void eg_set_chance(const brink_efg *g, mpq_t *q)
{
    for (int a = g->player_action_start[g->nplayers]; a < g->nactions; a++)
        mpq_set(q[a], g->action_probq[a]);
}

/* Kuhn's equilibrium family at alpha = 0 (Kuhn 1950): player 1 never bets first with J or K,
 * calls a bet after checking with Q with prob 1/3; player 2 bluffs with J after a check with
 * prob 1/3 and calls with Q with prob 1/3. Value -1/18 for player 1. */
static void eg_kuhn_equilibrium(const brink_efg *g, mpq_t *q)
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
static void eg_uniform(const brink_efg *g, double *p)
{
    for (int h = 0; h < g->ninfosets; h++)
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            p[g->infoset_action_start[h] + a] = g->infoset_player[h] == BRINK_CHANCE
                ? g->action_prob[g->infoset_action_start[h] + a]
                : 1.0 / g->infoset_nactions[h];
}

#endif
