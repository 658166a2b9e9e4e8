/* compare_compact.c — a compare question (answer.c's compare) on a compact game
 * (scenario/compact.h, issue 15): the decision is one decision point of the tree, picked by
 * the rule of brink compare --at (sc_compact_find_one_decision); every tree node of its
 * class roots the same sub-game, so each option's consequence is read off the classes:
 *
 *   values      the option's child class's value under the solved profile (first best action
 *               at every class, spe_dag.c), plus the payoffs collected on the option's edge,
 *               on the edges from the root to the decision point and before the root: a
 *               tree leaf's payoff is the sum along its whole path;
 *   outcomes    the outcome groups' probabilities below the option (the tree's numbering),
 *               propagating reach top-down from its child along the chosen actions and every
 *               chance outcome, as sweep_compact.c does from the root;
 *   differ      whether subgame-perfect equilibria differ after it. Without a tie (a
 *               decision class with several best actions) below the options, the sub-games
 *               there have one pure subgame-perfect equilibrium, which every equilibrium
 *               plays: the answer is the tree's, nothing differs. With ties, the distinct
 *               consequences (values and outcome probabilities) of every pure subgame-perfect
 *               equilibrium of each sub-game are built bottom-up: at a decision class, an
 *               option's consequence x is one when x gives the mover at least the least it
 *               can get from each other option (the others' continuations chosen freely);
 *               at a chance class, every combination of its outcomes' ones, weighted. The
 *               lists are capped (SET_MAX per class); capped lists keep only consequences
 *               that are ones (a subset), and the answer says the ranges are over those;
 *               so does a chance class past COMBOS_MAX combinations.
 *
 *   alike       a tie on the solved profile's play after the option whose consequences are
 *               all the same is noted as the tree notes it ("other equilibria with its play
 *               continue differently") where the tree lists its equilibria by play: more
 *               profiles than max_profiles, or a count not known here (ties that change
 *               values); listed one by one, the tree adds no note.
 *
 * The first equilibrium is the solved profile's (first best action everywhere); on the tree
 * it is the most efficient one listed, so the two agree wherever nothing differs after the
 * options. Mixed subgame-perfect equilibria are not examined (ranges_over_every_equilibrium
 * is false, as on the tree).
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"
#include "analysis/compact_int.h"
#include "scenario/compact.h"

#define SET_MAX 256            /* consequences kept per class */
#define COMBOS_MAX 65536       /* combinations tried at one chance class */

typedef struct {
    int n, cap;                /* entries, W = np + G numbers each */
    mpq_t *x;                  /* [cap * W], NULL until built */
} cset;

typedef struct {
    const sc_compact *k;
    const struct brink_compact_result *r;
    const int *gof;
    int np, G, W, capped;
    cset *s;                   /* [nclasses] */
    mpq_t t;
} cctx;

static int cset_alloc(cctx *C, cset *s)
{
    s->n = 0;
    s->cap = 1;
    s->x = brink_q_array_new((size_t)C->W);
    return s->x ? 0 : -1;
}

/* Append x[W] unless it is there already (or the list is full: capped). -1 out of memory. */
static int cset_add(cctx *C, cset *s, const mpq_t *x)
{
    size_t W = (size_t)C->W;
    for (int i = 0; i < s->n; i++) {
        int same = 1;
        for (size_t j = 0; j < W && same; j++)
            same = mpq_equal(s->x[(size_t)i * W + j], x[j]);
        if (same)
            return 0;
    }
    if (s->n == SET_MAX) {
        C->capped = 1;
        return 0;
    }
    if (s->n == s->cap) {   /* most lists have one entry: grown as needed */
        int cap = s->cap * 4 < SET_MAX ? s->cap * 4 : SET_MAX;
        mpq_t *g = brink_q_array_new((size_t)cap * W);
        if (!g)
            return -1;
        for (size_t j = 0; j < (size_t)s->n * W; j++)
            mpq_swap(g[j], s->x[j]);
        brink_q_array_free(s->x, (size_t)s->cap * W);
        s->x = g;
        s->cap = cap;
    }
    for (size_t j = 0; j < W; j++)
        mpq_set(s->x[(size_t)s->n * W + j], x[j]);
    s->n++;
    return 0;
}

/* The consequences of class c, its children's built. tmp[W] is scratch; idx[edges of c]. -1
 * out of memory. */
