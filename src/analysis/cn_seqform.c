/* cn_seqform.c — a two-player equilibrium continued through its sequence-form equalities.
 *
 * In realisation-plan coordinates (Koller, Megiddo and von Stengel 1996; von Stengel 1996,
 * "Efficient computation of behavior strategies") a player's best-reply conditions are
 * linear in the opponent's plan and in the player's own information-set values, so for a
 * fixed support the equilibrium is the solution of a square linear system whose coefficients
 * are the game's numbers — rational functions of t — however long the chains of mixing are.
 * Unknowns: r_i(s) for every sequence s = (h, a) with a in the support at an information set
 * h that i's own plan reaches, and V_i(h) for every information set h. Equations:
 *   V_i(h) = W_i(h, a)   for a in T_h (the support where i reaches h, else the best action
 *                        at x0, which keeps V_i(h) the best-reply value)
 *   sum_{a in S_h} r_i(h, a) = r_i(parent(h))   where i reaches h
 * with W_i(h, a) = sum over leaves l after (h, a) with i's last sequence (h, a) of
 * chance(l) u_i(l) r_j(s_j(l)), plus the V_i of i's information sets right after (h, a).
 * Conditions: r_i(s) > 0 on the support, W_i(h, a) <= V_i(h) for a outside T_h.
 */
#include "analysis/analysis_int.h"
#include "analysis/cn_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct sfw {
    int ns[2];              /* sequences per player (0 = the empty sequence) */
    int *sq[2];             /* [nnodes] player's last sequence on the path to the node */
    int *hpar;              /* [ninfosets] parent sequence of the set (of its own player) */
    mpq_t *rq[2];           /* [ns] realisation weights at x0 */
    int *rvar[2];           /* [ns] unknown index, -1 fixed (0 or, for the empty seq., 1) */
    int *vvar;              /* [ninfosets] unknown index of V (player sets only) */
    int *inT;               /* [nactions] 1 when the action is in T_h */
    int *tref;              /* [ninfosets] one action of T_h */
    int *row;               /* [nactions] equation row of (h, a) in T_h, else -1 */
    rf *c;                  /* [nnodes] chance reach */
} sfw;

static int seq_of(const brink_efg *g, int i, int k)   /* global action k of player i */
{
    return 1 + k - g->player_action_start[i];
}

static int own_reach_q(const brink_efg *g, const sfw *S, int h, mpq_t out)
{
    int i = g->infoset_player[h];
    mpq_set(out, S->rq[i][S->hpar[h]]);
    return mpq_sgn(out) > 0;
}

/* A list of values (rational functions): the selections below a sequence. */
typedef struct selv {
    rf *v;
    int n, cap;
} selv;

#define MAX_SELECTIONS 4096   /* beyond: the deviation is reported as not certified */

static void selv_free(selv *L)
{
    cn_rf_array_free(L->v, (size_t)L->cap);
    L->v = NULL;
    L->n = L->cap = 0;
}

static int selv_push(selv *L, const rf *x)
{
    if (L->n == L->cap) {
        int cap = L->cap ? 2 * L->cap : 4;
        rf *v = cn_rf_array((size_t)cap);
        if (!v)
            return -1;
        for (int i = 0; i < L->n; i++) {
            rf t = v[i];
            v[i] = L->v[i];
            L->v[i] = t;
        }
        cn_rf_array_free(L->v, (size_t)L->cap);
        L->v = v;
        L->cap = cap;
    }
    return rf_set(&L->v[L->n++], x);
}

/* Values of playing global action k (a deviation, or below one): its own leaves (Wv[k]) plus,
 * for each of the player's sets right after it, one value of one action there. Returns 0,
 * 1 when there are more than MAX_SELECTIONS, -1 on OOM. */
static int selections(cn_game *G, const sfw *S, const rf *Wv, int k, selv *out)
{
    const brink_efg *g = G->g;
    int i = k >= g->player_action_start[1] ? 1 : 0;   /* the player of action k */
    int s = 1 + k - g->player_action_start[i];
    if (selv_push(out, &Wv[k]))
        return -1;
    for (int h = g->player_infoset_start[i]; h < g->player_infoset_start[i + 1]; h++) {
        if (S->hpar[h] != s)
            continue;
        selv opts = {NULL, 0, 0}, next = {NULL, 0, 0};
        int a0 = g->infoset_action_start[h], rc = 0;
        for (int a = 0; a < g->infoset_nactions[h] && !rc; a++)
            rc = selections(G, S, Wv, a0 + a, &opts);
        if (!rc && (long)out->n * opts.n > MAX_SELECTIONS)
            rc = 1;
        for (int x = 0; x < out->n && !rc; x++)
            for (int y = 0; y < opts.n && !rc; y++)
                if (rf_add(&G->t3, &out->v[x], &opts.v[y]) || selv_push(&next, &G->t3))
                    rc = -1;
        selv_free(&opts);
        if (rc) {
            selv_free(&next);
            return rc;
        }
        selv_free(out);
        *out = next;
    }
    return 0;
}

