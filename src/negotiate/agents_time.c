/* agents_time.c — agents whose offers depend on time only (or not at all): the
 * time-dependent concession family of Faratin, Sierra & Jennings (1998) with k = 0,
 * target(t) = Pmax - (Pmax - Pmin) t^(1/e) (Boulware e = 0.2 < 1 concedes late, Linear
 * e = 1, Conceder e = 2 > 1 concedes early), the Hardliner (never concedes), a random
 * baseline, and "no more concessions" (the first seed article: a limited concession already
 * made, then none; walks away from an opponent who has offered nothing above its
 * reservation value by half time).
 */
#include <math.h>
#include <stdlib.h>
#include "neg_int.h"

static void neg_free(void *s) { free(s); }

static double neg_time_target(const brink_neg_view *v, double t, double e)
{
    double pmax = v->domain->party[v->self].umax, pmin = neg_floor(v);
    if (pmin > pmax) pmin = pmax;
    return pmax - (pmax - pmin) * pow(t, 1.0 / e);
}

static brink_neg_action neg_time_act(void *state, const brink_neg_view *v,
                                     const brink_neg_turn *t)
{
    return neg_offer_or_accept(v, t, neg_time_target(v, t->time, *(double *)state));
}

static brink_status neg_boulware_create(void **s, const brink_neg_view *v, brink_error *err)
{
    return neg_create_param(s, 0.2, 0, err);
}
static brink_status neg_linear_create(void **s, const brink_neg_view *v, brink_error *err)
{
    return neg_create_param(s, 1.0, 0, err);
}
static brink_status neg_conceder_create(void **s, const brink_neg_view *v, brink_error *err)
{
    return neg_create_param(s, 2.0, 0, err);
}

const brink_neg_agent_type neg_agent_boulware = {
    "boulware", "time-dependent concession, e = 0.2: holds out, concedes near the deadline",
    neg_boulware_create, neg_time_act, neg_free};
const brink_neg_agent_type neg_agent_linear = {
    "linear", "time-dependent concession, e = 1: concedes evenly over time",
    neg_linear_create, neg_time_act, neg_free};
const brink_neg_agent_type neg_agent_conceder = {
    "conceder", "time-dependent concession, e = 2: concedes early",
    neg_conceder_create, neg_time_act, neg_free};

/* ---- Hardliner ---- */
static brink_status neg_none_create(void **s, const brink_neg_view *v, brink_error *err)
{
    *s = NULL;
    return BRINK_OK;
}
static void neg_none_free(void *s) { (void)s; }

static brink_neg_action neg_hard_act(void *state, const brink_neg_view *v,
                                     const brink_neg_turn *t)
{
    return neg_offer_or_accept(v, t, v->domain->party[v->self].umax);
}

const brink_neg_agent_type neg_agent_hardliner = {
    "hardliner", "offers its best outcome every time; accepts only that", neg_none_create,
    neg_hard_act, neg_none_free};

/* ---- Random ---- */
static brink_status neg_random_create(void **s, const brink_neg_view *v, brink_error *err)
{
    /* the outcomes at least as good as the floor are order[0 .. m) */
    const brink_neg_party *q = &v->domain->party[v->self];
    size_t worst = brink_neg_outcome_at_least(v->domain, v->self, neg_floor(v));
    size_t m = 0;
    while (m < v->domain->noutcomes && q->u[q->order[m]] >= q->u[worst]) m++;
    size_t *st = malloc(sizeof *st);
    if (!st) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    *st = m ? m : 1;
    *s = st;
    return BRINK_OK;
}

static brink_neg_action neg_random_act(void *state, const brink_neg_view *v,
                                       const brink_neg_turn *t)
{
    const brink_neg_party *q = &v->domain->party[v->self];
    int standing = t->has_offer && t->offer_by != v->self &&
                   neg_worth_agreeing(v, t->offer, t->offer_turn);
    if (!neg_worth_agreeing(v, q->order[0], t->turn)) /* no offer of ours is worth it now */
        return standing ? (brink_neg_action){BRINK_NEG_ACCEPT, t->offer}
                        : (brink_neg_action){BRINK_NEG_END, 0};
    /* among the outcomes above the floor (order[0 .. m)), those still worth agreeing on in
     * this turn: a prefix of order[], as worth falls with utility */
    size_t lo = 1, hi = *(size_t *)state;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (neg_worth_agreeing(v, q->order[mid], t->turn)) lo = mid + 1;
        else hi = mid;
    }
    size_t mine = q->order[brink_rng_below(v->rng, lo)];
    if (standing && q->u[t->offer] >= q->u[mine])
        return (brink_neg_action){BRINK_NEG_ACCEPT, t->offer};
    return (brink_neg_action){BRINK_NEG_OFFER, mine};
}

const brink_neg_agent_type neg_agent_random = {
    "random", "offers a random outcome above its reservation value; accepts what beats it",
    neg_random_create, neg_random_act, neg_free};

/* ---- No more concessions ---- */
#define NEG_NOMORE_CONCESSION 0.3 /* share of (Pmax - Pmin) conceded already */

static brink_status neg_nomore_create(void **s, const brink_neg_view *v, brink_error *err)
{
    double pmax = v->domain->party[v->self].umax, pmin = neg_floor(v);
    /* [0] the level held, [1] the best offer received so far, [2] history entries read */
    brink_status st = neg_create_param(s, pmax - NEG_NOMORE_CONCESSION * (pmax - pmin), 2, err);
    if (!st) ((double *)*s)[1] = -1;
    return st;
}

static brink_neg_action neg_nomore_act(void *state, const brink_neg_view *v,
                                       const brink_neg_turn *t)
{
    double *s = state;
    for (size_t k = (size_t)s[2]; k < t->nhistory; k++)
        if (t->history_by[k] != v->self && neg_own(v, t->history[k]) > s[1])
            s[1] = neg_own(v, t->history[k]);
    s[2] = (double)t->nhistory;
    /* "beats its reservation value" as an agreement now would be worth: discounted to this
     * turn as the protocol discounts (neg_worth; -1 when nothing was offered) */
    const brink_neg_party *q = &v->domain->party[v->self];
    double best = s[1] < 0 ? s[1] : s[1] * pow(q->discount, t->turn);
    if (t->time >= 0.5 && best < q->reservation)
        return (brink_neg_action){BRINK_NEG_END, 0};
    return neg_offer_or_accept(v, t, s[0]);
}

const brink_neg_agent_type neg_agent_nomore = {
    "no-more", "\"no more concessions\": holds a limited concession (30%) made at the start; "
    "walks away at half time if nothing offered beats its reservation value",
    neg_nomore_create, neg_nomore_act, neg_free};
