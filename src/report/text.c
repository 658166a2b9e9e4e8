/* text.c — an analysis in plain words for people (brink analyze).
 *
 * Layout: what the scenario models and where it comes from; its parameters; the game and
 * the method; each equilibrium (every actor's and type's choices in the order the tree meets
 * them, beliefs where an actor cannot see everything, outcome probabilities, expected values)
 * with a statement on uniqueness and what differs; then the answers to the declared
 * questions. Every line is built in a brink_buf from the analysis' data and wrapped.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/compact_int.h"
#include "brink/threshold.h"
#include "report/describe.h"
#include "report/plural.h"

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

/* Start a new line (a failed append on the old one fails the report). */
static void clear(brink_buf *out, brink_buf *line)
{
    if (line->failed)
        out->failed = 1;
    brink_buf_reset(line);
}

/* Wrap the line built so far and start a new one. */
static void flush(brink_buf *out, brink_buf *line, int indent)
{
    wrap(out, rep_text(line), indent);
    clear(out, line);
}

void rep_text_flush(brink_buf *out, brink_buf *line, int indent);
void rep_text_flush(brink_buf *out, brink_buf *line, int indent)
{
    flush(out, line, indent);
}

static void header(const brink_analysis *a, brink_buf *out, brink_buf *line)
{
    const brink_scenario *sc = a->sc;
    const char *mech = brink_scenario_mechanism(sc);
    for (int i = 0; i < WIDTH; i++)
        brink_buf_puts(line, "=");
    brink_buf_printf(out, "%s\n%s%s%s  [%s]\n%s\n", rep_text(line), mech, mech[0] ? " | " : "",
                     brink_scenario_title(sc), brink_scenario_id(sc), rep_text(line));
    clear(out, line);
    if (brink_scenario_source(sc)[0]) {
        brink_buf_printf(line, "Source: %s", brink_scenario_source(sc));
        flush(out, line, 0);
    }
    if (brink_scenario_model(sc)[0]) {
        brink_buf_printf(line, "Model:  %s", brink_scenario_model(sc));
        flush(out, line, 0);
    }
    if (brink_scenario_description(sc)[0]) {
        brink_buf_puts(out, "\n");
        wrap(out, brink_scenario_description(sc), 2);
    }
}

/* Pad line with spaces to `col` characters (a column of a table). */
static void pad_to(brink_buf *line, size_t col)
{
    while (line->len < col && !line->failed)
        brink_buf_puts(line, " ");
}

static void beliefs_text(brink_buf *line, const brink_scenario *sc, const brink_efg *g,
                         const brink_equilibrium *eq, int h, int ms, int *lead);

/* A number with its exact value: short decimals exactly ("1e-12"), a value beyond the double
 * range from its exact value ("~3.000000000e+399"), never as "inf" nor as "0". */
static void num_or_exact(brink_buf *line, double x, const mpq_t *q)
{
    rep_num_q(line, x, q);
}

static void parameters(const brink_analysis *a, brink_buf *out, brink_buf *line)
{
    const brink_scenario *sc = a->sc;
    int n = brink_scenario_nparams(sc);
    if (!n)
        return;
    brink_buf_puts(out, "\nParameters (defaults used below):\n");
    size_t nw = 12;
    for (int i = 0; i < n; i++)
        if (strlen(brink_scenario_param(sc, i)->name) > nw)
            nw = strlen(brink_scenario_param(sc, i)->name);
    for (int i = 0; i < n; i++) {
        const brink_param_info *p = brink_scenario_param(sc, i);
        brink_buf_puts(line, p->name);
        pad_to(line, nw);
        brink_buf_puts(line, " ");
        size_t at = line->len;
        num_or_exact(line, p->value, p->valueq);
        pad_to(line, at + 7);
        brink_buf_puts(line, " ");
        at = line->len;
        if (p->has_range) {
            brink_buf_puts(line, "in [");
            num_or_exact(line, p->lo, p->lo_q);
            brink_buf_puts(line, ", ");
            num_or_exact(line, p->hi, p->hi_q);
            brink_buf_puts(line, "]");
        }
        pad_to(line, at + 15);
        brink_buf_printf(line, " %s%s%s", p->units, p->units[0] ? ". " : "", p->doc);
        if (line->failed) {
            out->failed = 1;
            return;
        }
        /* the doc wraps under its own column */
        const char *text = rep_text(line);
        size_t head = nw + 25, len = strlen(text);
        brink_buf_puts(out, "  ");
        if (len <= WIDTH - 2) {
            brink_buf_printf(out, "%s\n", text);
        } else {
            size_t cut = WIDTH - 2;
            while (cut > head && text[cut] != ' ')
                cut--;
            brink_buf_append(out, text, cut);
            brink_buf_puts(out, "\n");
            wrap(out, text + cut, (int)head + 2);
        }
        clear(out, line);
    }
}

static void game_line(const brink_analysis *a, brink_buf *out, brink_buf *line)
{
    const brink_efg *g = a->game;
    const brink_scenario *sc = a->sc;
    int nh = g->player_infoset_start[g->nplayers];
    int nchance = g->ninfosets - nh;
    brink_buf_printf(line, "Game: %d actor%s (", g->nplayers, g->nplayers == 1 ? "" : "s");
    for (int i = 0; i < g->nplayers; i++)
        brink_buf_printf(line, "%s%s", i ? ", " : "", brink_scenario_actor_name(sc, i));
    brink_buf_printf(line, "), %d node%s, %d decision point%s, %d chance move%s; %s.", g->nnodes,
                     rep_s(g->nnodes), nh, nh == 1 ? "" : "s", nchance, nchance == 1 ? "" : "s",
                     g->perfect_info ? "perfect information"
                                     : "imperfect information (some moves or types are private)");
    brink_buf_puts(out, "\n");
    flush(out, line, 0);
    brink_buf_puts(line, "Method: ");
    rep_method_name(line, &a->method);
    brink_buf_puts(line, ": ");
    rep_method_why(line, &a->method);
    brink_buf_puts(line, ".");
    flush(out, line, 0);
    /* every automatic change of method, with its reason */
    for (int k = 0; k < a->method.nchanges; k++) {
        brink_buf_puts(line, k ? "and " : "Changed automatically: ");
        rep_method_change(line, &a->method.change[k]);
        brink_buf_puts(line, k + 1 < a->method.nchanges ? ";" : ".");
        flush(out, line, 8);
    }
    if (a->profiles) {   /* backward induction listed plays, counting their profiles */
        brink_buf_printf(line, "%d play%s found%s (", a->nfound, a->nfound == 1 ? "" : "s",
                         a->truncated ? ", only the first examined" : "");
        if (brink_analysis_counts_at_least(a))
            brink_buf_puts(line, "at least ");
        rep_mpz(line, (const mpz_t *)a->profiles);
        brink_buf_puts(line, " subgame-perfect profiles), ");
    } else {
        brink_buf_printf(line, "%d profile%s found%s, ", a->nfound, a->nfound == 1 ? "" : "s",
                         a->truncated ? " (only the first examined)" : "");
    }
    if (a->nshort)
        brink_buf_printf(line, "%d short of the method's tolerance (no equilibrium), ", a->nshort);
    brink_buf_printf(line, "%d rejected as not sequential, %d distinct equilibri%s "
                           "kept; ", a->nrejected, a->count, a->count == 1 ? "um" : "a");
    /* two significant digits, whole seconds from 100 on (not "2.8e+02") */
    if (a->seconds >= 100)
        brink_buf_printf(line, "%.0f s.", a->seconds);
    else
        brink_buf_printf(line, "%.2g s.", a->seconds);
    flush(out, line, 8);
}

