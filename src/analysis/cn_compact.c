/* cn_compact.c — cn_pure.c's pass on a compact game (scenario/compact.h): a pure
 * subgame-perfect profile of a perfect-information game without chance, one choice per class
 * of identical sub-games, its best-reply conditions and the comparisons backward induction
 * makes, computed once per class instead of once per tree node (issue 15, threshold questions
 * on compact games).
 *
 * Every tree node of a class roots the same sub-game, and the payoffs collected above a node
 * add the same constant to every leaf below it: the mover's comparison of two children's
 * plays at a tree node is the comparison of the class's relative values (the payoffs from
 * its move on), so the set of conditions (functions of t) is the tree's, each once. A class's
 * value under the profile is a rational function: V[c] = epay[e] + V[child[e]] along its
 * choice e, the leaf's payoffs at a leaf.
 */
#include "analysis/cn_int.h"
#include "analysis/cn_compact.h"

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

/* ------------------------------------------------------------ interned functions */

/* Distinct rational functions (normalised), each with its value at x. */
typedef struct ftab {
    rf *f;
    mpq_t *v;
    int n, cap;
    int *tab;          /* open addressing: index or -1 */
    size_t tcap;
    int undefined;     /* some function has a pole at x */
} ftab;

static void ftab_free(ftab *T)
{
    for (int i = 0; i < T->n; i++) {
        rf_clear(&T->f[i]);
        mpq_clear(T->v[i]);
    }
    free(T->f);
    free(T->v);
    free(T->tab);
    memset(T, 0, sizeof *T);
}

static int rf_equal(const rf *a, const rf *b, rf *tmp)
{
    if (pq_equal(&a->n, &b->n) && pq_equal(&a->d, &b->d))
        return 1;
    if (rf_sub(tmp, a, b))
        return -1;
    return rf_is_zero(tmp);
}

/* The id of f (normalised in place), added when new; -1 on OOM. */
static int ftab_intern(ftab *T, rf *f, const mpq_t x, rf *tmp)
{
    if (rf_norm(f))
        return -1;
    if (2 * ((size_t)T->n + 1) > T->tcap) {
        size_t nc = T->tcap ? 2 * T->tcap : 256;
        int *nt = brink_calloc(nc, sizeof *nt);
        if (!nt)
            return -1;
        memset(nt, -1, nc * sizeof *nt);
        for (int i = 0; i < T->n; i++) {
            size_t j = (size_t)pq_hash(&T->f[i].d, pq_hash(&T->f[i].n, 1)) & (nc - 1);
            while (nt[j] >= 0)
                j = (j + 1) & (nc - 1);
            nt[j] = i;
        }
        free(T->tab);
        T->tab = nt;
        T->tcap = nc;
    }
    size_t j = (size_t)pq_hash(&f->d, pq_hash(&f->n, 1)) & (T->tcap - 1);
    while (T->tab[j] >= 0) {
        int e = rf_equal(&T->f[T->tab[j]], f, tmp);
        if (e < 0)
            return -1;
        if (e)
            return T->tab[j];
        j = (j + 1) & (T->tcap - 1);
    }
    if (T->n == T->cap) {
        int nc = T->cap ? 2 * T->cap : 64;
        rf *nf = brink_reallocarray(T->f, (size_t)nc, sizeof *nf);
        if (!nf)
            return -1;
        T->f = nf;
        mpq_t *nv = brink_reallocarray(T->v, (size_t)nc, sizeof *nv);
        if (!nv)
            return -1;
        T->v = nv;
        T->cap = nc;
    }
    rf_init(&T->f[T->n]);
    mpq_init(T->v[T->n]);
    if (rf_set(&T->f[T->n], f)) {
        rf_clear(&T->f[T->n]);
        mpq_clear(T->v[T->n]);
        return -1;
    }
    if (x && rf_eval(T->v[T->n], f, x))
        T->undefined = 1;
    T->tab[j] = T->n;
    return T->n++;
}

/* ------------------------------------------------------------ values of a profile */

int ck_has_chance(const sc_compact *k)
{
    for (int c = 0; c < k->nclasses; c++)
        if (k->mover[c] == SC_COMPACT_CHANCE)
            return 1;
    return 0;
}

