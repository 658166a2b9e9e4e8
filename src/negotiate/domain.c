/* domain.c — multi-issue negotiation domains: issues, parties and their utilities, and the
 * enumeration of outcomes. Invariant after brink_neg_domain_finish: every party's u[] holds
 * the utility of every outcome (in [0, 1]) and order[] sorts the outcomes best first, so
 * agents find "the least concession reaching a target" by binary search.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "brink/negotiate.h"
#include "core/htab.h"

brink_neg_domain *brink_neg_domain_new(const char *name)
{
    brink_neg_domain *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->arena = brink_arena_new();
    if (!d->arena || !(d->name = brink_arena_strdup(d->arena, name ? name : "domain"))) {
        brink_neg_domain_free(d);
        return NULL;
    }
    return d;
}

void brink_neg_domain_free(brink_neg_domain *d)
{
    if (!d) return;
    for (int p = 0; p < d->nparties; p++) {
        brink_neg_party *q = &d->party[p];
        if (q->eval)
            for (int i = 0; i < d->nissues; i++) free(q->eval[i]);
        free(q->eval);
        free(q->weight);
        free(q->table);
        free(q->u);
        free(q->order);
    }
    free(d->party);
    free(d->issues);
    brink_arena_free(d->arena);
    free(d);
}

static brink_status neg_add_issue(brink_neg_domain *d, const char *name, brink_neg_issue **out,
                                  brink_error *err)
{
    if (d->nparties > 0 || d->finished)
        return brink_error_set(err, BRINK_EINVALID, "issue '%s': add issues before parties",
                               name ? name : "");
    if (!name || !*name) return brink_error_set(err, BRINK_EINVALID, "an issue needs a name");
    for (int i = 0; i < d->nissues; i++)
        if (strcmp(d->issues[i].name, name) == 0)
            return brink_error_set(err, BRINK_EINVALID, "issue '%s' given twice", name);
    brink_neg_issue *a = brink_reallocarray(d->issues, (size_t)d->nissues + 1, sizeof *a);
    if (!a) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    d->issues = a;
    brink_neg_issue *is = &a[d->nissues];
    memset(is, 0, sizeof *is);
    if (!(is->name = brink_arena_strdup(d->arena, name)))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    d->nissues++;
    *out = is;
    return BRINK_OK;
}

struct label_ctx {
    const char *const *labels;
    const char *key;
};

static int label_eq(void *ctx, int idx)
{
    const struct label_ctx *c = ctx;
    return strcmp(c->labels[idx], c->key) == 0;
}

brink_status brink_neg_domain_add_discrete(brink_neg_domain *d, const char *name, int nvalues,
                                           const char *const *labels, brink_error *err)
{
    if (nvalues < 1 || nvalues > 1 << 20)
        return brink_error_set(err, BRINK_EINVALID, "issue '%s': %d values (1 to 2^20 allowed)",
                               name ? name : "", nvalues);
    brink_neg_issue *is;
    brink_status st = neg_add_issue(d, name, &is, err);
    if (st) return st;
    is->kind = BRINK_NEG_DISCRETE;
    is->values = brink_arena_alloc(d->arena, (size_t)nvalues * sizeof(char *));
    if (!is->values) goto oom;
    /* Duplicates found through a hash index: an integer issue of GENIUS can have 2^20
     * values, where comparing every pair took minutes (a fuzz finding). */
    htab seen;
    htab_init(&seen);
    struct label_ctx c = {labels, NULL};
    for (int k = 0; k < nvalues; k++) {
        if (!labels || !labels[k] || !*labels[k]) {
            htab_free(&seen);
            d->nissues--;
            return brink_error_set(err, BRINK_EINVALID, "issue '%s': value %d has no label",
                                   name, k + 1);
        }
        uint64_t h = htab_hash_bytes(labels[k], strlen(labels[k]), 0);
        c.key = labels[k];
        if (htab_find(&seen, h, label_eq, &c) >= 0) {
            htab_free(&seen);
            d->nissues--;
            return brink_error_set(err, BRINK_EINVALID, "issue '%s': value '%s' given twice",
                                   name, labels[k]);
        }
        if (htab_add(&seen, h, k) != 0 ||
            !(is->values[k] = brink_arena_strdup(d->arena, labels[k]))) {
            htab_free(&seen);
            goto oom;
        }
    }
    htab_free(&seen);
    is->nvalues = nvalues;
    return BRINK_OK;
oom:
    d->nissues--;
    return brink_error_set(err, BRINK_ENOMEM, "out of memory");
}

