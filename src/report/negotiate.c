/* negotiate.c — words for negotiations and tournaments (text and JSON): a run's trace with
 * each offer's values and utilities and how it ended; a tournament's table per agent (mean
 * and 95% confidence half-width of each metric) and its pairing matrix. Numbers come from
 * brink_neg_result / brink_neg_tournament; nothing is computed here but formatting.
 */
#include <math.h>
#include <stdlib.h>
#include "brink/io.h"
#include "brink/negotiate.h"
#include "report/textwidth.h"
#include "report/plural.h"

static const char *neg_end_name(brink_neg_end e)
{
    switch (e) {
    case BRINK_NEG_AGREEMENT: return "agreement";
    case BRINK_NEG_DEADLINE: return "deadline";
    case BRINK_NEG_BREAKDOWN: return "breakdown";
    default: return "invalid";
    }
}

static const char *neg_act_name(brink_neg_act a)
{
    return a == BRINK_NEG_OFFER ? "offer" : a == BRINK_NEG_ACCEPT ? "accept" : "end";
}

/* "issue=value, ..." (text) */
static void neg_outcome_text(brink_buf *out, const brink_neg_domain *d, size_t o)
{
    for (int i = 0; i < d->nissues; i++) {
        const brink_neg_issue *is = &d->issues[i];
        int k = brink_neg_outcome_value(d, o, i);
        brink_buf_printf(out, "%s%s=", i ? ", " : "", is->name);
        if (is->kind == BRINK_NEG_DISCRETE) brink_buf_puts(out, is->values[k]);
        else brink_buf_printf(out, "%.6g", is->lo + (is->hi - is->lo) * k / (is->nvalues - 1));
    }
}

static void neg_outcome_json(brink_buf *out, const brink_neg_domain *d, size_t o)
{
    brink_buf_printf(out, "{\"index\":%zu,\"values\":{", o);
    for (int i = 0; i < d->nissues; i++) {
        const brink_neg_issue *is = &d->issues[i];
        int k = brink_neg_outcome_value(d, o, i);
        if (i) brink_buf_puts(out, ",");
        brink_json_string(out, is->name);
        brink_buf_puts(out, ":");
        if (is->kind == BRINK_NEG_DISCRETE) brink_json_string(out, is->values[k]);
        else brink_buf_put_double(out, is->lo + (is->hi - is->lo) * k / (is->nvalues - 1));
    }
    brink_buf_puts(out, "},\"utility\":[");
    for (int p = 0; p < d->nparties; p++)
        brink_buf_printf(out, "%s%.17g", p ? "," : "", d->party[p].u[o]);
    brink_buf_puts(out, "]}");
}

static void neg_utils_text(brink_buf *out, const brink_neg_domain *d, size_t o)
{
    brink_buf_puts(out, " (");
    for (int p = 0; p < d->nparties; p++)
        brink_buf_printf(out, "%s%.3f", p ? " / " : "", d->party[p].u[o]);
    brink_buf_puts(out, ")");
}

/* Who acted in a step: a party, or the mediator (party index nparties). */
static const char *neg_who(const brink_neg_domain *d, int party)
{
    return party < d->nparties ? d->party[party].actor : "mediator";
}

