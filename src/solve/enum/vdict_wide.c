/* vdict_wide.c — the multi-limb fixed-width arithmetic of vdict (private to vdict.c).
 *
 * Entries are L-limb two's complement integers (L = v->limbs, 3..VDICT_WIDE_MAX_LIMBS), every
 * one below 2^bits in magnitude with bits + VDICT_WIDE_SLACK <= 64 L - 1. A pivot needs only
 * products modulo 2^(64 L) (the "low-half" argument of xint.h): the quotient of an exact
 * division by D = D' 2^sh has magnitude below 2^(64 L - 1 - sh) and is therefore the sign
 * extension of ((N >> sh) * D'^-1 mod 2^(64 L)) from bit 64 L - 1 - sh. When a pivot's sh is
 * too large for that (rare: D would need many trailing zero bits), the dictionary is promoted
 * to GMP for good; the GMP arrays are allocated with the dictionary, so promotion cannot fail.
 * Ratio tests compare in doubles and fall back to exact GMP comparisons only near ties.
 */
#include "solve/enum/vdict_wide.h"

#include <math.h>
#include <string.h>

#define WINLINE static inline __attribute__((always_inline))

WINLINE int wsign(const uint64_t *x, int L)
{
    if ((int64_t)x[L - 1] < 0)
        return -1;
    uint64_t any = 0;
    for (int i = 0; i < L; i++)
        any |= x[i];
    return any != 0;
}

/* r = a * b mod 2^(64 L); r may not alias a or b. Unrolled for 3 and 4 limbs (the common
 * widths), schoolbook otherwise. */
WINLINE void mullo3(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    xu128 p00 = (xu128)a[0] * b[0], p01 = (xu128)a[0] * b[1], p10 = (xu128)a[1] * b[0];
    xu128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10; /* < 3 * 2^64 */
    r[0] = (uint64_t)p00;
    r[1] = (uint64_t)mid;
    r[2] = (uint64_t)(mid >> 64) + (uint64_t)(p01 >> 64) + (uint64_t)(p10 >> 64) + a[0] * b[2] +
           a[1] * b[1] + a[2] * b[0];
}

WINLINE void mullo4(uint64_t *r, const uint64_t *a, const uint64_t *b)
{
    xu128 p00 = (xu128)a[0] * b[0], p01 = (xu128)a[0] * b[1], p10 = (xu128)a[1] * b[0];
    xu128 p02 = (xu128)a[0] * b[2], p11 = (xu128)a[1] * b[1], p20 = (xu128)a[2] * b[0];
    xu128 acc = p00 >> 64;
    r[0] = (uint64_t)p00;
    acc += (uint64_t)p01;
    acc += (uint64_t)p10;
    r[1] = (uint64_t)acc;
    acc = (acc >> 64) + (p01 >> 64) + (p10 >> 64);
    acc += (uint64_t)p02;
    acc += (uint64_t)p11;
    acc += (uint64_t)p20;
    r[2] = (uint64_t)acc;
    r[3] = (uint64_t)(acc >> 64) + (uint64_t)(p02 >> 64) + (uint64_t)(p11 >> 64) +
           (uint64_t)(p20 >> 64) + a[0] * b[3] + a[1] * b[2] + a[2] * b[1] + a[3] * b[0];
}

static void mullo_n(uint64_t *r, const uint64_t *a, const uint64_t *b, int L)
{
    uint64_t t[VDICT_WIDE_MAX_LIMBS] = {0};
    for (int i = 0; i < L; i++) {
        uint64_t ai = a[i], carry = 0;
        for (int j = 0; i + j < L; j++) {
            xu128 p = (xu128)ai * b[j] + t[i + j] + carry;
            t[i + j] = (uint64_t)p;
            carry = (uint64_t)(p >> 64);
        }
    }
    memcpy(r, t, sizeof(uint64_t) * (size_t)L);
}

WINLINE void mullo(uint64_t *r, const uint64_t *a, const uint64_t *b, int L)
{
    if (L == 3)
        mullo3(r, a, b);
    else if (L == 4)
        mullo4(r, a, b);
    else
        mullo_n(r, a, b, L);
}

