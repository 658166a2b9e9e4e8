/* test_montecarlo.c — parameter distributions and Monte Carlo.
 *
 *   - the done-when identity: with one parameter ~ beta(a, b) (scaled to its range) and the
 *     others fixed, the share of draws in which the watched decision makes its choice below
 *     the certified flip t* equals the beta CDF at t* (inside the run's interval), for M1
 *     (p_resolute, built in) and M5 (reputation_cost, tests/data/montecarlo/);
 *   - the same seed gives the same draws and aggregates with 1 and 2 threads;
 *   - every distribution kind draws inside its range, with the right mean / frequencies /
 *     correlation, reproducibly per (seed, index), without reaching GSL's error handler;
 *   - a draw binds exact numbers: a discrete value as written (0.3 is 3/10, never moved into
 *     the range), a continuous draw its double, a parameter not drawn its exact default;
 *   - bad distributions are refused at load with the distribution's line and column;
 *   - standardised regression coefficients of a value that is linear in the draws.
 */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "brink/brink.h"
#include "check.h"

static int gsl_errors = 0;

static void count_gsl_error(const char *reason, const char *file, int line, int gsl_errno)
{
    (void)reason, (void)file, (void)line, (void)gsl_errno;
    gsl_errors++;
}

static brink_scenario *load_text(const char *text, brink_error *err)
{
    return brink_scenario_parse(text, strlen(text), "t.yaml", NULL, err);
}

/* ---- the identity P(choice below the flip) = F(flip) ---- */

static void identity(const char *what, const char *ref, double a, double b, long samples)
{
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_load(what, &err);
    CHECK_MSG(sc != NULL, "%s: %s", what, err.message);
    if (!sc)
        return;
    /* the one parameter with a distribution */
    int p = -1;
    for (int i = 0; i < brink_scenario_nparams(sc); i++)
        if (brink_scenario_param(sc, i)->dist != BRINK_DIST_NONE)
            p = i;
    const brink_param_info *pi = brink_scenario_param(sc, p);
    CHECK(pi->dist == BRINK_DIST_BETA && pi->dist_a == a && pi->dist_b == b);
    int watch[8];
    int nw = brink_scenario_find_decisions(sc, ref, watch, 8, &err);
    CHECK_EQ_INT(nw, 1);
    int np = brink_scenario_nparams(sc);
    mpq_t *vals = brink_q_array_new((size_t)np);
    brink_scenario_defaults(sc, vals);
    brink_analysis_options ao;
    brink_analysis_options_init(&ao);
    brink_threshold *t = brink_threshold_compute(sc, p, *pi->lo_q, *pi->hi_q,
                                                 (const mpq_t *)vals, watch, 1, &ao, &err);
    CHECK_MSG(t != NULL, "%s", err.message);
    if (t) {
        CHECK_EQ_INT(t->nflips, 1);
        CHECK(t->flips[0].certified);
    }
    if (t && t->nflips == 1 && t->flips[0].certified) {
        double at = t->flips[0].at.approx;
        double expect = gsl_cdf_beta_P((at - pi->lo) / (pi->hi - pi->lo), a, b);
        brink_mc_options o;
        brink_mc_options_init(&o);
        o.samples = samples;
        o.seed = 7;
        o.z = 3.2905;   /* 99.9%: the check is deterministic; a wide interval keeps it so
                           if the seed or the sampler changes */
        o.watch = &ref;
        o.nwatch_refs = 1;
        brink_mc_result *r = brink_montecarlo(sc, &o, &err);
        CHECK_MSG(r != NULL, "%s", err.message);
        if (r) {
            CHECK_EQ_INT(r->nwatch, 1);
            CHECK_EQ_INT(r->failed, 0);
            const brink_proportion *below = &r->choice[r->watch_start[0] + t->flips[0].cert.action_below];
            const brink_proportion *above = &r->choice[r->watch_start[0] + t->flips[0].cert.action_above];
            CHECK_MSG(below->lo <= expect && expect <= below->hi,
                      "%s: P(below) = %g [%g, %g], beta CDF at the flip %g = %g", what,
                      below->p, below->lo, below->hi, at, expect);
            /* nothing else happens there: no mixing, no disagreement (the flip itself has
               probability 0) */
            CHECK_EQ_INT(below->k + above->k, samples);
            CHECK_EQ_INT(r->choice_ambiguous[0].k, 0);
            /* and the identity is not vacuous: both choices occur */
            CHECK(below->k > samples / 10 && above->k > samples / 10);
            brink_mc_result_free(r);
        }
    }
    brink_threshold_free(t);
    brink_q_array_free(vals, (size_t)np);
    brink_scenario_free(sc);
}

