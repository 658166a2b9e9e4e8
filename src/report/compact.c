/* compact.c — the text and JSON of an analysis solved on a compact game
 * (src/analysis/compact.c). The text has the tree path's layout: the game line (counts of the
 * unfolded tree), the method with the automatic change and its reason, the play, outcomes
 * and values; the JSON carries the decisions (and public chance moves) per distinct sub-game
 * ("classes") with its count of tree nodes instead of one entry per node (schema/brink-analysis.schema.json: the form
 * with method.compact, $defs compact_*).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/compact_int.h"
#include "brink/io.h"
#include "report/describe.h"
#include "scenario/model.h"

/* text.c */
void rep_text_flush(brink_buf *out, brink_buf *line, int indent);

static void put_mpz(brink_buf *b, const mpz_t z)
{
    char *s = mpz_get_str(NULL, 10, z);
    if (!s) {
        b->failed = 1;
        return;
    }
    brink_buf_puts(b, s);
    free(s);
}

/* A count in the text: exact up to 40 digits, else "about 10^x" as the SPE counts are (JSON
 * keeps the exact decimal string; tester 12, F9.1). */
#define TEXT_DIGITS_MAX 40
static void put_count_text(brink_buf *b, const mpz_t z)
{
    if (mpz_sizeinbase(z, 10) <= TEXT_DIGITS_MAX + 1) {
        char *s = mpz_get_str(NULL, 10, z);
        if (!s) {
            b->failed = 1;
            return;
        }
        size_t n = strlen(s);
        void (*freefunc)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &freefunc);
        if (n <= TEXT_DIGITS_MAX)
            brink_buf_puts(b, s);
        freefunc(s, n + 1);
        if (n <= TEXT_DIGITS_MAX)
            return;
    }
    long ex;
    double m = mpz_get_d_2exp(&ex, z);   /* z = m 2^ex, 0.5 <= m < 1 */
    brink_buf_printf(b, "about 10^%.0f", log10(m) + (double)ex * log10(2.0));
}

/* A count as a JSON number when a double holds it exactly, else as a decimal string. */
static void json_count(brink_buf *b, const mpz_t z)
{
    if (mpz_sizeinbase(z, 2) <= 53) {
        put_mpz(b, z);
    } else {
        brink_buf_puts(b, "\"");
        put_mpz(b, z);
        brink_buf_puts(b, "\"");
    }
}

static void json_q(brink_buf *b, const mpq_t q)
{
    char *s = brink_q_to_string(q);
    brink_json_string(b, s ? s : "");
    if (!s)
        b->failed = 1;
    free(s);
}

static void json_d(brink_buf *b, double x)
{
    if (!isfinite(x))
        brink_buf_puts(b, "null");
    else
        brink_buf_put_double(b, x);
}

/* What the mover of play entry i has seen: every move and chance outcome above it, "A
 * offer_0.275, B reject" (the tree's view words: the last SC_VIEW_SHOWN events after "(N
 * earlier events)"). */
#define VIEW_SHOWN 64
static void view_words(brink_buf *b, const brink_scenario *sc, const struct brink_compact_result *r,
                       int i)
{
    const sc_compact *k = r->k;
    int depth = 0;
    for (int j = i; r->play_parent[j] >= 0; j = r->play_parent[j])
        depth++;
    int *up = malloc((size_t)(depth + 1) * sizeof *up), n = 0;
    if (!up) {
        b->failed = 1;
        return;
    }
    for (int j = i; r->play_parent[j] >= 0; j = r->play_parent[j])
        up[n++] = j;   /* entries below each event's move, from i up */
    int shown = n > VIEW_SHOWN ? VIEW_SHOWN : n;
    if (n > shown)
        brink_buf_printf(b, "(%d earlier events)", n - shown);
    for (int x = shown - 1; x >= 0; x--) {
        int j = up[x], c = r->play_cls[r->play_parent[j]];
        const sc_node *nd = k->node[c];
        const char *who = k->mover[c] >= 0 ? sc->actors[k->mover[c]].id
                                           : nd->name ? nd->name : "chance";
        brink_buf_printf(b, "%s%s %s", b->len ? ", " : "", who, nd->opt_labels[r->play_via[j]]);
    }
    free(up);
}

