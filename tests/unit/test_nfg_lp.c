/* test_nfg_lp.c — constant-sum games by linear programming (lp), through brink_solve.
 *
 * Known values (matching pennies, rock-paper-scissors, a 2x3 game solved by hand); on random
 * zero-sum and constant-sum games the profile must be one of enummixed's extreme equilibria
 * (basic optimal solutions are vertices) with the same value; rational payoffs; a 100x100
 * game; and non-constant-sum games are refused.
 */
#include "check.h"
#include "nfg_fixtures.h"

static brink_nfg *zero_sum(int m, int n, const long *a, long total)
{
    long *b = malloc(sizeof(long) * (size_t)(m * n));
    for (int i = 0; i < m * n; i++)
        b[i] = total - a[i];
    brink_nfg *g = fx_bimatrix(m, n, a, b);
    free(b);
    return g;
}

/* Solve with lp; returns the exact value of player 1 in *v (must be init'ed). */
static int solve_lp(const brink_nfg *g, eqset *s, mpq_t v)
{
    brink_profile_list l;
    brink_error err;
    brink_status st = fx_solve("lp", g, NULL, &l, &err);
    CHECK_MSG(st == BRINK_OK, "lp: %s", err.message);
    if (st != BRINK_OK)
        return -1;
    CHECK_EQ_INT(l.count, 1);
    CHECK(l.items[0].verified == 1);
    CHECK(l.items[0].valueq != NULL);
    if (l.items[0].valueq)
        mpq_set(v, l.items[0].valueq[0]);
    fx_profile_set(g, &l, s);
    brink_profile_list_free(&l);
    return 0;
}

static void test_known(void)
{
    mpq_t v;
    mpq_init(v);
    eqset s;
    long mp[] = {1, -1, -1, 1};
    brink_nfg *g = zero_sum(2, 2, mp, 0);
    if (solve_lp(g, &s, v) == 0) {
        CHECK(fx_set_has(&s, "1/2 1/2 | 1/2 1/2"));
        CHECK(mpq_sgn(v) == 0);
        eqset_free(&s);
    }
    brink_nfg_free(g);
    long rps[] = {0, -1, 1, 1, 0, -1, -1, 1, 0};
    g = zero_sum(3, 3, rps, 0);
    if (solve_lp(g, &s, v) == 0) {
        CHECK(fx_set_has(&s, "1/3 1/3 1/3 | 1/3 1/3 1/3"));
        CHECK(mpq_sgn(v) == 0);
        eqset_free(&s);
    }
    brink_nfg_free(g);
    /* Rows (3, -1, 2) and (-2, 4, 1): column 3 is dominated for player 2 (mixing 1 and 2
     * does better); on columns 1, 2: x = (3/5, 2/5), y = (1/2, 1/2), value 1. */
    long a[] = {3, -1, 2, -2, 4, 1};
    g = zero_sum(2, 3, a, 7); /* constant sum 7, not zero */
    if (solve_lp(g, &s, v) == 0) {
        CHECK(fx_set_has(&s, "3/5 2/5 | 1/2 1/2 0"));
        CHECK(mpq_cmp_ui(v, 1, 1) == 0);
        eqset_free(&s);
    }
    brink_nfg_free(g);
    mpq_clear(v);
}

static void test_random(void)
{
    fx_rng r = {4242};
    mpq_t v;
    mpq_init(v);
    for (int t = 0; t < 60; t++) {
        int m = (int)fx_rand(&r, 1, 9), n = (int)fx_rand(&r, 1, 9);
        long a[81];
        long lo = t % 3 == 0 ? 0 : -30, hi = t % 3 == 0 ? 2 : 30; /* some degenerate */
        for (int i = 0; i < m * n; i++)
            a[i] = fx_rand(&r, lo, hi);
        brink_nfg *g = zero_sum(m, n, a, t % 2 ? 0 : 10);
        eqset s, ref = {0, 0, NULL};
        brink_profile_list all;
        brink_error err;
        if (fx_solve("enummixed", g, NULL, &all, &err) == BRINK_OK)
            fx_profile_set(g, &all, &ref);
        if (solve_lp(g, &s, v) == 0) {
            CHECK_MSG(s.count == 1 && fx_set_has(&ref, s.items[0]),
                      "%dx%d: lp's %s is not an extreme equilibrium", m, n,
                      s.count ? s.items[0] : "?");
            /* every equilibrium of a zero-sum game has the same value */
            for (int i = 0; i < all.count; i++)
                CHECK(all.items[i].valueq && mpq_equal(all.items[i].valueq[0], v));
            eqset_free(&s);
        }
        eqset_free(&ref);
        brink_profile_list_free(&all);
        brink_nfg_free(g);
    }
    mpq_clear(v);
}

static void test_rational_and_large(void)
{
    /* matching pennies with payoffs 1/3 and -2/7: value (1/3 - 2/7)/2... checked by verify */
    int ns[2] = {2, 2};
    brink_nfg *g = brink_nfg_new(2, ns, NULL);
    long num[] = {1, -2, -2, 1};
    unsigned long den[] = {3, 7, 7, 3};
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            int s[2] = {i, j};
            size_t c = brink_nfg_cell(g, s);
            brink_nfg_set_payoff_si(g, c, 0, num[i * 2 + j], den[i * 2 + j]);
            brink_nfg_set_payoff_si(g, c, 1, -num[i * 2 + j], den[i * 2 + j]);
        }
    mpq_t v;
    mpq_init(v);
    eqset s;
    if (solve_lp(g, &s, v) == 0) {
        /* indifference: x (1/3) + (1-x)(-2/7) = x (-2/7) + (1-x)(1/3) gives x = 1/2 */
        CHECK(fx_set_has(&s, "1/2 1/2 | 1/2 1/2"));
        CHECK(mpq_cmp_si(v, 1, 42) == 0); /* (1/3 - 2/7) / 2 */
        eqset_free(&s);
    }
    brink_nfg_free(g);
    fx_rng r = {17};
    int n = 100;
    long *a = malloc(sizeof(long) * (size_t)(n * n));
    for (int i = 0; i < n * n; i++)
        a[i] = fx_rand(&r, -100, 100);
    g = zero_sum(n, n, a, 0);
    if (solve_lp(g, &s, v) == 0)
        eqset_free(&s);
    brink_nfg_free(g);
    free(a);
    mpq_clear(v);
}

static void test_bad(void)
{
    long a[] = {2, 0, 0, 1}, b[] = {1, 0, 0, 2};
    brink_nfg *g = fx_bimatrix(2, 2, a, b);
    brink_profile_list l;
    brink_error err;
    CHECK(fx_solve("lp", g, NULL, &l, &err) == BRINK_EUNSUPPORTED);
    CHECK(strstr(err.message, "constant-sum") != NULL);
    brink_profile_list_free(&l);
    /* the solver itself refuses too, when called without the driver */
    brink_solve_options o;
    brink_solve_options_init(&o);
    brink_profile_list_init(&l);
    CHECK(brink_solver_find("lp")->solve_nfg(g, &o, &l, &err) == BRINK_EUNSUPPORTED);
    CHECK(strstr(err.message, "enummixed") != NULL);
    brink_profile_list_free(&l);
    brink_nfg_free(g);
}

int main(void)
{
    test_known();
    test_random();
    test_rational_and_large();
    test_bad();
    return check_finish();
}
