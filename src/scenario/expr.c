/* expr.c — parse expression text into RPN code; splice, combine and fold (see expr.h).
 *
 * The parser emits code directly while descending (no syntax tree). Every allocation is
 * checked; a partly built expression is freed on error. Invariant of a finished expression:
 * the code, run on an empty stack, leaves exactly one value and never needs more than
 * maxstack entries.
 */
#include "scenario/expr.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "brink/core.h"
#include "core/unicode.h"

/* ---------------------------------------------------------------- code buffers */

typedef struct cbuf {
    int *code;
    int n, cap;
    mpq_t *k;
    int nk, kcap;
    unsigned flags;
    int failed;                 /* out of memory */
} cbuf;

static void cb_free(cbuf *b)
{
    free(b->code);
    for (int i = 0; i < b->nk; i++)
        mpq_clear(b->k[i]);
    free(b->k);
    memset(b, 0, sizeof *b);
}

static void cb_emit(cbuf *b, int w)
{
    if (b->failed)
        return;
    if (b->n == b->cap) {
        int cap = b->cap ? 2 * b->cap : 16;
        int *c = brink_reallocarray(b->code, (size_t)cap, sizeof *c);
        if (!c) {
            b->failed = 1;
            return;
        }
        b->code = c;
        b->cap = cap;
    }
    b->code[b->n++] = w;
}

static int cb_const(cbuf *b, const mpq_t q)
{
    if (b->failed)
        return -1;
    for (int i = 0; i < b->nk; i++)      /* expressions are short: reuse equal constants */
        if (mpq_equal(b->k[i], q))
            return i;
    if (b->nk == b->kcap) {
        int cap = b->kcap ? 2 * b->kcap : 4;
        mpq_t *k = brink_reallocarray(b->k, (size_t)cap, sizeof *k);
        if (!k) {
            b->failed = 1;
            return -1;
        }
        b->k = k;
        b->kcap = cap;
    }
    mpq_init(b->k[b->nk]);
    mpq_set(b->k[b->nk], q);
    return b->nk++;
}

static void cb_push_const(cbuf *b, const mpq_t q)
{
    int k = cb_const(b, q);
    cb_emit(b, SC_OP_CONST);
    cb_emit(b, k < 0 ? 0 : k);
}

static int op_has_operand(int op)
{
    return op == SC_OP_CONST || op == SC_OP_PARAM || op == SC_OP_ARG || op == SC_OP_MIN ||
           op == SC_OP_MAX || op == SC_OP_JZ || op == SC_OP_JMP;
}

/* Net stack effect of one instruction. */
static int op_effect(int op, int operand)
{
    switch (op) {
    case SC_OP_CONST: case SC_OP_PARAM: case SC_OP_ARG:
        return 1;
    case SC_OP_NEG: case SC_OP_NOT: case SC_OP_ABS: case SC_OP_SQRT: case SC_OP_EXP:
    case SC_OP_LOG: case SC_OP_JMP: case SC_OP_FLOOR:
        return 0;
    case SC_OP_MIN: case SC_OP_MAX:
        return 1 - operand;
    case SC_OP_JZ:
        return -1;
    case SC_OP_CLAMP:
        return -2;
    default:
        return -1;   /* binary operators */
    }
}

static uint64_t hash_mix(uint64_t h, uint64_t x)
{
    h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h;
}

