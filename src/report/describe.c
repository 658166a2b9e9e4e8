/* describe.c — see describe.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"
#include "brink/uncertainty.h"
#include "report/describe.h"
#include "scenario/compact.h"
#include "scenario/model.h"

const char *rep_text(const brink_buf *b)
{
    return b->data && b->len ? b->data : "";
}

int *rep_infoset_order(const brink_efg *g, int *n)
{
    int nh = g->player_infoset_start[g->nplayers];
    int *o = brink_calloc((size_t)(nh ? nh : 1), sizeof *o);
    if (!o)
        return NULL;
    an_infosets_by_first_node(g, o, 0);
    *n = nh;
    return o;
}

void rep_who(brink_buf *b, const brink_scenario *sc, const brink_efg *g, int h)
{
    int p = g->infoset_player[h], t = brink_scenario_infoset_type(sc, h);
    if (t >= 0)
        brink_buf_printf(b, "%s (%s)", brink_scenario_actor_id(sc, p),
                         brink_scenario_type_name(sc, p, t));
    else
        brink_buf_puts(b, brink_scenario_actor_id(sc, p));
}

void rep_when(brink_buf *b, const brink_scenario *sc, int h)
{
    const char *v = brink_scenario_infoset_view(sc, h);
    if (!v[0])
        brink_buf_puts(b, "at the start");
    else
        brink_buf_printf(b, "after %s", v);
}

void rep_hidden(brink_buf *b, const brink_scenario *sc, const brink_efg *g, int v)
{
    int p = brink_efg_node_player(g, v), depth = 0;
    for (int u = v; u > 0; u = g->node_parent[u])
        depth++;
    int *path = brink_calloc((size_t)depth + 1, sizeof *path);
    if (!path) {
        b->failed = 1;
        return;
    }
    int n = 0;
    for (int u = v; u > 0; u = g->node_parent[u])
        if (p < 0 || !brink_scenario_edge_seen(sc, u, p))
            path[n++] = u;
    for (int i = n - 1; i >= 0; i--)   /* from the root down */
        brink_buf_printf(b, "%s%s", i < n - 1 ? " & " : "", brink_scenario_edge_text(sc, path[i]));
    if (!n)
        brink_buf_puts(b, "(nothing hidden)");
    free(path);
}

double rep_belief(const brink_efg *g, const brink_equilibrium *eq, int h, int v)
{
    int m = g->infoset_nmembers[h], ms = g->infoset_member_start[h];
    double R = 0;
    for (int x = 0; x < m; x++)
        R += eq->reach[g->infoset_member[ms + x]];
    return R > 0 ? eq->reach[v] / R : eq->belief[v];
}

int rep_has_discrete_issue(const brink_scenario *sc)
{
    for (int k = 0; k < brink_scenario_nissues(sc); k++)
        if (brink_scenario_issue_nlevels(sc, k))
            return 1;
    return 0;
}

void rep_group(brink_buf *b, const brink_analysis *a, int k)
{
    rep_group_levels(b, a->sc, a->group_level, k);
}

void rep_group_levels(brink_buf *b, const brink_scenario *sc, const int *group_level, int k)
{
    int ni = brink_scenario_nissues(sc), n = 0;
    for (int i = 0; i < ni; i++) {
        int level = group_level[(size_t)k * (size_t)ni + (size_t)i];
        if (level < 0)
            continue;
        brink_buf_printf(b, "%s%s=%s", n++ ? ", " : "", brink_scenario_issue_name(sc, i),
                         brink_scenario_issue_level(sc, i, level));
    }
    if (!n)
        brink_buf_puts(b, "every outcome");
}

/* ---- watched choices ---- */

typedef struct cview {
    const brink_efg *g;
    const int *watch, *ws;
    int nwatch;
    const brink_choice *c;
} cview;

static double cprob(const cview *v, int e, int k, int j)
{
    return v->c->prob[(size_t)e * (size_t)v->ws[v->nwatch] + (size_t)v->ws[k] + (size_t)j];
}

static const char *clabel(const cview *v, int k, int j)
{
    return v->g->action_label[v->g->infoset_action_start[v->watch[k]] + j];
}

