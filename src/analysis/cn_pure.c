/* cn_pure.c — the conditions of a pure profile of a perfect-information game without chance,
 * without the general pass over Q(t) (continuation.c).
 *
 * There every node's value is copied as a rational function and every (information set,
 * unplayed action) pair gives one condition: on a bargaining tree of 29.5k nodes that is 90k
 * conditions, each isolated for roots, although a few hundred distinct functions occur (the
 * payoffs are a handful of shares times powers of the discount). Here a node's value is the
 * leaf its subtree leads to (an index), a condition is the difference of two leaf payoff
 * functions, and the same difference is pushed once: the set of conditions, and so every
 * interval and certificate computed from it, is the general pass's set without repeats.
 * Reach by the others is 0 or 1 (no chance, pure choices), so the reach conditions are
 * constant and hold by construction; a single-node set's belief is 1. The continued
 * equilibrium keeps only the action taken at each set (cn_eq.pure): it does not move with t.
 */
#include "analysis/cn_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t mix(uint64_t h, uint64_t x)
{
    h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

static uint64_t pq_hash(const pq *p, uint64_t h)
{
    h = mix(h, (uint64_t)(p->deg + 2));
    for (int i = 0; i <= p->deg; i++) {
        h = mix(h, (uint64_t)mpz_get_ui(mpq_numref(p->c[i])) ^ (uint64_t)mpz_sgn(mpq_numref(p->c[i])));
        h = mix(h, (uint64_t)mpz_get_ui(mpq_denref(p->c[i])));
    }
    return h;
}

static int rf_same(const rf *a, const rf *b)
{
    return pq_equal(&a->n, &b->n) && pq_equal(&a->d, &b->d);
}

/* Class of each leaf payoff function (equal representations, equal class). */
static int leaf_classes(cn_game *G)
{
    size_t n = (size_t)G->pg.nleaves * (size_t)G->pg.nplayers, cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    int *cls = brink_calloc(n ? n : 1, sizeof *cls);
    int *tab = brink_calloc(cap, sizeof *tab);   /* a representative's index, or -1 */
    if (!cls || !tab) {
        free(cls);
        free(tab);
        return -1;
    }
    memset(tab, -1, cap * sizeof *tab);
    int ncls = 0;
    for (size_t k = 0; k < n; k++) {
        const rf *f = &G->pg.pay[k];
        size_t j = (size_t)pq_hash(&f->d, pq_hash(&f->n, 1)) & (cap - 1);
        while (tab[j] >= 0 && !rf_same(&G->pg.pay[tab[j]], f))
            j = (j + 1) & (cap - 1);
        if (tab[j] < 0) {
            tab[j] = (int)k;
            cls[k] = ncls++;
        } else {
            cls[k] = cls[tab[j]];
        }
    }
    free(tab);
    G->leafcls = cls;
    return 0;
}

/* A pair's slot: the bits of both halves mixed into the low ones (splitmix64's finalizer).
 * mix(0, key) keeps the low half as it is, so every pair with the same second function
 * shared one run of slots: a node with a hundred children took a second to compare. */
static size_t pair_slot(uint64_t key, size_t cap)
{
    key ^= key >> 30;
    key *= 0xbf58476d1ce4e5b9ULL;
    key ^= key >> 27;
    key *= 0x94d049bb133111ebULL;
    key ^= key >> 31;
    return (size_t)key & (cap - 1);
}

static int pairset_add(cn_pairset *S, uint64_t key, int *added)
{
    if (2 * (S->n + 1) > S->cap) {
        size_t nc = S->cap ? 2 * S->cap : 1024;
        uint64_t *nk = brink_calloc(nc, sizeof *nk);
        if (!nk)
            return -1;
        for (size_t i = 0; i < S->cap; i++)
            if (S->k[i]) {
                size_t j = pair_slot(S->k[i], nc);
                while (nk[j])
                    j = (j + 1) & (nc - 1);
                nk[j] = S->k[i];
            }
        free(S->k);
        S->k = nk;
        S->cap = nc;
    }
    size_t j = pair_slot(key + 1, S->cap);
    while (S->k[j] && S->k[j] != key + 1)
        j = (j + 1) & (S->cap - 1);
    *added = !S->k[j];
    if (*added) {
        S->k[j] = key + 1;
        S->n++;
    }
    return 0;
}

int cn_pairset_add(cn_pairset *S, int f1, int f2, int *added)
{
    uint64_t a = (uint64_t)(uint32_t)(f1 < f2 ? f1 : f2), b = (uint64_t)(uint32_t)(f1 < f2 ? f2 : f1);
    return pairset_add(S, (a << 32) | b, added);
}

void cn_pairset_free(cn_pairset *S)
{
    free(S->k);
    memset(S, 0, sizeof *S);
}

int cn_play_once(int *pool, int *npool, int start, int maxset, int s1)
{
    for (int j = start; j < *npool; j++)
        if (pool[j] == s1)
            return 0;
    if (*npool - start >= maxset)
        return 1;
    pool[(*npool)++] = s1;
    return 0;
}

int cn_push_cross(pq **P, int *n, int *cap, const rf *fa, const rf *fb)
{
    if (*n + 3 > *cap) {
        int nc = *cap ? 2 * *cap : 64;
        pq *np2 = brink_reallocarray(*P, (size_t)nc, sizeof **P);
        if (!np2)
            return -1;
        *P = np2;
        *cap = nc;
    }
    pq *Q = *P, t;
    int m = *n;
    pq_init(&t);
    for (int z = 0; z < 3; z++)
        pq_init(&Q[m + z]);
    int bad = pq_mul(&Q[m], &fa->n, &fb->d) || pq_mul(&t, &fb->n, &fa->d) ||
              pq_sub(&Q[m], &Q[m], &t) || pq_set(&Q[m + 1], &fa->d) || pq_set(&Q[m + 2], &fb->d);
    pq_clear(&t);
    for (int z = 0; z < 3; z++) {
        if (!bad && !pq_is_zero(&Q[m]) && !pq_is_const(&Q[m]))
            m++;   /* kept: it may vanish */
        else {
            pq_clear(&Q[m]);
            if (z < 2)
                memmove(&Q[m], &Q[m + 1], (size_t)(2 - z) * sizeof *Q);
        }
    }
    *n = m;
    return bad ? -1 : 0;
}

int cn_pure_applies(const cn_game *G, int nmixed)
{
    const brink_efg *g = G->g;
    return !nmixed && !G->extra && g->perfect_info &&
           g->ninfosets == g->player_infoset_start[g->nplayers];
}

int cn_pure_conditions(cn_game *G, const int *bref, cn_eq *out, pcset *conds, int *bad)
{
    const brink_efg *g = G->g;
    int N = g->nnodes, np = g->nplayers, nh = g->player_infoset_start[np];
    if (!G->leafcls && leaf_classes(G))
        return -1;
    if (!G->leafof && !(G->leafof = brink_calloc((size_t)N, sizeof *G->leafof)))
        return -1;
    unsigned char *others = brink_calloc((size_t)N, (size_t)np);   /* reach by the others */
    cn_pairset seen = {NULL, 0, 0};
    rf gap;
    rf_init(&gap);
    int rc = -1;
    if (!others)
        goto done;
    int *leafof = G->leafof;
    for (int v = N - 1; v >= 0; v--) {
        int h = g->node_infoset[v];
        leafof[v] = h < 0 ? g->node_leaf[v] : leafof[brink_efg_child(g, v, bref[h])];
    }
    memset(others, 1, (size_t)np);
    for (int v = 1; v < N; v++) {
        int par = g->node_parent[v], hp = g->node_infoset[par], mover = g->infoset_player[hp];
        int taken = g->node_action[v] == g->infoset_action_start[hp] + bref[hp];
        for (int i = 0; i < np; i++)
            others[(size_t)v * np + i] = others[(size_t)par * np + i] && (mover == i || taken);
    }
    for (int h = 0; h < nh; h++) {
        int v = g->infoset_member[g->infoset_member_start[h]], p = g->infoset_player[h];
        out->reached[h] = others[(size_t)v * np + p];
        int b = bref[h], cb = G->leafcls[(size_t)leafof[brink_efg_child(g, v, b)] * np + p];
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            if (a == b)
                continue;
            int la = leafof[brink_efg_child(g, v, a)], ca = G->leafcls[(size_t)la * np + p];
            if (ca == cb)
                continue;   /* the zero function: 0 <= 0 holds everywhere */
            int added;
            if (pairset_add(&seen, ((uint64_t)(uint32_t)ca << 32) | (uint32_t)cb, &added))
                goto done;
            if (!added)
                continue;
            int lb = leafof[brink_efg_child(g, v, b)];
            if (rf_sub(&gap, &G->pg.pay[(size_t)la * np + p], &G->pg.pay[(size_t)lb * np + p]) ||
                cn_push_cond(G, conds, &gap, PC_NONPOS, BRINK_COND_BEST_REPLY, h, a, b, bad))
                goto done;
        }
    }
    rc = 0;
done:
    rf_clear(&gap);
    cn_pairset_free(&seen);
    free(others);
    return rc;
}

