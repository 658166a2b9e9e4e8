/* brink/scenario.h — the scenario language: parse a YAML description of a negotiation,
 * compile it once into an extensive-form game structure, and re-bind its numbers
 * (payoffs, chance and type probabilities) for any values of its parameters.
 *
 * Life cycle:
 *
 *     brink_scenario *sc = brink_scenario_load_file("m1.yaml", NULL, &err);   // parse+compile
 *     brink_scenario_instance *in = brink_scenario_instance_new(sc, &err);     // a game copy
 *     brink_scenario_bind_q(in, values, &err);      // values[nparams], exact
 *     const brink_efg *g = brink_scenario_instance_game(in);
 *
 * The scenario is immutable after loading and may be shared by threads; each thread binds its
 * own instance (an instance owns its game and its evaluation scratch space, so binding does
 * not allocate). The compiled structure maps every node, information set and leaf of the game
 * back to the scenario's words (actors, types, decisions, issues), which is what the analysis
 * layer uses to explain an equilibrium. See docs/scenario-language.md for the language.
 */
#ifndef BRINK_SCENARIO_H
#define BRINK_SCENARIO_H

#include <stdint.h>
#include <gmp.h>
#include "error.h"
#include "core.h"
#include "efg.h"
#include "forecast.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The language version this library reads (the `brink:` key). */
#define BRINK_SCENARIO_VERSION 1

/* Limits that protect against hostile or accidental blow-ups. Start from
 * brink_scenario_limits_init; the few fixed limits are listed with these in
 * docs/scenario-language.md ("Limits and error messages"). */
typedef struct brink_scenario_limits {
    size_t max_bytes;        /* document size in bytes (default 4 MiB) */
    size_t max_yaml_nodes;   /* YAML nodes visited after following aliases (default 1<<20) */
    size_t max_tree_nodes;   /* nodes of the compiled game tree (default 1<<22) */
    int max_expr_depth;      /* nesting depth of an expression (default 64) */
    int max_expr_length;     /* characters in one expression (default 4096) */
    int max_call_depth;      /* nested sub-game calls (default 256) */
    int max_repeat;          /* rounds of one `repeat` (default 1000) */
    int max_tree_depth;      /* depth of the compiled game tree, counting each play/repeat/
                                if/next step as a level too (default 10000) */
    int max_yaml_depth;      /* nesting of YAML collections (default 1000) */
    int max_number_bits;     /* bits of an exact number's numerator or denominator: literals,
                                parameter values and every result of + - * / ^, checked
                                before GMP computes it (default and largest
                                BRINK_Q_MAX_BITS = 65536, so game files can carry every
                                number; 0 = the default; larger is BRINK_EINVALID) */
    size_t compact_above;    /* 0 (the default): always build the game tree. Otherwise a
                                perfect-information scenario (no chance moves, types, hidden
                                moves or questions) whose tree would have more nodes than
                                this is built as a compact game (one node per distinct
                                sub-game) and the tree is not built: brink_scenario_game is
                                then NULL and only brink_analyze (method spe) reads it; see
                                brink_scenario_compact. `brink analyze` sets it */
    int compact_without_questions;   /* 1: the caller will not ask the file's questions
                                (`brink analyze --no-questions`), so questions do not keep a
                                scenario on the tree; brink_analyze then refuses to answer them
                                on a compact scenario (BRINK_EINVALID). 0 (the default): a file
                                with questions is always built as a tree */
} brink_scenario_limits;

void brink_scenario_limits_init(brink_scenario_limits *l);

typedef struct brink_scenario brink_scenario;

/* Parse, validate and compile. `filename` is used in error messages (may be NULL);
 * `limits` may be NULL for the defaults. Errors carry file:line:column. */
brink_scenario *brink_scenario_parse(const char *text, size_t len, const char *filename,
                                     const brink_scenario_limits *limits, brink_error *err);
brink_scenario *brink_scenario_load_file(const char *path, const brink_scenario_limits *limits,
                                         brink_error *err);
void brink_scenario_free(brink_scenario *sc);   /* NULL is a no-op */

/* ---- Built-in library (the scenarios/ folder, embedded in the binary) ---- */
int brink_scenario_builtin_count(void);
/* File name (e.g. "m1-summit-brinkmanship.yaml") and text of built-in i; NULL if out of range. */
const char *brink_scenario_builtin_name(int i);
const char *brink_scenario_builtin_text(int i, size_t *len);
/* Index of the built-in whose `id:` or file name (with or without .yaml) is `id`, or -1. */
int brink_scenario_builtin_find(const char *id);
brink_scenario *brink_scenario_load_builtin(int i, brink_error *err);
/* A path to a file, else a built-in id. */
brink_scenario *brink_scenario_load(const char *file_or_id, brink_error *err);

