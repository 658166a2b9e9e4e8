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

#endif
