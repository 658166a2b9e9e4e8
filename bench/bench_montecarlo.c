/* bench_montecarlo.c — Monte Carlo throughput (issue 10): certified instances per second
 * for M1, M6 and M8 with 1 thread and with every thread OpenMP offers, and the ratio to the
 * naive loop a user would script, one `brink analyze ID --no-questions --set ...` process
 * per draw (a few timed, the rate extrapolated). Times are wall-clock (threads); the
 * machine may be shared, so rerun when the figures look off. Issue 10's target: M1 at
 * >= 10^6 instances per minute on a 2-core machine.
 * The last column: all threads, every draw stored with --db (the cost of "nothing lost").
 * "exact 1thr": 1 thread with every draw solved exactly (--exact), beside the default, which
 * solves a perfect-information game on the double path (docs/montecarlo.md); M5's copy with
 * reputation_cost ~ beta (tests/data/montecarlo/) is the perfect-information case.
 * M1's draws fall in regions of its one drawn parameter proved to hold one equilibrium, or
 * equilibria with the same values and outcomes, and are answered by exact lookup (the region
 * path); its rate includes computing those regions once (about 0.1 s), so it is measured over
 * 200,000 draws, its every-draw-exact column over 20,000.
 * Then the region path (one drawn parameter; docs/montecarlo.md): draws/s when every draw
 * first tries a lookup in the certified regions, the share answered by lookup, and the
 * default's draws/s beside it.
 * Then the Sobol indices (--sobol N): the design's draws per second (N (k + 2) draws solved
 * as samples are) and the whole run's seconds (the estimator and its 200 bootstrap
 * resamples per output included), 1 thread and all threads.
 * Then a compact game (10 rounds of alternating offers, 3.2e13 nodes unfolded): draws/s on
 * its distinct sub-games, 1 thread, all threads, and every draw exact.
 * BRINK_BENCH_SCALE multiplies the number of draws (default 1). BRINK_BIN: the CLI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "brink/brink.h"
#include "bench_util.h"

/* Remove a database and its write-ahead log and index. */
static void remove_db(const char *db)
{
    static const char *const ext[] = {"", "-wal", "-shm"};
    brink_buf path;
    brink_buf_init(&path);
    for (int k = 0; k < 3; k++) {
        brink_buf_reset(&path);
        brink_buf_printf(&path, "%s%s", db, ext[k]);
        if (!path.failed)
            remove(path.data);
    }
    brink_buf_free(&path);
}

/* Draws per second of brink_montecarlo with `threads` threads (storing every draw in the
 * SQLite file db when not NULL, a new file); -1 on failure. */
static double rate_regions(const brink_scenario *sc, long samples, int threads, const char *db,
                           int exact, int regions, long *failed, long *lookup)
{
    brink_error err;
    brink_error_clear(&err);
    brink_mc_options o;
    brink_mc_options_init(&o);
    o.samples = samples;
    o.threads = threads;
    o.db = db;
    o.exact = exact;
    o.regions = regions;
    if (db) {
        remove_db(db);
    }
    double t0 = brink_now();
    brink_mc_result *r = brink_montecarlo(sc, &o, &err);
    double dt = brink_now() - t0;
    if (!r) {
        fprintf(stderr, "%s: %s\n", brink_scenario_id(sc), err.message);
        return -1;
    }
    *failed = r->failed;
    if (lookup)
        *lookup = r->region_lookup;
    brink_mc_result_free(r);
    return (double)samples / dt;
}

static double rate(const brink_scenario *sc, long samples, int threads, const char *db,
                   int exact, long *failed)
{
    return rate_regions(sc, samples, threads, db, exact, 0, failed, NULL);
}

/* Sobol run with N base rows: the design's draws/s, and the whole call's seconds in *total;
 * -1 on failure. */
static double sobol_rate(const brink_scenario *sc, long N, int threads, double *total,
                         long *draws)
{
    brink_error err;
    brink_error_clear(&err);
    brink_mc_options o;
    brink_mc_options_init(&o);
    o.samples = 1;
    o.threads = threads;
    o.sobol = N;
    double t0 = brink_now();
    brink_mc_result *r = brink_montecarlo(sc, &o, &err);
    *total = brink_now() - t0;
    if (!r) {
        fprintf(stderr, "%s: %s\n", brink_scenario_id(sc), err.message);
        return -1;
    }
    double v = (double)r->sobol_draws / r->sobol_seconds;
    *draws = r->sobol_draws;
    brink_mc_result_free(r);
    return v;
}

