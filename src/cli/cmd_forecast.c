/* cmd_forecast.c — `brink forecast FILE|NAME`: where will many actors' positions settle?
 * Reads CSV data (or a built-in data set by name), runs the EU or SMP model, optionally a
 * Monte Carlo over uncertain inputs, and prints the report (text or JSON).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"

static void help(void)
{
    printf("usage: brink forecast FILE.csv|SCENARIO|NAME [--json] [--model eu|smp] [--rounds N] [options]\n"
           "       brink forecast --list\n\n"
           "Forecast where actors' positions on 0-100 issues settle (docs/forecast.md).\n"
           "FILE.csv: actor,capability,position,salience (a position/salience pair per issue).\n"
           "SCENARIO: a scenario file or built-in id with a 'forecast:' section.\n"
           "NAME: a built-in data set. --list: emu (the replication's example) and the\n"
           "built-in scenarios with a forecast (six-party-talks).\n\n"
           "  --model eu|smp      expected-utility model (default) or KTAB-style spatial model\n"
           "  --rounds N          at most N rounds (default 10)\n"
           "  --tol X             converged when nothing moves more than X x scale width (1e-6)\n"
           "EU:  --q X --t X      P(status quo holds), P(a change is better) (default 1, 1)\n"
           "     --mu median|mean reference point of the better/worse utilities (median)\n"
           "     --offer strongest|nearest  which offer a target takes (strongest)\n"
           "     --prob net|positive  numerator of P(i beats j): net votes, or votes for i (net)\n"
           "     --rules equations|scholz-code  the equations as printed (default), or the\n"
           "                      conventions of Scholz et al.'s program (docs/forecast.md)\n"
           "     --no-risk        r = 1 for every actor\n"
           "SMP: --vote binary|propbin|prop|propcbc|cubic  (prop)\n"
           "     --pv linear|square|quartic  probability of victory law (square)\n"
           "     --stochastic --seed N       seeded wins and losses instead of expected moves\n"
           "Monte Carlo: --mc RUNS [--pos-noise SD] [--sal-noise SD] [--above X] [--threads N]\n"
           "     [--seed N]; inputs that declare a distribution (scenario forecast section) are\n"
           "     drawn from it; Gaussian noise on the other inputs: SD of positions as a\n"
           "     fraction of the scale width, of saliences absolute (0.05 each when no input\n"
           "     declares a distribution, else 0 unless given); P(settlement > X) per issue\n"
           "     with a 95%% Wilson interval (default X: each issue's scale midpoint).\n");
}

static int pick(const char *v, const char *const *names, int n, int *out)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(v, names[i])) {
            *out = i;
            return 1;
        }
    return 0;
}

static int is_builtin_name(const char *s)
{
    return !strchr(s, '/') && !strchr(s, '.') && brink_forecast_builtin(s);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && !strcmp(s + n - m, tail);
}

/* Built-in scenarios with a forecast section: found in their text, without compiling. */
static void list_builtins(void)
{
    for (int k = 0; brink_forecast_builtin_name(k); k++) printf("%s\n", brink_forecast_builtin_name(k));
    for (int i = 0; i < brink_scenario_builtin_count(); i++) {
        size_t len;
        const char *t = brink_scenario_builtin_text(i, &len);
        if (!t || !strstr(t, "\nforecast:")) continue;
        const char *id = strstr(t, "\nid: ");
        if (!id) continue;
        id += 5;
        printf("%.*s\n", (int)strcspn(id, " \r\n#"), id);
    }
}

