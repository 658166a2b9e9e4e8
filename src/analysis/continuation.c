/* continuation.c — continue one exact equilibrium in one parameter and find where it stays
 * an equilibrium (see continuation.h and include/brink/threshold.h).
 *
 * Conditions for a behaviour profile sigma(t) with beliefs mu to be a weak perfect Bayesian
 * equilibrium with the same structure as at x0, per player information set h with support
 * S_h and reference action b_h in S_h:
 *   reached at x0:   R_h(t) = sum of reach over h > 0          (REACHED)
 *   unreached at x0: R_h(t) = 0                                (UNREACHED)
 *   a not in S_h:    sum_v w_v (U_a(v) - U_b(v)) <= 0          (BEST_REPLY)
 *   a in S_h:        the same sum = 0 (solved for, so identically 0)   (INDIFFERENT)
 *   a in S_h:        sigma_a(t) > 0                            (POSITIVE)
 * with w_v = reach(v) on the path (Bayes, unnormalised) and w_v = mu_v off it. Mixed
 * probabilities solve the indifference equations over Q(t); those equations are linear when
 * no root-to-leaf path through a mixed set crosses two other mixed sets counted together
 * (checked structurally), which covers signalling games and two-stage crises; otherwise the
 * result is CN_NONLINEAR and nothing is claimed.
 */
#include "analysis/continuation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#define OOM(err) brink_error_set((err), BRINK_ENOMEM, "out of memory")

static rf *rf_array(size_t n)
{
    rf *a = brink_calloc(n ? n : 1, sizeof *a);
    if (a)
        for (size_t i = 0; i < n; i++)
            rf_init(&a[i]);
    return a;
}

static void rf_array_free(rf *a, size_t n)
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
    G->beh = rf_array((size_t)g->nactions);
    G->reach = rf_array((size_t)g->nnodes);
    G->U = rf_array((size_t)g->nnodes * (size_t)g->nplayers);
    G->anc_mixed = brink_calloc((size_t)g->nnodes, sizeof *G->anc_mixed);
    G->desc_mixed = brink_calloc((size_t)g->nnodes, sizeof *G->desc_mixed);
    if (!G->beh || !G->reach || !G->U || !G->anc_mixed || !G->desc_mixed)
        return OOM(err);
    return BRINK_OK;
}

void cn_game_free(cn_game *G)
{
    const brink_efg *g = G->g;
    if (g) {
        rf_array_free(G->beh, (size_t)g->nactions);
        rf_array_free(G->reach, (size_t)g->nnodes);
        rf_array_free(G->U, (size_t)g->nnodes * (size_t)g->nplayers);
    }
    free(G->anc_mixed);
    free(G->desc_mixed);
    sc_pgame_free(&G->pg);
    rf_clear(&G->t1);
    rf_clear(&G->t2);
    rf_clear(&G->t3);
    pq_clear(&G->sp);
    memset(G, 0, sizeof *G);
}

void cn_eq_free(cn_eq *e, const brink_efg *g)
{
    rf_array_free(e->beh, (size_t)g->nactions);
    if (e->mu)
        brink_q_array_free(e->mu, (size_t)g->nnodes);
    free(e->reached);
    memset(e, 0, sizeof *e);
}

static const rf *prob_of(const cn_game *G, int act, int h)
{
    return h >= G->g->player_infoset_start[G->g->nplayers] ? &G->pg.prob[act] : &G->beh[act];
}

/* reach and U for the profile in G->beh; -1 on OOM. */
static int eval_tree(cn_game *G)
{
    const brink_efg *g = G->g;
    int N = g->nnodes, np = g->nplayers;
    if (rf_set_si(&G->reach[0], 1))
        return -1;
    for (int v = 1; v < N; v++) {
        int par = g->node_parent[v];
        if (rf_mul(&G->reach[v], &G->reach[par],
                   prob_of(G, g->node_action[v], g->node_infoset[par])))
            return -1;
    }
    for (int v = N - 1; v >= 0; v--) {
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
                if (rf_mul(&G->t1, p, &uc[i]) || rf_add(&u[i], &u[i], &G->t1))
                    return -1;
        }
    }
    return 0;
}

