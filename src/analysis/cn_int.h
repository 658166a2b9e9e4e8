/* cn_int.h — pieces shared by the continuation files (continuation.c: one equilibrium's
 * conditions; cn_solve.c: linear algebra over Q(t); cn_seqform.c: two-player sequence form).
 * Internal to src/analysis. */
#ifndef BRINK_ANALYSIS_CN_INT_H
#define BRINK_ANALYSIS_CN_INT_H

#include <stdint.h>

#include "analysis/continuation.h"

/* Positivity of an action in the support: strict, except for an action added to the support
 * at a tie (G->extra), which starts from 0 at the sample. */
#define CN_POSITIVE(G, k) ((G)->extra && (G)->extra[k] ? PC_NONNEG : PC_POS)

/* Unknowns beyond which the sequence-form systems are not formed: they are eliminated densely
 * over Q(t) (n^2 rational functions, n^3 operations). */
#define CN_MAX_DENSE 400

rf *cn_rf_array(size_t n);
void cn_rf_array_free(rf *a, size_t n);

/* Reach probabilities and every player's continuation values for the profile in G->beh
 * (chance from the parametric game). -1 on OOM. */
int cn_eval_tree(cn_game *G);

/* Sign at x (0 where the denominator vanishes). */
int cn_sign_at(const rf *f, const mpq_t x, mpq_t tmp);

/* Append "sign(f) is kind" unless f is constant, in which case it must hold (else *bad). */
int cn_push_cond(cn_game *G, pcset *conds, const rf *f, pc_kind kind, int tag, int h, int a,
                 int b, int *bad);

/* Solve A u = c over Q(t): A is rows x (n + 1) row-major with c in column n. Pivots are
 * chosen non-zero at x0; unknowns without a pivot keep xfree[j] (their value at x0; NULL:
 * none may be free, else *bad). Rows left after elimination must vanish identically; their
 * residuals become PC_ZERO conditions (tag, h, a, b). A is destroyed. Returns 0, -1 on OOM. */
int cn_rf_solve(cn_game *G, rf *A, int rows, int n, const mpq_t x0, const mpq_t *xfree,
                rf *sol, pcset *conds, int tag, int h, int a, int b, int *bad);

/* Two-player games: the equilibrium's sequence-form equalities solved over Q(t). Sets
 * G->beh (own-reached information sets from the realisation plans, the others as behq) and
 * appends the Nash conditions (positive realisation weights, best replies). -1 on OOM. */
int cn_seqform(cn_game *G, const mpq_t *behq, const unsigned char *supp, const mpq_t x0,
               pcset *conds, int *bad);

/* Two-player games, lexicographic beliefs everywhere (see cn_seqform.c). Sets *applies to 1
 * and fills G->beh, mu[nnodes] (beliefs at every set) and the conditions when the sample's
 * equilibrium is supported by those beliefs; else *applies = 0 and nothing changes. */
int cn_seqform_lex(cn_game *G, const mpq_t *behq, const unsigned char *supp, const mpq_t x0,
                   pcset *conds, rf *mu, int *applies, int *bad);

/* Pure profiles of perfect-information games without chance (cn_pure.c): whether the short
 * pass applies, and the pass itself (out->reached, out->mu and the distinct best-reply
 * conditions, as the general pass would give them). -1 on OOM. */
int cn_pure_applies(const cn_game *G, int nmixed);
int cn_pure_conditions(cn_game *G, const int *bref, cn_eq *out, pcset *conds, int *bad);
/* cn_gap for such games when e is pure below h: *used = 1 and out set, else *used = 0. */
int cn_pure_gap(cn_game *G, const cn_eq *e, int h, int a, int b, rf *out, int *used);
/* The polynomials whose signs decide backward induction near x: bottom up, each node's
 * subgame-perfect plays at x (payoff vectors), and at each decision every pair of payoff
 * functions of the mover's that one child's play and another's reach, as their cross
 * difference (and the two denominators; constant ones left out). While none of them
 * vanishes, every comparison backward induction makes keeps its sign at x (ties stay the
 * same ties: equal functions are one class), so its set of subgame-perfect profiles stays
 * that of x. *out malloc'd, *nout polynomials (pq_clear each). 0; 1 when a node has more
 * than maxset plays, or a payoff is undefined at x (nothing made); -1 on OOM. */
