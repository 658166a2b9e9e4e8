/* bench_tournament.c — a tournament of the 10 built-in agents on 10 domains (korea, split and
 * eight random domains of 3 to 5 issues) with 100 repetitions per ordered pairing and domain
 * (90 pairings x 10 domains x 100 = 90,000 negotiations, deadline 100 rounds) on 1 and on 2
 * threads. Prints wall and CPU seconds and negotiations per second. Issue 13's target: under
 * 10 s on 2 cores. The reference a user would otherwise pick is NegMAS (Python); it is not a
 * Debian package, so no ratio is printed unless BRINK_BENCH_NEGMAS_SECONDS gives its time for
 * the same tournament.
 */
#include <stdio.h>
#include <stdlib.h>

#include "brink/brink.h"
#include "bench_util.h"

#define NDOMAINS 10

int main(void)
{
    brink_neg_domain *dom[NDOMAINS] = {0};
    brink_error e;
    int bad = brink_neg_domain_builtin("korea", &dom[0], &e) ||
              brink_neg_domain_builtin("split", &dom[1], &e);
    for (int k = 2; k < NDOMAINS && !bad; k++)
        bad = brink_neg_domain_random((uint64_t)k, 3 + k % 3, 3 + (k / 3) % 3, &dom[k], &e) != 0;
    if (bad) {
        fprintf(stderr, "bench_tournament: %s\n", e.message);
        return 1;
    }
    size_t outcomes = 0;
    for (int k = 0; k < NDOMAINS; k++) outcomes += dom[k]->noutcomes;
    const brink_neg_agent_type *const *ag = brink_neg_agent_types();
    int na = 0;
    while (ag[na]) na++;
    printf("tournament: %d agents x %d domains (%zu outcomes in all) x 100 repetitions, "
           "deadline 100 rounds\n", na, NDOMAINS, outcomes);
    int rc = 0;
    double wall2 = 0;
    for (int threads = 1; threads <= 2; threads++) {
        brink_neg_tournament_options o;
        brink_neg_tournament_options_init(&o);
        o.repetitions = 100;
        o.max_rounds = 100;
        o.threads = threads;
        brink_neg_tournament t;
        double c0 = bench_cpu_self(), w0 = brink_now();
        if (brink_neg_tournament_run((const brink_neg_domain *const *)dom, NDOMAINS, ag, na, &o,
                                     &t, &e)) {
            fprintf(stderr, "bench_tournament: %s\n", e.message);
            rc = 1;
            break;
        }
        double wall = brink_now() - w0, cpu = bench_cpu_self() - c0;
        if (threads == 2) wall2 = wall;
        printf("  %d thread%s: %ld negotiations in %.2f s wall, %.2f s CPU (%.0f per second); "
               "agreement rate %.3f%s\n", threads, threads == 1 ? " " : "s", t.negotiations,
               wall, cpu, (double)t.negotiations / wall, t.overall.agreement_rate.mean,
               threads == 2 && wall >= 10 ? "  ** over the 10 s target **" : "");
        brink_neg_tournament_free(&t);
    }
    const char *peer = getenv("BRINK_BENCH_NEGMAS_SECONDS");
    if (!rc && peer && wall2 > 0)
        printf("  NegMAS (given): %s s; ratio NegMAS / brink = %.1f\n", peer, atof(peer) / wall2);
    else if (!rc)
        printf("  NegMAS: not installed here (no ratio)\n");
    for (int k = 0; k < NDOMAINS; k++) brink_neg_domain_free(dom[k]);
    return rc;
}
