/* io/efg_read.c — reader for Gambit .efg files (version 2), see GAMBIT-FORMATS.md §4.
 *
 *   EFG 2 R "title" { "P1" "P2" ... } ["comment"]
 *   then the nodes in pre-order:
 *     c "node" iset ["iset label" { "a1" p1 "a2" p2 ... }] outcome ["label" { u1, u2 ... }]
 *     p "node" player iset ["iset label" { "a1" "a2" ... }] outcome ["label" { u1 u2 ... }]
 *     t "node" outcome ["label" { u1 u2 ... }]
 *
 * The body is read in one loop with no recursion: a counter of "open child slots" (1 for the
 * root, then + nactions - 1 per node) says when the tree is complete, after which only the end
 * of the file may follow. Nodes go straight to the efg builder, which takes them in pre-order.
 * Memory is proportional to the input: nothing is allocated from a count read in the file.
 *
 * Infoset numbers are per player (chance has its own namespace); outcome numbers are global.
 * The first use of an infoset/outcome number must describe it; later uses may omit the
 * description or repeat it, and a repeat must match (labels exactly, numbers as exact values —
 * Gambit compares number text, so "1/2" vs "0.5" is accepted here but not by Gambit).
 *
 * Labels are not identities: brink identifies nodes and infosets by position and number, so
 * duplicate node labels and duplicate infoset labels are accepted, as older Gambit versions
 * did (Gambit 17 rejects them; files such as 4cards.efg, nim.efg, holdout.efg in Gambit's
 * contrib collection depend on this). Empty and duplicate action labels are kept as written.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/io.h"
#include "io/intmap.h"
#include "io/lex.h"
#include "io/util.h"

/* What the reader remembers about an infoset, to check later descriptions against it. */
typedef struct iset_rec {
    int id;            /* builder infoset id */
    int player;        /* 0-based, or BRINK_CHANCE */
    int number;        /* file number */
    int nactions;
    int line;          /* where it was described */
    char *label;       /* arena */
    char **actions;    /* arena, [nactions] */
    size_t prob_start; /* chance only: index into probs pool */
} iset_rec;

typedef struct outcome_rec {
    int id;
    int line;
    char *label;
    size_t pay_start; /* index into pays pool, nplayers entries */
} outcome_rec;

typedef struct efg_reader {
    io_lexer lx;
    brink_error *err;
    brink_efg_builder *b;
    brink_arena *arena;
    int nplayers;
    iset_rec *isets;
    size_t nisets, isets_cap;
    outcome_rec *outs;
    size_t nouts, outs_cap;
    io_intmap iset_map;  /* (player + 1) << 32 | number -> index in isets */
    io_intmap out_map;   /* number -> index in outs */
    mpq_t *probs;        /* pool of chance probabilities of described infosets */
    size_t nprobs, probs_cap;
    char **prob_text;    /* their source text, parallel to probs */
    size_t prob_text_cap;
    mpq_t *pays;         /* pool of outcome payoffs */
    size_t npays, pays_cap;
    char **pay_text;     /* their source text, parallel to pays */
    size_t pay_text_cap;
    mpq_t *scratch_q;    /* one description's numbers */
    size_t scratch_q_cap;
    char **scratch_t;    /* ... and their text */
    size_t scratch_t_cap;
    const char **scratch_s; /* one description's action labels */
    size_t scratch_s_cap;
    int *node_line, *node_col; /* where each node was written, handed to the game */
    size_t node_line_cap, node_col_cap;
    mpq_t tmp, sum;
} efg_reader;


static char *keep(efg_reader *r, const char *s)
{
    return brink_arena_strdup(r->arena, s);
}

/* Copy of the current token's text (numbers are kept as text to compare repeats fast). */
static char *keep_token(efg_reader *r)
{
    return brink_arena_strndup(r->arena, r->lx.cur.text, r->lx.cur.len);
}

/* Is the current token's text exactly t? Gambit writes a repeated description with the
 * same number text, so this settles most comparisons without parsing the number. */
static int token_is(const io_lexer *lx, const char *t)
{
    return strncmp(lx->cur.text, t, lx->cur.len) == 0 && t[lx->cur.len] == '\0';
}

static const char *player_name(int player, char *buf, size_t size)
{
    if (player == BRINK_CHANCE)
        snprintf(buf, size, "chance");
    else
        snprintf(buf, size, "player %d", player + 1);
    return buf;
}

