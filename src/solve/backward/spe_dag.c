/* spe_dag.c — backward induction on a DAG of distinct sub-games (see spe_dag.h). Linear in
 * the DAG's edges times players, whatever the size of the tree it stands for. */
#include <stdlib.h>
#include <string.h>

#include "solve/backward/spe_dag.h"

void brink_dag_spe_free(const brink_dag *d, brink_dag_spe *s)
{
    if (!s)
        return;
    if (s->val)
        brink_q_array_free(s->val, (size_t)d->n * (size_t)d->np);
    free(s->optimal);
    free(s->nopt);
    free(s->choice);
    memset(s, 0, sizeof *s);
}

static int same_vec(int np, const mpq_t *a, const mpq_t *b)
{
    for (int p = 0; p < np; p++)
        if (!mpq_equal(a[p], b[p]))
            return 0;
    return 1;
}

/* Scratch for the values through each edge of a node (with edge payoffs). */
typedef struct scratch {
    mpq_t *q;
    const mpq_t **ev;
    size_t nq, nev;
} scratch;

static void scratch_free(scratch *s)
{
    if (s->q)
        brink_q_array_free(s->q, s->nq);
    free(s->ev);
    memset(s, 0, sizeof *s);
}

/* s->ev[e - e0]: the values through edge e of node c (the child's, plus the edge's payoffs
 * when there are some). -1: out of memory. */
static int edge_values(const brink_dag *d, const mpq_t *val, int c, scratch *s)
{
    int np = d->np, e0 = d->child_start[c], e1 = d->child_start[c + 1];
    size_t ne = (size_t)(e1 - e0), nq = d->epay ? ne * (size_t)np : 0;
    if (ne > s->nev) {
        const mpq_t **g = realloc(s->ev, ne * sizeof *g);
        if (!g)
            return -1;
        s->ev = g;
        s->nev = ne;
    }
    if (nq > s->nq) {
        size_t cap = s->nq ? 2 * s->nq : 64;
        while (cap < nq)
            cap *= 2;
        mpq_t *q = brink_q_array_new(cap);
        if (!q)
            return -1;
        if (s->q)
            brink_q_array_free(s->q, s->nq);
        s->q = q;
        s->nq = cap;
    }
    for (int e = e0; e < e1; e++) {
        const mpq_t *w = &val[(size_t)d->child[e] * (size_t)np];
        if (d->epay) {
            mpq_t *o = &s->q[(size_t)(e - e0) * (size_t)np];
            for (int p = 0; p < np; p++)
                mpq_add(o[p], w[p], d->epay[(size_t)e * (size_t)np + (size_t)p]);
            w = o;
        }
        s->ev[e - e0] = w;
    }
    return 0;
}

/* v[p] = sum over c's outcomes of prob * value through the edge (v must not alias them). */
static void expectation(const brink_dag *d, const scratch *s, int c, mpq_t *v)
{
    int np = d->np;
    mpq_t t;
    mpq_init(t);
    for (int p = 0; p < np; p++)
        mpq_set_ui(v[p], 0, 1);
    for (int e = d->child_start[c]; e < d->child_start[c + 1]; e++) {
        const mpq_t *w = s->ev[e - d->child_start[c]];
        for (int p = 0; p < np; p++) {
            mpq_mul(t, d->prob[e], w[p]);
            mpq_add(v[p], v[p], t);
        }
    }
    mpq_clear(t);
}

