/* test_forecast_mc.c — Monte Carlo over a forecast's declared input distributions
 * (`brink forecast --mc`, docs/forecast.md "Monte Carlo over uncertain inputs").
 *
 *  - Draws that are constant (discrete with one value) give exactly the deterministic
 *    forecast: every run's settlement is the single run's final weighted median and mean.
 *  - A case whose answer is derived by hand: actor C holds 10 of the 12 units of weight, so
 *    it is the weighted median, and no offer can move it (its own vote outweighs the others:
 *    the net vote against it is never positive), so the settlement is C's drawn position.
 *    With C's position uniform(0, 100), P(settlement > 70) = 0.3 and the mean is 50 (sd
 *    100 / sqrt(12)); the Wilson interval of the estimate must hold 0.3.
 *  - Noise is applied only where asked: a drawn input is not perturbed again.
 *  - Threads 1 and 2 give identical results; a run that draws every capability 0 is refused,
 *    named; the built-in six-party forecast draws exactly its judgments.
 */
#include <math.h>
#include <string.h>

#include "brink/brink.h"
#include "check.h"

static brink_scenario *parse(const char *yaml)
{
    brink_error err;
    brink_scenario *sc = brink_scenario_parse(yaml, strlen(yaml), "t.yaml", NULL, &err);
    CHECK_MSG(sc != NULL, "%s", sc ? "" : err.message);
    return sc;
}

#define HEAD                                                                                     \
    "brink: 1\nid: t\nactors: {A: {}, B: {}, C: {}}\n"                                          \
    "game: {A: {x: {payoff: {A: 1, B: 0, C: 0}}, y: {payoff: {A: 0, B: 1, C: 0}}}}\n"

/* Every input drawn from a one-value distribution at its own central value. Binary fractions:
 * a value is read as an exact number rounded toward zero, a distribution's arguments by
 * strtod (nearest), and the two readings agree exactly only where the decimal is a double. */
static const char constant_yaml[] = HEAD
    "forecast:\n"
    "  capability:\n"
    "    A: {value: 1, distribution: 'discrete(1)'}\n"
    "    B: {value: 0.625, distribution: 'discrete(0.625)'}\n"
    "    C: {value: 0.75, distribution: 'discrete(0.75)'}\n"
    "  issues:\n"
    "    i:\n"
    "      A: {position: {value: 10, distribution: 'discrete(10)'}, salience: {value: 0.875, distribution: 'discrete(0.875)'}}\n"
    "      B: {position: {value: 90, distribution: 'discrete(90)'}, salience: {value: 0.5, distribution: 'discrete(0.5)'}}\n"
    "      C: {position: {value: 60, distribution: 'discrete(60)'}, salience: {value: 0.75, distribution: 'discrete(0.75)'}}\n"
    "    j:\n"
    "      A: {position: {value: 80, distribution: 'discrete(80)'}, salience: {value: 0.25, distribution: 'discrete(0.25)'}}\n"
    "      B: {position: {value: 20, distribution: 'discrete(20)'}, salience: {value: 1, distribution: 'discrete(1)'}}\n"
    "      C: {position: {value: 45, distribution: 'discrete(45)'}, salience: {value: 0.625, distribution: 'discrete(0.625)'}}\n";

static void test_constant(brink_forecast_model model)
{
    brink_scenario *sc = parse(constant_yaml);
    const brink_forecast_input *in = brink_scenario_forecast(sc);
    CHECK(in && in->ndraws == 3 + 2 * 3 * 2);
    brink_forecast_options o;
    brink_forecast_options_default(&o);
    o.model = model;
    o.rounds = 20;
    brink_forecast_result r;
    brink_error err;
    CHECK(brink_forecast_run(in, &o, &r, &err) == BRINK_OK);
    brink_forecast_mc_options mc = {300, 0, 0, 5, 50, 2};
    brink_forecast_mc_result m;
    CHECK(brink_forecast_mc(in, &o, &mc, &m, &err) == BRINK_OK);
    CHECK_EQ_INT(m.ndrawn, in->ndraws);
    for (int k = 0; k < in->nissues; k++) {
        double med = r.median[(size_t)r.rounds * in->nissues + k], mean = r.mean[(size_t)r.rounds * in->nissues + k];
        const brink_forecast_mc_stat *a = &m.median[k], *b = &m.mean[k];
        CHECK_MSG(a->mean == med && a->q05 == med && a->q25 == med && a->q50 == med && a->q75 == med && a->q95 == med,
                  "issue %d: mc median %.17g, forecast %.17g", k, a->mean, med);
        CHECK(a->sd == 0 && b->sd == 0);
        CHECK_MSG(b->mean == mean && b->q05 == mean && b->q95 == mean, "issue %d: mc mean %.17g, forecast %.17g", k,
                  b->mean, mean);
        CHECK_EQ_INT(a->above, med > 50 ? 300 : 0);
    }
    brink_forecast_mc_result_free(&m);
    brink_forecast_result_free(&r);
    brink_scenario_free(sc);
}

