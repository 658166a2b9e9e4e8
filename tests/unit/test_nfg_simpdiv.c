/* test_nfg_simpdiv.c — simplicial subdivision (simpdiv) on N-player games.
 *
 * The simplicial search alone (no Newton polishing) must approach an equilibrium as the grid
 * is refined, and never break its path invariants, on random games of 2 to 4 players; the
 * full solver must return an equilibrium within the tolerance (verified by the driver, exactly
 * when it is rational) on textbook games, the 3-player test game, and random games; games with
 * single-strategy players and pivot budgets are handled.
 */
#include "check.h"
#include "nfg_fixtures.h"
#include "solve/polish/nfgderiv.h"
#include "solve/polish/nfgpolish.h"
#include "solve/simpdiv/simpdiv.h"

static brink_nfg *random_game(fx_rng *r, int N, int maxs, long lo, long hi)
{
    int ns[8];
    for (int i = 0; i < N; i++)
        ns[i] = (int)fx_rand(r, 1, maxs);
    brink_nfg *g = brink_nfg_new(N, ns, NULL);
    for (size_t c = 0; c < g->ncells; c++)
        for (int p = 0; p < N; p++)
            brink_nfg_set_payoff_si(g, c, p, fx_rand(r, lo, hi), 1);
    return g;
}

static double nashconv(const brink_nfg *g, const double *p)
{
    double *u = malloc(sizeof(double) * (size_t)g->total_strats);
    nfg_payoff_derivs(g, p, u, NULL);
    double r = nfg_nashconv(g, p, u);
    free(u);
    return r;
}

/* The search alone: regret after 3 rounds (grid 1/16) and after 6 (grid 1/128). Paths grow
 * quickly with the grid (which is why the solver polishes early), so no finer here. */
static void test_search_converges(void)
{
    fx_rng r = {99};
    brink_solve_options o;
    brink_solve_options_init(&o);
    int improved = 0, games = 0;
    double worst = 0;
    for (int t = 0; t < 40; t++) {
        brink_nfg *g = random_game(&r, 2 + t % 3, 3, 0, 20);
        double *x = malloc(sizeof(double) * (size_t)g->total_strats);
        double r3, r7;
        long piv;
        int stopped;
        brink_error err;
        brink_status st = simpdiv_search(g, &o, 3, 0, x, &r3, &piv, &stopped, &err);
        CHECK_MSG(st == BRINK_OK, "search: %s", err.message);
        st = simpdiv_search(g, &o, 6, 0, x, &r7, &piv, &stopped, &err);
        CHECK_MSG(st == BRINK_OK, "search: %s", err.message);
        CHECK_NEAR(nashconv(g, x), r7, 1e-12);
        double range = nfg_payoff_range(g);
        /* a simplex of the grid 1/128 with all labels of a player: regret O(1/128) */
        CHECK_MSG(r7 <= 0.1 * range, "game %d: regret %g after 6 rounds (range %g)", t, r7,
                  range);
        worst = fmax(worst, r7 / range);
        improved += r7 <= r3;
        games++;
        free(x);
        brink_nfg_free(g);
    }
    CHECK(improved >= games * 3 / 4);
    printf("simplicial search: %d games, worst relative regret %.2g on grid 1/128\n", games,
           worst);
}

static void solve_ok(const brink_nfg *g, const char *what)
{
    brink_profile_list l;
    brink_error err;
    brink_status st = fx_solve("simpdiv", g, NULL, &l, &err);
    CHECK_MSG(st == BRINK_OK, "%s: %s", what, err.message);
    if (st == BRINK_OK) {
        CHECK_EQ_INT(l.count, 1);
        double range = nfg_payoff_range(g);
        CHECK_MSG(l.items[0].verified == 1 || l.items[0].nashconv <= 1e-9 * range,
                  "%s: NashConv %g", what, l.items[0].nashconv);
    }
    brink_profile_list_free(&l);
}

