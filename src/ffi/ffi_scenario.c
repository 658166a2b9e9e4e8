/* ffi_scenario.c — analyses and threshold questions through the flat API, handed over as the
 * JSON the reports write (the data of the result, with exact numbers as text), so a caller
 * builds its own objects from data, never from the words of the text report.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ffi/ffi_int.h"
#include "brink/threshold.h"
#include "analysis/analysis_int.h"

const char *const ffi_analysis_keys[] = {"method", "refine", "max_equilibria", "questions",
                                            "time_limit", "max_solves", NULL};

static brink_status analysis_options(const ffi_opts *fo, brink_analysis_options *o,
                                     brink_error *err)
{
    long refine = o->refine, maxeq = o->max_equilibria, q = o->questions, ms = o->max_solves;
    if (ffi_opts_check(fo, ffi_analysis_keys, err) || ffi_opt_long(fo, "refine", 0, 1, &refine, err) ||
        ffi_opt_long(fo, "max_equilibria", 1, 1 << 20, &maxeq, err) ||
        ffi_opt_long(fo, "questions", 0, 1, &q, err) ||
        ffi_opt_long(fo, "max_solves", 1, 1 << 30, &ms, err) ||
        ffi_opt_double(fo, "time_limit", 0, &o->time_limit, err))
        return err ? err->code : BRINK_EINVALID;
    const char *m = ffi_opt(fo, "method");
    if (m && !brink_solver_find(m))
        return brink_error_set(err, BRINK_EINVALID, "%s: unknown method '%s'", fo->what, m);
    o->method = m;
    o->refine = (int)refine;
    o->max_equilibria = (int)maxeq;
    o->questions = (int)q;
    o->max_solves = (int)ms;
    return BRINK_OK;
}

char *brink_ffi_analyze_json(const brink_scenario *sc, const char *const *keys,
                             const char *const *values, int nopts, brink_error *err)
{
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    ffi_opts fo = {"analyze", keys, values, nopts};
    if (analysis_options(&fo, &o, err))
        return NULL;
    brink_analysis *a = brink_analyze(sc, &o, err);
    if (!a)
        return NULL;
    brink_buf out;
    brink_buf_init(&out);
    char *s = brink_analysis_write_json(a, &out, err) ? NULL : ffi_take(&out, err);
    brink_buf_free(&out);
    brink_analysis_free(a);
    return s;
}

/* The exact bound: text when given, else the parameter's declared end. */
static brink_status bound(const char *what, const brink_scenario *sc, int param,
                          const char *text, int upper, mpq_t out, brink_error *err)
{
    if (text) {
        if (brink_q_parse(out, text, strlen(text), err)) {
            brink_error_prefix(err, "%s: %s '%s'", what, upper ? "hi" : "lo", text);
            return err ? err->code : BRINK_EINVALID;
        }
        return BRINK_OK;
    }
    const brink_param_info *pi = brink_scenario_param(sc, param);
    const mpq_t *end = upper ? pi->hi_q : pi->lo_q;
    if (!end)
        return brink_error_set(err, BRINK_EINVALID,
                               "%s: parameter '%s' has no declared range: give lo and hi",
                               what, pi->name);
    mpq_set(out, *end);
    return BRINK_OK;
}

