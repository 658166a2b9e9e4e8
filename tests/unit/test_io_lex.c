/* test_io_lex.c — the Gambit-file tokenizer alone: token kinds, positions, escapes, errors. */
#include <gmp.h>

#include "check.h"
#include "io/lex.h"
#include "brink/core.h"

/* Tokenize src fully; return the number of tokens before EOF, or -1 on a lexical error. */
static int count_tokens(const char *src, size_t len, brink_error *err)
{
    io_lexer lx;
    int n = 0;
    brink_status st = io_lex_init(&lx, src, len, "t", err);
    while (st == BRINK_OK && lx.cur.kind != IO_TOK_EOF) {
        n++;
        st = io_lex_advance(&lx);
    }
    io_lex_free(&lx);
    return st == BRINK_OK ? n : -1;
}

static void test_kinds_and_positions(void)
{
    const char *src = "EFG 2 R \"t\" {\n  \"a b\" -1/2, .5e-3 }\n";
    io_lexer lx;
    brink_error err;
    CHECK(io_lex_init(&lx, src, strlen(src), "x.efg", &err) == BRINK_OK);
    CHECK(lx.cur.kind == IO_TOK_WORD && lx.cur.len == 3 && lx.cur.line == 1 && lx.cur.col == 1);
    CHECK(io_lex_advance(&lx) == BRINK_OK);
    CHECK(lx.cur.kind == IO_TOK_NUMBER && lx.cur.col == 5);
    CHECK(io_lex_advance(&lx) == BRINK_OK);
    CHECK(lx.cur.kind == IO_TOK_WORD && lx.cur.text[0] == 'R' && lx.cur.col == 7);
    CHECK(io_lex_advance(&lx) == BRINK_OK);
    CHECK(lx.cur.kind == IO_TOK_STRING);
    CHECK_STR(lx.cur.text, "t");
    CHECK(io_lex_advance(&lx) == BRINK_OK);
    CHECK(lx.cur.kind == IO_TOK_LBRACE && lx.cur.col == 13);
    CHECK(io_lex_advance(&lx) == BRINK_OK);
    CHECK(lx.cur.kind == IO_TOK_STRING && lx.cur.line == 2 && lx.cur.col == 3);
    CHECK_STR(lx.cur.text, "a b");
    CHECK(io_lex_advance(&lx) == BRINK_OK);
    CHECK(lx.cur.kind == IO_TOK_NUMBER && lx.cur.len == 4 && lx.cur.col == 9);
    mpq_t q;
    mpq_init(q);
    CHECK(io_lex_take_number(&lx, "x", q) == BRINK_OK);
    CHECK(mpq_cmp_si(q, -1, 2) == 0);
    CHECK(lx.cur.kind == IO_TOK_COMMA);
    CHECK(io_lex_skip_comma(&lx) == BRINK_OK);
    CHECK(io_lex_take_number(&lx, "x", q) == BRINK_OK);
    CHECK(mpq_cmp_ui(q, 1, 2000) == 0); /* .5e-3 = 1/2000 exactly */
    CHECK(lx.cur.kind == IO_TOK_RBRACE && lx.cur.line == 2 && lx.cur.col == 21);
    CHECK(io_lex_advance(&lx) == BRINK_OK);
    CHECK(lx.cur.kind == IO_TOK_EOF && lx.cur.line == 3 && lx.cur.col == 1);
    /* advancing at EOF stays at EOF */
    CHECK(io_lex_advance(&lx) == BRINK_OK && lx.cur.kind == IO_TOK_EOF);
    mpq_clear(q);
    io_lex_free(&lx);
}

static void test_escapes(void)
{
    /* \" is a quote; any other backslash pair stays as both characters; \\ is two. */
    const char *src = "\"a\\\"b\" \"c\\nd\" \"e\\\\\" \"\\\\\\\"\" \"multi\nline\" \"\"";
    io_lexer lx;
    brink_error err;
    CHECK(io_lex_init(&lx, src, strlen(src), NULL, &err) == BRINK_OK);
    CHECK_STR(lx.cur.text, "a\"b");
    CHECK(io_lex_advance(&lx) == BRINK_OK);
    CHECK_STR(lx.cur.text, "c\\nd");
    CHECK(io_lex_advance(&lx) == BRINK_OK);
    CHECK_STR(lx.cur.text, "e\\\\");
    CHECK(io_lex_advance(&lx) == BRINK_OK);
    CHECK_STR(lx.cur.text, "\\\\\"");
    CHECK(io_lex_advance(&lx) == BRINK_OK);
    CHECK_STR(lx.cur.text, "multi\nline");
    CHECK(io_lex_advance(&lx) == BRINK_OK);
    CHECK(lx.cur.kind == IO_TOK_STRING && lx.cur.len == 0 && lx.cur.line == 2);
    CHECK(io_lex_advance(&lx) == BRINK_OK && lx.cur.kind == IO_TOK_EOF);
    io_lex_free(&lx);
}

