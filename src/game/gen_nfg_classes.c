/* gen_nfg_classes.c — the structured strategic-form classes of brink_generate, after the
 * classes of GAMUT (Nudelman et al. 2004): battle of the sexes, chicken, prisoner's dilemma,
 * matching pennies, coordination, dispersion, travellers' dilemma, war of attrition, Bertrand
 * oligopoly and location (Hotelling) games. Payoffs are exact integers or rationals built from
 * the options; each class's rules and its textbook property are in docs/generate.md.
 */
#include <stdio.h>
#include <string.h>
#include "brink/io.h"
#include "game/gen_args.h"

brink_nfg *gen_nfg(gen_args *a, int nplayers, const int *nstrats, int m, const char *title)
{
    int ns[BRINK_MAX_PLAYERS];
    /* The table's memory, checked as the .nfg reader checks it, before anything is built:
     * BRINK_MAX_CELLS alone would let 2^26 cells ask for gigabytes. */
    size_t bytes = BRINK_NFG_BYTES_PER_PAYOFF * (size_t)nplayers;
    for (int p = 0; p < nplayers; p++) {
        ns[p] = nstrats ? nstrats[p] : m;
        if (ns[p] < 1 || brink_mul_size(bytes, (size_t)ns[p], &bytes) ||
            bytes > BRINK_MAX_NFG_TABLE_BYTES) {
            brink_error_set(a->err, ns[p] < 1 ? BRINK_EINVALID : BRINK_ETOOBIG,
                            "generate %s: %s (at most %zu bytes of payoff table)", a->kind,
                            ns[p] < 1 ? "every player needs a strategy" : "the game is too big",
                            (size_t)BRINK_MAX_NFG_TABLE_BYTES);
            return NULL;
        }
    }
    brink_nfg *g = brink_nfg_new(nplayers, ns, a->err);
    if (g && brink_nfg_set_title(g, title, a->err) != BRINK_OK) {
        brink_nfg_free(g);
        return NULL;
    }
    return g;
}

brink_status gen_number_labels(gen_args *a, brink_nfg *g, long base)
{
    char lab[32];
    for (int p = 0; p < g->nplayers; p++)
        for (int s = 0; s < g->nstrats[p]; s++) {
            snprintf(lab, sizeof lab, "%ld", base + s);
            if (brink_nfg_set_strat_label(g, p, s, lab, a->err) != BRINK_OK)
                return a->err ? a->err->code : BRINK_ENOMEM;
        }
    return BRINK_OK;
}

/* A 2x2 game from the four payoff pairs (row-major: pay[(r * 2 + c) * 2 + p]) and labels. */
static brink_nfg *two_by_two(gen_args *a, const char *title, const long pay[8],
                             const char *l0, const char *l1)
{
    brink_nfg *g = gen_nfg(a, 2, NULL, 2, title);
    if (!g)
        return NULL;
    for (int r = 0; r < 2; r++)
        for (int c = 0; c < 2; c++) {
            int st[2] = {r, c};
            size_t cell = brink_nfg_cell(g, st);
            brink_nfg_set_payoff_si(g, cell, 0, pay[(r * 2 + c) * 2], 1);
            brink_nfg_set_payoff_si(g, cell, 1, pay[(r * 2 + c) * 2 + 1], 1);
        }
    for (int p = 0; p < 2; p++)
        if (brink_nfg_set_strat_label(g, p, 0, l0, a->err) ||
            brink_nfg_set_strat_label(g, p, 1, l1, a->err)) {
            brink_nfg_free(g);
            return NULL;
        }
    return g;
}

#define BIG 1000000000L

brink_nfg *gen_bos(gen_args *a)
{
    long hi, lo;
    if (gen_long(a, "high", 2, -BIG, BIG, &hi) || gen_long(a, "low", 1, -BIG, BIG, &lo))
        return NULL;
    if (!(hi > lo && lo > 0)) {
        brink_error_set(a->err, BRINK_EINVALID, "generate bos: needs high > low > 0 (got %ld, %ld)",
                        hi, lo);
        return NULL;
    }
    const long pay[8] = {hi, lo, 0, 0, 0, 0, lo, hi};
    return two_by_two(a, "Battle of the sexes", pay, "Opera", "Football");
}

brink_nfg *gen_chicken(gen_args *a)
{
    long win, lose, crash;
    if (gen_long(a, "win", 1, -BIG, BIG, &win) || gen_long(a, "lose", -1, -BIG, BIG, &lose) ||
        gen_long(a, "crash", -10, -BIG, BIG, &crash))
        return NULL;
    if (!(win > 0 && 0 > lose && lose > crash)) {
        brink_error_set(a->err, BRINK_EINVALID,
                        "generate chicken: needs win > 0 > lose > crash (got %ld, %ld, %ld)", win,
                        lose, crash);
        return NULL;
    }
    const long pay[8] = {0, 0, lose, win, win, lose, crash, crash};
    return two_by_two(a, "Chicken", pay, "Swerve", "Straight");
}

