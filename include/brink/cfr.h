/* brink/cfr.h — counterfactual regret minimisation as an iterative object the caller drives
 * (init / iterate / measure / finish), for games too large for exact methods.
 *
 * Variants: vanilla CFR (Zinkevich et al. 2007; regret matching, simultaneous updates,
 * uniform averaging), CFR+ (Tammelin 2014; regret matching+, alternating updates, linear
 * averaging), Discounted CFR (Brown and Sandholm 2019; alternating, positive regrets scaled
 * by t^a/(t^a+1), negative by t^b/(t^b+1), average weights t^g; defaults a=1.5 b=0 g=2), and
 * external-sampling Monte Carlo CFR (Lanctot et al. 2009).
 *
 * Memory: flat arrays indexed by node (pre-order) and by global action; no hash maps. The
 * full-tree variants do per player one forward pass (reach of the others) and one backward
 * pass (values, counterfactual values) over the node arrays; with threads > 1 subtrees below
 * a cut depth are split among a pool of pthreads, each with its own counterfactual-value
 * buffer, reduced after the pass.
 *
 * Works for any number of players (regret minimisation only guarantees convergence to Nash
 * for two-player zero-sum games); NashConv is computed exactly by best responses.
 */
#ifndef BRINK_CFR_H
#define BRINK_CFR_H

#include <stddef.h>
#include <stdint.h>
#include "efg.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    BRINK_CFR_VANILLA = 0,
    BRINK_CFR_PLUS,
    BRINK_CFR_DISCOUNTED,
    BRINK_CFR_EXTERNAL_SAMPLING
} brink_cfr_variant;

typedef struct brink_cfr_params {
    brink_cfr_variant variant;
    double alpha, beta, gamma; /* DCFR discounting (used by BRINK_CFR_DISCOUNTED only) */
    int alternating;           /* 1: update one player at a time (CFR+, DCFR default) */
    int threads;               /* worker threads for full-tree passes: 0 = auto, 1 = serial */
    uint64_t seed;             /* sampling (external sampling MCCFR) */
} brink_cfr_params;

/* Defaults for a variant (see the header comment). */
void brink_cfr_params_init(brink_cfr_params *p, brink_cfr_variant v);

typedef struct brink_cfr brink_cfr;

/* Prepare the arrays (O(nodes + actions) memory). Needs perfect recall. */
brink_cfr *brink_cfr_new(const brink_efg *g, const brink_cfr_params *p, brink_error *err);
void brink_cfr_free(brink_cfr *c);   /* NULL is a no-op */

/* Run `iterations` more iterations (one iteration updates every player once). */
void brink_cfr_iterate(brink_cfr *c, long iterations);
long brink_cfr_iterations(const brink_cfr *c);
/* The average strategy (the one that converges), as a behaviour profile over all global
 * actions (chance entries = chance probabilities). Unvisited infosets are uniform. */
void brink_cfr_average(const brink_cfr *c, double *behav);
/* The current (last-iterate) strategy. */
void brink_cfr_current(const brink_cfr *c, double *behav);
/* NashConv of the average strategy: sum over players of best-response gain (exact best
 * responses in doubles). For two-player zero-sum games this is twice the exploitability. */
brink_status brink_cfr_nashconv(brink_cfr *c, double *nashconv, brink_error *err);
/* Threads actually used by full-tree passes. */
int brink_cfr_threads(const brink_cfr *c);
/* Estimated bytes read and written per iteration by the node and action arrays (for
 * bandwidth accounting; sampling variants report the per-iteration average so far). */
double brink_cfr_bytes_per_iteration(const brink_cfr *c);

#ifdef __cplusplus
}
#endif
#endif