int cn_seqform(cn_game *G, const mpq_t *behq, const unsigned char *supp, const mpq_t x0,
               pcset *conds, int *bad)
{
    const brink_efg *g = G->g;
    int N = g->nnodes, nh = g->player_infoset_start[2], first_chance = nh;
    int rc = -1, n = 0, rows = 0;
    sfw S;
    memset(&S, 0, sizeof S);
    rf *A = NULL, *sol = NULL, *Wv = NULL;
    mpq_t *xv = NULL, *Vq = NULL;
    mpq_t t1, t2;
    mpq_inits(t1, t2, NULL);
    for (int i = 0; i < 2; i++) {
        S.ns[i] = 1 + g->player_action_start[i + 1] - g->player_action_start[i];
        S.sq[i] = brink_calloc((size_t)N, sizeof *S.sq[i]);
        S.rq[i] = brink_q_array_new((size_t)S.ns[i]);
        S.rvar[i] = brink_calloc((size_t)S.ns[i], sizeof *S.rvar[i]);
        if (!S.sq[i] || !S.rq[i] || !S.rvar[i])
            goto out;
    }
    S.hpar = brink_calloc((size_t)nh + 1, sizeof *S.hpar);
    S.vvar = brink_calloc((size_t)nh + 1, sizeof *S.vvar);
    S.inT = brink_calloc((size_t)g->nactions + 1, sizeof *S.inT);
    S.tref = brink_calloc((size_t)nh + 1, sizeof *S.tref);
    S.row = brink_calloc((size_t)g->nactions + 1, sizeof *S.row);
    S.c = cn_rf_array((size_t)N);
    Vq = brink_q_array_new((size_t)nh + 1);
    if (!S.hpar || !S.vvar || !S.inT || !S.tref || !S.row || !S.c || !Vq)
        goto out;
    /* sequences along the tree, chance reach */
    if (rf_set_si(&S.c[0], 1))
        goto out;
    for (int v = 1; v < N; v++) {
        int par = g->node_parent[v], hp = g->node_infoset[par], k = g->node_action[v];
        for (int i = 0; i < 2; i++)
            S.sq[i][v] = hp < first_chance && g->infoset_player[hp] == i ? seq_of(g, i, k)
                                                                        : S.sq[i][par];
        if (hp >= first_chance) {
            if (rf_mul(&S.c[v], &S.c[par], &G->pg.prob[k]))
                goto out;
        } else if (rf_set(&S.c[v], &S.c[par])) {
            goto out;
        }
    }
    for (int h = 0; h < nh; h++)
        S.hpar[h] = S.sq[g->infoset_player[h]][g->infoset_member[g->infoset_member_start[h]]];
    /* realisation weights at x0: parents come first in pre-order */
    mpq_set_ui(S.rq[0][0], 1, 1);
    mpq_set_ui(S.rq[1][0], 1, 1);
    {
        unsigned char *done = brink_calloc((size_t)nh + 1, 1);
        if (!done)
            goto out;
        for (int v = 0; v < N; v++) {
            int h = g->node_infoset[v];
            if (h < 0 || h >= first_chance || done[h])
                continue;
            done[h] = 1;
            int i = g->infoset_player[h], a0 = g->infoset_action_start[h];
            for (int a = 0; a < g->infoset_nactions[h]; a++)
                mpq_mul(S.rq[i][seq_of(g, i, a0 + a)], S.rq[i][S.hpar[h]], behq[a0 + a]);
        }
        free(done);
    }
    /* values at x0, bottom-up over sequences: W(h, a) from the leaves and the sets below */
    Wv = cn_rf_array((size_t)g->nactions + 1);   /* W per player action, at x0 as constants */
    if (!Wv)
        goto out;
    {
        mpq_t *Wq = brink_q_array_new((size_t)g->nactions + 1);
        if (!Wq)
            goto out;
        for (int l = 0; l < g->nleaves; l++) {
            int v = g->leaf_node[l];
            for (int i = 0; i < 2; i++) {
                int s = S.sq[i][v];
                if (!s)
                    continue;
                int k = g->player_action_start[i] + s - 1;
                if (rf_eval(t1, &S.c[v], x0) ||
                    rf_eval(t2, &G->pg.pay[(size_t)l * 2 + (size_t)i], x0))
                    continue;
                mpq_mul(t1, t1, t2);
                mpq_mul(t1, t1, S.rq[1 - i][S.sq[1 - i][v]]);
                mpq_add(Wq[k], Wq[k], t1);
            }
        }
        /* deepest sets first: a set's V is needed by its parent sequence's W */
        int *order = brink_calloc((size_t)nh + 1, sizeof *order);
        if (!order) {
            brink_q_array_free(Wq, (size_t)g->nactions + 1);
            goto out;
        }
        an_infosets_by_first_node(g, order, 1);
        for (int k = 0; k < nh; k++) {
            int h = order[k], i = g->infoset_player[h], a0 = g->infoset_action_start[h];
            int reached = own_reach_q(g, &S, h, t1), best = -1;
            for (int a = 0; a < g->infoset_nactions[h]; a++) {
                S.inT[a0 + a] = reached && supp[a0 + a];
                if (S.inT[a0 + a] && best < 0)
                    best = a;
            }
            if (!reached) {   /* the best action at x0 (the equilibrium's own when tied) */
                for (int a = 0; a < g->infoset_nactions[h]; a++)
                    if (best < 0 || mpq_cmp(Wq[a0 + a], Wq[a0 + best]) > 0 ||
                        (mpq_equal(Wq[a0 + a], Wq[a0 + best]) && supp[a0 + a] &&
                         !supp[a0 + best]))
                        best = a;
                S.inT[a0 + best] = 1;
            }
            S.tref[h] = best;
            mpq_set(Vq[h], Wq[a0 + best]);
            if (S.hpar[h]) {
                int kp = g->player_action_start[i] + S.hpar[h] - 1;
                mpq_add(Wq[kp], Wq[kp], Vq[h]);
            }
        }
        free(order);
        brink_q_array_free(Wq, (size_t)g->nactions + 1);
    }
    /* unknowns */
    for (int i = 0; i < 2; i++) {
        S.rvar[i][0] = -1;
        for (int s = 1; s < S.ns[i]; s++)
            S.rvar[i][s] = -1;
    }
    for (int h = 0; h < nh; h++) {
        int i = g->infoset_player[h], a0 = g->infoset_action_start[h];
        if (!own_reach_q(g, &S, h, t1))
            continue;
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            if (supp[a0 + a])
                S.rvar[i][seq_of(g, i, a0 + a)] = n++;
    }
    for (int h = 0; h < nh; h++)
        S.vvar[h] = own_reach_q(g, &S, h, t1) ? n++ : -1;
    if (n > CN_MAX_DENSE) {   /* too large for dense elimination over Q(t): not certified */
        *bad = 1;
        rc = 0;
        goto out;
    }
    xv = brink_q_array_new((size_t)n + 1);
    if (!xv)
        goto out;
    for (int i = 0; i < 2; i++)
        for (int s = 1; s < S.ns[i]; s++)
            if (S.rvar[i][s] >= 0)
                mpq_set(xv[S.rvar[i][s]], S.rq[i][s]);
    for (int h = 0; h < nh; h++)
        if (S.vvar[h] >= 0)
            mpq_set(xv[S.vvar[h]], Vq[h]);
    /* equations */
    for (int k = 0; k < g->nactions; k++)
        S.row[k] = -1;
    for (int h = 0; h < nh; h++) {
        int a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h] && S.vvar[h] >= 0; a++)
            if (S.inT[a0 + a])
                S.row[a0 + a] = rows++;
    }
    int rows_T = rows;
    for (int h = 0; h < nh; h++)
        if (own_reach_q(g, &S, h, t1))
            rows++;
    size_t W = (size_t)n + 1;
    A = cn_rf_array((size_t)rows * W);
    sol = cn_rf_array((size_t)n + 1);
    if (!A || !sol)
        goto out;
    /* V_i(h) - W_i(h, a) = 0 */
    for (int h = 0; h < nh; h++) {
        int a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            if (S.row[a0 + a] >= 0 &&
                rf_set_si(&A[(size_t)S.row[a0 + a] * W + (size_t)S.vvar[h]], 1))
                goto out;
    }
    for (int l = 0; l < g->nleaves; l++) {
        int v = g->leaf_node[l];
        for (int i = 0; i < 2; i++) {
            int s = S.sq[i][v];
            if (!s)
                continue;
            int k = g->player_action_start[i] + s - 1, r = S.row[k];
            if (r < 0)
                continue;
            int sj = S.sq[1 - i][v], col = sj ? S.rvar[1 - i][sj] : n;   /* n: the constant */
            if (sj && col < 0)
                continue;   /* the opponent never plays into this leaf */
            if (rf_mul(&G->t1, &S.c[v], &G->pg.pay[(size_t)l * 2 + (size_t)i]))
                goto out;
            rf *e = &A[(size_t)r * W + (size_t)col];
            /* -W on the left; the constant part moves to the right-hand side with + */
            if (col == n ? rf_add(e, e, &G->t1) : rf_sub(e, e, &G->t1))
                goto out;
        }
    }
    for (int h = 0; h < nh; h++) {
        int i = g->infoset_player[h];
        if (!S.hpar[h])
            continue;
        int kp = g->player_action_start[i] + S.hpar[h] - 1, r = S.row[kp];
        if (r < 0 || S.vvar[h] < 0)
            continue;
        rf *e = &A[(size_t)r * W + (size_t)S.vvar[h]];
        if (rf_set_si(&G->t1, 1) || rf_sub(e, e, &G->t1))
            goto out;
    }
    /* realisation: sum_{a in S_h} r(h, a) - r(parent) = 0 */
    {
        int r = rows_T;
        for (int h = 0; h < nh; h++) {
            if (!own_reach_q(g, &S, h, t1))
                continue;
            int i = g->infoset_player[h], a0 = g->infoset_action_start[h];
            for (int a = 0; a < g->infoset_nactions[h]; a++)
                if (supp[a0 + a] &&
                    rf_set_si(&A[(size_t)r * W + (size_t)S.rvar[i][seq_of(g, i, a0 + a)]], 1))
                    goto out;
            int p = S.hpar[h];
            if (p) {
                rf *e = &A[(size_t)r * W + (size_t)S.rvar[i][p]];
                if (rf_set_si(&G->t1, 1) || rf_sub(e, e, &G->t1))
                    goto out;
            } else if (rf_set_si(&A[(size_t)r * W + (size_t)n], 1)) {
                goto out;
            }
            r++;
        }
    }
    if (cn_rf_solve(G, A, rows, n, x0, (const mpq_t *)xv, sol, conds, BRINK_COND_INDIFFERENT, -1,
                    -1, -1, bad))
        goto out;
    /* positive weights on the support */
    for (int i = 0; i < 2; i++)
        for (int s = 1; s < S.ns[i]; s++)
            if (S.rvar[i][s] >= 0) {
                int k = g->player_action_start[i] + s - 1, h = -1;
                /* the set of action k */
                for (int hh = g->player_infoset_start[i]; hh < g->player_infoset_start[i + 1]; hh++)
                    if (k >= g->infoset_action_start[hh] &&
                        k < g->infoset_action_start[hh] + g->infoset_nactions[hh]) {
                        h = hh;
                        break;
                    }
                if (cn_push_cond(G, conds, &sol[S.rvar[i][s]], CN_POSITIVE(G, k),
                                 BRINK_COND_POSITIVE, h, k - g->infoset_action_start[h], -1, bad))
                    goto out;
            }
    /* best replies: every value a deviation to (h, a), a outside the support, can reach is
     * at most V(h). Below a deviation the player's own later sets are unreached; its best
     * continuation there is a maximum, so each way of choosing at those sets (a selection)
     * gives one condition — max <= V is the conjunction. */
    for (int k = 0; k < g->nactions; k++)
        if (rf_set_si(&Wv[k], 0))
            goto out;
    for (int l = 0; l < g->nleaves; l++) {
        int v = g->leaf_node[l];
        for (int i = 0; i < 2; i++) {
            int s = S.sq[i][v];
            if (!s)
                continue;
            int k = g->player_action_start[i] + s - 1, sj = S.sq[1 - i][v];
            if (S.row[k] >= 0)
                continue;   /* in an equation: its value is V */
            const rf *rj = NULL;
            if (sj && S.rvar[1 - i][sj] < 0)
                continue;
            if (sj)
                rj = &sol[S.rvar[1 - i][sj]];
            if (rf_mul(&G->t1, &S.c[v], &G->pg.pay[(size_t)l * 2 + (size_t)i]) ||
                (rj && rf_mul(&G->t1, &G->t1, rj)) || rf_add(&Wv[k], &Wv[k], &G->t1))
                goto out;
        }
    }
    for (int h = 0; h < nh; h++) {
        if (S.vvar[h] < 0)
            continue;
        int a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            if (S.row[a0 + a] >= 0)
                continue;
            selv L = {NULL, 0, 0};
            int r = selections(G, &S, Wv, a0 + a, &L);
            if (r < 0) {
                selv_free(&L);
                goto out;
            }
            if (r > 0) {   /* too many ways to choose below: not certified */
                *bad = 1;
                selv_free(&L);
                continue;
            }
            for (int j = 0; j < L.n; j++)
                if (rf_sub(&G->t2, &L.v[j], &sol[S.vvar[h]]) ||
                    cn_push_cond(G, conds, &G->t2, PC_NONPOS, BRINK_COND_BEST_REPLY, h, a,
                                 S.tref[h], bad)) {
                    selv_free(&L);
                    goto out;
                }
            selv_free(&L);
        }
    }
    /* behaviour: r(h, a) / r(parent) where the player reaches h, else the sample's */
    for (int h = 0; h < nh; h++) {
        int i = g->infoset_player[h], a0 = g->infoset_action_start[h];
        int reached = own_reach_q(g, &S, h, t1);
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            rf *b = &G->beh[a0 + a];
            if (!reached || !supp[a0 + a]) {
                if (rf_set_q(b, behq[a0 + a]))
                    goto out;
                continue;
            }
            const rf *num = &sol[S.rvar[i][seq_of(g, i, a0 + a)]];
            if (!S.hpar[h]) {
                if (rf_set(b, num))
                    goto out;
            } else if (rf_is_zero(&sol[S.rvar[i][S.hpar[h]]])) {
                *bad = 1;   /* the parent sequence vanishes identically: no behaviour */
                if (rf_set_q(b, behq[a0 + a]))
                    goto out;
            } else if (rf_div(b, num, &sol[S.rvar[i][S.hpar[h]]])) {
                goto out;
            }
        }
    }
    rc = 0;
