/* gen_count.c — generators are counted before the game is read into the model.
 *
 * parse_game.c reads a generated option once per value, so nested generators (3000 options,
 * each with 3000 more) would make every node of the model before the expansion's count
 * (expand.c) could refuse the tree. This pass walks the YAML first, with saturating counts:
 * a generator's options count its number of values times the nodes below one of them when
 * no nested `in:` names its variable, and are summed value by value otherwise (stopping once
 * past the limit). The count is a lower bound on the compiled tree's nodes: decisions, chance
 * moves and outcomes count one each, `if` the smaller branch, `play`/`repeat`/`next` nothing
 * (a sub-game's body is counted on its own); it is exact when none of these take part. The
 * first generator whose options alone pass the node limit is refused at its `in:`, with the
 * count of the whole game (or sub-game body). Beside it the nodes as written are counted (every
 * `if` branch, `next` and `play` one node, as the reading makes them): options that pass the
 * limit that way are refused too, so that the model never grows past the node limit through a
 * generator. Anything this pass cannot evaluate counts as one value and is left to the reading,
 * which reports it at its place as before.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "scenario/model.h"
#include "scenario/generate.h"

#define SAT (UINT64_MAX >> 2)

typedef struct cnt {
    uint64_t n;
    uint64_t m;  /* nodes as read (every if: branch, next and play counted): the model's size */
    int exact;   /* n is the tree's count, not only a lower bound */
    int mexact;  /* m is the count as read (nothing left uncounted) */
    int gen;     /* a generator takes part */
} cnt;

typedef struct walk {
    brink_scenario *sc;
    brink_status st;       /* out of memory only: the rest is left to the reading */
    const ynode *cross;    /* the `in:` whose generated options first passed the limit */
    cnt cross_n;
} walk;

static uint64_t sat_add(uint64_t a, uint64_t b)
{
    return a > SAT - (b > SAT ? SAT : b) ? SAT : a + b;
}

static uint64_t sat_mul(uint64_t a, uint64_t b)
{
    if (a && b > SAT / a)
        return SAT;
    return a * b;
}

static void add(cnt *t, cnt c)
{
    t->n = sat_add(t->n, c.n);
    t->m = sat_add(t->m, c.m);
    t->exact = t->exact && c.exact && t->n < SAT;
    t->mexact = t->mexact && c.mexact && t->m < SAT;
    t->gen |= c.gen;
}

