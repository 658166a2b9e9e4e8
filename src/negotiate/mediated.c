/* mediated.c — the single-text mediated protocol (Klein, Faratin, Sato & Bar-Yam 2003,
 * "Negotiating complex contracts", Group Decision and Negotiation 12(2)). A mediator holds one
 * text (an outcome), drawn at random to start; each round it proposes a mutation (one issue
 * set to another value, both drawn uniformly) and every party votes; the text changes only
 * when all accept. Parties vote as hill-climbers: accept when the new text is at least as
 * good for them as the current one. After max_rounds rounds the final text is the agreement
 * when it gives every party at least its reservation value, and there is no agreement
 * otherwise. The agreement is discounted from the round that adopted the final text (the
 * rounds after it changed nothing): delta^(n k) for round k, as an offer of turn n k. The trace records each
 * adopted text as an offer by party `nparties` (the mediator).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "brink/negotiate.h"

brink_status brink_neg_run_mediated(const brink_neg_domain *d, const brink_neg_options *o,
                                    brink_neg_result *r, brink_error *err)
{
    memset(r, 0, sizeof *r);
    if (!d || !d->finished)
        return brink_error_set(err, BRINK_EINVALID, "negotiation: the domain is not finished");
    if (o->max_rounds < 1 || o->max_rounds > 1000000)
        return brink_error_set(err, BRINK_EINVALID, "negotiation: %d rounds (1 to 10^6)",
                               o->max_rounds);
    int n = d->nparties;
    r->nparties = n;
    brink_rng rng;
    brink_rng_seed(&rng, o->seed);
    size_t text = (size_t)brink_rng_below(&rng, d->noutcomes), cap = 0;
    int adopted = 0; /* the round of the current text */
    int *digit = calloc((size_t)d->nissues, sizeof *digit);
    if (!digit) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    brink_status st = BRINK_OK;
    for (int k = -1; k < o->max_rounds && !st; k++) {
        size_t cand = text;
        if (k >= 0) {
            int i = (int)brink_rng_below(&rng, (uint64_t)d->nissues);
            int nv = d->issues[i].nvalues;
            if (nv < 2) continue;
            for (int j = 0; j < d->nissues; j++) digit[j] = brink_neg_outcome_value(d, text, j);
            int v = (int)brink_rng_below(&rng, (uint64_t)(nv - 1));
            digit[i] = v >= digit[i] ? v + 1 : v; /* another value, uniformly */
            cand = brink_neg_outcome_of(d, digit);
            int all = 1;
            for (int p = 0; p < n && all; p++) all = d->party[p].u[cand] >= d->party[p].u[text];
            if (!all) continue;
        }
        text = cand;
        adopted = k < 0 ? 0 : k;
        if (o->trace) { /* k = -1: the opening text */
            if (r->nsteps == cap) {
                size_t nc = cap ? 2 * cap : 64;
                brink_neg_step *s = brink_reallocarray(r->steps, nc, sizeof *s);
                if (!s) {
                    st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
                    break;
                }
                r->steps = s;
                cap = nc;
            }
            r->steps[r->nsteps++] = (brink_neg_step){k < 0 ? 0 : k, n, BRINK_NEG_OFFER, text};
        }
    }
    free(digit);
    if (st) {
        brink_neg_result_free(r);
        return st;
    }
    int agreed = 1;
    for (int p = 0; p < n; p++) agreed &= d->party[p].u[text] >= d->party[p].reservation;
    r->turns = o->max_rounds;
    r->end = agreed ? BRINK_NEG_AGREEMENT : BRINK_NEG_DEADLINE;
    r->agreement = text;
    r->agreement_turn = adopted * n;
    for (int p = 0; p < n; p++) {
        const brink_neg_party *q = &d->party[p];
        r->utility[p] = agreed ? q->u[text] * pow(q->discount, r->agreement_turn) : q->reservation;
    }
    return BRINK_OK;
}
