/* agent_logit.c — the agent logit quantal response equilibrium correspondence of an
 * N-player extensive game (McKelvey and Palfrey 1998), followed from lambda = 0 by
 * predictor-corrector path tracing (as in Turocy's method for the strategic form).
 *
 * At every player information set h, with beliefs mu given by Bayes' rule from the (fully
 * mixed) profile itself, sigma_h(a) ∝ exp(lambda Q_h(a)), Q_h(a) = sum_v mu(v) U_i(child(v,a)).
 * Unknowns are y = log sigma (player actions) and lambda; at each infoset with reference
 * action a0 the equations are
 *     y_a - y_a0 - lambda (Q_h(a) - Q_h(a0)) = 0   (a != a0),     sum_a exp(y_a) - 1 = 0.
 * Log-probabilities keep the system well scaled as lambda grows and some probabilities
 * vanish; beliefs are computed from log-reach so they survive underflow.
 *
 * The Jacobian is exact: d Q / d y_b column by column. Up to AGENT_LOGIT_DENSE_MAX player
 * actions it is dense (one tangent, forward-mode, pass per column; LU with partial pivoting in
 * a preallocated workspace) and the path is traced in arclength with an Euler predictor and a
 * Newton corrector on the system augmented by the tangent hyperplane. Beyond, it is built
 * sparse from the tree's structure and factorised by KLU (agent_logit_sparse.c); the curve is
 * parametrised locally by its fastest-moving coordinate (Rheinboldt 1980; a dense tangent row
 * would fill the factors), with a chord corrector (the factors of one Jacobian reused while the
 * steps contract: on a big tree a Jacobian costs far more than a residual). The step grows
 * when the corrector converges fast. On either path a step is refused (and halved) when the
 * corrected point goes back along the tangent, the tangent turns by more than 60 degrees, or
 * lambda goes negative: signs of a corrector that landed on another sheet. When the sparse path
 * fails on a game of at most AGENT_LOGIT_DENSE_FALLBACK player actions (payoffs of very
 * different sizes), the dense path runs instead.
 *
 * Output: the profile at opts->lambda, or (lambda = NaN) the end of the principal branch,
 * stopped when both NashConv and the largest conditional gain at any information set given
 * the beliefs (brink_verify_assessment: off the path too, where NashConv sees nothing) fall
 * below AGENT_LOGIT_LIMIT_NASHCONV x (payoff range), or lambda exceeds AGENT_LOGIT_MAX_LAMBDA /
 * range. Limit points of the agent QRE as lambda -> inf are sequential equilibria (McKelvey
 * and Palfrey 1998); whether the returned point is sequentially rational to the tolerance is
 * checked again when it is printed. When the limit profile, rounded to simple fractions,
 * passes the exact check, it is returned exactly. Once lambda x range >= 100, every
 * AGENT_LOGIT_EXACT_EVERY steps the point rounded to simple fractions is checked exactly, as
 * a Nash equilibrium and as an assessment (beliefs from Bayes' rule on the others' reach,
 * else the path's); when it passes with the same rounding as at the try before, it is
 * returned and the branch is left (a reputation game's path can crawl for thousands of steps
 * toward a limit it already shows; requiring the same rounding twice keeps a point of a
 * continuum that the branch is still crossing from being taken for its end). A time or step
 * limit returns the point
 * reached, flagged stopped_at_limit.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "brink/solve.h"
#include "brink/evaluate.h"
#include "solve/logit/agent_logit.h"
#include "solve/logit/agent_logit_int.h"
#include "solve/solvers.h"

/* Stopping rule for the limit (relative to the payoff range). */
#define AGENT_LOGIT_LIMIT_NASHCONV 1e-8
#define AGENT_LOGIT_MAX_LAMBDA 1e12
/* Up to this many player actions the dense path (arclength, Newton) runs first: it follows
 * small games' branches more reliably than the sparse path's local parametrisation with its
 * chord corrector, which on some random games of a few hundred nodes lands on another sheet
 * (tests/unit/test_agent_logit_sparse.c); beyond, the sparse path is far faster. */
#define AGENT_LOGIT_DENSE_MAX 300
/* The dense path's memory holds this many actions (2 x 128 MB): the fallback when the sparse
 * path fails. */
#define AGENT_LOGIT_DENSE_FALLBACK 4000
/* A sparse path that stalls short of the tolerance is followed again by the dense one up to
 * this many actions (a dense step costs about 0.05 s there; the chain store with 5 entrants,
 * 726 actions, took 6-9 s). Beyond, a retry runs for minutes where the sparse path took
 * seconds (6 entrants, 2,184 actions: over 90 s at q = 0.05), and the stalled point stands. */
#define AGENT_LOGIT_STALL_DENSE_MAX 1000
/* Largest number of player actions. */
#define AGENT_LOGIT_MAX_ACTIONS 1000000
/* Default step budget. */
#define AGENT_LOGIT_MAX_STEPS 20000
/* The early exact end of the branch (try_exact_early): tried every this many steps once
 * lambda x (payoff range) is at least AGENT_LOGIT_EXACT_FROM. */
#define AGENT_LOGIT_EXACT_EVERY 5
#define AGENT_LOGIT_EXACT_FROM 100.0
/* Rounding used to try an exact limit profile. */
#define AGENT_LOGIT_ROUND_TOL 1e-7


void brink_alogit_free(brink_alogit *m)
{
    if (!m)
        return;
    free(m->sigma);
    free(m->ly);
    free(m->lp);
    free(m->U);
    free(m->mu);
    free(m->Q);
    free(m->dlp);
    free(m->dU);
    free(m->dmu);
    free(m->dQ);
    free(m);
}

