/* cmd_report.c — pictures of results:
 *   brink report FILE|ID|GAME.efg -o report.html [--set NAME=VALUE] [--method M]
 *                [--no-questions] [--time-limit S] [--tree-nodes N] [--no-tree]
 *                [--samples N [--seed S] [--compare DECISION] | --from runs.sqlite [--run ID]]
 *                [--sensitivity]
 *       one self-contained HTML page (docs/report.md)
 *   brink plot FILE|ID --list | --figure N|tree -o fig.svg|png|json [--set ...]
 *       one figure: a chart as SVG or PNG (headless Chromium) or its Vega-Lite spec (.json),
 *       or the tree as SVG or PNG (Graphviz)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/brink.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/report_assets.h"

typedef struct report_args {
    const char *in, *out, *figure;
    int list, no_tree, tree_nodes;
    size_t max_nodes;     /* game-tree node limit of a scenario file (0: the default) */
    brink_analysis_options o;
    int nsets;
    char **sets;          /* NAME=VALUE as given */
    long samples;         /* Monte Carlo draws (0: no Monte Carlo section) */
    long seed;            /* their seed (brink montecarlo's default, 1) */
    const char *from;     /* a results database (brink montecarlo --db): its run, not drawn */
    long run;             /* which run of it (0: the scenario's latest) */
    const char *compare;  /* --samples: also compare the options at this decision */
    int sensitivity;      /* bootstrap resamples of the sensitivity fit (0: none) */
} report_args;

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static void report_usage(void)
{
    printf("usage: brink report FILE|ID|GAME.efg -o report.html [options]\n"
           "One self-contained HTML page (opens from disk, fetches nothing): summary and\n"
           "sources, equilibria as tables and in words, outcome probabilities, each threshold\n"
           "question's options against its parameter with the flips at their exact values,\n"
           "sweeps and two-parameter maps, and the game tree with the equilibrium drawn on it.\n"
           "  --set NAME=VALUE  change a parameter's value (exact)\n"
           "  --method NAME     a registered solver instead of the automatic choice\n"
           "  --no-questions    skip the declared questions\n"
           "  --time-limit S    seconds for each equilibrium computation (as brink analyze)\n"
           "  --tree-nodes N    draw every node up to N (400); above, the path and its siblings\n"
           "  --no-tree         leave the tree out (no Graphviz needed)\n"
           "  --max-nodes N     game-tree node limit for a scenario file (default 4194304)\n"
           "  --samples N       add a Monte Carlo section of N draws (as brink montecarlo)\n"
           "  --seed S          the draws' seed (default 1); also the tournament's\n"
           "  --compare DEC     with --samples: compare the options at decision DEC (USA@start)\n"
           "  --from FILE       the Monte Carlo section from a run stored by brink montecarlo\n"
           "                    --db FILE (the scenario's latest, or --run ID), not recomputed\n"
           "  --sensitivity     with --samples or --from: the sensitivity of the expected\n"
           "                    values to the drawn parameters (as brink montecarlo)\n");
}

static void plot_usage(void)
{
    printf("usage: brink plot FILE|ID --list\n"
           "       brink plot FILE|ID --figure N|tree -o fig.svg|fig.png|fig.json [--set ...]\n"
           "One figure of a scenario's report. Charts: .svg and .png are drawn by headless\n"
           "Chromium (BRINK_CHROMIUM names another binary), .json is the Vega-Lite spec. The\n"
           "tree (--figure tree): .svg, .png or .dot through Graphviz. --max-nodes N: the\n"
           "game-tree node limit for a scenario file (default 4194304).\n");
}

