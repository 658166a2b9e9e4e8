/* montecarlo.c — brink_montecarlo(): draw the parameters, solve each draw's game, aggregate.
 *
 * Samples are processed in blocks. Within a block, OpenMP threads (each with its own game
 * instance and scratch) fill one record per sample; the block's records are then merged in
 * sample order by one thread. Since every draw depends only on (seed, index) and the merge
 * order is fixed, the result is the same for any number of threads.
 *
 * Each draw is bound at the exact numbers it stands for (brink_sampler_exact: a continuous
 * draw is the rational its double is, a discrete value the number as written, a parameter
 * not drawn its exact default; brink_scenario_bind_q) and solved, refined
 * and verified as brink_analysis_solve does (`brink analyze` at the defaults); so every
 * equilibrium counted passed the analysis' checks (exact when the game is small enough).
 * Each worker keeps a solve workspace (an_analysis_solve_ws): what depends on the game's
 * structure alone is found on its first draw, not on every one.
 * A game with perfect information is first tried on the double path (mc_fast.c: bound and
 * solved in doubles, certified by its margins); a draw it cannot certify is solved exactly.
 * Without sharing or a database, blocks are computed a span at a time (one parallel region),
 * as fast draws would otherwise spend their time waiting for threads to wake.
 *
 * With a database (o->db, mc_db.c) each block is stored after it is computed and before it
 * is merged; blocks already stored (resume) are loaded instead of computed.
 *
 * Shared among processes (o->nparts > 1, e.g. MPI ranks): block b is computed by part
 * b % nparts; part 0 receives the others' blocks as bytes (mc_share.c) and merges every block
 * in draw order, exactly as one process would, so the result is the same.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "analysis/analysis_int.h"
#include "scenario/compact.h"
#include "scenario/model.h"
#include "solve/backward/spe_dag.h"
#include "uncertainty/mc_int.h"

#define MC_BLOCK BRINK_MC_BLOCK
#define MC_SPAN 64   /* blocks computed in one parallel region when nothing is shared */

void brink_mc_options_init(brink_mc_options *o)
{
    memset(o, 0, sizeof *o);
    o->samples = 1000;
    o->seed = 1;
    o->z = 1.959963984540054;
    o->sobol_resamples = 200;
    brink_analysis_options_init(&o->analysis);
    o->analysis.questions = 0;
    o->analysis.all_limit_nodes = -1;   /* every equilibrium, as the main analysis asks */
}

void brink_wilson(long k, long n, double z, brink_proportion *out)
{
    out->k = k;
    out->n = n;
    out->unknown = 0;
    if (n <= 0) {
        out->p = NAN;
        out->lo = 0;
        out->hi = 1;
        return;
    }
    double p = (double)k / (double)n, z2 = z * z, dn = (double)n;
    double den = 1 + z2 / dn, mid = (p + z2 / (2 * dn)) / den;
    double half = z / den * sqrt(p * (1 - p) / dn + z2 / (4 * dn * dn));
    out->p = p;
    out->lo = fmax(0, mid - half);
    out->hi = fmin(1, mid + half);
    if (k == 0)
        out->lo = 0;
    if (k == n)
        out->hi = 1;
}

void brink_wilson_partial(long k, long n, long unknown, double z, brink_proportion *out)
{
    if (unknown <= 0) {
        brink_wilson(k, n, z, out);
        return;
    }
    brink_proportion below, above;
    brink_wilson(k, n + unknown, z, &below);
    brink_wilson(k + unknown, n + unknown, z, &above);
    out->k = k;
    out->n = n;
    out->unknown = unknown;
    out->p = n > 0 ? (double)k / (double)n : NAN;
    out->lo = below.lo;
    out->hi = above.hi;
}

void brink_mc_result_free(brink_mc_result *r)
{
    if (!r)
        return;
    free(r->varied);
    free(r->first_error);
    an_groups_free(r->group_level, NULL);
    free(r->outcome);
    free(r->outcome_mean);
    free(r->watch);
    free(r->watch_start);
    free(r->watch_class);
    free(r->watch_path_start);
    free(r->watch_path);
    free(r->choice);
    free(r->choice_mixed);
    free(r->choice_ambiguous);
    free(r->outcome_incomplete);
    free(r->choice_incomplete);
    free(r->mixed_incomplete);
    free(r->value);
    free(r->opt_best);
    free(r->opt_value);
    free(r->opt_regret);
    free(r->opt_worst);
    free(r->src);
    free(r->src_lo);
    free(r->src_hi);
    free(r->src_r2);
    free(r->src_n);
    free(r->draw_x);
    free(r->draw_neq);
    free(r->draw_outcome);
    free(r->draw_choice);
    free(r->draw_value);
    free(r->draw_gprob);
    free(r->sobol);
    free(r);
}

typedef mc_rec rec;

typedef struct worker {
    brink_scenario_instance *in;
    an_solve_ws *ws;         /* the exact path's structure, found once (eqsolve.c) */
    double *values, *work;
    double *U, *w;           /* compare: node values, infoset weights */
    double *fwork, *bwork;   /* double path scratch (mc_fast_work, sc_bind_bound_work) */
    double *bvals;           /* Saltelli design: row B's values */
    mpq_t *q;                /* the draw's exact numbers [nparams] (brink_sampler_exact) */
    double *qerr;            /* bounds on their doubles' errors [nparams] */
    mpq_t *behq;             /* region path: a profile [nactions] */
    double *behav, *RU;      /* region path: the profile, node values [nnodes * nplayers] */
    /* a compact game's draw: exact leaf and edge payoffs, probabilities, reach weights and
     * group probabilities; per class: plays, group distributions, flags */
    mpq_t *cpay, *cepay, *cprob, *cw, *cg;
    double *cplays, *cgd;
    unsigned char *cflag;
    double *cd;              /* its double path: expressions' values and bounds, stack */
    double *cv;              /* V, E [nclasses * np]; edge payoffs and bounds
                                [(edges + 1) * np]; reach, best [nclasses]; probabilities
                                [edges] */
} worker;

typedef struct run {
    const brink_scenario *sc;
    const brink_mc_options *o;
    const brink_sampler *smp;
    const brink_efg *g;      /* structure shared by every instance */
    int ngroups, *leaf_group;
    int fast;                /* the double path is tried (mc_fast.c) */
    int saltelli;            /* draw m is row m of Saltelli's design (sobol.c) */
    mc_regions *reg;         /* the region path (mc_regions.c), or NULL */
    const sc_compact *K;     /* a compact game (no tree): solved per draw on its classes */
    int *cls_group;          /* [nclasses] a leaf class's outcome group (-1 otherwise) */
    int cfast;               /* the double path is tried on the compact game */
    unsigned char *cneed;    /* [nclosed] expressions a compact draw evaluates */
    brink_mc_result *r;
    /* the block's records */
    rec *rec;
    double *x, *gprob, *val, *opt;
    int *choice;
} run;

/* What the draw's equilibrium set is proved to be: MC_PROVED_UNIQUE (every equilibrium the
 * method looks for, mixed ones included, and there is one), MC_PROVED_SPE (backward induction
 * listed every subgame-perfect equilibrium and there is one: unique among subgame-perfect
 * equilibria, not among Nash equilibria), MC_PROVED_LISTED (the method listed and examined
 * every equilibrium it looks for: every pure subgame-perfect one, or every extreme one, but
 * there are several, or some were rejected), or 0 (the list may be incomplete). */
static int proved_complete(const brink_eqset *s)
{
    int spe = 0, listed = 0, play = 0;
    if (s->truncated || s->count < 1)
        return 0;
    for (int k = 0; k < s->method.nsolvers; k++) {
        unsigned f = s->method.solver[k]->flags;
        if (!s->method.complete[k] || !(f & BRINK_SOLVER_ALL))
            continue;
        if (!(f & (BRINK_SOLVER_PURE_ONLY | BRINK_SOLVER_PERFECT_INFO))) {
            if (s->count == 1 && s->nrejected == 0)
                return MC_PROVED_UNIQUE;
            listed = 1;
        }
        if (f & BRINK_SOLVER_PERFECT_INFO) {
            /* one play is one equilibrium only when no tie off the path multiplies it */
            spe = s->count == 1 && s->nrejected == 0 &&
                  (!s->eq[0].nprofiles || mpz_cmp_ui(*s->eq[0].nprofiles, 1) == 0);
            /* one play of several profiles: several equilibria, all counted (tester 11b,
             * F9: 2^127 of them read "one found (not proved)") */
            play = s->count == 1 && s->nrejected == 0 && s->eq[0].nprofiles &&
                   mpz_cmp_ui(*s->eq[0].nprofiles, 1) > 0;
            listed = 1;
        }
    }
    return spe ? MC_PROVED_SPE : play ? MC_PROVED_PLAY : listed ? MC_PROVED_LISTED : 0;
}

/* The state of equilibrium e at watched set h: the action played for sure, or MIXED; or
 * AMBIGUOUS when e stands for a play whose equilibria choose differently there (off the
 * path). */
static int eq_state(const brink_efg *g, const brink_equilibrium *e, int h, double tol)
{
    if (!brink_equilibrium_choice_fixed(g, e, h))
        return BRINK_MC_AMBIGUOUS;
    int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
    for (int a = 0; a < na; a++)
        if (e->behav[a0 + a] >= 1 - tol)
            return a;
    return BRINK_MC_MIXED;
}

/* The same for a behaviour profile (the region path). */
static int behav_state(const brink_efg *g, const double *behav, int h, double tol)
{
    int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
    for (int a = 0; a < na; a++)
        if (behav[a0 + a] >= 1 - tol)
            return a;
    return BRINK_MC_MIXED;
}

static int close_enough(double x, double y)
{
    return fabs(x - y) <= 1e-7 * (1 + fabs(x) + fabs(y));
}

/* The realised outcome of draw idx: drawn from its outcome distribution on lane 1. */
static int realise(uint64_t seed, long idx, const double *gprob, int ng)
{
    brink_stream st;
    brink_stream_init(&st, seed, (uint64_t)idx, 1);
    double u = brink_stream_uniform(&st), acc = 0;
    int last = -1;
    for (int k = 0; k < ng; k++) {
        if (gprob[k] > 0)
            last = k;
        acc += gprob[k];
        if (u < acc)
            return k;
    }
    return last;   /* rounding: u above the sum of the probabilities */
}

