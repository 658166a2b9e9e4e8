/* expr_bound.c — a closed expression evaluated in doubles together with a rigorous bound on
 * the distance of the double to the exact (rational) value, for the double path of Monte
 * Carlo (docs/montecarlo.md, "The double path").
 *
 * Every stack entry is a pair (v, e) with |exact - v| <= e. A parameter is within its
 * bound perr[i] of the number it stands for (0: the double is the number, as a continuous
 * draw is; a discrete value or a default written 0.3 is 3/10, its double within 2^-54 of
 * it relatively); a constant is within 2u of its rational (u =
 * 2^-53); + - * / add the operands' bounds as first-order error analysis says, exactly
 * (the second-order terms are kept), plus the rounding of the result, and every bound is
 * enlarged by a small factor and a tiny absolute amount so that the rounding of the bound's
 * own arithmetic cannot make it too small. Where the exact value would take a branch the
 * doubles cannot decide (a comparison, a condition or a floor within the bounds), or an
 * operation has no bound here (sqrt, exp, log, mod, non-integer powers, inexact
 * expressions), or a divisor's bound includes 0, the evaluation says so (*ok = 0) and the
 * caller falls back to exact evaluation; so a value returned with ok is never wrong by more
 * than its bound. Nothing is allocated: the caller passes 2 * maxstack doubles.
 */
#include <float.h>
#include <math.h>

#include "scenario/expr.h"

#define U_ROUND (DBL_EPSILON / 2)

static double up(double e)
{
    return e * (1 + 64 * DBL_EPSILON) + 64 * DBL_TRUE_MIN;
}

/* Truth of (v, e): 1 or 0 when decided, -1 when the bound straddles 0. */
static int truth(double v, double e)
{
    if (fabs(v) > e)
        return 1;
    return v == 0 && e == 0 ? 0 : -1;
}

/* Sign of a - b: -1, 0 (exactly equal), 1, or 2 when undecided. */
static int compare(double a, double ea, double b, double eb)
{
    if (ea == 0 && eb == 0)
        return a < b ? -1 : a > b;
    double d = a - b;
    if (fabs(d) * (1 - 2 * U_ROUND) > up(ea + eb))
        return d < 0 ? -1 : 1;
    return 2;
}

