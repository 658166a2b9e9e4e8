/* cfr_solve.h — the brink_solver glue shared by cfr, cfr+, dcfr and mccfr (not public API). */
#ifndef BRINK_CFR_SOLVE_H
#define BRINK_CFR_SOLVE_H

#include "brink/cfr.h"
#include "brink/solve.h"

/* Default iteration budgets when the options give neither max_iterations nor a target. */
#define BRINK_CFR_DEFAULT_ITERATIONS 1000L
#define BRINK_MCCFR_DEFAULT_ITERATIONS 100000L
/* Budget when only a target NashConv is given (time_limit still applies). */
#define BRINK_CFR_TARGET_ITERATIONS 10000000L

brink_status brink_cfr_solve(const brink_efg *g, const brink_solve_options *o,
                             brink_cfr_variant variant, brink_profile_list *out,
                             brink_error *err);

#endif
