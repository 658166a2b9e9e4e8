/* expr_eval.c — run expression code, exactly (GMP rationals) or in doubles.
 *
 * Both evaluators walk the same code with a caller-provided stack (no allocation). The exact
 * one keeps rationals wherever the operation is rational (+ - * /, integer powers up to
 * SC_EXPR_MAX_EXACT_POW, comparisons, min/max/abs/clamp); sqrt, exp, log and other powers
 * go through doubles and come back as the exact dyadic value of the double result.
 */
#include "scenario/expr.h"

#include <math.h>
#include <stdlib.h>

/* Exponents beyond this are computed in doubles (keeps exact numbers small). */
#define SC_EXPR_MAX_EXACT_POW 256

static brink_status domain_error(const sc_expr *e, const char *file, brink_error *err,
                                 const char *what)
{
    return brink_error_set_at(err, BRINK_EINVALID, file, e->line, e->col, "%s in '%s'", what,
                              e->text ? e->text : "?");
}

static int truthy(const mpq_t q) { return mpq_sgn(q) != 0; }

static long bits(const mpz_t z) { return (long)mpz_sizeinbase(z, 2); }

/* Bits of z^n: floor(n log2|z|) + 1, with a margin of one bit for rounding in log2. */
static long pow_bits(const mpz_t z, unsigned long n)
{
    if (mpz_cmpabs_ui(z, 1) <= 0)
        return 1;
    long e;
    double d = fabs(mpz_get_d_2exp(&e, z));   /* |z| = d 2^e, d in [0.5, 1) */
    double lg = (double)e + log2(d);
    double b = floor((double)n * lg) + 1;
    if (mpz_scan1(z, 0) == mpz_sizeinbase(z, 2) - 1)
        return (long)b;                       /* a power of two: exact */
    return (long)b + 1;
}

/* An upper bound, in bits, of the numerator and denominator of a op b (op one of + - * / ^n),
 * computed from the operands' sizes alone: |x| < 2^bits(x), so |xy| < 2^(bits x + bits y). */
static long result_bits(int op, const mpq_t a, const mpq_t b, unsigned long n)
{
    long an = bits(mpq_numref(a)), ad = bits(mpq_denref(a));
    long bn = bits(mpq_numref(b)), bd = bits(mpq_denref(b));
    switch (op) {
    case SC_OP_ADD:
    case SC_OP_SUB: {
        long x = an + bd > bn + ad ? an + bd : bn + ad;
        return x + 1 > ad + bd ? x + 1 : ad + bd;
    }
    case SC_OP_MUL:
        return an + bn > ad + bd ? an + bn : ad + bd;
    case SC_OP_DIV:
        return an + bd > ad + bn ? an + bd : ad + bn;
    default: { /* SC_OP_POW: n * log2|x| + 1 bits, from the leading bits (not bits * n,
                * which would refuse 2^63 under a 64-bit limit) */
        long x = pow_bits(mpq_numref(a), n), y = pow_bits(mpq_denref(a), n);
        return x > y ? x : y;
    }
    }
}

static brink_status too_large(const sc_expr *e, const char *file, brink_error *err, long limit)
{
    return brink_error_set_at(err, BRINK_ETOOBIG, file, e->line, e->col,
                              "number too large in '%s' (a result needs more than %ld bits; "
                              "limit max_number_bits)", e->text ? e->text : "?", limit);
}

