/* ytree.h — a YAML document as a small read-only tree with 1-based line/column marks.
 *
 * Built from libfyaml's event stream (not its document API) so that every node, including
 * mappings and sequences, carries the position where it starts, and so that aliases are
 * never copied: an alias points at the anchored node, making the tree a DAG. Each node
 * records its expanded size (nodes it stands for once aliases are followed), so a "billion
 * laughs" document is refused in time proportional to its text, not to its expansion.
 * Invariant: map items hold key,value pairs (2n entries); keys are scalars and unique.
 */
#ifndef BRINK_SCENARIO_YTREE_H
#define BRINK_SCENARIO_YTREE_H

#include <stddef.h>
#include <stdint.h>
#include "brink/core.h"
#include "brink/error.h"

typedef enum { Y_SCALAR = 0, Y_SEQ, Y_MAP } ykind;

typedef struct ynode {
    ykind kind;
    int line, col;           /* 1-based start of the node in the source */
    int quoted;              /* scalar written with quotes or as a block literal */
    const char *text;        /* scalar text, NUL-terminated ("" for collections) */
    size_t len;
    int n;                   /* sequence items, or mapping pairs */
    struct ynode **items;    /* seq: items[n]; map: items[2n] = key0, val0, key1, val1 ... */
    uint64_t expanded;       /* nodes this node stands for with aliases followed (saturating) */
} ynode;

typedef struct ytree {
    brink_arena *arena;      /* owns every node and string */
    ynode *root;             /* NULL for an empty document */
    const char *file;        /* for messages (owned by the arena) */
} ytree;

/* Parse one YAML document. Fails with BRINK_ESYNTAX (with line:column) on malformed YAML,
 * duplicate keys or a second document, and with BRINK_ETOOBIG when the text holds more than
 * max_nodes nodes, expands (through aliases) to more than max_nodes, or nests collections
 * more than max_depth deep. Every node has a position, an empty value that of its key. */
brink_status ytree_parse(const char *text, size_t len, const char *file, size_t max_nodes,
                         int max_depth, ytree *out, brink_error *err);
void ytree_free(ytree *t);

/* Lookup in a mapping: the value for key, or NULL. */
ynode *ytree_get(const ynode *map, const char *key);
/* Key / value of pair i of a mapping. */
static inline ynode *ytree_key(const ynode *map, int i) { return map->items[2 * i]; }
static inline ynode *ytree_val(const ynode *map, int i) { return map->items[2 * i + 1]; }

#endif
