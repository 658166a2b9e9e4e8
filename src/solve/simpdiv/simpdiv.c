/* simpdiv.c — Nash equilibria of N-player games by simplicial subdivision (a variable
 * dimension restart algorithm in the manner of van der Laan and Talman) on the product of the
 * players' simplices, refined by restarts on ever finer grids.
 *
 * Regions. From a start v in the interior, for T = (T_1..T_N) with each T_j a proper subset
 * of player j's strategies, A(T) = { x : x_j in conv(v_j, e_jk for k in T_j) } has dimension
 * |T|. Writing x_j = v_j + sum_a mu_ja (e_{j,k_a} - v_j) with T_j = {k_1 < ... < k_t} and
 * w_ja = mu_ja + ... + mu_jt, A(T) is the product of the orthoschemes 1 >= w_j1 >= ... >= w_jt
 * >= 0. The Freudenthal triangulation of grid 1/m in the w coordinates respects all those
 * hyperplanes, so it triangulates every A(T) and the faces match (the face mu_ja = 0 is
 * A(T minus k_a), where w_ja = w_j,a+1).
 *
 * Labels. A point x gets the label (j, k) maximising the excess payoff u_jk(x) - u_j(x) over
 * all players and strategies (first in order on ties). If a small simplex carries every label
 * of one player j, all of j's strategies nearly reach the overall maximum excess M while j's
 * own excesses average to zero under x_j, so M, every player's regret, is small; the same
 * argument applies on the outer boundary x_jh = 0 (h not in T_j) with the labels T_j.
 *
 * Path. From ({}, {v}), simplices of A(T) whose labels include T are followed: a new label
 * outside T raises the dimension (T gains it), a repeated label is pivoted out, a facet on a
 * face mu_ja = 0 lowers the dimension; the path ends on a simplex with all labels of a player
 * or on the outer boundary. The best vertex then starts the next round with the grid halved,
 * until the regret is below the tolerance; a final Newton step on the support (nfgpolish.c)
 * gives an accurate equilibrium, which the driver verifies (exactly when it is rational).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solve/polish/nfgderiv.h"
#include "solve/polish/nfgpolish.h"
#include "solve/simpdiv/simpdiv.h"
#include "solve/solvers.h"

#define SIMPDIV_GRID0 4          /* first grid: 1/4 */
#define SIMPDIV_MAX_ROUNDS 40    /* grid refinements (grid 4 * 2^39 at most) */
#define SIMPDIV_ROUND_TOL 1e-9   /* stop refining below this regret (relative to range) */
/* Pivots for the whole search unless --iterations says otherwise: a multiple of the
 * dimension. Paths on these grids are short when the support polishing works (it usually
 * ends the search in the first rounds); past this the best point so far is returned, flagged
 * as stopped at the limit. */
#define SIMPDIV_PIVOTS(n) (200000L + 20000L * (long)(n))
/* Support thresholds tried when polishing (see nfgpolish.h). */
static const double simpdiv_rels[] = {1e-3, 1e-2, 1e-4, 1e-6, 0.1};
#define SIMPDIV_NRELS ((int)(sizeof simpdiv_rels / sizeof simpdiv_rels[0]))

typedef struct sdiv {
    const brink_nfg *g;
    int N, n;
    double range;
    long m;            /* grid: coordinates w are integers in 0..m */
    double *v;         /* [n] start */
    /* T: strategies in T, by coordinate (coordinates ordered by global strategy index) */
    int t;             /* |T| */
    int *coord;        /* [n] coordinate of strategy a, or -1 */
    int *strat;        /* [n] strategy of coordinate c (c < t) */
    /* the simplex: base y and order pi (coordinates), vertex l = y + e_pi[0] + .. + e_pi[l-1] */
    long *y;           /* [n] */
    int *pi;           /* [n] */
    int *lab;          /* [n + 1] labels (global strategy) of vertices 0..t */
    /* scratch (allocated once: the path makes no allocation) */
    long *w, *wv;      /* [n], [(n + 1) * n] */
    int *oldmap, *npi, *labs, *ord; /* [n + 2] each */
    long *sum;         /* [n + 2] */
    double *x, *u;     /* [n] */
    long pivots;
    double t0, time_limit; /* seconds; 0 = none (checked every 4096 pivots) */
} sdiv;

