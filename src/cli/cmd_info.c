/* cmd_info.c — `brink info FILE`: what a game is made of. */
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"

static void info_text(brink_buf *o, const char *path, const brink_game *g)
{
    brink_buf_printf(o, "File:      %s\n", path);
    if (g->kind == BRINK_GAME_NFG) {
        const brink_nfg *n = g->nfg;
        brink_buf_printf(o, "Title:     %s\nForm:      strategic (normal) form\nPlayers:   %d\n",
                         n->title, n->nplayers);
        for (int p = 0; p < n->nplayers; p++) {
            brink_buf_printf(o, "  %d. %s — %d strategies:", p + 1, n->player_names[p], n->nstrats[p]);
            for (int s = 0; s < n->nstrats[p] && s < 12; s++)
                brink_buf_printf(o, " %s", n->strat_labels[n->strat_offset[p] + s]);
            if (n->nstrats[p] > 12) brink_buf_puts(o, " ...");
            brink_buf_puts(o, "\n");
        }
        brink_buf_printf(o, "Cells:     %zu\nOutcomes:  %d\nConstant-sum: %s\n", n->ncells,
                         n->noutcomes, brink_nfg_is_constant_sum(n, NULL) ? "yes" : "no");
        return;
    }
    const brink_efg *e = g->efg;
    int chance_sets = e->player_infoset_start[e->nplayers + 1] - e->player_infoset_start[e->nplayers];
    brink_buf_printf(o, "Title:     %s\nForm:      extensive form\nPlayers:   %d\n", e->title,
                     e->nplayers);
    for (int p = 0; p < e->nplayers; p++)
        brink_buf_printf(o, "  %d. %s — %d information sets, %d actions\n", p + 1,
                         e->player_names[p], brink_efg_player_ninfosets(e, p),
                         e->player_action_start[p + 1] - e->player_action_start[p]);
    int maxdepth = 0;
    for (int v = 0; v < e->nnodes; v++)
        if (e->node_depth[v] > maxdepth) maxdepth = e->node_depth[v];
    brink_buf_printf(o, "Nodes:     %d (%d terminal), depth %d\n", e->nnodes, e->nleaves, maxdepth);
    brink_buf_printf(o, "Infosets:  %d (%d of chance)\nOutcomes:  %d\n", e->ninfosets, chance_sets,
                     e->noutcomes);
    brink_buf why;   /* player and information set names whole */
    brink_buf_init(&why);
    int pr = brink_efg_perfect_recall_why(e, &why);
    if (pr < 0)
        o->failed = 1;   /* out of memory: cli_emit reports it */
    else
        brink_buf_printf(o, "Perfect recall:      %s%s\n", pr ? "yes" : "no — ",
                         pr ? "" : why.data);
    brink_buf_free(&why);
    brink_buf_printf(o, "Perfect information: %s\nConstant-sum:        %s\n",
                     e->perfect_info ? "yes" : "no", brink_efg_is_constant_sum(e) ? "yes" : "no");
}

static void info_json(brink_buf *o, const char *path, const brink_game *g)
{
    brink_buf_puts(o, "{\"file\":");
    brink_json_string(o, path);
    if (g->kind == BRINK_GAME_NFG) {
        const brink_nfg *n = g->nfg;
        brink_buf_puts(o, ",\"form\":\"strategic\",\"title\":");
        brink_json_string(o, n->title);
        brink_buf_puts(o, ",\"players\":[");
        for (int p = 0; p < n->nplayers; p++) {
            brink_buf_puts(o, p ? ",{\"name\":" : "{\"name\":");
            brink_json_string(o, n->player_names[p]);
            brink_buf_printf(o, ",\"strategies\":%d}", n->nstrats[p]);
        }
        brink_buf_printf(o, "],\"cells\":%zu,\"outcomes\":%d,\"constant_sum\":%s}\n", n->ncells,
                         n->noutcomes, brink_nfg_is_constant_sum(n, NULL) ? "true" : "false");
        return;
    }
    const brink_efg *e = g->efg;
    brink_buf_puts(o, ",\"form\":\"extensive\",\"title\":");
    brink_json_string(o, e->title);
    brink_buf_puts(o, ",\"players\":[");
    for (int p = 0; p < e->nplayers; p++) {
        brink_buf_puts(o, p ? ",{\"name\":" : "{\"name\":");
        brink_json_string(o, e->player_names[p]);
        brink_buf_printf(o, ",\"infosets\":%d,\"actions\":%d}", brink_efg_player_ninfosets(e, p),
                         e->player_action_start[p + 1] - e->player_action_start[p]);
    }
    brink_buf_printf(o, "],\"nodes\":%d,\"terminal_nodes\":%d,\"infosets\":%d,\"outcomes\":%d,"
                        "\"perfect_recall\":%s,\"perfect_information\":%s,\"constant_sum\":%s}\n",
                     e->nnodes, e->nleaves, e->ninfosets, e->noutcomes,
                     e->perfect_recall ? "true" : "false", e->perfect_info ? "true" : "false",
                     brink_efg_is_constant_sum(e) ? "true" : "false");
}

int brink_cli_info(int argc, char **argv)
{
    int json = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: brink info FILE [--json]\n\n"
                   "Describe a Gambit .efg or .nfg game: players, strategies or information\n"
                   "sets, nodes, outcomes, perfect recall and information, constant sum.\n");
            return BRINK_EXIT_OK;
        }
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (argv[i][0] == '-' && argv[i][1]) return cli_usage_error("info", "unknown option '%s'", argv[i]);
        else if (path) return cli_usage_error("info", "one file at a time");
        else path = argv[i];
    }
    if (!path) return cli_usage_error("info", "missing FILE");
    brink_game g;
    int rc = cli_load_game(path, &g);
    if (rc) return rc;
    brink_buf o;
    brink_buf_init(&o);
    if (json) info_json(&o, path, &g);
    else info_text(&o, path, &g);
    rc = cli_emit(&o, NULL);
    brink_buf_free(&o);
    brink_game_free(&g);
    return rc;
}