double sc_expr_eval_bound(const sc_expr *e, const double *params, const double *perr,
                          double *stack, double *err, int *ok)
{
    double *v = stack, *r = stack + e->maxstack;   /* values, bounds */
    int sp = 0;
    *ok = 0;
    if (e->flags & SC_EXPR_INEXACT)
        return NAN;
    for (int pc = 0; pc < e->ncode;) {
        int op = e->code[pc];
        switch (op) {
        case SC_OP_CONST:
            v[sp] = e->kd[e->code[pc + 1]];
            /* an integer below 2^53 is its double exactly (an exponent such as round - 1) */
            r[sp] = mpz_cmp_ui(mpq_denref(e->kq[e->code[pc + 1]]), 1) == 0 && fabs(v[sp]) < 0x1p53
                        ? 0
                        : up(2 * U_ROUND * fabs(v[sp]));
            sp++;
            pc += 2;
            continue;
        case SC_OP_PARAM:
            v[sp] = params[e->code[pc + 1]];
            r[sp++] = perr ? perr[e->code[pc + 1]] : 0;
            pc += 2;
            continue;
        case SC_OP_JZ: {
            int t = truth(v[sp - 1], r[sp - 1]);
            if (t < 0)
                return NAN;
            sp--;
            pc += 2 + (t ? 0 : e->code[pc + 1]);
            continue;
        }
        case SC_OP_JMP:
            pc += 2 + e->code[pc + 1];
            continue;
        case SC_OP_MIN:
        case SC_OP_MAX: {
            /* the least (greatest) of values each within its bound is within the largest
             * bound of the least (greatest) exact value */
            int n = e->code[pc + 1], base = sp - n;
            double emax = r[base];
            for (int i = base + 1; i < sp; i++) {
                if ((op == SC_OP_MIN && v[i] < v[base]) || (op == SC_OP_MAX && v[i] > v[base]))
                    v[base] = v[i];
                emax = fmax(emax, r[i]);
            }
            r[base] = emax;
            sp = base + 1;
            pc += 2;
            continue;
        }
        case SC_OP_CLAMP: {
            double emax = fmax(r[sp - 3], fmax(r[sp - 2], r[sp - 1]));
            if (v[sp - 3] < v[sp - 2])
                v[sp - 3] = v[sp - 2];
            if (v[sp - 3] > v[sp - 1])
                v[sp - 3] = v[sp - 1];
            r[sp - 3] = emax;
            sp -= 2;
            pc++;
            continue;
        }
        case SC_OP_NEG:
            v[sp - 1] = -v[sp - 1];
            pc++;
            continue;
        case SC_OP_ABS:
            v[sp - 1] = fabs(v[sp - 1]);
            pc++;
            continue;
        case SC_OP_NOT: {
            int t = truth(v[sp - 1], r[sp - 1]);
            if (t < 0)
                return NAN;
            v[sp - 1] = !t;
            r[sp - 1] = 0;
            pc++;
            continue;
        }
        case SC_OP_FLOOR: {
            double lo = floor(v[sp - 1] - 2 * r[sp - 1]), hi = floor(v[sp - 1] + 2 * r[sp - 1]);
            if (lo != hi || fabs(v[sp - 1]) >= 0x1p52)
                return NAN;
            v[sp - 1] = lo;
            r[sp - 1] = 0;
            pc++;
            continue;
        }
        case SC_OP_ADD:
        case SC_OP_SUB:
        case SC_OP_MUL:
        case SC_OP_DIV:
        case SC_OP_POW:
        case SC_OP_LT:
        case SC_OP_LE:
        case SC_OP_GT:
        case SC_OP_GE:
        case SC_OP_EQ:
        case SC_OP_NE:
        case SC_OP_AND:
        case SC_OP_OR:
            break;
        default:   /* ARG, SQRT, EXP, LOG, MOD: no bound here */
            return NAN;
        }
        double a = v[sp - 2], ea = r[sp - 2], b = v[sp - 1], eb = r[sp - 1], x, ex;
        switch (op) {
        case SC_OP_ADD:
        case SC_OP_SUB:
            x = op == SC_OP_ADD ? a + b : a - b;
            ex = up(ea + eb + U_ROUND * fabs(x));
            break;
        case SC_OP_MUL:
            x = a * b;
            ex = up(fabs(a) * eb + fabs(b) * ea + ea * eb + U_ROUND * fabs(x));
            break;
        case SC_OP_DIV: {
            double m = fabs(b) - eb;   /* the exact divisor is at least this far from 0 */
            if (!(m > 0))
                return NAN;
            x = a / b;
            ex = up((fabs(a) * eb + fabs(b) * ea) / (fabs(b) * m * (1 - 4 * U_ROUND)) +
                    U_ROUND * fabs(x));
            break;
        }
        case SC_OP_POW: {
            /* exact integer exponents only, by repeated multiplication (as bounded above) */
            if (eb != 0 || b != floor(b) || fabs(b) > 64)
                return NAN;
            int n = (int)fabs(b);
            x = 1;
            ex = 0;
            for (int k = 0; k < n; k++) {
                double y = x * a;
                ex = up(fabs(x) * ea + fabs(a) * ex + ex * ea + U_ROUND * fabs(y));
                x = y;
            }
            if (b < 0) {
                double m = fabs(x) - ex;
                if (!(m > 0))
                    return NAN;
                double y = 1 / x;
                ex = up(ex / (fabs(x) * m * (1 - 4 * U_ROUND)) + U_ROUND * fabs(y));
                x = y;
            }
            break;
        }
        case SC_OP_AND:
        case SC_OP_OR: {
            int ta = truth(a, ea), tb = truth(b, eb);
            if (ta < 0 || tb < 0)
                return NAN;
            x = op == SC_OP_AND ? (ta && tb) : (ta || tb);
            ex = 0;
            break;
        }
        default: {   /* comparisons */
            int c = compare(a, ea, b, eb);
            if (c == 2)
                return NAN;
            switch (op) {
            case SC_OP_LT: x = c < 0; break;
            case SC_OP_LE: x = c <= 0; break;
            case SC_OP_GT: x = c > 0; break;
            case SC_OP_GE: x = c >= 0; break;
            case SC_OP_EQ: x = c == 0; break;
            default: x = c != 0; break;
            }
            ex = 0;
            break;
        }
        }
        if (!isfinite(x) || !isfinite(ex))
            return NAN;
        /* exact integers give an exact integer below 2^53 (e.g. an exponent round - 1) */
        if ((op == SC_OP_ADD || op == SC_OP_SUB || op == SC_OP_MUL) && ea == 0 && eb == 0 &&
            a == floor(a) && b == floor(b) && fabs(x) < 0x1p53)
            ex = 0;
        v[sp - 2] = x;
        r[sp - 2] = ex;
        sp--;
        pc++;
    }
    if (sp != 1 || !isfinite(v[0]))
        return NAN;
    *err = r[0];
    *ok = 1;
    return v[0];
}
