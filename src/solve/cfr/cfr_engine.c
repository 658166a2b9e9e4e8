/* cfr_engine.c — full-tree CFR, CFR+ and DCFR over flat pre-order arrays (brink/cfr.h).
 *
 * One iteration, for each player i in turn (the traverser):
 *   1. accumulate i's average strategy, weighted by i's own reach (its realisation plan);
 *   2. forward pass: pm[v] = reach of chance and the other players, val[v] = leaf payoff;
 *   3. backward pass (reverse pre-order): val[parent] += sigma(edge) val[v], and at i's
 *      nodes cfv[a] += pm[parent] val[v] (counterfactual value of action a);
 *   4. regret update r[a] += cfv[a] - sum_b sigma(b) cfv[b] (variant-specific), then new
 *      sigma for i (alternating) or for everyone after the last player (simultaneous).
 * The regret of action a at h only needs sums over h's nodes, so infosets never appear in
 * the node loops, and no hashing or recursion happens on the hot path.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "solve/cfr/cfr_internal.h"
#include "solve/efg_util.h"

void brink_cfr_params_init(brink_cfr_params *p, brink_cfr_variant v)
{
    memset(p, 0, sizeof *p);
    p->variant = v;
    p->alpha = 1.5;
    p->beta = 0.0;
    p->gamma = 2.0;
    p->alternating = v == BRINK_CFR_PLUS || v == BRINK_CFR_DISCOUNTED;
    p->threads = 0;
    p->seed = 1;
}

void brink_cfr_free(brink_cfr *c)
{
    if (!c)
        return;
    brink_cfr__pool_free(c->pool);
    free(c->parent);
    free(c->edge);
    free(c->owner);
    free(c->pay);
    free(c->ps_action);
    free(c->regret);
    free(c->avg);
    free(c->sigma);
    free(c->cfv);
    free(c->xr);
    free(c->pm);
    free(c->val);
    free(c->seqv);
    free(c->mark);
    free(c->V);
    free(c->chance_cum);
    free(c);
}

void brink_cfr__regret_matching(brink_cfr *c, int h)
{
    const brink_efg *g = c->g;
    int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
    double sum = 0;
    for (int a = 0; a < na; a++) {
        double r = c->regret[a0 + a];
        sum += r > 0 ? r : 0;
    }
    if (sum > 0) {
        for (int a = 0; a < na; a++) {
            double r = c->regret[a0 + a];
            c->sigma[a0 + a] = r > 0 ? r / sum : 0;
        }
    } else {
        for (int a = 0; a < na; a++)
            c->sigma[a0 + a] = 1.0 / na;
    }
}

static void match_player(brink_cfr *c, int i)
{
    for (int h = c->g->player_infoset_start[i]; h < c->g->player_infoset_start[i + 1]; h++)
        brink_cfr__regret_matching(c, h);
}

brink_cfr *brink_cfr_new(const brink_efg *g, const brink_cfr_params *p, brink_error *err)
{
    brink_cfr *c = brink_calloc(1, sizeof *c);
    if (!c) {
        brink_error_set(err, BRINK_ENOMEM, "cfr: out of memory");
        return NULL;
    }
    c->g = g;
    if (p)
        c->prm = *p;
    else
        brink_cfr_params_init(&c->prm, BRINK_CFR_PLUS);
    int n = c->n = g->nplayers;
    int N = c->N = g->nnodes;
    c->A = g->nactions;
    c->AP = g->player_action_start[n];
    c->H = g->player_infoset_start[n];
    size_t An = (size_t)c->A + 1, APn = (size_t)c->AP + 1;
    c->parent = brink_calloc((size_t)N, sizeof(int));
    c->edge = brink_calloc((size_t)N, sizeof(int));
    c->owner = brink_calloc((size_t)N, sizeof(signed char));
    c->pay = brink_calloc((size_t)N * n, sizeof(double));
    c->ps_action = brink_calloc((size_t)c->H + 1, sizeof(int));
    c->regret = brink_calloc(APn, sizeof(double));
    c->avg = brink_calloc(APn, sizeof(double));
    c->sigma = brink_calloc(An, sizeof(double));
    c->cfv = brink_calloc(APn, sizeof(double));
    c->xr = brink_calloc(APn, sizeof(double));
    c->pm = brink_calloc((size_t)N, sizeof(double));
    c->val = brink_calloc((size_t)N, sizeof(double));
    c->seqv = brink_calloc((size_t)N, sizeof(int));
    c->mark = brink_calloc((size_t)N, sizeof(unsigned));
    c->V = brink_calloc(APn + (size_t)n, sizeof(double));
    c->chance_cum = brink_calloc(An, sizeof(double));
    if (!c->parent || !c->edge || !c->owner || !c->pay || !c->ps_action || !c->regret ||
        !c->avg || !c->sigma || !c->cfv || !c->xr || !c->pm || !c->val || !c->seqv || !c->mark || !c->V ||
        !c->chance_cum) {
        brink_cfr_free(c);
        brink_error_set(err, BRINK_ENOMEM, "cfr: out of memory");
        return NULL;
    }
    for (int v = 0; v < N; v++) {
        c->parent[v] = g->node_parent[v];
        c->edge[v] = g->node_action[v];
        c->owner[v] = v == 0 ? -2 : (signed char)g->infoset_player[g->node_infoset[g->node_parent[v]]];
        int l = g->node_leaf[v];
        if (l >= 0)
            for (int i = 0; i < n; i++)
                c->pay[(size_t)i * N + v] = g->leaf_pay[(size_t)l * n + i];
    }
    /* own parent sequence of every player infoset, as the action that ends it */
    int *ps = brink_calloc((size_t)c->H + 1, sizeof(int));
    if (!ps) {
        brink_cfr_free(c);
        brink_error_set(err, BRINK_ENOMEM, "cfr: out of memory");
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        int h0 = g->player_infoset_start[i];
        if (brink_efg_player_parent_seqs(g, i, ps + h0, err) != BRINK_OK) {
            free(ps);
            brink_cfr_free(c);
            return NULL;
        }
        for (int h = h0; h < g->player_infoset_start[i + 1]; h++)
            c->ps_action[h] = ps[h] == 0 ? -1 : g->player_action_start[i] + ps[h] - 1;
    }
    free(ps);
    for (int a = c->AP; a < c->A; a++)
        c->sigma[a] = g->action_prob[a];
    for (int h = c->H; h < g->ninfosets; h++) { /* chance: cumulative for sampling */
        double s = 0;
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            s += g->action_prob[g->infoset_action_start[h] + a];
            c->chance_cum[g->infoset_action_start[h] + a] = s;
        }
    }
    for (int i = 0; i < n; i++)
        match_player(c, i);
    brink_rng_seed(&c->rng, c->prm.seed);

    /* Threads: worth it only when a pass has enough nodes to amortise two barriers. */
    int threads = c->prm.threads;
    if (c->prm.variant == BRINK_CFR_EXTERNAL_SAMPLING)
        threads = 1;
    if (threads <= 0) {
        long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
        long want = N / 262144; /* a pass must be long next to two barrier round trips */
        threads = (int)(want < ncpu ? want : ncpu);
        if (threads < 1)
            threads = 1;
    }
    c->nthreads = 1;
    if (threads > 1) {
        c->pool = brink_cfr__pool_new(c, threads);
        if (c->pool)
            c->nthreads = threads;
    }
    return c;
}

