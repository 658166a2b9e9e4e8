/* cmd_scenario.c — the scenario subcommands:
 *   brink analyze [FILE|ID ...] [--json] [--method M] [--no-questions] [--time-limit S]
 *                 [--set NAME=VALUE]
 *                 with no scenario: every built-in scenario (this is `make demo`)
 *   brink scenarios [--json]        list the built-in library
 *   brink show ID                   print a built-in scenario's YAML
 *   brink compile FILE|ID [-o game.efg] [--set NAME=VALUE]   export the game (Gambit .efg)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/analysis.h"
#include "cli/cli.h"
#include "cli/commands.h"


/* Analyse one loaded scenario (at its defaults, which --set may have changed). */
static int analyze_one(brink_scenario *sc, const brink_analysis_options *o, int json,
                       brink_buf *out)
{
    brink_error err;
    brink_error_clear(&err);
    brink_analysis *a = brink_analyze(sc, o, &err);
    if (!a)
        return cli_report_in(&err, brink_scenario_filename(sc));
    brink_status st = json ? brink_analysis_write_json(a, out, &err)
                           : brink_analysis_write_text(a, out, &err);
    /* A scenario with a forecast section gets the forecast's summary after the text (the
     * JSON carries the rounds as data: "forecast"). */
    if (!st && !json && a->forecast)
        brink_forecast_write_summary(brink_scenario_forecast(sc), &a->forecast_options,
                                     a->forecast, brink_scenario_id(sc), out);
    brink_analysis_free(a);
    if (st)
        return cli_report(&err);
    return BRINK_EXIT_OK;
}

static void analyze_usage(FILE *f)
{
    fprintf(f,
            "usage: brink analyze [FILE|ID ...] [--json] [--method NAME] [--no-questions]\n"
            "                     [--all-equilibria] [--time-limit S] [--set NAME=VALUE ...]\n"
            "                     [--iterations N] [--max-nodes N] [--keep-order]\n"
            "Analyse scenarios (YAML files or built-in ids, see `brink scenarios`): each actor's\n"
            "strategy, beliefs, outcome probabilities, expected values, uniqueness, and the\n"
            "answers to the scenario's questions. With no scenario, every built-in one.\n"
            "  --json            machine-readable output (one JSON document per line)\n"
            "  --method NAME     a registered solver instead of the automatic choice\n"
            "  --no-questions    skip the declared questions (thresholds, sweeps)\n"
            "  --all-equilibria  keep equilibria that are not sequentially rational too\n"
            "  --time-limit S    seconds for EACH equilibrium computation and EACH threshold\n"
            "                    question, not for the whole command: the main analysis is\n"
            "                    one computation, a sweep makes many. The main one reaching\n"
            "                    it: with the automatic choice, the next method the policy\n"
            "                    allows is run instead (\"Changed automatically: enummixed\n"
            "                    refused the game: ... time limit\", e.g. the sequential\n"
            "                    solver: one equilibrium, not every one); with --method, or\n"
            "                    when no other method applies, an error, exit 2. A\n"
            "                    threshold's: the parts of the range not done are reported\n"
            "                    \"not certified: time limit\"; a\n"
            "                    sweep's: not answered (naming the grid point); the rest of\n"
            "                    the analysis stands\n"
            "  --iterations N    iterations per solve for iterative methods (CFR, logit)\n"
            "  --set NAME=VALUE  change a parameter's value (exact: 0.3, 3/10)\n"
            "  --max-nodes N     game-tree node limit for scenario files (default 4194304)\n"
            "  --compact-above N a perfect-information scenario file whose tree has more than\n"
            "                    N nodes (default 100000; 0: never) is solved by backward\n"
            "                    induction on its distinct sub-games, without the tree (spe)\n"
            "  --keep-order      solve the game as written (no chance move postponed)\n");
}

