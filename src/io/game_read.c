/* io/game_read.c — read "a game" from text or a file, whatever its Gambit format.
 *
 * The first token decides: NFG -> .nfg reader, EFG -> .efg reader. Gambit's other formats
 * are recognised only to be refused clearly: action-graph games (#AGG, #BAGG) and the GUI
 * workspace (.gbt, XML). Files are looked at while they are read: one that does not start
 * like a game file is refused before the rest is read (see read_game_file).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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

/* Does the text so far hold the start of a first token? 1 yes, 0 not yet (only white space,
 * or a UTF-8 byte order mark), -1 it starts with something no game file starts with. */
static int prefix_state(const char *text, size_t len)
{
    size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' ||
                       text[i] == '\v' || text[i] == '\f'))
        i++;
    if (i == len)
        return 0;
    char c = text[i];
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '#' || c == '<' ? 1 : -1;
}

/* Line and column just after text (white space: lines end at \n, \r\n or a lone \r). */
static void end_of(const char *text, size_t len, int *line, int *col)
{
    long l = 1, c = 1;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n' || (text[i] == '\r' && !(i + 1 < len && text[i + 1] == '\n'))) {
            l++;
            c = 1;
        } else if (text[i] != '\r') {
            c++;
        }
    }
    *line = l > INT_MAX ? INT_MAX : (int)l;
    *col = c > INT_MAX ? INT_MAX : (int)c;
}

/* Read a game file whole, but look at its start first: binary data or an endless stream of
 * zeros or blanks (/dev/zero, a device) is refused, located, after BRINK_MAX_PREFIX_BYTES at
 * most instead of after BRINK_MAX_FILE_BYTES. */
static brink_status read_game_file(const char *path, brink_buf *out, brink_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return brink_error_set_at(err, BRINK_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fclose(f);
        return brink_error_set_at(err, BRINK_EIO, path, 0, 0, "is a directory");
    }
    char chunk[4096];
    size_t n;
    int checked = 0;
    brink_status st = BRINK_OK;
    while (!st && (n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (out->len + n > BRINK_MAX_FILE_BYTES) {
            st = brink_error_set_at(err, BRINK_ETOOBIG, path, 0, 0,
                                    "file larger than the %zu-byte limit",
                                    (size_t)BRINK_MAX_FILE_BYTES);
            break;
        }
        brink_buf_append(out, chunk, n);
        if (out->failed) {
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory reading %s", path);
            break;
        }
        if (!checked) {
            int ps = prefix_state(out->data, out->len);
            if (ps < 0) {
                /* the lexer says what and where */
                brink_game g;
                st = brink_game_read(out->data, out->len, path, &g, err);
                if (st == BRINK_OK) { /* cannot happen: no game starts that way */
                    brink_game_free(&g);
                    st = brink_error_set_at(err, BRINK_EINTERNAL, path, 1, 1,
                                            "unreadable start of a game file");
                }
            } else if (ps == 0 && out->len >= BRINK_MAX_PREFIX_BYTES) {
                int line, col;
                end_of(out->data, out->len, &line, &col);
                st = brink_error_set_at(err, BRINK_ESYNTAX, path, line, col,
                                        "no 'EFG' or 'NFG' in the first %zu bytes (only white "
                                        "space)", out->len);
            }
            checked = ps != 0;
        }
    }
    if (!st && ferror(f))
        st = brink_error_set_at(err, BRINK_EIO, path, 0, 0, "read error");
    fclose(f);
    if (!st) {
        brink_buf_append(out, "", 0); /* NUL-terminated even when empty */
        if (out->failed)
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    return st;
}

brink_status brink_game_read_file(const char *path, brink_game *game, brink_error *err)
{
    game->kind = BRINK_GAME_NONE;
    game->nfg = NULL;
    game->efg = NULL;
    brink_buf buf;
    brink_buf_init(&buf);
    brink_status st = read_game_file(path, &buf, err);
    if (st == BRINK_OK)
        st = brink_game_read(buf.data, buf.len, path, game, err);
    brink_buf_free(&buf);
    return st;
}
