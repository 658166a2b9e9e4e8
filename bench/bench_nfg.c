/* bench_nfg.c — strategic-form solvers against lrsnash, and Lemke–Howson on large games.
 *
 * Times are CPU seconds (the machine may be shared): this process's for brink, the child's
 * (getrusage) for lrsnash. Part 1: all equilibria of random n x n games (payoffs uniform integers 0..99, fixed seeds),
 * brink's enummixed (in-process through brink_solve, including the exact verification of every
 * equilibrium) against lrsnash (lrslib, run as a process on the same game). The two sets of
 * extreme equilibria must be equal as exact rationals; the program fails otherwise. Prints the
 * median wall times and their ratio for n = 8, 10, 12, 15 (and 20 with BRINK_BENCH_BIG=1).
 * Part 2: one equilibrium of random 200 x 200 games by Lemke–Howson (lcp --one), median time.
 *
 * Environment: BRINK_BENCH_REPS (games per size, default 5), BRINK_BENCH_BIG=1,
 * BRINK_BENCH_PART=enum|lh (one part only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "brink/brink.h"
#include "../tests/unit/lrsnash_ref.h"
#include "bench_util.h"

/* CPU seconds of this process, and of finished children (lrsnash): the machine may be shared,
 * so CPU time is the fair measure; all work here is single-threaded. */
static double cpu_children(void)
{
    struct rusage u;
    getrusage(RUSAGE_CHILDREN, &u);
    return (double)u.ru_utime.tv_sec + 1e-6 * (double)u.ru_utime.tv_usec +
           (double)u.ru_stime.tv_sec + 1e-6 * (double)u.ru_stime.tv_usec;
}

static brink_nfg *random_game(int m, int n, uint64_t seed, long *a, long *b)
{
    brink_rng r;
    brink_rng_seed(&r, seed);
    int ns[2] = {m, n};
    brink_nfg *g = brink_nfg_new(2, ns, NULL);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            a[i * n + j] = (long)brink_rng_below(&r, 100);
            b[i * n + j] = (long)brink_rng_below(&r, 100);
        }
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            int s[2] = {i, j};
            size_t c = brink_nfg_cell(g, s);
            brink_nfg_set_payoff_si(g, c, 0, a[i * n + j], 1);
            brink_nfg_set_payoff_si(g, c, 1, b[i * n + j], 1);
        }
    return g;
}

static int profile_set(const brink_nfg *g, const brink_profile_list *l, eqset *out)
{
    memset(out, 0, sizeof *out);
    int m = g->nstrats[0], n = g->nstrats[1];
    size_t sz = (size_t)(m + n + 2) * 256;
    char *buf = malloc(sz);
    for (int i = 0; i < l->count; i++) {
        buf[0] = 0;
        eqset_put_vec(buf, sz, l->items[i].q, m);
        strcat(buf, " | ");
        eqset_put_vec(buf, sz, l->items[i].q + m, n);
        eqset_add(out, buf);
    }
    free(buf);
    eqset_finish(out);
    return 0;
}

