/* test_q_get_d.c — brink_q_get_d returns the nearest double, ties to the even significand,
 * on random rationals of every size its integer path covers (numerator and denominator below
 * 2^62) and beyond (the general path), and on exact halfway cases built on purpose.
 *
 * The check is the definition, in exact arithmetic: with d the result and d-, d+ its
 * neighbours, |x - d| <= |x - d-| and |x - d| <= |x - d+|, and on equality d's significand is
 * even.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "brink/core.h"
#include "check.h"

static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* |x - y| for a double y, exactly */
static void dist(mpq_t out, const mpq_t x, double y)
{
    mpq_set_d(out, y);
    mpq_sub(out, x, out);
    mpq_abs(out, out);
}

static int even_significand(double d)
{
    int ex;
    double m = ldexp(frexp(fabs(d), &ex), 53);
    return fmod(m, 2) == 0;
}

/* Is d the correctly rounded value of x (normal range)? */
static int is_nearest(const mpq_t x, double d)
{
    if (!isfinite(d))
        return 0;
    mpq_t e0, e1, e2;
    mpq_inits(e0, e1, e2, NULL);
    dist(e0, x, d);
    dist(e1, x, nextafter(d, -INFINITY));
    dist(e2, x, nextafter(d, INFINITY));
    int c1 = mpq_cmp(e0, e1), c2 = mpq_cmp(e0, e2);
    int ok = c1 <= 0 && c2 <= 0 && ((c1 != 0 && c2 != 0) || even_significand(d));
    mpq_clears(e0, e1, e2, NULL);
    return ok;
}

static void set_random(mpq_t q, uint64_t *s, int numbits, int denbits)
{
    uint64_t n = rng_next(s) >> (64 - numbits), d = rng_next(s) >> (64 - denbits);
    mpz_set_ui(mpq_numref(q), (unsigned long)(n ? n : 1));
    mpz_set_ui(mpq_denref(q), (unsigned long)(d ? d : 1));
    mpq_canonicalize(q);
    if (rng_next(s) & 1)
        mpq_neg(q, q);
}

static void test_random(void)
{
    uint64_t s = 0x9e3779b97f4a7c15ULL;
    mpq_t q;
    mpq_init(q);
    int bad = 0;
    for (int i = 0; i < 20000; i++) {
        int nb = 1 + (int)(rng_next(&s) % 64), db = 1 + (int)(rng_next(&s) % 64);
        set_random(q, &s, nb, db);
        if (!is_nearest(q, brink_q_get_d(q)))
            bad++;
    }
    CHECK_EQ_INT(bad, 0);
    /* decimal shares and powers of a discount, as scenarios write them */
    bad = 0;
    for (unsigned long k = 1; k < 20; k++)
        for (unsigned long j = 1; j < 10; j++) {
            mpz_ui_pow_ui(mpq_numref(q), 7, k);
            mpz_mul_ui(mpq_numref(q), mpq_numref(q), j);
            mpz_ui_pow_ui(mpq_denref(q), 10, k + 1);
            mpq_canonicalize(q);
            if (!is_nearest(q, brink_q_get_d(q)))
                bad++;
        }
    CHECK_EQ_INT(bad, 0);
    mpq_clear(q);
}

/* Exact halfway cases: (2m + 1) / 2^(k+1) with m of 53 bits lies halfway between two
 * doubles; the even one must win, from below and from above alike. */
static void test_halfway(void)
{
    uint64_t s = 12345;
    mpq_t q;
    mpq_init(q);
    int bad = 0;
    for (int i = 0; i < 2000; i++) {
        uint64_t m = ((uint64_t)1 << 52) | (rng_next(&s) >> 12);   /* 53 bits */
        int k = (int)(rng_next(&s) % 8);                            /* keeps both below 2^62 */
        mpz_set_ui(mpq_numref(q), (unsigned long)(2 * m + 1));
        mpz_set_ui(mpq_denref(q), 1);
        mpz_mul_2exp(mpq_denref(q), mpq_denref(q), (unsigned long)k + 1);
        mpq_canonicalize(q);
        double d = brink_q_get_d(q);
        if (!is_nearest(q, d) || !even_significand(d))
            bad++;
    }
    CHECK_EQ_INT(bad, 0);
    mpq_clear(q);
}

int main(void)
{
    test_random();
    test_halfway();
    return check_finish();
}
