/* test_scenario_library.c — every built-in scenario's answer agrees with a result derived by
 * hand (derivations in the comments), at the default parameter values and at the thresholds
 * its questions ask about. Solvers that landed later (enummixed, sequential) are used when
 * registered; checks that need them say SKIP otherwise.
 */
#include <math.h>
#include <string.h>

#include "check.h"
#include "brink/analysis.h"
#include "threshold_util.h"

static brink_analysis *run(const char *id, brink_scenario **out)
{
    brink_error err;
    brink_error_clear(&err);
    *out = brink_scenario_load(id, &err);
    CHECK_MSG(*out != NULL, "%s: %s", id, err.message);
    if (!*out)
        return NULL;
    brink_analysis *a = brink_analyze(*out, NULL, &err);
    CHECK_MSG(a != NULL, "%s: %s", id, err.message);
    return a;
}

static const brink_answer *answer(const brink_analysis *a, const char *id)
{
    for (int i = 0; i < a->nanswers; i++)
        if (!strcmp(a->answers[i].q->id, id))
            return &a->answers[i];
    CHECK_MSG(0, "no answer '%s'", id);
    return NULL;
}

/* Flip k of a threshold answer lies exactly at the rational `q` ("1/2"), between the watched
 * choices `before` and `after` (NULL: not checked); every region's equilibria pass the
 * independent exact check. */
static void check_flip(const brink_analysis *a, const char *id, int k, const char *q,
                       const char *before, const char *after)
{
    const brink_answer *an = answer(a, id);
    if (!an)
        return;
    CHECK_MSG(an->status == BRINK_OK, "%s: %s", id, an->message);
    CHECK_MSG(an->threshold != NULL, "%s: no threshold answer", id);
    if (!an->threshold)
        return;
    tu_check_flip(an->threshold, a->sc, k, q, before, after, id);
    if (k == 0)
        tu_verify_regions(an->threshold, a->sc, 4, id);
}

/* Probability of action `label` at the decision `ref` in equilibrium e. */
static double prob(const brink_analysis *a, int e, const char *ref, const char *label)
{
    int h;
    brink_error err;
    if (brink_scenario_find_decisions(a->sc, ref, &h, 1, &err) < 1) {
        CHECK_MSG(0, "no decision %s", ref);
        return NAN;
    }
    const brink_efg *g = a->game;
    for (int k = 0; k < g->infoset_nactions[h]; k++)
        if (!strcmp(g->action_label[g->infoset_action_start[h] + k], label))
            return a->eq[e].behav[g->infoset_action_start[h] + k];
    CHECK_MSG(0, "no action %s at %s", label, ref);
    return NAN;
}

/* The outcome group with these levels ("issue=level" pairs; other issues any level),
 * matched by issue and level ids, or -1. */
static int group(const brink_analysis *a, int n, const char *const *issue,
                 const char *const *level)
{
    int ni = brink_scenario_nissues(a->sc);
    for (int k = 0; k < a->ngroups; k++) {
        int ok = 1;
        for (int j = 0; j < n && ok; j++) {
            ok = 0;
            for (int i = 0; i < ni; i++)
                if (!strcmp(brink_scenario_issue_name(a->sc, i), issue[j])) {
                    int l = a->group_level[(size_t)k * (size_t)ni + (size_t)i];
                    ok = l >= 0 && !strcmp(brink_scenario_issue_level(a->sc, i, l), level[j]);
                }
        }
        if (ok)
            return k;
    }
    return -1;
}

static double issue_mean(const brink_analysis *a, int e, const char *name)
{
    for (int k = 0; k < brink_scenario_nissues(a->sc); k++)
        if (!strcmp(brink_scenario_issue_name(a->sc, k), name))
            return a->eq[e].issue_mean[k];
    return NAN;
}

/* M1. The sketch's derivation: a resolute DPRK cancels when refused, a bluffer backs down.
 * After a demand the US concedes for v - c = 3 or holds firm for (1 - mu) v, mu = P(resolute
 * | demand): it holds firm iff mu < c / v = 1/2. Below that threshold the bluffer, indifferent
 * (6 either way), demands with any probability b >= p / (1 - p) = 3/7 at p = 0.3: a continuum
 * of equilibria whose extreme points are b = 3/7 and b = 1, all with the US holding firm. */
