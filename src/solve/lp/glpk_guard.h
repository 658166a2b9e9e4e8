/* glpk_guard.h — every GLPK call in brink runs inside brink_glpk_guard.
 *
 * GLPK reports misuse, broken invariants and allocation failure by printing a message and
 * calling abort(). The guard installs GLPK's error hook and leaves by longjmp instead, as
 * GLPK's manual prescribes, then frees the calling thread's GLPK environment
 * (glp_free_env): every GLPK object created inside the guarded call is gone, and the
 * failure comes back as a brink_status with GLPK's own message. GLPK's terminal output is
 * captured for that message and never printed.
 *
 * Rules for a guarded function: keep every GLPK object inside the call (none may outlive
 * it or come from outside it); allocate nothing else inside it (a longjmp would lose it):
 * the caller allocates the buffers before the guard and does the exact arithmetic after
 * it, from what the guarded call read out of GLPK (lp.c, seqlp.c, analysis/assess.c);
 * guards do not nest. GLPK's environment is per thread, so guards in different threads are independent.
 * A host that uses GLPK itself on the same thread loses its GLPK objects when a guarded
 * call fails (glp_free_env frees them all) and finds GLPK's hooks reset to the defaults.
 */
#ifndef BRINK_SOLVE_GLPK_GUARD_H
#define BRINK_SOLVE_GLPK_GUARD_H

#include "brink/error.h"

typedef brink_status (*brink_glpk_fn)(void *ctx, brink_error *err);

/* Run fn(ctx, err) with GLPK's errors turned into BRINK_EINTERNAL (BRINK_ENOMEM when GLPK
 * ran out of memory). Returns fn's status when GLPK reported nothing. */
brink_status brink_glpk_guard(brink_glpk_fn fn, void *ctx, brink_error *err);

#endif
