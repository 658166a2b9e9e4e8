/* nfgexact.c — exact polishing of an approximate equilibrium of a two-player game on its
 * support (private).
 *
 * A double profile near an equilibrium with supports S1, S2 (|S1| = |S2|) determines, when the
 * game is nondegenerate there, the equilibrium exactly: player 2's mixture on S2 makes every
 * row of S1 pay the same (and sums to one), and likewise for player 1. Those are two square
 * linear systems, solved here in rationals (qsolve.c). Where the supports differ in size or
 * the systems are singular (equivalent strategies, a continuum of equilibria: reduced strategic
 * forms), the small game on S1 x S2 is solved exactly by vertex enumeration (enummixed) and
 * its equilibria, extended by zeros, are checked against the whole game. The caller verifies
 * the result exactly too; this only proposes. Several support thresholds are tried, since a
 * double profile carries noise on the strategies it does not use.
 */
#include <math.h>
#include <stdlib.h>

#include "solve/polish/nfgpolish.h"
#include "solve/linalg/qsolve.h"
#include "solve/solvers.h"

/* Largest support subgame (cells) solved by vertex enumeration. */
#define NFG_EXACT_SUBGAME_CELLS 400

/* Solve for the mixture z of player `who` on support T (nT entries) that makes the other
 * player's strategies in S (nS = nT) indifferent. 0 on success (z filled on T, 0 elsewhere). */
static int indifference(const brink_nfg *g, int who, const int *S, const int *T, int k,
                        mpq_t *z)
{
    int other = 1 - who, m = g->nstrats[0];
    brink_qsys *sys = brink_qsys_new(k + 1, 1);
    mpq_t *x = brink_q_array_new((size_t)k + 1);
    mpq_t one;
    mpq_init(one);
    mpq_set_ui(one, 1, 1);
    int rc = -1;
    if (!sys || !x)
        goto out;
    for (int r = 0; r < k; r++) { /* other's strategy S[r]: sum_c pay * z_c - v = 0 */
        for (int c = 0; c < k; c++) {
            int i = other == 0 ? S[r] : T[c], j = other == 0 ? T[c] : S[r];
            const mpq_t *a = &g->payq[((size_t)i + (size_t)m * j) * 2 + other];
            if (mpq_sgn(*a) && brink_qsys_add(sys, r, c, *a, NULL) != BRINK_OK)
                goto out;
        }
        if (brink_qsys_add_si(sys, r, k, -1, NULL) != BRINK_OK)
            goto out;
    }
    for (int c = 0; c < k; c++)
        if (brink_qsys_add_si(sys, k, c, 1, NULL) != BRINK_OK)
            goto out;
    brink_qsys_set_rhs(sys, k, 0, one);
    brink_status st = brink_qsys_solve(sys, x, NULL); /* (sys is still ours to free) */
    if (st != BRINK_OK)
        goto out;
    for (int a = g->strat_offset[who]; a < g->strat_offset[who + 1]; a++)
        mpq_set_ui(z[a], 0, 1);
    for (int c = 0; c < k; c++) {
        if (mpq_sgn(x[c]) < 0)
            goto out;
        mpq_set(z[g->strat_offset[who] + T[c]], x[c]);
    }
    rc = 0;
out:
    if (sys)
        brink_qsys_free(sys);
    if (x)
        brink_q_array_free(x, (size_t)k + 1);
    mpq_clear(one);
    return rc;
}

/* Equilibria of the subgame on S (k0 rows) x T (k1 columns), exactly; of those whose
 * extension is an equilibrium of g, the nearest to p goes into q. 1 found, 0 not. */
static int subgame_polish(const brink_nfg *g, const double *p, const int *S, int k0,
                          const int *T, int k1, mpq_t *q)
{
    if ((long)k0 * k1 > NFG_EXACT_SUBGAME_CELLS)
        return 0;
    int ns[2] = {k0, k1}, m = g->nstrats[0], found = 0;
    brink_nfg *sub = brink_nfg_new(2, ns, NULL);
    if (!sub)
        return 0;
    for (int i = 0; i < k0; i++)
        for (int j = 0; j < k1; j++)
            for (int pl = 0; pl < 2; pl++)
                brink_nfg_set_payoff(sub, (size_t)i + (size_t)k0 * j, pl,
                                     g->payq[((size_t)S[i] + (size_t)m * T[j]) * 2 + pl]);
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.all = 1;
    o.time_limit = 1; /* a proposal only: never the bulk of a solve */
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_profile_list cand;
    brink_profile_list_init(&cand);
    brink_profile *c = brink_profile_list_add(&cand, BRINK_PROFILE_MIXED, g->total_strats, 1,
                                              NULL);
    if (c && brink_solver_enummixed.solve_nfg(sub, &o, &l, NULL) == BRINK_OK) {
        double best = INFINITY;
        for (int e = 0; e < l.count; e++) {
            if (!l.items[e].q)
                continue;
            for (int a = 0; a < g->total_strats; a++)
                mpq_set_ui(c->q[a], 0, 1);
            for (int i = 0; i < k0; i++)
                mpq_set(c->q[S[i]], l.items[e].q[i]);
            for (int j = 0; j < k1; j++)
                mpq_set(c->q[g->strat_offset[1] + T[j]], l.items[e].q[k0 + j]);
            brink_profile_sync_doubles(c);
            double d = 0;
            for (int a = 0; a < g->total_strats; a++)
                d += fabs(c->p[a] - p[a]);
            if (d < best && brink_verify_nfg(g, c, 1, NULL) == BRINK_OK && c->verified == 1) {
                for (int a = 0; a < g->total_strats; a++)
                    mpq_set(q[a], c->q[a]);
                best = d;
                found = 1;
            }
        }
    }
    brink_profile_list_free(&l);
    brink_profile_list_free(&cand);
    brink_nfg_free(sub);
    return found;
}

int nfg_exact_polish2(const brink_nfg *g, const double *p, mpq_t *q)
{
    if (g->nplayers != 2)
        return 0;
    int n = g->total_strats;
    int *S = malloc(sizeof(int) * (size_t)(n + 2));
    if (!S)
        return 0;
    int *T = S + g->nstrats[0] + 1;
    static const double rels[] = {1e-6, 1e-9, 1e-3};
    int ok = 0;
    for (int t = 0; t < 3 && !ok; t++) {
        int k[2] = {0, 0};
        for (int who = 0; who < 2; who++) {
            int *dst = who == 0 ? S : T;
            double mx = 0;
            for (int a = g->strat_offset[who]; a < g->strat_offset[who + 1]; a++)
                mx = fmax(mx, p[a]);
            for (int a = g->strat_offset[who]; a < g->strat_offset[who + 1]; a++)
                if (p[a] >= rels[t] * mx)
                    dst[k[who]++] = a - g->strat_offset[who];
        }
        /* player 1's mixture on S makes player 2 indifferent on T, and vice versa */
        ok = k[0] == k[1] && indifference(g, 0, T, S, k[0], q) == 0 &&
             indifference(g, 1, S, T, k[0], q) == 0;
        if (!ok) /* degenerate or singular: the support's subgame, exactly */
            ok = subgame_polish(g, p, S, k[0], T, k[1], q);
    }
    free(S);
    return ok;
}