int cn_pure_gap(cn_game *G, const cn_eq *e, int h, int a, int b, rf *out, int *used)
{
    const brink_efg *g = G->g;
    int np = g->nplayers;
    *used = 0;
    if (!g->perfect_info || g->ninfosets != g->player_infoset_start[np])
        return 0;
    if (!G->leafof && !(G->leafof = brink_calloc((size_t)g->nnodes, sizeof *G->leafof)))
        return -1;
    int v = g->infoset_member[g->infoset_member_start[h]], p = g->infoset_player[h];
    for (int x = v + g->node_subtree_size[v] - 1; x >= v; x--) {
        int hx = g->node_infoset[x];
        if (hx < 0) {
            G->leafof[x] = g->node_leaf[x];
            continue;
        }
        int a0 = g->infoset_action_start[hx], c = e->pure ? e->pure[hx] : -1;
        for (int k = 0; k < g->infoset_nactions[hx] && c < 0; k++)
            if (rf_is_one(&e->beh[a0 + k]))
                c = k;
        if (c < 0)
            return 0;   /* not pure below: the general pass */
        G->leafof[x] = G->leafof[brink_efg_child(g, x, c)];
    }
    const rf *ua = &G->pg.pay[(size_t)G->leafof[brink_efg_child(g, v, a)] * np + p];
    int fail = b >= 0 ? rf_sub(out, ua, &G->pg.pay[(size_t)G->leafof[brink_efg_child(g, v, b)] * np + p])
                      : rf_set(out, ua);
    *used = !fail;
    return fail ? -1 : 0;
}

