/* fuzz_nfg_read.c — the .nfg reader on arbitrary bytes: a game or a located error, never a
 * crash, hang or leak; a game it returns must be writable as .nfg and JSON. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    brink_error err;
    brink_error_clear(&err);
    brink_nfg *g = brink_nfg_read((const char *)data, size, "fuzz.nfg", &err);
    if (!g) {
        fuzz_check_error(&err, err.code, size);
        return 0;
    }
    brink_buf b;
    brink_buf_init(&b);
    if (brink_nfg_write(g, &b, &err) != BRINK_OK && !err.message[0])
        FUZZ_BUG("nfg writer failed without a message");
    brink_buf_reset(&b);
    if (brink_nfg_write_json(g, &b, &err) != BRINK_OK && !err.message[0])
        FUZZ_BUG("json writer failed without a message");
    brink_buf_free(&b);
    brink_nfg_free(g);
    return 0;
}
