/* gnm.c — Nash equilibria of N-player strategic games by the global Newton method of
 * Govindan & Wilson (2003), "A global Newton method to compute Nash equilibria", JET 110:65-86.
 *
 * The perturbed games G + lambda b (b: a ray in payoff space, one bonus per pure strategy,
 * gw_ray) have, by the structure theorem, an equilibrium graph homeomorphic to the line of
 * games; in the coordinates z of gw.h it is the zero set of
 *     H(z, lambda) = z - r(z) - V(r(z)) - lambda b,
 * a piecewise smooth curve: on each piece the supports S_i of r(z) are fixed and H is a
 * polynomial. For lambda above the first kink every player has one dominant strategy (the
 * largest b_ia) and the curve is a straight line; for lambda below -L (L: payoff range over
 * the smallest gap of b) the same holds with the smallest b_ia. The method follows the curve
 * from the first end to the second, and every crossing of lambda = 0 is an equilibrium of G
 * (section 3: an odd number of them, of alternating index).
 *
 * Following: predictor along the unit tangent t (the null vector of DH, found from the
 * bordered system [DH; t_prev'] t = e), Newton corrector on [H = 0; t_prev'(y - y_pred) = 0],
 * step halved when Newton fails, the turn is sharp, or the sign of det [DH; t'] — the path's
 * orientation, constant on a regular piece (section 4) — changes (a fold jumped over). Where a
 * step leaves its piece (a strategy's z_a crosses its player's level v_i: a support change),
 * the kink is located exactly by Newton on [H = 0; z_a - v_i = 0], the support changes, and the
 * path continues into the new piece (the direction that enters it; its orientation is
 * compared with the old one). Crossings of lambda = 0 are located by Newton on
 * [H = 0; lambda = 0] and each one is polished and checked (gw_add; the driver then verifies it
 * exactly where it is rational). Double precision throughout; results are Nash equilibria to
 * the tolerance, exact only when the driver's rational check proves them so.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solve/homotopy/gnm.h"
#include "solve/homotopy/gw.h"
#include "solve/linalg/dlu.h"
#include "solve/polish/nfgpolish.h"
#include "solve/solvers.h"

#define GNM_H0 0.05          /* first step (scaled payoff units) */
#define GNM_HMAX 0.5         /* largest step on a curved piece */
#define GNM_HKINK 0.05       /* largest step that locates a kink on a curved piece */
#define GNM_HMIN 1e-13       /* a step this small that still fails ends the path */
#define GNM_NEWTON 8         /* corrector iterations */
#define GNM_EVENT_TOL 1e-12  /* a support's face counts as crossed beyond this */
#define GNM_HMAX_PURE 1e6    /* pieces where every support is one strategy are straight */
#define GNM_COS_MIN 0.9      /* sharper turns within a piece halve the step */
#define GNM_KEEP 1e-9        /* NashConv (relative to the payoff range) of a profile kept */
#define GNM_ZERO_BAND 1e-10  /* |lambda| below this is on lambda = 0 */
#define GNM_STALE 32         /* crossings in a row finding nothing new: cycling */
#define GNM_RAYS 4           /* rays tried when a path is lost */
#define GNM_STUCK 64         /* kinks in a row without moving: a degenerate point */
#define GNM_STEPS(n) (50000L + 1000L * (long)(n)) /* steps unless --iterations */

typedef struct gnm {
    const brink_nfg *g;
    double *mem;             /* the block the double arrays below live in */
    int N, n, m;             /* m = n + 1: (z, lambda) */
    double scale;            /* 1 / payoff range */
    double *b;               /* [n] ray */
    unsigned char *in;       /* [n] current support */
    double *sigma, *v, *u, *du; /* [n], [N], [n], [n * n] */
    double *A;               /* [m * m] bordered Jacobian, then its LU */
    int *perm;               /* [m] */
    double *h, *rhs, *dx;    /* [m] */
    double *y, *t, *yp, *tn, *ys; /* [m] points and tangents */
    double *row, *anc;       /* [m] a corrector's constraint: row . (y - anc) = 0 */
    double *eq;              /* [n] */
    long steps, newton;
} gnm;

