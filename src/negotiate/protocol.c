/* protocol.c — the stacked alternating offers protocol (SAOP; Aydogan et al. 2017) for two or
 * more parties. Turn k belongs to party k mod n. Party 0 opens with an offer; each later turn
 * accepts the standing offer, replaces it with a new offer, or ends the negotiation. An offer
 * is agreed once every other party has accepted it in turn. The deadline is max_rounds
 * rounds of n turns, or max_seconds of wall-clock time when given. Utilities: u_i(o) delta_i^k for the offer made in turn k; reservation
 * values at a breakdown or the deadline. Each agent has its own random stream split from the
 * seed, so a run is reproducible.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "brink/negotiate.h"

void brink_neg_options_init(brink_neg_options *o)
{
    memset(o, 0, sizeof *o);
    o->max_rounds = 100;
    o->seed = 1;
}

void brink_neg_result_free(brink_neg_result *r)
{
    if (!r) return;
    free(r->steps);
    r->steps = NULL;
    r->nsteps = 0;
}

static int neg_record(brink_neg_result *r, size_t *cap, int turn, int party, brink_neg_act act,
                      size_t outcome)
{
    if (r->nsteps == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        brink_neg_step *s = brink_reallocarray(r->steps, nc, sizeof *s);
        if (!s) return -1;
        r->steps = s;
        *cap = nc;
    }
    r->steps[r->nsteps++] = (brink_neg_step){turn, party, act, outcome};
    return 0;
}

brink_status brink_neg_run(const brink_neg_domain *d, const brink_neg_agent_type *const *agents,
                           const brink_neg_options *o, brink_neg_result *r, brink_error *err)
{
    memset(r, 0, sizeof *r);
    if (!d || !d->finished)
        return brink_error_set(err, BRINK_EINVALID, "negotiation: the domain is not finished");
    if (o->max_rounds < 1 || o->max_rounds > 1000000)
        return brink_error_set(err, BRINK_EINVALID, "negotiation: %d rounds (1 to 10^6)",
                               o->max_rounds);
    if (!(o->max_seconds >= 0) || !isfinite(o->max_seconds))
        return brink_error_set(err, BRINK_EINVALID, "negotiation: max_seconds %g is not >= 0",
                               o->max_seconds);
    double t0 = brink_now();
    int n = d->nparties;
    r->nparties = n;
    for (int i = 0; i < n; i++)
        if (!agents[i]) return brink_error_set(err, BRINK_EINVALID, "negotiation: no agent for "
                                               "party %d", i + 1);
    void *state[BRINK_NEG_MAX_PARTIES] = {0};
    brink_rng rng[BRINK_NEG_MAX_PARTIES];
    brink_neg_view view[BRINK_NEG_MAX_PARTIES];
    brink_rng root;
    brink_rng_seed(&root, o->seed);
    long total = (long)o->max_rounds * n;
    size_t *hist = malloc((size_t)total * sizeof *hist);
    int *hist_by = malloc((size_t)total * sizeof *hist_by);
    brink_status st = BRINK_OK;
    if (!hist || !hist_by) st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int i = 0; i < n && !st; i++) {
        brink_rng_split(&root, (uint64_t)i, &rng[i]);
        view[i] = (brink_neg_view){d, i, o->max_rounds, &rng[i]};
        st = agents[i]->create(&state[i], &view[i], err);
        if (st) brink_error_prefix(err, "agent %s", agents[i]->name);
    }
    size_t cap = 0;
    brink_neg_turn t = {0};
    t.history = hist;
    t.history_by = hist_by;
    int accepts = 0;
    r->end = BRINK_NEG_DEADLINE;
    for (long k = 0; k < total && !st; k++) {
        int p = (int)(k % n);
        t.turn = (int)k;
        t.time = total > 1 ? (double)k / (double)(total - 1) : 1.0;
        if (o->max_seconds > 0) {
            double el = (brink_now() - t0) / o->max_seconds;
            if (el >= 1) break; /* the wall-clock deadline: r->end stays DEADLINE */
            if (el > t.time) t.time = el;
        }
        brink_neg_action a = agents[p]->act(state[p], &view[p], &t);
        r->turns = (int)k + 1;
        int valid = (a.act == BRINK_NEG_OFFER && a.outcome < d->noutcomes) ||
                    (a.act == BRINK_NEG_ACCEPT && t.has_offer) || a.act == BRINK_NEG_END;
        if (o->trace && neg_record(r, &cap, (int)k, p, a.act,
                                   a.act == BRINK_NEG_ACCEPT ? t.offer : a.outcome)) {
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
            break;
        }
        if (!valid) {
            r->end = BRINK_NEG_INVALID;
            break;
        }
        if (a.act == BRINK_NEG_END) {
            r->end = BRINK_NEG_BREAKDOWN;
            break;
        }
        if (a.act == BRINK_NEG_OFFER) {
            t.has_offer = 1;
            t.offer = a.outcome;
            t.offer_by = p;
            t.offer_turn = (int)k;
            hist[t.nhistory] = a.outcome;
            hist_by[t.nhistory] = p;
            t.nhistory++;
            accepts = 0;
        } else if (++accepts == n - 1) {
            r->end = BRINK_NEG_AGREEMENT;
            r->agreement = t.offer;
            r->agreement_turn = t.offer_turn;
            break;
        }
    }
    for (int i = 0; i < n; i++)
        if (state[i]) agents[i]->destroy(state[i]);
    free(hist);
    free(hist_by);
    if (st) {
        brink_neg_result_free(r);
        return st;
    }
    for (int i = 0; i < n; i++) {
        const brink_neg_party *q = &d->party[i];
        r->utility[i] = r->end == BRINK_NEG_AGREEMENT
                            ? q->u[r->agreement] * pow(q->discount, r->agreement_turn)
                            : q->reservation;
    }
    return BRINK_OK;
}
