/* test_bienum.c — extreme equilibria of bimatrix games (src/solve/enum/bienum.c).
 *
 * Three independent references: textbook games with known equilibria; a brute-force oracle
 * (all vertices of P and Q by trying every tight set, then every complementary pair); and
 * lrsnash on random games, nondegenerate and degenerate, sizes 2x2 .. 12x12 (skipped with a
 * visible message when lrsnash is not installed). Every search order (race, P, Q), the exact
 * path without the floating filter, and GMP arithmetic must give the same set.
 */
#include "check.h"
#include "brute_vertices.h"
#include "lrsnash_ref.h"
#include "solve/enum/bienum.h"
#include "solve/enum/ksolve.h"

#include <stdint.h>

static uint64_t rng_state = 2024;
static long rnd(long lo, long hi)
{
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
    return lo + (long)((rng_state >> 33) % (uint64_t)(hi - lo + 1));
}

static void result_set(const bienum_result *r, eqset *out)
{
    memset(out, 0, sizeof *out);
    size_t sz = (size_t)(r->m + r->n + 2) * 256;
    char *buf = malloc(sz);
    for (int e = 0; e < r->npairs; e++) {
        buf[0] = 0;
        eqset_put_vec(buf, sz, r->x + (size_t)r->px[e] * r->m, r->m);
        strncat(buf, " | ", sz - strlen(buf) - 1);
        eqset_put_vec(buf, sz, r->y + (size_t)r->py[e] * r->n, r->n);
        eqset_add(out, buf);
    }
    free(buf);
    int n = out->count;
    eqset_finish(out);
    CHECK_MSG(out->count == n, "duplicate equilibria reported (%d -> %d)", n, out->count);
}

static int solve_set(int m, int n, const long *a, const long *b, const bienum_opts *o,
                     eqset *out, bienum_result *stats)
{
    bimatrix bm;
    brink_error err;
    if (bimatrix_from_longs(m, n, a, b, &bm, &err) != BRINK_OK)
        return -1;
    bienum_result r;
    brink_status st = bienum_run(&bm, o, &r, &err);
    bimatrix_free(&bm);
    if (st != BRINK_OK) {
        fprintf(stderr, "bienum: %s\n", err.message);
        return -1;
    }
    result_set(&r, out);
    if (stats)
        *stats = r, stats->x = stats->y = NULL, stats->px = stats->py = NULL;
    bienum_result_free(&r);
    return 0;
}

/* Oracle: brute-force vertices of both polytopes, every complementary pair. */
static void brute_set(int m, int n, const long *a, const long *b, eqset *out)
{
    bimatrix bm;
    brink_error err;
    bimatrix_from_longs(m, n, a, b, &bm, &err);
    lset vp, vq;
    brute_vertices(n, m, (const mpz_t *)bm.bt, &vp); /* P: vars x_i = label i */
    brute_vertices(m, n, (const mpz_t *)bm.a, &vq);  /* Q: vars y_j = label m+j */
    memset(out, 0, sizeof *out);
    int nl = m + n;
    mpq_t *x = malloc(sizeof(mpq_t) * (size_t)(m + n));
    mpq_t *y = x + m;
    for (int i = 0; i < m + n; i++)
        mpq_init(x[i]);
    char buf[4096];
    for (size_t i = 0; i < vp.count; i++) {
        const uint64_t *lp = lset_key(&vp, i);
        for (size_t j = 0; j < vq.count; j++) {
            const uint64_t *lq = lset_key(&vq, j);
            uint64_t all = 0;
            all |= lp[0];
            for (int v = 0; v < nl; v++) /* Q's index v is game label (v + m) mod nl */
                if (bits_get(lq, v))
                    all |= (uint64_t)1 << ((v + m) % nl);
            if (all != (nl == 64 ? ~(uint64_t)0 : ((uint64_t)1 << nl) - 1))
                continue;
            int x0 = 1, y0 = 1;
            for (int v = 0; v < m; v++)
                x0 &= bits_get(lp, v);
            for (int v = 0; v < n; v++)
                y0 &= bits_get(lq, v);
            if (x0 || y0)
                continue;
            ksolve_tight_point((const mpz_t *)bm.bt, n, m, lp, x);
            ksolve_tight_point((const mpz_t *)bm.a, m, n, lq, y);
            mpq_t s;
            mpq_init(s);
            for (int v = 0; v < m; v++)
                mpq_add(s, s, x[v]);
            for (int v = 0; v < m; v++)
                mpq_div(x[v], x[v], s);
            mpq_set_ui(s, 0, 1);
            for (int v = 0; v < n; v++)
                mpq_add(s, s, y[v]);
            for (int v = 0; v < n; v++)
                mpq_div(y[v], y[v], s);
            mpq_clear(s);
            buf[0] = 0;
            eqset_put_vec(buf, sizeof buf, x, m);
            strncat(buf, " | ", sizeof buf - strlen(buf) - 1);
            eqset_put_vec(buf, sizeof buf, y, n);
            eqset_add(out, buf);
        }
    }
    for (int i = 0; i < m + n; i++)
        mpq_clear(x[i]);
    free(x);
    lset_free(&vp);
    lset_free(&vq);
    bimatrix_free(&bm);
    eqset_finish(out);
}