/* Turn a finished buffer into an expression (takes ownership of the buffer's memory). */
static sc_expr *cb_finish(cbuf *b, const char *text, size_t textlen, int line, int col)
{
    if (b->failed) {
        cb_free(b);
        return NULL;
    }
    sc_expr *e = calloc(1, sizeof *e);
    if (!e) {
        cb_free(b);
        return NULL;
    }
    char *t = malloc(textlen + 1);
    double *kd = b->nk ? malloc((size_t)b->nk * sizeof *kd) : NULL;
    if (!t || (b->nk && !kd)) {
        free(t);
        free(kd);
        free(e);
        cb_free(b);
        return NULL;
    }
    memcpy(t, text, textlen);
    t[textlen] = '\0';
    e->text = t;
    e->code = b->code;
    e->ncode = b->n;
    e->kq = b->k;
    e->nk = b->nk;
    e->kd = kd;
    for (int i = 0; i < b->nk; i++)
        kd[i] = brink_q_get_d(b->k[i]);
    e->flags = b->flags;
    e->line = line;
    e->col = col;
    int depth = 0, maxd = 0;
    uint64_t h = 1469598103934665603ull;
    for (int pc = 0; pc < e->ncode;) {
        int op = e->code[pc], operand = op_has_operand(op) ? e->code[pc + 1] : 0;
        depth += op_effect(op, operand);
        if (depth > maxd)
            maxd = depth;
        h = hash_mix(h, (uint64_t)op);
        if (op_has_operand(op))
            h = hash_mix(h, (uint64_t)(op == SC_OP_CONST ? 0 : operand));
        if (op == SC_OP_CONST) {
            const mpq_t *k = &e->kq[operand];
            h = hash_mix(h, (uint64_t)mpz_get_ui(mpq_numref(*k)) ^
                                ((uint64_t)(mpq_sgn(*k) < 0) << 63));
            h = hash_mix(h, (uint64_t)mpz_get_ui(mpq_denref(*k)));
        }
        pc += op_has_operand(op) ? 2 : 1;
    }
    e->maxstack = maxd < 1 ? 1 : maxd;
    e->hash = h;
    memset(b, 0, sizeof *b);
    return e;
}

void sc_expr_free(sc_expr *e)
{
    if (!e)
        return;
    free(e->code);
    for (int i = 0; i < e->nk; i++)
        mpq_clear(e->kq[i]);
    free(e->kq);
    free(e->kd);
    free((char *)e->text);
    free(e);
}

/* ---------------------------------------------------------------- parser */

typedef struct parser {
    const char *s;
    size_t pos, len;
    int depth;
    const sc_expr_ctx *ctx;
    brink_error *err;
    brink_status st;
    cbuf b;
} parser;

static brink_status perr(parser *p, size_t at, const char *fmt, const char *arg)
{
    if (p->st)
        return p->st;
    brink_buf msg;
    brink_buf_init(&msg);
    brink_buf_printf(&msg, fmt, arg ? arg : "");
    /* text that stops inside a call was most likely cut by a comma of a flow mapping or
     * sequence ({A: max(x, 1)} reads as A: "max(x" and a key "1)") */
    int open = 0;
    for (size_t i = 0; i < p->len; i++)
        open += (p->s[i] == '(') - (p->s[i] == ')');
    int cut = open > 0 && at >= p->len;
    p->st = brink_error_set_at(p->err, BRINK_ESYNTAX, p->ctx->file, p->ctx->line,
                               p->ctx->col + (int)at, "%s in expression '%.*s%s'%s",
                               msg.failed || !msg.data ? "syntax error" : msg.data,
                               (int)(p->len > 80 ? br_utf8_prefix(p->s, 80) : p->len), p->s,
                               p->len > 80 ? "..." : "", cut ? " (inside { } or [ ] a comma ends the entry: quote the "
                                     "expression)"
                                   : "");
    brink_buf_free(&msg);
    return p->st;
}

static void skip_ws(parser *p)
{
    while (p->pos < p->len && isspace((unsigned char)p->s[p->pos]))
        p->pos++;
}

static int peek(parser *p)
{
    skip_ws(p);
    return p->pos < p->len ? (unsigned char)p->s[p->pos] : 0;
}

static int accept(parser *p, const char *tok)
{
    skip_ws(p);
    size_t n = strlen(tok);
    if (p->pos + n > p->len || strncmp(p->s + p->pos, tok, n) != 0)
        return 0;
    if (isalpha((unsigned char)tok[0])) {   /* a keyword must end at a word boundary */
        size_t e = p->pos + n;
        if (e < p->len && (isalnum((unsigned char)p->s[e]) || p->s[e] == '_'))
            return 0;
    }
    p->pos += n;
    return 1;
}

