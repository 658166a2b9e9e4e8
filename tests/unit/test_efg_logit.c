/* test_efg_logit.c — the agent logit QRE path (McKelvey and Palfrey 1998).
 *
 *  - A one-player choice between payoffs 0 and 1: sigma(1) = e^l / (1 + e^l).
 *  - Kuhn poker at lambda = 1.5: the profile is a fixed point of the agent logit response
 *    with Bayes beliefs (checked independently here); the limit is an equilibrium, -1/18.
 *  - The Kreps–Wilson (1982) two-entrant chain store with a Tough (prior 1/5) or Weak
 *    incumbent, entrant gain b = 1/2, monopoly profit a = 2. Literature answer (unique
 *    sequential equilibrium, since prior < b^2): the first entrant enters; a Weak incumbent
 *    fights it with probability p(1-b)/((1-p)b) = 1/4, so the second entrant's belief in
 *    Tough after a fight is b = 1/2 and it stays out with probability 1/a = 1/2; after
 *    acquiescence it enters (belief 0), after the first entrant stays out it enters (belief
 *    = prior 1/5 < b); in the last period Tough fights and Weak acquiesces.
 */
#include "check.h"
#include "brink/brink.h"
#include "brink/generate.h"
#include "efg_games.h"

static brink_status run(brink_efg *g, double lambda, int path, brink_profile_list *l)
{
    brink_game game = {BRINK_GAME_EFG, NULL, g};
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.lambda = lambda;
    o.want_path = path;
    brink_error err;
    brink_profile_list_init(l);
    brink_status st = brink_solve(brink_solver_find("agent-logit"), &game, &o, l, &err);
    if (st != BRINK_OK)
        fprintf(stderr, "agent-logit: %s\n", err.message);
    return st;
}

static void test_one_choice(void)
{
    brink_efg_builder *b = brink_efg_builder_new(1, NULL);
    const char *acts[2] = {"zero", "one"};
    int h = brink_efg_builder_add_infoset(b, 0, 2, "choice", acts, NULL, 0, NULL);
    brink_efg_builder_add_node(b, "", h, -1, NULL);
    mpq_t pay[1];
    mpq_init(pay[0]);
    for (int k = 0; k < 2; k++) {
        mpq_set_si(pay[0], k, 1);
        int o = brink_efg_builder_add_outcome(b, "", pay, 0, NULL);
        brink_efg_builder_add_node(b, "", -1, o, NULL);
    }
    mpq_clear(pay[0]);
    brink_efg *g = brink_efg_builder_finish(b, NULL);
    brink_profile_list l;
    CHECK(run(g, 2.0, 0, &l) == BRINK_OK && l.count == 1);
    if (l.count == 1) {
        CHECK_NEAR(l.items[0].p[1], exp(2.0) / (1 + exp(2.0)), 1e-9);
        CHECK_NEAR(l.items[0].lambda, 2.0, 0);
    }
    brink_profile_list_free(&l);
    brink_efg_free(g);
}

/* Max over actions of |sigma(a) - logit(lambda Q)(a)| with Q from Bayes beliefs. */
static double qre_defect(const brink_efg *g, const double *p, double lambda)
{
    int n = g->nplayers;
    double *reach = malloc((size_t)g->nnodes * sizeof *reach);
    double *U = calloc((size_t)g->nnodes * n, sizeof *U);
    brink_efg_reach(g, p, reach);
    for (int v = g->nnodes - 1; v >= 0; v--) {
        int l = g->node_leaf[v];
        if (l >= 0)
            for (int i = 0; i < n; i++)
                U[(size_t)v * n + i] = g->leaf_pay[(size_t)l * n + i];
        if (v > 0) {
            int pa = g->node_parent[v];
            for (int i = 0; i < n; i++)
                U[(size_t)pa * n + i] += p[g->node_action[v]] * U[(size_t)v * n + i];
        }
    }
    double worst = 0;
    for (int h = 0; h < g->player_infoset_start[n]; h++) {
        int i = g->infoset_player[h], na = g->infoset_nactions[h];
        int a0 = g->infoset_action_start[h];
        double q[8], tot = 0, z = 0;
        for (int k = 0; k < g->infoset_nmembers[h]; k++)
            tot += reach[g->infoset_member[g->infoset_member_start[h] + k]];
        for (int a = 0; a < na; a++) {
            q[a] = 0;
            for (int k = 0; k < g->infoset_nmembers[h]; k++) {
                int v = g->infoset_member[g->infoset_member_start[h] + k];
                q[a] += reach[v] / tot * U[(size_t)brink_efg_child(g, v, a) * n + i];
            }
        }
        for (int a = 0; a < na; a++)
            z += exp(lambda * q[a]);
        for (int a = 0; a < na; a++)
            worst = fmax(worst, fabs(p[a0 + a] - exp(lambda * q[a]) / z));
    }
    free(reach);
    free(U);
    return worst;
}

