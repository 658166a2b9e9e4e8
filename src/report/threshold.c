/* report/threshold.c — words and JSON for a certified threshold answer (brink_threshold).
 *
 * Wording follows the certificates: "exactly" only for a rational flip whose certificate
 * checked; an irrational flip is given as the root of its polynomial with an isolating
 * interval; an uncertified change is reported as where the structure changes, with its
 * cause; unknown regions say why and are never read as flips.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/io.h"
#include "brink/threshold.h"
#include "report/describe.h"
#include "analysis/analysis_int.h"
#include "scenario/model.h"
#include "scenario/compact.h"

/* t's decision ids are a compact game's classes or the tree's information sets (an_thr_*) */
static const char *action_label(const brink_threshold *t, const brink_scenario *sc, int h,
                                int a)
{
    return an_thr_action(t, sc, h, a);
}

static void put_poly_t(brink_buf *out, const char *var, int deg, const mpz_t *z, const mpq_t *q)
{
    int first = 1;
    for (int i = deg; i >= 0; i--) {
        int s = z ? mpz_sgn(z[i]) : mpq_sgn(q[i]);
        if (!s)
            continue;
        mpq_t c;
        mpq_init(c);
        if (z)
            mpq_set_z(c, z[i]);
        else
            mpq_set(c, q[i]);
        if (s < 0) {
            brink_buf_puts(out, first ? "-" : " - ");
            mpq_neg(c, c);
        } else if (!first) {
            brink_buf_puts(out, " + ");
        }
        int one = mpq_cmp_ui(c, 1, 1) == 0;
        if (!one || i == 0) {
            int frac = mpz_cmp_ui(mpq_denref(c), 1) != 0;
            if (frac && i > 0)
                brink_buf_puts(out, "(");
            brink_buf_put_q(out, c);
            if (frac && i > 0)
                brink_buf_puts(out, ")");
        }
        if (i >= 1)
            brink_buf_printf(out, "%s%s", one ? "" : " ", var);
        if (i >= 2)
            brink_buf_printf(out, "^%d", i);
        first = 0;
        mpq_clear(c);
    }
    if (first)
        brink_buf_puts(out, "0");
}

/* A gap num/den as "(num)" or "(num) / (den)". */
static void put_gap(brink_buf *out, const char *pname, int num_deg, mpq_t *num, int den_deg,
                    mpq_t *den)
{
    brink_buf_puts(out, "(");
    put_poly_t(out, pname, num_deg, NULL, (const mpq_t *)num);
    brink_buf_puts(out, ")");
    if (den_deg > 0 || mpq_cmp_ui(den[0], 1, 1) != 0) {
        brink_buf_puts(out, " / (");
        put_poly_t(out, pname, den_deg, NULL, (const mpq_t *)den);
        brink_buf_puts(out, ")");
    }
}

/* A rational rounded to `digits` decimals, down (dir < 0) or up (dir > 0): "1.414213562". */
static void put_decimal(brink_buf *out, const mpq_t q, int digits, int dir)
{
    mpz_t scale, n;
    mpz_inits(scale, n, NULL);
    mpz_ui_pow_ui(scale, 10, (unsigned long)digits);
    mpz_mul(n, mpq_numref(q), scale);
    if (dir < 0)
        mpz_fdiv_q(n, n, mpq_denref(q));
    else
        mpz_cdiv_q(n, n, mpq_denref(q));
    int neg = mpz_sgn(n) < 0;
    mpz_abs(n, n);
    mpz_t ip, fp;
    mpz_inits(ip, fp, NULL);
    mpz_tdiv_qr(ip, fp, n, scale);
    char *is = mpz_get_str(NULL, 10, ip), *fs = mpz_get_str(NULL, 10, fp);
    brink_buf_printf(out, "%s%s.", neg ? "-" : "", is ? is : "0");
    for (int k = (int)strlen(fs ? fs : ""); k < digits; k++)
        brink_buf_puts(out, "0");
    brink_buf_puts(out, fs ? fs : "");
    free(is);
    free(fs);
    mpz_clears(scale, n, ip, fp, NULL);
}

/* "1/2" (exact) or "1.414213562 (the root of t^2 - 2 in (1.414213562, 1.414213563))" */
static void put_real(brink_buf *out, const brink_real *r, const char *var)
{
    if (r->rational) {
        brink_buf_put_q(out, r->q);
        return;
    }
    brink_buf_printf(out, "%.10g (the root of ", r->approx);
    put_poly_t(out, var, r->degree, (const mpz_t *)r->poly, NULL);
    brink_buf_puts(out, " in (");
    put_decimal(out, r->lo, 9, -1);
    brink_buf_puts(out, ", ");
    put_decimal(out, r->hi, 9, +1);
    brink_buf_puts(out, "))");
}

static const char *view_of(const brink_threshold *t, const brink_scenario *sc, int h)
{
    const char *v = an_thr_view(t, sc, h);
    return v && v[0] ? v : v ? "at the start" : "?";
}

static void put_real_short(brink_buf *out, const brink_real *r)
{
    if (r->rational) {
        if (!rep_q_short(out, r->q))
            brink_buf_put_q(out, r->q);
    } else {
        brink_buf_printf(out, "~%.10g", r->approx);   /* exact form: see the flip or --json */
    }
}

/* Do all watched sets play the same labels in this state (then it is said once)? */
static int uniform_state(const brink_threshold *t, const brink_scenario *sc,
                         const unsigned char *row)
{
    for (int w = 1; w < t->nwatch; w++) {
        int o0 = t->watch_action_start[0], n0 = t->watch_action_start[1] - o0;
        int o = t->watch_action_start[w], n = t->watch_action_start[w + 1] - o;
        int j0 = 0, j = 0;
        for (;;) {
            while (j0 < n0 && !row[o0 + j0])
                j0++;
            while (j < n && !row[o + j])
                j++;
            if (j0 == n0 || j == n) {
                if (j0 != n0 || j != n)
                    return 0;
                break;
            }
            if (strcmp(action_label(t, sc, t->watch[0], j0), action_label(t, sc, t->watch[w], j)))
                return 0;
            j0++;
            j++;
        }
    }
    return 1;
}

