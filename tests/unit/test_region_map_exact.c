/* test_region_map_exact.c — exact polygons of two-parameter region maps (issue 8, item 4;
 * src/analysis/regionmap_exact.c, src/scenario/expr_affine.c).
 *
 *   a) the affinity of expressions: the rules of scenario/affine.h, one case each;
 *   b) a map whose boundaries are the lines x + 2 y = 1 and x = 1 - y / 2: every polygon
 *      exact, with the rational vertices worked out by hand (tests/data/maps/affine-line.yaml);
 *   c) the same map with x * y in a payoff, and one with a prior that depends on x: traced;
 *   e) map labels: two different ends never print alike ("between 4 and 4");
 *   d) a property: random affine perfect-information scenarios in (x, y); at random rational
 *      points strictly inside each exact polygon, the exact solve of the game bound there
 *      makes one of the polygon's watched choices, and where the lines' regions are complete
 *      (one equilibrium, every preference strict) nothing else.
 * BRINK_MAP_PROP_N scenarios (default 24) with BRINK_MAP_PROP_POINTS points per polygon
 * (default 6).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "scenario_util.h"
#include "brink/analysis.h"
#include "brink/threshold.h"
#include "report/describe.h"
#include "scenario/affine.h"
#include "scenario/expr.h"

/* ---- a) expressions: x (0) and y (1) are the map's parameters, z (2) is held fixed ---- */

static int resolve(void *ctx, const char *name, size_t len, int *is_arg, int *index)
{
    static const char *const params[] = {"x", "y", "z"};
    (void)ctx;
    for (int i = 0; i < 3; i++)
        if (strlen(params[i]) == len && !strncmp(params[i], name, len)) {
            *is_arg = 0;
            *index = i;
            return 1;
        }
    return 0;
}

static void check_affinity(const char *text, int want)
{
    sc_expr_ctx c;
    memset(&c, 0, sizeof c);
    c.resolve = resolve;
    c.file = "t.yaml";
    c.line = 1;
    c.col = 1;
    c.max_depth = 32;
    c.max_length = 400;
    brink_error err;
    brink_error_clear(&err);
    sc_expr *e = sc_expr_compile(text, &c, &err);
    CHECK_MSG(e != NULL, "%s: %s", text, err.message);
    if (!e)
        return;
    int got = sc_expr_affinity(e, 0, 1);
    CHECK_MSG(got == want, "%s: class %d, want %d", text, got, want);
    sc_expr_free(e);
}

static void test_affinity(void)
{
    check_affinity("3", SC_AFF_CONST);
    check_affinity("z * z + 1", SC_AFF_CONST);
    check_affinity("x + 2 * y", SC_AFF_AFFINE);
    check_affinity("1 - x", SC_AFF_AFFINE);
    check_affinity("-(x - -y)", SC_AFF_AFFINE);
    check_affinity("x / 2 + y / (z + 1)", SC_AFF_AFFINE);
    check_affinity("(x + y) * (z + 1) - z * x", SC_AFF_AFFINE);
    check_affinity("if(z > 1, x, 2 * y) + 1", SC_AFF_AFFINE);
    check_affinity("if(z > 0, if(z > 1, x, 3), y) - x", SC_AFF_AFFINE);
    check_affinity("if(z > 0, 1, 2) * x", SC_AFF_AFFINE);
    check_affinity("x * y", SC_AFF_OTHER);
    check_affinity("2 / x", SC_AFF_OTHER);
    check_affinity("x ^ 2", SC_AFF_OTHER);
    check_affinity("x ^ 1", SC_AFF_OTHER);        /* sufficient test, not a decision */
    check_affinity("min(x, 1)", SC_AFF_OTHER);
    check_affinity("max(z, 1) + abs(y)", SC_AFF_OTHER);
    check_affinity("if(x > 1, x, y)", SC_AFF_OTHER);
    check_affinity("if(z > 1, x * x, y)", SC_AFF_OTHER);
    check_affinity("(x < y) + 1", SC_AFF_OTHER);
    check_affinity("sqrt(2) * x", SC_AFF_OTHER);  /* inexact */
    check_affinity("floor(x)", SC_AFF_OTHER);
    check_affinity("clamp(y, 0, 1)", SC_AFF_OTHER);
}