void brink_neg_report_run_text(brink_buf *out, const brink_neg_domain *d,
                               const brink_neg_agent_type *const *agents,
                               const brink_neg_result *r)
{
    /* agents == NULL: the single-text mediated protocol */
    brink_buf_printf(out, "Negotiation on '%s': %d issues, %zu outcomes; %s\n", d->name,
                     d->nissues, d->noutcomes,
                     agents ? "stacked alternating offers" : "single-text mediated protocol");
    for (int p = 0; p < d->nparties; p++)
        brink_buf_printf(out, "  %d. %s %s %s (reservation %.3f, discount %.4g per turn)\n", p + 1,
                         d->party[p].actor, agents ? "plays" : "votes as a",
                         agents ? agents[p]->name : "hill-climber", d->party[p].reservation,
                         d->party[p].discount);
    brink_buf_puts(out, "Utilities in brackets, undiscounted, in party order.\n");
    if (!agents) {
        for (size_t s = 0; s < r->nsteps; s++) {
            brink_buf_printf(out, "round %3d  the text %s ", r->steps[s].turn,
                             s ? "becomes" : "opens as");
            neg_outcome_text(out, d, r->steps[s].outcome);
            neg_utils_text(out, d, r->steps[s].outcome);
            brink_buf_puts(out, "\n");
        }
        if (r->end == BRINK_NEG_AGREEMENT) {
            brink_buf_printf(out, "Agreement after %d round%s on the final text: ", r->turns,
                             rep_s(r->turns));
            neg_outcome_text(out, d, r->agreement);
            brink_buf_puts(out, ".\n");
        } else {
            brink_buf_printf(out, "No agreement: after %d round%s the final text leaves a party "
                                  "below its reservation value.\n", r->turns, rep_s(r->turns));
        }
    }
    for (size_t s = 0; agents && s < r->nsteps; s++) {
        const brink_neg_step *st = &r->steps[s];
        brink_buf_printf(out, "turn %3d  %s ", st->turn, neg_who(d, st->party));
        if (st->act == BRINK_NEG_OFFER) {
            if (st->outcome >= d->noutcomes) {
                brink_buf_puts(out, "offers an outcome that does not exist\n");
                continue;
            }
            brink_buf_puts(out, "offers ");
            neg_outcome_text(out, d, st->outcome);
            neg_utils_text(out, d, st->outcome);
        } else if (st->act == BRINK_NEG_ACCEPT) {
            brink_buf_puts(out, "accepts");
        } else {
            brink_buf_puts(out, "ends the negotiation");
        }
        brink_buf_puts(out, "\n");
    }
    if (agents) switch (r->end) {
    case BRINK_NEG_AGREEMENT:
        brink_buf_printf(out, "Agreement after %d turn%s on the offer of turn %d: ", r->turns, rep_s(r->turns),
                         r->agreement_turn);
        neg_outcome_text(out, d, r->agreement);
        brink_buf_puts(out, ".\n");
        break;
    case BRINK_NEG_DEADLINE:
        brink_buf_printf(out, "No agreement: the deadline passed after %d turn%s.\n", r->turns,
                         rep_s(r->turns));
        break;
    case BRINK_NEG_BREAKDOWN:
        brink_buf_printf(out, "No agreement: %s ended the negotiation in turn %d.\n",
                         d->party[(r->turns - 1) % d->nparties].actor, r->turns - 1);
        break;
    default:
        brink_buf_printf(out, "No agreement: %s broke the protocol in turn %d.\n",
                         d->party[(r->turns - 1) % d->nparties].actor, r->turns - 1);
        break;
    }
    brink_buf_puts(out, "Utilities");
    brink_buf_puts(out, r->end == BRINK_NEG_AGREEMENT ? " (discounted):" : " (reservation values):");
    for (int p = 0; p < r->nparties; p++)
        brink_buf_printf(out, "%s %s %.4f", p ? "," : "", d->party[p].actor, r->utility[p]);
    brink_buf_puts(out, "\n");
}

void brink_neg_report_run_json(brink_buf *out, const brink_neg_domain *d,
                               const brink_neg_agent_type *const *agents,
                               const brink_neg_result *r)
{
    brink_buf_puts(out, "{\"domain\":");
    brink_json_string(out, d->name);
    brink_buf_printf(out, ",\"protocol\":\"%s\",\"outcomes\":%zu,\"parties\":[",
                     agents ? "alternating-offers" : "mediated", d->noutcomes);
    for (int p = 0; p < d->nparties; p++) {
        brink_buf_puts(out, p ? ",{\"actor\":" : "{\"actor\":");
        brink_json_string(out, d->party[p].actor);
        brink_buf_puts(out, ",\"agent\":");
        brink_json_string(out, agents ? agents[p]->name : "hill-climber");
        brink_buf_printf(out, ",\"reservation\":%.17g,\"discount\":%.17g}",
                         d->party[p].reservation, d->party[p].discount);
    }
    brink_buf_puts(out, "],\"steps\":[");
    for (size_t s = 0; s < r->nsteps; s++) {
        const brink_neg_step *st = &r->steps[s];
        brink_buf_printf(out, "%s{\"turn\":%d,\"party\":%d,\"act\":\"%s\"", s ? "," : "",
                         st->turn, st->party, neg_act_name(st->act));
        if (st->act != BRINK_NEG_END && st->outcome < d->noutcomes) {
            brink_buf_puts(out, ",\"outcome\":");
            neg_outcome_json(out, d, st->outcome);
        }
        brink_buf_puts(out, "}");
    }
    brink_buf_printf(out, "],\"end\":\"%s\",\"turns\":%d,\"agreement\":", neg_end_name(r->end),
                     r->turns);
    if (r->end == BRINK_NEG_AGREEMENT) {
        neg_outcome_json(out, d, r->agreement);
        brink_buf_printf(out, ",\"agreement_turn\":%d", r->agreement_turn);
    } else {
        brink_buf_puts(out, "null");
    }
    brink_buf_puts(out, ",\"utility\":[");
    for (int p = 0; p < r->nparties; p++)
        brink_buf_printf(out, "%s%.17g", p ? "," : "", r->utility[p]);
    brink_buf_puts(out, "]}\n");
}