static void strategies(const brink_analysis *a, const brink_equilibrium *eq, brink_buf *out,
                       brink_buf *line)
{
    const brink_efg *g = a->game;
    const brink_scenario *sc = a->sc;
    int n;
    int *order = rep_infoset_order(g, &n);
    if (!order) {
        out->failed = 1;
        return;
    }
    /* small games: every decision point; large ones: those on the path of play */
    int all = n <= MAX_ALL_DECISIONS, hidden = 0;
    for (int k = 0; k < n; k++) {
        int h = order[k], a0 = g->infoset_action_start[h];
        if (!all && !eq->on_path[h]) {
            hidden++;
            continue;
        }
        rep_who(line, sc, g, h);
        brink_buf_puts(line, ", ");
        rep_when(line, sc, h);
        brink_buf_puts(line, ": ");
        int first = 1, fixed = brink_equilibrium_choice_fixed(g, eq, h);
        for (int x = 0; x < g->infoset_nactions[h] && fixed; x++) {
            double p = eq->behav[a0 + x];
            if (p <= 1e-12)
                continue;
            if (!first)
                brink_buf_puts(line, p > 1 - 1e-12 ? "" : ", ");
            rep_words(line, g->action_label[a0 + x]);
            if (p <= 1 - 1e-12) {
                brink_buf_puts(line, " ");
                rep_pct(line, p);
            }
            first = 0;
        }
        if (!fixed) {   /* the equilibria of this play choose differently here */
            rep_alternatives(line, g, eq, h);
            brink_buf_puts(line, "  (off the equilibrium path; each in some of the equilibria "
                                 "with this play)");
        } else if (!eq->on_path[h]) {
            brink_buf_puts(line, "  (off the equilibrium path)");
        }
        flush(out, line, 2);
        if (g->infoset_nmembers[h] > 1) {
            int ms = g->infoset_member_start[h], lead = 1;
            brink_buf_printf(line, "%s: ", eq->on_path[h] ? "believes"
                                           : eq->belief_fixed && eq->belief_fixed[h]
                                               ? "belief off the path (the only consistent "
                                                 "one)"
                                               : "belief off the path (one that supports this "
                                                 "choice)");
            beliefs_text(line, sc, g, eq, h, ms, &lead);
            flush(out, line, 6);
        }
    }
    if (hidden)
        brink_buf_printf(out, "  (%d decision points off the path of play not shown; --json lists "
                              "them)\n", hidden);
    free(order);
}

/* More positions than this in one belief are summarised (Fearon with 100 types: a belief over
 * 100 costs was 35 wrapped lines); --json lists every one. */
#define REP_BELIEF_LIST_MAX 8

/* The positions an actor's belief at h weighs, "A 25%; B 75%"; past REP_BELIEF_LIST_MAX
 * positions, their number, the first and the last, and the common probability when they
 * share one, else the likeliest three and what the rest weigh. */
static void beliefs_text(brink_buf *line, const brink_scenario *sc, const brink_efg *g,
                         const brink_equilibrium *eq, int h, int ms, int *lead)
{
    int m = g->infoset_nmembers[h], n = 0, same = 1, lo = -1, hi = -1;
    int top[3] = {-1, -1, -1};   /* the likeliest three, first the likeliest */
    double tb[3] = {0, 0, 0}, first = 0;
    for (int x = 0; x < m; x++) {   /* one pass: what the summary needs */
        double b = rep_belief(g, eq, h, g->infoset_member[ms + x]);
        if (b <= 1e-12)   /* what the actor rules out is not worth a line */
            continue;
        first = n++ ? first : b;
        same &= fabs(b - first) <= 1e-12;
        lo = lo < 0 ? x : lo;
        hi = x;
        for (int k = 0; k < 3; k++)
            if (top[k] < 0 || b > tb[k]) {
                for (int j = 2; j > k; j--) {
                    top[j] = top[j - 1];
                    tb[j] = tb[j - 1];
                }
                top[k] = x;
                tb[k] = b;
                break;
            }
    }
    if (n <= REP_BELIEF_LIST_MAX) {
        for (int x = 0; x < m; x++) {
            int v = g->infoset_member[ms + x];
            double b = rep_belief(g, eq, h, v);
            if (b <= 1e-12)
                continue;
            if (!*lead)
                brink_buf_puts(line, "; ");
            rep_hidden(line, sc, g, v);
            brink_buf_puts(line, " ");
            rep_pct(line, b);
            *lead = 0;
        }
        return;
    }
    brink_buf_printf(line, "%d positions (", n);
    rep_hidden(line, sc, g, g->infoset_member[ms + lo]);
    brink_buf_puts(line, " ... ");
    rep_hidden(line, sc, g, g->infoset_member[ms + hi]);
    brink_buf_puts(line, ")");
    if (same) {
        brink_buf_puts(line, ", each ");
        rep_pct(line, first);
        brink_buf_puts(line, " (--json lists them)");
        return;
    }
    brink_buf_puts(line, "; the likeliest: ");
    double rest = 1;
    for (int k = 0; k < 3; k++) {
        brink_buf_puts(line, k ? ", " : "");
        rep_hidden(line, sc, g, g->infoset_member[ms + top[k]]);
        brink_buf_puts(line, " ");
        rep_pct(line, tb[k]);
        rest -= tb[k];
    }
    brink_buf_printf(line, "; the other %d ", n - 3);
    rep_pct(line, rest > 0 ? rest : 0);
    brink_buf_puts(line, " (--json lists them)");
}

/* Actor i's expected value, with its value per own type when it has types. */
static void actor_value(const brink_analysis *a, const brink_equilibrium *eq, int i,
                        brink_buf *line)
{
    const brink_scenario *sc = a->sc;
    brink_buf_printf(line, " %s ", brink_scenario_actor_id(sc, i));
    num_or_exact(line, eq->value[i], eq->valueq ? &eq->valueq[i] : NULL);
    int nt = brink_scenario_actor_ntypes(sc, i);
    if (!nt)
        return;
    brink_buf_puts(line, " (");
    for (int t = 0; t < nt; t++) {
        double tv = eq->type_value[brink_analysis_type_slot(sc, i, t)];
        brink_buf_printf(line, "%s%s ", t ? ", " : "", brink_scenario_type_name(sc, i, t));
        if (isnan(tv))
            brink_buf_puts(line, "-");
        else if (isinf(tv))   /* no exact type values are kept: say what is known */
            brink_buf_puts(line, tv > 0 ? "beyond +1.8e308" : "beyond -1.8e308");
        else
            rep_num(line, tv);
    }
    brink_buf_puts(line, ")");
}

