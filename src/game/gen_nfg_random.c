/* gen_nfg_random.c — random strategic games of brink_generate, all from brink_rng so that one
 * seed gives one game on every machine: uniform payoffs (decimals in [0, 1)), integer payoffs,
 * covariance-controlled normal payoffs (GAMUT's covariant game), zero-sum, degenerate
 * bimatrix games and polymatrix games. Payoffs are exact rationals (decimals are rounded to
 * `digits` places first, so the .nfg text is the game).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "game/gen_args.h"

#define BIG 1000000000L

/* players, per-player action count, seed: the options every random class shares. */
typedef struct shape {
    long n, m;
    uint64_t seed;
} shape;

static brink_status read_shape(gen_args *a, long def_n, long max_n, shape *s)
{
    if (gen_long(a, "players", def_n, 2, max_n, &s->n) ||
        gen_long(a, "actions", 3, 1, 1 << 20, &s->m) || gen_seed(a, &s->seed))
        return a->err ? a->err->code : BRINK_EINVALID;
    return BRINK_OK;
}

static brink_status read_range(gen_args *a, long *lo, long *hi)
{
    if (gen_long(a, "min", 0, -BIG, BIG, lo) || gen_long(a, "max", 99, -BIG, BIG, hi))
        return BRINK_EINVALID;
    if (*lo > *hi)
        return brink_error_set(a->err, BRINK_EINVALID, "generate %s: needs min <= max (got %ld, %ld)",
                               a->kind, *lo, *hi);
    return BRINK_OK;
}

static long rand_int(brink_rng *r, long lo, long hi)
{
    return lo + (long)brink_rng_below(r, (uint64_t)(hi - lo) + 1);
}

/* x rounded to `digits` decimals, exactly: round(x * 10^digits) / 10^digits. */
static void set_decimal(brink_nfg *g, size_t cell, int p, double x, long digits)
{
    double scale = pow(10.0, (double)digits);
    brink_nfg_set_payoff_si(g, cell, p, (long)llround(x * scale), (unsigned long)llround(scale));
}

brink_nfg *gen_uniform(gen_args *a)
{
    shape s;
    long digits;
    if (read_shape(a, 2, BRINK_MAX_PLAYERS, &s) || gen_long(a, "digits", 3, 1, 9, &digits))
        return NULL;
    brink_nfg *g = gen_nfg(a, (int)s.n, NULL, (int)s.m, "Random game (uniform payoffs)");
    if (!g)
        return NULL;
    brink_rng rng;
    brink_rng_seed(&rng, s.seed);
    long scale = lround(pow(10.0, (double)digits));
    for (size_t cell = 0; cell < g->ncells; cell++)
        for (int p = 0; p < s.n; p++)
            brink_nfg_set_payoff_si(g, cell, p, (long)brink_rng_below(&rng, (uint64_t)scale),
                                    (unsigned long)scale);
    return g;
}

brink_nfg *gen_integer(gen_args *a)
{
    shape s;
    long lo, hi;
    if (read_shape(a, 2, BRINK_MAX_PLAYERS, &s) || read_range(a, &lo, &hi))
        return NULL;
    brink_nfg *g = gen_nfg(a, (int)s.n, NULL, (int)s.m, "Random game (integer payoffs)");
    if (!g)
        return NULL;
    brink_rng rng;
    brink_rng_seed(&rng, s.seed);
    for (size_t cell = 0; cell < g->ncells; cell++)
        for (int p = 0; p < s.n; p++)
            brink_nfg_set_payoff_si(g, cell, p, rand_int(&rng, lo, hi), 1);
    return g;
}

/* A standard normal draw (Box–Muller; u1 in (0, 1] so the log is finite). */
static double normal(brink_rng *r)
{
    double u1 = 1.0 - brink_rng_uniform(r), u2 = brink_rng_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * 3.14159265358979323846 * u2);
}

/* Each cell's payoff vector is normal with unit variances and correlation r between every two
 * players (GAMUT's covariant game): r = 1 gives common interests, r = -1 (two players) a
 * zero-sum game. Drawn as L z with L the Cholesky factor of (1 - r) I + r J. */
brink_nfg *gen_covariant(gen_args *a)
{
    shape s;
    long digits;
    mpq_t rq, bound;
    mpq_inits(rq, bound, NULL);
    brink_nfg *g = NULL;
    double *L = NULL;
    if (read_shape(a, 2, 16, &s) || gen_long(a, "digits", 3, 1, 9, &digits) ||
        gen_q(a, "r", 0, rq))
        goto done;
    mpq_set_si(bound, -1, (unsigned long)(s.n - 1));
    if (mpq_cmp(rq, bound) < 0 || mpq_cmp_si(rq, 1, 1) > 0) {
        brink_error_set(a->err, BRINK_EINVALID,
                        "generate covariant: r must lie in [-1/(players-1), 1] = [-1/%ld, 1]",
                        s.n - 1);
        goto done;
    }
    double r = brink_q_get_d(rq);
    L = brink_calloc((size_t)(s.n * s.n), sizeof *L);
    if (!L) {
        brink_error_set(a->err, BRINK_ENOMEM, "generate covariant: out of memory");
        goto done;
    }
    for (int i = 0; i < s.n; i++)
        for (int j = 0; j <= i; j++) {
            double v = i == j ? 1.0 : r;
            for (int k = 0; k < j; k++)
                v -= L[i * s.n + k] * L[j * s.n + k];
            if (i == j)
                L[i * s.n + i] = v > 1e-12 ? sqrt(v) : 0.0;  /* singular: r = 1 or the bound */
            else
                L[i * s.n + j] = L[j * s.n + j] > 0 ? v / L[j * s.n + j] : 0.0;
        }
    g = gen_nfg(a, (int)s.n, NULL, (int)s.m, "Covariant random game");
    if (!g)
        goto done;
    brink_rng rng;
    brink_rng_seed(&rng, s.seed);
    double z[16];
    for (size_t cell = 0; cell < g->ncells; cell++) {
        for (int p = 0; p < s.n; p++)
            z[p] = normal(&rng);
        for (int p = 0; p < s.n; p++) {
            double x = 0;
            for (int k = 0; k <= p; k++)
                x += L[p * s.n + k] * z[k];
            set_decimal(g, cell, p, x, digits);
        }
    }
done:
    free(L);
    mpq_clears(rq, bound, NULL);
    return g;
}

