/* brink/generate.h — games built in code: poker benchmarks (Kuhn, Leduc) and a
 * crisis-bargaining family whose size grows with its parameters, for measuring how solvers
 * scale. Every generator builds through the pre-order builder (efg.h), so the result is an
 * ordinary brink_efg that the io layer can write as .efg.
 */
#ifndef BRINK_GENERATE_H
#define BRINK_GENERATE_H

#include "game.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Kuhn poker (Kuhn 1950): cards J < Q < K, ante 1, one bet of 1. Player 1 checks or bets;
 * after check player 2 checks or bets and player 1 may then fold or call; after a bet the
 * other player folds or calls. Chance deals the 6 ordered card pairs with probability 1/6.
 * Zero-sum; the value for player 1 is -1/18. 55 nodes, 12 player information sets. */
brink_efg *brink_gen_kuhn(brink_error *err);

/* Leduc hold'em (Southey et al. 2005), standard rules: deck J,J,Q,Q,K,K; antes 1; each
 * player gets one private card, then a betting round (raise size 2), a public card, a second
 * betting round (raise size 4); at most two raises per round; player 1 acts first in both
 * rounds; folding is possible only when facing a raise. A pair with the public card wins,
 * otherwise the higher card; equal cards split. Suits never matter, so chance deals ranks
 * with their exact probabilities (zero-probability deals are left out). Zero-sum. */
brink_efg *brink_gen_leduc(brink_error *err);
/* The same game with the six cards dealt individually (suits kept apart), as OpenSpiel and
 * most CFR codes build it: 936 player information sets, more nodes, the same value. */
brink_efg *brink_gen_leduc_cards(brink_error *err);

/* Crisis bargaining with private resolve.
 *
 * Chance picks the challenger's type t = 0..types-1 (type 0 the most resolute) with
 * probability prior_weights[t] / sum (uniform when prior_weights is NULL). The challenger
 * (player 1, knows its type) then plays up to `rounds` rounds: in each it either backs down
 * (in round 1: keeps the status quo) or makes a demand of level l = 1..levels, worth
 * stake * l / levels. The defender (player 2, sees every demand but not the type) concedes
 * the demand or holds firm. Holding firm costs both sides crisis_cost and leads to the next
 * round; after the last round a challenger that was held firm fights or backs down.
 *
 * Payoffs (challenger, defender), with k = number of rounds the defender has held firm:
 *   back down / status quo     ( -k (crisis_cost + audience_cost),  -k crisis_cost )
 *   defender concedes level l  (  stake l / levels - k crisis_cost,  -stake l / levels - k crisis_cost )
 *   fight (k = rounds)         (  war_gain - w_t - k crisis_cost,  -war_gain - defender_war_cost - k crisis_cost )
 * where the type's war cost w_t runs linearly from war_cost_resolute (t = 0) to
 * war_cost_bluffer (t = types - 1). All numbers are integers, so payoffs are exact.
 *
 * Size: with L levels and R rounds a type's subtree has T(R) nodes, T(1) = 2 + 5L,
 * T(r) = 2 + L (2 + T(r - 1)); the game has 1 + types * T(R) nodes. */
typedef struct brink_crisis_params {
    int rounds;               /* R >= 1 */
    int levels;               /* L >= 1 demand levels */
    int types;                /* >= 1 challenger types */
    long stake;               /* value of the disputed good */
    long crisis_cost;         /* per round held firm, paid by both */
    long audience_cost;       /* per round of demands, paid by a challenger who backs down */
    long war_gain;            /* challenger's expected gain from fighting (defender loses it) */
    long war_cost_resolute;   /* war cost of type 0 */
    long war_cost_bluffer;    /* war cost of the last type */
    long defender_war_cost;
    const long *prior_weights;/* [types] positive weights, or NULL for uniform */
} brink_crisis_params;

/* Defaults: rounds 2, levels 2, types 2, stake 10, crisis_cost 1, audience_cost 1,
 * war_gain 4, war costs 2 (resolute) and 12 (bluffer), defender_war_cost 6, uniform prior. */
void brink_crisis_params_init(brink_crisis_params *p);

/* Build the game. BRINK_EINVALID for bad parameters, BRINK_ETOOBIG beyond BRINK_MAX_NODES. */
brink_efg *brink_gen_crisis(const brink_crisis_params *p, brink_error *err);

/* Number of nodes brink_gen_crisis would build (without building it); -1 on overflow. */
long long brink_crisis_node_count(const brink_crisis_params *p);

/* ---- Every standard game by name (src/game/gen_dispatch.c; docs/generate.md) ----
 *
 * Kinds: kuhn, leduc, leduc-cards, crisis (extensive); uniform, integer, covariant, zerosum,
 * degenerate, polymatrix (random strategic games, seeded); bos, chicken, pd, pennies,
 * coordination, dispersion, travellers, attrition, bertrand, location (the GAMUT classes of
 * Nudelman et al. 2004, "Run the GAMUT", AAMAS). Options are KEY=VALUE text pairs: keys[i]
 * = values[i], i < nopts; integers in decimal, rationals as in .nfg files ("-1/2", "0.25"),
 * seed an unsigned 64-bit integer (default 1; the same seed gives the same game everywhere).
 * On success *out owns the game (brink_game_free). Errors: BRINK_EINVALID for an unknown kind,
 * an unknown option (misspellings are refused, never ignored) or a value out of range, the
 * message naming it; BRINK_ETOOBIG beyond BRINK_MAX_CELLS / BRINK_MAX_NODES; BRINK_ENOMEM. */
brink_status brink_generate(const char *kind, const char *const *keys,
                            const char *const *values, int nopts, brink_game *out,
                            brink_error *err);

typedef struct brink_generator_info {
    const char *name;     /* "travellers" */
    const char *summary;  /* one line */
    const char *params;   /* its options with defaults: "low=2 high=100 bonus=2" ("" = none) */
} brink_generator_info;

/* The i-th kind (0 <= i), or NULL past the end. */
const brink_generator_info *brink_generator(int i);

#ifdef __cplusplus
}
#endif
#endif
