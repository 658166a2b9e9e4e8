/* cn_rsf.c — every extreme equilibrium of a small two-player game's reduced strategic form,
 * with the polynomials in t whose roots bound the interval on which their structure holds.
 *
 * The reduced strategies are structural (brink_efg_to_nfg: a strategy picks an action at each
 * own information set that its own earlier choices do not exclude; no payoff is read), so
 * the strategic form's payoffs are rational functions of t: a cell's payoff to p is the sum
 * over the leaves both strategies lead to of chance reach times the leaf's payoff (G->pg).
 * Per player they are put over one denominator D_p (the lcm of the leaves' denominators)
 * and multiplied by sign(D_p(x)) D_p: a positive scaling of that player's payoffs wherever
 * D_p has no root, which leaves best replies, hence equilibria, unchanged.
 *
 * Extreme equilibria are the completely labelled vertex pairs of the best-reply polyhedra
 * P2 = {(y, v): A y <= v 1, y >= 0, sum y = 1} and P1 = {(x, u): B^T x <= u 1, x >= 0,
 * sum x = 1} (labels: player 1's strategies i, player 2's m + j). A vertex of P2 has n tight
 * constraints among the m + n: a support S of y (|S| = k, y_j = 0 off S) and k tight rows T.
 * The square system (rows T, sum row) is solved by Cramer's rule: D = det, y_c = C_c / D and
 * v = C_v / D, C the cofactors of the sum row, polynomials in t; row i's slack is
 * (C_v - sum_c A_ic C_c) / D. On an interval where none of D, the C_c (c in S) and the slack
 * numerators that is not identically zero has a root (and none vanishes at x), each choice
 * (S, T) is a vertex throughout or nowhere, with the same labels (slack identically zero) and
 * support (C_c not identically zero): the completely labelled pairs, and their supports, are
 * those of x. Chance probabilities' numerators and denominators are in the list too, so
 * which nodes are reached stays what it is at x.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/cn_int.h"
#include "brink/game.h"
#include "brink/core.h"
#include "brink/nfg.h"

/* A vertex's coordinates: support columns S[0..k), cofactors C[0..k] (C[k]: the value) and
 * the determinant D; y_S[c] = C[c] / D. */
typedef struct vtx {
    int k;
    int *S;
    pq *C;
    pq D;
} vtx;

typedef struct rsf {
    const brink_efg *g;
    const brink_reduced *map;
    int ns[2];
    pq *M[2];          /* M[0] = A (m x n), M[1] = B^T (n x m): row-major polynomials */
    pq *P;             /* collected polynomials, monic */
    int np, npcap;
    int nl;            /* labels: m + n */
    /* vertices of each polyhedron: labels [nl] and support over its columns */
    unsigned char *vl[2], *vs[2];
    vtx *vx[2];
    int nv[2], vcap[2];
    const mpq_t *x;
    int mode;          /* signs at x (0), just above it (1), just below it (-1) */
    /* each choice of tight sets' cofactors, in the order vertices() meets them: the same
     * for every mode (C[0..k], then D) */
    pq *tc[2];
    int ntc[2], tccap[2];
    int oom;
    double deadline;
    int stop;          /* 1: not shown (a root at x, past the deadline, undefined) */
    /* outcome agreement (cn_rsf_extreme's agree): each leaf's chance reach, the strategies
     * leading to it, the groups, and the first extreme equilibrium's values and group
     * probabilities as functions of t (ref[2 + ngroups]) */
    rf *chance;
    const unsigned char *cons[2];
    const int *lgroup;
    int ngroups, have_ref;
    int *agree;
    rf *ref, *cur;
    /* one equilibrium as the analysis counts them (cn_rsf_extreme's one): the first pair's
     * completed behaviour and reached sets, and the polynomials its completions push, kept
     * apart (P1) and added to P only when the answer is 1 */
    int *one, one_have;
    rf *one_ref, *one_cur;
    unsigned char *one_reached;
    pq *P1;
    int np1, np1cap;
} rsf;

static int push_poly(rsf *R, const pq *p)
{
    if (pq_is_zero(p) || pq_is_const(p))
        return 0;
    if (R->np == R->npcap) {
        int cap = R->npcap ? 2 * R->npcap : 64;
        pq *n = brink_reallocarray(R->P, (size_t)cap, sizeof *n);
        if (!n)
            return -1;
        R->P = n;
        R->npcap = cap;
    }
    pq *d = &R->P[R->np];
    pq_init(d);
    mpq_t k;
    mpq_init(k);
    mpq_inv(k, p->c[p->deg]);
    int f = pq_scale(d, p, k);
    mpq_clear(k);
    R->np++;
    return f ? -1 : 0;
}

static int pq_cmp(const void *va, const void *vb)
{
    const pq *a = va, *b = vb;
    if (a->deg != b->deg)
        return a->deg < b->deg ? -1 : 1;
    for (int i = a->deg; i >= 0; i--) {
        int c = mpq_cmp(a->c[i], b->c[i]);
        if (c)
            return c < 0 ? -1 : 1;
    }
    return 0;
}

/* Sign of p at x (mode 0), just above x (1) or just below it (-1): the first derivative not
 * vanishing at x decides. */
static int sg(rsf *R, const pq *p)
{
    if (pq_is_zero(p))
        return 0;
    if (!R->mode)
        return pq_sign_at(p, *R->x);
    pq d, e;
    pq_init(&d);
    pq_init(&e);
    int s = 0;
    if (pq_set(&d, p))
        R->oom = 1;
    for (int k = 0; !R->oom; k++) {
        s = pq_sign_at(&d, *R->x);
        if (s) {
            if (R->mode < 0 && (k & 1))
                s = -s;
            break;
        }
        if (pq_deriv(&e, &d) || pq_set(&d, &e))
            R->oom = 1;
    }
    pq_clear(&d);
    pq_clear(&e);
    return s;
}

static int sg_rf(rsf *R, const rf *f)
{
    return sg(R, &f->n) * sg(R, &f->d);
}

