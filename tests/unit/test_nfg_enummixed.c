/* test_nfg_enummixed.c — the enummixed solver through brink_solve (every profile is verified
 * exactly by the driver): textbook games with known equilibrium sets, continua of equilibria
 * (maximal convex sets and components), rational payoffs, an extensive game through its
 * reduced form, lrsnash on random games, and bad input.
 */
#include "check.h"
#include "nfg_fixtures.h"

static eqset solve_set(brink_nfg *g, brink_profile_list *l)
{
    brink_error err;
    eqset s = {0, 0, NULL};
    brink_status st = fx_solve("enummixed", g, NULL, l, &err);
    CHECK_MSG(st == BRINK_OK, "%s", err.message);
    for (int i = 0; st == BRINK_OK && i < l->count; i++)
        CHECK(l->items[i].verified == 1);
    if (st == BRINK_OK)
        fx_profile_set(g, l, &s);
    return s;
}

static void expect_set(int m, int n, const long *a, const long *b, const char *const *want,
                       int nwant, int ncomp)
{
    brink_nfg *g = fx_bimatrix(m, n, a, b);
    brink_profile_list l;
    eqset got = solve_set(g, &l);
    CHECK_EQ_INT(got.count, nwant);
    for (int i = 0; i < nwant; i++)
        CHECK_MSG(fx_set_has(&got, want[i]), "missing %s", want[i]);
    CHECK_EQ_INT(l.ncomponents, ncomp);
    CHECK(l.stats.complete == 1);
    eqset_free(&got);
    brink_profile_list_free(&l);
    brink_nfg_free(g);
}

static void test_textbook(void)
{
    long pa[] = {3, 0, 5, 1}, pb[] = {3, 5, 0, 1};
    const char *pd[] = {"0 1 | 0 1"};
    expect_set(2, 2, pa, pb, pd, 1, 1);
    long ba[] = {2, 0, 0, 1}, bb[] = {1, 0, 0, 2};
    const char *bos[] = {"1 0 | 1 0", "0 1 | 0 1", "2/3 1/3 | 1/3 2/3"};
    expect_set(2, 2, ba, bb, bos, 3, 3);
    long ma[] = {1, -1, -1, 1}, mb[] = {-1, 1, 1, -1};
    const char *mp[] = {"1/2 1/2 | 1/2 1/2"};
    expect_set(2, 2, ma, mb, mp, 1, 1);
    long ra[] = {0, -1, 1, 1, 0, -1, -1, 1, 0}, rb[9];
    for (int i = 0; i < 9; i++)
        rb[i] = -ra[i];
    const char *rps[] = {"1/3 1/3 1/3 | 1/3 1/3 1/3"};
    expect_set(3, 3, ra, rb, rps, 1, 1);
    /* 1 x 1 game: the only profile. */
    long oa[] = {5}, ob[] = {-2};
    const char *one[] = {"1 | 1"};
    expect_set(1, 1, oa, ob, one, 1, 1);
}

/* A segment of equilibria: row 1 makes player 2 indifferent; (row 1, y) is an equilibrium
 * for y_1 >= 1/2. Extreme points (1,0)x(1,0) and (1,0)x(1/2,1/2) form one maximal convex set;
 * (row 2, column 2) is a separate one. */
static void test_segment(void)
{
    long a[] = {1, 0, 0, 1}, b[] = {1, 1, 0, 2};
    brink_nfg *g = fx_bimatrix(2, 2, a, b);
    brink_profile_list l;
    eqset got = solve_set(g, &l);
    CHECK_EQ_INT(got.count, 3);
    CHECK(fx_set_has(&got, "1 0 | 1/2 1/2"));
    CHECK_EQ_INT(l.ncomponents, 2);
    CHECK_EQ_INT(l.nconvex, 2);
    /* the set with two members holds the two row-1 equilibria */
    int two = -1;
    for (int k = 0; k < l.nconvex; k++)
        if (l.convex_start[k + 1] - l.convex_start[k] == 2)
            two = k;
    CHECK(two >= 0);
    if (two >= 0) {
        const brink_profile *p0 = &l.items[l.convex_member[l.convex_start[two]]];
        const brink_profile *p1 = &l.items[l.convex_member[l.convex_start[two] + 1]];
        CHECK(mpq_cmp_ui(p0->q[0], 1, 1) == 0 && mpq_cmp_ui(p1->q[0], 1, 1) == 0);
        CHECK(p0->component == p1->component);
    }
    eqset_free(&got);
    brink_profile_list_free(&l);
    brink_nfg_free(g);
}

