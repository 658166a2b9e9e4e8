/* fuzz_analyze.c — brink_analyze on small scenarios from arbitrary text, then both reports
 * (text and JSON). Tight limits keep one input short: at most 256 tree nodes, a time limit
 * per solve, a coarse threshold scan and few profiles. Properties: no crash, leak or
 * undefined behaviour (the report writers included); a refusal has a message; every
 * reported equilibrium has finite values. */
#include <math.h>

#include "brink/analysis.h"
#include "fuzz_common.h"
#include "fuzz_limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_known_libfyaml_hang(data, size))
        return 0;
    brink_scenario_limits lim;
    fuzz_scenario_limits(&lim);
    lim.max_tree_nodes = 256;
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_parse((const char *)data, size, "fuzz.yaml", &lim, &err);
    if (!sc)
        return 0; /* fuzz_scenario checks the parser's errors */
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    /* per solve; a mutated M2 (a threshold, a sweep and a comparison, each solving a few
     * times) took 33 s under ASan on a loaded machine at 1 s, past the 30 s hang limit */
    o.time_limit = 0.25;
    o.max_solves = 8;   /* threshold continuation: few samples per question */
    o.max_profiles = 8;
    o.max_reduced_cells = 512;
    o.all_limit_nodes = 32;
    brink_analysis *a = brink_analyze(sc, &o, &err);
    if (!a) {
        if (!err.message[0])
            FUZZ_BUG("analysis failed without a message");
        brink_scenario_free(sc);
        return 0;
    }
    int np = brink_scenario_nactors(sc);
    /* a value's double may be +-inf only as the nearest double of an exact value beyond
     * the double range (a payoff of 1e400 is an exact rational); never NaN */
    for (int e = 0; e < a->count; e++)
        for (int i = 0; i < np && a->eq[e].value; i++) {
            double v = a->eq[e].value[i];
            if (isnan(v) || (isinf(v) && !(a->eq[e].valueq &&
                                           mpq_sgn(a->eq[e].valueq[i]) == (v > 0 ? 1 : -1) &&
                                           !isfinite(brink_q_get_d(a->eq[e].valueq[i])))))
                FUZZ_BUG("equilibrium %d: value of actor %d is %g", e, i, v);
        }
    brink_buf b;
    brink_buf_init(&b);
    if (brink_analysis_write_text(a, &b, &err) != BRINK_OK && !err.message[0])
        FUZZ_BUG("text report failed without a message");
    brink_buf_reset(&b);
    if (brink_analysis_write_json(a, &b, &err) != BRINK_OK && !err.message[0])
        FUZZ_BUG("JSON report failed without a message");
    brink_buf_free(&b);
    brink_analysis_free(a);
    brink_scenario_free(sc);
    return 0;
}
