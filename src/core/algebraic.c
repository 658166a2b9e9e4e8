/* algebraic.c — exact real roots of rational polynomials and comparisons of the algebraic
 * numbers they define (see poly.h).
 *
 * Roots are isolated with a Sturm sequence: with V(x) the number of sign changes of
 * (s0(x), s1(x), ...) with zeros dropped, a square-free s0 has V(a) - V(b) roots in (a, b]
 * when a is not a root; at a root m, V(m) equals V just right of m. A root whose isolating
 * interval is narrower than 1/L^2 (L: leading coefficient of the polynomial scaled to
 * integers) is rational iff the simplest rational of the interval is a root, since two
 * rationals with denominators at most |L| are at least 1/L^2 apart.
 */
#include "core/poly.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "brink/core.h"

/* ---------------------------------------------------------------- integer signs
 * A sign at x = u/v (v > 0) of a polynomial needs no rational arithmetic: with the polynomial
 * scaled by a positive integer to integer coefficients c_i, its sign is that of
 * sum c_i u^i v^(d-i), which Horner's rule computes in integers. The rational evaluation
 * (pq_sign_at) canonicalizes after every product and sum, which is most of its cost; the root
 * isolation below evaluates only through zpoly. */
typedef struct zpoly {
    mpz_t *c;   /* [deg + 1], constant first */
    int deg;    /* -1: zero */
} zpoly;

typedef struct zwork {
    mpz_t acc, vp, t;
} zwork;

static void zw_init(zwork *w) { mpz_inits(w->acc, w->vp, w->t, NULL); }
static void zw_clear(zwork *w) { mpz_clears(w->acc, w->vp, w->t, NULL); }

static void zp_free(zpoly *z)
{
    if (z->c) {
        for (int i = 0; i <= z->deg; i++)
            mpz_clear(z->c[i]);
        free(z->c);
    }
    z->c = NULL;
    z->deg = -1;
}

/* z = p times the least common multiple of its denominators (a positive integer): the same
 * signs everywhere. -1 on OOM. */
static int zp_from_pq(zpoly *z, const pq *p)
{
    z->c = NULL;
    z->deg = -1;
    if (p->deg < 0)
        return 0;
    z->c = brink_calloc((size_t)p->deg + 1, sizeof *z->c);
    if (!z->c)
        return -1;
    z->deg = p->deg;
    mpz_t den;
    mpz_init_set_ui(den, 1);
    for (int i = 0; i <= p->deg; i++)
        mpz_lcm(den, den, mpq_denref(p->c[i]));
    for (int i = 0; i <= p->deg; i++) {
        mpz_init(z->c[i]);
        mpz_divexact(z->c[i], den, mpq_denref(p->c[i]));
        mpz_mul(z->c[i], z->c[i], mpq_numref(p->c[i]));
    }
    mpz_clear(den);
    return 0;
}

/* Sign of z at x (exact). */
static int zp_sign_at(const zpoly *z, const mpq_t x, zwork *w)
{
    if (z->deg <= 0)
        return z->deg < 0 ? 0 : mpz_sgn(z->c[0]);
    mpz_srcptr u = mpq_numref(x), v = mpq_denref(x);
    mpz_set(w->acc, z->c[z->deg]);
    mpz_set_ui(w->vp, 1);
    for (int i = z->deg - 1; i >= 0; i--) {
        mpz_mul(w->vp, w->vp, v);
        mpz_mul(w->acc, w->acc, u);
        if (mpz_sgn(z->c[i])) {
            mpz_mul(w->t, z->c[i], w->vp);
            mpz_add(w->acc, w->acc, w->t);
        }
    }
    return mpz_sgn(w->acc);
}

typedef struct sturm {
    pq *s;
    int n;
    zpoly *z;   /* [n] the same sequence in integers (sturm_build) */
    zwork w;
} sturm;

static void sturm_free(sturm *S)
{
    for (int i = 0; i < S->n; i++) {
        pq_clear(&S->s[i]);
        if (S->z)
            zp_free(&S->z[i]);
    }
    free(S->s);
    free(S->z);
    S->s = NULL;
    S->z = NULL;
    S->n = 0;
}

/* Past the deadline (brink_now() seconds; 0: none)? */
static int past(double deadline)
{
    return deadline > 0 && brink_now() > deadline;
}

