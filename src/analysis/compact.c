/* compact.c — brink_analyze on a compact game (issue 15): the scenario's perfect-information
 * game was built as its distinct sub-games (scenario/compact.h), and backward induction runs
 * once per sub-game (solve/backward/spe_dag.h), exactly. The play from the root, the values,
 * and the numbers of decision points on and off the path (from the classes' instance counts)
 * are the tree's; the profile is re-checked exactly at every class, which is the tree's
 * one-shot deviation check at every node since all nodes of a class root the same sub-game.
 *
 * Ties: where a mover has several best actions the solve takes the first. When the tied
 * actions give every player the same values, every pure subgame-perfect equilibrium of the
 * tree picks some best action at every node independently, so there are exactly
 * prod over classes of (best actions)^(nodes of the class) of them, and all have the same
 * values; the play shown is one of them. When tied actions give someone different values the
 * equilibria's values differ and are not counted here: the play shown is one subgame-perfect
 * equilibrium of several, and the report says so.
 *
 * Public chance moves: a class's value is the expectation over its outcomes, the play
 * follows every outcome of positive probability (listed in the tree's pre-order), and the
 * outcome groups, expected issues and counts on and off the play come from a top-down pass
 * of reach probabilities and reach counts per class. A play the report could not list as the
 * tree's does (too many moves, or some node reached with probability near the tree's
 * tolerance) is refused with its reason, never shown differently.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"
#include "analysis/compact_int.h"
#include "scenario/model.h"

void an_compact_free(struct brink_compact_result *r)
{
    if (!r)
        return;
    brink_dag_spe_free(&r->dag, &r->spe);
    if (r->pay)
        brink_q_array_free(r->pay, (size_t)r->k->nclasses * (size_t)r->k->np + 1);
    if (r->epay)
        brink_q_array_free(r->epay,
                           ((size_t)r->k->child_start[r->k->nclasses] + 1) * (size_t)r->k->np);
    free(r->path);
    if (r->prob)
        brink_q_array_free(r->prob, (size_t)r->k->child_start[r->k->nclasses] + 1);
    free(r->play_cls);
    free(r->play_parent);
    free(r->play_via);
    if (r->play_reach)
        brink_q_array_free(r->play_reach, (size_t)r->play_cap + 1);
    free(r->group_leaf);
    if (r->group_prob)
        brink_q_array_free(r->group_prob, (size_t)r->ngroups + 1);
    if (r->value)
        brink_q_array_free(r->value, (size_t)r->k->np + 1);
    mpz_clear(r->offpath);
    mpz_clear(r->tied);
    mpz_clear(r->nspe);
    mpz_clear(r->vtied);
    mpz_clear(r->play_moves);
    if (r->issue_value)
        brink_q_array_free(r->issue_value, (size_t)r->k->ni + 1);
    if (r->params)
        brink_q_array_free(r->params, (size_t)r->nparams + 1);
    free(r);
}

/* The number of pure subgame-perfect equilibria when ties never change values:
 * prod_c nopt_c ^ mult_c, exactly when it has at most 4096 bits, else its log10. */
static void count_equilibria(struct brink_compact_result *r)
{
    const sc_compact *k = r->k;
    double lg = 0;
    int big = 0;
    for (int c = 0; c < k->nclasses; c++) {
        int n = r->spe.nopt[c];
        if (k->mover[c] < 0 || n <= 1)
            continue;
        mpz_add(r->tied, r->tied, k->mult[c]);
        lg += mpz_get_d(k->mult[c]) * log10((double)n);
        if (lg > 1200 || !mpz_fits_ulong_p(k->mult[c]))
            big = 1;
    }
    r->log10_nspe = lg;
    mpz_set_ui(r->nspe, 1);
    r->count_exact = !big;
    if (big)
        return;
    mpz_t t;
    mpz_init(t);
    for (int c = 0; c < k->nclasses; c++) {
        int n = r->spe.nopt[c];
        if (k->mover[c] < 0 || n <= 1)
            continue;
        mpz_ui_pow_ui(t, (unsigned long)n, mpz_get_ui(k->mult[c]));
        mpz_mul(r->nspe, r->nspe, t);
    }
    mpz_clear(t);
}

