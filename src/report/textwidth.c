/* textwidth.c — terminal column widths of UTF-8 text (textwidth.h), for aligned text tables.
 *
 * Widths follow Unicode's East Asian Width property (UAX #11: W and F are two columns) and
 * its general categories Mn/Me and Cf (combining and format characters: zero columns), for
 * the ranges below — the scripts names in brink's inputs are likely to use (Latin with
 * accents, Greek, Cyrillic, Hebrew, Arabic, Devanagari, CJK, Hangul, kana, emoji). Code
 * points outside the lists are one column, which is right for every other alphabetic
 * script; ambiguous-width characters (UAX #11 "A") are one column, as in non-CJK locales.
 */
#include "report/textwidth.h"

#include <string.h>

typedef struct {
    unsigned lo, hi;
} range;

/* Zero columns: combining marks (Mn, Me) of the scripts above, zero-width and bidirectional
 * format characters, variation selectors. */
static const range zero[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0900, 0x0902},
    {0x093A, 0x093A}, {0x093C, 0x093C}, {0x0941, 0x0948}, {0x094D, 0x094D}, {0x0951, 0x0957},
    {0x0962, 0x0963}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x202A, 0x202E},
    {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0x302A, 0x302D}, {0x3099, 0x309A}, {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

/* Two columns: East Asian Wide and Fullwidth (Hangul Jamo, CJK radicals to CJK
 * compatibility, Yi, Hangul syllables, CJK compatibility ideographs, vertical and small
 * forms, fullwidth forms, emoji pictographs, CJK extension planes). */
static const range wide[] = {
    {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0},
    {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F},
    {0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5},
    {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
    {0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728},
    {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
    {0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
    {0x2E80, 0x3029}, {0x302E, 0x303E}, {0x3041, 0x3098}, {0x309B, 0x33FF}, {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
    {0xFE10, 0xFE19}, {0xFE30, 0xFE6F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F320},
    {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
    {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
    {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E},
    {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4},
    {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
    {0x1F6D5, 0x1F6D7}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7EB},
    {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static int in(const range *r, size_t n, unsigned c)
{
    size_t lo = 0, hi = n;   /* binary search: the tables are sorted and disjoint */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c < r[mid].lo)
            hi = mid;
        else if (c > r[mid].hi)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

static int cp_width(unsigned c)
{
    if (c < 0x20 || (c >= 0x7F && c < 0xA0))
        return 0;
    if (in(zero, sizeof zero / sizeof zero[0], c))
        return 0;
    return in(wide, sizeof wide / sizeof wide[0], c) ? 2 : 1;
}

/* One UTF-8 sequence at s (n bytes left): its code point and length, or length 0 when
 * malformed (overlong, surrogate, beyond U+10FFFF, cut short). */
static size_t decode(const unsigned char *s, size_t n, unsigned *c)
{
    static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
    size_t k = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
             : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (!k || k > n)
        return 0;
    unsigned v = k == 1 ? s[0] : s[0] & (0x7Fu >> k);
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3Fu);
    }
    if (v < min[k] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *c = v;
    return k;
}

int rep_text_width(const char *s, size_t len)
{
    if (!s)
        return 0;
    if (len == (size_t)-1)
        len = strlen(s);
    const unsigned char *p = (const unsigned char *)s;
    int w = 0;
    for (size_t i = 0; i < len;) {
        unsigned c = 0;
        size_t k = decode(p + i, len - i, &c);
        if (!k) {   /* a malformed byte: drawn as one replacement character */
            w++;
            i++;
            continue;
        }
        w += cp_width(c);
        i += k;
    }
    return w;
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