static void reason(brink_buf *line, const brink_analysis *a)
{
    const sc_compact *k = a->compact->k;
    /* the exact count (pass 1's saturates at 2^62 - 1: tester 11b, F7) */
    brink_buf_puts(line, "Changed automatically: the game tree would have ");
    put_count_text(line, k->nodes);
    brink_buf_printf(line, " nodes, more than %zu, and has perfect information: solved by "
                           "backward induction once per distinct sub-game (%d of them, the "
                           "compact game), without unfolding the tree; decision points off "
                           "the path are counted, not listed one by one.",
                     a->sc->lim.compact_above, k->nclasses);
}

brink_status an_compact_write_text(const brink_analysis *a, brink_buf *out, brink_error *err)
{
    const brink_scenario *sc = a->sc;
    const struct brink_compact_result *r = a->compact;
    const sc_compact *k = r->k;
    brink_buf line;
    brink_buf_init(&line);
    brink_buf_printf(&line, "Game: %d actor%s (", k->np, k->np == 1 ? "" : "s");
    for (int i = 0; i < k->np; i++)
        brink_buf_printf(&line, "%s%s", i ? ", " : "", brink_scenario_actor_name(sc, i));
    brink_buf_puts(&line, "), ");
    put_count_text(&line, k->nodes);
    brink_buf_puts(&line, " nodes, ");
    put_count_text(&line, k->decisions);
    brink_buf_printf(&line, " decision point%s, ", mpz_cmp_ui(k->decisions, 1) == 0 ? "" : "s");
    put_count_text(&line, k->chances);
    brink_buf_printf(&line, " chance move%s; perfect information.",
                     mpz_cmp_ui(k->chances, 1) == 0 ? "" : "s");
    brink_buf_puts(out, "\n");
    rep_text_flush(out, &line, 0);
    brink_buf_puts(&line, "Method: spe: perfect information: backward induction finds every "
                          "subgame-perfect equilibrium exactly.");
    rep_text_flush(out, &line, 0);
    reason(&line, a);
    rep_text_flush(out, &line, 8);
    int one = r->count_exact && mpz_cmp_ui(r->nspe, 1) == 0;
    if (one)
        brink_buf_puts(&line, "1 profile found, 0 rejected as not sequential, 1 "
                              "distinct equilibrium kept; ");
    else
        brink_buf_puts(&line, "1 profile found (the first best action at every tie), 0 "
                              "rejected as not sequential; ");
    if (a->seconds >= 100)
        brink_buf_printf(&line, "%.0f s.", a->seconds);
    else
        brink_buf_printf(&line, "%.2g s.", a->seconds);
    rep_text_flush(out, &line, 8);
    brink_buf_puts(out, "\n");
    if (one) {
        brink_buf_puts(&line, "One equilibrium (search: every subgame-perfect equilibrium in "
                              "pure strategies):");
    } else if (!r->spe.payoff_ties) {
        brink_buf_puts(&line, "One of ");
        if (r->count_exact)
            put_count_text(&line, r->nspe);
        else
            brink_buf_printf(&line, "about 10^%.0f", r->log10_nspe);
        brink_buf_puts(&line, " subgame-perfect equilibria in pure strategies, all with the "
                              "same values");
        if (r->outcomes_differ > 0)   /* tester 12, F1 */
            brink_buf_puts(&line, " but not all with the same outcomes or issue values");
        else if (r->outcomes_differ < 0)
            brink_buf_puts(&line, ", whose outcomes were not compared (too many sub-games)");
        brink_buf_puts(&line, " (ties at ");
        put_count_text(&line, r->tied);
        brink_buf_printf(&line, " decision point%s; the first best action is shown at each%s):",
                         mpz_cmp_ui(r->tied, 1) == 0 ? "" : "s",
                         r->outcomes_differ ? "; --compact-above 0 unfolds a tree within "
                                              "--max-nodes to list the plays" : "");
    } else {
        /* ties that change someone's value at their decision: what they do at the root
         * depends on where they lie (tester 12, F2) */
        brink_buf_puts(&line, "One of several subgame-perfect equilibria in pure strategies, ");
        brink_buf_puts(&line, r->values_differ > 0    ? "which differ in values"
                              : r->values_differ < 0 ? "which may differ in values"
                                                     : "all with the same values");
        if (r->values_differ == 0 && r->outcomes_differ > 0)
            brink_buf_puts(&line, " but not all with the same outcomes or issue values");
        int pl = mpz_cmp_ui(r->vtied, 1) != 0;
        if (mpz_cmp(r->vtied, r->tied) == 0) {
            brink_buf_printf(&line, ": the tie%s at ", pl ? "s" : "");
            put_count_text(&line, r->tied);
            brink_buf_printf(&line, " decision point%s change%s", pl ? "s" : "", pl ? "" : "s");
        } else {
            brink_buf_puts(&line, ": of the ties at ");
            put_count_text(&line, r->tied);
            brink_buf_puts(&line, " decision points, ");
            put_count_text(&line, r->vtied);
            brink_buf_printf(&line, " change%s", pl ? "" : "s");
        }
        brink_buf_puts(&line, " another actor's value there, ");
        brink_buf_puts(&line, r->values_differ > 0
                                  ? (pl ? "some on the path of play" : "on the path of play")
                              : r->values_differ < 0
                                  ? "only off the path of play shown"
                                  : "only where the play goes with probability 0, so no value "
                                    "above changes");
        brink_buf_puts(&line, "; this one takes the first best action at each (not counted: "
                              "--max-nodes and --compact-above 0 unfold a tree that fits to "
                              "list them):");
    }
    rep_text_flush(out, &line, 0);
    if (r->play_omitted) {   /* tester 12, F4 */
        brink_buf_puts(&line, "(the play branches at chance moves into ");
        put_count_text(&line, r->play_moves);
        brink_buf_printf(&line, " decision points and chance moves, more than %d to list one "
                                "by one: not listed; ", COMPACT_PLAY_MAX);
        if (mpz_cmp_ui(k->nodes, (unsigned long)sc->lim.max_tree_nodes) <= 0)
            brink_buf_puts(&line, "--compact-above 0 unfolds the tree, which fits --max-nodes, "
                                  "to list it)");
        else
            brink_buf_puts(&line, "the tree is larger than --max-nodes)");
        rep_text_flush(out, &line, 2);
    }
    for (int i = 0; i < r->nplay; i++) {
        int c = r->play_cls[i];
        if (k->mover[c] < 0)   /* chance moves are in the words of the decisions below */
            continue;
        brink_buf_printf(&line, "%s, ", sc->actors[k->mover[c]].id);
        if (r->play_parent[i] < 0) {
            brink_buf_puts(&line, "at the start");
        } else {
            brink_buf words;
            brink_buf_init(&words);
            view_words(&words, sc, r, i);
            brink_buf_printf(&line, "after %s", rep_text(&words));
            if (words.failed)
                line.failed = 1;
            brink_buf_free(&words);
        }
        brink_buf_puts(&line, ": ");
        rep_words(&line, k->node[c]->opt_labels[r->spe.choice[c]]);
        rep_text_flush(out, &line, 2);
    }
    if (mpz_sgn(r->offpath) > 0) {
        brink_buf_puts(out, "  (");
        put_count_text(out, r->offpath);
        /* JSON lists the distinct sub-games, not the tree's decision points (tester 11b, F3) */
        brink_buf_puts(out, " decision points off the path of play not shown; --json lists "
                            "their distinct sub-games)\n");
    }
    int discrete = 0;
    for (int i = 0; i < k->ni; i++)
        discrete |= sc->issues[i].nlevels > 0;
    /* the outcomes and issues are the shown equilibrium's when others' differ (F1) */
    const char *others = one ? ""
                         : r->outcomes_differ > 0 ? " (the equilibrium shown's; others differ)"
                         : r->outcomes_differ < 0 ? " (the equilibrium shown's; others' may differ)"
                                                  : "";
    if (discrete) {   /* the tree's words: most likely first */
        brink_buf_printf(&line, "Outcomes%s:", others);
        for (int g = 0; g < r->ngroups; g++) {
            const int *levels = &k->leaf_level[(size_t)k->leaf[r->group_leaf[g]] * (size_t)k->ni];
            brink_buf_printf(&line, "%s ", g ? ";" : "");
            rep_pct(&line, brink_q_get_d(r->group_prob[g]));
            brink_buf_puts(&line, " ");
            rep_group_levels(&line, sc, levels, 0);
        }
        rep_text_flush(out, &line, 2);
    }
    for (int i = 0; i < k->ni; i++)
        if (!sc->issues[i].nlevels) {
            brink_buf_printf(out, "    expected %s%s: ", sc->issues[i].name,
                             discrete ? "" : others);
            rep_num(out, brink_q_get_d(r->issue_value[i]));
            brink_buf_puts(out, "\n");
        }
    brink_buf_puts(&line, "Expected value:");
    for (int p = 0; p < k->np; p++) {
        const mpq_t *v = &r->value[p];
        brink_buf_printf(&line, "%s %s ", p ? ";" : "", sc->actors[p].id);
        rep_num_q(&line, brink_q_get_d(*v), v);
    }
    rep_text_flush(out, &line, 2);
    if (r->verified)
        brink_buf_puts(out, "  (verified exactly as a Nash equilibrium in rational arithmetic)\n");
    else
        brink_buf_puts(out, "  (NOT verified: the exact check failed at some sub-game)\n");
    if (line.failed)
        out->failed = 1;
    brink_buf_free(&line);
    if (out->failed)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory writing the report");
    return BRINK_OK;
}

