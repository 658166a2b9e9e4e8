/* test_oom_forecast.c — allocation failures in the forecast layer are survived: reading CSV,
 * a scenario's forecast section (with declared distributions), both models' runs, the Monte
 * Carlo (drawn and noisy) and the reports return
 * BRINK_ENOMEM (or a failed buffer) at whichever allocation fails; never a crash, another
 * error or (under ASan) a leak (tests/unit/oom_harness.h).
 */
#include <stdlib.h>
#include <string.h>

#include "oom_harness.h"

static int code_of(const brink_error *err)
{
    if (err->code != BRINK_ENOMEM)
        fprintf(stderr, "  not ENOMEM: %s (%s)\n", brink_status_name(err->code), err->message);
    return err->code == BRINK_ENOMEM ? 0 : -1;
}

static const char *CSV =
    "#scale 0 10\n"
    "actor,capability,a position,a salience,b position,b salience\n"
    "P,0.3,1,0.9,8,0.5\nQ,0.2,4,0.4,2,0.9\nR,0.5,9,0.7,5,0.6\nS,0.1,6,1.0,9,0.3\n";

static const char *YAML =
    "brink: 1\nid: oomf\nactors: {A: {}, B: {}, C: {}}\n"
    "game: {A: {x: {payoff: {A: 1, B: 0, C: 0}}, y: {payoff: {A: 0, B: 1, C: 1}}}}\n"
    "forecast:\n  capability: {A: 1, B: 0.5, C: 0.2}\n  issues:\n"
    "    i: {A: {position: 10, salience: 0.9}, B: {position: 60, salience: 0.5}, C: {position: 90, salience: 1}}\n";

/* The same with declared distributions: their parse, the sampler, the drawn Monte Carlo. */
static const char *YAML_DRAWN =
    "brink: 1\nid: oomd\nactors: {A: {}, B: {}, C: {}}\n"
    "game: {A: {x: {payoff: {A: 1, B: 0, C: 0}}, y: {payoff: {A: 0, B: 1, C: 1}}}}\n"
    "forecast:\n  capability: {A: 1, B: 0.5, C: {value: 0.2, distribution: 'discrete(0.1, 0.3)'}}\n  issues:\n"
    "    i: {A: {position: 10, salience: 0.9}, B: {position: {value: 60, distribution: 'uniform(40, 80)'}, salience: 0.5},"
    " C: {position: 90, salience: {value: 1, distribution: 'triangular(0.5, 1, 1)'}}}\n";

static int drawn_section(void *ctx)
{
    (void)ctx;
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_parse(YAML_DRAWN, strlen(YAML_DRAWN), "oomd.yaml", NULL, &err);
    if (!sc) return code_of(&err);
    const brink_forecast_input *in = brink_scenario_forecast(sc);
    int rc = in && in->ndraws == 3 ? 1 : -1;
    brink_forecast_options o;
    brink_forecast_options_default(&o);
    o.rounds = 4;
    brink_forecast_result r;
    brink_forecast_mc_options mc = {6, 0, 0.05, 3, 50, 2};
    brink_forecast_mc_result mr;
    if (rc == 1 && brink_forecast_run(in, &o, &r, &err)) {
        rc = code_of(&err);
    } else if (rc == 1) {
        if (brink_forecast_mc(in, &o, &mc, &mr, &err)) {
            rc = code_of(&err);
        } else {
            brink_buf b;
            brink_buf_init(&b);
            brink_forecast_write_text(in, &o, &r, &mr, &b);
            brink_forecast_write_json(in, &o, &r, &mr, &b);
            if (b.failed) rc = 0;
            brink_buf_free(&b);
            brink_forecast_mc_result_free(&mr);
        }
        brink_forecast_result_free(&r);
    }
    brink_scenario_free(sc);
    return rc;
}

static int run_models(void *ctx)
{
    (void)ctx;
    brink_error err;
    brink_error_clear(&err);
    brink_forecast_input in;
    if (brink_forecast_read_csv(CSV, strlen(CSV), "oom.csv", &in, &err)) return code_of(&err);
    int rc = 1;
    for (int m = 0; m < 2 && rc == 1; m++) {
        brink_forecast_options o;
        brink_forecast_options_default(&o);
        o.model = m ? BRINK_FORECAST_SMP : BRINK_FORECAST_EU;
        o.rounds = 6;
        brink_forecast_result r;
        if (brink_forecast_run(&in, &o, &r, &err)) {
            rc = code_of(&err);
            break;
        }
        brink_forecast_mc_options mc = {4, 0.05, 0.05, 3, 5.0, 1};
        brink_forecast_mc_result mr;
        if (brink_forecast_mc(&in, &o, &mc, &mr, &err)) {
            rc = code_of(&err);
            brink_forecast_result_free(&r);
            break;
        }
        brink_buf b;
        brink_buf_init(&b);
        brink_forecast_write_text(&in, &o, &r, &mr, &b);
        brink_forecast_write_json(&in, &o, &r, &mr, &b);
        brink_forecast_write_summary(&in, &o, &r, "oom", &b);
        if (b.failed) rc = 0;
        brink_buf_free(&b);
        brink_forecast_mc_result_free(&mr);
        brink_forecast_result_free(&r);
    }
    brink_forecast_input_free(&in);
    return rc;
}

static int scenario_section(void *ctx)
{
    (void)ctx;
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_parse(YAML, strlen(YAML), "oom.yaml", NULL, &err);
    if (!sc) return code_of(&err);
    int ok = brink_scenario_forecast(sc) != NULL && brink_scenario_forecast(sc)->nactors == 3;
    brink_scenario_free(sc);
    return ok ? 1 : -1;
}

int main(void)
{
    oom_exhaust("forecast csv, runs, Monte Carlo, reports", run_models, NULL);
    oom_exhaust("scenario forecast section", scenario_section, NULL);
    oom_exhaust("declared distributions, drawn Monte Carlo", drawn_section, NULL);
    return check_finish();
}
