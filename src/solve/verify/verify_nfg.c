/* verify_nfg.c — checking strategic-form profiles: the payoff of every pure strategy against
 * the others' mixtures, regrets in doubles (NashConv), and an exact check in rationals that
 * no player gains by deviating (regret exactly 0).
 *
 * Cost: one pass over the payoff table, O(cells * players); cells whose weight is zero are
 * skipped in the exact pass, so sparse-support equilibria of large games verify quickly. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "brink/solve.h"

void brink_nfg_strategy_values(const brink_nfg *g, const double *x, double *out)
{
    int n = g->nplayers;
    int s[BRINK_MAX_PLAYERS];
    double pre[BRINK_MAX_PLAYERS + 1], suf[BRINK_MAX_PLAYERS + 1];
    memset(out, 0, sizeof(double) * (size_t)g->total_strats);
    memset(s, 0, sizeof s);
    for (size_t c = 0; c < g->ncells; c++) {
        pre[0] = 1;
        for (int p = 0; p < n; p++) pre[p + 1] = pre[p] * x[g->strat_offset[p] + s[p]];
        suf[n] = 1;
        for (int p = n - 1; p >= 0; p--) suf[p] = suf[p + 1] * x[g->strat_offset[p] + s[p]];
        const double *pay = g->pay + c * (size_t)n;
        for (int p = 0; p < n; p++) {
            double w = pre[p] * suf[p + 1];
            if (w != 0) out[g->strat_offset[p] + s[p]] += w * pay[p];
        }
        for (int p = 0; p < n; p++) { /* odometer, player 0 fastest = cell order */
            if (++s[p] < g->nstrats[p]) break;
            s[p] = 0;
        }
    }
}

void brink_nfg_strategy_valuesq(const brink_nfg *g, const mpq_t *x, mpq_t *out)
{
    int n = g->nplayers;
    int s[BRINK_MAX_PLAYERS];
    mpq_t w, t;
    mpq_init(w);
    mpq_init(t);
    memset(s, 0, sizeof s);
    for (int k = 0; k < g->total_strats; k++) mpq_set_ui(out[k], 0, 1);
    for (size_t c = 0; c < g->ncells; c++) {
        /* zero-count: how many players play a zero-probability strategy in this cell */
        int zeros = 0, zp = -1;
        for (int p = 0; p < n; p++)
            if (mpq_sgn(x[g->strat_offset[p] + s[p]]) == 0) { zeros++; zp = p; }
        if (zeros <= 1) {
            const mpq_t *pay = g->payq + c * (size_t)n;
            for (int p = 0; p < n; p++) {
                if (zeros == 1 && zp != p) continue; /* weight contains a zero factor */
                mpq_set_ui(w, 1, 1);
                for (int q = 0; q < n; q++)
                    if (q != p) mpq_mul(w, w, x[g->strat_offset[q] + s[q]]);
                mpq_mul(t, w, pay[p]);
                mpq_add(out[g->strat_offset[p] + s[p]], out[g->strat_offset[p] + s[p]], t);
            }
        }
        for (int p = 0; p < n; p++) {
            if (++s[p] < g->nstrats[p]) break;
            s[p] = 0;
        }
    }
    mpq_clear(w);
    mpq_clear(t);
}

static brink_status ensure_values(brink_profile *pr, int n, int exact, brink_error *err)
{
    if (!pr->value && !(pr->value = calloc((size_t)n, sizeof(double)))) goto oom;
    if (exact && !pr->valueq) {
        if (!(pr->valueq = brink_q_array_new((size_t)n))) goto oom;
        pr->nvalue = n;
    }
    return BRINK_OK;
oom:
    return brink_error_set(err, BRINK_ENOMEM, "out of memory verifying a profile");
}