int brink_cli_analyze(int argc, char **argv)
{
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    int json = 0, nfiles = 0, rc = BRINK_EXIT_OK, nsets = 0;
    size_t max_nodes = 0;
    /* perfect-information trees above this many nodes are solved as compact games */
    size_t compact_above = 100000;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    const char **sets = calloc((size_t)argc + 1, sizeof *sets);
    if (!files || !sets) {
        free(files);
        free(sets);
        return BRINK_EXIT_INTERNAL;
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            analyze_usage(stdout);
            free(sets);
            free(files);
            return BRINK_EXIT_OK;
        } else if (!strcmp(argv[i], "--method") && i + 1 < argc) {
            o.method = argv[++i];
            if (!brink_solver_find(o.method)) {
                free(sets);
                free(files);
                return cli_usage_error("analyze", "no method named '%s' (brink solve --list)",
                                       o.method);
            }
        } else if (!strcmp(argv[i], "--no-questions")) {
            o.questions = 0;
        } else if (!strcmp(argv[i], "--all-equilibria")) {
            o.refine = 0;
        } else if (!strcmp(argv[i], "--keep-order")) {
            o.postpone_chance = 0;
        } else if (!strcmp(argv[i], "--time-limit") && i + 1 < argc) {
            double dv;
            if (cli_parse_double(argv[++i], &dv) || !(dv > 0)) {
                free(sets);
                free(files);
                return cli_usage_error("analyze", "bad --time-limit '%s'", argv[i]);
            }
            o.time_limit = dv;
        } else if (!strcmp(argv[i], "--iterations") && i + 1 < argc) {
            const char *v = argv[++i];
            long it = 0;
            if (cli_parse_long(v, &it) || it < 1) {   /* overflow too: not LONG_MAX */
                free(sets);
                free(files);
                return cli_usage_error("analyze", "bad --iterations '%s' (a whole number >= 1)", v);
            }
            o.iterations = it;
        } else if (!strcmp(argv[i], "--max-nodes") && i + 1 < argc) {
            if ((rc = cli_parse_max_nodes("analyze", argv[++i], &max_nodes))) {
                free(sets);
                free(files);
                return rc;
            }
        } else if (!strcmp(argv[i], "--compact-above") && i + 1 < argc) {
            const char *v = argv[++i];
            long ca = -1;
            if (cli_parse_long(v, &ca) || ca < 0) {
                free(sets);
                free(files);
                return cli_usage_error("analyze", "bad --compact-above '%s' (a whole number "
                                       ">= 0; 0: never)", v);
            }
            compact_above = (size_t)ca;
        } else if (!strcmp(argv[i], "--set") && i + 1 < argc) {
            if ((rc = cli_check_set("analyze", sets[nsets++] = argv[++i]))) {
                free(sets);
                free(files);
                return rc;
            }
        } else if (argv[i][0] == '-' && argv[i][1]) {
            free(sets);
            free(files);
            return cli_bad_option("analyze",
                                  "--method --time-limit --iterations --max-nodes --compact-above --set",
                                  argv[i], i + 1 == argc);
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (o.method && strcmp(o.method, "spe") != 0)
        compact_above = 0;   /* other methods need the tree */
    if (cli_stderr_is_tty())
        o.progress = cli_progress;   /* long threshold questions: a bar on stderr */
    int builtin_all = nfiles == 0;
    int n = builtin_all ? brink_scenario_builtin_count() : nfiles;
    for (int i = 0; i < n; i++) {
        brink_buf out;
        brink_buf_init(&out);
        int status = BRINK_EXIT_OK;
        brink_scenario *sc;
        if (builtin_all) {
            sc = cli_load_scenario("analyze", brink_scenario_builtin_name(i), sets, nsets,
                                   max_nodes, &status);
        } else {
            sc = cli_load_scenario_compact("analyze", files[i], sets, nsets, max_nodes,
                                           compact_above, !o.questions, &status);
        }
        if (sc) {
            status = analyze_one(sc, &o, json, &out);
            brink_scenario_free(sc);
            if (!json && i + 1 < n)
                brink_buf_puts(&out, "\n");
        }
        if (status == BRINK_EXIT_OK)
            status = cli_emit(&out, NULL);
        fflush(stdout);
        brink_buf_free(&out);
        if (status && !rc)
            rc = status;
    }
    free(sets);
    free(files);
    return rc;
}

int brink_cli_scenarios(int argc, char **argv)
{
    int json = argc > 1 && !strcmp(argv[1], "--json");
    if (argc > 1 && !json)
        return cli_usage_error("scenarios", "usage: brink scenarios [--json]");
    brink_buf out;
    brink_buf_init(&out);
    int rc = BRINK_EXIT_OK;
    if (json)
        brink_buf_puts(&out, "[");
    for (int i = 0; i < brink_scenario_builtin_count(); i++) {
        brink_error err;
        brink_error_clear(&err);
        brink_scenario *sc = brink_scenario_load_builtin(i, &err);
        if (!sc) {
            rc = cli_report(&err);
            continue;
        }
        const brink_efg *g = brink_scenario_game(sc);
        if (json) {
            brink_buf_puts(&out, i ? ",{\"id\":" : "{\"id\":");
            brink_json_string(&out, brink_scenario_id(sc));
            brink_buf_puts(&out, ",\"file\":");
            brink_json_string(&out, brink_scenario_builtin_name(i));
            brink_buf_puts(&out, ",\"mechanism\":");
            brink_json_string(&out, brink_scenario_mechanism(sc));
            brink_buf_puts(&out, ",\"title\":");
            brink_json_string(&out, brink_scenario_title(sc));
            brink_buf_printf(&out, ",\"actors\":%d,\"nodes\":%d,\"questions\":%d}",
                             g->nplayers, g->nnodes, brink_scenario_nquestions(sc));
        } else {
            int nq = brink_scenario_nquestions(sc);
            brink_buf_printf(&out, "%-4s %-26s %s\n     %d actor%s, %d node%s, %d question%s; %s\n",
                             brink_scenario_mechanism(sc), brink_scenario_id(sc),
                             brink_scenario_title(sc), g->nplayers, g->nplayers == 1 ? "" : "s",
                             g->nnodes, g->nnodes == 1 ? "" : "s", nq, nq == 1 ? "" : "s",
                             brink_scenario_builtin_name(i));
        }
        brink_scenario_free(sc);
    }
    if (json)
        brink_buf_puts(&out, "]\n");
    int e = cli_emit(&out, NULL);
    brink_buf_free(&out);
    return rc ? rc : e;
}

int brink_cli_show(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-')
        return cli_usage_error("show", "usage: brink show ID   (ids: brink scenarios)");
    int i = brink_scenario_builtin_find(argv[1]);
    if (i < 0)
        return cli_usage_error("show", "no built-in scenario '%s' (see brink scenarios)", argv[1]);
    size_t len = 0;
    const char *text = brink_scenario_builtin_text(i, &len);
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)
        return cli_stdout_failed();
    return BRINK_EXIT_OK;
}