static int cpure(const cview *v, int e, int k)
{
    for (int j = 0; j < v->ws[k + 1] - v->ws[k]; j++)
        if (cprob(v, e, k, j) > 1 - 1e-9)
            return j;
    return -1;
}

/* One watched set's choice in words. */
static void one_choice(brink_buf *b, const cview *v, int k, int probs)
{
    int na = v->ws[k + 1] - v->ws[k], neq = v->c->neq;
    int pure = -1, agree = 1;
    for (int e = 0; e < neq && agree; e++) {
        int pe = cpure(v, e, k);
        if (pe < 0 || (e > 0 && pe != pure))
            agree = 0;
        pure = pe;
    }
    if (agree && pure >= 0) {
        brink_buf_puts(b, clabel(v, k, pure));
    } else if (neq == 1) {
        if (!probs)
            brink_buf_puts(b, "mixes ");
        for (int j = 0, first = 1; j < na; j++) {
            double p = cprob(v, 0, k, j);
            if (p <= 1e-9)
                continue;
            if (probs)
                brink_buf_printf(b, "%s%s %.3g%%", first ? "" : " / ", clabel(v, k, j), 100 * p);
            else
                brink_buf_printf(b, "%s%s", first ? "" : "/", clabel(v, k, j));
            first = 0;
        }
    } else {   /* equilibria disagree: name the distinct choices ("hold_firm or concede") */
        brink_buf_puts(b, "either ");
        int mixed = 0, first = 1;
        for (int j = 0; j < na; j++) {
            int seen = 0;
            for (int e = 0; e < neq && !seen; e++)
                seen = cpure(v, e, k) == j;
            if (seen) {
                brink_buf_printf(b, "%s%s", first ? "" : " or ", clabel(v, k, j));
                first = 0;
            }
        }
        for (int e = 0; e < neq; e++)
            mixed |= cpure(v, e, k) < 0;
        if (mixed)
            brink_buf_puts(b, " or a mixture");
        brink_buf_puts(b, " (several equilibria)");
    }
}

/* Do watched sets k and l get the same words: the same action labels, played alike by every
 * equilibrium (to the probability shown when probs)? */
static int same_choice(const cview *v, int k, int l, int probs)
{
    int na = v->ws[k + 1] - v->ws[k];
    if (na != v->ws[l + 1] - v->ws[l])
        return 0;
    for (int j = 0; j < na; j++)
        if (strcmp(clabel(v, k, j), clabel(v, l, j)) != 0)
            return 0;
    for (int e = 0; e < v->c->neq; e++)
        for (int j = 0; j < na; j++) {
            double x = cprob(v, e, k, j), y = cprob(v, e, l, j);
            if (probs ? fabs(x - y) > 1e-12
                      : (x > 1e-9) != (y > 1e-9) || (x > 1 - 1e-9) != (y > 1 - 1e-9))
                return 0;
        }
    return 1;
}

void rep_choice(brink_buf *b, const brink_scenario *sc, const brink_efg *g, const int *watch,
                const int *watch_start, int nwatch, const brink_choice *c, int probs)
{
    if (c->neq == 0) {
        brink_buf_puts(b, "no equilibrium found");
        return;
    }
    cview v = {g, watch, watch_start, nwatch, c};
    int same = 1;
    for (int k = 1; k < nwatch && same; k++)
        same = same_choice(&v, 0, k, probs);
    if (same) {   /* one answer for every watched decision */
        if (nwatch)
            one_choice(b, &v, 0, probs);
        return;
    }
    /* name each decision by the actor's type when the sets are one per type, else by what
     * the actor has seen */
    int by_type = 1;
    for (int k = 0; k < nwatch && by_type; k++) {
        int t = brink_scenario_infoset_type(sc, watch[k]);
        if (t < 0)
            by_type = 0;
        for (int l = 0; l < k && by_type; l++)
            if (g->infoset_player[watch[l]] != g->infoset_player[watch[k]] ||
                brink_scenario_infoset_type(sc, watch[l]) == t)
                by_type = 0;
    }
    for (int k = 0; k < nwatch; k++) {
        int h = watch[k], p = g->infoset_player[h];
        const char *view = brink_scenario_infoset_view(sc, h);
        const char *name = by_type ? brink_scenario_type_name(sc, p,
                                                              brink_scenario_infoset_type(sc, h))
                           : view[0] ? view
                                     : "at the start";
        brink_buf_printf(b, "%s%s: ", k ? "; " : "", name);
        one_choice(b, &v, k, probs);
    }
}

