/* spe.c — subgame-perfect equilibria of perfect-information extensive games by backward
 * induction, reporting EVERY pure SPE when ties occur (up to a cap), plus an exact checker.
 *
 * Bottom-up (reverse pre-order), each node gets a list of "summaries": one per SPE of its
 * subtree, holding the payoff vector, the action chosen at the node, and which summary of each
 * child the SPE uses. A decision node combines every tuple of its children's summaries and
 * keeps each action that maximises the mover's payoff; a chance node averages. Payoffs are the
 * terminal nodes' path sums (leaf_payq): the outcomes above a node add the same to every
 * child and chance probabilities sum to 1, so comparisons are those of the subtree payoffs,
 * and a decision summary refers to its chosen child's vector instead of copying it (only
 * chance nodes make new vectors). Without ties every list has one entry and the work is
 * linear in the tree. With ties the
 * number of SPE can grow exponentially, so memory is bounded by caps that the result
 * reports (stats.list_capped = 1, stats.complete = 0): at most BRINK_SPE_MAX summaries per
 * node, at most BRINK_SPE_MAX_TOTAL over the tree (each node keeps at least one, so an SPE is
 * always found), and at most BRINK_SPE_LIST_BYTES of listed profiles (exact vectors of all
 * the actions each). The time limit is checked as the induction goes.
 *
 * With o->by_play (spe_plays below) the summaries are the distinct SPE plays of each
 * subtree with exact counts of the profiles behind them, and the list has one profile per
 * play: ties off the path multiply profiles, not plays, so the list of plays is complete far
 * more often than a list of profiles can be. */
#include <stdlib.h>
#include <string.h>

#include "solve/solvers.h"

#define BRINK_SPE_MAX 1024
#define BRINK_SPE_MAX_TOTAL (1L << 18)          /* summaries over the tree (~80 bytes each) */
#define BRINK_SPE_LIST_BYTES (256L << 20)       /* listed profiles, estimated */

typedef struct {
    int *choice;      /* per summary: action index at the node (-1 terminal/chance) */
    int *child_start; /* per summary: start in childsel */
    int *payid;       /* per summary: its payoff vector, >= 0 in pool, < 0 leaf -1-payid */
    int count, cap;
    int *childsel;    /* pooled child summary indices */
    int nchildsel, childsel_cap;
    mpq_t *pool;      /* payoff vectors made at chance nodes, nplayers each */
    double *poold;    /* the same rounded (see vecd) */
    int npool, pool_cap;
    mpz_t *cnt;       /* by play: per summary, the profiles of the subtree with its play */
    int cnt_cap;
} summaries;

static int grow_summaries(summaries *S, int need)
{
    if (need <= S->cap) return 0;
    int c = S->cap ? S->cap * 2 : 1024;
    while (c < need) c *= 2;
    int *ch = brink_reallocarray(S->choice, (size_t)c, sizeof(int));
    if (!ch) return -1;
    S->choice = ch;
    int *cs = brink_reallocarray(S->child_start, (size_t)c, sizeof(int));
    if (!cs) return -1;
    S->child_start = cs;
    int *p = brink_reallocarray(S->payid, (size_t)c, sizeof(int));
    if (!p) return -1;
    S->payid = p;
    S->cap = c;
    return 0;
}

/* A new vector in the pool: its index, or -1 when out of memory. */
static int new_vector(summaries *S, int n)
{
    if (S->npool >= S->pool_cap) {
        int c = S->pool_cap ? S->pool_cap * 2 : 256;
        double *d = brink_reallocarray(S->poold, (size_t)c * (size_t)n, sizeof(double));
        if (!d) return -1;
        S->poold = d;
        mpq_t *p = brink_reallocarray(S->pool, (size_t)c * (size_t)n, sizeof(mpq_t));
        if (!p) return -1;
        S->pool = p;
        for (size_t i = (size_t)S->pool_cap * (size_t)n; i < (size_t)c * (size_t)n; i++) mpq_init(S->pool[i]);
        S->pool_cap = c;
    }
    return S->npool++;
}

