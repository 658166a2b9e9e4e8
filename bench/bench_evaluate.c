/* bench_evaluate.c — the tree evaluator (brink/evaluate.h): CPU time per call of every
 * function, doubles and exact, on Kuhn poker, Leduc hold'em (card-level tree) and two sizes of
 * the crisis-bargaining family, for a uniform profile (exact: the game's rationals). Each
 * figure is the median of repeated timings, in CPU time of this process (the machine may be
 * shared). Exact variants are skipped above 20,000 nodes.
 *
 * Environment: BRINK_BENCH_SECONDS (per figure, default 0.2).
 */
#include <stdio.h>
#include <stdlib.h>
#include "brink/brink.h"
#include "bench_util.h"

#define REPS 7
#define EXACT_MAX_NODES 20000

typedef struct ctx {
    const brink_efg *g;
    double *p, *buf, *val;
    mpq_t *q, *bufq, *valq;
} ctx;

static void f_reach(ctx *c) { brink_efg_reach(c->g, c->p, c->buf); }
static void f_values(ctx *c) { brink_efg_values(c->g, c->p, c->val); }
static void f_subtree(ctx *c) { brink_efg_subtree_values(c->g, c->p, 0, -1, c->buf); }
static void f_br(ctx *c) { brink_efg_best_response_values(c->g, c->p, c->val, NULL); }
static void f_nashconv(ctx *c)
{
    double nc;
    brink_efg_nashconv(c->g, c->p, &nc, NULL, NULL);
}
static void f_reachq(ctx *c) { brink_efg_reachq(c->g, (const mpq_t *)c->q, c->bufq); }
static void f_valuesq(ctx *c) { brink_efg_valuesq(c->g, (const mpq_t *)c->q, c->valq, NULL); }
static void f_subtreeq(ctx *c) { brink_efg_subtree_valuesq(c->g, (const mpq_t *)c->q, 0, -1, c->bufq); }
static void f_brq(ctx *c) { brink_efg_best_response_valuesq(c->g, (const mpq_t *)c->q, c->valq, NULL); }
static void f_nashconvq(ctx *c)
{
    mpq_t nc;
    mpq_init(nc);
    brink_efg_nashconvq(c->g, (const mpq_t *)c->q, nc, NULL, NULL, NULL);
    mpq_clear(nc);
}

/* Median CPU seconds per call. */
static double time_per_call(void (*f)(ctx *), ctx *c, double seconds)
{
    double t[REPS];
    for (int r = 0; r < REPS; r++) {
        long calls = 0;
        double t0 = bench_cpu_self(), t1 = t0;
        while (t1 - t0 < seconds / REPS || calls < 1) {
            f(c);
            calls++;
            t1 = bench_cpu_self();
        }
        t[r] = (t1 - t0) / (double)calls;
    }
    return bench_median(t, REPS);
}

static void run(const char *name, const brink_efg *g, double seconds)
{
    int n = g->nplayers, exact = g->nnodes <= EXACT_MAX_NODES;
    ctx c = {g, NULL, NULL, NULL, NULL, NULL, NULL};
    c.p = malloc((size_t)g->nactions * sizeof *c.p);
    c.buf = malloc((size_t)g->nnodes * (size_t)n * sizeof *c.buf);
    c.val = malloc((size_t)n * sizeof *c.val);
    if (exact) {
        c.q = brink_q_array_new((size_t)g->nactions);
        c.bufq = brink_q_array_new((size_t)g->nnodes * (size_t)n);
        c.valq = brink_q_array_new((size_t)n);
    }
    if (!c.p || !c.buf || !c.val || (exact && (!c.q || !c.bufq || !c.valq))) {
        fprintf(stderr, "%s: out of memory\n", name);
        exact = 0;
        goto out;
    }
    for (int h = 0; h < g->ninfosets; h++)
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            int x = g->infoset_action_start[h] + a;
            c.p[x] = g->infoset_player[h] == BRINK_CHANCE ? g->action_prob[x]
                                                           : 1.0 / g->infoset_nactions[h];
            if (exact) {
                if (g->infoset_player[h] == BRINK_CHANCE)
                    mpq_set(c.q[x], g->action_probq[x]);
                else
                    mpq_set_ui(c.q[x], 1, (unsigned long)g->infoset_nactions[h]);
            }
        }
    printf("\n%s: %d nodes, %d leaves, %d player actions\n", name, g->nnodes, g->nleaves,
           g->player_action_start[g->nplayers]);
    printf("  %-22s %14s %14s\n", "function", "doubles (ms)", "exact (ms)");
    const char *names[5] = {"reach", "values", "subtree values (all)", "best-response values",
                            "nashconv"};
    void (*fd[5])(ctx *) = {f_reach, f_values, f_subtree, f_br, f_nashconv};
    void (*fq[5])(ctx *) = {f_reachq, f_valuesq, f_subtreeq, f_brq, f_nashconvq};
    for (int k = 0; k < 5; k++) {
        double td = time_per_call(fd[k], &c, seconds);
        if (exact)
            printf("  %-22s %14.4f %14.4f\n", names[k], 1e3 * td,
                   1e3 * time_per_call(fq[k], &c, seconds));
        else
            printf("  %-22s %14.4f %14s\n", names[k], 1e3 * td, "(skipped)");
    }
out:
    free(c.p);
    free(c.buf);
    free(c.val);
    if (c.q)
        brink_q_array_free(c.q, (size_t)g->nactions);
    if (c.bufq)
        brink_q_array_free(c.bufq, (size_t)g->nnodes * (size_t)n);
    if (c.valq)
        brink_q_array_free(c.valq, (size_t)n);
}

int main(void)
{
    double seconds = getenv("BRINK_BENCH_SECONDS") ? atof(getenv("BRINK_BENCH_SECONDS")) : 0.2;
    printf("bench_evaluate: CPU time per call, median of %d; %.2f s per figure\n", REPS, seconds);
    brink_error err;
    brink_crisis_params cp[2];
    int sizes[2][3] = {{5, 3, 3}, {7, 4, 4}};
    for (int k = 0; k < 2; k++) {
        brink_crisis_params_init(&cp[k]);
        cp[k].rounds = sizes[k][0];
        cp[k].levels = sizes[k][1];
        cp[k].types = sizes[k][2];
    }
    const char *names[4] = {"kuhn", "leduc (cards)", "crisis M", "crisis L"};
    for (int gi = 0; gi < 4; gi++) {
        brink_efg *g = gi == 0 ? brink_gen_kuhn(&err)
                       : gi == 1 ? brink_gen_leduc_cards(&err)
                                 : brink_gen_crisis(&cp[gi - 2], &err);
        if (!g) {
            fprintf(stderr, "%s: %s\n", names[gi], err.message);
            continue;
        }
        run(names[gi], g, seconds);
        brink_efg_free(g);
    }
    return 0;
}
