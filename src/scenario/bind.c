/* bind.c — numbers for one parameter instance: evaluate every closed expression once, then
 * write chance probabilities and leaf payoffs (sums of terms) into a game emitted from the
 * same scenario. Instances own a game and the scratch space, so binding allocates nothing;
 * a shared instance (brink_scenario_instance_shared) reads the scenario's own game until its
 * first bind, which builds its own.
 *
 * Invariant after a successful bind: for every chance infoset the probabilities are >= 0 and
 * sum exactly to 1; outcome_payq[leaf_outcome[l]] == leaf_payq[l] (one outcome per leaf);
 * every double equals its rational rounded, except that a payoff beyond double range has
 * the double +-inf: the exact copy is still right, and the instance counts such payoffs
 * (brink_scenario_instance_double_overflow) so float methods can refuse them.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/compact.h"
#include "scenario/model.h"

static brink_status eval_closed(const brink_scenario *sc, const mpq_t *values, mpq_t *stack,
                                mpq_t *vals, brink_error *err)
{
    const sc_compiled *c = &sc->c;
    brink_status st;
    for (int i = 0; i < c->nclosed; i++)
        if ((st = sc_expr_eval_q(c->closed[i], values, stack, vals[i], sc->file, err)))
            return st;
    return BRINK_OK;
}

brink_status sc_bind_game(const brink_scenario *sc, brink_efg *g, const mpq_t *values,
                          mpq_t *stack, mpq_t *vals, mpq_t *tmp, int *overflow,
                          brink_error *err)
{
    const sc_compiled *c = &sc->c;
    brink_status st;
    int over = 0;
    *overflow = 0;
    if ((st = eval_closed(sc, values, stack, vals, err)))
        return st;
    /* chance */
    int first = g->player_infoset_start[g->nplayers];
    for (int h = first; h < g->ninfosets; h++) {
        const sc_xinfoset *xi = &c->xinfosets[c->xinfoset_of[h]];
        int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
        mpq_set_ui(*tmp, 0, 1);
        for (int a = 0; a < na; a++) {
            const mpq_t *p = &vals[c->action_expr[a0 + a]];
            if (mpq_sgn(*p) < 0) {
                char *v = brink_q_to_string(*p);
                const char *wh = sc_closed_where(c, c->action_expr[a0 + a]);
                brink_status e = brink_error_set_at(err, BRINK_EINVALID, sc->file, xi->loc.line,
                                                    xi->loc.col,
                                                    "probability of '%s'%s%s%s is negative (%s) "
                                                    "at these parameter values", xi->actions[a],
                                                    wh ? " (" : "", wh ? wh : "", wh ? ")" : "", v ? v : "?");
                free(v);
                return e;
            }
            mpq_set(g->action_probq[a0 + a], *p);
            mpq_add(*tmp, *tmp, *p);
        }
        if (mpq_cmp_ui(*tmp, 1, 1) != 0) {
            double s = brink_q_get_d(*tmp);
            if (!(xi->inexact && s > 1 - 1e-12 && s < 1 + 1e-12)) {
                char *v = brink_q_to_string(*tmp);
                const char *wh = sc_probs_where(c, c->action_expr + a0, na);
                brink_status e = brink_error_set_at(err, BRINK_EINVALID, sc->file, xi->loc.line,
                                                    xi->loc.col,
                                                    "probabilities of this chance move%s%s%s sum "
                                                    "to %s, not 1, at these parameter values",
                                                    wh ? " (" : "", wh ? wh : "", wh ? ")" : "", v ? v : "?");
                free(v);
                return e;
            }
            mpq_sub(*tmp, *tmp, g->action_probq[a0 + na - 1]);
            mpq_set_ui(g->action_probq[a0 + na - 1], 1, 1);
            mpq_sub(g->action_probq[a0 + na - 1], g->action_probq[a0 + na - 1], *tmp);
        }
        for (int a = 0; a < na; a++)
            g->action_prob[a0 + a] = brink_q_get_d(g->action_probq[a0 + a]);
    }
    /* leaves */
    int np = g->nplayers;
    for (int l = 0; l < g->nleaves; l++) {
        int xl = c->xleaf_of[l], o = c->leaf_outcome[l];
        for (int p = 0; p < np; p++) {
            size_t k = (size_t)xl * (size_t)np + (size_t)p;
            mpq_set_ui(*tmp, 0, 1);
            for (int t = c->leaf_term_start[k]; t < c->leaf_term_start[k + 1]; t++)
                mpq_add(*tmp, *tmp, vals[c->leaf_term[t]]);
            size_t oi = (size_t)o * (size_t)np + (size_t)p, li = (size_t)l * (size_t)np + (size_t)p;
            mpq_set(g->outcome_payq[oi], *tmp);
            mpq_set(g->leaf_payq[li], *tmp);
            /* beyond double range mpq_get_d gives +-inf (or the largest double: either way
             * the count below is what tells) */
            double d = brink_q_get_d(*tmp);
            if (!isfinite(d) || fabs(d) >= DBL_MAX)
                over++;
            g->outcome_pay[oi] = d;
            g->leaf_pay[li] = d;
        }
    }
    *overflow = over;
    return BRINK_OK;
}