/* sum over v in h of w_v (U_p(child a) - U_p(child b)) into out (b < 0: w_v U_p(child a));
 * w from reach or mu. */
static int gap_sum(cn_game *G, int h, int a, int b, int reached, const mpq_t *mu, rf *out)
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
        if (reached) {
            if (rf_mul(&G->t2, &G->t2, &G->reach[v]))
                return -1;
        } else {
            if (mpq_sgn(mu[v]) == 0)
                continue;
            if (rf_set_q(&G->t3, mu[v]) || rf_mul(&G->t2, &G->t2, &G->t3))
                return -1;
        }
        if (rf_add(out, out, &G->t2))
            return -1;
    }
    return 0;
}

static int reach_sum(cn_game *G, int h, rf *out)
{
    const brink_efg *g = G->g;
    int ms = g->infoset_member_start[h], m = g->infoset_nmembers[h];
    if (rf_set_si(out, 0))
        return -1;
    for (int k = 0; k < m; k++)
        if (rf_add(out, out, &G->reach[g->infoset_member[ms + k]]))
            return -1;
    return 0;
}

static int sign_at(const rf *f, const mpq_t x, mpq_t tmp)
{
    if (rf_eval(tmp, f, x))
        return 0;
    return mpq_sgn(tmp);
}

/* Push "f has the sign kind" unless f is constant; a constant f must satisfy it (else the
 * structure is not an equilibrium at x0: *bad). */
static int push_cond(cn_game *G, pcset *conds, const rf *f, pc_kind kind, int tag, int h, int a,
                     int b, int *bad, mpq_t tmp)
{
    if (rf_is_const(f)) {
        int s = f->n.deg < 0 ? 0 : mpq_sgn(f->n.c[0]);
        if (!pc_holds(kind, s))
            *bad = 1;
        return 0;
    }
    if (rf_sign_poly(&G->sp, f))
        return -1;
    (void)tmp;
    pcond *c = pcset_push(conds, kind, &G->sp);
    if (!c)
        return -1;
    c->tag = tag;
    c->h = h;
    c->a = a;
    c->b = b;
    return 0;
}

/* The belief that makes the mover exactly indifferent among the support when that pins it
 * down (as many nodes as support actions): solve sum_v mu_v d_v(a) = 0 for a in S \ {b},
 * sum mu = 1, exactly at x0. Returns 1 with mu set (all >= 0), 0 when not applicable. */
static int indifference_belief(cn_game *G, int h, const unsigned char *supp, int bref,
                               const mpq_t x0, mpq_t *mu)
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
    mpq_t *A = brink_q_array_new((size_t)m * W), t, u;
    if (!A)
        return -1;
    mpq_inits(t, u, NULL);
    int row = 0, ok = 1;
    for (int a = 0; a < na && ok; a++) {
        if (a == bref || !supp[a0 + a])
            continue;
        for (int j = 0; j < m; j++) {
            int v = g->infoset_member[ms + j];
            const rf *ua = &G->U[(size_t)brink_efg_child(g, v, a) * (size_t)np + (size_t)p];
            const rf *ub = &G->U[(size_t)brink_efg_child(g, v, bref) * (size_t)np + (size_t)p];
            if (rf_eval(t, ua, x0) || rf_eval(u, ub, x0))
                ok = 0;
            mpq_sub(A[(size_t)row * W + (size_t)j], t, u);
        }
        row++;
    }
    for (int j = 0; j < m; j++)
        mpq_set_ui(A[(size_t)row * W + (size_t)j], 1, 1);
    mpq_set_ui(A[(size_t)row * W + (size_t)m], 1, 1);
    /* Gauss-Jordan on the m x m system */
    for (int c = 0; c < m && ok; c++) {
        int piv = -1;
        for (int r = c; r < m && piv < 0; r++)
            if (mpq_sgn(A[(size_t)r * W + (size_t)c]))
                piv = r;
        if (piv < 0) {
            ok = 0;
            break;
        }
        for (size_t j = 0; j < W; j++)
            mpq_swap(A[(size_t)piv * W + j], A[(size_t)c * W + j]);
        mpq_set(t, A[(size_t)c * W + (size_t)c]);
        for (size_t j = 0; j < W; j++)
            mpq_div(A[(size_t)c * W + j], A[(size_t)c * W + j], t);
        for (int r = 0; r < m; r++) {
            if (r == c || !mpq_sgn(A[(size_t)r * W + (size_t)c]))
                continue;
            mpq_set(t, A[(size_t)r * W + (size_t)c]);
            for (size_t j = 0; j < W; j++) {
                mpq_mul(u, t, A[(size_t)c * W + j]);
                mpq_sub(A[(size_t)r * W + j], A[(size_t)r * W + j], u);
            }
        }
    }
    for (int j = 0; j < m && ok; j++) {
        if (mpq_sgn(A[(size_t)j * W + (size_t)m]) < 0)
            ok = 0;
        else
            mpq_set(mu[g->infoset_member[ms + j]], A[(size_t)j * W + (size_t)m]);
    }
    brink_q_array_free(A, (size_t)m * W);
    mpq_clears(t, u, NULL);
    return ok;
}

