/* brink/ffi.h — a flat API for foreign-function callers (the Python package in python/ loads
 * libbrink.so with ctypes). Only handles, ints, doubles and C strings cross the boundary: no
 * struct layout (mpq_t, brink_profile) has to be mirrored in another language, so the package
 * cannot fall out of step with the headers. Options are KEY=VALUE text pairs as in
 * brink_generate. Every char * a brink_ffi_ function returns is malloc'd and released with
 * brink_ffi_free; const char * results are borrowed from the handle. Errors as everywhere:
 * NULL (or a status) with the located message in *err.
 */
#ifndef BRINK_FFI_H
#define BRINK_FFI_H

#include "game.h"
#include "solve.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version, "MAJOR.MINOR.PATCH" (BRINK_VERSION_STRING when it was built). */
const char *brink_version(void);
void brink_ffi_free(void *p);

/* ---- Games (a heap brink_game; free with brink_ffi_game_free) ---- */
/* Gambit .efg/.nfg text (filename for messages: "file:line:col"). */
brink_game *brink_ffi_game_read(const char *text, size_t len, const char *filename,
                                brink_error *err);
brink_game *brink_ffi_game_generate(const char *kind, const char *const *keys,
                                    const char *const *values, int nopts, brink_error *err);
/* A strategic game from a payoff table: payoffs[cell * nplayers + p] exact number text
 * ("3", "-1/2", "0.25"), cells with player 0's strategy varying fastest (brink/nfg.h). */
brink_game *brink_ffi_game_table(int nplayers, const int *nstrats, const char *const *payoffs,
                                 brink_error *err);
void brink_ffi_game_free(brink_game *g);
/* Gambit text of the game: format 0 its own form (.efg/.nfg), 1 strategic (.nfg; an
 * extensive game is reduced), 2 brink's JSON description. */
char *brink_ffi_game_write(const brink_game *g, int format, brink_error *err);

int brink_ffi_game_kind(const brink_game *g);          /* BRINK_GAME_NFG or BRINK_GAME_EFG */
int brink_ffi_game_nplayers(const brink_game *g);
const char *brink_ffi_game_title(const brink_game *g);
const char *brink_ffi_game_player(const brink_game *g, int p);
/* Length of a profile of this game: strategies (nfg) or actions, chance included (efg). */
int brink_ffi_game_profile_length(const brink_game *g);
/* The label of profile entry k (strategy or action label); NULL out of range. */
const char *brink_ffi_game_entry_label(const brink_game *g, int k);
/* Strategic: strategies of player p; extensive: p's actions summed over its information
 * sets (p = nplayers: chance). The profile is these blocks in player order. */
int brink_ffi_game_entries(const brink_game *g, int p);
/* Extensive only (-1 / NULL otherwise): the information set of action k, its player (chance:
 * nplayers) and label. */
int brink_ffi_efg_action_infoset(const brink_game *g, int k);
int brink_ffi_efg_ninfosets(const brink_game *g);
int brink_ffi_efg_infoset_player(const brink_game *g, int h);
const char *brink_ffi_efg_infoset_label(const brink_game *g, int h);
int brink_ffi_efg_nnodes(const brink_game *g);
/* Strategic only: the payoff table as doubles, out[cell * nplayers + p] (ncells * nplayers
 * entries; returns ncells, -1 for an extensive game), and one payoff as exact text. */
long brink_ffi_nfg_payoffs(const brink_game *g, double *out);
char *brink_ffi_nfg_payoff(const brink_game *g, long cell, int p);

/* The options a call takes, so a caller can check names before it converts values: the
 * i-th (from 0) option name of call "analyze", "threshold", "montecarlo", "compare" or
 * "solve"; NULL past the last one or for another call. */
const char *brink_ffi_option_name(const char *call, int i);

/* ---- Solving and verifying (a brink_profile_list; free with brink_ffi_list_free) ---- */
/* Run method (NULL: brink_solver_default) and verify what it returns. Options: exact, all
 * (0/1), iterations, time_limit (s), threads, seed, lambda, tolerance,
 * target_exploitability, path (0/1). An unknown option or method is BRINK_EINVALID. */
brink_profile_list *brink_ffi_solve(const brink_game *g, const char *method,
                                    const char *const *keys, const char *const *values,
                                    int nopts, brink_error *err);
/* Verify one profile given as exact number text: either every entry, or (extensive games)
 * the players' actions only, chance filled in. A list of one verified profile; checked
 * exactly (verified = 1 or -1). */
brink_profile_list *brink_ffi_verify(const brink_game *g, const char *const *probs, int n,
                                     brink_error *err);
void brink_ffi_list_free(brink_profile_list *l);
int brink_ffi_list_count(const brink_profile_list *l);
const char *brink_ffi_list_method(const brink_profile_list *l);
/* Statistics by name: iterations, seconds, residual, complete, exact_fallbacks,
 * stopped_at_limit, list_capped, ncomponents; NaN for an unknown name. */