/* ---- maps ---- */

static brink_analysis *analyze_text(const char *text, brink_scenario **sc)
{
    *sc = su_parse(text, "t.yaml");
    return su_analyze(*sc);
}

static const brink_answer *map_answer(const brink_analysis *a)
{
    for (int i = 0; a && i < a->nanswers; i++)
        if (a->answers[i].nlines)
            return &a->answers[i];
    CHECK_MSG(0, "no region map");
    return NULL;
}

/* Polygon p's exact vertices as "x y; x y; ..." (malloc'd). */
static char *vertices_text(const brink_map_polygon *p)
{
    brink_buf b;
    brink_buf_init(&b);
    for (int v = 0; p->xyq && v < p->nv; v++) {
        brink_buf_puts(&b, v ? "; " : "");
        brink_buf_put_q(&b, p->xyq[2 * v]);
        brink_buf_puts(&b, " ");
        brink_buf_put_q(&b, p->xyq[2 * v + 1]);
    }
    brink_buf_puts(&b, "");
    return b.data;
}

static char *file_text(const char *name)
{
    char path[512];
    const char *dir = getenv("BRINK_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/tests/data/maps/%s", dir ? dir : "..", name);
    brink_buf b;
    brink_buf_init(&b);
    brink_error err;
    if (brink_read_file(path, 1 << 20, &b, &err) != BRINK_OK) {
        CHECK_MSG(0, "%s: %s", path, err.message);
        brink_buf_free(&b);
        return NULL;
    }
    brink_buf_puts(&b, "");
    return b.data;
}

static void test_affine_line(void)
{
    char *text = file_text("affine-line.yaml");
    if (!text)
        return;
    brink_scenario *sc = NULL;
    brink_analysis *a = analyze_text(text, &sc);
    const brink_answer *an = map_answer(a);
    /* left boundary bottom to top, then the right one top to bottom */
    static const char *const want[] = {
        "0 1/8; 0 1/4; 0 3/8; 1/4 3/8; 1/2 1/4; 3/4 1/8",
        "3/4 1/8; 1/2 1/4; 1/4 3/8; 13/16 3/8; 7/8 1/4; 15/16 1/8",
        "15/16 1/8; 7/8 1/4; 13/16 3/8; 1 3/8; 1 1/4; 1 1/8",
    };
    CHECK_MSG(an && an->npolygons == 3 && an->nunresolved == 0, "%d polygons",
              an ? an->npolygons : -1);
    for (int k = 0; an && k < an->npolygons && k < 3; k++) {
        const brink_map_polygon *p = &an->polygons[k];
        CHECK_MSG(p->exact, "polygon %d not exact", k);
        char *got = vertices_text(p);
        CHECK_MSG(got && !strcmp(got, want[k]), "polygon %d: %s, want %s", k, got, want[k]);
        free(got);
        for (int v = 0; p->xyq && v < 2 * p->nv; v++)   /* the doubles are the rationals' */
            CHECK(p->xy[v] == mpq_get_d(p->xyq[v]));
    }
    /* the lines sit at exact grid values */
    CHECK(an && an->nlines == 3 && !mpq_cmp_si(an->line_q[1], 1, 4));
    brink_analysis_free(a);
    brink_scenario_free(sc);

    /* c) x * y in a payoff: the same boundaries on the lines, traced between them */
    char *prod = strstr(text, "A: x + 2 * y,");
    CHECK(prod != NULL);
    if (prod) {
        memcpy(prod, "A: x + 2*x*y,", strlen("A: x + 2*x*y,"));
        a = analyze_text(text, &sc);
        an = map_answer(a);
        CHECK(an && an->npolygons == 3);
        for (int k = 0; an && k < an->npolygons; k++)
            CHECK_MSG(!an->polygons[k].exact && !an->polygons[k].xyq, "x*y: polygon %d exact", k);
        brink_analysis_free(a);
        brink_scenario_free(sc);
    }
    free(text);
}

