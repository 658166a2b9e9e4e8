/* cfrplus.c — the "cfr+" solver: CFR+ (Tammelin 2014): regret matching+, alternating updates, linear averaging.
 * The algorithm lives in cfr_engine.c; this file only registers it. */
#include "solve/cfr/cfr_solve.h"
#include "solve/solvers.h"

static brink_status cfrplus_solve(const brink_efg *g, const brink_solve_options *o,
                                brink_profile_list *out, brink_error *err)
{
    return brink_cfr_solve(g, o, BRINK_CFR_PLUS, out, err);
}

const brink_solver brink_solver_cfrplus = {
    .name = "cfr+",
    .summary = "CFR+ (Tammelin 2014): regret matching+, alternating updates, linear averaging",
    .guarantee = "an approximate equilibrium: the average strategy after the iterations run; "
                 "its NashConv is reported, and the run is flagged stopped at the limit unless "
                 "NashConv reached --target-exploitability (default 1e-8 x payoff range) "
                 "(converges to 0 in 2-player zero-sum games only)",
    .flags = BRINK_SOLVER_EFG | BRINK_SOLVER_APPROX,
    .solve_nfg = NULL,
    .solve_efg = cfrplus_solve,
};