static inline const mpq_t *vec(const brink_efg *g, const summaries *S, int s)
{
    int id = S->payid[s];
    return id >= 0 ? S->pool + (size_t)id * (size_t)g->nplayers
                   : g->leaf_payq + (size_t)(-1 - id) * (size_t)g->nplayers;
}

/* The same vector in doubles, each the exact value rounded by mpq_get_d. That rounding is
 * monotone, so doubles that differ order the exact values the same way; only equal doubles
 * need the exact comparison. */
static inline const double *vecd(const brink_efg *g, const summaries *S, const double *leafd,
                                 int s)
{
    int id = S->payid[s];
    return id >= 0 ? S->poold + (size_t)id * (size_t)g->nplayers
                   : leafd + (size_t)(-1 - id) * (size_t)g->nplayers;
}

static inline int cmp_pay(const brink_efg *g, const summaries *S, const double *leafd, int s,
                          int t, int p)
{
    double x = vecd(g, S, leafd, s)[p], y = vecd(g, S, leafd, t)[p];
    if (x != y)
        return x > y ? 1 : -1;
    return mpq_cmp(vec(g, S, s)[p], vec(g, S, t)[p]);
}

static int grow_childsel(summaries *S, int need)
{
    if (need <= S->childsel_cap) return 0;
    int c = S->childsel_cap ? S->childsel_cap * 2 : 1024;
    while (c < need) c *= 2;
    int *p = brink_reallocarray(S->childsel, (size_t)c, sizeof(int));
    if (!p) return -1;
    S->childsel = p;
    S->childsel_cap = c;
    return 0;
}

/* Room for the counts of summaries up to need (by play only). */
static int grow_counts(summaries *S, int need)
{
    if (need <= S->cnt_cap) return 0;
    int c = S->cnt_cap ? S->cnt_cap * 2 : 1024;
    while (c < need) c *= 2;
    mpz_t *p = brink_reallocarray(S->cnt, (size_t)c, sizeof(mpz_t));
    if (!p) return -1;
    S->cnt = p;
    for (int i = S->cnt_cap; i < c; i++) mpz_init(S->cnt[i]);
    S->cnt_cap = c;
    return 0;
}

static void free_summaries(summaries *S, int n)
{
    for (int i = 0; i < S->cnt_cap; i++) mpz_clear(S->cnt[i]);
    free(S->cnt);
    for (size_t i = 0; i < (size_t)S->pool_cap * (size_t)n; i++) mpq_clear(S->pool[i]);
    free(S->pool);
    free(S->poold);
    free(S->payid);
    free(S->choice);
    free(S->child_start);
    free(S->childsel);
}

/* The pure profile of the root's summary `root` into pr: chance as the game's, each
 * decision's chosen action 1 (the rest 0, as pr was made), walking the summaries' child
 * selections with `stack` (room for two entries per node). */
static void write_profile(const brink_efg *g, const summaries *S, int root, int *stack,
                          brink_profile *pr)
{
    for (int a = 0; a < g->nactions; a++) mpq_set(pr->q[a], g->action_probq[a]);
    int sp = 0;
    stack[sp++] = 0;
    stack[sp++] = root;
    while (sp > 0) {
        int s = stack[--sp], v = stack[--sp];
        int h = g->node_infoset[v];
        if (h < 0) continue;
        if (S->choice[s] >= 0)
            mpq_set_ui(pr->q[g->infoset_action_start[h] + S->choice[s]], 1, 1);
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            stack[sp++] = g->node_children[g->node_child_start[v] + a];
            stack[sp++] = S->childsel[S->child_start[s] + a];
        }
    }
    brink_profile_sync_doubles(pr);
}

static brink_status spe_plays(const brink_efg *g, const brink_solve_options *o,
                              brink_profile_list *out, brink_error *err);

