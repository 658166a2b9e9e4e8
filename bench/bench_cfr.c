/* bench_cfr.c — CFR, CFR+ and DCFR throughput and convergence.
 *
 * For Kuhn poker, Leduc hold'em (card-level tree, 9457 nodes, as OpenSpiel builds it, and the
 * rank-level tree) and the crisis-bargaining family at three sizes, single- and
 * multi-threaded: iterations per second (iteration time only, NashConv measurement
 * excluded), NashConv of the average strategy against wall time, estimated bytes touched per
 * iteration, and that traffic as a fraction of the machine's streaming memory bandwidth
 * (measured here with a triad loop). Small games live in cache, so their fraction of DRAM
 * bandwidth is low by nature; only the large crisis game streams from memory.
 *
 * Environment: BRINK_BENCH_SECONDS (per configuration, default 1), BRINK_BENCH_THREADS
 * (the multi-threaded count, default 2). The reference point, OpenSpiel's tabular
 * CFR at ~100 iterations/s on Leduc, is quoted, not measured (OpenSpiel is not installed).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "brink/brink.h"

#define OPENSPIEL_LEDUC_ITERS_PER_S 100.0 /* quoted in issue 4 */

static double stream_bandwidth(void)
{
    size_t n = (size_t)1 << 24; /* 3 arrays x 128 MB */
    double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *c = malloc(n * sizeof *c);
    if (!a || !b || !c) {
        free(a);
        free(b);
        free(c);
        return NAN;
    }
    for (size_t i = 0; i < n; i++) {
        b[i] = (double)i;
        c[i] = 1.0 / (double)(i + 1);
        a[i] = 0;
    }
    double best = INFINITY;
    for (int rep = 0; rep < 5; rep++) {
        double t = brink_now();
        for (size_t i = 0; i < n; i++)
            a[i] = b[i] + 0.5 * c[i];
        t = brink_now() - t;
        if (t < best)
            best = t;
    }
    volatile double sink = a[n / 2];
    (void)sink;
    free(a);
    free(b);
    free(c);
    return 3.0 * (double)n * sizeof(double) / best / 1e9;
}

typedef struct result {
    double its_per_s;
    double final_nc;
    long iterations;
    int threads;
    double bytes;
} result;

static result run(const brink_efg *g, brink_cfr_variant v, int threads, double seconds,
                  int print_curve)
{
    result r = {0, NAN, 0, 0, 0};
    brink_cfr_params p;
    brink_cfr_params_init(&p, v);
    p.threads = threads;
    brink_error err;
    brink_cfr *c = brink_cfr_new(g, &p, &err);
    if (!c) {
        fprintf(stderr, "cfr: %s\n", err.message);
        return r;
    }
    double busy = 0, wall0 = brink_now();
    long next = 1;
    if (print_curve)
        printf("      curve (iterations: seconds, NashConv):");
    while (brink_now() - wall0 < seconds) {
        long batch = next - brink_cfr_iterations(c);
        double t = brink_now();
        brink_cfr_iterate(c, batch);
        busy += brink_now() - t;
        double nc;
        brink_cfr_nashconv(c, &nc, &err);
        r.final_nc = nc;
        if (print_curve)
            printf(" %ld: %.3gs %.2e;", brink_cfr_iterations(c), busy, nc);
        next = next < 10 ? next + 1 : next * 2;
    }
    if (print_curve)
        printf("\n");
    r.iterations = brink_cfr_iterations(c);
    r.its_per_s = busy > 0 ? (double)r.iterations / busy : 0;
    r.threads = brink_cfr_threads(c);
    r.bytes = brink_cfr_bytes_per_iteration(c);
    brink_cfr_free(c);
    return r;
}

/* NashConv of the average strategy two ways: CFR's own passes over its flattened arrays
 * (brink_cfr_nashconv) and the shared tree evaluator (brink_efg_nashconv); times per call and
 * the largest difference, so a change to either shows up here. */
