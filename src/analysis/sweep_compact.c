/* sweep_compact.c — a sweep question (answer.c's sweep) on a compact game (scenario/compact.h,
 * issue 15): the scenario's perfect-information game was built as its distinct sub-games,
 * and each grid point is solved exactly by backward induction on the classes, as
 * `brink analyze --set` solves the compact game there (compact.c):
 *
 *   values      each actor's value at the root (the root class's plus the payoffs collected
 *               before it), exactly, then as the nearest double;
 *   outcomes    the probability of each outcome group (the tree's numbering, every group of
 *               the leaves), from the reach probabilities of the classes top-down along the
 *               chosen actions and every chance outcome;
 *   issues      numeric issues expected over the leaves reached;
 *   choice      the watched decision point's (one, named by its path) action: its class's
 *               choice, since every tree node of a class roots the same sub-game.
 *
 * Ties: where no class has a tie the profile is the tree's only pure subgame-perfect
 * equilibrium (one best action at every node), which is what the tree's backward induction
 * lists. Where ties keep every actor's values, lie off every play of the profile and not at
 * the watched decision point, the equilibria are counted exactly and listed as the tree lists
 * them (one by one, or by play above max_profiles; solve_point). Other ties: the solve keeps
 * the first best action at every class, and the point is marked (first_only): its choice
 * and numbers are one equilibrium's, other equilibria are not ruled out, never presented as
 * the only one.
 *
 * Boundaries between grid points: with a watched decision, the compact threshold engine over
 * the first parameter's range (cn_compact.c), and for two parameters along lines of the second
 * (regionmap.c), as the tree's sweep uses the continuation.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"
#include "brink/threshold.h"
#include "scenario/compact.h"
#include "scenario/model.h"
#include "solve/backward/spe_dag.h"

typedef struct {
    const brink_scenario *sc;
    const sc_compact *k;
    int np, ni, ne, ngall;
    const int *gof;       /* [nclasses] each leaf class's group */
    mpq_t *pay, *epay, *prob, *w, *gp, *iv;
    mpq_t t, u;
    mpz_t count, pw;
    unsigned char *reach; /* [nclasses] reached along the chosen actions and every chance
                             outcome, whatever its probability */
    unsigned long group_above;   /* the tree's: more profiles than this are listed by play */
    brink_dag dag;
} kpoint;

/* Solve at params and fill grid point idx of ans; a failure of this point only (a payoff or
 * probability that does not bind there) is left in err with its status. */
