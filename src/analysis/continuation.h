/* continuation.h — one equilibrium continued in one parameter (internal; see
 * include/brink/threshold.h for the method).
 *
 * cn_game holds a scenario game as rational functions of t (payoffs, chance probabilities)
 * and a workspace for evaluating behaviour profiles over Q(t). cn_continue turns an exact
 * equilibrium at a sample point x0 into a profile of rational functions and the sign
 * conditions under which it stays an equilibrium; cn_component finds the connected set around
 * x0 where a set of conditions holds.
 */
#ifndef BRINK_ANALYSIS_CONTINUATION_H
#define BRINK_ANALYSIS_CONTINUATION_H

#include "brink/threshold.h"
#include "core/poly.h"
#include "scenario/param.h"

typedef struct cn_game {
    const brink_efg *g;
    sc_pgame pg;
    rf *beh;        /* [nactions] behaviour (chance actions: pg.prob) */
    rf *reach;      /* [nnodes] */
    rf *U;          /* [nnodes * nplayers] */
    rf t1, t2, t3;
    pq sp;
    int *anc_mixed, *desc_mixed;   /* [nnodes] scratch for the linearity check */
    const unsigned char *extra;    /* during cn_continue: actions added to the support */
    /* pure profiles of perfect-information games without chance (cn_pure.c): each leaf
     * payoff's class (equal functions, equal class) for the pg it was built from */
    int *leafcls;   /* [nleaves * nplayers], NULL until needed, freed when pg changes */
    int *leafof;    /* [nnodes] scratch: the leaf each node's subtree leads to */
} cn_game;

brink_status cn_game_init(cn_game *G, const brink_scenario *sc, const brink_efg *g, int param,
                          const mpq_t *values, brink_error *err);
/* The same game at another sample point: only the rational functions are re-derived. */
brink_status cn_game_rebind(cn_game *G, const brink_scenario *sc, int param,
                            const mpq_t *values, brink_error *err);
void cn_game_free(cn_game *G);

/* A continued equilibrium: the profile over Q(t) and the beliefs held off the path. */
typedef struct cn_eq {
    rf *beh;        /* [nactions] player actions (chance entries unused); NULL when pure */
    rf *mu;         /* [nnodes] belief within its infoset, for unreached infosets; NULL
                       when pure (every set is a single node: belief 1) */
    int *reached;   /* [ninfosets] reached at x0 */
    int *pure;      /* perfect information without chance, pure (cn_pure.c): [ninfosets]
                       the action taken at each player set, constant in t; else NULL */
} cn_eq;

void cn_eq_free(cn_eq *e, const brink_efg *g);

typedef enum { CN_OK = 0, CN_NONLINEAR, CN_NOT_EXACT } cn_result;

/* Continue the equilibrium behq (exact at x0; belief: the analysis' beliefs, doubles, may be
 * NULL) and append its conditions to conds (tag = brink_cond_kind, h, a, b). */
brink_status cn_continue(cn_game *G, const mpq_t *behq, const double *belief, const mpq_t x0,
                         cn_eq *out, pcset *conds, cn_result *res, brink_error *err);

/* The same with actions added to the support (extra[nactions], 1 = add; NULL: none): at a
 * tie at x0 — an unused action exactly as good as the used ones — the equilibrium beyond x0
 * may have to use it; its probability starts from 0 and the structure is continued with it
 * (support enlargement, as a pivoting method brings a variable into the basis). */
brink_status cn_continue_with(cn_game *G, const mpq_t *behq, const unsigned char *extra,
                              const double *belief, const mpq_t x0, cn_eq *out, pcset *conds,
                              cn_result *res, brink_error *err);

/* The mover's gap E[u | a] - E[u | b] at infoset h under e, as a rational function: weights
 * are reach (on the path) or e->mu. b < 0: the expected value E[u | a] itself. */
brink_status cn_gap(cn_game *G, const cn_eq *e, int h, int a, int b, rf *out, brink_error *err);

/* Largest connected set around x0 within [L, H] on which every condition holds (they hold at
 * x0). Ends are exact; *_bind is the index of a condition that fails just beyond the end
 * (-1 at L or H). */
brink_status cn_component(const pcset *conds, const mpq_t x0, const mpq_t L, const mpq_t H,
                          alg *lo, int *lo_closed, int *lo_bind, alg *hi, int *hi_closed,
                          int *hi_bind, brink_error *err);

/* The same with a deadline (brink_now() seconds; 0: none): when it passes, *expired = 1 and
 * the ends are meaningless. */
brink_status cn_component_until(const pcset *conds, const mpq_t x0, const mpq_t L,
                                const mpq_t H, double deadline, int *expired, alg *lo,
                                int *lo_closed, int *lo_bind, alg *hi, int *hi_closed,
                                int *hi_bind, brink_error *err);

/* A pure subgame-perfect equilibrium of a perfect-information game without chance
 * (cn_pure.c) at x: backward induction on the order of the leaf payoff functions' values at
 * x, choice[h] the action at each player set. Where a mover is indifferent between its best
 * move and another, the first best one is taken (ties_first: the equilibrium the backward
 * induction of solve/spe.c lists first) or nothing is found (*found = 0; without any such
 * tie the equilibrium is the only subgame-perfect one, pure or mixed). *crossing = 1 when a
 * tie taken was between different payoff functions that are equal at x (x sits where they
 * cross, a flip) rather than between identical functions; *tied = 1 when any tie was
 * taken (0: the profile found is the only subgame-perfect equilibrium at x). -1 on OOM. */
int cn_pure_solve(cn_game *G, const mpq_t x, int ties_first, int *choice, int *found,
                  int *crossing, int *tied);

/* A rational strictly between a < b. */
void cn_rational_between(mpq_t out, alg *a, alg *b);

#endif
