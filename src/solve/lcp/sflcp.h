/* sflcp.h — the sequence-form LCP of a two-player extensive game (not public API).
 *
 * Koller, Megiddo and von Stengel (1996): with realisation plans x (player 1), y (player 2),
 * constraint matrices E x = e, F y = f, and payoff matrices A, B (shifted so that every leaf
 * payoff is negative, which changes no equilibrium because plans carry total mass 1), a
 * Nash equilibrium is a solution of
 *     w_x = -A y + E'(p+ - p-) >= 0  _|_ x >= 0
 *     w_y = -B'x + F'(q+ - q-) >= 0  _|_ y >= 0
 *     w_p+ = e - E x >= 0 _|_ p+,   w_p- = E x - e >= 0 _|_ p-    (and the same for F, y)
 * The free duals p, q are split into nonnegative parts. M is copositive and q lies in the
 * dual of SOL(0, M), so Lemke's algorithm with any positive covering vector ends at a
 * solution (Cottle, Pang and Stone, Thm 4.4.13), never at a secondary ray.
 *
 * Perturbed (Miltersen and Sørensen 2010): every sequence s other than the empty one must
 * have weight at least eps^len(s); substituting x = x' + l_x moves the bounds into q, which
 * becomes a polynomial in eps. Lemke run symbolically in eps gives a basis valid for all
 * small eps; its limit as eps -> 0 is a quasi-perfect (hence sequential) equilibrium.
 */
#ifndef BRINK_SFLCP_H
#define BRINK_SFLCP_H

#include "brink/game.h"
#include "solve/lcp/lemke.h"

typedef struct brink_sflcp {
    brink_lcp *lcp;
    int m[2];       /* sequences per player */
    int k[2];       /* constraint rows per player (1 + infosets) */
    int off_x, off_y;
    int maxlen;     /* longest sequence (perturbation degree) */
    int *seqlen[2]; /* [m[i]] own actions per sequence */
    int perturbed;
} brink_sflcp;

brink_status brink_sflcp_build(const brink_seqform *sf, int perturbed, brink_sflcp *out,
                               brink_error *err);
/* The same, building into *reuse (an LCP of an earlier build, or NULL) when it has the
 * size this one needs; *reuse is taken over either way (used or freed) and set to NULL. */
brink_status brink_sflcp_build_reuse(const brink_seqform *sf, int perturbed, brink_sflcp *out,
                                     brink_lcp **reuse, brink_error *err);
void brink_sflcp_free(brink_sflcp *s);

#endif
