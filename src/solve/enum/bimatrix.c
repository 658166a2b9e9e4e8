/* bimatrix.c — 2-player games as positive integer matrices (see bimatrix.h).
 *
 * Storage: the entries' limbs live in one buffer, a fixed number of limbs per entry, and the
 * mpz_t arrays are read-only views of it (mpz_roinit_n): building a 200 x 200 game costs no
 * allocation per entry, and the transpose bt shares the limbs of b. Views must never be
 * written to or cleared.
 */
#include "solve/enum/bimatrix.h"

#include <stdlib.h>
#include <string.h>

void bimatrix_free(bimatrix *bm)
{
    if (!bm)
        return;
    free(bm->a);
    free(bm->b);
    free(bm->bt);
    free(bm->limbs);
    bm->a = bm->b = bm->bt = NULL;
    bm->limbs = NULL;
}

/* Source of the payoffs: an nfg or two tables of longs. */
typedef struct source {
    const brink_nfg *g;
    const long *ab[2];
    int m, n;
    mpz_t scale[2]; /* lcm of each player's denominators */
} source;

/* Payoff of player p at (i, j) times the player's scale, as an integer. */
static void raw_value(const source *src, int p, int i, int j, mpz_t out)
{
    if (!src->g) {
        mpz_set_si(out, src->ab[p][(size_t)i * src->n + j]);
        return;
    }
    const mpq_t *v = &src->g->payq[((size_t)i + (size_t)src->m * j) * 2 + p];
    if (mpz_cmp_ui(mpq_denref(*v), 1) == 0) {
        mpz_mul(out, mpq_numref(*v), src->scale[p]);
    } else {
        mpz_divexact(out, src->scale[p], mpq_denref(*v));
        mpz_mul(out, out, mpq_numref(*v));
    }
}

/* Fast path: a player whose payoffs are all integers fitting in a long, with a range that
 * fits in 62 bits, gets one-limb entries computed without GMP arithmetic. Returns 1 if taken. */
static int small_ints(const source *src, int p, long *lo)
{
    if (sizeof(mp_limb_t) < 8 || sizeof(long) < 8)
        return 0;
    long mn = 0, mx = 0;
    for (int i = 0; i < src->m; i++)
        for (int j = 0; j < src->n; j++) {
            long x;
            if (src->g) {
                const mpq_t *v = &src->g->payq[((size_t)i + (size_t)src->m * j) * 2 + p];
                if (mpz_cmp_ui(mpq_denref(*v), 1) != 0 || !mpz_fits_slong_p(mpq_numref(*v)))
                    return 0;
                x = mpz_get_si(mpq_numref(*v));
            } else {
                x = src->ab[p][(size_t)i * src->n + j];
            }
            if (x < -((long)1 << 60) || x > ((long)1 << 60))
                return 0;
            if ((i == 0 && j == 0) || x < mn)
                mn = x;
            if ((i == 0 && j == 0) || x > mx)
                mx = x;
        }
    *lo = mn;
    return 1;
}

static long small_value(const source *src, int p, int i, int j)
{
    if (src->g)
        return mpz_get_si(mpq_numref(src->g->payq[((size_t)i + (size_t)src->m * j) * 2 + p]));
    return src->ab[p][(size_t)i * src->n + j];
}

