/* expr.h — safe arithmetic expressions over parameters, compiled once to a compact RPN code.
 *
 * Grammar (recursive descent, nesting bounded by a depth limit):
 *     expr   := or
 *     or     := and ('or' and)*            and := not ('and' not)*
 *     not    := 'not' not | cmp            cmp := sum (('<'|'<='|'>'|'>='|'=='|'!=') sum)?
 *     sum    := prod (('+'|'-') prod)*     prod := unary (('*'|'/') unary)*
 *     unary  := ('-'|'+') unary | power    power := atom ('^' unary)?
 *     atom   := NUMBER | NAME | NAME '(' expr (',' expr)* ')' | '(' expr ')'
 * Functions: min, max (1+ args), abs, clamp(x, lo, hi), if(cond, a, b), floor(x),
 * mod(a, b) (integer arithmetic for generators, exact), and the inexact sqrt, exp, log. Truth is "nonzero"; comparisons give 1 or 0.
 *
 * Code: an int array of instructions, some followed by one operand; jumps are relative and
 * forward only. Numbers are exact rationals (GMP) unless an inexact function or a
 * non-integer power is used (flag SC_EXPR_INEXACT): then that step runs in doubles.
 * Names resolve to parameters (global) or arguments (of a sub-game); an expression with
 * arguments is "open" and is made "closed" by sc_expr_instantiate, which splices in the
 * caller's argument expressions. An expression without names is folded to one constant.
 * Evaluation never allocates: the caller passes a stack of at least e->maxstack entries.
 */
#ifndef BRINK_SCENARIO_EXPR_H
#define BRINK_SCENARIO_EXPR_H

#include <gmp.h>
#include <stdint.h>
#include "brink/core.h"
#include "brink/error.h"

enum {
    SC_OP_CONST = 1, /* k: push constant k */
    SC_OP_PARAM,     /* i: push parameter i */
    SC_OP_ARG,       /* i: push argument i (open expressions only) */
    SC_OP_NEG, SC_OP_ADD, SC_OP_SUB, SC_OP_MUL, SC_OP_DIV, SC_OP_POW,
    SC_OP_LT, SC_OP_LE, SC_OP_GT, SC_OP_GE, SC_OP_EQ, SC_OP_NE,
    SC_OP_NOT, SC_OP_AND, SC_OP_OR,
    SC_OP_ABS, SC_OP_SQRT, SC_OP_EXP, SC_OP_LOG,
    SC_OP_CLAMP,     /* pop hi, lo, x; push min(max(x, lo), hi) */
    SC_OP_MIN,       /* n: pop n, push the least */
    SC_OP_MAX,       /* n */
    SC_OP_JZ,        /* off: pop; if zero skip off words */
    SC_OP_JMP,       /* off: skip off words */
    SC_OP_FLOOR,     /* the greatest integer <= x (exact) */
    SC_OP_MOD        /* pop b, a; push a - b * floor(a / b) (exact; b = 0 is an error) */
};

#define SC_EXPR_HAS_PARAM 1u
#define SC_EXPR_HAS_ARG 2u
#define SC_EXPR_INEXACT 4u

typedef struct sc_expr {
    int *code;
    int ncode;
    mpq_t *kq;             /* constants */
    double *kd;
    int nk;
    int maxstack;
    unsigned flags;
    int line, col;         /* where the source text starts (1-based; 0 = synthetic) */
    const char *text;      /* source text, for messages (owned by the expression) */
    uint64_t hash;         /* of code and constants, for de-duplication */
    long max_bits;         /* exact numbers larger than this are refused (see below) */
} sc_expr;

/* Default bound on the bits of a numerator or denominator (limits.max_number_bits). The exact
 * evaluator checks an upper bound of every result's size BEFORE asking GMP for it (a tower
 * such as ((2^256)^256)^256 would otherwise take gigabytes or make GMP abort the process). */
#define SC_EXPR_DEFAULT_MAX_BITS ((long)BRINK_Q_MAX_BITS)

/* For "%.*s%s" in a message: text's first max bytes (a whole character) and "..." when it is
 * longer, so that a cut says so. */
int sc_cut_len(const char *text, size_t max);
#define SC_CUT(text, max) sc_cut_len((text), (max)), (text), \
    ((text)[sc_cut_len((text), (max))] ? "..." : "")
#define SC_CUT60(text) SC_CUT(text, 60)
/* Why the number written `text` is refused for its size, for a message (no location):
 * qs and qerr come from brink_q_parse (BRINK_ETOOBIG: more than BRINK_Q_MAX_DIGITS digits or
 * an exponent beyond its limit; qerr says which), otherwise q is the parsed value and its
 * numerator or denominator needs more than `limit` bits. A tiny number such as 1e-99999 is
 * refused for its denominator, so the message says "too small or too precise", not "large". */
