/* threshold.c — where does a watched decision's equilibrium choice flip as one parameter
 * moves through its range?
 *
 * 1. Scan: solve at scan_points + 1 evenly spaced values (exact rationals) and describe the
 *    watched choice at each (brink_analysis_choice_text).
 * 2. Bracket: between neighbours whose descriptions differ, bisect in exact rationals until
 *    the bracket is narrower than threshold_tol times the range.
 * 3. Pin down: the watched actor is indifferent at a flip. Holding the equilibrium found just
 *    below the flip fixed, its payoff gap D(x) between the two actions (beliefs by Bayes'
 *    rule, payoffs and chance re-bound at x) is evaluated exactly at the simplest rational in
 *    the bracket; D = 0 there makes the threshold exact. Otherwise GSL's Brent solver finds
 *    the root of D inside the bracket (a continuous indicator), else the midpoint is given.
 */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"

#define MAX_WATCH 64

typedef struct tctx {
    const brink_scenario *sc;
    const brink_analysis *a;
    const brink_analysis_options *o;
    brink_scenario_instance *in;
    mpq_t *values;
    int np, param;
    int watch[MAX_WATCH], nwatch;
    int solves;
    brink_error *err;
} tctx;

/* Solve at x and describe the watched choice; keeps the equilibria in *s (caller frees). */
static brink_status state_at(tctx *t, const mpq_t x, brink_eqset *s, char *text, size_t size)
{
    mpq_set(t->values[t->param], x);
    brink_status st = brink_scenario_bind_q(t->in, (const mpq_t *)t->values, t->err);
    if (st)
        return st;
    st = brink_analysis_solve(t->in, t->a->leaf_group, t->a->ngroups, t->o, s, t->err);
    if (st)
        return st;
    t->solves++;
    brink_analysis_choice_text(t->sc, brink_scenario_instance_game(t->in), s, t->watch,
                               t->nwatch, 0, text, size);
    return BRINK_OK;
}

/* Simplest rational (smallest denominator) in [lo, hi], lo <= hi. */
static void simplest_between(mpq_t out, const mpq_t lo_in, const mpq_t hi_in)
{
    mpq_t lo, hi, t;
    mpz_t fl;
    mpq_inits(lo, hi, t, NULL);
    mpz_init(fl);
    mpq_set(lo, lo_in);
    mpq_set(hi, hi_in);
    int neg = 0;
    if (mpq_sgn(lo) <= 0 && mpq_sgn(hi) >= 0) {
        mpq_set_ui(out, 0, 1);
        goto done;
    }
    if (mpq_sgn(hi) < 0) {
        neg = 1;
        mpq_neg(t, lo);
        mpq_neg(lo, hi);
        mpq_set(hi, t);
    }
    /* continued fractions of the two ends until they part */
    mpz_t terms[128];
    int n = 0;
    for (; n < 128; n++) {
        mpz_fdiv_q(fl, mpq_numref(lo), mpq_denref(lo));
        mpq_set_z(t, fl);
        if (mpq_equal(t, lo)) {         /* lo is an integer: it is in the interval */
            mpz_init_set(terms[n++], fl);
            break;
        }
        mpq_set_z(t, fl);
        mpz_add_ui(mpq_numref(t), mpq_numref(t), 1);   /* t = floor(lo) + 1 */
        if (mpq_cmp(t, hi) <= 0) {
            mpz_init_set(terms[n++], mpq_numref(t));
            break;
        }
        mpz_init_set(terms[n], fl);
        /* (lo, hi) <- (1 / (hi - fl), 1 / (lo - fl)) */
        mpq_set_z(t, fl);
        mpq_sub(lo, lo, t);
        mpq_sub(hi, hi, t);
        mpq_inv(t, lo);
        mpq_inv(lo, hi);
        mpq_set(hi, t);
    }
    if (n == 128) {   /* pathological: fall back to the lower end */
        mpq_set(out, lo_in);
        for (int i = 0; i < n; i++)
            mpz_clear(terms[i]);
        goto done;
    }
    mpq_set_z(out, terms[n - 1]);
    for (int i = n - 2; i >= 0; i--) {
        mpq_inv(out, out);
        mpq_set_z(t, terms[i]);
        mpq_add(out, out, t);
    }
    for (int i = 0; i < n; i++)
        mpz_clear(terms[i]);
    if (neg)
        mpq_neg(out, out);
done:
    mpq_clears(lo, hi, t, NULL);
    mpz_clear(fl);
}

/* The pure (or most likely) action of the first equilibrium at infoset h. */
static int main_action(const brink_efg *g, const brink_eqset *s, int h)
{
    if (!s->count)
        return -1;
    int a0 = g->infoset_action_start[h], best = 0;
    for (int a = 1; a < g->infoset_nactions[h]; a++)
        if (s->eq[0].behav[a0 + a] > s->eq[0].behav[a0 + best])
            best = a;
    return best;
}

