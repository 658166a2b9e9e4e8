/* brink/nfg.h — N-player games in strategic (normal) form.
 *
 * Layout (all arrays owned by the game):
 *
 *   players 0..n-1, player p has nstrats[p] pure strategies.
 *   A contingency (cell) is a tuple (s_0, ..., s_{n-1}); its index is
 *       cell = s_0 + nstrats[0] * (s_1 + nstrats[1] * (s_2 + ...))
 *   i.e. player 0 varies fastest, as in Gambit's .nfg body.
 *   pay[cell * n + p] / payq[cell * n + p]: payoff of player p in that cell, as a double and
 *   exactly as a rational. Both are always filled and agree (double = nearest to rational).
 *
 *   Strategies are also numbered globally: strategy s of player p has global index
 *   strat_offset[p] + s; a mixed profile is a vector of length total_strats in that order.
 *
 *   Optional outcome structure (Gambit's outcome-version .nfg): noutcomes outcomes with labels
 *   and payoffs, cell_outcome[cell] = outcome index or -1 (null outcome, all zeros). When
 *   present it is kept so files round-trip; payoffs above are derived from it.
 */
#ifndef BRINK_NFG_H
#define BRINK_NFG_H

#include <stddef.h>
#include <gmp.h>
#include "error.h"
#include "core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct brink_nfg {
    char *title;           /* never NULL ("" when absent) */
    char *comment;         /* never NULL */
    int nplayers;
    char **player_names;   /* [nplayers] */
    int *nstrats;          /* [nplayers], each >= 1 */
    int *strat_offset;     /* [nplayers + 1] prefix sums; strat_offset[n] = total */
    int total_strats;
    char **strat_labels;   /* [total_strats] */
    size_t ncells;
    double *pay;           /* [ncells * nplayers] */
    mpq_t *payq;           /* [ncells * nplayers] */
    int noutcomes;         /* 0 when the game has no outcome structure */
    char **outcome_labels; /* [noutcomes] */
    mpq_t *outcome_payq;   /* [noutcomes * nplayers] */
    int *cell_outcome;     /* [ncells] or NULL */
    brink_arena *arena;    /* owns all strings */
} brink_nfg;

/* A game with zero payoffs, default labels "1".."k" and player names "Player 1"...
 * Fails with BRINK_ETOOBIG when the product of strategy counts exceeds BRINK_MAX_CELLS. */
brink_nfg *brink_nfg_new(int nplayers, const int *nstrats, brink_error *err);
void brink_nfg_free(brink_nfg *g); /* NULL is a no-op */
brink_nfg *brink_nfg_clone(const brink_nfg *g, brink_error *err);

brink_status brink_nfg_set_title(brink_nfg *g, const char *title, brink_error *err);
brink_status brink_nfg_set_comment(brink_nfg *g, const char *comment, brink_error *err);
brink_status brink_nfg_set_player_name(brink_nfg *g, int p, const char *name, brink_error *err);
brink_status brink_nfg_set_strat_label(brink_nfg *g, int p, int s, const char *label,
                                       brink_error *err);
/* Set one payoff exactly; the double copy follows. */
void brink_nfg_set_payoff(brink_nfg *g, size_t cell, int p, const mpq_t v);
void brink_nfg_set_payoff_si(brink_nfg *g, size_t cell, int p, long num, unsigned long den);

/* Cell index of a pure profile strat[0..n-1], and the inverse. */
size_t brink_nfg_cell(const brink_nfg *g, const int *strat);
void brink_nfg_cell_strats(const brink_nfg *g, size_t cell, int *strat);

/* Attach an outcome structure (labels may be NULL -> ""), and set payoffs from it. */
brink_status brink_nfg_set_outcomes(brink_nfg *g, int noutcomes, const char *const *labels,
                                    const mpq_t *outcome_payq, const int *cell_outcome,
                                    brink_error *err);

/* Is the game constant-sum? If so *sum receives the constant (may be NULL). */
int brink_nfg_is_constant_sum(const brink_nfg *g, mpq_t sum);

/* Equal as games: same players, strategy counts, labels and exact payoffs. */
int brink_nfg_equal(const brink_nfg *a, const brink_nfg *b);

#ifdef __cplusplus
}
#endif
#endif
