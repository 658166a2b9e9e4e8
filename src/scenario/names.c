/* names.c — the scenario's index of names: parameters, sub-games, issues, an issue's levels
 * and an actor's types, each found through one hash table keyed by (kind, owner, name).
 *
 * Lookups used to be linear searches, which made a 2 MB file of 60,000 parameters (or
 * sub-games, issues, levels) and as many references take minutes; with the index reading is
 * linear in the file. Adding a name that is already there returns the first one's value, which
 * is how duplicates are found. Lookups do not change the scenario (threads may share it).
 */
#include <string.h>

#include "scenario/model.h"

typedef struct name_key {
    const brink_scenario *sc;
    int kind, owner;
    const char *name;
    size_t len;
} name_key;

static uint64_t name_hash(int kind, int owner, const char *name, size_t len)
{
    return htab_mix(htab_mix((uint64_t)kind, (uint64_t)(owner + 1)),
                    htab_hash_bytes(name, len, 5));
}

static int name_eq(void *ctx, int idx)
{
    const name_key *k = ctx;
    const sc_name *e = &k->sc->names[idx];
    return e->kind == k->kind && e->owner == k->owner && e->len == k->len &&
           memcmp(e->name, k->name, k->len) == 0;
}

int sc_name_find(const brink_scenario *sc, int kind, int owner, const char *name, size_t len)
{
    name_key k = {sc, kind, owner, name, len};
    int i = htab_find(&sc->name_index, name_hash(kind, owner, name, len), name_eq, &k);
    return i >= 0 ? sc->names[i].value : -1;
}

int sc_name_add(brink_scenario *sc, int kind, int owner, const char *name, int value)
{
    size_t len = strlen(name);
    int old = sc_name_find(sc, kind, owner, name, len);
    if (old >= 0)
        return old;
    if (sc->nnames == sc->names_cap) {
        int cap = sc->names_cap ? 2 * sc->names_cap : 64;
        sc_name *v = brink_reallocarray(sc->names, (size_t)cap, sizeof *v);
        if (!v)
            return -2;
        sc->names = v;
        sc->names_cap = cap;
    }
    if (htab_add(&sc->name_index, name_hash(kind, owner, name, len), sc->nnames) != 0)
        return -2;
    sc_name *e = &sc->names[sc->nnames++];
    e->kind = kind;
    e->owner = owner;
    e->name = name;
    e->len = len;
    e->value = value;
    return -1;
}
