/* threshold_engine.c — cover a parameter's range with certified regions and find the flips of
 * a watched choice (the method is described in include/brink/threshold.h).
 *
 * Invariant: the regions found so far and the gaps still to visit partition [lo, hi]. A gap
 * is sampled at a rational point inside it (the parameter's default first, when it lies in
 * the gap), the region of that sample is cut out of the gap, and what remains on either side
 * becomes new gaps. Parts of the range where nothing can be certified become unknown regions
 * with their reason; a flip is reported only between certified regions.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"
#include "analysis/cn_int.h"
#include "analysis/cn_compact.h"
#include "analysis/continuation.h"
#include "analysis/threshold_invalid.h"
#include "scenario/model.h"
#include "solve/solvers.h"
#include "brink/threshold.h"

#define OOM(err) brink_error_set((err), BRINK_ENOMEM, "out of memory")
#define MAX_POINT_STREAK 6
/* consecutive failed samples after which the rest of a gap is given up as unknown: a method
 * that fails at one point (a pole of a payoff, a probability sum off 1 there) is routed
 * around; one that fails everywhere is not sampled until the budget runs out */
#define MAX_FAIL_STREAK 8
#define CONTINUE_ALL_NODES 2000   /* see sample_gap */
#define MAX_ENLARGE 6             /* support enlargements tried per equilibrium (see enlarge) */
#define MAX_ALT_COMBOS 64         /* a play's other watched choices traced (see alt_swaps) */
#define MAX_ORDER_PLAYS 64        /* plays per node compared (see orders_shrink) */
/* past all_limit_nodes, the ties a question lists whole (sample_gap) cost at most this many
 * nodes of solves in all, the default's apart: M8's 29,521-node tree is listed at every tie
 * (a few dozen solves), a tree of millions of nodes at one or two */
#define LIST_TIES_NODES 4000000L
#define MAX_RSF_SETS 500.0        /* tight-set choices per best-reply polyhedron (rsf_shrink):
                                     more cost ~0.25 s a sample (13 x 4 signalling game) */
#define MAX_RSF_STEPS 8          /* roots crossed on either side of a sample (rsf_shrink) */
/* regions in a row each leaving the rest of its gap on the same side (one end fixed), after
 * which that rest is given up (BRINK_UNKNOWN_CONVERGING): a continuum of equilibria whose
 * extreme points move with the parameter makes regions that shrink toward a limit without
 * reaching it (tester 15, rnd/g15: each sample's region ended where a probability of the
 * equilibria found there reached 0, a point nearer the limit each time; rnd/g118: regions
 * shrinking toward 0). A count, not a clock: the same answer on any machine. Chains that do
 * end are as long: 59 regions in a row (tester 15's rnd5/g5103, every region certified), 28
 * and 29 (rnd3/g2407, rnd5/g5184), so the count stays above them; before it, the budget of
 * solves (max_solves, 200) was the only bound. */
#define MAX_CHASE 64
#define MAX_RSF_CUTS 6            /* regions rsf_shrink may cut short per question; past them
                                     it proves whole regions only (each cut costs a sample) */

/* What stays with a result: the continued equilibria of every region, to evaluate them. */
struct brink_threshold_internal {
    const brink_scenario *sc;   /* borrowed: must outlive the result */
    int param, np, nactions, nnodes;
    mpq_t *values;              /* [np] the other parameters */
    int nregions;
    int *ncn;                   /* [nregions] */
    cn_eq **cn;                 /* [nregions][ncn] */
    alg *lo, *hi;               /* [nregions] exact ends */
    int *lc, *hc;
    int **eq_state;
    struct ivl **eq_ivl;        /* [nregions][ncn]: where each equilibrium is certified */
    const sc_compact *k;        /* a compact game's (borrowed): watch, conds' h and
                                   certificates' infoset are its classes; NULL on a tree */
    int *watch_path, nwatch_path;   /* compact: the watched decision's edges from the root */
    long watch_infoset;         /* compact: its information set's number in the tree, or -1 */
    int *first_edge;            /* compact, made when first named: [nclasses] the edge the
                                   tree's pre-order first enters each class by (-1: root) */
    int *edge_cls;              /* [edges] the class each edge leaves */
    char **view;                /* [nclasses] each class's view words, made when asked */
};

typedef struct gapi {
    alg a, b;
    int ai, bi;       /* the gap includes a / b */
    int chase_a, chase_b;   /* regions in a row made in this gap's ancestors, each leaving
                               the rest on a's (b's) side: see MAX_CHASE */
} gapi;

typedef struct ivl ivl;
static void ivl_clear(ivl *v);
static void ivl_array_free(ivl *a, int n);

typedef struct treg {
    alg lo, hi;
    int lo_closed, hi_closed;
    brink_region_status status;
    brink_unknown_reason reason;
    char *message;
    int expr_line, expr_col;
    mpq_t sample;
    int nequilibria, ncertified, complete, complete_at_sample, unique, agree;
    int bind_lo, bind_hi;     /* indices into the engine's condition list, or -1 */
    int ncn;
    cn_eq *cn;                /* continued equilibria */
    int *cn_state;            /* [ncn] state id of each */
    struct ivl *cn_ivl;       /* [ncn] where each one is certified (within the range) */
    int ncn_ivl;
} treg;

typedef struct eng {
    const brink_scenario *sc;
    const brink_analysis_options *o;
    brink_scenario_instance *in;
    const brink_efg *g;
    int param, np;
    mpq_t *values;
    mpq_t L, H, dflt;
    int have_default, default_used;
    const int *watch;
    int nwatch, nwact;
    int *wstart;
    /* states */
    int nstates, states_cap;
    unsigned char *states;
    /* regions */
    int nreg, reg_cap;
    treg *reg;
    /* conditions that ended regions (public copies) */
    int nconds, conds_cap;
    brink_cond *conds;
    int *leaf_group, ngroups;
    int *group_level;
    int solves;
    int point_streak;         /* consecutive samples whose region was that point alone */
    int fail_streak;          /* consecutive samples at which the method failed */
    int rsf_cuts;             /* regions cut by rsf_shrink so far (at most MAX_RSF_CUTS) */
    cn_game G;                /* the parametric game and its workspace, reused */
    mpq_t *quickq;            /* [nactions] the short solve's profile (quick_solve) */
    int G_ready;
    double deadline;          /* brink_now() seconds when the question's time is up; 0: none */
    int expired;              /* 1: the deadline passed during the current step */
    double solve_s;           /* how long the last exact solve took (its method checks the
                                 time in its search only, not in its verification) */
    int list_ties;            /* 1: a tie at a sample of a tree past all_limit_nodes is solved
                                 for every equilibrium (see sample_gap) */
    long list_nodes;          /* nodes of such solves left (LIST_TIES_NODES) */
    brink_error *err;
    /* a compact game (scenario/compact.h): no tree; profiles are one choice per class */
    const sc_compact *k;
    const sc_compact_watch *kw;
    int *kchoice;             /* [nclasses] the short solve's profile */
    int kchance;              /* the compact game has chance classes */
} eng;

/* ---------------------------------------------------------------- small helpers */

static int state_id_of(eng *E, const mpq_t *behq, const int *choice)
{
    unsigned char *row = brink_calloc((size_t)E->nwact + 1, 1);
    if (!row)
        return -1;
    for (int w = 0; w < E->nwatch && choice; w++)   /* compact: a choice per class */
        row[E->wstart[w] + choice[E->watch[w]]] = 1;
    for (int w = 0; w < E->nwatch && !choice; w++) {
        int h = E->watch[w], a0 = E->g->infoset_action_start[h];
        for (int a = 0; a < E->g->infoset_nactions[h]; a++)
            row[E->wstart[w] + a] = mpq_sgn(behq[a0 + a]) > 0;
    }
    for (int s = 0; s < E->nstates; s++)
        if (!memcmp(E->states + (size_t)s * (size_t)E->nwact, row, (size_t)E->nwact)) {
            free(row);
            return s;
        }
    if (E->nstates == E->states_cap) {
        int cap = E->states_cap ? 2 * E->states_cap : 8;
        unsigned char *ns = brink_reallocarray(E->states, (size_t)cap * (size_t)E->nwact + 1, 1);
        if (!ns) {
            free(row);
            return -1;
        }
        E->states = ns;
        E->states_cap = cap;
    }
    memcpy(E->states + (size_t)E->nstates * (size_t)E->nwact, row, (size_t)E->nwact);
    free(row);
    return E->nstates++;
}

static int state_id(eng *E, const mpq_t *behq)
{
    return state_id_of(E, behq, NULL);
}

static int add_cond(eng *E, const pcond *c)
{
    if (E->nconds == E->conds_cap) {
        int cap = E->conds_cap ? 2 * E->conds_cap : 16;
        brink_cond *n = brink_reallocarray(E->conds, (size_t)cap, sizeof *n);
        if (!n)
            return -2;
        E->conds = n;
        E->conds_cap = cap;
    }
    brink_cond *d = &E->conds[E->nconds];
    d->kind = (brink_cond_kind)c->tag;
    d->h = c->h;
    d->a = c->a;
    d->b = c->b;
    return E->nconds++;
}

static treg *new_region(eng *E, const gapi *gp)
{
    if (E->nreg == E->reg_cap) {
        int cap = E->reg_cap ? 2 * E->reg_cap : 16;
        treg *r = brink_reallocarray(E->reg, (size_t)cap, sizeof *r);
        if (!r)
            return NULL;
        E->reg = r;
        E->reg_cap = cap;
    }
    treg *r = &E->reg[E->nreg++];
    memset(r, 0, sizeof *r);
    alg_init(&r->lo);
    alg_init(&r->hi);
    mpq_init(r->sample);
    r->bind_lo = r->bind_hi = -1;
    if (gp) {
        alg_set(&r->lo, &gp->a);
        alg_set(&r->hi, &gp->b);
        r->lo_closed = gp->ai;
        r->hi_closed = gp->bi;
    }
    return r;
}

static void free_region(eng *E, treg *r)
{
    alg_clear(&r->lo);
    alg_clear(&r->hi);
    mpq_clear(r->sample);
    free(r->message);
    for (int i = 0; i < r->ncn; i++)
        cn_eq_free(&r->cn[i], E->g);
    free(r->cn);
    free(r->cn_state);
    ivl_array_free(r->cn_ivl, r->ncn_ivl);
}

static brink_status unknown_gap(eng *E, const gapi *gp, brink_unknown_reason why,
                                const char *msg, const mpq_t sample)
{
    treg *r = new_region(E, gp);
    if (!r)
        return OOM(E->err);
    r->status = BRINK_REGION_UNKNOWN;
    r->reason = why;
    if (sample)
        mpq_set(r->sample, sample);
    if (msg && msg[0]) {
        size_t n = strlen(msg);
        r->message = malloc(n + 1);
        if (!r->message)
            return OOM(E->err);
        memcpy(r->message, msg, n + 1);
    }
    return BRINK_OK;
}

/* gaps: a small stack */
typedef struct gstack {
    gapi *g;
    int n, cap;
} gstack;

static int push_gap(gstack *S, alg *a, int ai, alg *b, int bi)
{
    int oom = 0;
    int c = alg_cmp(a, b, &oom);
    if (c > 0 || (c == 0 && !(ai && bi)))
        return 0;   /* empty */
    if (S->n == S->cap) {
        int cap = S->cap ? 2 * S->cap : 8;
        gapi *n = brink_reallocarray(S->g, (size_t)cap, sizeof *n);
        if (!n)
            return -1;
        S->g = n;
        S->cap = cap;
    }
    gapi *x = &S->g[S->n++];
    alg_init(&x->a);
    alg_init(&x->b);
    x->ai = ai;
    x->bi = bi;
    x->chase_a = x->chase_b = 0;
    if (alg_set(&x->a, a) || alg_set(&x->b, b))
        return -1;
    return oom ? -1 : 0;
}

static brink_status game_at(eng *E, brink_error *local);

/* An unknown region [a, b] (ai, bi: ends included) with a failure's message; nothing when
 * empty. */
static brink_status unknown_part(eng *E, alg *a, int ai, alg *b, int bi,
                                 brink_unknown_reason why, const brink_error *err,
                                 const mpq_t x)
{
    int oom = 0, c = alg_cmp(a, b, &oom);
    if (oom)
        return OOM(E->err);
    if (c > 0 || (c == 0 && !(ai && bi)))
        return BRINK_OK;
    gapi at;
    memset(&at, 0, sizeof at);
    at.a = *a;   /* new_region copies the ends */
    at.b = *b;
    at.ai = ai;
    at.bi = bi;
    brink_status st = unknown_gap(E, &at, why, err ? err->message : NULL, x);
    if (!st && err) {
        E->reg[E->nreg - 1].expr_line = err->line;
        E->reg[E->nreg - 1].expr_col = err->column;
    }
    return st;
}

/* The method failed at x because the game is not a game there (a negative probability, a
 * sum off 1): the exact interval where that stays so is reported with the failure, and the
 * rest of the gap is sampled again (threshold_invalid.c). *done = 0 when the failure is not
 * of that kind. */
static brink_status invalid_part(eng *E, gapi *gp, gstack *S, const brink_error *err,
                                 const mpq_t x, int *done)
{
    *done = 0;
    if (E->k)
        return BRINK_OK;   /* compact: a sample where the probabilities are not checks them
                              (compact_probs_at) and fails alone */
    brink_error gl;
    brink_error_clear(&gl);
    brink_status gs = game_at(E, &gl);
    if (gs == BRINK_ENOMEM)
        return OOM(E->err);
    if (gs)
        return BRINK_OK;
    alg lo, hi;
    alg_init(&lo);
    alg_init(&hi);
    int lc, hc, found = 0, oom = 0;
    brink_status st = tq_invalid_part(E->g, &E->G.pg, x, E->L, E->H, E->deadline, &E->expired, &lo,
                                      &lc, &hi, &hc, &found, E->err);
    if (!st && found) {
        /* clip to the gap */
        int c = alg_cmp(&lo, &gp->a, &oom);
        if (c < 0 || (c == 0 && !gp->ai)) {
            alg_set(&lo, &gp->a);
            lc = gp->ai;
        }
        c = alg_cmp(&hi, &gp->b, &oom);
        if (c > 0 || (c == 0 && !gp->bi)) {
            alg_set(&hi, &gp->b);
            hc = gp->bi;
        }
        st = unknown_part(E, &lo, lc, &hi, hc, BRINK_UNKNOWN_SOLVE_FAILED, err, x);
        if (!st && (push_gap(S, &gp->a, gp->ai, &lo, !lc) || push_gap(S, &hi, !hc, &gp->b, gp->bi)))
            st = OOM(E->err);
        *done = 1;
    }
    alg_clear(&lo);
    alg_clear(&hi);
    return !st && oom ? OOM(E->err) : st;
}

static brink_status failed_at(eng *E, gapi *gp, gstack *S, int point, const brink_error *err,
                              const mpq_t x)
{
    treg *r;
    if (!point) {
        int done;
        brink_status st = invalid_part(E, gp, S, err, x, &done);
        if (st || done)
            return st;
    }
    if (point)
        return unknown_part(E, &gp->a, 1, &gp->b, 1, BRINK_UNKNOWN_SOLVE_FAILED, err, x);
    if (E->fail_streak >= MAX_FAIL_STREAK) {
        /* the failure is x's; the rest of the gap is given up, for that reason and no other */
        alg xa;
        alg_init(&xa);
        alg_set_q(&xa, x);
        brink_status st = unknown_part(E, &gp->a, gp->ai, &xa, 0, BRINK_UNKNOWN_GAVE_UP, NULL,
                                       NULL);
        if (!st)
            st = unknown_part(E, &xa, 1, &xa, 1, BRINK_UNKNOWN_SOLVE_FAILED, err, x);
        if (!st)
            st = unknown_part(E, &xa, 0, &gp->b, gp->bi, BRINK_UNKNOWN_GAVE_UP, NULL, NULL);
        alg_clear(&xa);
        return st;
    }
    E->fail_streak++;
    alg xa;
    alg_init(&xa);
    alg_set_q(&xa, x);
    gapi at;
    memset(&at, 0, sizeof at);
    at.a = xa;   /* new_region copies the ends; `at` is not cleared (xa is, below) */
    at.b = xa;
    at.ai = at.bi = 1;
    brink_status st = unknown_gap(E, &at, BRINK_UNKNOWN_SOLVE_FAILED, err->message, x);
    if (!st) {
        r = &E->reg[E->nreg - 1];
        r->expr_line = err->line;
        r->expr_col = err->column;
        if (push_gap(S, &gp->a, gp->ai, &xa, 0) || push_gap(S, &xa, 0, &gp->b, gp->bi))
            st = OOM(E->err);
    }
    alg_clear(&xa);
    return st;
}