void brink_cfr__new_pass(brink_cfr *c)
{
    if (++c->stamp == 0) { /* wrapped: forget every old mark */
        memset(c->mark, 0, (size_t)c->N * sizeof *c->mark);
        c->stamp = 1;
    }
}

long brink_cfr__forward(const brink_cfr *c, int i, int lo, int hi, int prune)
{
    long skipped = 0;
    const int *parent = c->parent, *edge = c->edge, *size = c->g->node_subtree_size;
    const signed char *owner = c->owner;
    const double *sigma = c->sigma, *pay = c->pay + (size_t)i * c->N;
    double *pm = c->pm, *val = c->val;
    for (int v = lo; v < hi; v++) {
        int p = parent[v];
        if (p < 0) {
            pm[v] = 1.0;
        } else {
            double w = owner[v] == i ? 1.0 : sigma[edge[v]];
            double x = pm[p] * w;
            pm[v] = x;
            if (prune && x == 0 && pm[p] != 0 && v + size[v] <= hi) {
                /* others' zero-probability move: skip the subtree in both passes */
                c->mark[v + size[v] - 1] = c->stamp;
                c->seqv[v + size[v] - 1] = v;
                skipped += size[v];
                v += size[v] - 1;
                continue;
            }
        }
        val[v] = pay[v];
    }
    return skipped;
}

