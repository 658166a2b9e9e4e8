/* parse_dist.c — a parameter's `distribution:` (and `truncate:`) and the scenario's
 * `correlations:` list, checked at load so that sampling never meets a bad argument.
 *
 * A distribution is one of uniform(low, high), normal(mean, sd), lognormal(mu, sigma),
 * triangular(low, mode, high), beta(alpha, beta) (scaled to the range) and
 * discrete(v1, v2, ...; w1, w2, ...) (weights optional: equal). Arguments are read exactly
 * as the language reads numbers (decimals, fractions, integers) and checked as written; the
 * continuous kinds' arguments must then be finite doubles (samples are drawn in doubles),
 * while a discrete value keeps its exact number (dist_values_q: a draw of it binds that
 * number) next to its double. sd, sigma, alpha, beta and weights must be > 0. When the
 * parameter has a range, the distribution's support must lie inside it (a discrete value
 * compared exactly with the exact range), or the parameter must say
 * `truncate: true` (draws then follow the distribution conditioned on the range, which must
 * hold some of its probability). Correlations (a Gaussian copula on normal scores) form a
 * matrix that must be positive definite; it is factored here once (Cholesky; GSL's routine
 * would call GSL's process-wide error handler, which aborts, on exactly the matrices this
 * check exists to refuse). Every error names the YAML node at fault.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/chol.h"
#include "scenario/model.h"
#include "scenario/parse_util.h"

/* Standard normal CDF (libm only: the library calls GSL only where it cannot abort). */
static double std_normal_cdf(double x)
{
    return 0.5 * erfc(-x / sqrt(2.0));
}

/* The comma-separated arguments in [q, end) of the distribution written at n, each as a
 * scalar node of its own (trimmed, placed at its column, so that a message quotes and points
 * at the argument); *count receives their number (an empty list: 0). */
static brink_status split_args(brink_scenario *sc, const ynode *n, const char *q,
                               const char *end, ynode **out, int *count, brink_error *err)
{
    int k = 1;
    for (const char *t = q; t < end; t++)
        k += *t == ',';
    const char *t = q;
    while (t < end && *t == ' ')
        t++;
    if (t == end) {
        *count = 0;
        return BRINK_OK;
    }
    ynode *a = brink_arena_alloc(sc->arena, (size_t)k * sizeof *a);
    if (!a)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int i = 0; i < k; i++) {
        const char *e = memchr(q, ',', (size_t)(end - q));
        if (!e)
            e = end;
        const char *b = q, *f = e;
        while (b < f && *b == ' ')
            b++;
        while (f > b && f[-1] == ' ')
            f--;
        char *text = brink_arena_alloc(sc->arena, (size_t)(f - b) + 1);
        if (!text)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        memcpy(text, b, (size_t)(f - b));
        text[f - b] = '\0';
        a[i] = *n;
        a[i].text = text;
        a[i].len = (size_t)(f - b);
        a[i].col = n->col + (int)(b - n->text);
        a[i].quoted = 0;
        q = e + 1;
    }
    *out = a;
    *count = k;
    return BRINK_OK;
}

/* A value's double and index, for sorting by the double. */
typedef struct dkey {
    double v;
    int k;
} dkey;

static int by_double(const void *a, const void *b)
{
    double x = ((const dkey *)a)->v, y = ((const dkey *)b)->v;
    int ka = ((const dkey *)a)->k, kb = ((const dkey *)b)->k;
    return x < y ? -1 : x > y ? 1 : (ka > kb) - (ka < kb);
}

/* k exact numbers owned by the scenario (freed with it). */
static mpq_t *q_block(brink_scenario *sc, size_t k)
{
    sc_qblock *b = brink_arena_alloc(sc->arena, sizeof *b);
    mpq_t *q = b ? brink_q_array_new(k) : NULL;
    if (!q)
        return NULL;
    b->q = q;
    b->n = k;
    b->next = sc->qblocks;
    sc->qblocks = b;
    return q;
}

/* Argument i of distribution `name`, read exactly as the language reads numbers
 * (decimals, fractions, integers: docs/scenario-language.md, "Numbers are read exactly"). */
