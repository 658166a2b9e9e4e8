/* ytree.c — libfyaml event stream -> ytree (see ytree.h).
 *
 * One pass over the events with an explicit stack of open collections; children are
 * gathered in a growable scratch array and copied into the arena when the collection closes,
 * so nesting costs heap, not stack; it is bounded by the max_depth argument all the same,
 * because the scenario parser walks the tree recursively.
 * libfyaml's diagnostics are collected as data (fy_diag_set_collect_errors: message, line,
 * column) and turned into a brink_error. Collecting also keeps libfyaml 0.7's source-line
 * display (fy_diag_error_atom_display) from running: it overruns its row buffer on a
 * multi-line token beside a long line and crashed under the fuzzer
 * (tests/data/fuzz-regressions/scenario/). Messages that carry no token ("[ERR]: ...") still
 * come through the output callback, which captures them instead of printing.
 */
#include "scenario/ytree.h"
#include "scenario/textcheck.h"

#include "core/htab.h"

#include <libfyaml.h>
#include <stdlib.h>
#include <string.h>

/* libfyaml's messages are gathered whole (they are short, but nothing here truncates them). */
static void diag_output(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
    (void)diag;
    brink_buf_append(user, buf, len);
}

/* The first collected error with a place wins; a failure without a token comes as
 * "[ERR]: MESSAGE" through the output callback and is placed where the last complete event
 * ended (line, col). */
static brink_status diag_to_error(struct fy_diag *diag, const brink_buf *c, const char *file,
                                  int line, int col, brink_error *err)
{
    void *it = NULL;
    struct fy_diag_error *de;
    while ((de = fy_diag_errors_iterate(diag, &it)) != NULL) {
        if (de->type != FYET_ERROR || !de->msg)
            continue;
        if (de->line > 0 && de->column > 0) {
            line = de->line;
            col = de->column;
        }
        return brink_error_set_at(err, BRINK_ESYNTAX, file, line, col, "YAML: %.*s",
                                  (int)strcspn(de->msg, "\n"), de->msg);
    }
    const char *text = c->data ? c->data : "";
    const char *m = strstr(text, "[ERR]: ");
    if (!m)
        return brink_error_set_at(err, BRINK_ESYNTAX, file, line, col, "malformed YAML");
    m += 7;
    return brink_error_set_at(err, BRINK_ESYNTAX, file, line, col, "YAML: %.*s",
                              (int)strcspn(m, "\n"), m);
}

typedef struct frame {
    ynode *node;
    ynode **kids;
    int n, cap;
    const char *anchor;      /* registered when the collection closes */
} frame;

typedef struct anchor {
    const char *name;
    ynode *node;
} anchor;

typedef struct builder {
    ytree *t;
    const char *file;
    size_t max_nodes, events;
    int max_depth;
    int last_line, last_col; /* where the last event ended: the place of unmarked events */
    frame *stack;
    int depth, stack_cap;
    anchor *anchors;
    int nanchors, anchors_cap;
    htab anchor_index;       /* name -> anchors[] */
    const char *key;         /* the name being looked up */
    int docs;
    brink_error *err;
} builder;

static uint64_t sat_add(uint64_t a, uint64_t b)
{
    uint64_t s = a + b;
    return (s < a || s > (UINT64_MAX >> 1)) ? (UINT64_MAX >> 1) : s;
}

static brink_status oom(builder *b)
{
    return brink_error_set(b->err, BRINK_ENOMEM, "out of memory while reading YAML");
}

/* An empty value ("value:" with nothing after it) has no mark of its own: it is placed where
 * the previous event ended, right after its key. */
static void mark_of(const builder *b, struct fy_event *e, int *line, int *col)
{
    const struct fy_mark *m = fy_event_start_mark(e);
    *line = m ? m->line + 1 : b->last_line;
    *col = m ? m->column + 1 : b->last_col;
}

static void note_end(builder *b, struct fy_event *e)
{
    const struct fy_mark *m = fy_event_end_mark(e);
    if (!m)
        m = fy_event_start_mark(e);
    if (m) {
        b->last_line = m->line + 1;
        b->last_col = m->column + 1;
    }
}

