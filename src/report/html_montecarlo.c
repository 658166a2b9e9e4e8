/* html_montecarlo.c — the Monte Carlo section of brink report (--samples N, or --from a stored
 * run): the realised outcome shares as a bar chart with their Wilson intervals, the watched
 * choices and the expected values as tables, then the compared options and the sensitivity
 * when the run has them (html_mc_compare.c). Every number is taken from the brink_mc_result (the same
 * values brink montecarlo --json prints, at full precision in the spec and the tooltips).
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

/* Vega-Lite: one bar per outcome group (share of draws realising it), a rule for its
 * interval; the tooltip carries k of n and the interval's ends. */
static void outcome_spec(const brink_mc_result *r, brink_buf *spec, brink_buf *w)
{
    brink_buf_puts(spec, "{\"$schema\":\"https://vega.github.io/schema/vega-lite/v5.json\","
                         "\"width\":\"container\",\"data\":{\"values\":[");
    for (int k = 0; k < r->ngroups; k++) {
        const brink_proportion *p = &r->outcome[k];
        brink_buf_reset(w);
        rep_group_levels(w, r->sc, r->group_level, k);
        brink_buf_printf(spec, "%s{\"group\":%d,\"outcome\":", k ? "," : "", k);
        brink_json_string(spec, rep_text(w));
        brink_buf_printf(spec, ",\"k\":%ld,\"n\":%ld,\"p\":", p->k, p->n);
        num(spec, p->p);
        brink_buf_puts(spec, ",\"lo\":");
        num(spec, p->lo);
        brink_buf_puts(spec, ",\"hi\":");
        num(spec, p->hi);
        brink_buf_puts(spec, "}");
    }
    brink_buf_puts(spec,
        "]},\"encoding\":{\"y\":{\"field\":\"outcome\",\"type\":\"nominal\",\"sort\":null,"
        "\"title\":null}},\"layer\":[{\"mark\":\"bar\",\"encoding\":{\"x\":{\"field\":\"p\","
        "\"type\":\"quantitative\",\"scale\":{\"domain\":[0,1]},\"title\":\"share of draws\"},"
        "\"tooltip\":[{\"field\":\"outcome\"},{\"field\":\"p\",\"format\":\".6f\"},"
        "{\"field\":\"lo\",\"format\":\".6f\"},{\"field\":\"hi\",\"format\":\".6f\"},"
        "{\"field\":\"k\"},{\"field\":\"n\"}]}},{\"mark\":{\"type\":\"rule\",\"color\":\"black\"},"
        "\"encoding\":{\"x\":{\"field\":\"lo\",\"type\":\"quantitative\"},\"x2\":{\"field\":"
        "\"hi\"}}}]}");
}

static void prop_cells(brink_buf *out, const brink_proportion *p)
{
    if (p->n == 0) {
        brink_buf_puts(out, "<td colspan=\"2\">no draw counted</td>");
        return;
    }
    brink_buf_puts(out, "<td class=\"num\">");
    rep_pct(out, p->p);
    brink_buf_puts(out, "</td><td class=\"num\">");
    rep_pct(out, p->lo);
    brink_buf_puts(out, " &ndash; ");
    rep_pct(out, p->hi);
    brink_buf_printf(out, " (%ld of %ld", p->k, p->n);
    if (p->unknown)
        brink_buf_printf(out, "; the interval covers %ld draw%s without an answer", p->unknown,
                         rep_s(p->unknown));
    brink_buf_puts(out, ")</td>");
}

static void watched_table(const brink_mc_result *r, brink_buf *out, brink_buf *w)
{
    for (int k = 0; k < r->nwatch; k++) {
        brink_buf_reset(w);
        rep_mc_watch_who(w, r, k);
        brink_buf_puts(w, ", ");
        rep_mc_watch_when(w, r, k);
        brink_buf_puts(out, "<h3>");
        html_buf(out, w);
        brink_buf_puts(out, "</h3>\n<table><tr><th>played for sure by every equilibrium</th>"
                            "<th>share</th><th>interval</th></tr>\n");
        for (int a = r->watch_start[k]; a < r->watch_start[k + 1]; a++) {
            brink_buf_reset(w);
            rep_words(w, rep_mc_watch_action(r, k, a - r->watch_start[k]));
            brink_buf_puts(out, "<tr><td>");
            html_buf(out, w);
            brink_buf_puts(out, "</td>");
            prop_cells(out, &r->choice[a]);
            brink_buf_puts(out, "</tr>\n");
        }
        brink_buf_puts(out, "<tr><td>mixed (the equilibria agree and mix)</td>");
        prop_cells(out, &r->choice_mixed[k]);
        brink_buf_puts(out, "</tr>\n<tr><td>ambiguous (the equilibria disagree)</td>");
        prop_cells(out, &r->choice_ambiguous[k]);
        brink_buf_puts(out, "</tr>\n</table>\n");
    }
}