double brink_ffi_list_stat(const brink_profile_list *l, const char *name);
/* Profile i: its doubles (out[length]), entry k exactly (NULL when the method gave no exact
 * profile), player p's expected payoff (double, and exact text or NULL), and by name:
 * verified (1 exact equilibrium, 0 not checked exactly, -1 failed), max_regret, nashconv,
 * lambda, component. */
int brink_ffi_profile_length(const brink_profile_list *l, int i);
void brink_ffi_profile_doubles(const brink_profile_list *l, int i, double *out);
char *brink_ffi_profile_exact(const brink_profile_list *l, int i, int k);
double brink_ffi_profile_value(const brink_profile_list *l, int i, int p);
char *brink_ffi_profile_value_exact(const brink_profile_list *l, int i, int p);
double brink_ffi_profile_stat(const brink_profile_list *l, int i, const char *name);

/* The registered methods: name and summary of the i-th, NULL past the end. */
const char *brink_ffi_method_name(int i);
const char *brink_ffi_method_summary(int i);

/* ---- Scenarios (brink/scenario.h loads them) ---- */
/* brink_scenario_load with limits for a file (a built-in id loads with the defaults):
 * max_nodes (0: the default 4194304; at most 2^40) the game-tree node limit; compact_above
 * (0: never) builds a perfect-information file whose tree has more nodes as a compact game
 * (brink_scenario_limits.compact_above, as `brink analyze --compact-above`); no_questions
 * (1: the caller will not ask the file's questions, which lets a file with questions be
 * compact). BRINK_EINVALID for limits out of range. */
brink_scenario *brink_ffi_scenario_load(const char *file_or_id, double max_nodes,
                                        double compact_above, int no_questions,
                                        brink_error *err);
/* brink_analyze at the defaults, as JSON (schema/brink-analysis.schema.json). Options:
 * method, refine, max_equilibria, questions, time_limit, max_solves. */
char *brink_ffi_analyze_json(const brink_scenario *sc, const char *const *keys,
                             const char *const *values, int nopts, brink_error *err);
/* A threshold question: parameter `param` over [lo, hi] (exact text; NULL: the parameter's
 * declared range), watching the decisions `watch` matches (brink_scenario_find_decisions;
 * required: NULL or "" is BRINK_EINVALID "threshold needs watch", as in a file's question),
 * the other parameters at their defaults; JSON as in the analysis' threshold
 * answers. Options as for brink_ffi_analyze_json. */
char *brink_ffi_threshold_json(const brink_scenario *sc, const char *param, const char *lo,
                               const char *hi, const char *watch, const char *const *keys,
                               const char *const *values, int nopts, brink_error *err);

/* A sweep question: nvary (1 or 2) different parameters params[d], each over [los[d],
 * his[d]] (exact text; NULL: the declared end) on steps[d] points (2..1001), the others at
 * their defaults, watching `watch` (NULL or "": nothing watched; the count of equilibria is
 * then swept). The whole analysis as JSON (brink_ffi_analyze_json; the sweep is answers[0],
 * the file's own questions are not asked), as `brink sweep --vary ... --json` writes it.
 * Errors (BRINK_EINVALID): an unknown or repeated parameter, a range outside the declared
 * one, a bad point count, a watch that matches nothing. Options as for
 * brink_ffi_analyze_json. */
char *brink_ffi_sweep_json(const brink_scenario *sc, const char *const *params,
                           const char *const *los, const char *const *his, const int *steps,
                           int nvary, const char *watch, const char *const *keys,
                           const char *const *values, int nopts, brink_error *err);

/* brink_montecarlo (brink/uncertainty.h) as JSON (schema/brink-montecarlo.schema.json, the
 * output of `brink montecarlo --json`): the scenario's distributed parameters drawn `samples`
 * times, each draw solved. watch: nwatch decision references ("USA@demand"; nwatch 0: the
 * decisions the questions watch); compare_at: a decision reference whose options are compared
 * across the draws ("USA@start"; an actor, "USA": its first decision; "USA@*" only when one
 * of USA's decisions comes before all the others), or NULL. Options: samples, seed (unsigned
 * 64-bit), threads (0: all), z, draws (1: per-draw arrays), sensitivity (1: regression
 * coefficients with 200 bootstrap resamples), method, refine, max_equilibria, time_limit,
 * max_solves. Errors: BRINK_EINVALID (bad option or reference), BRINK_ENOMEM. */
char *brink_ffi_montecarlo_json(const brink_scenario *sc, const char *const *watch, int nwatch,
                                const char *compare_at, const char *const *keys,
                                const char *const *values, int nopts, brink_error *err);

#ifdef __cplusplus
}
#endif
#endif
