/* cfr_threads.c — a pthread pool for the full-tree CFR passes.
 *
 * The tree is cut at the shallowest depth with at least 8 nodes per thread. Nodes above the
 * cut (and the cut roots themselves) form the "top", handled by the calling thread; every
 * cut root's subtree is a contiguous pre-order range, and ranges are dealt to threads in
 * contiguous blocks of about equal node count. Within a range the forward and backward
 * passes only read and write that range (plus pm of the cut root, set before), so threads
 * never share node data; counterfactual values go to per-thread buffers that the caller
 * sums after the barrier. Two barriers per player pass.
 *
 * The barrier is a small mutex/condition-variable one (not pthread_barrier_t) so that its
 * participant count can shrink if creating a thread fails part-way.
 */
#include <stdlib.h>
#include <string.h>
#include "solve/cfr/cfr_internal.h"

typedef struct cfr_barrier {
    pthread_mutex_t m;
    pthread_cond_t cv;
    int count, waiting;
    unsigned long gen;
} cfr_barrier;

static int barrier_init(cfr_barrier *b, int count)
{
    b->count = count;
    b->waiting = 0;
    b->gen = 0;
    if (pthread_mutex_init(&b->m, NULL) != 0)
        return -1;
    if (pthread_cond_init(&b->cv, NULL) != 0) {
        pthread_mutex_destroy(&b->m);
        return -1;
    }
    return 0;
}

static void barrier_destroy(cfr_barrier *b)
{
    pthread_cond_destroy(&b->cv);
    pthread_mutex_destroy(&b->m);
}

static void barrier_release_locked(cfr_barrier *b)
{
    b->waiting = 0;
    b->gen++;
    pthread_cond_broadcast(&b->cv);
}

static void barrier_wait(cfr_barrier *b)
{
    pthread_mutex_lock(&b->m);
    unsigned long gen = b->gen;
    if (++b->waiting >= b->count)
        barrier_release_locked(b);
    else
        while (gen == b->gen)
            pthread_cond_wait(&b->cv, &b->m);
    pthread_mutex_unlock(&b->m);
}

struct cfr_pool {
    brink_cfr *c;
    int T;
    pthread_t *th;
    cfr_barrier start, done;
    int barriers;            /* barriers initialised */
    int traverser;
    int quit;
    int ncut, *cut;          /* cut roots, ascending */
    int *blk;                /* [T + 1]: thread t handles cut[blk[t] .. blk[t+1]) */
    int ntop, *top;          /* nodes outside the cut subtrees' interiors, ascending */
    double **tcfv;           /* [T][AP] */
    long *skipped;           /* [T] nodes pruned by each thread in the current pass */
    int started;             /* worker threads running: ids 1..started */
};

typedef struct worker_arg {
    cfr_pool *p;
    int id;
} worker_arg;

static void pool_share(cfr_pool *p, int id)
{
    brink_cfr *c = p->c;
    int i = p->traverser;
    const brink_efg *g = c->g;
    int a0 = g->player_action_start[i], a1 = g->player_action_start[i + 1];
    double *cfv = p->tcfv[id];
    memset(cfv + a0, 0, (size_t)(a1 - a0) * sizeof(double));
    long skipped = 0;
    for (int k = p->blk[id]; k < p->blk[id + 1]; k++) {
        int r = p->cut[k], end = r + g->node_subtree_size[r];
        if (c->pm[r] == 0) {
            /* the others' reach is 0 here (a zero move at or above r): the subtree adds
             * nothing, and val[r] stays 0 from the top pass */
            skipped += end - r - 1;
            continue;
        }
        skipped += brink_cfr__forward(c, i, r + 1, end, 1);
        brink_cfr__backward(c, i, r + 1, end, cfv, 1);
    }
    p->skipped[id] = skipped;
}

static void *worker(void *arg)
{
    worker_arg *w = arg;
    cfr_pool *p = w->p;
    for (;;) {
        barrier_wait(&p->start);
        if (p->quit)
            break;
        pool_share(p, w->id);
        barrier_wait(&p->done);
    }
    free(w);
    return NULL;
}

void brink_cfr__pool_free(cfr_pool *p)
{
    if (!p)
        return;
    if (p->started > 0) {
        /* only threads 1..started are running: shrink the barrier to them and the caller */
        pthread_mutex_lock(&p->start.m);
        p->quit = 1;
        p->start.count = p->started + 1; /* workers wait there, the caller completes it */
        pthread_mutex_unlock(&p->start.m);
        barrier_wait(&p->start);
        for (int t = 1; t <= p->started; t++)
            pthread_join(p->th[t], NULL);
    }
    if (p->barriers) {
        barrier_destroy(&p->start);
        barrier_destroy(&p->done);
    }
    if (p->tcfv)
        for (int t = 0; t < p->T; t++)
            free(p->tcfv[t]);
    free(p->tcfv);
    free(p->skipped);
    free(p->th);
    free(p->cut);
    free(p->blk);
    free(p->top);
    free(p);
}