static const rf *edge_pay(const cn_game *G, int e, int p)
{
    return &G->pg.epay[(size_t)e * (size_t)G->pg.nplayers + (size_t)p];
}

/* V[c * np + p]: each class's value under choice[] (rational functions). */
int ck_values(cn_game *G, const sc_compact *k, const int *choice, rf *V)
{
    int np = k->np;
    for (int c = 0; c < k->nclasses; c++) {
        rf *o = &V[(size_t)c * (size_t)np];
        if (k->mover[c] == -1) {
            for (int p = 0; p < np; p++)
                if (rf_set(&o[p], &G->pg.pay[(size_t)k->leaf[c] * (size_t)np + (size_t)p]))
                    return -1;
            continue;
        }
        if (k->mover[c] == SC_COMPACT_CHANCE) {   /* the expectation over the outcomes */
            rf t;
            rf_init(&t);
            for (int p = 0; p < np; p++) {
                int fail = rf_set_si(&o[p], 0);
                for (int e = k->child_start[c]; e < k->child_start[c + 1] && !fail; e++)
                    fail = rf_add(&t, edge_pay(G, e, p),
                                  &V[(size_t)k->child[e] * (size_t)np + (size_t)p]) ||
                           rf_mul(&t, &t, &G->pg.prob[e]) || rf_add(&o[p], &o[p], &t);
                if (fail) {
                    rf_clear(&t);
                    return -1;
                }
            }
            rf_clear(&t);
            continue;
        }
        int e = k->child_start[c] + choice[c], ch = k->child[e];
        for (int p = 0; p < np; p++)
            if (rf_add(&o[p], edge_pay(G, e, p), &V[(size_t)ch * (size_t)np + (size_t)p]))
                return -1;
    }
    return 0;
}

