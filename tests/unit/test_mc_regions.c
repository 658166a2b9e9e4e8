/* test_mc_regions.c — the region path of Monte Carlo (src/uncertainty/mc_regions.c) against
 * the exact path, draw by draw (the same equilibria count, proof, realised outcome, watched
 * choices, values within 1e-9, and the same aggregate counts):
 *   - M5's copy (one drawn parameter, regions proved complete): nearly every draw answered
 *     by lookup, also with 2 threads (the same answers as 1 thread);
 *   - a game whose lower half of the range has two subgame-perfect equilibria in every
 *     point (a tie held over an interval, so that region is not proved complete): those
 *     draws are solved and reported ambiguous, the upper half looked up;
 *   - a payoff that is not rational in the parameter (sqrt): the whole range is an unknown
 *     region, every draw solved;
 *   - M1 (imperfect information): the engine proves no region complete there, so every draw
 *     is solved, with the same answers.
 */
#include <math.h>

#include "brink/brink.h"
#include "check.h"
#include "scenario_util.h"

/* B is indifferent between left and right for every p <= 1/2 (max(p, 1/2) = 1/2), so there
 * A's best choice depends on B's: two subgame-perfect equilibria with different outcomes. */
static const char *TIE =
    "brink: 1\n"
    "id: tie-region\n"
    "actors: {A: {}, B: {}}\n"
    "parameters:\n"
    "  p:\n"
    "    value: 0.3\n"
    "    range: [0, 1]\n"
    "    distribution: uniform(0, 1)\n"
    "issues: {x: [out, left, right]}\n"
    "preferences:\n"
    "  A:\n"
    "    x=left: %s\n"
    "    x=right: 0.2\n"
    "    x=out: 0.3\n"
    "  B:\n"
    "    x=left: max(p, 0.5)\n"
    "    x=right: 0.5\n"
    "game:\n"
    "  A:\n"
    "    in:\n"
    "      B:\n"
    "        left: {outcome: {x: left}}\n"
    "        right: {outcome: {x: right}}\n"
    "    out: {outcome: {x: out}}\n";

static const char *const EVERY[] = {"A@*", "B@*"};

/* regions: 1 lookup first, -1 never (with exact: every draw solved exactly) */
static brink_mc_result *run(const brink_scenario *sc, long n, int regions, int threads)
{
    brink_mc_options o;
    brink_mc_options_init(&o);
    if (brink_scenario_nquestions(sc) == 0) {
        o.watch = EVERY;
        o.nwatch_refs = 2;
    }
    o.samples = n;
    o.seed = 5;
    o.threads = threads;
    o.keep_draws = 1;
    o.regions = regions;
    o.exact = regions < 0;
    brink_error err;
    brink_error_clear(&err);
    brink_mc_result *r = brink_montecarlo(sc, &o, &err);
    CHECK_MSG(r != NULL, "%s", err.message);
    return r;
}

/* Draw by draw, a and b answer alike. */
static void same(const char *what, const brink_mc_result *a, const brink_mc_result *b, long n)
{
    CHECK_EQ_INT((int)a->unique, (int)b->unique);
    CHECK_EQ_INT((int)a->single, (int)b->single);
    CHECK_EQ_INT((int)a->unique_spe, (int)b->unique_spe);
    CHECK_EQ_INT((int)a->several, (int)b->several);
    CHECK_EQ_INT((int)a->failed, (int)b->failed);
    CHECK_EQ_INT((int)a->outcome_ambiguous, (int)b->outcome_ambiguous);
    CHECK_EQ_INT((int)a->value_ambiguous, (int)b->value_ambiguous);
    int nw = a->nwatch, np = a->nplayers, ng = a->ngroups, bad = 0;
    for (long i = 0; i < n && bad < 5; i++) {
        int ok = a->draw_neq[i] == b->draw_neq[i] && a->draw_outcome[i] == b->draw_outcome[i];
        for (int k = 0; k < nw; k++)
            ok &= a->draw_choice[i * nw + k] == b->draw_choice[i * nw + k];
        for (int p = 0; p < np; p++) {
            double x = a->draw_value[i * np + p], y = b->draw_value[i * np + p];
            ok &= (isnan(x) && isnan(y)) || fabs(x - y) <= 1e-9 * (1 + fabs(y));
        }
        for (int k = 0; k < ng; k++) {
            double x = a->draw_gprob[i * ng + k], y = b->draw_gprob[i * ng + k];
            ok &= (isnan(x) && isnan(y)) || fabs(x - y) <= 1e-9;
        }
        bad += !ok;
        CHECK_MSG(ok, "%s: draw %ld differs (neq %d/%d, outcome %d/%d)", what, i, a->draw_neq[i],
                  b->draw_neq[i], a->draw_outcome[i], b->draw_outcome[i]);
    }
}

