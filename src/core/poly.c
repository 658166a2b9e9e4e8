/* poly.c — polynomials and rational functions over Q (see poly.h). Dense coefficient arrays;
 * the degrees met in analysis are small (payoffs are usually affine in the parameter), so
 * schoolbook multiplication and Euclid's gcd are the right tools. */
#include "core/poly.h"

#include <stdint.h>
#include <stdlib.h>

#include "brink/core.h"

void pq_init(pq *p)
{
    p->deg = -1;
    p->cap = 0;
    p->c = NULL;
}

void pq_clear(pq *p)
{
    if (p->c)
        brink_q_array_free(p->c, (size_t)p->cap);
    pq_init(p);
}

int pq_reserve(pq *p, int n)
{
    if (n <= p->cap)
        return 0;
    int cap = p->cap ? p->cap : 2;   /* most functions met are affine */
    while (cap < n)
        cap *= 2;
    mpq_t *c = brink_reallocarray(p->c, (size_t)cap, sizeof *c);
    if (!c)
        return -1;
    for (int i = p->cap; i < cap; i++)
        mpq_init(c[i]);
    p->c = c;
    p->cap = cap;
    return 0;
}

static void trim(pq *p)
{
    while (p->deg >= 0 && mpq_sgn(p->c[p->deg]) == 0)
        p->deg--;
}

int pq_set(pq *r, const pq *a)
{
    if (r == a)
        return 0;
    if (pq_reserve(r, a->deg + 1))
        return -1;
    for (int i = 0; i <= a->deg; i++)
        mpq_set(r->c[i], a->c[i]);
    r->deg = a->deg;
    return 0;
}

int pq_set_q(pq *r, const mpq_t q)
{
    if (mpq_sgn(q) == 0) {
        r->deg = -1;
        return 0;
    }
    if (pq_reserve(r, 1))
        return -1;
    mpq_set(r->c[0], q);
    r->deg = 0;
    trim(r);
    return 0;
}

int pq_set_si(pq *r, long v)
{
    if (v == 0) {   /* the zero polynomial needs no coefficient */
        r->deg = -1;
        return 0;
    }
    if (pq_reserve(r, 1))
        return -1;
    mpq_set_si(r->c[0], v, 1);
    r->deg = 0;
    trim(r);
    return 0;
}

int pq_set_x(pq *r)
{
    if (pq_reserve(r, 2))
        return -1;
    mpq_set_ui(r->c[0], 0, 1);
    mpq_set_ui(r->c[1], 1, 1);
    r->deg = 1;
    return 0;
}

static int addsub(pq *r, const pq *a, const pq *b, int sub)
{
    int n = a->deg > b->deg ? a->deg : b->deg;
    if (pq_reserve(r, n + 1))
        return -1;
    /* r may alias a or b: write index by index, reading both before writing */
    for (int i = 0; i <= n; i++) {
        if (i <= a->deg && i <= b->deg) {
            if (sub)
                mpq_sub(r->c[i], a->c[i], b->c[i]);
            else
                mpq_add(r->c[i], a->c[i], b->c[i]);
        } else if (i <= a->deg) {
            mpq_set(r->c[i], a->c[i]);
        } else {
            mpq_set(r->c[i], b->c[i]);
            if (sub)
                mpq_neg(r->c[i], r->c[i]);
        }
    }
    r->deg = n;
    trim(r);
    return 0;
}

int pq_add(pq *r, const pq *a, const pq *b) { return addsub(r, a, b, 0); }
int pq_sub(pq *r, const pq *a, const pq *b) { return addsub(r, a, b, 1); }

int pq_mul(pq *r, const pq *a, const pq *b)
{
    if (a->deg < 0 || b->deg < 0) {
        r->deg = -1;
        return 0;
    }
    int n = a->deg + b->deg;
    pq t, *d = r;
    int alias = r == a || r == b;
    if (alias) {   /* write into a fresh polynomial, then swap it in */
        pq_init(&t);
        d = &t;
    }
    if (pq_reserve(d, n + 1))
        return -1;
    mpq_t x;
    mpq_init(x);
    for (int i = 0; i <= n; i++)
        mpq_set_ui(d->c[i], 0, 1);
    for (int i = 0; i <= a->deg; i++) {
        if (mpq_sgn(a->c[i]) == 0)
            continue;
        for (int j = 0; j <= b->deg; j++) {
            mpq_mul(x, a->c[i], b->c[j]);
            mpq_add(d->c[i + j], d->c[i + j], x);
        }
    }
    mpq_clear(x);
    d->deg = n;
    trim(d);
    if (alias) {
        pq old = *r;
        *r = t;
        pq_clear(&old);
    }
    return 0;
}

