/* cmd_sweep.c — `brink sweep SCENARIO --vary NAME=LO:HI:N [--vary NAME=LO:HI:N]`: the
 * scenario's equilibrium on a grid of one or two parameters, asked from the command line
 * instead of declared in the file (issue 10, item 5). The question is the scenario
 * language's `sweep:` (docs/scenario-language.md), answered by the same code: with a watched
 * decision (--watch), the exact region boundaries between the grid points come from the
 * threshold engine, and for two parameters the region map's polygons. */
#include "cli/cli.h"
#include "cli/commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SWEEP_MAX_STEPS 1001   /* grid points per parameter: each is an exact solve */

static void sweep_usage(FILE *f)
{
    fprintf(f,
            "usage: brink sweep FILE|ID --vary NAME=LO:HI:N [--vary NAME=LO:HI:N]\n"
            "                   [--watch DECISION] [--json] [--set NAME=VALUE ...]\n"
            "                   [--max-nodes N] [--compact-above N]\n"
            "                   [--method NAME] [--time-limit S]\n"
            "The equilibrium on a grid of one or two parameters (the others at their defaults\n"
            "or --set values): the watched choice, expected values and outcome probabilities at\n"
            "each point; with --watch, the exact boundaries between grid points (certified\n"
            "continuation) and, for two parameters, the region map.\n"
            "  --vary NAME=LO:HI:N  N grid points (2 to %d) from LO to HI (exact: 0.3, 3/10),\n"
            "                       inside the parameter's declared range (if any)\n"
            "  --watch DECISION     a decision reference (ACTOR@LABEL, as in the scenario's\n"
            "                       questions)\n"
            "  --json               machine-readable output (schema/brink-analysis.schema.json)\n"
            "  --max-nodes N        game-tree node limit for a scenario file (default 4194304)\n"
            "  --compact-above N    a perfect-information scenario file whose tree has more\n"
            "                       than N nodes (default 100000; 0: never) is swept on its\n"
            "                       distinct sub-games, without the tree (backward induction\n"
            "                       at every grid point, as brink analyze --compact-above N)\n"
            "  --time-limit S       seconds for each equilibrium computation (the analysis at\n"
            "                       the defaults, every grid point, each step of the exact\n"
            "                       boundaries), not for the command; one reaching it: exit 2\n"
            "                       naming the grid point (boundaries: that part not certified)\n",
            SWEEP_MAX_STEPS);
}

typedef struct {
    int param;
    mpq_t lo, hi;
    int steps;
} vary;

/* NAME=LO:HI:N against the scenario's parameters; a usage error (exit 2) when bad. */
static int parse_vary(const brink_scenario *sc, const char *arg, vary *v)
{
    const char *eq = strchr(arg, '=');
    const char *c1 = eq ? strchr(eq + 1, ':') : NULL;
    const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (!eq || !c1 || !c2 || eq == arg)
        return cli_usage_error("sweep", "--vary expects NAME=LO:HI:N, not '%s'", arg);
    size_t len = (size_t)(eq - arg);
    v->param = -1;
    for (int k = 0; k < brink_scenario_nparams(sc) && v->param < 0; k++) {
        const char *name = brink_scenario_param(sc, k)->name;
        if (strlen(name) == len && !strncmp(name, arg, len))
            v->param = k;
    }
    if (v->param < 0)
        return cli_usage_error("sweep", "scenario %s has no parameter '%.*s'",
                               brink_scenario_id(sc), (int)len, arg);
    brink_error err;
    brink_error_clear(&err);
    if (brink_q_parse(v->lo, eq + 1, (size_t)(c1 - eq - 1), &err) ||
        brink_q_parse(v->hi, c1 + 1, (size_t)(c2 - c1 - 1), &err))
        return err.code == BRINK_ESYNTAX
                   ? cli_usage_error("sweep", "--vary %s: LO and HI must be numbers", arg)
                   : cli_usage_error("sweep", "--vary %s: %s", arg, err.message);   /* 1/0 */
    char *end = NULL;
    long n = strtol(c2 + 1, &end, 10);
    if (!c2[1] || !end || *end || n < 2 || n > SWEEP_MAX_STEPS)
        return cli_usage_error("sweep", "--vary %s: N must be a whole number from 2 to %d", arg,
                               SWEEP_MAX_STEPS);
    v->steps = (int)n;
    /* the rules of a sweep: in the file, brink_scenario_check_range too */
    if (brink_scenario_check_range(sc, v->param, v->lo, v->hi, &err))
        return cli_usage_error("sweep", "--vary %s: %s", arg, err.message);
    return BRINK_EXIT_OK;
}