brink_alogit *brink_alogit_new(const brink_efg *g, brink_error *err)
{
    brink_alogit *m = brink_calloc(1, sizeof *m);
    if (!m) {
        brink_error_set(err, BRINK_ENOMEM, "agent-logit: out of memory");
        return NULL;
    }
    m->g = g;
    m->n = g->nplayers;
    m->N = g->nnodes;
    m->AP = g->player_action_start[g->nplayers];
    m->H = g->player_infoset_start[g->nplayers];
    size_t A = (size_t)g->nactions + 1, N = (size_t)g->nnodes, n = (size_t)g->nplayers;
    m->sigma = brink_calloc(A, sizeof(double));
    m->ly = brink_calloc(A, sizeof(double));
    m->lp = brink_calloc(N, sizeof(double));
    m->U = brink_calloc(N * n, sizeof(double));
    m->mu = brink_calloc(N, sizeof(double));
    m->Q = brink_calloc(A, sizeof(double));
    m->dlp = brink_calloc(N, sizeof(double));
    m->dU = brink_calloc(N * n, sizeof(double));
    m->dmu = brink_calloc(N, sizeof(double));
    m->dQ = brink_calloc(A, sizeof(double));
    if (!m->sigma || !m->ly || !m->lp || !m->U || !m->mu || !m->Q || !m->dlp || !m->dU ||
        !m->dmu || !m->dQ) {
        brink_alogit_free(m);
        brink_error_set(err, BRINK_ENOMEM, "agent-logit: out of memory");
        return NULL;
    }
    for (int a = m->AP; a < g->nactions; a++) {
        m->sigma[a] = g->action_prob[a];
        m->ly[a] = g->action_prob[a] > 0 ? log(g->action_prob[a]) : -INFINITY;
    }
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < (size_t)g->nleaves * n; k++) {
        lo = fmin(lo, g->leaf_pay[k]);
        hi = fmax(hi, g->leaf_pay[k]);
    }
    m->range = hi > lo ? hi - lo : 1.0;
    return m;
}

/* Values, log-reach, beliefs and Q at y (player actions). */
void brink_alogit_eval(brink_alogit *m, const double *y)
{
    const brink_efg *g = m->g;
    int n = m->n, N = m->N;
    for (int a = 0; a < m->AP; a++) {
        m->ly[a] = y[a];
        m->sigma[a] = exp(y[a]);
    }
    m->lp[0] = 0;
    for (int v = 1; v < N; v++)
        m->lp[v] = m->lp[g->node_parent[v]] + m->ly[g->node_action[v]];
    for (int v = 0; v < N; v++) {
        int l = g->node_leaf[v];
        for (int i = 0; i < n; i++)
            m->U[(size_t)v * n + i] = l >= 0 ? g->leaf_pay[(size_t)l * n + i] : 0;
    }
    for (int v = N - 1; v >= 1; v--) {
        int p = g->node_parent[v];
        double s = m->sigma[g->node_action[v]];
        for (int i = 0; i < n; i++)
            m->U[(size_t)p * n + i] += s * m->U[(size_t)v * n + i];
    }
    for (int h = 0; h < g->ninfosets; h++) {
        const int *mem = g->infoset_member + g->infoset_member_start[h];
        int nm = g->infoset_nmembers[h];
        double mx = -INFINITY, s = 0;
        for (int k = 0; k < nm; k++)
            mx = fmax(mx, m->lp[mem[k]]);
        for (int k = 0; k < nm; k++) {
            double w = isfinite(mx) ? exp(m->lp[mem[k]] - mx) : 1.0;
            m->mu[mem[k]] = w;
            s += w;
        }
        for (int k = 0; k < nm; k++)
            m->mu[mem[k]] /= s;
        if (h >= m->H)
            continue;
        int i = g->infoset_player[h], a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            double q = 0;
            for (int k = 0; k < nm; k++) {
                int c = brink_efg_child(g, mem[k], a);
                q += m->mu[mem[k]] * m->U[(size_t)c * n + i];
            }
            m->Q[a0 + a] = q;
        }
    }
}

/* dQ / dy_b (after brink_alogit_eval at the same point). */
static void tangent(brink_alogit *m, int b)
{
    const brink_efg *g = m->g;
    int n = m->n, N = m->N;
    m->dlp[0] = 0;
    for (int v = 1; v < N; v++)
        m->dlp[v] = m->dlp[g->node_parent[v]] + (g->node_action[v] == b);
    memset(m->dU, 0, (size_t)N * n * sizeof(double));
    for (int v = N - 1; v >= 1; v--) {
        int p = g->node_parent[v], a = g->node_action[v];
        double s = m->sigma[a];
        for (int i = 0; i < n; i++) {
            double d = s * m->dU[(size_t)v * n + i];
            if (a == b)
                d += s * m->U[(size_t)v * n + i];
            m->dU[(size_t)p * n + i] += d;
        }
    }
    for (int h = 0; h < m->H; h++) {
        const int *mem = g->infoset_member + g->infoset_member_start[h];
        int nm = g->infoset_nmembers[h];
        double mean = 0;
        for (int k = 0; k < nm; k++)
            mean += m->mu[mem[k]] * m->dlp[mem[k]];
        for (int k = 0; k < nm; k++)
            m->dmu[mem[k]] = m->mu[mem[k]] * (m->dlp[mem[k]] - mean);
        int i = g->infoset_player[h], a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            double dq = 0;
            for (int k = 0; k < nm; k++) {
                int c = brink_efg_child(g, mem[k], a);
                dq += m->dmu[mem[k]] * m->U[(size_t)c * n + i] +
                      m->mu[mem[k]] * m->dU[(size_t)c * n + i];
            }
            m->dQ[a0 + a] = dq;
        }
    }
}

/* H(y, lambda) into F[AP]. Needs brink_alogit_eval(y) first. */
static void residual(const brink_alogit *m, const double *y, double lambda, double *F)
{
    const brink_efg *g = m->g;
    for (int h = 0; h < m->H; h++) {
        int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
        double s = 0;
        for (int a = 0; a < na; a++)
            s += exp(y[a0 + a]);
        F[a0] = s - 1;
        for (int a = 1; a < na; a++)
            F[a0 + a] = y[a0 + a] - y[a0] - lambda * (m->Q[a0 + a] - m->Q[a0]);
    }
}

/* Linear algebra workspace. Dense: J is AP x (AP + 1), S is (AP + 1) x (AP + 1), row-major.
 * Sparse (sp set): the Jacobian and its factorisation live in sp; r and x as for dense. */
typedef struct la_ws {
    int n1;         /* AP + 1 */
    double *J, *S, *r, *x;
    al_sparse *sp;
    int oom;        /* a sparse solve ran out of memory */
    int factored_k; /* sparse: the corrector converged on factors of [J; e_k^T] with this k
                       (-1: none); the tangent there reuses them */
} la_ws;

#define JAC(w, i, j) ((w)->J[(size_t)(i) * (w)->n1 + (j)])
#define SQ(w, i, j) ((w)->S[(size_t)(i) * (w)->n1 + (j)])

