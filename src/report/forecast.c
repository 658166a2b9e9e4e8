/* forecast.c — a forecast's words and JSON: the round table per issue, the offers accepted
 * and sent, the convergence or cycle the driver found (stated only when it was found), a
 * character plot of the weighted median and mean per round, and the Monte Carlo summary.
 */
#include <math.h>
#include <string.h>

#include "brink/forecast.h"
#include "brink/io.h"
#include "brink/scenario.h"
#include "report/textwidth.h"
#include "report/plural.h"

const char *brink_forecast_kind_name(brink_forecast_kind k)
{
    switch (k) {
    case BRINK_FORECAST_LOST: return "lost";
    case BRINK_FORECAST_COMPROMISE: return "compromise";
    case BRINK_FORECAST_CAPITULATE: return "capitulate";
    case BRINK_FORECAST_BARGAIN: return "bargain";
    }
    return "?";
}

const char *brink_forecast_vote_name(brink_forecast_vote v)
{
    static const char *n[] = {"binary", "propbin", "prop", "propcbc", "cubic"};
    return (unsigned)v <= BRINK_FORECAST_VOTE_CUBIC ? n[v] : "?";
}

const char *brink_forecast_pv_name(brink_forecast_pv p)
{
    static const char *n[] = {"linear", "square", "quartic"};
    return (unsigned)p <= BRINK_FORECAST_PV_QUARTIC ? n[p] : "?";
}

static const char *kind_words(brink_forecast_kind k)
{
    switch (k) {
    case BRINK_FORECAST_LOST: return "loses a conflict to";
    case BRINK_FORECAST_COMPROMISE: return "compromises with";
    case BRINK_FORECAST_CAPITULATE: return "gives in to";
    case BRINK_FORECAST_BARGAIN: return "takes the bargain of";
    }
    return "?";
}

static double at(const brink_forecast_result *r, int t, int i, int k)
{
    return r->position[((size_t)t * r->nactors + i) * r->nissues + k];
}

/* Rows from hi (top) to lo; '*' median, 'o' mean, '@' both in one cell. */
static void plot(brink_buf *o, const brink_forecast_input *in, const brink_forecast_result *r, int k)
{
    const int H = 10;
    double lo = in->lo[k], hi = in->hi[k];
    brink_buf_printf(o, "  plot (* weighted median, o weighted mean, @ both; rounds 0..%d):\n", r->rounds);
    for (int row = H; row >= 0; row--) {
        double y = lo + (hi - lo) * row / H;
        brink_buf_printf(o, "  %8.4g |", y);
        for (int t = 0; t <= r->rounds; t++) {
            int m = (int)lround((r->median[(size_t)t * r->nissues + k] - lo) / (hi - lo) * H);
            int e = (int)lround((r->mean[(size_t)t * r->nissues + k] - lo) / (hi - lo) * H);
            brink_buf_puts(o, m == row && e == row ? "@" : m == row ? "*" : e == row ? "o" : " ");
        }
        brink_buf_puts(o, "\n");
    }
}

static void stop_words(brink_buf *o, const brink_forecast_result *r, int k)
{
    if (r->converged[k] >= 0)
        brink_buf_printf(o, "  converged: no position moved in round %d (checked against the previous round)\n",
                         r->converged[k]);
    else if (r->cycle_period[k])
        brink_buf_printf(o, "  oscillates: round %d repeats round %d (a cycle of period %d, checked against every earlier round)\n",
                         r->cycle_start[k] + r->cycle_period[k], r->cycle_start[k], r->cycle_period[k]);
    else
        brink_buf_printf(o, "  neither converged nor repeated a state within %d round%s\n", r->rounds,
                         rep_s(r->rounds));
}