/* ---- prologue ---- */

static brink_status read_header(efg_reader *r)
{
    io_lexer *lx = &r->lx;
    brink_status st;
    if ((st = io_lex_take_prologue(lx, "EFG", 2)) != BRINK_OK)
        return st;
    if ((st = io_lex_check_string(lx, "the game title (a quoted string)")) != BRINK_OK)
        return st;
    char *title = keep(r, lx->cur.text);
    if (!title)
        return io_lex_oom(&r->lx);
    if ((st = io_lex_advance(lx)) != BRINK_OK)
        return st;

    /* Player names: collected first, since the builder needs the count. */
    int pline = lx->cur.line, pcol = lx->cur.col;
    if ((st = io_lex_take_lbrace(lx, "'{' starting the list of player names")) != BRINK_OK)
        return st;
    char **names = NULL;
    size_t nnames = 0, names_cap = 0;
    while (lx->cur.kind == IO_TOK_STRING) {
        if (nnames >= BRINK_MAX_PLAYERS) {
            free(names);
            return io_lex_error(lx, BRINK_ETOOBIG, "too many players (brink's limit is %d)",
                                BRINK_MAX_PLAYERS);
        }
        char *name = keep(r, lx->cur.text);
        if (!name || io_grow((void **)&names, &names_cap, nnames + 1, sizeof *names) != 0) {
            free(names);
            return io_lex_oom(&r->lx);
        }
        names[nnames++] = name;
        if ((st = io_lex_advance(lx)) != BRINK_OK) {
            free(names);
            return st;
        }
    }
    if (lx->cur.kind != IO_TOK_RBRACE) {
        free(names);
        return io_lex_expected(lx, "a player name (a quoted string) or '}'");
    }
    if (nnames == 0) {
        free(names);
        return io_lex_error_at(lx, BRINK_EINVALID, pline, pcol,
                               "the game has no players (the list of player names is empty)");
    }
    if ((st = io_lex_advance(lx)) != BRINK_OK) {
        free(names);
        return st;
    }
    r->nplayers = (int)nnames;
    r->b = brink_efg_builder_new(r->nplayers, r->err);
    if (!r->b) {
        free(names);
        return io_lex_relocate(&r->lx, pline, pcol);
    }
    st = brink_efg_builder_set_title(r->b, title, r->err);
    for (int p = 0; st == BRINK_OK && p < r->nplayers; p++)
        st = brink_efg_builder_set_player_name(r->b, p, names[p], r->err);
    free(names);
    if (st != BRINK_OK)
        return io_lex_relocate(&r->lx, pline, pcol);

    if (lx->cur.kind == IO_TOK_STRING) { /* optional comment */
        if (brink_efg_builder_set_comment(r->b, lx->cur.text, r->err) != BRINK_OK)
            return io_lex_relocate(&r->lx, lx->cur.line, lx->cur.col);
        if ((st = io_lex_advance(lx)) != BRINK_OK)
            return st;
    }
    return BRINK_OK;
}

/* ---- infoset descriptions ---- */

static uint64_t iset_key(int player, long number)
{
    return ((uint64_t)(uint32_t)(player + 1) << 32) | (uint64_t)number;
}