static brink_status solve_point(kpoint *P, const mpq_t *params, int wcls, brink_answer *ans,
                                size_t idx, brink_error *err)
{
    const sc_compact *k = P->k;
    int n = k->nclasses, np = P->np, ni = P->ni, ne = P->ne;
    brink_status st = sc_compact_payoffs(P->sc, k, params, P->pay, P->epay, err);
    if (!st && P->prob)
        st = sc_compact_probs(P->sc, k, params, 0, P->prob, err);
    if (st)
        return st;
    brink_dag_spe spe;
    memset(&spe, 0, sizeof spe);
    if ((st = brink_dag_spe_solve(&P->dag, &spe, err)))
        return st;
    if (!brink_dag_spe_verify(&P->dag, &spe, NULL)) {
        brink_dag_spe_free(&P->dag, &spe);
        return brink_error_set(err, BRINK_EINTERNAL, "the compact game's backward induction "
                               "failed its exact check (a brink bug)");
    }
    /* reach probabilities of the classes, top-down (parents after their children) */
    for (int c = 0; c < n; c++)
        mpq_set_ui(P->w[c], 0, 1);
    mpq_set_ui(P->w[k->root], 1, 1);
    int tied = 0;
    for (int c = n - 1; c >= 0; c--) {
        if (k->mover[c] >= 0 && spe.nopt[c] > 1)
            tied = 1;
        if (k->mover[c] == -1 || mpq_sgn(P->w[c]) == 0)
            continue;
        if (k->mover[c] >= 0) {
            int d = k->child[k->child_start[c] + spe.choice[c]];
            mpq_add(P->w[d], P->w[d], P->w[c]);
            continue;
        }
        for (int e = k->child_start[c]; e < k->child_start[c + 1]; e++) {
            mpq_mul(P->t, P->w[c], P->prob[e]);
            mpq_add(P->w[k->child[e]], P->w[k->child[e]], P->t);
        }
    }
    /* ties (tied): the tree lists every subgame-perfect equilibrium. They are known here
     * exactly when every tie keeps every actor's values, none lies on any play of the chosen
     * profile (reach: then every equilibrium has this play, so one play) and the watched
     * decision point has one best action (every equilibrium takes it): the equilibria are
     * the independent choices of a best action at every tree node, prod_c nopt_c ^ mult_c
     * of them, listed one by one up to group_above and by play above (as the tree's
     * backward induction, eqsolve.c). Otherwise the first best action is kept (first_only). */
    int counted = 0;
    if (tied) {
        memset(P->reach, 0, (size_t)n);
        P->reach[k->root] = 1;
        int ok = wcls < 0 || spe.nopt[wcls] == 1;
        for (int c = n - 1; c >= 0 && ok; c--) {
            if (!P->reach[c] || k->mover[c] == -1)
                continue;
            if (k->mover[c] >= 0 && spe.nopt[c] > 1)
                ok = 0;   /* a tie on a play */
            int e0 = k->child_start[c], e1 = k->child_start[c + 1];
            if (k->mover[c] >= 0) {
                e0 += spe.choice[c];
                e1 = e0 + 1;
            }
            for (int e = e0; e < e1; e++)
                P->reach[k->child[e]] = 1;
        }
        for (int c = 0; c < n && ok; c++) {   /* the tied actions keep everyone's values */
            if (k->mover[c] < 0 || spe.nopt[c] <= 1)
                continue;
            int e0 = k->child_start[c], ch = e0 + spe.choice[c];
            for (int e = e0; e < k->child_start[c + 1] && ok; e++)
                for (int p = 0; p < np && spe.optimal[e] && ok; p++) {
                    mpq_set(P->t, spe.val[(size_t)k->child[e] * (size_t)np + (size_t)p]);
                    mpq_set(P->u, spe.val[(size_t)k->child[ch] * (size_t)np + (size_t)p]);
                    if (P->epay) {
                        mpq_add(P->t, P->t, P->epay[(size_t)e * (size_t)np + (size_t)p]);
                        mpq_add(P->u, P->u, P->epay[(size_t)ch * (size_t)np + (size_t)p]);
                    }
                    ok = mpq_equal(P->t, P->u);
                }
        }
        /* the count, exactly, while it stays small (a million bits) */
        double bits = 0;
        mpz_set_ui(P->count, 1);
        for (int c = 0; c < n && ok; c++) {
            if (k->mover[c] < 0 || spe.nopt[c] <= 1)
                continue;
            if (!mpz_fits_ulong_p(k->mult[c]) ||
                (bits += mpz_get_d(k->mult[c]) * log2((double)spe.nopt[c])) > 1e6) {
                ok = 0;
                break;
            }
            mpz_ui_pow_ui(P->pw, (unsigned long)spe.nopt[c], mpz_get_ui(k->mult[c]));
            mpz_mul(P->count, P->count, P->pw);
        }
        counted = ok;
    }
    for (int g = 0; g < P->ngall; g++)
        mpq_set_ui(P->gp[g], 0, 1);
    for (int i = 0; i < ni; i++)
        mpq_set_ui(P->iv[i], 0, 1);
    for (int c = 0; c < n && !st; c++) {
        if (k->mover[c] != -1 || mpq_sgn(P->w[c]) == 0)
            continue;
        if (P->gof[c] >= 0)
            mpq_add(P->gp[P->gof[c]], P->gp[P->gof[c]], P->w[c]);
        int l = k->leaf[c];
        for (int i = 0; i < ni && !st; i++)
            if (k->leaf_value[(size_t)l * (size_t)ni + (size_t)i] >= 0 &&
                !(st = sc_compact_issue_value(P->sc, k, l, i, params, P->t, err))) {
                mpq_mul(P->t, P->t, P->w[c]);
                mpq_add(P->iv[i], P->iv[i], P->t);
            }
    }
    if (!st) {
        for (int p = 0; p < np; p++) {
            mpq_set(P->t, spe.val[(size_t)k->root * (size_t)np + (size_t)p]);
            if (P->epay)   /* the payoffs collected before the root's class */
                mpq_add(P->t, P->t, P->epay[(size_t)ne * (size_t)np + (size_t)p]);
            ans->value[idx * (size_t)np + (size_t)p] = brink_q_get_d(P->t);
        }
        for (int g = 0; g < P->ngall; g++)
            ans->group_prob[idx * (size_t)P->ngall + (size_t)g] = brink_q_get_d(P->gp[g]);
        for (int i = 0; i < ni; i++)
            ans->issue_mean[idx * (size_t)ni + (size_t)i] = brink_q_get_d(P->iv[i]);
        int neq = 1;
        if (counted && mpz_cmp_ui(P->count, P->group_above) <= 0) {
            neq = (int)mpz_get_ui(P->count);   /* each profile listed, all alike here */
        } else if (counted) {   /* one play, its profiles counted */
            ans->by_play[idx] = 1;
            mpz_set(ans->profiles[idx], P->count);
            ans->profiles_at_least[idx] = 0;
        }
        ans->nequilibria[idx] = neq;
        ans->first_only[idx] = (unsigned char)(tied && !counted);
        brink_choice *ch = &ans->choice[idx];
        int width = ans->watch_start[ans->nwatch];
        ch->neq = neq;
        if (!(ch->prob = brink_calloc((size_t)neq * (size_t)width + 1, sizeof *ch->prob)))
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        for (int e = 0; e < neq && wcls >= 0 && ch->prob; e++)
            ch->prob[(size_t)e * (size_t)width + (size_t)spe.choice[wcls]] = 1;
    }
    brink_dag_spe_free(&P->dag, &spe);
    return st;
}

