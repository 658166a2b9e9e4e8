/* seqlcp.c — one Nash equilibrium of a two-player extensive game: Lemke's algorithm on the
 * sequence-form LCP (Koller, Megiddo and von Stengel 1996); see sflcp.h for the LCP.
 *
 * Doubles by default: the final basis is then solved again in rationals, and when that
 * exact solution is feasible the profile is exact (the driver checks regret 0 exactly). On
 * numeric trouble (pivot budget, ray, failed certificate, payoffs beyond doubles) the run is
 * redone in integers (lemke_robust.c); with opts->exact the whole run is in integers.
 */
#include <stdlib.h>
#include "brink/solve.h"
#include "game/seqform_internal.h"
#include "solve/lcp/sflcp.h"
#include "solve/solvers.h"

/* Largest LCP whose final double basis we re-solve in rationals. */
#define SEQLCP_MAX_EXACT_RESOLVE 4000

static brink_status seqlcp_solve(const brink_efg *g, const brink_solve_options *o,
                                 brink_profile_list *out, brink_error *err)
{
    brink_seqform *sf = brink_seqform_new(g, err);
    if (!sf)
        return err ? err->code : BRINK_ENOMEM;
    brink_sflcp s;
    brink_status st = brink_sflcp_build(sf, 0, &s, err);
    if (st != BRINK_OK) {
        brink_seqform_free(sf);
        return st;
    }
    s.lcp->ctl = o;
    int n = s.lcp->n, m = s.m[0] + s.m[1];
    mpq_t *zq = brink_q_array_new((size_t)n);
    double *z = brink_calloc((size_t)n, sizeof *z);
    int *basis = brink_calloc((size_t)n, sizeof *basis);
    long pivots = 0;
    int exact = 0;
    if (!zq || !z || !basis) {
        st = brink_error_set(err, BRINK_ENOMEM, "seqlcp: out of memory");
        goto out;
    }
    int fallback = 0;
    st = brink_lemke_robust(s.lcp, o, zq, SEQLCP_MAX_EXACT_RESOLVE, &exact, z, &pivots,
                            &fallback, err);
    out->stats.fallback_reason = fallback;
    out->stats.exact_fallbacks = fallback != BRINK_FALLBACK_NONE;
    if (st != BRINK_OK)
        goto out;
    brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_BEHAV, g->nactions, exact,
                                               err);
    if (!pr) {
        st = BRINK_ENOMEM;
        goto out;
    }
    if (exact) {
        brink_seqform_behav_from_realizationq(sf, (const mpq_t *)zq, pr->q);
        brink_profile_sync_doubles(pr);
    } else {
        brink_seqform_behav_from_realization(sf, z, pr->p);
    }
    (void)m;
    out->stats.iterations = pivots;
out:
    if (zq)
        brink_q_array_free(zq, (size_t)n);
    free(z);
    free(basis);
    brink_sflcp_free(&s);
    brink_seqform_free(sf);
    return st;
}

const brink_solver brink_solver_seqlcp = {
    .name = "seqlcp",
    .summary = "Lemke's algorithm on the sequence-form LCP (2-player extensive games)",
    .guarantee = "one Nash equilibrium, exact in rationals (double pivoting with the final "
                 "basis re-solved exactly, exact pivoting on numeric trouble or with --exact)",
    .flags = BRINK_SOLVER_EFG | BRINK_SOLVER_TWO_PLAYER | BRINK_SOLVER_EXACT,
    .solve_nfg = NULL,
    .solve_efg = seqlcp_solve,
};
