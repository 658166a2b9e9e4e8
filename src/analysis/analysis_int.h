/* analysis_int.h — functions shared by the analysis files (not public). */
#ifndef BRINK_ANALYSIS_INT_H
#define BRINK_ANALYSIS_INT_H

#include "brink/analysis.h"

/* assess.c: turn a solver's behaviour profile into an explained equilibrium: reach
 * probabilities, continuation values, beliefs; off-path information sets whose choice no
 * belief supports are given the best reply to uniform beliefs (deepest first), and the result
 * is checked for sequential rationality everywhere (eq->sequential). behavq may be NULL. */
brink_status an_assess(const brink_efg *g, const double *behav, const mpq_t *behavq,
                       double tol, brink_equilibrium *eq, brink_error *err);
/* The same for a perfect-information profile proved subgame perfect in exact arithmetic
 * (brink_verify_subgame_perfect): nothing is replaced and eq->sequential = 1, whatever the
 * doubles say (payoffs or probabilities beyond their range make them say nonsense). */
brink_status an_assess_proved(const brink_efg *g, const double *behav, const mpq_t *behavq,
                              brink_equilibrium *eq, brink_error *err);
/* The same for a floating-point profile of an approximate method, judged at the method's own
 * tolerance: gain (payoff units) bounds the conditional gain from deviating at each
 * information set given the beliefs (the quantity agent-logit stops on) instead of asking
 * every action in the support to be within tol of the best. */
brink_status an_assess_approx(const brink_efg *g, const double *behav, double tol, double gain,
                              brink_equilibrium *eq, brink_error *err);
/* 1 when some payoff or chance probability of g has no faithful double (beyond the doubles'
 * range, or a nonzero number that rounds to 0): checks in doubles then mean nothing. */
int an_doubles_unfaithful(const brink_efg *g);
void an_eq_free(brink_equilibrium *eq, const brink_efg *g);

/* Summary numbers of an assessed equilibrium: outcome groups, values per own type, means of
 * numeric issues (needs the instance for numeric issue values; may be NULL). */
brink_status an_eq_summarise(const brink_scenario *sc, const brink_scenario_instance *in,
                             const brink_efg *g, const int *leaf_group, int ngroups,
                             brink_equilibrium *eq, brink_error *err);
/* For an exact profile (eq->behavq): the outcome-group probabilities and values per own type
 * of an_eq_summarise recomputed exactly, stored as their nearest doubles (summary_exact.c);
 * nothing done without rationals. */
brink_status an_eq_summarise_exact(const brink_scenario *sc, const brink_efg *g,
                                   const int *leaf_group, int ngroups, brink_equilibrium *eq,
                                   brink_error *err);

/* pathgroups.c: a->path_group / npath_groups from a->eq (tol: for double strategies). */
brink_status an_path_groups(brink_analysis *a, double tol, brink_error *err);

/* groups.c: outcome groups (leaves with the same levels of the discrete issues).
 * group_level[k * nissues + i]: level of issue i in group k (-1: numeric issue). */
brink_status an_groups(const brink_scenario *sc, const brink_efg *g, int *ngroups,
                       int **group_level, int **leaf_group, brink_error *err);
void an_groups_free(int *group_level, int *leaf_group);

/* Player infosets ordered by the pre-order index of their first node (ascending, or
 * descending = deepest first). order has room for every player infoset. O(n log n). */
void an_infosets_by_first_node(const brink_efg *g, int *order, int descending);

/* eqsolve.c: cells of the reduced strategic form, counted without building it. */
double an_reduced_cells(const brink_efg *g);

/* eqsolve.c: a workspace for solving many games of one structure with one set of options
 * (Monte Carlo's draws: one per worker). What depends only on the structure (whether and how
 * chance moves are postponed, whether the reduced strategic form is small) is found on the
 * first solve and reused, the postponed game re-bound to each draw's numbers; the methods'
 * profiles are checked exactly only when kept (brink_solve_options.verify_later). The
 * equilibria, their checks and their order are those of brink_analysis_solve. */
typedef struct an_solve_ws an_solve_ws;
an_solve_ws *an_solve_ws_new(void);   /* NULL: out of memory */
void an_solve_ws_free(an_solve_ws *ws);   /* NULL is a no-op */
brink_status an_analysis_solve_ws(const brink_scenario_instance *in, an_solve_ws *ws,
                                  const int *leaf_group, int ngroups,
                                  const brink_analysis_options *o, brink_eqset *out,
                                  brink_error *err);

/* policy.c: the solver filling role r on g; `small` says whether the reduced strategic form
 * is small enough for reduced-form methods (an_reduced_small). */
const brink_solver *an_role_solver(const brink_method_role *r, const brink_efg *g, int small);
int an_reduced_small(const brink_efg *g, const brink_analysis_options *o);
/* Whether the methods are asked for every equilibrium (solve option `all`) on g. */
int an_solve_all(const brink_efg *g, const brink_analysis_options *o);
/* Does the game meet plan i's needs and is its first role filled? */
int an_plan_applies(int i, const brink_efg *g, int small);

/* Reach, values and best responses come from the library's one tree evaluator,
 * brink/evaluate.h (chance moves take the game's probabilities, whatever a profile holds). */

/* Node weights within an information set: Bayes from reach when reached, else eq->belief. */
void an_infoset_weights(const brink_efg *g, const brink_equilibrium *eq, int h, double *w);

/* answer.c: answer one declared question. */
/* A sweep answer's per-point arrays for N points (na actors, G outcome groups, ni issues;
 * first_only: a compact game's tie marks too), profiles' counts initialised: 0, or -1 when
 * one is missing (those made are freed with the answer). */
