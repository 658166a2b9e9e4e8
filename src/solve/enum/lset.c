/* lset.c — hash set of fixed-width bitsets (see lset.h). */
#include "solve/enum/lset.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_key(const uint64_t *k, int words)
{
    uint64_t h = 0x9e3779b97f4a7c15u;
    for (int w = 0; w < words; w++) {
        uint64_t z = k[w] + h;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        h = z ^ (z >> 31);
    }
    return h;
}

int lset_init(lset *s, int words)
{
    memset(s, 0, sizeof *s);
    s->words = words;
    s->tsize = 16;
    s->table = calloc(s->tsize, sizeof(lset_slot));
    s->cap = 8;
    s->keys = malloc(sizeof(uint64_t) * s->cap * (size_t)words);
    if (!s->table || !s->keys) {
        lset_free(s);
        return -1;
    }
    return 0;
}

void lset_free(lset *s)
{
    free(s->keys);
    free(s->table);
    s->keys = NULL;
    s->table = NULL;
    s->count = s->cap = s->tsize = 0;
}

void lset_clear(lset *s)
{
    s->count = 0;
    memset(s->table, 0, sizeof(lset_slot) * s->tsize);
}

static size_t probe(const lset *s, const uint64_t *key, int *found)
{
    size_t mask = s->tsize - 1, i = (size_t)hash_key(key, s->words) & mask;
    size_t rest = sizeof(uint64_t) * (size_t)(s->words - 1);
    for (;;) {
        const lset_slot *sl = &s->table[i];
        if (sl->idx == 0) {
            *found = 0;
            return i;
        }
        if (sl->key0 == key[0] &&
            (rest == 0 || memcmp(s->keys + (size_t)(sl->idx - 1) * s->words + 1, key + 1, rest) == 0)) {
            *found = 1;
            return i;
        }
        i = (i + 1) & mask;
    }
}

long lset_find(const lset *s, const uint64_t *key)
{
    int found;
    size_t i = probe(s, key, &found);
    return found ? (long)s->table[i].idx - 1 : -1;
}

static int grow_table(lset *s)
{
    size_t nsize = s->tsize * 2;
    lset_slot *nt = calloc(nsize, sizeof(lset_slot));
    if (!nt)
        return -1;
    size_t mask = nsize - 1;
    for (size_t k = 0; k < s->count; k++) {
        const uint64_t *key = s->keys + k * s->words;
        size_t i = (size_t)hash_key(key, s->words) & mask;
        while (nt[i].idx)
            i = (i + 1) & mask;
        nt[i].key0 = key[0];
        nt[i].idx = (uint32_t)(k + 1);
    }
    free(s->table);
    s->table = nt;
    s->tsize = nsize;
    return 0;
}

int lset_insert(lset *s, const uint64_t *key, size_t *index)
{
    int found;
    size_t i = probe(s, key, &found);
    if (found) {
        if (index)
            *index = s->table[i].idx - 1;
        return 0;
    }
    if (s->count >= UINT32_MAX - 1)
        return -1;
    if (s->count == s->cap) {
        size_t ncap = s->cap * 2;
        uint64_t *nk = realloc(s->keys, sizeof(uint64_t) * ncap * (size_t)s->words);
        if (!nk)
            return -1;
        s->keys = nk;
        s->cap = ncap;
    }
    memcpy(s->keys + s->count * s->words, key, sizeof(uint64_t) * (size_t)s->words);
    s->table[i].key0 = key[0];
    s->table[i].idx = (uint32_t)(s->count + 1);
    if (index)
        *index = s->count;
    s->count++;
    if (2 * s->count > s->tsize && grow_table(s) != 0) {
        s->count--; /* keep the table consistent: the key was not added */
        s->table[i].idx = 0;
        return -1;
    }
    return 1;
}
