/* eqsolve.c — choose a method for a game, solve, assess, refine, verify, summarise.
 *
 * The preference table is the only place that knows which methods exist; it is matched
 * against the solver registry at run time, so methods that land later are used as soon as
 * they are registered. A method that refuses a game (too big, not applicable) hands over to
 * the next one in the table.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"

void brink_analysis_options_init(brink_analysis_options *o)
{
    memset(o, 0, sizeof *o);
    o->method = NULL;
    o->refine = 1;
    o->max_equilibria = 6;
    o->tol = 1e-9;
    o->questions = 1;
    o->scan_points = 17;
    o->threshold_tol = 1e-10;
    o->time_limit = 0;
    o->max_profiles = 64;
    o->all_limit_nodes = 5000;
    o->max_reduced_cells = 20000;
    o->max_solves = 200;
}

enum { NEED_PI = 1, NEED_IMPERFECT = 2, NEED_2P = 4 };

/* Methods that work on the reduced strategic form run only when that form is small enough
 * (reduced_ok below); the others always may. */
static int uses_reduced_form(const char *name)
{
    return !strcmp(name, "enumpure") || !strcmp(name, "enummixed") || !strcmp(name, "lcp");
}

/* Plans, best first. A plan applies when the game has what it needs and its first method is
 * registered; the other methods of the plan run too (when registered) and their equilibria
 * are merged, e.g. every extreme equilibrium plus a sequential one with its beliefs. */
#define PLAN_MAX 3
static const struct {
    const char *methods[PLAN_MAX];
    unsigned need;
    const char *why;
} PLANS[] = {
    {{"spe"}, NEED_PI,
     "perfect information: backward induction finds every subgame-perfect equilibrium exactly"},
    {{"enummixed", "sequential"}, NEED_IMPERFECT | NEED_2P,
     "two actors, imperfect information, small: every extreme equilibrium of the reduced "
     "strategic form (mixed ones included) and a sequential equilibrium, each checked for "
     "sequential rationality"},
    {{"sequential", "enumpure"}, NEED_IMPERFECT | NEED_2P,
     "two actors, imperfect information: a sequential (quasi-perfect) equilibrium with its "
     "beliefs, plus every pure-strategy equilibrium when the reduced strategic form is small, "
     "each checked for sequential rationality"},
    {{"enumpure", "seqlcp"}, NEED_IMPERFECT | NEED_2P,
     "two actors, imperfect information: every pure-strategy equilibrium of the reduced "
     "strategic form, plus the one Lemke's algorithm finds on the sequence form (possibly "
     "mixed); each checked for sequential rationality"},
    {{"seqlcp"}, NEED_IMPERFECT | NEED_2P,
     "two actors, imperfect information: Lemke's algorithm on the sequence form, checked for "
     "sequential rationality"},
    {{"enumpure", "agent-logit"}, NEED_IMPERFECT,
     "imperfect information: every pure-strategy equilibrium of the reduced strategic form "
     "(and the limit of the agent quantal-response path when registered), each checked for "
     "sequential rationality"},
    {{"agent-logit"}, NEED_IMPERFECT,
     "imperfect information, large: the limit of the agent quantal-response path, checked for "
     "sequential rationality"},
    {{"enumpure"}, 0, "every pure-strategy equilibrium of the reduced strategic form"},
};
#define NPLANS ((int)(sizeof PLANS / sizeof PLANS[0]))

/* Number of reduced pure strategies of player p, without building the strategic form: with
 * perfect recall each information set hangs under one own sequence (the player's last action
 * on the way to it), and count(h) = sum over actions a of the product of count(h') over the
 * sets h' under (h, a); the player's total is the product over the sets under the empty
 * sequence. Doubles: huge counts become large or infinite, which is all the caller needs. */
