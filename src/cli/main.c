/* main.c — `brink`: dispatch to a subcommand (under an MPI launcher: cli_mpi.c). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/cli_mpi.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"info", brink_cli_info, "describe a game file: players, strategies, nodes, recall"},
    {"solve", brink_cli_solve, "find equilibria of a game file, verified"},
    {"verify", brink_cli_verify, "check whether a given profile is an equilibrium"},
    {"convert", brink_cli_convert, "convert between .efg, .nfg and JSON"},
    {"generate", brink_cli_generate, "write a standard game: poker, crisis, random, GAMUT classes"},
    {"analyze", brink_cli_analyze, "analyse scenarios: equilibria in words, thresholds, sweeps"},
    {"sweep", brink_cli_sweep, "a scenario on a grid of one or two parameters, exact boundaries"},
    {"scenarios", brink_cli_scenarios, "list the built-in scenario library"},
    {"show", brink_cli_show, "print a built-in scenario's YAML"},
    {"montecarlo", brink_cli_montecarlo,
     "draw uncertain parameters, solve each draw: outcome and choice probabilities"},
    {"compare", brink_cli_compare,
     "an actor's options across uncertain draws: chance of best, value, regret, worst"},
    {"compile", brink_cli_compile, "compile a scenario to a Gambit .efg game"},
    {"negotiate", brink_cli_negotiate, "run one negotiation between agents, with its trace"},
    {"tournament", brink_cli_tournament, "run every pairing of negotiating agents over domains"},
    {"report", brink_cli_report, "one HTML page: equilibria, figures, the game tree"},
    {"plot", brink_cli_plot, "one figure of a report as SVG, PNG or a Vega-Lite spec"},
    {"forecast", brink_cli_forecast, "forecast where many actors' positions settle (EU, SMP)"},
};

static void usage(FILE *f)
{
    fprintf(f, "brink %s — model, solve and stress-test strategic negotiations\n\n"
               "usage: brink COMMAND [ARGS...]   (brink COMMAND --help for details)\n\n"
               "commands:\n", BRINK_VERSION_STRING);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nexit status: 0 ok, 1 answer is no (verify), 2 bad input or usage, "
               "3 internal error\n");
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return BRINK_EXIT_INPUT;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return BRINK_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("brink %s\n", BRINK_VERSION_STRING);
        return BRINK_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "brink: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return BRINK_EXIT_INPUT;
}

int main(int argc, char **argv)
{
    cli_std_fds_reserve();
    /* a plain start only reads the environment and never touches MPI (cli_mpi.h) */
    cli_launch l;
    cli_launch_detect(&l);
    if (cli_launch_parallel(&l))
        return cli_mpi_main(argc, argv, &l);
    return cli_stdout_finish(run(argc, argv));
}
