/* io/nfg_read.c — reader for Gambit .nfg files (GAMBIT-FORMATS.md §2, §3).
 *
 *   NFG 1 R "title" { "P1" "P2" ... }
 *       { k1 k2 ... }                       count form: strategies labelled "1".."k"
 *    or { { "s11" "s12" ... } { ... } ... }  nested-label form
 *   ["comment"]
 *   payoff version:  n * prod(k) numbers, player 1's strategy varying fastest, payoffs of
 *                    players 1..n per cell
 *   outcome version: { { "label" u1 [,] u2 ... } ... }  then prod(k) outcome indices
 *                    (1-based, 0 = no outcome)
 *
 * Which version follows is decided by the first token after the header: '{' = outcomes.
 * Either header form may precede either version.
 *
 * Sizes: the table is only allocated after the strategy counts pass three checks — the number
 * of cells is within BRINK_MAX_CELLS and its memory (BRINK_NFG_BYTES_PER_PAYOFF per payoff)
 * within BRINK_MAX_NFG_TABLE_BYTES (else BRINK_ETOOBIG), and the input left is long enough
 * to hold one token per entry (at least two bytes each). When it is not, the body is still
 * scanned (without storing) so the error points at the place where the data runs out.
 * Empty and duplicate strategy labels are kept as written.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/io.h"
#include "io/lex.h"
#include "io/util.h"

typedef struct nfg_reader {
    io_lexer lx;
    brink_error *err;
    brink_arena *arena;
    char *title, *comment;
    char **players;
    size_t nplayers, players_cap;
    int nstrats[BRINK_MAX_PLAYERS];
    char **labels;           /* nested form: all strategy labels, player by player */
    size_t nlabels, labels_cap;
    int nested;
    size_t ncells;
    int hline, hcol;         /* where the strategy list starts */
    brink_nfg *g;
} nfg_reader;


static brink_status take_string_copy(nfg_reader *r, const char *what, char **out)
{
    brink_status st = io_lex_check_string(&r->lx, what);
    if (st != BRINK_OK)
        return st;
    if (!(*out = brink_arena_strdup(r->arena, r->lx.cur.text)))
        return io_lex_oom(&r->lx);
    return io_lex_advance(&r->lx);
}

/* ---- header ---- */

static brink_status read_strategy_counts(nfg_reader *r)
{
    io_lexer *lx = &r->lx;
    brink_status st;
    size_t p = 0;
    while (lx->cur.kind == IO_TOK_NUMBER) {
        long k;
        if (p >= r->nplayers)
            return io_lex_error(lx, BRINK_EINVALID,
                                "more strategy counts than players (the game has %zu players)",
                                r->nplayers);
        if ((st = io_lex_take_int(lx, "number of strategies", 1, INT_MAX, &k)) != BRINK_OK)
            return st;
        r->nstrats[p++] = (int)k;
    }
    if (lx->cur.kind != IO_TOK_RBRACE)
        return io_lex_expected(lx, "a number of strategies or '}'");
    if (p != r->nplayers)
        return io_lex_error(lx, BRINK_EINVALID,
                            "%zu strategy count%s for %zu players (one per player expected)", p,
                            p == 1 ? "" : "s", r->nplayers);
    return io_lex_advance(lx);
}

static brink_status read_strategy_labels(nfg_reader *r)
{
    io_lexer *lx = &r->lx;
    brink_status st;
    size_t p = 0;
    r->nested = 1;
    while (lx->cur.kind == IO_TOK_LBRACE) {
        if (p >= r->nplayers)
            return io_lex_error(lx, BRINK_EINVALID,
                                "more strategy lists than players (the game has %zu players)",
                                r->nplayers);
        int bl = lx->cur.line, bc = lx->cur.col;
        if ((st = io_lex_advance(lx)) != BRINK_OK)
            return st;
        size_t k = 0;
        while (lx->cur.kind == IO_TOK_STRING) {
            if (k >= INT_MAX / 2)
                return io_lex_error(lx, BRINK_ETOOBIG, "too many strategies");
            if (io_grow((void **)&r->labels, &r->labels_cap, r->nlabels + 1, sizeof(char *)))
                return io_lex_oom(&r->lx);
            if ((st = take_string_copy(r, "a strategy label", &r->labels[r->nlabels])) != BRINK_OK)
                return st;
            r->nlabels++;
            k++;
        }
        if (lx->cur.kind != IO_TOK_RBRACE)
            return io_lex_expected(lx, "a strategy label (a quoted string) or '}'");
        if (k == 0)
            return io_lex_error_at(lx, BRINK_EINVALID, bl, bc, "player %zu has no strategies",
                                   p + 1);
        r->nstrats[p++] = (int)k;
        if ((st = io_lex_advance(lx)) != BRINK_OK)
            return st;
    }
    if (lx->cur.kind != IO_TOK_RBRACE)
        return io_lex_expected(lx, "'{' starting a player's strategy labels, or '}'");
    if (p != r->nplayers)
        return io_lex_error(lx, BRINK_EINVALID,
                            "%zu strategy list%s for %zu players (one per player expected)", p,
                            p == 1 ? "" : "s", r->nplayers);
    return io_lex_advance(lx);
}

