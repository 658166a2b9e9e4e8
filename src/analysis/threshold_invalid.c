/* threshold_invalid.c — where a sample fails because the game is not a game there, how far
 * does that reach? (threshold_engine.c)
 *
 * A chance probability that is negative at the sample, or a chance move whose probabilities
 * do not sum to 1 there, is a sign condition on a rational function of t (the parametric
 * binding's, scenario/param.c, checked in the same order as brink_scenario_bind_q checks
 * the numbers, so that it is the condition its error names). The game is then not a game on the whole connected set around the
 * sample where that guard keeps failing and the expressions keep the branches they take at
 * the sample (where the rational functions are the scenario's): its ends are exact roots.
 * Only that set may be reported with the sample's failure; the rest is sampled again.
 */
#include "analysis/threshold_invalid.h"

#include "brink/core.h"

/* The first chance probability negative at x, or the first chance move whose probabilities
 * do not sum to 1 there, in the binding's order: *sign_poly its sign polynomial (of the
 * probability, or of the sum - 1), *sign its sign at x. 0: none; -1: OOM. */
static int first_invalid(const brink_efg *g, const sc_pgame *pg, const mpq_t x, pq *sign_poly,
                         int *sign)
{
    int first = g->player_infoset_start[g->nplayers], rc = 0;
    mpq_t v, sum;
    mpq_inits(v, sum, NULL);
    rf s;
    rf_init(&s);
    for (int h = first; h < g->ninfosets && !rc; h++) {
        int a0 = g->infoset_action_start[h];
        mpq_set_ui(sum, 0, 1);
        rc = rf_set_si(&s, -1) ? -1 : 0;
        for (int a = 0; a < g->infoset_nactions[h] && !rc; a++) {
            const rf *p = &pg->prob[a0 + a];
            if (rf_eval(v, p, x)) {   /* a pole: not a sign condition */
                rc = 2;
                break;
            }
            if (mpq_sgn(v) < 0) {
                rc = rf_sign_poly(sign_poly, p) ? -1 : 1;
                *sign = -1;
                break;
            }
            mpq_add(sum, sum, v);
            if (rf_add(&s, &s, p))
                rc = -1;
        }
        double off = brink_q_get_d(sum) - 1;
        /* (a sum within the binding's tolerance of decimals is not what it refused) */
        if (!rc && mpq_cmp_ui(sum, 1, 1) != 0 && (off > 1e-9 || off < -1e-9)) {
            rc = rf_sign_poly(sign_poly, &s) ? -1 : 1;
            *sign = mpq_cmp_ui(sum, 1, 1) < 0 ? -1 : 1;
        }
    }
    rf_clear(&s);
    mpq_clears(v, sum, NULL);
    return rc == 2 ? 0 : rc;
}

brink_status tq_invalid_part(const brink_efg *g, const sc_pgame *pg, const mpq_t x,
                             const mpq_t L, const mpq_t H, double deadline, int *expired,
                             alg *lo, int *lo_closed, alg *hi, int *hi_closed, int *found,
                             brink_error *err)
{
    *found = 0;
    if (pg->nonrational || !pg->prob)
        return BRINK_OK;
    pcset conds = {NULL, 0, 0};
    pq sp;
    pq_init(&sp);
    int sign = 0, oom = 0;
    /* the expressions' branches: they hold at x by construction */
    for (int i = 0; i < pg->guards.n && !oom; i++)
        if (pg->guards.c[i].tag >= 0 && !pcset_push(&conds, pg->guards.c[i].kind,
                                                    &pg->guards.c[i].s))
            oom = 1;
    int r = oom ? -1 : first_invalid(g, pg, x, &sp, &sign);
    brink_status st = BRINK_OK;
    if (r < 0)
        oom = 1;
    if (r > 0) {
        /* fails strictly at x (a negative probability, a sum off 1): keeps failing while the
         * sign stays (a constant keeps it wherever the branches stay) */
        if (sp.deg > 0 && !pcset_push(&conds, sign < 0 ? PC_NEG : PC_POS, &sp))
            oom = 1;
        int lb, hb, exp = 0;
        if (!oom)
            st = cn_component_until(&conds, x, L, H, deadline, &exp, lo, lo_closed, &lb, hi,
                                    hi_closed, &hb, err);
        if (!st && !oom) {
            if (exp && expired)
                *expired = 1;
            *found = !exp;
        }
    }
    pq_clear(&sp);
    pcset_free(&conds);
    return oom ? brink_error_set(err, BRINK_ENOMEM, "out of memory") : st;
}
