/* sequential.c — a sequential equilibrium with beliefs everywhere, for two-player games:
 * the quasi-perfect equilibrium of Miltersen and Sørensen (2010), computed exactly.
 *
 * Every sequence s of a player (other than the empty one) must carry realisation weight at
 * least eps^len(s). Lemke's algorithm on this perturbed sequence-form LCP is run with eps kept
 * symbolic (lemke.c compares polynomials in eps lexicographically), so the final basis gives
 * every plan entry as a polynomial x_s(eps) that is an equilibrium of the perturbed game for
 * all small eps > 0. Those plans are completely mixed; their limit as eps -> 0 is a
 * quasi-perfect equilibrium, and quasi-perfect equilibria are sequential (van Damme 1984).
 *
 * By default the pivoting runs in doubles (same lexicographic rule, a pivot budget) and the
 * final basis is solved again exactly and certified lexicographically feasible; with
 * opts->exact, or on any numeric trouble (lemke_robust.c), the pivoting itself runs in exact
 * integer arithmetic.
 *
 * Limits are read off the lowest-order coefficients:
 *   behaviour at h (parent sequence s):  b(a) = [eps^d] x_{sa} / [eps^d] x_s,
 *     d = lowest degree of x_s;
 *   belief at node v of h (owner i):     mu(v) ∝ [eps^D] (chance(v) * prod_{j != i} x_j(v)),
 *     D = lowest degree over the members of h.
 * Both are limits along the same fully mixed sequence, so the assessment is consistent in
 * the Kreps–Wilson sense; sequential rationality is checked exactly before returning.
 */
#include <stdlib.h>
#include <string.h>
#include "brink/solve.h"
#include "game/seqform_internal.h"
#include "solve/lcp/sflcp.h"
#include "solve/solvers.h"

/* Polynomials in eps are arrays of K coefficients, degree k at index k. */
static int qpoly_lowest(const mpq_t *c, int K)
{
    for (int k = 0; k < K; k++)
        if (mpq_sgn(c[k]) != 0)
            return k;
    return -1;
}

/* out[0..Ka+Kb-2] = a * b */
static void qpoly_mul(const mpq_t *a, int Ka, const mpq_t *b, int Kb, mpq_t *out, mpq_t tmp)
{
    for (int k = 0; k < Ka + Kb - 1; k++)
        mpq_set_ui(out[k], 0, 1);
    for (int i = 0; i < Ka; i++) {
        if (mpq_sgn(a[i]) == 0)
            continue;
        for (int j = 0; j < Kb; j++) {
            if (mpq_sgn(b[j]) == 0)
                continue;
            mpq_mul(tmp, a[i], b[j]);
            mpq_add(out[i + j], out[i + j], tmp);
        }
    }
}

/* What one solve allocates and the next can use again (kept in o->cache between the games
 * of a Monte Carlo worker; on the stack and freed at the end otherwise): the LCP's memory
 * and the rational work arrays. Every array is written before it is read. */
typedef struct seq_scratch {
    brink_lcp *lcp;
    mpq_t *q[6];      /* z, x, chance, reach, one, prod */
    size_t cap[6];
    mpz_t *zi[3];     /* integer path: z numerators (and the denominator last), x, reach */
    size_t zcap[3];
} seq_scratch;

enum { SQ_Z, SQ_X, SQ_CHANCE, SQ_REACH, SQ_ONE, SQ_PROD };
enum { SZ_Z, SZ_X, SZ_REACH };

static void z_array_free(mpz_t *a, size_t n)
{
    for (size_t k = 0; k < n; k++)
        mpz_clear(a[k]);
    free(a);
}

static void seq_scratch_clear(seq_scratch *sc)
{
    brink_lcp_free(sc->lcp);
    for (int k = 0; k < 6; k++)
        if (sc->q[k])
            brink_q_array_free(sc->q[k], sc->cap[k]);
    for (int k = 0; k < 3; k++)
        if (sc->zi[k])
            z_array_free(sc->zi[k], sc->zcap[k]);
    memset(sc, 0, sizeof *sc);
}

/* Integer array k with room for need values (as seq_array); NULL when out of memory. */
static mpz_t *seq_zarray(seq_scratch *sc, int k, size_t need)
{
    if (sc->zi[k] && sc->zcap[k] >= need)
        return sc->zi[k];
    if (sc->zi[k])
        z_array_free(sc->zi[k], sc->zcap[k]);
    sc->zcap[k] = 0;
    sc->zi[k] = brink_calloc(need ? need : 1, sizeof(mpz_t));
    if (sc->zi[k]) {
        for (size_t j = 0; j < need; j++)
            mpz_init(sc->zi[k][j]);
        sc->zcap[k] = need;
    }
    return sc->zi[k];
}

