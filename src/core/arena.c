/* arena.c — bump allocator for many small, same-lifetime objects (labels, strings).
 * Blocks grow geometrically; a request larger than a block gets its own block.
 * Invariant: every pointer returned is 16-byte aligned and lives until brink_arena_free. */
#include <stdlib.h>
#include <string.h>

#include "brink/core.h"

typedef struct arena_block {
    struct arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
} arena_block;

struct brink_arena {
    arena_block *head;
    size_t next_size;
    size_t bytes;
};

brink_arena *brink_arena_new(void)
{
    brink_arena *a = calloc(1, sizeof *a);
    if (a) a->next_size = 4096;
    return a;
}

void brink_arena_free(brink_arena *a)
{
    if (!a) return;
    arena_block *b = a->head;
    while (b) {
        arena_block *n = b->next;
        free(b);
        b = n;
    }
    free(a);
}

void *brink_arena_alloc(brink_arena *a, size_t size)
{
    if (!a) return NULL;
    if (size > SIZE_MAX - 32) return NULL;
    size = (size + 15u) & ~(size_t)15u;
    if (size == 0) size = 16;
    arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t want = a->next_size;
        if (want < size) want = size;
        b = malloc(sizeof *b + want);
        if (!b) return NULL;
        b->used = 0;
        b->size = want;
        b->next = a->head;
        a->head = b;
        if (a->next_size < ((size_t)1 << 24)) a->next_size *= 2;
    }
    void *p = b->data + b->used;
    b->used += size;
    a->bytes += size;
    return p;
}

char *brink_arena_strndup(brink_arena *a, const char *s, size_t n)
{
    char *p = brink_arena_alloc(a, n + 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *brink_arena_strdup(brink_arena *a, const char *s)
{
    return brink_arena_strndup(a, s ? s : "", s ? strlen(s) : 0);
}

size_t brink_arena_bytes(const brink_arena *a)
{
    return a ? a->bytes : 0;
}