/* p square-free, deg >= 1. -1 on OOM, -2 past the deadline. */
static int sturm_build(sturm *S, const pq *p, double deadline)
{
    S->n = 0;
    S->s = brink_calloc((size_t)p->deg + 2, sizeof *S->s);
    if (!S->s)
        return -1;
    for (int i = 0; i < p->deg + 2; i++)
        pq_init(&S->s[i]);
    S->n = p->deg + 2;
    if (pq_set(&S->s[0], p) || pq_deriv(&S->s[1], p))
        return -1;
    int k = 1;
    pq q;
    pq_init(&q);
    while (S->s[k].deg > 0 && k + 1 < S->n) {
        if (past(deadline)) {
            pq_clear(&q);
            return -2;
        }
        if (pq_divrem(&q, &S->s[k + 1], &S->s[k - 1], &S->s[k])) {
            pq_clear(&q);
            return -1;
        }
        pq_neg(&S->s[k + 1]);
        if (S->s[k + 1].deg < 0)
            break;
        k++;
    }
    pq_clear(&q);
    for (int i = k + 1; i < S->n; i++)
        pq_clear(&S->s[i]);
    S->n = k + 1;
    S->z = brink_calloc((size_t)S->n, sizeof *S->z);
    if (!S->z)
        return -1;
    for (int i = 0; i < S->n; i++)
        S->z[i].deg = -1;
    for (int i = 0; i < S->n; i++)
        if (zp_from_pq(&S->z[i], &S->s[i]))
            return -1;
    return 0;
}

/* Sign of the sequence's first polynomial (the square-free one) at x. */
static int sturm_sign0(sturm *S, const mpq_t x)
{
    return zp_sign_at(&S->z[0], x, &S->w);
}

static int variations(sturm *S, const mpq_t x)
{
    int v = 0, last = 0;
    for (int i = 0; i < S->n; i++) {
        int s = zp_sign_at(&S->z[i], x, &S->w);
        if (!s)
            continue;
        if (last && s != last)
            v++;
        last = s;
    }
    return v;
}

void q_simplest_between(mpq_t out, const mpq_t lo_in, const mpq_t hi_in)
{
    mpq_t lo, hi, t;
    mpz_t fl;
    mpq_inits(lo, hi, t, NULL);
    mpz_init(fl);
    mpq_set(lo, lo_in);
    mpq_set(hi, hi_in);
    int neg = 0;
    if (mpq_sgn(lo) <= 0 && mpq_sgn(hi) >= 0) {
        mpq_set_ui(out, 0, 1);
        goto done;
    }
    if (mpq_sgn(hi) < 0) {
        neg = 1;
        mpq_neg(t, lo);
        mpq_neg(lo, hi);
        mpq_set(hi, t);
    }
    /* Continued fractions of both ends until they part. Built as convergents h/k on the fly:
     * no cap on the number of terms. */
    mpz_t h0, h1, k0, k1, tmp, av;
    mpz_inits(h0, h1, k0, k1, tmp, av, NULL);
    mpz_set_ui(h0, 1);   /* h_{-1} */
    mpz_set_ui(k0, 0);
    mpz_set_ui(h1, 0);   /* h_{-2}: swapped in below */
    mpz_set_ui(k1, 1);
    /* convention: (h0/k0) newest convergent, (h1/k1) previous */
    mpz_swap(h0, h1);
    mpz_swap(k0, k1);
    /* now h0/k0 = 0/1 (h_{-2}), h1/k1 = 1/0 (h_{-1}); keep p = h1, q = k1 as latest */
    for (;;) {
        mpz_fdiv_q(fl, mpq_numref(lo), mpq_denref(lo));
        mpq_set_z(t, fl);
        int lo_int = mpq_equal(t, lo);
        mpz_add_ui(tmp, fl, 1);
        mpq_set_z(t, tmp);
        int stop = lo_int || mpq_cmp(t, hi) <= 0;
        if (lo_int || !stop)
            mpz_set(av, fl);
        else
            mpz_set(av, tmp);
        /* next convergent: h = a*h1 + h0 */
        mpz_mul(tmp, av, h1);
        mpz_add(tmp, tmp, h0);
        mpz_set(h0, h1);
        mpz_set(h1, tmp);
        mpz_mul(tmp, av, k1);
        mpz_add(tmp, tmp, k0);
        mpz_set(k0, k1);
        mpz_set(k1, tmp);
        if (stop)
            break;
        /* (lo, hi) <- (1 / (hi - fl), 1 / (lo - fl)) */
        mpq_set_z(t, fl);
        mpq_sub(lo, lo, t);
        mpq_sub(hi, hi, t);
        mpq_inv(t, lo);
        mpq_inv(lo, hi);
        mpq_set(hi, t);
    }
    mpz_set(mpq_numref(out), h1);
    mpz_set(mpq_denref(out), k1);
    mpq_canonicalize(out);
    if (neg)
        mpq_neg(out, out);
    mpz_clears(h0, h1, k0, k1, tmp, av, NULL);
done:
    mpq_clears(lo, hi, t, NULL);
    mpz_clear(fl);
}

