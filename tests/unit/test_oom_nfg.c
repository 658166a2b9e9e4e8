/* test_oom_nfg.c — the strategic-form solvers survive every allocation failure.
 *
 * malloc/calloc/realloc are wrapped at link time (CMakeLists.txt does it for test_oom*): the
 * wrapper fails the k-th allocation. Each solver runs on a small game with k = 0, 1, 2, ...
 * until it completes untouched; every run must end in BRINK_OK with an answer or in
 * BRINK_ENOMEM, never in another error, a crash or (under ASan) a leak. GMP's and GLPK's own
 * allocations are not wrapped (they abort on OOM by design, a documented limit).
 */
#include <stdlib.h>

#include "brink/brink.h"
#include "check.h"
#include "oom_harness.h"

static const brink_nfg *game2;  /* 2-player test game */
static const brink_nfg *game0;  /* zero-sum */
static const brink_nfg *game3;  /* 3 players */
static const char *method;
static int method_all;

/* 1 success, 0 reported ENOMEM, -1 anything else. */
static int run(void *ctx)
{
    (void)ctx;
    const brink_nfg *g = strcmp(method, "lp") == 0 ? game0
                         : (strcmp(method, "logit") == 0 || strcmp(method, "simpdiv") == 0 ||
                            strcmp(method, "gnm") == 0 || strcmp(method, "ipa") == 0)
                             ? game3
                             : game2;
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.all = method_all;
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_error err;
    brink_error_clear(&err);
    brink_game game = {BRINK_GAME_NFG, (brink_nfg *)g, NULL};
    brink_status st = brink_solve(brink_solver_find(method), &game, &o, &l, &err);
    int rc = st == BRINK_OK ? (l.count > 0 ? 1 : -1) : st == BRINK_ENOMEM ? 0 : -1;
    if (rc < 0 && oom_hit)
        fprintf(stderr, "%s: status %s (%s)\n", method, brink_status_name(st), err.message);
    brink_profile_list_free(&l);
    return rc;
}

static void exhaust(const char *name, int all)
{
    char label[64];
    method = name;
    method_all = all;
    snprintf(label, sizeof label, "%s%s", name, all ? " --all" : " --one");
    oom_exhaust(label, run, NULL);
}

static brink_nfg *table(int np, const int *ns, const long *pay)
{
    brink_nfg *g = brink_nfg_new(np, ns, NULL);
    for (size_t c = 0; c < g->ncells; c++)
        for (int p = 0; p < np; p++)
            brink_nfg_set_payoff_si(g, c, p, pay[c * (size_t)np + p], 1);
    return g;
}

int main(void)
{
    /* 3x3 with a degenerate row (ties) so that every enumeration branch runs */
    int ns2[2] = {3, 3};
    long p2[] = {3, 1, 0, 0, 2, 1, 1, 1, 0, 3, 2, 2, 2, 0, 0, 2, 1, 1};
    brink_nfg *g2 = table(2, ns2, p2);
    long p0[18];
    for (int c = 0; c < 9; c++) {
        p0[2 * c] = (c * 7) % 5 - 2;
        p0[2 * c + 1] = -p0[2 * c];
    }
    brink_nfg *g0 = table(2, ns2, p0);
    int ns3[3] = {2, 2, 2};
    long p3[24];
    for (int c = 0; c < 8; c++) {
        int s[3] = {c & 1, (c >> 1) & 1, (c >> 2) & 1};
        p3[c * 3 + 0] = s[0] == s[1];
        p3[c * 3 + 1] = s[1] == s[2];
        p3[c * 3 + 2] = s[2] != s[0];
    }
    brink_nfg *g3 = table(3, ns3, p3);
    game2 = g2;
    game0 = g0;
    game3 = g3;
    exhaust("enummixed", 1);
    exhaust("lcp", 1);
    exhaust("lcp", 0);
    exhaust("lp", 1);
    exhaust("logit", 1);
    exhaust("simpdiv", 1);
    exhaust("gnm", 1);
    exhaust("ipa", 1);
    brink_nfg_free(g2);
    brink_nfg_free(g0);
    brink_nfg_free(g3);
    return check_finish();
}