static brink_status spe_efg(const brink_efg *g, const brink_solve_options *o,
                            brink_profile_list *out, brink_error *err)
{
    if (o->by_play)
        return spe_plays(g, o, out, err);
    int N = g->nnodes, n = g->nplayers;
    int *first = malloc(sizeof(int) * (size_t)N), *count = malloc(sizeof(int) * (size_t)N);
    int *idx = NULL;
    double *leafd = brink_calloc((size_t)g->nleaves * (size_t)g->nplayers + 1, sizeof *leafd);
    summaries S;
    memset(&S, 0, sizeof S);
    mpq_t t;
    mpq_init(t);
    int truncated = 0;
    brink_status st = BRINK_OK;
    if (!first || !count || !leafd) goto oom;
    for (size_t i = 0; i < (size_t)g->nleaves * (size_t)n; i++) leafd[i] = brink_q_get_d(g->leaf_payq[i]);
    int maxk = 1;
    for (int h = 0; h < g->ninfosets; h++)
        if (g->infoset_nactions[h] > maxk) maxk = g->infoset_nactions[h];
    if (!(idx = calloc((size_t)maxk, sizeof(int)))) goto oom;

    double t0 = brink_now();
    for (int v = N - 1; v >= 0; v--) {
        int h = g->node_infoset[v];
        first[v] = S.count;
        if ((v & 1023) == 0 && o->time_limit > 0 && brink_now() - t0 > o->time_limit) {
            st = brink_error_set(err, BRINK_ENOCONVERGE,
                                 "spe: time limit of %g s reached during backward induction "
                                 "(%d of %d nodes done)", o->time_limit, N - 1 - v, N);
            goto done;
        }
        if (h < 0) {
            if (grow_summaries(&S, S.count + 1)) goto oom;
            S.choice[S.count] = -1;
            S.child_start[S.count] = S.nchildsel;
            S.payid[S.count] = -1 - g->node_leaf[v];
            S.count++;
        } else {
            int k = g->infoset_nactions[h], mover = g->infoset_player[h];
            int kids = g->node_child_start[v];
            for (int a = 0; a < k; a++) idx[a] = 0;
            for (;;) { /* odometer over tuples of child summaries */
                int bs = -1;   /* a summary with the mover's best payoff */
                if (mover >= 0)
                    for (int a = 0; a < k; a++) {
                        int cs = first[g->node_children[kids + a]] + idx[a];
                        if (bs < 0 || cmp_pay(g, &S, leafd, cs, bs, mover) > 0) bs = cs;
                    }
                for (int a = 0; a < k; a++) {
                    int c = g->node_children[kids + a];
                    int cs = first[c] + idx[a];
                    if (mover >= 0 && cs != bs && cmp_pay(g, &S, leafd, cs, bs, mover) != 0)
                        continue;
                    if (S.count - first[v] >= BRINK_SPE_MAX ||
                        (S.count >= BRINK_SPE_MAX_TOTAL && S.count > first[v])) {
                        truncated = 1;
                        break;
                    }
                    if (grow_summaries(&S, S.count + 1) || grow_childsel(&S, S.nchildsel + k))
                        goto oom;
                    int s = S.count++;
                    S.choice[s] = mover >= 0 ? a : -1;
                    S.child_start[s] = S.nchildsel;
                    for (int j = 0; j < k; j++) S.childsel[S.nchildsel++] = first[g->node_children[kids + j]] + idx[j];
                    if (mover >= 0) {
                        S.payid[s] = S.payid[first[c] + idx[a]];
                    } else {
                        int id = new_vector(&S, n);
                        if (id < 0) goto oom;
                        S.payid[s] = id;
                        for (int p = 0; p < n; p++) {
                            mpq_t *dst = &S.pool[(size_t)id * n + p];
                            mpq_set_ui(*dst, 0, 1);
                            for (int j = 0; j < k; j++) {
                                mpq_mul(t, g->action_probq[g->infoset_action_start[h] + j],
                                        vec(g, &S, first[g->node_children[kids + j]] + idx[j])[p]);
                                mpq_add(*dst, *dst, t);
                            }
                            S.poold[(size_t)id * n + p] = brink_q_get_d(*dst);
                        }
                    }
                    if (mover < 0) break; /* a chance node emits one summary per tuple */
                }
                int a = 0;
                for (; a < k; a++) {
                    int c = g->node_children[kids + a];
                    if (++idx[a] < count[c]) break;
                    idx[a] = 0;
                }
                if (a == k) break;
                if (S.count - first[v] >= BRINK_SPE_MAX ||
                    (S.count >= BRINK_SPE_MAX_TOTAL && S.count > first[v])) {
                    truncated = 1;
                    break;
                }
            }
        }
        count[v] = S.count - first[v];
    }

    /* Expand each root summary into a behaviour profile. */
    {
        int *stack = malloc(sizeof(int) * 2 * (size_t)N);
        if (!stack) goto oom;
        /* an exact profile costs about 48 bytes per action (mpq and double) */
        long listable = BRINK_SPE_LIST_BYTES / (48L * (g->nactions + 1));
        if (listable < 1) listable = 1;
        int nlist = count[0] < listable ? count[0] : (int)listable;
        if (nlist < count[0] && o->all) truncated = 1;
        /* the caller's cap: found (and counted), not listed; the list stays complete */
        if (o->max_list > 0 && nlist > o->max_list) nlist = (int)o->max_list;
        out->stats.found = count[0];
        for (int r = 0; r < nlist; r++) {
            /* the listing reads the clock too: each profile is a pass over the tree and its
             * exact numbers; past the limit the ones listed stand, the list is cut */
            if (r > 0 && o->time_limit > 0 && brink_now() - t0 > o->time_limit) {
                truncated = 1;   /* more exist: count[0] > r */
                break;
            }
            brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_BEHAV, g->nactions, 1, err);
            if (!pr) {
                free(stack);
                st = BRINK_ENOMEM;
                goto done;
            }
            write_profile(g, &S, first[0] + r, stack, pr);
            if (!o->all) break;
        }
        free(stack);
    }
    out->stats.complete = !truncated && o->all;
    out->stats.list_capped = truncated && o->all;
    goto done;