void rep_answer_choice(brink_buf *b, const brink_analysis *a, const brink_answer *an,
                       const brink_choice *c, int probs)
{
    if (!a->compact) {
        rep_choice(b, a->sc, a->game, an->watch, an->watch_start, an->nwatch, c, probs);
        return;
    }
    const sc_compact *k = a->sc->compact;
    int h = an->watch_class, na = an->watch_start[an->nwatch];
    if (c->neq == 0 || !c->prob || an->nwatch != 1 || h < 0) {
        brink_buf_puts(b, "no equilibrium found");
        return;
    }
    for (int j = 0; j < na; j++)   /* backward induction on the classes: pure */
        if (c->prob[j] > 1 - 1e-9) {
            brink_buf_puts(b, k->node[h]->opt_labels[j]);
            return;
        }
    brink_buf_puts(b, "no equilibrium found");
}

/* ---- the method, from the plan and the flags of the solvers that ran ---- */

static int reduced(const brink_solver *s)
{
    return (s->flags & BRINK_SOLVER_EFG) && !s->solve_efg;
}

void rep_method_name(brink_buf *b, const brink_method_used *m)
{
    for (int k = 0; k < m->nsolvers; k++)
        brink_buf_printf(b, "%s%s", k ? "+" : "", m->solver[k]->name);
}

/* What one solver looks for, by its flags. */
static void solver_does(brink_buf *b, const brink_solver *s, int complete)
{
    unsigned f = s->flags;
    /* "every" only when this run's enumeration finished (JSON's complete says the same) */
    if ((f & BRINK_SOLVER_PERFECT_INFO) && (f & BRINK_SOLVER_ALL) && !complete)
        brink_buf_puts(b, "backward induction finds subgame-perfect equilibria exactly (here "
                          "not all of them: the enumeration stopped at its limit)");
    else if ((f & BRINK_SOLVER_PERFECT_INFO) && (f & BRINK_SOLVER_ALL))
        brink_buf_puts(b, "backward induction finds every subgame-perfect equilibrium exactly");
    else if (reduced(s) && (f & BRINK_SOLVER_ALL) && (f & BRINK_SOLVER_PURE_ONLY))
        brink_buf_puts(b, "every pure-strategy equilibrium of the reduced strategic form");
    else if (reduced(s) && (f & BRINK_SOLVER_ALL))
        brink_buf_puts(b, "every extreme equilibrium of the reduced strategic form (mixed ones "
                          "included)");
    else if ((f & BRINK_SOLVER_BELIEFS) && (f & BRINK_SOLVER_APPROX))
        brink_buf_puts(b, "an approximate sequential equilibrium with its beliefs (the limit of "
                          "a quantal-response path)");
    else if (f & BRINK_SOLVER_BELIEFS)
        brink_buf_puts(b, "a sequential equilibrium with its beliefs");
    else if (f & BRINK_SOLVER_APPROX)
        brink_buf_puts(b, "an approximate equilibrium");
    else
        brink_buf_printf(b, "one equilibrium of the %s", reduced(s) ? "reduced strategic form"
                                                                    : "sequence form");
}