static void outcomes(const brink_analysis *a, const brink_equilibrium *eq, brink_buf *out,
                     brink_buf *line)
{
    const brink_scenario *sc = a->sc;
    const brink_efg *g = a->game;
    brink_buf_puts(line, "Outcomes:");
    /* most likely first */
    int G = a->ngroups;
    char *used = brink_calloc((size_t)G + 1, 1);
    if (!used) {
        out->failed = 1;
        return;
    }
    for (int r = 0; r < G; r++) {
        int best = -1;
        for (int k = 0; k < G; k++)
            if (!used[k] && eq->group_prob[k] > 1e-12 &&
                (best < 0 || eq->group_prob[k] > eq->group_prob[best]))
                best = k;
        if (best < 0)
            break;
        used[best] = 1;
        brink_buf_printf(line, "%s ", r ? ";" : "");
        rep_pct(line, eq->group_prob[best]);
        brink_buf_puts(line, " ");
        rep_group(line, a, best);
    }
    free(used);
    if (rep_has_discrete_issue(sc))
        flush(out, line, 2);
    clear(out, line);
    for (int k = 0; k < brink_scenario_nissues(sc); k++)
        if (brink_scenario_issue_nlevels(sc, k) == 0) {
            brink_buf_printf(out, "    expected %s: ", brink_scenario_issue_name(sc, k));
            rep_num(out, eq->issue_mean[k]);
            brink_buf_puts(out, "\n");
        }
    brink_buf_puts(line, "Expected value:");
    for (int i = 0; i < g->nplayers; i++) {
        if (i)
            brink_buf_puts(line, ";");
        actor_value(a, eq, i, line);
    }
    flush(out, line, 2);
}