/* ---------------------------------------------------------------- instances */

struct brink_scenario_instance {
    const brink_scenario *sc;
    brink_efg *game;
    mpq_t *stack, *vals, *params, tmp;
    double *dstack;
    int nstack, nvals, nparams;
    int overflow;            /* payoffs whose double is beyond range, at the last bind */
    int shared;              /* game is the scenario's (bound at its defaults), not owned */
};

/* The instance's scratch space, its parameters at the scenario's defaults, no game yet. */
static brink_scenario_instance *instance_alloc(const brink_scenario *sc, brink_error *err)
{
    if (sc->compact) {   /* no tree to bind (limits.compact_above): only brink_analyze */
        /* the exact count (pass 1's saturates at 2^62 - 1: tester 11b, F7) */
        char *cnt = mpz_get_str(NULL, 10, sc->compact->nodes);
        brink_error_set_at(err, BRINK_EUNSUPPORTED, sc->file, sc->root->loc.line,
                           sc->root->loc.col,
                           "this scenario was built as a compact game (its tree would have "
                           "%s nodes) and only brink_analyze with method spe reads it; load it "
                           "with limits.compact_above 0 to build the tree",
                           cnt ? cnt : "so many");
        if (cnt) {
            void (*freefunc)(void *, size_t);
            mp_get_memory_functions(NULL, NULL, &freefunc);
            freefunc(cnt, strlen(cnt) + 1);
        }
        return NULL;
    }
    brink_scenario_instance *in = calloc(1, sizeof *in);
    if (!in) {
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return NULL;
    }
    in->sc = sc;
    mpq_init(in->tmp);
    in->nstack = sc->c.maxstack + 1;
    in->nvals = sc->c.nclosed + 1;
    in->nparams = sc->nparams + 1;
    in->stack = brink_q_array_new((size_t)in->nstack);
    in->vals = brink_q_array_new((size_t)in->nvals);
    in->params = brink_q_array_new((size_t)in->nparams);
    in->dstack = brink_calloc((size_t)in->nstack, sizeof *in->dstack);
    if (!in->stack || !in->vals || !in->params || !in->dstack) {
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        brink_scenario_instance_free(in);
        return NULL;
    }
    for (int i = 0; i < sc->nparams; i++)
        mpq_set(in->params[i], sc->params[i].value);
    return in;
}

brink_scenario_instance *brink_scenario_instance_new(const brink_scenario *sc, brink_error *err)
{
    brink_scenario_instance *in = instance_alloc(sc, err);
    if (!in)
        return NULL;
    if (!(in->game = sc_emit_game(sc, err)) ||
        sc_bind_game(sc, in->game, (const mpq_t *)in->params, in->stack, in->vals, &in->tmp,
                     &in->overflow, err) != BRINK_OK) {
        brink_scenario_instance_free(in);
        return NULL;
    }
    return in;
}

