/* registry.c — the constant table of solvers, lookup by name, and the default method. */
#include <string.h>

#include "solve/bienum.h"
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
    &brink_solver_sequential,
    &brink_solver_cfr,
    &brink_solver_cfrplus,
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

/* First registered name in a preference list. */
static const char *first_of(const char *const *names)
{
    for (; *names; names++)
        if (brink_solver_find(*names)) return *names;
    return "enumpure";
}

const char *brink_solver_default(const brink_game *g)
{
    if (g->kind == BRINK_GAME_NFG) {
        if (g->nfg->nplayers == 2) {
            /* Enumeration visits the vertices of a best-response polytope: while the upper
             * bound theorem caps them near a million it takes seconds, so all equilibria are
             * affordable; beyond that one Lemke-Howson equilibrium is. */
            static const char *const small[] = {"enummixed", "lcp", "enumpure", NULL};
            static const char *const large[] = {"lcp", "enumpure", NULL};
            int m = g->nfg->nstrats[0], k = g->nfg->nstrats[1];
            double up = bienum_ubt(m, m + k), uq = bienum_ubt(k, m + k);
            return first_of((up < uq ? up : uq) <= 1e6 ? small : large);
        }
        static const char *const many[] = {"logit", "simpdiv", "enumpure", NULL};
        return first_of(many);
    }
    if (g->kind == BRINK_GAME_EFG) {
        const brink_efg *e = g->efg;
        if (e->perfect_info) return "spe";
        /* The exact tree methods use dense tableaux whose size grows with the number of
         * sequences (about one per player action): a refinement for small games, the zero-sum
         * LP when it applies, Lemke for mid-sized games, CFR+ beyond. */
        int actions = e->player_action_start[e->nplayers];
        if (e->nplayers == 2) {
            if (actions <= 300) {
                static const char *const small[] = {"sequential", "seqlcp", "enumpure", NULL};
                return first_of(small);
            }
            if (brink_efg_is_constant_sum(e)) {
                static const char *const zs[] = {"seqlp", "cfr+", NULL};
                return first_of(zs);
            }
            if (actions <= 3000) {
                static const char *const mid[] = {"seqlcp", "cfr+", NULL};
                return first_of(mid);
            }
            static const char *const big[] = {"cfr+", "seqlcp", NULL};
            return first_of(big);
        }
        static const char *const many[] = {"agent-logit", "enumpure", NULL};
        return first_of(many);
    }
    return "enumpure";
}
