/* io/intmap.h — a small open-addressing hash map from 64-bit keys to ints (private).
 *
 * The readers use it to find an information set by (player, number) and an outcome by its
 * number: file numbers are arbitrary positive integers, so they cannot index an array.
 * Built on the core hash index (core/htab.h): lookups and inserts take expected O(1) time,
 * and memory grows only with the number of entries actually inserted.
 */
#ifndef BRINK_IO_INTMAP_H
#define BRINK_IO_INTMAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/htab.h"

typedef struct io_intmap {
    uint64_t *keys;   /* [count] entries in insertion order */
    int *vals;
    size_t cap, count;
    htab index;       /* key hash -> entry */
} io_intmap;

void io_intmap_init(io_intmap *m);
void io_intmap_free(io_intmap *m);
/* Value for key, or -1 when absent. */
int io_intmap_get(const io_intmap *m, uint64_t key);
/* Insert or overwrite. Returns 0, or -1 when out of memory. key must be < UINT64_MAX. */
int io_intmap_put(io_intmap *m, uint64_t key, int val);

#endif