/* Seconds a draw costs on the path the draws take (the double path where it certifies, else
 * the exact solve), the mean over the first draws (at most 3), solved here once more than
 * in their turn. The region path gets a share of that times the draws as its budget. */
static double draw_cost(const run *R, worker *w, long samples)
{
    const brink_mc_options *o = R->o;
    const brink_efg *g = R->g;
    int n = samples < 3 ? (int)samples : 3, done = 0;
    int nw = R->r->nwatch, np = g->nplayers, ng = R->ngroups;
    double *val = calloc((size_t)np + 1, sizeof *val), *gp = calloc((size_t)ng + 1, sizeof *gp);
    int *choice = calloc((size_t)nw + 1, sizeof *choice);
    double t0 = brink_now();
    for (int k = 0; k < n && val && gp && choice; k++) {
        brink_sampler_draw(R->smp, o->seed, (uint64_t)k, w->values, w->work);
        brink_sampler_exact(R->smp, w->values, w->q, w->qerr);
        brink_error e;
        brink_error_clear(&e);
        if (R->fast) {
            const double *lerr = NULL;
            int bound = sc_bind_bound(w->in, w->values, (const mpq_t *)w->q, w->qerr,
                                      w->bwork, &lerr);
            if ((bound || !brink_scenario_bind_q(w->in, (const mpq_t *)w->q, &e)) &&
                mc_fast_solve(g, bound ? lerr : NULL, R->leaf_group, ng, R->r->watch, nw,
                              w->fwork, val, gp, choice)) {
                done++;
                continue;
            }
        }
        brink_eqset s;
        memset(&s, 0, sizeof s);
        if (!brink_scenario_bind_q(w->in, (const mpq_t *)w->q, &e) &&
            !brink_analysis_solve(w->in, R->leaf_group, ng, &o->analysis, &s, &e))
            brink_eqset_free(&s, g);
        done++;   /* a failed solve costs its time too */
    }
    double t = brink_now() - t0;
    free(val);
    free(gp);
    free(choice);
    return done ? t / done : 0;
}

/* The region path for draw idx (row j): 1 answered by lookup, 0 left to a solve, -1 the
 * bind failed (rc->err). bound: the game is already bound exactly at the draw. */
static int try_region(const run *R, worker *w, long idx, int j, int bound)
{
    brink_mc_result *r = R->r;
    rec *rc = &R->rec[j];
    int nw = r->nwatch, np = r->nplayers, ng = R->ngroups;
    const brink_efg *g = brink_scenario_instance_game(w->in);
    if (!bound && brink_scenario_bind_q(w->in, (const mpq_t *)w->q, &rc->err))
        return -1;
    double *val = &R->val[(size_t)j * (size_t)np], *gp = &R->gprob[(size_t)j * (size_t)ng];
    double tol = R->o->analysis.tol;
    int neq = 0, proved = 0;
    if (!mc_regions_answer(R->reg, g, w->q[r->varied[0]], w->behq, w->behav, w->RU,
                           R->leaf_group, ng, tol, val, gp, &neq, &proved)) {
        for (int p = 0; p < np; p++)
            val[p] = NAN;
        return 0;
    }
    rc->path = MC_PATH_REGION;
    rc->neq = neq;
    rc->proved = proved;
    rc->verified = 1;   /* each certified over the region */
    rc->agreed_outcome = 1;   /* one equilibrium, or every one's outcome the same (agree) */
    for (int k = 0; k < nw; k++) {
        int st = behav_state(g, w->behav, r->watch[k], tol);
        for (int e = 1; e < neq; e++)
            if (behav_state(g, w->behav + (size_t)e * (size_t)g->nactions, r->watch[k], tol) != st)
                st = BRINK_MC_AMBIGUOUS;
        R->choice[(size_t)j * (size_t)nw + (size_t)k] = st;
    }
    rc->outcome = realise(R->o->seed, idx, gp, ng);
    return 1;
}

/* Outcome groups of a compact game as an_groups numbers the tree's (sc_compact_leaf_groups),
 * with each group's discrete levels (-1 for numeric issues) and each leaf class's group. */
static brink_status compact_groups(const brink_scenario *sc, const sc_compact *k, int *ngroups,
                                   int **group_level, int **cls_group, brink_error *err)
{
    int ng = 0, ni = k->ni, *gleaf = NULL;
    size_t w = (size_t)(ni ? ni : 1);
    brink_status st = sc_compact_leaf_groups(sc, k, &ng, cls_group, &gleaf, err);
    if (st)
        return st;
    int *lv = malloc(((size_t)ng + 1) * w * sizeof *lv);
    if (!lv) {
        free(gleaf);
        free(*cls_group);
        *cls_group = NULL;
        return brink_error_set(err, BRINK_ENOMEM, "out of memory grouping outcomes");
    }
    for (int g = 0; g < ng; g++)
        for (int i = 0; i < ni; i++)
            lv[(size_t)g * w + (size_t)i] =
                brink_scenario_issue_nlevels(sc, i)
                    ? k->leaf_level[(size_t)k->leaf[gleaf[g]] * (size_t)ni + (size_t)i]
                    : -1;
    free(gleaf);
    *ngroups = ng;
    *group_level = lv;
    return BRINK_OK;
}

#define CF_U (DBL_EPSILON / 2)
static double cf_up(double e)
{
    return e * (1 + 64 * DBL_EPSILON) + 64 * DBL_TRUE_MIN;
}

/* The double path on a compact game (as mc_fast.c on a tree): every expression a draw needs
 * in doubles with a rigorous bound (sc_expr_eval_bound), chance probabilities exactly (then
 * their doubles, within 2u), backward induction once per class carrying each value's bound,
 * and at every class the best action beating each other by more than both bounds: then every
 * exact preference is strict at every class, so at every node of the tree, and the tree has
 * exactly one subgame-perfect equilibrium, this one. 1: row j filled; 0: the exact path
 * decides (a near tie, an expression the doubles cannot bound, a probability to check). */
/* The double sum of terms term[t0..t1) (values dv, bounds de) into *v with a bound *e on
 * its distance to the exact sum; 0 when it is not finite. */
static int term_sum(const int *term, int t0, int t1, const double *dv, const double *de,
                    double *v, double *e)
{
    double sum = 0, er = 0, mag = 0;
    for (int t = t0; t < t1; t++) {
        sum += dv[term[t]];
        er += de[term[t]];
        mag += fabs(sum);
    }
    if (!isfinite(sum) || !isfinite(mag))
        return 0;
    *v = sum;
    /* 0 only when every partial sum was an exact 0 (no rounding happened: (1 + 1e-20) - 1
     * sums to 0 in doubles although it is not) */
    *e = er == 0 && mag == 0 ? 0 : cf_up(er + DBL_EPSILON * mag);
    return 1;
}

static int compact_fast(const run *R, worker *w, long idx, int j)
{
    const brink_scenario *sc = R->sc;
    const sc_compiled *cc = &sc->c;
    const sc_compact *k = R->K;
    brink_mc_result *r = R->r;
    int np = k->np, n = k->nclasses, ne = k->child_start[n], ng = R->ngroups, nw = r->nwatch;
    size_t snp = (size_t)np;
    double *dv = w->cd, *de = dv + cc->nclosed, *stack = de + cc->nclosed;
    double *V = w->cv, *E = V + (size_t)n * snp, *PV = E + (size_t)n * snp;
    double *PE = PV + ((size_t)ne + 1) * snp, *reach = PE + ((size_t)ne + 1) * snp;
    double *best = reach + n, *dprob = best + n;
    for (int i = 0; i < cc->nclosed; i++) {
        if (!R->cneed[i])
            continue;
        int ok = 0;
        dv[i] = sc_expr_eval_bound(cc->closed[i], w->values, w->qerr, stack, &de[i], &ok);
        if (!ok || !isfinite(dv[i]) || !isfinite(de[i]))
            return 0;
    }
    if (mpz_sgn(k->chances) > 0) {   /* exactly, as the tree's double path does */
        if (sc_compact_probs(sc, k, (const mpq_t *)w->q, 0, w->cprob, NULL))
            return 0;
        for (int e = 0; e < ne; e++)
            if (k->prob[e] >= 0) {
                /* inexact probabilities (maybe adjusted to sum to 1): the exact path */
                if (cc->closed[k->prob[e]]->flags & SC_EXPR_INEXACT)
                    return 0;
                dprob[e] = brink_q_get_d(w->cprob[e]);
            }
    }
    /* sums of terms: leaves' payoffs, edges' (and before the root) */
    for (int c = 0; c < n; c++) {
        int l = k->leaf[c];
        if (l < 0)
            continue;
        for (int p = 0; p < np; p++) {
            size_t t0 = (size_t)l * snp + (size_t)p;
            if (!term_sum(k->term, k->term_start[t0], k->term_start[t0 + 1], dv, de,
                          &V[(size_t)c * snp + (size_t)p], &E[(size_t)c * snp + (size_t)p]))
                return 0;
        }
    }
    int edges = k->nedge_terms > 0;
    for (int e = 0; edges && e <= ne; e++)
        for (int p = 0; p < np; p++) {
            size_t t0 = (size_t)e * snp + (size_t)p;
            if (!term_sum(k->eterm, k->eterm_start[t0], k->eterm_start[t0 + 1], dv, de,
                          &PV[t0], &PE[t0]))
                return 0;
        }
    /* backward induction, children first; x: the value through edge e, ex its bound */
#define XV(e, ch, i) (edges ? V[(size_t)(ch) * snp + (size_t)(i)] + PV[(size_t)(e) * snp + (size_t)(i)] \
                            : V[(size_t)(ch) * snp + (size_t)(i)])
