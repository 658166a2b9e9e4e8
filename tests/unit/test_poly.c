/* test_poly.c — polynomials, rational functions, root isolation and algebraic numbers
 * (src/core/poly.h) against closed forms, plus random products of known linear factors. */
#include "check.h"
#include "core/poly.h"
#include "brink/core.h"

/* p = prod (den_i t - num_i) */
static void from_roots(pq *p, const long *num, const long *den, int n)
{
    pq f;
    pq_init(&f);
    pq_set_si(p, 1);
    for (int i = 0; i < n; i++) {
        pq_reserve(&f, 2);
        mpq_set_si(f.c[0], -num[i], 1);
        mpq_set_si(f.c[1], den[i], 1);
        f.deg = 1;
        pq_mul(p, p, &f);
    }
    pq_clear(&f);
}

static void test_roots_rational(void)
{
    long num[] = {49, 51, 1, 3}, den[] = {100, 100, 2, 10};
    pq p;
    pq_init(&p);
    from_roots(&p, num, den, 4);
    mpq_t lo, hi;
    mpq_inits(lo, hi, NULL);
    mpq_set_si(lo, 0, 1);
    mpq_set_si(hi, 1, 1);
    alg *r = NULL;
    int n = pq_roots_in(&p, lo, hi, &r);
    CHECK_EQ_INT(n, 4);
    const char *want[] = {"3/10", "49/100", "1/2", "51/100"};
    for (int i = 0; i < n && i < 4; i++) {
        CHECK(r[i].rational);
        char *s = brink_q_to_string(r[i].q);
        CHECK_STR(s, want[i]);
        free(s);
    }
    alg_array_free(r, n);
    /* open interval: an end that is a root is excluded */
    mpq_set_str(lo, "3/10", 10);
    mpq_set_str(hi, "1/2", 10);
    n = pq_roots_in(&p, lo, hi, &r);
    CHECK_EQ_INT(n, 1);
    alg_array_free(r, n);
    /* square factors count once */
    pq_mul(&p, &p, &p);
    mpq_set_si(lo, -1, 1);
    mpq_set_si(hi, 2, 1);
    n = pq_roots_in(&p, lo, hi, &r);
    CHECK_EQ_INT(n, 4);
    alg_array_free(r, n);
    mpq_clears(lo, hi, NULL);
    pq_clear(&p);
}

static void test_irrational(void)
{
    /* t^2 - 2 on (0, 2): sqrt 2, irrational; compare with 7/5 and with a second copy */
    pq p;
    pq_init(&p);
    pq_reserve(&p, 3);
    mpq_set_si(p.c[0], -2, 1);
    mpq_set_si(p.c[1], 0, 1);
    mpq_set_si(p.c[2], 1, 1);
    p.deg = 2;
    mpq_t lo, hi, q;
    mpq_inits(lo, hi, q, NULL);
    mpq_set_si(lo, 0, 1);
    mpq_set_si(hi, 2, 1);
    alg *r = NULL;
    int n = pq_roots_in(&p, lo, hi, &r);
    CHECK_EQ_INT(n, 1);
    if (n == 1) {
        CHECK(!r[0].rational);
        CHECK_NEAR(alg_get_d(&r[0]), 1.4142135623730951, 1e-15);
        mpq_set_str(q, "7/5", 10);
        CHECK_EQ_INT(alg_cmp_q(&r[0], q), 1);
        /* 2t^2 - 4 defines the same number */
        pq p2;
        pq_init(&p2);
        pq_set(&p2, &p);
        pq_add(&p2, &p2, &p);
        alg *r2 = NULL;
        int n2 = pq_roots_in(&p2, lo, hi, &r2);
        CHECK_EQ_INT(n2, 1);
        int oom = 0;
        if (n2 == 1)
            CHECK_EQ_INT(alg_cmp(&r[0], &r2[0], &oom), 0);
        /* sign of t - 3/2 and of t^2 - 2 at sqrt 2 */
        pq f;
        pq_init(&f);
        pq_reserve(&f, 2);
        mpq_set_str(f.c[0], "-3/2", 10);
        mpq_set_si(f.c[1], 1, 1);
        f.deg = 1;
        CHECK_EQ_INT(alg_sign_poly(&r[0], &f, &oom), -1);
        CHECK_EQ_INT(alg_sign_poly(&r[0], &p2, &oom), 0);
        CHECK(!oom);
        pq_clear(&f);
        pq_clear(&p2);
        alg_array_free(r2, n2);
    }
    alg_array_free(r, n);
    mpq_clears(lo, hi, q, NULL);
    pq_clear(&p);
}

