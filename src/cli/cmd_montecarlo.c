/* cmd_montecarlo.c — brink montecarlo SCENARIO --samples N [--seed S] [--threads T] [--json]
 *                    [--watch REF ...] [--draws] [--sensitivity] [--sobol N] [--time-limit S]
 *                    [--db FILE [--resume]] [--csv FILE] [--jsonl FILE] [--exact]
 *                  brink compare SCENARIO --actor A [--at REF] [same options]
 * Draws the scenario's parameters from their declared distributions, solves each draw and
 * prints how often each outcome and watched choice occurs (Wilson intervals), how many draws
 * have one proved equilibrium or several, and expected values; `compare` adds, for each
 * option of the actor's decision, the share of draws where it is best, its expected value,
 * expected regret and worst value (docs/montecarlo.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <unistd.h>

#include "brink/uncertainty.h"
#include "cli/cli.h"
#include "cli/cli_mc.h"
#include "cli/commands.h"

/* Keeping every draw (--draws, --csv, --jsonl, --sensitivity) holds at least the drawn
 * values and each actor's value per draw: a number of draws that cannot fit in this
 * machine's memory is refused before anything is allocated (exit 2, not an out-of-memory
 * failure after minutes). */
static int draws_fit(const char *cmd, const brink_scenario *sc, const brink_mc_options *o)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0)
        return 0;   /* unknown: left to the allocation */
    int nvaried = 0;
    for (int k = 0; k < brink_scenario_nparams(sc); k++)
        nvaried += brink_scenario_param(sc, k)->dist != BRINK_DIST_NONE;
    double per = 8.0 * (nvaried + brink_scenario_nactors(sc)) + 3 * sizeof(int);
    double need = per * (double)o->samples, have = (double)pages * (double)page;
    if (need <= have)
        return 0;
    return cli_usage_error(cmd, "--samples %ld with every draw kept (--draws, --csv, --jsonl or "
                           "--sensitivity) needs at least %.3g GB of memory; this machine has "
                           "%.3g GB", o->samples, need / 1e9, have / 1e9);
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: brink montecarlo FILE|ID [--samples N] [--seed S] [--threads T] [--json]\n"
            "                        [--watch REF ...] [--draws] [--sensitivity] [--sobol N]\n"
            "                        [--time-limit S] [--db FILE [--resume]]\n"
            "                        [--csv FILE] [--jsonl FILE] [--exact]\n"
            "                        [--compact-above N] [--max-nodes N]\n"
            "Draw the parameters that declare a distribution, solve every draw, and report\n"
            "how often each outcome and watched choice occurs (95%% Wilson intervals), how\n"
            "many draws have one proved equilibrium or several, and expected values.\n"
            "The same seed gives the same result whatever the number of threads.\n"
            "  --samples N     draws (default 1000)\n"
            "  --seed S        seed of the counter-based streams (default 1)\n"
            "  --threads T     threads (default: all processors)\n"
            "  --watch REF     a decision to report, e.g. USA@demand (default: the decisions\n"
            "                  the scenario's questions watch); repeatable\n"
            "  --draws         with --json: every draw's values and findings too\n"
            "  --sensitivity   which drawn parameters matter to each expected value:\n"
            "                  standardised regression coefficients, bootstrap intervals\n"
            "  --sobol N       Sobol first-order and total indices of every outcome, watched\n"
            "                  choice and expected value on each drawn parameter (Saltelli's\n"
            "                  design, N base rows: N (k + 2) draws more for k parameters;\n"
            "                  bootstrap intervals); the parameters must be independent\n"
            "  --time-limit S  seconds per solve\n"
            "  --exact         solve every draw exactly (default: a perfect-information game\n"
            "                  is solved in doubles, each draw certified by its margins)\n"
            "  --db FILE       store every draw in SQLite database FILE, block by block\n"
            "  --csv FILE      every draw as a CSV row (index, drawn parameters, equilibria,\n"
            "                  outcome, watched choices, values); --jsonl FILE: JSON Lines\n"
            "  --resume        with --db: continue the interrupted run with the same\n"
            "                  configuration (stored draws are not recomputed)\n"
            "  --json          machine-readable (schema/brink-montecarlo.schema.json)\n"
            "  --max-nodes N   game-tree node limit for a scenario file (default 4194304)\n"
            "  --compact-above N  a perfect-information scenario file whose tree has more\n"
            "                  than N nodes (default 100000; 0: never) is solved draw by draw\n"
            "                  on its distinct sub-games, without the tree (exact backward\n"
            "                  induction; --watch names one decision point by its path)\n");
}