/* Compare a repeated description's action list against the record, token by token. */
static brink_status check_repeat_actions(efg_reader *r, const iset_rec *h, int chance)
{
    io_lexer *lx = &r->lx;
    brink_status st;
    char who[32]; /* "chance" or "player N": filled only when a message needs it */
    int k = 0;
    while (lx->cur.kind == IO_TOK_STRING) {
        if (k >= h->nactions)
            return io_lex_error(lx, BRINK_EINVALID,
                                "infoset %d of %s has %d actions (line %d), but here more are "
                                "listed", h->number, player_name(h->player, who, sizeof who),
                                h->nactions, h->line);
        if (strcmp(lx->cur.text, h->actions[k]) != 0) {
            char t[IO_LEX_CLIP_SIZE(40)], u[IO_LEX_CLIP_SIZE(40)];
            io_lex_clip(t, sizeof t, lx->cur.text, lx->cur.len, 40);
            io_lex_clip(u, sizeof u, h->actions[k], strlen(h->actions[k]), 40);
            return io_lex_error(lx, BRINK_EINVALID,
                                "action %d of infoset %d of %s is \"%s\" here but \"%s\" at "
                                "line %d", k + 1, h->number,
                                player_name(h->player, who, sizeof who), t, u, h->line);
        }
        if ((st = io_lex_advance(lx)) != BRINK_OK)
            return st;
        if (chance && lx->cur.kind == IO_TOK_NUMBER &&
            token_is(lx, r->prob_text[h->prob_start + (size_t)k])) {
            if ((st = io_lex_advance(lx)) != BRINK_OK)
                return st;
        } else if (chance) {
            int line = lx->cur.line, col = lx->cur.col;
            if ((st = io_lex_take_number(lx, "chance probability", r->tmp)) != BRINK_OK)
                return st;
            if (!mpq_equal(r->tmp, r->probs[h->prob_start + (size_t)k]))
                return io_lex_error_at(lx, BRINK_EINVALID, line, col,
                                       "probability of action %d of chance infoset %d differs "
                                       "from its description at line %d", k + 1, h->number,
                                       h->line);
        }
        k++;
    }
    if (lx->cur.kind != IO_TOK_RBRACE)
        return io_lex_expected(lx, chance ? "a chance action label (a quoted string) or '}'"
                                          : "an action label (a quoted string) or '}'");
    if (k != h->nactions)
        return io_lex_error(lx, BRINK_EINVALID,
                            "infoset %d of %s has %d actions (line %d), but here %d are listed",
                            h->number, player_name(h->player, who, sizeof who), h->nactions,
                            h->line, k);
    return io_lex_advance(lx);
}

/* Read a new description's action list into the scratch arrays; returns the count in *n. */
static brink_status read_new_actions(efg_reader *r, int chance, int lbrace_line, int lbrace_col,
                                     int *n)
{
    io_lexer *lx = &r->lx;
    brink_status st;
    size_t k = 0;
    mpq_set_ui(r->sum, 0, 1);
    while (lx->cur.kind == IO_TOK_STRING) {
        if (k >= INT_MAX / 2)
            return io_lex_error(lx, BRINK_ETOOBIG, "too many actions at one infoset");
        char *label = keep(r, lx->cur.text);
        if (!label ||
            io_grow((void **)&r->scratch_s, &r->scratch_s_cap, k + 1, sizeof(char *)) != 0)
            return io_lex_oom(&r->lx);
        r->scratch_s[k] = label;
        if ((st = io_lex_advance(lx)) != BRINK_OK)
            return st;
        if (chance) {
            if (io_grow_q(&r->scratch_q, &r->scratch_q_cap, k + 1) != 0 ||
                io_grow((void **)&r->scratch_t, &r->scratch_t_cap, k + 1, sizeof(char *)) != 0)
                return io_lex_oom(&r->lx);
            if (lx->cur.kind == IO_TOK_NUMBER && !(r->scratch_t[k] = keep_token(r)))
                return io_lex_oom(&r->lx);
            int line = lx->cur.line, col = lx->cur.col;
            if ((st = io_lex_take_number(lx, "chance probability", r->scratch_q[k])) != BRINK_OK)
                return st;
            if (mpq_sgn(r->scratch_q[k]) < 0)
                return io_lex_error_at(lx, BRINK_EINVALID, line, col,
                                       "chance probability of action %zu is negative", k + 1);
            mpq_add(r->sum, r->sum, r->scratch_q[k]);
        }
        k++;
    }
    if (lx->cur.kind != IO_TOK_RBRACE)
        return io_lex_expected(lx, chance ? "a chance action label (a quoted string) or '}'"
                                          : "an action label (a quoted string) or '}'");
    if (k == 0)
        return io_lex_error_at(lx, BRINK_EINVALID, lbrace_line, lbrace_col,
                               "an information set needs at least one action");
    if (chance && mpq_cmp_ui(r->sum, 1, 1) != 0) {
        char *s = brink_q_to_string(r->sum);
        st = io_lex_error_at(lx, BRINK_EINVALID, lbrace_line, lbrace_col,
                             "chance probabilities sum to %s, not exactly 1", s ? s : "?");
        free(s);
        return st;
    }
    *n = (int)k;
    return io_lex_advance(lx);
}

/* Parse the infoset reference (and optional description) of a c/p node; *id = builder id,
 * *nactions = its action count. */