char *brink_ffi_threshold_json(const brink_scenario *sc, const char *param, const char *lo,
                               const char *hi, const char *watch, const char *const *keys,
                               const char *const *values, int nopts, brink_error *err)
{
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    ffi_opts fo = {"threshold", keys, values, nopts};
    if (analysis_options(&fo, &o, err))
        return NULL;
    int compact = brink_scenario_is_compact(sc);
    sc_compact_watch kw;   /* compact: the watched decision point, by its path */
    memset(&kw, 0, sizeof kw);
    int k = param ? brink_scenario_param_find(sc, param) : -1;
    if (k < 0)
        return brink_error_set(err, BRINK_EINVALID, "threshold: unknown parameter '%s'",
                               param ? param : "(null)"), NULL;
    int np = brink_scenario_nparams(sc), nwatch = 0;
    int *w = NULL;
    char *s = NULL;
    brink_threshold *t = NULL;
    mpq_t qlo, qhi;
    mpq_inits(qlo, qhi, NULL);
    mpq_t *vals = brink_q_array_new((size_t)np);
    if (!vals) {
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto done;
    }
    brink_scenario_defaults(sc, vals);
    if (bound("threshold", sc, k, lo, 0, qlo, err) || bound("threshold", sc, k, hi, 1, qhi, err))
        goto done;
    /* the rules of a question's range and watch, wherever it is asked */
    if (brink_scenario_check_range(sc, k, qlo, qhi, err)) {
        brink_error_prefix(err, "threshold");
        goto done;
    }
    if (!watch || !watch[0]) {   /* as a file's question: nothing watched, nothing can flip */
        brink_error_set(err, BRINK_EINVALID, "threshold needs watch (the decision whose choice "
                        "may flip: \"ACTOR@LABEL\", \"ACTOR@*\")");
        goto done;
    } else if (compact) {
        if (sc_compact_find_decision(sc, watch, &kw, err)) {
            brink_error_prefix(err, "threshold");
            goto done;
        }
    } else {
        if (brink_scenario_check_watch(sc, watch, err)) {
            brink_error_prefix(err, "threshold");
            goto done;
        }
        nwatch = brink_scenario_find_decisions(sc, watch, NULL, 0, err);
        if (nwatch < 1) {   /* check_watch passed: not expected; never a bad allocation */
            if (nwatch == 0)
                brink_error_set(err, BRINK_EINVALID, "threshold: no decision matches '%s'",
                                watch);
            goto done;
        }
        if (!(w = malloc((size_t)nwatch * sizeof *w))) {
            brink_error_set(err, BRINK_ENOMEM, "out of memory");
            goto done;
        }
        brink_scenario_find_decisions(sc, watch, w, nwatch, err);
    }
    t = compact ? an_threshold_compute(sc, k, qlo, qhi, vals, NULL, 0, &kw, &o, err)
                : brink_threshold_compute(sc, k, qlo, qhi, vals, w, nwatch, &o, err);
    if (t) {
        brink_buf out;
        brink_buf_init(&out);
        s = brink_threshold_write_json(t, sc, &out, err) ? NULL : ffi_take(&out, err);
        brink_buf_free(&out);
    }
done:
    brink_threshold_free(t);
    free(w);
    free(kw.path);
    brink_q_array_free(vals, (size_t)np);
    mpq_clears(qlo, qhi, NULL);
    return s;
}

/* A sweep question asked from outside (Python): the rules of `brink sweep --vary` (cmd_sweep.c)
 * and of a file's sweep: one or two different parameters, exact ranges inside the declared
 * ones, 2..1001 points each, a watch reference that matches. */
#define FFI_SWEEP_MAX_STEPS 1001

