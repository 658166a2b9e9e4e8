/* cn_solve.c — Gauss-Jordan elimination over Q(t) for the continuation (see cn_int.h).
 *
 * Pivots are chosen among entries that are non-zero at the sample point x0, so the
 * elimination is the one an exact solve at x0 would do, carried out on rational functions:
 * the solution agrees with the sample's at x0 and is valid wherever its denominators do not
 * vanish (the callers' positivity conditions exclude those points).
 */
#include "analysis/cn_int.h"

#include <stdlib.h>

int cn_rf_solve(cn_game *G, rf *A, int rows, int n, const mpq_t x0, const mpq_t *xfree,
                rf *sol, pcset *conds, int tag, int h, int a, int b, int *bad)
{
    size_t W = (size_t)n + 1;
    int *pivcol = brink_calloc((size_t)rows + 1, sizeof *pivcol);
    int *isfree = brink_calloc((size_t)n + 1, sizeof *isfree);
    mpq_t tmp;
    mpq_init(tmp);
    int rc = -1, row = 0;
    if (!pivcol || !isfree)
        goto out;
    for (int j = 0; j < n; j++) {
        int p = -1;
        for (int i = row; i < rows && p < 0; i++)
            if (cn_sign_at(&A[(size_t)i * W + (size_t)j], x0, tmp) != 0)
                p = i;
        if (p < 0) {
            isfree[j] = 1;
            continue;
        }
        if (p != row)
            for (size_t c = 0; c < W; c++) {
                rf t = A[(size_t)p * W + c];
                A[(size_t)p * W + c] = A[(size_t)row * W + c];
                A[(size_t)row * W + c] = t;
            }
        rf *prow = &A[(size_t)row * W];
        if (rf_set(&G->t3, &prow[j]))
            goto out;
        for (size_t c = 0; c < W; c++)
            if (!rf_is_zero(&prow[c]) && rf_div(&prow[c], &prow[c], &G->t3))
                goto out;
        for (int i = 0; i < rows; i++) {
            if (i == row)
                continue;
            rf *r = &A[(size_t)i * W];
            if (rf_is_zero(&r[j]))
                continue;
            if (rf_set(&G->t3, &r[j]))
                goto out;
            for (size_t c = 0; c < W; c++)
                if (!rf_is_zero(&prow[c]) &&
                    (rf_mul(&G->t1, &G->t3, &prow[c]) || rf_sub(&r[c], &r[c], &G->t1)))
                    goto out;
        }
        pivcol[row++] = j;
    }
    for (int j = 0; j < n; j++)
        if (isfree[j]) {
            if (!xfree) {
                *bad = 1;
                if (rf_set_si(&sol[j], 0))
                    goto out;
            } else if (rf_set_q(&sol[j], xfree[j])) {
                goto out;
            }
        }
    for (int i = 0; i < rows; i++) {
        rf *r = &A[(size_t)i * W];
        if (rf_set(&G->t2, &r[n]))
            goto out;
        for (int j = 0; j < n; j++)
            if (isfree[j] && !rf_is_zero(&r[j]))
                if (rf_mul(&G->t1, &r[j], &sol[j]) || rf_sub(&G->t2, &G->t2, &G->t1))
                    goto out;
        if (i < row) {
            if (rf_set(&sol[pivcol[i]], &G->t2))
                goto out;
        } else if (!rf_is_zero(&G->t2)) {
            /* a dependent equation: it holds only where its residual vanishes */
            if (cn_push_cond(G, conds, &G->t2, PC_ZERO, tag, h, a, b, bad))
                goto out;
        }
    }
    rc = 0;
out:
    free(pivcol);
    free(isfree);
    mpq_clear(tmp);
    return rc;
}