/* Draws per second of the naive loop: `brink analyze` per draw, values from the sampler. */
static double naive_rate(const char *bin, const char *id, const brink_scenario *sc, int reps)
{
    brink_error err;
    brink_sampler *s = brink_sampler_new(sc, &err);
    if (!s)
        return -1;
    int np = brink_scenario_nparams(sc);
    double *v = calloc((size_t)np + 1, sizeof *v);
    double *w = calloc(brink_sampler_work_size(s), sizeof *w);
    double *ts = calloc((size_t)reps, sizeof *ts), res = -1;
    brink_buf cmd;
    brink_buf_init(&cmd);
    int ok = v && w && ts;
    for (int i = 0; i < reps && ok; i++) {
        brink_sampler_draw(s, 1, (uint64_t)i, v, w);
        brink_buf_reset(&cmd);
        brink_buf_printf(&cmd, "'%s' analyze %s --no-questions", bin, id);
        for (int k = 0; k < brink_sampler_nvaried(s); k++) {
            int p = brink_sampler_varied(s, k);
            brink_buf_printf(&cmd, " --set %s=%.17g", brink_scenario_param(sc, p)->name, v[p]);
        }
        brink_buf_puts(&cmd, " >/dev/null");
        double t0 = brink_now();
        ok = !cmd.failed && system(cmd.data) == 0;
        ts[i] = brink_now() - t0;
    }
    if (ok)
        res = 1.0 / bench_median(ts, reps);
    brink_buf_free(&cmd);
    free(ts);
    free(v);
    free(w);
    brink_sampler_free(s);
    return res;
}