int brink_cli_compile(int argc, char **argv)
{
    const char *in = NULL, *outpath = NULL;
    int nsets = 0, rc;
    size_t max_nodes = 0;
    const char **sets = calloc((size_t)argc + 1, sizeof *sets);
    if (!sets)
        return BRINK_EXIT_INTERNAL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc) {
            outpath = argv[++i];
        } else if (!strcmp(argv[i], "--max-nodes") && i + 1 < argc) {
            if ((rc = cli_parse_max_nodes("compile", argv[++i], &max_nodes))) {
                free(sets);
                return rc;
            }
        } else if (!strcmp(argv[i], "--set") && i + 1 < argc) {
            if ((rc = cli_check_set("compile", sets[nsets++] = argv[++i]))) {
                free(sets);
                return rc;
            }
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: brink compile FILE|ID [-o game.efg] [--set NAME=VALUE ...]\n"
                   "                     [--max-nodes N]\n"
                   "Compile a scenario to a Gambit .efg game (stdout without -o).\n"
                   "  --max-nodes N     game-tree node limit (default 4194304)\n");
            free(sets);
            return BRINK_EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            free(sets);
            return cli_bad_option("compile", "-o --max-nodes --set", argv[i], i + 1 == argc);
        } else if (!in) {
            in = argv[i];
        } else {
            free(sets);
            return cli_usage_error("compile", "one scenario at a time");
        }
    }
    if (!in) {
        free(sets);
        return cli_usage_error("compile", "usage: brink compile FILE|ID [-o game.efg]");
    }
    int status = BRINK_EXIT_OK;
    brink_scenario *sc = cli_load_scenario("compile", in, sets, nsets, max_nodes, &status);
    free(sets);
    if (!sc)
        return status;
    brink_error err;
    brink_error_clear(&err);
    brink_buf out;
    brink_buf_init(&out);
    if (brink_efg_write(brink_scenario_game(sc), &out, &err) != BRINK_OK)
        status = cli_report_in(&err, brink_scenario_filename(sc));
    else
        status = cli_emit(&out, outpath);
    brink_buf_free(&out);
    brink_scenario_free(sc);
    return status;
}
