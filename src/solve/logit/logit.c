/* logit.c — the logit quantal response equilibrium path of an N-player strategic game.
 *
 * A logit QRE at precision lambda is a profile p with p_ij proportional to exp(lambda u_ij(p))
 * (McKelvey and Palfrey 1995). Written in log probabilities (Turocy 2005), with strategy 0 of
 * each player as reference, the QRE satisfy H(z) = 0 for z = (ln p, lambda):
 *     sum_j p_ij - 1 = 0,                                  one row per player i,
 *     ln p_ij - ln p_i0 - lambda (u_ij - u_i0) = 0,         j = 1 .. n_i - 1.
 * From the centroid at lambda = 0 the principal branch is followed by arc length: an Euler
 * predictor along the tangent (the kernel of the Jacobian, oriented to continue the previous
 * one) and a Newton corrector orthogonal to it, with adaptive steps. The branch converges to a
 * Nash equilibrium as lambda grows; the end point is then polished by Newton's method on the
 * equilibrium equations of its support (payoffs equal on the support, probabilities summing to
 * one), or of its best replies, or replaced by its pure best replies, and accepted when the
 * result is an equilibrium to within the tolerance (relative to the payoff range); the driver
 * then tries the nearby simple rationals and verifies exactly.
 *
 * Where the path ends is scale-free: the first goal is lambda * (payoff range) = 1e7, but a
 * payoff range set by one huge payoff says nothing about the small differences that decide
 * the other players' choices, so while no polished equilibrium is found the path is followed
 * a decade further, up to lambda * range = 1e16. What is left then is returned as the last
 * QRE point, which the driver marks approximate. A time or step limit returns the point
 * reached so far, flagged stopped_at_limit.
 *
 * Options: lambda (finite) returns the QRE at that lambda; want_path returns every accepted
 * point of the path (each with its lambda) before the end point.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solve/linalg/dlu.h"
#include "solve/polish/nfgderiv.h"
#include "solve/polish/nfgpolish.h"
#include "solve/solvers.h"

/* Tolerances and step control (GLPK style: named, documented values). */
#define LOGIT_LAMBDA_RANGE_END 1e7 /* stop when lambda * (payoff range) reaches this */
#define LOGIT_STEP0 0.03           /* first arc-length step */
#define LOGIT_STEP_MIN 1e-12       /* give up below this step */
#define LOGIT_GROW 1.5             /* step growth after an easy correction */
#define LOGIT_CORR_ITERS 8         /* Newton corrector iterations per step */
#define LOGIT_H_TOL 1e-11          /* corrector: max relative |H| accepted (see hnorm) */
#define LOGIT_MAX_STEPS 200000L
#define LOGIT_LAMBDA_RANGE_MAX 1e16
#define LOGIT_MIN_COS_TURN 0.8     /* largest turn of the tangent in one step: ~37 degrees */
#define LOGIT_TURN_CHECK_STEP 1e-3 /* steps shorter than this are not checked for turns */ /* follow no further than this (see above) */

typedef struct qre {
    const brink_nfg *g;
    int n, N;              /* strategies in all, players */
    double range;          /* payoff range (max - min over all payoffs), > 0 */
    double *z, *zp, *t, *tprev, *dz, *p, *u, *du, *H, *A, *rhs;
    double *ts, *tps;      /* saved tangents while a step is judged */
    int *perm;
} qre;

static void qre_free(qre *q)
{
    free(q->z);
    free(q->du);
    free(q->A);
    free(q->perm);
}

static int qre_init(qre *q, const brink_nfg *g)
{
    memset(q, 0, sizeof *q);
    q->g = g;
    q->n = g->total_strats;
    q->N = g->nplayers;
    int n = q->n, n1 = n + 1;
    q->z = malloc(sizeof(double) * (size_t)(12 * n1));
    q->du = malloc(sizeof(double) * (size_t)n * n);
    q->A = malloc(sizeof(double) * (size_t)n1 * n1);
    q->perm = malloc(sizeof(int) * (size_t)n1);
    if (!q->z || !q->du || !q->A || !q->perm) {
        qre_free(q);
        return -1;
    }
    q->zp = q->z + n1;
    q->t = q->zp + n1;
    q->tprev = q->t + n1;
    q->dz = q->tprev + n1;
    q->p = q->dz + n1;
    q->u = q->p + n1;
    q->H = q->u + n1;
    q->rhs = q->H + n1;
    q->ts = q->rhs + 2 * n1; /* after rhs and the scratch row that follows it */
    q->tps = q->ts + n1;
    q->range = nfg_payoff_range(g);
    return 0;
}

