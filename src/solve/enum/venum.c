/* venum.c — vertex enumeration by depth-first search over perturbed bases (see venum.h).
 *
 * Each basis is entered once (the hash set of nonbasic sets guarantees it); from it every
 * nonbasic column is tried, the lexicographic ratio test gives the neighbouring basis, and
 * unseen neighbours are entered by a pivot and left by pivoting back on the same element,
 * which restores the exact dictionary. Work: about d ratio tests and two pivots per basis;
 * memory: one key per basis, one label set per vertex, one stack frame per level.
 */
#include "solve/enum/venum.h"

#include <stdlib.h>
#include <string.h>

typedef struct frame {
    int next_col;  /* next column to try from this basis */
    int pr, pc;    /* pivot that entered this basis (-1 at the root) */
} frame;

struct venum {
    vdict *v;
    int words;
    lset bases;      /* nonbasic sets seen */
    lset verts;      /* label sets of vertices */
    uint64_t *key;   /* [words] nonbasic set of the current basis */
    uint64_t *labels;/* [words] scratch */
    frame *stack;
    size_t depth, fcap;
    long pivots;
    int started, finished;
};

enum { VENUM_CHECK_EVERY = 4096 };

void venum_free(venum *e)
{
    if (!e)
        return;
    vdict_free(e->v);
    lset_free(&e->bases);
    lset_free(&e->verts);
    free(e->key);
    free(e->stack);
    free(e);
}

venum *venum_new(int k, int d, const mpz_t *m, int force_width, brink_error *err)
{
    for (int c = 0; c < d; c++) {
        int pos = 0;
        for (int r = 0; r < k && !pos; r++)
            pos = mpz_sgn(m[(size_t)r * d + c]) > 0;
        if (!pos) {
            brink_error_set(err, BRINK_EINVALID,
                            "vertex enumeration: column %d has no positive entry "
                            "(unbounded polytope)", c);
            return NULL;
        }
    }
    venum *e = calloc(1, sizeof *e);
    if (!e) {
        brink_error_set(err, BRINK_ENOMEM, "vertex enumeration: out of memory");
        return NULL;
    }
    e->v = vdict_new(k, d, m, force_width, err);
    if (!e->v) {
        free(e);
        return NULL;
    }
    e->words = (k + d + 63) / 64;
    e->fcap = 64;   /* 768 bytes: below glibc's large-bin requests (grows on demand) */
    int ok_b = lset_init(&e->bases, e->words) == 0;
    int ok_v = lset_init(&e->verts, e->words) == 0;
    e->key = calloc((size_t)e->words * 2, sizeof(uint64_t));
    e->stack = malloc(sizeof(frame) * e->fcap);
    if (!ok_b || !ok_v || !e->key || !e->stack) {
        venum_free(e);
        brink_error_set(err, BRINK_ENOMEM, "vertex enumeration: out of memory");
        return NULL;
    }
    e->labels = e->key + e->words;
    return e;
}

/* Record the vertex of the current basis: nonbasic variables and zero basic ones. */
static int record_vertex(venum *e)
{
    const vdict *v = e->v;
    memcpy(e->labels, e->key, sizeof(uint64_t) * (size_t)e->words);
    for (int r = 0; r < v->k; r++)
        if (vdict_rhs_sign(v, r) == 0)
            bits_set(e->labels, v->row_var[r]);
    return lset_insert(&e->verts, e->labels, NULL) < 0 ? -1 : 0;
}

brink_status venum_step(venum *e, size_t budget, int *done, brink_error *err)
{
    vdict *v = e->v;
    int d = v->d;
    size_t stop_at = budget ? e->bases.count + budget : (size_t)-1;
    *done = 0;
    if (e->finished) {
        *done = 1;
        return BRINK_OK;
    }
    if (!e->started) {
        for (int c = 0; c < d; c++)
            bits_set(e->key, v->col_var[c]);
        if (lset_insert(&e->bases, e->key, NULL) < 0 || record_vertex(e))
            goto oom;
        e->stack[e->depth++] = (frame){0, -1, -1};
        e->started = 1;
    }
    while (e->depth > 0) {
        if (e->bases.count >= stop_at)
            return BRINK_OK;
        frame *f = &e->stack[e->depth - 1];
        if (f->next_col == d) {
            if (f->pr >= 0) {
                bits_clear(e->key, v->col_var[f->pc]);
                bits_set(e->key, v->row_var[f->pr]);
                vdict_pivot(v, f->pr, f->pc);
                e->pivots++;
            }
            e->depth--;
            continue;
        }
        int c = f->next_col++;
        if (c == f->pc)
            continue; /* in a simple polytope that edge leads back to the parent */
        int r = vdict_ratio(v, c);
        if (r < 0)
            return brink_error_set(err, BRINK_EINTERNAL,
                                   "vertex enumeration: unbounded edge in a bounded polytope");
        int enter = v->col_var[c], leave = v->row_var[r];
        bits_clear(e->key, enter);
        bits_set(e->key, leave);
        int ins = lset_insert(&e->bases, e->key, NULL);
        if (ins <= 0) {
            bits_set(e->key, enter);
            bits_clear(e->key, leave);
            if (ins < 0)
                goto oom;
            continue;
        }
        vdict_pivot(v, r, c);
        e->pivots++;
        if (record_vertex(e))
            goto oom;
        if (e->depth == e->fcap) {
            frame *ns = realloc(e->stack, sizeof(frame) * e->fcap * 2);
            if (!ns)
                goto oom;
            e->stack = ns;
            e->fcap *= 2;
        }
        e->stack[e->depth++] = (frame){0, r, c};
    }
    e->finished = 1;
    *done = 1;
    return BRINK_OK;
oom:
    return brink_error_set(err, BRINK_ENOMEM, "vertex enumeration: out of memory after %zu bases",
                           e->bases.count);
}

const lset *venum_vertex_set(const venum *e) { return &e->verts; }
size_t venum_nbases(const venum *e) { return e->bases.count; }
long venum_npivots(const venum *e) { return e->pivots; }
vdict_width venum_width(const venum *e) { return e->v->width; }

void venum_result_free(venum_result *r)
{
    if (r)
        lset_free(&r->vertices);
}

brink_status venum_vertices(int k, int d, const mpz_t *m, const venum_opts *o,
                            venum_result *out, brink_error *err)
{
    memset(out, 0, sizeof *out);
    venum *e = venum_new(k, d, m, o ? o->force_width : 0, err);
    if (!e)
        return err ? err->code : BRINK_ENOMEM;
    brink_status st = BRINK_OK;
    int done = 0;
    while (!done) {
        st = venum_step(e, VENUM_CHECK_EVERY, &done, err);
        if (st != BRINK_OK)
            break;
        size_t nb = venum_nbases(e);
        if (!done && o && o->max_bases > 0 && nb > (size_t)o->max_bases) {
            st = brink_error_set(err, BRINK_ETOOBIG, "vertex enumeration: more than %ld bases",
                                 o->max_bases);
            break;
        }
        if (!done && o && o->should_stop && o->should_stop(o->ctx, nb)) {
            st = brink_error_set(err, BRINK_ENOCONVERGE,
                                 "vertex enumeration stopped after %zu bases", nb);
            break;
        }
    }
    out->nvar = k + d;
    out->nbases = venum_nbases(e);
    out->pivots = venum_npivots(e);
    out->width = venum_width(e);
    if (st == BRINK_OK) {
        out->vertices = e->verts; /* take ownership */
        memset(&e->verts, 0, sizeof e->verts);
    }
    venum_free(e);
    return st;
}