/* Class indices idx[0..n) in increasing order of val (merge sort; tmp has room for n). */
static void sort_by_value(int *idx, int *tmp, int n, mpq_t *val)
{
    for (int w = 1; w < n; w *= 2) {
        for (int lo = 0; lo < n; lo += 2 * w) {
            int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = mpq_cmp(val[idx[j]], val[idx[i]]) < 0 ? idx[j++] : idx[i++];
            while (i < mid)
                tmp[k++] = idx[i++];
            while (j < hi)
                tmp[k++] = idx[j++];
        }
        memcpy(idx, tmp, (size_t)n * sizeof *idx);
    }
}

int cn_pure_solve(cn_game *G, const mpq_t x, int ties_first, int *choice, int *found,
                  int *crossing, int *tied)
{
    const brink_efg *g = G->g;
    int N = g->nnodes, np = g->nplayers;
    size_t n = (size_t)G->pg.nleaves * (size_t)np;
    *found = 0;
    *crossing = 0;
    *tied = 0;
    if (!G->leafcls && leaf_classes(G))
        return -1;
    if (!G->leafof && !(G->leafof = brink_calloc((size_t)N, sizeof *G->leafof)))
        return -1;
    int ncls = 0;
    for (size_t k = 0; k < n; k++)
        if (G->leafcls[k] >= ncls)
            ncls = G->leafcls[k] + 1;
    int *rep = brink_calloc((size_t)ncls + 1, sizeof *rep);
    int *idx = brink_calloc((size_t)ncls + 1, sizeof *idx);
    int *tmp = brink_calloc((size_t)ncls + 1, sizeof *tmp);
    int *rank = brink_calloc((size_t)ncls + 1, sizeof *rank);
    mpq_t *val = brink_q_array_new((size_t)ncls + 1);
    int rc = -1;
    if (!rep || !idx || !tmp || !rank || !val)
        goto done;
    rc = 0;
    for (int c = 0; c < ncls; c++)
        rep[c] = -1;
    for (size_t k = 0; k < n; k++)
        if (rep[G->leafcls[k]] < 0)
            rep[G->leafcls[k]] = (int)k;
    /* each distinct payoff function's value at x, once; their order, equal values equal */
    for (int c = 0; c < ncls; c++) {
        if (rf_eval(val[c], &G->pg.pay[rep[c]], x))
            goto done;   /* undefined at x: left to the exact solve */
        idx[c] = c;
    }
    sort_by_value(idx, tmp, ncls, val);
    for (int i = 0; i < ncls; i++)
        rank[idx[i]] = i > 0 && mpq_equal(val[idx[i]], val[idx[i - 1]]) ? rank[idx[i - 1]] : i;
    /* backward induction; a mover indifferent between its best child and another is a tie:
     * the first best child is taken, or (!ties_first) the search gives up */
    int *leafof = G->leafof;
    for (int v = N - 1; v >= 0; v--) {
        int h = g->node_infoset[v];
        if (h < 0) {
            leafof[v] = g->node_leaf[v];
            continue;
        }
        int p = g->infoset_player[h], best = -1, br = 0, bc = -1, tie = 0, cross = 0;
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            int cls = G->leafcls[(size_t)leafof[brink_efg_child(g, v, a)] * np + p];
            int r = rank[cls];
            if (best < 0 || r > br) {
                best = a;
                br = r;
                bc = cls;
                tie = cross = 0;
            } else if (r == br) {
                tie = 1;
                cross |= cls != bc;   /* two different functions equal at x: a crossing */
            }
        }
        *crossing |= cross;
        *tied |= tie;
        if (tie && !ties_first)
            goto done;
        choice[h] = best;
        leafof[v] = leafof[brink_efg_child(g, v, best)];
    }
    *found = 1;
