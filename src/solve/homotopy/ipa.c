#include "solve/solvers.h"
static brink_status ipa_nfg(const brink_nfg *g, const brink_solve_options *o,
                            brink_profile_list *out, brink_error *err)
{ (void)g; (void)o; (void)out; return brink_error_set(err, BRINK_EUNSUPPORTED, "todo"); }
const brink_solver brink_solver_ipa = {
    .name = "ipa", .summary = "x", .guarantee = "x",
    .flags = BRINK_SOLVER_NFG | BRINK_SOLVER_EFG | BRINK_SOLVER_APPROX,
    .solve_nfg = ipa_nfg, .solve_efg = NULL,
};
