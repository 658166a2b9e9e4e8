/* solvers.h — every solver the registry knows. Each lives in its own file and exports only
 * its brink_solver value. Add a line here and one in registry.c to register a new one. */
#ifndef BRINK_SOLVERS_H
#define BRINK_SOLVERS_H

#include "brink/solve.h"

extern const brink_solver brink_solver_enumpure;
extern const brink_solver brink_solver_spe;
extern const brink_solver brink_solver_seqlp;
extern const brink_solver brink_solver_seqlcp;
extern const brink_solver brink_solver_enummixed;
extern const brink_solver brink_solver_lcp;
extern const brink_solver brink_solver_lp;
extern const brink_solver brink_solver_logit;
extern const brink_solver brink_solver_simpdiv;
extern const brink_solver brink_solver_gnm;
extern const brink_solver brink_solver_ipa;
extern const brink_solver brink_solver_sequential;
extern const brink_solver brink_solver_cfr;
extern const brink_solver brink_solver_cfrplus;
extern const brink_solver brink_solver_dcfr;
extern const brink_solver brink_solver_mccfr;
extern const brink_solver brink_solver_agent_logit;

/* A solver's own scratch kept in a brink_solve_cache between calls (one thread): what the
 * solver tagged tag stored there last, or NULL. brink_solve_cache_keep stores p (released
 * with release when the cache is freed, or when another solver stores its own). */
void *brink_solve_cache_scratch(brink_solve_cache *c, const void *tag);
void brink_solve_cache_keep(brink_solve_cache *c, const void *tag, void *p,
                            void (*release)(void *));

/* Seconds left of o->time_limit since t0 (brink_now()), for methods that pass a limit on to
 * a library (GLPK): 0 = no limit; once it has run out, a small positive floor so that 0 keeps
 * meaning "none". */
static inline double solve_time_left(const brink_solve_options *o, double t0)
{
    if (!(o->time_limit > 0))
        return 0;
    double left = o->time_limit - (brink_now() - t0);
    return left > 1e-3 ? left : 1e-3;
}

#endif