int pq_scale(pq *r, const pq *a, const mpq_t k)
{
    if (pq_set(r, a))
        return -1;
    for (int i = 0; i <= r->deg; i++)
        mpq_mul(r->c[i], r->c[i], k);
    trim(r);
    return 0;
}

void pq_neg(pq *r)
{
    for (int i = 0; i <= r->deg; i++)
        mpq_neg(r->c[i], r->c[i]);
}

int pq_divrem(pq *q, pq *r, const pq *a, const pq *b)
{
    if (pq_set(r, a))
        return -1;
    int nq = a->deg - b->deg;
    if (pq_reserve(q, nq > 0 ? nq + 1 : 1))
        return -1;
    q->deg = nq >= 0 ? nq : -1;
    for (int i = 0; i <= nq; i++)
        mpq_set_ui(q->c[i], 0, 1);
    mpq_t f, x;
    mpq_inits(f, x, NULL);
    while (r->deg >= b->deg && r->deg >= 0) {
        int s = r->deg - b->deg;
        mpq_div(f, r->c[r->deg], b->c[b->deg]);
        mpq_set(q->c[s], f);
        for (int j = 0; j <= b->deg; j++) {
            mpq_mul(x, f, b->c[j]);
            mpq_sub(r->c[s + j], r->c[s + j], x);
        }
        mpq_set_ui(r->c[r->deg], 0, 1);   /* exact cancellation of the leading term */
        trim(r);
    }
    mpq_clears(f, x, NULL);
    trim(q);
    return 0;
}

static void make_monic(pq *p)
{
    if (p->deg < 0)
        return;
    mpq_t l;
    mpq_init(l);
    mpq_set(l, p->c[p->deg]);
    for (int i = 0; i <= p->deg; i++)
        mpq_div(p->c[i], p->c[i], l);
    mpq_clear(l);
}

int pq_gcd(pq *g, const pq *a, const pq *b)
{
    return pq_gcd_until(g, a, b, 0);
}

/* ---- a modular test of coprimality
 * For a and b scaled to integer coefficients, and a prime P dividing neither leading
 * coefficient, the gcd of a and b mod P has at least the degree of their gcd over Q; so when
 * it is constant mod P, the gcd over Q is 1. Most pairs met (a polynomial and its derivative,
 * a numerator and a denominator) are coprime: the test, in machine words, saves Euclid's
 * algorithm over Q, whose every step canonicalizes rationals. Otherwise (the test is
 * inconclusive or says nothing) the exact algorithm runs, so the answer never depends on it. */
#define GCD_P 2147483647ULL   /* 2^31 - 1, a prime */

static uint64_t mod_pow(uint64_t b, uint64_t e)
{
    uint64_t r = 1;
    b %= GCD_P;
    while (e) {
        if (e & 1)
            r = r * b % GCD_P;
        b = b * b % GCD_P;
        e >>= 1;
    }
    return r;
}

/* p (deg >= 0) times the lcm of its denominators, mod GCD_P, into r[0..deg]; 0 when the
 * leading coefficient vanishes mod GCD_P or a denominator does (then nothing is claimed). */
static int mod_image(uint64_t *r, const pq *p)
{
    uint64_t den = 1;
    for (int i = 0; i <= p->deg; i++) {
        uint64_t d = mpz_fdiv_ui(mpq_denref(p->c[i]), (unsigned long)GCD_P);
        if (d == 0)
            return 0;
        /* scaling by the product of the denominators' residues (a unit mod P) is enough:
         * signs do not matter here, only the gcd's degree */
        den = den * d % GCD_P;
    }
    for (int i = 0; i <= p->deg; i++) {
        uint64_t n = mpz_fdiv_ui(mpq_numref(p->c[i]), (unsigned long)GCD_P);
        uint64_t d = mpz_fdiv_ui(mpq_denref(p->c[i]), (unsigned long)GCD_P);
        r[i] = n * (den * mod_pow(d, GCD_P - 2) % GCD_P) % GCD_P;
    }
    return r[p->deg] != 0;
}

