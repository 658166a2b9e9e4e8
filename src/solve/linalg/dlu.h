/* dlu.h — dense LU factorisation with partial pivoting, in doubles (private).
 *
 * Small systems of the solvers (partner filters, QRE path corrector, support polishing). The
 * matrix is row-major s x s and is overwritten by its factors (unit lower L below the
 * diagonal, U on and above, rows permuted as recorded in perm). Written here rather than
 * taken from GSL so that a singular matrix is a return code, not a call to GSL's global error
 * handler.
 */
#ifndef BRINK_SOLVE_DLU_H
#define BRINK_SOLVE_DLU_H

/* 0 on success, -1 when a pivot is exactly zero (singular). */
int dlu_factor(double *a, int s, int *perm);
/* x = A^-1 b from the factors (x and b may not alias). */
void dlu_solve(const double *lu, int s, const int *perm, const double *b, double *x);

#endif
