/* sampler.c — draws every parameter that declares a distribution, for one sample index.
 *
 * Independent parameters use GSL's samplers (gsl_ran_flat, _gaussian, _lognormal, _beta)
 * on the sample's stream; triangular, discrete and truncated ones invert their CDF at a
 * uniform. Correlated parameters (a Gaussian copula) get normal scores z = L g (L the
 * Cholesky factor of the declared correlations, g independent standard normals), then
 * u = Phi(z) and x = F^{-1}(u). Truncation conditions on the range by mapping u into
 * [F(lo), F(hi)]; a normal whose range lies in its upper tail is reflected so the CDF
 * values keep their precision. Every draw is finally kept inside the exact range (doubles
 * at or inside its ends), so binding never sees a value outside it, and inside the
 * distribution's support (keep_inside: a lognormal draw is never 0, none is infinite).
 * A discrete draw is one of the values as written: its double is left as it is (the value
 * lies in the range exactly, checked at load), and brink_sampler_exact gives the exact number
 * it stands for, which is what a draw binds (as the defaults of the parameters not drawn).
 *
 * GSL functions used (none reaches GSL's error handler for the arguments checked at load):
 * gsl_ran_flat, gsl_ran_gaussian, gsl_ran_lognormal, gsl_ran_beta, gsl_cdf_ugaussian_P,
 * gsl_cdf_ugaussian_Pinv.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "core/chol.h"
#include "uncertainty/mc_int.h"

typedef struct sparam {
    int index;
    brink_dist_kind kind;
    double a, b, c;
    double lo, hi;           /* doubles inside the exact range (+-inf when none) */
    int truncated;
    int reflect;             /* normal/lognormal truncated in the upper tail: sample -z */
    double flo, fhi;         /* truncation: CDF (of the reflected score) at the range ends */
    int slot;                /* index among the correlated parameters, -1 when independent */
    int n;                   /* discrete */
    const double *v;
    double *cw;              /* cumulative weights [n] */
    const mpq_t *vq;         /* discrete: the values as written [n] (NULL: the doubles) */
    int *order;              /* discrete: value indices by increasing double [n] */
    double *verr;            /* discrete: bounds on |vq[k] - v[k]| [n] */
} sparam;

struct brink_sampler {
    int nparams;
    double *defaults;        /* [nparams] */
    const mpq_t **defq;      /* [nparams] exact defaults (NULL: the double is the default) */
    double *deferr;          /* [nparams] bounds on |defq - defaults| */
    int *slot_of;            /* [nparams] index in p of a varied parameter, else -1 */
    int nvaried;
    sparam *p;               /* [nvaried] */
    int ncorr;               /* correlated parameters */
    double *L;               /* [ncorr * ncorr] lower Cholesky factor */
};

/* The double nearest to q on the side inside the range (dir > 0: at or above q). */
static double inner_double(const mpq_t q, double approx, int dir)
{
    if (!isfinite(approx))
        return approx;
    mpq_t t;
    mpq_init(t);
    double d = approx;
    for (int guard = 0; guard < 4; guard++) {
        mpq_set_d(t, d);
        int c = mpq_cmp(t, q);
        if ((dir > 0 && c >= 0) || (dir < 0 && c <= 0))
            break;
        d = nextafter(d, dir > 0 ? HUGE_VAL : -HUGE_VAL);
    }
    mpq_clear(t);
    return d;
}

static double tri_cdf(const sparam *p, double x)
{
    double a = p->a, m = p->b, c = p->c;
    if (x <= a)
        return 0;
    if (x >= c)
        return 1;
    if (x <= m)
        return (x - a) * (x - a) / ((c - a) * (m - a));
    return 1 - (c - x) * (c - x) / ((c - a) * (c - m));
}

static double tri_inv(const sparam *p, double u)
{
    double a = p->a, m = p->b, c = p->c, fm = (m - a) / (c - a);
    if (u <= fm)
        return a + sqrt(u * (c - a) * (m - a));
    return c - sqrt((1 - u) * (c - a) * (c - m));
}