static void nashconv_two_ways(const brink_efg *g, double seconds)
{
    brink_cfr_params p;
    brink_cfr_params_init(&p, BRINK_CFR_PLUS);
    p.threads = 1;
    brink_error err;
    brink_cfr *c = brink_cfr_new(g, &p, &err);
    double *b = malloc((size_t)g->nactions * sizeof *b);
    if (!c || !b) {
        free(b);
        brink_cfr_free(c);
        return;
    }
    brink_cfr_iterate(c, 10);
    double t_cfr = 0, t_eval = 0, diff = 0;
    long calls = 0;
    double wall0 = brink_now();
    while (brink_now() - wall0 < seconds / 4 || calls < 3) {
        double nc1 = 0, nc2 = 0, t = brink_now();
        brink_cfr_nashconv(c, &nc1, &err);
        t_cfr += brink_now() - t;
        t = brink_now();
        brink_cfr_average(c, b);
        brink_efg_nashconv(g, b, &nc2, NULL, &err);
        t_eval += brink_now() - t;
        diff = fmax(diff, fabs(nc1 - nc2));
        calls++;
    }
    printf("  NashConv per call: cfr passes %.3g ms, shared evaluator %.3g ms (ratio %.2f), "
           "largest difference %.1e\n",
           1e3 * t_cfr / calls, 1e3 * t_eval / calls, t_eval / t_cfr, diff);
    free(b);
    brink_cfr_free(c);
}

int main(void)
{
    double seconds = getenv("BRINK_BENCH_SECONDS") ? atof(getenv("BRINK_BENCH_SECONDS")) : 1.0;
    int mt = getenv("BRINK_BENCH_THREADS") ? atoi(getenv("BRINK_BENCH_THREADS")) : 2;
    double bw = stream_bandwidth();
    printf("bench_cfr: streaming triad bandwidth %.1f GB/s; %.1f s per configuration\n", bw,
           seconds);

    brink_error err;
    const char *names[6] = {"kuhn", "leduc (cards)", "leduc (ranks)", "crisis S", "crisis M",
                            "crisis L"};
    brink_crisis_params cp[3];
    int sizes[3][3] = {{3, 2, 2}, {5, 3, 3}, {7, 4, 4}};
    for (int k = 0; k < 3; k++) {
        brink_crisis_params_init(&cp[k]);
        cp[k].rounds = sizes[k][0];
        cp[k].levels = sizes[k][1];
        cp[k].types = sizes[k][2];
    }
    const char *vname[3] = {"cfr", "cfr+", "dcfr"};
    brink_cfr_variant vs[3] = {BRINK_CFR_VANILLA, BRINK_CFR_PLUS, BRINK_CFR_DISCOUNTED};
    double leduc_cfr = 0, leduc_cfrplus = 0;
    for (int gi = 0; gi < 6; gi++) {
        double tb = brink_now();
        brink_efg *g = gi == 0 ? brink_gen_kuhn(&err)
                       : gi == 1 ? brink_gen_leduc_cards(&err)
                       : gi == 2 ? brink_gen_leduc(&err)
                                 : brink_gen_crisis(&cp[gi - 3], &err);
        if (!g) {
            fprintf(stderr, "%s: %s\n", names[gi], err.message);
            continue;
        }
        printf("\n%s: %d nodes, %d player infosets, %d player actions (built in %.2f s)\n",
               names[gi], g->nnodes, g->player_infoset_start[g->nplayers],
               g->player_action_start[g->nplayers], brink_now() - tb);
        printf("  %-5s %7s %12s %12s %10s %9s %11s\n", "algo", "threads", "iter/s", "MB/iter",
               "GB/s", "% stream", "NashConv");
        for (int vi = 0; vi < 3; vi++) {
            for (int ti = 0; ti < 2; ti++) {
                int th = ti == 0 ? 1 : mt;
                if (th == 1 && ti == 1)
                    continue;
                result r = run(g, vs[vi], th, seconds, 0);
                double gbs = r.its_per_s * r.bytes / 1e9;
                printf("  %-5s %7d %12.1f %12.3f %10.2f %8.1f%% %11.3e   (%ld iterations)\n",
                       vname[vi], r.threads, r.its_per_s, r.bytes / 1e6, gbs, 100 * gbs / bw,
                       r.final_nc, r.iterations);
                if (gi == 1 && ti == 0 && vi == 0)
                    leduc_cfr = r.its_per_s;
                if (gi == 1 && ti == 0 && vi == 1)
                    leduc_cfrplus = r.its_per_s;
            }
        }
        nashconv_two_ways(g, seconds);
        /* NashConv against time, single thread, CFR+ and DCFR */
        for (int vi = 1; vi < 3; vi++) {
            printf("    %s:\n", vname[vi]);
            run(g, vs[vi], 1, seconds, 1);
        }
        brink_efg_free(g);
    }
    printf("\nLeduc (card-level tree, 1 thread): cfr %.0f iter/s, cfr+ %.0f iter/s; issue target "
           ">= 2000; vs OpenSpiel's quoted ~%.0f iter/s: %.0fx (cfr)\n",
           leduc_cfr, leduc_cfrplus, OPENSPIEL_LEDUC_ITERS_PER_S,
           leduc_cfr / OPENSPIEL_LEDUC_ITERS_PER_S);
    return 0;
}
