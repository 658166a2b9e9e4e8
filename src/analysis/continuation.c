/* continuation.c — continue one exact equilibrium in one parameter and find where it stays
 * an equilibrium (see continuation.h and include/brink/threshold.h).
 *
 * Conditions for a behaviour profile sigma(t) with beliefs mu to be a weak perfect Bayesian
 * equilibrium with the same structure as at x0, per player information set h with support
 * S_h and reference action b_h in S_h:
 *   reached at x0:   R_h(t) = sum over h of the reach by the others > 0   (REACHED)
 *   unreached at x0: R_h(t) = 0                                           (UNREACHED)
 *   a not in S_h:    sum_v w_v (U_a(v) - U_b(v)) <= 0          (BEST_REPLY)
 *   a in S_h:        the same sum = 0 (solved for, so identically 0)   (INDIFFERENT)
 *   a in S_h:        sigma_a(t) > 0                            (POSITIVE)
 * with w_v = the others' reach of v where R_h > 0 (Bayes' rule, unnormalised: on the path,
 * and off it where only the mover's own earlier choices exclude h, as in analysis/assess.c)
 * and w_v = mu_v where the others exclude h too. Mixed
 * probabilities solve the indifference equations over Q(t); those equations are linear when
 * no root-to-leaf path through a mixed set crosses two other mixed sets counted together
 * (checked structurally), which covers signalling games and two-stage crises; otherwise the
 * result is CN_NONLINEAR and nothing is claimed.
 */
#include "analysis/cn_int.h"
#include "analysis/analysis_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>



rf *cn_rf_array(size_t n)
{
    rf *a = brink_calloc(n ? n : 1, sizeof *a);
    if (a)
        for (size_t i = 0; i < n; i++)
            rf_init(&a[i]);
    return a;
}

void cn_rf_array_free(rf *a, size_t n)
{
    if (!a)
        return;
    for (size_t i = 0; i < n; i++)
        rf_clear(&a[i]);
    free(a);
}

brink_status cn_game_init(cn_game *G, const brink_scenario *sc, const brink_efg *g, int param,
                          const mpq_t *values, brink_error *err)
{
    memset(G, 0, sizeof *G);
    G->g = g;
    rf_init(&G->t1);
    rf_init(&G->t2);
    rf_init(&G->t3);
    pq_init(&G->sp);
    brink_status st = sc_param_game(sc, g, param, values, &G->pg, err);
    if (st)
        return st;
    return BRINK_OK;
}

/* The workspace of the general pass (a rational function per action, and two per node and
 * player: 150k on a tree of 29.5k nodes), made when first needed: the pure pass (cn_pure.c)
 * never uses it. -1 on OOM. */
static int workspace(cn_game *G)
{
    const brink_efg *g = G->g;
    if (G->beh)
        return 0;
    G->beh = cn_rf_array((size_t)g->nactions);
    G->reach = cn_rf_array((size_t)g->nnodes * (size_t)g->nplayers);
    G->U = cn_rf_array((size_t)g->nnodes * (size_t)g->nplayers);
    G->anc_mixed = brink_calloc((size_t)g->nnodes, sizeof *G->anc_mixed);
    G->desc_mixed = brink_calloc((size_t)g->nnodes, sizeof *G->desc_mixed);
    if (G->beh && G->reach && G->U && G->anc_mixed && G->desc_mixed)
        return 0;
    cn_rf_array_free(G->beh, (size_t)g->nactions);
    cn_rf_array_free(G->reach, (size_t)g->nnodes * (size_t)g->nplayers);
    cn_rf_array_free(G->U, (size_t)g->nnodes * (size_t)g->nplayers);
    free(G->anc_mixed);
    free(G->desc_mixed);
    G->beh = G->reach = G->U = NULL;
    G->anc_mixed = G->desc_mixed = NULL;
    return -1;
}

brink_status cn_game_rebind(cn_game *G, const brink_scenario *sc, int param,
                            const mpq_t *values, brink_error *err)
{
    /* The functions are the same wherever every branch taken is still taken: re-deriving
     * them (a pass over every expression of every leaf) is needed only past a guard. */
    int same = G->pg.pay != NULL && !G->pg.nonrational;
    for (int i = 0; i < G->pg.guards.n && same; i++)
        same = pc_holds(G->pg.guards.c[i].kind, pq_sign_at(&G->pg.guards.c[i].s, values[param]));
    if (same)
        return BRINK_OK;
    sc_pgame_free(&G->pg);
    free(G->leafcls);   /* classes of the old functions */
    G->leafcls = NULL;
    return sc_param_game(sc, G->g, param, values, &G->pg, err);
}