out:
    for (int i = 0; i < 2; i++) {
        free(S.sq[i]);
        if (S.rq[i])
            brink_q_array_free(S.rq[i], (size_t)S.ns[i]);
        free(S.rvar[i]);
    }
    free(S.hpar);
    free(S.vvar);
    free(S.inT);
    free(S.tref);
    free(S.row);
    cn_rf_array_free(S.c, (size_t)N);
    cn_rf_array_free(A, (size_t)rows * ((size_t)n + 1));
    cn_rf_array_free(sol, (size_t)n + 1);
    cn_rf_array_free(Wv, (size_t)g->nactions + 1);
    if (xv)
        brink_q_array_free(xv, (size_t)n + 1);
    if (Vq)
        brink_q_array_free(Vq, (size_t)nh + 1);
    mpq_clears(t1, t2, NULL);
    return rc;
}

/* ---------------------------------------------------------------- lexicographic form
 *
 * The same system with every information set treated as reached: each player's plan is
 * taken conditional on its own zero-probability choices, and the beliefs at an information
 * set of player i weigh only its nodes reached with the fewest zero-probability choices of
 * the other player j ("order" m), by chance times j's weight of the node. That weight is j's
 * realisation weight with the last zero-probability choice on the path given a free
 * tremble weight rho > 0 of its own (the limit of trembles of size eps * rho: any positive
 * rho gives consistent beliefs, Kreps and Wilson 1982) and the support's probabilities below
 * it. A rho is an unknown only where it reaches a belief (the last zero choice above a node
 * of a set of order m >= 1 at that order); other zero choices weigh 1 (plain lexicographic
 * beliefs). So off-path beliefs can move with t to keep a mixing actor indifferent, as the
 * sequential equilibria of reputation games need (the off-path sets of Kreps-Wilson).
 * Conditions are one per action at every information set plus rho > 0; the beliefs are part
 * of the certificate. The unknowns' values at x0 come from the same equations with the
 * sample's behaviour pinned (free rho = 1); when the sample's equilibrium is not supported by
 * any such beliefs the caller falls back to cn_seqform. */

