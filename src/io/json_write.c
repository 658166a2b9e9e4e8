/* io/json_write.c — games as JSON, for programs (format "brink-game", version 1).
 *
 * All indices are 0-based. Exact numbers are strings ("3", "-1/2"); their nearest doubles sit
 * beside them as JSON numbers (null if not finite). Strings are UTF-8; invalid bytes become
 * U+FFFD. Fields are always present and always in this order, so the output is stable.
 *
 * Strategic form:
 *   { "format": "brink-game", "version": 1, "kind": "nfg",
 *     "title": str, "comment": str,
 *     "players": [ { "name": str, "strategies": [str, ...] }, ... ],
 *     "cells": [ { "strategies": [s0, s1, ...],          -- one per contingency, player 0's
 *                  "payoffs": [exact, ...],               -- strategy varying fastest
 *                  "values": [double, ...] }, ... ],
 *     "outcomes": [ { "label": str, "payoffs": [exact...], "values": [double...] }, ... ],
 *     "cell_outcomes": [o, ...] | null }                  -- -1 = no outcome; null when the
 *                                                            game has no outcome structure
 * Extensive form:
 *   { "format": "brink-game", "version": 1, "kind": "efg",
 *     "title": str, "comment": str, "players": [str, ...],
 *     "perfect_recall": bool, "perfect_information": bool,
 *     "infosets": [ { "player": p (-1 = chance), "number": n, "label": str,
 *                     "actions": [str...],
 *                     "probabilities": [exact...] | null,   -- chance only
 *                     "probability_values": [double...] | null,
 *                     "nodes": [v, ...] }, ... ],           -- in the game's infoset order
 *     "outcomes": [ { "number": n, "label": str, "payoffs": [exact...],
 *                     "values": [double...] }, ... ],
 *     "nodes": [ { "kind": "chance" | "personal" | "terminal", "label": str,
 *                  "player": p | null, "infoset": h | null, "actions": [str...],
 *                  "outcome": o | null, "parent": v | null, "children": [v...] }, ... ] }
 *   Nodes are in pre-order (node 0 is the root); children are in action order.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "brink/io.h"
#include "io/util.h"

void brink_json_string(brink_buf *out, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    size_t len = strlen((const char *)u);
    brink_buf_append(out, "\"", 1);
    size_t run = 0, i = 0;
    while (i < len) {
        unsigned char c = u[i];
        const char *esc = NULL;
        char ubuf[7];
        size_t k = 1;
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\t')
            esc = "\\t";
        else if (c == '\r')
            esc = "\\r";
        else if (c < 0x20) {
            memcpy(ubuf, "\\u00", 4);
            ubuf[4] = hex[c >> 4];
            ubuf[5] = hex[c & 15];
            ubuf[6] = '\0';
            esc = ubuf;
        } else if (c >= 0x80 && (k = io_utf8_seq(u + i, len - i)) == 0) {
            esc = "\\ufffd";
            k = 1;
        }
        if (esc) {
            brink_buf_append(out, (const char *)u + run, i - run);
            brink_buf_puts(out, esc);
            run = i + k;
        }
        i += k;
    }
    brink_buf_append(out, (const char *)u + run, len - run);
    brink_buf_append(out, "\"", 1);
}

static void put_double(brink_buf *out, double x)
{
    if (!isfinite(x))
        brink_buf_puts(out, "null");
    else
        brink_buf_put_double(out, x);
}

/* "payoffs": ["..."], "values": [...] for n numbers */
static void put_numbers(brink_buf *out, const char *exact_key, const char *double_key,
                        const mpq_t *q, size_t n)
{
    brink_buf_printf(out, "\"%s\": [", exact_key);
    for (size_t i = 0; i < n; i++) {
        brink_buf_puts(out, i ? ", \"" : "\"");
        io_put_q(out, q[i]);
        brink_buf_puts(out, "\"");
    }
    brink_buf_printf(out, "], \"%s\": [", double_key);
    for (size_t i = 0; i < n; i++) {
        if (i)
            brink_buf_puts(out, ", ");
        put_double(out, brink_q_get_d(q[i]));
    }
    brink_buf_puts(out, "]");
}

