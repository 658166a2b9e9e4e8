/* test_oom_forecast.c — allocation failures in the forecast layer are survived: reading CSV,
 * a scenario's forecast section, both models' runs, the Monte Carlo and the reports return
 * BRINK_ENOMEM (or a failed buffer) at whichever allocation fails; never a crash, another
 * error or (under ASan) a leak. Same harness as test_oom.c (malloc/calloc/realloc wrapped at
 * link time; the k-th call fails for k = 0, 1, ... until a run completes).
 */
#include <stdlib.h>
#include <string.h>

#include "brink/brink.h"
#include "check.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);

static long oom_countdown = -1; /* test-only state: the harness is single-threaded */
static int oom_hit = 0;

static int should_fail(void)
{
    if (oom_countdown < 0)
        return 0;
    if (oom_countdown-- == 0) {
        oom_hit = 1;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n) { return should_fail() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { return should_fail() ? NULL : __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { return should_fail() ? NULL : __real_realloc(p, n); }

/* Fail the k-th allocation for k = 0, stride, 2 stride, ... until a run completes (stride 1
 * is exhaustive; larger strides sample long runs such as threshold searches). */
static void exhaust(const char *name, int (*f)(void), long stride)
{
    int rounds = 0, bad = 0;
    for (long k = 0; k < 4000000; k += stride) {
        oom_countdown = k;
        oom_hit = 0;
        int ok = f();
        oom_countdown = -1;
        rounds++;
        if (!oom_hit) {
            if (ok != 1)
                bad++;
            break;
        }
        if (ok < 0) {
            bad++;
            fprintf(stderr, "%s: allocation %ld gave another error\n", name, k);
        }
    }
    CHECK_MSG(bad == 0, "%s: %d rounds, %d bad", name, rounds, bad);
    printf("%s: survived %d allocation failures\n", name, rounds - 1);
}

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

static int run_models(void)
{
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

static int scenario_section(void)
{
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
    exhaust("forecast csv, runs, Monte Carlo, reports", run_models, 1);
    exhaust("scenario forecast section", scenario_section, 1);
    return check_finish();
}
