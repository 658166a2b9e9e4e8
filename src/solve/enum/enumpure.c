/* enumpure.c — all pure-strategy Nash equilibria of an N-player strategic game.
 *
 * For each player p and each context (the others' strategies) the maximal payoff over p's
 * strategies is found exactly (rationals); a cell is an equilibrium when every player's payoff
 * there equals that maximum. Cost O(cells * players) exact comparisons; no approximation.
 * The time limit is checked every 65536 contexts. */
#include <stdlib.h>

#include "solve/solvers.h"

static brink_status enumpure_nfg(const brink_nfg *g, const brink_solve_options *o,
                                 brink_profile_list *out, brink_error *err)
{
    size_t n = (size_t)g->nplayers;
    unsigned char *ok = malloc(g->ncells ? g->ncells : 1);
    if (!ok) return brink_error_set(err, BRINK_ENOMEM, "out of memory (%zu cells)", g->ncells);
    for (size_t c = 0; c < g->ncells; c++) ok[c] = 1;
    size_t stride = 1, contexts = 0;
    double t0 = brink_now();
    for (size_t p = 0; p < n; p++) {
        size_t k = (size_t)g->nstrats[p], block = stride * k;
        for (size_t hi = 0; hi < g->ncells; hi += block)
            for (size_t lo = 0; lo < stride; lo++) {
                size_t base = hi + lo;
                if ((++contexts & 65535) == 0 && o->time_limit > 0 &&
                    brink_now() - t0 > o->time_limit) {
                    free(ok);
                    return brink_error_set(err, BRINK_ENOCONVERGE,
                                           "enumpure: time limit of %g s reached after %zu of "
                                           "%zu cells' comparisons", o->time_limit, contexts * k,
                                           g->ncells * n);
                }
                const mpq_t *best = &g->payq[base * n + p];
                for (size_t s = 1; s < k; s++) {
                    const mpq_t *x = &g->payq[(base + s * stride) * n + p];
                    if (mpq_cmp(*x, *best) > 0) best = x;
                }
                for (size_t s = 0; s < k; s++) {
                    size_t c = base + s * stride;
                    if (ok[c] && mpq_cmp(g->payq[c * n + p], *best) < 0) ok[c] = 0;
                }
            }
        stride = block;
    }
    int strat[BRINK_MAX_PLAYERS];
    for (size_t c = 0; c < g->ncells; c++) {
        if (!ok[c]) continue;
        brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_MIXED, g->total_strats, 1, err);
        if (!pr) {
            free(ok);
            return BRINK_ENOMEM;
        }
        brink_nfg_cell_strats(g, c, strat);
        for (size_t p = 0; p < n; p++) mpq_set_ui(pr->q[g->strat_offset[p] + strat[p]], 1, 1);
        brink_profile_sync_doubles(pr);
        if (!o->all) break;
    }
    free(ok);
    out->stats.complete = o->all;
    return BRINK_OK;
}

const brink_solver brink_solver_enumpure = {
    .name = "enumpure",
    .summary = "all pure-strategy Nash equilibria (any number of players; extensive games "
               "via the reduced strategic form)",
    .guarantee = "every pure-strategy Nash equilibrium, exactly",
    .flags = BRINK_SOLVER_NFG | BRINK_SOLVER_EFG | BRINK_SOLVER_EXACT | BRINK_SOLVER_ALL |
             BRINK_SOLVER_PURE_ONLY,
    .solve_nfg = enumpure_nfg,
    .solve_efg = NULL,
};