static void test_ratfun(void)
{
    /* (t^2 - 1)/(t - 1) normalises to t + 1 */
    rf a, b, c;
    rf_init(&a);
    rf_init(&b);
    rf_init(&c);
    rf_set_x(&a);
    rf_mul(&b, &a, &a);
    rf_set_si(&c, 1);
    rf_sub(&b, &b, &c);          /* t^2 - 1 */
    rf_sub(&c, &a, &c);          /* t - 1 */
    rf_div(&b, &b, &c);
    CHECK_EQ_INT(b.n.deg, 1);
    CHECK_EQ_INT(b.d.deg, 0);
    mpq_t x, v;
    mpq_inits(x, v, NULL);
    mpq_set_si(x, 3, 1);
    CHECK(!rf_eval(v, &b, x));
    CHECK(mpq_cmp_si(v, 4, 1) == 0);
    /* 1/t + 1/(1-t) = 1/(t(1-t)) */
    rf_set_si(&c, 1);
    rf_div(&b, &c, &a);
    rf_sub(&c, &c, &a);
    rf_div(&c, &a, &c);          /* t/(1-t) ... used as a second term */
    rf_add(&b, &b, &c);
    mpq_set_str(x, "1/3", 10);
    CHECK(!rf_eval(v, &b, x));   /* 3 + (1/3)/(2/3) = 7/2 */
    CHECK(mpq_cmp_si(v, 7, 2) == 0);
    mpq_clears(x, v, NULL);
    rf_clear(&a);
    rf_clear(&b);
    rf_clear(&c);
}

static void test_simplest(void)
{
    mpq_t lo, hi, s;
    mpq_inits(lo, hi, s, NULL);
    mpq_set_str(lo, "30/100", 10);
    mpq_set_str(hi, "34/100", 10);
    q_simplest_between(s, lo, hi);
    CHECK(mpq_cmp_si(s, 1, 3) == 0);
    mpq_set_str(lo, "-7/10", 10);
    mpq_set_str(hi, "-2/3", 10);
    q_simplest_between(s, lo, hi);
    CHECK(mpq_cmp_si(s, -2, 3) == 0);
    mpq_clears(lo, hi, s, NULL);
}

/* random products of linear factors with small rationals: every root found, exactly */
static void test_random(void)
{
    brink_rng rng;
    brink_rng_seed(&rng, 7);
    for (int it = 0; it < 300; it++) {
        int n = 1 + (int)brink_rng_below(&rng, 5);
        long num[5], den[5];
        for (int i = 0; i < n; i++) {
            den[i] = 1 + (long)brink_rng_below(&rng, 30);
            num[i] = (long)brink_rng_below(&rng, (uint64_t)(2 * den[i] + 1)) - den[i] / 2;
        }
        pq p;
        pq_init(&p);
        from_roots(&p, num, den, n);
        mpq_t lo, hi, q;
        mpq_inits(lo, hi, q, NULL);
        mpq_set_si(lo, -1, 1);
        mpq_set_si(hi, 3, 1);
        alg *r = NULL;
        int nr = pq_roots_in(&p, lo, hi, &r);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            int dup = 0;
            for (int j = 0; j < i; j++)
                if (num[i] * den[j] == num[j] * den[i])
                    dup = 1;
            distinct += !dup;
        }
        CHECK_EQ_INT(nr, distinct);
        for (int i = 0; i < nr; i++) {
            CHECK(r[i].rational);
            CHECK_EQ_INT(pq_sign_at(&p, r[i].q), 0);
            if (i)
                CHECK(mpq_cmp(r[i - 1].q, r[i].q) < 0);
        }
        alg_array_free(r, nr);
        mpq_clears(lo, hi, q, NULL);
        pq_clear(&p);
    }
}

int main(void)
{
    test_roots_rational();
    test_irrational();
    test_ratfun();
    test_simplest();
    test_random();
    return check_finish();
}