/* c) a prior that moves with x: reach and beliefs move, so nothing is proved exact */
static void test_moving_prior(void)
{
    static const char *const text =
        "brink: 1\nid: prior\nactors: {A: {}}\n"
        "parameters: {x: {value: 0.5, range: [0, 1]}, y: {value: 0.5, range: [0, 1]}}\n"
        "game: {chance: {up: {prob: (1 + x) / 3, name: w, A: {a: {payoff: {A: x}}, "
        "b: {payoff: {A: y}}}}, down: {prob: 1 - (1 + x) / 3, payoff: {A: 1}}}}\n"
        "questions:\n  - {id: m, sweep: {parameters: [x, y], ranges: [[0, 1], [0, 1]], "
        "steps: [3, 3], watch: A@w}}\n";
    brink_scenario *sc = NULL;
    brink_analysis *a = analyze_text(text, &sc);
    const brink_answer *an = map_answer(a);
    CHECK(an && an->npolygons >= 2);
    for (int k = 0; an && k < an->npolygons; k++)
        CHECK_MSG(!an->polygons[k].exact, "moving prior: polygon %d exact", k);
    /* the same game with a fixed prior is exact: the flip x = y on every line */
    brink_buf b;
    brink_buf_init(&b);
    brink_buf_puts(&b, text);
    char *p;
    while ((p = strstr(b.data, "(1 + x) / 3")))
        memcpy(p, "(1 + 1) / 3", 11);
    brink_analysis_free(a);
    brink_scenario_free(sc);
    a = analyze_text(b.data, &sc);
    an = map_answer(a);
    CHECK(an && an->npolygons >= 2);
    for (int k = 0; an && k < an->npolygons; k++)
        CHECK_MSG(an->polygons[k].exact, "fixed prior: polygon %d traced", k);
    brink_buf_free(&b);
    brink_analysis_free(a);
    brink_scenario_free(sc);
}

/* ---- d) property ---- */

static const char *const ACTOR[] = {"A", "B", "C"};

static int rint_in(brink_rng *r, int lo, int hi)
{
    return lo + (int)brink_rng_below(r, (uint64_t)(hi - lo + 1));
}

static void gen_node(brink_rng *r, brink_buf *b, int depth, int maxdepth, int nactors,
                     const char *prefix)
{
    if (depth >= maxdepth || (depth > 0 && brink_rng_below(r, 10) < 3)) {
        brink_buf_printf(b, "{%spayoff: {", prefix);
        for (int i = 0; i < nactors; i++) {   /* a + b x + c y, small: flips are common */
            int a = rint_in(r, -3, 3), bx = rint_in(r, -3, 3), cy = rint_in(r, -3, 3);
            brink_buf_printf(b, "%s%s: %d + %d * x + %d * y", i ? ", " : "", ACTOR[i], a, bx, cy);
        }
        brink_buf_puts(b, "}}");
        return;
    }
    if (depth > 0 && brink_rng_below(r, 6) == 0) {   /* a chance move with fixed odds */
        brink_buf_printf(b, "{%schance: {up: ", prefix);
        gen_node(r, b, depth + 1, maxdepth, nactors, "prob: 1/3, ");
        brink_buf_puts(b, ", down: ");
        gen_node(r, b, depth + 1, maxdepth, nactors, "prob: 2/3, ");
        brink_buf_puts(b, "}}");
        return;
    }
    int actor = depth == 0 ? 0 : rint_in(r, 0, nactors - 1), nopt = rint_in(r, 2, 3);
    brink_buf_printf(b, "{%s%s%s: {", prefix, depth == 0 ? "name: w, " : "", ACTOR[actor]);
    for (int o = 0; o < nopt; o++) {
        brink_buf_printf(b, "%so%d: ", o ? ", " : "", o);
        gen_node(r, b, depth + 1, maxdepth, nactors, "");
    }
    brink_buf_puts(b, "}}");
}