int main(void)
{
    static const struct { const char *id; long samples, exact_samples; } cases[] = {
        {"m1", 200000, 20000}, {"m6", 300, 300}, {"m8", 12, 12},
        {"tests/data/montecarlo/m5-reputation-beta.yaml", 1000000, 20000},
    };
    const char *e = getenv("BRINK_BENCH_SCALE");
    double scale = e && atof(e) > 0 ? atof(e) : 1;
    const char *bin = getenv("BRINK_BIN");
    int all = 1, failed = 0;
#ifdef _OPENMP
    all = omp_get_max_threads();
#endif
    /* BRINK_BENCH_DB: where the --db runs write (default: a file in /tmp, removed after) */
    const char *db = getenv("BRINK_BENCH_DB");
    if (!db)
        db = "/tmp/brink-bench-montecarlo.sqlite";
    printf("%-6s %8s %12s %12s %8s %12s %10s %9s %12s %12s\n", "scen", "draws", "inst/s 1thr",
           "inst/s all", "threads", "naive inst/s", "ratio", "inst/min", "all+db inst/s",
           "exact 1thr");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        brink_error err;
        brink_error_clear(&err);
        brink_scenario *sc = brink_scenario_load(cases[i].id, &err);
        if (!sc) {
            fprintf(stderr, "%s: %s\n", cases[i].id, err.message);
            failed = 1;
            continue;
        }
        long n = (long)((double)cases[i].samples * scale);
        if (n < 1)
            n = 1;
        long nx = (long)((double)cases[i].exact_samples * scale);
        if (nx < 1)
            nx = 1;
        long f1 = 0, fa = 0;
        double r1 = rate(sc, n, 1, NULL, 0, &f1), ra = rate(sc, n, all, NULL, 0, &fa);
        /* the cost of nothing lost: the same run storing every draw (--db) */
        double rdb = rate(sc, n, all, db, 0, &fa);
        double rx = rate(sc, nx, 1, NULL, 1, &fa);
        double rn = bin ? naive_rate(bin, cases[i].id, sc, 5) : -1;
        const char *name = strrchr(cases[i].id, '/') ? "m5copy" : cases[i].id;
        printf("%-6s %8ld %12.1f %12.1f %8d %12.2f %10.1f %9.3g %12.1f %12.1f%s\n", name, n, r1,
               ra, all, rn, rn > 0 ? ra / rn : -1, ra * 60, rdb, rx,
               f1 || fa ? "  (some draws failed)" : "");
        failed |= r1 < 0 || ra < 0 || rdb < 0 || rx < 0;
        brink_scenario_free(sc);
    }
    remove_db(db);
    /* The region path (one drawn parameter): tried first on every draw (brink_mc_options
     * .regions = 1), 1 thread, with the share of draws it answered by lookup; the rest are
     * solved as usual */
    static const struct { const char *id; long samples; } reg[] = {
        {"m1", 200000}, {"tests/data/montecarlo/m5-reputation-beta.yaml", 200000},
    };
    printf("\n%-6s %8s %16s %10s %16s\n", "region", "draws", "inst/s lookup 1st", "looked up",
           "inst/s default");
    for (size_t i = 0; i < sizeof reg / sizeof reg[0]; i++) {
        brink_error err;
        brink_error_clear(&err);
        brink_scenario *sc = brink_scenario_load(reg[i].id, &err);
        if (!sc) {
            fprintf(stderr, "%s: %s\n", reg[i].id, err.message);
            failed = 1;
            continue;
        }
        long n = (long)((double)reg[i].samples * scale), f = 0, looked = 0;
        if (n < 1)
            n = 1;
        double rr = rate_regions(sc, n, 1, NULL, 0, 1, &f, &looked);
        double rd = rate(sc, n, 1, NULL, 0, &f);
        const char *name = strrchr(reg[i].id, '/') ? "m5copy" : reg[i].id;
        printf("%-6s %8ld %16.1f %9.1f%% %16.1f\n", name, n, rr, 100.0 * (double)looked / (double)n,
               rd);
        failed |= rr < 0 || rd < 0;
        brink_scenario_free(sc);
    }
    /* Sobol indices: Saltelli's design solved like the samples */
    static const struct { const char *id; long N; } sob[] = {
        {"m1", 2000}, {"tests/data/montecarlo/m5-reputation-beta.yaml", 100000},
    };
    printf("\n%-6s %8s %8s %14s %10s %14s %10s\n", "sobol", "N", "draws", "draws/s 1thr",
           "s 1thr", "draws/s all", "s all");
    for (size_t i = 0; i < sizeof sob / sizeof sob[0]; i++) {
        brink_error err;
        brink_error_clear(&err);
        brink_scenario *sc = brink_scenario_load(sob[i].id, &err);
        if (!sc) {
            fprintf(stderr, "%s: %s\n", sob[i].id, err.message);
            failed = 1;
            continue;
        }
        long N = (long)((double)sob[i].N * scale), nd = 0;
        if (N < 2)
            N = 2;
        double t1, ta;
        double s1 = sobol_rate(sc, N, 1, &t1, &nd), sa = sobol_rate(sc, N, all, &ta, &nd);
        const char *name = strrchr(sob[i].id, '/') ? "m5copy" : sob[i].id;
        printf("%-6s %8ld %8ld %14.1f %10.3f %14.1f %10.3f\n", name, N, nd, s1, t1, sa, ta);
        failed |= s1 < 0 || sa < 0;
        brink_scenario_free(sc);
    }
    /* A compact game (issue 15): 10 rounds of alternating offers, 3.2e13 nodes as a tree,
     * solved per draw on its distinct sub-games (docs/big-trees.md), the double path with
     * its margin test first, and every draw exactly (--exact) */
    {
        const char *cid = "tests/data/montecarlo/rubinstein10-delta.yaml";
        brink_error err;
        brink_error_clear(&err);
        brink_scenario_limits lim;
        brink_scenario_limits_init(&lim);
        lim.compact_above = 100000;
        brink_scenario *sc = brink_scenario_load_file(cid, &lim, &err);
        if (!sc) {
            fprintf(stderr, "%s: %s\n", cid, err.message);
            failed = 1;
        } else {
            long n = (long)(20000 * scale), f = 0;
            if (n < 1)
                n = 1;
            double c1 = rate(sc, n, 1, NULL, 0, &f), ca = rate(sc, n, all, NULL, 0, &f),
                   cx = rate(sc, n / 4 > 0 ? n / 4 : 1, 1, NULL, 1, &f);
            printf("\n%-8s %8s %12s %12s %12s\n", "compact", "draws", "inst/s 1thr", "inst/s all",
                   "exact 1thr");
            printf("%-8s %8ld %12.1f %12.1f %12.1f%s\n", "rub10", n, c1, ca, cx,
                   f ? "  (some draws failed)" : "");
            failed |= c1 < 0 || ca < 0 || cx < 0;
            brink_scenario_free(sc);
        }
    }
    printf("target (issue 10): m1 >= 1e6 instances per minute on 2 cores; naive ratio >= 1000\n");
    return failed;
}