done:
    free(rep);
    free(idx);
    free(tmp);
    free(rank);
    if (val)
        brink_q_array_free(val, (size_t)ncls + 1);
    return rc;
}

/* A leaf's payoff vector as a class (equal classes for every actor, equal class). */
static int *vector_classes(cn_game *G, int *nvec, int **rep_out)
{
    int np = G->g->nplayers, nl = G->pg.nleaves;
    size_t cap = 16;
    while (cap < 2 * (size_t)nl)
        cap *= 2;
    int *vid = brink_calloc((size_t)nl + 1, sizeof *vid);
    int *rep = brink_calloc((size_t)nl + 1, sizeof *rep);
    int *tab = brink_calloc(cap, sizeof *tab);
    if (!vid || !rep || !tab) {
        free(vid);
        free(rep);
        free(tab);
        return NULL;
    }
    memset(tab, -1, cap * sizeof *tab);
    int n = 0;
    for (int l = 0; l < nl; l++) {
        const int *c = G->leafcls + (size_t)l * (size_t)np;
        uint64_t hh = 7;
        for (int p = 0; p < np; p++)
            hh = mix(hh, (uint64_t)c[p]);
        size_t j = (size_t)hh & (cap - 1);
        while (tab[j] >= 0 &&
               memcmp(G->leafcls + (size_t)rep[tab[j]] * (size_t)np, c, (size_t)np * sizeof *c))
            j = (j + 1) & (cap - 1);
        if (tab[j] < 0) {
            tab[j] = n;
            rep[n++] = l;
        }
        vid[l] = tab[j];
    }
    free(tab);
    *nvec = n;
    *rep_out = rep;
    return vid;
}