/* Progress on stderr when it is a terminal: done/total, rate and time left. */
static void progress(void *ctx, long done, long total, double seconds)
{
    (void)ctx;
    if (!cli_stderr_is_tty())
        return;
    double rate = seconds > 0 ? (double)done / seconds : 0;
    double eta = rate > 0 ? (double)(total - done) / rate : 0;
    fprintf(stderr, "\r%ld/%ld draws, %.0f/s, %.0f s left\033[K", done, total, rate, eta);
    if (done >= total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* A seed: every value of a uint64 (strtoull alone would take "-1" as 2^64 - 1). */
static int parse_seed(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    if (*s < '0' || *s > '9')   /* no sign, no space */
        return -1;
    unsigned long long x = strtoull(s, &end, 10);
    if (*end || errno)
        return -1;
    *out = (uint64_t)x;
    return 0;
}

/* --csv / --jsonl files are opened before the draws, so that a path that cannot be written
 * is reported at once, not after the whole run ("-": standard output, NULL here). */
static int open_out(const char *path, FILE **f)
{
    *f = NULL;
    if (!path || !strcmp(path, "-"))
        return BRINK_EXIT_OK;
    if (!(*f = fopen(path, "wb"))) {
        brink_error err;
        brink_error_clear(&err);
        brink_error_set_at(&err, BRINK_EIO, path, 0, 0, "cannot open for writing: %s",
                           strerror(errno));
        return cli_report(&err);
    }
    return BRINK_EXIT_OK;
}

/* Are two output paths one file (the same name, or the same file under two names)? Each
 * would overwrite the other's rows: "nothing lost" forbids it. */
static int same_file(const char *a, const char *b)
{
    if (!a || !b || !strcmp(a, "-") || !strcmp(b, "-"))
        return 0;
    if (!strcmp(a, b))
        return 1;
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* Write b to f (opened by open_out) and close it, or to standard output when f is NULL. */
static int emit_to(const brink_buf *b, FILE *f, const char *path)
{
    if (!f)
        return cli_emit(b, NULL);
    int bad = b->failed || (b->len && fwrite(b->data, 1, b->len, f) != b->len);
    int e = errno;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (!bad)
        return BRINK_EXIT_OK;
    brink_error err;
    brink_error_clear(&err);
    if (b->failed)
        brink_error_set(&err, BRINK_ENOMEM, "out of memory building output");
    else
        brink_error_set_at(&err, BRINK_EIO, path, 0, 0, "write failed: %s", strerror(e));
    return cli_report(&err);
}

static void compare_usage(FILE *f)
{
    fprintf(f,
            "usage: brink compare FILE|ID --actor A [--at REF] [--samples N] [--seed S]\n"
            "                     [--threads T] [--json] [--time-limit S] [--max-nodes N]\n"
            "Across draws of the uncertain parameters, compare the options of actor A's first\n"
            "decision (or of decision REF, e.g. USA@start): the share of draws in which each\n"
            "is best, its expected value, expected regret and worst value, the others\n"
            "replying as in each draw's equilibrium. Prints the Monte Carlo summary too.\n");
}

int cli_montecarlo_run(int argc, char **argv, int compare, cli_mc_share *share)
{
    const char *cmd = compare ? "compare" : "montecarlo";
    const char *actor = NULL, *at = NULL;
    char *actor_ref = NULL;
    brink_mc_options o;
    brink_mc_options_init(&o);
    o.progress = progress;
    const char *in = NULL, *csv = NULL, *jsonl = NULL;
    int json = 0, draws = 0;
    size_t compact_above = compare ? 0 : 100000;   /* compare reads the tree's decisions */
    size_t max_nodes = 0;                          /* 0: the default limit */
    const char **watch = calloc((size_t)argc + 1, sizeof *watch);
    if (!watch)
        return BRINK_EXIT_INTERNAL;
    int rc = BRINK_EXIT_OK;
    for (int i = 1; i < argc && !rc; i++) {
        long v;
        double d;
        if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (!strcmp(argv[i], "--sensitivity")) {
            o.sensitivity = 200;
        } else if (!strcmp(argv[i], "--exact")) {
            o.exact = 1;
        } else if (!strcmp(argv[i], "--draws")) {
            o.keep_draws = draws = 1;
        } else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
            o.db = argv[++i];
        } else if (!strcmp(argv[i], "--csv") && i + 1 < argc) {
            csv = argv[++i];
            o.keep_draws = 1;
        } else if (!strcmp(argv[i], "--jsonl") && i + 1 < argc) {
            jsonl = argv[++i];
            o.keep_draws = 1;
        } else if (!strcmp(argv[i], "--resume")) {
            o.resume = 1;
        } else if (compare && !strcmp(argv[i], "--actor") && i + 1 < argc) {
            actor = argv[++i];
        } else if (compare && !strcmp(argv[i], "--at") && i + 1 < argc) {
            at = argv[++i];
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            if (!share || share->part == 0) /* under MPI, rank 0 prints it once */
                (compare ? compare_usage : usage)(stdout);
            free(watch);
            return BRINK_EXIT_OK;
        } else if (!strcmp(argv[i], "--samples") && i + 1 < argc) {
            if (cli_parse_long(argv[++i], &v) || v < 1)
                rc = cli_usage_error(cmd, "bad --samples '%s' (a whole number >= 1)",
                                     argv[i]);
            o.samples = v;
        } else if (!strcmp(argv[i], "--sobol") && i + 1 < argc) {
            if (cli_parse_long(argv[++i], &v) || v < 2)
                rc = cli_usage_error(cmd, "bad --sobol '%s' (base rows, a whole number >= 2)",
                                     argv[i]);
            o.sobol = v;
        } else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
            if (parse_seed(argv[++i], &o.seed))
                rc = cli_usage_error(cmd, "bad --seed '%s' (a whole number from 0 to "
                                     "18446744073709551615)", argv[i]);
        } else if (!strcmp(argv[i], "--threads") && i + 1 < argc) {
            if (cli_parse_long(argv[++i], &v) || v < 1 || v > 4096)
                rc = cli_usage_error(cmd, "bad --threads '%s' (1 to 4096)", argv[i]);
            o.threads = (int)v;
        } else if (!strcmp(argv[i], "--time-limit") && i + 1 < argc) {
            if (cli_parse_double(argv[++i], &d) || !(d > 0))
                rc = cli_usage_error(cmd, "bad --time-limit '%s'", argv[i]);
            o.analysis.time_limit = d;
        } else if (!strcmp(argv[i], "--max-nodes") && i + 1 < argc) {
            rc = cli_parse_max_nodes(cmd, argv[++i], &max_nodes);
        } else if (!compare && !strcmp(argv[i], "--compact-above") && i + 1 < argc) {
            const char *cv = argv[++i];
            long ca = -1;
            if (cli_parse_long(cv, &ca) || ca < 0)
                rc = cli_usage_error(cmd, "bad --compact-above '%s' (a whole number >= 0; 0: "
                                     "never)", cv);
            compact_above = (size_t)(ca > 0 ? ca : 0);
        } else if (!strcmp(argv[i], "--watch") && i + 1 < argc) {
            watch[o.nwatch_refs++] = argv[++i];
        } else if (compare && !strcmp(argv[i], "--compact-above")) {
            rc = cli_usage_error(cmd, "--compact-above is not an option of compare: it reads "
                                 "the tree's decisions, which a compact game does not have");
        } else if (argv[i][0] == '-' && argv[i][1]) {
            /* an option that takes a value, last with none: "needs a value", as the other
             * commands say it (the shared cli_bad_option; tester 14, N6) */
            rc = cli_bad_option(cmd, compare ? "--db --csv --jsonl --actor --at --samples "
                                               "--sobol --seed --threads --time-limit "
                                               "--max-nodes --watch"
                                             : "--db --csv --jsonl --samples --sobol --seed "
                                               "--threads --time-limit --max-nodes "
                                               "--compact-above --watch",
                                argv[i], i + 1 == argc);
        } else if (!in) {
            in = argv[i];
        } else {
            rc = cli_usage_error(cmd, "one scenario at a time");
        }
    }
    if (!rc && !in)
        rc = cli_usage_error(cmd, "which scenario? (a file or a built-in id)");
    if (!rc && compare && !actor && !at)
        rc = cli_usage_error(cmd, "whose options? (--actor A or --at DECISION)");
    if (!rc && compare) {
        if (at) {
            o.compare_at = at;
        } else {
            size_t n = strlen(actor);
            actor_ref = malloc(n + 3);
            if (!actor_ref) {
                free(watch);
                return BRINK_EXIT_INTERNAL;
            }
            memcpy(actor_ref, actor, n);
            memcpy(actor_ref + n, "@*", 3);
            o.compare_at = actor;   /* an actor: its first decision */
        }
    }
    if (!rc && o.resume && !o.db)
        rc = cli_usage_error(cmd, "--resume needs --db FILE");
    {
        const char *outs[3] = {csv, jsonl, o.db}, *names[3] = {"--csv", "--jsonl", "--db"};
        for (int a = 0; a < 3 && !rc; a++)
            for (int b = a + 1; b < 3 && !rc; b++)
                if (same_file(outs[a], outs[b]))
                    rc = cli_usage_error(cmd, "%s and %s name the same file '%s': one would "
                                         "overwrite the other", names[a], names[b], outs[b]);
    }
    if (!rc && draws && !json)
        rc = cli_usage_error(cmd, "--draws goes with --json");
    if (rc) {
        free(watch);
        free(actor_ref);
        return rc;
    }
    if (o.nwatch_refs)
        o.watch = watch;
    int quiet = 0;   /* a part other than 0: its draws are reported by part 0 */
    if (share && share->nparts > 1) {
        o.nparts = share->nparts;
        o.part = share->part;
        o.send = share->send;
        o.receive = share->receive;
        o.share_ctx = share->ctx;
        if (share->part != 0) {
            quiet = 1;
            o.progress = NULL;
        }
    }
    brink_error err;
    brink_error_clear(&err);
    if ((rc = cli_refuse_game_file(cmd, in)) != 0) {
        free(watch);
        free(actor_ref);
        return rc;
    }
    /* a file over --compact-above nodes with perfect information is built as its distinct
     * sub-games (scenario/compact.h), as brink analyze does; built-ins are small */
    int lrc = 0;
    brink_scenario *sc = cli_load_scenario_compact(cmd, in, NULL, 0, max_nodes, compact_above, 0,
                                                   &lrc);
    if (!sc) {
        free(watch);
        free(actor_ref);
        return lrc;
    }
    for (int k = 0; k < o.nwatch_refs && !rc; k++)   /* as sweep's --watch: */
        if (brink_scenario_check_watch(sc, watch[k], &err))
            rc = cli_usage_error(cmd, "--watch %s: %s", watch[k], err.message);
    int hc;
    if (!rc && compare && at && brink_scenario_find_one_decision(sc, at, &hc, &err))
        rc = err.code == BRINK_ENOMEM ? cli_report(&err)
                                      : cli_usage_error(cmd, "--at %s: %s", at, err.message);
    if (!rc && compare && at && actor) {   /* a reference is ACTOR[.TYPE]@PLACE */
        size_t n = strcspn(at, ".@");
        if (strlen(actor) != n || strncmp(actor, at, n) != 0)
            rc = cli_usage_error(cmd, "--actor %s and --at %s name different actors ('%s' and "
                                 "'%.*s'): give one of them, or the same actor in both",
                                 actor, at, actor, (int)n, at);
    }
    if (compare && actor && !at) {   /* --actor names an actor, not a decision reference */
        int found = 0, na = brink_scenario_nactors(sc);
        for (int k = 0; k < na && !found; k++)
            found = !strcmp(brink_scenario_actor_id(sc, k), actor);
        if (!found) {
            brink_buf ids;
            brink_buf_init(&ids);
            for (int k = 0; k < na; k++)
                brink_buf_printf(&ids, "%s%s", k ? ", " : "", brink_scenario_actor_id(sc, k));
            rc = cli_usage_error(cmd, "--actor %s: scenario %s has no actor '%s' (its actors: "
                                 "%s)", actor, brink_scenario_id(sc), actor,
                                 ids.failed ? "?" : ids.data);
            brink_buf_free(&ids);
        } else if (!rc && actor_ref && brink_scenario_find_one_decision(sc, actor, &hc, &err)) {
            /* a typed actor: its first decision is one type's, which --actor cannot say (the
             * reference to give goes with --at); or an actor without decisions */
            brink_error none;
            brink_error_clear(&none);
            int has = brink_scenario_check_watch(sc, actor_ref, &none) == BRINK_OK;
            rc = err.code == BRINK_ENOMEM
                     ? cli_report(&err)
                     : cli_usage_error(cmd, "--actor %s: %s%s", actor, err.message,
                                       has ? ", with --at" : "");
        }
    }
    if (share)
        share->started = 1;
    FILE *files[2] = {NULL, NULL};   /* --csv, --jsonl: opened before the draws */
    for (int k = 0; k < 2 && !quiet && !rc; k++)
        rc = open_out(k ? jsonl : csv, &files[k]);
    if (!rc && files[0] && files[1]) {   /* two names of one file ("a" and "./a") */
        struct stat s0, s1;
        if (fstat(fileno(files[0]), &s0) == 0 && fstat(fileno(files[1]), &s1) == 0 &&
            s0.st_dev == s1.st_dev && s0.st_ino == s1.st_ino)
            rc = cli_usage_error(cmd, "--csv and --jsonl name the same file '%s': one would "
                                 "overwrite the other", jsonl);
    }
    if (!rc && (o.keep_draws || o.sensitivity > 0))
        rc = draws_fit(cmd, sc, &o);
    brink_mc_result *r = rc ? NULL : brink_montecarlo(sc, &o, &err);
    if (rc) {
        /* reported by open_out */
    } else if (!r) {
        rc = cli_report_in(&err, brink_scenario_filename(sc));
    } else if (!quiet) {
        brink_buf out;
        brink_buf_init(&out);
        if ((json ? brink_mc_write_json(r, &out, &err) : brink_mc_write_text(r, &out, &err)))
            rc = cli_report(&err);
        else
            rc = cli_emit(&out, NULL);
        /* the draws, row by row, to files ("-": standard output, after the report) */
        for (int k = 0; k < 2 && !rc; k++) {
            const char *path = k ? jsonl : csv;
            if (!path)
                continue;
            brink_buf_reset(&out);
            if ((k ? brink_mc_write_jsonl(r, &out, &err) : brink_mc_write_csv(r, &out, &err))) {
                rc = cli_report(&err);
            } else {
                rc = emit_to(&out, files[k], path);
                files[k] = NULL;   /* closed by emit_to */
            }
        }
        brink_buf_free(&out);
    }
    for (int k = 0; k < 2; k++)
        if (files[k])
            fclose(files[k]);   /* the run failed: nothing to write */
    /* every draw failed: the report says so, and the status says there is no answer */
    if (!rc && r && !quiet && r->failed == r->samples) {
        /* located like any input error when the first failure has a place in the file */
        if (r->first_error_line > 0 && brink_scenario_filename(sc))
            fprintf(stderr, "%s:%d:%d: error: no draw was solved (all %ld failed); the first, draw %ld: %s\n",
                    brink_scenario_filename(sc), r->first_error_line, r->first_error_column,
                    r->samples, r->first_error_index, r->first_error ? r->first_error : "");
        else
            fprintf(stderr, "brink %s: no draw was solved (all %ld failed)%s%s\n", cmd, r->samples,
                    r->first_error ? "; the first: " : "", r->first_error ? r->first_error : "");
        rc = BRINK_EXIT_INPUT;
    }
    brink_mc_result_free(r);
    brink_scenario_free(sc);
    free(watch);
    free(actor_ref);
    return rc;
}

int brink_cli_montecarlo(int argc, char **argv)
{
    return cli_montecarlo_run(argc, argv, 0, NULL);
}

int brink_cli_compare(int argc, char **argv)
{
    return cli_montecarlo_run(argc, argv, 1, NULL);
}
