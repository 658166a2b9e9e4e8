/* brink/efg.h — N-player games in extensive form.
 *
 * Layout. A game is plain arrays, indexed by small integers (no pointers between nodes):
 *
 *   nodes 0..nnodes-1 in PRE-ORDER (node 0 is the root; a node's subtree is the contiguous
 *   range [v, v + node_subtree_size[v]) ). For every node:
 *       node_infoset[v]    infoset index, or -1 for a terminal node
 *       node_parent[v]     parent node, -1 for the root
 *       node_action[v]     global action index of the edge parent -> v, -1 for the root
 *       node_outcome[v]    outcome index or -1 (outcomes may sit on interior nodes; a play's
 *                          payoff is the sum of the outcomes met, as in Gambit)
 *       node_child_start[v] children are node_children[node_child_start[v] + a] for action a
 *                          (a = 0..nactions-1 of the node's infoset)
 *       node_depth[v]
 *   infosets 0..ninfosets-1, chance infosets included:
 *       infoset_player[h]  0..nplayers-1, or BRINK_CHANCE (-1)
 *       infoset_action_start[h], infoset_nactions[h]: its actions are global indices
 *                          infoset_action_start[h] + a, a = 0..nactions-1
 *       infoset_members: the nodes of h are infoset_member[infoset_member_start[h] + k],
 *                          k < infoset_nmembers[h], in pre-order.
 *   Infoset numbering: per player, infosets are ordered by the pre-order index of their first
 *   node (Gambit's order), players in order, chance infosets last. player_infoset_start[p] ..
 *   player_infoset_start[p+1]-1 are the infosets of player p (p = nplayers means chance).
 *   So for players, global action indices are contiguous per player too:
 *   player_action_start[p] .. player_action_start[p+1]-1.
 *   actions: action_label[a]; chance actions carry action_probq[a] / action_prob[a]
 *            (0 for player actions).
 *   outcomes: outcome_payq[o * nplayers + i].
 *   terminal payoffs: for terminal node v, leaf_payq[node_leaf[v] * nplayers + i] is the sum of
 *            outcomes on the path root..v (node_leaf[v] = -1 for non-terminals).
 *
 * Behaviour profiles are vectors over global action indices (chance entries ignored / equal
 * to the chance probabilities).
 *
 * Building: brink_efg_builder_* adds nodes in pre-order (as .efg files list them and as a
 * recursive generator emits them); brink_efg_builder_finish() validates and produces the
 * arrays above.
 */
#ifndef BRINK_EFG_H
#define BRINK_EFG_H

#include <stddef.h>
#include <gmp.h>
#include "error.h"
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define BRINK_CHANCE (-1)

typedef struct brink_efg {
    char *title, *comment;
    int nplayers;
    char **player_names;

    int nnodes;
    int *node_infoset, *node_parent, *node_action, *node_outcome;
    int *node_child_start, *node_children, *node_depth, *node_subtree_size, *node_leaf;
    char **node_label;               /* never NULL entries ("" when unlabelled) */

    int ninfosets;
    int *infoset_player, *infoset_action_start, *infoset_nactions;
    int *infoset_member_start, *infoset_nmembers, *infoset_member;
    char **infoset_label;
    int *infoset_number;             /* the number used in the source file (for writing back) */
    int *player_infoset_start;       /* [nplayers + 2]: players 0..n-1, then chance */
    int *player_action_start;        /* [nplayers + 2] */

    int nactions;
    char **action_label;
    mpq_t *action_probq;             /* [nactions]; 0 for player actions */
    double *action_prob;

    int noutcomes;
    char **outcome_label;
    int *outcome_number;             /* number used in the source file */
    mpq_t *outcome_payq;             /* [noutcomes * nplayers] */
    double *outcome_pay;

    int nleaves;
    int *leaf_node;                  /* [nleaves] */
    mpq_t *leaf_payq;                /* [nleaves * nplayers] */
    double *leaf_pay;

    int perfect_recall;              /* 1 if every player has perfect recall */
    int perfect_info;                /* 1 if every infoset is a single node */
    brink_arena *arena;
    /* 1 when leaf_payq and outcome_payq are one array (the same exact values stored once):
     * the builder does this when every leaf has its own outcome, numbered as the leaves, and
     * no inner node has one, so leaf l's payoff is outcome l's (scenario games). Writing one
     * then writes the other; the double arrays stay separate. */
    int payq_shared;
    /* Where each node was written, when the game was read from a file (else NULL): 1-based
     * line and column of its 'c', 'p' or 't', and the file's name, so that a property found
     * later (no perfect recall) can be reported at its place. */
    int *node_line, *node_column;
    char *source_file;
} brink_efg;

/* ---- Building ---- */
typedef struct brink_efg_builder brink_efg_builder;

brink_efg_builder *brink_efg_builder_new(int nplayers, brink_error *err);
void brink_efg_builder_free(brink_efg_builder *b);  /* NULL is a no-op */
brink_status brink_efg_builder_set_title(brink_efg_builder *b, const char *title,
                                         brink_error *err);
brink_status brink_efg_builder_set_comment(brink_efg_builder *b, const char *comment,
                                           brink_error *err);
brink_status brink_efg_builder_set_player_name(brink_efg_builder *b, int p, const char *name,
                                               brink_error *err);
/* Room for this many nodes, information sets, actions (over all information sets) and
 * outcomes, made now and exactly: a generator that knows its counts (the scenario compiler)
 * then never has the arrays doubled past them (a game of 505,261 nodes otherwise grows to
 * room for 1,048,576). Counts are a hint: adding more still works. BRINK_EINVALID for a
 * negative count, BRINK_ENOMEM (sticky, as the add_* calls) when the room cannot be made.
 * Labels given to the builder are stored once per distinct text, shared by every slot. */
