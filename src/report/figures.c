/* figures.c — the figures of a report as Vega-Lite v5 specifications, data inline: outcome
 * probabilities per equilibrium (bars), each threshold question's watched mover with the
 * expected value of each of its options against the parameter (lines through the certified
 * profiles of the regions, flips as rules at their exact values), one-parameter sweeps
 * (expected values and outcome probabilities), two-parameter sweeps (the watched choice as a
 * map). Every number is evaluated from the analysis' data; words come from describe.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "brink/io.h"
#include "brink/report.h"
#include "brink/threshold.h"
#include "report/describe.h"

/* Okabe–Ito, as in tree.c: the colour scale of every categorical figure. */
#define PALETTE "[\"#0072B2\",\"#D55E00\",\"#009E73\",\"#CC79A7\",\"#E69F00\",\"#56B4E9\",\"#F0E442\",\"#000000\"]"

static void num(brink_buf *out, double x)
{
    if (!isfinite(x))
        brink_buf_puts(out, "null");
    else
        brink_buf_printf(out, "%.10g", x);   /* never 0 for a nonzero number */
}

static void jtext(brink_buf *out, const brink_buf *t)
{
    if (t->failed)
        out->failed = 1;
    brink_json_string(out, rep_text(t));
}

/* Exact value in words: "1/2" or "1.4142135624 (a root of a degree-2 polynomial)". */
static void real_words(brink_buf *b, const brink_real *r)
{
    if (r->rational)
        brink_buf_put_q(b, r->q);
    else
        brink_buf_printf(b, "%.12g (irrational: the root of a degree-%d integer polynomial; "
                            "exact form in analyze --json)", r->approx, r->degree);
}

static const brink_answer *answer_of(const brink_analysis *a, const brink_figure *f)
{
    return f->answer >= 0 && f->answer < a->nanswers ? &a->answers[f->answer] : NULL;
}

brink_figure *brink_report_figures(const brink_analysis *a, int *n, brink_error *err)
{
    int cap = 1;
    for (int i = 0; i < a->nanswers; i++) {
        const brink_answer *an = &a->answers[i];
        cap += 2 + (an->threshold ? an->threshold->nwatch : 0);
    }
    brink_figure *f = calloc((size_t)cap, sizeof *f);
    if (!f) {
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return NULL;
    }
    int k = 0;
    if (a->count > 0 && a->ngroups > 0)
        f[k++] = (brink_figure){BRINK_FIG_OUTCOMES, -1, -1};
    for (int i = 0; i < a->nanswers; i++) {
        const brink_answer *an = &a->answers[i];
        if (an->status != BRINK_OK)
            continue;
        if (an->threshold)
            for (int w = 0; w < an->threshold->nwatch; w++)
                f[k++] = (brink_figure){BRINK_FIG_THRESHOLD, i, w};
        if (an->q->kind == BRINK_Q_SWEEP && an->npoints > 0)
            f[k++] = (brink_figure){an->q->nparams == 2 ? BRINK_FIG_MAP : BRINK_FIG_SWEEP, i, -1};
    }
    *n = k;
    return f;
}

static const char *param_name(const brink_analysis *a, int p)
{
    return brink_scenario_param(a->sc, p)->name;
}

brink_status brink_report_figure_title(const brink_analysis *a, const brink_figure *f,
                                       brink_buf *out, brink_error *err)
{
    const brink_answer *an = answer_of(a, f);
    if (f->kind != BRINK_FIG_OUTCOMES && !an)
        return brink_error_set(err, BRINK_EINVALID, "no answer %d", f->answer);
    switch (f->kind) {
    case BRINK_FIG_OUTCOMES:
        brink_buf_puts(out, "Outcome probabilities");
        break;
    case BRINK_FIG_THRESHOLD: {
        const brink_threshold *t = an->threshold;
        if (!t || f->watch < 0 || f->watch >= t->nwatch)
            return brink_error_set(err, BRINK_EINVALID, "no watched decision %d", f->watch);
        rep_who(out, a->sc, a->game, t->watch[f->watch]);
        brink_buf_puts(out, "'s options ");
        rep_when(out, a->sc, t->watch[f->watch]);
        brink_buf_printf(out, ", against %s", param_name(a, t->param));
        break;
    }
    case BRINK_FIG_SWEEP:
        brink_buf_printf(out, "Sweep %s over %s", an->q->id, param_name(a, an->q->param[0]));
        break;
    case BRINK_FIG_MAP:
        brink_buf_printf(out, "Sweep %s: the watched choice over %s and %s", an->q->id,
                         param_name(a, an->q->param[0]), param_name(a, an->q->param[1]));
        break;
    }
    return out->failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory") : BRINK_OK;
}

