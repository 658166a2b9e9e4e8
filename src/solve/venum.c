/* venum.c — vertex enumeration by depth-first search over perturbed bases (see venum.h).
 *
 * Each basis is entered once (the hash set of nonbasic sets guarantees it); from it every
 * nonbasic column is tried, the lexicographic ratio test gives the neighbouring basis, and
 * unseen neighbours are entered by a pivot and left by pivoting back on the same element,
 * which restores the exact dictionary. Work: about d ratio tests and two pivots per basis.
 */
#include "venum.h"

#include <stdlib.h>
#include <string.h>

typedef struct frame {
    int next_col;  /* next column to try from this basis */
    int pr, pc;    /* pivot that entered this basis (-1 at the root) */
} frame;

enum { VENUM_CHECK_EVERY = 4096 };

void venum_result_free(venum_result *r)
{
    if (r)
        lset_free(&r->vertices);
}

/* Record the vertex of the current basis; labels is scratch of `words` words. */
static int record_vertex(const vdict *v, const uint64_t *basis_key, uint64_t *labels,
                         int words, lset *verts)
{
    memcpy(labels, basis_key, sizeof(uint64_t) * (size_t)words);
    for (int r = 0; r < v->k; r++)
        if (vdict_rhs_sign(v, r) == 0)
            bits_set(labels, v->row_var[r]);
    return lset_insert(verts, labels, NULL) < 0 ? -1 : 0;
}

brink_status venum_vertices(int k, int d, const mpz_t *m, const venum_opts *o,
                            venum_result *out, brink_error *err)
{
    memset(out, 0, sizeof *out);
    for (int c = 0; c < d; c++) {
        int pos = 0;
        for (int r = 0; r < k && !pos; r++)
            pos = mpz_sgn(m[(size_t)r * d + c]) > 0;
        if (!pos)
            return brink_error_set(err, BRINK_EINVALID,
                                   "vertex enumeration: column %d has no positive entry "
                                   "(unbounded polytope)", c);
    }
    vdict *v = vdict_new(k, d, m, o ? o->force_width : 0, err);
    if (!v)
        return err ? err->code : BRINK_ENOMEM;
    out->nvar = k + d;
    out->width = v->width;
    int words = (out->nvar + 63) / 64;
    brink_status st = BRINK_OK;
    lset bases;
    int have_bases = lset_init(&bases, words) == 0;
    int have_verts = lset_init(&out->vertices, words) == 0;
    uint64_t *key = calloc((size_t)words * 2, sizeof(uint64_t));
    size_t fcap = 256, depth = 0;
    frame *stack = malloc(sizeof(frame) * fcap);
    if (!have_bases || !have_verts || !key || !stack) {
        st = brink_error_set(err, BRINK_ENOMEM, "vertex enumeration: out of memory");
        goto done;
    }
    uint64_t *labels = key + words;
    for (int c = 0; c < d; c++)
        bits_set(key, v->col_var[c]);
    if (lset_insert(&bases, key, NULL) < 0 || record_vertex(v, key, labels, words, &out->vertices))
        goto oom;
    stack[depth++] = (frame){0, -1, -1};
    while (depth > 0) {
        frame *f = &stack[depth - 1];
        if (f->next_col == d) {
            if (f->pr >= 0) {
                bits_clear(key, v->col_var[f->pc]);
                bits_set(key, v->row_var[f->pr]);
                vdict_pivot(v, f->pr, f->pc);
                out->pivots++;
            }
            depth--;
            continue;
        }
        int c = f->next_col++;
        if (c == f->pc)
            continue; /* that edge leads back to the parent */
        int r = vdict_ratio(v, c);
        if (r < 0) {
            st = brink_error_set(err, BRINK_EINTERNAL,
                                 "vertex enumeration: unbounded edge in a bounded polytope");
            goto done;
        }
        int enter = v->col_var[c], leave = v->row_var[r];
        bits_clear(key, enter);
        bits_set(key, leave);
        int ins = lset_insert(&bases, key, NULL);
        if (ins <= 0) {
            bits_set(key, enter);
            bits_clear(key, leave);
            if (ins < 0)
                goto oom;
            continue;
        }
        vdict_pivot(v, r, c);
        out->pivots++;
        if (record_vertex(v, key, labels, words, &out->vertices))
            goto oom;
        if (depth == fcap) {
            frame *ns = realloc(stack, sizeof(frame) * fcap * 2);
            if (!ns)
                goto oom;
            stack = ns;
            fcap *= 2;
        }
        stack[depth++] = (frame){0, r, c};
        if (bases.count % VENUM_CHECK_EVERY == 0) {
            if (o && o->max_bases > 0 && bases.count > (size_t)o->max_bases) {
                st = brink_error_set(err, BRINK_ETOOBIG,
                                     "vertex enumeration: more than %ld bases", o->max_bases);
                goto done;
            }
            if (o && o->should_stop && o->should_stop(o->ctx, bases.count)) {
                st = brink_error_set(err, BRINK_ENOCONVERGE,
                                     "vertex enumeration stopped after %zu bases", bases.count);
                goto done;
            }
        }
    }
    goto done;
oom:
    st = brink_error_set(err, BRINK_ENOMEM, "vertex enumeration: out of memory after %zu bases",
                         bases.count);
done:
    out->nbases = have_bases ? bases.count : 0;
    if (have_bases)
        lset_free(&bases);
    free(stack);
    free(key);
    vdict_free(v);
    if (st != BRINK_OK)
        venum_result_free(out);
    return st;
}