static brink_status read_header(nfg_reader *r)
{
    io_lexer *lx = &r->lx;
    brink_status st;
    if ((st = io_lex_take_prologue(lx, "NFG", 1)) != BRINK_OK)
        return st;
    if ((st = take_string_copy(r, "the game title (a quoted string)", &r->title)) != BRINK_OK)
        return st;

    int pline = lx->cur.line, pcol = lx->cur.col;
    if ((st = io_lex_take_lbrace(lx, "'{' starting the list of player names")) != BRINK_OK)
        return st;
    while (lx->cur.kind == IO_TOK_STRING) {
        if (r->nplayers >= BRINK_MAX_PLAYERS)
            return io_lex_error(lx, BRINK_ETOOBIG, "too many players (brink's limit is %d)",
                                BRINK_MAX_PLAYERS);
        if (io_grow((void **)&r->players, &r->players_cap, r->nplayers + 1, sizeof(char *)))
            return io_lex_oom(&r->lx);
        if ((st = take_string_copy(r, "a player name", &r->players[r->nplayers])) != BRINK_OK)
            return st;
        r->nplayers++;
    }
    if (lx->cur.kind != IO_TOK_RBRACE)
        return io_lex_expected(lx, "a player name (a quoted string) or '}'");
    if (r->nplayers == 0)
        return io_lex_error_at(lx, BRINK_EINVALID, pline, pcol,
                               "the game has no players (the list of player names is empty)");
    if ((st = io_lex_advance(lx)) != BRINK_OK)
        return st;

    r->hline = lx->cur.line;
    r->hcol = lx->cur.col;
    if ((st = io_lex_take_lbrace(lx, "'{' starting the strategy counts or labels")) != BRINK_OK)
        return st;
    if (lx->cur.kind == IO_TOK_LBRACE)
        st = read_strategy_labels(r);
    else
        st = read_strategy_counts(r);
    if (st != BRINK_OK)
        return st;

    if (lx->cur.kind == IO_TOK_STRING) /* optional comment */
        return take_string_copy(r, "the comment", &r->comment);
    return BRINK_OK;
}

/* Cells = product of strategy counts, within BRINK_MAX_CELLS, and the table's memory within
 * BRINK_MAX_NFG_TABLE_BYTES (both checked before anything is allocated). */
static brink_status check_size(nfg_reader *r)
{
    size_t cells = 1;
    int big = 0;
    for (size_t p = 0; p < r->nplayers; p++) {
        if (brink_mul_size(cells, (size_t)r->nstrats[p], &cells) != 0 || cells > BRINK_MAX_CELLS)
            big = 1;
        if (big)
            break;
    }
    if (big) {
        /* Say how big, as a double (the exact product may overflow). */
        double prod = 1;
        brink_buf dims;   /* every player's count (the message is cut at its own size) */
        brink_buf_init(&dims);
        for (size_t p = 0; p < r->nplayers; p++) {
            prod *= (double)r->nstrats[p];
            brink_buf_printf(&dims, "%s%d", p ? " x " : "", r->nstrats[p]);
        }
        if (dims.failed) {
            brink_buf_free(&dims);
            return io_lex_oom(&r->lx);
        }
        brink_status st = io_lex_error_at(&r->lx, BRINK_ETOOBIG, r->hline, r->hcol,
                                          "the strategy table %s has %.4g cells; brink's limit "
                                          "is %zu", dims.data, prod, (size_t)BRINK_MAX_CELLS);
        brink_buf_free(&dims);
        return st;
    }
    /* Memory, not only cells: every payoff is held exactly and as a double. */
    size_t payoffs, bytes;
    if (brink_mul_size(cells, r->nplayers, &payoffs) != 0 ||
        brink_mul_size(payoffs, BRINK_NFG_BYTES_PER_PAYOFF, &bytes) != 0 ||
        bytes > BRINK_MAX_NFG_TABLE_BYTES)
        return io_lex_error_at(&r->lx, BRINK_ETOOBIG, r->hline, r->hcol,
                               "the strategy table has %zu cells of %zu payoffs, about %.3g GB "
                               "in memory; brink's limit is %.3g GB (BRINK_MAX_NFG_TABLE_BYTES)",
                               cells, r->nplayers,
                               (double)cells * (double)r->nplayers *
                                   BRINK_NFG_BYTES_PER_PAYOFF / 1e9,
                               (double)BRINK_MAX_NFG_TABLE_BYTES / 1e9);
    r->ncells = cells;
    return BRINK_OK;
}

