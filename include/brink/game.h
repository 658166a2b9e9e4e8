/* brink/game.h — derived forms of a game: sequence form, reduced strategic form, and a
 * tagged union so callers can hold "a game" read from any file.
 */
#ifndef BRINK_GAME_H
#define BRINK_GAME_H

#include "nfg.h"
#include "efg.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { BRINK_GAME_NONE = 0, BRINK_GAME_NFG, BRINK_GAME_EFG } brink_game_kind;

typedef struct brink_game {
    brink_game_kind kind;
    brink_nfg *nfg;   /* set when kind == BRINK_GAME_NFG */
    brink_efg *efg;   /* set when kind == BRINK_GAME_EFG */
} brink_game;

void brink_game_free(brink_game *g); /* frees the contents; the struct itself is the caller's */

/* ---- Sequence form (Koller–Megiddo–von Stengel; von Stengel 1996) ----
 *
 * For player i the sequences are 0 (the empty sequence) and 1 + k for the k-th action of
 * player i (global action player_action_start[i] + k). A realisation plan r_i satisfies
 *     r_i[0] = 1,   sum_{a in A(h)} r_i[seq(a)] = r_i[parent_seq[h]]   for every infoset h of i,
 *     r_i >= 0.
 * Payoffs: sum over leaves l of chance(l) * u(l) * prod_i r_i[leaf_seq[l*n + i]].
 * The leaf list is aggregated: leaves with the same sequence tuple are merged.
 */
typedef struct brink_seqform {
    int nplayers;
    int *nseqs;              /* [nplayers] */
    int *infoset_parent_seq; /* [ninfosets of the game]; -1 for chance infosets */
    int *node_seq;           /* [nnodes * nplayers]: player i's sequence on the path to v */
    int nentries;            /* aggregated payoff entries */
    int *entry_seq;          /* [nentries * nplayers] */
    mpq_t *entry_payq;       /* [nentries * nplayers]: sum of chance(l) * u_i(l) */
    double *entry_pay;
    const brink_efg *game;   /* borrowed */
} brink_seqform;

/* Requires perfect recall (BRINK_EINVALID otherwise). */
brink_seqform *brink_seqform_new(const brink_efg *g, brink_error *err);
void brink_seqform_free(brink_seqform *sf);

/* Behaviour profile (over global actions) <-> realisation plans (one vector per player,
 * concatenated in player order; offsets are prefix sums of nseqs). Doubles. */
void brink_seqform_realization_from_behav(const brink_seqform *sf, const double *behav,
                                          double *plans);
/* Behaviour from plans; at infosets reached with probability 0 the behaviour is uniform. */
void brink_seqform_behav_from_realization(const brink_seqform *sf, const double *plans,
                                          double *behav);

/* ---- Reduced strategic form ----
 * A reduced pure strategy of player i picks an action at each infoset of i that its own earlier
 * choices do not exclude. choice[(strategy) * ninfosets_i + k] is the action index (0-based,
 * within the infoset) at player i's k-th infoset, or -1 where the strategy does not reach it.
 */
typedef struct brink_reduced {
    int nplayers;
    int *nstrats;       /* [nplayers] */
    int **choice;       /* [nplayers][nstrats[i] * ninfosets_i] */
} brink_reduced;

/* Build the reduced strategic form. Fails with BRINK_ETOOBIG (saying how many cells) when the
 * table would exceed BRINK_MAX_CELLS. *map (may be NULL) receives the strategy map. */
brink_nfg *brink_efg_to_nfg(const brink_efg *g, brink_reduced **map, brink_error *err);
/* Fill nf's payoffs (exact and doubles) from g's numbers: nf and map r made by
 * brink_efg_to_nfg from a game of g's structure (only numbers may differ). For solving one
 * structure at many parameter values; the payoffs are those brink_efg_to_nfg(g) gives.
 * Errors: BRINK_ENOMEM. */
brink_status brink_efg_reduced_payoffs(const brink_efg *g, const brink_reduced *r, brink_nfg *nf,
                                       brink_error *err);
void brink_reduced_free(brink_reduced *r);

/* Mixed profile of the reduced form -> equivalent behaviour profile (Kuhn), doubles/exact. */
brink_status brink_reduced_mixed_to_behav(const brink_efg *g, const brink_reduced *r,
                                          const double *mixed, double *behav, brink_error *err);
brink_status brink_reduced_mixed_to_behavq(const brink_efg *g, const brink_reduced *r,
                                           const mpq_t *mixed, mpq_t *behav, brink_error *err);

#ifdef __cplusplus
}
#endif
#endif