/* ---------------------------------------------------------------- algebraic numbers */

void alg_init(alg *a)
{
    a->rational = 1;
    mpq_inits(a->q, a->lo, a->hi, NULL);
    pq_init(&a->p);
}

void alg_clear(alg *a)
{
    mpq_clears(a->q, a->lo, a->hi, NULL);
    pq_clear(&a->p);
}

int alg_set(alg *r, const alg *a)
{
    if (r == a)
        return 0;
    r->rational = a->rational;
    mpq_set(r->q, a->q);
    mpq_set(r->lo, a->lo);
    mpq_set(r->hi, a->hi);
    return pq_set(&r->p, &a->p);
}

void alg_set_q(alg *r, const mpq_t q)
{
    r->rational = 1;
    mpq_set(r->q, q);
    r->p.deg = -1;
}

void alg_refine(alg *a)
{
    if (a->rational)
        return;
    mpq_t m;
    mpq_init(m);
    mpq_add(m, a->lo, a->hi);
    mpq_div_2exp(m, m, 1);
    int sm = pq_sign_at(&a->p, m);
    if (sm == 0) {              /* cannot happen for an irrational root; stay exact anyway */
        alg_set_q(a, m);
    } else if (sm == pq_sign_at(&a->p, a->lo)) {
        mpq_set(a->lo, m);
    } else {
        mpq_set(a->hi, m);
    }
    mpq_clear(m);
}

/* The double nearest to the number: the interval is refined until both ends round to the
 * same double (rounding is monotone, so the root, strictly between them, rounds there too);
 * the same number gives the same double whatever interval it came with. */
double alg_get_d(alg *a)
{
    if (a->rational)
        return brink_q_get_d(a->q);
    for (int i = 0; i < 4000; i++) {
        double l = brink_q_get_d(a->lo), h = brink_q_get_d(a->hi);
        if (l == h)
            return l;
        alg_refine(a);
        if (a->rational)
            return brink_q_get_d(a->q);
    }
    mpq_t m;   /* not reached for doubles' range; the midpoint's double otherwise */
    mpq_init(m);
    mpq_add(m, a->lo, a->hi);
    mpq_div_2exp(m, m, 1);
    double d = brink_q_get_d(m);
    mpq_clear(m);
    return d;
}

int alg_cmp_q(alg *a, const mpq_t q)
{
    if (a->rational)
        return mpq_cmp(a->q, q) < 0 ? -1 : mpq_cmp(a->q, q) > 0;
    if (mpq_cmp(q, a->lo) <= 0)
        return 1;
    if (mpq_cmp(q, a->hi) >= 0)
        return -1;
    int sq = pq_sign_at(&a->p, q);
    if (sq == 0)
        return 0;
    if (sq == pq_sign_at(&a->p, a->lo)) {   /* the root lies in (q, hi) */
        mpq_set(a->lo, q);
        return 1;
    }
    mpq_set(a->hi, q);
    return -1;
}

/* Number of distinct roots of f (not zero) in the open interval (lo, hi). -1 on OOM. */
static int count_roots(const pq *f, const mpq_t lo, const mpq_t hi)
{
    alg *r = NULL;
    int n = pq_roots_in(f, lo, hi, &r);
    if (n > 0)
        alg_array_free(r, n);
    return n;
}

int alg_cmp(alg *a, alg *b, int *oom)
{
    if (a->rational && b->rational)
        return mpq_cmp(a->q, b->q) < 0 ? -1 : mpq_cmp(a->q, b->q) > 0;
    if (a->rational)
        return -alg_cmp_q(b, a->q);
    if (b->rational)
        return alg_cmp_q(a, b->q);
    /* both irrational: equal iff gcd(pa, pb) has a root in the overlap of the intervals */
    if (mpq_cmp(a->hi, b->lo) > 0 && mpq_cmp(b->hi, a->lo) > 0) {
        pq g;
        pq_init(&g);
        if (pq_gcd(&g, &a->p, &b->p)) {
            *oom = 1;
            pq_clear(&g);
            return 0;
        }
        if (g.deg >= 1) {
            const mpq_t *lo = mpq_cmp(a->lo, b->lo) > 0 ? &a->lo : &b->lo;
            const mpq_t *hi = mpq_cmp(a->hi, b->hi) < 0 ? &a->hi : &b->hi;
            int n = count_roots(&g, *lo, *hi);
            if (n < 0)
                *oom = 1;
            if (n != 0) {
                pq_clear(&g);
                return 0;
            }
        }
        pq_clear(&g);
    }
    for (;;) {
        if (mpq_cmp(a->hi, b->lo) <= 0)
            return -1;
        if (mpq_cmp(b->hi, a->lo) <= 0)
            return 1;
        alg_refine(a);
        alg_refine(b);
        if (a->rational || b->rational)
            return alg_cmp(a, b, oom);
    }
}