void rep_method_why(brink_buf *b, const brink_method_used *m)
{
    int nplans;
    const brink_method_plan *plans = brink_analysis_plans(&nplans);
    unsigned need = m->plan >= 0 && m->plan < nplans ? plans[m->plan].need : 0;
    int any_reduced = 0;
    for (int k = 0; k < m->nsolvers; k++)
        any_reduced |= reduced(m->solver[k]);
    if (m->plan < 0 && m->postponed > 0)
        brink_buf_printf(b, "chosen by the user, run with chance moves postponed to where "
                            "they first matter (%ld decision%s moved above %s; the same game)",
                         m->postponed, m->postponed == 1 ? "" : "s",
                         m->postponed == 1 ? "a chance move it cannot see"
                                           : "chance moves they cannot see");
    else if (m->plan < 0)
        brink_buf_puts(b, "chosen by the user");
    else if ((need & BRINK_PLAN_PERFECT_INFO) && m->postponed > 0)
        brink_buf_printf(b, "perfect information once chance moves are postponed to where they "
                            "first matter (%ld decision%s moved above %s; the same game)",
                         m->postponed, m->postponed == 1 ? "" : "s",
                         m->postponed == 1 ? "a chance move it cannot see"
                                           : "chance moves they cannot see");
    else if (need & BRINK_PLAN_PERFECT_INFO)
        brink_buf_puts(b, "perfect information");
    else if (need & BRINK_PLAN_IMPERFECT)
        brink_buf_printf(b, "%simperfect information%s",
                         need & BRINK_PLAN_TWO_ACTORS ? "two actors, " : "",
                         any_reduced ? ", small" : "");
    else
        brink_buf_puts(b, any_reduced ? "small" : "any game");
    brink_buf_puts(b, ": ");
    for (int k = 0; k < m->nsolvers; k++) {
        if (k)
            brink_buf_puts(b, k + 1 == m->nsolvers ? " and " : ", ");
        solver_does(b, m->solver[k], m->complete[k]);
    }
    /* backward induction's equilibria are sequentially rational by construction */
    if (m->refined && !(need & BRINK_PLAN_PERFECT_INFO))
        brink_buf_printf(b, ", %schecked for sequential rationality",
                         m->nsolvers > 1 ? "each " : "");
}

void rep_method_change(brink_buf *b, const brink_method_change *c)
{
    if (c->cells > 0 && !isfinite(c->cells))
        brink_buf_printf(b, "%s not used: the reduced strategic form would have more than "
                            "1e308 cells (limit %.3g, max_reduced_cells)", c->solver->name,
                         c->limit);
    else if (c->cells > 0)
        brink_buf_printf(b, "%s not used: the reduced strategic form would have %.3g cells "
                            "(limit %.3g, max_reduced_cells)", c->solver->name, c->cells,
                         c->limit);
    else
        brink_buf_printf(b, "%s refused the game: %s", c->solver->name, c->why.message);
}

void rep_coverage(brink_buf *b, const brink_method_used *m)
{
    int all_mixed = 0, all_pure = 1, spe = 0;
    for (int k = 0; k < m->nsolvers; k++) {
        unsigned f = m->solver[k]->flags;
        if (m->complete[k] && (f & BRINK_SOLVER_PERFECT_INFO))
            spe = 1;
        else if (m->complete[k] && !(f & BRINK_SOLVER_PURE_ONLY))
            all_mixed = 1;
        if (!(f & BRINK_SOLVER_PURE_ONLY))
            all_pure = 0;
    }
    for (int k = 0; k < m->nsolvers; k++) {
        const brink_solver *s = m->solver[k];
        unsigned f = s->flags;
        if (k)
            brink_buf_puts(b, ", plus ");
        if ((f & BRINK_SOLVER_ALL) && !m->complete[k])
            brink_buf_puts(b, "some of the equilibria (the enumeration stopped before it "
                              "finished)");
        else if ((f & BRINK_SOLVER_PERFECT_INFO) && m->postponed > 0)
            /* subgames of the reordered game are not subgames of the game as written; the
             * sequential equilibria are the same in both */
            brink_buf_puts(b, "every sequential equilibrium in pure strategies (the "
                              "subgame-perfect ones of the game with chance moves postponed)");
        else if ((f & BRINK_SOLVER_PERFECT_INFO) && m->by_play)
            brink_buf_puts(b, "every subgame-perfect equilibrium in pure strategies, listed "
                              "by play");
        else if (f & BRINK_SOLVER_PERFECT_INFO)
            brink_buf_puts(b, "every subgame-perfect equilibrium in pure strategies");
        else if ((f & BRINK_SOLVER_ALL) && (f & BRINK_SOLVER_PURE_ONLY))
            brink_buf_puts(b, "every pure-strategy equilibrium");
        else if (f & BRINK_SOLVER_ALL)
            brink_buf_puts(b, "every extreme equilibrium; mixtures of equilibria in one "
                              "component are equilibria too");
        else if ((f & BRINK_SOLVER_BELIEFS) && (f & BRINK_SOLVER_APPROX))
            brink_buf_puts(b, "an approximate sequential equilibrium");
        else if (f & BRINK_SOLVER_BELIEFS)
            brink_buf_puts(b, "a sequential equilibrium");
        else if (f & BRINK_SOLVER_APPROX)
            brink_buf_puts(b, "an approximate equilibrium");
        else
            brink_buf_puts(b, "one equilibrium, which may be mixed");
    }
    if (all_mixed || spe)
        return;
    brink_buf_puts(b, all_pure ? "; mixed strategies were not searched"
                               : "; other mixed equilibria may exist");
}

