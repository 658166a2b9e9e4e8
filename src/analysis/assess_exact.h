/* assess_exact.h — exact decisions of the sequential check (assess.c) for a profile given in
 * rationals: where the doubles fall inside the tolerance band, the decision is taken in
 * exact arithmetic (see assess_exact.c for why). Internal to the analysis. */
#ifndef BRINK_ASSESS_EXACT_H
#define BRINK_ASSESS_EXACT_H

#include "brink/evaluate.h"

typedef struct an_exact {
    const brink_efg *g;
    const mpq_t *bq;    /* the profile (chance moves carry the game's probabilities) */
    int maxm, maxk;
    size_t n;           /* entries of q (0: not allocated yet) */
    mpq_t *q;           /* one block: mu, cp [maxm], ev [maxk], t, lo, hi */
    mpq_t *mu, *cp, *ev, *t, *lo, *hi;
    mpq_srcptr *Q;      /* [maxm * maxk + maxk]: Q[j * k + a] the mover's value of action a at
                           member j (node_value's numbers), then evp [maxk], the expected
                           value of each action (ev's, or Q's with one member) */
    mpq_srcptr *evp;
    mpq_srcptr *vp;     /* [nplayers * nnodes]: player i's exact value at node v, NULL where
                           not computed yet: a leaf's payoff, a child's number, or the pool's */
    mpq_t *pool;        /* [nplayers * nnodes] raw; the first ninit initialised, npool used */
    size_t npool, ninit;
    int *stack;         /* [nnodes] */
} an_exact;

/* Nothing allocated until a decision needs it. */
void an_exact_init(an_exact *x, const brink_efg *g, const mpq_t *bq, int maxm, int maxk);
void an_exact_free(an_exact *x);
/* The profile changed (a choice replaced): values computed before are stale. */
void an_exact_invalidate(an_exact *x);

/* Pinned belief at information set h (the members cz[x] = 0 share one class of deviations):
 * mu = the members' exact weights (chance's and the others' positive probabilities on the
 * path) over their sum. Then: is every action in the support (exact: bq != 0) a best reply
 * among the actions marked in need (the others are clearly worse in doubles)? 1 yes, 0 no,
 * -1 out of memory. */
int an_exact_pinned_optimal(an_exact *x, int h, const int *cz, const unsigned char *need);

/* The exact best reply at h among the actions marked in need (the first of equal ones) to
 * the pinned belief (pinned = 1, as above) or to the belief mu (doubles, read as the simple
 * fractions they round; pinned = 0). -1: out of memory. */
int an_exact_best_reply(an_exact *x, int h, int pinned, const int *cz, const double *mu,
                        const unsigned char *need);

/* Free belief at h: is there a belief meeting consistency's conditions (cz members 0 while
 * another is possible; members of one class cls keep the ratio of their weights) under which
 * every action in the support is a best reply? Tries the linear program's belief mu
 * (doubles, read as simple fractions), then decides exactly: with two members the beliefs
 * are an interval; with more, the vertices of their polytope are searched. 1 yes (mu
 * receives the exact belief's doubles), 0 no, 2 not decided (more vertex candidates than
 * the search tries), -1 out of memory. */
int an_exact_free_supported(an_exact *x, int h, const int *cls, const int *cz, double *mu);

#endif