static const char *token_dup(builder *b, struct fy_token *tok)
{
    size_t len = 0;
    const char *s = tok ? fy_token_get_text(tok, &len) : NULL;
    if (!s)
        return brink_arena_strdup(b->t->arena, "");
    return brink_arena_strndup(b->t->arena, s, len);
}

static int anchor_eq(void *ctx, int idx)
{
    builder *b = ctx;
    return strcmp(b->anchors[idx].name, b->key) == 0;
}

/* Anchors are found through a hash index (a linear search made a file of many anchors and
 * aliases take minutes); a later anchor of the same name replaces the earlier one. */
static brink_status add_anchor(builder *b, const char *name, ynode *node)
{
    uint64_t h = htab_hash_bytes(name, strlen(name), 11);
    b->key = name;
    int i = htab_find(&b->anchor_index, h, anchor_eq, b);
    if (i >= 0) {
        b->anchors[i].node = node;
        return BRINK_OK;
    }
    if (b->nanchors == b->anchors_cap) {
        int cap = b->anchors_cap ? 2 * b->anchors_cap : 16;
        anchor *a = brink_reallocarray(b->anchors, (size_t)cap, sizeof *a);
        if (!a)
            return oom(b);
        b->anchors = a;
        b->anchors_cap = cap;
    }
    if (htab_add(&b->anchor_index, h, b->nanchors) != 0)
        return oom(b);
    b->anchors[b->nanchors].name = name;
    b->anchors[b->nanchors].node = node;
    b->nanchors++;
    return BRINK_OK;
}

static ynode *find_anchor(builder *b, const char *name)
{
    b->key = name;
    int i = htab_find(&b->anchor_index, htab_hash_bytes(name, strlen(name), 11), anchor_eq, b);
    return i >= 0 ? b->anchors[i].node : NULL;
}

static int key_cmp(const void *x, const void *y)
{
    const ynode *a = *(ynode *const *)x, *c = *(ynode *const *)y;
    int r = strcmp(a->text, c->text);
    if (r)
        return r;
    return a->line != c->line ? a->line - c->line : a->col - c->col;
}

/* Append a finished child to the innermost open collection (or make it the root). */
static brink_status attach(builder *b, ynode *child)
{
    if (b->depth == 0) {
        b->t->root = child;
        return BRINK_OK;
    }
    frame *f = &b->stack[b->depth - 1];
    if (f->node->kind == Y_MAP && (f->n % 2) == 0 && child->kind != Y_SCALAR)
        return brink_error_set_at(b->err, BRINK_ESYNTAX, b->file, child->line, child->col,
                                  "mapping keys must be plain words, not %s",
                                  child->kind == Y_MAP ? "mappings" : "sequences");
    if (f->n == f->cap) {
        int cap = f->cap ? 2 * f->cap : 8;
        ynode **k = brink_reallocarray(f->kids, (size_t)cap, sizeof *k);
        if (!k)
            return oom(b);
        f->kids = k;
        f->cap = cap;
    }
    f->kids[f->n++] = child;
    return BRINK_OK;
}

static brink_status open_collection(builder *b, struct fy_event *e, ykind kind,
                                    struct fy_token *anchor_tok)
{
    ynode *n = brink_arena_alloc(b->t->arena, sizeof *n);
    if (!n)
        return oom(b);
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->text = "";
    mark_of(b, e, &n->line, &n->col);
    if (b->depth >= b->max_depth)
        return brink_error_set_at(b->err, BRINK_ETOOBIG, b->file, n->line, n->col,
                                  "YAML nested deeper than %d levels", b->max_depth);
    if (b->depth == b->stack_cap) {
        int cap = b->stack_cap ? 2 * b->stack_cap : 16;
        frame *s = brink_reallocarray(b->stack, (size_t)cap, sizeof *s);
        if (!s)
            return oom(b);
        b->stack = s;
        b->stack_cap = cap;
    }
    frame *f = &b->stack[b->depth++];
    memset(f, 0, sizeof *f);
    f->node = n;
    if (anchor_tok) {
        f->anchor = token_dup(b, anchor_tok);
        if (!f->anchor)
            return oom(b);
    }
    return BRINK_OK;
}