/* The method found no equilibrium at x (an incomplete method: pure equilibria only, or a
 * path that ended without one): that is known of x only, so x is reported and the gap on
 * either side is sampled again, as after a failed solve (tester 11, F6: one sample without
 * an equilibrium was stretched over the whole range, beside a sweep finding equilibria). */
static brink_status no_equilibrium_at(eng *E, gapi *gp, gstack *S, int point, const mpq_t x)
{
    if (point)
        return unknown_part(E, &gp->a, 1, &gp->b, 1, BRINK_UNKNOWN_NO_EQUILIBRIUM, NULL, x);
    alg xa;
    alg_init(&xa);
    alg_set_q(&xa, x);
    brink_status st;
    if (E->fail_streak >= MAX_FAIL_STREAK) {   /* the rest is given up, for that reason */
        st = unknown_part(E, &gp->a, gp->ai, &xa, 0, BRINK_UNKNOWN_GAVE_UP, NULL, NULL);
        if (!st)
            st = unknown_part(E, &xa, 1, &xa, 1, BRINK_UNKNOWN_NO_EQUILIBRIUM, NULL, x);
        if (!st)
            st = unknown_part(E, &xa, 0, &gp->b, gp->bi, BRINK_UNKNOWN_GAVE_UP, NULL, NULL);
    } else {
        E->fail_streak++;
        st = unknown_part(E, &xa, 1, &xa, 1, BRINK_UNKNOWN_NO_EQUILIBRIUM, NULL, x);
        if (!st && (push_gap(S, &gp->a, gp->ai, &xa, 0) || push_gap(S, &xa, 0, &gp->b, gp->bi)))
            st = OOM(E->err);
    }
    alg_clear(&xa);
    return st;
}

static void gap_clear(gapi *g)
{
    alg_clear(&g->a);
    alg_clear(&g->b);
}

/* Is q inside the gap? */
static int gap_contains(gapi *gp, const mpq_t q)
{
    int ca = alg_cmp_q(&gp->a, q), cb = alg_cmp_q(&gp->b, q);   /* sign of (a - q), (b - q) */
    return (ca < 0 || (ca == 0 && gp->ai)) && (cb > 0 || (cb == 0 && gp->bi));
}

/* ---------------------------------------------------------------- intervals */

/* An interval with exact ends and the conditions that end it (NULL at the range ends). */
struct ivl {
    alg lo, hi;
    int lc, hc;
    pcond lbc, hbc;       /* copies of the binding conditions (sign polynomial unused) */
    const pcond *lb, *hb; /* &lbc / &hbc, or NULL */
};

static void ivl_init(ivl *v)
{
    memset(v, 0, sizeof *v);
    alg_init(&v->lo);
    alg_init(&v->hi);
}

static void ivl_clear(ivl *v)
{
    alg_clear(&v->lo);
    alg_clear(&v->hi);
}

static void ivl_array_free(ivl *a, int n)
{
    for (int i = 0; a && i < n; i++)
        ivl_clear(&a[i]);
    free(a);
}

static void set_bind(pcond *dst, const pcond **ptr, const pcond *src)
{
    if (!src) {
        *ptr = NULL;
        return;
    }
    dst->kind = src->kind;
    dst->tag = src->tag;
    dst->h = src->h;
    dst->a = src->a;
    dst->b = src->b;
    *ptr = dst;
}

static void ivl_copy(ivl *d, const ivl *s)
{
    alg_set(&d->lo, &s->lo);
    alg_set(&d->hi, &s->hi);
    d->lc = s->lc;
    d->hc = s->hc;
    set_bind(&d->lbc, &d->lb, s->lb);
    set_bind(&d->hbc, &d->hb, s->hb);
}

static brink_status ivl_component(eng *E, const pcset *conds, const mpq_t x, const mpq_t L,
                                  const mpq_t H, ivl *v)
{
    int lb, hb;
    brink_status st = cn_component_until(conds, x, L, H, E->deadline, &E->expired, &v->lo,
                                         &v->lc, &lb, &v->hi, &v->hc, &hb, E->err);
    set_bind(&v->lbc, &v->lb, lb >= 0 ? &conds->c[lb] : NULL);
    set_bind(&v->hbc, &v->hb, hb >= 0 ? &conds->c[hb] : NULL);
    return st;
}

/* The expression guards recorded by the parametric binding, as conditions. -1 on OOM. */
static int guard_conds(const cn_game *Gp, pcset *gconds)
{
    for (int i = 0; i < Gp->pg.guards.n; i++) {
        pcond *c = pcset_push(gconds, Gp->pg.guards.c[i].kind, &Gp->pg.guards.c[i].s);
        if (!c)
            return -1;
        int expr = Gp->pg.guards.c[i].tag >= 0;
        c->tag = expr ? BRINK_COND_EXPRESSION : BRINK_COND_PROBABILITY;
        c->h = Gp->pg.guards.c[i].tag;
        c->a = Gp->pg.guards.c[i].h;
    }
    return 0;
}

/* An expression is not rational in t at the sample x: it is so wherever the guards recorded
 * on the way to it hold (the same branches taken), the component R of that set around x.
 * When R leaves part of the gap out, R alone becomes the unknown region, the parts of the gap
 * on either side are pushed back to be solved, and *split = 1 (finitely often: each R ends at
 * roots of the expressions' guards). Otherwise R covers the gap, *split = 0 and the caller
 * marks the whole gap. */
static brink_status nonrational_part(eng *E, const cn_game *Gp, gapi *gp, gstack *S,
                                     const mpq_t x, int *split)
{
    *split = 0;
    pcset gconds = {NULL, 0, 0};
    ivl R;
    ivl_init(&R);
    int oom = guard_conds(Gp, &gconds);
    brink_status st = oom ? OOM(E->err) : ivl_component(E, &gconds, x, E->L, E->H, &R);
    if (!st) {
        /* clip to the gap */
        int c = alg_cmp(&R.lo, &gp->a, &oom);
        if (c < 0 || (c == 0 && !gp->ai)) {
            alg_set(&R.lo, &gp->a);
            R.lc = gp->ai;
        }
        c = alg_cmp(&R.hi, &gp->b, &oom);
        if (c > 0 || (c == 0 && !gp->bi)) {
            alg_set(&R.hi, &gp->b);
            R.hc = gp->bi;
        }
        /* (R may be x alone, where a guard vanishes: then x alone is not certified) */
        int left = alg_cmp(&R.lo, &gp->a, &oom) > 0 || (gp->ai && !R.lc),
            right = alg_cmp(&R.hi, &gp->b, &oom) < 0 || (gp->bi && !R.hc);
        if ((left || right) && !oom) {
            gapi at;
            memset(&at, 0, sizeof at);
            at.a = R.lo;   /* new_region copies the ends */
            at.b = R.hi;
            at.ai = R.lc;
            at.bi = R.hc;
            st = unknown_gap(E, &at, BRINK_UNKNOWN_NONRATIONAL, NULL, x);
            if (!st) {
                treg *r = &E->reg[E->nreg - 1];
                r->expr_line = Gp->pg.nr_line;
                r->expr_col = Gp->pg.nr_col;
                if ((left && push_gap(S, &gp->a, gp->ai, &R.lo, !R.lc)) ||
                    (right && push_gap(S, &R.hi, !R.hc, &gp->b, gp->bi)))
                    st = OOM(E->err);
            }
            *split = 1;
        }
    }
    if (oom && !st)
        st = OOM(E->err);
    ivl_clear(&R);
    pcset_free(&gconds);
    return st;
}

/* d = d united with s (both contain the same sample point) */
static void ivl_union(ivl *d, ivl *s, int *oom)
{
    int c = alg_cmp(&s->lo, &d->lo, oom);
    if (c < 0 || (c == 0 && s->lc && !d->lc)) {
        alg_set(&d->lo, &s->lo);
        d->lc = s->lc;
        set_bind(&d->lbc, &d->lb, s->lb);
    }
    c = alg_cmp(&s->hi, &d->hi, oom);
    if (c > 0 || (c == 0 && s->hc && !d->hc)) {
        alg_set(&d->hi, &s->hi);
        d->hc = s->hc;
        set_bind(&d->hbc, &d->hb, s->hb);
    }
}

/* d = d intersected with s */
static void ivl_intersect(ivl *d, ivl *s, int *oom)
{
    int c = alg_cmp(&s->lo, &d->lo, oom);
    if (c > 0 || (c == 0 && !s->lc && d->lc)) {
        alg_set(&d->lo, &s->lo);
        d->lc = s->lc;
        set_bind(&d->lbc, &d->lb, s->lb);
    }
    c = alg_cmp(&s->hi, &d->hi, oom);
    if (c < 0 || (c == 0 && !s->hc && d->hc)) {
        alg_set(&d->hi, &s->hi);
        d->hc = s->hc;
        set_bind(&d->hbc, &d->hb, s->hb);
    }
}

/* Has a continued equilibrium (states cst[0..n)) the watched choice of behq already? */
static int state_seen(eng *E, const int *cst, int n, const mpq_t *behq)
{
    for (int k = 0; k < n; k++) {
        const unsigned char *row = E->states + (size_t)cst[k] * (size_t)E->nwact;
        int same = 1;
        for (int w = 0; w < E->nwatch && same; w++) {
            int h = E->watch[w], a0 = E->g->infoset_action_start[h];
            for (int a = 0; a < E->g->infoset_nactions[h] && same; a++)
                same = row[E->wstart[w] + a] == (mpq_sgn(behq[a0 + a]) > 0);
        }
        if (same)
            return 1;
    }
    return 0;
}

/* Support enlargement at a tie. The equilibrium continued from x holds on one side of x only
 * when an unused action is exactly as good as the used ones at x and better beyond: the
 * equilibrium there uses it too, with a probability that starts from 0 at x. Each attempt
 * continues the structure with tied unused actions added (all at once, then one at a time;
 * never at a watched decision, so the watched choice stays the same) and keeps it when it
 * reaches past x. Appends to cn/cst/eqi (capacity cap). */
static brink_status enlarge(eng *E, cn_game *G, const mpq_t *bq, const double *belief,
                            const mpq_t x, const pcset *conds, cn_eq *cn, int *cst, ivl *eqi,
                            int *ncn, int cap, const mpq_t Lq, const mpq_t Hq)
{
    const brink_efg *g = E->g;
    int *tied = brink_calloc((size_t)g->nactions + 1, sizeof *tied), nt = 0;
    unsigned char *extra = brink_calloc((size_t)g->nactions + 1, 1);
    brink_status st = BRINK_OK;
    int base = *ncn - 1;
    if (!tied || !extra) {
        st = OOM(E->err);
        goto out;
    }
    for (int i = 0; i < conds->n; i++) {
        const pcond *c = &conds->c[i];
        if (c->tag != BRINK_COND_BEST_REPLY || c->kind != PC_NONPOS || c->h < 0 || c->a < 0 ||
            pq_sign_at(&c->s, x) != 0)
            continue;
        int watched = 0;
        for (int w = 0; w < E->nwatch; w++)
            watched |= E->watch[w] == c->h;
        int k = g->infoset_action_start[c->h] + c->a, dup = 0;
        for (int j = 0; j < nt; j++)
            dup |= tied[j] == k;
        if (!watched && !dup && mpq_sgn(bq[k]) == 0)
            tied[nt++] = k;
    }
    for (int attempt = -1; attempt < nt && attempt < MAX_ENLARGE - 1 && *ncn < cap && !st;
         attempt++) {
        if (attempt == -1 && nt < 2)
            continue;   /* "all at once" is the single one */
        memset(extra, 0, (size_t)g->nactions);
        for (int j = 0; j < nt; j++)
            extra[tied[j]] = attempt < 0 || j == attempt;
        pcset c2 = {NULL, 0, 0};
        cn_result res;
        st = cn_continue_with(G, bq, extra, belief, x, &cn[*ncn], &c2, &res, E->err);
        if (!st && res == CN_OK) {
            ivl_init(&eqi[*ncn]);
            st = ivl_component(E, &c2, x, Lq, Hq, &eqi[*ncn]);
            int oom = 0;
            int further = !st && (alg_cmp(&eqi[*ncn].lo, &eqi[base].lo, &oom) < 0 ||
                                  alg_cmp(&eqi[*ncn].hi, &eqi[base].hi, &oom) > 0);
            if (further) {
                cst[*ncn] = cst[base];
                (*ncn)++;
            } else {
                ivl_clear(&eqi[*ncn]);
                cn_eq_free(&cn[*ncn], g);
            }
        }
        pcset_free(&c2);
    }
out:
    free(tied);
    free(extra);
    return st;
}

/* A rational bracket [lo, hi] of interval v (its ends, or their isolating intervals). */
static void ivl_bracket(const ivl *v, mpq_t lo, mpq_t hi)
{
    mpq_set(lo, v->lo.rational ? v->lo.q : v->lo.lo);
    mpq_set(hi, v->hi.rational ? v->hi.q : v->hi.hi);
}

/* Does no best-reply condition vanish strictly inside the interval? */
static int no_tie_inside(eng *E, const pcset *conds, ivl *R, int *oom)
{
    if (alg_cmp(&R->lo, &R->hi, oom) >= 0)
        return 1;
    mpq_t a, b;
    mpq_inits(a, b, NULL);
    ivl_bracket(R, a, b);
    int ok = 1;
    for (int i = 0; i < conds->n && ok; i++) {
        const pcond *c = &conds->c[i];
        if (c->tag != BRINK_COND_BEST_REPLY || c->s.deg <= 0)
            continue;
        alg *roots = NULL;
        int nr = pq_roots_in_until(&c->s, a, b, E->deadline, &roots);
        if (nr == -2)
            E->expired = 1;
        if (nr < 0) {
            *oom |= nr == -1;
            ok = 0;
            break;
        }
        for (int j = 0; j < nr && ok; j++)
            ok = !(alg_cmp(&roots[j], &R->lo, oom) > 0 && alg_cmp(&roots[j], &R->hi, oom) < 0);
        alg_array_free(roots, nr);
    }
    mpq_clears(a, b, NULL);
    return ok;
}

/* ---------------------------------------------------------------- tight points */

/* Rational points other than the sample where a condition of a continued equilibrium (or a
 * guard) vanishes: a best-reply gain touching zero (a tie: more equilibria there, e.g. the
 * other side of an entry game where fighting and accommodating pay the same), a probability
 * reaching 0, a belief at an indifference. Each may hold equilibria the continued ones do
 * not show, so a region never claims one: it stops short of the nearest on either side of its
 * sample, and the point is solved on its own (a point gap). Irrational roots cannot be solved
 * at; they stay inside (a region's irrational end is then shared, as before). */
typedef struct tight {
    mpq_t lo, hi;   /* nearest tight point below / above the sample */
    int has_lo, has_hi;
    double deadline;   /* the engine's */
    int *expired;
} tight;

static void tight_add(tight *T, const mpq_t r, const mpq_t x)
{
    int c = mpq_cmp(r, x);
    if (c < 0 && (!T->has_lo || mpq_cmp(r, T->lo) > 0)) {
        mpq_set(T->lo, r);
        T->has_lo = 1;
    } else if (c > 0 && (!T->has_hi || mpq_cmp(r, T->hi) < 0)) {
        mpq_set(T->hi, r);
        T->has_hi = 1;
    }
}

/* Tight points of conds within [lo, hi] (rational brackets of an interval's ends): the ends
 * where a condition vanishes, and its rational roots between them (only those inside are
 * isolated: each costs halvings to 1/L^2 to tell whether it is rational). */
static int tight_conds(tight *T, const pcset *conds, const mpq_t x, const mpq_t lo,
                       const mpq_t hi)
{
    int oom = 0, wide = mpq_cmp(lo, hi) < 0;
    for (int i = 0; i < conds->n && !oom; i++) {
        const pcond *c = &conds->c[i];
        if (c->s.deg <= 0)
            continue;
        if (pq_sign_at(&c->s, lo) == 0)
            tight_add(T, lo, x);
        if (wide && pq_sign_at(&c->s, hi) == 0)
            tight_add(T, hi, x);
        if (!wide)
            continue;
        alg *roots = NULL;
        int nr = pq_roots_in_until(&c->s, lo, hi, T->deadline, &roots);
        if (nr == -2) {
            *T->expired = 1;
            break;
        }
        if (nr < 0) {
            oom = 1;
            break;
        }
        for (int j = 0; j < nr; j++)
            if (roots[j].rational)
                tight_add(T, roots[j].q, x);
        alg_array_free(roots, nr);
    }
    return oom ? -1 : 0;
}