void brink_cfr__backward(const brink_cfr *c, int i, int lo, int hi, double *cfv, int prune)
{
    const int *parent = c->parent, *edge = c->edge;
    const signed char *owner = c->owner;
    const double *sigma = c->sigma, *pm = c->pm;
    double *val = c->val;
    if (lo < 1)
        lo = 1;
    for (int v = hi - 1; v >= lo; v--) {
        if (prune && c->mark[v] == c->stamp) {
            v = c->seqv[v]; /* the pruned subtree's root; it contributes 0 to its parent */
            continue;
        }
        int p = parent[v], a = edge[v];
        double x = val[v];
        val[p] += sigma[a] * x;
        if (owner[v] == i) /* never true for CFR_NOBODY (then cfv may be NULL) */
            cfv[a] += pm[p] * x;
    }
}

/* Average-strategy weight of iteration t. */
static double avg_weight(const brink_cfr *c, long t)
{
    switch (c->prm.variant) {
    case BRINK_CFR_PLUS:
        return (double)t;
    case BRINK_CFR_DISCOUNTED:
        return pow((double)t, c->prm.gamma);
    default:
        return 1.0;
    }
}

/* Own realisation of every sequence of i under sigma, and avg += w * realisation. */
static void accumulate_average(brink_cfr *c, int i, double w)
{
    const brink_efg *g = c->g;
    for (int h = g->player_infoset_start[i]; h < g->player_infoset_start[i + 1]; h++) {
        int pa = c->ps_action[h];
        double reach = pa < 0 ? 1.0 : c->xr[pa];
        int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
        for (int a = a0; a < a0 + na; a++) {
            double x = reach * c->sigma[a];
            c->xr[a] = x;
            c->avg[a] += w * x;
        }
    }
}

static void update_regrets(brink_cfr *c, int i, long t)
{
    const brink_efg *g = c->g;
    double pos_scale = 1, neg_scale = 1;
    if (c->prm.variant == BRINK_CFR_DISCOUNTED) {
        double ta = pow((double)t, c->prm.alpha), tb = pow((double)t, c->prm.beta);
        pos_scale = ta / (ta + 1);
        neg_scale = tb / (tb + 1);
    }
    for (int h = g->player_infoset_start[i]; h < g->player_infoset_start[i + 1]; h++) {
        int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
        double ev = 0;
        for (int a = a0; a < a0 + na; a++)
            ev += c->sigma[a] * c->cfv[a];
        for (int a = a0; a < a0 + na; a++) {
            double r = c->regret[a] + (c->cfv[a] - ev);
            switch (c->prm.variant) {
            case BRINK_CFR_PLUS:
                r = r > 0 ? r : 0;
                break;
            case BRINK_CFR_DISCOUNTED:
                r *= r > 0 ? pos_scale : neg_scale;
                break;
            default:
                break;
            }
            c->regret[a] = r;
        }
    }
}

static void full_tree_iteration(brink_cfr *c)
{
    const brink_efg *g = c->g;
    long t = c->t + 1;
    double w = avg_weight(c, t);
    for (int i = 0; i < c->n; i++) {
        accumulate_average(c, i, w);
        int a0 = g->player_action_start[i], a1 = g->player_action_start[i + 1];
        memset(c->cfv + a0, 0, (size_t)(a1 - a0) * sizeof(double));
        brink_cfr__new_pass(c);
        long skipped;
        if (c->pool) {
            skipped = brink_cfr__pool_pass(c->pool, i);
        } else {
            skipped = brink_cfr__forward(c, i, 0, c->N, 1);
            brink_cfr__backward(c, i, 1, c->N, c->cfv, 1);
        }
        c->visited += (double)(c->N - skipped);
        update_regrets(c, i, t);
        if (c->prm.alternating)
            match_player(c, i);
    }
    if (!c->prm.alternating)
        for (int i = 0; i < c->n; i++)
            match_player(c, i);
    c->t = t;
}