/* The spec's opening: the page's width for single views (fit-x: the height stays as each
 * figure sets it), a fixed width for faceted ones (Vega-Lite cannot fit those). */
static void spec_head(brink_buf *out, const brink_buf *title, int faceted)
{
    brink_buf_puts(out, "{\"$schema\":\"https://vega.github.io/schema/vega-lite/v5.json\",");
    if (!faceted)
        brink_buf_puts(out, "\"width\":\"container\",\"autosize\":{\"type\":\"fit-x\","
                            "\"contains\":\"padding\"},");
    brink_buf_puts(out, "\"title\":");
    jtext(out, title);
    brink_buf_puts(out, ",\"config\":{\"range\":{\"category\":" PALETTE "}},");
}

static void outcomes_spec(const brink_analysis *a, brink_buf *out, brink_buf *t)
{
    /* a fixed height (a "step" height would fight the page-wide width) */
    brink_buf_printf(out, "\"height\":%d,\"data\":{\"values\":[",
                     40 + 16 * a->ngroups * (a->count < 4 ? a->count : 4));
    int first = 1;
    for (int e = 0; e < a->count; e++)
        for (int k = 0; k < a->ngroups; k++) {
            double p = a->eq[e].group_prob[k];
            brink_buf_printf(out, "%s{\"equilibrium\":\"equilibrium %d\",\"outcome\":",
                             first ? "" : ",", e + 1);
            rep_group(t, a, k);
            jtext(out, t);
            brink_buf_reset(t);
            brink_buf_puts(out, ",\"p\":");
            num(out, p);
            brink_buf_puts(out, ",\"label\":");
            rep_pct(t, p);
            jtext(out, t);
            brink_buf_reset(t);
            brink_buf_puts(out, "}");
            first = 0;
        }
    brink_buf_puts(out, "]},\"mark\":{\"type\":\"bar\",\"tooltip\":true},\"encoding\":{"
                        "\"y\":{\"field\":\"outcome\",\"type\":\"nominal\",\"title\":null,"
                        "\"axis\":{\"labelLimit\":360}},"
                        "\"yOffset\":{\"field\":\"equilibrium\"},"
                        "\"x\":{\"field\":\"p\",\"type\":\"quantitative\",\"title\":\"probability\","
                        "\"scale\":{\"domain\":[0,1]},\"axis\":{\"format\":\"%\"}},"
                        "\"color\":{\"field\":\"equilibrium\",\"type\":\"nominal\"},"
                        "\"tooltip\":[{\"field\":\"equilibrium\"},{\"field\":\"outcome\"},"
                        "{\"field\":\"label\",\"title\":\"probability\"},"
                        "{\"field\":\"p\",\"title\":\"value\",\"format\":\".17g\"}]}}");
}

/* Expected value for `player` of each action of infoset h under profile behq at the bound
 * game g, given beliefs beliefq over h's members: ev[k] for h's k-th action. */
static int option_values(const brink_efg *g, int h, int player, const mpq_t *behq,
                         const mpq_t *beliefq, double *node_val, double *ev)
{
    for (int u = g->nnodes - 1; u >= 0; u--) {
        if (g->node_infoset[u] < 0) {
            node_val[u] = g->leaf_pay[(size_t)g->node_leaf[u] * (size_t)g->nplayers + (size_t)player];
            continue;
        }
        double s = 0;
        for (int c = 0; c < g->infoset_nactions[g->node_infoset[u]]; c++) {
            int w = g->node_children[g->node_child_start[u] + c];
            s += brink_q_get_d(behq[g->node_action[w]]) * node_val[w];
        }
        node_val[u] = s;
    }
    double total = 0;
    for (int m = 0; m < g->infoset_nmembers[h]; m++)
        total += brink_q_get_d(beliefq[g->infoset_member[g->infoset_member_start[h] + m]]);
    if (!(total > 0))
        return 0;
    for (int c = 0; c < g->infoset_nactions[h]; c++) {
        double s = 0;
        for (int m = 0; m < g->infoset_nmembers[h]; m++) {
            int v = g->infoset_member[g->infoset_member_start[h] + m];
            int w = g->node_children[g->node_child_start[v] + c];
            s += brink_q_get_d(beliefq[v]) * node_val[w];
        }
        ev[c] = s / total;
    }
    return 1;
}