/* Standardised truncation bounds of a normal score. */
static void score_bounds(const sparam *p, double *zl, double *zh)
{
    double lo = p->lo, hi = p->hi;
    if (p->kind == BRINK_DIST_LOGNORMAL) {
        lo = lo > 0 ? log(lo) : -HUGE_VAL;
        hi = hi > 0 ? log(hi) : -HUGE_VAL;
    }
    *zl = (lo - p->a) / p->b;
    *zh = (hi - p->a) / p->b;
}

static void prepare(sparam *p)
{
    if (!p->truncated)
        return;
    switch (p->kind) {
    case BRINK_DIST_NORMAL:
    case BRINK_DIST_LOGNORMAL: {
        double zl, zh;
        score_bounds(p, &zl, &zh);
        p->reflect = zl > 0;
        if (p->reflect) {
            double t = zl;
            zl = -zh;
            zh = -t;
        }
        p->flo = gsl_cdf_ugaussian_P(zl);
        p->fhi = gsl_cdf_ugaussian_P(zh);
        break;
    }
    case BRINK_DIST_TRIANGULAR:
        p->flo = tri_cdf(p, p->lo);
        p->fhi = tri_cdf(p, p->hi);
        break;
    default:
        break;
    }
}

/* x = F^{-1}(u), u in (0, 1), truncated to the range when asked. */
static double invert(const sparam *p, double u)
{
    switch (p->kind) {
    case BRINK_DIST_UNIFORM: {
        double a = p->a, b = p->b;
        if (p->truncated) {
            a = fmax(a, p->lo);
            b = fmin(b, p->hi);
        }
        return a + u * (b - a);
    }
    case BRINK_DIST_TRIANGULAR:
        return tri_inv(p, p->truncated ? p->flo + u * (p->fhi - p->flo) : u);
    case BRINK_DIST_NORMAL:
    case BRINK_DIST_LOGNORMAL: {
        double z;
        if (p->truncated) {
            z = gsl_cdf_ugaussian_Pinv(p->flo + u * (p->fhi - p->flo));
            if (p->reflect)
                z = -z;
        } else {
            z = gsl_cdf_ugaussian_Pinv(u);
        }
        double y = p->a + p->b * z;
        return p->kind == BRINK_DIST_LOGNORMAL ? exp(y) : y;
    }
    case BRINK_DIST_DISCRETE: {
        int lo = 0, hi = p->n - 1;   /* the first value whose cumulative weight exceeds u */
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (p->cw[mid] > u)
                hi = mid;
            else
                lo = mid + 1;
        }
        return p->v[lo];
    }
    default:
        return p->a;   /* beta is never inverted (refused in correlations at load) */
    }
}

/* x kept inside the exact range, then inside the distribution's support where the doubles'
 * rounding left it: exp() of a very negative score underflows to 0 (lognormal(0, 1000)
 * truncated to [0, 1]) and a huge one overflows to inf, but a lognormal is never 0 (x > 0), no
 * draw is infinite, and a beta scaled to the range is never at the range's ends. Such a draw
 * is moved to the nearest double inside the support: the smallest positive double
 * (4.9e-324), the largest finite one, the double next to the end. The probability of
 * landing there is below the doubles' resolution, so nothing else changes. */
static double keep_inside(const sparam *p, double x)
{
    if (p->kind == BRINK_DIST_DISCRETE)
        return x;   /* a value as written, in the range exactly (loader): bound exactly */
    x = fmin(fmax(x, p->lo), p->hi);
    if (isinf(x))
        x = x > 0 ? DBL_MAX : -DBL_MAX;
    switch (p->kind) {
    case BRINK_DIST_LOGNORMAL:
        if (!(x > 0))
            x = fmin(nextafter(0.0, 1.0), p->hi);   /* the range has mass above 0 (loader) */
        break;
    case BRINK_DIST_BETA:
        if (p->lo < p->hi) {
            if (x <= p->lo)
                x = nextafter(p->lo, p->hi);
            else if (x >= p->hi)
                x = nextafter(p->hi, p->lo);
        }
        break;
    default:
        break;
    }
    return x;
}

