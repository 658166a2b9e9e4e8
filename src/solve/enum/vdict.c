/* vdict.c — exact fraction-free dictionaries with lexicographic ratio tests (see vdict.h).
 *
 * Three number widths share one layout; each operation is written once per width (int64 with
 * 128-bit products, int128 with 256-bit products, GMP), chosen at construction from the
 * Hadamard bound so that the fixed widths are exact without overflow checks.
 */
#include "solve/enum/vdict.h"
#include "solve/enum/vdict_wide.h"

#include <math.h>
#include <stdlib.h>

/* Bits the fixed widths may use for an entry (leave room for the products, see xint.h). */
enum { VDICT_I64_BITS = 62, VDICT_I128_BITS = 126 };

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

double vdict_log2_bound(int k, int d, const mpz_t *m)
{
    /* Columns of [M | I | 1]: log2 of each Euclidean norm; the bound is the sum of the k
     * largest. Identity columns contribute 0; the right-hand side log2(sqrt(k)). */
    double *lg = malloc(sizeof(double) * (size_t)(d + 1));
    if (!lg)
        return INFINITY;
    mpz_t s, sq;
    mpz_inits(s, sq, NULL);
    for (int c = 0; c < d; c++) {
        mpz_set_ui(s, 0);
        for (int r = 0; r < k; r++) {
            mpz_mul(sq, m[(size_t)r * d + c], m[(size_t)r * d + c]);
            mpz_add(s, s, sq);
        }
        if (mpz_sgn(s) == 0) {
            lg[c] = 0;
        } else {
            long e;
            double mant = mpz_get_d_2exp(&e, s); /* s = mant * 2^e, mant in [0.5, 1) */
            lg[c] = 0.5 * (log2(mant) + (double)e);
        }
    }
    lg[d] = 0.5 * log2((double)k);
    mpz_clears(s, sq, NULL);
    qsort(lg, (size_t)d + 1, sizeof(double), cmp_desc);
    double sum = 0;
    for (int i = 0; i < k && i <= d; i++)
        if (lg[i] > 0)
            sum += lg[i];
    free(lg);
    /* Rounding in log2 and the sum is far below this margin. */
    return sum * (1 + 1e-12) + 1e-6;
}

void vdict_free(vdict *v)
{
    if (!v)
        return;
    if (v->tz) {
        for (size_t i = 0; i < (size_t)v->k * v->stride; i++)
            mpz_clear(v->tz[i]);
        free(v->tz);
        mpz_clears(v->dz, v->tmp1, v->tmp2, NULL);
    }
    free(v->t64);
    free(v->t128);
    free(v->tw);
    free(v->dw);
    free(v->row_var);
    free(v->col_var);
    free(v->var_pos);
    free(v);
}

/* |x| < 2^127 assumed (the caller checked the bound). */
static xi128 get_z128(const mpz_t x)
{
    uint64_t w[2] = {0, 0};
    size_t count = 0;
    if (mpz_sizeinbase(x, 2) <= 127)
        mpz_export(w, &count, -1, sizeof(uint64_t), 0, 0, x);
    xu128 u = ((xu128)w[1] << 64) | w[0];
    return mpz_sgn(x) < 0 ? -(xi128)u : (xi128)u;
}