void cn_game_free(cn_game *G)
{
    const brink_efg *g = G->g;
    if (g) {
        cn_rf_array_free(G->beh, (size_t)g->nactions);
        cn_rf_array_free(G->reach, (size_t)g->nnodes * (size_t)g->nplayers);
        cn_rf_array_free(G->U, (size_t)g->nnodes * (size_t)g->nplayers);
    }
    free(G->anc_mixed);
    free(G->desc_mixed);
    free(G->leafcls);
    free(G->leafof);
    sc_pgame_free(&G->pg);
    rf_clear(&G->t1);
    rf_clear(&G->t2);
    rf_clear(&G->t3);
    pq_clear(&G->sp);
    memset(G, 0, sizeof *G);
}

void cn_eq_free(cn_eq *e, const brink_efg *g)
{
    /* g NULL: a compact game's profile (pure, no functions) */
    cn_rf_array_free(e->beh, g ? (size_t)g->nactions : 0);
    cn_rf_array_free(e->mu, g ? (size_t)g->nnodes : 0);
    free(e->reached);
    free(e->pure);
    memset(e, 0, sizeof *e);
}

static const rf *prob_of(const cn_game *G, int act, int h)
{
    return h >= G->g->player_infoset_start[G->g->nplayers] ? &G->pg.prob[act] : &G->beh[act];
}

/* U (not reach) for the nodes of the subtree at root, for the profile in G->beh. */
static int eval_subtree(cn_game *G, int root)
{
    const brink_efg *g = G->g;
    int np = g->nplayers, end = root + g->node_subtree_size[root];
    for (int v = end - 1; v >= root; v--) {
        int h = g->node_infoset[v];
        rf *u = G->U + (size_t)v * (size_t)np;
        if (h < 0) {
            for (int i = 0; i < np; i++)
                if (rf_set(&u[i], &G->pg.pay[(size_t)g->node_leaf[v] * (size_t)np + (size_t)i]))
                    return -1;
            continue;
        }
        for (int i = 0; i < np; i++)
            if (rf_set_si(&u[i], 0))
                return -1;
        int a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            const rf *p = prob_of(G, a0 + a, h);
            if (rf_is_zero(p))
                continue;
            const rf *uc = G->U + (size_t)brink_efg_child(g, v, a) * (size_t)np;
            for (int i = 0; i < np; i++)
                if (rf_is_one(p) ? (rf_is_zero(&u[i]) ? rf_set(&u[i], &uc[i])
                                                      : rf_add(&u[i], &u[i], &uc[i]))
                                 : rf_mul(&G->t1, p, &uc[i]) || rf_add(&u[i], &u[i], &G->t1))
                    return -1;
        }
    }
    return 0;
}

/* Reach by the others and U for the profile in G->beh; -1 on OOM. reach[v * np + i] is the
 * probability that chance and the players other than i lead to v: at an information set of
 * i it is what Bayes' rule weighs (i's own earlier moves are common to all its nodes by
 * perfect recall), and it stays positive where only i's own choices exclude the set. */
int cn_eval_tree(cn_game *G)
{
    const brink_efg *g = G->g;
    int N = g->nnodes, np = g->nplayers;
    for (int i = 0; i < np; i++)
        if (rf_set_si(&G->reach[i], 1))
            return -1;
    for (int v = 1; v < N; v++) {
        int par = g->node_parent[v], hp = g->node_infoset[par];
        int mover = hp >= g->player_infoset_start[np] ? -1 : g->infoset_player[hp];
        const rf *pr = prob_of(G, g->node_action[v], hp);
        for (int i = 0; i < np; i++) {
            rf *r = &G->reach[(size_t)v * (size_t)np + (size_t)i];
            const rf *rp = &G->reach[(size_t)par * (size_t)np + (size_t)i];
            int fail = mover == i || rf_is_one(pr) ? rf_set(r, rp)
                       : rf_is_zero(pr) || rf_is_zero(rp) ? rf_set_si(r, 0)
                                                          : rf_mul(r, rp, pr);
            if (fail)
                return -1;
        }
    }
    return eval_subtree(G, 0);
}


/* sum over v in h of w_v (U_p(child a) - U_p(child b)) into out (b < 0: w_v U_p(child a));
 * w from the others' reach or mu. A single-node set takes w = 1 (same sign, same zeros). */
static int gap_sum(cn_game *G, int h, int a, int b, int reached, const rf *mu, rf *out)
{
    const brink_efg *g = G->g;
    int np = g->nplayers, p = g->infoset_player[h];
    int ms = g->infoset_member_start[h], m = g->infoset_nmembers[h];
    if (rf_set_si(out, 0))
        return -1;
    for (int k = 0; k < m; k++) {
        int v = g->infoset_member[ms + k];
        const rf *ua = &G->U[(size_t)brink_efg_child(g, v, a) * (size_t)np + (size_t)p];
        if (b >= 0) {
            const rf *ub = &G->U[(size_t)brink_efg_child(g, v, b) * (size_t)np + (size_t)p];
            if (rf_sub(&G->t2, ua, ub))
                return -1;
        } else if (rf_set(&G->t2, ua)) {
            return -1;
        }
        if (m == 1) {
            /* one node: a positive weight (reach while reached, belief 1 otherwise) does not
             * change the sign, and conditions only use signs */
        } else if (reached) {
            if (rf_mul(&G->t2, &G->t2, &G->reach[(size_t)v * (size_t)np + (size_t)p]))
                return -1;
        } else {
            if (rf_is_zero(&mu[v]))
                continue;
            if (rf_mul(&G->t2, &G->t2, &mu[v]))
                return -1;
        }
        if (rf_add(out, out, &G->t2))
            return -1;
    }
    return 0;
}

