/* agent_equilibrium.c — an agent playing the subgame-perfect equilibrium of the two-party
 * alternating offers game on the domain's outcome set with the protocol's deadline and the
 * parties' discount factors (complete information: it reads both utilities).
 *
 * Backward induction over turns (T = 2 max_rounds). W[k] is what each party gets when the
 * party of turn k makes an offer there. An offer in the last turn cannot be answered:
 * W[T-1] = reservations. For k < T-1 the responder r accepts o iff d_r^k u_r(o) >= W[k+1][r];
 * the proposer p offers the acceptable o with the largest d_p^k u_p(o) (ties: the one better
 * for r) when that beats W[k+1][p], otherwise nothing acceptable (its best outcome) and
 * W[k] = W[k+1]. Over a split pie this approaches Rubinstein's shares as T grows
 * (tests/unit/test_negotiate.c).
 *
 * Work: the acceptable outcomes are those with u_r above a threshold, a prefix of r's
 * outcomes sorted best first (party->order); a prefix maximum of u_p along that order answers
 * each turn by one binary search: O(noutcomes + T log noutcomes) at creation.
 */
#include <math.h>
#include <stdlib.h>
#include "neg_int.h"

#define NEG_EQ_TOL 1e-12            /* acceptance tie tolerance (rounding of d^k u) */

typedef struct {
    int turns;
    double *w;       /* [turns][2] */
    size_t *offer;   /* [turns] */
} neg_eq;

static void neg_eq_free(void *s)
{
    neg_eq *e = s;
    if (!e) return;
    free(e->w);
    free(e->offer);
    free(e);
}

static brink_status neg_eq_create(void **state, const brink_neg_view *v, brink_error *err)
{
    const brink_neg_domain *d = v->domain;
    if (d->nparties != 2)
        return brink_error_set(err, BRINK_EUNSUPPORTED, "the equilibrium agent plays two-party "
                               "negotiations only (this domain has %d parties)", d->nparties);
    int T = 2 * v->max_rounds;
    size_t n = d->noutcomes;
    neg_eq *e = calloc(1, sizeof *e);
    size_t *best[2] = {malloc(n * sizeof(size_t)), malloc(n * sizeof(size_t))};
    if (e) {
        e->turns = T;
        e->w = malloc((size_t)T * 2 * sizeof *e->w);
        e->offer = malloc((size_t)T * sizeof *e->offer);
    }
    if (!e || !e->w || !e->offer || !best[0] || !best[1]) {
        neg_eq_free(e);
        free(best[0]);
        free(best[1]);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    const double *u[2] = {d->party[0].u, d->party[1].u};
    /* best[r][i]: among r's i+1 best outcomes, the best for the other party (ties: the first,
       so the better one for r) */
    for (int r = 0; r < 2; r++) {
        const size_t *ord = d->party[r].order;
        best[r][0] = ord[0];
        for (size_t i = 1; i < n; i++)
            best[r][i] = u[1 - r][ord[i]] > u[1 - r][best[r][i - 1]] ? ord[i] : best[r][i - 1];
    }
    double dp[2] = {1, 1}, disc[2] = {d->party[0].discount, d->party[1].discount};
    e->w[2 * (T - 1)] = d->party[0].reservation;
    e->w[2 * (T - 1) + 1] = d->party[1].reservation;
    e->offer[T - 1] = d->party[(T - 1) % 2].order[0];
    for (int k = T - 2; k >= 0; k--) {
        int p = k % 2, r = 1 - p;
        dp[0] = pow(disc[0], k);
        dp[1] = pow(disc[1], k);
        /* acceptable: dp[r] u_r(o) >= need - tol, a prefix of r's order */
        double theta = (e->w[2 * (k + 1) + r] - NEG_EQ_TOL) / dp[r];
        const size_t *ord = d->party[r].order;
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (u[r][ord[mid]] >= theta) lo = mid + 1;
            else hi = mid;
        }
        double bestv = -1, bestr = -1;
        size_t arg = 0;
        if (lo > 0) {
            arg = best[r][lo - 1];
            bestv = dp[p] * u[p][arg];
            bestr = dp[r] * u[r][arg];
        }
        if (bestv >= 0 && bestv >= e->w[2 * (k + 1) + p] - NEG_EQ_TOL) {
            e->offer[k] = arg;
            e->w[2 * k + p] = bestv;
            e->w[2 * k + r] = bestr;
        } else {
            e->offer[k] = d->party[p].order[0];
            e->w[2 * k] = e->w[2 * (k + 1)];
            e->w[2 * k + 1] = e->w[2 * (k + 1) + 1];
        }
    }
    free(best[0]);
    free(best[1]);
    *state = e;
    return BRINK_OK;
}

static brink_neg_action neg_eq_act(void *state, const brink_neg_view *v, const brink_neg_turn *t)
{
    neg_eq *e = state;
    int k = t->turn < e->turns ? t->turn : e->turns - 1;
    const brink_neg_party *q = &v->domain->party[v->self];
    if (t->has_offer && t->offer_by != v->self) {
        double got = pow(q->discount, t->offer_turn) * q->u[t->offer];
        if (got >= e->w[2 * k + v->self] - NEG_EQ_TOL)
            return (brink_neg_action){BRINK_NEG_ACCEPT, t->offer};
    }
    return (brink_neg_action){BRINK_NEG_OFFER, e->offer[k]};
}

const brink_neg_agent_type neg_agent_equilibrium = {
    "equilibrium", "plays the subgame-perfect equilibrium of the alternating offers game "
    "(backward induction over the deadline; two parties, complete information)",
    neg_eq_create, neg_eq_act, neg_eq_free};
