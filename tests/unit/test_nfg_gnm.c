/* test_nfg_gnm.c — the global Newton method (gnm) and iterated polymatrix approximation (ipa)
 * through brink_solve (which verifies every profile, exactly where it is rational).
 *
 * Known answers: on random 2-player games every profile of either method is one of the exact
 * equilibria enummixed lists, and gnm's path crosses lambda = 0 an odd number of times
 * (Govindan & Wilson 2003, section 3); Jordan's 3-player matching-pennies cycle has the one
 * equilibrium (1/2, 1/2, 1/2); the 3-player test game's pure equilibria are found; on
 * McKelvey and McLennan's 2x2x2 game (9 equilibria) gnm's path finds all 9.
 * Property: on random games of 3 and 4 players every profile is exactly verified or has
 * NashConv below 1e-9 of the payoff range, and the same seed gives the same profiles.
 * Degenerate games (constant payoffs, ties, single strategies) end without error.
 */
#include "check.h"
#include "nfg_fixtures.h"
#include "solve/homotopy/gnm.h"
#include "solve/homotopy/ipa.h"
#include "solve/polish/nfgpolish.h"

static const char *const methods[] = {"gnm", "ipa"};

static brink_nfg *random_game(fx_rng *r, int N, int maxs, long lo, long hi)
{
    int ns[8];
    for (int i = 0; i < N; i++)
        ns[i] = (int)fx_rand(r, 2, maxs);
    brink_nfg *g = brink_nfg_new(N, ns, NULL);
    for (size_t c = 0; c < g->ncells; c++)
        for (int p = 0; p < N; p++)
            brink_nfg_set_payoff_si(g, c, p, fx_rand(r, lo, hi), 1);
    return g;
}

/* Every profile verified exactly or within 1e-9 of the range; returns how many exact. */
static int all_ok(const brink_nfg *g, const brink_profile_list *l, const char *what)
{
    double range = nfg_payoff_range(g);
    int exact = 0;
    CHECK_MSG(l->count >= 1, "%s: no profile", what);
    for (int i = 0; i < l->count; i++) {
        CHECK_MSG(l->items[i].verified == 1 || l->items[i].nashconv <= 1e-9 * range,
                  "%s: profile %d NashConv %g", what, i, l->items[i].nashconv);
        exact += l->items[i].verified == 1;
    }
    return exact;
}

static void test_two_player_known(void)
{
    fx_rng r = {31};
    int games = 0, found[2] = {0, 0}, odd = 0;
    for (int t = 0; t < 40; t++) {
        int m = (int)fx_rand(&r, 2, 5), n = (int)fx_rand(&r, 2, 5);
        long a[25], b[25];
        for (int k = 0; k < m * n; k++) {
            a[k] = fx_rand(&r, -1000, 1000);
            b[k] = fx_rand(&r, -1000, 1000);
        }
        brink_nfg *g = fx_bimatrix(m, n, a, b);
        brink_solve_options o;
        brink_solve_options_init(&o);
        o.all = 1;
        brink_profile_list all;
        brink_error err;
        if (fx_solve("enummixed", g, &o, &all, &err) != BRINK_OK) {
            CHECK_MSG(0, "enummixed: %s", err.message);
            brink_nfg_free(g);
            continue;
        }
        eqset want;
        fx_profile_set(g, &all, &want);
        for (int k = 0; k < 2; k++) {
            brink_profile_list l;
            brink_status st = fx_solve(methods[k], g, NULL, &l, &err);
            CHECK_MSG(st == BRINK_OK, "%s game %d: %s", methods[k], t, err.message);
            if (st == BRINK_OK) {
                for (int i = 0; i < l.count; i++)
                    CHECK_MSG(l.items[i].verified == 1, "%s game %d: profile %d not exact",
                              methods[k], t, i);
                eqset got;
                fx_profile_set(g, &l, &got);
                for (int i = 0; i < got.count; i++)
                    CHECK_MSG(fx_set_has(&want, got.items[i]), "%s game %d: %s is no "
                              "equilibrium of enummixed's list", methods[k], t, got.items[i]);
                found[k] += got.count;
                eqset_free(&got);
            }
            brink_profile_list_free(&l);
        }
        /* the path itself: an odd number of crossings on a regular path */
        brink_profile_list l;
        brink_profile_list_init(&l);
        gnm_stats gs;
        if (gnm_follow(g, &o, NULL, &l, &gs, &err) == BRINK_OK && !gs.broken && !gs.stopped)
            odd += gs.crossings % 2 == 1;
        brink_profile_list_free(&l);
        games++;
        eqset_free(&want);
        brink_profile_list_free(&all);
        brink_nfg_free(g);
    }
    CHECK(odd >= games * 9 / 10);
    printf("2 players: %d games; gnm %d equilibria, ipa %d, all among enummixed's; "
           "%d paths with an odd number of crossings\n", games, found[0], found[1], odd);
}