static double reduced_count(const brink_efg *g, int p, double *cnt, int *parent_action)
{
    int h0 = g->player_infoset_start[p], h1 = g->player_infoset_start[p + 1];
    for (int h = h0; h < h1; h++) {
        int v = g->infoset_member[g->infoset_member_start[h]];
        parent_action[h - h0] = -1;
        for (int u = v; u > 0; u = g->node_parent[u]) {
            int par = g->node_parent[u];
            if (g->infoset_player[g->node_infoset[par]] == p) {
                parent_action[h - h0] = g->node_action[u];
                break;
            }
        }
    }
    /* deeper sets have larger first-node indices: go from the last set to the first, folding
     * each finished count into its parent action's product (kept in cnt per action) */
    int a0 = g->player_action_start[p], na = g->player_action_start[p + 1] - a0;
    for (int k = 0; k < na; k++)
        cnt[k] = 1;
    double total = 1;
    int nh = h1 - h0;
    int *order = brink_calloc((size_t)(nh ? nh : 1), sizeof *order);
    if (!order)
        return INFINITY;
    /* order by first node, descending */
    int *all = brink_calloc((size_t)g->player_infoset_start[g->nplayers] + 1, sizeof *all);
    if (!all) {
        free(order);
        return INFINITY;
    }
    an_infosets_by_first_node(g, all, 1);
    int k = 0;
    for (int i = 0; i < g->player_infoset_start[g->nplayers]; i++)
        if (all[i] >= h0 && all[i] < h1)
            order[k++] = all[i];
    free(all);
    for (int i = 0; i < nh; i++) {
        int h = order[i];
        double c = 0;
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            c += cnt[g->infoset_action_start[h] + a - a0];
        int pa = parent_action[h - h0];
        if (pa < 0)
            total *= c;
        else
            cnt[pa - a0] *= c;
    }
    free(order);
    return total;
}

double an_reduced_cells(const brink_efg *g)
{
    int na = g->nactions, nh = g->player_infoset_start[g->nplayers];
    double *cnt = brink_calloc((size_t)(na ? na : 1), sizeof *cnt);
    int *pa = brink_calloc((size_t)(nh ? nh : 1), sizeof *pa);
    double cells = cnt && pa ? 1 : INFINITY;
    for (int p = 0; p < g->nplayers && cnt && pa; p++)
        cells *= reduced_count(g, p, cnt, pa);
    free(cnt);
    free(pa);
    return cells;
}

/* Is the reduced strategic form small enough for enumeration (o->max_reduced_cells)? */
static int reduced_ok(const brink_efg *g, const brink_analysis_options *o)
{
    return an_reduced_cells(g) <= (double)o->max_reduced_cells;
}

static int plan_applies(int i, const brink_efg *g, int small_nf)
{
    unsigned n = PLANS[i].need;
    if ((n & NEED_PI) && !g->perfect_info)
        return 0;
    if ((n & NEED_IMPERFECT) && g->perfect_info)
        return 0;
    if ((n & NEED_2P) && g->nplayers != 2)
        return 0;
    const char *first = PLANS[i].methods[0];
    if (uses_reduced_form(first) && !small_nf)
        return 0;
    return brink_solver_find(first) != NULL;
}

const brink_solver *brink_analysis_method(const brink_efg *g, const brink_analysis_options *o,
                                          const char **why, brink_error *err)
{
    if (o && o->method) {
        const brink_solver *s = brink_solver_find(o->method);
        if (!s)
            brink_error_set(err, BRINK_EINVALID, "no method named '%s' (brink solve --list)",
                            o->method);
        if (why)
            *why = "chosen by the user";
        return s;
    }
    brink_analysis_options defaults;
    if (!o) {
        brink_analysis_options_init(&defaults);
        o = &defaults;
    }
    int small = g->perfect_info ? 0 : reduced_ok(g, o);
    for (int i = 0; i < NPLANS; i++) {
        if (plan_applies(i, g, small)) {
            if (why)
                *why = PLANS[i].why;
            return brink_solver_find(PLANS[i].methods[0]);
        }
    }
    brink_error_set(err, BRINK_EUNSUPPORTED, "no registered method applies to this game");
    return NULL;
}

