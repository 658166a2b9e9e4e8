/* tree.c — the game tree as Graphviz DOT with one equilibrium drawn on it, for reports: the
 * path of play thick and dark, what is never reached grey, probabilities on the edges,
 * beliefs beside the members of information sets, exact values in tooltips. Large trees are
 * collapsed to the path and its siblings (each unreached sibling's subtree becomes one box
 * that says how many nodes it holds), because a picture of thousands of nodes shows nothing.
 * Layout is Graphviz's job (the caller runs dot); this file only writes text.
 */
#include <stdlib.h>

#include "brink/evaluate.h"
#include "brink/report.h"
#include "report/plural.h"

/* Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), each with a
 * text colour of enough contrast on it. */
static const char *const fill[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                   "#E69F00", "#56B4E9"};
static const char *const ink[] = {"white", "white", "white", "black", "black", "black"};
#define NCOL 6
#define PLAYED 1e-12   /* a probability above this is "played" (doubles of exact profiles) */

void brink_tree_view_init(brink_tree_view *v)
{
    v->behav = NULL;
    v->behavq = NULL;
    v->belief = NULL;
    v->alt = NULL;
    v->max_nodes = 400;
    v->max_collapsed = 2000;
    v->drawn = 0;
    v->collapsed = 0;
}

static void dot_string(brink_buf *out, const char *s)
{
    brink_buf_puts(out, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            brink_buf_append(out, "\\", 1);
        if (*s == '\n') {
            brink_buf_puts(out, "\\n");
            continue;
        }
        brink_buf_append(out, s, 1);
    }
    brink_buf_puts(out, "\"");
}

/* Put text made in t as a quoted DOT string and empty t. */
static void put_text(brink_buf *out, brink_buf *t)
{
    if (t->failed)
        out->failed = 1;
    dot_string(out, t->failed || !t->data ? "" : t->data);
    brink_buf_reset(t);
}

static double edge_prob(const brink_efg *g, const brink_tree_view *v, int u, int a)
{
    if (g->infoset_player[g->node_infoset[u]] < 0)
        return g->action_prob[a];
    return v->behav ? v->behav[a] : 0.0;
}

