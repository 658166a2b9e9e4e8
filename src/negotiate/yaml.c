/* yaml.c — a negotiation domain written in YAML, inside a scenario or on its own: the
 * scenario's `actors` are the parties and its `issues` the issues (discrete ones as they are;
 * numeric ones when `negotiation.ranges` gives them a range), and a `negotiation` mapping
 * holds what only negotiation needs:
 *
 *   negotiation:
 *     issues: [freeze, relief]          # optional: which issues (default: every usable one)
 *     ranges: {denuc: [0, 100]}         # numeric issues: range (grid of `steps` points)
 *     steps: 11
 *     parties:                          # actor id -> utility (every listed actor negotiates)
 *       USA:
 *         reservation: 0.35             # default 0
 *         discount: 0.995               # per turn, default 1
 *         weights: {freeze: 0.6, relief: 0.4}
 *         values:
 *           freeze: {none: 0, full: 1}  # discrete: every level, in [0, 1]
 *           denuc: {lo: 0, hi: 1}       # numeric: evaluation at the range ends
 *       DPRK:
 *         utility: "0.5 * (1 - denuc / 100) + 0.5 * (relief >= 1)"   # instead of weights
 *                                       # and values: any expression (yaml_utility.c)
 *
 * Numbers are plain numbers. Errors carry file:line:column. The YAML is read
 * with the scenario reader's ytree (positions, alias and size limits).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "negotiate/neg_yaml.h"

#define NEG_YAML_MAX_NODES ((size_t)1 << 20)
#define NEG_YAML_MAX_DEPTH 64
#define NEG_YAML_MAX_BYTES ((size_t)16 << 20)
#define NEG_YAML_STEPS 11

typedef struct {
    const char *file;
    brink_error *err;
} neg_y;

static brink_status neg_yerr(neg_y *y, const ynode *n, brink_status code, const char *fmt,
                             const char *a, const char *b)
{
    brink_buf m;
    brink_buf_init(&m);
    brink_buf_printf(&m, fmt, a ? a : "", b ? b : "");
    brink_status st = brink_error_set_at(y->err, code, y->file, n ? n->line : 0, n ? n->col : 0,
                                         "%s", m.failed ? "out of memory" : m.data);
    brink_buf_free(&m);
    return st;
}

static int neg_ynum(const ynode *n, double *out)
{
    if (!n || n->kind != Y_SCALAR || n->quoted || !*n->text) return 0;
    char *end;
    double v = strtod(n->text, &end);
    if (*end || !isfinite(v)) return 0;
    *out = v;
    return 1;
}

/* Levels of a scenario issue: a sequence, or {levels: [...]}; NULL for a numeric issue. */
static const ynode *neg_levels(const ynode *v)
{
    if (v && v->kind == Y_SEQ) return v;
    if (v && v->kind == Y_MAP) {
        const ynode *l = ytree_get(v, "levels");
        if (l && l->kind == Y_SEQ) return l;
    }
    return NULL;
}

static int neg_listed(const ynode *list, const char *name)
{
    if (!list) return 1;
    for (int i = 0; i < list->n; i++)
        if (list->items[i]->kind == Y_SCALAR && !strcmp(list->items[i]->text, name)) return 1;
    return 0;
}