static void value_table(const brink_mc_result *r, brink_buf *out)
{
    brink_buf_puts(out, "<h3>Expected values</h3>\n<table><tr><th>actor</th><th>mean</th>"
                        "<th>interval</th><th>draws</th></tr>\n");
    for (int i = 0; i < r->nplayers; i++) {
        const brink_mean *m = &r->value[i];
        brink_buf_puts(out, "<tr><td>");
        html_text(out, brink_scenario_actor_id(r->sc, i));
        brink_buf_puts(out, "</td><td class=\"num\">");
        rep_num(out, m->mean);
        brink_buf_puts(out, "</td><td class=\"num\">");
        if (m->n > 1) {
            rep_num(out, m->lo);
            brink_buf_puts(out, " &ndash; ");
            rep_num(out, m->hi);
            if (m->heavy)   /* the same caution as the text report */
                brink_buf_printf(out, " (heavy tail: one draw makes %.0f%% of the spread; this "
                                      "interval may not hold)", 100 * m->max_share);
        } else {
            brink_buf_puts(out, "n/a");
        }
        brink_buf_printf(out, "</td><td class=\"num\">%ld</td></tr>\n", m->n);
    }
    brink_buf_printf(out, "</table>\n<p>%ld draw%s left out: their equilibria disagree on the "
                          "expected values.</p>\n", r->value_ambiguous, rep_s(r->value_ambiguous));
}

int html_montecarlo(brink_buf *out, const brink_mc_result *r, const char *from,
                    int first_chart)
{
    brink_buf_puts(out, "<section id=\"montecarlo\"><h2>Monte Carlo</h2>\n");
    if (!r) {
        brink_buf_puts(out, "<p>Not computed: run <code>brink report SCENARIO --samples N "
                            "[--seed S]</code> to draw the uncertain parameters and add the "
                            "distribution of outcomes here.</p>\n</section>\n");
        return 0;
    }
    brink_buf w, spec;
    brink_buf_init(&w);
    brink_buf_init(&spec);
    brink_buf_printf(out, "<p>%ld draw%s (seed %llu) of %d uncertain parameter%s; %ld failed, "
                          "%ld without an equilibrium, %ld with several.",
                     r->samples, rep_s(r->samples), (unsigned long long)r->seed, r->nvaried,
                     r->nvaried == 1 ? "" : "s", r->failed, r->none, r->several);
    if (from) {   /* brink report --from: loaded, not recomputed */
        brink_buf_puts(out, " Read from the run stored in <code>");
        html_text(out, from);
        brink_buf_puts(out, "</code> by <code>brink montecarlo --db</code>; nothing was "
                            "recomputed.");
    }
    brink_buf_puts(out, "</p>\n");
    int n = 0;
    if (r->ngroups > 0) {
        outcome_spec(r, &spec, &w);
        brink_buf_printf(out, "<figure><div class=\"chart\" data-spec=\"spec%d\" role=\"img\" "
                              "aria-label=\"Monte Carlo outcomes\"></div>\n<script "
                              "type=\"application/json\" id=\"spec%d\">",
                         first_chart, first_chart);
        html_json(out, spec.data ? spec.data : "{}", spec.data ? spec.len : 2);
        brink_buf_printf(out, "</script>\n<figcaption>Share of draws realising each outcome "
                              "(bars) with its Wilson interval (lines); %ld draw%s whose "
                              "equilibria disagree on the outcome %s not counted."
                              "</figcaption></figure>\n", r->outcome_ambiguous,
                         rep_s(r->outcome_ambiguous), r->outcome_ambiguous == 1 ? "is" : "are");
        n = 1;
    }
    watched_table(r, out, &w);
    value_table(r, out);
    n += html_mc_compare(out, r, first_chart + n);
    brink_buf_puts(out, "</section>\n");
    if (w.failed || spec.failed)
        out->failed = 1;
    brink_buf_free(&w);
    brink_buf_free(&spec);
    return n;
}