/* Is strategy s of player p consistent with the path to node v (its own choices on it)? */
static int consistent(const rsf *R, int p, int s, int v)
{
    const brink_efg *g = R->g;
    int h0 = g->player_infoset_start[p], nh = g->player_infoset_start[p + 1] - h0;
    for (int u = v; g->node_parent[u] >= 0; u = g->node_parent[u]) {
        int par = g->node_parent[u], h = g->node_infoset[par];
        if (g->infoset_player[h] != p)
            continue;
        int c = R->map->choice[p][(size_t)s * (size_t)nh + (size_t)(h - h0)];
        if (c != g->node_action[u] - g->infoset_action_start[h])
            return 0;
    }
    return 1;
}

/* Sign (in R's mode) of the chance reach of v (0, or 1). */
static int chance_reach(rsf *R, const cn_game *G, int v)
{
    const brink_efg *g = R->g;
    for (int u = v; g->node_parent[u] >= 0; u = g->node_parent[u]) {
        int h = g->node_infoset[g->node_parent[u]];
        if (g->infoset_player[h] < 0 && sg_rf(R, &G->pg.prob[g->node_action[u]]) <= 0)
            return 0;
    }
    return 1;
}

/* Determinant of the k x k matrix a (row-major, destroyed) by Bareiss' fraction-free
 * elimination. */
static int det_bareiss(pq *a, int k, pq *out, pq *t1, pq *t2, pq *prev)
{
    int sign = 1;
    if (pq_set_si(prev, 1))
        return -1;
    for (int c = 0; c < k; c++) {
        int r = c;
        while (r < k && pq_is_zero(&a[r * k + c]))
            r++;
        if (r == k)
            return pq_set_si(out, 0);
        if (r != c) {
            for (int j = 0; j < k; j++) {
                pq tmp = a[r * k + j];
                a[r * k + j] = a[c * k + j];
                a[c * k + j] = tmp;
            }
            sign = -sign;
        }
        for (int i = c + 1; i < k; i++) {
            for (int j = c + 1; j < k; j++) {
                /* a_ij = (a_cc a_ij - a_ic a_cj) / prev */
                if (pq_mul(t1, &a[c * k + c], &a[i * k + j]) ||
                    pq_mul(t2, &a[i * k + c], &a[c * k + j]) || pq_sub(t1, t1, t2) ||
                    pq_divrem(&a[i * k + j], t2, t1, prev))
                    return -1;
            }
        }
        if (pq_set(prev, &a[c * k + c]))
            return -1;
    }
    if (pq_set(out, prev))
        return -1;
    if (sign < 0)
        pq_neg(out);
    return 0;
}

static int next_subset(int *s, int k, int n)
{
    int i = k - 1;
    while (i >= 0 && s[i] == n - k + i)
        i--;
    if (i < 0)
        return 0;
    s[i]++;
    for (int j = i + 1; j < k; j++)
        s[j] = s[j - 1] + 1;
    return 1;
}

static void vtx_clear(vtx *v)
{
    for (int c = 0; v->C && c <= v->k; c++)
        pq_clear(&v->C[c]);
    free(v->C);
    free(v->S);
    pq_clear(&v->D);
}

/* Is the vertex (k, S, C, D) vx[w][i] again (the same support, the same coordinates as
 * functions of t)? Another choice of tight constraints of a degenerate game gives it. */
static int same_vertex(rsf *R, int w, int i, int k, const int *S, const pq *C, const pq *D, pq *t1,
                       pq *t2)
{
    const vtx *v = &R->vx[w][i];
    if (v->k != k || memcmp(v->S, S, (size_t)k * sizeof *S))
        return 0;
    for (int c = 0; c < k; c++) {
        if (pq_mul(t1, &v->C[c], D) || pq_mul(t2, &C[c], &v->D)) {
            R->oom = 1;
            return 0;
        }
        if (!pq_equal(t1, t2))
            return 0;
    }
    return 1;
}

static int add_vertex(rsf *R, int w, const unsigned char *lab, const unsigned char *sup, int nc,
                      int k, const int *S, const pq *C, const pq *D)
{
    pq t1, t2;
    pq_init(&t1);
    pq_init(&t2);
    int dup = 0;
    for (int i = 0; i < R->nv[w] && !dup && !R->oom; i++)
        dup = same_vertex(R, w, i, k, S, C, D, &t1, &t2);
    pq_clear(&t1);
    pq_clear(&t2);
    if (R->oom)
        return -1;
    if (dup)
        return 0;
    if (R->nv[w] == R->vcap[w]) {
        int cap = R->vcap[w] ? 2 * R->vcap[w] : 16;
        vtx *nvx = brink_reallocarray(R->vx[w], (size_t)cap, sizeof *nvx);
        if (!nvx)
            return -1;
        R->vx[w] = nvx;
        unsigned char *l = brink_reallocarray(R->vl[w], (size_t)cap, (size_t)R->nl);
        if (!l)
            return -1;
        R->vl[w] = l;
        unsigned char *s = brink_reallocarray(R->vs[w], (size_t)cap, (size_t)nc);
        if (!s)
            return -1;
        R->vs[w] = s;
        R->vcap[w] = cap;
    }
    memcpy(R->vl[w] + (size_t)R->nv[w] * (size_t)R->nl, lab, (size_t)R->nl);
    memcpy(R->vs[w] + (size_t)R->nv[w] * (size_t)nc, sup, (size_t)nc);
    vtx *v = &R->vx[w][R->nv[w]++];
    v->k = k;
    pq_init(&v->D);
    v->S = brink_calloc((size_t)k, sizeof *v->S);
    v->C = brink_calloc((size_t)k + 1, sizeof *v->C);
    if (!v->S || !v->C) {
        free(v->S);
        free(v->C);
        v->S = NULL;
        v->C = NULL;
        return -1;
    }
    memcpy(v->S, S, (size_t)k * sizeof *S);
    for (int c = 0; c <= k; c++)
        pq_init(&v->C[c]);
    for (int c = 0; c <= k; c++)
        if (pq_set(&v->C[c], &C[c]))
            return -1;
    return pq_set(&v->D, D);
}

