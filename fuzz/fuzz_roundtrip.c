/* fuzz_roundtrip.c — read -> write -> read on arbitrary game text (.efg or .nfg, sniffed):
 * when the reader accepts the input and the writer writes it (the writer may refuse a label
 * the Gambit format cannot carry), the text must read back as the same game (the strict
 * comparison of tests/unit/test_io_common.h) and writing that game again must give the same
 * bytes. */
#include "fuzz_common.h"
#include "test_io_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    brink_error err;
    brink_error_clear(&err);
    brink_game g = {BRINK_GAME_NONE, NULL, NULL};
    brink_status st = brink_game_read((const char *)data, size, "fuzz", &g, &err);
    if (st != BRINK_OK) {
        fuzz_check_error(&err, st, size);
        brink_game_free(&g);
        return 0;
    }
    brink_buf t;
    brink_buf_init(&t);
    st = g.kind == BRINK_GAME_NFG ? brink_nfg_write(g.nfg, &t, &err)
                                  : brink_efg_write(g.efg, &t, &err);
    brink_buf_free(&t);
    if (st == BRINK_OK) { /* written: it must come back the same */
        char why[256] = "";
        if (!io_roundtrip(&g, "fuzz", why, sizeof why))
            FUZZ_BUG("round trip: %s", why);
    } else if (!err.message[0]) {
        FUZZ_BUG("writer refused without a message");
    }
    brink_game_free(&g);
    return 0;
}
