/* test_efg_cfr.c — the CFR family: convergence of the average strategy on Kuhn poker (value
 * -1/18, NashConv -> 0) and Leduc (CFR+ approaches the LP value -0.0856064), external-sampling
 * MCCFR on Kuhn, the solver contract (target NashConv, progress and cancel), and the threaded
 * passes giving the same numbers as the serial ones. */
#include "check.h"
#include "brink/brink.h"
#include "brink/cfr.h"
#include "brink/generate.h"

static double run_variant(const brink_efg *g, brink_cfr_variant v, long iters, int threads,
                          double *value0, double *avg_out)
{
    brink_cfr_params p;
    brink_cfr_params_init(&p, v);
    p.threads = threads;
    brink_error err;
    brink_cfr *c = brink_cfr_new(g, &p, &err);
    CHECK(c != NULL);
    if (!c)
        return INFINITY;
    brink_cfr_iterate(c, iters);
    CHECK_EQ_INT(brink_cfr_iterations(c), iters);
    double nc = INFINITY;
    CHECK(brink_cfr_nashconv(c, &nc, &err) == BRINK_OK);
    double *b = malloc((size_t)g->nactions * sizeof *b), val[8];
    brink_cfr_average(c, b);
    brink_efg_values(g, b, val);
    if (value0)
        *value0 = val[0];
    /* CFR's own NashConv (its specialised passes) agrees with the shared tree evaluator */
    double nc2 = INFINITY;
    CHECK(brink_efg_nashconv(g, b, &nc2, NULL, &err) == BRINK_OK);
    CHECK_NEAR(nc, nc2, 1e-12);
    if (avg_out)
        memcpy(avg_out, b, (size_t)g->nactions * sizeof *b);
    free(b);
    CHECK(brink_cfr_bytes_per_iteration(c) > 0);
    brink_cfr_free(c);
    return nc;
}

static void test_kuhn(void)
{
    brink_error err;
    brink_efg *g = brink_gen_kuhn(&err);
    double v, nc;
    /* vanilla CFR: O(1/sqrt(T)) */
    nc = run_variant(g, BRINK_CFR_VANILLA, 2000, 1, &v, NULL);
    CHECK_MSG(nc < 0.02, "cfr NashConv %g", nc);
    CHECK_NEAR(v, -1.0 / 18, 5e-3);
    nc = run_variant(g, BRINK_CFR_PLUS, 2000, 1, &v, NULL);
    CHECK_MSG(nc < 1e-3, "cfr+ NashConv %g", nc);
    CHECK_NEAR(v, -1.0 / 18, 1e-3);
    nc = run_variant(g, BRINK_CFR_DISCOUNTED, 2000, 1, &v, NULL);
    CHECK_MSG(nc < 1e-3, "dcfr NashConv %g", nc);
    CHECK_NEAR(v, -1.0 / 18, 1e-3);
    /* more iterations, smaller NashConv (CFR+ on Kuhn) */
    double nc_long = run_variant(g, BRINK_CFR_PLUS, 20000, 1, NULL, NULL);
    CHECK_MSG(nc_long < 2e-4, "cfr+ NashConv after 20000: %g", nc_long);
    /* external sampling, seeded: deterministic, converging more slowly */
    nc = run_variant(g, BRINK_CFR_EXTERNAL_SAMPLING, 50000, 1, &v, NULL);
    CHECK_MSG(nc < 0.05, "mccfr NashConv %g", nc);
    brink_efg_free(g);
}

static void test_leduc(void)
{
    brink_error err;
    brink_efg *g = brink_gen_leduc(&err);
    double v;
    double nc = run_variant(g, BRINK_CFR_PLUS, 1000, 1, &v, NULL);
    CHECK_MSG(nc < 2e-3, "cfr+ Leduc NashConv %g", nc);
    CHECK_NEAR(v, -0.0856064, 1e-3);
    nc = run_variant(g, BRINK_CFR_DISCOUNTED, 1000, 1, &v, NULL);
    CHECK_MSG(nc < 2e-3, "dcfr Leduc NashConv %g", nc);
    brink_efg_free(g);
}

/* The thread pool splits the passes; the result must match the serial run. */
static void test_threads_match(void)
{
    brink_error err;
    brink_crisis_params cp;
    brink_crisis_params_init(&cp);
    cp.rounds = 4;
    cp.levels = 3;
    cp.types = 3;
    brink_efg *g = brink_gen_crisis(&cp, &err);
    double *a = malloc((size_t)g->nactions * sizeof *a), *b = malloc((size_t)g->nactions * sizeof *b);
    double nc1 = run_variant(g, BRINK_CFR_PLUS, 50, 1, NULL, a);
    double nc3 = run_variant(g, BRINK_CFR_PLUS, 50, 3, NULL, b);
    CHECK_NEAR(nc1, nc3, 1e-9);
    double diff = 0;
    for (int k = 0; k < g->nactions; k++)
        diff = fmax(diff, fabs(a[k] - b[k]));
    CHECK_MSG(diff < 1e-9, "threaded average differs by %g", diff);
    brink_cfr_params p;
    brink_cfr_params_init(&p, BRINK_CFR_PLUS);
    p.threads = 3;
    brink_cfr *c = brink_cfr_new(g, &p, &err);
    CHECK(c && brink_cfr_threads(c) == 3);
    brink_cfr_free(c);
    free(a);
    free(b);
    brink_efg_free(g);
}

