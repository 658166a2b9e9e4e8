/* test_nfg_logit.c — the logit QRE path (logit) on 2- and N-player games.
 *
 * Known QRE: a game where player 1 has a dominant strategy worth 1 more (p = e^L / (e^L + 1)
 * at lambda L) and matching pennies (the centroid at every lambda). Every reported QRE point
 * must satisfy the fixed point p_ij ~ exp(lambda u_ij); the path starts at lambda 0 and its
 * end is a Nash equilibrium (verified by the driver; for 2-player games one of enummixed's);
 * 3-player games; bad arguments.
 */
#include "check.h"
#include "nfg_fixtures.h"
#include "solve/polish/nfgderiv.h"
#include "solve/polish/nfgpolish.h"

/* max over strategies of |p_ij - exp(lambda u_ij) / sum_k exp(lambda u_ik)| */
static double qre_residual(const brink_nfg *g, const double *p, double lambda)
{
    double *u = malloc(sizeof(double) * (size_t)g->total_strats);
    nfg_payoff_derivs(g, p, u, NULL);
    double worst = 0;
    for (int i = 0; i < g->nplayers; i++) {
        double mx = -INFINITY, s = 0;
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
            mx = fmax(mx, u[a]);
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
            s += exp(lambda * (u[a] - mx));
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
            worst = fmax(worst, fabs(p[a] - exp(lambda * (u[a] - mx)) / s));
    }
    free(u);
    return worst;
}

static brink_status run(const brink_nfg *g, double lambda, int path, brink_profile_list *l,
                        brink_error *err)
{
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.lambda = lambda;
    o.want_path = path;
    return fx_solve("logit", g, &o, l, err);
}

static void test_known_qre(void)
{
    /* player 1: row 1 pays 1, row 2 pays 0, whatever player 2 does; player 2 indifferent */
    long a[] = {1, 1, 0, 0}, b[] = {0, 0, 0, 0};
    brink_nfg *g = fx_bimatrix(2, 2, a, b);
    double lams[] = {0.5, 2, 7};
    for (int k = 0; k < 3; k++) {
        brink_profile_list l;
        brink_error err;
        brink_status st = run(g, lams[k], 0, &l, &err);
        CHECK_MSG(st == BRINK_OK, "%s", err.message);
        if (st == BRINK_OK && l.count == 1) {
            double L = lams[k];
            CHECK_NEAR(l.items[0].lambda, L, 1e-12);
            CHECK_NEAR(l.items[0].p[0], exp(L) / (exp(L) + 1), 1e-9);
            CHECK_NEAR(l.items[0].p[2], 0.5, 1e-9);
        }
        brink_profile_list_free(&l);
    }
    brink_nfg_free(g);
    long ma[] = {1, -1, -1, 1}, mb[] = {-1, 1, 1, -1};
    g = fx_bimatrix(2, 2, ma, mb);
    brink_profile_list l;
    brink_error err;
    if (run(g, 3.5, 0, &l, &err) == BRINK_OK)
        for (int s = 0; s < 4; s++)
            CHECK_NEAR(l.items[0].p[s], 0.5, 1e-9);
    brink_profile_list_free(&l);
    brink_nfg_free(g);
}

/* The path: starts at lambda 0 (the centroid), every point is a QRE, and the end is an
 * equilibrium. */
static void check_path(const brink_nfg *g, const char *what)
{
    brink_profile_list l;
    brink_error err;
    brink_status st = run(g, NAN, 1, &l, &err);
    CHECK_MSG(st == BRINK_OK, "%s: %s", what, err.message);
    if (st != BRINK_OK) {
        brink_profile_list_free(&l);
        return;
    }
    CHECK(l.count >= 3);
    CHECK(l.items[0].lambda == 0);
    double worst = 0, lmax = 0;
    for (int i = 0; i + 1 < l.count; i++) {
        CHECK(isfinite(l.items[i].lambda));
        worst = fmax(worst, qre_residual(g, l.items[i].p, l.items[i].lambda));
        lmax = fmax(lmax, l.items[i].lambda);
    }
    /* (far out, lambda * payoff errors of 1e-11 relative still move p by ~1e-8) */
    CHECK_MSG(worst < 1e-6, "%s: QRE residual %g on the path", what, worst);
    CHECK(lmax * nfg_payoff_range(g) > 1e5); /* followed far out */
    const brink_profile *end = &l.items[l.count - 1];
    CHECK_MSG(end->verified == 1 || end->nashconv < 1e-9 * nfg_payoff_range(g),
              "%s: the end has NashConv %g", what, end->nashconv);
    brink_profile_list_free(&l);
}