/* "uniform(30, 50)": a drawn input's distribution as written. */
static void dist_words(brink_buf *o, const brink_param_info *p)
{
    switch (p->dist) {
    case BRINK_DIST_UNIFORM: brink_buf_printf(o, "uniform(%g, %g)", p->dist_a, p->dist_b); break;
    case BRINK_DIST_NORMAL: brink_buf_printf(o, "normal(%g, %g)", p->dist_a, p->dist_b); break;
    case BRINK_DIST_LOGNORMAL: brink_buf_printf(o, "lognormal(%g, %g)", p->dist_a, p->dist_b); break;
    case BRINK_DIST_BETA: brink_buf_printf(o, "beta(%g, %g)", p->dist_a, p->dist_b); break;
    case BRINK_DIST_TRIANGULAR: brink_buf_printf(o, "triangular(%g, %g, %g)", p->dist_a, p->dist_b, p->dist_c); break;
    case BRINK_DIST_DISCRETE:
        brink_buf_puts(o, "discrete(");
        for (int i = 0; i < p->dist_n; i++) brink_buf_printf(o, "%s%g", i ? ", " : "", p->dist_values[i]);
        brink_buf_puts(o, "; ");
        for (int i = 0; i < p->dist_n; i++) brink_buf_printf(o, "%s%.4g", i ? ", " : "", p->dist_weights[i]);
        brink_buf_puts(o, ")");
        break;
    default: brink_buf_puts(o, "?"); break;
    }
    if (p->dist_truncated) brink_buf_puts(o, " truncated to the input's range");
}

static const char *field_name(brink_forecast_field f)
{
    return f == BRINK_FORECAST_CAPABILITY ? "capability" : f == BRINK_FORECAST_POSITION ? "position" : "salience";
}

static void stat_text(brink_buf *o, const char *what, double thr, long runs, const brink_forecast_mc_stat *s)
{
    brink_buf_printf(o, "    final %s: mean %.4g, sd %.3g; quantiles 5%% %.4g, 25%% %.4g, 50%% %.4g, 75%% %.4g, 95%% %.4g\n",
                     what, s->mean, s->sd, s->q05, s->q25, s->q50, s->q75, s->q95);
    brink_buf_printf(o, "      P(settlement > %g) = %.4f (%ld of %ld run%s; 95%% Wilson interval [%.4f, %.4f])\n", thr, s->p,
                     s->above, runs, rep_s(runs), s->p_lo, s->p_hi);
}

static void mc_text(brink_buf *o, const brink_forecast_input *in, const brink_forecast_mc_result *mc)
{
    brink_buf_printf(o, "\nMonte Carlo: %ld run%s (seed %llu).\n", mc->runs, rep_s(mc->runs), (unsigned long long)mc->seed);
    if (mc->ndrawn == 0) {
        brink_buf_puts(o, "No input declares a distribution.\n");
    } else {
        brink_buf_printf(o, "Drawn from declared distributions (%d input%s):\n", mc->ndrawn,
                         rep_s(mc->ndrawn));
        for (int d = 0; d < in->ndraws && d < mc->ndrawn; d++) {
            const brink_forecast_draw *q = &in->draws[d];
            brink_buf_printf(o, "  %s's %s", in->actor[q->actor], field_name(q->field));
            if (q->issue >= 0) brink_buf_printf(o, " on '%s'", in->issue[q->issue]);
            brink_buf_puts(o, " ~ ");
            dist_words(o, q->dist);
            brink_buf_printf(o, " (central value %g)", q->dist->value);
            if (q->dist->doc) brink_buf_printf(o, ": %s", q->dist->doc);
            brink_buf_puts(o, "\n");
        }
    }
    if (mc->pos_sd > 0 || mc->sal_sd > 0)
        brink_buf_printf(o, "Noise on the %sinputs: positions + N(0, (%g x scale width)^2), saliences + N(0, %g^2), "
                            "clamped to their ranges.\n",
                         mc->ndrawn ? "other " : "", mc->pos_sd, mc->sal_sd);
    else
        brink_buf_printf(o, "No noise on the %sinputs: they keep their values.\n", mc->ndrawn ? "other " : "");
    brink_buf_puts(o, "Settlement per issue: the final weighted median and weighted mean of each run.\n");
    for (int k = 0; k < in->nissues; k++) {
        brink_buf_printf(o, "  '%s':\n", in->issue[k]);
        stat_text(o, "weighted median", mc->above[k], mc->runs, &mc->median[k]);
        stat_text(o, "weighted mean", mc->above[k], mc->runs, &mc->mean[k]);
    }
}

