/* nfgpolish.h — turning an approximate equilibrium of an N-player game into an accurate one
 * (private): Newton's method on the indifference equations of its support.
 */
#ifndef BRINK_SOLVE_NFGPOLISH_H
#define BRINK_SOLVE_NFGPOLISH_H

#include <gmp.h>
#include "brink/nfg.h"

/* Support of p0: strategies with p0_a >= rel * (largest probability of the same player).
 * Returns 1 and fills out[0..total_strats) when Newton converges to a profile whose NashConv
 * (in payoff units) is at most tol; 0 otherwise (out untouched). */
int nfg_polish(const brink_nfg *g, const double *p0, double rel, double tol, double *out);

/* The same on an explicit support (in[a] != 0). */
int nfg_polish_support(const brink_nfg *g, const double *p0, const unsigned char *in,
                       double tol, double *out);

/* The same on the approximate best responses: strategies whose payoff against p0 is within
 * eps of the player's best. */
int nfg_polish_br(const brink_nfg *g, const double *p0, double eps, double tol, double *out);

/* Two-player games: the exact equilibrium on the support of p (several thresholds), from
 * the indifference equations solved in rationals. 1 and q[0..total_strats) filled (to be
 * verified by the caller) when a square nonsingular system gives a profile; 0 otherwise. */
int nfg_exact_polish2(const brink_nfg *g, const double *p, mpq_t *q);

/* NashConv of p given the strategy values u (nfg_payoff_derivs). */
double nfg_nashconv(const brink_nfg *g, const double *p, const double *u);

/* max - min over all payoffs (1 when all are equal). */
double nfg_payoff_range(const brink_nfg *g);

#endif