/* Point x of integer coordinates w (length t). */
static void point(sdiv *s, const long *w, double *x)
{
    const brink_nfg *g = s->g;
    double m = (double)s->m;
    for (int j = 0; j < s->N; j++) {
        int o = g->strat_offset[j], k = g->nstrats[j];
        double w1 = 0;
        long prev = -1;
        for (int a = o + k - 1; a >= o; a--) { /* from the last coordinate of j backwards */
            int c = s->coord[a];
            if (c < 0)
                continue;
            long next = prev < 0 ? 0 : prev; /* w of the following coordinate of j */
            x[a] = (double)(w[c] - next) / m;
            prev = w[c];
            w1 = (double)w[c] / m; /* ends as the first coordinate of j */
        }
        for (int a = o; a < o + k; a++)
            x[a] = (s->coord[a] < 0 ? 0 : x[a]) + s->v[a] * (1 - w1);
    }
}

/* Label of a point: the strategy with the largest excess payoff. */
static int label(sdiv *s, const double *x)
{
    const brink_nfg *g = s->g;
    nfg_payoff_derivs(g, x, s->u, NULL);
    int best = -1;
    double bz = -INFINITY;
    for (int j = 0; j < s->N; j++) {
        double ev = 0;
        for (int a = g->strat_offset[j]; a < g->strat_offset[j + 1]; a++)
            ev += x[a] * s->u[a];
        for (int a = g->strat_offset[j]; a < g->strat_offset[j + 1]; a++)
            if (s->u[a] - ev > bz) {
                bz = s->u[a] - ev;
                best = a;
            }
    }
    return best;
}

static void vertex(const sdiv *s, int l, long *w)
{
    memcpy(w, s->y, sizeof(long) * (size_t)s->t);
    for (int i = 0; i < l; i++)
        w[s->pi[i]]++;
}

/* Region check of integer coordinates: 0 inside; 1 + a when strategy a's mu is negative
 * (the face A(T minus a)); -1 - j when player j's w exceeds the grid (outer boundary). */
static int region(const sdiv *s, const long *w)
{
    const brink_nfg *g = s->g;
    for (int j = 0; j < s->N; j++) {
        long prev = -1;
        int first = 1;
        for (int a = g->strat_offset[j + 1] - 1; a >= g->strat_offset[j]; a--) {
            int c = s->coord[a];
            if (c < 0)
                continue;
            long next = prev < 0 ? 0 : prev;
            if (w[c] < next)
                return 1 + a;
            prev = w[c];
            first = 0;
        }
        if (!first && prev > s->m)
            return -1 - j;
    }
    return 0;
}

static int label_of_vertex(sdiv *s, int l)
{
    vertex(s, l, s->w);
    point(s, s->w, s->x);
    return label(s, s->x);
}

/* Renumber coordinates after T changed (coordinates follow global strategy order). */
static void renumber(sdiv *s)
{
    s->t = 0;
    for (int a = 0; a < s->n; a++)
        if (s->coord[a] >= 0) {
            s->coord[a] = s->t;
            s->strat[s->t++] = a;
        }
}

/* Pivot out vertex r within A(T) (Freudenthal rules); returns the new vertex's index. */
static int pivot(sdiv *s, int r)
{
    int t = s->t;
    if (r == 0) {
        int p0 = s->pi[0];
        s->y[p0]++;
        memmove(s->pi, s->pi + 1, sizeof(int) * (size_t)(t - 1));
        s->pi[t - 1] = p0;
        memmove(s->lab, s->lab + 1, sizeof(int) * (size_t)t);
        return t;
    }
    if (r == t) {
        int pt = s->pi[t - 1];
        s->y[pt]--;
        memmove(s->pi + 1, s->pi, sizeof(int) * (size_t)(t - 1));
        s->pi[0] = pt;
        memmove(s->lab + 1, s->lab, sizeof(int) * (size_t)t);
        return 0;
    }
    int tmp = s->pi[r - 1];
    s->pi[r - 1] = s->pi[r];
    s->pi[r] = tmp;
    return r;
}