/* The scenario's game is already bound at these values (scenario.c keeps it so): only the
 * closed expressions are evaluated, for brink_scenario_instance_issue_value. */
brink_scenario_instance *brink_scenario_instance_shared(const brink_scenario *sc,
                                                        brink_error *err)
{
    brink_scenario_instance *in = instance_alloc(sc, err);
    if (!in)
        return NULL;
    if (eval_closed(sc, (const mpq_t *)in->params, in->stack, in->vals, err) != BRINK_OK) {
        brink_scenario_instance_free(in);
        return NULL;
    }
    in->game = (brink_efg *)sc->game;
    in->shared = 1;
    in->overflow = sc->game_overflow;
    return in;
}

/* Before a shared instance binds other values: its own game (the scenario's stays as is). */
static brink_status own_game(brink_scenario_instance *in, brink_error *err)
{
    if (!in->shared)
        return BRINK_OK;
    brink_efg *g = sc_emit_game(in->sc, err);
    if (!g)
        return err && err->code ? err->code : BRINK_ENOMEM;
    in->game = g;
    in->shared = 0;
    return BRINK_OK;
}

void brink_scenario_instance_free(brink_scenario_instance *in)
{
    if (!in)
        return;
    if (!in->shared)
        brink_efg_free(in->game);
    brink_q_array_free(in->stack, (size_t)in->nstack);
    brink_q_array_free(in->vals, (size_t)in->nvals);
    brink_q_array_free(in->params, (size_t)in->nparams);
    free(in->dstack);
    mpq_clear(in->tmp);
    free(in);
}

brink_status brink_scenario_bind_q(brink_scenario_instance *in, const mpq_t *values,
                                   brink_error *err)
{
    brink_status st = own_game(in, err);
    if (st)
        return st;
    for (int i = 0; i < in->sc->nparams; i++)
        mpq_set(in->params[i], values[i]);
    return sc_bind_game(in->sc, in->game, (const mpq_t *)in->params, in->stack, in->vals,
                        &in->tmp, &in->overflow, err);
}

brink_status brink_scenario_bind_d(brink_scenario_instance *in, const double *values,
                                   brink_error *err)
{
    /* Doubles are exact dyadic rationals: binding them exactly keeps chance probabilities
     * such as p and 1 - p summing to exactly 1. */
    brink_status st = own_game(in, err);
    if (st)
        return st;
    for (int i = 0; i < in->sc->nparams; i++) {
        if (!(values[i] == values[i]) || values[i] - values[i] != 0)
            return brink_error_set(err, BRINK_EINVALID, "parameter %s is not a finite number",
                                   in->sc->params[i].info.name);
        mpq_set_d(in->params[i], values[i]);
    }
    return sc_bind_game(in->sc, in->game, (const mpq_t *)in->params, in->stack, in->vals,
                        &in->tmp, &in->overflow, err);
}

int brink_scenario_instance_double_overflow(const brink_scenario_instance *in)
{
    return in->overflow;
}

brink_efg *brink_scenario_instance_game(brink_scenario_instance *in)
{
    return in->game;
}

const brink_scenario *brink_scenario_instance_scenario(const brink_scenario_instance *in)
{
    return in->sc;
}

double brink_scenario_instance_issue_value(const brink_scenario_instance *in, int leaf, int k)
{
    const sc_compiled *c = &in->sc->c;
    if (leaf < 0 || leaf >= c->ngleaves || k < 0 || k >= in->sc->nissues)
        return 0;
    int xl = c->xleaf_of[leaf];
    int e = c->leaf_value_expr[(size_t)xl * (size_t)in->sc->nissues + (size_t)k];
    if (e < 0)
        return 0;
    return brink_q_get_d(in->vals[e]);
}