void brink_cfr_iterate(brink_cfr *c, long iterations)
{
    for (long k = 0; k < iterations; k++) {
        if (c->prm.variant == BRINK_CFR_EXTERNAL_SAMPLING)
            brink_cfr__mc_iteration(c);
        else
            full_tree_iteration(c);
    }
}

long brink_cfr_iterations(const brink_cfr *c)
{
    return c->t;
}

int brink_cfr_threads(const brink_cfr *c)
{
    return c->nthreads;
}

double brink_cfr_bytes_per_iteration(const brink_cfr *c)
{
    if (c->t == 0)
        return 0;
    if (c->prm.variant == BRINK_CFR_EXTERNAL_SAMPLING)
        return c->mc_nodes * 60.0 / (double)c->t;
    /* Per visited node and pass: forward ~49 B (parent, owner, edge, pm, sigma, pay, val),
     * backward ~61 B (the same plus the prune mark and cfv); per player action and
     * iteration ~100 B (regret matching, averaging, regret update). */
    return 110.0 * c->visited / (double)c->t + 100.0 * c->AP;
}

static void normalised(const brink_cfr *c, const double *w, double *behav)
{
    const brink_efg *g = c->g;
    for (int h = 0; h < c->H; h++) {
        int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
        double s = 0;
        for (int a = a0; a < a0 + na; a++)
            s += w[a];
        for (int a = a0; a < a0 + na; a++)
            behav[a] = s > 0 ? w[a] / s : 1.0 / na;
    }
    for (int a = c->AP; a < c->A; a++)
        behav[a] = g->action_prob[a];
}

void brink_cfr_average(const brink_cfr *c, double *behav)
{
    normalised(c, c->avg, behav);
}

void brink_cfr_current(const brink_cfr *c, double *behav)
{
    normalised(c, c->sigma, behav);
}

brink_status brink_cfr_nashconv(brink_cfr *c, double *nashconv, brink_error *err)
{
    const brink_efg *g = c->g;
    double *P = brink_calloc((size_t)c->A + 1, sizeof *P);
    int *ps = brink_calloc((size_t)c->H + 1, sizeof *ps);
    if (!P || !ps) {
        free(P);
        free(ps);
        return brink_error_set(err, BRINK_ENOMEM, "cfr: out of memory");
    }
    brink_cfr_average(c, P);
    double *saved = c->sigma;
    c->sigma = P; /* the passes read the profile through c->sigma */
    double total = 0;
    for (int i = 0; i < c->n; i++) {
        int as = g->player_action_start[i];
        int h0 = g->player_infoset_start[i], h1 = g->player_infoset_start[i + 1];
        for (int h = h0; h < h1; h++)
            ps[h] = c->ps_action[h] < 0 ? 0 : 1 + c->ps_action[h] - as;
        /* best response: the others' reach at every leaf, summed by i's own sequence */
        int nseq = 1 + g->player_action_start[i + 1] - as;
        double *V = c->V;
        for (int s = 0; s < nseq; s++)
            V[s] = 0;
        brink_cfr__forward(c, i, 0, c->N, 0);
        c->seqv[0] = 0;
        for (int v = 1; v < c->N; v++)
            c->seqv[v] = c->owner[v] == i ? 1 + c->edge[v] - as : c->seqv[c->parent[v]];
        for (int l = 0; l < g->nleaves; l++) {
            int v = g->leaf_node[l];
            V[c->seqv[v]] += c->pm[v] * g->leaf_pay[(size_t)l * c->n + i];
        }
        for (int h = h1 - 1; h >= h0; h--) {
            int b0 = 1 + g->infoset_action_start[h] - as;
            double best = V[b0];
            for (int a = 1; a < g->infoset_nactions[h]; a++)
                if (V[b0 + a] > best)
                    best = V[b0 + a];
            V[ps[h]] += best;
        }
        double br = V[0];
        /* value of the profile: a backward pass (cfv output discarded into xr scratch) */
        for (int v = 0; v < c->N; v++)
            c->val[v] = c->pay[(size_t)i * c->N + v];
        brink_cfr__backward(c, CFR_NOBODY, 1, c->N, NULL, 0);
        double value = c->val[0];
        double gain = br - value;
        total += gain > 0 ? gain : 0;
    }
    c->sigma = saved;
    free(P);
    free(ps);
    *nashconv = total;
    return BRINK_OK;
}