WINLINE void sub(uint64_t *r, const uint64_t *a, const uint64_t *b, int L)
{
    uint64_t borrow = 0;
    for (int i = 0; i < L; i++) {
        uint64_t x = a[i], y = b[i];
        uint64_t d = x - y - borrow;
        borrow = (x < y) | ((x == y) & borrow);
        r[i] = d;
    }
}

WINLINE void negate(uint64_t *x, int L)
{
    uint64_t carry = 1;
    for (int i = 0; i < L; i++) {
        uint64_t v = ~x[i] + carry;
        carry = carry & (v == 0);
        x[i] = v;
    }
}

/* Logical right shift by 0 <= sh < 64 L. */
WINLINE void shr(uint64_t *x, int sh, int L)
{
    int w = sh / 64, b = sh % 64;
    for (int i = 0; i < L; i++) {
        uint64_t lo = i + w < L ? x[i + w] : 0, hi = i + w + 1 < L ? x[i + w + 1] : 0;
        x[i] = b ? (lo >> b) | (hi << (64 - b)) : lo;
    }
}

/* Sign-extend from bit 64 L - 1 - sh (the bits above are garbage). */
WINLINE void sext(uint64_t *x, int sh, int L)
{
    if (sh == 0)
        return;
    int top = 64 * L - 1 - sh; /* the sign bit */
    int w = top / 64, b = top % 64;
    uint64_t neg = (x[w] >> b) & 1;
    uint64_t fill = neg ? ~(uint64_t)0 : 0;
    uint64_t mask = b == 63 ? ~(uint64_t)0 : (((uint64_t)1 << (b + 1)) - 1);
    x[w] = neg ? (x[w] | ~mask) : (x[w] & mask);
    for (int i = w + 1; i < L; i++)
        x[i] = fill;
}

int vw_sign(const uint64_t *x, int L)
{
    return wsign(x, L);
}

static int ctz(const uint64_t *x, int L)
{
    for (int i = 0; i < L; i++)
        if (x[i])
            return 64 * i + __builtin_ctzll(x[i]);
    return 64 * L;
}

/* Inverse of odd d modulo 2^(64 L) by Newton: x <- x (2 - d x). */
static void inverse(uint64_t *x, const uint64_t *d, int L)
{
    uint64_t t[VDICT_WIDE_MAX_LIMBS], two[VDICT_WIDE_MAX_LIMBS] = {0};
    memcpy(x, d, sizeof(uint64_t) * (size_t)L); /* correct to 3 bits */
    two[0] = 2;
    for (int bitsok = 3; bitsok < 64 * L; bitsok *= 2) {
        mullo(t, d, x, L);
        sub(t, two, t, L);
        uint64_t y[VDICT_WIDE_MAX_LIMBS];
        mullo(y, x, t, L);
        memcpy(x, y, sizeof(uint64_t) * (size_t)L);
    }
}

void vw_to_mpz(mpz_t out, const uint64_t *x, int L)
{
    uint64_t t[VDICT_WIDE_MAX_LIMBS];
    memcpy(t, x, sizeof(uint64_t) * (size_t)L);
    int neg = vw_sign(t, L) < 0;
    if (neg)
        negate(t, L);
    mpz_import(out, (size_t)L, -1, sizeof(uint64_t), 0, 0, t);
    if (neg)
        mpz_neg(out, out);
}

void vw_from_mpz(uint64_t *x, const mpz_t z, int L)
{
    memset(x, 0, sizeof(uint64_t) * (size_t)L);
    size_t count = 0;
    if (mpz_sizeinbase(z, 2) <= (size_t)(64 * L - 1))
        mpz_export(x, &count, -1, sizeof(uint64_t), 0, 0, z);
    if (mpz_sgn(z) < 0)
        negate(x, L);
}