/* "DPRK (bluffing) at the start: demand from 42.9% to 100%" for each differing infoset. */
static void differences(const brink_analysis *a, brink_buf *out, brink_buf *line)
{
    const brink_efg *g = a->game;
    int n;
    int *order = rep_infoset_order(g, &n);
    if (!order) {
        out->failed = 1;
        return;
    }
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
        rep_who(line, a->sc, g, h);
        brink_buf_puts(line, ", ");
        rep_when(line, a->sc, h);
        brink_buf_puts(line, ":");
        for (int x = 0; x < g->infoset_nactions[h]; x++) {
            double lo = 2, hi = -1;
            for (int e = 0; e < a->count; e++) {
                double l, u;   /* over every equilibrium a play stands for */
                rep_prob_range(g, &a->eq[e], h, x, &l, &u);
                lo = l < lo ? l : lo;
                hi = u > hi ? u : hi;
            }
            brink_buf_puts(line, x ? ", " : " ");
            rep_words(line, g->action_label[a0 + x]);
            brink_buf_puts(line, " ");
            if (hi - lo > 1e-9) {
                brink_buf_puts(line, "from ");
                rep_pct(line, lo);
                brink_buf_puts(line, " to ");
                rep_pct(line, hi);
            } else {
                rep_pct(line, lo);
            }
        }
        flush(out, line, 2);
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

/* Equilibria of an approximate method, checked in doubles only: what they are, and to what. */
static void approximate_note(const brink_analysis *a, brink_buf *out, brink_buf *line)
{
    int n = 0, judged = 0;
    double worst = 0, tol = 0;
    for (int e = 0; e < a->count; e++) {
        const brink_equilibrium *eq = &a->eq[e];
        if (!eq->approximate || eq->verified == 1)
            continue;
        n++;
        worst = fmax(worst, eq->nashconv);
        if (eq->tolerance > 0) {
            judged++;
            tol = fmax(tol, eq->tolerance);
        }
    }
    if (n == 0)
        return;
    if (a->count == 1)
        brink_buf_printf(line, "(An approximate equilibrium: NashConv %.3g, checked in floating "
                               "point, not exactly", worst);
    else
        brink_buf_printf(line, "(%d of the equilibria are approximate: NashConv up to %.3g, "
                               "checked in floating point, not exactly", n, worst);
    if (judged)
        brink_buf_printf(line, "; accepted at the tolerance the method stops at, %.3g in payoff "
                               "units, as the analysis' finer check asks more than the method "
                               "reaches", tol);
    brink_buf_puts(line, ".)");
    flush(out, line, 2);
}

/* A profile kept as sequentially rational whose beliefs could not be made to agree across
 * linked information sets (brink_equilibrium.sequential BRINK_SEQ_WEAK): the weaker claim. */
static void weak_note(const brink_analysis *a, const brink_equilibrium *eq, brink_buf *out,
                      brink_buf *line)
{
    if (eq->sequential != BRINK_SEQ_WEAK)
        return;
    brink_buf_puts(line, "(Not shown sequential: a weak perfect Bayesian equilibrium, each "
                         "choice optimal for the beliefs shown, which follow Bayes' rule where "
                         "play reaches; ");
    if (eq->link[0] < 0 || eq->link[1] < 0) {
        brink_buf_puts(line, "the game is too large to check that beliefs agree across "
                             "information sets, as consistency asks.)");
        flush(out, line, 2);
        return;
    }
    brink_buf_puts(line, "no beliefs were found that support these choices and agree between ");
    for (int k = 0; k < 2; k++) {
        if (k)
            brink_buf_puts(line, " and ");
        rep_who(line, a->sc, a->game, eq->link[k]);
        brink_buf_puts(line, ", ");
        rep_when(line, a->sc, eq->link[k]);
    }
    brink_buf_puts(line, ", as consistency asks where the same unobserved moves lead from one to "
                         "the other.)");
    flush(out, line, 2);
}

/* Equilibria whose sequential check rests on doubles (not an approximate method's: those say
 * so above): the claim is to the tolerance, not exact. */
static void doubles_note(const brink_analysis *a, brink_buf *out, brink_buf *line)
{
    int n = 0;
    for (int e = 0; e < a->count; e++)
        n += a->eq[e].sequential && a->eq[e].sequential_doubles && !a->eq[e].approximate;
    if (n == 0)
        return;
    if (a->count == 1)
        brink_buf_puts(line, "(Its sequential rationality was checked in floating point, to "
                             "the analysis' tolerance (1e-9 of the payoff scale by default), "
                             "not exactly.)");
    else
        brink_buf_printf(line, "(The sequential rationality of %d of the equilibria was checked "
                               "in floating point, to the analysis' tolerance (1e-9 of the "
                               "payoff scale by default), not exactly.)",
                         n);
    flush(out, line, 2);
}

static void equilibria(const brink_analysis *a, brink_buf *out, brink_buf *line)
{
    brink_buf_puts(out, "\n");
    if (a->count == 0) {
        brink_buf_puts(line, "No equilibrium found by ");
        rep_method_name(line, &a->method);
        brink_buf_puts(line, " (");
        rep_coverage(line, &a->method);
        /* say what is known: an approximate method's profile failed the checks, or the
         * methods looked for pure equilibria only, or nothing was found */
        unsigned any = 0, all_pure = 1;
        for (int k = 0; k < a->method.nsolvers; k++) {
            any |= a->method.solver[k]->flags;
            all_pure &= (a->method.solver[k]->flags & BRINK_SOLVER_PURE_ONLY) != 0;
        }
        int stopped = 0;   /* 2: an iteration budget ran out; 1: another limit */
        for (int k = 0; k < a->method.nsolvers; k++)
            stopped = a->method.stopped[k] > stopped ? a->method.stopped[k] : stopped;
        if ((any & BRINK_SOLVER_APPROX) && a->nfound > 0) {
            const char *pl = a->nfound == 1 ? "" : "s";
            /* advice that can help: --iterations only when the budget is what stopped it */
            if (stopped == 2)
                brink_buf_printf(line, "). The approximate method stopped at its iteration "
                                       "budget before its tolerance, so the profile%s it "
                                       "reached %s no equilibrium; more iterations "
                                       "(--iterations N) may reach one.", pl,
                                 a->nfound == 1 ? "is" : "are");
            else if (stopped == 1)
                brink_buf_printf(line, "). The approximate method stopped at a limit before "
                                       "its tolerance (its lambda or step-size limit, or the "
                                       "time limit), so the profile%s it reached %s no "
                                       "equilibrium; more iterations would not help.", pl,
                                 a->nfound == 1 ? "is" : "are");
            else
                brink_buf_printf(line, "). The approximate profile%s found did not pass the "
                                       "checks at the method's own tolerance (an equilibrium, "
                                       "sequentially rational).", pl);
            if (a->game->nplayers == 2)
                brink_buf_puts(line, " An exact method (--method NAME, see brink solve --list) "
                                     "may find one.");
            else
                brink_buf_puts(line, " (No exact method finds mixed equilibria of games with "
                                     "3 or more players.)");
        }
        else if (all_pure && a->method.nsolvers > 0)
            brink_buf_puts(line, "). A method that also finds mixed equilibria is needed here.");
        else
            brink_buf_puts(line, "). Another method (--method NAME) may find one.");
        flush(out, line, 0);
        return;
    }
    /* equilibria identical on the path of play are shown once, with their off-path variants
     * counted (pathgroups.c); --json lists every one */
    int ng = a->npath_groups > 0 && a->path_group ? a->npath_groups : a->count;
    if (a->profiles && a->count == 1)
        brink_buf_puts(line, "One play of equilibria (search: ");
    else if (a->profiles)
        brink_buf_printf(line, "%d equilibria differing on the path of play, the most efficient "
                               "first (search: ", a->count);
    else if (a->count == 1)
        brink_buf_puts(line, a->unique ? "One equilibrium, unique (search: "
                                       : "One equilibrium (search: ");
    else if (ng < a->count)
        brink_buf_printf(line, "%d equilibria, %s, the most efficient first (search: ",
                         a->count, ng == 1 ? "all identical on the path of play"
                                           : "in groups identical on the path of play");
    else
        brink_buf_printf(line, "%d equilibria, the most efficient first (search: ", a->count);
    rep_coverage(line, &a->method);
    brink_buf_puts(line, "):");
    flush(out, line, 0);
    if (a->profiles) {   /* ties off the path: profiles many, plays few */
        /* a list cut at its limit counts the plays it kept: a lower bound (tester 11b, F1) */
        int least = brink_analysis_counts_at_least(a);
        if (least)
            brink_buf_puts(line, "At least ");
        rep_mpz(line, (const mpz_t *)a->profiles);
        brink_buf_printf(line, " subgame-perfect profiles %s, differing only off the path "
                               "of play (in choices no one reaches) within a play; each play "
                               "is shown by one of its equilibria, with the choices the others "
                               "make off the path where they differ.",
                         least ? "over the plays found (the enumeration stopped at its limit: "
                                 "plays and profiles beyond it are not counted)"
                               : "in all");
        flush(out, line, 0);
    }
    if (ng < a->count) {
        if (ng == 1)
            brink_buf_printf(line, "They all lead to the same play and differ only off the path "
                                   "of play (in choices no one reaches); one is shown, --json "
                                   "lists all %d.", a->count);
        else
            brink_buf_printf(line, "They lead to %d different plays; the other %d differ only "
                                   "off the path of play (in choices no one reaches). One "
                                   "equilibrium of each play is shown; --json lists every one.",
                             ng, a->count - ng);
        flush(out, line, 0);
    }
    int shown = 0;
    for (int e = 0; e < a->count && shown < MAX_SHOWN; e++) {
        const brink_equilibrium *eq = &a->eq[e];
        int grp = ng < a->count ? a->path_group[e] : e, variants = 0;
        if (ng < a->count) {
            int first = 1;
            for (int f = 0; f < a->count; f++)
                if (a->path_group[f] == grp) {
                    first &= f >= e;
                    variants++;
                }
            if (!first)
                continue;
            variants--;
        }
        shown++;
        if (a->count > 1) {
            brink_buf_printf(out, " Equilibrium %d%s", e + 1,
                             eq->verified == 1 ? " (verified exactly)" : "");
            if (eq->approximate && eq->verified != 1)
                brink_buf_printf(out, " (approximate: NashConv %.3g)", eq->nashconv);
            if (variants)
                brink_buf_printf(out, ", and %d more identical on the path of play", variants);
            if (eq->nprofiles && mpz_cmp_ui(*eq->nprofiles, 1) > 0) {
                brink_buf_puts(out, brink_analysis_counts_at_least(a) ? ", standing for at least "
                                                                      : ", standing for ");
                rep_mpz(out, (const mpz_t *)eq->nprofiles);
                brink_buf_puts(out, " profiles identical on the path of play");
            }
            brink_buf_puts(out, ":\n");
        }
        strategies(a, eq, out, line);
        weak_note(a, eq, out, line);
        outcomes(a, eq, out, line);
    }
    if (ng > shown)
        brink_buf_printf(out, "  ... and %d more %s (see --json)\n", ng - shown,
                         ng < a->count ? "plays" : "equilibria");
    if (a->count > 1)
        differences(a, out, line);
    else if (a->eq[0].verified == 1)
        brink_buf_puts(out, "  (verified exactly as a Nash equilibrium in rational arithmetic)\n");
    if (a->count >= 1) {
        approximate_note(a, out, line);
        doubles_note(a, out, line);
    }
}

/* A count in a table cell: exact up to 40 digits, else rounded to three significant digits
 * ("about 3.02e1023"; --json has it exactly). */
static void table_count(brink_buf *b, const mpz_t n)
{
    char *s = mpz_get_str(NULL, 10, n);
    if (!s) {
        b->failed = 1;
        return;
    }
    size_t len = strlen(s);
    if (len <= 40) {
        brink_buf_puts(b, s);
    } else {
        int m = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        size_t e = len - 1;
        m = (m + 5) / 10;   /* three digits, rounded */
        if (m >= 1000) {
            m /= 10;
            e++;
        }
        brink_buf_printf(b, "about %d.%02de%zu", m / 100, m % 100, e);
    }
    void (*freefunc)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefunc);
    freefunc(s, len + 1);
}