/* Exact payoff gap of the mover at h between actions a1 and a0, behaviour fixed (player
 * infosets from behavq, chance from the game's current binding). Weighted by reach (Bayes,
 * unnormalised: the sign is what matters, and zero is zero), uniform when unreached. */
static brink_status gap_exact(const brink_efg *g, const mpq_t *behavq, int h, int a1, int a0,
                              mpq_t out, brink_error *err)
{
    int N = g->nnodes, p = g->infoset_player[h], np = g->nplayers;
    int first_chance = g->player_infoset_start[np];
    mpq_t *reach = brink_q_array_new((size_t)N), *U = brink_q_array_new((size_t)N);
    mpq_t tmp, w;
    if (!reach || !U) {
        brink_q_array_free(reach, (size_t)N);
        brink_q_array_free(U, (size_t)N);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    mpq_inits(tmp, w, NULL);
#define PROB(act, hh) ((hh) >= first_chance ? g->action_probq[act] : behavq[act])
    mpq_set_ui(reach[0], 1, 1);
    for (int v = 1; v < N; v++) {
        int par = g->node_parent[v];
        mpq_mul(reach[v], reach[par], PROB(g->node_action[v], g->node_infoset[par]));
    }
    for (int v = N - 1; v >= 0; v--) {
        int hh = g->node_infoset[v];
        if (hh < 0) {
            mpq_set(U[v], g->leaf_payq[(size_t)g->node_leaf[v] * (size_t)np + (size_t)p]);
            continue;
        }
        mpq_set_ui(U[v], 0, 1);
        int b0 = g->infoset_action_start[hh];
        for (int a = 0; a < g->infoset_nactions[hh]; a++) {
            if (mpq_sgn(PROB(b0 + a, hh)) == 0)
                continue;
            mpq_mul(tmp, PROB(b0 + a, hh), U[brink_efg_child(g, v, a)]);
            mpq_add(U[v], U[v], tmp);
        }
    }
#undef PROB
    int m = g->infoset_nmembers[h], ms = g->infoset_member_start[h];
    int reached = 0;
    for (int x = 0; x < m; x++)
        if (mpq_sgn(reach[g->infoset_member[ms + x]]) > 0)
            reached = 1;
    mpq_set_ui(out, 0, 1);
    for (int x = 0; x < m; x++) {
        int v = g->infoset_member[ms + x];
        if (reached)
            mpq_set(w, reach[v]);
        else
            mpq_set_ui(w, 1, 1);
        mpq_sub(tmp, U[brink_efg_child(g, v, a1)], U[brink_efg_child(g, v, a0)]);
        mpq_mul(tmp, tmp, w);
        mpq_add(out, out, tmp);
    }
    mpq_clears(tmp, w, NULL);
    brink_q_array_free(reach, (size_t)N);
    brink_q_array_free(U, (size_t)N);
    return BRINK_OK;
}

/* Same in doubles, for Brent (normalised by the reach of h so the scale is a payoff). */
typedef struct gapf {
    tctx *t;
    const double *behav;
    int h, a1, a0;
    double *reach, *U;
    int failed;
} gapf;

static double gap_double(double x, void *vp)
{
    gapf *f = vp;
    tctx *t = f->t;
    mpq_set_d(t->values[t->param], x);
    brink_error local;
    if (brink_scenario_bind_q(t->in, (const mpq_t *)t->values, &local)) {
        f->failed = 1;
        return 0;
    }
    const brink_efg *g = brink_scenario_instance_game(t->in);
    int N = g->nnodes, p = g->infoset_player[f->h], np = g->nplayers;
    int first_chance = g->player_infoset_start[np];
    f->reach[0] = 1;
    for (int v = 1; v < N; v++) {
        int par = g->node_parent[v], act = g->node_action[v];
        f->reach[v] = f->reach[par] *
                      (g->node_infoset[par] >= first_chance ? g->action_prob[act] : f->behav[act]);
    }
    for (int v = N - 1; v >= 0; v--) {
        int hh = g->node_infoset[v];
        if (hh < 0) {
            f->U[v] = g->leaf_pay[(size_t)g->node_leaf[v] * (size_t)np + (size_t)p];
            continue;
        }
        f->U[v] = 0;
        int b0 = g->infoset_action_start[hh];
        for (int a = 0; a < g->infoset_nactions[hh]; a++) {
            double pr = hh >= first_chance ? g->action_prob[b0 + a] : f->behav[b0 + a];
            f->U[v] += pr * f->U[brink_efg_child(g, v, a)];
        }
    }
    int m = g->infoset_nmembers[f->h], ms = g->infoset_member_start[f->h];
    double R = 0, d = 0;
    for (int k = 0; k < m; k++)
        R += f->reach[g->infoset_member[ms + k]];
    for (int k = 0; k < m; k++) {
        int v = g->infoset_member[ms + k];
        double w = R > 0 ? f->reach[v] / R : 1.0 / m;
        d += w * (f->U[brink_efg_child(g, v, f->a1)] - f->U[brink_efg_child(g, v, f->a0)]);
    }
    return d;
}

static brink_status pin_down(tctx *t, const mpq_t lo, const mpq_t hi, brink_flip *fl)
{
    brink_status st = BRINK_OK;
    brink_eqset below;
    memset(&below, 0, sizeof below);
    char tmp[160];
    const brink_efg *g = brink_scenario_instance_game(t->in);
    mpq_t r, gap, mid;
    mpq_inits(r, gap, mid, NULL);
    mpq_add(mid, lo, hi);
    mpq_div_2exp(mid, mid, 1);
    fl->lo = mpq_get_d(lo);
    fl->hi = mpq_get_d(hi);
    fl->at = mpq_get_d(mid);
    fl->exact = 0;
    if ((st = state_at(t, lo, &below, tmp, sizeof tmp)))
        goto out;
    brink_eqset above;
    if ((st = state_at(t, hi, &above, tmp, sizeof tmp)))
        goto out;
    /* The flip happens because some actor becomes indifferent: look for an information set
     * (watched ones first, then all) whose choice differs across the bracket and whose
     * exact payoff gap vanishes at the simplest rational in the bracket. */
    int h = -1, a0 = -1, a1 = -1;
    int nh = g->player_infoset_start[g->nplayers];
    simplest_between(r, lo, hi);
    int certified = 0;
    for (int pass = 0; pass < 2 && !certified; pass++) {
        int n = pass == 0 ? t->nwatch : nh;
        for (int k = 0; k < n && !certified; k++) {
            int hh = pass == 0 ? t->watch[k] : k;
            int x = main_action(g, &below, hh), y = main_action(g, &above, hh);
            if (x < 0 || y < 0 || x == y)
                continue;
            if (h < 0) {
                h = hh;
                a0 = x;
                a1 = y;
            }
            if (!below.eq[0].behavq)
                continue;
            /* the gap must be strictly negative below the flip (a real preference, not a
             * permanent tie) and exactly zero at r */
            for (int at = 0; at < 2; at++) {
                mpq_set(t->values[t->param], at == 0 ? lo : r);
                if ((st = brink_scenario_bind_q(t->in, (const mpq_t *)t->values, t->err)) ||
                    (st = gap_exact(g, (const mpq_t *)below.eq[0].behavq, hh, y, x, gap,
                                    t->err))) {
                    brink_eqset_free(&above, g);
                    goto out;
                }
                if (at == 0 && mpq_sgn(gap) >= 0)
                    break;
                if (at == 1 && mpq_sgn(gap) == 0)
                    certified = 1;
            }
        }
    }
    brink_eqset_free(&above, g);
    if (certified) {
        fl->exact = 1;
        fl->at = mpq_get_d(r);
        char *qs = brink_q_to_string(r);
        snprintf(fl->exactq, sizeof fl->exactq, "%s", qs ? qs : "");
        free(qs);
        goto out;
    }
    if (h < 0 || !below.count)
        goto out;
    /* Brent on the continuous gap, when it changes sign across the bracket */
    gapf f = {t, below.eq[0].behav, h, a1, a0, NULL, NULL, 0};
    f.reach = brink_calloc((size_t)g->nnodes, sizeof *f.reach);
    f.U = brink_calloc((size_t)g->nnodes, sizeof *f.U);
    if (!f.reach || !f.U) {
        free(f.reach);
        free(f.U);
        st = brink_error_set(t->err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    double xl = mpq_get_d(lo), xh = mpq_get_d(hi);
    double fa = gap_double(xl, &f), fb = gap_double(xh, &f);
    if (!f.failed && isfinite(fa) && isfinite(fb) && fa * fb < 0) {
        gsl_function F = {gap_double, &f};
        gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
        if (s && gsl_root_fsolver_set(s, &F, xl, xh) == GSL_SUCCESS) {
            for (int it = 0; it < 100 && !f.failed; it++) {
                if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
                    break;
                if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s),
                                           gsl_root_fsolver_x_upper(s), 0, 1e-15) == GSL_SUCCESS)
                    break;
            }
            if (!f.failed)
                fl->at = gsl_root_fsolver_root(s);
        }
        gsl_root_fsolver_free(s);
    }
    free(f.reach);
    free(f.U);
out:
    brink_eqset_free(&below, g);
    mpq_clears(r, gap, mid, NULL);
    return st;
}

