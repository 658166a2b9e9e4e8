/* io/lex.c — tokenizer for Gambit game files (see lex.h for the token rules).
 *
 * Invariant: lx->pos only moves forward and every byte is looked at a bounded number of
 * times, so tokenizing is linear in the input. lx->line/lx->col always describe src[pos].
 */
#include "io/lex.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/core.h"
#include "core/unicode.h"
#include "io/util.h"

/* ---- character classes (ASCII only; bytes >= 0x80 are never number/word characters) ---- */

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
/* Characters that may continue a number token: the caller validates the shape, so a run like
 * "1.5E+2" or "3abc" becomes one token and gets one precise "invalid number" message. */
static int is_number_char(unsigned char c)
{
    return is_digit(c) || is_alpha(c) || c == '.' || c == '+' || c == '-' || c == '/' || c == '_';
}
static int is_word_char(unsigned char c) { return is_digit(c) || is_alpha(c) || c == '_' || c == '#'; }

/* Advance one byte, keeping line/col current. Columns count code points, not bytes. */
static void bump(io_lexer *lx)
{
    unsigned char c = (unsigned char)lx->src[lx->pos++];
    /* a line ends at \n, at \r\n (counted at its \n) and at a lone \r */
    if (c == '\n' || (c == '\r' && !(lx->pos < lx->len && lx->src[lx->pos] == '\n'))) {
        if (lx->line < INT_MAX)
            lx->line++;
        lx->col = 1;
    } else if ((c & 0xC0) != 0x80) {
        if (lx->col < INT_MAX)
            lx->col++;
    }
}

/* Columns for n ASCII bytes just passed over (no newline among them). */
static void add_cols(io_lexer *lx, size_t n)
{
    lx->col = n > (size_t)(INT_MAX - lx->col) ? INT_MAX : lx->col + (int)n;
}

brink_status io_lex_error_at(io_lexer *lx, brink_status code, int line, int col,
                             const char *fmt, ...)
{
    char msg[BRINK_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof msg)   /* cut at the error's size: at a whole character */
        msg[br_utf8_prefix(msg, strlen(msg))] = '\0';
    lx->failed = 1;
    lx->status = code;
    return brink_error_set_at(lx->err, code, lx->filename, line, col, "%s", msg);
}

brink_status io_lex_take_prologue(io_lexer *lx, const char *kind, long version)
{
    char what[64], ext[8];
    size_t n = strlen(kind);
    for (size_t i = 0; i < n && i + 1 < sizeof ext; i++)
        ext[i] = (char)(kind[i] >= 'A' && kind[i] <= 'Z' ? kind[i] - 'A' + 'a' : kind[i]);
    ext[n < sizeof ext ? n : sizeof ext - 1] = '\0';
    snprintf(what, sizeof what, "'%s' at the start of an .%s file", kind, ext);
    brink_status st = io_lex_take_word(lx, kind, what);
    if (st != BRINK_OK)
        return st;
    int vline = lx->cur.line, vcol = lx->cur.col;
    long v;
    if ((st = io_lex_take_int(lx, "format version", 0, INT_MAX, &v)) != BRINK_OK)
        return st;
    if (v != version)
        return io_lex_error_at(lx, BRINK_EUNSUPPORTED, vline, vcol,
                               "unsupported .%s version %ld (brink reads version %ld)", ext, v,
                               version);
    if (lx->cur.kind != IO_TOK_WORD || lx->cur.len != 1 ||
        (lx->cur.text[0] != 'R' && lx->cur.text[0] != 'D'))
        return io_lex_expected(lx, "precision 'R' (or legacy 'D')");
    return io_lex_advance(lx);
}

brink_status io_lex_relocate(io_lexer *lx, int line, int col)
{
    brink_status code = BRINK_EINTERNAL;
    char msg[BRINK_ERROR_MESSAGE_MAX] = "building the game failed";
    if (lx->err) {
        code = lx->err->code;
        memcpy(msg, lx->err->message, sizeof msg);
        msg[sizeof msg - 1] = '\0';
    }
    return io_lex_error_at(lx, code == BRINK_OK ? BRINK_EINTERNAL : code, line, col, "%s", msg);
}

brink_status io_lex_oom(io_lexer *lx)
{
    return io_lex_error(lx, BRINK_ENOMEM, "out of memory reading the game");
}

brink_status io_lex_error(io_lexer *lx, brink_status code, const char *fmt, ...)
{
    char msg[BRINK_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof msg)   /* cut at the error's size: at a whole character */
        msg[br_utf8_prefix(msg, strlen(msg))] = '\0';
    return io_lex_error_at(lx, code, lx->cur.line, lx->cur.col, "%s", msg);
}

