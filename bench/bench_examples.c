/* bench_examples.c — the speed targets of the classic models written with generators
 * (issue 15): Fearon's bargaining with N equally likely private costs and a 31-point demand
 * grid, with the cost drawn after the demand (where it first matters) and at the root (the
 * slow order), and alternating offers with 20 offers for 1 to 4 rounds (nodes, time, peak
 * memory of this process so far). Each model is compiled and analysed (no questions) once;
 * CPU seconds. Targets: Fearon 100 types x 31 demands < 1 s (in either order: drawn at the
 * root, the analysis postpones the draw itself); Kreps-Wilson chain store with 6 entrants
 * < 5 s (3 entrants by default, BENCH_KW_ENTRANTS=N for up to N: agent-logit, the only
 * method the analysis has for more than two actors); 4 rounds x 20 offers < 50 MB.
 *
 * Kreps-Wilson, measured with `brink analyze` (user CPU seconds on a shared 2-core machine
 * under heavy load, so +-20%; the same certified sequential equilibrium each time):
 *   entrants                   6      7      8     9     10
 *   tree nodes               2.9k   8.7k    26k   79k   236k
 *   before (82caefa)         0.74    3.1     12    60    ~5 min (447 s wall), 652 MB
 *   after (branch kw)        0.49    1.8    6.4    36    188, 676 MB
 * Per entrant the tree grows 3x and the time still ~4.5x: each path step costs about nodes
 * x depth (the Jacobian has a nonzero for every pair of an information set and an action
 * above it or below it: beliefs and values; 28k, 97k, 332k, 1.1M nonzeros for 6..9) and
 * the steps grow too (100, 110, 120, 160 for 6..9: the exact end of the branch needs the
 * same rounding twice, which comes later with more entrants). 4 entrants (240 player
 * actions: the dense path) takes longer than 5 (~0.9 s against ~0.15 s).
 *
 * Usage: bench_examples [TYPES ...]   (default 30 100)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "brink/brink.h"
#include "bench_util.h"

static void fearon(brink_buf *b, int types, int at_root)
{
    brink_buf_reset(b);
    brink_buf_puts(b, "brink: 1\nid: fearon\nactors: {A: {}, B: {}}\n"
                      "parameters: {p: 0.5, c_A: 0.1, c_max: 0.3}\n");
    const char *answer = "B: {accept: {payoff: {A: x, B: 1 - x}}, "
                         "fight: {payoff: {A: p - c_A, B: 1 - p - c_max * u}}}";
    if (at_root)
        brink_buf_printf(b, "game:\n  seen_by: [B]\n  chance:\n    c_{u}:\n      for: u\n"
                            "      in: quantiles(uniform(0, 1), %d)\n      prob: 1/%d\n"
                            "      A:\n        d_{x}:\n          for: x\n"
                            "          in: range(0.5, 0.8, 0.01)\n          %s\n",
                         types, types, answer);
    else
        brink_buf_printf(b, "game:\n  A:\n    d_{x}:\n      for: x\n"
                            "      in: range(0.5, 0.8, 0.01)\n      seen_by: [B]\n"
                            "      chance:\n        c_{u}:\n          for: u\n"
                            "          in: quantiles(uniform(0, 1), %d)\n"
                            "          prob: 1/%d\n          %s\n",
                         types, types, answer);
}

static void rubinstein(brink_buf *b, int rounds)
{
    brink_buf_reset(b);
    brink_buf_printf(b, "brink: 1\nid: rubinstein\nactors: {A: {}, B: {}}\n"
                        "parameters: {delta: 0.5}\nsubgames:\n  offer:\n"
                        "    args: {proposer: actor, responder: actor}\n    body:\n"
                        "      proposer:\n        o_{y}:\n          for: y\n"
                        "          in: range(0.025, 0.975, 0.05)\n          responder:\n"
                        "            accept: {payoff: {proposer: \"delta^(round - 1) * (1 - y)\", "
                        "responder: \"delta^(round - 1) * y\"}}\n            reject: next\n"
                        "  round:\n    body:\n      if: mod(round, 2) == 1\n"
                        "      then: {play: offer, with: {proposer: A, responder: B}, then: next}\n"
                        "      else: {play: offer, with: {proposer: B, responder: A}, then: next}\n"
                        "game: {repeat: round, times: %d, then: {}}\n", rounds);
}

/* Kreps-Wilson chain store (examples/chainstore.yaml) with n entrants E1..En. */
static void chainstore(brink_buf *b, int n)
{
    brink_buf_reset(b);
    brink_buf_puts(b, "brink: 1\nid: kw\nactors:\n  I: {types: {tough: q, weak: 1 - q}}\n");
    for (int k = 1; k <= n; k++)
        brink_buf_printf(b, "  E%d: {}\n", k);
    brink_buf_puts(b, "parameters: {q: 0.2, a: 2, b: 1/2}\nsubgames:\n  market:\n"
                      "    args: {entrant: actor}\n    body:\n      entrant:\n        enter:\n"
                      "          I:\n            fight: {payoff: {entrant: b - 1, I.weak: -1}, "
                      "next: true}\n            accommodate: {payoff: {entrant: b, I.tough: -1}, "
                      "next: true}\n        stay_out: {payoff: {I.weak: a}, next: true}\n"
                      "  stage:\n    body: {play: market, with: {entrant: \"E{round}\"}}\n");
    brink_buf_printf(b, "game: {repeat: stage, times: %d, then: {}}\n", n);
}