int alg_sign_poly(alg *a, const pq *f, int *oom)
{
    if (a->rational)
        return pq_sign_at(f, a->q);
    if (f->deg < 0)
        return 0;
    pq g;
    pq_init(&g);
    if (pq_gcd(&g, f, &a->p)) {
        *oom = 1;
        pq_clear(&g);
        return 0;
    }
    if (g.deg >= 1) {
        int n = count_roots(&g, a->lo, a->hi);
        if (n != 0) {
            pq_clear(&g);
            if (n < 0)
                *oom = 1;
            return 0;
        }
    }
    pq_clear(&g);
    /* f(a) != 0: shrink the interval until f has no root in it, then f's sign is constant */
    for (;;) {
        int n = count_roots(f, a->lo, a->hi);
        if (n < 0) {
            *oom = 1;
            return 0;
        }
        if (n == 0)
            break;
        alg_refine(a);
        if (a->rational)
            return pq_sign_at(f, a->q);
    }
    mpq_t m;
    mpq_init(m);
    mpq_add(m, a->lo, a->hi);
    mpq_div_2exp(m, m, 1);
    int s = pq_sign_at(f, m);
    mpq_clear(m);
    return s;
}

void alg_array_free(alg *a, int n)
{
    if (!a)
        return;
    for (int i = 0; i < n; i++)
        alg_clear(&a[i]);
    free(a);
}

/* Integer leading coefficient of p scaled to integer coefficients (|L|). */
static void int_lead(mpz_t L, const pq *p)
{
    mpz_t den;
    mpz_init_set_ui(den, 1);
    for (int i = 0; i <= p->deg; i++)
        mpz_lcm(den, den, mpq_denref(p->c[i]));
    mpz_mul(L, mpq_numref(p->c[p->deg]), den);
    mpz_divexact(L, L, mpq_denref(p->c[p->deg]));
    mpz_abs(L, L);
    mpz_clear(den);
}

typedef struct rootacc {
    alg *r;
    int n, cap, oom;
    double deadline;   /* 0: none */
    int expired;
    const pq *p;
    sturm *S;      /* p's Sturm sequence (its integer signs) */
    mpz_t L2;      /* L^2 */
} rootacc;

static alg *push_root(rootacc *A)
{
    if (A->n == A->cap) {
        int cap = A->cap ? 2 * A->cap : 4;
        alg *r = brink_reallocarray(A->r, (size_t)cap, sizeof *r);
        if (!r) {
            A->oom = 1;
            return NULL;
        }
        A->r = r;
        A->cap = cap;
    }
    alg *x = &A->r[A->n++];
    alg_init(x);
    return x;
}

/* One root in (a, b), neither a root: record it, exactly rational when it is. */
static void record_isolated(rootacc *A, const mpq_t a, const mpq_t b)
{
    alg *x = push_root(A);
    if (!x)
        return;
    x->rational = 0;
    mpq_set(x->lo, a);
    mpq_set(x->hi, b);
    if (pq_set(&x->p, A->p)) {
        A->oom = 1;
        return;
    }
    /* narrow to width < 1 / L^2, then test the simplest rational; the halvings are
     * alg_refine's, with the signs taken in integers (the sign at the lower end stays that
     * at a: every end moved to is not a root) */
    mpq_t w, lim, s, m;
    mpq_inits(w, lim, s, m, NULL);
    mpz_set_ui(mpq_numref(lim), 1);
    mpz_set(mpq_denref(lim), A->L2);
    mpq_canonicalize(lim);
    int slo = sturm_sign0(A->S, a);
    for (;;) {
        mpq_sub(w, x->hi, x->lo);
        if (mpq_cmp(w, lim) < 0)
            break;
        if (past(A->deadline)) {
            A->expired = 1;
            break;
        }
        mpq_add(m, x->lo, x->hi);
        mpq_div_2exp(m, m, 1);
        int sm = sturm_sign0(A->S, m);
        if (sm == 0) {   /* a rational root met on the way */
            alg_set_q(x, m);
            break;
        }
        if (sm == slo)
            mpq_set(x->lo, m);
        else
            mpq_set(x->hi, m);
    }
    if (!x->rational) {
        q_simplest_between(s, x->lo, x->hi);
        if (sturm_sign0(A->S, s) == 0)
            alg_set_q(x, s);
    }
    mpq_clears(w, lim, s, m, NULL);
}

