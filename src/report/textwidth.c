/* textwidth.c — terminal column widths of UTF-8 text (textwidth.h), for aligned text tables.
 *
 * The Unicode tables are GNU libunistring's: uc_width (East Asian Width, UAX #11, with the
 * ambiguous characters one column as in non-CJK locales; combining and format characters
 * zero) and uc_is_grapheme_break (grapheme clusters, UAX #29). A terminal draws a grapheme
 * cluster as one glyph, so a cluster is as wide as its first character: an accent or an
 * emoji modifier (U+1F3FB-U+1F3FF, skin tones) adds nothing to the letter or emoji before it.
 * Two refinements of the pairwise rule, as terminals draw them: a cluster with the emoji
 * presentation selector U+FE0F is two columns, and regional indicators pair into one
 * two-column flag. Malformed bytes are one column each (a replacement character).
 */
#include "report/textwidth.h"

#include <string.h>
#include <unigbrk.h>
#include <unistr.h>
#include <uniwidth.h>

/* A regional indicator (two of them make a flag). */
static int is_ri(ucs4_t c)
{
    return c >= 0x1F1E6 && c <= 0x1F1FF;
}

int rep_text_width(const char *s, size_t len)
{
    if (!s)
        return 0;
    if (len == (size_t)-1)
        len = strlen(s);
    const uint8_t *p = (const uint8_t *)s, *end = p + len;
    int w = 0, cw = 0, ris = 0;   /* cw: the open cluster's width; ris: its indicators */
    ucs4_t prev = 0;
    int open = 0;
    while (p < end) {
        ucs4_t c;
        int k = u8_mbtoucr(&c, p, (size_t)(end - p));
        if (k <= 0) {   /* a malformed byte: drawn as one replacement character */
            w += open ? cw : 0;
            open = 0;
            w++;
            p++;
            continue;
        }
        p += k;
        /* regional indicators: a new cluster at every other one */
        int brk = !open || (is_ri(c) && is_ri(prev) ? ris % 2 == 0 : uc_is_grapheme_break(prev, c));
        if (brk) {
            w += open ? cw : 0;
            int x = uc_width(c, "UTF-8");
            cw = x < 0 ? 0 : x;   /* control characters draw nothing */
            ris = 0;
            open = 1;
        } else if (c == 0xFE0F && cw == 1) {
            cw = 2;   /* emoji presentation of a text-default symbol */
        }
        if (is_ri(c) && ++ris == 2)
            cw = 2;
        prev = c;
    }
    return w + (open ? cw : 0);
}

void rep_pad(brink_buf *out, const char *s, int width, int left)
{
    int w = rep_text_width(s, (size_t)-1), gap = width > w ? width - w : 0;
    if (!left)
        brink_buf_printf(out, "%*s", gap, "");
    brink_buf_puts(out, s);
    if (left)
        brink_buf_printf(out, "%*s", gap, "");
}