static const char *unknown_words(brink_unknown_reason r)
{
    switch (r) {
    case BRINK_UNKNOWN_NONRATIONAL: return "an expression is not rational in the parameter";
    case BRINK_UNKNOWN_NONLINEAR: return "mixed equilibria with non-linear indifference";
    case BRINK_UNKNOWN_NO_EQUILIBRIUM: return "the method found no equilibrium";
    case BRINK_UNKNOWN_SOLVE_FAILED: return "the method failed";
    case BRINK_UNKNOWN_NOT_EXACT: return "not certified exactly";
    case BRINK_UNKNOWN_IRRATIONAL_POINT: return "a single irrational point";
    case BRINK_UNKNOWN_BUDGET: return "the solve budget ran out";
    case BRINK_UNKNOWN_DEGENERATE: return "ties that move with the parameter";
    case BRINK_UNKNOWN_GAVE_UP: return "given up after failed samples";
    case BRINK_UNKNOWN_TIME_LIMIT: return "time limit";
    case BRINK_UNKNOWN_CONVERGING: return "regions shrinking toward a limit";
    default: return "not certified";
    }
}

static brink_status threshold_spec(const brink_analysis *a, const brink_figure *f, int samples,
                                   brink_buf *out, brink_buf *t, brink_error *err)
{
    const brink_threshold *th = a->answers[f->answer].threshold;
    const brink_scenario *sc = a->sc;
    int h = th->watch[f->watch];
    int player = a->game->infoset_player[h];
    int np = brink_scenario_nparams(sc);
    brink_scenario_instance *in = brink_scenario_instance_new(sc, err);
    if (!in)
        return err ? err->code : BRINK_ENOMEM;
    const brink_efg *g = brink_scenario_instance_game(in);
    mpq_t *values = brink_q_array_new((size_t)np + 1);
    mpq_t *behq = brink_q_array_new((size_t)g->nactions + 1);
    mpq_t *beliefq = brink_q_array_new((size_t)g->nnodes + 1);
    double *node_val = malloc(((size_t)g->nnodes + 1) * sizeof *node_val);
    double *ev = malloc(((size_t)g->infoset_nactions[h] + 1) * sizeof *ev);
    brink_status st = BRINK_OK;
    if (!values || !behq || !beliefq || !node_val || !ev) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    brink_scenario_defaults(sc, values);
    brink_buf_printf(out, "\"height\":260,\"layer\":[");
    /* unknown regions: grey bands, and a single point a grey rule (a band of zero width is
     * invisible); a layer only when there are some: an empty one has no extent */
    int first = 1;
    for (int pass = 0; pass < 2; pass++) {   /* 0: intervals, 1: single points */
        int nunknown = 0;
        for (int r = 0; r < th->nregions; r++)
            nunknown += th->regions[r].status == BRINK_REGION_UNKNOWN &&
                        !th->regions[r].point == !pass;
        if (!nunknown)
            continue;
        brink_buf_puts(out, "{\"data\":{\"values\":[");
        first = 1;
        for (int r = 0; r < th->nregions; r++) {
            const brink_region *rg = &th->regions[r];
            if (rg->status != BRINK_REGION_UNKNOWN || !rg->point != !pass)
                continue;
            brink_buf_printf(out, "%s{\"from\":", first ? "" : ",");
            num(out, rg->lo.approx);
            brink_buf_puts(out, ",\"to\":");
            num(out, rg->hi.approx);
            brink_buf_puts(out, ",\"why\":");
            brink_json_string(out, unknown_words(rg->reason));
            brink_buf_puts(out, "}");
            first = 0;
        }
        if (pass == 0)
            brink_buf_puts(out, "]},\"mark\":{\"type\":\"rect\",\"color\":\"#9a9a9a\","
                                "\"opacity\":0.25,\"tooltip\":true},\"encoding\":{\"x\":{"
                                "\"field\":\"from\",\"type\":\"quantitative\"},\"x2\":{\"field\":"
                                "\"to\"},\"tooltip\":[{\"field\":\"why\",\"title\":\"not "
                                "certified\"}]}},");
        else
            brink_buf_puts(out, "]},\"mark\":{\"type\":\"rule\",\"color\":\"#9a9a9a\","
                                "\"strokeWidth\":6,\"opacity\":0.5,\"tooltip\":true},"
                                "\"encoding\":{\"x\":{\"field\":\"from\",\"type\":"
                                "\"quantitative\"},\"tooltip\":[{\"field\":\"from\",\"title\":"
                                "\"at\",\"format\":\".10g\"},{\"field\":\"why\",\"title\":"
                                "\"not certified\"}]}},");
    }
    /* the options' expected values through each certified region */
    brink_buf_puts(out, "{\"data\":{\"values\":[");
    first = 1;
    mpq_t x;
    mpq_init(x);
    for (int r = 0; r < th->nregions && !st; r++) {
        const brink_region *rg = &th->regions[r];
        if (rg->status != BRINK_REGION_CERTIFIED || rg->ncertified < 1)
            continue;
        int n = rg->point ? 0 : samples;
        for (int j = 0; j <= n && !st; j++) {
            double xd = n ? rg->lo.approx + (rg->hi.approx - rg->lo.approx) * j / n
                          : rg->lo.approx;
            if (!isfinite(xd))
                continue;
            if (j == 0 && rg->lo.rational)
                mpq_set(x, rg->lo.q);
            else if (j == n && rg->hi.rational)
                mpq_set(x, rg->hi.q);
            else
                mpq_set_d(x, xd);
            if (!brink_threshold_covers(th, r, 0, x))
                continue;
            brink_error local;
            brink_error_clear(&local);
            mpq_set(values[th->param], x);
            if (brink_threshold_profile(th, r, 0, x, behq, beliefq, &local) != BRINK_OK ||
                brink_scenario_bind_q(in, (const mpq_t *)values, &local) != BRINK_OK) {
                if (local.code == BRINK_ENOMEM)
                    st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
                continue;
            }
            if (!option_values(g, h, player, (const mpq_t *)behq, (const mpq_t *)beliefq,
                               node_val, ev))
                continue;
            for (int c = 0; c < g->infoset_nactions[h]; c++) {
                int act = g->infoset_action_start[h] + c;
                brink_buf_printf(out, "%s{\"x\":", first ? "" : ",");
                num(out, brink_q_get_d(x));
                brink_buf_printf(out, ",\"region\":%d,\"option\":", r);
                rep_words(t, g->action_label[act]);
                jtext(out, t);
                brink_buf_reset(t);
                brink_buf_puts(out, ",\"value\":");
                num(out, ev[c]);
                brink_buf_printf(out, ",\"played\":%s}",
                                 mpq_sgn(behq[act]) > 0 ? "\"played\"" : "\"not played\"");
                first = 0;
            }
        }
    }
    mpq_clear(x);
    brink_buf_printf(out, "]},\"mark\":{\"type\":\"line\",\"point\":{\"size\":40,\"opacity\":0},\"tooltip\":true},"
                          "\"encoding\":{\"x\":{\"field\":\"x\",\"type\":\"quantitative\","
                          "\"title\":");
    brink_json_string(out, param_name(a, th->param));
    brink_buf_puts(out, ",\"scale\":{\"zero\":false}},\"y\":{\"field\":\"value\",\"type\":"
                        "\"quantitative\",\"title\":");
    brink_buf_puts(t, "expected value for ");
    rep_who(t, sc, a->game, h);
    jtext(out, t);
    brink_buf_reset(t);
    brink_buf_puts(out, ",\"scale\":{\"zero\":false}},\"color\":{\"field\":\"option\",\"type\":"
                        "\"nominal\"},\"detail\":{\"field\":\"region\"},"
                        "\"strokeDash\":{\"field\":\"played\",\"type\":\"nominal\",\"legend\":null,"
                        "\"scale\":{\"domain\":[\"played\",\"not played\"],\"range\":[[1,0],[4,3]]}},"
                        "\"tooltip\":[{\"field\":\"option\"},{\"field\":\"x\",\"format\":\".10g\"},"
                        "{\"field\":\"value\",\"title\":\"expected value\",\"format\":\".10g\"},"
                        "{\"field\":\"played\"}]}}");
    /* flips at their exact values (a layer only when there are some) */
    if (th->nflips)
        brink_buf_puts(out, ",{\"data\":{\"values\":[");
    for (int i = 0; i < th->nflips; i++) {
        const brink_threshold_flip *fl = &th->flips[i];
        brink_buf_printf(out, "%s{\"at\":", i ? "," : "");
        num(out, fl->at.approx);
        brink_buf_puts(out, ",\"exact\":");
        real_words(t, &fl->at);
        jtext(out, t);
        brink_buf_reset(t);
        /* "certified" is the watched mover's indifference at the value; whether that is a
         * flip of every equilibrium or only of those found is said apart (the text's "it
         * flips" / "the equilibria found change") */
        brink_buf_printf(out, ",\"certified\":%s,\"change\":%s}",
                         fl->certified ? "\"yes\"" : "\"no\"",
                         brink_threshold_flip_known(th, i)
                             ? "\"flip of every equilibrium\""
                             : "\"the equilibria found change (others not ruled out)\"");
    }
    if (th->nflips)
        brink_buf_puts(out, "]},\"mark\":{\"type\":\"rule\",\"color\":\"#7f7f7f\",\"strokeWidth\":2,"
                            "\"strokeDash\":[6,3],\"tooltip\":true},\"encoding\":{\"x\":{\"field\":"
                            "\"at\",\"type\":\"quantitative\"},\"tooltip\":[{\"field\":\"exact\","
                            "\"title\":\"at (exact)\"},{\"field\":\"change\"},{\"field\":\"certified\","
                            "\"title\":\"indifference certified\"}]}}");
    brink_buf_puts(out, "]}");
out:
    free(ev);
    free(node_val);
    brink_q_array_free(beliefq, (size_t)g->nnodes + 1);
    brink_q_array_free(behq, (size_t)g->nactions + 1);
    brink_q_array_free(values, (size_t)np + 1);
    brink_scenario_instance_free(in);
    return st;
}

