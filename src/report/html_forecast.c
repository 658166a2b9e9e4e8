/* html_forecast.c — the forecast section of brink report, for a scenario with a `forecast:`
 * section: per issue one line chart of every actor's position round by round with the
 * capability x salience weighted median and mean, and a table of the final round. Every
 * number is taken from the analysis' forecast result (brink_analysis.forecast), the same
 * values `brink analyze --json` prints as "forecast" (full precision in the specs); the
 * convergence or cycle is said only as the forecast found it.
 */
#include <math.h>

#include "brink/io.h"
#include "report/describe.h"
#include "report/html.h"

/* Okabe–Ito, as in figures.c; actors cycle through the first seven, the median and mean are
 * black and grey (solid and dashed). */
#define PALETTE_N 7
static const char *const palette[PALETTE_N] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                               "#E69F00", "#56B4E9", "#F0E442"};

static void num(brink_buf *out, double x)
{
    if (!isfinite(x))
        brink_buf_puts(out, "null");
    else
        brink_buf_put_double(out, x);
}

static void row(brink_buf *spec, int *first, int t, const char *series, const char *kind,
                double v)
{
    brink_buf_printf(spec, "%s{\"round\":%d,\"series\":", *first ? "" : ",", t);
    brink_json_string(spec, series);
    brink_buf_printf(spec, ",\"kind\":\"%s\",\"position\":", kind);
    num(spec, v);
    brink_buf_puts(spec, "}");
    *first = 0;
}

/* Vega-Lite: one line per actor and for the median and mean, round on x, position on y (the
 * issue's scale); the tooltip gives the exact double. */
static void issue_spec(const brink_forecast_input *in, const brink_forecast_result *r, int k,
                       brink_buf *spec)
{
    int n = r->nactors, D = r->nissues, first = 1;
    brink_buf_puts(spec, "{\"$schema\":\"https://vega.github.io/schema/vega-lite/v5.json\","
                         "\"width\":\"container\",\"height\":260,\"autosize\":{\"type\":"
                         "\"fit-x\",\"contains\":\"padding\"},\"data\":{\"values\":[");
    for (int t = 0; t <= r->rounds; t++) {
        for (int i = 0; i < n; i++)
            row(spec, &first, t, in->actor[i], "actor",
                r->position[((size_t)t * n + i) * D + k]);
        row(spec, &first, t, "weighted median", "median", r->median[(size_t)t * D + k]);
        row(spec, &first, t, "weighted mean", "mean", r->mean[(size_t)t * D + k]);
    }
    brink_buf_puts(spec, "]},\"mark\":{\"type\":\"line\",\"point\":true},\"encoding\":{"
                         "\"x\":{\"field\":\"round\",\"type\":\"quantitative\",\"title\":"
                         "\"round\",\"axis\":{\"tickMinStep\":1}},\"y\":{\"field\":\"position\","
                         "\"type\":\"quantitative\",\"scale\":{\"domain\":[");
    num(spec, in->lo[k]);
    brink_buf_puts(spec, ",");
    num(spec, in->hi[k]);
    brink_buf_puts(spec, "]},\"title\":");
    brink_json_string(spec, in->issue[k]);
    brink_buf_puts(spec, "},\"color\":{\"field\":\"series\",\"type\":\"nominal\",\"sort\":null,"
                         "\"title\":null,\"scale\":{\"domain\":[");
    for (int i = 0; i < n; i++) {
        brink_buf_puts(spec, i ? "," : "");
        brink_json_string(spec, in->actor[i]);
    }
    brink_buf_puts(spec, ",\"weighted median\",\"weighted mean\"],\"range\":[");
    for (int i = 0; i < n; i++)
        brink_buf_printf(spec, "%s\"%s\"", i ? "," : "", palette[i % PALETTE_N]);
    brink_buf_puts(spec, ",\"#000000\",\"#6E6E6E\"]}},\"strokeDash\":{\"field\":\"kind\","
                         "\"type\":\"nominal\",\"title\":null,\"scale\":{\"domain\":[\"actor\","
                         "\"median\",\"mean\"],\"range\":[[1,0],[1,0],[6,3]]},\"legend\":null},"
                         "\"strokeWidth\":{\"condition\":{\"test\":\"datum.kind !== 'actor'\","
                         "\"value\":3},\"value\":1.5},\"tooltip\":[{\"field\":\"series\"},"
                         "{\"field\":\"round\"},{\"field\":\"position\",\"format\":\".6f\"}]}}");
}

