/* cn_compact.h — pure subgame-perfect profiles of a compact game (scenario/compact.h)
 * continued in one parameter (cn_compact.c): cn_pure.c's pass once per class of identical
 * sub-games. The game's functions are G->pg from sc_param_compact (G->g is NULL); a profile
 * is choice[nclasses], the action of every decision class (-1 at leaves). Internal. */
#ifndef BRINK_ANALYSIS_CN_COMPACT_H
#define BRINK_ANALYSIS_CN_COMPACT_H

#include "analysis/continuation.h"
#include "scenario/compact.h"

/* 1 when the game has a chance class (public chance moves: values are expectations; the
 * tree's general pass is then mirrored: no split at crossings, no interval proved complete
 * by its orders; a sample without a tie still has the only SPE). */
int ck_has_chance(const sc_compact *k);
/* Backward induction at x on the values of the functions there, the first best action at a
 * tie (cn_pure_solve with ties_first); *crossing = 1 when a tie taken was between different
 * functions equal at x; *tied = 1 when any decision had more than one best action at x
 * (without one the profile is the only subgame-perfect equilibrium at x). 0; 1 when a payoff
 * is undefined at x; -1 on OOM. */
int ck_solve(cn_game *G, const sc_compact *k, const mpq_t x, int *choice, int *crossing,
             int *tied);
/* Each class's value under choice: V[nclasses * np]. -1 on OOM. */
int ck_values(cn_game *G, const sc_compact *k, const int *choice, rf *V);
/* The distinct best-reply conditions of choice, as cn_pure_conditions (h: the class), and
 * for each chance outcome whose probability moves with t that it stays positive (0 at x:
 * stays 0), h the chance class and a the outcome. */
int ck_conditions(cn_game *G, const sc_compact *k, const int *choice, const mpq_t x,
                  pcset *conds, int *bad);
/* The mover's value of action a at class c minus that of b (b < 0: a's value itself, from the
 * class's move on) under choice. -1 on OOM. */
int ck_gap(cn_game *G, const sc_compact *k, const int *choice, int c, int a, int b, rf *out);
/* cn_pure_order_polys on the classes. */
int ck_order_polys(cn_game *G, const sc_compact *k, const mpq_t x, int maxset, pq **out,
                   int *nout);

#endif
