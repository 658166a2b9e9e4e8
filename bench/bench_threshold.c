/* bench_threshold.c — time per threshold question on every built-in scenario (issue 8).
 *
 * For each built-in scenario and each of its threshold questions: the median CPU time of
 * brink_threshold_compute over BRINK_BENCH_REPS runs (default 5), the number of equilibrium
 * computations it made (t->solves), its regions and flips; and, as the reference, the median
 * time of one exact equilibrium computation at the defaults (brink_analysis_solve), so the
 * ratio "question / one solve" is printed. Times are CPU seconds of this process (the machine
 * may be shared). Issue 8's target: every question under 0.3 s. BRINK_BENCH_ONLY=id times
 * one scenario.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "brink/brink.h"
#include "brink/threshold.h"
#include "bench_util.h"

/* Median time of one exact solve at the defaults; -1 on failure. */
static double time_solve(const brink_scenario *sc, const brink_analysis *a, int reps)
{
    brink_error err;
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    brink_scenario_instance *in = brink_scenario_instance_new(sc, &err);
    if (!in)
        return -1;
    int np = brink_scenario_nparams(sc);
    mpq_t *v = brink_q_array_new((size_t)np + 1);
    brink_scenario_defaults(sc, v);
    double *ts = calloc((size_t)reps, sizeof *ts), res = -1;
    if (v && ts && brink_scenario_bind_q(in, (const mpq_t *)v, &err) == BRINK_OK) {
        int ok = 1;
        for (int r = 0; r < reps && ok; r++) {
            brink_eqset set;
            memset(&set, 0, sizeof set);
            double t0 = bench_cpu_self();
            ok = brink_analysis_solve(in, a->leaf_group, a->ngroups, &o, &set, &err) == BRINK_OK;
            ts[r] = bench_cpu_self() - t0;
            if (ok)
                brink_eqset_free(&set, brink_scenario_instance_game(in));
        }
        if (ok)
            res = bench_median(ts, reps);
    }
    free(ts);
    brink_q_array_free(v, (size_t)np + 1);
    brink_scenario_instance_free(in);
    return res;
}

int main(void)
{
    const char *e = getenv("BRINK_BENCH_REPS");
    int reps = e && atoi(e) > 0 ? atoi(e) : 5, failed = 0;
    double worst = 0;
    printf("%-28s %-26s %10s %10s %8s %7s %6s %8s\n", "scenario", "question", "question_s",
           "solve_s", "ratio", "solves", "regions", "flips");
    for (int i = 0; i < brink_scenario_builtin_count(); i++) {
        brink_error err;
        brink_scenario *sc = brink_scenario_load_builtin(i, &err);
        if (!sc) {
            fprintf(stderr, "%s: %s\n", brink_scenario_builtin_name(i), err.message);
            failed = 1;
            continue;
        }
        const char *only = getenv("BRINK_BENCH_ONLY");
        if (only && strcmp(only, brink_scenario_id(sc))) {
            brink_scenario_free(sc);
            continue;
        }
        brink_analysis_options ao;
        brink_analysis_options_init(&ao);
        ao.questions = 0;
        brink_analysis *a = brink_analyze(sc, &ao, &err);
        if (!a) {
            fprintf(stderr, "%s: %s\n", brink_scenario_id(sc), err.message);
            failed = 1;
            brink_scenario_free(sc);
            continue;
        }
        double solve_s = time_solve(sc, a, reps);
        int np = brink_scenario_nparams(sc);
        mpq_t *values = brink_q_array_new((size_t)np + 1);
        brink_scenario_defaults(sc, values);
        for (int k = 0; k < brink_scenario_nquestions(sc); k++) {
            const brink_question *q = brink_scenario_question(sc, k);
            if (q->kind != BRINK_Q_THRESHOLD)
                continue;
            int nwatch = 0, *watch = NULL;
            if (q->watch) {
                nwatch = brink_scenario_find_decisions(sc, q->watch, NULL, 0, &err);
                watch = calloc((size_t)(nwatch > 0 ? nwatch : 0) + 1, sizeof *watch);
                if (nwatch < 0 || !watch) {
                    fprintf(stderr, "%s: %s\n", q->id, nwatch < 0 ? err.message : "no memory");
                    failed = 1;
                    free(watch);
                    continue;
                }
                brink_scenario_find_decisions(sc, q->watch, watch, nwatch, &err);
            }
            mpq_t lo, hi;
            mpq_inits(lo, hi, NULL);
            brink_q_from_double_approx(lo, q->lo[0], 1e-12);
            brink_q_from_double_approx(hi, q->hi[0], 1e-12);
            double *ts = calloc((size_t)reps, sizeof *ts);
            int solves = -1, nreg = -1, nflip = -1;
            for (int r = 0; ts && r < reps; r++) {
                double t0 = bench_cpu_self();
                brink_threshold *t = brink_threshold_compute(sc, q->param[0], lo, hi,
                                                             (const mpq_t *)values, watch,
                                                             nwatch, NULL, &err);
                ts[r] = bench_cpu_self() - t0;
                if (!t) {
                    fprintf(stderr, "%s/%s: %s\n", brink_scenario_id(sc), q->id, err.message);
                    failed = 1;
                    break;
                }
                solves = t->solves;
                nreg = t->nregions;
                nflip = t->nflips;
                brink_threshold_free(t);
            }
            double qs = ts ? bench_median(ts, reps) : -1;
            if (qs > worst)
                worst = qs;
            printf("%-28s %-26s %10.4f %10.5f %8.1f %7d %6d %8d\n", brink_scenario_id(sc),
                   q->id, qs, solve_s, solve_s > 0 ? qs / solve_s : 0.0, solves, nreg, nflip);
            free(ts);
            free(watch);
            mpq_clears(lo, hi, NULL);
        }
        brink_q_array_free(values, (size_t)np + 1);
        brink_analysis_free(a);
        brink_scenario_free(sc);
    }
    printf("slowest question: %.4f s CPU (issue 8's target: < 0.3 s)\n", worst);
    return failed;
}