/* ---- tournaments ---- */

static void neg_stat_text(brink_buf *out, const brink_neg_stat *s)
{
    if (s->n == 0 || isnan(s->mean)) brink_buf_printf(out, "  %-15s", "-");
    else brink_buf_printf(out, "  %.3f ±%-8.3f", s->mean, s->ci95);
}

static void neg_row_text(brink_buf *out, const brink_neg_agent_summary *a, int width)
{
    rep_pad(out, a->name, width, 1);
    neg_stat_text(out, &a->agreement_rate);
    neg_stat_text(out, &a->utility);
    neg_stat_text(out, &a->welfare);
    neg_stat_text(out, &a->pareto_distance);
    neg_stat_text(out, &a->nash_distance);
    neg_stat_text(out, &a->ks_distance);
    brink_buf_puts(out, "\n");
}

static int neg_by_utility(const void *x, const void *y)
{
    const brink_neg_agent_summary *a = *(const brink_neg_agent_summary *const *)x;
    const brink_neg_agent_summary *b = *(const brink_neg_agent_summary *const *)y;
    if (a->utility.mean != b->utility.mean) return a->utility.mean > b->utility.mean ? -1 : 1;
    return 0;
}

void brink_neg_report_tournament_text(brink_buf *out, const brink_neg_domain *const *domains,
                                      int ndomains, const brink_neg_tournament *t,
                                      const brink_neg_tournament_options *o)
{
    brink_buf_printf(out, "Tournament: %d agents, %d domain%s (", t->nagents, ndomains,
                     ndomains == 1 ? "" : "s");
    for (int k = 0; k < ndomains; k++) brink_buf_printf(out, "%s%s", k ? ", " : "", domains[k]->name);
    brink_buf_printf(out, "), %d repetition%s, deadline %d rounds, seed %llu%s\n",
                     o->repetitions, o->repetitions == 1 ? "" : "s", o->max_rounds,
                     (unsigned long long)o->seed, o->self_play ? ", self-play" : "");
    brink_buf_printf(out, "%ld negotiations in %.2f s on %d thread%s.\n", t->negotiations,
                     t->seconds, o->threads, o->threads == 1 ? "" : "s");
    brink_buf_puts(out, "Means with 95% confidence half-widths; an agent's utility is its own "
                        "(discounted) in either role;\ndistances are Euclidean in utility space "
                        "to the outcome set's Pareto front, Nash and Kalai-Smorodinsky points.\n\n");
    int width = 13;
    for (int a = 0; a < t->nagents; a++) {
        int n = rep_text_width(t->agent[a].name, (size_t)-1);   /* names may be UTF-8 */
        if (n + 1 > width) width = n + 1;
    }
    brink_buf_printf(out, "%-*s  %-15s  %-15s  %-15s  %-15s  %-15s  %-15s\n", width, "agent",
                     "agreement", "utility", "welfare", "to Pareto", "to Nash", "to KS");
    const brink_neg_agent_summary **rows = malloc((size_t)t->nagents * sizeof *rows);
    if (!rows) {
        out->failed = 1; /* out of memory: the caller reports it */
        return;
    }
    for (int a = 0; a < t->nagents; a++) rows[a] = &t->agent[a];
    qsort(rows, (size_t)t->nagents, sizeof *rows, neg_by_utility);
    for (int a = 0; a < t->nagents; a++) neg_row_text(out, rows[a], width);
    free(rows);
    neg_row_text(out, &t->overall, width);
    brink_buf_puts(out, "\nAgreement rate by pairing (row plays party 1, column party 2):\n");
    brink_buf_printf(out, "%-*s", width + 4, "");
    for (int b = 0; b < t->nagents; b++) brink_buf_printf(out, " %5d", b + 1);
    brink_buf_puts(out, "\n");
    for (int a = 0; a < t->nagents; a++) {
        brink_buf_printf(out, "%2d. ", a + 1);
        rep_pad(out, t->agent[a].name, width, 1);
        for (int b = 0; b < t->nagents; b++) {
            const brink_neg_agent_summary *p = &t->pair[a * t->nagents + b];
            if (p->negotiations == 0) brink_buf_puts(out, "     -");
            else brink_buf_printf(out, " %5.2f", p->agreement_rate.mean);
        }
        brink_buf_puts(out, "\n");
    }
}

