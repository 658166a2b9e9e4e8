/* nfg_fixtures.h — small helpers for the strategic-form solver tests: build games from integer
 * tables, run a registered solver through brink_solve (which verifies every profile), and turn
 * the exact profiles into canonical strings for set comparisons (lrsnash_ref.h's eqset).
 */
#ifndef BRINK_TEST_NFG_FIXTURES_H
#define BRINK_TEST_NFG_FIXTURES_H

#include <stdint.h>
#include "brink/brink.h"
#include "check.h"
#include "lrsnash_ref.h"

/* 2-player game from row-major m x n integer tables. */
static inline brink_nfg *fx_bimatrix(int m, int n, const long *a, const long *b)
{
    int ns[2] = {m, n};
    brink_nfg *g = brink_nfg_new(2, ns, NULL);
    if (!g)
        return NULL;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            int s[2] = {i, j};
            size_t c = brink_nfg_cell(g, s);
            brink_nfg_set_payoff_si(g, c, 0, a[i * n + j], 1);
            brink_nfg_set_payoff_si(g, c, 1, b[i * n + j], 1);
        }
    return g;
}

/* N-player game: pay[cell * n + p] in Gambit cell order (player 0 fastest). */
static inline brink_nfg *fx_table(int nplayers, const int *nstrats, const long *pay)
{
    brink_nfg *g = brink_nfg_new(nplayers, nstrats, NULL);
    if (!g)
        return NULL;
    for (size_t c = 0; c < g->ncells; c++)
        for (int p = 0; p < nplayers; p++)
            brink_nfg_set_payoff_si(g, c, p, pay[c * (size_t)nplayers + p], 1);
    return g;
}

/* Jordan's (1993) cyclic matching pennies: three players choose 0 or 1; the first gets 1 for
 * matching the second, the second for matching the third, the third for mismatching the
 * first. Its one equilibrium is every player at 1/2 (no pure one). NULL on OOM. */
static inline brink_nfg *fx_cyclic_pennies(void)
{
    int ns[3] = {2, 2, 2};
    long pay[8 * 3];
    for (int c = 0; c < 8; c++) {   /* Gambit cell order: player 1 fastest */
        int s[3] = {c & 1, (c >> 1) & 1, (c >> 2) & 1};
        pay[c * 3 + 0] = s[0] == s[1];
        pay[c * 3 + 1] = s[1] == s[2];
        pay[c * 3 + 2] = s[2] != s[0];
    }
    return fx_table(3, ns, pay);
}

/* The game file tests/data/games/NAME (.nfg or .efg), read into *game. The file is the
 * repository's: failing to read it is a failed check (never a skip). 0 ok, -1 not read. */
static inline int fx_read_data_game(const char *name, brink_game *game)
{
    size_t n = strlen(check_source_dir()) + strlen(name) + 32;
    char *path = malloc(n);
    if (!path) {
        CHECK_MSG(0, "%s: out of memory", name);
        return -1;
    }
    snprintf(path, n, "%s/tests/data/games/%s", check_source_dir(), name);
    brink_error err;
    int ok = brink_game_read_file(path, game, &err) == BRINK_OK;
    CHECK_MSG(ok, "%s: %s", path, err.message);
    free(path);
    return ok ? 0 : -1;
}

typedef struct fx_rng {
    uint64_t s;
} fx_rng;

static inline long fx_rand(fx_rng *r, long lo, long hi)
{
    r->s = r->s * 6364136223846793005u + 1442695040888963407u;
    return lo + (long)((r->s >> 33) % (uint64_t)(hi - lo + 1));
}

/* Run solver `name` through brink_solve with options o (NULL = defaults). */
static inline brink_status fx_solve(const char *name, const brink_nfg *g,
                                    const brink_solve_options *o, brink_profile_list *out,
                                    brink_error *err)
{
    brink_profile_list_init(out);
    const brink_solver *s = brink_solver_find(name);
    if (!s)
        return brink_error_set(err, BRINK_EINVALID, "no solver %s", name);
    brink_game game = {BRINK_GAME_NFG, (brink_nfg *)g, NULL};
    return brink_solve(s, &game, o, out, err);
}

/* Exact profiles of a 2-player list as "x | y" strings. */
static inline void fx_profile_set(const brink_nfg *g, const brink_profile_list *l, eqset *out)
{
    memset(out, 0, sizeof *out);
    int m = g->nstrats[0], n = g->nstrats[1];
    char *buf = malloc((size_t)(m + n + 2) * 256);
    for (int i = 0; i < l->count; i++) {
        if (!l->items[i].q)
            continue;
        buf[0] = 0;
        eqset_put_vec(buf, (size_t)(m + n + 2) * 256, l->items[i].q, m);
        strcat(buf, " | ");
        eqset_put_vec(buf, (size_t)(m + n + 2) * 256, l->items[i].q + m, n);
        eqset_add(out, buf);
    }
    free(buf);
    eqset_finish(out);
}

static inline int fx_set_has(const eqset *s, const char *str)
{
    for (int i = 0; i < s->count; i++)
        if (strcmp(s->items[i], str) == 0)
            return 1;
    return 0;
}

#endif