/* Jacobian [dH/dy | dH/dlambda] into w->J. */
static void jacobian(brink_alogit *m, const double *y, double lambda, la_ws *w)
{

    const brink_efg *g = m->g;
    int AP = m->AP;
    if (w->sp) {
        al_sparse_jacobian(w->sp, m, y, lambda);
        return;
    }
    memset(w->J, 0, (size_t)AP * w->n1 * sizeof(double));
    for (int h = 0; h < m->H; h++) {
        int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
        for (int a = 0; a < na; a++)
            JAC(w, a0, a0 + a) = exp(y[a0 + a]);
        for (int a = 1; a < na; a++) {
            JAC(w, a0 + a, a0 + a) = 1.0;
            JAC(w, a0 + a, a0) = -1.0;
            JAC(w, a0 + a, AP) = -(m->Q[a0 + a] - m->Q[a0]);
        }
    }
    for (int b = 0; b < AP; b++) {
        tangent(m, b);
        for (int h = 0; h < m->H; h++) {
            int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
            for (int a = 1; a < na; a++)
                JAC(w, a0 + a, b) += -lambda * (m->dQ[a0 + a] - m->dQ[a0]);
        }
    }
}

int brink_alogit_jacobian_dense(brink_alogit *m, const double *y, double lambda, double *J)
{
    la_ws w;
    memset(&w, 0, sizeof w);
    w.n1 = m->AP + 1;
    w.J = J;
    brink_alogit_eval(m, y);
    jacobian(m, y, lambda, &w);
    return 0;
}

/* Solve S x = r in place (S destroyed) by LU with partial pivoting. -1 when singular. */
static int lu_solve(la_ws *w)
{
    int n = w->n1;
    double *r = w->r;
    for (int k = 0; k < n; k++) {
        int piv = k;
        double best = fabs(SQ(w, k, k));
        for (int i = k + 1; i < n; i++)
            if (fabs(SQ(w, i, k)) > best) {
                best = fabs(SQ(w, i, k));
                piv = i;
            }
        if (!(best > 0) || !isfinite(best))
            return -1;
        if (piv != k) {
            for (int j = 0; j < n; j++) {
                double t = SQ(w, k, j);
                SQ(w, k, j) = SQ(w, piv, j);
                SQ(w, piv, j) = t;
            }
            double t = r[k];
            r[k] = r[piv];
            r[piv] = t;
        }
        double d = SQ(w, k, k);
        for (int i = k + 1; i < n; i++) {
            double f = SQ(w, i, k) / d;
            if (f == 0)
                continue;
            double *ri = &SQ(w, i, 0), *rk = &SQ(w, k, 0);
            for (int j = k + 1; j < n; j++)
                ri[j] -= f * rk[j];
            r[i] -= f * r[k];
        }
    }
    for (int k = n - 1; k >= 0; k--) {
        double s = r[k];
        for (int j = k + 1; j < n; j++)
            s -= SQ(w, k, j) * w->x[j];
        w->x[k] = s / SQ(w, k, k);
        if (!isfinite(w->x[k]))
            return -1;
    }
    return 0;
}

/* Solve [J; c^T] x = r (J from jacobian(); r in w->r, x into w->x). Dense: c = row, or e_k
 * when row is NULL. Sparse: c = e_k always (a dense row would fill the factors: the sparse
 * path parametrises the curve locally by one coordinate, Rheinboldt 1980). -1 when singular
 * or out of memory (w->oom says which). */
static int aug_solve(la_ws *w, const double *row, int k)
{
    int AP = w->n1 - 1;
    if (w->sp) {
        int st = al_sparse_solve(w->sp, k, w->r, w->x);
        if (st == -2)
            w->oom = 1;
        return st ? -1 : 0;
    }
    memcpy(w->S, w->J, (size_t)AP * w->n1 * sizeof(double));
    for (int j = 0; j <= AP; j++)
        SQ(w, AP, j) = row ? row[j] : (j == k);
    return lu_solve(w);
}

/* The coordinate of largest magnitude (the local parameter of the sparse path). */
static int argmax_abs(const double *v, int n)
{
    int k = n - 1;
    for (int j = 0; j < n; j++)
        if (fabs(v[j]) > fabs(v[k]))
            k = j;
    return k;
}

/* Unit tangent at z = (y, lambda): null vector of J, oriented along `prev` (or lambda > 0). */
static int tangent_vector(brink_alogit *m, const double *z, const double *prev, double *t,
                          la_ws *w)
{
    int AP = m->AP, k = prev ? argmax_abs(prev, AP + 1) : AP;
    memset(w->r, 0, (size_t)w->n1 * sizeof(double));
    w->r[AP] = 1.0;
    /* sparse, right after the corrector converged here with the same last row: its factors
     * are of J at the point before its last (negligible) update, and are used as they are */
    int reused = w->sp && w->factored_k == k && al_sparse_resolve(w->sp, w->r, w->x) == 0;
    w->factored_k = -1;
    if (!reused) {
        brink_alogit_eval(m, z);
        jacobian(m, z, z[AP], w);
        /* the last row: prev (dense; then x.prev = 1 > 0), or e_k at prev's largest
         * coordinate (sparse; x.prev may come out negative and is turned round below) */
        if (aug_solve(w, prev, k) != 0)
            return -1;
    }
    double norm = 0, dot = 0;
    for (int j = 0; j <= AP; j++) {
        norm += w->x[j] * w->x[j];
        dot += prev ? w->x[j] * prev[j] : 0;
    }
    norm = sqrt(norm);
    if (!(norm > 0))
        return -1;
    if (dot < 0)
        norm = -norm;
    for (int j = 0; j <= AP; j++)
        t[j] = w->x[j] / norm;
    return 0;
}

static double max_abs(const double *v, int n)
{
    double m = 0;
    for (int k = 0; k < n; k++)
        m = fmax(m, fabs(v[k]));
    return m;
}

/* Newton on H(z) = 0 with one extra equation: t.(z - zp) = 0 (fixed_lambda < 0; on the
 * sparse path z_k = zp_k at t's largest coordinate k instead) or lambda = fixed_lambda.
 * Returns iterations used, or -1 without convergence. */
