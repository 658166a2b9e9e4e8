/* ipa.c — Nash equilibria of N-player strategic games by iterated polymatrix approximation,
 * after Govindan & Wilson (2004), "Computing Nash equilibria by iterated polymatrix
 * approximation", JEDC 28:1229-1241.
 *
 * At the current point zh (structure theorem coordinates, gw.h; sigma = r(zh)) the game is
 * replaced by its first-order approximation, a polymatrix game: player i's value of strategy
 * a against a profile x is
 *     P_a(x) = c_a + sum over players j != i, strategies b of j:  DV[a][b] x_b,
 * with DV the payoff derivatives at sigma and c_a = -(N - 2) V_a(sigma) (V is multilinear,
 * so P and V agree at sigma; for two players P is the game itself). An equilibrium tau of the
 * polymatrix game is an LCP, solved by Lemke's algorithm (src/solve/lcp/lemke.h, the ray as
 * covering vector): with costs C = K - P (K making every entry positive, also on a player's
 * own block, where it adds the same constant to all his strategies), find x, v >= 0 with
 *     w_a = sum_b C[a][b] x_b - v_i >= 0,  w_(n+i) = sum_(a of i) x_a - 1 >= 0,
 * complementary to x and v. M is copositive-plus and the system feasible, so Lemke ends at a
 * solution. The point moves toward the approximation's equilibrium in z coordinates,
 *     zh <- zh + alpha (tau + P(tau) - zh),
 * whose fixed points are exactly the equilibria of the game (zh = sigma + V(sigma)); alpha
 * starts at 1 (a Newton-like step) and halves when the distance does not shrink. The profile
 * sigma or tau whose NashConv meets the tolerance after support polishing is the answer
 * (gw_add); otherwise, after the iteration budget, simplicial subdivision (gw_fallback).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solve/homotopy/gw.h"
#include "solve/homotopy/ipa.h"
#include "solve/lcp/lemke.h"
#include "solve/polish/nfgpolish.h"
#include "solve/solvers.h"

#define IPA_ITERATIONS 2000   /* polymatrix approximations unless --iterations */
#define IPA_RESTART 250      /* approximations per ray before another is tried */
#define IPA_ALPHA_MIN 0.02    /* smallest step fraction */
#define IPA_CLOSE 1e-2        /* NashConv (relative) below which support polishing is tried */

/* Equilibrium of the polymatrix approximation at sigma (u, du filled) into tau. */
static brink_status polymatrix_eq(const brink_nfg *g, brink_lcp *l, const double *sigma,
                                  const double *u, const double *du, const double *ray,
                                  double *tau, double *zs, long *pivots, brink_error *err)
{
    int N = g->nplayers, n = g->total_strats, L = n + N;
    brink_lcp_reset(l);
    /* K: above every payoff term, so that all costs are at least 1 */
    double K = 0;
    for (int a = 0; a < n; a++) {
        K = fmax(K, (N - 2) * -u[a]);
        for (int b = 0; b < n; b++)
            K = fmax(K, du[(size_t)a * n + b]);
    }
    K += 1;
    mpq_t v;
    mpq_init(v);
    brink_status st = BRINK_OK;
    for (int i = 0; i < N && !st; i++)
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1] && !st; a++) {
            for (int b = 0; b < n && !st; b++) {
                int own = b >= g->strat_offset[i] && b < g->strat_offset[i + 1];
                double c = own ? K + (N - 2) * u[a] : K - du[(size_t)a * n + b];
                mpq_set_d(v, c);
                st = brink_lcp_add(l, a, b, v, err);
            }
            if (!st)
                st = brink_lcp_add_si(l, a, n + i, -1, err);
            if (!st)
                st = brink_lcp_add_si(l, n + i, a, 1, err);
            mpq_set_d(l->d[a], ray[a]);
        }
    for (int i = 0; i < N && !st; i++) {
        mpq_set_si(l->q[n + i], -1, 1);
        mpq_set_ui(l->d[n + i], 1, 1);
    }
    mpq_clear(v);
    if (!st)
        st = brink_lcp_sync_doubles(l, err);
    long piv = 0;
    if (!st)
        st = brink_lemke_double(l, 50L * L + 1000, 1e-11, zs, NULL, &piv, err);
    *pivots += piv;
    if (st)
        return st;
    (void)sigma;
    for (int i = 0; i < N; i++) {
        double s = 0;
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++) {
            tau[a] = zs[a] > 0 ? zs[a] : 0;
            s += tau[a];
        }
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
            tau[a] = s > 0 ? tau[a] / s : 1.0 / g->nstrats[i];
    }
    return BRINK_OK;
}

