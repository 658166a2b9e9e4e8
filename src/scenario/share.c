/* share.c — shared sub-trees of a compiled perfect-information tree (issue 15, design notes
 * step 1, first part): which nodes root the same sub-tree, so that a compact game could emit
 * each sub-tree once. Not called by loading, analysis or compile: it is measured and tested
 * alone until a compact game type and solvers on it exist.
 *
 * Two nodes are in the same class when their sub-trees are the same game: the same mover
 * (actor and type, or chance with the same probability expressions), the same action labels,
 * children of the same classes in order; leaves with the same outcome text, issue record and
 * payoff terms. Payoff terms and probabilities are interned closed expressions (expand.c),
 * so equal ids are equal at every parameter value: a class stays valid whatever is bound.
 * Views are left out, which is right only when every information set is one node (perfect
 * information); other trees are refused. Classes are found bottom-up (children have larger
 * pre-order indices) by hashing each node's key of integers: linear in nodes times key size.
 */
#include <stdlib.h>
#include <string.h>

#include "core/htab.h"
#include "scenario/model.h"

typedef struct share_ctx {
    int *pool;                /* keys of all classes, one after another */
    size_t npool, poolcap;
    int *key_start;           /* [nclasses + 1] into pool */
    int nclasses, cap;
    const int *key;           /* the key being looked up */
    int keylen;
} share_ctx;

static int key_eq(void *ctx, int idx)
{
    share_ctx *s = ctx;
    int len = s->key_start[idx + 1] - s->key_start[idx];
    return len == s->keylen &&
           memcmp(s->pool + s->key_start[idx], s->key, sizeof(int) * (size_t)len) == 0;
}

/* The class of this key: an existing one, or a new one (-1 when out of memory). */
static int class_of_key(share_ctx *s, htab *t, const int *key, int len)
{
    uint64_t h = htab_hash_bytes(key, sizeof(int) * (size_t)len, 0x7368617265ull);
    s->key = key;
    s->keylen = len;
    int c = htab_find(t, h, key_eq, s);
    if (c >= 0)
        return c;
    if (s->nclasses + 2 > s->cap) {
        int cap = s->cap ? 2 * s->cap : 256;
        int *k = brink_reallocarray(s->key_start, (size_t)cap, sizeof *k);
        if (!k)
            return -1;
        s->key_start = k;
        s->cap = cap;
    }
    if (s->npool + (size_t)len > s->poolcap) {
        size_t cap = s->poolcap ? 2 * s->poolcap : 4096;
        while (cap < s->npool + (size_t)len)
            cap *= 2;
        int *p = brink_reallocarray(s->pool, cap, sizeof *p);
        if (!p)
            return -1;
        s->pool = p;
        s->poolcap = cap;
    }
    memcpy(s->pool + s->npool, key, sizeof(int) * (size_t)len);
    s->key_start[s->nclasses] = (int)s->npool;
    s->npool += (size_t)len;
    s->key_start[s->nclasses + 1] = (int)s->npool;
    if (htab_add(t, h, s->nclasses) != 0)
        return -1;
    return s->nclasses++;
}

/* Strings in keys: the compiler interns labels and leaf texts in one table, so equal texts
 * are equal pointers; the key holds the pointer's bits as two ints. */
static int put_ptr(int *k, int n, const void *p)
{
    uintptr_t u = (uintptr_t)p;
    k[n] = (int)(u & 0x7fffffff);
    k[n + 1] = (int)((u >> 31) & 0x7fffffff);
    return n + 2;
}

void sc_shared_free(sc_shared *s)
{
    if (!s)
        return;
    free(s->class_of);
    free(s->class_node);
    free(s->class_count);
    memset(s, 0, sizeof *s);
}

