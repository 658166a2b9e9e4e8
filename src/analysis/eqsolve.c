/* eqsolve.c — solve a game with the plan the method policy picks (policy.c), assess,
 * refine, verify, summarise. A method that refuses a game (too big, not applicable) hands
 * over to the next role of the plan, or to the next plan.
 *
 * Solving many games of one structure (an_solve_ws, Monte Carlo) reuses what depends on the
 * structure only, and checks exactly only the profiles that are kept: the same equilibria,
 * found, checked and ordered the same way.
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
    o->time_limit = 0;
    o->max_profiles = 64;
    o->all_limit_nodes = 5000;
    o->max_reduced_cells = 20000;
    o->max_solves = 200;
    o->postpone_chance = 1;
    o->forecast_rounds = 30;
}

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

void brink_eqset_free(brink_eqset *s, const brink_efg *g)
{
    if (!s)
        return;
    for (int i = 0; i < s->count; i++)
        an_eq_free(&s->eq[i], g);
    free(s->eq);
    if (s->profiles) {
        mpz_clear(*s->profiles);
        free(s->profiles);
    }
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
        eq->nashconv = pr->nashconv;
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

/* The game the methods run on: the instance's, or the same game with chance moves postponed
 * (then amap maps its actions to the instance game's, and profiles are mapped back before
 * they are assessed on the instance game). */
typedef struct solve_game {
    brink_efg *g;
    const int *amap;
} solve_game;

struct an_solve_ws {
    int known;          /* the structure's facts below are set (after the first solve) */
    int small;          /* an_reduced_small */
    brink_efg *pg;      /* the postponed game (perfect information), or NULL: not postponed */
    int *amap;          /* its action map */
    long swaps;
    brink_solve_cache *cache;   /* the methods' (brink_solve_options.cache) */
};

an_solve_ws *an_solve_ws_new(void)
{
    an_solve_ws *ws = brink_calloc(1, sizeof(an_solve_ws));
    if (ws && !(ws->cache = brink_solve_cache_new())) {
        free(ws);
        ws = NULL;
    }
    return ws;
}

void an_solve_ws_free(an_solve_ws *ws)
{
    if (!ws)
        return;
    brink_efg_free(ws->pg);
    free(ws->amap);
    brink_solve_cache_free(ws->cache);
    free(ws);
}

/* A profile of the postponed game as one of the original: the same infosets and actions,
 * renumbered (chance actions too, so their probabilities come back as they were). */
