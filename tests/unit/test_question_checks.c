/* test_question_checks.c — the checks a question gets wherever it is asked (a file's
 * questions:, brink sweep --vary/--watch, the Python threshold()): brink_scenario_check_range
 * (low < high, inside the declared range, any range for a parameter that declares none),
 * brink_question_id_valid and brink_scenario_check_watch, each with the words it says. */
#include "check.h"

#include "brink/brink.h"

static const char *const text =
    "brink: 1\nid: t\nactors: {E: Entrant, I: Incumbent}\n"
    "parameters:\n  x: {value: 1, range: [0, 4]}\n  z: {value: 1}\n"
    "game:\n  E:\n    enter:\n      I:\n        fight: {payoff: {E: -1, I: x}}\n"
    "        accommodate: {payoff: {E: 1, I: z}}\n    stay_out: {payoff: {E: 0, I: 5}}\n";

static void range_check(const brink_scenario *sc, int p, const char *lo, const char *hi,
                        const char *part)
{
    mpq_t a, b;
    mpq_inits(a, b, NULL);
    CHECK(mpq_set_str(a, lo, 10) == 0 && mpq_set_str(b, hi, 10) == 0);
    brink_error err;
    brink_error_clear(&err);
    brink_status st = brink_scenario_check_range(sc, p, a, b, &err);
    if (!part)
        CHECK_MSG(st == BRINK_OK, "[%s, %s] refused: %s", lo, hi, err.message);
    else
        CHECK_MSG(st == BRINK_EINVALID && strstr(err.message, part) && err.line == 0,
                  "[%s, %s]: %d '%s', want '%s'", lo, hi, (int)st, err.message, part);
    mpq_clears(a, b, NULL);
}

int main(void)
{
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_parse(text, strlen(text), "t.yaml", NULL, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (!sc)
        return check_finish();
    int x = brink_scenario_param_find(sc, "x"), z = brink_scenario_param_find(sc, "z");
    range_check(sc, x, "0", "4", NULL);            /* the whole declared range */
    range_check(sc, x, "1/3", "2", NULL);
    range_check(sc, x, "-1", "4", "range of 'x': [-1, 4] leaves the declared range [0, 4]");
    range_check(sc, x, "0", "9/2", "[0, 4.5] leaves the declared range [0, 4]");
    range_check(sc, x, "2", "2", "low must be below high");
    range_check(sc, x, "3", "1", "low must be below high");
    range_check(sc, z, "-1000", "1000", NULL);     /* no declared range: any */
    range_check(sc, z, "1", "1", "low must be below high");

    CHECK(brink_question_id_valid("flip"));
    CHECK(brink_question_id_valid("_a-1"));
    CHECK(!brink_question_id_valid(""));
    CHECK(!brink_question_id_valid("a b"));
    CHECK(!brink_question_id_valid("a\"b"));
    CHECK(!brink_question_id_valid("<x>"));
    CHECK(!brink_question_id_valid("1a"));
    CHECK(!brink_question_id_valid("\xD1\x84"));   /* ф */
    CHECK(!brink_question_id_valid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));

    CHECK(brink_scenario_check_watch(sc, "I@enter", &err) == BRINK_OK);
    CHECK(brink_scenario_check_watch(sc, "E@*", &err) == BRINK_OK);
    CHECK(brink_scenario_check_watch(sc, "I@nowhere", &err) == BRINK_EINVALID &&
          strstr(err.message, "no decision matches 'I@nowhere' (decisions of I: enter)"));
    CHECK(brink_scenario_check_watch(sc, "nowhere", &err) == BRINK_EINVALID &&
          strstr(err.message, "must look like ACTOR@LABEL"));
    CHECK(brink_scenario_check_watch(sc, "Q@enter", &err) == BRINK_EINVALID &&
          strstr(err.message, "unknown actor 'Q'"));
    brink_scenario_free(sc);
    return check_finish();
}