cfr_pool *brink_cfr__pool_new(brink_cfr *c, int threads)
{
    const brink_efg *g = c->g;
    int N = c->N;
    int maxd = 0;
    for (int v = 0; v < N; v++)
        if (g->node_depth[v] > maxd)
            maxd = g->node_depth[v];
    int *count = brink_calloc((size_t)maxd + 1, sizeof *count);
    if (!count)
        return NULL;
    for (int v = 0; v < N; v++)
        count[g->node_depth[v]]++;
    int D = 0;
    while (D < maxd && count[D] < 8 * threads)
        D++;
    free(count);
    cfr_pool *p = brink_calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->c = c;
    p->T = threads;
    p->th = brink_calloc((size_t)threads, sizeof *p->th);
    p->blk = brink_calloc((size_t)threads + 1, sizeof *p->blk);
    p->cut = brink_calloc((size_t)N, sizeof *p->cut);
    p->top = brink_calloc((size_t)N, sizeof *p->top);
    p->tcfv = brink_calloc((size_t)threads, sizeof *p->tcfv);
    p->skipped = brink_calloc((size_t)threads, sizeof *p->skipped);
    if (!p->th || !p->blk || !p->cut || !p->top || !p->tcfv || !p->skipped) {
        brink_cfr__pool_free(p);
        return NULL;
    }
    for (int t = 0; t < threads; t++)
        if (!(p->tcfv[t] = brink_calloc((size_t)c->AP + 1, sizeof(double)))) {
            brink_cfr__pool_free(p);
            return NULL;
        }
    long inside = 0;
    for (int v = 0; v < N;) {
        p->top[p->ntop++] = v;
        if (g->node_depth[v] == D) {
            p->cut[p->ncut++] = v;
            inside += g->node_subtree_size[v] - 1;
            v += g->node_subtree_size[v];
        } else {
            v++;
        }
    }
    /* contiguous blocks of cut roots with about inside / T interior nodes each */
    int k = 0;
    long acc = 0;
    p->blk[0] = 0;
    for (int t = 1; t < threads; t++) {
        long target = inside * t / threads;
        while (k < p->ncut && acc < target)
            acc += g->node_subtree_size[p->cut[k++]] - 1;
        p->blk[t] = k;
    }
    p->blk[threads] = p->ncut;
    if (barrier_init(&p->start, threads) != 0) {
        brink_cfr__pool_free(p);
        return NULL;
    }
    if (barrier_init(&p->done, threads) != 0) {
        barrier_destroy(&p->start);
        brink_cfr__pool_free(p);
        return NULL;
    }
    p->barriers = 1;
    for (int t = 1; t < threads; t++) {
        worker_arg *w = malloc(sizeof *w);
        if (!w) {
            brink_cfr__pool_free(p); /* stops the threads already started */
            return NULL;
        }
        w->p = p;
        w->id = t;
        if (pthread_create(&p->th[t], NULL, worker, w) != 0) {
            free(w);
            brink_cfr__pool_free(p);
            return NULL;
        }
        p->started = t;
    }
    return p;
}

long brink_cfr__pool_pass(cfr_pool *p, int i)
{
    long skipped = 0;
    brink_cfr *c = p->c;
    const brink_efg *g = c->g;
    p->traverser = i;
    /* top forward (ascending) */
    for (int k = 0; k < p->ntop; k++) {
        int v = p->top[k];
        skipped += brink_cfr__forward(c, i, v, v + 1, 1);
    }
    barrier_wait(&p->start);
    pool_share(p, 0);
    barrier_wait(&p->done);
    int a0 = g->player_action_start[i], a1 = g->player_action_start[i + 1];
    for (int t = 0; t < p->T; t++) {
        const double *tc = p->tcfv[t];
        skipped += p->skipped[t];
        for (int a = a0; a < a1; a++)
            c->cfv[a] += tc[a];
    }
    /* top backward (descending); each top node's parent is a top node */
    for (int k = p->ntop - 1; k >= 1; k--) {
        int v = p->top[k];
        brink_cfr__backward(c, i, v, v + 1, c->cfv, 1);
    }
    return skipped;
}