#define SWEEP_ONE "one equilibrium"
#define SWEEP_SEVERAL "several equilibria (first shown)"

/* A sweep point's count of equilibria, and its shape's category; closes the datum. */
static void point_equilibria(brink_buf *out, int n)
{
    brink_buf_printf(out, ",\"equilibria\":%d,\"point\":\"%s\"}", n,
                     n > 1 ? SWEEP_SEVERAL : SWEEP_ONE);
}

static void sweep_spec(const brink_analysis *a, const brink_answer *an, brink_buf *out,
                       brink_buf *t)
{
    const brink_scenario *sc = a->sc;
    int np = a->game->nplayers;
    brink_buf_puts(out, "\"data\":{\"values\":[");
    int first = 1;
    for (int i = 0; i < an->npoints; i++) {
        if (an->nequilibria[i] < 1)
            continue;
        for (int p = 0; p < np; p++) {
            brink_buf_printf(out, "%s{\"x\":", first ? "" : ",");
            num(out, an->x[2 * i]);
            brink_buf_puts(out, ",\"panel\":\"expected value\",\"series\":");
            brink_json_string(out, brink_scenario_actor_id(sc, p));
            brink_buf_puts(out, ",\"y\":");
            num(out, an->value[(size_t)i * (size_t)np + (size_t)p]);
            point_equilibria(out, an->nequilibria[i]);
            first = 0;
        }
        for (int k = 0; k < a->ngroups; k++) {
            brink_buf_puts(out, ",{\"x\":");
            num(out, an->x[2 * i]);
            brink_buf_puts(out, ",\"panel\":\"outcome probability\",\"series\":");
            rep_group(t, a, k);
            jtext(out, t);
            brink_buf_reset(t);
            brink_buf_puts(out, ",\"y\":");
            num(out, an->group_prob[(size_t)i * (size_t)a->ngroups + (size_t)k]);
            point_equilibria(out, an->nequilibria[i]);
        }
    }
    brink_buf_puts(out, "]},\"facet\":{\"row\":{\"field\":\"panel\",\"title\":null}},"
                        "\"resolve\":{\"scale\":{\"y\":\"independent\",\"color\":\"independent\"}},"
                        "\"spec\":{\"width\":520,\"height\":180,\"encoding\":{\"x\":{\"field\":\"x\","
                        "\"type\":\"quantitative\",\"title\":");
    brink_json_string(out, param_name(a, an->q->param[0]));
    /* a line per series, and its points shaped by how many equilibria the point has: the
     * numbers are the first equilibrium's, which a point with several must say */
    brink_buf_puts(out, "},\"y\":{\"field\":\"y\",\"type\":\"quantitative\",\"title\":null},"
                        "\"color\":{\"field\":\"series\",\"type\":\"nominal\",\"title\":null,"
                        "\"legend\":{\"labelLimit\":320}}},"
                        "\"layer\":[{\"mark\":{\"type\":\"line\"}},"
                        "{\"mark\":{\"type\":\"point\",\"filled\":true,\"size\":50,\"tooltip\":true},"
                        "\"encoding\":{\"shape\":{\"field\":\"point\",\"type\":\"nominal\",\"title\":null,"
                        "\"scale\":{\"domain\":[\"" SWEEP_ONE "\",\"" SWEEP_SEVERAL "\"],"
                        "\"range\":[\"circle\",\"triangle-up\"]}},"
                        "\"tooltip\":[{\"field\":\"series\"},{\"field\":\"x\",\"format\":\".10g\"},"
                        "{\"field\":\"y\",\"format\":\".10g\"},{\"field\":\"equilibria\"}]}}]}}");
}