/* The watched choice of state s, in words. */
static void put_state(brink_buf *out, const brink_threshold *t, const brink_scenario *sc, int s)
{
    int nw = t->watch_action_start[t->nwatch];
    const unsigned char *row = t->state_played + (size_t)s * (size_t)nw;
    int nshow = uniform_state(t, sc, row) ? 1 : t->nwatch;
    for (int w = 0; w < nshow; w++) {
        int h = t->watch[w], o = t->watch_action_start[w];
        int n = t->watch_action_start[w + 1] - o, k = 0;
        if (nshow > 1) {
            int ty = an_thr_type(t, sc, h);
            int actor = an_thr_player(t, sc, h);
            if (w)
                brink_buf_puts(out, "; ");
            if (ty >= 0)
                brink_buf_printf(out, "%s: ", brink_scenario_type_name(sc, actor, ty));
            else
                brink_buf_printf(out, "%s: ", view_of(t, sc, h));
        }
        for (int a = 0; a < n; a++)
            k += row[o + a];
        if (k > 1)
            brink_buf_puts(out, "mixes ");
        int j = 0;
        for (int a = 0; a < n; a++)
            if (row[o + a])
                brink_buf_printf(out, "%s%s", j++ ? "/" : "", action_label(t, sc, h, a));
    }
}

/* Does state a come before state b in the options' order: the one whose first played option
 * comes first, then the one that plays fewer (a pure choice before mixtures with it), then at
 * the first watched action where they differ the one that plays it, then the state id. */
static int state_before(const brink_threshold *t, int a, int b, int nw)
{
    const unsigned char *ra = t->state_played + (size_t)a * (size_t)nw,
                        *rb = t->state_played + (size_t)b * (size_t)nw;
    int fa = nw, fb = nw, ca = 0, cb = 0;
    for (int k = nw - 1; k >= 0; k--) {
        fa = ra[k] ? k : fa;
        fb = rb[k] ? k : fb;
        ca += ra[k] != 0;
        cb += rb[k] != 0;
    }
    if (fa != fb)
        return fa < fb;
    if (ca != cb)
        return ca < cb;
    for (int k = 0; k < nw; k++)
        if (ra[k] != rb[k])
            return ra[k] > rb[k];
    return a < b;
}

/* The place of the region's j-th state in the options' order (state_before: a strict total
 * order, so the places are 0 .. nstates - 1). */
static int state_rank(const brink_threshold *t, const brink_region *r, int j, int nw)
{
    int rank = 0;
    for (int k = 0; k < r->nstates; k++)
        rank += k != j && state_before(t, r->state[k], r->state[j], nw);
    return rank;
}

static void put_states(brink_buf *out, const brink_threshold *t, const brink_scenario *sc,
                       const brink_region *r)
{
    if (!t->nwatch) {
        brink_buf_puts(out, "equilibrium structure unchanged");
        return;
    }
    /* in the options' order (a state that plays an earlier option first), not in the order
     * the states were found: "demand_0.69", "demand_0.7", "demand_0.71" (tester 17) */
    int nw = t->watch_action_start[t->nwatch];
    for (int i = 0; i < r->nstates; i++) {
        int best = 0;
        while (best + 1 < r->nstates && state_rank(t, r, best, nw) != i)
            best++;
        if (i)
            brink_buf_puts(out, i + 1 == r->nstates ? " or " : ", ");
        brink_buf_puts(out, "\"");
        put_state(out, t, sc, r->state[best]);
        brink_buf_puts(out, "\"");
    }
}

static const char *reason_text(brink_unknown_reason r)
{
    switch (r) {
    case BRINK_UNKNOWN_NONRATIONAL:
        return "a payoff or probability is not a rational function of the parameter";
    case BRINK_UNKNOWN_NONLINEAR:
        return "mixed equilibria whose indifference conditions are not linear: no exact "
               "continuation";
    case BRINK_UNKNOWN_NO_EQUILIBRIUM:
        return "the method found no equilibrium";
    case BRINK_UNKNOWN_SOLVE_FAILED:
        return "the method failed";
    case BRINK_UNKNOWN_NOT_EXACT:
        return "no equilibrium found could be certified exactly";
    case BRINK_UNKNOWN_IRRATIONAL_POINT:
        return "a single irrational point not covered by its neighbours";
    case BRINK_UNKNOWN_BUDGET:
        return "the limit on equilibrium computations was reached";
    case BRINK_UNKNOWN_DEGENERATE:
        return "the equilibria found here hold only at the points solved (ties that move with "
               "the parameter): no exact continuation";
    case BRINK_UNKNOWN_GAVE_UP:
        return "not sampled: the method failed at several samples in a row next to this part";
    case BRINK_UNKNOWN_TIME_LIMIT:
        return "time limit";
    case BRINK_UNKNOWN_CONVERGING:
        return "not sampled: 64 regions in a row each left this part on the same side, shrinking "
               "toward a limit (equilibria whose ends move with the parameter); a fixed limit, "
               "no option lifts it";
    default:
        return "unknown";
    }
}

/* The interval from region a's lower end to region b's upper end. */
static void put_span(brink_buf *out, const brink_region *a, const brink_region *b)
{
    if (a == b && a->point) {
        put_real_short(out, &a->lo);
        return;
    }
    brink_buf_puts(out, a->lo_closed ? "[" : "(");
    put_real_short(out, &a->lo);
    brink_buf_puts(out, ", ");
    put_real_short(out, &b->hi);
    brink_buf_puts(out, b->hi_closed ? "]" : ")");
}

/* Regions a and b say the same thing (shown as one line). */
static int failed_or_given_up(const brink_region *r)
{
    return r->reason == BRINK_UNKNOWN_SOLVE_FAILED || r->reason == BRINK_UNKNOWN_GAVE_UP ||
           (r->reason == BRINK_UNKNOWN_NO_EQUILIBRIUM && r->point);   /* a sample's own */
}

/* The same watched choices (what a reader of the watched decision sees), whatever else
 * differs (another actor's choice, completeness). */
static int same_choices(const brink_region *a, const brink_region *b)
{
    if (a->status != BRINK_REGION_CERTIFIED || b->status != BRINK_REGION_CERTIFIED ||
        a->nstates != b->nstates)
        return 0;
    for (int i = 0; i < a->nstates; i++)
        if (a->state[i] != b->state[i])
            return 0;
    return 1;
}

