/* nfgpolish.c — Newton's method on the equilibrium equations of a support (see nfgpolish.h).
 *
 * Unknowns: the probabilities of the support strategies and each player's value v_i.
 * Equations: u_a(p) = v_i for every support strategy a of player i, and each player's support
 * probabilities sum to one. Square, so Newton applies directly; the Jacobian entries are the
 * payoff derivatives of nfgderiv.c. When the Jacobian is singular (equivalent strategies, a
 * continuum of equilibria on the support: common in reduced strategic forms) the step is the
 * Levenberg-Marquardt one, (J'J + mu I) dx = -J'F with a tiny mu, which heads for the nearest
 * solution of the underdetermined system. The result is accepted only if it is a profile (no
 * negative probability beyond rounding) with NashConv at most tol.
 */
#include "solve/polish/nfgpolish.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "solve/linalg/dlu.h"
#include "solve/polish/nfgderiv.h"

#define NFG_POLISH_ITERS 30 /* Newton iterations (quadratic convergence needs few) */

double nfg_payoff_range(const brink_nfg *g)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < g->ncells * (size_t)g->nplayers; i++) {
        lo = fmin(lo, g->pay[i]);
        hi = fmax(hi, g->pay[i]);
    }
    return hi > lo ? hi - lo : 1;
}

double nfg_nashconv(const brink_nfg *g, const double *p, const double *u)
{
    double nc = 0;
    for (int i = 0; i < g->nplayers; i++) {
        double ev = 0, best = -INFINITY;
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++) {
            ev += p[a] * u[a];
            best = fmax(best, u[a]);
        }
        nc += fmax(best - ev, 0);
    }
    return nc;
}