static void final_table(const brink_forecast_input *in, const brink_forecast_result *r,
                        brink_buf *out)
{
    int n = r->nactors, D = r->nissues;
    size_t last = (size_t)r->rounds;
    brink_buf_puts(out, "<table><tr><th>actor</th><th>capability</th>");
    for (int k = 0; k < D; k++) {
        brink_buf_puts(out, "<th>");
        html_text(out, in->issue[k]);
        brink_buf_puts(out, ": start &rarr; end (salience)</th>");
    }
    brink_buf_puts(out, "</tr>\n");
    for (int i = 0; i < n; i++) {
        brink_buf_puts(out, "<tr><td>");
        html_text(out, in->actor[i]);
        brink_buf_puts(out, "</td><td class=\"num\">");
        rep_num(out, in->capability[i]);
        brink_buf_puts(out, "</td>");
        for (int k = 0; k < D; k++) {
            brink_buf_puts(out, "<td class=\"num\">");
            rep_num(out, r->position[(size_t)i * D + k]);
            brink_buf_puts(out, " &rarr; ");
            rep_num(out, r->position[(last * n + i) * D + k]);
            brink_buf_puts(out, " (");
            rep_num(out, in->salience[(size_t)i * D + k]);
            brink_buf_puts(out, ")</td>");
        }
        brink_buf_puts(out, "</tr>\n");
    }
    static const char *const what[2] = {"weighted median", "weighted mean"};
    for (int m = 0; m < 2; m++) {
        const double *v = m ? r->mean : r->median;
        brink_buf_printf(out, "<tr><th>%s</th><td></td>", what[m]);
        for (int k = 0; k < D; k++) {
            brink_buf_puts(out, "<td class=\"num\">");
            rep_num(out, v[k]);
            brink_buf_puts(out, " &rarr; ");
            rep_num(out, v[last * D + k]);
            brink_buf_puts(out, "</td>");
        }
        brink_buf_puts(out, "</tr>\n");
    }
    brink_buf_puts(out, "</table>\n");
}

int html_forecast(brink_buf *out, const brink_analysis *a, int first_chart)
{
    const brink_forecast_result *r = a->forecast;
    const brink_forecast_input *in = brink_scenario_forecast(a->sc);
    if (!r || !in)
        return 0;
    brink_buf w, spec;
    brink_buf_init(&w);
    brink_buf_init(&spec);
    brink_buf_puts(out, "<section id=\"forecast\"><h2>Forecast</h2>\n<p>Where the actors' "
                        "positions settle by the expected-utility group decision model (Bueno "
                        "de Mesquita, as reconstructed by Scholz, Calbert and Smith 2011; "
                        "docs/forecast.md), run from the scenario's <code>forecast:</code> "
                        "data with the default options.</p>\n<pre class=\"words\">");
    brink_forecast_write_summary(in, &a->forecast_options, r, brink_scenario_id(a->sc), &w);
    html_buf(out, &w);
    brink_buf_puts(out, "</pre>\n");
    for (int k = 0; k < r->nissues; k++) {
        brink_buf_reset(&spec);
        issue_spec(in, r, k, &spec);
        brink_buf_printf(out, "<figure><div class=\"chart\" data-spec=\"spec%d\" role=\"img\" "
                              "aria-label=\"Forecast rounds: ", first_chart + k);
        html_text(out, in->issue[k]);
        brink_buf_printf(out, "\" data-forecast-issue=\"%d\"></div>\n<script "
                              "type=\"application/json\" id=\"spec%d\">", k, first_chart + k);
        html_json(out, spec.data ? spec.data : "{}", spec.data ? spec.len : 2);
        brink_buf_puts(out, "</script>\n<figcaption>");
        html_text(out, in->issue[k]);
        brink_buf_puts(out, ": each actor's position after each round (round 0: the data), "
                            "with the capability &times; salience weighted median (solid "
                            "black) and mean (dashed grey).</figcaption></figure>\n");
    }
    final_table(in, r, out);
    brink_buf_puts(out, "</section>\n");
    if (w.failed || spec.failed)
        out->failed = 1;
    brink_buf_free(&w);
    brink_buf_free(&spec);
    return r->nissues;
}