/* Reach of h by the others (chance and the other players). */
static int reach_sum(cn_game *G, int h, rf *out)
{
    const brink_efg *g = G->g;
    int ms = g->infoset_member_start[h], m = g->infoset_nmembers[h];
    size_t np = (size_t)g->nplayers, p = (size_t)g->infoset_player[h];
    if (rf_set_si(out, 0))
        return -1;
    for (int k = 0; k < m; k++)
        if (rf_add(out, out, &G->reach[(size_t)g->infoset_member[ms + k] * np + p]))
            return -1;
    return 0;
}

int cn_sign_at(const rf *f, const mpq_t x, mpq_t tmp)
{
    (void)tmp;
    /* sign(n / d) = sign(n) sign(d), without the division (0 where d vanishes) */
    return pq_sign_at(&f->n, x) * pq_sign_at(&f->d, x);
}


int cn_push_cond(cn_game *G, pcset *conds, const rf *f, pc_kind kind, int tag, int h, int a,
                 int b, int *bad)
{
    if (rf_is_const(f)) {
        int s = f->n.deg < 0 ? 0 : mpq_sgn(f->n.c[0]);
        if (!pc_holds(kind, s))
            *bad = 1;
        return 0;
    }
    if (rf_sign_poly(&G->sp, f))
        return -1;
    pcond *c = pcset_push(conds, kind, &G->sp);
    if (!c)
        return -1;
    c->tag = tag;
    c->h = h;
    c->a = a;
    c->b = b;
    return 0;
}

/* ---------------------------------------------------------------- beliefs off the path */

/* A mixed choice at an unreached set with as many nodes as support actions: the belief that
 * keeps the mover indifferent, solved over Q(t) (sum_v mu_v d_v(a) = 0 for a in S \ {b},
 * sum mu = 1), with the conditions mu_v >= 0. Returns 1 when it applies (mu set, conditions
 * appended), 0 when not, -1 on OOM. */
static int moving_belief(cn_game *G, int h, const unsigned char *supp, int bref,
                         const mpq_t x0, rf *mu, pcset *conds, int *bad)
{
    const brink_efg *g = G->g;
    int ms = g->infoset_member_start[h], m = g->infoset_nmembers[h];
    int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h], np = g->nplayers;
    int p = g->infoset_player[h], k = 0;
    for (int a = 0; a < na; a++)
        k += supp[a0 + a];
    if (k < 2 || k != m)
        return 0;
    size_t W = (size_t)m + 1;
    rf *A = cn_rf_array((size_t)m * W), *sol = cn_rf_array((size_t)m);
    int rc = -1, row = 0, nbad = 0;
    pcset tmpc = {NULL, 0, 0};
    if (!A || !sol)
        goto out;
    for (int a = 0; a < na; a++) {
        if (a == bref || !supp[a0 + a])
            continue;
        for (int j = 0; j < m; j++) {
            int v = g->infoset_member[ms + j];
            if (rf_sub(&A[(size_t)row * W + (size_t)j],
                       &G->U[(size_t)brink_efg_child(g, v, a) * (size_t)np + (size_t)p],
                       &G->U[(size_t)brink_efg_child(g, v, bref) * (size_t)np + (size_t)p]))
                goto out;
        }
        row++;
    }
    for (size_t j = 0; j < W; j++)
        if (rf_set_si(&A[(size_t)row * W + j], 1))
            goto out;
    /* no unknown may stay free: a free belief is not pinned down (then not applicable) */
    if (cn_rf_solve(G, A, m, m, x0, NULL, sol, &tmpc, BRINK_COND_UNREACHED, h, -1, -1, &nbad))
        goto out;
    rc = 0;
    if (nbad || tmpc.n)
        goto out;
    mpq_t q;
    mpq_init(q);
    int ok = 1;
    for (int j = 0; j < m && ok; j++)
        ok = !rf_eval(q, &sol[j], x0) && mpq_sgn(q) >= 0;
    mpq_clear(q);
    if (!ok)
        goto out;
    for (int j = 0; j < m; j++) {
        if (rf_set(&mu[g->infoset_member[ms + j]], &sol[j]) ||
            cn_push_cond(G, conds, &sol[j], PC_NONNEG, BRINK_COND_UNREACHED, h, -1, -1, bad))
            goto fail;
    }
    rc = 1;
    goto out;
