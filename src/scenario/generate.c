/* generate.c — the values of a generator (`for: x, in: range(0.5, 0.8, 0.01)`) and the labels
 * of the options it makes.
 *
 * A decision option or chance outcome whose node holds `for: NAME` and `in: VALUES` stands for
 * one option per value (parse_game.c reads the node once per value, NAME bound to it).
 * VALUES is `range(lo, hi)` or `range(lo, hi, step)` — lo, lo + step, ... while <= hi, in
 * exact arithmetic, so range(0.5, 0.8, 0.01) is exactly 31 values —, quantiles(DIST, n)
 * (n equally likely values of a distribution, for private types) or a YAML list of
 * expressions. Every value must be known when the tree is built (numbers, outer generators'
 * variables, integer arithmetic): the tree's shape never depends on parameters that sweeps
 * change. The count is bounded by the node limit before anything is allocated per value.
 * Labels: `{NAME}` in the option's key is replaced by the value in words (whole numbers
 * exactly, others to 6 significant digits); the labels of one decision must differ.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/model.h"
#include "scenario/generate.h"

static brink_status constant(brink_scenario *sc, const ynode *y, const sc_local *locals,
                             mpq_t out, brink_error *err)
{
    /* not kept: the pre-count (gen_count.c) may evaluate one range once per outer value */
    sc_expr *e = sc_compile_temp(sc, y, sc->gen_arg_names, sc->gen_nargs, locals, err);
    if (!e)
        return err && err->code ? err->code : BRINK_ENOMEM;
    brink_status st;
    if (!sc_expr_is_const(e) && sc->gen_arg_values && !(e->flags & SC_EXPR_HAS_PARAM)) {
        /* made at expansion (sc_gen_defer): the sub-game's arguments are known now */
        sc_expr *c = sc_expr_instantiate(e, sc->gen_arg_values, sc->gen_nargs, sc->file, err);
        sc_expr_free(e);
        if (!c)
            return err && err->code ? err->code : BRINK_ENOMEM;
        e = c;
    }
    if (!sc_expr_is_const(e)) {
        sc->gen_not_constant = 1;
        st = sc_err(sc, err, y, BRINK_EINVALID,
                    "a generator's values must be known when the tree is built: numbers, "
                    "outer generators' variables, sub-game arguments, round, floor and mod, "
                    "but not parameters ('%s')", y->text);
        sc_expr_free(e);
        return st;
    }
    mpq_t *stack = brink_q_array_new((size_t)e->maxstack + 1);
    if (!stack) {
        sc_expr_free(e);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    st = sc_expr_eval_q(e, NULL, stack, out, sc->file, err);
    brink_q_array_free(stack, (size_t)e->maxstack + 1);
    sc_expr_free(e);
    return st;
}

/* NAME(a, b, c)'s arguments (at most 3) as scalar nodes placed at their columns: their
 * count, -1 when the text is not a call of NAME, -2 with too many, -3 out of memory. */
static int split_call(brink_scenario *sc, const ynode *in, const char *name, ynode *parts,
                      char **texts)
{
    const char *s = in->text;
    size_t n = strlen(s), open = 0, nl = strlen(name);
    while (s[open] == ' ')
        open++;
    if (strncmp(s + open, name, nl) != 0)
        return -1;
    open += nl;
    while (s[open] == ' ')
        open++;
    if (s[open] != '(')
        return -1;
    size_t close = n;
    while (close > 0 && s[close - 1] == ' ')
        close--;
    if (close == 0 || s[close - 1] != ')')
        return -1;
    close--;
    int k = 0, depth = 0;
    size_t start = open + 1;
    for (size_t i = open + 1; i <= close; i++) {
        if (i < close && s[i] == '(')
            depth++;
        else if (i < close && s[i] == ')')
            depth--;
        else if (i == close || (s[i] == ',' && depth == 0)) {
            if (k == 3)
                return -2;
            size_t end = i;   /* trimmed, so that messages quote and point at the number */
            while (start < end && s[start] == ' ')
                start++;
            while (end > start && s[end - 1] == ' ')
                end--;
            texts[k] = brink_arena_alloc(sc->arena, end - start + 1);
            if (!texts[k])
                return -3;
            memcpy(texts[k], s + start, end - start);
            texts[k][end - start] = '\0';
            parts[k] = *in;
            parts[k].text = texts[k];
            parts[k].len = end - start;
            parts[k].col = in->col + (int)start;   /* a quoted scalar starts inside its quote */
            parts[k].quoted = 0;
            k++;
            start = i + 1;
        }
    }
    return k;
}

