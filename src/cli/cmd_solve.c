/* cmd_solve.c — `brink solve FILE`: run a registered method, verify, print. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"

static void list_methods(void)
{
    int n;
    const brink_solver *const *all = brink_solvers(&n);
    printf("methods:\n");
    for (int i = 0; i < n; i++) {
        const brink_solver *s = all[i];
        printf("  %-12s %s\n", s->name, s->summary);
        printf("  %-12s   gives: %s; games: %s%s%s%s%s\n", "", s->guarantee,
               (s->solve_nfg && (s->flags & BRINK_SOLVER_NFG)) ? "strategic " : "",
               (s->flags & BRINK_SOLVER_EFG) ? "extensive " : "",
               (s->flags & BRINK_SOLVER_TWO_PLAYER) ? "(2 players) " : "",
               (s->flags & BRINK_SOLVER_CONSTANT_SUM) ? "(constant-sum) " : "",
               (s->flags & BRINK_SOLVER_PERFECT_INFO) ? "(perfect information) " : "");
    }
}

static void usage(void)
{
    printf("usage: brink solve FILE [options]\n\n"
           "Find equilibria of a Gambit .nfg/.efg game. Every profile is verified before it is\n"
           "printed: exactly in rationals when the game is small enough, else by NashConv.\n\n"
           "options:\n"
           "  --method M          solution method (default: chosen by game type; --list)\n"
           "  --list              list the methods and what each guarantees\n"
           "  --all | --one       all equilibria the method can find (default) or just one\n"
           "  --exact             compute in exact rational arithmetic where supported\n"
           "  --iterations N      iteration budget for iterative methods\n"
           "  --target-exploitability X   stop iterative methods at this NashConv\n"
           "  --threads N         worker threads (0 = all cores)\n"
           "  --seed N            seed for randomised methods\n"
           "  --lambda X          QRE methods: the point at this precision\n"
           "  --path              QRE methods: print the whole path\n"
           "  --time-limit S      seconds\n"
           "  --json              machine-readable output\n"
           "  --gambit            Gambit-style NE,... lines\n"
           "  --dot FILE          extensive games: draw the tree with the first profile's\n"
           "                      probabilities as Graphviz DOT (dot -Tsvg FILE > tree.svg)\n"
           "  -q, --quiet         no progress on stderr\n");
}

/* The tree with the first profile's probabilities drawn on its edges. */
static int write_dot(const brink_game *g, const brink_profile_list *l, const char *path)
{
    if (g->kind != BRINK_GAME_EFG) {
        fprintf(stderr, "brink solve: --dot needs an extensive game\n");
        return BRINK_EXIT_INPUT;
    }
    brink_error err;
    brink_error_clear(&err);
    brink_buf out;
    brink_buf_init(&out);
    const double *behav = l->count > 0 && l->items[0].kind == BRINK_PROFILE_BEHAV ? l->items[0].p
                                                                                : NULL;
    int rc = brink_efg_write_dot(g->efg, behav, 5000, &out, &err) ? cli_report(&err)
                                                                   : cli_emit(&out, path);
    brink_buf_free(&out);
    return rc;
}

