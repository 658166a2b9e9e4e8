/* affine.h — is a scenario's game jointly affine in two of its parameters? (internal; used by
 * the two-parameter region map, analysis/regionmap_exact.c, to decide where a map's polygons
 * can be proved exact: see docs/scenario-language.md, "Region maps").
 *
 * An expression is classified by walking its compiled code once, without evaluating it:
 * constant in the two parameters (other parameters count as constants: they are held fixed
 * over a map), affine (a + b x + c y), or neither. The rules are deliberately a sufficient
 * test, not a decision procedure: sums and differences of affine terms, products with at
 * least one constant factor, division by a constant, and if(c, a, b) whose condition c is
 * constant are affine; anything else that involves x or y (x * y, x / y, powers, min, max,
 * abs, clamp, comparisons, floor, mod, sqrt, exp, log) is not, even where it happens to be
 * (x^1, min(x, x)). A constant divisor that is zero makes every binding of the game fail, so
 * no region is ever certified from it.
 */
#ifndef BRINK_SCENARIO_AFFINE_H
#define BRINK_SCENARIO_AFFINE_H

#include "brink/scenario.h"
#include "scenario/expr.h"

typedef enum {
    SC_AFF_CONST = 0,   /* does not involve either parameter */
    SC_AFF_AFFINE = 1,  /* a + b x + c y */
    SC_AFF_OTHER = 2    /* anything else (or not decided by the rules above) */
} sc_affinity;

/* Class of a closed expression in parameters p0 and p1; -1 when out of memory. */
int sc_expr_affinity(const sc_expr *e, int p0, int p1);

/* 1 when every chance probability (chance moves and priors) of sc's game is constant in p0 and
 * p1 and every payoff is affine in them; 0 when not; -1 when out of memory. */
int sc_game_affine(const brink_scenario *sc, int p0, int p1);

#endif
