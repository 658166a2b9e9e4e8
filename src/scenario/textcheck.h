/* textcheck.h — the bytes of a scenario are checked before any YAML parser sees them.
 *
 * libfyaml stops silently at a NUL byte, ends the stream at some invalid UTF-8 and can loop
 * forever on others (a `%` directive line followed by a non-UTF-8 byte), so the whole text is
 * validated first: it must be UTF-8 made of the characters YAML 1.2 calls printable (tab,
 * line feed, carriage return, U+0020-U+007E, U+0085, U+00A0-U+D7FF, U+E000-U+FFFD,
 * U+10000-U+10FFFF). Everything else (NUL and other C0 controls, DEL, C1 controls, surrogates,
 * overlong or truncated sequences, U+FFFE/U+FFFF) is refused at its file:line:column, the
 * column counted in characters, lines ended by \n, \r\n or a lone \r.
 */
#ifndef BRINK_SCENARIO_TEXTCHECK_H
#define BRINK_SCENARIO_TEXTCHECK_H

#include <stddef.h>
#include "brink/error.h"

brink_status sc_check_text(const char *text, size_t len, const char *file, brink_error *err);

#endif