static int parse_args(const char *cmd, int argc, char **argv, report_args *r)
{
    memset(r, 0, sizeof *r);
    brink_analysis_options_init(&r->o);
    r->tree_nodes = 400;
    r->seed = 1;
    r->sets = calloc((size_t)argc + 1, sizeof *r->sets);
    if (!r->sets)
        return BRINK_EXIT_INTERNAL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            if (!strcmp(cmd, "report"))
                report_usage();
            else
                plot_usage();
            return -1;
        } else if (!strcmp(a, "-o") && v) {
            r->out = argv[++i];
        } else if (!strcmp(a, "--set") && v) {
            int bad = cli_check_set(cmd, v);
            if (bad)
                return bad;
            r->sets[r->nsets++] = argv[++i];
        } else if (!strcmp(a, "--method") && v) {
            r->o.method = argv[++i];
            if (!brink_solver_find(r->o.method))
                return cli_usage_error(cmd, "no method named '%s' (brink solve --list)", v);
        } else if (!strcmp(a, "--no-questions")) {
            r->o.questions = 0;
        } else if (!strcmp(a, "--no-tree")) {
            r->no_tree = 1;
        } else if (!strcmp(a, "--list")) {
            r->list = 1;
        } else if (!strcmp(a, "--figure") && v) {
            r->figure = argv[++i];
        } else if (!strcmp(a, "--time-limit") && v) {
            double d;
            if (cli_parse_double(argv[++i], &d) || !(d > 0))
                return cli_usage_error(cmd, "bad --time-limit '%s'", v);
            r->o.time_limit = d;
        } else if (!strcmp(a, "--max-nodes") && v) {
            int bad = cli_parse_max_nodes(cmd, argv[++i], &r->max_nodes);
            if (bad)
                return bad;
        } else if (!strcmp(a, "--tree-nodes") && v) {
            long n;
            if (cli_parse_long(argv[++i], &n) || n < 1 || n > 100000)
                return cli_usage_error(cmd, "bad --tree-nodes '%s' (1 to 100000)", v);
            r->tree_nodes = (int)n;
        } else if (!strcmp(a, "--samples") && v) {
            if (cli_parse_long(argv[++i], &r->samples) || r->samples < 1)
                return cli_usage_error(cmd, "bad --samples '%s' (a whole number >= 1)", v);
        } else if (!strcmp(a, "--from") && v) {
            r->from = argv[++i];
        } else if (!strcmp(a, "--run") && v) {
            if (cli_parse_long(argv[++i], &r->run) || r->run < 1)
                return cli_usage_error(cmd, "bad --run '%s' (a run id >= 1)", v);
        } else if (!strcmp(a, "--compare") && v) {
            r->compare = argv[++i];
        } else if (!strcmp(a, "--sensitivity")) {
            r->sensitivity = 200;   /* brink montecarlo --sensitivity's resamples */
        } else if (!strcmp(a, "--seed") && v) {
            if (cli_parse_long(argv[++i], &r->seed) || r->seed < 0)
                return cli_usage_error(cmd, "bad --seed '%s' (a whole number >= 0)", v);
        } else if (a[0] == '-' && a[1]) {
            return cli_bad_option(cmd, "--set --method --figure --time-limit --tree-nodes "
                                  "--max-nodes --samples --from --run --compare --seed -o", a,
                                  !v);
        } else if (r->in) {
            return cli_usage_error(cmd, "one scenario or game at a time");
        } else {
            r->in = a;
        }
    }
    if (!r->in)
        return cli_usage_error(cmd, "missing the scenario (FILE or built-in ID) or game file");
    if (!r->out && !r->list)
        return cli_usage_error(cmd, "missing -o OUTPUT");
    if (r->from && (r->samples || r->compare))
        return cli_usage_error(cmd, "--from reads a stored run: its draws and compared decision "
                               "are the run's (no --samples or --compare)");
    if (r->run && !r->from)
        return cli_usage_error(cmd, "--run picks a run of --from FILE");
    if ((r->compare || r->sensitivity) && !r->samples && !r->from)
        return cli_usage_error(cmd, "--compare and --sensitivity belong to the Monte Carlo "
                               "section: add --samples N or --from FILE");
    return BRINK_EXIT_OK;
}

/* Load a scenario and apply the --set values as its defaults. */
static brink_scenario *load(const char *cmd, const report_args *r, int *rc)
{
    return cli_load_scenario(cmd, r->in, (const char *const *)r->sets, r->nsets, r->max_nodes,
                             rc);
}

