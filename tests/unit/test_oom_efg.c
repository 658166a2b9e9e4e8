/* test_oom_efg.c — allocation failures in the extensive-form code are survived: generators,
 * sequence form, exact verification, the Lemke-based solvers, CFR and agent logit return
 * BRINK_ENOMEM (or NULL with the error set), never crash or leak (run under ASan).
 *
 * Same harness as test_oom.c: malloc/calloc/realloc wrapped at link time, the k-th call fails.
 * Not covered: seqlp (GLPK aborts on allocation failure by design, as GMP does). */
#include <stdlib.h>

#include "brink/brink.h"
#include "check.h"
#include "solve/logit/agent_logit.h"
#include "oom_harness.h"
#include "solve/solvers.h"


static int gen_all(void *ctx)
{
    (void)ctx;
    brink_error err;
    brink_efg *g = brink_gen_kuhn(&err);
    if (!g)
        return err.code == BRINK_ENOMEM ? 0 : -1;
    brink_efg_free(g);
    brink_crisis_params p;
    brink_crisis_params_init(&p);
    g = brink_gen_crisis(&p, &err);
    if (!g)
        return err.code == BRINK_ENOMEM ? 0 : -1;
    brink_efg_free(g);
    return 1;
}

/* Runs `method` on Kuhn (built before failures are armed would need another hook: build
 * inside, so generator failures count too) and verifies exactly. */
static int solve_kuhn(const brink_solver *s, int exact, long iters, double lambda)
{
    brink_error err;
    brink_game game = {BRINK_GAME_EFG, NULL, brink_gen_kuhn(&err)};
    if (!game.efg)
        return err.code == BRINK_ENOMEM ? 0 : -1;
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.exact = exact;
    o.max_iterations = iters;
    o.lambda = lambda;
    o.threads = 1;
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_status st = brink_solve(s, &game, &o, &l, &err);
    int ok = oom_code(st);
    if (st == BRINK_OK && l.count != 1)
        ok = -1;
    brink_profile_list_free(&l);
    brink_efg_free(game.efg);
    return ok;
}

static int seqlcp_double(void *ctx) { (void)ctx; return solve_kuhn(&brink_solver_seqlcp, 0, 0, NAN); }
static int seqlcp_exact(void *ctx) { (void)ctx; return solve_kuhn(&brink_solver_seqlcp, 1, 0, NAN); }
static int sequential(void *ctx) { (void)ctx; return solve_kuhn(&brink_solver_sequential, 0, 0, NAN); }
static int cfrplus(void *ctx) { (void)ctx; return solve_kuhn(&brink_solver_cfrplus, 0, 20, NAN); }
static int mccfr(void *ctx) { (void)ctx; return solve_kuhn(&brink_solver_mccfr, 0, 20, NAN); }
static int logit(void *ctx) { (void)ctx; return solve_kuhn(&brink_solver_agent_logit, 0, 0, 0.5); }
/* to the limit: the early exact end of the branch (rounding, exact beliefs, checks) */
static int logit_limit(void *ctx) { (void)ctx; return solve_kuhn(&brink_solver_agent_logit, 0, 0, NAN); }

/* the sparse linear algebra (big trees) on the same game: its pattern, KLU's workspace */
static int logit_sparse(void *ctx)
{
    (void)ctx;
    brink_error err;
    brink_efg *g = brink_gen_kuhn(&err);
    if (!g)
        return err.code == BRINK_ENOMEM ? 0 : -1;
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.lambda = 0.5;
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_status st = brink_agent_logit_trace_la(g, &o, NULL, NULL, &l, 2, &err);
    int ok = oom_code(st);
    if (st != BRINK_OK && st != BRINK_ENOMEM)
        fprintf(stderr, "agent-logit sparse: %s\n", err.message);
    if (st == BRINK_OK && l.count != 1)
        ok = -1;
    brink_profile_list_free(&l);
    brink_efg_free(g);
    return ok;
}

static int seqform_and_assessment(void *ctx)
{
    (void)ctx;
    brink_error err;
    brink_efg *g = brink_gen_kuhn(&err);
    if (!g)
        return err.code == BRINK_ENOMEM ? 0 : -1;
    brink_seqform *sf = brink_seqform_new(g, &err);
    int ok = sf ? 1 : err.code == BRINK_ENOMEM ? 0 : -1;
    brink_seqform_free(sf);
    if (ok == 1) {
        brink_profile_list l;
        brink_profile_list_init(&l);
        brink_profile *pr = brink_profile_list_add(&l, BRINK_PROFILE_BEHAV, g->nactions, 0, &err);
        if (!pr) {
            ok = 0;
        } else {
            for (int h = 0; h < g->ninfosets; h++)
                for (int a = 0; a < g->infoset_nactions[h]; a++)
                    pr->p[g->infoset_action_start[h] + a] =
                        g->infoset_player[h] < 0 ? g->action_prob[g->infoset_action_start[h] + a]
                                                 : 1.0 / g->infoset_nactions[h];
            pr->belief = calloc((size_t)g->nnodes, sizeof(double));
            if (!pr->belief) {
                ok = 0;
            } else {
                pr->nbelief = g->nnodes;
                for (int v = 0; v < g->nnodes; v++)
                    if (g->node_infoset[v] >= 0)
                        pr->belief[v] = 1.0 / g->infoset_nmembers[g->node_infoset[v]];
                brink_assessment_report rep;
                ok = oom_code(brink_verify_assessment(g, pr, 1e-9, &rep, &err));
                if (ok == 1)
                    ok = oom_code(brink_verify_efg(g, pr, 1, &err));
            }
        }
        brink_profile_list_free(&l);
    }
    brink_efg_free(g);
    return ok;
}

int main(void)
{
    oom_exhaust("generators", gen_all, NULL);
    oom_exhaust("seqform+assessment+verify", seqform_and_assessment, NULL);
    oom_exhaust("seqlcp (double)", seqlcp_double, NULL);
    oom_exhaust("seqlcp (exact)", seqlcp_exact, NULL);
    oom_exhaust("sequential", sequential, NULL);
    oom_exhaust("cfr+", cfrplus, NULL);
    oom_exhaust("mccfr", mccfr, NULL);
    oom_exhaust("agent-logit", logit, NULL);
    oom_exhaust("agent-logit limit", logit_limit, NULL);
    oom_exhaust("agent-logit sparse", logit_sparse, NULL);
    return check_finish();
}