brink_status brink_dag_spe_solve(const brink_dag *d, brink_dag_spe *out, brink_error *err)
{
    memset(out, 0, sizeof *out);
    size_t nv = (size_t)d->n * (size_t)d->np;
    int ne = d->child_start[d->n];
    scratch sc;
    memset(&sc, 0, sizeof sc);
    out->val = brink_q_array_new(nv ? nv : 1);
    out->optimal = calloc((size_t)(ne ? ne : 1), 1);
    out->nopt = calloc((size_t)(d->n ? d->n : 1), sizeof *out->nopt);
    out->choice = malloc((size_t)(d->n ? d->n : 1) * sizeof *out->choice);
    if (!out->val || !out->optimal || !out->nopt || !out->choice) {
        brink_dag_spe_free(d, out);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    int np = d->np;
    for (int c = 0; c < d->n; c++) {
        out->choice[c] = -1;
        mpq_t *v = &out->val[(size_t)c * (size_t)np];
        if (d->mover[c] == -1) {   /* a leaf */
            for (int p = 0; p < np; p++)
                mpq_set(v[p], d->pay[(size_t)c * (size_t)np + (size_t)p]);
            continue;
        }
        int m = d->mover[c], e0 = d->child_start[c], e1 = d->child_start[c + 1];
        if (e1 <= e0 || (m == BRINK_DAG_CHANCE && !d->prob) || m < -2) {
            brink_dag_spe_free(d, out);
            scratch_free(&sc);
            return brink_error_set(err, BRINK_EINVALID, "node %d of the DAG has no action%s", c,
                                   e1 > e0 ? " (or a chance node without probabilities)" : "");
        }
        for (int e = e0; e < e1; e++)
            if (d->child[e] < 0 || d->child[e] >= c) {
                brink_dag_spe_free(d, out);
                scratch_free(&sc);
                return brink_error_set(err, BRINK_EINVALID, "node %d of the DAG has a child "
                                       "(%d) not numbered before it", c, d->child[e]);
            }
        if (edge_values(d, out->val, c, &sc) != 0) {
            brink_dag_spe_free(d, out);
            scratch_free(&sc);
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        }
        if (m == BRINK_DAG_CHANCE) {   /* the expectation over every outcome */
            expectation(d, &sc, c, v);
            continue;
        }
        int best = -1;
        for (int e = e0; e < e1; e++)
            if (best < 0 || mpq_cmp(sc.ev[e - e0][m], sc.ev[best - e0][m]) > 0)
                best = e;
        for (int e = e0; e < e1; e++)
            if (mpq_equal(sc.ev[e - e0][m], sc.ev[best - e0][m])) {
                out->optimal[e] = 1;
                if (out->nopt[c]++ == 0)
                    out->choice[c] = e - e0;
            }
        const mpq_t *first = sc.ev[out->choice[c]];
        int tie = 0;
        for (int e = e0; e < e1; e++)
            if (out->optimal[e] && !same_vec(np, sc.ev[e - e0], first))
                tie = 1;
        out->payoff_ties += tie;
        for (int p = 0; p < np; p++)
            mpq_set(v[p], first[p]);
    }
    scratch_free(&sc);
    return BRINK_OK;
}

int brink_dag_spe_verify(const brink_dag *d, const brink_dag_spe *s, int *bad)
{
    int np = d->np, c;
    scratch sc;
    memset(&sc, 0, sizeof sc);
    for (c = 0; c < d->n; c++) {
        const mpq_t *v = &s->val[(size_t)c * (size_t)np];
        if (d->mover[c] == -1) {   /* a leaf */
            for (int p = 0; p < np; p++)
                if (!mpq_equal(v[p], d->pay[(size_t)c * (size_t)np + (size_t)p]))
                    goto fail;
            continue;
        }
        int m = d->mover[c], e0 = d->child_start[c], e1 = d->child_start[c + 1];
        if (e1 <= e0 || (m == BRINK_DAG_CHANCE && !d->prob))
            goto fail;
        for (int e = e0; e < e1; e++)
            if (d->child[e] < 0 || d->child[e] >= c)
                goto fail;
        if (edge_values(d, s->val, c, &sc) != 0)
            goto fail;
        if (m == BRINK_DAG_CHANCE) {
            mpq_t *w = brink_q_array_new((size_t)np + 1);
            if (!w)
                goto fail;
            expectation(d, &sc, c, w);
            int same = same_vec(np, w, v);
            brink_q_array_free(w, (size_t)np + 1);
            if (!same)
                goto fail;
            continue;
        }
        if (s->choice[c] < 0 || s->choice[c] >= e1 - e0)
            goto fail;
        if (!same_vec(np, sc.ev[s->choice[c]], v))
            goto fail;
        for (int e = e0; e < e1; e++)
            if (mpq_cmp(sc.ev[e - e0][m], v[m]) > 0)
                goto fail;
    }
    scratch_free(&sc);
    return 1;
fail:
    scratch_free(&sc);
    if (bad)
        *bad = c;
    return 0;
}