vdict *vdict_new(int k, int d, const mpz_t *m, int force_width, brink_error *err)
{
    if (k < 1 || d < 1) {
        brink_error_set(err, BRINK_EINVALID, "vdict: empty matrix (%d x %d)", k, d);
        return NULL;
    }
    for (size_t i = 0; i < (size_t)k * d; i++)
        if (mpz_sgn(m[i]) < 0) {
            brink_error_set(err, BRINK_EINVALID, "vdict: negative constraint coefficient");
            return NULL;
        }
    double bits = vdict_log2_bound(k, d, m);
    if (!isfinite(bits)) {
        brink_error_set(err, BRINK_ENOMEM, "vdict: out of memory");
        return NULL;
    }
    int limbs = bits < 64.0 * VDICT_WIDE_MAX_LIMBS ? (int)ceil((bits + 1 + VDICT_WIDE_SLACK) / 64)
                                                   : VDICT_WIDE_MAX_LIMBS + 1;
    if (limbs < 3)
        limbs = 3;
    vdict_width w = bits <= VDICT_I64_BITS    ? VDICT_I64
                    : bits <= VDICT_I128_BITS ? VDICT_I128
                    : limbs <= VDICT_WIDE_MAX_LIMBS ? VDICT_WIDE
                                                    : VDICT_MPZ;
    if (force_width) {
        vdict_width f = force_width < 0       ? VDICT_MPZ
                        : force_width == 129 ? VDICT_I128
                        : force_width == 2   ? VDICT_WIDE
                                             : (vdict_width)force_width;
        int narrower = (f == VDICT_I64 && w != VDICT_I64) ||
                       (f == VDICT_I128 && (w == VDICT_MPZ || w == VDICT_WIDE)) ||
                       (f == VDICT_WIDE && w == VDICT_MPZ);
        if (narrower) {
            brink_error_set(err, BRINK_EINVALID,
                            "vdict: width %d requested but entries may need %.0f bits",
                            force_width, bits);
            return NULL;
        }
        w = f;
    }
    vdict *v = calloc(1, sizeof *v);
    if (!v)
        goto oom;
    v->k = k;
    v->d = d;
    v->nvar = k + d;
    v->width = w;
    v->limbs = limbs;
    v->bits = bits < 1e6 ? (int)ceil(bits) : 1000000;
    v->no_low = force_width == 129;
    if (force_width == 2)
        v->bits = 64 * limbs; /* tests: the first wide pivot must promote to GMP */
    v->stride = d + 1;
    v->row_var = malloc(sizeof(int) * (size_t)k);
    v->col_var = malloc(sizeof(int) * (size_t)d);
    v->var_pos = malloc(sizeof(int) * (size_t)v->nvar);
    if (!v->row_var || !v->col_var || !v->var_pos)
        goto oom;
    for (int c = 0; c < d; c++) {
        v->col_var[c] = c;
        v->var_pos[c] = -1 - c;
    }
    for (int r = 0; r < k; r++) {
        v->row_var[r] = d + r;
        v->var_pos[d + r] = r;
    }
    size_t n = (size_t)k * v->stride;
    if (w == VDICT_I64) {
        v->t64 = malloc(sizeof(int64_t) * n);
        if (!v->t64)
            goto oom;
        v->d64 = 1;
        for (int r = 0; r < k; r++) {
            v->t64[(size_t)r * v->stride] = 1;
            for (int c = 0; c < d; c++)
                v->t64[(size_t)r * v->stride + 1 + c] = mpz_get_si(m[(size_t)r * d + c]);
        }
    } else if (w == VDICT_I128) {
        v->t128 = malloc(sizeof(xi128) * n);
        if (!v->t128)
            goto oom;
        v->d128 = 1;
        for (int r = 0; r < k; r++) {
            v->t128[(size_t)r * v->stride] = 1;
            for (int c = 0; c < d; c++)
                v->t128[(size_t)r * v->stride + 1 + c] = get_z128(m[(size_t)r * d + c]);
        }
    } else {
        /* GMP, or wide with GMP arrays ready for a promotion (which then cannot fail) */
        v->tz = malloc(sizeof(mpz_t) * n);
        if (!v->tz)
            goto oom;
        for (size_t i = 0; i < n; i++)
            mpz_init(v->tz[i]);
        mpz_inits(v->dz, v->tmp1, v->tmp2, NULL);
        mpz_set_ui(v->dz, 1);
        for (int r = 0; r < k; r++) {
            mpz_set_ui(v->tz[(size_t)r * v->stride], 1);
            for (int c = 0; c < d; c++)
                mpz_set(v->tz[(size_t)r * v->stride + 1 + c], m[(size_t)r * d + c]);
        }
        if (w == VDICT_WIDE) {
            v->tw = malloc(sizeof(uint64_t) * n * (size_t)limbs);
            v->dw = calloc((size_t)limbs, sizeof(uint64_t));
            if (!v->tw || !v->dw)
                goto oom;
            for (size_t i = 0; i < n; i++)
                vw_from_mpz(v->tw + i * (size_t)limbs, v->tz[i], limbs);
            v->dw[0] = 1;
        }
    }
    return v;
oom:
    vdict_free(v);
    brink_error_set(err, BRINK_ENOMEM, "vdict: out of memory for a %d x %d dictionary", k, d);
    return NULL;
}

