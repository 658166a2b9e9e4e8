/* answer.c — answers to declared questions other than thresholds (threshold.c):
 *
 *   sweep    solve on a grid of one or two parameters (the others at their defaults) and
 *            record the watched choice, the number of equilibria, each actor's expected value
 *            and the outcome probabilities of the first equilibrium at every point;
 *   compare  for each option of the watched decision, what follows if it is taken (in the
 *            first equilibrium): each actor's expected value and the outcome probabilities,
 *            weighting the decision's nodes by the actor's beliefs; and whether the other
 *            equilibria differ there (each actor's value range over them).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"
#include "brink/threshold.h"

void an_answer_free(brink_answer *ans)
{
    brink_threshold_free(ans->threshold);
    for (int j = 0; ans->lines && j < ans->nlines; j++)
        brink_threshold_free(ans->lines[j]);
    free(ans->lines);
    free(ans->line_x);
    for (int j = 0; ans->line_q && j < ans->nlines; j++)
        mpq_clear(ans->line_q[j]);
    free(ans->line_q);
    for (int k = 0; ans->polygons && k < ans->npolygons; k++) {
        free(ans->polygons[k].xy);
        if (ans->polygons[k].xyq)
            brink_q_array_free(ans->polygons[k].xyq, (size_t)ans->polygons[k].nv * 2);
    }
    free(ans->polygons);
    free(ans->unresolved);
    free(ans->message);
    free(ans->watch);
    free(ans->watch_start);
    free(ans->x);
    if (ans->xq)
        brink_q_array_free(ans->xq, (size_t)ans->npoints * 2);
    if (ans->choice)
        for (int i = 0; i < ans->npoints; i++)
            free(ans->choice[i].prob);
    free(ans->choice);
    free(ans->nequilibria);
    if (ans->profiles)
        for (int i = 0; i < ans->npoints; i++)
            mpz_clear(ans->profiles[i]);
    free(ans->profiles);
    free(ans->by_play);
    free(ans->profiles_at_least);
    for (int k = 0; k < ans->nfailed; k++)
        free(ans->failed[k].message);
    free(ans->failed);
    free(ans->value);
    free(ans->group_prob);
    free(ans->first_only);
    free(ans->issue_mean);
    free(ans->opt_value);
    free(ans->opt_group);
    free(ans->opt_value_lo);
    free(ans->opt_value_hi);
    free(ans->opt_differ);
    free(ans->compare_path);
    free(ans->opt_alike);
}

/* A grid point's bind or solve failed: keep the error's place (the expression or chance node
 * in the file) and add the point, "at x = 1" ("at x = 1, y = 2/3"), which the place alone
 * does not tell. */
brink_status an_sweep_at_point(const brink_scenario *sc, const brink_question *q,
                               const mpq_t *values, brink_status st, brink_error *err)
{
    if (!err || st == BRINK_ENOMEM)
        return st;
    brink_buf b;
    brink_buf_init(&b);
    /* bind says "at these parameter values": name them instead */
    static const char vague[] = " at these parameter values";
    size_t n = strlen(err->message), k = sizeof vague - 1;
    if (n >= k && !strcmp(err->message + n - k, vague))
        n -= k;
    brink_buf_printf(&b, "%.*s at ", (int)n, err->message);
    for (int d = 0; d < q->nparams; d++) {
        char *v = brink_q_to_string(values[q->param[d]]);
        brink_buf_printf(&b, "%s%s = %s", d ? ", " : "", brink_scenario_param(sc, q->param[d])->name,
                         v ? v : "?");
        free(v);
    }
    if (b.failed) {
        brink_buf_free(&b);
        return st;
    }
    brink_error e = *err;
    brink_error_set_at(err, st, e.file, e.line, e.column, "%s", b.data);
    brink_buf_free(&b);
    return st;
}

/* Record the failure in err (already located and ending with the point) for grid point k,
 * and clear err. */
brink_status an_sweep_point_failed(brink_answer *ans, int k, brink_error *err)
{
    brink_point_failure *grown =
        brink_reallocarray(ans->failed, (size_t)ans->nfailed + 1, sizeof *ans->failed);
    if (!grown)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    ans->failed = grown;
    brink_point_failure *f = &ans->failed[ans->nfailed];
    f->point = k;
    f->status = err ? err->code : BRINK_EINVALID;
    f->line = err ? err->line : 0;
    f->column = err ? err->column : 0;
    const char *msg = err && err->message[0] ? err->message : "failed";
    size_t n = strlen(msg);
    if (!(f->message = malloc(n + 1)))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    memcpy(f->message, msg, n + 1);
    ans->nfailed++;
    ans->nequilibria[k] = -1;
    brink_error_clear(err);
    return BRINK_OK;
}

