/* test_oom.c — every allocation failure is survived: no crash, no leak (under ASan), and
 * BRINK_ENOMEM (or a NULL result with the error set) instead of an answer.
 *
 * malloc/calloc/realloc are wrapped at link time (-Wl,--wrap=...; see CMakeLists.txt): the
 * wrapper fails the N-th allocation. Each scenario runs with N = 1, 2, ... until it completes
 * without hitting the failure. GMP's own allocations are not wrapped: GMP aborts on OOM by
 * design, which is documented in docs/ as a known limit. */
#include <stdlib.h>

#include "brink/brink.h"
#include "check.h"
#include "efg_fixtures.h"
#include "solve/solvers.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);

static long oom_countdown = -1; /* test-only state: the harness is single-threaded */
static int oom_hit = 0;

static int should_fail(void)
{
    if (oom_countdown < 0) return 0;
    if (oom_countdown-- == 0) {
        oom_hit = 1;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n) { return should_fail() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { return should_fail() ? NULL : __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { return should_fail() ? NULL : __real_realloc(p, n); }

/* Runs f with the k-th allocation failing, for every k, until f succeeds untouched. */
static void exhaust(const char *name, int (*f)(void))
{
    int rounds = 0, bad = 0;
    for (long k = 0; k < 100000; k++) {
        oom_countdown = k;
        oom_hit = 0;
        int ok = f();
        oom_countdown = -1;
        rounds++;
        if (!oom_hit) {
            if (!ok) bad++;
            break;
        }
        if (ok < 0) { /* f reports -1 when a failure was not surfaced as an error */
            bad++;
            fprintf(stderr, "%s: allocation %ld failed silently\n", name, k);
        }
    }
    CHECK_MSG(bad == 0, "%s: %d rounds, %d bad", name, rounds, bad);
    printf("%s: survived %d allocation failures\n", name, rounds - 1);
}

/* Each returns 1 on success, 0 on a reported failure, -1 on a silent one. */
static int build_centipede(void)
{
    brink_efg *g = fx_centipede();
    int ok = g != NULL;
    brink_efg_free(g);
    return ok;
}

static int build_bluff_reduce_and_solve(void)
{
    brink_efg *g = fx_bluff();
    if (!g) return 0;
    brink_error err;
    brink_error_clear(&err);
    brink_reduced *map = NULL;
    brink_nfg *nf = brink_efg_to_nfg(g, &map, &err);
    int ok = 1;
    if (!nf) ok = err.code == BRINK_ENOMEM ? 0 : -1;
    else {
        brink_solve_options o;
        brink_solve_options_init(&o);
        brink_profile_list l;
        brink_profile_list_init(&l);
        brink_status st = brink_solver_enumpure.solve_nfg(nf, &o, &l, &err);
        if (st) ok = st == BRINK_ENOMEM ? 0 : -1;
        for (int i = 0; ok == 1 && i < l.count; i++) {
            st = brink_verify_nfg(nf, &l.items[i], 1, &err);
            if (st) ok = st == BRINK_ENOMEM ? 0 : -1;
        }
        brink_profile_list_free(&l);
    }
    brink_reduced_free(map);
    brink_nfg_free(nf);
    brink_efg_free(g);
    return ok;
}

static int spe_centipede(void)
{
    brink_efg *g = fx_centipede();
    if (!g) return 0;
    brink_solve_options o;
    brink_solve_options_init(&o);
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_error err;
    brink_error_clear(&err);
    brink_status st = brink_solver_spe.solve_efg(g, &o, &l, &err);
    int ok = st == BRINK_OK ? 1 : st == BRINK_ENOMEM ? 0 : -1;
    brink_profile_list_free(&l);
    brink_efg_free(g);
    return ok;
}

static int nfg_clone(void)
{
    int ns[3] = {2, 3, 2};
    brink_nfg *g = brink_nfg_new(3, ns, NULL);
    if (!g) return 0;
    brink_nfg *c = brink_nfg_clone(g, NULL);
    int ok = c != NULL;
    brink_nfg_free(c);
    brink_nfg_free(g);
    return ok;
}

static int read_game_text(void)
{
    static const char text[] =
        "EFG 2 R \"t\" { \"A\" \"B\" }\n\"\"\n"
        "c \"\" 1 \"deal\" { \"H\" 1/2 \"L\" 1/2 } 0\n"
        "p \"\" 1 1 \"h\" { \"b\" \"f\" } 0\n"
        "p \"\" 2 1 \"x\" { \"c\" \"p\" } 0\n"
        "t \"\" 1 \"o1\" { 2 -2 }\nt \"\" 2 \"o2\" { 1 -1 }\nt \"\" 3 \"o3\" { -1 1 }\n"
        "p \"\" 1 2 \"l\" { \"b\" \"f\" } 0\n"
        "p \"\" 2 1 0\nt \"\" 4 \"o4\" { -2 2 }\nt \"\" 2\nt \"\" 3\n";
    brink_error err;
    brink_error_clear(&err);
    brink_efg *g = brink_efg_read(text, sizeof text - 1, "mem.efg", &err);
    if (!g) return err.code == BRINK_ENOMEM ? 0 : -1;
    brink_buf out;
    brink_buf_init(&out);
    brink_status st = brink_efg_write(g, &out, &err);
    int ok = st == BRINK_OK ? 1 : st == BRINK_ENOMEM ? 0 : -1;
    brink_buf_free(&out);
    brink_efg_free(g);
    return ok;
}

int main(void)
{
    exhaust("builder", build_centipede);
    exhaust("reduce+enumpure+verify", build_bluff_reduce_and_solve);
    exhaust("spe", spe_centipede);
    exhaust("nfg clone", nfg_clone);
    exhaust("efg read+write", read_game_text);
    return check_finish();
}
