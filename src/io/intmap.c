/* io/intmap.c — open-addressing hash map uint64 -> int with linear probing (see intmap.h). */
#include "io/intmap.h"

#include <stdlib.h>

static size_t slot_of(uint64_t k, size_t cap)
{
    /* splitmix64 finalizer: spreads sequential numbers over the table */
    k ^= k >> 30;
    k *= 0xbf58476d1ce4e5b9ULL;
    k ^= k >> 27;
    k *= 0x94d049bb133111ebULL;
    k ^= k >> 31;
    return (size_t)k & (cap - 1);
}

void io_intmap_init(io_intmap *m)
{
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->count = 0;
}

void io_intmap_free(io_intmap *m)
{
    free(m->keys);
    free(m->vals);
    io_intmap_init(m);
}

int io_intmap_get(const io_intmap *m, uint64_t key)
{
    if (m->cap == 0)
        return -1;
    uint64_t k = key + 1;
    for (size_t i = slot_of(k, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == k)
            return m->vals[i];
        if (m->keys[i] == 0)
            return -1;
    }
}

static int grow(io_intmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    if (cap < m->cap || cap > SIZE_MAX / sizeof(uint64_t))
        return -1;
    uint64_t *keys = calloc(cap, sizeof *keys);
    int *vals = calloc(cap, sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return -1;
    }
    for (size_t j = 0; j < m->cap; j++) {
        if (m->keys[j] == 0)
            continue;
        size_t i = slot_of(m->keys[j], cap);
        while (keys[i] != 0)
            i = (i + 1) & (cap - 1);
        keys[i] = m->keys[j];
        vals[i] = m->vals[j];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return 0;
}

int io_intmap_put(io_intmap *m, uint64_t key, int val)
{
    if ((m->count + 1) * 2 > m->cap && grow(m) != 0)
        return -1;
    uint64_t k = key + 1;
    size_t i = slot_of(k, m->cap);
    while (m->keys[i] != 0 && m->keys[i] != k)
        i = (i + 1) & (m->cap - 1);
    if (m->keys[i] == 0)
        m->count++;
    m->keys[i] = k;
    m->vals[i] = val;
    return 0;
}
