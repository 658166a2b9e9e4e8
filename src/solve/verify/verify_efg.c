/* verify_efg.c — the verification of behaviour profiles of extensive games: NashConv in
 * doubles, exact regret in mpq. Values and best responses come from the one tree evaluator
 * (src/game/evaluate*.c, brink/evaluate.h), so verification uses its convention for chance.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "brink/solve.h"
#include "brink/evaluate.h"

/* Is q an exact behaviour profile (nonnegative, summing to 1 at each player infoset)? */
static int exact_simplex_ok(const brink_efg *g, const mpq_t *q)
{
    mpq_t sum;
    mpq_init(sum);
    int ok = 1;
    int hend = g->player_infoset_start[g->nplayers];
    for (int h = 0; h < hend && ok; h++) {
        mpq_set_ui(sum, 0, 1);
        int a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            if (mpq_sgn(q[a0 + a]) < 0)
                ok = 0;
            mpq_add(sum, sum, q[a0 + a]);
        }
        if (mpq_cmp_ui(sum, 1, 1) != 0)
            ok = 0;
    }
    mpq_clear(sum);
    return ok;
}

brink_status brink_verify_efg(const brink_efg *g, brink_profile *pr, int exact,
                              brink_error *err)
{
    if (!g || !pr || pr->kind != BRINK_PROFILE_BEHAV || pr->n != g->nactions)
        return brink_error_set(err, BRINK_EINVALID,
                               "brink_verify_efg: profile is not a behaviour profile of "
                               "this game (%d entries, game has %d actions)",
                               pr ? pr->n : -1, g ? g->nactions : -1);
    int n = g->nplayers;
    if (!pr->value) {
        pr->value = brink_calloc((size_t)n, sizeof *pr->value);
        if (!pr->value)
            return brink_error_set(err, BRINK_ENOMEM, "verification: out of memory");
    }
    double *br = brink_calloc((size_t)n, sizeof *br);
    if (!br)
        return brink_error_set(err, BRINK_ENOMEM, "verification: out of memory");
    brink_efg_values(g, pr->p, pr->value);
    brink_status st = brink_efg_best_response_values(g, pr->p, br, err);
    if (st != BRINK_OK) {
        free(br);
        return st;
    }
    pr->max_regret = 0;
    pr->nashconv = 0;
    for (int i = 0; i < n; i++) {
        double r = br[i] - pr->value[i];
        if (r < 0)
            r = 0; /* rounding: a best response cannot be worse than the profile */
        pr->nashconv += r;
        if (r > pr->max_regret)
            pr->max_regret = r;
    }
    free(br);

    if (!exact || !pr->q) {
        pr->verified = 0;
        return BRINK_OK;
    }
    if ((size_t)g->nnodes * (size_t)n > BRINK_MAX_EXACT_CELLS) {
        pr->verified = 0; /* too large to check in rationals; doubles above still hold */
        return BRINK_OK;
    }
    if (!exact_simplex_ok(g, pr->q)) {
        pr->verified = -1;
        return BRINK_OK;
    }
    if (!pr->valueq) {
        pr->valueq = brink_q_array_new((size_t)n);
        if (!pr->valueq)
            return brink_error_set(err, BRINK_ENOMEM, "verification: out of memory");
        pr->nvalue = n;
    }
    mpq_t *brq = brink_q_array_new((size_t)n);
    if (!brq)
        return brink_error_set(err, BRINK_ENOMEM, "verification: out of memory");
    st = brink_efg_valuesq(g, (const mpq_t *)pr->q, pr->valueq, err);
    if (st == BRINK_OK)
        st = brink_efg_best_response_valuesq(g, (const mpq_t *)pr->q, brq, err);
    if (st == BRINK_OK) {
        /* The gains in doubles above may carry rounding either way; once the exact check is
         * made they become its values, correctly rounded (0 for an equilibrium). */
        pr->verified = 1;
        pr->max_regret = 0;
        pr->nashconv = 0;
        mpq_t gain, sum;
        mpq_init(gain);
        mpq_init(sum);
        for (int i = 0; i < n; i++) {
            mpq_sub(gain, brq[i], pr->valueq[i]);
            if (mpq_sgn(gain) != 0)
                pr->verified = -1;
            mpq_add(sum, sum, gain);
            double r = mpq_get_d(gain);
            if (r > pr->max_regret)
                pr->max_regret = r;
        }
        pr->nashconv = mpq_get_d(sum);
        mpq_clear(gain);
        mpq_clear(sum);
    }
    brink_q_array_free(brq, (size_t)n);
    return st;
}
