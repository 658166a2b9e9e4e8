/* test_efg_seqform.c — the sequence form: sizes, realisation-plan constraints, behaviour <->
 * plan round trips, payoffs through the aggregated entries (doubles and exact), and the
 * perfect-recall requirement. */
#include "check.h"
#include "brink/brink.h"
#include "brink/generate.h"
#include "game/seqform_internal.h"
#include "efg_games.h"

static void random_behav(const brink_efg *g, brink_rng *rng, double *p)
{
    for (int h = 0; h < g->ninfosets; h++) {
        int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
        double s = 0;
        for (int a = 0; a < na; a++) {
            p[a0 + a] = g->infoset_player[h] == BRINK_CHANCE ? g->action_prob[a0 + a]
                                                              : brink_rng_uniform(rng) + 0.01;
            s += p[a0 + a];
        }
        if (g->infoset_player[h] != BRINK_CHANCE)
            for (int a = 0; a < na; a++)
                p[a0 + a] /= s;
    }
}

/* r[0] = 1, r >= 0 and sum over an infoset's actions = weight of its parent sequence. */
static double plan_violation(const brink_seqform *sf, const double *plans)
{
    const brink_efg *g = sf->game;
    double worst = 0;
    const double *r = plans;
    for (int i = 0; i < sf->nplayers; i++) {
        int as = g->player_action_start[i];
        worst = fmax(worst, fabs(r[0] - 1));
        for (int h = g->player_infoset_start[i]; h < g->player_infoset_start[i + 1]; h++) {
            double s = 0;
            for (int a = 0; a < g->infoset_nactions[h]; a++) {
                double x = r[1 + g->infoset_action_start[h] + a - as];
                worst = fmax(worst, -x);
                s += x;
            }
            worst = fmax(worst, fabs(s - r[sf->infoset_parent_seq[h]]));
        }
        r += sf->nseqs[i];
    }
    return worst;
}

static double entry_payoff(const brink_seqform *sf, const double *plans, int player)
{
    int n = sf->nplayers;
    double v = 0;
    for (int e = 0; e < sf->nentries; e++) {
        double w = sf->entry_pay[(size_t)e * n + player];
        for (int i = 0; i < n; i++)
            w *= plans[brink_seqform_plan_offset(sf, i) + sf->entry_seq[(size_t)e * n + i]];
        v += w;
    }
    return v;
}

static void check_game(brink_efg *g, int seed)
{
    brink_error err;
    brink_seqform *sf = brink_seqform_new(g, &err);
    CHECK_MSG(sf != NULL, "%s", err.message);
    if (!sf)
        return;
    int total = 0;
    for (int i = 0; i < g->nplayers; i++) {
        CHECK_EQ_INT(sf->nseqs[i], 1 + g->player_action_start[i + 1] - g->player_action_start[i]);
        total += sf->nseqs[i];
    }
    double *p = calloc((size_t)g->nactions, sizeof *p), *p2 = calloc((size_t)g->nactions, sizeof *p2);
    double *plans = calloc((size_t)total, sizeof *plans);
    double *val = calloc((size_t)g->nplayers, sizeof *val);
    brink_rng rng;
    brink_rng_seed(&rng, (uint64_t)seed);
    for (int trial = 0; trial < 5; trial++) {
        random_behav(g, &rng, p);
        brink_seqform_realization_from_behav(sf, p, plans);
        CHECK(plan_violation(sf, plans) < 1e-12);
        brink_seqform_behav_from_realization(sf, plans, p2);
        double diff = 0;
        for (int a = 0; a < g->nactions; a++)
            diff = fmax(diff, fabs(p[a] - p2[a]));
        CHECK_MSG(diff < 1e-12, "round trip differs by %g", diff);
        brink_efg_values(g, p, val);
        for (int i = 0; i < g->nplayers; i++)
            CHECK_NEAR(entry_payoff(sf, plans, i), val[i], 1e-10);
    }
    /* Aggregation: no two entries share a sequence tuple. */
    int n = sf->nplayers, dup = 0;
    for (int e = 1; e < sf->nentries; e++)
        if (memcmp(sf->entry_seq + (size_t)e * n, sf->entry_seq + (size_t)(e - 1) * n,
                   (size_t)n * sizeof(int)) == 0)
            dup++;
    CHECK_EQ_INT(dup, 0);
    free(p);
    free(p2);
    free(plans);
    free(val);
    brink_seqform_free(sf);
}

/* Exact: the Kuhn equilibrium's plans give value -1/18 through the entries, and plans
 * convert back to the same behaviour where the infoset is reached. */