fail:
    rc = -1;
out:
    pcset_free(&tmpc);
    cn_rf_array_free(A, (size_t)m * W);
    cn_rf_array_free(sol, (size_t)m);
    return rc;
}

/* Constant beliefs for an unreached set h: a candidate under which the support is optimal
 * at x0, strictly against the other actions when one is (its region then does not end at
 * x0): the analysis' belief read as the simplest nearby rationals, uniform, then each node
 * alone. 1 found, 0 none, -1 OOM. */
static int constant_belief(cn_game *G, int h, const unsigned char *supp, int bref,
                           const double *belief, const mpq_t x0, rf *mu, mpq_t tmp)
{
    const brink_efg *g = G->g;
    int ms = g->infoset_member_start[h], m = g->infoset_nmembers[h];
    int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
    if (m == 1)   /* the only belief; whether it supports the choice is checked with the rest */
        return rf_set_si(&mu[g->infoset_member[ms]], 1) ? -1 : 1;
    mpq_t *w = brink_q_array_new((size_t)m), sum;
    if (!w)
        return -1;
    mpq_init(sum);
    int found = 0, weak = -3;   /* weak: the first merely weakly supporting candidate */
    for (int pass = 0; pass < 2 && !found; pass++)
        for (int cand = -2; cand < m && !found; cand++) {
            if (pass == 1 && cand != weak)
                continue;
            mpq_set_ui(sum, 0, 1);
            for (int k = 0; k < m; k++) {
                int v = g->infoset_member[ms + k];
                if (cand == -2) {
                    double b = belief && belief[v] == belief[v] && belief[v] > 0 ? belief[v] : 0;
                    brink_q_from_double_approx(w[k], b, 1e-9);   /* 0.666.. -> 2/3 */
                } else if (cand == -1) {
                    mpq_set_ui(w[k], 1, 1);
                } else {
                    mpq_set_ui(w[k], k == cand ? 1 : 0, 1);
                }
                mpq_add(sum, sum, w[k]);
            }
            if (mpq_sgn(sum) <= 0)
                continue;
            for (int k = 0; k < m; k++) {
                mpq_div(w[k], w[k], sum);
                if (rf_set_q(&mu[g->infoset_member[ms + k]], w[k]))
                    goto oom;
            }
            int ok = 1, strict = 1;
            for (int a = 0; a < na && ok; a++) {
                if (a == bref)
                    continue;
                if (gap_sum(G, h, a, bref, 0, mu, &G->t1))
                    goto oom;
                int s = cn_sign_at(&G->t1, x0, tmp);
                ok = supp[a0 + a] ? s == 0 : s <= 0;
                strict &= supp[a0 + a] || s < 0;
            }
            if (ok && (strict || pass == 1))
                found = 1;
            else if (ok && weak == -3)
                weak = cand;
        }
    brink_q_array_free(w, (size_t)m);
    mpq_clear(sum);
    return found;
oom:
    brink_q_array_free(w, (size_t)m);
    mpq_clear(sum);
    return -1;
}

/* Beliefs off the path must be consistent (Kreps and Wilson 1982): limits of Bayes' rule
 * under fully mixed profiles tending to the equilibrium. A node of an unreached set h is
 * reached through its deviations (the others' zero-probability actions on its path; the
 * mover's own actions are common to every node by perfect recall) times its weight w (chance
 * and the others' positive choices). A node that needs a deviation more than a node of
 * nonzero constant weight has belief 0 whatever the trembles' rates (one more tremble); when the
 * nodes left all need the same deviations, their trembles cancel and the belief is Bayes'
 * rule on w (as assess.c, belief_structure). Sets mu there and returns 1; returns 0 when the
 * nodes left need different deviations (then which beliefs are consistent depends on the
 * trembles' relative rates, and the caller chooses among supporting ones as before) or, with
 * *nonlinear = 1, when the weights involve a mixed choice whose probability is still unknown
 * (unknown_mixed). -1 on OOM. A single-node set: 1. */
