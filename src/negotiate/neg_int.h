/* neg_int.h — helpers shared by the built-in agents (internal). Each agent reads only its own
 * party's utilities except the equilibrium agent, which assumes complete information. */
#ifndef BRINK_NEG_INT_H
#define BRINK_NEG_INT_H

#include <math.h>
#include "brink/negotiate.h"

/* Own utility of outcome o. */
static inline double neg_own(const brink_neg_view *v, size_t o)
{
    return v->domain->party[v->self].u[o];
}

/* What outcome o is worth to us when agreed on the offer made in turn k: u delta^k, computed
 * as the protocol computes it (protocol.c), so that comparisons with it are exact. */
static inline double neg_worth(const brink_neg_view *v, size_t o, int k)
{
    const brink_neg_party *q = &v->domain->party[v->self];
    return q->u[o] * pow(q->discount, k);
}

/* Whether agreeing on o, offered in turn k, is at least as good for us as no agreement (the
 * reservation value, which the protocol does not discount). Built-in agents offer and accept
 * only such outcomes, and end the negotiation once even their best outcome fails it. */
static inline int neg_worth_agreeing(const brink_neg_view *v, size_t o, int k)
{
    return neg_worth(v, o, k) >= v->domain->party[v->self].reservation;
}

/* The lowest target a conceding agent sets out to go to: its reservation value, or its worst
 * outcome when that is better. (In turn k it goes no lower than what is worth agreeing on
 * then: neg_offer_or_accept.) */
static inline double neg_floor(const brink_neg_view *v)
{
    const brink_neg_party *q = &v->domain->party[v->self];
    return q->reservation > q->umin ? q->reservation : q->umin;
}

/* Offer the outcome nearest above target; accept instead when the standing offer (by another
 * party) is at least as good for us as that offer (the AC_next rule of Baarslag et al.).
 * Discounting is respected: the standing offer is accepted only when worth agreeing on
 * (neg_worth_agreeing at its turn), the offer only goes to outcomes worth agreeing on in this
 * turn (the target is raised to reach them), and the agent ends the negotiation when no
 * outcome is worth agreeing on any more (its best one discounted below its reservation). */
brink_neg_action neg_offer_or_accept(const brink_neg_view *v, const brink_neg_turn *t,
                                     double target);

/* The utility (for us) of the latest offer by another party, and of the one before it; 0
 * when there is none. Returns how many such offers were found (0, 1 or 2). */
int neg_last_two_other(const brink_neg_view *v, const brink_neg_turn *t, double *last,
                       double *prev);

/* Per-type state constructors share this: one double parameter in a malloc'd block. */
brink_status neg_create_param(void **state, double param, size_t extra, brink_error *err);

extern const brink_neg_agent_type neg_agent_boulware, neg_agent_linear, neg_agent_conceder,
    neg_agent_hardliner, neg_agent_random, neg_agent_nomore, neg_agent_tft_naive,
    neg_agent_tft_relative, neg_agent_reciprocity, neg_agent_equilibrium;

#endif