static int word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Does text use var as a whole word (the scanner's notion of a name)? */
static int has_word(const char *text, const char *var)
{
    size_t vl = strlen(var);
    for (const char *p = text; (p = strstr(p, var)) != NULL; p++)
        if ((p == text || !word_char(p[-1])) && !word_char(p[vl]))
            return 1;
    return 0;
}

static int any_word(const ynode *y, const char *var)
{
    if (y->kind == Y_SCALAR)
        return has_word(y->text, var);
    for (int i = 0; i < y->n * (y->kind == Y_MAP ? 2 : 1); i++)
        if (any_word(y->items[i], var))
            return 1;
    return 0;
}

/* Does an `in:` below y (own excepted) name var: do the counts below depend on its value? */
static int mentions(const ynode *y, const char *var, const ynode *own)
{
    if (y->kind == Y_SEQ) {
        for (int i = 0; i < y->n; i++)
            if (mentions(y->items[i], var, own))
                return 1;
    } else if (y->kind == Y_MAP) {
        for (int i = 0; i < y->n; i++) {
            const ynode *k = ytree_key(y, i), *v = ytree_val(y, i);
            if (v != own && strcmp(k->text, "in") == 0 && any_word(v, var))
                return 1;
            if (mentions(v, var, own))
                return 1;
        }
    }
    return 0;
}

static cnt count_node(walk *w, const ynode *y, const sc_local *locals);

static void check_cross(walk *w, cnt c, const ynode *at)
{
    if (!w->cross && (c.n > w->sc->lim.max_tree_nodes || c.m > w->sc->lim.max_tree_nodes)) {
        w->cross = at;
        w->cross_n = c;
    }
}

/* One option holding for:/in: — its values times the nodes below each. */
static cnt count_generated(walk *w, const ynode *ov, const ynode *var, const ynode *in,
                           const sc_local *locals)
{
    brink_scenario *sc = w->sc;
    brink_error e;
    brink_error_clear(&e);
    size_t nv = 0;
    brink_status st = sc_gen_count(sc, in, locals, &nv, &e);
    cnt g = {0, 0, 1, 1, 1}, c;
    if (st == BRINK_ENOMEM) {
        w->st = st;
        return g;
    }
    if (st) {   /* the reading reports it at its place */
        c = count_node(w, ov, locals);
        c.exact = c.mexact = 0;
        c.gen = 1;
        return c;
    }
    int dep = mentions(ov, var->text, in);
    if (!dep || w->cross) {
        /* the same count for every value; once a refusal is found, a dependent one is only
         * bounded: with its variable unknown, the nested generators that use it count one
         * value each, and every value has at least that many nodes below it */
        c = count_node(w, ov, locals);
        g.n = sat_mul((uint64_t)nv, c.n);
        g.m = sat_mul((uint64_t)nv, c.m);
        g.exact = c.exact && g.n < SAT && !dep;
        g.mexact = c.mexact && g.m < SAT && !dep;
    } else {
        mpq_t *vals = NULL;
        int nvals = 0;
        if ((st = sc_gen_values(sc, in, locals, &vals, &nvals, &e))) {
            if (st == BRINK_ENOMEM)
                w->st = st;
            g.exact = g.mexact = 0;
            return g;
        }
        for (int v = 0; v < nvals && !w->st; v++) {
            sc_local loc = {var->text, vals[v], locals};
            add(&g, count_node(w, ov, &loc));
            if ((g.n > sc->lim.max_tree_nodes || g.m > sc->lim.max_tree_nodes) &&
                v + 1 < nvals) {
                g.exact = g.mexact = 0;   /* enough: the rest only adds */
                break;
            }
        }
        brink_q_array_free(vals, (size_t)nvals);
    }
    g.gen = 1;
    check_cross(w, g, in);
    return g;
}

static cnt count_options(walk *w, const ynode *m, const sc_local *locals)
{
    cnt t = {0, 0, 1, 1, 0};
    for (int i = 0; i < m->n && !w->st; i++) {
        const ynode *ov = ytree_val(m, i);
        const ynode *var = ov->kind == Y_MAP ? ytree_get(ov, "for") : NULL;
        const ynode *in = ov->kind == Y_MAP ? ytree_get(ov, "in") : NULL;
        if (var && in && var->kind == Y_SCALAR)
            add(&t, count_generated(w, ov, var, in, locals));
        else
            add(&t, count_node(w, ov, locals));
    }
    return t;
}

static int is_keyword(const char *k)
{
    static const char *const words[] = {"outcome", "payoff", "name", "seen_by", "hidden", "note",
                                        "doc", "with", "then", "else", "times", "index", "for",
                                        "in", "prob", NULL};
    for (const char *const *p = words; *p; p++)
        if (strcmp(*p, k) == 0)
            return 1;
    return 0;
}

static cnt count_node(walk *w, const ynode *y, const sc_local *locals)
{
    cnt none = {0, 0, 0, 1, 0}, next = {0, 1, 0, 1, 0}, leaf = {1, 1, 1, 1, 0};
    if (w->st)
        return none;
    if (y->kind != Y_MAP)
        return y->kind == Y_SCALAR && strcmp(y->text, "next") == 0 ? next : leaf;
    const ynode *key = NULL;
    for (int i = 0; i < y->n && !key; i++)
        if (!is_keyword(ytree_key(y, i)->text))
            key = ytree_key(y, i);
    if (!key)
        return leaf;
    const char *k = key->text;
    cnt a, b;
    if (strcmp(k, "play") == 0 || strcmp(k, "repeat") == 0) {
        /* the body is counted on its own; what follows it may be reached zero times */
        const ynode *then = ytree_get(y, "then");
        a = then ? count_node(w, then, locals) : none;
        return (cnt){0, sat_add(1, a.m), 0, a.mexact, a.gen};
    }
    if (strcmp(k, "if") == 0) {
        const ynode *t = ytree_get(y, "then"), *e = ytree_get(y, "else");
        a = t ? count_node(w, t, locals) : none;
        b = e ? count_node(w, e, locals) : none;
        return (cnt){a.n < b.n ? a.n : b.n, sat_add(1, sat_add(a.m, b.m)), 0,
                     a.mexact && b.mexact, a.gen | b.gen};
    }
    if (strcmp(k, "next") == 0)
        return next;
    const ynode *m = ytree_get(y, k);   /* a decision (an actor's key) or chance: */
    if (!m || m->kind != Y_MAP)
        return leaf;
    a = count_options(w, m, locals);
    b = leaf;
    add(&b, a);
    return b;
}

static void put_count(char *s, size_t len, cnt c)
{
    if (c.n >= SAT)
        snprintf(s, len, "more than %.3g", (double)SAT);
    else
        snprintf(s, len, "%s%" PRIu64, c.exact ? "" : "at least ", c.n);
}

static brink_status refuse(walk *w, cnt whole, const char *sub, brink_error *err)
{
    char all[64], part[64];
    size_t lim = w->sc->lim.max_tree_nodes;
    if (w->cross_n.n <= lim) {
        /* the tree's bound is under the limit, not the nodes as written (if: branches not
         * taken, next: steps): refused all the same, since reading them makes each one */
        cnt asread = {w->cross_n.m, 0, w->cross_n.mexact, 1, 1};
        put_count(part, sizeof part, asread);
        return sc_err(w->sc, err, w->cross, BRINK_ETOOBIG,
                      "the options generated here make %s nodes as written, every if: branch "
                      "and next: counted (limit %zu, the node limit); reduce the values or "
                      "options, or raise the limit (--max-nodes N; Python: max_nodes=N)", part, lim);
    }
    put_count(all, sizeof all, whole);
    put_count(part, sizeof part, w->cross_n);
    if (sub)
        return sc_err(w->sc, err, w->cross, BRINK_ETOOBIG,
                      "sub-game '%s' would have %s nodes each time it is played (limit %zu): "
                      "the options generated here make %s; reduce the values or options, or "
                      "raise the limit (--max-nodes N; Python: max_nodes=N)", sub, all, lim, part);
    return sc_err(w->sc, err, w->cross, BRINK_ETOOBIG,
                  "the game would have %s nodes (limit %zu): the options generated here make "
                  "%s; reduce the values or options, or raise the limit (--max-nodes N; "
                  "Python: max_nodes=N)", all, lim, part);
}

brink_status sc_gen_precount(brink_scenario *sc, const ynode *root, brink_error *err)
{
    walk w = {sc, BRINK_OK, NULL, {0, 0, 0, 0, 0}};
    const ynode *subs = ytree_get(root, "subgames");
    for (int i = 0; subs && subs->kind == Y_MAP && i < subs->n; i++) {
        const ynode *v = ytree_val(subs, i);
        const ynode *body = v->kind == Y_MAP ? ytree_get(v, "body") : NULL;
        cnt c = body ? count_node(&w, body, NULL) : (cnt){0, 0, 0, 0, 0};
        if (w.st)
            return brink_error_set(err, w.st, "out of memory");
        if (w.cross)
            return refuse(&w, c, ytree_key(subs, i)->text, err);
    }
    const ynode *game = ytree_get(root, "game");
    cnt c = game ? count_node(&w, game, NULL) : (cnt){0, 0, 0, 0, 0};
    if (w.st)
        return brink_error_set(err, w.st, "out of memory");
    if (!w.cross)
        return BRINK_OK;
    for (int i = 0; i < sc->nactors; i++)
        if (sc->actors[i].ntypes > 0)   /* each type profile has its own copy of the tree */
            c.exact = 0;
    return refuse(&w, c, NULL, err);
}
