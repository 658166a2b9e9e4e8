/* html.c — an analysis as one self-contained HTML page (brink report): what the scenario is
 * and where it comes from, its parameters, the method and what it proved, each equilibrium
 * as tables (choices at every decision, outcome probabilities, expected values), the same in
 * figures (figures.c, drawn by Vega-Lite in the page), the game tree (tree.c, laid out by
 * the caller), the same in words (the text report). Sections are independent functions called in
 * order from brink_analysis_write_html, so another (e.g. Monte Carlo results) slots in.
 */
#include <stdlib.h>
#include <string.h>

#include "brink/threshold.h"
#include "report/describe.h"
#include "report/html.h"
#include "report/plural.h"

#define MAX_TABLES 6       /* equilibria shown as tables; the rest are counted */
#define SAMPLES 48         /* points per certified region in threshold figures */
#define MAX_ALL_DECISIONS 16   /* above this many decision points, tables list those on the
                                  path only (as the text report does), and say so */

static void summary(const brink_analysis *a, brink_buf *out)
{
    const brink_scenario *sc = a->sc;
    brink_buf_puts(out, "<header><p class=\"muted\">");
    html_text(out, brink_scenario_mechanism(sc));
    brink_buf_puts(out, " &middot; ");
    html_text(out, brink_scenario_id(sc));
    brink_buf_puts(out, "</p><h1>");
    html_text(out, brink_scenario_title(sc));
    brink_buf_puts(out, "</h1></header>\n<section id=\"summary\"><h2>Summary and sources</h2>\n");
    if (brink_scenario_description(sc)[0]) {
        brink_buf_puts(out, "<p>");
        html_text(out, brink_scenario_description(sc));
        brink_buf_puts(out, "</p>\n");
    }
    brink_buf_puts(out, "<table><tr><th>Model</th><td>");
    html_text(out, brink_scenario_model(sc));
    brink_buf_puts(out, "</td></tr><tr><th>Source</th><td>");
    html_text(out, brink_scenario_source(sc));
    brink_buf_puts(out, "</td></tr></table>\n");
    if (brink_scenario_nparams(sc) > 0) {
        brink_buf_puts(out, "<h3>Parameters</h3>\n<table><tr><th>name</th><th>value</th>"
                            "<th>units</th><th>meaning</th></tr>\n");
        for (int i = 0; i < brink_scenario_nparams(sc); i++) {
            const brink_param_info *p = brink_scenario_param(sc, i);
            brink_buf_puts(out, "<tr><td>");
            html_text(out, p->name);
            brink_buf_puts(out, "</td><td class=\"num\">");
            brink_buf_put_q(out, *p->valueq);
            brink_buf_puts(out, "</td><td>");
            html_text(out, p->units ? p->units : "");
            brink_buf_puts(out, "</td><td>");
            html_text(out, p->doc ? p->doc : "");
            brink_buf_puts(out, "</td></tr>\n");
        }
        brink_buf_puts(out, "</table>\n");
    }
    brink_buf_puts(out, "</section>\n");
}

static void method(const brink_analysis *a, brink_buf *out, brink_buf *t)
{
    const brink_efg *g = a->game;
    /* decision points are the actors' information sets, chance moves counted apart (as
     * brink analyze's "Game:" line counts them) */
    int nh = g->player_infoset_start[g->nplayers];
    int nchance = g->ninfosets - nh;
    brink_buf_printf(out, "<section id=\"method\"><h2>Game and method</h2>\n<p>%d actor%s, %d "
                          "node%s, %d decision point%s, %d chance move%s. Method: ",
                     g->nplayers, rep_s(g->nplayers), g->nnodes, rep_s(g->nnodes), nh, rep_s(nh),
                     nchance, rep_s(nchance));
    rep_method_name(t, &a->method);
    html_buf(out, t);
    brink_buf_reset(t);
    brink_buf_puts(out, " &mdash; ");
    rep_method_why(t, &a->method);
    html_buf(out, t);
    brink_buf_reset(t);
    brink_buf_puts(out, ". Search: ");   /* as the text report's "(search: ...)" */
    rep_coverage(t, &a->method);
    html_buf(out, t);
    brink_buf_reset(t);
    brink_buf_printf(out, ".</p>\n<p>%d equilibri%s kept", a->count, a->count == 1 ? "um" : "a");
    if (a->nrejected)
        brink_buf_printf(out, " (%d found were not sequential)", a->nrejected);
    /* "unique" only when the analysis proved it (brink_analysis.unique) */
    if (nh == 0 && a->count == 1)
        brink_buf_puts(out, "; the game has no decisions (chance moves only), so this "
                            "empty profile is its only one");
    else if (a->unique)
        brink_buf_puts(out, "; it is the unique equilibrium: every equilibrium was enumerated");
    else if (a->count == 1)
        brink_buf_puts(out, "; uniqueness is not proved by this method");
    brink_buf_printf(out, ". Solve time %.2f s", a->seconds);
    if (a->nanswers)   /* the questions' apart, as the text says them */
        brink_buf_printf(out, "; questions %.2f s", a->questions_seconds);
    brink_buf_puts(out, ".</p>\n</section>\n");
}