void brink_eqset_free(brink_eqset *s, const brink_efg *g)
{
    if (!s)
        return;
    for (int i = 0; i < s->count; i++)
        an_eq_free(&s->eq[i], g);
    free(s->eq);
    memset(s, 0, sizeof *s);
}

static int same_play(const brink_efg *g, const brink_equilibrium *a, const brink_equilibrium *b,
                     double tol)
{
    int end = g->player_action_start[g->nplayers];
    for (int k = 0; k < end; k++)
        if (fabs(a->behav[k] - b->behav[k]) > tol)
            return 0;
    return 1;
}

/* Exact (when possible) Nash verification of an assessed equilibrium. */
static brink_status verify(const brink_efg *g, brink_equilibrium *eq, brink_error *err)
{
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_profile *pr = brink_profile_list_add(&l, BRINK_PROFILE_BEHAV, g->nactions,
                                               eq->behavq != NULL, err);
    if (!pr) {
        brink_profile_list_free(&l);
        return err ? err->code : BRINK_ENOMEM;
    }
    memcpy(pr->p, eq->behav, (size_t)g->nactions * sizeof *pr->p);
    if (eq->behavq)
        for (int a = 0; a < g->nactions; a++)
            mpq_set(pr->q[a], eq->behavq[a]);
    brink_status st = brink_verify_efg(g, pr, eq->behavq != NULL, err);
    if (!st) {
        eq->verified = pr->verified;
        eq->max_regret = pr->max_regret;
        if (pr->valueq && pr->nvalue == g->nplayers) {
            eq->valueq = brink_q_array_new((size_t)g->nplayers);
            if (!eq->valueq)
                st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
            else
                for (int i = 0; i < g->nplayers; i++)
                    mpq_set(eq->valueq[i], pr->valueq[i]);
        }
    }
    brink_profile_list_free(&l);
    return st;
}