/* H at y on the current piece (sigma, v, u, du filled); returns max |H|. With A, also the
 * bordered Jacobian [DH; row] (row: m entries). */
static double eval(gnm *s, const double *y, const double *row, int jac)
{
    const brink_nfg *g = s->g;
    int n = s->n, m = s->m;
    gw_retract(g, y, s->in, s->sigma, s->v, NULL);
    gw_values(g, s->scale, s->sigma, s->u, jac ? s->du : NULL);
    double lam = y[n], big = 0;
    for (int a = 0; a < n; a++) {
        s->h[a] = y[a] - s->sigma[a] - s->u[a] - lam * s->b[a];
        big = fmax(big, fabs(s->h[a]));
    }
    if (!jac)
        return big;
    /* DH_z = I - (I + DV) R, R = d r / d z: on player i's support, delta - 1/k_i. */
    double *A = s->A;
    for (int a = 0; a < n; a++) {
        double *ra = A + (size_t)a * m;
        const double *da = s->du + (size_t)a * n;
        for (int c = 0; c < n; c++)
            ra[c] = (a == c);
        for (int i = 0; i < s->N; i++) {
            int o = g->strat_offset[i], e = g->strat_offset[i + 1], k = 0;
            double sum = 0;
            for (int c = o; c < e; c++)
                if (s->in[c]) {
                    sum += (a == c) + da[c];
                    k++;
                }
            if (k == 0)
                continue;
            for (int c = o; c < e; c++)
                if (s->in[c])
                    ra[c] -= (a == c) + da[c] - sum / k;
        }
        ra[n] = -s->b[a];
    }
    memcpy(A + (size_t)n * m, row, sizeof(double) * (size_t)m);
    return big;
}

/* Sign of det of the factored A (0 when singular). */
static int det_sign(const gnm *s)
{
    int m = s->m, sign = 1;
    for (int i = 0; i < m; i++) {
        double d = s->A[(size_t)i * m + i];
        if (d == 0 || !isfinite(d))
            return 0;
        if (d < 0)
            sign = -sign;
    }
    /* parity of the row permutation, by its cycles (perm is restored after) */
    int *p = s->perm;
    for (int i = 0; i < m; i++) {
        if (p[i] < 0)
            continue;
        int len = 0, j = i;
        while (p[j] >= 0) {
            int nx = p[j];
            p[j] = -1 - nx;
            j = nx;
            len++;
        }
        if (len % 2 == 0)
            sign = -sign;
    }
    for (int i = 0; i < m; i++)
        p[i] = -1 - p[i];
    return sign;
}

/* Gradient (in y) of the event function e_a = z_a - v_i on the current piece, into row. */
static void event_row(const gnm *s, int a, double *row)
{
    const brink_nfg *g = s->g;
    int i = 0;
    while (a >= g->strat_offset[i + 1])
        i++;
    int k = 0;
    for (int c = g->strat_offset[i]; c < g->strat_offset[i + 1]; c++)
        k += s->in[c] != 0;
    memset(row, 0, sizeof(double) * (size_t)s->m);
    for (int c = g->strat_offset[i]; c < g->strat_offset[i + 1]; c++)
        if (s->in[c])
            row[c] = -1.0 / k;
    row[a] += 1;
}

/* Newton on [H(y) = 0; row . (y - anchor) = 0] from y. 0 converged, -1 not. The last
 * Jacobian stays factored in A. */
static int correct(gnm *s, double *y, const double *row, const double *anchor)
{
    int n = s->n, m = s->m;
    for (int it = 0; it < GNM_NEWTON; it++) {
        s->newton++;
        double res = eval(s, y, row, 1);
        double c = 0;
        for (int k = 0; k < m; k++)
            c += row[k] * (y[k] - anchor[k]);
        if (dlu_factor(s->A, m, s->perm))
            return -1;
        for (int a = 0; a < n; a++)
            s->rhs[a] = -s->h[a];
        s->rhs[n] = -c;
        dlu_solve(s->A, m, s->perm, s->rhs, s->dx);
        double step = 0, ymax = 1;
        for (int k = 0; k < m; k++) {
            if (!isfinite(s->dx[k]))
                return -1;
            y[k] += s->dx[k];
            step = fmax(step, fabs(s->dx[k]));
            ymax = fmax(ymax, fabs(y[k]));
        }
        if (step <= 1e-13 * ymax && res <= 1e-9)
            return eval(s, y, row, 0) <= 1e-9 ? 0 : -1;
    }
    return eval(s, y, row, 0) <= 1e-10 ? 0 : -1;
}