/* out[0..Ka+Kb-2] = a * b over the integers */
static void zpoly_mul(const mpz_t *a, int Ka, const mpz_t *b, int Kb, mpz_t *out)
{
    for (int k = 0; k < Ka + Kb - 1; k++)
        mpz_set_ui(out[k], 0);
    for (int i = 0; i < Ka; i++) {
        if (mpz_sgn(a[i]) == 0)
            continue;
        for (int j = 0; j < Kb; j++)
            if (mpz_sgn(b[j]) != 0)
                mpz_addmul(out[i + j], a[i], b[j]);
    }
}

static int zpoly_lowest(const mpz_t *c, int K)
{
    for (int k = 0; k < K; k++)
        if (mpz_sgn(c[k]) != 0)
            return k;
    return -1;
}

/* Behaviour and beliefs from the plans x = X / den (X integer polynomials in eps, one
 * positive denominator), as the rational path below computes them: den cancels in every
 * ratio (a behaviour is X_sa[d] / X_s[d]; the reaches of one information set's members all
 * carry the same power of den), so only the quotients that are output are made canonical. */
static brink_status sequential_from_int(const brink_efg *g, const brink_seqform *sf,
                                        const brink_sflcp *s, seq_scratch *sc,
                                        const mpz_t *zn, const mpz_t den, const mpq_t *chance,
                                        brink_profile *pr, brink_error *err)
{
    int K = s->lcp->nrhs, m1 = s->m[0], KK = 2 * K - 1;
    mpz_t *X = seq_zarray(sc, SZ_X, (size_t)(s->m[0] + s->m[1]) * K + (size_t)KK + 1);
    mpz_t *P = seq_zarray(sc, SZ_REACH, (size_t)g->nnodes * KK + 1);
    if (!X || !P)
        return brink_error_set(err, BRINK_ENOMEM, "sequential: out of memory");
    mpz_t *one = X + (size_t)(s->m[0] + s->m[1]) * K; /* [K]: the polynomial 1 */
    mpz_set_ui(one[0], 1);
    for (int k = 1; k < K; k++)
        mpz_set_ui(one[k], 0);
    /* X = zn + den eps^len(s) for every non-empty sequence */
    for (int i = 0; i < 2; i++) {
        int off = i == 0 ? 0 : m1;
        for (int q = 0; q < s->m[i]; q++) {
            for (int k = 0; k < K; k++)
                mpz_set(X[(size_t)(off + q) * K + k], zn[(size_t)(off + q) * K + k]);
            if (q != 0) {
                mpz_ptr c = X[(size_t)(off + q) * K + s->seqlen[i][q]];
                mpz_add(c, c, den);
            }
        }
    }
    /* Behaviour: limits of x_{sa} / x_s. */
    for (int i = 0; i < 2; i++) {
        int off = i == 0 ? 0 : m1, as = g->player_action_start[i];
        for (int h = g->player_infoset_start[i]; h < g->player_infoset_start[i + 1]; h++) {
            const mpz_t *xs = &X[(size_t)(off + sf->infoset_parent_seq[h]) * K];
            int d = zpoly_lowest(xs, K);
            int a0 = g->infoset_action_start[h];
            for (int a = 0; a < g->infoset_nactions[h]; a++) {
                const mpz_t *xa = &X[(size_t)(off + 1 + a0 + a - as) * K];
                if (d < 0) { /* cannot happen: x_s >= eps^len(s) > 0 */
                    mpq_set_ui(pr->q[a0 + a], 1, (unsigned long)g->infoset_nactions[h]);
                } else {
                    mpq_set_num(pr->q[a0 + a], xa[d]);
                    mpq_set_den(pr->q[a0 + a], xs[d]);
                    mpq_canonicalize(pr->q[a0 + a]);
                }
            }
        }
    }
    for (int a = g->player_action_start[2]; a < g->nactions; a++)
        mpq_set(pr->q[a], g->action_probq[a]);
    brink_profile_sync_doubles(pr);

    /* Beliefs: reach of every node excluding its owner's own plan, as a polynomial; the
     * chance factor (a constant) only scales it. */
    mpq_t tmp, sum;
    mpq_init(tmp);
    mpq_init(sum);
    for (int h = 0; h < g->ninfosets; h++) {
        int owner = g->infoset_player[h];
        const int *mem = g->infoset_member + g->infoset_member_start[h];
        int nm = g->infoset_nmembers[h], D = -1;
        for (int k = 0; k < nm; k++) {
            int v = mem[k];
            if (mpq_sgn(chance[v]) == 0)
                continue;   /* its reach is the zero polynomial (P not read) */
            const mpz_t *f1 = owner == 0 ? (const mpz_t *)one
                                         : &X[(size_t)sf->node_seq[(size_t)v * 2] * K];
            const mpz_t *f2 = owner == 1 ? (const mpz_t *)one
                                         : &X[(size_t)(m1 + sf->node_seq[(size_t)v * 2 + 1]) * K];
            mpz_t *r = &P[(size_t)v * KK];
            zpoly_mul(f1, K, f2, K, r);
            int lo = zpoly_lowest(r, KK);
            if (lo >= 0 && (D < 0 || lo < D))
                D = lo;
        }
        /* the members' chance factors all equal (1 on most trees): they cancel too */
        int same = 1;
        for (int k = 1; k < nm && same; k++)
            same = mpq_equal(chance[mem[k]], chance[mem[0]]);
        if (same && D >= 0 && mpq_sgn(chance[mem[0]]) != 0) {
            mpz_ptr zs = P[(size_t)g->nnodes * KK];
            mpz_set_ui(zs, 0);
            for (int k = 0; k < nm; k++)
                mpz_add(zs, zs, P[(size_t)mem[k] * KK + D]);
            for (int k = 0; k < nm; k++) {
                int v = mem[k];
                mpq_set_num(pr->beliefq[v], P[(size_t)v * KK + D]);
                mpq_set_den(pr->beliefq[v], zs);
                mpq_canonicalize(pr->beliefq[v]);
                pr->belief[v] = brink_q_get_d(pr->beliefq[v]);
            }
            continue;
        }
        mpq_set_ui(sum, 0, 1);
        if (D >= 0)
            for (int k = 0; k < nm; k++) {
                int v = mem[k];
                if (mpq_sgn(chance[v]) == 0)
                    continue;
                mpq_set_z(tmp, P[(size_t)v * KK + D]);
                mpq_mul(tmp, tmp, chance[v]);
                mpq_add(sum, sum, tmp);
            }
        for (int k = 0; k < nm; k++) {
            int v = mem[k];
            if (D < 0) { /* only through zero-probability chance moves: no information */
                mpq_set_ui(pr->beliefq[v], 1, (unsigned long)nm);
            } else if (mpq_sgn(chance[v]) == 0) {
                mpq_set_ui(pr->beliefq[v], 0, 1);
            } else {
                mpq_set_z(tmp, P[(size_t)v * KK + D]);
                mpq_mul(tmp, tmp, chance[v]);
                mpq_div(pr->beliefq[v], tmp, sum);
            }
            pr->belief[v] = brink_q_get_d(pr->beliefq[v]);
        }
    }
    mpq_clear(tmp);
    mpq_clear(sum);
    return BRINK_OK;
}