static void choice_cells(const brink_analysis *a, const brink_equilibrium *eq, int h,
                         brink_buf *out)
{
    const brink_efg *g = a->game;
    for (int k = 0; k < g->infoset_nactions[h]; k++) {
        int act = g->infoset_action_start[h] + k;
        double p = eq->behav[act];
        brink_buf_puts(out, k ? "<br>" : "");
        brink_buf_printf(out, "<span title=\"exact: ");
        if (eq->behavq)
            brink_buf_put_q(out, eq->behavq[act]);
        else
            brink_buf_put_double(out, p);
        brink_buf_puts(out, "\">");
        html_text(out, g->action_label[act]);
        brink_buf_printf(out, " %s%.4g</span>", p > 0.5e-12 ? "<b>" : "", p);
        if (p > 0.5e-12)
            brink_buf_puts(out, "</b>");
    }
    if (!brink_equilibrium_choice_fixed(g, eq, h)) {   /* one of the play's equilibria */
        brink_buf w;
        brink_buf_init(&w);
        rep_alternatives(&w, g, eq, h);
        brink_buf_puts(out, "<br><span class=\"muted\">other equilibria with this play differ "
                            "here: each of ");
        html_buf(out, &w);
        brink_buf_puts(out, " is taken by some</span>");
        if (w.failed)
            out->failed = 1;
        brink_buf_free(&w);
    }
}