brink_status brink_neg_domain_add_continuous(brink_neg_domain *d, const char *name, double lo,
                                             double hi, int steps, brink_error *err)
{
    if (!(isfinite(lo) && isfinite(hi) && lo < hi))
        return brink_error_set(err, BRINK_EINVALID, "issue '%s': range [%g, %g] is empty",
                               name ? name : "", lo, hi);
    if (steps < 2 || steps > 1 << 20)
        return brink_error_set(err, BRINK_EINVALID, "issue '%s': %d grid points (2 to 2^20)",
                               name ? name : "", steps);
    brink_neg_issue *is;
    brink_status st = neg_add_issue(d, name, &is, err);
    if (st) return st;
    is->kind = BRINK_NEG_CONTINUOUS;
    is->lo = lo;
    is->hi = hi;
    is->nvalues = steps;
    return BRINK_OK;
}

brink_status brink_neg_domain_add_party(brink_neg_domain *d, const char *actor,
                                        double reservation, double discount, int *index,
                                        brink_error *err)
{
    if (d->finished) return brink_error_set(err, BRINK_EINVALID, "the domain is finished");
    if (d->nissues < 1)
        return brink_error_set(err, BRINK_EINVALID, "party '%s': add the issues first",
                               actor ? actor : "");
    if (d->nparties >= BRINK_NEG_MAX_PARTIES)
        return brink_error_set(err, BRINK_ETOOBIG, "more than %d parties", BRINK_NEG_MAX_PARTIES);
    if (!actor || !*actor) return brink_error_set(err, BRINK_EINVALID, "a party needs a name");
    brink_neg_party *a = brink_reallocarray(d->party, (size_t)d->nparties + 1, sizeof *a);
    if (!a) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    d->party = a;
    brink_neg_party *q = &a[d->nparties];
    memset(q, 0, sizeof *q);
    q->reservation = reservation;
    q->discount = discount;
    q->actor = brink_arena_strdup(d->arena, actor);
    q->weight = calloc((size_t)d->nissues, sizeof *q->weight);
    q->eval = calloc((size_t)d->nissues, sizeof *q->eval);
    int ok = q->actor && q->weight && q->eval;
    for (int i = 0; ok && i < d->nissues; i++) {
        int n = d->issues[i].kind == BRINK_NEG_CONTINUOUS ? 2 : d->issues[i].nvalues;
        ok = (q->eval[i] = calloc((size_t)n, sizeof(double))) != NULL;
    }
    d->nparties++; /* counted even on failure so that free() releases the arrays */
    if (!ok) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (index) *index = d->nparties - 1;
    return BRINK_OK;
}

/* Outcome count of the issues, or 0 when it exceeds BRINK_NEG_MAX_OUTCOMES. */
static size_t neg_count(const brink_neg_domain *d)
{
    size_t n = 1;
    for (int i = 0; i < d->nissues; i++) {
        if (brink_mul_size(n, (size_t)d->issues[i].nvalues, &n) || n > BRINK_NEG_MAX_OUTCOMES)
            return 0;
    }
    return n;
}

brink_status brink_neg_domain_set_table(brink_neg_domain *d, int party, const double *table,
                                        brink_error *err)
{
    if (party < 0 || party >= d->nparties)
        return brink_error_set(err, BRINK_EINVALID, "no party %d", party);
    size_t n = neg_count(d);
    if (n == 0) return brink_error_set(err, BRINK_ETOOBIG, "more than %zu outcomes",
                                       (size_t)BRINK_NEG_MAX_OUTCOMES);
    double *t = malloc(n * sizeof *t);
    if (!t) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    memcpy(t, table, n * sizeof *t);
    free(d->party[party].table);
    d->party[party].table = t;
    return BRINK_OK;
}

int brink_neg_outcome_value(const brink_neg_domain *d, size_t outcome, int issue)
{
    for (int i = d->nissues - 1; i > issue; i--) outcome /= (size_t)d->issues[i].nvalues;
    return (int)(outcome % (size_t)d->issues[issue].nvalues);
}

size_t brink_neg_outcome_of(const brink_neg_domain *d, const int *values)
{
    size_t o = 0;
    for (int i = 0; i < d->nissues; i++) o = o * (size_t)d->issues[i].nvalues + (size_t)values[i];
    return o;
}

/* Evaluation of value k of issue i for party q. */
static double neg_eval(const brink_neg_issue *is, const double *ev, int k)
{
    if (is->kind == BRINK_NEG_DISCRETE) return ev[k];
    double f = (double)k / (double)(is->nvalues - 1);
    return ev[0] + f * (ev[1] - ev[0]);
}

/* qsort has no context argument: sort (utility, index) pairs instead. */
typedef struct { double u; size_t o; } neg_key;
static int neg_key_cmp(const void *a, const void *b)
{
    const neg_key *x = a, *y = b;
    if (x->u != y->u) return x->u > y->u ? -1 : 1;
    return x->o < y->o ? -1 : x->o > y->o;
}

static int neg_unit(double x) { return isfinite(x) && x >= 0.0 && x <= 1.0; }

