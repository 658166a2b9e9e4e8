/* cfr_internal.h — the state of a CFR run (brink/cfr.h), shared by the full-tree engine
 * (cfr_engine.c), the sampling variant (cfr_mc.c) and the thread pool (cfr_threads.c).
 *
 * Invariants: node arrays are in the game's pre-order, so a parent precedes its children
 * and a subtree is the range [v, v + subtree_size). sigma[] always holds the current
 * strategy of every player and, at chance actions, the chance probabilities, so one lookup
 * sigma[edge[v]] gives the probability of the edge into v whoever moves.
 */
#ifndef BRINK_CFR_INTERNAL_H
#define BRINK_CFR_INTERNAL_H

#include <pthread.h>
#include "brink/cfr.h"
#include "brink/core.h"

typedef struct cfr_pool cfr_pool;

struct brink_cfr {
    const brink_efg *g;
    brink_cfr_params prm;
    int n;          /* players */
    int N;          /* nodes */
    int A;          /* global actions (player actions first, then chance) */
    int AP;         /* player actions: player_action_start[n] */
    int H;          /* player infosets: player_infoset_start[n] */

    /* node arrays */
    int *parent;            /* [N], -1 at the root */
    int *edge;              /* [N] global action of the edge into v, -1 at the root */
    signed char *owner;     /* [N] player moving at the parent: 0..n-1, -1 chance, -2 root */
    double *pay;            /* [n * N] leaf payoff of player i at v (0 inside the tree) */

    /* infoset / action arrays */
    int *ps_action;         /* [H] global action ending the owner's parent sequence, -1 empty */
    double *regret;         /* [AP] cumulative (discounted) regrets */
    double *avg;            /* [AP] weighted sums of the own-reach-weighted strategy */
    double *sigma;          /* [A] current strategy, chance probabilities at chance actions */
    double *cfv;            /* [AP] counterfactual action values of the current pass */
    double *xr;             /* [AP] own realisation weight of every sequence (scratch) */

    /* per-node scratch */
    double *pm;             /* [N] reach of everyone but the traverser (or avg-profile reach) */
    double *val;            /* [N] traverser's value */
    int *seqv;              /* [N] own sequence (best responses); during a pruned pass, the
                             * root of a pruned subtree, stored at its last node */
    unsigned *mark;         /* [N] mark[last node of a pruned subtree] = stamp of the pass */
    unsigned stamp;         /* current pass */
    double *V;              /* [AP + n] sequence values (best responses) */

    long t;                 /* iterations done */
    double visited;         /* node visits of all full-tree passes so far (after pruning) */

    /* threads (full-tree variants) */
    int nthreads;
    cfr_pool *pool;

    /* sampling variant */
    brink_rng rng;
    double *chance_cum;     /* [A] cumulative chance probabilities within each chance infoset */
    double mc_nodes;        /* nodes touched so far (for bytes_per_iter) */
};

/* A traverser index no node owner equals (owners are players, -1 chance, -2 root). */
#define CFR_NOBODY (-3)

/* cfr_engine.c */
void brink_cfr__regret_matching(brink_cfr *c, int h);
/* One forward and backward pass for traverser i over nodes [lo, hi) of a subtree-closed
 * range, accumulating counterfactual values into cfv (may be a thread-local buffer).
 * With prune, a subtree entered through a zero-probability move of chance or another player
 * (reach of the others 0 there, positive at the parent) is skipped in both passes: it adds
 * nothing to any value or counterfactual value. Its val/pm entries are then stale, so the
 * best-response code runs unpruned. Call brink_cfr__new_pass() before a pruned pass. */
void brink_cfr__new_pass(brink_cfr *c);
/* Returns the number of nodes skipped by pruning. */
long brink_cfr__forward(const brink_cfr *c, int i, int lo, int hi, int prune);
void brink_cfr__backward(const brink_cfr *c, int i, int lo, int hi, double *cfv, int prune);

/* cfr_threads.c: a pool that splits the passes by subtrees; NULL when one thread is best. */
cfr_pool *brink_cfr__pool_new(brink_cfr *c, int threads);
void brink_cfr__pool_free(cfr_pool *p);
/* Forward + backward pass for traverser i, cfv reduced into c->cfv; returns the number of
 * nodes pruned. */
long brink_cfr__pool_pass(cfr_pool *p, int i);

/* cfr_mc.c: one external-sampling iteration (every player traverses once). */
void brink_cfr__mc_iteration(brink_cfr *c);

#endif