int ck_solve(cn_game *G, const sc_compact *k, const mpq_t x, int *choice, int *crossing,
             int *tied)
{
    int np = k->np, n = k->nclasses, ne = k->child_start[n], rc = -1;
    *crossing = 0;
    *tied = 0;
    mpq_t *vx = brink_q_array_new((size_t)n * (size_t)np + 1);
    mpq_t *ex = brink_q_array_new((size_t)ne * (size_t)np + 1);
    mpq_t w, bw;
    mpq_inits(w, bw, NULL);
    rf *V = cn_rf_array((size_t)n * (size_t)np);
    rf ga, gb, tmp;
    rf_init(&ga);
    rf_init(&gb);
    rf_init(&tmp);
    if (!vx || !ex || !V)
        goto out;
    rc = 1;
    for (int e = 0; e < ne; e++)
        for (int p = 0; p < np; p++)
            if (rf_eval(ex[(size_t)e * np + p], edge_pay(G, e, p), x))
                goto out;
    for (int c = 0; c < n; c++) {
        mpq_t *o = &vx[(size_t)c * (size_t)np];
        if (k->mover[c] == -1) {
            for (int p = 0; p < np; p++) {
                const rf *f = &G->pg.pay[(size_t)k->leaf[c] * (size_t)np + (size_t)p];
                if (rf_eval(o[p], f, x))
                    goto out;
                if (rf_set(&V[(size_t)c * np + p], f)) {
                    rc = -1;
                    goto out;
                }
            }
            choice[c] = -1;
            continue;
        }
        if (k->mover[c] == SC_COMPACT_CHANCE) {   /* expectations, exact at x and in t */
            choice[c] = -1;
            for (int e = k->child_start[c]; e < k->child_start[c + 1]; e++)
                if (rf_eval(w, &G->pg.prob[e], x))
                    goto out;
            for (int p = 0; p < np; p++) {
                mpq_set_ui(o[p], 0, 1);
                if (rf_set_si(&V[(size_t)c * np + p], 0)) {
                    rc = -1;
                    goto out;
                }
                for (int e = k->child_start[c]; e < k->child_start[c + 1]; e++) {
                    rf_eval(w, &G->pg.prob[e], x);
                    mpq_add(bw, ex[(size_t)e * np + p], vx[(size_t)k->child[e] * np + p]);
                    mpq_mul(bw, bw, w);
                    mpq_add(o[p], o[p], bw);
                    if (rf_add(&ga, edge_pay(G, e, p), &V[(size_t)k->child[e] * np + p]) ||
                        rf_mul(&ga, &ga, &G->pg.prob[e]) ||
                        rf_add(&V[(size_t)c * np + p], &V[(size_t)c * np + p], &ga)) {
                        rc = -1;
                        goto out;
                    }
                }
            }
            continue;
        }
        int m = k->mover[c], e0 = k->child_start[c], na = k->child_start[c + 1] - e0, best = -1;
        int cross = 0, tie = 0;
        for (int a = 0; a < na; a++) {
            int e = e0 + a;
            mpq_add(w, ex[(size_t)e * np + m], vx[(size_t)k->child[e] * np + m]);
            int cmp = best < 0 ? 1 : mpq_cmp(w, bw);
            if (cmp > 0) {
                best = a;
                mpq_set(bw, w);
                cross = tie = 0;
            } else if (cmp == 0) {
                tie = 1;   /* with the best so far: a tie unless a better one follows */
            }
            if (cmp == 0 && !cross) {
                /* a tie at x: between different functions (a crossing) or the same one */
                int eb = e0 + best;
                if (rf_add(&ga, edge_pay(G, e, m), &V[(size_t)k->child[e] * np + m]) ||
                    rf_add(&gb, edge_pay(G, eb, m), &V[(size_t)k->child[eb] * np + m])) {
                    rc = -1;
                    goto out;
                }
                int eq = rf_equal(&ga, &gb, &tmp);
                if (eq < 0) {
                    rc = -1;
                    goto out;
                }
                cross |= !eq;
            }
        }
        *crossing |= cross;
        *tied |= tie;
        choice[c] = best;
        int e = e0 + best, ch = k->child[e];
        for (int p = 0; p < np; p++) {
            mpq_add(o[p], ex[(size_t)e * np + p], vx[(size_t)ch * np + p]);
            if (rf_add(&V[(size_t)c * np + p], edge_pay(G, e, p), &V[(size_t)ch * np + p])) {
                rc = -1;
                goto out;
            }
        }
    }
    rc = 0;
out:
    if (vx)
        brink_q_array_free(vx, (size_t)n * (size_t)np + 1);
    if (ex)
        brink_q_array_free(ex, (size_t)ne * (size_t)np + 1);
    cn_rf_array_free(V, V ? (size_t)n * (size_t)np : 0);
    mpq_clears(w, bw, NULL);
    rf_clear(&ga);
    rf_clear(&gb);
    rf_clear(&tmp);
    return rc;
}

/* The classes in the order of their first node in the tree's pre-order (a depth-first walk
 * entering each class once), into ord[nclasses]; -1 on OOM. */
static int preorder(const sc_compact *k, int *ord)
{
    int n = k->nclasses, cnt = 0;
    int *stk = brink_calloc((size_t)n + 1, sizeof *stk), *next = brink_calloc((size_t)n + 1, sizeof *next);
    unsigned char *seen = brink_calloc((size_t)n + 1, 1);
    if (!stk || !next || !seen) {
        free(stk);
        free(next);
        free(seen);
        return -1;
    }
    int sp = 0;
    stk[sp++] = k->root;
    seen[k->root] = 1;
    ord[cnt++] = k->root;
    for (int c = 0; c < n; c++)
        next[c] = k->child_start[c];
    while (sp) {
        int c = stk[sp - 1];
        if (next[c] == k->child_start[c + 1]) {
            sp--;
            continue;
        }
        int d = k->child[next[c]++];
        if (seen[d])
            continue;
        seen[d] = 1;
        ord[cnt++] = d;
        stk[sp++] = d;
    }
    free(stk);
    free(next);
    free(seen);
    return cnt;
}

