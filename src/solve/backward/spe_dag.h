/* spe_dag.h — backward induction on a perfect-information game stored as a DAG of distinct
 * sub-games (scenario/compact.h): one value per class instead of one per tree node.
 *
 * Nodes are numbered children first (every child of node c is smaller than c); a node with
 * mover -1 is a leaf with payoffs pay[c * np ...]; an edge may carry payoffs of its own
 * (epay), added to its child's values (a node's value counts the payoffs from it on). Every tree node of a class roots the same
 * sub-game, so a profile that picks, at each class, an action maximising the mover's value
 * is subgame perfect in the tree, and the one-shot deviation check at every class is exactly
 * the tree's check at every node. A chance node's value is the expectation of its children's
 * (every child counts, whatever its probability: sub-games behind a zero-probability outcome
 * are solved too, as the tree's backward induction does).
 */
#ifndef BRINK_SOLVE_SPE_DAG_H
#define BRINK_SOLVE_SPE_DAG_H

#include <gmp.h>

#include "brink/core.h"

/* mover of a chance node (scenario/compact.h's SC_COMPACT_CHANCE) */
#define BRINK_DAG_CHANCE (-2)

typedef struct brink_dag {
    int n, np;
    const int *mover;          /* [n] actor, -1 for a leaf, or BRINK_DAG_CHANCE */
    const int *child_start;    /* [n + 1] */
    const int *child;
    mpq_t *pay;                /* [n * np] leaf payoffs (other rows unused) */
    const mpq_t *prob;         /* [edges] a chance node's probabilities (>= 0, summing to 1);
                                  NULL when there is no chance node */
    const mpq_t *epay;         /* [edges * np] payoffs collected on each edge, added to the
                                  child's values through it; NULL: none */
} brink_dag;

typedef struct brink_dag_spe {
    mpq_t *val;                /* [n * np] each node's value under the chosen profile */
    unsigned char *optimal;    /* [edges] 1: the action maximises its mover's value, given
                                  the chosen profile below */
    int *nopt;                 /* [n] optimal actions of each decision node (0 at leaves and
                                  chance nodes) */
    int *choice;               /* [n] the first optimal action (index in the node), -1 at
                                  leaves and chance nodes */
    int payoff_ties;           /* decision nodes whose optimal actions give some player
                                  different values: SPE values then depend on the tie
                                  break, and the chosen profile (first optimal action
                                  everywhere) is one subgame-perfect equilibrium of several */
} brink_dag_spe;

/* Solve exactly. BRINK_EINVALID when a child is not numbered before its parent. */
brink_status brink_dag_spe_solve(const brink_dag *d, brink_dag_spe *out, brink_error *err);
/* Re-check the chosen profile exactly, independently of the solve: at every decision node
 * its value is its choice's, and no action gives the mover more (one-shot deviations); at
 * every chance node its value is the expectation of its children's.
 * Returns 1 when it holds everywhere, 0 otherwise (*bad: the first node where it fails). */
int brink_dag_spe_verify(const brink_dag *d, const brink_dag_spe *s, int *bad);
void brink_dag_spe_free(const brink_dag *d, brink_dag_spe *s);

#endif