/* Roots in (a, b) where va = V(a), vb = V(b) and a is not a root (b may be). */
static void isolate(rootacc *A, sturm *S, const mpq_t a, const mpq_t b, int va, int vb,
                    int depth)
{
    int sb = sturm_sign0(S, b);
    int k = va - vb - (sb == 0 ? 1 : 0);
    if (k <= 0 || A->oom || A->expired)
        return;
    if (past(A->deadline)) {
        A->expired = 1;
        return;
    }
    if (k == 1 && sb != 0) {
        record_isolated(A, a, b);
        return;
    }
    mpq_t m;
    mpq_init(m);
    mpq_add(m, a, b);
    mpq_div_2exp(m, m, 1);
    int vm = variations(S, m);
    if (sturm_sign0(S, m) == 0) {
        /* the midpoint is a root: (a, m) has va - vm - 1 roots, (m, b) has vm - vb (- b) */
        isolate(A, S, a, m, va, vm, depth + 1);
        alg *x = push_root(A);
        if (x)
            alg_set_q(x, m);
        /* continue from a point m3 of (m, b) with no root in (m, m3]: V(m3) = V(m) */
        mpq_t m3;
        mpq_init(m3);
        mpq_set(m3, b);
        for (;;) {
            mpq_add(m3, m3, m);
            mpq_div_2exp(m3, m3, 1);
            if (sturm_sign0(S, m3) != 0 && variations(S, m3) == vm)
                break;
        }
        isolate(A, S, m3, b, vm, vb, depth + 1);
        mpq_clear(m3);
    } else {
        isolate(A, S, a, m, va, vm, depth + 1);
        isolate(A, S, m, b, vm, vb, depth + 1);
    }
    mpq_clear(m);
}

int pq_roots_in(const pq *f, const mpq_t lo, const mpq_t hi, alg **out)
{
    return pq_roots_in_until(f, lo, hi, 0, out);
}

int pq_roots_in_until(const pq *f, const mpq_t lo, const mpq_t hi, double deadline, alg **out)
{
    *out = NULL;
    if (f->deg <= 0 || mpq_cmp(lo, hi) >= 0)
        return 0;
    pq p;
    pq_init(&p);
    sturm S;
    memset(&S, 0, sizeof S);
    zw_init(&S.w);
    rootacc A = {NULL, 0, 0, 0, deadline, 0, NULL, &S, {{0}}};
    mpz_init(A.L2);
    int rc = -1;
    if ((rc = pq_squarefree_until(&p, f, deadline)) != 0) {
        rc = rc == -2 ? -2 : -1;
        goto out;
    }
    rc = -1;
    if (p.deg <= 0) {
        rc = 0;
        goto out;
    }
    A.p = &p;
    int_lead(A.L2, &p);
    mpz_mul(A.L2, A.L2, A.L2);
    if ((rc = sturm_build(&S, &p, deadline)) != 0) {
        rc = rc == -2 ? -2 : -1;
        goto out;
    }
    rc = -1;
    mpq_t a;
    mpq_init(a);
    mpq_set(a, lo);
    if (sturm_sign0(&S, a) == 0) {
        /* the left end is a root (excluded): start just right of it, past any other root */
        int v0 = variations(&S, lo);
        mpq_t b;
        mpq_init(b);
        mpq_set(b, hi);
        for (;;) {
            mpq_add(b, b, lo);
            mpq_div_2exp(b, b, 1);
            if (sturm_sign0(&S, b) != 0 && variations(&S, b) == v0)
                break;
        }
        mpq_set(a, b);
        mpq_clear(b);
    }
    isolate(&A, &S, a, hi, variations(&S, a), variations(&S, hi), 0);
    mpq_clear(a);
    rc = A.oom ? -1 : A.expired ? -2 : A.n;
out:
    if (rc < 0)
        alg_array_free(A.r, A.n);
    else
        *out = A.r;
    if (rc == 0) {
        free(A.r);
        *out = NULL;
    }
    sturm_free(&S);
    zw_clear(&S.w);
    pq_clear(&p);
    mpz_clear(A.L2);
    return rc;
}