static double draw_independent(const sparam *p, brink_stream *s, gsl_rng *r)
{
    if (p->truncated || p->kind == BRINK_DIST_TRIANGULAR || p->kind == BRINK_DIST_DISCRETE)
        return invert(p, mc_uniform_open(s));
    switch (p->kind) {
    case BRINK_DIST_UNIFORM:
        return gsl_ran_flat(r, p->a, p->b);
    case BRINK_DIST_NORMAL:
        return p->a + gsl_ran_gaussian(r, p->b);
    case BRINK_DIST_LOGNORMAL:
        return gsl_ran_lognormal(r, p->a, p->b);
    case BRINK_DIST_BETA:
        return p->lo + (p->hi - p->lo) * gsl_ran_beta(r, p->a, p->b);
    default:
        return p->a;
    }
}

void brink_sampler_free(brink_sampler *s)
{
    if (!s)
        return;
    for (int i = 0; s->p && i < s->nvaried; i++) {
        free(s->p[i].cw);
        free(s->p[i].order);
        free(s->p[i].verr);
    }
    free(s->p);
    free(s->defaults);
    free(s->defq);
    free(s->deferr);
    free(s->slot_of);
    free(s->L);
    free(s);
}

/* A bound on |q - d| (0 when d is q): the exact difference, rounded up. */
static double q_error(const mpq_t q, double d)
{
    mpq_t t;
    mpq_init(t);
    mpq_set_d(t, d);
    int same = mpq_equal(t, q);
    mpq_sub(t, t, q);
    mpq_abs(t, t);
    double e = brink_q_get_d(t);
    mpq_clear(t);
    return same ? 0 : e * (1 + 4 * DBL_EPSILON) + DBL_TRUE_MIN;
}

/* A value's double and index, sorted by the double (qsort needs no context then). */
typedef struct vkey {
    double v;
    int k;
} vkey;
static int by_value(const void *a, const void *b)
{
    double x = ((const vkey *)a)->v, y = ((const vkey *)b)->v;
    return x < y ? -1 : x > y;
}

/* One varied parameter from its declaration; 0 on OOM. */
static int init_param(sparam *p, const brink_param_info *pi, int index, int slot)
{
    p->index = index;
    p->kind = pi->dist;
    p->a = pi->dist_a;
    p->b = pi->dist_b;
    p->c = pi->dist_c;
    /* an exact range when there is one (scenario parameters); else its doubles */
    p->lo = !pi->has_range ? -HUGE_VAL : pi->lo_q ? inner_double(*pi->lo_q, pi->lo, +1) : pi->lo;
    p->hi = !pi->has_range ? HUGE_VAL : pi->hi_q ? inner_double(*pi->hi_q, pi->hi, -1) : pi->hi;
    p->truncated = pi->dist_truncated;
    p->slot = slot;
    if (p->kind == BRINK_DIST_DISCRETE) {
        p->n = pi->dist_n;
        p->v = pi->dist_values;
        p->cw = malloc((size_t)p->n * sizeof *p->cw);
        if (!p->cw)
            return 0;
        double acc = 0;
        for (int j = 0; j < p->n; j++)
            p->cw[j] = acc += pi->dist_weights[j];
        p->cw[p->n - 1] = 2;   /* u < 1 always finds a value */
        p->vq = pi->dist_values_q;
        p->order = malloc((size_t)p->n * sizeof *p->order);
        p->verr = malloc((size_t)p->n * sizeof *p->verr);
        if (!p->order || !p->verr)
            return 0;
        vkey *key = malloc((size_t)p->n * sizeof *key);
        if (!key)
            return 0;
        for (int j = 0; j < p->n; j++) {
            key[j].v = p->v[j];
            key[j].k = j;
            p->verr[j] = p->vq ? q_error(p->vq[j], p->v[j]) : 0;
        }
        qsort(key, (size_t)p->n, sizeof *key, by_value);
        for (int j = 0; j < p->n; j++)
            p->order[j] = key[j].k;
        free(key);
    }
    prepare(p);
    return 1;
}

