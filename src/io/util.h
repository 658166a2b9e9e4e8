/* io/util.h — small helpers shared by the readers and writers in src/io (private). */
#ifndef BRINK_IO_UTIL_H
#define BRINK_IO_UTIL_H

#include <stddef.h>
#include "brink/core.h"

/* Grow *p (an array of elem-byte items with capacity *cap) to hold at least need items,
 * doubling. Returns 0, or -1 on overflow / out of memory (the array is left unchanged). */
int io_grow(void **p, size_t *cap, size_t need, size_t elem);

/* Grow an array of mpq_t, initialising the new entries. Same contract as io_grow. */
int io_grow_q(mpq_t **p, size_t *cap, size_t need);
/* Clear the first cap entries and free. */
void io_free_q(mpq_t *p, size_t cap);

/* Can `s` be written as a Gambit quoted string that Gambit's reader gives back exactly?
 * Not when a backslash is the last character or stands right before a quote, nor when `s`
 * is not valid UTF-8. */
int io_gambit_string_ok(const char *s);
/* Append s as a Gambit quoted string: '"' becomes \" and everything else is copied (a
 * backslash and the character after it are copied as a pair). Call io_gambit_string_ok first. */
void io_put_gambit_string(brink_buf *out, const char *s);

/* Append a decimal integer / an exact rational as "p" or "p/q" (same text as
 * brink_buf_put_q, faster for numbers that fit in a long). */
void io_put_long(brink_buf *out, long v);
void io_put_q(brink_buf *out, const mpq_t q);

/* Length of the valid UTF-8 sequence starting at s[0] (n >= 1 bytes available), or 0 when
 * invalid (overlong forms, surrogates and code points above U+10FFFF are invalid). */
size_t io_utf8_seq(const unsigned char *s, size_t n);

#endif