static void test_kuhn(void)
{
    brink_error err;
    brink_efg *g = brink_gen_kuhn(&err);
    brink_profile_list l;
    CHECK(run(g, 1.5, 0, &l) == BRINK_OK && l.count == 1);
    if (l.count == 1) {
        CHECK(qre_defect(g, l.items[0].p, 1.5) < 1e-9);
        CHECK(l.items[0].belief != NULL);
        CHECK(l.items[0].nashconv > 1e-3); /* a QRE at finite lambda is not an equilibrium */
    }
    brink_profile_list_free(&l);
    /* the whole path: lambda increases from 0 */
    CHECK(run(g, 5.0, 1, &l) == BRINK_OK && l.count > 3);
    if (l.count > 3) {
        CHECK_NEAR(l.items[0].lambda, 0, 0);
        CHECK_NEAR(l.items[l.count - 1].lambda, 5.0, 0);
        CHECK(qre_defect(g, l.items[l.count / 2].p, l.items[l.count / 2].lambda) < 1e-8);
    }
    brink_profile_list_free(&l);
    /* the limit */
    CHECK(run(g, NAN, 0, &l) == BRINK_OK && l.count == 1);
    if (l.count == 1) {
        CHECK(l.items[0].nashconv < 1e-6);
        CHECK_NEAR(l.items[0].value[0], -1.0 / 18, 1e-6);
    }
    brink_profile_list_free(&l);
    brink_efg_free(g);
}

/* Kreps–Wilson chain store; players: 0 first entrant, 1 second entrant, 2 incumbent. */
static brink_efg *chain_store(void)
{
    brink_efg_builder *b = brink_efg_builder_new(3, NULL);
    brink_efg_builder_set_player_name(b, 0, "Entrant 1", NULL);
    brink_efg_builder_set_player_name(b, 1, "Entrant 2", NULL);
    brink_efg_builder_set_player_name(b, 2, "Incumbent", NULL);
    mpq_t pr[2], pay[3];
    mpq_init(pr[0]);
    mpq_init(pr[1]);
    mpq_set_si(pr[0], 1, 5);
    mpq_set_si(pr[1], 4, 5);
    const char *types[2] = {"Tough", "Weak"}, *enter[2] = {"Out", "In"},
               *resp[2] = {"Fight", "Acquiesce"};
    int hc = brink_efg_builder_add_infoset(b, BRINK_CHANCE, 2, "type", types,
                                           (const mpq_t *)pr, 0, NULL);
    mpq_clear(pr[0]);
    mpq_clear(pr[1]);
    int e1 = brink_efg_builder_add_infoset(b, 0, 2, "E1", enter, NULL, 0, NULL);
    int e2[3]; /* after Out, after In-Fight, after In-Acquiesce */
    const char *e2l[3] = {"E2|out", "E2|fight", "E2|acquiesce"};
    for (int k = 0; k < 3; k++)
        e2[k] = brink_efg_builder_add_infoset(b, 1, 2, e2l[k], enter, NULL, 0, NULL);
    for (int i = 0; i < 3; i++)
        mpq_init(pay[i]);
    /* payoffs in halves: b = 1/2, a = 2 */
    const long A2 = 4, B2 = 1;
    brink_efg_builder_add_node(b, "", hc, -1, NULL);
    for (int t = 0; t < 2; t++) {
        char lab[32];
        /* per-period incumbent payoff (halves): fight / acquiesce */
        long fight = t == 0 ? 0 : -2, acq = t == 0 ? -2 : 0;
        brink_efg_builder_add_node(b, "", e1, -1, NULL);
        for (int first = 0; first < 3; first++) { /* 0: E1 out, 1: fight, 2: acquiesce */
            long e1pay = first == 0 ? 0 : first == 1 ? B2 - 2 : B2;
            long i1 = first == 0 ? A2 : first == 1 ? fight : acq;
            if (first == 1) { /* the incumbent's first-period node */
                snprintf(lab, sizeof lab, "I%d|in", t);
                int hi = brink_efg_builder_add_infoset(b, 2, 2, lab, resp, NULL, 0, NULL);
                brink_efg_builder_add_node(b, "", hi, -1, NULL);
            }
            brink_efg_builder_add_node(b, "", e2[first], -1, NULL);
            /* E2 out */
            mpq_set_si(pay[0], e1pay, 2);
            mpq_set_si(pay[1], 0, 1);
            mpq_set_si(pay[2], i1 + A2, 2);
            for (int i = 0; i < 3; i++)
                mpq_canonicalize(pay[i]);
            brink_efg_builder_add_node(b, "", -1, brink_efg_builder_add_outcome(b, "", pay, 0, NULL), NULL);
            /* E2 in: the incumbent's last decision */
            snprintf(lab, sizeof lab, "I%d|%d,in", t, first);
            int hl = brink_efg_builder_add_infoset(b, 2, 2, lab, resp, NULL, 0, NULL);
            brink_efg_builder_add_node(b, "", hl, -1, NULL);
            for (int r = 0; r < 2; r++) {
                mpq_set_si(pay[0], e1pay, 2);
                mpq_set_si(pay[1], r == 0 ? B2 - 2 : B2, 2);
                mpq_set_si(pay[2], i1 + (r == 0 ? fight : acq), 2);
                for (int i = 0; i < 3; i++)
                    mpq_canonicalize(pay[i]);
                brink_efg_builder_add_node(b, "", -1, brink_efg_builder_add_outcome(b, "", pay, 0, NULL), NULL);
            }
        }
    }
    for (int i = 0; i < 3; i++)
        mpq_clear(pay[i]);
    brink_error err;
    brink_efg *g = brink_efg_builder_finish(b, &err);
    if (!g)
        fprintf(stderr, "chain store: %s\n", err.message);
    return g;
}