static int bench_enummixed(int reps, int big)
{
    int sizes[] = {8, 10, 12, 15, 20};
    int nsizes = big ? 5 : 4;
    int have_lrs = lrsnash_available();
    if (!have_lrs)
        printf("lrsnash not found (%s): brink times only\n", LRSNASH_PATH);
    printf("\nAll equilibria of random n x n games (payoffs 0..99), median of the games:\n");
    printf("%4s %5s %12s %12s %8s %10s %10s\n", "n", "games", "brink cpu s", "lrsnash cpu", "ratio",
           "equilibria", "bases");
    const brink_solver *s = brink_solver_find("enummixed");
    for (int si = 0; si < nsizes; si++) {
        int n = sizes[si];
        int rn = n >= 20 ? 1 : n >= 15 ? (reps < 3 ? reps : 3) : reps;
        double tb[64], tl[64];
        long neq = 0, bases = 0;
        for (int r = 0; r < rn && r < 64; r++) {
            long *a = malloc(sizeof(long) * (size_t)n * n), *b = malloc(sizeof(long) * (size_t)n * n);
            brink_nfg *g = random_game(n, n, 1000 * (uint64_t)n + (uint64_t)r, a, b);
            brink_game game = {BRINK_GAME_NFG, g, NULL};
            brink_profile_list l;
            brink_profile_list_init(&l);
            brink_error err;
            double t0 = bench_cpu_self();
            brink_status st = brink_solve(s, &game, NULL, &l, &err);
            tb[r] = bench_cpu_self() - t0;
            if (st != BRINK_OK) {
                fprintf(stderr, "enummixed failed: %s\n", err.message);
                return 1;
            }
            neq += l.count;
            bases += l.stats.iterations;
            if (have_lrs) {
                eqset ref, got;
                t0 = cpu_children();
                int rc = lrsnash_solve(n, n, a, b, &ref);
                tl[r] = cpu_children() - t0;
                if (rc != 0) {
                    fprintf(stderr, "lrsnash failed on a %dx%d game\n", n, n);
                    return 1;
                }
                profile_set(g, &l, &got);
                if (!eqset_equal(&got, &ref)) {
                    fprintf(stderr, "MISMATCH on %dx%d game %d: brink %d, lrsnash %d\n", n, n, r,
                            got.count, ref.count);
                    return 1;
                }
                eqset_free(&ref);
                eqset_free(&got);
            }
            brink_profile_list_free(&l);
            brink_nfg_free(g);
            free(a);
            free(b);
        }
        double mb = bench_median(tb, rn);
        if (have_lrs) {
            double ml = bench_median(tl, rn);
            printf("%4d %5d %12.4f %12.4f %7.1fx %10.1f %10ld  (sets equal)\n", n, rn, mb, ml,
                   ml / mb, (double)neq / rn, bases / rn);
        } else {
            printf("%4d %5d %12.4f %12s %8s %10.1f %10ld\n", n, rn, mb, "-", "-",
                   (double)neq / rn, bases / rn);
        }
        fflush(stdout);
    }
    return 0;
}

static int bench_lh(int reps)
{
    int n = 200;
    printf("\nOne equilibrium of random %dx%d games by Lemke-Howson (lcp --one):\n", n, n);
    const brink_solver *s = brink_solver_find("lcp");
    double t[64], tv[64];
    long piv = 0;
    for (int r = 0; r < reps && r < 64; r++) {
        long *a = malloc(sizeof(long) * (size_t)n * n), *b = malloc(sizeof(long) * (size_t)n * n);
        brink_nfg *g = random_game(n, n, 77 + (uint64_t)r, a, b);
        brink_game game = {BRINK_GAME_NFG, g, NULL};
        brink_solve_options o;
        brink_solve_options_init(&o);
        o.all = 0;
        brink_profile_list l;
        brink_profile_list_init(&l);
        brink_error err;
        /* the solver alone: conversion, paths, exact re-derivation of the equilibrium */
        double t0 = bench_cpu_self();
        brink_status st = s->solve_nfg(g, &o, &l, &err);
        t[r] = bench_cpu_self() - t0;
        brink_profile_list_free(&l);
        /* through brink_solve: plus the driver's independent exact verification */
        t0 = bench_cpu_self();
        if (st == BRINK_OK)
            st = brink_solve(s, &game, &o, &l, &err);
        tv[r] = bench_cpu_self() - t0;
        if (st != BRINK_OK || l.count != 1 || l.items[0].verified != 1) {
            fprintf(stderr, "lcp failed: %s\n", st ? err.message : "no verified equilibrium");
            return 1;
        }
        piv += l.stats.iterations;
        brink_profile_list_free(&l);
        brink_nfg_free(g);
        free(a);
        free(b);
    }
    printf("  solver: median %.2f ms; with the driver's exact verification: %.2f ms "
           "(%d games, %.0f pivots/game)\n",
           1e3 * bench_median(t, reps), 1e3 * bench_median(tv, reps), reps, (double)piv / reps);
    return 0;
}

int main(void)
{
    const char *e = getenv("BRINK_BENCH_REPS");
    int reps = e ? atoi(e) : 5;
    if (reps < 1)
        reps = 1;
    int big = getenv("BRINK_BENCH_BIG") && atoi(getenv("BRINK_BENCH_BIG"));
    const char *part = getenv("BRINK_BENCH_PART"); /* "enum" or "lh" to run one part */
    if ((!part || strcmp(part, "lh") != 0) && bench_enummixed(reps, big))
        return 1;
    if ((!part || strcmp(part, "enum") != 0) && bench_lh(reps < 5 ? 5 : reps))
        return 1;
    return 0;
}