/* Column widths of a sweep table are measured in the cells' own words. */
static void sweep_choice(const brink_analysis *a, const brink_answer *an, int k, brink_buf *b)
{
    if (an->nequilibria[k] < 0)
        brink_buf_puts(b, "failed (below)");
    else if (an->q->watch)
        rep_answer_choice(b, a, an, &an->choice[k], 1);
    else if (an->by_play && an->by_play[k] &&
             mpz_cmp_si(an->profiles[k], an->nequilibria[k]) != 0) {
        /* one listed per play: the count of equilibria is the profiles' (tester 11b, F11) */
        brink_buf_puts(b, an->profiles_at_least[k] ? "at least " : "");
        table_count(b, an->profiles[k]);
        brink_buf_printf(b, " (%d play%s)", an->nequilibria[k],
                         an->nequilibria[k] == 1 ? "" : "s");
    } else
        brink_buf_printf(b, "%d", an->nequilibria[k]);
    /* a compact game's tie: the first best action kept at every class (sweep_compact.c) */
    if (an->nequilibria[k] >= 0 && an->first_only && an->first_only[k])
        brink_buf_puts(b, " (other equilibria not ruled out)");
}

/* A sweep as a table: parameter value(s), watched choice (or equilibrium count), expected
 * numeric issues, each actor's expected value. Nothing is cut: a column is as wide as its
 * widest cell, and when some choice is longer than CHOICE_W the choices are keyed (1), (2),
 * ... with the key below the table. */
#define CHOICE_W 48

/* One polygon of a region map: its watched choices, its extent and whether it is exact (its
 * vertices then exactly) or traced. */
static void map_polygon_line(const brink_scenario *sc, const brink_answer *an,
                             const brink_map_polygon *p, brink_buf *line, brink_buf *out)
{
    const char *x = brink_scenario_param(sc, an->q->param[0])->name,
               *y = brink_scenario_param(sc, an->q->param[1])->name;
    int top = p->nv / 2 - 1;   /* the left boundary's last vertex: the top line */
    brink_buf_puts(line, "  ");
    brink_threshold_write_choice(an->lines[p->line], sc, p->region, line);
    /* the choice is of the equilibria found: unless every interval on the polygon's lines is
     * proved complete, others are not ruled out (polygons carry no completeness themselves) */
    int incomplete = 0;
    for (int l = p->line; l <= p->line + top && l < an->nlines && !incomplete; l++)
        for (int r = 0; an->lines[l] && r < an->lines[l]->nregions; r++) {
            const brink_region *g = &an->lines[l]->regions[r];
            incomplete |= g->status == BRINK_REGION_CERTIFIED && !g->point && !g->complete;
        }
    if (incomplete)
        brink_buf_puts(line, " (other equilibria not ruled out)");
    if (p->exact) {
        int lo = 0, hi = 0;   /* the vertices with the least and greatest x */
        for (int v = 1; v < p->nv; v++) {
            lo = mpq_cmp(p->xyq[2 * v], p->xyq[2 * lo]) < 0 ? v : lo;
            hi = mpq_cmp(p->xyq[2 * v], p->xyq[2 * hi]) > 0 ? v : hi;
        }
        brink_buf_printf(line, " for %s within [", x);
        rep_q(line, p->xyq[2 * lo]);
        brink_buf_puts(line, ", ");
        rep_q(line, p->xyq[2 * hi]);
        brink_buf_printf(line, "], %s from ", y);
        rep_q(line, p->xyq[1]);
        brink_buf_puts(line, " to ");
        rep_q(line, p->xyq[2 * top + 1]);
        brink_buf_puts(line, ", exact: vertices");
        for (int v = 0; v < p->nv; v++) {
            brink_buf_puts(line, v ? ", (" : " (");
            rep_q(line, p->xyq[2 * v]);
            brink_buf_puts(line, ", ");
            rep_q(line, p->xyq[2 * v + 1]);
            brink_buf_puts(line, ")");
        }
    } else {
        double x0 = p->xy[0], x1 = p->xy[0];
        for (int v = 1; v < p->nv; v++) {
            x0 = p->xy[2 * v] < x0 ? p->xy[2 * v] : x0;
            x1 = p->xy[2 * v] > x1 ? p->xy[2 * v] : x1;
        }
        double band = 0;   /* this polygon's highest band */
        for (int v = 0; v < top; v++)
            if (p->xy[2 * v + 3] - p->xy[2 * v + 1] > band)
                band = p->xy[2 * v + 3] - p->xy[2 * v + 1];
        brink_buf_printf(line, " for %s within [", x);
        rep_num_pair(line, x0, ", ", x1);
        brink_buf_printf(line, "], %s from ", y);
        rep_q(line, an->line_q[p->line]);   /* the lines are exact */
        brink_buf_puts(line, " to ");
        rep_q(line, an->line_q[p->line + top]);
        brink_buf_puts(line, ", traced: only the lines were solved (the edges between them may "
                             "bend within bands ");
        rep_num(line, band);
        brink_buf_puts(line, " high, and other regions may lie wholly between two lines)");
    }
    flush(out, line, 4);
}

/* Grid point k's value of the sweep's parameter d: exact (short) where the double's text
 * would mislead (beyond its range, or huge or tiny), else as a number to `digits` significant
 * digits (4: rep_num's form; 0: exactly, for grids finer than the doubles). */
static void sweep_x(const brink_answer *an, int k, int d, int digits, brink_buf *line)
{
    double x = an->x[2 * k + d];
    const mpq_t *xq = an->xq ? &an->xq[2 * k + d] : NULL;
    if (xq && (digits == 0 || !isfinite(x) || fabs(x) >= 1e15 || (x != 0 && fabs(x) < 1e-9) ||
               (x == 0 && mpq_sgn(*xq) != 0))) {   /* below the doubles: not "0" */
        if (!rep_q_short(line, *xq))
            brink_buf_put_q(line, *xq);
    } else if (digits > 4) {
        brink_buf_printf(line, "%.*g", digits, x);
    } else {
        rep_num(line, x);
    }
}

/* The significant digits that print the grid values of parameter d distinct from their
 * neighbours (a fine grid: 0.33333 and 0.33334 are not both "0.3333"): 4 when they suffice,
 * up to 17; 0 (exactly) when even the doubles coincide. Points: x0 varies fastest. */
