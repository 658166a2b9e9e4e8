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

int br_names_equal(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na == nb && !memcmp(a, b, na))
        return 1;
    int r = 0;
    if (u8_normcmp((const uint8_t *)a, na, (const uint8_t *)b, nb, UNINORM_NFC, &r) != 0)
        return -1;   /* libunistring could not allocate */
    return r == 0;
}