/* An issue whose CSV saliences were read as percent (one value above 1 rescales the column):
 * say which, why, and whether the column otherwise looks like fractions. */
static void percent_words(brink_buf *o, const brink_forecast_input *in)
{
    int n = in->nactors, D = in->nissues;
    for (int k = 0; k < D && in->salience_percent; k++) {
        int a = in->salience_percent[k];
        if (a < 0 || a >= n) continue;
        int small = 0; /* positive saliences of at most 1 as written: fractions, by the look */
        for (int i = 0; i < n; i++) {
            double v = in->salience[(size_t)i * D + k];
            small += v > 0 && v <= 0.01;
        }
        brink_buf_printf(o, "  Note: the saliences of issue '%s' were read as percent and divided by 100, "
                            "because one is above 1 (%s: %g)",
                         in->issue[k], in->actor[a], in->salience[(size_t)a * D + k] * 100);
        if (small)
            brink_buf_printf(o, ";\n  %d other%s of at most 1 became at most 0.01: if the column is meant "
                                "as fractions (0 to 1), correct the value of %s",
                             small, small == 1 ? "" : "s", in->actor[a]);
        brink_buf_puts(o, ".\n");
    }
}

void brink_forecast_write_text(const brink_forecast_input *in, const brink_forecast_options *op,
                               const brink_forecast_result *r, const brink_forecast_mc_result *mc,
                               brink_buf *o)
{
    int n = r->nactors, D = r->nissues;
    if (r->model == BRINK_FORECAST_EU)
        brink_buf_printf(o, "Forecast: expected-utility model (Bueno de Mesquita; Scholz, Calbert & Smith 2011)\n"
                            "  %d actors, %d issue%s, %d round%s; Q = %g, T = %g, mu = weighted %s, %s, risk %s\n",
                         n, D, D == 1 ? "" : "s", r->rounds, r->rounds == 1 ? "" : "s", op->q, op->t,
                         op->mu == BRINK_FORECAST_MU_MEAN ? "mean" : "median",
                         op->rules == BRINK_FORECAST_RULES_SCHOLZ_CODE ? "rules of Scholz et al.'s program"
                         : op->offer == BRINK_FORECAST_OFFER_NEAREST ? "offers: nearest" : "offers: strongest",
                         op->risk ? "from security" : "neutral (r = 1)");
    else
        brink_buf_printf(o, "Forecast: spatial model of politics (KTAB-style SMP)\n"
                            "  %d actors, %d issue%s, %d round%s; votes: %s, victory: %s law, %s\n",
                         n, D, D == 1 ? "" : "s", r->rounds, r->rounds == 1 ? "" : "s",
                         brink_forecast_vote_name(op->vote), brink_forecast_pv_name(op->pv),
                         op->stochastic ? "seeded outcomes" : "expected moves");
    percent_words(o, in);
    for (int k = 0; k < D; k++) {
        brink_buf_printf(o, "\nIssue '%s' (scale %g..%g)\n  round   median     mean", in->issue[k], in->lo[k], in->hi[k]);
        /* Columns as wide as the longest name (in terminal columns: names may be UTF-8);
         * names are never cut. */
        int wd = 10;
        for (int i = 0; i < n; i++) {
            int w = rep_text_width(in->actor[i], (size_t)-1);
            if (w > wd) wd = w;
        }
        for (int i = 0; i < n; i++) {
            brink_buf_puts(o, "  ");
            rep_pad(o, in->actor[i], wd, 0);
        }
        brink_buf_puts(o, "\n");
        for (int t = 0; t <= r->rounds; t++) {
            brink_buf_printf(o, "  %5d %8.4f %8.4f", t, r->median[(size_t)t * D + k], r->mean[(size_t)t * D + k]);
            for (int i = 0; i < n; i++) brink_buf_printf(o, "  %*.4f", wd, at(r, t, i, k));
            brink_buf_puts(o, "\n");
        }
        if (r->model == BRINK_FORECAST_EU) stop_words(o, r, k);
        plot(o, in, r, k);
    }
    if (r->model == BRINK_FORECAST_SMP) {
        brink_buf_puts(o, "\nAll issues:\n");
        stop_words(o, r, 0);
    }
    brink_buf_puts(o, "\nOffers acted on (target, what it did, challenger):\n");
    int any = 0;
    for (size_t m = 0; m < r->noffers; m++) {
        const brink_forecast_offer_rec *f = &r->offers[m];
        if (!f->accepted) continue;
        any = 1;
        brink_buf_printf(o, "  round %d%s%s%s: %s %s %s\n", f->round, f->issue >= 0 ? ", '" : "",
                         f->issue >= 0 ? in->issue[f->issue] : "", f->issue >= 0 ? "'" : "", in->actor[f->to],
                         kind_words(f->kind), in->actor[f->from]);
    }
    if (!any) brink_buf_puts(o, "  none\n");
    brink_buf_printf(o, "Offers sent: %zu in all (every challenge is in the JSON output)\n", r->noffers);
    if (mc) mc_text(o, in, mc);
}

