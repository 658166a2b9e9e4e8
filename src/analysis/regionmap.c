/* regionmap.c — a two-parameter sweep's region map (issue 8, item 4): the certified
 * continuation in the first parameter along lines of the second, refined where neighbouring
 * lines disagree, and the regions as polygons.
 *
 * Along each line (second parameter fixed at y) the threshold engine gives exact regions in
 * the first parameter. A line's *sequence* is its regions read left to right, points dropped
 * and neighbours with the same watched choices merged, each tagged with its choice set (the
 * set of played-action rows of its states; unknown regions form their own kind). Two
 * adjacent lines whose sequences are equal bound a band crossed by the same regions in the
 * same order: each region's two ends on the lower line are joined straight to its ends on
 * the upper one. Where they differ (a region is born or dies between them), a line is added
 * half way, down to 1/8 of the grid spacing; a band still unequal there is *unresolved* and
 * no polygon crosses it. In games affine in both parameters, a band is also halved where the
 * structures behind equal watched choices differ (so that the halves may be proved exact). Polygons are the chains of such quadrilaterals across consecutive
 * equal bands. Vertices on a line are exact boundaries (nearest doubles of certified flips or
 * range ends). Lines sit at exact rational values of the second parameter. A polygon whose
 * bands are all proved by regionmap_exact.c (pure structures, affine payoffs, constant
 * chance) is exact: its edges between lines are region boundaries, its vertices exact
 * rationals. Other polygons' edges between lines are traced, not certified: the band height
 * is the tolerance (brink_answer.map_band).
 */
#include "analysis/analysis_int.h"
#include "brink/threshold.h"

#include <stdlib.h>
#include <string.h>

#define MAP_REFINE 3   /* halvings of the grid spacing where lines disagree */

typedef struct {
    double lo, hi;
    int region;   /* the first region of the run (its choices stand for the run) */
    int last;     /* its last region */
} run;

typedef struct {
    run *r;
    int n;
} seq;

/* Do regions a (of line A) and b (of line B) make the same watched choices? */
static int same_choices(const brink_threshold *A, int a, const brink_threshold *B, int b)
{
    const brink_region *ra = &A->regions[a], *rb = &B->regions[b];
    if (ra->status != rb->status)
        return 0;
    if (ra->status != BRINK_REGION_CERTIFIED)
        return 1;
    if (ra->nstates != rb->nstates)
        return 0;
    size_t W = (size_t)A->watch_action_start[A->nwatch];
    for (int i = 0; i < ra->nstates; i++) {
        int found = 0;
        for (int j = 0; j < rb->nstates && !found; j++)
            found = !memcmp(A->state_played + (size_t)ra->state[i] * W,
                            B->state_played + (size_t)rb->state[j] * W, W);
        if (!found)
            return 0;
    }
    return 1;
}

static int line_seq(const brink_threshold *t, seq *s)
{
    s->n = 0;
    s->r = brink_calloc((size_t)t->nregions + 1, sizeof *s->r);
    if (!s->r)
        return -1;
    for (int k = 0; k < t->nregions; k++) {
        const brink_region *g = &t->regions[k];
        /* a certified point (a tie) is dropped: the runs on both sides are what the map
         * shows; a point not certified (a pole, a sum off 1 there) is a run of its own, so
         * no polygon is drawn across it as if it were known */
        if (g->point && g->status == BRINK_REGION_CERTIFIED)
            continue;
        if (s->n && same_choices(t, s->r[s->n - 1].region, t, k)) {
            s->r[s->n - 1].hi = g->hi.approx;
            s->r[s->n - 1].last = k;
            continue;
        }
        s->r[s->n++] = (run){g->lo.approx, g->hi.approx, k, k};
    }
    return 0;
}

static int same_seq(const brink_threshold *A, const seq *a, const brink_threshold *B,
                    const seq *b)
{
    if (!A || !B || a->n != b->n)
        return 0;
    for (int i = 0; i < a->n; i++)
        if (!same_choices(A, a->r[i].region, B, b->r[i].region))
            return 0;
    return 1;
}

/* One line at y (exact): the engine's answer, or NULL where it failed (not for lack of
 * memory). */
static brink_status compute_line(const brink_scenario *sc, const brink_question *q,
                                 const mpq_t lo, const mpq_t hi, mpq_t *values, const mpq_t y,
                                 const sc_compact_watch *kw, const brink_answer *ans,
                                 const brink_analysis_options *o, brink_threshold **out,
                                 brink_error *err)
{
    mpq_set(values[q->param[1]], y);
    brink_error local;
    brink_error_clear(&local);
    /* a compact game: its own engine, the watched decision point by its path */
    *out = kw ? an_threshold_compute(sc, q->param[0], lo, hi, (const mpq_t *)values, NULL, 0,
                                     kw, o, &local)
              : brink_threshold_compute(sc, q->param[0], lo, hi, (const mpq_t *)values,
                                        ans->watch, ans->nwatch, o, &local);
    if (!*out && local.code == BRINK_ENOMEM)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    return BRINK_OK;
}