/* The tree of an analysis' first equilibrium. */
static brink_status analysis_tree(const brink_analysis *a, const report_args *r,
                                  brink_html_assets *as, brink_buf *svg, brink_buf *note,
                                  brink_error *err)
{
    brink_tree_view v;
    brink_tree_view_init(&v);
    v.max_nodes = r->tree_nodes;
    if (a->count > 0) {
        v.behav = a->eq[0].behav;
        v.behavq = (const mpq_t *)a->eq[0].behavq;
        v.belief = a->eq[0].belief;
        v.alt = a->eq[0].alt;
    }
    return report_tree(a->game, &v, as, svg, note, err);
}

static int report_game(const report_args *r, brink_html_assets *as)
{
    brink_game g;
    int rc = cli_load_game(r->in, &g);
    if (rc)
        return rc;
    if (g.kind != BRINK_GAME_EFG) {
        brink_game_free(&g);
        return cli_usage_error("report", "%s is a strategic-form game: a report needs a game "
                               "tree (.efg) or a scenario (brink solve shows .nfg equilibria)",
                               r->in);
    }
    const char *method = r->o.method ? r->o.method : brink_solver_default(&g);
    const brink_solver *s = brink_solver_for_game(method, &g);
    brink_solve_options so;
    brink_solve_options_init(&so);
    if (r->o.time_limit > 0)
        so.time_limit = r->o.time_limit;
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_error err;
    brink_error_clear(&err);
    brink_buf out, svg, note;
    brink_buf_init(&out);
    brink_buf_init(&svg);
    brink_buf_init(&note);
    brink_status st = !s ? brink_error_set(&err, BRINK_EINVALID, "no method '%s'", method)
                         : brink_solve(s, &g, &so, &l, &err);
    /* the tree draws the first profile the page shows */
    const double *first = NULL;
    int nshown = 0;
    for (int i = 0; !st && i < l.count; i++)
        if (brink_game_report_shows(&l, &l.items[i])) {
            if (!first)
                first = l.items[i].p;
            nshown++;
        }
    if (!st && !r->no_tree) {
        brink_tree_view v;
        brink_tree_view_init(&v);
        v.max_nodes = r->tree_nodes;
        v.behav = first;
        st = report_tree(g.efg, &v, as, &svg, &note, &err);
    }
    if (!st)
        st = brink_game_write_html(g.efg, r->in, &l, s->name, as, &out, &err);
    if (!st && nshown == 0)
        fprintf(stderr, "brink report: warning: %s: no equilibrium is shown (%d profile%s found%s%s; "
                        "the page says why)\n", r->in, l.count, l.count == 1 ? "" : "s",
                l.count ? ", none passed the check" : "",
                l.stats.stopped_at_limit ? ", the method stopped at its limit" : "");
    rc = st ? cli_report(&err) : cli_emit(&out, r->out);
    brink_buf_free(&out);
    brink_buf_free(&svg);
    brink_buf_free(&note);
    brink_profile_list_free(&l);
    brink_game_free(&g);
    return rc;
}

/* The scenario's negotiation section, if any, played as a tournament (brink tournament's
 * defaults: deadline 100 rounds, one thread; the seed is --seed). The text is the file the
 * scenario was loaded from, else the built-in's (brink_scenario_load's order). */
static brink_status tournament(const report_args *r, brink_neg_setup *setup,
                               brink_neg_tournament_options *o, brink_neg_tournament *t,
                               int *ran, brink_error *err)
{
    *ran = 0;
    memset(setup, 0, sizeof *setup);
    brink_buf text;
    brink_buf_init(&text);
    const char *src = NULL;
    size_t len = 0;
    FILE *f = fopen(r->in, "rb");
    int is_file = f != NULL;
    brink_status st = BRINK_OK;
    if (is_file) {
        fclose(f);
        st = brink_read_file(r->in, (size_t)16 << 20, &text, err);
        src = text.data ? text.data : "";
        len = text.len;
    } else {
        int b = brink_scenario_builtin_find(r->in);
        src = b >= 0 ? brink_scenario_builtin_text(b, &len) : NULL;
    }
    if (!st && src)
        st = brink_neg_read_setup(src, len, is_file ? r->in : brink_scenario_builtin_name(
                                      brink_scenario_builtin_find(r->in)), setup, err);
    brink_buf_free(&text);
    if (st || !setup->domain)
        return st;
    brink_neg_tournament_options_init(o);
    o->repetitions = setup->repetitions;
    o->seed = (uint64_t)r->seed;
    st = brink_neg_tournament_run((const brink_neg_domain *const *)&setup->domain, 1,
                                  setup->agents, setup->nagents, o, t, err);
    *ran = !st;
    return st;
}

