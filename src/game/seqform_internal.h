/* seqform_internal.h — sequence-form helpers shared by brink's own solvers (not public API).
 *
 * Plans are concatenated per player; player i's plan starts at brink_seqform_plan_offset().
 */
#ifndef BRINK_SEQFORM_INTERNAL_H
#define BRINK_SEQFORM_INTERNAL_H

#include "brink/game.h"

/* Offset of player `player`'s plan in the concatenated vector (prefix sum of nseqs). */
int brink_seqform_plan_offset(const brink_seqform *sf, int player);

/* Exact versions of the conversions in game.h (same layouts; mpq arrays initialised). */
void brink_seqform_realization_from_behavq(const brink_seqform *sf, const mpq_t *behav,
                                           mpq_t *plans);
void brink_seqform_behav_from_realizationq(const brink_seqform *sf, const mpq_t *plans,
                                           mpq_t *behav);

/* Chance probability mass of every payoff entry: mass[e] = sum over the entry's leaves of
 * chance(l) (nentries initialised mpq). Used to shift payoffs by a constant. */
brink_status brink_seqform_entry_chance(const brink_seqform *sf, mpq_t *mass, brink_error *err);

/* Number of own actions in each sequence of `player` (len[0] = 0). */
void brink_seqform_seq_lengths(const brink_seqform *sf, int player, int *len);

#endif
