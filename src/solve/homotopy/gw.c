/* gw.c — the structure theorem's coordinates and the result handling shared by gnm and ipa
 * (see gw.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solve/homotopy/gw.h"
#include "solve/polish/nfgderiv.h"
#include "solve/polish/nfgpolish.h"
#include "solve/simpdiv/simpdiv.h"
#include "solve/solvers.h"

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

void gw_ray(const brink_nfg *g, uint64_t seed, double *b)
{
    uint64_t s = seed ^ 0x5eed0f6e0a11u;
    for (int i = 0; i < g->nplayers; i++)
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++) {
            int distinct;
            do { /* redraw on an exact tie with an earlier entry of the player */
                b[a] = 0.125 + 0.875 * (double)(splitmix(&s) >> 11) / 9007199254740992.0;
                distinct = 1;
                for (int c = g->strat_offset[i]; c < a; c++)
                    if (b[c] == b[a])
                        distinct = 0;
            } while (!distinct);
        }
}

void gw_retract(const brink_nfg *g, const double *z, const unsigned char *in, double *sigma,
                double *v, unsigned char *in_out)
{
    for (int i = 0; i < g->nplayers; i++) {
        int o = g->strat_offset[i], e = g->strat_offset[i + 1];
        double lev;
        if (in) {
            double s = 0;
            int k = 0;
            for (int a = o; a < e; a++)
                if (in[a]) {
                    s += z[a];
                    k++;
                }
            lev = (s - 1) / (k > 0 ? k : 1);
            for (int a = o; a < e; a++)
                sigma[a] = in[a] ? z[a] - lev : 0;
        } else {
            /* Michelot's projection: drop strategies below the level until none is */
            for (int a = o; a < e; a++)
                sigma[a] = 1; /* membership while iterating */
            for (;;) {
                double s = 0;
                int k = 0;
                for (int a = o; a < e; a++)
                    if (sigma[a] != 0) {
                        s += z[a];
                        k++;
                    }
                lev = (s - 1) / k;
                int dropped = 0;
                for (int a = o; a < e; a++)
                    if (sigma[a] != 0 && z[a] <= lev && k - dropped > 1) {
                        sigma[a] = 0;
                        dropped++;
                    }
                if (!dropped)
                    break;
            }
            for (int a = o; a < e; a++) {
                int member = sigma[a] != 0;
                if (in_out)
                    in_out[a] = (unsigned char)member;
                sigma[a] = member ? fmax(z[a] - lev, 0) : 0;
            }
        }
        if (v)
            v[i] = lev;
    }
}

void gw_values(const brink_nfg *g, double scale, const double *sigma, double *u, double *du)
{
    int n = g->total_strats;
    nfg_payoff_derivs(g, sigma, u, du);
    for (int a = 0; a < n; a++)
        u[a] *= scale;
    if (du)
        for (size_t k = 0; k < (size_t)n * n; k++)
            du[k] *= scale;
}

double gw_nashconv(const brink_nfg *g, const double *x, double *u)
{
    nfg_payoff_derivs(g, x, u, NULL);
    return nfg_nashconv(g, x, u);
}

static void normalise(const brink_nfg *g, double *x)
{
    for (int i = 0; i < g->nplayers; i++) {
        double s = 0;
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++) {
            if (!(x[a] > 0))
                x[a] = 0;
            s += x[a];
        }
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
            x[a] = s > 0 ? x[a] / s : 1.0 / g->nstrats[i];
    }
}

/* Support thresholds tried when polishing (relative to the player's largest probability). */
static const double gw_rels[] = {1e-6, 1e-3, 1e-9};

brink_status gw_add(const brink_nfg *g, double *x, double tol, double keep,
                    brink_profile_list *out, double *nashconv, brink_error *err)
{
    int n = g->total_strats;
    double *u = malloc(sizeof(double) * (size_t)n * 2);
    if (!u)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory keeping an equilibrium");
    double *pol = u + n;
    normalise(g, x);
    double nc = gw_nashconv(g, x, u);
    for (int k = 0; nc > tol && k < (int)(sizeof gw_rels / sizeof gw_rels[0]); k++)
        if (nfg_polish(g, x, gw_rels[k], tol, pol)) {
            double pc = gw_nashconv(g, pol, u);
            if (pc < nc) {
                memcpy(x, pol, sizeof(double) * (size_t)n);
                nc = pc;
            }
        }
    *nashconv = nc;
    if (!(nc <= keep)) {
        free(u);
        return BRINK_OK;
    }
    for (int i = 0; i < out->count; i++) {
        double d = 0;
        for (int a = 0; a < n; a++)
            d = fmax(d, fabs(out->items[i].p[a] - x[a]));
        if (d <= 1e-7) {
            free(u);
            return BRINK_OK;
        }
    }
    free(u);
    brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_MIXED, n, 0, err);
    if (!pr)
        return BRINK_ENOMEM;
    memcpy(pr->p, x, sizeof(double) * (size_t)n);
    return BRINK_OK;
}

brink_status gw_fallback(const brink_nfg *g, const brink_solve_options *o, double t0,
                         brink_profile_list *out, brink_error *err)
{
    int n = g->total_strats;
    double *x = malloc(sizeof(double) * (size_t)n);
    if (!x)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    brink_solve_options so = *o;
    so.max_iterations = 0; /* simpdiv's own pivot budget, not the path's step budget */
    so.time_limit = solve_time_left(o, t0); /* what the method left of --time-limit */
    double regret;
    long pivots = 0;
    int stopped = 0;
    brink_status st = simpdiv_search(g, &so, 40, 1, x, &regret, &pivots, &stopped, err);
    if (!st) {
        brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_MIXED, n, 0, err);
        if (!pr) {
            st = BRINK_ENOMEM;
        } else {
            memcpy(pr->p, x, sizeof(double) * (size_t)n);
            out->stats.residual = regret;
            out->stats.stopped_at_limit = stopped;
            out->stats.fallback_method = brink_solver_simpdiv.name;
        }
    }
    free(x);
    return st;
}

double gw_tolerance(const brink_nfg *g, const brink_solve_options *o)
{
    return (o->tolerance > 0 ? o->tolerance : 1e-10) * nfg_payoff_range(g);
}

brink_status gw_finish(const brink_nfg *g, const brink_solve_options *o, double t0,
                       brink_profile_list *out, brink_error *err)
{
    out->stats.tolerance = gw_tolerance(g, o);
    return out->count ? BRINK_OK : gw_fallback(g, o, t0, out, err);
}
