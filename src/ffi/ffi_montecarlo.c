/* ffi_montecarlo.c — Monte Carlo (and its option comparison) through the flat API, handed over
 * as the JSON `brink montecarlo --json` writes, so a caller builds its objects from the data
 * of the result, never from the words of the text report.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include "ffi/ffi_int.h"
#include "brink/uncertainty.h"

const char *const ffi_mc_keys[] = {"samples", "seed", "threads", "z", "draws", "sensitivity",
                                      "method", "refine", "max_equilibria", "time_limit",
                                      "max_solves", NULL};

static brink_status mc_options(const ffi_opts *fo, brink_mc_options *o, brink_error *err)
{
    long samples = o->samples, threads = o->threads, draws = 0, sens = 0;
    long refine = o->analysis.refine, maxeq = o->analysis.max_equilibria;
    long ms = o->analysis.max_solves;
    if (ffi_opts_check(fo, ffi_mc_keys, err) ||
        ffi_opt_long(fo, "samples", 1, LONG_MAX, &samples, err) ||
        ffi_opt_long(fo, "threads", 0, 4096, &threads, err) ||
        ffi_opt_long(fo, "draws", 0, 1, &draws, err) ||
        ffi_opt_long(fo, "sensitivity", 0, 1 << 20, &sens, err) ||
        ffi_opt_long(fo, "refine", 0, 1, &refine, err) ||
        ffi_opt_long(fo, "max_equilibria", 1, 1 << 20, &maxeq, err) ||
        ffi_opt_long(fo, "max_solves", 1, 1 << 30, &ms, err) ||
        ffi_opt_double(fo, "z", 0, &o->z, err) ||
        ffi_opt_double(fo, "time_limit", 0, &o->analysis.time_limit, err))
        return err ? err->code : BRINK_EINVALID;
    const char *seed = ffi_opt(fo, "seed");
    if (seed) {
        /* the whole 64-bit range, as the CLI's --seed takes it */
        char *end;
        errno = 0;
        unsigned long long v = strtoull(seed, &end, 10);
        if (errno || end == seed || *end || *seed == '-')
            return brink_error_set(err, BRINK_EINVALID, "%s: bad seed '%s'", fo->what, seed);
        o->seed = (uint64_t)v;
    }
    const char *m = ffi_opt(fo, "method");
    if (m && !brink_solver_find(m))
        return brink_error_set(err, BRINK_EINVALID, "%s: unknown method '%s'", fo->what, m);
    o->analysis.method = m;
    o->analysis.refine = (int)refine;
    o->analysis.max_equilibria = (int)maxeq;
    o->analysis.max_solves = (int)ms;
    o->samples = samples;
    o->threads = (int)threads;
    o->keep_draws = (int)draws;
    o->sensitivity = sens ? 200 : 0;   /* the CLI's --sensitivity resamples */
    return BRINK_OK;
}

char *brink_ffi_montecarlo_json(const brink_scenario *sc, const char *const *watch, int nwatch,
                                const char *compare_at, const char *const *keys,
                                const char *const *values, int nopts, brink_error *err)
{
    brink_mc_options o;
    brink_mc_options_init(&o);
    ffi_opts fo = {compare_at ? "compare" : "montecarlo", keys, values, nopts};
    if (mc_options(&fo, &o, err))
        return NULL;
    if (nwatch < 0)
        return brink_error_set(err, BRINK_EINVALID, "%s: negative watch count", fo.what), NULL;
    o.watch = nwatch ? watch : NULL;
    o.nwatch_refs = nwatch;
    o.compare_at = compare_at;
    brink_mc_result *r = brink_montecarlo(sc, &o, err);
    if (!r) {
        /* what a compact game cannot do: how to build the tree, in Python's words (the
         * library's message leaves that to its caller; tester 14, N6) */
        if (err && err->code == BRINK_EUNSUPPORTED && brink_scenario_is_compact(sc))
            brink_error_append(err, "Scenario(file, compact_above=0) builds the tree, when it "
                                    "fits in max_nodes");
        return NULL;
    }
    brink_buf out;
    brink_buf_init(&out);
    char *s = brink_mc_write_json(r, &out, err) ? NULL : ffi_take(&out, err);
    brink_buf_free(&out);
    brink_mc_result_free(r);
    return s;
}
