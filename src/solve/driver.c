/* driver.c — brink_solve(): check that a method applies, run it, and verify every profile.
 *
 * A strategic-form method applied to an extensive game runs on the reduced strategic form and
 * its mixed profiles are mapped back to behaviour strategies (Kuhn's theorem, perfect recall).
 * Verification is exact (rationals) whenever the game is small enough, whatever the method (a
 * double profile of a two-player game that is not a simple fraction is solved exactly on its
 * support first, nfgexact.c); a profile an exact method produced that fails the exact check
 * is a bug and is reported as BRINK_EVERIFY rather than printed. A caller that keeps few of
 * the profiles may check only those (verify_later, brink_solve_check), and one that solves
 * many games of one structure may keep the reduced strategic form between calls
 * (brink_solve_cache: only the payoffs are refilled). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/solve.h"
#include "solve/polish/nfgpolish.h"
#include "solve/solvers.h"

static brink_status applicable(const brink_solver *s, const brink_game *g, brink_error *err)
{
    int np = g->kind == BRINK_GAME_NFG ? g->nfg->nplayers : g->efg->nplayers;
    if (g->kind == BRINK_GAME_EFG && !s->solve_efg && !s->solve_nfg)
        return brink_error_set(err, BRINK_EUNSUPPORTED, "method %s has no solver", s->name);
    if (g->kind == BRINK_GAME_NFG && !s->solve_nfg)
        return brink_error_set(err, BRINK_EUNSUPPORTED,
                               "method %s applies to extensive games only", s->name);
    if ((s->flags & BRINK_SOLVER_TWO_PLAYER) && np != 2)
        return brink_error_set(err, BRINK_EUNSUPPORTED,
                               "method %s needs a 2-player game; this one has %d players",
                               s->name, np);
    if (s->flags & BRINK_SOLVER_CONSTANT_SUM) {
        int cs = g->kind == BRINK_GAME_NFG ? brink_nfg_is_constant_sum(g->nfg, NULL)
                                           : brink_efg_is_constant_sum(g->efg);
        if (!cs)
            return brink_error_set(err, BRINK_EUNSUPPORTED,
                                   "method %s needs a constant-sum game; payoffs here do not "
                                   "add up to the same total everywhere", s->name);
    }
    if ((s->flags & BRINK_SOLVER_PERFECT_INFO) &&
        (g->kind != BRINK_GAME_EFG || !g->efg->perfect_info))
        return brink_error_set(err, BRINK_EUNSUPPORTED,
                               "method %s needs an extensive game of perfect information",
                               s->name);
    if (g->kind == BRINK_GAME_EFG && !g->efg->perfect_recall)
        return brink_efg_recall_error(g->efg, "brink's solvers and verifier need it", err);
    return BRINK_OK;
}

/* Payoffs beyond this magnitude (or below its inverse, nonzero) are refused by the methods
 * that compute only in doubles: products and sums of such numbers overflow or vanish. */
#define BRINK_FLOAT_PAYOFF_MAX 1e150

/* Largest |payoff| as a double (infinity when some payoff is beyond double range); *tiny is
 * set when a nonzero payoff is below 1/BRINK_FLOAT_PAYOFF_MAX. */
static double payoff_magnitude(const brink_game *g, int *tiny)
{
    const double *pay;
    size_t n;
    if (g->kind == BRINK_GAME_NFG) {
        pay = g->nfg->pay;
        n = g->nfg->ncells * (size_t)g->nfg->nplayers;
    } else {
        pay = g->efg->leaf_pay;
        n = (size_t)g->efg->nleaves * (size_t)g->efg->nplayers;
    }
    double big = 0;
    *tiny = 0;
    for (size_t k = 0; k < n; k++) {
        double a = fabs(pay[k]);
        if (!isfinite(a)) return INFINITY;
        if (a > big) big = a;
        if (a > 0 && a < 1 / BRINK_FLOAT_PAYOFF_MAX) *tiny = 1;
    }
    return big;
}

/* Methods that compute only in doubles cannot take payoffs beyond double range: refuse
 * before they start, naming exact methods that can. */