/* Tight points of one continued equilibrium: its conditions' roots in its interval, and the
 * interval's own rational ends (where it stops, something else begins). */
static int tight_eq(tight *T, const pcset *conds, const ivl *v, const mpq_t x, const mpq_t L,
                    const mpq_t H)
{
    mpq_t lo, hi;
    mpq_inits(lo, hi, NULL);
    ivl_bracket(v, lo, hi);
    int rc = tight_conds(T, conds, x, lo, hi);
    /* (an end at the range's end is where the search stops, not where the structure does) */
    if (v->lo.rational && mpq_cmp(v->lo.q, L) != 0)
        tight_add(T, v->lo.q, x);
    if (v->hi.rational && mpq_cmp(v->hi.q, H) != 0)
        tight_add(T, v->hi.q, x);
    mpq_clears(lo, hi, NULL);
    return rc;
}

/* ---------------------------------------------------------------- one sample */

/* The parametric game at E->values (built on first use, re-derived past a guard). */
static brink_status game_at(eng *E, brink_error *local)
{
    if (E->k) {   /* the compact game's functions: re-derived past a guard only */
        int same = E->G_ready && E->G.pg.pay != NULL && !E->G.pg.nonrational;
        for (int i = 0; i < E->G.pg.guards.n && same; i++)
            same = pc_holds(E->G.pg.guards.c[i].kind,
                            pq_sign_at(&E->G.pg.guards.c[i].s, E->values[E->param]));
        if (same)
            return BRINK_OK;
        if (!E->G_ready) {
            rf_init(&E->G.t1);
            rf_init(&E->G.t2);
            rf_init(&E->G.t3);
            pq_init(&E->G.sp);
        }
        E->G_ready = 1;
        sc_pgame_free(&E->G.pg);
        return sc_param_compact(E->sc, E->k, E->param, (const mpq_t *)E->values, &E->G.pg,
                                local);
    }
    brink_status gs = E->G_ready ? cn_game_rebind(&E->G, E->sc, E->param,
                                                  (const mpq_t *)E->values, local)
                                 : cn_game_init(&E->G, E->sc, E->g, E->param,
                                                (const mpq_t *)E->values, local);
    E->G_ready = 1;
    return gs;
}

/* The short solve: the automatic method on a perfect-information game without chance is
 * backward induction (policy.c: every subgame-perfect equilibrium, solve/spe.c), which on a
 * tree too large to list them all (an_solve_all) hands back the first: at every tie the
 * first best move. cn_pure_solve finds the same profile from the order of the payoff
 * functions' values at x, without binding the game's exact payoffs or assessing and
 * verifying the profile again: cn_continue checks every best reply of it exactly at x, the
 * conditions those checks make. Where every equilibrium is listed, a tie anywhere falls back
 * to the exact solve (without ties the equilibrium is the only one). */
static int quick_applies(const eng *E)
{
    if (E->k)
        return 1;   /* compact games: always (see brink_threshold_compute) */
    const brink_efg *g = E->g;
    if (E->o->method || !g->perfect_info || g->ninfosets != g->player_infoset_start[g->nplayers])
        return 0;
    int plan;
    return brink_analysis_method(g, E->o, &plan, NULL) == &brink_solver_spe;   /* policy.c */
}

/* 1 and s filled (one equilibrium, behavq = E->quickq) when the short solve answers at x;
 * 0 when the exact solve must; -1 on OOM. *crossing: x sits where two payoff functions cross
 * (a tie at x alone, taken by the first best move); *tied: a tie was taken (only where not
 * every equilibrium is listed). Without a tie the profile is the only subgame-perfect
 * equilibrium at x, whatever the size of the tree: s->complete. */
static int quick_solve(eng *E, const mpq_t x, brink_eqset *s, int *crossing, int *tied)
{
    if (E->k) {   /* every tie taken by the first best action, as on a large tree */
        int anytie = 0, rc = ck_solve(&E->G, E->k, x, E->kchoice, crossing, &anytie);
        if (rc)
            return rc < 0 ? -1 : 0;
        if (E->kchance)
            *crossing = 0;   /* the tree's general pass (chance) does not split there */
        if (!(s->eq = brink_calloc(1, sizeof *s->eq)))
            return -1;
        s->count = s->nfound = 1;
        /* without a tie the only subgame-perfect equilibrium (perfect information, chance
         * moves or not: backward induction has one way), as the tree's short solve says;
         * *tied stays 0: a compact game's ties are not listed whole here, so a sample with
         * one keeps the first best action and its list is not called complete */
        s->complete = !anytie;
        return 1;
    }
    const brink_efg *g = E->g;
    int nh = g->player_infoset_start[g->nplayers], found = 0, all = an_solve_all(g, E->o);
    int *choice = brink_calloc((size_t)nh + 1, sizeof *choice);
    if (!choice || cn_pure_solve(&E->G, x, !all, choice, &found, crossing, tied)) {
        free(choice);
        return -1;
    }
    if (!found) {
        free(choice);
        return 0;
    }
    if (!E->quickq && !(E->quickq = brink_q_array_new((size_t)g->nactions + 1))) {
        free(choice);
        return -1;
    }
    for (int a = 0; a < g->nactions; a++)
        mpq_set_ui(E->quickq[a], 0, 1);
    for (int h = 0; h < nh; h++)
        mpq_set_ui(E->quickq[g->infoset_action_start[h] + choice[h]], 1, 1);
    free(choice);
    s->eq = brink_calloc(1, sizeof *s->eq);
    if (!s->eq)
        return -1;
    s->eq[0].behavq = E->quickq;
    s->count = s->nfound = 1;
    s->complete = !*tied;   /* no tie: the only one (with all listed, found means no tie) */
    return 1;
}

/* The watched choices an equilibrium stands for: one, or where it represents a play whose
 * equilibria choose differently at a watched set off the path (brink_equilibrium.alt), each
 * combination of the actions they take there: how many (MAX_ALT_COMBOS + 1: more). */
static int alt_combos(const eng *E, const brink_equilibrium *eq)
{
    long n = 1;
    for (int w = 0; w < E->nwatch && eq->alt; w++) {
        int h = E->watch[w];
        if (brink_equilibrium_choice_fixed(E->g, eq, h))
            continue;
        int m = 0;
        for (int a = 0; a < E->g->infoset_nactions[h]; a++)
            m += eq->alt[E->g->infoset_action_start[h] + a] != 0;
        n *= m > 1 ? m : 1;
        if (n > MAX_ALT_COMBOS)
            return MAX_ALT_COMBOS + 1;
    }
    return (int)n;
}

/* Perfect information, pure profile q (exact, of the game bound at the sample): after the
 * choices at some watched nodes off the path were changed (changed[node] = 1), each decision
 * above them that is off the path too takes a best move again, bottom up, keeping its own
 * where that is still best (the values below it have changed). The path's decisions and
 * everything else stay: the result is checked as an equilibrium by cn_continue. 0; -1 on
 * OOM. */
static int repair_above(const brink_efg *g, mpq_t *q, const unsigned char *changed)
{
    int N = g->nnodes, np = g->nplayers, rc = -1;
    unsigned char *reached = brink_calloc((size_t)N + 1, 1), *anc = brink_calloc((size_t)N + 1, 1);
    mpq_t *val = brink_q_array_new((size_t)N * (size_t)np + 1);
    mpq_t t;
    mpq_init(t);
    if (!reached || !anc || !val)
        goto out;
    reached[0] = 1;
    for (int v = 0; v < N; v++) {
        int h = g->node_infoset[v];
        if (h < 0)
            continue;
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            int k = g->infoset_action_start[h] + a;
            reached[brink_efg_child(g, v, a)] =
                reached[v] && (g->infoset_player[h] < 0 ? mpq_sgn(g->action_probq[k]) > 0
                                                        : mpq_sgn(q[k]) > 0);
        }
        if (changed[v])
            for (int u = g->node_parent[v]; u >= 0; u = g->node_parent[u])
                anc[u] = 1;
    }
    for (int v = N - 1; v >= 0; v--) {
        int h = g->node_infoset[v];
        mpq_t *dst = val + (size_t)v * (size_t)np;
        if (h < 0) {
            for (int p = 0; p < np; p++)
                mpq_set(dst[p], g->leaf_payq[(size_t)g->node_leaf[v] * (size_t)np + (size_t)p]);
            continue;
        }
        int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h], mover = g->infoset_player[h];
        if (mover < 0) {   /* chance: the expectation */
            for (int p = 0; p < np; p++) {
                mpq_set_ui(dst[p], 0, 1);
                for (int a = 0; a < na; a++) {
                    mpq_mul(t, g->action_probq[a0 + a],
                            val[(size_t)brink_efg_child(g, v, a) * (size_t)np + (size_t)p]);
                    mpq_add(dst[p], dst[p], t);
                }
            }
            continue;
        }
        int cur = 0;
        for (int a = 0; a < na; a++)
            if (mpq_sgn(q[a0 + a]) > 0)
                cur = a;
        if (anc[v] && !reached[v] && !changed[v]) {
            int best = cur;
            for (int a = 0; a < na; a++)
                if (mpq_cmp(val[(size_t)brink_efg_child(g, v, a) * (size_t)np + (size_t)mover],
                            val[(size_t)brink_efg_child(g, v, best) * (size_t)np + (size_t)mover]) > 0)
                    best = a;
            for (int a = 0; a < na; a++)
                mpq_set_ui(q[a0 + a], a == best, 1);
            cur = best;
        }
        for (int p = 0; p < np; p++)
            mpq_set(dst[p], val[(size_t)brink_efg_child(g, v, cur) * (size_t)np + (size_t)p]);
    }
    rc = 0;
out:
    mpq_clear(t);
    free(reached);
    free(anc);
    if (val)
        brink_q_array_free(val, (size_t)N * (size_t)np + 1);
    return rc;
}

/* The other equilibria of a play at the watched sets (tester 11b, F11): where the
 * equilibria with eq's play choose differently at a watched set off the path, each other
 * combination of the actions they take there (eq->alt), put into eq's profile bq, is
 * continued as an equilibrium of its own when it is one at x (cn_continue checks every best
 * reply exactly there), with its own state and interval, as a listed profile would be.
 * *untraced = 1 when a combination is not an equilibrium that way (an equilibrium of the
 * play that takes it chooses differently elsewhere too: not traced here) or there are too
 * many: the watched choices at x are then not all shown. Appends to cn/cst/eqi (capacity
 * cap). */
static brink_status alt_swaps(eng *E, cn_game *G, const brink_equilibrium *eq, const mpq_t *bq,
                              const mpq_t x, cn_eq *cn, int *cst, ivl *eqi, int *ncn, int cap,
                              tight *tp, const mpq_t Lq, const mpq_t Hq, int *untraced)
{
    const brink_efg *g = E->g;
    int ncomb = alt_combos(E, eq);
    if (ncomb <= 1)
        return BRINK_OK;
    if (ncomb > MAX_ALT_COMBOS) {
        *untraced = 1;
        return BRINK_OK;
    }
    mpq_t *q = brink_q_array_new((size_t)g->nactions + 1);
    unsigned char *changed = brink_calloc((size_t)g->nnodes + 1, 1);
    int pi = g->perfect_info;
    brink_status st = BRINK_OK;
    if (!q || !changed) {
        st = OOM(E->err);
        goto out;
    }
    for (int c = 0; c < ncomb && !st; c++) {
        /* combination c, in mixed radix: at each untied watched set eq's action, at each
         * tied one the d-th action the play's equilibria take */
        int rest = c, same = 1;
        for (int a = 0; a < g->nactions; a++)
            mpq_set(q[a], bq[a]);
        for (int w = 0; w < E->nwatch; w++) {
            int h = E->watch[w], a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
            if (brink_equilibrium_choice_fixed(g, eq, h))
                continue;
            int m = 0;
            for (int a = 0; a < na; a++)
                m += eq->alt[a0 + a] != 0;
            if (m < 2)
                continue;
            int d = rest % m, j = -1;
            rest /= m;
            for (int a = 0; a < na; a++)
                if (eq->alt[a0 + a] && d-- == 0)
                    j = a;
            for (int a = 0; a < na; a++) {
                mpq_set_ui(q[a0 + a], a == j, 1);
                same &= (mpq_sgn(bq[a0 + a]) > 0) == (a == j);
            }
        }
        if (same)
            continue;   /* eq itself, continued already */
        /* the decisions above a changed one, off the path, move to a best reply again
         * (tester 11b, F11: a switch at the watched node alone may leave one above it no
         * longer best while another equilibrium of the play moves there too) */
        if (pi) {
            memset(changed, 0, (size_t)g->nnodes);
            for (int w = 0; w < E->nwatch; w++) {
                int h = E->watch[w], a0 = g->infoset_action_start[h];
                int diff = 0;
                for (int a = 0; a < g->infoset_nactions[h]; a++)
                    diff |= (mpq_sgn(q[a0 + a]) > 0) != (mpq_sgn(bq[a0 + a]) > 0);
                if (diff && g->infoset_nmembers[h] == 1)
                    changed[g->infoset_member[g->infoset_member_start[h]]] = 1;
            }
            if (repair_above(g, q, changed)) {
                st = OOM(E->err);
                break;
            }
        }
        if (g->nnodes > CONTINUE_ALL_NODES && state_seen(E, cst, *ncn, (const mpq_t *)q))
            continue;   /* that choice is traced by another equilibrium (see sample_gap) */
        if (*ncn >= cap) {
            *untraced = 1;
            break;
        }
        pcset conds = {NULL, 0, 0};
        cn_result res;
        st = cn_continue(G, (const mpq_t *)q, eq->belief, x, &cn[*ncn], &conds, &res, E->err);
        if (!st && res == CN_OK) {
            cst[*ncn] = state_id(E, (const mpq_t *)q);
            if (cst[*ncn] < 0)
                st = OOM(E->err);
            ivl_init(&eqi[*ncn]);
            if (!st)
                st = ivl_component(E, &conds, x, Lq, Hq, &eqi[*ncn]);
            if (!st && tight_eq(tp, &conds, &eqi[*ncn], x, Lq, Hq))
                st = OOM(E->err);
            (*ncn)++;
        } else if (!st) {
            *untraced = 1;
        }
        pcset_free(&conds);
    }
out:
    free(changed);
    if (q)
        brink_q_array_free(q, (size_t)g->nactions + 1);
    return st;
}

/* The set of equilibria the same over region R (perfect information without chance, pure
 * profiles: backward induction compares the mover's leaf payoffs only): no comparison that
 * backward induction makes near the sample x changes sign within R, closed ends included
 * (cn_pure_order_polys: two different payoff functions of the mover that plays of two
 * children reach at x, and their denominators). Then its list at x (every profile, ties the
 * same ties) is its list everywhere in R. */
/* Where the comparisons change sign inside R, R shrunk to the part around the sample x that
 * none of them crosses: the interval between the nearest roots on either side of x (a closed
 * rational end of R kept where no comparison vanishes at it). The list backward induction makes
 * at x is then its list throughout the smaller R (the argument above), so the
 * region is complete, and the parts cut off are sampled on their own (an equilibrium that
 * appears between x and an end of R, absent at x, gets its own region: tester 14, N1).
 * A comparison tied at x itself makes R the point x (its list is the point's). 1 when R
 * (shrunk or not) holds the list at x throughout; 0 when that is not shown (too many plays at
 * a node, out of time; *oom on OOM); R is then unchanged. */
static int polys_shrink(eng *E, const mpq_t x, ivl *R, pq *P, int n, int skip_x, double dl,
                        int *oom);
static int orders_shrink(eng *E, const mpq_t x, ivl *R, int *oom)
{
    const brink_efg *g = E->g;
    if ((!E->k && (!g->perfect_info || g->ninfosets != g->player_infoset_start[g->nplayers])) ||
        E->G.pg.nonrational)
        return 0;
    pq *P = NULL;
    int n = 0, rc = E->k ? ck_order_polys(&E->G, E->k, x, MAX_ORDER_PLAYS, &P, &n)
                         : cn_pure_order_polys(&E->G, x, MAX_ORDER_PLAYS, &P, &n);
    if (rc) {
        *oom |= rc < 0;
        return 0;
    }
    return polys_shrink(E, x, R, P, n, 0, 0, oom);
}

