/* json.c — an analysis as JSON for programs (brink analyze --json), documented by
 * schema/brink-analysis.schema.json. Same content as the text report as data: actors, types,
 * decisions, actions, nodes, issues, levels and outcome groups are referred to by their ids
 * (indices), with labels beside them; the words describing them are given once in the
 * "actors", "issues", "decisions" and "outcome_groups" tables. Numbers are doubles; exact
 * values are added as strings ("1/2") where the analysis has them.
 */
#include "analysis/compact_int.h"
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
        brink_buf_put_double(out, x);   /* a nonzero number stays nonzero, however small */
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

static void text_key(brink_buf *out, const char *k, const brink_buf *v)
{
    if (v->failed)
        out->failed = 1;
    key(out, k);
    brink_json_string(out, rep_text(v));
}

static void int_or_null(brink_buf *out, int x)
{
    if (x < 0)
        brink_buf_puts(out, "null");
    else
        brink_buf_printf(out, "%d", x);
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
        brink_buf_printf(out, "%s{\"id\":%d,", i ? "," : "", i);
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

/* The scenario's and the game's vocabulary: every id used below, with its labels. */
static void tables(const brink_analysis *a, brink_buf *out, brink_buf *w)
{
    const brink_scenario *sc = a->sc;
    const brink_efg *g = a->game;
    brink_buf_puts(out, ",\"actors\":[");
    for (int i = 0; i < brink_scenario_nactors(sc); i++) {
        brink_buf_printf(out, "%s{\"id\":%d,", i ? "," : "", i);
        str(out, "label", brink_scenario_actor_id(sc, i));
        brink_buf_puts(out, ",");
        str(out, "name", brink_scenario_actor_name(sc, i));
        brink_buf_puts(out, ",\"types\":[");
        for (int t = 0; t < brink_scenario_actor_ntypes(sc, i); t++) {
            if (t)
                brink_buf_puts(out, ",");
            brink_json_string(out, brink_scenario_type_name(sc, i, t));
        }
        brink_buf_puts(out, "]}");
    }
    brink_buf_puts(out, "],\"issues\":[");
    for (int k = 0; k < brink_scenario_nissues(sc); k++) {
        int nl = brink_scenario_issue_nlevels(sc, k);
        brink_buf_printf(out, "%s{\"id\":%d,", k ? "," : "", k);
        str(out, "label", brink_scenario_issue_name(sc, k));
        brink_buf_printf(out, ",\"numeric\":%s,\"levels\":[", nl ? "false" : "true");
        for (int l = 0; l < nl; l++) {
            if (l)
                brink_buf_puts(out, ",");
            brink_json_string(out, brink_scenario_issue_level(sc, k, l));
        }
        brink_buf_puts(out, "]}");
    }
    brink_buf_puts(out, "],\"decisions\":[");
    int n;
    int *order = rep_infoset_order(g, &n);
    if (!order)
        out->failed = 1;
    for (int k = 0; order && k < n; k++) {
        int h = order[k], a0 = g->infoset_action_start[h], p = g->infoset_player[h];
        brink_buf_printf(out, "%s{\"id\":%d,\"actor\":%d,\"type\":", k ? "," : "", h, p);
        int_or_null(out, brink_scenario_infoset_type(sc, h));
        brink_buf_puts(out, ",");
        str(out, "label", g->infoset_label[h]);
        brink_buf_reset(w);
        rep_who(w, sc, g, h);
        brink_buf_puts(out, ",");
        text_key(out, "who", w);
        brink_buf_puts(out, ",");
        str(out, "seen", brink_scenario_infoset_view(sc, h));
        brink_buf_puts(out, ",\"actions\":[");
        for (int x = 0; x < g->infoset_nactions[h]; x++) {
            if (x)
                brink_buf_puts(out, ",");
            brink_json_string(out, g->action_label[a0 + x]);
        }
        brink_buf_puts(out, "],\"nodes\":[");
        for (int x = 0; x < g->infoset_nmembers[h]; x++) {
            int v = g->infoset_member[g->infoset_member_start[h] + x];
            brink_buf_printf(out, "%s{\"id\":%d,\"types\":[", x ? "," : "", v);
            for (int i = 0; i < g->nplayers; i++) {   /* beliefs by type sum over these */
                if (i)
                    brink_buf_puts(out, ",");
                int_or_null(out, brink_scenario_node_type(sc, v, i));
            }
            brink_buf_puts(out, "],");
            brink_buf_reset(w);
            rep_hidden(w, sc, g, v);
            text_key(out, "hidden", w);
            brink_buf_puts(out, "}");
        }
        brink_buf_puts(out, "]}");
    }
    free(order);
    brink_buf_puts(out, "],\"outcome_groups\":[");
    int ni = brink_scenario_nissues(sc);
    for (int k = 0; k < a->ngroups; k++) {
        brink_buf_printf(out, "%s{\"id\":%d,\"levels\":[", k ? "," : "", k);
        for (int i = 0; i < ni; i++) {
            if (i)
                brink_buf_puts(out, ",");
            int_or_null(out, a->group_level[(size_t)k * (size_t)ni + (size_t)i]);
        }
        brink_buf_puts(out, "],");
        brink_buf_reset(w);
        rep_group(w, a, k);
        text_key(out, "label", w);
        brink_buf_puts(out, "}");
    }
    brink_buf_puts(out, "]");
}

/* Outcome probabilities by group id ({"group": k, "probability": p}), nonzero ones. */
static void group_probs(brink_buf *out, const double *prob, int ngroups)
{
    brink_buf_puts(out, "[");
    for (int k = 0, first = 1; k < ngroups; k++) {
        if (prob[k] <= 1e-15)
            continue;
        brink_buf_printf(out, "%s{\"group\":%d,\"probability\":", first ? "" : ",", k);
        num(out, prob[k]);
        brink_buf_puts(out, "}");
        first = 0;
    }
    brink_buf_puts(out, "]");
}

/* Expected values by actor id. */
static void actor_values(brink_buf *out, const double *v, const mpq_t *vq, int np)
{
    brink_buf_puts(out, "[");
    for (int i = 0; i < np; i++) {
        brink_buf_printf(out, "%s{\"actor\":%d,\"value\":", i ? "," : "", i);
        num(out, v[i]);
        if (vq) {
            brink_buf_puts(out, ",\"exact\":");
            qstr(out, vq[i]);
        }
        brink_buf_puts(out, "}");
    }
    brink_buf_puts(out, "]");
}

/* An exact count: a number while doubles hold it exactly (2^53), a decimal string beyond. */
static void count_json(brink_buf *out, const mpz_t *n)
{
    if (mpz_sizeinbase(*n, 2) <= 53) {
        rep_mpz(out, n);
        return;
    }
    brink_buf_puts(out, "\"");
    rep_mpz(out, n);
    brink_buf_puts(out, "\"");
}

static void equilibrium(const brink_analysis *a, const brink_equilibrium *eq, int path_group,
                        brink_buf *out)
{
    const brink_scenario *sc = a->sc;
    const brink_efg *g = a->game;
    brink_buf_printf(out, "{\"verified\":%s,\"sequential\":%s,\"sequentially_rational\":%s,",
                     eq->verified == 1 ? "true" : "false",
                     eq->sequential == BRINK_SEQ_PROVED ? "true" : "false",
                     eq->sequential ? "true" : "false");
    if (eq->sequential == BRINK_SEQ_WEAK ||
        (!eq->sequential && eq->why == BRINK_SEQ_WHY_LINKED)) {   /* (only then: new) */
        brink_buf_puts(out, "\"linked_sets\":[");
        for (int k = 0; k < 2; k++) {
            if (k)
                brink_buf_puts(out, ",");
            if (eq->link[k] < 0)
                brink_buf_puts(out, "null");
            else
                brink_buf_printf(out, "%d", eq->link[k]);
        }
        brink_buf_puts(out, "],");
    }
    if (!eq->sequential && eq->why)
        brink_buf_printf(out, "\"rejected_because\":\"%s\",",
                         eq->why == BRINK_SEQ_WHY_LINKED ? "linked_beliefs" : "no_belief");
    brink_buf_printf(out, "\"path_group\":%d,\"max_regret\":", path_group);
    num(out, eq->max_regret);
    if (eq->nprofiles) {   /* a play: the equilibria it stands for */
        brink_buf_puts(out, ",\"profiles\":");
        count_json(out, (const mpz_t *)eq->nprofiles);
    }
    if (eq->sequential_doubles && !eq->approximate)   /* (only then: the field is new) */
        brink_buf_puts(out, ",\"sequential_in_doubles\":true");
    if (eq->approximate && eq->verified != 1) {   /* (only then: the fields are new) */
        brink_buf_puts(out, ",\"approximate\":true,\"nashconv\":");
        num(out, eq->nashconv);
        if (eq->tolerance > 0) {
            brink_buf_puts(out, ",\"method_tolerance\":");
            num(out, eq->tolerance);
        }
    }
    brink_buf_puts(out, ",\"strategies\":[");
    int n;
    int *order = rep_infoset_order(g, &n);
    if (!order)
        out->failed = 1;
    for (int k = 0; order && k < n; k++) {
        int h = order[k], a0 = g->infoset_action_start[h];
        brink_buf_printf(out, "%s{\"decision\":%d,\"on_path\":%s,\"probabilities\":[",
                         k ? "," : "", h, eq->on_path[h] ? "true" : "false");
        for (int x = 0; x < g->infoset_nactions[h]; x++) {
            if (x)
                brink_buf_puts(out, ",");
            num(out, eq->behav[a0 + x]);
        }
        brink_buf_puts(out, "]");
        if (eq->behavq) {
            brink_buf_puts(out, ",\"exact\":[");
            for (int x = 0; x < g->infoset_nactions[h]; x++) {
                if (x)
                    brink_buf_puts(out, ",");
                qstr(out, eq->behavq[a0 + x]);
            }
            brink_buf_puts(out, "]");
        }
        if (eq->alt && g->infoset_player[h] >= 0) {   /* what the play's equilibria take */
            brink_buf_puts(out, ",\"alternatives\":[");
            for (int x = 0, first = 1; x < g->infoset_nactions[h]; x++)
                if (eq->alt[a0 + x] || (brink_equilibrium_choice_fixed(g, eq, h) &&
                                        eq->behav[a0 + x] > 0.5)) {
                    brink_buf_printf(out, "%s%d", first ? "" : ",", x);
                    first = 0;
                }
            brink_buf_puts(out, "]");
        }
        if (g->infoset_nmembers[h] > 1) {
            brink_buf_puts(out, ",\"beliefs\":[");
            for (int x = 0; x < g->infoset_nmembers[h]; x++) {
                int v = g->infoset_member[g->infoset_member_start[h] + x];
                brink_buf_printf(out, "%s{\"node\":%d,\"probability\":", x ? "," : "", v);
                num(out, rep_belief(g, eq, h, v));
                brink_buf_puts(out, "}");
            }
            brink_buf_puts(out, "]");
            if (eq->belief_fixed)
                brink_buf_printf(out, ",\"belief_fixed\":%s",
                                 eq->belief_fixed[h] ? "true" : "false");
        }
        brink_buf_puts(out, "}");
    }
    free(order);
    brink_buf_puts(out, "],\"outcomes\":");
    group_probs(out, eq->group_prob, a->ngroups);
    brink_buf_puts(out, ",\"values\":");
    actor_values(out, eq->value, (const mpq_t *)eq->valueq, g->nplayers);
    brink_buf_puts(out, ",\"type_values\":[");
    for (int i = 0, first = 1; i < g->nplayers; i++) {
        for (int t = 0; t < brink_scenario_actor_ntypes(sc, i); t++) {
            brink_buf_printf(out, "%s{\"actor\":%d,\"type\":%d,\"value\":", first ? "" : ",", i,
                             t);
            num(out, eq->type_value[brink_analysis_type_slot(sc, i, t)]);
            brink_buf_puts(out, "}");
            first = 0;
        }
    }
    brink_buf_puts(out, "],\"issue_means\":[");
    for (int k = 0, first = 1; k < brink_scenario_nissues(sc); k++) {
        if (brink_scenario_issue_nlevels(sc, k))
            continue;
        brink_buf_printf(out, "%s{\"issue\":%d,\"value\":", first ? "" : ",", k);
        num(out, eq->issue_mean[k]);
        brink_buf_puts(out, "}");
        first = 0;
    }
    brink_buf_puts(out, "]}");
}

/* The threshold engine's answer (its own section, replaced with the engine). */
static void threshold_answer(const brink_analysis *a, const brink_answer *an, brink_buf *out)
{
    brink_buf_puts(out, ",\"threshold\":");
    if (an->threshold)
        brink_threshold_write_json(an->threshold, a->sc, out, NULL);
    else
        brink_buf_puts(out, "null");
}

/* A watched choice as data: per equilibrium, per watched decision, probabilities by action
 * id; its words beside it. */
static void choice(const brink_analysis *a, const brink_answer *an, const brink_choice *c,
                   brink_buf *out, brink_buf *w)
{
    int width = an->watch_start[an->nwatch];
    brink_buf_puts(out, "{\"equilibria\":[");
    for (int e = 0; e < c->neq; e++) {
        brink_buf_puts(out, e ? ",[" : "[");
        for (int k = 0; k < an->nwatch; k++) {
            brink_buf_puts(out, k ? ",[" : "[");
            for (int j = an->watch_start[k]; j < an->watch_start[k + 1]; j++) {
                if (j > an->watch_start[k])
                    brink_buf_puts(out, ",");
                num(out, c->prob[(size_t)e * (size_t)width + (size_t)j]);
            }
            brink_buf_puts(out, "]");
        }
        brink_buf_puts(out, "]");
    }
    brink_buf_puts(out, "],");
    brink_buf_reset(w);
    rep_answer_choice(w, a, an, c, 1);
    text_key(out, "label", w);
    brink_buf_puts(out, "}");
}

/* n number pairs xy[2n] as [x,y],[x,y],... */
static void pairs(brink_buf *out, const double *xy, int n)
{
    for (int k = 0; k < n; k++) {
        brink_buf_puts(out, k ? ",[" : "[");
        num(out, xy[2 * k]);
        brink_buf_puts(out, ",");
        num(out, xy[2 * k + 1]);
        brink_buf_puts(out, "]");
    }
}

static void sweep_answer(const brink_analysis *a, const brink_answer *an, brink_buf *out,
                         brink_buf *w)
{
    const brink_question *q = an->q;
    int na = brink_scenario_nactors(a->sc);   /* a compact game has no tree (a->game) */
    int ni = brink_scenario_nissues(a->sc);
    brink_buf_puts(out, ",\"parameters\":[");
    for (int d = 0; d < q->nparams; d++)
        brink_buf_printf(out, "%s%d", d ? "," : "", q->param[d]);
    brink_buf_puts(out, "],\"parameter_labels\":[");
    for (int d = 0; d < q->nparams; d++) {
        if (d)
            brink_buf_puts(out, ",");
        brink_json_string(out, brink_scenario_param(a->sc, q->param[d])->name);
    }
    brink_buf_puts(out, "],\"watched\":[");
    for (int k = 0; k < an->nwatch; k++)
        brink_buf_printf(out, "%s%d", k ? "," : "", an->watch[k]);
    if (a->compact && an->nwatch == 1)   /* and its class in the compact game */
        brink_buf_printf(out, "],\"watched_class\":[%d", an->watch_class);
    brink_buf_puts(out, "],\"points\":[");
    for (int k = 0; k < an->npoints; k++) {
        brink_buf_puts(out, k ? ",{\"x\":[" : "{\"x\":[");
        for (int d = 0; d < q->nparams; d++) {
            if (d)
                brink_buf_puts(out, ",");
            num(out, an->x[2 * k + d]);
        }
        if (an->xq) {   /* exactly, as strings (beyond the doubles' range too) */
            brink_buf_puts(out, "],\"x_exact\":[");
            for (int d = 0; d < q->nparams; d++) {
                brink_buf_puts(out, d ? ",\"" : "\"");
                brink_buf_put_q(out, an->xq[2 * k + d]);
                brink_buf_puts(out, "\"");
            }
        }
        if (an->nequilibria[k] < 0) {   /* failed at this point: why, and where */
            const brink_point_failure *f = NULL;
            for (int j = 0; j < an->nfailed && !f; j++)
                if (an->failed[j].point == k)
                    f = &an->failed[j];
            brink_buf_puts(out, "],\"equilibria\":null,\"error\":{\"message\":");
            brink_json_string(out, f ? f->message : "failed");
            if (f && f->line > 0)
                brink_buf_printf(out, ",\"line\":%d,\"column\":%d", f->line,
                                 f->column > 0 ? f->column : 1);
            brink_buf_puts(out, "}}");
            continue;
        }
        brink_buf_printf(out, "],\"equilibria\":%d", an->nequilibria[k]);
        if (an->by_play && an->by_play[k]) {   /* one per play: the profiles, counted */
            brink_buf_puts(out, ",\"by_play\":true,\"profiles\":");
            count_json(out, (const mpz_t *)&an->profiles[k]);
            brink_buf_printf(out, ",\"profiles_at_least\":%s",
                             an->profiles_at_least[k] ? "true" : "false");
        }
        if (an->first_only && an->first_only[k])   /* a compact game's tie (first kept) */
            brink_buf_puts(out, ",\"others_ruled_out\":false");
        if (q->watch) {
            brink_buf_puts(out, ",\"choice\":");
            choice(a, an, &an->choice[k], out, w);
        }
        if (an->nequilibria[k] > 0) {   /* of the first equilibrium */
            brink_buf_puts(out, ",\"values\":");
            actor_values(out, an->value + (size_t)k * (size_t)na, NULL, na);
            brink_buf_puts(out, ",\"outcomes\":");
            group_probs(out, an->group_prob + (size_t)k * (size_t)an->ngroups, an->ngroups);
            brink_buf_puts(out, ",\"issue_means\":[");
            for (int i = 0, first = 1; i < ni; i++) {
                if (brink_scenario_issue_nlevels(a->sc, i))
                    continue;
                brink_buf_printf(out, "%s{\"issue\":%d,\"value\":", first ? "" : ",", i);
                num(out, an->issue_mean[(size_t)k * (size_t)ni + (size_t)i]);
                brink_buf_puts(out, "}");
                first = 0;
            }
            brink_buf_puts(out, "]");
        }
        brink_buf_puts(out, "}");
    }
    brink_buf_puts(out, "]");
    if (an->threshold) {
        brink_buf_puts(out, ",\"threshold\":");
        brink_threshold_write_json(an->threshold, a->sc, out, NULL);
    }
    if (an->nlines) {
        brink_buf_puts(out, ",\"lines\":[");
        for (int k = 0; k < an->nlines; k++) {
            brink_buf_puts(out, k ? ",{\"x\":" : "{\"x\":");
            num(out, an->line_x[k]);
            brink_buf_puts(out, ",\"x_exact\":\"");
            brink_buf_put_q(out, an->line_q[k]);
            brink_buf_puts(out, "\",\"threshold\":");
            if (an->lines[k])
                brink_threshold_write_json(an->lines[k], a->sc, out, NULL);
            else
                brink_buf_puts(out, "null");
            brink_buf_puts(out, "}");
        }
        brink_buf_puts(out, "]");
        /* the region map: polygons over the lines (analysis.h, brink_map_polygon) */
        brink_buf_puts(out, ",\"map\":{\"band\":");
        num(out, an->map_band);
        brink_buf_puts(out, ",\"polygons\":[");
        for (int k = 0; k < an->npolygons; k++) {
            const brink_map_polygon *p = &an->polygons[k];
            brink_buf_printf(out, "%s{\"line\":%d,\"region\":%d,\"exact\":%s,\"vertices\":[",
                             k ? "," : "", p->line, p->region, p->exact ? "true" : "false");
            pairs(out, p->xy, p->nv);
            brink_buf_puts(out, "]");
            if (p->exact) {   /* the same vertices as exact rationals "p/q" */
                brink_buf_puts(out, ",\"vertices_exact\":[");
                for (int v = 0; v < p->nv; v++) {
                    brink_buf_puts(out, v ? ",[\"" : "[\"");
                    brink_buf_put_q(out, p->xyq[2 * v]);
                    brink_buf_puts(out, "\",\"");
                    brink_buf_put_q(out, p->xyq[2 * v + 1]);
                    brink_buf_puts(out, "\"]");
                }
                brink_buf_puts(out, "]");
            }
            brink_buf_puts(out, "}");
        }
        brink_buf_puts(out, "],\"unresolved\":[");
        pairs(out, an->unresolved, an->nunresolved);
        /* what holds strictly between the lines: regions not seen on any line are ruled out
         * only when every polygon is proved exact; other equilibria never are */
        int all_exact = an->npolygons > 0;
        for (int k = 0; k < an->npolygons; k++)
            all_exact &= an->polygons[k].exact != 0;
        brink_buf_printf(out, "],\"hidden_regions_ruled_out\":%s,"
                              "\"other_equilibria_ruled_out\":false}",
                         all_exact ? "true" : "false");
    }
}

/* The same on a compact game (compare_compact.c): the tree's number of the decision point
 * (null past 2^31) and its class; the options' labels from the class. */
static void compare_answer_compact(const brink_analysis *a, const brink_answer *an,
                                   brink_buf *out)
{
    const sc_compact *k = a->sc->compact;
    int h = an->watch_class, np = k->np;
    brink_buf_puts(out, ",\"decision\":");
    int_or_null(out, an->infoset >= 0 ? an->infoset : -1);
    brink_buf_printf(out, ",\"decision_class\":%d,\"options\":[", h);
    for (int o = 0; o < an->nopts; o++) {
        brink_buf_printf(out, "%s{\"action\":%d,", o ? "," : "", o);
        str(out, "label", k->node[h]->opt_labels[o]);
        brink_buf_puts(out, ",\"values\":");
        actor_values(out, an->opt_value + (size_t)o * (size_t)np, NULL, np);
        brink_buf_puts(out, ",\"outcomes\":");
        group_probs(out, an->opt_group + (size_t)o * (size_t)an->ngroups, an->ngroups);
        brink_buf_printf(out, ",\"equilibria_differ\":%s", an->opt_differ[o] ? "true" : "false");
        if (an->opt_differ[o]) {
            brink_buf_puts(out, ",\"values_lo\":");
            actor_values(out, an->opt_value_lo + (size_t)o * (size_t)np, NULL, np);
            brink_buf_puts(out, ",\"values_hi\":");
            actor_values(out, an->opt_value_hi + (size_t)o * (size_t)np, NULL, np);
            /* over the pure subgame-perfect equilibria (every one unless capped), never the
             * mixed ones */
            brink_buf_printf(out, ",\"ranges_over_every_equilibrium\":false,"
                                  "\"ranges_over_every_pure_equilibrium\":%s",
                             an->opt_pure_capped ? "false" : "true");
        }
        if (!an->opt_alike[o])
            brink_buf_puts(out, ",\"continues_alike\":false");
        brink_buf_puts(out, "}");
    }
    brink_buf_puts(out, "]");
}

static void compare_answer(const brink_analysis *a, const brink_answer *an, brink_buf *out)
{
    const brink_efg *g = a->game;
    if (a->compact) {
        compare_answer_compact(a, an, out);
        return;
    }
    brink_buf_printf(out, ",\"decision\":%d,\"options\":[", an->infoset);
    for (int o = 0; o < an->nopts; o++) {
        brink_buf_printf(out, "%s{\"action\":%d,", o ? "," : "", o);
        str(out, "label", g->action_label[g->infoset_action_start[an->infoset] + o]);
        brink_buf_puts(out, ",\"values\":");
        actor_values(out, an->opt_value + (size_t)o * (size_t)g->nplayers, NULL, g->nplayers);
        brink_buf_puts(out, ",\"outcomes\":");
        group_probs(out, an->opt_group + (size_t)o * (size_t)a->ngroups, a->ngroups);
        brink_buf_printf(out, ",\"equilibria_differ\":%s",
                         an->opt_differ && an->opt_differ[o] ? "true" : "false");
        if (an->opt_differ && an->opt_differ[o]) {
            brink_buf_puts(out, ",\"values_lo\":");
            actor_values(out, an->opt_value_lo + (size_t)o * (size_t)g->nplayers, NULL,
                         g->nplayers);
            brink_buf_puts(out, ",\"values_hi\":");
            actor_values(out, an->opt_value_hi + (size_t)o * (size_t)g->nplayers, NULL,
                         g->nplayers);
            /* over the equilibria listed (method.coverage), never proved to be over every
             * equilibrium: mixed ones the search does not list may lie outside (N5) */
            brink_buf_puts(out, ",\"ranges_over_every_equilibrium\":false");
        }
        int h = an->infoset, fixed = 1;   /* as the text says (text.c, compare_answer) */
        for (int x = 0; x < g->infoset_nmembers[h] && a->count; x++)
            fixed &= brink_equilibrium_continuation_fixed(
                g, &a->eq[0], brink_efg_child(g, g->infoset_member[g->infoset_member_start[h] + x], o));
        if (!fixed)
            brink_buf_puts(out, ",\"continues_alike\":false");
        brink_buf_puts(out, "}");
    }
    brink_buf_puts(out, "]");
}

static void answer(const brink_analysis *a, const brink_answer *an, brink_buf *out,
                   brink_buf *w)
{
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
        if (an->line > 0)   /* where the cause lies in the scenario file */
            brink_buf_printf(out, ",\"error_line\":%d,\"error_column\":%d", an->line,
                             an->column > 0 ? an->column : 1);
    } else if (q->kind == BRINK_Q_THRESHOLD) {
        threshold_answer(a, an, out);
    } else if (q->kind == BRINK_Q_SWEEP) {
        sweep_answer(a, an, out, w);
    } else {
        compare_answer(a, an, out);
    }
    brink_buf_puts(out, "}");
}