/* Half a grid step of sweep parameter k (0 when the sweep has one point on that axis). */
static double half_step(const brink_question *q, int k)
{
    return q->steps[k] > 1 ? 0.5 * (q->hi[k] - q->lo[k]) / (q->steps[k] - 1) : 0.5;
}

/* The region map's polygons (brink_map_polygon): each drawn as a horizontal area between its
 * left and right boundaries at every line it spans (straight between lines: exact for exact
 * polygons, else as traced; the tooltip says which), the bands left unresolved in grey. */
static void map_polygons(const brink_analysis *a, const brink_answer *an, brink_buf *out,
                         brink_buf *t)
{
    brink_buf_puts(out, "{\"data\":{\"values\":[");
    int first = 1;
    for (int k = 0; k < an->npolygons; k++) {
        const brink_map_polygon *p = &an->polygons[k];
        brink_threshold_write_choice(an->lines[p->line], a->sc, p->region, t);
        for (int v = 0; v < p->nv / 2; v++) {
            int w = p->nv - 1 - v;   /* the right end on the same line */
            brink_buf_printf(out, "%s{\"poly\":%d,\"y\":", first ? "" : ",", k);
            num(out, p->xy[2 * v + 1]);
            brink_buf_puts(out, ",\"xl\":");
            num(out, p->xy[2 * v]);
            brink_buf_puts(out, ",\"xr\":");
            num(out, p->xy[2 * w]);
            brink_buf_puts(out, ",\"choice\":");
            jtext(out, t);
            if (p->exact)
                brink_buf_puts(out, ",\"boundary\":\"exact\"}");
            else {
                brink_buf_puts(out, ",\"boundary\":\"traced between lines, within ");
                num(out, an->map_band);
                brink_buf_puts(out, "; a region wholly between two lines is not ruled out\"}");
            }
            first = 0;
        }
        brink_buf_reset(t);
    }
    brink_buf_puts(out, "]},\"mark\":{\"type\":\"area\",\"orient\":\"horizontal\","
                        "\"opacity\":0.85,\"tooltip\":true},\"encoding\":{\"y\":{\"field\":\"y\","
                        "\"type\":\"quantitative\",\"scale\":{\"nice\":false,\"zero\":false},"
                        "\"title\":");
    brink_json_string(out, param_name(a, an->q->param[1]));
    brink_buf_puts(out, "},\"x\":{\"field\":\"xl\",\"type\":\"quantitative\",\"scale\":"
                        "{\"nice\":false,\"zero\":false},\"title\":");
    brink_json_string(out, param_name(a, an->q->param[0]));
    brink_buf_puts(out, "},\"x2\":{\"field\":\"xr\"},\"detail\":{\"field\":\"poly\"},"
                        "\"color\":{\"field\":\"choice\",\"type\":\"nominal\",\"title\":"
                        "\"watched choice (boundaries exact on the lines; between them as the tooltip says)\","
                        "\"legend\":{\"orient\":\"bottom\",\"labelLimit\":480,\"titleLimit\":480,"
                        "\"columns\":1}},"
                        "\"tooltip\":[{\"field\":\"choice\"},{\"field\":\"boundary\"},{\"field\":\"y\","
                        "\"format\":\".10g\"}]}}");
    if (an->nunresolved) {
        brink_buf_puts(out, ",{\"data\":{\"values\":[");
        for (int k = 0; k < an->nunresolved; k++) {
            brink_buf_printf(out, "%s{\"x0\":", k ? "," : "");
            num(out, an->q->lo[0]);
            brink_buf_puts(out, ",\"x1\":");
            num(out, an->q->hi[0]);
            brink_buf_puts(out, ",\"y0\":");
            num(out, an->unresolved[2 * k]);
            brink_buf_puts(out, ",\"y1\":");
            num(out, an->unresolved[2 * k + 1]);
            brink_buf_puts(out, ",\"note\":\"not resolved: the regions differ on the two lines\"}");
        }
        brink_buf_puts(out, "]},\"mark\":{\"type\":\"rect\",\"color\":\"#bbbbbb\",\"tooltip\":true},"
                            "\"encoding\":{\"x\":{\"field\":\"x0\",\"type\":\"quantitative\"},"
                            "\"x2\":{\"field\":\"x1\"},\"y\":{\"field\":\"y0\",\"type\":"
                            "\"quantitative\"},\"y2\":{\"field\":\"y1\"},\"tooltip\":[{\"field\":"
                            "\"note\"},{\"field\":\"y0\",\"format\":\".10g\"},{\"field\":\"y1\","
                            "\"format\":\".10g\"}]}}");
    }
}