/* The vertices of polyhedron w (0: P2 over A, 1: P1 over B^T). */
static int vertices(rsf *R, int w)
{
    int nr = R->ns[w], nc = R->ns[1 - w], m = R->ns[0];
    const pq *M = R->M[w];
    int kmax = nr < nc ? nr : nc;
    /* global labels: row i of A is player 1's strategy i, its column j player 2's (m + j);
     * for B^T the other way round */
    int roff = w == 0 ? 0 : m, coff = w == 0 ? m : 0;
    int *S = brink_calloc((size_t)kmax + 1, sizeof *S), *T = brink_calloc((size_t)kmax + 1, sizeof *T);
    pq *K = brink_calloc((size_t)(kmax * kmax) + 1, sizeof *K);
    pq *C = brink_calloc((size_t)kmax + 2, sizeof *C);
    unsigned char *lab = brink_calloc((size_t)R->nl, 1), *sup = brink_calloc((size_t)nc + 1, 1),
                  *inT = brink_calloc((size_t)nr + 1, 1);
    pq D, t1, t2, prev, sl;
    pq_init(&D);
    pq_init(&t1);
    pq_init(&t2);
    pq_init(&prev);
    pq_init(&sl);
    mpq_t q;
    mpq_init(q);
    int f = !S || !T || !K || !C || !lab || !sup || !inT ? -1 : 0;
    for (int i = 0; !f && i < kmax * kmax; i++)
        pq_init(&K[i]);
    for (int i = 0; !f && i < kmax + 1; i++)
        pq_init(&C[i]);
    int idx = 0;
    size_t tcoff = 0;
    for (int k = 1; !f && !R->stop && k <= kmax; k++) {
        for (int i = 0; i < k; i++)
            S[i] = i;
        do {
            for (int i = 0; i < k; i++)
                T[i] = i;
            do {
                if (R->deadline > 0 && brink_now() > R->deadline) {
                    R->stop = 1;
                    break;
                }
                if (idx < R->ntc[w]) {   /* computed in an earlier mode */
                    const pq *cc = R->tc[w] + (size_t)tcoff;
                    for (int c = 0; c <= k && !f; c++)
                        f = pq_set(&C[c], &cc[c]);
                    if (!f)
                        f = pq_set(&D, &cc[k + 1]);
                    tcoff += (size_t)k + 2;
                    idx++;
                    if (f)
                        break;
                    goto classify;
                }
                /* cofactors of the sum row: C_c = (-1)^(k + c) det(rows T of [M_S, -1]
                 * without column c), c = 0..k (k: v's column) */
                for (int c = 0; c <= k && !f; c++) {
                    for (int i = 0; i < k && !f; i++) {
                        int jj = 0;
                        for (int j = 0; j <= k && !f; j++) {
                            if (j == c)
                                continue;
                            pq *e = &K[i * k + jj++];
                            f = j < k ? pq_set(e, &M[(size_t)T[i] * (size_t)nc + (size_t)S[j]])
                                      : pq_set_si(e, -1);
                        }
                    }
                    if (!f)
                        f = det_bareiss(K, k, &C[c], &t1, &t2, &prev);
                    if (!f && (k + c) % 2)
                        pq_neg(&C[c]);
                }
                if (f)
                    break;
                if (pq_set_si(&D, 0)) {
                    f = -1;
                    break;
                }
                for (int c = 0; c < k && !f; c++)
                    f = pq_add(&D, &D, &C[c]);
                if (f)
                    break;
                /* kept for the other modes */
                if (tcoff + (size_t)k + 2 > (size_t)R->tccap[w]) {
                    size_t cap = R->tccap[w] ? 2 * (size_t)R->tccap[w] : 256;
                    while (cap < tcoff + (size_t)k + 2)
                        cap *= 2;
                    pq *nt = brink_reallocarray(R->tc[w], cap, sizeof *nt);
                    if (!nt) {
                        f = -1;
                        break;
                    }
                    for (size_t i = (size_t)R->tccap[w]; i < cap; i++)
                        pq_init(&nt[i]);
                    R->tc[w] = nt;
                    R->tccap[w] = (int)cap;
                }
                for (int c = 0; c <= k && !f; c++)
                    f = pq_set(&R->tc[w][tcoff + (size_t)c], &C[c]);
                if (!f)
                    f = pq_set(&R->tc[w][tcoff + (size_t)k + 1], &D);
                if (f)
                    break;
                tcoff += (size_t)k + 2;
                R->ntc[w] = ++idx;
            classify:
                if (pq_is_zero(&D))
                    continue;   /* singular for every t */
                if ((f = push_poly(R, &D)))
                    break;
                int sd = sg(R, &D);
                if (!sd)
                    continue;   /* singular at x itself (mode 0) */
                memset(lab, 0, (size_t)R->nl);
                memset(sup, 0, (size_t)nc);
                memset(inT, 0, (size_t)nr);
                for (int j = 0; j < nc; j++)
                    lab[coff + j] = 1;   /* y_j = 0 off S: relabelled below for S */
                int feasible = 1;
                for (int c = 0; c < k && feasible; c++) {
                    if ((f = push_poly(R, &C[c])))
                        break;
                    int sc = sg(R, &C[c]) * sd;
                    if (!sc)
                        continue;   /* y_c = 0: the label stays */
                    feasible = sc > 0;
                    lab[coff + S[c]] = 0;
                    sup[S[c]] = 1;
                }
                if (f || R->stop)
                    break;
                for (int i = 0; i < k; i++) {
                    inT[T[i]] = 1;
                    lab[roff + T[i]] = 1;
                }
                for (int i = 0; i < nr && feasible; i++) {
                    if (inT[i])
                        continue;
                    if ((f = pq_set(&sl, &C[k])))
                        break;
                    for (int c = 0; c < k && !f; c++)
                        f = pq_mul(&t1, &M[(size_t)i * (size_t)nc + (size_t)S[c]], &C[c]) ||
                            pq_sub(&sl, &sl, &t1);
                    if (f)
                        break;
                    if ((f = push_poly(R, &sl)))
                        break;
                    int ss = sg(R, &sl) * sd;
                    if (!ss) {
                        lab[roff + i] = 1;
                        continue;
                    }
                    feasible = ss > 0;
                }
                if (f || R->stop)
                    break;
                if (!f && R->oom)
                    f = -1;
                if (feasible && !f && (f = add_vertex(R, w, lab, sup, nc, k, S, C, &D)))
                    break;
            } while (next_subset(T, k, nr));
        } while (!f && !R->stop && next_subset(S, k, nc));
    }
    for (int i = 0; K && i < kmax * kmax; i++)
        pq_clear(&K[i]);
    for (int i = 0; C && i < kmax + 1; i++)
        pq_clear(&C[i]);
    free(K);
    free(C);
    free(S);
    free(T);
    free(lab);
    free(sup);
    free(inT);
    pq_clear(&D);
    pq_clear(&t1);
    pq_clear(&t2);
    pq_clear(&prev);
    pq_clear(&sl);
    mpq_clear(q);
    return f;
}