static void method(const brink_analysis *a, brink_buf *out, brink_buf *w)
{
    const brink_method_used *m = &a->method;
    brink_buf_puts(out, "\"method\":{");
    brink_buf_reset(w);
    rep_method_name(w, m);
    text_key(out, "name", w);
    brink_buf_puts(out, ",\"plan\":");
    int_or_null(out, m->plan);
    brink_buf_puts(out, ",\"solvers\":[");
    int complete = 0;
    for (int k = 0; k < m->nsolvers; k++) {
        brink_buf_puts(out, k ? ",{" : "{");
        str(out, "name", m->solver[k]->name);
        brink_buf_printf(out, ",\"flags\":%u,\"complete\":%s,", m->solver[k]->flags,
                         m->complete[k] ? "true" : "false");
        str(out, "guarantee", m->solver[k]->guarantee);
        brink_buf_puts(out, "}");
        complete |= m->complete[k];
    }
    brink_buf_printf(out, "],\"postponed\":%ld,\"changes\":[", m->postponed);
    for (int k = 0; k < m->nchanges; k++) {
        const brink_method_change *c = &m->change[k];
        brink_buf_puts(out, k ? ",{" : "{");
        str(out, "solver", c->solver->name);
        brink_buf_printf(out, ",\"status\":%d,\"cells\":", (int)c->status);
        num(out, c->cells);
        brink_buf_puts(out, ",\"limit\":");
        num(out, c->limit);
        brink_buf_puts(out, ",");
        brink_buf_reset(w);
        rep_method_change(w, c);
        text_key(out, "reason", w);
        brink_buf_puts(out, "}");
    }
    brink_buf_puts(out, "],");
    brink_buf_reset(w);
    rep_method_why(w, m);
    text_key(out, "why", w);
    brink_buf_puts(out, ",");
    brink_buf_reset(w);
    rep_coverage(w, m);
    text_key(out, "coverage", w);
    brink_buf_printf(out, ",\"complete\":%s,\"refined\":%s,\"found\":%d,\"rejected\":%d,"
                          "\"truncated\":%s,\"seconds\":",
                     complete ? "true" : "false", m->refined ? "true" : "false", a->nfound,
                     a->nrejected, a->truncated ? "true" : "false");
    num(out, a->seconds);
    if (a->nanswers) {   /* the questions' time, apart from the solve's */
        brink_buf_puts(out, ",\"questions_seconds\":");
        num(out, a->questions_seconds);
    }
    if (a->nshort)   /* (only then: the field is new) */
        brink_buf_printf(out, ",\"short_of_tolerance\":%d", a->nshort);
    if (a->profiles) {   /* plays listed, profiles counted */
        brink_buf_puts(out, ",\"by_play\":true,\"profiles\":");
        count_json(out, (const mpz_t *)a->profiles);
        brink_buf_printf(out, ",\"profiles_at_least\":%s",
                         brink_analysis_counts_at_least(a) ? "true" : "false");
    }
    brink_buf_puts(out, "}");
}