static double to_double(const uint64_t *x, int L)
{
    uint64_t t[VDICT_WIDE_MAX_LIMBS];
    memcpy(t, x, sizeof(uint64_t) * (size_t)L);
    int neg = vw_sign(t, L) < 0;
    if (neg)
        negate(t, L);
    int h = L - 1;
    while (h > 0 && t[h] == 0)
        h--;
    double d = (double)t[h];
    if (h > 0)
        d = ldexp(d, 64) + (double)t[h - 1];
    if (h > 1)
        d = ldexp(d, 64 * (h - 1));
    return neg ? -d : d;
}

#define W(v, r, j) ((v)->tw + ((size_t)(r) * (v)->stride + (size_t)(j)) * (size_t)(v)->limbs)

/* Sign of x1 * a2 - x2 * a1, exactly (GMP). */
static int cross_sign_exact(vdict *v, const uint64_t *x1, const uint64_t *a2,
                            const uint64_t *x2, const uint64_t *a1)
{
    int L = v->limbs;
    mpz_t p, q, r;
    mpz_inits(p, q, r, NULL);
    vw_to_mpz(p, x1, L);
    vw_to_mpz(q, a2, L);
    mpz_mul(v->tmp1, p, q);
    vw_to_mpz(p, x2, L);
    vw_to_mpz(q, a1, L);
    mpz_mul(v->tmp2, p, q);
    int s = mpz_cmp(v->tmp1, v->tmp2);
    mpz_clears(p, q, r, NULL);
    return s;
}

/* The dictionary column of slack q at row r (D e_row when q is basic). */
static const uint64_t *slack_entry(vdict *v, int r, int q, const uint64_t *zero)
{
    int pos = v->var_pos[v->d + q];
    if (pos >= 0)
        return pos == r ? v->dw : zero;
    return W(v, r, 1 + (-1 - pos));
}

static int lex_less(vdict *v, int r1, int r2, const uint64_t *a1, const uint64_t *a2)
{
    uint64_t zero[VDICT_WIDE_MAX_LIMBS] = {0};
    for (int q = 0; q < v->k; q++) {
        int s = cross_sign_exact(v, slack_entry(v, r1, q, zero), a2, slack_entry(v, r2, q, zero),
                                 a1);
        if (s != 0)
            return s < 0;
    }
    return 0;
}

/* Ratios compared in doubles (relative error ~2^-51 each) unless within VW_RATIO_GAP. */
#define VW_RATIO_GAP 1e-12

int vw_ratio(vdict *v, int c)
{
    int best = -1;
    double bd = 0;
    for (int r = 0; r < v->k; r++) {
        const uint64_t *a = W(v, r, 1 + c);
        if (wsign(a, v->limbs) <= 0)
            continue;
        double rd = to_double(W(v, r, 0), v->limbs) / to_double(a, v->limbs);
        if (best >= 0) {
            if (rd > bd * (1 + VW_RATIO_GAP) && bd > 0)
                continue;
            if (!(rd < bd * (1 - VW_RATIO_GAP) && rd > 0)) {
                const uint64_t *ab = W(v, best, 1 + c);
                int sg = cross_sign_exact(v, W(v, r, 0), ab, W(v, best, 0), a);
                if (sg > 0 || (sg == 0 && !lex_less(v, r, best, a, ab)))
                    continue;
            }
        }
        best = r;
        bd = rd;
    }
    return best;
}

void vw_promote(vdict *v)
{
    size_t n = (size_t)v->k * v->stride;
    for (size_t i = 0; i < n; i++)
        vw_to_mpz(v->tz[i], v->tw + i * (size_t)v->limbs, v->limbs);
    vw_to_mpz(v->dz, v->dw, v->limbs);
    v->width = VDICT_MPZ;
}