/* The region map's polygons when there are any (else the watched choice at each grid point
 * as a cell), and on top the exact flips found along each line of the second parameter (the
 * certified continuation in the first). */
static void map_spec(const brink_analysis *a, const brink_answer *an, brink_buf *out,
                     brink_buf *t)
{
    double hx = half_step(an->q, 0), hy = half_step(an->q, 1);
    brink_buf_puts(out, "\"height\":320,\"layer\":[");
    if (an->npolygons) {
        map_polygons(a, an, out, t);
        goto flips;
    }
    brink_buf_puts(out, "{\"data\":{\"values\":[");
    for (int i = 0; i < an->npoints; i++) {
        double x = an->x[2 * i], y = an->x[2 * i + 1];
        brink_buf_printf(out, "%s{\"x\":", i ? "," : "");
        num(out, x);
        brink_buf_puts(out, ",\"y\":");
        num(out, y);
        brink_buf_puts(out, ",\"x0\":");
        num(out, x - hx);
        brink_buf_puts(out, ",\"x1\":");
        num(out, x + hx);
        brink_buf_puts(out, ",\"y0\":");
        num(out, y - hy);
        brink_buf_puts(out, ",\"y1\":");
        num(out, y + hy);
        brink_buf_puts(out, ",\"choice\":");
        if (an->nequilibria[i] < 0)
            brink_buf_puts(t, "failed at this point");
        else
            rep_answer_choice(t, a, an, &an->choice[i], 0);
        jtext(out, t);
        brink_buf_reset(t);
        brink_buf_printf(out, ",\"equilibria\":%d}", an->nequilibria[i] < 0 ? 0 : an->nequilibria[i]);
    }
    brink_buf_puts(out, "]},\"mark\":{\"type\":\"rect\",\"tooltip\":true},\"encoding\":{"
                        "\"x\":{\"field\":\"x0\",\"type\":\"quantitative\",\"scale\":{\"nice\":false,"
                        "\"zero\":false},\"title\":");
    brink_json_string(out, param_name(a, an->q->param[0]));
    brink_buf_puts(out, "},\"x2\":{\"field\":\"x1\"},\"y\":{\"field\":\"y0\",\"type\":"
                        "\"quantitative\",\"scale\":{\"nice\":false,\"zero\":false},\"title\":");
    brink_json_string(out, param_name(a, an->q->param[1]));
    brink_buf_puts(out, "},\"y2\":{\"field\":\"y1\"},"
                        "\"color\":{\"field\":\"choice\",\"type\":\"nominal\",\"title\":\"watched choice\","
                        "\"legend\":{\"orient\":\"bottom\",\"labelLimit\":480,\"columns\":1}},"
                        "\"tooltip\":[{\"field\":\"x\",\"format\":\".10g\"},{\"field\":\"y\",\"format\":"
                        "\".10g\"},{\"field\":\"choice\"},{\"field\":\"equilibria\"}]}}");
flips:;
    /* exact flips along the lines */
    int first = 1;
    for (int j = 0; j < an->nlines; j++) {
        const brink_threshold *th = an->lines ? an->lines[j] : NULL;
        for (int k = 0; th && k < th->nflips; k++) {
            brink_buf_puts(out, first ? ",{\"data\":{\"values\":[{\"x\":" : ",{\"x\":");
            num(out, th->flips[k].at.approx);
            brink_buf_puts(out, ",\"y\":");
            num(out, an->line_x[j]);
            brink_buf_puts(out, ",\"exact\":");
            real_words(t, &th->flips[k].at);
            jtext(out, t);
            brink_buf_reset(t);
            brink_buf_puts(out, "}");
            first = 0;
        }
    }
    if (!first)
        brink_buf_puts(out, "]},\"mark\":{\"type\":\"point\",\"shape\":\"diamond\",\"filled\":true,"
                            "\"color\":\"#000000\",\"stroke\":\"#ffffff\",\"strokeWidth\":1,\"size\":70,"
                            "\"tooltip\":true},\"encoding\":{\"x\":{\"field\":\"x\",\"type\":"
                            "\"quantitative\"},\"y\":{\"field\":\"y\",\"type\":\"quantitative\"},"
                            "\"tooltip\":[{\"field\":\"exact\",\"title\":\"flip at (exact)\"},"
                            "{\"field\":\"y\",\"title\":\"on the line\",\"format\":\".10g\"}]}}");
    brink_buf_puts(out, "]}");
}