static void test_chain_store(void)
{
    brink_efg *g = chain_store();
    CHECK(g != NULL);
    if (!g)
        return;
    brink_profile_list l;
    CHECK(run(g, NAN, 0, &l) == BRINK_OK && l.count == 1);
    if (l.count == 1) {
        const brink_profile *pr = &l.items[0];
        const double *p = pr->p;
        CHECK(pr->nashconv < 1e-6);
        CHECK_NEAR(eg_prob(g, p, "E1", 1), 1.0, 1e-4);          /* enters */
        CHECK_NEAR(eg_prob(g, p, "I1|in", 0), 0.25, 1e-4);      /* Weak fights 1/4 */
        CHECK_NEAR(eg_prob(g, p, "I0|in", 0), 1.0, 1e-4);       /* Tough fights */
        CHECK_NEAR(eg_prob(g, p, "E2|fight", 0), 0.5, 1e-4);    /* stays out 1/2 */
        CHECK_NEAR(eg_prob(g, p, "E2|acquiesce", 1), 1.0, 1e-4);
        CHECK_NEAR(eg_prob(g, p, "E2|out", 1), 1.0, 1e-4);      /* off the path: enters */
        CHECK_NEAR(eg_prob(g, p, "I1|1,in", 1), 1.0, 1e-4);     /* last period */
        CHECK_NEAR(eg_prob(g, p, "I0|1,in", 0), 1.0, 1e-4);
        /* beliefs: Tough with 1/2 after a fight, 1/5 after Out (off the path) */
        CHECK_NEAR(pr->belief[eg_member(g, "E2|fight", 0)], 0.5, 1e-4);
        CHECK_NEAR(pr->belief[eg_member(g, "E2|out", 0)], 0.2, 1e-9);
        CHECK_NEAR(pr->belief[eg_member(g, "E2|acquiesce", 0)], 0.0, 1e-4);
        brink_assessment_report rep;
        brink_error err;
        CHECK(brink_verify_assessment(g, pr, 1e-4, &rep, &err) == BRINK_OK);
        CHECK(rep.consistent && rep.sequentially_rational);
        if (pr->q) /* rounded to the exact equilibrium */
            CHECK_EQ_INT(pr->verified, 1);
    }
    brink_profile_list_free(&l);
    brink_efg_free(g);
}

/* Counts proportional to the QRE at lambda = 2 in Kuhn: the likelihood peaks at 2. */
static void test_fit(void)
{
    brink_error err;
    brink_efg *g = brink_gen_kuhn(&err);
    brink_profile_list l;
    CHECK(run(g, 2.0, 0, &l) == BRINK_OK && l.count == 1);
    double *counts = calloc((size_t)g->nactions, sizeof *counts);
    for (int a = 0; a < g->nactions && l.count == 1; a++)
        counts[a] = 1000 * l.items[0].p[a];
    brink_profile_list_free(&l);
    double lam = -1, ll = 0;
    brink_profile_list_init(&l);
    CHECK(brink_agent_logit_fit(g, counts, NULL, &lam, &ll, &l, &err) == BRINK_OK);
    CHECK_NEAR(lam, 2.0, 1e-3);
    CHECK(isfinite(ll) && ll < 0);
    CHECK_EQ_INT(l.count, 1);
    if (l.count == 1)
        CHECK_NEAR(l.items[0].lambda, lam, 0);
    brink_profile_list_free(&l);
    /* bad counts */
    counts[0] = -1;
    CHECK(brink_agent_logit_fit(g, counts, NULL, &lam, &ll, NULL, &err) == BRINK_EINVALID);
    free(counts);
    brink_efg_free(g);
}

int main(void)
{
    test_fit();
    test_one_choice();
    test_kuhn();
    test_chain_store();
    return check_finish();
}