/* Beliefs for an unreached set h: the first candidate under which the support is optimal at
 * x0 (the belief that makes a mixed choice indifferent, the analysis' belief, uniform, then
 * each node alone). U must hold the profile at x0's
 * structure; values are compared at x0. */
static int pick_belief(cn_game *G, int h, const unsigned char *supp, int bref, const double *belief,
                       const mpq_t x0, mpq_t *mu, mpq_t tmp)
{
    const brink_efg *g = G->g;
    int ms = g->infoset_member_start[h], m = g->infoset_nmembers[h];
    int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
    for (int cand = -3; cand < m; cand++) {
        mpq_t sum;
        mpq_init(sum);
        if (cand == -3) {
            int r = indifference_belief(G, h, supp, bref, x0, mu);
            if (r < 0) {
                mpq_clear(sum);
                return -1;
            }
            if (!r) {
                mpq_clear(sum);
                continue;
            }
        }
        for (int k = 0; k < m && cand > -3; k++) {
            int v = g->infoset_member[ms + k];
            if (cand == -2) {
                double b = belief && isfinite(belief[v]) && belief[v] > 0 ? belief[v] : 0;
                brink_q_from_double_approx(mu[v], b, 1e-9);   /* 0.666.. -> 2/3 */
            } else if (cand == -1) {
                mpq_set_ui(mu[v], 1, (unsigned long)m);
            } else {
                mpq_set_ui(mu[v], k == cand ? 1 : 0, 1);
            }
            mpq_add(sum, sum, mu[v]);
        }
        if (cand > -3 && mpq_sgn(sum) <= 0) {
            mpq_clear(sum);
            continue;
        }
        if (cand == -3)
            mpq_set_ui(sum, 1, 1);
        for (int k = 0; k < m; k++)
            mpq_div(mu[g->infoset_member[ms + k]], mu[g->infoset_member[ms + k]], sum);
        mpq_clear(sum);
        int ok = 1;
        for (int a = 0; a < na && ok; a++) {
            if (a == bref)
                continue;
            if (gap_sum(G, h, a, bref, 0, (const mpq_t *)mu, &G->t1))
                return -1;
            int s = sign_at(&G->t1, x0, tmp);
            ok = supp[a0 + a] ? s == 0 : s <= 0;
        }
        if (ok)
            return 1;
    }
    return 0;
}

/* Linearity of the indifference equations in the unknown mixed probabilities (see top). */
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
        /* an unreached set's weights are constant beliefs: only what lies below counts */
        if (mixed[h] && (reached[h] ? G->anc_mixed[v] : 0) + best > 1)
            return 0;
    }
    return 1;
}

typedef struct unk {
    int h, a, b;   /* unknown = probability of action a at h; b = reference action */
} unk;

/* Set G->beh's mixed entries: unknown j = val[j] (NULL: all zero, or e_k when k >= 0). */
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
    /* with e_k, every other unknown of k's set is 0 and its reference is 0 */
    return 0;
}

/* Solve the indifference equations for the unknowns over Q(t). Returns 0, -1 on OOM, or 1
 * when an equation that is not implied must hold (pushed as INDIFFERENT conditions). */