/* Unit tangent at y on the current piece with t . t_prev > 0 into tn; returns the sign of
 * det [DH; t'] (0: singular). */
static int tangent(gnm *s, const double *y, const double *tprev)
{
    int n = s->n, m = s->m;
    eval(s, y, tprev, 1);
    if (dlu_factor(s->A, m, s->perm))
        return 0;
    memset(s->rhs, 0, sizeof(double) * (size_t)m);
    s->rhs[n] = 1;
    dlu_solve(s->A, m, s->perm, s->rhs, s->tn);
    double norm = 0;
    for (int k = 0; k < m; k++)
        norm += s->tn[k] * s->tn[k];
    norm = sqrt(norm);
    if (!(norm > 0) || !isfinite(norm))
        return 0;
    for (int k = 0; k < m; k++)
        s->tn[k] /= norm;
    return det_sign(s);
}

/* Event value of strategy a at y on the current piece: z_a - v_i (in: >= 0 wanted; out: <=). */
static double event_value(gnm *s, const double *y, int a)
{
    const brink_nfg *g = s->g;
    int i = 0;
    while (a >= g->strat_offset[i + 1])
        i++;
    gw_retract(g, y, s->in, s->sigma, s->v, NULL);
    return y[a] - s->v[i];
}

/* The first strategy whose event is violated at y (and the fraction of the step x -> y at
 * which it happens, by linear interpolation), or -1. */
static int first_event(gnm *s, const double *x, const double *y, double *frac)
{
    int n = s->n, best = -1;
    double bf = 2;
    double *ex = s->rhs; /* scratch: events at x */
    gw_retract(s->g, x, s->in, s->sigma, s->v, NULL);
    for (int a = 0; a < n; a++) {
        int i = 0;
        while (a >= s->g->strat_offset[i + 1])
            i++;
        ex[a] = x[a] - s->v[i];
    }
    gw_retract(s->g, y, s->in, s->sigma, s->v, NULL);
    for (int a = 0; a < n; a++) {
        int i = 0;
        while (a >= s->g->strat_offset[i + 1])
            i++;
        if (s->g->nstrats[i] == 1)
            continue;
        double ey = y[a] - s->v[i];
        /* rounding leaves a face's own strategy at |e| ~ 1e-16 after a kink */
        int bad = s->in[a] ? ey < -GNM_EVENT_TOL : ey > GNM_EVENT_TOL;
        if (!bad)
            continue;
        double den = ex[a] - ey;
        double f = den != 0 ? ex[a] / den : 0;
        f = fmin(fmax(f, 0), 1);
        if (f < bf) {
            bf = f;
            best = a;
        }
    }
    *frac = bf;
    return best;
}

/* Is yp, the located kink of strategy ev on the step of length h from y along t, where the
 * step went? Near y, ahead of it, and no other face crossed before it. */
static int kink_ok(gnm *s, const double *y, const double *yp, int ev, double h)
{
    double d = 0, dt = 0;
    for (int k = 0; k < s->m; k++) {
        d += (yp[k] - y[k]) * (yp[k] - y[k]);
        dt += (yp[k] - y[k]) * s->t[k];
    }
    d = sqrt(d);
    if (d > 1.5 * h || (d > 1e-9 && dt < 0.5 * d))
        return 0;
    gw_retract(s->g, yp, s->in, s->sigma, s->v, NULL);
    for (int a = 0; a < s->n; a++) {
        int i = 0;
        while (a >= s->g->strat_offset[i + 1])
            i++;
        if (a == ev || s->g->nstrats[i] == 1)
            continue;
        double e = yp[a] - s->v[i];
        if (s->in[a] ? e < -GNM_EVENT_TOL : e > GNM_EVENT_TOL)
            return 0;
    }
    return 1;
}