static brink_status neg_add_issues(brink_neg_domain *d, neg_y *y, const ynode *issues,
                                   const ynode *neg)
{
    const ynode *only = ytree_get(neg, "issues"), *ranges = ytree_get(neg, "ranges");
    double steps = NEG_YAML_STEPS;
    const ynode *sn = ytree_get(neg, "steps");
    if (sn && (!neg_ynum(sn, &steps) || steps < 2 || steps > 100000 || steps != floor(steps)))
        return neg_yerr(y, sn, BRINK_EINVALID, "steps must be an integer from 2 to 100000", 0, 0);
    if (only && only->kind != Y_SEQ)
        return neg_yerr(y, only, BRINK_EINVALID, "negotiation.issues must be a list of issue "
                        "names", 0, 0);
    if (ranges && ranges->kind != Y_MAP)
        return neg_yerr(y, ranges, BRINK_EINVALID, "negotiation.ranges must map numeric issues "
                        "to [lo, hi]", 0, 0);
    if (!issues || issues->kind != Y_MAP || issues->n == 0)
        return neg_yerr(y, issues, BRINK_EINVALID, "a negotiation needs 'issues' (a mapping of "
                        "issue names to levels)", 0, 0);
    for (int i = 0; only && i < only->n; i++) /* every listed issue exists */
        if (!ytree_get(issues, only->items[i]->text))
            return neg_yerr(y, only->items[i], BRINK_EINVALID, "no issue '%s'",
                            only->items[i]->text, 0);
    for (int i = 0; ranges && i < ranges->n; i++)
        if (!ytree_get(issues, ytree_key(ranges, i)->text))
            return neg_yerr(y, ytree_key(ranges, i), BRINK_EINVALID, "range for no issue '%s'",
                            ytree_key(ranges, i)->text, 0);
    for (int i = 0; i < issues->n; i++) {
        const ynode *k = ytree_key(issues, i), *v = ytree_val(issues, i);
        if (!neg_listed(only, k->text)) continue;
        const ynode *lv = neg_levels(v), *rg = ranges ? ytree_get(ranges, k->text) : NULL;
        brink_status st;
        if (lv) {
            const char **labels = calloc(lv->n ? (size_t)lv->n : 1, sizeof *labels);
            if (!labels) return brink_error_set(y->err, BRINK_ENOMEM, "out of memory");
            for (int j = 0; j < lv->n; j++) labels[j] = lv->items[j]->text;
            st = brink_neg_domain_add_discrete(d, k->text, lv->n, labels, y->err);
            free(labels);
        } else if (rg) {
            double lo, hi;
            if (rg->kind != Y_SEQ || rg->n != 2 || !neg_ynum(rg->items[0], &lo) ||
                !neg_ynum(rg->items[1], &hi))
                return neg_yerr(y, rg, BRINK_EINVALID, "range of '%s' must be [lo, hi]",
                                k->text, 0);
            st = brink_neg_domain_add_continuous(d, k->text, lo, hi, (int)steps, y->err);
            if (st) return neg_yerr(y, rg, st, "%s", y->err ? y->err->message : "", 0);
        } else if (only) {
            return neg_yerr(y, k, BRINK_EINVALID, "numeric issue '%s' needs a range in "
                            "negotiation.ranges", k->text, 0);
        } else {
            continue; /* a numeric issue without a range is not negotiated */
        }
        if (st) return neg_yerr(y, k, st, "%s", y->err ? y->err->message : "", 0);
    }
    if (d->nissues == 0)
        return neg_yerr(y, issues, BRINK_EINVALID, "no issue to negotiate (numeric issues need "
                        "negotiation.ranges)", 0, 0);
    return BRINK_OK;
}

static brink_status neg_unit(neg_y *y, const ynode *n, const char *what, double *out)
{
    if (!neg_ynum(n, out) || *out < 0 || *out > 1)
        return neg_yerr(y, n, BRINK_EINVALID, "%s must be a number in [0, 1]", what, 0);
    return BRINK_OK;
}