/* The pivot update of every row but r, with L a constant after inlining. */
WINLINE void pivot_rows(vdict *v, int r, size_t cc, int sh, const uint64_t *p,
                        const uint64_t *inv, int L)
{
    size_t s = (size_t)v->stride;
    uint64_t a[VDICT_WIDE_MAX_LIMBS], n1[VDICT_WIDE_MAX_LIMBS], n2[VDICT_WIDE_MAX_LIMBS];
    const uint64_t *tr = W(v, r, 0);
    for (int i = 0; i < v->k; i++) {
        if (i == r)
            continue;
        uint64_t *ti = W(v, i, 0);
        memcpy(a, ti + cc * L, sizeof(uint64_t) * (size_t)L);
        for (size_t j = 0; j < s; j++) {
            if (j == cc)
                continue;
            uint64_t *t = ti + j * L;
            mullo(n1, p, t, L);
            mullo(n2, a, tr + j * L, L);
            sub(n1, n1, n2, L);
            if (sh)
                shr(n1, sh, L);
            mullo(t, n1, inv, L);
            sext(t, sh, L);
        }
        negate(a, L);
        memcpy(ti + cc * L, a, sizeof(uint64_t) * (size_t)L);
    }
}

/* 3 limbs (entries up to ~174 bits), all in registers; sh < 64. */
static void pivot_rows3(vdict *v, int r, size_t cc, int sh, const uint64_t *p, const uint64_t *inv)
{
    size_t s = (size_t)v->stride;
    const uint64_t *tr = W(v, r, 0);
    for (int i = 0; i < v->k; i++) {
        if (i == r)
            continue;
        uint64_t *ti = W(v, i, 0);
        uint64_t a[3] = {ti[cc * 3], ti[cc * 3 + 1], ti[cc * 3 + 2]};
        for (size_t j = 0; j < s; j++) {
            if (j == cc)
                continue;
            uint64_t *t = ti + j * 3;
            uint64_t x[3], y[3], q[3];
            mullo3(x, p, t);
            mullo3(y, a, tr + j * 3);
            xu128 xl = ((xu128)x[1] << 64) | x[0], yl = ((xu128)y[1] << 64) | y[0];
            xu128 dl = xl - yl;
            uint64_t d2 = x[2] - y[2] - (xl < yl);
            uint64_t n[3] = {(uint64_t)dl, (uint64_t)(dl >> 64), d2};
            if (sh) {
                n[0] = (n[0] >> sh) | (n[1] << (64 - sh));
                n[1] = (n[1] >> sh) | (n[2] << (64 - sh));
                n[2] >>= sh;
            }
            mullo3(q, n, inv);
            t[0] = q[0];
            t[1] = q[1];
            t[2] = (uint64_t)((int64_t)(q[2] << sh) >> sh);
        }
        negate(a, 3);
        ti[cc * 3] = a[0];
        ti[cc * 3 + 1] = a[1];
        ti[cc * 3 + 2] = a[2];
    }
}

/* Returns 0, or 1 when the pivot could not be done in fixed width (the caller promotes). */
int vw_pivot(vdict *v, int r, int c)
{
    int L = v->limbs;
    size_t cc = (size_t)c + 1;
    int sh = ctz(v->dw, L);
    if (v->bits + sh > 64 * L - 1)
        return 1;
    uint64_t dodd[VDICT_WIDE_MAX_LIMBS], inv[VDICT_WIDE_MAX_LIMBS], p[VDICT_WIDE_MAX_LIMBS];
    memcpy(dodd, v->dw, sizeof(uint64_t) * (size_t)L);
    shr(dodd, sh, L);
    inverse(inv, dodd, L);
    memcpy(p, W(v, r, cc), sizeof(uint64_t) * (size_t)L);
    if (L == 3 && sh < 64)
        pivot_rows3(v, r, cc, sh, p, inv);
    else if (L == 4)
        pivot_rows(v, r, cc, sh, p, inv, 4);
    else
        pivot_rows(v, r, cc, sh, p, inv, L);
    memcpy(W(v, r, cc), v->dw, sizeof(uint64_t) * (size_t)L);
    memcpy(v->dw, p, sizeof(uint64_t) * (size_t)L);
    return 0;
}

void vw_negate_all(vdict *v)
{
    size_t n = (size_t)v->k * v->stride;
    for (size_t i = 0; i < n; i++)
        negate(v->tw + i * (size_t)v->limbs, v->limbs);
    negate(v->dw, v->limbs);
}
