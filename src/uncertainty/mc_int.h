/* mc_int.h — internals of the uncertainty module (src/uncertainty/): the GSL view of a
 * stream and helpers shared by the sampler, the Monte Carlo driver and the policy
 * comparison.
 */
#ifndef BRINK_UNCERTAINTY_MC_INT_H
#define BRINK_UNCERTAINTY_MC_INT_H

#include <gsl/gsl_rng.h>
#include "brink/uncertainty.h"

/* A uniform in the open interval (0, 1) (for inverse CDFs). */
double mc_uniform_open(brink_stream *s);
/* Make r a GSL generator drawing from s (r keeps a pointer to s; nothing is allocated). */
void mc_rng_wrap(gsl_rng *r, brink_stream *s);

/* compare.c: opt[nactions of h] for the draw's equilibrium set s (count >= 1); U: scratch of
 * nnodes * nplayers doubles, w: of the infoset's members. */
struct brink_eqset;
void mc_compare_eval(const brink_efg *g, const struct brink_eqset *s, int h, double *U,
                     double *w, double *opt, int *ambiguous);

/* sensitivity.c: r->src* from the draws' parameters X[samples * nvaried] and values
 * Y[samples * nplayers] (NaN: not agreed), with B bootstrap resamples. */
brink_status mc_sensitivity(brink_mc_result *r, const double *X, const double *Y, int B,
                            uint64_t seed, brink_error *err);

#endif