static void rand_unit(brink_rng *r, mpq_t out)   /* a rational strictly inside (0, 1) */
{
    unsigned long den = 1000003;
    mpq_set_ui(out, 1 + (unsigned long)brink_rng_below(r, den - 1), den);
    mpq_canonicalize(out);
}

typedef struct {
    int scenarios, exact, traced, points, unique;
} prop_totals;

static void prop_one(uint64_t seed, int npts, prop_totals *tot)
{
    brink_rng r;
    brink_rng_seed(&r, seed);
    brink_buf b;
    brink_buf_init(&b);
    int nactors = rint_in(&r, 2, 3);
    brink_buf_puts(&b, "brink: 1\nid: mapprop\nactors: {");
    for (int i = 0; i < nactors; i++)
        brink_buf_printf(&b, "%s%s: {}", i ? ", " : "", ACTOR[i]);
    brink_buf_puts(&b, "}\nparameters: {x: {value: 0.5, range: [0, 1]}, "
                       "y: {value: 0.5, range: [0, 1]}}\ngame: ");
    gen_node(&r, &b, 0, rint_in(&r, 2, 3), nactors, "");
    brink_buf_puts(&b, "\nquestions:\n  - {id: m, sweep: {parameters: [x, y], ranges: [[0, 1], "
                       "[0, 1]], steps: [3, 4], watch: A@w}}\n");
    brink_scenario *sc = NULL;
    brink_analysis *a = analyze_text(b.data, &sc);
    const brink_answer *an = a ? map_answer(a) : NULL;
    brink_error err;
    brink_scenario_instance *in = sc ? brink_scenario_instance_new(sc, &err) : NULL;
    int np = sc ? brink_scenario_nparams(sc) : 0;
    mpq_t *vals = brink_q_array_new((size_t)np + 1);
    mpq_t lam, mu, y, xl, xr, x, t;
    mpq_inits(lam, mu, y, xl, xr, x, t, NULL);
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    tot->scenarios++;
    for (int k = 0; an && in && k < an->npolygons; k++) {
        const brink_map_polygon *p = &an->polygons[k];
        if (!p->exact) {
            tot->traced++;
            if (getenv("BRINK_MAP_PROP_VERBOSE"))
                fprintf(stderr, "seed %llu: polygon %d traced\n%s", (unsigned long long)seed, k,
                        b.data);
            continue;
        }
        tot->exact++;
        const brink_threshold *T = an->lines[p->line];
        const brink_region *R = &T->regions[p->region];
        int W = T->watch_action_start[T->nwatch], m = p->nv / 2;
        unsigned char *row = calloc((size_t)W + 1, 1);
        CHECK(row != NULL);
        if (!row)
            break;
        for (int i = 0; i < npts; i++) {
            /* a band of the polygon, a height in it, a point between its left and right */
            int band = (int)brink_rng_below(&r, (uint64_t)(m - 1));
            const mpq_t *L0 = &p->xyq[2 * band], *L1 = &p->xyq[2 * (band + 1)],
                        *R0 = &p->xyq[2 * (p->nv - 1 - band)], *R1 = &p->xyq[2 * (p->nv - 2 - band)];
            rand_unit(&r, lam);
            rand_unit(&r, mu);
            mpq_sub(t, L1[1], L0[1]);   /* y = y0 + lam (y1 - y0) */
            mpq_mul(t, t, lam);
            mpq_add(y, L0[1], t);
            mpq_sub(t, L1[0], L0[0]);
            mpq_mul(t, t, lam);
            mpq_add(xl, L0[0], t);
            mpq_sub(t, R1[0], R0[0]);
            mpq_mul(t, t, lam);
            mpq_add(xr, R0[0], t);
            mpq_sub(t, xr, xl);         /* x = xl + mu (xr - xl) */
            mpq_mul(t, t, mu);
            mpq_add(x, xl, t);
            brink_scenario_defaults(sc, vals);
            mpq_set(vals[an->q->param[0]], x);
            mpq_set(vals[an->q->param[1]], y);
            if (brink_scenario_bind_q(in, (const mpq_t *)vals, &err) != BRINK_OK) {
                CHECK_MSG(0, "seed %llu: bind: %s", (unsigned long long)seed, err.message);
                continue;
            }
            brink_eqset s;
            memset(&s, 0, sizeof s);
            if (brink_analysis_solve(in, a->leaf_group, a->ngroups, &o, &s, &err) != BRINK_OK) {
                CHECK_MSG(0, "seed %llu: solve: %s", (unsigned long long)seed, err.message);
                continue;
            }
            const brink_efg *g = brink_scenario_instance_game(in);
            int made = 0, other = 0;
            for (int e = 0; e < s.count; e++) {
                memset(row, 0, (size_t)W + 1);
                for (int w = 0; w < T->nwatch; w++)
                    for (int j = T->watch_action_start[w]; j < T->watch_action_start[w + 1]; j++) {
                        int ga = g->infoset_action_start[T->watch[w]] + j - T->watch_action_start[w];
                        row[j] = s.eq[e].behavq ? mpq_sgn(s.eq[e].behavq[ga]) > 0
                                                : s.eq[e].behav[ga] > 1e-9;
                    }
                int in_poly = 0;
                for (int st = 0; st < R->nstates; st++)
                    in_poly |= !memcmp(T->state_played + (size_t)R->state[st] * (size_t)W, row,
                                       (size_t)W);
                made |= in_poly;
                other |= !in_poly;
            }
            tot->points++;
            char *xs = mpq_get_str(NULL, 10, x), *ys = mpq_get_str(NULL, 10, y);
            CHECK_MSG(made, "seed %llu: at (%s, %s) no equilibrium makes polygon %d's choice",
                      (unsigned long long)seed, xs, ys, k);
            if (R->complete && R->nstates == 1) {
                tot->unique++;
                CHECK_MSG(!other, "seed %llu: at (%s, %s) inside complete polygon %d another "
                          "choice", (unsigned long long)seed, xs, ys, k);
            }
            free(xs);
            free(ys);
            brink_eqset_free(&s, g);
        }
        free(row);
    }
    mpq_clears(lam, mu, y, xl, xr, x, t, NULL);
    brink_q_array_free(vals, (size_t)np + 1);
    brink_scenario_instance_free(in);
    brink_analysis_free(a);
    brink_scenario_free(sc);
    brink_buf_free(&b);
}