oom:
    st = brink_error_set(err, BRINK_ENOMEM, "out of memory in backward induction");
done:
    mpq_clear(t);
    free(leafd);
    free(first);
    free(count);
    free(idx);
    free_summaries(&S, n);
    return st;
}

/* ---- By play (o->by_play) ----
 * Two SPE with the same play (the same choices wherever play goes) have the same payoffs, so
 * each node keeps one summary per distinct SPE play of its subtree, with the exact number
 * of SPE profiles of the subtree that have it. At a node of mover i, action a followed by
 * child play s is the play of an SPE iff every other action b has an SPE continuation worth
 * no more to i than s (the one worst for i serves best: the least value over b's plays);
 * the profiles with that play number count(s) * prod_{b != a} sum of count(t) over the
 * plays t of b with v_i(t) <= v_i(s). A chance node's plays are the tuples of its children's
 * plays (counts multiply), except that a child chance never reaches is off the path: any
 * SPE there, counted, not told apart. The representative profile plays, in each off-path
 * subtree, an SPE with the mover's least value there. Which actions other SPE with the
 * same play take off the path comes from the same test, top down (plays_alt). */
/* By play, a node keeps up to this many plays (a play per tuple of its children's at a
 * chance node: independent ties below one multiply); the total cap is the same. */
#define BRINK_SPE_PLAYS_MAX (1 << 16)

static int cap_hit(const summaries *S, int firstv)
{
    return S->count - firstv >= BRINK_SPE_PLAYS_MAX ||
           (S->count >= BRINK_SPE_MAX_TOTAL && S->count > firstv);
}