static int same_answer(const brink_region *a, const brink_region *b)
{
    if (a->status != b->status)
        return 0;
    if (a->status != BRINK_REGION_CERTIFIED)   /* the same reason, from the same place; */
        return (a->reason == b->reason && a->expr_line == b->expr_line &&
                a->expr_col == b->expr_col) ||
               (failed_or_given_up(a) && failed_or_given_up(b));   /* or a run of failures */
    /* "the only equilibrium inside" is said of the whole line; "not ruled out" is decided
     * over every region of the line (brink_threshold_region_complete), so a point (whose
     * list is its sample's) joins intervals of the same choices whatever their flags */
    if (a->nstates != b->nstates || a->unique != b->unique ||
        (!a->point && !b->point && a->complete != b->complete))
        return 0;
    for (int i = 0; i < a->nstates; i++)
        if (a->state[i] != b->state[i])
            return 0;
    return 1;
}

static void put_cond(brink_buf *out, const brink_threshold *t, const brink_scenario *sc, int id)
{
    if (id < 0 || id >= t->nconds)
        return;
    const brink_cond *c = &t->conds[id];
    int pl = c->kind != BRINK_COND_EXPRESSION && c->kind != BRINK_COND_PROBABILITY && c->h >= 0
                 ? an_thr_player(t, sc, c->h)
                 : -1;
    const char *who = pl >= 0 ? brink_scenario_actor_id(sc, pl) : "";
    switch (c->kind) {
    case BRINK_COND_BEST_REPLY:
    case BRINK_COND_INDIFFERENT:
        brink_buf_printf(out, "%s becomes indifferent between %s and %s (%s)", who,
                         action_label(t, sc, c->h, c->b), action_label(t, sc, c->h, c->a),
                         view_of(t, sc, c->h));
        break;
    case BRINK_COND_POSITIVE:
        brink_buf_printf(out, "%s's probability of %s (%s) reaches 0", who,
                         action_label(t, sc, c->h, c->a), view_of(t, sc, c->h));
        break;
    case BRINK_COND_REACHED:
        brink_buf_printf(out, "%s's decision (%s) stops being reached", who, view_of(t, sc, c->h));
        break;
    case BRINK_COND_UNREACHED:
        brink_buf_printf(out, "%s's decision (%s) becomes reached", who, view_of(t, sc, c->h));
        break;
    case BRINK_COND_EXPRESSION:
        brink_buf_printf(out, "an expression at line %d, column %d changes branch", c->h, c->a);
        break;
    case BRINK_COND_PROBABILITY:
        brink_buf_puts(out, "a chance probability reaches 0");
        break;
    case BRINK_COND_BELIEF:
        brink_buf_printf(out, "the beliefs that support the off-path play after %s's "
                         "unplayed %s (%s) stop being consistent", who,
                         action_label(t, sc, c->h, c->a), view_of(t, sc, c->h));
        break;
    }
}

/* Is region i a point whose equilibria differ from its neighbours', which agree (a tie
 * touching zero), or a point at an end of the range that differs from its one neighbour? */
static int isolated_point(const brink_threshold *t, int i)
{
    const brink_region *r = &t->regions[i];
    if (!r->point || r->status != BRINK_REGION_CERTIFIED || t->nregions < 2)
        return 0;
    /* judged on the watched choices: a point where only another actor's choice or the
     * number of equilibria differs is not an exception to "the watched choice does not
     * change" (tester 11, F3) */
    if (i == 0 || i + 1 == t->nregions) {
        const brink_region *n = &t->regions[i == 0 ? 1 : i - 1];
        return n->status == BRINK_REGION_CERTIFIED && !same_choices(n, r);
    }
    /* both neighbours certified: "the same choice on either side" is then known */
    return t->regions[i - 1].status == BRINK_REGION_CERTIFIED &&
           same_choices(&t->regions[i - 1], &t->regions[i + 1]) &&
           !same_choices(&t->regions[i - 1], r);
}

/* Why an isolated point differs, from data: the chance actions whose probability is 0 at the
 * point r (rational) and positive at its neighbour nb's sample (there the game loses those
 * branches, and beliefs off the path may change), said on out as " (where ...)". Not called
 * "not a tie": the watched actor may be indifferent there too (tester 17, finding 5: a
 * challenger's gain -k r vanishes at r = 0 where the disaster's probability does).
 * with *n their number; *n = 0 and nothing said when none, or when the point is not rational
 * or the game cannot be bound there. BRINK_ENOMEM only when the copy of the game fails. */
/* chance_zero_at on a compact game: its chance outcomes' probabilities (sc_compact_probs). */
static brink_status chance_zero_compact(const brink_threshold *t, const brink_scenario *sc,
                                        const brink_region *r, const brink_region *nb, int *n,
                                        brink_buf *out)
{
    const sc_compact *k = sc->compact;
    int np = brink_scenario_nparams(sc), ne = k->child_start[k->nclasses];
    brink_error e;
    brink_error_clear(&e);
    mpq_t *v = brink_q_array_new((size_t)np + 1);
    mpq_t *p0 = brink_q_array_new((size_t)ne + 1), *p1 = brink_q_array_new((size_t)ne + 1);
    brink_status st = BRINK_OK;
    if (!v || !p0 || !p1) {
        st = BRINK_ENOMEM;
        goto done;
    }
    brink_scenario_defaults(sc, v);
    mpq_set(v[t->param], r->lo.q);
    if (sc_compact_probs(sc, k, (const mpq_t *)v, 0, p0, &e))
        goto done;   /* not a game there: nothing said */
    mpq_set(v[t->param], nb->sample);
    if (sc_compact_probs(sc, k, (const mpq_t *)v, 0, p1, &e))
        goto done;
    int first = -1, fc = -1;
    for (int c = 0; c < k->nclasses; c++) {
        if (k->mover[c] != SC_COMPACT_CHANCE)
            continue;
        for (int x = k->child_start[c]; x < k->child_start[c + 1]; x++)
            if (mpq_sgn(p0[x]) == 0 && mpq_sgn(p1[x]) > 0 && (*n)++ == 0) {
                first = x;
                fc = c;
            }
    }
    if (first >= 0)
        brink_buf_printf(out, " (where the chance probability of \"%s\"%s is 0, positive "
                              "beside it: the game has fewer branches there)",
                         k->node[fc]->opt_labels[first - k->child_start[fc]],
                         *n > 1 ? " and others" : "");
done:
    if (v)
        brink_q_array_free(v, (size_t)np + 1);
    if (p0)
        brink_q_array_free(p0, (size_t)ne + 1);
    if (p1)
        brink_q_array_free(p1, (size_t)ne + 1);
    return st;
}