int an_sweep_arrays(brink_answer *ans, size_t N, int na, int G, int ni, int first_only);
brink_status an_answer(const brink_scenario *sc, const brink_analysis *a,
                       const brink_analysis_options *o, brink_answer *ans, brink_error *err);
void an_answer_free(brink_answer *ans);
/* A sweep's grid point failed: err's message gets the point ("at x = 1, y = 2/3"), and
 * an_sweep_point_failed records it as point k (nequilibria[k] = -1) and clears err. */
brink_status an_sweep_at_point(const brink_scenario *sc, const brink_question *q,
                               const mpq_t *values, brink_status st, brink_error *err);
brink_status an_sweep_point_failed(brink_answer *ans, int k, brink_error *err);
/* sweep_compact.c: a sweep question on a compact game (scenario/compact.h): every grid point
 * solved exactly by backward induction on the classes, the boundaries between grid points
 * from the compact threshold engine (one parameter) or its region map (two). */
/* A compare question on a compact game (compare_compact.c); a->compact solved. */
brink_status an_compare_compact(const brink_scenario *sc, const brink_analysis *a,
                                const brink_analysis_options *o, brink_answer *ans,
                                brink_error *err);
brink_status an_sweep_compact(const brink_scenario *sc, const brink_analysis_options *o,
                              brink_answer *ans, brink_error *err);
/* The watched sets of a question (ans->watch, watch_start, nwatch), all of them. */
brink_status an_watch(const brink_scenario *sc, const brink_efg *g, const char *ref,
                      brink_answer *ans, brink_error *err);
/* threshold.c */
/* The range of a question's parameter d (0 or 1), exact when the scenario gives it so. */
void an_question_range(const brink_question *q, int d, mpq_t lo, mpq_t hi);
/* A two-parameter sweep's lines (n1 grid values of the second parameter, refined where
 * neighbours disagree) and its polygons (regionmap.c); values[] at the defaults. kw: on a
 * compact game the watched decision point (the lines from its threshold engine), else NULL. */
struct sc_compact_watch;
brink_status an_region_map(const brink_scenario *sc, const brink_question *q, const mpq_t lo,
                           const mpq_t hi, mpq_t *values, int n1,
                           const struct sc_compact_watch *kw, brink_answer *ans,
                           const brink_analysis_options *o, brink_error *err);
/* regionmap_exact.c: exact[j] (of nlines - 1) for the band between lines j and j + 1 of the
 * map: AN_BAND_EXACT when it is proved (its quadrilaterals certified by convexity),
 * AN_BAND_DIFFER when both lines' structures qualify but differ (a line between them may
 * help), AN_BAND_TRACED otherwise. */
enum { AN_BAND_TRACED = 0, AN_BAND_EXACT = 1, AN_BAND_DIFFER = 2 };
brink_status an_map_exact_bands(const brink_scenario *sc, const brink_answer *ans,
                                unsigned char *exact, brink_error *err);
brink_status an_answer_threshold(const brink_scenario *sc, const brink_analysis *an,
                                 const brink_analysis_options *o, brink_answer *ans,
                                 brink_error *err);

/* threshold_engine.c: brink_threshold_compute, and on a compact game (scenario/compact.h)
 * the watched decision named by its path (kw; NULL: none watched; watch is then ignored):
 * regions, flips and certificates of the pure subgame-perfect profile backward induction
 * takes on the classes (cn_compact.c), the tree's own on a game small enough for both. */
#include "brink/threshold.h"
#include "scenario/compact.h"
brink_threshold *an_threshold_compute(const brink_scenario *sc, int param, const mpq_t lo,
                                      const mpq_t hi, const mpq_t *values, const int *watch,
                                      int nwatch, const sc_compact_watch *kw,
                                      const brink_analysis_options *o, brink_error *err);
/* The players' part of equilibrium k of a region at x (brink_threshold_profile without the
 * bind: for the Monte Carlo region path, a draw at a time): behq[0 .. player actions) exact,
 * chance entries left as they are. The caller has checked brink_threshold_covers. 0, or 1
 * when not available (a compact game, undefined at x). */
/* A compact game's threshold (an_threshold_compute with its kw): equilibrium k of a region as
 * its choice at every class ([nclasses], the first best action's index; the pure
 * subgame-perfect profile it stands for), or NULL (a tree's threshold, no such equilibrium). */
const int *an_threshold_compact_choice(const brink_threshold *t, int region, int k);
/* brink_threshold_covers for a canonical x (no copy: the Monte Carlo region path's draws). */
int an_threshold_covers(const brink_threshold *t, int region, int k, const mpq_t x);
int an_threshold_players_behq(const brink_threshold *t, int region, int k, const mpq_t x,
                              const brink_efg *g, mpq_t *behq);
/* Names of a threshold's decision ids h (watch, conditions, certificates): information sets
 * of the tree, or classes of a compact game (its first decision point in the tree's order;
 * the watched one by its path). an_thr_view: the view words, "" at the root, NULL on OOM;
 * an_thr_infoset: the tree's information set number (compact: the watched one's, else -1). */
int an_thr_is_compact(const brink_threshold *t);
const char *an_thr_action(const brink_threshold *t, const brink_scenario *sc, int h, int a);
int an_thr_player(const brink_threshold *t, const brink_scenario *sc, int h);
int an_thr_nactions(const brink_threshold *t, const brink_scenario *sc, int h);
int an_thr_type(const brink_threshold *t, const brink_scenario *sc, int h);
long an_thr_infoset(const brink_threshold *t, int h);
const char *an_thr_view(const brink_threshold *t, const brink_scenario *sc, int h);

#endif