#define XE(e, ch, i, x) (edges ? cf_up(E[(size_t)(ch) * snp + (size_t)(i)] + PE[(size_t)(e) * snp + (size_t)(i)] + CF_U * fabs(x)) \
                               : E[(size_t)(ch) * snp + (size_t)(i)])
    for (int c = 0; c < n; c++) {
        best[c] = -1;
        if (k->mover[c] == -1)
            continue;
        int e0 = k->child_start[c], e1 = k->child_start[c + 1], m = k->mover[c];
        double *Vc = &V[(size_t)c * snp], *Ec = &E[(size_t)c * snp];
        if (m == SC_COMPACT_CHANCE) {
            for (int i = 0; i < np; i++) {
                double sum = 0, mag = 0, er = 0;
                for (int e = e0; e < e1; e++) {
                    int ch = k->child[e];
                    double x = XV(e, ch, i), ex = XE(e, ch, i, x), pr = dprob[e];
                    double ep = 2 * CF_U * pr;
                    sum += pr * x;
                    mag += fabs(pr * x);
                    er += pr * ex + ep * (fabs(x) + ex);
                }
                Vc[i] = sum;
                Ec[i] = cf_up(er + 2 * (double)(e1 - e0 + 1) * CF_U * mag);
                if (!isfinite(Vc[i]) || !isfinite(Ec[i]))
                    return 0;
            }
            continue;
        }
        int b = e0;
        for (int e = e0 + 1; e < e1; e++)
            if (XV(e, k->child[e], m) > XV(b, k->child[b], m))
                b = e;
        double xb = XV(b, k->child[b], m), eb = XE(b, k->child[b], m, xb);
        for (int e = e0; e < e1; e++) {
            if (e == b)
                continue;
            double x = XV(e, k->child[e], m), ex = XE(e, k->child[e], m, x);
            if (!((xb - x) * (1 - 2 * CF_U) > cf_up(eb + ex)))
                return 0;   /* a tie or too close to call */
        }
        for (int i = 0; i < np; i++) {
            double x = XV(b, k->child[b], i);
            Vc[i] = x;
            Ec[i] = XE(b, k->child[b], i, x);
            if (!isfinite(Vc[i]))
                return 0;
        }
        best[c] = b - e0;
    }
#undef XV
#undef XE
    /* the play: reach probabilities from the root down */
    for (int c = 0; c < n; c++)
        reach[c] = 0;
    reach[k->root] = 1;
    double *gp = &R->gprob[(size_t)j * (size_t)ng];
    for (int g = 0; g < ng; g++)
        gp[g] = 0;
    for (int c = n - 1; c >= 0; c--) {
        if (reach[c] == 0)
            continue;
        if (k->mover[c] == -1)
            gp[R->cls_group[c]] += reach[c];
        else if (k->mover[c] >= 0)
            reach[k->child[k->child_start[c] + (int)best[c]]] += reach[c];
        else
            for (int e = k->child_start[c]; e < k->child_start[c + 1]; e++)
                reach[k->child[e]] += reach[c] * dprob[e];
    }
    double *val = &R->val[(size_t)j * snp];
    for (int i = 0; i < np; i++)
        val[i] = edges ? V[(size_t)k->root * snp + (size_t)i] + PV[(size_t)ne * snp + (size_t)i]
                       : V[(size_t)k->root * snp + (size_t)i];
    for (int m = 0; m < nw; m++)
        R->choice[(size_t)j * (size_t)nw + (size_t)m] = (int)best[r->watch_class[m]];
    rec *rc = &R->rec[j];
    rc->path = MC_PATH_FAST;
    rc->neq = 1;
    rc->proved = MC_PROVED_SPE;
    rc->verified = 1;
    rc->agreed_outcome = 1;
    rc->outcome = realise(R->o->seed, idx, gp, ng);
    return 1;
}

/* Draw idx (row j) on a compact game: bound at the draw's exact numbers (leaf and edge
 * payoffs, chance probabilities), solved by exact backward induction once per class
 * (spe_dag.c), and recorded as the tree's exact path records it:
 * - ties that change someone's value (payoff_ties): several equilibria, not all listed (2
 *   counted, proved 0: others not ruled out), values and outcomes not agreed, and a watched
 *   choice ambiguous unless no such tie lies below its class;
 * - otherwise every SPE has the same values; there are prod (best actions)^(count) of them:
 *   at most max_profiles (64) are listed one by one by the tree (that many equilibria, 1:
 *   the only SPE), more are listed by play (the number of distinct plays; one play of
 *   several profiles is MC_PROVED_PLAY); outcomes agree when every play gives the same
 *   group probabilities (within the tree's tolerance);
 * - a watched choice is the class's best action, or ambiguous when it has several. */
static void solve_one_compact(const run *R, worker *w, long idx, int j)
{
    const brink_mc_options *o = R->o;
    brink_mc_result *r = R->r;
    const sc_compact *k = R->K;
    rec *rc = &R->rec[j];
    int nw = r->nwatch, np = r->nplayers, ng = R->ngroups, n = k->nclasses;
    int ne = k->child_start[n];
    brink_error_clear(&rc->err);
    if (R->saltelli)   /* row idx of Saltelli's design (sobol.c), as solve_one */
        brink_sobol_design_row(R->smp, o->seed, idx, w->values, w->bvals, w->work);
    else
        brink_sampler_draw(R->smp, o->seed, (uint64_t)idx, w->values, w->work);
    brink_sampler_exact(R->smp, w->values, w->q, w->qerr);
    for (int m = 0; m < r->nvaried; m++)
        R->x[(size_t)j * (size_t)r->nvaried + (size_t)m] = w->values[r->varied[m]];
    int *choice = &R->choice[(size_t)j * (size_t)nw];
    double *val = &R->val[(size_t)j * (size_t)np], *gp = &R->gprob[(size_t)j * (size_t)ng];
    for (int m = 0; m < nw; m++)
        choice[m] = BRINK_MC_NONE;
    for (int p = 0; p < np; p++)
        val[p] = NAN;
    rc->neq = -1;
    rc->outcome = -1;
    rc->agreed_outcome = 0;
    rc->proved = rc->verified = 0;
    rc->has_opt = rc->opt_ambiguous = 0;
    rc->path = MC_PATH_EXACT;
    if (R->cfast) {
        if (compact_fast(R, w, idx, j))
            return;
        rc->path = MC_PATH_FALLBACK;
        for (int g = 0; g < ng; g++)
            gp[g] = 0;
    }
    if (sc_compact_payoffs(R->sc, k, (const mpq_t *)w->q, w->cpay, w->cepay, &rc->err))
        return;
    if (mpz_sgn(k->chances) > 0 &&
        sc_compact_probs(R->sc, k, (const mpq_t *)w->q, 0, w->cprob, &rc->err))
        return;
    brink_dag d;
    memset(&d, 0, sizeof d);
    d.n = n;
    d.np = np;
    d.mover = k->mover;
    d.child_start = k->child_start;
    d.child = k->child;
    d.pay = w->cpay;
    d.prob = (const mpq_t *)w->cprob;
    d.epay = k->nedge_terms ? (const mpq_t *)w->cepay : NULL;
    brink_dag_spe s;
    if (brink_dag_spe_solve(&d, &s, &rc->err))
        return;
    rc->verified = brink_dag_spe_verify(&d, &s, NULL);
    /* the play's reach probabilities (exact), top-down */
    for (int c = 0; c < n; c++)
        mpq_set_ui(w->cw[c], 0, 1);
    for (int g = 0; g < ng; g++)
        mpq_set_ui(w->cg[g], 0, 1);
    mpq_set_ui(w->cw[k->root], 1, 1);
    mpq_t t;
    mpq_init(t);
    for (int c = n - 1; c >= 0; c--) {
        if (mpq_sgn(w->cw[c]) == 0)
            continue;
        if (k->mover[c] == -1) {
            mpq_add(w->cg[R->cls_group[c]], w->cg[R->cls_group[c]], w->cw[c]);
        } else if (k->mover[c] >= 0) {
            int e = k->child_start[c] + s.choice[c];
            mpq_add(w->cw[k->child[e]], w->cw[k->child[e]], w->cw[c]);
        } else {
            for (int e = k->child_start[c]; e < k->child_start[c + 1]; e++) {
                mpq_mul(t, w->cw[c], w->cprob[e]);
                mpq_add(w->cw[k->child[e]], w->cw[k->child[e]], t);
            }
        }
    }
    for (int g = 0; g < ng; g++)
        gp[g] = brink_q_get_d(w->cg[g]);
    unsigned char *flag = w->cflag;   /* bit 1: a payoff tie at or below; bit 2: plays disagree */
    if (s.payoff_ties) {
        for (int c = 0; c < n; c++) {   /* children first */
            flag[c] = 0;
            if (k->mover[c] >= 0 && s.nopt[c] > 1) {
                int e0 = k->child_start[c], first = -1;
                for (int e = e0; e < k->child_start[c + 1]; e++)
                    if (s.optimal[e]) {
                        /* a tie changes values when the optimal children's values differ */
                        if (first < 0) {
                            first = e;
                            continue;
                        }
                        for (int p = 0; p < np; p++) {
                            mpq_t *a = &s.val[(size_t)k->child[e] * (size_t)np + (size_t)p];
                            mpq_t *b = &s.val[(size_t)k->child[first] * (size_t)np + (size_t)p];
                            if (d.epay) {
                                mpq_add(t, *a, d.epay[(size_t)e * (size_t)np + (size_t)p]);
                                mpq_sub(t, t, *b);
                                mpq_sub(t, t, d.epay[(size_t)first * (size_t)np + (size_t)p]);
                            } else {
                                mpq_sub(t, *a, *b);
                            }
                            if (mpq_sgn(t) != 0)
                                flag[c] = 1;
                        }
                    }
            }
            for (int e = k->child_start[c]; e < k->child_start[c + 1]; e++)
                flag[c] |= flag[k->child[e]] & 1;
        }
        rc->neq = 2;   /* at least: their values differ somewhere */
        rc->proved = 0;
        for (int m = 0; m < nw; m++) {
            int c = r->watch_class[m], below = 0;
            for (int e = k->child_start[c]; e < k->child_start[c + 1]; e++)
                below |= flag[k->child[e]] & 1;
            choice[m] = below || s.nopt[c] > 1 ? BRINK_MC_AMBIGUOUS : s.choice[c];
        }
        mpq_clear(t);
        brink_dag_spe_free(&d, &s);
        return;
    }
    /* every SPE has these values */
    for (int p = 0; p < np; p++) {
        mpq_set(t, s.val[(size_t)k->root * (size_t)np + (size_t)p]);
        if (d.epay)
            mpq_add(t, t, d.epay[(size_t)ne * (size_t)np + (size_t)p]);
        val[p] = brink_q_get_d(t);
    }
    mpq_clear(t);
    /* the number of profiles (up to 65: more are listed by play) and of plays */
    double lg = 0;
    for (int c = 0; c < n && lg < 7; c++)
        if (k->mover[c] >= 0 && s.nopt[c] > 1)
            lg += mpz_get_d(k->mult[c]) * log2((double)s.nopt[c]);
    long nspe = lg < 7 ? 1 : 65;
    for (int c = 0; c < n && lg < 7; c++)
        if (k->mover[c] >= 0 && s.nopt[c] > 1)
            for (unsigned long i = 0; i < mpz_get_ui(k->mult[c]); i++)
                nspe *= s.nopt[c];
    double *plays = w->cplays, *gd = w->cgd;
    for (int c = 0; c < n; c++) {   /* children first; gd: each class's group distribution */
        double *gc = &gd[(size_t)c * (size_t)ng];
        flag[c] = 0;
        if (k->mover[c] == -1) {
            plays[c] = 1;
            for (int g = 0; g < ng; g++)
                gc[g] = g == R->cls_group[c];
            continue;
        }
        int e0 = k->child_start[c], e1 = k->child_start[c + 1];
        if (k->mover[c] >= 0) {
            int first = -1;
            plays[c] = 0;
            for (int e = e0; e < e1; e++) {
                if (!s.optimal[e])
                    continue;
                int ch = k->child[e];
                plays[c] += plays[ch];
                flag[c] |= flag[ch];
                if (first < 0) {
                    first = ch;
                    memcpy(gc, &gd[(size_t)ch * (size_t)ng], (size_t)ng * sizeof *gc);
                    continue;
                }
                for (int g = 0; g < ng; g++) {
                    double x = gd[(size_t)ch * (size_t)ng + (size_t)g], y = gc[g];
                    if (!(fabs(x - y) <= 1e-7 * (1 + fabs(x) + fabs(y))))
                        flag[c] = 1;
                }
            }
        } else {
            plays[c] = 1;
            for (int g = 0; g < ng; g++)
                gc[g] = 0;
            for (int e = e0; e < e1; e++) {
                if (mpq_sgn(w->cprob[e]) == 0)
                    continue;   /* off the play */
                int ch = k->child[e];
                double pr = brink_q_get_d(w->cprob[e]);
                plays[c] *= plays[ch];
                flag[c] |= flag[ch];
                for (int g = 0; g < ng; g++)
                    gc[g] += pr * gd[(size_t)ch * (size_t)ng + (size_t)g];
            }
        }
    }
    double np_root = plays[k->root];
    if (nspe <= 64) {
        rc->neq = (int)nspe;
        rc->proved = nspe == 1 ? MC_PROVED_SPE : MC_PROVED_LISTED;
    } else {
        rc->neq = np_root < 2147483647.0 ? (int)np_root : 2147483647;
        rc->proved = np_root == 1 ? MC_PROVED_PLAY : MC_PROVED_LISTED;
    }
    rc->agreed_outcome = !flag[k->root];
    if (rc->agreed_outcome)
        rc->outcome = realise(o->seed, idx, gp, ng);
    for (int m = 0; m < nw; m++) {
        int c = r->watch_class[m];
        choice[m] = s.nopt[c] > 1 ? BRINK_MC_AMBIGUOUS : s.choice[c];
    }
    brink_dag_spe_free(&d, &s);
}