/* All payoffs equal: every profile is an equilibrium. One maximal convex set, the whole
 * product of simplices, spanned by the 2 x 3 pure profiles. */
static void test_constant(void)
{
    long a[6] = {0}, b[6] = {0};
    brink_nfg *g = fx_bimatrix(2, 3, a, b);
    brink_profile_list l;
    eqset got = solve_set(g, &l);
    CHECK_EQ_INT(got.count, 6);
    CHECK_EQ_INT(l.ncomponents, 1);
    CHECK_EQ_INT(l.nconvex, 1);
    CHECK_EQ_INT(l.nconvex ? l.convex_start[1] : 0, 6);
    eqset_free(&got);
    brink_profile_list_free(&l);
    brink_nfg_free(g);
}

/* Player 1 is indifferent everywhere; player 2 gets (1, 1, 0) against row 1 and (0, 0, 2)
 * against row 2, so columns 1 and 2 are best when x_1 >= 2/3 and column 3 when x_1 <= 2/3.
 * Maximal convex sets: conv{(1,0),(2/3,1/3)} x conv{c1,c2}; conv{(2/3,1/3),(0,1)} x {c3};
 * {(2/3,1/3)} x conv{c1,c2,c3}: three sets, six extreme equilibria, one component. */
static void test_three_sets_one_component(void)
{
    long a[6] = {0, 0, 0, 0, 0, 0};
    long b[6] = {1, 1, 0, 0, 0, 2};
    brink_nfg *g = fx_bimatrix(2, 3, a, b);
    brink_profile_list l;
    eqset got = solve_set(g, &l);
    CHECK_EQ_INT(got.count, 6);
    CHECK(fx_set_has(&got, "2/3 1/3 | 0 0 1"));
    CHECK(fx_set_has(&got, "2/3 1/3 | 1 0 0"));
    CHECK_EQ_INT(l.nconvex, 3);
    CHECK_EQ_INT(l.ncomponents, 1);
    int sizes[4] = {0, 0, 0, 0};
    for (int k = 0; k < l.nconvex && k < 3; k++)
        sizes[k] = l.convex_start[k + 1] - l.convex_start[k];
    CHECK(sizes[0] + sizes[1] + sizes[2] == 4 + 2 + 3);
    /* every convex set's profiles are pairwise equilibria: their midpoint verifies */
    for (int k = 0; k < l.nconvex; k++) {
        int s0 = l.convex_start[k], s1 = l.convex_start[k + 1];
        brink_profile mid;
        memset(&mid, 0, sizeof mid);
        mid.kind = BRINK_PROFILE_MIXED;
        mid.n = g->total_strats;
        mid.p = calloc((size_t)mid.n, sizeof(double));
        mid.q = brink_q_array_new((size_t)mid.n);
        mid.lambda = NAN;
        mpq_t w;
        mpq_init(w);
        mpq_set_ui(w, 1, (unsigned long)(s1 - s0));
        for (int i = s0; i < s1; i++)
            for (int j = 0; j < mid.n; j++) {
                mpq_t t;
                mpq_init(t);
                mpq_mul(t, l.items[l.convex_member[i]].q[j], w);
                mpq_add(mid.q[j], mid.q[j], t);
                mpq_clear(t);
            }
        mpq_clear(w);
        brink_profile_sync_doubles(&mid);
        CHECK(brink_verify_nfg(g, &mid, 1, NULL) == BRINK_OK);
        CHECK_MSG(mid.verified == 1, "midpoint of convex set %d is not an equilibrium", k);
        brink_profile_clear(&mid);
    }
    eqset_free(&got);
    brink_profile_list_free(&l);
    brink_nfg_free(g);
}

/* Rational and negative payoffs: scaling to integers must not change the equilibria.
 * BoS with payoffs divided by 3 and shifted by -7/2 has the same equilibria. */
static void test_rational_payoffs(void)
{
    int ns[2] = {2, 2};
    brink_nfg *g = brink_nfg_new(2, ns, NULL);
    long a[] = {2, 0, 0, 1}, b[] = {1, 0, 0, 2};
    mpq_t v, sh;
    mpq_inits(v, sh, NULL);
    mpq_set_si(sh, -7, 2);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            int s[2] = {i, j};
            size_t c = brink_nfg_cell(g, s);
            mpq_set_si(v, a[i * 2 + j], 3);
            mpq_canonicalize(v);
            mpq_add(v, v, sh);
            brink_nfg_set_payoff(g, c, 0, v);
            mpq_set_si(v, b[i * 2 + j], 7);
            mpq_canonicalize(v);
            brink_nfg_set_payoff(g, c, 1, v);
        }
    mpq_clears(v, sh, NULL);
    brink_profile_list l;
    eqset got = solve_set(g, &l);
    CHECK_EQ_INT(got.count, 3);
    CHECK(fx_set_has(&got, "2/3 1/3 | 1/3 2/3"));
    eqset_free(&got);
    brink_profile_list_free(&l);
    brink_nfg_free(g);
}