static brink_status sbuf_reserve(io_lexer *lx, size_t need)
{
    if (need <= lx->scap)
        return BRINK_OK;
    size_t cap = lx->scap ? lx->scap : 64;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return io_lex_error(lx, BRINK_ENOMEM, "out of memory reading a string");
        cap *= 2;
    }
    char *p = realloc(lx->sbuf, cap);
    if (!p)
        return io_lex_error(lx, BRINK_ENOMEM, "out of memory reading a string");
    lx->sbuf = p;
    lx->scap = cap;
    return BRINK_OK;
}

/* Scan a quoted string starting at the opening quote. Two passes over the string's bytes:
 * the first finds the end (so the scratch buffer is sized once), the second copies. */
static brink_status lex_string(io_lexer *lx)
{
    const unsigned char *s = (const unsigned char *)lx->src;
    size_t start = lx->pos + 1, i = start;
    while (i < lx->len && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < lx->len)
            i += 2;
        else
            i++;
    }
    if (i >= lx->len)
        return io_lex_error(lx, BRINK_ESYNTAX, "unterminated string (no closing '\"')");
    size_t end = i; /* index of the closing quote */
    brink_status st = sbuf_reserve(lx, end - start + 1);
    if (st != BRINK_OK)
        return st;
    /* Fast path, most labels: printable ASCII without escapes is copied as is. */
    int plain = 1;
    for (size_t k = start; k < end && plain; k++)
        plain = s[k] >= 0x20 && s[k] < 0x7F && s[k] != '\\';
    if (plain) {
        memcpy(lx->sbuf, s + start, end - start);
        lx->sbuf[end - start] = '\0';
        lx->pos = end + 1;
        add_cols(lx, end - start + 2);
        lx->cur.kind = IO_TOK_STRING;
        lx->cur.text = lx->sbuf;
        lx->cur.len = end - start;
        return BRINK_OK;
    }
    size_t o = 0;
    bump(lx); /* opening quote */
    while (lx->pos < end) {
        unsigned char c = s[lx->pos];
        if (c == '\\' && s[lx->pos + 1] == '"') {
            lx->sbuf[o++] = '"';
            bump(lx);
            bump(lx);
            continue;
        }
        if (c == '\\') {
            /* Backslash + any other character: both are kept (Gambit's rule). The partner is
             * copied here so that it never starts an escape itself ("\\" is two backslashes). */
            lx->sbuf[o++] = '\\';
            bump(lx);
            c = s[lx->pos];
        }
        if (c == 0)
            return io_lex_error_at(lx, BRINK_ESYNTAX, lx->line, lx->col, "NUL byte in string");
        size_t k = io_utf8_seq(s + lx->pos, end - lx->pos);
        if (k == 0)
            return io_lex_error_at(lx, BRINK_ESYNTAX, lx->line, lx->col,
                                   "invalid UTF-8 byte 0x%02X in string", c);
        for (size_t j = 0; j < k; j++) {
            lx->sbuf[o++] = (char)s[lx->pos];
            bump(lx);
        }
    }
    bump(lx); /* closing quote */
    lx->sbuf[o] = '\0';
    lx->cur.kind = IO_TOK_STRING;
    lx->cur.text = lx->sbuf;
    lx->cur.len = o;
    return BRINK_OK;
}