static void seq_scratch_release(void *p)
{
    if (p)
        seq_scratch_clear(p);
    free(p);
}

/* Array k with room for need values (initialised; their values are left from an earlier
 * use, except a new array's, which are 0); NULL when out of memory. */
static mpq_t *seq_array(seq_scratch *sc, int k, size_t need)
{
    if (sc->q[k] && sc->cap[k] >= need)
        return sc->q[k];
    if (sc->q[k])
        brink_q_array_free(sc->q[k], sc->cap[k]);
    sc->q[k] = brink_q_array_new(need);
    sc->cap[k] = sc->q[k] ? need : 0;
    return sc->q[k];
}

static brink_status sequential_solve(const brink_efg *g, const brink_solve_options *o,
                                     brink_profile_list *out, brink_error *err)
{
    if (g->nplayers != 2)
        return brink_error_set(err, BRINK_EUNSUPPORTED,
                               "sequential needs a two-player game; for more players use "
                               "agent-logit, whose limit as lambda grows is sequential");
    seq_scratch local, *sc = o->cache ? brink_solve_cache_scratch(o->cache,
                                                                 &brink_solver_sequential)
                                      : NULL;
    memset(&local, 0, sizeof local);
    if (o->cache && !sc) {
        sc = brink_calloc(1, sizeof *sc);
        if (sc)
            brink_solve_cache_keep(o->cache, &brink_solver_sequential, sc, seq_scratch_release);
    }
    if (!sc)
        sc = &local;
    brink_seqform *sf = brink_seqform_new(g, err);
    if (!sf) {
        seq_scratch_clear(&local);
        return err ? err->code : BRINK_ENOMEM;
    }
    brink_sflcp s;
    brink_status st = brink_sflcp_build_reuse(sf, 1, &s, &sc->lcp, err);
    if (st != BRINK_OK) {
        brink_seqform_free(sf);
        seq_scratch_clear(&local);
        return st;
    }
    s.lcp->ctl = o;
    int n = s.lcp->n, K = s.lcp->nrhs, m1 = s.m[0], m2 = s.m[1];
    int KK = 2 * K - 1; /* degree bound of a product of two plan entries */
    mpq_t *z = seq_array(sc, SQ_Z, (size_t)n * K);
    mpq_t *x = seq_array(sc, SQ_X, (size_t)(m1 + m2) * K); /* plans as polynomials */
    mpq_t *chance = seq_array(sc, SQ_CHANCE, (size_t)g->nnodes);
    mpq_t *reach = seq_array(sc, SQ_REACH, (size_t)g->nnodes * KK);
    mpz_t *zn = seq_zarray(sc, SZ_Z, (size_t)n * K + 1); /* numerators, then the denominator */
    mpq_t tmp, sum;
    mpq_init(tmp);
    mpq_init(sum);
    long pivots = 0;
    int as_int = 0;
    if (!z || !x || !chance || !reach || !zn) {
        st = brink_error_set(err, BRINK_ENOMEM, "sequential: out of memory");
        goto out;
    }
    {
        int exact = 0, fallback = 0;
        double *zd = brink_calloc((size_t)n + 1, sizeof *zd);
        st = zd ? brink_lemke_robust_int(s.lcp, o, z, zn, zn[(size_t)n * K], &as_int, n, &exact,
                                         zd, &pivots, &fallback, err)
                : brink_error_set(err, BRINK_ENOMEM, "sequential: out of memory");
        free(zd);
        out->stats.fallback_reason = fallback;
        out->stats.exact_fallbacks = fallback != BRINK_FALLBACK_NONE;
        if (st != BRINK_OK)
            goto out;
    }
    /* x = x' + l: add eps^len(s) to every non-empty sequence. */
    for (int i = 0; i < 2 && !as_int; i++) {
        int off = i == 0 ? 0 : m1;
        for (int q = 0; q < s.m[i]; q++) {
            for (int k = 0; k < K; k++)
                mpq_set(x[(size_t)(off + q) * K + k], z[(size_t)(off + q) * K + k]);
            if (q != 0) {
                mpq_t *c = &x[(size_t)(off + q) * K + s.seqlen[i][q]];
                mpq_set_ui(tmp, 1, 1);
                mpq_add(*c, *c, tmp);
            }
        }
    }
    brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_BEHAV, g->nactions, 1, err);
    if (!pr) {
        st = BRINK_ENOMEM;
        goto out;
    }
    pr->belief = brink_calloc((size_t)g->nnodes, sizeof *pr->belief);
    pr->beliefq = brink_q_array_new((size_t)g->nnodes);
    pr->nbelief = g->nnodes; /* the list frees beliefq with this length */
    if (!pr->belief || !pr->beliefq) {
        st = brink_error_set(err, BRINK_ENOMEM, "sequential: out of memory");
        goto out;
    }

    /* Behaviour: limits of x_{sa} / x_s (the integer path: sequential_from_int). */
    for (int i = 0; i < 2 && !as_int; i++) {
        int off = i == 0 ? 0 : m1, as = g->player_action_start[i];
        for (int h = g->player_infoset_start[i]; h < g->player_infoset_start[i + 1]; h++) {
            const mpq_t *xs = &x[(size_t)(off + sf->infoset_parent_seq[h]) * K];
            int d = qpoly_lowest(xs, K);
            int a0 = g->infoset_action_start[h];
            for (int a = 0; a < g->infoset_nactions[h]; a++) {
                const mpq_t *xa = &x[(size_t)(off + 1 + a0 + a - as) * K];
                if (d < 0) /* cannot happen: x_s >= eps^len(s) > 0 */
                    mpq_set_ui(pr->q[a0 + a], 1, (unsigned long)g->infoset_nactions[h]);
                else
                    mpq_div(pr->q[a0 + a], xa[d], xs[d]);
            }
        }
    }
    if (!as_int) {
        for (int a = g->player_action_start[2]; a < g->nactions; a++)
            mpq_set(pr->q[a], g->action_probq[a]);
        brink_profile_sync_doubles(pr);
    }

    /* Beliefs: reach of every node excluding its owner's own plan, as a polynomial. */
    mpq_set_ui(chance[0], 1, 1);
    for (int v = 1; v < g->nnodes; v++) {
        int p = g->node_parent[v];
        if (g->infoset_player[g->node_infoset[p]] == BRINK_CHANCE)
            mpq_mul(chance[v], chance[p], g->action_probq[g->node_action[v]]);
        else
            mpq_set(chance[v], chance[p]);
    }
    if (as_int) {
        st = sequential_from_int(g, sf, &s, sc, (const mpz_t *)zn, zn[(size_t)n * K],
                                 (const mpq_t *)chance, pr, err);
        if (st != BRINK_OK)
            goto out;
        goto beliefs_done;
    }
    mpq_t *one = seq_array(sc, SQ_ONE, (size_t)K);
    mpq_t *prod = seq_array(sc, SQ_PROD, (size_t)KK);
    if (!one || !prod) {
        st = brink_error_set(err, BRINK_ENOMEM, "sequential: out of memory");
        goto out;
    }
    mpq_set_ui(one[0], 1, 1);
    for (int k = 1; k < K; k++)
        mpq_set_ui(one[k], 0, 1);
    for (int h = 0; h < g->ninfosets; h++) {
        int owner = g->infoset_player[h];
        const int *mem = g->infoset_member + g->infoset_member_start[h];
        int nm = g->infoset_nmembers[h], D = -1;
        for (int k = 0; k < nm; k++) {
            int v = mem[k];
            const mpq_t *f1 = owner == 0 ? (const mpq_t *)one
                                         : &x[(size_t)sf->node_seq[(size_t)v * 2] * K];
            const mpq_t *f2 = owner == 1 ? (const mpq_t *)one
                                         : &x[(size_t)(m1 + sf->node_seq[(size_t)v * 2 + 1]) * K];
            qpoly_mul(f1, K, f2, K, prod, tmp);
            mpq_t *r = &reach[(size_t)v * KK];
            for (int c = 0; c < KK; c++)
                mpq_mul(r[c], prod[c], chance[v]);
            int lo = qpoly_lowest(r, KK);
            if (lo >= 0 && (D < 0 || lo < D))
                D = lo;
        }
        mpq_set_ui(sum, 0, 1);
        if (D >= 0)
            for (int k = 0; k < nm; k++)
                mpq_add(sum, sum, reach[(size_t)mem[k] * KK + D]);
        for (int k = 0; k < nm; k++) {
            int v = mem[k];
            if (D < 0) /* only through zero-probability chance moves: no information */
                mpq_set_ui(pr->beliefq[v], 1, (unsigned long)nm);
            else
                mpq_div(pr->beliefq[v], reach[(size_t)v * KK + D], sum);
            pr->belief[v] = brink_q_get_d(pr->beliefq[v]);
        }
    }