/* Inverse of `pivot` for a rejected move (new vertex outside the region). */
static void unpivot(sdiv *s, int r)
{
    int t = s->t;
    if (r == 0) { /* undo: pivot out the new vertex t */
        int pt = s->pi[t - 1];
        s->y[pt]--;
        memmove(s->pi + 1, s->pi, sizeof(int) * (size_t)(t - 1));
        s->pi[0] = pt;
        memmove(s->lab + 1, s->lab, sizeof(int) * (size_t)t);
    } else if (r == t) {
        int p0 = s->pi[0];
        s->y[p0]++;
        memmove(s->pi, s->pi + 1, sizeof(int) * (size_t)(t - 1));
        s->pi[t - 1] = p0;
        memmove(s->lab, s->lab + 1, sizeof(int) * (size_t)t);
    } else {
        int tmp = s->pi[r - 1];
        s->pi[r - 1] = s->pi[r];
        s->pi[r] = tmp;
    }
}

/* Add strategy a to T: the simplex becomes the (t+1)-simplex of A(T + a) having it as a
 * facet on the side mu_a >= 0. Returns the index of the new vertex. */
static int raise(sdiv *s, int a)
{
    const brink_nfg *g = s->g;
    int j = 0;
    while (a >= g->strat_offset[j + 1])
        j++;
    int next = -1; /* next strategy of player j in T */
    for (int b = a + 1; b < g->strat_offset[j + 1] && next < 0; b++)
        if (s->coord[b] >= 0)
            next = b;
    int t = s->t;
    int oldc_next = next >= 0 ? s->coord[next] : -1;
    s->coord[a] = 0;
    int *oldmap = s->oldmap;
    for (int c = 0; c < t; c++)
        oldmap[c] = s->strat[c];
    renumber(s);
    int cn = s->coord[a];
    /* y: insert the new coordinate (equal to the next one of player j, or 0) */
    long *ny = s->w;
    for (int c = 0; c < t; c++)
        ny[s->coord[oldmap[c]]] = s->y[c];
    ny[cn] = oldc_next >= 0 ? s->y[oldc_next] : 0;
    memcpy(s->y, ny, sizeof(long) * (size_t)(t + 1));
    /* pi: remap, then insert cn before the next coordinate of player j (or at the end) */
    int *npi = s->npi;
    int k = 0, pos = -1;
    int cnext = next >= 0 ? s->coord[next] : -1;
    for (int i = 0; i < t; i++) {
        int c = s->coord[oldmap[s->pi[i]]];
        if (c == cnext) {
            pos = k;
            npi[k++] = cn;
        }
        npi[k++] = c;
    }
    if (pos < 0) {
        pos = k;
        npi[k++] = cn;
    }
    memcpy(s->pi, npi, sizeof(int) * (size_t)(t + 1));
    /* labels: the new vertex is number pos + 1 */
    memmove(s->lab + pos + 2, s->lab + pos + 1, sizeof(int) * (size_t)(t - pos));
    return pos + 1;
}

/* Remove strategy a from T: the facet (the simplex without vertex r), which lies on the face
 * mu_a = 0, becomes a simplex of A(T - a). Its vertices form a chain in the remaining
 * coordinates; the base and order are read off it. Returns 0, or -1 if the facet is not a
 * chain (a broken invariant). */
