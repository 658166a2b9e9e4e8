/* rational.c — exact numbers: parsing Gambit-style number text into mpq_t, exact and
 * approximate conversion from doubles, printing, and mpq_t arrays. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "brink/core.h"

/* Exponents beyond this are refused: 10^10000 is already a 4 KB integer, and a hostile file
 * could otherwise ask GMP (which aborts when an allocation fails) for gigabytes with a few
 * characters. Digit runs are bounded the same way (BRINK_Q_MAX_DIGITS, in core.h). */
#define BRINK_Q_MAX_EXPONENT ((long)BRINK_Q_MAX_DIGITS)

static int is_digit(char c) { return c >= '0' && c <= '9'; }

brink_status brink_q_parse(mpq_t out, const char *s, size_t len, brink_error *err)
{
    size_t i = 0;
    int neg = 0;
    if (i < len && s[i] == '-') { neg = 1; i++; }
    size_t int_start = i;
    while (i < len && is_digit(s[i])) i++;
    size_t int_len = i - int_start;
    size_t frac_start = i, frac_len = 0;
    int has_dot = 0, has_slash = 0;
    long exponent = 0;
    size_t den_start = 0, den_len = 0;

    if (i < len && s[i] == '/') {
        has_slash = 1;
        i++;
        den_start = i;
        while (i < len && is_digit(s[i])) i++;
        den_len = i - den_start;
        if (int_len == 0 || den_len == 0)
            return brink_error_set(err, BRINK_ESYNTAX, "invalid number '%.*s'", (int)len, s);
    } else {
        if (i < len && s[i] == '.') {
            has_dot = 1;
            i++;
            frac_start = i;
            while (i < len && is_digit(s[i])) i++;
            frac_len = i - frac_start;
        }
        if (int_len + frac_len == 0)
            return brink_error_set(err, BRINK_ESYNTAX, "invalid number '%.*s'", (int)len, s);
        if (i < len && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            int eneg = 0;
            if (i < len && s[i] == '-') { eneg = 1; i++; }
            size_t es = i;
            while (i < len && is_digit(s[i])) {
                if (exponent <= BRINK_Q_MAX_EXPONENT) exponent = exponent * 10 + (s[i] - '0');
                i++;
            }
            if (i == es)
                return brink_error_set(err, BRINK_ESYNTAX, "invalid number '%.*s'", (int)len, s);
            if (exponent > BRINK_Q_MAX_EXPONENT)
                return brink_error_set(err, BRINK_ETOOBIG,
                                       "exponent of '%.*s' beyond the limit (-%ld to %ld)",
                                       (int)(len > 40 ? 40 : len), s, BRINK_Q_MAX_EXPONENT,
                                       BRINK_Q_MAX_EXPONENT);
            if (eneg) exponent = -exponent;
        }
    }
    if (i != len)
        return brink_error_set(err, BRINK_ESYNTAX, "invalid number '%.*s'",
                               (int)(len > 40 ? 40 : len), s);
    (void)has_dot;
    if (int_len + frac_len > BRINK_Q_MAX_DIGITS || den_len > BRINK_Q_MAX_DIGITS)
        return brink_error_set(err, BRINK_ETOOBIG,
                               "number '%.*s%s' has more than %d digits", 20, s,
                               len > 20 ? "..." : "", BRINK_Q_MAX_DIGITS);

    /* Collect the digits into one string to hand to GMP. */
    size_t ndig = int_len + frac_len;
    char small[128];
    char *digits = ndig + 1 <= sizeof small ? small : malloc(ndig + 1);
    if (!digits) return brink_error_set(err, BRINK_ENOMEM, "out of memory parsing a number");
    memcpy(digits, s + int_start, int_len);
    memcpy(digits + int_len, s + frac_start, frac_len);
    digits[ndig] = '\0';

    mpz_t num, den;
    mpz_init(num);
    mpz_init_set_ui(den, 1);
    if (ndig == 0) digits[0] = '0', digits[1] = '\0';
    mpz_set_str(num, digits, 10);
    if (digits != small) free(digits);

    if (has_slash) {
        char dsmall[128];
        char *d = den_len + 1 <= sizeof dsmall ? dsmall : malloc(den_len + 1);
        if (!d) {
            mpz_clear(num);
            mpz_clear(den);
            return brink_error_set(err, BRINK_ENOMEM, "out of memory parsing a number");
        }
        memcpy(d, s + den_start, den_len);
        d[den_len] = '\0';
        mpz_set_str(den, d, 10);
        if (d != dsmall) free(d);
        if (mpz_sgn(den) == 0) {
            mpz_clear(num);
            mpz_clear(den);
            return brink_error_set(err, BRINK_EINVALID, "zero denominator in '%.*s'",
                                   (int)(len > 40 ? 40 : len), s);
        }
    } else {
        long e10 = exponent - (long)frac_len;
        if (e10 > 0) {
            mpz_t p;
            mpz_init(p);
            mpz_ui_pow_ui(p, 10, (unsigned long)e10);
            mpz_mul(num, num, p);
            mpz_clear(p);
        } else if (e10 < 0) {
            mpz_ui_pow_ui(den, 10, (unsigned long)(-e10));
        }
    }
    if (neg) mpz_neg(num, num);
    mpq_set_num(out, num);
    mpq_set_den(out, den);
    mpq_canonicalize(out);
    mpz_clear(num);
    mpz_clear(den);
    return BRINK_OK;
}