void brink_forecast_write_summary(const brink_forecast_input *in, const brink_forecast_options *op,
                                  const brink_forecast_result *r, const char *id, brink_buf *o)
{
    int D = r->nissues;
    brink_buf_printf(o, "\nForecast (%s model, %d rounds; `brink forecast %s --rounds %d` shows every "
                        "round, offer and a plot):\n",
                     r->model == BRINK_FORECAST_EU ? "expected-utility" : "spatial", r->rounds, id, op->rounds);
    for (int k = 0; k < D; k++) {
        int c = r->model == BRINK_FORECAST_EU ? k : 0;
        double med = r->median[(size_t)r->rounds * D + k], mean = r->mean[(size_t)r->rounds * D + k];
        brink_buf_printf(o, "  %s: weighted median %.4g, mean %.4g after round %d", in->issue[k], med, mean, r->rounds);
        if (r->converged[c] >= 0)
            brink_buf_printf(o, " (converged in round %d)\n", r->converged[c]);
        else if (r->cycle_period[c]) {
            brink_buf_printf(o, " (a cycle of period %d from round %d; medians", r->cycle_period[c], r->cycle_start[c]);
            for (int t = r->cycle_start[c]; t < r->cycle_start[c] + r->cycle_period[c]; t++)
                brink_buf_printf(o, " %.4g", r->median[(size_t)t * D + k]);
            brink_buf_puts(o, ")\n");
        } else
            brink_buf_puts(o, " (neither converged nor repeated a state)\n");
    }
}

static void num(brink_buf *o, double x)
{
    if (!isfinite(x)) brink_buf_puts(o, "null");
    else brink_buf_put_double(o, x);
}

static void numarr(brink_buf *o, const double *v, int n)
{
    brink_buf_puts(o, "[");
    for (int i = 0; i < n; i++) {
        if (i) brink_buf_puts(o, ",");
        num(o, v[i]);
    }
    brink_buf_puts(o, "]");
}

static void stop_json(brink_buf *o, const brink_forecast_result *r, int k, int issue)
{
    brink_buf_puts(o, "{\"issue\":");
    if (issue >= 0) brink_buf_printf(o, "%d", issue);
    else brink_buf_puts(o, "null");
    brink_buf_puts(o, ",\"converged_round\":");
    if (r->converged[k] >= 0) brink_buf_printf(o, "%d", r->converged[k]);
    else brink_buf_puts(o, "null");
    if (r->converged[k] < 0 && r->cycle_period[k])
        brink_buf_printf(o, ",\"cycle\":{\"start\":%d,\"period\":%d}}", r->cycle_start[k], r->cycle_period[k]);
    else
        brink_buf_puts(o, ",\"cycle\":null}");
}

