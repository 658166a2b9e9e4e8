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
 *    the bracket; D = 0 there makes the threshold exact. Otherwise a bracketing solver finds
 *    the root of D inside the bracket (a continuous indicator), else the midpoint is given.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"
#include "core/root.h"

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

/* Exact reach probabilities and continuation values of every player, behaviour fixed
 * (player infosets from behavq, chance from the game's current binding). */
static void exact_eval(const brink_efg *g, const mpq_t *behavq, mpq_t *reach, mpq_t *U,
                       mpq_t tmp)
{
    int N = g->nnodes, np = g->nplayers, first_chance = g->player_infoset_start[np];
#define PROB(act, hh) ((hh) >= first_chance ? g->action_probq[act] : behavq[act])
    mpq_set_ui(reach[0], 1, 1);
    for (int v = 1; v < N; v++) {
        int par = g->node_parent[v];
        mpq_mul(reach[v], reach[par], PROB(g->node_action[v], g->node_infoset[par]));
    }
    for (int v = N - 1; v >= 0; v--) {
        int hh = g->node_infoset[v];
        mpq_t *u = U + (size_t)v * (size_t)np;
        if (hh < 0) {
            for (int i = 0; i < np; i++)
                mpq_set(u[i], g->leaf_payq[(size_t)g->node_leaf[v] * (size_t)np + (size_t)i]);
            continue;
        }
        for (int i = 0; i < np; i++)
            mpq_set_ui(u[i], 0, 1);
        int b0 = g->infoset_action_start[hh];
        for (int a = 0; a < g->infoset_nactions[hh]; a++) {
            if (mpq_sgn(PROB(b0 + a, hh)) == 0)
                continue;
            const mpq_t *uc = U + (size_t)brink_efg_child(g, v, a) * (size_t)np;
            for (int i = 0; i < np; i++) {
                mpq_mul(tmp, PROB(b0 + a, hh), uc[i]);
                mpq_add(u[i], u[i], tmp);
            }
        }
    }
#undef PROB
}

/* Payoff gap of the mover at h between actions a1 and a0: weighted by reach (Bayes,
 * unnormalised: the sign is what matters, and zero is zero), uniform when unreached. */
static void gap_from(const brink_efg *g, const mpq_t *reach, const mpq_t *U, int h, int a1,
                     int a0, mpq_t out, mpq_t tmp)
{
    int np = g->nplayers, p = g->infoset_player[h];
    int m = g->infoset_nmembers[h], ms = g->infoset_member_start[h], reached = 0;
    for (int x = 0; x < m; x++)
        if (mpq_sgn(reach[g->infoset_member[ms + x]]) > 0)
            reached = 1;
    mpq_set_ui(out, 0, 1);
    for (int x = 0; x < m; x++) {
        int v = g->infoset_member[ms + x];
        mpq_sub(tmp, U[(size_t)brink_efg_child(g, v, a1) * (size_t)np + (size_t)p],
                U[(size_t)brink_efg_child(g, v, a0) * (size_t)np + (size_t)p]);
        if (reached)
            mpq_mul(tmp, tmp, reach[v]);
        mpq_add(out, out, tmp);
    }
}

/* Same in doubles, for the root finder (normalised by the reach of h so the scale is a payoff). */
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

/* Scratch for exact certification. */
typedef struct certw {
    mpq_t *reach, *U, gap, tmp;
    size_t nU;
} certw;

/* Try to show that the flip in [lo, hi] (equilibria `below` at lo and `above` at hi) is
 * exactly at the simplest rational r of the bracket: some information set whose choice
 * differs across the bracket has, with below's behaviour fixed, a payoff gap strictly
 * negative at lo (a real preference, not a permanent tie) and exactly zero at r. */