/* Does the analysis' sequential check reject the extreme equilibrium (v1: player 1's
 * mixed strategy, P1's vertex; v2: player 2's) wherever the signs of R's mode hold? Shown
 * only when every information set the equilibrium leaves unreached is one node whose
 * actions all end the game: the check (assess.c) replaces an unreached choice that is not a
 * best reply by the best reply, here the one action strictly best for its mover (the
 * comparisons pushed), and on-path choices are never changed, only checked; when then some
 * reached set's played action is strictly worse for its mover than another (reach-weighted,
 * the gap pushed), the profile is not sequential. 1 rejected, 0 not shown, -1 on OOM. */
static int reject(rsf *R, cn_game *G, const vtx *v1, const vtx *v2, const unsigned char *reached,
                  rf *completed)
{
    const brink_efg *g = R->g;
    int na = g->nactions, nn = g->nnodes, m = R->ns[0], n = R->ns[1], ret = 0;
    rf *sig = cn_rf_array((size_t)(m + n)), *beh = cn_rf_array((size_t)na),
       *U = cn_rf_array((size_t)nn * 2), *reach = cn_rf_array((size_t)nn), *tmp = cn_rf_array(4);
    pq sp;
    pq_init(&sp);
    if (!sig || !beh || !U || !reach || !tmp) {
        ret = -1;
        goto out;
    }
    const vtx *vv[2] = {v1, v2};
    for (int p = 0; p < 2 && !ret; p++) {
        rf *sp_ = sig + (p ? m : 0);
        for (int c = 0; c < vv[p]->k && !ret; c++) {
            rf *f = &sp_[vv[p]->S[c]];
            if (pq_set(&f->n, &vv[p]->C[c]) || pq_set(&f->d, &vv[p]->D) || rf_norm(f))
                ret = -1;
        }
    }
    for (int h = 0; h < g->ninfosets && !ret; h++) {
        int p = g->infoset_player[h], a0 = g->infoset_action_start[h], k = g->infoset_nactions[h];
        if (p < 0) {
            for (int a = 0; a < k && !ret; a++)
                if (rf_set(&beh[a0 + a], &G->pg.prob[a0 + a]))
                    ret = -1;
            continue;
        }
        if (!reached[h]) {
            /* one node, every action ending the game: the mover's strictly best action */
            int v = g->infoset_member[g->infoset_member_start[h]], best = -1;
            if (g->infoset_nmembers[h] != 1)
                goto out;
            for (int a = 0; a < k; a++)
                if (g->node_leaf[brink_efg_child(g, v, a)] < 0)
                    goto out;
            for (int a = 0; a < k && best < 0 && !ret; a++) {
                int all = 1;
                for (int b = 0; b < k && all && !ret; b++) {
                    if (b == a)
                        continue;
                    const rf *pa = &G->pg.pay[(size_t)g->node_leaf[brink_efg_child(g, v, a)] * 2 + (size_t)p];
                    const rf *pb = &G->pg.pay[(size_t)g->node_leaf[brink_efg_child(g, v, b)] * 2 + (size_t)p];
                    if (rf_sub(&tmp[0], pa, pb) || rf_sign_poly(&sp, &tmp[0]) || push_poly(R, &sp))
                        ret = -1;
                    all = sg_rf(R, &tmp[0]) > 0;
                }
                if (all)
                    best = a;
            }
            if (ret || best < 0)
                goto out;
            for (int a = 0; a < k && !ret; a++)
                if (rf_set_si(&beh[a0 + a], a == best))
                    ret = -1;
            continue;
        }
        /* reached: the behaviour the mixed strategy induces (Kuhn) */
        int h0 = g->player_infoset_start[p], nh = g->player_infoset_start[p + 1] - h0;
        if (rf_set_si(&tmp[1], 0))
            ret = -1;
        for (int a = 0; a < k && !ret; a++)
            if (rf_set_si(&beh[a0 + a], 0))
                ret = -1;
        const rf *sp_ = sig + (p ? m : 0);
        for (int st = 0; st < R->ns[p] && !ret; st++) {
            int c = R->map->choice[p][(size_t)st * (size_t)nh + (size_t)(h - h0)];
            if (c < 0 || rf_is_zero(&sp_[st]))
                continue;
            if (rf_add(&tmp[1], &tmp[1], &sp_[st]) || rf_add(&beh[a0 + c], &beh[a0 + c], &sp_[st]))
                ret = -1;
        }
        if (!ret && rf_is_zero(&tmp[1]))
            goto out;   /* not reachable by the player's own strategies: cannot be reached */
        for (int a = 0; a < k && !ret; a++)
            if (rf_div(&beh[a0 + a], &beh[a0 + a], &tmp[1]))
                ret = -1;
    }
    if (completed && !ret) {   /* the completed profile is what was asked */
        for (int a = 0; a < g->player_action_start[2] && !ret; a++)
            if (rf_set(&completed[a], &beh[a]))
                ret = -1;
        if (!ret)
            ret = 2;
        goto out;
    }
    /* continuation values bottom-up (pre-order: children after parents), reach top-down */
    for (int v = nn - 1; v >= 0 && !ret; v--) {
        for (int q = 0; q < 2 && !ret; q++) {
            rf *u = &U[(size_t)v * 2 + (size_t)q];
            if (g->node_leaf[v] >= 0) {
                if (rf_set(u, &G->pg.pay[(size_t)g->node_leaf[v] * 2 + (size_t)q]))
                    ret = -1;
                continue;
            }
            int h = g->node_infoset[v], a0 = g->infoset_action_start[h];
            if (rf_set_si(u, 0))
                ret = -1;
            for (int a = 0; a < g->infoset_nactions[h] && !ret; a++)
                if (rf_mul(&tmp[0], &beh[a0 + a], &U[(size_t)brink_efg_child(g, v, a) * 2 + (size_t)q]) ||
                    rf_add(u, u, &tmp[0]))
                    ret = -1;
        }
    }
    for (int v = 0; v < nn && !ret; v++)
        if (v == 0 ? rf_set_si(&reach[0], 1)
                   : rf_mul(&reach[v], &reach[g->node_parent[v]], &beh[g->node_action[v]]))
            ret = -1;
    /* a reached set where a played action is strictly worse than another */
    for (int h = 0; h < g->player_infoset_start[2] && !ret; h++) {
        if (!reached[h])
            continue;
        int q = g->infoset_player[h], a0 = g->infoset_action_start[h], k = g->infoset_nactions[h];
        for (int c = 0; c < k && !ret; c++) {
            if (sg_rf(R, &beh[a0 + c]) <= 0)
                continue;
            for (int a = 0; a < k && !ret; a++) {
                if (a == c)
                    continue;
                if (rf_set_si(&tmp[2], 0))
                    ret = -1;
                for (int e = 0; e < g->infoset_nmembers[h] && !ret; e++) {
                    int v = g->infoset_member[g->infoset_member_start[h] + e];
                    if (rf_sub(&tmp[0], &U[(size_t)brink_efg_child(g, v, a) * 2 + (size_t)q],
                               &U[(size_t)brink_efg_child(g, v, c) * 2 + (size_t)q]) ||
                        rf_mul(&tmp[0], &tmp[0], &reach[v]) || rf_add(&tmp[2], &tmp[2], &tmp[0]))
                        ret = -1;
                }
                if (!ret && sg_rf(R, &tmp[2]) > 0) {
                    if (rf_sign_poly(&sp, &tmp[2]) || push_poly(R, &sp))
                        ret = -1;
                    else
                        ret = 1;
                }
            }
        }
    }
out:
    if (R->oom)
        ret = -1;
    pq_clear(&sp);
    if (sig)
        cn_rf_array_free(sig, (size_t)(m + n));
    if (beh)
        cn_rf_array_free(beh, (size_t)na);
    if (U)
        cn_rf_array_free(U, (size_t)nn * 2);
    if (reach)
        cn_rf_array_free(reach, (size_t)nn);
    if (tmp)
        cn_rf_array_free(tmp, 4);
    return ret;
}