void sc_number_size_reason(char *msg, size_t size, const char *text, brink_status qs,
                           const brink_error *qerr, const mpq_t q, long limit);

/* Code words of one expression after sub-game arguments are substituted (nested calls can
 * double an expression at each level). */
#define SC_EXPR_MAX_CODE (1 << 16)

/* Name lookup: return 1 and set *is_arg / *index when `name` (len chars) is known. */
typedef int (*sc_expr_resolve_fn)(void *ctx, const char *name, size_t len, int *is_arg,
                                  int *index);

typedef struct sc_expr_ctx {
    sc_expr_resolve_fn resolve;
    void *resolve_ctx;
    const char *file;      /* for messages */
    int line, col;         /* position of the text's first character */
    int max_depth, max_length;
    long max_bits;         /* 0: SC_EXPR_DEFAULT_MAX_BITS */
    /* Optional: the nnames known names for "did you mean" hints, as an array or, when names
     * is NULL, through name_at(resolve_ctx, i) (only called when a name is unknown). */
    const char *const *names;
    const char *(*name_at)(void *resolve_ctx, int i);
    int nnames;
    /* Optional: names bound to constants (a generator's variable, see parse_game.c), looked
     * up before resolve; return 1 and set out when `name` is one. */
    int (*local)(void *resolve_ctx, const char *name, size_t len, mpq_t out);
} sc_expr_ctx;

/* Compile text. Errors (BRINK_ESYNTAX) carry the file, line and column of the offending
 * character. */
sc_expr *sc_expr_compile(const char *text, const sc_expr_ctx *ctx, brink_error *err);
/* A constant expression with exact value q. */
sc_expr *sc_expr_const(const mpq_t q, int line, int col);
sc_expr *sc_expr_const_si(long num, unsigned long den);
void sc_expr_free(sc_expr *e);   /* NULL is a no-op */

/* Splice args[i] (closed expressions) for every SC_OP_ARG i; folds constants. Fails with
 * BRINK_ETOOBIG (at e's place) when the result exceeds SC_EXPR_MAX_CODE words. */
sc_expr *sc_expr_instantiate(const sc_expr *e, sc_expr *const *args, int nargs,
                             const char *file, brink_error *err);
/* op applied to a (and b when binary): e.g. SC_OP_MUL of two expressions. */
sc_expr *sc_expr_combine(int op, const sc_expr *a, const sc_expr *b, brink_error *err);

/* Same code and constants? */
int sc_expr_equal(const sc_expr *a, const sc_expr *b);
/* Does the (open) expression read argument i? */
int sc_expr_uses_arg(const sc_expr *e, int i);
/* Is the expression one constant? Then *q (if non-NULL) receives it. */
int sc_expr_is_const(const sc_expr *e);
/* Does e divide (or take mod) by a value that is zero whatever the parameters, before any
 * if()'s jump: c / (k - 2) once k = 2 is spliced in? Then the operation's name ("division by
 * zero", "mod by zero") is returned, else NULL (also when it cannot tell, or out of memory):
 * every evaluation of e would fail there. */
const char *sc_expr_zero_divisor(const sc_expr *e);

/* Evaluate a closed expression. stack: at least e->maxstack initialised mpq_t / doubles.
 * Exact evaluation fails (BRINK_EINVALID with the expression's location) on division by
 * zero, 0^negative or log of a non-positive number, and with BRINK_ETOOBIG ("number too
 * large") when a result could need more than e->max_bits bits. */
brink_status sc_expr_eval_q(const sc_expr *e, const mpq_t *params, mpq_t *stack, mpq_t out,
                            const char *file, brink_error *err);
/* Doubles: returns the value; *bad is set to 1 on a domain error (NaN or infinity). */
double sc_expr_eval_d(const sc_expr *e, const double *params, double *stack, int *bad);

/* Doubles with a rigorous bound: returns v and sets *err so that |exact - v| <= *err, with
 * *ok = 1, where exact is the value at the parameters' exact numbers, each within perr[i] of
 * params[i] (perr NULL: the doubles are the numbers); *ok = 0 when the doubles cannot decide a branch, a divisor may be 0, or the
 * expression uses an operation without a bound (sqrt, exp, log, mod, a non-integer power;
 * an inexact expression): evaluate exactly then. stack: 2 * e->maxstack doubles
 * (expr_bound.c). */
double sc_expr_eval_bound(const sc_expr *e, const double *params, const double *perr,
                          double *stack, double *err, int *ok);

#endif
