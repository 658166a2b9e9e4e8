/* bench_gnm.c — the Govindan–Wilson methods (gnm, ipa) against simpdiv on random N-player
 * strategic games.
 *
 * Random 3-player and 4-player games (each player k strategies, payoffs uniform integers
 * 0..99, fixed seeds), each solved by gnm, ipa and simpdiv through brink_solve (so each time
 * includes the driver's verification of every profile, exactly where it is rational). Prints
 * per size and method: median CPU seconds per game, profiles found per game, how many of
 * them were verified exactly, and the worst NashConv relative to the payoff range. gnm's
 * time covers the whole path (every equilibrium on it); ipa and simpdiv return one. Gambit's
 * gambit-gnm / gambit-ipa are not installed by the project's dependencies, so no ratios
 * against them are printed.
 *
 * Environment: BRINK_BENCH_REPS (games per size, default 5).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "brink/brink.h"
#include "bench_util.h"

static brink_nfg *random_game(int N, int k, uint64_t seed)
{
    brink_rng r;
    brink_rng_seed(&r, seed);
    int ns[8];
    for (int i = 0; i < N; i++)
        ns[i] = k;
    brink_nfg *g = brink_nfg_new(N, ns, NULL);
    if (!g)
        return NULL;
    for (size_t c = 0; c < g->ncells; c++)
        for (int p = 0; p < N; p++)
            brink_nfg_set_payoff_si(g, c, p, (long)brink_rng_below(&r, 100), 1);
    return g;
}

int main(void)
{
    const char *env = getenv("BRINK_BENCH_REPS");
    int reps = env ? atoi(env) : 5;
    if (reps < 1)
        reps = 1;
    static const struct { int N, k; } sizes[] = {{3, 3}, {3, 5}, {3, 8}, {4, 3}, {4, 5}};
    static const char *const methods[] = {"gnm", "ipa", "simpdiv"};
    double *t = malloc(sizeof(double) * (size_t)reps);
    if (!t)
        return 1;
    printf("%-8s %-8s %12s %10s %8s %12s\n", "game", "method", "median s", "profiles", "exact",
           "worst NC/rg");
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
        for (int m = 0; m < 3; m++) {
            long profiles = 0, exact = 0;
            double worst = 0;
            for (int r = 0; r < reps; r++) {
                uint64_t seed = 1000u * (uint64_t)z + (uint64_t)r;
                brink_nfg *g = random_game(sizes[z].N, sizes[z].k, seed);
                if (!g)
                    return 1;
                double range = 0, lo = INFINITY, hi = -INFINITY;
                for (size_t c = 0; c < g->ncells * (size_t)g->nplayers; c++) {
                    lo = fmin(lo, g->pay[c]);
                    hi = fmax(hi, g->pay[c]);
                }
                range = hi > lo ? hi - lo : 1;
                brink_game game = {BRINK_GAME_NFG, g, NULL};
                brink_profile_list l;
                brink_profile_list_init(&l);
                brink_error err;
                double c0 = bench_cpu_self();
                const brink_solver *sv = brink_solver_find(methods[m]);
                brink_status st = brink_solve(sv, &game, NULL, &l, &err);
                t[r] = bench_cpu_self() - c0;
                if (st) {
                    fprintf(stderr, "%s: %s\n", methods[m], err.message);
                    return 1;
                }
                profiles += l.count;
                for (int i = 0; i < l.count; i++) {
                    exact += l.items[i].verified == 1;
                    double rel = l.items[i].verified == 1 ? 0 : l.items[i].nashconv / range;
                    worst = fmax(worst, rel);
                }
                brink_profile_list_free(&l);
                brink_nfg_free(g);
            }
            char name[16];
            snprintf(name, sizeof name, "%d^%d", sizes[z].k, sizes[z].N);
            printf("%-8s %-8s %12.6f %10.2f %8ld %12.2g\n", name, methods[m],
                   bench_median(t, reps), (double)profiles / reps, exact, worst);
        }
    free(t);
    return 0;
}