static int solve_mixed(cn_game *G, const unk *U, int n, const unsigned char *reached,
                       const mpq_t *mu, const mpq_t *behq, const mpq_t x0, rf *sol,
                       pcset *conds, int *bad)
{
    size_t nn = (size_t)n;
    rf *E = rf_array((nn + 1) * nn);        /* E[k * n + i]: equation i at vertex k */
    rf *A = rf_array(nn * (nn + 1));        /* augmented [A | rhs] */
    int *pivcol = brink_calloc(nn + 1, sizeof *pivcol);
    int *isfree = brink_calloc(nn + 1, sizeof *isfree);
    mpq_t tmp;
    mpq_init(tmp);
    int rc = -1;
    if (!E || !A || !pivcol || !isfree)
        goto out;
    for (int k = -1; k < n; k++) {
        if (set_unknowns(G, U, n, NULL, k) || eval_tree(G))
            goto out;
        for (int i = 0; i < n; i++)
            if (gap_sum(G, U[i].h, U[i].a, U[i].b, reached[U[i].h], mu,
                        &E[(size_t)(k + 1) * nn + (size_t)i]))
                goto out;
    }
    /* A[i][j] = E_j - E_0 (affine in u), rhs = -E_0 */
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
    /* Gauss-Jordan over Q(t), pivots chosen where they are non-zero at x0 */
    int row = 0;
    for (int j = 0; j < n; j++) {
        int p = -1;
        for (int i = row; i < n && p < 0; i++)
            if (sign_at(&A[(size_t)i * (nn + 1) + (size_t)j], x0, tmp) != 0)
                p = i;
        if (p < 0) {
            isfree[j] = 1;
            continue;
        }
        if (p != row)
            for (int c = 0; c <= n; c++) {
                rf t = A[(size_t)p * (nn + 1) + (size_t)c];
                A[(size_t)p * (nn + 1) + (size_t)c] = A[(size_t)row * (nn + 1) + (size_t)c];
                A[(size_t)row * (nn + 1) + (size_t)c] = t;
            }
        rf *prow = &A[(size_t)row * (nn + 1)];
        if (rf_set(&G->t3, &prow[j]))
            goto out;
        for (int c = 0; c <= n; c++)
            if (rf_div(&prow[c], &prow[c], &G->t3))
                goto out;
        for (int i = 0; i < n; i++) {
            if (i == row)
                continue;
            rf *r = &A[(size_t)i * (nn + 1)];
            if (rf_is_zero(&r[j]))
                continue;
            if (rf_set(&G->t3, &r[j]))
                goto out;
            for (int c = 0; c <= n; c++)
                if (rf_mul(&G->t1, &G->t3, &prow[c]) || rf_sub(&r[c], &r[c], &G->t1))
                    goto out;
        }
        pivcol[row++] = j;
    }
    /* free unknowns keep their value at x0 */
    for (int j = 0; j < n; j++)
        if (isfree[j]) {
            int a0 = G->g->infoset_action_start[U[j].h];
            if (rf_set_q(&sol[j], behq[a0 + U[j].a]))
                goto out;
        }
    for (int i = 0; i < n; i++) {
        rf *r = &A[(size_t)i * (nn + 1)];
        if (rf_set(&G->t2, &r[nn]))
            goto out;
        for (int j = 0; j < n; j++)
            if (isfree[j] && !rf_is_zero(&r[j]))
                if (rf_mul(&G->t1, &r[j], &sol[j]) || rf_sub(&G->t2, &G->t2, &G->t1))
                    goto out;
        if (i < row) {
            if (rf_set(&sol[pivcol[i]], &G->t2))
                goto out;
        } else if (!rf_is_zero(&G->t2)) {
            /* a dependent equation that holds at x0 only where this residual vanishes */
            if (push_cond(G, conds, &G->t2, PC_ZERO, BRINK_COND_INDIFFERENT, U[i].h, U[i].a,
                          U[i].b, bad, tmp))
                goto out;
        }
    }
    rc = 0;
out:
    rf_array_free(E, (nn + 1) * nn);
    rf_array_free(A, nn * (nn + 1));
    free(pivcol);
    free(isfree);
    mpq_clear(tmp);
    return rc;
}