brink_status sc_expr_eval_q(const sc_expr *e, const mpq_t *params, mpq_t *stack, mpq_t out,
                            const char *file, brink_error *err)
{
    int sp = 0;
    long limit = e->max_bits > 0 ? e->max_bits : SC_EXPR_DEFAULT_MAX_BITS;
    for (int pc = 0; pc < e->ncode;) {
        int op = e->code[pc];
        switch (op) {
        case SC_OP_CONST:
            mpq_set(stack[sp++], e->kq[e->code[pc + 1]]);
            pc += 2;
            continue;
        case SC_OP_PARAM:
            if (!params)
                return domain_error(e, file, err, "a parameter used where only constants are "
                                                  "allowed");
            mpq_set(stack[sp++], params[e->code[pc + 1]]);
            pc += 2;
            continue;
        case SC_OP_ARG:
            return brink_error_set_at(err, BRINK_EINTERNAL, file, e->line, e->col,
                                      "open expression evaluated: '%s'", e->text);
        case SC_OP_JZ:
            sp--;
            pc += 2 + (truthy(stack[sp]) ? 0 : e->code[pc + 1]);
            continue;
        case SC_OP_JMP:
            pc += 2 + e->code[pc + 1];
            continue;
        case SC_OP_MIN:
        case SC_OP_MAX: {
            int n = e->code[pc + 1];
            int base = sp - n;
            for (int i = base + 1; i < sp; i++) {
                int c = mpq_cmp(stack[i], stack[base]);
                if ((op == SC_OP_MIN && c < 0) || (op == SC_OP_MAX && c > 0))
                    mpq_set(stack[base], stack[i]);
            }
            sp = base + 1;
            pc += 2;
            continue;
        }
        case SC_OP_CLAMP:
            /* x lo hi; an empty interval (lo > hi) has no value to clamp to */
            if (mpq_cmp(stack[sp - 2], stack[sp - 1]) > 0)
                return domain_error(e, file, err, "clamp(x, low, high) with low above high");
            if (mpq_cmp(stack[sp - 3], stack[sp - 2]) < 0)
                mpq_set(stack[sp - 3], stack[sp - 2]);
            if (mpq_cmp(stack[sp - 3], stack[sp - 1]) > 0)
                mpq_set(stack[sp - 3], stack[sp - 1]);
            sp -= 2;
            pc++;
            continue;
        case SC_OP_NEG:
            mpq_neg(stack[sp - 1], stack[sp - 1]);
            pc++;
            continue;
        case SC_OP_NOT:
            mpq_set_ui(stack[sp - 1], truthy(stack[sp - 1]) ? 0 : 1, 1);
            pc++;
            continue;
        case SC_OP_ABS:
            mpq_abs(stack[sp - 1], stack[sp - 1]);
            pc++;
            continue;
        case SC_OP_FLOOR:
            mpz_fdiv_q(mpq_numref(stack[sp - 1]), mpq_numref(stack[sp - 1]),
                       mpq_denref(stack[sp - 1]));
            mpz_set_ui(mpq_denref(stack[sp - 1]), 1);
            pc++;
            continue;
        case SC_OP_MOD: {
            /* a - b * floor(a / b): the result has b's sign; sizes stay within a's and b's */
            mpq_t *a = &stack[sp - 2], *b = &stack[sp - 1];
            if (mpq_sgn(*b) == 0)
                return domain_error(e, file, err, "mod by zero");
            mpq_t f;
            mpq_init(f);
            mpq_div(f, *a, *b);
            mpz_fdiv_q(mpq_numref(f), mpq_numref(f), mpq_denref(f));
            mpz_set_ui(mpq_denref(f), 1);
            mpq_mul(f, f, *b);
            mpq_sub(*a, *a, f);
            mpq_clear(f);
            sp--;
            pc++;
            continue;
        }
        case SC_OP_SQRT:
        case SC_OP_EXP:
        case SC_OP_LOG: {
            double x = brink_q_get_d(stack[sp - 1]), y;
            if (op == SC_OP_SQRT) {
                if (x < 0)
                    return domain_error(e, file, err, "square root of a negative number");
                y = sqrt(x);
            } else if (op == SC_OP_EXP) {
                y = exp(x);
            } else {
                if (x <= 0)
                    return domain_error(e, file, err, "logarithm of a non-positive number");
                y = log(x);
            }
            if (!isfinite(y))
                return domain_error(e, file, err, "result too large");
            mpq_set_d(stack[sp - 1], y);
            pc++;
            continue;
        }
        default:
            break;
        }
        /* binary operators: a = stack[sp-2], b = stack[sp-1] */
        mpq_t *a = &stack[sp - 2], *b = &stack[sp - 1];
        int c;
        /* The bound may exceed the true size by a bit or two: beyond limit + 2 the result is
         * refused unseen; closer, it is computed (cheaply) and its true size decides. */
        int grows = op == SC_OP_ADD || op == SC_OP_SUB || op == SC_OP_MUL || op == SC_OP_DIV;
        if (grows && result_bits(op, *a, *b, 0) > limit + 2)
            return too_large(e, file, err, limit);
        switch (op) {
        case SC_OP_ADD: mpq_add(*a, *a, *b); break;
        case SC_OP_SUB: mpq_sub(*a, *a, *b); break;
        case SC_OP_MUL: mpq_mul(*a, *a, *b); break;
        case SC_OP_DIV:
            if (mpq_sgn(*b) == 0)
                return domain_error(e, file, err, "division by zero");
            mpq_div(*a, *a, *b);
            break;
        case SC_OP_POW: {
            int integral = mpz_cmp_ui(mpq_denref(*b), 1) == 0 &&
                           mpz_cmpabs_ui(mpq_numref(*b), SC_EXPR_MAX_EXACT_POW) <= 0;
            if (integral) {
                long n = mpz_get_si(mpq_numref(*b));
                if (n < 0 && mpq_sgn(*a) == 0)
                    return domain_error(e, file, err, "zero raised to a negative power");
                unsigned long un = (unsigned long)(n < 0 ? -n : n);
                if (result_bits(op, *a, *b, un) > limit + 2)
                    return too_large(e, file, err, limit);
                grows = 1;
                mpz_pow_ui(mpq_numref(*a), mpq_numref(*a), un);
                mpz_pow_ui(mpq_denref(*a), mpq_denref(*a), un);
                if (n < 0)
                    mpq_inv(*a, *a);
            } else {
                double x = brink_q_get_d(*a), y = brink_q_get_d(*b);
                double r = pow(x, y);
                if (!isfinite(r))
                    return domain_error(e, file, err, "power out of range (negative base or "
                                                      "too large)");
                mpq_set_d(*a, r);
            }
            break;
        }
        case SC_OP_LT: c = mpq_cmp(*a, *b) < 0; mpq_set_ui(*a, (unsigned)c, 1); break;
        case SC_OP_LE: c = mpq_cmp(*a, *b) <= 0; mpq_set_ui(*a, (unsigned)c, 1); break;
        case SC_OP_GT: c = mpq_cmp(*a, *b) > 0; mpq_set_ui(*a, (unsigned)c, 1); break;
        case SC_OP_GE: c = mpq_cmp(*a, *b) >= 0; mpq_set_ui(*a, (unsigned)c, 1); break;
        case SC_OP_EQ: c = mpq_equal(*a, *b) != 0; mpq_set_ui(*a, (unsigned)c, 1); break;
        case SC_OP_NE: c = mpq_equal(*a, *b) == 0; mpq_set_ui(*a, (unsigned)c, 1); break;
        case SC_OP_AND: c = truthy(*a) && truthy(*b); mpq_set_ui(*a, (unsigned)c, 1); break;
        case SC_OP_OR: c = truthy(*a) || truthy(*b); mpq_set_ui(*a, (unsigned)c, 1); break;
        default:
            return brink_error_set_at(err, BRINK_EINTERNAL, file, e->line, e->col,
                                      "bad expression code %d", op);
        }
        if (grows && (bits(mpq_numref(*a)) > limit || bits(mpq_denref(*a)) > limit))
            return too_large(e, file, err, limit);
        sp--;
        pc++;
    }
    mpq_set(out, stack[0]);
    return BRINK_OK;
}