int brink_cli_forecast(int argc, char **argv)
{
    brink_forecast_options o;
    brink_forecast_options_default(&o);
    brink_forecast_mc_options mc = {0, 0.05, 0.05, 1, NAN, 2};
    int json = 0, noise_given = 0;
    const char *path = NULL;
    static const char *const models[] = {"eu", "smp"}, *const mus[] = {"median", "mean"},
                             *const offers[] = {"nearest", "strongest"}, *const probs[] = {"positive", "net"},
                             *const rules[] = {"equations", "scholz-code"},
                             *const votes[] = {"binary", "propbin", "prop", "propcbc", "cubic"},
                             *const pvs[] = {"linear", "square", "quartic"};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int e = 0;
        long l;
        double d;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            help();
            return BRINK_EXIT_OK;
        }
        if (!strcmp(a, "--list")) {
            list_builtins();
            return BRINK_EXIT_OK;
        }
        if (!strcmp(a, "--json")) json = 1;
        else if (!strcmp(a, "--no-risk")) o.risk = 0;
        else if (!strcmp(a, "--stochastic")) o.stochastic = 1;
        else if (a[0] == '-' && a[1] && !v)
            return cli_usage_error("forecast", "option '%s' needs a value (or is unknown)", a);
        else if (!strcmp(a, "--model")) e = !pick(v, models, 2, &e) ? 1 : (o.model = (brink_forecast_model)e, 0), i++;
        else if (!strcmp(a, "--prob")) e = !pick(v, probs, 2, &e) ? 1 : (o.prob = (brink_forecast_prob)e, 0), i++;
        else if (!strcmp(a, "--rules")) e = !pick(v, rules, 2, &e) ? 1 : (o.rules = (brink_forecast_rules)e, 0), i++;
        else if (!strcmp(a, "--mu")) e = !pick(v, mus, 2, &e) ? 1 : (o.mu = (brink_forecast_mu)e, 0), i++;
        else if (!strcmp(a, "--offer")) e = !pick(v, offers, 2, &e) ? 1 : (o.offer = (brink_forecast_offer)e, 0), i++;
        else if (!strcmp(a, "--vote")) e = !pick(v, votes, 5, &e) ? 1 : (o.vote = (brink_forecast_vote)e, 0), i++;
        else if (!strcmp(a, "--pv")) e = !pick(v, pvs, 3, &e) ? 1 : (o.pv = (brink_forecast_pv)e, 0), i++;
        else if (!strcmp(a, "--rounds")) e = cli_parse_long(v, &l) || l < 1 || l > 100000 ? 1 : (o.rounds = (int)l, 0), i++;
        else if (!strcmp(a, "--seed")) e = cli_parse_long(v, &l) || l < 0 ? 1 : (o.seed = mc.seed = (uint64_t)l, 0), i++;
        else if (!strcmp(a, "--mc")) e = cli_parse_long(v, &l) || l < 1 ? 1 : (mc.runs = l, 0), i++;
        else if (!strcmp(a, "--threads")) e = cli_parse_long(v, &l) || l < 1 || l > 256 ? 1 : (mc.threads = (int)l, 0), i++;
        else if (!strcmp(a, "--q")) e = cli_parse_double(v, &d) ? 1 : (o.q = d, 0), i++;
        else if (!strcmp(a, "--t")) e = cli_parse_double(v, &d) ? 1 : (o.t = d, 0), i++;
        else if (!strcmp(a, "--tol")) e = cli_parse_double(v, &d) ? 1 : (o.tol = d, 0), i++;
        else if (!strcmp(a, "--pos-noise")) e = cli_parse_double(v, &d) ? 1 : (mc.pos_sd = d, noise_given = 1, 0), i++;
        else if (!strcmp(a, "--sal-noise")) e = cli_parse_double(v, &d) ? 1 : (mc.sal_sd = d, noise_given = 1, 0), i++;
        else if (!strcmp(a, "--above")) e = cli_parse_double(v, &d) ? 1 : (mc.above = d, 0), i++;
        else if (a[0] == '-' && a[1]) return cli_usage_error("forecast", "unknown option '%s'", a);
        else if (path) return cli_usage_error("forecast", "one data set at a time");
        else path = a;
        if (e) return cli_usage_error("forecast", "bad value '%s' for %s", v, a);
    }
    if (!path) return cli_usage_error("forecast", "missing FILE.csv or a built-in NAME (--list)");
    brink_error err;
    brink_error_clear(&err);
    brink_buf text, out;
    brink_buf_init(&text);
    brink_buf_init(&out);
    brink_forecast_input in;
    brink_forecast_input_init(&in);
    brink_forecast_result res;
    memset(&res, 0, sizeof res);
    brink_forecast_mc_result mres;
    memset(&mres, 0, sizeof mres);
    int rc = BRINK_EXIT_OK;
    brink_scenario *sc = NULL;
    const char *src = NULL;
    size_t len = 0;
    const brink_forecast_input *data = &in;
    if (is_builtin_name(path) || ends_with(path, ".csv")) {
        if (is_builtin_name(path)) {
            src = brink_forecast_builtin(path);
            len = strlen(src);
        } else {
            if (brink_read_file(path, (size_t)1 << 26, &text, &err)) goto fail;
            src = text.data;
            len = text.len;
        }
        if (brink_forecast_read_csv(src, len, path, &in, &err)) goto fail;
    } else {
        /* A scenario file or built-in id: its `forecast:` section. */
        if (!(sc = brink_scenario_load(path, &err))) goto fail;
        if (!(data = brink_scenario_forecast(sc))) {
            brink_error_set(&err, BRINK_EINVALID, "scenario '%s' has no 'forecast:' section (docs/forecast.md)",
                            brink_scenario_id(sc));
            goto fail;
        }
    }
    /* Declared distributions are the uncertainty; noise only where asked. */
    if (data->ndraws > 0 && !noise_given) mc.pos_sd = mc.sal_sd = 0;
    if (brink_forecast_run(data, &o, &res, &err)) goto fail;
    if (mc.runs > 0 && brink_forecast_mc(data, &o, &mc, &mres, &err)) goto fail;
    if (json) brink_forecast_write_json(data, &o, &res, mc.runs > 0 ? &mres : NULL, &out);
    else brink_forecast_write_text(data, &o, &res, mc.runs > 0 ? &mres : NULL, &out);
    rc = cli_emit(&out, NULL);
    goto done;
fail:
    rc = cli_report(&err);
done:
    brink_scenario_free(sc);
    brink_forecast_mc_result_free(&mres);
    brink_forecast_result_free(&res);
    brink_forecast_input_free(&in);
    brink_buf_free(&text);
    brink_buf_free(&out);
    return rc;
}