/* R shrunk to the part around x where none of P[0..n) changes sign (orders_shrink says how;
 * a polynomial vanishing at x makes R the point x, unless skip_x: then the roots at x itself
 * are passed over, the caller having shown what holds at x and on either side of it). Frees
 * P. 1 when done; 0 when not (out of time; *oom on OOM), R then unchanged. dl > 0: a
 * deadline of the caller's own, earlier than the question's, whose passing is no expiry. */
static int polys_shrink(eng *E, const mpq_t x, ivl *R, pq *P, int n, int skip_x, double dl,
                        int *oom)
{
    mpq_t a, b;
    mpq_inits(a, b, NULL);
    ivl_bracket(R, a, b);
    alg lo, hi;   /* the nearest roots below and above x found so far */
    alg_init(&lo);
    alg_init(&hi);
    int has_lo = 0, has_hi = 0, lc = R->lc, hc = R->hc, ok = 1, tie = 0;
    for (int i = 0; i < n && ok; i++) {
        if (!skip_x && pq_sign_at(&P[i], x) == 0) {
            tie = 1;   /* a tie at the sample itself: its list is the point's */
            break;
        }
        if (lc && R->lo.rational && pq_sign_at(&P[i], R->lo.q) == 0)
            lc = 0;   /* a tie at a closed rational end: the end is solved on its own */
        if (hc && R->hi.rational && pq_sign_at(&P[i], R->hi.q) == 0)
            hc = 0;
        if (mpq_cmp(a, b) >= 0)
            continue;
        alg *roots = NULL;
        int nr = pq_roots_in_until(&P[i], a, b, dl > 0 ? dl : E->deadline, &roots);
        if (nr == -2 && (!(dl > 0) || (E->deadline > 0 && brink_now() > E->deadline)))
            E->expired = 1;
        if (nr < 0) {
            *oom |= nr == -1;
            ok = 0;
            break;
        }
        for (int j = 0; j < nr && ok; j++) {
            alg *z = &roots[j];
            if (alg_cmp(z, &R->lo, oom) <= 0 || alg_cmp(z, &R->hi, oom) >= 0)
                continue;   /* outside R (the bracket of an irrational end is wider) */
            int cx = alg_cmp_q(z, x);
            if (cx == 0)
                continue;   /* skip_x: a root at x itself */
            if (cx < 0) {
                if (!has_lo || alg_cmp(z, &lo, oom) > 0) {
                    if (alg_set(&lo, z))
                        *oom = 1;
                    has_lo = 1;
                }
            } else if (!has_hi || alg_cmp(z, &hi, oom) < 0) {
                if (alg_set(&hi, z))
                    *oom = 1;
                has_hi = 1;
            }
        }
        alg_array_free(roots, nr);
    }
    ok = ok && !*oom && !E->expired;
    if (ok && tie) {   /* the region is the point x; the rest is sampled on its own */
        alg_set_q(&R->lo, x);
        alg_set_q(&R->hi, x);
        R->lc = R->hc = 1;
        R->lb = R->hb = NULL;
    } else if (ok) {
        /* a rational root is solved on its own; an irrational one cannot be, and is shared
         * as the neighbours' closed end (as the engine's other irrational ends are), which
         * `complete` (the inside, ends excluded) does not speak for */
        if (has_lo) {
            if (alg_set(&R->lo, &lo))
                *oom = 1;
            lc = !lo.rational;
            R->lb = NULL;
        }
        if (has_hi) {
            if (alg_set(&R->hi, &hi))
                *oom = 1;
            hc = !hi.rational;
            R->hb = NULL;
        }
        R->lc = lc;
        R->hc = hc;
    }
    alg_clear(&lo);
    alg_clear(&hi);
    for (int i = 0; i < n; i++)
        pq_clear(&P[i]);
    free(P);
    mpq_clears(a, b, NULL);
    return ok && !*oom;
}

/* The compact game's chance probabilities at x: each >= 0, each move's summing to 1. */
static int compact_probs_ok(eng *E, const mpq_t x)
{
    const sc_compact *k = E->k;
    mpq_t v, sum;
    mpq_inits(v, sum, NULL);
    int ok = 1;
    for (int c = 0; c < k->nclasses && ok; c++) {
        if (k->mover[c] != SC_COMPACT_CHANCE)
            continue;
        mpq_set_ui(sum, 0, 1);
        for (int e = k->child_start[c]; e < k->child_start[c + 1] && ok; e++) {
            ok = !rf_eval(v, &E->G.pg.prob[e], x) && mpq_sgn(v) >= 0;
            mpq_add(sum, sum, v);
        }
        ok = ok && mpq_cmp_ui(sum, 1, 1) == 0;
    }
    mpq_clears(v, sum, NULL);
    return ok;
}

/* A compact game's profile at x (E->kchoice, quick_solve) continued: its distinct best-reply
 * conditions (ck_conditions), its interval, its watched choice; the pure equilibrium of the
 * tree's short solve, one choice per class. */
static brink_status compact_continue(eng *E, const mpq_t x, cn_eq *cn, int *cst, ivl *eqi,
                                     int *ncn, pcset *first_conds, tight *tp, const mpq_t Lq,
                                     const mpq_t Hq)
{
    int n = E->k->nclasses, bad = 0;
    pcset conds = {NULL, 0, 0};
    cn_eq *e = &cn[*ncn];
    memset(e, 0, sizeof *e);
    if (!(e->pure = brink_calloc((size_t)n + 1, sizeof *e->pure)))
        return OOM(E->err);
    memcpy(e->pure, E->kchoice, (size_t)n * sizeof *e->pure);
    if (ck_conditions(&E->G, E->k, E->kchoice, x, &conds, &bad)) {
        cn_eq_free(e, NULL);
        pcset_free(&conds);
        return OOM(E->err);
    }
    if (bad) {   /* not an equilibrium exactly (cannot happen: the solve is exact) */
        cn_eq_free(e, NULL);
        pcset_free(&conds);
        return BRINK_OK;
    }
    brink_status st = BRINK_OK;
    cst[*ncn] = state_id_of(E, NULL, E->kchoice);
    if (cst[*ncn] < 0)
        st = OOM(E->err);
    ivl_init(&eqi[*ncn]);
    (*ncn)++;
    if (!st)
        st = ivl_component(E, &conds, x, Lq, Hq, &eqi[*ncn - 1]);
    if (!st && tight_eq(tp, &conds, &eqi[*ncn - 1], x, Lq, Hq))
        st = OOM(E->err);
    *first_conds = conds;   /* kept for the uniqueness check of the region */
    return st;
}

/* cn_rsf_extreme at z: 1 when every extreme equilibrium there and on either side of z (up
 * to the nearest roots of *P) is rejected by the sequential check or reaches each watched
 * set with watched choices among listed (*P, *n then set); 0 when not shown; -1 on OOM. */
static int rsf_listed_at(eng *E, const mpq_t z, const unsigned char *listed, int nlisted,
                         cn_rsf_cache *cache, double dl, int *agree, int *one, pq **P,
                         int *n)
{
    int rc = cn_rsf_extreme(&E->G, z, MAX_RSF_SETS, dl, E->watch, E->nwatch, listed,
                            nlisted, E->o->refine != 0, E->leaf_group, E->ngroups, agree,
                            one, cache, P, n);
    return rc ? (rc < 0 ? -1 : 0) : 1;
}

/* Two-player games whose reduced strategic form is small, solved by a method that lists its
 * every extreme equilibrium (enummixed). cn_rsf_extreme at x: the extreme equilibria at x
 * and on either side of it keep their supports up to the nearest roots of the polynomials
 * of the parametric vertex enumeration; when each of them is rejected by the sequential
 * check there, or reaches each watched set and makes watched choices among the states
 * continued from x (cst[0..ncn)), the region is complete between those roots. At a rational
 * root inside R the same is shown anew (the point and the part beyond it up to its own
 * nearest roots), and so on outwards while it holds; R is shrunk to the part shown (an end
 * where it fails is a rational root, left open and solved on its own, or an irrational one,
 * kept as the neighbours' shared closed end, as orders_shrink does). 1 when shown (R
 * shrunk); 0 when not (R unchanged; *oom on OOM). */
static int rsf_shrink(eng *E, const brink_eqset *s, const mpq_t x, ivl *R, const int *cst,
                      int ncn, int *agree, int *one, int *oom)
{
    *agree = *one = 0;
    const brink_efg *g = E->g;
    if (E->k || !g || g->nplayers != 2 || g->perfect_info || E->G.pg.nonrational ||
        !an_reduced_small(g, E->o))
        return 0;   /* a compact game is perfect information: orders_shrink's */
    int all = 0;
    for (int k = 0; k < s->method.nsolvers && k < BRINK_PLAN_MAX_ROLES; k++)
        all |= s->method.complete[k] && s->method.solver[k] &&
               !strcmp(s->method.solver[k]->name, "enummixed");
    if (!all)
        return 0;
    /* the states continued from x, each certified over R */
    unsigned char *listed = brink_calloc((size_t)(ncn ? ncn : 1) * (size_t)E->nwact + 1, 1);
    if (!listed) {
        *oom = 1;
        return 0;
    }
    for (int k = 0; k < ncn; k++)
        memcpy(listed + (size_t)k * (size_t)E->nwact, E->states + (size_t)cst[k] * (size_t)E->nwact,
               (size_t)E->nwact);
    /* the question's time; the work is bounded by MAX_RSF_STEPS and MAX_RSF_CUTS, not by a
     * clock of its own, so that the answer does not depend on the machine's load */
    double dl = E->deadline;
    pq *P = NULL;
    cn_rsf_cache cache;
    memset(&cache, 0, sizeof cache);
    /* every equilibrium the method lists in the pieces kept has the same values and outcome
     * probabilities (cn_rsf_extreme's agree: shown for enummixed's extreme equilibria and
     * the sequential solver's, no other method's); a piece is added below only while it
     * holds there too */
    int ag = 1;
    for (int k = 0; k < s->method.nsolvers && k < BRINK_PLAN_MAX_ROLES; k++)
        ag &= s->method.solver[k] && (!strcmp(s->method.solver[k]->name, "enummixed") ||
                                      !strcmp(s->method.solver[k]->name, "sequential"));
    int on = ncn == 1, n = 0, rc = rsf_listed_at(E, x, listed, ncn, &cache, dl, &ag, &on, &P, &n);
    if (rc <= 0) {
        *oom |= rc < 0;
        free(listed);
        cn_rsf_cache_free(&cache);
        return 0;
    }
    ivl A, B;
    ivl_init(&A);
    ivl_init(&B);
    ivl_copy(&A, R);
    int ok = polys_shrink(E, x, &A, P, n, 1, dl, oom);
    mpq_t z;
    mpq_init(z);
    /* outwards: above, then below */
    for (int side = 1; ok && !*oom && side >= -1; side -= 2) {
        for (int step = 0; step < MAX_RSF_STEPS && !*oom && !E->expired; step++) {
            alg *end = side > 0 ? &A.hi : &A.lo, *lim = side > 0 ? &R->hi : &R->lo;
            if (!end->rational || alg_cmp(end, lim, oom) == 0)
                break;
            mpq_set(z, end->q);
            int agz = ag, onz = on;
            if ((rc = rsf_listed_at(E, z, listed, ncn, &cache, dl, &agz, &onz, &P, &n)) <= 0) {
                *oom |= rc < 0;
                break;
            }
            ivl_copy(&B, R);
            if (!polys_shrink(E, z, &B, P, n, 1, dl, oom))
                break;
            ag = agz;
            on = onz;
            if (side > 0) {
                alg_set(&A.hi, &B.hi);
                A.hc = B.hc;
                set_bind(&A.hbc, &A.hb, B.hb);
            } else {
                alg_set(&A.lo, &B.lo);
                A.lc = B.lc;
                set_bind(&A.lbc, &A.lb, B.lb);
            }
        }
    }
    mpq_clear(z);
    free(listed);
    cn_rsf_cache_free(&cache);
    /* a region cut short is sampled again beyond the cut: a few such cuts per question, then
     * only regions proved whole (the cuts' roots may be many, most of them changing
     * nothing the engine reports) */
    int cut = alg_cmp(&A.lo, &R->lo, oom) != 0 || alg_cmp(&A.hi, &R->hi, oom) != 0;
    if (ok && cut && E->rsf_cuts >= MAX_RSF_CUTS)
        ok = 0;
    else if (ok && cut)
        E->rsf_cuts++;
    ok = ok && !*oom;
    if (ok) {
        ivl_copy(R, &A);
        *agree = ag;
        *one = on;
    }
    ivl_clear(&A);
    ivl_clear(&B);
    return ok;
}

static brink_status sample_gap_timed(eng *E, gapi *gp, gstack *S);

/* a compact game's short solve fills only s->eq (no tree to free it with) */
#define EQSET_FREE(E, s, g)                                                                    \
    do {                                                                                       \
        if ((E)->k) {                                                                          \
            free((s)->eq);                                                                     \
            memset((s), 0, sizeof *(s));                                                       \
        } else {                                                                               \
            brink_eqset_free((s), (g));                                                        \
        }                                                                                      \
    } while (0)

/* The share of the range the regions made so far cover, in doubles from their ends' rational
 * values or isolating intervals (nothing refined: for progress only). */
static double alg_approx(const alg *a)
{
    return a->rational ? mpq_get_d(a->q) : (mpq_get_d(a->lo) + mpq_get_d(a->hi)) / 2;
}

static double covered(const eng *E)
{
    double total = mpq_get_d(E->H) - mpq_get_d(E->L), sum = 0;
    if (!(total > 0))
        return 0;
    for (int i = 0; i < E->nreg; i++)
        sum += alg_approx(&E->reg[i].hi) - alg_approx(&E->reg[i].lo);
    sum /= total;
    return sum < 0 ? 0 : sum > 1 ? 1 : sum;
}

/* One sample, or none past the deadline. A sample whose root isolation the deadline cut
 * short leaves nothing: the regions and gaps it made are dropped and the whole gap is
 * reported "time limit" (never a region computed from part of the roots). */
static brink_status sample_gap(eng *E, gapi *gp, gstack *S)
{
    int nreg0 = E->nreg, ngap0 = S->n;
    /* past the deadline, or a solve as long as the last would pass it */
    E->expired = E->deadline > 0 && brink_now() + E->solve_s > E->deadline;
    brink_status st = E->expired ? BRINK_OK : sample_gap_timed(E, gp, S);
    if (st || !E->expired)
        return st;
    while (E->nreg > nreg0)
        free_region(E, &E->reg[--E->nreg]);
    while (S->n > ngap0)
        gap_clear(&S->g[--S->n]);
    return unknown_gap(E, gp, BRINK_UNKNOWN_TIME_LIMIT, NULL, NULL);
}

