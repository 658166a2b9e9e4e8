/* nfgderiv.h — expected payoffs of pure strategies and their derivatives in doubles (private).
 *
 * For a mixed profile p (strat_offset layout) of an N-player game:
 *   u[a]         payoff of strategy a = (i, j) against the others' mixtures;
 *   du[a*n + b]  d u[a] / d p[b] for b = (k, l) of another player k != i: the payoff of i
 *                playing j while k plays l and everyone else mixes (0 when k == i).
 * One pass over the payoff table, O(cells * N^2).
 */
#ifndef BRINK_SOLVE_NFGDERIV_H
#define BRINK_SOLVE_NFGDERIV_H

#include "brink/nfg.h"

/* du may be NULL (values only). n = g->total_strats. */
void nfg_payoff_derivs(const brink_nfg *g, const double *p, double *u, double *du);

#endif
