/* core/htab.h — brink's one hash table (private to the library): an open-addressing index
 * from 64-bit hashes to int indices into the caller's own arrays. Equality is decided by a
 * caller callback, so distinct keys with equal hashes are handled correctly (the table never
 * trusts a hash alone). Used by the scenario compiler (names) and the Gambit readers (numbers).
 */
#ifndef BRINK_CORE_HTAB_H
#define BRINK_CORE_HTAB_H

#include <stddef.h>
#include <stdint.h>

typedef struct htab {
    uint64_t *hash;
    int *idx;          /* -1 = empty slot */
    size_t cap, n;
} htab;

typedef int (*htab_eq_fn)(void *ctx, int idx);

void htab_init(htab *t);
void htab_free(htab *t);
/* Index of an entry with this hash for which eq(ctx, idx) is true, or -1. */
int htab_find(const htab *t, uint64_t hash, htab_eq_fn eq, void *ctx);
/* Add (hash -> idx). Returns 0, or -1 when out of memory. */
int htab_add(htab *t, uint64_t hash, int idx);

uint64_t htab_hash_bytes(const void *p, size_t n, uint64_t seed);
static inline uint64_t htab_mix(uint64_t h, uint64_t x)
{
    h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 33);
}

#endif
