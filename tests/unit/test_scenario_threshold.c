/* test_scenario_threshold.c — certified thresholds on games whose answers are known in
 * closed form: exact rational flips, an irrational flip (sqrt 2, given by its polynomial),
 * an expression that is not rational in the parameter (reported unknown, never a flip),
 * several flips, none, and the three cases handed in with the issue (a narrow middle region
 * a grid would miss, the default read from its own region, a flip that is not where a
 * bracket's simplest rational lies). Every region's equilibria are checked independently.
 */
#include <math.h>
#include <string.h>

#include "check.h"
#include "scenario_util.h"
#include "threshold_util.h"
#include "brink/analysis.h"

static brink_analysis *analyze(const char *text, brink_scenario **sc)
{
    *sc = su_parse(text, "t.yaml");
    return su_analyze(*sc);
}

static brink_analysis *analyze_file(const char *name, brink_scenario **sc)
{
    char path[512];
    const char *dir = getenv("BRINK_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/tests/data/thresholds/%s", dir ? dir : "..", name);
    brink_error err;
    *sc = brink_scenario_load_file(path, NULL, &err);
    CHECK_MSG(*sc != NULL, "%s", err.message);
    if (!*sc)
        return NULL;
    brink_analysis *a = brink_analyze(*sc, NULL, &err);
    CHECK_MSG(a != NULL, "%s", err.message);
    return a;
}

static const brink_threshold *thr(const brink_analysis *a, int i)
{
    if (!a || a->nanswers <= i)
        return NULL;
    CHECK_MSG(a->answers[i].status == BRINK_OK, "%s", a->answers[i].message);
    return a->answers[i].threshold;
}

static char *text_of(const brink_analysis *a)
{
    brink_buf b;
    brink_buf_init(&b);
    brink_error err;
    CHECK(brink_analysis_write_text(a, &b, &err) == BRINK_OK);
    return b.data;   /* caller frees */
}

