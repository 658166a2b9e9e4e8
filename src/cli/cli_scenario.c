/* cli_scenario.c — a scenario for a subcommand (analyze, compile, report, plot): a file or a
 * built-in id, with the --set NAME=VALUE options applied as its new defaults. */
#include "cli/cli.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_check_set(const char *cmd, const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq)
        return cli_usage_error(cmd, "--set expects NAME=VALUE (e.g. --set p=3/10), given '%s' "
                               "(no '=')", arg);
    if (eq == arg)
        return cli_usage_error(cmd, "--set expects NAME=VALUE (e.g. --set p=3/10), given '%s' "
                               "(no NAME before '=')", arg);
    if (!eq[1])
        return cli_usage_error(cmd, "--set expects NAME=VALUE (e.g. --set p=3/10), given '%s' "
                               "(no VALUE after '=')", arg);
    return BRINK_EXIT_OK;
}

/* The forms of the options that take a value, for "missing value" messages. */
static const struct {
    const char *opt, *form;
} value_forms[] = {
    {"--set", "NAME=VALUE (e.g. --set p=3/10)"},
    {"--method", "NAME (brink solve --list)"},
    {"--time-limit", "SECONDS"},
    {"--iterations", "N"},
    {"--max-nodes", "N"},
    {"--vary", "NAME=LO:HI:N"},
    {"--watch", "DECISION (ACTOR@LABEL)"},
    {"-o", "FILE"},
    {"--compact-above", "N"},
    {"--samples", "N"},
    {"--sobol", "N"},
    {"--seed", "N"},
    {"--threads", "N"},
    {"--db", "FILE"},
    {"--csv", "FILE"},
    {"--jsonl", "FILE"},
    {"--actor", "ACTOR"},
    {"--at", "DECISION (ACTOR@LABEL)"},
};

int cli_bad_option(const char *cmd, const char *opts, const char *arg, int last)
{
    size_t n = strlen(arg);
    const char *hit = opts;
    /* arg as a whole word of opts */
    while (last && (hit = strstr(hit, arg)) != NULL) {
        if ((hit == opts || hit[-1] == ' ') && (hit[n] == ' ' || hit[n] == '\0'))
            break;
        hit += n;
    }
    if (!last || !hit)
        return cli_usage_error(cmd, "unknown option '%s'", arg);
    const char *form = "VALUE";
    for (size_t k = 0; k < sizeof value_forms / sizeof value_forms[0]; k++)
        if (!strcmp(value_forms[k].opt, arg))
            form = value_forms[k].form;
    return cli_usage_error(cmd, "%s needs a value: %s %s, and nothing follows it", arg, arg,
                           form);
}

/* NAME=VALUE -> exact values[] (on top of the defaults). */
static int apply_sets(const char *cmd, const brink_scenario *sc, const char *const *sets,
                      int n, mpq_t *values)
{
    brink_scenario_defaults(sc, values);
    int np = brink_scenario_nparams(sc);
    for (int i = 0; i < n; i++) {
        const char *eq = strchr(sets[i], '=');
        size_t len = eq ? (size_t)(eq - sets[i]) : strlen(sets[i]);
        int p = -1;
        for (int k = 0; k < np && p < 0; k++) {
            const char *name = brink_scenario_param(sc, k)->name;
            if (strlen(name) == len && !strncmp(name, sets[i], len))
                p = k;
        }
        if (p < 0 || !eq)
            return cli_usage_error(cmd, "scenario %s has no parameter '%.*s'",
                                   brink_scenario_id(sc), (int)len, sets[i]);
        /* the same parameter set twice is a slip (which value was meant?), not "last wins" */
        for (int j = 0; j < i; j++)
            if (!strncmp(sets[j], sets[i], len + 1))
                return cli_usage_error(cmd, "--set %s: parameter '%.*s' is already set by "
                                       "--set %s", sets[i], (int)len, sets[i], sets[j]);
        brink_error err;
        brink_error_clear(&err);
        brink_status qs = brink_q_parse(values[p], eq + 1, strlen(eq + 1), &err);
        if (qs == BRINK_ESYNTAX)
            return cli_usage_error(cmd, "--set %s: VALUE is not a number (exact: 0.3, 3/10, "
                                   "-2, 1e-3)", sets[i]);
        if (qs != BRINK_OK)   /* a number, but not one: "zero denominator in '1/0'", too big */
            return cli_usage_error(cmd, "--set %s: %s", sets[i], err.message);
    }
    return BRINK_EXIT_OK;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)s[n - k + i]) != suffix[i])
            return 0;
    return 1;
}

int cli_refuse_game_file(const char *cmd, const char *what)
{
    if (!has_suffix(what, ".efg") && !has_suffix(what, ".nfg"))
        return 0;
    return cli_usage_error(cmd, "%s is a game file, not a scenario: brink %s takes a scenario "
                           "(a YAML file or a built-in id: brink scenarios); a game file goes to "
                           "brink solve, info, verify, convert%s", what, cmd,
                           has_suffix(what, ".efg") ? " or report (.efg)" : "");
}

brink_scenario *cli_load_scenario(const char *cmd, const char *what, const char *const *sets,
                                  int nsets, size_t max_nodes, int *status)
{
    return cli_load_scenario_compact(cmd, what, sets, nsets, max_nodes, 0, 0, status);
}

brink_scenario *cli_load_scenario_compact(const char *cmd, const char *what,
                                          const char *const *sets, int nsets, size_t max_nodes,
                                          size_t compact_above, int no_questions,
                                          int *status)
{
    if ((*status = cli_refuse_game_file(cmd, what)) != 0)
        return NULL;
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc;
    FILE *f = max_nodes || compact_above ? fopen(what, "rb") : NULL;
    if (f) {   /* a file with a node limit of its own; built-ins are small */
        fclose(f);
        brink_scenario_limits lim;
        brink_scenario_limits_init(&lim);
        if (max_nodes)
            lim.max_tree_nodes = max_nodes;
        lim.compact_above = compact_above;
        lim.compact_without_questions = no_questions;
        sc = brink_scenario_load_file(what, &lim, &err);
    } else {
        sc = brink_scenario_load(what, &err);
    }
    *status = BRINK_EXIT_OK;
    if (!sc) {
        *status = cli_report(&err);
        return NULL;
    }
    if (!nsets)
        return sc;
    int np = brink_scenario_nparams(sc);
    mpq_t *values = brink_q_array_new((size_t)np + 1);
    if (!values) {
        brink_scenario_free(sc);
        *status = BRINK_EXIT_INTERNAL;
        return NULL;
    }
    *status = apply_sets(cmd, sc, sets, nsets, values);
    if (!*status && brink_scenario_set_defaults(sc, (const mpq_t *)values, &err) != BRINK_OK)
        /* the option's fault, at the place in the file where the values break it */
        *status = err.line > 0 && err.file[0]
                      ? cli_usage_error(cmd, "--set: %s:%d:%d: %s", err.file, err.line,
                                        err.column, err.message)
                      : cli_usage_error(cmd, "--set: %s", err.message);
    brink_q_array_free(values, (size_t)np + 1);
    if (*status) {
        brink_scenario_free(sc);
        return NULL;
    }
    return sc;
}