static int sweep_x_digits(const brink_answer *an, int d, brink_buf *a, brink_buf *b)
{
    const brink_question *q = an->q;
    int n = q->steps[d], stride = d ? q->steps[0] : 1;
    if (n < 2 || (size_t)(n - 1) * (size_t)stride >= (size_t)an->npoints)
        return 4;
    for (int digits = 4; digits <= 17; digits++) {
        int ok = 1;
        for (int i = 1; i < n && ok; i++) {
            brink_buf_reset(a);
            brink_buf_reset(b);
            sweep_x(an, (i - 1) * stride, d, digits, a);
            sweep_x(an, i * stride, d, digits, b);
            ok = a->len != b->len || (a->len && memcmp(a->data, b->data, a->len));
        }
        brink_buf_reset(a);
        brink_buf_reset(b);
        if (ok)
            return digits;
    }
    return 0;
}

static void sweep_table(const brink_analysis *a, const brink_answer *an, brink_buf *out,
                        brink_buf *line)
{
    const brink_scenario *sc = a->sc;
    const brink_question *q = an->q;
    int na = brink_scenario_nactors(sc);   /* a compact game has no tree (a->game) */
    int ni = brink_scenario_nissues(sc);
    size_t wp[2] = {8, 8}, wc = q->watch ? strlen(q->watch) : 10;
    int digits[2] = {4, 4};
    for (int d = 0; d < q->nparams; d++) {
        size_t l = strlen(brink_scenario_param(sc, q->param[d])->name);
        wp[d] = l > 8 ? l : 8;
        brink_buf b2;
        brink_buf_init(&b2);
        digits[d] = sweep_x_digits(an, d, line, &b2);
        if (b2.failed)
            line->failed = 1;
        brink_buf_free(&b2);
        for (int k = 0; k < an->npoints; k++) {   /* as wide as the widest value */
            sweep_x(an, k, d, digits[d], line);
            if (line->len > wp[d])
                wp[d] = line->len;
            brink_buf_reset(line);
        }
    }
    /* distinct choice texts, to key them when long */
    int *key = brink_calloc((size_t)an->npoints + 1, sizeof *key), nkeys = 0, keyed = 0;
    brink_buf *texts = brink_calloc((size_t)an->npoints + 1, sizeof *texts);
    if (!key || !texts) {
        free(key);
        free(texts);
        out->failed = 1;
        return;
    }
    for (int k = 0; k < an->npoints; k++) {
        sweep_choice(a, an, k, line);
        keyed |= line->len > CHOICE_W;
        int found = -1;
        for (int j = 0; j < nkeys && found < 0; j++)
            if (texts[j].len == line->len && !memcmp(texts[j].data, line->data, line->len))
                found = j;
        if (found < 0) {
            brink_buf_init(&texts[nkeys]);
            brink_buf_append(&texts[nkeys], line->data ? line->data : "", line->len);
            found = nkeys++;
        }
        key[k] = found;
        if (line->len > wc)
            wc = line->len;
        clear(out, line);
    }
    if (keyed) {
        brink_buf_printf(line, "(%d)", nkeys);
        wc = q->watch ? strlen(q->watch) : 10;
        if (line->len > wc)
            wc = line->len;
        clear(out, line);
    }
    /* numeric columns as wide as their names */
    size_t *wn = brink_calloc((size_t)(ni + na) + 1, sizeof *wn);
    if (!wn) {
        for (int j = 0; j < nkeys; j++)
            brink_buf_free(&texts[j]);
        free(texts);
        free(key);
        out->failed = 1;
        return;
    }
    for (int k = 0; k < ni; k++) {
        size_t l = strlen(brink_scenario_issue_name(sc, k));
        wn[k] = l > 11 ? l : 11;
    }
    for (int p = 0; p < na; p++) {
        size_t l = strlen(brink_scenario_actor_id(sc, p));
        wn[ni + p] = l > 9 ? l : 9;
    }
    brink_buf_puts(line, "    ");
    for (int d = 0; d < q->nparams; d++) {
        size_t at = line->len;
        brink_buf_puts(line, brink_scenario_param(sc, q->param[d])->name);
        pad_to(line, at + wp[d]);
        brink_buf_puts(line, "  ");
    }
    size_t at = line->len;
    brink_buf_puts(line, q->watch ? q->watch : "equilibria");
    pad_to(line, at + wc);
    for (int k = 0; k < ni; k++)
        if (brink_scenario_issue_nlevels(sc, k) == 0)
            brink_buf_printf(line, " %*s", (int)wn[k], brink_scenario_issue_name(sc, k));
    for (int p = 0; p < na; p++)
        brink_buf_printf(line, " %*s", (int)wn[ni + p], brink_scenario_actor_id(sc, p));
    brink_buf_puts(out, rep_text(line));
    brink_buf_puts(out, "\n");
    clear(out, line);
    brink_buf num;
    brink_buf_init(&num);
    int several = 0;
    for (int k = 0; k < an->npoints; k++) {
        brink_buf_puts(line, "    ");
        for (int d = 0; d < q->nparams; d++) {
            size_t c = line->len;
            sweep_x(an, k, d, digits[d], line);
            pad_to(line, c + wp[d]);
            brink_buf_puts(line, "  ");
        }
        size_t c = line->len;
        if (keyed)
            brink_buf_printf(line, "(%d)", key[k] + 1);
        else
            sweep_choice(a, an, k, line);
        pad_to(line, c + wc);
        /* several equilibria: the numbers are the first one's, marked so */
        int sev = an->nequilibria[k] > 1 || (an->first_only && an->first_only[k]);
        const char *mark = sev ? "*" : "";
        several |= sev;
        for (int i = 0; i < ni; i++) {
            if (brink_scenario_issue_nlevels(sc, i))
                continue;
            brink_buf_reset(&num);
            rep_num(&num, an->issue_mean[(size_t)k * (size_t)ni + (size_t)i]);
            brink_buf_puts(&num, mark);
            brink_buf_printf(line, " %*s", (int)wn[i], an->nequilibria[k] > 0 ? rep_text(&num) : "-");
        }
        for (int p = 0; p < na; p++) {
            brink_buf_reset(&num);
            rep_num(&num, an->value[(size_t)k * (size_t)na + (size_t)p]);
            brink_buf_puts(&num, mark);
            brink_buf_printf(line, " %*s", (int)wn[ni + p],
                             an->nequilibria[k] > 0 ? rep_text(&num) : "-");
        }
        brink_buf_append(out, rep_text(line), line->len);
        brink_buf_puts(out, "\n");
        clear(out, line);
    }
    if (several) {
        brink_buf_puts(line, "* several equilibria at this point: the numbers are those of the "
                             "first one found (--json: \"equilibria\" is the count, of plays where \"profiles\" "
                             "counts the profiles)");
        flush(out, line, 4);
    }
    for (int j = 0; keyed && j < nkeys; j++) {
        brink_buf_printf(line, "(%d) ", j + 1);
        brink_buf_append(line, texts[j].data ? texts[j].data : "", texts[j].len);
        flush(out, line, 4);
    }
    for (int j = 0; j < nkeys; j++) {
        if (texts[j].failed)
            out->failed = 1;
        brink_buf_free(&texts[j]);
    }
    free(texts);
    free(key);
    free(wn);
    if (num.failed || line->failed)
        out->failed = 1;
    brink_buf_free(&num);
    /* the grid points that failed, each with its place in the scenario */
    for (int k = 0; k < an->nfailed; k++) {
        const brink_point_failure *f = &an->failed[k];
        const char *file = brink_scenario_filename(sc);
        brink_buf_puts(line, "failed: ");
        if (f->line > 0 && file && file[0])
            brink_buf_printf(line, "%s:%d:%d: ", file, f->line, f->column > 0 ? f->column : 1);
        brink_buf_puts(line, f->message);
        flush(out, line, 4);
    }
    /* exact boundaries between the grid points */
    if (an->threshold) {
        brink_buf_puts(line, "exact regions: ");
        brink_threshold_write_brief(an->threshold, sc, line, NULL);
        flush(out, line, 4);
    }
    for (int k = 0; k < an->nlines; k++) {
        if (!an->lines[k])
            continue;
        brink_buf_printf(line, "exact regions at %s = ",
                         brink_scenario_param(sc, q->param[1])->name);
        rep_q(line, an->line_q[k]);
        brink_buf_puts(line, ": ");
        brink_threshold_write_brief(an->lines[k], sc, line, NULL);
        flush(out, line, 4);
    }
    if (an->nlines) {
        const char *y = brink_scenario_param(sc, an->q->param[1])->name;
        int nexact = 0;
        for (int k = 0; k < an->npolygons; k++)
            nexact += an->polygons[k].exact;
        brink_buf_printf(line, "region map: %d region%s over %d lines of %s (lines added half "
                         "way where neighbours disagree); boundaries exact on the lines",
                         an->npolygons, an->npolygons == 1 ? "" : "s", an->nlines, y);
        if (nexact == an->npolygons && nexact)
            brink_buf_puts(line, " and between them (every region proved exact; other "
                                 "equilibria strictly between the lines are not ruled out)");
        else {
            if (nexact)
                brink_buf_printf(line, "; between them exact for the %d region%s marked exact, "
                                 "traced straight for the others", nexact, nexact == 1 ? "" : "s");
            else
                brink_buf_puts(line, ", traced straight between them");
            brink_buf_puts(line, " (bands at most ");
            rep_num(line, an->map_band);
            /* only the lines were solved: a region born and gone between two lines that agree
             * is never looked for (tester 11, F1) */
            brink_buf_puts(line, " high); where traced, a region lying wholly between two "
                                 "lines is not ruled out");
        }
        if (an->nunresolved)
            brink_buf_printf(line, "; %d band%s not resolved (below)", an->nunresolved,
                             an->nunresolved == 1 ? "" : "s");
        flush(out, line, 4);
        for (int k = 0; k < an->npolygons; k++)
            map_polygon_line(sc, an, &an->polygons[k], line, out);
        for (int k = 0; k < an->nunresolved; k++) {
            brink_buf_printf(line, "  not resolved for %s between ", y);
            rep_num_pair(line, an->unresolved[2 * k], " and ", an->unresolved[2 * k + 1]);
            brink_buf_puts(line, " (the regions differ on the two lines at 1/8 of the grid spacing)");
            flush(out, line, 4);
        }
    }
}

