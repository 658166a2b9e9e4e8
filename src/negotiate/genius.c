/* genius.c — reads the GENIUS XML formats (the ANAC competitions' domains): a domain file
 * (<negotiation_template><utility_space><objective> with <issue> elements) and one
 * utility-space file per party (the same issues with evaluations, <weight index= value=>,
 * optional <discount_factor value=> and <reservation value=>).
 *
 * Issues: type "discrete" (<item value=...>), "integer" (lowerbound..upperbound, each integer a
 * value) and "real" (lowerbound..upperbound, sampled on NEG_GENIUS_REAL_STEPS points, or on
 * brink_steps points when that attribute is there: genius_write.c writes it).
 * Evaluations: a discrete item's "evaluation" divided by the issue's largest (GENIUS
 * normalises so); integer and real issues take a linear evaluator, offset + slope x (also
 * written parameter0, parameter1). Weights are matched to issues by their index attribute and
 * must sum to 1 (within 1e-3; then rescaled). GENIUS discounts over normalised time [0, 1];
 * with R rounds of n turns the factor per turn is delta^(1 / (n R)).
 *
 * libxml2 parses without network access, entity expansion or printing (errors come back
 * through the parser context); every error names the file and line.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "brink/negotiate.h"

#define NEG_GENIUS_MAX_BYTES ((size_t)64 << 20)
#define NEG_GENIUS_REAL_STEPS 11
#define NEG_GENIUS_MAX_INT_VALUES 100000
#define NEG_GENIUS_WEIGHT_TOL 1e-3

static int neg_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Attribute text (malloc'd by libxml2, free with xmlFree) or NULL. */
static char *neg_attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp((xmlNode *)n, (const xmlChar *)name);
}

static brink_status neg_at(brink_error *err, const char *path, const xmlNode *n,
                           brink_status code, const char *what)
{
    return brink_error_set_at(err, code, path, n ? (int)xmlGetLineNo((xmlNode *)n) : 0, 0, "%s",
                              what);
}

/* Give an error from a domain call the file and line of the element it is about. */
static void neg_locate(brink_error *err, const char *path, const xmlNode *n)
{
    if (!err) return;
    brink_buf m;
    brink_buf_init(&m);
    brink_buf_puts(&m, err->message);
    brink_error_set_at(err, err->code, path, (int)xmlGetLineNo((xmlNode *)n), 0, "%s",
                       m.failed ? "out of memory" : m.len ? m.data : "");
    brink_buf_free(&m);
}

/* A number attribute; *out unchanged and 0 returned when absent; -1 on bad text. */
static int neg_num(const xmlNode *n, const char *name, double *out)
{
    char *s = neg_attr(n, name);
    if (!s) return 0;
    char *end;
    double v = strtod(s, &end);
    int ok = *s && !*end && isfinite(v);
    xmlFree(s);
    if (!ok) return -1;
    *out = v;
    return 1;
}

