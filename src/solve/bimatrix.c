/* bimatrix.c — 2-player games as positive integer matrices (see bimatrix.h). */
#include "bimatrix.h"

#include <stdlib.h>

void bimatrix_free(bimatrix *bm)
{
    if (!bm)
        return;
    size_t n = (size_t)bm->m * bm->n;
    mpz_t *arr[3] = {bm->a, bm->b, bm->bt};
    for (int k = 0; k < 3; k++) {
        if (!arr[k])
            continue;
        for (size_t i = 0; i < n; i++)
            mpz_clear(arr[k][i]);
        free(arr[k]);
    }
    bm->a = bm->b = bm->bt = NULL;
}

static mpz_t *zarray(size_t n)
{
    mpz_t *z = malloc(sizeof(mpz_t) * (n ? n : 1));
    if (z)
        for (size_t i = 0; i < n; i++)
            mpz_init(z[i]);
    return z;
}

static brink_status alloc_bm(int m, int n, bimatrix *bm, brink_error *err)
{
    bm->m = m;
    bm->n = n;
    size_t cells = (size_t)m * n;
    bm->a = zarray(cells);
    bm->b = zarray(cells);
    bm->bt = zarray(cells);
    if (!bm->a || !bm->b || !bm->bt) {
        /* partial arrays are fully initialised, so bimatrix_free can clear them */
        bimatrix_free(bm);
        return brink_error_set(err, BRINK_ENOMEM, "bimatrix: out of memory (%d x %d)", m, n);
    }
    return BRINK_OK;
}

/* Shift x (n entries) so its minimum is 1. */
static void shift_positive(mpz_t *x, size_t n)
{
    mpz_t mn;
    mpz_init_set(mn, x[0]);
    for (size_t i = 1; i < n; i++)
        if (mpz_cmp(x[i], mn) < 0)
            mpz_set(mn, x[i]);
    mpz_sub_ui(mn, mn, 1);
    for (size_t i = 0; i < n; i++)
        mpz_sub(x[i], x[i], mn);
    mpz_clear(mn);
}

static void fill_transpose(bimatrix *bm)
{
    shift_positive(bm->a, (size_t)bm->m * bm->n);
    shift_positive(bm->b, (size_t)bm->m * bm->n);
    for (int i = 0; i < bm->m; i++)
        for (int j = 0; j < bm->n; j++)
            mpz_set(bm->bt[(size_t)j * bm->m + i], bm->b[(size_t)i * bm->n + j]);
}

brink_status bimatrix_from_nfg(const brink_nfg *g, bimatrix *bm, brink_error *err)
{
    bm->a = bm->b = bm->bt = NULL;
    if (!g || g->nplayers != 2)
        return brink_error_set(err, BRINK_EINVALID,
                               "this method needs a 2-player game (the game has %d players)",
                               g ? g->nplayers : 0);
    int m = g->nstrats[0], n = g->nstrats[1];
    if (m < 1 || n < 1)
        return brink_error_set(err, BRINK_EINVALID, "a player has no strategies (%d x %d)", m,
                               n);
    brink_status st = alloc_bm(m, n, bm, err);
    if (st != BRINK_OK)
        return st;
    mpz_t lcm;
    mpz_init(lcm);
    for (int p = 0; p < 2; p++) {
        mpz_t *dst = p == 0 ? bm->a : bm->b;
        mpz_set_ui(lcm, 1);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                mpz_lcm(lcm, lcm, mpq_denref(g->payq[((size_t)i + (size_t)m * j) * 2 + p]));
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                const mpq_t *v = &g->payq[((size_t)i + (size_t)m * j) * 2 + p];
                mpz_divexact(dst[(size_t)i * n + j], lcm, mpq_denref(*v));
                mpz_mul(dst[(size_t)i * n + j], dst[(size_t)i * n + j], mpq_numref(*v));
            }
    }
    mpz_clear(lcm);
    fill_transpose(bm);
    return BRINK_OK;
}

brink_status bimatrix_from_longs(int m, int n, const long *a, const long *b, bimatrix *bm,
                                 brink_error *err)
{
    bm->a = bm->b = bm->bt = NULL;
    if (m < 1 || n < 1)
        return brink_error_set(err, BRINK_EINVALID, "a player has no strategies (%d x %d)", m,
                               n);
    brink_status st = alloc_bm(m, n, bm, err);
    if (st != BRINK_OK)
        return st;
    for (size_t i = 0; i < (size_t)m * n; i++) {
        mpz_set_si(bm->a[i], a[i]);
        mpz_set_si(bm->b[i], b[i]);
    }
    fill_transpose(bm);
    return BRINK_OK;
}