static void test_paths(void)
{
    long ba[] = {2, 0, 0, 1}, bb[] = {1, 0, 0, 2};
    brink_nfg *g = fx_bimatrix(2, 2, ba, bb);
    check_path(g, "battle of the sexes");
    brink_nfg_free(g);
    g = fx_cyclic_pennies();
    check_path(g, "3-player cyclic matching");
    brink_nfg_free(g);
    brink_game game;
    if (fx_read_data_game("three_player.nfg", &game) == 0) {
        check_path(game.nfg, "three_player.nfg");
        brink_game_free(&game);
    }
}

/* Random games: the end point is an equilibrium; for 2 players one of enummixed's. */
static void test_random(void)
{
    fx_rng r = {123};
    int exact = 0, games = 0, in_set = 0, two = 0;
    for (int t = 0; t < 40; t++) {
        int N = 2 + t % 3;
        int ns[4];
        for (int i = 0; i < N; i++)
            ns[i] = (int)fx_rand(&r, 2, N == 2 ? 5 : 3);
        brink_nfg *g = brink_nfg_new(N, ns, NULL);
        for (size_t c = 0; c < g->ncells; c++)
            for (int p = 0; p < N; p++)
                /* wide range for 2 players: generic, so equilibria are isolated */
                brink_nfg_set_payoff_si(g, c, p, N == 2 ? fx_rand(&r, -999, 999)
                                                        : fx_rand(&r, -9, 9), 1);
        brink_profile_list l;
        brink_error err;
        brink_status st = run(g, NAN, 0, &l, &err);
        CHECK_MSG(st == BRINK_OK, "random game %d: %s", t, err.message);
        if (st == BRINK_OK) {
            const brink_profile *pr = &l.items[0];
            CHECK_MSG(pr->verified == 1 || pr->nashconv < 1e-9 * nfg_payoff_range(g),
                      "random game %d: NashConv %g", t, pr->nashconv);
            exact += pr->verified == 1;
            games++;
            if (N == 2 && pr->verified == 1) {
                brink_profile_list all;
                eqset ref, got;
                two++;
                if (fx_solve("enummixed", g, NULL, &all, &err) == BRINK_OK) {
                    fx_profile_set(g, &all, &ref);
                    fx_profile_set(g, &l, &got);
                    /* a generic game's equilibria are isolated: the limit is extreme */
                    in_set += got.count == 1 && fx_set_has(&ref, got.items[0]);
                    eqset_free(&ref);
                    eqset_free(&got);
                }
                brink_profile_list_free(&all);
            }
        }
        brink_profile_list_free(&l);
        brink_nfg_free(g);
    }
    CHECK_EQ_INT(in_set, two);
    printf("logit: %d random games, %d exact; 2-player limits among enummixed's: %d of %d\n",
           games, exact, in_set, two);
}

static void test_bad(void)
{
    long a[] = {1, 0, 0, 1}, b[] = {1, 0, 0, 1};
    brink_nfg *g = fx_bimatrix(2, 2, a, b);
    brink_profile_list l;
    brink_error err;
    CHECK(run(g, -1, 0, &l, &err) == BRINK_EINVALID);
    brink_profile_list_free(&l);
    /* lambda = 0: the centroid */
    if (run(g, 0, 0, &l, &err) == BRINK_OK) {
        CHECK_EQ_INT(l.count, 1);
        CHECK_NEAR(l.items[0].p[0], 0.5, 0);
    }
    brink_profile_list_free(&l);
    brink_nfg_free(g);
}

int main(void)
{
    test_known_qre();
    test_paths();
    test_random();
    test_bad();
    return check_finish();
}