brink_status brink_q_from_double(mpq_t out, double x, brink_error *err)
{
    if (!isfinite(x))
        return brink_error_set(err, BRINK_EINVALID, "non-finite number (%g)", x);
    mpq_set_d(out, x);
    return BRINK_OK;
}

void brink_q_from_double_approx(mpq_t out, double x, double tol)
{
    if (!isfinite(x)) {
        mpq_set_ui(out, 0, 1);
        return;
    }
    /* Continued-fraction convergents h/k until |x - h/k| <= tol. */
    double v = x;
    long h0 = 0, h1 = 1, k0 = 1, k1 = 0;
    for (int it = 0; it < 64; it++) {
        double a = floor(v);
        if (fabs(a) > 1e15) break;
        long ai = (long)a;
        long h2 = ai * h1 + h0, k2 = ai * k1 + k0;
        h0 = h1; h1 = h2; k0 = k1; k1 = k2;
        if (k1 != 0 && fabs(x - (double)h1 / (double)k1) <= tol) break;
        double f = v - a;
        if (f < 1e-18) break;
        v = 1.0 / f;
        if (k1 > 1000000000L) break;
    }
    if (k1 == 0) {
        mpq_set_d(out, x);
        return;
    }
    if (k1 < 0) { k1 = -k1; h1 = -h1; }
    mpq_set_si(out, h1, (unsigned long)k1);
    mpq_canonicalize(out);
}

char *brink_q_to_string(const mpq_t q)
{
    size_t n = mpz_sizeinbase(mpq_numref(q), 10) + mpz_sizeinbase(mpq_denref(q), 10) + 3;
    char *s = malloc(n);
    if (!s) return NULL;
    mpq_get_str(s, 10, q);
    return s;
}

mpq_t *brink_q_array_new(size_t n)
{
    mpq_t *a = brink_calloc(n ? n : 1, sizeof(mpq_t));
    if (!a) return NULL;
    for (size_t i = 0; i < n; i++) mpq_init(a[i]);
    return a;
}

void brink_q_array_free(mpq_t *a, size_t n)
{
    if (!a) return;
    for (size_t i = 0; i < n; i++) mpq_clear(a[i]);
    free(a);
}

/* Nearest double to a/d for 0 < a, d < 2^62 (so the value lies in [2^-62, 2^62], far inside
 * the normal range): long division in integers to at least 55 quotient bits, then rounding
 * to 53 bits on the discarded bits and the remainder (ties to the even significand). Every
 * step is exact: the quotient and the remainder are integers, and m * 2^e with m <= 2^53 is
 * a double. This is the common case (shares, discounts, probabilities), and it allocates
 * nothing, where the general path below builds four GMP rationals per number. */
/* Number of significant bits of t (0 for 0). */
static int bit_length64(uint64_t t)
{
#if defined(__GNUC__)
    return t ? 64 - __builtin_clzll((unsigned long long)t) : 0;
#else
    int n = 0;
    for (; t; t >>= 1)
        n++;
    return n;
#endif
}