static int correct(brink_alogit *m, double *z, const double *zp, const double *t,
                   double fixed_lambda, double tol, la_ws *w, double *F)
{
    int AP = m->AP;
    int k = fixed_lambda < 0 && w->sp ? argmax_abs(t, AP + 1) : AP;
    /* Sparse: a chord (Shamanskii) corrector. The Jacobian and its factors are made at the
     * first iterate and reused while the Newton-like steps contract at least twofold; a step
     * that contracts less is thrown away and that iteration is done with a fresh Jacobian.
     * On big trees a Jacobian and its factorisation cost far more than a residual and a
     * solve (Allgower and Georg, Numerical Continuation Methods, 1990, sec. 10.3). Dense:
     * plain Newton. */
    int chord = w->sp != NULL, have = 0, maxit = w->sp ? 30 : 12;
    double prev_step = INFINITY;
    w->factored_k = -1;
    for (int it = 1; it <= maxit; it++) {
        brink_alogit_eval(m, z);
        residual(m, z, z[AP], F);
        double extra = 0;
        if (fixed_lambda >= 0)
            extra = z[AP] - fixed_lambda;
        else if (w->sp)
            extra = z[k] - zp[k];
        else
            for (int j = 0; j <= AP; j++)
                extra += t[j] * (z[j] - zp[j]);
        for (int i = 0; i < AP; i++)
            w->r[i] = -F[i];
        w->r[AP] = -extra;
        int solved = 0;
        double step = 0;
        if (chord && have) {
            int rs = al_sparse_resolve(w->sp, w->r, w->x);
            if (rs == -2) {
                w->oom = 1;
                return -1;
            }
            if (rs == 0) {
                for (int j = 0; j <= AP; j++)
                    step = fmax(step, fabs(w->x[j]));
                solved = isfinite(step) && step <= 0.5 * prev_step;
            }
        }
        if (!solved) {
            jacobian(m, z, z[AP], w);
            if (aug_solve(w, fixed_lambda < 0 ? t : NULL, k) != 0)
                return -1;
            have = 1;
            step = 0;
            for (int j = 0; j <= AP; j++)
                step = fmax(step, fabs(w->x[j]));
        }
        for (int j = 0; j <= AP; j++)
            z[j] += w->x[j];
        if (!isfinite(step) || step > 1e6)
            return -1;
        prev_step = step;
        /* relative to the size of z: at large lambda log-probabilities are large */
        double scale = fmax(1.0, max_abs(z, AP + 1));
        if (step < tol * scale) {
            brink_alogit_eval(m, z);
            residual(m, z, z[AP], F);
            if (max_abs(F, AP) < 1e3 * tol * scale) {
                w->factored_k = k;
                return it;
            }
        }
    }
    return -1;
}

/* Behaviour profile (all actions) at the current evaluation point. */
static void current_behav(const brink_alogit *m, double *behav)
{
    const brink_efg *g = m->g;
    for (int h = 0; h < m->H; h++) { /* renormalise away the corrector's last rounding */
        int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
        double s = 0;
        for (int a = 0; a < na; a++)
            s += m->sigma[a0 + a];
        for (int a = 0; a < na; a++)
            behav[a0 + a] = m->sigma[a0 + a] / s;
    }
    for (int a = m->AP; a < g->nactions; a++)
        behav[a] = g->action_prob[a];
}

static double nashconv_of(const brink_alogit *m, double *behav, double *val, double *br)
{
    const brink_efg *g = m->g;
    current_behav(m, behav);
    brink_efg_values(g, behav, val);
    if (brink_efg_best_response_values(g, behav, br, NULL) != BRINK_OK)
        return INFINITY;
    double s = 0;
    for (int i = 0; i < m->n; i++)
        s += fmax(0, br[i] - val[i]);
    return s;
}

/* Largest conditional gain from deviating at any information set, given the beliefs of the
 * current point (behav from nashconv_of); INFINITY when the check fails. bel: [N] scratch. */
static double sequential_regret(const brink_alogit *m, const double *behav, double *bel)
{
    const brink_efg *g = m->g;
    for (int v = 0; v < m->N; v++)
        bel[v] = g->node_infoset[v] >= 0 ? m->mu[v] : 0;
    brink_profile pr;
    memset(&pr, 0, sizeof pr);
    pr.kind = BRINK_PROFILE_BEHAV;
    pr.n = g->nactions;
    pr.p = (double *)behav;
    pr.belief = bel;
    pr.nbelief = m->N;
    pr.lambda = NAN;
    brink_assessment_report rep;
    if (brink_verify_assessment(g, &pr, 1e-9, &rep, NULL) != BRINK_OK)
        return INFINITY;
    return rep.max_regret;
}

/* Append the current point as a profile (behaviour, beliefs, lambda). */
static brink_status emit(const brink_alogit *m, double lambda, brink_profile_list *out,
                         brink_error *err)
{
    brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_BEHAV, m->g->nactions, 0, err);
    if (!pr)
        return BRINK_ENOMEM;
    current_behav(m, pr->p);
    pr->lambda = lambda;
    pr->belief = brink_calloc((size_t)m->N, sizeof *pr->belief);
    if (!pr->belief)
        return brink_error_set(err, BRINK_ENOMEM, "agent-logit: out of memory");
    pr->nbelief = m->N;
    for (int v = 0; v < m->N; v++)
        pr->belief[v] = m->g->node_infoset[v] >= 0 ? m->mu[v] : 0;
    return BRINK_OK;
}

/* Round a limit profile to simple fractions (continued fractions, coarsest tolerance first)
 * and keep the exact version if it passes the exact equilibrium check. */
static int exact_beliefs(const brink_efg *g, brink_profile *pr);

