/* compact.h — a perfect-information scenario's game as a DAG of distinct sub-games (issue 15,
 * "compact games"): one node per class of identical sub-trees, edges to shared children, and
 * how many nodes of the unfolded tree each class stands for. Built by expand.c's compact
 * pass (compact.c) instead of the tree when the tree is large (limits.compact_above) and
 * the scenario qualifies; the unfolded tree is never built then.
 *
 * Classes are numbered children first: every child of class c has a smaller number, and the
 * root is the last class. Chance moves are public ones only (seen by every actor): their
 * probabilities are closed expressions of the class's key, so the class holds at every
 * parameter value too. A class's sub-game depends only on the key it was built from (the
 * description node, its environment and round, and the settings and payoff terms collected
 * on the way there), so every tree node of a class roots the same sub-game at every
 * parameter value: payoffs are sums of interned closed expressions (sc->c.closed).
 * The payoff terms collected on the way to a node are not in its key (nothing can read them:
 * they add one constant per actor to every leaf below); the edge into the class carries
 * those collected since its parent move, and the class's payoffs count those from its move
 * on, so equal sub-games up to such constants share a class.
 */
#ifndef BRINK_SCENARIO_COMPACT_H
#define BRINK_SCENARIO_COMPACT_H

#include <gmp.h>
#include <stdint.h>

#include "scenario/model.h"

/* mover of a chance class: a public chance move (seen by every actor) */
#define SC_COMPACT_CHANCE (-2)

typedef struct sc_compact {
    int nclasses, root, np, ni;
    int *mover;               /* [nclasses] the deciding actor, -1 for a leaf, or
                                 SC_COMPACT_CHANCE for a chance move */
    const sc_node **node;     /* [nclasses] the move's description node (labels, place);
                                 NULL for a leaf */
    int *child_start;         /* [nclasses + 1] into child */
    int *child;               /* the class each action (outcome) leads to, in order */
    int *prob;                /* [edges] a chance outcome's probability, a closed expression
                                 id; -1 on a decision's edges */
    int *leaf;                /* [nclasses] the class's leaf number, or -1 */
    int nleaves;
    int *leaf_level;          /* [nleaves * ni] level of each discrete issue, -1 numeric */
    int *leaf_value;          /* [nleaves * ni] closed expression of numeric issues, -1 */
    int *term_start;          /* [nleaves * np + 1] into term */
    int *term;                /* closed expression ids, summed into a leaf's payoff (its
                                 preferences and the leaf's own payoff: terms) */
    int *eterm_start;         /* [(edges + 1) * np + 1] into eterm: the payoff terms collected
                                 on each edge, between a move and the class it leads to (an
                                 option's payoff:, the steps in between), actor by actor; the
                                 entry after the last edge holds those collected before the
                                 root's class. They add a constant per actor to every leaf
                                 below, so they are not in the classes' keys (issue 15, F2) */
    int *eterm;
    int nedge_terms;          /* terms on edges and before the root (0: none) */
    mpz_t *mult;              /* [nclasses] nodes of the unfolded tree in the class */
    mpz_t nodes, decisions;   /* nodes and decision points of the unfolded tree */
    mpz_t chances;            /* chance moves of the unfolded tree */
    uint64_t tree_nodes;      /* pass 1's count (saturated at SAT_LIMIT) */
} sc_compact;

void sc_compact_free(sc_compact *k);   /* NULL is a no-op; frees k */

/* Exact payoffs of every leaf at the parameter values vals[nparams]: pay[nclasses * np]
 * (rows of decision classes are left as they are); with epay (not NULL), those of every
 * edge's payoff terms, epay[(edges + 1) * np], the last row the terms before the root. A
 * class's value counts the payoffs from its move on; a tree node's is the class's plus the
 * terms on the edges from the root to it (and before the root). */
brink_status sc_compact_payoffs(const brink_scenario *sc, const sc_compact *k,
                                const mpq_t *params, mpq_t *pay, mpq_t *epay,
                                brink_error *err);
/* Every chance outcome's probability at the parameter values: prob[edges] (entries of
 * decisions' edges are left as they are), checked as the tree's are: each >= 0 and each
 * move's sum exactly 1 (a move with inexact probabilities within 1e-12 of 1 has its rounding
 * put on the last outcome), else a located error at the first chance move, in the tree's
 * order, where it fails. at_defaults: the words of the check when the file is read (emit.c),
 * else those of a re-bind (bind.c). */
brink_status sc_compact_probs(const brink_scenario *sc, const sc_compact *k,
                              const mpq_t *params, int at_defaults, mpq_t *prob,
                              brink_error *err);
/* The chance classes in the order of their first node in the tree's pre-order (the order
 * the tree's chance moves are checked in), into order[nclasses]: a depth-first walk that
 * enters each class once. Returns their count, or -1 out of memory. */
int sc_compact_chance_order(const sc_compact *k, int *order);
/* Outcome groups of the leaves (leaves with the same discrete levels), numbered as the tree's
 * (an_groups: in the order their first leaf comes in the tree's pre-order, i.e. a depth-first
 * walk entering each class once): *ngroups of them, cls_group[nclasses] each leaf class's
 * group (-1 for decisions and classes the walk does not reach), group_leaf[ngroups] each
 * group's first leaf class. Both malloc'd; BRINK_ENOMEM. */
brink_status sc_compact_leaf_groups(const brink_scenario *sc, const sc_compact *k, int *ngroups,
                                    int **cls_group, int **group_leaf, brink_error *err);
/* A numeric issue's value at a leaf, exactly. */
brink_status sc_compact_issue_value(const brink_scenario *sc, const sc_compact *k, int leaf,
                                    int issue, const mpq_t *params, mpq_t out,
                                    brink_error *err);

/* A watched decision point of a compact game, named by the path of labels the tree names it
 * by (ACTOR@start, ACTOR@a/b/...; brink_scenario_find_decisions on the tree): its class,
 * the edges from the root to it (path[npath], malloc'd), and its information set's number
 * in the tree (-1 when too large). References that stand for many decision points (a
 * node's name, *) are refused (BRINK_EUNSUPPORTED), one that matches none is
 * BRINK_EINVALID "no decision matches". */
typedef struct sc_compact_watch {
    int cls, npath, *path;
    long infoset;
} sc_compact_watch;
brink_status sc_compact_find_decision(const brink_scenario *sc, const char *ref,
                                      sc_compact_watch *w, brink_error *err);
/* The one decision a comparison looks at (brink_scenario_find_one_decision's rule on the
 * tree): a path as above; a node's name or * (ACTOR@name, ACTOR@*): the match that comes
 * before every other match on every path, refused (BRINK_EINVALID) when the first matches
 * lie side by side; a bare actor name: the actor's first decision point in the tree's
 * pre-order. */
brink_status sc_compact_find_one_decision(const brink_scenario *sc, const char *ref,
                                          sc_compact_watch *w, brink_error *err);

#endif