brink_status sc_share_subtrees(const brink_scenario *sc, sc_shared *out, brink_error *err)
{
    const sc_compiled *c = &sc->c;
    int N = c->nnodes, np = c->nplayers, ni = sc->nissues;
    memset(out, 0, sizeof *out);
    share_ctx s;
    memset(&s, 0, sizeof s);
    htab t;
    htab_init(&t);
    brink_status st = BRINK_OK;
    int *members = brink_calloc((size_t)(c->nxinfosets ? c->nxinfosets : 1), sizeof(int));
    int *size = brink_calloc((size_t)(N ? N : 1), sizeof(int));
    int *parent = brink_calloc((size_t)(N ? N : 1), sizeof(int));
    int *stack = brink_calloc((size_t)(N ? N : 1), sizeof(int));
    int *left = brink_calloc((size_t)(N ? N : 1), sizeof(int)); /* children still to come */
    out->class_of = brink_calloc((size_t)(N ? N : 1), sizeof(int));
    int *key = NULL;
    size_t keycap = 0;
    if (!members || !size || !parent || !stack || !left || !out->class_of)
        goto oom;
    for (int v = 0; v < N; v++)
        if (c->x_infoset[v] >= 0 && ++members[c->x_infoset[v]] > 1) {
            st = brink_error_set(err, BRINK_EINVALID,
                                 "shared sub-trees need perfect information: decision '%s' "
                                 "has more than one node",
                                 c->xinfosets[c->x_infoset[v]].label);
            goto out;
        }
    /* parents from the pre-order (a stack of nodes still expecting children), then sizes */
    int depth = 0;
    for (int v = 0; v < N; v++) {
        parent[v] = depth ? stack[depth - 1] : -1;
        if (depth && --left[stack[depth - 1]] == 0)
            depth--;
        int xi = c->x_infoset[v];
        if (xi >= 0) {
            left[v] = c->xinfosets[xi].nact;
            stack[depth++] = v;
        }
    }
    for (int v = 0; v < N; v++)
        size[v] = 1;
    for (int v = N - 1; v > 0; v--)
        size[parent[v]] += size[v];
    /* bottom-up: every child has a larger index than its parent */
    for (int v = N - 1; v >= 0; v--) {
        int xi = c->x_infoset[v];
        size_t need = 8 + 2 * (size_t)ni + (size_t)np;
        if (xi >= 0)
            need += 4 * (size_t)c->xinfosets[xi].nact;
        else
            for (int p = 0; p < np; p++) {
                size_t k = (size_t)c->x_leaf[v] * (size_t)np + (size_t)p;
                need += (size_t)(c->leaf_term_start[k + 1] - c->leaf_term_start[k]);
            }
        if (need > keycap) {
            size_t cap = keycap ? keycap : 64;
            while (cap < need)
                cap *= 2;
            int *k = brink_reallocarray(key, cap, sizeof *k);
            if (!k)
                goto oom;
            key = k;
            keycap = cap;
        }
        int n = 0;
        if (xi >= 0) {
            const sc_xinfoset *x = &c->xinfosets[xi];
            key[n++] = 1;
            key[n++] = x->player;
            key[n++] = x->type;
            key[n++] = x->nact;
            for (int a = 0, w = v + 1; a < x->nact; a++, w += size[w]) {
                n = put_ptr(key, n, x->actions[a]);
                key[n++] = x->player == BRINK_CHANCE ? x->prob_expr[a] : -1;
                key[n++] = out->class_of[w];
            }
        } else {
            int l = c->x_leaf[v];
            key[n++] = 0;
            n = put_ptr(key, n, c->leaf_text[l]);
            for (int k = 0; k < ni; k++) {
                key[n++] = c->leaf_level[(size_t)l * (size_t)(ni ? ni : 1) + (size_t)k];
                key[n++] = c->leaf_value_expr[(size_t)l * (size_t)(ni ? ni : 1) + (size_t)k];
            }
            for (int p = 0; p < np; p++) {
                size_t k = (size_t)l * (size_t)np + (size_t)p;
                key[n++] = c->leaf_term_start[k + 1] - c->leaf_term_start[k];
                for (int u = c->leaf_term_start[k]; u < c->leaf_term_start[k + 1]; u++)
                    key[n++] = c->leaf_term[u];
            }
        }
        int cls = class_of_key(&s, &t, key, n);
        if (cls < 0)
            goto oom;
        out->class_of[v] = cls;
    }
    out->nclasses = s.nclasses;
    out->class_node = brink_calloc((size_t)(s.nclasses ? s.nclasses : 1), sizeof(int));
    out->class_count = brink_calloc((size_t)(s.nclasses ? s.nclasses : 1), sizeof(int));
    if (!out->class_node || !out->class_count)
        goto oom;
    for (int k = 0; k < s.nclasses; k++)
        out->class_node[k] = -1;
    for (int v = 0; v < N; v++) {
        int k = out->class_of[v];
        if (out->class_node[k] < 0)
            out->class_node[k] = v;
        out->class_count[k]++;
    }
    goto out;
oom:
    st = brink_error_set(err, BRINK_ENOMEM, "out of memory finding shared sub-trees");
out:
    if (st)
        sc_shared_free(out);
    free(members);
    free(size);
    free(parent);
    free(stack);
    free(left);
    free(key);
    free(s.pool);
    free(s.key_start);
    htab_free(&t);
    return st;
}