static void solve_one(const run *R, worker *w, long idx, int j)
{
    if (R->K) {
        solve_one_compact(R, w, idx, j);
        return;
    }
    const brink_mc_options *o = R->o;
    brink_mc_result *r = R->r;
    rec *rc = &R->rec[j];
    int nw = r->nwatch, np = r->nplayers, ng = R->ngroups;
    brink_error_clear(&rc->err);
    if (R->saltelli)
        brink_sobol_design_row(R->smp, o->seed, idx, w->values, w->bvals, w->work);
    else
        brink_sampler_draw(R->smp, o->seed, (uint64_t)idx, w->values, w->work);
    brink_sampler_exact(R->smp, w->values, w->q, w->qerr);
    for (int k = 0; k < r->nvaried; k++)
        R->x[(size_t)j * (size_t)r->nvaried + (size_t)k] = w->values[r->varied[k]];
    for (int k = 0; k < nw; k++)
        R->choice[(size_t)j * (size_t)nw + (size_t)k] = BRINK_MC_NONE;
    for (int p = 0; p < np; p++)
        R->val[(size_t)j * (size_t)np + (size_t)p] = NAN;
    rc->neq = -1;
    rc->outcome = -1;
    rc->agreed_outcome = 0;
    rc->proved = rc->verified = 0;
    rc->has_opt = rc->opt_ambiguous = 0;
    rc->path = MC_PATH_EXACT;
    const brink_efg *g = brink_scenario_instance_game(w->in);
    int tried = 0;   /* the region path was tried */
    if (R->reg && o->regions > 0) {
        int a = try_region(R, w, idx, j, 0);
        if (a)
            return;   /* answered, or the bind failed */
        tried = 1;
    }
    if (R->fast) {
        /* bound in doubles (exactly when the doubles cannot), solved in doubles */
        double *val = &R->val[(size_t)j * (size_t)np], *gp = &R->gprob[(size_t)j * (size_t)ng];
        const double *lerr = NULL;
        int bound = sc_bind_bound(w->in, w->values, (const mpq_t *)w->q, w->qerr, w->bwork,
                                  &lerr);
        if (!bound && brink_scenario_bind_q(w->in, (const mpq_t *)w->q, &rc->err))
            return;
        if (mc_fast_solve(g, bound ? lerr : NULL, R->leaf_group, ng, r->watch, nw, w->fwork,
                          val, gp, &R->choice[(size_t)j * (size_t)nw])) {
            /* one equilibrium, certified: every preference strict, so it is the only
             * subgame-perfect equilibrium (not proved the only Nash equilibrium) */
            rc->path = MC_PATH_FAST;
            rc->neq = 1;
            rc->proved = MC_PROVED_SPE;
            rc->verified = 1;
            rc->agreed_outcome = 1;
            rc->outcome = realise(o->seed, idx, gp, ng);
            return;
        }
        rc->path = MC_PATH_FALLBACK;
        for (int k = 0; k < nw; k++)
            R->choice[(size_t)j * (size_t)nw + (size_t)k] = BRINK_MC_NONE;
        for (int p = 0; p < np; p++)
            R->val[(size_t)j * (size_t)np + (size_t)p] = NAN;
        /* the doubles' bind left the exact numbers stale */
        if (bound && brink_scenario_bind_q(w->in, (const mpq_t *)w->q, &rc->err))
            return;
    } else if (brink_scenario_bind_q(w->in, (const mpq_t *)w->q, &rc->err)) {
        return;
    }
    if (R->reg && !tried) {   /* bound exactly at the draw by now */
        int path = rc->path;
        if (try_region(R, w, idx, j, 1))
            return;
        rc->path = path;
    }
    brink_eqset s;
    if (an_analysis_solve_ws(w->in, w->ws, R->leaf_group, ng, &o->analysis, &s, &rc->err))
        return;
    double tol = o->analysis.tol;
    rc->neq = s.count;
    rc->proved = proved_complete(&s);
    rc->verified = 1;
    for (int e = 0; e < s.count; e++)
        rc->verified &= s.eq[e].verified;
    if (s.count > 0 && r->compare_infoset >= 0) {
        mc_compare_eval(g, &s, r->compare_infoset, w->U, w->w,
                        &R->opt[(size_t)j * (size_t)r->nopts], &rc->opt_ambiguous);
        rc->has_opt = 1;
    }
    if (s.count > 0) {
        for (int k = 0; k < nw; k++) {
            int st = eq_state(g, &s.eq[0], r->watch[k], tol);
            for (int e = 1; e < s.count; e++)
                if (eq_state(g, &s.eq[e], r->watch[k], tol) != st)
                    st = BRINK_MC_AMBIGUOUS;
            R->choice[(size_t)j * (size_t)nw + (size_t)k] = st;
        }
        int agree = 1;
        for (int e = 1; e < s.count && agree; e++)
            for (int p = 0; p < np; p++)
                agree &= close_enough(s.eq[e].value[p], s.eq[0].value[p]);
        /* the nearest doubles of the exact values where the solve has them, as the compact
         * game's exact path gives them (tester 14, N6: the doubles' own arithmetic differed
         * in the last bit) */
        if (agree)
            for (int p = 0; p < np; p++)
                R->val[(size_t)j * (size_t)np + (size_t)p] =
                    s.eq[0].valueq ? brink_q_get_d(s.eq[0].valueq[p]) : s.eq[0].value[p];
        agree = 1;
        for (int e = 1; e < s.count && agree; e++)
            for (int k = 0; k < ng; k++)
                agree &= close_enough(s.eq[e].group_prob[k], s.eq[0].group_prob[k]);
        rc->agreed_outcome = agree;
        if (agree) {
            for (int k = 0; k < ng; k++)
                R->gprob[(size_t)j * (size_t)ng + (size_t)k] = s.eq[0].group_prob[k];
            rc->outcome = realise(o->seed, idx, &R->gprob[(size_t)j * (size_t)ng], ng);
        }
    }
    brink_eqset_free(&s, g);
}

/* R's rows from j0 on, as rows 0.. of a run (blocks inside a span). */
static run shifted(const run *R, int j0)
{
    run V = *R;
    size_t j = (size_t)j0;
    V.rec += j;
    V.x += j * (size_t)R->r->nvaried;
    V.gprob += j * (size_t)R->ngroups;
    V.val += j * (size_t)R->r->nplayers;
    V.choice += j * (size_t)R->r->nwatch;
    if (V.opt)
        V.opt += j * (size_t)R->r->nopts;
    return V;
}