/* Insert line (y, t) at index k of the answer's sorted lines. */
static int insert_line(brink_answer *ans, int *cap, int k, const mpq_t y, brink_threshold *t)
{
    if (ans->nlines == *cap) {
        int nc = *cap ? 2 * *cap : 8;
        brink_threshold **l = brink_reallocarray(ans->lines, (size_t)nc, sizeof *l);
        if (!l)
            return -1;
        ans->lines = l;
        double *x = brink_reallocarray(ans->line_x, (size_t)nc, sizeof *x);
        if (!x)
            return -1;
        ans->line_x = x;
        mpq_t *xq = brink_reallocarray(ans->line_q, (size_t)nc, sizeof *xq);
        if (!xq)
            return -1;
        ans->line_q = xq;   /* entries past nlines are not initialised */
        *cap = nc;
    }
    size_t m = (size_t)(ans->nlines - k);
    memmove(ans->lines + k + 1, ans->lines + k, m * sizeof *ans->lines);
    memmove(ans->line_x + k + 1, ans->line_x + k, m * sizeof *ans->line_x);
    memmove(ans->line_q + k + 1, ans->line_q + k, m * sizeof *ans->line_q);
    ans->lines[k] = t;
    mpq_init(ans->line_q[k]);
    mpq_set(ans->line_q[k], y);
    ans->line_x[k] = brink_q_get_d(y);
    ans->nlines++;
    return 0;
}

static int add_unresolved(brink_answer *ans, int *cap, double y0, double y1)
{
    if (ans->nunresolved == *cap) {
        int nc = *cap ? 2 * *cap : 4;
        double *u = brink_reallocarray(ans->unresolved, (size_t)nc * 2, sizeof *u);
        if (!u)
            return -1;
        ans->unresolved = u;
        *cap = nc;
    }
    ans->unresolved[2 * ans->nunresolved] = y0;
    ans->unresolved[2 * ans->nunresolved + 1] = y1;
    ans->nunresolved++;
    return 0;
}

/* The polygons of lines j0..j1 (a chain of equal bands, all exact or all traced): run i of
 * the chain gives one, its left ends from j0 up to j1, then its right ends from j1 down. */
static int add_polygons(brink_answer *ans, const seq *S, int j0, int j1, int ex, int *pcap)
{
    for (int i = 0; i < S[j0].n; i++) {
        if (ans->npolygons == *pcap) {
            int nc = *pcap ? 2 * *pcap : 8;
            brink_map_polygon *np = brink_reallocarray(ans->polygons, (size_t)nc, sizeof *np);
            if (!np)
                return -1;
            ans->polygons = np;
            *pcap = nc;
        }
        int nv = 2 * (j1 - j0 + 1);
        brink_map_polygon *p = &ans->polygons[ans->npolygons];
        *p = (brink_map_polygon){j0, S[j0].r[i].region, nv,
                                 brink_calloc((size_t)nv * 2, sizeof(double)), ex, NULL};
        if (ex)
            p->xyq = brink_q_array_new((size_t)nv * 2);
        ans->npolygons++;
        if (!p->xy || (ex && !p->xyq))
            return -1;
        int v = 0;
        for (int j = j0; j <= j1; j++, v++) {
            p->xy[2 * v] = S[j].r[i].lo;
            p->xy[2 * v + 1] = ans->line_x[j];
        }
        for (int j = j1; j >= j0; j--, v++) {
            p->xy[2 * v] = S[j].r[i].hi;
            p->xy[2 * v + 1] = ans->line_x[j];
        }
        /* exact: the runs' ends are rational (regionmap_exact.c checked every region) */
        for (int j = j0, w = 0; ex && j <= j1; j++, w++) {
            const brink_threshold *t = ans->lines[j];
            mpq_set(p->xyq[2 * w], t->regions[S[j].r[i].region].lo.q);
            mpq_set(p->xyq[2 * w + 1], ans->line_q[j]);
            mpq_set(p->xyq[2 * (nv - 1 - w)], t->regions[S[j].r[i].last].hi.q);
            mpq_set(p->xyq[2 * (nv - 1 - w) + 1], ans->line_q[j]);
        }
    }
    return 0;
}

/* Polygons from the lines. A chain is a maximal run of lines whose neighbours all have equal
 * sequences (so every line of it has the same one); it is cut where its bands change from
 * exact to traced or back, and each piece gives one polygon per run (add_polygons). */