int an_sweep_arrays(brink_answer *ans, size_t N, int na, int G, int ni, int first_only)
{
    ans->npoints = (int)N;
    ans->ngroups = G;
    ans->x = brink_calloc(N * 2, sizeof *ans->x);
    ans->xq = brink_q_array_new(N * 2);
    ans->choice = brink_calloc(N, sizeof *ans->choice);
    ans->nequilibria = brink_calloc(N, sizeof *ans->nequilibria);
    ans->by_play = brink_calloc(N, sizeof *ans->by_play);
    ans->profiles_at_least = brink_calloc(N, sizeof *ans->profiles_at_least);
    if ((ans->profiles = brink_calloc(N, sizeof *ans->profiles)))
        for (size_t k = 0; k < N; k++)
            mpz_init(ans->profiles[k]);
    if (first_only)
        ans->first_only = brink_calloc(N, 1);
    ans->value = brink_calloc(N * (size_t)na, sizeof *ans->value);
    ans->group_prob = brink_calloc(N * (size_t)(G ? G : 1), sizeof *ans->group_prob);
    ans->issue_mean = brink_calloc(N * (size_t)(ni ? ni : 1), sizeof *ans->issue_mean);
    return !ans->x || !ans->xq || !ans->choice || !ans->nequilibria || !ans->by_play ||
                   !ans->profiles || !ans->profiles_at_least || (first_only && !ans->first_only) ||
                   !ans->value || !ans->group_prob || !ans->issue_mean
               ? -1
               : 0;
}

static brink_status sweep(const brink_scenario *sc, const brink_analysis *an,
                          const brink_analysis_options *o, brink_answer *ans, brink_error *err)
{
    const brink_question *q = ans->q;
    int np = brink_scenario_nparams(sc), na = brink_scenario_nactors(sc), G = an->ngroups;
    int n0 = q->steps[0], n1 = q->nparams > 1 ? q->steps[1] : 1;
    if (q->watch && an_watch(sc, an->game, q->watch, ans, err))
        return err ? err->code : BRINK_ENOMEM;
    if (!q->watch && !(ans->watch_start = brink_calloc(1, sizeof *ans->watch_start)))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    size_t N = (size_t)n0 * (size_t)n1;
    int ni = brink_scenario_nissues(sc);
    int arrays = an_sweep_arrays(ans, N, na, G, ni, 0);
    brink_scenario_instance *in = brink_scenario_instance_new(sc, err);
    mpq_t *values = brink_q_array_new((size_t)np + 1);
    brink_status st = BRINK_OK;
    if (!in) {
        brink_q_array_free(values, (size_t)np + 1);
        return err->code;
    }
    mpq_t glo[2], ghi[2];
    for (int d = 0; d < 2; d++)
        mpq_inits(glo[d], ghi[d], NULL);
    for (int d = 0; d < q->nparams; d++)
        an_question_range(q, d, glo[d], ghi[d]);
    if (arrays || !values) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    brink_scenario_defaults(sc, values);
    const brink_efg *g = brink_scenario_instance_game(in);
    /* every equilibrium at each grid point whatever the size of the tree, as the main
     * analysis and `analyze --set` do: a grid point on a tie would otherwise list one */
    brink_analysis_options go = *o;
    go.all_limit_nodes = -1;
    for (int j = 0; j < n1 && !st; j++) {
        for (int i = 0; i < n0 && !st; i++) {
            size_t k = (size_t)j * (size_t)n0 + (size_t)i;
            int idx[2] = {i, j}, ns[2] = {n0, n1};
            for (int d = 0; d < q->nparams; d++) {
                /* exactly: a grid over [0, 1e400] is not a grid of doubles */
                mpq_t *xq = &ans->xq[2 * k + (size_t)d], *v = &values[q->param[d]];
                mpq_set_ui(*v, (unsigned long)idx[d], (unsigned long)(ns[d] - 1));
                mpq_canonicalize(*v);   /* i / (n - 1) */
                mpq_sub(*xq, ghi[d], glo[d]);
                mpq_mul(*xq, *xq, *v);
                mpq_add(*xq, *xq, glo[d]);
                mpq_set(*v, *xq);
                ans->x[2 * k + (size_t)d] = brink_q_get_d(*xq);
            }
            brink_eqset s;
            if ((st = brink_scenario_bind_q(in, (const mpq_t *)values, err)) ||
                (st = brink_analysis_solve(in, an->leaf_group, G, &go, &s, err))) {
                an_sweep_at_point(sc, q, (const mpq_t *)values, st, err);
                if (st == BRINK_ENOMEM)
                    break;
                /* this point only: it is reported with its place, the others go on */
                st = an_sweep_point_failed(ans, (int)k, err);
                continue;
            }
            ans->nequilibria[k] = s.count;
            if (s.profiles) {   /* one per play: the profiles behind them, counted */
                ans->by_play[k] = 1;
                mpz_set(ans->profiles[k], *s.profiles);
                ans->profiles_at_least[k] = s.profiles_at_least;
            }
            st = brink_eqset_choice(g, &s, ans->watch, ans->watch_start, ans->nwatch,
                                    &ans->choice[k], err);
            if (!st && s.count) {
                memcpy(ans->value + k * (size_t)na, s.eq[0].value, (size_t)na * sizeof(double));
                memcpy(ans->group_prob + k * (size_t)G, s.eq[0].group_prob,
                       (size_t)G * sizeof(double));
                memcpy(ans->issue_mean + k * (size_t)ni, s.eq[0].issue_mean,
                       (size_t)ni * sizeof(double));
            }
            brink_eqset_free(&s, g);
        }
    }
    if (!st && ans->nfailed == ans->npoints) {   /* nothing answered: the first failure */
        const brink_point_failure *f = &ans->failed[0];
        st = brink_error_set_at(err, f->status, brink_scenario_filename(sc), f->line, f->column,
                                "%s", f->message);
        goto out;
    }
    /* exact boundaries between the grid points (the certified continuation over the same
     * range; along each grid line of the second parameter for two) */
    if (!st && q->watch && ans->nwatch > 0 && o->questions) {
        mpq_t lo, hi;
        mpq_inits(lo, hi, NULL);
        an_question_range(q, 0, lo, hi);
        brink_scenario_defaults(sc, values);
        if (q->nparams == 1) {
            ans->threshold = brink_threshold_compute(sc, q->param[0], lo, hi,
                                                     (const mpq_t *)values, ans->watch,
                                                     ans->nwatch, o, err);
            if (!ans->threshold)
                st = err ? err->code : BRINK_ENOMEM;
        } else {
            st = an_region_map(sc, q, lo, hi, values, n1, NULL, ans, o, err);
        }
        mpq_clears(lo, hi, NULL);
    }
out:
    for (int d = 0; d < 2; d++)
        mpq_clears(glo[d], ghi[d], NULL);
    brink_q_array_free(values, (size_t)np + 1);
    brink_scenario_instance_free(in);
    return st;
}

