/* parse_dist.c — a parameter's `distribution:` (and `truncate:`) and the scenario's
 * `correlations:` list, checked at load so that sampling never meets a bad argument.
 *
 * A distribution is one of uniform(low, high), normal(mean, sd), lognormal(mu, sigma),
 * triangular(low, mode, high), beta(alpha, beta) (scaled to the range) and
 * discrete(v1, v2, ...; w1, w2, ...) (weights optional: equal). Every argument must be a
 * finite double; sd, sigma, alpha, beta and weights must be > 0. When the parameter has a
 * range, the distribution's support must lie inside it, or the parameter must say
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

/* Read up to `max` comma-separated doubles from [q, end); returns the count, or -1 when
 * something other than numbers, commas and blanks is found. */
static int read_numbers(const char *q, const char *end, double *out, int max)
{
    int k = 0;
    for (;;) {
        while (q < end && *q == ' ')
            q++;
        if (q == end)
            return k;
        if (k == max)
            return -1;
        char *stop;
        out[k] = strtod(q, &stop);
        if (stop == q || stop > end)
            return -1;
        k++;
        q = stop;
        while (q < end && *q == ' ')
            q++;
        if (q < end) {
            if (*q != ',')
                return -1;
            q++;
            while (q < end && *q == ' ')
                q++;
            if (q == end)
                return -1;   /* a trailing comma */
        }
    }
}

static int count_commas(const char *q, const char *end)
{
    int n = 0;
    for (; q < end; q++)
        n += *q == ',';
    return n;
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
        for (int i = 0; i < p->dist_n; i++)
            if (p->dist_values[i] < lo || p->dist_values[i] > hi)
                return 0;
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
    static const struct { const char *name; brink_dist_kind kind; int nargs; } D[] = {
        {"uniform", BRINK_DIST_UNIFORM, 2},     {"normal", BRINK_DIST_NORMAL, 2},
        {"triangular", BRINK_DIST_TRIANGULAR, 3}, {"beta", BRINK_DIST_BETA, 2},
        {"lognormal", BRINK_DIST_LOGNORMAL, 2}, {"discrete", BRINK_DIST_DISCRETE, -1},
    };
    brink_status st = sc_expect(sc, n, Y_SCALAR, "distribution", err);
    if (st)
        return st;
    const char *s = n->text;
    const char *open = strchr(s, '(');
    const char *close = open ? strchr(open, ')') : NULL;
    int which = -1;
    for (size_t i = 0; open && i < sizeof D / sizeof D[0]; i++)
        if ((size_t)(open - s) == strlen(D[i].name) && strncmp(s, D[i].name, strlen(D[i].name)) == 0)
            which = (int)i;
    if (which < 0 || !close || close[1] != '\0')
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
        int nv = count_commas(open + 1, vend) + 1;
        double *v = brink_arena_alloc(sc->arena, (size_t)nv * sizeof *v);
        double *w = brink_arena_alloc(sc->arena, (size_t)nv * sizeof *w);
        if (!v || !w)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        if (read_numbers(open + 1, vend, v, nv) != nv)
            return sc_err(sc, err, n, BRINK_ESYNTAX, "discrete() takes numbers separated by "
                          "commas, then optionally ';' and as many weights; found '%s'", s);
        if (semi) {
            int nw = count_commas(semi + 1, close) + 1;
            if (nw != nv || read_numbers(semi + 1, close, w, nw) != nv)
                return sc_err(sc, err, n, BRINK_ESYNTAX, "discrete(): %d values need %d "
                              "weights after ';'; found '%s'", nv, nv, s);
        } else {
            for (int i = 0; i < nv; i++)
                w[i] = 1;
        }
        double sum = 0;
        for (int i = 0; i < nv; i++) {
            if (!isfinite(v[i]) || !isfinite(w[i]))
                return sc_err(sc, err, n, BRINK_EINVALID, "distribution '%s': value or weight "
                              "%d is not a finite number", s, i + 1);
            if (!(w[i] > 0))
                return sc_err(sc, err, n, BRINK_EINVALID, "distribution '%s': weight %d must "
                              "be positive", s, i + 1);
            sum += w[i];
        }
        if (!isfinite(sum))
            return sc_err(sc, err, n, BRINK_EINVALID, "distribution '%s': the weights' sum "
                          "is beyond double range", s);
        for (int i = 0; i < nv; i++)
            w[i] /= sum;
        info->dist_n = nv;
        info->dist_values = v;
        info->dist_weights = w;
    } else {
        int k = read_numbers(open + 1, close, a, 3);
        if (k != D[which].nargs)
            return sc_err(sc, err, n, BRINK_ESYNTAX, "%s() takes %d numbers, found '%s'",
                          D[which].name, D[which].nargs, s);
        /* samples are drawn in doubles, so here a double is truly needed */
        for (int i = 0; i < k; i++)
            if (!isfinite(a[i]) || fabs(a[i]) >= DBL_MAX)
                return sc_err(sc, err, n, BRINK_EINVALID, "distribution '%s': argument %d is "
                              "not a finite number within double range (about 1.8e308)", s,
                              i + 1);
        const char *why = NULL;
        switch (D[which].kind) {
        case BRINK_DIST_UNIFORM:
            why = a[0] < a[1] ? NULL : "needs low < high";
            break;
        case BRINK_DIST_NORMAL:
            why = a[1] > 0 ? NULL : "needs sd > 0";
            break;
        case BRINK_DIST_LOGNORMAL:
            why = a[1] > 0 ? NULL : "needs sigma > 0";
            break;
        case BRINK_DIST_TRIANGULAR:
            why = a[0] <= a[1] && a[1] <= a[2] && a[0] < a[2] ? NULL
                                                             : "needs low <= mode <= high, low < high";
            break;
        case BRINK_DIST_BETA:
            /* GSL draws beta from two gamma variates of about alpha and beta and divides
             * by their sum, which overflows past 1e308 (every draw came out 0); shapes of
             * 1e15 already make a point within 1e-7 of the mean */
            why = !(a[0] > 0 && a[1] > 0) ? "needs alpha > 0 and beta > 0"
                  : a[0] > 1e15 || a[1] > 1e15 ? "needs alpha and beta at most 1e15 (larger "
                                                 "is a point: use discrete(v))"
                                               : NULL;
            break;
        default:
            break;
        }
        if (why)
            return sc_err(sc, err, n, BRINK_EINVALID, "distribution '%s' %s", s, why);
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