static void test_three_player_known(void)
{
    /* Jordan (1993): 1 wants to match 2, 2 to match 3, 3 to mismatch 1; the one equilibrium
     * is every player at 1/2. Cells in Gambit order (player 1 fastest). */
    brink_nfg *g = fx_cyclic_pennies();
    for (int k = 0; k < 2; k++) {
        brink_profile_list l;
        brink_error err;
        brink_status st = fx_solve(methods[k], g, NULL, &l, &err);
        CHECK_MSG(st == BRINK_OK, "%s: %s", methods[k], err.message);
        if (st == BRINK_OK) {
            CHECK_EQ_INT(l.count, 1);
            CHECK(l.items[0].verified == 1);
            for (int a = 0; a < 6; a++)
                CHECK_NEAR(l.items[0].p[a], 0.5, 1e-12);
        }
        brink_profile_list_free(&l);
    }
    brink_nfg_free(g);
    /* the 3-player test game (2 x 3 x 2): its pure equilibria (1,2,2) and (2,3,2) pay 4 and
     * 7 to everyone; gnm's path from the default seed finds both, each exactly verified */
    brink_game game;
    brink_error err;
    if (fx_read_data_game("three_player.nfg", &game))
        return;
    brink_profile_list l;
    if (fx_solve("gnm", game.nfg, NULL, &l, &err) == BRINK_OK) {
        int pay4 = 0, pay7 = 0;
        all_ok(game.nfg, &l, "three_player gnm");
        for (int i = 0; i < l.count; i++)
            if (l.items[i].verified == 1) {
                pay4 += fabs(l.items[i].value[0] - 4) < 1e-12 && l.items[i].p[0] == 1;
                pay7 += fabs(l.items[i].value[0] - 7) < 1e-12;
            }
        CHECK(pay4 == 1 && pay7 == 1);
    } else {
        CHECK_MSG(0, "gnm: %s", err.message);
    }
    brink_profile_list_free(&l);
    if (fx_solve("ipa", game.nfg, NULL, &l, &err) == BRINK_OK)
        all_ok(game.nfg, &l, "three_player ipa");
    else
        CHECK_MSG(0, "ipa: %s", err.message);
    brink_profile_list_free(&l);
    brink_game_free(&game);
}

/* McKelvey and McLennan's 2x2x2 game (Gambit's contrib/games/2x2x2.nfg): 9 Nash equilibria,
 * 4 pure and 2 totally mixed. gnm's path from the default seed crosses all 9. */
static void test_mckelvey_mclennan(void)
{
    brink_game game;
    brink_error err;
    if (fx_read_data_game("mckelvey_mclennan_2x2x2.nfg", &game))
        return;
    const brink_nfg *g = game.nfg;
    brink_profile_list l;
    if (fx_solve("gnm", g, NULL, &l, &err) == BRINK_OK) {
        all_ok(g, &l, "McKelvey-McLennan gnm");
        CHECK_EQ_INT(l.count, 9);
        int pure = 0, mixed = 0;
        for (int i = 0; i < l.count; i++) {
            int ones = 0, positive = 0;
            for (int a = 0; a < 6; a++) {
                ones += l.items[i].p[a] == 1;
                positive += l.items[i].p[a] > 1e-9;
            }
            pure += ones == 3;
            mixed += positive == 6;
        }
        CHECK_EQ_INT(pure, 4);
        CHECK_EQ_INT(mixed, 2);
    } else {
        CHECK_MSG(0, "gnm: %s", err.message);
    }
    brink_profile_list_free(&l);
    if (fx_solve("ipa", g, NULL, &l, &err) == BRINK_OK)
        all_ok(g, &l, "McKelvey-McLennan ipa");
    else
        CHECK_MSG(0, "ipa: %s", err.message);
    brink_profile_list_free(&l);
    brink_game_free(&game);
}

