/* io/lex.h — the tokenizer shared by the Gambit .nfg and .efg readers (private).
 *
 * One pass over the text, one token of lookahead (`cur`), linear time, no recursion.
 * Tokens: quoted strings (unescaped into a scratch buffer that the next advance overwrites),
 * "numbers" (a maximal run of number characters, kept as a span of the input and validated
 * by the caller with brink_q_parse or io_lex_take_int), words (EFG, NFG, R, c, p, t, ...),
 * braces, commas, end of file. Every token carries its 1-based line and column (columns count
 * UTF-8 code points; a line ends at \n, \r\n or a lone \r, so old Mac files are placed right).
 * The lexer never allocates more than the longest string in the input.
 *
 * Escapes follow Gambit's reader: inside quotes `\"` is a quote; a backslash followed by any
 * other character stands for both characters (so `\n` is two characters, `\\` is two
 * backslashes). Strings must be valid UTF-8 and must not contain NUL bytes.
 */
#ifndef BRINK_IO_LEX_H
#define BRINK_IO_LEX_H

#include <stddef.h>
#include <gmp.h>
#include "brink/error.h"

/* Largest decimal exponent accepted in a number ("1e400"): covers the whole double range and
 * keeps one short token from expanding into a huge integer. */
#define IO_MAX_EXPONENT 400

typedef enum io_tok_kind {
    IO_TOK_EOF = 0,
    IO_TOK_STRING,   /* text = unescaped contents (NUL-terminated, in the scratch buffer) */
    IO_TOK_NUMBER,   /* text = span of the input: [0-9+-./eE...] starting with digit, sign or dot */
    IO_TOK_WORD,     /* text = span of the input: a letter or '#' then letters/digits/'_' */
    IO_TOK_LBRACE,
    IO_TOK_RBRACE,
    IO_TOK_COMMA
} io_tok_kind;

typedef struct io_token {
    io_tok_kind kind;
    const char *text;
    size_t len;
    int line, col;
} io_token;

typedef struct io_lexer {
    const char *src;
    size_t len, pos;
    int line, col;            /* position of src[pos] */
    const char *filename;     /* for messages; may be NULL */
    brink_error *err;
    char *sbuf;               /* scratch for the current string token */
    size_t scap;
    io_token cur;             /* the lookahead token */
    int failed;               /* a lexical error was recorded in err */
    brink_status status;      /* its code */
} io_lexer;

/* Set up and read the first token. Returns BRINK_OK or the lexical error. */
brink_status io_lex_init(io_lexer *lx, const char *src, size_t len, const char *filename,
                         brink_error *err);
void io_lex_free(io_lexer *lx);

/* Read the next token into lx->cur (the previous string text becomes invalid). */
brink_status io_lex_advance(io_lexer *lx);

/* Bytes of input not yet tokenized after the current token (for plausibility checks). */
static inline size_t io_lex_remaining(const io_lexer *lx) { return lx->len - lx->pos; }

/* Describe the current token for messages ("end of file", "'{'", "\"abc\"", "'xyz'"). */
void io_lex_describe(const io_lexer *lx, char *buf, size_t size);
/* At most max bytes of text (len bytes) for a message, "\n" shown as \n, cut at a whole
 * character and marked "..." when cut; out needs 2 * max + 5 bytes to hold all of that. */
#define IO_LEX_CLIP_SIZE(max) (2 * (max) + 5)
void io_lex_clip(char *out, size_t size, const char *text, size_t len, size_t max);

/* Record an error at the current token: "<msg>" with its line:col. Returns code. */
brink_status io_lex_error(io_lexer *lx, brink_status code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Record an error at an explicit place. */
brink_status io_lex_error_at(io_lexer *lx, brink_status code, int line, int col,
                             const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* Gambit's file prologue "<KIND> <version> R": the kind word ("EFG"/"NFG"), the one version
 * brink reads, and the precision letter (legacy 'D' accepted). */
brink_status io_lex_take_prologue(io_lexer *lx, const char *kind, long version);
/* A call below the reader (the game builder) failed and left its message in lx->err: keep
 * the message and code, and add the place being read. */
brink_status io_lex_relocate(io_lexer *lx, int line, int col);
/* Out of memory while reading, at the current token. */
brink_status io_lex_oom(io_lexer *lx);
/* "expected <what>, got <current token>" at the current token (BRINK_ESYNTAX). */
brink_status io_lex_expected(io_lexer *lx, const char *what);

/* ---- Typed expectations: check the current token, take its value, advance. ---- */

/* A word equal to `word`; `what` names it in the message. */
brink_status io_lex_take_word(io_lexer *lx, const char *word, const char *what);
/* Check that the current token is a string (does not advance: the caller reads
 * lx->cur.text, copies what it needs, then calls io_lex_advance). */
brink_status io_lex_check_string(io_lexer *lx, const char *what);
/* A whole number without sign in [min, max]; `what` names the field in messages. */
brink_status io_lex_take_int(io_lexer *lx, const char *what, long min, long max, long *out);
/* An exact number (Gambit syntax) into out. */
brink_status io_lex_take_number(io_lexer *lx, const char *what, mpq_t out);
/* Take '{' / '}' / an optional ','. */
brink_status io_lex_take_lbrace(io_lexer *lx, const char *what);
brink_status io_lex_take_rbrace(io_lexer *lx, const char *what);
brink_status io_lex_skip_comma(io_lexer *lx);

#endif