static void equilibrium_tables(const brink_analysis *a, brink_buf *out, brink_buf *t)
{
    const brink_efg *g = a->game;
    brink_buf_puts(out, "<section id=\"equilibria\"><h2>Equilibria</h2>\n");
    if (a->count == 0)
        brink_buf_puts(out, "<p class=\"note\">No equilibrium was found.</p>\n");
    int n;
    int *order = rep_infoset_order(g, &n);
    if (!order) {
        out->failed = 1;
        return;
    }
    for (int e = 0; e < a->count && e < MAX_TABLES; e++) {
        const brink_equilibrium *eq = &a->eq[e];
        if (eq->approximate && eq->verified != 1)
            brink_buf_printf(out, "<h3>Equilibrium %d</h3>\n<p class=\"muted\">An approximate "
                                  "equilibrium: NashConv %.3g, checked in doubles, not exactly%s%s."
                                  "</p>\n", e + 1, eq->nashconv,
                             eq->tolerance > 0 ? " (within the tolerance the method stops at)"
                                               : "",
                             eq->sequential ? "; sequentially rational" : "");
        else
            brink_buf_printf(out, "<h3>Equilibrium %d</h3>\n<p class=\"muted\">%s%s.</p>\n",
                             e + 1,
                             eq->verified ? "Verified exactly as a Nash equilibrium"
                                          : "Checked as a Nash equilibrium in doubles",
                             eq->sequential ? "; sequentially rational" : "");
        if (eq->nprofiles && mpz_cmp_ui(*eq->nprofiles, 1) > 0) {   /* a play of equilibria */
            brink_buf_puts(out, "<p class=\"muted\">One play of ");
            rep_mpz(out, (const mpz_t *)eq->nprofiles);
            brink_buf_puts(out, " subgame-perfect profiles that differ only off the path of "
                                "play; the one shown leaves each off-path subtree to the "
                                "continuation worst for the actor who leaves it.</p>\n");
        }
        if (n > 0)
            brink_buf_puts(out, "<table class=\"choices\"><tr><th>who</th><th>when</th>"
                                "<th>choice (probability)</th><th>reached</th></tr>\n");
        else
            brink_buf_puts(out, "<p>No decisions: the game has chance moves only.</p>\n");
        int path_only = n > MAX_ALL_DECISIONS, skipped = 0;
        for (int i = 0; i < n; i++) {
            int h = order[i];
            if (path_only && !eq->on_path[h]) {
                skipped++;
                continue;
            }
            brink_buf_puts(out, "<tr><td>");
            rep_who(t, a->sc, g, h);
            html_buf(out, t);
            brink_buf_reset(t);
            brink_buf_puts(out, "</td><td>");
            rep_when(t, a->sc, h);
            html_buf(out, t);
            brink_buf_reset(t);
            brink_buf_puts(out, "</td><td>");
            choice_cells(a, eq, h, out);
            brink_buf_printf(out, "</td><td>%s</td></tr>\n", eq->on_path[h] ? "yes" : "no");
        }
        if (n > 0)
            brink_buf_puts(out, "</table>\n");
        if (skipped)
            brink_buf_printf(out, "<p class=\"muted\">%d decision points off the path of play "
                                  "are not listed (the game has %d).</p>\n", skipped, n);
        brink_buf_puts(out, "<table><tr><th>outcome</th><th>probability</th></tr>\n");
        for (int k = 0; k < a->ngroups; k++) {
            if (!(eq->group_prob[k] > 0))
                continue;
            brink_buf_puts(out, "<tr><td>");
            rep_group(t, a, k);
            html_buf(out, t);
            brink_buf_reset(t);
            brink_buf_puts(out, "</td><td class=\"num\">");
            rep_pct(t, eq->group_prob[k]);
            html_buf(out, t);
            brink_buf_reset(t);
            brink_buf_puts(out, "</td></tr>\n");
        }
        brink_buf_puts(out, "</table>\n<table><tr><th>actor</th><th>expected value</th></tr>\n");
        for (int p = 0; p < g->nplayers; p++) {
            brink_buf_puts(out, "<tr><td>");
            html_text(out, brink_scenario_actor_name(a->sc, p));
            brink_buf_puts(out, "</td><td class=\"num\">");
            if (eq->valueq)
                brink_buf_put_q(out, eq->valueq[p]);
            else
                brink_buf_printf(out, "%.6g", eq->value[p]);
            brink_buf_puts(out, "</td></tr>\n");
        }
        brink_buf_puts(out, "</table>\n");
    }
    if (a->count > MAX_TABLES)
        brink_buf_printf(out, "<p>%d more equilibria are described in words below.</p>\n",
                         a->count - MAX_TABLES);
    free(order);
    brink_buf_puts(out, "</section>\n");
}

static brink_status words(const brink_analysis *a, brink_buf *out, brink_error *err)
{
    brink_buf t;
    brink_buf_init(&t);
    brink_status st = brink_analysis_write_text(a, &t, err);
    if (!st) {
        brink_buf_puts(out, "<section id=\"words\"><h2>In words</h2>\n<details open><summary>"
                            "The text report (brink analyze)</summary>\n<pre class=\"words\">");
        html_buf(out, &t);
        brink_buf_puts(out, "</pre></details>\n</section>\n");
    }
    brink_buf_free(&t);
    return st;
}

