/* dot.c — a game tree as Graphviz DOT text: decision nodes as circles coloured by player,
 * chance nodes as diamonds, terminal nodes as boxes with payoffs, information sets as dashed
 * edges between their members, and (optionally) a behaviour profile drawn as edge widths and
 * probability labels. Trees beyond max_nodes are refused: a picture of a million nodes helps
 * no one, and dot would take hours. */
#include <string.h>

#include "brink/io.h"

static const char *const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                      "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};

static void dot_string(brink_buf *out, const char *s)
{
    brink_buf_puts(out, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') brink_buf_append(out, "\\", 1);
        if (*s == '\n') {
            brink_buf_puts(out, "\\n");
            continue;
        }
        brink_buf_append(out, s, 1);
    }
    brink_buf_puts(out, "\"");
}

brink_status brink_efg_write_dot(const brink_efg *g, const double *behav, int max_nodes,
                                 brink_buf *out, brink_error *err)
{
    if (max_nodes > 0 && g->nnodes > max_nodes)
        return brink_error_set(err, BRINK_ETOOBIG,
                               "the tree has %d nodes; drawing is limited to %d", g->nnodes,
                               max_nodes);
    size_t n = (size_t)g->nplayers;
    brink_buf_puts(out, "digraph game {\n  rankdir=TB; node [fontname=\"Helvetica\", fontsize=10];\n"
                        "  edge [fontname=\"Helvetica\", fontsize=9];\n  labelloc=t; label=");
    dot_string(out, g->title);
    brink_buf_puts(out, ";\n");
    for (int v = 0; v < g->nnodes; v++) {
        int h = g->node_infoset[v];
        brink_buf_printf(out, "  n%d [", v);
        if (h < 0) {
            int l = g->node_leaf[v];
            brink_buf t;
            brink_buf_init(&t);
            if (g->node_label[v][0]) brink_buf_printf(&t, "%s\n", g->node_label[v]);
            brink_buf_puts(&t, "(");
            for (size_t p = 0; p < n; p++) {
                if (p) brink_buf_puts(&t, ", ");
                brink_buf_put_q(&t, g->leaf_payq[(size_t)l * n + p]);
            }
            brink_buf_puts(&t, ")");
            brink_buf_puts(out, "shape=box, label=");
            dot_string(out, t.failed ? "?" : t.data);
            brink_buf_free(&t);
        } else if (g->infoset_player[h] < 0) {
            brink_buf_puts(out, "shape=diamond, style=filled, fillcolor=\"#dddddd\", label=");
            dot_string(out, g->node_label[v][0] ? g->node_label[v] : "chance");
        } else {
            int p = g->infoset_player[h];
            brink_buf_printf(out, "shape=ellipse, style=filled, fontcolor=white, fillcolor=\"%s\", label=",
                             palette[p % 8]);
            brink_buf t;
            brink_buf_init(&t);
            brink_buf_puts(&t, g->player_names[p]);
            if (g->node_label[v][0]) brink_buf_printf(&t, "\n%s", g->node_label[v]);
            dot_string(out, t.failed ? "?" : t.data);
            brink_buf_free(&t);
        }
        brink_buf_puts(out, "];\n");
        if (v > 0) {
            int u = g->node_parent[v], a = g->node_action[v];
            brink_buf t;
            brink_buf_init(&t);
            brink_buf_puts(&t, g->action_label[a]);
            int hu = g->node_infoset[u];
            if (g->infoset_player[hu] < 0) {
                brink_buf_puts(&t, " (");
                brink_buf_put_q(&t, g->action_probq[a]);
                brink_buf_puts(&t, ")");
            } else if (behav) {
                brink_buf_printf(&t, " [%.3g]", behav[a]);
            }
            brink_buf_printf(out, "  n%d -> n%d [label=", u, v);
            dot_string(out, t.failed ? "?" : t.data);
            if (behav && g->infoset_player[hu] >= 0)
                brink_buf_printf(out, ", penwidth=%.2f%s", 0.5 + 3.0 * behav[a],
                                 behav[a] < 1e-9 ? ", style=dotted" : "");
            brink_buf_puts(out, "];\n");
            brink_buf_free(&t);
        }
    }
    /* Information sets with several nodes: dashed, undirected links between consecutive members. */
    for (int h = 0; h < g->ninfosets; h++) {
        if (g->infoset_player[h] < 0 || g->infoset_nmembers[h] < 2) continue;
        for (int k = 1; k < g->infoset_nmembers[h]; k++) {
            int a = g->infoset_member[g->infoset_member_start[h] + k - 1];
            int b = g->infoset_member[g->infoset_member_start[h] + k];
            brink_buf_printf(out, "  n%d -> n%d [style=dashed, dir=none, constraint=false, color=\"%s\"];\n",
                             a, b, palette[g->infoset_player[h] % 8]);
        }
        brink_buf_puts(out, "  { rank=same;");
        for (int k = 0; k < g->infoset_nmembers[h]; k++)
            brink_buf_printf(out, " n%d;", g->infoset_member[g->infoset_member_start[h] + k]);
        brink_buf_puts(out, " }\n");
    }
    brink_buf_puts(out, "}\n");
    return out->failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory writing DOT") : BRINK_OK;
}