/* ---- thread-count invariance ---- */

static void threads_same(const char *what, long samples)
{
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_load(what, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (!sc)
        return;
    brink_mc_result *r[2];
    for (int k = 0; k < 2; k++) {
        brink_mc_options o;
        brink_mc_options_init(&o);
        o.samples = samples;
        o.seed = 12345;
        o.threads = k + 1;
        o.keep_draws = 1;
        r[k] = brink_montecarlo(sc, &o, &err);
        CHECK_MSG(r[k] != NULL, "%s", err.message);
    }
    if (r[0] && r[1]) {
        const brink_mc_result *x = r[0], *y = r[1];
        CHECK(x->nvaried > 0);
        size_t n = (size_t)samples;
        CHECK(!memcmp(x->draw_x, y->draw_x, n * (size_t)x->nvaried * sizeof(double)));
        CHECK(!memcmp(x->draw_neq, y->draw_neq, n * sizeof(int)));
        CHECK(!memcmp(x->draw_outcome, y->draw_outcome, n * sizeof(int)));
        CHECK(!memcmp(x->draw_choice, y->draw_choice, n * (size_t)x->nwatch * sizeof(int)));
        CHECK(!memcmp(x->draw_value, y->draw_value, n * (size_t)x->nplayers * sizeof(double)));
        CHECK(x->unique == y->unique && x->several == y->several && x->failed == y->failed);
        for (int p = 0; p < x->nplayers; p++)
            CHECK(!memcmp(&x->value[p], &y->value[p], sizeof x->value[p]));
        for (int g = 0; g < x->ngroups; g++)
            CHECK_EQ_INT(x->outcome[g].k, y->outcome[g].k);
        /* a different seed gives different draws */
        brink_mc_options o;
        brink_mc_options_init(&o);
        o.samples = 4;
        o.seed = 12346;
        o.keep_draws = 1;
        brink_mc_result *z = brink_montecarlo(sc, &o, &err);
        CHECK(z && memcmp(z->draw_x, x->draw_x, 4 * (size_t)x->nvaried * sizeof(double)) != 0);
        brink_mc_result_free(z);
    }
    brink_mc_result_free(r[0]);
    brink_mc_result_free(r[1]);
    brink_scenario_free(sc);
}

/* ---- the sampler ---- */

static const char *ALL_KINDS =
    "brink: 1\nid: dists\n"
    "actors: {A: {}}\n"
    "parameters:\n"
    "  u: {value: 1, range: [0, 4], distribution: 'uniform(1, 3)'}\n"
    "  n: {value: 0, distribution: 'normal(2, 0.5)'}\n"
    "  tn: {value: 3, range: [2.5, 4], distribution: 'normal(0, 1)', truncate: true}\n"
    "  ln: {value: 1, range: [0, 3], distribution: 'lognormal(0, 0.5)', truncate: true}\n"
    "  tr: {value: 1, range: [0, 10], distribution: 'triangular(0, 1, 4)'}\n"
    "  be: {value: 5, range: [2, 6], distribution: 'beta(2, 2)'}\n"
    "  d: {value: 1, range: [0, 5], distribution: 'discrete(1, 2, 4; 1, 2, 1)'}\n"
    "  c1: {value: 0, distribution: 'normal(0, 1)'}\n"
    "  c2: {value: 0, distribution: 'normal(10, 2)'}\n"
    "  fixed: 3\n"
    "correlations:\n"
    "  - {parameters: [c1, c2], rho: 0.6}\n"
    "issues: {x: [a, b]}\n"
    "preferences: {A: {x=a: 1}}\n"
    "game:\n  A:\n    l: {outcome: {x: a}}\n    r: {outcome: {x: b}}\n";

static void sampler_kinds(void)
{
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = load_text(ALL_KINDS, &err);
    CHECK_MSG(sc != NULL, "%s (line %d)", err.message, err.line);
    if (!sc)
        return;
    brink_sampler *s = brink_sampler_new(sc, &err);
    CHECK(s != NULL);
    int np = brink_scenario_nparams(sc);
    CHECK_EQ_INT(brink_sampler_nvaried(s), np - 1);
    double *v = calloc((size_t)np, sizeof *v), *w = calloc(brink_sampler_work_size(s), sizeof *w);
    double sum[16] = {0}, sxy = 0, sxx = 0, syy = 0;
    long dcount[5] = {0};
    int inside = 1;
    const int N = 40000;
    gsl_error_handler_t *old = gsl_set_error_handler(count_gsl_error);
    for (int i = 0; i < N; i++) {
        brink_sampler_draw(s, 99, (uint64_t)i, v, w);
        for (int k = 0; k < np; k++) {
            const brink_param_info *p = brink_scenario_param(sc, k);
            if (p->has_range && !(v[k] >= p->lo && v[k] <= p->hi))
                inside = 0;
            sum[k] += v[k];
        }
        dcount[(int)v[6]]++;
        double x = v[7], y = (v[8] - 10) / 2;
        sxy += x * y;
        sxx += x * x;
        syy += y * y;
    }
    gsl_set_error_handler(old);
    CHECK_EQ_INT(gsl_errors, 0);
    CHECK(inside);
    CHECK_NEAR(sum[0] / N, 2, 0.02);       /* uniform(1, 3) */
    CHECK_NEAR(sum[1] / N, 2, 0.02);       /* normal(2, 0.5) */
    /* truncated standard normal on [2.5, 4]: mean (phi(2.5) - phi(4)) / (Phi(4) - Phi(2.5)) */
    double z = gsl_cdf_ugaussian_P(4) - gsl_cdf_ugaussian_P(2.5);
    double mtn = (exp(-2.5 * 2.5 / 2) - exp(-8)) / sqrt(2 * 3.14159265358979323846) / z;
    CHECK_NEAR(sum[2] / N, mtn, 0.01);
    CHECK_NEAR(sum[4] / N, (0 + 1 + 4) / 3.0, 0.02);   /* triangular mean */
    CHECK_NEAR(sum[5] / N, 4, 0.02);       /* beta(2, 2) on [2, 6] */
    CHECK_NEAR((double)dcount[1] / N, 0.25, 0.01);
    CHECK_NEAR((double)dcount[2] / N, 0.5, 0.01);
    CHECK_NEAR((double)dcount[4] / N, 0.25, 0.01);
    CHECK_EQ_INT(dcount[0] + dcount[3], 0);
    CHECK_NEAR(sxy / sqrt(sxx * syy), 0.6, 0.02);
    CHECK_NEAR(sum[9] / N, 3, 0);          /* not drawn */
    /* a draw depends on (seed, index) only */
    double *v2 = calloc((size_t)np, sizeof *v2);
    brink_sampler_draw(s, 99, 5, v, w);
    brink_sampler_draw(s, 99, 777, v2, w);
    brink_sampler_draw(s, 99, 5, v2, w);
    CHECK(!memcmp(v, v2, (size_t)np * sizeof *v));
    brink_sampler_draw(s, 100, 5, v2, w);
    CHECK(memcmp(v, v2, (size_t)np * sizeof *v) != 0);
    free(v2);
    free(v);
    free(w);
    brink_sampler_free(s);
    brink_scenario_free(sc);
}

/* ---- the exact numbers a draw binds (tester 10, F2) ---- */

static void sampler_exact(void)
{
    static const char *text =
        "brink: 1\nid: ex\nactors: {A: {}}\nparameters:\n"
        "  p: {value: 0.5, range: [0.3, 1], distribution: 'discrete(0.3, 2/3, 1/2; 1, 1, 2)'}\n"
        "  u: {value: 0.5, range: [0, 1], distribution: 'uniform(0, 1)'}\n"
        "  w: 0.1\n"
        "issues: {x: [a, b]}\npreferences: {A: {x=a: p, x=b: u + w}}\n"
        "game:\n  A:\n    l: {outcome: {x: a}}\n    r: {outcome: {x: b}}\n";
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = load_text(text, &err);
    CHECK_MSG(sc != NULL, "%s (line %d)", err.message, err.line);
    if (!sc)
        return;
    const brink_param_info *pi = brink_scenario_param(sc, 0);
    CHECK(pi->dist == BRINK_DIST_DISCRETE && pi->dist_n == 3 && pi->dist_values_q);
    brink_sampler *s = brink_sampler_new(sc, &err);
    CHECK(s != NULL);
    double v[3], w[8], e[3];
    mpq_t *q = brink_q_array_new(3), t, want[3];
    mpq_init(t);
    for (int k = 0; k < 3; k++)
        mpq_init(want[k]);
    mpq_set_ui(want[0], 3, 10);
    mpq_set_ui(want[1], 2, 3);
    mpq_set_ui(want[2], 1, 2);
    long seen[3] = {0};
    int ok_p = 1, ok_u = 1, ok_w = 1;
    for (int i = 0; i < 2000 && s; i++) {
        brink_sampler_draw(s, 5, (uint64_t)i, v, w);
        brink_sampler_exact(s, v, q, e);
        /* p: one of the values as written, never moved (0.3's double is below 3/10) */
        int k = -1;
        for (int j = 0; j < 3; j++)
            if (mpq_equal(q[0], want[j]))
                k = j;
        if (k < 0 || v[0] != brink_q_get_d(want[k]) || (k == 2) != (e[0] == 0))
            ok_p = 0;
        else
            seen[k]++;
        mpq_set_d(t, v[0]);
        mpq_sub(t, t, q[0]);
        mpq_abs(t, t);
        if (mpq_get_d(t) > e[0])
            ok_p = 0;
        /* u: a continuous draw is the rational its double is */
        mpq_set_d(t, v[1]);
        if (!mpq_equal(t, q[1]) || e[1] != 0)
            ok_u = 0;
        /* w: not drawn, its exact default 1/10 with the double's error */
        mpq_set_ui(t, 1, 10);
        if (!mpq_equal(t, q[2]) || v[2] != 0.1 || !(e[2] > 0 && e[2] < 1e-17))
            ok_w = 0;
    }
    CHECK(ok_p && ok_u && ok_w);
    CHECK_NEAR(seen[0] / 2000.0, 0.25, 0.03);
    CHECK_NEAR(seen[1] / 2000.0, 0.25, 0.03);
    CHECK_NEAR(seen[2] / 2000.0, 0.5, 0.03);
    mpq_clear(t);
    for (int k = 0; k < 3; k++)
        mpq_clear(want[k]);
    brink_q_array_free(q, 3);
    brink_sampler_free(s);
    brink_scenario_free(sc);
}

/* ---- located errors ---- */

static void bad_distributions(void)
{
    /* the error points at the distribution's text (after its opening quote), at the argument
     * at fault, or at truncate's value */
    static const struct { const char *param, *expect, *at; } cases[] = {
        {"{value: 0, distribution: 'normal(nan, 1)'}", "must be a number", "nan"},
        {"{value: 0, distribution: 'normal(0, 0)'}", "sd > 0", "'"},
        {"{value: 0, distribution: 'normal(0, -1)'}", "sd > 0", "'"},
        {"{value: 0.5, range: [0, 1], distribution: 'beta(0, 2)'}", "alpha > 0", "'"},
        {"{value: 0.5, range: [0, 1], distribution: 'beta(2, inf)'}", "must be a number", "inf"},
        {"{value: 0, distribution: 'normal(0, 1e400)'}", "not a finite", "1e4"},
        {"{value: 0.5, range: [0, 1], distribution: 'normal(0.5, 0.1)'}", "outside the range", "'"},
        {"{value: 0.5, range: [0, 1], distribution: 'uniform(0, 2)'}", "outside the range", "'"},
        {"{value: 0.5, range: [0, 1], distribution: 'lognormal(0, 1)'}", "outside the range", "'"},
        {"{value: 0.5, range: [0, 1], distribution: 'normal(50, 1)', truncate: true}",
         "no probability", "'"},
        {"{value: 0.5, range: [0, 1], distribution: 'discrete(0.5, 2)'}", "outside the range", "'"},
        {"{value: 0.5, range: [0, 1], distribution: 'discrete(0.2, 0.5; 1, 0)'}", "positive", "0)"},
        {"{value: 0.5, range: [0, 1], distribution: 'discrete(0.2, 0.5; 1)'}", "weights", "'"},
        {"{value: 0.5, distribution: 'beta(2, 2)'}", "finite range", "'"},
        {"{value: 0.5, distribution: 'triangular(0, 2, 1)'}", "low <= mode", "'"},
        {"{value: 0.5, distribution: 'gamma(1, 1)'}", "must be one of", "'"},
        {"{value: 0.5, distribution: 'normal(0, 1)', truncate: true}", "needs a range", "true}"},
        {"{value: 0.5, range: [0, 1], truncate: true}", "has none", "true}"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        brink_buf b;
        brink_buf_init(&b);
        brink_buf_printf(&b, "brink: 1\nid: bad\nactors: {A: {}}\nparameters:\n  p: %s\n"
                             "issues: {x: [a, b]}\npreferences: {A: {x=a: 1}}\n"
                             "game:\n  A:\n    l: {outcome: {x: a}}\n    r: {outcome: {x: b}}\n",
                         cases[i].param);
        brink_error err;
        brink_error_clear(&err);
        brink_scenario *sc = load_text(b.data, &err);
        CHECK_MSG(sc == NULL, "case %zu accepted", i);
        int col = (int)(strstr(cases[i].param, cases[i].at) - cases[i].param) + 6 +
                  (cases[i].at[0] == '\'');   /* 6: "  p: " and 1-based */
        CHECK_MSG(err.line == 5 && err.column == col && strstr(err.message, cases[i].expect),
                  "case %zu: %d:%d: %s", i, err.line, err.column, err.message);
        brink_scenario_free(sc);
        brink_buf_free(&b);
    }
    /* correlations: not positive definite; unknown parameter */
    static const struct { const char *corr, *expect; int line; } cc[] = {
        {"  - {parameters: [p, q], rho: 0.9}\n  - {parameters: [p, r], rho: 0.9}\n"
         "  - {parameters: [q, r], rho: -0.9}\n", "positive definite", 9},
        {"  - {parameters: [p, z], rho: 0.5}\n", "unknown parameter", 9},
        {"  - {parameters: [p, q], rho: 1}\n", "strictly between", 9},
    };
    for (size_t i = 0; i < sizeof cc / sizeof cc[0]; i++) {
        brink_buf b;
        brink_buf_init(&b);
        brink_buf_printf(&b, "brink: 1\nid: bad\nactors: {A: {}}\nparameters:\n"
                             "  p: {value: 0, distribution: 'normal(0, 1)'}\n"
                             "  q: {value: 0, distribution: 'normal(0, 1)'}\n"
                             "  r: {value: 0, distribution: 'normal(0, 1)'}\n"
                             "correlations:\n%s"
                             "issues: {x: [a, b]}\npreferences: {A: {x=a: 1}}\n"
                             "game:\n  A:\n    l: {outcome: {x: a}}\n    r: {outcome: {x: b}}\n",
                         cc[i].corr);
        brink_error err;
        brink_error_clear(&err);
        brink_scenario *sc = load_text(b.data, &err);
        CHECK_MSG(sc == NULL, "correlation case %zu accepted", i);
        CHECK_MSG(err.line == cc[i].line && strstr(err.message, cc[i].expect),
                  "correlation case %zu: %d:%d: %s", i, err.line, err.column, err.message);
        brink_scenario_free(sc);
        brink_buf_free(&b);
    }
}

/* SRC: A's value is 2u + v with u, v ~ uniform(0, 1) independent and w drawn but unused:
 * src(u) = 2/sqrt(5), src(v) = 1/sqrt(5), src(w) = 0, R^2 = 1. */
static void sensitivity(void)
{
    static const char *T =
        "brink: 1\nid: src\nactors: {A: {}}\n"
        "parameters:\n"
        "  u: {value: 0.5, range: [0, 1], distribution: 'uniform(0, 1)'}\n"
        "  v: {value: 0.5, range: [0, 1], distribution: 'uniform(0, 1)'}\n"
        "  w: {value: 0.5, range: [0, 1], distribution: 'uniform(0, 1)'}\n"
        "issues: {x: [a, b]}\n"
        "preferences: {A: {x=a: 2 * u + v + 1}}\n"
        "game:\n  A:\n    l: {outcome: {x: a}}\n    r: {outcome: {x: b}}\n";
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = load_text(T, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (!sc)
        return;
    brink_mc_options o;
    brink_mc_options_init(&o);
    o.samples = 800;
    o.sensitivity = 100;
    brink_mc_result *r = brink_montecarlo(sc, &o, &err);
    CHECK_MSG(r != NULL, "%s", err.message);
    if (r) {
        CHECK_EQ_INT(r->nsens, 1);
        CHECK_EQ_INT(r->nvaried, 3);
        CHECK_EQ_INT(r->src_n[0], 800);
        CHECK_NEAR(r->src_r2[0], 1, 1e-9);
        CHECK_NEAR(r->src[0], 2 / sqrt(5), 0.03);
        CHECK_NEAR(r->src[1], 1 / sqrt(5), 0.03);
        CHECK_NEAR(r->src[2], 0, 1e-6);   /* y is exactly linear in u and v */
        CHECK(r->src_lo[0] <= r->src[0] && r->src[0] <= r->src_hi[0] && r->src_hi[0] < 1);
        CHECK(r->draw_x == NULL);          /* kept only for the fit */
        brink_mc_result_free(r);
    }
    brink_scenario_free(sc);
}

static void wilson(void)
{
    brink_proportion p;
    brink_wilson(0, 10, 1.96, &p);
    CHECK(p.lo == 0 && p.hi > 0.2 && p.hi < 0.35);
    brink_wilson(50, 100, 1.96, &p);
    CHECK_NEAR(p.lo, 0.4038, 1e-3);
    CHECK_NEAR(p.hi, 0.5962, 1e-3);
    brink_wilson(0, 0, 1.96, &p);
    CHECK(isnan(p.p) && p.lo == 0 && p.hi == 1);
}

int main(void)
{
    wilson();
    sensitivity();
    bad_distributions();
    sampler_kinds();
    sampler_exact();
    threads_same("m1", 200);
    identity("m1", "USA@demand", 2, 5, 3000);
    const char *dir = getenv("BRINK_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/montecarlo/m5-reputation-beta.yaml",
             dir ? dir : "..");
    identity(path, "USA@disarm", 2, 5, 3000);
    return check_finish();
}