static brink_status figures(const brink_analysis *a, brink_buf *out, int *ncharts,
                            brink_error *err)
{
    int n = 0;
    brink_figure *f = brink_report_figures(a, &n, err);
    if (!f)
        return err ? err->code : BRINK_ENOMEM;
    brink_buf spec, t;
    brink_buf_init(&spec);
    brink_buf_init(&t);
    brink_status st = BRINK_OK;
    if (n > 0)
        brink_buf_puts(out, "<section id=\"figures\"><h2>Figures</h2>\n");
    for (int i = 0; i < n && !st; i++) {
        brink_buf_reset(&spec);
        st = brink_report_figure_spec(a, &f[i], SAMPLES, &spec, err);
        if (st)
            break;
        st = brink_report_figure_title(a, &f[i], &t, err);
        if (st)
            break;
        brink_buf_printf(out, "<figure><div class=\"chart\" data-spec=\"spec%d\" role=\"img\" "
                              "aria-label=\"", i);
        html_buf(out, &t);
        brink_buf_printf(out, "\"></div>\n<script type=\"application/json\" id=\"spec%d\">", i);
        html_json(out, spec.data ? spec.data : "{}", spec.data ? spec.len : 2);
        brink_buf_puts(out, "</script>\n<figcaption>");
        if (f[i].kind == BRINK_FIG_THRESHOLD) {
            brink_buf_puts(out, "Lines: the mover's expected value of each option in the "
                                "first certified equilibrium of each region (dashed where the "
                                "option is not played; other equilibria of a region are in the "
                                "answer below). Vertical rules: where the watched choice "
                                "changes, at exact values (hover: a flip of every equilibrium, "
                                "or only of the equilibria found). Grey bands: nothing "
                                "certified there.");
            const brink_answer *an = &a->answers[f[i].answer];
            brink_buf_reset(&t);
            if (brink_threshold_write_brief(an->threshold, a->sc, &t, err) == BRINK_OK) {
                brink_buf_puts(out, " Answer: ");
                html_buf(out, &t);
            }
        } else if (f[i].kind == BRINK_FIG_MAP) {
            brink_buf_puts(out, "Cells: the watched choice at each grid point of the sweep. "
                                "Diamonds: flips found exactly along each grid line of the "
                                "second parameter (hover for the exact value).");
        } else if (f[i].kind == BRINK_FIG_SWEEP) {
            brink_buf_puts(out, "Expected values and outcome probabilities (first "
                                "equilibrium) at each grid point.");
        } else {
            brink_buf_puts(out, "Probability of each outcome in each equilibrium kept.");
        }
        brink_buf_reset(&t);
        brink_buf_puts(out, "</figcaption></figure>\n");
    }
    if (n > 0)
        brink_buf_puts(out, "</section>\n");
    if (t.failed || spec.failed)
        out->failed = 1;
    brink_buf_free(&spec);
    brink_buf_free(&t);
    free(f);
    *ncharts = n;
    return st;
}

brink_status brink_analysis_write_html(const brink_analysis *a, const brink_html_assets *as,
                                       brink_buf *out, brink_error *err)
{
    brink_buf t;
    brink_buf_init(&t);
    brink_buf_puts(&t, brink_scenario_title(a->sc));
    brink_buf_puts(&t, " — brink report");
    html_head(out, rep_text(&t));
    brink_buf_reset(&t);
    summary(a, out);
    method(a, out, &t);
    equilibrium_tables(a, out, &t);
    if (t.failed)
        out->failed = 1;
    brink_buf_free(&t);
    int ncharts = 0;
    brink_status st = figures(a, out, &ncharts, err);
    if (st)
        return st;
    ncharts += html_montecarlo(out, as->mc, as->mc_from, ncharts);
    ncharts += html_forecast(out, a, ncharts);
    ncharts += html_tournament(out, as, ncharts);
    html_tree(out, as);
    if ((st = words(a, out, err)))
        return st;
    html_scripts(out, as, ncharts);
    html_tail(out);
    return out->failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory writing HTML") : BRINK_OK;
}

brink_status brink_figure_write_html(const char *spec, const brink_html_assets *as,
                                     brink_buf *out, brink_error *err)
{
    html_head(out, "brink figure");
    brink_buf_puts(out, "<div class=\"chart\" data-spec=\"spec0\"></div>\n"
                        "<script type=\"application/json\" id=\"spec0\">");
    html_json(out, spec, strlen(spec));
    brink_buf_puts(out, "</script>\n");
    /* brink plot takes the figure's standalone SVG from here (headless --dump-dom) */
    brink_buf_puts(out, "<pre id=\"export\" hidden></pre>\n");
    html_scripts(out, as, 1);
    brink_buf_puts(out, "</body>\n</html>\n");
    return out->failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory writing HTML") : BRINK_OK;
}
