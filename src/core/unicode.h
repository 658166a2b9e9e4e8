/* unicode.h — names read from input files compared as people read them: two names are the
 * same when their canonical (NFC) forms are equal, so "José" typed with a precomposed é and
 * with e + U+0301 is one name (Unicode Standard Annex #15). The tables are GNU libunistring's.
 */
#ifndef BRINK_CORE_UNICODE_H
#define BRINK_CORE_UNICODE_H

#include <stddef.h>

/* The offset of the first byte of the n at s that is not valid UTF-8 (an overlong form, a
 * surrogate, a code point beyond U+10FFFF, a sequence cut short), or -1 when all are valid. */
long br_utf8_invalid_at(const char *s, size_t n);

/* Whether a and b (valid UTF-8, NUL-terminated) are canonically equivalent (equal NFC
 * forms): 1 equal, 0 different, -1 out of memory. */
int br_names_equal(const char *a, const char *b);

/* The character that starts at s (n >= 1 bytes available), written to out for quoting in a
 * message: a printable character whole (all the bytes of its UTF-8 sequence: "é", never its
 * first byte alone), a control character or a byte that starts no valid sequence as "\xC3".
 * Returns the bytes the character takes in s (>= 1). */
#define BR_CHAR_TEXT_MAX 8
size_t br_char_text(const char *s, size_t n, char out[BR_CHAR_TEXT_MAX]);

/* The length, at most n, of the longest prefix of s (n bytes available) that does not end
 * inside a UTF-8 sequence: for cutting text to a length without splitting a character. */
size_t br_utf8_prefix(const char *s, size_t n);

#endif