static int is_name_start(int c) { return isalpha(c) || c == '_'; }
static int is_name_char(int c) { return isalnum(c) || c == '_'; }

static void parse_expr(parser *p);

static int enter(parser *p)
{
    if (++p->depth > p->ctx->max_depth) {
        char d[32];
        snprintf(d, sizeof d, "%d", p->ctx->max_depth);
        perr(p, p->pos, "expression nested deeper than %s levels", d);
        return 0;
    }
    return 1;
}

static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
    /* names are identifiers (under 64 bytes) and only distances under 3 are used: a text of
     * more than 66 bytes is at least 3 edits from any of them */
    if (la > 66 || lb > 66)
        return 99;
    size_t row[67];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t best = prev + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb];
}

static void parse_number(parser *p)
{
    size_t start = p->pos;
    while (p->pos < p->len && isdigit((unsigned char)p->s[p->pos]))
        p->pos++;
    if (p->pos < p->len && p->s[p->pos] == '.') {
        p->pos++;
        while (p->pos < p->len && isdigit((unsigned char)p->s[p->pos]))
            p->pos++;
    }
    if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
        size_t save = p->pos++;
        if (p->pos < p->len && (p->s[p->pos] == '-' || p->s[p->pos] == '+'))
            p->pos++;
        if (p->pos < p->len && isdigit((unsigned char)p->s[p->pos])) {
            while (p->pos < p->len && isdigit((unsigned char)p->s[p->pos]))
                p->pos++;
        } else {
            p->pos = save;
        }
    }
    /* brink_q_parse rejects '+' in exponents: copy without it */
    brink_buf nb;   /* as long as written: the bit limit below bounds its value */
    brink_buf_init(&nb);
    for (size_t i = start, j; i < p->pos; i = j) {
        for (j = i; j < p->pos && p->s[j] != '+'; j++) {}
        brink_buf_append(&nb, p->s + i, j - i);
        if (j < p->pos)
            j++;
    }
    brink_buf_append(&nb, "", 0);
    if (nb.failed) {
        brink_buf_free(&nb);
        p->st = brink_error_set(p->err, BRINK_ENOMEM, "out of memory");
        return;
    }
    const char *buf = nb.data;
    size_t n = nb.len;
    if (n == 1 && buf[0] == '.') {
        brink_buf_free(&nb);
        perr(p, start, "expected a number", NULL);
        return;
    }
    mpq_t q;
    mpq_init(q);
    long limit = p->ctx->max_bits > 0 ? p->ctx->max_bits : SC_EXPR_DEFAULT_MAX_BITS;
    brink_error qerr;
    brink_error_clear(&qerr);
    brink_status qs = brink_q_parse(q, buf, n, &qerr);
    if (qs == BRINK_ETOOBIG ||
        (qs == BRINK_OK && ((long)mpz_sizeinbase(mpq_numref(q), 2) > limit ||
                            (long)mpz_sizeinbase(mpq_denref(q), 2) > limit))) {
        char why[BRINK_ERROR_MESSAGE_MAX];
        sc_number_size_reason(why, sizeof why, buf, qs, &qerr, q, limit);
        perr(p, start, "%s", why);
        p->st = BRINK_ETOOBIG;   /* a size limit, not a syntax error */
        if (p->err)
            p->err->code = BRINK_ETOOBIG;
    }
    else if (qs != BRINK_OK)
        perr(p, start, "malformed number '%s'", buf);
    else
        cb_push_const(&p->b, q);
    mpq_clear(q);
    brink_buf_free(&nb);
}

typedef struct fn_info {
    const char *name;
    int op, min_args, max_args;
} fn_info;