static void try_exact(const brink_efg *g, brink_profile *pr)
{
    static const double tols[] = {1e-3, 1e-4, 1e-5, 1e-6, AGENT_LOGIT_ROUND_TOL};
    brink_profile_list tmp;
    brink_profile_list_init(&tmp);
    brink_profile *q = brink_profile_list_add(&tmp, BRINK_PROFILE_BEHAV, g->nactions, 1, NULL);
    if (!q) {   /* the list's own array may be there already */
        brink_profile_list_free(&tmp);
        return;
    }
    mpq_t s, one;
    mpq_init(s);
    mpq_init(one);
    mpq_set_ui(one, 1, 1);
    int H = g->player_infoset_start[g->nplayers];
    double pay = 0;
    for (size_t k = 0; k < (size_t)g->nleaves * g->nplayers; k++)
        pay = fmax(pay, fabs(g->leaf_pay[k]));
    double gain_tol = fmax(1e-9, 1e-14 * (brink_efg_max_depth(g) + 1.0)) * fmax(pay, 1e-300);
    for (size_t k = 0; k < sizeof tols / sizeof tols[0]; k++) {
        int ok = 1;
        for (int h = 0; h < H && ok; h++) {
            int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
            mpq_set_ui(s, 0, 1);
            for (int a = 0; a < na - 1; a++) {
                brink_q_from_double_approx(q->q[a0 + a], pr->p[a0 + a], tols[k]);
                mpq_add(s, s, q->q[a0 + a]);
            }
            mpq_sub(q->q[a0 + na - 1], one, s); /* exact sum 1 */
            if (mpq_sgn(q->q[a0 + na - 1]) < 0)
                ok = 0;
        }
        if (!ok)
            continue;
        for (int a = g->player_action_start[g->nplayers]; a < g->nactions; a++)
            mpq_set(q->q[a], g->action_probq[a]);
        brink_profile_sync_doubles(q);
        /* the doubles first: a gain well above their rounding error (values are convex
         * combinations of payoffs: a few ulps of the largest per level of the tree, far below
         * gain_tol) is a
         * gain in rationals too, and the exact check, which costs far more, would only
         * confirm it (most roundings tried on the way to the limit fail so) */
        if (brink_verify_efg(g, q, 0, NULL) != BRINK_OK || !(q->max_regret <= gain_tol))
            continue;
        if (brink_verify_efg(g, q, 1, NULL) == BRINK_OK && q->verified == 1) {
            /* the rounded point stands only when it is an assessment too (sequentially
             * rational with Bayes-consistent beliefs): rounding off-path play can break what
             * the floating-point point met to the tolerance */
            pr->q = q->q;
            q->q = NULL;
            double *keep = pr->p;
            pr->p = q->p;
            q->p = keep;
            int assessed = pr->belief == NULL;
            if (!assessed && exact_beliefs(g, pr) == 0) {
                brink_assessment_report rep;
                assessed = brink_verify_assessment(g, pr, 0, &rep, NULL) == BRINK_OK &&
                           rep.exact && rep.consistent && rep.sequentially_rational;
            }
            if (assessed)
                break;
            /* back to the floating-point point */
            q->q = pr->q;
            pr->q = NULL;
            keep = pr->p;
            pr->p = q->p;
            q->p = keep;
            if (pr->beliefq) {
                brink_q_array_free(pr->beliefq, (size_t)pr->nbelief);
                pr->beliefq = NULL;
            }
        }
    }
    mpq_clear(s);
    mpq_clear(one);
    brink_profile_list_free(&tmp);
}

static int try_exact_early(brink_alogit *m, double lambda, mpq_t *prevq, int *have_prev,
                           brink_profile_list *out, brink_error *err);

brink_status brink_agent_logit_trace(const brink_efg *g, const brink_solve_options *o,
                                     brink_alogit_visit visit, void *ctx,
                                     brink_profile_list *out, brink_error *err)
{
    int before = out ? out->count : 0;
    double t0 = brink_now();
    brink_status st = brink_agent_logit_trace_la(g, o, visit, ctx, out, 0, err);
    int AP = g->player_action_start[g->nplayers];
    /* the sparse path failed to follow the branch on a game the dense one can hold (payoffs
     * of very different sizes), or stopped where its steps underflowed short of the
     * tolerance (not at a user's step or time limit: the chain store with 5 entrants at
     * q = 0.45, where its local parametrisation stalls): the dense path, with its arclength
     * steps, tries again in what is left of the time limit */
    int stalled = st == BRINK_OK && out && out->count > before && out->stats.stopped_at_limit &&
                  !out->stats.budget_exhausted &&
                  !(o && o->time_limit > 0 && brink_now() - t0 >= o->time_limit);
    if ((st == BRINK_ENOCONVERGE || st == BRINK_EINTERNAL ||
         (stalled && AP <= AGENT_LOGIT_STALL_DENSE_MAX)) &&
        AP > AGENT_LOGIT_DENSE_MAX && AP <= AGENT_LOGIT_DENSE_FALLBACK) {
        while (out && out->count > before)
            brink_profile_clear(&out->items[--out->count]);
        if (out)
            out->stats.stopped_at_limit = 0;
        brink_solve_options left;
        if (o) {
            left = *o;
            if (o->time_limit > 0)
                left.time_limit = fmax(o->time_limit - (brink_now() - t0), 1e-3);
        }
        st = brink_agent_logit_trace_la(g, o ? &left : NULL, visit, ctx, out, 1, err);
    }
    return st;
}

