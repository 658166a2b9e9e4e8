/* cli.h — shared helpers of the brink command-line tool (the only layer that prints/exits).
 *
 * Exit status convention (documented in docs/brink.1):
 *   0  success
 *   1  the answer is "no" (e.g. `brink verify`: the profile is not an equilibrium)
 *   2  bad input or usage: malformed file, unknown option, method not applicable
 *   3  internal error, out of memory, or a failed exact self-check
 * Writing standard output failed (full disk, closed or broken stdout): 2, with
 * "brink: error writing output: ..." (cli_stdout.c).
 */
#ifndef BRINK_CLI_H
#define BRINK_CLI_H

#include <stdio.h>
#include "brink/brink.h"

#define BRINK_EXIT_OK 0
#define BRINK_EXIT_NO 1
#define BRINK_EXIT_INPUT 2
#define BRINK_EXIT_INTERNAL 3

/* Print err as "file:line:col: error: msg" on stderr; return the exit status it implies. */
int cli_report(const brink_error *err);
/* cli_report for an error about the command's input `file` (a game, a scenario's file name):
 * an error that names no file of its own is prefixed with it ("m5.yaml: error: ..."), as
 * README's `file:line:column: error:` convention asks; out of memory and internal errors are
 * not about the file and are reported as they are. file NULL: cli_report. */
int cli_report_in(const brink_error *err, const char *file);
/* Exit status for a status code. */
int cli_exit_status(brink_status st);
/* Usage error: prints "brink CMD: msg" and a hint, returns BRINK_EXIT_INPUT. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Re-open closed descriptors 0-2 on /dev/null so that no file takes their number. */
void cli_std_fds_reserve(void);
/* Flush and close stdout; on a write error (now or earlier) print "brink: error writing
 * output: ..." and return 2 (3 stays 3); else return rc. Called once, by main. */
int cli_stdout_finish(int rc);
/* Report a failed write to stdout now (errno), discard later output; returns 2. */
int cli_stdout_failed(void);
/* Write a buffer to stdout (or to a file when path is non-NULL and not "-"). A failed write
 * to stdout is reported by cli_stdout_failed (exit status 2). */
int cli_emit(const brink_buf *b, const char *path);
/* Progress callback printing a one-line bar on stderr when it is a terminal. */
int cli_progress(void *ctx, double fraction, const char *what);
int cli_stderr_is_tty(void);
/* Parse a number option value (strtod/strtol with full validation). */
int cli_parse_double(const char *s, double *out);
int cli_parse_long(const char *s, long *out);
/* --max-nodes N: a whole number from 1 to 2^40 (the game-tree node limit of a scenario file);
 * a usage error of cmd otherwise. */
int cli_parse_max_nodes(const char *cmd, const char *arg, size_t *out);

/* Text and JSON renderings of solver results. */
void cli_print_profiles_text(brink_buf *out, const brink_game *g, const brink_solver *s,
                             const brink_profile_list *l);
void cli_print_profiles_json(brink_buf *out, const brink_game *g, const brink_solver *s,
                             const brink_profile_list *l);
/* Is profile pr of list l an equilibrium to its method's tolerance? Not when the method
 * stopped at its limit (stats.stopped_at_limit) and pr is not verified exactly: it is then the
 * point reached, printed as a profile, never as an equilibrium ("NE"). */
int cli_profile_converged(const brink_profile_list *l, const brink_profile *pr);
/* Gambit's "NE,..." lines, one per equilibrium to the method's tolerance
 * (cli_profile_converged); returns the number of profiles left out (not equilibria). */
int cli_print_profiles_gambit(brink_buf *out, const brink_game *g, const brink_profile_list *l);
/* Read a game file (any supported format); prints the error and returns an exit status. */
int cli_load_game(const char *path, brink_game *g);
/* cli_scenario.c: "--set" argument check (NAME=VALUE), and a scenario file or built-in id
 * with the sets applied as its defaults (max_nodes 0: the default limit). NULL with *status
 * the exit status on failure (the message printed). */
int cli_check_set(const char *cmd, const char *arg);
/* An option the loop did not take: `opts` lists the command's options that take a value
 * ("--set --method ..."); one of them with nothing after it is a missing value (said with the
 * expected form, e.g. --set NAME=VALUE), anything else an unknown option. Exit 2. */
int cli_bad_option(const char *cmd, const char *opts, const char *arg, int last);
brink_scenario *cli_load_scenario(const char *cmd, const char *what, const char *const *sets,
                                  int nsets, size_t max_nodes, int *status);
/* The same with limits.compact_above (0: never compact; see brink_scenario_limits). */
brink_scenario *cli_load_scenario_compact(const char *cmd, const char *what,
                                          const char *const *sets, int nsets, size_t max_nodes,
                                          size_t compact_above, int no_questions,
                                          int *status);
/* A game file (.efg, .nfg) given to a command that takes a scenario: a usage error saying so
 * and which commands take game files (exit 2, the message printed); 0 for anything else. */
int cli_refuse_game_file(const char *cmd, const char *what);
/* One probability, exact when available. */
void cli_put_prob(brink_buf *out, const brink_profile *pr, int k, int exact_only);

#endif
