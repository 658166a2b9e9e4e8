/* agents_tft.c — agents that answer the opponent's moves: naive (absolute) and relative
 * tit-for-tat (Faratin et al. 1998, imitative tactics; Baarslag et al. 2013) and incremental
 * reciprocity (the second seed article's give-and-take: concede one step only after the
 * other side has conceded one, after a single opening step of good will).
 *
 * Concessions are measured in the agent's own utility (no opponent model): the opponent
 * "conceded" when its latest offer is worth more to us than its previous one. Targets stay
 * within [floor, best] (floor: the reservation value or the worst outcome).
 *
 * State: [0] the current target, [1] the best opponent offer seen (reciprocity), [2] steps
 * given (reciprocity), [3] offers made so far (reciprocity).
 */
#include <stdlib.h>
#include "neg_int.h"

#define NEG_RECIPROCITY_STEP 0.1 /* a step: this share of (best - floor) */
#define NEG_EPS 1e-12

static void neg_free(void *s) { free(s); }

static double neg_clamp(const brink_neg_view *v, double x)
{
    double hi = v->domain->party[v->self].umax, lo = neg_floor(v);
    if (x > hi) x = hi;
    if (x < lo) x = lo;
    return x;
}

static brink_status neg_tft_create(void **s, const brink_neg_view *v, brink_error *err)
{
    return neg_create_param(s, v->domain->party[v->self].umax, 3, err);
}

static brink_neg_action neg_tft_naive_act(void *state, const brink_neg_view *v,
                                          const brink_neg_turn *t)
{
    double *target = state, last, prev;
    if (neg_last_two_other(v, t, &last, &prev) == 2)
        *target = neg_clamp(v, *target - (last - prev)); /* mirror the move, either way */
    return neg_offer_or_accept(v, t, *target);
}

static brink_neg_action neg_tft_relative_act(void *state, const brink_neg_view *v,
                                             const brink_neg_turn *t)
{
    double *target = state, last, prev;
    if (neg_last_two_other(v, t, &last, &prev) == 2 && last > NEG_EPS)
        *target = neg_clamp(v, *target * (prev / last)); /* concede in proportion */
    return neg_offer_or_accept(v, t, *target);
}

const brink_neg_agent_type neg_agent_tft_naive = {
    "tft-naive", "naive tit-for-tat: concedes as much utility as the opponent just conceded",
    neg_tft_create, neg_tft_naive_act, neg_free};
const brink_neg_agent_type neg_agent_tft_relative = {
    "tft-relative", "relative tit-for-tat: concedes in the proportion the opponent just did",
    neg_tft_create, neg_tft_relative_act, neg_free};

/* ---- Incremental reciprocity ---- */
static brink_neg_action neg_recip_act(void *state, const brink_neg_view *v,
                                      const brink_neg_turn *t)
{
    double *s = state, last, prev;
    double step = NEG_RECIPROCITY_STEP * (v->domain->party[v->self].umax - neg_floor(v));
    int seen = neg_last_two_other(v, t, &last, &prev);
    if (s[3] == 1 && s[2] == 0) { /* second own offer: the opening step of good will */
        s[0] = neg_clamp(v, s[0] - step);
        s[2] = 1;
        s[1] = seen ? last : 0;
    } else if (seen && last > s[1] + NEG_EPS && s[2] > 0) {
        s[0] = neg_clamp(v, s[0] - step);      /* they stepped towards us: one step back */
        s[1] = last;
        s[2] += 1;
    }
    brink_neg_action a = neg_offer_or_accept(v, t, s[0]);
    s[3] += a.act == BRINK_NEG_OFFER;
    return a;
}

const brink_neg_agent_type neg_agent_reciprocity = {
    "reciprocity", "incremental reciprocity: one opening step, then a step (10%) only for "
    "each step the other side takes", neg_tft_create, neg_recip_act, neg_free};