typedef struct lexw {
    int *z[2];        /* [nnodes] zero-probability choices of player i on the path */
    int *keff[2];     /* [nnodes] player i's last sequence with an unknown on the path */
    int *m;           /* [ninfosets] fewest zero choices of the other player over the set */
    int *var[2];      /* [ns] unknown of kappa_i(s) or rho_i(s), -1 (none) */
    unsigned char *rho[2];   /* [ns] 1: a zero-probability sequence with a tremble weight */
    int *vvar;        /* [ninfosets] unknown of V(h) */
    int *hpar;        /* [ninfosets] own parent sequence (may be outside the support) */
    int *hkeff;       /* [ninfosets] own last sequence with an unknown above the set */
    rf *c;            /* [nnodes] chance reach */
} lexw;

static int lex_weight(const lexw *X, int v, int j, const rf *sol, rf *out)
{
    if (rf_set(out, &X->c[v]))
        return -1;
    int s = X->keff[j][v];
    if (s && rf_mul(out, out, &sol[X->var[j][s]]))
        return -1;
    return 0;
}

/* W_i(h, a) over the solution (sol) or, with row != NULL, as a row of coefficients:
 * leaves right after (h, a) at the set's order plus V of the own sets right after it at the
 * same order. */
static int lex_W(cn_game *G, const lexw *X, int h, int a, const rf *sol, rf *out, rf *row,
                 int n)
{
    const brink_efg *g = G->g;
    int i = g->infoset_player[h], j = 1 - i, k = g->infoset_action_start[h] + a;
    int s = seq_of(g, i, k), m = X->m[h];
    if (!row && rf_set_si(out, 0))
        return -1;
    /* leaves whose last own sequence is s: scan the subtrees of the set's nodes */
    int ms = g->infoset_member_start[h];
    for (int q = 0; q < g->infoset_nmembers[h]; q++) {
        int v = g->infoset_member[ms + q];
        if (X->z[j][v] != m)
            continue;
        int c0 = brink_efg_child(g, v, a);
        int end = c0 + g->node_subtree_size[c0];
        for (int x = c0; x < end; x++) {
            int hx = g->node_infoset[x];
            if (hx >= 0)
                continue;
            /* a leaf: own last sequence s, the other with no further zero choice */
            int own = 0;
            for (int y = x; g->node_parent[y] != v; y = g->node_parent[y]) {
                int hp = g->node_infoset[g->node_parent[y]];
                if (hp >= 0 && hp < g->player_infoset_start[2] && g->infoset_player[hp] == i) {
                    own = 1;
                    break;
                }
            }
            if (own || X->z[j][x] != m)
                continue;
            int l = g->node_leaf[x];
            if (rf_mul(&G->t1, &X->c[x], &G->pg.pay[(size_t)l * 2 + (size_t)i]))
                return -1;
            int sj = X->keff[j][x];
            if (row) {
                rf *e = &row[sj ? X->var[j][sj] : n];
                /* V - W = 0: -coefficient on the left, the constant to the right */
                if (sj ? rf_sub(e, e, &G->t1) : rf_add(e, e, &G->t1))
                    return -1;
            } else {
                if (sj && rf_mul(&G->t1, &G->t1, &sol[X->var[j][sj]]))
                    return -1;
                if (rf_add(out, out, &G->t1))
                    return -1;
            }
        }
    }
    for (int h2 = g->player_infoset_start[i]; h2 < g->player_infoset_start[i + 1]; h2++) {
        if (X->hpar[h2] != s || X->m[h2] != m)
            continue;
        if (row) {
            rf *e = &row[X->vvar[h2]];
            if (rf_set_si(&G->t1, 1) || rf_sub(e, e, &G->t1))
                return -1;
        } else if (rf_add(out, out, &sol[X->vvar[h2]])) {
            return -1;
        }
    }
    return 0;
}

