/* test_agent_logit_sparse.c — the agent-logit path's sparse Jacobian and sparse solves
 * (src/solve/logit/agent_logit_sparse.c) against the dense ones (one tangent pass per column).
 *
 *  - Jacobian: entry for entry equal to the dense one (to rounding), at random points and
 *    lambdas, on Kuhn poker, an entry game, the chain store with three entrants (a scenario:
 *    types at the root, beliefs that move with the incumbent's play), games of tests/data
 *    with outcomes on inner nodes and chance moves; the first call builds the pattern and
 *    later calls only fill it, so both are compared.
 *  - Path: the agent QRE at fixed lambdas traced with sparse and with dense linear algebra
 *    is the same point (the sparse path parametrises the curve by one coordinate, the dense
 *    one by arclength: different steps, one curve), and the limit of the chain store is the
 *    same exact equilibrium.
 *  - A game with a payoff of 9e17 (tests/data/games/agent_logit_fallback.efg) on which the
 *    sparse path's steps underflow at lambda 0: the automatic choice (dense at this size)
 *    returns the dense path's answer. (The fallback from a failed sparse run, for games of
 *    300 to 4,000 actions, has no game of that size here that fails.)
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "brink/brink.h"
#include "brink/generate.h"
#include "brink/scenario.h"
#include "solve/logit/agent_logit.h"
#include "solve/logit/agent_logit_int.h"

/* A reproducible uniform in [0, 1) (no global state). */
static double unif(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

/* Compare the sparse Jacobian with the dense one at three random points (three calls: the
 * first builds the pattern). Returns the largest relative difference. */
static double jacobian_gap(const brink_efg *g, unsigned long long seed)
{
    brink_error err;
    brink_alogit *m = brink_alogit_new(g, &err);
    CHECK(m != NULL);
    if (!m)
        return INFINITY;
    al_sparse *s = al_sparse_new(m);
    CHECK(s != NULL);
    int AP = g->player_action_start[g->nplayers], n1 = AP + 1;
    double *y = calloc((size_t)n1, sizeof *y), *J = calloc((size_t)AP * n1 + 1, sizeof *J);
    double *D = calloc((size_t)AP * n1 + 1, sizeof *D);
    double worst = 0;
    for (int rep = 0; rep < 3 && s && y && J && D; rep++) {
        /* a random interior point: log-probabilities of a random mixture at every set */
        for (int h = 0; h < g->player_infoset_start[g->nplayers]; h++) {
            int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
            double tot = 0;
            for (int a = 0; a < na; a++)
                tot += (y[a0 + a] = 0.05 + unif(&seed));
            for (int a = 0; a < na; a++)
                y[a0 + a] = log(y[a0 + a] / tot);
        }
        double lambda = 0.5 + 20 * unif(&seed);
        brink_alogit_jacobian_dense(m, y, lambda, J);
        brink_alogit_eval(m, y);
        al_sparse_jacobian(s, m, y, lambda);
        const int *Ap, *Ai;
        const double *Ax;
        al_sparse_columns(s, &Ap, &Ai, &Ax);
        memset(D, 0, (size_t)AP * n1 * sizeof *D);
        int sorted = 1;
        for (int j = 0; j < n1; j++)
            for (int q = Ap[j]; q < Ap[j + 1]; q++) {
                sorted &= Ai[q] >= 0 && Ai[q] < AP && (q == Ap[j] || Ai[q] > Ai[q - 1]);
                if (Ai[q] >= 0 && Ai[q] < AP)
                    D[(size_t)Ai[q] * n1 + j] += Ax[q];
            }
        CHECK(sorted);
        double big = 1;
        for (size_t k = 0; k < (size_t)AP * n1; k++)
            big = fmax(big, fabs(J[k]));
        for (size_t k = 0; k < (size_t)AP * n1; k++)
            worst = fmax(worst, fabs(J[k] - D[k]) / big);
        CHECK(al_sparse_nnz(s) > 0 && al_sparse_nnz(s) <= (long)AP * n1);
    }
    free(y);
    free(J);
    free(D);
    al_sparse_free(s);
    brink_alogit_free(m);
    return worst;
}

/* The QRE at lambda traced with dense (la = 1) and sparse (la = 2) linear algebra. */
static double path_gap(const brink_efg *g, double lambda)
{
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.lambda = lambda;
    brink_profile_list a, b;
    brink_profile_list_init(&a);
    brink_profile_list_init(&b);
    brink_error err;
    double gap = INFINITY;
    if (brink_agent_logit_trace_la(g, &o, NULL, NULL, &a, 1, &err) == BRINK_OK &&
        brink_agent_logit_trace_la(g, &o, NULL, NULL, &b, 2, &err) == BRINK_OK &&
        a.count == 1 && b.count == 1) {
        gap = 0;
        for (int k = 0; k < g->nactions; k++)
            gap = fmax(gap, fabs(a.items[0].p[k] - b.items[0].p[k]));
        CHECK_NEAR(b.items[0].lambda, lambda, 0);
    } else {
        fprintf(stderr, "path: %s\n", err.message);
    }
    brink_profile_list_free(&a);
    brink_profile_list_free(&b);
    return gap;
}

static brink_efg *load_efg(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/data/%s", check_source_dir(), name);
    brink_error err;
    brink_game gm;
    if (brink_game_read_file(path, &gm, &err) != BRINK_OK) {
        fprintf(stderr, "%s: %s\n", path, err.message);
        return NULL;
    }
    brink_efg *g = gm.efg;
    gm.efg = NULL;
    brink_game_free(&gm);
    return g;
}

/* examples/chainstore.yaml (the scenario owns its game) */
static brink_scenario *chainstore(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/examples/chainstore.yaml", check_source_dir());
    brink_error err;
    brink_scenario *sc = brink_scenario_load(path, &err);
    if (!sc)
        fprintf(stderr, "%s: %s\n", path, err.message);
    return sc;
}

static void test_jacobians(void)
{
    brink_error err;
    /* (Leduc poker is left out: its dense path takes minutes under the sanitizers) */
    brink_efg *games[6] = {brink_gen_kuhn(&err), NULL, NULL, NULL, NULL, NULL};
    games[1] = load_efg("games/entry.efg");
    games[2] = load_efg("games/poker.efg");
    games[3] = load_efg("games/interior.efg");
    games[4] = load_efg("games/centipede.efg");
    brink_scenario *sc = chainstore();
    CHECK(sc != NULL);
    if (sc)
        games[5] = (brink_efg *)brink_scenario_game(sc);
    for (int k = 0; k < 6; k++) {
        CHECK(games[k] != NULL);
        if (!games[k])
            continue;
        double gap = jacobian_gap(games[k], 17 + (unsigned long long)k);
        if (!(gap < 1e-12))
            fprintf(stderr, "game %d: sparse and dense Jacobians differ by %g\n", k, gap);
        CHECK(gap < 1e-12);
        double pg = path_gap(games[k], 2.0);
        if (!(pg < 1e-7))
            fprintf(stderr, "game %d: QRE at lambda 2 differs by %g\n", k, pg);
        CHECK(pg < 1e-7);
    }
    for (int k = 0; k < 5; k++)
        brink_efg_free(games[k]);
    brink_scenario_free(sc);
}

/* The chain store's limit: the same exact sequential equilibrium either way. */
static void test_chainstore_limit(void)
{
    brink_error err;
    brink_scenario *sc = chainstore();
    CHECK(sc != NULL);
    if (!sc)
        return;
    const brink_efg *g = brink_scenario_game(sc);
    brink_solve_options o;
    brink_solve_options_init(&o);
    brink_profile_list l[2];
    for (int la = 1; la <= 2; la++) {
        brink_profile_list_init(&l[la - 1]);
        CHECK(brink_agent_logit_trace_la(g, &o, NULL, NULL, &l[la - 1], la, &err) == BRINK_OK);
    }
    CHECK(l[0].count >= 1 && l[1].count >= 1);
    if (l[0].count >= 1 && l[1].count >= 1) {
        const brink_profile *a = &l[0].items[l[0].count - 1], *b = &l[1].items[l[1].count - 1];
        CHECK(a->q != NULL && b->q != NULL);
        /* on the path of play (reached with positive probability) the two agree exactly */
        double *reach = calloc((size_t)g->nnodes, sizeof *reach);
        if (a->q && b->q && reach) {
            reach[0] = 1;
            int same = 1;
            for (int v = 1; v < g->nnodes; v++) {
                int p = g->node_parent[v], act = g->node_action[v];
                reach[v] = reach[p] * a->p[act];
                if (reach[p] > 0 && g->node_infoset[p] < g->player_infoset_start[g->nplayers])
                    same &= mpq_equal(a->q[act], b->q[act]) != 0;
            }
            CHECK(same);
        }
        free(reach);
    }
    brink_profile_list_free(&l[0]);
    brink_profile_list_free(&l[1]);
    brink_scenario_free(sc);
}

/* The sparse path fails here; the automatic choice gives the dense path's answer. */
static void test_fallback(void)
{
    brink_efg *g = load_efg("games/agent_logit_fallback.efg");
    CHECK(g != NULL);
    if (!g)
        return;
    brink_solve_options o;
    brink_solve_options_init(&o);
    brink_error err;
    brink_profile_list sp, dn, au;
    brink_profile_list_init(&sp);
    brink_profile_list_init(&dn);
    brink_profile_list_init(&au);
    /* the premise: this game sends the sparse path to the fallback */
    brink_status s2 = brink_agent_logit_trace_la(g, &o, NULL, NULL, &sp, 2, &err);
    CHECK_MSG(s2 == BRINK_ENOCONVERGE || s2 == BRINK_EINTERNAL,
              "the sparse path no longer fails here (status %d): find another fallback game",
              (int)s2);
    CHECK(brink_agent_logit_trace_la(g, &o, NULL, NULL, &dn, 1, &err) == BRINK_OK);
    brink_error_clear(&err);
    CHECK_MSG(brink_agent_logit_trace(g, &o, NULL, NULL, &au, &err) == BRINK_OK, "%s",
              err.message);
    CHECK(au.count == dn.count && au.count >= 1);
    if (au.count == dn.count && au.count >= 1) {
        const brink_profile *a = &au.items[au.count - 1], *d = &dn.items[dn.count - 1];
        double gap = 0;
        for (int k = 0; k < g->nactions; k++)
            gap = fmax(gap, fabs(a->p[k] - d->p[k]));
        CHECK_MSG(gap == 0, "fallback answer differs from the dense path's by %g", gap);
    }
    brink_profile_list_free(&sp);
    brink_profile_list_free(&dn);
    brink_profile_list_free(&au);
    brink_efg_free(g);
}

/* Two random games on which the sparse path once landed on another sheet and ran back past
 * lambda = 0 (the branch starts at the only QRE of lambda 0 and cannot return there): forced
 * onto the sparse path, no point has a negative lambda; the first reaches the exact limit, and
 * the automatic choice (dense at their size) reaches a point within tolerance on both. */
static void test_sheets(void)
{
    const char *names[2] = {"agent-logit/sheet1.efg", "agent-logit/sheet2.efg"};
    for (int i = 0; i < 2; i++) {
        brink_efg *g = load_efg(names[i]);
        CHECK(g != NULL);
        if (!g)
            continue;
        brink_solve_options o;
        brink_solve_options_init(&o);
        brink_error err;
        brink_profile_list sp, au;
        brink_profile_list_init(&sp);
        brink_profile_list_init(&au);
        brink_status s2 = brink_agent_logit_trace_la(g, &o, NULL, NULL, &sp, 2, &err);
        for (int k = 0; k < sp.count; k++)
            CHECK_MSG(sp.items[k].lambda >= 0, "%s: sparse point at lambda %g", names[i],
                      sp.items[k].lambda);
        if (i == 0) {
            CHECK(s2 == BRINK_OK && sp.count >= 1 && !sp.stats.stopped_at_limit);
            CHECK(sp.count >= 1 && sp.items[sp.count - 1].q != NULL);
        }
        CHECK(brink_agent_logit_trace(g, &o, NULL, NULL, &au, &err) == BRINK_OK);
        CHECK_MSG(au.count >= 1 && !au.stats.stopped_at_limit &&
                      au.items[au.count - 1].lambda > 100,
                  "%s: the automatic path stopped short", names[i]);
        brink_profile_list_free(&sp);
        brink_profile_list_free(&au);
        brink_efg_free(g);
    }
}

int main(void)
{
    test_jacobians();
    test_chainstore_limit();
    test_fallback();
    test_sheets();
    return check_finish();
}