static brink_status sample_gap_timed(eng *E, gapi *gp, gstack *S)
{
    const brink_efg *g = E->g;
    int oom = 0;
    mpq_t x;
    mpq_init(x);
    brink_status st = BRINK_OK;
    int point = alg_cmp(&gp->a, &gp->b, &oom) == 0;
    if (point) {
        if (!gp->a.rational) {
            st = unknown_gap(E, gp, BRINK_UNKNOWN_IRRATIONAL_POINT, NULL, NULL);
            goto out;
        }
        mpq_set(x, gp->a.q);
    } else if (E->have_default && !E->default_used && gap_contains(gp, E->dflt)) {
        mpq_set(x, E->dflt);
        E->default_used = 1;
    } else {
        cn_rational_between(x, &gp->a, &gp->b);
    }
    if (E->solves >= E->o->max_solves) {
        st = unknown_gap(E, gp, BRINK_UNKNOWN_BUDGET, NULL, NULL);
        goto out;
    }
    /* Samples whose structure holds at the sample alone, one after another, would converge
     * without covering (each gap left is sampled again): stop and say so. */
    /* after MAX_FAIL_STREAK failed samples in a row, the gaps left are not sampled (the
     * failures keep their points; these parts get no reason of theirs) */
    if (E->fail_streak >= MAX_FAIL_STREAK && !point) {
        st = unknown_gap(E, gp, BRINK_UNKNOWN_GAVE_UP, NULL, NULL);
        goto out;
    }
    if (E->point_streak >= MAX_POINT_STREAK && !point) {
        st = unknown_gap(E, gp, BRINK_UNKNOWN_DEGENERATE, NULL, NULL);
        goto out;
    }
    if (!point && (gp->chase_a >= MAX_CHASE || gp->chase_b >= MAX_CHASE)) {
        st = unknown_gap(E, gp, BRINK_UNKNOWN_CONVERGING, NULL, NULL);
        goto out;
    }
    /* solve exactly at x */
    mpq_set(E->values[E->param], x);
    brink_error local, glocal;
    brink_error_clear(&local);
    brink_error_clear(&glocal);
    brink_eqset s;
    memset(&s, 0, sizeof s);
    brink_status gs = BRINK_OK;
    /* at the default every equilibrium, as the main analysis lists them there whatever the
     * size of the tree (tester 13, D1b: "at the default" agrees with the analysis above it) */
    int game_done = 0, quick = 0, want_all = E->have_default && mpq_equal(x, E->dflt);
    if (quick_applies(E)) {
        gs = game_at(E, &glocal);
        game_done = 1;
        int crossing = 0, tied = 0;
        if (!gs && !E->G.pg.nonrational &&
            (quick = quick_solve(E, x, &s, &crossing, &tied)) < 0) {
            st = OOM(E->err);
            goto out;
        }
        if (quick && crossing && !point) {
            /* x sits on a tie (a flip) of a tree too large to list every equilibrium: its
             * solve kept the first best move. x becomes a point of its own (finish() adds
             * the equilibria of both sides that hold there), the rest of the gap is sampled
             * on either side. */
            alg ax;
            alg_init(&ax);
            alg_set_q(&ax, x);
            if (push_gap(S, &gp->a, gp->ai, &ax, 0) || push_gap(S, &ax, 1, &ax, 1) ||
                push_gap(S, &ax, 0, &gp->b, gp->bi))
                st = OOM(E->err);
            alg_clear(&ax);
            s.eq[0].behavq = NULL;   /* E->quickq */
            EQSET_FREE(E, &s, g);
            goto out;
        }
        /* A tie at x on a tree too large to list every equilibrium everywhere (an off-path
         * tie that holds over the range, or a point on a crossing): backward induction lists
         * every play here, as the main analysis does, while that stays cheap (tester 13,
         * D1b: a tie-free branch past all_limit_nodes had turned a complete answer into one
         * equilibrium's trace). A list that comes back capped (more plays than max_profiles,
         * or the method's own caps) ends that for the rest of the question, and so does a
         * budget of LIST_TIES_NODES nodes solved: later ties take the first best move, and
         * their lists are not called complete. */
        if (quick)
            want_all = tied && (want_all || (E->list_ties && E->list_nodes >= g->nnodes));
        if (quick && want_all && !(E->have_default && mpq_equal(x, E->dflt)))
            E->list_nodes -= g->nnodes;
        if (quick && want_all) {
            s.eq[0].behavq = NULL;   /* E->quickq */
            brink_eqset_free(&s, g);
            memset(&s, 0, sizeof s);
            quick = 0;
        }
    }
    if (E->k && quick && E->kchance && !compact_probs_ok(E, x)) {
        /* not a game at x (a probability below 0, a sum off 1): this sample fails */
        quick = 0;
        gs = brink_error_set(&glocal, BRINK_EINVALID, "the chance probabilities are not "
                             "probabilities at this value of the parameter (one is below 0 or "
                             "a move's do not sum to 1)");
        EQSET_FREE(E, &s, g);
    }
    if (E->k && !quick && !gs && E->G.pg.nonrational) {   /* not rational in t: as the tree */
        st = unknown_gap(E, gp, BRINK_UNKNOWN_NONRATIONAL, NULL, x);
        if (!st) {
            E->reg[E->nreg - 1].expr_line = E->G.pg.nr_line;
            E->reg[E->nreg - 1].expr_col = E->G.pg.nr_col;
        }
        goto out;
    }
    if (E->k && !quick) {   /* no exact solve of a compact game here: the gap says why */
        E->solves++;
        if (gs == BRINK_ENOMEM) {
            st = OOM(E->err);
            goto out;
        }
        if (!gs)
            brink_error_set(&glocal, BRINK_EINVALID, "a payoff is undefined at this value of "
                            "the parameter (a division by zero)");
        st = failed_at(E, gp, S, point, &glocal, x);
        goto out;
    }
    /* the solve gets the time left, when that is less than its own limit */
    brink_analysis_options so = *E->o;
    if (want_all)
        so.all_limit_nodes = -1;
    if (E->deadline > 0) {
        double left = E->deadline - brink_now();
        if (!(so.time_limit > 0) || left < so.time_limit)
            so.time_limit = left > 1e-3 ? left : 1e-3;
    }
    double ts = brink_now();
    if (!quick && (brink_scenario_bind_q(E->in, (const mpq_t *)E->values, &local) ||
                   (ts = brink_now(),
                    brink_analysis_solve(E->in, E->leaf_group, E->ngroups, &so, &s, &local)))) {
        E->solve_s = brink_now() - ts;
        E->solves++;
        if (local.code == BRINK_ENOMEM) {
            st = OOM(E->err);
            goto out;
        }
        if (E->deadline > 0 && brink_now() > E->deadline) {
            E->expired = 1;   /* a failure past the deadline may be the deadline's */
            goto out;
        }
        st = failed_at(E, gp, S, point, &local, x);
        goto out;
    }
    E->solves++;
    if (!quick)
        E->solve_s = brink_now() - ts;
    if (want_all && !an_solve_all(g, E->o) &&
        !(s.complete && !s.truncated && !s.profiles_at_least))
        E->list_ties = 0;
    if (!game_done)
        gs = game_at(E, &glocal);
    local = glocal;
    cn_game *Gp = &E->G;
    if (gs) {
        EQSET_FREE(E, &s, g);
        if (gs == BRINK_ENOMEM) {
            st = OOM(E->err);
            goto out;
        }
        st = failed_at(E, gp, S, point, &local, x);
        goto out;
    }
    if (s.count)   /* a solve without an equilibrium counts as a failure (no_equilibrium_at) */
        E->fail_streak = 0;
    if (Gp->pg.nonrational && !point && s.count) {
        /* only where the expressions take the branches they take at x: the rest of the gap
         * may be rational (an if whose other branch is) and is solved on its own */
        int split = 0;
        st = nonrational_part(E, Gp, gp, S, x, &split);
        if (st || split) {
            EQSET_FREE(E, &s, g);
            goto out;
        }
    }
    if (!Gp->pg.nonrational && !s.count) {
        EQSET_FREE(E, &s, g);
        st = no_equilibrium_at(E, gp, S, point, x);
        goto out;
    }
    if (Gp->pg.nonrational || !s.count) {
        treg *r = NULL;
        st = unknown_gap(E, gp, Gp->pg.nonrational ? BRINK_UNKNOWN_NONRATIONAL
                                                 : BRINK_UNKNOWN_NO_EQUILIBRIUM, NULL, x);
        if (!st && (r = &E->reg[E->nreg - 1]) && Gp->pg.nonrational) {
            r->expr_line = Gp->pg.nr_line;
            r->expr_col = Gp->pg.nr_col;
        }
        if (r)
            r->nequilibria = s.count;
        EQSET_FREE(E, &s, g);
        goto out;
    }
    /* The expression guards hold on one interval around x; each equilibrium, continued,
     * holds on another. A watched choice is certified on the union of the intervals of the
     * equilibria that make it, and the region is where every choice found is certified (and
     * the guards hold). Taking unions per choice keeps continua of equilibria (one extreme
     * of the family reaching further than another) from cutting the range into ever smaller
     * pieces. */
    pcset gconds = {NULL, 0, 0};
    if (guard_conds(Gp, &gconds))
        st = OOM(E->err);
    int cap = s.count * (1 + MAX_ENLARGE), untraced = 0;
    for (int k = 0; k < s.count; k++) {   /* room for the plays' other watched choices */
        int m = alt_combos(E, &s.eq[k]);
        cap += m <= MAX_ALT_COMBOS ? m - 1 : 0;
    }
    cn_eq *cn = brink_calloc((size_t)cap, sizeof *cn);
    int *cst = brink_calloc((size_t)cap, sizeof *cst);
    ivl *eqi = brink_calloc((size_t)cap + 1, sizeof *eqi);
    int ncn = 0, nonlinear = 0;
    pcset first_conds = {NULL, 0, 0};
    tight tp;
    mpq_inits(tp.lo, tp.hi, NULL);
    tp.has_lo = tp.has_hi = 0;
    tp.deadline = E->deadline;
    tp.expired = &E->expired;
    if (!st && (!cn || !cst || !eqi))
        st = OOM(E->err);
    mpq_t Lq, Hq;
    mpq_inits(Lq, Hq, NULL);
    mpq_set(Lq, E->L);
    mpq_set(Hq, E->H);
    if (E->k && !st) {   /* the compact game's one profile (quick_solve), continued */
        st = compact_continue(E, x, cn, cst, eqi, &ncn, &first_conds, &tp, Lq, Hq);
    }
    for (int k = 0; k < s.count && !st && !E->k; k++) {
        mpq_t *bq = s.eq[k].behavq;
        mpq_t *tmpq = NULL;
        if (!bq) {   /* a float profile: its rational reading must pass the exact check */
            tmpq = brink_q_array_new((size_t)g->nactions);
            if (!tmpq) {
                st = OOM(E->err);
                break;
            }
            for (int a = 0; a < g->nactions; a++)
                brink_q_from_double_approx(tmpq[a], s.eq[k].behav[a], 1e-12);
            bq = tmpq;
        }
        /* On large trees one continued equilibrium per watched choice (each costs a pass
         * over the tree); on small ones all, since the union of their intervals covers
         * continua of equilibria in fewer samples. */
        if (g->nnodes > CONTINUE_ALL_NODES && state_seen(E, cst, ncn, (const mpq_t *)bq)) {
            if (tmpq)
                brink_q_array_free(tmpq, (size_t)g->nactions);
            continue;
        }
        cn_result res;
        pcset conds = {NULL, 0, 0};
        st = cn_continue(Gp, (const mpq_t *)bq, s.eq[k].belief, x, &cn[ncn], &conds, &res,
                         E->err);
        if (!st && res == CN_OK) {
            cst[ncn] = state_id(E, (const mpq_t *)bq);
            if (cst[ncn] < 0)
                st = OOM(E->err);
            ivl_init(&eqi[ncn]);
            if (!st)
                st = ivl_component(E, &conds, x, Lq, Hq, &eqi[ncn]);
            if (!st && tight_eq(&tp, &conds, &eqi[ncn], x, Lq, Hq))
                st = OOM(E->err);
            ncn++;
            /* a side that ends at the sample itself: bring in the unused actions tied there */
            if (!st && ncn < cap && g->nnodes <= CONTINUE_ALL_NODES &&
                (alg_cmp_q(&eqi[ncn - 1].lo, x) == 0 || alg_cmp_q(&eqi[ncn - 1].hi, x) == 0))
                st = enlarge(E, Gp, (const mpq_t *)bq, s.eq[k].belief, x, &conds, cn, cst, eqi,
                             &ncn, cap, Lq, Hq);
            if (!st)
                st = alt_swaps(E, Gp, &s.eq[k], (const mpq_t *)bq, x, cn, cst, eqi, &ncn, cap,
                               &tp, Lq, Hq, &untraced);
        } else if (!st) {
            nonlinear += res == CN_NONLINEAR;
            /* an equilibrium found here whose choices the region does not list: the list is
             * not every one's, even at a point (tester 15: 11 found at p = 1/1341882916, 5
             * continued, an off-path "x" of the others missing from a "complete" point) */
            untraced = 1;
        }
        if (k == 0 && s.count == 1 && !st && res == CN_OK) {
            first_conds = conds;   /* kept for the uniqueness check of the region */
            conds.c = NULL;
            conds.n = conds.cap = 0;
        }
        pcset_free(&conds);
        if (tmpq)
            brink_q_array_free(tmpq, (size_t)g->nactions);
    }
    if (!st && !ncn) {
        st = unknown_gap(E, gp, nonlinear ? BRINK_UNKNOWN_NONLINEAR : BRINK_UNKNOWN_NOT_EXACT,
                         NULL, x);
        if (!st)
            E->reg[E->nreg - 1].nequilibria = s.count;
    } else if (!st) {
        ivl R, U;
        ivl_init(&R);
        ivl_init(&U);
        st = ivl_component(E, &gconds, x, Lq, Hq, &R);
        /* per watched choice: the union of its equilibria's intervals; then intersect */
        for (int k = 0; k < ncn && !st; k++) {
            int first = 1;
            for (int j = 0; j < k; j++)
                first &= cst[j] != cst[k];
            if (!first)
                continue;
            ivl_copy(&U, &eqi[k]);
            for (int j = k + 1; j < ncn; j++)
                if (cst[j] == cst[k])
                    ivl_union(&U, &eqi[j], &oom);
            ivl_intersect(&R, &U, &oom);
        }
        if (!st) {
            /* clip to the gap; an end shared with a neighbour stays closed when the
             * equilibria hold there too (a tie belongs to both sides) */
            if (alg_cmp(&R.lo, &gp->a, &oom) < 0) {
                alg_set(&R.lo, &gp->a);
                R.lc = 1;
                R.lb = NULL;
            }
            if (alg_cmp(&R.hi, &gp->b, &oom) > 0) {
                alg_set(&R.hi, &gp->b);
                R.hc = 1;
                R.hb = NULL;
            }
            /* stop short of the tight points nearest the sample (guards' too) */
            if (!point) {
                mpq_t blo, bhi;
                mpq_inits(blo, bhi, NULL);
                ivl_bracket(&R, blo, bhi);
                if (tight_conds(&tp, &gconds, x, blo, bhi))
                    st = OOM(E->err);
                mpq_clears(blo, bhi, NULL);
                int c;
                if (tp.has_lo && (c = alg_cmp_q(&R.lo, tp.lo)) <= 0) {
                    if (c < 0) {
                        alg_set_q(&R.lo, tp.lo);
                        R.lb = NULL;
                    }
                    R.lc = 0;
                }
                if (tp.has_hi && (c = alg_cmp_q(&R.hi, tp.hi)) >= 0) {
                    if (c > 0) {
                        alg_set_q(&R.hi, tp.hi);
                        R.hb = NULL;
                    }
                    R.hc = 0;
                }
                /* a gap's rational end inside the range was left by the neighbour, which
                 * stopped short of it: it is solved on its own too */
                if (R.lc && gp->ai && gp->a.rational && alg_cmp(&R.lo, &gp->a, &oom) == 0 &&
                    mpq_cmp(gp->a.q, E->L) != 0)
                    R.lc = 0;
                if (R.hc && gp->bi && gp->b.rational && alg_cmp(&R.hi, &gp->b, &oom) == 0 &&
                    mpq_cmp(gp->b.q, E->H) != 0)
                    R.hc = 0;
            }
            /* every play listed (with exact counts), and every watched choice the
             * equilibria of each play make traced: where they differ off the path, each
             * combination was continued (alt_swaps) */
            int cas = s.complete && !s.truncated && !s.profiles_at_least && !untraced;
            /* every equilibrium inside (perfect information without chance): the list at
             * the sample complete and every comparison backward induction makes of the same
             * sign throughout, ties the same ties (tester 11b, F5: two profiles tied off the
             * path over the whole range); where one changes sign inside, the region is cut
             * there (orders_shrink) */
            int agree = 0, one = 0;
            int fixed = cas && alg_cmp(&R.lo, &R.hi, &oom) != 0 &&
                        (orders_shrink(E, x, &R, &oom) ||
                         (!oom && rsf_shrink(E, &s, x, &R, cst, ncn, &agree, &one, &oom)));
            treg *r = new_region(E, NULL);
            if (!r) {
                st = OOM(E->err);
            } else {
                int single = alg_cmp(&R.lo, &R.hi, &oom) == 0;
                E->point_streak = single && !point ? E->point_streak + 1 : 0;
                alg_set(&r->lo, &R.lo);
                alg_set(&r->hi, &R.hi);
                r->lo_closed = R.lc;
                r->hi_closed = R.hc;
                r->status = BRINK_REGION_CERTIFIED;
                mpq_set(r->sample, x);
                r->nequilibria = s.count;
                r->ncertified = ncn;
                r->complete_at_sample = cas;
                /* unique inside the region: perfect information, one subgame-perfect
                 * equilibrium at the sample, and no best-reply gap touching zero strictly
                 * inside (a tie there would add equilibria at that point) */
                r->unique = (E->k || g->perfect_info) && r->complete_at_sample && s.count == 1 &&
                            (!s.eq[0].nprofiles || mpz_cmp_ui(*s.eq[0].nprofiles, 1) == 0) &&
                            ncn == 1 && no_tie_inside(E, &first_conds, &R, &oom);
                /* two players: one completely labelled pair throughout (rsf_shrink), the
                 * only Nash equilibrium there, mixed ones included */
                r->unique |= fixed && one && ncn == 1 && !single;
                /* a single point: its list is its sample's, unique as the analysis says it
                 * there (a method listing mixed equilibria found one, rejecting none) */
                int mixed_all = 0;
                for (int k = 0; k < s.method.nsolvers && k < BRINK_PLAN_MAX_ROLES; k++)
                    mixed_all |= s.method.complete[k] && s.method.solver[k] &&
                                 !(s.method.solver[k]->flags &
                                   (BRINK_SOLVER_PURE_ONLY | BRINK_SOLVER_PERFECT_INFO));
                r->unique |= single && !E->k && !g->perfect_info && cas && mixed_all &&
                             ncn == 1 && s.count == 1 && s.nrejected == 0 && !s.truncated;
                /* every equilibrium inside: unique there, or the orders fixed (above); a
                 * single point's list is its sample's: complete when that is (tester 13,
                 * D3) */
                r->complete = r->unique || (cas && (single || fixed));
                r->agree = r->complete && !single && agree;
                r->bind_lo = R.lb ? add_cond(E, R.lb) : -1;
                r->bind_hi = R.hb ? add_cond(E, R.hb) : -1;
                if (r->bind_lo < -1 || r->bind_hi < -1)
                    st = OOM(E->err);
                r->ncn = ncn;
                r->cn = cn;
                r->cn_state = cst;
                r->cn_ivl = eqi;
                r->ncn_ivl = ncn;
                cn = NULL;
                cst = NULL;
                eqi = NULL;
                /* what is left of the gap on either side (a region of more than a point
                 * extends the chase on that side, see MAX_CHASE) */
                int n0 = S->n;
                if (!st && push_gap(S, &gp->a, gp->ai, &R.lo, !R.lc))
                    st = OOM(E->err);
                if (!st && S->n > n0 && !single)
                    S->g[S->n - 1].chase_a = gp->chase_a + 1;
                n0 = S->n;
                if (!st && push_gap(S, &R.hi, !R.hc, &gp->b, gp->bi))
                    st = OOM(E->err);
                if (!st && S->n > n0 && !single)
                    S->g[S->n - 1].chase_b = gp->chase_b + 1;
            }
        }
        ivl_clear(&R);
        ivl_clear(&U);
    }
    for (int k = 0; eqi && k < ncn; k++)
        ivl_clear(&eqi[k]);
    free(eqi);
    mpq_clears(Lq, Hq, tp.lo, tp.hi, NULL);
    pcset_free(&gconds);
    pcset_free(&first_conds);
    for (int k = 0; cn && k < ncn; k++)
        cn_eq_free(&cn[k], g);
    free(cn);
    free(cst);
    if (quick && !E->k)
        s.eq[0].behavq = NULL;   /* E->quickq, kept for the next sample */
    EQSET_FREE(E, &s, g);
out:
    mpq_clear(x);
    if (oom && !st)
        st = OOM(E->err);
    return st;
}