/* The JSON body after the scenario part: game, method, the equilibrium shown, and every
 * distinct decision ("classes") with its count of tree nodes (the schema's compact form). */
brink_status an_compact_write_json(const brink_analysis *a, brink_buf *out, brink_error *err)
{
    const brink_scenario *sc = a->sc;
    const struct brink_compact_result *r = a->compact;
    const sc_compact *k = r->k;
    int np = k->np;
    brink_buf_printf(out, ",\"game\":{\"actors\":%d,\"nodes\":", np);
    json_count(out, k->nodes);
    brink_buf_puts(out, ",\"decision_points\":");
    json_count(out, k->decisions);
    brink_buf_puts(out, ",\"chance_moves\":");
    json_count(out, k->chances);
    brink_buf_printf(out, ",\"perfect_information\":true,\"compact\":{\"classes\":%d}}",
                     k->nclasses);
    brink_buf w;
    brink_buf_init(&w);
    reason(&w, a);
    brink_buf_puts(out, ",\"method\":{\"name\":\"spe\",\"compact\":true,\"changes\":[");
    brink_json_string(out, rep_text(&w));
    if (w.failed)
        out->failed = 1;
    brink_buf_free(&w);
    brink_buf_printf(out, "]},\"unique\":false,\"equilibrium\":{\"verified\":%s,"
                          "\"payoff_ties\":%s,\"count\":",
                     r->verified ? "true" : "false", r->spe.payoff_ties ? "true" : "false");
    if (r->count_exact)
        json_count(out, r->nspe);
    else
        brink_buf_puts(out, "null");
    brink_buf_puts(out, ",\"log10_count\":");
    if (!r->spe.payoff_ties)
        json_d(out, r->log10_nspe);
    else
        brink_buf_puts(out, "null");
    brink_buf_puts(out, ",\"tied_decision_points\":");
    json_count(out, r->tied);
    brink_buf_puts(out, ",\"value_tied_decision_points\":");
    json_count(out, r->vtied);
    brink_buf_printf(out, ",\"values_differ\":%s,\"outcomes_differ\":%s,\"path_listed\":%s",
                     r->values_differ > 0 ? "true" : r->values_differ < 0 ? "null" : "false",
                     r->outcomes_differ > 0 ? "true" : r->outcomes_differ < 0 ? "null" : "false",
                     r->play_omitted ? "false" : "true");
    brink_buf_puts(out, ",\"path\":[");
    int chance = mpz_sgn(k->chances) > 0;
    for (int i = 0; i < r->nplay; i++) {
        int c = r->play_cls[i];
        brink_buf_printf(out, "%s{\"class\":%d,\"actor\":%d,\"action\":%d,\"label\":", i ? "," : "",
                         c, k->mover[c] >= 0 ? k->mover[c] : -1,
                         k->mover[c] >= 0 ? r->spe.choice[c] : -1);
        if (k->mover[c] >= 0)
            brink_json_string(out, k->node[c]->opt_labels[r->spe.choice[c]]);
        else
            brink_json_string(out, k->node[c]->name ? k->node[c]->name : "chance");
        if (chance) {   /* the play branches: where each entry hangs, and how likely it is */
            brink_buf_printf(out, ",\"chance\":%s,\"parent\":%d,\"via\":%d,\"probability\":",
                             k->mover[c] >= 0 ? "false" : "true", r->play_parent[i],
                             r->play_via[i]);
            json_q(out, r->play_reach[i]);
        }
        brink_buf_puts(out, "}");
    }
    brink_buf_puts(out, "],\"decision_points_off_path\":");
    json_count(out, r->offpath);
    brink_buf_puts(out, ",\"levels\":[");
    for (int i = 0; i < k->ni; i++) {
        /* a level every outcome of the play has, else null */
        int lv = -1;
        for (int g = 0; g < r->ngroups; g++) {
            int x = k->leaf_level[(size_t)k->leaf[r->group_leaf[g]] * (size_t)k->ni + (size_t)i];
            if (g == 0)
                lv = x;
            else if (x != lv)
                lv = -1;
        }
        if (lv >= 0)
            brink_buf_printf(out, "%s%d", i ? "," : "", lv);
        else
            brink_buf_printf(out, "%snull", i ? "," : "");
    }
    brink_buf_puts(out, "],\"outcomes\":[");
    for (int g = 0; g < r->ngroups; g++) {
        brink_buf_printf(out, "%s{\"levels\":[", g ? "," : "");
        for (int i = 0; i < k->ni; i++) {
            int x = k->leaf_level[(size_t)k->leaf[r->group_leaf[g]] * (size_t)k->ni + (size_t)i];
            if (x >= 0)
                brink_buf_printf(out, "%s%d", i ? "," : "", x);
            else
                brink_buf_printf(out, "%snull", i ? "," : "");
        }
        brink_buf_puts(out, "],\"probability\":");
        json_q(out, r->group_prob[g]);
        brink_buf_puts(out, "}");
    }
    brink_buf_puts(out, "],\"issue_values\":[");
    for (int i = 0; i < k->ni; i++) {
        brink_buf_puts(out, i ? "," : "");
        if (sc->issues[i].nlevels)
            brink_buf_puts(out, "null");
        else
            json_q(out, r->issue_value[i]);
    }
    brink_buf_puts(out, "],\"values\":[");
    for (int p = 0; p < np; p++) {
        brink_buf_puts(out, p ? "," : "");
        json_d(out, brink_q_get_d(r->value[p]));
    }
    brink_buf_puts(out, "],\"exact_values\":[");
    for (int p = 0; p < np; p++) {
        brink_buf_puts(out, p ? "," : "");
        json_q(out, r->value[p]);
    }
    brink_buf_puts(out, "]},\"classes\":[");
    int first = 1;
    for (int c = k->nclasses - 1; c >= 0; c--) {
        if (k->mover[c] == -1)
            continue;
        brink_buf_printf(out, "%s{\"class\":%d,\"actor\":%d,", first ? "" : ",", c,
                         k->mover[c] >= 0 ? k->mover[c] : -1);
        if (k->mover[c] < 0)
            brink_buf_puts(out, "\"chance\":true,");
        brink_buf_puts(out, "\"count\":");
        first = 0;
        json_count(out, k->mult[c]);
        brink_buf_printf(out, ",\"line\":%d,\"column\":%d,\"actions\":[", k->node[c]->loc.line,
                         k->node[c]->loc.col);
        int e0 = k->child_start[c], e1 = k->child_start[c + 1];
        for (int e = e0; e < e1; e++) {
            brink_buf_puts(out, e > e0 ? "," : "");
            brink_json_string(out, k->node[c]->opt_labels[e - e0]);
        }
        brink_buf_puts(out, "],\"children\":[");
        for (int e = e0; e < e1; e++)
            brink_buf_printf(out, "%s%d", e > e0 ? "," : "", k->child[e]);
        if (k->mover[c] < 0) {   /* a chance move: its probabilities */
            brink_buf_puts(out, "],\"probabilities\":[");
            for (int e = e0; e < e1; e++) {
                brink_buf_puts(out, e > e0 ? "," : "");
                json_q(out, r->prob[e]);
            }
        }
        brink_buf_printf(out, "],\"choice\":%d,\"optimal\":[", r->spe.choice[c]);
        int f = 1;
        for (int e = e0; e < e1; e++)
            if (r->spe.optimal[e]) {
                brink_buf_printf(out, "%s%d", f ? "" : ",", e - e0);
                f = 0;
            }
        brink_buf_puts(out, "],\"exact_values\":[");
        for (int p = 0; p < np; p++) {
            brink_buf_puts(out, p ? "," : "");
            json_q(out, r->spe.val[(size_t)c * (size_t)np + (size_t)p]);
        }
        brink_buf_puts(out, "]");
        if (r->epay) {   /* payoffs collected on each edge (added to the child's values) */
            brink_buf_puts(out, ",\"edge_payoffs\":[");
            for (int e = e0; e < e1; e++) {
                brink_buf_puts(out, e > e0 ? ",[" : "[");
                for (int p = 0; p < np; p++) {
                    brink_buf_puts(out, p ? "," : "");
                    json_q(out, r->epay[(size_t)e * (size_t)np + (size_t)p]);
                }
                brink_buf_puts(out, "]");
            }
            brink_buf_puts(out, "]");
        }
        brink_buf_puts(out, "}");
    }
    brink_buf_puts(out, "]");   /* the answers follow (json.c) */
    if (out->failed)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory writing JSON");
    return BRINK_OK;
}