static void neg_stat_json(brink_buf *out, const char *key, const brink_neg_stat *s)
{
    brink_buf_printf(out, ",\"%s\":", key);
    if (s->n == 0 || isnan(s->mean)) {
        brink_buf_printf(out, "{\"mean\":null,\"ci95\":null,\"n\":%ld}", s->n);
        return;
    }
    brink_buf_printf(out, "{\"mean\":%.17g,\"ci95\":%.17g,\"n\":%ld}", s->mean, s->ci95, s->n);
}

static void neg_summary_json(brink_buf *out, const brink_neg_agent_summary *a)
{
    brink_buf_puts(out, "{\"agent\":");
    brink_json_string(out, a->name);
    brink_buf_printf(out, ",\"negotiations\":%ld,\"agreements\":%ld", a->negotiations,
                     a->agreements);
    neg_stat_json(out, "agreement_rate", &a->agreement_rate);
    neg_stat_json(out, "utility", &a->utility);
    neg_stat_json(out, "welfare", &a->welfare);
    neg_stat_json(out, "pareto_distance", &a->pareto_distance);
    neg_stat_json(out, "nash_distance", &a->nash_distance);
    neg_stat_json(out, "ks_distance", &a->ks_distance);
    brink_buf_puts(out, "}");
}

void brink_neg_report_tournament_json(brink_buf *out, const brink_neg_domain *const *domains,
                                      int ndomains, const brink_neg_tournament *t,
                                      const brink_neg_tournament_options *o)
{
    brink_buf_puts(out, "{\"domains\":[");
    for (int k = 0; k < ndomains; k++) {
        if (k) brink_buf_puts(out, ",");
        brink_json_string(out, domains[k]->name);
    }
    brink_buf_printf(out, "],\"repetitions\":%d,\"max_rounds\":%d,\"seed\":%llu,\"threads\":%d,"
                          "\"self_play\":%s,\"negotiations\":%ld,\"seconds\":%.6f,\"agents\":[",
                     o->repetitions, o->max_rounds, (unsigned long long)o->seed, o->threads,
                     o->self_play ? "true" : "false", t->negotiations, t->seconds);
    for (int a = 0; a < t->nagents; a++) {
        if (a) brink_buf_puts(out, ",");
        neg_summary_json(out, &t->agent[a]);
    }
    brink_buf_puts(out, "],\"overall\":");
    neg_summary_json(out, &t->overall);
    brink_buf_puts(out, ",\"pairings\":[");
    int first = 1;
    for (int a = 0; a < t->nagents; a++)
        for (int b = 0; b < t->nagents; b++) {
            const brink_neg_agent_summary *p = &t->pair[a * t->nagents + b];
            if (p->negotiations == 0) continue;
            brink_buf_puts(out, first ? "{\"first\":" : ",{\"first\":");
            first = 0;
            brink_json_string(out, t->agent[a].name);
            brink_buf_puts(out, ",\"second\":");
            brink_json_string(out, t->agent[b].name);
            brink_buf_printf(out, ",\"negotiations\":%ld", p->negotiations);
            neg_stat_json(out, "agreement_rate", &p->agreement_rate);
            neg_stat_json(out, "first_utility", &p->utility);
            neg_stat_json(out, "welfare", &p->welfare);
            brink_buf_puts(out, "}");
        }
    brink_buf_puts(out, "]}\n");
}