/* Draws loaded from a database are those this run would make: each row's drawn values are
 * drawn again from (seed, index) and compared (a database edited by hand, or written by
 * another scenario or seed, is refused instead of merged). 1 and err set when they differ. */
static int stored_draws_differ(const run *R, worker *w, long first, int count, const char *db,
                               brink_error *err)
{
    const brink_mc_result *r = R->r;
    for (int j = 0; j < count; j++) {
        long idx = first + j;
        if (R->saltelli)
            brink_sobol_design_row(R->smp, R->o->seed, idx, w->values, w->bvals, w->work);
        else
            brink_sampler_draw(R->smp, R->o->seed, (uint64_t)idx, w->values, w->work);
        for (int k = 0; k < r->nvaried; k++) {
            double want = w->values[r->varied[k]];
            double got = R->x[(size_t)j * (size_t)r->nvaried + (size_t)k];
            if (!(got == want)) {
                brink_error_set_at(err, BRINK_EINVALID, db, 0, 0,
                                   "draw %ld in the database has %s = %.17g, but this run's "
                                   "draw %ld (seed %llu) is %.17g: the stored draws were not "
                                   "made by this run", idx,
                                   brink_scenario_param(r->sc, r->varied[k])->name, got, idx,
                                   (unsigned long long)R->o->seed, want);
                return 1;
            }
        }
    }
    return 0;
}

/* Running sums, merged in sample order. */
typedef struct sums {
    long *outcome_k, outcome_n;
    double *outcome_p;
    long *choice_k, *mixed_k, *amb_k;
    long *outcome_inc, *choice_inc, *mixed_inc;   /* of those, draws whose list may be
                                                    incomplete (mc_rec.proved == 0) */
    long *val_n;
    double *val_mean, *val_m2;   /* Welford */
    double *val_min, *val_max;   /* the least and greatest value seen, to clip intervals */
    long *best_k;
    double *ov_mean, *ov_m2, *rg_mean, *rg_m2;   /* options: value and regret (Welford) */
    double *ov_max, *rg_min, *rg_max;   /* ranges seen (the least value is opt_worst) */
} sums;

static void welford(double *mean, double *m2, long n, double v)
{
    double d = v - *mean;
    *mean += d / (double)n;
    *m2 += d * (v - *mean);
}

/* The mean with its normal-approximation interval, clipped to [lo, hi], the least and the
 * greatest value seen among the draws: a mean cannot lie outside them (a 0/1 value over 10
 * draws gave [-0.06, 0.46]). */
static void mean_of(brink_mean *m, long n, double mean, double m2, double z, double lo,
                    double hi)
{
    m->n = n;
    m->mean = n ? mean : NAN;
    m->sd = n > 1 ? sqrt(m2 / (double)(n - 1)) : NAN;
    m->lo = n > 1 ? fmax(lo, m->mean - z * m->sd / sqrt((double)n)) : -HUGE_VAL;
    m->hi = n > 1 ? fmin(hi, m->mean + z * m->sd / sqrt((double)n)) : HUGE_VAL;
    /* the farthest draw is the least or the greatest one */
    double dev = n > 1 ? fmax(hi - m->mean, m->mean - lo) : NAN;
    m->max_share = n > 1 && m2 > 0 ? fmin(1.0, dev * dev / m2) : NAN;
    m->heavy = n >= 30 && m->max_share > fmax(0.25, 8.0 * log((double)n) / (double)n);
}

static void merge_block(run *R, sums *S, long first, int count)
{
    brink_mc_result *r = R->r;
    int nw = r->nwatch, np = r->nplayers, ng = R->ngroups;
    for (int j = 0; j < count; j++) {
        long idx = first + j;
        const rec *rc = &R->rec[j];
        r->fast += rc->path == MC_PATH_FAST;
        r->fast_fallback += rc->path == MC_PATH_FALLBACK;
        r->loaded += rc->path == MC_PATH_LOADED;
        if (r->regions_used) {   /* a loaded draw was neither looked up nor solved here */
            r->region_lookup += rc->path == MC_PATH_REGION;
            r->region_solved += rc->path != MC_PATH_REGION && rc->path != MC_PATH_LOADED;
        }
        if (rc->neq < 0) {
            if (r->failed++ == 0) {
                r->first_error = malloc(strlen(rc->err.message) + 1);
                if (r->first_error)
                    strcpy(r->first_error, rc->err.message);
                r->first_error_index = idx;
                r->first_error_line = rc->err.line;
                r->first_error_column = rc->err.column;
            }
        } else if (rc->neq == 0) {
            r->none++;
        } else if (rc->neq == 1 && rc->proved != MC_PROVED_PLAY) {
            if (rc->proved == MC_PROVED_UNIQUE) {
                r->unique++;
            } else {
                r->single++;
                r->unique_spe += rc->proved == MC_PROVED_SPE;
            }
        } else {
            r->several++;
        }
        if (rc->neq > 0 && !rc->verified)
            r->unverified++;
        int partial = rc->neq > 0 && rc->proved == 0;   /* other equilibria not ruled out */
        r->incomplete += partial;
        if (rc->neq > 0) {
            if (rc->agreed_outcome && rc->outcome >= 0) {
                S->outcome_n++;
                S->outcome_k[rc->outcome]++;
                S->outcome_inc[rc->outcome] += partial;
                for (int k = 0; k < ng; k++)
                    S->outcome_p[k] += R->gprob[(size_t)j * (size_t)ng + (size_t)k];
            } else {
                r->outcome_ambiguous++;
            }
        }
        for (int k = 0; k < nw; k++) {
            int st = R->choice[(size_t)j * (size_t)nw + (size_t)k];
            if (st >= 0) {
                S->choice_k[r->watch_start[k] + st]++;
                S->choice_inc[r->watch_start[k] + st] += partial;
            } else if (st == BRINK_MC_MIXED) {
                S->mixed_k[k]++;
                S->mixed_inc[k] += partial;
            }
            else if (st == BRINK_MC_AMBIGUOUS)
                S->amb_k[k]++;
        }
        int have_val = rc->neq > 0;
        for (int p = 0; p < np; p++) {
            double v = R->val[(size_t)j * (size_t)np + (size_t)p];
            if (isnan(v)) {
                have_val = 0;
                continue;
            }
            long n = ++S->val_n[p];
            if (n == 1 || v < S->val_min[p])
                S->val_min[p] = v;
            if (n == 1 || v > S->val_max[p])
                S->val_max[p] = v;
            double d = v - S->val_mean[p];
            S->val_mean[p] += d / (double)n;
            S->val_m2[p] += d * (v - S->val_mean[p]);
        }
        if (rc->neq > 0 && !have_val)
            r->value_ambiguous++;
        if (rc->has_opt) {
            const double *ov = &R->opt[(size_t)j * (size_t)r->nopts];
            long n = ++r->compare_n;
            r->compare_ambiguous += rc->opt_ambiguous;
            double best = ov[0];
            for (int a = 1; a < r->nopts; a++)
                best = fmax(best, ov[a]);
            for (int a = 0; a < r->nopts; a++) {
                /* an option counted best has no regret: the doubles' rounding between two
                 * equal values (3 and 3 - 8.9e-17) is not a regret */
                int is_best = ov[a] >= best - 1e-9 * (1 + fabs(best));
                double rg = is_best ? 0.0 : best - ov[a];
                S->best_k[a] += is_best;
                welford(&S->ov_mean[a], &S->ov_m2[a], n, ov[a]);
                welford(&S->rg_mean[a], &S->rg_m2[a], n, rg);
                if (n == 1 || ov[a] < r->opt_worst[a])
                    r->opt_worst[a] = ov[a];
                if (n == 1 || ov[a] > S->ov_max[a])
                    S->ov_max[a] = ov[a];
                if (n == 1 || rg < S->rg_min[a])
                    S->rg_min[a] = rg;
                if (n == 1 || rg > S->rg_max[a])
                    S->rg_max[a] = rg;
            }
        }
        if (r->draw_neq) {
            r->draw_neq[idx] = rc->neq;
            r->draw_outcome[idx] = rc->agreed_outcome ? rc->outcome : -1;
            memcpy(&r->draw_x[(size_t)idx * (size_t)r->nvaried], &R->x[(size_t)j * (size_t)r->nvaried],
                   (size_t)r->nvaried * sizeof(double));
            memcpy(&r->draw_choice[(size_t)idx * (size_t)nw], &R->choice[(size_t)j * (size_t)nw],
                   (size_t)nw * sizeof(int));
            memcpy(&r->draw_value[(size_t)idx * (size_t)np], &R->val[(size_t)j * (size_t)np],
                   (size_t)np * sizeof(double));
            int agreed = rc->neq > 0 && rc->agreed_outcome;
            for (int k = 0; k < ng; k++)
                r->draw_gprob[(size_t)idx * (size_t)ng + (size_t)k] =
                    agreed ? R->gprob[(size_t)j * (size_t)ng + (size_t)k] : NAN;
        }
    }
}