/* p, u, du and H at z. */
static void eval(qre *q, const double *z)
{
    const brink_nfg *g = q->g;
    for (int a = 0; a < q->n; a++)
        q->p[a] = exp(z[a]);
    nfg_payoff_derivs(g, q->p, q->u, q->du);
    /* payoffs in units of the range: lambda inside is lambda x range (scale-free) */
    double sc = 1 / q->range;
    for (int a = 0; a < q->n; a++)
        q->u[a] *= sc;
    for (size_t k = 0; k < (size_t)q->n * q->n; k++)
        q->du[k] *= sc;
    double lam = z[q->n];
    for (int i = 0; i < q->N; i++) {
        int o = g->strat_offset[i], k = g->nstrats[i];
        double s = 0;
        for (int j = 0; j < k; j++)
            s += q->p[o + j];
        q->H[o] = s - 1;
        for (int j = 1; j < k; j++)
            q->H[o + j] = z[o + j] - z[o] - lam * (q->u[o + j] - q->u[o]);
    }
}

/* Rows 0..n-1 of the (n+1) x (n+1) matrix A: the Jacobian of H at the last eval. */
static void jacobian(qre *q, const double *z)
{
    const brink_nfg *g = q->g;
    int n = q->n, n1 = n + 1;
    double lam = z[n];
    memset(q->A, 0, sizeof(double) * (size_t)n * n1);
    for (int i = 0; i < q->N; i++) {
        int o = g->strat_offset[i], k = g->nstrats[i];
        for (int j = 0; j < k; j++)
            q->A[(size_t)o * n1 + o + j] = q->p[o + j];
        for (int j = 1; j < k; j++) {
            double *row = q->A + (size_t)(o + j) * n1;
            row[o + j] = 1;
            row[o] = -1;
            const double *dj = q->du + (size_t)(o + j) * n, *d0 = q->du + (size_t)o * n;
            for (int b = 0; b < n; b++) {
                if (b >= o && b < o + k)
                    continue;
                row[b] = -lam * (dj[b] - d0[b]) * q->p[b];
            }
            row[n] = -(q->u[o + j] - q->u[o]);
        }
    }
}

/* Solve A x = rhs with the last row of A set to `last`; 0 ok, -1 singular. */
static int solve_aug(qre *q, const double *last, double *x)
{
    int n1 = q->n + 1;
    memcpy(q->A + (size_t)q->n * n1, last, sizeof(double) * (size_t)n1);
    if (dlu_factor(q->A, n1, q->perm) != 0)
        return -1;
    dlu_solve(q->A, n1, q->perm, q->rhs, x);
    for (int i = 0; i < n1; i++)
        if (!isfinite(x[i]))
            return -1;
    return 0;
}

/* Unit tangent at z continuing tprev (into q->t). */
static int tangent(qre *q, const double *z)
{
    int n = q->n, n1 = n + 1;
    eval(q, z);
    jacobian(q, z);
    memset(q->rhs, 0, sizeof(double) * (size_t)n1);
    q->rhs[n] = 1;
    if (solve_aug(q, q->tprev, q->t) != 0)
        return -1;
    double norm = 0, dot = 0;
    for (int i = 0; i < n1; i++) {
        norm += q->t[i] * q->t[i];
        dot += q->t[i] * q->tprev[i];
    }
    norm = sqrt(norm);
    if (!(norm > 0))
        return -1;
    for (int i = 0; i < n1; i++)
        q->t[i] *= dot < 0 ? -1 / norm : 1 / norm;
    return 0;
}

/* max |H| relative to the size of the terms (at large lambda the ratio rows subtract numbers
 * of order lambda * range, so an absolute tolerance would be below their rounding error). */
