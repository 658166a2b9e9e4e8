/* param.h — a scenario's game numbers as exact rational functions of one parameter t, the
 * other parameters held at given values (internal to the library; used by the parametric
 * analysis in analysis/continuation.c).
 *
 * Expressions are evaluated symbolically over Q(t). Where an expression branches on t
 * (comparisons, min, max, abs, clamp, if, and/or/not, division by a function of t), the branch
 * taken at a reference point x0 is followed and a guard is recorded: a sign condition that
 * holds on exactly the set of t where the same branch is taken. The rational functions are
 * therefore valid wherever every guard holds, a set that contains x0. An expression that is
 * not a rational function of t there (t under sqrt/exp/log, in an exponent, or a non-integer
 * power) is reported, not approximated.
 */
#ifndef BRINK_SCENARIO_PARAM_H
#define BRINK_SCENARIO_PARAM_H

#include "brink/scenario.h"
#include "core/poly.h"

typedef struct sc_pgame {
    int nactions, nleaves, nplayers;
    rf *prob;          /* [nactions]: chance actions' probabilities (player actions: 0) */
    rf *pay;           /* [nleaves * nplayers] */
    rf *epay;          /* compact games (sc_param_compact): [nepay] the payoff terms on each
                          edge, actor by actor, the last row those before the root; else NULL */
    int nepay;
    pcset guards;      /* tag = line of the expression, h = its column */
    /* not rational in t: the first offending expression (text and position), else NULL */
    const char *nonrational;
    int nr_line, nr_col;
} sc_pgame;

/* Evaluate the game of sc (as emitted into g) with parameter `param` as the variable, the
 * others at values[], branches at t = values[param]. Errors: BRINK_ENOMEM; BRINK_EINVALID
 * when an expression cannot be evaluated at the reference point (division by zero). */
brink_status sc_param_game(const brink_scenario *sc, const brink_efg *g, int param,
                           const mpq_t *values, sc_pgame *pg, brink_error *err);
void sc_pgame_free(sc_pgame *pg);

/* The same for a compact game (scenario/compact.h): pay[nleaves * np] each leaf class's
 * payoffs, epay[(edges + 1) * np] each edge's terms (the last row: before the root), prob[edges]
 * the chance outcomes' probabilities (decisions' edges: 0), with the guards of the branches
 * taken at t = values[param] and of the probabilities (as sc_param_game's). */
struct sc_compact;
brink_status sc_param_compact(const brink_scenario *sc, const struct sc_compact *k, int param,
                              const mpq_t *values, sc_pgame *pg, brink_error *err);

#endif