/* ---------------------------------------------------------------- results */

static int real_from_alg(brink_real *r, alg *a)
{
    memset(r, 0, sizeof *r);
    mpq_inits(r->q, r->lo, r->hi, NULL);
    r->approx = alg_get_d(a);
    if (a->rational) {
        r->rational = 1;
        mpq_set(r->q, a->q);
        mpq_set(r->lo, a->q);
        mpq_set(r->hi, a->q);
        return 0;
    }
    mpq_set(r->lo, a->lo);
    mpq_set(r->hi, a->hi);
    mpq_add(r->q, a->lo, a->hi);
    mpq_div_2exp(r->q, r->q, 1);
    r->degree = a->p.deg;
    r->poly = brink_calloc((size_t)r->degree + 1, sizeof *r->poly);
    if (!r->poly)
        return -1;
    mpz_t den, gcd;
    mpz_init_set_ui(den, 1);
    mpz_init_set_ui(gcd, 0);
    for (int i = 0; i <= r->degree; i++)
        mpz_lcm(den, den, mpq_denref(a->p.c[i]));
    for (int i = 0; i <= r->degree; i++) {
        mpz_init(r->poly[i]);
        mpz_divexact(r->poly[i], den, mpq_denref(a->p.c[i]));
        mpz_mul(r->poly[i], r->poly[i], mpq_numref(a->p.c[i]));
        mpz_gcd(gcd, gcd, r->poly[i]);
    }
    if (mpz_sgn(gcd) > 0)
        for (int i = 0; i <= r->degree; i++)
            mpz_divexact(r->poly[i], r->poly[i], gcd);
    mpz_clears(den, gcd, NULL);
    return 0;
}

static void real_clear(brink_real *r)
{
    if (r->poly) {
        for (int i = 0; i <= r->degree; i++)
            mpz_clear(r->poly[i]);
        free(r->poly);
    }
    mpq_clears(r->q, r->lo, r->hi, NULL);
}

static int cmp_reg(const void *x, const void *y)
{
    treg *a = (treg *)x, *b = (treg *)y;
    int oom = 0;
    int c = alg_cmp(&a->lo, &b->lo, &oom);
    if (c)
        return c;
    /* a closed start comes first ([r, r] before (r, s)) */
    return b->lo_closed - a->lo_closed;
}

static int same_states(const treg *a, const treg *b)
{
    if (a->status != BRINK_REGION_CERTIFIED || b->status != BRINK_REGION_CERTIFIED)
        return 0;
    /* state sets as sets */
    for (int pass = 0; pass < 2; pass++) {
        const treg *x = pass ? b : a, *y = pass ? a : b;
        for (int i = 0; i < x->ncn; i++) {
            int found = 0;
            for (int j = 0; j < y->ncn && !found; j++)
                found = x->cn_state[i] == y->cn_state[j];
            if (!found)
                return 0;
        }
    }
    return 1;
}

static int *distinct_states(const treg *r, int *n)
{
    int *s = brink_calloc((size_t)r->ncn + 1, sizeof *s);
    *n = 0;
    if (!s)
        return NULL;
    for (int i = 0; i < r->ncn; i++) {
        int dup = 0;
        for (int j = 0; j < *n && !dup; j++)
            dup = s[j] == r->cn_state[i];
        if (!dup)
            s[(*n)++] = r->cn_state[i];
    }
    /* ascending */
    for (int i = 1; i < *n; i++)
        for (int j = i; j > 0 && s[j - 1] > s[j]; j--) {
            int t = s[j];
            s[j] = s[j - 1];
            s[j - 1] = t;
        }
    return s;
}

/* The first watched information set where states sa and sb differ, and an action played in
 * sa but not sb (below) and one played in sb (above). */
static int differing(eng *E, int sa, int sb, int *h, int *ab, int *aa)
{
    const unsigned char *A = E->states + (size_t)sa * (size_t)E->nwact;
    const unsigned char *B = E->states + (size_t)sb * (size_t)E->nwact;
    for (int w = 0; w < E->nwatch; w++) {
        int n = E->wstart[w + 1] - E->wstart[w], o = E->wstart[w];
        if (!memcmp(A + o, B + o, (size_t)n))
            continue;
        *h = E->watch[w];
        *ab = *aa = -1;
        for (int a = 0; a < n; a++) {
            if (A[o + a] && !B[o + a] && *ab < 0)
                *ab = a;
            if (B[o + a] && !A[o + a] && *aa < 0)
                *aa = a;
        }
        for (int a = 0; a < n && *ab < 0; a++)
            if (A[o + a])
                *ab = a;
        for (int a = 0; a < n && *aa < 0; a++)
            if (B[o + a])
                *aa = a;
        return *ab >= 0 && *aa >= 0 && *ab != *aa;
    }
    return 0;
}

/* Sign of f (a rational function) just left (dir -1) or right (dir +1) of `at`, looking no
 * further than `bound`. */
static int side_sign(eng *E, const rf *f, alg *at, alg *bound, int dir, const mpq_t L,
                     const mpq_t H, int *oom)
{
    pq sp;
    pq_init(&sp);
    if (rf_sign_poly(&sp, f)) {
        *oom = 1;
        return 0;
    }
    if (sp.deg <= 0) {
        int s = sp.deg < 0 ? 0 : mpq_sgn(sp.c[0]);
        pq_clear(&sp);
        return s;
    }
    alg *roots = NULL;
    int nr = pq_roots_in_until(&sp, L, H, E->deadline, &roots);
    if (nr < 0) {
        if (nr == -2)
            E->expired = 1;
        else
            *oom = 1;
        pq_clear(&sp);
        return 0;
    }
    alg near;
    alg_init(&near);
    alg_set(&near, bound);
    for (int i = 0; i < nr; i++) {
        int c = alg_cmp(&roots[i], at, oom);
        if (c * dir > 0 && alg_cmp(&roots[i], &near, oom) * dir < 0)
            alg_set(&near, &roots[i]);
    }
    mpq_t q;
    mpq_init(q);
    if (dir < 0)
        cn_rational_between(q, &near, at);
    else
        cn_rational_between(q, at, &near);
    int s = pq_sign_at(&sp, q);
    mpq_clear(q);
    alg_clear(&near);
    alg_array_free(roots, nr);
    pq_clear(&sp);
    return s;
}

static void cert_clear(brink_flip_cert *c)
{
    if (c->num)
        brink_q_array_free(c->num, (size_t)c->num_deg + 1);
    if (c->den)
        brink_q_array_free(c->den, (size_t)c->den_deg + 1);
    if (c->above_num)
        brink_q_array_free(c->above_num, (size_t)c->above_num_deg + 1);
    if (c->above_den)
        brink_q_array_free(c->above_den, (size_t)c->above_den_deg + 1);
    mpq_clear(c->value_at);
}

/* A polynomial's coefficients into a new array (*deg: its degree, 0 for the zero one);
 * -1 when out of memory. */
static int store_poly(mpq_t **out, int *deg, const pq *p)
{
    *deg = p->deg < 0 ? 0 : p->deg;
    *out = brink_q_array_new((size_t)*deg + 1);
    if (!*out)
        return -1;
    for (int i = 0; i <= p->deg; i++)
        mpq_set((*out)[i], p->c[i]);
    return 0;
}

/* Build and check the certificate of a flip between regions rb (below) and ra (above). */
static brink_status certify(eng *E, treg *rb, treg *ra, alg *at, brink_threshold_flip *fl)
{
    brink_flip_cert *c = &fl->cert;
    c->infoset = c->player = c->action_below = c->action_above = -1;
    fl->certified = 0;
    if (rb->ncn < 1 || ra->ncn < 1)
        return BRINK_OK;
    int h, ab, aa;
    if (!differing(E, rb->cn_state[0], ra->cn_state[0], &h, &ab, &aa))
        return BRINK_OK;
    c->infoset = h;
    c->player = E->k ? E->k->mover[h] : E->g->infoset_player[h];
    c->action_below = ab;
    c->action_above = aa;
    if (E->deadline > 0 && brink_now() > E->deadline) {
        fl->unchecked = 1;   /* the exact checks below can be long: not begun */
        return BRINK_OK;
    }
    E->expired = 0;
    brink_status st = BRINK_OK;
    int oom = 0;
    rf gb, ga, vb;
    rf_init(&gb);
    rf_init(&ga);
    rf_init(&vb);
    /* below: the game as seen from rb's sample; above: from ra's */
    mpq_set(E->values[E->param], rb->sample);
    if (E->k) {   /* the watched decision point's value: its class's plus the payoffs
                   * collected on the way to it (and before the root) */
        st = game_at(E, E->err);
        if (!st && (ck_gap(&E->G, E->k, rb->cn[0].pure, h, aa, ab, &gb) ||
                    ck_gap(&E->G, E->k, rb->cn[0].pure, h, ab, -1, &vb)))
            st = OOM(E->err);
        int np = E->k->np, ne = E->k->child_start[E->k->nclasses], p = c->player;
        if (!st && rf_add(&vb, &vb, &E->G.pg.epay[(size_t)ne * np + p]))
            st = OOM(E->err);
        for (int i = 0; !st && E->kw && i < E->kw->npath; i++)
            if (rf_add(&vb, &vb, &E->G.pg.epay[(size_t)E->kw->path[i] * np + p]))
                st = OOM(E->err);
        if (!st) {
            mpq_set(E->values[E->param], ra->sample);
            st = game_at(E, E->err);
            if (!st && ck_gap(&E->G, E->k, ra->cn[0].pure, h, aa, ab, &ga))
                st = OOM(E->err);
        }
        goto gaps;
    }
    st = cn_game_rebind(&E->G, E->sc, E->param, (const mpq_t *)E->values, E->err);
    if (!st)
        st = cn_gap(&E->G, &rb->cn[0], h, aa, ab, &gb, E->err);
    if (!st)
        st = cn_gap(&E->G, &rb->cn[0], h, ab, -1, &vb, E->err);
    if (!st) {
        mpq_set(E->values[E->param], ra->sample);
        st = cn_game_rebind(&E->G, E->sc, E->param, (const mpq_t *)E->values, E->err);
        if (!st)
            st = cn_gap(&E->G, &ra->cn[0], h, aa, ab, &ga, E->err);
    }
gaps:
    if (st)
        goto out;
    /* the gap below and (the certificate's other half) the gap above */
    if (store_poly(&c->num, &c->num_deg, &gb.n) || store_poly(&c->den, &c->den_deg, &gb.d) ||
        store_poly(&c->above_num, &c->above_num_deg, &ga.n) ||
        store_poly(&c->above_den, &c->above_den_deg, &ga.d)) {
        st = OOM(E->err);
        goto out;
    }
    {
        rf diff;
        rf_init(&diff);
        if (rf_sub(&diff, &gb, &ga) || rf_norm(&diff))
            oom = 1;
        c->same_gap = !oom && rf_is_zero(&diff);
        rf_clear(&diff);
    }
    /* gap zero at the flip on both sides, strictly signed next to it */
    int zb = alg_sign_poly(at, &gb.n, &oom) == 0 && alg_sign_poly(at, &gb.d, &oom) != 0;
    int za = alg_sign_poly(at, &ga.n, &oom) == 0 && alg_sign_poly(at, &ga.d, &oom) != 0;
    c->sign_below = side_sign(E, &gb, at, &rb->lo, -1, E->L, E->H, &oom);
    c->sign_above = side_sign(E, &ga, at, &ra->hi, +1, E->L, E->H, &oom);
    fl->certified = zb && za && c->sign_below < 0 && c->sign_above > 0 && !E->expired;
    fl->unchecked = E->expired;
    if (at->rational) {
        c->value_rational = !rf_eval(c->value_at, &vb, at->q);
        c->value_at_d = brink_q_get_d(c->value_at);
    } else {
        /* value at an irrational point: evaluate at the isolating interval's midpoint */
        mpq_t m;
        mpq_init(m);
        alg_get_d(at);
        mpq_add(m, at->lo, at->hi);
        mpq_div_2exp(m, m, 1);
        if (!rf_eval(c->value_at, &vb, m))
            c->value_at_d = brink_q_get_d(c->value_at);
        c->value_rational = 0;
        mpq_clear(m);
    }
    if (oom)
        st = OOM(E->err);
out:
    rf_clear(&gb);
    rf_clear(&ga);
    rf_clear(&vb);
    return st;
}

/* On a tree too large to list every equilibrium, a point (a flip, a tie) whose list came
 * back capped, or was not asked for once an earlier one had (sample_gap), holds one there,
 * the first best move at each tie. The pure equilibria of the regions on either side whose
 * certified intervals are closed at the point hold there too (every condition is a weak
 * inequality that the continuation checked up to the end): copies of them join the point's
 * list, so a flip point shows both sides' choices as `analyze --set` finds them there. */