static brink_status chance_zero_at(const brink_threshold *t, const brink_scenario *sc,
                                   const brink_region *r, const brink_region *nb, int *n,
                                   brink_buf *out)
{
    *n = 0;
    if (!r->lo.rational)
        return BRINK_OK;
    if (brink_scenario_is_compact(sc))
        return chance_zero_compact(t, sc, r, nb, n, out);
    int np = brink_scenario_nparams(sc);
    brink_error e;
    brink_error_clear(&e);
    brink_scenario_instance *in = brink_scenario_instance_new(sc, &e);
    mpq_t *v = brink_q_array_new((size_t)np + 1);
    unsigned char *zero = NULL;
    brink_status st = BRINK_OK;
    if (!in || !v) {
        st = BRINK_ENOMEM;
        goto done;
    }
    brink_scenario_defaults(sc, v);
    mpq_set(v[t->param], r->lo.q);
    if (brink_scenario_bind_q(in, v, &e))
        goto done;   /* not bound there: nothing said */
    const brink_efg *g = brink_scenario_instance_game(in);
    int h0 = g->player_infoset_start[g->nplayers], h1 = g->player_infoset_start[g->nplayers + 1];
    int a0 = h0 < h1 ? g->infoset_action_start[h0] : 0;
    int a1 = h0 < h1 ? g->infoset_action_start[h1 - 1] + g->infoset_nactions[h1 - 1] : 0;
    if (a1 <= a0)
        goto done;
    if (!(zero = calloc((size_t)(a1 - a0), 1))) {
        st = BRINK_ENOMEM;
        goto done;
    }
    int any = 0;
    for (int a = a0; a < a1; a++)
        any |= zero[a - a0] = mpq_sgn(g->action_probq[a]) == 0;
    mpq_set(v[t->param], nb->sample);
    if (!any || brink_scenario_bind_q(in, v, &e))
        goto done;
    int first = -1;
    for (int a = a0; a < a1; a++)
        if (zero[a - a0] && mpq_sgn(g->action_probq[a]) > 0 && (*n)++ == 0)
            first = a;
    if (first >= 0)
        brink_buf_printf(out, " (where the chance probability of \"%s\"%s is 0, positive "
                              "beside it: the game has fewer branches there)",
                         g->action_label[first], *n > 1 ? " and others" : "");
done:
    free(zero);
    brink_q_array_free(v, (size_t)np + 1);
    brink_scenario_instance_free(in);
    return st;
}