static brink_status float_range_ok(const brink_solver *s, const brink_game *g,
                                   brink_error *err)
{
    if (s->flags & BRINK_SOLVER_EXACT) return BRINK_OK; /* exact paths take any rational */
    int tiny;
    double big = payoff_magnitude(g, &tiny);
    if (big <= BRINK_FLOAT_PAYOFF_MAX && !tiny) return BRINK_OK;
    int np = g->kind == BRINK_GAME_NFG ? g->nfg->nplayers : g->efg->nplayers;
    const char *alt = g->kind == BRINK_GAME_NFG
                          ? (np == 2 ? "enummixed or lcp" : "enumpure")
                          : (np == 2 ? "sequential or seqlcp" : "enumpure");
    if (!isfinite(big))
        return brink_error_set(err, BRINK_EUNSUPPORTED,
                               "method %s computes in double precision, and a payoff of this "
                               "game is beyond double range (about 1.8e308); use an exact "
                               "method (--method %s), which takes the payoffs as exact "
                               "rationals", s->name, alt);
    return brink_error_set(err, BRINK_EUNSUPPORTED,
                           "method %s computes in double precision, and the payoffs span "
                           "beyond %g (largest %.3g%s), where its arithmetic overflows or "
                           "loses them; use an exact method (--method %s)",
                           s->name, BRINK_FLOAT_PAYOFF_MAX, big,
                           tiny ? ", or a nonzero one below its inverse" : "", alt);
}

struct brink_solve_cache {
    const brink_efg *g;   /* the game the reduced form below was made from */
    int nnodes, nactions;
    brink_nfg *nf;
    brink_reduced *map;
    const void *tag;      /* the solver whose scratch is kept (brink_solve_cache_keep) */
    void *scratch;
    void (*release)(void *);
};

void *brink_solve_cache_scratch(brink_solve_cache *c, const void *tag)
{
    return c && c->tag == tag ? c->scratch : NULL;
}

void brink_solve_cache_keep(brink_solve_cache *c, const void *tag, void *p,
                            void (*release)(void *))
{
    if (c->release && c->scratch != p) c->release(c->scratch);
    c->tag = tag;
    c->scratch = p;
    c->release = release;
}

brink_solve_cache *brink_solve_cache_new(void)
{
    return calloc(1, sizeof(brink_solve_cache));
}

void brink_solve_cache_free(brink_solve_cache *c)
{
    if (!c) return;
    if (c->release) c->release(c->scratch);
    brink_nfg_free(c->nf);
    brink_reduced_free(c->map);
    free(c);
}

/* The reduced form of g: the cache's, refilled with g's payoffs, when it was made from g (the
 * same object, so the same structure), else made now (and kept when there is a cache). */
static brink_nfg *reduced_of(const brink_efg *g, brink_solve_cache *c, brink_reduced **map,
                             brink_error *err)
{
    if (c && c->nf && c->g == g && c->nnodes == g->nnodes && c->nactions == g->nactions) {
        if (brink_efg_reduced_payoffs(g, c->map, c->nf, err)) return NULL;
        *map = c->map;
        return c->nf;
    }
    brink_nfg *nf = brink_efg_to_nfg(g, map, err);
    if (nf && c) {
        brink_nfg_free(c->nf);
        brink_reduced_free(c->map);
        c->g = g;
        c->nnodes = g->nnodes;
        c->nactions = g->nactions;
        c->nf = nf;
        c->map = *map;
    }
    return nf;
}

/* Run a strategic-form method on the reduced form of an extensive game. */
static brink_status solve_via_reduced(const brink_solver *s, const brink_efg *g,
                                      const brink_solve_options *o, brink_profile_list *out,
                                      brink_error *err)
{
    brink_reduced *map = NULL;
    brink_nfg *nf = reduced_of(g, o->cache, &map, err);
    if (!nf) return err ? err->code : BRINK_ENOMEM;
    brink_profile_list mixed;
    brink_profile_list_init(&mixed);
    brink_status st = s->solve_nfg(nf, o, &mixed, err);
    for (int i = 0; st == BRINK_OK && i < mixed.count; i++) {
        brink_profile *m = &mixed.items[i];
        brink_profile *b = brink_profile_list_add(out, BRINK_PROFILE_BEHAV, g->nactions,
                                                  m->q != NULL, err);
        if (!b) { st = BRINK_ENOMEM; break; }
        b->component = m->component;
        b->lambda = m->lambda;
        if (m->q) {
            st = brink_reduced_mixed_to_behavq(g, map, (const mpq_t *)m->q, b->q, err);
            brink_profile_sync_doubles(b);
        } else {
            st = brink_reduced_mixed_to_behav(g, map, m->p, b->p, err);
        }
    }
    out->ncomponents = mixed.ncomponents;
    if (st == BRINK_OK && mixed.nconvex > 0 && !out->convex_start) {
        /* profiles map one to one; shift member indices past the list's earlier items */
        int shift = out->count - mixed.count;
        for (int k = 0; k < mixed.convex_start[mixed.nconvex]; k++)
            mixed.convex_member[k] += shift;
        out->nconvex = mixed.nconvex;
        out->convex_start = mixed.convex_start;
        out->convex_member = mixed.convex_member;
        mixed.convex_start = mixed.convex_member = NULL;
        mixed.nconvex = 0;
    }
    out->stats = mixed.stats;
    brink_profile_list_free(&mixed);
    if (!o->cache || o->cache->nf != nf) {
        brink_reduced_free(map);
        brink_nfg_free(nf);
    }
    return st;
}