static brink_status neg_add_party(brink_neg_domain *d, neg_y *y, const ynode *id,
                                  const ynode *spec, const ynode *actors)
{
    static const char *const keys[] = {"reservation", "discount", "weights", "values", "utility",
                                       NULL};
    if (actors && !ytree_get(actors, id->text))
        return neg_yerr(y, id, BRINK_EINVALID, "'%s' is not an actor of the scenario", id->text,
                        0);
    if (!spec || spec->kind != Y_MAP)
        return neg_yerr(y, spec ? spec : id, BRINK_EINVALID, "party '%s' needs a mapping with "
                        "weights and values", id->text, 0);
    for (int i = 0; i < spec->n; i++) {
        int ok = 0;
        for (const char *const *k = keys; *k; k++) ok |= !strcmp(*k, ytree_key(spec, i)->text);
        if (!ok)
            return neg_yerr(y, ytree_key(spec, i), BRINK_EINVALID, "unknown key '%s' (expected "
                            "reservation, discount, weights, values, utility)",
                            ytree_key(spec, i)->text, 0);
    }
    double res = 0, disc = 1;
    const ynode *n;
    brink_status st;
    if ((n = ytree_get(spec, "reservation")) && (st = neg_unit(y, n, "reservation", &res)))
        return st;
    if ((n = ytree_get(spec, "discount")) && (!neg_ynum(n, &disc) || !(disc > 0 && disc <= 1)))
        return neg_yerr(y, n, BRINK_EINVALID, "discount must be a number in (0, 1]", 0, 0);
    /* the actor's display name when the scenario gives one */
    const char *name = id->text;
    const ynode *a = actors ? ytree_get(actors, id->text) : NULL;
    if (a && a->kind == Y_SCALAR && *a->text) name = a->text;
    else if (a && a->kind == Y_MAP && ytree_get(a, "name") &&
             ytree_get(a, "name")->kind == Y_SCALAR)
        name = ytree_get(a, "name")->text;
    int p;
    if ((st = brink_neg_domain_add_party(d, name, res, disc, &p, y->err)))
        return neg_yerr(y, id, st, "%s", y->err ? y->err->message : "", 0);
    brink_neg_party *q = &d->party[p];
    const ynode *w = ytree_get(spec, "weights"), *v = ytree_get(spec, "values");
    const ynode *ux = ytree_get(spec, "utility");
    if (ux) { /* a general utility: an expression instead of weights and values */
        for (int i = 0; (w || v) && i < spec->n; i++) /* at the weights or values key */
            if (!strcmp(ytree_key(spec, i)->text, "weights") || !strcmp(ytree_key(spec, i)->text, "values"))
                return neg_yerr(y, ytree_key(spec, i), BRINK_EINVALID, "party '%s' gives a "
                                "utility expression and %s; give one or the other", id->text,
                                ytree_key(spec, i)->text);
        return neg_yaml_utility(d, p, ux, y->file, y->err);
    }
    if (!w || w->kind != Y_MAP)
        return neg_yerr(y, w ? w : id, BRINK_EINVALID, "party '%s' needs weights: {ISSUE: w}",
                        id->text, 0);
    if (!v || v->kind != Y_MAP)
        return neg_yerr(y, v ? v : id, BRINK_EINVALID, "party '%s' needs values: {ISSUE: ...}",
                        id->text, 0);
    double sum = 0;
    for (int i = 0; i < w->n; i++) {
        const ynode *k = ytree_key(w, i);
        int is = -1;
        for (int j = 0; j < d->nissues; j++)
            if (!strcmp(d->issues[j].name, k->text)) is = j;
        if (is < 0) return neg_yerr(y, k, BRINK_EINVALID, "weight for no negotiated issue '%s'",
                                    k->text, 0);
        if ((st = neg_unit(y, ytree_val(w, i), "a weight", &q->weight[is]))) return st;
        sum += q->weight[is];
    }
    if (fabs(sum - 1) > 1e-9) {
        brink_buf m;
        brink_buf_init(&m);
        brink_buf_printf(&m, "%g", sum);
        st = neg_yerr(y, w, BRINK_EINVALID, "weights sum to %s, not 1", m.failed ? "?" : m.data, 0);
        brink_buf_free(&m);
        return st;
    }
    for (int is = 0; is < d->nissues; is++) {
        const brink_neg_issue *di = &d->issues[is];
        const ynode *e = ytree_get(v, di->name);
        if (!e || e->kind != Y_MAP)
            return neg_yerr(y, e ? e : v, BRINK_EINVALID, "values of '%s' must be a mapping",
                            di->name, 0);
        for (int i = 0; i < e->n; i++) { /* no stray keys */
            const char *k = ytree_key(e, i)->text;
            int ok = 0;
            if (di->kind == BRINK_NEG_CONTINUOUS) ok = !strcmp(k, "lo") || !strcmp(k, "hi");
            for (int j = 0; di->kind == BRINK_NEG_DISCRETE && j < di->nvalues; j++)
                ok |= !strcmp(k, di->values[j]);
            if (!ok)
                return neg_yerr(y, ytree_key(e, i), BRINK_EINVALID, "'%s' is not a level of "
                                "'%s' (numeric issues take lo and hi)", k, di->name);
        }
        int nv = di->kind == BRINK_NEG_CONTINUOUS ? 2 : di->nvalues;
        for (int j = 0; j < nv; j++) {
            const char *lvl = di->kind == BRINK_NEG_CONTINUOUS ? (j ? "hi" : "lo")
                                                              : di->values[j];
            const ynode *x = ytree_get(e, lvl);
            if (!x) return neg_yerr(y, e, BRINK_EINVALID, "no value for '%s' of '%s'", lvl,
                                    di->name);
            if ((st = neg_unit(y, x, "a value", &q->eval[is][j]))) return st;
        }
    }
    for (int i = 0; i < v->n; i++) {
        int found = 0;
        for (int j = 0; j < d->nissues; j++) found |= !strcmp(d->issues[j].name, ytree_key(v, i)->text);
        if (!found)
            return neg_yerr(y, ytree_key(v, i), BRINK_EINVALID, "values for no negotiated issue "
                            "'%s'", ytree_key(v, i)->text, 0);
    }
    return BRINK_OK;
}

