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

static int same_values(const brink_dag *d, const mpq_t *val, int a, int b)
{
    for (int p = 0; p < d->np; p++)
        if (!mpq_equal(val[(size_t)a * (size_t)d->np + (size_t)p],
                       val[(size_t)b * (size_t)d->np + (size_t)p]))
            return 0;
    return 1;
}

/* v[p] = sum over c's outcomes of prob * value of the child (v must not alias a child). */
static void expectation(const brink_dag *d, mpq_t *val, int c, mpq_t *v)
{
    int np = d->np;
    mpq_t t;
    mpq_init(t);
    for (int p = 0; p < np; p++)
        mpq_set_ui(v[p], 0, 1);
    for (int e = d->child_start[c]; e < d->child_start[c + 1]; e++) {
        const mpq_t *w = &val[(size_t)d->child[e] * (size_t)np];
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
            return brink_error_set(err, BRINK_EINVALID, "node %d of the DAG has no action%s", c,
                                   e1 > e0 ? " (or a chance node without probabilities)" : "");
        }
        if (m == BRINK_DAG_CHANCE) {   /* the expectation over every outcome */
            for (int e = e0; e < e1; e++)
                if (d->child[e] < 0 || d->child[e] >= c) {
                    brink_dag_spe_free(d, out);
                    return brink_error_set(err, BRINK_EINVALID, "node %d of the DAG has a child "
                                           "(%d) not numbered before it", c, d->child[e]);
                }
            expectation(d, out->val, c, v);
            continue;
        }
        int best = -1;
        for (int e = e0; e < e1; e++) {
            int k = d->child[e];
            if (k < 0 || k >= c) {
                brink_dag_spe_free(d, out);
                return brink_error_set(err, BRINK_EINVALID, "node %d of the DAG has a child "
                                       "(%d) not numbered before it", c, k);
            }
            if (best < 0 || mpq_cmp(out->val[(size_t)k * (size_t)np + (size_t)m],
                                    out->val[(size_t)d->child[best] * (size_t)np + (size_t)m]) > 0)
                best = e;
        }
        int kb = d->child[best];
        for (int e = e0; e < e1; e++) {
            int k = d->child[e];
            if (mpq_equal(out->val[(size_t)k * (size_t)np + (size_t)m],
                          out->val[(size_t)kb * (size_t)np + (size_t)m])) {
                out->optimal[e] = 1;
                if (out->nopt[c]++ == 0)
                    out->choice[c] = e - e0;
            }
        }
        int first = d->child[e0 + out->choice[c]], tie = 0;
        for (int e = e0; e < e1; e++)
            if (out->optimal[e] && !same_values(d, out->val, d->child[e], first))
                tie = 1;
        out->payoff_ties += tie;
        for (int p = 0; p < np; p++)
            mpq_set(v[p], out->val[(size_t)first * (size_t)np + (size_t)p]);
    }
    return BRINK_OK;
}

int brink_dag_spe_verify(const brink_dag *d, const brink_dag_spe *s, int *bad)
{
    int np = d->np, c;
    for (c = 0; c < d->n; c++) {
        const mpq_t *v = &s->val[(size_t)c * (size_t)np];
        if (d->mover[c] == -1) {   /* a leaf */
            for (int p = 0; p < np; p++)
                if (!mpq_equal(v[p], d->pay[(size_t)c * (size_t)np + (size_t)p]))
                    goto fail;
            continue;
        }
        int m = d->mover[c], e0 = d->child_start[c], e1 = d->child_start[c + 1];
        if (m == BRINK_DAG_CHANCE) {
            if (!d->prob || e1 <= e0)
                goto fail;
            for (int e = e0; e < e1; e++)
                if (d->child[e] < 0 || d->child[e] >= c)
                    goto fail;
            mpq_t *w = brink_q_array_new((size_t)np + 1);
            if (!w)
                goto fail;
            expectation(d, s->val, c, w);
            int same = 1;
            for (int p = 0; p < np; p++)
                same &= mpq_equal(w[p], v[p]) != 0;
            brink_q_array_free(w, (size_t)np + 1);
            if (!same)
                goto fail;
            continue;
        }
        if (s->choice[c] < 0 || s->choice[c] >= e1 - e0)
            goto fail;
        int k = d->child[e0 + s->choice[c]];
        if (k < 0 || k >= c || !same_values(d, s->val, c, k))
            goto fail;
        for (int e = e0; e < e1; e++) {
            int j = d->child[e];
            if (j < 0 || j >= c ||
                mpq_cmp(s->val[(size_t)j * (size_t)np + (size_t)m], v[m]) > 0)
                goto fail;
        }
    }
    return 1;
fail:
    if (bad)
        *bad = c;
    return 0;
}