static brink_status read_infoset(efg_reader *r, int player, int *id, int *nactions)
{
    io_lexer *lx = &r->lx;
    brink_status st;
    long number;
    int nline = lx->cur.line, ncol = lx->cur.col;
    if ((st = io_lex_take_int(lx, "information set number", 1, INT_MAX, &number)) != BRINK_OK)
        return st;
    char who[32]; /* "chance" or "player N": filled only when a message needs it */
    int idx = io_intmap_get(&r->iset_map, iset_key(player, number));
    int chance = player == BRINK_CHANCE;

    if (lx->cur.kind != IO_TOK_STRING) { /* no description: must be known */
        if (idx < 0)
            return io_lex_error_at(lx, BRINK_EINVALID, nline, ncol,
                                   "infoset %ld of %s is used before it is described (its first "
                                   "use needs a label and an action list)", number,
                                   player_name(player, who, sizeof who));
        *id = r->isets[idx].id;
        *nactions = r->isets[idx].nactions;
        return BRINK_OK;
    }

    if (idx >= 0) { /* a repeated description must match */
        const iset_rec *h = &r->isets[idx];
        if (strcmp(lx->cur.text, h->label) != 0) {
            char t[IO_LEX_CLIP_SIZE(40)], u[IO_LEX_CLIP_SIZE(40)];
            io_lex_clip(t, sizeof t, lx->cur.text, lx->cur.len, 40);
            io_lex_clip(u, sizeof u, h->label, strlen(h->label), 40);
            return io_lex_error(lx, BRINK_EINVALID,
                                "infoset %ld of %s is labelled \"%s\" here but \"%s\" at line "
                                "%d", number, player_name(player, who, sizeof who), t, u,
                                h->line);
        }
        int lline = lx->cur.line, lcol = lx->cur.col;
        if ((st = io_lex_advance(lx)) != BRINK_OK)
            return st;
        /* Gambit's rule: a label is always followed by the action list; a later use gives
         * the number alone or the whole description */
        if (lx->cur.kind != IO_TOK_LBRACE)
            return io_lex_error_at(lx, BRINK_ESYNTAX, lline, lcol,
                                   "infoset %ld of %s is repeated with its label but without "
                                   "its action list (described at line %d): a later use gives "
                                   "the number alone or the label and the actions both, as "
                                   "Gambit reads .efg", number,
                                   player_name(player, who, sizeof who), h->line);
        if ((st = io_lex_take_lbrace(lx, "'{' starting the action list")) != BRINK_OK)
            return st;
        if ((st = check_repeat_actions(r, h, chance)) != BRINK_OK)
            return st;
        *id = h->id;
        *nactions = h->nactions;
        return BRINK_OK;
    }

    /* First description. */
    char *label = keep(r, lx->cur.text);
    if (!label)
        return io_lex_oom(&r->lx);
    if ((st = io_lex_advance(lx)) != BRINK_OK)
        return st;
    int bline = lx->cur.line, bcol = lx->cur.col;
    if ((st = io_lex_take_lbrace(lx, "'{' starting the action list (the first use of an "
                                     "infoset number gives its label and its actions)")) !=
        BRINK_OK)
        return st;
    int n = 0;
    if ((st = read_new_actions(r, chance, bline, bcol, &n)) != BRINK_OK)
        return st;
    int bid = brink_efg_builder_add_infoset(r->b, player, n, label,
                                            (const char *const *)r->scratch_s,
                                            chance ? (const mpq_t *)r->scratch_q : NULL,
                                            (int)number, r->err);
    if (bid < 0)
        return io_lex_relocate(&r->lx, nline, ncol);
    if (io_grow((void **)&r->isets, &r->isets_cap, r->nisets + 1, sizeof *r->isets) != 0)
        return io_lex_oom(&r->lx);
    iset_rec *h = &r->isets[r->nisets];
    h->id = bid;
    h->player = player;
    h->number = (int)number;
    h->nactions = n;
    h->line = nline;
    h->label = label;
    h->actions = brink_arena_alloc(r->arena, (size_t)n * sizeof(char *));
    if (!h->actions)
        return io_lex_oom(&r->lx);
    memcpy(h->actions, r->scratch_s, (size_t)n * sizeof(char *));
    h->prob_start = r->nprobs;
    if (chance) {
        if (io_grow_q(&r->probs, &r->probs_cap, r->nprobs + (size_t)n) != 0 ||
            io_grow((void **)&r->prob_text, &r->prob_text_cap, r->nprobs + (size_t)n,
                    sizeof(char *)) != 0)
            return io_lex_oom(&r->lx);
        for (int a = 0; a < n; a++) {
            mpq_set(r->probs[r->nprobs + (size_t)a], r->scratch_q[a]);
            r->prob_text[r->nprobs + (size_t)a] = r->scratch_t[a];
        }
        r->nprobs += (size_t)n;
    }
    if (io_intmap_put(&r->iset_map, iset_key(player, number), (int)r->nisets) != 0)
        return io_lex_oom(&r->lx);
    r->nisets++;
    *id = bid;
    *nactions = n;
    return BRINK_OK;
}