brink_status brink_solve_check(const brink_solver *s, const brink_game *g, brink_profile *pr,
                               int index, int exact, brink_error *err)
{
    brink_status st;
    int had_exact = pr->q != NULL;
    if (g->kind == BRINK_GAME_NFG) {
        st = brink_verify_nfg(g->nfg, pr, exact, err);
    } else {
        /* A profile in doubles from a tree method (simpdiv, agent-logit, CFR) is tried as the
         * simplest fractions within 1e-9 of its numbers, as the strategic form's check does:
         * an exact equilibrium found in doubles is then proved one (tester 10, F6: simpdiv's
         * exact answers on trees were all labelled approximate). A failed guess is dropped
         * below and the doubles' figures are restored. */
        int guess = exact && !had_exact && pr->kind == BRINK_PROFILE_BEHAV &&
                    pr->n == g->efg->nactions &&
                    (size_t)g->efg->nnodes * (size_t)g->efg->nplayers <= BRINK_MAX_EXACT_CELLS;
        if (guess && brink_profile_rationalize(pr, 1e-9, err)) return err ? err->code : BRINK_ENOMEM;
        st = brink_verify_efg(g->efg, pr, exact, err);
        if (!st && guess && pr->verified < 0) {
            brink_q_array_free(pr->q, (size_t)pr->n);
            pr->q = NULL;
            if (pr->valueq) brink_q_array_free(pr->valueq, (size_t)pr->nvalue);
            pr->valueq = NULL;
            pr->nvalue = 0;
            st = brink_verify_efg(g->efg, pr, 0, err);   /* the doubles' own figures */
        } else if (!st && guess && pr->verified > 0) {
            brink_profile_sync_doubles(pr);   /* the profile is now the fractions proved */
        }
    }
    if (st) return st;
    if (pr->verified < 0 && had_exact && !isfinite(pr->lambda))
        return brink_error_set(err, BRINK_EVERIFY,
                               "method %s returned profile %d, which fails the exact "
                               "equilibrium check (max regret %.3g): this is a bug in brink",
                               s->name, index + 1, pr->max_regret);
    if (pr->verified < 0 && !had_exact && exact && g->kind == BRINK_GAME_NFG &&
        g->nfg->nplayers == 2 && !isfinite(pr->lambda)) {
        /* The simple rationals nearby were not it: solve the support's indifference
         * equations exactly instead (an equilibrium with large denominators). */
        if (nfg_exact_polish2(g->nfg, pr->p, pr->q)) {
            brink_profile_sync_doubles(pr);
            if ((st = brink_verify_nfg(g->nfg, pr, 1, err))) return st;
        }
    }
    if (pr->verified < 0 && !had_exact) {
        /* The rationalised guess was not exact: keep the double profile only. */
        brink_q_array_free(pr->q, (size_t)pr->n);
        pr->q = NULL;
        if (pr->valueq) brink_q_array_free(pr->valueq, (size_t)pr->nvalue);
        pr->valueq = NULL;
        pr->nvalue = 0;
    }
    return BRINK_OK;
}

brink_status brink_solve(const brink_solver *s, const brink_game *g, const brink_solve_options *o,
                         brink_profile_list *out, brink_error *err)
{
    brink_solve_options defaults;
    if (!o) {
        brink_solve_options_init(&defaults);
        o = &defaults;
    }
    if (!g || g->kind == BRINK_GAME_NONE) return brink_error_set(err, BRINK_EINVALID, "no game");
    brink_status st = applicable(s, g, err);
    if (st) return st;
    if ((st = float_range_ok(s, g, err))) return st;
    snprintf(out->method, sizeof out->method, "%s", s->name);
    double t0 = brink_now();
    int first = out->count;
    if (g->kind == BRINK_GAME_NFG) st = s->solve_nfg(g->nfg, o, out, err);
    else if (s->solve_efg) st = s->solve_efg(g->efg, o, out, err);
    else st = solve_via_reduced(s, g->efg, o, out, err);
    out->stats.seconds = brink_now() - t0;
    if (st) return st;

    if (o->verify_later)
        return BRINK_OK;   /* the caller checks the profiles it keeps (brink_solve_check) */
    for (int i = first; i < out->count; i++) {
        /* Past the time limit the exact check is skipped (the doubles' check is linear): the
         * profile is then reported as checked in floating point only, never as exact. */
        int exact = !(o->time_limit > 0 && brink_now() - t0 > o->time_limit);
        if ((st = brink_solve_check(s, g, &out->items[i], i, exact, err))) return st;
    }
    return BRINK_OK;
}
