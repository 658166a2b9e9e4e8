/* io/efg_write.c — write an extensive-form game as a Gambit .efg file (version 2).
 *
 * One node per line in pre-order (the game's node order), each with the full description of
 * its information set and outcome, as Gambit writes (GAMBIT-FORMATS.md §5): payoffs
 * comma-separated, numbers exact (integers or p/q). Infoset and outcome numbers are the ones
 * the game was read with when they are usable (positive, unique per player / per game);
 * otherwise they are renumbered 1..k in game order. The text reads back into an equal game.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/io.h"
#include "io/intmap.h"
#include "io/util.h"

static brink_status check_string(const char *s, const char *what, brink_error *err)
{
    if (io_gambit_string_ok(s))
        return BRINK_OK;
    return brink_error_set(err, BRINK_EINVALID,
                           "%s \"%.60s%s\" cannot be written in Gambit format (it is not valid "
                           "UTF-8, or a backslash at its end or right before a quote would be "
                           "read back differently)",
                           what, s, strlen(s) > 60 ? "..." : "");
}

static const char *str(const char *s) { return s ? s : ""; }

static brink_status check_strings(const brink_efg *g, brink_error *err)
{
    brink_status st = check_string(str(g->title), "the title", err);
    if (st == BRINK_OK)
        st = check_string(str(g->comment), "the comment", err);
    for (int p = 0; st == BRINK_OK && p < g->nplayers; p++)
        st = check_string(str(g->player_names[p]), "player name", err);
    for (int v = 0; st == BRINK_OK && v < g->nnodes; v++)
        st = check_string(str(g->node_label[v]), "node label", err);
    for (int h = 0; st == BRINK_OK && h < g->ninfosets; h++)
        st = check_string(str(g->infoset_label[h]), "infoset label", err);
    for (int a = 0; st == BRINK_OK && a < g->nactions; a++)
        st = check_string(str(g->action_label[a]), "action label", err);
    for (int o = 0; st == BRINK_OK && o < g->noutcomes; o++)
        st = check_string(str(g->outcome_label[o]), "outcome label", err);
    return st;
}

/* Are the numbers usable as written: positive and unique within their namespace? */
static int numbers_usable(const int *number, const int *space, int count, int *oom)
{
    io_intmap seen;
    io_intmap_init(&seen);
    int ok = 1;
    for (int i = 0; ok && i < count; i++) {
        if (!number || number[i] <= 0) {
            ok = 0;
            break;
        }
        uint64_t key = ((uint64_t)(uint32_t)(space ? space[i] + 1 : 0) << 32) |
                       (uint64_t)(uint32_t)number[i];
        if (io_intmap_get(&seen, key) >= 0)
            ok = 0;
        else if (io_intmap_put(&seen, key, i) != 0)
            *oom = 1, ok = 0;
    }
    io_intmap_free(&seen);
    return ok;
}

brink_status brink_efg_write(const brink_efg *g, brink_buf *out, brink_error *err)
{
    brink_status st = check_strings(g, err);
    if (st != BRINK_OK)
        return st;
    size_t n = (size_t)g->nplayers;
    int oom = 0;
    int *iset_no = brink_calloc((size_t)g->ninfosets + 1, sizeof(int));
    int *out_no = brink_calloc((size_t)g->noutcomes + 1, sizeof(int));
    if (!iset_no || !out_no) {
        free(iset_no);
        free(out_no);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory writing the game");
    }
    if (numbers_usable(g->infoset_number, g->infoset_player, g->ninfosets, &oom)) {
        memcpy(iset_no, g->infoset_number, (size_t)g->ninfosets * sizeof(int));
    } else {
        /* Renumber 1..k per player (chance included), in the game's infoset order. */
        int next[BRINK_MAX_PLAYERS + 1] = {0};
        for (int h = 0; h < g->ninfosets; h++) {
            int p = g->infoset_player[h];
            iset_no[h] = ++next[p == BRINK_CHANCE ? g->nplayers : p];
        }
    }
    if (numbers_usable(g->outcome_number, NULL, g->noutcomes, &oom)) {
        memcpy(out_no, g->outcome_number, (size_t)g->noutcomes * sizeof(int));
    } else {
        for (int o = 0; o < g->noutcomes; o++)
            out_no[o] = o + 1;
    }
    if (oom) {
        free(iset_no);
        free(out_no);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory writing the game");
    }

    brink_buf_puts(out, "EFG 2 R ");
    io_put_gambit_string(out, str(g->title));
    brink_buf_puts(out, " {");
    for (size_t p = 0; p < n; p++) {
        brink_buf_puts(out, " ");
        io_put_gambit_string(out, str(g->player_names[p]));
    }
    brink_buf_puts(out, " }\n");
    io_put_gambit_string(out, str(g->comment));
    brink_buf_puts(out, "\n\n");

    for (int v = 0; v < g->nnodes && !out->failed; v++) {
        int h = g->node_infoset[v];
        if (h < 0) {
            brink_buf_puts(out, "t ");
            io_put_gambit_string(out, str(g->node_label[v]));
        } else {
            int p = g->infoset_player[h];
            int chance = p == BRINK_CHANCE;
            brink_buf_puts(out, chance ? "c " : "p ");
            io_put_gambit_string(out, str(g->node_label[v]));
            brink_buf_append(out, " ", 1);
            if (!chance) {
                io_put_long(out, p + 1);
                brink_buf_append(out, " ", 1);
            }
            io_put_long(out, iset_no[h]);
            brink_buf_append(out, " ", 1);
            io_put_gambit_string(out, str(g->infoset_label[h]));
            brink_buf_puts(out, " {");
            int a0 = g->infoset_action_start[h];
            for (int a = a0; a < a0 + g->infoset_nactions[h]; a++) {
                brink_buf_puts(out, " ");
                io_put_gambit_string(out, str(g->action_label[a]));
                if (chance) {
                    brink_buf_puts(out, " ");
                    io_put_q(out, g->action_probq[a]);
                }
            }
            brink_buf_puts(out, " }");
        }
        int o = g->node_outcome[v];
        if (o < 0) {
            brink_buf_puts(out, " 0\n");
            continue;
        }
        brink_buf_append(out, " ", 1);
        io_put_long(out, out_no[o]);
        brink_buf_append(out, " ", 1);
        io_put_gambit_string(out, str(g->outcome_label[o]));
        brink_buf_puts(out, " {");
        for (size_t p = 0; p < n; p++) {
            brink_buf_puts(out, p ? ", " : " ");
            io_put_q(out, g->outcome_payq[(size_t)o * n + p]);
        }
        brink_buf_puts(out, " }\n");
    }
    free(iset_no);
    free(out_no);
    if (out->failed)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory writing the game");
    return BRINK_OK;
}