/* ---- numbers and labels ---- */

void rep_pct(brink_buf *b, double p)
{
    double x = 100 * p;
    if (fabs(x - floor(x + 0.5)) < 1e-9)
        brink_buf_printf(b, "%.0f%%", floor(x + 0.5));
    else
        brink_buf_printf(b, "%.3g%%", x);
}

/* Significant digits up to which a terminating decimal is written out exactly. */
#define REP_EXACT_DIGITS 40

/* q exactly as a decimal when it terminates within `maxd` significant digits (its
 * denominator is 2^a 5^b): "0.33333333333333333333333333333", "5e-400", "1.5e+400".
 * 1 written, 0 not (nothing written). */
static int put_exact_decimal(brink_buf *out, const mpq_t q, long maxd)
{
    /* q = n / (2^a 5^b) terminates: q = N 10^-k with k = max(a, b) */
    mpz_t d, N;
    mpz_inits(d, N, NULL);
    mpz_set(d, mpq_denref(q));
    unsigned long a = 0, b = 0;
    while (mpz_even_p(d)) {
        mpz_divexact_ui(d, d, 2);
        a++;
    }
    while (mpz_divisible_ui_p(d, 5)) {
        mpz_divexact_ui(d, d, 5);
        b++;
    }
    int ok = 0;
    if (mpz_cmp_ui(d, 1) == 0 && mpz_sgn(mpq_numref(q)) != 0) {
        unsigned long k = a > b ? a : b;
        mpz_abs(N, mpq_numref(q));
        mpz_mul_2exp(N, N, k - a);
        mpz_ui_pow_ui(d, 5, k - b);
        mpz_mul(N, N, d);
        long e10 = -(long)k;   /* q = +-N 10^e10; trailing zeros moved into e10 */
        while (mpz_divisible_ui_p(N, 10)) {
            mpz_divexact_ui(N, N, 10);
            e10++;
        }
        char *dg = mpz_sizeinbase(N, 10) <= (size_t)maxd + 1 ? mpz_get_str(NULL, 10, N) : NULL;
        long nd = dg ? (long)strlen(dg) : 0;
        if (dg && nd <= maxd) {
            long x = e10 + nd - 1;   /* the scientific exponent */
            if (mpz_sgn(mpq_numref(q)) < 0)
                brink_buf_puts(out, "-");
            if (x >= -6 && x < 15 && e10 >= 0) {   /* plain whole: 1200 (as rep_num) */
                brink_buf_puts(out, dg);
                for (long z = 0; z < e10; z++)
                    brink_buf_puts(out, "0");
            } else if (x >= -6 && x < 21) {   /* plain: 0.000123, 12.5 */
                if (nd + e10 > 0)
                    brink_buf_printf(out, "%.*s.%s", (int)(nd + e10), dg, dg + nd + e10);
                else {
                    brink_buf_puts(out, "0.");
                    for (long z = 0; z < -e10 - nd; z++)
                        brink_buf_puts(out, "0");
                    brink_buf_puts(out, dg);
                }
            } else {   /* scientific: 5e-400, 1.25e+400 */
                brink_buf_printf(out, "%c%s%s%se%+ld", dg[0], nd > 1 ? "." : "", dg + 1, "", x);
            }
            ok = 1;
        }
        free(dg);
    }
    mpz_clears(d, N, NULL);
    return ok;
}

