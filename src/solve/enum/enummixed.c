/* enummixed.c — every Nash equilibrium of a 2-player strategic game, exactly.
 *
 * The game becomes two positive integer matrices (bimatrix.c); the extreme equilibria are
 * enumerated from the vertices of the best-response polytopes (bienum.c, exact integer
 * pivoting in int64/int128/GMP); the maximal convex sets and connected components of the
 * equilibrium set follow from the extreme equilibria (bicliques.c). Output: one exact profile
 * per extreme equilibrium, grouped by component (profile.component), and the maximal convex
 * sets in the list (convex_start/convex_member). Games whose polytopes may have too many
 * vertices for an exact enumeration are refused up front with a suggestion.
 */
#include <math.h>
#include <stdlib.h>

#include "solve/enum/bicliques.h"
#include "solve/enum/bienum.h"
#include "solve/enum/bimatrix.h"
#include "solve/solvers.h"

/* Refuse when the cheaper polytope may have more vertices than this (upper bound theorem):
 * a search visits at most about twice that many bases at a few microseconds each. */
#define ENUMMIXED_MAX_VERTICES 3e8
/* Refuse more maximal convex sets than this (only highly degenerate games get close). */
#define ENUMMIXED_MAX_CONVEX 1000000L

typedef struct stop_ctx {
    const brink_solve_options *o;
    double t0, est_total;
} stop_ctx;

static int should_stop(void *ctx, size_t nbases)
{
    stop_ctx *s = ctx;
    if (s->o->time_limit > 0 && brink_now() - s->t0 > s->o->time_limit)
        return 1;
    if (s->o->progress) {
        double f = s->est_total > 0 ? (double)nbases / s->est_total : 0;
        return s->o->progress(s->o->progress_ctx, f < 1 ? f : 0.99, "enumerating vertices");
    }
    return 0;
}

static brink_status enummixed_nfg(const brink_nfg *g, const brink_solve_options *o,
                                  brink_profile_list *out, brink_error *err)
{
    if (g->nplayers != 2)
        return brink_error_set(err, BRINK_EUNSUPPORTED,
                               "enummixed: needs a 2-player game; this one has %d players "
                               "(try --method logit or simpdiv)", g->nplayers);
    int m = g->nstrats[0], n = g->nstrats[1];
    double up = bienum_ubt(m, m + n), uq = bienum_ubt(n, m + n);
    double ub = up < uq ? up : uq;
    if (ub > ENUMMIXED_MAX_VERTICES)
        return brink_error_set(err, BRINK_ETOOBIG,
                               "enummixed: a %dx%d game is too large for exact enumeration of "
                               "all equilibria: its best-response polytopes can have up to "
                               "%.3g vertices (upper bound theorem; the limit is %.3g). Use "
                               "--method lcp for equilibria reachable by Lemke-Howson, or "
                               "--method logit",
                               m, n, ub, ENUMMIXED_MAX_VERTICES);
    bimatrix bm;
    brink_status st = bimatrix_from_nfg(g, &bm, err);
    if (st != BRINK_OK)
        return st;
    stop_ctx sc = {o, brink_now(), 2 * ub};
    bienum_opts bo = {0};
    bo.max_bases = o->max_iterations > 0 ? o->max_iterations : 0;
    bo.should_stop = should_stop;
    bo.ctx = &sc;
    bienum_result r;
    st = bienum_run(&bm, &bo, &r, err);
    bimatrix_free(&bm);
    if (st != BRINK_OK) {
        if (st == BRINK_ENOCONVERGE && o->time_limit > 0)
            brink_error_prefix(err, "enummixed: time limit of %g s reached", o->time_limit);
        return st;
    }
    bicliques bc;
    st = bicliques_find(r.nx, r.ny, r.npairs, r.px, r.py, ENUMMIXED_MAX_CONVEX, &bc, err);
    if (st != BRINK_OK) {
        bienum_result_free(&r);
        return st;
    }
    /* Profiles grouped by component, in discovery order within each. */
    int *order = malloc(sizeof(int) * (size_t)(r.npairs + 1));
    int *pos = malloc(sizeof(int) * (size_t)(r.npairs + 1));
    if (!order || !pos) {
        st = brink_error_set(err, BRINK_ENOMEM, "enummixed: out of memory");
        goto done;
    }
    int *cstart = calloc((size_t)bc.ncomp + 1, sizeof(int)); /* counting sort by component */
    if (!cstart) {
        st = brink_error_set(err, BRINK_ENOMEM, "enummixed: out of memory");
        goto done;
    }
    for (int e = 0; e < r.npairs; e++)
        cstart[bc.comp[e] + 1]++;
    for (int c = 0; c < bc.ncomp; c++)
        cstart[c + 1] += cstart[c];
    for (int e = 0; e < r.npairs; e++)
        order[cstart[bc.comp[e]]++] = e;
    free(cstart);
    int nout = o->all ? r.npairs : (r.npairs > 0 ? 1 : 0);
    int first = out->count;
    for (int i = 0; i < nout; i++) {
        int e = order[i];
        brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_MIXED, g->total_strats, 1,
                                                   err);
        if (!pr) {
            st = BRINK_ENOMEM;
            goto done;
        }
        for (int s = 0; s < m; s++)
            mpq_set(pr->q[g->strat_offset[0] + s], r.x[(size_t)r.px[e] * m + s]);
        for (int s = 0; s < n; s++)
            mpq_set(pr->q[g->strat_offset[1] + s], r.y[(size_t)r.py[e] * n + s]);
        brink_profile_sync_doubles(pr);
        pr->component = bc.comp[e];
        pos[e] = first + i;
    }
    if (o->all) {
        out->ncomponents = bc.ncomp;
        if (!out->convex_start) {
            out->convex_start = bc.start;
            out->convex_member = bc.members;
            out->nconvex = bc.ncliques;
            for (int i = 0; i < bc.start[bc.ncliques]; i++)
                bc.members[i] = pos[bc.members[i]];
            bc.start = bc.members = NULL;
        }
        out->stats.complete = 1;
    } else {
        out->ncomponents = 0;
    }
    out->stats.iterations = (long)(r.nbases[0] + r.nbases[1]);
done:
    free(order);
    free(pos);
    bicliques_free(&bc);
    bienum_result_free(&r);
    return st;
}

const brink_solver brink_solver_enummixed = {
    .name = "enummixed",
    .summary = "all Nash equilibria of a 2-player game: extreme equilibria by vertex "
               "enumeration (exact), with maximal convex sets and components",
    .guarantee = "every extreme Nash equilibrium exactly; the equilibrium set is the union of "
                 "the convex hulls of the reported maximal convex sets",
    .flags = BRINK_SOLVER_NFG | BRINK_SOLVER_EFG | BRINK_SOLVER_EXACT | BRINK_SOLVER_ALL |
             BRINK_SOLVER_TWO_PLAYER,
    .solve_nfg = enummixed_nfg,
    .solve_efg = NULL,
};