static int consistent_belief(cn_game *G, int h, const mpq_t *behq, const unsigned char *unknown_mixed,
                             rf *mu, int *nonlinear)
{
    const brink_efg *g = G->g;
    int ms = g->infoset_member_start[h], m = g->infoset_nmembers[h], p = g->infoset_player[h];
    int nh = g->player_infoset_start[g->nplayers];
    if (m == 1)
        return rf_set_si(&mu[g->infoset_member[ms]], 1) ? -1 : 1;
    int depth = 0;   /* the deepest node's: no path holds more deviations */
    for (int k = 0; k < m; k++)
        if (g->node_depth[g->infoset_member[ms + k]] > depth)
            depth = g->node_depth[g->infoset_member[ms + k]];
    size_t D = (size_t)depth + 1;
    int *z = brink_calloc((size_t)m * D, sizeof *z), *nz = brink_calloc((size_t)m, sizeof *nz);
    unsigned char *zero = brink_calloc((size_t)m, 1);
    int rc = 1;
    rf sum;
    rf_init(&sum);
    if (!z || !nz || !zero || rf_set_si(&sum, 0)) {
        rc = -1;
        goto out;
    }
    /* each node's deviations (sorted) and weight, the weight into mu[v] for now */
    for (int k = 0; k < m && rc == 1; k++) {
        int v = g->infoset_member[ms + k], n = 0;
        int *zk = z + (size_t)k * D;
        rf *w = &mu[v];
        if (rf_set_si(w, 1)) {
            rc = -1;
            break;
        }
        for (int c = v; c > 0 && rc == 1; c = g->node_parent[c]) {
            int hp = g->node_infoset[g->node_parent[c]], act = g->node_action[c];
            if (hp >= nh) {
                if (rf_mul(w, w, &G->pg.prob[act]))
                    rc = -1;
            } else if (g->infoset_player[hp] == p) {
                continue;   /* the mover's own: common to every node */
            } else if (mpq_sgn(behq[act]) == 0) {
                zk[n++] = act;   /* a deviation (path order: root last) */
            } else if (unknown_mixed && unknown_mixed[hp]) {
                *nonlinear = 1;
                rc = 0;
            } else if (!rf_is_one(&G->beh[act]) && rf_mul(w, w, &G->beh[act])) {
                rc = -1;
            }
        }
        for (int i = 1; i < n; i++)
            for (int j = i; j > 0 && zk[j - 1] > zk[j]; j--) {
                int t = zk[j];
                zk[j] = zk[j - 1];
                zk[j - 1] = t;
            }
        nz[k] = n;
        zero[k] = rf_is_zero(w);
    }
    /* a node needing more deviations than a node of nonzero weight: belief 0. Only a
     * constant weight counts here: one that moves with t (a chance probability q) may vanish
     * inside a region, where the belief would jump (the analysis pins it point by point;
     * here such sets keep the caller's constant beliefs, as before) */
    int first = -1;
    for (int y = 0; y < m && rc == 1; y++) {
        int dom = zero[y];
        for (int x = 0; x < m && !dom; x++) {
            if (x == y || zero[x] || nz[x] >= nz[y] || !rf_is_const(&mu[g->infoset_member[ms + x]]))
                continue;
            const int *a = z + (size_t)x * D, *b = z + (size_t)y * D;
            int i = 0;
            for (int j = 0; j < nz[y] && i < nz[x]; j++)
                i += a[i] == b[j];
            dom = i == nz[x];
        }
        if (dom) {
            if (rf_set_si(&mu[g->infoset_member[ms + y]], 0))
                rc = -1;
            continue;
        }
        if (first < 0)
            first = y;
        else if (nz[y] != nz[first] ||
                 memcmp(z + (size_t)y * D, z + (size_t)first * D, (size_t)nz[y] * sizeof *z))
            rc = 0;   /* different deviations left: the rates decide */
        if (rc == 1 && rf_add(&sum, &sum, &mu[g->infoset_member[ms + y]]))
            rc = -1;
    }
    if (rc == 1 && (first < 0 || rf_is_zero(&sum)))
        rc = 0;   /* every node impossible by chance: no Bayes' rule to apply */
    for (int k = 0; k < m && rc == 1; k++) {
        rf *x = &mu[g->infoset_member[ms + k]];
        if (!rf_is_zero(x) && rf_div(x, x, &sum))
            rc = -1;
    }
out:
    rf_clear(&sum);
    free(z);
    free(nz);
    free(zero);
    return rc;
}

/* ---------------------------------------------------------------- more than two players */

/* Linearity of the behaviour-strategy indifference equations in the unknown mixed
 * probabilities: through a mixed set reached on the path, at most one other mixed set on any
 * root-to-leaf path (above it through the reach, below it through the values); an unreached
 * set's weights are constant beliefs, so only what lies below counts. */
static int linear_structure(cn_game *G, const unsigned char *mixed, const int *reached)
{
    const brink_efg *g = G->g;
    int N = g->nnodes;
    G->anc_mixed[0] = 0;
    for (int v = 1; v < N; v++) {
        int par = g->node_parent[v], hp = g->node_infoset[par];
        G->anc_mixed[v] = G->anc_mixed[par] + (hp >= 0 && mixed[hp]);
    }
    for (int v = N - 1; v >= 0; v--) {
        int h = g->node_infoset[v], best = 0;
        if (h < 0) {
            G->desc_mixed[v] = 0;
            continue;
        }
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            int d = G->desc_mixed[brink_efg_child(g, v, a)];
            if (d > best)
                best = d;
        }
        G->desc_mixed[v] = best + mixed[h];
        if (mixed[h] && (reached[h] ? G->anc_mixed[v] : 0) + best > 1)
            return 0;
    }
    return 1;
}

