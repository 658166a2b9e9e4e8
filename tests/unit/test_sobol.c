/* test_sobol.c — Sobol indices (src/uncertainty/sobol.c).
 *
 *   - the estimator kernel (brink_sobol_estimate) on the Ishigami function
 *     f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i ~ uniform(-pi, pi), a = 7, b = 0.1, whose
 *     indices are known in closed form (Ishigami & Homma 1990; Saltelli et al. 2010, sec. 4):
 *     each estimate within 4 of its own standard errors of the true value, and those errors
 *     small enough at N = 2^14 rows that a wrong estimator cannot pass (see ishigami());
 *   - an input the model ignores gets exactly 0 with the interval [0, 0]; an additive model
 *     x1 + 2 x2 has S1 = ST = 1/5, 4/5; undefined rows are left out; a constant output has
 *     no index;
 *   - the design row: A, B and A_B^(i) as documented;
 *   - a scenario (tests/data/montecarlo/sobol-toy.yaml) where p decides the outcome and q
 *     provably does not: the outcome's indices for q are exactly 0, p's total index covers 1,
 *     A's value (max(p, 1/2) + q) has ST = 5/21 and 16/21; the same numbers with 1 and 2
 *     threads; a scenario with correlated parameters is refused.
 */
#include <math.h>

#include "brink/brink.h"
#include "check.h"

static const double PI = 3.14159265358979323846;

/* k uniforms on (-pi, pi) for row `index` of a stream keyed by seed. */
static void point(uint64_t seed, uint64_t index, int k, double *x)
{
    brink_stream s;
    brink_stream_init(&s, seed, index, 0);
    for (int i = 0; i < k; i++)
        x[i] = -PI + 2 * PI * brink_stream_uniform(&s);
}

typedef double (*model_fn)(const double *x);

/* y[n * (k + 2)] of Saltelli's design for model f (A: row 2r, B: row 2r + 1). */
static double *design(model_fn f, long n, int k, uint64_t seed)
{
    double *y = malloc((size_t)n * (size_t)(k + 2) * sizeof *y);
    double a[8], b[8], m[8];
    for (long r = 0; y && r < n; r++) {
        point(seed, 2 * (uint64_t)r, k, a);
        point(seed, 2 * (uint64_t)r + 1, k, b);
        double *row = &y[(size_t)r * (size_t)(k + 2)];
        row[0] = f(a);
        row[1] = f(b);
        for (int i = 0; i < k; i++) {
            memcpy(m, a, (size_t)k * sizeof *m);
            m[i] = b[i];
            row[2 + i] = f(m);
        }
    }
    return y;
}

static double ishigami_f(const double *x)
{
    double s = sin(x[0]), t = sin(x[1]);
    return s + 7 * t * t + 0.1 * pow(x[2], 4) * s;
}