/* Is every support one strategy? (then H is linear in y: the piece is a straight line) */
static int pure_piece(const gnm *s)
{
    for (int i = 0; i < s->N; i++) {
        int k = 0;
        for (int a = s->g->strat_offset[i]; a < s->g->strat_offset[i + 1]; a++)
            k += s->in[a] != 0;
        if (k != 1)
            return 0;
    }
    return 1;
}

/* On a straight piece heading down in lambda below 0 with every player on his smallest b:
 * no face is ever reached again (each z_c - v_i falls with lambda), so the path is done. */
static int at_end(const gnm *s)
{
    if (!(s->y[s->n] < 0) || !(s->t[s->n] < 0) || !pure_piece(s))
        return 0;
    for (int i = 0; i < s->N; i++)
        for (int a = s->g->strat_offset[i]; a < s->g->strat_offset[i + 1]; a++)
            if (s->in[a])
                for (int c = s->g->strat_offset[i]; c < s->g->strat_offset[i + 1]; c++)
                    if (s->b[c] < s->b[a])
                        return 0;
    return 1;
}

/* Record the equilibrium at a lambda = 0 point y of the current piece. */
static brink_status record(gnm *s, const double *y, double tol, brink_profile_list *out,
                           double *worst, brink_error *err)
{
    gw_retract(s->g, y, s->in, s->eq, s->v, NULL);
    double nc;
    /* a crossing located badly (a degenerate one) is dropped unless polishing saves it */
    brink_status st = gw_add(s->g, s->eq, tol, GNM_KEEP / s->scale, out, &nc, err);
    if (!st && nc <= GNM_KEEP / s->scale && nc > *worst)
        *worst = nc;
    return st;
}

static void gnm_free(gnm *s)
{
    free(s->mem);
    free(s->in);
    free(s->perm);
}

