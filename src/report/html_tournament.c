/* html_tournament.c — the negotiation tournament section of brink report, for a scenario with
 * a `negotiation` section (docs/negotiate.md): every ordered pairing of the agents on the
 * scenario's domain, repeated and seeded. A chart of each agent's agreement rate and mean own
 * utility with their 95% intervals, and the table of every metric. Every number is the
 * brink_neg_tournament's, as `brink tournament --json` prints it (full precision in the spec).
 */
#include <math.h>

#include "brink/io.h"
#include "brink/negotiate.h"
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

static void stat_row(brink_buf *spec, int first, const char *agent, const char *metric,
                     const brink_neg_stat *s)
{
    int have = s->n > 0 && isfinite(s->mean);
    brink_buf_puts(spec, first ? "{\"agent\":" : ",{\"agent\":");
    brink_json_string(spec, agent);
    brink_buf_printf(spec, ",\"metric\":\"%s\",\"mean\":", metric);
    num(spec, have ? s->mean : NAN);
    brink_buf_puts(spec, ",\"ci95\":");
    num(spec, have ? s->ci95 : NAN);
    brink_buf_puts(spec, ",\"lo\":");
    num(spec, have ? s->mean - s->ci95 : NAN);
    brink_buf_puts(spec, ",\"hi\":");
    num(spec, have ? s->mean + s->ci95 : NAN);
    brink_buf_printf(spec, ",\"n\":%ld}", s->n);
}

/* Vega-Lite: per agent two bars side by side (agreement rate, mean utility) on [0, 1], a rule
 * for each 95% interval; the tooltip carries mean, half-width and n. */
static void tournament_spec(const brink_neg_tournament *t, brink_buf *spec)
{
    brink_buf_puts(spec, "{\"$schema\":\"https://vega.github.io/schema/vega-lite/v5.json\","
                         "\"width\":\"container\",\"autosize\":{\"type\":\"fit-x\",\"contains\":"
                         "\"padding\"},\"data\":{\"values\":[");
    for (int a = 0; a < t->nagents; a++) {
        stat_row(spec, a == 0, t->agent[a].name, "agreement rate", &t->agent[a].agreement_rate);
        stat_row(spec, 0, t->agent[a].name, "mean utility", &t->agent[a].utility);
    }
    brink_buf_puts(spec,
        "]},\"encoding\":{\"y\":{\"field\":\"agent\",\"type\":\"nominal\",\"sort\":null,"
        "\"title\":null},\"yOffset\":{\"field\":\"metric\",\"sort\":null},\"color\":{\"field\":"
        "\"metric\",\"type\":\"nominal\",\"sort\":null,\"title\":null,\"scale\":{\"range\":"
        "[\"#0072B2\",\"#E69F00\"]}}},\"layer\":[{\"mark\":\"bar\",\"encoding\":{\"x\":{\"field\":"
        "\"mean\",\"type\":\"quantitative\",\"scale\":{\"domain\":[0,1]},\"title\":"
        "\"mean over the agent's negotiations (95% interval)\"},\"tooltip\":[{\"field\":"
        "\"agent\"},{\"field\":\"metric\"},{\"field\":\"mean\",\"format\":\".6f\"},{\"field\":"
        "\"ci95\",\"title\":\"± (95%)\",\"format\":\".6f\"},{\"field\":\"n\"}]}},{\"mark\":"
        "{\"type\":\"rule\",\"color\":\"black\"},\"encoding\":{\"x\":{\"field\":\"lo\",\"type\":"
        "\"quantitative\"},\"x2\":{\"field\":\"hi\"}}}]}");
}

static void stat_cell(brink_buf *out, const brink_neg_stat *s)
{
    brink_buf_puts(out, "<td class=\"num\">");
    if (s->n == 0 || !isfinite(s->mean)) {
        brink_buf_puts(out, "n/a</td>");
        return;
    }
    brink_buf_printf(out, "%.3f&nbsp;&plusmn;%.3f</td>", s->mean, s->ci95);
}

static void table(const brink_neg_tournament *t, brink_buf *out)
{
    brink_buf_puts(out, "<table class=\"tournament\"><tr><th>agent</th><th>agreements</th>"
                        "<th>agreement rate</th><th>own utility</th><th>welfare</th>"
                        "<th>to Pareto</th><th>to Nash</th><th>to Kalai&ndash;Smorodinsky</th>"
                        "</tr>\n");
    for (int a = 0; a <= t->nagents; a++) {
        const brink_neg_agent_summary *s = a < t->nagents ? &t->agent[a] : &t->overall;
        brink_buf_puts(out, a < t->nagents ? "<tr><td>" : "<tr><th>");
        html_text(out, a < t->nagents ? s->name : "all");
        brink_buf_printf(out, "%s<td class=\"num\">%ld of %ld</td>",
                         a < t->nagents ? "</td>" : "</th>", s->agreements, s->negotiations);
        stat_cell(out, &s->agreement_rate);
        stat_cell(out, &s->utility);
        stat_cell(out, &s->welfare);
        stat_cell(out, &s->pareto_distance);
        stat_cell(out, &s->nash_distance);
        stat_cell(out, &s->ks_distance);
        brink_buf_puts(out, "</tr>\n");
    }
    brink_buf_puts(out, "</table>\n");
}

int html_tournament(brink_buf *out, const brink_html_assets *as, int first_chart)
{
    const brink_neg_tournament *t = as ? as->tournament : NULL;
    const brink_neg_tournament_options *o = as ? as->tournament_options : NULL;
    if (!t || !o || !as->tournament_domain)
        return 0;
    brink_buf spec;
    brink_buf_init(&spec);
    brink_buf_puts(out, "<section id=\"tournament\"><h2>Negotiation tournament</h2>\n<p>Every "
                        "ordered pairing of ");
    brink_buf_printf(out, "%d agents on the domain <code>", t->nagents);
    html_text(out, as->tournament_domain->name);
    brink_buf_printf(out, "</code> (the scenario's <code>negotiation</code> section; "
                          "docs/negotiate.md), %d repetition%s each, stacked alternating offers "
                          "with a deadline of %d round%s, seed %llu: %ld negotiation%s. Each "
                          "agent's figures are over the negotiations it took part in, on either "
                          "side; intervals are 95%% (normal approximation).</p>\n",
                     o->repetitions, rep_s(o->repetitions), o->max_rounds, rep_s(o->max_rounds),
                     (unsigned long long)o->seed, t->negotiations, rep_s(t->negotiations));
    tournament_spec(t, &spec);
    brink_buf_printf(out, "<figure><div class=\"chart\" data-spec=\"spec%d\" role=\"img\" "
                          "aria-label=\"Tournament: agreement rate and mean utility per agent\">"
                          "</div>\n<script type=\"application/json\" id=\"spec%d\">",
                     first_chart, first_chart);
    html_json(out, spec.data ? spec.data : "{}", spec.data ? spec.len : 2);
    brink_buf_puts(out, "</script>\n<figcaption>Per agent: the share of its negotiations that "
                        "ended in agreement and its mean own utility (bars), with their 95% "
                        "intervals (lines).</figcaption></figure>\n");
    table(t, out);
    brink_buf_puts(out, "<p class=\"muted\">Distances are Euclidean in the utility plane from "
                        "the pair of utilities reached to the nearest Pareto-optimal outcome, "
                        "the Nash bargaining point and the Kalai&ndash;Smorodinsky point of the "
                        "domain's outcomes.</p>\n</section>\n");
    if (spec.failed)
        out->failed = 1;
    brink_buf_free(&spec);
    return 1;
}