/* What follows option a at set h in equilibrium eq: each actor's expected value val[np] and
 * the outcome probabilities grp[G], the set's nodes weighted by the mover's beliefs. w[m] and
 * r[nnodes] are scratch. */
static void option_follows(const brink_analysis *an, const brink_equilibrium *eq, int h, int a,
                           double *w, double *r, double *val, double *grp)
{
    const brink_efg *g = an->game;
    int np = g->nplayers, G = an->ngroups, m = g->infoset_nmembers[h],
        ms = g->infoset_member_start[h];
    for (int i = 0; i < np; i++)
        val[i] = 0;
    for (int k = 0; k < G; k++)
        grp[k] = 0;
    an_infoset_weights(g, eq, h, w);
    for (int x = 0; x < m; x++) {
        int c = brink_efg_child(g, g->infoset_member[ms + x], a);
        int end = c + g->node_subtree_size[c];
        brink_efg_reach_below(g, eq->behav, c, r);
        for (int v = c; v < end; v++) {
            int l = g->node_leaf[v];
            if (l < 0 || r[v] == 0)
                continue;
            double p = w[x] * r[v];
            grp[an->leaf_group[l]] += p;
            for (int i = 0; i < np; i++)
                val[i] += p * g->leaf_pay[(size_t)l * (size_t)np + (size_t)i];
        }
    }
}

/* option_follows in rationals, for a profile with them (eq->behavq) in a game with exact
 * payoffs: the same sums, stored as their nearest doubles, so that terms that cancel give 0 and
 * not rounding noise (tester 17: "fight: I 5.551e-17" where a weak chain-store incumbent's
 * value is exactly 0). Off the path the set's weights are the beliefs' doubles, taken exactly.
 * Scratch: wq[m], rq[nnodes], valq[np], grpq[G], t (initialised). */
