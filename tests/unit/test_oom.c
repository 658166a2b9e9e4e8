/* test_oom.c — the core, game model, reader/writer and basic solvers survive every allocation
 * failure (see oom_harness.h). */
#include "brink/brink.h"
#include "check.h"
#include "efg_fixtures.h"
#include "oom_harness.h"
#include "solve/solvers.h"

/* Each returns 1 on success, 0 on a reported failure, -1 on a silent one. */
static int build_centipede(void *ctx)
{
    (void)ctx;
    brink_efg *g = fx_centipede();
    int ok = g != NULL;
    brink_efg_free(g);
    return ok;
}

static int build_bluff_reduce_and_solve(void *ctx)
{
    (void)ctx;
    brink_efg *g = fx_bluff();
    if (!g) return 0;
    brink_error err;
    brink_error_clear(&err);
    brink_reduced *map = NULL;
    brink_nfg *nf = brink_efg_to_nfg(g, &map, &err);
    int ok = 1;
    if (!nf) ok = err.code == BRINK_ENOMEM ? 0 : -1;
    else {
        brink_solve_options o;
        brink_solve_options_init(&o);
        brink_profile_list l;
        brink_profile_list_init(&l);
        brink_status st = brink_solver_enumpure.solve_nfg(nf, &o, &l, &err);
        if (st) ok = st == BRINK_ENOMEM ? 0 : -1;
        for (int i = 0; ok == 1 && i < l.count; i++) {
            st = brink_verify_nfg(nf, &l.items[i], 1, &err);
            if (st) ok = st == BRINK_ENOMEM ? 0 : -1;
        }
        brink_profile_list_free(&l);
    }
    brink_reduced_free(map);
    brink_nfg_free(nf);
    brink_efg_free(g);
    return ok;
}

static int spe_centipede(void *ctx)
{
    (void)ctx;
    brink_efg *g = fx_centipede();
    if (!g) return 0;
    brink_solve_options o;
    brink_solve_options_init(&o);
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_error err;
    brink_error_clear(&err);
    brink_status st = brink_solver_spe.solve_efg(g, &o, &l, &err);
    int ok = st == BRINK_OK ? 1 : st == BRINK_ENOMEM ? 0 : -1;
    brink_profile_list_free(&l);
    brink_efg_free(g);
    return ok;
}

static int nfg_clone(void *ctx)
{
    (void)ctx;
    int ns[3] = {2, 3, 2};
    brink_nfg *g = brink_nfg_new(3, ns, NULL);
    if (!g) return 0;
    brink_nfg *c = brink_nfg_clone(g, NULL);
    int ok = c != NULL;
    brink_nfg_free(c);
    brink_nfg_free(g);
    return ok;
}

static int read_game_text(void *ctx)
{
    (void)ctx;
    static const char text[] =
        "EFG 2 R \"t\" { \"A\" \"B\" }\n\"\"\n"
        "c \"\" 1 \"deal\" { \"H\" 1/2 \"L\" 1/2 } 0\n"
        "p \"\" 1 1 \"h\" { \"b\" \"f\" } 0\n"
        "p \"\" 2 1 \"x\" { \"c\" \"p\" } 0\n"
        "t \"\" 1 \"o1\" { 2 -2 }\nt \"\" 2 \"o2\" { 1 -1 }\nt \"\" 3 \"o3\" { -1 1 }\n"
        "p \"\" 1 2 \"l\" { \"b\" \"f\" } 0\n"
        "p \"\" 2 1 0\nt \"\" 4 \"o4\" { -2 2 }\nt \"\" 2\nt \"\" 3\n";
    brink_error err;
    brink_error_clear(&err);
    brink_efg *g = brink_efg_read(text, sizeof text - 1, "mem.efg", &err);
    if (!g) return err.code == BRINK_ENOMEM ? 0 : -1;
    brink_buf out;
    brink_buf_init(&out);
    brink_status st = brink_efg_write(g, &out, &err);
    int ok = st == BRINK_OK ? 1 : st == BRINK_ENOMEM ? 0 : -1;
    brink_buf_free(&out);
    brink_efg_free(g);
    return ok;
}

int main(void)
{
    oom_exhaust("builder", build_centipede, NULL);
    oom_exhaust("reduce+enumpure+verify", build_bluff_reduce_and_solve, NULL);
    oom_exhaust("spe", spe_centipede, NULL);
    oom_exhaust("nfg clone", nfg_clone, NULL);
    oom_exhaust("efg read+write", read_game_text, NULL);
    return check_finish();
}
