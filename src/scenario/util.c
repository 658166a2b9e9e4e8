/* util.c — small helpers shared by the scenario parser and compiler: positioned errors,
 * lookups by name, expression compilation from YAML scalars, and the expression registry.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/model.h"
#include "core/unicode.h"

brink_status sc_err(brink_scenario *sc, brink_error *err, const ynode *n, brink_status code,
                    const char *fmt, ...)
{
    char msg[BRINK_ERROR_MESSAGE_MAX];   /* the error's own size: longer messages are cut there */
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (len >= (int)sizeof msg)   /* cut at the error's size: at a whole character */
        msg[br_utf8_prefix(msg, strlen(msg))] = '\0';
    return brink_error_set_at(err, code, sc->file, n ? n->line : 0, n ? n->col : 0, "%s", msg);
}

void sc_list_add(brink_buf *b, const char *name)
{
    if (b->len)
        brink_buf_puts(b, ", ");
    brink_buf_puts(b, name);
}

const char *sc_list_text(const brink_buf *b)
{
    return b->failed ? "?" : b->len ? b->data : "";
}

void sc_put_number(brink_buf *b, const mpq_t q)
{
    if (mpz_cmp_ui(mpq_denref(q), 1) == 0 && mpz_sizeinbase(mpq_numref(q), 10) <= 15) {
        brink_buf_printf(b, "%ld", mpz_get_si(mpq_numref(q)));
        return;
    }
    mpf_t f;   /* no overflow beyond double range */
    mpf_init2(f, 64);
    mpf_set_q(f, q);
    char num[64];   /* 6 digits and an exponent: always fits */
    gmp_snprintf(num, sizeof num, "%.6Fg", f);
    mpf_clear(f);
    brink_buf_puts(b, num);
}

void sc_put_exact(brink_buf *b, const mpq_t q)
{
    if (mpz_sizeinbase(mpq_numref(q), 10) + mpz_sizeinbase(mpq_denref(q), 10) > 41) {
        brink_buf_puts(b, "about ");
        sc_put_number(b, q);
        return;
    }
    char *s = mpq_get_str(NULL, 10, q);
    if (!s) {
        b->failed = 1;
        return;
    }
    brink_buf_puts(b, s);
    void (*freefunc)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefunc);
    freefunc(s, strlen(s) + 1);
}

sc_expr *sc_keep(brink_scenario *sc, sc_expr *e)
{
    if (!e)
        return NULL;
    if (sc->nexprs == sc->exprs_cap) {
        int cap = sc->exprs_cap ? 2 * sc->exprs_cap : 64;
        sc_expr **v = brink_reallocarray(sc->exprs, (size_t)cap, sizeof *v);
        if (!v) {
            sc_expr_free(e);
            return NULL;
        }
        sc->exprs = v;
        sc->exprs_cap = cap;
    }
    sc->exprs[sc->nexprs++] = e;
    return e;
}

int sc_actor_find(const brink_scenario *sc, const char *id)
{
    return sc_actor_find_n(sc, id, strlen(id));
}

int sc_actor_find_n(const brink_scenario *sc, const char *id, size_t len)
{
    for (int i = 0; i < sc->nactors; i++)
        if (strncmp(sc->actors[i].id, id, len) == 0 && sc->actors[i].id[len] == '\0')
            return i;
    return -1;
}

int sc_type_find(const brink_scenario *sc, int actor, const char *name)
{
    return sc_name_find(sc, SC_NAME_TYPE, actor, name, strlen(name));
}

int sc_issue_find(const brink_scenario *sc, const char *name)
{
    return sc_name_find(sc, SC_NAME_ISSUE, 0, name, strlen(name));
}

int sc_level_find(const brink_scenario *sc, int issue, const char *name)
{
    return sc_name_find(sc, SC_NAME_LEVEL, issue, name, strlen(name));
}

int sc_param_find(const brink_scenario *sc, const char *name)
{
    return sc_name_find(sc, SC_NAME_PARAM, 0, name, strlen(name));
}

int sc_sub_find(const brink_scenario *sc, const char *name)
{
    return sc_name_find(sc, SC_NAME_SUB, 0, name, strlen(name));
}

static const char *const RESERVED[] = {
    "outcome", "payoff", "name", "seen_by", "hidden", "note", "doc", "chance", "play",
    "repeat", "times", "index", "with", "then", "else", "if", "next", "prob", "start",
};

int sc_reserved_word(const char *s)
{
    for (size_t i = 0; i < sizeof RESERVED / sizeof RESERVED[0]; i++)
        if (strcmp(RESERVED[i], s) == 0)
            return 1;
    return 0;
}