static brink_status finish(brink_buf *out, brink_error *err)
{
    if (out->failed)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory writing JSON");
    return BRINK_OK;
}

brink_status brink_nfg_write_json(const brink_nfg *g, brink_buf *out, brink_error *err)
{
    size_t n = (size_t)g->nplayers;
    brink_buf_puts(out, "{\n  \"format\": \"brink-game\",\n  \"version\": 1,\n"
                        "  \"kind\": \"nfg\",\n  \"title\": ");
    brink_json_string(out, g->title);
    brink_buf_puts(out, ",\n  \"comment\": ");
    brink_json_string(out, g->comment);
    brink_buf_puts(out, ",\n  \"players\": [");
    for (size_t p = 0; p < n; p++) {
        brink_buf_puts(out, p ? ",\n    { \"name\": " : "\n    { \"name\": ");
        brink_json_string(out, g->player_names[p]);
        brink_buf_puts(out, ", \"strategies\": [");
        for (int s = 0; s < g->nstrats[p]; s++) {
            if (s)
                brink_buf_puts(out, ", ");
            brink_json_string(out, g->strat_labels[g->strat_offset[p] + s]);
        }
        brink_buf_puts(out, "] }");
    }
    brink_buf_puts(out, "\n  ],\n  \"cells\": [");
    int strat[BRINK_MAX_PLAYERS];
    for (size_t c = 0; c < g->ncells && !out->failed; c++) {
        brink_nfg_cell_strats(g, c, strat);
        brink_buf_puts(out, c ? ",\n    { \"strategies\": [" : "\n    { \"strategies\": [");
        for (size_t p = 0; p < n; p++)
            brink_buf_printf(out, p ? ", %d" : "%d", strat[p]);
        brink_buf_puts(out, "], ");
        put_numbers(out, "payoffs", "values", (const mpq_t *)(g->payq + c * n), n);
        brink_buf_puts(out, " }");
    }
    brink_buf_puts(out, "\n  ],\n  \"outcomes\": [");
    for (int o = 0; o < g->noutcomes; o++) {
        brink_buf_puts(out, o ? ",\n    { \"label\": " : "\n    { \"label\": ");
        brink_json_string(out, g->outcome_labels[o]);
        brink_buf_puts(out, ", ");
        put_numbers(out, "payoffs", "values", (const mpq_t *)(g->outcome_payq + (size_t)o * n),
                    n);
        brink_buf_puts(out, " }");
    }
    brink_buf_puts(out, g->noutcomes ? "\n  ],\n  \"cell_outcomes\": " : "],\n  \"cell_outcomes\": ");
    if (g->cell_outcome) {
        brink_buf_puts(out, "[");
        for (size_t c = 0; c < g->ncells; c++)
            brink_buf_printf(out, c ? ", %d" : "%d", g->cell_outcome[c]);
        brink_buf_puts(out, "]");
    } else {
        brink_buf_puts(out, "null");
    }
    brink_buf_puts(out, "\n}\n");
    return finish(out, err);
}

static void put_int_or_null(brink_buf *out, int x)
{
    if (x < 0)
        brink_buf_puts(out, "null");
    else
        brink_buf_printf(out, "%d", x);
}