static void print_set(const char *what, const eqset *s)
{
    fprintf(stderr, "  %s (%d):\n", what, s->count);
    for (int i = 0; i < s->count && i < 20; i++)
        fprintf(stderr, "    %s\n", s->items[i]);
}

static int expect(int m, int n, const long *a, const long *b, const char *const *want, int nwant)
{
    eqset got, exp = {0, 0, NULL};
    if (solve_set(m, n, a, b, NULL, &got, NULL) != 0) {
        CHECK(0);
        return 0;
    }
    for (int i = 0; i < nwant; i++)
        eqset_add(&exp, want[i]);
    eqset_finish(&exp);
    int eq = eqset_equal(&got, &exp);
    CHECK(eq);
    if (!eq) {
        print_set("got", &got);
        print_set("expected", &exp);
    }
    eqset_free(&got);
    eqset_free(&exp);
    return eq;
}

static void test_textbook(void)
{
    /* Prisoners' dilemma: only (defect, defect). */
    long pa[] = {3, 0, 5, 1}, pb[] = {3, 5, 0, 1};
    const char *pd[] = {"0 1 | 0 1"};
    expect(2, 2, pa, pb, pd, 1);
    /* Battle of the sexes: two pure, one mixed. */
    long ba[] = {2, 0, 0, 1}, bb[] = {1, 0, 0, 2};
    const char *bos[] = {"1 0 | 1 0", "0 1 | 0 1", "2/3 1/3 | 1/3 2/3"};
    expect(2, 2, ba, bb, bos, 3);
    /* Matching pennies. */
    long ma[] = {1, -1, -1, 1}, mb[] = {-1, 1, 1, -1};
    const char *mp[] = {"1/2 1/2 | 1/2 1/2"};
    expect(2, 2, ma, mb, mp, 1);
    /* Rock-paper-scissors. */
    long ra[] = {0, -1, 1, 1, 0, -1, -1, 1, 0}, rb[9];
    for (int i = 0; i < 9; i++)
        rb[i] = -ra[i];
    const char *rps[] = {"1/3 1/3 1/3 | 1/3 1/3 1/3"};
    expect(3, 3, ra, rb, rps, 1);
    /* The lrsnash(1) manual example: 3 equilibria. */
    long la[] = {0, 6, 2, 5, 3, 3}, lb[] = {1, 0, 0, 2, 4, 3};
    const char *lrs[] = {"2/3 1/3 0 | 1/3 2/3", "0 1/3 2/3 | 2/3 1/3", "0 0 1 | 1 0"};
    expect(3, 2, la, lb, lrs, 3);
    /* Degenerate 2x2 with a segment of equilibria: player 2 indifferent between columns
     * when player 1 plays row 1; (row 1, any y with y_1 >= 1/2) are equilibria. */
    long da[] = {1, 0, 0, 1}, db[] = {1, 1, 0, 2};
    /* extreme points: x=(1,0) with y=(1,0) and y=(1/2,1/2); and (0,1),(0,1). */
    const char *deg[] = {"1 0 | 1 0", "1 0 | 1/2 1/2", "0 1 | 0 1"};
    expect(2, 2, da, db, deg, 3);
    /* All payoffs equal: every profile is an equilibrium; extreme points = pure pairs. */
    long za[] = {1, 1, 1, 1}, zb[] = {1, 1, 1, 1};
    const char *zero[] = {"1 0 | 1 0", "1 0 | 0 1", "0 1 | 1 0", "0 1 | 0 1"};
    expect(2, 2, za, zb, zero, 4);
}