static int build(cctx *C, int c, mpq_t *tmp, int *idx)
{
    const sc_compact *k = C->k;
    const struct brink_compact_result *r = C->r;
    int np = C->np, W = C->W, e0 = k->child_start[c], e1 = k->child_start[c + 1];
    cset *s = &C->s[c];
    if (cset_alloc(C, s))
        return -1;
    if (k->mover[c] == -1) {   /* a leaf: its payoffs, its group */
        for (int p = 0; p < np; p++)
            mpq_set(tmp[p], r->pay[(size_t)c * (size_t)np + (size_t)p]);
        for (int g = 0; g < C->G; g++)
            mpq_set_ui(tmp[np + g], C->gof[c] == g, 1);
        return cset_add(C, s, (const mpq_t *)tmp);
    }
    if (k->mover[c] >= 0) {
        int i = k->mover[c];
        /* the most the mover must get: each other option's least, through its edge */
        for (int e = e0; e < e1; e++) {
            const cset *d = &C->s[k->child[e]];
            for (int m = 0; m < d->n; m++) {   /* the least of option e, in tmp[0] */
                mpq_set(C->t, d->x[(size_t)m * (size_t)W + (size_t)i]);
                if (r->epay)
                    mpq_add(C->t, C->t, r->epay[(size_t)e * (size_t)np + (size_t)i]);
                if (!m || mpq_cmp(C->t, tmp[0]) < 0)
                    mpq_set(tmp[0], C->t);
            }
            idx[e - e0] = 0;
            /* keep each option's least in the scratch beyond W (allocated by the caller) */
            mpq_set(tmp[W + (e - e0)], tmp[0]);
        }
        for (int e = e0; e < e1; e++) {
            const cset *d = &C->s[k->child[e]];
            for (int m = 0; m < d->n; m++) {
                const mpq_t *x = &d->x[(size_t)m * (size_t)W];
                for (int j = 0; j < W; j++)
                    mpq_set(tmp[j], x[j]);
                if (r->epay)
                    for (int p = 0; p < np; p++)
                        mpq_add(tmp[p], tmp[p], r->epay[(size_t)e * (size_t)np + (size_t)p]);
                int ok = 1;
                for (int f = e0; f < e1 && ok; f++)
                    ok = f == e || mpq_cmp(tmp[i], tmp[W + (f - e0)]) >= 0;
                if (ok && cset_add(C, s, (const mpq_t *)tmp))
                    return -1;
            }
        }
        return 0;
    }
    /* chance: every combination of the outcomes' consequences (odometer over idx) */
    long combos = 0;
    for (int e = e0; e < e1; e++)
        idx[e - e0] = 0;
    for (;;) {
        for (int j = 0; j < W; j++)
            mpq_set_ui(tmp[j], 0, 1);
        for (int e = e0; e < e1; e++) {
            const mpq_t *x = &C->s[k->child[e]].x[(size_t)idx[e - e0] * (size_t)W];
            for (int j = 0; j < W; j++) {
                mpq_set(C->t, x[j]);
                if (j < np && r->epay)
                    mpq_add(C->t, C->t, r->epay[(size_t)e * (size_t)np + (size_t)j]);
                mpq_mul(C->t, C->t, r->prob[e]);
                mpq_add(tmp[j], tmp[j], C->t);
            }
        }
        if (cset_add(C, s, (const mpq_t *)tmp))
            return -1;
        if ((s->n == SET_MAX && C->capped) || ++combos == COMBOS_MAX) {
            C->capped = 1;   /* (at the combination budget: some may be left out) */
            return 0;
        }
        int e = e0;
        while (e < e1 && ++idx[e - e0] == C->s[k->child[e]].n)
            idx[e++ - e0] = 0;
        if (e == e1)
            return 0;
    }
}

/* The solved profile's consequence of edge e into x[W] (values through the edge only; the
 * caller adds those above it): the child's value, and reach propagated down from it. w[n] is
 * scratch. */