static void stat_json(brink_buf *o, const brink_forecast_mc_stat *s)
{
    const char *k[] = {"mean", "sd", "q05", "q25", "q50", "q75", "q95"};
    double v[] = {s->mean, s->sd, s->q05, s->q25, s->q50, s->q75, s->q95};
    brink_buf_puts(o, "{");
    for (int i = 0; i < 7; i++) {
        brink_buf_printf(o, "%s\"%s\":", i ? "," : "", k[i]);
        num(o, v[i]);
    }
    brink_buf_printf(o, ",\"runs_above\":%ld,\"p_above\":", s->above);
    num(o, s->p);
    brink_buf_puts(o, ",\"p_above_wilson95\":[");
    num(o, s->p_lo);
    brink_buf_puts(o, ",");
    num(o, s->p_hi);
    brink_buf_puts(o, "]}");
}

static void mc_json(brink_buf *o, const brink_forecast_input *in, const brink_forecast_mc_result *mc)
{
    brink_buf_printf(o, ",\"monte_carlo\":{\"runs\":%ld,\"seed\":%llu,\"pos_noise\":", mc->runs,
                     (unsigned long long)mc->seed);
    num(o, mc->pos_sd);
    brink_buf_puts(o, ",\"sal_noise\":");
    num(o, mc->sal_sd);
    brink_buf_puts(o, ",\"drawn\":[");
    for (int d = 0; d < in->ndraws && d < mc->ndrawn; d++) {
        const brink_forecast_draw *q = &in->draws[d];
        brink_buf_printf(o, "%s{\"actor\":%d,\"issue\":", d ? "," : "", q->actor);
        if (q->issue >= 0) brink_buf_printf(o, "%d", q->issue);
        else brink_buf_puts(o, "null");
        brink_buf_printf(o, ",\"input\":\"%s\",\"value\":", field_name(q->field));
        num(o, q->dist->value);
        brink_buf_puts(o, ",\"distribution\":");
        brink_buf dw;
        brink_buf_init(&dw);
        dist_words(&dw, q->dist);
        brink_json_string(o, dw.data ? dw.data : "");
        if (dw.failed) o->failed = 1;
        brink_buf_free(&dw);
        if (q->dist->doc) {
            brink_buf_puts(o, ",\"doc\":");
            brink_json_string(o, q->dist->doc);
        }
        brink_buf_puts(o, "}");
    }
    brink_buf_puts(o, "],\"settlement\":[");
    for (int k = 0; k < in->nissues; k++) {
        brink_buf_printf(o, "%s{\"issue\":%d,\"above\":", k ? "," : "", k);
        num(o, mc->above[k]);
        brink_buf_puts(o, ",\"median\":");
        stat_json(o, &mc->median[k]);
        brink_buf_puts(o, ",\"mean\":");
        stat_json(o, &mc->mean[k]);
        brink_buf_puts(o, "}");
    }
    brink_buf_puts(o, "]}");
}

