/* describe.h — words shared by the text and JSON reports, made from the analysis' data and
 * the scenario's labels: decision points in tree order, who decides and what they have seen,
 * what they cannot see, outcome groups, watched choices, the method, numbers for people.
 * Every function appends to a brink_buf (no fixed-size text).
 */
#ifndef BRINK_REPORT_DESCRIBE_H
#define BRINK_REPORT_DESCRIBE_H

#include "brink/analysis.h"

/* The buffer's text ("" when nothing was appended). */
const char *rep_text(const brink_buf *b);

/* Player infosets of g ordered by the pre-order index of their first node (the order in
 * which a reader meets them going down the tree). Returns a malloc'd array of n entries. */
int *rep_infoset_order(const brink_efg *g, int *n);

/* "USA" or "DPRK (resolute)" */
void rep_who(brink_buf *b, const brink_scenario *sc, const brink_efg *g, int h);
/* "at the start" or "after DPRK demand, USA hold_firm" */
void rep_when(brink_buf *b, const brink_scenario *sc, int h);
/* Watched decision k of a Monte Carlo run (a tree's information set, or a compact game's
 * decision point, brink_mc_result.watch_class): who, when ("at the start", "after A offer_0.3,
 * B reject"), and the label of its action a. */
struct brink_mc_result;
void rep_mc_watch_who(brink_buf *b, const struct brink_mc_result *r, int k);
void rep_mc_watch_when(brink_buf *b, const struct brink_mc_result *r, int k);
const char *rep_mc_watch_action(const struct brink_mc_result *r, int k, int a);
/* What the mover at node v cannot see about the path to v: "DPRK is resolute". */
void rep_hidden(brink_buf *b, const brink_scenario *sc, const brink_efg *g, int v);
/* Probability of member node v within its information set: Bayes from reach when the set is
 * reached, else the supporting belief. */
double rep_belief(const brink_efg *g, const brink_equilibrium *eq, int h, int v);

/* Outcome group k: "summit=held, exercises=suspended", or "every outcome" when the scenario
 * has no discrete issue. */
void rep_group(brink_buf *b, const brink_analysis *a, int k);
/* The same from a group_level table ([ngroups * nissues], as brink_analysis has). */
void rep_group_levels(brink_buf *b, const brink_scenario *sc, const int *group_level, int k);
int rep_has_discrete_issue(const brink_scenario *sc);

/* The watched choice in words ("hold_firm"; "concede 40% / hold_firm 60%" for a mixture, or
 * "mixes concede/hold_firm" when probs is 0; "either A or B (several equilibria)"; "no
 * equilibrium found"). Sets whose choices differ are named by type or by what was seen. */
void rep_choice(brink_buf *b, const brink_scenario *sc, const brink_efg *g, const int *watch,
                const int *watch_start, int nwatch, const brink_choice *c, int probs);

/* A sweep point's watched choice in words: rep_choice on a tree; on a compact game
 * (a->compact) the watched decision point's action, one pure equilibrium. */
void rep_answer_choice(brink_buf *b, const brink_analysis *a, const brink_answer *an,
                       const brink_choice *c, int probs);

/* The method: "enummixed+sequential"; why it was chosen; what the search covered. */
void rep_method_name(brink_buf *b, const brink_method_used *m);
void rep_method_why(brink_buf *b, const brink_method_used *m);
void rep_coverage(brink_buf *b, const brink_method_used *m);
/* Change k of the method in words: "enummixed not used: the reduced strategic form has ...". */
void rep_method_change(brink_buf *b, const brink_method_change *c);

/* "30%", "33.3%", "0.01%" */
void rep_pct(brink_buf *b, double p);
/* "4.2", "-3", "0.3333" */
void rep_num(brink_buf *b, double x);
/* A number with its exact value q (or NULL): exactly when q is a terminating decimal of at
 * most 6 significant digits ("1e-12", "12.345"), exactly too where the double is 0, infinite
 * or huge, else as rep_num writes x. Never "0" for a nonzero q. */
void rep_num_q(brink_buf *b, double x, const mpq_t *q);
int rep_q_short(brink_buf *out, const mpq_t q);   /* "5e-400" or "~1.23456789e-1" for long rationals; 0: short */
/* lo, sep, hi as rep_num writes them, with more significant digits where that would print two
 * different numbers alike ("3.99996 and 4", never "4 and 4"). */
void rep_num_pair(brink_buf *b, double lo, const char *sep, double hi);
/* A rational exactly ("49/90"), or rep_q_short's "~..." when it is long. */
void rep_q(brink_buf *b, const mpq_t q);
/* Underscores to spaces, for prose. */
void rep_words(brink_buf *b, const char *label);

/* Infosets whose behaviour differs across the equilibria (max - min > tol on some action). */
int rep_differs(const brink_efg *g, const brink_analysis *a, int h);
/* The least and the greatest probability of action x at information set h over the
 * equilibria eq stands for (brink_equilibrium.alt: off the path they may choose
 * differently; otherwise eq's own). */
void rep_prob_range(const brink_efg *g, const brink_equilibrium *eq, int h, int x, double *lo,
                    double *hi);
/* "left or right": the actions the equilibria eq stands for take at h (off the path). */
void rep_alternatives(brink_buf *b, const brink_efg *g, const brink_equilibrium *eq, int h);
/* An exact count, in digits (NULL: 1). */
void rep_mpz(brink_buf *b, const mpz_t *n);

#endif