/* Run one method and merge its (assessed, verified) equilibria into out. */
static brink_status run(const brink_solver *s, const brink_scenario_instance *in,
                        const int *leaf_group, int ngroups, const brink_analysis_options *o,
                        brink_eqset *out, brink_error *err)
{
    brink_efg *g = brink_scenario_instance_game((brink_scenario_instance *)in);
    const brink_scenario *sc = brink_scenario_instance_scenario(in);
    brink_game game = {BRINK_GAME_EFG, NULL, g};
    brink_solve_options so;
    brink_solve_options_init(&so);
    so.exact = 0;   /* exact pivoting is slow; methods still certify exactly (profiles carry q) */
    so.all = o->all_limit_nodes < 0 || g->nnodes <= o->all_limit_nodes;
    so.time_limit = o->time_limit;
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_status st = brink_solve(s, &game, &so, &l, err);
    if (st) {
        brink_profile_list_free(&l);
        return st;
    }
    size_t len = strlen(out->method);
    snprintf(out->method + len, sizeof out->method - len, "%s%s", len ? "+" : "", s->name);
    if (!out->guarantee)
        out->guarantee = s->guarantee;
    out->complete = out->complete || l.stats.complete;
    out->nfound += l.count;
    brink_equilibrium *grown = brink_reallocarray(out->eq, (size_t)(out->count + l.count + 1),
                                                  sizeof *out->eq);
    if (!grown) {
        brink_profile_list_free(&l);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    out->eq = grown;
    int examine = l.count;
    if (o->max_profiles > 0 && examine > o->max_profiles) {
        examine = o->max_profiles;
        out->truncated = 1;
    }
    for (int i = 0; i < examine && !st; i++) {
        brink_equilibrium eq;
        st = an_assess(g, l.items[i].p, l.items[i].q ? (const mpq_t *)l.items[i].q : NULL, o->tol,
                       &eq, err);
        if (st)
            break;
        int keep = eq.sequential || !o->refine;
        for (int j = 0; keep && j < out->count; j++)
            if (same_play(g, &eq, &out->eq[j], o->tol))
                keep = -1;
        if (keep == 1) {
            const brink_profile *pr = &l.items[i];
            if (!eq.completed && pr->verified == 1 && pr->valueq && pr->nvalue == g->nplayers) {
                /* unchanged and already verified exactly by brink_solve */
                eq.verified = 1;
                eq.max_regret = pr->max_regret;
                eq.valueq = brink_q_array_new((size_t)g->nplayers);
                if (!eq.valueq)
                    st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
                else
                    for (int k = 0; k < g->nplayers; k++)
                        mpq_set(eq.valueq[k], pr->valueq[k]);
            } else {
                st = verify(g, &eq, err);
            }
        }
        if (!st && keep == 1 && eq.verified < 0)
            keep = 0;   /* completing off-path play broke the equilibrium: not kept */
        if (!st && keep == 1)
            st = an_eq_summarise(sc, in, g, leaf_group, ngroups, &eq, err);
        if (keep == 1 && !st) {
            out->eq[out->count++] = eq;
        } else {
            if (keep == 0)
                out->nrejected++;
            an_eq_free(&eq, g);
        }
    }
    brink_profile_list_free(&l);
    return st;
}

static int refusal(brink_status st)
{
    return st == BRINK_ETOOBIG || st == BRINK_EUNSUPPORTED || st == BRINK_ENOCONVERGE;
}

brink_status brink_analysis_solve(const brink_scenario_instance *in, const int *leaf_group,
                                  int ngroups, const brink_analysis_options *o,
                                  brink_eqset *out, brink_error *err)
{
    brink_analysis_options defaults;
    if (!o) {
        brink_analysis_options_init(&defaults);
        o = &defaults;
    }
    memset(out, 0, sizeof *out);
    const brink_efg *g = brink_scenario_instance_game((brink_scenario_instance *)in);
    if (o->method) {
        const brink_solver *s = brink_analysis_method(g, o, &out->method_why, err);
        if (!s)
            return err ? err->code : BRINK_EINVALID;
        brink_status st = run(s, in, leaf_group, ngroups, o, out, err);
        if (st)
            brink_eqset_free(out, g);
        return st;
    }
    /* the first plan whose methods accept the game; within a plan, a method that refuses the
     * game is skipped when another one answers */
    brink_status st = BRINK_EUNSUPPORTED;
    brink_error_set(err, st, "no registered method applies to this game");
    int small = g->perfect_info ? 0 : reduced_ok(g, o);
    for (int i = 0; i < NPLANS; i++) {
        if (!plan_applies(i, g, small))
            continue;
        brink_eqset_free(out, g);
        int ran = 0;
        st = BRINK_OK;
        for (int k = 0; k < PLAN_MAX && PLANS[i].methods[k]; k++) {
            const brink_solver *s = brink_solver_find(PLANS[i].methods[k]);
            if (!s || (uses_reduced_form(PLANS[i].methods[k]) && !small))
                continue;
            brink_error local;
            brink_error_clear(&local);
            brink_status r = run(s, in, leaf_group, ngroups, o, out, &local);
            if (r == BRINK_OK) {
                ran++;
            } else if (!refusal(r)) {
                st = r;
                if (err)
                    *err = local;
                break;
            } else if (!ran && err) {
                *err = local;
            }
        }
        if (st)
            break;
        if (ran) {
            out->method_why = PLANS[i].why;
            brink_error_clear(err);
            return BRINK_OK;
        }
        st = err ? err->code : BRINK_EUNSUPPORTED;
    }
    brink_eqset_free(out, g);
    return st ? st : BRINK_EUNSUPPORTED;
}

/* One infoset's choice in words (see brink_analysis_choice_text). */
static void one_choice(const brink_efg *g, const brink_eqset *s, int h, int probs, char *buf,
                       size_t size)
{
    int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
    size_t len = 0;
    buf[0] = '\0';
    /* the same pure action in every equilibrium? */
    int pure = -1, agree = 1;
    for (int e = 0; e < s->count && agree; e++) {
        int pe = -1;
        for (int a = 0; a < na; a++)
            if (s->eq[e].behav[a0 + a] > 1 - 1e-9)
                pe = a;
        if (pe < 0 || (e > 0 && pe != pure))
            agree = 0;
        pure = pe;
    }
    if (agree && pure >= 0) {
        snprintf(buf, size, "%s", g->action_label[a0 + pure]);
    } else if (s->count == 1) {
        if (!probs)
            len += (size_t)snprintf(buf + len, size - len, "mixes ");
        for (int a = 0, first = 1; a < na && len < size; a++) {
            double pa = s->eq[0].behav[a0 + a];
            if (pa <= 1e-9)
                continue;
            if (probs)
                len += (size_t)snprintf(buf + len, size - len, "%s%s %.3g%%", first ? "" : " / ",
                                        g->action_label[a0 + a], 100 * pa);
            else
                len += (size_t)snprintf(buf + len, size - len, "%s%s", first ? "" : "/",
                                        g->action_label[a0 + a]);
            first = 0;
        }
    } else {
        /* equilibria disagree: name the distinct choices ("hold_firm or concede") */
        int seen[64] = {0}, mixed = 0;
        for (int e = 0; e < s->count; e++) {
            int pe = -1;
            for (int a = 0; a < na; a++)
                if (s->eq[e].behav[a0 + a] > 1 - 1e-9)
                    pe = a;
            if (pe >= 0 && pe < 64)
                seen[pe] = 1;
            else
                mixed = 1;
        }
        len += (size_t)snprintf(buf + len, size - len, "either ");
        for (int a = 0, first = 1; a < na && a < 64 && len < size; a++) {
            if (!seen[a])
                continue;
            len += (size_t)snprintf(buf + len, size - len, "%s%s", first ? "" : " or ",
                                    g->action_label[a0 + a]);
            first = 0;
        }
        if (mixed && len < size)
            len += (size_t)snprintf(buf + len, size - len, " or a mixture");
        if (len < size)
            snprintf(buf + len, size - len, " (several equilibria)");
    }
}

void brink_analysis_choice_text(const brink_scenario *sc, const brink_efg *g,
                                const brink_eqset *s, const int *infosets, int n, int probs,
                                char *buf, size_t size)
{
    buf[0] = '\0';
    if (s->count == 0) {
        snprintf(buf, size, "no equilibrium found");
        return;
    }
    char first[200], cur[200];
    int same = 1;
    for (int k = 0; k < n; k++) {
        one_choice(g, s, infosets[k], probs, k ? cur : first, sizeof first);
        if (k && strcmp(cur, first) != 0)
            same = 0;
    }
    if (same) {   /* one answer for every watched decision */
        snprintf(buf, size, "%s", n ? first : "");
        return;
    }
    /* name each decision by the actor's type when they all saw the same, else by the view */
    int same_view = 1;
    for (int k = 1; k < n; k++)
        if (strcmp(brink_scenario_infoset_view(sc, infosets[k]),
                   brink_scenario_infoset_view(sc, infosets[0])) != 0)
            same_view = 0;
    size_t len = 0;
    for (int k = 0; k < n && len < size; k++) {
        int h = infosets[k], p = g->infoset_player[h], t = brink_scenario_infoset_type(sc, h);
        const char *view = brink_scenario_infoset_view(sc, h);
        one_choice(g, s, h, probs, cur, sizeof cur);
        const char *name = same_view && t >= 0 ? brink_scenario_type_name(sc, p, t)
                           : view[0]           ? view
                                               : "at the start";
        len += (size_t)snprintf(buf + len, size - len, "%s%s: %s", k ? "; " : "", name, cur);
    }
}