static const fn_info FUNCTIONS[] = {
    {"min", SC_OP_MIN, 1, 64}, {"max", SC_OP_MAX, 1, 64}, {"abs", SC_OP_ABS, 1, 1},
    {"sqrt", SC_OP_SQRT, 1, 1}, {"exp", SC_OP_EXP, 1, 1},   {"log", SC_OP_LOG, 1, 1},
    {"clamp", SC_OP_CLAMP, 3, 3}, {"if", -2, 3, 3},
    {"floor", SC_OP_FLOOR, 1, 1}, {"mod", SC_OP_MOD, 2, 2},
};

static void parse_call(parser *p, const char *name, size_t nlen, size_t at)
{
    const fn_info *fn = NULL;
    for (size_t i = 0; i < sizeof FUNCTIONS / sizeof FUNCTIONS[0]; i++)
        if (strlen(FUNCTIONS[i].name) == nlen && strncmp(FUNCTIONS[i].name, name, nlen) == 0)
            fn = &FUNCTIONS[i];
    if (!fn) {
        brink_buf nm;   /* the whole name */
        brink_buf_init(&nm);
        brink_buf_append(&nm, name, nlen);
        perr(p, at, "unknown function '%s' (functions: min, max, abs, clamp, if, floor, mod, sqrt, exp, log)",
             nm.failed ? "?" : nm.data);
        brink_buf_free(&nm);
        return;
    }
    p->pos++;  /* '(' */
    int nargs = 0;
    if (fn->op == -2) {
        /* if(c, a, b): c JZ L1 a JMP L2 L1: b L2: */
        parse_expr(p);
        if (!accept(p, ",")) {
            perr(p, p->pos, "expected ',' after the condition of if()", NULL);
            return;
        }
        cb_emit(&p->b, SC_OP_JZ);
        int jz = p->b.n;
        cb_emit(&p->b, 0);
        parse_expr(p);
        if (!accept(p, ",")) {
            perr(p, p->pos, "if(condition, then, else) needs three arguments", NULL);
            return;
        }
        cb_emit(&p->b, SC_OP_JMP);
        int jmp = p->b.n;
        cb_emit(&p->b, 0);
        if (!p->b.failed)
            p->b.code[jz] = p->b.n - (jz + 1);
        parse_expr(p);
        if (!p->b.failed)
            p->b.code[jmp] = p->b.n - (jmp + 1);
        if (!accept(p, ")"))
            perr(p, p->pos, "expected ')' to close if(", NULL);
        return;
    }
    if (peek(p) != ')') {
        do {
            parse_expr(p);
            nargs++;
            if (p->st)
                return;
        } while (accept(p, ","));
    }
    if (!accept(p, ")")) {
        perr(p, p->pos, "expected ',' or ')' in a function call", NULL);
        return;
    }
    if (nargs < fn->min_args || nargs > fn->max_args) {
        char m[96];   /* a function's name (at most 5 letters) and two small ints */
        snprintf(m, sizeof m, "%s() takes %d%s argument%s", fn->name, fn->min_args,
                 fn->max_args > fn->min_args ? " or more" : "", fn->min_args == 1 ? "" : "s");
        perr(p, at, "%s", m);
        return;
    }
    if (fn->op == SC_OP_MIN || fn->op == SC_OP_MAX) {
        cb_emit(&p->b, fn->op);
        cb_emit(&p->b, nargs);
    } else {
        cb_emit(&p->b, fn->op);
        if (fn->op != SC_OP_ABS && fn->op != SC_OP_CLAMP && fn->op != SC_OP_FLOOR &&
            fn->op != SC_OP_MOD)
            p->b.flags |= SC_EXPR_INEXACT;
    }
}