/* negotiation.domain: NAME, a built-in domain (brink_neg_domain_builtin); the keys that
 * would write a domain here may not stand beside it. */
static brink_status neg_builtin(neg_y *y, const ynode *neg, const ynode *named,
                                brink_neg_domain **out)
{
    static const char *const own[] = {"issues", "ranges", "steps", "parties", NULL};
    for (const char *const *k = own; *k; k++)
        if (ytree_get(neg, *k))
            return neg_yerr(y, ytree_get(neg, *k), BRINK_EINVALID, "negotiation.%s cannot "
                            "stand beside negotiation.domain (a built-in domain)", *k, 0);
    if (named->kind != Y_SCALAR || !*named->text)
        return neg_yerr(y, named, BRINK_EINVALID, "negotiation.domain must name a built-in "
                        "domain (korea, split)", 0, 0);
    brink_status st = brink_neg_domain_builtin(named->text, out, y->err);
    if (st)
        neg_yerr(y, named, st, "%s", y->err ? y->err->message : "no such domain", 0);
    return st;
}

brink_status brink_neg_read_yaml(const char *text, size_t len, const char *file,
                                 brink_neg_domain **out, brink_error *err)
{
    *out = NULL;
    neg_y y = {file ? file : "<yaml>", err};
    ytree t;
    brink_status st = ytree_parse(text, len, y.file, NEG_YAML_MAX_NODES, NEG_YAML_MAX_DEPTH, &t,
                                  err);
    if (st) return st;
    const ynode *root = t.root, *neg = root && root->kind == Y_MAP ? ytree_get(root, "negotiation")
                                                                 : NULL;
    if (!neg || neg->kind != Y_MAP) {
        st = neg_yerr(&y, neg ? neg : root, BRINK_EINVALID, "expected a mapping with a "
                      "'negotiation' mapping (docs/negotiate.md)", 0, 0);
        ytree_free(&t);
        return st;
    }
    static const char *const keys[] = {"issues", "ranges", "steps", "parties", "domain",
                                       "agents", "repetitions", NULL};
    for (int i = 0; i < neg->n && !st; i++) {
        int ok = 0;
        for (const char *const *k = keys; *k; k++) ok |= !strcmp(*k, ytree_key(neg, i)->text);
        if (!ok)
            st = neg_yerr(&y, ytree_key(neg, i), BRINK_EINVALID, "unknown key '%s' in "
                          "negotiation (expected issues, ranges, steps, parties, or domain; "
                          "agents, repetitions)", ytree_key(neg, i)->text, 0);
    }
    const ynode *named = ytree_get(neg, "domain");
    if (!st && named) {   /* a built-in domain by name instead of one written here */
        st = neg_builtin(&y, neg, named, out);
        ytree_free(&t);
        return st;
    }
    const ynode *idn = ytree_get(root, "id");
    brink_neg_domain *d = st ? NULL
                             : brink_neg_domain_new(idn && idn->kind == Y_SCALAR ? idn->text
                                                                                 : "yaml");
    if (!st && !d) st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (!st) st = neg_add_issues(d, &y, ytree_get(root, "issues"), neg);
    const ynode *parties = ytree_get(neg, "parties"), *actors = ytree_get(root, "actors");
    if (!st && (!parties || parties->kind != Y_MAP || parties->n < 2))
        st = neg_yerr(&y, parties ? parties : neg, BRINK_EINVALID, "negotiation.parties must map "
                      "two or more actors to their utilities", 0, 0);
    if (!st && actors && actors->kind != Y_MAP) actors = NULL;
    for (int i = 0; !st && i < parties->n; i++)
        st = neg_add_party(d, &y, ytree_key(parties, i), ytree_val(parties, i), actors);
    if (!st) {
        st = brink_neg_domain_finish(d, err);
        if (st) neg_yerr(&y, parties, st, "%s", err ? err->message : "", 0);
    }
    ytree_free(&t);
    if (st) {
        brink_neg_domain_free(d);
        return st;
    }
    *out = d;
    return BRINK_OK;
}