/* The equalities: V(h) = W(h, a) for a in the support and the plan's sums at every set;
 * with behq, also each support weight pinned to the sample's behaviour times its parent's
 * (the system at x0 that gives the unknowns' values there). Returns the rows written. */
static int lex_rows(cn_game *G, const lexw *X, const unsigned char *supp, const mpq_t *behq,
                    rf *A, int n)
{
    const brink_efg *g = G->g;
    int nh = g->player_infoset_start[2], r = 0;
    size_t W = (size_t)n + 1;
    for (int h = 0; h < nh; h++) {
        int i = g->infoset_player[h], a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            if (!supp[a0 + a])
                continue;
            rf *row = &A[(size_t)r * W];
            if (rf_set_si(&row[X->vvar[h]], 1) || lex_W(G, X, h, a, NULL, NULL, row, n))
                return -1;
            r++;
            if (!behq)
                continue;
            row = &A[(size_t)r * W];   /* kappa(h, a) = beh(a) kappa(parent) */
            if (rf_set_si(&row[X->var[i][seq_of(g, i, a0 + a)]], 1))
                return -1;
            if (X->hkeff[h]) {
                if (rf_set_q(&G->t1, behq[a0 + a]))
                    return -1;
                rf_neg(&G->t1);
                if (rf_set(&row[X->var[i][X->hkeff[h]]], &G->t1))
                    return -1;
            } else if (rf_set_q(&row[n], behq[a0 + a])) {
                return -1;
            }
            r++;
        }
        rf *row = &A[(size_t)r * W];
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            if (supp[a0 + a] && rf_set_si(&row[X->var[i][seq_of(g, i, a0 + a)]], 1))
                return -1;
        if (X->hkeff[h]) {
            rf *e = &row[X->var[i][X->hkeff[h]]];
            if (rf_set_si(&G->t1, 1) || rf_sub(e, e, &G->t1))
                return -1;
        } else if (rf_set_si(&row[n], 1)) {
            return -1;
        }
        r++;
    }
    return r;
}

