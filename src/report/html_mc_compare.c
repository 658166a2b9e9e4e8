/* html_mc_compare.c — two parts of the Monte Carlo section of brink report, shown when the
 * run computed them: the options compared at one decision (brink compare; --compare DEC) and
 * the sensitivity of each actor's expected value to the drawn parameters (standardised
 * regression coefficients with bootstrap intervals; --sensitivity). Each is a chart and a
 * table; every number is the brink_mc_result's, as `brink montecarlo --json` prints it under
 * "compare" and "sensitivity" (full precision in the specs).
 */
#include <math.h>

#include "brink/io.h"
#include "brink/uncertainty.h"
#include "report/describe.h"
#include "report/html.h"
#include "report/plural.h"

static void num(brink_buf *out, double x)
{
    if (!isfinite(x))
        brink_buf_puts(out, "null");
    else
        brink_buf_put_double(out, x);
}

static void chart(brink_buf *out, int id, const char *label, const brink_buf *spec,
                  const char *caption)
{
    brink_buf_printf(out, "<figure><div class=\"chart\" data-spec=\"spec%d\" role=\"img\" "
                          "aria-label=\"%s\"></div>\n<script type=\"application/json\" "
                          "id=\"spec%d\">", id, label, id);
    html_json(out, spec->data ? spec->data : "{}", spec->data ? spec->len : 2);
    brink_buf_printf(out, "</script>\n<figcaption>%s</figcaption></figure>\n", caption);
    if (spec->failed)
        out->failed = 1;
}

/* Bars: each option's expected value to the decider with its interval (rule); the tooltip
 * adds the share of draws in which it is best, the expected regret and the worst value. */
static void compare_spec(const brink_mc_result *r, const brink_efg *g, brink_buf *spec,
                         brink_buf *w)
{
    int h = r->compare_infoset;
    brink_buf_puts(spec, "{\"$schema\":\"https://vega.github.io/schema/vega-lite/v5.json\","
                         "\"width\":\"container\",\"data\":{\"values\":[");
    for (int a = 0; a < r->nopts; a++) {
        const brink_mean *v = &r->opt_value[a];
        brink_buf_reset(w);
        rep_words(w, g->action_label[g->infoset_action_start[h] + a]);
        brink_buf_printf(spec, "%s{\"action\":", a ? "," : "");
        brink_json_string(spec, g->action_label[g->infoset_action_start[h] + a]);
        brink_buf_puts(spec, ",\"option\":");
        brink_json_string(spec, rep_text(w));
        brink_buf_printf(spec, ",\"n\":%ld,\"mean\":", v->n);
        num(spec, v->mean);
        brink_buf_puts(spec, ",\"lo\":");
        num(spec, v->n > 1 ? v->lo : NAN);
        brink_buf_puts(spec, ",\"hi\":");
        num(spec, v->n > 1 ? v->hi : NAN);
        brink_buf_puts(spec, ",\"best\":");
        num(spec, r->opt_best[a].p);
        brink_buf_puts(spec, ",\"regret\":");
        num(spec, r->opt_regret[a].mean);
        brink_buf_puts(spec, ",\"worst\":");
        num(spec, r->opt_worst[a]);
        brink_buf_puts(spec, "}");
    }
    brink_buf_puts(spec,
        "]},\"encoding\":{\"y\":{\"field\":\"option\",\"type\":\"nominal\",\"sort\":null,"
        "\"title\":null}},\"layer\":[{\"mark\":{\"type\":\"bar\",\"color\":\"#009E73\"},"
        "\"encoding\":{\"x\":{\"field\":\"mean\",\"type\":\"quantitative\",\"title\":"
        "\"expected value to the decider (interval)\"},\"tooltip\":[{\"field\":\"option\"},"
        "{\"field\":\"mean\",\"format\":\".6f\"},{\"field\":\"lo\",\"format\":\".6f\"},"
        "{\"field\":\"hi\",\"format\":\".6f\"},{\"field\":\"best\",\"title\":\"share best\","
        "\"format\":\".4f\"},{\"field\":\"regret\",\"format\":\".6f\"},{\"field\":\"worst\","
        "\"format\":\".6f\"},{\"field\":\"n\"}]}},{\"mark\":{\"type\":\"rule\",\"color\":"
        "\"black\"},\"encoding\":{\"x\":{\"field\":\"lo\",\"type\":\"quantitative\"},\"x2\":"
        "{\"field\":\"hi\"}}}]}");
}

