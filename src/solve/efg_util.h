/* efg_util.h — small extensive-form helpers shared by brink's solvers (not public API). */
#ifndef BRINK_EFG_UTIL_H
#define BRINK_EFG_UTIL_H

#include "brink/efg.h"

/* Largest node depth (root = 0). O(nnodes). */
int brink_efg_max_depth(const brink_efg *g);

/* Player `player`'s last own sequence before each of its infosets:
 * parent_seq[h - player_infoset_start[player]] (0 = empty, 1 + k = k-th action of the
 * player). BRINK_EINVALID when two nodes of one infoset disagree (no perfect recall). */
brink_status brink_efg_player_parent_seqs(const brink_efg *g, int player, int *parent_seq,
                                          brink_error *err);

#endif