static void option_follows_exact(const brink_analysis *an, const brink_equilibrium *eq, int h,
                                 int a, mpq_t *wq, mpq_t *rq, mpq_t *valq, mpq_t *grpq, mpq_t t,
                                 double *val, double *grp)
{
    const brink_efg *g = an->game;
    int np = g->nplayers, G = an->ngroups, m = g->infoset_nmembers[h],
        ms = g->infoset_member_start[h], chance0 = g->player_action_start[g->nplayers];
    const mpq_t *bq = (const mpq_t *)eq->behavq;
    for (int i = 0; i < np; i++)
        mpq_set_ui(valq[i], 0, 1);
    for (int k = 0; k < G; k++)
        mpq_set_ui(grpq[k], 0, 1);
    mpq_set_ui(t, 0, 1);   /* the set's reach */
    for (int x = 0; x < m; x++) {
        mpq_set_ui(wq[x], 1, 1);
        for (int v = g->infoset_member[ms + x]; v > 0; v = g->node_parent[v]) {
            int b = g->node_action[v];
            mpq_mul(wq[x], wq[x], b >= chance0 ? g->action_probq[b] : bq[b]);
        }
        mpq_add(t, t, wq[x]);
    }
    for (int x = 0; x < m; x++) {
        double b = eq->belief[g->infoset_member[ms + x]];
        if (mpq_sgn(t) > 0)
            mpq_div(wq[x], wq[x], t);
        else
            mpq_set_d(wq[x], isfinite(b) ? b : 0);   /* GMP aborts on NaN */
    }
    for (int x = 0; x < m; x++) {
        int c = brink_efg_child(g, g->infoset_member[ms + x], a);
        int end = c + g->node_subtree_size[c];
        mpq_set(rq[c], wq[x]);   /* the weight times the reach below c */
        for (int v = c; v < end; v++) {
            if (v > c) {
                int b = g->node_action[v];
                mpq_mul(rq[v], rq[g->node_parent[v]], b >= chance0 ? g->action_probq[b] : bq[b]);
            }
            int l = g->node_leaf[v];
            if (l < 0 || mpq_sgn(rq[v]) == 0)
                continue;
            mpq_add(grpq[an->leaf_group[l]], grpq[an->leaf_group[l]], rq[v]);
            for (int i = 0; i < np; i++) {
                mpq_mul(t, rq[v], g->leaf_payq[(size_t)l * (size_t)np + (size_t)i]);
                mpq_add(valq[i], valq[i], t);
            }
        }
    }
    for (int i = 0; i < np; i++)
        val[i] = brink_q_get_d(valq[i]);
    for (int k = 0; k < G; k++)
        grp[k] = brink_q_get_d(grpq[k]);
}

/* What follows option a in eq: in rationals where eq has them, else in doubles. */
static void follows(const brink_analysis *an, const brink_equilibrium *eq, int h, int a,
                    double *w, double *r, mpq_t *wq, mpq_t *rq, mpq_t *valq, mpq_t *grpq,
                    mpq_t t, double *val, double *grp)
{
    if (eq->behavq && wq)
        option_follows_exact(an, eq, h, a, wq, rq, valq, grpq, t, val, grp);
    else
        option_follows(an, eq, h, a, w, r, val, grp);
}

static int differs(double x, double y)
{
    return fabs(x - y) > 1e-9 * (1 + fabs(x) + fabs(y));
}

/* For each option of the watched decision: what follows in the first equilibrium, and over
 * every equilibrium kept the range of each actor's value and whether the equilibria differ
 * there at all (values or outcome probabilities): a compare answer must not present the first
 * equilibrium's consequence as the only one (tester 11, F7.4). */