static int lower(sdiv *s, int r, int a)
{
    int t = s->t;
    int nv = 0;
    int *labs = s->labs;
    for (int l = 0; l <= t; l++) {
        if (l == r)
            continue;
        vertex(s, l, s->wv + (size_t)nv * (t + 1));
        labs[nv++] = s->lab[l];
    }
    int ca = s->coord[a];
    s->coord[a] = -1;
    renumber(s);
    int tt = s->t; /* t - 1 */
    /* project: drop coordinate ca */
    for (int l = 0; l < nv; l++) {
        long *src = s->wv + (size_t)l * (t + 1);
        long *dst = s->wv + (size_t)l * (t + 1); /* in place, shifting left */
        for (int c = 0, d = 0; c < t; c++)
            if (c != ca)
                dst[d++] = src[c];
    }
    /* order the vertices by coordinate sum; consecutive ones must differ by a unit vector */
    int *ord = s->ord;
    long *sum = s->sum;
    int rc = 0;
    for (int l = 0; l < nv; l++) {
        ord[l] = l;
        sum[l] = 0;
        for (int c = 0; c < tt; c++)
            sum[l] += s->wv[(size_t)l * (t + 1) + c];
    }
    for (int i = 1; i < nv; i++)
        for (int k = i; k > 0 && sum[ord[k - 1]] > sum[ord[k]]; k--) {
            int tmp = ord[k];
            ord[k] = ord[k - 1];
            ord[k - 1] = tmp;
        }
    memcpy(s->y, s->wv + (size_t)ord[0] * (t + 1), sizeof(long) * (size_t)tt);
    for (int i = 1; i < nv; i++) {
        const long *p = s->wv + (size_t)ord[i - 1] * (t + 1), *q = s->wv + (size_t)ord[i] * (t + 1);
        int dir = -1;
        for (int c = 0; c < tt; c++) {
            long d = q[c] - p[c];
            if (d == 0)
                continue;
            if (d != 1 || dir >= 0) {
                rc = -1;
                goto out;
            }
            dir = c;
        }
        if (dir < 0) {
            rc = -1;
            goto out;
        }
        s->pi[i - 1] = dir;
    }
    for (int i = 0; i < nv; i++)
        s->lab[i] = labs[ord[i]];
out:
    return rc;
}

/* Does player j of strategy a have all strategies but a in T? (then a completes j) */
static int completes(const sdiv *s, int a)
{
    const brink_nfg *g = s->g;
    int j = 0;
    while (a >= g->strat_offset[j + 1])
        j++;
    for (int b = g->strat_offset[j]; b < g->strat_offset[j + 1]; b++)
        if (b != a && s->coord[b] < 0)
            return 0;
    return 1;
}

/* One path from v on grid m. On return s's simplex (and T) is the terminal one. 0 ok, -1 a
 * broken invariant, 1 pivot budget exhausted.
 *
 * Two kinds of step alternate: a vertex has just joined the simplex and its label decides
 * (new label: raise the dimension, or stop if it completes a player; repeated label: the
 * other vertex carrying it leaves), or a vertex leaves by a pivot (the new vertex joins, or
 * the facet lies on the outer boundary: stop, or on a face mu_a = 0: lower the dimension,
 * after which the vertex labelled a leaves). */
static int run_path(sdiv *s, long max_pivots)
{
    for (int a = 0; a < s->n; a++)
        s->coord[a] = -1;
    renumber(s);
    s->lab[0] = label_of_vertex(s, 0);
    int fresh = 0; /* vertex that just joined */
    int leave = -1; /* vertex that must leave, when >= 0 */
    for (;;) {
        if (++s->pivots > max_pivots)
            return 1;
        if ((s->pivots & 4095) == 0 && s->time_limit > 0 &&
            brink_now() - s->t0 > s->time_limit)
            return 1;
        if (leave < 0) {
            int l = s->lab[fresh];
            if (s->coord[l] < 0) {
                if (completes(s, l))
                    return 0;
                fresh = raise(s, l);
                s->lab[fresh] = label_of_vertex(s, fresh);
                continue;
            }
            for (int i = 0; i <= s->t; i++)
                if (i != fresh && s->lab[i] == l)
                    leave = i;
            if (leave < 0)
                return -1;
        }
        if (s->t == 0)
            return -1; /* back at the start: impossible on a proper path */
        int r = leave;
        leave = -1;
        int saved = s->lab[r];
        int nw = pivot(s, r);
        vertex(s, nw, s->w);
        int where = region(s, s->w);
        if (where == 0) {
            fresh = nw;
            s->lab[nw] = label_of_vertex(s, nw);
            continue;
        }
        unpivot(s, r);
        s->lab[r] = saved; /* the label rotation lost it */
        if (where < 0)
            return 0; /* the facet without r, on the outer boundary, is complete */
        int a = where - 1;
        int lr = lower(s, r, a);
        if (lr != 0)
            return lr;
        for (int i = 0; i <= s->t; i++)
            if (s->lab[i] == a)
                leave = i;
        if (leave < 0)
            return -1;
    }
}

