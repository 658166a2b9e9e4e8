/* bench_forecast.c — the forecast's speed target (issue 12): 10^4 Monte Carlo runs of a
 * 10-actor, 3-issue, 50-round forecast in under 10 s on 2 cores. Seeded synthetic data
 * (capabilities, positions, saliences) and seeded noise on positions and saliences; EU and
 * SMP models, 1 and 2 threads, wall-clock seconds. No peer is installed to compare with
 * (KTAB is C++ with its own data base layer); the figures stand alone.
 * A run stops early only at an exact fixed point (no position changed at all), where every
 * later round is provably the same, so the answer equals the full 50 rounds'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "brink/brink.h"
#include "bench_util.h"

static double wall(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    long runs = argc > 1 ? atol(argv[1]) : 10000;
    int n = 10, D = 3;
    brink_forecast_input in;
    brink_error err;
    if (brink_forecast_input_alloc(&in, n, D, &err)) return 1;
    brink_rng rng;
    brink_rng_seed(&rng, 2026);
    for (int i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "actor%d", i + 1);
        in.actor[i] = strdup(name);
        in.capability[i] = 0.1 + 0.9 * brink_rng_uniform(&rng);
        for (int k = 0; k < D; k++) {
            in.position[i * D + k] = 100.0 * brink_rng_uniform(&rng);
            in.salience[i * D + k] = 0.2 + 0.8 * brink_rng_uniform(&rng);
        }
    }
    for (int k = 0; k < D; k++) {
        char name[32];
        snprintf(name, sizeof name, "issue%d", k + 1);
        in.issue[k] = strdup(name);
    }
    printf("forecast Monte Carlo: %ld runs x (10 actors, 3 issues, 50 rounds), noise sd 5%% of scale, 0.05 salience\n", runs);
    int rc = 0;
    for (int model = 0; model < 2; model++)
        for (int threads = 1; threads <= 2; threads++) {
            brink_forecast_options o;
            brink_forecast_options_default(&o);
            o.model = model ? BRINK_FORECAST_SMP : BRINK_FORECAST_EU;
            o.rounds = 50;
            brink_forecast_mc_options mc = {runs, 0.05, 0.05, 12, 50.0, threads};
            brink_forecast_mc_result res;
            double t0 = wall(), c0 = bench_cpu_self();
            if (brink_forecast_mc(&in, &o, &mc, &res, &err)) {
                fprintf(stderr, "bench_forecast: %s\n", err.message);
                rc = 1;
                continue;
            }
            double t = wall() - t0, c = bench_cpu_self() - c0;
            /* CPU seconds / threads is the wall time on that many free cores; the wall time
             * itself includes waiting for cores other processes hold. */
            printf("  %-3s %d thread%s: wall %7.3f s, cpu %7.3f s (%.1f us/run), cpu/threads %.3f s "
                   "(target < 10 s)  P(>50): %.3f %.3f %.3f\n",
                   model ? "smp" : "eu", threads, threads > 1 ? "s" : " ", t, c, 1e6 * c / runs, c / threads,
                   res.median[0].p, res.median[1].p, res.median[2].p);
            brink_forecast_mc_result_free(&res);
        }
    brink_forecast_input_free(&in);
    return rc;
}