static brink_status compare(const brink_scenario *sc, const brink_analysis *an,
                            brink_answer *ans, brink_error *err)
{
    if (an_watch(sc, an->game, ans->q->watch, ans, err))
        return err ? err->code : BRINK_ENOMEM;
    if (ans->nwatch < 1)
        return brink_error_set(err, BRINK_EINVALID, "'%s' matches no decision", ans->q->watch);
    /* one decision, by the rule of brink compare --at: the first of several in the game's
     * order, refused when they lie side by side or belong to different types (tester 12,
     * F9.6: 'B@*' answered for B's first decision silently) */
    int h = ans->watch[0];
    if (ans->nwatch > 1) {
        brink_status fs = brink_scenario_find_one_decision(sc, ans->q->watch, &h, err);
        if (fs)
            return fs;
    }
    if (!an->count)
        return brink_error_set(err, BRINK_EINVALID, "no equilibrium to compare options in");
    const brink_efg *g = an->game;
    int k = g->infoset_nactions[h], np = g->nplayers, G = an->ngroups,
        m = g->infoset_nmembers[h];
    size_t kv = (size_t)k * (size_t)np, kg = (size_t)k * (size_t)(G ? G : 1);
    ans->infoset = h;
    ans->nopts = k;
    ans->opt_value = brink_calloc(kv, sizeof *ans->opt_value);
    ans->opt_value_lo = brink_calloc(kv, sizeof *ans->opt_value_lo);
    ans->opt_value_hi = brink_calloc(kv, sizeof *ans->opt_value_hi);
    ans->opt_group = brink_calloc(kg, sizeof *ans->opt_group);
    ans->opt_differ = brink_calloc((size_t)k, sizeof *ans->opt_differ);
    double *w = brink_calloc((size_t)m, sizeof *w);
    double *r = brink_calloc((size_t)g->nnodes, sizeof *r);
    double *val = brink_calloc((size_t)np, sizeof *val);
    double *grp = brink_calloc((size_t)(G ? G : 1), sizeof *grp);
    /* the exact sums' scratch, when an equilibrium has rationals */
    int exact = 0;
    for (int e = 0; e < an->count && g->leaf_payq; e++)
        exact |= an->eq[e].behavq != NULL;
    mpq_t *wq = exact ? brink_q_array_new((size_t)m) : NULL;
    mpq_t *rq = exact ? brink_q_array_new((size_t)g->nnodes) : NULL;
    mpq_t *valq = exact ? brink_q_array_new((size_t)np) : NULL;
    mpq_t *grpq = exact ? brink_q_array_new((size_t)(G ? G : 1)) : NULL;
    mpq_t t;
    mpq_init(t);
    brink_status st = BRINK_OK;
    if (!ans->opt_value || !ans->opt_value_lo || !ans->opt_value_hi || !ans->opt_group ||
        !ans->opt_differ || !w || !r || !val || !grp ||
        (exact && (!wq || !rq || !valq || !grpq))) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    for (int a = 0; a < k; a++) {
        double *v0 = &ans->opt_value[(size_t)a * (size_t)np];
        double *lo = &ans->opt_value_lo[(size_t)a * (size_t)np];
        double *hi = &ans->opt_value_hi[(size_t)a * (size_t)np];
        double *g0 = &ans->opt_group[(size_t)a * (size_t)G];
        follows(an, &an->eq[0], h, a, w, r, wq, rq, valq, grpq, t, v0, g0);
        for (int i = 0; i < np; i++)
            lo[i] = hi[i] = v0[i];
        for (int e = 1; e < an->count; e++) {
            follows(an, &an->eq[e], h, a, w, r, wq, rq, valq, grpq, t, val, grp);
            for (int i = 0; i < np; i++) {
                ans->opt_differ[a] |= differs(val[i], v0[i]);
                lo[i] = fmin(lo[i], val[i]);
                hi[i] = fmax(hi[i], val[i]);
            }
            for (int q = 0; q < G; q++)
                ans->opt_differ[a] |= differs(grp[q], g0[q]);
        }
    }
out:
    free(w);
    free(r);
    free(val);
    free(grp);
    mpq_clear(t);
    if (wq)
        brink_q_array_free(wq, (size_t)m);
    if (rq)
        brink_q_array_free(rq, (size_t)g->nnodes);
    if (valq)
        brink_q_array_free(valq, (size_t)np);
    if (grpq)
        brink_q_array_free(grpq, (size_t)(G ? G : 1));
    return st;
}

brink_status an_answer(const brink_scenario *sc, const brink_analysis *a,
                       const brink_analysis_options *o, brink_answer *ans, brink_error *err)
{
    if (brink_scenario_is_compact(sc) && ans->q->kind == BRINK_Q_COMPARE)
        return an_compare_compact(sc, a, o, ans, err);
    if (brink_scenario_is_compact(sc) && ans->q->kind == BRINK_Q_SWEEP)
        return an_sweep_compact(sc, o, ans, err);
    switch (ans->q->kind) {
    case BRINK_Q_THRESHOLD:
        return an_answer_threshold(sc, a, o, ans, err);
    case BRINK_Q_SWEEP:
        return sweep(sc, a, o, ans, err);
    case BRINK_Q_COMPARE:
        return compare(sc, a, ans, err);
    }
    return brink_error_set(err, BRINK_EINTERNAL, "unknown question kind");
}
