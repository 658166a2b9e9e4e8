/* fuzz_solve.c — small games from arbitrary .efg/.nfg text through every exact method that
 * applies (enumpure, spe, enummixed, lcp, lp, seqlp, seqlcp, sequential), with a time limit.
 * brink_solve verifies every returned profile exactly; the properties checked here:
 *   - no method reports a broken invariant (BRINK_EINTERNAL) or a profile that fails the
 *     exact check (BRINK_EVERIFY); every refusal has a message;
 *   - every profile that carries exact values has exact regret 0 (verified == 1), unless the
 *     method ran past the time limit, when the exact check is skipped (verified == 0);
 *   - in a 2-player strategic game every pure equilibrium found by enumpure is one of the
 *     extreme equilibria found by enummixed (a pure profile is a vertex, so it must be).
 * Games are kept small (at most 64 cells or 64 nodes) so one input runs in milliseconds. */
#include <gmp.h>
#include <time.h>

#include "fuzz_common.h"

#define FUZZ_MAX_CELLS 64
#define FUZZ_MAX_NODES 64

static const char *const METHODS[] = {"enumpure", "spe",    "enummixed", "lcp",
                                      "lp",       "seqlp", "seqlcp",    "sequential"};
#define NMETHODS (int)(sizeof METHODS / sizeof METHODS[0])

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

/* Is profile p (exact, NFG mixed) among the exact profiles of list l? */
static int listed(const brink_profile *p, const brink_profile_list *l)
{
    for (int i = 0; i < l->count; i++) {
        const brink_profile *q = &l->items[i];
        if (!q->q || q->n != p->n)
            continue;
        int same = 1;
        for (int k = 0; same && k < p->n; k++)
            same = mpq_equal(p->q[k], q->q[k]);
        if (same)
            return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    brink_error err;
    brink_error_clear(&err);
    brink_game g = {BRINK_GAME_NONE, NULL, NULL};
    if (brink_game_read((const char *)data, size, "fuzz", &g, &err) != BRINK_OK) {
        brink_game_free(&g);
        return 0;
    }
    if ((g.kind == BRINK_GAME_NFG && g.nfg->ncells > FUZZ_MAX_CELLS) ||
        (g.kind == BRINK_GAME_EFG && g.efg->nnodes > FUZZ_MAX_NODES)) {
        brink_game_free(&g);
        return 0;
    }
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.exact = 1;
    o.all = 1;
    o.time_limit = 2;
    o.max_iterations = 100000;
    brink_profile_list lists[NMETHODS];
    brink_status sts[NMETHODS];
    for (int m = 0; m < NMETHODS; m++) {
        brink_profile_list_init(&lists[m]);
        const brink_solver *s = brink_solver_find(METHODS[m]);
        if (!s)
            FUZZ_BUG("method %s is not registered", METHODS[m]);
        brink_error_clear(&err);
        struct timespec t0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        brink_status st = sts[m] = brink_solve(s, &g, &o, &lists[m], &err);
        if (st == BRINK_EINTERNAL || st == BRINK_EVERIFY)
            FUZZ_BUG("%s: status %s: %s", METHODS[m], brink_status_name(st), err.message);
        if (st != BRINK_OK) {
            if (!err.message[0])
                FUZZ_BUG("%s refused without a message", METHODS[m]);
            continue;
        }
        /* Past o.time_limit brink_solve skips the exact check (verified = 0, documented):
         * only a failed check (-1), or a skipped one within the limit, is a bug. */
        int timed_out = seconds_since(&t0) > o.time_limit;
        for (int i = 0; i < lists[m].count; i++) {
            const brink_profile *p = &lists[m].items[i];
            if (p->q && p->verified != 1 && !(p->verified == 0 && timed_out))
                FUZZ_BUG("%s: exact profile %d not verified (%d, regret %g)", METHODS[m], i,
                         p->verified, p->max_regret);
        }
    }
    /* enumpure (0) inside enummixed (2), for 2-player strategic games */
    if (g.kind == BRINK_GAME_NFG && g.nfg->nplayers == 2 && sts[0] == BRINK_OK &&
        sts[2] == BRINK_OK)
        for (int i = 0; i < lists[0].count; i++)
            if (lists[0].items[i].q && !listed(&lists[0].items[i], &lists[2]))
                FUZZ_BUG("pure equilibrium %d of enumpure is not among enummixed's %d", i,
                         lists[2].count);
    for (int m = 0; m < NMETHODS; m++)
        brink_profile_list_free(&lists[m]);
    brink_game_free(&g);
    return 0;
}