/* The threshold engine's answer (its own section, replaced with the engine). */
static void threshold_answer(const brink_analysis *a, const brink_answer *an, brink_buf *out,
                             brink_buf *line)
{
    (void)line;
    brink_buf_printf(out, "    watching %s:\n", an->q->watch ? an->q->watch : "(nothing)");
    if (an->threshold)
        brink_threshold_write_text(an->threshold, a->sc, out, NULL);
}

/* ": A from lo to hi, B ..." for the actors whose value ranges (" in the outcomes that
 * follow" when none does). */
static void value_ranges(brink_buf *line, const brink_scenario *sc, int np, const double *lo,
                         const double *hi)
{
    const char *sep = ": ";
    for (int p = 0; p < np; p++) {
        if (lo[p] == hi[p])
            continue;
        brink_buf_printf(line, "%s%s from ", sep, brink_scenario_actor_id(sc, p));
        rep_num(line, lo[p]);
        brink_buf_puts(line, " to ");
        rep_num(line, hi[p]);
        sep = ", ";
    }
    brink_buf_puts(line, sep[0] == ':' ? " in the outcomes that follow" : "");
}

/* The same on a compact game (compare_compact.c): the decision point named by its path, its
 * options' labels and the outcome groups' levels read off the classes. */
static void compare_answer_compact(const brink_analysis *a, const brink_answer *an,
                                   brink_buf *out, brink_buf *line)
{
    const brink_scenario *sc = a->sc;
    const sc_compact *k = sc->compact;
    int h = an->watch_class, np = k->np, ni = k->ni, G = 0, *gof = NULL, *gleaf = NULL;
    if (sc_compact_leaf_groups(sc, k, &G, &gof, &gleaf, NULL) || G != an->ngroups) {
        free(gof);
        free(gleaf);
        out->failed = 1;
        return;
    }
    brink_buf_printf(line, "-> what follows each choice of %s ", brink_scenario_actor_id(sc,
                     k->mover[h]));
    /* when: the events on its path, the tree's last SC_VIEW_SHOWN (64) */
    int n = an->compare_npath, shown = n > 64 ? 64 : n, c = k->root;
    if (!n)
        brink_buf_puts(line, "at the start");
    else
        brink_buf_puts(line, "after ");
    if (n > shown)
        brink_buf_printf(line, "(%d earlier events), ", n - shown);
    for (int i = 0; i < n; i++) {
        int e = an->compare_path[i];
        if (i >= n - shown) {
            const sc_node *nd = k->node[c];
            brink_buf_printf(line, "%s%s %s", i > n - shown ? ", " : "",
                             k->mover[c] >= 0 ? brink_scenario_actor_id(sc, k->mover[c])
                                              : nd->name ? nd->name : "chance",
                             nd->opt_labels[e - k->child_start[c]]);
        }
        c = k->child[e];
    }
    brink_buf_puts(line, " (first equilibrium):");
    flush(out, line, 4);
    for (int o = 0; o < an->nopts; o++) {
        brink_buf_printf(line, "%s:", k->node[h]->opt_labels[o]);
        for (int p = 0; p < np; p++) {
            brink_buf_printf(line, "%s %s ", p ? "," : "", brink_scenario_actor_id(sc, p));
            rep_num(line, an->opt_value[(size_t)o * (size_t)np + (size_t)p]);
        }
        /* outcomes only where the scenario has issues, as an equilibrium's list has them
         * (else the one group is "100% every outcome") */
        int listed = 0, groups = rep_has_discrete_issue(sc);
        brink_buf_puts(line, groups ? ";" : ".");
        for (int g = 0; g < G && groups; g++) {
            double pr = an->opt_group[(size_t)o * (size_t)G + (size_t)g];
            if (pr <= 1e-12)
                continue;
            brink_buf_puts(line, listed++ ? "; " : " ");
            rep_pct(line, pr);
            brink_buf_puts(line, " ");
            /* the group's levels: those of its first leaf */
            rep_group_levels(line, sc, k->leaf_level + (size_t)k->leaf[gleaf[g]] * (size_t)ni,
                             0);
        }
        if (listed)
            brink_buf_puts(line, ".");
        if (an->opt_differ[o]) {
            const double *lo = &an->opt_value_lo[(size_t)o * (size_t)np];
            const double *hi = &an->opt_value_hi[(size_t)o * (size_t)np];
            brink_buf_puts(line, " (The subgame-perfect equilibria differ after it");
            value_ranges(line, sc, np, lo, hi);
            if (an->opt_pure_capped)
                brink_buf_puts(line, "; over some of the pure subgame-perfect equilibria (a "
                                     "list of their consequences reached its cap): others "
                                     "may lead elsewhere.)");
            else
                brink_buf_puts(line, "; over every pure subgame-perfect equilibrium: mixed "
                                     "ones may lead elsewhere.)");
        }
        if (!an->opt_alike[o])
            brink_buf_puts(line, " (Play after it as in the equilibrium shown; other equilibria "
                                 "with its play continue differently.)");
        flush(out, line, 6);
    }
    free(gof);
    free(gleaf);
}

