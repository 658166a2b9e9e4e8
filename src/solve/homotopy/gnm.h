/* gnm.h — the global Newton path of gnm.c, for tests and the bench (private). */
#ifndef BRINK_SOLVE_GNM_H
#define BRINK_SOLVE_GNM_H

#include "brink/solve.h"

typedef struct gnm_stats {
    long steps;               /* accepted and rejected predictor steps */
    long newton;              /* corrector iterations (Jacobian factorisations) */
    int kinks;                /* support changes passed */
    int crossings;            /* crossings of lambda = 0 (equilibria, before deduplication) */
    int orientation_changes;  /* pieces entered against the path's orientation (0 on a
                                 regular path; degenerate games may have some) */
    int stopped;              /* step budget or time limit reached before the path's end */
    int broken;               /* the step shrank below its floor: the path was lost */
    double lambda;            /* where the path was left */
    double worst;             /* largest NashConv (payoff units) of the recorded profiles */
} gnm_stats;

/* Follow the path of ray (n = total_strats entries, NULL: gw_ray from o->seed) and append
 * the equilibria at its lambda = 0 crossings to out (doubles, deduplicated). Steps: at most
 * o->max_iterations (else a default multiple of n); o->time_limit; o->progress may cancel
 * (then the path ends where it is, stopped = 0). Errors: BRINK_ENOMEM, BRINK_EINTERNAL (a
 * singular start, which a generic ray never gives). */
brink_status gnm_follow(const brink_nfg *g, const brink_solve_options *o, const double *ray,
                        brink_profile_list *out, gnm_stats *gs, brink_error *err);

#endif