static void test_random_property(void)
{
    fx_rng r = {2027};
    int games = 0, profiles[2] = {0, 0}, exact[2] = {0, 0}, ipa_fell = 0;
    for (int t = 0; t < 24; t++) {
        brink_nfg *g = random_game(&r, 3 + t % 2, t % 2 ? 3 : 4, -50, 50);
        for (int k = 0; k < 2; k++) {
            brink_profile_list l, l2;
            brink_error err;
            brink_solve_options o;
            brink_solve_options_init(&o);
            o.seed = 11 + (uint64_t)t;
            brink_status st = fx_solve(methods[k], g, &o, &l, &err);
            CHECK_MSG(st == BRINK_OK, "%s game %d: %s", methods[k], t, err.message);
            if (st == BRINK_OK) {
                char what[48];
                snprintf(what, sizeof what, "%s random %d", methods[k], t);
                exact[k] += all_ok(g, &l, what);
                profiles[k] += l.count;
                /* the same seed: the same profiles */
                if (fx_solve(methods[k], g, &o, &l2, &err) == BRINK_OK) {
                    CHECK_EQ_INT(l2.count, l.count);
                    for (int i = 0; i < l.count && i < l2.count; i++)
                        for (int a = 0; a < g->total_strats; a++)
                            CHECK(l.items[i].p[a] == l2.items[i].p[a]);
                }
                brink_profile_list_free(&l2);
            }
            brink_profile_list_free(&l);
        }
        brink_solve_options o;
        brink_solve_options_init(&o);
        o.seed = 11 + (uint64_t)t;
        brink_profile_list l;
        brink_profile_list_init(&l);
        ipa_stats is;
        brink_error err;
        if (ipa_iterate(g, &o, &l, &is, &err) == BRINK_OK && l.count == 0)
            ipa_fell++;
        brink_profile_list_free(&l);
        games++;
        brink_nfg_free(g);
    }
    printf("3-4 players: %d games; gnm %d profiles (%d exact), ipa %d (%d exact), ipa's "
           "iteration fell back to simpdiv on %d\n", games, profiles[0], exact[0], profiles[1],
           exact[1], ipa_fell);
}

static void test_degenerate(void)
{
    /* constant payoffs: every profile is an equilibrium */
    int ns[3] = {2, 3, 2};
    brink_nfg *g = brink_nfg_new(3, ns, NULL);
    for (int k = 0; k < 2; k++) {
        brink_profile_list l;
        brink_error err;
        brink_status st = fx_solve(methods[k], g, NULL, &l, &err);
        CHECK_MSG(st == BRINK_OK, "%s constant: %s", methods[k], err.message);
        if (st == BRINK_OK)
            all_ok(g, &l, "constant");
        brink_profile_list_free(&l);
    }
    brink_nfg_free(g);
    /* many ties: payoffs in {0, 1}; single-strategy players */
    fx_rng r = {99};
    for (int t = 0; t < 16; t++) {
        int N = 2 + t % 3, nss[4];
        for (int i = 0; i < N; i++)
            nss[i] = (int)fx_rand(&r, 1, 3);
        g = brink_nfg_new(N, nss, NULL);
        for (size_t c = 0; c < g->ncells; c++)
            for (int p = 0; p < N; p++)
                brink_nfg_set_payoff_si(g, c, p, fx_rand(&r, 0, 1), 1);
        for (int k = 0; k < 2; k++) {
            brink_profile_list l;
            brink_error err;
            brink_solve_options o;
            brink_solve_options_init(&o);
            o.time_limit = 10; /* a bound, not a measurement: these end in milliseconds */
            brink_status st = fx_solve(methods[k], g, &o, &l, &err);
            CHECK_MSG(st == BRINK_OK, "%s ties %d: %s", methods[k], t, err.message);
            if (st == BRINK_OK)
                CHECK_MSG(l.count >= 1, "%s ties %d: no profile", methods[k], t);
            brink_profile_list_free(&l);
        }
        brink_nfg_free(g);
    }
}

static void test_budget(void)
{
    fx_rng r = {5};
    brink_nfg *g = random_game(&r, 3, 4, 0, 100);
    for (int k = 0; k < 2; k++) {
        brink_solve_options o;
        brink_solve_options_init(&o);
        o.max_iterations = 2;
        brink_profile_list l;
        brink_error err;
        brink_status st = fx_solve(methods[k], g, &o, &l, &err);
        CHECK_MSG(st == BRINK_OK && l.count >= 1, "%s budget: %s", methods[k],
                  st ? err.message : "no profile");
        /* two steps do not reach lambda = 0 (gnm): the profile is simpdiv's, and said so */
        if (k == 0 && st == BRINK_OK)
            CHECK(l.stats.fallback_method && strcmp(l.stats.fallback_method, "simpdiv") == 0);
        if (st == BRINK_OK && l.stats.fallback_method)
            CHECK_STR(l.stats.fallback_method, "simpdiv");
        brink_profile_list_free(&l);
    }
    brink_nfg_free(g);
}

int main(void)
{
    test_two_player_known();
    test_three_player_known();
    test_mckelvey_mclennan();
    test_random_property();
    test_degenerate();
    test_budget();
    return check_finish();
}