static brink_status neg_check_party(const brink_neg_domain *d, int p, brink_error *err)
{
    const brink_neg_party *q = &d->party[p];
    if (!neg_unit(q->reservation))
        return brink_error_set(err, BRINK_EINVALID, "party '%s': reservation %g is not in [0, 1]",
                               q->actor, q->reservation);
    if (!(isfinite(q->discount) && q->discount > 0.0 && q->discount <= 1.0))
        return brink_error_set(err, BRINK_EINVALID, "party '%s': discount %g is not in (0, 1]",
                               q->actor, q->discount);
    if (q->table) return BRINK_OK;
    double sum = 0;
    for (int i = 0; i < d->nissues; i++) {
        if (!neg_unit(q->weight[i]))
            return brink_error_set(err, BRINK_EINVALID, "party '%s': weight %g of '%s' is not "
                                   "in [0, 1]", q->actor, q->weight[i], d->issues[i].name);
        sum += q->weight[i];
        int n = d->issues[i].kind == BRINK_NEG_CONTINUOUS ? 2 : d->issues[i].nvalues;
        for (int k = 0; k < n; k++)
            if (!neg_unit(q->eval[i][k]))
                return brink_error_set(err, BRINK_EINVALID, "party '%s': evaluation %g on '%s' "
                                       "is not in [0, 1]", q->actor, q->eval[i][k],
                                       d->issues[i].name);
    }
    if (fabs(sum - 1.0) > 1e-9)
        return brink_error_set(err, BRINK_EINVALID, "party '%s': weights sum to %g, not 1",
                               q->actor, sum);
    return BRINK_OK;
}

brink_status brink_neg_domain_finish(brink_neg_domain *d, brink_error *err)
{
    if (d->finished) return BRINK_OK;
    if (d->nissues < 1) return brink_error_set(err, BRINK_EINVALID, "domain '%s' has no issue",
                                               d->name);
    if (d->nparties < 2)
        return brink_error_set(err, BRINK_EINVALID, "domain '%s' has %d part%s (2 or more needed)",
                               d->name, d->nparties, d->nparties == 1 ? "y" : "ies");
    size_t n = neg_count(d);
    if (n == 0) return brink_error_set(err, BRINK_ETOOBIG, "domain '%s' has more than %zu "
                                       "outcomes", d->name, (size_t)BRINK_NEG_MAX_OUTCOMES);
    for (int p = 0; p < d->nparties; p++) {
        brink_status st = neg_check_party(d, p, err);
        if (st) return st;
    }
    neg_key *keys = malloc(n * sizeof *keys);
    int *digits = calloc((size_t)d->nissues, sizeof *digits);
    if (!keys || !digits) {
        free(keys);
        free(digits);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    brink_status st = BRINK_OK;
    for (int p = 0; p < d->nparties && !st; p++) {
        brink_neg_party *q = &d->party[p];
        q->u = malloc(n * sizeof *q->u);
        q->order = malloc(n * sizeof *q->order);
        if (!q->u || !q->order) {
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
            break;
        }
        memset(digits, 0, (size_t)d->nissues * sizeof *digits);
        for (size_t o = 0; o < n; o++) {
            double u = 0;
            if (q->table) {
                u = q->table[o];
                if (!neg_unit(u)) {
                    st = brink_error_set(err, BRINK_EINVALID, "party '%s': utility %g of "
                                         "outcome %zu is not in [0, 1]", q->actor, u, o);
                    break;
                }
            } else {
                for (int i = 0; i < d->nissues; i++)
                    u += q->weight[i] * neg_eval(&d->issues[i], q->eval[i], digits[i]);
                if (u > 1.0) u = 1.0; /* rounding of weights summing to 1 within 1e-9 */
            }
            q->u[o] = u;
            keys[o].u = u;
            keys[o].o = o;
            for (int i = d->nissues - 1; i >= 0; i--) {   /* next mixed-radix number */
                if (++digits[i] < d->issues[i].nvalues) break;
                digits[i] = 0;
            }
        }
        if (st) break;
        qsort(keys, n, sizeof *keys, neg_key_cmp);
        for (size_t k = 0; k < n; k++) q->order[k] = keys[k].o;
        q->umax = keys[0].u;
        q->umin = keys[n - 1].u;
    }
    free(keys);
    free(digits);
    if (st) return st;
    d->noutcomes = n;
    d->finished = 1;
    return BRINK_OK;
}

size_t brink_neg_outcome_at_least(const brink_neg_domain *d, int party, double target)
{
    const brink_neg_party *q = &d->party[party];
    /* order[] is by utility descending: find the last position with u >= target. */
    size_t lo = 0, hi = d->noutcomes; /* invariant: positions < lo have u >= target */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (q->u[q->order[mid]] >= target) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0) return q->order[0];
    /* among ties at that utility, the first listed (lowest index) */
    size_t k = lo - 1;
    double u = q->u[q->order[k]];
    while (k > 0 && q->u[q->order[k - 1]] == u) k--;
    return q->order[k];
}
