/* agents.c — the registry of built-in agent types and the helpers they share (the AC_next
 * acceptance rule, reading the opponent's recent offers). */
#include <stdlib.h>
#include <string.h>
#include "neg_int.h"

static const brink_neg_agent_type *const neg_types[] = {
    &neg_agent_boulware, &neg_agent_linear,       &neg_agent_conceder,
    &neg_agent_hardliner, &neg_agent_tft_naive,   &neg_agent_tft_relative,
    &neg_agent_random,   &neg_agent_reciprocity,  &neg_agent_nomore,
    &neg_agent_equilibrium, NULL};

const brink_neg_agent_type *const *brink_neg_agent_types(void) { return neg_types; }

const brink_neg_agent_type *brink_neg_agent_find(const char *name)
{
    for (int i = 0; name && neg_types[i]; i++)
        if (strcmp(neg_types[i]->name, name) == 0) return neg_types[i];
    return NULL;
}

/* Among the outcomes worth at most NEG_BID_WINDOW more to us than the least one reaching the
 * target (NEG_BID_CANDIDATES at most), the one sharing most issue values with the other
 * side's latest offer: a concession the other side can see, without knowing its utility. */
#define NEG_BID_WINDOW 0.02
#define NEG_BID_CANDIDATES 32

static size_t neg_pick(const brink_neg_view *v, const brink_neg_turn *t, double target)
{
    const brink_neg_domain *d = v->domain;
    const brink_neg_party *q = &d->party[v->self];
    size_t base = brink_neg_outcome_at_least(d, v->self, target);
    size_t last = 0;
    int have = 0;
    for (size_t k = t->nhistory; k-- > 0;)
        if (t->history_by[k] != v->self) {
            last = t->history[k];
            have = 1;
            break;
        }
    if (!have) return base;
    /* position of base in order[]: the first with its utility (ties listed by index) */
    size_t lo = 0, hi = d->noutcomes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (q->u[q->order[mid]] > q->u[base]) lo = mid + 1;
        else hi = mid;
    }
    size_t best = base;
    int best_same = -1;
    /* from base towards better outcomes, within the window */
    for (size_t pos = lo + 1, n = 0; pos-- > 0 && n < NEG_BID_CANDIDATES; n++) {
        size_t o = q->order[pos];
        if (q->u[o] > q->u[base] + NEG_BID_WINDOW) break;
        int same = 0;
        size_t x = o, y = last; /* both decoded in one pass, last issue first */
        for (int i = d->nissues - 1; i >= 0; i--) {
            size_t nv = (size_t)d->issues[i].nvalues;
            same += x % nv == y % nv;
            x /= nv;
            y /= nv;
        }
        if (same > best_same) {
            best_same = same;
            best = o;
        }
    }
    return best;
}

brink_neg_action neg_offer_or_accept(const brink_neg_view *v, const brink_neg_turn *t,
                                     double target)
{
    const brink_neg_party *q = &v->domain->party[v->self];
    int standing = t->has_offer && t->offer_by != v->self &&
                   neg_worth_agreeing(v, t->offer, t->offer_turn);
    double dk = pow(q->discount, t->turn); /* u dk: neg_worth in this turn, computed once */
    if (!(q->u[q->order[0]] * dk >= q->reservation)) /* no offer of ours is worth it now */
        return standing ? (brink_neg_action){BRINK_NEG_ACCEPT, t->offer}
                        : (brink_neg_action){BRINK_NEG_END, 0};
    /* the least utility worth agreeing on in this turn: reservation / delta^k */
    double least = q->reservation / dk;
    size_t mine = neg_pick(v, t, target > least ? target : least);
    if (!(q->u[mine] * dk >= q->reservation)) mine = q->order[0]; /* rounding at the edge */
    if (standing && neg_own(v, t->offer) >= neg_own(v, mine))
        return (brink_neg_action){BRINK_NEG_ACCEPT, t->offer};
    return (brink_neg_action){BRINK_NEG_OFFER, mine};
}

int neg_last_two_other(const brink_neg_view *v, const brink_neg_turn *t, double *last,
                       double *prev)
{
    int found = 0;
    *last = *prev = 0;
    for (size_t k = t->nhistory; k-- > 0 && found < 2;) {
        if (t->history_by[k] == v->self) continue;
        if (found == 0) *last = neg_own(v, t->history[k]);
        else *prev = neg_own(v, t->history[k]);
        found++;
    }
    return found;
}

brink_status neg_create_param(void **state, double param, size_t extra, brink_error *err)
{
    double *s = calloc(1 + extra, sizeof(double));
    if (!s) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    s[0] = param;
    *state = s;
    return BRINK_OK;
}
