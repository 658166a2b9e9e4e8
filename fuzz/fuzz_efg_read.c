/* fuzz_efg_read.c — the .efg reader on arbitrary bytes: it must return a game or a located
 * error, never crash, hang or leak; a game it returns must be writable as .efg, JSON and DOT
 * (the writers may refuse, with a message, but must not crash). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    brink_error err;
    brink_error_clear(&err);
    brink_efg *g = brink_efg_read((const char *)data, size, "fuzz.efg", &err);
    if (!g) {
        fuzz_check_error(&err, err.code, size);
        return 0;
    }
    brink_buf b;
    brink_buf_init(&b);
    if (brink_efg_write(g, &b, &err) != BRINK_OK && !err.message[0])
        FUZZ_BUG("efg writer failed without a message");
    brink_buf_reset(&b);
    if (brink_efg_write_json(g, &b, &err) != BRINK_OK && !err.message[0])
        FUZZ_BUG("json writer failed without a message");
    brink_buf_reset(&b);
    if (brink_efg_write_dot(g, NULL, 2000, &b, &err) != BRINK_OK && !err.message[0])
        FUZZ_BUG("dot writer failed without a message");
    brink_buf_free(&b);
    brink_efg_free(g);
    return 0;
}