brink_status gnm_follow(const brink_nfg *g, const brink_solve_options *o, const double *ray,
                        brink_profile_list *out, gnm_stats *gs, brink_error *err)
{
    gnm s;
    memset(&s, 0, sizeof s);
    memset(gs, 0, sizeof *gs);
    s.g = g;
    s.N = g->nplayers;
    int n = s.n = g->total_strats, m = s.m = n + 1;
    double range = nfg_payoff_range(g);
    s.scale = 1 / range;
    double tol = gw_tolerance(g, o);
    brink_status st = BRINK_OK;
    /* one block for the doubles: b, sigma, u, eq [n]; v [N]; du [n * n]; A [m * m]; and the
     * ten [m] vectors */
    size_t nd = 4 * (size_t)n + (size_t)s.N + (size_t)n * n + (size_t)m * m + 10 * (size_t)m;
    double *blk = s.mem = malloc(sizeof(double) * nd);
    s.in = malloc((size_t)n);
    s.perm = malloc(sizeof(int) * (size_t)m);
    if (!blk || !s.in || !s.perm) {
        st = brink_error_set(err, BRINK_ENOMEM, "gnm: out of memory");
        goto done;
    }
    s.b = blk;
    s.sigma = s.b + n;
    s.u = s.sigma + n;
    s.eq = s.u + n;
    s.v = s.eq + n;
    s.du = s.v + s.N;
    s.A = s.du + (size_t)n * n;
    double *vm = s.A + (size_t)m * m;
    double **vecs[10] = {&s.h, &s.rhs, &s.dx, &s.y, &s.t, &s.yp, &s.tn, &s.ys, &s.row, &s.anc};
    for (int k = 0; k < 10; k++)
        *vecs[k] = vm + (size_t)k * m;
    if (ray)
        memcpy(s.b, ray, sizeof(double) * (size_t)n);
    else
        gw_ray(g, o->seed, s.b);
    /* The start: each player's largest b, the pure profile e; z = e + V(e) + lambda b on
     * the straight first piece, which ends at the first lambda where some z_c reaches its
     * player's level z_top - 1; the end: below -L every player's smallest b dominates. */
    double lam1 = -INFINITY, gap_lo = INFINITY;
    memset(s.in, 0, (size_t)n);
    for (int i = 0; i < s.N; i++) {
        int o0 = g->strat_offset[i], top = o0, low = o0;
        for (int a = o0; a < g->strat_offset[i + 1]; a++) {
            if (s.b[a] > s.b[top]) top = a;
            if (s.b[a] < s.b[low]) low = a;
        }
        s.in[top] = 1;
        for (int a = o0; a < g->strat_offset[i + 1]; a++) {
            s.sigma[a] = a == top;
            if (a != low)
                gap_lo = fmin(gap_lo, s.b[a] - s.b[low]);
        }
    }
    gw_values(g, s.scale, s.sigma, s.u, NULL);
    for (int i = 0; i < s.N; i++) {
        int top = -1;
        for (int a = g->strat_offset[i]; a < g->strat_offset[i + 1]; a++)
            if (s.in[a]) top = a;
        for (int c = g->strat_offset[i]; c < g->strat_offset[i + 1]; c++)
            if (c != top)
                lam1 = fmax(lam1, (1 + s.u[c] - s.u[top]) / (s.b[top] - s.b[c]));
    }
    if (!isfinite(lam1)) { /* every player has one strategy */
        memcpy(s.eq, s.sigma, sizeof(double) * (size_t)n);
        double nc;
        st = gw_add(g, s.eq, tol, INFINITY, out, &nc, err);
        goto done;
    }
    double lam_end = -(1.5 / gap_lo + 1);
    s.y[n] = fmax(lam1, 0) + 1; /* lambda > 0 on the first piece, then straight to lam1 */
    if (lam1 + 1 > s.y[n])
        s.y[n] = lam1 + 1;
    double lam_start = s.y[n];
    for (int a = 0; a < n; a++)
        s.y[a] = s.sigma[a] + s.u[a] + s.y[n] * s.b[a];
    /* direction: lambda decreasing, dz = b dlambda */
    double nb = 1;
    for (int a = 0; a < n; a++)
        nb += s.b[a] * s.b[a];
    nb = sqrt(nb);
    for (int a = 0; a < n; a++)
        s.t[a] = -s.b[a] / nb;
    s.t[n] = -1 / nb;
    int orient = tangent(&s, s.y, s.t);
    if (orient == 0) {
        st = brink_error_set(err, BRINK_EINTERNAL, "gnm: singular start");
        goto done;
    }
    memcpy(s.t, s.tn, sizeof(double) * (size_t)m);
    long max_steps = o->max_iterations > 0 ? o->max_iterations : GNM_STEPS(n);
    double t0 = brink_now(), hstep = GNM_H0 + (s.y[n] - lam1);
    double worst = 0;
    int finished = 0, stuck = 0, stale = 0, last_sign = 1;
    while (!finished) {
        if (++s.steps > max_steps ||
            (o->time_limit > 0 && (s.steps & 63) == 0 && brink_now() - t0 > o->time_limit)) {
            gs->stopped = 1;
            break;
        }
        if (o->progress && (s.steps & 1023) == 0 &&
            o->progress(o->progress_ctx, fmin(1, fmax(0, (lam1 - s.y[n]) / (lam1 - lam_end))),
                        "following the global Newton path"))
            break;
        if (hstep < GNM_HMIN) {
            gs->broken = 1;
            break;
        }
        /* predictor and corrector */
        for (int k = 0; k < m; k++)
            s.yp[k] = s.y[k] + hstep * s.t[k];
        memcpy(s.ys, s.yp, sizeof(double) * (size_t)m);
        if (correct(&s, s.yp, s.t, s.ys) != 0) {
            hstep *= 0.5;
            continue;
        }
        double dist = 0;
        for (int k = 0; k < m; k++)
            dist = fmax(dist, fabs(s.yp[k] - s.ys[k]));
        if (dist > 0.5 * hstep && hstep > 1e-9) {
            hstep *= 0.5;
            continue;
        }
        /* a support change inside the step: go to the kink instead */
        double frac;
        int ev = first_event(&s, s.y, s.yp, &frac);
        int kink = 0;
        if (ev >= 0 && frac * hstep > GNM_HKINK && !pure_piece(&s)) {
            /* approach a kink of a curved piece in short steps: interpolating over a long
             * one may land on another crossing of the same face */
            hstep = fmax(GNM_HKINK, 0.5 * frac * hstep);
            continue;
        }
        if (ev >= 0) {
            for (int k = 0; k < m; k++)
                s.yp[k] = s.y[k] + frac * (s.yp[k] - s.y[k]);
            /* e_a is linear in y (e_a = row . y + 1/k): e_a(y) = 0 is row . (y - anc) = 0
             * for anc = yp moved along row by -e_a(yp) / |row|^2 */
            event_row(&s, ev, s.row);
            double e0 = event_value(&s, s.yp, ev), rr = 0;
            for (int k = 0; k < m; k++)
                rr += s.row[k] * s.row[k];
            for (int k = 0; k < m; k++)
                s.anc[k] = s.yp[k] - e0 * s.row[k] / rr;
            if (correct(&s, s.yp, s.row, s.anc) != 0 || !kink_ok(&s, s.y, s.yp, ev, hstep)) {
                hstep *= 0.5;
                continue;
            }
            kink = 1;
        }
        /* the turn and the orientation on this piece */
        int sg = tangent(&s, s.yp, s.t);
        if (sg == 0) { /* singular: no tangent here */
            hstep *= 0.5;
            continue;
        }
        if (!kink && sg != orient) {
            if (hstep > 1e-9) {
                hstep *= 0.5; /* a fold jumped over */
                continue;
            }
            gs->orientation_changes++;
            orient = sg;
        }
        double cosang = 0;
        for (int k = 0; k < m; k++)
            cosang += s.tn[k] * s.t[k];
        if (!kink && cosang < GNM_COS_MIN && hstep > 1e-9) {
            hstep *= 0.5;
            continue;
        }
        /* Accepted. A crossing of lambda = 0: lambda's sign, ignoring a band around 0, differs from the last one
         * seen. (In degenerate games the path may run inside lambda = 0 along a continuum of
         * equilibria; rounding there is no crossing.) */
        double l0 = s.y[n], l1 = s.yp[n];
        int sign1 = l1 > GNM_ZERO_BAND ? 1 : l1 < -GNM_ZERO_BAND ? -1 : 0;
        int crossed = sign1 != 0 && sign1 != last_sign;
        if (sign1 == 0 && last_sign != 0 && fabs(l0) > GNM_ZERO_BAND &&
            (st = record(&s, s.yp, tol, out, &worst, err))) /* entering lambda = 0 */
            goto done;
        if (sign1 != 0)
            last_sign = sign1;
        if (crossed) {
            double f = l1 == l0 ? 1 : fmin(fmax(l0 / (l0 - l1), 0), 1);
            double *q = s.ys;
            for (int k = 0; k < m; k++)
                q[k] = s.y[k] + f * (s.yp[k] - s.y[k]);
            memset(s.row, 0, sizeof(double) * (size_t)m);
            s.row[n] = 1;
            memset(s.anc, 0, sizeof(double) * (size_t)m);
            if (correct(&s, q, s.row, s.anc) != 0) /* degenerate crossing: interpolate */
                for (int k = 0; k < m; k++)
                    q[k] = s.y[k] + f * (s.yp[k] - s.y[k]);
            gs->crossings++;
            int before = out->count;
            if ((st = record(&s, q, tol, out, &worst, err)))
                goto done;
            /* crossings that only meet equilibria already found: the path is cycling
             * (rounding at a degenerate point), not progressing */
            stale = out->count > before ? 0 : stale + 1;
            if (stale > GNM_STALE) {
                gs->broken = 1;
                break;
            }
            tangent(&s, s.yp, s.t); /* restore tn */
        }
        if (kink) {
            double moved = 0;
            for (int k = 0; k < m; k++)
                moved = fmax(moved, fabs(s.yp[k] - s.y[k]));
            stuck = moved < 1e-10 ? stuck + 1 : 0;
            if (stuck > GNM_STUCK) {
                gs->broken = 1;
                break;
            }
            memcpy(s.y, s.yp, sizeof(double) * (size_t)m);
            s.in[ev] = !s.in[ev];
            gs->kinks++;
            int sg2 = tangent(&s, s.y, s.t);
            /* the direction that enters the new piece */
            event_row(&s, ev, s.rhs);
            double d = 0;
            for (int k = 0; k < m; k++)
                d += s.rhs[k] * s.tn[k];
            int flip = s.in[ev] ? d < 0 : d > 0;
            if (flip)
                for (int k = 0; k < m; k++)
                    s.tn[k] = -s.tn[k];
            int now = flip ? -sg2 : sg2;
            if (now != orient) {
                gs->orientation_changes++;
                orient = now != 0 ? now : orient;
            }
            hstep = fmin(fmax(hstep, 1e-6), GNM_HKINK);
        } else {
            memcpy(s.y, s.yp, sizeof(double) * (size_t)m);
            hstep = fmin(hstep * 1.6, pure_piece(&s) ? GNM_HMAX_PURE : GNM_HMAX);
        }
        memcpy(s.t, s.tn, sizeof(double) * (size_t)m);
        if (s.y[n] < lam_end || at_end(&s))
            finished = 1;
        if (s.y[n] > lam_start && s.t[n] > 0) { /* heading back to the start: lost */
            gs->broken = 1;
            break;
        }
    }
    if (!finished && fabs(s.y[n]) <= 1e-8 && !st) {
        /* a path lost on lambda = 0 (a continuum of equilibria of a degenerate game): its
         * last point is one, to within what polishing and the check say */
        st = record(&s, s.y, tol, out, &worst, err);
    }
    gs->steps = s.steps;
    gs->newton = s.newton;
    gs->lambda = s.y[n];
    gs->worst = worst;
done:
    gnm_free(&s);
    return st;
}