/* The region path against the exact one; returns the draws looked up (-1: a run failed). */
static long check_scenario(const char *what, const brink_scenario *sc, long n)
{
    brink_mc_result *g = run(sc, n, 1, 1), *x = run(sc, n, -1, 1);
    long looked = -1;
    if (g && x) {
        CHECK(g->regions_used);
        CHECK(!x->regions_used);
        CHECK_EQ_INT((int)(g->region_lookup + g->region_solved), (int)n);
        CHECK_EQ_INT((int)(x->region_lookup + x->region_solved), 0);
        same(what, g, x, n);
        looked = g->region_lookup;
    }
    brink_mc_result_free(g);
    brink_mc_result_free(x);
    return looked;
}

static brink_scenario *parse(const char *text)
{
    return su_parse(text, "regions.yaml");
}

int main(void)
{
    const char *dir = getenv("BRINK_SOURCE_DIR");
    char path[4096], text[4096];
    snprintf(path, sizeof path, "%s/tests/data/montecarlo/m5-reputation-beta.yaml",
             dir ? dir : "..");
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *m5 = brink_scenario_load(path, &err);
    CHECK_MSG(m5 != NULL, "%s", err.message);
    if (m5) {
        long n = 1200, looked = check_scenario("m5", m5, n);
        CHECK_MSG(looked >= n - 5, "m5: %ld of %ld draws looked up", looked, n);
        brink_mc_result *t1 = run(m5, n, 1, 1), *t2 = run(m5, n, 1, 2);
        if (t1 && t2) {
            same("m5, 1 and 2 threads", t1, t2, n);
            CHECK_EQ_INT((int)t1->region_lookup, (int)t2->region_lookup);
        }
        brink_mc_result_free(t1);
        brink_mc_result_free(t2);
        brink_scenario_free(m5);
    }
    snprintf(text, sizeof text, TIE, "1 - p");
    brink_scenario *tie = parse(text);
    if (tie) {
        long n = 600, looked = check_scenario("tie", tie, n);
        brink_mc_result *g = run(tie, n, 1, 1);
        if (g) {
            /* the upper half looked up, the lower half (two equilibria) solved */
            CHECK_MSG(looked > n / 4 && g->region_solved > n / 4, "tie: %ld looked up, %ld solved",
                      looked, g->region_solved);
            CHECK(g->several > n / 4 && g->outcome_ambiguous > n / 4);
            CHECK_EQ_INT((int)g->region_lookup, (int)g->unique_spe);
        }
        brink_mc_result_free(g);
        brink_scenario_free(tie);
    }
    snprintf(text, sizeof text, TIE, "sqrt(p)");
    brink_scenario *unk = parse(text);
    if (unk) {
        CHECK(check_scenario("unknown", unk, 200) == 0);
        brink_scenario_free(unk);
    }
    brink_scenario *m1 = brink_scenario_load("m1", &err);
    CHECK_MSG(m1 != NULL, "%s", err.message);
    if (m1) {
        long looked = check_scenario("m1", m1, 150);
        CHECK(looked >= 0);
        brink_scenario_free(m1);
    }
    return check_finish();
}