/* The scenario's `forecast:` section as forecast data (docs/forecast.md), or NULL. */
const brink_forecast_input *brink_scenario_forecast(const brink_scenario *sc);

/* ---- Metadata ---- */
const char *brink_scenario_id(const brink_scenario *sc);
const char *brink_scenario_title(const brink_scenario *sc);
const char *brink_scenario_description(const brink_scenario *sc);   /* "" when absent */
const char *brink_scenario_filename(const brink_scenario *sc);
/* Provenance: the article modelled ("file, date") and the standard model followed. */
const char *brink_scenario_source(const brink_scenario *sc);
const char *brink_scenario_model(const brink_scenario *sc);
const char *brink_scenario_mechanism(const brink_scenario *sc);      /* "M1".. or "" */

typedef enum {
    BRINK_DIST_NONE = 0,
    BRINK_DIST_UNIFORM,     /* a = low, b = high */
    BRINK_DIST_NORMAL,      /* a = mean, b = sd */
    BRINK_DIST_TRIANGULAR,  /* a = low, b = mode, c = high */
    BRINK_DIST_BETA,        /* a = alpha, b = beta (on [0,1], scaled to the range) */
    BRINK_DIST_LOGNORMAL,   /* a = mu, b = sigma of log x (x > 0) */
    BRINK_DIST_DISCRETE     /* dist_n values dist_values[] with weights dist_weights[] */
} brink_dist_kind;

typedef struct brink_param_info {
    const char *name, *doc, *units;
    double value;            /* default value */
    const mpq_t *valueq;     /* exact default */
    int has_range;
    double lo, hi;           /* plausible range (inclusive) when has_range: the nearest
                                doubles, +-HUGE_VAL beyond double range */
    const mpq_t *lo_q, *hi_q;   /* the exact range; NULL when no range */
    brink_dist_kind dist;
    double dist_a, dist_b, dist_c;
    int line, column;        /* where it is declared */
    /* Checked at load (docs/scenario-language.md, "Distributions"): arguments finite, sd,
     * sigma, alpha, beta and weights > 0; a distribution whose support leaves the range is
     * refused unless `truncate: true` asks for it truncated to the range (which must then
     * hold some of its probability). */
    int dist_truncated;      /* 1: draws follow the distribution conditioned on the range */
    int dist_n;              /* discrete: number of values (else 0) */
    const double *dist_values, *dist_weights;   /* discrete: [dist_n]; weights sum to 1;
                                                   dist_values[k] is the double nearest to
                                                   dist_values_q[k] */
    const mpq_t *dist_values_q;   /* discrete: the values exactly as written ([dist_n]); a draw
                                     of value k stands for this number (Monte Carlo binds it) */
    int dist_line, dist_column;   /* where the distribution is declared (0 when none) */
} brink_param_info;

/* A declared correlation (Gaussian copula, the scenario's `correlations:` list): the
 * normal scores of parameters a and b have correlation rho. The matrix of all declared
 * correlations (1 on the diagonal, 0 where none is declared) was checked to be positive
 * definite at load. */
typedef struct brink_correlation {
    int a, b;                /* parameter indices, a != b */
    double rho;              /* in (-1, 1) */
    int line, column;
} brink_correlation;

int brink_scenario_ncorrelations(const brink_scenario *sc);
const brink_correlation *brink_scenario_correlation(const brink_scenario *sc, int i);

int brink_scenario_nparams(const brink_scenario *sc);
const brink_param_info *brink_scenario_param(const brink_scenario *sc, int i);
int brink_scenario_param_find(const brink_scenario *sc, const char *name);   /* -1 if none */
/* Exact default values into values[nparams] (initialised mpq_t). */
void brink_scenario_defaults(const brink_scenario *sc, mpq_t *values);
/* Replace the default values (e.g. from `--set p=0.4`) before the scenario is shared: values
 * must lie in each parameter's range, and the default game is re-bound (so priors and chance
 * probabilities are checked). On error the old defaults stay. */
brink_status brink_scenario_set_defaults(brink_scenario *sc, const mpq_t *values,
                                         brink_error *err);