brink_status brink_efg_write_json(const brink_efg *g, brink_buf *out, brink_error *err)
{
    size_t n = (size_t)g->nplayers;
    brink_buf_puts(out, "{\n  \"format\": \"brink-game\",\n  \"version\": 1,\n"
                        "  \"kind\": \"efg\",\n  \"title\": ");
    brink_json_string(out, g->title);
    brink_buf_puts(out, ",\n  \"comment\": ");
    brink_json_string(out, g->comment);
    brink_buf_puts(out, ",\n  \"players\": [");
    for (size_t p = 0; p < n; p++) {
        if (p)
            brink_buf_puts(out, ", ");
        brink_json_string(out, g->player_names[p]);
    }
    brink_buf_printf(out, "],\n  \"perfect_recall\": %s,\n  \"perfect_information\": %s,\n",
                     g->perfect_recall ? "true" : "false", g->perfect_info ? "true" : "false");

    brink_buf_puts(out, "  \"infosets\": [");
    for (int h = 0; h < g->ninfosets && !out->failed; h++) {
        int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
        int chance = g->infoset_player[h] == BRINK_CHANCE;
        brink_buf_printf(out, "%s\n    { \"player\": %d, \"number\": %d, \"label\": ",
                         h ? "," : "", g->infoset_player[h],
                         g->infoset_number ? g->infoset_number[h] : h + 1);
        brink_json_string(out, g->infoset_label[h]);
        brink_buf_puts(out, ", \"actions\": [");
        for (int a = 0; a < na; a++) {
            if (a)
                brink_buf_puts(out, ", ");
            brink_json_string(out, g->action_label[a0 + a]);
        }
        brink_buf_puts(out, "], ");
        if (chance)
            put_numbers(out, "probabilities", "probability_values",
                        (const mpq_t *)(g->action_probq + a0), (size_t)na);
        else
            brink_buf_puts(out, "\"probabilities\": null, \"probability_values\": null");
        brink_buf_puts(out, ", \"nodes\": [");
        int m0 = g->infoset_member_start[h];
        for (int k = 0; k < g->infoset_nmembers[h]; k++)
            brink_buf_printf(out, k ? ", %d" : "%d", g->infoset_member[m0 + k]);
        brink_buf_puts(out, "] }");
    }
    brink_buf_puts(out, g->ninfosets ? "\n  ],\n  \"outcomes\": [" : "],\n  \"outcomes\": [");
    for (int o = 0; o < g->noutcomes; o++) {
        brink_buf_printf(out, "%s\n    { \"number\": %d, \"label\": ", o ? "," : "",
                         g->outcome_number ? g->outcome_number[o] : o + 1);
        brink_json_string(out, g->outcome_label[o]);
        brink_buf_puts(out, ", ");
        put_numbers(out, "payoffs", "values", (const mpq_t *)(g->outcome_payq + (size_t)o * n),
                    n);
        brink_buf_puts(out, " }");
    }
    brink_buf_puts(out, g->noutcomes ? "\n  ],\n  \"nodes\": [" : "],\n  \"nodes\": [");
    for (int v = 0; v < g->nnodes && !out->failed; v++) {
        int h = g->node_infoset[v];
        const char *kind = h < 0 ? "terminal"
                           : g->infoset_player[h] == BRINK_CHANCE ? "chance" : "personal";
        brink_buf_printf(out, "%s\n    { \"kind\": \"%s\", \"label\": ", v ? "," : "", kind);
        brink_json_string(out, g->node_label[v]);
        brink_buf_puts(out, ", \"player\": ");
        if (h < 0)
            brink_buf_puts(out, "null");
        else
            brink_buf_printf(out, "%d", g->infoset_player[h]);
        brink_buf_puts(out, ", \"infoset\": ");
        put_int_or_null(out, h);
        brink_buf_puts(out, ", \"actions\": [");
        int na = h < 0 ? 0 : g->infoset_nactions[h];
        for (int a = 0; a < na; a++) {
            if (a)
                brink_buf_puts(out, ", ");
            brink_json_string(out, g->action_label[g->infoset_action_start[h] + a]);
        }
        brink_buf_puts(out, "], \"outcome\": ");
        put_int_or_null(out, g->node_outcome[v]);
        brink_buf_puts(out, ", \"parent\": ");
        put_int_or_null(out, g->node_parent[v]);
        brink_buf_puts(out, ", \"children\": [");
        for (int a = 0; a < na; a++)
            brink_buf_printf(out, a ? ", %d" : "%d", brink_efg_child(g, v, a));
        brink_buf_puts(out, "] }");
    }
    brink_buf_puts(out, g->nnodes ? "\n  ]\n}\n" : "]\n}\n");
    return finish(out, err);
}