static void lex_free(lexw *X, int N)
{
    for (int i = 0; i < 2; i++) {
        free(X->z[i]);
        free(X->keff[i]);
        free(X->var[i]);
        free(X->rho[i]);
    }
    free(X->m);
    free(X->vvar);
    free(X->hpar);
    free(X->hkeff);
    cn_rf_array_free(X->c, (size_t)N);
}

/* Orders, chance reach, tremble weights and unknowns. Returns 1 when the form applies,
 * 0 when not (nature's zero, too many unknowns), -1 on OOM; sets *nunk. */
static int lex_setup(cn_game *G, lexw *X, const unsigned char *supp, const mpq_t x0, int *nunk)
{
    const brink_efg *g = G->g;
    int N = g->nnodes, nh = g->player_infoset_start[2], first_chance = nh, n = 0, ns[2];
    int *lastz[2] = {NULL, NULL}, rc = -1;
    mpq_t q1;
    mpq_init(q1);
    for (int i = 0; i < 2; i++) {
        ns[i] = 1 + g->player_action_start[i + 1] - g->player_action_start[i];
        X->z[i] = brink_calloc((size_t)N, sizeof *X->z[i]);
        X->keff[i] = brink_calloc((size_t)N, sizeof *X->keff[i]);
        X->var[i] = brink_calloc((size_t)ns[i], sizeof *X->var[i]);
        X->rho[i] = brink_calloc((size_t)ns[i], 1);
        lastz[i] = brink_calloc((size_t)N, sizeof *lastz[i]);
        if (!X->z[i] || !X->keff[i] || !X->var[i] || !X->rho[i] || !lastz[i])
            goto out;
    }
    X->m = brink_calloc((size_t)nh + 1, sizeof *X->m);
    X->vvar = brink_calloc((size_t)nh + 1, sizeof *X->vvar);
    X->hpar = brink_calloc((size_t)nh + 1, sizeof *X->hpar);
    X->hkeff = brink_calloc((size_t)nh + 1, sizeof *X->hkeff);
    X->c = cn_rf_array((size_t)N);
    if (!X->m || !X->vvar || !X->hpar || !X->hkeff || !X->c || rf_set_si(&X->c[0], 1))
        goto out;
    for (int v = 1; v < N; v++) {
        int par = g->node_parent[v], hp = g->node_infoset[par], k = g->node_action[v];
        for (int i = 0; i < 2; i++) {
            X->z[i][v] = X->z[i][par];
            lastz[i][v] = lastz[i][par];
            if (hp < first_chance && g->infoset_player[hp] == i && !supp[k]) {
                X->z[i][v]++;
                lastz[i][v] = seq_of(g, i, k);
            }
        }
        if (hp >= first_chance) {
            if (rf_mul(&X->c[v], &X->c[par], &G->pg.prob[k]))
                goto out;
            if (cn_sign_at(&G->pg.prob[k], x0, q1) == 0) {   /* nature's zero: not handled */
                rc = 0;
                goto out;
            }
        } else if (rf_set(&X->c[v], &X->c[par])) {
            goto out;
        }
    }
    for (int h = 0; h < nh; h++) {
        int i = g->infoset_player[h], ms = g->infoset_member_start[h];
        int v0 = g->infoset_member[ms];
        X->hpar[h] = 0;   /* own parent sequence (support or not) */
        for (int y = v0; y != 0; y = g->node_parent[y]) {
            int hp = g->node_infoset[g->node_parent[y]];
            if (hp >= 0 && hp < first_chance && g->infoset_player[hp] == i) {
                X->hpar[h] = seq_of(g, i, g->node_action[y]);
                break;
            }
        }
        X->m[h] = -1;
        for (int q = 0; q < g->infoset_nmembers[h]; q++) {
            int z = X->z[1 - i][g->infoset_member[ms + q]];
            if (X->m[h] < 0 || z < X->m[h])
                X->m[h] = z;
        }
        /* the zero choices whose tremble weight reaches this set's beliefs */
        for (int q = 0; q < g->infoset_nmembers[h] && X->m[h] > 0; q++) {
            int v = g->infoset_member[ms + q];
            if (X->z[1 - i][v] == X->m[h])
                X->rho[1 - i][lastz[1 - i][v]] = 1;
        }
    }
    /* unknowns: kappa of every support sequence, V of every set, rho */
    for (int i = 0; i < 2; i++)
        for (int s = 0; s < ns[i]; s++)
            X->var[i][s] = -1;
    for (int h = 0; h < nh; h++) {
        int i = g->infoset_player[h], a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            if (supp[a0 + a])
                X->var[i][seq_of(g, i, a0 + a)] = n++;
    }
    for (int h = 0; h < nh; h++)
        X->vvar[h] = n++;
    /* rho last: the elimination pivots on the values first, so a weight whose scale nothing
     * fixes stays free (at 1) rather than a value */
    for (int i = 0; i < 2; i++)
        for (int s = 1; s < ns[i]; s++)
            if (X->rho[i][s])
                X->var[i][s] = n++;
    if (n > CN_MAX_DENSE) {   /* dense elimination over Q(t) would not fit: not applicable */
        rc = 0;
        goto out;
    }
    for (int v = 1; v < N; v++) {   /* each node's last sequence with an unknown */
        int par = g->node_parent[v], hp = g->node_infoset[par], k = g->node_action[v];
        for (int i = 0; i < 2; i++) {
            X->keff[i][v] = X->keff[i][par];
            if (hp < first_chance && g->infoset_player[hp] == i && X->var[i][seq_of(g, i, k)] >= 0)
                X->keff[i][v] = seq_of(g, i, k);
        }
    }
    for (int h = 0; h < nh; h++)
        X->hkeff[h] = X->keff[g->infoset_player[h]][g->infoset_member[g->infoset_member_start[h]]];
    *nunk = n;
    rc = 1;
out:
    free(lastz[0]);
    free(lastz[1]);
    mpq_clear(q1);
    return rc;
}