static void test_utf8_and_columns(void)
{
    /* Columns count code points: "é" is one column. A BOM is skipped. */
    const char *src = "\xEF\xBB\xBF\"caf\xC3\xA9\" x";
    io_lexer lx;
    brink_error err;
    CHECK(io_lex_init(&lx, src, strlen(src), NULL, &err) == BRINK_OK);
    CHECK(lx.cur.kind == IO_TOK_STRING && lx.cur.col == 1);
    CHECK_STR(lx.cur.text, "caf\xC3\xA9");
    CHECK(io_lex_advance(&lx) == BRINK_OK);
    CHECK(lx.cur.kind == IO_TOK_WORD && lx.cur.col == 8);
    io_lex_free(&lx);

    CHECK(count_tokens("\"\xF0\x9F\x99\x82\"", 6, &err) == 1);         /* 4-byte sequence */
    CHECK(count_tokens("\"\xC0\xAF\"", 4, &err) == -1);                 /* overlong */
    CHECK(err.code == BRINK_ESYNTAX && err.line == 1 && err.column == 2);
    CHECK(strstr(err.message, "invalid UTF-8") != NULL);
    CHECK(count_tokens("\"\xED\xA0\x80\"", 5, &err) == -1);             /* surrogate */
    CHECK(count_tokens("\"\xF4\x90\x80\x80\"", 6, &err) == -1);         /* > U+10FFFF */
    CHECK(count_tokens("\"ab\xE2\x82\"", 6, &err) == -1);               /* truncated */
    CHECK(count_tokens("\"a\\\xC3\xA9\"", 6, &err) == 1);               /* \ + é */
}

static void test_errors(void)
{
    brink_error err;
    CHECK(count_tokens("{ \"open", 7, &err) == -1);
    CHECK(err.code == BRINK_ESYNTAX && err.line == 1 && err.column == 3);
    CHECK_STR(err.file, "t");
    CHECK(strstr(err.message, "unterminated string") != NULL);
    CHECK(count_tokens("\"ends with backslash\\\"", 22, &err) == -1);
    CHECK(count_tokens("\n  (", 4, &err) == -1);
    CHECK(err.line == 2 && err.column == 3);
    CHECK_STR(err.message, "unexpected character '('");
    CHECK(count_tokens("a\x01", 2, &err) == -1);
    CHECK_STR(err.message, "unexpected byte 0x01");
    CHECK(count_tokens("\"a\0b\"", 5, &err) == -1);
    CHECK_STR(err.message, "NUL byte in string");
    CHECK(count_tokens("", 0, &err) == 0);
    CHECK(count_tokens(NULL, 0, &err) == 0);
    CHECK(count_tokens(" \t\r\n\v\f", 6, &err) == 0);
    /* Numbers are maximal runs: "1.5E+2" and "3abc" are single (invalid) number tokens. */
    CHECK(count_tokens("1.5E+2 3abc -x +3", 17, &err) == 4);
}

