/* test_efg_sequential.c — sequential equilibria with beliefs (quasi-perfect, Miltersen–
 * Sørensen), checked against the literature, and the assessment verifier on assessments that
 * must fail.
 *
 *  - Beer-quiche (Cho and Kreps 1987): every sequential equilibrium pools; the on-path
 *    receiver does not duel and believes the prior (9/10 Strong); off the path the belief in
 *    Weak is >= 1/2 and the receiver duels with probability >= 1/2.
 *  - Entry deterrence (Selten's chain-store stage): the only sequential equilibrium is
 *    (In, Accommodate); the Nash equilibrium (Out, Fight) rests on an incredible threat.
 *  - Kuhn poker: value -1/18, every information set reached, beliefs = Bayes.
 */
#include "check.h"
#include "brink/brink.h"
#include "brink/generate.h"
#include "efg_fixtures.h"
#include "efg_games.h"

static brink_status run(brink_efg *g, int exact, brink_profile_list *l)
{
    brink_game game = {BRINK_GAME_EFG, NULL, g};
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.exact = exact;
    brink_error err;
    brink_profile_list_init(l);
    brink_status st = brink_solve(brink_solver_find("sequential"), &game, &o, l, &err);
    if (st != BRINK_OK)
        fprintf(stderr, "sequential: %s\n", err.message);
    return st;
}

static void check_assessment(const brink_efg *g, const brink_profile *pr)
{
    brink_assessment_report rep;
    brink_error err;
    CHECK(pr->beliefq != NULL && pr->belief != NULL);
    CHECK(brink_verify_assessment(g, pr, 0, &rep, &err) == BRINK_OK);
    CHECK(rep.exact);
    CHECK(rep.consistent);
    CHECK(rep.sequentially_rational);
}

static void test_beer_quiche(int exact)
{
    brink_efg *g = eg_beer_quiche();
    brink_profile_list l;
    CHECK(run(g, exact, &l) == BRINK_OK && l.count == 1);
    if (l.count == 1) {
        brink_profile *pr = &l.items[0];
        CHECK_EQ_INT(pr->verified, 1);
        check_assessment(g, pr);
        double beer_s = eg_prob(g, pr->p, "strong", 0), beer_w = eg_prob(g, pr->p, "weak", 0);
        /* pooling, in pure strategies */
        CHECK(beer_s == beer_w && (beer_s == 0 || beer_s == 1));
        const char *on = beer_s == 1 ? "beer" : "quiche", *off = beer_s == 1 ? "quiche" : "beer";
        CHECK_NEAR(eg_prob(g, pr->p, on, 1), 1.0, 0);           /* Not on the path */
        int strong_on = eg_member(g, on, 0), weak_off = eg_member(g, off, 1);
        CHECK(mpq_cmp_si(pr->beliefq[strong_on], 9, 10) == 0);  /* prior on the path */
        CHECK(mpq_cmp_si(pr->beliefq[weak_off], 1, 2) >= 0);    /* off-path: Weak >= 1/2 */
        CHECK(eg_prob(g, pr->p, off, 0) >= 0.5);                /* and a duel threat */
        CHECK(pr->valueq && (mpq_cmp_si(pr->valueq[0], 29, 10) == 0 ||
                             mpq_cmp_si(pr->valueq[0], 21, 10) == 0));
    }
    brink_profile_list_free(&l);
    brink_efg_free(g);
}

static void test_entry(int exact)
{
    brink_efg *g = fx_entry();
    brink_profile_list l;
    CHECK(run(g, exact, &l) == BRINK_OK && l.count == 1);
    if (l.count == 1) {
        brink_profile *pr = &l.items[0];
        check_assessment(g, pr);
        CHECK_NEAR(pr->p[1], 1.0, 0); /* In */
        CHECK_NEAR(pr->p[3], 1.0, 0); /* Accommodate */
        CHECK(pr->valueq && mpq_cmp_si(pr->valueq[0], 1, 1) == 0);
    }
    brink_profile_list_free(&l);
    brink_efg_free(g);
}

static void test_kuhn_and_crisis(void)
{
    brink_error err;
    brink_efg *g = brink_gen_kuhn(&err);
    brink_profile_list l;
    CHECK(run(g, 0, &l) == BRINK_OK && l.count == 1);
    if (l.count == 1) {
        CHECK(l.items[0].valueq && mpq_cmp_si(l.items[0].valueq[0], -1, 18) == 0);
        check_assessment(g, &l.items[0]);
        /* Everything is on the path in Kuhn: beliefs at "2:Qb" are Bayes: the J and K
         * holders bet with the equilibrium probabilities. Check Bayes in doubles. */
        double *reach = malloc((size_t)g->nnodes * sizeof *reach);
        brink_efg_reach(g, l.items[0].p, reach);
        int h = eg_infoset(g, "1:Qxb");
        int v0 = g->infoset_member[g->infoset_member_start[h]];
        int v1 = g->infoset_member[g->infoset_member_start[h] + 1];
        if (reach[v0] + reach[v1] > 0)
            CHECK_NEAR(l.items[0].belief[v0], reach[v0] / (reach[v0] + reach[v1]), 1e-12);
        free(reach);
    }
    brink_profile_list_free(&l);
    brink_efg_free(g);
    brink_crisis_params cp;
    brink_crisis_params_init(&cp);
    cp.rounds = 2;
    cp.types = 3;
    g = brink_gen_crisis(&cp, &err);
    CHECK(run(g, 0, &l) == BRINK_OK && l.count == 1);
    if (l.count == 1)
        check_assessment(g, &l.items[0]);
    brink_profile_list_free(&l);
    brink_efg_free(g);
}

