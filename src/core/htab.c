/* htab.c — open addressing with linear probing; grows at 50% load (see htab.h). */
#include "core/htab.h"

#include <stdlib.h>
#include <string.h>
#include "brink/core.h"

void htab_init(htab *t)
{
    memset(t, 0, sizeof *t);
}

void htab_free(htab *t)
{
    free(t->hash);
    free(t->idx);
    memset(t, 0, sizeof *t);
}

int htab_find(const htab *t, uint64_t hash, htab_eq_fn eq, void *ctx)
{
    if (!t->cap)
        return -1;
    size_t mask = t->cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        if (t->idx[i] < 0)
            return -1;
        if (t->hash[i] == hash && eq(ctx, t->idx[i]))
            return t->idx[i];
    }
}

static int grow(htab *t)
{
    size_t cap = t->cap ? 2 * t->cap : 64;
    uint64_t *h = brink_calloc(cap, sizeof *h);
    int *x = brink_calloc(cap, sizeof *x);
    if (!h || !x) {
        free(h);
        free(x);
        return -1;
    }
    for (size_t i = 0; i < cap; i++)
        x[i] = -1;
    for (size_t i = 0; i < t->cap; i++) {
        if (t->idx[i] < 0)
            continue;
        size_t j = (size_t)t->hash[i] & (cap - 1);
        while (x[j] >= 0)
            j = (j + 1) & (cap - 1);
        h[j] = t->hash[i];
        x[j] = t->idx[i];
    }
    free(t->hash);
    free(t->idx);
    t->hash = h;
    t->idx = x;
    t->cap = cap;
    return 0;
}

int htab_add(htab *t, uint64_t hash, int idx)
{
    if (2 * (t->n + 1) > t->cap && grow(t) != 0)
        return -1;
    size_t mask = t->cap - 1, i = (size_t)hash & mask;
    while (t->idx[i] >= 0)
        i = (i + 1) & mask;
    t->hash[i] = hash;
    t->idx[i] = idx;
    t->n++;
    return 0;
}

uint64_t htab_hash_bytes(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ull ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ull;
    }
    return h;
}