brink_status brink_agent_logit_trace_la(const brink_efg *g, const brink_solve_options *o,
                                        brink_alogit_visit visit, void *ctx,
                                        brink_profile_list *out, int la, brink_error *err)
{
    brink_alogit *m = brink_alogit_new(g, err);
    if (!m)
        return err ? err->code : BRINK_ENOMEM;
    int AP = m->AP, n1 = AP + 1;
    brink_status st = BRINK_OK;
    if (AP > AGENT_LOGIT_MAX_ACTIONS) {
        brink_alogit_free(m);
        return brink_error_set(err, BRINK_ETOOBIG,
                               "agent-logit: %d player actions exceed the limit of %d; use a "
                               "CFR method", AP, AGENT_LOGIT_MAX_ACTIONS);
    }
    int sparse = la == 2 || (la == 0 && AP > AGENT_LOGIT_DENSE_MAX);
    la_ws w;
    memset(&w, 0, sizeof w);
    w.n1 = n1;
    w.factored_k = -1;
    if (sparse) {
        w.sp = al_sparse_new(m);
    } else {
        w.J = brink_calloc((size_t)AP * n1 + 1, sizeof(double));
        w.S = brink_calloc((size_t)n1 * n1, sizeof(double));
    }
    w.r = brink_calloc((size_t)n1, sizeof(double));
    w.x = brink_calloc((size_t)n1, sizeof(double));
    double *z = brink_calloc((size_t)n1, sizeof *z), *zp = brink_calloc((size_t)n1, sizeof *zp);
    double *zs = brink_calloc((size_t)n1, sizeof *zs);
    double *t = brink_calloc((size_t)n1, sizeof *t), *tn = brink_calloc((size_t)n1, sizeof *tn);
    double *F = brink_calloc((size_t)n1, sizeof *F);
    double *behav = brink_calloc((size_t)g->nactions + 1, sizeof *behav);
    double *val = brink_calloc((size_t)m->n, sizeof *val), *br = brink_calloc((size_t)m->n, sizeof *br);
    double *bel = brink_calloc((size_t)m->N + 1, sizeof *bel);
    mpq_t *prevq = brink_q_array_new((size_t)g->nactions + 1);   /* the last early rounding */
    int have_prev = 0;
    double t0 = brink_now();
    if ((sparse ? !w.sp : !w.J || !w.S) || !w.r || !w.x || !z || !zp || !zs || !t || !tn || !F || !behav || !val ||
        !br || !bel || !prevq) {
        st = brink_error_set(err, BRINK_ENOMEM, "agent-logit: out of memory");
        goto out;
    }
    double target = o ? o->lambda : NAN;
    int limit = !isfinite(target);
    double tol = 1e-10;
    double stop_nc = AGENT_LOGIT_LIMIT_NASHCONV * m->range;
    if (o && o->tolerance > 0 && o->tolerance * m->range > stop_nc)
        stop_nc = o->tolerance * m->range;
    double max_lambda = AGENT_LOGIT_MAX_LAMBDA / m->range;
    long max_steps = o && o->max_iterations > 0 ? o->max_iterations : AGENT_LOGIT_MAX_STEPS;
    if (limit && out)
        out->stats.tolerance = stop_nc;   /* the limit's stopping rule (payoff units) */

    /* lambda = 0: uniform play */
    for (int h = 0; h < m->H; h++) {
        int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
        for (int a = 0; a < na; a++)
            z[a0 + a] = -log((double)na);
    }
    z[AP] = 0;
    if (!limit && target <= 0) {
        brink_alogit_eval(m, z);
        st = emit(m, 0, out, err);
        goto out;
    }
    if (tangent_vector(m, z, NULL, t, &w) != 0) {
        st = w.oom ? brink_error_set(err, BRINK_ENOMEM, "agent-logit: out of memory")
                   : brink_error_set(err, BRINK_EINTERNAL,
                                     "agent-logit: singular Jacobian at lambda 0");
        goto out;
    }
    if (t[AP] < 0)
        for (int j = 0; j < n1; j++)
            t[j] = -t[j];
    double hstep = 0.03;
    long steps = 0;
    int done = 0;
    if (o && o->want_path) {
        brink_alogit_eval(m, z);
        st = emit(m, 0, out, err);
    }
    while (st == BRINK_OK && !done) {
        if (steps >= max_steps ||
            (o && o->time_limit > 0 && brink_now() - t0 > o->time_limit)) {
            /* a user's limit: the point reached is the result, flagged as such */
            brink_alogit_eval(m, z);
            st = emit(m, z[AP], out, err);
            if (st == BRINK_OK && limit)
                try_exact(g, &out->items[out->count - 1]);
            if (out) {
                out->stats.stopped_at_limit = 1;
                out->stats.budget_exhausted = steps >= max_steps;
            }
            break;
        }
        for (int j = 0; j < n1; j++)
            zp[j] = z[j] + hstep * t[j];
        memcpy(zs, zp, (size_t)n1 * sizeof *zs);
        int its = correct(m, zs, zp, t, -1, tol, &w, F);
        double dist = 0;
        for (int j = 0; j < n1 && its > 0; j++)
            dist = fmax(dist, fabs(zs[j] - zp[j]));
        int bad = its < 0 || dist > 0.5 * hstep + 1e-12 || tangent_vector(m, zs, t, tn, &w) != 0;
        if (!bad && !w.oom) {
            /* a corrector that lands on another sheet of the solution set (the local
             * parametrisation's hyperplane can cut the curve twice) shows as a step that goes
             * back along the tangent, a tangent that turns by more than 60 degrees, or a
             * negative lambda (the branch starts at the only QRE of lambda = 0 and cannot
             * return there): a smaller step instead (Allgower and Georg, sec. 6.1) */
            double turn = 0, adv = 0;
            for (int j = 0; j < n1; j++) {
                turn += t[j] * tn[j];
                adv += t[j] * (zs[j] - z[j]);
            }
            bad = zs[AP] < 0 || !(adv > 0) || !(turn > 0.5);
        }
        if (bad) {
            if (w.oom) {   /* a failed factorisation, not a hard step: no smaller step helps */
                st = brink_error_set(err, BRINK_ENOMEM, "agent-logit: out of memory");
                break;
            }
            hstep *= 0.5;
            if (hstep < 1e-12 * fmax(1.0, z[AP])) {
                if (!limit && steps > 0) {
                    /* short of the requested lambda: the point reached, flagged */
                    brink_alogit_eval(m, z);
                    if (out)
                        out->stats.stopped_at_limit = 1;
                    st = emit(m, z[AP], out, err);
                    break;
                }
                if (limit && steps > 0) {
                    /* the branch cannot be followed further (typically a continuum of
                     * equilibria at the end): return the last point, NashConv tells how
                     * close it is */
                    brink_alogit_eval(m, z);
                    double nc = nashconv_of(m, behav, val, br);
                    if (out && !(nc <= stop_nc && sequential_regret(m, behav, bel) <= stop_nc))
                        out->stats.stopped_at_limit = 1; /* short of the tolerance: say so */
                    st = emit(m, z[AP], out, err);
                    if (st == BRINK_OK)
                        try_exact(g, &out->items[out->count - 1]);
                    break;
                }
                st = brink_error_set(err, BRINK_ENOCONVERGE,
                                     "agent-logit: step size underflow at lambda %.6g", z[AP]);
                break;
            }
            continue;
        }
        steps++;
        /* crossed the requested lambda: settle exactly on it */
        if (!limit && zs[AP] >= target) {
            double f = (target - z[AP]) / (zs[AP] - z[AP]);
            for (int j = 0; j < n1; j++)
                zp[j] = z[j] + f * (zs[j] - z[j]);
            memcpy(zs, zp, (size_t)n1 * sizeof *zs);
            zs[AP] = target;
            if (correct(m, zs, zp, t, target, tol, &w, F) < 0) {
                st = w.oom ? brink_error_set(err, BRINK_ENOMEM, "agent-logit: out of memory")
                           : brink_error_set(err, BRINK_ENOCONVERGE,
                                             "agent-logit: corrector failed at lambda %.6g",
                                             target);
                break;
            }
            brink_alogit_eval(m, zs);
            st = emit(m, target, out, err);
            break;
        }
        memcpy(z, zs, (size_t)n1 * sizeof *z);
        memcpy(t, tn, (size_t)n1 * sizeof *t);
        brink_alogit_eval(m, z);
        double nc = nashconv_of(m, behav, val, br);
        if (visit && visit(ctx, m, z, z[AP], nc)) {
            done = 1;
        }
        if (o && o->want_path && !done) {
            st = emit(m, z[AP], out, err);
            if (st != BRINK_OK)
                break;
        }
        if (o && o->progress && steps % 20 == 0) {
            char what[96];
            snprintf(what, sizeof what, "agent-logit: lambda %.4g, NashConv %.3g", z[AP], nc);
            if (o->progress(o->progress_ctx, fmin(1.0, log1p(z[AP]) / log1p(max_lambda)), what))
                break;
        }
        /* every AGENT_LOGIT_EXACT_EVERY steps once choices are sharp: the exact checks */
        if (limit && out && steps % AGENT_LOGIT_EXACT_EVERY == 0 &&
            z[AP] * m->range >= AGENT_LOGIT_EXACT_FROM) {
            int e = try_exact_early(m, z[AP], prevq, &have_prev, out, err);
            if (e < 0) {
                st = brink_error_set(err, BRINK_ENOMEM, "agent-logit: out of memory");
                break;
            }
            if (e > 0) {
                done = 1;
                break;
            }
        }
        int met = limit && nc <= stop_nc && sequential_regret(m, behav, bel) <= stop_nc;
        if (limit && (met || z[AP] >= max_lambda)) {
            if (!met && out) /* the method's own lambda limit before the tolerance: say so */
                out->stats.stopped_at_limit = 1;
            st = emit(m, z[AP], out, err);
            if (st == BRINK_OK)
                try_exact(g, &out->items[out->count - 1]);
            done = 1;
        }
        /* the chord corrector (sparse) takes more, cheaper iterations than Newton */
        if (its <= (w.sp ? 5 : 3))
            hstep = fmin(hstep * 1.5, 1.0 + 0.5 * z[AP] * m->range); /* y ~ lambda range */
        else if (its >= (w.sp ? 10 : 6))
            hstep *= 0.7;
    }
    if (out)
        out->stats.iterations = steps;
out:
    free(w.J);
    free(w.S);
    al_sparse_free(w.sp);
    free(w.r);
    free(w.x);
    free(z);
    free(zp);
    free(zs);
    free(t);
    free(tn);
    free(F);
    free(behav);
    free(val);
    free(br);
    free(bel);
    if (prevq)
        brink_q_array_free(prevq, (size_t)g->nactions + 1);
    brink_alogit_free(m);
    return st;
}

