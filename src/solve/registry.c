/* registry.c — the constant table of solvers and lookup by name. The order is the order of
 * preference among solvers with the same capability flags (the method policy,
 * src/analysis/policy.c, takes the first that fits), so CFR+ precedes plain CFR. */
#include <string.h>

#include "solve/solvers.h"

static const brink_solver *const registry[] = {
    &brink_solver_enumpure,
    &brink_solver_spe,
    &brink_solver_seqlp,
    &brink_solver_seqlcp,
    &brink_solver_enummixed,
    &brink_solver_lcp,
    &brink_solver_lp,
    &brink_solver_logit,
    &brink_solver_simpdiv,
    &brink_solver_gnm,
    &brink_solver_ipa,
    &brink_solver_sequential,
    &brink_solver_cfrplus,
    &brink_solver_cfr,
    &brink_solver_dcfr,
    &brink_solver_mccfr,
    &brink_solver_agent_logit,
};

const brink_solver *const *brink_solvers(int *count)
{
    if (count) *count = (int)(sizeof registry / sizeof registry[0]);
    return registry;
}

const brink_solver *brink_solver_find(const char *name)
{
    int n;
    const brink_solver *const *all = brink_solvers(&n);
    for (int i = 0; i < n; i++)
        if (strcmp(all[i]->name, name) == 0) return all[i];
    return NULL;
}

/* brink_solver_default() is part of the one method policy: src/analysis/policy.c. */
