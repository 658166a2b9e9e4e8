/* venum.h — all vertices of a polytope {z >= 0 : M z <= 1} (private).
 *
 * Depth-first search over the feasible bases of the lexicographically perturbed polytope
 * (which is simple, so its graph is connected and every vertex of the original polytope is
 * the image of at least one of its bases), with a hash set of the bases already seen and exact
 * pivoting back on the way up. Every vertex is reported once, by its label set: the variables
 * that are zero there (nonbasic ones and degenerate basic ones), variable v < d being z_v and
 * d + q being the slack of row q. A label set determines its vertex.
 *
 * M must be nonnegative with a positive entry in every column (so the polytope is bounded).
 */
#ifndef BRINK_SOLVE_VENUM_H
#define BRINK_SOLVE_VENUM_H

#include <stddef.h>
#include <gmp.h>
#include "brink/error.h"
#include "solve/enum/lset.h"
#include "solve/enum/vdict.h"

typedef struct venum_opts {
    long max_bases;      /* stop with BRINK_ETOOBIG beyond this many bases; 0 = no limit */
    int force_width;     /* vdict width override (tests); 0 = automatic */
    /* Called every few thousand bases; return nonzero to stop with BRINK_ENOCONVERGE. */
    int (*should_stop)(void *ctx, size_t nbases);
    void *ctx;
} venum_opts;

/* ---- Iterator: the search can be advanced in slices (GSL style: init / iterate / free),
 * so a caller can run two enumerations side by side and keep the one that ends first. ---- */
typedef struct venum venum;

/* Prepare the search of {z >= 0 : M z <= 1}, M k x d row-major (copied). */
venum *venum_new(int k, int d, const mpz_t *m, int force_width, brink_error *err);
void venum_free(venum *e); /* NULL is a no-op */
/* Visit up to `budget` more bases (0 = until the end). *done = 1 when the search is complete.
 * Errors: BRINK_ENOMEM, BRINK_EINTERNAL (unbounded edge). */
brink_status venum_step(venum *e, size_t budget, int *done, brink_error *err);
/* Label sets found so far (discovery order); stable while the search is not advanced. */
const lset *venum_vertex_set(const venum *e);
size_t venum_nbases(const venum *e);
long venum_npivots(const venum *e);
vdict_width venum_width(const venum *e);

/* ---- One-shot convenience ---- */
typedef struct venum_result {
    int nvar;            /* d + k */
    lset vertices;       /* label sets, words = ceil(nvar / 64), in discovery order */
    size_t nbases;       /* bases of the perturbed polytope visited */
    long pivots;
    vdict_width width;   /* arithmetic used */
} venum_result;

brink_status venum_vertices(int k, int d, const mpz_t *m, const venum_opts *o,
                            venum_result *out, brink_error *err);
void venum_result_free(venum_result *r);

#endif