static brink_status merge_sides(eng *E)
{
    const brink_efg *g = E->g;
    int oom = 0, nh = E->k ? E->k->nclasses : g->ninfosets;
    for (int i = 0; i < E->nreg; i++) {
        treg *r = &E->reg[i];
        if (r->status != BRINK_REGION_CERTIFIED || alg_cmp(&r->lo, &r->hi, &oom) != 0 ||
            r->complete_at_sample)
            continue;   /* a point listed whole has them already */
        for (int j = i - 1; j <= i + 1; j += 2) {
            if (j < 0 || j >= E->nreg || E->reg[j].status != BRINK_REGION_CERTIFIED)
                continue;
            treg *nb = &E->reg[j];
            for (int k = 0; k < nb->ncn && k < nb->ncn_ivl; k++) {
                ivl *v = &nb->cn_ivl[k];
                int cl = alg_cmp(&v->lo, &r->lo, &oom), ch = alg_cmp(&r->lo, &v->hi, &oom);
                if (!((cl < 0 || (cl == 0 && v->lc)) && (ch < 0 || (ch == 0 && v->hc))))
                    continue;
                const cn_eq *e = &nb->cn[k];
                if (!e->pure || e->beh || e->mu || E->kchance)
                    continue;   /* only the pure ones of the quick solve (without chance) */
                int seen = 0;
                for (int q = 0; q < r->ncn && !seen; q++)
                    seen = r->cn_state[q] == nb->cn_state[k];
                if (seen)
                    continue;
                cn_eq *ncn = brink_reallocarray(r->cn, (size_t)r->ncn + 1, sizeof *ncn);
                if (!ncn)
                    return OOM(E->err);
                r->cn = ncn;
                int *nst = brink_reallocarray(r->cn_state, (size_t)r->ncn + 1, sizeof *nst);
                if (!nst)
                    return OOM(E->err);
                r->cn_state = nst;
                ivl *niv = brink_reallocarray(r->cn_ivl, (size_t)r->ncn_ivl + 1, sizeof *niv);
                if (!niv)
                    return OOM(E->err);
                r->cn_ivl = niv;
                cn_eq *d = &r->cn[r->ncn];
                memset(d, 0, sizeof *d);
                d->pure = brink_calloc((size_t)nh + 1, sizeof *d->pure);
                d->reached = brink_calloc((size_t)nh + 1, sizeof *d->reached);
                if (!d->pure || !d->reached) {
                    cn_eq_free(d, g);
                    return OOM(E->err);
                }
                memcpy(d->pure, e->pure, (size_t)nh * sizeof *d->pure);
                if (e->reached)
                    memcpy(d->reached, e->reached, (size_t)nh * sizeof *d->reached);
                r->cn_state[r->ncn] = nb->cn_state[k];
                ivl_init(&r->cn_ivl[r->ncn_ivl]);
                ivl_copy(&r->cn_ivl[r->ncn_ivl], v);
                r->ncn++;
                r->ncn_ivl++;
                r->ncertified++;
                r->nequilibria++;
            }
        }
    }
    return oom ? OOM(E->err) : BRINK_OK;
}

static brink_status finish(eng *E, brink_threshold *T)
{
    int oom = 0;
    qsort(E->reg, (size_t)E->nreg, sizeof *E->reg, cmp_reg);
    if (E->k || !an_solve_all(E->g, E->o)) {
        brink_status ms = merge_sides(E);
        if (ms)
            return ms;
    }
    T->nregions = E->nreg;
    T->regions = brink_calloc((size_t)E->nreg + 1, sizeof *T->regions);
    T->flips = brink_calloc((size_t)E->nreg + 1, sizeof *T->flips);
    if (!T->regions || !T->flips)
        return OOM(E->err);
    T->default_region = -1;
    for (int i = 0; i < E->nreg; i++) {
        treg *r = &E->reg[i];
        brink_region *p = &T->regions[i];
        mpq_init(p->sample);
        if (real_from_alg(&p->lo, &r->lo) || real_from_alg(&p->hi, &r->hi))
            return OOM(E->err);
        p->lo_closed = r->lo_closed;
        p->hi_closed = r->hi_closed;
        p->point = alg_cmp(&r->lo, &r->hi, &oom) == 0;
        p->status = r->status;
        p->reason = r->reason;
        p->message = r->message;
        r->message = NULL;
        p->expr_line = r->expr_line;
        p->expr_col = r->expr_col;
        mpq_set(p->sample, r->sample);
        p->nequilibria = r->nequilibria;
        p->ncertified = r->ncertified;
        p->complete = r->complete;
        p->unique = r->unique;
        p->complete_at_sample = r->complete_at_sample;
        p->agree = r->agree;
        p->binding_lo = r->bind_lo;
        p->binding_hi = r->bind_hi;
        p->state = distinct_states(r, &p->nstates);
        if (!p->state)
            return OOM(E->err);
        if (E->have_default && T->default_region < 0) {
            int ca = alg_cmp_q(&r->lo, E->dflt), cb = alg_cmp_q(&r->hi, E->dflt);
            if ((ca < 0 || (ca == 0 && r->lo_closed)) && (cb > 0 || (cb == 0 && r->hi_closed)))
                T->default_region = i;
        }
    }
    /* keep the continued equilibria for brink_threshold_profile */
    struct brink_threshold_internal *I = brink_calloc(1, sizeof *I);
    if (!I)
        return OOM(E->err);
    T->internal = I;
    I->sc = E->sc;
    I->param = E->param;
    I->np = E->np;
    I->nactions = E->g ? E->g->nactions : 0;
    I->nnodes = E->g ? E->g->nnodes : 0;
    I->k = E->k;
    I->watch_infoset = -1;
    if (E->kw) {
        I->watch_infoset = E->kw->infoset;
        I->nwatch_path = E->kw->npath;
        if (!(I->watch_path = brink_calloc((size_t)E->kw->npath + 1, sizeof *I->watch_path)))
            return OOM(E->err);
        if (E->kw->npath)
            memcpy(I->watch_path, E->kw->path, (size_t)E->kw->npath * sizeof *I->watch_path);
    }
    I->nregions = E->nreg;
    I->values = brink_q_array_new((size_t)E->np + 1);
    I->ncn = brink_calloc((size_t)E->nreg + 1, sizeof *I->ncn);
    I->cn = brink_calloc((size_t)E->nreg + 1, sizeof *I->cn);
    I->lo = brink_calloc((size_t)E->nreg + 1, sizeof *I->lo);
    I->hi = brink_calloc((size_t)E->nreg + 1, sizeof *I->hi);
    I->lc = brink_calloc((size_t)E->nreg + 1, sizeof *I->lc);
    I->hc = brink_calloc((size_t)E->nreg + 1, sizeof *I->hc);
    I->eq_state = brink_calloc((size_t)E->nreg + 1, sizeof *I->eq_state);
    I->eq_ivl = brink_calloc((size_t)E->nreg + 1, sizeof *I->eq_ivl);
    if (!I->values || !I->ncn || !I->cn || !I->lo || !I->hi || !I->lc || !I->hc ||
        !I->eq_state || !I->eq_ivl) {
        I->nregions = 0;
        return OOM(E->err);
    }
    for (int i = 0; i < E->np; i++)
        mpq_set(I->values[i], E->values[i]);
    for (int i = 0; i < E->nreg; i++) {
        alg_init(&I->lo[i]);
        alg_init(&I->hi[i]);
        if (alg_set(&I->lo[i], &E->reg[i].lo) || alg_set(&I->hi[i], &E->reg[i].hi))
            return OOM(E->err);
        I->lc[i] = E->reg[i].lo_closed;
        I->hc[i] = E->reg[i].hi_closed;
    }
    /* flips: between runs of certified regions with the same watched choices; a point
     * region in between is the state at the flip */
    for (int i = 0; i + 1 < E->nreg; i++) {
        treg *a = &E->reg[i];
        if (a->status != BRINK_REGION_CERTIFIED || same_states(a, &E->reg[i + 1]))
            continue;
        /* a point at either end of the range (a tie there) is not a flip: nothing lies
         * beyond it; report/ names it as an isolated point */
        if ((i == 0 && T->regions[0].point) || (i + 2 == E->nreg && T->regions[i + 1].point))
            continue;
        int j = i + 1, at_reg = -1, below = i;
        if (T->regions[i].point && i > 0 && !T->regions[i - 1].point &&
            E->reg[i - 1].status == BRINK_REGION_CERTIFIED && same_states(&E->reg[i - 1], a)) {
            /* a point with the choice below it (the tie point solved on its own): the flip
             * is certified from the interval below, and the point is the state at it */
            below = i - 1;
            at_reg = i;
            a = &E->reg[below];
        } else if (T->regions[j].point && E->reg[j].status == BRINK_REGION_CERTIFIED &&
                   j + 1 < E->nreg) {
            /* look through a single point (a tie) to the region beyond it */
            at_reg = j;
            j++;
        }
        treg *b = &E->reg[j];
        if (b->status != BRINK_REGION_CERTIFIED || same_states(a, b)) {
            if (at_reg >= 0 && b->status == BRINK_REGION_CERTIFIED)
                i = j - 1;   /* the same choice on both sides of a tie: no flip */
            continue;
        }
        brink_threshold_flip *fl = &T->flips[T->nflips++];
        fl->region_below = below;
        fl->region_above = j;
        fl->region_at = at_reg;
        fl->cause = a->bind_hi;
        mpq_init(fl->cert.value_at);
        if (real_from_alg(&fl->at, &a->hi))
            return OOM(E->err);
        brink_status st = certify(E, a, b, &a->hi, fl);
        if (st)
            return st;
        if (fl->certified)
            fl->cause = -1;
        i = j - 1;
    }
    if (oom)
        return OOM(E->err);
    /* states and conditions */
    T->nstates = E->nstates;
    T->state_played = E->states;
    E->states = NULL;
    T->nconds = E->nconds;
    T->conds = E->conds;
    E->conds = NULL;
    T->nwatch = E->nwatch;
    T->watch = brink_calloc((size_t)E->nwatch + 1, sizeof *T->watch);
    T->watch_action_start = E->wstart;
    E->wstart = NULL;
    if (!T->watch)
        return OOM(E->err);
    if (E->nwatch)
        memcpy(T->watch, E->watch, (size_t)E->nwatch * sizeof *T->watch);
    T->solves = E->solves;
    /* move the equilibria last: certify() above still reads them from the regions */
    for (int i = 0; i < E->nreg; i++) {
        I->ncn[i] = E->reg[i].ncn;
        I->cn[i] = E->reg[i].cn;
        I->eq_state[i] = E->reg[i].cn_state;
        I->eq_ivl[i] = E->reg[i].cn_ivl;
        E->reg[i].ncn = E->reg[i].ncn_ivl = 0;
        E->reg[i].cn = NULL;
        E->reg[i].cn_state = NULL;
        E->reg[i].cn_ivl = NULL;
    }
    return BRINK_OK;
}

static void internal_free(struct brink_threshold_internal *I)
{
    if (!I)
        return;
    const brink_efg *g = I->k ? NULL : brink_scenario_game(I->sc);
    free(I->watch_path);
    for (int c = 0; I->view && c < I->k->nclasses; c++)
        free(I->view[c]);
    free(I->view);
    free(I->first_edge);
    free(I->edge_cls);
    for (int i = 0; i < I->nregions; i++) {
        for (int k = 0; I->cn && k < I->ncn[i]; k++)
            cn_eq_free(&I->cn[i][k], g);
        if (I->cn)
            free(I->cn[i]);
        if (I->eq_ivl)
            ivl_array_free(I->eq_ivl[i], I->ncn[i]);
        if (I->eq_state)
            free(I->eq_state[i]);
        if (I->lo)
            alg_clear(&I->lo[i]);
        if (I->hi)
            alg_clear(&I->hi[i]);
    }
    if (I->values)
        brink_q_array_free(I->values, (size_t)I->np + 1);
    free(I->ncn);
    free(I->cn);
    free(I->lo);
    free(I->hi);
    free(I->lc);
    free(I->hc);
    free(I->eq_state);
    free(I->eq_ivl);
    free(I);
}

int brink_threshold_region_complete(const brink_threshold *t, int region)
{
    if (!t || region < 0 || region >= t->nregions)
        return 0;
    const brink_region *r = &t->regions[region];
    if (r->status != BRINK_REGION_CERTIFIED)
        return 0;
    if (r->point)
        return r->complete || r->complete_at_sample;
    /* an interval: proved over its whole inside only. A list complete at the sample says
     * nothing of the points between the sample and the ends, even where the ends are
     * certified flips: an equilibrium absent at the sample can appear inside, and nothing
     * the continuation traces ends the region there (tester 14, N1) */
    return r->complete;
}

int brink_threshold_flip_known(const brink_threshold *t, int flip)
{
    if (!t || flip < 0 || flip >= t->nflips)
        return 0;
    const brink_threshold_flip *fl = &t->flips[flip];
    const brink_region *rb = &t->regions[fl->region_below];
    const brink_region *ra = &t->regions[fl->region_above];
    /* every equilibrium known on both sides, near the flip included: completeness at the
     * two samples alone does not reach the flip (tester 14, N1) */
    return rb->complete && ra->complete;
}

int brink_threshold_eq_state(const brink_threshold *t, int region, int k)
{
    struct brink_threshold_internal *I = t ? t->internal : NULL;
    if (!I || region < 0 || region >= I->nregions || k < 0 || k >= I->ncn[region])
        return -1;
    return I->eq_state[region][k];
}

int an_threshold_covers(const brink_threshold *t, int region, int k, const mpq_t x)
{
    struct brink_threshold_internal *I = t ? t->internal : NULL;
    if (!I || region < 0 || region >= I->nregions || k < 0 || k >= I->ncn[region])
        return 0;
    ivl *v = &I->eq_ivl[region][k];
    int cl = alg_cmp_q(&v->lo, x), ch = alg_cmp_q(&v->hi, x);
    return !(cl > 0 || (cl == 0 && !v->lc) || ch < 0 || (ch == 0 && !v->hc));
}

int brink_threshold_covers(const brink_threshold *t, int region, int k, const mpq_t x)
{
    mpq_t xc;   /* a caller's 2/4: GMP's arithmetic takes canonical rationals only */
    mpq_init(xc);
    mpq_set(xc, x);
    mpq_canonicalize(xc);
    int c = an_threshold_covers(t, region, k, xc);
    mpq_clear(xc);
    return c;
}

const int *an_threshold_compact_choice(const brink_threshold *t, int region, int k)
{
    struct brink_threshold_internal *I = t ? t->internal : NULL;
    if (!I || !I->k || region < 0 || region >= I->nregions || k < 0 || k >= I->ncn[region])
        return NULL;
    return I->cn[region][k].pure;
}

int an_threshold_players_behq(const brink_threshold *t, int region, int k, const mpq_t x,
                              const brink_efg *g, mpq_t *behq)
{
    struct brink_threshold_internal *I = t ? t->internal : NULL;
    if (!I || I->k || region < 0 || region >= I->nregions || k < 0 || k >= I->ncn[region] ||
        g->nactions != I->nactions)
        return 1;
    const cn_eq *e = &I->cn[region][k];
    int np = g->nplayers, nh = g->player_infoset_start[np];
    for (int a = 0; a < g->player_action_start[np]; a++) {
        if (e->pure)
            mpq_set_ui(behq[a], 0, 1);
        else if (rf_eval(behq[a], &e->beh[a], x))
            return 1;
    }
    for (int h = 0; e->pure && h < nh; h++)
        mpq_set_ui(behq[g->infoset_action_start[h] + e->pure[h]], 1, 1);
    return 0;
}

static brink_status profile_at(const brink_threshold *t, int region, int k, const mpq_t x,
                               mpq_t *behq, mpq_t *beliefq, brink_error *err);

brink_status brink_threshold_profile(const brink_threshold *t, int region, int k, const mpq_t x,
                                     mpq_t *behq, mpq_t *beliefq, brink_error *err)
{
    mpq_t xc;   /* a caller's 2/4: GMP's arithmetic takes canonical rationals only (a
                   non-canonical x once made a certified profile fail its own check) */
    mpq_init(xc);
    mpq_set(xc, x);
    mpq_canonicalize(xc);
    brink_status st = profile_at(t, region, k, xc, behq, beliefq, err);
    mpq_clear(xc);
    return st;
}

