/* test_generate_classes.c — brink_generate for every kind: defaults and a second option set
 * build a game that survives a round trip through the Gambit writer and reader; seeds repeat;
 * misspelt options, values out of range and oversized requests are refused with messages.
 * The classes' game-theoretic properties are checked from Python (python/tests/
 * test_generate.py) and, for a few, here with the exact solvers, so the sanitizer builds
 * (which skip Python) run them too. */
#include "check.h"
#include "brink/brink.h"

static int gen(const char *kind, const char *k0, const char *v0, const char *k1,
               const char *v1, brink_game *g, brink_error *err)
{
    const char *keys[2] = {k0, k1}, *vals[2] = {v0, v1};
    int n = k1 ? 2 : k0 ? 1 : 0;
    return brink_generate(kind, keys, vals, n, g, err);
}

static char *text_of(const brink_game *g)
{
    brink_buf b;
    brink_buf_init(&b);
    brink_error err;
    brink_status st = g->kind == BRINK_GAME_EFG ? brink_efg_write(g->efg, &b, &err)
                                                : brink_nfg_write(g->nfg, &b, &err);
    CHECK(st == BRINK_OK);
    if (st) {
        brink_buf_free(&b);
        return NULL;
    }
    return b.data;   /* the caller frees */
}

static void roundtrip(const brink_game *g, const char *kind)
{
    char *t = text_of(g);
    if (!t)
        return;
    brink_game h;
    brink_error err;
    CHECK_MSG(brink_game_read(t, strlen(t), kind, &h, &err) == BRINK_OK, "%s: %s", kind,
              err.message);
    if (h.kind == BRINK_GAME_NFG && g->kind == BRINK_GAME_NFG)
        CHECK_MSG(brink_nfg_equal(g->nfg, h.nfg), "%s", kind);
    else if (h.kind == BRINK_GAME_EFG && g->kind == BRINK_GAME_EFG)
        CHECK_MSG(brink_efg_equal(g->efg, h.efg), "%s", kind);
    else
        CHECK_MSG(0, "%s: kind changed", kind);
    brink_game_free(&h);
    free(t);
}

static void test_every_kind(void)
{
    int n = 0;
    for (int i = 0; brink_generator(i); i++, n++) {
        const brink_generator_info *k = brink_generator(i);
        brink_game g;
        brink_error err;
        CHECK_MSG(gen(k->name, NULL, NULL, NULL, NULL, &g, &err) == BRINK_OK, "%s: %s", k->name,
                  err.message);
        roundtrip(&g, k->name);
        brink_game_free(&g);
    }
    CHECK_EQ_INT(n, 20);
}

static void test_seeds(void)
{
    const char *kinds[] = {"uniform", "integer", "covariant", "zerosum", "degenerate",
                           "polymatrix", "coordination"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        brink_game a, b, c;
        brink_error err;
        CHECK(gen(kinds[i], "seed", "7", NULL, NULL, &a, &err) == BRINK_OK);
        CHECK(gen(kinds[i], "seed", "7", NULL, NULL, &b, &err) == BRINK_OK);
        CHECK(gen(kinds[i], "seed", "8", NULL, NULL, &c, &err) == BRINK_OK);
        CHECK_MSG(brink_nfg_equal(a.nfg, b.nfg), "%s: same seed, other game", kinds[i]);
        CHECK_MSG(!brink_nfg_equal(a.nfg, c.nfg), "%s: other seed, same game", kinds[i]);
        brink_game_free(&a);
        brink_game_free(&b);
        brink_game_free(&c);
    }
}