/* The watched information sets: the references given, else those of the questions. */
static brink_status resolve_watch(const brink_scenario *sc, const brink_mc_options *o,
                                  const mc_stored *stored, const brink_efg *g,
                                  brink_mc_result *r, brink_error *err)
{
    int nrefs = stored ? 0 : o->watch ? o->nwatch_refs : brink_scenario_nquestions(sc);
    int cap = g->ninfosets + 1;
    r->watch = malloc((size_t)cap * sizeof *r->watch);
    r->watch_start = malloc((size_t)(cap + 1) * sizeof *r->watch_start);
    int *found = malloc((size_t)cap * sizeof *found);
    if (!r->watch || !r->watch_start || !found) {
        free(found);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    for (int k = 0; stored && k < stored->nwatch; k++) {   /* a stored run's, by id */
        if (stored->watch[k] < 0 || stored->watch[k] >= g->ninfosets || r->nwatch >= cap) {
            free(found);
            return brink_error_set(err, BRINK_EINVALID, "the stored run watches decision %d; "
                                   "the game has %d", stored->watch[k], g->ninfosets);
        }
        r->watch[r->nwatch++] = stored->watch[k];
    }
    for (int i = 0; i < nrefs; i++) {
        const char *ref = o->watch ? o->watch[i] : brink_scenario_question(sc, i)->watch;
        if (!ref)
            continue;
        int n = brink_scenario_find_decisions(sc, ref, found, cap, err);
        if (n < 0) {
            free(found);
            return err ? err->code : BRINK_EINVALID;
        }
        if (n == 0 && o->watch) {
            free(found);
            return brink_error_set(err, BRINK_EINVALID, "no decision matches '%s'", ref);
        }
        for (int k = 0; k < n && k < cap; k++) {
            int dup = 0;
            for (int m = 0; m < r->nwatch; m++)
                dup |= r->watch[m] == found[k];
            if (!dup && r->nwatch < cap)
                r->watch[r->nwatch++] = found[k];
        }
    }
    free(found);
    r->watch_start[0] = 0;
    for (int k = 0; k < r->nwatch; k++)
        r->watch_start[k + 1] = r->watch_start[k] + g->infoset_nactions[r->watch[k]];
    return BRINK_OK;
}

/* The watched decision points of a compact game: each reference names one by its path
 * (sc_compact_find_decision); r->watch holds its number in the tree. */
static brink_status resolve_watch_compact(const brink_scenario *sc, const brink_mc_options *o,
                                          brink_mc_result *r, brink_error *err)
{
    const sc_compact *k = sc->compact;
    int nrefs = o->watch ? o->nwatch_refs : 0;
    r->watch = malloc(((size_t)nrefs + 1) * sizeof *r->watch);
    r->watch_start = malloc(((size_t)nrefs + 1) * sizeof *r->watch_start);
    r->watch_class = malloc(((size_t)nrefs + 1) * sizeof *r->watch_class);
    r->watch_path_start = malloc(((size_t)nrefs + 1) * sizeof *r->watch_path_start);
    if (!r->watch || !r->watch_start || !r->watch_class || !r->watch_path_start)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    r->watch_path_start[0] = 0;
    for (int i = 0; i < nrefs; i++) {
        sc_compact_watch w;
        brink_status st = sc_compact_find_decision(sc, o->watch[i], &w, err);
        if (st) {
            free(w.path);
            return st;
        }
        int dup = 0;
        for (int m = 0; m < r->nwatch && !dup; m++) {
            int s0 = r->watch_path_start[m], n0 = r->watch_path_start[m + 1] - s0;
            dup = n0 == w.npath &&
                  (!n0 || !memcmp(r->watch_path + s0, w.path, (size_t)n0 * sizeof *w.path));
        }
        if (dup) {
            free(w.path);
            continue;
        }
        int m = r->nwatch, s0 = r->watch_path_start[m];
        int *g = brink_reallocarray(r->watch_path, (size_t)(s0 + w.npath) + 1,
                                    sizeof *r->watch_path);
        if (!g) {
            free(w.path);
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        }
        r->watch_path = g;
        if (w.npath)
            memcpy(g + s0, w.path, (size_t)w.npath * sizeof *w.path);
        free(w.path);
        r->watch_path_start[m + 1] = s0 + w.npath;
        r->watch_class[m] = w.cls;
        r->watch[m] = (int)w.infoset;
        r->nwatch++;
    }
    if (!r->watch_path && !(r->watch_path = malloc(sizeof *r->watch_path)))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    r->watch_start[0] = 0;
    for (int m = 0; m < r->nwatch; m++) {
        int c = r->watch_class[m];
        r->watch_start[m + 1] = r->watch_start[m] + k->child_start[c + 1] - k->child_start[c];
    }
    return BRINK_OK;
}

brink_mc_result *brink_montecarlo(const brink_scenario *sc, const brink_mc_options *o,
                                  brink_error *err)
{
    if (o && o->sobol && mc_sobol_check(sc, o, err))   /* refused before any draw */
        return NULL;
    brink_mc_result *r = mc_run(sc, o, NULL, 0, err);
    if (r && o && o->sobol > 0 && r->part == 0 && mc_sobol(r, sc, o, err)) {
        brink_mc_result_free(r);
        return NULL;
    }
    return r;
}

brink_mc_result *mc_run(const brink_scenario *sc, const brink_mc_options *o,
                        const mc_stored *stored, int saltelli, brink_error *err)
{
    double t0 = brink_now();
    brink_mc_options defaults;
    if (!o) {
        brink_mc_options_init(&defaults);
        o = &defaults;
    }
    if (o->samples < 1 || o->threads < 0 || !(o->z > 0) || o->sensitivity < 0 ||
        o->sensitivity > 100000) {
        brink_error_set(err, BRINK_EINVALID, "Monte Carlo needs samples >= 1, threads >= 0, "
                        "z > 0 and 0 to 100000 bootstrap resamples");
        return NULL;
    }
    int parts = o->nparts > 1 ? o->nparts : 1, me = parts > 1 ? o->part : 0;
    if (o->nparts < 0 || me < 0 || me >= parts ||
        (parts > 1 && (me ? !o->send : !o->receive))) {
        brink_error_set(err, BRINK_EINVALID, "Monte Carlo shared among %d processes: part %d "
                        "is not one of them, or its send/receive callback is missing",
                        o->nparts, o->part);
        return NULL;
    }
    const sc_compact *K = sc->compact;
    if (K) {   /* a compact game (no tree): what needs the tree, or is not done yet, refused */
        const char *why = stored ? "reading a stored run back (it names the tree's decisions)"
                          : o->compare_at ? "comparing options (compare)"
                          : o->analysis.method && strcmp(o->analysis.method, "spe")
                              ? "another method than spe"
                              : NULL;
        if (why) {
            brink_error_set_at(err, BRINK_EUNSUPPORTED, sc->file, sc->root->loc.line,
                               sc->root->loc.col,
                               "Monte Carlo on a compact game (the scenario's tree would be "
                               "too big to unfold) does not do %s yet: it needs the tree", why);
            /* how to build the tree is said by the caller, in its own words (the CLI's
             * --compact-above 0, Python's compact_above=0; tester 14, N6) */
            return NULL;
        }
    }
    int T = o->threads;
#ifdef _OPENMP
    if (T == 0)
        T = omp_get_max_threads();
#else
    T = 1;
#endif
    if (T < 1)
        T = 1;
    brink_mc_result *r = calloc(1, sizeof *r);
    brink_sampler *smp = NULL;
    worker *wk = NULL;
    mc_db *db = NULL;
    void *bytes = NULL;   /* a block's findings, to or from another part */
    size_t behq_n = 0;    /* entries of each worker's behq (the region path) */
    sums S;
    memset(&S, 0, sizeof S);
    run R;
    memset(&R, 0, sizeof R);
    if (!r)
        goto oom;
    r->sc = sc;
    r->samples = o->samples;
    r->seed = o->seed;
    r->threads = T;
    r->nparts = parts;
    r->part = me;
    if (!(smp = brink_sampler_new(sc, err)))
        goto fail;
    r->nvaried = brink_sampler_nvaried(smp);
    r->varied = malloc(((size_t)r->nvaried + 1) * sizeof *r->varied);
    if (!r->varied)
        goto oom;
    for (int k = 0; k < r->nvaried; k++)
        r->varied[k] = brink_sampler_varied(smp, k);
    wk = calloc((size_t)T, sizeof *wk);
    if (!wk)
        goto oom;
    size_t np_all = (size_t)brink_scenario_nparams(sc) + 1;
    for (int t = 0; t < T; t++) {
        if (K) {   /* per-draw scratch of each worker */
            size_t nc = (size_t)K->nclasses, ne1 = (size_t)K->child_start[K->nclasses] + 1;
            size_t npl = (size_t)K->np;
            if (!(wk[t].cpay = brink_q_array_new(nc * npl + 1)) ||
                !(wk[t].cepay = brink_q_array_new(ne1 * npl + 1)) ||
                !(wk[t].cprob = brink_q_array_new(ne1)) || !(wk[t].cw = brink_q_array_new(nc)) ||
                !(wk[t].cplays = malloc(nc * sizeof(double))) ||
                !(wk[t].cflag = malloc(nc)))
                goto oom;
        } else if (!(wk[t].in = brink_scenario_instance_new(sc, err))) {
            goto fail;
        }
        if (!(wk[t].ws = an_solve_ws_new()))
            goto oom;
        wk[t].values = malloc(np_all * sizeof(double));
        wk[t].work = malloc(brink_sampler_work_size(smp) * sizeof(double));
        wk[t].q = brink_q_array_new(np_all);
        wk[t].qerr = malloc(np_all * sizeof(double));
        if (!wk[t].values || !wk[t].work || !wk[t].q || !wk[t].qerr)
            goto oom;
    }
    const brink_efg *g = K ? NULL : brink_scenario_instance_game(wk[0].in);
    R.K = K;
    R.sc = sc;
    R.o = o;
    R.smp = smp;
    R.g = g;
    R.r = r;
    R.saltelli = saltelli;
    for (int t = 0; t < T && saltelli; t++)
        if (!(wk[t].bvals = malloc(np_all * sizeof(double))))
            goto oom;
    if (K ? compact_groups(sc, K, &R.ngroups, &r->group_level, &R.cls_group, err)
          : an_groups(sc, g, &R.ngroups, &r->group_level, &R.leaf_group, err))
        goto fail;
    r->ngroups = R.ngroups;
    r->nplayers = K ? K->np : g->nplayers;
    if (K ? resolve_watch_compact(sc, o, r, err) : resolve_watch(sc, o, stored, g, r, err))
        goto fail;
    for (int t = 0; t < T && K; t++)
        if (!(wk[t].cg = brink_q_array_new((size_t)R.ngroups + 1)) ||
            !(wk[t].cgd = malloc(((size_t)K->nclasses * (size_t)R.ngroups + 1) * sizeof(double))))
            goto oom;
    /* a compact game's double path (as mc_fast.c's): unless every draw is to be exact */
    R.cfast = K && !o->exact;
    if (R.cfast) {
        const sc_compiled *cc = &sc->c;
        size_t ncl = (size_t)K->nclasses, npl = (size_t)K->np;
        size_t ne1 = (size_t)K->child_start[K->nclasses] + 1;
        if (!(R.cneed = calloc((size_t)cc->nclosed + 1, 1)))
            goto oom;
        /* the payoffs' terms, and every expression of a parameter (as the exact path) */
        size_t nt = (size_t)K->term_start[(size_t)K->nleaves * npl];
        size_t net = (size_t)K->eterm_start[ne1 * npl];
        for (size_t i = 0; i < nt; i++)
            R.cneed[K->term[i]] = 1;
        for (size_t i = 0; i < net; i++)
            R.cneed[K->eterm[i]] = 1;
        for (int i = 0; i < cc->nclosed; i++)
            if (cc->closed[i]->flags & SC_EXPR_HAS_PARAM)
                R.cneed[i] = 1;
        for (int t = 0; t < T; t++)
            if (!(wk[t].cd = malloc((2 * (size_t)cc->nclosed + 2 * ((size_t)cc->maxstack + 1) + 1) *
                                    sizeof(double))) ||
                !(wk[t].cv = malloc((2 * ncl * npl + 2 * ne1 * npl + 2 * ncl + ne1 + 1) *
                                    sizeof(double))))
                goto oom;
    }
    /* the double path: a perfect-information game, no options compared, no forced method */
    R.fast = !K && !o->exact && !o->compare_at && !o->analysis.method && mc_fast_applies(g);
    for (int t = 0; t < T && R.fast; t++)
        if (!(wk[t].fwork = malloc(mc_fast_work(g) * sizeof(double))) ||
            !(wk[t].bwork = malloc(sc_bind_bound_work(sc) * sizeof(double))))
            goto oom;
    /* the region path: one drawn parameter, answers that the exact method would give */
    if (!K && r->nvaried == 1 && o->regions >= 0 && !o->exact && !o->compare_at &&
        !o->analysis.method && !saltelli && !stored) {
        /* It is an accelerator: it may cost at most half of what solving every draw is
         * estimated to cost (never under 1 s: a run that short is not worth the risk of
         * stopping a continuation that would have finished), or the user's time limit if
         * less; what it has not covered by then is solved as without it. */
        double per = draw_cost(&R, &wk[0], o->samples);
        brink_analysis_options ao = o->analysis;
        r->regions_budget = 0.5 * per * (double)o->samples;
        if (r->regions_budget < 1.0)
            r->regions_budget = 1.0;
        if (!(ao.time_limit > 0) || r->regions_budget < ao.time_limit)
            ao.time_limit = r->regions_budget;
        else
            r->regions_budget = ao.time_limit;
        brink_sampler_draw(smp, o->seed, 0, wk[0].values, wk[0].work);   /* the others */
        brink_sampler_exact(smp, wk[0].values, wk[0].q, NULL);
        brink_error_clear(err);
        R.reg = mc_regions_new(sc, r->varied[0], (const mpq_t *)wk[0].q, r->watch, r->nwatch,
                               &ao, err);
        if (!R.reg && err && err->code == BRINK_ENOMEM)
            goto fail;
        if (R.reg) {
            r->regions_used = 1;
            r->nregions = mc_regions_count(R.reg, &r->nregions_certified,
                                           &r->nregions_complete);
            r->regions_stopped = mc_regions_time(R.reg, &r->regions_seconds);
        }
        behq_n = 2 * (size_t)g->nactions + (size_t)g->nplayers + 1;
        size_t rows = R.reg ? (size_t)mc_regions_maxeq(R.reg) : 1;
        for (int t = 0; t < T && R.reg; t++) {
            if (!(wk[t].behq = brink_q_array_new(behq_n)) ||
                !(wk[t].behav = malloc((rows * (size_t)g->nactions + 1) * sizeof(double))) ||
                !(wk[t].RU = malloc(((size_t)g->nnodes * (size_t)g->nplayers + 1) *
                                    sizeof(double))))
                goto oom;
        }
    }
    r->compare_infoset = r->compare_actor = -1;
    if (stored ? stored->compare >= 0 : o->compare_at != NULL) {
        int h = stored ? stored->compare : -1;
        if (stored && h >= g->ninfosets) {
            brink_error_set(err, BRINK_EINVALID, "the stored run compares decision %d; the "
                            "game has %d", h, g->ninfosets);
            goto fail;
        }
        /* one decision: a typed actor's reference must name one type's */
        if (!stored && brink_scenario_find_one_decision(sc, o->compare_at, &h, err))
            goto fail;
        r->compare_infoset = h;
        r->compare_actor = g->infoset_player[h];
        r->nopts = g->infoset_nactions[h];
        size_t no = (size_t)r->nopts;
        r->opt_best = calloc(no, sizeof *r->opt_best);
        r->opt_value = calloc(no, sizeof *r->opt_value);
        r->opt_regret = calloc(no, sizeof *r->opt_regret);
        r->opt_worst = calloc(no, sizeof *r->opt_worst);
        S.best_k = calloc(no, sizeof *S.best_k);
        S.ov_mean = calloc(no, sizeof *S.ov_mean);
        S.ov_m2 = calloc(no, sizeof *S.ov_m2);
        S.rg_mean = calloc(no, sizeof *S.rg_mean);
        S.rg_m2 = calloc(no, sizeof *S.rg_m2);
        S.ov_max = calloc(no, sizeof *S.ov_max);
        S.rg_min = calloc(no, sizeof *S.rg_min);
        S.rg_max = calloc(no, sizeof *S.rg_max);
        R.opt = calloc((size_t)MC_SPAN * MC_BLOCK * no, sizeof *R.opt);   /* any span */
        if (!r->opt_best || !r->opt_value || !r->opt_regret || !r->opt_worst || !S.best_k ||
            !S.ov_mean || !S.ov_m2 || !S.rg_mean || !S.rg_m2 || !S.ov_max || !S.rg_min ||
            !S.rg_max || !R.opt)
            goto oom;
        for (int t = 0; t < T; t++) {
            wk[t].U = malloc((size_t)g->nnodes * (size_t)g->nplayers * sizeof(double));
            wk[t].w = malloc(((size_t)g->infoset_nmembers[h] + 1) * sizeof(double));
            if (!wk[t].U || !wk[t].w)
                goto oom;
        }
    }
    int ng = R.ngroups, nw = r->nwatch, np = r->nplayers, nc = r->watch_start[nw];
    r->outcome = calloc((size_t)ng + 1, sizeof *r->outcome);
    r->outcome_mean = calloc((size_t)ng + 1, sizeof *r->outcome_mean);
    r->choice = calloc((size_t)nc + 1, sizeof *r->choice);
    r->choice_mixed = calloc((size_t)nw + 1, sizeof *r->choice_mixed);
    r->choice_ambiguous = calloc((size_t)nw + 1, sizeof *r->choice_ambiguous);
    r->value = calloc((size_t)np + 1, sizeof *r->value);
    S.outcome_k = calloc((size_t)ng + 1, sizeof *S.outcome_k);
    S.outcome_p = calloc((size_t)ng + 1, sizeof *S.outcome_p);
    S.choice_k = calloc((size_t)nc + 1, sizeof *S.choice_k);
    S.mixed_k = calloc((size_t)nw + 1, sizeof *S.mixed_k);
    S.amb_k = calloc((size_t)nw + 1, sizeof *S.amb_k);
    S.outcome_inc = calloc((size_t)ng + 1, sizeof *S.outcome_inc);
    S.choice_inc = calloc((size_t)nc + 1, sizeof *S.choice_inc);
    S.mixed_inc = calloc((size_t)nw + 1, sizeof *S.mixed_inc);
    r->outcome_incomplete = calloc((size_t)ng + 1, sizeof *r->outcome_incomplete);
    r->choice_incomplete = calloc((size_t)nc + 1, sizeof *r->choice_incomplete);
    r->mixed_incomplete = calloc((size_t)nw + 1, sizeof *r->mixed_incomplete);
    S.val_n = calloc((size_t)np + 1, sizeof *S.val_n);
    S.val_mean = calloc((size_t)np + 1, sizeof *S.val_mean);
    S.val_m2 = calloc((size_t)np + 1, sizeof *S.val_m2);
    S.val_min = calloc((size_t)np + 1, sizeof *S.val_min);
    S.val_max = calloc((size_t)np + 1, sizeof *S.val_max);
    /* rows for a span of blocks (no more than the draws), and at least one block */
    size_t rows = (size_t)MC_SPAN * MC_BLOCK;
    if ((size_t)o->samples < rows)
        rows = (size_t)o->samples < MC_BLOCK ? MC_BLOCK : (size_t)o->samples;
    R.rec = calloc(rows, sizeof *R.rec);
    R.x = calloc(rows * ((size_t)r->nvaried + 1), sizeof *R.x);
    R.gprob = calloc(rows * ((size_t)ng + 1), sizeof *R.gprob);
    R.val = calloc(rows * ((size_t)np + 1), sizeof *R.val);
    R.choice = calloc(rows * ((size_t)nw + 1), sizeof *R.choice);
    if (!r->outcome || !r->outcome_mean || !r->choice || !r->choice_mixed ||
        !r->choice_ambiguous || !r->value || !S.outcome_k || !S.outcome_p || !S.choice_k ||
        !S.mixed_k || !S.amb_k || !S.outcome_inc || !S.choice_inc || !S.mixed_inc ||
        !r->outcome_incomplete || !r->choice_incomplete || !r->mixed_incomplete || !S.val_n || !S.val_mean || !S.val_m2 || !S.val_min ||
        !S.val_max || !R.rec || !R.x ||
        !R.gprob || !R.val || !R.choice)
        goto oom;
    if (me == 0 && (o->keep_draws || o->sensitivity > 0)) {   /* sensitivity fits on them */
        size_t n = (size_t)o->samples;
        r->draw_x = calloc(n * ((size_t)r->nvaried + 1), sizeof *r->draw_x);
        r->draw_neq = calloc(n, sizeof *r->draw_neq);
        r->draw_outcome = calloc(n, sizeof *r->draw_outcome);
        r->draw_choice = calloc(n * ((size_t)nw + 1), sizeof *r->draw_choice);
        r->draw_value = calloc(n * ((size_t)np + 1), sizeof *r->draw_value);
        r->draw_gprob = calloc(n * ((size_t)ng + 1), sizeof *r->draw_gprob);
        if (!r->draw_x || !r->draw_neq || !r->draw_outcome || !r->draw_choice ||
            !r->draw_value || !r->draw_gprob)
            goto oom;
    }
    if (me == 0 && o->db &&
        !(db = mc_db_open(o->db, o->resume, stored ? stored->run : 0, sc, o, r, err)))
        goto fail;
    if (parts > 1 && !(bytes = malloc(mc_block_bytes(r, MC_BLOCK))))
        goto oom;
    mc_block blk = {R.rec, R.x, R.gprob, R.val, R.opt, R.choice};
    for (long first = 0, step; first < o->samples; first += step) {
        int count = (int)(o->samples - first < MC_BLOCK ? o->samples - first : MC_BLOCK);
        long b = first / MC_BLOCK;
        int owner = (int)(b % parts);
        size_t nbytes = parts > 1 ? mc_block_bytes(r, count) : 0;
        step = count;
        if (me != 0 && owner != me)
            continue;
        if (db) {   /* stored by an earlier, interrupted run: merged as if computed now */
            int have = mc_db_load_block(db, first, count, r, &blk, err);
            if (have < 0)
                goto fail;
            if (have && stored_draws_differ(&R, &wk[0], first, count, o->db, err))
                goto fail;
            if (have) {
                /* the part that owns it computed it all the same: take (and drop) it */
                if (owner != 0 && o->receive(o->share_ctx, b, owner, bytes, nbytes, err))
                    goto fail;
                merge_block(&R, &S, first, count);
                if (o->progress)
                    o->progress(o->progress_ctx, first + count, o->samples, brink_now() - t0);
                continue;
            }
        }
        int span = count;   /* draws computed now: one block, or a span of them */
        if (me == 0 && owner != 0) {   /* computed by another part */
            if (o->receive(o->share_ctx, b, owner, bytes, nbytes, err) ||
                mc_block_unpack(r, first, count, &blk, bytes, err))
                goto fail;
        } else {
            /* alone and without a database, several blocks at once: one parallel region
             * per block would cost more than fast draws take (threads waking up) */
            if (!db && parts == 1)
                span = (int)(o->samples - first < MC_SPAN * MC_BLOCK ? o->samples - first
                                                                    : MC_SPAN * MC_BLOCK);
#ifdef _OPENMP
#pragma omp parallel for num_threads(T) schedule(dynamic, 4)
#endif
            for (int j = 0; j < span; j++) {
                int t = 0;
#ifdef _OPENMP
                t = omp_get_thread_num();
#endif
                solve_one(&R, &wk[t], first + j, j);
            }
        }
        step = span;
        /* each block of the span in turn, its rows seen through a shifted view */
        for (int j0 = 0; j0 < span; j0 += MC_BLOCK) {
            int n = span - j0 < MC_BLOCK ? span - j0 : MC_BLOCK;
            long bf = first + j0;
            run V = shifted(&R, j0);
            mc_block vb = {V.rec, V.x, V.gprob, V.val, V.opt, V.choice};
            /* running out of memory (or an internal failure) in a draw ends the run: it is
             * not a property of that draw */
            for (int j = 0; j < n; j++)
                if (V.rec[j].neq < 0 &&
                    (V.rec[j].err.code == BRINK_ENOMEM || V.rec[j].err.code == BRINK_EINTERNAL)) {
                    if (err)
                        *err = V.rec[j].err;
                    goto fail;
                }
            if (me != 0) {   /* part 0 merges it */
                mc_block_pack(r, bf, n, &vb, bytes);
                if (o->send(o->share_ctx, bf / MC_BLOCK, bytes, nbytes, err))
                    goto fail;
                continue;
            }
            if (db && mc_db_save_block(db, bf, n, r, &vb, err))
                goto fail;
            merge_block(&V, &S, bf, n);
            if (o->progress)
                o->progress(o->progress_ctx, bf + n, o->samples, brink_now() - t0);
        }
    }
    if (me != 0) {   /* no aggregates: its draws are merged by part 0 */
        r->seconds = brink_now() - t0;
        goto done;
    }
    if (r->failed && !r->first_error)
        goto oom;
    long nd = o->samples - r->failed;
    /* draws without an answer are not counted as "no": each share is over the draws that
     * have one, and its interval covers whatever the others would have shown */
    brink_wilson_partial(r->unique, nd, r->failed, o->z, &r->p_unique);
    brink_wilson_partial(r->several, nd, r->failed, o->z, &r->p_several);
    brink_wilson_partial(r->unique_spe, nd, r->failed, o->z, &r->p_unique_spe);
    long answered = nd - r->none;   /* draws with an equilibrium found */
    for (int k = 0; k < ng; k++) {
        brink_wilson_partial(S.outcome_k[k], S.outcome_n, o->samples - S.outcome_n, o->z,
                             &r->outcome[k]);
        r->outcome_incomplete[k] = S.outcome_inc[k];
        r->outcome_mean[k] = S.outcome_n ? S.outcome_p[k] / (double)S.outcome_n : NAN;
    }
    for (int k = 0; k < nw; k++) {
        for (int a = r->watch_start[k]; a < r->watch_start[k + 1]; a++) {
            brink_wilson_partial(S.choice_k[a], answered, o->samples - answered, o->z,
                                 &r->choice[a]);
            r->choice_incomplete[a] = S.choice_inc[a];
        }
        brink_wilson_partial(S.mixed_k[k], answered, o->samples - answered, o->z,
                             &r->choice_mixed[k]);
        r->mixed_incomplete[k] = S.mixed_inc[k];
        brink_wilson_partial(S.amb_k[k], answered, o->samples - answered, o->z,
                             &r->choice_ambiguous[k]);
    }
    for (int p = 0; p < np; p++)
        mean_of(&r->value[p], S.val_n[p], S.val_mean[p], S.val_m2[p], o->z, S.val_min[p],
                S.val_max[p]);
    for (int a = 0; a < r->nopts; a++) {
        brink_wilson(S.best_k[a], r->compare_n, o->z, &r->opt_best[a]);
        mean_of(&r->opt_value[a], r->compare_n, S.ov_mean[a], S.ov_m2[a], o->z,
                r->opt_worst[a], S.ov_max[a]);
        mean_of(&r->opt_regret[a], r->compare_n, S.rg_mean[a], S.rg_m2[a], o->z, S.rg_min[a],
                S.rg_max[a]);
        if (!r->compare_n)
            r->opt_worst[a] = NAN;
    }
    if (o->sensitivity > 0 &&
        mc_sensitivity(r, r->draw_x, r->draw_value, o->sensitivity, o->seed, err))
        goto fail;
    if (!o->keep_draws) {   /* kept only for the fit */
        free(r->draw_x);
        free(r->draw_neq);
        free(r->draw_outcome);
        free(r->draw_choice);
        free(r->draw_value);
        free(r->draw_gprob);
        r->draw_x = r->draw_value = r->draw_gprob = NULL;
        r->draw_neq = r->draw_outcome = r->draw_choice = NULL;
    }
    r->seconds = brink_now() - t0;
    if (db && !stored && mc_db_finish(db, r->seconds, err))
        goto fail;
    goto done;
oom:
    brink_error_set(err, BRINK_ENOMEM, "out of memory");
fail:
    brink_mc_result_free(r);
    r = NULL;
done:
    mc_db_close(db);
    if (wk)
        for (int t = 0; t < T; t++) {
            brink_scenario_instance_free(wk[t].in);
            an_solve_ws_free(wk[t].ws);
            free(wk[t].values);
            free(wk[t].work);
            free(wk[t].U);
            free(wk[t].w);
            free(wk[t].fwork);
            free(wk[t].bwork);
            free(wk[t].bvals);
            if (wk[t].q)
                brink_q_array_free(wk[t].q, (size_t)brink_scenario_nparams(sc) + 1);
            free(wk[t].qerr);
            if (wk[t].behq)
                brink_q_array_free(wk[t].behq, behq_n);   /* R.g is freed with wk[0] */
            free(wk[t].behav);
            free(wk[t].RU);
            if (K && wk[t].cpay) {
                size_t ncl = (size_t)K->nclasses, ne1 = (size_t)K->child_start[K->nclasses] + 1;
                brink_q_array_free(wk[t].cpay, ncl * (size_t)K->np + 1);
                if (wk[t].cepay)
                    brink_q_array_free(wk[t].cepay, ne1 * (size_t)K->np + 1);
                if (wk[t].cprob)
                    brink_q_array_free(wk[t].cprob, ne1);
                if (wk[t].cw)
                    brink_q_array_free(wk[t].cw, ncl);
                if (wk[t].cg)
                    brink_q_array_free(wk[t].cg, (size_t)R.ngroups + 1);
            }
            free(wk[t].cplays);
            free(wk[t].cgd);
            free(wk[t].cflag);
            free(wk[t].cd);
            free(wk[t].cv);
        }
    free(wk);
    free(bytes);
    brink_sampler_free(smp);
    mc_regions_free(R.reg);
    free(R.leaf_group);
    free(R.cls_group);
    free(R.cneed);
    free(R.rec);
    free(R.x);
    free(R.gprob);
    free(R.val);
    free(R.choice);
    free(R.opt);
    free(S.best_k);
    free(S.ov_mean);
    free(S.ov_m2);
    free(S.rg_mean);
    free(S.rg_m2);
    free(S.ov_max);
    free(S.rg_min);
    free(S.rg_max);
    free(S.outcome_k);
    free(S.outcome_p);
    free(S.choice_k);
    free(S.mixed_k);
    free(S.amb_k);
    free(S.outcome_inc);
    free(S.choice_inc);
    free(S.mixed_inc);
    free(S.val_n);
    free(S.val_mean);
    free(S.val_m2);
    free(S.val_min);
    free(S.val_max);
    return r;
}