static int new_summary(summaries *S, int k)
{
    if (grow_summaries(S, S->count + 1) || grow_childsel(S, S->nchildsel + k) ||
        grow_counts(S, S->count + 1))
        return -1;
    int s = S->count++;
    S->child_start[s] = S->nchildsel;
    S->nchildsel += k;
    return s;
}

/* The actions SPE with root play r take: alt[action] = 1 (player actions). mark: [S->count]
 * scratch; best: [maxk] scratch. */
static void plays_alt(const brink_efg *g, const summaries *S, const double *leafd,
                      const int *first, const int *count, int r, unsigned char *mark,
                      int *best, unsigned char *alt)
{
    memset(mark, 0, (size_t)S->count);
    mark[first[0] + r] = 1;
    for (int v = 0; v < g->nnodes; v++) {
        int h = g->node_infoset[v];
        if (h < 0) continue;
        int k = g->infoset_nactions[h], mover = g->infoset_player[h];
        int kids = g->node_child_start[v], any = 0;
        for (int s = first[v]; s < first[v] + count[v]; s++) {
            if (!mark[s]) continue;
            any = 1;
            if (mover >= 0) {
                alt[g->infoset_action_start[h] + S->choice[s]] = 1;
                mark[S->childsel[S->child_start[s] + S->choice[s]]] = 1;
            } else {
                for (int j = 0; j < k; j++)
                    if (mpq_sgn(g->action_probq[g->infoset_action_start[h] + j]) > 0)
                        mark[S->childsel[S->child_start[s] + j]] = 1;
            }
        }
        if (!any) continue;
        for (int j = 0; j < k; j++) {
            int c = g->node_children[kids + j];
            if (mover < 0) {   /* a child chance never reaches: any SPE there */
                if (mpq_sgn(g->action_probq[g->infoset_action_start[h] + j]) == 0)
                    memset(mark + first[c], 1, (size_t)count[c]);
                continue;
            }
            /* off the path after a marked play that chose another action: any SPE of the
             * child worth no more to the mover than the best such play */
            best[j] = -1;
            for (int s = first[v]; s < first[v] + count[v]; s++)
                if (mark[s] && S->choice[s] != j &&
                    (best[j] < 0 || cmp_pay(g, S, leafd, s, best[j], mover) > 0))
                    best[j] = s;
            if (best[j] < 0) continue;
            for (int t = first[c]; t < first[c] + count[c]; t++)
                if (cmp_pay(g, S, leafd, t, best[j], mover) <= 0) mark[t] = 1;
        }
    }
}

/* Scratch for counting: a child's summaries in order of the mover's value and the running
 * sums of their counts, so that the profiles worth at most x to the mover are one search. */
typedef struct {
    int *ord, *tmp;
    int ncap;
    mpz_t *pre;
    int pcap;
} ranks;

static int ranks_grow(ranks *R, int n, int np)
{
    if (n > R->ncap) {
        int *o = brink_reallocarray(R->ord, (size_t)n, sizeof(int));
        if (!o) return -1;
        R->ord = o;
        int *t = brink_reallocarray(R->tmp, (size_t)n, sizeof(int));
        if (!t) return -1;
        R->tmp = t;
        R->ncap = n;
    }
    if (np > R->pcap) {
        mpz_t *p = brink_reallocarray(R->pre, (size_t)np, sizeof(mpz_t));
        if (!p) return -1;
        R->pre = p;
        for (int i = R->pcap; i < np; i++) mpz_init(R->pre[i]);
        R->pcap = np;
    }
    return 0;
}

/* Sort a[0..n) by the mover's value (merge sort: the comparison needs the game). */
static void sort_by_value(const brink_efg *g, const summaries *S, const double *leafd, int mover,
                          int *a, int *tmp, int n)
{
    for (int w = 1; w < n; w *= 2) {
        for (int lo = 0; lo < n; lo += 2 * w) {
            int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = cmp_pay(g, S, leafd, a[j], a[i], mover) < 0 ? a[j++] : a[i++];
            while (i < mid) tmp[k++] = a[i++];
            while (j < hi) tmp[k++] = a[j++];
        }
        memcpy(a, tmp, sizeof(int) * (size_t)n);
    }
}