brink_status ipa_iterate(const brink_nfg *g, const brink_solve_options *o,
                         brink_profile_list *out, ipa_stats *is, brink_error *err)
{
    memset(is, 0, sizeof *is);
    int N = g->nplayers, n = g->total_strats, L = n + N;
    double range = nfg_payoff_range(g), scale = 1 / range, tol = gw_tolerance(g, o);
    brink_status st = BRINK_OK;
    double *mem = malloc(sizeof(double) * ((size_t)n * 9 + (size_t)n * n + (size_t)L + N));
    brink_lcp *l = brink_lcp_new(L, 1);
    if (!mem || !l) {
        st = brink_error_set(err, BRINK_ENOMEM, "ipa: out of memory");
        goto done;
    }
    double *zh = mem, *sigma = zh + n, *u = sigma + n, *tau = u + n, *zt = tau + n,
           *ray = zt + n, *cand = ray + n, *pu = cand + n, *best = pu + n,
           *du = best + n, *zs = du + (size_t)n * n, *lev = zs + L;
    gw_ray(g, o->seed, ray);
    for (int a = 0; a < n; a++)
        zh[a] = 1;
    double alpha = 1, prev = INFINITY, bestnc = INFINITY, t0 = brink_now();
    long max_it = o->max_iterations > 0 ? o->max_iterations : IPA_ITERATIONS;
    int found = 0;
    for (long it = 0; it < max_it && !found; it++) {
        if (o->time_limit > 0 && brink_now() - t0 > o->time_limit) {
            is->stopped = 1;
            break;
        }
        if (o->progress && (it & 15) == 15 &&
            o->progress(o->progress_ctx, (double)it / (double)max_it,
                        "iterating polymatrix approximations"))
            break;
        if (it > 0 && it % IPA_RESTART == 0) {
            /* no convergence from this ray: another ray, from the centre again (the
             * approximation's equilibrium that Lemke's path picks depends on it) */
            gw_ray(g, o->seed + (uint64_t)(it / IPA_RESTART) * 0x9e3779b9u, ray);
            for (int a = 0; a < n; a++)
                zh[a] = 1;
            alpha = 1;
            prev = INFINITY;
            is->restarts++;
        }
        is->iterations++;
        gw_retract(g, zh, NULL, sigma, lev, NULL);
        gw_values(g, scale, sigma, u, du);
        st = polymatrix_eq(g, l, sigma, u, du, ray, tau, zs, &is->pivots, err);
        if (st == BRINK_ENOCONVERGE || st == BRINK_EINTERNAL) {
            st = BRINK_OK; /* Lemke's budget or a ray (rounding): no direction here */
            is->lemke_failures++;
            break;
        }
        if (st)
            goto done;
        /* zt = tau + P(tau), P(tau)_a = c_a + sum over other players' b of DV[a][b] tau_b */
        double dist = 0;
        for (int i = 0; i < N; i++)
            for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++) {
                double p = -(N - 2) * u[a];
                for (int b = 0; b < n; b++)
                    if (b < g->strat_offset[i] || b >= g->strat_offset[i + 1])
                        p += du[(size_t)a * n + b] * tau[b];
                zt[a] = tau[a] + p;
                dist = fmax(dist, fabs(zt[a] - zh[a]));
            }
        /* the candidates: sigma and tau, each checked in the game itself */
        for (int c = 0; c < 2 && !found; c++) {
            memcpy(cand, c == 0 ? sigma : tau, sizeof(double) * (size_t)n);
            double nc = gw_nashconv(g, cand, pu);
            if (nc < bestnc) {
                bestnc = nc;
                memcpy(best, cand, sizeof(double) * (size_t)n);
            }
            if (nc <= IPA_CLOSE * range) {
                int before = out->count;
                if ((st = gw_add(g, cand, tol, 1e-9 * range, out, &nc, err)))
                    goto done;
                found = out->count > before;
            }
        }
        if (dist < prev)
            alpha = fmin(1, alpha * 1.5);
        else
            alpha = fmax(IPA_ALPHA_MIN, alpha * 0.5);
        prev = dist;
        for (int a = 0; a < n; a++)
            zh[a] += alpha * (zt[a] - zh[a]);
    }
    if (!found && isfinite(bestnc) && !st) { /* the best point seen, polished if it can be */
        int before = out->count;
        double nc;
        if ((st = gw_add(g, best, tol, 1e-9 * range, out, &nc, err)))
            goto done;
        found = out->count > before;
    }
    if (!found && !is->stopped && is->iterations >= max_it)
        is->stopped = 1;
    is->nashconv = bestnc;
done:
    free(mem);
    brink_lcp_free(l);
    return st;
}

static brink_status ipa_nfg(const brink_nfg *g, const brink_solve_options *o,
                            brink_profile_list *out, brink_error *err)
{
    ipa_stats is;
    double t0 = brink_now();
    brink_status st = ipa_iterate(g, o, out, &is, err);
    if (st)
        return st;
    out->stats.iterations = is.iterations;
    if (out->count)
        out->stats.residual = out->items[0].nashconv;
    return gw_finish(g, o, t0, out, err);
}

const brink_solver brink_solver_ipa = {
    .name = "ipa",
    .summary = "iterated polymatrix approximation of Govindan-Wilson, Lemke on each "
               "approximation (any number of players)",
    .guarantee = "one Nash equilibrium to the tolerance, exact when the driver's rational "
                 "check confirms it (simplicial subdivision's point, said so, when the "
                 "iteration does not converge)",
    .flags = BRINK_SOLVER_NFG | BRINK_SOLVER_EFG | BRINK_SOLVER_APPROX,
    .solve_nfg = ipa_nfg,
    .solve_efg = NULL,
};