/* The exact side of the defaults: arrays for n parameters; 0 on OOM. */
static int exact_alloc(brink_sampler *s, int n)
{
    s->defq = calloc((size_t)n + 1, sizeof *s->defq);
    s->deferr = calloc((size_t)n + 1, sizeof *s->deferr);
    s->slot_of = malloc(((size_t)n + 1) * sizeof *s->slot_of);
    if (!s->defq || !s->deferr || !s->slot_of)
        return 0;
    for (int i = 0; i < n; i++)
        s->slot_of[i] = -1;
    return 1;
}

static void exact_default(brink_sampler *s, int i, const brink_param_info *pi)
{
    s->defq[i] = pi->valueq;
    s->deferr[i] = pi->valueq ? q_error(*pi->valueq, pi->value) : 0;
}

brink_sampler *brink_sampler_new(const brink_scenario *sc, brink_error *err)
{
    brink_sampler *s = calloc(1, sizeof *s);
    int np = brink_scenario_nparams(sc);
    if (!s)
        goto oom;
    s->nparams = np;
    s->defaults = calloc((size_t)np + 1, sizeof *s->defaults);
    s->p = calloc((size_t)np + 1, sizeof *s->p);
    if (!s->defaults || !s->p || !exact_alloc(s, np))
        goto oom;
    int *slot = calloc((size_t)np + 1, sizeof *slot);
    if (!slot)
        goto oom;
    for (int i = 0; i < np; i++)
        slot[i] = -1;
    for (int k = 0; k < brink_scenario_ncorrelations(sc); k++) {
        const brink_correlation *c = brink_scenario_correlation(sc, k);
        if (slot[c->a] < 0)
            slot[c->a] = s->ncorr++;
        if (slot[c->b] < 0)
            slot[c->b] = s->ncorr++;
    }
    for (int i = 0; i < np; i++) {
        const brink_param_info *pi = brink_scenario_param(sc, i);
        s->defaults[i] = pi->value;
        exact_default(s, i, pi);
        if (pi->dist == BRINK_DIST_NONE)
            continue;
        s->slot_of[i] = s->nvaried;
        if (!init_param(&s->p[s->nvaried++], pi, i, slot[i])) {
            free(slot);
            goto oom;
        }
    }
    /* the copula's factor over the correlated parameters (checked positive definite at
     * load, so the factorisation succeeds) */
    if (s->ncorr) {
        int n = s->ncorr;
        s->L = calloc((size_t)n * (size_t)n, sizeof *s->L);
        if (!s->L) {
            free(slot);
            goto oom;
        }
        for (int i = 0; i < n; i++)
            s->L[i * n + i] = 1;
        for (int k = 0; k < brink_scenario_ncorrelations(sc); k++) {
            const brink_correlation *c = brink_scenario_correlation(sc, k);
            s->L[slot[c->a] * n + slot[c->b]] = c->rho;
            s->L[slot[c->b] * n + slot[c->a]] = c->rho;
        }
        if (!core_cholesky(s->L, n, 0)) {   /* positive definite: checked at load */
            free(slot);
            brink_sampler_free(s);
            brink_error_set(err, BRINK_EINTERNAL, "correlation matrix not positive definite");
            return NULL;
        }
    }
    free(slot);
    return s;
oom:
    brink_sampler_free(s);
    brink_error_set(err, BRINK_ENOMEM, "out of memory");
    return NULL;
}