int nfg_polish_support(const brink_nfg *g, const double *p0, const unsigned char *in,
                       double tol, double *out)
{
    int n = g->total_strats, N = g->nplayers;
    double range = nfg_payoff_range(g);
    int K = 0, *idx = malloc(sizeof(int) * (size_t)(n + N)); /* unknown -> strategy or -1-i */
    int *pos = malloc(sizeof(int) * (size_t)n);              /* strategy -> unknown or -1 */
    double *x = malloc(sizeof(double) * (size_t)(n + N));
    double *F = malloc(sizeof(double) * (size_t)(n + N));
    double *dx = malloc(sizeof(double) * (size_t)(n + N));
    double *J = malloc(sizeof(double) * (size_t)(n + N) * (n + N));
    double *JJ = malloc(sizeof(double) * (size_t)(n + N) * (n + N)); /* J'J, or a copy of J */
    double *g_ = malloc(sizeof(double) * (size_t)(n + N));
    double *pp = malloc(sizeof(double) * (size_t)n), *uu = malloc(sizeof(double) * (size_t)n);
    double *dd = malloc(sizeof(double) * (size_t)n * n);
    int *perm = malloc(sizeof(int) * (size_t)(n + N));
    int ok = 0;
    if (!idx || !pos || !x || !F || !dx || !J || !pp || !uu || !dd || !perm || !JJ || !g_)
        goto out;
    for (int i = 0; i < N; i++) {
        double s = 0;
        int cnt = 0;
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++) {
            pos[a] = -1;
            if (in[a]) {
                pos[a] = K;
                idx[K++] = a;
                s += p0[a];
                cnt++;
            }
        }
        if (cnt == 0)
            goto out; /* every player needs a support */
        /* start from p0 on the support (uniform there if p0 gives it no weight) */
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
            pp[a] = pos[a] < 0 ? 0 : s > 0 ? p0[a] / s : 1.0 / cnt;
    }
    int ns = K;
    for (int i = 0; i < N; i++)
        idx[K++] = -1 - i; /* v_i */
    for (int k = 0; k < ns; k++)
        x[k] = pp[idx[k]];
    nfg_payoff_derivs(g, pp, uu, NULL);
    for (int i = 0; i < N; i++) {
        double ev = 0;
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
            ev += pp[a] * uu[a];
        x[ns + i] = ev;
    }
    for (int it = 0; it < NFG_POLISH_ITERS; it++) {
        for (int a = 0; a < n; a++)
            pp[a] = pos[a] >= 0 ? x[pos[a]] : 0;
        nfg_payoff_derivs(g, pp, uu, dd);
        /* rows: u_a - v_i for a in the support (row k), sum of player i (row ns + i) */
        double fmax_ = 0;
        memset(J, 0, sizeof(double) * (size_t)K * K);
        for (int k = 0; k < ns; k++) {
            int a = idx[k], i = 0;
            while (a >= g->strat_offset[i + 1])
                i++;
            F[k] = uu[a] - x[ns + i];
            for (int c = 0; c < ns; c++)
                J[(size_t)k * K + c] = dd[(size_t)a * n + idx[c]];
            J[(size_t)k * K + ns + i] = -1;
        }
        for (int i = 0; i < N; i++) {
            double s = -1;
            for (int c = 0; c < ns; c++)
                if (idx[c] >= g->strat_offset[i] && idx[c] < g->strat_offset[i + 1]) {
                    s += x[c];
                    J[(size_t)(ns + i) * K + c] = 1;
                }
            F[ns + i] = s;
        }
        for (int k = 0; k < K; k++)
            fmax_ = fmax(fmax_, fabs(F[k]));
        if (fmax_ < 1e-14 * range)
            break;
        memcpy(JJ, J, sizeof(double) * (size_t)K * K);
        for (int k = 0; k < K; k++)
            F[k] = -F[k];
        if (dlu_factor(JJ, K, perm) == 0) {
            dlu_solve(JJ, K, perm, F, dx);
        } else { /* singular: Levenberg-Marquardt step */
            double tr = 0;
            for (int r = 0; r < K; r++)
                for (int c = 0; c < K; c++) {
                    double t = 0;
                    for (int k = 0; k < K; k++)
                        t += J[(size_t)k * K + r] * J[(size_t)k * K + c];
                    JJ[(size_t)r * K + c] = t;
                }
            for (int r = 0; r < K; r++) {
                tr += JJ[(size_t)r * K + r];
                double t = 0;
                for (int k = 0; k < K; k++)
                    t += J[(size_t)k * K + r] * F[k];
                g_[r] = t;
            }
            double mu = 1e-12 * (tr > 0 ? tr / K : 1);
            for (int r = 0; r < K; r++)
                JJ[(size_t)r * K + r] += mu;
            if (dlu_factor(JJ, K, perm) != 0)
                goto out;
            dlu_solve(JJ, K, perm, g_, dx);
        }
        for (int k = 0; k < K; k++)
            x[k] += dx[k];
    }
    for (int a = 0; a < n; a++) {
        double v = pos[a] >= 0 ? x[pos[a]] : 0;
        if (!isfinite(v) || v < -1e-12)
            goto out;
        pp[a] = v < 0 ? 0 : v;
    }
    for (int i = 0; i < N; i++) { /* renormalise the clamped probabilities */
        double s = 0;
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
            s += pp[a];
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
            pp[a] /= s;
    }
    nfg_payoff_derivs(g, pp, uu, NULL);
    if (nfg_nashconv(g, pp, uu) <= tol) {
        memcpy(out, pp, sizeof(double) * (size_t)n);
        ok = 1;
    }
out:
    free(idx);
    free(pos);
    free(x);
    free(F);
    free(dx);
    free(J);
    free(JJ);
    free(g_);
    free(pp);
    free(uu);
    free(dd);
    free(perm);
    return ok;
}

int nfg_polish(const brink_nfg *g, const double *p0, double rel, double tol, double *out)
{
    unsigned char *in = malloc((size_t)g->total_strats + 1);
    if (!in)
        return 0;
    for (int i = 0; i < g->nplayers; i++) {
        double mx = 0;
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
            mx = fmax(mx, p0[a]);
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
            in[a] = p0[a] >= rel * mx;
    }
    int ok = nfg_polish_support(g, p0, in, tol, out);
    free(in);
    return ok;
}

int nfg_polish_br(const brink_nfg *g, const double *p0, double eps, double tol, double *out)
{
    int n = g->total_strats;
    unsigned char *in = malloc((size_t)n + 1);
    double *u = malloc(sizeof(double) * (size_t)n);
    int ok = 0;
    if (in && u) {
        nfg_payoff_derivs(g, p0, u, NULL);
        for (int i = 0; i < g->nplayers; i++) {
            double mx = -INFINITY;
            for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
                mx = fmax(mx, u[a]);
            for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
                in[a] = u[a] >= mx - eps;
        }
        ok = nfg_polish_support(g, p0, in, tol, out);
    }
    free(in);
    free(u);
    return ok;
}
