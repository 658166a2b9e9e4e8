/* builtin.c — the built-in negotiation domains: "korea" (the 2018-19 US-DPRK talks as four
 * issues) and "split" (Rubinstein's unit pie), plus reproducible random domains for
 * tournaments and benchmarks. The Korea numbers are illustrative judgements read from the
 * two seed articles (docs/negotiate.md says which), not measurements.
 */
#include <stdlib.h>
#include <string.h>
#include "brink/negotiate.h"

static const char *const neg_builtin_names[] = {"korea", "split", NULL};

const char *const *brink_neg_domain_builtin_names(void) { return neg_builtin_names; }

static void neg_set(brink_neg_domain *d, int p, int issue, double w, const double *ev)
{
    d->party[p].weight[issue] = w;
    int n = d->issues[issue].kind == BRINK_NEG_CONTINUOUS ? 2 : d->issues[issue].nvalues;
    memcpy(d->party[p].eval[issue], ev, (size_t)n * sizeof(double));
}

/* Values run from the US-preferred end to the DPRK-preferred end (or the reverse for the
 * freeze, which the US wants and the DPRK gives). */
static brink_status neg_korea(brink_neg_domain *d, brink_error *err)
{
    static const char *const freeze[] = {"none", "test-moratorium", "verified-freeze",
                                         "rollback"};
    static const char *const relief[] = {"none", "humanitarian", "partial", "substantial"};
    static const char *const exercises[] = {"full", "scaled-down", "suspended"};
    static const char *const recognition[] = {"none", "liaison-offices", "peace-declaration",
                                              "normalisation"};
    brink_status st;
    if ((st = brink_neg_domain_add_discrete(d, "freeze", 4, freeze, err)) ||
        (st = brink_neg_domain_add_discrete(d, "sanctions-relief", 4, relief, err)) ||
        (st = brink_neg_domain_add_discrete(d, "exercises", 3, exercises, err)) ||
        (st = brink_neg_domain_add_discrete(d, "recognition", 4, recognition, err)))
        return st;
    /* US: "doesn't need anything so badly" (article 1) - a good alternative to a deal. */
    if ((st = brink_neg_domain_add_party(d, "United States", 0.35, 0.995, NULL, err))) return st;
    /* DPRK: wants relief and the end of exercises most; a freeze costs it most. */
    if ((st = brink_neg_domain_add_party(d, "DPRK", 0.25, 0.99, NULL, err))) return st;
    static const double us_freeze[] = {0.0, 0.45, 0.8, 1.0};
    static const double us_relief[] = {1.0, 0.85, 0.45, 0.0};
    static const double us_ex[] = {1.0, 0.7, 0.0};
    static const double us_rec[] = {1.0, 0.9, 0.6, 0.0};
    neg_set(d, 0, 0, 0.50, us_freeze);
    neg_set(d, 0, 1, 0.20, us_relief);
    neg_set(d, 0, 2, 0.15, us_ex);
    neg_set(d, 0, 3, 0.15, us_rec);
    static const double kp_freeze[] = {1.0, 0.85, 0.4, 0.0};
    static const double kp_relief[] = {0.0, 0.3, 0.7, 1.0};
    static const double kp_ex[] = {0.0, 0.5, 1.0};
    static const double kp_rec[] = {0.0, 0.4, 0.8, 1.0};
    neg_set(d, 1, 0, 0.25, kp_freeze);
    neg_set(d, 1, 1, 0.35, kp_relief);
    neg_set(d, 1, 2, 0.20, kp_ex);
    neg_set(d, 1, 3, 0.20, kp_rec);
    return BRINK_OK;
}

static brink_status neg_split_fill(brink_neg_domain *d, int steps, double d0, double d1,
                                   brink_error *err)
{
    brink_status st;
    if ((st = brink_neg_domain_add_continuous(d, "share", 0.0, 1.0, steps, err)) ||
        (st = brink_neg_domain_add_party(d, "first", 0.0, d0, NULL, err)) ||
        (st = brink_neg_domain_add_party(d, "second", 0.0, d1, NULL, err)))
        return st;
    static const double up[] = {0.0, 1.0}, down[] = {1.0, 0.0};
    neg_set(d, 0, 0, 1.0, up);
    neg_set(d, 1, 0, 1.0, down);
    return BRINK_OK;
}