/* Candidate supports of an approximate equilibrium x with regret reg: strategies carrying
 * weight (several thresholds relative to the player's largest probability) and strategies
 * that are nearly best responses (within a few multiples of the regret). */
static int try_polish(const brink_nfg *g, const double *x, double reg, double tol, double *out)
{
    for (int k = 0; k < SIMPDIV_NRELS; k++)
        if (nfg_polish(g, x, simpdiv_rels[k], tol, out))
            return 1;
    for (double f = 1; f <= 64; f *= 4)
        if (nfg_polish_br(g, x, f * reg, tol, out))
            return 1;
    return 0;
}

brink_status simpdiv_search(const brink_nfg *g, const brink_solve_options *o, int max_rounds,
                            int polish, double *out, double *regret, long *pivots, int *stopped,
                            brink_error *err)
{
    sdiv s;
    memset(&s, 0, sizeof s);
    s.g = g;
    s.N = g->nplayers;
    s.n = g->total_strats;
    s.range = nfg_payoff_range(g);
    int n = s.n;
    brink_status st = BRINK_OK;
    s.v = malloc(sizeof(double) * (size_t)n);
    s.coord = malloc(sizeof(int) * (size_t)n);
    s.strat = malloc(sizeof(int) * (size_t)n);
    s.y = malloc(sizeof(long) * (size_t)(n + 1));
    s.pi = malloc(sizeof(int) * (size_t)(n + 1));
    s.lab = malloc(sizeof(int) * (size_t)(n + 2));
    s.w = malloc(sizeof(long) * (size_t)(n + 1));
    s.wv = malloc(sizeof(long) * (size_t)(n + 2) * (n + 1));
    s.x = malloc(sizeof(double) * (size_t)n);
    s.u = malloc(sizeof(double) * (size_t)n);
    s.oldmap = malloc(sizeof(int) * (size_t)(n + 2));
    s.npi = malloc(sizeof(int) * (size_t)(n + 2));
    s.labs = malloc(sizeof(int) * (size_t)(n + 2));
    s.ord = malloc(sizeof(int) * (size_t)(n + 2));
    s.sum = malloc(sizeof(long) * (size_t)(n + 2));
    double *best = malloc(sizeof(double) * (size_t)n);
    double *pol = malloc(sizeof(double) * (size_t)n);
    if (!s.v || !s.coord || !s.strat || !s.y || !s.pi || !s.lab || !s.w || !s.wv || !s.x ||
        !s.u || !s.oldmap || !s.npi || !s.labs || !s.ord || !s.sum || !best || !pol) {
        st = brink_error_set(err, BRINK_ENOMEM, "simpdiv: out of memory");
        goto done;
    }
    for (int j = 0; j < s.N; j++)
        for (int a = g->strat_offset[j]; a < g->strat_offset[j + 1]; a++)
            s.v[a] = best[a] = 1.0 / g->nstrats[j];
    long max_pivots = o->max_iterations > 0 ? o->max_iterations : SIMPDIV_PIVOTS(n);
    *stopped = 0;
    s.t0 = brink_now();
    s.time_limit = o->time_limit;
    double tol = (o->tolerance > 0 ? o->tolerance : 1e-10) * s.range;
    double round_tol = SIMPDIV_ROUND_TOL * s.range;
    double t0 = brink_now(), breg = INFINITY;
    int polished = 0;
    s.m = SIMPDIV_GRID0;
    for (int round = 0; round < max_rounds; round++) {
        int rc = run_path(&s, max_pivots);
        if (rc < 0) {
            st = brink_error_set(err, BRINK_EINTERNAL,
                                 "simpdiv: the simplicial path broke on grid 1/%ld", s.m);
            goto done;
        }
        /* the best vertex of the last simplex */
        for (int l = 0; l <= s.t; l++) {
            vertex(&s, l, s.w);
            point(&s, s.w, s.x);
            nfg_payoff_derivs(g, s.x, s.u, NULL);
            double r = nfg_nashconv(g, s.x, s.u);
            if (r < breg) {
                breg = r;
                memcpy(best, s.x, sizeof(double) * (size_t)n);
            }
        }
        if (rc == 1) { /* pivot budget or time limit: the best point so far */
            *stopped = 1;
            break;
        }
        if (breg <= round_tol)
            break;
        /* Newton on the support of the best point usually finishes the job long before the
         * grid alone would: try a few support thresholds (relative to each player's largest
         * probability; the grid leaves noise of order 1/m on unused strategies). */
        if (polish)
            polished = try_polish(g, best, breg, tol, pol);
        if (polished)
            break;
        if (round + 1 == max_rounds)
            break;
        if (o->time_limit > 0 && brink_now() - t0 > o->time_limit) {
            *stopped = 1;
            break;
        }
        if (o->progress && o->progress(o->progress_ctx, (round + 1.0) / SIMPDIV_MAX_ROUNDS,
                                       "refining the grid"))
            break;
        /* restart near the best point, on a grid twice as fine, inside the simplices */
        s.m *= 2;
        for (int j = 0; j < s.N; j++)
            for (int a = g->strat_offset[j]; a < g->strat_offset[j + 1]; a++)
                s.v[a] = (1 - 1.0 / (double)s.m) * best[a] + 1.0 / ((double)s.m * g->nstrats[j]);
    }
    if (polish && !polished)
        polished = try_polish(g, best, breg, tol, pol);
    memcpy(out, polished ? pol : best, sizeof(double) * (size_t)n);
    nfg_payoff_derivs(g, out, s.u, NULL);
    *regret = nfg_nashconv(g, out, s.u);
    if (*regret <= tol)
        *stopped = 0; /* the target was met after all */
done:
    free(s.v);
    free(s.coord);
    free(s.strat);
    free(s.y);
    free(s.pi);
    free(s.lab);
    free(s.w);
    free(s.wv);
    free(s.x);
    free(s.u);
    free(s.oldmap);
    free(s.npi);
    free(s.labs);
    free(s.ord);
    free(s.sum);
    free(best);
    free(pol);
    *pivots = s.pivots;
    return st;
}