/* ---- outcomes ---- */

/* Read `{ u1 [,] u2 [,] ... }` with exactly nplayers numbers into dst[0..n-1] (their text
 * into dst_text); when cmp is not NULL compare instead (cmp = the recorded payoffs) and
 * report a mismatch. */
static brink_status read_payoffs(efg_reader *r, long number, mpq_t *dst, char **dst_text,
                                 const outcome_rec *cmp)
{
    io_lexer *lx = &r->lx;
    brink_status st;
    if ((st = io_lex_take_lbrace(lx, cmp ? "'{' starting the outcome's payoffs"
                                         : "'{' starting the outcome's payoffs (the first use "
                                           "of an outcome number gives its label and its "
                                           "payoffs)")) != BRINK_OK)
        return st;
    for (int p = 0; p < r->nplayers; p++) {
        int line = lx->cur.line, col = lx->cur.col;
        if (lx->cur.kind != IO_TOK_NUMBER) {
            char what[64];
            snprintf(what, sizeof what, "payoff of player %d (a number)", p + 1);
            return io_lex_expected(lx, what);
        }
        if (cmp && token_is(lx, r->pay_text[cmp->pay_start + (size_t)p])) {
            if ((st = io_lex_advance(lx)) != BRINK_OK || (st = io_lex_skip_comma(lx)) != BRINK_OK)
                return st;
            continue;
        }
        if (!cmp && !(dst_text[p] = keep_token(r)))
            return io_lex_oom(&r->lx);
        mpq_ptr q = cmp ? r->tmp : dst[p];
        if ((st = io_lex_take_number(lx, "payoff", q)) != BRINK_OK)
            return st;
        if (cmp && !mpq_equal(q, r->pays[cmp->pay_start + (size_t)p]))
            return io_lex_error_at(lx, BRINK_EINVALID, line, col,
                                   "payoff of player %d in outcome %ld differs from its "
                                   "definition at line %d", p + 1, number, cmp->line);
        if ((st = io_lex_skip_comma(lx)) != BRINK_OK)
            return st;
    }
    if (lx->cur.kind != IO_TOK_RBRACE) {
        char what[80];
        snprintf(what, sizeof what, "'}' after the %d payoffs of outcome %ld", r->nplayers,
                 number);
        return io_lex_expected(lx, what);
    }
    return io_lex_advance(lx);
}

