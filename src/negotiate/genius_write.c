/* genius_write.c — writes a domain in the GENIUS XML formats that genius.c reads: the domain
 * file (<negotiation_template>) and one utility-space file per party, so that brink's domains
 * can be used by GENIUS-style tools and a read -> write -> read round trip gives the same
 * domain (tested). Only what the format can hold is written; the rest is refused with a
 * message, never changed silently:
 *  - a general (table) utility: GENIUS's linear-additive space has no place for it;
 *  - a discrete issue whose largest evaluation for a party is neither 1 nor 0: GENIUS readers
 *    divide evaluations by the largest, which would change that party's utility.
 * Continuous issues are written as "real" issues with a linear evaluator through the
 * evaluations at both ends; their grid (brink's, not GENIUS's) goes in a `brink_steps`
 * attribute that GENIUS ignores and genius.c reads. Per-turn discount factors become GENIUS's
 * factor over normalised time for `rounds` rounds of n turns: delta^(n rounds). Numbers are
 * written with 17 significant digits so that they read back as the same doubles.
 */
#include <math.h>
#include <string.h>
#include "brink/negotiate.h"

/* Text with XML's five special characters escaped, for attribute values. */
static void gw_text(brink_buf *o, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': brink_buf_puts(o, "&amp;"); break;
        case '<': brink_buf_puts(o, "&lt;"); break;
        case '>': brink_buf_puts(o, "&gt;"); break;
        case '"': brink_buf_puts(o, "&quot;"); break;
        case '\'': brink_buf_puts(o, "&apos;"); break;
        default: brink_buf_append(o, s, 1);
        }
    }
}

static brink_status gw_check(const brink_neg_domain *d, brink_error *err)
{
    if (!d || !d->finished)
        return brink_error_set(err, BRINK_EINVALID, "GENIUS: the domain is not finished");
    for (int i = 0; i < d->nissues; i++)
        for (const char *s = d->issues[i].name; *s; s++)
            if ((unsigned char)*s < 0x20 && *s != '\t')
                return brink_error_set(err, BRINK_EUNSUPPORTED, "GENIUS: issue %d's name has a "
                                       "control character, which XML cannot hold", i + 1);
    return BRINK_OK;
}

static void gw_issue_open(brink_buf *o, const brink_neg_issue *is, int index)
{
    const char *t = is->kind == BRINK_NEG_CONTINUOUS ? "real" : "discrete";
    brink_buf_printf(o, "    <issue index=\"%d\" etype=\"%s\" type=\"%s\" vtype=\"%s\" name=\"", index,
                     t, t, t);
    gw_text(o, is->name);
    brink_buf_puts(o, "\"");
    if (is->kind == BRINK_NEG_CONTINUOUS)
        brink_buf_printf(o, " lowerbound=\"%.17g\" upperbound=\"%.17g\" brink_steps=\"%d\"", is->lo,
                         is->hi, is->nvalues);
    brink_buf_puts(o, ">\n");
}

brink_status brink_neg_write_genius_domain(const brink_neg_domain *d, brink_buf *out,
                                           brink_error *err)
{
    brink_status st = gw_check(d, err);
    if (st) return st;
    brink_buf_printf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                          "<negotiation_template>\n<utility_space number_of_issues=\"%d\">\n"
                          "  <objective index=\"0\" etype=\"objective\" type=\"objective\" name=\"",
                     d->nissues);
    gw_text(out, d->name ? d->name : "domain");
    brink_buf_puts(out, "\">\n");
    for (int i = 0; i < d->nissues; i++) {
        const brink_neg_issue *is = &d->issues[i];
        gw_issue_open(out, is, i + 1);
        for (int v = 0; is->kind == BRINK_NEG_DISCRETE && v < is->nvalues; v++) {
            brink_buf_printf(out, "      <item index=\"%d\" value=\"", v + 1);
            gw_text(out, is->values[v]);
            brink_buf_puts(out, "\"></item>\n");
        }
        brink_buf_puts(out, "    </issue>\n");
    }
    brink_buf_puts(out, "  </objective>\n</utility_space>\n</negotiation_template>\n");
    return out->failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory") : BRINK_OK;
}

brink_status brink_neg_write_genius_utility(const brink_neg_domain *d, int party, int rounds,
                                            brink_buf *out, brink_error *err)
{
    brink_status st = gw_check(d, err);
    if (st) return st;
    if (party < 0 || party >= d->nparties)
        return brink_error_set(err, BRINK_EINVALID, "GENIUS: no party %d", party);
    if (rounds < 1) return brink_error_set(err, BRINK_EINVALID, "GENIUS: rounds must be >= 1");
    const brink_neg_party *q = &d->party[party];
    if (q->table)
        return brink_error_set(err, BRINK_EUNSUPPORTED, "GENIUS: %s's utility is a table, not "
                               "linear-additive; the GENIUS format cannot hold it", q->actor);
    for (int i = 0; i < d->nissues; i++) {
        const brink_neg_issue *is = &d->issues[i];
        if (is->kind != BRINK_NEG_DISCRETE) continue;
        double mx = 0;
        for (int v = 0; v < is->nvalues; v++) mx = fmax(mx, q->eval[i][v]);
        if (mx != 0 && mx != 1)
            return brink_error_set(err, BRINK_EUNSUPPORTED, "GENIUS: %s's best value of issue "
                                   "'%s' is worth %g, not 1; GENIUS divides evaluations by the "
                                   "largest, which would change this utility", q->actor, is->name, mx);
    }
    brink_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        "<utility_space>\n  <objective index=\"0\" etype=\"objective\" "
                        "type=\"objective\" name=\"");
    gw_text(out, d->name ? d->name : "domain");
    brink_buf_puts(out, "\">\n");
    for (int i = 0; i < d->nissues; i++) {
        const brink_neg_issue *is = &d->issues[i];
        gw_issue_open(out, is, i + 1);
        if (is->kind == BRINK_NEG_DISCRETE) {
            for (int v = 0; v < is->nvalues; v++) {
                brink_buf_printf(out, "      <item index=\"%d\" value=\"", v + 1);
                gw_text(out, is->values[v]);
                brink_buf_printf(out, "\" evaluation=\"%.17g\"></item>\n", q->eval[i][v]);
            }
        } else {
            /* The line through (lo, e_lo) and (hi, e_hi). */
            double slope = (q->eval[i][1] - q->eval[i][0]) / (is->hi - is->lo);
            double off = q->eval[i][0] - slope * is->lo;
            brink_buf_printf(out, "      <evaluator ftype=\"linear\" offset=\"%.17g\" slope=\"%.17g\">"
                                  "</evaluator>\n", off, slope);
        }
        brink_buf_puts(out, "    </issue>\n");
    }
    for (int i = 0; i < d->nissues; i++)
        brink_buf_printf(out, "    <weight index=\"%d\" value=\"%.17g\"></weight>\n", i + 1, q->weight[i]);
    brink_buf_printf(out, "  </objective>\n  <discount_factor value=\"%.17g\"/>\n"
                          "  <reservation value=\"%.17g\"/>\n</utility_space>\n",
                     pow(q->discount, (double)d->nparties * rounds), q->reservation);
    return out->failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory") : BRINK_OK;
}