static void test_textbook(void)
{
    long pa[] = {3, 0, 5, 1}, pb[] = {3, 5, 0, 1};
    brink_nfg *g = fx_bimatrix(2, 2, pa, pb);
    solve_ok(g, "prisoners' dilemma");
    brink_profile_list l;
    brink_error err;
    if (fx_solve("simpdiv", g, NULL, &l, &err) == BRINK_OK) {
        CHECK(l.items[0].verified == 1);
        CHECK_NEAR(l.items[0].p[1], 1, 1e-12); /* defect */
        CHECK_NEAR(l.items[0].p[3], 1, 1e-12);
    }
    brink_profile_list_free(&l);
    brink_nfg_free(g);
    long ma[] = {1, -1, -1, 1}, mb[] = {-1, 1, 1, -1};
    g = fx_bimatrix(2, 2, ma, mb);
    if (fx_solve("simpdiv", g, NULL, &l, &err) == BRINK_OK) {
        CHECK(l.items[0].verified == 1);
        CHECK(l.items[0].q && mpq_cmp_ui(l.items[0].q[0], 1, 2) == 0);
    }
    brink_profile_list_free(&l);
    brink_nfg_free(g);
    long ra[] = {0, -1, 1, 1, 0, -1, -1, 1, 0}, rb[9];
    for (int i = 0; i < 9; i++)
        rb[i] = -ra[i];
    g = fx_bimatrix(3, 3, ra, rb);
    solve_ok(g, "rock-paper-scissors");
    brink_nfg_free(g);
    /* 1 x 1 and a game where one player has a single strategy */
    long oa[] = {4}, ob[] = {1};
    g = fx_bimatrix(1, 1, oa, ob);
    solve_ok(g, "1x1");
    brink_nfg_free(g);
    long sa[] = {1, 5, 2}, sb[] = {0, 0, 0};
    g = fx_bimatrix(1, 3, sa, sb);
    solve_ok(g, "1x3");
    brink_nfg_free(g);
}

/* Three players, each choosing 0/1; a player gets 1 for matching the next player's choice
 * (cyclic). The only equilibrium is everyone mixing 1/2. */
static void test_three_player(void)
{
    brink_nfg *g = fx_cyclic_pennies();
    brink_profile_list l;
    brink_error err;
    brink_status st = fx_solve("simpdiv", g, NULL, &l, &err);
    CHECK_MSG(st == BRINK_OK, "%s", err.message);
    if (st == BRINK_OK) {
        CHECK(l.items[0].verified == 1);
        for (int a = 0; a < 6; a++)
            CHECK_NEAR(l.items[0].p[a], 0.5, 1e-12);
    }
    brink_profile_list_free(&l);
    brink_nfg_free(g);
    brink_game game;
    if (fx_read_data_game("three_player.nfg", &game) == 0) {
        solve_ok(game.nfg, "three_player.nfg");
        brink_game_free(&game);
    }
}

static void test_random(void)
{
    fx_rng r = {2718};
    int exact = 0, games = 0;
    for (int t = 0; t < 60; t++) {
        brink_nfg *g = random_game(&r, 2 + t % 3, 4, -10, 10);
        brink_profile_list l;
        brink_error err;
        brink_status st = fx_solve("simpdiv", g, NULL, &l, &err);
        CHECK_MSG(st == BRINK_OK, "random game %d: %s", t, err.message);
        if (st == BRINK_OK) {
            double range = nfg_payoff_range(g);
            CHECK_MSG(l.items[0].verified == 1 || l.items[0].nashconv <= 1e-9 * range,
                      "random game %d: NashConv %g", t, l.items[0].nashconv);
            exact += l.items[0].verified == 1;
            games++;
        }
        brink_profile_list_free(&l);
        brink_nfg_free(g);
    }
    printf("simpdiv: %d random games solved, %d verified exactly\n", games, exact);
}

static void test_budget(void)
{
    fx_rng r = {5};
    brink_nfg *g = random_game(&r, 3, 4, 0, 100);
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.max_iterations = 2;
    brink_profile_list l;
    brink_error err;
    brink_status st = fx_solve("simpdiv", g, &o, &l, &err);
    CHECK(st == BRINK_ENOCONVERGE || (st == BRINK_OK && l.count == 1));
    brink_profile_list_free(&l);
    brink_nfg_free(g);
}

int main(void)
{
    test_search_converges();
    test_textbook();
    test_three_player();
    test_random();
    test_budget();
    return check_finish();
}
