/* root.c — bracketing root finder (Illinois regula falsi safeguarded by bisection); see
 * root.h for why brink has its own instead of GSL's. */
#include <float.h>
#include <math.h>

#include "core/root.h"

int brink_root_bracket(brink_root_fn f, void *ctx, double lo, double hi, double flo,
                       double fhi, double rtol, int maxit, double *root)
{
    if (!isfinite(lo) || !isfinite(hi) || !isfinite(flo) || !isfinite(fhi) || !(lo <= hi))
        return -1;
    if (flo == 0 || fhi == 0) {
        *root = flo == 0 ? lo : hi;
        return 0;
    }
    if ((flo < 0) == (fhi < 0))
        return -1;
    int kept = 0;            /* >0: lo kept that many times in a row; <0: hi kept */
    double width0 = hi - lo; /* bracket width when the current block of three began */
    for (int it = 0; it < maxit; it++) {
        double scale = fmax(fabs(lo), fabs(hi));
        if (hi - lo <= fmax(rtol * scale, DBL_MIN))
            break;
        if (it % 3 == 0)
            width0 = hi - lo;
        double x;
        if (it % 3 == 2 && hi - lo > 0.5 * width0) {
            x = lo + 0.5 * (hi - lo); /* the false-position steps did not halve the bracket */
        } else {
            x = lo - flo * (hi - lo) / (fhi - flo);
            if (!(x > lo && x < hi))
                x = lo + 0.5 * (hi - lo);
        }
        double fx = f(x, ctx);
        if (!isfinite(fx))
            return -1;
        if (fx == 0) {
            *root = x;
            return 0;
        }
        if ((fx < 0) == (flo < 0)) {
            lo = x;
            flo = fx;
            kept = kept < 0 ? kept - 1 : -1;
            if (kept <= -2)
                fhi *= 0.5; /* Illinois: hi kept twice, halve its weight */
        } else {
            hi = x;
            fhi = fx;
            kept = kept > 0 ? kept + 1 : 1;
            if (kept >= 2)
                flo *= 0.5;
        }
    }
    /* the end point with the smaller |f|, or the midpoint when they tie */
    *root = fabs(flo) < fabs(fhi) ? lo : fabs(fhi) < fabs(flo) ? hi : lo + 0.5 * (hi - lo);
    return 0;
}