static brink_status spe_plays(const brink_efg *g, const brink_solve_options *o,
                              brink_profile_list *out, brink_error *err)
{
    ranks RK;
    memset(&RK, 0, sizeof RK);
    int *roff = NULL;
    int N = g->nnodes, n = g->nplayers;
    int *first = malloc(sizeof(int) * (size_t)N), *count = malloc(sizeof(int) * (size_t)N);
    int *idx = NULL, *minidx = NULL, *stack = NULL;
    unsigned char *mark = NULL;
    double *leafd = brink_calloc((size_t)g->nleaves * (size_t)g->nplayers + 1, sizeof *leafd);
    summaries S;
    memset(&S, 0, sizeof S);
    mpq_t t;
    mpq_init(t);
    mpz_t prod, sum;
    mpz_inits(prod, sum, NULL);
    int truncated = 0, capped = 0;   /* capped: some node kept fewer plays (counts are lower bounds) */
    brink_status st = BRINK_OK;
    if (!first || !count || !leafd) goto oom;
    for (size_t i = 0; i < (size_t)g->nleaves * (size_t)n; i++) leafd[i] = brink_q_get_d(g->leaf_payq[i]);
    int maxk = 1;
    for (int h = 0; h < g->ninfosets; h++)
        if (g->infoset_nactions[h] > maxk) maxk = g->infoset_nactions[h];
    if (!(idx = calloc((size_t)maxk, sizeof(int))) || !(minidx = calloc((size_t)maxk, sizeof(int))) ||
        !(roff = calloc((size_t)maxk + 1, sizeof(int))))
        goto oom;

    double t0 = brink_now();
    for (int v = N - 1; v >= 0; v--) {
        int h = g->node_infoset[v];
        first[v] = S.count;
        if ((v & 1023) == 0 && o->time_limit > 0 && brink_now() - t0 > o->time_limit) {
            st = brink_error_set(err, BRINK_ENOCONVERGE,
                                 "spe: time limit of %g s reached during backward induction "
                                 "(%d of %d nodes done)", o->time_limit, N - 1 - v, N);
            goto done;
        }
        if (h < 0) {
            int s = new_summary(&S, 0);
            if (s < 0) goto oom;
            S.choice[s] = -1;
            S.payid[s] = -1 - g->node_leaf[v];
            mpz_set_ui(S.cnt[s], 1);
            count[v] = 1;
            continue;
        }
        int k = g->infoset_nactions[h], mover = g->infoset_player[h];
        int kids = g->node_child_start[v], a0 = g->infoset_action_start[h];
        if (mover >= 0) {
            /* each child's plays in order of the mover's value, with running sums of their
             * profiles; its play worst for the mover first */
            roff[0] = 0;
            for (int b = 0; b < k; b++) roff[b + 1] = roff[b] + count[g->node_children[kids + b]];
            if (ranks_grow(&RK, roff[k], roff[k] + k)) goto oom;
            for (int b = 0; b < k; b++) {
                int c = g->node_children[kids + b], *ord = RK.ord + roff[b];
                for (int u = 0; u < count[c]; u++) ord[u] = first[c] + u;
                sort_by_value(g, &S, leafd, mover, ord, RK.tmp, count[c]);
                minidx[b] = ord[0];
                mpz_t *pre = RK.pre + roff[b] + b;
                mpz_set_ui(pre[0], 0);
                for (int u = 0; u < count[c]; u++) mpz_add(pre[u + 1], pre[u], S.cnt[ord[u]]);
            }
            int stop = 0;
            for (int a = 0; a < k && !stop; a++) {
                int c = g->node_children[kids + a];
                for (int u = first[c]; u < first[c] + count[c]; u++) {
                    int ok = 1;
                    for (int b = 0; b < k && ok; b++)
                        if (b != a && cmp_pay(g, &S, leafd, minidx[b], u, mover) > 0) ok = 0;
                    if (!ok) continue;
                    if (cap_hit(&S, first[v])) {
                        truncated = stop = capped = 1;
                        break;
                    }
                    mpz_set(prod, S.cnt[u]);
                    for (int b = 0; b < k; b++) {
                        if (b == a) continue;
                        /* the plays of b worth at most u's value to the mover: a prefix */
                        int *ord = RK.ord + roff[b], lo = 0, hi = roff[b + 1] - roff[b];
                        while (lo < hi) {
                            int mid = (lo + hi) / 2;
                            if (cmp_pay(g, &S, leafd, ord[mid], u, mover) <= 0) lo = mid + 1;
                            else hi = mid;
                        }
                        mpz_mul(prod, prod, RK.pre[roff[b] + b + lo]);
                    }
                    int s = new_summary(&S, k);
                    if (s < 0) goto oom;
                    S.choice[s] = a;
                    S.payid[s] = S.payid[u];
                    mpz_set(S.cnt[s], prod);
                    for (int j = 0; j < k; j++)
                        S.childsel[S.child_start[s] + j] = j == a ? u : minidx[j];
                }
            }
        } else {
            /* a child chance never reaches counts all its plays and shows its first */
            mpz_set_ui(sum, 1);
            for (int j = 0; j < k; j++) {
                idx[j] = 0;
                int c = g->node_children[kids + j];
                if (mpq_sgn(g->action_probq[a0 + j]) == 0) {
                    mpz_set_ui(prod, 0);
                    for (int u = first[c]; u < first[c] + count[c]; u++) mpz_add(prod, prod, S.cnt[u]);
                    mpz_mul(sum, sum, prod);
                }
            }
            for (;;) {
                if (cap_hit(&S, first[v])) {
                    truncated = capped = 1;
                    break;
                }
                int s = new_summary(&S, k);
                if (s < 0) goto oom;
                S.choice[s] = -1;
                mpz_set(S.cnt[s], sum);
                for (int j = 0; j < k; j++) {
                    int cs = first[g->node_children[kids + j]] + idx[j];
                    S.childsel[S.child_start[s] + j] = cs;
                    if (mpq_sgn(g->action_probq[a0 + j]) > 0) mpz_mul(S.cnt[s], S.cnt[s], S.cnt[cs]);
                }
                int id = new_vector(&S, n);
                if (id < 0) goto oom;
                S.payid[s] = id;
                for (int p = 0; p < n; p++) {
                    mpq_t *dst = &S.pool[(size_t)id * n + p];
                    mpq_set_ui(*dst, 0, 1);
                    for (int j = 0; j < k; j++) {
                        mpq_mul(t, g->action_probq[a0 + j],
                                vec(g, &S, first[g->node_children[kids + j]] + idx[j])[p]);
                        mpq_add(*dst, *dst, t);
                    }
                    S.poold[(size_t)id * n + p] = brink_q_get_d(*dst);
                }
                int j = 0;
                for (; j < k; j++) {
                    int c = g->node_children[kids + j];
                    if (mpq_sgn(g->action_probq[a0 + j]) > 0 && ++idx[j] < count[c]) break;
                    idx[j] = 0;
                }
                if (j == k) break;
            }
        }
        count[v] = S.count - first[v];
    }

    /* One profile per root play. */
    {
        if (!(stack = malloc(sizeof(int) * 2 * (size_t)N)) || !(mark = malloc((size_t)S.count + 1)))
            goto oom;
        if (!(out->stats.profiles = malloc(sizeof(mpz_t)))) goto oom;
        mpz_init(*out->stats.profiles);
        for (int r = 0; r < count[0]; r++) mpz_add(*out->stats.profiles, *out->stats.profiles, S.cnt[first[0] + r]);
        long listable = BRINK_SPE_LIST_BYTES / (48L * (g->nactions + 1));
        if (listable < 1) listable = 1;
        int nlist = count[0] < listable ? count[0] : (int)listable;
        if (nlist < count[0] && o->all) truncated = 1;
        if (o->max_list > 0 && nlist > o->max_list) nlist = (int)o->max_list;
        out->stats.found = count[0];
        for (int r = 0; r < nlist; r++) {
            if (r > 0 && o->time_limit > 0 && brink_now() - t0 > o->time_limit) {
                truncated = 1;
                break;
            }
            brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_BEHAV, g->nactions, 1, err);
            if (!pr) {
                st = BRINK_ENOMEM;
                goto done;
            }
            pr->nprofiles = malloc(sizeof(mpz_t));
            pr->alt = calloc((size_t)g->nactions + 1, 1);
            if (!pr->nprofiles || !pr->alt) {
                free(pr->nprofiles);
                pr->nprofiles = NULL;
                goto oom;
            }
            mpz_init_set(*pr->nprofiles, S.cnt[first[0] + r]);
            write_profile(g, &S, first[0] + r, stack, pr);
            plays_alt(g, &S, leafd, first, count, r, mark, idx, pr->alt);
            if (!o->all) break;
        }
    }
    out->stats.complete = !truncated && o->all;
    out->stats.list_capped = truncated && o->all;
    out->stats.profiles_at_least = capped;
    goto done;