/* A long rational (more than 24 digits on either side): exactly when it is a short
 * terminating decimal ("5e-400"), else in scientific notation marked as rounded
 * ("~1.000000000e+400"). 1 when written, 0 when q is short (write it exactly). The exact
 * value is in --json. */
int rep_q_short(brink_buf *out, const mpq_t q)
{
    if (mpz_sizeinbase(mpq_numref(q), 10) <= 24 && mpz_sizeinbase(mpq_denref(q), 10) <= 24)
        return 0;
    if (put_exact_decimal(out, q, REP_EXACT_DIGITS))
        return 1;
    mpf_t f;
    mpf_init2(f, 64);
    mpf_set_q(f, q);
    mp_exp_t e;
    char *d = mpf_get_str(NULL, &e, 10, 10, f);
    if (d) {
        const char *m = d[0] == '-' ? d + 1 : d;
        brink_buf_printf(out, "~%s%c.%s%se%+ld", d[0] == '-' ? "-" : "", m[0] ? m[0] : '0',
                         m[0] && m[1] ? m + 1 : "0", "", (long)e - 1);
        free(d);
    }
    mpf_clear(f);
    return 1;
}

void rep_num(brink_buf *b, double x)
{
    /* A nonzero number is never written as 0, however small: 1e-12 is "1e-12". Whole numbers
     * (within a relative 1e-9) in full up to 15 digits (beyond, %.0f would print every digit
     * of the double: 300 of them near 1e300); others to 4 significant digits. */
    double r = floor(x + 0.5);
    if (x == 0)
        brink_buf_puts(b, "0");
    else if (fabs(x) < 1e15 && r != 0 && fabs(x - r) < 1e-9 * fabs(r))
        brink_buf_printf(b, "%.0f", r);
    else
        brink_buf_printf(b, "%.4g", x);
}

/* Significant digits up to which rep_num_q writes a terminating decimal exactly. */
#define REP_SHORT_DIGITS 6

void rep_num_q(brink_buf *b, double x, const mpq_t *q)
{
    if (!q) {
        rep_num(b, x);
        return;
    }
    if (mpq_sgn(*q) == 0) {
        brink_buf_puts(b, "0");
        return;
    }
    /* short and exact: 1e-12, 0.125, 12.345, 2.5e+20 */
    if (put_exact_decimal(b, *q, REP_SHORT_DIGITS))
        return;
    /* beyond the doubles, or where the double's 4 digits would mislead: the exact value */
    if (!isfinite(x) || x == 0 || fabs(x) >= 1e15) {
        rep_q(b, *q);
        return;
    }
    rep_num(b, x);
}

void rep_num_pair(brink_buf *b, double lo, const char *sep, double hi)
{
    brink_buf x, y;
    brink_buf_init(&x);
    brink_buf_init(&y);
    rep_num(&x, lo);
    rep_num(&y, hi);
    /* %.17g tells any two different doubles apart */
    for (int p = 6; lo != hi && p <= 17 && !x.failed && !y.failed &&
                    !strcmp(rep_text(&x), rep_text(&y));
         p++) {
        brink_buf_reset(&x);
        brink_buf_reset(&y);
        brink_buf_printf(&x, "%.*g", p, lo);
        brink_buf_printf(&y, "%.*g", p, hi);
    }
    if (x.failed || y.failed)
        b->failed = 1;
    brink_buf_puts(b, rep_text(&x));
    brink_buf_puts(b, sep);
    brink_buf_puts(b, rep_text(&y));
    brink_buf_free(&x);
    brink_buf_free(&y);
}

void rep_q(brink_buf *b, const mpq_t q)
{
    if (!rep_q_short(b, q))
        brink_buf_put_q(b, q);
}