static void test_m1(void)
{
    brink_scenario *sc;
    brink_analysis *a = run("m1", &sc);
    if (!a)
        return;
    CHECK(a->count >= 1);
    for (int e = 0; e < a->count; e++) {
        CHECK_NEAR(prob(a, e, "USA@demand", "hold_firm"), 1, 1e-12);
        CHECK_NEAR(prob(a, e, "DPRK.resolute@start", "demand"), 1, 1e-12);
        CHECK_NEAR(a->eq[e].value[0], 4.2, 1e-12);   /* 0.3 * 0 + 0.7 * 6 */
        CHECK(a->eq[e].sequential);
        CHECK(a->eq[e].verified == 1);
    }
    check_flip(a, "flip", 0, "1/2", "hold_firm", "concede");
    if (brink_solver_find("enummixed")) {
        double lo = 2, hi = -1;
        for (int e = 0; e < a->count; e++) {
            double b = prob(a, e, "DPRK.bluffing@start", "demand");
            lo = b < lo ? b : lo;
            hi = b > hi ? b : hi;
        }
        CHECK_NEAR(lo, 3.0 / 7.0, 1e-12);
        CHECK_NEAR(hi, 1, 1e-12);
    } else {
        printf("SKIP: m1 continuum (enummixed not registered)\n");
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* M2. Kreps-Wilson with three rounds. In the last round Kim demands iff P(firm) < gain /
 * (gain + rebuff) = 2/3; working backwards, the pliable US mixes so that each hold raises
 * the posterior by that factor, and Kim is deterred in round 1 iff the prior is at least
 * (2/3)^3 = 8/27. At p_firm = 0.4 > 8/27 he waits in round 1. */
static void test_m2(void)
{
    if (!brink_solver_find("sequential")) {
        printf("SKIP: m2 needs a sequential-equilibrium method\n");
        return;
    }
    brink_scenario *sc;
    brink_analysis *a = run("m2", &sc);
    if (!a)
        return;
    CHECK(a->count >= 1);
    if (a->count)
        CHECK_NEAR(prob(a, 0, "DPRK@start", "wait"), 1, 1e-12);
    /* The flip at 8/27 needs the sequential equilibrium's off-path play to move with p_firm
     * (the pliable US mixes so that each hold lifts Kim's posterior to 2/3; after a
     * concession nobody expects, the beliefs that keep Kim indifferent): the continuation's
     * tremble-weighted beliefs certify it, with Kim's gain (27/4) p_firm - 2. */
    check_flip(a, "deterred", 0, "8/27", "demand", "wait");
    const brink_answer *an = answer(a, "deterred");
    if (an && an->threshold) {
        CHECK_EQ_INT(an->threshold->nflips, 1);
        CHECK(an->threshold->nflips < 1 || an->threshold->flips[0].certified);
        CHECK(tu_region_has(an->threshold, a->sc, an->threshold->default_region, "wait"));
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* M3. A president of type W (summit value to him) concedes demand d iff p_walk W >= cost_d:
 * the statesman (W = 5) concedes small (cost 2) only; the showman (W = 5 + 6 = 11) concedes
 * big (cost 5) too. Kim's big demand yields q (5 + 1) + (1 - q) 0.5 (refused, the summit
 * survives with 1/2), the small one 3: big iff q > 5/11. At q = 0.6 he asks big; the nation
 * then gets 0.6 (5 - 5) + 0.4 (0.5 * 5) = 1 (3 under a small demand). */
static void test_m3(void)
{
    brink_scenario *sc;
    brink_analysis *a = run("m3", &sc);
    if (!a)
        return;
    CHECK(a->count >= 1);
    if (a->count) {
        CHECK_NEAR(prob(a, 0, "DPRK@start", "big"), 1, 1e-12);
        CHECK_NEAR(issue_mean(a, 0, "nation"), 1, 1e-12);
        CHECK_NEAR(a->eq[0].type_value[brink_analysis_type_slot(sc, 0, 0)], 6, 1e-12);  /* 11-5 */
        CHECK_NEAR(a->eq[0].type_value[brink_analysis_type_slot(sc, 0, 1)], 2.5, 1e-12);
        CHECK_NEAR(a->eq[0].value[1], 3.8, 1e-12);   /* 0.6 * 6 + 0.4 * 0.5 */
    }
    check_flip(a, "big_demand", 0, "5/11", "small", "big");
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* M4. Backward induction. After an attack the US retaliates iff its restraint loss
 * (credibility_loss 40) exceeds the cost of retaliating (10). Facing retaliation, an attack
 * gives the regime (1 - p_survive) (-100) = -90; doing nothing under threat gives
 * -100 p_fall: attack iff p_fall > 1 - p_survive = 9/10. Provoking only adds a strike. With
 * credible retaliation nobody attacks: the DPRK expects -p_threat p_fall 100 = -3. */
static void test_m4(void)
{
    brink_scenario *sc;
    brink_analysis *a = run("m4", &sc);
    if (!a)
        return;
    CHECK_EQ_INT(a->count, 1);
    CHECK(a->method.nsolvers == 1 && !strcmp(a->method.solver[0]->name, "spe"));
    CHECK(a->method.solver[0]->flags & BRINK_SOLVER_PERFECT_INFO);
    if (a->count) {
        CHECK_NEAR(prob(a, 0, "DPRK@threatened", "status_quo"), 1, 0);
        CHECK_NEAR(prob(a, 0, "DPRK@normal", "status_quo"), 1, 0);
        CHECK_NEAR(a->eq[0].value[1], -3, 1e-12);
        CHECK_NEAR(a->eq[0].value[0], 0, 1e-12);
    }
    check_flip(a, "last_resort", 0, "9/10", "status_quo", "attack");
    check_flip(a, "credible_retaliation", 0, "10", "restrain", "retaliate");
    check_flip(a, "deterrence_by_credibility", 0, "10", "attack", "status_quo");
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* M5. After full disarmament the US honours (10 - 2 = 8) or reneges (10 + 3 - r): it honours
 * iff r >= 5. After a freeze it honours (5 - 1 = 4) rather than renege (-1). So Kim freezes
 * (2) rather than disarm (-20) or refuse (-1); he disarms (4) once r > 5. */
static void test_m5(void)
{
    brink_scenario *sc;
    brink_analysis *a = run("m5", &sc);
    if (!a)
        return;
    CHECK_EQ_INT(a->count, 1);
    if (a->count) {
        CHECK_NEAR(prob(a, 0, "DPRK@start", "freeze"), 1, 0);
        CHECK_NEAR(prob(a, 0, "USA@disarm", "renege"), 1, 0);
        CHECK(mpq_cmp_si(a->eq[0].valueq[0], 4, 1) == 0);
        CHECK(mpq_cmp_si(a->eq[0].valueq[1], 2, 1) == 0);
    }
    check_flip(a, "disarm_honoured", 0, "5", "renege", "honour");
    check_flip(a, "kim_disarms", 0, "5", "freeze", "disarm");
    const brink_answer *c = answer(a, "options");
    if (c && c->nopts == 3) {
        CHECK_NEAR(c->opt_value[0 * 2 + 1], -20, 1e-12);   /* disarm: Kim's fate */
        CHECK_NEAR(c->opt_value[1 * 2 + 0], 4, 1e-12);     /* freeze: US */
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* M6. With inspectors catching cheating with q = 0.8 a hardliner complies: cheating pays
 * (1 - q)(3 + 2) + q 2 = 5 - 3q < 3 iff q > 2/3. With everyone complying the US rewards a
 * clean report (5 - 1 = 4 > 0), so incremental gives the US 4 while all-or-nothing gives
 * 7 p_sincere (only the sincere type accepts: 8 - 6 > 0 > 8 - 10): incremental iff
 * p_sincere < 4/7. */
static void test_m6(void)
{
    brink_scenario *sc;
    brink_analysis *a = run("m6", &sc);
    if (!a)
        return;
    int found = 0;
    for (int e = 0; e < a->count; e++)
        if (prob(a, e, "USA@start", "incremental") > 1 - 1e-12) {
            found = 1;
            CHECK_NEAR(a->eq[e].value[0], 4, 1e-12);
            CHECK_NEAR(prob(a, e, "DPRK.hardliner@incremental/freeze", "comply"), 1, 1e-12);
            static const char *const issue[] = {"agreement", "relief", "cheating"},
                                     *const level[] = {"freeze", "partial", "none"};
            int k = group(a, 3, issue, level);
            CHECK(k >= 0 && fabs(a->eq[e].group_prob[k] - 1) < 1e-12);
        }
    CHECK_MSG(found, "no equilibrium with the incremental policy");
    check_flip(a, "sincerity", 0, "4/7", NULL, "all_or_nothing");
    check_flip(a, "verification", 0, "2/3", "cheat", NULL);
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* M7. Kim accepts a position x iff -|x - 10| (+ 15 when Seoul leads) >= -40: x <= 50
 * bilaterally, x <= 65 with Seoul. The US prefers a deal at x to no deal iff -(100 - x) >
 * -50, x > 50: bilaterally nothing works (40 is too little for the US, 80 too much for Kim).
 * Seoul proposes 60 (the US endorses, Kim accepts); values: US -40 - 1, DPRK -50 + 15,
 * ROK -15 + 10. The deal needs 60 <= 50 + carrot: carrot >= 10. */
static void test_m7(void)
{
    brink_scenario *sc;
    brink_analysis *a = run("m7", &sc);
    if (!a)
        return;
    CHECK(a->count >= 1);
    for (int e = 0; e < a->count; e++) {
        CHECK_NEAR(prob(a, e, "USA@start", "seoul_leads"), 1, 0);
        CHECK_NEAR(issue_mean(a, e, "denuc"), 60, 1e-12);
        CHECK_NEAR(a->eq[e].value[0], -41, 1e-12);
        CHECK_NEAR(a->eq[e].value[1], -35, 1e-12);
        CHECK_NEAR(a->eq[e].value[2], -5, 1e-12);
    }
    check_flip(a, "carrot", 0, "10", "bilateral", "seoul_leads");
    const brink_answer *c = answer(a, "lead_or_exclude");
    if (c && c->nopts == 2)
        CHECK_NEAR(c->opt_value[0 * 3 + 2], -80, 1e-12);   /* bilateral: no deal, ROK's risk */
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* M8. Backward induction with delta = 0.7, outside options 0.25 (US) and 0.15 (DPRK), offers
 * in tenths. Round 4 (DPRK offers): the US accepts s iff 1 - s >= 0.25, so s = 0.7. Round 3
 * (US): Kim accepts iff s >= 0.7 delta = 0.49 -> 0.5. Round 2 (DPRK): the US accepts iff
 * 1 - s >= 0.5 delta = 0.35 -> 0.6. Round 1 (US): Kim accepts iff s >= 0.6 delta = 0.42 ->
 * 0.5. The US's outside option starts to bind when it exceeds what bargaining gives it
 * (first flip of the opening offer at 2/5); the DPRK's at 1/2. */
static void test_m8(void)
{
    brink_scenario *sc;
    brink_analysis *a = run("m8", &sc);
    if (!a)
        return;
    CHECK_EQ_INT(a->count, 1);
    if (a->count) {
        CHECK_NEAR(prob(a, 0, "USA@start", "offer_50"), 1, 0);
        CHECK_NEAR(a->eq[0].value[0], 0.5, 1e-12);
        CHECK_NEAR(a->eq[0].value[1], 0.5, 1e-12);
        CHECK_NEAR(issue_mean(a, 0, "dprk_share"), 0.5, 1e-12);
    }
    check_flip(a, "us_option", 0, "2/5", "offer_50", "offer_40");
    check_flip(a, "dprk_option", 0, "1/2", "offer_50", "offer_60");
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* M7, wider: six parties under unanimity with China as chair. Party i accepts x iff
 * |x - ideal_i| <= risk_i + blame (vetoing costs 1/2): the US needs x >= 44.5, Japan
 * x >= 39.5, Russia 4.5 <= x <= 65.5, the DPRK x <= 10 + 45.5 = 55.5; of the positions on
 * offer only 50 passes, and China (ideal 30) proposes it. Values: -|50 - ideal|. The DPRK
 * accepts 50 iff 40 <= dprk_risk + 1/2: below dprk_risk = 79/2 nothing passes and China
 * adjourns. */
static void test_m7b(void)
{
    brink_scenario *sc;
    brink_analysis *a = run("six-party-talks", &sc);
    if (!a)
        return;
    CHECK_EQ_INT(a->count, 1);
    if (a->count) {
        CHECK_NEAR(prob(a, 0, "CHN@start", "propose_50"), 1, 0);
        CHECK_NEAR(issue_mean(a, 0, "position"), 50, 1e-12);
        static const double want[6] = {-20, -50, -40, -5, -15, -40};
        for (int i = 0; i < 6; i++)
            CHECK_NEAR(a->eq[0].value[i], want[i], 1e-12);
    }
    check_flip(a, "kim_pressure", 0, "79/2", "adjourn", "propose_50");
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* Every built-in cites its article and model, and documents every parameter. */
static void test_provenance(void)
{
    CHECK(brink_scenario_builtin_count() >= 8);
    for (int i = 0; i < brink_scenario_builtin_count(); i++) {
        brink_error err;
        brink_scenario *sc = brink_scenario_load_builtin(i, &err);
        CHECK(sc != NULL);
        if (!sc)
            continue;
        CHECK(strstr(brink_scenario_source(sc), "seeds/00") != NULL);
        CHECK(strlen(brink_scenario_model(sc)) > 40);
        CHECK(brink_scenario_mechanism(sc)[0] == 'M');
        for (int p = 0; p < brink_scenario_nparams(sc); p++) {
            const brink_param_info *pi = brink_scenario_param(sc, p);
            CHECK_MSG(pi->has_range && strlen(pi->doc) > 10 && pi->units[0], "%s: %s",
                      brink_scenario_id(sc), pi->name);
        }
        CHECK(brink_scenario_nquestions(sc) >= 1);
        brink_scenario_free(sc);
    }
}

int main(void)
{
    test_provenance();
    test_m1();
    test_m2();
    test_m3();
    test_m4();
    test_m5();
    test_m6();
    test_m7();
    test_m8();
    test_m7b();
    return check_finish();
}
