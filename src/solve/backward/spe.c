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
 * the actions each). The time limit is checked as the induction goes. */
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

static void free_summaries(summaries *S, int n)
{
    for (size_t i = 0; i < (size_t)S->pool_cap * (size_t)n; i++) mpq_clear(S->pool[i]);
    free(S->pool);
    free(S->poold);
    free(S->payid);
    free(S->choice);
    free(S->child_start);
    free(S->childsel);
}

static brink_status spe_efg(const brink_efg *g, const brink_solve_options *o,
                            brink_profile_list *out, brink_error *err)
{
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
            for (int a = 0; a < g->nactions; a++) mpq_set(pr->q[a], g->action_probq[a]);
            int sp = 0;
            stack[sp++] = 0;
            stack[sp++] = first[0] + r;
            while (sp > 0) {
                int s = stack[--sp], v = stack[--sp];
                int h = g->node_infoset[v];
                if (h < 0) continue;
                if (S.choice[s] >= 0)
                    mpq_set_ui(pr->q[g->infoset_action_start[h] + S.choice[s]], 1, 1);
                for (int a = 0; a < g->infoset_nactions[h]; a++) {
                    stack[sp++] = g->node_children[g->node_child_start[v] + a];
                    stack[sp++] = S.childsel[S.child_start[s] + a];
                }
            }
            brink_profile_sync_doubles(pr);
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
                 "subset; at least one)",
    .flags = BRINK_SOLVER_EFG | BRINK_SOLVER_EXACT | BRINK_SOLVER_ALL | BRINK_SOLVER_PERFECT_INFO,
    .solve_nfg = NULL,
    .solve_efg = spe_efg,
};