brink_status io_lex_advance(io_lexer *lx)
{
    if (lx->failed)
        return lx->status;
    const unsigned char *s = (const unsigned char *)lx->src;
    while (lx->pos < lx->len && is_space(s[lx->pos]))
        bump(lx);
    lx->cur.line = lx->line;
    lx->cur.col = lx->col;
    lx->cur.text = lx->src + lx->pos;
    lx->cur.len = 0;
    if (lx->pos >= lx->len) {
        lx->cur.kind = IO_TOK_EOF;
        return BRINK_OK;
    }
    unsigned char c = s[lx->pos];
    switch (c) {
    case '{': lx->cur.kind = IO_TOK_LBRACE; break;
    case '}': lx->cur.kind = IO_TOK_RBRACE; break;
    case ',': lx->cur.kind = IO_TOK_COMMA; break;
    case '"': return lex_string(lx);
    default:
        if (is_digit(c) || c == '-' || c == '+' || c == '.') {
            size_t start = lx->pos;
            while (lx->pos < lx->len && is_number_char(s[lx->pos]))
                lx->pos++;
            add_cols(lx, lx->pos - start); /* ASCII: one column per byte */
            lx->cur.kind = IO_TOK_NUMBER;
            lx->cur.len = lx->pos - start;
            return BRINK_OK;
        }
        if (is_alpha(c) || c == '#' || c == '_') {
            size_t start = lx->pos;
            while (lx->pos < lx->len && is_word_char(s[lx->pos]))
                lx->pos++;
            add_cols(lx, lx->pos - start);
            lx->cur.kind = IO_TOK_WORD;
            lx->cur.len = lx->pos - start;
            return BRINK_OK;
        }
        if (c >= 0x21 && c < 0x7F)
            return io_lex_error(lx, BRINK_ESYNTAX, "unexpected character '%c'", c);
        /* a character beyond ASCII whole ("é"), never its first byte alone */
        size_t sl = io_utf8_seq(s + lx->pos, lx->len - lx->pos);
        if (sl > 1)
            return io_lex_error(lx, BRINK_ESYNTAX, "unexpected character '%.*s'", (int)sl,
                                s + lx->pos);
        return io_lex_error(lx, BRINK_ESYNTAX, "unexpected byte 0x%02X", c);
    }
    lx->cur.len = 1;
    bump(lx);
    return BRINK_OK;
}

brink_status io_lex_init(io_lexer *lx, const char *src, size_t len, const char *filename,
                         brink_error *err)
{
    memset(lx, 0, sizeof *lx);
    lx->src = src ? src : "";
    lx->len = src ? len : 0;
    lx->line = 1;
    lx->col = 1;
    lx->filename = filename;
    lx->err = err;
    /* A UTF-8 byte order mark is not part of the text. */
    if (lx->len >= 3 && memcmp(lx->src, "\xEF\xBB\xBF", 3) == 0)
        lx->pos = 3;
    return io_lex_advance(lx);
}

void io_lex_free(io_lexer *lx)
{
    free(lx->sbuf);
    lx->sbuf = NULL;
    lx->scap = 0;
}

/* Copy at most max display characters of text, marking truncation. */
void io_lex_clip(char *out, size_t size, const char *text, size_t len, size_t max)
{
    size_t n = len < max ? len : max;
    size_t o = 0;
    size_t i = 0;
    for (; i < n && o + 5 < size; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            out[o++] = '\\';
            out[o++] = 'n';
        } else if (c < 0x20 || c == 0x7F) {
            out[o++] = '?';
        } else {
            out[o++] = (char)c;
        }
    }
    o = br_utf8_prefix(out, o);   /* a cut ends at a whole character, never inside "é" */
    if ((len > n || i < n) && o + 4 < size) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o < size ? o : size - 1] = '\0';
}

void io_lex_describe(const io_lexer *lx, char *buf, size_t size)
{
    char t[64];
    switch (lx->cur.kind) {
    case IO_TOK_EOF: snprintf(buf, size, "end of file"); break;
    case IO_TOK_LBRACE: snprintf(buf, size, "'{'"); break;
    case IO_TOK_RBRACE: snprintf(buf, size, "'}'"); break;
    case IO_TOK_COMMA: snprintf(buf, size, "','"); break;
    case IO_TOK_STRING:
        io_lex_clip(t, sizeof t, lx->cur.text, lx->cur.len, 32);
        snprintf(buf, size, "string \"%s\"", t);
        break;
    case IO_TOK_NUMBER:
    case IO_TOK_WORD:
        io_lex_clip(t, sizeof t, lx->cur.text, lx->cur.len, 32);
        snprintf(buf, size, "'%s'", t);
        break;
    }
}

brink_status io_lex_expected(io_lexer *lx, const char *what)
{
    char got[96];   /* a token clipped to 32 bytes (a "\\n" is 2) and its quotes: always fits */
    io_lex_describe(lx, got, sizeof got);
    return io_lex_error(lx, BRINK_ESYNTAX, "expected %s, got %s", what, got);
}

brink_status io_lex_take_word(io_lexer *lx, const char *word, const char *what)
{
    size_t n = strlen(word);
    if (lx->cur.kind != IO_TOK_WORD || lx->cur.len != n || memcmp(lx->cur.text, word, n) != 0)
        return io_lex_expected(lx, what);
    return io_lex_advance(lx);
}

brink_status io_lex_check_string(io_lexer *lx, const char *what)
{
    if (lx->cur.kind != IO_TOK_STRING)
        return io_lex_expected(lx, what);
    return BRINK_OK;
}