brink_nfg *gen_pd(gen_args *a)
{
    long t, r, p, s;
    if (gen_long(a, "temptation", 5, -BIG, BIG, &t) || gen_long(a, "reward", 3, -BIG, BIG, &r) ||
        gen_long(a, "punishment", 1, -BIG, BIG, &p) || gen_long(a, "sucker", 0, -BIG, BIG, &s))
        return NULL;
    if (!(t > r && r > p && p > s)) {
        brink_error_set(a->err, BRINK_EINVALID,
                        "generate pd: needs temptation > reward > punishment > sucker "
                        "(got %ld, %ld, %ld, %ld)", t, r, p, s);
        return NULL;
    }
    const long pay[8] = {r, r, s, t, t, s, p, p};
    return two_by_two(a, "Prisoner's dilemma", pay, "Cooperate", "Defect");
}

brink_nfg *gen_pennies(gen_args *a)
{
    long k;
    if (gen_long(a, "stake", 1, 1, BIG, &k))
        return NULL;
    const long pay[8] = {k, -k, -k, k, -k, k, k, -k};
    return two_by_two(a, "Matching pennies", pay, "Heads", "Tails");
}

/* Everyone on the same action k earns diag[k] (random in [1, max]); any mismatch earns 0. */
brink_nfg *gen_coordination(gen_args *a)
{
    long n, m, max;
    uint64_t seed;
    if (gen_long(a, "players", 2, 2, BRINK_MAX_PLAYERS, &n) ||
        gen_long(a, "actions", 3, 1, 1 << 20, &m) || gen_long(a, "max", 10, 1, BIG, &max) ||
        gen_seed(a, &seed))
        return NULL;
    brink_nfg *g = gen_nfg(a, (int)n, NULL, (int)m, "Coordination game");
    if (!g)
        return NULL;
    brink_rng rng;
    brink_rng_seed(&rng, seed);
    for (int k = 0; k < m; k++) {
        long d = 1 + (long)brink_rng_below(&rng, (uint64_t)max);
        int st[BRINK_MAX_PLAYERS];
        for (int p = 0; p < n; p++)
            st[p] = k;
        size_t cell = brink_nfg_cell(g, st);
        for (int p = 0; p < n; p++)
            brink_nfg_set_payoff_si(g, cell, p, d, 1);
    }
    return g;
}

/* Grenager, Powers and Shoham (2002): a player earns 1 when no one else chose its action. */
brink_nfg *gen_dispersion(gen_args *a)
{
    long n, m;
    if (gen_long(a, "players", 3, 2, BRINK_MAX_PLAYERS, &n) ||
        gen_long(a, "actions", 3, 1, 1 << 20, &m))
        return NULL;
    brink_nfg *g = gen_nfg(a, (int)n, NULL, (int)m, "Dispersion game");
    if (!g)
        return NULL;
    int st[BRINK_MAX_PLAYERS];
    for (size_t cell = 0; cell < g->ncells; cell++) {
        brink_nfg_cell_strats(g, cell, st);
        for (int p = 0; p < n; p++) {
            int alone = 1;
            for (int q = 0; q < n; q++)
                if (q != p && st[q] == st[p])
                    alone = 0;
            brink_nfg_set_payoff_si(g, cell, p, alone, 1);
        }
    }
    return g;
}

/* Basu (1994): claims low..high; equal claims are paid; otherwise both get the lower claim,
 * its maker plus the bonus, the other minus it. */
brink_nfg *gen_travellers(gen_args *a)
{
    long lo, hi, bonus;
    if (gen_long(a, "low", 2, -BIG, BIG, &lo) || gen_long(a, "high", 100, -BIG, BIG, &hi) ||
        gen_long(a, "bonus", 2, 1, BIG, &bonus))
        return NULL;
    if (hi <= lo || hi - lo >= 1 << 20) {
        brink_error_set(a->err, BRINK_EINVALID,
                        "generate travellers: needs low < high, at most 2^20 claims (got %ld..%ld)",
                        lo, hi);
        return NULL;
    }
    brink_nfg *g = gen_nfg(a, 2, NULL, (int)(hi - lo + 1), "Travellers' dilemma");
    if (!g || gen_number_labels(a, g, lo)) {
        brink_nfg_free(g);
        return NULL;
    }
    int st[2];
    for (size_t cell = 0; cell < g->ncells; cell++) {
        brink_nfg_cell_strats(g, cell, st);
        long x = lo + st[0], y = lo + st[1];
        long px = x == y ? x : x < y ? x + bonus : y - bonus;
        long py = x == y ? y : y < x ? y + bonus : x - bonus;
        brink_nfg_set_payoff_si(g, cell, 0, px, 1);
        brink_nfg_set_payoff_si(g, cell, 1, py, 1);
    }
    return g;
}

/* Two players choose when to quit (0..actions-1). Both pay the earlier time; the later one
 * wins the prize (value1, value2); at a tie each gets half its value. */
