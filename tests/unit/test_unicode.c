/* test_unicode.c — names compared as people read them (src/core/unicode.c): canonically
 * equivalent spellings are one name (NFC, Unicode Standard Annex #15), compatibility
 * variants are not; malformed UTF-8 is found at its first bad byte. */
#include "check.h"

#include "core/unicode.h"

static void test_equal(void)
{
    CHECK_EQ_INT(br_names_equal("Jos\xC3\xA9", "Jose\xCC\x81"), 1);   /* é: precomposed, e + U+0301 */
    CHECK_EQ_INT(br_names_equal("USA", "USA"), 1);
    CHECK_EQ_INT(br_names_equal("USA", "usa"), 0);                    /* case is not canonical */
    CHECK_EQ_INT(br_names_equal("\xEF\xAC\x81", "fi"), 0);            /* U+FB01 ligature: NFKC only */
    CHECK_EQ_INT(br_names_equal("\xE2\x84\xAB", "\xC3\x85"), 1);      /* Angstrom sign = Å */
    CHECK_EQ_INT(br_names_equal("\xE2\x84\xAA", "K"), 1);              /* Kelvin sign = ASCII K */
    CHECK_EQ_INT(br_names_equal("K", "\xE2\x84\xAA"), 1);
    /* Hangul: a precomposed syllable and its jamo */
    CHECK_EQ_INT(br_names_equal("\xED\x95\x9C", "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), 1);
}

static void test_invalid(void)
{
    CHECK(br_utf8_invalid_at("plain", 5) == -1);
    CHECK(br_utf8_invalid_at("\xE5\x8C\x97", 3) == -1);
    CHECK(br_utf8_invalid_at("ab\xFF", 3) == 2);
    CHECK(br_utf8_invalid_at("a\xC0\xAF", 3) == 1);          /* overlong '/' */
    CHECK(br_utf8_invalid_at("a\xED\xA0\x80", 4) == 1);      /* a surrogate */
    CHECK(br_utf8_invalid_at("\xE5\x8C", 2) == 0);           /* cut short */
}

int main(void)
{
    test_equal();
    test_invalid();
    return check_finish();
}