static void interval(brink_buf *out, double lo, double hi)
{
    if (isnan(lo) || isnan(hi)) {
        brink_buf_puts(out, "n/a");
        return;
    }
    rep_num(out, lo);
    brink_buf_puts(out, " &ndash; ");
    rep_num(out, hi);
}

static int compare_part(brink_buf *out, const brink_mc_result *r, int id, brink_buf *w,
                        brink_buf *spec)
{
    const brink_efg *g = brink_scenario_game(r->sc);
    int h = r->compare_infoset;
    brink_buf_reset(w);
    rep_who(w, r->sc, g, h);
    brink_buf_puts(w, ", ");
    rep_when(w, r->sc, h);
    brink_buf_puts(out, "<h3 id=\"mc-compare\">Options compared: ");
    html_buf(out, w);
    brink_buf_printf(out, "</h3>\n<p>Over %ld draw%s with an equilibrium, each option's value "
                          "to the decider when it takes that option and the others reply as "
                          "in the draw's equilibrium (its beliefs weighting the decision's "
                          "nodes)", r->compare_n, rep_s(r->compare_n));
    /* the pessimistic convention is stated even when no draw needed it */
    brink_buf_printf(out, "; when a draw's equilibria value an option differently, its least "
                          "value is used (a pessimistic reading; %ld such draw%s)",
                     r->compare_ambiguous, r->compare_ambiguous == 1 ? "" : "s");
    brink_buf_puts(out, ".</p>\n");
    compare_spec(r, g, spec, w);
    chart(out, id, "Options compared", spec, "Expected value of each option (bars) with its "
          "interval (lines); hover for the share of draws in which it is best, its expected "
          "regret and its worst value.");
    brink_buf_puts(out, "<table><tr><th>option</th><th>best in</th><th>interval</th>"
                        "<th>expected value</th><th>interval</th><th>expected regret</th>"
                        "<th>worst</th></tr>\n");
    for (int a = 0; a < r->nopts; a++) {
        brink_buf_reset(w);
        rep_words(w, g->action_label[g->infoset_action_start[h] + a]);
        brink_buf_puts(out, "<tr><td>");
        html_buf(out, w);
        brink_buf_puts(out, "</td><td class=\"num\">");
        rep_pct(out, r->opt_best[a].p);
        brink_buf_puts(out, "</td><td class=\"num\">");
        rep_pct(out, r->opt_best[a].lo);
        brink_buf_puts(out, " &ndash; ");
        rep_pct(out, r->opt_best[a].hi);
        brink_buf_puts(out, "</td><td class=\"num\">");
        rep_num(out, r->opt_value[a].mean);
        brink_buf_puts(out, "</td><td class=\"num\">");
        if (r->opt_value[a].n > 1)
            interval(out, r->opt_value[a].lo, r->opt_value[a].hi);
        else
            brink_buf_puts(out, "n/a");
        brink_buf_puts(out, "</td><td class=\"num\">");
        rep_num(out, r->opt_regret[a].mean);
        brink_buf_puts(out, "</td><td class=\"num\">");
        rep_num(out, r->opt_worst[a]);
        brink_buf_puts(out, "</td></tr>\n");
    }
    brink_buf_puts(out, "</table>\n");
    return 1;
}

/* Points with interval rules: each drawn parameter's standardised coefficient in each
 * actor's fit, the actors side by side within a parameter's row. */