static brink_status make_game(nfg_reader *r)
{
    brink_status st = BRINK_OK;
    r->g = brink_nfg_new((int)r->nplayers, r->nstrats, r->err);
    if (!r->g)
        return io_lex_relocate(&r->lx, r->hline, r->hcol);
    st = brink_nfg_set_title(r->g, r->title, r->err);
    if (st == BRINK_OK && r->comment)
        st = brink_nfg_set_comment(r->g, r->comment, r->err);
    for (size_t p = 0; st == BRINK_OK && p < r->nplayers; p++)
        st = brink_nfg_set_player_name(r->g, (int)p, r->players[p], r->err);
    if (r->nested) {
        size_t k = 0;
        for (size_t p = 0; st == BRINK_OK && p < r->nplayers; p++)
            for (int s = 0; st == BRINK_OK && s < r->nstrats[p]; s++)
                st = brink_nfg_set_strat_label(r->g, (int)p, s, r->labels[k++], r->err);
    }
    if (st != BRINK_OK)
        return io_lex_relocate(&r->lx, r->hline, r->hcol);
    return BRINK_OK;
}

/* ---- bodies ---- */

/* Can `need` number tokens still follow, starting with the current token? Each but the last
 * takes at least one character and one separator, so they need 2 * need - 1 bytes. When this
 * fails the body is scanned without storing: the table is never allocated on the word of a
 * count that the input cannot back. */
static int plausible(const io_lexer *lx, size_t need)
{
    size_t avail = io_lex_remaining(lx) + lx->cur.len;
    return need <= avail / 2 + 1;
}

static brink_status read_payoff_body(nfg_reader *r)
{
    io_lexer *lx = &r->lx;
    brink_status st = BRINK_OK;
    size_t n = r->nplayers, need;
    if (brink_mul_size(r->ncells, n, &need) != 0)
        return io_lex_error(lx, BRINK_ETOOBIG, "too many payoffs");
    int store = plausible(lx, need);
    if (store && (st = make_game(r)) != BRINK_OK)
        return st;
    mpq_t q;
    mpq_init(q);
    for (size_t i = 0; i < need; i++) {
        if (lx->cur.kind != IO_TOK_NUMBER) {
            char what[128];
            snprintf(what, sizeof what, "payoff %zu of %zu (a number: player %zu in cell %zu)",
                     i + 1, need, i % n + 1, i / n + 1);
            st = io_lex_expected(lx, what);
            break;
        }
        if ((st = io_lex_take_number(lx, "payoff", q)) != BRINK_OK)
            break;
        if (store)
            brink_nfg_set_payoff(r->g, i / n, (int)(i % n), q);
    }
    mpq_clear(q);
    return st;
}