static double hnorm(const qre *q, const double *z)
{
    const brink_nfg *g = q->g;
    double m = 0, lr = fabs(z[q->n]); /* payoffs are in units of the range (eval) */
    for (int i = 0; i < q->N; i++) {
        int o = g->strat_offset[i];
        m = fmax(m, fabs(q->H[o]));
        for (int j = 1; j < g->nstrats[i]; j++)
            m = fmax(m, fabs(q->H[o + j]) / (1 + fabs(z[o + j]) + fabs(z[o]) + lr));
    }
    return m;
}

/* Newton corrector from zp, each step orthogonal to `dir` (the tangent, or e_lambda to hold
 * lambda fixed). Returns iterations used, or -1. */
static int correct(qre *q, const double *dir, double h)
{
    int n1 = q->n + 1;
    double moved = 0;
    for (int it = 0; it <= LOGIT_CORR_ITERS; it++) {
        eval(q, q->zp);
        double r = hnorm(q, q->zp);
        if (!isfinite(r))
            return -1;
        if (r < LOGIT_H_TOL)
            return it;
        if (it == LOGIT_CORR_ITERS)
            return -1;
        jacobian(q, q->zp);
        for (int i = 0; i < q->n; i++)
            q->rhs[i] = -q->H[i];
        q->rhs[q->n] = 0;
        if (solve_aug(q, dir, q->dz) != 0)
            return -1;
        double step = 0;
        for (int i = 0; i < n1; i++) {
            q->zp[i] += q->dz[i];
            step = fmax(step, fabs(q->dz[i]));
        }
        moved += step;
        if (moved > 0.5 * h + 1e-9) /* far from the predicted point: too big a step */
            return -1;
    }
    return -1;
}

/* Did the corrected point zp leave the branch? The principal branch never returns to
 * lambda < 0, and along it the tangent turns smoothly; a step that lands where the tangent
 * points more than LOGIT_MAX_TURN away has jumped to another branch (a large step near a
 * turning point does that). Leaves q->t and q->tprev as they were. */
static int jumped(qre *q)
{
    int n1 = q->n + 1;
    memcpy(q->ts, q->t, sizeof(double) * (size_t)n1);
    memcpy(q->tps, q->tprev, sizeof(double) * (size_t)n1);
    memcpy(q->tprev, q->t, sizeof(double) * (size_t)n1);
    int bad = tangent(q, q->zp) != 0;
    double dot = 0;
    for (int i = 0; i < n1 && !bad; i++)
        dot += q->t[i] * q->ts[i];
    memcpy(q->t, q->ts, sizeof(double) * (size_t)n1);
    memcpy(q->tprev, q->tps, sizeof(double) * (size_t)n1);
    return bad || dot < LOGIT_MIN_COS_TURN;
}

static brink_status add_point(const qre *q, const double *p, double lambda,
                              brink_profile_list *out, brink_error *err)
{
    brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_MIXED, q->n, 0, err);
    if (!pr)
        return BRINK_ENOMEM;
    memcpy(pr->p, p, sizeof(double) * (size_t)q->n);
    pr->lambda = lambda;
    return BRINK_OK;
}

/* The pure profile of each player's best reply to p (first on ties), if it is an
 * equilibrium to within tol. */
static int pure_best_reply(const brink_nfg *g, const double *p, double tol, double *out,
                           double *u)
{
    int n = g->total_strats;
    nfg_payoff_derivs(g, p, u, NULL);
    for (int i = 0; i < g->nplayers; i++) {
        int b = g->strat_offset[i];
        for (int a = b; a < g->strat_offset[i + 1]; a++)
            if (u[a] > u[b])
                b = a;
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
            out[a] = a == b;
    }
    nfg_payoff_derivs(g, out, u, NULL);
    (void)n;
    return nfg_nashconv(g, out, u) <= tol;
}

/* Turn the end of the path into an equilibrium within tol: Newton on its support, on its
 * best replies, or its pure best replies. 1 and best filled on success. */
static int polish_end(const brink_nfg *g, const double *p, double tol, double range,
                      double *best, double *u)
{
    const double rels[] = {1e-6, 1e-3, 1e-9};
    for (int k = 0; k < 3; k++)
        if (nfg_polish(g, p, rels[k], tol, best))
            return 1;
    const double eps[] = {1e-9, 1e-6, 1e-3};
    for (int k = 0; k < 3; k++)
        if (nfg_polish_br(g, p, eps[k] * range, tol, best))
            return 1;
    return pure_best_reply(g, p, tol, best, u);
}