/* ------------------------------------------------ doubles with bounds (Monte Carlo) */

size_t sc_bind_bound_work(const brink_scenario *sc)
{
    const sc_compiled *c = &sc->c;
    /* values and bounds of the closed expressions, the evaluation stack, leaf bounds */
    return 2 * (size_t)c->nclosed + 2 * ((size_t)c->maxstack + 1) +
           (size_t)c->ngleaves * (size_t)c->nplayers + 1;
}

/* Closed expression i in doubles with its bound (evaluated once per bind). */
static int closed_bound(const sc_compiled *c, int i, const double *values, const double *perr,
                        double *dv, double *de, double *stack)
{
    if (de[i] >= 0)
        return 1;
    int ok;
    dv[i] = sc_expr_eval_bound(c->closed[i], values, perr, stack, &de[i], &ok);
    if (!ok)
        de[i] = -1;
    return ok;
}

int sc_bind_bound(brink_scenario_instance *in, const double *values, const mpq_t *exact,
                  const double *perr, double *work, const double **leaf_err)
{
    if (own_game(in, NULL))
        return 0;
    const brink_scenario *sc = in->sc;
    const sc_compiled *c = &sc->c;
    brink_efg *g = in->game;
    double *dv = work, *de = dv + c->nclosed, *stack = de + c->nclosed;
    double *lerr = stack + 2 * ((size_t)c->maxstack + 1);
    for (int i = 0; i < c->nclosed; i++)
        de[i] = -1;
    /* chance probabilities exactly (few), so that "they sum to exactly 1" is decided as
     * the exact bind decides it; anything the exact bind would refuse or adjust: 0 */
    int first = g->player_infoset_start[g->nplayers];
    if (first < g->ninfosets) {
        for (int i = 0; i < sc->nparams; i++) {
            if (!isfinite(values[i]))
                return 0;
            if (exact)
                mpq_set(in->params[i], exact[i]);
            else
                mpq_set_d(in->params[i], values[i]);
        }
    }
    for (int h = first; h < g->ninfosets; h++) {
        int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
        mpq_set_ui(in->tmp, 0, 1);
        for (int a = 0; a < na; a++) {
            int x = c->action_expr[a0 + a];
            if (sc_expr_eval_q(c->closed[x], (const mpq_t *)in->params, in->stack, in->vals[x],
                               sc->file, NULL) != BRINK_OK ||
                mpq_sgn(in->vals[x]) < 0)
                return 0;
            mpq_add(in->tmp, in->tmp, in->vals[x]);
        }
        if (mpq_cmp_ui(in->tmp, 1, 1) != 0)
            return 0;
        for (int a = 0; a < na; a++)
            g->action_prob[a0 + a] = brink_q_get_d(in->vals[c->action_expr[a0 + a]]);
    }
    /* leaf payoffs: sums of terms in doubles, bounds added up with the sums' rounding */
    int np = g->nplayers;
    for (int l = 0; l < g->nleaves; l++) {
        int xl = c->xleaf_of[l];
        for (int p = 0; p < np; p++) {
            size_t k = (size_t)xl * (size_t)np + (size_t)p;
            double s = 0, e = 0, mag = 0;   /* mag: the partial sums, each rounded */
            for (int t = c->leaf_term_start[k]; t < c->leaf_term_start[k + 1]; t++) {
                int x = c->leaf_term[t];
                if (!closed_bound(c, x, values, perr, dv, de, stack))
                    return 0;
                s += dv[x];
                e += de[x];
                mag += fabs(s);
            }
            if (!isfinite(s) || !isfinite(mag))
                return 0;
            size_t li = (size_t)l * (size_t)np + (size_t)p;
            g->leaf_pay[li] = s;
            lerr[li] = (e + DBL_EPSILON * mag) * (1 + 64 * DBL_EPSILON) +
                       64 * DBL_TRUE_MIN;
        }
    }
    *leaf_err = lerr;
    return 1;
}