brink_nfg *gen_attrition(gen_args *a)
{
    long m, v[2];
    if (gen_long(a, "actions", 5, 1, 1 << 20, &m) || gen_long(a, "value1", 3, 0, BIG, &v[0]) ||
        gen_long(a, "value2", 3, 0, BIG, &v[1]))
        return NULL;
    brink_nfg *g = gen_nfg(a, 2, NULL, (int)m, "War of attrition");
    if (!g || gen_number_labels(a, g, 0)) {
        brink_nfg_free(g);
        return NULL;
    }
    int st[2];
    for (size_t cell = 0; cell < g->ncells; cell++) {
        brink_nfg_cell_strats(g, cell, st);
        long t = st[0] < st[1] ? st[0] : st[1];
        for (int p = 0; p < 2; p++) {
            if (st[0] == st[1])
                brink_nfg_set_payoff_si(g, cell, p, v[p] - 2 * t, 2);
            else
                brink_nfg_set_payoff_si(g, cell, p, (st[p] > st[1 - p] ? v[p] : 0) - t, 1);
        }
    }
    return g;
}

/* Firms set prices 0..actions-1 at unit cost `cost`; demand at price x is max(demand - x, 0);
 * the firms at the lowest price share it equally; profit (x - cost) * demand / sharers. */
brink_nfg *gen_bertrand(gen_args *a)
{
    long n, m, c, d;
    if (gen_long(a, "players", 2, 2, BRINK_MAX_PLAYERS, &n) ||
        gen_long(a, "actions", 10, 1, 1 << 20, &m) || gen_long(a, "cost", 1, 0, BIG, &c) ||
        gen_long(a, "demand", m, 0, BIG, &d))
        return NULL;
    brink_nfg *g = gen_nfg(a, (int)n, NULL, (int)m, "Bertrand oligopoly");
    if (!g || gen_number_labels(a, g, 0)) {
        brink_nfg_free(g);
        return NULL;
    }
    int st[BRINK_MAX_PLAYERS];
    for (size_t cell = 0; cell < g->ncells; cell++) {
        brink_nfg_cell_strats(g, cell, st);
        int low = st[0], k = 0;
        for (int p = 1; p < n; p++)
            if (st[p] < low)
                low = st[p];
        for (int p = 0; p < n; p++)
            k += st[p] == low;
        long q = d > low ? d - low : 0;
        for (int p = 0; p < n; p++)
            brink_nfg_set_payoff_si(g, cell, p, st[p] == low ? (low - c) * q : 0,
                                    st[p] == low ? (unsigned long)k : 1);
    }
    return g;
}

/* Hotelling (1929) on a line of `actions` sites, one customer at each: a customer buys from
 * the nearest vendor, split equally at ties; a vendor earns its customers. */
brink_nfg *gen_location(gen_args *a)
{
    long n, m;
    if (gen_long(a, "players", 2, 2, BRINK_MAX_PLAYERS, &n) ||
        gen_long(a, "actions", 7, 1, 1 << 16, &m))
        return NULL;
    /* Work: every cell scans every site for every player; keep it to seconds. */
    double work = (double)m * (double)n * (double)m;
    for (long p = 1; p < n; p++)
        work *= (double)m;
    if (work > (double)(1L << 26)) {
        brink_error_set(a->err, BRINK_ETOOBIG,
                        "generate location: %ld players on %ld sites is too much work "
                        "(players x sites^(players+1) at most 2^26)", n, m);
        return NULL;
    }
    brink_nfg *g = gen_nfg(a, (int)n, NULL, (int)m, "Location game");
    if (!g || gen_number_labels(a, g, 0)) {
        brink_nfg_free(g);
        return NULL;
    }
    int st[BRINK_MAX_PLAYERS];
    mpq_t share, sum[BRINK_MAX_PLAYERS];
    mpq_init(share);
    for (int p = 0; p < n; p++)
        mpq_init(sum[p]);
    for (size_t cell = 0; cell < g->ncells; cell++) {
        brink_nfg_cell_strats(g, cell, st);
        for (int p = 0; p < n; p++)
            mpq_set_ui(sum[p], 0, 1);
        for (long x = 0; x < m; x++) {
            long best = -1;
            int k = 0;
            for (int p = 0; p < n; p++) {
                long dist = x > st[p] ? x - st[p] : st[p] - x;
                if (best < 0 || dist < best) {
                    best = dist;
                    k = 1;
                } else if (dist == best) {
                    k++;
                }
            }
            mpq_set_ui(share, 1, (unsigned long)k);
            for (int p = 0; p < n; p++) {
                long dist = x > st[p] ? x - st[p] : st[p] - x;
                if (dist == best)
                    mpq_add(sum[p], sum[p], share);
            }
        }
        for (int p = 0; p < n; p++)
            brink_nfg_set_payoff(g, cell, p, sum[p]);
    }
    mpq_clear(share);
    for (int p = 0; p < n; p++)
        mpq_clear(sum[p]);
    return g;
}