int cn_pure_order_polys(cn_game *G, const mpq_t x, int maxset, pq **out, int *nout)
{
    const brink_efg *g = G->g;
    int N = g->nnodes, np = g->nplayers;
    size_t nk = (size_t)G->pg.nleaves * (size_t)np;
    *out = NULL;
    *nout = 0;
    if (!G->leafcls && leaf_classes(G))
        return -1;
    int ncls = 0;
    for (size_t k = 0; k < nk; k++)
        if (G->leafcls[k] >= ncls)
            ncls = G->leafcls[k] + 1;
    int nvec = 0, *vrep = NULL, *vid = vector_classes(G, &nvec, &vrep);
    int *crep = brink_calloc((size_t)ncls + 1, sizeof *crep);
    mpq_t *val = brink_q_array_new((size_t)ncls + 1);
    int *start = brink_calloc((size_t)N + 1, sizeof *start);
    int *len = brink_calloc((size_t)N + 1, sizeof *len);
    int *mins = NULL, *pool = NULL, npool = 0, poolcap = 0;
    cn_pairset PS = {NULL, 0, 0};
    pq *P = NULL;
    int n = 0, cap = 0, rc = -1;
    if (!vid || !crep || !val || !start || !len)
        goto done;
    int maxk = 1;
    for (int h = 0; h < g->ninfosets; h++)
        maxk = g->infoset_nactions[h] > maxk ? g->infoset_nactions[h] : maxk;
    if (!(mins = brink_calloc((size_t)maxk + 1, sizeof *mins)))
        goto done;
    for (int c = 0; c < ncls; c++)
        crep[c] = -1;
    for (size_t k = 0; k < nk; k++)
        if (crep[G->leafcls[k]] < 0)
            crep[G->leafcls[k]] = (int)k;
    rc = 1;
    for (int c = 0; c < ncls; c++)
        if (rf_eval(val[c], &G->pg.pay[crep[c]], x))
            goto done;   /* undefined at x: not shown here */
    rc = 0;
#define CLS(w, p) G->leafcls[(size_t)vrep[w] * (size_t)np + (size_t)(p)]
    /* bottom up: the payoff vectors of each subtree's subgame-perfect plays at x, and every
     * comparison of the mover's between two children's plays (each is made by some profile:
     * one play of a child against another's) */
    for (int v = N - 1; v >= 0 && !rc; v--) {
        int h = g->node_infoset[v];
        int need = h < 0 ? 1 : 0;
        if (h >= 0)
            for (int a = 0; a < g->infoset_nactions[h]; a++)
                need += len[brink_efg_child(g, v, a)];
        if (npool + need > poolcap) {
            int nc = poolcap ? 2 * poolcap : 1024;
            while (nc < npool + need)
                nc *= 2;
            int *np2 = brink_reallocarray(pool, (size_t)nc, sizeof *pool);
            if (!np2) {
                rc = -1;
                break;
            }
            pool = np2;
            poolcap = nc;
        }
        start[v] = npool;
        if (h < 0) {
            pool[npool++] = vid[g->node_leaf[v]];
            len[v] = 1;
            continue;
        }
        int p = g->infoset_player[h], k = g->infoset_nactions[h];
        for (int a = 0; a < k; a++) {   /* each child's play worst for the mover */
            int c = brink_efg_child(g, v, a), m = pool[start[c]];
            for (int i = 1; i < len[c]; i++)
                if (mpq_cmp(val[CLS(pool[start[c] + i], p)], val[CLS(m, p)]) < 0)
                    m = pool[start[c] + i];
            mins[a] = m;
        }
        for (int a = 0; a < k && !rc; a++) {
            int c = brink_efg_child(g, v, a);
            for (int i = 0; i < len[c] && !rc; i++) {
                int s1 = pool[start[c] + i], c1 = CLS(s1, p), ok = 1;
                for (int b = 0; b < k && !rc; b++) {
                    if (b == a)
                        continue;
                    ok &= mpq_cmp(val[CLS(mins[b], p)], val[c1]) <= 0;
                    int cb = brink_efg_child(g, v, b);
                    for (int j = 0; j < len[cb]; j++) {
                        int c2 = CLS(pool[start[cb] + j], p), added = 0;
                        if (c2 == c1)
                            continue;
                        if (cn_pairset_add(&PS, c1, c2, &added)) {
                            rc = -1;
                            break;
                        }
                        if (!added)
                            continue;
                        /* the cross difference, and the two denominators */
                        if (cn_push_cross(&P, &n, &cap, &G->pg.pay[crep[c1]], &G->pg.pay[crep[c2]]))
                            rc = -1;
                    }
                }
                if (!rc && ok)   /* s1 after a is a play of v's: once */
                    rc = cn_play_once(pool, &npool, start[v], maxset, s1);
            }
        }
        len[v] = npool - start[v];
    }
#undef CLS
done:
    free(vid);
    free(vrep);
    free(crep);
    if (val)
        brink_q_array_free(val, (size_t)ncls + 1);
    free(start);
    free(len);
    free(mins);
    free(pool);
    cn_pairset_free(&PS);
    if (rc) {
        for (int i = 0; i < n; i++)
            pq_clear(&P[i]);
        free(P);
        return rc;
    }
    *out = P;
    *nout = n;
    return 0;
}