static brink_status threshold(tctx *t, brink_answer *ans, const mpq_t lo, const mpq_t hi)
{
    int K = t->o->scan_points < 2 ? 2 : t->o->scan_points;
    const brink_efg *g = brink_scenario_instance_game(t->in);
    char (*text)[160] = brink_calloc((size_t)K + 1, sizeof *text);
    mpq_t *xs = brink_q_array_new((size_t)K + 1);
    mpq_t a, b, m, width, tolw;
    mpq_inits(a, b, m, width, tolw, NULL);
    brink_status st = BRINK_OK;
    if (!text || !xs) {
        st = brink_error_set(t->err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    mpq_sub(width, hi, lo);
    for (int j = 0; j <= K && !st; j++) {
        mpq_set_ui(xs[j], (unsigned long)j, (unsigned long)K);
        mpq_mul(xs[j], xs[j], width);
        mpq_add(xs[j], xs[j], lo);
        brink_eqset s;
        st = state_at(t, xs[j], &s, text[j], sizeof text[j]);
        if (!st)
            brink_eqset_free(&s, g);
    }
    if (st)
        goto out;
    snprintf(ans->at_lo, sizeof ans->at_lo, "%s", text[0]);
    snprintf(ans->at_hi, sizeof ans->at_hi, "%s", text[K]);
    brink_q_from_double_approx(tolw, t->o->threshold_tol, 1e-3 * t->o->threshold_tol);
    mpq_mul(tolw, tolw, width);
    for (int j = 0; j < K && !st; j++) {
        if (strcmp(text[j], text[j + 1]) == 0)
            continue;
        if (ans->nflips >= BRINK_ANALYSIS_MAX_FLIPS)
            break;
        brink_flip *fl = &ans->flips[ans->nflips++];
        snprintf(fl->before, sizeof fl->before, "%s", text[j]);
        char sa[160], sm[160];
        snprintf(sa, sizeof sa, "%s", text[j]);
        snprintf(fl->after, sizeof fl->after, "%s", text[j + 1]);
        mpq_set(a, xs[j]);
        mpq_set(b, xs[j + 1]);
        for (int it = 0; it < 200 && !st; it++) {
            mpq_sub(m, b, a);
            if (mpq_cmp(m, tolw) <= 0)
                break;
            mpq_add(m, a, b);
            mpq_div_2exp(m, m, 1);
            brink_eqset s;
            st = state_at(t, m, &s, sm, sizeof sm);
            if (st)
                break;
            brink_eqset_free(&s, g);
            if (strcmp(sm, sa) == 0) {
                mpq_set(a, m);
            } else {
                mpq_set(b, m);
                /* a third state met on the way (typically indifference exactly at the
                 * flip) is reported as such; `after` stays the state beyond the flip */
                if (strcmp(sm, text[j + 1]) != 0)
                    snprintf(fl->at_point, sizeof fl->at_point, "%s", sm);
                else
                    fl->at_point[0] = '\0';
            }
        }
        if (!st)
            st = pin_down(t, a, b, fl);
    }
out:
    free(text);
    brink_q_array_free(xs, (size_t)K + 1);
    mpq_clears(a, b, m, width, tolw, NULL);
    return st;
}

brink_status an_answer_threshold(const brink_scenario *sc, const brink_analysis *an,
                                 const brink_analysis_options *o, brink_answer *ans,
                                 brink_error *err)
{
    const brink_question *q = ans->q;
    tctx t;
    memset(&t, 0, sizeof t);
    t.sc = sc;
    t.a = an;
    t.o = o;
    t.err = err;
    t.param = q->param[0];
    t.np = brink_scenario_nparams(sc);
    t.nwatch = brink_scenario_find_decisions(sc, q->watch, t.watch, MAX_WATCH, err);
    if (t.nwatch < 0)
        return err ? err->code : BRINK_EINVALID;
    if (t.nwatch > MAX_WATCH)
        t.nwatch = MAX_WATCH;
    t.in = brink_scenario_instance_new(sc, err);
    t.values = brink_q_array_new((size_t)t.np + 1);
    brink_status st = BRINK_OK;
    mpq_t lo, hi;
    mpq_inits(lo, hi, NULL);
    if (!t.in || !t.values) {
        st = t.in ? brink_error_set(err, BRINK_ENOMEM, "out of memory") : err->code;
        goto out;
    }
    brink_scenario_defaults(sc, t.values);
    brink_q_from_double_approx(lo, q->lo[0], 1e-12);
    brink_q_from_double_approx(hi, q->hi[0], 1e-12);
    st = threshold(&t, ans, lo, hi);
    ans->solves = t.solves;
out:
    mpq_clears(lo, hi, NULL);
    brink_q_array_free(t.values, (size_t)t.np + 1);
    brink_scenario_instance_free(t.in);
    return st;
}