/* ---- quantiles(DISTRIBUTION, n): n equally likely values ----
 * The i-th value (i = 1..n) is the distribution's quantile at (i - 1/2) / n, the median of the
 * i-th of n slices of equal probability: a private cost uniform on [0, 0.3] becomes 30 equally
 * likely types 0.005, 0.015, ..., 0.295. uniform is exact; normal and triangular quantiles are
 * computed in doubles (the values are then exact binary fractions), except that a symmetric
 * distribution's are symmetric exactly: the middle value is the mean, and the upper half is
 * the lower half mirrored about the mean in exact arithmetic. */

static double normal_quantile(double u)
{
    /* bisection on the normal CDF 0.5 erfc(-x / sqrt 2): 200 halvings of [-40, 40] reach
     * the nearest double, whatever u in (0, 1) */
    double lo = -40, hi = 40;
    for (int it = 0; it < 200 && hi - lo > 0; it++) {
        double mid = 0.5 * (lo + hi);
        if (mid == lo || mid == hi)
            break;
        if (0.5 * erfc(-mid / sqrt(2.0)) < u)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

/* triangular(low, mode, high) is symmetric when mode - low = high - mode */
static int mirror_mode(mpq_t a[3])
{
    mpq_t l, h;
    mpq_init(l);
    mpq_init(h);
    mpq_sub(l, a[1], a[0]);
    mpq_sub(h, a[2], a[1]);
    int eq = mpq_equal(l, h) != 0;
    mpq_clear(l);
    mpq_clear(h);
    return eq;
}

static brink_status quantiles(brink_scenario *sc, const ynode *in, ynode *parts, int k,
                              const sc_local *locals, mpq_t **out, int *count, brink_error *err)
{
    if (k != 2)
        return sc_err(sc, err, in, BRINK_ESYNTAX,
                      "quantiles takes a distribution and a count: quantiles(uniform(0, 0.3), 30)");
    static const char *const dists[] = {"uniform", "normal", "triangular"};
    static const int nargs[] = {2, 2, 3};
    ynode dp[3];
    char *dt[3];
    int which = -1, dk = -1;
    for (int d = 0; d < 3 && which < 0; d++)
        if ((dk = split_call(sc, &parts[0], dists[d], dp, dt)) >= 0 || dk < -1)
            which = d;
    if (dk == -3)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (which < 0 || dk != nargs[which])
        return sc_err(sc, err, &parts[0], BRINK_ESYNTAX,
                      "a distribution for quantiles: uniform(low, high), normal(mean, sd) or "
                      "triangular(low, mode, high) (found '%s')", parts[0].text);
    mpq_t a[3], nq;
    for (int i = 0; i < 3; i++)
        mpq_init(a[i]);
    mpq_init(nq);
    brink_status st = BRINK_OK;
    for (int i = 0; i < dk && !st; i++)
        st = constant(sc, &dp[i], locals, a[i], err);
    if (!st)
        st = constant(sc, &parts[1], locals, nq, err);
    if (!st && (mpz_cmp_ui(mpq_denref(nq), 1) != 0 || mpq_sgn(nq) <= 0))
        st = sc_err(sc, err, &parts[1], BRINK_EINVALID, "the count of quantiles must be a "
                    "whole number of at least 1");
    if (!st && mpz_cmp_ui(mpq_numref(nq), (unsigned long)sc->lim.max_tree_nodes) > 0)
        st = sc_err(sc, err, &parts[1], BRINK_ETOOBIG, "%s quantiles (limit %zu, the node "
                    "limit)", parts[1].text, sc->lim.max_tree_nodes);
    if (!st && which == 0 && mpq_cmp(a[0], a[1]) > 0)
        st = sc_err(sc, err, &parts[0], BRINK_EINVALID, "uniform(low, high) needs low <= high");
    if (!st && which == 0 && mpq_equal(a[0], a[1]) && mpq_cmp_ui(nq, 1, 1) > 0) {
        /* one value: its quantiles would be equal labels (tester 12, F9.4) */
        brink_buf w;
        brink_buf_init(&w);
        sc_put_number(&w, a[0]);
        st = sc_err(sc, err, &parts[0], BRINK_EINVALID,
                    "'%s' has low = high = %s, a single value: its %lu quantiles would all be "
                    "that value (the same label); quantiles of more than one need low < high",
                    parts[0].text, w.failed ? "?" : w.data, mpz_get_ui(mpq_numref(nq)));
        brink_buf_free(&w);
    }
    if (!st && which == 1 && mpq_sgn(a[1]) <= 0)
        st = sc_err(sc, err, &parts[0], BRINK_EINVALID, "normal(mean, sd) needs sd > 0");
    if (!st && which == 2 && (mpq_cmp(a[0], a[1]) > 0 || mpq_cmp(a[1], a[2]) > 0 ||
                              mpq_cmp(a[0], a[2]) >= 0))
        st = sc_err(sc, err, &parts[0], BRINK_EINVALID,
                    "triangular(low, mode, high) needs low <= mode <= high and low < high");
    int n = st ? 0 : (int)mpz_get_ui(mpq_numref(nq));
    mpq_t *v = st ? NULL : brink_q_array_new((size_t)n);
    if (!st && !v)
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    /* normal and symmetric triangular are symmetric about their mean: the quantile at 1/2 is
     * the mean exactly and the one at 1 - u is 2 mean - (the one at u), so the lower half is
     * computed and the upper half mirrored exactly (else rounding gives -6.9e-17 for a median
     * of 0, which breaks a real tie, and values not symmetric about the mean) */
    int symmetric = which == 1 || (which == 2 && !st && mirror_mode(a));
    int lower = symmetric ? n / 2 : n;
    for (int i = 0; i < lower && !st; i++) {
        /* u = (2i + 1) / 2n */
        mpq_set_ui(nq, 2u * (unsigned)i + 1u, 2u * (unsigned)n);
        mpq_canonicalize(nq);
        if (which == 0) {   /* low + u (high - low), exact */
            mpq_sub(v[i], a[1], a[0]);
            mpq_mul(v[i], v[i], nq);
            mpq_add(v[i], v[i], a[0]);
            continue;
        }
        double u = brink_q_get_d(nq), x;
        if (which == 1) {
            x = brink_q_get_d(a[0]) + brink_q_get_d(a[1]) * normal_quantile(u);
        } else {
            double lo = brink_q_get_d(a[0]), md = brink_q_get_d(a[1]), hi = brink_q_get_d(a[2]);
            double f = (md - lo) / (hi - lo);
            x = u < f ? lo + sqrt(u * (hi - lo) * (md - lo))
                      : hi - sqrt((1 - u) * (hi - lo) * (hi - md));
        }
        if (!isfinite(x))
            st = sc_err(sc, err, &parts[0], BRINK_EINVALID, "a quantile is not a finite number");
        else
            mpq_set_d(v[i], x);
    }
    if (symmetric && !st) {
        /* the mean: a[0] for normal(mean, sd), the mode a[1] of a symmetric triangular */
        const mpq_t *mean = which == 1 ? &a[0] : &a[1];
        if (n % 2)
            mpq_set(v[n / 2], *mean);
        for (int i = 0; i < lower; i++) {
            mpq_mul_2exp(v[n - 1 - i], *mean, 1);
            mpq_sub(v[n - 1 - i], v[n - 1 - i], v[i]);
        }
    }
    for (int i = 0; i < 3; i++)
        mpq_clear(a[i]);
    mpq_clear(nq);
    if (st) {
        brink_q_array_free(v, (size_t)n);
        return st;
    }
    *out = v;
    *count = n;
    return BRINK_OK;
}

/* A range's bound in words: its text, and its value when the text is not that number. */
static void put_bound(brink_buf *b, const char *text, const mpq_t v)
{
    brink_buf num;
    brink_buf_init(&num);
    sc_put_number(&num, v);
    brink_buf_puts(b, text);
    if (num.failed || !num.data)
        b->failed = 1;
    else if (strcmp(num.data, text) != 0)
        brink_buf_printf(b, " = %s", num.data);
    brink_buf_free(&num);
}

/* range(lo, hi[, step]): its first value, step and count, the count bounded by the node limit
 * (refused with the count above it) before anything is made per value. */
static brink_status range_count(brink_scenario *sc, const ynode *in, ynode *parts, char **texts,
                                int k, const sc_local *locals, mpq_t lo, mpq_t step, mpz_t n,
                                brink_error *err)
{
    mpq_t hi, span;
    mpq_inits(hi, span, NULL);
    brink_status st;
    if ((st = constant(sc, &parts[0], locals, lo, err)) ||
        (st = constant(sc, &parts[1], locals, hi, err)))
        goto out;
    if (k == 3) {
        if ((st = constant(sc, &parts[2], locals, step, err)))
            goto out;
    } else {
        mpq_set_ui(step, 1, 1);
    }
    if (mpq_sgn(step) <= 0) {
        /* "round - 1 = 0" when the step is an expression: its value where it was read */
        brink_buf v;
        brink_buf_init(&v);
        put_bound(&v, texts[2], step);
        st = v.failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory")
                      : sc_err(sc, err, &parts[2], BRINK_EINVALID, "the step of a range must "
                               "be positive; here it is %s", v.data);
        brink_buf_free(&v);
        goto out;
    }
    if (mpq_cmp(hi, lo) < 0) {
        /* "n - 1 = 0" when the bound is an expression: its value where it was read */
        brink_buf h, l;
        brink_buf_init(&h);
        brink_buf_init(&l);
        put_bound(&h, texts[1], hi);
        put_bound(&l, texts[0], lo);
        st = h.failed || l.failed
                 ? brink_error_set(err, BRINK_ENOMEM, "out of memory")
                 : sc_err(sc, err, in, BRINK_EINVALID, "this range is empty (high %s is below "
                          "low %s): a generator needs a value", h.data, l.data);
        brink_buf_free(&h);
        brink_buf_free(&l);
        goto out;
    }
    /* count = floor((hi - lo) / step) + 1 */
    mpq_sub(span, hi, lo);
    mpq_div(span, span, step);
    mpz_fdiv_q(n, mpq_numref(span), mpq_denref(span));
    mpz_add_ui(n, n, 1);
    if (mpz_cmp_ui(n, (unsigned long)sc->lim.max_tree_nodes) > 0) {
        char *c = mpz_get_str(NULL, 10, n);
        st = sc_err(sc, err, in, BRINK_ETOOBIG,
                    "this range has %s values (limit %zu, the node limit)", c ? c : "too many",
                    sc->lim.max_tree_nodes);
        free(c);
    }
out:
    mpq_clears(hi, span, NULL);
    return st;
}

/* `in: "[round, 2]"`: a list written in quotes, which YAML reads as a text. */
static int quoted_list(const ynode *in)
{
    const char *s = in->text;
    while (*s == ' ')
        s++;
    return in->quoted && *s == '[';
}

/* A call cut at its first comma: "range(1" or "quantiles(normal(0" (a flow mapping's comma
 * ended the value). */
static int cut_call(const ynode *in)
{
    const char *t = in->text;
    while (*t == ' ')
        t++;
    return (!strncmp(t, "range(", 6) || !strncmp(t, "quantiles(", 10)) && !strchr(t, ')');
}

brink_status sc_gen_values(brink_scenario *sc, const ynode *in, const sc_local *locals,
                           mpq_t **out, int *count, brink_error *err)
{
    *out = NULL;
    *count = 0;
    brink_status st;
    if (in->kind == Y_SEQ) {
        if (in->n < 1)
            return sc_err(sc, err, in, BRINK_EINVALID, "a generator needs at least one value");
        if ((size_t)in->n > sc->lim.max_tree_nodes)
            return sc_err(sc, err, in, BRINK_ETOOBIG, "a generator of %d values (limit %zu, "
                          "the node limit)", in->n, sc->lim.max_tree_nodes);
        mpq_t *v = brink_q_array_new((size_t)in->n);
        if (!v)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        for (int i = 0; i < in->n; i++)
            if ((st = constant(sc, in->items[i], locals, v[i], err))) {
                brink_q_array_free(v, (size_t)in->n);
                return st;
            }
        *out = v;
        *count = in->n;
        return BRINK_OK;
    }
    if (in->kind != Y_SCALAR)
        return sc_err(sc, err, in, BRINK_ESYNTAX,
                      "in: must be range(low, high), range(low, high, step), "
                      "quantiles(DISTRIBUTION, n) or a list of values");
    ynode parts[3];
    char *texts[3];
    int k = split_call(sc, in, "range", parts, texts);
    if (k == -1 && (k = split_call(sc, in, "quantiles", parts, texts)) >= 0)
        return quantiles(sc, in, parts, k, locals, out, count, err);
    if (k == -3)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (k < 2)
        return sc_err(sc, err, in, BRINK_ESYNTAX,
                      "in: must be range(low, high), range(low, high, step), "
                      "quantiles(DISTRIBUTION, n) or a list of values (found '%s'%s)", in->text,
                      quoted_list(in) ? ": a text in quotes, not a YAML list; write the list "
                                        "without quotes"
                      : cut_call(in) ? ": in a flow mapping {...} the comma ends the value; "
                                       "quote it, in: \"range(1, 3)\", or write the mapping "
                                       "as a block"
                                     : "");
    mpq_t lo, step, span;
    mpq_inits(lo, step, span, NULL);
    mpz_t n;
    mpz_init(n);
    if ((st = range_count(sc, in, parts, texts, k, locals, lo, step, n, err)))
        goto out;
    int cnt = (int)mpz_get_ui(n);
    mpq_t *v = brink_q_array_new((size_t)cnt);
    if (!v) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    for (int i = 0; i < cnt; i++) {
        mpq_set_ui(span, (unsigned long)i, 1);
        mpq_mul(span, span, step);
        mpq_add(v[i], lo, span);
    }
    *out = v;
    *count = cnt;
out:
    mpq_clears(lo, step, span, NULL);
    mpz_clear(n);
    return st;
}

/* The count alone (gen_count.c): the same rules as sc_gen_values, nothing made per value. A
 * quantiles count is checked here; its distribution is checked when the values are made. */
brink_status sc_gen_count(brink_scenario *sc, const ynode *in, const sc_local *locals,
                          size_t *count, brink_error *err)
{
    *count = 0;
    if (in->kind == Y_SEQ) {
        if (in->n < 1 || (size_t)in->n > sc->lim.max_tree_nodes)
            return sc_err(sc, err, in, BRINK_EINVALID, "a generator of %d values", in->n);
        *count = (size_t)in->n;
        return BRINK_OK;
    }
    if (in->kind != Y_SCALAR)
        return sc_err(sc, err, in, BRINK_ESYNTAX, "in: must be a range, quantiles or a list");
    ynode parts[3];
    char *texts[3];
    int k = split_call(sc, in, "range", parts, texts), q = 0;
    if (k == -1 && (k = split_call(sc, in, "quantiles", parts, texts)) >= 0)
        q = 1;
    if (k == -3)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (k < 2 || (q && k != 2))
        return sc_err(sc, err, in, BRINK_ESYNTAX, "in: must be a range, quantiles or a list%s",
                      quoted_list(in) ? " ('[...]' in quotes is a text, not a YAML list; write "
                                        "the list without quotes)" : "");
    mpq_t lo, step;
    mpq_inits(lo, step, NULL);
    mpz_t n;
    mpz_init(n);
    brink_status st;
    if (q) {
        st = constant(sc, &parts[1], locals, lo, err);
        if (!st && (mpz_cmp_ui(mpq_denref(lo), 1) != 0 || mpq_sgn(lo) <= 0 ||
                    mpz_cmp_ui(mpq_numref(lo), (unsigned long)sc->lim.max_tree_nodes) > 0))
            st = sc_err(sc, err, &parts[1], BRINK_EINVALID, "a count of quantiles");
        if (!st)
            mpz_set(n, mpq_numref(lo));
    } else {
        st = range_count(sc, in, parts, texts, k, locals, lo, step, n, err);
    }
    if (!st)
        *count = (size_t)mpz_get_ui(n);
    mpq_clears(lo, step, NULL);
    mpz_clear(n);
    return st;
}

const char *sc_gen_label(brink_scenario *sc, const char *key, const char *var,
                         const mpq_t value)
{
    brink_buf b, num;
    brink_buf_init(&b);
    brink_buf_init(&num);
    sc_put_number(&num, value);
    size_t vl = strlen(var);
    for (const char *p = key; *p;) {
        if (p[0] == '{' && strncmp(p + 1, var, vl) == 0 && p[1 + vl] == '}') {
            brink_buf_puts(&b, num.failed ? "?" : num.data);
            p += vl + 2;
        } else {
            brink_buf_printf(&b, "%c", *p);
            p++;
        }
    }
    /* out of memory (the number's words included): NULL, never a label with "?" in it; an
     * empty key makes an empty label (the buffer has no data then) */
    const char *r = b.failed || num.failed ? NULL
                                           : brink_arena_strdup(sc->arena, b.data ? b.data : "");
    brink_buf_free(&b);
    brink_buf_free(&num);
    return r;
}

int sc_gen_label_ok(const char *s)
{
    if (!s || !s[0] || strlen(s) >= 64)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-' || *p == '.' || *p == '+'))
            return 0;
    return 1;
}

/* ---- generators made at expansion ---- */

/* Does scalar y use an argument of sc->gen_arg_names (argument `which`, or any when -1)? -1
 * out of memory; 0 also when y does not compile (the reading reports it at its place). */
static int uses_arg(brink_scenario *sc, const ynode *y, const sc_local *locals, int which)
{
    brink_error e;
    brink_error_clear(&e);
    sc_expr *x = sc_compile_temp(sc, y, sc->gen_arg_names, sc->gen_nargs, locals, &e);
    if (!x)
        return e.code == BRINK_ENOMEM ? -1 : 0;
    int r = which < 0 ? (x->flags & SC_EXPR_HAS_ARG) != 0 : sc_expr_uses_arg(x, which);
    sc_expr_free(x);
    return r;
}

int sc_gen_uses_args(brink_scenario *sc, const ynode *in, const sc_local *locals, int which)
{
    if (!sc->gen_nargs)
        return 0;
    if (in->kind == Y_SEQ) {
        for (int i = 0; i < in->n; i++) {
            int r = in->items[i]->kind == Y_SCALAR ? uses_arg(sc, in->items[i], locals, which)
                                                   : 0;
            if (r)
                return r;
        }
        return 0;
    }
    if (in->kind != Y_SCALAR)
        return 0;
    ynode parts[3], dp[3];
    char *texts[3], *dt[3];
    int k = split_call(sc, in, "range", parts, texts), q = 0;
    if (k == -1 && (k = split_call(sc, in, "quantiles", parts, texts)) >= 0)
        q = 1;
    if (k == -3)
        return -1;
    if (k < 1)
        return 0;
    int r = 0;
    if (q) {
        static const char *const dists[] = {"uniform", "normal", "triangular"};
        int dk = -1;
        for (int d = 0; d < 3 && dk < 0; d++)
            if ((dk = split_call(sc, &parts[0], dists[d], dp, dt)) == -3)
                return -1;
        for (int i = 0; i < dk && !r; i++)
            r = uses_arg(sc, &dp[i], locals, which);
        for (int i = 1; i < k && !r; i++)
            r = uses_arg(sc, &parts[i], locals, which);
        return r;
    }
    for (int i = 0; i < k && !r; i++)
        r = uses_arg(sc, &parts[i], locals, which);
    return r;
}

/* A copy of a YAML node (scalars and lists of them: what in: holds) in the arena. */
static ynode *copy_ynode(brink_scenario *sc, const ynode *y)
{
    ynode *c = brink_arena_alloc(sc->arena, sizeof *c);
    if (!c)
        return NULL;
    *c = *y;
    c->text = brink_arena_strdup(sc->arena, y->text ? y->text : "");
    if (!c->text)
        return NULL;
    int m = y->kind == Y_MAP ? 2 * y->n : y->kind == Y_SEQ ? y->n : 0;
    c->items = NULL;
    if (m) {
        c->items = brink_arena_alloc(sc->arena, (size_t)m * sizeof *c->items);
        if (!c->items)
            return NULL;
        for (int i = 0; i < m; i++)
            if (!(c->items[i] = copy_ynode(sc, y->items[i])))
                return NULL;
    }
    return c;
}

sc_defgen *sc_gen_defer(brink_scenario *sc, const char *var, const ynode *in,
                        const char *const *names, int nnames, const sc_local *locals)
{
    sc_defgen *g = brink_arena_alloc(sc->arena, sizeof *g);
    if (!g)
        return NULL;
    memset(g, 0, sizeof *g);
    g->var = brink_arena_strdup(sc->arena, var);
    g->arg = nnames;
    g->names = names;
    g->in = copy_ynode(sc, in);
    g->in_loc.line = in->line;
    g->in_loc.col = in->col;
    if (!g->var || !g->in)
        return NULL;
    /* the enclosing generators' values, kept with the scenario's exact numbers */
    size_t nl = 0;
    for (const sc_local *l = locals; l; l = l->next)
        nl++;
    if (!nl)
        return g;
    sc_qblock *b = brink_arena_alloc(sc->arena, sizeof *b);
    sc_local *v = brink_arena_alloc(sc->arena, nl * sizeof *v);
    mpq_t *q = b && v ? brink_q_array_new(nl) : NULL;
    if (!q)
        return NULL;
    b->q = q;
    b->n = nl;
    b->next = sc->qblocks;
    sc->qblocks = b;
    size_t i = 0;
    for (const sc_local *l = locals; l; l = l->next, i++) {
        mpq_set(q[i], l->value);
        v[i].name = brink_arena_strdup(sc->arena, l->name);
        v[i].value = q[i];
        v[i].next = i + 1 < nl ? &v[i + 1] : NULL;
        if (!v[i].name)
            return NULL;
    }
    g->locals = v;
    return g;
}

static int cmp_label(const void *a, const void *b)
{
    return strcmp(**(const char *const *const *)a, **(const char *const *const *)b);
}

/* How a clashing label was made, for the message: "j = 2", or "written so". */
static void put_made(brink_buf *b, const sc_genlabel *m)
{
    if (!m || !m->var) {
        brink_buf_puts(b, "one written so");
        return;
    }
    brink_buf_printf(b, "%s = ", m->var);
    sc_put_exact(b, m->value);
}

/* Does the key hold its generator's {var}? */
static int key_has_var(const sc_genlabel *m)
{
    size_t vl = strlen(m->var);
    for (const char *p = strchr(m->key, '{'); p; p = strchr(p + 1, '{'))
        if (strncmp(p + 1, m->var, vl) == 0 && p[1 + vl] == '}')
            return 1;
    return 0;
}

brink_status sc_gen_unique_labels(brink_scenario *sc, const char *const *labels,
                                  const sc_loc *locs, const sc_genlabel *made, int n,
                                  int *clash, brink_error *err)
{
    const char *const *idx[64];
    const char *const **w = n <= 64 ? idx : malloc((size_t)n * sizeof *w);
    if (!w)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int i = 0; i < n; i++)
        w[i] = &labels[i];
    qsort(w, (size_t)n, sizeof *w, cmp_label);
    brink_status st = BRINK_OK;
    for (int i = 1; i < n && !st; i++) {
        if (strcmp(*w[i], *w[i - 1]) != 0)
            continue;
        /* the first and the second as written (the error is at the second) */
        int a = (int)(w[i - 1] - labels), b = (int)(w[i] - labels);
        if (a > b) {
            int t = a;
            a = b;
            b = t;
        }
        if (clash) {
            clash[0] = a;
            clash[1] = b;
        }
        const sc_genlabel *ma = made && made[a].var ? &made[a] : NULL;
        const sc_genlabel *mb = made && made[b].var ? &made[b] : NULL;
        brink_buf why;
        brink_buf_init(&why);
        if (!ma && !mb) {
            brink_buf_puts(&why, "an option's label must differ from the others'");
        } else if (ma && mb && !strcmp(ma->var, mb->var) && mpq_equal(ma->value, mb->value)) {
            /* the same value twice: no rounding is involved */
            brink_buf_printf(&why, "both are made with %s = ", ma->var);
            sc_put_exact(&why, ma->value);
            brink_buf_puts(&why, "; a generator's values must differ");
        } else {
            brink_buf_puts(&why, "made with ");
            put_made(&why, ma ? ma : mb);
            brink_buf_puts(&why, " and ");
            if (ma && mb)
                put_made(&why, mb);
            else
                brink_buf_puts(&why, "one written so");
            if ((ma && !key_has_var(ma)) || (mb && !key_has_var(mb)))
                brink_buf_printf(&why, "; put {%s} in the key, so that each value has its "
                                 "own label", ma && !key_has_var(ma) ? ma->var : mb->var);
            else if (ma && mb)
                brink_buf_puts(&why, "; a generated label holds the value to 6 significant "
                                     "digits: use values that differ there");
        }
        st = why.failed || !why.data
                 ? brink_error_set(err, BRINK_ENOMEM, "out of memory")
                 : brink_error_set_at(err, BRINK_EINVALID, sc->file, locs[b].line, locs[b].col,
                                      "two options are labelled '%s': %s", *w[i], why.data);
        brink_buf_free(&why);
    }
    if (w != idx)
        free(w);
    return st;
}