int ck_conditions(cn_game *G, const sc_compact *k, const int *choice, const mpq_t x,
                  pcset *conds, int *bad)
{
    int np = k->np, n = k->nclasses, rc = -1;
    int *ord = brink_calloc((size_t)n + 1, sizeof *ord), nord = ord ? preorder(k, ord) : -1;
    rf *V = cn_rf_array((size_t)n * (size_t)np);
    ftab T;
    memset(&T, 0, sizeof T);
    rf ga, gb, tmp;
    rf_init(&ga);
    rf_init(&gb);
    rf_init(&tmp);
    if (!V || nord < 0 || ck_values(G, k, choice, V))
        goto out;
    /* in the tree's order of its information sets (actor by actor, each in pre-order: the
     * first of a function's occurrences is the tree's), the chance outcomes last */
    for (int i = 0; i < (np + 1) * nord; i++) {
        int c = ord[i % nord], who = i / nord;
        if (who < np ? k->mover[c] != who : k->mover[c] != SC_COMPACT_CHANCE)
            continue;
        if (k->mover[c] == SC_COMPACT_CHANCE) {
            /* the sets below an outcome stay reached (its probability stays positive) or
             * unreached (it stays 0): the tree's reach conditions are products of these */
            for (int e = k->child_start[c]; e < k->child_start[c + 1]; e++) {
                const rf *pr = &G->pg.prob[e];
                if (rf_is_const(pr))
                    continue;
                if (rf_set(&ga, pr))
                    goto out;
                int n0 = T.n, id = ftab_intern(&T, &ga, NULL, &tmp);
                if (id < 0)
                    goto out;
                if (id < n0)
                    continue;
                mpq_t v;
                mpq_init(v);
                int zero = !rf_eval(v, pr, x) && mpq_sgn(v) == 0;
                mpq_clear(v);
                /* named by the first decision below the outcome (as the tree's reach
                 * conditions are by a decision's information set), -1 when none */
                int d = k->child[e];
                while (d >= 0 && k->mover[d] == SC_COMPACT_CHANCE)
                    d = k->child[k->child_start[d]];
                if (d >= 0 && k->mover[d] < 0)
                    d = -1;
                if (cn_push_cond(G, conds, pr, zero ? PC_ZERO : PC_POS,
                                 zero ? BRINK_COND_UNREACHED : BRINK_COND_REACHED, d, -1, -1,
                                 bad))
                    goto out;
            }
            continue;
        }
        if (k->mover[c] < 0)
            continue;
        int m = k->mover[c], e0 = k->child_start[c], na = k->child_start[c + 1] - e0;
        int b = choice[c], eb = e0 + b;
        if (rf_add(&gb, edge_pay(G, eb, m), &V[(size_t)k->child[eb] * np + m]))
            goto out;
        for (int a = 0; a < na; a++) {
            if (a == b)
                continue;
            int e = e0 + a;
            if (rf_add(&ga, edge_pay(G, e, m), &V[(size_t)k->child[e] * np + m]) ||
                rf_sub(&ga, &ga, &gb))
                goto out;
            if (rf_is_zero(&ga))
                continue;   /* the zero function: 0 <= 0 holds everywhere */
            int n0 = T.n, id = ftab_intern(&T, &ga, NULL, &tmp);
            if (id < 0)
                goto out;
            if (id < n0)
                continue;   /* the same condition, once */
            if (cn_push_cond(G, conds, &ga, PC_NONPOS, BRINK_COND_BEST_REPLY, c, a, b, bad))
                goto out;
        }
    }
    rc = 0;
out:
    free(ord);
    cn_rf_array_free(V, V ? (size_t)n * (size_t)np : 0);
    ftab_free(&T);
    rf_clear(&ga);
    rf_clear(&gb);
    rf_clear(&tmp);
    return rc;
}

int ck_gap(cn_game *G, const sc_compact *k, const int *choice, int c, int a, int b, rf *out)
{
    int np = k->np, n = k->nclasses, rc = -1, m = k->mover[c], e0 = k->child_start[c];
    rf *V = cn_rf_array((size_t)n * (size_t)np);
    rf t;
    rf_init(&t);
    if (!V || ck_values(G, k, choice, V))
        goto out;
    if (rf_add(out, edge_pay(G, e0 + a, m), &V[(size_t)k->child[e0 + a] * np + m]))
        goto out;
    if (b >= 0 && (rf_add(&t, edge_pay(G, e0 + b, m), &V[(size_t)k->child[e0 + b] * np + m]) ||
                   rf_sub(out, out, &t)))
        goto out;
    rc = 0;
out:
    cn_rf_array_free(V, V ? (size_t)n * (size_t)np : 0);
    rf_clear(&t);
    return rc;
}

