/* core/chol.h — brink's one dense Cholesky factorisation (private to the library), for the
 * small symmetric matrices of the uncertainty module: correlation matrices (checked positive
 * definite at load, factored for the Gaussian copula) and regression normal equations.
 * GSL's gsl_linalg_cholesky_decomp1 is not used: it reports a matrix that is not positive
 * definite, exactly what these checks look for, through GSL's aborting error handler.
 */
#ifndef BRINK_CORE_CHOL_H
#define BRINK_CORE_CHOL_H

/* a[n * n] (row-major, symmetric; only the lower triangle is read) is replaced by its lower
 * Cholesky factor L (a = L L'), the strict upper triangle set to 0. Returns 1, or 0 when a
 * pivot is not above `tol` (not numerically positive definite; a is then partly
 * overwritten). O(n^3 / 6), no allocation. */
int core_cholesky(double *a, int n, double tol);

#endif