int brink_cli_report(int argc, char **argv)
{
    report_args r;
    int rc = parse_args("report", argc, argv, &r);
    if (rc) {
        free(r.sets);
        return rc < 0 ? BRINK_EXIT_OK : rc;
    }
    brink_html_assets as;
    report_bundles bundles;
    memset(&as, 0, sizeof as);
    brink_error err;
    brink_error_clear(&err);
    if (!report_scripts(&bundles, &as, &err)) {
        free(r.sets);
        return cli_report(&err);
    }
    if (ends_with(r.in, ".efg") || ends_with(r.in, ".nfg")) {
        rc = report_game(&r, &as);
        free(r.sets);
        return rc;
    }
    brink_scenario *sc = load("report", &r, &rc);
    free(r.sets);
    if (!sc)
        return rc;
    brink_neg_setup setup;
    brink_neg_tournament_options to;
    brink_neg_tournament t;
    int ran = 0;
    brink_analysis *a = NULL;
    brink_mc_result *mc = NULL;
    brink_buf out, svg, note;
    brink_buf_init(&out);
    brink_buf_init(&svg);
    brink_buf_init(&note);
    /* the negotiation section first: a bad one is reported before the analysis' work */
    brink_status st = tournament(&r, &setup, &to, &t, &ran, &err);
    if (!st && ran) {
        as.tournament = &t;
        as.tournament_domain = setup.domain;
        as.tournament_options = &to;
    }
    if (!st && !(a = brink_analyze(sc, &r.o, &err)))
        st = err.code ? err.code : BRINK_EINTERNAL;
    if (!st && r.samples > 0) {
        brink_mc_options mo;
        brink_mc_options_init(&mo);
        mo.samples = r.samples;
        mo.seed = (uint64_t)r.seed;
        /* the draws are solved as brink montecarlo solves them (no questions per draw), so
           the section equals its output for the same seed */
        mo.analysis.method = r.o.method;
        mo.analysis.time_limit = r.o.time_limit;
        mo.compare_at = r.compare;
        mo.sensitivity = r.sensitivity;
        if (!(mc = brink_montecarlo(sc, &mo, &err)))
            st = err.code ? err.code : BRINK_EINTERNAL;
        as.mc = mc;
    } else if (!st && r.from) {   /* a stored run: loaded, nothing solved */
        if (!(mc = brink_montecarlo_load(sc, r.from, r.run, r.sensitivity, &err)))
            st = err.code ? err.code : BRINK_EINTERNAL;
        as.mc = mc;
        as.mc_from = r.from;
    }
    if (!st && !r.no_tree)
        st = analysis_tree(a, &r, &as, &svg, &note, &err);
    if (!st)
        st = brink_analysis_write_html(a, &as, &out, &err);
    rc = st ? cli_report_in(&err, brink_scenario_filename(sc)) : cli_emit(&out, r.out);
    if (ran)
        brink_neg_tournament_free(&t);
    brink_neg_setup_free(&setup);
    brink_mc_result_free(mc);
    brink_buf_free(&out);
    brink_buf_free(&svg);
    brink_buf_free(&note);
    brink_analysis_free(a);
    brink_scenario_free(sc);
    return rc;
}

