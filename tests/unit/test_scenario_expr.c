/* test_scenario_expr.c — the expression language: grammar and precedence, exact rational
 * evaluation, doubles agreeing with it, argument splicing (including if() jumps that must be
 * re-targeted when arguments grow), constant folding, and the errors (positions, hints,
 * nesting limit, division by zero).
 */
#include <string.h>

#include "check.h"
#include "scenario/expr.h"
#include "brink/core.h"

/* parameters p (index 0) = 3/10, v (1) = 6; arguments k (0), n (1) */
static const char *const ARGS[] = {"k", "n"};

static int resolve(void *ctx, const char *name, size_t len, int *is_arg, int *index)
{
    int with_args = ctx != NULL;
    static const char *const params[] = {"p", "v"};
    for (int i = 0; with_args && i < 2; i++)
        if (strlen(ARGS[i]) == len && !strncmp(ARGS[i], name, len)) {
            *is_arg = 1;
            *index = i;
            return 1;
        }
    for (int i = 0; i < 2; i++)
        if (strlen(params[i]) == len && !strncmp(params[i], name, len)) {
            *is_arg = 0;
            *index = i;
            return 1;
        }
    return 0;
}

static sc_expr *compile(const char *text, int with_args, brink_error *err)
{
    static const char *const names[] = {"p", "v", "summit_value"};
    sc_expr_ctx c;
    memset(&c, 0, sizeof c);
    c.resolve = resolve;
    c.resolve_ctx = with_args ? (void *)1 : NULL;
    c.file = "t.yaml";
    c.line = 7;
    c.col = 10;
    c.max_depth = 16;
    c.max_length = 200;
    c.names = names;
    c.nnames = 3;
    brink_error_clear(err);
    return sc_expr_compile(text, &c, err);
}

/* Evaluate exactly at p = 3/10, v = 6 and compare with "num/den"; also in doubles. */
static void check_value(const char *text, const char *want)
{
    brink_error err;
    sc_expr *e = compile(text, 0, &err);
    CHECK_MSG(e != NULL, "%s: %s", text, err.message);
    if (!e)
        return;
    mpq_t *params = brink_q_array_new(2), *stack = brink_q_array_new((size_t)e->maxstack);
    mpq_set_ui(params[0], 3, 10);
    mpq_set_ui(params[1], 6, 1);
    mpq_t out, w;
    mpq_inits(out, w, NULL);
    CHECK(sc_expr_eval_q(e, (const mpq_t *)params, stack, out, "t", &err) == BRINK_OK);
    mpq_set_str(w, want, 10);
    mpq_canonicalize(w);
    CHECK_MSG(mpq_equal(out, w), "%s = %s, want %s", text, mpq_get_str(NULL, 10, out), want);
    double dp[2] = {0.3, 6}, ds[64];
    int bad = 0;
    double d = sc_expr_eval_d(e, dp, ds, &bad);
    CHECK_NEAR(d, mpq_get_d(w), 1e-12);
    CHECK(!bad);
    mpq_clears(out, w, NULL);
    brink_q_array_free(params, 2);
    brink_q_array_free(stack, (size_t)e->maxstack);
    sc_expr_free(e);
}

