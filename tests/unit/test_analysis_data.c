/* test_analysis_data.c — analysis results are data and the reports are made from them:
 *
 *  - a scenario with two actors of 16 types named 63 characters long (the longest allowed):
 *    per-type values at every type (no cap), derived by hand, and the text and JSON reports
 *    carrying every full name with its value (the text report overflowed a stack buffer);
 *  - outcome groups of every built-in scenario are exactly the distinct vectors of the
 *    leaves' issue levels;
 *  - the method policy: every role of every plan is filled only by a solver with the flags
 *    it asks for, and the solvers an analysis ran fill roles of the plan it reports;
 *  - watched choices of a sweep are probabilities by action index, one row per equilibrium,
 *    and their comparison as states works on those numbers;
 *  - the tree evaluator's chance convention: the game's probabilities, whatever a profile
 *    holds at chance actions;
 *  - "unique" is claimed only after an enumeration of every equilibrium that proves it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "analysis/analysis_int.h"
#include "brink/io.h"

static brink_analysis *analyze(const char *id, int questions, brink_scenario **sc)
{
    brink_error err;
    brink_error_clear(&err);
    *sc = brink_scenario_load(id, &err);
    CHECK_MSG(*sc != NULL, "%s: %s", id, err.message);
    if (!*sc)
        return NULL;
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    o.questions = questions;
    brink_analysis *a = brink_analyze(*sc, &o, &err);
    CHECK_MSG(a != NULL, "%s: %s", id, err.message);
    return a;
}

/* Collapse runs of spaces and newlines (the text report wraps lines) to one space. */
static char *flatten(const char *s)
{
    char *f = malloc(strlen(s) + 1), *o = f;
    if (!f)
        return NULL;
    for (; *s; s++) {
        int space = *s == ' ' || *s == '\n';
        if (space && o > f && o[-1] == ' ')
            continue;
        *o++ = space ? ' ' : *s;
    }
    *o = '\0';
    return f;
}

static void test_long_type_names(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/scenarios/report/long-type-names.yaml",
             check_source_dir());
    brink_scenario *sc;
    brink_analysis *a = analyze(path, 1, &sc);
    if (!a) {
        brink_scenario_free(sc);
        return;
    }
    CHECK_EQ_INT(brink_scenario_actor_ntypes(sc, 0), 16);
    CHECK_EQ_INT(brink_scenario_actor_ntypes(sc, 1), 16);
    CHECK_EQ_INT(brink_analysis_type_slots(sc), 32);
    CHECK_EQ_INT(a->count, 1);
    if (a->count == 1) {
        const brink_equilibrium *eq = &a->eq[0];
        /* A of type k gets max(0, k - 15/2); B of any type gets P(deal) = 1/2 */
        for (int k = 0; k < 16; k++) {
            double va = k > 7 ? k - 7.5 : 0;
            CHECK_NEAR(eq->type_value[brink_analysis_type_slot(sc, 0, k)], va, 1e-9);
            CHECK_NEAR(eq->type_value[brink_analysis_type_slot(sc, 1, k)], 0.5, 1e-9);
        }
        CHECK_NEAR(eq->value[0], (0.5 + 1.5 + 2.5 + 3.5 + 4.5 + 5.5 + 6.5 + 7.5) / 16, 1e-9);
    }
    brink_buf text, json;
    brink_buf_init(&text);
    brink_buf_init(&json);
    brink_error err;
    CHECK(brink_analysis_write_text(a, &text, &err) == BRINK_OK);
    CHECK(brink_analysis_write_json(a, &json, &err) == BRINK_OK);
    char *flat = text.data ? flatten(text.data) : NULL;
    const char *ev = flat ? strstr(flat, "Expected value:") : NULL;
    CHECK_MSG(ev != NULL, "no expected values in the text report");
    for (int p = 0; p < 2 && ev; p++)
        for (int k = 0; k < 16; k++) {
            const char *name = brink_scenario_type_name(sc, p, k);
            CHECK_EQ_INT((int)strlen(name), 63);
            char want[160];
            double v = p == 0 ? (k > 7 ? k - 7.5 : 0) : 0.5;
            snprintf(want, sizeof want, "%s %g", name, v);
            CHECK_MSG(strstr(ev, want) != NULL, "text report lacks '%s'", want);
            snprintf(want, sizeof want, "\"%s\"", name);
            CHECK_MSG(json.data && strstr(json.data, want), "JSON lacks %s", want);
        }
    free(flat);
    brink_buf_free(&text);
    brink_buf_free(&json);
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* Groups are the distinct level vectors of the leaves, and each leaf is in its own. */
static void check_groups(const brink_analysis *a)
{
    const brink_scenario *sc = a->sc;
    const brink_efg *g = a->game;
    int ni = brink_scenario_nissues(sc);
    for (int l = 0; l < g->nleaves; l++) {
        int k = a->leaf_group[l];
        CHECK(k >= 0 && k < a->ngroups);
        for (int i = 0; i < ni; i++) {
            int want = brink_scenario_issue_nlevels(sc, i) ? brink_scenario_leaf_level(sc, l, i)
                                                           : -1;
            CHECK_EQ_INT(a->group_level[(size_t)k * (size_t)ni + (size_t)i], want);
        }
    }
    for (int k = 0; k < a->ngroups; k++)
        for (int j = 0; j < k; j++)
            CHECK_MSG(memcmp(a->group_level + (size_t)k * (size_t)ni,
                             a->group_level + (size_t)j * (size_t)ni, (size_t)ni * sizeof(int)),
                      "%s: groups %d and %d have the same levels", brink_scenario_id(sc), j, k);
    /* group probabilities are a distribution */
    for (int e = 0; e < a->count; e++) {
        double s = 0;
        for (int k = 0; k < a->ngroups; k++)
            s += a->eq[e].group_prob[k];
        CHECK_NEAR(s, 1, 1e-9);
    }
}

