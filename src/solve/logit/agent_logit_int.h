/* agent_logit_int.h — the agent-logit tracer's state and its sparse linear algebra, shared by
 * agent_logit.c (the path) and agent_logit_sparse.c (the Jacobian column by column from the
 * tree's structure, and sparse LU by UMFPACK). Not public API. */
#ifndef BRINK_AGENT_LOGIT_INT_H
#define BRINK_AGENT_LOGIT_INT_H

#include "brink/efg.h"

struct brink_alogit {
    const brink_efg *g;
    int n, N, AP, H;
    double *sigma;  /* [A] exp(y), chance probabilities at chance actions */
    double *ly;     /* [A] log sigma (chance: log p, -inf for p = 0) */
    double *lp;     /* [N] log reach */
    double *U;      /* [N * n] values */
    double *mu;     /* [N] beliefs */
    double *Q;      /* [AP] */
    double *dlp, *dU, *dmu, *dQ; /* tangent pass scratch */
    double range;
};

/* The augmented system [dH/dy | dH/dlambda ; c^T] of order AP + 1 in compressed columns,
 * its pattern fixed by the game's structure (every call builds the same one), factorised
 * by UMFPACK. */
typedef struct al_sparse al_sparse;

/* NULL on out of memory. */
al_sparse *al_sparse_new(const struct brink_alogit *m);
void al_sparse_free(al_sparse *s);   /* NULL is a no-op */
/* The Jacobian at the point of the last brink_alogit_eval (y, lambda), last row left to
 * al_sparse_solve. */
void al_sparse_jacobian(al_sparse *s, const struct brink_alogit *m, const double *y,
                        double lambda);
/* Solve [J; e_k^T] x = r. 0 solved, -1 singular (or not finite), -2 out of memory. */
int al_sparse_solve(al_sparse *s, int k, const double *r, double *x);
/* Solve again with the matrix and factors of the last al_sparse_solve (another right-hand
 * side). 0 solved, -1 not (no factors, or inaccurate), -2 out of memory. */
int al_sparse_resolve(al_sparse *s, const double *r, double *x);
/* Entries of the last pattern built (for the figures in docs and tests). */
long al_sparse_nnz(const al_sparse *s);
/* For tests: the last Jacobian's compressed columns (rows 0..AP-1, n1 = AP + 1 columns). */
void al_sparse_columns(const al_sparse *s, const int **Ap, const int **Ai, const double **Ax);
/* For tests: the dense Jacobian [dH/dy | dH/dlambda] at (y, lambda) into J[AP * (AP + 1)],
 * row-major, by one tangent pass per column (evaluates m at y first). -1 out of memory. */
int brink_alogit_jacobian_dense(struct brink_alogit *m, const double *y, double lambda,
                                double *J);

#endif