int cn_pure_order_polys(cn_game *G, const mpq_t x, int maxset, pq **out, int *nout);
/* What cn_pure_order_polys and the compact game's ck_order_polys share: a set of (function,
 * function) pairs, each compared once (key: the two 32-bit ids, smaller first; zeroed to
 * start, cn_pairset_free to end; *added = 1 when new; -1 on OOM), and the push of one pair's
 * cross difference a.n b.d - b.n a.d with the two denominators onto P[*n..] (grown by
 * doubling from *cap; constant or zero ones left out; -1 on OOM). */
typedef struct {
    uint64_t *k;   /* key + 1, 0 = empty (open addressing) */
    size_t cap, n;
} cn_pairset;
int cn_pairset_add(cn_pairset *S, int f1, int f2, int *added);
void cn_pairset_free(cn_pairset *S);
int cn_push_cross(pq **P, int *n, int *cap, const rf *a, const rf *b);
/* Play s1 added to a node's plays pool[start..*npool) unless already there (the pool has room
 * for it): 0; 1 when the node already has maxset plays (too many to compare). */
int cn_play_once(int *pool, int *npool, int start, int maxset, int s1);

/* Two-player games (cn_rsf.c): whether every extreme equilibrium of the reduced strategic
 * form at x, and just above and just below x, either makes watched choices among listed
 * (nlisted rows of the watched sets' actions in watch order, 1 = played), reaching each
 * watched set (elsewhere its choice is not the strategic form's), or is shown rejected by
 * the sequential check; and the polynomials (*polys, *npolys, monic, distinct; pq_clear
 * each) on an interval around x free of whose roots (x itself aside) all this stays as it is
 * next to x. 0 when shown; 1 when not: more than maxsets tight-set choices in a best-reply
 * polyhedron, the game undefined at x, an extreme equilibrium neither listed nor rejected
 * (rejection is shown only when may_reject: the analysis keeps sequential profiles only),
 * the deadline passed (brink_now() seconds; 0: none); -1 on OOM. cache (zeroed at first; NULL:
 * none) keeps the vertex enumeration's cofactors, which do not depend on x, between calls on
 * one parametric game; cn_rsf_cache_free.
 * agree (NULL: not asked; else 1 on entry, or 0 to skip): left 1 only when every extreme
 * equilibrium met here (at x and on either side) that is not shown rejected (those making
 * listed watched choices) has the same expected payoffs and the same probability of each
 * outcome group (leaf_group[nleaves] in [0, ngroups)) as functions of t; meaningful when 0
 * is returned. What enummixed+sequential lists then agrees: its extreme equilibria the check
 * keeps are among those, and the sequential solver's quasi-perfect equilibrium is a basic
 * solution of the sequence-form LCP, a vertex pair of the sequence-form best-reply polyhedra,
 * so the image of an extreme equilibrium of the reduced strategic form with the same
 * realisation plans (extreme points of a linear image are images of extreme points), hence
 * the same outcome, values and reached sets; one shown rejected has no sequential
 * equilibrium with its realisation plans (its unreached sets' strictly best actions are
 * forced, and a reached set's played action is then strictly worse), so it is one not shown
 * rejected (Avis, Rosenberg, Savani and von Stengel 2010, "Enumeration of Nash equilibria
 * for two-player games", s. 2; von Stengel 1996, sequence form; Miltersen and Sorensen 2010).
 * Other equilibria (mixtures within a maximal Nash subset) are not covered.
 * one (NULL: not asked; else 1 on entry): left 1 only when every extreme equilibrium at x
 * and on either side makes listed watched choices (none rejected), and all of them, completed
 * as the sequential check completes them (the strictly best action at each unreached set,
 * one node ending the game), are one behaviour profile with the same reached sets: the
 * analysis' list is then that one equilibrium with none rejected, its "unique" (the
 * sequential solver's too: realisation-equivalent to one of them, its unreached choices
 * forced the same way). Meaningful when 0 is returned. */
typedef struct cn_rsf_cache {
    pq *tc[2];
    int ntc[2], tccap[2], dsign[2];
} cn_rsf_cache;
int cn_rsf_extreme(cn_game *G, const mpq_t x, double maxsets, double deadline, const int *watch,
                   int nwatch, const unsigned char *listed, int nlisted, int may_reject,
                   const int *leaf_group, int ngroups, int *agree, int *one,
                   cn_rsf_cache *cache, pq **polys, int *npolys);
void cn_rsf_cache_free(cn_rsf_cache *c);

#endif
