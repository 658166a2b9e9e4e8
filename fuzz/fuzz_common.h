/* fuzz_common.h — shared by the libFuzzer targets in fuzz/ (fuzz_*.c).
 *
 * Each target defines LLVMFuzzerTestOneInput. Built with clang -fsanitize=fuzzer it is a
 * libFuzzer binary (make fuzz); linked with replay_main.c instead it replays files, which is
 * how ctest runs the saved crash inputs of tests/data/fuzz-regressions/<target>/ with gcc,
 * clang and ASan. A broken property (not a refused input: refusals are normal) is reported
 * with FUZZ_BUG, which prints and aborts so that libFuzzer saves the input.
 */
#ifndef BRINK_FUZZ_COMMON_H
#define BRINK_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/brink.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_BUG(...)                                                                      \
    do {                                                                                   \
        fprintf(stderr, "fuzz: %s:%d: ", __FILE__, __LINE__);                              \
        fprintf(stderr, __VA_ARGS__);                                                      \
        fputc('\n', stderr);                                                               \
        abort();                                                                           \
    } while (0)

/* An error must say what went wrong, and a located one must be placed inside the input. */
static inline void fuzz_check_error(const brink_error *err, brink_status st, size_t size)
{
    if (st == BRINK_OK)
        FUZZ_BUG("failure without a status");
    if (err->code != st)
        FUZZ_BUG("returned %d, error record says %d (%s)", (int)st, (int)err->code,
                 err->message);
    if (!err->message[0])
        FUZZ_BUG("status %d without a message", (int)st);
    if (err->line < 0 || err->column < 0 || (size_t)err->line > size + 1)
        FUZZ_BUG("error placed at %d:%d, outside an input of %zu bytes (%s)", err->line,
                 err->column, size, err->message);
}

#endif
