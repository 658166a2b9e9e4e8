/* io/util.c — growable arrays and Gambit string quoting for src/io (see util.h). */
#include "io/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int io_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return -1;
        c *= 2;
    }
    void *q = brink_reallocarray(*p, c, elem);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

int io_grow_q(mpq_t **p, size_t *cap, size_t need)
{
    size_t old = *cap;
    if (need <= old)
        return 0;
    /* mpq_t is a struct of two pointers to limbs: moving it with realloc is safe as long as
     * nobody keeps a pointer to the old location. */
    if (io_grow((void **)p, cap, need, sizeof(mpq_t)) != 0)
        return -1;
    for (size_t i = old; i < *cap; i++)
        mpq_init((*p)[i]);
    return 0;
}

void io_free_q(mpq_t *p, size_t cap)
{
    if (!p)
        return;
    for (size_t i = 0; i < cap; i++)
        mpq_clear(p[i]);
    free(p);
}

/* Gambit's reader turns \" into a quote and keeps any other backslash pair as two
 * characters. So a label can be written back exactly iff, pairing each backslash with the
 * character after it (left to right, as the reader does), no backslash is paired with a
 * quote or with the end of the string — and it is valid UTF-8, which both readers require. */
int io_gambit_string_ok(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; s[i]; i++) {
        if ((unsigned char)s[i] >= 0x80) {
            size_t k = io_utf8_seq((const unsigned char *)s + i, len - i);
            if (k == 0)
                return 0; /* Gambit (and brink) reject invalid UTF-8 */
            i += k - 1;
            continue;
        }
        if (s[i] != '\\')
            continue;
        if (s[i + 1] == '\0' || s[i + 1] == '"')
            return 0;
        size_t k = io_utf8_seq((const unsigned char *)s + i + 1, len - i - 1);
        if (k == 0)
            return 0;
        i += k; /* skip the partner, a whole character */
    }
    return 1;
}

void io_put_gambit_string(brink_buf *out, const char *s)
{
    brink_buf_append(out, "\"", 1);
    size_t run = 0; /* start of the pending run of plain bytes */
    size_t i = 0;
    for (; s[i]; i++) {
        if (s[i] == '\\' && s[i + 1] != '\0') {
            i++; /* the pair is copied verbatim with the run */
        } else if (s[i] == '"') {
            brink_buf_append(out, s + run, i - run);
            brink_buf_append(out, "\\\"", 2);
            run = i + 1;
        }
    }
    brink_buf_append(out, s + run, i - run);
    brink_buf_append(out, "\"", 1);
}

/* Length of the valid UTF-8 sequence starting at s[0] (n bytes available), 0 if invalid.
 * Rejects overlong forms, surrogates and code points above U+10FFFF. */
size_t io_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[1] >= 0xA0)
            return 0; /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0; /* overlong */
        if (c == 0xF4 && s[1] >= 0x90)
            return 0; /* above U+10FFFF */
        return 4;
    }
    return 0;
}

void io_put_long(brink_buf *out, long v)
{
    char digits[24];
    size_t i = sizeof digits;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        digits[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        digits[--i] = '-';
    brink_buf_append(out, digits + i, sizeof digits - i);
}

void io_put_q(brink_buf *out, const mpq_t q)
{
    /* Most payoffs and probabilities are small: skip GMP's string conversion for them. */
    if (mpz_fits_slong_p(mpq_numref(q)) && mpz_fits_slong_p(mpq_denref(q))) {
        io_put_long(out, mpz_get_si(mpq_numref(q)));
        long den = mpz_get_si(mpq_denref(q));
        if (den != 1) {
            brink_buf_append(out, "/", 1);
            io_put_long(out, den);
        }
        return;
    }
    brink_buf_put_q(out, q);
}