static const char majority_yaml[] = HEAD
    "forecast:\n"
    "  capability: {A: 1, B: 1, C: 10}\n"
    "  issues:\n"
    "    i:\n"
    "      A: {position: 0, salience: 1}\n"
    "      B: {position: 100, salience: 1}\n"
    "      C: {position: {value: 50, distribution: 'uniform(0, 100)'}, salience: 1}\n";

static void test_derived(void)
{
    brink_scenario *sc = parse(majority_yaml);
    const brink_forecast_input *in = brink_scenario_forecast(sc);
    brink_forecast_options o;
    brink_forecast_options_default(&o);
    brink_forecast_mc_options mc = {4000, 0, 0, 11, 70, 2};
    brink_forecast_mc_result m;
    brink_error err;
    CHECK(brink_forecast_mc(in, &o, &mc, &m, &err) == BRINK_OK);
    const brink_forecast_mc_stat *a = &m.median[0];
    CHECK_MSG(a->p_lo <= 0.3 && 0.3 <= a->p_hi, "P(settlement > 70) = %g, interval [%g, %g]", a->p, a->p_lo, a->p_hi);
    CHECK(a->p_hi - a->p_lo < 0.06); /* 4000 runs: about +-0.014 */
    CHECK_EQ_INT(a->above, (long)floor(a->p * 4000 + 0.5));
    double se = 100 / sqrt(12.0) / sqrt(4000.0);
    CHECK_MSG(fabs(a->mean - 50) < 4 * se, "mean %g", a->mean);
    CHECK_MSG(fabs(a->sd - 100 / sqrt(12.0)) < 1.5, "sd %g", a->sd);
    CHECK(fabs(a->q25 - 25) < 3 && fabs(a->q50 - 50) < 3 && fabs(a->q75 - 75) < 3);
    brink_forecast_mc_result_free(&m);
    brink_scenario_free(sc);
}

static const char fixed_yaml[] = HEAD
    "forecast:\n"
    "  capability: {A: 1, B: 1, C: 10}\n"
    "  issues:\n"
    "    i:\n"
    "      A: {position: 0, salience: 1}\n"
    "      B: {position: 100, salience: 1}\n"
    "      C: {position: {value: 37, distribution: 'discrete(37)'}, salience: 1}\n";

/* Noise on A's and B's inputs (and C's salience), none on C's drawn position: C stays the
 * majority (salience noise of sd 0.1 cannot bring 10 x s below 2) and every run settles at 37. */
static void test_noise_where_asked(void)
{
    brink_scenario *sc = parse(fixed_yaml);
    const brink_forecast_input *in = brink_scenario_forecast(sc);
    brink_forecast_options o;
    brink_forecast_options_default(&o);
    brink_forecast_mc_options mc = {500, 0.3, 0.1, 3, 50, 1};
    brink_forecast_mc_result m;
    brink_error err;
    CHECK(brink_forecast_mc(in, &o, &mc, &m, &err) == BRINK_OK);
    CHECK(m.median[0].q05 == 37 && m.median[0].q95 == 37 && m.median[0].sd == 0);
    CHECK(m.pos_sd == 0.3 && m.sal_sd == 0.1);
    brink_forecast_mc_result_free(&m);
    brink_scenario_free(sc);
}

