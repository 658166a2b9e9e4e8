/* unicode.c — UTF-8 validity and canonical equivalence of names (unicode.h), through
 * libunistring's u8_check and u8_normcmp. */
#include "core/unicode.h"

#include <stdio.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>

long br_utf8_invalid_at(const char *s, size_t n)
{
    const uint8_t *bad = u8_check((const uint8_t *)s, n);
    return bad ? (long)(bad - (const uint8_t *)s) : -1;
}

static int ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

int br_names_equal(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na == nb && !memcmp(a, b, na))
        return 1;
    /* ASCII is its own NFC: two different ASCII names differ without normalising (names are
     * compared pairwise, so this keeps the common case free of allocation) */
    if (ascii(a, na) && ascii(b, nb))
        return 0;
    int r = 0;
    if (u8_normcmp((const uint8_t *)a, na, (const uint8_t *)b, nb, UNINORM_NFC, &r) != 0)
        return -1;   /* libunistring could not allocate */
    return r == 0;
}

size_t br_char_text(const char *s, size_t n, char out[BR_CHAR_TEXT_MAX])
{
    const uint8_t *u = (const uint8_t *)s;
    ucs4_t c;
    int len = n ? u8_mbtoucr(&c, u, n) : -1;
    if (len > 1 || (len == 1 && c >= 0x20 && c != 0x7F)) {
        /* C1 controls (U+0080..U+009F) are not drawn: written as their code */
        if (c >= 0x80 && c < 0xA0) {
            snprintf(out, BR_CHAR_TEXT_MAX, "U+%04X", (unsigned)c);
            return (size_t)len;
        }
        memcpy(out, s, (size_t)len);
        out[len] = '\0';
        return (size_t)len;
    }
    snprintf(out, BR_CHAR_TEXT_MAX, "\\x%02X", n ? u[0] : 0);
    return 1;
}

size_t br_utf8_prefix(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    /* back over the continuation bytes at the end to the lead byte of the last sequence */
    size_t k = 0;
    while (k < n && k < 3 && (u[n - 1 - k] & 0xC0) == 0x80)
        k++;
    if (k == n)
        return n;   /* no lead byte: not UTF-8 to protect */
    unsigned char b = u[n - 1 - k];
    size_t need = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3
                : (b & 0xF8) == 0xF0 ? 4 : 1;
    return k + 1 < need ? n - 1 - k : n;
}
