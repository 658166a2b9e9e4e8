/* closed_form.c — the bargaining solutions negotiations are checked against, exact over the
 * rationals: Rubinstein's (1982) alternating-offers share, the (generalised) Nash (1950)
 * bargaining solution and the Kalai-Smorodinsky (1975) solution on a concave piecewise-linear
 * Pareto frontier. Everything is mpq arithmetic; a result is exact, not rounded.
 *
 * Method: the frontier is clipped to the individually rational part (u >= d), a polyline from
 * S (u0 = d0 or the first vertex) to E (u1 = d1 or the last vertex). Parameterised by u0 the
 * Nash objective's logarithm is concave along it, so its maximum is where the derivative's
 * sign, linear along each segment, turns from + to -: inside a segment (a linear equation) or
 * at a vertex. The Kalai-Smorodinsky point is where the line from d to the ideal point
 * (E.u0, S.u1) meets the polyline.
 */
#include <stdlib.h>
#include "brink/negotiate.h"

brink_status brink_neg_rubinstein(const mpq_t d0, const mpq_t d1, mpq_t share0, brink_error *err)
{
    if (mpq_sgn(d0) < 0 || mpq_sgn(d1) < 0 || mpz_cmp(mpq_numref(d0), mpq_denref(d0)) >= 0 ||
        mpz_cmp(mpq_numref(d1), mpq_denref(d1)) >= 0)
        return brink_error_set(err, BRINK_EINVALID, "Rubinstein: discount factors must lie in "
                               "[0, 1)");
    mpq_t num, den;
    mpq_inits(num, den, NULL);
    mpq_set_ui(num, 1, 1);
    mpq_sub(num, num, d1);              /* 1 - d1 */
    mpq_mul(den, d0, d1);
    mpq_neg(den, den);
    mpq_t one;
    mpq_init(one);
    mpq_set_ui(one, 1, 1);
    mpq_add(den, den, one);             /* 1 - d0 d1 > 0 */
    mpq_div(share0, num, den);
    mpq_clears(num, den, one, NULL);
    return BRINK_OK;
}

/* The clipped polyline: n points (x = u0, y = u1). */
typedef struct {
    int n, cap;
    mpq_t *x, *y;
} neg_poly;

static void neg_poly_free(neg_poly *p)
{
    brink_q_array_free(p->x, (size_t)p->cap);
    brink_q_array_free(p->y, (size_t)p->cap);
}

static brink_status neg_frontier_check(const brink_neg_frontier *f, brink_error *err)
{
    if (!f || f->npoints < 1)
        return brink_error_set(err, BRINK_EINVALID, "the frontier has no point");
    for (int k = 0; k + 1 < f->npoints; k++)
        if (mpq_cmp(f->u0[k], f->u0[k + 1]) >= 0 || mpq_cmp(f->u1[k], f->u1[k + 1]) <= 0)
            return brink_error_set(err, BRINK_EINVALID, "frontier point %d: u0 must increase and "
                                   "u1 decrease strictly", k + 2);
    mpq_t s, t, a, b;
    mpq_inits(s, t, a, b, NULL);
    brink_status st = BRINK_OK;
    for (int k = 0; k + 2 < f->npoints && !st; k++) {
        mpq_sub(a, f->u1[k + 1], f->u1[k]);
        mpq_sub(b, f->u0[k + 1], f->u0[k]);
        mpq_div(s, a, b);
        mpq_sub(a, f->u1[k + 2], f->u1[k + 1]);
        mpq_sub(b, f->u0[k + 2], f->u0[k + 1]);
        mpq_div(t, a, b);
        if (mpq_cmp(t, s) > 0)
            st = brink_error_set(err, BRINK_EINVALID, "frontier point %d: the frontier is not "
                                 "concave", k + 2);
    }
    mpq_clears(s, t, a, b, NULL);
    return st;
}

/* y on segment (x0,y0)-(x1,y1) at x. */
static void neg_lerp(mpq_t y, const mpq_t x0, const mpq_t y0, const mpq_t x1, const mpq_t y1,
                     const mpq_t x)
{
    mpq_t t, u;
    mpq_inits(t, u, NULL);
    mpq_sub(t, x, x0);
    mpq_sub(u, x1, x0);
    mpq_div(t, t, u);
    mpq_sub(u, y1, y0);
    mpq_mul(u, u, t);
    mpq_add(y, y0, u);
    mpq_clears(t, u, NULL);
}

