/* ipa.h — the iteration of ipa.c, for tests and the bench (private). */
#ifndef BRINK_SOLVE_IPA_H
#define BRINK_SOLVE_IPA_H

#include "brink/solve.h"

typedef struct ipa_stats {
    long iterations;     /* polymatrix approximations solved */
    long pivots;         /* Lemke pivots over all of them */
    int restarts;        /* rays tried after the first (every 250 approximations) */
    int lemke_failures;  /* approximations Lemke could not solve in doubles (iteration ended) */
    int stopped;         /* budget or time limit reached without an equilibrium */
    double nashconv;     /* best NashConv seen (payoff units) */
} ipa_stats;

/* Iterate from the centre with the ray of o->seed (gw_ray) until a profile's NashConv meets
 * the tolerance after polishing; append it to out (nothing when the iteration fails).
 * Budget: o->max_iterations approximations (default 2000), o->time_limit; o->progress may
 * cancel. Errors: BRINK_ENOMEM. */
brink_status ipa_iterate(const brink_nfg *g, const brink_solve_options *o,
                         brink_profile_list *out, ipa_stats *is, brink_error *err);

#endif
