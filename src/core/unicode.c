/* unicode.c — UTF-8 validity and canonical equivalence of names (unicode.h), through
 * libunistring's u8_check and u8_normcmp. */
#include "core/unicode.h"

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