/* The verifier must reject assessments that are not sequential. */
static void test_verifier_rejects(void)
{
    brink_error err;
    brink_assessment_report rep;
    /* (Out, Fight) in the entry game: a Nash equilibrium, not sequentially rational. */
    brink_efg *g = fx_entry();
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_profile *pr = brink_profile_list_add(&l, BRINK_PROFILE_BEHAV, g->nactions, 1, NULL);
    pr->belief = calloc((size_t)g->nnodes, sizeof(double));
    pr->beliefq = brink_q_array_new((size_t)g->nnodes);
    pr->nbelief = g->nnodes;
    mpq_set_ui(pr->q[0], 1, 1); /* Out */
    mpq_set_ui(pr->q[2], 1, 1); /* Fight */
    for (int v = 0; v < g->nnodes; v++) {
        if (g->node_infoset[v] >= 0) {
            mpq_set_ui(pr->beliefq[v], 1, 1);
            pr->belief[v] = 1;
        }
    }
    brink_profile_sync_doubles(pr);
    CHECK(brink_verify_efg(g, pr, 1, &err) == BRINK_OK);
    CHECK_EQ_INT(pr->verified, 1); /* Nash */
    CHECK(brink_verify_assessment(g, pr, 0, &rep, &err) == BRINK_OK);
    CHECK(rep.exact && rep.consistent);
    CHECK(!rep.sequentially_rational);
    CHECK_NEAR(rep.max_regret, 2.0, 0);
    CHECK_EQ_INT(rep.worst_infoset, g->node_infoset[2]);
    /* the same in doubles */
    brink_q_array_free(pr->beliefq, (size_t)g->nnodes);
    pr->beliefq = NULL;
    CHECK(brink_verify_assessment(g, pr, 1e-9, &rep, &err) == BRINK_OK);
    CHECK(!rep.exact && !rep.sequentially_rational);
    brink_profile_list_free(&l);
    brink_efg_free(g);

    /* Beer-quiche, pooling on Beer, but the receiver duels after Quiche believing Weak with
     * only 1/4 (not rational), and believes 1/2 Strong after Beer (not Bayes). */
    g = eg_beer_quiche();
    brink_profile_list_init(&l);
    pr = brink_profile_list_add(&l, BRINK_PROFILE_BEHAV, g->nactions, 1, NULL);
    pr->belief = calloc((size_t)g->nnodes, sizeof(double));
    pr->beliefq = brink_q_array_new((size_t)g->nnodes);
    pr->nbelief = g->nnodes;
    eg_set_chance(g, pr->q);
    EG_SET2(g, pr->q, "strong", 1, 1, 0, 1);
    EG_SET2(g, pr->q, "weak", 1, 1, 0, 1);
    EG_SET2(g, pr->q, "beer", 0, 1, 1, 1);
    EG_SET2(g, pr->q, "quiche", 1, 1, 0, 1);
    for (int v = 0; v < g->nnodes; v++)
        if (g->node_infoset[v] >= 0 && g->infoset_nmembers[g->node_infoset[v]] == 1)
            mpq_set_ui(pr->beliefq[v], 1, 1);
    mpq_set_si(pr->beliefq[eg_member(g, "beer", 0)], 1, 2);
    mpq_set_si(pr->beliefq[eg_member(g, "beer", 1)], 1, 2);
    mpq_set_si(pr->beliefq[eg_member(g, "quiche", 0)], 3, 4);
    mpq_set_si(pr->beliefq[eg_member(g, "quiche", 1)], 1, 4);
    for (int v = 0; v < g->nnodes; v++)
        pr->belief[v] = mpq_get_d(pr->beliefq[v]);
    brink_profile_sync_doubles(pr);
    CHECK(brink_verify_assessment(g, pr, 0, &rep, &err) == BRINK_OK);
    CHECK(!rep.consistent);
    CHECK(!rep.sequentially_rational);
    CHECK_EQ_INT(rep.worst_infoset, eg_infoset(g, "quiche"));
    /* Fix the on-path belief: consistent now, still not rational off the path. */
    mpq_set_si(pr->beliefq[eg_member(g, "beer", 0)], 9, 10);
    mpq_set_si(pr->beliefq[eg_member(g, "beer", 1)], 1, 10);
    pr->belief[eg_member(g, "beer", 0)] = 0.9;
    pr->belief[eg_member(g, "beer", 1)] = 0.1;
    CHECK(brink_verify_assessment(g, pr, 0, &rep, &err) == BRINK_OK);
    CHECK(rep.consistent);
    CHECK(!rep.sequentially_rational);
    /* ... and with belief 1/2 in Weak after Quiche the duel is rational: sequential. */
    mpq_set_si(pr->beliefq[eg_member(g, "quiche", 0)], 1, 2);
    mpq_set_si(pr->beliefq[eg_member(g, "quiche", 1)], 1, 2);
    pr->belief[eg_member(g, "quiche", 0)] = 0.5;
    pr->belief[eg_member(g, "quiche", 1)] = 0.5;
    CHECK(brink_verify_assessment(g, pr, 0, &rep, &err) == BRINK_OK);
    CHECK(rep.consistent && rep.sequentially_rational);
    brink_profile_list_free(&l);
    brink_efg_free(g);
}

int main(void)
{
    (void)fx_centipede; /* shared fixtures this test does not use */
    (void)fx_bluff;
    test_beer_quiche(0);
    test_beer_quiche(1);
    test_entry(0);
    test_entry(1);
    test_kuhn_and_crisis();
    test_verifier_rejects();
    return check_finish();
}
