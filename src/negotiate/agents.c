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

brink_neg_action neg_offer_or_accept(const brink_neg_view *v, const brink_neg_turn *t,
                                     double target)
{
    size_t mine = brink_neg_outcome_at_least(v->domain, v->self, target);
    if (t->has_offer && t->offer_by != v->self && neg_own(v, t->offer) >= neg_own(v, mine))
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