static void test_refusals(void)
{
    brink_game g;
    brink_error err;
    CHECK(gen("nosuch", NULL, NULL, NULL, NULL, &g, &err) == BRINK_EINVALID);
    CHECK(strstr(err.message, "unknown kind 'nosuch'") != NULL);
    CHECK(g.kind == BRINK_GAME_NONE && !g.nfg && !g.efg);
    CHECK(gen("travellers", "hihg", "5", NULL, NULL, &g, &err) == BRINK_EINVALID);
    CHECK(strstr(err.message, "unknown option 'hihg'") != NULL);
    CHECK(gen("travellers", "high", "1", NULL, NULL, &g, &err) == BRINK_EINVALID);
    CHECK(gen("integer", "actions", "three", NULL, NULL, &g, &err) == BRINK_EINVALID);
    CHECK(strstr(err.message, "actions=three") != NULL);
    CHECK(gen("integer", "seed", "-1", NULL, NULL, &g, &err) == BRINK_EINVALID);
    CHECK(gen("integer", "min", "5", "max", "4", &g, &err) == BRINK_EINVALID);
    CHECK(gen("covariant", "r", "3/2", NULL, NULL, &g, &err) == BRINK_EINVALID);
    CHECK(gen("covariant", "r", "x", NULL, NULL, &g, &err) == BRINK_EINVALID);
    CHECK(gen("integer", "players", "30", "actions", "10", &g, &err) == BRINK_ETOOBIG);
    CHECK(gen("crisis", "rounds", "60", "levels", "1000", &g, &err) == BRINK_ETOOBIG);
    /* Within BRINK_MAX_CELLS but gigabytes of table: refused before allocating. */
    CHECK(gen("integer", "actions", "8000", NULL, NULL, &g, &err) == BRINK_ETOOBIG);
    CHECK(strstr(err.message, "too big") != NULL);
    CHECK(gen("location", "actions", "5000", NULL, NULL, &g, &err) == BRINK_ETOOBIG);
    CHECK(gen("bos", "high", "1", "low", "2", &g, &err) == BRINK_EINVALID);
    CHECK(gen("integer", NULL, NULL, NULL, NULL, &g, NULL) == BRINK_OK);   /* err may be NULL */
    brink_game_free(&g);
    CHECK(gen("integer", "actions", "0", NULL, NULL, &g, NULL) == BRINK_EINVALID);
}

/* A few properties with the exact solvers: travellers' dilemma's unique equilibrium at the
 * lowest claim, matching pennies' value 0, a zero-sum game's sums. */
static void test_properties(void)
{
    brink_game g;
    brink_error err;
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.all = 1;
    brink_profile_list l;
    brink_profile_list_init(&l);
    CHECK(gen("travellers", "high", "12", NULL, NULL, &g, &err) == BRINK_OK);
    CHECK(brink_solve(brink_solver_find("enummixed"), &g, &o, &l, &err) == BRINK_OK);
    CHECK_EQ_INT(l.count, 1);
    CHECK(l.stats.complete);
    if (l.count == 1) {
        CHECK(mpq_cmp_si(l.items[0].q[0], 1, 1) == 0);    /* claim 2 */
        CHECK(mpq_cmp_si(l.items[0].q[11], 1, 1) == 0);
        CHECK(mpq_cmp_si(l.items[0].valueq[0], 2, 1) == 0);
    }
    brink_profile_list_free(&l);
    brink_game_free(&g);

    brink_profile_list_init(&l);
    CHECK(gen("pennies", NULL, NULL, NULL, NULL, &g, &err) == BRINK_OK);
    CHECK(brink_solve(brink_solver_find("lp"), &g, &o, &l, &err) == BRINK_OK);
    CHECK(l.count >= 1 && l.items[0].valueq && mpq_sgn(l.items[0].valueq[0]) == 0);
    brink_profile_list_free(&l);
    brink_game_free(&g);

    CHECK(gen("zerosum", "actions", "5", "seed", "3", &g, &err) == BRINK_OK);
    mpq_t sum;
    mpq_init(sum);
    CHECK(brink_nfg_is_constant_sum(g.nfg, sum) && mpq_sgn(sum) == 0);
    mpq_clear(sum);
    brink_game_free(&g);
}

int main(void)
{
    test_every_kind();
    test_seeds();
    test_refusals();
    test_properties();
    return check_finish();
}
