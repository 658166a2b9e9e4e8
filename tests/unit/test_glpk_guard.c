/* test_glpk_guard.c — GLPK errors come back as statuses through brink_glpk_guard, print
 * nothing, and leave GLPK usable; lp and seqlp still solve through the guard. */
#include <glpk.h>
#include <unistd.h>

#include "brink/core.h"
#include "brink/io.h"
#include "brink/solve.h"
#include "check.h"
#include "solve/lp/glpk_guard.h"

/* An invalid call: GLPK's own argument check fails (it would print and abort unguarded). */
static brink_status bad_call(void *ctx, brink_error *err)
{
    (void)err;
    int *reached_after = ctx;
    glp_prob *lp = glp_create_prob();
    glp_add_cols(lp, -1);
    *reached_after = 1;
    glp_delete_prob(lp);
    return BRINK_OK;
}

/* A small feasible LP: maximise x + y subject to x + 2y <= 4, 3x + y <= 6, x, y >= 0. */
static brink_status good_call(void *ctx, brink_error *err)
{
    double *obj = ctx;
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_rows(lp, 2);
    glp_add_cols(lp, 2);
    glp_set_row_bnds(lp, 1, GLP_UP, 0, 4);
    glp_set_row_bnds(lp, 2, GLP_UP, 0, 6);
    for (int j = 1; j <= 2; j++) {
        glp_set_col_bnds(lp, j, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, j, 1);
    }
    int ia[] = {0, 1, 1, 2, 2}, ja[] = {0, 1, 2, 1, 2};
    double ar[] = {0, 1, 2, 3, 1};
    glp_load_matrix(lp, 4, ia, ja, ar);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_ALL; /* chatty on purpose: the guard must swallow it */
    brink_status st = BRINK_OK;
    if (glp_simplex(lp, &parm) != 0 || glp_get_status(lp) != GLP_OPT)
        st = brink_error_set(err, BRINK_EINTERNAL, "no optimum");
    else
        *obj = glp_get_obj_val(lp);
    glp_delete_prob(lp);
    return st;
}

/* Run f with stdout redirected to a temporary file; returns the bytes written to it. */
static long stdout_bytes(brink_status (*f)(void *, brink_error *), void *ctx, brink_error *e,
                         brink_status *st)
{
    char path[] = "/tmp/brink_glpk_guard_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    fflush(stdout);
    int saved = dup(1);
    dup2(fd, 1);
    *st = brink_glpk_guard(f, ctx, e);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    long n = (long)lseek(fd, 0, SEEK_END);
    close(fd);
    unlink(path);
    return n;
}

static void test_error_is_status(void)
{
    for (int round = 0; round < 3; round++) { /* GLPK must work again after each failure */
        brink_error e;
        brink_error_clear(&e);
        int reached_after = 0;
        brink_status st = BRINK_OK;
        long printed = stdout_bytes(bad_call, &reached_after, &e, &st);
        CHECK_EQ_INT(st, BRINK_EINTERNAL);
        CHECK_EQ_INT(e.code, BRINK_EINTERNAL);
        CHECK_EQ_INT(reached_after, 0);
        CHECK_MSG(strstr(e.message, "glp_add_cols") != NULL, "message: %s", e.message);
        CHECK_EQ_INT(printed, 0);

        double obj = 0;
        brink_error_clear(&e);
        printed = stdout_bytes(good_call, &obj, &e, &st);
        CHECK_EQ_INT(st, BRINK_OK);
        CHECK_NEAR(obj, 2.8, 1e-9); /* optimum at x = 1.6, y = 1.2 */
        CHECK_EQ_INT(printed, 0);
    }
}

static brink_status passes_status(void *ctx, brink_error *err)
{
    (void)ctx;
    return brink_error_set(err, BRINK_EUNSUPPORTED, "from the function");
}

static void test_status_passes_through(void)
{
    brink_error e;
    brink_error_clear(&e);
    CHECK_EQ_INT(brink_glpk_guard(passes_status, NULL, &e), BRINK_EUNSUPPORTED);
    CHECK_STR(e.message, "from the function");
}

/* A payoff beyond double range made GLPK's simplex fail an assertion (abort, exit 134):
 * through the guard lp returns a status or a verified equilibrium. */
static void test_lp_huge_payoff_returns(void)
{
    static const char text[] = "NFG 1 R \"big\" { \"P1\" \"P2\" } { 2 2 }\n"
                               "1e400 -1e400 0 0 0 0 1 -1\n";
    brink_error e;
    brink_error_clear(&e);
    brink_game g = {0};
    CHECK_EQ_INT(brink_game_read(text, sizeof text - 1, "big.nfg", &g, &e), BRINK_OK);
    brink_solve_options o;
    brink_solve_options_init(&o);
    brink_profile_list out;
    brink_profile_list_init(&out);
    brink_status st = brink_solve(brink_solver_find("lp"), &g, &o, &out, &e);
    if (st == BRINK_OK) {
        CHECK(out.count > 0);
        for (int i = 0; i < out.count; i++)
            CHECK_EQ_INT(out.items[i].verified, 1);
    } else {
        CHECK(e.message[0] != '\0');
    }
    brink_profile_list_free(&out);
    brink_game_free(&g);
}

int main(void)
{
    test_lp_huge_payoff_returns();
    test_error_is_status();
    test_status_passes_through();
    return check_finish();
}
