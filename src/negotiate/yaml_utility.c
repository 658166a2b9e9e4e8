/* yaml_utility.c — a party's utility written as an expression over the negotiated issues in
 * the YAML form (`utility: "0.6 * denuc / 100 + 0.4 * (freeze >= 1)"`), for utilities that
 * are not linear-additive. In the expression each issue's name stands for the outcome's value
 * on it: a numeric issue's value on its range, a discrete issue's level number (0 for the
 * first level listed). A '-' in an issue's name is written '_'. The scenario language's
 * expression compiler (src/scenario/expr.c) does the parsing, so the functions and operators
 * are the same (min, max, abs, clamp, if, floor, mod, sqrt, exp, log; comparisons give 1/0).
 * The expression is evaluated at every outcome and becomes the party's utility table; a value
 * outside [0, 1] or undefined (division by zero, log of 0) is an error located at the
 * expression that names the outcome.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "negotiate/neg_yaml.h"
#include "scenario/expr.h"

#define NEG_EXPR_MAX_DEPTH 64
#define NEG_EXPR_MAX_LENGTH 4096

typedef struct {
    const brink_neg_domain *d;
} neg_names;

/* An issue name as written in expressions ('-' as '_') equal to name[0..len)? */
static int neg_name_is(const char *issue, const char *name, size_t len)
{
    size_t i = 0;
    for (; i < len && issue[i]; i++)
        if (issue[i] != name[i] && !(issue[i] == '-' && name[i] == '_')) return 0;
    return i == len && !issue[i];
}

static int neg_resolve(void *ctx, const char *name, size_t len, int *is_arg, int *index)
{
    const neg_names *c = ctx;
    for (int i = 0; i < c->d->nissues; i++)
        if (neg_name_is(c->d->issues[i].name, name, len)) {
            *is_arg = 0;
            *index = i;
            return 1;
        }
    return 0;
}

static const char *neg_name_at(void *ctx, int i)
{
    const neg_names *c = ctx;
    return c->d->issues[i].name;
}

/* Value of issue i at its value index k, as the expression sees it. */
static double neg_issue_value(const brink_neg_issue *is, int k)
{
    if (is->kind == BRINK_NEG_CONTINUOUS)
        return k == is->nvalues - 1 ? is->hi : is->lo + (is->hi - is->lo) * k / (is->nvalues - 1);
    return k;
}

/* "freeze=verified, denuc=50" for messages. */
static void neg_outcome_words(brink_buf *m, const brink_neg_domain *d, const int *v)
{
    for (int i = 0; i < d->nissues; i++) {
        brink_buf_printf(m, "%s%s=", i ? ", " : "", d->issues[i].name);
        if (d->issues[i].kind == BRINK_NEG_DISCRETE) brink_buf_puts(m, d->issues[i].values[v[i]]);
        else brink_buf_printf(m, "%g", neg_issue_value(&d->issues[i], v[i]));
    }
}

brink_status neg_yaml_utility(brink_neg_domain *d, int party, const ynode *n, const char *file,
                              brink_error *err)
{
    if (n->kind != Y_SCALAR || !*n->text)
        return brink_error_set_at(err, BRINK_EINVALID, file, n->line, n->col, "utility must be "
                                  "an expression over the issues");
    neg_names names = {d};
    sc_expr_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.resolve = neg_resolve;
    ctx.resolve_ctx = &names;
    ctx.file = file;
    ctx.line = n->line;
    ctx.col = n->col;
    ctx.max_depth = NEG_EXPR_MAX_DEPTH;
    ctx.max_length = NEG_EXPR_MAX_LENGTH;
    ctx.name_at = neg_name_at;
    ctx.nnames = d->nissues;
    sc_expr *e = sc_expr_compile(n->text, &ctx, err);
    if (!e) return err ? err->code : BRINK_ESYNTAX;
    size_t count = 1;
    for (int i = 0; i < d->nissues; i++) {
        if (count > (size_t)BRINK_NEG_MAX_OUTCOMES / (size_t)d->issues[i].nvalues) {
            sc_expr_free(e);
            return brink_error_set_at(err, BRINK_ETOOBIG, file, n->line, n->col, "more than %zu "
                                      "outcomes", (size_t)BRINK_NEG_MAX_OUTCOMES);
        }
        count *= (size_t)d->issues[i].nvalues;
    }
    double *table = malloc(count * sizeof *table);
    double *stack = malloc((size_t)(e->maxstack > 0 ? e->maxstack : 1) * sizeof *stack);
    double *par = malloc((size_t)d->nissues * sizeof *par);
    int *v = calloc((size_t)d->nissues, sizeof *v);
    brink_status st = table && stack && par && v ? BRINK_OK
                                                : brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int i = 0; i < d->nissues && !st; i++) par[i] = neg_issue_value(&d->issues[i], 0);
    for (size_t o = 0; o < count && !st; o++) {
        int bad = 0;
        double u = sc_expr_eval_d(e, par, stack, &bad);
        if (bad || !(u >= 0 && u <= 1)) {
            brink_buf m;
            brink_buf_init(&m);
            neg_outcome_words(&m, d, v);
            if (bad)
                brink_error_set_at(err, BRINK_EINVALID, file, n->line, n->col, "utility is "
                                   "undefined at %s", m.failed ? "an outcome" : m.data);
            else
                brink_error_set_at(err, BRINK_EINVALID, file, n->line, n->col, "utility %g at %s "
                                   "is not in [0, 1]", u, m.failed ? "an outcome" : m.data);
            brink_buf_free(&m);
            st = BRINK_EINVALID;
            break;
        }
        table[o] = u;
        /* next outcome: the last issue varies fastest (outcome numbering of domain.c) */
        for (int i = d->nissues - 1; i >= 0; i--) {
            if (++v[i] < d->issues[i].nvalues) {
                par[i] = neg_issue_value(&d->issues[i], v[i]);
                break;
            }
            v[i] = 0;
            par[i] = neg_issue_value(&d->issues[i], 0);
        }
    }
    if (!st) st = brink_neg_domain_set_table(d, party, table, err);
    free(table);
    free(stack);
    free(par);
    free(v);
    sc_expr_free(e);
    return st;
}
