/* fuzz_forecast.c — forecast data as CSV (src/forecast/csv.c) on arbitrary bytes: a refusal
 * is located inside the input; accepted data pass the input check, and small data sets run
 * three rounds of both models (the EU model under both rule sets) with every position staying on its scale and the reports
 * written. Large accepted inputs are only parsed (the models' cost grows with actors^3). */
#include "fuzz_common.h"

static void run(const brink_forecast_input *in, brink_forecast_model model, brink_forecast_rules rules)
{
    brink_forecast_options o;
    brink_forecast_options_default(&o);
    o.model = model;
    o.rules = rules;
    o.rounds = 3;
    o.stochastic = model == BRINK_FORECAST_SMP;
    brink_forecast_result r;
    brink_error err;
    brink_error_clear(&err);
    brink_status st = brink_forecast_run(in, &o, &r, &err);
    if (st != BRINK_OK) {
        if (st != BRINK_ENOMEM) FUZZ_BUG("checked data refused by the model: %s", err.message);
        return;
    }
    int n = in->nactors, D = in->nissues;
    for (int t = 0; t <= r.rounds; t++)
        for (int i = 0; i < n; i++)
            for (int k = 0; k < D; k++) {
                double x = r.position[((size_t)t * n + i) * D + k];
                if (!(x >= in->lo[k] && x <= in->hi[k]))
                    FUZZ_BUG("round %d: actor %d at %g, off the scale [%g, %g]", t, i, x, in->lo[k], in->hi[k]);
            }
    brink_buf b;
    brink_buf_init(&b);
    brink_forecast_write_text(in, &o, &r, NULL, &b);
    brink_forecast_write_json(in, &o, &r, NULL, &b);
    brink_buf_free(&b);
    brink_forecast_result_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    brink_forecast_input in;
    brink_error err;
    brink_error_clear(&err);
    brink_status st = brink_forecast_read_csv((const char *)data, size, "fuzz.csv", &in, &err);
    if (st != BRINK_OK) {
        fuzz_check_error(&err, st, size);
        return 0;
    }
    brink_error_clear(&err);
    if (brink_forecast_input_check(&in, &err) != BRINK_OK)
        FUZZ_BUG("accepted CSV fails the input check: %s", err.message);
    if ((double)in.nactors * in.nactors * in.nactors * in.nissues <= 1e5) {
        run(&in, BRINK_FORECAST_EU, BRINK_FORECAST_RULES_EQUATIONS);
        run(&in, BRINK_FORECAST_EU, BRINK_FORECAST_RULES_SCHOLZ_CODE);
        run(&in, BRINK_FORECAST_SMP, BRINK_FORECAST_RULES_EQUATIONS);
    }
    brink_forecast_input_free(&in);
    return 0;
}
