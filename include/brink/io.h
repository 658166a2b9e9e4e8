/* brink/io.h — reading and writing games and results: Gambit .efg/.nfg, JSON.
 *
 * Readers take text in memory plus a file name for messages; errors carry line:column.
 * Writers append to a brink_buf. Reading is linear in the input size.
 */
#ifndef BRINK_IO_H
#define BRINK_IO_H

#include "game.h"
#include "solve.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Size limit for game files read whole into memory. */
#define BRINK_MAX_FILE_BYTES ((size_t)1 << 31)
/* A game file must show its first token (EFG, NFG) within this many bytes: binary data or an
 * endless stream (/dev/zero) is refused after reading this much, not 2 GB. */
#define BRINK_MAX_PREFIX_BYTES ((size_t)1 << 16)
/* Memory of the strategic-form table a .nfg file asks for (cells x players x the bytes one
 * payoff takes: an exact rational and a double), checked before it is allocated. A few
 * bytes of outcome indices per cell could otherwise ask for ~100 bytes per payoff. */
#define BRINK_NFG_BYTES_PER_PAYOFF ((size_t)112)
#define BRINK_MAX_NFG_TABLE_BYTES ((size_t)1 << 32)

brink_nfg *brink_nfg_read(const char *text, size_t len, const char *filename, brink_error *err);
brink_efg *brink_efg_read(const char *text, size_t len, const char *filename, brink_error *err);
/* Sniff "NFG"/"EFG" and read either; game->kind tells which. */
brink_status brink_game_read(const char *text, size_t len, const char *filename,
                             brink_game *game, brink_error *err);
brink_status brink_game_read_file(const char *path, brink_game *game, brink_error *err);

/* Gambit writers. The nfg writer uses the outcome version when the game has outcomes,
 * otherwise the payoff version. */
brink_status brink_nfg_write(const brink_nfg *g, brink_buf *out, brink_error *err);
brink_status brink_efg_write(const brink_efg *g, brink_buf *out, brink_error *err);

/* Graphviz DOT picture of a tree; behav (may be NULL) adds a profile's probabilities.
 * Refuses trees with more than max_nodes nodes (0 = no limit) with BRINK_ETOOBIG. */
brink_status brink_efg_write_dot(const brink_efg *g, const double *behav, int max_nodes,
                                 brink_buf *out, brink_error *err);

/* JSON */
brink_status brink_nfg_write_json(const brink_nfg *g, brink_buf *out, brink_error *err);
brink_status brink_efg_write_json(const brink_efg *g, brink_buf *out, brink_error *err);
/* Escape and quote a string as JSON. */
void brink_json_string(brink_buf *out, const char *s);

#ifdef __cplusplus
}
#endif
#endif
