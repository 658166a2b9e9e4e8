/* describe.h — words shared by the text and JSON reports: decision points in tree order,
 * who decides and what they have seen, what they cannot see (belief descriptions), numbers
 * formatted for people.
 */
#ifndef BRINK_REPORT_DESCRIBE_H
#define BRINK_REPORT_DESCRIBE_H

#include "brink/analysis.h"

/* Player infosets of g ordered by the pre-order index of their first node (the order in
 * which a reader meets them going down the tree). Returns a malloc'd array of n entries. */
int *rep_infoset_order(const brink_efg *g, int *n);

/* "USA" or "DPRK (resolute)" */
void rep_who(const brink_scenario *sc, const brink_efg *g, int h, char *buf, size_t size);
/* "at the start" or "after DPRK demand, USA hold_firm" */
void rep_when(const brink_scenario *sc, int h, char *buf, size_t size);
/* What the mover at node v cannot see about the path to v: "DPRK is resolute". */
void rep_hidden(const brink_scenario *sc, const brink_efg *g, int v, char *buf, size_t size);

/* Beliefs at infoset h as (description, probability) pairs with equal descriptions merged.
 * Returns the number of pairs (<= max). */
int rep_beliefs(const brink_scenario *sc, const brink_efg *g, const brink_equilibrium *eq,
                int h, char (*desc)[200], double *prob, int max);

/* "30%", "33.3%", "0.01%" */
void rep_pct(char *buf, size_t size, double p);
/* "4.2", "-3", "0.3333" */
void rep_num(char *buf, size_t size, double x);
/* Underscores to spaces, for prose. */
void rep_words(char *buf, size_t size, const char *label);

/* Infosets whose behaviour differs across the equilibria (max - min > tol on some action). */
int rep_differs(const brink_efg *g, const brink_analysis *a, int h);

#endif