/* Actors are the players of the game, in declaration order. */
int brink_scenario_nactors(const brink_scenario *sc);
const char *brink_scenario_actor_id(const brink_scenario *sc, int a);     /* "USA" */
const char *brink_scenario_actor_name(const brink_scenario *sc, int a);   /* "United States" */
int brink_scenario_actor_ntypes(const brink_scenario *sc, int a);         /* 0 = no private type */
const char *brink_scenario_type_name(const brink_scenario *sc, int a, int t);

/* Issues: what an outcome says happened. */
int brink_scenario_nissues(const brink_scenario *sc);
const char *brink_scenario_issue_name(const brink_scenario *sc, int k);
int brink_scenario_issue_nlevels(const brink_scenario *sc, int k);       /* 0 = numeric issue */
const char *brink_scenario_issue_level(const brink_scenario *sc, int k, int level);

/* ---- The compiled game's map back to the scenario (indices are those of the game) ---- */
const brink_efg *brink_scenario_game(const brink_scenario *sc);          /* bound at defaults */
/* 1 when the scenario was built as a compact game (limits.compact_above): no tree, no game. */
int brink_scenario_is_compact(const brink_scenario *sc);
/* Nodes of the unfolded game tree as counted before building (saturated near 2^62). */
unsigned long long brink_scenario_tree_nodes(const brink_scenario *sc);
/* How many payoffs of that game have a double copy beyond double range (+-inf; the exact
 * copy is right). 0 when every double is finite. */
int brink_scenario_double_overflow(const brink_scenario *sc);
/* Type of actor a on the path to node v (-1 when a has no types). */
int brink_scenario_node_type(const brink_scenario *sc, int v, int a);
/* The type of its own actor an infoset belongs to (-1 when the actor has no types). */
int brink_scenario_infoset_type(const brink_scenario *sc, int h);
/* "after demand, hold_firm" style description of what the actor has seen ("at the start"). */
const char *brink_scenario_infoset_view(const brink_scenario *sc, int h);
/* Is the move into node v (from its parent) observed by actor a? */
int brink_scenario_edge_seen(const brink_scenario *sc, int v, int a);
/* What happened on the edge into v, in words ("DPRK is resolute", "DPRK: cheat",
 * "chance: detected"). */
const char *brink_scenario_edge_text(const brink_scenario *sc, int v);
/* Leaf outcome: issue level per issue (numeric issues: -1, see the value below). */
int brink_scenario_leaf_level(const brink_scenario *sc, int leaf, int issue);
/* Numeric issue value at a leaf under the last binding of an instance (see below). */
/* "summit=held, exercises=suspended" */
const char *brink_scenario_leaf_text(const brink_scenario *sc, int leaf);

/* Decision references used by questions and by the CLI: "USA@demand", "DPRK.bluffing@start",
 * "USA@*" (every decision of USA). Fills out[] (up to max) with matching infoset indices and
 * returns how many matched (may exceed max), or -1 with err set on a malformed reference. */
int brink_scenario_find_decisions(const brink_scenario *sc, const char *ref, int *out, int max,
                                  brink_error *err);

/* A decision reference that must name at least one decision (a question's watch:, brink
 * sweep --watch): BRINK_OK, or BRINK_EINVALID saying why, listing the actor's decision
 * labels when none matches; no location (the caller places it). */
brink_status brink_scenario_check_watch(const brink_scenario *sc, const char *ref,
                                        brink_error *err);

/* The one decision a comparison looks at (brink compare --at/--actor): the first decision
 * that ref matches, in *h: the match that comes before every other match on every path
 * (USA@* in a game USA opens). Matches side by side, none before the others (S@* where S
 * moves after a chance move it sees: S@strong, S@weak), name no single decision and are
 * refused with BRINK_EINVALID listing them. A bare actor name ("USA", brink compare --actor)
 * stands for the actor's first decision in the game's order, as documented for --actor (so
 * M5's --actor USA is USA@disarm, though USA@freeze lies beside it). A typed actor's
 * decisions are one per type: a reference that
 * matches decisions of several of its types (DPRK@start, DPRK@*) names no single decision
 * and is refused with BRINK_EINVALID, the message listing the typed references to use
 * ("DPRK.resolute@start, DPRK.bluffing@start"); so is a reference that matches nothing (as
 * brink_scenario_check_watch) or a malformed one. No location (the caller places it). */
brink_status brink_scenario_find_one_decision(const brink_scenario *sc, const char *ref, int *h,
                                              brink_error *err);

/* ---- Declared questions ---- */
typedef enum {
    BRINK_Q_THRESHOLD = 1,   /* where the watched decisions' equilibrium choice flips */
    BRINK_Q_SWEEP,           /* equilibrium along a grid of one or two parameters */
    BRINK_Q_COMPARE          /* continuation after each option of a decision */
} brink_question_kind;