brink_status brink_neg_read_yaml_file(const char *path, brink_neg_domain **out, brink_error *err)
{
    *out = NULL;
    brink_buf b;
    brink_buf_init(&b);
    brink_status st = brink_read_file(path, NEG_YAML_MAX_BYTES, &b, err);
    if (!st) st = brink_neg_read_yaml(b.data ? b.data : "", b.len, path, out, err);
    brink_buf_free(&b);
    return st;
}

void brink_neg_setup_free(brink_neg_setup *s)
{
    if (!s) return;
    brink_neg_domain_free(s->domain);
    free(s->agents);
    memset(s, 0, sizeof *s);
}

/* negotiation.agents: names of registered agents, at least two, none twice. */
static brink_status neg_agents(neg_y *y, const ynode *list, brink_neg_setup *s)
{
    if (list->kind != Y_SEQ || list->n < 2)
        return neg_yerr(y, list, BRINK_EINVALID, "negotiation.agents must list two or more "
                        "agents (brink negotiate --list)", 0, 0);
    s->agents = calloc((size_t)list->n, sizeof *s->agents);
    if (!s->agents) return brink_error_set(y->err, BRINK_ENOMEM, "out of memory");
    for (int i = 0; i < list->n; i++) {
        const ynode *it = list->items[i];
        const brink_neg_agent_type *a = it->kind == Y_SCALAR ? brink_neg_agent_find(it->text)
                                                             : NULL;
        if (!a)
            return neg_yerr(y, it, BRINK_EINVALID, "no agent '%s' (brink negotiate --list)",
                            it->kind == Y_SCALAR ? it->text : "", 0);
        for (int j = 0; j < i; j++)
            if (s->agents[j] == a)
                return neg_yerr(y, it, BRINK_EINVALID, "agent '%s' listed twice", it->text, 0);
        s->agents[s->nagents++] = a;
    }
    return BRINK_OK;
}

brink_status brink_neg_read_setup(const char *text, size_t len, const char *file,
                                  brink_neg_setup *out, brink_error *err)
{
    memset(out, 0, sizeof *out);
    neg_y y = {file ? file : "<yaml>", err};
    ytree t;
    brink_status st = ytree_parse(text, len, y.file, NEG_YAML_MAX_NODES, NEG_YAML_MAX_DEPTH, &t,
                                  err);
    if (st) return st;
    const ynode *neg = t.root && t.root->kind == Y_MAP ? ytree_get(t.root, "negotiation") : NULL;
    if (!neg) {   /* nothing to set up */
        ytree_free(&t);
        return BRINK_OK;
    }
    st = brink_neg_read_yaml(text, len, file, &out->domain, err);
    out->repetitions = BRINK_NEG_SETUP_REPETITIONS;
    const ynode *ag = ytree_get(neg, "agents"), *reps = ytree_get(neg, "repetitions");
    if (!st && ag) st = neg_agents(&y, ag, out);
    double v = 0;
    if (!st && reps && (!neg_ynum(reps, &v) || v != floor(v) || v < 1 || v > 100000))
        st = neg_yerr(&y, reps, BRINK_EINVALID, "negotiation.repetitions must be a whole number "
                      "from 1 to 100000", 0, 0);
    else if (!st && reps)
        out->repetitions = (int)v;
    if (!st && !ag) {   /* every registered agent, in the registry's order */
        const brink_neg_agent_type *const *all = brink_neg_agent_types();
        int n = 0;
        while (all[n]) n++;
        out->agents = calloc((size_t)n + 1, sizeof *out->agents);
        if (!out->agents) st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        for (int i = 0; !st && i < n; i++) out->agents[out->nagents++] = all[i];
    }
    if (!st && out->domain->nparties != 2)
        st = neg_yerr(&y, neg, BRINK_EINVALID, "a tournament pairs two agents: this "
                      "negotiation does not have two parties", 0, 0);
    ytree_free(&t);
    if (st) brink_neg_setup_free(out);
    return st;
}