/* One decision: safe pays 1, risky pays x^2 / 2. Risky is better iff x > sqrt 2. */
static void test_irrational(void)
{
    const char *text =
        "brink: 1\nid: irr\nactors: {A: {}}\n"
        "parameters: {x: {value: 0.5, range: [0, 2]}}\n"
        "game: {A: {safe: {payoff: {A: 1}}, risky: {payoff: {A: x * x / 2}}}}\n"
        "questions:\n  - {id: t, threshold: {parameter: x, watch: A@start}}\n";
    brink_scenario *sc;
    brink_analysis *a = analyze(text, &sc);
    const brink_threshold *t = thr(a, 0);
    if (t) {
        CHECK_EQ_INT(t->nflips, 1);
        if (t->nflips == 1) {
            const brink_threshold_flip *f = &t->flips[0];
            CHECK(!f->at.rational);
            CHECK(f->certified);
            CHECK_NEAR(f->at.approx, sqrt(2.0), 1e-12);
            /* t^2 - 2, up to sign */
            CHECK_EQ_INT(f->at.degree, 2);
            if (f->at.degree == 2) {
                CHECK(mpz_cmpabs_ui(f->at.poly[0], 2) == 0);
                CHECK(mpz_sgn(f->at.poly[1]) == 0);
                CHECK(mpz_cmpabs_ui(f->at.poly[2], 1) == 0);
            }
            CHECK(mpq_get_d(f->at.lo) < 1.41421357 && mpq_get_d(f->at.hi) > 1.41421356);
            char b[64];
            CHECK_STR(tu_state(t, sc, t->regions[f->region_below].state[0], b, sizeof b), "safe");
            CHECK_STR(tu_state(t, sc, t->regions[f->region_above].state[0], b, sizeof b), "risky");
        }
        char *s = text_of(a);
        const char *line = s ? strstr(s, "it flips at") : NULL;
        const char *eol = line ? strchr(line, '\n') : NULL;
        CHECK(line && eol && strstr(line, "the root of x^2 - 2"));
        const char *ex = line ? strstr(line, "exactly") : NULL;
        CHECK(!ex || (eol && ex > eol));   /* never "exactly" for an irrational flip */
        free(s);
        CHECK(tu_verify_regions(t, sc, 5, "irr") > 0);
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* exp(x) is not a rational function of x: the range is unknown, no flip is invented. */
static void test_nonrational(void)
{
    const char *text =
        "brink: 1\nid: exp\nactors: {A: {}}\n"
        "parameters: {x: {value: 0.5, range: [0, 2]}}\n"
        "game: {A: {safe: {payoff: {A: 1}}, risky: {payoff: {A: exp(x) / 3}}}}\n"
        "questions:\n  - {id: t, threshold: {parameter: x, watch: A@start}}\n";
    brink_scenario *sc;
    brink_analysis *a = analyze(text, &sc);
    const brink_threshold *t = thr(a, 0);
    if (t) {
        CHECK_EQ_INT(t->nflips, 0);
        CHECK(t->nregions >= 1);
        for (int r = 0; r < t->nregions; r++) {
            CHECK(t->regions[r].status == BRINK_REGION_UNKNOWN);
            CHECK(t->regions[r].reason == BRINK_UNKNOWN_NONRATIONAL);
            CHECK_EQ_INT(t->regions[r].expr_line, 5);
        }
        char *s = text_of(a);
        CHECK(s && strstr(s, "not a rational function") && !strstr(s, "flips"));
        free(s);
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* Three options worth a = x, b = 1 + x/2 and c = 3.5 - x on [0, 4]: c > b iff x < 5/3 and
 * b > a iff x < 2, so the best is c below 5/3, b on (5/3, 2) and a above 2: two flips. */
static void test_several_flips(void)
{
    const char *text =
        "brink: 1\nid: multi\nactors: {A: {}}\n"
        "parameters: {x: {value: 1, range: [0, 4]}}\n"
        "game:\n"
        "  A:\n"
        "    a: {payoff: {A: x}}\n"
        "    b: {payoff: {A: 1 + x / 2}}\n"
        "    c: {payoff: {A: 3.5 - x}}\n"
        "questions:\n  - {id: t, threshold: {parameter: x, watch: A@start}}\n";
    brink_scenario *sc;
    brink_analysis *a = analyze(text, &sc);
    const brink_threshold *t = thr(a, 0);
    if (t) {
        CHECK_EQ_INT(t->nflips, 2);
        tu_check_flip(t, sc, 0, "5/3", "c", "b", "multi");
        tu_check_flip(t, sc, 1, "2", "b", "a", "multi");
        for (int f = 0; f < t->nflips; f++)
            CHECK(t->flips[f].certified);
        CHECK(tu_verify_regions(t, sc, 7, "multi") > 0);
        /* the profile query refuses what it cannot certify */
        brink_error err;
        const brink_efg *g = brink_scenario_game(sc);
        mpq_t *bq = brink_q_array_new((size_t)g->nactions), x;
        mpq_init(x);
        mpq_set_ui(x, 3, 1);   /* a: x > 2, outside the first region (c on [0, 5/3]) */
        CHECK(brink_threshold_profile(t, 0, 0, x, bq, NULL, &err) == BRINK_EINVALID);
        CHECK(!brink_threshold_covers(t, 0, 0, x));
        CHECK(brink_threshold_profile(t, t->nregions, 0, x, bq, NULL, &err) == BRINK_EINVALID);
        CHECK(brink_threshold_profile(t, 0, 99, x, bq, NULL, &err) == BRINK_EINVALID);
        CHECK_EQ_INT(brink_threshold_eq_state(t, 0, 99), -1);
        mpq_clear(x);
        brink_q_array_free(bq, (size_t)g->nactions);
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* No flip: the same choice over the whole range, said so. */
static void test_no_flip(void)
{
    const char *text =
        "brink: 1\nid: none\nactors: {A: {}}\n"
        "parameters: {x: {value: 1, range: [0, 4]}}\n"
        "game: {A: {up: {payoff: {A: 10 + x}}, down: {payoff: {A: x}}}}\n"
        "questions:\n  - {id: t, threshold: {parameter: x, watch: A@start}}\n";
    brink_scenario *sc;
    brink_analysis *a = analyze(text, &sc);
    const brink_threshold *t = thr(a, 0);
    if (t) {
        CHECK_EQ_INT(t->nflips, 0);
        CHECK_EQ_INT(t->nregions, 1);
        CHECK(t->regions[0].complete);
        char *s = text_of(a);
        CHECK(s && strstr(s, "the watched choice does not change"));
        free(s);
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* A chance move (or prior) of p and 1/2 is a game only at p = 1/2: nothing else of the range
 * may be certified (the tester's case: [3/10, 1] was certified "x" though the probabilities
 * summed to 1 + (p - 1/2) there). */
static void test_probability_sum(void)
{
    static const char *const texts[] = {
        "brink: 1\nid: n\nactors: {A: {}}\nparameters: {p: {value: 0.5, range: [0, 1]}}\n"
        "game: {A: {x: {chance: {u: {prob: p, payoff: {A: 1}}, v: {prob: 0.5}}},\n"
        "           y: {payoff: {A: 0.3}}}}\n"
        "questions:\n  - {id: t, threshold: {parameter: p, watch: A@start}}\n",
        "brink: 1\nid: n\nactors: {A: {}, B: {types: {hi: p, lo: 0.5}}}\n"
        "parameters: {p: {value: 0.5, range: [0, 1]}}\n"
        "game: {A: {x: {payoff: {A: 1}}, y: {payoff: {A: 0.3}}}}\n"
        "questions:\n  - {id: t, threshold: {parameter: p, watch: A@start}}\n",
    };
    for (int i = 0; i < 2; i++) {
        brink_scenario *sc;
        brink_analysis *a = analyze(texts[i], &sc);
        const brink_threshold *t = thr(a, 0);
        if (t) {
            int certified = 0;
            for (int r = 0; r < t->nregions; r++) {
                const brink_region *R = &t->regions[r];
                if (R->status != BRINK_REGION_CERTIFIED)
                    continue;
                certified++;
                CHECK_MSG(R->lo.rational && R->hi.rational && mpq_cmp(R->lo.q, R->hi.q) == 0 &&
                              mpq_cmp_ui(R->lo.q, 1, 2) == 0,
                          "case %d: region %d certified on [%g, %g]", i, r, R->lo.approx,
                          R->hi.approx);
            }
            CHECK_EQ_INT(certified, 1);
        }
        brink_analysis_free(a);
        brink_scenario_free(sc);
    }
}

/* Region of t containing x (a point region first), or -1. */
static int region_at(const brink_threshold *t, double x)
{
    for (int r = 0; r < t->nregions; r++)
        if (t->regions[r].point && t->regions[r].lo.approx == x)
            return r;
    for (int r = 0; r < t->nregions; r++) {
        const brink_region *R = &t->regions[r];
        if ((R->lo.approx < x || (R->lo.approx == x && R->lo_closed)) &&
            (R->hi.approx > x || (R->hi.approx == x && R->hi_closed)))
            return r;
    }
    return -1;
}

/* Ties the continued equilibria do not show (a tester's cases): the incumbent's fight pays
 * 2 - (x - 2)^2, touching accommodate's 2 at x = 2 only, so at x = 2 both are subgame
 * perfect (and so are E's enter and stay out); with accommodate paying 0 and fight x on
 * [0, 4], both are at x = 0, the range's end; M1 with its default on the flip (1/2) has
 * both US choices there, and "at the default" must say so. */
static void test_ties_at_points(void)
{
    const char *touch =
        "brink: 1\nid: touch\nactors: {E: {}, I: {}}\n"
        "parameters: {x: {value: 3, range: [0, 4]}}\n"
        "game:\n  E:\n    enter:\n      I:\n"
        "        accommodate: {payoff: {E: 1, I: 2}}\n"
        "        fight: {payoff: {E: -1, I: '2 - (x - 2)^2'}}\n"
        "    stay_out: {payoff: {E: 0, I: 5}}\n"
        "questions:\n  - {id: t, threshold: {parameter: x, watch: I@enter}}\n";
    const char *end =
        "brink: 1\nid: end\nactors: {E: {}, I: {}}\n"
        "parameters: {x: {value: 1, range: [0, 4]}}\n"
        "game:\n  E:\n    enter:\n      I:\n"
        "        accommodate: {payoff: {E: 1, I: 0}}\n"
        "        fight: {payoff: {E: -1, I: x}}\n"
        "    stay_out: {payoff: {E: 0, I: 5}}\n"
        "questions:\n  - {id: t, threshold: {parameter: x, watch: E@start}}\n";
    const char *cases[] = {touch, end};
    const double at[] = {2, 0};
    for (int i = 0; i < 2; i++) {
        brink_scenario *sc;
        brink_analysis *a = analyze(cases[i], &sc);
        const brink_threshold *t = thr(a, 0);
        if (t) {
            int r = region_at(t, at[i]);
            CHECK_MSG(r >= 0 && t->regions[r].point && t->regions[r].nstates == 2,
                      "case %d: the tie at %g: region %d (point %d, %d states)", i, at[i], r,
                      r >= 0 ? t->regions[r].point : -1, r >= 0 ? t->regions[r].nstates : -1);
            for (int k = 0; k < t->nregions; k++)   /* elsewhere: one equilibrium */
                if (k != r)
                    CHECK_MSG(t->regions[k].nstates == 1 && t->regions[k].complete,
                              "case %d: region %d", i, k);
            CHECK_EQ_INT(t->nflips, 0);
            if (i == 0) {
                char *text = text_of(a);
                CHECK(text && strstr(text, "at x = 2 only"));
                free(text);
            }
        }
        brink_analysis_free(a);
        brink_scenario_free(sc);
    }
    brink_error err;
    brink_scenario *m1 = brink_scenario_load("korea-2018-summit", &err);
    CHECK(m1 != NULL);
    if (m1) {
        int n = brink_scenario_nparams(m1), p = brink_scenario_param_find(m1, "p_resolute");
        mpq_t *v = brink_q_array_new((size_t)n);
        CHECK(v && p >= 0);
        if (v && p >= 0) {
            brink_scenario_defaults(m1, v);
            mpq_set_ui(v[p], 1, 2);
            CHECK(brink_scenario_set_defaults(m1, (const mpq_t *)v, &err) == BRINK_OK);
        }
        brink_q_array_free(v, (size_t)n);
        brink_analysis *a = brink_analyze(m1, NULL, &err);
        const brink_threshold *t = thr(a, 0);
        if (t) {
            CHECK(t->default_region >= 0 && t->regions[t->default_region].point &&
                  t->regions[t->default_region].nstates == 2);
            CHECK(t->nflips == 1 && t->flips[0].certified);
        }
        brink_analysis_free(a);
        brink_scenario_free(m1);
    }
}

/* threshold-default.yaml: o1 below 3/10, o2 on (3/10, 7/10), o3 above; default 0.9 -> o3. */
static void test_case_default(void)
{
    brink_scenario *sc;
    brink_analysis *a = analyze_file("threshold-default.yaml", &sc);
    const brink_threshold *t = thr(a, 0);
    if (t) {
        CHECK_EQ_INT(t->nflips, 2);
        tu_check_flip(t, sc, 0, "3/10", "o1", "o2", "default");
        tu_check_flip(t, sc, 1, "7/10", "o2", "o3", "default");
        CHECK(t->default_region >= 0 && tu_region_has(t, sc, t->default_region, "o3"));
        CHECK(t->default_region >= 0 && t->regions[t->default_region].nstates == 1);
        char *s = text_of(a);
        CHECK(s && strstr(s, "at the default t = 9/10: \"o3\""));
        free(s);
        tu_verify_regions(t, sc, 5, "default");
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* threshold-missed.yaml: low below 49/100, mid on [49/100, 51/100], high above; 0.5 -> mid. */
static void test_case_missed(void)
{
    brink_scenario *sc;
    brink_analysis *a = analyze_file("threshold-missed.yaml", &sc);
    const brink_threshold *t = thr(a, 0);
    if (t) {
        CHECK_EQ_INT(t->nflips, 2);
        tu_check_flip(t, sc, 0, "49/100", "low", "mid", "missed");
        tu_check_flip(t, sc, 1, "51/100", "mid", "high", "missed");
        CHECK(t->default_region >= 0 && tu_region_has(t, sc, t->default_region, "mid"));
        for (int f = 0; f < t->nflips; f++)
            CHECK(t->flips[f].certified);
        tu_verify_regions(t, sc, 5, "missed");
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* if-nonrational-branch.yaml: the if's rational branch is continued and flips at exactly
 * 1/4 ("stop" below, "go" above, both certified), and only [1/2, 1], where sqrt(x) is taken,
 * is not certified (NONRATIONAL, located at the expression). Before, the whole gap beyond
 * the first sample on the sqrt branch was left unknown. */
static void test_case_if_nonrational_branch(void)
{
    brink_scenario *sc;
    brink_analysis *a = analyze_file("if-nonrational-branch.yaml", &sc);
    const brink_threshold *t = thr(a, 0);
    if (t) {
        CHECK_EQ_INT(t->nflips, 1);
        tu_check_flip(t, sc, 0, "1/4", "stop", "go", "if-branch");
        if (t->nflips == 1)
            CHECK(t->flips[0].certified);
        int unknown = 0;
        for (int r = 0; r < t->nregions; r++) {
            const brink_region *R = &t->regions[r];
            if (R->status == BRINK_REGION_CERTIFIED) {
                /* nothing certified at or beyond 1/2 */
                CHECK(R->hi.rational && mpq_cmp_si(R->hi.q, 1, 2) <= 0);
                if (R->hi.rational && mpq_cmp_si(R->hi.q, 1, 2) == 0)
                    CHECK(!R->hi_closed);
                continue;
            }
            /* [1/2, 1] unknown, as the point 1/2 (the if's guard vanishes) and (1/2, 1] */
            if (!unknown++)
                CHECK(R->lo.rational && mpq_cmp_si(R->lo.q, 1, 2) == 0 && R->lo_closed);
            CHECK(R->lo.rational && mpq_cmp_si(R->lo.q, 1, 2) >= 0);
            CHECK_EQ_INT(R->reason, BRINK_UNKNOWN_NONRATIONAL);
            CHECK_EQ_INT(R->expr_line, 19);
        }
        CHECK(unknown >= 1);
        const brink_region *last = &t->regions[t->nregions - 1];
        CHECK(last->status != BRINK_REGION_CERTIFIED && last->hi.rational &&
              mpq_cmp_si(last->hi.q, 1, 1) == 0);
        tu_verify_regions(t, sc, 5, "if-branch");
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* threshold-false-exact.yaml: A@all accepts iff 9p + 0.1 > 5, i.e. p > 49/90; at 37/68 A
 * strictly prefers war. The certificate: A's gain from accepting is 9p - 49/10, zero at
 * 49/90, negative below, positive above; both worth 5 there. */
static void test_case_false_exact(void)
{
    brink_scenario *sc;
    brink_analysis *a = analyze_file("threshold-false-exact.yaml", &sc);
    const brink_threshold *t = thr(a, 0);
    if (t) {
        CHECK_EQ_INT(t->nflips, 1);
        tu_check_flip(t, sc, 0, "49/90", "war", "accept", "false-exact");
        if (t->nflips == 1) {
            const brink_flip_cert *c = &t->flips[0].cert;
            CHECK(t->flips[0].certified);
            CHECK_EQ_INT(c->sign_below, -1);
            CHECK_EQ_INT(c->sign_above, 1);
            CHECK(c->value_rational && mpq_cmp_si(c->value_at, 5, 1) == 0);
            /* gap = 9p - 49/10 (numerator, denominator 1) */
            CHECK_EQ_INT(c->num_deg, 1);
            CHECK(c->num_deg == 1 && mpq_cmp_si(c->num[1], 9, 1) == 0 &&
                  mpq_cmp_si(c->num[0], -49, 10) == 0);
        }
        /* 37/68 lies in the war region */
        mpq_t q;
        mpq_init(q);
        mpq_set_ui(q, 37, 68);
        int found = 0;
        for (int r = 0; r < t->nregions; r++) {
            const brink_region *R = &t->regions[r];
            if (mpq_cmp(R->lo.q, q) <= 0 && mpq_cmp(R->hi.q, q) > 0)
                found = tu_region_has(t, sc, r, "war");
        }
        CHECK(found);
        mpq_clear(q);
        tu_verify_regions(t, sc, 5, "false-exact");
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* A caller's non-canonical rational (4/6): GMP's arithmetic takes canonical operands only,
 * and the profile of a certified equilibrium at 4/6 once failed its own sequential check
 * (the property test's seed 4848677246041361964, whose own 2/4-style points were not
 * canonical). The profile query canonicalizes: the same exact profile as at 2/3. */
static void test_case_noncanonical(void)
{
    const char *text =
        "brink: 1\n"
        "id: prop\n"
        "actors: {A: {}, B: {}}\n"
        "parameters: {t: {value: 0.9, range: [0, 1]}}\n"
        "game:\n"
        "  hidden: true\n"
        "  A:\n"
        "    a:\n"
        "      B:\n"
        "        a: {payoff: {A: 2 + -1 * t, B: -2 + 2 * t}}\n"
        "        b: {payoff: {A: (-2 + -1 * t) / (1 + 1 * t), B: 0}}\n"
        "        c: {payoff: {A: 2 + -3 * t, B: -2 + 1 * t}}\n"
        "    b:\n"
        "      B:\n"
        "        a: {payoff: {A: -2 + 2 * t, B: 3 + -1 * t + -1 * t * t}}\n"
        "        b: {payoff: {A: 3, B: -1 + -1 * t}}\n"
        "        c: {payoff: {A: 1, B: 3 + 1 * t}}\n"
        "questions:\n"
        "  - {id: q, threshold: {parameter: t, watch: A@start}}\n"
        ;
    brink_scenario *sc;
    brink_analysis *a = analyze(text, &sc);
    const brink_threshold *t = thr(a, 0);
    if (t) {
        brink_error err;
        const brink_efg *g = brink_scenario_game(sc);
        size_t na = (size_t)g->nactions;
        mpq_t *p1 = brink_q_array_new(na), *p2 = brink_q_array_new(na), x, y;
        mpq_inits(x, y, NULL);
        mpq_set_ui(x, 4, 6);   /* not canonicalized, on purpose */
        mpq_set_ui(y, 2, 3);
        int checked = 0;
        for (int r = 0; r < t->nregions; r++)
            for (int k = 0; k < t->regions[r].ncertified; k++) {
                if (!brink_threshold_covers(t, r, k, y))
                    continue;
                CHECK(brink_threshold_covers(t, r, k, x));
                CHECK(brink_threshold_profile(t, r, k, x, p1, NULL, &err) == BRINK_OK);
                CHECK(brink_threshold_profile(t, r, k, y, p2, NULL, &err) == BRINK_OK);
                for (size_t i = 0; i < na; i++)
                    CHECK(mpq_equal(p1[i], p2[i]));
                checked++;
            }
        CHECK(checked >= 2);
        mpq_clears(x, y, NULL);
        brink_q_array_free(p1, na);
        brink_q_array_free(p2, na);
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

int main(void)
{
    test_irrational();
    test_nonrational();
    test_several_flips();
    test_no_flip();
    test_probability_sum();
    test_ties_at_points();
    test_case_default();
    test_case_missed();
    test_case_false_exact();
    test_case_if_nonrational_branch();
    test_case_noncanonical();
    return check_finish();
}
