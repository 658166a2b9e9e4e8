/* dlu.c — dense LU with partial pivoting (see dlu.h). */
#include "solve/linalg/dlu.h"

#include <math.h>

int dlu_factor(double *a, int s, int *perm)
{
    for (int i = 0; i < s; i++)
        perm[i] = i;
    for (int k = 0; k < s; k++) {
        int p = k;
        for (int i = k + 1; i < s; i++)
            if (fabs(a[i * s + k]) > fabs(a[p * s + k]))
                p = i;
        if (a[p * s + k] == 0)
            return -1;
        if (p != k) {
            for (int j = 0; j < s; j++) {
                double t = a[k * s + j];
                a[k * s + j] = a[p * s + j];
                a[p * s + j] = t;
            }
            int t = perm[k];
            perm[k] = perm[p];
            perm[p] = t;
        }
        for (int i = k + 1; i < s; i++) {
            double f = a[i * s + k] /= a[k * s + k];
            for (int j = k + 1; j < s; j++)
                a[i * s + j] -= f * a[k * s + j];
        }
    }
    return 0;
}

/* x = A^-1 b with A = P^T L U as factored above. */
void dlu_solve(const double *lu, int s, const int *perm, const double *b, double *x)
{
    for (int i = 0; i < s; i++) {
        double v = b[perm[i]];
        for (int j = 0; j < i; j++)
            v -= lu[i * s + j] * x[j];
        x[i] = v;
    }
    for (int i = s - 1; i >= 0; i--) {
        double v = x[i];
        for (int j = i + 1; j < s; j++)
            v -= lu[i * s + j] * x[j];
        x[i] = v / lu[i * s + i];
    }
}