/* ------------------------------------------------------------ comparisons (orders) */

/* Vectors of np function ids, interned. */
typedef struct vtab {
    int *id;           /* [n * np] */
    int n, cap, np;
    int *tab;
    size_t tcap;
} vtab;

static uint64_t vhash(const int *v, int np)
{
    uint64_t h = 7;
    for (int p = 0; p < np; p++)
        h = mix(h, (uint64_t)(unsigned)v[p]);
    return h;
}

static int vtab_intern(vtab *T, const int *v)
{
    int np = T->np;
    if (2 * ((size_t)T->n + 1) > T->tcap) {
        size_t nc = T->tcap ? 2 * T->tcap : 256;
        int *nt = brink_calloc(nc, sizeof *nt);
        if (!nt)
            return -1;
        memset(nt, -1, nc * sizeof *nt);
        for (int i = 0; i < T->n; i++) {
            size_t j = (size_t)vhash(T->id + (size_t)i * np, np) & (nc - 1);
            while (nt[j] >= 0)
                j = (j + 1) & (nc - 1);
            nt[j] = i;
        }
        free(T->tab);
        T->tab = nt;
        T->tcap = nc;
    }
    size_t j = (size_t)vhash(v, np) & (T->tcap - 1);
    while (T->tab[j] >= 0) {
        if (!memcmp(T->id + (size_t)T->tab[j] * np, v, (size_t)np * sizeof *v))
            return T->tab[j];
        j = (j + 1) & (T->tcap - 1);
    }
    if (T->n == T->cap) {
        int nc = T->cap ? 2 * T->cap : 64;
        int *ni = brink_reallocarray(T->id, (size_t)nc * (size_t)np, sizeof *ni);
        if (!ni)
            return -1;
        T->id = ni;
        T->cap = nc;
    }
    memcpy(T->id + (size_t)T->n * np, v, (size_t)np * sizeof *v);
    T->tab[j] = T->n;
    return T->n++;
}