void brink_forecast_write_json(const brink_forecast_input *in, const brink_forecast_options *op,
                               const brink_forecast_result *r, const brink_forecast_mc_result *mc,
                               brink_buf *o)
{
    int n = r->nactors, D = r->nissues;
    brink_buf_printf(o, "{\"model\":\"%s\",\"options\":{", r->model == BRINK_FORECAST_EU ? "eu" : "smp");
    brink_buf_printf(o, "\"rounds\":%d,\"tol\":", op->rounds);
    num(o, op->tol);
    if (r->model == BRINK_FORECAST_EU) {
        brink_buf_puts(o, ",\"q\":");
        num(o, op->q);
        brink_buf_puts(o, ",\"t\":");
        num(o, op->t);
        brink_buf_printf(o, ",\"rules\":\"%s\",\"prob\":\"%s\",\"mu\":\"%s\",\"offer\":\"%s\",\"risk\":%s}",
                         op->rules == BRINK_FORECAST_RULES_SCHOLZ_CODE ? "scholz-code" : "equations",
                         op->prob == BRINK_FORECAST_PROB_NET ? "net" : "positive",
                         op->mu == BRINK_FORECAST_MU_MEAN ? "mean" : "median",
                         op->offer == BRINK_FORECAST_OFFER_NEAREST ? "nearest" : "strongest",
                         op->risk ? "true" : "false");
    } else {
        brink_buf_printf(o, ",\"vote\":\"%s\",\"pv\":\"%s\",\"stochastic\":%s,\"seed\":%llu}",
                         brink_forecast_vote_name(op->vote), brink_forecast_pv_name(op->pv),
                         op->stochastic ? "true" : "false", (unsigned long long)op->seed);
    }
    brink_buf_puts(o, ",\"actors\":[");
    for (int i = 0; i < n; i++) {
        brink_buf_puts(o, i ? ",{\"name\":" : "{\"name\":");
        brink_json_string(o, in->actor[i]);
        brink_buf_puts(o, ",\"capability\":");
        num(o, in->capability[i]);
        brink_buf_puts(o, ",\"salience\":");
        numarr(o, in->salience + (size_t)i * D, D);
        brink_buf_puts(o, "}");
    }
    brink_buf_puts(o, "],\"issues\":[");
    for (int k = 0; k < D; k++) {
        brink_buf_puts(o, k ? ",{\"name\":" : "{\"name\":");
        brink_json_string(o, in->issue[k]);
        brink_buf_puts(o, ",\"lo\":");
        num(o, in->lo[k]);
        brink_buf_puts(o, ",\"hi\":");
        num(o, in->hi[k]);
        int a = in->salience_percent ? in->salience_percent[k] : -1;
        if (a >= 0 && a < n) {
            brink_buf_printf(o, ",\"salience_percent\":{\"actor\":%d,\"value\":", a);
            num(o, in->salience[(size_t)a * D + k] * 100);
            brink_buf_puts(o, "}");
        }
        brink_buf_puts(o, "}");
    }
    brink_buf_printf(o, "],\"rounds_run\":%d,\"rounds\":[", r->rounds);
    for (int t = 0; t <= r->rounds; t++) {
        brink_buf_printf(o, "%s{\"round\":%d,\"positions\":[", t ? "," : "", t);
        for (int i = 0; i < n; i++) {
            if (i) brink_buf_puts(o, ",");
            numarr(o, r->position + ((size_t)t * n + i) * D, D);
        }
        brink_buf_puts(o, "],\"median\":");
        numarr(o, r->median + (size_t)t * D, D);
        brink_buf_puts(o, ",\"mean\":");
        numarr(o, r->mean + (size_t)t * D, D);
        brink_buf_puts(o, ",\"risk\":");
        if (r->risk && t > 0) {
            brink_buf_puts(o, "[");
            for (int i = 0; i < n; i++) {
                if (i) brink_buf_puts(o, ",");
                numarr(o, r->risk + ((size_t)(t - 1) * n + i) * D, D);
            }
            brink_buf_puts(o, "]");
        } else {
            brink_buf_puts(o, "null");
        }
        brink_buf_puts(o, "}");
    }
    brink_buf_puts(o, "],\"offers\":[");
    for (size_t m = 0; m < r->noffers; m++) {
        const brink_forecast_offer_rec *f = &r->offers[m];
        brink_buf_printf(o, "%s{\"round\":%d,\"issue\":", m ? "," : "", f->round);
        if (f->issue >= 0) brink_buf_printf(o, "%d", f->issue);
        else brink_buf_puts(o, "null");
        brink_buf_printf(o, ",\"from\":%d,\"to\":%d,\"eu_from\":", f->from, f->to);
        num(o, f->eu_from);
        brink_buf_puts(o, ",\"eu_to\":");
        num(o, f->eu_to);
        brink_buf_printf(o, ",\"accepted\":%s,\"kind\":", f->accepted ? "true" : "false");
        if (f->accepted) brink_buf_printf(o, "\"%s\"}", brink_forecast_kind_name(f->kind));
        else brink_buf_puts(o, "null}");
    }
    brink_buf_puts(o, "],\"convergence\":[");
    if (r->model == BRINK_FORECAST_EU)
        for (int k = 0; k < D; k++) {
            if (k) brink_buf_puts(o, ",");
            stop_json(o, r, k, k);
        }
    else
        stop_json(o, r, 0, -1);
    brink_buf_puts(o, "]");
    if (mc) mc_json(o, in, mc);
    brink_buf_puts(o, "}\n");
}
