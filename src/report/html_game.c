/* html_game.c — a game file (Gambit .efg) as an HTML page: the game, each verified profile
 * as a table of behaviour at every information set with its expected payoffs, the tree with
 * the first profile drawn on it; profiles found but not shown are counted, with why. A game file has no scenario, so no words about actors'
 * types or issues and no questions: only what the file and the solver give.
 */
#include <stdlib.h>

#include "report/html.h"
#include "report/plural.h"

/* Expected payoffs of a behaviour profile, bottom-up in reverse pre-order. */
static int profile_values(const brink_efg *g, const double *behav, double *val)
{
    size_t n = (size_t)g->nplayers;
    double *nv = calloc((size_t)g->nnodes * n + 1, sizeof *nv);
    if (!nv)
        return 0;
    for (int u = g->nnodes - 1; u >= 0; u--) {
        double *x = nv + (size_t)u * n;
        if (g->node_infoset[u] < 0) {
            for (size_t p = 0; p < n; p++)
                x[p] = g->leaf_pay[(size_t)g->node_leaf[u] * n + p];
            continue;
        }
        int h = g->node_infoset[u];
        for (int c = 0; c < g->infoset_nactions[h]; c++) {
            int w = g->node_children[g->node_child_start[u] + c];
            int a = g->node_action[w];
            double pr = g->infoset_player[h] < 0 ? g->action_prob[a] : behav[a];
            for (size_t p = 0; p < n; p++)
                x[p] += pr * nv[(size_t)w * n + p];
        }
    }
    for (size_t p = 0; p < n; p++)
        val[p] = nv[p];
    free(nv);
    return 1;
}

int brink_game_report_shows(const brink_profile_list *l, const brink_profile *pr)
{
    /* never a point the method stopped at short of its tolerance (unless exact) */
    return pr->kind == BRINK_PROFILE_BEHAV && pr->verified >= 0 &&
           pr->max_regret <= BRINK_GAME_REPORT_TOL &&
           !(l->stats.stopped_at_limit && pr->verified <= 0);
}

brink_status brink_game_write_html(const brink_efg *g, const char *source,
                                   const brink_profile_list *l, const char *method,
                                   const brink_html_assets *as, brink_buf *out, brink_error *err)
{
    html_head(out, g->title && g->title[0] ? g->title : "game");
    brink_buf_puts(out, "<header><p class=\"muted\">Game file &middot; ");
    html_text(out, source);
    brink_buf_puts(out, "</p><h1>");
    html_text(out, g->title && g->title[0] ? g->title : "(untitled game)");
    brink_buf_puts(out, "</h1></header>\n<section id=\"summary\"><h2>Summary and sources</h2>\n");
    if (g->comment && g->comment[0]) {
        brink_buf_puts(out, "<p>");
        html_text(out, g->comment);
        brink_buf_puts(out, "</p>\n");
    }
    brink_buf_printf(out, "<p>%d player%s, %d node%s, %d information set%s, %s information, %s "
                          "recall. Source: the file ",
                     g->nplayers, rep_s(g->nplayers), g->nnodes, rep_s(g->nnodes), g->ninfosets,
                     rep_s(g->ninfosets), g->perfect_info ? "perfect" : "imperfect",
                     g->perfect_recall ? "perfect" : "imperfect");
    html_text(out, source);
    /* what the method found, and why some or all of it is not shown */
    int nshown = 0, nrejected = 0;
    double worst = 0;
    for (int i = 0; i < l->count; i++) {
        if (brink_game_report_shows(l, &l->items[i])) {
            nshown++;
        } else if (l->items[i].kind == BRINK_PROFILE_BEHAV) {
            nrejected++;
            if (l->items[i].nashconv > worst)
                worst = l->items[i].nashconv;
        }
    }
    brink_buf_puts(out, ".</p>\n</section>\n<section id=\"equilibria\"><h2>Equilibria</h2>\n<p>Method: ");
    html_text(out, method);
    brink_buf_printf(out, "; %d profile%s found, %d shown: each shown profile passed brink "
                          "solve's verification, exactly, or in floating point to a largest "
                          "gain from deviating of at most %g (labelled approximate).</p>\n",
                     l->count, l->count == 1 ? "" : "s", nshown, BRINK_GAME_REPORT_TOL);
    if (nrejected)
        brink_buf_printf(out, "<p class=\"note\">%d profile%s found %s not shown: %s "
                              "the check (largest NashConv %.3g).</p>\n",
                         nrejected, nrejected == 1 ? "" : "s", nrejected == 1 ? "is" : "are",
                         nrejected == 1 ? "it fails" : "they fail", worst);
    if (l->stats.stopped_at_limit)
        brink_buf_puts(out, "<p class=\"note\">The method stopped at its time or iteration "
                            "limit before reaching its target.</p>\n");
    if (nshown == 0)
        brink_buf_puts(out, "<p class=\"note\">No equilibrium is shown.</p>\n");
    double *val = malloc(((size_t)g->nplayers + 1) * sizeof *val);
    if (!val)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int i = 0, e = 0; i < l->count; i++) {
        const brink_profile *pr = &l->items[i];
        if (!brink_game_report_shows(l, pr))
            continue;
        const double *prof = pr->p;
        e++;
        brink_buf_printf(out, "<h3>Equilibrium %d</h3>\n<p class=\"muted\">", e);
        if (pr->verified > 0)
            brink_buf_puts(out, "Verified exactly: no player can gain by deviating.");
        else
            brink_buf_printf(out, "Approximate: checked in floating point only, largest gain "
                                  "from deviating %.3g, NashConv %.3g.",
                             pr->max_regret, pr->nashconv);
        brink_buf_puts(out, "</p>\n<table class=\"choices\"><tr><th>player</th><th>information "
                            "set</th><th>choice (probability)</th></tr>\n");
        for (int h = 0; h < g->ninfosets; h++) {
            int p = g->infoset_player[h];
            if (p < 0)
                continue;
            brink_buf_puts(out, "<tr><td>");
            html_text(out, g->player_names[p]);
            brink_buf_puts(out, "</td><td>");
            html_text(out, g->infoset_label[h] && g->infoset_label[h][0] ? g->infoset_label[h]
                                                                          : "(unlabelled)");
            brink_buf_puts(out, "</td><td>");
            for (int k = 0; k < g->infoset_nactions[h]; k++) {
                int a = g->infoset_action_start[h] + k;
                brink_buf_puts(out, k ? "<br>" : "");
                html_text(out, g->action_label[a]);
                brink_buf_printf(out, " %.6g", prof[a]);
            }
            brink_buf_puts(out, "</td></tr>\n");
        }
        brink_buf_puts(out, "</table>\n");
        if (profile_values(g, prof, val)) {
            brink_buf_puts(out, "<table><tr><th>player</th><th>expected payoff</th></tr>\n");
            for (int p = 0; p < g->nplayers; p++) {
                brink_buf_puts(out, "<tr><td>");
                html_text(out, g->player_names[p]);
                brink_buf_printf(out, "</td><td class=\"num\">%.10g</td></tr>\n", val[p]);
            }
            brink_buf_puts(out, "</table>\n");
        } else {
            out->failed = 1;
        }
    }
    free(val);
    brink_buf_puts(out, "</section>\n");
    html_tree(out, as);
    html_tail(out);
    return out->failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory writing HTML") : BRINK_OK;
}
