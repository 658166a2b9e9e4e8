/* bienum.h — all extreme Nash equilibria of a bimatrix game, exactly (private).
 *
 * Method (Avis, Rosenberg, Savani, von Stengel 2010, with a race): the vertices of the two
 * best-response polytopes P and Q (bimatrix.h) are enumerated side by side in slices; the
 * first search to finish wins. For each vertex of the winner its partner is found by solving
 * one small linear system (ksolve.h): in a nondegenerate vertex the complementary labels
 * determine the partner. Degenerate vertices, and singular systems, are matched instead
 * against the complete vertex list of the other polytope (whose search is then finished):
 * every vertex carrying all the missing labels is a partner. The result is every pair of
 * extreme points (x, y) that is an equilibrium, with x and y numbered separately so that
 * maximal convex sets (cliques.h) can be formed.
 */
#ifndef BRINK_SOLVE_BIENUM_H
#define BRINK_SOLVE_BIENUM_H

#include <stddef.h>
#include <gmp.h>
#include "solve/enum/bimatrix.h"
#include "solve/enum/vdict.h"

typedef struct bienum_opts {
    long max_bases;      /* per polytope; beyond it BRINK_ETOOBIG. 0 = no limit */
    int force_width;     /* vdict arithmetic override (tests); 0 = automatic */
    int which;           /* 0: race P and Q; 1: search P; 2: search Q */
    size_t slice;        /* bases per turn in the race; 0 = default */
    int no_filter;       /* 1: decide every partner system exactly (tests) */
    /* Polled between slices; nonzero stops with BRINK_ENOCONVERGE. */
    int (*should_stop)(void *ctx, size_t nbases);
    void *ctx;
} bienum_opts;

typedef struct bienum_result {
    int m, n;
    int nx, ny;          /* distinct extreme strategies that occur in equilibria */
    mpq_t *x;            /* [nx * m] probabilities */
    mpq_t *y;            /* [ny * n] */
    int npairs;          /* extreme equilibria: (x[px[e]], y[py[e]]) */
    int *px, *py;
    /* statistics */
    int searched;        /* 1 = P, 2 = Q: the polytope searched to the end first */
    int both;            /* 1 when degeneracy made the other search run to the end too */
    size_t nvert[2], nbases[2];
    long pivots[2];
    vdict_width width[2];
    long fast, slow;     /* winner vertices matched by a solve / by label lookup */
    long filtered, exact;
} bienum_result;

brink_status bienum_run(const bimatrix *bm, const bienum_opts *o, bienum_result *out,
                        brink_error *err);
void bienum_result_free(bienum_result *r);

/* Upper bound theorem: most vertices a d-polytope with f facets can have (doubles). */
double bienum_ubt(int d, int f);

#endif