static void first_follows(cctx *C, int e, mpq_t *w, mpq_t *x)
{
    const sc_compact *k = C->k;
    const struct brink_compact_result *r = C->r;
    int np = C->np, d = k->child[e];
    for (int p = 0; p < np; p++) {
        mpq_set(x[p], r->spe.val[(size_t)d * (size_t)np + (size_t)p]);
        if (r->epay)
            mpq_add(x[p], x[p], r->epay[(size_t)e * (size_t)np + (size_t)p]);
    }
    for (int g = 0; g < C->G; g++)
        mpq_set_ui(x[np + g], 0, 1);
    for (int c = 0; c <= d; c++)
        mpq_set_ui(w[c], 0, 1);
    mpq_set_ui(w[d], 1, 1);
    for (int c = d; c >= 0; c--) {   /* parents before their children */
        if (mpq_sgn(w[c]) == 0)
            continue;
        if (k->mover[c] == -1) {
            if (C->gof[c] >= 0)
                mpq_add(x[np + C->gof[c]], x[np + C->gof[c]], w[c]);
        } else if (k->mover[c] >= 0) {
            int ch = k->child[k->child_start[c] + r->spe.choice[c]];
            mpq_add(w[ch], w[ch], w[c]);
        } else {
            for (int f = k->child_start[c]; f < k->child_start[c + 1]; f++) {
                mpq_mul(C->t, w[c], r->prob[f]);
                mpq_add(w[k->child[f]], w[k->child[f]], C->t);
            }
        }
    }
}

/* 1 when some class reached from d along the solved profile (every chance outcome of
 * positive probability) has several best actions: other equilibria with the same play
 * continue differently after the option. */
static int tie_on_continuation(const cctx *C, int d, unsigned char *seen)
{
    const sc_compact *k = C->k;
    const struct brink_compact_result *r = C->r;
    memset(seen, 0, (size_t)d + 1);
    seen[d] = 1;
    for (int c = d; c >= 0; c--) {
        if (!seen[c] || k->mover[c] == -1)
            continue;
        if (k->mover[c] >= 0) {
            if (r->spe.nopt[c] > 1)
                return 1;
            seen[k->child[k->child_start[c] + r->spe.choice[c]]] = 1;
            continue;
        }
        for (int f = k->child_start[c]; f < k->child_start[c + 1]; f++)
            if (mpq_sgn(r->prob[f]) > 0)
                seen[k->child[f]] = 1;
    }
    return 0;
}