/* 1: a and b (deg >= 1 both) are certainly coprime over Q; 0: not known; -1: OOM. */
static int coprime_mod(const pq *a, const pq *b)
{
    uint64_t *x = brink_calloc((size_t)a->deg + 1, sizeof *x);
    uint64_t *y = brink_calloc((size_t)b->deg + 1, sizeof *y);
    if (!x || !y) {
        free(x);
        free(y);
        return -1;
    }
    int res = 0;
    if (mod_image(x, a) && mod_image(y, b)) {
        int dx = a->deg, dy = b->deg;
        /* Euclid mod P: x <- x mod y, swap, until one is zero; the other's degree is the
         * gcd's */
        while (dy >= 0) {
            uint64_t inv = mod_pow(y[dy], GCD_P - 2);
            while (dx >= dy) {
                uint64_t f = x[dx] * inv % GCD_P;
                int s = dx - dy;
                for (int j = 0; j <= dy; j++)
                    x[s + j] = (x[s + j] + (GCD_P - f) * y[j]) % GCD_P;
                x[dx] = 0;
                while (dx >= 0 && x[dx] == 0)
                    dx--;
            }
            uint64_t *t = x;
            x = y;
            y = t;
            int td = dx;
            dx = dy;
            dy = td;
        }
        res = dx == 0;
    }
    free(x);
    free(y);
    return res;
}

int pq_gcd_until(pq *g, const pq *a, const pq *b, double deadline)
{
    if (a->deg >= 1 && b->deg >= 1) {
        int c = coprime_mod(a, b);
        if (c < 0)
            return -1;
        if (c)
            return pq_set_si(g, 1);
    }
    pq x, y, q, r;
    pq_init(&x);
    pq_init(&y);
    pq_init(&q);
    pq_init(&r);
    int rc = pq_set(&x, a) || pq_set(&y, b) ? -1 : 0;
    while (!rc && y.deg >= 0) {
        if (deadline > 0 && brink_now() > deadline) {
            rc = -2;
            break;
        }
        make_monic(&y);   /* keeps coefficient growth in check */
        if (pq_divrem(&q, &r, &x, &y)) {
            rc = -1;
            break;
        }
        pq t = x;
        x = y;
        y = r;
        r = t;
    }
    if (!rc) {
        make_monic(&x);
        rc = pq_set(g, &x);
    }
    pq_clear(&x);
    pq_clear(&y);
    pq_clear(&q);
    pq_clear(&r);
    return rc;
}

int pq_deriv(pq *r, const pq *a)
{
    if (a->deg <= 0) {
        r->deg = -1;
        return 0;
    }
    pq t;
    pq_init(&t);
    if (pq_reserve(&t, a->deg))
        return -1;
    for (int i = 1; i <= a->deg; i++) {
        mpq_set_ui(t.c[i - 1], (unsigned long)i, 1);
        mpq_mul(t.c[i - 1], t.c[i - 1], a->c[i]);
    }
    t.deg = a->deg - 1;
    trim(&t);
    pq old = *r;
    *r = t;
    pq_clear(&old);
    return 0;
}

void pq_eval(mpq_t out, const pq *p, const mpq_t x)
{
    if (p->deg <= 0) {   /* constants (most entries met): no temporary */
        if (p->deg < 0)
            mpq_set_ui(out, 0, 1);
        else
            mpq_set(out, p->c[0]);
        return;
    }
    mpq_t acc;
    mpq_init(acc);
    for (int i = p->deg; i >= 0; i--) {
        mpq_mul(acc, acc, x);
        mpq_add(acc, acc, p->c[i]);
    }
    mpq_set(out, acc);
    mpq_clear(acc);
}

int pq_sign_at(const pq *p, const mpq_t x)
{
    if (p->deg <= 0)
        return p->deg < 0 ? 0 : mpq_sgn(p->c[0]);
    mpq_t v;
    mpq_init(v);
    pq_eval(v, p, x);
    int s = mpq_sgn(v);
    mpq_clear(v);
    return s;
}

int pq_is_zero(const pq *p) { return p->deg < 0; }
int pq_is_const(const pq *p) { return p->deg <= 0; }

int pq_equal(const pq *a, const pq *b)
{
    if (a->deg != b->deg)
        return 0;
    for (int i = 0; i <= a->deg; i++)
        if (!mpq_equal(a->c[i], b->c[i]))
            return 0;
    return 1;
}