int ck_order_polys(cn_game *G, const sc_compact *k, const mpq_t x, int maxset, pq **out,
                   int *nout)
{
    int np = k->np, N = k->nclasses;
    *out = NULL;
    *nout = 0;
    if (ck_has_chance(k))
        return 1;   /* as on the tree: shown for games without chance only */
    ftab F;
    vtab W;
    memset(&F, 0, sizeof F);
    memset(&W, 0, sizeof W);
    W.np = np;
    rf tmp, sum;
    rf_init(&tmp);
    rf_init(&sum);
    int *start = brink_calloc((size_t)N + 1, sizeof *start);
    int *len = brink_calloc((size_t)N + 1, sizeof *len);
    int *vec = brink_calloc((size_t)np + 1, sizeof *vec);
    int *pool = NULL, npool = 0, poolcap = 0;
    int *cpool = NULL, ncp = 0, cpcap = 0;   /* the children's plays, shifted by the edge */
    int *cstart = NULL, *mins = NULL;
    pq *P = NULL;
    int n = 0, cap = 0, rc = -1;
    cn_pairset PS = {NULL, 0, 0};
    if (!start || !len || !vec)
        goto done;
    int maxk = 1;
    for (int c = 0; c < N; c++)
        maxk = k->child_start[c + 1] - k->child_start[c] > maxk
                   ? k->child_start[c + 1] - k->child_start[c] : maxk;
    if (!(mins = brink_calloc((size_t)maxk + 1, sizeof *mins)) ||
        !(cstart = brink_calloc((size_t)maxk + 2, sizeof *cstart)))
        goto done;
    rc = 0;
#define CMP(s, p) F.v[W.id[(size_t)(s) * np + (p)]]
#define FID(s, p) W.id[(size_t)(s) * np + (p)]
    for (int c = 0; c < N && !rc; c++) {
        if (k->mover[c] == -1) {
            for (int p = 0; p < np && !rc; p++) {
                if (rf_set(&sum, &G->pg.pay[(size_t)k->leaf[c] * np + p]) ||
                    (vec[p] = ftab_intern(&F, &sum, x, &tmp)) < 0)
                    rc = -1;
            }
            int s = rc ? -1 : vtab_intern(&W, vec);
            if (s < 0 || F.undefined) {
                rc = s < 0 ? -1 : 1;
                break;
            }
            if (npool + 1 > poolcap) {
                int nc = poolcap ? 2 * poolcap : 1024;
                int *q = brink_reallocarray(pool, (size_t)nc, sizeof *pool);
                if (!q) {
                    rc = -1;
                    break;
                }
                pool = q;
                poolcap = nc;
            }
            start[c] = npool;
            pool[npool++] = s;
            len[c] = 1;
            continue;
        }
        int m = k->mover[c], e0 = k->child_start[c], na = k->child_start[c + 1] - e0;
        /* each child's plays, with the edge's payoffs added */
        ncp = 0;
        for (int a = 0; a < na && !rc; a++) {
            int e = e0 + a, ch = k->child[e], zero = 1;
            for (int p = 0; p < np; p++)
                zero &= rf_is_zero(edge_pay(G, e, p));
            cstart[a] = ncp;
            if (ncp + len[ch] > cpcap) {
                int nc = cpcap ? 2 * cpcap : 1024;
                while (nc < ncp + len[ch])
                    nc *= 2;
                int *q = brink_reallocarray(cpool, (size_t)nc, sizeof *cpool);
                if (!q) {
                    rc = -1;
                    break;
                }
                cpool = q;
                cpcap = nc;
            }
            for (int i = 0; i < len[ch] && !rc; i++) {
                int s = pool[start[ch] + i];
                if (!zero) {
                    for (int p = 0; p < np && !rc; p++)
                        if (rf_add(&sum, edge_pay(G, e, p), &F.f[FID(s, p)]) ||
                            (vec[p] = ftab_intern(&F, &sum, x, &tmp)) < 0)
                            rc = -1;
                    if (!rc && (s = vtab_intern(&W, vec)) < 0)
                        rc = -1;
                    if (!rc && F.undefined)
                        rc = 1;
                }
                cpool[ncp++] = s;
            }
        }
        cstart[na] = ncp;
        if (rc)
            break;
        for (int a = 0; a < na; a++) {   /* each child's play worst for the mover */
            int mm = cpool[cstart[a]];
            for (int i = cstart[a] + 1; i < cstart[a + 1]; i++)
                if (mpq_cmp(CMP(cpool[i], m), CMP(mm, m)) < 0)
                    mm = cpool[i];
            mins[a] = mm;
        }
        int need = ncp;
        if (npool + need > poolcap) {
            int nc = poolcap ? 2 * poolcap : 1024;
            while (nc < npool + need)
                nc *= 2;
            int *q = brink_reallocarray(pool, (size_t)nc, sizeof *pool);
            if (!q) {
                rc = -1;
                break;
            }
            pool = q;
            poolcap = nc;
        }
        start[c] = npool;
        for (int a = 0; a < na && !rc; a++) {
            for (int i = cstart[a]; i < cstart[a + 1] && !rc; i++) {
                int s1 = cpool[i], c1 = FID(s1, m), ok = 1;
                for (int b = 0; b < na && !rc; b++) {
                    if (b == a)
                        continue;
                    ok &= mpq_cmp(CMP(mins[b], m), F.v[c1]) <= 0;
                    for (int j = cstart[b]; j < cstart[b + 1]; j++) {
                        int c2 = FID(cpool[j], m);
                        if (c2 == c1)
                            continue;
                        int added = 0;
                        if (cn_pairset_add(&PS, c1, c2, &added)) {
                            rc = -1;
                            break;
                        }
                        if (!added)
                            continue;
                        /* the cross difference, and the two denominators */
                        if (cn_push_cross(&P, &n, &cap, &F.f[c1], &F.f[c2]))
                            rc = -1;
                    }
                }
                if (!rc && ok)   /* s1 after a is a play of c's: once */
                    rc = cn_play_once(pool, &npool, start[c], maxset, s1);
            }
        }
        len[c] = npool - start[c];
    }
#undef CMP
#undef FID
done:
    ftab_free(&F);
    free(W.id);
    free(W.tab);
    rf_clear(&tmp);
    rf_clear(&sum);
    free(start);
    free(len);
    free(vec);
    free(pool);
    free(cpool);
    free(cstart);
    free(mins);
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