brink_status brink_efg_builder_reserve(brink_efg_builder *b, long nodes, long infosets,
                                       long actions, long outcomes, brink_error *err);
/* While borrow is 1, the labels of infosets, actions, outcomes and nodes are stored as the
 * caller's pointers, not copied: the caller keeps those strings alive and unchanged as long
 * as the game lives (the scenario compiler's labels live in the scenario). 0 (the default)
 * copies them. Saves a copy of every label of a big generated tree. */
void brink_efg_builder_borrow_labels(brink_efg_builder *b, int borrow);
/* Declare an information set of player p (or BRINK_CHANCE) with nactions labelled actions.
 * For chance, probs gives the exact probabilities (must be >= 0 and sum to 1); else NULL.
 * `number` is the file's infoset number (0 = assign automatically). Returns the builder's
 * infoset id (>= 0) or -1 with err set. */
int brink_efg_builder_add_infoset(brink_efg_builder *b, int player, int nactions,
                                  const char *label, const char *const *action_labels,
                                  const mpq_t *probs, int number, brink_error *err);
/* Declare an outcome with exact payoffs [nplayers]. Returns outcome id or -1. */
int brink_efg_builder_add_outcome(brink_efg_builder *b, const char *label, const mpq_t *pay,
                                  int number, brink_error *err);
/* Append the next node in pre-order. infoset = -1 makes a terminal node; outcome = -1 none. */
int brink_efg_builder_add_node(brink_efg_builder *b, const char *label, int infoset,
                               int outcome, brink_error *err);
/* Validate (tree complete, every infoset's nodes have its action count, every infoset and
 * outcome used...) and produce the game. The builder is consumed (freed) either way. */
brink_efg *brink_efg_builder_finish(brink_efg_builder *b, brink_error *err);

void brink_efg_free(brink_efg *g);   /* NULL is a no-op */

/* ---- Queries ---- */
static inline int brink_efg_is_terminal(const brink_efg *g, int v) { return g->node_infoset[v] < 0; }
static inline int brink_efg_node_player(const brink_efg *g, int v) {
    return g->node_infoset[v] < 0 ? -2 : g->infoset_player[g->node_infoset[v]];
}
static inline int brink_efg_child(const brink_efg *g, int v, int a) {
    return g->node_children[g->node_child_start[v] + a];
}
/* Number of player infosets of player p / actions of player p. */
static inline int brink_efg_player_ninfosets(const brink_efg *g, int p) {
    return g->player_infoset_start[p + 1] - g->player_infoset_start[p];
}

/* Perfect recall check with a reason: returns 1/0, and on 0 writes which player and
 * infoset break it into `why` (may be NULL), cut at a whole character to why_size. */
int brink_efg_check_perfect_recall(const brink_efg *g, char *why, size_t why_size);
/* The same with the reason whole (player and information set names of any length) appended
 * to `why` (may be NULL): 1 perfect recall, 0 not, -1 out of memory (why->failed also tells). */
int brink_efg_perfect_recall_why(const brink_efg *g, brink_buf *why);
/* The error for a game without perfect recall: BRINK_EUNSUPPORTED with "the game lacks perfect
 * recall (player, information set, the two nodes); NEED", located at the second of the two
 * nodes (the later one in the file) when g has node places (read from a file). Returns
 * BRINK_OK, setting nothing, when g has perfect recall. */
brink_status brink_efg_recall_error(const brink_efg *g, const char *need, brink_error *err);

/* Is every infoset a singleton (perfect information)? */
int brink_efg_is_perfect_info(const brink_efg *g);

/* Is the game constant-sum at every leaf? */
int brink_efg_is_constant_sum(const brink_efg *g);

/* Structural and numeric equality (labels, tree shape, infosets, exact payoffs/probs). */
int brink_efg_equal(const brink_efg *a, const brink_efg *b);

/* ---- Transforms ---- */

/* Chance moves postponed to the first point where they matter (src/game/postpone.c): a chance
 * node whose children are decision nodes of one information set (that actor cannot tell the
 * outcomes apart) is swapped with that decision — the decision first, then the same chance
 * move under each of its actions — repeatedly. The result is the same game (Thompson's
 * interchange of moves; Kohlberg and Mertens 1986, section 2.4): the same information sets
 * with the same actions, the same plays with the same payoffs, hence the same reduced
 * strategic form and the same Nash and sequential equilibria in behaviour strategies; only
 * the order of nodes (and so the numbering of infosets and actions) differs.
 * On success *out is the new game and *action_map[new action] the original action (free()
 * it); when no chance move can move, *out and *action_map stay NULL (BRINK_OK). swaps (may be
 * NULL) receives the number of decisions moved above a chance move. Errors: BRINK_ENOMEM. */
brink_status brink_efg_postpone_chance(const brink_efg *g, brink_efg **out, int **action_map,
                                       long *swaps, brink_error *err);
/* Re-bind t, the result of brink_efg_postpone_chance on a game of g's structure (the same
 * tree, infosets and outcomes; only numbers differ), to g's numbers: chance probabilities
 * through action_map, outcome payoffs, and leaf payoffs summed along each path as the builder
 * sums them. Which moves are postponed depends on the structure only, so t then equals
 * brink_efg_postpone_chance(g) (brink_efg_equal, and the same doubles): a caller solving one
 * structure at many parameter values postpones once. Errors: BRINK_EINVALID (another
 * structure), BRINK_ENOMEM. */
brink_status brink_efg_postpone_rebind(const brink_efg *g, brink_efg *t, const int *action_map,
                                       brink_error *err);

#ifdef __cplusplus
}
#endif
#endif
