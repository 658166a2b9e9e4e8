/* test_nfg_lcp.c — Lemke–Howson (lcp) through brink_solve, every profile verified exactly.
 *
 * Each equilibrium lcp returns must be one of enummixed's (an independent method); with --all
 * on nondegenerate games the set is nonempty and of odd size when it contains everything
 * reachable from the artificial equilibrium (checked on battle of the sexes); doubles and
 * exact pivoting agree; degenerate games (payoffs in 0..2) terminate with an equilibrium;
 * bad input gives clear errors.
 */
#include "check.h"
#include "nfg_fixtures.h"

static void run(const brink_nfg *g, int all, int exact, brink_profile_list *l, eqset *s)
{
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.all = all;
    o.exact = exact;
    brink_error err;
    brink_status st = fx_solve("lcp", g, &o, l, &err);
    CHECK_MSG(st == BRINK_OK, "lcp: %s", err.message);
    for (int i = 0; st == BRINK_OK && i < l->count; i++)
        CHECK(l->items[i].verified == 1);
    memset(s, 0, sizeof *s);
    if (st == BRINK_OK)
        fx_profile_set(g, l, s);
}

static void test_bos(void)
{
    long a[] = {2, 0, 0, 1}, b[] = {1, 0, 0, 2};
    brink_nfg *g = fx_bimatrix(2, 2, a, b);
    brink_profile_list l;
    eqset s;
    run(g, 0, 0, &l, &s);
    CHECK_EQ_INT(s.count, 1);
    eqset_free(&s);
    brink_profile_list_free(&l);
    run(g, 1, 0, &l, &s); /* Shapley's graph reaches all three */
    CHECK_EQ_INT(s.count, 3);
    CHECK(fx_set_has(&s, "2/3 1/3 | 1/3 2/3"));
    CHECK(l.stats.complete == 0); /* LH makes no claim of completeness */
    eqset_free(&s);
    brink_profile_list_free(&l);
    run(g, 1, 1, &l, &s);
    CHECK_EQ_INT(s.count, 3);
    eqset_free(&s);
    brink_profile_list_free(&l);
    brink_nfg_free(g);
}

static void test_random_subset(int trials, long lo, long hi, const char *what)
{
    fx_rng r = {(uint64_t)(1000 + lo + hi)};
    int found = 0;
    for (int t = 0; t < trials; t++) {
        int m = (int)fx_rand(&r, 1, 8), n = (int)fx_rand(&r, 1, 8);
        long a[64], b[64];
        for (int i = 0; i < m * n; i++) {
            a[i] = fx_rand(&r, lo, hi);
            b[i] = fx_rand(&r, lo, hi);
        }
        brink_nfg *g = fx_bimatrix(m, n, a, b);
        brink_profile_list all, one, lx, ld;
        brink_error err;
        eqset ref = {0, 0, NULL}, s1, sx, sd;
        if (fx_solve("enummixed", g, NULL, &all, &err) == BRINK_OK)
            fx_profile_set(g, &all, &ref);
        run(g, 0, 0, &one, &s1);
        run(g, 1, 0, &ld, &sd);
        run(g, 1, 1, &lx, &sx);
        CHECK_MSG(s1.count == 1, "%s %dx%d: --one gave %d", what, m, n, s1.count);
        for (int i = 0; i < s1.count; i++)
            CHECK_MSG(fx_set_has(&ref, s1.items[i]), "%s: %s not an extreme equilibrium", what,
                      s1.items[i]);
        for (int i = 0; i < sd.count; i++)
            CHECK_MSG(fx_set_has(&ref, sd.items[i]), "%s: %s not an extreme equilibrium", what,
                      sd.items[i]);
        if (lo < 0) /* nondegenerate (almost surely): doubles and exact pivoting agree */
            CHECK_MSG(eqset_equal(&sd, &sx), "%s %dx%d: doubles %d vs exact %d", what, m, n,
                      sd.count, sx.count);
        found += sd.count;
        eqset_free(&ref);
        eqset_free(&s1);
        eqset_free(&sx);
        eqset_free(&sd);
        brink_profile_list_free(&all);
        brink_profile_list_free(&one);
        brink_profile_list_free(&lx);
        brink_profile_list_free(&ld);
        brink_nfg_free(g);
    }
    printf("lcp %s: %d games, %d equilibria reached by LH paths\n", what, trials, found);
}

/* A larger game: --one in doubles gives an exact equilibrium quickly. */
static void test_large(void)
{
    fx_rng r = {31};
    int n = 60;
    long *a = malloc(sizeof(long) * (size_t)(n * n)), *b = malloc(sizeof(long) * (size_t)(n * n));
    for (int i = 0; i < n * n; i++) {
        a[i] = fx_rand(&r, 0, 999);
        b[i] = fx_rand(&r, 0, 999);
    }
    brink_nfg *g = fx_bimatrix(n, n, a, b);
    brink_profile_list l;
    eqset s;
    run(g, 0, 0, &l, &s);
    CHECK_EQ_INT(s.count, 1);
    eqset_free(&s);
    brink_profile_list_free(&l);
    brink_nfg_free(g);
    free(a);
    free(b);
}

static void test_bad(void)
{
    brink_error err;
    brink_profile_list l;
    int ns3[3] = {2, 2, 2};
    brink_nfg *g3 = brink_nfg_new(3, ns3, NULL);
    CHECK(fx_solve("lcp", g3, NULL, &l, &err) == BRINK_EUNSUPPORTED);
    brink_profile_list_free(&l);
    brink_nfg_free(g3);
    /* a pivot budget too small for any path */
    fx_rng r = {9};
    long a[400], b[400];
    for (int i = 0; i < 400; i++) {
        a[i] = fx_rand(&r, 0, 99);
        b[i] = fx_rand(&r, 0, 99);
    }
    brink_nfg *g = fx_bimatrix(20, 20, a, b);
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.all = 0;
    o.max_iterations = 1;
    CHECK(fx_solve("lcp", g, &o, &l, &err) == BRINK_ENOCONVERGE);
    CHECK(strstr(err.message, "pivots") != NULL);
    brink_profile_list_free(&l);
    brink_nfg_free(g);
}

int main(void)
{
    test_bos();
    test_random_subset(60, -50, 50, "random");
    test_random_subset(60, 0, 2, "degenerate");
    test_large();
    test_bad();
    return check_finish();
}
