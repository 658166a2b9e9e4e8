/* threshold_invalid.h — the exact extent of a sample's "not a game here" (internal). */
#ifndef BRINK_ANALYSIS_THRESHOLD_INVALID_H
#define BRINK_ANALYSIS_THRESHOLD_INVALID_H

#include "analysis/continuation.h"

/* pg: the parametric game (of g) with branches taken at x, where the game failed to bind.
 * When a chance probability of pg is negative at x, or a chance move's sum is not 1 there,
 * *found = 1 and [lo, hi] (closedness in *_closed) is the connected set within
 * [L, H] around x where it keeps failing with the expressions' branches unchanged: the game
 * is not a game anywhere there. Else *found = 0 (the failure is x's alone as far as is known).
 * deadline: as cn_component_until (*expired = 1 and *found = 0 when it passes). */
brink_status tq_invalid_part(const brink_efg *g, const sc_pgame *pg, const mpq_t x,
                             const mpq_t L, const mpq_t H, double deadline, int *expired,
                             alg *lo, int *lo_closed, alg *hi, int *hi_closed, int *found,
                             brink_error *err);

#endif