double sc_expr_eval_d(const sc_expr *e, const double *params, double *stack, int *bad)
{
    int sp = 0;
    for (int pc = 0; pc < e->ncode;) {
        int op = e->code[pc];
        double *a, *b;
        switch (op) {
        case SC_OP_CONST:
            stack[sp++] = e->kd[e->code[pc + 1]];
            pc += 2;
            continue;
        case SC_OP_PARAM:
            stack[sp++] = params ? params[e->code[pc + 1]] : NAN;
            pc += 2;
            continue;
        case SC_OP_ARG:
            *bad = 1;
            return NAN;
        case SC_OP_JZ:
            sp--;
            pc += 2 + (stack[sp] != 0 ? 0 : e->code[pc + 1]);
            continue;
        case SC_OP_JMP:
            pc += 2 + e->code[pc + 1];
            continue;
        case SC_OP_MIN:
        case SC_OP_MAX: {
            int n = e->code[pc + 1], base = sp - n;
            for (int i = base + 1; i < sp; i++)
                if ((op == SC_OP_MIN && stack[i] < stack[base]) ||
                    (op == SC_OP_MAX && stack[i] > stack[base]))
                    stack[base] = stack[i];
            sp = base + 1;
            pc += 2;
            continue;
        }
        case SC_OP_CLAMP:
            if (stack[sp - 2] > stack[sp - 1]) {   /* low above high, as in the exact eval */
                *bad = 1;
                return NAN;
            }
            if (stack[sp - 3] < stack[sp - 2])
                stack[sp - 3] = stack[sp - 2];
            if (stack[sp - 3] > stack[sp - 1])
                stack[sp - 3] = stack[sp - 1];
            sp -= 2;
            pc++;
            continue;
        case SC_OP_NEG: stack[sp - 1] = -stack[sp - 1]; pc++; continue;
        case SC_OP_NOT: stack[sp - 1] = stack[sp - 1] == 0; pc++; continue;
        case SC_OP_ABS: stack[sp - 1] = fabs(stack[sp - 1]); pc++; continue;
        case SC_OP_FLOOR: stack[sp - 1] = floor(stack[sp - 1]); pc++; continue;
        case SC_OP_MOD:
            if (stack[sp - 1] == 0) {
                *bad = 1;
                return NAN;
            }
            stack[sp - 2] -= stack[sp - 1] * floor(stack[sp - 2] / stack[sp - 1]);
            sp--;
            pc++;
            continue;
        case SC_OP_SQRT: stack[sp - 1] = sqrt(stack[sp - 1]); pc++; continue;
        case SC_OP_EXP: stack[sp - 1] = exp(stack[sp - 1]); pc++; continue;
        case SC_OP_LOG: stack[sp - 1] = log(stack[sp - 1]); pc++; continue;
        default:
            break;
        }
        a = &stack[sp - 2];
        b = &stack[sp - 1];
        switch (op) {
        case SC_OP_ADD: *a += *b; break;
        case SC_OP_SUB: *a -= *b; break;
        case SC_OP_MUL: *a *= *b; break;
        case SC_OP_DIV: *a /= *b; break;
        case SC_OP_POW: *a = pow(*a, *b); break;
        case SC_OP_LT: *a = *a < *b; break;
        case SC_OP_LE: *a = *a <= *b; break;
        case SC_OP_GT: *a = *a > *b; break;
        case SC_OP_GE: *a = *a >= *b; break;
        case SC_OP_EQ: *a = *a == *b; break;
        case SC_OP_NE: *a = *a != *b; break;
        case SC_OP_AND: *a = (*a != 0) && (*b != 0); break;
        case SC_OP_OR: *a = (*a != 0) || (*b != 0); break;
        default: *bad = 1; return NAN;
        }
        sp--;
        pc++;
    }
    if (!isfinite(stack[0]))
        *bad = 1;
    return stack[0];
}

