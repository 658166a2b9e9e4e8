/* text.c — an analysis in plain words for people (brink analyze).
 *
 * Layout: what the scenario models and where it comes from; its parameters; the game and
 * the method; each equilibrium (every actor's and type's choices in the order the tree meets
 * them, beliefs where an actor cannot see everything, outcome probabilities, expected values)
 * with a statement on uniqueness and what differs; then the answers to the declared
 * questions.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/threshold.h"
#include "report/describe.h"

#define WIDTH 92
#define MAX_SHOWN 6
#define MAX_ALL_DECISIONS 16   /* above this, only decisions on the path are listed */

/* Append text wrapped at WIDTH with `indent` spaces on every line. */
static void wrap(brink_buf *out, const char *text, int indent)
{
    int col = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\n')
            p++;
        if (!*p)
            break;
        size_t w = strcspn(p, " \n");
        if (col == 0) {
            brink_buf_printf(out, "%*s", indent, "");
            col = indent;
        } else if (col + 1 + (int)w > WIDTH) {
            brink_buf_printf(out, "\n%*s", indent, "");
            col = indent;
        } else {
            brink_buf_puts(out, " ");
            col++;
        }
        brink_buf_append(out, p, w);
        col += (int)w;
        p += w;
    }
    if (col)
        brink_buf_puts(out, "\n");
}

static void header(const brink_analysis *a, brink_buf *out)
{
    const brink_scenario *sc = a->sc;
    const char *mech = brink_scenario_mechanism(sc);
    char rule[WIDTH + 1];
    memset(rule, '=', WIDTH);
    rule[WIDTH] = '\0';
    brink_buf_printf(out, "%s\n%s%s%s  [%s]\n%s\n", rule, mech[0] ? mech : "", mech[0] ? " | " : "",
                     brink_scenario_title(sc), brink_scenario_id(sc), rule);
    char buf[1200];
    if (brink_scenario_source(sc)[0]) {
        snprintf(buf, sizeof buf, "Source: %s", brink_scenario_source(sc));
        wrap(out, buf, 0);
    }
    if (brink_scenario_model(sc)[0]) {
        snprintf(buf, sizeof buf, "Model:  %s", brink_scenario_model(sc));
        wrap(out, buf, 0);
    }
    if (brink_scenario_description(sc)[0]) {
        brink_buf_puts(out, "\n");
        wrap(out, brink_scenario_description(sc), 2);
    }
}

static void parameters(const brink_analysis *a, brink_buf *out)
{
    const brink_scenario *sc = a->sc;
    int n = brink_scenario_nparams(sc);
    if (!n)
        return;
    brink_buf_puts(out, "\nParameters (defaults used below):\n");
    int nw = 12;
    for (int i = 0; i < n; i++)
        if ((int)strlen(brink_scenario_param(sc, i)->name) > nw)
            nw = (int)strlen(brink_scenario_param(sc, i)->name);
    for (int i = 0; i < n; i++) {
        const brink_param_info *p = brink_scenario_param(sc, i);
        char v[32], lo[32], hi[32], line[900];
        rep_num(v, sizeof v, p->value);
        rep_num(lo, sizeof lo, p->lo);
        rep_num(hi, sizeof hi, p->hi);
        char range[80] = "";
        if (p->has_range)
            snprintf(range, sizeof range, "in [%s, %s]", lo, hi);
        snprintf(line, sizeof line, "%-*s %-7s %-15s %s%s%s", nw, p->name, v, range, p->units,
                 p->units[0] ? ". " : "", p->doc);
        brink_buf_printf(out, "  ");
        /* wrap the doc under its column */
        size_t head = (size_t)nw + 25;
        if (strlen(line) <= WIDTH - 2) {
            brink_buf_printf(out, "%s\n", line);
        } else {
            char first[WIDTH + 1];
            size_t cut = WIDTH - 2;
            while (cut > head && line[cut] != ' ')
                cut--;
            memcpy(first, line, cut);
            first[cut] = '\0';
            brink_buf_printf(out, "%s\n", first);
            wrap(out, line + cut, (int)head + 2);
        }
    }
}