brink_status brink_report_figure_spec(const brink_analysis *a, const brink_figure *f,
                                      int samples, brink_buf *out, brink_error *err)
{
    brink_buf title, t;
    brink_buf_init(&title);
    brink_buf_init(&t);
    brink_status st = brink_report_figure_title(a, f, &title, err);
    const brink_answer *an = answer_of(a, f);
    if (!st && f->kind != BRINK_FIG_OUTCOMES && (!an || an->status != BRINK_OK))
        st = brink_error_set(err, BRINK_EINVALID, "figure %d has no answer", f->answer);
    if (!st && f->kind == BRINK_FIG_THRESHOLD && (!an->threshold || samples < 1))
        st = brink_error_set(err, BRINK_EINVALID, "no threshold data (or samples < 1)");
    if (!st && (f->kind == BRINK_FIG_SWEEP || f->kind == BRINK_FIG_MAP) && an->npoints < 1)
        st = brink_error_set(err, BRINK_EINVALID, "the sweep has no points");
    if (!st) {
        spec_head(out, &title, f->kind == BRINK_FIG_SWEEP);
        switch (f->kind) {
        case BRINK_FIG_OUTCOMES:
            outcomes_spec(a, out, &t);
            break;
        case BRINK_FIG_THRESHOLD:
            st = threshold_spec(a, f, samples, out, &t, err);
            break;
        case BRINK_FIG_SWEEP:
            sweep_spec(a, an, out, &t);
            break;
        case BRINK_FIG_MAP:
            map_spec(a, an, out, &t);
            break;
        }
    }
    brink_buf_free(&title);
    if (t.failed)
        out->failed = 1;
    brink_buf_free(&t);
    if (!st && out->failed)
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory writing a figure");
    return st;
}