static void test_property(void)
{
    const char *n_env = getenv("BRINK_MAP_PROP_N"), *p_env = getenv("BRINK_MAP_PROP_POINTS");
    int n = n_env ? atoi(n_env) : 24, npts = p_env ? atoi(p_env) : 6;
    prop_totals tot = {0, 0, 0, 0, 0};
    for (int i = 0; i < n; i++)
        prop_one(0x6d6170ull * 1000 + (uint64_t)i, npts, &tot);
    fprintf(stderr, "map property: %d scenarios, %d exact polygons, %d traced, %d points "
                    "(%d in complete regions)\n",
            tot.scenarios, tot.exact, tot.traced, tot.points, tot.unique);
    CHECK(tot.exact > 0 && tot.points > 0);
}

/* e) */
static void check_pair(double lo, double hi, const char *want)
{
    brink_buf b;
    brink_buf_init(&b);
    rep_num_pair(&b, lo, " and ", hi);
    CHECK_MSG(!strcmp(rep_text(&b), want), "%.17g, %.17g: '%s', want '%s'", lo, hi, rep_text(&b),
              want);
    brink_buf_free(&b);
}

static void test_labels(void)
{
    check_pair(0.4875, 0.525, "0.4875 and 0.525");       /* as rep_num when they differ */
    check_pair(3.9999999999, 4, "3.9999999999 and 4");   /* rep_num: "4 and 4" */
    check_pair(4.00002, 4.00004, "4.00002 and 4.00004");
    check_pair(4, 4, "4 and 4");                         /* equal ends stay equal */
    check_pair(0.1, 0.10000000000000002, "0.10000000000000001 and 0.10000000000000002");
}

int main(void)
{
    test_labels();
    test_affinity();
    test_affine_line();
    test_moving_prior();
    test_property();
    return check_finish();
}