static void node_line(const brink_efg *g, const brink_tree_view *v, const double *reach, int u,
                      brink_buf *out, brink_buf *t)
{
    int h = g->node_infoset[u];
    int on = v->behav && reach[u] > PLAYED;
    brink_buf_printf(out, "  n%d [", u);
    if (h < 0) {
        int l = g->node_leaf[u];
        if (g->node_label[u][0])
            brink_buf_printf(t, "%s\n", g->node_label[u]);
        brink_buf_puts(t, "(");
        for (int p = 0; p < g->nplayers; p++) {
            if (p)
                brink_buf_puts(t, ", ");
            brink_buf_put_q(t, g->leaf_payq[(size_t)l * (size_t)g->nplayers + (size_t)p]);
        }
        brink_buf_puts(t, ")");
        brink_buf_puts(out, "shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", label=");
        put_text(out, t);
    } else if (g->infoset_player[h] < 0) {
        brink_buf_puts(out, "shape=diamond, style=filled, fillcolor=\"#dddddd\", label=");
        brink_buf_puts(t, g->node_label[u][0] ? g->node_label[u] : "chance");
        put_text(out, t);
    } else {
        int p = g->infoset_player[h];
        brink_buf_printf(out, "shape=ellipse, style=filled, fillcolor=\"%s\", fontcolor=\"%s\", label=",
                         fill[p % NCOL], ink[p % NCOL]);
        brink_buf_puts(t, g->player_names[p]);
        if (g->node_label[u][0])
            brink_buf_printf(t, "\n%s", g->node_label[u]);
        /* in the label, not an xlabel: dot drops xlabels it cannot place */
        if (v->belief && g->infoset_nmembers[h] > 1)
            brink_buf_printf(t, "\nbelief %.3g", v->belief[u]);
        put_text(out, t);
    }
    if (v->behav) {
        brink_buf_printf(t, "reached with probability %.6g", reach[u]);
        brink_buf_puts(out, ", tooltip=");
        put_text(out, t);
        brink_buf_printf(out, ", penwidth=%s, color=\"%s\"", on ? "2.5" : "1",
                         on ? "#111111" : "#9a9a9a");
    }
    brink_buf_puts(out, "];\n");
}

/* Do the equilibria the profile stands for take different actions where action a is? */
static int alt_open(const brink_efg *g, const brink_tree_view *v, int h)
{
    if (!v->alt)
        return 0;
    int a0 = g->infoset_action_start[h], n = 0;
    for (int x = a0; x < a0 + g->infoset_nactions[h]; x++)
        n += v->alt[x] != 0;
    return n > 1;
}

static void edge_line(const brink_efg *g, const brink_tree_view *v, const double *reach, int u,
                      int w, brink_buf *out, brink_buf *t)
{
    int a = g->node_action[w];
    int chance = g->infoset_player[g->node_infoset[u]] < 0;
    double pr = edge_prob(g, v, u, a);
    brink_buf_puts(t, g->action_label[a]);
    if (chance) {
        brink_buf_puts(t, " (");
        brink_buf_put_q(t, g->action_probq[a]);
        brink_buf_puts(t, ")");
    } else if (v->behav && alt_open(g, v, g->node_infoset[u])) {   /* one of the play's equilibria */
        brink_buf_puts(t, v->alt[a] ? " (in some equilibria)" : " 0");
    } else if (v->behav) {
        brink_buf_printf(t, " %.3g", pr);
    }
    brink_buf_printf(out, "  n%d -> n%d [label=", u, w);
    put_text(out, t);
    if (v->behav) {
        int path = reach[u] > PLAYED && pr > PLAYED;
        brink_buf_printf(out, ", penwidth=%.2f, color=\"%s\"%s", path ? 1.5 + 2.5 * pr : 0.8,
                         path ? "#111111" : "#9a9a9a", pr > PLAYED ? "" : ", style=dashed");
        brink_buf_puts(t, g->action_label[a]);
        brink_buf_puts(t, ": probability ");
        if (chance)
            brink_buf_put_q(t, g->action_probq[a]);
        else if (v->behavq)
            brink_buf_put_q(t, v->behavq[a]);
        else
            brink_buf_put_double(t, pr);
        brink_buf_puts(out, ", tooltip=");
        put_text(out, t);
        brink_buf_puts(out, ", labeltooltip=");
        dot_string(out, g->action_label[a]);
    }
    brink_buf_puts(out, "];\n");
}

brink_status brink_tree_write_dot(const brink_efg *g, brink_tree_view *v, brink_buf *out,
                                  brink_error *err)
{
    double *reach = malloc((size_t)g->nnodes * sizeof *reach);
    unsigned char *shown = calloc((size_t)g->nnodes, 1);
    /* without an equilibrium no player move is taken: reach through chance alone */
    double *none = v->behav ? NULL : calloc((size_t)g->nactions + 1, sizeof *none);
    if (!reach || !shown || (!v->behav && !none)) {
        free(reach);
        free(shown);
        free(none);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory drawing the tree");
    }
    brink_efg_reach(g, v->behav ? v->behav : none, reach);
    free(none);
    v->collapsed = v->behav && v->max_nodes > 0 && g->nnodes > v->max_nodes;
    int nshown = 0, nboxes = 0;
    for (int u = 0; u < g->nnodes; u++) {
        shown[u] = !v->collapsed || u == 0 || reach[g->node_parent[u]] > PLAYED;
        if (shown[u]) {
            nshown++;
            if (v->collapsed && reach[u] <= PLAYED && g->node_infoset[u] >= 0)
                nboxes++;
        }
    }
    v->drawn = nshown + nboxes;
    if (!v->behav && v->max_nodes > 0 && g->nnodes > v->max_nodes) {
        free(reach);
        free(shown);
        return brink_error_set(err, BRINK_ETOOBIG,
                               "the tree has %d nodes; without an equilibrium to follow, "
                               "drawing is limited to %d", g->nnodes, v->max_nodes);
    }
    if (v->max_collapsed > 0 && v->drawn > v->max_collapsed) {
        int drawn = v->drawn;
        free(reach);
        free(shown);
        return brink_error_set(err, BRINK_ETOOBIG,
                               "even collapsed to the path, the tree has %d nodes to draw "
                               "(limit %d)", drawn, v->max_collapsed);
    }
    brink_buf t;
    brink_buf_init(&t);
    brink_buf_puts(out, "digraph game {\n  rankdir=TB; bgcolor=\"transparent\";\n"
                        "  node [fontname=\"Helvetica\", fontsize=10];\n"
                        "  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (int u = 0; u < g->nnodes; u++) {
        if (!shown[u])
            continue;
        node_line(g, v, reach, u, out, &t);
        if (u > 0)
            edge_line(g, v, reach, g->node_parent[u], u, out, &t);
        if (v->collapsed && reach[u] <= PLAYED && g->node_infoset[u] >= 0) {
            brink_buf_printf(out, "  c%d [shape=note, style=dashed, color=\"#9a9a9a\", "
                                  "fontcolor=\"#555555\", label=\"%d node%s not drawn\\n(never reached)\"];\n"
                                  "  n%d -> c%d [style=dotted, color=\"#9a9a9a\", arrowhead=none];\n",
                             u, g->node_subtree_size[u] - 1, rep_s(g->node_subtree_size[u] - 1), u, u);
        }
    }
    /* Information sets: dashed lines between consecutive drawn members, on one rank. */
    for (int h = 0; h < g->ninfosets; h++) {
        if (g->infoset_player[h] < 0 || g->infoset_nmembers[h] < 2)
            continue;
        int prev = -1, ndrawn = 0;
        const int *m = g->infoset_member + g->infoset_member_start[h];
        for (int k = 0; k < g->infoset_nmembers[h]; k++) {
            if (!shown[m[k]])
                continue;
            if (prev >= 0)
                brink_buf_printf(out, "  n%d -> n%d [style=dashed, dir=none, constraint=false, "
                                      "color=\"%s\", tooltip=\"one information set\"];\n",
                                 prev, m[k], fill[g->infoset_player[h] % NCOL]);
            prev = m[k];
            ndrawn++;
        }
        if (ndrawn < 2)
            continue;
        brink_buf_puts(out, "  { rank=same;");
        for (int k = 0; k < g->infoset_nmembers[h]; k++)
            if (shown[m[k]])
                brink_buf_printf(out, " n%d;", m[k]);
        brink_buf_puts(out, " }\n");
    }
    brink_buf_puts(out, "}\n");
    brink_buf_free(&t);
    free(reach);
    free(shown);
    return out->failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory writing DOT") : BRINK_OK;
}
