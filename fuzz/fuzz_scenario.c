/* fuzz_scenario.c — scenario text -> parse, validate, compile -> bind at the parameters'
 * range ends. Parsing returns a scenario or an error with a message (placed inside the
 * input when located); a compiled scenario must bind at its defaults, and at each end of
 * every parameter's range either bind or refuse with a message (a payoff may divide by zero
 * there); the bound game must be writable as .efg and, when written, read back. */
#include <math.h>

#include "fuzz_common.h"
#include "fuzz_limits.h"

static void bind_and_write(brink_scenario_instance *in, const mpq_t *v)
{
    brink_error err;
    brink_error_clear(&err);
    brink_status st = brink_scenario_bind_q(in, v, &err);
    if (st != BRINK_OK) {
        if (!err.message[0])
            FUZZ_BUG("bind refused without a message");
        return;
    }
    brink_buf b;
    brink_buf_init(&b);
    if (brink_efg_write(brink_scenario_instance_game(in), &b, &err) == BRINK_OK) {
        brink_efg *back = brink_efg_read(b.data, b.len, "bound.efg", &err);
        if (!back)
            FUZZ_BUG("bound game written as .efg does not read back: %d:%d: %s", err.line,
                     err.column, err.message);
        brink_efg_free(back);
    }
    brink_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_known_libfyaml_hang(data, size))
        return 0;
    brink_scenario_limits lim;
    fuzz_scenario_limits(&lim);
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_parse((const char *)data, size, "fuzz.yaml", &lim, &err);
    if (!sc) {
        fuzz_check_error(&err, err.code, size);
        return 0;
    }
    int np = brink_scenario_nparams(sc);
    brink_scenario_instance *in = brink_scenario_instance_new(sc, &err);
    mpq_t *v = brink_q_array_new((size_t)np);
    if (!in || !v) {
        brink_q_array_free(v, (size_t)np);
        brink_scenario_instance_free(in);
        brink_scenario_free(sc);
        return 0; /* out of memory */
    }
    brink_scenario_defaults(sc, v);
    if (brink_scenario_bind_q(in, (const mpq_t *)v, &err) != BRINK_OK)
        FUZZ_BUG("a compiled scenario does not bind at its defaults: %s", err.message);
    bind_and_write(in, (const mpq_t *)v);
    mpq_t keep;
    mpq_init(keep);
    for (int i = 0; i < np; i++) { /* each end of each range, the others at their defaults */
        const brink_param_info *p = brink_scenario_param(sc, i);
        if (!p->has_range || !isfinite(p->lo) || !isfinite(p->hi))
            continue;
        mpq_set(keep, v[i]);
        mpq_set_d(v[i], p->lo);
        bind_and_write(in, (const mpq_t *)v);
        mpq_set_d(v[i], p->hi);
        bind_and_write(in, (const mpq_t *)v);
        mpq_set(v[i], keep);
    }
    for (int end = 0; end < 2; end++) { /* all at the low ends, then all at the high ends */
        for (int i = 0; i < np; i++) {
            const brink_param_info *p = brink_scenario_param(sc, i);
            if (p->has_range && isfinite(p->lo) && isfinite(p->hi))
                mpq_set_d(v[i], end ? p->hi : p->lo);
        }
        bind_and_write(in, (const mpq_t *)v);
    }
    mpq_clear(keep);
    brink_q_array_free(v, (size_t)np);
    brink_scenario_instance_free(in);
    brink_scenario_free(sc);
    return 0;
}