typedef struct brink_question {
    brink_question_kind kind;
    const char *id, *ask;        /* ask: the question in words ("" when absent) */
    int param[2];                /* threshold: param[0]; sweep: 1 or 2 params (-1 unused) */
    int nparams;
    double lo[2], hi[2];         /* range to search / sweep (nearest doubles, +-HUGE_VAL
                                    beyond double range) */
    const mpq_t *lo_q[2], *hi_q[2];  /* the exact range; NULL entries when unused */
    int steps[2];                /* sweep: grid points per parameter */
    const char *watch;           /* decision reference, or NULL */
    int line, column;
} brink_question;

/* The checks a question's range gets wherever the question comes from (the file's
 * `questions:`, `brink sweep --vary`): low < high, and [low, high] inside the parameter's
 * declared range when it declares one (outside it the model means nothing; the author says
 * so by declaring the range). Returns BRINK_OK, or BRINK_EINVALID with a message naming the
 * parameter and both ranges and no location (the caller places it: file:line:column of the
 * question's range, or the command-line option). */
brink_status brink_scenario_check_range(const brink_scenario *sc, int param, const mpq_t lo,
                                        const mpq_t hi, brink_error *err);
/* 1 when `id` may name a question: letters, digits, '_' and '-', starting with a letter or
 * '_', under 64 bytes (it is written unquoted in text, as an HTML anchor and looked up from
 * the command line). Scenario files are checked at load, duplicates included. */
int brink_question_id_valid(const char *id);

/* A sweep question asked outside a file (brink sweep --vary, brink_ffi_sweep_json): id
 * "sweep", watching `watch` (NULL: nothing watched; borrowed), no parameter yet; then
 * brink_question_sweep_axis for parameter d = 0 and, for two, d = 1: param over the exact
 * [*lo, *hi] (borrowed: they must outlive the question) on `steps` points. Nothing is checked
 * here: the caller applies the rules (brink_scenario_check_range, 2..1001 points, two
 * different parameters, brink_scenario_check_watch). */
void brink_question_sweep_init(brink_question *q, const char *watch);
void brink_question_sweep_axis(brink_question *q, int d, int param, const mpq_t *lo,
                               const mpq_t *hi, int steps);

int brink_scenario_nquestions(const brink_scenario *sc);
const brink_question *brink_scenario_question(const brink_scenario *sc, int i);

/* ---- Instances: one game whose numbers follow the parameters ---- */
typedef struct brink_scenario_instance brink_scenario_instance;

brink_scenario_instance *brink_scenario_instance_new(const brink_scenario *sc, brink_error *err);
/* An instance at the scenario's current defaults that shares the scenario's game
 * (brink_scenario_game) instead of building its own copy: for a caller that reads the game
 * at the defaults only (brink_analyze), it halves the memory of a big tree. Its game must not
 * be written to; it lives as long as sc and changes if brink_scenario_set_defaults rebinds
 * sc. Its first brink_scenario_bind_q/_d builds its own game (the only bind that
 * allocates; BRINK_ENOMEM when that fails) and leaves the scenario's game as it is. */
brink_scenario_instance *brink_scenario_instance_shared(const brink_scenario *sc,
                                                        brink_error *err);
void brink_scenario_instance_free(brink_scenario_instance *in);   /* NULL is a no-op */
/* Evaluate every payoff and probability at values[nparams] and write them into the instance's
 * game (exact and double copies). Fails with BRINK_EINVALID, naming the expression's
 * file:line:column, on division by zero or on probabilities that are negative or do not sum
 * to 1. No allocation (except a shared instance's first bind, below). */
brink_status brink_scenario_bind_q(brink_scenario_instance *in, const mpq_t *values,
                                   brink_error *err);
brink_status brink_scenario_bind_d(brink_scenario_instance *in, const double *values,
                                   brink_error *err);
brink_efg *brink_scenario_instance_game(brink_scenario_instance *in);
/* After a bind: how many payoffs have a double copy beyond double range (+-inf). The exact
 * copies are right; a method working in doubles must refuse the game when this is not 0. */
int brink_scenario_instance_double_overflow(const brink_scenario_instance *in);
const brink_scenario *brink_scenario_instance_scenario(const brink_scenario_instance *in);
/* Value of numeric issue k at a leaf, under the last binding. */
double brink_scenario_instance_issue_value(const brink_scenario_instance *in, int leaf, int k);

#ifdef __cplusplus
}
#endif
#endif