static void parse_atom(parser *p)
{
    int c = peek(p);
    size_t at = p->pos;
    if (c == '(') {
        if (!enter(p))   /* reported at the '(' that nests too deep */
            return;
        p->pos++;
        parse_expr(p);
        if (!p->st && !accept(p, ")"))
            perr(p, p->pos, "expected ')'", NULL);
        p->depth--;
        return;
    }
    if (isdigit(c) || c == '.') {
        parse_number(p);
        return;
    }
    if (is_name_start(c)) {
        size_t start = p->pos;
        while (p->pos < p->len && is_name_char((unsigned char)p->s[p->pos]))
            p->pos++;
        const char *name = p->s + start;
        size_t nlen = p->pos - start;
        if (peek(p) == '(') {
            if (!enter(p))
                return;
            parse_call(p, name, nlen, at);
            p->depth--;
            return;
        }
        int is_arg = 0, index = -1;
        if (p->ctx->local) {
            mpq_t q;
            mpq_init(q);
            int found = p->ctx->local(p->ctx->resolve_ctx, name, nlen, q);
            if (found)
                cb_push_const(&p->b, q);
            mpq_clear(q);
            if (found)
                return;
        }
        if (!p->ctx->resolve || !p->ctx->resolve(p->ctx->resolve_ctx, name, nlen, &is_arg, &index)) {
            brink_buf msg;   /* the whole name, however long */
            brink_buf_init(&msg);
            const char *best = NULL;
            size_t bestd = 3;
            for (int i = 0; i < p->ctx->nnames; i++) {
                const char *cand = p->ctx->names ? p->ctx->names[i]
                                   : p->ctx->name_at ? p->ctx->name_at(p->ctx->resolve_ctx, i)
                                                     : NULL;
                if (!cand)
                    continue;
                size_t d = edit_distance(name, nlen, cand, strlen(cand));
                if (d < bestd) {
                    bestd = d;
                    best = cand;
                }
            }
            if (nlen == 5 && !memcmp(name, "round", 5))   /* the sub-games' implicit argument */
                brink_buf_printf(&msg, "unknown name 'round' (round exists only inside a "
                         "sub-game: the number of the round a repeat plays, 0 outside any "
                         "repeat)");
            else if (best)
                brink_buf_printf(&msg, "unknown name '%.*s' (did you mean '%s'?)", (int)nlen,
                                 name, best);
            else
                brink_buf_printf(&msg, "unknown name '%.*s' (not a parameter%s)", (int)nlen, name,
                                 p->ctx->nnames ? " or argument" : "");
            perr(p, at, "%s", msg.failed ? "unknown name" : msg.data);
            brink_buf_free(&msg);
            return;
        }
        cb_emit(&p->b, is_arg ? SC_OP_ARG : SC_OP_PARAM);
        cb_emit(&p->b, index);
        p->b.flags |= is_arg ? SC_EXPR_HAS_ARG : SC_EXPR_HAS_PARAM;
        return;
    }
    if (c == 0)
        perr(p, p->pos, "unexpected end", NULL);
    else {
        char ch[BR_CHAR_TEXT_MAX];   /* the whole character: "é", not its first byte */
        br_char_text(p->s + p->pos, p->len - p->pos, ch);
        perr(p, p->pos, "unexpected '%s'", ch);
    }
}

static void parse_unary(parser *p);

static void parse_power(parser *p)
{
    parse_atom(p);
    if (p->st)
        return;
    if (accept(p, "^")) {
        if (!enter(p))
            return;
        parse_unary(p);   /* right associative: 2^-1, 2^3^2 = 2^(3^2) */
        cb_emit(&p->b, SC_OP_POW);
        p->depth--;
    }
}

static void parse_unary(parser *p)
{
    /* nesting is counted per prefix operator, parenthesis, call and power (not per grammar
     * rule), so the limit reads as "how deeply the text nests" */
    if (accept(p, "-")) {
        if (!enter(p))
            return;
        parse_unary(p);
        cb_emit(&p->b, SC_OP_NEG);
        p->depth--;
    } else if (accept(p, "+")) {
        if (!enter(p))
            return;
        parse_unary(p);
        p->depth--;
    } else {
        parse_power(p);
    }
}