static brink_status read_outcome(efg_reader *r, int *id)
{
    io_lexer *lx = &r->lx;
    brink_status st;
    long number;
    int nline = lx->cur.line, ncol = lx->cur.col;
    if ((st = io_lex_take_int(lx, "outcome number", 0, INT_MAX, &number)) != BRINK_OK)
        return st;
    int idx = number > 0 ? io_intmap_get(&r->out_map, (uint64_t)number) : -1;
    if (lx->cur.kind != IO_TOK_STRING) {
        if (number == 0) {
            *id = -1;
            return BRINK_OK;
        }
        if (idx < 0)
            return io_lex_error_at(lx, BRINK_EINVALID, nline, ncol,
                                   "outcome %ld is used before it is defined (its first use "
                                   "needs a label and payoffs)", number);
        *id = r->outs[idx].id;
        return BRINK_OK;
    }
    if (number == 0)
        return io_lex_error(lx, BRINK_EINVALID,
                            "outcome 0 means \"no outcome\" and cannot have a label or payoffs");
    if (idx >= 0) {
        const outcome_rec *o = &r->outs[idx];
        if (strcmp(lx->cur.text, o->label) != 0) {
            char t[IO_LEX_CLIP_SIZE(40)], u[IO_LEX_CLIP_SIZE(40)];
            io_lex_clip(t, sizeof t, lx->cur.text, lx->cur.len, 40);
            io_lex_clip(u, sizeof u, o->label, strlen(o->label), 40);
            return io_lex_error(lx, BRINK_EINVALID,
                                "outcome %ld is labelled \"%s\" here but \"%s\" at line %d",
                                number, t, u, o->line);
        }
        int lline = lx->cur.line, lcol = lx->cur.col;
        if ((st = io_lex_advance(lx)) != BRINK_OK)
            return st;
        /* Gambit's rule: a label is always followed by the payoffs; a later use gives the
         * number alone (t "" 1) or the whole description */
        if (lx->cur.kind != IO_TOK_LBRACE)
            return io_lex_error_at(lx, BRINK_ESYNTAX, lline, lcol,
                                   "outcome %ld is repeated with its label but without its "
                                   "payoffs (described at line %d): a later use gives the "
                                   "number alone or the label and the payoffs both, as Gambit "
                                   "reads .efg", number, o->line);
        if ((st = read_payoffs(r, number, NULL, NULL, o)) != BRINK_OK)
            return st;
        *id = o->id;
        return BRINK_OK;
    }
    char *label = keep(r, lx->cur.text);
    if (!label)
        return io_lex_oom(&r->lx);
    if ((st = io_lex_advance(lx)) != BRINK_OK)
        return st;
    size_t start = r->npays;
    if (io_grow_q(&r->pays, &r->pays_cap, start + (size_t)r->nplayers) != 0 ||
        io_grow((void **)&r->pay_text, &r->pay_text_cap, start + (size_t)r->nplayers,
                sizeof(char *)) != 0)
        return io_lex_oom(&r->lx);
    if ((st = read_payoffs(r, number, r->pays + start, r->pay_text + start, NULL)) != BRINK_OK)
        return st;
    int oid = brink_efg_builder_add_outcome(r->b, label, (const mpq_t *)(r->pays + start),
                                            (int)number, r->err);
    if (oid < 0)
        return io_lex_relocate(&r->lx, nline, ncol);
    if (io_grow((void **)&r->outs, &r->outs_cap, r->nouts + 1, sizeof *r->outs) != 0)
        return io_lex_oom(&r->lx);
    outcome_rec *o = &r->outs[r->nouts];
    o->id = oid;
    o->line = nline;
    o->label = label;
    o->pay_start = start;
    r->npays += (size_t)r->nplayers;
    if (io_intmap_put(&r->out_map, (uint64_t)number, (int)r->nouts) != 0)
        return io_lex_oom(&r->lx);
    r->nouts++;
    *id = oid;
    return BRINK_OK;
}

/* ---- nodes ---- */