typedef struct unk {
    int h, a, b;   /* unknown = probability of action a at h; b = reference action */
} unk;

/* Mixed entries of G->beh: unknown j = val[j] (val NULL: all 0, or vertex e_k for k >= 0). */
static int set_unknowns(cn_game *G, const unk *U, int n, const rf *val, int k)
{
    for (int j = 0; j < n; j++) {
        int a0 = G->g->infoset_action_start[U[j].h];
        if (rf_set_si(&G->beh[a0 + U[j].b], 1))
            return -1;
    }
    for (int j = 0; j < n; j++) {
        int a0 = G->g->infoset_action_start[U[j].h];
        rf *pa = &G->beh[a0 + U[j].a], *pb = &G->beh[a0 + U[j].b];
        if (val) {
            if (rf_set(pa, &val[j]) || rf_sub(pb, pb, &val[j]))
                return -1;
        } else if (j == k) {
            if (rf_set_si(pa, 1) || rf_set_si(pb, 0))
                return -1;
        } else if (rf_set_si(pa, 0)) {
            return -1;
        }
    }
    return 0;
}

/* Behaviour-strategy indifference equations, linear by linear_structure: the affine map
 * u -> gaps is read off at u = 0 and the unit vectors, then solved over Q(t). */
static int solve_behaviour(cn_game *G, const unk *U, int n, const int *reached, const rf *mu,
                           const mpq_t *behq, const mpq_t x0, pcset *conds, int *bad)
{
    size_t nn = (size_t)n;
    rf *E = cn_rf_array((nn + 1) * nn), *A = cn_rf_array(nn * (nn + 1));
    rf *sol = cn_rf_array(nn);
    mpq_t *xfree = brink_q_array_new(nn);
    int rc = -1;
    if (!E || !A || !sol || !xfree)
        goto out;
    for (int k = -1; k < n; k++) {
        if (set_unknowns(G, U, n, NULL, k) || cn_eval_tree(G))
            goto out;
        for (int i = 0; i < n; i++)
            if (gap_sum(G, U[i].h, U[i].a, U[i].b, reached[U[i].h], mu,
                        &E[(size_t)(k + 1) * nn + (size_t)i]))
                goto out;
    }
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++)
            if (rf_sub(&A[(size_t)i * (nn + 1) + (size_t)j], &E[(size_t)(j + 1) * nn + (size_t)i],
                       &E[(size_t)i]))
                goto out;
        rf *r = &A[(size_t)i * (nn + 1) + nn];
        if (rf_set(r, &E[(size_t)i]))
            goto out;
        rf_neg(r);
    }
    for (int j = 0; j < n; j++)
        mpq_set(xfree[j], behq[G->g->infoset_action_start[U[j].h] + U[j].a]);
    if (cn_rf_solve(G, A, n, n, x0, (const mpq_t *)xfree, sol, conds, BRINK_COND_INDIFFERENT,
                    -1, -1, -1, bad) ||
        set_unknowns(G, U, n, sol, -1))
        goto out;
    for (int j = 0; j < n; j++) {   /* every support probability stays positive */
        int a0 = G->g->infoset_action_start[U[j].h];
        if (cn_push_cond(G, conds, &G->beh[a0 + U[j].a], CN_POSITIVE(G, a0 + U[j].a),
                         BRINK_COND_POSITIVE, U[j].h,
                         U[j].a, -1, bad) ||
            (j + 1 == n || U[j + 1].h != U[j].h
                 ? cn_push_cond(G, conds, &G->beh[a0 + U[j].b], CN_POSITIVE(G, a0 + U[j].b),
                                BRINK_COND_POSITIVE,
                                U[j].h, U[j].b, -1, bad)
                 : 0))
            goto out;
    }
    rc = 0;
out:
    cn_rf_array_free(E, (nn + 1) * nn);
    cn_rf_array_free(A, nn * (nn + 1));
    cn_rf_array_free(sol, nn);
    if (xfree)
        brink_q_array_free(xfree, nn);
    return rc;
}

/* ---------------------------------------------------------------- one equilibrium */

brink_status cn_continue(cn_game *G, const mpq_t *behq, const double *belief, const mpq_t x0,
                         cn_eq *out, pcset *conds, cn_result *res, brink_error *err)
{
    return cn_continue_with(G, behq, NULL, belief, x0, out, conds, res, err);
}

