/* gw.h — pieces shared by the Govindan–Wilson methods gnm.c and ipa.c (private).
 *
 * Both work in the coordinates of Kohlberg and Mertens' structure theorem: a point z of R^n
 * (n = total strategies) stands for the profile sigma = r(z), the Euclidean projection of z
 * onto the product of the players' simplices; sigma is a Nash equilibrium of the game with
 * strategy values V (V_a(sigma) = payoff of pure strategy a against the others' mixtures)
 * exactly when z = sigma + V(sigma) (Govindan & Wilson 2003, section 2). Payoffs are scaled
 * to range 1 inside the methods.
 */
#ifndef BRINK_SOLVE_GW_H
#define BRINK_SOLVE_GW_H

#include <stdint.h>
#include "brink/solve.h"

/* The perturbation ray b[0..n): entries uniform in [1/8, 1) from seed (splitmix64), each
 * player's entries pairwise distinct, so that for a large |lambda| the perturbed game
 * G + lambda b has one strictly dominant strategy per player. */
void gw_ray(const brink_nfg *g, uint64_t seed, double *b);

/* sigma = r(z). When in is NULL the support is found (strategies with z_a > v_i); else the
 * support is the given one (in[a] != 0) and sigma_a = z_a - v_i on it, 0 elsewhere (the
 * smooth extension of one piece of r, whose entries may be negative off its region).
 * v[0..N) receives each player's level v_i; in_out (may be NULL) the support found. */
void gw_retract(const brink_nfg *g, const double *z, const unsigned char *in, double *sigma,
                double *v, unsigned char *in_out);

/* Strategy values and their derivatives at sigma (nfgderiv.h), multiplied by scale. */
void gw_values(const brink_nfg *g, double scale, const double *sigma, double *u, double *du);

/* NashConv (payoff units) of a profile. u: scratch [n]. */
double gw_nashconv(const brink_nfg *g, const double *x, double *u);

/* Make x a profile (negative entries 0, each player's sum 1), try Newton polishing on its
 * support when its NashConv exceeds tol, and append it to out when its NashConv is at most
 * keep (payoff units) and no profile within 1e-7 (max norm) is already there. *nashconv:
 * NashConv of x after polishing. Errors: BRINK_ENOMEM. */
brink_status gw_add(const brink_nfg *g, double *x, double tol, double keep,
                    brink_profile_list *out, double *nashconv, brink_error *err);

/* When a path method ends without any profile (its path lost or out of budget): one profile
 * by simplicial subdivision (simpdiv_search, polished), so that the caller still gets the
 * best point there is, within what is left of o->time_limit since t0 (brink_now());
 * out->stats.fallback_method says so ("simpdiv") and stats.stopped_at_limit whether that
 * point meets the tolerance. Errors: those of simpdiv_search. */
brink_status gw_fallback(const brink_nfg *g, const brink_solve_options *o, double t0,
                         brink_profile_list *out, brink_error *err);

/* The methods' tolerance in payoff units: o->tolerance (default 1e-10) times the payoff
 * range. */
double gw_tolerance(const brink_nfg *g, const brink_solve_options *o);

/* A method's end: out->stats.tolerance set (gw_tolerance) and, when the method found no
 * profile, gw_fallback's. Errors: those of gw_fallback. */
brink_status gw_finish(const brink_nfg *g, const brink_solve_options *o, double t0,
                       brink_profile_list *out, brink_error *err);

#endif