static brink_status read_body(efg_reader *r)
{
    io_lexer *lx = &r->lx;
    brink_status st;
    size_t open = 1; /* child slots still to fill; the root fills the first */
    size_t nnodes = 0;
    char *node_label = NULL;
    size_t node_label_cap = 0;
    while (open > 0) {
        int line = lx->cur.line, col = lx->cur.col;
        char type = 0;
        if (lx->cur.kind == IO_TOK_WORD && lx->cur.len == 1)
            type = lx->cur.text[0];
        if (type != 'c' && type != 'p' && type != 't') {
            char what[96];
            if (nnodes == 0)
                snprintf(what, sizeof what, "a node ('c', 'p' or 't')");
            else
                snprintf(what, sizeof what,
                         "a node ('c', 'p' or 't'); the tree still needs %zu more", open);
            st = io_lex_expected(lx, what);
            goto done;
        }
        if (nnodes >= BRINK_MAX_NODES) {
            st = io_lex_error(lx, BRINK_ETOOBIG, "too many nodes (brink's limit is %zu)",
                              (size_t)BRINK_MAX_NODES);
            goto done;
        }
        if ((st = io_lex_advance(lx)) != BRINK_OK)
            goto done;
        if ((st = io_lex_check_string(lx, "the node label (a quoted string)")) != BRINK_OK)
            goto done;
        /* The node label must survive the tokens that follow (the lexer reuses its buffer). */
        if (io_grow((void **)&node_label, &node_label_cap, lx->cur.len + 1, 1) != 0) {
            st = io_lex_oom(&r->lx);
            goto done;
        }
        memcpy(node_label, lx->cur.text, lx->cur.len + 1);
        if ((st = io_lex_advance(lx)) != BRINK_OK)
            goto done;

        int infoset = -1, nactions = 0, outcome = -1;
        if (type == 'p') {
            long player;
            int pl = lx->cur.line, pc = lx->cur.col;
            if ((st = io_lex_take_int(lx, "player number", 0, LONG_MAX, &player)) != BRINK_OK)
                goto done;
            if (player < 1 || player > r->nplayers) {
                st = io_lex_error_at(lx, BRINK_EINVALID, pl, pc,
                                     "player %ld is out of range (the game has %d player%s)",
                                     player, r->nplayers, r->nplayers == 1 ? "" : "s");
                goto done;
            }
            if ((st = read_infoset(r, (int)player - 1, &infoset, &nactions)) != BRINK_OK)
                goto done;
        } else if (type == 'c') {
            if ((st = read_infoset(r, BRINK_CHANCE, &infoset, &nactions)) != BRINK_OK)
                goto done;
        }
        if ((st = read_outcome(r, &outcome)) != BRINK_OK)
            goto done;
        if (io_grow((void **)&r->node_line, &r->node_line_cap, nnodes + 1, sizeof(int)) != 0 ||
            io_grow((void **)&r->node_col, &r->node_col_cap, nnodes + 1, sizeof(int)) != 0) {
            st = io_lex_oom(&r->lx);
            goto done;
        }
        r->node_line[nnodes] = line;
        r->node_col[nnodes] = col;
        if (brink_efg_builder_add_node(r->b, node_label, infoset, outcome, r->err) < 0) {
            st = io_lex_relocate(&r->lx, line, col);
            goto done;
        }
        nnodes++;
        open = open - 1 + (size_t)nactions;
    }
    if (lx->cur.kind != IO_TOK_EOF)
        st = io_lex_expected(lx, "end of file (the tree is complete)");
done:
    free(node_label);
    return st;
}

/* ---- entry point ---- */

brink_efg *brink_efg_read(const char *text, size_t len, const char *filename, brink_error *err)
{
    efg_reader r;
    memset(&r, 0, sizeof r);
    r.err = err;
    mpq_init(r.tmp);
    mpq_init(r.sum);
    io_intmap_init(&r.iset_map);
    io_intmap_init(&r.out_map);
    brink_efg *g = NULL;
    brink_status st = io_lex_init(&r.lx, text, len, filename, err);
    if (st == BRINK_OK && len > BRINK_MAX_FILE_BYTES)
        st = io_lex_error(&r.lx, BRINK_ETOOBIG, "input of %zu bytes exceeds the limit of %zu",
                          len, (size_t)BRINK_MAX_FILE_BYTES);
    if (st == BRINK_OK && !(r.arena = brink_arena_new()))
        st = io_lex_oom(&r.lx);
    if (st == BRINK_OK)
        st = read_header(&r);
    if (st == BRINK_OK)
        st = read_body(&r);
    if (st == BRINK_OK) {
        int line = r.lx.cur.line, col = r.lx.cur.col;
        brink_efg_builder *b = r.b;
        r.b = NULL; /* finish consumes the builder */
        g = brink_efg_builder_finish(b, err);
        if (!g)
            io_lex_relocate(&r.lx, line, col);
        else if (filename && !(g->source_file = brink_calloc(strlen(filename) + 1, 1))) {
            io_lex_oom(&r.lx);
            brink_efg_free(g);
            g = NULL;
        } else { /* the builder keeps the file's node order (pre-order), so node k is k-th */
            if (filename) memcpy(g->source_file, filename, strlen(filename) + 1);
            g->node_line = r.node_line;
            g->node_column = r.node_col;
            r.node_line = NULL;
            r.node_col = NULL;
        }
    }
    brink_efg_builder_free(r.b);
    io_lex_free(&r.lx);
    io_intmap_free(&r.iset_map);
    io_intmap_free(&r.out_map);
    io_free_q(r.probs, r.probs_cap);
    io_free_q(r.pays, r.pays_cap);
    io_free_q(r.scratch_q, r.scratch_q_cap);
    free(r.scratch_s);
    free(r.scratch_t);
    free(r.prob_text);
    free(r.pay_text);
    free(r.isets);
    free(r.outs);
    free(r.node_line);
    free(r.node_col);
    mpq_clear(r.tmp);
    mpq_clear(r.sum);
    brink_arena_free(r.arena);
    return g;
}
