/* test_textwidth.c — terminal widths of UTF-8 names (src/report/textwidth.c), which align the
 * forecast's and the negotiation tournament's text tables: one column per character, none
 * for combining marks and zero-width characters, two for wide East Asian characters and
 * emoji, a grapheme cluster (an emoji with a skin tone, a flag) as wide as one glyph, one per
 * malformed byte; padding never cuts a name. Expected widths are those of Unicode's East
 * Asian Width and general category tables for each character. */
#include "check.h"

#include "report/textwidth.h"

static int w(const char *s)
{
    return rep_text_width(s, (size_t)-1);
}

static void test_widths(void)
{
    CHECK_EQ_INT(w(""), 0);
    CHECK_EQ_INT(w("USA"), 3);
    CHECK_EQ_INT(w("\xC3\x84"), 1);                       /* Ä precomposed, 2 bytes */
    CHECK_EQ_INT(w("A\xCC\x88"), 1);                      /* A + U+0308 combining diaeresis */
    CHECK_EQ_INT(w("\xD0\xA0\xD0\xBE\xD1\x81\xD1\x81\xD0\xB8\xD1\x8F"), 6);   /* Россия */
    CHECK_EQ_INT(w("\xE5\x8C\x97\xE6\x9C\x9D\xE9\xAE\xAE"), 6);   /* 北朝鮮: wide */
    CHECK_EQ_INT(w("\xED\x95\x9C\xEA\xB5\xAD"), 4);       /* 한국: Hangul syllables, wide */
    CHECK_EQ_INT(w("\xE3\x82\xAB\xE3\x82\x99"), 2);       /* カ + U+3099 combining voiced mark */
    CHECK_EQ_INT(w("\xF0\x9F\x9A\x80"), 2);               /* U+1F680 rocket: emoji, wide */
    CHECK_EQ_INT(w("\xE2\x98\xA2"), 1);                   /* U+2622: ambiguous, one column */
    CHECK_EQ_INT(w("a\xE2\x80\x8D" "b"), 2);              /* U+200D zero width joiner */
    CHECK_EQ_INT(w("\xEF\xBC\xA1"), 2);                   /* U+FF21 fullwidth A */
    CHECK_EQ_INT(w("\xD7\xA9\xD6\xB8"), 1);               /* Hebrew shin + qamats (U+05B8) */
    CHECK_EQ_INT(w("\xF0\xA0\x80\x80"), 2);               /* U+20000, CJK extension B */
    /* malformed: a lone continuation byte, a Latin-1 byte, a sequence cut short, an
     * overlong '/', a surrogate: one column per byte */
    CHECK_EQ_INT(w("\x80"), 1);
    CHECK_EQ_INT(w("caf\xE9"), 4);
    CHECK_EQ_INT(w("\xE5\x8C"), 2);
    CHECK_EQ_INT(w("\xC0\xAF"), 2);
    CHECK_EQ_INT(w("\xED\xA0\x80"), 3);
    /* grapheme clusters drawn as one glyph: as wide as their first character */
    CHECK_EQ_INT(w("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"), 2);   /* thumbs up + skin tone */
    CHECK_EQ_INT(w("x\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD" "y"), 4);
    CHECK_EQ_INT(w("\xF0\x9F\x87\xB0\xF0\x9F\x87\xB7"), 2);   /* KR flag: two indicators */
    CHECK_EQ_INT(w("\xF0\x9F\x87\xB0\xF0\x9F\x87\xB7\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8"), 4);
    CHECK_EQ_INT(w("\xE2\x98\xA2\xEF\xB8\x8F"), 2);   /* U+2622 U+FE0F: emoji presentation */
    CHECK_EQ_INT(w("Jose\xCC\x81"), 4);                  /* e + combining acute */
    /* a length cuts the text: the first character of 北朝鮮 only */
    CHECK_EQ_INT(rep_text_width("\xE5\x8C\x97\xE6\x9C\x9D", 3), 2);
}

static void test_pad(void)
{
    brink_buf b;
    brink_buf_init(&b);
    rep_pad(&b, "\xE5\x8C\x97", 5, 1);   /* 北: 2 columns, 3 spaces after */
    brink_buf_puts(&b, "|");
    rep_pad(&b, "A\xCC\x88", 3, 0);      /* Ä decomposed: 1 column, 2 spaces before */
    brink_buf_puts(&b, "|");
    rep_pad(&b, "longer", 3, 1);         /* never cut */
    CHECK(!b.failed);
    CHECK_MSG(b.len == strlen("\xE5\x8C\x97   |  A\xCC\x88|longer") &&
                  !memcmp(b.data, "\xE5\x8C\x97   |  A\xCC\x88|longer", b.len),
              "got [%.*s]", (int)b.len, b.data);
    brink_buf_free(&b);
}

int main(void)
{
    test_widths();
    test_pad();
    return check_finish();
}
