/* fuzz_expr.c — the scenario expression language (src/scenario/expr.h) on arbitrary text:
 * compile with two parameters (p, v) and two arguments (k, n); an open expression is
 * instantiated with argument expressions; the closed result is evaluated exactly and in
 * doubles at two parameter points. Compilation fails with a located message; exact
 * evaluation fails only with a message; nothing crashes, leaks or runs away (powers and
 * constant folding included). */
#include <gmp.h>

#include "fuzz_common.h"
#include "scenario/expr.h"

static const char *const NAMES[] = {"p", "v", "k", "n"};

static int resolve(void *ctx, const char *name, size_t len, int *is_arg, int *index)
{
    int with_args = ctx != NULL;
    for (int i = 0; i < 4; i++)
        if (strlen(NAMES[i]) == len && !strncmp(NAMES[i], name, len)) {
            if (i >= 2 && !with_args)
                return 0;
            *is_arg = i >= 2;
            *index = i % 2;
            return 1;
        }
    return 0;
}

static sc_expr *compile(const char *text, int with_args, brink_error *err)
{
    sc_expr_ctx c;
    memset(&c, 0, sizeof c);
    c.resolve = resolve;
    c.resolve_ctx = with_args ? (void *)1 : NULL;
    c.file = "fuzz.yaml";
    c.line = 1;
    c.col = 1;
    c.max_depth = 64;
    c.max_length = 4096;
    c.names = NAMES;
    c.nnames = 4;
    return sc_expr_compile(text, &c, err);
}

static void evaluate(const sc_expr *e)
{
    if (e->maxstack < 0 || e->maxstack > 1 << 16)
        FUZZ_BUG("implausible stack depth %d", e->maxstack);
    int n = e->maxstack > 0 ? e->maxstack : 1;
    mpq_t *stack = brink_q_array_new((size_t)n);
    double *dstack = calloc((size_t)n, sizeof *dstack);
    mpq_t params[2], out;
    mpq_inits(params[0], params[1], out, NULL);
    static const long points[2][4] = {{3, 10, 6, 1}, {0, 1, -7, 2}}; /* p, v as num/den */
    for (int k = 0; stack && dstack && k < 2; k++) {
        mpq_set_si(params[0], points[k][0], (unsigned long)points[k][1]);
        mpq_set_si(params[1], points[k][2], (unsigned long)points[k][3]);
        mpq_canonicalize(params[0]);
        mpq_canonicalize(params[1]);
        brink_error err;
        brink_error_clear(&err);
        brink_status st = sc_expr_eval_q(e, (const mpq_t *)params, stack, out, "fuzz.yaml",
                                         &err);
        if (st != BRINK_OK && !err.message[0])
            FUZZ_BUG("exact evaluation failed without a message");
        double dp[2] = {mpq_get_d(params[0]), mpq_get_d(params[1])};
        int bad = 0;
        (void)sc_expr_eval_d(e, dp, dstack, &bad);
    }
    mpq_clears(params[0], params[1], out, NULL);
    if (stack)
        brink_q_array_free(stack, (size_t)n);
    free(dstack);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0'; /* an embedded NUL ends the text, as in a YAML scalar */
    brink_error err;
    brink_error_clear(&err);
    sc_expr *e = compile(text, 1, &err);
    free(text);
    if (!e) {
        fuzz_check_error(&err, err.code, size);
        return 0;
    }
    if (e->flags & SC_EXPR_HAS_ARG) {
        sc_expr *args[2] = {compile("p + 1", 0, &err), compile("2 * v - 1/3", 0, &err)};
        if (!args[0] || !args[1])
            FUZZ_BUG("argument expressions do not compile: %s", err.message);
        sc_expr *closed = sc_expr_instantiate(e, args, 2, "fuzz.yaml", &err);
        if (closed) {
            if (closed->flags & SC_EXPR_HAS_ARG)
                FUZZ_BUG("instantiated expression still has arguments");
            evaluate(closed);
            sc_expr_free(closed);
        } else if (!err.message[0]) {
            FUZZ_BUG("instantiate failed without a message");
        }
        sc_expr_free(args[0]);
        sc_expr_free(args[1]);
    } else {
        evaluate(e);
    }
    sc_expr_free(e);
    return 0;
}