/* Compile and analyse; prints one line. Returns 0 on success. */
static int run(const char *what, const brink_buf *b, double target_s, size_t compact_above)
{
    brink_error err;
    brink_error_clear(&err);
    double t0 = bench_cpu_self();
    brink_scenario_limits lim;
    brink_scenario_limits_init(&lim);
    lim.compact_above = compact_above;
    brink_scenario *sc = brink_scenario_parse(b->data, b->len, what, &lim, &err);
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    o.questions = 0;
    brink_analysis *a = sc ? brink_analyze(sc, &o, &err) : NULL;
    double t = bench_cpu_self() - t0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    if (!a) {
        printf("%-44s failed: %s\n", what, err.message);
        brink_scenario_free(sc);
        return 1;
    }
    if (a->game)
        printf("%-44s %8d nodes  %-12s %8.3f s  peak %6.0f MB", what, a->game->nnodes,
               a->method.nsolvers ? a->method.solver[0]->name : "-", t, ru.ru_maxrss / 1024.0);
    else   /* a compact game: the unfolded tree's size (pass 1's count) */
        printf("%-44s %8.3g nodes  %-12s %8.3f s  peak %6.0f MB", what,
               (double)brink_scenario_tree_nodes(sc), "spe compact", t, ru.ru_maxrss / 1024.0);
    if (target_s > 0)
        printf("  (target < %g s: %s)", target_s, t < target_s ? "met" : "NOT met");
    printf("\n");
    brink_analysis_free(a);
    brink_scenario_free(sc);
    return 0;
}

int main(int argc, char **argv)
{
    brink_buf b;
    brink_buf_init(&b);
    int def[] = {30, 100}, n = argc > 1 ? argc - 1 : 2, rc = 0;
    char what[96];
    /* compact games first: the peak is this process's, so later runs would hide theirs */
    for (int r = 4; r <= 10; r += 6) {
        rubinstein(&b, r);
        snprintf(what, sizeof what, "alternating offers, %d rounds x 20, compact", r);
        rc |= run(what, &b, r == 4 ? 0.1 : 0, 100000);
    }
    for (int i = 0; i < n; i++) {
        int types = argc > 1 ? atoi(argv[i + 1]) : def[i];
        fearon(&b, types, 0);
        snprintf(what, sizeof what, "Fearon %d types x 31 demands, cost drawn late", types);
        rc |= run(what, &b, types == 100 ? 1.0 : 0, 0);
    }
    fearon(&b, 10, 1);
    rc |= run("Fearon 10 types x 31 demands, cost at root", &b, 0, 0);
    fearon(&b, 100, 1);   /* postponed automatically to the late order */
    rc |= run("Fearon 100 types x 31 demands, cost at root", &b, 1.0, 0);
    const char *kw = getenv("BENCH_KW_ENTRANTS");   /* more entrants on request: slow */
    int kw_max = kw ? atoi(kw) : 3;
    for (int e = 3; e <= kw_max; e++) {
        chainstore(&b, e);
        snprintf(what, sizeof what, "Kreps-Wilson chain store, %d entrants", e);
        rc |= run(what, &b, e == 6 ? 5.0 : 0, 0);
    }
    for (int r = 1; r <= 4; r++) {
        rubinstein(&b, r);
        snprintf(what, sizeof what, "alternating offers, %d round%s x 20 offers", r,
                 r == 1 ? "" : "s");
        rc |= run(what, &b, 0, 0);
    }
    printf("(4 rounds x 20 offers target: < 50 MB peak: the compact line's peak; the tree's\n"
           " peaks are this process's maximum so far)\n");
    brink_buf_free(&b);
    return rc;
}
