/* io/nfg_write.c — write a strategic-form game as a Gambit .nfg file.
 *
 * The layout follows what Gambit itself writes (GAMBIT-FORMATS.md §5): header with nested
 * strategy labels, the comment string, then either the outcome version (outcome list with
 * comma-separated payoffs, then one outcome index per cell) when the game keeps an outcome
 * structure, or the payoff version (one line of payoffs per cell, player 1's strategy varying
 * fastest). Payoffs are exact: integers or p/q. The text reads back into an equal game with
 * brink_nfg_read, and Gambit reads it too.
 */
#include <stdio.h>
#include <string.h>

#include "brink/io.h"
#include "io/util.h"

/* Every string must survive Gambit's quoting rules (see io_gambit_string_ok). */
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

static brink_status check_strings(const brink_nfg *g, brink_error *err)
{
    brink_status st = check_string(g->title, "the title", err);
    if (st == BRINK_OK)
        st = check_string(g->comment, "the comment", err);
    for (int p = 0; st == BRINK_OK && p < g->nplayers; p++)
        st = check_string(g->player_names[p], "player name", err);
    for (int s = 0; st == BRINK_OK && s < g->total_strats; s++)
        st = check_string(g->strat_labels[s], "strategy label", err);
    for (int o = 0; st == BRINK_OK && o < g->noutcomes; o++)
        st = check_string(g->outcome_labels[o] ? g->outcome_labels[o] : "", "outcome label",
                          err);
    return st;
}

brink_status brink_nfg_write(const brink_nfg *g, brink_buf *out, brink_error *err)
{
    brink_status st = check_strings(g, err);
    if (st != BRINK_OK)
        return st;
    size_t n = (size_t)g->nplayers;

    brink_buf_puts(out, "NFG 1 R ");
    io_put_gambit_string(out, g->title);
    brink_buf_puts(out, " {");
    for (size_t p = 0; p < n; p++) {
        brink_buf_puts(out, " ");
        io_put_gambit_string(out, g->player_names[p]);
    }
    brink_buf_puts(out, " }\n\n{");
    for (size_t p = 0; p < n; p++) {
        brink_buf_puts(out, p ? "\n{" : " {");
        for (int s = 0; s < g->nstrats[p]; s++) {
            brink_buf_puts(out, " ");
            io_put_gambit_string(out, g->strat_labels[g->strat_offset[p] + s]);
        }
        brink_buf_puts(out, " }");
    }
    brink_buf_puts(out, "\n}\n");
    io_put_gambit_string(out, g->comment);
    brink_buf_puts(out, "\n\n");

    if (g->cell_outcome) {
        brink_buf_puts(out, "{\n");
        for (int o = 0; o < g->noutcomes; o++) {
            brink_buf_puts(out, "{ ");
            io_put_gambit_string(out, g->outcome_labels[o] ? g->outcome_labels[o] : "");
            for (size_t p = 0; p < n; p++) {
                brink_buf_puts(out, p ? ", " : " ");
                io_put_q(out, g->outcome_payq[(size_t)o * n + p]);
            }
            brink_buf_puts(out, " }\n");
        }
        brink_buf_puts(out, "}\n");
        for (size_t c = 0; c < g->ncells; c++) {
            int o = g->cell_outcome[c];
            if (o < -1 || o >= g->noutcomes)
                return brink_error_set(err, BRINK_EINTERNAL,
                                       "cell %zu refers to outcome %d of %d", c, o, g->noutcomes);
            /* Gambit writes all indices on one line; wrapping keeps lines readable. */
            brink_buf_printf(out, "%d%s", o + 1,
                             c + 1 == g->ncells ? "\n" : (c % 20 == 19 ? "\n" : " "));
        }
    } else {
        for (size_t c = 0; c < g->ncells; c++) {
            for (size_t p = 0; p < n; p++) {
                if (p)
                    brink_buf_puts(out, " ");
                io_put_q(out, g->payq[c * n + p]);
            }
            brink_buf_puts(out, "\n");
        }
    }
    if (out->failed)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory writing the game");
    return BRINK_OK;
}