static void ishigami(void)
{
    /* closed form (a = 7, b = 0.1): V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2,
     * V1 = (1 + b pi^4/5)^2 / 2, V2 = a^2/8, V13 = b^2 pi^8 (1/18 - 1/50), V3 = 0 */
    double a = 7, b = 0.1, p4 = pow(PI, 4), p8 = pow(PI, 8);
    double V = a * a / 8 + b * p4 / 5 + b * b * p8 / 18 + 0.5;
    double V1 = 0.5 * (1 + b * p4 / 5) * (1 + b * p4 / 5), V2 = a * a / 8;
    double V13 = b * b * p8 * (1.0 / 18 - 1.0 / 50);
    const double s1[3] = {V1 / V, V2 / V, 0}, st[3] = {(V1 + V13) / V, V2 / V, V13 / V};
    /* the values the brief quotes */
    CHECK_NEAR(s1[0], 0.3139, 1e-4);
    CHECK_NEAR(s1[1], 0.4424, 1e-4);
    CHECK_NEAR(st[0], 0.5576, 1e-4);
    CHECK_NEAR(st[2], 0.2437, 1e-4);
    long n = 1L << 14;
    double *y = design(ishigami_f, n, 3, 11);
    brink_sobol out[3];
    brink_error err;
    brink_error_clear(&err);
    CHECK(y != NULL);
    if (!y)
        return;
    CHECK_EQ_INT(brink_sobol_estimate(n, 3, y, 400, 1.959963984540054, 5, out, &err), BRINK_OK);
    for (int i = 0; i < 3; i++) {
        /* The estimators are means over the N rows, so their errors are normal with standard
         * deviation ~ c / sqrt(N); the bootstrap interval's half-width / 1.96 estimates it.
         * At N = 2^14 (this seed) they are 0.003 to 0.011 (first order: 0.009 to 0.011;
         * total: 0.003 to 0.011); the checks ask for 4 standard errors at most (<= 0.08),
         * and that the errors are that small (a quarter of the gap between S1 and ST of
         * x1, 0.24, or of ST3 to 0), so a wrong estimator cannot pass. */
        double se1 = (out[i].s1_hi - out[i].s1_lo) / (2 * 1.96);
        double set = (out[i].st_hi - out[i].st_lo) / (2 * 1.96);
        CHECK_EQ_INT(out[i].n, n);
        CHECK_NEAR(out[i].var, V, 0.05 * V);
        CHECK_MSG(se1 > 0 && se1 < 0.02 && set > 0 && set < 0.02, "x%d: se %g %g", i + 1, se1,
                  set);
        CHECK_MSG(fabs(out[i].s1 - s1[i]) <= 4 * se1, "S1 x%d: %g vs %g (se %g)", i + 1,
                  out[i].s1, s1[i], se1);
        CHECK_MSG(fabs(out[i].st - st[i]) <= 4 * set, "ST x%d: %g vs %g (se %g)", i + 1,
                  out[i].st, st[i], set);
        CHECK(out[i].s1_lo <= out[i].s1 && out[i].s1 <= out[i].s1_hi);
        CHECK(out[i].st_lo <= out[i].st && out[i].st <= out[i].st_hi);
    }
    /* the same inputs and seed: the same numbers, bootstrap included */
    brink_sobol again[3];
    CHECK_EQ_INT(brink_sobol_estimate(n, 3, y, 400, 1.959963984540054, 5, again, &err),
                 BRINK_OK);
    CHECK(memcmp(out, again, sizeof out) == 0);
    free(y);
}

static double additive_f(const double *x)
{
    return x[0] + 2 * x[1];   /* x[2] ignored */
}

static double constant_f(const double *x)
{
    (void)x;
    return 3;
}

static void exact_cases(void)
{
    long n = 4000;
    double *y = design(additive_f, n, 3, 2);
    brink_sobol out[3];
    brink_error err;
    brink_error_clear(&err);
    CHECK(y != NULL);
    if (!y)
        return;
    CHECK_EQ_INT(brink_sobol_estimate(n, 3, y, 200, 1.959963984540054, 1, out, &err), BRINK_OK);
    /* the ignored input: every f(A_B^3) - f(A) is 0, so both indices are exactly 0 */
    CHECK(out[2].s1 == 0 && out[2].st == 0 && out[2].s1_lo == 0 && out[2].s1_hi == 0 &&
          out[2].st_lo == 0 && out[2].st_hi == 0);
    /* additive: V(x1) : V(2 x2) = 1 : 4; intervals contain the truth, and are narrow */
    const double want[2] = {0.2, 0.8};
    for (int i = 0; i < 2; i++) {
        CHECK_MSG(out[i].s1_lo <= want[i] && want[i] <= out[i].s1_hi, "S1 x%d [%g, %g]", i + 1,
                  out[i].s1_lo, out[i].s1_hi);
        CHECK_MSG(out[i].st_lo <= want[i] && want[i] <= out[i].st_hi, "ST x%d [%g, %g]", i + 1,
                  out[i].st_lo, out[i].st_hi);
        CHECK(out[i].s1_hi - out[i].s1_lo < 0.15 && out[i].st_hi - out[i].st_lo < 0.1);
    }
    /* undefined outputs leave their rows out (row 0 and 5) */
    y[0] = NAN;
    y[5 * 5 + 3] = HUGE_VAL;
    CHECK_EQ_INT(brink_sobol_estimate(n, 3, y, 0, 1.959963984540054, 1, out, &err), BRINK_OK);
    CHECK_EQ_INT(out[0].n, n - 2);
    CHECK(isnan(out[0].s1_lo) && !isnan(out[0].s1));   /* no resamples, no interval */
    free(y);
    /* a constant output has no index */
    y = design(constant_f, 100, 2, 1);
    CHECK(y != NULL);
    if (y) {
        CHECK_EQ_INT(brink_sobol_estimate(100, 2, y, 50, 1.96, 1, out, &err), BRINK_OK);
        CHECK(out[0].var == 0 && isnan(out[0].s1) && isnan(out[1].st));
    }
    free(y);
    CHECK_EQ_INT(brink_sobol_estimate(10, 0, NULL, 0, 1.96, 1, out, &err), BRINK_EINVALID);
}