brink_status cn_continue(cn_game *G, const mpq_t *behq, const double *belief, const mpq_t x0,
                         cn_eq *out, pcset *conds, cn_result *res, brink_error *err)
{
    const brink_efg *g = G->g;
    int nh = g->player_infoset_start[g->nplayers];
    int first_conds = conds->n;
    memset(out, 0, sizeof *out);
    *res = CN_OK;
    unsigned char *supp = brink_calloc((size_t)g->nactions + 1, 1);
    unsigned char *mixed = brink_calloc((size_t)g->ninfosets + 1, 1);
    int *bref = brink_calloc((size_t)g->ninfosets + 1, sizeof *bref);
    unk *U = brink_calloc((size_t)g->nactions + 1, sizeof *U);
    rf *sol = NULL;
    int n = 0, bad = 0;
    mpq_t tmp;
    mpq_init(tmp);
    out->beh = rf_array((size_t)g->nactions);
    out->mu = brink_q_array_new((size_t)g->nnodes);
    out->reached = brink_calloc((size_t)g->ninfosets + 1, sizeof *out->reached);
    brink_status st = BRINK_OK;
    if (!supp || !mixed || !bref || !U || !out->beh || !out->mu || !out->reached)
        goto oom;
    for (int h = 0; h < nh; h++) {
        int a0 = g->infoset_action_start[h], k = 0;
        bref[h] = -1;
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            if (mpq_sgn(behq[a0 + a]) > 0) {
                supp[a0 + a] = 1;
                if (bref[h] < 0)
                    bref[h] = a;
                k++;
            }
        if (bref[h] < 0) {   /* not a behaviour strategy: nothing to continue */
            *res = CN_NOT_EXACT;
            goto done;
        }
        mixed[h] = k > 1;
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            if (rf_set_q(&G->beh[a0 + a], behq[a0 + a]))
                goto oom;
    }
    /* which sets are reached at x0, from the exact profile */
    if (eval_tree(G))
        goto oom;
    for (int h = 0; h < nh; h++) {
        if (reach_sum(G, h, &G->t1))
            goto oom;
        out->reached[h] = sign_at(&G->t1, x0, tmp) > 0;
    }
    for (int h = 0; h < nh; h++)
        if (!out->reached[h]) {
            int r = pick_belief(G, h, supp, bref[h], belief, x0, out->mu, tmp);
            if (r < 0)
                goto oom;
            if (!r) {
                if (getenv("BRINK_DEBUG_CN")) fprintf(stderr, "no belief at %d\n", h);
                *res = CN_NOT_EXACT;
                goto done;
            }
        }
    for (int h = 0; h < nh; h++)
        if (mixed[h])
            for (int a = 0; a < g->infoset_nactions[h]; a++)
                if (a != bref[h] && supp[g->infoset_action_start[h] + a])
                    U[n++] = (unk){h, a, bref[h]};
    if (n) {
        if (!linear_structure(G, mixed, out->reached)) {
            *res = CN_NONLINEAR;
            goto done;
        }
        sol = rf_array((size_t)n);
        if (!sol || solve_mixed(G, U, n, (const unsigned char *)out->reached,
                                (const mpq_t *)out->mu, behq, x0, sol, conds, &bad))
            goto oom;
        if (set_unknowns(G, U, n, sol, -1))
            goto oom;
        for (int h = 0; h < nh; h++)
            if (mixed[h])
                for (int a = 0; a < g->infoset_nactions[h]; a++) {
                    int k = g->infoset_action_start[h] + a;
                    if (supp[k] && push_cond(G, conds, &G->beh[k], PC_POS, BRINK_COND_POSITIVE,
                                             h, a, -1, &bad, tmp))
                        goto oom;
                }
        if (eval_tree(G))
            goto oom;
    }
    for (int h = 0; h < nh; h++) {
        if (reach_sum(G, h, &G->t1))
            goto oom;
        if (out->reached[h]) {
            if (push_cond(G, conds, &G->t1, PC_POS, BRINK_COND_REACHED, h, -1, -1, &bad, tmp))
                goto oom;
        } else if (!rf_is_zero(&G->t1)) {
            if (push_cond(G, conds, &G->t1, PC_ZERO, BRINK_COND_UNREACHED, h, -1, -1, &bad, tmp))
                goto oom;
        }
        int a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            if (a == bref[h])
                continue;
            rf gap;
            rf_init(&gap);
            int fail = gap_sum(G, h, a, bref[h], out->reached[h], (const mpq_t *)out->mu, &gap);
            if (!fail) {
                if (supp[a0 + a])
                    fail = rf_is_zero(&gap) ? 0
                                            : push_cond(G, conds, &gap, PC_ZERO,
                                                        BRINK_COND_INDIFFERENT, h, a, bref[h],
                                                        &bad, tmp);
                else
                    fail = push_cond(G, conds, &gap, PC_NONPOS, BRINK_COND_BEST_REPLY, h, a,
                                     bref[h], &bad, tmp);
            }
            rf_clear(&gap);
            if (fail)
                goto oom;
        }
    }
    /* every condition must hold at x0 exactly (a float method's profile may not) */
    if (bad && getenv("BRINK_DEBUG_CN")) fprintf(stderr, "constant cond fails\n");
    for (int i = first_conds; i < conds->n && !bad; i++)
        if (!pc_holds(conds->c[i].kind, pq_sign_at(&conds->c[i].s, x0))) {
            if (getenv("BRINK_DEBUG_CN")) fprintf(stderr, "cond %d kind %d tag %d h %d a %d b %d fails\n", i, conds->c[i].kind, conds->c[i].tag, conds->c[i].h, conds->c[i].a, conds->c[i].b);
            bad = 1;
        }
    if (bad) {
        *res = CN_NOT_EXACT;
        goto done;
    }
    for (int k = 0; k < g->player_action_start[g->nplayers]; k++)
        if (rf_set(&out->beh[k], &G->beh[k]))
            goto oom;
    goto done;
