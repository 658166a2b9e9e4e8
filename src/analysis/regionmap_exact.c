/* regionmap_exact.c — which bands of a two-parameter region map are proved exact (issue 8,
 * item 4; the argument is in docs/scenario-language.md, "Region maps").
 *
 * For a fixed pure structure S (the action taken at every information set) in a game whose
 * chance probabilities and priors do not depend on (x, y) and whose payoffs are affine in
 * (x, y) (scenario/affine.h), reach probabilities and the Bayes beliefs of reached sets are
 * constants, and where every unreached set is a single node its belief is 1. Every condition
 * for S to be an equilibrium is then a weak inequality between affine functions of (x, y):
 * the set E_S where S is an equilibrium is a closed convex polygon. So if S is certified at
 * the four corners of a quadrilateral with two sides on lines y = yA and y = yB, it is an
 * equilibrium on the whole quadrilateral, its sides included.
 *
 * A line's *structure runs* are its non-point regions read left to right, each with the set
 * of pure profiles of its certified equilibria, consecutive regions with the same set merged.
 * A region qualifies when it is certified, its ends are rational, and each of its equilibria
 * is pure, certified at both of the region's ends and leaves no unreached set with more than
 * one node. A band between two lines is exact when both lines qualify throughout and their
 * runs have the same sets in the same order: run i of one line and run i of the other are
 * then the bottom and top of a quadrilateral on which every structure of the run is
 * certified, and these quadrilaterals tile the band. Where both lines qualify but their runs
 * differ, a line half way may make the two halves exact (regionmap.c adds it). Nothing is
 * claimed about completeness (other equilibria) inside a polygon.
 */
#include "analysis/analysis_int.h"
#include "brink/threshold.h"
#include "scenario/affine.h"
#include "scenario/model.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    int nprof;
    unsigned char *prof;   /* [nprof * W] played player actions, distinct profiles */
} srun;

typedef struct {
    int ok;                /* every region qualifies */
    int n;
    srun *r;
} sline;

static void sline_free(sline *s)
{
    for (int i = 0; s->r && i < s->n; i++)
        free(s->r[i].prof);
    free(s->r);
    memset(s, 0, sizeof *s);
}

/* Is p among the first n profiles of prof? */
static int kept(const unsigned char *prof, int n, const unsigned char *p, size_t W)
{
    for (int i = 0; i < n; i++)
        if (!memcmp(prof + (size_t)i * W, p, W))
            return 1;
    return 0;
}

static int same_run(const srun *a, const srun *b, size_t W)
{
    if (a->nprof != b->nprof)
        return 0;
    for (int i = 0; i < a->nprof; i++)
        if (!kept(b->prof, b->nprof, a->prof + (size_t)i * W, W))
            return 0;
    return 1;
}

/* Is the pure profile behq free of unreached sets with several nodes? reached: [nnodes]. */
static int offpath_singletons(const brink_efg *g, const mpq_t *behq, unsigned char *reached)
{
    for (int v = 0; v < g->nnodes; v++)   /* pre-order: a parent comes first */
        reached[v] = g->node_parent[v] < 0 ||
                     (reached[g->node_parent[v]] && mpq_sgn(behq[g->node_action[v]]) > 0);
    int nh = g->player_infoset_start[g->nplayers];
    for (int h = 0; h < nh; h++) {
        int any = 0, m0 = g->infoset_member_start[h];
        for (int k = 0; k < g->infoset_nmembers[h]; k++)
            any |= reached[g->infoset_member[m0 + k]];
        if (!any && g->infoset_nmembers[h] > 1)
            return 0;
    }
    return 1;
}

/* A region's structure run begins (out->nprof = -1 until it is filled): 1 with room for
 * its profiles of W actions each; 0 when the region does not qualify (not certified, no
 * equilibrium, an irrational end); -1 on OOM. */
static int run_start(const brink_region *rg, size_t W, srun *out)
{
    out->nprof = -1;
    if (rg->status != BRINK_REGION_CERTIFIED || rg->ncertified < 1 || !rg->lo.rational ||
        !rg->hi.rational)
        return 0;
    out->prof = brink_calloc((size_t)rg->ncertified * W + 1, 1);
    return out->prof ? 1 : -1;
}

/* On a compact game (scenario/compact.h) a structure is the pure subgame-perfect profile that
 * takes the same action at every node of a class: its choice per class, compared as bytes
 * (W = nclasses * sizeof(int)). Perfect information: every set is a single node, so
 * offpath_singletons holds; with constant chance probabilities and affine payoff terms
 * (sc_game_affine on the classes) the one-shot deviation conditions at every class, which
 * are the tree's at every node, are affine in (x, y), and the convexity argument above is
 * the same. */