static void test_grammar(void)
{
    check_value("1 + 2 * 3", "7");
    check_value("(1 + 2) * 3", "9");
    check_value("2 ^ 3 ^ 2", "512");          /* right associative */
    check_value("-2 ^ 2", "-4");              /* unary minus binds looser than ^ */
    check_value("2 ^ -1", "1/2");
    check_value("1/3 + 1/6", "1/2");          /* exact, not 0.49999... */
    check_value("0.1 + 0.2", "3/10");         /* decimals are exact */
    check_value("1e-2 * 300", "3");
    check_value("1 - p", "7/10");
    check_value("v * p - 1", "4/5");
    check_value("p < 0.5", "1");
    check_value("p >= 0.5", "0");
    check_value("p == 3/10 and v != 5", "1");
    check_value("not (p > 0) or v == 6", "1");
    check_value("if(p < 1/2, v, -v)", "6");
    check_value("if(p > 1/2, 1 / 0, 2)", "2"); /* the branch not taken is not evaluated */
    check_value("min(3, p, v)", "3/10");
    check_value("max(3, p, v)", "6");
    check_value("abs(p - 1)", "7/10");
    check_value("clamp(v, 0, 5)", "5");
    check_value("clamp(-v, 0, 5)", "0");
    check_value("clamp(p, 0, 1)", "3/10");
    /* integer arithmetic for generators: floor toward -infinity, mod with the divisor's sign */
    check_value("floor(7/2)", "3");
    check_value("floor(-7/2)", "-4");
    check_value("floor(v * p * 10)", "18");
    check_value("mod(7, 3)", "1");
    check_value("mod(-7, 3)", "2");
    check_value("mod(7, -3)", "-2");
    check_value("mod(v, 4)", "2");
    check_value("mod(5/2, 1)", "1/2");
    check_value("1 + mod(v + 1, 2)", "2");       /* alternating proposers: 1, 2, 1, ... */
}

static void test_mod_by_zero(void)
{
    brink_error err;
    sc_expr *e = compile("mod(v, v - 6)", 0, &err);
    CHECK(e != NULL);
    if (!e)
        return;
    mpq_t *params = brink_q_array_new(2), *stack = brink_q_array_new((size_t)e->maxstack);
    mpq_set_ui(params[0], 3, 10);
    mpq_set_ui(params[1], 6, 1);
    mpq_t out;
    mpq_init(out);
    CHECK(sc_expr_eval_q(e, (const mpq_t *)params, stack, out, "t.yaml", &err) != BRINK_OK);
    CHECK_MSG(strstr(err.message, "mod by zero") != NULL, "%s", err.message);
    CHECK(err.line == 7 && err.column == 10);
    mpq_clear(out);
    brink_q_array_free(params, 2);
    brink_q_array_free(stack, (size_t)e->maxstack);
    sc_expr_free(e);
    e = compile("mod(3, 0)", 0, &err);   /* constant: refused when folded */
    CHECK(e == NULL && strstr(err.message, "mod by zero") != NULL);
    sc_expr_free(e);
}

static void test_clamp_empty(void)
{
    /* clamp(x, low, high) with low above high has no value: a located error, as mod by zero,
     * when a parameter puts the bounds so and when constants are folded */
    brink_error err;
    sc_expr *e = compile("clamp(1, v, 5)", 0, &err);
    CHECK(e != NULL);
    if (!e)
        return;
    mpq_t *params = brink_q_array_new(2), *stack = brink_q_array_new((size_t)e->maxstack);
    mpq_set_ui(params[0], 3, 10);
    mpq_set_ui(params[1], 3, 1);
    mpq_t out;
    mpq_init(out);
    CHECK(sc_expr_eval_q(e, (const mpq_t *)params, stack, out, "t.yaml", &err) == BRINK_OK);
    CHECK(mpq_cmp_ui(out, 3, 1) == 0);            /* v = 3: clamped up to 3 */
    mpq_set_ui(params[1], 6, 1);
    CHECK(sc_expr_eval_q(e, (const mpq_t *)params, stack, out, "t.yaml", &err) != BRINK_OK);
    CHECK_MSG(strstr(err.message, "low above high") != NULL, "%s", err.message);
    CHECK(err.line == 7 && err.column == 10);
    mpq_clear(out);
    brink_q_array_free(params, 2);
    brink_q_array_free(stack, (size_t)e->maxstack);
    sc_expr_free(e);
    e = compile("clamp(1, 2, 0)", 0, &err);   /* constant: refused when folded */
    CHECK(e == NULL && strstr(err.message, "low above high") != NULL);
    sc_expr_free(e);
    e = compile("clamp(1, 2, 2)", 0, &err);   /* a one-point interval is fine */
    CHECK(e != NULL);
    sc_expr_free(e);
}

