/* analyze.c — brink_analyze(): a scenario at its default values, explained, with answers to
 * its declared questions. Owns one instance (the game analysed) and the outcome groups.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"
#include "analysis/compact_int.h"

int brink_analysis_counts_at_least(const brink_analysis *a)
{
    return a && a->profiles && a->profiles_at_least;
}

void brink_analysis_free(brink_analysis *a)
{
    if (!a)
        return;
    for (int i = 0; i < a->nanswers; i++)
        an_answer_free(&a->answers[i]);
    free(a->answers);
    if (a->forecast) {
        brink_forecast_result_free(a->forecast);
        free(a->forecast);
    }
    if (a->game) {
        for (int i = 0; i < a->count; i++)
            an_eq_free(&a->eq[i], a->game);
    }
    free(a->eq);
    an_compact_free(a->compact);
    free(a->path_group);
    if (a->profiles) {
        mpz_clear(*a->profiles);
        free(a->profiles);
    }
    an_groups_free(a->group_level, a->leaf_group);
    brink_scenario_instance_free(a->instance);
    free(a);
}

static char *copy_text(const char *t)
{
    size_t n = strlen(t) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, t, n);
    return c;
}

/* Present equilibria from the most to the least efficient (sum of expected values); stable,
 * so equal ones keep the solver's order. The "first equilibrium" comparisons use is then the
 * most efficient one. */
static void sort_equilibria(brink_equilibrium *eq, int n, int np)
{
    for (int i = 1; i < n; i++) {
        brink_equilibrium key = eq[i];
        double kv = 0;
        for (int p = 0; p < np; p++)
            kv += key.value[p];
        int j = i;
        while (j > 0) {
            double v = 0;
            for (int p = 0; p < np; p++)
                v += eq[j - 1].value[p];
            if (v >= kv - 1e-12)
                break;
            eq[j] = eq[j - 1];
            j--;
        }
        eq[j] = key;
    }
}

/* The scenario's forecast section, run as brink forecast runs it (default options) for
 * forecast_rounds rounds: the report draws its rounds and analyze --json carries them. */
static brink_status forecast(const brink_scenario *sc, const brink_analysis_options *o,
                             brink_analysis *a, brink_error *err)
{
    const brink_forecast_input *in = brink_scenario_forecast(sc);
    if (!in || o->forecast_rounds <= 0)
        return BRINK_OK;
    brink_forecast_options_default(&a->forecast_options);
    a->forecast_options.rounds = o->forecast_rounds;
    brink_forecast_result *r = calloc(1, sizeof *r);
    if (!r)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    brink_status st = brink_forecast_run(in, &a->forecast_options, r, err);
    if (st) {
        free(r);
        return st;
    }
    a->forecast = r;
    return BRINK_OK;
}

/* The declared questions (or o->ask), each answered or refused with its reason. */
static brink_status ask_questions(const brink_scenario *sc, const brink_analysis_options *o,
                                  brink_analysis *a, brink_error *err)
{
    int nq = o->ask && o->nask > 0 ? o->nask : brink_scenario_nquestions(sc);
    if (o->questions && nq > 0) {
        a->answers = brink_calloc((size_t)nq, sizeof *a->answers);
        if (!a->answers) {
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        }
        for (int i = 0; i < nq; i++) {
            a->answers[i].q = o->ask && o->nask > 0 ? &o->ask[i] : brink_scenario_question(sc, i);
            a->nanswers = i + 1;
            brink_error local;
            brink_error_clear(&local);
            brink_status st = an_answer(sc, a, o, &a->answers[i], &local);
            if (st == BRINK_ENOMEM || st == BRINK_EINTERNAL) {
                if (err)
                    *err = local;
                return err ? err->code : BRINK_ENOMEM;
            }
            if (st) {   /* unanswerable: say why, keep the rest of the analysis */
                a->answers[i].status = st;
                a->answers[i].line = local.line;
                a->answers[i].column = local.column;
                a->answers[i].message = copy_text(local.message);
                if (!a->answers[i].message) {
                    brink_error_set(err, BRINK_ENOMEM, "out of memory");
                    return err ? err->code : BRINK_ENOMEM;
                }
            }
        }
    }
    return BRINK_OK;
}

brink_analysis *brink_analyze(const brink_scenario *sc, const brink_analysis_options *o,
                              brink_error *err)
{
    brink_analysis_options defaults;
    if (!o) {
        brink_analysis_options_init(&defaults);
        o = &defaults;
    }
    double t0 = brink_now();
    brink_analysis *a = calloc(1, sizeof *a);
    if (!a) {
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return NULL;
    }
    a->sc = sc;
    if (brink_scenario_is_compact(sc)) {   /* no tree: backward induction on the sub-games */
        if (an_compact_analyze(sc, o, a, err))
            goto fail;
        a->seconds = brink_now() - t0;
        /* questions: thresholds are answered on the compact game, others refused one by
         * one with the reason (an_answer) */
        double tq = brink_now();
        if (ask_questions(sc, o, a, err))
            goto fail;
        if (a->nanswers)
            a->questions_seconds = brink_now() - tq;
        if (forecast(sc, o, a, err))
            goto fail;
        return a;
    }
    /* the scenario's own game is bound at the defaults: share it, never build it twice */
    a->instance = brink_scenario_instance_shared(sc, err);
    if (!a->instance)
        goto fail;
    a->game = brink_scenario_instance_game(a->instance);
    if (an_groups(sc, a->game, &a->ngroups, &a->group_level, &a->leaf_group, err))
        goto fail;
    brink_eqset s;
    /* the main analysis asks for every equilibrium whatever the size */
    brink_analysis_options main_o = *o;
    main_o.all_limit_nodes = -1;
    if (brink_analysis_solve(a->instance, a->leaf_group, a->ngroups, &main_o, &s, err))
        goto fail;
    a->count = s.count;
    a->eq = s.eq;
    a->profiles = s.profiles;
    a->profiles_at_least = s.profiles_at_least;
    s.profiles = NULL;
    sort_equilibria(a->eq, a->count, a->game->nplayers);
    if (an_path_groups(a, o->tol, err))
        goto fail;
    a->nfound = s.nfound;
    a->nrejected = s.nrejected;
    a->nshort = s.nshort;
    a->truncated = s.truncated;
    a->method = s.method;
    for (int k = 0; k < s.method.nsolvers; k++) {
        unsigned f = s.method.solver[k]->flags;
        if (s.method.complete[k] && !(f & (BRINK_SOLVER_PURE_ONLY | BRINK_SOLVER_PERFECT_INFO)))
            a->unique = a->count == 1 && a->nrejected == 0 && !a->truncated;
    }
    /* the method line's time is the solve's; the questions' is kept apart (tester 14, N6:
     * a threshold's 1.35 s was printed as the solve's) */
    a->seconds = brink_now() - t0;
    double tq = brink_now();
    if (ask_questions(sc, o, a, err))
        goto fail;
    if (a->nanswers)
        a->questions_seconds = brink_now() - tq;
    if (forecast(sc, o, a, err))
        goto fail;
    return a;
fail:
    /* a solver's refusal ("too many actions") is about this scenario: name its file */
    if (err && err->code && !err->file[0])
        brink_error_set_file(err, brink_scenario_filename(sc));
    brink_analysis_free(a);
    return NULL;
}
