/* test_venum.c — vertex enumeration (src/solve/enum/venum.c, vdict.c) against brute force.
 *
 * Brute force: every choice of d tight constraints among the d + k, solved exactly in
 * rationals; feasible unique solutions are vertices, identified by their full tight sets.
 * Random small matrices with entries in a tiny range make many degenerate vertices. Each
 * arithmetic width (int64, int128, GMP) must give the same vertex set.
 */
#include "check.h"
#include "solve/enum/venum.h"
#include "brute_vertices.h"

#include <stdint.h>

static uint64_t rng_state = 12345;
static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
    return (unsigned)((rng_state >> 33) % n);
}

static int same_sets(const lset *a, const lset *b)
{
    if (a->count != b->count)
        return 0;
    for (size_t i = 0; i < a->count; i++)
        if (lset_find(b, lset_key(a, i)) < 0)
            return 0;
    return 1;
}

static void test_cube(void)
{
    int d = 6;
    mpz_t m[36];
    for (int i = 0; i < 36; i++)
        mpz_init_set_ui(m[i], i / 6 == i % 6);
    venum_result r;
    brink_error err;
    CHECK(venum_vertices(d, d, m, NULL, &r, &err) == BRINK_OK);
    CHECK_EQ_INT(r.vertices.count, 64);
    CHECK_EQ_INT(r.nbases, 64);
    CHECK_EQ_INT(r.width, VDICT_I64);
    venum_result_free(&r);
    for (int i = 0; i < 36; i++)
        mpz_clear(m[i]);
}

static void test_random(int trials, int lo, int hi)
{
    int widths[6] = {VDICT_I64, VDICT_I128, 129, VDICT_WIDE, 2, -1};
    for (int t = 0; t < trials; t++) {
        int k = 1 + (int)rnd(5), d = 1 + (int)rnd(5);
        mpz_t m[25];
        for (int i = 0; i < k * d; i++)
            mpz_init_set_ui(m[i], lo + rnd((unsigned)(hi - lo + 1)));
        for (int c = 0; c < d; c++) /* every column needs a positive entry */
            if (lo == 0)
                mpz_add_ui(m[rnd((unsigned)k) * d + c], m[rnd((unsigned)k) * d + c], 1);
        lset want;
        brute_vertices(k, d, m, &want);
        for (int w = 0; w < 6; w++) {
            venum_opts o = {0};
            o.force_width = widths[w];
            venum_result r;
            brink_error err;
            brink_status st = venum_vertices(k, d, m, &o, &r, &err);
            CHECK_MSG(st == BRINK_OK, "trial %d width %d: %s", t, widths[w], err.message);
            if (st != BRINK_OK)
                continue;
            CHECK_MSG(same_sets(&want, &r.vertices),
                      "trial %d (%dx%d) width %d: %zu vertices, brute force %zu", t, k, d,
                      widths[w], r.vertices.count, want.count);
            venum_result_free(&r);
        }
        lset_free(&want);
        for (int i = 0; i < k * d; i++)
            mpz_clear(m[i]);
    }
}

/* Entries near 2^40 force the int128 or GMP path; all widths must agree with brute force. */
static void test_big_entries(void)
{
    for (int t = 0; t < 20; t++) {
        int k = 2 + (int)rnd(3), d = 2 + (int)rnd(3);
        mpz_t m[16];
        for (int i = 0; i < k * d; i++) {
            mpz_init_set_ui(m[i], 1 + rnd(1000));
            mpz_mul_2exp(m[i], m[i], 30 + rnd(20));
            mpz_add_ui(m[i], m[i], rnd(7));
        }
        lset want;
        brute_vertices(k, d, m, &want);
        venum_result r;
        brink_error err;
        CHECK(venum_vertices(k, d, m, NULL, &r, &err) == BRINK_OK);
        CHECK(same_sets(&want, &r.vertices));
        venum_result_free(&r);
        venum_opts o = {0};
        o.force_width = -1;
        CHECK(venum_vertices(k, d, m, &o, &r, &err) == BRINK_OK);
        CHECK(same_sets(&want, &r.vertices));
        venum_result_free(&r);
        o.force_width = VDICT_WIDE;
        CHECK(venum_vertices(k, d, m, &o, &r, &err) == BRINK_OK);
        CHECK(same_sets(&want, &r.vertices));
        venum_result_free(&r);
        o.force_width = 2;
        CHECK(venum_vertices(k, d, m, &o, &r, &err) == BRINK_OK);
        CHECK(same_sets(&want, &r.vertices));
        venum_result_free(&r);
        o.force_width = 129;
        if (vdict_log2_bound(k, d, m) <= 126) {
            CHECK(venum_vertices(k, d, m, &o, &r, &err) == BRINK_OK);
            CHECK(same_sets(&want, &r.vertices));
            venum_result_free(&r);
        }
        lset_free(&want);
        for (int i = 0; i < k * d; i++)
            mpz_clear(m[i]);
    }
}

static void test_bad(void)
{
    mpz_t m[4];
    for (int i = 0; i < 4; i++)
        mpz_init_set_ui(m[i], 0);
    mpz_set_ui(m[0], 1);
    venum_result r;
    brink_error err;
    CHECK(venum_vertices(2, 2, m, NULL, &r, &err) == BRINK_EINVALID); /* column 1 unbounded */
    for (int i = 0; i < 4; i++)
        mpz_clear(m[i]);
}

int main(void)
{
    test_cube();
    test_random(300, 0, 2);
    test_random(200, 1, 9);
    test_big_entries();
    test_bad();
    return check_finish();
}