/* ---- the design rows and a scenario ---- */

static brink_scenario *load(const char *rel, brink_error *err)
{
    const char *dir = getenv("BRINK_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "..", rel);
    return brink_scenario_load(path, err);
}

static void design_rows(const brink_scenario *sc)
{
    brink_error err;
    brink_sampler *s = brink_sampler_new(sc, &err);
    CHECK(s != NULL);
    if (!s)
        return;
    int np = brink_scenario_nparams(sc), k = brink_sampler_nvaried(s);
    double A[8], B[8], v[8], bv[8], work[8];
    CHECK(np <= 8 && brink_sampler_work_size(s) <= 8 && k == 2);
    for (long r = 0; r < 3; r++) {
        brink_sampler_draw(s, 9, 2 * (uint64_t)r, A, work);
        brink_sampler_draw(s, 9, 2 * (uint64_t)r + 1, B, work);
        for (int c = 0; c < k + 2; c++) {
            brink_sobol_design_row(s, 9, r * (k + 2) + c, v, bv, work);
            for (int j = 0; j < np; j++) {
                double want = c == 1 ? B[j] : A[j];
                if (c >= 2 && j == brink_sampler_varied(s, c - 2))
                    want = B[j];
                CHECK_MSG(v[j] == want, "row %ld column %d parameter %d", r, c, j);
            }
        }
        CHECK(A[0] != B[0] && A[1] != B[1]);
    }
    brink_sampler_free(s);
}

/* The indices of output j on parameter i. */
static const brink_sobol *ix(const brink_mc_result *r, int j, int i)
{
    return &r->sobol[(size_t)j * (size_t)r->nvaried + (size_t)i];
}

static void scenario(void)
{
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = load("tests/data/montecarlo/sobol-toy.yaml", &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (!sc)
        return;
    design_rows(sc);
    const char *watch[] = {"A@*"};
    brink_mc_result *r[2] = {NULL, NULL};
    for (int t = 0; t < 2; t++) {
        brink_mc_options o;
        brink_mc_options_init(&o);
        o.samples = 50;
        o.sobol = 3000;
        o.threads = t + 1;
        o.watch = watch;
        o.nwatch_refs = 1;
        r[t] = brink_montecarlo(sc, &o, &err);
        CHECK_MSG(r[t] != NULL, "%s", err.message);
    }
    if (r[0] && r[1]) {
        const brink_mc_result *a = r[0];
        /* outputs: 2 outcome groups, 2 watched actions, 1 value; parameters p, q */
        CHECK_EQ_INT(a->nsobol, 5);
        CHECK_EQ_INT(a->nvaried, 2);
        CHECK_EQ_INT(a->sobol_draws, 3000 * 4);
        CHECK_EQ_INT(a->sobol_failed, 0);
        CHECK(memcmp(a->sobol, r[1]->sobol, (size_t)a->nsobol * 2 * sizeof *a->sobol) == 0);
        int p = strcmp(brink_scenario_param(sc, a->varied[0])->name, "p") ? 1 : 0, q = 1 - p;
        for (int j = 0; j < 4; j++) {
            /* q never changes the outcome or the choice: exactly 0 */
            const brink_sobol *sq = ix(a, j, q), *sp = ix(a, j, p);
            CHECK(sq->s1 == 0 && sq->st == 0 && sq->s1_lo == 0 && sq->s1_hi == 0 &&
                  sq->st_lo == 0 && sq->st_hi == 0);
            /* p decides it: the indicator's variance is all p's */
            CHECK_MSG(sp->st_lo <= 1 && 1 <= sp->st_hi && sp->st > 0.9, "ST p [%g, %g]",
                      sp->st_lo, sp->st_hi);
            CHECK_MSG(sp->s1_lo <= 1 && 1 <= sp->s1_hi, "S1 p [%g, %g]", sp->s1_lo,
                      sp->s1_hi);
            CHECK_NEAR(sp->var, 0.25, 0.02);   /* an indicator with P = 1/2 */
        }
        /* A's value max(p, 1/2) + q: V = 5/192 + 16/192, additive */
        const double want[2] = {5.0 / 21, 16.0 / 21};
        for (int v = 0; v < 2; v++) {
            const brink_sobol *s = ix(a, 4, v == 0 ? p : q);
            CHECK_MSG(s->st_lo <= want[v] && want[v] <= s->st_hi, "ST value [%g, %g] vs %g",
                      s->st_lo, s->st_hi, want[v]);
            CHECK_MSG(s->s1_lo <= want[v] && want[v] <= s->s1_hi, "S1 value [%g, %g] vs %g",
                      s->s1_lo, s->s1_hi, want[v]);
        }
        CHECK_NEAR(ix(a, 4, p)->var, 21.0 / 192, 0.01);
        /* the text and JSON say it */
        brink_buf b;
        brink_buf_init(&b);
        CHECK_EQ_INT(brink_mc_write_text(a, &b, &err), BRINK_OK);
        CHECK(b.data && strstr(b.data, "Sobol indices") && strstr(b.data, "q: S1 0 [0, 0]"));
        brink_buf_reset(&b);
        CHECK_EQ_INT(brink_mc_write_json(a, &b, &err), BRINK_OK);
        CHECK(b.data && strstr(b.data, "\"sobol\":{\"base_rows\":3000"));
        brink_buf_free(&b);
    }
    brink_mc_result_free(r[0]);
    brink_mc_result_free(r[1]);
    brink_scenario_free(sc);
}

/* Correlated parameters, too few base rows and shared processes are refused. */
static void refused(void)
{
    static const char *const text =
        "brink: 1\nid: corr\nactors: {A: {}}\nparameters:\n"
        "  c1: {value: 0, distribution: 'normal(0, 1)'}\n"
        "  c2: {value: 0, distribution: 'normal(0, 1)'}\n"
        "correlations:\n  - {parameters: [c1, c2], rho: 0.6}\n"
        "issues: {x: [a, b]}\npreferences: {A: {x=a: c1 + c2}}\n"
        "game:\n  A:\n    l: {outcome: {x: a}}\n    r: {outcome: {x: b}}\n";
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_parse(text, strlen(text), "t.yaml", NULL, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (!sc)
        return;
    brink_mc_options o;
    brink_mc_options_init(&o);
    o.samples = 10;
    o.sobol = 100;
    brink_mc_result *r = brink_montecarlo(sc, &o, &err);
    CHECK(r == NULL && err.code == BRINK_EINVALID && strstr(err.message, "independent") &&
          strstr(err.message, "'c1' and 'c2'"));
    brink_mc_result_free(r);
    o.sobol = 1;   /* too few base rows */
    r = brink_montecarlo(sc, &o, &err);
    CHECK(r == NULL && err.code == BRINK_EINVALID);
    brink_mc_result_free(r);
    o.sobol = 100;   /* shared among processes: refused before any draw */
    o.nparts = 2;
    brink_scenario *toy = load("tests/data/montecarlo/sobol-toy.yaml", &err);
    r = toy ? brink_montecarlo(toy, &o, &err) : NULL;
    CHECK(toy && r == NULL && err.code == BRINK_EINVALID && strstr(err.message, "shared"));
    brink_mc_result_free(r);
    brink_scenario_free(toy);
    o.nparts = 0;
    o.sobol = 0;   /* without Sobol the run goes on */
    r = brink_montecarlo(sc, &o, &err);
    CHECK(r != NULL && r->sobol_n == 0 && r->sobol == NULL);
    brink_mc_result_free(r);
    brink_scenario_free(sc);
}

int main(void)
{
    ishigami();
    exact_cases();
    scenario();
    refused();
    return check_finish();
}