/* The play's weights, top-down (parents have larger numbers than their children): w[c], the
 * probability of reaching some node of class c; hits[c], how many of its nodes are reached
 * with positive probability; minr[c], the smallest such probability (in doubles, to compare
 * with the tree's tolerance). Chance outcomes of probability 0 are not on the play. */
static void play_weights(struct brink_compact_result *r, mpq_t *w, mpz_t *hits, double *minr)
{
    const sc_compact *k = r->k;
    mpq_t t;
    mpq_init(t);
    for (int c = 0; c < k->nclasses; c++)
        minr[c] = 2;
    mpq_set_ui(w[k->root], 1, 1);
    mpz_set_ui(hits[k->root], 1);
    minr[k->root] = 1;
    for (int c = k->nclasses - 1; c >= 0; c--) {
        if (mpz_sgn(hits[c]) == 0 || k->mover[c] == -1)
            continue;
        int e0 = k->child_start[c], e1 = k->child_start[c + 1];
        if (k->mover[c] >= 0) {
            e0 += r->spe.choice[c];
            e1 = e0 + 1;
        }
        for (int e = e0; e < e1; e++) {
            int d = k->child[e];
            double m = minr[c];
            if (k->mover[c] == SC_COMPACT_CHANCE) {
                if (mpq_sgn(r->prob[e]) == 0)
                    continue;
                mpq_mul(t, w[c], r->prob[e]);
                mpq_add(w[d], w[d], t);
                m *= brink_q_get_d(r->prob[e]);
            } else {
                mpq_add(w[d], w[d], w[c]);
            }
            mpz_add(hits[d], hits[d], hits[c]);
            if (m < minr[d])
                minr[d] = m;
        }
    }
    mpq_clear(t);
}

/* The play in the tree's pre-order (r->play_*, r->path), when it has at most
 * COMPACT_PLAY_MAX moves. */
static brink_status list_play(struct brink_compact_result *r, brink_error *err)
{
    const sc_compact *k = r->k;
    int cap = r->nplay;
    r->nplay = 0;
    r->play_cap = cap;
    r->play_cls = malloc((size_t)(cap + 1) * sizeof *r->play_cls);
    r->play_parent = malloc((size_t)(cap + 1) * sizeof *r->play_parent);
    r->play_via = malloc((size_t)(cap + 1) * sizeof *r->play_via);
    r->play_reach = brink_q_array_new((size_t)cap + 1);
    r->path = malloc((size_t)(cap + 1) * sizeof *r->path);
    /* the walk's stack: (class, entry above, via, reach) */
    int scap = 64;
    int *sc_ = malloc((size_t)scap * 3 * sizeof *sc_);
    mpq_t *sr = brink_q_array_new((size_t)scap);
    brink_status st = BRINK_OK;
    if (!r->play_cls || !r->play_parent || !r->play_via || !r->play_reach || !r->path || !sc_ ||
        !sr) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    int top = 0, leaves = 0;
    sc_[0] = k->root;
    sc_[1] = -1;
    sc_[2] = -1;
    mpq_set_ui(sr[0], 1, 1);
    top = 1;
    r->end = -1;
    while (top > 0) {
        top--;
        int c = sc_[3 * top], parent = sc_[3 * top + 1], via = sc_[3 * top + 2];
        if (k->mover[c] == -1) {
            r->end = leaves++ ? -1 : c;
            continue;
        }
        if (r->nplay >= cap) {   /* the weights counted fewer (a brink bug) */
            st = brink_error_set(err, BRINK_EINTERNAL, "the compact play has more moves than "
                                 "counted (a brink bug)");
            goto out;
        }
        int i = r->nplay++;
        r->play_cls[i] = c;
        r->play_parent[i] = parent;
        r->play_via[i] = via;
        mpq_set(r->play_reach[i], sr[top]);
        if (k->mover[c] >= 0)
            r->path[r->npath++] = c;
        else
            r->nchance_play++;
        int e0 = k->child_start[c], e1 = k->child_start[c + 1];
        if (k->mover[c] >= 0) {
            e0 += r->spe.choice[c];
            e1 = e0 + 1;
        }
        /* pushed last first, so that the first outcome is walked first (pre-order) */
        for (int e = e1 - 1; e >= e0; e--) {
            if (k->mover[c] == SC_COMPACT_CHANCE && mpq_sgn(r->prob[e]) == 0)
                continue;
            if (top >= scap) {   /* the walk's stack grows */
                int *g = brink_reallocarray(sc_, (size_t)scap * 2, 3 * sizeof *sc_);
                mpq_t *gr = g ? brink_q_array_new((size_t)scap * 2) : NULL;
                if (g)
                    sc_ = g;
                if (!gr) {
                    st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
                    goto out;
                }
                for (int j = 0; j < top; j++)
                    mpq_swap(gr[j], sr[j]);
                brink_q_array_free(sr, (size_t)scap);
                sr = gr;
                scap *= 2;
            }
            sc_[3 * top] = k->child[e];
            sc_[3 * top + 1] = i;
            sc_[3 * top + 2] = e - k->child_start[c];
            if (k->mover[c] == SC_COMPACT_CHANCE)
                mpq_mul(sr[top], r->play_reach[i], r->prob[e]);
            else
                mpq_set(sr[top], r->play_reach[i]);
            top++;
        }
    }
out:
    free(sc_);
    if (sr)
        brink_q_array_free(sr, (size_t)scap);
    return st;
}