/* The extreme equilibrium (v1: P1's vertex, player 1's mixed strategy and player 2's value;
 * v2: P2's, player 2's strategy and player 1's value) compared with the first one met: its
 * values (in the scaled payoffs, a positive multiple common to all) and each group's
 * probability sum_l chance(l) X_l Y_l, X_l (Y_l) the weight player 1 (2) puts on strategies
 * leading to leaf l, as functions of t. *R->agree = 0 when they differ. -1 on OOM. */
static int pair_outcome(rsf *R, const vtx *v1, const vtx *v2)
{
    const brink_efg *g = R->g;
    int ng = R->ngroups, nl = g->nleaves;
    rf *o = R->cur, t;
    pq X, Y, XY;
    rf_init(&t);
    pq_init(&X);
    pq_init(&Y);
    pq_init(&XY);
    int f = 0;
    const vtx *vv[2] = {v2, v1};   /* player p's value is on the other's polyhedron */
    for (int p = 0; p < 2 && !f; p++)
        f = pq_set(&o[p].n, &vv[p]->C[vv[p]->k]) || pq_set(&o[p].d, &vv[p]->D) ||
            rf_norm(&o[p]);   /* rf's operations take normalised operands */
    for (int k = 0; k < ng && !f; k++)
        f = rf_set_si(&o[2 + k], 0);
    for (int l = 0; l < nl && !f; l++) {
        int k = R->lgroup[l];
        if (k < 0 || k >= ng || rf_is_zero(&R->chance[l]))
            continue;
        f = pq_set_si(&X, 0) || pq_set_si(&Y, 0);
        for (int c = 0; c < v1->k && !f; c++)
            if (R->cons[0][(size_t)v1->S[c] * (size_t)nl + (size_t)l])
                f = pq_add(&X, &X, &v1->C[c]);
        for (int c = 0; c < v2->k && !f; c++)
            if (R->cons[1][(size_t)v2->S[c] * (size_t)nl + (size_t)l])
                f = pq_add(&Y, &Y, &v2->C[c]);
        if (f || pq_is_zero(&X) || pq_is_zero(&Y))
            continue;
        f = pq_mul(&XY, &X, &Y) || pq_set(&t.n, &XY) || pq_mul(&t.d, &v1->D, &v2->D) ||
            rf_norm(&t) || rf_mul(&t, &t, &R->chance[l]) || rf_add(&o[2 + k], &o[2 + k], &t);
    }
    for (int i = 0; i < 2 + ng && !f && R->have_ref && *R->agree; i++) {
        f = rf_sub(&t, &o[i], &R->ref[i]);
        if (!f && !rf_is_zero(&t))
            *R->agree = 0;
    }
    for (int i = 0; i < 2 + ng && !f && !R->have_ref; i++)
        f = rf_set(&R->ref[i], &o[i]);
    R->have_ref = 1;
    rf_clear(&t);
    pq_clear(&X);
    pq_clear(&Y);
    pq_clear(&XY);
    return f ? -1 : 0;
}