static brink_status close_collection(builder *b)
{
    frame *f = &b->stack[b->depth - 1];
    ynode *n = f->node;
    brink_status st = BRINK_OK;
    if (n->kind == Y_MAP) {
        n->n = f->n / 2;
    } else {
        n->n = f->n;
    }
    if (f->n) {
        n->items = brink_arena_alloc(b->t->arena, (size_t)f->n * sizeof *n->items);
        if (!n->items) {
            st = oom(b);
            goto out;
        }
        memcpy(n->items, f->kids, (size_t)f->n * sizeof *n->items);
    }
    n->expanded = 1;
    for (int i = 0; i < f->n; i++)
        n->expanded = sat_add(n->expanded, f->kids[i]->expanded);
    if (n->expanded > b->max_nodes) {
        st = brink_error_set_at(b->err, BRINK_ETOOBIG, b->file, n->line, n->col,
                                "this %s expands through aliases to %llu YAML nodes "
                                "(limit %zu)", n->kind == Y_MAP ? "mapping" : "sequence",
                                (unsigned long long)n->expanded, b->max_nodes);
        goto out;
    }
    if (n->kind == Y_MAP && n->n > 1) {
        /* duplicate keys: sort a copy of the keys, compare neighbours */
        ynode **keys = brink_reallocarray(NULL, (size_t)n->n, sizeof *keys);
        if (!keys) {
            st = oom(b);
            goto out;
        }
        for (int i = 0; i < n->n; i++)
            keys[i] = n->items[2 * i];
        qsort(keys, (size_t)n->n, sizeof *keys, key_cmp);
        for (int i = 1; i < n->n; i++) {
            if (strcmp(keys[i]->text, keys[i - 1]->text) == 0) {
                st = brink_error_set_at(b->err, BRINK_ESYNTAX, b->file, keys[i]->line,
                                        keys[i]->col,
                                        "duplicate key '%s' (first at line %d, column %d)",
                                        keys[i]->text, keys[i - 1]->line, keys[i - 1]->col);
                break;
            }
        }
        free(keys);
        if (st)
            goto out;
    }
    if (f->anchor && (st = add_anchor(b, f->anchor, n)) != BRINK_OK)
        goto out;
out:
    free(f->kids);
    f->kids = NULL;
    b->depth--;
    if (st)
        return st;
    return attach(b, n);
}

static brink_status handle_event(builder *b, struct fy_event *e)
{
    int line, col;
    if (++b->events > b->max_nodes) {
        mark_of(b, e, &line, &col);
        return brink_error_set_at(b->err, BRINK_ETOOBIG, b->file, line, col,
                                  "the document has more than %zu YAML nodes", b->max_nodes);
    }
    switch (e->type) {
    case FYET_DOCUMENT_START:
        if (++b->docs > 1) {
            mark_of(b, e, &line, &col);
            return brink_error_set_at(b->err, BRINK_ESYNTAX, b->file, line, col,
                                      "a scenario file holds exactly one YAML document");
        }
        return BRINK_OK;
    case FYET_MAPPING_START:
        return open_collection(b, e, Y_MAP, e->mapping_start.anchor);
    case FYET_SEQUENCE_START:
        return open_collection(b, e, Y_SEQ, e->sequence_start.anchor);
    case FYET_MAPPING_END:
    case FYET_SEQUENCE_END:
        return close_collection(b);
    case FYET_SCALAR: {
        ynode *n = brink_arena_alloc(b->t->arena, sizeof *n);
        if (!n)
            return oom(b);
        memset(n, 0, sizeof *n);
        n->kind = Y_SCALAR;
        mark_of(b, e, &n->line, &n->col);
        size_t len = 0;
        const char *s = fy_token_get_text(e->scalar.value, &len);
        n->text = brink_arena_strndup(b->t->arena, s ? s : "", s ? len : 0);
        if (!n->text)
            return oom(b);
        n->len = s ? len : 0;
        n->quoted = fy_token_scalar_style(e->scalar.value) != FYSS_PLAIN;
        n->expanded = 1;
        if (e->scalar.anchor) {
            const char *a = token_dup(b, e->scalar.anchor);
            if (!a)
                return oom(b);
            brink_status st = add_anchor(b, a, n);
            if (st)
                return st;
        }
        return attach(b, n);
    }
    case FYET_ALIAS: {
        const char *name = token_dup(b, e->alias.anchor);
        if (!name)
            return oom(b);
        ynode *target = find_anchor(b, name);
        if (!target) {
            mark_of(b, e, &line, &col);
            return brink_error_set_at(b->err, BRINK_ESYNTAX, b->file, line, col,
                                      "alias *%s refers to no complete anchor &%s "
                                      "(an alias inside its own anchor would recurse)",
                                      name, name);
        }
        return attach(b, target);
    }
    default:
        return BRINK_OK;
    }
}

