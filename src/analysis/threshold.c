/* threshold.c — answer a declared threshold question with the certified one-parameter
 * continuation (threshold_engine.c): the watched decisions are resolved to information sets,
 * the range and the other parameters are exact, and the result is kept as data on the
 * answer (ans->threshold). */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"
#include "brink/threshold.h"

void an_question_range(const brink_question *q, int d, mpq_t lo, mpq_t hi)
{
    if (q->lo_q[d] && q->hi_q[d]) {
        mpq_set(lo, *q->lo_q[d]);
        mpq_set(hi, *q->hi_q[d]);
    } else {   /* not given exactly: the simplest rationals of the doubles */
        brink_q_from_double_approx(lo, q->lo[d], 1e-12);
        brink_q_from_double_approx(hi, q->hi[d], 1e-12);
    }
}

brink_status an_answer_threshold(const brink_scenario *sc, const brink_analysis *an,
                                 const brink_analysis_options *o, brink_answer *ans,
                                 brink_error *err)
{
    (void)an;
    const brink_question *q = ans->q;
    int np = brink_scenario_nparams(sc), nwatch = 0;
    int *watch = NULL;
    sc_compact_watch kw;
    memset(&kw, 0, sizeof kw);
    int compact = brink_scenario_is_compact(sc), have_kw = 0;
    if (q->watch && compact) {   /* one decision point, named by its path */
        brink_status ws = sc_compact_find_decision(sc, q->watch, &kw, err);
        if (ws)
            return ws;
        have_kw = 1;
    } else if (q->watch) {
        nwatch = brink_scenario_find_decisions(sc, q->watch, NULL, 0, err);
        if (nwatch < 0)
            return err ? err->code : BRINK_EINVALID;
        watch = brink_calloc((size_t)nwatch + 1, sizeof *watch);
        if (!watch)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        brink_scenario_find_decisions(sc, q->watch, watch, nwatch, err);
    }
    mpq_t *values = brink_q_array_new((size_t)np + 1);
    mpq_t lo, hi;
    mpq_inits(lo, hi, NULL);
    brink_status st = BRINK_OK;
    if (!values) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    brink_scenario_defaults(sc, values);
    an_question_range(q, 0, lo, hi);
    ans->threshold = compact ? an_threshold_compute(sc, q->param[0], lo, hi,
                                                    (const mpq_t *)values, NULL, 0,
                                                    have_kw ? &kw : NULL, o, err)
                             : brink_threshold_compute(sc, q->param[0], lo, hi,
                                                       (const mpq_t *)values, watch, nwatch, o,
                                                       err);
    if (!ans->threshold)
        st = err ? err->code : BRINK_ENOMEM;
    else
        ans->solves = ans->threshold->solves;
out:
    mpq_clears(lo, hi, NULL);
    brink_q_array_free(values, (size_t)np + 1);
    free(watch);
    free(kw.path);
    return st;
}