static void compare_modes(int m, int n, const long *a, const long *b, const eqset *ref,
                          const char *what)
{
    bienum_opts modes[8];
    memset(modes, 0, sizeof modes);
    modes[1].which = 1;
    modes[2].which = 2;
    modes[3].no_filter = 1;
    modes[4].force_width = -1;
    modes[4].slice = 7;
    modes[5].force_width = 129;
    modes[5].which = 1;
    modes[6].force_width = VDICT_WIDE;
    modes[7].force_width = 2;
    modes[7].which = 2;
    for (int k = 0; k < 8; k++) {
        eqset got;
        if (solve_set(m, n, a, b, &modes[k], &got, NULL) != 0) {
            CHECK_MSG(0, "%s: mode %d failed", what, k);
            continue;
        }
        int eq = eqset_equal(&got, ref);
        CHECK_MSG(eq, "%s %dx%d mode %d: %d equilibria, reference %d", what, m, n, k, got.count,
                  ref->count);
        if (!eq) {
            print_set("brink", &got);
            print_set("reference", ref);
        }
        eqset_free(&got);
    }
}

static int brute_total = 0;

static void test_brute(int trials, long lo, long hi)
{
    for (int t = 0; t < trials; t++) {
        int m = (int)rnd(1, 4), n = (int)rnd(1, 4);
        if (m + n > 8) /* brute force tries C(m+n, m) tight sets per polytope */
            n = 8 - m;
        long a[16], b[16];
        for (int i = 0; i < m * n; i++) {
            a[i] = rnd(lo, hi);
            b[i] = rnd(lo, hi);
        }
        eqset ref;
        brute_set(m, n, a, b, &ref);
        brute_total += ref.count;
        compare_modes(m, n, a, b, &ref, "brute");
        eqset_free(&ref);
    }
}

static void test_lrsnash(void)
{
    if (!lrsnash_available()) {
        printf("SKIP: %s not found; install lrslib (scripts/deps.sh) for the lrsnash "
               "cross-check\n", LRSNASH_PATH);
        return;
    }
    int sizes[][2] = {{2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 6}, {3, 7}, {7, 4}, {8, 8},
                      {9, 9}, {10, 10}, {11, 11}, {12, 12}};
    int ns = (int)(sizeof sizes / sizeof sizes[0]);
    int games = 0, total = 0;
    for (int deg = 0; deg < 2; deg++) {
        for (int s = 0; s < ns; s++) {
            int m = sizes[s][0], n = sizes[s][1];
            int reps = m * n <= 36 ? 6 : 2;
            for (int r = 0; r < reps; r++) {
                long *a = malloc(sizeof(long) * (size_t)m * n);
                long *b = malloc(sizeof(long) * (size_t)m * n);
                /* degenerate: payoffs in a tiny range create ties everywhere */
                long lo = deg ? 0 : -50, hi = deg ? 3 : 99;
                for (int i = 0; i < m * n; i++) {
                    a[i] = rnd(lo, hi);
                    b[i] = rnd(lo, hi);
                }
                eqset ref;
                if (lrsnash_solve(m, n, a, b, &ref) != 0) {
                    CHECK_MSG(0, "lrsnash failed on a %dx%d game", m, n);
                } else {
                    compare_modes(m, n, a, b, &ref, deg ? "lrsnash-degenerate" : "lrsnash");
                    games++;
                    total += ref.count;
                    eqset_free(&ref);
                }
                free(a);
                free(b);
            }
        }
    }
    printf("lrsnash cross-check: %d games, %d extreme equilibria compared\n", games, total);
}

int main(void)
{
    test_textbook();
    test_brute(150, 0, 2);
    test_brute(100, -9, 9);
    printf("brute-force cross-check: %d extreme equilibria\n", brute_total);
    test_lrsnash();
    return check_finish();
}