static brink_status map_back(const brink_efg *g, const solve_game *sg, const brink_profile *pr,
                             double **behav, mpq_t **behavq, brink_error *err)
{
    *behav = brink_calloc((size_t)g->nactions, sizeof **behav);
    *behavq = pr->q ? brink_q_array_new((size_t)g->nactions) : NULL;
    if (!*behav || (pr->q && !*behavq)) {
        free(*behav);
        *behav = NULL;
        if (*behavq)
            brink_q_array_free(*behavq, (size_t)g->nactions);
        *behavq = NULL;
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    for (int a = 0; a < sg->g->nactions; a++) {
        (*behav)[sg->amap[a]] = pr->p[a];
        if (pr->q)
            mpq_set((*behavq)[sg->amap[a]], pr->q[a]);
    }
    return BRINK_OK;
}

/* Backward induction lists plays, not profiles, when there are more profiles than this
 * (those the analysis examines): below it every profile is examined as before. */
#define BRINK_GROUP_ABOVE(o) ((o)->max_profiles > 0 ? (o)->max_profiles : 64)

/* A play's count and off-path alternatives (brink_profile.nprofiles, .alt) onto its
 * equilibrium, taken from the profile; alternatives mapped back to the instance game's
 * actions when the method ran on the postponed game. */
static brink_status take_play(const brink_efg *g, const solve_game *sg, brink_profile *pr,
                              brink_equilibrium *eq, brink_error *err)
{
    if (sg && sg->g) {
        unsigned char *alt = brink_calloc((size_t)g->nactions + 1, 1);
        if (!alt)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        for (int a = 0; a < sg->g->nactions; a++)
            alt[sg->amap[a]] = pr->alt[a];
        eq->alt = alt;
    } else {
        eq->alt = pr->alt;
        pr->alt = NULL;
    }
    eq->nprofiles = pr->nprofiles;
    pr->nprofiles = NULL;
    return BRINK_OK;
}

int an_solve_all(const brink_efg *g, const brink_analysis_options *o)
{
    return o->all_limit_nodes < 0 || g->nnodes <= o->all_limit_nodes;
}

/* Run one method and merge its (assessed, verified) equilibria into out. */
static brink_status run(const brink_solver *s, const brink_scenario_instance *in,
                        const solve_game *sg, const int *leaf_group, int ngroups,
                        const brink_analysis_options *o, const an_solve_ws *ws,
                        brink_eqset *out, brink_error *err)
{
    double t0 = brink_now();
    brink_efg *g = brink_scenario_instance_game((brink_scenario_instance *)in);
    const brink_scenario *sc = brink_scenario_instance_scenario(in);
    brink_game game = {BRINK_GAME_EFG, NULL, sg && sg->g ? sg->g : g};
    brink_solve_options so;
    brink_solve_options_init(&so);
    so.exact = 0;   /* exact pivoting is slow; methods still certify exactly (profiles carry q) */
    so.all = an_solve_all(g, o);
    so.time_limit = o->time_limit;
    so.max_iterations = o->iterations;
    /* checked here, only when kept: without a time limit brink_solve's check is always
     * exact, and on a tree it never changes a profile, only fills its verdict and values */
    so.verify_later = ws && !(o->time_limit > 0);
    so.cache = ws ? ws->cache : NULL;
    so.max_list = o->max_profiles > 0 ? o->max_profiles : 0;   /* no more are examined */
    /* backward induction: one profile per play, with how many equilibria have it and what
     * they choose off the path (ties off the path multiply profiles, not plays) */
    so.by_play = so.all && (s->flags & BRINK_SOLVER_PERFECT_INFO) && (s->flags & BRINK_SOLVER_ALL);
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_status st = brink_solve(s, &game, &so, &l, err);
    if (!st && l.stats.profiles && l.stats.complete &&
        mpz_cmp_ui(*l.stats.profiles, (unsigned long)BRINK_GROUP_ABOVE(o)) <= 0) {
        /* few profiles: every one is examined, as they are (each its own equilibrium, with
         * its own off-path choices; grouped by play afterwards, pathgroups.c) */
        if (mpz_cmp_ui(*l.stats.profiles, (unsigned long)l.count) == 0) {
            for (int i = 0; i < l.count; i++) {   /* one profile per play: these are they */
                mpz_clear(*l.items[i].nprofiles);
                free(l.items[i].nprofiles);
                free(l.items[i].alt);
                l.items[i].nprofiles = NULL;
                l.items[i].alt = NULL;
            }
            mpz_clear(*l.stats.profiles);
            free(l.stats.profiles);
            l.stats.profiles = NULL;
        } else {
            brink_profile_list_free(&l);
            so.by_play = 0;
            st = brink_solve(s, &game, &so, &l, err);
        }
    }
    if (st) {
        brink_profile_list_free(&l);
        return st;
    }
    /* what this run adds, undone if it stops part way (a time limit while checking): a method
     * cut short found neither its list nor its completeness, and must not claim them */
    int count0 = out->count, nfound0 = out->nfound, nrejected0 = out->nrejected,
        nshort0 = out->nshort,
        nsolvers0 = out->method.nsolvers, complete0 = out->complete, truncated0 = out->truncated;
    if (out->method.nsolvers < BRINK_PLAN_MAX_ROLES) {
        out->method.complete[out->method.nsolvers] =
            (s->flags & BRINK_SOLVER_ALL) && l.stats.complete;
        out->method.stopped[out->method.nsolvers] =
            !l.stats.stopped_at_limit ? 0 : l.stats.budget_exhausted ? 2 : 1;
        /* every pure equilibrium listed is not every equilibrium: mixed ones were not
         * searched (a threshold's answer must then say others are not ruled out) */
        out->complete |= out->method.complete[out->method.nsolvers] &&
                         !(s->flags & BRINK_SOLVER_PURE_ONLY);
        out->method.solver[out->method.nsolvers++] = s;
    }
    out->method.refined = o->refine != 0;
    /* found: those listed, or more when the method counted beyond the list (max_list) */
    out->nfound += l.stats.found > l.count ? (int)l.stats.found : l.count;
    if (l.stats.found > l.count)
        out->truncated = 1;
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
    /* payoffs or chance probabilities beyond the doubles (a property of the game: once) */
    int unfaithful = an_doubles_unfaithful(g);
    for (int i = 0; i < examine && !st; i++) {
        /* the time limit covers the checks too (64 tied profiles of a large tree, each
         * assessed and verified exactly, can take far longer than the search) */
        if (o->time_limit > 0 && i > 0 && brink_now() - t0 > o->time_limit) {
            st = brink_error_set(err, BRINK_ENOCONVERGE, "%s: time limit of %g s reached while "
                                 "checking the profiles found (%d of %d checked)", s->name,
                                 o->time_limit, i, examine);
            break;
        }
        brink_equilibrium eq;
        double *mb = NULL;
        mpq_t *mq = NULL;
        if (sg && sg->g && (st = map_back(g, sg, &l.items[i], &mb, &mq, err)))
            break;
        const double *pb = mb ? mb : l.items[i].p;
        const mpq_t *pq = mb ? (const mpq_t *)mq
                             : l.items[i].q ? (const mpq_t *)l.items[i].q : NULL;
        st = an_assess(g, pb, pq, o->tol, &eq, err);
        /* payoffs or probabilities beyond the doubles' range: the check in doubles means
         * nothing; a perfect-information profile is then judged in exact arithmetic */
        if (!st && !eq.sequential && g->perfect_info && pq && unfaithful) {
            int spe = 0;
            brink_profile pr;
            memset(&pr, 0, sizeof pr);
            pr.kind = BRINK_PROFILE_BEHAV;
            pr.n = g->nactions;
            pr.p = (double *)pb;
            pr.q = (mpq_t *)pq;
            if ((st = brink_verify_subgame_perfect(g, &pr, &spe, err)) == BRINK_OK && spe) {
                an_eq_free(&eq, g);
                st = an_assess_proved(g, pb, pq, &eq, err);
            }
        }
        /* a floating-point profile of an approximate method: an equilibrium to the method's
         * tolerance at best (stats.tolerance: agent-logit stops when NashConv and every
         * conditional gain are below 1e-8 x payoff range), never exact. The analysis' own
         * tolerance asks every action in the support to be within 1e-9 of the best, which
         * an irrational mixed equilibrium (3 or more players) never meets in doubles: judged
         * there at the method's own instead, when the method says it met it */
        int approx = !st && (s->flags & BRINK_SOLVER_APPROX) && !pq;
        double mtol = l.stats.stopped_at_limit ? 0 : l.stats.tolerance;
        if (approx && !eq.sequential && mtol > 0) {
            an_eq_free(&eq, g);
            st = an_assess_approx(g, pb, o->tol, mtol, &eq, err);
            if (!st && eq.sequential)
                eq.tolerance = mtol;
        }
        if (!st && approx)
            eq.approximate = 1;
        if (!st && l.items[i].nprofiles && l.items[i].alt) {
            st = take_play(g, sg, &l.items[i], &eq, err);
            /* a choice the assessment replaced off the path is one of them too */
            for (int a = 0; !st && eq.completed && a < g->nactions; a++)
                if (eq.behav[a] > 0.5)
                    eq.alt[a] = 1;
        }
        free(mb);
        if (mq)
            brink_q_array_free(mq, (size_t)g->nactions);
        if (st)
            break;
        int keep = eq.sequential || !o->refine;
        if (approx && l.stats.stopped_at_limit)
            keep = -2;   /* short of the method's tolerance: no equilibrium (below) */
        for (int j = 0; keep == 1 && j < out->count; j++)
            if (same_play(g, &eq, &out->eq[j], o->tol))
                keep = -1;
        if (keep == 1 && so.verify_later && !eq.completed)
            st = brink_solve_check(s, &game, &l.items[i], i, 1, err);
        if (keep == 1 && !st) {
            const brink_profile *pr = &l.items[i];
            if (!eq.completed && pr->verified == 1 && pr->valueq && pr->nvalue == g->nplayers) {
                /* unchanged and already verified exactly by brink_solve */
                eq.verified = 1;
                eq.max_regret = pr->max_regret;
                eq.nashconv = pr->nashconv;
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
        /* an approximate profile is an equilibrium to the method's tolerance or nothing: a
         * point the method stopped at short of it, or (judged at that tolerance) one whose
         * NashConv exceeds it, is not kept (--all-equilibria too: it skips refinement only) */
        if (!st && keep == 1 && eq.approximate && eq.verified != 1 && l.stats.tolerance > 0 &&
            !(eq.nashconv <= l.stats.tolerance))
            keep = -2;
        /* an exact profile's numbers are the nearest doubles of its exact ones, not sums
         * in doubles (tester 17, F12: an exact 0 printed as 1.542e-17) */
        if (!st && keep == 1 && eq.valueq)
            for (int k = 0; k < g->nplayers; k++)
                eq.value[k] = brink_q_get_d(eq.valueq[k]);
        if (!st && keep == 1)
            st = an_eq_summarise(sc, in, g, leaf_group, ngroups, &eq, err);
        if (!st && keep == 1)
            st = an_eq_summarise_exact(sc, g, leaf_group, ngroups, &eq, err);
        if (keep == 1 && !st) {
            out->eq[out->count++] = eq;
        } else {
            if (keep == 0)
                out->nrejected++;
            else if (keep == -2)
                out->nshort++;
            an_eq_free(&eq, g);
        }
    }
    if (!st && l.stats.profiles) {   /* every profile over the plays found */
        out->method.by_play = 1;
        if (!out->profiles && (out->profiles = malloc(sizeof(mpz_t))))
            mpz_init(*out->profiles);
        if (!out->profiles)
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        else
            mpz_add(*out->profiles, *out->profiles, *l.stats.profiles);
        out->profiles_at_least |= l.stats.profiles_at_least;
    }
    brink_profile_list_free(&l);
    if (st) {
        for (int i = count0; i < out->count; i++)
            an_eq_free(&out->eq[i], g);
        out->count = count0;
        out->nfound = nfound0;
        out->nrejected = nrejected0;
        out->nshort = nshort0;
        out->method.nsolvers = nsolvers0;
        out->complete = complete0;
        out->truncated = truncated0;
    }
    return st;
}

/* Strategic-form methods skipped because the reduced strategic form is too large. */
static void note_too_large(const brink_efg *g, const brink_analysis_options *o,
                           brink_method_change *ch, int *n)
{
    if (g->perfect_info || an_reduced_small(g, o))
        return;
    int nplans;
    const brink_method_plan *plans = brink_analysis_plans(&nplans);
    for (int i = 0; i < nplans; i++) {
        if (!an_plan_applies(i, g, 1))
            continue;
        for (int k = 0; k < plans[i].nroles && *n < BRINK_METHOD_MAX_CHANGES; k++) {
            const brink_solver *s = plans[i].role[k].reduced
                                        ? an_role_solver(&plans[i].role[k], g, 1) : NULL;
            int seen = 0;
            for (int j = 0; j < *n; j++)
                seen |= ch[j].solver == s;
            if (!s || seen)
                continue;
            memset(&ch[*n], 0, sizeof ch[*n]);
            ch[*n].solver = s;
            ch[*n].status = BRINK_ETOOBIG;
            ch[*n].cells = an_reduced_cells(g);
            ch[*n].limit = (double)o->max_reduced_cells;
            (*n)++;
        }
        return;   /* the plan the game would have had */
    }
}

static int refusal(brink_status st)
{
    return st == BRINK_ETOOBIG || st == BRINK_EUNSUPPORTED || st == BRINK_ENOCONVERGE;
}

static brink_status plan_and_run(const brink_scenario_instance *in, const solve_game *sgp,
                                 const int *leaf_group, int ngroups,
                                 const brink_analysis_options *o, const an_solve_ws *ws,
                                 brink_eqset *out, brink_error *err);

static brink_status postponed(const brink_efg *g, const brink_analysis_options *o,
                              brink_efg **pg, int **amap, long *swaps, brink_error *err);

/* Every method refused a game kept as written (postpone_chance off): when postponing its
 * chance moves would give perfect information, say so (backward induction solves that). */
static void keep_order_hint(const brink_efg *g, brink_error *err)
{
    brink_analysis_options on;
    brink_analysis_options_init(&on);
    brink_efg *pg = NULL;
    int *amap = NULL;
    long swaps = 0;
    brink_error local;
    brink_error_clear(&local);
    if (postponed(g, &on, &pg, &amap, &swaps, &local) == BRINK_OK && pg)
        brink_error_append(err, "the game was kept as written; with its chance moves "
                                "postponed (the default) it has perfect information, and "
                                "backward induction solves it");
    brink_efg_free(pg);
    free(amap);
}

/* Every method refused the game: each one's reason, not the last one's alone (tester 17,
 * F8: "exact Lemke: tableau ... exceeds the exact limit" was all that was said). The code is
 * the last refusal's. */
static void every_refusal(const brink_method_change *ch, int n, brink_error *err)
{
    brink_buf b;
    brink_buf_init(&b);
    brink_buf_puts(&b, "every method the analysis tries refused the game: ");
    int said = 0;
    for (int j = 0; j < n; j++) {
        int seen = 0;
        for (int i = 0; i < j; i++)
            seen |= ch[i].solver == ch[j].solver;
        if (seen || !ch[j].why.message[0])
            continue;
        brink_buf_printf(&b, "%s%s: %s", said++ ? "; " : "", ch[j].solver->name,
                         ch[j].why.message);
    }
    if (said && !b.failed)
        brink_error_set(err, err->code, "%s", b.data);
    brink_buf_free(&b);
}

/* Imperfect information only because chance moves come before decisions that cannot see
 * them: the same game with those moves postponed has perfect information, and the methods
 * for it (exact, complete) run there. *pg: that game and *amap its action map, or NULL when
 * postponing is off or leaves the game imperfect. */
static brink_status postponed(const brink_efg *g, const brink_analysis_options *o,
                              brink_efg **pg, int **amap, long *swaps, brink_error *err)
{
    *pg = NULL;
    *amap = NULL;
    *swaps = 0;
    if (!o->postpone_chance || g->perfect_info)
        return BRINK_OK;
    brink_status st = brink_efg_postpone_chance(g, pg, amap, swaps, err);
    if (st)
        return st;
    if (*pg && !(*pg)->perfect_info) {   /* still imperfect: keep the game as it is */
        brink_efg_free(*pg);
        free(*amap);
        *pg = NULL;
        *amap = NULL;
    }
    return BRINK_OK;
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
    out->method.plan = -1;
    if (o->method) {
        const brink_solver *s = brink_analysis_method(g, o, NULL, err);
        if (!s)
            return err ? err->code : BRINK_EINVALID;
        /* a method for perfect information, asked for on a game that has imperfect
         * information only because chance moves come first, runs where the automatic choice
         * runs it: on the same game with those moves postponed (tester 17, F8: spe was
         * refused on Fearon's game although the automatic analysis solves it with spe) */
        brink_efg *pg = NULL;
        int *amap = NULL;
        long swaps = 0;
        brink_status st = BRINK_OK;
        if ((s->flags & BRINK_SOLVER_PERFECT_INFO) && !g->perfect_info &&
            (st = postponed(g, o, &pg, &amap, &swaps, err)))
            return st;
        solve_game sg = {pg, amap};
        st = run(s, in, pg ? &sg : NULL, leaf_group, ngroups, o, NULL, out, err);
        if (!st && pg)
            out->method.postponed = swaps;
        if (st)
            brink_eqset_free(out, g);
        brink_efg_free(pg);
        free(amap);
        return st;
    }
    brink_efg *pg = NULL;
    int *amap = NULL;
    long swaps = 0;
    brink_status st = postponed(g, o, &pg, &amap, &swaps, err);
    if (st)
        return st;
    solve_game sg = {pg, amap};
    st = plan_and_run(in, pg ? &sg : NULL, leaf_group, ngroups, o, NULL, out, err);
    if (!st && pg)
        out->method.postponed = swaps;
    if (refusal(st) && !o->postpone_chance && !g->perfect_info && err)
        keep_order_hint(g, err);
    brink_efg_free(pg);
    free(amap);
    return st;
}

brink_status an_analysis_solve_ws(const brink_scenario_instance *in, an_solve_ws *ws,
                                  const int *leaf_group, int ngroups,
                                  const brink_analysis_options *o, brink_eqset *out,
                                  brink_error *err)
{
    if (!ws || !o || o->method)
        return brink_analysis_solve(in, leaf_group, ngroups, o, out, err);
    memset(out, 0, sizeof *out);
    out->method.plan = -1;
    const brink_efg *g = brink_scenario_instance_game((brink_scenario_instance *)in);
    brink_status st;
    if (!ws->known) {   /* the first game: postponed as brink_analysis_solve does */
        if ((st = postponed(g, o, &ws->pg, &ws->amap, &ws->swaps, err)))
            return st;
        ws->small = an_reduced_small(ws->pg ? ws->pg : g, o);
        ws->known = 1;
    } else if (ws->pg && (st = brink_efg_postpone_rebind(g, ws->pg, ws->amap, err))) {
        return st;
    }
    solve_game sg = {ws->pg, ws->amap};
    st = plan_and_run(in, ws->pg ? &sg : NULL, leaf_group, ngroups, o, ws, out, err);
    if (!st && ws->pg)
        out->method.postponed = ws->swaps;
    return st;
}

/* The automatic choice: plans best first, on the solve game (sg, or the instance's). */
static brink_status plan_and_run(const brink_scenario_instance *in, const solve_game *sgp,
                                 const int *leaf_group, int ngroups,
                                 const brink_analysis_options *o, const an_solve_ws *ws,
                                 brink_eqset *out, brink_error *err)
{
    const brink_efg *g0 = brink_scenario_instance_game((brink_scenario_instance *)in);
    const brink_efg *g = sgp ? sgp->g : g0;
    /* the first plan whose methods accept the game; within a plan, a method that refuses the
     * game is skipped when another one answers. Every method passed over is recorded with
     * its reason (changes), so the report can say why the method is not the usual one. */
    brink_method_change changes[BRINK_METHOD_MAX_CHANGES];
    int nchanges = 0;
    int small = ws ? ws->small : an_reduced_small(g, o), nplans;
    if (!small)   /* (small: nothing is noted) */
        note_too_large(g, o, changes, &nchanges);
    brink_status st = BRINK_EUNSUPPORTED;
    brink_error_set(err, st, "no registered method applies to this game");
    const brink_method_plan *plans = brink_analysis_plans(&nplans);
    for (int i = 0; i < nplans; i++) {
        if (!an_plan_applies(i, g, small))
            continue;
        brink_eqset_free(out, g0);
        int ran = 0;
        st = BRINK_OK;
        for (int k = 0; k < plans[i].nroles; k++) {
            const brink_solver *s = an_role_solver(&plans[i].role[k], g, small);
            if (!s)
                continue;
            brink_error local;
            brink_error_clear(&local);
            brink_status r = run(s, in, sgp, leaf_group, ngroups, o, ws, out, &local);
            if (r == BRINK_OK) {
                ran++;
            } else if (!refusal(r)) {
                st = r;
                if (err)
                    *err = local;
                break;
            } else {
                if (nchanges < BRINK_METHOD_MAX_CHANGES) {
                    memset(&changes[nchanges], 0, sizeof changes[nchanges]);
                    changes[nchanges].solver = s;
                    changes[nchanges].status = r;
                    changes[nchanges++].why = local;
                }
                if (!ran && err)
                    *err = local;
            }
        }
        if (st)
            break;
        if (ran) {
            out->method.plan = i;
            out->method.nchanges = nchanges;
            memcpy(out->method.change, changes, (size_t)nchanges * sizeof changes[0]);
            brink_error_clear(err);
            return BRINK_OK;
        }
        st = err ? err->code : BRINK_EUNSUPPORTED;
    }
    brink_eqset_free(out, g0);
    if (refusal(st) && nchanges > 1 && err)
        every_refusal(changes, nchanges, err);
    return st ? st : BRINK_EUNSUPPORTED;
}