static int fills(const brink_method_role *r, const brink_solver *s)
{
    int reduced = (s->flags & BRINK_SOLVER_EFG) && !s->solve_efg;
    return (s->flags & r->require) == r->require && !(s->flags & r->exclude) &&
           reduced == (r->reduced != 0);
}

static void check_method(const brink_analysis *a)
{
    int np;
    const brink_method_plan *plans = brink_analysis_plans(&np);
    const brink_method_used *m = &a->method;
    CHECK(m->plan >= 0 && m->plan < np);
    CHECK(m->nsolvers >= 1);
    if (m->plan < 0 || m->plan >= np)
        return;
    const brink_method_plan *p = &plans[m->plan];
    const brink_efg *g = a->game;
    /* chance moves postponed: the methods ran on the reordered game, which the plan fits */
    brink_efg *moved = NULL;
    int *amap = NULL;
    long swaps = 0;
    CHECK(!brink_efg_postpone_chance(g, &moved, &amap, &swaps, NULL));
    free(amap);
    if (m->postponed > 0) {
        CHECK(moved && moved->perfect_info && !g->perfect_info);
        CHECK(swaps == m->postponed);
        if (moved)
            g = moved;
    }
    CHECK(!(p->need & BRINK_PLAN_PERFECT_INFO) || g->perfect_info);
    CHECK(!(p->need & BRINK_PLAN_IMPERFECT) || !g->perfect_info);
    CHECK(!(p->need & BRINK_PLAN_TWO_ACTORS) || g->nplayers == 2);
    for (int k = 0; k < m->nsolvers; k++) {
        int ok = 0;
        for (int r = 0; r < p->nroles; r++)
            ok |= fills(&p->role[r], m->solver[k]);
        CHECK_MSG(ok, "%s: %s fills no role of plan %d", brink_scenario_id(a->sc),
                  m->solver[k]->name, m->plan);
        CHECK(!m->complete[k] || (m->solver[k]->flags & BRINK_SOLVER_ALL));
    }
    /* the plan reported is the first that applies */
    int first;
    const brink_solver *s = brink_analysis_method(g, NULL, &first, NULL);
    CHECK(s != NULL);
    CHECK_EQ_INT(first, m->plan);
    brink_efg_free(moved);
}

static void test_builtins(void)
{
    for (int i = 0; i < brink_scenario_builtin_count(); i++) {
        brink_error err;
        brink_scenario *sc = brink_scenario_load_builtin(i, &err);
        CHECK_MSG(sc != NULL, "%s: %s", brink_scenario_builtin_name(i), err.message);
        if (!sc)
            continue;
        brink_analysis_options o;
        brink_analysis_options_init(&o);
        o.questions = 0;
        brink_analysis *a = brink_analyze(sc, &o, &err);
        CHECK_MSG(a != NULL, "%s: %s", brink_scenario_builtin_name(i), err.message);
        if (a) {
            check_groups(a);
            check_method(a);
        }
        brink_analysis_free(a);
        brink_scenario_free(sc);
    }
}