/* ---- lexicographic ratio test ----
 * Row r's perturbed right-hand side is T[r][0] + sum_q eps^(q+1) * S_q[r], where S_q is the
 * dictionary column of slack s_q (D e_row when s_q is basic). Rows of [rhs | S] are linearly
 * independent, so the lexicographic minimum of the ratios is unique. */

static int64_t slack_entry64(const vdict *v, int r, int q)
{
    int pos = v->var_pos[v->d + q];
    if (pos >= 0)
        return pos == r ? v->d64 : 0;
    return v->t64[(size_t)r * v->stride + 1 + (-1 - pos)];
}

static int lex_less64(const vdict *v, int r1, int r2, int64_t a1, int64_t a2)
{
    for (int q = 0; q < v->k; q++) {
        xi128 x = (xi128)slack_entry64(v, r1, q) * a2 - (xi128)slack_entry64(v, r2, q) * a1;
        if (x != 0)
            return x < 0;
    }
    return 0;
}

static int ratio64(const vdict *v, int c)
{
    const int64_t *t = v->t64;
    size_t s = (size_t)v->stride;
    int best = -1;
    int64_t ab = 0;
    for (int r = 0; r < v->k; r++) {
        int64_t a = t[r * s + 1 + c];
        if (a <= 0)
            continue;
        if (best >= 0) {
            xi128 x = (xi128)t[r * s] * ab - (xi128)t[best * s] * a;
            if (x > 0 || (x == 0 && !lex_less64(v, r, best, a, ab)))
                continue;
        }
        best = r;
        ab = a;
    }
    return best;
}

static xi128 slack_entry128(const vdict *v, int r, int q)
{
    int pos = v->var_pos[v->d + q];
    if (pos >= 0)
        return pos == r ? v->d128 : 0;
    return v->t128[(size_t)r * v->stride + 1 + (-1 - pos)];
}

static int lex_less128(const vdict *v, int r1, int r2, xi128 a1, xi128 a2)
{
    for (int q = 0; q < v->k; q++) {
        int sg = xi_cross_sign128(slack_entry128(v, r1, q), a2, slack_entry128(v, r2, q), a1);
        if (sg != 0)
            return sg < 0;
    }
    return 0;
}

/* Ratios are first compared in doubles: each is within a relative 4 * 2^-53 of the truth,
 * so a relative gap above VDICT_RATIO_GAP decides; closer ratios (and zeros) are compared
 * exactly. */
#define VDICT_RATIO_GAP 1e-12

static int ratio128(const vdict *v, int c)
{
    const xi128 *t = v->t128;
    size_t s = (size_t)v->stride;
    int best = -1;
    xi128 ab = 0;
    double bd = 0;
    for (int r = 0; r < v->k; r++) {
        xi128 a = t[r * s + 1 + c];
        if (a <= 0)
            continue;
        double rd = (double)t[r * s] / (double)a;
        if (best >= 0) {
            if (rd > bd * (1 + VDICT_RATIO_GAP) && bd > 0)
                continue;
            if (!(rd < bd * (1 - VDICT_RATIO_GAP) && rd > 0)) {
                int sg = xi_cross_sign128(t[r * s], ab, t[best * s], a);
                if (sg > 0 || (sg == 0 && !lex_less128(v, r, best, a, ab)))
                    continue;
            }
        }
        best = r;
        ab = a;
        bd = rd;
    }
    return best;
}

/* Sign of x1 * a2 - x2 * a1 (uses the dictionary's scratch integers). */
static int cross_sign_z(vdict *v, const mpz_t x1, const mpz_t a2, const mpz_t x2,
                        const mpz_t a1)
{
    mpz_mul(v->tmp1, x1, a2);
    mpz_mul(v->tmp2, x2, a1);
    return mpz_cmp(v->tmp1, v->tmp2);
}

static int lex_lessz(vdict *v, int r1, int r2, const mpz_t a1, const mpz_t a2)
{
    mpz_t zero;
    mpz_init(zero);
    int res = 0;
    for (int q = 0; q < v->k; q++) {
        int pos = v->var_pos[v->d + q];
        mpz_srcptr e1, e2;
        if (pos >= 0) {
            e1 = pos == r1 ? v->dz : zero;
            e2 = pos == r2 ? v->dz : zero;
        } else {
            int col = -1 - pos;
            e1 = v->tz[(size_t)r1 * v->stride + 1 + col];
            e2 = v->tz[(size_t)r2 * v->stride + 1 + col];
        }
        int sg = cross_sign_z(v, e1, a2, e2, a1);
        if (sg != 0) {
            res = sg < 0;
            break;
        }
    }
    mpz_clear(zero);
    return res;
}