oom:
    st = brink_error_set(err, BRINK_ENOMEM, "out of memory in backward induction");
done:
    mpq_clear(t);
    mpz_clears(prod, sum, NULL);
    free(leafd);
    free(first);
    free(count);
    free(idx);
    free(minidx);
    free(stack);
    free(mark);
    free(roff);
    free(RK.ord);
    free(RK.tmp);
    for (int i = 0; i < RK.pcap; i++) mpz_clear(RK.pre[i]);
    free(RK.pre);
    free_summaries(&S, n);
    return st;
}

brink_status brink_verify_subgame_perfect(const brink_efg *g, const brink_profile *pr,
                                          int *is_spe, brink_error *err)
{
    if (!g->perfect_info)
        return brink_error_set(err, BRINK_EUNSUPPORTED,
                               "subgame perfection is checked for perfect-information games");
    if (!pr->q) return brink_error_set(err, BRINK_EINVALID, "an exact profile is needed");
    int N = g->nnodes, n = g->nplayers;
    mpq_t *val = brink_q_array_new((size_t)N * (size_t)n);
    if (!val) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    /* the evaluator's values (chance from the game, whatever the profile holds there) */
    brink_efg_subtree_valuesq(g, (const mpq_t *)pr->q, 0, -1, val);
    int ok = 1;
    for (int v = 0; v < N && ok; v++) {
        int h = g->node_infoset[v];
        if (h < 0 || g->infoset_player[h] < 0) continue;
        int mover = g->infoset_player[h];
        /* no action may do better for the mover than the profile does */
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            int c = brink_efg_child(g, v, a);
            if (mpq_cmp(val[(size_t)c * n + mover], val[(size_t)v * n + mover]) > 0) ok = 0;
        }
    }
    brink_q_array_free(val, (size_t)N * (size_t)n);
    *is_spe = ok;
    return BRINK_OK;
}

const brink_solver brink_solver_spe = {
    .name = "spe",
    .summary = "backward induction on perfect-information games; every pure subgame-perfect "
               "equilibrium when there are ties",
    .guarantee = "every pure subgame-perfect equilibrium, exactly, unless the output says the "
                 "list stopped before its end, at its memory cap or the time limit (then a "
                 "subset; at least one); by play (the analysis, past max_profiles profiles): "
                 "every distinct play, each with the exact number of profiles sharing it",
    .flags = BRINK_SOLVER_EFG | BRINK_SOLVER_EXACT | BRINK_SOLVER_ALL | BRINK_SOLVER_PERFECT_INFO,
    .solve_nfg = NULL,
    .solve_efg = spe_efg,
};