static brink_status region_run_compact(const brink_threshold *t, int r, size_t W, srun *out,
                                       brink_error *err)
{
    const brink_region *rg = &t->regions[r];
    int q = run_start(rg, W, out);
    if (q <= 0)
        return q < 0 ? brink_error_set(err, BRINK_ENOMEM, "out of memory") : BRINK_OK;
    int n = 0;
    for (int k = 0; k < rg->ncertified; k++) {
        const int *ch = an_threshold_compact_choice(t, r, k);
        if (!ch || !brink_threshold_covers(t, r, k, rg->lo.q) ||
            !brink_threshold_covers(t, r, k, rg->hi.q))
            return BRINK_OK;
        if (!kept(out->prof, n, (const unsigned char *)ch, W))
            memcpy(out->prof + (size_t)n++ * W, ch, W);
    }
    out->nprof = n;
    return BRINK_OK;
}

/* The structure run of region r of line t as a new srun (out), or out->nprof = -1 when the
 * region does not qualify. */
static brink_status region_run(const brink_threshold *t, int r, const brink_efg *g, mpq_t *behq,
                               unsigned char *reached, srun *out, brink_error *err)
{
    const brink_region *rg = &t->regions[r];
    size_t W = (size_t)g->player_action_start[g->nplayers];
    int q = run_start(rg, W, out);
    if (q <= 0)
        return q < 0 ? brink_error_set(err, BRINK_ENOMEM, "out of memory") : BRINK_OK;
    int n = 0;
    for (int k = 0; k < rg->ncertified; k++) {
        if (!brink_threshold_covers(t, r, k, rg->lo.q) || !brink_threshold_covers(t, r, k, rg->hi.q))
            return BRINK_OK;
        brink_error local;
        brink_error_clear(&local);
        if (brink_threshold_profile(t, r, k, rg->sample, behq, NULL, &local))
            return local.code == BRINK_ENOMEM ? brink_error_set(err, BRINK_ENOMEM, "out of memory")
                                              : BRINK_OK;
        unsigned char *p = out->prof + (size_t)n * W;
        for (size_t a = 0; a < W; a++) {
            if (mpq_cmp_ui(behq[a], 1, 1) == 0)
                p[a] = 1;
            else if (mpq_sgn(behq[a]) != 0)
                return BRINK_OK;   /* mixed */
        }
        if (!offpath_singletons(g, (const mpq_t *)behq, reached))
            return BRINK_OK;
        if (!kept(out->prof, n, p, W))
            n++;
        else
            memset(p, 0, W);
    }
    out->nprof = n;
    return BRINK_OK;
}

static brink_status line_runs(const brink_threshold *t, const brink_efg *g, size_t W, mpq_t *behq,
                              unsigned char *reached, sline *s, brink_error *err)
{
    memset(s, 0, sizeof *s);
    if (!t)
        return BRINK_OK;
    s->r = brink_calloc((size_t)t->nregions + 1, sizeof *s->r);
    if (!s->r)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int r = 0; r < t->nregions; r++) {
        if (t->regions[r].point)
            continue;
        srun cur = {0, NULL};
        brink_status st = g ? region_run(t, r, g, behq, reached, &cur, err)
                            : region_run_compact(t, r, W, &cur, err);
        if (st || cur.nprof < 0) {
            free(cur.prof);
            return st;   /* s->ok stays 0 */
        }
        if (s->n && same_run(&s->r[s->n - 1], &cur, W)) {
            free(cur.prof);
            continue;
        }
        s->r[s->n++] = cur;
    }
    s->ok = 1;
    return BRINK_OK;
}

brink_status an_map_exact_bands(const brink_scenario *sc, const brink_answer *ans,
                                unsigned char *exact, brink_error *err)
{
    int L = ans->nlines;
    memset(exact, 0, L > 1 ? (size_t)L - 1 : 0);
    int aff = sc_game_affine(sc, ans->q->param[0], ans->q->param[1]);
    if (aff < 0)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (!aff || L < 2)
        return BRINK_OK;
    /* a compact game: structures are choices per class (region_run_compact) */
    const brink_efg *g = sc->compact ? NULL : brink_scenario_game(sc);
    size_t W = g ? (size_t)g->player_action_start[g->nplayers]
                 : (size_t)sc->compact->nclasses * sizeof(int);
    mpq_t *behq = g ? brink_q_array_new((size_t)g->nactions + 1) : NULL;
    unsigned char *reached = g ? brink_calloc((size_t)g->nnodes + 1, 1) : NULL;
    sline *S = brink_calloc((size_t)L, sizeof *S);
    brink_status st = BRINK_OK;
    if ((g && (!behq || !reached)) || !S)
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int j = 0; j < L && !st; j++)
        st = line_runs(ans->lines[j], g, W, behq, reached, &S[j], err);
    for (int j = 0; j + 1 < L && !st; j++) {
        const sline *a = &S[j], *b = &S[j + 1];
        if (!a->ok || !b->ok || !a->n || !b->n)
            continue;   /* AN_BAND_TRACED */
        int eq = a->n == b->n;
        for (int i = 0; eq && i < a->n; i++)
            eq = same_run(&a->r[i], &b->r[i], W);
        exact[j] = eq ? AN_BAND_EXACT : AN_BAND_DIFFER;
    }
    for (int j = 0; S && j < L; j++)
        sline_free(&S[j]);
    free(S);
    free(reached);
    if (behq)
        brink_q_array_free(behq, (size_t)g->nactions + 1);
    return st;
}