/* Clip f to u0 >= d0, u1 >= d1. Fails unless some point is strictly better for both. */
static brink_status neg_clip(const brink_neg_frontier *f, const mpq_t d0, const mpq_t d1,
                             neg_poly *p, brink_error *err)
{
    int n = f->npoints, cap = 3 * n;
    p->n = 0;
    p->cap = cap;
    p->x = brink_q_array_new((size_t)cap);
    p->y = brink_q_array_new((size_t)cap);
    if (!p->x || !p->y) {
        brink_q_array_free(p->x, (size_t)cap);
        brink_q_array_free(p->y, (size_t)cap);
        p->x = p->y = NULL;
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    mpq_t cx[2], cy[2];
    mpq_inits(cx[0], cx[1], cy[0], cy[1], NULL);
    for (int k = 0; k < n; k++) {
        /* candidates in increasing u0: vertex k, then the crossings of segment (k, k+1) */
        int nc = 0;
        mpq_set(cx[0], f->u0[k]);
        mpq_set(cy[0], f->u1[k]);
        nc = 1;
        for (int c = 0; c < nc; c++) {
            if (mpq_cmp(cx[c], d0) >= 0 && mpq_cmp(cy[c], d1) >= 0 &&
                !(p->n > 0 && mpq_equal(p->x[p->n - 1], cx[c]))) {
                mpq_set(p->x[p->n], cx[c]);
                mpq_set(p->y[p->n], cy[c]);
                p->n++;
            }
        }
        if (k + 1 == n) break;
        nc = 0;
        if (mpq_cmp(f->u0[k], d0) < 0 && mpq_cmp(d0, f->u0[k + 1]) < 0) {
            mpq_set(cx[nc], d0);
            neg_lerp(cy[nc], f->u0[k], f->u1[k], f->u0[k + 1], f->u1[k + 1], d0);
            nc++;
        }
        if (mpq_cmp(f->u1[k], d1) > 0 && mpq_cmp(d1, f->u1[k + 1]) > 0) {
            neg_lerp(cx[nc], f->u1[k], f->u0[k], f->u1[k + 1], f->u0[k + 1], d1);
            mpq_set(cy[nc], d1);
            nc++;
        }
        if (nc == 2 && mpq_cmp(cx[0], cx[1]) > 0) {
            mpq_swap(cx[0], cx[1]);
            mpq_swap(cy[0], cy[1]);
        }
        for (int c = 0; c < nc; c++)
            if (mpq_cmp(cx[c], d0) >= 0 && mpq_cmp(cy[c], d1) >= 0 &&
                !(p->n > 0 && mpq_equal(p->x[p->n - 1], cx[c]))) {
                mpq_set(p->x[p->n], cx[c]);
                mpq_set(p->y[p->n], cy[c]);
                p->n++;
            }
    }
    mpq_clears(cx[0], cx[1], cy[0], cy[1], NULL);
    int better = 0;
    for (int k = 0; k < p->n && !better; k++)
        better = mpq_cmp(p->x[k], d0) > 0 && mpq_cmp(p->y[k], d1) > 0;
    for (int k = 0; k + 1 < p->n && !better; k++) /* inside a segment from (d0,.) to (.,d1) */
        better = mpq_cmp(p->x[k + 1], d0) > 0 && mpq_cmp(p->y[k], d1) > 0;
    if (!better) {
        brink_q_array_free(p->x, (size_t)cap);
        brink_q_array_free(p->y, (size_t)cap);
        p->x = p->y = NULL;
        p->n = 0;
        return brink_error_set(err, BRINK_EINVALID, "no frontier point is better than the "
                               "disagreement point for both parties");
    }
    return BRINK_OK;
}

/* Sign of the Nash objective's derivative in u0 at (x, y) on a segment of slope m:
 * alpha (y - d1) + (1 - alpha) m (x - d0). */
static int neg_nash_sign(const mpq_t x, const mpq_t y, const mpq_t m, const mpq_t d0,
                         const mpq_t d1, const mpq_t alpha)
{
    mpq_t a, b, one;
    mpq_inits(a, b, one, NULL);
    mpq_sub(a, y, d1);
    mpq_mul(a, a, alpha);
    mpq_set_ui(one, 1, 1);
    mpq_sub(b, one, alpha);
    mpq_mul(b, b, m);
    mpq_sub(one, x, d0);
    mpq_mul(b, b, one);
    mpq_add(a, a, b);
    int s = mpq_sgn(a);
    mpq_clears(a, b, one, NULL);
    return s;
}

static void neg_slope(mpq_t m, const neg_poly *p, int k)
{
    mpq_t dx;
    mpq_init(dx);
    mpq_sub(m, p->y[k + 1], p->y[k]);
    mpq_sub(dx, p->x[k + 1], p->x[k]);
    mpq_div(m, m, dx);
    mpq_clear(dx);
}

static brink_status neg_prepare(const brink_neg_frontier *f, const mpq_t d0, const mpq_t d1,
                                neg_poly *p, brink_error *err)
{
    brink_status st = neg_frontier_check(f, err);
    if (st) return st;
    return neg_clip(f, d0, d1, p, err);
}

brink_status brink_neg_nash(const brink_neg_frontier *f, const mpq_t d0, const mpq_t d1,
                            const mpq_t alpha, mpq_t out0, mpq_t out1, brink_error *err)
{
    if (mpq_sgn(alpha) <= 0 || mpz_cmp(mpq_numref(alpha), mpq_denref(alpha)) >= 0)
        return brink_error_set(err, BRINK_EINVALID, "Nash: the bargaining power must lie in "
                               "(0, 1)");
    neg_poly p;
    brink_status st = neg_prepare(f, d0, d1, &p, err);
    if (st) return st;
    if (p.n == 1) { /* a single point better for both */
        mpq_set(out0, p.x[0]);
        mpq_set(out1, p.y[0]);
        neg_poly_free(&p);
        return BRINK_OK;
    }
    mpq_t m, c, t;
    mpq_inits(m, c, t, NULL);
    int done = 0;
    for (int k = 0; k + 1 < p.n && !done; k++) {
        neg_slope(m, &p, k);
        int s0 = neg_nash_sign(p.x[k], p.y[k], m, d0, d1, alpha);
        int s1 = neg_nash_sign(p.x[k + 1], p.y[k + 1], m, d0, d1, alpha);
        if (s0 <= 0) { /* the maximum is at this segment's start (a vertex) */
            mpq_set(out0, p.x[k]);
            mpq_set(out1, p.y[k]);
            done = 1;
        } else if (s1 <= 0) {
            /* u0 = (1 - alpha) d0 - alpha (c - d1) / m with c = y_k - m x_k */
            mpq_mul(c, m, p.x[k]);
            mpq_sub(c, p.y[k], c);
            mpq_sub(c, c, d1);
            mpq_mul(c, c, alpha);
            mpq_div(c, c, m);
            mpq_set_ui(t, 1, 1);
            mpq_sub(t, t, alpha);
            mpq_mul(t, t, d0);
            mpq_sub(out0, t, c);
            neg_lerp(out1, p.x[k], p.y[k], p.x[k + 1], p.y[k + 1], out0);
            done = 1;
        }
    }
    if (!done) { /* still rising at the end: the end point (only when E is a vertex with
                    u1 > d1, the frontier stopping there) */
        mpq_set(out0, p.x[p.n - 1]);
        mpq_set(out1, p.y[p.n - 1]);
    }
    mpq_clears(m, c, t, NULL);
    neg_poly_free(&p);
    return BRINK_OK;
}

brink_status brink_neg_kalai_smorodinsky(const brink_neg_frontier *f, const mpq_t d0,
                                         const mpq_t d1, mpq_t out0, mpq_t out1,
                                         brink_error *err)
{
    neg_poly p;
    brink_status st = neg_prepare(f, d0, d1, &p, err);
    if (st) return st;
    if (p.n == 1) {
        mpq_set(out0, p.x[0]);
        mpq_set(out1, p.y[0]);
        neg_poly_free(&p);
        return BRINK_OK;
    }
    /* ideal point (E.u0, S.u1); the ray d + lambda (I - d) */
    mpq_t i0, i1, m, c, a, b;
    mpq_inits(i0, i1, m, c, a, b, NULL);
    mpq_sub(i0, p.x[p.n - 1], d0);
    mpq_sub(i1, p.y[0], d1);
    st = BRINK_EINTERNAL;
    for (int k = 0; k + 1 < p.n; k++) {
        /* the ray meets segment k where (u0 - d0) i1 = (u1 - d1) i0; check the sign at ends */
        mpq_sub(a, p.x[k], d0);
        mpq_mul(a, a, i1);
        mpq_sub(b, p.y[k], d1);
        mpq_mul(b, b, i0);
        int s0 = mpq_cmp(a, b);
        mpq_sub(a, p.x[k + 1], d0);
        mpq_mul(a, a, i1);
        mpq_sub(b, p.y[k + 1], d1);
        mpq_mul(b, b, i0);
        int s1 = mpq_cmp(a, b);
        if (s0 <= 0 && s1 >= 0) {
            /* u0 [i1 - m i0] = (c - d1) i0 + d0 i1, c = y_k - m x_k */
            neg_slope(m, &p, k);
            mpq_mul(c, m, p.x[k]);
            mpq_sub(c, p.y[k], c);
            mpq_sub(a, c, d1);
            mpq_mul(a, a, i0);
            mpq_mul(b, d0, i1);
            mpq_add(a, a, b);
            mpq_mul(b, m, i0);
            mpq_sub(b, i1, b);
            mpq_div(out0, a, b);
            neg_lerp(out1, p.x[k], p.y[k], p.x[k + 1], p.y[k + 1], out0);
            st = BRINK_OK;
            break;
        }
    }
    if (st) brink_error_set(err, st, "Kalai-Smorodinsky: the ray to the ideal point missed the "
                            "frontier (a bug)");
    mpq_clears(i0, i1, m, c, a, b, NULL);
    neg_poly_free(&p);
    return st;
}
