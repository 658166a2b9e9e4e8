/* core/root.h — a bracketing root finder in doubles (private to the library).
 *
 * brink used GSL's Brent solver here; GSL reports a bad bracket, a non-finite function value
 * or a failed allocation through its process-wide error handler, whose default aborts. This
 * solver needs no allocation and reports every failure as a return value, so the library
 * never reaches GSL's handler.
 */
#ifndef BRINK_CORE_ROOT_H
#define BRINK_CORE_ROOT_H

typedef double (*brink_root_fn)(double x, void *ctx);

/* A root of f in [lo, hi] by the Illinois variant of regula falsi with bisection steps that
 * guarantee the bracket at least halves every three evaluations. flo = f(lo), fhi = f(hi)
 * must be finite with opposite signs. Stops when f is exactly 0, when the bracket is no
 * wider than rtol * max(|lo|, |hi|) (or than the smallest normal double), or after maxit
 * evaluations. Returns 0 with *root set; -1 for a bad bracket or a non-finite value of f
 * (the caller's function may return NaN to stop the search). */
int brink_root_bracket(brink_root_fn f, void *ctx, double lo, double hi, double flo,
                       double fhi, double rtol, int maxit, double *root);

#endif
