/* chol.c — the dense Cholesky factorisation of core/chol.h (left-looking, by columns). */
#include <math.h>

#include "core/chol.h"

int core_cholesky(double *a, int n, double tol)
{
    for (int j = 0; j < n; j++) {
        double d = a[j * n + j];
        for (int k = 0; k < j; k++)
            d -= a[j * n + k] * a[j * n + k];
        if (!(d > tol))
            return 0;
        d = sqrt(d);
        a[j * n + j] = d;
        for (int i = j + 1; i < n; i++) {
            double s = a[i * n + j];
            for (int k = 0; k < j; k++)
                s -= a[i * n + k] * a[j * n + k];
            a[i * n + j] = s / d;
        }
        for (int i = 0; i < j; i++)
            a[i * n + j] = 0;
    }
    return 1;
}