static brink_status certify(tctx *t, const brink_eqset *below, const brink_eqset *above,
                            const mpq_t lo, const mpq_t hi, certw *w, mpq_t r, int *ok)
{
    const brink_efg *g = brink_scenario_instance_game(t->in);
    int nh = g->player_infoset_start[g->nplayers];
    *ok = 0;
    if (!below->count || !above->count || !below->eq[0].behavq)
        return BRINK_OK;
    simplest_between(r, lo, hi);
    /* candidates: watched infosets first, then all */
    int *cand = brink_calloc((size_t)(t->nwatch + nh + 1), sizeof *cand);
    int *c0 = brink_calloc((size_t)(t->nwatch + nh + 1), sizeof *c0);
    int *c1 = brink_calloc((size_t)(t->nwatch + nh + 1), sizeof *c1);
    mpq_t *glo = NULL;
    int nc = 0;
    brink_status st = BRINK_OK;
    if (!cand || !c0 || !c1) {
        st = brink_error_set(t->err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    for (int pass = 0; pass < 2; pass++) {
        int n = pass == 0 ? t->nwatch : nh;
        for (int k = 0; k < n; k++) {
            int h = pass == 0 ? t->watch[k] : k;
            int x = main_action(g, below, h), y = main_action(g, above, h);
            if (x < 0 || y < 0 || x == y)
                continue;
            cand[nc] = h;
            c0[nc] = x;
            c1[nc++] = y;
        }
    }
    if (!nc)
        goto out;
    glo = brink_q_array_new((size_t)nc);
    if (!glo) {
        st = brink_error_set(t->err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    const mpq_t *bq = (const mpq_t *)below->eq[0].behavq;
    mpq_set(t->values[t->param], lo);
    if ((st = brink_scenario_bind_q(t->in, (const mpq_t *)t->values, t->err)))
        goto out;
    exact_eval(g, bq, w->reach, w->U, w->tmp);
    for (int k = 0; k < nc; k++)
        gap_from(g, (const mpq_t *)w->reach, (const mpq_t *)w->U, cand[k], c1[k], c0[k], glo[k],
                 w->tmp);
    mpq_set(t->values[t->param], r);
    if ((st = brink_scenario_bind_q(t->in, (const mpq_t *)t->values, t->err)))
        goto out;
    exact_eval(g, bq, w->reach, w->U, w->tmp);
    for (int k = 0; k < nc && !*ok; k++) {
        if (mpq_sgn(glo[k]) >= 0)
            continue;
        gap_from(g, (const mpq_t *)w->reach, (const mpq_t *)w->U, cand[k], c1[k], c0[k], w->gap,
                 w->tmp);
        if (mpq_sgn(w->gap) == 0)
            *ok = 1;
    }
    /* Second certificate, for equilibria whose mixing moves with the parameter: in an
     * equilibrium computed AT r, the actor at a set whose choice flips is exactly indifferent
     * between the two choices (and the bracket around r is narrow). */
    if (!*ok) {
        brink_eqset at;
        char tmp[160];
        if ((st = state_at(t, r, &at, tmp, sizeof tmp)))
            goto out;
        for (int e = 0; e < at.count && !*ok; e++) {
            if (!at.eq[e].behavq)
                continue;
            exact_eval(g, (const mpq_t *)at.eq[e].behavq, w->reach, w->U, w->tmp);
            for (int k = 0; k < nc && !*ok; k++) {
                gap_from(g, (const mpq_t *)w->reach, (const mpq_t *)w->U, cand[k], c1[k], c0[k],
                         w->gap, w->tmp);
                if (mpq_sgn(w->gap) == 0)
                    *ok = 1;
            }
        }
        brink_eqset_free(&at, g);
    }
out:
    if (glo)
        brink_q_array_free(glo, (size_t)nc);
    free(cand);
    free(c0);
    free(c1);
    return st;
}

/* gap_double, NaN once a bind failed (stops the root finder) */
static double gap_double_or_nan(double x, void *vp)
{
    double d = gap_double(x, vp);
    return ((gapf *)vp)->failed ? NAN : d;
}

/* Root of the continuous gap of the first watched decision that flips (doubles). */
static void brent(tctx *t, const brink_eqset *below, const brink_eqset *above, const mpq_t lo,
                  const mpq_t hi, brink_flip *fl)
{
    const brink_efg *g = brink_scenario_instance_game(t->in);
    int h = -1, a0 = -1, a1 = -1;
    for (int k = 0; k < t->nwatch && h < 0; k++) {
        int x = main_action(g, below, t->watch[k]), y = main_action(g, above, t->watch[k]);
        if (x >= 0 && y >= 0 && x != y) {
            h = t->watch[k];
            a0 = x;
            a1 = y;
        }
    }
    if (h < 0 || !below->count)
        return;
    gapf f = {t, below->eq[0].behav, h, a1, a0, NULL, NULL, 0};
    f.reach = brink_calloc((size_t)g->nnodes, sizeof *f.reach);
    f.U = brink_calloc((size_t)g->nnodes, sizeof *f.U);
    if (f.reach && f.U) {
        double xl = mpq_get_d(lo), xh = mpq_get_d(hi);
        /* mpq_set_d (in gap_double) must never see an infinity: GMP would raise SIGFPE */
        double fa = NAN, fb = NAN, x;
        if (isfinite(xl) && isfinite(xh)) {
            fa = gap_double(xl, &f);
            fb = gap_double(xh, &f);
        }
        /* core/root: no GSL, so no process-wide GSL error handler can abort */
        if (!f.failed && fa * fb < 0 &&
            brink_root_bracket(gap_double_or_nan, &f, xl, xh, fa, fb, 1e-15, 100, &x) == 0 &&
            !f.failed)
            fl->at = x;
    }
    free(f.reach);
    free(f.U);
}

/* Certification is attempted once the bracket is this narrow (relative to the range), and
 * then every CERTIFY_EVERY bisection steps: flips usually sit at simple rationals, which
 * certification recognises long before plain bisection would reach threshold_tol. */
#define CERTIFY_FROM 1e-3
#define CERTIFY_EVERY 3

static brink_status bisect(tctx *t, const mpq_t x0, const mpq_t x1, const char *s0,
                           const char *s1, const mpq_t tolw, const mpq_t width, certw *w,
                           brink_flip *fl)
{
    const brink_efg *g = brink_scenario_instance_game(t->in);
    brink_eqset below, above, s;
    memset(&below, 0, sizeof below);
    memset(&above, 0, sizeof above);
    char tmp[160], sm[160];
    mpq_t a, b, m, r, from;
    mpq_inits(a, b, m, r, from, NULL);
    mpq_set(a, x0);
    mpq_set(b, x1);
    snprintf(fl->before, sizeof fl->before, "%s", s0);
    snprintf(fl->after, sizeof fl->after, "%s", s1);
    fl->at_point[0] = '\0';
    fl->exact = 0;
    brink_q_from_double_approx(from, CERTIFY_FROM, 1e-6);
    mpq_mul(from, from, width);
    brink_status st = state_at(t, a, &below, tmp, sizeof tmp);
    if (!st)
        st = state_at(t, b, &above, tmp, sizeof tmp);
    for (int it = 0; it < 400 && !st; it++) {
        mpq_sub(m, b, a);
        if (mpq_cmp(m, tolw) <= 0)
            break;
        if (mpq_cmp(m, from) <= 0 && it % CERTIFY_EVERY == 0) {
            int ok = 0;
            if ((st = certify(t, &below, &above, a, b, w, r, &ok)))
                break;
            if (ok) {
                fl->exact = 1;
                break;
            }
        }
        mpq_add(m, a, b);
        mpq_div_2exp(m, m, 1);
        if ((st = state_at(t, m, &s, sm, sizeof sm)))
            break;
        if (strcmp(sm, s0) == 0) {
            mpq_set(a, m);
            brink_eqset_free(&below, g);
            below = s;
        } else {
            mpq_set(b, m);
            brink_eqset_free(&above, g);
            above = s;
            /* a third state met on the way (typically indifference exactly at the flip) is
             * reported as such; `after` stays the state beyond the flip */
            if (strcmp(sm, s1) != 0)
                snprintf(fl->at_point, sizeof fl->at_point, "%s", sm);
            else
                fl->at_point[0] = '\0';
        }
    }
    if (!st && !fl->exact) {
        int ok = 0;
        st = certify(t, &below, &above, a, b, w, r, &ok);
        fl->exact = ok;
    }
    fl->lo = mpq_get_d(a);
    fl->hi = mpq_get_d(b);
    if (!st && fl->exact) {
        fl->at = mpq_get_d(r);
        char *qs = brink_q_to_string(r);
        snprintf(fl->exactq, sizeof fl->exactq, "%s", qs ? qs : "");
        free(qs);
        fl->lo = fl->hi = fl->at;
    } else if (!st) {
        mpq_add(m, a, b);
        mpq_div_2exp(m, m, 1);
        fl->at = mpq_get_d(m);
        brent(t, &below, &above, a, b, fl);
    }
    (void)tmp;
    brink_eqset_free(&below, g);
    brink_eqset_free(&above, g);
    mpq_clears(a, b, m, r, from, NULL);
    return st;
}

static brink_status threshold(tctx *t, brink_answer *ans, const mpq_t lo, const mpq_t hi)
{
    int K = t->o->scan_points < 2 ? 2 : t->o->scan_points;
    const brink_efg *g = brink_scenario_instance_game(t->in);
    char (*text)[160] = brink_calloc((size_t)K + 1, sizeof *text);
    mpq_t *xs = brink_q_array_new((size_t)K + 1);
    certw w;
    memset(&w, 0, sizeof w);
    w.nU = (size_t)g->nnodes * (size_t)g->nplayers;
    w.reach = brink_q_array_new((size_t)g->nnodes);
    w.U = brink_q_array_new(w.nU);
    mpq_inits(w.gap, w.tmp, NULL);
    mpq_t width, tolw;
    mpq_inits(width, tolw, NULL);
    brink_status st = BRINK_OK;
    if (!text || !xs || !w.reach || !w.U) {
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
        st = bisect(t, xs[j], xs[j + 1], text[j], text[j + 1], tolw, width, &w,
                    &ans->flips[ans->nflips++]);
    }
out:
    free(text);
    brink_q_array_free(xs, (size_t)K + 1);
    brink_q_array_free(w.reach, (size_t)g->nnodes);
    brink_q_array_free(w.U, w.nU);
    mpq_clears(w.gap, w.tmp, width, tolw, NULL);
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