typedef struct prog {
    int calls;
    int cancel_after;
} prog;

static int on_progress(void *ctx, double fraction, const char *what)
{
    prog *p = ctx;
    p->calls++;
    (void)fraction;
    CHECK(strstr(what, "NashConv") != NULL);
    return p->cancel_after > 0 && p->calls >= p->cancel_after;
}

static void test_solver_contract(void)
{
    brink_error err;
    brink_game game = {BRINK_GAME_EFG, NULL, brink_gen_kuhn(&err)};
    const char *names[4] = {"cfr", "cfr+", "dcfr", "mccfr"};
    for (int k = 0; k < 4; k++) {
        const brink_solver *s = brink_solver_find(names[k]);
        CHECK(s != NULL && (s->flags & BRINK_SOLVER_APPROX));
        if (!s)
            continue;
        brink_solve_options o;
        brink_solve_options_init(&o);
        o.target_exploitability = k == 3 ? 0.1 : 0.01;
        brink_profile_list l;
        brink_profile_list_init(&l);
        CHECK(brink_solve(s, &game, &o, &l, &err) == BRINK_OK);
        CHECK_EQ_INT(l.count, 1);
        CHECK(l.stats.residual <= o.target_exploitability);
        CHECK(l.stats.iterations > 0 && l.stats.iterations < 10000000L);
        if (l.count == 1)
            CHECK_NEAR(l.items[0].nashconv, l.stats.residual, 1e-12);
        brink_profile_list_free(&l);
    }
    /* progress and cancel */
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.max_iterations = 100000;
    prog pg = {0, 3};
    o.progress = on_progress;
    o.progress_ctx = &pg;
    brink_profile_list l;
    brink_profile_list_init(&l);
    CHECK(brink_solve(brink_solver_find("cfr+"), &game, &o, &l, &err) == BRINK_OK);
    CHECK_EQ_INT(pg.calls, 3);
    CHECK(l.stats.iterations < 100000);
    brink_profile_list_free(&l);
    /* fixed budget */
    brink_solve_options_init(&o);
    o.max_iterations = 123;
    brink_profile_list_init(&l);
    CHECK(brink_solve(brink_solver_find("dcfr"), &game, &o, &l, &err) == BRINK_OK);
    CHECK_EQ_INT(l.stats.iterations, 123);
    brink_profile_list_free(&l);
    brink_efg_free(game.efg);
}

/* Three players: CFR runs (no convergence guarantee) and NashConv is finite. */
static void test_three_players(void)
{
    brink_efg_builder *b = brink_efg_builder_new(3, NULL);
    const char *acts[2] = {"L", "R"};
    int h[3];
    for (int i = 0; i < 3; i++)
        h[i] = brink_efg_builder_add_infoset(b, i, 2, "", acts, NULL, 0, NULL);
    mpq_t pay[3];
    for (int i = 0; i < 3; i++)
        mpq_init(pay[i]);
    brink_efg_builder_add_node(b, "", h[0], -1, NULL);
    for (int x = 0; x < 2; x++) {
        brink_efg_builder_add_node(b, "", h[1], -1, NULL);
        for (int y = 0; y < 2; y++) {
            brink_efg_builder_add_node(b, "", h[2], -1, NULL);
            for (int z = 0; z < 2; z++) {
                mpq_set_si(pay[0], x == z, 1);
                mpq_set_si(pay[1], y != z, 1);
                mpq_set_si(pay[2], x + y == 1, 1);
                int o = brink_efg_builder_add_outcome(b, "", pay, 0, NULL);
                brink_efg_builder_add_node(b, "", -1, o, NULL);
            }
        }
    }
    for (int i = 0; i < 3; i++)
        mpq_clear(pay[i]);
    brink_efg *g = brink_efg_builder_finish(b, NULL);
    CHECK(g != NULL);
    if (!g)
        return;
    double nc = run_variant(g, BRINK_CFR_VANILLA, 200, 1, NULL, NULL);
    CHECK(isfinite(nc) && nc >= 0);
    brink_efg_free(g);
}

int main(void)
{
    test_kuhn();
    test_leduc();
    test_threads_match();
    test_solver_contract();
    test_three_players();
    return check_finish();
}
