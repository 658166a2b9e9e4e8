/* assess_consistency.h — beliefs that agree across information sets linked by the same
 * unobserved moves (assess_consistency.c; internal). */
#ifndef BRINK_ASSESS_CONSISTENCY_H
#define BRINK_ASSESS_CONSISTENCY_H

#include "brink/analysis.h"

/* Re-solve the support of the choice at free information set h (assess.c) with nrows more
 * conditions, row r: sum_x rows[r * m + x] mu_x = 0 over h's m members. 1: a belief mu[m]
 * meeting them, the conditions of belief_structure and supporting the choice (dir NULL: the
 * one with the widest margin; else one furthest along dir[m], a vertex of those beliefs);
 * 2: the linear program's belief mu, within its tolerance of supporting the choice but not
 * passing the check in doubles (a vertex on the boundary); 0: none (the linear program
 * infeasible); -1: no memory. */
typedef int (*an_relink_fn)(void *ctx, int h, int nrows, const double *rows, const double *dir,
                            double *mu);

/* After assess.c's per-information-set check: eq->sequential 1 is kept (BRINK_SEQ_PROVED)
 * only when the beliefs meet the linked-pair condition (see the file's comment), possibly
 * after re-solving free sets with relink (eq->belief then updated); else it becomes
 * BRINK_SEQ_WEAK, or BRINK_SEQ_REJECTED with why BRINK_SEQ_WHY_LINKED where fixed beliefs
 * leave a free set no supporting belief. Sets eq->why and eq->link in every case (proved:
 * a profile proved exactly by the caller, left as it is). Errors: BRINK_ENOMEM. */
brink_status an_assess_links(const brink_efg *g, brink_equilibrium *eq, int proved,
                             an_relink_fn relink, void *ctx, brink_error *err);

#endif