static void kpoint_free(kpoint *P)
{
    const sc_compact *k = P->k;
    size_t n = (size_t)k->nclasses, np = (size_t)P->np, ne = (size_t)P->ne;
    if (P->pay)
        brink_q_array_free(P->pay, n * np + 1);
    if (P->epay)
        brink_q_array_free(P->epay, (ne + 1) * np);
    if (P->prob)
        brink_q_array_free(P->prob, ne + 1);
    if (P->w)
        brink_q_array_free(P->w, n + 1);
    if (P->gp)
        brink_q_array_free(P->gp, (size_t)P->ngall + 1);
    if (P->iv)
        brink_q_array_free(P->iv, (size_t)P->ni + 1);
    free(P->reach);
    mpq_clears(P->t, P->u, NULL);
    mpz_clears(P->count, P->pw, NULL);
}

brink_status an_sweep_compact(const brink_scenario *sc, const brink_analysis_options *o,
                              brink_answer *ans, brink_error *err)
{
    const brink_question *q = ans->q;
    const sc_compact *k = sc->compact;
    int np = brink_scenario_nparams(sc), na = k->np, ni = k->ni;
    int n0 = q->steps[0], n1 = q->nparams > 1 ? q->steps[1] : 1;
    if (o->method && strcmp(o->method, "spe") != 0)
        return brink_error_set(err, BRINK_EUNSUPPORTED, "sweep: this scenario was built as a "
                               "compact game, solved by backward induction only (method spe), "
                               "not by '%s'", o->method);
    sc_compact_watch kw;
    memset(&kw, 0, sizeof kw);
    kw.cls = -1;
    int wcls = -1, nact = 0;
    if (q->watch) {   /* one decision point, named by its path */
        brink_status ws = sc_compact_find_decision(sc, q->watch, &kw, err);
        if (ws) {
            free(kw.path);
            return ws;
        }
        wcls = kw.cls;
        nact = k->child_start[wcls + 1] - k->child_start[wcls];
    }
    kpoint P;
    memset(&P, 0, sizeof P);
    P.sc = sc;
    P.k = k;
    P.np = na;
    P.ni = ni;
    P.ne = k->child_start[k->nclasses];
    mpq_inits(P.t, P.u, NULL);
    mpz_inits(P.count, P.pw, NULL);
    P.group_above = o->max_profiles > 0 ? (unsigned long)o->max_profiles : 64;
    int *gof = NULL, *gleaf = NULL;
    mpq_t *values = NULL;
    mpq_t glo[2], ghi[2];
    for (int d = 0; d < 2; d++)
        mpq_inits(glo[d], ghi[d], NULL);
    brink_status st = sc_compact_leaf_groups(sc, k, &P.ngall, &gof, &gleaf, err);
    if (st)
        goto out;
    P.gof = gof;
    int G = P.ngall;
    size_t N = (size_t)n0 * (size_t)n1;
    int arrays = an_sweep_arrays(ans, N, na, G, ni, 1);
    ans->watch_class = wcls;
    ans->nwatch = q->watch ? 1 : 0;
    ans->watch = brink_calloc(2, sizeof *ans->watch);
    ans->watch_start = brink_calloc(2, sizeof *ans->watch_start);
    if (ans->watch && ans->watch_start && q->watch) {
        /* the tree's information set number of the watched decision point (-1 when the tree
           is too large to number it) */
        ans->watch[0] = kw.infoset >= 0 && kw.infoset <= (long)(~0u >> 1) ? (int)kw.infoset : -1;
        ans->watch_start[1] = nact;
    }
    values = brink_q_array_new((size_t)np + 1);
    size_t n = (size_t)k->nclasses, ne = (size_t)P.ne;
    P.pay = brink_q_array_new(n * (size_t)na + 1);
    if (k->nedge_terms > 0)
        P.epay = brink_q_array_new((ne + 1) * (size_t)na);
    if (mpz_sgn(k->chances) > 0)
        P.prob = brink_q_array_new(ne + 1);
    P.w = brink_q_array_new(n + 1);
    P.gp = brink_q_array_new((size_t)G + 1);
    P.iv = brink_q_array_new((size_t)ni + 1);
    P.reach = brink_calloc(n + 1, 1);
    if (!P.reach || !ans->watch || !ans->watch_start || arrays || !values ||
        !P.pay || (k->nedge_terms > 0 && !P.epay) || (mpz_sgn(k->chances) > 0 && !P.prob) ||
        !P.w || !P.gp || !P.iv) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    P.dag.n = k->nclasses;
    P.dag.np = na;
    P.dag.mover = k->mover;
    P.dag.child_start = k->child_start;
    P.dag.child = k->child;
    P.dag.pay = P.pay;
    P.dag.prob = (const mpq_t *)P.prob;
    P.dag.epay = (const mpq_t *)P.epay;
    for (int d = 0; d < q->nparams; d++)
        an_question_range(q, d, glo[d], ghi[d]);
    brink_scenario_defaults(sc, values);
    for (int j = 0; j < n1 && !st; j++) {
        for (int i = 0; i < n0 && !st; i++) {
            size_t idx = (size_t)j * (size_t)n0 + (size_t)i;
            int gi[2] = {i, j}, ns[2] = {n0, n1};
            for (int d = 0; d < q->nparams; d++) {   /* exactly, as the tree's sweep */
                mpq_t *xq = &ans->xq[2 * idx + (size_t)d], *v = &values[q->param[d]];
                mpq_set_ui(*v, (unsigned long)gi[d], (unsigned long)(ns[d] - 1));
                mpq_canonicalize(*v);
                mpq_sub(*xq, ghi[d], glo[d]);
                mpq_mul(*xq, *xq, *v);
                mpq_add(*xq, *xq, glo[d]);
                mpq_set(*v, *xq);
                ans->x[2 * idx + (size_t)d] = brink_q_get_d(*xq);
            }
            if ((st = solve_point(&P, (const mpq_t *)values, wcls, ans, idx, err))) {
                if (st == BRINK_ENOMEM || st == BRINK_EINTERNAL)
                    break;
                /* this point only, reported with its place; the others go on */
                an_sweep_at_point(sc, q, (const mpq_t *)values, st, err);
                st = an_sweep_point_failed(ans, (int)idx, err);
            }
        }
    }
    if (!st && ans->nfailed == ans->npoints) {   /* nothing answered: the first failure */
        const brink_point_failure *f = &ans->failed[0];
        st = brink_error_set_at(err, f->status, brink_scenario_filename(sc), f->line, f->column,
                                "%s", f->message);
        goto out;
    }
    /* exact boundaries between the grid points: the compact threshold engine */
    if (!st && q->watch && o->questions) {
        mpq_t lo, hi;
        mpq_inits(lo, hi, NULL);
        an_question_range(q, 0, lo, hi);
        brink_scenario_defaults(sc, values);
        if (q->nparams == 1) {
            ans->threshold = an_threshold_compute(sc, q->param[0], lo, hi, (const mpq_t *)values,
                                                  NULL, 0, &kw, o, err);
            if (!ans->threshold)
                st = err ? err->code : BRINK_ENOMEM;
        } else {
            st = an_region_map(sc, q, lo, hi, values, n1, &kw, ans, o, err);
        }
        mpq_clears(lo, hi, NULL);
    }
out:
    for (int d = 0; d < 2; d++)
        mpq_clears(glo[d], ghi[d], NULL);
    if (values)
        brink_q_array_free(values, (size_t)np + 1);
    kpoint_free(&P);
    free(gof);
    free(gleaf);
    free(kw.path);
    return st;
}
