/* commands.h — one function per `brink` subcommand: int brink_cli_<name>(argc, argv), where
 * argv[0] is the subcommand name. Each returns the process exit status. */
#ifndef BRINK_CLI_COMMANDS_H
#define BRINK_CLI_COMMANDS_H

int brink_cli_info(int argc, char **argv);
int brink_cli_solve(int argc, char **argv);
int brink_cli_convert(int argc, char **argv);
int brink_cli_verify(int argc, char **argv);
int brink_cli_generate(int argc, char **argv);
/* cmd_scenario.c */
int brink_cli_analyze(int argc, char **argv);
int brink_cli_scenarios(int argc, char **argv);
int brink_cli_show(int argc, char **argv);
int brink_cli_compile(int argc, char **argv);
/* cmd_montecarlo.c */
int brink_cli_montecarlo(int argc, char **argv);
int brink_cli_compare(int argc, char **argv);
/* cmd_negotiate.c */
int brink_cli_negotiate(int argc, char **argv);
int brink_cli_tournament(int argc, char **argv);
/* cmd_report.c */
int brink_cli_report(int argc, char **argv);
int brink_cli_plot(int argc, char **argv);
/* cmd_forecast.c */
int brink_cli_forecast(int argc, char **argv);
/* cmd_sweep.c */
int brink_cli_sweep(int argc, char **argv);

#endif
