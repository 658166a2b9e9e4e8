/* gen_util.c — string map and leaf helper for the game generators (see gen_util.h).
 * The map is only used while building a game, never on a solver's hot path.
 */
#include <stdlib.h>
#include <string.h>
#include "game/gen_util.h"

void brink_genmap_init(brink_genmap *m)
{
    memset(m, 0, sizeof *m);
}

void brink_genmap_free(brink_genmap *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

int brink_genmap_get(const brink_genmap *m, const char *key)
{
    if (m->cap == 0)
        return -1;
    for (size_t i = fnv1a(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i])
            return -1;
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    }
}

static brink_status grow(brink_genmap *m, brink_error *err)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    char **nk = brink_calloc(ncap, sizeof *nk);
    int *nv = brink_calloc(ncap, sizeof *nv);
    if (!nk || !nv) {
        free(nk);
        free(nv);
        return brink_error_set(err, BRINK_ENOMEM, "game generator: out of memory");
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = fnv1a(m->keys[i]) & (ncap - 1);
        while (nk[j])
            j = (j + 1) & (ncap - 1);
        nk[j] = m->keys[i];
        nv[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = nk;
    m->vals = nv;
    m->cap = ncap;
    return BRINK_OK;
}

brink_status brink_genmap_put(brink_genmap *m, const char *key, int val, brink_error *err)
{
    /* Keep the load factor at most 1/2 so probes stay short. */
    if (2 * (m->count + 1) > m->cap) {
        brink_status st = grow(m, err);
        if (st != BRINK_OK)
            return st;
    }
    size_t i = fnv1a(key) & (m->cap - 1);
    while (m->keys[i]) {
        if (strcmp(m->keys[i], key) == 0) {
            m->vals[i] = val;
            return BRINK_OK;
        }
        i = (i + 1) & (m->cap - 1);
    }
    size_t len = strlen(key);
    char *k = malloc(len + 1);
    if (!k)
        return brink_error_set(err, BRINK_ENOMEM, "game generator: out of memory");
    memcpy(k, key, len + 1);
    m->keys[i] = k;
    m->vals[i] = val;
    m->count++;
    return BRINK_OK;
}

int brink_gen_leaf(brink_efg_builder *b, const mpq_t *pay, brink_error *err)
{
    int o = brink_efg_builder_add_outcome(b, "", pay, 0, err);
    if (o < 0)
        return -1;
    return brink_efg_builder_add_node(b, "", -1, o, err);
}
