/* io/intmap.c — uint64 -> int map (see intmap.h), a thin layer over the core hash index:
 * entries live in two parallel arrays, the index maps a key's hash to its entry. */
#include "io/intmap.h"

#include <stdlib.h>

#include "brink/core.h"

static uint64_t hash_key(uint64_t k)
{
    /* splitmix64 finalizer: spreads sequential file numbers over the table */
    k ^= k >> 30;
    k *= 0xbf58476d1ce4e5b9ULL;
    k ^= k >> 27;
    k *= 0x94d049bb133111ebULL;
    return k ^ (k >> 31);
}

typedef struct {
    const io_intmap *m;
    uint64_t key;
} key_probe;

static int same_key(void *ctx, int idx)
{
    const key_probe *p = ctx;
    return p->m->keys[idx] == p->key;
}

void io_intmap_init(io_intmap *m)
{
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->count = 0;
    htab_init(&m->index);
}

void io_intmap_free(io_intmap *m)
{
    free(m->keys);
    free(m->vals);
    htab_free(&m->index);
    io_intmap_init(m);
}

int io_intmap_get(const io_intmap *m, uint64_t key)
{
    key_probe p = {m, key};
    int idx = htab_find(&m->index, hash_key(key), same_key, &p);
    return idx < 0 ? -1 : m->vals[idx];
}

int io_intmap_put(io_intmap *m, uint64_t key, int val)
{
    key_probe p = {m, key};
    uint64_t h = hash_key(key);
    int idx = htab_find(&m->index, h, same_key, &p);
    if (idx >= 0) {
        m->vals[idx] = val;
        return 0;
    }
    if (m->count == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 32;
        if (cap > (size_t)1 << 30) return -1;
        uint64_t *k = brink_reallocarray(m->keys, cap, sizeof *k);
        if (!k) return -1;
        m->keys = k;
        int *v = brink_reallocarray(m->vals, cap, sizeof *v);
        if (!v) return -1;
        m->vals = v;
        m->cap = cap;
    }
    m->keys[m->count] = key;
    m->vals[m->count] = val;
    if (htab_add(&m->index, h, (int)m->count) != 0) return -1;
    m->count++;
    return 0;
}
