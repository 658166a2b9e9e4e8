/* bench_scenario.c — scenario loading stays linear in the text for hostile shapes: many
 * names with as many references (parameters, sub-games, issue levels, YAML anchors), and a
 * game tree at the depth limit.
 *
 * For each N (default 5000 20000 40000; override with arguments) a scenario with N of each
 * kind of name and N references to them is generated, parsed and compiled; reported: the
 * time, and the time per name (roughly constant if loading is linear — linear name searches
 * made such cases take minutes). Then a tree exactly 10,000 deep (999 rounds of a
 * repeat) is compiled and timed.
 *
 * First, before anything else has grown the process, the big trees of issue 15: alternating
 * offers (examples/rubinstein.yaml) with 20 offers a round, 3 rounds (25,261 nodes) and
 * 4 rounds (505,261 nodes): load-and-compile time, brink_analyze time, and the process's
 * peak resident memory after each (getrusage; the goal for 4 rounds is < 50 MB), and the
 * number of distinct sub-trees with the time to find them (src/scenario/share.c).
 *
 * Usage: bench_scenario [N ...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "brink/brink.h"
#include "brink/analysis.h"
#include "brink/scenario.h"
#include "scenario/model.h"

/* Alternating offers: the proposer offers the responder one of 20 shares, a rejection costs
 * a round (discount 1/2) and the other side proposes. */
static void offers(brink_buf *b, int rounds)
{
    brink_buf_reset(b);
    brink_buf_printf(b,
        "brink: 1\nid: offers\nactors: {A: {}, B: {}}\n"
        "parameters: {delta: {value: 0.5, range: [0.1, 0.9]}}\n"
        "issues: {deal: [none, agreed], share_A: {numeric: true, default: 0}}\n"
        "subgames:\n  round:\n    body:\n      if: mod(round, 2) == 1\n      then:\n"
        "        A:\n          offer_{y}:\n            for: y\n"
        "            in: range(0.025, 0.975, 0.05)\n            B:\n"
        "              accept:\n                outcome: {deal: agreed, share_A: 1 - y}\n"
        "                payoff: {A: \"delta^(round - 1) * (1 - y)\", "
        "B: \"delta^(round - 1) * y\"}\n              reject: next\n"
        "      else:\n        B:\n          offer_{y}:\n            for: y\n"
        "            in: range(0.025, 0.975, 0.05)\n            A:\n"
        "              accept:\n                outcome: {deal: agreed, share_A: y}\n"
        "                payoff: {A: \"delta^(round - 1) * y\", "
        "B: \"delta^(round - 1) * (1 - y)\"}\n              reject: next\n"
        "game: {repeat: round, times: %d, then: {}}\n", rounds);
}

static double peak_mb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0) return -1;
    return (double)ru.ru_maxrss / 1024.0;   /* kilobytes on Linux */
}

static void big_trees(brink_buf *b)
{
    printf("%8s %10s %12s %12s %12s %12s %10s %10s\n", "rounds", "nodes", "compile (s)",
           "peak (MB)", "analyze (s)", "peak (MB)", "sub-trees", "share (s)");
    for (int rounds = 3; rounds <= 4; rounds++) {
        offers(b, rounds);
        brink_error err;
        double t0 = brink_now();
        brink_scenario *sc = brink_scenario_parse(b->data, b->len, "offers.yaml", NULL, &err);
        double t_compile = brink_now() - t0, m_compile = peak_mb();
        if (!sc) {
            printf("%8d  (FAILED: %s)\n", rounds, err.message);
            continue;
        }
        t0 = brink_now();
        brink_analysis *a = brink_analyze(sc, NULL, &err);
        double t_analyze = brink_now() - t0, m_analyze = peak_mb();
        sc_shared sh;
        t0 = brink_now();
        int shared = sc_share_subtrees(sc, &sh, &err) == BRINK_OK ? sh.nclasses : -1;
        double t_share = brink_now() - t0;
        sc_shared_free(&sh);
        printf("%8d %10d %12.3f %12.1f %12.3f %12.1f %10d %10.3f%s\n", rounds,
               brink_scenario_game(sc)->nnodes, t_compile, m_compile, t_analyze, m_analyze,
               shared, t_share, a ? "" : "  (analyze FAILED)");
        brink_analysis_free(a);
        brink_scenario_free(sc);
    }
}

