/* threshold_invalid.c — where a sample fails because the game is not a game there, how far
 * does that reach? (threshold_engine.c)
 *
 * A chance probability that is negative at the sample, or a chance move whose probabilities
 * do not sum to 1 there, is a sign condition on a rational function of t: the parametric
 * binding (scenario/param.c) records each as a guard (probability >= 0, sum - 1 = 0) that
 * fails at the sample. The game is then not a game on the whole connected set around the
 * sample where that guard keeps failing and the expressions keep the branches they take at
 * the sample (where the rational functions are the scenario's): its ends are exact roots.
 * Only that set may be reported with the sample's failure; the rest is sampled again.
 */
#include "analysis/threshold_invalid.h"

#include "brink/core.h"

brink_status tq_invalid_part(const sc_pgame *pg, const mpq_t x, const mpq_t L, const mpq_t H,
                             double deadline, int *expired, alg *lo, int *lo_closed, alg *hi,
                             int *hi_closed, int *found, brink_error *err)
{
    *found = 0;
    if (pg->nonrational)
        return BRINK_OK;
    pcset conds = {NULL, 0, 0};
    int failing = -1, sign = 0, oom = 0;
    for (int i = 0; i < pg->guards.n && !oom; i++) {
        const pcond *g = &pg->guards.c[i];
        int sg = pq_sign_at(&g->s, x);
        if (g->tag >= 0) {   /* an expression's branch: holds at x by construction */
            if (!pcset_push(&conds, g->kind, &g->s))
                oom = 1;
        } else if (failing < 0 && !pc_holds(g->kind, sg) && sg != 0) {
            failing = i;   /* the first, as the binding checks them: its error names it */
            sign = sg;
        }
    }
    brink_status st = BRINK_OK;
    if (!oom && failing >= 0) {
        /* fails strictly at x (a negative probability, a sum off 1): keeps failing while the
         * sign stays */
        if (!pcset_push(&conds, sign < 0 ? PC_NEG : PC_POS, &pg->guards.c[failing].s))
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
    pcset_free(&conds);
    return oom ? brink_error_set(err, BRINK_ENOMEM, "out of memory") : st;
}
