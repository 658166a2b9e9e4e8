/* textwidth.h — the width of UTF-8 text in a terminal's columns, for padding text tables
 * whose cells hold names read from input files (forecast actors, negotiation agents): a
 * name in Cyrillic, Korean or with combining accents must not push its column out of line.
 * libunistring's tables (src/report/textwidth.c) instead of libc wcwidth, whose answer
 * depends on the process locale, which a library must not set or rely on.
 */
#ifndef BRINK_REPORT_TEXTWIDTH_H
#define BRINK_REPORT_TEXTWIDTH_H

#include "brink/core.h"

/* Columns of the first len bytes of s (len (size_t)-1: up to the NUL), as a terminal with a
 * monospace font draws them: a grapheme cluster (a character with its combining marks, an
 * emoji with its modifier, a flag) is as wide as its first character: 1, 0 for zero-width
 * and control characters, 2 for wide East Asian characters and emoji; each byte of
 * malformed UTF-8 counts 1 (a terminal draws a replacement). */
int rep_text_width(const char *s, size_t len);
/* s padded with spaces to `width` columns: left-aligned (spaces after) when left, else
 * right-aligned; text wider than width is written whole (never cut). */
void rep_pad(brink_buf *out, const char *s, int width, int left);

#endif