brink_status cn_continue_with(cn_game *G, const mpq_t *behq, const unsigned char *extra,
                              const double *belief, const mpq_t x0, cn_eq *out, pcset *conds,
                              cn_result *res, brink_error *err)
{
    const brink_efg *g = G->g;
    int nh = g->player_infoset_start[g->nplayers];
    int first_conds = conds->n;
    memset(out, 0, sizeof *out);
    *res = CN_OK;
    G->extra = extra;
    unsigned char *supp = brink_calloc((size_t)g->nactions + 1, 1);
    unsigned char *mixed = brink_calloc((size_t)g->ninfosets + 1, 1);
    int *bref = brink_calloc((size_t)g->ninfosets + 1, sizeof *bref);
    unk *U = brink_calloc((size_t)g->nactions + 1, sizeof *U);
    int n = 0, bad = 0, nmixed = 0;
    mpq_t tmp;
    mpq_init(tmp);
    out->reached = brink_calloc((size_t)g->ninfosets + 1, sizeof *out->reached);
    brink_status st = BRINK_OK;
    if (!supp || !mixed || !bref || !U || !out->reached)
        goto oom;
    for (int h = 0; h < nh; h++) {
        int a0 = g->infoset_action_start[h], k = 0;
        bref[h] = -1;
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            if (mpq_sgn(behq[a0 + a]) > 0 || (extra && extra[a0 + a])) {
                supp[a0 + a] = 1;
                if (bref[h] < 0 && mpq_sgn(behq[a0 + a]) > 0)
                    bref[h] = a;   /* the reference is played at x0 */
                k++;
            }
        if (bref[h] < 0) {   /* not a behaviour strategy: nothing to continue */
            *res = CN_NOT_EXACT;
            goto done;
        }
        mixed[h] = k > 1;
        nmixed += k > 1;
    }
    if (cn_pure_applies(G, nmixed)) {   /* the same conditions, without repeats */
        if (!(out->pure = brink_calloc((size_t)g->ninfosets + 1, sizeof *out->pure)))
            goto oom;
        memcpy(out->pure, bref, (size_t)nh * sizeof *bref);
        if (cn_pure_conditions(G, bref, out, conds, &bad))
            goto oom;
        goto check;
    }
    if (workspace(G))
        goto oom;
    out->beh = cn_rf_array((size_t)g->nactions);
    out->mu = cn_rf_array((size_t)g->nnodes);
    if (!out->beh || !out->mu)
        goto oom;
    for (int k = 0; k < g->player_action_start[g->nplayers]; k++)
        if (rf_set_q(&G->beh[k], behq[k]))
            goto oom;
    /* which sets are reached at x0, from the exact profile */
    if (cn_eval_tree(G))
        goto oom;
    for (int h = 0; h < nh; h++) {
        if (reach_sum(G, h, &G->t1))
            goto oom;
        out->reached[h] = cn_sign_at(&G->t1, x0, tmp) > 0;
    }
    /* mixed probabilities as functions of t */
    int lex = 0;
    if (nmixed && g->nplayers == 2) {
        if (cn_seqform_lex(G, behq, supp, x0, conds, out->mu, &lex, &bad))
            goto oom;
        if (lex) {   /* complete: every set's conditions under lexicographic beliefs */
            for (int h = 0; h < nh; h++)
                out->reached[h] = 0;
            goto check;
        }
        if (cn_seqform(G, behq, supp, x0, conds, &bad))
            goto oom;
    } else if (nmixed) {
        /* beliefs at unreached mixed sets first: the equations use them; they must be the
         * consistent ones, which must not depend on the unknown mixed probabilities */
        for (int h = 0; h < nh; h++)
            if (!out->reached[h] && mixed[h]) {
                int nl = 0;
                int r = consistent_belief(G, h, behq, mixed, out->mu, &nl);
                if (r == 0 && !nl)   /* not pinned down by the deviations: as before */
                    r = constant_belief(G, h, supp, bref[h], belief, x0, out->mu, tmp);
                if (r < 0)
                    goto oom;
                if (!r) {
                    *res = nl ? CN_NONLINEAR : CN_NOT_EXACT;
                    goto done;
                }
            }
        for (int h = 0; h < nh; h++)
            if (mixed[h])
                for (int a = 0; a < g->infoset_nactions[h]; a++)
                    if (a != bref[h] && supp[g->infoset_action_start[h] + a])
                        U[n++] = (unk){h, a, bref[h]};
        if (!linear_structure(G, mixed, out->reached)) {
            *res = CN_NONLINEAR;
            goto done;
        }
        if (solve_behaviour(G, U, n, out->reached, out->mu, behq, x0, conds, &bad))
            goto oom;
    }
    if (nmixed && cn_eval_tree(G))   /* pure: the pass above already has these values */
        goto oom;
    /* beliefs where the path does not go: the consistent one where the deviations leading
     * there pin it down (Bayes' rule on the other moves); else, as consistency leaves room
     * there, moving with t when they keep a mixing actor indifferent (two players), else a
     * constant supporting one */
    for (int h = 0; h < nh; h++) {
        if (out->reached[h] || (mixed[h] && g->nplayers != 2))
            continue;   /* (mixed, more than two players: set before the behaviour solve) */
        int nl = 0;
        int r = consistent_belief(G, h, behq, NULL, out->mu, &nl);
        if (r == 0 && mixed[h])
            r = moving_belief(G, h, supp, bref[h], x0, out->mu, conds, &bad);
        if (r == 0)
            r = constant_belief(G, h, supp, bref[h], belief, x0, out->mu, tmp);
        if (r < 0)
            goto oom;
        if (!r) {
            *res = CN_NOT_EXACT;
            goto done;
        }
    }
    for (int h = 0; h < nh; h++) {
        if (reach_sum(G, h, &G->t1))
            goto oom;
        if (out->reached[h]) {
            if (cn_push_cond(G, conds, &G->t1, PC_POS, BRINK_COND_REACHED, h, -1, -1, &bad))
                goto oom;
        } else if (!rf_is_zero(&G->t1)) {
            if (cn_push_cond(G, conds, &G->t1, PC_ZERO, BRINK_COND_UNREACHED, h, -1, -1, &bad))
                goto oom;
        }
        int a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            if (a == bref[h])
                continue;
            rf gap;
            rf_init(&gap);
            int fail = gap_sum(G, h, a, bref[h], out->reached[h], out->mu, &gap);
            if (!fail) {
                if (supp[a0 + a])
                    fail = rf_is_zero(&gap) ? 0
                                            : cn_push_cond(G, conds, &gap, PC_ZERO,
                                                           BRINK_COND_INDIFFERENT, h, a, bref[h],
                                                           &bad);
                else
                    fail = cn_push_cond(G, conds, &gap, PC_NONPOS, BRINK_COND_BEST_REPLY, h, a,
                                        bref[h], &bad);
            }
            rf_clear(&gap);
            if (fail)
                goto oom;
        }
    }