static void test_folding_and_flags(void)
{
    brink_error err;
    sc_expr *e = compile("2 * (3 + 4)", 0, &err);
    CHECK(e && sc_expr_is_const(e));          /* folded to one constant */
    sc_expr_free(e);
    e = compile("2 * p", 0, &err);
    CHECK(e && !sc_expr_is_const(e) && (e->flags & SC_EXPR_HAS_PARAM));
    sc_expr_free(e);
    e = compile("sqrt(4)", 0, &err);
    CHECK(e && (e->flags & SC_EXPR_INEXACT));
    sc_expr_free(e);
    sc_expr *a = compile("v - 1", 0, &err), *b = compile("v-1", 0, &err);
    CHECK(a && b && sc_expr_equal(a, b));     /* spacing does not matter */
    sc_expr_free(a);
    sc_expr_free(b);
}

/* Splicing arguments into code with jumps: if(k > 1, n * 10, n) with k = 2 + 0*p (open, so
 * not folded) and n = (p + p + p) * v: the spliced argument code is longer than the ARG
 * instruction it replaces, so both jump offsets must move. */
static void test_instantiate(void)
{
    brink_error err;
    sc_expr *body = compile("if(k > 1, n * 10, n) + k", 1, &err);
    CHECK_MSG(body != NULL, "%s", err.message);
    sc_expr *k = compile("2 + 0 * p", 0, &err), *n = compile("(p + p + p) * v", 0, &err);
    CHECK(body && k && n && (body->flags & SC_EXPR_HAS_ARG));
    if (!body || !k || !n)
        return;
    sc_expr *args[2] = {k, n};
    sc_expr *c = sc_expr_instantiate(body, args, 2, "t", &err);
    CHECK(c && !(c->flags & SC_EXPR_HAS_ARG));
    mpq_t *params = brink_q_array_new(2), *stack = brink_q_array_new((size_t)c->maxstack);
    mpq_set_ui(params[0], 3, 10);
    mpq_set_ui(params[1], 6, 1);
    mpq_t out;
    mpq_init(out);
    CHECK(sc_expr_eval_q(c, (const mpq_t *)params, stack, out, "t", &err) == BRINK_OK);
    /* n = 0.9 * 6 = 27/5; k = 2 > 1: 27/5 * 10 + 2 = 56 */
    CHECK(mpq_cmp_ui(out, 56, 1) == 0);
    mpq_clear(out);
    brink_q_array_free(params, 2);
    brink_q_array_free(stack, (size_t)c->maxstack);
    /* with constant arguments the whole expression folds */
    sc_expr *k1 = compile("1", 0, &err), *n1 = compile("4", 0, &err);
    sc_expr *args1[2] = {k1, n1};
    sc_expr *c1 = sc_expr_instantiate(body, args1, 2, "t", &err);
    CHECK(c1 && sc_expr_is_const(c1) && mpq_cmp_ui(c1->kq[0], 5, 1) == 0);   /* 4 + 1 */
    sc_expr_free(c1);
    sc_expr_free(k1);
    sc_expr_free(n1);
    sc_expr_free(c);
    sc_expr_free(body);
    sc_expr_free(k);
    sc_expr_free(n);
}

/* A divisor that is zero whatever the parameters (tester 10 F7.3): found before any if()'s
 * jump; none where it depends on a parameter or lies inside an if(). */