static void parse_prod(parser *p)
{
    parse_unary(p);
    while (!p->st) {
        if (accept(p, "*")) {
            parse_unary(p);
            cb_emit(&p->b, SC_OP_MUL);
        } else if (accept(p, "/")) {
            parse_unary(p);
            cb_emit(&p->b, SC_OP_DIV);
        } else {
            break;
        }
    }
}

static void parse_sum(parser *p)
{
    parse_prod(p);
    while (!p->st) {
        if (accept(p, "+")) {
            parse_prod(p);
            cb_emit(&p->b, SC_OP_ADD);
        } else if (accept(p, "-")) {
            parse_prod(p);
            cb_emit(&p->b, SC_OP_SUB);
        } else {
            break;
        }
    }
}

static void parse_cmp(parser *p)
{
    parse_sum(p);
    if (p->st)
        return;
    static const struct { const char *t; int op; } cmps[] = {
        {"<=", SC_OP_LE}, {">=", SC_OP_GE}, {"==", SC_OP_EQ}, {"!=", SC_OP_NE},
        {"<", SC_OP_LT},  {">", SC_OP_GT},
    };
    for (size_t i = 0; i < sizeof cmps / sizeof cmps[0]; i++) {
        if (accept(p, cmps[i].t)) {
            parse_sum(p);
            cb_emit(&p->b, cmps[i].op);
            return;
        }
    }
}

static void parse_not(parser *p)
{
    if (accept(p, "not")) {
        if (!enter(p))
            return;
        parse_not(p);
        cb_emit(&p->b, SC_OP_NOT);
        p->depth--;
    } else {
        parse_cmp(p);
    }
}

static void parse_and(parser *p)
{
    parse_not(p);
    while (!p->st && accept(p, "and")) {
        parse_not(p);
        cb_emit(&p->b, SC_OP_AND);
    }
}

static void parse_expr(parser *p)
{
    parse_and(p);
    while (!p->st && accept(p, "or")) {
        parse_and(p);
        cb_emit(&p->b, SC_OP_OR);
    }
}

/* Fold a name-free expression to one constant (exact when possible). */
static sc_expr *fold(sc_expr *e, const char *file, brink_error *err)
{
    if (!e || (e->flags & (SC_EXPR_HAS_PARAM | SC_EXPR_HAS_ARG)) ||
        (e->ncode == 2 && e->code[0] == SC_OP_CONST))
        return e;
    mpq_t *stack = brink_q_array_new((size_t)e->maxstack);
    if (!stack) {
        sc_expr_free(e);
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return NULL;
    }
    mpq_t v;
    mpq_init(v);
    brink_status st = sc_expr_eval_q(e, NULL, stack, v, file, err);
    brink_q_array_free(stack, (size_t)e->maxstack);
    if (st) {
        mpq_clear(v);
        sc_expr_free(e);
        return NULL;
    }
    cbuf b;
    memset(&b, 0, sizeof b);
    cb_push_const(&b, v);
    b.flags = e->flags & SC_EXPR_INEXACT;
    mpq_clear(v);
    sc_expr *f = cb_finish(&b, e->text, strlen(e->text), e->line, e->col);
    if (!f) {
        sc_expr_free(e);
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return NULL;
    }
    f->max_bits = e->max_bits;
    sc_expr_free(e);
    return f;
}

sc_expr *sc_expr_compile(const char *text, const sc_expr_ctx *ctx, brink_error *err)
{
    parser p;
    memset(&p, 0, sizeof p);
    p.s = text;
    p.len = strlen(text);
    p.ctx = ctx;
    p.err = err;
    if ((int)p.len > ctx->max_length) {
        brink_error_set_at(err, BRINK_ETOOBIG, ctx->file, ctx->line, ctx->col,
                           "expression of %zu characters (limit %d)", p.len, ctx->max_length);
        return NULL;
    }
    if (peek(&p) == 0) {
        brink_error_set_at(err, BRINK_ESYNTAX, ctx->file, ctx->line, ctx->col,
                           "empty expression (expected a number or a formula)");
        return NULL;
    }
    parse_expr(&p);
    if (!p.st && peek(&p) != 0) {
        char ch[BR_CHAR_TEXT_MAX];
        br_char_text(p.s + p.pos, p.len - p.pos, ch);
        perr(&p, p.pos, "unexpected '%s' after a complete expression", ch);
    }
    if (!p.st && p.b.failed)
        p.st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (p.st) {
        cb_free(&p.b);
        return NULL;
    }
    sc_expr *e = cb_finish(&p.b, text, p.len, ctx->line, ctx->col);
    if (!e) {
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return NULL;
    }
    e->max_bits = ctx->max_bits > 0 ? ctx->max_bits : SC_EXPR_DEFAULT_MAX_BITS;
    return fold(e, ctx->file, err);
}