static double small_ratio_get_d(uint64_t a, uint64_t d)
{
    uint64_t q, r;
    int e;
#ifdef __SIZEOF_INT128__
    /* one division: a * 2^k / d has 55 or 56 bits, a * 2^k at most 117 */
    __extension__ typedef unsigned __int128 u128;
    int la = bit_length64(a), ld = bit_length64(d);
    int k = 55 - la + ld;
    if (k < 0)
        k = 0;
    u128 n = (u128)a << k;
    q = (uint64_t)(n / d);
    r = (uint64_t)(n % d);
    e = -k;
#else
    q = a / d;
    r = a % d;
    e = 0;
#endif
    while (q < ((uint64_t)1 << 54)) {   /* r < d < 2^62: 2r does not overflow */
        r <<= 1;
        q <<= 1;
        if (r >= d) {
            r -= d;
            q |= 1;
        }
        e--;
    }
    int bits = bit_length64(q);
    int shift = bits - 53;   /* >= 2 */
    uint64_t m = q >> shift, low = q & (((uint64_t)1 << shift) - 1);
    uint64_t half = (uint64_t)1 << (shift - 1);
    if (low > half || (low == half && (r != 0 || (m & 1))))
        m++;   /* m may become 2^53: still exact */
    return ldexp((double)m, e + shift);
}

/* GMP's mpq_get_d truncates towards zero, so 4/5 came out as 0.7999999999999999: take the
 * truncated double and its neighbour away from zero, and keep the nearer exactly (ties to the
 * even one, as IEEE rounding does). Integers of up to 53 bits are exact at once. */
double brink_q_get_d(const mpq_t x)
{
    /* Numerator and denominator below 2^53 (one limb each; a zero numerator has none): both
     * are exact doubles, and IEEE division rounds their quotient to the nearest double, ties
     * to the even one, as the paths below do. No call into GMP. */
    const __mpz_struct *nu = mpq_numref(x), *de = mpq_denref(x);
    if (nu->_mp_size >= -1 && nu->_mp_size <= 1 && de->_mp_size == 1) {
        uint64_t a = nu->_mp_size ? (uint64_t)nu->_mp_d[0] : 0, b = (uint64_t)de->_mp_d[0];
        if (a < ((uint64_t)1 << 53) && b < ((uint64_t)1 << 53)) {
            double v = (double)a / (double)b;
            return nu->_mp_size < 0 ? -v : v;
        }
        if (a != 0 && a < ((uint64_t)1 << 62) && b < ((uint64_t)1 << 62)) {
            double v = small_ratio_get_d(a, b);   /* as below, without the calls into GMP */
            return nu->_mp_size < 0 ? -v : v;
        }
    }
    if (mpz_cmp_ui(mpq_denref(x), 1) == 0 && mpz_sizeinbase(mpq_numref(x), 2) <= 53)
        return mpz_get_d(mpq_numref(x));
#if ULONG_MAX >= 0xffffffffffffffffUL
    if (mpz_sizeinbase(mpq_numref(x), 2) <= 62 && mpz_sizeinbase(mpq_denref(x), 2) <= 62 &&
        mpq_sgn(x) != 0) {
        double v = small_ratio_get_d((uint64_t)mpz_get_ui(mpq_numref(x)),   /* |numerator| */
                                     (uint64_t)mpz_get_ui(mpq_denref(x)));
        return mpq_sgn(x) < 0 ? -v : v;
    }
#endif
    double d = mpq_get_d(x);
    if (!isfinite(d))
        return d;
    double e = nextafter(d, mpq_sgn(x) >= 0 ? INFINITY : -INFINITY);
    if (!isfinite(e))
        return d;
    mpq_t dd, ed;
    mpq_inits(dd, ed, NULL);
    mpq_set_d(dd, d);
    if (mpq_equal(dd, x)) {
        mpq_clears(dd, ed, NULL);
        return d;
    }
    mpq_set_d(ed, e);
    mpq_sub(dd, x, dd);
    mpq_sub(ed, ed, x);
    mpq_abs(dd, dd);
    mpq_abs(ed, ed);
    int c = mpq_cmp(ed, dd);
    mpq_clears(dd, ed, NULL);
    if (c == 0) {   /* halfway: the one whose last significand bit is 0 */
        int ex;
        double m = ldexp(frexp(d, &ex), 53);
        return fmod(m, 2) == 0 ? d : e;
    }
    return c < 0 ? e : d;
}