/* Exact: every probability >= 0, each player's sum exactly 1. */
static int exact_simplex_nfg(const brink_nfg *g, const mpq_t *x)
{
    mpq_t s;
    mpq_init(s);
    int ok = 1;
    for (int p = 0; p < g->nplayers && ok; p++) {
        mpq_set_ui(s, 0, 1);
        for (int k = g->strat_offset[p]; k < g->strat_offset[p + 1]; k++) {
            if (mpq_sgn(x[k]) < 0) ok = 0;
            mpq_add(s, s, x[k]);
        }
        if (mpq_cmp_ui(s, 1, 1) != 0) ok = 0;
    }
    mpq_clear(s);
    return ok;
}

brink_status brink_verify_nfg(const brink_nfg *g, brink_profile *pr, int exact, brink_error *err)
{
    if (pr->kind != BRINK_PROFILE_MIXED || pr->n != g->total_strats)
        return brink_error_set(err, BRINK_EINVALID,
                               "profile of length %d does not fit a game with %d strategies",
                               pr->n, g->total_strats);
    int n = g->nplayers;
    if (ensure_values(pr, n, 0, err)) return err ? err->code : BRINK_ENOMEM;
    double *v = malloc(sizeof(double) * (size_t)g->total_strats);
    if (!v) return brink_error_set(err, BRINK_ENOMEM, "out of memory verifying a profile");
    brink_nfg_strategy_values(g, pr->p, v);
    pr->max_regret = 0;
    pr->nashconv = 0;
    for (int p = 0; p < n; p++) {
        double ev = 0, best = -INFINITY;
        for (int k = g->strat_offset[p]; k < g->strat_offset[p + 1]; k++) {
            ev += pr->p[k] * v[k];
            if (v[k] > best) best = v[k];
        }
        double r = best - ev;
        if (r < 0) r = 0;
        pr->value[p] = ev;
        pr->nashconv += r;
        if (r > pr->max_regret) pr->max_regret = r;
    }
    free(v);
    pr->verified = 0;
    if (!exact || g->ncells > (size_t)BRINK_MAX_EXACT_CELLS) return BRINK_OK;

    /* Exact check. A double profile is given its simplest nearby rationals first. */
    int rationalized = !pr->q;   /* then a failed check is about nearby fractions, not pr->p */
    if (!pr->q && brink_profile_rationalize(pr, 1e-9, err)) return err ? err->code : BRINK_ENOMEM;
    if (ensure_values(pr, n, 1, err)) return err ? err->code : BRINK_ENOMEM;
    if (!exact_simplex_nfg(g, pr->q)) {
        pr->verified = -1;
        return BRINK_OK;
    }
    mpq_t *vq = brink_q_array_new((size_t)g->total_strats);
    if (!vq) return brink_error_set(err, BRINK_ENOMEM, "out of memory verifying a profile");
    brink_nfg_strategy_valuesq(g, (const mpq_t *)pr->q, vq);
    /* Once checked exactly, the gains are the exact ones, correctly rounded (0 for an
     * equilibrium), not the doubles above with their rounding. */
    mpq_t t, sum;
    mpq_init(t);
    mpq_init(sum);
    int ok = 1;
    double max_regret = 0;
    for (int p = 0; p < n; p++) {
        mpq_set_ui(pr->valueq[p], 0, 1);
        int best = g->strat_offset[p];
        for (int k = g->strat_offset[p]; k < g->strat_offset[p + 1]; k++) {
            mpq_mul(t, pr->q[k], vq[k]);
            mpq_add(pr->valueq[p], pr->valueq[p], t);
            if (mpq_cmp(vq[k], vq[best]) > 0) best = k;
        }
        mpq_sub(t, vq[best], pr->valueq[p]);
        if (mpq_sgn(t) > 0) ok = 0;
        mpq_add(sum, sum, t);
        double r = mpq_get_d(t);
        if (r > max_regret) max_regret = r;
    }
    if (ok || !rationalized) {
        pr->max_regret = max_regret;
        pr->nashconv = mpq_get_d(sum);
    }
    mpq_clear(t);
    mpq_clear(sum);
    brink_q_array_free(vq, (size_t)g->total_strats);
    pr->verified = ok ? 1 : -1;
    return BRINK_OK;
}