static brink_status write_text_raw(const brink_threshold *t, const brink_scenario *sc,
                                   brink_buf *out, brink_error *err)
{
    const char *pname = brink_scenario_param(sc, t->param)->name;
    int unknown = 0;
    for (int i = 0; i < t->nregions; i++)
        unknown += t->regions[i].status != BRINK_REGION_CERTIFIED;
    brink_buf_printf(out, "    %s over [", pname);
    put_real_short(out, &t->lo);
    brink_buf_puts(out, ", ");
    put_real_short(out, &t->hi);
    brink_buf_printf(out, "] (%s):\n", unknown ? "parts not certified" : "every region certified");
    for (int i = 0; i < t->nregions;) {
        const brink_region *r = &t->regions[i];
        int j = i;
        while (j + 1 < t->nregions && same_answer(r, &t->regions[j + 1]))
            j++;
        brink_buf_puts(out, "      ");
        put_span(out, r, &t->regions[j]);
        brink_buf_puts(out, "  ");
        i = j + 1;
        int nfail = 0, ngave = 0, nnoeq = 0;
        const brink_region *f1 = NULL;   /* the first failure of a run */
        const brink_region *n1 = NULL;   /* the first sample without an equilibrium */
        for (int k = (int)(r - t->regions); k <= j; k++) {
            const brink_region *x = &t->regions[k];
            if (x->status == BRINK_REGION_CERTIFIED)
                continue;
            nfail += x->reason == BRINK_UNKNOWN_SOLVE_FAILED;
            ngave += x->reason == BRINK_UNKNOWN_GAVE_UP;
            nnoeq += x->reason == BRINK_UNKNOWN_NO_EQUILIBRIUM && x->point;
            if (!f1 && x->reason == BRINK_UNKNOWN_SOLVE_FAILED)
                f1 = x;
            if (!n1 && x->reason == BRINK_UNKNOWN_NO_EQUILIBRIUM && x->point)
                n1 = x;
        }
        if (r->status != BRINK_REGION_CERTIFIED && nnoeq && (ngave || nnoeq > 1 || nfail)) {
            /* samples where the method found nothing, each known of its point only */
            brink_buf_printf(out, "not certified: the method found no equilibrium at %d "
                                  "point%s sampled here (", nnoeq, nnoeq == 1 ? "" : "s");
            brink_buf_puts(out, nnoeq == 1 ? "at " : "the first at ");
            brink_buf_printf(out, "%s = ", pname);
            brink_buf_put_q(out, n1->sample);
            brink_buf_puts(out, ")");
            if (nfail)
                brink_buf_printf(out, ", failed at %d", nfail);
            if (ngave)
                brink_buf_puts(out, ", and the rest was not sampled");
            brink_buf_puts(out, "\n");
            continue;
        }
        if (r->status != BRINK_REGION_CERTIFIED && nfail && ngave) {
            /* failures with the parts between them not sampled */
            brink_buf_printf(out, "not certified: the method failed at %d point%s sampled "
                                  "here and the rest was not sampled", nfail,
                             nfail == 1 ? "" : "s");
            if (f1->message) {
                brink_buf_printf(out, " (for instance at %s = ", pname);
                brink_buf_put_q(out, f1->sample);
                brink_buf_printf(out, ": %s)", f1->message);
            }
            if (f1->expr_line > 0)
                brink_buf_printf(out, " (line %d, column %d)", f1->expr_line, f1->expr_col);
            brink_buf_puts(out, "\n");
            continue;
        }
        if (r->status != BRINK_REGION_CERTIFIED) {
            brink_buf_printf(out, "not certified: %s", reason_text(r->reason));
            if (r->message && r->point && r == &t->regions[j]) {
                brink_buf_printf(out, " (%s)", r->message);
            } else if (r->message) {   /* the message is the sample's */
                brink_buf_printf(out, " (at %s = ", pname);
                brink_buf_put_q(out, r->sample);
                brink_buf_printf(out, ": %s)", r->message);
            }
            if (r->reason == BRINK_UNKNOWN_NONRATIONAL || r->expr_line > 0)
                brink_buf_printf(out, " (line %d, column %d)", r->expr_line, r->expr_col);
            brink_buf_puts(out, "\n");
            continue;
        }
        put_states(out, t, sc, r);
        if (r->unique)
            brink_buf_puts(out, r->point ? "  (the only equilibrium)"
                                         : "  (the only equilibrium inside)");
        else if (r->nstates > 1)
            brink_buf_puts(out, "  (several equilibria)");
        /* the brief's and the sweep's qualifier, on the line itself: a run whose list is not
         * proved complete states the equilibria found (tester 11, F8: M8's "offer_10" above
         * 7/10 is one of seven offers tied there) */
        int open = 0;
        for (int k = (int)(r - t->regions); k <= j; k++)
            open |= !brink_threshold_region_complete(t, k);
        if (open)   /* any part of the line (tester 13, D3): JSON's others_ruled_out */
            brink_buf_puts(out, "  (other equilibria not ruled out)");
        brink_buf_puts(out, "\n");
    }
    /* isolated points: a point whose equilibria differ from its two neighbours, which agree
     * (a tie touching zero; not a flip, since the choice is the same on both sides) */
    int nisolated = 0;
    for (int i = 0; i < t->nregions; i++)
        nisolated += isolated_point(t, i);
    /* "does not change" is a claim about every equilibrium: only where each interval's
     * equilibria are proved complete; otherwise it is said of the equilibria found */
    int incomplete = 0;
    for (int i = 0; i < t->nregions; i++)
        incomplete += !t->regions[i].point && !t->regions[i].complete;
    int several = 0;   /* equilibria that disagree on the watched choice, in some region */
    for (int i = 0; i < t->nregions; i++)
        several |= !t->regions[i].point && t->regions[i].nstates > 1;
    if (t->nwatch && t->nflips == 0 && !unknown && t->nregions && !incomplete)
        brink_buf_printf(out, "    -> %s over the range%s.\n",
                         several ? "the watched choices, which differ among the equilibria, "
                                   "do not change"
                                 : "the watched choice does not change",
                         nisolated ? ", except at the isolated points below" : "");
    else if (t->nwatch && t->nflips == 0 && !unknown && t->nregions) {
        /* where the equilibria found disagree on the watched choice (several in a region),
         * they do not "make the same choice": the set of choices is what stays (tester 11b,
         * F5: a tie off the path over the whole range) */
        brink_buf_printf(out, "    -> %s over the range%s (other equilibria are not ruled "
                              "out).\n",
                         several ? "the watched choices of the equilibria found, which differ "
                                   "among them, stay the same"
                                 : "the equilibria found make the same watched choice",
                         nisolated ? ", except at the isolated points below" : "");
    }
    for (int i = 0; nisolated && i < t->nregions; i++) {
        const brink_region *r = &t->regions[i];
        if (!isolated_point(t, i))
            continue;
        brink_buf_printf(out, "    -> at %s = ", pname);
        put_real(out, &r->lo, pname);
        brink_buf_puts(out, " only: ");
        put_states(out, t, sc, r);
        /* a chance probability reaching 0 is said as such, not as a tie (tester 14, N6) */
        int nzero;
        brink_status st = chance_zero_at(t, sc, r, &t->regions[i == 0 ? 1 : i - 1], &nzero,
                                         out);
        if (st)
            return brink_error_set(err, st, "out of memory");
        if (nzero)
            brink_buf_puts(out, ".\n");
        else
            brink_buf_puts(out, i == 0 || i + 1 == t->nregions
                                    ? " (a tie at the end of the range).\n"
                                    : " (a tie there; the same choice on either side).\n");
    }
    for (int f = 0; f < t->nflips; f++) {
        const brink_threshold_flip *fl = &t->flips[f];
        const brink_region *rb = &t->regions[fl->region_below];
        const brink_region *ra = &t->regions[fl->region_above];
        /* "flips" only where it is known: every equilibrium known on both sides, or the
         * watched actor's certificate where the method listed every equilibrium at both
         * sides' samples; otherwise what changes is what was found (an incomplete method,
         * such as one sequential equilibrium, says nothing of the others) */
        int known = brink_threshold_flip_known(t, f);
        if (known)
            brink_buf_printf(out, "    -> it flips at %s = ", pname);
        else
            brink_buf_printf(out, "    -> the equilibria found change at %s = ", pname);
        put_real(out, &fl->at, pname);
        if (fl->certified && fl->at.rational)
            brink_buf_puts(out, " exactly");
        brink_buf_puts(out, ": ");
        put_states(out, t, sc, rb);
        brink_buf_puts(out, " below, ");
        put_states(out, t, sc, ra);
        brink_buf_puts(out, " above.\n");
        if (fl->certified) {
            const brink_flip_cert *c = &fl->cert;
            const char *actor = brink_scenario_actor_id(sc, c->player);
            brink_buf_printf(out, "       certificate: %s (%s) gains g(%s) = ", actor,
                             view_of(t, sc, c->infoset), pname);
            put_gap(out, pname, c->num_deg, c->num, c->den_deg, c->den);
            if (c->same_gap || !c->above_num) {
                brink_buf_printf(out, " by %s instead of %s; g = 0 at the flip, g < 0 below, "
                                      "g > 0 above; either choice is worth ",
                                 action_label(t, sc, c->infoset, c->action_above),
                                 action_label(t, sc, c->infoset, c->action_below));
            } else {
                /* the others play differently on the two sides: two functions */
                brink_buf_printf(out, " by %s instead of %s in the equilibrium below, and "
                                      "h(%s) = ",
                                 action_label(t, sc, c->infoset, c->action_above),
                                 action_label(t, sc, c->infoset, c->action_below), pname);
                put_gap(out, pname, c->above_num_deg, c->above_num, c->above_den_deg,
                        c->above_den);
                brink_buf_puts(out, " in the equilibrium above; g = h = 0 at the flip, g < 0 "
                                    "below, h > 0 above; either choice is worth ");
            }
            if (c->value_rational)
                brink_buf_put_q(out, c->value_at);
            else
                brink_buf_printf(out, "%.10g", c->value_at_d);
            brink_buf_puts(out, " there.\n");
        } else if (fl->unchecked) {
            brink_buf_puts(out, "       not checked whether the watched actor is indifferent "
                                "there: the time limit had passed.\n");
        } else {
            int watched = 0, single = rb->nstates == 1 && ra->nstates == 1;
            if (fl->cause >= 0 && fl->cause < t->nconds)
                for (int w = 0; w < t->nwatch; w++)
                    watched |= t->conds[fl->cause].h == t->watch[w] &&
                               t->conds[fl->cause].kind != BRINK_COND_EXPRESSION &&
                               t->conds[fl->cause].kind != BRINK_COND_PROBABILITY;
            if (single && !watched)
                brink_buf_puts(out, "       the change comes from outside the watched "
                                    "decision: ");
            else
                brink_buf_puts(out, "       the boundary is where ");
            if (fl->cause >= 0)
                put_cond(out, t, sc, fl->cause);
            else
                brink_buf_puts(out, "the set of equilibria changes");
            brink_buf_puts(out, ".\n");
        }
        if (fl->region_at >= 0) {
            const brink_region *rt = &t->regions[fl->region_at];
            brink_buf_puts(out, "       exactly at the flip: ");
            put_states(out, t, sc, rt);
            if (!rt->complete_at_sample)
                brink_buf_puts(out, " (other equilibria not ruled out)");
            brink_buf_puts(out, ".\n");
        }
    }
    if (t->default_region >= 0) {
        const brink_region *r = &t->regions[t->default_region];
        mpq_t d;
        mpq_init(d);
        brink_buf_printf(out, "    -> at the default %s = ", pname);
        const brink_param_info *pi = brink_scenario_param(sc, t->param);
        brink_buf_put_q(out, *pi->valueq);
        brink_buf_puts(out, ": ");
        if (r->status == BRINK_REGION_CERTIFIED) {
            put_states(out, t, sc, r);
            /* the equilibria continued here are certified, but others may exist at the
             * default (the main analysis may have found one of those) */
            int solved_here = mpq_equal(r->sample, *pi->valueq) && r->complete_at_sample;
            if (!r->complete && !solved_here)
                brink_buf_puts(out, " (other equilibria not ruled out)");
        } else {
            brink_buf_printf(out, "unknown (%s)", reason_text(r->reason));
        }
        brink_buf_puts(out, ".\n");
        mpq_clear(d);
    }
    brink_buf_printf(out, "    (%d equilibrium computation%s, %.3f s)\n", t->solves,
                     t->solves == 1 ? "" : "s", t->seconds);
    (void)err;
    return BRINK_OK;
}