static void test_lrsnash_random(void)
{
    if (!lrsnash_available()) {
        printf("SKIP: %s not found (install lrslib via scripts/deps.sh)\n", LRSNASH_PATH);
        return;
    }
    fx_rng r = {77};
    int games = 0, total = 0;
    for (int t = 0; t < 24; t++) {
        int m = (int)fx_rand(&r, 2, 9), n = (int)fx_rand(&r, 2, 9);
        long lo = t % 2 ? 0 : -20, hi = t % 2 ? 2 : 20; /* odd t: degenerate */
        long *a = malloc(sizeof(long) * (size_t)(m * n)), *b = malloc(sizeof(long) * (size_t)(m * n));
        for (int i = 0; i < m * n; i++) {
            a[i] = fx_rand(&r, lo, hi);
            b[i] = fx_rand(&r, lo, hi);
        }
        eqset ref;
        if (lrsnash_solve(m, n, a, b, &ref) == 0) {
            brink_nfg *g = fx_bimatrix(m, n, a, b);
            brink_profile_list l;
            eqset got = solve_set(g, &l);
            CHECK_MSG(eqset_equal(&got, &ref), "%dx%d game %d: %d vs lrsnash %d", m, n, t,
                      got.count, ref.count);
            games++;
            total += ref.count;
            eqset_free(&got);
            brink_profile_list_free(&l);
            brink_nfg_free(g);
            eqset_free(&ref);
        } else {
            CHECK_MSG(0, "lrsnash failed");
        }
        free(a);
        free(b);
    }
    printf("enummixed vs lrsnash: %d games, %d extreme equilibria\n", games, total);
}

static void test_efg(void)
{
    brink_game game;
    brink_error err;
    if (fx_read_data_game("poker.efg", &game))
        return;
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_status st = brink_solve(brink_solver_find("enummixed"), &game, NULL, &l, &err);
    CHECK_MSG(st == BRINK_OK, "%s", err.message);
    CHECK(l.count >= 1);
    for (int i = 0; i < l.count; i++) {
        CHECK(l.items[i].kind == BRINK_PROFILE_BEHAV);
        CHECK(l.items[i].verified == 1);
    }
    brink_profile_list_free(&l);
    brink_game_free(&game);
}

static void test_bad(void)
{
    brink_error err;
    brink_profile_list l;
    /* 3 players: refused by the driver (two-player method). */
    int ns3[3] = {2, 2, 2};
    brink_nfg *g3 = brink_nfg_new(3, ns3, NULL);
    CHECK(fx_solve("enummixed", g3, NULL, &l, &err) == BRINK_EUNSUPPORTED);
    brink_profile_list_free(&l);
    brink_nfg_free(g3);
    /* Too large: refused up front, saying how large and what to use instead. */
    int ns[2] = {40, 40};
    brink_nfg *g = brink_nfg_new(2, ns, NULL);
    CHECK(fx_solve("enummixed", g, NULL, &l, &err) == BRINK_ETOOBIG);
    CHECK(strstr(err.message, "40x40") && strstr(err.message, "lcp"));
    brink_profile_list_free(&l);
    brink_nfg_free(g);
    /* A budget of bases is honoured with a clear error. */
    fx_rng r = {5};
    long a[144], b[144];
    for (int i = 0; i < 144; i++) {
        a[i] = fx_rand(&r, 0, 99);
        b[i] = fx_rand(&r, 0, 99);
    }
    g = fx_bimatrix(12, 12, a, b);
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.max_iterations = 10;
    brink_status st = fx_solve("enummixed", g, &o, &l, &err);
    CHECK(st == BRINK_ETOOBIG);
    brink_profile_list_free(&l);
    brink_nfg_free(g);
}

int main(void)
{
    test_textbook();
    test_segment();
    test_constant();
    test_three_sets_one_component();
    test_rational_payoffs();
    test_efg();
    test_lrsnash_random();
    test_bad();
    return check_finish();
}