int pq_squarefree(pq *r, const pq *p)
{
    return pq_squarefree_until(r, p, 0);
}

int pq_squarefree_until(pq *r, const pq *p, double deadline)
{
    pq d, g, q, rem;
    pq_init(&d);
    pq_init(&g);
    pq_init(&q);
    pq_init(&rem);
    int rc = 0;
    if (p->deg <= 0) {
        rc = pq_set(r, p);
    } else if (pq_deriv(&d, p) || (rc = pq_gcd_until(&g, p, &d, deadline)) != 0 ||
               pq_divrem(&q, &rem, p, &g)) {
        rc = rc == -2 ? -2 : -1;
    } else {
        make_monic(&q);
        rc = pq_set(r, &q);
    }
    pq_clear(&d);
    pq_clear(&g);
    pq_clear(&q);
    pq_clear(&rem);
    return rc;
}

/* ---------------------------------------------------------------- rational functions */

void rf_init(rf *f)
{
    pq_init(&f->n);
    pq_init(&f->d);
    /* one coefficient for the denominator, which mostly stays 1 (pq_reserve would make two);
     * failure leaves deg -1, caught by the first checked op */
    mpq_t *c = brink_calloc(1, sizeof *c);
    if (c) {
        mpq_init(c[0]);
        mpq_set_ui(c[0], 1, 1);
        f->d.c = c;
        f->d.cap = 1;
        f->d.deg = 0;
    }
}

void rf_clear(rf *f)
{
    pq_clear(&f->n);
    pq_clear(&f->d);
}

int rf_set(rf *r, const rf *a)
{
    return pq_set(&r->n, &a->n) || pq_set(&r->d, &a->d) ? -1 : 0;
}

int rf_set_q(rf *r, const mpq_t q)
{
    return pq_set_q(&r->n, q) || pq_set_si(&r->d, 1) ? -1 : 0;
}

int rf_set_si(rf *r, long v)
{
    return pq_set_si(&r->n, v) || pq_set_si(&r->d, 1) ? -1 : 0;
}

int rf_set_x(rf *r)
{
    return pq_set_x(&r->n) || pq_set_si(&r->d, 1) ? -1 : 0;
}

int rf_norm(rf *r)
{
    if (r->d.deg < 0)
        return -1;   /* never a valid function: only an earlier allocation failure */
    if (r->n.deg < 0)
        return pq_set_si(&r->d, 1);
    if (r->d.deg > 0) {
        pq g, q, rem;
        pq_init(&g);
        pq_init(&q);
        pq_init(&rem);
        int rc = pq_gcd(&g, &r->n, &r->d);
        if (!rc && g.deg > 0) {
            rc = pq_divrem(&q, &rem, &r->n, &g);
            if (!rc)
                rc = pq_set(&r->n, &q);
            if (!rc)
                rc = pq_divrem(&q, &rem, &r->d, &g);
            if (!rc)
                rc = pq_set(&r->d, &q);
        }
        pq_clear(&g);
        pq_clear(&q);
        pq_clear(&rem);
        if (rc)
            return -1;
    }
    /* monic (or 1) denominator */
    mpq_t l;
    mpq_init(l);
    mpq_set(l, r->d.c[r->d.deg]);
    for (int i = 0; i <= r->n.deg; i++)
        mpq_div(r->n.c[i], r->n.c[i], l);
    for (int i = 0; i <= r->d.deg; i++)
        mpq_div(r->d.c[i], r->d.c[i], l);
    mpq_clear(l);
    return 0;
}

int rf_add(rf *r, const rf *a, const rf *b)
{
    if (a->d.deg < 0 || b->d.deg < 0)
        return -1;   /* an earlier allocation failure */
    if (pq_equal(&a->d, &b->d)) {
        if (pq_add(&r->n, &a->n, &b->n) || pq_set(&r->d, &a->d))
            return -1;
        return r->d.deg > 0 ? rf_norm(r) : 0;
    }
    pq x, y, dd;
    pq_init(&x);
    pq_init(&y);
    pq_init(&dd);
    int rc = pq_mul(&x, &a->n, &b->d) || pq_mul(&y, &b->n, &a->d) || pq_mul(&dd, &a->d, &b->d) ||
             pq_add(&r->n, &x, &y) || pq_set(&r->d, &dd) || rf_norm(r);
    pq_clear(&x);
    pq_clear(&y);
    pq_clear(&dd);
    return rc ? -1 : 0;
}

