/* test_report.c — the report writers' data-side properties, without a browser: the tree's
 * collapse draws exactly the path of play and its siblings (checked against the analysis' own
 * reach probabilities, not against tree.c's), every figure's spec is balanced JSON, and text
 * from a game file is escaped in the HTML page. (The pages in a browser: tests/cli/
 * report_browser.sh; flips and best replies in the figures: tests/cli/report.sh.)
 */
#include "check.h"

#include "brink/brink.h"
#include "brink/threshold.h"

/* Is node `id` defined in dot as "  <prefix><id> [" ? */
static int dot_has(const char *dot, char prefix, int id)
{
    char pat[32];
    snprintf(pat, sizeof pat, "\n  %c%d [", prefix, id);
    return strstr(dot, pat) != NULL;
}

static int count_defs(const char *dot)
{
    int n = 0;
    for (const char *p = dot; (p = strstr(p, "\n  ")); p += 3)
        if ((p[3] == 'n' || p[3] == 'c') && p[4] >= '0' && p[4] <= '9' && strchr(p + 4, ' ') &&
            strchr(p + 4, ' ')[1] == '[')
            n++;
    return n;
}

static brink_analysis *analyze(const char *id, brink_scenario **sc)
{
    brink_error err;
    brink_error_clear(&err);
    *sc = brink_scenario_load(id, &err);
    CHECK_MSG(*sc != NULL, "%s: %s", id, err.message);
    if (!*sc)
        return NULL;
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    brink_analysis *a = brink_analyze(*sc, &o, &err);
    CHECK_MSG(a != NULL, "%s: %s", id, err.message);
    return a;
}

static void test_tree_collapse(void)
{
    brink_scenario *sc;
    brink_analysis *a = analyze("freeze-for-relief", &sc);
    if (!a) {
        brink_scenario_free(sc);
        return;
    }
    const brink_efg *g = a->game;
    const brink_equilibrium *eq = &a->eq[0];
    for (int max = 10; max <= 400; max += 390) {
        brink_tree_view v;
        brink_tree_view_init(&v);
        v.behav = eq->behav;
        v.behavq = (const mpq_t *)eq->behavq;
        v.belief = eq->belief;
        v.max_nodes = max;
        brink_buf dot;
        brink_buf_init(&dot);
        brink_error err;
        brink_error_clear(&err);
        CHECK_EQ_INT(brink_tree_write_dot(g, &v, &dot, &err), BRINK_OK);
        CHECK_EQ_INT(v.collapsed, max < g->nnodes);
        CHECK_EQ_INT(count_defs(dot.data), v.drawn);
        int expect = 0;
        for (int u = 0; u < g->nnodes; u++) {
            int shown = max >= g->nnodes || u == 0 || eq->reach[g->node_parent[u]] > 1e-12;
            int box = shown && max < g->nnodes && eq->reach[u] <= 1e-12 && g->node_infoset[u] >= 0;
            CHECK_MSG(dot_has(dot.data, 'n', u) == shown, "node %d shown %d (max %d)", u, shown, max);
            CHECK_MSG(dot_has(dot.data, 'c', u) == box, "box %d %d (max %d)", u, box, max);
            expect += shown + box;
        }
        CHECK_EQ_INT(v.drawn, expect);
        if (max >= g->nnodes)
            CHECK_EQ_INT(v.drawn, g->nnodes);
        else
            CHECK(v.drawn < g->nnodes);
        brink_buf_free(&dot);
    }
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* Braces and brackets balance outside strings, and the text is one object. */
static int json_balanced(const char *s, size_t n)
{
    int depth = 0, in_str = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
            continue;
        }
        if (c == '"')
            in_str = 1;
        else if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']') {
            if (--depth < 0)
                return 0;
            if (depth == 0 && i + 1 != n)
                return 0;
        }
    }
    return depth == 0 && !in_str && n > 0 && s[0] == '{';
}

static void test_figures(void)
{
    const char *ids[] = {"korea-2018-summit", "freeze-for-relief"};
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        brink_scenario *sc;
        brink_analysis *a = analyze(ids[k], &sc);
        if (!a) {
            brink_scenario_free(sc);
            continue;
        }
        brink_error err;
        brink_error_clear(&err);
        int n = 0, nthreshold = 0, nflips = 0;
        brink_figure *f = brink_report_figures(a, &n, &err);
        CHECK(f != NULL && n >= 2);
        for (int i = 0; f && i < n; i++) {
            brink_buf spec;
            brink_buf_init(&spec);
            CHECK_EQ_INT(brink_report_figure_spec(a, &f[i], 8, &spec, &err), BRINK_OK);
            CHECK_MSG(json_balanced(spec.data, spec.len), "%s figure %d", ids[k], i + 1);
            if (f[i].kind == BRINK_FIG_THRESHOLD) {
                nthreshold++;
                /* one rule per flip of the answer */
                int rules = 0;
                for (const char *p = spec.data; (p = strstr(p, "\"certified\":\"")); p++)
                    rules++;
                CHECK_EQ_INT(rules, a->answers[f[i].answer].threshold->nflips);
                nflips += rules;
            }
            brink_buf_free(&spec);
        }
        CHECK(nthreshold >= 1);
        CHECK(nflips >= 1);
        /* a figure that does not exist is refused, not drawn */
        brink_figure bad = {BRINK_FIG_THRESHOLD, a->nanswers + 3, 0};
        brink_buf spec;
        brink_buf_init(&spec);
        CHECK_EQ_INT(brink_report_figure_spec(a, &bad, 8, &spec, &err), BRINK_EINVALID);
        brink_buf_free(&spec);
        free(f);
        brink_analysis_free(a);
        brink_scenario_free(sc);
    }
}

