/* points.c — reference points of a two-party outcome set, for the tournament's metrics: the
 * Pareto-optimal outcomes, the Nash point (the outcome maximising the product of gains over
 * the reservation values) and the Kalai-Smorodinsky point (the Pareto outcome maximising the
 * smaller of the two gains, each normalised by the party's ideal gain). These are the
 * discrete counterparts of closed_form.c; tests check that they agree on simple domains.
 */
#include <math.h>
#include <stdlib.h>
#include "brink/negotiate.h"

#define NEG_PARETO_EPS 1e-12

typedef struct { double a, b; size_t o; } neg_pt;

static int neg_pt_cmp(const void *x, const void *y)
{
    const neg_pt *p = x, *q = y;
    if (p->a != q->a) return p->a > q->a ? -1 : 1;   /* u0 descending */
    if (p->b != q->b) return p->b > q->b ? -1 : 1;   /* then u1 descending */
    return p->o < q->o ? -1 : p->o > q->o;
}

brink_status brink_neg_points_compute(const brink_neg_domain *d, brink_neg_points *p,
                                      brink_error *err)
{
    p->npareto = 0;
    p->pareto = NULL;
    p->has_nash = 0;
    if (!d->finished || d->nparties != 2)
        return brink_error_set(err, BRINK_EINVALID, "reference points need a finished "
                               "two-party domain");
    size_t n = d->noutcomes;
    const double *u0 = d->party[0].u, *u1 = d->party[1].u;
    neg_pt *pts = malloc(n * sizeof *pts);
    p->pareto = malloc(n * sizeof *p->pareto);
    if (!pts || !p->pareto) {
        free(pts);
        free(p->pareto);
        p->pareto = NULL;
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    for (size_t o = 0; o < n; o++) pts[o] = (neg_pt){u0[o], u1[o], o};
    qsort(pts, n, sizeof *pts, neg_pt_cmp);
    /* sweep by u0 descending: an outcome is Pareto-optimal iff its u1 beats every u1 so far.
       Utilities equal within NEG_PARETO_EPS (rounding of weighted sums) count as equal. */
    double best1 = -1.0, last0 = INFINITY;
    size_t np = 0;
    for (size_t k = 0; k < n; k++)
        if (pts[k].b > best1 + NEG_PARETO_EPS) {
            if (np > 0 && last0 - pts[k].a <= NEG_PARETO_EPS) np--; /* same u0, better u1 */
            else last0 = pts[k].a;
            best1 = pts[k].b;
            p->pareto[np++] = pts[k].o;
        }
    free(pts);
    for (size_t i = 0; i < np / 2; i++) { /* u0 ascending */
        size_t t = p->pareto[i];
        p->pareto[i] = p->pareto[np - 1 - i];
        p->pareto[np - 1 - i] = t;
    }
    p->npareto = np;
    double r0 = d->party[0].reservation, r1 = d->party[1].reservation;
    /* Nash: over every outcome (the maximum is Pareto-optimal anyway) */
    double best = 0;
    for (size_t k = 0; k < np; k++) {
        size_t o = p->pareto[k];
        double g0 = u0[o] - r0, g1 = u1[o] - r1;
        if (g0 > 0 && g1 > 0 && g0 * g1 > best) {
            best = g0 * g1;
            p->nash = o;
            p->has_nash = 1;
        }
    }
    /* Kalai-Smorodinsky: ideal gains over the individually rational outcomes */
    double i0 = 0, i1 = 0;
    for (size_t k = 0; k < np; k++) {
        size_t o = p->pareto[k];
        if (u0[o] >= r0 && u1[o] >= r1) {
            if (u0[o] - r0 > i0) i0 = u0[o] - r0;
            if (u1[o] - r1 > i1) i1 = u1[o] - r1;
        }
    }
    double bestks = -1;
    for (size_t k = 0; k < np && p->has_nash; k++) {
        size_t o = p->pareto[k];
        if (u0[o] < r0 || u1[o] < r1) continue;
        double a = (u0[o] - r0) / i0, b = (u1[o] - r1) / i1, m = a < b ? a : b;
        if (m > bestks) {
            bestks = m;
            p->ks = o;
        }
    }
    if (p->has_nash) {
        p->nash_u[0] = u0[p->nash];
        p->nash_u[1] = u1[p->nash];
        p->ks_u[0] = u0[p->ks];
        p->ks_u[1] = u1[p->ks];
    }
    return BRINK_OK;
}

void brink_neg_points_free(brink_neg_points *p)
{
    if (!p) return;
    free(p->pareto);
    p->pareto = NULL;
    p->npareto = 0;
}

double brink_neg_points_pareto_distance(const brink_neg_domain *d, const brink_neg_points *p,
                                        double u0, double u1)
{
    double best = INFINITY;
    for (size_t k = 0; k < p->npareto; k++) {
        size_t o = p->pareto[k];
        double a = d->party[0].u[o] - u0, b = d->party[1].u[o] - u1;
        double dd = a * a + b * b;
        if (dd < best) best = dd;
    }
    return sqrt(best);
}