static void sensitivity_spec(const brink_mc_result *r, brink_buf *spec)
{
    brink_buf_puts(spec, "{\"$schema\":\"https://vega.github.io/schema/vega-lite/v5.json\","
                         "\"width\":\"container\",\"data\":{\"values\":[");
    int first = 1;
    for (int p = 0; p < r->nsens; p++)
        for (int j = 0; j < r->nvaried; j++) {
            size_t ix = (size_t)p * (size_t)r->nvaried + (size_t)j;
            brink_buf_puts(spec, first ? "{\"actor\":" : ",{\"actor\":");
            first = 0;
            brink_json_string(spec, brink_scenario_actor_id(r->sc, p));
            brink_buf_printf(spec, ",\"param\":%d,\"name\":", r->varied[j]);
            brink_json_string(spec, brink_scenario_param(r->sc, r->varied[j])->name);
            brink_buf_puts(spec, ",\"value\":");
            num(spec, r->src[ix]);
            brink_buf_puts(spec, ",\"lo\":");
            num(spec, r->src_lo[ix]);
            brink_buf_puts(spec, ",\"hi\":");
            num(spec, r->src_hi[ix]);
            brink_buf_printf(spec, ",\"n\":%ld,\"r2\":", r->src_n[p]);
            num(spec, r->src_r2[p]);
            brink_buf_puts(spec, "}");
        }
    brink_buf_puts(spec,
        "]},\"encoding\":{\"y\":{\"field\":\"name\",\"type\":\"nominal\",\"sort\":null,"
        "\"title\":null},\"yOffset\":{\"field\":\"actor\",\"sort\":null},\"color\":{\"field\":"
        "\"actor\",\"type\":\"nominal\",\"sort\":null,\"scale\":{\"range\":[\"#0072B2\","
        "\"#D55E00\",\"#009E73\",\"#CC79A7\",\"#E69F00\",\"#56B4E9\",\"#F0E442\",\"#000000\"]}}},"
        "\"layer\":[{\"mark\":\"rule\",\"encoding\":{\"x\":{\"field\":\"lo\",\"type\":"
        "\"quantitative\",\"title\":\"standardised regression coefficient (95% bootstrap "
        "interval)\"},\"x2\":{\"field\":\"hi\"}}},{\"mark\":{\"type\":\"point\",\"filled\":true,"
        "\"size\":60},\"encoding\":{\"x\":{\"field\":\"value\",\"type\":\"quantitative\"},"
        "\"tooltip\":[{\"field\":\"actor\"},{\"field\":\"name\",\"title\":\"parameter\"},"
        "{\"field\":\"value\",\"format\":\".6f\"},{\"field\":\"lo\",\"format\":\".6f\"},"
        "{\"field\":\"hi\",\"format\":\".6f\"},{\"field\":\"r2\",\"title\":\"R²\",\"format\":"
        "\".4f\"},{\"field\":\"n\"}]}}]}");
}

static int sensitivity_part(brink_buf *out, const brink_mc_result *r, int id, brink_buf *spec)
{
    brink_buf_puts(out, "<h3 id=\"mc-sensitivity\">Sensitivity</h3>\n<p>Which drawn parameters "
                        "move each actor's expected value: the least-squares fit of the value "
                        "on the parameters over the draws whose equilibria agree on it, "
                        "standardised (a coefficient of 1: one standard deviation of the "
                        "parameter moves the value by one of its own), with percentile "
                        "bootstrap intervals.</p>\n");
    sensitivity_spec(r, spec);
    chart(out, id, "Sensitivity of the expected values", spec, "Each parameter's standardised "
          "coefficient in each actor's fit (points) with its bootstrap interval (lines); a "
          "parameter or value that does not vary has none.");
    brink_buf_puts(out, "<table><tr><th>actor</th><th>draws</th><th>R&sup2;</th>");
    for (int j = 0; j < r->nvaried; j++) {
        brink_buf_puts(out, "<th>");
        html_text(out, brink_scenario_param(r->sc, r->varied[j])->name);
        brink_buf_puts(out, "</th>");
    }
    brink_buf_puts(out, "</tr>\n");
    for (int p = 0; p < r->nsens; p++) {
        brink_buf_puts(out, "<tr><td>");
        html_text(out, brink_scenario_actor_id(r->sc, p));
        brink_buf_printf(out, "</td><td class=\"num\">%ld</td><td class=\"num\">", r->src_n[p]);
        rep_num(out, r->src_r2[p]);
        brink_buf_puts(out, "</td>");
        for (int j = 0; j < r->nvaried; j++) {
            size_t ix = (size_t)p * (size_t)r->nvaried + (size_t)j;
            brink_buf_puts(out, "<td class=\"num\">");
            if (isnan(r->src[ix])) {
                brink_buf_puts(out, "n/a</td>");
                continue;
            }
            rep_num(out, r->src[ix]);
            brink_buf_puts(out, " (");
            interval(out, r->src_lo[ix], r->src_hi[ix]);
            brink_buf_puts(out, ")</td>");
        }
        brink_buf_puts(out, "</tr>\n");
    }
    brink_buf_puts(out, "</table>\n");
    return 1;
}

int html_mc_compare(brink_buf *out, const brink_mc_result *r, int first_chart)
{
    brink_buf w, spec;
    brink_buf_init(&w);
    brink_buf_init(&spec);
    int n = 0;
    if (r->compare_infoset >= 0 && r->nopts > 0)
        n += compare_part(out, r, first_chart + n, &w, &spec);
    if (r->nsens > 0 && r->nvaried > 0) {
        brink_buf_reset(&spec);
        n += sensitivity_part(out, r, first_chart + n, &spec);
    }
    if (w.failed || spec.failed)
        out->failed = 1;
    brink_buf_free(&w);
    brink_buf_free(&spec);
    return n;
}