static int ratioz(vdict *v, int c)
{
    size_t s = (size_t)v->stride;
    int best = -1;
    for (int r = 0; r < v->k; r++) {
        mpz_srcptr a = v->tz[r * s + 1 + c];
        if (mpz_sgn(a) <= 0)
            continue;
        if (best >= 0) {
            mpz_srcptr ab = v->tz[best * s + 1 + c];
            int sg = cross_sign_z(v, v->tz[r * s], ab, v->tz[best * s], a);
            if (sg > 0 || (sg == 0 && !lex_lessz(v, r, best, a, ab)))
                continue;
        }
        best = r;
    }
    return best;
}

int vdict_ratio(vdict *v, int c)
{
    switch (v->width) {
    case VDICT_I64:
        return ratio64(v, c);
    case VDICT_I128:
        return ratio128(v, c);
    case VDICT_WIDE:
        return vw_ratio(v, c);
    default:
        return ratioz(v, c);
    }
}

/* ---- pivoting ----
 * For rows i != r and columns j != c:  T'[i][j] = (p T[i][j] - T[i][c] T[r][j]) / D;
 * T'[i][c] = -T[i][c]; row r is unchanged except T'[r][c] = D; and D' = p. */

static void pivot64(vdict *v, int r, int c)
{
    int64_t *t = v->t64;
    size_t s = (size_t)v->stride, cc = (size_t)c + 1;
    int64_t p = t[r * s + cc], dd = v->d64;
    int sh = __builtin_ctzll((uint64_t)dd);
    uint64_t inv = xi_inv64((uint64_t)dd >> sh);
    const int64_t *tr = t + r * s;
    for (int i = 0; i < v->k; i++) {
        if (i == r)
            continue;
        int64_t *ti = t + (size_t)i * s;
        int64_t a = ti[cc];
        for (size_t j = 0; j < s; j++)
            ti[j] = xi_divexact64((xi128)p * ti[j] - (xi128)a * tr[j], sh, inv);
        ti[cc] = -a;
    }
    t[r * s + cc] = dd;
    v->d64 = p;
}

static void pivot128(vdict *v, int r, int c)
{
    xi128 *t = v->t128;
    size_t s = (size_t)v->stride, cc = (size_t)c + 1;
    xi128 p = t[r * s + cc], dd = v->d128;
    int sh = xi_ctz128((xu128)dd);
    xu128 inv = xi_inv128((xu128)dd >> sh);
    const xi128 *tr = t + r * s;
    /* When every entry is below 2^(127 - sh), the quotient is determined by its low 128 - sh
     * bits, and those follow from the numerator modulo 2^128: low-half products suffice. */
    int low = v->bits + sh <= 127 && !v->no_low;
    for (int i = 0; i < v->k; i++) {
        if (i == r)
            continue;
        xi128 *ti = t + (size_t)i * s;
        xi128 a = ti[cc];
        if (low) {
            xu128 up = (xu128)p, ua = (xu128)a;
            for (size_t j = 0; j < s; j++) {
                xu128 n = up * (xu128)ti[j] - ua * (xu128)tr[j];
                xu128 q = (n >> sh) * inv;
                ti[j] = (xi128)(q << sh) >> sh;
            }
        } else {
            for (size_t j = 0; j < s; j++)
                ti[j] = xi_divexact128(xi_sub256(xi_mul256(p, ti[j]), xi_mul256(a, tr[j])), sh,
                                       inv);
        }
        ti[cc] = -a;
    }
    t[r * s + cc] = dd;
    v->d128 = p;
}

static void pivotz(vdict *v, int r, int c)
{
    mpz_t *t = v->tz;
    size_t s = (size_t)v->stride, cc = (size_t)c + 1;
    mpz_srcptr p = t[r * s + cc];
    const mpz_t *tr = t + r * s;
    for (int i = 0; i < v->k; i++) {
        if (i == r)
            continue;
        mpz_t *ti = t + (size_t)i * s;
        mpz_swap(v->tmp2, ti[cc]); /* a = T[i][c], kept aside */
        mpz_set_ui(ti[cc], 0);
        for (size_t j = 0; j < s; j++) {
            if (j == cc)
                continue;
            mpz_mul(v->tmp1, p, ti[j]);
            mpz_submul(v->tmp1, v->tmp2, tr[j]);
            mpz_divexact(ti[j], v->tmp1, v->dz);
        }
        mpz_neg(ti[cc], v->tmp2);
    }
    mpz_swap(t[r * s + cc], v->dz); /* T'[r][c] = D, D' = p */
}