brink_nfg *gen_zerosum(gen_args *a)
{
    shape s;
    long lo, hi;
    if (read_shape(a, 2, 2, &s) || gen_long(a, "min", -9, -BIG, BIG, &lo) ||
        gen_long(a, "max", 9, -BIG, BIG, &hi))
        return NULL;
    if (lo > hi) {
        brink_error_set(a->err, BRINK_EINVALID, "generate zerosum: needs min <= max");
        return NULL;
    }
    brink_nfg *g = gen_nfg(a, 2, NULL, (int)s.m, "Random zero-sum game");
    if (!g)
        return NULL;
    brink_rng rng;
    brink_rng_seed(&rng, s.seed);
    for (size_t cell = 0; cell < g->ncells; cell++) {
        long x = rand_int(&rng, lo, hi);
        brink_nfg_set_payoff_si(g, cell, 0, x, 1);
        brink_nfg_set_payoff_si(g, cell, 1, -x, 1);
    }
    return g;
}

/* A random integer bimatrix game made degenerate on purpose: against player 1's first
 * strategy every strategy of player 2 pays the same, so that pure strategy has `actions`
 * best replies (more than its support size of 1). */
brink_nfg *gen_degenerate(gen_args *a)
{
    shape s;
    long lo, hi;
    if (read_shape(a, 2, 2, &s) || read_range(a, &lo, &hi))
        return NULL;
    if (s.m < 2) {
        brink_error_set(a->err, BRINK_EINVALID, "generate degenerate: needs actions >= 2");
        return NULL;
    }
    brink_nfg *g = gen_nfg(a, 2, NULL, (int)s.m, "Random degenerate bimatrix game");
    if (!g)
        return NULL;
    brink_rng rng;
    brink_rng_seed(&rng, s.seed);
    long tie = rand_int(&rng, lo, hi);
    int st[2];
    for (size_t cell = 0; cell < g->ncells; cell++) {
        brink_nfg_cell_strats(g, cell, st);
        brink_nfg_set_payoff_si(g, cell, 0, rand_int(&rng, lo, hi), 1);
        brink_nfg_set_payoff_si(g, cell, 1, st[0] == 0 ? tie : rand_int(&rng, lo, hi), 1);
    }
    return g;
}

/* Players on a graph (complete, or a ring with ring=1); every edge {i, j} carries a random
 * integer bimatrix game, and a player earns the sum over its edges (Janovskaja 1968). */
brink_nfg *gen_polymatrix(gen_args *a)
{
    shape s;
    long lo, hi, ring;
    if (read_shape(a, 3, BRINK_MAX_PLAYERS, &s) || read_range(a, &lo, &hi) ||
        gen_long(a, "ring", 0, 0, 1, &ring))
        return NULL;
    brink_nfg *g = gen_nfg(a, (int)s.n, NULL, (int)s.m, "Polymatrix game");
    if (!g)
        return NULL;
    /* edge[(i * n + j) * m * m + x * m + y]: i's payoff on edge {i, j} playing x against y. */
    size_t nedge = (size_t)(s.n * s.n), mm = (size_t)(s.m * s.m), len;
    long *edge = NULL;
    if (brink_mul_size(nedge, mm, &len) || !(edge = brink_calloc(len, sizeof *edge))) {
        brink_error_set(a->err, BRINK_ENOMEM, "generate polymatrix: out of memory");
        brink_nfg_free(g);
        return NULL;
    }
    brink_rng rng;
    brink_rng_seed(&rng, s.seed);
    for (int i = 0; i < s.n; i++)
        for (int j = 0; j < s.n; j++) {
            int linked = i != j && (!ring || j == (i + 1) % s.n || i == (j + 1) % s.n);
            for (size_t k = 0; linked && k < mm; k++)
                edge[(size_t)(i * s.n + j) * mm + k] = rand_int(&rng, lo, hi);
        }
    int st[BRINK_MAX_PLAYERS];
    for (size_t cell = 0; cell < g->ncells; cell++) {
        brink_nfg_cell_strats(g, cell, st);
        for (int i = 0; i < s.n; i++) {
            long u = 0;
            for (int j = 0; j < s.n; j++)
                u += edge[(size_t)(i * s.n + j) * mm + (size_t)(st[i] * s.m + st[j])];
            brink_nfg_set_payoff_si(g, cell, i, u, 1);
        }
    }
    free(edge);
    return g;
}