int rf_sub(rf *r, const rf *a, const rf *b)
{
    rf nb;
    rf_init(&nb);
    int rc = rf_set(&nb, b);
    if (!rc) {
        rf_neg(&nb);
        rc = rf_add(r, a, &nb);
    }
    rf_clear(&nb);
    return rc;
}

static int is_one(const pq *p)
{
    return p->deg == 0 && mpq_cmp_ui(p->c[0], 1, 1) == 0;
}

int rf_mul(rf *r, const rf *a, const rf *b)
{
    /* the common cases in a tree walk: a zero or a one factor, a constant times a function */
    if (rf_is_zero(a) || rf_is_zero(b)) {
        r->n.deg = -1;
        return pq_set_si(&r->d, 1);
    }
    if (rf_is_const(a) && is_one(&a->n))
        return rf_set(r, b);
    if (rf_is_const(b) && is_one(&b->n))
        return rf_set(r, a);
    if (rf_is_const(a) && r != b) {
        mpq_t k;
        mpq_init(k);
        mpq_set(k, a->n.c[0]);
        int rc = pq_scale(&r->n, &b->n, k) || pq_set(&r->d, &b->d);
        mpq_clear(k);
        return rc ? -1 : 0;
    }
    if (rf_is_const(b) && r != a) {
        mpq_t k;
        mpq_init(k);
        mpq_set(k, b->n.c[0]);
        int rc = pq_scale(&r->n, &a->n, k) || pq_set(&r->d, &a->d);
        mpq_clear(k);
        return rc ? -1 : 0;
    }
    int plain = a->d.deg == 0 && b->d.deg == 0;
    if (pq_mul(&r->d, &a->d, &b->d) || pq_mul(&r->n, &a->n, &b->n))
        return -1;
    return plain ? 0 : rf_norm(r);
}

int rf_div(rf *r, const rf *a, const rf *b)
{
    rf inv;
    rf_init(&inv);
    int rc = pq_set(&inv.n, &b->d) || pq_set(&inv.d, &b->n) || rf_norm(&inv) ||
             rf_mul(r, a, &inv);
    rf_clear(&inv);
    return rc ? -1 : 0;
}

void rf_neg(rf *r) { pq_neg(&r->n); }
int rf_is_zero(const rf *f) { return f->n.deg < 0; }
int rf_is_const(const rf *f) { return f->n.deg <= 0 && f->d.deg == 0; }

int rf_is_one(const rf *f)
{
    return f->n.deg == 0 && f->d.deg == 0 && mpq_equal(f->n.c[0], f->d.c[0]);
}

int rf_eval(mpq_t out, const rf *f, const mpq_t x)
{
    if (f->d.deg == 0 && mpq_cmp_ui(f->d.c[0], 1, 1) == 0) {   /* a polynomial */
        pq_eval(out, &f->n, x);
        return 0;
    }
    mpq_t d;
    mpq_init(d);
    pq_eval(d, &f->d, x);
    int bad = mpq_sgn(d) == 0;
    if (!bad) {
        pq_eval(out, &f->n, x);
        mpq_div(out, out, d);
    }
    mpq_clear(d);
    return bad;
}

int rf_sign_poly(pq *out, const rf *f)
{
    return pq_mul(out, &f->n, &f->d);
}

/* ---------------------------------------------------------------- condition sets */

void pcset_free(pcset *s)
{
    for (int i = 0; i < s->n; i++)
        pq_clear(&s->c[i].s);
    free(s->c);
    s->c = NULL;
    s->n = s->cap = 0;
}

pcond *pcset_push(pcset *s, pc_kind kind, const pq *f)
{
    if (s->n == s->cap) {
        int cap = s->cap ? 2 * s->cap : 16;
        pcond *c = brink_reallocarray(s->c, (size_t)cap, sizeof *c);
        if (!c)
            return NULL;
        s->c = c;
        s->cap = cap;
    }
    pcond *c = &s->c[s->n];
    pq_init(&c->s);
    if (pq_set(&c->s, f)) {
        pq_clear(&c->s);
        return NULL;
    }
    c->kind = kind;
    c->tag = c->h = c->a = c->b = -1;
    s->n++;
    return c;
}