void vdict_pivot(vdict *v, int r, int c)
{
    switch (v->width) {
    case VDICT_I64:
        pivot64(v, r, c);
        break;
    case VDICT_I128:
        pivot128(v, r, c);
        break;
    case VDICT_WIDE:
        if (vw_pivot(v, r, c) == 0)
            break;
        vw_promote(v); /* D has too many factors 2 for the fixed width: GMP from now on */
        pivotz(v, r, c);
        break;
    default:
        pivotz(v, r, c);
        break;
    }
    int e = v->col_var[c], l = v->row_var[r];
    v->row_var[r] = e;
    v->col_var[c] = l;
    v->var_pos[e] = r;
    v->var_pos[l] = -1 - c;
}

void vdict_pivot_any(vdict *v, int r, int c)
{
    vdict_pivot(v, r, c);
    size_t n = (size_t)v->k * v->stride;
    switch (v->width) {
    case VDICT_I64:
        if (v->d64 < 0) {
            v->d64 = -v->d64;
            for (size_t i = 0; i < n; i++)
                v->t64[i] = -v->t64[i];
        }
        break;
    case VDICT_I128:
        if (v->d128 < 0) {
            v->d128 = -v->d128;
            for (size_t i = 0; i < n; i++)
                v->t128[i] = -v->t128[i];
        }
        break;
    case VDICT_WIDE:
        if (vw_sign(v->dw, v->limbs) < 0)
            vw_negate_all(v);
        break;
    default:
        if (mpz_sgn(v->dz) < 0) {
            mpz_neg(v->dz, v->dz);
            for (size_t i = 0; i < n; i++)
                mpz_neg(v->tz[i], v->tz[i]);
        }
        break;
    }
}

int vdict_entry_sign(const vdict *v, int r, int c)
{
    size_t i = (size_t)r * v->stride + 1 + c;
    switch (v->width) {
    case VDICT_I64:
        return (v->t64[i] > 0) - (v->t64[i] < 0);
    case VDICT_I128:
        return (v->t128[i] > 0) - (v->t128[i] < 0);
    case VDICT_WIDE:
        return vw_sign(v->tw + i * (size_t)v->limbs, v->limbs);
    default:
        return mpz_sgn(v->tz[i]);
    }
}

int vdict_rhs_sign(const vdict *v, int r)
{
    size_t i = (size_t)r * v->stride;
    switch (v->width) {
    case VDICT_I64:
        return (v->t64[i] > 0) - (v->t64[i] < 0);
    case VDICT_I128:
        return (v->t128[i] > 0) - (v->t128[i] < 0);
    case VDICT_WIDE:
        return vw_sign(v->tw + i * (size_t)v->limbs, v->limbs);
    default:
        return mpz_sgn(v->tz[i]);
    }
}

static void set_z128(mpz_t out, xi128 x)
{
    xu128 u = x < 0 ? -(xu128)x : (xu128)x;
    uint64_t w[2] = {(uint64_t)u, (uint64_t)(u >> 64)};
    mpz_import(out, 2, -1, sizeof(uint64_t), 0, 0, w);
    if (x < 0)
        mpz_neg(out, out);
}

void vdict_rhs_value(const vdict *v, int r, mpz_t num, mpz_t den)
{
    size_t i = (size_t)r * v->stride;
    switch (v->width) {
    case VDICT_I64:
        set_z128(num, v->t64[i]);
        set_z128(den, v->d64);
        break;
    case VDICT_I128:
        set_z128(num, v->t128[i]);
        set_z128(den, v->d128);
        break;
    case VDICT_WIDE:
        vw_to_mpz(num, v->tw + i * (size_t)v->limbs, v->limbs);
        vw_to_mpz(den, v->dw, v->limbs);
        break;
    default:
        mpz_set(num, v->tz[i]);
        mpz_set(den, v->dz);
        break;
    }
}