const char *sc_expr_zero_divisor(const sc_expr *e)
{
    int any = 0;
    for (int pc = 0; pc < e->ncode && !any;) {
        int op = e->code[pc];
        any = op == SC_OP_DIV || op == SC_OP_MOD;
        pc += op == SC_OP_CONST || op == SC_OP_PARAM || op == SC_OP_ARG || op == SC_OP_MIN ||
                      op == SC_OP_MAX || op == SC_OP_JZ || op == SC_OP_JMP
                  ? 2
                  : 1;
    }
    if (!any || e->maxstack < 1)
        return NULL;
    /* the stack's entries: known[i] when the value is a constant, then v[i] */
    size_t n = (size_t)e->maxstack;
    mpq_t *v = brink_q_array_new(n);
    unsigned char *known = calloc(n, 1);
    const char *r = NULL;
    int sp = 0, done = !v || !known;
    long limit = e->max_bits > 0 ? e->max_bits : SC_EXPR_DEFAULT_MAX_BITS;
    for (int pc = 0; pc < e->ncode && !done;) {
        int op = e->code[pc];
        switch (op) {
        case SC_OP_CONST:
            mpq_set(v[sp], e->kq[e->code[pc + 1]]);
            known[sp++] = 1;
            pc += 2;
            continue;
        case SC_OP_PARAM:
        case SC_OP_ARG:
            known[sp++] = 0;
            pc += 2;
            continue;
        case SC_OP_MIN:
        case SC_OP_MAX:
            sp -= e->code[pc + 1] - 1;
            known[sp - 1] = 0;
            pc += 2;
            continue;
        case SC_OP_CLAMP:
            sp -= 2;
            known[sp - 1] = 0;
            pc++;
            continue;
        case SC_OP_NEG:
        case SC_OP_ABS:
        case SC_OP_FLOOR:
            if (known[sp - 1]) {
                if (op == SC_OP_NEG)
                    mpq_neg(v[sp - 1], v[sp - 1]);
                else if (op == SC_OP_ABS)
                    mpq_abs(v[sp - 1], v[sp - 1]);
                else {
                    mpz_fdiv_q(mpq_numref(v[sp - 1]), mpq_numref(v[sp - 1]),
                               mpq_denref(v[sp - 1]));
                    mpz_set_ui(mpq_denref(v[sp - 1]), 1);
                }
            }
            pc++;
            continue;
        case SC_OP_NOT:
        case SC_OP_SQRT:
        case SC_OP_EXP:
        case SC_OP_LOG:
            known[sp - 1] = 0;
            pc++;
            continue;
        case SC_OP_ADD:
        case SC_OP_SUB:
        case SC_OP_MUL:
        case SC_OP_DIV:
        case SC_OP_MOD:
        case SC_OP_POW:
        case SC_OP_LT:
        case SC_OP_LE:
        case SC_OP_GT:
        case SC_OP_GE:
        case SC_OP_EQ:
        case SC_OP_NE:
        case SC_OP_AND:
        case SC_OP_OR: {
            int both = known[sp - 2] && known[sp - 1];
            if ((op == SC_OP_DIV || op == SC_OP_MOD) && known[sp - 1] && mpq_sgn(v[sp - 1]) == 0) {
                r = op == SC_OP_DIV ? "division by zero" : "mod by zero";
                done = 1;
                continue;
            }
            /* small exact steps only (no powers: their size is the evaluator's to bound) */
            if (both && (long)(mpz_sizeinbase(mpq_numref(v[sp - 2]), 2) +
                               mpz_sizeinbase(mpq_denref(v[sp - 2]), 2) +
                               mpz_sizeinbase(mpq_numref(v[sp - 1]), 2) +
                               mpz_sizeinbase(mpq_denref(v[sp - 1]), 2)) > limit)
                both = 0;
            if (both && op == SC_OP_ADD)
                mpq_add(v[sp - 2], v[sp - 2], v[sp - 1]);
            else if (both && op == SC_OP_SUB)
                mpq_sub(v[sp - 2], v[sp - 2], v[sp - 1]);
            else if (both && op == SC_OP_MUL)
                mpq_mul(v[sp - 2], v[sp - 2], v[sp - 1]);
            else if (both && op == SC_OP_DIV)
                mpq_div(v[sp - 2], v[sp - 2], v[sp - 1]);
            else
                both = 0;
            known[sp - 2] = (unsigned char)both;
            sp--;
            pc++;
            continue;
        }
        default:   /* a jump (if): what follows may not be evaluated */
            done = 1;
            continue;
        }
    }
    brink_q_array_free(v, n);
    free(known);
    return r;
}