oom:
    st = OOM(err);
done:
    if (st || *res != CN_OK) {
        for (int i = first_conds; i < conds->n; i++)
            pq_clear(&conds->c[i].s);
        conds->n = first_conds;
    }
    if (st)
        cn_eq_free(out, g);
    if (sol)
        rf_array_free(sol, (size_t)n);
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
    for (int k = 0; k < g->player_action_start[g->nplayers]; k++)
        if (rf_set(&G->beh[k], &e->beh[k]))
            return OOM(err);
    rf R;
    rf_init(&R);
    int fail = eval_tree(G) || gap_sum(G, h, a, b, e->reached[h], (const mpq_t *)e->mu, out);
    if (!fail && e->reached[h]) {
        fail = reach_sum(G, h, &R) || rf_div(out, out, &R);
    }
    rf_clear(&R);
    return fail ? OOM(err) : BRINK_OK;
}

/* ---------------------------------------------------------------- regions */

void cn_rational_between(mpq_t out, alg *a, alg *b)
{
    int oom = 0;
    /* refine until a's upper bound is below b's lower bound, then take the simplest */
    for (int it = 0; it < 10000; it++) {
        const mpq_t *ah = a->rational ? &a->q : &a->hi;
        const mpq_t *bl = b->rational ? &b->q : &b->lo;
        if (mpq_cmp(*ah, *bl) < 0) {
            mpq_t lo, hi;
            mpq_inits(lo, hi, NULL);
            mpq_set(lo, *ah);
            mpq_set(hi, *bl);
            if (a->rational || b->rational) {
                /* open ends: stay strictly inside */
                mpq_t w;
                mpq_init(w);
                mpq_sub(w, hi, lo);
                mpq_div_2exp(w, w, 2);
                if (a->rational)
                    mpq_add(lo, lo, w);
                if (b->rational)
                    mpq_sub(hi, hi, w);
                mpq_clear(w);
            }
            q_simplest_between(out, lo, hi);
            mpq_clears(lo, hi, NULL);
            return;
        }
        alg_refine(a);
        alg_refine(b);
    }
    (void)oom;
    mpq_set(out, a->rational ? a->q : a->hi);   /* unreachable for a < b */
}

