/* test_nfg.c — strategic-form games: construction, cells, pure equilibria, verification. */
#include "brink/brink.h"
#include "check.h"
#include "solve/solvers.h"

/* Build a 2-player bimatrix game from integer tables a (row) and b (column). */
static brink_nfg *bimatrix(int m, int n, const long *a, const long *b)
{
    int ns[2] = {m, n};
    brink_nfg *g = brink_nfg_new(2, ns, NULL);
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            int s[2] = {i, j};
            size_t c = brink_nfg_cell(g, s);
            brink_nfg_set_payoff_si(g, c, 0, a[i * n + j], 1);
            brink_nfg_set_payoff_si(g, c, 1, b[i * n + j], 1);
        }
    return g;
}

static int count_pure(const brink_nfg *g, brink_profile_list *l)
{
    brink_solve_options o;
    brink_solve_options_init(&o);
    brink_profile_list_init(l);
    if (brink_solver_enumpure.solve_nfg(g, &o, l, NULL)) return -1;
    for (int i = 0; i < l->count; i++) {
        brink_verify_nfg(g, &l->items[i], 1, NULL);
        CHECK(l->items[i].verified == 1);
    }
    return l->count;
}

static void test_cells(void)
{
    int ns[3] = {2, 3, 4};
    brink_nfg *g = brink_nfg_new(3, ns, NULL);
    CHECK(g && g->ncells == 24 && g->total_strats == 9);
    int s[3] = {1, 2, 3}, t[3];
    size_t c = brink_nfg_cell(g, s);
    CHECK_EQ_INT(c, 1 + 2 * (2 + 3 * 3));
    brink_nfg_cell_strats(g, c, t);
    CHECK(t[0] == 1 && t[1] == 2 && t[2] == 3);
    brink_nfg *h = brink_nfg_clone(g, NULL);
    CHECK(h && brink_nfg_equal(g, h));
    brink_nfg_set_payoff_si(h, 5, 1, 3, 2);
    CHECK(!brink_nfg_equal(g, h));
    CHECK_NEAR(h->pay[5 * 3 + 1], 1.5, 0);
    brink_nfg_free(g);
    brink_nfg_free(h);

    brink_error err;
    int huge[3] = {100000, 100000, 100000};
    CHECK(brink_nfg_new(3, huge, &err) == NULL && err.code == BRINK_ETOOBIG);
    int zero[2] = {2, 0};
    CHECK(brink_nfg_new(2, zero, &err) == NULL && err.code == BRINK_EINVALID);
    CHECK(brink_nfg_new(0, zero, &err) == NULL);
}

static void test_pure_textbook(void)
{
    brink_profile_list l;
    /* Prisoners' dilemma: (Defect, Defect) is the unique equilibrium. */
    long pa[] = {3, 0, 5, 1}, pb[] = {3, 5, 0, 1};
    brink_nfg *pd = bimatrix(2, 2, pa, pb);
    CHECK_EQ_INT(count_pure(pd, &l), 1);
    CHECK(l.items[0].p[1] == 1 && l.items[0].p[3] == 1);
    CHECK(mpq_cmp_si(l.items[0].valueq[0], 1, 1) == 0);
    brink_profile_list_free(&l);
    /* A non-equilibrium is caught exactly: (C, C). */
    brink_profile_list_init(&l);
    brink_profile *pr = brink_profile_list_add(&l, BRINK_PROFILE_MIXED, 4, 1, NULL);
    mpq_set_ui(pr->q[0], 1, 1);
    mpq_set_ui(pr->q[2], 1, 1);
    brink_profile_sync_doubles(pr);
    brink_verify_nfg(pd, pr, 1, NULL);
    CHECK(pr->verified == -1);
    CHECK_NEAR(pr->max_regret, 2, 1e-12);
    CHECK_NEAR(pr->nashconv, 4, 1e-12);
    brink_profile_list_free(&l);
    brink_nfg_free(pd);

    /* Battle of the sexes: two pure equilibria, and the mixed one (2/3,1/3),(1/3,2/3). */
    long ba[] = {2, 0, 0, 1}, bb[] = {1, 0, 0, 2};
    brink_nfg *bos = bimatrix(2, 2, ba, bb);
    CHECK_EQ_INT(count_pure(bos, &l), 2);
    brink_profile_list_free(&l);
    brink_profile_list_init(&l);
    pr = brink_profile_list_add(&l, BRINK_PROFILE_MIXED, 4, 0, NULL);
    pr->p[0] = 2.0 / 3; pr->p[1] = 1.0 / 3; pr->p[2] = 1.0 / 3; pr->p[3] = 2.0 / 3;
    brink_verify_nfg(bos, pr, 1, NULL);
    CHECK(pr->verified == 1); /* rationalised to 2/3, 1/3 and checked exactly */
    CHECK(mpq_cmp_si(pr->valueq[0], 2, 3) == 0);
    brink_profile_list_free(&l);
    brink_nfg_free(bos);

    /* Matching pennies: no pure equilibrium. */
    long ma[] = {1, -1, -1, 1}, mb[] = {-1, 1, 1, -1};
    brink_nfg *mp = bimatrix(2, 2, ma, mb);
    CHECK_EQ_INT(count_pure(mp, &l), 0);
    brink_profile_list_free(&l);
    mpq_t sum;
    mpq_init(sum);
    CHECK(brink_nfg_is_constant_sum(mp, sum) && mpq_sgn(sum) == 0);
    mpq_clear(sum);
    brink_nfg_free(mp);

    /* A game where every cell is an equilibrium (all payoffs equal). */
    long za[] = {0, 0, 0, 0, 0, 0}, zb[] = {0, 0, 0, 0, 0, 0};
    brink_nfg *z = bimatrix(2, 3, za, zb);
    CHECK_EQ_INT(count_pure(z, &l), 6);
    brink_profile_list_free(&l);
    brink_nfg_free(z);
}

/* Three-player coordination: payoff 1 to all when all choose the same, else 0, except that
 * player 3 gets 2 when all choose B. Pure equilibria: (A,A,A), (B,B,B), and profiles where no
 * single player can create agreement: any with two players differing from the third... */
static void test_three_player(void)
{
    int ns[3] = {2, 2, 2};
    brink_nfg *g = brink_nfg_new(3, ns, NULL);
    for (size_t c = 0; c < g->ncells; c++) {
        int s[3];
        brink_nfg_cell_strats(g, c, s);
        int agree = s[0] == s[1] && s[1] == s[2];
        for (int p = 0; p < 3; p++)
            brink_nfg_set_payoff_si(g, c, p, agree ? (p == 2 && s[0] == 1 ? 2 : 1) : 0, 1);
    }
    brink_profile_list l;
    /* (A,A,A) and (B,B,B) are equilibria. In a mixed cell like (A,A,B) player 3 can switch to
     * A and gain, so it is not. In (A,B,?) no single deviation creates agreement unless the
     * other two already agree; e.g. (A,B,A): player 2 switching to A gains -> not equilibrium.
     * Every non-agreeing cell has exactly one odd player out who can gain: so exactly 2. */
    CHECK_EQ_INT(count_pure(g, &l), 2);
    brink_profile_list_free(&l);
    brink_nfg_free(g);
}

int main(void)
{
    test_cells();
    test_pure_textbook();
    test_three_player();
    return check_finish();
}