brink_status an_compare_compact(const brink_scenario *sc, const brink_analysis *a,
                                const brink_analysis_options *opt, brink_answer *ans,
                                brink_error *err)
{
    const struct brink_compact_result *r = a->compact;
    const sc_compact *k = sc->compact;
    sc_compact_watch kw;
    brink_status st = sc_compact_find_one_decision(sc, ans->q->watch, &kw, err);
    if (st)
        return st;
    int h = kw.cls, np = k->np, n = k->nclasses, e0 = k->child_start[h];
    int K = k->child_start[h + 1] - e0, ne = k->child_start[n];
    cctx C;
    memset(&C, 0, sizeof C);
    C.k = k;
    C.r = r;
    C.np = np;
    mpq_init(C.t);
    int *gof = NULL, *gleaf = NULL, *idx = NULL;
    mpq_t *w = NULL, *x = NULL, *off = NULL, *tmp = NULL;
    unsigned char *below = NULL;
    size_t ntmp = 0;
    if ((st = sc_compact_leaf_groups(sc, k, &C.G, &gof, &gleaf, err)))
        goto out;
    C.gof = gof;
    C.W = np + C.G;
    size_t W = (size_t)C.W, kv = (size_t)K * (size_t)np, kg = (size_t)K * (size_t)(C.G ? C.G : 1);
    ans->infoset = kw.infoset >= 0 && kw.infoset <= (long)(~0u >> 1) ? (int)kw.infoset : -1;
    ans->watch_class = h;
    ans->nopts = K;
    ans->ngroups = C.G;
    ans->compare_path = kw.path;
    ans->compare_npath = kw.npath;
    kw.path = NULL;
    ans->opt_value = brink_calloc(kv, sizeof *ans->opt_value);
    ans->opt_value_lo = brink_calloc(kv, sizeof *ans->opt_value_lo);
    ans->opt_value_hi = brink_calloc(kv, sizeof *ans->opt_value_hi);
    ans->opt_group = brink_calloc(kg, sizeof *ans->opt_group);
    ans->opt_differ = brink_calloc((size_t)K, sizeof *ans->opt_differ);
    ans->opt_alike = brink_calloc((size_t)K, 1);
    w = brink_q_array_new((size_t)n);
    x = brink_q_array_new(W);
    off = brink_q_array_new((size_t)np);
    below = brink_calloc((size_t)n, 1);
    if (!ans->opt_value || !ans->opt_value_lo || !ans->opt_value_hi || !ans->opt_group ||
        !ans->opt_differ || !ans->opt_alike || !w || !x || !off || !below) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    /* the payoffs collected above the decision point: before the root, on its path */
    for (int p = 0; p < np; p++) {
        if (r->epay) {
            mpq_set(off[p], r->epay[(size_t)ne * (size_t)np + (size_t)p]);
            for (int i = 0; i < ans->compare_npath; i++)
                mpq_add(off[p], off[p],
                        r->epay[(size_t)ans->compare_path[i] * (size_t)np + (size_t)p]);
        }
    }
    /* the sub-games after the options: every class below, whatever it is reached by */
    int ties = 0;
    for (int e = e0; e < e0 + K; e++)
        below[k->child[e]] = 1;
    for (int c = h - 1; c >= 0; c--) {
        if (!below[c])
            continue;
        ties |= k->mover[c] >= 0 && r->spe.nopt[c] > 1;
        for (int f = k->child_start[c]; f < k->child_start[c + 1]; f++)
            below[k->child[f]] = 1;
    }
    if (ties) {   /* every pure equilibrium's consequences, bottom-up */
        int maxe = 1;
        for (int c = 0; c < h; c++)
            if (k->child_start[c + 1] - k->child_start[c] > maxe)
                maxe = k->child_start[c + 1] - k->child_start[c];
        ntmp = W + (size_t)maxe;
        C.s = brink_calloc((size_t)n, sizeof *C.s);
        tmp = brink_q_array_new(ntmp);
        idx = brink_calloc((size_t)maxe, sizeof *idx);
        if (!C.s || !tmp || !idx) {
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
            goto out;
        }
        for (int c = 0; c < h; c++)
            if (below[c] && build(&C, c, tmp, idx)) {
                st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
                goto out;
            }
    }
    long max_listed = opt->max_profiles > 0 ? opt->max_profiles : 64;
    for (int o = 0; o < K; o++) {
        int e = e0 + o, d = k->child[e];
        double *v0 = &ans->opt_value[(size_t)o * (size_t)np];
        double *lo = &ans->opt_value_lo[(size_t)o * (size_t)np];
        double *hi = &ans->opt_value_hi[(size_t)o * (size_t)np];
        first_follows(&C, e, w, x);
        for (int p = 0; p < np; p++) {
            mpq_add(x[p], x[p], off[p]);
            v0[p] = lo[p] = hi[p] = brink_q_get_d(x[p]);
        }
        for (int g = 0; g < C.G; g++)
            ans->opt_group[(size_t)o * (size_t)C.G + (size_t)g] = brink_q_get_d(x[np + g]);
        /* a tie on the play after it that the consequences do not show (they are alike),
         * said where the tree lists its equilibria by play (more profiles than
         * max_profiles, or not counted here): listed one by one, they show it themselves */
        ans->opt_alike[o] = (unsigned char)(!tie_on_continuation(&C, d, below) ||
                                            (r->count_exact &&
                                             mpz_cmp_ui(r->nspe, (unsigned long)max_listed) <= 0));
        if (!ties)
            continue;
        const cset *s = &C.s[d];
        for (int m = 0; m < s->n; m++) {
            const mpq_t *y = &s->x[(size_t)m * W];
            int same = 1;
            for (size_t j = 0; j < W; j++) {
                mpq_set(C.t, y[j]);
                if ((int)j < np) {   /* through the option's edge and the path above */
                    if (r->epay)
                        mpq_add(C.t, C.t, r->epay[(size_t)e * (size_t)np + j]);
                    mpq_add(C.t, C.t, off[j]);
                    double vd = brink_q_get_d(C.t);
                    lo[j] = vd < lo[j] ? vd : lo[j];
                    hi[j] = vd > hi[j] ? vd : hi[j];
                }
                same &= mpq_equal(C.t, x[j]);
            }
            ans->opt_differ[o] |= !same;
        }
        ans->opt_alike[o] |= (unsigned char)ans->opt_differ[o];   /* said by the ranges */
    }
    ans->opt_pure_capped = C.capped;
out:
    for (int c = 0; C.s && c < n; c++)
        if (C.s[c].x)
            brink_q_array_free(C.s[c].x, (size_t)C.s[c].cap * (size_t)C.W);
    free(C.s);
    if (tmp)
        brink_q_array_free(tmp, ntmp);
    free(idx);
    if (w)
        brink_q_array_free(w, (size_t)n);
    if (x)
        brink_q_array_free(x, (size_t)C.W);
    if (off)
        brink_q_array_free(off, (size_t)np);
    free(below);
    free(gof);
    free(gleaf);
    free(kw.path);
    mpq_clear(C.t);
    return st;
}