/* Extent of one condition around x0 in one direction (dir = +1 right, -1 left). */
static void extent(const pcond *c, alg *roots, int nr, alg *x0, int x0_root, int dir,
                   const mpq_t end, alg *res, int *closed, int *failed)
{
    mpq_t q;
    mpq_init(q);
    alg *prev = x0;
    int oom = 0;
    *failed = 0;
    /* roots strictly beyond x0 in direction dir */
    int start = -1;
    if (dir > 0) {
        for (int i = 0; i < nr && start < 0; i++)
            if (alg_cmp(&roots[i], x0, &oom) > 0)
                start = i;
        if (start < 0)
            start = nr;
    } else {
        for (int i = nr - 1; i >= 0 && start < 0; i--)
            if (alg_cmp(&roots[i], x0, &oom) < 0)
                start = i;
    }
    (void)x0_root;
    for (int i = start; dir > 0 ? i < nr : i >= 0; i += dir) {
        alg *r = &roots[i];
        if (dir > 0)
            cn_rational_between(q, prev, r);
        else
            cn_rational_between(q, r, prev);
        if (!pc_holds(c->kind, pq_sign_at(&c->s, q))) {
            alg_set(res, prev);
            *closed = 1;
            *failed = 1;
            mpq_clear(q);
            return;
        }
        if (!pc_holds(c->kind, 0)) {
            alg_set(res, r);
            *closed = 0;
            *failed = 1;
            mpq_clear(q);
            return;
        }
        prev = r;
    }
    /* last cell up to the range end */
    alg e;
    alg_init(&e);
    alg_set_q(&e, end);
    if (alg_cmp(prev, &e, &oom) != 0) {
        if (dir > 0)
            cn_rational_between(q, prev, &e);
        else
            cn_rational_between(q, &e, prev);
        if (!pc_holds(c->kind, pq_sign_at(&c->s, q))) {
            alg_set(res, prev);
            *closed = 1;
            *failed = 1;
            alg_clear(&e);
            mpq_clear(q);
            return;
        }
    }
    alg_set_q(res, end);
    *closed = pc_holds(c->kind, pq_sign_at(&c->s, end));
    *failed = !*closed;
    alg_clear(&e);
    mpq_clear(q);
}

brink_status cn_component(const pcset *conds, const mpq_t x0q, const mpq_t L, const mpq_t H,
                          alg *lo, int *lo_closed, int *lo_bind, alg *hi, int *hi_closed,
                          int *hi_bind, brink_error *err)
{
    alg x0, r;
    alg_init(&x0);
    alg_init(&r);
    alg_set_q(&x0, x0q);
    alg_set_q(lo, L);
    alg_set_q(hi, H);
    *lo_closed = *hi_closed = 1;
    *lo_bind = *hi_bind = -1;
    int oom = 0;
    for (int i = 0; i < conds->n && !oom; i++) {
        const pcond *c = &conds->c[i];
        if (c->s.deg <= 0)
            continue;
        alg *roots = NULL;
        int nr = pq_roots_in(&c->s, L, H, &roots);
        if (nr < 0) {
            oom = 1;
            break;
        }
        int x0_root = pq_sign_at(&c->s, x0q) == 0;
        for (int dir = -1; dir <= 1; dir += 2) {
            int closed, failed;
            extent(c, roots, nr, &x0, x0_root, dir, dir > 0 ? H : L, &r, &closed, &failed);
            alg *cur = dir > 0 ? hi : lo;
            int *cc = dir > 0 ? hi_closed : lo_closed, *bind = dir > 0 ? hi_bind : lo_bind;
            int cmp = alg_cmp(&r, cur, &oom) * dir;   /* < 0: r is nearer to x0 */
            if (cmp < 0) {
                alg_set(cur, &r);
                *cc = closed;
                *bind = failed ? i : -1;
            } else if (cmp == 0) {
                if (!closed && *cc) {
                    *cc = 0;
                    *bind = failed ? i : *bind;
                } else if (failed && *bind < 0) {
                    *bind = i;
                }
            }
        }
        alg_array_free(roots, nr);
    }
    alg_clear(&x0);
    alg_clear(&r);
    return oom ? OOM(err) : BRINK_OK;
}
