/* mccfr.c — the "mccfr" solver: external-sampling Monte Carlo CFR (Lanctot et al. 2009).
 * The algorithm lives in cfr_engine.c and cfr_mc.c; this file only registers it. */
#include "solve/cfr/cfr_solve.h"
#include "solve/solvers.h"

static brink_status mccfr_solve(const brink_efg *g, const brink_solve_options *o,
                                brink_profile_list *out, brink_error *err)
{
    return brink_cfr_solve(g, o, BRINK_CFR_EXTERNAL_SAMPLING, out, err);
}

const brink_solver brink_solver_mccfr = {
    .name = "mccfr",
    .summary = "external-sampling Monte Carlo CFR (Lanctot et al. 2009)",
    .guarantee = "an approximate equilibrium: the average strategy after the iterations run; "
                 "its NashConv is reported, and the run is flagged stopped at the limit unless "
                 "NashConv reached --target-exploitability (default 1e-8 x payoff range) "
                 "(converges to 0 in 2-player zero-sum games only)",
    .flags = BRINK_SOLVER_EFG | BRINK_SOLVER_APPROX,
    .solve_nfg = NULL,
    .solve_efg = mccfr_solve,
};
