/* textcheck.c — UTF-8 and printable-character check of a scenario's bytes (see textcheck.h).
 */
#include "scenario/textcheck.h"

#include <stdint.h>

/* Length of the valid UTF-8 sequence at s (1-4) and its code point, or 0 when invalid. */
static int decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1Fu;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0Fu;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07u;
        min = 0x10000;
    } else {
        return 0;   /* a continuation byte, an overlong lead (C0, C1) or beyond F4 */
    }
    if (avail < (size_t)n)
        return 0;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

static int printable(uint32_t c)
{
    return c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0x7E) || c == 0x85 ||
           (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
}

brink_status sc_check_text(const char *text, size_t len, const char *file, brink_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    long line = 1, col = 1;
    size_t i = 0;
    while (i < len) {
        uint32_t cp = 0;
        int n = decode(s + i, len - i, &cp);
        if (n == 0 || !printable(cp)) {
            int l = line > 2147483647L ? 2147483647 : (int)line;
            int c = col > 2147483647L ? 2147483647 : (int)col;
            if (n == 0)
                return brink_error_set_at(err, BRINK_ESYNTAX, file, l, c,
                                          "byte 0x%02X is not valid UTF-8 (scenario files are "
                                          "UTF-8 text)", (unsigned)s[i]);
            if (cp == 0)
                return brink_error_set_at(err, BRINK_ESYNTAX, file, l, c,
                                          "NUL byte in the text (scenario files are UTF-8 "
                                          "text)");
            return brink_error_set_at(err, BRINK_ESYNTAX, file, l, c,
                                      "control character U+%04X is not allowed in a scenario "
                                      "(only tab and line breaks are)", (unsigned)cp);
        }
        if (cp == '\n' || (cp == '\r' && !(i + 1 < len && s[i + 1] == '\n'))) {
            line++;
            col = 1;
        } else if (cp != '\r') {
            col++;
        }
        i += (size_t)n;
    }
    return BRINK_OK;
}