static void test_game_page_escapes(void)
{
    static const char efg[] =
        "EFG 2 R \"<b>Mind</b> & <script>\" { \"P<1>\" \"P2\" }\n"
        "\"\"\n"
        "p \"\" 1 1 \"<i>\" { \"L&R\" \"R\" } 0\n"
        "t \"\" 1 \"o1\" { 1, 0 }\n"
        "t \"\" 2 \"o2\" { 0, 1 }\n";
    brink_game g;
    brink_error err;
    brink_error_clear(&err);
    CHECK_EQ_INT(brink_game_read(efg, sizeof efg - 1, "esc.efg", &g, &err), BRINK_OK);
    if (err.code)
        return;
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_profile *pr = brink_profile_list_add(&l, BRINK_PROFILE_BEHAV, 2, 0, &err);
    CHECK(pr != NULL);
    if (!pr)
        return;
    pr->p[0] = 1;
    pr->verified = 1;
    pr->max_regret = pr->nashconv = 0;
    brink_html_assets as;
    memset(&as, 0, sizeof as);
    brink_buf out;
    brink_buf_init(&out);
    CHECK_EQ_INT(brink_game_write_html(g.efg, "esc.efg", &l, "spe", &as, &out, &err), BRINK_OK);
    CHECK(strstr(out.data, "&lt;b&gt;Mind&lt;/b&gt; &amp; &lt;script&gt;") != NULL);
    CHECK(strstr(out.data, "<b>Mind") == NULL);
    CHECK(strstr(out.data, "<script") == NULL);   /* no charts: no scripts at all */
    CHECK(strstr(out.data, "L&amp;R 1") != NULL);
    CHECK(strstr(out.data, "Verified exactly") != NULL);
    brink_buf_free(&out);
    brink_profile_list_free(&l);
    brink_game_free(&g);
}

/* What a game file's page says of each profile (tester 10b F6): one verified exactly, one
 * checked in floating point only (labelled approximate, with its gains), one that failed
 * the 1e-6 check (counted with its NashConv, not shown), the method stopped at its limit. */
static void test_game_page_labels(void)
{
    static const char efg[] = "EFG 2 R \"g\" { \"P1\" \"P2\" }\n\"\"\n"
                              "p \"\" 1 1 \"\" { \"a\" \"b\" } 0\n"
                              "t \"\" 1 \"o1\" { 1, 0 }\n"
                              "t \"\" 2 \"o2\" { 0, 1 }\n";
    brink_game g;
    brink_error err;
    brink_error_clear(&err);
    CHECK_EQ_INT(brink_game_read(efg, sizeof efg - 1, "l.efg", &g, &err), BRINK_OK);
    if (err.code)
        return;
    brink_html_assets as;
    memset(&as, 0, sizeof as);
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_buf out;
    brink_buf_init(&out);
    /* nothing found, the method stopped at its limit */
    l.stats.stopped_at_limit = 1;
    CHECK_EQ_INT(brink_game_write_html(g.efg, "l.efg", &l, "agent-logit", &as, &out, &err),
                 BRINK_OK);
    CHECK(strstr(out.data, "0 profiles found, 0 shown") != NULL);
    CHECK(strstr(out.data, "stopped at its time or iteration limit") != NULL);
    CHECK(strstr(out.data, "No equilibrium is shown") != NULL);
    brink_buf_reset(&out);
    l.stats.stopped_at_limit = 0;
    double regret[3] = {0, 3.5e-8, 7.5e-4};
    int verified[3] = {1, 0, 0};
    for (int i = 0; i < 3; i++) {
        brink_profile *pr = brink_profile_list_add(&l, BRINK_PROFILE_BEHAV, 2, 0, &err);
        CHECK(pr != NULL);
        if (!pr)
            goto out;
        pr->p[0] = 1;
        pr->verified = verified[i];
        pr->max_regret = regret[i];
        pr->nashconv = regret[i];
    }
    CHECK_EQ_INT(brink_game_write_html(g.efg, "l.efg", &l, "cfr", &as, &out, &err), BRINK_OK);
    CHECK(strstr(out.data, "3 profiles found, 2 shown") != NULL);
    CHECK(strstr(out.data, "1 profile found is not shown: it fails the check (largest NashConv "
                           "0.00075)") != NULL);
    CHECK(strstr(out.data, "Verified exactly") != NULL);
    CHECK(strstr(out.data, "Approximate: checked in floating point only, largest gain from "
                           "deviating 3.5e-08, NashConv 3.5e-08") != NULL);
    CHECK(strstr(out.data, "<h3>Equilibrium 2</h3>") != NULL);
    CHECK(strstr(out.data, "<h3>Equilibrium 3</h3>") == NULL);
    CHECK(strstr(out.data, "No equilibrium is shown") == NULL);
out:
    brink_buf_free(&out);
    brink_profile_list_free(&l);
    brink_game_free(&g);
}

int main(void)
{
    test_tree_collapse();
    test_figures();
    test_game_page_escapes();
    test_game_page_labels();
    return check_finish();
}
