/* xint.h — exact fixed-width integer kernels for fraction-free pivoting (private).
 *
 * The integer dictionaries of vdict.c hold minors of the input matrix. When an a-priori
 * (Hadamard) bound says every minor fits in 63 or 127 bits, the pivot
 *     t' = (p * t - a * b) / D          (division exact, by Sylvester's identity)
 * can be done in machine integers: the two products are formed exactly in twice the width
 * (128 or 256 bits, two's complement, wrapping), and the exact division by D is a shift by the
 * power of two in D followed by a multiplication by the inverse of D's odd part modulo 2^64 or
 * 2^128. That is correct because the quotient is known to fit in the narrow width, so it is
 * determined by its residue. Nothing here can detect overflow: callers guarantee the bound.
 */
#ifndef BRINK_SOLVE_XINT_H
#define BRINK_SOLVE_XINT_H

#include <stdint.h>

__extension__ typedef __int128 xi128;
__extension__ typedef unsigned __int128 xu128;

/* A 256-bit two's complement integer. */
typedef struct xi256 {
    xu128 lo, hi;
} xi256;

/* ---- 64-bit width: values int64, products exact in 128 bits ---- */

/* Inverse of an odd number modulo 2^64 (Newton: each step doubles the correct bits). */
static inline uint64_t xi_inv64(uint64_t d)
{
    uint64_t x = d; /* correct to 3 bits for odd d */
    for (int i = 0; i < 5; i++)
        x *= 2 - d * x;
    return x;
}

/* Exact quotient n / (dodd << shift) known to fit in int64; inv = xi_inv64(dodd). */
static inline int64_t xi_divexact64(xi128 n, int shift, uint64_t inv)
{
    return (int64_t)((uint64_t)(xu128)(n >> shift) * inv);
}

/* ---- 128-bit width: values int128, products exact in 256 bits ---- */

static inline xu128 xi_inv128(xu128 d)
{
    xu128 x = d;
    for (int i = 0; i < 6; i++)
        x *= 2 - d * x;
    return x;
}

/* Full unsigned 128 x 128 -> 256 product. */
static inline xi256 xi_mulu256(xu128 a, xu128 b)
{
    uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64);
    uint64_t b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
    xu128 p00 = (xu128)a0 * b0, p01 = (xu128)a0 * b1;
    xu128 p10 = (xu128)a1 * b0, p11 = (xu128)a1 * b1;
    xu128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10; /* < 3 * 2^64 */
    xi256 r;
    r.lo = (uint64_t)p00 | (mid << 64);
    r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    return r;
}

/* Signed product modulo 2^256 (exact when |a b| < 2^255). */
static inline xi256 xi_mul256(xi128 a, xi128 b)
{
    xu128 ua = (xu128)a, ub = (xu128)b;
    xi256 r = xi_mulu256(ua, ub);
    if (a < 0)
        r.hi -= ub;
    if (b < 0)
        r.hi -= ua;
    return r;
}

static inline xi256 xi_sub256(xi256 x, xi256 y)
{
    xi256 r;
    r.lo = x.lo - y.lo;
    r.hi = x.hi - y.hi - (x.lo < y.lo);
    return r;
}

/* -1, 0, 1 as x <, =, > y (signed). */
static inline int xi_cmp256(xi256 x, xi256 y)
{
    xi128 xh = (xi128)x.hi, yh = (xi128)y.hi;
    if (xh != yh)
        return xh < yh ? -1 : 1;
    if (x.lo != y.lo)
        return x.lo < y.lo ? -1 : 1;
    return 0;
}

/* Sign of a*b - c*d, all int128 with |products| < 2^254. */
static inline int xi_cross_sign128(xi128 a, xi128 b, xi128 c, xi128 d)
{
    return xi_cmp256(xi_mul256(a, b), xi_mul256(c, d));
}

/* Exact quotient n / (dodd << shift) known to fit in int128; inv = xi_inv128(dodd). */
static inline xi128 xi_divexact128(xi256 n, int shift, xu128 inv)
{
    xu128 low = shift == 0 ? n.lo : (n.lo >> shift) | (n.hi << (128 - shift));
    return (xi128)(low * inv);
}

static inline int xi_ctz128(xu128 x)
{
    uint64_t lo = (uint64_t)x;
    if (lo)
        return __builtin_ctzll(lo);
    return 64 + __builtin_ctzll((uint64_t)(x >> 64));
}

#endif
