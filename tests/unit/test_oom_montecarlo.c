/* test_oom_montecarlo.c — allocation failures anywhere in loading a scenario with every
 * distribution kind and correlations, in a Monte Carlo run with an option comparison, in
 * storing a run and reading it back (brink_montecarlo_load), and in its reports (text, JSON,
 * CSV, JSON Lines) end in BRINK_ENOMEM (never another error, a crash or a leak), exhaustively;
 * the same for a run with Sobol indices (--sobol) on a small scenario. */
#include <unistd.h>

#include "oom_harness.h"

static const char *TEXT =
    "brink: 1\nid: oom-mc\n"
    "actors: {A: {types: {hi: p, lo: 1 - p}}, B: {}}\n"
    "parameters:\n"
    "  p: {value: 0.4, range: [0, 1], distribution: 'beta(2, 3)'}\n"
    "  u: {value: 1, range: [0, 4], distribution: 'uniform(1, 3)'}\n"
    "  t: {value: 3, range: [2.5, 4], distribution: 'normal(0, 1)', truncate: true}\n"
    "  d: {value: 1, range: [0, 5], distribution: 'discrete(1, 2, 4; 1, 2, 1)'}\n"
    "  c: {value: 0, distribution: 'normal(0, 1)'}\n"
    "correlations:\n  - {parameters: [u, c], rho: 0.5}\n"
    "issues: {x: [a, b]}\n"
    "preferences: {A.hi: {x=a: u}, A.lo: {x=b: d}, B: {x=a: t}}\n"
    "game:\n  A:\n    l:\n      B:\n        y: {outcome: {x: a}}\n        n: {outcome: {x: b}}\n"
    "    r: {outcome: {x: b}}\n";

static const char *SOBOL_TEXT =
    "brink: 1\nid: oom-sobol\nactors: {A: {}, B: {}}\n"
    "parameters:\n"
    "  p: {value: 0.4, range: [0, 1], distribution: 'beta(2, 3)'}\n"
    "  d: {value: 1, range: [0, 5], distribution: 'discrete(1, 2, 4; 1, 2, 1)'}\n"
    "issues: {x: [a, b, c]}\n"
    "preferences: {A: {x=a: p, x=c: 0.5}, B: {x=a: d, x=b: 2}}\n"
    "game:\n  A:\n    l:\n      B:\n        y: {outcome: {x: a}}\n        n: {outcome: {x: b}}\n"
    "    r: {outcome: {x: c}}\n";

static int load_case(void *ctx)
{
    (void)ctx;
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_parse(TEXT, strlen(TEXT), "oom.yaml", NULL, &err);
    if (!sc)
        return oom_code(err.code);
    brink_scenario_free(sc);
    return 1;
}

static int run_case(void *ctx)
{
    const brink_scenario *sc = ctx;
    brink_error err;
    brink_error_clear(&err);
    brink_mc_options o;
    brink_mc_options_init(&o);
    o.samples = 2;
    o.threads = 1;
    o.keep_draws = 1;
    o.compare_at = "A.hi@*";   /* one type: "A@*" names both types' decisions */
    brink_mc_result *r = brink_montecarlo(sc, &o, &err);
    if (!r)
        return oom_code(err.code);
    brink_buf b;
    brink_buf_init(&b);
    brink_status st = brink_mc_write_text(r, &b, &err);
    if (!st)
        st = brink_mc_write_json(r, &b, &err);
    if (!st)
        st = brink_mc_write_csv(r, &b, &err);
    if (!st)
        st = brink_mc_write_jsonl(r, &b, &err);
    brink_buf_free(&b);
    brink_mc_result_free(r);
    return oom_code(st);
}

/* Sobol indices (a small design with a few resamples) and their words. */
static int sobol_case(void *ctx)
{
    const brink_scenario *sc = ctx;
    brink_error err;
    brink_error_clear(&err);
    brink_mc_options o;
    brink_mc_options_init(&o);
    o.samples = 2;
    o.threads = 1;
    o.sobol = 3;
    o.sobol_resamples = 3;
    brink_mc_result *r = brink_montecarlo(sc, &o, &err);
    if (!r)
        return oom_code(err.code);
    brink_buf b;
    brink_buf_init(&b);
    brink_status st = r->nsobol > 0 ? brink_mc_write_text(r, &b, &err) : BRINK_EINTERNAL;
    if (!st)
        st = brink_mc_write_json(r, &b, &err);
    brink_buf_free(&b);
    brink_mc_result_free(r);
    return oom_code(st);
}

/* A run storing its draws (--db) in a fresh file each time: our allocations in opening,
 * configuring and writing fail into ENOMEM. (SQLite's own allocations come from the shared
 * library and are not injected here.) */
static brink_buf db_path[3];   /* the file, its write-ahead log and index (built first) */

static void remove_db(void)
{
    for (int k = 0; k < 3; k++)
        remove(db_path[k].data);
}

static int db_case(void *ctx)
{
    const brink_scenario *sc = ctx;
    remove_db();
    brink_error err;
    brink_error_clear(&err);
    brink_mc_options o;
    brink_mc_options_init(&o);
    o.samples = 2;
    o.threads = 1;
    o.db = db_path[0].data;
    o.resume = 1;
    brink_mc_result *r = brink_montecarlo(sc, &o, &err);
    if (!r)
        return oom_code(err.code);
    brink_mc_result_free(r);
    return 1;
}

/* The run stored by db_case read back (brink report --from): our allocations in finding,
 * checking and loading it fail into ENOMEM; the file is only read. */
static int stored_case(void *ctx)
{
    const brink_scenario *sc = ctx;
    brink_error err;
    brink_error_clear(&err);
    brink_mc_result *r = brink_montecarlo_load(sc, db_path[0].data, 0, 3, &err);
    if (!r)
        return oom_code(err.code);
    int same = r->samples == 2 && r->nsens > 0;
    brink_mc_result_free(r);
    return same ? 1 : 0;
}

int main(void)
{
    oom_exhaust("load", load_case, NULL);
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_parse(TEXT, strlen(TEXT), "oom.yaml", NULL, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (sc) {
        oom_exhaust("montecarlo", run_case, sc);
        /* a small scenario with independent parameters, for the Sobol indices (the one
         * above has correlations, and its exact solves would make this slow) */
        brink_scenario *si = brink_scenario_parse(SOBOL_TEXT, strlen(SOBOL_TEXT), "oom.yaml",
                                                  NULL, &err);
        CHECK_MSG(si != NULL, "%s", err.message);
        if (si) {
            CHECK(sobol_case(si) == 1);
            oom_exhaust("montecarlo --sobol", sobol_case, si);
        }
        brink_scenario_free(si);
        static const char *const ext[] = {"", "-wal", "-shm"};
        /* a memory file system when there is one: ~800 databases are created */
        const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        int ok = 1;
        for (int k = 0; k < 3; k++) {
            brink_buf_init(&db_path[k]);
            brink_buf_printf(&db_path[k], "%s/brink-oom-mc-%ld.sqlite%s", dir,
                             (long)getpid(), ext[k]);
            ok &= !db_path[k].failed;
        }
        CHECK(ok);
        if (ok) {
            oom_exhaust("montecarlo --db", db_case, sc);
            CHECK(db_case(sc) == 1);   /* one stored run, then read back */
            oom_exhaust("montecarlo stored", stored_case, sc);
            remove_db();
        }
        for (int k = 0; k < 3; k++)
            brink_buf_free(&db_path[k]);
        brink_scenario_free(sc);
    }
    return check_finish();
}