brink_sampler *brink_sampler_new_list(const brink_param_info *const *params, int n,
                                      brink_error *err)
{
    brink_sampler *s = calloc(1, sizeof *s);
    if (!s)
        goto oom;
    s->nparams = n;
    s->defaults = calloc((size_t)n + 1, sizeof *s->defaults);
    s->p = calloc((size_t)n + 1, sizeof *s->p);
    if (!s->defaults || !s->p || !exact_alloc(s, n))
        goto oom;
    for (int i = 0; i < n; i++) {
        s->defaults[i] = params[i]->value;
        exact_default(s, i, params[i]);
        if (params[i]->dist == BRINK_DIST_NONE)
            continue;
        s->slot_of[i] = s->nvaried;
        if (!init_param(&s->p[s->nvaried++], params[i], i, -1))
            goto oom;
    }
    return s;
oom:
    brink_sampler_free(s);
    brink_error_set(err, BRINK_ENOMEM, "out of memory");
    return NULL;
}

int brink_sampler_nvaried(const brink_sampler *s)
{
    return s->nvaried;
}

int brink_sampler_varied(const brink_sampler *s, int k)
{
    return k >= 0 && k < s->nvaried ? s->p[k].index : -1;
}

size_t brink_sampler_work_size(const brink_sampler *s)
{
    return 2 * (size_t)s->ncorr + 1;
}

void brink_sampler_draw(const brink_sampler *s, uint64_t seed, uint64_t index, double *values,
                        double *work)
{
    brink_stream st;
    gsl_rng r;
    brink_stream_init(&st, seed, index, 0);
    mc_rng_wrap(&r, &st);
    memcpy(values, s->defaults, (size_t)s->nparams * sizeof *values);
    int n = s->ncorr;
    double *g = work, *z = work + n;
    for (int i = 0; i < n; i++)
        g[i] = gsl_ran_gaussian(&r, 1.0);
    for (int i = 0; i < n; i++) {
        double t = 0;
        for (int k = 0; k <= i; k++)
            t += s->L[i * n + k] * g[k];
        z[i] = t;
    }
    for (int k = 0; k < s->nvaried; k++) {
        const sparam *p = &s->p[k];
        double x;
        if (p->slot >= 0) {
            double zs = z[p->slot];
            if (!p->truncated && p->kind == BRINK_DIST_NORMAL)
                x = p->a + p->b * zs;
            else if (!p->truncated && p->kind == BRINK_DIST_LOGNORMAL)
                x = exp(p->a + p->b * zs);
            else {
                double u = gsl_cdf_ugaussian_P(zs);
                u = fmin(fmax(u, 0x1.0p-60), 1 - 0x1.0p-53);   /* keep u inside (0, 1) */
                x = invert(p, u);
            }
        } else {
            x = draw_independent(p, &st, &r);
        }
        values[p->index] = keep_inside(p, x);
    }
}

void brink_sampler_exact(const brink_sampler *s, const double *values, mpq_t *q, double *perr)
{
    for (int i = 0; i < s->nparams; i++) {
        double x = values[i], e = 0;
        int k = s->slot_of[i];
        const sparam *p = k >= 0 ? &s->p[k] : NULL;
        if (!p && s->defq[i] && x == s->defaults[i]) {   /* at its default, as written */
            mpq_set(q[i], *s->defq[i]);
            e = s->deferr[i];
        } else if (p && p->kind == BRINK_DIST_DISCRETE && p->vq) {
            /* the value whose double x is (the loader refused two numbers with one double) */
            int lo = 0, hi = p->n - 1;
            while (lo < hi) {
                int mid = (lo + hi) / 2;
                if (p->v[p->order[mid]] < x)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            int j = p->order[lo];
            if (p->v[j] == x) {
                mpq_set(q[i], p->vq[j]);
                e = p->verr[j];
            } else {
                mpq_set_d(q[i], x);   /* not one of the values (a caller's own numbers) */
            }
        } else {
            mpq_set_d(q[i], x);   /* a double drawn: the rational it is */
        }
        if (perr)
            perr[i] = e;
    }
}