/* For cn_rsf_extreme's one: the listed extreme equilibrium (v1, v2) completed as the
 * sequential check completes it (reject's completion: the strictly best action at each
 * unreached set, one node ending the game), compared with the first one's, reached sets and
 * players' behaviour as functions of t. *R->one = 0 when they differ or the completion is
 * not determined. The comparisons the completion pushes go to P1. -1 on OOM. */
static int pair_complete(rsf *R, cn_game *G, const vtx *v1, const vtx *v2,
                         const unsigned char *reached)
{
    const brink_efg *g = R->g;
    pq *P = R->P;
    int np = R->np, npcap = R->npcap;
    R->P = R->P1;
    R->np = R->np1;
    R->npcap = R->np1cap;
    int rc = reject(R, G, v1, v2, reached, R->one_cur);
    R->P1 = R->P;
    R->np1 = R->np;
    R->np1cap = R->npcap;
    R->P = P;
    R->np = np;
    R->npcap = npcap;
    if (rc < 0)
        return -1;
    if (rc != 2) {
        *R->one = 0;
        return 0;
    }
    int nh = g->player_infoset_start[2], pe = g->player_action_start[2];
    if (!R->one_have) {
        memcpy(R->one_reached, reached, (size_t)nh);
        for (int a = 0; a < pe; a++)
            if (rf_set(&R->one_ref[a], &R->one_cur[a]))
                return -1;
        R->one_have = 1;
        return 0;
    }
    if (memcmp(R->one_reached, reached, (size_t)nh)) {
        *R->one = 0;
        return 0;
    }
    rf t;
    rf_init(&t);
    int f = 0;
    for (int a = 0; a < pe && !f && *R->one; a++) {
        f = rf_sub(&t, &R->one_cur[a], &R->one_ref[a]);
        if (!f && !rf_is_zero(&t))
            *R->one = 0;
    }
    rf_clear(&t);
    return f ? -1 : 0;
}

static double binom(int n, int k)
{
    double r = 1;
    for (int i = 1; i <= k; i++)
        r = r * (double)(n - k + i) / (double)i;
    return r;
}

void cn_rsf_cache_free(cn_rsf_cache *c)
{
    for (int v = 0; v < 2; v++) {
        for (int i = 0; i < c->tccap[v]; i++)
            pq_clear(&c->tc[v][i]);
        free(c->tc[v]);
    }
    memset(c, 0, sizeof *c);
}