static void test_typed(void)
{
    io_lexer lx;
    brink_error err;
    long v;
    mpq_t q;
    mpq_init(q);
    const char *src = "12 007 -3 99999999999999999999999 5 +3 1.5E+2 1e401 2/0 1e-400 R";
    CHECK(io_lex_init(&lx, src, strlen(src), "f", &err) == BRINK_OK);
    CHECK(io_lex_take_int(&lx, "count", 1, 100, &v) == BRINK_OK && v == 12);
    CHECK(io_lex_take_int(&lx, "count", 1, 100, &v) == BRINK_OK && v == 7);
    CHECK(io_lex_take_int(&lx, "count", 1, 100, &v) == BRINK_ESYNTAX);
    CHECK_STR(err.message, "expected count (a whole number), got '-3'");
    io_lex_free(&lx);

    CHECK(io_lex_init(&lx, src + 10, strlen(src + 10), "f", &err) == BRINK_OK);
    CHECK(io_lex_take_int(&lx, "infoset number", 1, 2147483647, &v) == BRINK_ETOOBIG);
    CHECK(strstr(err.message, "too large") != NULL);
    io_lex_free(&lx);

    CHECK(io_lex_init(&lx, "5", 1, "f", &err) == BRINK_OK);
    CHECK(io_lex_take_int(&lx, "player", 6, 9, &v) == BRINK_EINVALID);
    CHECK_STR(err.message, "player must be at least 6, got 5");
    io_lex_free(&lx);

    CHECK(io_lex_init(&lx, "+3", 2, "f", &err) == BRINK_OK);
    CHECK(io_lex_take_number(&lx, "payoff", q) == BRINK_ESYNTAX);
    CHECK_STR(err.message, "invalid number '+3' (expected payoff)");
    io_lex_free(&lx);
    CHECK(io_lex_init(&lx, "1.5E+2", 6, "f", &err) == BRINK_OK);
    CHECK(io_lex_take_number(&lx, "payoff", q) == BRINK_ESYNTAX);
    io_lex_free(&lx);
    CHECK(io_lex_init(&lx, "1e401", 5, "f", &err) == BRINK_OK);
    CHECK(io_lex_take_number(&lx, "payoff", q) == BRINK_ETOOBIG);
    io_lex_free(&lx);
    CHECK(io_lex_init(&lx, "1e-400", 6, "f", &err) == BRINK_OK);
    CHECK(io_lex_take_number(&lx, "payoff", q) == BRINK_OK);
    CHECK(mpz_sizeinbase(mpq_denref(q), 10) == 401);
    io_lex_free(&lx);
    CHECK(io_lex_init(&lx, "2/0", 3, "f", &err) == BRINK_OK);
    CHECK(io_lex_take_number(&lx, "payoff", q) != BRINK_OK);
    CHECK(strstr(err.message, "zero denominator") != NULL);
    io_lex_free(&lx);

    /* Every accepted Gambit shape, and its exact value. */
    struct { const char *text; long num; unsigned long den; } ok[] = {
        {"1/2", 1, 2},   {"-3", -3, 1},  {".5", 1, 2},    {"-.5", -1, 2}, {"3.", 3, 1},
        {"1e2", 100, 1}, {"2.5e-1", 1, 4}, {"1e-2", 1, 100}, {"-1/3", -1, 3}, {"0.500000", 1, 2},
        {"6/4", 3, 2},   {"1E2", 100, 1},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        CHECK(io_lex_init(&lx, ok[i].text, strlen(ok[i].text), "f", &err) == BRINK_OK);
        CHECK_MSG(io_lex_take_number(&lx, "n", q) == BRINK_OK, "%s", ok[i].text);
        CHECK_MSG(mpq_cmp_si(q, ok[i].num, ok[i].den) == 0, "%s", ok[i].text);
        io_lex_free(&lx);
    }
    const char *bad[] = {"+1", "1/", "-", ".", "1..2", "1e", "1e+2", "1/2/3", "--1", "1-2"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_MSG(io_lex_init(&lx, bad[i], strlen(bad[i]), "f", &err) == BRINK_OK, "%s", bad[i]);
        CHECK_MSG(io_lex_take_number(&lx, "n", q) == BRINK_ESYNTAX, "%s", bad[i]);
        io_lex_free(&lx);
    }
    /* '/' cannot start a token at all */
    CHECK(io_lex_init(&lx, "/2", 2, "f", &err) == BRINK_ESYNTAX);
    CHECK_STR(err.message, "unexpected character '/'");
    io_lex_free(&lx);
    mpq_clear(q);
}

static void test_describe(void)
{
    io_lexer lx;
    brink_error err;
    const char *src = "\"a very long label that goes on and on and on\"";
    CHECK(io_lex_init(&lx, src, strlen(src), "f", &err) == BRINK_OK);
    CHECK(io_lex_expected(&lx, "a number") == BRINK_ESYNTAX);
    CHECK_STR(err.message, "expected a number, got string \"a very long label that goes on a...\"");
    io_lex_free(&lx);
}

int main(void)
{
    test_kinds_and_positions();
    test_escapes();
    test_utf8_and_columns();
    test_errors();
    test_typed();
    test_describe();
    return check_finish();
}
