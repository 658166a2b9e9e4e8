/* simpdiv.h — the simplicial search of simpdiv.c, for tests (private). */
#ifndef BRINK_SOLVE_SIMPDIV_H
#define BRINK_SOLVE_SIMPDIV_H

#include "brink/solve.h"

/* Up to max_rounds paths on grids 1/4, 1/8, ...; with polish, Newton on the support may end
 * the search early. out[0..total_strats) receives the best point, *regret its NashConv,
 * *pivots the simplices visited. A pivot budget (o->max_iterations, else a multiple of the
 * dimension) or o->time_limit ends the search with the best point so far and *stopped = 1
 * (0 when that point meets the tolerance anyway). Errors: BRINK_EINTERNAL (a broken path
 * invariant), BRINK_ENOMEM. */
brink_status simpdiv_search(const brink_nfg *g, const brink_solve_options *o, int max_rounds,
                            int polish, double *out, double *regret, long *pivots, int *stopped,
                            brink_error *err);

#endif