int brink_cli_sweep(int argc, char **argv)
{
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    const char *what = NULL, *watch = NULL;
    const char **sets = calloc((size_t)argc + 1, sizeof *sets);
    const char **varies = calloc((size_t)argc + 1, sizeof *varies);
    int json = 0, nsets = 0, nvary = 0, rc = BRINK_EXIT_OK;
    size_t max_nodes = 0;   /* 0: the default limit */
    /* perfect-information trees above this many nodes are swept as compact games */
    size_t compact_above = 100000;
    vary v[2];
    for (int d = 0; d < 2; d++)
        mpq_inits(v[d].lo, v[d].hi, NULL);
    brink_scenario *sc = NULL;
    brink_analysis *a = NULL;
    brink_buf out;
    brink_buf_init(&out);
    if (!sets || !varies) {
        rc = BRINK_EXIT_INTERNAL;
        goto done;
    }
    for (int i = 1; i < argc && !rc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            sweep_usage(stdout);
            goto done;
        } else if (!strcmp(argv[i], "--json")) {
            json = 1;
        } else if (!strcmp(argv[i], "--vary") && i + 1 < argc) {
            varies[nvary++] = argv[++i];
        } else if (!strcmp(argv[i], "--watch") && i + 1 < argc) {
            watch = argv[++i];
        } else if (!strcmp(argv[i], "--max-nodes") && i + 1 < argc) {
            rc = cli_parse_max_nodes("sweep", argv[++i], &max_nodes);
        } else if (!strcmp(argv[i], "--compact-above") && i + 1 < argc) {
            long ca = -1;
            if (cli_parse_long(argv[++i], &ca) || ca < 0)
                rc = cli_usage_error("sweep", "bad --compact-above '%s' (a whole number >= 0; "
                                     "0: never)", argv[i]);
            compact_above = ca > 0 ? (size_t)ca : 0;
        } else if (!strcmp(argv[i], "--set") && i + 1 < argc) {
            rc = cli_check_set("sweep", argv[++i]);
            sets[nsets++] = argv[i];
        } else if (!strcmp(argv[i], "--method") && i + 1 < argc) {
            o.method = argv[++i];
            if (!brink_solver_find(o.method))
                rc = cli_usage_error("sweep", "no method named '%s' (brink solve --list)", o.method);
        } else if (!strcmp(argv[i], "--time-limit") && i + 1 < argc) {
            double t;
            if (cli_parse_double(argv[++i], &t) || !(t > 0))
                rc = cli_usage_error("sweep", "bad --time-limit '%s'", argv[i]);
            o.time_limit = t;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            rc = cli_bad_option("sweep", "--vary --watch --set --method --time-limit --max-nodes "
                                "--compact-above", argv[i],
                                i + 1 == argc);
        } else if (what) {
            rc = cli_usage_error("sweep", "unexpected argument '%s' (one scenario)", argv[i]);
        } else {
            what = argv[i];
        }
    }
    if (rc)
        goto done;
    if (!what || nvary < 1 || nvary > 2) {
        rc = cli_usage_error("sweep", "%s (brink sweep --help)",
                             !what ? "give a scenario" : "give --vary once or twice");
        goto done;
    }
    int status;
    brink_error err;
    brink_error_clear(&err);
    /* other methods read the tree, and so does a watch standing for many decision points
     * (ACTOR@*, ACTOR@(...)), as for a file's questions (scenario/compact.c); the file's own
     * questions are not asked here */
    const char *wat = watch ? strchr(watch, '@') : NULL;
    if ((o.method && strcmp(o.method, "spe") != 0) ||
        (wat && (!strcmp(wat + 1, "*") || wat[1] == '(')))
        compact_above = 0;
    sc = cli_load_scenario_compact("sweep", what, sets, nsets, max_nodes, compact_above, 1,
                                   &status);
    if (!sc) {
        rc = status;
        goto done;
    }
    for (int d = 0; d < nvary && !rc; d++)
        rc = parse_vary(sc, varies[d], &v[d]);
    if (!rc && watch && brink_scenario_check_watch(sc, watch, &err))   /* as a file's watch: */
        rc = cli_usage_error("sweep", "--watch %s: %s", watch, err.message);
    if (!rc && nvary == 2 && v[0].param == v[1].param)
        rc = cli_usage_error("sweep", "--vary names '%s' twice: a two-parameter sweep varies "
                             "two different parameters",
                             brink_scenario_param(sc, v[0].param)->name);
    /* a varied parameter cannot also be set: the sweep would override the --set silently */
    for (int d = 0; d < nvary && !rc; d++)
        for (int i = 0; i < nsets && !rc; i++) {
            const char *name = brink_scenario_param(sc, v[d].param)->name,
                       *eq = strchr(sets[i], '=');
            size_t len = eq ? (size_t)(eq - sets[i]) : strlen(sets[i]);
            if (strlen(name) == len && !strncmp(name, sets[i], len))
                rc = cli_usage_error("sweep", "--vary %s and --set %s both give parameter '%s': "
                                     "a varied parameter takes the grid's values (drop the --set)",
                                     varies[d], sets[i], name);
        }
    if (rc)
        goto done;
    brink_question q;
    brink_question_sweep_init(&q, watch);
    for (int d = 0; d < nvary; d++)
        brink_question_sweep_axis(&q, d, v[d].param, (const mpq_t *)&v[d].lo,
                                  (const mpq_t *)&v[d].hi, v[d].steps);
    o.ask = &q;
    o.nask = 1;
    brink_error_clear(&err);
    a = brink_analyze(sc, &o, &err);
    if (!a) {
        rc = cli_report_in(&err, brink_scenario_filename(sc));
        goto done;
    }
    if (a->answers[0].status) {   /* e.g. a watch reference that matches nothing */
        const brink_answer *an = &a->answers[0];   /* placed where the cause lies */
        brink_error_set_at(&err, an->status, an->line > 0 ? brink_scenario_filename(sc) : NULL,
                           an->line, an->column, "%s", an->message);
        rc = cli_report_in(&err, brink_scenario_filename(sc));
        goto done;
    }
    brink_status st = json ? brink_analysis_write_json(a, &out, &err)
                           : brink_analysis_write_text(a, &out, &err);
    rc = st ? cli_report(&err) : cli_emit(&out, NULL);
done:
    brink_analysis_free(a);
    brink_scenario_free(sc);
    for (int d = 0; d < 2; d++)
        mpq_clears(v[d].lo, v[d].hi, NULL);
    brink_buf_free(&out);
    free(sets);
    free(varies);
    return rc;
}