static void compare_answer(const brink_analysis *a, const brink_answer *an, brink_buf *out,
                           brink_buf *line)
{
    const brink_scenario *sc = a->sc;
    const brink_efg *g = a->game;
    if (a->compact) {
        compare_answer_compact(a, an, out, line);
        return;
    }
    int h = an->infoset, a0 = g->infoset_action_start[h];
    brink_buf_puts(line, "-> what follows each choice of ");
    rep_who(line, sc, g, h);
    brink_buf_puts(line, " ");
    rep_when(line, sc, h);
    brink_buf_puts(line, " (first equilibrium):");
    flush(out, line, 4);
    for (int o = 0; o < an->nopts; o++) {
        brink_buf_printf(line, "%s:", g->action_label[a0 + o]);
        for (int p = 0; p < g->nplayers; p++) {
            brink_buf_printf(line, "%s %s ", p ? "," : "", brink_scenario_actor_id(sc, p));
            rep_num(line, an->opt_value[(size_t)o * (size_t)g->nplayers + (size_t)p]);
        }
        /* the outcomes separated by "; " as an equilibrium's "Outcomes:" line has them, and
         * as it does only where the scenario has issues (else "100% every outcome") */
        int listed = 0, groups = rep_has_discrete_issue(sc);
        brink_buf_puts(line, groups ? ";" : ".");
        for (int k = 0; k < a->ngroups && groups; k++) {
            double pr = an->opt_group[(size_t)o * (size_t)a->ngroups + (size_t)k];
            if (pr <= 1e-12)
                continue;
            brink_buf_puts(line, listed++ ? "; " : " ");
            rep_pct(line, pr);
            brink_buf_puts(line, " ");
            rep_group(line, a, k);
        }
        if (listed)
            brink_buf_puts(line, ".");
        if (an->opt_differ && an->opt_differ[o]) {
            /* the other equilibria's consequences of this option (tester 11, F7.4) */
            const double *lo = &an->opt_value_lo[(size_t)o * (size_t)g->nplayers];
            const double *hi = &an->opt_value_hi[(size_t)o * (size_t)g->nplayers];
            brink_buf_printf(line, " (The %d equilibria differ after it", a->count);
            /* the ranges are over the equilibria listed: the search's qualifier, as the
             * list's heading says it (tester 14, N5: a mixed subgame-perfect equilibrium
             * the extreme-point search does not list lay outside them) */
            value_ranges(line, sc, g->nplayers, lo, hi);
            brink_buf_puts(line, "; over the equilibria listed (search: ");
            rep_coverage(line, &a->method);
            brink_buf_puts(line, "): equilibria not listed may lead elsewhere.)");
        }
        /* the first equilibrium stands for a play: others with it may go on differently */
        int fixed = 1;
        for (int x = 0; x < g->infoset_nmembers[h] && a->count; x++)
            fixed &= brink_equilibrium_continuation_fixed(
                g, &a->eq[0], brink_efg_child(g, g->infoset_member[g->infoset_member_start[h] + x], o));
        if (!fixed)
            brink_buf_puts(line, " (Play after it as in the equilibrium shown; other equilibria "
                                 "with its play continue differently.)");
        flush(out, line, 6);
    }
}

static void answers(const brink_analysis *a, brink_buf *out, brink_buf *line)
{
    if (!a->nanswers)
        return;
    /* their time apart from the solve's on the method line */
    if (a->questions_seconds >= 100)
        brink_buf_printf(out, "\nQuestions (answered in %.0f s):\n", a->questions_seconds);
    else
        brink_buf_printf(out, "\nQuestions (answered in %.2g s):\n", a->questions_seconds);
    for (int i = 0; i < a->nanswers; i++) {
        const brink_answer *an = &a->answers[i];
        const brink_question *q = an->q;
        brink_buf_printf(line, "[%s] %s", q->id, q->ask[0] ? q->ask : "");
        flush(out, line, 2);
        if (an->status) {
            const char *file = brink_scenario_filename(a->sc);
            if (an->line > 0 && file && file[0])   /* the place of the cause in the file */
                brink_buf_printf(line, "could not be answered: %s:%d:%d: %s", file, an->line,
                                 an->column > 0 ? an->column : 1, an->message ? an->message : "");
            else
                brink_buf_printf(line, "could not be answered: %s",
                                 an->message ? an->message : "");
            flush(out, line, 4);
            continue;
        }
        if (q->kind == BRINK_Q_THRESHOLD)
            threshold_answer(a, an, out, line);
        else if (q->kind == BRINK_Q_SWEEP)
            sweep_table(a, an, out, line);
        else
            compare_answer(a, an, out, line);
    }
}

brink_status brink_analysis_write_text(const brink_analysis *a, brink_buf *out, brink_error *err)
{
    brink_buf line;
    brink_buf_init(&line);
    header(a, out, &line);
    parameters(a, out, &line);
    if (a->compact) {   /* solved on the compact game (src/report/compact.c) */
        brink_status st = an_compact_write_text(a, out, err);
        if (!st) {
            answers(a, out, &line);   /* threshold questions; the others say why not */
            if (line.failed || out->failed)
                st = brink_error_set(err, BRINK_ENOMEM, "out of memory writing the report");
        }
        brink_buf_free(&line);
        return st;
    }
    game_line(a, out, &line);
    equilibria(a, out, &line);
    answers(a, out, &line);
    if (line.failed)
        out->failed = 1;
    brink_buf_free(&line);
    if (out->failed)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory writing the report");
    return BRINK_OK;
}