int cn_rsf_extreme(cn_game *G, const mpq_t x, double maxsets, double deadline, const int *watch,
                   int nwatch, const unsigned char *listed, int nlisted, int may_reject,
                   const int *leaf_group, int ngroups, int *agree, int *one,
                   cn_rsf_cache *cache, pq **polys, int *npolys)
{
    const brink_efg *g = G->g;
    *polys = NULL;
    *npolys = 0;
    if (g->nplayers != 2 || G->pg.nonrational || !G->pg.pay)
        return 1;
    brink_error err;
    brink_error_clear(&err);
    brink_reduced *map = NULL;
    brink_nfg *nf = brink_efg_to_nfg(g, &map, &err);
    if (!nf)
        return err.code == BRINK_ENOMEM ? -1 : 1;
    brink_nfg_free(nf);
    rsf R;
    memset(&R, 0, sizeof R);
    R.g = g;
    R.map = map;
    R.ns[0] = map->nstrats[0];
    R.ns[1] = map->nstrats[1];
    R.nl = R.ns[0] + R.ns[1];
    R.x = (const mpq_t *)x;
    R.deadline = deadline;
    int m = R.ns[0], n = R.ns[1], nl = g->nleaves, ret = 0;
    if (binom(m + n, n) > maxsets) {
        brink_reduced_free(map);
        return 1;
    }
    size_t cells = (size_t)m * (size_t)n;
    rf *w = cn_rf_array((size_t)nl * 2);
    pq *Dp = brink_calloc(2, sizeof *Dp);
    R.M[0] = brink_calloc(cells, sizeof(pq));
    R.M[1] = brink_calloc(cells, sizeof(pq));
    unsigned char *cons0 = brink_calloc((size_t)m * (size_t)nl + 1, 1),
                  *cons1 = brink_calloc((size_t)n * (size_t)nl + 1, 1);
    int *leafnode = brink_calloc((size_t)nl + 1, sizeof *leafnode);
    pq t1, t2, r0;
    pq_init(&t1);
    pq_init(&t2);
    pq_init(&r0);
    mpq_t tmp;
    mpq_init(tmp);
    if (!w || !Dp || !R.M[0] || !R.M[1] || !cons0 || !cons1 || !leafnode) {
        ret = -1;
        goto done;
    }
    if (agree && *agree && leaf_group && ngroups > 0) {
        R.agree = agree;
        R.lgroup = leaf_group;
        R.ngroups = ngroups;
        R.chance = cn_rf_array((size_t)nl + 1);
        R.ref = cn_rf_array((size_t)ngroups + 2);
        R.cur = cn_rf_array((size_t)ngroups + 2);
        if (!R.chance || !R.ref || !R.cur) {
            ret = -1;
            goto done;
        }
    } else if (agree) {
        *agree = 0;   /* nothing to compare the outcomes with: not shown */
    }
    if (one && *one) {
        R.one = one;
        R.one_ref = cn_rf_array((size_t)g->nactions + 1);
        R.one_cur = cn_rf_array((size_t)g->nactions + 1);
        R.one_reached = brink_calloc((size_t)g->ninfosets + 1, 1);
        if (!R.one_ref || !R.one_cur || !R.one_reached) {
            ret = -1;
            goto done;
        }
    }
    pq_init(&Dp[0]);
    pq_init(&Dp[1]);
    for (size_t c = 0; c < cells; c++) {
        pq_init(&R.M[0][c]);
        pq_init(&R.M[1][c]);
    }
    /* chance probabilities: their signs stay those at x */
    for (int h = g->player_infoset_start[2]; h < g->ninfosets; h++)
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            const rf *p = &G->pg.prob[g->infoset_action_start[h] + a];
            if (pq_sign_at(&p->d, x) == 0) {
                ret = 1;   /* undefined at x */
                goto done;
            }
            if (push_poly(&R, &p->n) || push_poly(&R, &p->d)) {
                ret = -1;
                goto done;
            }
        }
    /* each leaf's chance-weighted payoffs, and the strategies leading to it */
    for (int v = 0; v < g->nnodes; v++) {
        int l = g->node_leaf[v];
        if (l < 0)
            continue;
        leafnode[l] = v;
        rf *c = &w[(size_t)l * 2];
        if (rf_set_si(c, 1)) {
            ret = -1;
            goto done;
        }
        for (int u = v; g->node_parent[u] >= 0; u = g->node_parent[u]) {
            int h = g->node_infoset[g->node_parent[u]];
            if (g->infoset_player[h] < 0 && rf_mul(c, c, &G->pg.prob[g->node_action[u]])) {
                ret = -1;
                goto done;
            }
        }
        if (R.chance && rf_set(&R.chance[l], c)) {
            ret = -1;
            goto done;
        }
        if (rf_mul(&w[(size_t)l * 2 + 1], c, &G->pg.pay[(size_t)l * 2 + 1]) ||
            rf_mul(c, c, &G->pg.pay[(size_t)l * 2])) {
            ret = -1;
            goto done;
        }
        for (int s = 0; s < m; s++)
            cons0[(size_t)s * (size_t)nl + (size_t)l] = (unsigned char)consistent(&R, 0, s, v);
        for (int s = 0; s < n; s++)
            cons1[(size_t)s * (size_t)nl + (size_t)l] = (unsigned char)consistent(&R, 1, s, v);
    }
    /* per player one denominator, positive at x */
    for (int p = 0; p < 2; p++) {
        if (pq_set_si(&Dp[p], 1)) {
            ret = -1;
            goto done;
        }
        for (int l = 0; l < nl; l++) {
            const pq *d = &w[(size_t)l * 2 + (size_t)p].d;
            if (pq_gcd(&t1, &Dp[p], d) || pq_mul(&t2, &Dp[p], d) || pq_divrem(&Dp[p], &r0, &t2, &t1)) {
                ret = -1;
                goto done;
            }
        }
        int sg = pq_sign_at(&Dp[p], x);
        if (!sg) {
            ret = 1;
            goto done;
        }
        if (sg < 0)
            pq_neg(&Dp[p]);
        if (cache && cache->dsign[p] != sg) {   /* the cofactors kept were of other payoffs */
            cache->ntc[0] = cache->ntc[1] = 0;
            cache->dsign[p] = sg;
        }
        if (push_poly(&R, &Dp[p])) {
            ret = -1;
            goto done;
        }
    }
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            pq *a = &R.M[0][(size_t)i * (size_t)n + (size_t)j];
            pq *b = &R.M[1][(size_t)j * (size_t)m + (size_t)i];
            if (pq_set_si(a, 0) || pq_set_si(b, 0)) {
                ret = -1;
                goto done;
            }
            for (int l = 0; l < nl; l++) {
                if (!cons0[(size_t)i * (size_t)nl + (size_t)l] ||
                    !cons1[(size_t)j * (size_t)nl + (size_t)l])
                    continue;
                for (int p = 0; p < 2; p++) {
                    const rf *f = &w[(size_t)l * 2 + (size_t)p];
                    /* f.n * (D_p / f.d) */
                    if (pq_divrem(&t1, &r0, &Dp[p], &f->d) || pq_mul(&t2, &t1, &f->n) ||
                        pq_add(p ? b : a, p ? b : a, &t2)) {
                        ret = -1;
                        goto done;
                    }
                }
            }
        }
    int nwact = 0;
    for (int k = 0; k < nwatch; k++)
        nwact += g->infoset_nactions[watch[k]];
    R.cons[0] = cons0;
    R.cons[1] = cons1;
    unsigned char *row = brink_calloc((size_t)nwact + 1, 1);
    unsigned char *reached = brink_calloc((size_t)g->ninfosets + 1, 1);
    if (!row || !reached)
        ret = -1;
    /* at x, then just above and just below it: on either side up to the nearest root the
     * signs are those next to x */
    static const int modes[3] = {0, 1, -1};
    if (cache)
        for (int v = 0; v < 2; v++) {
            R.tc[v] = cache->tc[v];
            R.ntc[v] = cache->ntc[v];
            R.tccap[v] = cache->tccap[v];
        }
    for (int md = 0; md < 3 && !ret; md++) {
        R.mode = modes[md];
        for (int v = 0; v < 2; v++) {
            for (int i = 0; i < R.nv[v]; i++)
                vtx_clear(&R.vx[v][i]);
            R.nv[v] = 0;
        }
        for (int v = 0; v < 2 && !ret; v++)
            if ((ret = vertices(&R, v)) == 0 && (R.stop || R.oom))
                ret = R.oom ? -1 : 1;
        /* completely labelled pairs: P1's vertex (support over player 1's strategies) with
         * P2's (player 2's) */
        for (int a = 0; a < R.nv[1] && !ret; a++) {
            const unsigned char *l1 = R.vl[1] + (size_t)a * (size_t)R.nl,
                                *s1 = R.vs[1] + (size_t)a * (size_t)m;
            for (int b = 0; b < R.nv[0] && !ret; b++) {
                const unsigned char *l2 = R.vl[0] + (size_t)b * (size_t)R.nl,
                                    *s2 = R.vs[0] + (size_t)b * (size_t)n;
                int full = 1;
                for (int k = 0; k < R.nl && full; k++)
                    full = l1[k] || l2[k];
                if (!full)
                    continue;
                for (int h = 0; h < g->player_infoset_start[2]; h++) {
                    reached[h] = 0;
                    for (int e = 0; e < g->infoset_nmembers[h] && !reached[h]; e++) {
                        int v = g->infoset_member[g->infoset_member_start[h] + e], r1 = 0, r2 = 0;
                        for (int st = 0; st < m && !r1; st++)
                            r1 = s1[st] && consistent(&R, 0, st, v);
                        for (int st = 0; st < n && !r2; st++)
                            r2 = s2[st] && consistent(&R, 1, st, v);
                        reached[h] = (unsigned char)(r1 && r2 && chance_reach(&R, G, v));
                    }
                }
                /* its watched choices: the strategic form's where each watched set is
                 * reached */
                memset(row, 0, (size_t)nwact);
                int off = 0, listed_ok = 1;
                for (int k = 0; k < nwatch && listed_ok; k++) {
                    int h = watch[k], p = g->infoset_player[h];
                    int h0 = g->player_infoset_start[p], nh = g->player_infoset_start[p + 1] - h0;
                    const unsigned char *sp = p ? s2 : s1;
                    listed_ok = reached[h];
                    for (int st = 0; st < R.ns[p]; st++) {
                        int c = map->choice[p][(size_t)st * (size_t)nh + (size_t)(h - h0)];
                        if (sp[st] && c >= 0)
                            row[off + c] = 1;
                    }
                    off += g->infoset_nactions[h];
                }
                if (listed_ok) {
                    listed_ok = 0;
                    for (int k = 0; k < nlisted && !listed_ok; k++)
                        listed_ok = !memcmp(listed + (size_t)k * (size_t)nwact, row, (size_t)nwact);
                }
                /* a listed one's outcome: every one not shown rejected must agree (see
                 * cn_int.h on why that covers the sequential equilibrium too) */
                if (listed_ok && R.agree && *R.agree &&
                    pair_outcome(&R, &R.vx[1][a], &R.vx[0][b])) {
                    ret = -1;
                    break;
                }
                if (listed_ok && R.one && *R.one &&
                    pair_complete(&R, G, &R.vx[1][a], &R.vx[0][b], reached)) {
                    ret = -1;
                    break;
                }
                if (listed_ok)
                    continue;
                if (R.one)
                    *R.one = 0;   /* one rejected: the analysis says so, not "unique" */
                /* otherwise it must be shown that the sequential check rejects it */
                int rj = may_reject ? reject(&R, G, &R.vx[1][a], &R.vx[0][b], reached, NULL) : 0;
                if (rj < 0 || R.oom)
                    ret = -1;
                else if (!rj)
                    ret = 1;
            }
        }
    }
    free(row);
    free(reached);