brink_status sc_parse_actor_ref(brink_scenario *sc, const ynode *key, int *actor, int *type,
                                brink_error *err)
{
    const char *s = key->text;
    const char *dot = strchr(s, '.');
    int n = (int)(dot ? (size_t)(dot - s) : strlen(s));   /* the actor's id: before the '.' */
    int a = sc_actor_find_n(sc, s, (size_t)n);
    if (a < 0) {
        brink_buf known;
        brink_buf_init(&known);
        for (int i = 0; i < sc->nactors; i++)
            sc_list_add(&known, sc->actors[i].id);
        brink_status r = sc_err(sc, err, key, BRINK_EINVALID, "unknown actor '%.*s' (actors: %s)",
                                n, s, sc_list_text(&known));
        brink_buf_free(&known);
        return r;
    }
    *actor = a;
    *type = -1;
    if (dot) {
        int t = sc_type_find(sc, a, dot + 1);
        if (t < 0) {
            if (sc->actors[a].ntypes == 0)
                return sc_err(sc, err, key, BRINK_EINVALID,
                              "actor %s has no private types, so '%s' names nothing",
                              sc->actors[a].id, s);
            brink_buf known;
            brink_buf_init(&known);
            for (int i = 0; i < sc->actors[a].ntypes; i++)
                sc_list_add(&known, sc->actors[a].types[i].name);
            brink_status r = sc_err(sc, err, key, BRINK_EINVALID,
                                    "actor %s has no type '%s' (types: %s)",
                                    sc->actors[a].id, dot + 1, sc_list_text(&known));
            brink_buf_free(&known);
            return r;
        }
        *type = t;
    }
    return BRINK_OK;
}

typedef struct resolve_ctx {
    const brink_scenario *sc;
    const char *const *args;
    int nargs;
    const sc_local *locals;
} resolve_ctx;

static int local(void *vctx, const char *name, size_t len, mpq_t out)
{
    const resolve_ctx *c = vctx;
    for (const sc_local *l = c->locals; l; l = l->next)
        if (strlen(l->name) == len && strncmp(l->name, name, len) == 0) {
            mpq_set(out, l->value);
            return 1;
        }
    return 0;
}

static int resolve(void *vctx, const char *name, size_t len, int *is_arg, int *index)
{
    resolve_ctx *c = vctx;
    for (int i = 0; i < c->nargs; i++) {
        if (strlen(c->args[i]) == len && strncmp(c->args[i], name, len) == 0) {
            *is_arg = 1;
            *index = i;
            return 1;
        }
    }
    int i = sc_name_find(c->sc, SC_NAME_PARAM, 0, name, len);
    if (i < 0)
        return 0;
    *is_arg = 0;
    *index = i;
    return 1;
}

/* Names for "did you mean": parameters, then the sub-game's arguments. */
static const char *name_at(void *vctx, int i)
{
    const resolve_ctx *c = vctx;
    return i < c->sc->nparams ? c->sc->params[i].info.name : c->args[i - c->sc->nparams];
}

sc_expr *sc_compile_scalar(brink_scenario *sc, const ynode *n, const char *const *arg_names,
                           int nargs, brink_error *err)
{
    return sc_compile_local(sc, n, arg_names, nargs, NULL, err);
}

sc_expr *sc_compile_local(brink_scenario *sc, const ynode *n, const char *const *arg_names,
                          int nargs, const sc_local *locals, brink_error *err)
{
    sc_expr *e = sc_compile_temp(sc, n, arg_names, nargs, locals, err);
    if (e && !sc_keep(sc, e)) {
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return NULL;
    }
    return e;
}

sc_expr *sc_compile_temp(brink_scenario *sc, const ynode *n, const char *const *arg_names,
                         int nargs, const sc_local *locals, brink_error *err)
{
    if (n->kind != Y_SCALAR) {
        sc_err(sc, err, n, BRINK_ESYNTAX, "expected a number or an expression, found a %s",
               n->kind == Y_MAP ? "mapping" : "sequence");
        return NULL;
    }
    resolve_ctx rc = {sc, arg_names, nargs, locals};
    sc_expr_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.resolve = resolve;
    ctx.resolve_ctx = &rc;
    ctx.file = sc->file;
    ctx.line = n->line;
    ctx.col = n->col;   /* libfyaml marks a quoted scalar at its first character */
    ctx.max_depth = sc->lim.max_expr_depth;
    ctx.max_length = sc->lim.max_expr_length;
    ctx.max_bits = sc->lim.max_number_bits;
    ctx.name_at = name_at;
    ctx.local = locals ? local : NULL;
    ctx.nnames = sc->nparams + nargs;
    return sc_expr_compile(n->text, &ctx, err);
}