brink_status io_lex_take_int(io_lexer *lx, const char *what, long min, long max, long *out)
{
    if (lx->cur.kind != IO_TOK_NUMBER)
        return io_lex_expected(lx, what);
    long v = 0;
    int big = 0;
    for (size_t i = 0; i < lx->cur.len; i++) {
        unsigned char c = (unsigned char)lx->cur.text[i];
        if (!is_digit(c)) {
            char t[64];
            io_lex_clip(t, sizeof t, lx->cur.text, lx->cur.len, 32);
            return io_lex_error(lx, BRINK_ESYNTAX, "expected %s (a whole number), got '%s'",
                                what, t);
        }
        if (v > (LONG_MAX - 9) / 10)
            big = 1;
        else
            v = v * 10 + (c - '0');
    }
    if (big || v > max) {
        char t[64];
        io_lex_clip(t, sizeof t, lx->cur.text, lx->cur.len, 32);
        return io_lex_error(lx, big || max > INT_MAX / 2 ? BRINK_ETOOBIG : BRINK_EINVALID,
                            "%s %s is too large (at most %ld)", what, t, max);
    }
    if (v < min)
        return io_lex_error(lx, BRINK_EINVALID, "%s must be at least %ld, got %ld", what, min, v);
    *out = v;
    return io_lex_advance(lx);
}

/* Parse -?D{1,18} at s[0..n) into *v; returns 0 when the text is not such an integer. */
static int small_int(const char *s, size_t n, long *v)
{
    size_t i = n > 0 && s[0] == '-';
    if (n == i || n - i > 18)
        return 0;
    long x = 0;
    for (size_t k = i; k < n; k++) {
        if (!is_digit((unsigned char)s[k]))
            return 0;
        x = x * 10 + (s[k] - '0');
    }
    *v = i ? -x : x;
    return 1;
}

brink_status io_lex_take_number(io_lexer *lx, const char *what, mpq_t out)
{
    if (lx->cur.kind != IO_TOK_NUMBER)
        return io_lex_expected(lx, what);
    const char *s = lx->cur.text;
    size_t n = lx->cur.len;

    /* Fast paths for the common shapes "-12" and "-3/4" (same values brink_q_parse gives). */
    long num, den;
    const char *slash = memchr(s, '/', n);
    if (!slash && small_int(s, n, &num)) {
        mpq_set_si(out, num, 1);
        return io_lex_advance(lx);
    }
    if (slash && small_int(s, (size_t)(slash - s), &num) &&
        small_int(slash + 1, n - (size_t)(slash - s) - 1, &den) && den > 0) {
        mpq_set_si(out, num, (unsigned long)den);
        mpq_canonicalize(out);
        return io_lex_advance(lx);
    }

    char t[64];
    /* Bound the exponent before GMP expands it: "1e99999" is 8 bytes of input but a
     * 40-kilobyte integer, and a file full of them must not cost gigabytes. */
    const char *e = NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] == 'e' || s[i] == 'E')
            e = s + i + 1;
    if (e && !slash) {
        const char *end = s + n;
        long x = 0;
        if (e < end && *e == '-')
            e++;
        for (; e < end && is_digit((unsigned char)*e) && x <= IO_MAX_EXPONENT; e++)
            x = x * 10 + (*e - '0');
        if (x > IO_MAX_EXPONENT) {
            io_lex_clip(t, sizeof t, s, n, 32);
            return io_lex_error(lx, BRINK_ETOOBIG,
                                "exponent out of range in '%s' (brink reads exponents up to "
                                "%d)", t, IO_MAX_EXPONENT);
        }
    }
    brink_error qe;
    brink_status st = brink_q_parse(out, s, n, &qe);
    if (st == BRINK_ESYNTAX) {
        io_lex_clip(t, sizeof t, s, n, 32);
        return io_lex_error(lx, BRINK_ESYNTAX, "invalid number '%s' (expected %s)", t, what);
    }
    if (st != BRINK_OK)
        return io_lex_error(lx, st, "%s", qe.message);
    return io_lex_advance(lx);
}

brink_status io_lex_take_lbrace(io_lexer *lx, const char *what)
{
    if (lx->cur.kind != IO_TOK_LBRACE)
        return io_lex_expected(lx, what);
    return io_lex_advance(lx);
}

brink_status io_lex_take_rbrace(io_lexer *lx, const char *what)
{
    if (lx->cur.kind != IO_TOK_RBRACE)
        return io_lex_expected(lx, what);
    return io_lex_advance(lx);
}

brink_status io_lex_skip_comma(io_lexer *lx)
{
    if (lx->cur.kind == IO_TOK_COMMA)
        return io_lex_advance(lx);
    return BRINK_OK;
}