static brink_status profile_at(const brink_threshold *t, int region, int k, const mpq_t x,
                               mpq_t *behq, mpq_t *beliefq, brink_error *err)
{
    struct brink_threshold_internal *I = t ? t->internal : NULL;
    if (!I || region < 0 || region >= I->nregions || k < 0 || k >= I->ncn[region])
        return brink_error_set(err, BRINK_EINVALID, "threshold profile: no such equilibrium");
    if (!an_threshold_covers(t, region, k, x))   /* x made canonical by the caller */
        return brink_error_set(err, BRINK_EINVALID,
                               "threshold profile: the equilibrium is not certified at this value");
    if (I->k)
        return brink_error_set(err, BRINK_EUNSUPPORTED, "threshold profile: the scenario was "
                               "built as a compact game, which has no tree to give a behaviour "
                               "profile of (its equilibria choose once per distinct sub-game)");
    const cn_eq *e = &I->cn[region][k];
    brink_scenario_instance *in = brink_scenario_instance_new(I->sc, err);
    mpq_t *values = brink_q_array_new((size_t)I->np + 1);
    if (!in || !values) {
        brink_scenario_instance_free(in);
        if (values)
            brink_q_array_free(values, (size_t)I->np + 1);
        return in ? brink_error_set(err, BRINK_ENOMEM, "out of memory")
                  : (err ? err->code : BRINK_ENOMEM);
    }
    for (int i = 0; i < I->np; i++)
        mpq_set(values[i], I->values[i]);
    mpq_set(values[I->param], x);
    brink_status st = brink_scenario_bind_q(in, (const mpq_t *)values, err);
    brink_q_array_free(values, (size_t)I->np + 1);
    const brink_efg *g = brink_scenario_instance_game(in);
    int np = g->nplayers, nh = g->player_infoset_start[np];
    for (int a = 0; a < g->nactions && !st; a++) {
        if (a >= g->player_action_start[np])
            mpq_set(behq[a], g->action_probq[a]);
        else if (e->pure)
            mpq_set_ui(behq[a], 0, 1);
        else if (rf_eval(behq[a], &e->beh[a], x))
            st = brink_error_set(err, BRINK_EINVALID, "threshold profile: undefined at this value");
    }
    for (int h = 0; !st && e->pure && h < nh; h++)
        mpq_set_ui(behq[g->infoset_action_start[h] + e->pure[h]], 1, 1);
    if (!st && beliefq) {
        /* Bayes' rule on the reach by the others where it is positive, else the continued
         * belief */
        size_t NP = (size_t)g->nnodes * (size_t)np;
        mpq_t *reach = brink_q_array_new(NP), s;
        if (!reach) {
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        } else {
            mpq_init(s);
            for (int i = 0; i < np; i++)
                mpq_set_ui(reach[i], 1, 1);
            for (int v = 1; v < g->nnodes; v++) {
                int par = g->node_parent[v], hp = g->node_infoset[par];
                int mover = hp >= nh ? -1 : g->infoset_player[hp];
                for (int i = 0; i < np; i++) {
                    mpq_set(reach[(size_t)v * np + i], reach[(size_t)par * np + i]);
                    if (mover != i)
                        mpq_mul(reach[(size_t)v * np + i], reach[(size_t)v * np + i],
                                behq[g->node_action[v]]);
                }
            }
            for (int h = 0; h < nh && !st; h++) {
                int ms = g->infoset_member_start[h], m = g->infoset_nmembers[h];
                size_t p = (size_t)g->infoset_player[h];
                mpq_set_ui(s, 0, 1);
                for (int j = 0; j < m; j++)
                    mpq_add(s, s, reach[(size_t)g->infoset_member[ms + j] * np + p]);
                for (int j = 0; j < m && !st; j++) {
                    int v = g->infoset_member[ms + j];
                    if (e->reached[h] && mpq_sgn(s) > 0)
                        mpq_div(beliefq[v], reach[(size_t)v * np + p], s);
                    else if (!e->mu)
                        mpq_set_ui(beliefq[v], 1, 1);   /* pure: single-node sets */
                    else if (rf_eval(beliefq[v], &e->mu[v], x))
                        st = brink_error_set(err, BRINK_EINVALID,
                                             "threshold profile: belief undefined at this value");
                }
            }
            for (int v = 0; v < g->nnodes; v++)
                if (g->node_infoset[v] < 0 || g->node_infoset[v] >= nh)
                    mpq_set_ui(beliefq[v], 1, 1);
            mpq_clear(s);
            brink_q_array_free(reach, NP);
        }
    }
    brink_scenario_instance_free(in);
    return st;
}

void brink_threshold_free(brink_threshold *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->nregions; i++) {
        brink_region *r = &t->regions[i];
        if (r->lo.poly || mpq_denref(r->lo.q)->_mp_d)
            real_clear(&r->lo);
        if (r->hi.poly || mpq_denref(r->hi.q)->_mp_d)
            real_clear(&r->hi);
        if (mpq_denref(r->sample)->_mp_d)
            mpq_clear(r->sample);
        free(r->message);
        free(r->state);
    }
    for (int i = 0; i < t->nflips; i++) {
        real_clear(&t->flips[i].at);
        cert_clear(&t->flips[i].cert);
    }
    if (mpq_denref(t->lo.q)->_mp_d)
        real_clear(&t->lo);
    if (mpq_denref(t->hi.q)->_mp_d)
        real_clear(&t->hi);
    free(t->regions);
    free(t->flips);
    free(t->watch);
    free(t->watch_action_start);
    free(t->state_played);
    free(t->conds);
    internal_free(t->internal);
    free(t);
}

brink_threshold *brink_threshold_compute(const brink_scenario *sc, int param, const mpq_t lo,
                                         const mpq_t hi, const mpq_t *values,
                                         const int *watch, int nwatch,
                                         const brink_analysis_options *o, brink_error *err)
{
    if (brink_scenario_is_compact(sc) && watch && nwatch > 0) {
        brink_error_set(err, BRINK_EUNSUPPORTED, "threshold: this scenario was built as a "
                        "compact game (its distinct sub-games, not the tree), which has no "
                        "information set numbers to watch: ask a threshold question naming the "
                        "decision by its path (ACTOR@start, ACTOR@option/...), or load it "
                        "without compact_above (--compact-above 0)");
        return NULL;
    }
    return an_threshold_compute(sc, param, lo, hi, values, watch, nwatch, NULL, o, err);
}

brink_threshold *an_threshold_compute(const brink_scenario *sc, int param, const mpq_t lo,
                                      const mpq_t hi, const mpq_t *values, const int *watch,
                                      int nwatch, const sc_compact_watch *kw,
                                      const brink_analysis_options *o, brink_error *err)
{
    brink_analysis_options defaults;
    if (!o) {
        brink_analysis_options_init(&defaults);
        o = &defaults;
    }
    if (param < 0 || param >= brink_scenario_nparams(sc) || mpq_cmp(lo, hi) > 0) {
        brink_error_set(err, BRINK_EINVALID, "threshold: bad parameter or range");
        return NULL;
    }
    const sc_compact *k = brink_scenario_is_compact(sc) ? sc->compact : NULL;
    int kcls = -1;
    if (k) {   /* the pure pass on the classes (cn_compact.c) */
        if (o->method && strcmp(o->method, "spe") != 0) {
            brink_error_set(err, BRINK_EUNSUPPORTED, "threshold: this scenario was built as a "
                            "compact game, solved by backward induction only (method spe), "
                            "not by '%s'", o->method);
            return NULL;
        }
        if (kw)
            kcls = kw->cls;
        watch = kw ? &kcls : NULL;
        nwatch = kw ? 1 : 0;
    }
    double t0 = brink_now();
    eng E;
    memset(&E, 0, sizeof E);
    /* o->time_limit bounds the whole question as well as each solve in it */
    E.deadline = o->time_limit > 0 ? t0 + o->time_limit : 0;
    E.list_ties = 1;
    E.list_nodes = LIST_TIES_NODES;
    E.sc = sc;
    E.o = o;
    E.err = err;
    E.param = param;
    E.np = brink_scenario_nparams(sc);
    E.watch = watch;
    E.nwatch = watch ? nwatch : 0;
    E.k = k;
    E.kw = k ? kw : NULL;
    E.kchance = k && ck_has_chance(k);
    mpq_inits(E.L, E.H, E.dflt, NULL);
    mpq_set(E.L, lo);
    mpq_set(E.H, hi);
    brink_threshold *T = brink_calloc(1, sizeof *T);
    gstack S = {NULL, 0, 0};
    brink_status st = BRINK_OK;
    E.in = k ? NULL : brink_scenario_instance_new(sc, err);
    E.values = brink_q_array_new((size_t)E.np + 1);
    E.wstart = brink_calloc((size_t)E.nwatch + 1, sizeof *E.wstart);
    if (k)
        E.kchoice = brink_calloc((size_t)k->nclasses + 1, sizeof *E.kchoice);
    if (!T || (!k && !E.in) || !E.values || !E.wstart || (k && !E.kchoice)) {
        if (k || E.in)
            OOM(err);
        st = BRINK_ENOMEM;
        goto out;
    }
    T->param = param;
    E.g = k ? NULL : brink_scenario_instance_game(E.in);
    for (int w = 0; w < E.nwatch; w++)
        E.wstart[w + 1] = E.wstart[w] + (k ? k->child_start[watch[w] + 1] - k->child_start[watch[w]]
                                           : E.g->infoset_nactions[watch[w]]);
    E.nwact = E.wstart[E.nwatch];
    for (int i = 0; i < E.np; i++)
        mpq_set(E.values[i], values[i]);
    {
        mpq_t *d = brink_q_array_new((size_t)E.np);
        if (!d) {
            st = OOM(err);
            goto out;
        }
        brink_scenario_defaults(sc, d);
        mpq_set(E.dflt, d[param]);
        brink_q_array_free(d, (size_t)E.np);
    }
    E.have_default = mpq_cmp(E.dflt, lo) >= 0 && mpq_cmp(E.dflt, hi) <= 0;
    st = k ? BRINK_OK : an_groups(sc, E.g, &E.ngroups, &E.group_level, &E.leaf_group, err);
    if (st)
        goto out;
    {
        alg a, b;
        alg_init(&a);
        alg_init(&b);
        alg_set_q(&a, lo);
        alg_set_q(&b, hi);
        if (push_gap(&S, &a, 1, &b, 1))
            st = OOM(err);
        if (!st && (real_from_alg(&T->lo, &a) || real_from_alg(&T->hi, &b)))
            st = OOM(err);
        alg_clear(&a);
        alg_clear(&b);
    }
    double shown = 0;   /* when progress was last shown (0: never) */
    while (!st && S.n) {
        gapi gp = S.g[--S.n];
        st = sample_gap(&E, &gp, &S);
        gap_clear(&gp);
        if (o->progress && S.n) {
            double now = brink_now();
            if (now - t0 > 0.5 && now - shown >= 0.2) {
                shown = now;
                /* below 1 until the end: point gaps left cover nothing */
                double f = covered(&E);
                brink_buf w;
                brink_buf_init(&w);
                brink_buf_printf(&w, "threshold question: %d equilibrium computation%s",
                                 E.solves, E.solves == 1 ? "" : "s");
                o->progress(o->progress_ctx, f < 0.99 ? f : 0.99,
                            w.data && !w.failed ? w.data : "threshold question");
                brink_buf_free(&w);
            }
        }
    }
    if (o->progress && shown > 0)
        o->progress(o->progress_ctx, 1, "threshold question");
    if (!st)
        st = finish(&E, T);
    T->seconds = brink_now() - t0;
out:
    for (int i = 0; i < S.n; i++)
        gap_clear(&S.g[i]);
    free(S.g);
    for (int i = 0; i < E.nreg; i++)
        free_region(&E, &E.reg[i]);
    free(E.reg);
    free(E.states);
    free(E.conds);
    free(E.wstart);
    free(E.kchoice);
    an_groups_free(E.group_level, E.leaf_group);
    if (E.G_ready)
        cn_game_free(&E.G);
    if (E.quickq)
        brink_q_array_free(E.quickq, (size_t)E.g->nactions + 1);
    brink_q_array_free(E.values, (size_t)E.np + 1);
    brink_scenario_instance_free(E.in);
    mpq_clears(E.L, E.H, E.dflt, NULL);
    if (st) {
        brink_threshold_free(T);
        return NULL;
    }
    return T;
}

/* ---------------------------------------------------------------- names (report/threshold.c)
 * A threshold's decision ids are information sets of the tree, or on a compact game classes
 * of identical sub-games, named here by the tree's first decision point of the class (the
 * watched one by its own path). */

static const sc_compact *thr_k(const brink_threshold *t)
{
    return t && t->internal ? t->internal->k : NULL;
}

int an_thr_is_compact(const brink_threshold *t)
{
    return thr_k(t) != NULL;
}

const char *an_thr_action(const brink_threshold *t, const brink_scenario *sc, int h, int a)
{
    const sc_compact *k = thr_k(t);
    if (k)
        return k->node[h]->opt_labels[a];
    const brink_efg *g = brink_scenario_game(sc);
    return g->action_label[g->infoset_action_start[h] + a];
}

int an_thr_player(const brink_threshold *t, const brink_scenario *sc, int h)
{
    const sc_compact *k = thr_k(t);
    if (h < 0)
        return -1;
    return k ? k->mover[h] : brink_scenario_game(sc)->infoset_player[h];
}

int an_thr_nactions(const brink_threshold *t, const brink_scenario *sc, int h)
{
    const sc_compact *k = thr_k(t);
    return k ? k->child_start[h + 1] - k->child_start[h]
             : brink_scenario_game(sc)->infoset_nactions[h];
}

int an_thr_type(const brink_threshold *t, const brink_scenario *sc, int h)
{
    return thr_k(t) ? -1 : brink_scenario_infoset_type(sc, h);
}

long an_thr_infoset(const brink_threshold *t, int h)
{
    const sc_compact *k = thr_k(t);
    if (!k)
        return h;
    for (int w = 0; w < t->nwatch; w++)
        if (t->watch[w] == h)
            return t->internal->watch_infoset;
    return -1;
}

static int first_edges(struct brink_threshold_internal *I)
{
    const sc_compact *k = I->k;
    int n = k->nclasses, ne = k->child_start[n];
    int *fe = brink_calloc((size_t)n + 1, sizeof *fe), *ec = brink_calloc((size_t)ne + 1, sizeof *ec);
    int *stk = brink_calloc((size_t)n + 1, sizeof *stk), *next = brink_calloc((size_t)n + 1, sizeof *next);
    unsigned char *seen = brink_calloc((size_t)n + 1, 1);
    if (!fe || !ec || !stk || !next || !seen) {
        free(fe);
        free(ec);
        free(stk);
        free(next);
        free(seen);
        return -1;
    }
    for (int c = 0; c < n; c++)
        for (int e = k->child_start[c]; e < k->child_start[c + 1]; e++)
            ec[e] = c;
    int sp = 0;
    stk[sp++] = k->root;
    seen[k->root] = 1;
    fe[k->root] = -1;
    for (int c = 0; c < n; c++)
        next[c] = k->child_start[c];
    while (sp) {   /* depth first, each class entered once: the tree's pre-order */
        int c = stk[sp - 1];
        if (next[c] == k->child_start[c + 1]) {
            sp--;
            continue;
        }
        int e = next[c]++, d = k->child[e];
        if (seen[d])
            continue;
        seen[d] = 1;
        fe[d] = e;
        stk[sp++] = d;
    }
    free(stk);
    free(next);
    free(seen);
    I->first_edge = fe;
    I->edge_cls = ec;
    return 0;
}

const char *an_thr_view(const brink_threshold *t, const brink_scenario *sc, int h)
{
    const sc_compact *k = thr_k(t);
    if (h < 0)
        return "";
    if (!k)
        return brink_scenario_infoset_view(sc, h);
    struct brink_threshold_internal *I = t->internal;
    if (!I->view && !(I->view = brink_calloc((size_t)k->nclasses + 1, sizeof *I->view)))
        return NULL;
    if (I->view[h])
        return I->view[h];
    if (!I->first_edge && first_edges(I))
        return NULL;
    int watched = 0;
    for (int w = 0; w < t->nwatch; w++)
        watched |= t->watch[w] == h;
    /* the edges from the root to h */
    int n = 0, *path = NULL;
    if (watched) {
        n = I->nwatch_path;
        path = brink_calloc((size_t)n + 1, sizeof *path);
        if (path && n)
            memcpy(path, I->watch_path, (size_t)n * sizeof *path);
    } else {
        for (int c = h; I->first_edge[c] >= 0; c = I->edge_cls[I->first_edge[c]])
            n++;
        path = brink_calloc((size_t)n + 1, sizeof *path);
        int i = n;
        for (int c = h; path && I->first_edge[c] >= 0; c = I->edge_cls[I->first_edge[c]])
            path[--i] = I->first_edge[c];
    }
    if (!path)
        return NULL;
    brink_buf b;
    brink_buf_init(&b);
    int shown = n > 64 ? 64 : n;   /* the tree's view: the last SC_VIEW_SHOWN events */
    if (n > shown)
        brink_buf_printf(&b, "(%d earlier events)", n - shown);
    for (int i = n - shown; i < n; i++) {
        int e = path[i], c = I->edge_cls[e];
        const sc_node *nd = k->node[c];
        const char *who = k->mover[c] >= 0 ? sc->actors[k->mover[c]].id
                                           : nd->name ? nd->name : "chance";
        brink_buf_printf(&b, "%s%s %s", b.len ? ", " : "", who,
                         nd->opt_labels[e - k->child_start[c]]);
    }
    free(path);
    if (b.failed) {
        brink_buf_free(&b);
        return NULL;
    }
    I->view[h] = b.data ? b.data : brink_calloc(1, 1);   /* owned now */
    return I->view[h];
}
