/* gen_util.h — helpers for the game generators (not public API): a string -> infoset map
 * (generators meet the same information set from many nodes and look it up by a key such
 * as "Q|K|rc/"), and a one-call terminal node with its own outcome.
 */
#ifndef BRINK_GEN_UTIL_H
#define BRINK_GEN_UTIL_H

#include "brink/efg.h"

typedef struct brink_genmap {
    char **keys;   /* open addressing; NULL = empty slot */
    int *vals;
    size_t cap;    /* power of two */
    size_t count;
} brink_genmap;

void brink_genmap_init(brink_genmap *m);
void brink_genmap_free(brink_genmap *m);
/* Value stored under key, or -1. */
int brink_genmap_get(const brink_genmap *m, const char *key);
/* Store key -> val (key copied). BRINK_ENOMEM on failure. */
brink_status brink_genmap_put(brink_genmap *m, const char *key, int val, brink_error *err);

/* Append a terminal node with a fresh outcome paying pay[0..nplayers-1]. Returns the node id
 * or -1 with err set. */
int brink_gen_leaf(brink_efg_builder *b, const mpq_t *pay, brink_error *err);

#endif