static void game_line(const brink_analysis *a, brink_buf *out)
{
    const brink_efg *g = a->game;
    const brink_scenario *sc = a->sc;
    int nh = g->player_infoset_start[g->nplayers];
    int nchance = g->ninfosets - nh;
    char line[1200];
    size_t len = (size_t)snprintf(line, sizeof line, "Game: %d actors (", g->nplayers);
    for (int i = 0; i < g->nplayers && len < sizeof line; i++)
        len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", i ? ", " : "",
                                brink_scenario_actor_name(sc, i));
    if (len < sizeof line)
        snprintf(line + len, sizeof line - len,
                 "), %d nodes, %d decision point%s, %d chance move%s; %s.", g->nnodes, nh,
                 nh == 1 ? "" : "s", nchance, nchance == 1 ? "" : "s",
                 g->perfect_info ? "perfect information"
                                 : "imperfect information (some moves or types are private)");
    brink_buf_puts(out, "\n");
    wrap(out, line, 0);
    char why[400];
    snprintf(why, sizeof why, "Method: %s: %s.", a->method, a->method_why ? a->method_why : "");
    wrap(out, why, 0);
    snprintf(why, sizeof why,
             "%d profile%s found%s, %d rejected as not sequentially rational, %d distinct "
             "equilibri%s kept; %.2g s.", a->nfound, a->nfound == 1 ? "" : "s",
             a->truncated ? " (only the first examined)" : "", a->nrejected, a->count,
             a->count == 1 ? "um" : "a", a->seconds);
    wrap(out, why, 8);
}

static void strategies(const brink_analysis *a, const brink_equilibrium *eq, brink_buf *out)
{
    const brink_efg *g = a->game;
    const brink_scenario *sc = a->sc;
    int n;
    int *order = rep_infoset_order(g, &n);
    if (!order)
        return;
    /* small games: every decision point; large ones: those on the path of play */
    int all = n <= MAX_ALL_DECISIONS, hidden = 0;
    for (int k = 0; k < n; k++) {
        int h = order[k], a0 = g->infoset_action_start[h];
        if (!all && !eq->on_path[h]) {
            hidden++;
            continue;
        }
        char who[120], when[400], line[900];
        rep_who(sc, g, h, who, sizeof who);
        rep_when(sc, h, when, sizeof when);
        size_t len = (size_t)snprintf(line, sizeof line, "%s, %s: ", who, when);
        int first = 1;
        for (int x = 0; x < g->infoset_nactions[h] && len < sizeof line; x++) {
            double p = eq->behav[a0 + x];
            if (p <= 1e-12)
                continue;
            char w[120], pc[32];
            rep_words(w, sizeof w, g->action_label[a0 + x]);
            if (p > 1 - 1e-12)
                len += (size_t)snprintf(line + len, sizeof line - len, "%s", w);
            else {
                rep_pct(pc, sizeof pc, p);
                len += (size_t)snprintf(line + len, sizeof line - len, "%s%s %s",
                                        first ? "" : ", ", w, pc);
            }
            first = 0;
        }
        if (!eq->on_path[h] && len < sizeof line)
            snprintf(line + len, sizeof line - len, "  (off the equilibrium path)");
        wrap(out, line, 2);
        if (g->infoset_nmembers[h] > 1) {
            char desc[16][200];
            double prob[16];
            int nb = rep_beliefs(sc, g, eq, h, desc, prob, 16);
            size_t bl = (size_t)snprintf(line, sizeof line, "%s: ",
                                         eq->on_path[h] ? "believes" : "belief off the path "
                                                                       "(one that supports this "
                                                                       "choice)");
            for (int b = 0, lead = 1; b < nb && bl < sizeof line; b++) {
                char pc[32];
                if (prob[b] <= 1e-12)   /* what the actor rules out is not worth a line */
                    continue;
                rep_pct(pc, sizeof pc, prob[b]);
                bl += (size_t)snprintf(line + bl, sizeof line - bl, "%s%s %s", lead ? "" : "; ",
                                       desc[b], pc);
                lead = 0;
            }
            wrap(out, line, 6);
        }
    }
    if (hidden)
        brink_buf_printf(out, "  (%d decision points off the path of play not shown; --json lists "
                              "them)\n", hidden);
    free(order);
}