/* The forecast as brink forecast --json writes it (schema/brink-forecast.schema.json), one
 * member of this document: its closing newline is dropped. */
static void forecast(const brink_analysis *a, brink_buf *out, brink_buf *w)
{
    brink_buf_reset(w);
    brink_forecast_write_json(brink_scenario_forecast(a->sc), &a->forecast_options, a->forecast,
                              NULL, w);
    size_t n = w->data ? w->len : 0;
    while (n > 0 && w->data[n - 1] == '\n')
        n--;
    brink_buf_puts(out, ",\"forecast\":");
    brink_buf_append(out, w->data ? w->data : "", n);
    if (w->failed)
        out->failed = 1;
}

brink_status brink_analysis_write_json(const brink_analysis *a, brink_buf *out, brink_error *err)
{
    const brink_efg *g = a->game;
    brink_buf w;   /* words made beside the data */
    brink_buf_init(&w);
    brink_buf_puts(out, "{");
    scenario_part(a, out);
    if (a->compact) {   /* solved on the compact game (src/report/compact.c) */
        brink_status st = an_compact_write_json(a, out, err);
        if (!st) {
            brink_buf_puts(out, ",\"answers\":[");
            for (int i = 0; i < a->nanswers; i++) {
                if (i)
                    brink_buf_puts(out, ",");
                answer(a, &a->answers[i], out, &w);
            }
            brink_buf_puts(out, "]");
        }
        if (!st && a->forecast)
            forecast(a, out, &w);
        brink_buf_puts(out, "}\n");
        brink_buf_free(&w);
        if (!st && out->failed)
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory writing JSON");
        return st;
    }
    tables(a, out, &w);
    brink_buf_printf(out, ",\"game\":{\"actors\":%d,\"nodes\":%d,\"decision_points\":%d,"
                          "\"perfect_information\":%s},",
                     g->nplayers, g->nnodes, g->player_infoset_start[g->nplayers],
                     g->perfect_info ? "true" : "false");
    method(a, out, &w);
    brink_buf_printf(out, ",\"unique\":%s,\"path_groups\":%d,\"equilibria\":[",
                     a->unique ? "true" : "false",
                     a->path_group ? a->npath_groups : a->count);
    for (int e = 0; e < a->count; e++) {
        if (e)
            brink_buf_puts(out, ",");
        equilibrium(a, &a->eq[e], a->path_group ? a->path_group[e] : e, out);
    }
    brink_buf_puts(out, "],\"differ_at\":[");
    if (a->count > 1) {
        int n, first = 1;
        int *order = rep_infoset_order(g, &n);
        if (!order)
            out->failed = 1;
        for (int k = 0; order && k < n; k++) {
            if (!rep_differs(g, a, order[k]))
                continue;
            brink_buf_printf(out, "%s%d", first ? "" : ",", order[k]);
            first = 0;
        }
        free(order);
    }
    brink_buf_puts(out, "],\"answers\":[");
    for (int i = 0; i < a->nanswers; i++) {
        if (i)
            brink_buf_puts(out, ",");
        answer(a, &a->answers[i], out, &w);
    }
    brink_buf_puts(out, "]");
    if (a->forecast)
        forecast(a, out, &w);
    brink_buf_puts(out, "}\n");
    /* a failed word buffer fails the report (reset clears the flag, so check as we go) */
    if (w.failed)
        out->failed = 1;
    brink_buf_free(&w);
    if (out->failed)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory writing JSON");
    return BRINK_OK;
}
