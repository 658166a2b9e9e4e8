/* test_scenario_threshold.c — the threshold search on games whose flip points are known in
 * closed form: an exact rational flip (certified), an irrational one (ln 3: no rational can be
 * certified, so Brent's method on the payoff gap must find it), several flips in one range,
 * and a range with no flip at all.
 */
#include <math.h>
#include <string.h>

#include "check.h"
#include "brink/analysis.h"

static brink_analysis *analyze(const char *text, brink_scenario **sc)
{
    brink_error err;
    *sc = brink_scenario_parse(text, strlen(text), "t.yaml", NULL, &err);
    CHECK_MSG(*sc != NULL, "%s", err.message);
    if (!*sc)
        return NULL;
    brink_analysis *a = brink_analyze(*sc, NULL, &err);
    CHECK_MSG(a != NULL, "%s", err.message);
    return a;
}

/* One decision: safe pays 1, risky pays exp(x) / 3. Risky is better iff x > ln 3. */
static void test_irrational(void)
{
    const char *text =
        "brink: 1\nid: irr\nactors: {A: {}}\n"
        "parameters: {x: {value: 0.5, range: [0, 2]}}\n"
        "game: {A: {safe: {payoff: {A: 1}}, risky: {payoff: {A: exp(x) / 3}}}}\n"
        "questions:\n  - {id: t, threshold: {parameter: x, watch: A@start}}\n";
    brink_scenario *sc;
    brink_analysis *a = analyze(text, &sc);
    if (a) {
        CHECK_EQ_INT(a->nanswers, 1);
        const brink_answer *an = &a->answers[0];
        CHECK_EQ_INT(an->nflips, 1);
        if (an->nflips == 1) {
            CHECK(!an->flips[0].exact);
            CHECK_NEAR(an->flips[0].at, log(3.0), 1e-9);
            CHECK(an->flips[0].lo <= log(3.0) + 1e-12 && an->flips[0].hi >= log(3.0) - 1e-12);
            CHECK_STR(an->flips[0].before, "safe");
            CHECK_STR(an->flips[0].after, "risky");
        }
        CHECK_STR(an->at_lo, "safe");
        CHECK_STR(an->at_hi, "risky");
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
    if (a) {
        const brink_answer *an = &a->answers[0];
        CHECK_EQ_INT(an->nflips, 2);
        if (an->nflips == 2) {
            CHECK(an->flips[0].exact && !strcmp(an->flips[0].exactq, "5/3"));
            CHECK_STR(an->flips[0].before, "c");
            CHECK_STR(an->flips[0].after, "b");
            CHECK(an->flips[1].exact && !strcmp(an->flips[1].exactq, "2"));
            CHECK_STR(an->flips[1].after, "a");
        }
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
    if (a) {
        const brink_answer *an = &a->answers[0];
        CHECK_EQ_INT(an->nflips, 0);
        CHECK_STR(an->at_lo, "up");
        CHECK_STR(an->at_hi, "up");
        brink_buf b;
        brink_buf_init(&b);
        brink_error err;
        CHECK(brink_analysis_write_text(a, &b, &err) == BRINK_OK);
        CHECK(strstr(b.data, "does not change for x in [0, 4]: up throughout") != NULL);
        brink_buf_free(&b);
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

int main(void)
{
    test_irrational();
    test_several_flips();
    test_no_flip();
    return check_finish();
}