static brink_status simpdiv_nfg(const brink_nfg *g, const brink_solve_options *o,
                                brink_profile_list *out, brink_error *err)
{
    double *x = malloc(sizeof(double) * (size_t)g->total_strats);
    if (!x)
        return brink_error_set(err, BRINK_ENOMEM, "simpdiv: out of memory");
    double regret;
    long pivots = 0;
    int stopped = 0;
    brink_status st = simpdiv_search(g, o, SIMPDIV_MAX_ROUNDS, 1, x, &regret, &pivots, &stopped,
                                     err);
    out->stats.stopped_at_limit = stopped;
    if (st == BRINK_OK) {
        brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_MIXED, g->total_strats, 0,
                                                   err);
        if (!pr) {
            st = BRINK_ENOMEM;
        } else {
            memcpy(pr->p, x, sizeof(double) * (size_t)g->total_strats);
            out->stats.iterations = pivots;
            out->stats.residual = regret;
        }
    }
    free(x);
    return st;
}

const brink_solver brink_solver_simpdiv = {
    .name = "simpdiv",
    .summary = "simplicial subdivision with restarts on finer grids (any number of players)",
    .guarantee = "one Nash equilibrium to the tolerance, exact when the driver's rational "
                 "check confirms it",
    .flags = BRINK_SOLVER_NFG | BRINK_SOLVER_EFG | BRINK_SOLVER_APPROX,
    .solve_nfg = simpdiv_nfg,
    .solve_efg = NULL,
};