void rep_words(brink_buf *b, const char *label)
{
    for (const char *p = label; *p; p++)
        brink_buf_append(b, *p == '_' ? " " : p, 1);
}

void rep_prob_range(const brink_efg *g, const brink_equilibrium *eq, int h, int x, double *lo,
                    double *hi)
{
    int a0 = g->infoset_action_start[h];
    if (brink_equilibrium_choice_fixed(g, eq, h)) {
        *lo = *hi = eq->behav[a0 + x];
        return;
    }
    int others = 0;   /* pure choices: x for sure in some, not at all in others */
    for (int j = 0; j < g->infoset_nactions[h]; j++)
        others += j != x && eq->alt[a0 + j];
    *hi = eq->alt[a0 + x] ? 1 : 0;
    *lo = eq->alt[a0 + x] && !others ? 1 : 0;
}

void rep_alternatives(brink_buf *b, const brink_efg *g, const brink_equilibrium *eq, int h)
{
    int a0 = g->infoset_action_start[h], first = 1;
    for (int j = 0; j < g->infoset_nactions[h]; j++)
        if (eq->alt && eq->alt[a0 + j]) {
            brink_buf_puts(b, first ? "" : " or ");
            rep_words(b, g->action_label[a0 + j]);
            first = 0;
        }
}

void rep_mpz(brink_buf *b, const mpz_t *n)
{
    if (!n) {
        brink_buf_puts(b, "1");
        return;
    }
    char *s = mpz_get_str(NULL, 10, *n);
    if (!s) {
        b->failed = 1;
        return;
    }
    brink_buf_puts(b, s);
    void (*freefunc)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefunc);
    freefunc(s, strlen(s) + 1);
}

int rep_differs(const brink_efg *g, const brink_analysis *a, int h)
{
    for (int k = 0; k < g->infoset_nactions[h]; k++) {
        double lo = 2, hi = -1;
        for (int e = 0; e < a->count; e++) {
            double l, u;
            rep_prob_range(g, &a->eq[e], h, k, &l, &u);
            if (l < lo)
                lo = l;
            if (u > hi)
                hi = u;
        }
        if (hi - lo > 1e-9)
            return 1;
    }
    return 0;
}

/* ---- watched decisions of a Monte Carlo run: the tree's information set, or on a compact
 * game (r->watch_class) the decision point reached by its path */

void rep_mc_watch_who(brink_buf *b, const brink_mc_result *r, int k)
{
    if (!r->watch_class) {
        rep_who(b, r->sc, brink_scenario_game(r->sc), r->watch[k]);
        return;
    }
    const sc_compact *c = r->sc->compact;
    brink_buf_puts(b, brink_scenario_actor_id(r->sc, c->mover[r->watch_class[k]]));
}

void rep_mc_watch_when(brink_buf *b, const brink_mc_result *r, int k)
{
    if (!r->watch_class) {
        rep_when(b, r->sc, r->watch[k]);
        return;
    }
    const sc_compact *c = r->sc->compact;
    int s0 = r->watch_path_start[k], s1 = r->watch_path_start[k + 1], u = c->root;
    if (s0 == s1) {
        brink_buf_puts(b, "at the start");
        return;
    }
    brink_buf_puts(b, "after ");
    for (int i = s0; i < s1; i++) {
        int e = r->watch_path[i];
        const sc_node *n = c->node[u];
        const char *who = c->mover[u] >= 0 ? brink_scenario_actor_id(r->sc, c->mover[u])
                                           : n->name ? n->name : "chance";
        brink_buf_printf(b, "%s%s %s", i > s0 ? ", " : "", who,
                         n->opt_labels[e - c->child_start[u]]);
        u = c->child[e];
    }
}

const char *rep_mc_watch_action(const brink_mc_result *r, int k, int a)
{
    if (!r->watch_class) {
        const brink_efg *g = brink_scenario_game(r->sc);
        return g->action_label[g->infoset_action_start[r->watch[k]] + a];
    }
    return r->sc->compact->node[r->watch_class[k]]->opt_labels[a];
}
