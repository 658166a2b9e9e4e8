/* nfgderiv.c — payoffs and payoff derivatives of mixed profiles (see nfgderiv.h).
 *
 * Products of the other players' probabilities are formed from prefix, middle and suffix
 * products (never by division, so zero and underflowing probabilities are harmless). */
#include "solve/polish/nfgderiv.h"

#include <string.h>

void nfg_payoff_derivs(const brink_nfg *g, const double *p, double *u, double *du)
{
    int N = g->nplayers, n = g->total_strats;
    int s[BRINK_MAX_PLAYERS];
    int a[BRINK_MAX_PLAYERS]; /* global index of each player's strategy in the cell */
    double pre[BRINK_MAX_PLAYERS + 1], suf[BRINK_MAX_PLAYERS + 1];
    memset(u, 0, sizeof(double) * (size_t)n);
    if (du)
        memset(du, 0, sizeof(double) * (size_t)n * n);
    memset(s, 0, sizeof s);
    for (size_t c = 0; c < g->ncells; c++) {
        for (int i = 0; i < N; i++)
            a[i] = g->strat_offset[i] + s[i];
        pre[0] = 1;
        for (int i = 0; i < N; i++)
            pre[i + 1] = pre[i] * p[a[i]];
        suf[N] = 1;
        for (int i = N - 1; i >= 0; i--)
            suf[i] = suf[i + 1] * p[a[i]];
        const double *pay = g->pay + c * (size_t)N;
        for (int i = 0; i < N; i++)
            u[a[i]] += pre[i] * suf[i + 1] * pay[i];
        if (du) {
            /* pairs i < k: weight = pre[i] * prod_{i<h<k} p * suf[k+1] */
            for (int i = 0; i < N; i++) {
                double mid = 1;
                for (int k = i + 1; k < N; k++) {
                    double w = pre[i] * mid * suf[k + 1];
                    if (w != 0) {
                        du[(size_t)a[i] * n + a[k]] += w * pay[i];
                        du[(size_t)a[k] * n + a[i]] += w * pay[k];
                    }
                    mid *= p[a[k]];
                }
            }
        }
        for (int i = 0; i < N; i++) { /* odometer: player 0 fastest, the cell order */
            if (++s[i] < g->nstrats[i])
                break;
            s[i] = 0;
        }
    }
}