static void test_policy_roles(void)
{
    int np, ns;
    const brink_method_plan *plans = brink_analysis_plans(&np);
    const brink_solver *const *all = brink_solvers(&ns);
    CHECK(np > 0);
    /* every role some registered solver fills is filled by one with its flags; a perfect-
     * information role is never filled on an imperfect game */
    brink_scenario *sc;
    brink_analysis *a = analyze("m1", 0, &sc);   /* two actors, imperfect information */
    if (!a) {
        brink_scenario_free(sc);
        return;
    }
    for (int i = 0; i < np; i++) {
        CHECK(plans[i].nroles >= 1 && plans[i].nroles <= BRINK_PLAN_MAX_ROLES);
        for (int r = 0; r < plans[i].nroles; r++) {
            const brink_solver *s = brink_analysis_role_solver(&plans[i].role[r], a->game, NULL);
            if (s) {
                CHECK(fills(&plans[i].role[r], s));
                CHECK(!(s->flags & BRINK_SOLVER_PERFECT_INFO));
            }
        }
    }
    /* the flags name the capabilities the policy relies on */
    int pure = 0, beliefs = 0;
    for (int k = 0; k < ns; k++) {
        pure += (all[k]->flags & BRINK_SOLVER_PURE_ONLY) != 0;
        beliefs += (all[k]->flags & BRINK_SOLVER_BELIEFS) != 0;
    }
    CHECK(pure >= 1 && beliefs >= 1);
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* m2's sweep watches DPRK@start: each point's choice is one row of probabilities per
 * equilibrium, by action index, summing to 1 at every watched set, and equal to the first
 * equilibrium's behaviour where one equilibrium was found at the default. */
static void test_sweep_choice(void)
{
    brink_scenario *sc;
    brink_analysis *a = analyze("m2", 1, &sc);
    if (!a) {
        brink_scenario_free(sc);
        return;
    }
    const brink_answer *sw = NULL;
    for (int i = 0; i < a->nanswers; i++)
        if (a->answers[i].q->kind == BRINK_Q_SWEEP)
            sw = &a->answers[i];
    CHECK(sw != NULL && sw->status == BRINK_OK);
    if (sw && sw->status == BRINK_OK) {
        CHECK(sw->nwatch >= 1);
        int width = sw->watch_start[sw->nwatch];
        for (int k = 0; k < sw->nwatch; k++)
            CHECK_EQ_INT(sw->watch_start[k + 1] - sw->watch_start[k],
                         a->game->infoset_nactions[sw->watch[k]]);
        for (int p = 0; p < sw->npoints; p++) {
            const brink_choice *c = &sw->choice[p];
            CHECK_EQ_INT(c->neq, sw->nequilibria[p]);
            for (int e = 0; e < c->neq; e++)
                for (int k = 0; k < sw->nwatch; k++) {
                    double s = 0;
                    for (int j = sw->watch_start[k]; j < sw->watch_start[k + 1]; j++)
                        s += c->prob[(size_t)e * (size_t)width + (size_t)j];
                    CHECK_NEAR(s, 1, 1e-9);
                }
            CHECK(brink_choice_same_state(sw->watch_start, sw->nwatch, c, c, 1e-9));
        }
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* States compare numbers: a pure choice, a mixture's support, several equilibria's pure
 * actions. One watched set with three actions. */
static void test_same_state(void)
{
    int ws[2] = {0, 3};
    double pure0[] = {1, 0, 0}, pure1[] = {0, 1, 0}, mixA[] = {0.4, 0.6, 0}, mixB[] = {0.3, 0.7, 0},
           mixC[] = {0.5, 0, 0.5}, two[] = {1, 0, 0, 0, 1, 0}, two_again[] = {0, 1, 0, 1, 0, 0},
           pure_twice[] = {1, 0, 0, 1, 0, 0};
    brink_choice c0 = {1, pure0}, c1 = {1, pure1}, ma = {1, mixA}, mb = {1, mixB}, mc = {1, mixC},
                 t = {2, two}, t2 = {2, two_again}, pp = {2, pure_twice}, none = {0, NULL};
    CHECK(brink_choice_same_state(ws, 1, &c0, &c0, 1e-9));
    CHECK(!brink_choice_same_state(ws, 1, &c0, &c1, 1e-9));
    CHECK(brink_choice_same_state(ws, 1, &ma, &mb, 1e-9));    /* same support */
    CHECK(!brink_choice_same_state(ws, 1, &ma, &mc, 1e-9));
    CHECK(!brink_choice_same_state(ws, 1, &ma, &c0, 1e-9));
    CHECK(brink_choice_same_state(ws, 1, &t, &t2, 1e-9));     /* {a0, a1} either way */
    CHECK(!brink_choice_same_state(ws, 1, &t, &c0, 1e-9));
    CHECK(brink_choice_same_state(ws, 1, &pp, &c0, 1e-9));    /* all agree on a0 */
    CHECK(brink_choice_same_state(ws, 1, &none, &none, 1e-9));
    CHECK(!brink_choice_same_state(ws, 1, &none, &c0, 1e-9));
}

/* `brink solve`'s default comes from the same policy: on each game the solver chosen has
 * the capability the game calls for. */
static void test_solve_default(void)
{
    static const struct {
        const char *file;
        unsigned want;
    } cases[] = {
        {"bos.nfg", BRINK_SOLVER_ALL},                 /* 2 players, small: every equilibrium */
        {"centipede.efg", BRINK_SOLVER_PERFECT_INFO},  /* perfect information: SPE */
        {"kuhn.efg", BRINK_SOLVER_BELIEFS},            /* 2-player tree: with beliefs */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/tests/data/%s%s", check_source_dir(),
                 strcmp(cases[i].file, "kuhn.efg") ? "games/" : "", cases[i].file);
        brink_game g;
        brink_error err;
        if (brink_game_read_file(path, &g, &err)) {
            CHECK_MSG(0, "%s: %s", path, err.message);
            continue;
        }
        const brink_solver *s = brink_solver_find(brink_solver_default(&g));
        CHECK_MSG(s && (s->flags & cases[i].want), "%s: %s", cases[i].file, s ? s->name : "?");
        CHECK(s && !(s->flags & BRINK_SOLVER_PURE_ONLY));
        brink_game_free(&g);
    }
}

static void test_chance_convention(void)
{
    brink_scenario *sc;
    brink_analysis *a = analyze("m1", 0, &sc);   /* DPRK's type is a chance move */
    if (!a || !a->count) {
        brink_analysis_free(a);
        brink_scenario_free(sc);
        return;
    }
    const brink_efg *g = a->game;
    const brink_equilibrium *eq = &a->eq[0];
    int np = g->nplayers, nchance = 0;
    for (int h = g->player_infoset_start[np]; h < g->ninfosets; h++)
        for (int k = 0; k < g->infoset_nactions[h]; k++) {
            int x = g->infoset_action_start[h] + k;
            CHECK_NEAR(eq->behav[x], g->action_prob[x], 0);
            nchance++;
        }
    CHECK(nchance >= 2);
    double *junk = malloc((size_t)g->nactions * sizeof *junk);
    double *r0 = malloc((size_t)g->nnodes * sizeof *r0);
    double *r1 = malloc((size_t)g->nnodes * sizeof *r1);
    double *u0 = malloc((size_t)g->nnodes * (size_t)np * sizeof *u0);
    double *u1 = malloc((size_t)g->nnodes * (size_t)np * sizeof *u1);
    if (junk && r0 && r1 && u0 && u1) {
        memcpy(junk, eq->behav, (size_t)g->nactions * sizeof *junk);
        for (int x = g->player_action_start[np]; x < g->nactions; x++)
            junk[x] = 0;   /* a solver that leaves chance entries unset */
        brink_efg_reach(g, eq->behav, r0);
        brink_efg_reach(g, junk, r1);
        brink_efg_subtree_values(g, eq->behav, 0, -1, u0);
        brink_efg_subtree_values(g, junk, 0, -1, u1);
        for (int v = 0; v < g->nnodes; v++)
            CHECK_NEAR(r0[v], r1[v], 0);
        for (size_t i = 0; i < (size_t)g->nnodes * (size_t)np; i++)
            CHECK_NEAR(u0[i], u1[i], 0);
        for (int i = 0; i < np; i++)
            CHECK_NEAR(u0[i], eq->value[i], 1e-12);   /* the root's values */
        double s = 0;
        for (int l = 0; l < g->nleaves; l++)
            s += r0[g->leaf_node[l]];
        CHECK_NEAR(s, 1, 1e-12);
    }
    free(junk);
    free(r0);
    free(r1);
    free(u0);
    free(u1);
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

static void check_unique(const char *id, int want)
{
    brink_scenario *sc;
    brink_analysis *a = analyze(id, 0, &sc);
    if (a) {
        CHECK_MSG(a->unique == want, "%s: unique %d, want %d", id, a->unique, want);
        brink_buf text;
        brink_buf_init(&text);
        brink_error err;
        CHECK(brink_analysis_write_text(a, &text, &err) == BRINK_OK);
        int says = text.data && strstr(text.data, "One equilibrium, unique") != NULL;
        CHECK_MSG(says == want, "%s: the text %s unique", id, says ? "says" : "does not say");
        brink_buf_free(&text);
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

static void test_unique(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/scenarios/report/unique-dilemma.yaml",
             check_source_dir());
    if (brink_solver_find("enummixed"))
        check_unique(path, 1);   /* every extreme equilibrium enumerated: one */
    check_unique("m1", 0);       /* several equilibria */
    check_unique("m4", 0);       /* one, but only pure subgame-perfect ones were enumerated */
    check_unique("m2", 0);       /* one sequential equilibrium found, nothing enumerated */
}

int main(void)
{
    test_unique();
    test_chance_convention();
    test_solve_default();
    test_same_state();
    test_long_type_names();
    test_builtins();
    test_policy_roles();
    test_sweep_choice();
    return check_finish();
}