static int same_stat(const brink_forecast_mc_stat *a, const brink_forecast_mc_stat *b)
{
    return a->mean == b->mean && a->sd == b->sd && a->q05 == b->q05 && a->q25 == b->q25 && a->q50 == b->q50 &&
           a->q75 == b->q75 && a->q95 == b->q95 && a->above == b->above && a->p_lo == b->p_lo && a->p_hi == b->p_hi;
}

/* The built-in six-party forecast: its judgments (every capability but the US's unit, China's
 * and Russia's sanctions positions) are drawn, each from a distribution around the value the
 * single run uses; threads 1 and 2 agree to the bit, with and without noise. */
static void test_six_party(void)
{
    brink_error err;
    brink_scenario *sc = brink_scenario_load("six-party-talks", &err);
    CHECK(sc != NULL);
    const brink_forecast_input *in = brink_scenario_forecast(sc);
    CHECK(in && in->ndraws == 7);
    int caps = 0, pos = 0;
    for (int d = 0; in && d < in->ndraws; d++) {
        const brink_forecast_draw *q = &in->draws[d];
        const brink_param_info *p = q->dist;
        double v = q->field == BRINK_FORECAST_CAPABILITY ? in->capability[q->actor]
                                                          : in->position[(size_t)q->actor * in->nissues + q->issue];
        CHECK(p->value == v && p->dist == BRINK_DIST_TRIANGULAR && fabs(p->dist_b - v) <= 1e-15 * v && p->doc && p->doc[0]);
        CHECK(strcmp(in->actor[q->actor], "USA") != 0);
        caps += q->field == BRINK_FORECAST_CAPABILITY;
        pos += q->field == BRINK_FORECAST_POSITION && !strcmp(in->issue[q->issue], "sanctions relief") &&
               (!strcmp(in->actor[q->actor], "CHN") || !strcmp(in->actor[q->actor], "RUS"));
    }
    CHECK_EQ_INT(caps, 5);
    CHECK_EQ_INT(pos, 2);
    brink_forecast_options o;
    brink_forecast_options_default(&o);
    for (int noise = 0; noise < 2; noise++) {
        brink_forecast_mc_options mc = {400, 0.05 * noise, 0.05 * noise, 9, NAN, 1};
        brink_forecast_mc_result a, b;
        CHECK(brink_forecast_mc(in, &o, &mc, &a, &err) == BRINK_OK);
        mc.threads = 2;
        CHECK(brink_forecast_mc(in, &o, &mc, &b, &err) == BRINK_OK);
        for (int k = 0; k < in->nissues; k++) {
            CHECK(same_stat(&a.median[k], &b.median[k]) && same_stat(&a.mean[k], &b.mean[k]));
            CHECK(a.above[k] == 50);
        }
        /* The draws make a difference: the median settlement varies. */
        CHECK(a.median[0].sd > 0);
        brink_forecast_mc_result_free(&a);
        brink_forecast_mc_result_free(&b);
    }
    brink_scenario_free(sc);
}

static const char zero_yaml[] = HEAD
    "forecast:\n"
    "  capability:\n"
    "    A: {value: 1, distribution: 'discrete(0)'}\n"
    "    B: {value: 1, distribution: 'discrete(0)'}\n"
    "    C: {value: 1, distribution: 'discrete(0)'}\n"
    "  issues:\n"
    "    i:\n"
    "      A: {position: 0, salience: 1}\n"
    "      B: {position: 100, salience: 1}\n"
    "      C: {position: 50, salience: 1}\n";

static void test_zero_weight(void)
{
    brink_scenario *sc = parse(zero_yaml);
    const brink_forecast_input *in = brink_scenario_forecast(sc);
    brink_forecast_options o;
    brink_forecast_options_default(&o);
    brink_forecast_mc_options mc = {10, 0, 0, 1, 50, 2};
    brink_forecast_mc_result m;
    brink_error err;
    CHECK(brink_forecast_mc(in, &o, &mc, &m, &err) == BRINK_EINVALID);
    CHECK_MSG(strstr(err.message, "run 0 ") && strstr(err.message, "'i'"), "%s", err.message);
    CHECK(m.median == NULL);
    brink_scenario_free(sc);
}

int main(void)
{
    test_constant(BRINK_FORECAST_EU);
    test_constant(BRINK_FORECAST_SMP);
    test_derived();
    test_noise_where_asked();
    test_six_party();
    test_zero_weight();
    return check_finish();
}
