/* agent_logit.h — the agent logit QRE machinery shared by the agent-logit solver and the
 * lambda fit (not public API). */
#ifndef BRINK_AGENT_LOGIT_H
#define BRINK_AGENT_LOGIT_H

#include "brink/solve.h"

typedef struct brink_alogit brink_alogit;

brink_alogit *brink_alogit_new(const brink_efg *g, brink_error *err);
void brink_alogit_free(brink_alogit *m);
/* Evaluate at y = log sigma over the player actions (sets sigma, beliefs, Q). */
void brink_alogit_eval(brink_alogit *m, const double *y);
/* Current sigma over all global actions (chance entries = chance probabilities). */
const double *brink_alogit_sigma(const brink_alogit *m);

/* Called at every accepted point of the path (after brink_alogit_eval there); return
 * nonzero to stop tracing. nashconv is that of the point's profile. */
typedef int (*brink_alogit_visit)(void *ctx, const brink_alogit *m, const double *y,
                                  double lambda, double nashconv);

/* Trace the principal branch from lambda 0 (see agent_logit.c); profiles go to out (the
 * point at o->lambda, the limit, or every point with o->want_path). */
brink_status brink_agent_logit_trace(const brink_efg *g, const brink_solve_options *o,
                                     brink_alogit_visit visit, void *ctx,
                                     brink_profile_list *out, brink_error *err);

/* The same with the linear algebra chosen: la = 0 by size (dense up to 300 player actions,
 * then sparse), 1 dense, 2 sparse (tests compare the two). */
brink_status brink_agent_logit_trace_la(const brink_efg *g, const brink_solve_options *o,
                                        brink_alogit_visit visit, void *ctx,
                                        brink_profile_list *out, int la, brink_error *err);

#endif
