/* test_efg_seqlcp.c — Lemke on the sequence-form LCP: exact equilibria of zero-sum games with
 * known values (Kuhn -1/18, bluffing game 1/3), general-sum games (entry deterrence, the
 * crisis family) verified exactly, double and exact pivoting agreeing on verification, and
 * the LCP machinery on small hand-made problems. */
#include "check.h"
#include "brink/brink.h"
#include "brink/generate.h"
#include "solve/lcp/lemke.h"
#include "efg_fixtures.h"
#include "efg_games.h"

static brink_status run(brink_efg *g, const char *method, int exact, brink_profile_list *l)
{
    brink_game game = {BRINK_GAME_EFG, NULL, g};
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.exact = exact;
    brink_error err;
    brink_profile_list_init(l);
    brink_status st = brink_solve(brink_solver_find(method), &game, &o, l, &err);
    if (st != BRINK_OK)
        fprintf(stderr, "%s: %s\n", method, err.message);
    return st;
}

static void check_exact_equilibrium(brink_efg *g, int exact, long vnum, unsigned long vden,
                                    int check_value)
{
    brink_profile_list l;
    CHECK(run(g, "seqlcp", exact, &l) == BRINK_OK);
    CHECK_EQ_INT(l.count, 1);
    if (l.count == 1) {
        brink_profile *pr = &l.items[0];
        CHECK_EQ_INT(pr->verified, 1);
        CHECK(pr->q != NULL);
        if (check_value)
            CHECK(pr->valueq && mpq_cmp_si(pr->valueq[0], vnum, vden) == 0);
        CHECK(l.stats.iterations > 0);
    }
    brink_profile_list_free(&l);
}

static void test_games(void)
{
    brink_error err;
    for (int exact = 0; exact < 2; exact++) {
        brink_efg *g = brink_gen_kuhn(&err);
        check_exact_equilibrium(g, exact, -1, 18, 1);
        brink_efg_free(g);
        g = fx_bluff();
        check_exact_equilibrium(g, exact, 1, 3, 1);
        brink_efg_free(g);
        g = fx_entry();
        check_exact_equilibrium(g, exact, 0, 1, 0);
        brink_efg_free(g);
        brink_crisis_params cp;
        brink_crisis_params_init(&cp);
        for (int r = 1; r <= 2; r++) {
            cp.rounds = r;
            cp.types = 1 + r;
            g = brink_gen_crisis(&cp, &err);
            check_exact_equilibrium(g, exact, 0, 1, 0);
            brink_efg_free(g);
        }
        g = eg_beer_quiche();
        check_exact_equilibrium(g, exact, 0, 1, 0);
        brink_efg_free(g);
    }
}

/* LCP with a known unique solution: M = [[2,1],[1,2]], q = (-5,-6): z = (4/3, 7/3), w = 0. */
static void test_small_lcp(void)
{
    brink_lcp *l = brink_lcp_new(2, 1);
    brink_lcp_add_si(l, 0, 0, 2, NULL);
    brink_lcp_add_si(l, 0, 1, 1, NULL);
    brink_lcp_add_si(l, 1, 0, 1, NULL);
    brink_lcp_add_si(l, 1, 1, 2, NULL);
    mpq_set_si(l->q[0], -5, 1);
    mpq_set_si(l->q[1], -6, 1);
    mpq_set_ui(l->d[0], 1, 1);
    mpq_set_ui(l->d[1], 1, 1);
    CHECK(brink_lcp_sync_doubles(l, NULL) == BRINK_OK);
    mpq_t *z = brink_q_array_new(2);
    long piv = 0;
    CHECK(brink_lemke_exact(l, 0, z, NULL, &piv, NULL) == BRINK_OK);
    CHECK(mpq_cmp_si(z[0], 4, 3) == 0);
    CHECK(mpq_cmp_si(z[1], 7, 3) == 0);
    double zd[2];
    int basis[2], feasible = 0;
    CHECK(brink_lemke_double(l, 0, 1e-12, zd, basis, &piv, NULL) == BRINK_OK);
    CHECK_NEAR(zd[0], 4.0 / 3, 1e-12);
    CHECK(brink_lcp_solve_basis_exact(l, basis, z, &feasible, NULL) == BRINK_OK);
    CHECK(feasible);
    CHECK(mpq_cmp_si(z[1], 7, 3) == 0);
    /* the same basis solved into integers over one positive denominator */
    mpz_t zn[2], den;
    mpz_inits(zn[0], zn[1], den, NULL);
    int as_int = 0;
    feasible = 0;
    CHECK(brink_lcp_solve_basis_exact_int(l, basis, z, zn, den, &as_int, &feasible, NULL) ==
          BRINK_OK);
    CHECK(feasible && as_int && mpz_sgn(den) > 0);
    mpq_t r;
    mpq_init(r);
    mpq_set_num(r, zn[0]);
    mpq_set_den(r, den);
    mpq_canonicalize(r);
    CHECK(mpq_cmp_si(r, 4, 3) == 0);
    mpq_set_num(r, zn[1]);
    mpq_set_den(r, den);
    mpq_canonicalize(r);
    CHECK(mpq_cmp_si(r, 7, 3) == 0);
    mpq_clear(r);
    mpz_clears(zn[0], zn[1], den, NULL);
    brink_q_array_free(z, 2);
    brink_lcp_free(l);

    /* A ray: M = [[-1]], q = (-1): w = -1 - z >= 0 has no solution. */
    l = brink_lcp_new(1, 1);
    brink_lcp_add_si(l, 0, 0, -1, NULL);
    mpq_set_si(l->q[0], -1, 1);
    mpq_set_ui(l->d[0], 1, 1);
    brink_lcp_sync_doubles(l, NULL);
    z = brink_q_array_new(1);
    brink_error err;
    CHECK(brink_lemke_exact(l, 0, z, NULL, &piv, &err) == BRINK_EINTERNAL);
    brink_q_array_free(z, 1);
    brink_lcp_free(l);
}

int main(void)
{
    (void)fx_centipede; /* shared fixtures this test does not use */
    test_games();
    test_small_lcp();
    return check_finish();
}