static void outcomes(const brink_analysis *a, const brink_equilibrium *eq, brink_buf *out)
{
    const brink_scenario *sc = a->sc;
    const brink_efg *g = a->game;
    char line[2000];
    size_t len = (size_t)snprintf(line, sizeof line, "Outcomes:");
    /* most likely first */
    int used[512] = {0};
    int G = a->ngroups < 512 ? a->ngroups : 512;
    for (int r = 0; r < G; r++) {
        int best = -1;
        for (int k = 0; k < G; k++)
            if (!used[k] && eq->group_prob[k] > 1e-12 &&
                (best < 0 || eq->group_prob[k] > eq->group_prob[best]))
                best = k;
        if (best < 0)
            break;
        used[best] = 1;
        char pc[32];
        rep_pct(pc, sizeof pc, eq->group_prob[best]);
        if (len < sizeof line)
            len += (size_t)snprintf(line + len, sizeof line - len, "%s %s %s", r ? ";" : "", pc,
                                    a->group_text[best]);
    }
    if (a->ngroups > 1 || strcmp(a->group_text[0], "every outcome") != 0)
        wrap(out, line, 2);
    for (int k = 0; k < brink_scenario_nissues(sc); k++)
        if (brink_scenario_issue_nlevels(sc, k) == 0) {
            char v[32];
            rep_num(v, sizeof v, eq->issue_mean[k]);
            brink_buf_printf(out, "    expected %s: %s\n", brink_scenario_issue_name(sc, k), v);
        }
    len = (size_t)snprintf(line, sizeof line, "Expected value:");
    for (int i = 0; i < g->nplayers && len < sizeof line; i++) {
        char v[32];
        rep_num(v, sizeof v, eq->value[i]);
        len += (size_t)snprintf(line + len, sizeof line - len, "%s %s %s", i ? ";" : "",
                                brink_scenario_actor_id(sc, i), v);
        int nt = brink_scenario_actor_ntypes(sc, i);
        if (nt > 0 && nt <= BRINK_ANALYSIS_MAX_TYPES) {
            len += (size_t)snprintf(line + len, sizeof line - len, " (");
            for (int t = 0; t < nt && len < sizeof line; t++) {
                double tv = eq->type_value[i * BRINK_ANALYSIS_MAX_TYPES + t];
                if (isnan(tv))
                    snprintf(v, sizeof v, "-");
                else
                    rep_num(v, sizeof v, tv);
                len += (size_t)snprintf(line + len, sizeof line - len, "%s%s %s", t ? ", " : "",
                                        brink_scenario_type_name(sc, i, t), v);
            }
            len += (size_t)snprintf(line + len, sizeof line - len, ")");
        }
    }
    wrap(out, line, 2);
}

/* What the search covered, in words. */
static const char *coverage(const brink_analysis *a)
{
    if (!strcmp(a->method, "spe"))
        return "every subgame-perfect equilibrium in pure strategies";
    if (!strcmp(a->method, "enumpure"))
        return "every pure-strategy equilibrium; mixed strategies were not searched";
    if (!strcmp(a->method, "enumpure+seqlcp"))
        return "every pure-strategy equilibrium, plus the one Lemke's algorithm finds, which may "
               "be mixed; other mixed equilibria may exist";
    if (!strcmp(a->method, "enummixed"))
        return "every extreme equilibrium; mixtures of equilibria in one component are "
               "equilibria too";
    return a->guarantee ? a->guarantee : "as the method guarantees";
}

