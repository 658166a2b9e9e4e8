/* json.c — an analysis as JSON for programs (brink analyze --json). Same content as the
 * text report, keyed by the scenario's own names. Numbers are doubles; exact values are
 * added as strings ("1/2") where the analysis has them.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/io.h"
#include "brink/threshold.h"
#include "report/describe.h"

static void num(brink_buf *out, double x)
{
    if (!isfinite(x))
        brink_buf_puts(out, "null");
    else
        brink_buf_printf(out, "%.17g", fabs(x) < 5e-16 ? 0.0 : x);
}

static void key(brink_buf *out, const char *k)
{
    brink_json_string(out, k);
    brink_buf_puts(out, ":");
}

static void str(brink_buf *out, const char *k, const char *v)
{
    key(out, k);
    brink_json_string(out, v ? v : "");
}

static void qstr(brink_buf *out, const mpq_t q)
{
    char *s = brink_q_to_string(q);
    brink_json_string(out, s ? s : "");
    free(s);
}

static void scenario_part(const brink_analysis *a, brink_buf *out)
{
    const brink_scenario *sc = a->sc;
    str(out, "id", brink_scenario_id(sc));
    brink_buf_puts(out, ",");
    str(out, "title", brink_scenario_title(sc));
    brink_buf_puts(out, ",");
    str(out, "mechanism", brink_scenario_mechanism(sc));
    brink_buf_puts(out, ",");
    str(out, "source", brink_scenario_source(sc));
    brink_buf_puts(out, ",");
    str(out, "model", brink_scenario_model(sc));
    brink_buf_puts(out, ",");
    key(out, "parameters");
    brink_buf_puts(out, "[");
    for (int i = 0; i < brink_scenario_nparams(sc); i++) {
        const brink_param_info *p = brink_scenario_param(sc, i);
        brink_buf_puts(out, i ? ",{" : "{");
        str(out, "name", p->name);
        brink_buf_puts(out, ",\"value\":");
        num(out, p->value);
        brink_buf_puts(out, ",\"exact\":");
        qstr(out, *p->valueq);
        if (p->has_range) {
            brink_buf_puts(out, ",\"range\":[");
            num(out, p->lo);
            brink_buf_puts(out, ",");
            num(out, p->hi);
            brink_buf_puts(out, "]");
        }
        brink_buf_puts(out, ",");
        str(out, "units", p->units);
        brink_buf_puts(out, ",");
        str(out, "doc", p->doc);
        brink_buf_puts(out, "}");
    }
    brink_buf_puts(out, "]");
}

static void equilibrium(const brink_analysis *a, const brink_equilibrium *eq, brink_buf *out)
{
    const brink_scenario *sc = a->sc;
    const brink_efg *g = a->game;
    brink_buf_printf(out, "{\"verified\":%s,\"sequential\":%s,\"max_regret\":",
                     eq->verified == 1 ? "true" : "false", eq->sequential ? "true" : "false");
    num(out, eq->max_regret);
    brink_buf_puts(out, ",\"strategies\":[");
    int n;
    int *order = rep_infoset_order(g, &n);
    for (int k = 0; order && k < n; k++) {
        int h = order[k], a0 = g->infoset_action_start[h], p = g->infoset_player[h];
        int t = brink_scenario_infoset_type(sc, h);
        brink_buf_puts(out, k ? ",{" : "{");
        str(out, "actor", brink_scenario_actor_id(sc, p));
        brink_buf_puts(out, ",");
        str(out, "type", t >= 0 ? brink_scenario_type_name(sc, p, t) : "");
        brink_buf_puts(out, ",");
        str(out, "decision", g->infoset_label[h]);
        brink_buf_puts(out, ",");
        str(out, "seen", brink_scenario_infoset_view(sc, h));
        brink_buf_printf(out, ",\"on_path\":%s,\"actions\":{", eq->on_path[h] ? "true" : "false");
        for (int x = 0; x < g->infoset_nactions[h]; x++) {
            if (x)
                brink_buf_puts(out, ",");
            key(out, g->action_label[a0 + x]);
            num(out, eq->behav[a0 + x]);
        }
        brink_buf_puts(out, "}");
        if (eq->behavq) {
            brink_buf_puts(out, ",\"exact\":{");
            for (int x = 0; x < g->infoset_nactions[h]; x++) {
                if (x)
                    brink_buf_puts(out, ",");
                key(out, g->action_label[a0 + x]);
                qstr(out, eq->behavq[a0 + x]);
            }
            brink_buf_puts(out, "}");
        }
        if (g->infoset_nmembers[h] > 1) {
            char desc[16][200];
            double prob[16];
            int nb = rep_beliefs(sc, g, eq, h, desc, prob, 16);
            brink_buf_puts(out, ",\"beliefs\":{");
            for (int b = 0; b < nb; b++) {
                if (b)
                    brink_buf_puts(out, ",");
                key(out, desc[b]);
                num(out, prob[b]);
            }
            brink_buf_puts(out, "}");
        }
        brink_buf_puts(out, "}");
    }
    free(order);
    brink_buf_puts(out, "],\"outcomes\":{");
    for (int k = 0, first = 1; k < a->ngroups; k++) {
        if (eq->group_prob[k] <= 1e-15)
            continue;
        if (!first)
            brink_buf_puts(out, ",");
        first = 0;
        key(out, a->group_text[k]);
        num(out, eq->group_prob[k]);
    }
    brink_buf_puts(out, "},\"values\":{");
    for (int i = 0; i < g->nplayers; i++) {
        if (i)
            brink_buf_puts(out, ",");
        key(out, brink_scenario_actor_id(sc, i));
        num(out, eq->value[i]);
    }
    brink_buf_puts(out, "}");
    if (eq->valueq) {
        brink_buf_puts(out, ",\"exact_values\":{");
        for (int i = 0; i < g->nplayers; i++) {
            if (i)
                brink_buf_puts(out, ",");
            key(out, brink_scenario_actor_id(sc, i));
            qstr(out, eq->valueq[i]);
        }
        brink_buf_puts(out, "}");
    }
    brink_buf_puts(out, ",\"type_values\":{");
    int first = 1;
    for (int i = 0; i < g->nplayers; i++) {
        for (int t = 0; t < brink_scenario_actor_ntypes(sc, i) && t < BRINK_ANALYSIS_MAX_TYPES; t++) {
            char name[200];
            snprintf(name, sizeof name, "%s.%s", brink_scenario_actor_id(sc, i),
                     brink_scenario_type_name(sc, i, t));
            if (!first)
                brink_buf_puts(out, ",");
            first = 0;
            key(out, name);
            num(out, eq->type_value[i * BRINK_ANALYSIS_MAX_TYPES + t]);
        }
    }
    brink_buf_puts(out, "},\"issue_means\":{");
    first = 1;
    for (int k = 0; k < brink_scenario_nissues(sc); k++) {
        if (brink_scenario_issue_nlevels(sc, k))
            continue;
        if (!first)
            brink_buf_puts(out, ",");
        first = 0;
        key(out, brink_scenario_issue_name(sc, k));
        num(out, eq->issue_mean[k]);
    }
    brink_buf_puts(out, "}}");
}

static void answer(const brink_analysis *a, const brink_answer *an, brink_buf *out)
{
    const brink_scenario *sc = a->sc;
    const brink_efg *g = a->game;
    const brink_question *q = an->q;
    static const char *const kinds[] = {"", "threshold", "sweep", "compare"};
    brink_buf_puts(out, "{");
    str(out, "id", q->id);
    brink_buf_puts(out, ",");
    str(out, "ask", q->ask);
    brink_buf_puts(out, ",");
    str(out, "kind", kinds[q->kind]);
    brink_buf_puts(out, ",");
    str(out, "watch", q->watch);
    if (an->status) {
        brink_buf_puts(out, ",");
        str(out, "error", an->message);
        brink_buf_puts(out, "}");
        return;
    }
    if (q->kind == BRINK_Q_THRESHOLD) {
        brink_buf_puts(out, ",\"threshold\":");
        if (an->threshold)
            brink_threshold_write_json(an->threshold, sc, out, NULL);
        else
            brink_buf_puts(out, "null");
        brink_buf_puts(out, "}");
        return;
    }
    if (q->kind == BRINK_Q_SWEEP) {
        brink_buf_puts(out, ",\"parameters\":[");
        for (int d = 0; d < q->nparams; d++) {
            if (d)
                brink_buf_puts(out, ",");
            brink_json_string(out, brink_scenario_param(sc, q->param[d])->name);
        }
        brink_buf_puts(out, "],\"points\":[");
        for (int k = 0; k < an->npoints; k++) {
            brink_buf_puts(out, k ? ",{\"x\":[" : "{\"x\":[");
            for (int d = 0; d < q->nparams; d++) {
                if (d)
                    brink_buf_puts(out, ",");
                num(out, an->x[2 * k + d]);
            }
            brink_buf_printf(out, "],\"equilibria\":%d,", an->nequilibria[k]);
            str(out, "choice", an->choice[k]);
            brink_buf_puts(out, ",\"values\":{");
            for (int p = 0; p < g->nplayers; p++) {
                if (p)
                    brink_buf_puts(out, ",");
                key(out, brink_scenario_actor_id(sc, p));
                num(out, an->nequilibria[k] ? an->value[(size_t)k * (size_t)g->nplayers + (size_t)p]
                                            : NAN);
            }
            brink_buf_puts(out, "},\"outcomes\":{");
            for (int j = 0, first = 1; j < a->ngroups; j++) {
                double pr = an->group_prob[(size_t)k * (size_t)a->ngroups + (size_t)j];
                if (pr <= 1e-15)
                    continue;
                if (!first)
                    brink_buf_puts(out, ",");
                first = 0;
                key(out, a->group_text[j]);
                num(out, pr);
            }
            brink_buf_puts(out, "}}");
        }
        brink_buf_puts(out, "]}");
        return;
    }
    brink_buf_puts(out, ",");
    str(out, "decision", g->infoset_label[an->infoset]);
    brink_buf_puts(out, ",\"options\":{");
    for (int o = 0; o < an->nopts; o++) {
        if (o)
            brink_buf_puts(out, ",");
        key(out, an->opt_label[o]);
        brink_buf_puts(out, "{\"values\":{");
        for (int p = 0; p < g->nplayers; p++) {
            if (p)
                brink_buf_puts(out, ",");
            key(out, brink_scenario_actor_id(sc, p));
            num(out, an->opt_value[(size_t)o * (size_t)g->nplayers + (size_t)p]);
        }
        brink_buf_puts(out, "},\"outcomes\":{");
        for (int j = 0, first = 1; j < a->ngroups; j++) {
            double pr = an->opt_group[(size_t)o * (size_t)a->ngroups + (size_t)j];
            if (pr <= 1e-15)
                continue;
            if (!first)
                brink_buf_puts(out, ",");
            first = 0;
            key(out, a->group_text[j]);
            num(out, pr);
        }
        brink_buf_puts(out, "}}");
    }
    brink_buf_puts(out, "}}");
}

brink_status brink_analysis_write_json(const brink_analysis *a, brink_buf *out, brink_error *err)
{
    const brink_efg *g = a->game;
    brink_buf_puts(out, "{");
    scenario_part(a, out);
    brink_buf_printf(out, ",\"game\":{\"actors\":%d,\"nodes\":%d,\"decision_points\":%d,"
                          "\"perfect_information\":%s},",
                     g->nplayers, g->nnodes, g->player_infoset_start[g->nplayers],
                     g->perfect_info ? "true" : "false");
    brink_buf_puts(out, "\"method\":{");
    str(out, "name", a->method);
    brink_buf_puts(out, ",");
    str(out, "why", a->method_why);
    brink_buf_puts(out, ",");
    str(out, "guarantee", a->guarantee);
    brink_buf_printf(out, ",\"complete\":%s,\"found\":%d,\"rejected\":%d,\"seconds\":",
                     a->complete ? "true" : "false", a->nfound, a->nrejected);
    num(out, a->seconds);
    brink_buf_printf(out, "},\"unique\":%s,\"equilibria\":[",
                     a->count == 1 && a->complete ? "true" : "false");
    for (int e = 0; e < a->count; e++) {
        if (e)
            brink_buf_puts(out, ",");
        equilibrium(a, &a->eq[e], out);
    }
    brink_buf_puts(out, "],\"differ_at\":[");
    if (a->count > 1) {
        int n, first = 1;
        int *order = rep_infoset_order(g, &n);
        for (int k = 0; order && k < n; k++) {
            if (!rep_differs(g, a, order[k]))
                continue;
            char who[120];
            rep_who(a->sc, g, order[k], who, sizeof who);
            brink_buf_puts(out, first ? "{" : ",{");
            first = 0;
            str(out, "who", who);
            brink_buf_puts(out, ",");
            str(out, "decision", g->infoset_label[order[k]]);
            brink_buf_puts(out, "}");
        }
        free(order);
    }
    brink_buf_puts(out, "],\"answers\":[");
    for (int i = 0; i < a->nanswers; i++) {
        if (i)
            brink_buf_puts(out, ",");
        answer(a, &a->answers[i], out);
    }
    brink_buf_puts(out, "]}\n");
    if (out->failed)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory writing JSON");
    return BRINK_OK;
}
