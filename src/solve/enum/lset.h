/* lset.h — a hash set of fixed-width bitsets, kept in insertion order (private).
 *
 * Used for bases visited by vertex enumeration and for label sets of vertices. Keys are
 * `words` 64-bit words each; key i lives at keys[i * words], so the set doubles as the list
 * of distinct keys in the order they were first inserted. The open-addressing table holds,
 * per slot, the key's first word and its index + 1 (0 = empty), so a probe usually touches one
 * cache line (one-word keys are compared in the table itself); it is kept at most half full.
 */
#ifndef BRINK_SOLVE_LSET_H
#define BRINK_SOLVE_LSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct lset_slot {
    uint64_t key0;       /* first word of the key */
    uint32_t idx;        /* key index + 1, 0 = empty */
} lset_slot;

typedef struct lset {
    int words;
    size_t count, cap;   /* keys stored, keys allocated */
    uint64_t *keys;      /* [cap * words] */
    lset_slot *table;    /* [tsize] */
    size_t tsize;        /* power of two */
} lset;

/* 0 on success, -1 on OOM. */
int lset_init(lset *s, int words);
void lset_free(lset *s);
/* Remove every key (keeps the memory). */
void lset_clear(lset *s);
/* Index of key, or -1. */
long lset_find(const lset *s, const uint64_t *key);
/* Insert: returns 1 if new, 0 if present, -1 on OOM (or more than 2^32 - 2 keys);
 * *index (may be NULL) receives the key's index. */
int lset_insert(lset *s, const uint64_t *key, size_t *index);

static inline const uint64_t *lset_key(const lset *s, size_t i)
{
    return s->keys + i * (size_t)s->words;
}

/* ---- bitset helpers ---- */
static inline void bits_set(uint64_t *b, int i) { b[i >> 6] |= (uint64_t)1 << (i & 63); }
static inline void bits_clear(uint64_t *b, int i) { b[i >> 6] &= ~((uint64_t)1 << (i & 63)); }
static inline int bits_get(const uint64_t *b, int i) { return (int)(b[i >> 6] >> (i & 63) & 1); }
static inline int bits_count(const uint64_t *b, int words)
{
    int c = 0;
    for (int w = 0; w < words; w++)
        c += __builtin_popcountll(b[w]);
    return c;
}
/* Is a a subset of b? */
static inline int bits_subset(const uint64_t *a, const uint64_t *b, int words)
{
    for (int w = 0; w < words; w++)
        if (a[w] & ~b[w])
            return 0;
    return 1;
}

#endif