done:
    /* the completions' comparisons bound the interval only when "one" is claimed */
    for (int i = 0; i < R.np1; i++) {
        if (!ret && one && *one && !push_poly(&R, &R.P1[i])) {
            pq_clear(&R.P1[i]);
            continue;
        }
        if (!ret && one && *one)
            ret = -1;
        pq_clear(&R.P1[i]);
    }
    free(R.P1);
    if (!ret && R.np) {
        /* one copy of each polynomial */
        qsort(R.P, (size_t)R.np, sizeof *R.P, pq_cmp);
        int k = 0;
        for (int i = 0; i < R.np; i++) {
            if (k && !pq_cmp(&R.P[k - 1], &R.P[i])) {
                pq_clear(&R.P[i]);
                continue;
            }
            R.P[k++] = R.P[i];
        }
        R.np = k;
    }
    if (!ret) {
        *polys = R.P;
        *npolys = R.np;
    } else {
        for (int i = 0; i < R.np; i++)
            pq_clear(&R.P[i]);
        free(R.P);
    }
    if (w)
        cn_rf_array_free(w, (size_t)nl * 2);
    if (Dp) {
        pq_clear(&Dp[0]);
        pq_clear(&Dp[1]);
        free(Dp);
    }
    for (int v = 0; v < 2; v++) {
        for (size_t c = 0; R.M[v] && c < cells; c++)
            pq_clear(&R.M[v][c]);
        free(R.M[v]);
        free(R.vl[v]);
        free(R.vs[v]);
        for (int i = 0; i < R.nv[v]; i++)
            vtx_clear(&R.vx[v][i]);
        free(R.vx[v]);
        if (cache) {   /* kept for the next point */
            cache->tc[v] = R.tc[v];
            cache->ntc[v] = R.ntc[v];
            cache->tccap[v] = R.tccap[v];
            continue;
        }
        for (int i = 0; i < R.tccap[v]; i++)
            pq_clear(&R.tc[v][i]);
        free(R.tc[v]);
    }
    if (R.chance)
        cn_rf_array_free(R.chance, (size_t)nl + 1);
    if (R.ref)
        cn_rf_array_free(R.ref, (size_t)R.ngroups + 2);
    if (R.cur)
        cn_rf_array_free(R.cur, (size_t)R.ngroups + 2);
    if (ret && agree)
        *agree = 0;
    if (ret && one)
        *one = 0;
    if (R.one_ref)
        cn_rf_array_free(R.one_ref, (size_t)g->nactions + 1);
    if (R.one_cur)
        cn_rf_array_free(R.one_cur, (size_t)g->nactions + 1);
    free(R.one_reached);
    free(cons0);
    free(cons1);
    free(leafnode);
    pq_clear(&t1);
    pq_clear(&t2);
    pq_clear(&r0);
    mpq_clear(tmp);
    brink_reduced_free(map);
    return ret;
}