/* Beliefs for the exact profile pr->q (after try_exact), as consistency (Kreps and Wilson
 * 1982) asks within one information set. A member's reach by the others (chance and the other
 * players; perfect recall makes the owner's own moves alike at every member) is a product of
 * positive probabilities times the trembles of its zero-probability moves, one tremble per
 * action. A member whose zero moves strictly contain another member's gets 0 (its reach
 * vanishes faster); members with the same zero moves share those trembles, so Bayes' rule on
 * their positive parts fixes their ratio (with no zero moves: the usual posterior on the
 * path; after a common deviation: Bayes inside the subtree it starts). Only the weight of
 * each such group against groups with other zero moves is free: the path's, rounded to
 * simple fractions summing to one. -1 OOM. */
static int zero_moves_within(const int *a, int na, const int *b, int nb)   /* a in b, sorted */
{
    int j = 0;
    for (int k = 0; k < na; k++) {
        while (j < nb && b[j] < a[k])
            j++;
        if (j == nb || b[j] != a[k])
            return 0;
        j++;
    }
    return 1;
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

static int exact_beliefs(const brink_efg *g, brink_profile *pr)
{
    int N = g->nnodes, H = g->player_infoset_start[g->nplayers];
    if (pr->beliefq)   /* made before (try_exact): made again for this rounding */
        brink_q_array_free(pr->beliefq, (size_t)pr->nbelief);
    pr->beliefq = brink_q_array_new((size_t)N);   /* chance sets too: Bayes on every move */
    int maxm = 1;
    for (int h = 0; h < g->ninfosets; h++)
        if (g->infoset_nmembers[h] > maxm)
            maxm = g->infoset_nmembers[h];
    /* per member: its zero moves (sorted action ids, from zs[k]), their count, its group
     * (-1: it vanishes) */
    size_t cap = 0, *zs = calloc((size_t)maxm, sizeof *zs);
    int *zero = NULL, *nzero = calloc((size_t)maxm, sizeof *nzero);
    int *grp = calloc((size_t)maxm, sizeof *grp);
    if (!pr->beliefq || !zs || !nzero || !grp) {
        free(zs);
        free(nzero);
        free(grp);
        return -1;
    }
    mpq_t r, sum, w, left;
    mpq_inits(r, sum, w, left, NULL);
    for (int h = 0; h < g->ninfosets; h++) {
        const int *mem = g->infoset_member + g->infoset_member_start[h];
        int nm = g->infoset_nmembers[h], i = h < H ? g->infoset_player[h] : -1;
        size_t need = 0;   /* first the count of zero moves, then the moves */
        for (int k = 0; k < nm; k++) {
            zs[k] = need;
            for (int v = mem[k]; v > 0; v = g->node_parent[v]) {
                int a = g->node_action[v], hp = g->node_infoset[g->node_parent[v]];
                if ((hp >= H || g->infoset_player[hp] != i) &&
                    !mpq_sgn(a >= g->player_action_start[g->nplayers] ? g->action_probq[a]
                                                                      : pr->q[a]))
                    need++;
            }
        }
        if (need > cap) {
            int *nz = realloc(zero, need * sizeof *zero);
            if (!nz) {
                free(zero);
                free(zs);
                free(nzero);
                free(grp);
                mpq_clears(r, sum, w, left, NULL);
                return -1;
            }
            zero = nz;
            cap = need;
        }
        for (int k = 0; k < nm; k++) {
            int *z = need ? zero + zs[k] : NULL;   /* no zero moves: nothing to write */
            nzero[k] = 0;
            mpq_set_ui(r, 1, 1);
            for (int v = mem[k]; v > 0; v = g->node_parent[v]) {
                int a = g->node_action[v], hp = g->node_infoset[g->node_parent[v]];
                if (hp < H && g->infoset_player[hp] == i)
                    continue;   /* the owner's own move */
                const mpq_t *p = a >= g->player_action_start[g->nplayers] ? &g->action_probq[a]
                                                                         : &pr->q[a];
                if (mpq_sgn(*p))
                    mpq_mul(r, r, *p);
                else
                    z[nzero[k]++] = a;
            }
            if (nzero[k] > 1)
                qsort(z, (size_t)nzero[k], sizeof *z, cmp_int);
            mpq_set(pr->beliefq[mem[k]], r);
        }
        /* groups of members with the same zero moves, none strictly inside another's */
        int ngrp = 0;
        for (int k = 0; k < nm; k++) {
            const int *zk = nzero[k] ? zero + zs[k] : NULL;
            grp[k] = -2;
            for (int j = 0; j < nm && grp[k] == -2; j++)
                if (nzero[j] < nzero[k] &&
                    (!nzero[j] || zero_moves_within(zero + zs[j], nzero[j], zk, nzero[k])))
                    grp[k] = -1;
            for (int j = 0; j < k && grp[k] == -2; j++)
                if (grp[j] >= 0 && nzero[j] == nzero[k] &&
                    (!nzero[k] || !memcmp(zero + zs[j], zk, (size_t)nzero[k] * sizeof *zk)))
                    grp[k] = grp[j];
            if (grp[k] == -2)
                grp[k] = ngrp++;
        }
        /* each group: its weight (the whole, or the path's rounded), shared by Bayes' rule */
        mpq_set_ui(left, 1, 1);
        for (int c = 0; c < ngrp; c++) {
            double wd = 0;
            mpq_set_ui(sum, 0, 1);
            for (int k = 0; k < nm; k++)
                if (grp[k] == c) {
                    mpq_add(sum, sum, pr->beliefq[mem[k]]);
                    wd += pr->belief[mem[k]];
                }
            if (c == ngrp - 1)
                mpq_set(w, left);   /* the last group: one minus the others */
            else
                brink_q_from_double_approx(w, wd, 1e-6);
            mpq_sub(left, left, w);
            for (int k = 0; k < nm; k++)
                if (grp[k] == c) {
                    mpq_div(pr->beliefq[mem[k]], pr->beliefq[mem[k]], sum);
                    mpq_mul(pr->beliefq[mem[k]], pr->beliefq[mem[k]], w);
                }
        }
        for (int k = 0; k < nm; k++)
            if (grp[k] < 0)
                mpq_set_ui(pr->beliefq[mem[k]], 0, 1);
    }
    mpq_clears(r, sum, w, left, NULL);
    free(zero);
    free(zs);
    free(nzero);
    free(grp);
    for (int v = 0; v < N; v++)
        pr->belief[v] = brink_q_get_d(pr->beliefq[v]);
    return 0;
}

/* An early end of the branch: the current point, rounded to simple fractions, is emitted when
 * it passes the exact checks, as a Nash equilibrium and as an assessment (sequentially
 * rational at every information set, beliefs consistent on the path). The path may crawl
 * for thousands of steps toward a limit it has already shown (a reputation game's weak
 * type mixing at 1/2): the exact checks, not the distance, decide. 1 emitted, 0 not (out
 * unchanged), -1 OOM. */
static int try_exact_early(brink_alogit *m, double lambda, mpq_t *prevq, int *have_prev,
                           brink_profile_list *out, brink_error *err)
{
    if (emit(m, lambda, out, err))
        return -1;
    brink_profile *pr = &out->items[out->count - 1];
    try_exact(m->g, pr);
    int ok = 0, stable = 0, A = m->g->nactions;
    if (pr->q) {
        /* the same rounding at the previous try: the branch has settled on it (a point of
         * a continuum the branch is still crossing rounds differently each time) */
        stable = *have_prev;
        for (int a = 0; a < A && stable; a++)
            stable = mpq_equal(prevq[a], pr->q[a]);
        for (int a = 0; a < A; a++)
            mpq_set(prevq[a], pr->q[a]);
        *have_prev = 1;
    } else {
        *have_prev = 0;
    }
    if (stable) {
        if (exact_beliefs(m->g, pr))
            return -1;
        brink_assessment_report rep;
        brink_error local;
        brink_error_clear(&local);
        ok = brink_verify_assessment(m->g, pr, 0, &rep, &local) == BRINK_OK && rep.exact &&
             rep.consistent && rep.sequentially_rational;
        if (!ok && local.code == BRINK_ENOMEM)
            return -1;
    }
    if (!ok) {
        brink_profile_clear(pr);
        out->count--;
    }
    return ok;
}

const double *brink_alogit_sigma(const brink_alogit *m)
{
    return m->sigma;
}

static brink_status agent_logit_solve(const brink_efg *g, const brink_solve_options *o,
                                      brink_profile_list *out, brink_error *err)
{
    return brink_agent_logit_trace(g, o, NULL, NULL, out, err);
}

const brink_solver brink_solver_agent_logit = {
    .name = "agent-logit",
    .summary = "agent logit QRE path of an extensive game (McKelvey-Palfrey 1998), traced "
               "from lambda 0; N players",
    .guarantee = "with --lambda: the agent QRE on the principal branch at that lambda, with "
                 "its beliefs; without: the branch followed until NashConv and every "
                 "conditional gain at an information set are below 1e-8 x payoff range "
                 "(limit points are sequential equilibria; each profile's own check is "
                 "printed with it), made exact when the rounded profile passes the exact "
                 "check; ended earlier when a point of the branch, rounded to simple "
                 "fractions, passes the exact checks as a Nash equilibrium and as an "
                 "assessment (sequentially rational, beliefs Bayes-consistent)",
    .flags = BRINK_SOLVER_EFG | BRINK_SOLVER_APPROX | BRINK_SOLVER_BELIEFS | BRINK_SOLVER_QRE,
    .solve_nfg = NULL,
    .solve_efg = agent_logit_solve,
};