static brink_status gnm_nfg(const brink_nfg *g, const brink_solve_options *o,
                            brink_profile_list *out, brink_error *err)
{
    /* A path lost at a degenerate point (or cut by the budget) is followed again from
     * another ray; the equilibria of every path are kept (each was polished and checked). */
    gnm_stats gs;
    brink_solve_options oo = *o;
    long steps = 0;
    double worst = 0, t0 = brink_now();
    brink_status st = BRINK_OK;
    for (int k = 0; k < GNM_RAYS; k++) {
        oo.seed = o->seed + (uint64_t)k * 0x9e3779b9u;
        if (o->time_limit > 0) {
            oo.time_limit = o->time_limit - (brink_now() - t0);
            if (oo.time_limit <= 0)
                break;
        }
        if ((st = gnm_follow(g, &oo, NULL, out, &gs, err)))
            return st;
        steps += gs.steps;
        worst = fmax(worst, gs.worst);
        if (!gs.broken && !gs.stopped)
            break;
    }
    out->stats.iterations = steps;
    out->stats.residual = worst;
    /* Every profile kept meets the tolerance (gw_add), so a path cut short leaves answers,
     * not points short of the target: stopped_at_limit stays 0 (gnm never claims a complete
     * list). With no profile, simpdiv's point and its own flags. */
    return gw_finish(g, o, t0, out, err);
}

const brink_solver brink_solver_gnm = {
    .name = "gnm",
    .summary = "global Newton method of Govindan-Wilson: follows a perturbation path "
               "(any number of players)",
    .guarantee = "the Nash equilibria at the path's crossings of the unperturbed game, each to "
                 "the tolerance, exact when the driver's rational check confirms it (simplicial "
                 "subdivision's point, said so, when no path gives one)",
    .flags = BRINK_SOLVER_NFG | BRINK_SOLVER_EFG | BRINK_SOLVER_APPROX,
    .solve_nfg = gnm_nfg,
    .solve_efg = NULL,
};
