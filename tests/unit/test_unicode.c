/* test_unicode.c — names compared as people read them (src/core/unicode.c): canonically
 * equivalent spellings are one name (NFC, Unicode Standard Annex #15), compatibility
 * variants are not; malformed UTF-8 is found at its first bad byte. */
#include "check.h"

#include "brink/error.h"
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

/* A character quoted whole (tester's issue 12: "unexpected '\xC3'" cut "é" in two). */
static void test_char_text(void)
{
    char t[BR_CHAR_TEXT_MAX];
    CHECK_EQ_INT((int)br_char_text("\xC3\xA9+1", 4, t), 2);
    CHECK(!strcmp(t, "\xC3\xA9"));
    CHECK_EQ_INT((int)br_char_text("\xE2\x82\xAC", 3, t), 3);        /* euro sign */
    CHECK(!strcmp(t, "\xE2\x82\xAC"));
    CHECK_EQ_INT((int)br_char_text("\xF0\x9F\x98\x80!", 5, t), 4);  /* an emoji: 4 bytes */
    CHECK(!strcmp(t, "\xF0\x9F\x98\x80"));
    CHECK_EQ_INT((int)br_char_text("x", 1, t), 1);
    CHECK(!strcmp(t, "x"));
    CHECK_EQ_INT((int)br_char_text("\x01", 1, t), 1);                /* a control character */
    CHECK(!strcmp(t, "\\x01"));
    CHECK_EQ_INT((int)br_char_text("\xC3", 1, t), 1);                /* a sequence cut short */
    CHECK(!strcmp(t, "\\xC3"));
    CHECK_EQ_INT((int)br_char_text("\xC2\x85", 2, t), 2);           /* U+0085, a C1 control */
    CHECK(!strcmp(t, "U+0085"));
    /* prefixes that end at a whole character */
    CHECK_EQ_INT((int)br_utf8_prefix("ab\xC3\xA9", 3), 2);
    CHECK_EQ_INT((int)br_utf8_prefix("ab\xC3\xA9", 4), 4);
    CHECK_EQ_INT((int)br_utf8_prefix("\xE2\x82\xAC", 2), 0);
    CHECK_EQ_INT((int)br_utf8_prefix("abc", 3), 3);
}

/* A message cut to its buffer ends at a whole character: 510 ASCII bytes then "é" does not
 * fit 511 bytes and loses the whole "é", never one byte of it. */
static void test_error_cut(void)
{
    char big[600];
    memset(big, 'a', 510);
    strcpy(big + 510, "\xC3\xA9\xC3\xA9");
    brink_error e;
    brink_error_clear(&e);
    brink_error_set(&e, BRINK_EINVALID, "%s", big);
    CHECK_EQ_INT((int)strlen(e.message), 510);
    CHECK_EQ_INT(br_utf8_invalid_at(e.message, strlen(e.message)), -1);
    brink_error_set(&e, BRINK_EINVALID, "%s", big + 1);   /* 509 + 2 bytes: fits */
    CHECK_EQ_INT((int)strlen(e.message), 511);
    brink_error_prefix(&e, "x");
    CHECK_EQ_INT(br_utf8_invalid_at(e.message, strlen(e.message)), -1);
}

int main(void)
{
    test_equal();
    test_invalid();
    test_char_text();
    test_error_cut();
    return check_finish();
}