/* Lines longer than `width` are folded at spaces; the continuation is indented 4 more than
 * the line it continues. */
static void wrap_lines(brink_buf *out, const char *text, size_t len, size_t width)
{
    size_t i = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && text[e] != '\n')
            e++;
        size_t ind = 0;
        while (i + ind < e && text[i + ind] == ' ')
            ind++;
        size_t pos = i, col_ind = 0;
        int first = 1;
        while (pos < e) {
            size_t room = width > col_ind ? width - col_ind : 1;
            size_t end = e;
            if (e - pos > room) {   /* fold at the last space that fits */
                end = pos + room;
                while (end > pos && text[end] != ' ')
                    end--;
                if (end == pos)
                    end = pos + room;
            }
            if (!first)
                for (size_t k = 0; k < col_ind; k++)
                    brink_buf_puts(out, " ");
            brink_buf_append(out, text + pos, end - pos);
            brink_buf_puts(out, "\n");
            pos = end;
            while (pos < e && text[pos] == ' ')
                pos++;
            first = 0;
            col_ind = ind + 4;
        }
        i = e + 1;
    }
}

brink_status brink_threshold_write_text(const brink_threshold *t, const brink_scenario *sc,
                                        brink_buf *out, brink_error *err)
{
    brink_buf raw;
    brink_buf_init(&raw);
    brink_status st = write_text_raw(t, sc, &raw, err);
    if (!st && raw.len)
        wrap_lines(out, raw.data, raw.len, 92);
    brink_buf_free(&raw);
    return st;
}

/* Why regions i..j (one run, shown as one) are not certified, for the brief line: the
 * reason and, where there is one, the place in the scenario, as the full text gives them. */
static void put_reason_brief(brink_buf *out, const brink_threshold *t, int i, int j)
{
    const brink_region *r = &t->regions[i];
    int nfail = 0, ngave = 0, nnoeq = 0;
    for (int k = i; k <= j; k++) {
        nfail += t->regions[k].reason == BRINK_UNKNOWN_SOLVE_FAILED;
        ngave += t->regions[k].reason == BRINK_UNKNOWN_GAVE_UP;
        nnoeq += t->regions[k].reason == BRINK_UNKNOWN_NO_EQUILIBRIUM && t->regions[k].point;
    }
    if (nnoeq && (ngave || nfail || nnoeq > 1))
        brink_buf_printf(out, " (the method found no equilibrium at %d point%s sampled here%s",
                         nnoeq, nnoeq == 1 ? "" : "s",
                         ngave ? " and the rest was not sampled" : "");
    else if (nfail && ngave)
        brink_buf_printf(out, " (the method failed at %d point%s sampled here and the rest "
                              "was not sampled", nfail, nfail == 1 ? "" : "s");
    else
        brink_buf_printf(out, " (%s", reason_text(r->reason));
    for (int k = i; k <= j; k++)   /* the first place given */
        if (t->regions[k].expr_line > 0) {
            brink_buf_printf(out, ", line %d, column %d", t->regions[k].expr_line,
                             t->regions[k].expr_col);
            break;
        }
    brink_buf_puts(out, ")");
}

