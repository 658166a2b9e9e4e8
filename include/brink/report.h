/* brink/report.h — pictures of results: the game tree as Graphviz DOT with an equilibrium
 * drawn on it, figures as Vega-Lite specifications made from the analysis' data, and one
 * self-contained HTML page holding all of it (brink report; docs/report.md).
 *
 * The library only writes text into a brink_buf: it runs no program and loads no file. The
 * caller lays the DOT out (Graphviz `dot -Tsvg`) and hands in the SVG, and hands in the
 * JavaScript that draws the figures (the vega, vega-lite and vega-embed bundles; the CLI
 * embeds them at build time). Figures are data in, spec out: every number in a spec is
 * evaluated from the analysis (thresholds: the certified regions and their exact profiles),
 * never parsed from text.
 */
#ifndef BRINK_REPORT_H
#define BRINK_REPORT_H

#include "analysis.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- The game tree with an equilibrium ---- */

typedef struct brink_tree_view {
    const double *behav;    /* [nactions] behaviour profile to draw, or NULL (tree only) */
    const mpq_t *behavq;    /* [nactions] exact values for the tooltips, or NULL */
    const double *belief;   /* [nnodes] beliefs within information sets, or NULL */
    /* [nactions] or NULL: the profile stands for a play of equilibria (brink_equilibrium.alt)
     * and these actions are taken by some of them; where they are several (off the path)
     * the edges say so instead of giving the profile's probability as the choice */
    const unsigned char *alt;
    int max_nodes;          /* draw every node up to this many (default 400); above, only
                               the equilibrium path and its siblings (each sibling's subtree
                               is one box saying how many nodes it holds) */
    int max_collapsed;      /* refuse (BRINK_ETOOBIG) when even the collapsed tree has more
                               nodes than this (default 2000) */
    /* out */
    int drawn;              /* nodes drawn as nodes (collapsed boxes included) */
    int collapsed;          /* 1 when the tree was collapsed to the path */
} brink_tree_view;

void brink_tree_view_init(brink_tree_view *v);

/* DOT text of g with v's profile: edge labels "action 0.25" (probabilities of the profile;
 * chance edges their exact probabilities), the path (edges played with positive probability
 * from reached nodes) thick and coloured, unreached parts grey, information sets joined by
 * dashed lines, a node's belief written beside it when its set has several members, and
 * tooltips with exact values. Every node is a DOT node with id "n<pre-order id>" (collapsed
 * boxes "c<id>"); v->drawn counts them. Errors: BRINK_ETOOBIG, BRINK_ENOMEM. */
brink_status brink_tree_write_dot(const brink_efg *g, brink_tree_view *v, brink_buf *out,
                                  brink_error *err);

/* ---- Figures (Vega-Lite v5 specifications, JSON) ---- */

typedef enum {
    BRINK_FIG_OUTCOMES = 1,  /* bar chart: probability of each outcome group per equilibrium */
    BRINK_FIG_THRESHOLD,     /* lines: the watched mover's expected value of each of its
                                options against the parameter, flips as rules at their
                                exact values (answer `answer`, watched set `watch`) */
    BRINK_FIG_SWEEP,         /* lines: expected values and outcome probabilities along a
                                one-parameter sweep */
    BRINK_FIG_MAP            /* heat map: the watched choice over a two-parameter sweep */
} brink_figure_kind;

typedef struct brink_figure {
    brink_figure_kind kind;
    int answer;              /* index into a->answers (-1 for OUTCOMES) */
    int watch;               /* THRESHOLD: index into the answer's watched sets */
} brink_figure;

/* The figures an analysis has, in report order (malloc'd array; free() it; *n may be 0). */
brink_figure *brink_report_figures(const brink_analysis *a, int *n, brink_error *err);

/* A short title for figure f ("Outcome probabilities", "USA's options against cost"). */
brink_status brink_report_figure_title(const brink_analysis *a, const brink_figure *f,
                                       brink_buf *out, brink_error *err);

/* The Vega-Lite spec of figure f (one JSON object, data inline). Threshold figures evaluate
 * the certified profile of each region at `samples` points spread over it (plus its ends):
 * the lines are drawn through exact values; flips are placed at their exact values (the
 * double nearest, the exact number in the tooltip). Errors: BRINK_EINVALID, BRINK_ENOMEM. */
brink_status brink_report_figure_spec(const brink_analysis *a, const brink_figure *f,
                                      int samples, brink_buf *out, brink_error *err);

/* ---- The HTML page ---- */

typedef struct brink_html_assets {
    int nscripts;
    const char *const *script;     /* [nscripts] JavaScript inlined in order */
    const size_t *script_len;      /* [nscripts] */
    const char *tree_svg;          /* the laid-out tree (SVG text) or NULL */
    size_t tree_svg_len;
    const char *tree_note;         /* why there is no tree, or what was collapsed; NULL */
    int tree_nodes;                /* nodes drawn in tree_svg (data-nodes for tests) */
    const struct brink_mc_result *mc;   /* Monte Carlo results for the analysis' scenario
                                           (brink_montecarlo), or NULL: the page says the
                                           section was not computed */
    const char *mc_from;           /* the results database mc was read from
                                      (brink_montecarlo_load), or NULL: drawn now */
    /* A negotiation tournament on the scenario's `negotiation` section (brink report runs it
       from brink_neg_read_setup), or NULL: no section. All three or none. */
    const struct brink_neg_tournament *tournament;
    const struct brink_neg_domain *tournament_domain;
    const struct brink_neg_tournament_options *tournament_options;
} brink_html_assets;

/* One self-contained page (no network): summary and sources, parameters, each equilibrium
 * as tables and in words, the figures, the answers, Monte Carlo (as->mc), the forecast rounds
 * (a->forecast), the negotiation tournament (as->tournament), the tree. Light and dark
 * colours follow the reader's setting; print styles hide nothing but the controls. */
brink_status brink_analysis_write_html(const brink_analysis *a, const brink_html_assets *as,
                                       brink_buf *out, brink_error *err);

/* A page for a game file with brink solve's results (l, verified by brink_solve): the game,
 * each profile that passed the verification (brink_game_report_shows) as a table with its
 * expected payoffs, labelled exact or approximate (checked in floating point only, with its
 * gains), the tree (as->tree_svg). Profiles found but not shown are counted with their
 * largest NashConv, and a method stopped at its limit is said. Errors: BRINK_ENOMEM. */
#define BRINK_GAME_REPORT_TOL 1e-6   /* largest gain from deviating of a profile shown */
brink_status brink_game_write_html(const brink_efg *g, const char *source,
                                   const brink_profile_list *l, const char *method,
                                   const brink_html_assets *as, brink_buf *out,
                                   brink_error *err);
/* 1 when the game page shows profile pr of list l: a behaviour profile whose exact check did
 * not fail, whose largest gain from deviating is at most BRINK_GAME_REPORT_TOL, and that is
 * not a point the method stopped at short of its tolerance (l->stats.stopped_at_limit, not
 * verified exactly). */
int brink_game_report_shows(const brink_profile_list *l, const brink_profile *pr);

/* A page holding one figure only (brink plot renders it headless). */
brink_status brink_figure_write_html(const char *spec, const brink_html_assets *as,
                                     brink_buf *out, brink_error *err);

#ifdef __cplusplus
}
#endif
#endif