/* Outcome groups: leaves with the same discrete levels, numbered as the tree numbers them (in
 * the order their first leaf appears in the tree's pre-order: a depth-first walk entering
 * each class once), with the probability the play gives each; the most likely first, ties
 * in the tree's numbering. group_of[leaf class] is kept for the issue values. */
static brink_status play_groups(struct brink_compact_result *r, const brink_scenario *sc,
                                const mpq_t *w, int **gof_keep, int *ngall, brink_error *err)
{
    const sc_compact *k = r->k;
    int n = k->nclasses, ng = 0;
    int *gleaf = NULL, *gof = NULL;
    mpq_t *gp = NULL;
    brink_status st = sc_compact_leaf_groups(sc, k, &ng, &gof, &gleaf, err);
    if (st)
        return st;
    gp = brink_q_array_new((size_t)ng + 1);
    int *order = malloc((size_t)(ng + 1) * sizeof *order);
    if (!gp || !order) {
        free(order);
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    for (int c = 0; c < n; c++)
        if (gof[c] >= 0)
            mpq_add(gp[gof[c]], gp[gof[c]], w[c]);
    /* most likely first (exactly), ties in the tree's numbering; groups never reached left out */
    int no = 0;
    for (int g = 0; g < ng; g++)
        if (mpq_sgn(gp[g]) > 0)
            order[no++] = g;
    for (int i = 1; i < no; i++)   /* insertion sort, stable */
        for (int j = i; j > 0 && mpq_cmp(gp[order[j]], gp[order[j - 1]]) > 0; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    r->ngroups = no;
    r->group_leaf = malloc((size_t)(no + 1) * sizeof *r->group_leaf);
    r->group_prob = brink_q_array_new((size_t)no + 1);
    if (!r->group_leaf || !r->group_prob) {
        free(order);
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    for (int i = 0; i < no; i++) {
        r->group_leaf[i] = gleaf[order[i]];
        mpq_set(r->group_prob[i], gp[order[i]]);
    }
    free(order);
    *gof_keep = gof;   /* every leaf class's group, for the ties' outcomes (tie_effects) */
    *ngall = ng;
    gof = NULL;
out:
    free(gleaf);
    free(gof);
    if (gp)
        brink_q_array_free(gp, (size_t)ng + 1);
    return st;
}

/* The values through edge e of class c's parent, for actor p: the child's plus the edge's. */
static void edge_value(const struct brink_compact_result *r, int e, int p, mpq_t v)
{
    int np = r->k->np;
    mpq_set(v, r->spe.val[(size_t)r->k->child[e] * (size_t)np + (size_t)p]);
    if (r->epay)
        mpq_add(v, v, r->epay[(size_t)e * (size_t)np + (size_t)p]);
}

#define TIE_CHECK_MAX ((size_t)1 << 20)   /* rationals the outcome check may hold */

/* What the ties do (tester 12, F1 and F2): r->vtied and r->values_differ from the classes
 * whose best actions give someone different values, r->outcomes_differ from the outcome
 * groups (gof: each leaf class's, ngall of them) and expected numeric issues of the tied best
 * actions' sub-games. When every tie keeps the values, the equilibria are the independent
 * choices of a best action at every node: one reaching a class c with positive probability
 * (through best actions and chance outcomes of positive probability) and taking another best
 * action there changes the play's outcomes by its reach times the difference of the two
 * sub-games' outcome distributions, and by induction from the leaves every equilibrium's
 * distribution at such a class is the one shown when the tied sub-games' agree. */
static brink_status tie_effects(struct brink_compact_result *r, const brink_scenario *sc,
                                const mpz_t *hits, const int *gof, int ngall, brink_error *err)
{
    const sc_compact *k = r->k;
    int n = k->nclasses, np = k->np;
    unsigned char *vt = calloc((size_t)n + 1, 1), *live = calloc((size_t)n + 1, 1);
    int *slot = NULL;
    mpq_t *D = NULL;
    size_t nD = 0;
    brink_status st = BRINK_OK;
    mpq_t a, b;
    mpq_inits(a, b, NULL);
    if (!vt || !live) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    int any_vt = 0, vt_hit = 0, vt_live = 0;
    for (int c = 0; c < n; c++) {
        if (k->mover[c] < 0 || r->spe.nopt[c] <= 1)
            continue;
        int e0 = k->child_start[c], ch = e0 + r->spe.choice[c];
        for (int e = e0; e < k->child_start[c + 1] && !vt[c]; e++)
            for (int p = 0; p < np && r->spe.optimal[e] && !vt[c]; p++) {
                edge_value(r, e, p, a);
                edge_value(r, ch, p, b);
                vt[c] = !mpq_equal(a, b);
            }
        if (vt[c]) {
            any_vt = 1;
            mpz_add(r->vtied, r->vtied, k->mult[c]);
        }
    }
    /* live: reached from the root through any action and chance outcomes of positive
     * probability; a class no such path reaches changes no value above the chance outcome
     * of probability 0 over it (parents are numbered after their children) */
    live[k->root] = 1;
    for (int c = n - 1; c >= 0; c--) {
        if (!live[c] || k->mover[c] == -1)
            continue;
        for (int e = k->child_start[c]; e < k->child_start[c + 1]; e++)
            if (k->mover[c] >= 0 || mpq_sgn(r->prob[e]) > 0)
                live[k->child[e]] = 1;
    }
    for (int c = 0; c < n; c++)
        if (vt[c]) {
            vt_hit |= mpz_sgn(hits[c]) > 0;
            vt_live |= live[c];
        }
    r->values_differ = !any_vt || !vt_live ? 0 : vt_hit ? 1 : -1;
    if (r->values_differ != 0) {
        r->outcomes_differ = -1;
        goto out;
    }
    /* the classes some equilibrium's play reaches (live reuses as that set) */
    memset(live, 0, (size_t)n);
    live[k->root] = 1;
    int nreach = 0, tied = 0;
    for (int c = n - 1; c >= 0; c--) {
        if (!live[c])
            continue;
        nreach++;
        if (k->mover[c] == -1)
            continue;
        if (k->mover[c] >= 0 && r->spe.nopt[c] > 1)
            tied = 1;
        for (int e = k->child_start[c]; e < k->child_start[c + 1]; e++)
            if (k->mover[c] >= 0 ? r->spe.optimal[e] : mpq_sgn(r->prob[e]) > 0)
                live[k->child[e]] = 1;
    }
    r->outcomes_differ = 0;
    if (!tied)
        goto out;
    int nnum = 0;
    for (int i = 0; i < k->ni; i++)
        nnum += !sc->issues[i].nlevels;
    size_t G = (size_t)ngall + (size_t)nnum;
    if (G == 0)
        goto out;
    if ((size_t)nreach > TIE_CHECK_MAX / G) {
        r->outcomes_differ = -1;
        goto out;
    }
    nD = (size_t)nreach * G;
    slot = malloc((size_t)n * sizeof *slot);
    D = brink_q_array_new(nD);
    if (!slot || !D) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    int ns = 0;
    for (int c = 0; c < n && !st; c++) {
        slot[c] = live[c] ? ns++ : -1;
        if (!live[c])
            continue;
        mpq_t *d = &D[(size_t)slot[c] * G];
        if (k->mover[c] == -1) {
            mpq_set_ui(d[gof[c]], 1, 1);
            int l = k->leaf[c];
            for (int i = 0, j = 0; i < k->ni && !st; i++) {
                if (sc->issues[i].nlevels)
                    continue;
                if (k->leaf_value[(size_t)l * (size_t)k->ni + (size_t)i] >= 0)
                    st = sc_compact_issue_value(sc, k, l, i, (const mpq_t *)r->params,
                                                d[(size_t)ngall + (size_t)j], err);
                j++;
            }
            continue;
        }
        int e0 = k->child_start[c], e1 = k->child_start[c + 1];
        if (k->mover[c] == SC_COMPACT_CHANCE) {
            for (int e = e0; e < e1; e++) {
                if (mpq_sgn(r->prob[e]) == 0)
                    continue;
                const mpq_t *x = &D[(size_t)slot[k->child[e]] * G];
                for (size_t g = 0; g < G; g++) {
                    mpq_mul(a, r->prob[e], x[g]);
                    mpq_add(d[g], d[g], a);
                }
            }
            continue;
        }
        const mpq_t *x = &D[(size_t)slot[k->child[e0 + r->spe.choice[c]]] * G];
        for (size_t g = 0; g < G; g++)
            mpq_set(d[g], x[g]);
        for (int e = e0; e < e1 && r->outcomes_differ == 0; e++) {
            if (!r->spe.optimal[e])
                continue;
            const mpq_t *y = &D[(size_t)slot[k->child[e]] * G];
            for (size_t g = 0; g < G && r->outcomes_differ == 0; g++)
                if (!mpq_equal(x[g], y[g]))
                    r->outcomes_differ = 1;
        }
    }
out:
    mpq_clears(a, b, NULL);
    free(vt);
    free(live);
    free(slot);
    if (D)
        brink_q_array_free(D, nD);
    return st;
}

brink_status an_compact_analyze(const brink_scenario *sc, const brink_analysis_options *o,
                                brink_analysis *a, brink_error *err)
{
    const sc_compact *k = sc->compact;
    if (o->method && strcmp(o->method, "spe") != 0) {
        /* the exact count (pass 1's saturates at 2^62 - 1: tester 11b, F7) */
        char *cnt = mpz_get_str(NULL, 10, k->nodes);
        brink_status st = brink_error_set_at(err, BRINK_EUNSUPPORTED, sc->file,
                                             sc->root->loc.line, sc->root->loc.col,
                                             "method %s needs the unfolded game tree, and this "
                                             "scenario was built as a compact game (%s nodes "
                                             "unfolded): only spe solves a compact game",
                                             o->method, cnt ? cnt : "so many");
        if (cnt) {
            void (*freefunc)(void *, size_t);
            mp_get_memory_functions(NULL, NULL, &freefunc);
            freefunc(cnt, strlen(cnt) + 1);
        }
        return st;
    }
    struct brink_compact_result *r = calloc(1, sizeof *r);
    if (!r)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    mpz_init(r->offpath);
    mpz_init(r->tied);
    mpz_init(r->nspe);
    mpz_init(r->vtied);
    mpz_init(r->play_moves);
    r->k = k;
    a->compact = r;
    int np = k->np;
    r->nparams = sc->nparams;
    r->params = brink_q_array_new((size_t)sc->nparams + 1);
    r->pay = brink_q_array_new((size_t)k->nclasses * (size_t)np + 1);
    r->issue_value = brink_q_array_new((size_t)k->ni + 1);
    r->dag.n = k->nclasses;
    r->dag.np = np;
    if (!r->params || !r->pay || !r->issue_value)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int i = 0; i < sc->nparams; i++)
        mpq_set(r->params[i], sc->params[i].value);
    int ne = k->child_start[k->nclasses];
    if (k->nedge_terms > 0 &&
        !(r->epay = brink_q_array_new(((size_t)ne + 1) * (size_t)np)))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    brink_status st = sc_compact_payoffs(sc, k, (const mpq_t *)r->params, r->pay, r->epay, err);
    if (st)
        return st;
    r->prob = brink_q_array_new((size_t)ne + 1);
    r->value = brink_q_array_new((size_t)np + 1);
    if (!r->prob || !r->value)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (mpz_sgn(k->chances) > 0 &&
        (st = sc_compact_probs(sc, k, (const mpq_t *)r->params, 0, r->prob, err)))
        return st;
    r->dag.mover = k->mover;
    r->dag.child_start = k->child_start;
    r->dag.child = k->child;
    r->dag.pay = r->pay;
    r->dag.prob = (const mpq_t *)r->prob;
    r->dag.epay = (const mpq_t *)r->epay;
    if ((st = brink_dag_spe_solve(&r->dag, &r->spe, err)))
        return st;
    r->verified = brink_dag_spe_verify(&r->dag, &r->spe, NULL);
    for (int p = 0; p < np; p++)
        if (r->epay)   /* the payoffs collected before the root's class */
            mpq_add(r->value[p], r->spe.val[(size_t)k->root * (size_t)np + (size_t)p],
                    r->epay[(size_t)ne * (size_t)np + (size_t)p]);
        else
            mpq_set(r->value[p], r->spe.val[(size_t)k->root * (size_t)np + (size_t)p]);
    /* the play: from the root along the chosen actions and every chance outcome of positive
     * probability */
    mpq_t *w = brink_q_array_new((size_t)k->nclasses);
    mpz_t *hits = malloc((size_t)k->nclasses * sizeof *hits);
    double *minr = malloc((size_t)k->nclasses * sizeof *minr);
    if (!w || !hits || !minr) {
        if (w)
            brink_q_array_free(w, (size_t)k->nclasses);
        free(hits);
        free(minr);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    for (int c = 0; c < k->nclasses; c++)
        mpz_init(hits[c]);
    play_weights(r, w, hits, minr);
    mpz_t moves, on;
    mpz_inits(moves, on, NULL);
    double least = 1;
    for (int c = 0; c < k->nclasses; c++) {
        if (mpz_sgn(hits[c]) == 0)
            continue;
        if (minr[c] < least)
            least = minr[c];
        if (k->mover[c] >= 0)
            mpz_add(on, on, hits[c]);
        if (k->mover[c] != -1)
            mpz_add(moves, moves, hits[c]);
    }
    mpz_sub(r->offpath, k->decisions, on);
    if (least <= 1.000001e-9) {
        /* the tree's report counts a node reached with probability at most its tolerance
         * (1e-9, in doubles) as off the path: refused rather than answered differently */
        st = brink_error_set_at(err, BRINK_EUNSUPPORTED, sc->file, sc->root->loc.line,
                                sc->root->loc.col,
                                "the equilibrium's play reaches some node with probability %g, "
                                "at most about 1e-9, which the tree's report counts as off the "
                                "path; the compact game does not decide that the same way: "
                                "--compact-above 0 unfolds the tree", least);
    } else if (mpz_cmp_ui(moves, COMPACT_PLAY_MAX) > 0) {
        /* too many to list one by one as the report does: the values, outcomes and issues
         * are still the play's, exactly, and the report says the play is not listed
         * (tester 12, F4) */
        r->play_omitted = 1;
        mpz_set(r->play_moves, moves);
        r->nplay = 0;
        r->end = -1;
    } else {
        r->nplay = (int)mpz_get_ui(moves);
        st = list_play(r, err);
    }
    int *gof = NULL, ngall = 0;
    if (!st)
        st = play_groups(r, sc, (const mpq_t *)w, &gof, &ngall, err);
    if (!st)
        st = tie_effects(r, sc, (const mpz_t *)hits, gof, ngall, err);
    free(gof);
    /* numeric issues: expected over the play's leaves */
    mpq_t v;
    mpq_init(v);
    for (int c = 0; c < k->nclasses && !st; c++) {
        if (k->mover[c] != -1 || mpq_sgn(w[c]) == 0)
            continue;
        int l = k->leaf[c];
        for (int i = 0; i < k->ni && !st; i++)
            if (k->leaf_value[(size_t)l * (size_t)k->ni + (size_t)i] >= 0) {
                st = sc_compact_issue_value(sc, k, l, i, (const mpq_t *)r->params, v, err);
                mpq_mul(v, v, w[c]);
                mpq_add(r->issue_value[i], r->issue_value[i], v);
            }
    }
    mpq_clear(v);
    mpz_clears(moves, on, NULL);
    for (int c = 0; c < k->nclasses; c++)
        mpz_clear(hits[c]);
    free(hits);
    free(minr);
    brink_q_array_free(w, (size_t)k->nclasses);
    if (st)
        return st;
    count_equilibria(r);
    if (r->spe.payoff_ties)
        r->count_exact = 0;
    a->nfound = 1;
    a->count = 1;
    a->unique = 0;
    return BRINK_OK;
}