/* "DPRK (bluffing) at the start: demand from 42.9% to 100%" for each differing infoset. */
static void differences(const brink_analysis *a, brink_buf *out)
{
    const brink_efg *g = a->game;
    int n;
    int *order = rep_infoset_order(g, &n);
    if (!order)
        return;
    brink_buf_puts(out, "\nNot unique. The equilibria differ in:\n");
    int any = 0;
    for (int k = 0; k < n; k++) {
        int h = order[k], a0 = g->infoset_action_start[h];
        if (!rep_differs(g, a, h))
            continue;
        if (n > MAX_ALL_DECISIONS) {
            int on = 0;
            for (int e = 0; e < a->count; e++)
                on |= a->eq[e].on_path[h];
            if (!on)
                continue;
        }
        char who[120], when[400], line[1200];
        rep_who(a->sc, g, h, who, sizeof who);
        rep_when(a->sc, h, when, sizeof when);
        size_t len = (size_t)snprintf(line, sizeof line, "%s, %s:", who, when);
        for (int x = 0, first = 1; x < g->infoset_nactions[h] && len < sizeof line; x++) {
            double lo = 2, hi = -1;
            for (int e = 0; e < a->count; e++) {
                double p = a->eq[e].behav[a0 + x];
                lo = p < lo ? p : lo;
                hi = p > hi ? p : hi;
            }
            char w[120], pl[32], ph[32];
            rep_words(w, sizeof w, g->action_label[a0 + x]);
            rep_pct(pl, sizeof pl, lo);
            rep_pct(ph, sizeof ph, hi);
            if (hi - lo > 1e-9)
                len += (size_t)snprintf(line + len, sizeof line - len, "%s %s from %s to %s",
                                        first ? "" : ",", w, pl, ph);
            else
                len += (size_t)snprintf(line + len, sizeof line - len, "%s %s %s", first ? "" : ",",
                                        w, pl);
            first = 0;
        }
        wrap(out, line, 2);
        any = 1;
    }
    if (!any)
        brink_buf_puts(out, "  only in beliefs or numbers shown above\n");
    /* same outcomes and values everywhere? then the differences are off the path */
    int same = 1;
    for (int e = 1; e < a->count && same; e++) {
        for (int i = 0; i < g->nplayers; i++)
            if (fabs(a->eq[e].value[i] - a->eq[0].value[i]) > 1e-9)
                same = 0;
        for (int k = 0; k < a->ngroups; k++)
            if (fabs(a->eq[e].group_prob[k] - a->eq[0].group_prob[k]) > 1e-9)
                same = 0;
    }
    if (same)
        brink_buf_puts(out, "  All of them lead to the same outcomes and expected values.\n");
    free(order);
}

static void equilibria(const brink_analysis *a, brink_buf *out)
{
    char line[600];
    if (a->count == 0) {
        snprintf(line, sizeof line,
                 "No equilibrium found by %s (%s). A method that also finds mixed equilibria is "
                 "needed here.", a->method, coverage(a));
        brink_buf_puts(out, "\n");
        wrap(out, line, 0);
        return;
    }
    brink_buf_puts(out, "\n");
    if (a->count == 1)
        snprintf(line, sizeof line, "One equilibrium (search: %s):", coverage(a));
    else
        snprintf(line, sizeof line, "%d equilibria, the most efficient first (search: %s):",
                 a->count, coverage(a));
    wrap(out, line, 0);
    int shown = a->count < MAX_SHOWN ? a->count : MAX_SHOWN;
    for (int e = 0; e < shown; e++) {
        const brink_equilibrium *eq = &a->eq[e];
        if (a->count > 1)
            brink_buf_printf(out, " Equilibrium %d%s:\n", e + 1,
                             eq->verified == 1 ? " (verified exactly)" : "");
        strategies(a, eq, out);
        outcomes(a, eq, out);
    }
    if (a->count > shown)
        brink_buf_printf(out, "  ... and %d more (see --json)\n", a->count - shown);
    if (a->count > 1)
        differences(a, out);
    else if (a->eq[0].verified == 1)
        brink_buf_puts(out, "  (verified exactly as a Nash equilibrium in rational arithmetic)\n");
}

/* A sweep as a table: parameter value(s), watched choice (or equilibrium count), expected
 * numeric issues, each actor's expected value. */
