/* brink/evaluate.h — the one tree evaluator of extensive games: reach probabilities,
 * expected values, best responses and NashConv of a behaviour profile, in doubles and in
 * exact rationals (mpq) with the same traversal.
 *
 * Convention for chance (every function below): the probability of a chance move is the
 * game's own, g->action_prob[a] (doubles) or g->action_probq[a] (exact). A profile's entries
 * at chance actions are never read, so profiles from any solver (which may leave them unset)
 * evaluate alike. Player moves take the profile's entry behav[a] over global actions.
 *
 * Traversal: nodes are in pre-order (efg.h), so reach is one forward pass (a parent before its
 * children) and values one backward pass (children before their parent); no recursion, so depth
 * costs nothing but a depth-indexed stack where one is needed. Leaf payoffs are g->leaf_pay,
 * which include outcomes met on interior nodes (efg.h): "the value at v" is the expected sum
 * of all outcomes of the play given that it passed through v, outcomes above v included (the
 * same for every action at v, so comparisons between actions at v are unaffected).
 *
 * Best responses use the sequence form's recursion (von Stengel 1996; Koller, Megiddo and
 * von Stengel 1996): with perfect recall a player's best-response value against the others is
 * V[0] after V[parent_seq(h)] += max_a V[seq(a)] over the player's infosets h from the
 * deepest up, where V[s] starts as the sum over leaves whose last own sequence is s of the
 * others' and chance's reach times the payoff. Those functions return BRINK_EINVALID when the
 * player lacks perfect recall.
 */
#ifndef BRINK_EVALUATE_H
#define BRINK_EVALUATE_H

#include "efg.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Probability of the move into node v (v > 0) under the convention above. */
static inline double brink_efg_edge_prob(const brink_efg *g, const double *behav, int v)
{
    int a = g->node_action[v];
    return g->infoset_player[g->node_infoset[g->node_parent[v]]] == BRINK_CHANCE
               ? g->action_prob[a]
               : behav[a];
}

/* The same, exact: a pointer to the game's or the profile's entry (borrowed). */
static inline const mpq_t *brink_efg_edge_probq(const brink_efg *g, const mpq_t *behav, int v)
{
    int a = g->node_action[v];
    return g->infoset_player[g->node_infoset[g->node_parent[v]]] == BRINK_CHANCE
               ? &g->action_probq[a]
               : &behav[a];
}

/* ---- Reach probabilities: one pass over the nodes, O(nnodes) ---- */

/* reach[v] [nnodes]: probability that play passes through v (chance and all players). */
void brink_efg_reach(const brink_efg *g, const double *behav, double *reach);
void brink_efg_reachq(const brink_efg *g, const mpq_t *behav, mpq_t *reach);

/* reach[v] [nnodes] counting chance and every player except `player` (whose moves count 1):
 * the weight of v in `player`'s beliefs and best responses. player = BRINK_CHANCE counts the
 * players only; player = g->nplayers counts everyone (= brink_efg_reach). */
void brink_efg_reach_others(const brink_efg *g, const double *behav, int player, double *reach);
void brink_efg_reach_othersq(const brink_efg *g, const mpq_t *behav, int player, mpq_t *reach);

/* reach[v] for v in the subtree of `root` (the range [root, root + node_subtree_size[root]) ):
 * probability of passing through v given that play reached root (reach[root] = 1). Entries
 * outside the subtree are not touched. */
void brink_efg_reach_below(const brink_efg *g, const double *behav, int root, double *reach);

/* ---- Expected values ---- */

/* value[i] [nplayers]: player i's expected payoff. No scratch memory; O(sum of leaf depths). */
void brink_efg_values(const brink_efg *g, const double *behav, double *value);
/* Exact; BRINK_ENOMEM possible (a depth stack). */
brink_status brink_efg_valuesq(const brink_efg *g, const mpq_t *behav, mpq_t *value,
                               brink_error *err);

/* Continuation values in the subtree of `root`, one backward pass over it:
 *   player >= 0:  U[v]                     player's expected payoff given play reached v;
 *   player < 0:   U[v * nplayers + i]      the same for every player i.
 * Indexed by node (U must hold nnodes, resp. nnodes * nplayers, entries; only the subtree's
 * are written). root = 0 gives the whole game, and U[0] (U[0..n-1]) are the values above. */
void brink_efg_subtree_values(const brink_efg *g, const double *behav, int root, int player,
                              double *U);
void brink_efg_subtree_valuesq(const brink_efg *g, const mpq_t *behav, int root, int player,
                               mpq_t *U);

/* ---- Best responses (perfect recall) ---- */

/* brvalue[i] [nplayers]: the most player i can get against the others' behaviour. */
brink_status brink_efg_best_response_values(const brink_efg *g, const double *behav,
                                            double *brvalue, brink_error *err);
brink_status brink_efg_best_response_valuesq(const brink_efg *g, const mpq_t *behav,
                                             mpq_t *brvalue, brink_error *err);

/* A pure best response of `player`: choice[k] [ninfosets of player] is the action index
 * (within the infoset) at the player's k-th infoset (global infoset player_infoset_start[player]
 * + k); at infosets the response itself does not reach, the choice is still a best one against
 * what lies below. Ties go to the lowest index. *value (may be NULL) receives its value. */
brink_status brink_efg_best_response(const brink_efg *g, const double *behav, int player,
                                     int *choice, double *value, brink_error *err);
brink_status brink_efg_best_responseq(const brink_efg *g, const mpq_t *behav, int player,
                                      int *choice, mpq_t value, brink_error *err);

/* ---- NashConv ---- */

/* NashConv = sum over players of (best-response value - value), each term clamped at 0 in
 * doubles (rounding); max_regret (may be NULL) = the largest term. Exact: nashconv = the exact
 * sum (0 iff the profile is a Nash equilibrium); value and brvalue (may be NULL, [nplayers])
 * receive the players' exact values and best-response values. */
brink_status brink_efg_nashconv(const brink_efg *g, const double *behav, double *nashconv,
                                double *max_regret, brink_error *err);
brink_status brink_efg_nashconvq(const brink_efg *g, const mpq_t *behav, mpq_t nashconv,
                                 mpq_t *value, mpq_t *brvalue, brink_error *err);

/* ---- Helpers the traversals share ---- */

/* Largest node depth (root = 0). O(nnodes). */
int brink_efg_max_depth(const brink_efg *g);

/* Player `player`'s last own sequence before each of its infosets:
 * parent_seq[h - player_infoset_start[player]] (0 = empty, 1 + k = the player's k-th action).
 * BRINK_EINVALID when two nodes of one infoset disagree (no perfect recall). */
brink_status brink_efg_player_parent_seqs(const brink_efg *g, int player, int *parent_seq,
                                          brink_error *err);

#ifdef __cplusplus
}
#endif
#endif