static brink_status build_polygons(brink_answer *ans, const seq *S, const unsigned char *exact,
                                   brink_error *err)
{
    int L = ans->nlines, pcap = 0, ucap = 0;
    for (int j0 = 0; j0 + 1 < L;) {
        int j1 = j0;
        while (j1 + 1 < L && same_seq(ans->lines[j1], &S[j1], ans->lines[j1 + 1], &S[j1 + 1]))
            j1++;
        if (j1 == j0) {   /* the band above j0 is not crossed by a polygon */
            if (ans->lines[j0] && ans->lines[j0 + 1] &&
                add_unresolved(ans, &ucap, ans->line_x[j0], ans->line_x[j0 + 1]))
                goto oom;
            j0++;
            continue;
        }
        /* split the chain where the bands' exactness changes */
        for (int s0 = j0, s1; s0 < j1; s0 = s1) {
            int ex = exact[s0] == AN_BAND_EXACT;
            for (s1 = s0 + 1; s1 < j1 && (exact[s1] == AN_BAND_EXACT) == ex; s1++)
                ;
            if (add_polygons(ans, S, s0, s1, ex, &pcap))
                goto oom;
        }
        j0 = j1;
    }
    return BRINK_OK;
oom:
    return brink_error_set(err, BRINK_ENOMEM, "out of memory");
}

static void free_seqs(seq *S, int n)
{
    for (int j = 0; S && j < n; j++)
        free(S[j].r);
    free(S);
}

/* The sequences of every line (an empty one where the line failed). */
static seq *all_seqs(const brink_answer *ans)
{
    seq *S = brink_calloc((size_t)ans->nlines + 1, sizeof *S);
    for (int j = 0; S && j < ans->nlines; j++)
        if (ans->lines[j] && line_seq(ans->lines[j], &S[j])) {
            free_seqs(S, j + 1);
            return NULL;
        }
    return S;
}

brink_status an_region_map(const brink_scenario *sc, const brink_question *q, const mpq_t lo,
                           const mpq_t hi, mpq_t *values, int n1, const sc_compact_watch *kw,
                           brink_answer *ans, const brink_analysis_options *o, brink_error *err)
{
    int cap = 0;
    brink_status st = BRINK_OK;
    mpq_t ylo, yhi, y;
    mpq_inits(ylo, yhi, y, NULL);
    an_question_range(q, 1, ylo, yhi);
    for (int j = 0; j < n1 && !st; j++) {
        /* exactly ylo + (yhi - ylo) j / (n1 - 1), as the sweep's grid */
        mpq_set_ui(y, (unsigned long)j, (unsigned long)(n1 > 1 ? n1 - 1 : 1));
        mpq_canonicalize(y);
        mpq_t d;
        mpq_init(d);
        mpq_sub(d, yhi, ylo);
        mpq_mul(y, y, d);
        mpq_add(y, y, ylo);
        mpq_clear(d);
        brink_threshold *t = NULL;
        st = compute_line(sc, q, lo, hi, values, y, kw, ans, o, &t, err);
        if (!st && insert_line(ans, &cap, ans->nlines, y, t)) {
            brink_threshold_free(t);
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        }
    }
    /* halve the bands whose lines disagree, MAP_REFINE times at most */
    for (int level = 0; level < MAP_REFINE && !st && n1 > 1; level++) {
        seq *S = all_seqs(ans);
        if (!S) {
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
            break;
        }
        int L = ans->nlines, added = 0;
        int *below = brink_calloc((size_t)L + 1, sizeof *below);   /* bands to halve */
        unsigned char *exact = brink_calloc((size_t)L + 1, 1);
        int nmid = 0;
        if (!below || !exact)
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        if (!st)
            st = an_map_exact_bands(sc, ans, exact, err);
        /* the watched choices differ, or (affine games) the structures behind them */
        for (int j = 0; j + 1 < L && !st; j++)
            if (ans->lines[j] && ans->lines[j + 1] &&
                (!same_seq(ans->lines[j], &S[j], ans->lines[j + 1], &S[j + 1]) ||
                 exact[j] == AN_BAND_DIFFER))
                below[nmid++] = j;
        free(exact);
        free_seqs(S, L);
        /* from the top down, so that the indices below stay valid */
        for (int m = nmid - 1; m >= 0 && !st; m--) {
            int j = below[m];
            mpq_add(y, ans->line_q[j], ans->line_q[j + 1]);
            mpq_div_2exp(y, y, 1);
            brink_threshold *t = NULL;
            st = compute_line(sc, q, lo, hi, values, y, kw, ans, o, &t, err);
            if (!st && insert_line(ans, &cap, j + 1, y, t)) {
                brink_threshold_free(t);
                st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
            }
            added++;
        }
        free(below);
        if (!added)
            break;
    }
    mpq_clears(ylo, yhi, y, NULL);
    for (int j = 0; j + 1 < ans->nlines; j++)
        if (ans->line_x[j + 1] - ans->line_x[j] > ans->map_band)
            ans->map_band = ans->line_x[j + 1] - ans->line_x[j];
    if (st)
        return st;
    unsigned char *exact = brink_calloc((size_t)ans->nlines + 1, 1);
    if (!exact)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    st = an_map_exact_bands(sc, ans, exact, err);
    seq *S = st ? NULL : all_seqs(ans);
    if (!st && !S)
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (!st)
        st = build_polygons(ans, S, exact, err);
    free_seqs(S, ans->nlines);
    free(exact);
    return st;
}