int cn_seqform_lex(cn_game *G, const mpq_t *behq, const unsigned char *supp, const mpq_t x0,
                   pcset *conds, rf *mu, int *applies, int *bad)
{
    const brink_efg *g = G->g;
    int N = g->nnodes, nh = g->player_infoset_start[2];
    int rc = -1, n = 0, rows = 0, rows0 = 0, nties = 0;
    int *ties = NULL;
    *applies = 0;
    lexw X;
    memset(&X, 0, sizeof X);
    rf *A = NULL, *sol = NULL;
    size_t Asize = 0;
    mpq_t *xv = NULL;
    mpq_t q1;
    mpq_init(q1);
    pcset local = {NULL, 0, 0};
    int lbad = 0;
    int st = lex_setup(G, &X, supp, x0, &n);
    if (st <= 0) {
        rc = st < 0 ? -1 : 0;
        goto out;
    }
    rows0 = nh;
    int maxties = 0;   /* ties (below) are unplayed actions */
    for (int k = 0; k < g->player_action_start[2]; k++) {
        rows0 += 2 * supp[k];
        maxties += !supp[k];
    }
    size_t W = (size_t)n + 1;
    Asize = (size_t)(rows0 + maxties) * W;   /* made once, for the system with the ties too */
    A = cn_rf_array(Asize);
    xv = brink_q_array_new((size_t)n + 1);
    sol = cn_rf_array((size_t)n + 1);
    if (!A || !xv || !sol)
        goto out;
    /* values at x0: the equalities at x0 with the sample's behaviour pinned */
    rows = lex_rows(G, &X, supp, behq, A, n);
    if (rows < 0)
        goto out;
    for (size_t e = 0; e < (size_t)rows * W; e++) {
        if (rf_is_const(&A[e]))
            continue;
        if (rf_eval(q1, &A[e], x0)) {   /* a number undefined at x0: not applicable */
            rc = 0;
            goto out;
        }
        if (rf_set_q(&A[e], q1))
            goto out;
    }
    for (int j = 0; j < n; j++)
        mpq_set_ui(xv[j], 1, 1);   /* a free tremble weight: 1 (plain lexicographic) */
    if (cn_rf_solve(G, A, rows, n, x0, (const mpq_t *)xv, sol, &local, BRINK_COND_INDIFFERENT,
                    -1, -1, -1, &lbad))
        goto out;
    if (lbad || local.n) {   /* the sample is not supported by such beliefs */
        rc = 0;
        goto out;
    }
    for (int j = 0; j < n; j++)
        if (rf_eval(xv[j], &sol[j], x0)) {
            rc = 0;
            goto out;
        }
    /* ties at x0: an action outside the support as good as the support. Where the sample's
     * free choices (an off-path mix, a tremble weight) sit at such a vertex, holding them
     * constant would end the region at once on one side; keeping the tie as an equality
     * pins them instead (the action stays unplayed, its mover indifferent). */
    ties = brink_calloc(2 * (size_t)g->player_action_start[2] + 2, sizeof *ties);
    if (!ties)
        goto out;
    for (int h = 0; h < nh; h++) {
        int a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            if (supp[a0 + a])
                continue;
            if (lex_W(G, &X, h, a, sol, &G->t2, NULL, n) || rf_eval(q1, &G->t2, x0))
                goto out;
            if (mpq_equal(q1, xv[X.vvar[h]])) {
                ties[2 * nties] = h;
                ties[2 * nties++ + 1] = a;
            }
        }
    }
    rows0 += nties;
    for (size_t e = 0; e < (size_t)rows0 * W; e++)
        if (rf_set_si(&A[e], 0))   /* (no allocation where the entry is already 0 / 1) */
            goto out;
    /* the equalities over Q(t), with the ties first tried as equalities too */
    for (int use_ties = nties > 0;; use_ties = 0) {
        int first = local.n;
        rows = lex_rows(G, &X, supp, NULL, A, n);
        if (rows < 0)
            goto out;
        for (int k = 0; k < nties && use_ties; k++) {
            int h = ties[2 * k], a = ties[2 * k + 1];
            rf *row = &A[(size_t)rows * W];
            if (rf_set_si(&row[X.vvar[h]], 1) || lex_W(G, &X, h, a, NULL, NULL, row, n))
                goto out;
            rows++;
        }
        if (cn_rf_solve(G, A, rows, n, x0, (const mpq_t *)xv, sol, &local,
                        BRINK_COND_INDIFFERENT, -1, -1, -1, &lbad))
            goto out;
        if (!use_ties || (!lbad && local.n == first))
            break;
        /* a tie that cannot be kept: without them */
        for (int c = first; c < local.n; c++)
            pq_clear(&local.c[c].s);
        local.n = first;
        lbad = 0;
        for (size_t e = 0; e < (size_t)rows0 * W; e++)
            if (rf_set_si(&A[e], 0))
                goto out;
    }
    /* conditions: positive kappa and rho, best replies, each set keeps its weight */
    for (int h = 0; h < nh && !lbad; h++) {
        int i = g->infoset_player[h], a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            int s = seq_of(g, i, a0 + a);
            if (supp[a0 + a]) {
                if (cn_push_cond(G, &local, &sol[X.var[i][s]], CN_POSITIVE(G, a0 + a),
                                 BRINK_COND_POSITIVE, h, a, -1, &lbad))
                    goto out;
                continue;
            }
            if (X.rho[i][s] && cn_push_cond(G, &local, &sol[X.var[i][s]], PC_POS,
                                            BRINK_COND_BELIEF, h, a, -1, &lbad))
                goto out;
            int b = 0;
            while (!supp[a0 + b])
                b++;
            if (lex_W(G, &X, h, a, sol, &G->t2, NULL, n) ||
                rf_sub(&G->t2, &G->t2, &sol[X.vvar[h]]) ||
                cn_push_cond(G, &local, &G->t2, PC_NONPOS, BRINK_COND_BEST_REPLY, h, a, b, &lbad))
                goto out;
        }
        int ms = g->infoset_member_start[h];
        if (rf_set_si(&G->t2, 0))
            goto out;
        for (int q = 0; q < g->infoset_nmembers[h]; q++) {
            int v = g->infoset_member[ms + q];
            if (X.z[1 - i][v] != X.m[h])
                continue;
            if (lex_weight(&X, v, 1 - i, sol, &G->t1) || rf_add(&G->t2, &G->t2, &G->t1))
                goto out;
        }
        if (cn_push_cond(G, &local, &G->t2, PC_POS, BRINK_COND_REACHED, h, -1, -1, &lbad))
            goto out;
        /* beliefs */
        for (int q = 0; q < g->infoset_nmembers[h]; q++) {
            int v = g->infoset_member[ms + q];
            if (X.z[1 - i][v] != X.m[h]) {
                if (rf_set_si(&mu[v], 0))
                    goto out;
                continue;
            }
            if (rf_is_zero(&G->t2)) {
                rc = 0;   /* no weight at all: not applicable */
                goto out;
            }
            if (lex_weight(&X, v, 1 - i, sol, &mu[v]) || rf_div(&mu[v], &mu[v], &G->t2))
                goto out;
        }
    }
    for (int c = 0; c < local.n && !lbad; c++)
        if (!pc_holds(local.c[c].kind, pq_sign_at(&local.c[c].s, x0)))
            lbad = 1;
    if (lbad) {
        rc = 0;   /* not applicable */
        goto out;
    }
    /* behaviour */
    for (int h = 0; h < nh; h++) {
        int i = g->infoset_player[h], a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            rf *b = &G->beh[a0 + a];
            if (!supp[a0 + a]) {
                if (rf_set_si(b, 0))
                    goto out;
                continue;
            }
            const rf *num = &sol[X.var[i][seq_of(g, i, a0 + a)]];
            if (X.hkeff[h] && rf_is_zero(&sol[X.var[i][X.hkeff[h]]])) {
                rc = 0;   /* the parent vanishes identically: not applicable */
                goto out;
            }
            if (X.hkeff[h] ? rf_div(b, num, &sol[X.var[i][X.hkeff[h]]]) : rf_set(b, num))
                goto out;
        }
    }
    for (int c = 0; c < local.n; c++) {
        pcond *d = pcset_push(conds, local.c[c].kind, &local.c[c].s);
        if (!d)
            goto out;
        d->tag = local.c[c].tag;
        d->h = local.c[c].h;
        d->a = local.c[c].a;
        d->b = local.c[c].b;
    }
    *applies = 1;
    rc = 0;
out:
    (void)bad;
    pcset_free(&local);
    free(ties);
    lex_free(&X, N);
    cn_rf_array_free(A, Asize);
    cn_rf_array_free(sol, (size_t)n + 1);
    if (xv)
        brink_q_array_free(xv, (size_t)n + 1);
    mpq_clear(q1);
    return rc;
}