brink_status brink_threshold_write_brief(const brink_threshold *t, const brink_scenario *sc,
                                         brink_buf *out, brink_error *err)
{
    /* the same qualifier as the full text: a run of regions where the method's list is not
     * proved complete describes the equilibria found, not every equilibrium. When that holds
     * of every certified run it is said once, at the end; otherwise after each such run. */
    int nruns = 0, nopen = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < t->nregions;) {
            const brink_region *r = &t->regions[i];
            int j = i, open = 0;
            while (j + 1 < t->nregions && same_answer(r, &t->regions[j + 1]))
                j++;
            for (int k = i; k <= j && r->status == BRINK_REGION_CERTIFIED; k++)
                open |= !brink_threshold_region_complete(t, k);
            if (pass == 0) {
                nruns += r->status == BRINK_REGION_CERTIFIED;
                nopen += open;
                i = j + 1;
                continue;
            }
            if (i)
                brink_buf_puts(out, "; ");
            if (r->status == BRINK_REGION_CERTIFIED)
                put_states(out, t, sc, r);
            else
                brink_buf_puts(out, "not certified");
            brink_buf_puts(out, " on ");
            put_span(out, r, &t->regions[j]);
            if (r->status != BRINK_REGION_CERTIFIED)
                put_reason_brief(out, t, i, j);
            if (open && nopen < nruns)
                brink_buf_puts(out, " (other equilibria not ruled out)");
            i = j + 1;
        }
    }
    if (nopen && nopen == nruns)
        brink_buf_puts(out, " (the equilibria found; others not ruled out)");
    (void)err;
    return BRINK_OK;
}

void brink_threshold_write_choice(const brink_threshold *t, const brink_scenario *sc, int region,
                                  brink_buf *out)
{
    if (region < 0 || region >= t->nregions)
        return;
    if (t->regions[region].status == BRINK_REGION_CERTIFIED)
        put_states(out, t, sc, &t->regions[region]);
    else
        brink_buf_puts(out, "not certified");
}

/* ---------------------------------------------------------------- JSON */

static void jq(brink_buf *out, const mpq_t q)
{
    brink_buf_puts(out, "\"");
    brink_buf_put_q(out, q);
    brink_buf_puts(out, "\"");
}

static void jnum(brink_buf *out, double x)
{
    if (x != x || x - x != 0)
        brink_buf_puts(out, "null");
    else
        brink_buf_put_double(out, x);
}

static void jreal(brink_buf *out, const brink_real *r)
{
    brink_buf_printf(out, "{\"rational\":%s,\"value\":", r->rational ? "true" : "false");
    jnum(out, r->approx);
    if (r->rational) {
        brink_buf_puts(out, ",\"exact\":");
        jq(out, r->q);
    } else {
        brink_buf_puts(out, ",\"polynomial\":[");
        for (int i = 0; i <= r->degree; i++) {
            char *s = mpz_get_str(NULL, 10, r->poly[i]);
            brink_buf_printf(out, "%s\"%s\"", i ? "," : "", s ? s : "0");
            free(s);
        }
        brink_buf_puts(out, "],\"interval\":[");
        jq(out, r->lo);
        brink_buf_puts(out, ",");
        jq(out, r->hi);
        brink_buf_puts(out, "]");
    }
    brink_buf_puts(out, "}");
}

static const char *reason_id(brink_unknown_reason r)
{
    static const char *const ids[] = {"none", "nonrational", "nonlinear", "no_equilibrium",
                                      "solve_failed", "not_exact", "irrational_point",
                                      "budget", "degenerate", "gave_up", "time_limit",
                                      "converging"};
    return (unsigned)r < sizeof ids / sizeof ids[0] ? ids[r] : "unknown";
}

static const char *cond_id(brink_cond_kind k)
{
    static const char *const ids[] = {"", "best_reply", "indifferent", "positive", "reached",
                                      "unreached", "expression", "probability", "belief"};
    return (unsigned)k < sizeof ids / sizeof ids[0] ? ids[k] : "";
}