sc_expr *sc_expr_const(const mpq_t q, int line, int col)
{
    cbuf b;
    memset(&b, 0, sizeof b);
    cb_push_const(&b, q);
    char *s = brink_q_to_string(q);
    if (!s) {
        cb_free(&b);
        return NULL;
    }
    sc_expr *e = cb_finish(&b, s, strlen(s), line, col);
    free(s);
    return e;
}

sc_expr *sc_expr_const_si(long num, unsigned long den)
{
    mpq_t q;
    mpq_init(q);
    mpq_set_si(q, num, den);
    mpq_canonicalize(q);
    sc_expr *e = sc_expr_const(q, 0, 0);
    mpq_clear(q);
    return e;
}

int sc_expr_is_const(const sc_expr *e)
{
    return e->ncode == 2 && e->code[0] == SC_OP_CONST;
}

int sc_expr_equal(const sc_expr *a, const sc_expr *b)
{
    if (a->hash != b->hash || a->ncode != b->ncode || a->nk != b->nk)
        return 0;
    if (memcmp(a->code, b->code, (size_t)a->ncode * sizeof *a->code) != 0)
        return 0;
    for (int i = 0; i < a->nk; i++)
        if (!mpq_equal(a->kq[i], b->kq[i]))
            return 0;
    return 1;
}

/* Copy code of `src` into b, renumbering constants; ARG i is replaced by args[i]'s code.
 * Jumps are relative, so spans that grow need their offsets recomputed: pos_map records
 * where each source word landed. */
static void splice(cbuf *b, const sc_expr *src, sc_expr *const *args, int nargs)
{
    int *pos_map = malloc(((size_t)src->ncode + 1) * sizeof *pos_map);
    int *jumps = malloc(((size_t)src->ncode + 1) * sizeof *jumps);
    int njumps = 0;
    if (!pos_map || !jumps) {
        free(pos_map);
        free(jumps);
        b->failed = 1;
        return;
    }
    for (int pc = 0; pc < src->ncode;) {
        int op = src->code[pc];
        pos_map[pc] = b->n;
        if (op == SC_OP_CONST) {
            cb_push_const(b, src->kq[src->code[pc + 1]]);
        } else if (op == SC_OP_ARG && args && src->code[pc + 1] < nargs) {
            const sc_expr *a = args[src->code[pc + 1]];
            splice(b, a, NULL, 0);
            b->flags |= a->flags;
        } else {
            cb_emit(b, op);
            if (op_has_operand(op)) {
                if (op == SC_OP_JZ || op == SC_OP_JMP)
                    jumps[njumps++] = pc;
                cb_emit(b, src->code[pc + 1]);
            }
            if (op == SC_OP_PARAM)
                b->flags |= SC_EXPR_HAS_PARAM;
            if (op == SC_OP_ARG)
                b->flags |= SC_EXPR_HAS_ARG;
        }
        pc += op_has_operand(op) ? 2 : 1;
    }
    pos_map[src->ncode] = b->n;
    if (!b->failed) {
        for (int j = 0; j < njumps; j++) {
            int pc = jumps[j];
            int target = pc + 2 + src->code[pc + 1];
            int npc = pos_map[pc];
            b->code[npc + 1] = pos_map[target] - (npc + 2);
        }
    }
    free(pos_map);
    free(jumps);
}

