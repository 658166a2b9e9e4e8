/* io/game_read.c — read "a game" from text or a file, whatever its Gambit format.
 *
 * The first token decides: NFG -> .nfg reader, EFG -> .efg reader. Gambit's other formats
 * are recognised only to be refused clearly: action-graph games (#AGG, #BAGG) and the GUI
 * workspace (.gbt, XML).
 */
#include <string.h>

#include "brink/io.h"
#include "io/lex.h"

static int word_is(const io_token *t, const char *w)
{
    size_t n = strlen(w);
    return t->kind == IO_TOK_WORD && t->len == n && memcmp(t->text, w, n) == 0;
}

brink_status brink_game_read(const char *text, size_t len, const char *filename,
                             brink_game *game, brink_error *err)
{
    brink_error local;
    if (!err)
        err = &local; /* the readers' codes travel in err */
    game->kind = BRINK_GAME_NONE;
    game->nfg = NULL;
    game->efg = NULL;
    io_lexer lx;
    brink_status st = io_lex_init(&lx, text, len, filename, err);
    if (st != BRINK_OK && lx.cur.text && *lx.cur.text == '<') {
        /* The lexer stops on '<': a Gambit workspace is XML. Say so instead. */
        st = io_lex_error(&lx, BRINK_EUNSUPPORTED,
                          "unsupported format: a Gambit workspace (.gbt, XML); brink reads "
                          ".efg and .nfg");
    }
    if (st == BRINK_OK) {
        if (word_is(&lx.cur, "EFG")) {
            io_lex_free(&lx);
            game->efg = brink_efg_read(text, len, filename, err);
            if (!game->efg)
                return err->code;
            game->kind = BRINK_GAME_EFG;
            return BRINK_OK;
        }
        if (word_is(&lx.cur, "NFG")) {
            io_lex_free(&lx);
            game->nfg = brink_nfg_read(text, len, filename, err);
            if (!game->nfg)
                return err->code;
            game->kind = BRINK_GAME_NFG;
            return BRINK_OK;
        }
        if (word_is(&lx.cur, "#AGG") || word_is(&lx.cur, "#BAGG"))
            st = io_lex_error(&lx, BRINK_EUNSUPPORTED,
                              "unsupported format: %s action-graph game (.%s); brink reads .efg "
                              "and .nfg",
                              word_is(&lx.cur, "#AGG") ? "an" : "a Bayesian",
                              word_is(&lx.cur, "#AGG") ? "agg" : "bagg");
        else
            st = io_lex_expected(&lx, "'EFG' or 'NFG' at the start of a game file");
    }
    io_lex_free(&lx);
    return st;
}

brink_status brink_game_read_file(const char *path, brink_game *game, brink_error *err)
{
    game->kind = BRINK_GAME_NONE;
    game->nfg = NULL;
    game->efg = NULL;
    brink_buf buf;
    brink_buf_init(&buf);
    brink_status st = brink_read_file(path, BRINK_MAX_FILE_BYTES, &buf, err);
    if (st == BRINK_OK)
        st = brink_game_read(buf.data, buf.len, path, game, err);
    brink_buf_free(&buf);
    return st;
}
