/* test_efg_seqlp.c — the sequence-form LP on zero-sum games with known values: Kuhn poker
 * (-1/18, exact), Leduc hold'em (-0.0856064..., Southey et al. 2005 / OpenSpiel report
 * -0.0856), and a one-card bluffing game (value 1/3, bluff 1/3, call 2/3). */
#include "check.h"
#include "brink/brink.h"
#include "brink/generate.h"
#include "efg_fixtures.h"
#include "efg_games.h"

static brink_profile *solve(brink_efg *g, const char *method, brink_profile_list *l,
                            brink_status *st)
{
    brink_game game = {BRINK_GAME_EFG, NULL, g};
    brink_solve_options o;
    brink_solve_options_init(&o);
    brink_error err;
    brink_profile_list_init(l);
    *st = brink_solve(brink_solver_find(method), &game, &o, l, &err);
    if (*st != BRINK_OK)
        fprintf(stderr, "%s: %s\n", method, err.message);
    return *st == BRINK_OK && l->count == 1 ? &l->items[0] : NULL;
}

static void test_kuhn(void)
{
    brink_error err;
    brink_efg *g = brink_gen_kuhn(&err);
    brink_profile_list l;
    brink_status st;
    brink_profile *pr = solve(g, "seqlp", &l, &st);
    CHECK(pr != NULL);
    if (pr) {
        CHECK_EQ_INT(pr->verified, 1);
        CHECK(pr->valueq && mpq_cmp_si(pr->valueq[0], -1, 18) == 0);
        /* Player 2's part of every Kuhn equilibrium is unique: bluff 1/3 with J after a
         * check, call 1/3 with Q after a bet. */
        CHECK_NEAR(eg_prob(g, pr->p, "2:Jx", 1), 1.0 / 3, 1e-12);
        CHECK_NEAR(eg_prob(g, pr->p, "2:Qb", 1), 1.0 / 3, 1e-12);
        CHECK_NEAR(eg_prob(g, pr->p, "2:Kb", 1), 1.0, 1e-12);
    }
    brink_profile_list_free(&l);
    brink_efg_free(g);
}

static void test_leduc(void)
{
    brink_error err;
    brink_efg *g = brink_gen_leduc(&err);
    brink_profile_list l, lc;
    brink_status st;
    brink_profile *pr = solve(g, "seqlp", &l, &st);
    CHECK(pr != NULL);
    if (pr) {
        CHECK_EQ_INT(pr->verified, 1);
        CHECK_NEAR(pr->value[0], -0.0856064, 5e-7);
        CHECK(pr->nashconv < 1e-12);
    }
    /* the card-level tree has exactly the same value */
    brink_efg *gc = brink_gen_leduc_cards(&err);
    brink_profile *pc = solve(gc, "seqlp", &lc, &st);
    CHECK(pc != NULL);
    if (pr && pc) {
        CHECK_EQ_INT(pc->verified, 1);
        CHECK(pr->valueq && pc->valueq && mpq_equal(pr->valueq[0], pc->valueq[0]));
    }
    brink_profile_list_free(&l);
    brink_profile_list_free(&lc);
    brink_efg_free(g);
    brink_efg_free(gc);
}

static void test_bluff(void)
{
    brink_efg *g = fx_bluff();
    brink_profile_list l;
    brink_status st;
    brink_profile *pr = solve(g, "seqlp", &l, &st);
    CHECK(pr != NULL);
    if (pr) {
        CHECK_EQ_INT(pr->verified, 1);
        CHECK(pr->valueq && mpq_cmp_si(pr->valueq[0], 1, 3) == 0);
        CHECK_NEAR(eg_prob(g, pr->p, "holds Low", 0), 1.0 / 3, 1e-12);
        CHECK_NEAR(eg_prob(g, pr->p, "holds High", 0), 1.0, 1e-12);
        CHECK_NEAR(eg_prob(g, pr->p, "after a bet", 0), 2.0 / 3, 1e-12);
    }
    brink_profile_list_free(&l);
    brink_efg_free(g);
}

static void test_rejects_general_sum(void)
{
    brink_efg *g = fx_entry();
    brink_profile_list l;
    brink_status st;
    CHECK(solve(g, "seqlp", &l, &st) == NULL);
    CHECK_EQ_INT(st, BRINK_EUNSUPPORTED);
    brink_profile_list_free(&l);
    brink_efg_free(g);
}

int main(void)
{
    (void)fx_centipede; /* shared fixtures this test does not use */
    test_kuhn();
    test_leduc();
    test_bluff();
    test_rejects_general_sum();
    return check_finish();
}