brink_status brink_threshold_write_json(const brink_threshold *t, const brink_scenario *sc,
                                        brink_buf *out, brink_error *err)
{
    brink_buf_puts(out, "{\"parameter\":");
    brink_json_string(out, brink_scenario_param(sc, t->param)->name);
    brink_buf_printf(out, ",\"parameter_index\":%d,\"range\":[", t->param);
    jreal(out, &t->lo);
    brink_buf_puts(out, ",");
    jreal(out, &t->hi);
    brink_buf_printf(out, "],\"solves\":%d,\"seconds\":", t->solves);
    jnum(out, t->seconds);
    brink_buf_puts(out, ",\"watch\":[");
    for (int w = 0; w < t->nwatch; w++) {
        int h = t->watch[w];
        int ty = an_thr_type(t, sc, h), pl = an_thr_player(t, sc, h);
        const char *view = an_thr_view(t, sc, h);
        if (!view)
            out->failed = 1;
        brink_buf_printf(out, "%s{\"infoset\":%ld,", w ? "," : "", an_thr_infoset(t, h));
        if (an_thr_is_compact(t))   /* the compact game's class of the watched decision */
            brink_buf_printf(out, "\"class\":%d,", h);
        brink_buf_printf(out, "\"actor\":%d,\"actor_id\":", pl);
        brink_json_string(out, brink_scenario_actor_id(sc, pl));
        brink_buf_printf(out, ",\"type\":%d,\"view\":", ty);
        brink_json_string(out, view ? view : "");
        brink_buf_puts(out, ",\"actions\":[");
        for (int a = 0; a < an_thr_nactions(t, sc, h); a++) {
            if (a)
                brink_buf_puts(out, ",");
            brink_json_string(out, action_label(t, sc, h, a));
        }
        brink_buf_puts(out, "]}");
    }
    brink_buf_puts(out, "],\"states\":[");
    int nw = t->watch_action_start[t->nwatch];
    for (int s = 0; s < t->nstates; s++) {
        brink_buf_printf(out, "%s{\"id\":%d,\"played\":[", s ? "," : "", s);
        for (int w = 0; w < t->nwatch; w++) {
            brink_buf_puts(out, w ? ",[" : "[");
            int o = t->watch_action_start[w], j = 0;
            for (int a = 0; a < t->watch_action_start[w + 1] - o; a++)
                if (t->state_played[(size_t)s * (size_t)nw + (size_t)(o + a)])
                    brink_buf_printf(out, "%s%d", j++ ? "," : "", a);
            brink_buf_puts(out, "]");
        }
        brink_buf_puts(out, "]}");
    }
    brink_buf_puts(out, "],\"conditions\":[");
    for (int i = 0; i < t->nconds; i++) {
        const brink_cond *c = &t->conds[i];
        if (an_thr_is_compact(t) && c->h >= 0)   /* a class of the compact game, every
                                                    tree node of it */
            brink_buf_printf(out, "%s{\"id\":%d,\"kind\":\"%s\",\"infoset\":%ld,\"class\":%d,"
                                  "\"a\":%d,\"b\":%d}",
                             i ? "," : "", i, cond_id(c->kind), an_thr_infoset(t, c->h), c->h,
                             c->a, c->b);
        else
            brink_buf_printf(out, "%s{\"id\":%d,\"kind\":\"%s\",\"infoset\":%d,\"a\":%d,"
                                  "\"b\":%d}",
                             i ? "," : "", i, cond_id(c->kind), c->h, c->a, c->b);
    }
    brink_buf_puts(out, "],\"regions\":[");
    for (int i = 0; i < t->nregions; i++) {
        const brink_region *r = &t->regions[i];
        brink_buf_printf(out, "%s{\"lo\":", i ? "," : "");
        jreal(out, &r->lo);
        brink_buf_puts(out, ",\"hi\":");
        jreal(out, &r->hi);
        brink_buf_printf(out, ",\"lo_closed\":%s,\"hi_closed\":%s,\"point\":%s,\"status\":\"%s\"",
                         r->lo_closed ? "true" : "false", r->hi_closed ? "true" : "false",
                         r->point ? "true" : "false",
                         r->status == BRINK_REGION_CERTIFIED ? "certified" : "unknown");
        if (r->status != BRINK_REGION_CERTIFIED) {
            brink_buf_printf(out, ",\"reason\":\"%s\"", reason_id(r->reason));
            if (r->message) {
                brink_buf_puts(out, ",\"message\":");
                brink_json_string(out, r->message);
            }
            if (r->reason == BRINK_UNKNOWN_NONRATIONAL || r->expr_line > 0)
                brink_buf_printf(out, ",\"line\":%d,\"column\":%d", r->expr_line, r->expr_col);
        }
        brink_buf_puts(out, ",\"sample\":");
        jq(out, r->sample);
        brink_buf_printf(out, ",\"equilibria\":%d,\"certified_equilibria\":%d,\"states\":[",
                         r->nequilibria, r->ncertified);
        for (int k = 0; k < r->nstates; k++)
            brink_buf_printf(out, "%s%d", k ? "," : "", r->state[k]);
        brink_buf_printf(out, "],\"complete\":%s,\"unique\":%s,\"values_agree\":%s,"
                              "\"complete_at_sample\":%s,"
                              "\"others_ruled_out\":%s,\"ends_by\":[%d,%d]}",
                         r->complete ? "true" : "false", r->unique ? "true" : "false",
                         r->agree ? "true" : "false",
                         r->complete_at_sample ? "true" : "false",
                         brink_threshold_region_complete(t, i) ? "true" : "false",
                         r->binding_lo, r->binding_hi);
    }
    brink_buf_puts(out, "],\"flips\":[");
    for (int f = 0; f < t->nflips; f++) {
        const brink_threshold_flip *fl = &t->flips[f];
        brink_buf_printf(out, "%s{\"at\":", f ? "," : "");
        jreal(out, &fl->at);
        brink_buf_printf(out, ",\"exact\":%s,\"region_below\":%d,\"region_above\":%d,"
                              "\"region_at\":%d,\"certified\":%s,\"known\":%s,\"cause\":%d",
                         fl->certified && fl->at.rational ? "true" : "false", fl->region_below,
                         fl->region_above, fl->region_at, fl->certified ? "true" : "false",
                         brink_threshold_flip_known(t, f) ? "true" : "false", fl->cause);
        if (fl->unchecked)
            brink_buf_puts(out, ",\"unchecked\":true");
        const brink_flip_cert *c = &fl->cert;
        if (c->infoset >= 0 && c->num) {
            brink_buf_printf(out, ",\"certificate\":{\"infoset\":%ld,\"actor\":%d,"
                                  "\"action_below\":%d,\"action_above\":%d,\"gap_numerator\":[",
                             an_thr_infoset(t, c->infoset), c->player, c->action_below,
                             c->action_above);
            for (int i = 0; i <= c->num_deg; i++) {
                if (i)
                    brink_buf_puts(out, ",");
                jq(out, c->num[i]);
            }
            brink_buf_puts(out, "],\"gap_denominator\":[");
            for (int i = 0; i <= c->den_deg; i++) {
                if (i)
                    brink_buf_puts(out, ",");
                jq(out, c->den[i]);
            }
            brink_buf_puts(out, "],\"gap_above_numerator\":[");
            for (int i = 0; c->above_num && i <= c->above_num_deg; i++) {
                if (i)
                    brink_buf_puts(out, ",");
                jq(out, c->above_num[i]);
            }
            brink_buf_puts(out, "],\"gap_above_denominator\":[");
            for (int i = 0; c->above_den && i <= c->above_den_deg; i++) {
                if (i)
                    brink_buf_puts(out, ",");
                jq(out, c->above_den[i]);
            }
            brink_buf_printf(out, "],\"same_gap\":%s,\"sign_below\":%d,\"sign_above\":%d,"
                                  "\"value_at\":",
                             c->same_gap ? "true" : "false", c->sign_below, c->sign_above);
            if (c->value_rational)
                jq(out, c->value_at);
            else
                jnum(out, c->value_at_d);
            brink_buf_puts(out, "}");
        }
        brink_buf_puts(out, "}");
    }
    brink_buf_printf(out, "],\"default_region\":%d}", t->default_region);
    (void)err;
    return BRINK_OK;
}