static int plot_tree(const brink_analysis *a, const report_args *r)
{
    const char *fmt = ends_with(r->out, ".png") ? "png" : ends_with(r->out, ".svg") ? "svg"
                      : ends_with(r->out, ".dot") ? "dot" : NULL;
    if (!fmt)
        return cli_usage_error("plot", "the tree is written as .svg, .png or .dot, not '%s'",
                               r->out);
    brink_tree_view v;
    brink_tree_view_init(&v);
    v.max_nodes = r->tree_nodes;
    if (a->count > 0) {
        v.behav = a->eq[0].behav;
        v.behavq = (const mpq_t *)a->eq[0].behavq;
        v.belief = a->eq[0].belief;
        v.alt = a->eq[0].alt;
    }
    brink_error err;
    brink_error_clear(&err);
    brink_buf dot, pic;
    brink_buf_init(&dot);
    brink_buf_init(&pic);
    brink_status st = brink_tree_write_dot(a->game, &v, &dot, &err);
    if (!st && strcmp(fmt, "dot"))
        st = report_run_dot(dot.data, dot.len, fmt, &pic, &err);
    int rc = st ? cli_report(&err) : cli_emit(strcmp(fmt, "dot") ? &pic : &dot, r->out);
    brink_buf_free(&dot);
    brink_buf_free(&pic);
    return rc;
}

static int plot_chart(const brink_analysis *a, const report_args *r, const brink_figure *f)
{
    int json = ends_with(r->out, ".json");
    int png = ends_with(r->out, ".png");
    if (!json && !png && !ends_with(r->out, ".svg"))
        return cli_usage_error("plot", "a chart is written as .svg, .png or .json, not '%s'",
                               r->out);
    brink_html_assets as;
    report_bundles bundles;
    memset(&as, 0, sizeof as);
    brink_error err;
    brink_error_clear(&err);
    if (!json && !report_scripts(&bundles, &as, &err))
        return cli_report(&err);
    brink_buf spec, page;
    brink_buf_init(&spec);
    brink_buf_init(&page);
    brink_status st = brink_report_figure_spec(a, f, 48, &spec, &err);
    int rc;
    if (!st && json) {
        brink_buf_puts(&spec, "\n");
        rc = cli_emit(&spec, r->out);
    } else {
        if (!st)
            st = brink_figure_write_html(spec.data, &as, &page, &err);
        if (!st)
            st = report_render_figure(&page, png ? "png" : "svg", r->out, &err);
        rc = st ? cli_report(&err) : BRINK_EXIT_OK;
    }
    brink_buf_free(&spec);
    brink_buf_free(&page);
    return rc;
}

int brink_cli_plot(int argc, char **argv)
{
    report_args r;
    int rc = parse_args("plot", argc, argv, &r);
    if (rc) {
        free(r.sets);
        return rc < 0 ? BRINK_EXIT_OK : rc;
    }
    if (!r.list && !r.figure) {
        free(r.sets);
        return cli_usage_error("plot", "say which figure: --figure N|tree (see --list)");
    }
    brink_scenario *sc = load("plot", &r, &rc);
    free(r.sets);
    if (!sc)
        return rc;
    brink_error err;
    brink_error_clear(&err);
    brink_analysis *a = brink_analyze(sc, &r.o, &err);
    if (!a) {
        rc = cli_report_in(&err, brink_scenario_filename(sc));
        brink_scenario_free(sc);
        return rc;
    }
    int n = 0;
    brink_figure *f = brink_report_figures(a, &n, &err);
    if (!f) {
        rc = cli_report(&err);
    } else if (r.list) {
        brink_buf out, t;
        brink_buf_init(&out);
        brink_buf_init(&t);
        for (int i = 0; i < n; i++) {
            brink_buf_reset(&t);
            brink_report_figure_title(a, &f[i], &t, &err);
            brink_buf_printf(&out, "%d  %s\n", i + 1, t.data ? t.data : "");
        }
        brink_buf_puts(&out, "tree  the game tree with the first equilibrium\n");
        if (t.failed)
            out.failed = 1;
        rc = cli_emit(&out, NULL);
        brink_buf_free(&out);
        brink_buf_free(&t);
    } else if (!strcmp(r.figure, "tree")) {
        rc = plot_tree(a, &r);
    } else {
        long k;
        if (cli_parse_long(r.figure, &k) || k < 1 || k > n)
            rc = cli_usage_error("plot", "no figure '%s': this scenario has %d (see --list) and "
                                 "the tree", r.figure, n);
        else
            rc = plot_chart(a, &r, &f[k - 1]);
    }
    free(f);
    brink_analysis_free(a);
    brink_scenario_free(sc);
    return rc;
}