static brink_status logit_nfg(const brink_nfg *g, const brink_solve_options *o,
                              brink_profile_list *out, brink_error *err)
{
    qre q;
    if (qre_init(&q, g) != 0)
        return brink_error_set(err, BRINK_ENOMEM, "logit: out of memory");
    int n = q.n, n1 = n + 1;
    brink_status st = BRINK_OK;
    double target = o->lambda;
    int have_target = isfinite(target);
    if (have_target && target < 0) {
        qre_free(&q);
        return brink_error_set(err, BRINK_EINVALID, "logit: lambda must be >= 0 (got %g)",
                               target);
    }
    /* inside, lambda is measured in units of 1 / (payoff range): see eval */
    double lam_end = LOGIT_LAMBDA_RANGE_END, R = q.range;
    if (have_target)
        target *= R;
    long max_steps = o->max_iterations > 0 ? o->max_iterations : LOGIT_MAX_STEPS;
    double tol = (o->tolerance > 0 ? o->tolerance : 1e-10) * q.range;
    double t0 = brink_now();
    /* start: the centroid at lambda = 0, heading towards larger lambda */
    for (int i = 0; i < q.N; i++)
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
            q.z[a] = -log((double)g->nstrats[i]);
    q.z[n] = 0;
    memset(q.tprev, 0, sizeof(double) * (size_t)n1);
    q.tprev[n] = 1;
    eval(&q, q.z);
    if (o->want_path && (st = add_point(&q, q.p, 0, out, err)) != BRINK_OK)
        goto done;
    if (have_target && target == 0) {
        st = o->want_path ? BRINK_OK : add_point(&q, q.p, 0, out, err);
        goto done;
    }
    double h = LOGIT_STEP0;
    long steps = 0;
    int reached = 0;
    double *best = malloc(sizeof(double) * (size_t)n);
    if (!best) {
        st = brink_error_set(err, BRINK_ENOMEM, "logit: out of memory");
        goto done;
    }
    int polished = 0, lost = 0;
    double *bestp = malloc(sizeof(double) * (size_t)n), best_rel = INFINITY, best_lam = 0;
    if (!bestp) {
        free(best);
        st = brink_error_set(err, BRINK_ENOMEM, "logit: out of memory");
        goto done;
    }
    memcpy(bestp, q.p, sizeof(double) * (size_t)n);
    for (;;) {
        if (reached) {
            /* A goal reached: done with --lambda, or when the end polishes into an
             * equilibrium; else a decade further while the scale-free cap allows. */
            eval(&q, q.z);
            if (have_target)
                break;
            polished = polish_end(g, q.p, tol, q.range, best, q.du);
            if (polished)
                break;
            if (lam_end >= LOGIT_LAMBDA_RANGE_MAX) { /* the method's own limit: say so */
                out->stats.stopped_at_limit = 1;
                break;
            }
            lam_end *= 10;
            reached = 0;
        }
        if (steps >= max_steps || (o->time_limit > 0 && brink_now() - t0 > o->time_limit)) {
            /* a user's limit: the point reached so far is the result, flagged as such */
            eval(&q, q.z);
            polished = !have_target && polish_end(g, q.p, tol, q.range, best, q.du);
            if (!polished)
                out->stats.stopped_at_limit = 1;
            break;
        }
        if (tangent(&q, q.z) != 0) {
            if (!have_target) { /* lost the path: the best point so far decides, below */
                lost = 1;
                break;
            }
            st = brink_error_set(err, BRINK_ENOCONVERGE,
                                 "logit: singular Jacobian at lambda = %g (a bifurcation?)",
                                 q.z[n] / R);
            goto free_best;
        }
        double hs = h;
        int fixed = 0;
        double goal = have_target ? target : lam_end;
        if (q.t[n] > 0 && q.z[n] + h * q.t[n] >= goal) { /* land exactly on the goal */
            hs = (goal - q.z[n]) / q.t[n];
            fixed = 1;
        }
        for (int i = 0; i < n1; i++)
            q.zp[i] = q.z[i] + hs * q.t[i];
        int it;
        if (fixed) {
            /* hold lambda at the goal: corrections orthogonal to e_lambda */
            double *el = q.rhs + n1; /* scratch row after rhs (allocated with z) */
            memset(el, 0, sizeof(double) * (size_t)n1);
            el[n] = 1;
            q.zp[n] = goal;
            it = correct(&q, el, hs > 1 ? hs : 1);
        } else {
            it = correct(&q, q.t, hs);
        }
        /* onto another branch: retry smaller (a short step cannot jump far, and a sharp but
         * genuine turn must still be passable) */
        if (it >= 0 && !fixed && (q.zp[n] < 0 || (hs > LOGIT_TURN_CHECK_STEP && jumped(&q))))
            it = -1;
        if (it < 0) {
            h *= 0.5;
            if (h < LOGIT_STEP_MIN) {
                if (!have_target) {
                    lost = 1;
                    break;
                }
                st = brink_error_set(err, BRINK_ENOCONVERGE,
                                     "logit: the path could not be followed beyond lambda = %g",
                                     q.z[n] / R);
                goto free_best;
            }
            continue;
        }
        memcpy(q.z, q.zp, sizeof(double) * (size_t)n1);
        memcpy(q.tprev, q.t, sizeof(double) * (size_t)n1);
        steps++;
        double rel = nfg_nashconv(g, q.p, q.u); /* u is in units of the range */
        if (rel < best_rel) {
            best_rel = rel;
            best_lam = q.z[n];
            memcpy(bestp, q.p, sizeof(double) * (size_t)n);
        }
        if (it <= 2)
            h *= LOGIT_GROW;
        if (o->progress && o->progress(o->progress_ctx, log1p(q.z[n]) / log1p(goal),
                                       "following the logit path")) {
            st = brink_error_set(err, BRINK_ENOCONVERGE, "logit: cancelled");
            goto free_best;
        }
        reached = fixed;
        if (o->want_path && !(reached && have_target) &&
            (st = add_point(&q, q.p, q.z[n] / R, out, err)) != BRINK_OK)
            goto free_best;
    }
    out->stats.iterations = steps;
    if (lost) {
        /* The path could not be followed (a near-bifurcation, a sharp turn): the point of
         * least regret met so far is polished, or returned flagged as not at the target. */
        memcpy(q.p, bestp, sizeof(double) * (size_t)n);
        q.z[n] = best_lam;
        polished = polish_end(g, q.p, tol, q.range, best, q.du);
        nfg_payoff_derivs(g, q.p, q.u, NULL);
        for (int a = 0; a < n; a++)
            q.u[a] /= R; /* as eval leaves it */
        if (!polished)
            out->stats.stopped_at_limit = 1;
    }
    if (have_target && !out->stats.stopped_at_limit) {
        st = add_point(&q, q.p, q.z[n] / R, out, err);
        out->stats.residual = R * nfg_nashconv(g, q.p, q.u);
        goto free_best;
    }
    if (polished) {
        st = add_point(&q, best, NAN, out, err);
        nfg_payoff_derivs(g, best, q.u, NULL);
        out->stats.residual = nfg_nashconv(g, best, q.u);
    } else {
        st = add_point(&q, q.p, q.z[n] / R, out, err);
        out->stats.residual = R * nfg_nashconv(g, q.p, q.u);
    }
free_best:
    free(best);
    free(bestp);
done:
    qre_free(&q);
    return st;
}

const brink_solver brink_solver_logit = {
    .name = "logit",
    .summary = "logit quantal response equilibrium path (any number of players); its limit is "
               "a Nash equilibrium; --lambda X for the QRE at X, --path for the path",
    .guarantee = "one Nash equilibrium (the limit of the principal logit QRE branch), to the "
                 "tolerance, exact when the driver's rational check confirms it",
    .flags = BRINK_SOLVER_NFG | BRINK_SOLVER_EFG | BRINK_SOLVER_APPROX | BRINK_SOLVER_QRE,
    .solve_nfg = logit_nfg,
    .solve_efg = NULL,
};
