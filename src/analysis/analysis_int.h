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
void an_eq_free(brink_equilibrium *eq, const brink_efg *g);

/* Summary numbers of an assessed equilibrium: outcome groups, values per own type, means of
 * numeric issues (needs the instance for numeric issue values; may be NULL). */
brink_status an_eq_summarise(const brink_scenario *sc, const brink_scenario_instance *in,
                             const brink_efg *g, const int *leaf_group, int ngroups,
                             brink_equilibrium *eq, brink_error *err);

/* groups.c: outcome groups (leaves with the same levels of the discrete issues). */
brink_status an_groups(const brink_scenario *sc, const brink_efg *g, int *ngroups,
                       char ***text, int **leaf_group, brink_error *err);
void an_groups_free(int ngroups, char **text, int *leaf_group);

/* Player infosets ordered by the pre-order index of their first node (ascending, or
 * descending = deepest first). order has room for every player infoset. O(n log n). */
void an_infosets_by_first_node(const brink_efg *g, int *order, int descending);

/* eqsolve.c: cells of the reduced strategic form, counted without building it. */
double an_reduced_cells(const brink_efg *g);

/* Node weights within an information set: Bayes from reach when reached, else eq->belief. */
void an_infoset_weights(const brink_efg *g, const brink_equilibrium *eq, int h, double *w);

/* questions.c: answer one declared question. */
brink_status an_answer(const brink_scenario *sc, const brink_analysis *a,
                       const brink_analysis_options *o, brink_answer *ans, brink_error *err);
void an_answer_free(brink_answer *ans);
/* threshold.c */
brink_status an_answer_threshold(const brink_scenario *sc, const brink_analysis *an,
                                 const brink_analysis_options *o, brink_answer *ans,
                                 brink_error *err);

#endif