static void test_zero_divisor(void)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"p / (2 - 2)", "division by zero"},
        {"v * p / (3 * 2 - 6) + 1", "division by zero"},
        {"mod(p, -(1 - 1))", "mod by zero"},
        {"max(p, v) / (abs(-2) - 2)", "division by zero"},
        {"p / floor(1/2)", "division by zero"},
        {"p / (p - 1)", NULL},
        {"p / (2 - 1)", NULL},
        {"if(p > 1, p / (2 - 2), 0)", NULL},
        {"p / (2^0 - 1)", NULL},      /* powers are left to the evaluator: not known here */
        {"p + 1", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        brink_error err;
        sc_expr *e = compile(cases[i].text, 0, &err);
        CHECK_MSG(e != NULL, "%s: %s", cases[i].text, err.message);
        if (!e)
            continue;
        const char *got = sc_expr_zero_divisor(e);
        CHECK_MSG(cases[i].want ? got && !strcmp(got, cases[i].want) : !got, "%s: %s",
                  cases[i].text, got ? got : "(none)");
        sc_expr_free(e);
    }
}

static void check_error(const char *text, brink_status code, int col, const char *needle)
{
    brink_error err;
    sc_expr *e = compile(text, 0, &err);
    CHECK_MSG(e == NULL, "'%s' should fail", text);
    sc_expr_free(e);
    CHECK_EQ_INT(err.code, code);
    CHECK_EQ_INT(err.line, 7);
    CHECK_MSG(err.column == col, "'%s': column %d, want %d (%s)", text, err.column, col,
              err.message);
    CHECK_MSG(strstr(err.message, needle) != NULL, "'%s': message '%s' lacks '%s'", text,
              err.message, needle);
}

static void test_errors(void)
{
    /* columns: the text starts at column 10 */
    check_error("1 +", BRINK_ESYNTAX, 13, "unexpected end");
    check_error("2 * (p", BRINK_ESYNTAX, 16, "expected ')'");
    check_error("summit_valu * 2", BRINK_ESYNTAX, 10, "did you mean 'summit_value'");
    check_error("p $ 2", BRINK_ESYNTAX, 12, "unexpected '$'");
    check_error("foo(1)", BRINK_ESYNTAX, 10, "unknown function 'foo'");
    check_error("min()", BRINK_ESYNTAX, 10, "min() takes 1");
    check_error("1 / (2 - 2)", BRINK_EINVALID, 10, "division by zero");
    check_error("", BRINK_ESYNTAX, 10, "empty expression");
    /* the 17th '(' (index 16) is one too many */
    check_error("((((((((((((((((((((1))))))))))))))))))))", BRINK_ESYNTAX, 26, "deeper than 16");
    char longtext[300];
    memset(longtext, '1', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = '\0';
    check_error(longtext, BRINK_ETOOBIG, 10, "limit 200");
}

/* Division by zero that depends on a parameter is found when evaluating, with the place. */
static void test_eval_errors(void)
{
    brink_error err;
    sc_expr *e = compile("1 / (v - 6)", 0, &err);
    CHECK(e != NULL);
    if (!e)
        return;
    mpq_t *params = brink_q_array_new(2), *stack = brink_q_array_new((size_t)e->maxstack);
    mpq_set_ui(params[1], 6, 1);
    mpq_t out;
    mpq_init(out);
    CHECK(sc_expr_eval_q(e, (const mpq_t *)params, stack, out, "t.yaml", &err) ==
          BRINK_EINVALID);
    CHECK(strstr(err.message, "division by zero") != NULL);
    CHECK_EQ_INT(err.line, 7);
    CHECK_EQ_INT(err.column, 10);
    double dp[2] = {0, 6}, ds[16];
    int bad = 0;
    sc_expr_eval_d(e, dp, ds, &bad);
    CHECK(bad);
    mpq_clear(out);
    brink_q_array_free(params, 2);
    brink_q_array_free(stack, (size_t)e->maxstack);
    sc_expr_free(e);
}

int main(void)
{
    test_grammar();
    test_mod_by_zero();
    test_clamp_empty();
    test_folding_and_flags();
    test_instantiate();
    test_zero_divisor();
    test_errors();
    test_eval_errors();
    return check_finish();
}