brink_status ytree_parse(const char *text, size_t len, const char *file, size_t max_nodes,
                         int max_depth, ytree *out, brink_error *err)
{
    memset(out, 0, sizeof *out);
    /* every YAML reader (scenarios, negotiation domains) gets the byte check: libfyaml must
     * never see text it can hang or stop silently on (textcheck.h) */
    brink_status st = sc_check_text(text, len, file ? file : "<input>", err);
    if (st)
        return st;
    out->arena = brink_arena_new();
    if (!out->arena)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    out->file = brink_arena_strdup(out->arena, file ? file : "<input>");
    if (!out->file) {
        ytree_free(out);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }

    brink_buf cap;
    brink_buf_init(&cap);
    struct fy_diag_cfg dc;
    fy_diag_cfg_default(&dc);
    dc.fp = NULL;
    dc.output_fn = diag_output;
    dc.user = &cap;
    dc.colorize = false;
    struct fy_diag *diag = fy_diag_create(&dc);
    if (!diag) {
        brink_buf_free(&cap);
        ytree_free(out);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory (YAML diagnostics)");
    }
    fy_diag_set_collect_errors(diag, true);
    struct fy_parse_cfg pc;
    memset(&pc, 0, sizeof pc);
    pc.flags = FYPCF_QUIET;
    pc.diag = diag;
    struct fy_parser *p = fy_parser_create(&pc);
    if (!p) {
        fy_diag_unref(diag);
        brink_buf_free(&cap);
        ytree_free(out);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory (YAML parser)");
    }

    builder b;
    memset(&b, 0, sizeof b);
    b.t = out;
    b.file = out->file;
    b.max_nodes = max_nodes;
    b.max_depth = max_depth;
    b.last_line = b.last_col = 1;
    htab_init(&b.anchor_index);
    b.err = err;
    st = BRINK_OK;
    if (fy_parser_set_string(p, text, len) != 0) {
        st = brink_error_set(err, BRINK_ENOMEM, "cannot hand the text to the YAML parser");
    } else {
        struct fy_event *e;
        while ((e = fy_parser_parse(p)) != NULL) {
            st = handle_event(&b, e);
            note_end(&b, e);
            fy_parser_event_free(p, e);
            if (st)
                break;
        }
        if (!st && fy_parser_get_stream_error(p))
            st = cap.failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory")
                            : diag_to_error(diag, &cap, out->file, b.last_line, b.last_col, err);
    }
    for (int i = 0; i < b.depth; i++)
        free(b.stack[i].kids);
    free(b.stack);
    free(b.anchors);
    htab_free(&b.anchor_index);
    /* collected errors hold references to the parser's tokens, and only a reset frees them
     * (fy_diag_unref does not): before the parser goes */
    fy_diag_reset_error(diag);
    fy_parser_destroy(p);
    fy_diag_unref(diag);
    brink_buf_free(&cap);
    if (st) {
        ytree_free(out);
        return st;
    }
    return BRINK_OK;
}

void ytree_free(ytree *t)
{
    if (!t)
        return;
    brink_arena_free(t->arena);
    t->arena = NULL;
    t->root = NULL;
}

ynode *ytree_get(const ynode *map, const char *key)
{
    if (!map || map->kind != Y_MAP)
        return NULL;
    for (int i = 0; i < map->n; i++)
        if (strcmp(map->items[2 * i]->text, key) == 0)
            return map->items[2 * i + 1];
    return NULL;
}