int brink_cli_solve(int argc, char **argv)
{
    const char *path = NULL, *method = NULL, *dot = NULL;
    int json = 0, gambit = 0, quiet = 0;
    brink_solve_options o;
    brink_solve_options_init(&o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        long lv;
        double dv;
#define NEED_VALUE() if (!v) return cli_usage_error("solve", "%s needs a value", a); i++
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) { usage(); return BRINK_EXIT_OK; }
        else if (!strcmp(a, "--list")) { list_methods(); return BRINK_EXIT_OK; }
        else if (!strcmp(a, "--json")) json = 1;
        else if (!strcmp(a, "--gambit")) gambit = 1;
        else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) quiet = 1;
        else if (!strcmp(a, "--all")) o.all = 1;
        else if (!strcmp(a, "--one")) o.all = 0;
        else if (!strcmp(a, "--exact")) o.exact = 1;
        else if (!strcmp(a, "--path")) o.want_path = 1;
        else if (!strcmp(a, "--method") || !strcmp(a, "-m")) { NEED_VALUE(); method = v; }
        else if (!strcmp(a, "--dot")) { NEED_VALUE(); dot = v; }
        else if (!strcmp(a, "--iterations")) {
            NEED_VALUE();
            if (cli_parse_long(v, &lv) || lv < 1) return cli_usage_error("solve", "bad --iterations '%s'", v);
            o.max_iterations = lv;
        } else if (!strcmp(a, "--threads")) {
            NEED_VALUE();
            if (cli_parse_long(v, &lv) || lv < 0 || lv > 1024) return cli_usage_error("solve", "bad --threads '%s'", v);
            o.threads = (int)lv;
        } else if (!strcmp(a, "--seed")) {
            NEED_VALUE();
            if (cli_parse_long(v, &lv)) return cli_usage_error("solve", "bad --seed '%s'", v);
            o.seed = (uint64_t)lv;
        } else if (!strcmp(a, "--target-exploitability")) {
            NEED_VALUE();
            if (cli_parse_double(v, &dv) || dv < 0) return cli_usage_error("solve", "bad --target-exploitability '%s'", v);
            o.target_exploitability = dv;
        } else if (!strcmp(a, "--lambda")) {
            NEED_VALUE();
            if (cli_parse_double(v, &dv) || dv < 0) return cli_usage_error("solve", "bad --lambda '%s'", v);
            o.lambda = dv;
        } else if (!strcmp(a, "--time-limit")) {
            NEED_VALUE();
            if (cli_parse_double(v, &dv) || dv <= 0) return cli_usage_error("solve", "bad --time-limit '%s'", v);
            o.time_limit = dv;
        } else if (a[0] == '-' && a[1]) return cli_usage_error("solve", "unknown option '%s'", a);
        else if (path) return cli_usage_error("solve", "one file at a time");
        else path = a;
#undef NEED_VALUE
    }
    if (!path) return cli_usage_error("solve", "missing FILE");
    brink_game g;
    int rc = cli_load_game(path, &g);
    if (rc) return rc;
    if (!method) method = brink_solver_default(&g);
    /* `logit` on a tree means agent logit: the method policy resolves names (policy.c) */
    const brink_solver *s = brink_solver_for_game(method, &g);
    if (!s) {
        brink_game_free(&g);
        return cli_usage_error("solve", "unknown method '%s' (brink solve --list)", method);
    }
    if (!quiet && cli_stderr_is_tty()) o.progress = cli_progress;
    brink_profile_list l;
    brink_profile_list_init(&l);
    int left = 0;   /* --gambit: profiles not listed (not equilibria) */
    brink_error err;
    brink_error_clear(&err);
    brink_status st = brink_solve(s, &g, &o, &l, &err);
    if (st) {
        rc = cli_report_in(&err, path);
    } else {
        brink_buf out;
        brink_buf_init(&out);
        if (json) cli_print_profiles_json(&out, &g, s, &l);
        else if (gambit) left = cli_print_profiles_gambit(&out, &g, &l);
        else cli_print_profiles_text(&out, &g, s, &l);
        rc = cli_emit(&out, NULL);
        brink_buf_free(&out);
        if (left > 0) {
            /* the exit status stays 0, as for the same run in text or JSON: the run
             * succeeded and its result is stated; the NE lines claim only equilibria */
            double worst = 0;
            for (int i = 0; i < l.count; i++)
                if (!cli_profile_converged(&l, &l.items[i]) && l.items[i].nashconv > worst)
                    worst = l.items[i].nashconv;
            fprintf(stderr, "brink solve: %d profile%s not listed as NE: %s stopped at its limit "
                            "before its tolerance (NashConv %.3g), so %s no equilibrium; the "
                            "text or --json output shows %s\n",
                    left, left == 1 ? "" : "s", s->name, worst,
                    left == 1 ? "it is" : "they are", left == 1 ? "it" : "them");
        }
        if (!rc && dot) rc = write_dot(&g, &l, dot);
    }
    brink_profile_list_free(&l);
    brink_game_free(&g);
    return rc;
}
