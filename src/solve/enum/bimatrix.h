/* bimatrix.h — a 2-player strategic game as two positive integer matrices (private).
 *
 * Player 1 (rows, m strategies) gets a[i*n + j], player 2 (columns, n strategies) b[i*n + j].
 * From an nfg each player's payoffs are multiplied by the lcm of their denominators and shifted
 * so the smallest is 1: a positive affine map per player, which leaves the Nash equilibria
 * unchanged. Positive payoffs make the best-response polytopes
 *     P = {x in R^m : x >= 0, B^T x <= 1},   Q = {y in R^n : y >= 0, A y <= 1}
 * bounded, the setting of vdict/venum. bt is the transpose of b (n x m), the matrix of P.
 *
 * Labels (von Stengel): 0..m-1 are player 1's strategies, m..m+n-1 player 2's. x has label i
 * when x_i = 0 and label m+j when column j is a best response (B^T x)_j = 1; y has label j+m
 * when y_j = 0 and label i when (A y)_i = 1. (x, y) != 0 is an equilibrium (after scaling to
 * probabilities) iff every label is a label of x or of y.
 */
#ifndef BRINK_SOLVE_BIMATRIX_H
#define BRINK_SOLVE_BIMATRIX_H

#include <gmp.h>
#include "brink/nfg.h"

typedef struct bimatrix {
    int m, n;
    mpz_t *a;    /* [m * n] read-only views (never write to or clear them) */
    mpz_t *b;    /* [m * n] */
    mpz_t *bt;   /* [n * m], sharing b's limbs */
    mp_limb_t *limbs; /* the entries: nlimbs limbs each, a's then b's */
    int nlimbs;
} bimatrix;

/* From a 2-player game (BRINK_EINVALID otherwise). */
brink_status bimatrix_from_nfg(const brink_nfg *g, bimatrix *bm, brink_error *err);
/* From integer matrices (row-major m x n), shifted to be positive the same way. */
brink_status bimatrix_from_longs(int m, int n, const long *a, const long *b, bimatrix *bm,
                                 brink_error *err);
void bimatrix_free(bimatrix *bm);

#endif