static brink_status read_outcome_body(nfg_reader *r)
{
    io_lexer *lx = &r->lx;
    brink_status st = BRINK_OK;
    size_t n = r->nplayers;
    char **olabels = NULL;
    size_t nout = 0, olabels_cap = 0;
    mpq_t *pay = NULL;
    size_t pay_cap = 0;
    int *cell_outcome = NULL;

    if ((st = io_lex_advance(lx)) != BRINK_OK) /* the outer '{' */
        goto done;
    while (lx->cur.kind == IO_TOK_LBRACE) {
        if (nout >= INT_MAX / 2) {
            st = io_lex_error(lx, BRINK_ETOOBIG, "too many outcomes");
            goto done;
        }
        if ((st = io_lex_advance(lx)) != BRINK_OK)
            goto done;
        if (io_grow((void **)&olabels, &olabels_cap, nout + 1, sizeof(char *)) != 0 ||
            io_grow_q(&pay, &pay_cap, (nout + 1) * n) != 0) {
            st = io_lex_oom(&r->lx);
            goto done;
        }
        st = take_string_copy(r, "the outcome label (a quoted string)", &olabels[nout]);
        if (st != BRINK_OK)
            goto done;
        for (size_t p = 0; p < n; p++) {
            if (lx->cur.kind != IO_TOK_NUMBER) {
                char what[80];
                snprintf(what, sizeof what, "payoff of player %zu in outcome %zu (a number)",
                         p + 1, nout + 1);
                st = io_lex_expected(lx, what);
                goto done;
            }
            if ((st = io_lex_take_number(lx, "payoff", pay[nout * n + p])) != BRINK_OK)
                goto done;
            if ((st = io_lex_skip_comma(lx)) != BRINK_OK)
                goto done;
        }
        if (lx->cur.kind != IO_TOK_RBRACE) {
            char what[80];
            snprintf(what, sizeof what, "'}' after the %zu payoffs of outcome %zu", n, nout + 1);
            st = io_lex_expected(lx, what);
            goto done;
        }
        if ((st = io_lex_advance(lx)) != BRINK_OK)
            goto done;
        nout++;
    }
    if (lx->cur.kind != IO_TOK_RBRACE) {
        st = io_lex_expected(lx, "'{' starting an outcome, or '}' ending the outcome list");
        goto done;
    }
    if ((st = io_lex_advance(lx)) != BRINK_OK)
        goto done;

    /* Outcome indices, one per cell. */
    int store = plausible(lx, r->ncells);
    if (store && !(cell_outcome = brink_calloc(r->ncells, sizeof(int)))) {
        st = io_lex_oom(&r->lx);
        goto done;
    }
    for (size_t c = 0; c < r->ncells; c++) {
        long k;
        int line = lx->cur.line, col = lx->cur.col;
        if (lx->cur.kind != IO_TOK_NUMBER) {
            char what[96];
            snprintf(what, sizeof what, "outcome index %zu of %zu (a whole number)", c + 1,
                     r->ncells);
            st = io_lex_expected(lx, what);
            goto done;
        }
        if ((st = io_lex_take_int(lx, "outcome index", 0, LONG_MAX, &k)) != BRINK_OK)
            goto done;
        if ((size_t)k > nout) {
            st = io_lex_error_at(lx, BRINK_EINVALID, line, col,
                                 "outcome %ld is not defined (the file defines %zu outcome%s)",
                                 k, nout, nout == 1 ? "" : "s");
            goto done;
        }
        if (store)
            cell_outcome[c] = (int)k - 1;
    }
    if (!store) /* unreachable: the scan above must have hit the end of input */
        goto done;
    int bl = lx->cur.line, bc = lx->cur.col;
    if ((st = make_game(r)) != BRINK_OK)
        goto done;
    if (brink_nfg_set_outcomes(r->g, (int)nout, (const char *const *)olabels,
                               (const mpq_t *)pay, cell_outcome, r->err) != BRINK_OK)
        st = io_lex_relocate(&r->lx, bl, bc);
done:
    free(olabels);
    io_free_q(pay, pay_cap);
    free(cell_outcome);
    return st;
}

brink_nfg *brink_nfg_read(const char *text, size_t len, const char *filename, brink_error *err)
{
    nfg_reader r;
    memset(&r, 0, sizeof r);
    r.err = err;
    brink_status st = io_lex_init(&r.lx, text, len, filename, err);
    if (st == BRINK_OK && len > BRINK_MAX_FILE_BYTES)
        st = io_lex_error(&r.lx, BRINK_ETOOBIG, "input of %zu bytes exceeds the limit of %zu",
                          len, (size_t)BRINK_MAX_FILE_BYTES);
    if (st == BRINK_OK && !(r.arena = brink_arena_new()))
        st = io_lex_oom(&r.lx);
    if (st == BRINK_OK)
        st = read_header(&r);
    if (st == BRINK_OK)
        st = check_size(&r);
    if (st == BRINK_OK) {
        if (r.lx.cur.kind == IO_TOK_LBRACE)
            st = read_outcome_body(&r);
        else
            st = read_payoff_body(&r);
    }
    if (st == BRINK_OK && r.lx.cur.kind != IO_TOK_EOF)
        st = io_lex_expected(&r.lx, "end of file (all payoffs have been read)");
    if (st == BRINK_OK && !r.g) /* cannot happen: a short body fails above */
        st = io_lex_error(&r.lx, BRINK_EINTERNAL, "no game was built");
    brink_nfg *g = r.g;
    if (st != BRINK_OK) {
        brink_nfg_free(g);
        g = NULL;
    }
    io_lex_free(&r.lx);
    free(r.players);
    free(r.labels);
    brink_arena_free(r.arena);
    return g;
}