static void test_kuhn_exact(void)
{
    brink_error err;
    brink_efg *g = brink_gen_kuhn(&err);
    brink_seqform *sf = brink_seqform_new(g, &err);
    CHECK_EQ_INT(sf->nseqs[0], 13);
    CHECK_EQ_INT(sf->nseqs[1], 13);
    mpq_t *q = brink_q_array_new((size_t)g->nactions);
    mpq_t *back = brink_q_array_new((size_t)g->nactions);
    mpq_t *plans = brink_q_array_new(26);
    eg_kuhn_equilibrium(g, q);
    brink_seqform_realization_from_behavq(sf, (const mpq_t *)q, plans);
    mpq_t v, w;
    mpq_init(v);
    mpq_init(w);
    for (int e = 0; e < sf->nentries; e++) {
        mpq_mul(w, sf->entry_payq[(size_t)e * 2], plans[sf->entry_seq[(size_t)e * 2]]);
        mpq_mul(w, w, plans[13 + sf->entry_seq[(size_t)e * 2 + 1]]);
        mpq_add(v, v, w);
    }
    CHECK(mpq_cmp_si(v, -1, 18) == 0);
    brink_seqform_behav_from_realizationq(sf, (const mpq_t *)plans, back);
    /* Player 1 never bets with J, so "1:Jxb" is reached; every infoset of Kuhn is reached
     * under this profile except none: all behaviour must round-trip exactly. */
    int same = 1;
    for (int a = 0; a < g->nactions; a++)
        if (!mpq_equal(q[a], back[a]))
            same = 0;
    CHECK(same);
    mpq_clear(v);
    mpq_clear(w);
    brink_q_array_free(q, (size_t)g->nactions);
    brink_q_array_free(back, (size_t)g->nactions);
    brink_q_array_free(plans, 26);
    brink_seqform_free(sf);
    brink_efg_free(g);
}

/* Unreached infosets get uniform behaviour from a plan. */
static void test_unreached_uniform(void)
{
    brink_error err;
    brink_efg *g = brink_gen_kuhn(&err);
    brink_seqform *sf = brink_seqform_new(g, &err);
    double plans[26], *p = calloc((size_t)g->nactions, sizeof *p);
    eg_uniform(g, p);
    int h = eg_infoset(g, "1:J");
    p[g->infoset_action_start[h]] = 0; /* always bet with J: "1:Jxb" unreached */
    p[g->infoset_action_start[h] + 1] = 1;
    brink_seqform_realization_from_behav(sf, p, plans);
    double *b = calloc((size_t)g->nactions, sizeof *b);
    brink_seqform_behav_from_realization(sf, plans, b);
    int hx = eg_infoset(g, "1:Jxb");
    CHECK_NEAR(b[g->infoset_action_start[hx]], 0.5, 0);
    CHECK_NEAR(b[g->infoset_action_start[h] + 1], 1.0, 0);
    free(p);
    free(b);
    brink_seqform_free(sf);
    brink_efg_free(g);
}

/* A player who forgets her own first move: the second infoset contains both successors. */
static void test_imperfect_recall(void)
{
    brink_efg_builder *b = brink_efg_builder_new(1, NULL);
    const char *acts[2] = {"L", "R"};
    int h1 = brink_efg_builder_add_infoset(b, 0, 2, "first", acts, NULL, 0, NULL);
    int h2 = brink_efg_builder_add_infoset(b, 0, 2, "forgot", acts, NULL, 0, NULL);
    mpq_t pay[1];
    mpq_init(pay[0]);
    brink_efg_builder_add_node(b, "", h1, -1, NULL);
    for (int k = 0; k < 2; k++) {
        brink_efg_builder_add_node(b, "", h2, -1, NULL);
        for (int j = 0; j < 2; j++) {
            mpq_set_si(pay[0], k == j, 1);
            int o = brink_efg_builder_add_outcome(b, "", pay, 0, NULL);
            brink_efg_builder_add_node(b, "", -1, o, NULL);
        }
    }
    mpq_clear(pay[0]);
    brink_error err;
    brink_efg *g = brink_efg_builder_finish(b, &err);
    CHECK(g != NULL);
    if (!g)
        return;
    brink_seqform *sf = brink_seqform_new(g, &err);
    CHECK(sf == NULL);
    CHECK_EQ_INT(err.code, BRINK_EINVALID);
    brink_efg_free(g);
}

int main(void)
{
    brink_error err;
    brink_efg *kuhn = brink_gen_kuhn(&err), *leduc = brink_gen_leduc(&err);
    brink_crisis_params cp;
    brink_crisis_params_init(&cp);
    cp.types = 3;
    brink_efg *crisis = brink_gen_crisis(&cp, &err);
    check_game(kuhn, 1);
    check_game(leduc, 2);
    check_game(crisis, 3);
    brink_efg_free(kuhn);
    brink_efg_free(leduc);
    brink_efg_free(crisis);
    test_kuhn_exact();
    test_unreached_uniform();
    test_imperfect_recall();
    return check_finish();
}