check:
    /* every condition must hold at x0 exactly (a float method's profile may not) */
    for (int i = first_conds; i < conds->n && !bad; i++)
        if (!pc_holds(conds->c[i].kind, pq_sign_at(&conds->c[i].s, x0)))
            bad = 1;
    if (bad) {
        *res = CN_NOT_EXACT;
        goto done;
    }
    for (int k = 0; out->beh && k < g->player_action_start[g->nplayers]; k++)
        if (rf_set(&out->beh[k], &G->beh[k]))
            goto oom;
    goto done;
oom:
    st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
done:
    if (st || *res != CN_OK) {
        for (int i = first_conds; i < conds->n; i++)
            pq_clear(&conds->c[i].s);
        conds->n = first_conds;
    }
    if (st || *res != CN_OK)   /* only a continued equilibrium is handed back */
        cn_eq_free(out, g);
    G->extra = NULL;
    free(supp);
    free(mixed);
    free(bref);
    free(U);
    mpq_clear(tmp);
    return st;
}

brink_status cn_gap(cn_game *G, const cn_eq *e, int h, int a, int b, rf *out, brink_error *err)
{
    const brink_efg *g = G->g;
    int np = g->nplayers, fail = 0, used = 0;
    if (cn_pure_gap(G, e, h, a, b, out, &used))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (used)
        return BRINK_OK;
    if (workspace(G))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    rf R;
    rf_init(&R);
    if (g->infoset_nmembers[h] == 1) {
        /* one node: its subtree's values are all the gap needs (no reach: see gap_sum) */
        int v = g->infoset_member[g->infoset_member_start[h]];
        int end = v + g->node_subtree_size[v];
        for (int x = v; x < end && !fail; x++) {
            int hx = g->node_infoset[x];
            if (hx < 0 || hx >= g->player_infoset_start[np])
                continue;
            int a0 = g->infoset_action_start[hx];
            for (int k = a0; k < a0 + g->infoset_nactions[hx] && !fail; k++)
                fail = rf_set(&G->beh[k], &e->beh[k]);
        }
        fail = fail || eval_subtree(G, v) || gap_sum(G, h, a, b, e->reached[h], e->mu, out);
        rf_clear(&R);
        return fail ? brink_error_set(err, BRINK_ENOMEM, "out of memory") : BRINK_OK;
    }
    for (int k = 0; k < g->player_action_start[g->nplayers]; k++)
        if (rf_set(&G->beh[k], &e->beh[k]))
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    fail = cn_eval_tree(G) || gap_sum(G, h, a, b, e->reached[h], e->mu, out);
    if (!fail && e->reached[h] && g->infoset_nmembers[h] > 1)   /* see gap_sum */
        fail = reach_sum(G, h, &R) || rf_div(out, out, &R);
    rf_clear(&R);
    return fail ? brink_error_set(err, BRINK_ENOMEM, "out of memory") : BRINK_OK;
}