beliefs_done:
    out->stats.iterations = pivots;

    /* Sets that only zero-probability chance moves reach get an "as if" completion. */
    st = brink_assessment_complete_unreached(g, pr, err);
    if (st != BRINK_OK)
        goto out;

    /* A failure here is a bug in brink, never an answer. */
    brink_assessment_report rep;
    st = brink_verify_assessment(g, pr, 0, &rep, err);
    if (st == BRINK_OK && !(rep.exact && rep.consistent && rep.sequentially_rational))
        st = brink_error_set(err, BRINK_EVERIFY,
                             "sequential: the computed assessment fails the exact check "
                             "(consistent %d, sequentially rational %d, regret %.3g at "
                             "information set %d): this is a bug in brink",
                             rep.consistent, rep.sequentially_rational, rep.max_regret,
                             rep.worst_infoset);
out:
    mpq_clear(tmp);
    mpq_clear(sum);
    sc->lcp = s.lcp;   /* kept for the next game (freed below when not cached) */
    s.lcp = NULL;
    brink_sflcp_free(&s);
    brink_seqform_free(sf);
    seq_scratch_clear(&local);
    return st;
}

const brink_solver brink_solver_sequential = {
    .name = "sequential",
    .summary = "quasi-perfect equilibrium with beliefs (Miltersen-Sorensen perturbed sequence "
               "form, symbolic eps; 2-player extensive games)",
    .guarantee = "one quasi-perfect, hence sequential, equilibrium, exact in rationals, with "
                 "consistent beliefs at every information set (off the path too); sequential "
                 "rationality is checked exactly before it is returned",
    .flags = BRINK_SOLVER_EFG | BRINK_SOLVER_TWO_PLAYER | BRINK_SOLVER_EXACT |
             BRINK_SOLVER_BELIEFS,
    .solve_nfg = NULL,
    .solve_efg = sequential_solve,
};