static brink_status neg_done(brink_neg_domain *d, brink_status st, brink_neg_domain **out,
                             brink_error *err)
{
    if (!st) st = brink_neg_domain_finish(d, err);
    if (st) {
        brink_neg_domain_free(d);
        return st;
    }
    *out = d;
    return BRINK_OK;
}

brink_status brink_neg_domain_split(int steps, double delta0, double delta1,
                                    brink_neg_domain **out, brink_error *err)
{
    *out = NULL;
    brink_neg_domain *d = brink_neg_domain_new("split");
    if (!d) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    return neg_done(d, neg_split_fill(d, steps, delta0, delta1, err), out, err);
}

brink_status brink_neg_domain_builtin(const char *name, brink_neg_domain **out, brink_error *err)
{
    *out = NULL;
    if (name && strcmp(name, "split") == 0) return brink_neg_domain_split(101, 0.9, 0.9, out, err);
    if (!name || strcmp(name, "korea") != 0)
        return brink_error_set(err, BRINK_EINVALID, "no built-in domain '%s' (korea, split)",
                               name ? name : "");
    brink_neg_domain *d = brink_neg_domain_new("korea");
    if (!d) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    return neg_done(d, neg_korea(d, err), out, err);
}

brink_status brink_neg_domain_random(uint64_t seed, int nissues, int nvalues,
                                     brink_neg_domain **out, brink_error *err)
{
    *out = NULL;
    if (nissues < 1 || nissues > 64 || nvalues < 2 || nvalues > 1024)
        return brink_error_set(err, BRINK_EINVALID, "random domain: %d issues of %d values "
                               "(1-64 issues of 2-1024 values)", nissues, nvalues);
    brink_rng rng;
    brink_rng_seed(&rng, seed);
    brink_buf name;
    brink_buf_init(&name);
    brink_buf_printf(&name, "random-%llu", (unsigned long long)seed);
    brink_neg_domain *d = name.failed ? NULL : brink_neg_domain_new(name.data);
    brink_buf_free(&name);
    if (!d) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    brink_status st = BRINK_OK;
    const char **labels = calloc((size_t)nvalues, sizeof *labels);
    brink_buf lb, ib;
    brink_buf_init(&lb);
    brink_buf_init(&ib);
    if (!labels) st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int i = 0; i < nissues && !st; i++) {
        brink_buf_reset(&lb);
        size_t *off = calloc((size_t)nvalues, sizeof *off);
        if (!off) {
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
            break;
        }
        for (int k = 0; k < nvalues; k++) {
            off[k] = lb.len;
            brink_buf_printf(&lb, "v%d", k + 1);
            brink_buf_append(&lb, "", 1); /* keep the NUL between labels */
        }
        brink_buf_reset(&ib);
        brink_buf_printf(&ib, "issue%d", i + 1);
        if (lb.failed || ib.failed) st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        for (int k = 0; k < nvalues && !st; k++) labels[k] = lb.data + off[k];
        if (!st) st = brink_neg_domain_add_discrete(d, ib.data, nvalues, labels, err);
        free(off);
    }
    free(labels);
    brink_buf_free(&lb);
    brink_buf_free(&ib);
    for (int p = 0; p < 2 && !st; p++) {
        st = brink_neg_domain_add_party(d, p ? "B" : "A", 0.1 + 0.3 * brink_rng_uniform(&rng),
                                        1.0, NULL, err);
        double sum = 0;
        for (int i = 0; i < nissues && !st; i++) sum += d->party[p].weight[i] = 0.05 + brink_rng_uniform(&rng);
        for (int i = 0; i < nissues && !st; i++) {
            d->party[p].weight[i] /= sum;
            /* party 1 prefers the reverse order on each issue, with noise: partly opposed */
            for (int k = 0; k < nvalues; k++) {
                double base = (double)k / (double)(nvalues - 1);
                double v = p ? 1.0 - base : base;
                v = 0.7 * v + 0.3 * brink_rng_uniform(&rng);
                d->party[p].eval[i][k] = v;
            }
        }
        if (!st) { /* exact sum 1 after division: put the rounding on the last weight */
            double s = 0;
            for (int i = 0; i + 1 < nissues; i++) s += d->party[p].weight[i];
            d->party[p].weight[nissues - 1] = 1.0 - s;
        }
    }
    return neg_done(d, st, out, err);
}