static brink_status neg_parse(const char *path, xmlDoc **doc, brink_error *err)
{
    brink_buf b;
    brink_buf_init(&b);
    brink_status st = brink_read_file(path, NEG_GENIUS_MAX_BYTES, &b, err);
    if (st) {
        brink_buf_free(&b);
        return st;
    }
    xmlParserCtxt *ctx = xmlNewParserCtxt();
    if (!ctx) {
        brink_buf_free(&b);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    *doc = xmlCtxtReadMemory(ctx, b.data ? b.data : "", (int)b.len, path, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    brink_buf_free(&b);
    if (!*doc) {
        const xmlError *e = xmlCtxtGetLastError(ctx);
        brink_buf m;
        brink_buf_init(&m);
        brink_buf_puts(&m, e && e->message ? e->message : "not well-formed XML");
        while (m.len > 0 && (m.data[m.len - 1] == '\n' || m.data[m.len - 1] == ' '))
            m.data[--m.len] = '\0';
        st = brink_error_set_at(err, BRINK_ESYNTAX, path, e ? e->line : 0, e ? e->int2 : 0,
                                "%s", m.len ? m.data : "not well-formed XML");
        brink_buf_free(&m);
        xmlFreeParserCtxt(ctx);
        return st;
    }
    xmlFreeParserCtxt(ctx);
    return BRINK_OK;
}

/* Every <issue> element in document order (depth-first), into a growing array. */
static brink_status neg_issues(xmlNode *n, xmlNode ***out, int *count, int *cap)
{
    for (; n; n = n->next) {
        if (neg_is(n, "issue")) {
            if (*count == *cap) {
                int nc = *cap ? 2 * *cap : 16;
                xmlNode **a = brink_reallocarray(*out, (size_t)nc, sizeof *a);
                if (!a) return BRINK_ENOMEM;
                *out = a;
                *cap = nc;
            }
            (*out)[(*count)++] = n;
        } else if (n->children) {
            brink_status st = neg_issues(n->children, out, count, cap);
            if (st) return st;
        }
    }
    return BRINK_OK;
}

/* "discrete", "integer" or "real" from type= (or etype=); 0 when unknown. */
static char neg_type(const xmlNode *n)
{
    char *t = neg_attr(n, "type");
    if (!t) t = neg_attr(n, "etype");
    char c = 0;
    if (t && !strcmp(t, "discrete")) c = 'd';
    else if (t && !strcmp(t, "integer")) c = 'i';
    else if (t && !strcmp(t, "real")) c = 'r';
    if (t) xmlFree(t);
    return c;
}

/* Bounds of an integer or real issue: attributes, or a <range> child. */
static int neg_bounds(const xmlNode *n, double *lo, double *hi)
{
    int a = neg_num(n, "lowerbound", lo), b = neg_num(n, "upperbound", hi);
    for (const xmlNode *c = n->children; c && (a == 0 || b == 0); c = c->next)
        if (neg_is(c, "range")) {
            if (a == 0) a = neg_num(c, "lowerbound", lo);
            if (b == 0) b = neg_num(c, "upperbound", hi);
        }
    return a == 1 && b == 1;
}

static brink_status neg_domain_issues(brink_neg_domain *d, const char *path, xmlNode *root,
                                      brink_error *err)
{
    xmlNode **is = NULL;
    int n = 0, cap = 0;
    if (neg_issues(root, &is, &n, &cap)) {
        free(is);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    brink_status st = BRINK_OK;
    if (n == 0) st = neg_at(err, path, root, BRINK_EINVALID, "the domain has no <issue>");
    for (int k = 0; k < n && !st; k++) {
        char *name = neg_attr(is[k], "name");
        char t = neg_type(is[k]);
        double lo = 0, hi = 0;
        if (!name) {
            st = neg_at(err, path, is[k], BRINK_EINVALID, "<issue> without a name");
        } else if (t == 'd') {
            int nv = 0;
            for (xmlNode *c = is[k]->children; c; c = c->next) nv += neg_is(c, "item");
            char **labels = calloc(nv ? (size_t)nv : 1, sizeof *labels);
            if (!labels) st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
            int j = 0;
            for (xmlNode *c = is[k]->children; c && !st; c = c->next) {
                if (!neg_is(c, "item")) continue;
                if (!(labels[j] = neg_attr(c, "value")))
                    st = neg_at(err, path, c, BRINK_EINVALID, "<item> without a value");
                j++;
            }
            if (!st && nv == 0) st = neg_at(err, path, is[k], BRINK_EINVALID, "issue has no <item>");
            if (!st) {
                st = brink_neg_domain_add_discrete(d, name, nv, (const char *const *)labels, err);
                if (st) neg_locate(err, path, is[k]);
            }
            for (int i = 0; labels && i < nv; i++)
                if (labels[i]) xmlFree(labels[i]);
            free(labels);
        } else if ((t == 'i' || t == 'r') && !neg_bounds(is[k], &lo, &hi)) {
            st = neg_at(err, path, is[k], BRINK_EINVALID, "integer or real issue without "
                        "numeric lowerbound and upperbound");
        } else if (t == 'i') {
            if (lo != floor(lo) || hi != floor(hi) || hi < lo ||
                hi - lo + 1 > NEG_GENIUS_MAX_INT_VALUES) {
                st = neg_at(err, path, is[k], BRINK_EINVALID, "integer issue: bounds must be "
                            "integers lo <= hi with at most 100000 values");
            } else {
                int nv = (int)(hi - lo + 1);
                brink_buf lb;
                brink_buf_init(&lb);
                size_t *off = calloc((size_t)nv, sizeof *off);
                const char **labels = calloc((size_t)nv, sizeof *labels);
                for (int v = 0; off && v < nv; v++) {
                    off[v] = lb.len;
                    brink_buf_printf(&lb, "%.0f", lo + v);
                    brink_buf_append(&lb, "", 1);
                }
                if (!off || !labels || lb.failed) {
                    st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
                } else {
                    for (int v = 0; v < nv; v++) labels[v] = lb.data + off[v];
                    st = brink_neg_domain_add_discrete(d, name, nv, labels, err);
                    if (st) neg_locate(err, path, is[k]);
                }
                free(off);
                free(labels);
                brink_buf_free(&lb);
            }
        } else if (t == 'r') {
            /* brink's own grid when the file came from genius_write.c; GENIUS ignores it. */
            double steps = NEG_GENIUS_REAL_STEPS;
            int has = neg_num(is[k], "brink_steps", &steps);
            if (has < 0 || (has && !(steps >= 2 && steps <= 1e6 && steps == floor(steps))))
                st = neg_at(err, path, is[k], BRINK_EINVALID, "brink_steps must be an integer "
                            "2..1000000");
            else
                st = brink_neg_domain_add_continuous(d, name, lo, hi, (int)steps, err);
            if (st) neg_locate(err, path, is[k]);
        } else {
            st = neg_at(err, path, is[k], BRINK_EUNSUPPORTED, "issue type is not discrete, "
                        "integer or real");
        }
        if (name) xmlFree(name);
    }
    free(is);
    return st;
}

static int neg_issue_index(const brink_neg_domain *d, const char *name)
{
    for (int i = 0; name && i < d->nissues; i++)
        if (!strcmp(d->issues[i].name, name)) return i;
    return -1;
}

/* Value of issue i (domain order) for a numeric issue's grid point / integer value k. */
static double neg_numeric_value(const brink_neg_issue *is, int k)
{
    if (is->kind == BRINK_NEG_CONTINUOUS)
        return is->lo + (is->hi - is->lo) * k / (is->nvalues - 1);
    return strtod(is->values[k], NULL);
}

static brink_status neg_party(brink_neg_domain *d, const char *path, xmlNode *root, int turns,
                              brink_error *err)
{
    /* actor name: the file's base name without .xml */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t bl = strlen(base);
    if (bl > 4 && !strcmp(base + bl - 4, ".xml")) bl -= 4;
    char *actor = malloc(bl + 1);
    if (!actor) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    memcpy(actor, base, bl);
    actor[bl] = '\0';
    double disc = 1, res = 0;
    brink_status st = BRINK_OK;
    for (xmlNode *c = root->children; c && !st; c = c->next) {
        if (neg_is(c, "discount_factor") && neg_num(c, "value", &disc) != 1)
            st = neg_at(err, path, c, BRINK_EINVALID, "<discount_factor> needs a numeric value");
        if (neg_is(c, "reservation") && neg_num(c, "value", &res) != 1)
            st = neg_at(err, path, c, BRINK_EINVALID, "<reservation> needs a numeric value");
    }
    if (!st && !(disc > 0 && disc <= 1))
        st = neg_at(err, path, root, BRINK_EINVALID, "discount_factor must lie in (0, 1]");
    if (!st && !(res >= 0 && res <= 1))
        st = neg_at(err, path, root, BRINK_EINVALID, "reservation must lie in [0, 1]");
    int p = -1;
    if (!st) st = brink_neg_domain_add_party(d, actor, res, pow(disc, 1.0 / turns), &p, err);
    free(actor);
    if (st) return st;
    brink_neg_party *q = &d->party[p];
    xmlNode **is = NULL;
    int n = 0, cap = 0;
    if (neg_issues(root, &is, &n, &cap)) {
        free(is);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    int *index_of = calloc((size_t)n + 1, sizeof *index_of); /* file index attr -> issue */
    double *idx = calloc((size_t)n + 1, sizeof *idx);
    char *seen = calloc((size_t)d->nissues, 1);
    if (!index_of || !idx || !seen) st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int k = 0; k < n && !st; k++) {
        char *name = neg_attr(is[k], "name");
        int i = neg_issue_index(d, name);
        if (name) xmlFree(name);
        if (i < 0) {
            st = neg_at(err, path, is[k], BRINK_EINVALID, "issue not in the domain");
            break;
        }
        if (seen[i]) {
            st = neg_at(err, path, is[k], BRINK_EINVALID, "issue given twice");
            break;
        }
        seen[i] = 1;
        index_of[k] = i;
        if (neg_num(is[k], "index", &idx[k]) != 1) idx[k] = k + 1;
        const brink_neg_issue *di = &d->issues[i];
        xmlNode *ev = NULL;
        for (xmlNode *c = is[k]->children; c; c = c->next)
            if (neg_is(c, "evaluator")) ev = c;
        if (di->kind == BRINK_NEG_DISCRETE && !ev) {
            /* items: value -> evaluation, normalised by the largest */
            double mx = 0;
            for (xmlNode *c = is[k]->children; c && !st; c = c->next) {
                if (!neg_is(c, "item")) continue;
                char *v = neg_attr(c, "value");
                int j = -1;
                for (int t = 0; v && t < di->nvalues; t++)
                    if (!strcmp(di->values[t], v)) j = t;
                if (v) xmlFree(v);
                double e = -1;
                if (j < 0) st = neg_at(err, path, c, BRINK_EINVALID, "<item> value not in the "
                                       "domain");
                else if (neg_num(c, "evaluation", &e) != 1 || e < 0)
                    st = neg_at(err, path, c, BRINK_EINVALID, "<item> needs an evaluation >= 0");
                else q->eval[i][j] = e;
                if (!st && e > mx) mx = e;
            }
            for (int t = 0; !st && mx > 0 && t < di->nvalues; t++) q->eval[i][t] /= mx;
        } else if (ev) {
            double off = 0, slope = 0;
            if (neg_num(ev, "offset", &off) == 0) neg_num(ev, "parameter0", &off);
            if (neg_num(ev, "slope", &slope) == 0) neg_num(ev, "parameter1", &slope);
            char *ft = neg_attr(ev, "ftype");
            int linear = ft && !strcmp(ft, "linear");
            if (ft) xmlFree(ft);
            if (!linear) {
                st = neg_at(err, path, ev, BRINK_EUNSUPPORTED, "only linear evaluators are read");
            } else if (di->kind == BRINK_NEG_CONTINUOUS) {
                q->eval[i][0] = off + slope * di->lo;
                q->eval[i][1] = off + slope * di->hi;
            } else {
                for (int t = 0; t < di->nvalues; t++)
                    q->eval[i][t] = off + slope * neg_numeric_value(di, t);
            }
            int nv = di->kind == BRINK_NEG_CONTINUOUS ? 2 : di->nvalues;
            for (int t = 0; t < nv && !st; t++)
                if (!(q->eval[i][t] >= -1e-12 && q->eval[i][t] <= 1 + 1e-12))
                    st = neg_at(err, path, ev, BRINK_EINVALID, "the evaluator leaves [0, 1] on "
                                "the issue's range");
                else q->eval[i][t] = fmin(1, fmax(0, q->eval[i][t]));
        } else {
            st = neg_at(err, path, is[k], BRINK_EINVALID, "a numeric issue needs an <evaluator>");
        }
    }
    for (int i = 0; i < d->nissues && !st; i++)
        if (!seen[i]) {
            brink_error_set_at(err, BRINK_EINVALID, path, (int)xmlGetLineNo(root), 0,
                               "issue '%s' has no evaluation", d->issues[i].name);
            st = BRINK_EINVALID;
        }
    /* weights by index attribute */
    double sum = 0;
    memset(seen, 0, (size_t)d->nissues);
    for (xmlNode *c = root->children; c && !st; c = c->next) {
        if (!neg_is(c, "objective")) continue;
        for (xmlNode *w = c->children; w && !st; w = w->next) {
            if (!neg_is(w, "weight")) continue;
            double wi, v;
            if (neg_num(w, "index", &wi) != 1 || neg_num(w, "value", &v) != 1 || v < 0) {
                st = neg_at(err, path, w, BRINK_EINVALID, "<weight> needs an index and a value "
                            ">= 0");
                break;
            }
            int k = 0;
            while (k < n && idx[k] != wi) k++;
            if (k == n) {
                st = neg_at(err, path, w, BRINK_EINVALID, "<weight> index names no issue");
                break;
            }
            q->weight[index_of[k]] = v;
            seen[index_of[k]] = 1;
            sum += v;
        }
    }
    for (int i = 0; i < d->nissues && !st; i++)
        if (!seen[i]) {
            brink_error_set_at(err, BRINK_EINVALID, path, (int)xmlGetLineNo(root), 0,
                               "issue '%s' has no <weight>", d->issues[i].name);
            st = BRINK_EINVALID;
        }
    if (!st && fabs(sum - 1) > NEG_GENIUS_WEIGHT_TOL)
        st = brink_error_set_at(err, BRINK_EINVALID, path, (int)xmlGetLineNo(root), 0,
                                "weights sum to %g, not 1", sum);
    /* Weights already summing to 1 within the domain's own tolerance are kept as written, so
     * that written files read back as the same numbers; others are rescaled. */
    int rescale = fabs(sum - 1) > 1e-9;
    for (int i = 0; i < d->nissues && !st && rescale; i++) q->weight[i] /= sum;
    if (!st && rescale) { /* rounding of the rescaled weights goes to the last one */
        double s = 0;
        for (int i = 0; i + 1 < d->nissues; i++) s += q->weight[i];
        q->weight[d->nissues - 1] = fmax(0, 1 - s);
    }
    free(is);
    free(index_of);
    free(idx);
    free(seen);
    return st;
}

brink_status brink_neg_read_genius(const char *domain_path, const char *const *utility_paths,
                                   int nutility, int rounds, brink_neg_domain **out,
                                   brink_error *err)
{
    *out = NULL;
    if (nutility < 2 || nutility > BRINK_NEG_MAX_PARTIES)
        return brink_error_set(err, BRINK_EINVALID, "GENIUS: 2 to %d utility files needed, not "
                               "%d", BRINK_NEG_MAX_PARTIES, nutility);
    if (rounds < 1) return brink_error_set(err, BRINK_EINVALID, "GENIUS: rounds must be >= 1");
    xmlDoc *doc = NULL;
    brink_status st = neg_parse(domain_path, &doc, err);
    if (st) return st;
    const char *base = strrchr(domain_path, '/');
    brink_buf name;
    brink_buf_init(&name);
    brink_buf_puts(&name, base ? base + 1 : domain_path);
    if (name.len > 4 && !strcmp(name.data + name.len - 4, ".xml")) name.data[name.len -= 4] = 0;
    brink_neg_domain *d = name.failed ? NULL : brink_neg_domain_new(name.data);
    brink_buf_free(&name);
    if (!d) {
        xmlFreeDoc(doc);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    st = neg_domain_issues(d, domain_path, xmlDocGetRootElement(doc), err);
    xmlFreeDoc(doc);
    for (int u = 0; u < nutility && !st; u++) {
        xmlDoc *ud = NULL;
        st = neg_parse(utility_paths[u], &ud, err);
        if (st) break;
        xmlNode *root = xmlDocGetRootElement(ud);
        if (!neg_is(root, "utility_space"))
            st = neg_at(err, utility_paths[u], root, BRINK_EINVALID, "the root element is not "
                        "<utility_space>");
        else
            st = neg_party(d, utility_paths[u], root, nutility * rounds, err);
        xmlFreeDoc(ud);
    }
    if (!st) st = brink_neg_domain_finish(d, err);
    if (st) {
        brink_neg_domain_free(d);
        return st;
    }
    *out = d;
    return BRINK_OK;
}
