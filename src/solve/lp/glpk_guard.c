/* glpk_guard.c — runs a function with GLPK's error hook and terminal hook installed, so a
 * GLPK error (which would otherwise print and abort) becomes a brink_status. See
 * glpk_guard.h for the rules; the mechanism is GLPK's documented one: the error hook must
 * not return, so it longjmps back here, and glp_free_env then discards GLPK's state. */
#include <glpk.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "brink/core.h"
#include "solve/lp/glpk_guard.h"

/* On the heap: a local object changed between setjmp and longjmp would be indeterminate
 * after the jump; the pointer to this one is never changed. */
typedef struct guard {
    jmp_buf jump;
    brink_buf text; /* what GLPK tried to print: its error message */
} guard;

static void on_error(void *info)
{
    longjmp(((guard *)info)->jump, 1);
}

/* Nonzero: GLPK does not print the line itself. */
static int on_output(void *info, const char *s)
{
    brink_buf_puts(&((guard *)info)->text, s);
    return 1;
}

static void unhook(void)
{
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
}

brink_status brink_glpk_guard(brink_glpk_fn fn, void *ctx, brink_error *err)
{
    guard *g = malloc(sizeof *g);
    if (!g)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory starting GLPK");
    brink_buf_init(&g->text);
    glp_term_hook(on_output, g);
    glp_error_hook(on_error, g);
    if (setjmp(g->jump)) {
        glp_free_env(); /* required after leaving GLPK by longjmp; drops its hooks too */
        const char *msg = g->text.len && g->text.data ? g->text.data : "unknown error\n";
        size_t n = strcspn(msg, "\n"); /* the first line is GLPK's message */
        brink_status code = strstr(msg, "no memory") || strstr(msg, "memory allocation")
                                ? BRINK_ENOMEM
                                : BRINK_EINTERNAL;
        brink_error_set(err, code, "GLPK error: %.*s", (int)n, msg);
        brink_buf_free(&g->text);
        free(g);
        return code;
    }
    brink_status st = fn(ctx, err);
    unhook();
    brink_buf_free(&g->text);
    free(g);
    return st;
}