static void many_names(brink_buf *b, int n)
{
    brink_buf_reset(b);
    brink_buf_puts(b, "brink: 1\nid: x\nactors: {A: {}}\nparameters: {");
    for (int i = 0; i < n; i++)
        brink_buf_printf(b, "%sp%d: %d", i ? ", " : "", i, i);
    brink_buf_puts(b, "}\nissues: {k: [");
    for (int i = 0; i < n; i++)
        brink_buf_printf(b, "%sl%d", i ? ", " : "", i);
    brink_buf_puts(b, "]}\nmodel: [");
    for (int i = 0; i < n; i++)
        brink_buf_printf(b, "%s&a%d x", i ? ", " : "", i);
    brink_buf_puts(b, "]\ndescription: [");
    for (int i = 0; i < n; i++)
        brink_buf_printf(b, "%s*a%d", i ? ", " : "", n - 1 - i);
    brink_buf_puts(b, "]\nsubgames:\n");
    for (int i = 0; i < n; i++)
        brink_buf_printf(b, "  s%d: {body: {payoff: {A: p%d}, outcome: {k: l%d}}}\n", i, i, i);
    brink_buf_puts(b, "game: {A: {");
    for (int i = 0; i < n; i++)
        brink_buf_printf(b, "%so%d: {play: s%d}", i ? ", " : "", i, n - 1 - i);
    brink_buf_puts(b, "}}\n");
}

static void deep_tree(brink_buf *b)
{
    brink_buf_reset(b);
    brink_buf_puts(b, "brink: 1\nid: deep\nactors: {A: {}, B: {}}\nsubgames:\n  round:\n"
                      "    args: [i]\n    body: {if: i <= 8, then: ");
    for (int i = 0; i < 8; i++)
        brink_buf_puts(b, "{A: {stop: {payoff: {A: 1}}, go: ");
    brink_buf_puts(b, "next");
    for (int i = 0; i < 8; i++)
        brink_buf_puts(b, "}}");
    brink_buf_puts(b, ", else: ");
    for (int i = 0; i < 7; i++)
        brink_buf_puts(b, "{A: {stop: {payoff: {A: 1}}, go: ");
    brink_buf_puts(b, "next");
    for (int i = 0; i < 7; i++)
        brink_buf_puts(b, "}}");
    brink_buf_puts(b, "}\ngame: {repeat: round, times: 999, index: i, then: {payoff: {B: 1}}}\n");
}

/* Model and description are lists, which a scenario refuses: blank them out for the compile
 * run (the anchors are still read by the first run). */
static double load(const brink_buf *b, int expect_refusal, int *ok)
{
    brink_error err;
    double t0 = brink_now();
    brink_scenario_limits lim;   /* the default 4 MiB would stop the largest sizes */
    brink_scenario_limits_init(&lim);
    lim.max_bytes = (size_t)64 << 20;
    brink_scenario *sc = brink_scenario_parse(b->data, b->len, "bench.yaml", &lim, &err);
    double dt = brink_now() - t0;
    *ok = sc != NULL;
    if (!sc && !expect_refusal)
        fprintf(stderr, "  %s:%d:%d: %s\n", err.file, err.line, err.column, err.message);
    brink_scenario_free(sc);
    return dt;
}

int main(int argc, char **argv)
{
    int sizes[16], nsizes = 0;
    for (int i = 1; i < argc && nsizes < 16; i++)
        sizes[nsizes++] = atoi(argv[i]);
    if (!nsizes) {
        sizes[0] = 5000;
        sizes[1] = 20000;
        sizes[2] = 40000;   /* 60000 passes the YAML node limit */
        nsizes = 3;
    }
    brink_buf b;
    brink_buf_init(&b);
    big_trees(&b);
    printf("%8s %10s %12s %12s %12s\n", "names", "bytes", "read (s)", "compile (s)", "us/name");
    for (int k = 0; k < nsizes; k++) {
        many_names(&b, sizes[k]);
        int ok;
        double t_read = load(&b, 1, &ok);   /* refused at model: after all anchors and aliases */
        char *m = strstr(b.data, "model: [");
        char *s = strstr(b.data, "subgames:");
        memset(m, ' ', (size_t)(s - m) - 1);   /* keep the line end */
        m[0] = '#';
        double t_all = load(&b, 0, &ok);
        printf("%8d %10zu %12.3f %12.3f %12.2f%s\n", sizes[k], b.len, t_read, t_all,
               1e6 * (t_read + t_all) / sizes[k], ok ? "" : "  (FAILED)");
    }
    deep_tree(&b);
    int ok;
    double t = load(&b, 0, &ok);
    printf("tree 10000 deep: %.3f s%s\n", t, ok ? "" : " (FAILED)");
    brink_buf_free(&b);
    return 0;
}