static brink_status read_arg(brink_scenario *sc, const ynode *a, const char *name,
                             const char *s, int i, mpq_t out, brink_error *err)
{
    brink_buf what;
    brink_buf_init(&what);
    brink_buf_printf(&what, "argument %d of %s()", i + 1, name);
    if (what.failed || !what.data) {
        brink_buf_free(&what);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    brink_status st = a->len ? sc_get_number(sc, a, out, what.data, err)
                             : sc_err(sc, err, a, BRINK_ESYNTAX, "%s is empty in '%s' (the "
                                      "arguments are numbers separated by commas)", what.data, s);
    brink_buf_free(&what);
    return st;
}

/* Does the distribution's support lie inside [lo, hi]? */
static int support_inside(const brink_param_info *p, double lo, double hi)
{
    switch (p->dist) {
    case BRINK_DIST_UNIFORM:
        return p->dist_a >= lo && p->dist_b <= hi;
    case BRINK_DIST_TRIANGULAR:
        return p->dist_a >= lo && p->dist_c <= hi;
    case BRINK_DIST_BETA:
        return 1;   /* scaled to the range */
    case BRINK_DIST_LOGNORMAL:
        return lo <= 0 && hi == HUGE_VAL;
    case BRINK_DIST_DISCRETE:
        /* the values as written against the range as written: 3/10 lies in [3/10, 7/10]
         * (a draw binds the value exactly, docs/montecarlo.md) */
        for (int i = 0; i < p->dist_n; i++) {
            if (p->lo_q && p->hi_q && p->dist_values_q) {
                if (mpq_cmp(p->dist_values_q[i], *p->lo_q) < 0 ||
                    mpq_cmp(p->dist_values_q[i], *p->hi_q) > 0)
                    return 0;
            } else if (p->dist_values[i] < lo || p->dist_values[i] > hi) {
                return 0;
            }
        }
        return 1;
    default:
        return lo == -HUGE_VAL && hi == HUGE_VAL;
    }
}

/* Probability the distribution gives to [lo, hi] (continuous kinds; rough is enough: it
 * only has to be clearly positive for truncation to be meaningful). */
static double mass_inside(const brink_param_info *p, double lo, double hi)
{
    switch (p->dist) {
    case BRINK_DIST_UNIFORM: {
        double a = fmax(lo, p->dist_a), b = fmin(hi, p->dist_b);
        return b > a ? (b - a) / (p->dist_b - p->dist_a) : 0;
    }
    case BRINK_DIST_TRIANGULAR: {
        double a = fmax(lo, p->dist_a), b = fmin(hi, p->dist_c);
        return b > a ? 1 : 0;   /* the density is positive inside (low, high) */
    }
    case BRINK_DIST_NORMAL:
        return std_normal_cdf((hi - p->dist_a) / p->dist_b) -
               std_normal_cdf((lo - p->dist_a) / p->dist_b);
    case BRINK_DIST_LOGNORMAL: {
        if (hi <= 0)
            return 0;
        double l = lo > 0 ? (log(lo) - p->dist_a) / p->dist_b : -HUGE_VAL;
        return std_normal_cdf((log(hi) - p->dist_a) / p->dist_b) - std_normal_cdf(l);
    }
    default:
        return 1;
    }
}

brink_status sc_parse_distribution(brink_scenario *sc, const ynode *n, const ynode *trunc,
                                   sc_param *p, brink_error *err)
{
    static const struct { const char *name, *args; brink_dist_kind kind; int nargs; } D[] = {
        {"uniform", "low, high", BRINK_DIST_UNIFORM, 2},
        {"normal", "mean, sd", BRINK_DIST_NORMAL, 2},
        {"triangular", "low, mode, high", BRINK_DIST_TRIANGULAR, 3},
        {"beta", "alpha, beta", BRINK_DIST_BETA, 2},
        {"lognormal", "mu, sigma", BRINK_DIST_LOGNORMAL, 2},
        {"discrete", "values; weights", BRINK_DIST_DISCRETE, -1},
    };
    brink_status st = sc_expect(sc, n, Y_SCALAR, "distribution", err);
    if (st)
        return st;
    const char *s = n->text;
    /* blanks around the name, the parentheses and the arguments are allowed */
    const char *name = s;
    while (*name == ' ')
        name++;
    const char *open = strchr(name, '(');
    const char *close = open ? strrchr(open, ')') : NULL;
    const char *nend = open;
    while (nend && nend > name && nend[-1] == ' ')
        nend--;
    int which = -1;
    for (size_t i = 0; open && i < sizeof D / sizeof D[0]; i++)
        if ((size_t)(nend - name) == strlen(D[i].name) &&
            strncmp(name, D[i].name, strlen(D[i].name)) == 0)
            which = (int)i;
    const char *tail = close ? close + 1 : NULL;
    while (tail && *tail == ' ')
        tail++;
    if (which < 0 || !close || *tail != '\0' || memchr(open + 1, '(', (size_t)(close - open - 1)))
        return sc_err(sc, err, n, BRINK_ESYNTAX,
                      "distribution must be one of uniform(low, high), normal(mean, sd), "
                      "lognormal(mu, sigma), triangular(low, mode, high), beta(alpha, beta), "
                      "discrete(values; weights); found '%s'", s);
    brink_param_info *info = &p->info;
    info->dist_line = n->line;
    info->dist_column = n->col;
    double a[3] = {0, 0, 0};
    if (D[which].kind == BRINK_DIST_DISCRETE) {
        const char *semi = memchr(open + 1, ';', (size_t)(close - open - 1));
        const char *vend = semi ? semi : close;
        if (semi && memchr(semi + 1, ';', (size_t)(close - semi - 1)))
            return sc_err(sc, err, n, BRINK_ESYNTAX, "discrete() takes values separated by "
                          "commas, then optionally one ';' and as many weights; found '%s'", s);
        ynode *va = NULL, *wa = NULL;
        int nv = 0, nw = 0;
        if ((st = split_args(sc, n, open + 1, vend, &va, &nv, err)))
            return st;
        if (nv < 1)
            return sc_err(sc, err, n, BRINK_ESYNTAX, "discrete() needs at least one value "
                          "(values separated by commas, then optionally ';' and as many "
                          "weights); found '%s'", s);
        if (semi && (st = split_args(sc, n, semi + 1, close, &wa, &nw, err)))
            return st;
        if (semi && nw != nv)
            return sc_err(sc, err, n, BRINK_ESYNTAX, "discrete(): %d value%s need%s %d "
                          "weight%s after ';', found %d in '%s'", nv, nv == 1 ? "" : "s",
                          nv == 1 ? "s" : "", nv, nv == 1 ? "" : "s", nw, s);
        double *v = brink_arena_alloc(sc->arena, (size_t)nv * sizeof *v);
        double *w = brink_arena_alloc(sc->arena, (size_t)nv * sizeof *w);
        mpq_t *vq = q_block(sc, (size_t)nv), *wq = q_block(sc, (size_t)nv + 1);
        if (!v || !w || !vq || !wq)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        mpq_t *sum = &wq[nv];
        for (int i = 0; i < nv; i++) {
            if ((st = read_arg(sc, &va[i], "discrete", s, i, vq[i], err)))
                return st;
            v[i] = brink_q_get_d(vq[i]);
            if (!isfinite(v[i]) || fabs(v[i]) >= DBL_MAX)
                return sc_err(sc, err, &va[i], BRINK_EINVALID, "distribution '%s': value %d "
                              "is beyond double range (about 1.8e308); drawn values are "
                              "reported as doubles", s, i + 1);
            if (semi) {
                if ((st = read_arg(sc, &wa[i], "discrete", s, nv + i, wq[i], err)))
                    return st;
                if (mpq_sgn(wq[i]) <= 0)
                    return sc_err(sc, err, &wa[i], BRINK_EINVALID, "distribution '%s': "
                                  "weight %d must be positive", s, i + 1);
            } else {
                mpq_set_ui(wq[i], 1, 1);
            }
            mpq_add(*sum, *sum, wq[i]);
        }
        /* two different numbers with the same double could not be told apart by a draw
         * (a draw is reported, stored and looked up by its double): sorted by double, such
         * numbers are neighbours */
        dkey *key = malloc((size_t)nv * sizeof *key);
        if (!key)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        for (int i = 0; i < nv; i++) {
            key[i].v = v[i];
            key[i].k = i;
        }
        qsort(key, (size_t)nv, sizeof *key, by_double);
        int di = -1, dj = -1;
        for (int t = 1, r = 0; t < nv && di < 0; t++) {
            if (key[t].v != key[r].v)
                r = t;   /* a run of one double: each compared with its first */
            else if (!mpq_equal(vq[key[r].k], vq[key[t].k])) {
                di = key[r].k < key[t].k ? key[r].k : key[t].k;
                dj = key[r].k < key[t].k ? key[t].k : key[r].k;
            }
        }
        free(key);
        if (di >= 0)
            return sc_err(sc, err, &va[dj], BRINK_EINVALID, "distribution '%s': values %d "
                          "and %d are different numbers with the same double (%.17g), which "
                          "draws cannot tell apart", s, di + 1, dj + 1, v[dj]);
        /* weights normalised exactly, then rounded */
        for (int i = 0; i < nv; i++) {
            mpq_div(wq[i], wq[i], *sum);
            w[i] = brink_q_get_d(wq[i]);
            if (!(w[i] > 0))
                return sc_err(sc, err, semi ? &wa[i] : n, BRINK_EINVALID, "distribution "
                              "'%s': weight %d is too small against the others' sum to draw in doubles "
                              "(its share is below 1e-308)", s, i + 1);
        }
        info->dist_n = nv;
        info->dist_values = v;
        info->dist_values_q = (const mpq_t *)vq;
        info->dist_weights = w;
    } else {
        ynode *args = NULL;
        int k = 0;
        if ((st = split_args(sc, n, open + 1, close, &args, &k, err)))
            return st;
        if (k != D[which].nargs)
            return sc_err(sc, err, n, BRINK_ESYNTAX, "%s(%s) takes %d numbers, found %d in "
                          "'%s'", D[which].name, D[which].args, D[which].nargs, k, s);
        mpq_t q[3];
        for (int i = 0; i < 3; i++)
            mpq_init(q[i]);
        for (int i = 0; i < k && !st; i++)
            st = read_arg(sc, &args[i], D[which].name, s, i, q[i], err);
        /* the conditions on the numbers as written, exactly */
        const char *why = NULL;
        switch (st ? BRINK_DIST_NONE : D[which].kind) {
        case BRINK_DIST_UNIFORM:
            why = mpq_cmp(q[0], q[1]) < 0 ? NULL : "needs low < high";
            break;
        case BRINK_DIST_NORMAL:
            why = mpq_sgn(q[1]) > 0 ? NULL : "needs sd > 0";
            break;
        case BRINK_DIST_LOGNORMAL:
            why = mpq_sgn(q[1]) > 0 ? NULL : "needs sigma > 0";
            break;
        case BRINK_DIST_TRIANGULAR:
            why = mpq_cmp(q[0], q[1]) <= 0 && mpq_cmp(q[1], q[2]) <= 0 &&
                          mpq_cmp(q[0], q[2]) < 0
                      ? NULL
                      : "needs low <= mode <= high, low < high";
            break;
        case BRINK_DIST_BETA:
            /* GSL draws beta from two gamma variates of about alpha and beta and divides
             * by their sum, which overflows past 1e308 (every draw came out 0); shapes of
             * 1e15 already make a point within 1e-7 of the mean */
            why = !(mpq_sgn(q[0]) > 0 && mpq_sgn(q[1]) > 0) ? "needs alpha > 0 and beta > 0"
                  : mpq_cmp_ui(q[0], 1000000000000000ul, 1) > 0 ||
                          mpq_cmp_ui(q[1], 1000000000000000ul, 1) > 0
                      ? "needs alpha and beta at most 1e15 (larger is a point: use "
                        "discrete(v))"
                      : NULL;
            break;
        default:
            break;
        }
        /* samples are drawn in doubles, so here a double is truly needed */
        int bad = -1;
        for (int i = 0; i < k && !st && !why && bad < 0; i++) {
            a[i] = brink_q_get_d(q[i]);
            if (!isfinite(a[i]) || fabs(a[i]) >= DBL_MAX)
                bad = i;
        }
        int collapsed = !st && !why && bad < 0 &&
                        ((D[which].kind == BRINK_DIST_UNIFORM && !(a[0] < a[1])) ||
                         (D[which].kind == BRINK_DIST_TRIANGULAR && !(a[0] < a[2])) ||
                         ((D[which].kind == BRINK_DIST_NORMAL ||
                           D[which].kind == BRINK_DIST_LOGNORMAL || D[which].kind == BRINK_DIST_BETA) &&
                          !(a[1] > 0 && (D[which].kind != BRINK_DIST_BETA || a[0] > 0))));
        for (int i = 0; i < 3; i++)
            mpq_clear(q[i]);
        if (st)
            return st;
        if (why)
            return sc_err(sc, err, n, BRINK_EINVALID, "distribution '%s' %s", s, why);
        if (bad >= 0)
            return sc_err(sc, err, &args[bad], BRINK_EINVALID, "distribution '%s': argument "
                          "%d is not a finite number within double range (about 1.8e308); "
                          "samples are drawn in doubles", s, bad + 1);
        if (collapsed)
            return sc_err(sc, err, n, BRINK_EINVALID, "distribution '%s' is right as "
                          "written, but not in the doubles that samples are drawn in: its "
                          "width or scale rounds to 0 (below about 1e-308)", s);
    }
    info->dist = D[which].kind;
    info->dist_a = a[0];
    info->dist_b = a[1];
    info->dist_c = a[2];

    if (trunc) {
        if ((st = sc_expect(sc, trunc, Y_SCALAR, "truncate", err)))
            return st;
        if (strcmp(trunc->text, "true") != 0 && strcmp(trunc->text, "false") != 0)
            return sc_err(sc, err, trunc, BRINK_EINVALID, "truncate must be true or false");
        info->dist_truncated = strcmp(trunc->text, "true") == 0;
        if (info->dist_truncated && !info->has_range)
            return sc_err(sc, err, trunc, BRINK_EINVALID,
                          "truncate: true needs a range to truncate to");
    }
    double lo = info->has_range ? info->lo : -HUGE_VAL, hi = info->has_range ? info->hi : HUGE_VAL;
    if (info->dist == BRINK_DIST_BETA && !(info->has_range && isfinite(lo) && isfinite(hi) && lo < hi))
        return sc_err(sc, err, n, BRINK_EINVALID, "beta() is scaled to the parameter's range, "
                      "so '%s' needs a finite range [low, high] with low < high", info->name);
    if (!support_inside(info, lo, hi)) {
        if (info->dist == BRINK_DIST_DISCRETE)
            return sc_err(sc, err, n, BRINK_EINVALID, "distribution '%s': a value lies outside "
                          "the range of '%s'", s, info->name);
        if (!info->dist_truncated)
            return sc_err(sc, err, n, BRINK_EINVALID,
                          "distribution '%s' can draw values outside the range [%g, %g] of "
                          "'%s'; narrow it, or add 'truncate: true' to draw from it "
                          "conditioned on the range", s, lo, hi, info->name);
        if (!(mass_inside(info, lo, hi) > 1e-12))
            return sc_err(sc, err, n, BRINK_EINVALID,
                          "distribution '%s' gives (almost) no probability to the range "
                          "[%g, %g] of '%s', so it cannot be truncated to it", s, lo, hi,
                          info->name);
    }
    return BRINK_OK;
}

/* ---------------------------------------------------------------- correlations */

static brink_status param_ref(brink_scenario *sc, const ynode *n, int *out, brink_error *err)
{
    brink_status st = sc_expect(sc, n, Y_SCALAR, "a parameter name", err);
    if (st)
        return st;
    for (int i = 0; i < sc->nparams; i++)
        if (strcmp(sc->params[i].info.name, n->text) == 0) {
            if (sc->params[i].info.dist == BRINK_DIST_NONE)
                return sc_err(sc, err, n, BRINK_EINVALID, "parameter '%s' has no "
                              "distribution to correlate", n->text);
            if (sc->params[i].info.dist == BRINK_DIST_BETA)
                return sc_err(sc, err, n, BRINK_EUNSUPPORTED, "parameter '%s': a beta "
                              "distribution cannot be correlated yet (no safe inverse CDF)",
                              n->text);
            *out = i;
            return BRINK_OK;
        }
    return sc_err(sc, err, n, BRINK_EINVALID, "unknown parameter '%s'", n->text);
}

brink_status sc_parse_correlations(brink_scenario *sc, const ynode *n, brink_error *err)
{
    static const char *const keys[] = {"parameters", "rho", NULL};
    brink_status st = sc_expect(sc, n, Y_SEQ, "correlations", err);
    if (st)
        return st;
    if (n->n == 0)
        return BRINK_OK;
    sc->corr = brink_arena_alloc(sc->arena, (size_t)n->n * sizeof *sc->corr);
    if (!sc->corr)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int i = 0; i < n->n; i++) {
        const ynode *c = n->items[i];
        brink_correlation *r = &sc->corr[i];
        if ((st = sc_expect(sc, c, Y_MAP, "a correlation", err)) ||
            (st = sc_check_keys(sc, c, keys, "a correlation", err)))
            return st;
        const ynode *ps = ytree_get(c, "parameters"), *rho = ytree_get(c, "rho");
        if (!ps || !rho)
            return sc_err(sc, err, c, BRINK_EINVALID,
                          "a correlation needs parameters: [a, b] and rho: r");
        if ((st = sc_expect(sc, ps, Y_SEQ, "parameters", err)))
            return st;
        if (ps->n != 2)
            return sc_err(sc, err, ps, BRINK_EINVALID, "parameters must be [a, b]");
        if ((st = param_ref(sc, ps->items[0], &r->a, err)) ||
            (st = param_ref(sc, ps->items[1], &r->b, err)))
            return st;
        if (r->a == r->b)
            return sc_err(sc, err, ps, BRINK_EINVALID, "a parameter is not correlated with "
                          "itself");
        mpq_t q;
        mpq_init(q);
        st = sc_get_number(sc, rho, q, "rho", err);
        r->rho = brink_q_get_d(q);
        mpq_clear(q);
        if (st)
            return st;
        if (!(r->rho > -1 && r->rho < 1))
            return sc_err(sc, err, rho, BRINK_EINVALID, "rho must lie strictly between -1 "
                          "and 1");
        for (int j = 0; j < i; j++)
            if ((sc->corr[j].a == r->a && sc->corr[j].b == r->b) ||
                (sc->corr[j].a == r->b && sc->corr[j].b == r->a))
                return sc_err(sc, err, c, BRINK_EINVALID, "this pair is already correlated "
                              "(line %d)", sc->corr[j].line);
        r->line = c->line;
        r->column = c->col;
        sc->ncorr = i + 1;
    }
    /* the whole matrix over the parameters that have distributions */
    int np = sc->nparams;
    double *m = calloc((size_t)np * (size_t)np, sizeof *m);
    if (!m)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int i = 0; i < np; i++)
        m[i * np + i] = 1;
    for (int i = 0; i < sc->ncorr; i++) {
        m[sc->corr[i].a * np + sc->corr[i].b] = sc->corr[i].rho;
        m[sc->corr[i].b * np + sc->corr[i].a] = sc->corr[i].rho;
    }
    int pd = core_cholesky(m, np, 1e-12);
    free(m);
    if (!pd)
        return sc_err(sc, err, n, BRINK_EINVALID, "the declared correlations do not form a "
                      "positive definite matrix (no joint distribution has them)");
    return BRINK_OK;
}

int brink_scenario_ncorrelations(const brink_scenario *sc)
{
    return sc->ncorr;
}

const brink_correlation *brink_scenario_correlation(const brink_scenario *sc, int i)
{
    return i >= 0 && i < sc->ncorr ? &sc->corr[i] : NULL;
}