sc_expr *sc_expr_instantiate(const sc_expr *e, sc_expr *const *args, int nargs,
                             const char *file, brink_error *err)
{
    cbuf b;
    memset(&b, 0, sizeof b);
    b.flags = e->flags & SC_EXPR_INEXACT;
    splice(&b, e, args, nargs);
    if (!b.failed && b.n > SC_EXPR_MAX_CODE) {
        cb_free(&b);
        brink_error_set_at(err, BRINK_ETOOBIG, file, e->line, e->col,
                           "expression '%.*s%s' grows to more than %d code words once sub-game "
                           "arguments are substituted", SC_CUT60(e->text), SC_EXPR_MAX_CODE);
        return NULL;
    }
    sc_expr *r = cb_finish(&b, e->text, strlen(e->text), e->line, e->col);
    if (!r) {
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return NULL;
    }
    r->max_bits = e->max_bits;
    return fold(r, file, err);
}

sc_expr *sc_expr_combine(int op, const sc_expr *a, const sc_expr *bx, brink_error *err)
{
    cbuf b;
    memset(&b, 0, sizeof b);
    splice(&b, a, NULL, 0);
    b.flags |= a->flags;
    if (bx) {
        splice(&b, bx, NULL, 0);
        b.flags |= bx->flags;
    }
    cb_emit(&b, op);
    if (op == SC_OP_MIN || op == SC_OP_MAX)
        cb_emit(&b, bx ? 2 : 1);
    if (op == SC_OP_SQRT || op == SC_OP_EXP || op == SC_OP_LOG)
        b.flags |= SC_EXPR_INEXACT;
    if (!b.failed && b.n > SC_EXPR_MAX_CODE) {
        cb_free(&b);
        brink_error_set_at(err, BRINK_ETOOBIG, NULL, a->line, a->col,
                           "expression '%.*s%s' grows to more than %d code words",
                           SC_CUT60(a->text), SC_EXPR_MAX_CODE);
        return NULL;
    }
    sc_expr *r = cb_finish(&b, a->text, strlen(a->text), a->line, a->col);
    if (!r) {
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return NULL;
    }
    r->max_bits = a->max_bits > (bx ? bx->max_bits : 0) ? a->max_bits : (bx ? bx->max_bits : 0);
    return r;
}

int sc_cut_len(const char *text, size_t max)
{
    size_t n = strlen(text);
    return (int)(n > max ? br_utf8_prefix(text, max) : n);
}

void sc_number_size_reason(char *msg, size_t size, const char *text, brink_status qs,
                           const brink_error *qerr, const mpq_t q, long limit)
{
    if (qs == BRINK_ETOOBIG) {   /* brink_q_parse says which: digits or exponent */
        snprintf(msg, size, "%s", qerr && qerr->message[0] ? qerr->message : "number too long");
        return;
    }
    /* 2^limit has about limit * log10(2) decimal digits */
    long digits = (long)((double)limit * 0.30102999566398);
    size_t nb = mpz_sizeinbase(mpq_numref(q), 2), db = mpz_sizeinbase(mpq_denref(q), 2);
    if ((long)nb > limit)
        snprintf(msg, size, "'%.*s%s' is too large to hold exactly: its numerator needs %zu "
                 "bits (limit max_number_bits = %ld, about %ld decimal digits)", SC_CUT60(text),
                 nb, limit, digits);
    else
        snprintf(msg, size, "'%.*s%s' is too small or too precise to hold exactly: its "
                 "denominator needs %zu bits (limit max_number_bits = %ld, about %ld decimal "
                 "digits)", SC_CUT60(text), db, limit, digits);
}

int sc_expr_uses_arg(const sc_expr *e, int i)
{
    for (int pc = 0; pc < e->ncode; pc += op_has_operand(e->code[pc]) ? 2 : 1)
        if (e->code[pc] == SC_OP_ARG && e->code[pc + 1] == i)
            return 1;
    return 0;
}