static brink_status build(source *src, bimatrix *bm, brink_error *err)
{
    int m = src->m, n = src->n;
    size_t cells = (size_t)m * n;
    memset(bm, 0, sizeof *bm);
    bm->m = m;
    bm->n = n;
    brink_status st = BRINK_OK;
    mpz_t v, shift[2], top;
    mpz_inits(v, shift[0], shift[1], top, NULL);
    /* Pass 1: each player's minimum (the shift makes it 1) and the largest entry's size. */
    size_t limbs = 1;
    long lo[2];
    int small[2];
    for (int p = 0; p < 2; p++) {
        small[p] = small_ints(src, p, &lo[p]);
        if (small[p])
            continue; /* every entry fits one limb */
        /* one pass for the least and the largest entry: every shifted entry lies in
         * [1, top - shift], so the largest has the most limbs */
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                raw_value(src, p, i, j, v);
                if ((i == 0 && j == 0) || mpz_cmp(v, shift[p]) < 0)
                    mpz_set(shift[p], v);
                if ((i == 0 && j == 0) || mpz_cmp(v, top) > 0)
                    mpz_set(top, v);
            }
        mpz_sub_ui(shift[p], shift[p], 1);
        mpz_sub(top, top, shift[p]);
        if (mpz_size(top) > limbs)
            limbs = mpz_size(top);
    }
    bm->nlimbs = (int)limbs;
    bm->limbs = calloc(2 * cells * limbs, sizeof(mp_limb_t));
    bm->a = malloc(sizeof(mpz_t) * (cells ? cells : 1));
    bm->b = malloc(sizeof(mpz_t) * (cells ? cells : 1));
    bm->bt = malloc(sizeof(mpz_t) * (cells ? cells : 1));
    if (!bm->limbs || !bm->a || !bm->b || !bm->bt) {
        bimatrix_free(bm);
        st = brink_error_set(err, BRINK_ENOMEM, "bimatrix: out of memory (%d x %d)", m, n);
        goto out;
    }
    /* Pass 2: store the limbs and make the views. */
    for (int p = 0; p < 2; p++) {
        mp_limb_t *base = bm->limbs + (size_t)p * cells * limbs;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                size_t e = (size_t)i * n + j;
                mp_limb_t *dst = base + e * limbs;
                size_t sz = 1;
                if (small[p]) {
                    dst[0] = (mp_limb_t)(small_value(src, p, i, j) - lo[p] + 1);
                } else {
                    raw_value(src, p, i, j, v);
                    mpz_sub(v, v, shift[p]);
                    sz = mpz_size(v);
                    for (size_t l = 0; l < sz; l++)
                        dst[l] = mpz_getlimbn(v, (mp_size_t)l);
                }
                mpz_t *view = p == 0 ? &bm->a[e] : &bm->b[e];
                mpz_roinit_n(*view, dst, (mp_size_t)sz);
                if (p == 1)
                    mpz_roinit_n(bm->bt[(size_t)j * m + i], dst, (mp_size_t)sz);
            }
    }
out:
    mpz_clears(v, shift[0], shift[1], top, NULL);
    return st;
}

brink_status bimatrix_from_nfg(const brink_nfg *g, bimatrix *bm, brink_error *err)
{
    memset(bm, 0, sizeof *bm);
    if (!g || g->nplayers != 2)
        return brink_error_set(err, BRINK_EINVALID,
                               "this method needs a 2-player game (the game has %d players)",
                               g ? g->nplayers : 0);
    int m = g->nstrats[0], n = g->nstrats[1];
    if (m < 1 || n < 1)
        return brink_error_set(err, BRINK_EINVALID, "a player has no strategies (%d x %d)", m,
                               n);
    source src;
    memset(&src, 0, sizeof src);
    src.g = g;
    src.m = m;
    src.n = n;
    mpz_inits(src.scale[0], src.scale[1], NULL);
    for (int p = 0; p < 2; p++) {
        mpz_set_ui(src.scale[p], 1);
        for (size_t c = 0; c < g->ncells; c++) {
            mpz_srcptr den = mpq_denref(g->payq[c * 2 + p]);
            if (mpz_cmp_ui(den, 1) != 0 && !mpz_divisible_p(src.scale[p], den))
                mpz_lcm(src.scale[p], src.scale[p], den);
        }
    }
    brink_status st = build(&src, bm, err);
    mpz_clears(src.scale[0], src.scale[1], NULL);
    return st;
}

brink_status bimatrix_from_longs(int m, int n, const long *a, const long *b, bimatrix *bm,
                                 brink_error *err)
{
    memset(bm, 0, sizeof *bm);
    if (m < 1 || n < 1)
        return brink_error_set(err, BRINK_EINVALID, "a player has no strategies (%d x %d)", m,
                               n);
    source src;
    memset(&src, 0, sizeof src);
    src.ab[0] = a;
    src.ab[1] = b;
    src.m = m;
    src.n = n;
    mpz_inits(src.scale[0], src.scale[1], NULL);
    brink_status st = build(&src, bm, err);
    mpz_clears(src.scale[0], src.scale[1], NULL);
    return st;
}