static void sweep_table(const brink_analysis *a, const brink_answer *an, brink_buf *out)
{
    const brink_scenario *sc = a->sc;
    const brink_efg *g = a->game;
    const brink_question *q = an->q;
    int ni = brink_scenario_nissues(sc);
    int wp[2] = {0, 0}, wc = q->watch ? (int)strlen(q->watch) : 10;
    for (int d = 0; d < q->nparams; d++)
        wp[d] = (int)strlen(brink_scenario_param(sc, q->param[d])->name);
    for (int k = 0; k < an->npoints; k++)
        if (q->watch && (int)strlen(an->choice[k]) > wc)
            wc = (int)strlen(an->choice[k]);
    if (wc > 48)
        wc = 48;
    brink_buf_puts(out, "    ");
    for (int d = 0; d < q->nparams; d++)
        brink_buf_printf(out, "%-*s  ", wp[d] < 8 ? 8 : wp[d], brink_scenario_param(sc, q->param[d])->name);
    brink_buf_printf(out, "%-*s", wc, q->watch ? q->watch : "equilibria");
    for (int k = 0; k < ni; k++)
        if (brink_scenario_issue_nlevels(sc, k) == 0)
            brink_buf_printf(out, " %11.11s", brink_scenario_issue_name(sc, k));
    for (int p = 0; p < g->nplayers; p++)
        brink_buf_printf(out, " %9.9s", brink_scenario_actor_id(sc, p));
    brink_buf_puts(out, "\n");
    for (int k = 0; k < an->npoints; k++) {
        brink_buf_puts(out, "    ");
        for (int d = 0; d < q->nparams; d++) {
            char x[32];
            rep_num(x, sizeof x, an->x[2 * k + d]);
            brink_buf_printf(out, "%-*s  ", wp[d] < 8 ? 8 : wp[d], x);
        }
        char ch[64];
        if (q->watch)
            snprintf(ch, sizeof ch, "%.48s", an->choice[k]);
        else
            snprintf(ch, sizeof ch, "%d", an->nequilibria[k]);
        brink_buf_printf(out, "%-*s", wc, ch);
        for (int i = 0; i < ni; i++) {
            if (brink_scenario_issue_nlevels(sc, i))
                continue;
            char v[32];
            rep_num(v, sizeof v, an->issue_mean[(size_t)k * (size_t)ni + (size_t)i]);
            brink_buf_printf(out, " %11s", an->nequilibria[k] ? v : "-");
        }
        for (int p = 0; p < g->nplayers; p++) {
            char v[32];
            rep_num(v, sizeof v, an->value[(size_t)k * (size_t)g->nplayers + (size_t)p]);
            brink_buf_printf(out, " %9s", an->nequilibria[k] ? v : "-");
        }
        brink_buf_puts(out, "\n");
    }
}

static void answers(const brink_analysis *a, brink_buf *out)
{
    const brink_scenario *sc = a->sc;
    const brink_efg *g = a->game;
    if (!a->nanswers)
        return;
    brink_buf_puts(out, "\nQuestions:\n");
    for (int i = 0; i < a->nanswers; i++) {
        const brink_answer *an = &a->answers[i];
        const brink_question *q = an->q;
        char line[2400];
        snprintf(line, sizeof line, "[%s] %s", q->id, q->ask[0] ? q->ask : "");
        wrap(out, line, 2);
        if (an->status) {
            snprintf(line, sizeof line, "could not be answered: %s", an->message);
            wrap(out, line, 4);
            continue;
        }
        if (q->kind == BRINK_Q_THRESHOLD) {
            brink_buf_printf(out, "    watching %s:\n", q->watch ? q->watch : "(nothing)");
            if (an->threshold)
                brink_threshold_write_text(an->threshold, sc, out, NULL);
        } else if (q->kind == BRINK_Q_SWEEP) {
            sweep_table(a, an, out);
        } else {
            char who[120], when[400];
            rep_who(sc, g, an->infoset, who, sizeof who);
            rep_when(sc, an->infoset, when, sizeof when);
            snprintf(line, sizeof line, "-> what follows each choice of %s %s (first equilibrium):",
                     who, when);
            wrap(out, line, 4);
            for (int o = 0; o < an->nopts; o++) {
                size_t len = (size_t)snprintf(line, sizeof line, "%s:", an->opt_label[o]);
                for (int p = 0; p < g->nplayers && len < sizeof line; p++) {
                    char v[32];
                    rep_num(v, sizeof v, an->opt_value[(size_t)o * (size_t)g->nplayers + (size_t)p]);
                    len += (size_t)snprintf(line + len, sizeof line - len, "%s %s %s", p ? "," : "",
                                            brink_scenario_actor_id(sc, p), v);
                }
                if (len < sizeof line)
                    len += (size_t)snprintf(line + len, sizeof line - len, ";");
                for (int k = 0; k < a->ngroups && len < sizeof line; k++) {
                    double pr = an->opt_group[(size_t)o * (size_t)a->ngroups + (size_t)k];
                    if (pr <= 1e-12)
                        continue;
                    char pc[32];
                    rep_pct(pc, sizeof pc, pr);
                    len += (size_t)snprintf(line + len, sizeof line - len, " %s %s.", pc,
                                            a->group_text[k]);
                }
                wrap(out, line, 6);
            }
        }
    }
}

brink_status brink_analysis_write_text(const brink_analysis *a, brink_buf *out, brink_error *err)
{
    header(a, out);
    parameters(a, out);
    game_line(a, out);
    equilibria(a, out);
    answers(a, out);
    if (out->failed)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory writing the report");
    return BRINK_OK;
}