char *brink_ffi_sweep_json(const brink_scenario *sc, const char *const *params,
                           const char *const *los, const char *const *his, const int *steps,
                           int nvary, const char *watch, const char *const *keys,
                           const char *const *values, int nopts, brink_error *err)
{
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    ffi_opts fo = {"sweep", keys, values, nopts};
    if (analysis_options(&fo, &o, err))
        return NULL;
    if (nvary < 1 || nvary > 2)
        return brink_error_set(err, BRINK_EINVALID, "sweep: one or two parameters to vary, "
                               "not %d", nvary), NULL;
    char *s = NULL;
    brink_analysis *a = NULL;
    brink_question q;
    brink_question_sweep_init(&q, watch && watch[0] ? watch : NULL);
    mpq_t lo[2], hi[2];
    for (int d = 0; d < 2; d++)
        mpq_inits(lo[d], hi[d], NULL);
    for (int d = 0; d < nvary; d++) {
        int k = params[d] ? brink_scenario_param_find(sc, params[d]) : -1;
        if (k < 0) {
            brink_error_set(err, BRINK_EINVALID, "sweep: unknown parameter '%s'",
                            params[d] ? params[d] : "(null)");
            goto done;
        }
        if (d == 1 && k == q.param[0]) {
            brink_error_set(err, BRINK_EINVALID, "sweep: '%s' given twice: a two-parameter "
                            "sweep varies two different parameters", params[d]);
            goto done;
        }
        if (bound("sweep", sc, k, los[d], 0, lo[d], err) ||
            bound("sweep", sc, k, his[d], 1, hi[d], err))
            goto done;
        if (brink_scenario_check_range(sc, k, lo[d], hi[d], err)) {
            brink_error_prefix(err, "sweep");
            goto done;
        }
        if (steps[d] < 2 || steps[d] > FFI_SWEEP_MAX_STEPS) {
            brink_error_set(err, BRINK_EINVALID, "sweep: %s: the number of points must be from "
                            "2 to %d, not %d", params[d], FFI_SWEEP_MAX_STEPS, steps[d]);
            goto done;
        }
        brink_question_sweep_axis(&q, d, k, (const mpq_t *)&lo[d], (const mpq_t *)&hi[d],
                                  steps[d]);
    }
    if (watch && watch[0] && brink_scenario_check_watch(sc, watch, err)) {
        brink_error_prefix(err, "sweep");
        goto done;
    }
    /* a compact game (compact_above): every grid point by backward induction on its classes,
     * as brink sweep does (analysis/sweep_compact.c) */
    o.ask = &q;
    o.nask = 1;
    o.questions = 1;
    if (!(a = brink_analyze(sc, &o, err)))
        goto done;
    if (a->nanswers < 1) {
        brink_error_set(err, BRINK_EINTERNAL, "sweep: the analysis gave no answer");
        goto done;
    }
    if (a->answers[0].status) {
        brink_error_set(err, a->answers[0].status, "sweep: %s", a->answers[0].message);
        goto done;
    }
    brink_buf out;
    brink_buf_init(&out);
    s = brink_analysis_write_json(a, &out, err) ? NULL : ffi_take(&out, err);
    brink_buf_free(&out);
done:
    brink_analysis_free(a);
    for (int d = 0; d < 2; d++)
        mpq_clears(lo[d], hi[d], NULL);
    return s;
}

brink_scenario *brink_ffi_scenario_load(const char *file_or_id, double max_nodes,
                                        double compact_above, int no_questions,
                                        brink_error *err)
{
    if (!file_or_id)
        return brink_error_set(err, BRINK_EINVALID, "Scenario: no file or id"), NULL;
    /* each bound checked on its own, naming the argument and its value (0: the default) */
    if (!(max_nodes >= 0 && max_nodes <= 1099511627776.0) ||
        (max_nodes > 0 && max_nodes < 1) || max_nodes != floor(max_nodes))
        return brink_error_set(err, BRINK_EINVALID, "Scenario: max_nodes must be from 1 to "
                               "2^40, not %.17g", max_nodes), NULL;
    if (!(compact_above >= 0 && compact_above <= 1e18) || compact_above != floor(compact_above))
        return brink_error_set(err, BRINK_EINVALID, "Scenario: compact_above must be from 0 "
                               "(never) to 10^18, not %.17g", compact_above), NULL;
    FILE *f = fopen(file_or_id, "rb");
    if (!f)   /* a built-in: small, its limits are the defaults */
        return brink_scenario_load(file_or_id, err);
    fclose(f);
    brink_scenario_limits lim;
    brink_scenario_limits_init(&lim);
    if (max_nodes >= 1)
        lim.max_tree_nodes = (size_t)max_nodes;
    lim.compact_above = (size_t)compact_above;
    lim.compact_without_questions = no_questions != 0;
    return brink_scenario_load_file(file_or_id, &lim, err);
}
