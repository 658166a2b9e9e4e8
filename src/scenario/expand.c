/* expand.c — from the scenario's tree description to the game tree, in two passes.
 *
 * Pass 1 counts the nodes the description expands to, memoised on (node, environment,
 * round) so that a description whose expansion is astronomically large is measured in time
 * proportional to the description; above limits.max_tree_nodes it is refused with
 * BRINK_ETOOBIG stating the count. Pass 2 walks the same way and writes the tree in pre-order
 * (sc->c), computing information sets from what each actor has seen:
 *
 *   an actor's VIEW at a node is the sequence of events it observed on the path: its own
 *   type, its own moves, the moves of others it sees (all, unless `hidden`/`seen_by` say
 *   otherwise), and chance outcomes it sees. Two decision nodes of an actor are in the same
 *   information set exactly when its views there are equal.
 *
 * Views are interned as (parent view, event) pairs, so equality is integer equality. Because
 * every own move extends the view, equal views imply equal own histories: perfect recall
 * holds by construction (the emitted game is still checked).
 *
 * Environments: a sub-game call creates an environment holding its arguments (closed
 * expressions, instantiated in the caller's environment) and the continuation that `next`
 * leads to. Environments are interned so equal calls share memo entries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/htab.h"
#include "scenario/model.h"

#define GROW(ptr, n, cap, fail)                                                         \
    do {                                                                                \
        if ((n) >= (cap)) {                                                             \
            int ncap_ = (cap) ? 2 * (cap) : 64;                                         \
            void *np_ = brink_reallocarray((ptr), (size_t)ncap_, sizeof *(ptr));        \
            if (!np_) {                                                                 \
                fail;                                                                   \
            }                                                                           \
            (ptr) = np_;                                                                \
            (cap) = ncap_;                                                              \
        }                                                                               \
    } while (0)

#define SAT_LIMIT (UINT64_MAX >> 2)

enum { EV_TYPE = 1, EV_MOVE, EV_CHANCE };

typedef struct env {
    int sub, nargs;
    sc_expr **args;            /* closed; owned here */
    const sc_node *next;
    int next_env, next_round;
    int depth;
    uint64_t hash;
} env;

typedef struct memo {
    const sc_node *n;
    int env, round;
    uint64_t count;
} memo;

typedef struct term {
    int actor, type, expr;
} term;

typedef struct xctx {
    brink_scenario *sc;
    brink_error *err;
    brink_status st;
    int depth;
    /* environments */
    env *envs;
    int nenvs, envcap;
    htab envh;
    /* count memo */
    memo *memos;
    int nmemo, memocap;
    htab memoh;
    /* interned strings */
    const char **strs;
    int nstrs, strcap;
    htab strh;
    /* events and views */
    int *ev_kind, *ev_who, *ev_label;
    int nev, evcap;
    htab evh;
    int *vw_parent, *vw_event;
    int nvw, vwcap;
    htab vwh;
    /* infoset lookup (actor, view) */
    int *xi_view, *xi_actor;
    int xicap;
    htab ish;
    /* closed expressions */
    htab exh;
    /* pref combination cache: (pref, value expr) -> closed id */
    int *pc_pref, *pc_val, *pc_res;
    int npc, pccap;
    htab pch;
    /* build state */
    int *view, *types, *level, *value;
    term *terms;
    int nterms, termcap;
    int node;                  /* next node index */
    int pend_mover;
    uint64_t pend_seen;
    const char *pend_text;
    /* temporaries for key lookups */
    const void *key;
} xctx;

static brink_status fail(xctx *x, const sc_loc *loc, brink_status code, const char *fmt,
                         const char *a, const char *b)
{
    if (x->st)
        return x->st;
    char msg[400];
    snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
    x->st = brink_error_set_at(x->err, code, x->sc->file, loc ? loc->line : 0,
                               loc ? loc->col : 0, "%s", msg);
    return x->st;
}

static brink_status oom(xctx *x)
{
    if (!x->st)
        x->st = brink_error_set(x->err, BRINK_ENOMEM, "out of memory while compiling the game");
    return x->st;
}

/* ---------------------------------------------------------------- strings */

static int str_eq(void *ctx, int idx)
{
    xctx *x = ctx;
    return strcmp(x->strs[idx], (const char *)x->key) == 0;
}

/* Intern a string (copied into the scenario's arena); returns its id or -1. */
static int str_id(xctx *x, const char *s)
{
    uint64_t h = htab_hash_bytes(s, strlen(s), 7);
    x->key = s;
    int i = htab_find(&x->strh, h, str_eq, x);
    if (i >= 0)
        return i;
    GROW(x->strs, x->nstrs, x->strcap, { oom(x); return -1; });
    const char *c = brink_arena_strdup(x->sc->arena, s);
    if (!c || htab_add(&x->strh, h, x->nstrs) != 0) {
        oom(x);
        return -1;
    }
    x->strs[x->nstrs] = c;
    return x->nstrs++;
}

static const char *intern_str(xctx *x, const char *s)
{
    int i = str_id(x, s);
    return i < 0 ? NULL : x->strs[i];
}

/* ---------------------------------------------------------------- closed expressions */

static int expr_eq(void *ctx, int idx)
{
    xctx *x = ctx;
    return sc_expr_equal(x->sc->c.closed[idx], (const sc_expr *)x->key);
}

/* Intern a closed expression. owned: e is a fresh copy that is adopted or freed. */
static int intern_expr(xctx *x, sc_expr *e, int owned)
{
    sc_compiled *c = &x->sc->c;
    if (!e) {
        oom(x);
        return -1;
    }
    x->key = e;
    int i = htab_find(&x->exh, e->hash, expr_eq, x);
    if (i >= 0) {
        if (owned)
            sc_expr_free(e);
        return i;
    }
    if (!owned) {
        e = sc_expr_instantiate(e, NULL, 0, x->sc->file, x->err);
        if (!e) {
            oom(x);
            return -1;
        }
    }
    if (c->nclosed >= c->closed_cap) {
        int cap = c->closed_cap ? 2 * c->closed_cap : 64;
        sc_expr **v = brink_reallocarray(c->closed, (size_t)cap, sizeof *v);
        if (!v) {
            sc_expr_free(e);
            oom(x);
            return -1;
        }
        c->closed = v;
        c->closed_cap = cap;
    }
    if (htab_add(&x->exh, e->hash, c->nclosed) != 0) {
        sc_expr_free(e);
        oom(x);
        return -1;
    }
    if (e->maxstack > c->maxstack)
        c->maxstack = e->maxstack;
    c->closed[c->nclosed] = e;
    return c->nclosed++;
}

/* Instantiate an open expression in environment ei (a fresh closed copy, or NULL). */
static sc_expr *inst(xctx *x, const sc_expr *e, int ei)
{
    const env *v = &x->envs[ei];
    sc_expr *r = sc_expr_instantiate(e, v->args, v->nargs, x->sc->file, x->err);
    if (!r && !x->st)
        x->st = x->err && x->err->code ? x->err->code : BRINK_ENOMEM;
    return r;
}

static int inst_id(xctx *x, const sc_expr *e, int ei)
{
    if (!(e->flags & SC_EXPR_HAS_ARG))
        return intern_expr(x, (sc_expr *)e, 0);
    sc_expr *r = inst(x, e, ei);
    return r ? intern_expr(x, r, 1) : -1;
}

/* A value that must be known before the game exists (if: conditions, repeat counts). */
static int const_value(xctx *x, const sc_expr *e, int ei, const char *what, mpq_t out)
{
    sc_expr *r = inst(x, e, ei);
    if (!r)
        return -1;
    if (!sc_expr_is_const(r)) {
        sc_loc loc = {e->line, e->col};
        fail(x, &loc, BRINK_EINVALID,
             "%s must be known when the tree is built: it may use sub-game arguments but not "
             "parameters ('%s')", what, e->text);
        sc_expr_free(r);
        return -1;
    }
    mpq_set(out, r->kq[0]);
    sc_expr_free(r);
    return 0;
}

/* ---------------------------------------------------------------- environments */

static int env_eq(void *ctx, int idx)
{
    xctx *x = ctx;
    const env *a = &x->envs[idx], *b = x->key;
    if (a->sub != b->sub || a->next != b->next || a->next_env != b->next_env ||
        a->next_round != b->next_round || a->nargs != b->nargs)
        return 0;
    for (int i = 0; i < a->nargs; i++)
        if (!sc_expr_equal(a->args[i], b->args[i]))
            return 0;
    return 1;
}

/* Intern an environment; takes ownership of args (freed when an equal one exists). */
static int intern_env(xctx *x, env *e, const sc_loc *site)
{
    uint64_t h = htab_mix((uint64_t)(e->sub + 1), (uint64_t)(uintptr_t)e->next);
    h = htab_mix(h, (uint64_t)(e->next_env + 1));
    h = htab_mix(h, (uint64_t)e->next_round);
    for (int i = 0; i < e->nargs; i++)
        h = htab_mix(h, e->args[i]->hash);
    e->hash = h;
    x->key = e;
    int i = htab_find(&x->envh, h, env_eq, x);
    if (i >= 0) {
        for (int k = 0; k < e->nargs; k++)
            sc_expr_free(e->args[k]);
        free(e->args);
        return i;
    }
    if (e->depth > x->sc->lim.max_call_depth) {
        char lim[32];
        snprintf(lim, sizeof lim, "%d", x->sc->lim.max_call_depth);
        fail(x, site, BRINK_ETOOBIG, "sub-game calls nested deeper than %s levels%s", lim, NULL);
        goto drop;
    }
    if (x->nenvs >= x->envcap) {
        int cap = x->envcap ? 2 * x->envcap : 64;
        env *v = brink_reallocarray(x->envs, (size_t)cap, sizeof *v);
        if (!v) {
            oom(x);
            goto drop;
        }
        x->envs = v;
        x->envcap = cap;
    }
    if (htab_add(&x->envh, h, x->nenvs) != 0) {
        oom(x);
        goto drop;
    }
    x->envs[x->nenvs] = *e;
    return x->nenvs++;
drop:
    for (int k = 0; k < e->nargs; k++)
        sc_expr_free(e->args[k]);
    free(e->args);
    return -1;
}

/* Environment for a call of sub-game `sub` from environment ei. Argument `index_arg`
 * (or -1) receives `round`. */
static int call_env(xctx *x, const sc_node *n, int ei, const sc_node *next, int next_env,
                    int next_round, long round)
{
    const sc_subgame *sub = &x->sc->subs[n->sub];
    env e;
    memset(&e, 0, sizeof e);
    e.sub = n->sub;
    e.nargs = sub->nargs;
    e.next = next;
    e.next_env = next_env;
    e.next_round = next_round;
    e.depth = x->envs[ei].depth + 1;
    e.args = brink_calloc((size_t)(sub->nargs ? sub->nargs : 1), sizeof *e.args);
    if (!e.args) {
        oom(x);
        return -1;
    }
    for (int i = 0; i < sub->nargs; i++) {
        if (i == n->index_arg)
            e.args[i] = sc_expr_const_si(round, 1);
        else if (n->args[i])
            e.args[i] = inst(x, n->args[i], ei);
        else
            e.args[i] = sc_expr_instantiate(sub->arg_defaults[i], NULL, 0, x->sc->file, x->err);
        if (!e.args[i]) {
            if (!x->st)
                oom(x);
            for (int k = 0; k < i; k++)
                sc_expr_free(e.args[k]);
            free(e.args);
            return -1;
        }
    }
    return intern_env(x, &e, &n->loc);
}

/* ---------------------------------------------------------------- control flow */

typedef struct target {
    const sc_node *n;
    int env, round;
} target;

/* Where a control node (if / next / play / repeat) leads. Returns 0, or -1 on error. */
static int resolve(xctx *x, const sc_node *n, int ei, int round, target *t)
{
    const env *e = &x->envs[ei];
    mpq_t q;
    switch (n->kind) {
    case SN_IF:
        mpq_init(q);
        if (const_value(x, n->cond, ei, "an if: condition", q) != 0) {
            mpq_clear(q);
            return -1;
        }
        t->n = mpq_sgn(q) ? n->if_then : n->if_else;
        t->env = ei;
        t->round = 0;
        mpq_clear(q);
        return 0;
    case SN_NEXT:
        if (!e->next) {
            char name[80];
            snprintf(name, sizeof name, "%s", e->sub >= 0 ? x->sc->subs[e->sub].name : "?");
            fail(x, &n->loc, BRINK_EINVALID,
                 "next: reached in sub-game '%s', but its call gives no then: to continue with%s",
                 name, NULL);
            return -1;
        }
        t->n = e->next;
        t->env = e->next_env;
        t->round = e->next_round;
        return 0;
    case SN_PLAY: {
        const sc_node *next = n->then ? n->then : e->next;
        int next_env = n->then ? ei : e->next_env;
        int next_round = n->then ? 0 : e->next_round;
        int ne = call_env(x, n, ei, next, next_env, next_round, 0);
        if (ne < 0)
            return -1;
        t->n = x->sc->subs[n->sub].body;
        t->env = ne;
        t->round = 0;
        return 0;
    }
    case SN_REPEAT: {
        mpq_init(q);
        if (const_value(x, n->times, ei, "repeat times:", q) != 0) {
            mpq_clear(q);
            return -1;
        }
        if (mpz_cmp_ui(mpq_denref(q), 1) != 0 || mpq_sgn(q) < 0 ||
            mpz_cmp_si(mpq_numref(q), x->sc->lim.max_repeat) > 0) {
            char lim[32];
            snprintf(lim, sizeof lim, "%d", x->sc->lim.max_repeat);
            mpq_clear(q);
            sc_loc loc = {n->times->line, n->times->col};
            fail(x, &loc, BRINK_EINVALID, "times: must be a whole number from 0 to %s%s", lim,
                 NULL);
            return -1;
        }
        long times = mpz_get_si(mpq_numref(q));
        mpq_clear(q);
        long r = round < 1 ? 1 : round;
        if (r > times) {
            if (n->then) {
                t->n = n->then;
                t->env = ei;
                t->round = 0;
                return 0;
            }
            if (!e->next) {
                fail(x, &n->loc, BRINK_EINVALID,
                     "after the last round of repeat there is nothing to continue with: give "
                     "then:%s%s", NULL, NULL);
                return -1;
            }
            t->n = e->next;
            t->env = e->next_env;
            t->round = e->next_round;
            return 0;
        }
        int ne = call_env(x, n, ei, n, ei, (int)r + 1, r);
        if (ne < 0)
            return -1;
        t->n = x->sc->subs[n->sub].body;
        t->env = ne;
        t->round = 0;
        return 0;
    }
    default:
        return -1;
    }
}

/* ---------------------------------------------------------------- pass 1: count */

static int memo_eq(void *ctx, int idx)
{
    xctx *x = ctx;
    const memo *a = &x->memos[idx], *b = x->key;
    return a->n == b->n && a->env == b->env && a->round == b->round;
}

static uint64_t sat_add(uint64_t a, uint64_t b)
{
    uint64_t s = a + b;
    return (s < a || s > SAT_LIMIT) ? SAT_LIMIT : s;
}

static uint64_t sat_mul(uint64_t a, uint64_t b)
{
    if (a && b > SAT_LIMIT / a)
        return SAT_LIMIT;
    return a * b;
}

static int enter(xctx *x, const sc_node *n)
{
    if (++x->depth > x->sc->lim.max_tree_depth) {
        char lim[32];
        snprintf(lim, sizeof lim, "%d", x->sc->lim.max_tree_depth);
        fail(x, &n->loc, BRINK_ETOOBIG,
             "the game tree is deeper than %s levels here (too many rounds or nested calls)%s",
             lim, NULL);
        return 0;
    }
    return 1;
}

static uint64_t count(xctx *x, const sc_node *n, int ei, int round)
{
    if (x->st)
        return 0;
    memo key = {n, ei, round, 0};
    uint64_t h = htab_mix(htab_mix((uint64_t)(uintptr_t)n, (uint64_t)ei), (uint64_t)round);
    x->key = &key;
    int mi = htab_find(&x->memoh, h, memo_eq, x);
    if (mi >= 0)
        return x->memos[mi].count;
    if (!enter(x, n))
        return 0;
    uint64_t c = 0;
    switch (n->kind) {
    case SN_LEAF:
        c = 1;
        break;
    case SN_DECISION:
    case SN_CHANCE:
        c = 1;
        for (int i = 0; i < n->nopts && !x->st; i++)
            c = sat_add(c, count(x, n->opts[i], ei, 0));
        break;
    default: {
        target t;
        if (resolve(x, n, ei, round, &t) == 0)
            c = count(x, t.n, t.env, t.round);
        break;
    }
    }
    x->depth--;
    if (x->st)
        return 0;
    GROW(x->memos, x->nmemo, x->memocap, { oom(x); return 0; });
    x->memos[x->nmemo] = key;
    x->memos[x->nmemo].count = c;
    if (htab_add(&x->memoh, h, x->nmemo) != 0) {
        oom(x);
        return 0;
    }
    x->nmemo++;
    return c;
}

/* ---------------------------------------------------------------- pass 2: build */

static int ev_eq(void *ctx, int idx)
{
    xctx *x = ctx;
    const int *k = x->key;
    return x->ev_kind[idx] == k[0] && x->ev_who[idx] == k[1] && x->ev_label[idx] == k[2];
}

static int intern_event(xctx *x, int kind, int who, int label)
{
    int k[3] = {kind, who, label};
    uint64_t h = htab_mix(htab_mix((uint64_t)kind, (uint64_t)(who + 2)), (uint64_t)label);
    x->key = k;
    int i = htab_find(&x->evh, h, ev_eq, x);
    if (i >= 0)
        return i;
    int cap = x->evcap;
    GROW(x->ev_kind, x->nev, cap, { oom(x); return -1; });
    cap = x->evcap;
    GROW(x->ev_who, x->nev, cap, { oom(x); return -1; });
    cap = x->evcap;
    GROW(x->ev_label, x->nev, cap, { oom(x); return -1; });
    x->evcap = cap;
    x->ev_kind[x->nev] = kind;
    x->ev_who[x->nev] = who;
    x->ev_label[x->nev] = label;
    if (htab_add(&x->evh, h, x->nev) != 0) {
        oom(x);
        return -1;
    }
    return x->nev++;
}

static int vw_eq(void *ctx, int idx)
{
    xctx *x = ctx;
    const int *k = x->key;
    return x->vw_parent[idx] == k[0] && x->vw_event[idx] == k[1];
}

static int extend_view(xctx *x, int view, int event)
{
    int k[2] = {view, event};
    uint64_t h = htab_mix((uint64_t)(view + 1), (uint64_t)event);
    x->key = k;
    int i = htab_find(&x->vwh, h, vw_eq, x);
    if (i >= 0)
        return i;
    int cap = x->vwcap;
    GROW(x->vw_parent, x->nvw, cap, { oom(x); return -1; });
    cap = x->vwcap;
    GROW(x->vw_event, x->nvw, cap, { oom(x); return -1; });
    x->vwcap = cap;
    x->vw_parent[x->nvw] = view;
    x->vw_event[x->nvw] = event;
    if (htab_add(&x->vwh, h, x->nvw) != 0) {
        oom(x);
        return -1;
    }
    return x->nvw++;
}

static int is_eq(void *ctx, int idx)
{
    xctx *x = ctx;
    const int *k = x->key;
    return x->xi_actor[idx] == k[0] && x->xi_view[idx] == k[1];
}

/* Render actor a's view: label path ("demand/hold_firm") and words ("DPRK demand, USA
 * hold_firm"). The actor's own type is left out (reports name the type separately). */
static void render_view(xctx *x, int a, int view, char *path, size_t psz, char *words,
                        size_t wsz)
{
    int evs[512], n = 0;
    for (int v = view; v >= 0 && n < 512; v = x->vw_parent[v])
        evs[n++] = x->vw_event[v];
    path[0] = words[0] = '\0';
    size_t pl = 0, wl = 0;
    for (int i = n - 1; i >= 0; i--) {
        int e = evs[i];
        if (x->ev_kind[e] == EV_TYPE)
            continue;
        const char *label = x->strs[x->ev_label[e]];
        const char *who = x->ev_kind[e] == EV_MOVE ? x->sc->actors[x->ev_who[e]].id
                                                    : x->strs[x->ev_who[e]];
        if (pl < psz)
            pl += (size_t)snprintf(path + pl, psz - pl, "%s%s", pl ? "/" : "", label);
        if (wl < wsz)
            wl += (size_t)snprintf(words + wl, wsz - wl, "%s%s %s", wl ? ", " : "", who, label);
    }
    (void)a;
    if (!path[0])
        snprintf(path, psz, "start");
}

static int new_xinfoset(xctx *x, const sc_node *n, int player, int view)
{
    sc_compiled *c = &x->sc->c;
    if (c->nxinfosets >= x->xicap) {
        int cap = x->xicap ? 2 * x->xicap : 64;
        sc_xinfoset *v = brink_reallocarray(c->xinfosets, (size_t)cap, sizeof *v);
        int *a = brink_reallocarray(x->xi_actor, (size_t)cap, sizeof *a);
        if (v)
            c->xinfosets = v;
        if (a)
            x->xi_actor = a;
        int *w = brink_reallocarray(x->xi_view, (size_t)cap, sizeof *w);
        if (w)
            x->xi_view = w;
        if (!v || !a || !w) {
            oom(x);
            return -1;
        }
        x->xicap = cap;
    }
    int id = c->nxinfosets;
    sc_xinfoset *xi = &c->xinfosets[id];
    memset(xi, 0, sizeof *xi);
    xi->player = player;
    xi->nact = n->nopts;
    xi->actions = n->opt_labels;
    xi->loc = n->loc;
    xi->type = player >= 0 && x->sc->actors[player].ntypes ? x->types[player] : -1;
    x->xi_actor[id] = player;
    x->xi_view[id] = view;
    if (player >= 0) {
        char path[400], words[600];
        render_view(x, player, view, path, sizeof path, words, sizeof words);
        xi->label = intern_str(x, n->name ? n->name : path);
        xi->view = intern_str(x, words);
        if (!xi->label || !xi->view)
            return -1;
    } else {
        xi->label = intern_str(x, n->name ? n->name : "chance");
        if (!xi->label)
            return -1;
        xi->view = "";
    }
    c->nxinfosets++;
    return id;
}

static int emit_node(xctx *x, int xinfoset, int leaf)
{
    sc_compiled *c = &x->sc->c;
    int v = x->node++;
    c->x_infoset[v] = xinfoset;
    c->x_leaf[v] = leaf;
    c->edge_mover[v] = x->pend_mover;
    c->edge_seen[v] = x->pend_seen;
    c->edge_text[v] = x->pend_text;
    for (int a = 0; a < c->nplayers; a++)
        c->node_type[(size_t)v * (size_t)c->nplayers + (size_t)a] = x->types[a];
    return v;
}

static int push_term(xctx *x, int actor, int type, int expr)
{
    GROW(x->terms, x->nterms, x->termcap, { oom(x); return -1; });
    x->terms[x->nterms].actor = actor;
    x->terms[x->nterms].type = type;
    x->terms[x->nterms].expr = expr;
    x->nterms++;
    return 0;
}

static int pc_eq(void *ctx, int idx)
{
    xctx *x = ctx;
    const int *k = x->key;
    return x->pc_pref[idx] == k[0] && x->pc_val[idx] == k[1];
}

/* The payoff term of a numeric-issue preference at a given issue value (cached). */
static int pref_term(xctx *x, int pi, int value_expr)
{
    int k[2] = {pi, value_expr};
    uint64_t h = htab_mix((uint64_t)pi, (uint64_t)value_expr);
    x->key = k;
    int i = htab_find(&x->pch, h, pc_eq, x);
    if (i >= 0)
        return x->pc_res[i];
    const sc_pref *p = &x->sc->prefs[pi];
    const sc_expr *val = x->sc->c.closed[value_expr];
    sc_expr *t = NULL;
    if (p->kind == SC_PREF_LINEAR) {
        t = sc_expr_combine(SC_OP_MUL, p->weight, val, x->err);
    } else {
        sc_expr *d = sc_expr_combine(SC_OP_SUB, val, p->ideal, x->err);
        sc_expr *l = d ? (p->quadratic ? sc_expr_combine(SC_OP_MUL, d, d, x->err)
                                       : sc_expr_combine(SC_OP_ABS, d, NULL, x->err))
                       : NULL;
        sc_expr *w = l ? sc_expr_combine(SC_OP_MUL, p->weight, l, x->err) : NULL;
        t = w ? sc_expr_combine(SC_OP_NEG, w, NULL, x->err) : NULL;
        sc_expr_free(d);
        sc_expr_free(l);
        sc_expr_free(w);
    }
    if (!t) {
        oom(x);
        return -1;
    }
    /* fold when everything is constant */
    sc_expr *f = sc_expr_instantiate(t, NULL, 0, x->sc->file, x->err);
    sc_expr_free(t);
    if (!f) {
        if (!x->st)
            x->st = x->err && x->err->code ? x->err->code : BRINK_ENOMEM;
        return -1;
    }
    int id = intern_expr(x, f, 1);
    if (id < 0)
        return -1;
    int cap = x->pccap;
    GROW(x->pc_pref, x->npc, cap, { oom(x); return -1; });
    cap = x->pccap;
    GROW(x->pc_val, x->npc, cap, { oom(x); return -1; });
    cap = x->pccap;
    GROW(x->pc_res, x->npc, cap, { oom(x); return -1; });
    x->pccap = cap;
    x->pc_pref[x->npc] = pi;
    x->pc_val[x->npc] = value_expr;
    x->pc_res[x->npc] = id;
    if (htab_add(&x->pch, h, x->npc) != 0) {
        oom(x);
        return -1;
    }
    x->npc++;
    return id;
}

static int build_leaf(xctx *x)
{
    brink_scenario *sc = x->sc;
    sc_compiled *c = &sc->c;
    int leaf = c->nleaves++;
    int ni = sc->nissues;
    char text[600];
    size_t tl = 0;
    text[0] = '\0';
    for (int k = 0; k < ni; k++) {
        const sc_issue *is = &sc->issues[k];
        c->leaf_level[(size_t)leaf * (size_t)ni + (size_t)k] = is->nlevels ? x->level[k] : -1;
        c->leaf_value_expr[(size_t)leaf * (size_t)ni + (size_t)k] = is->nlevels ? -1 : x->value[k];
        if (tl < sizeof text) {
            if (is->nlevels)
                tl += (size_t)snprintf(text + tl, sizeof text - tl, "%s%s=%s", tl ? ", " : "",
                                       is->name, is->levels[x->level[k]]);
            else {
                /* a constant prints as its value (tallies fold to one), else as written */
                const sc_expr *e = c->closed[x->value[k]];
                char num[64];
                if (sc_expr_is_const(e)) {
                    if (mpz_cmp_ui(mpq_denref(e->kq[0]), 1) == 0)
                        gmp_snprintf(num, sizeof num, "%Zd", mpq_numref(e->kq[0]));
                    else
                        snprintf(num, sizeof num, "%.6g", e->kd[0]);
                }
                tl += (size_t)snprintf(text + tl, sizeof text - tl, "%s%s=%s", tl ? ", " : "",
                                       is->name, sc_expr_is_const(e) ? num : e->text);
            }
        }
    }
    c->leaf_text[leaf] = intern_str(x, ni ? text : "end");
    if (!c->leaf_text[leaf])
        return -1;
    return leaf;
}

/* Collect the leaf's payoff terms into c->leaf_term (appended), player by player. */
static int leaf_terms(xctx *x, int leaf, int **out, int *nout, int *cap)
{
    brink_scenario *sc = x->sc;
    sc_compiled *c = &sc->c;
    int np = c->nplayers;
    for (int a = 0; a < np; a++) {
        c->leaf_term_start[(size_t)leaf * (size_t)np + (size_t)a] = *nout;
        int t = x->types[a];
        for (int pi = 0; pi < sc->nprefs; pi++) {
            const sc_pref *p = &sc->prefs[pi];
            if (p->actor != a || (p->type >= 0 && p->type != t))
                continue;
            int id = -1;
            if (p->kind == SC_PREF_LEVEL) {
                if (x->level[p->issue] != p->level)
                    continue;
                id = intern_expr(x, p->weight, 0);
            } else {
                id = pref_term(x, pi, x->value[p->issue]);
            }
            if (id < 0)
                return -1;
            GROW(*out, *nout, *cap, { oom(x); return -1; });
            (*out)[(*nout)++] = id;
        }
        for (int i = 0; i < x->nterms; i++) {
            const term *tm = &x->terms[i];
            if (tm->actor != a || (tm->type >= 0 && tm->type != t))
                continue;
            GROW(*out, *nout, *cap, { oom(x); return -1; });
            (*out)[(*nout)++] = tm->expr;
        }
    }
    return 0;
}

typedef struct undo {
    int issue, level, value;
} undo;

static brink_status build(xctx *x, const sc_node *n, int ei, int round, int **terms,
                          int *nterms, int *termcap);

/* Apply a node's outcome settings and payoff terms; returns how many settings were saved
 * in saved[] (caller restores) or -1. Terms are pushed on x->terms. */
static int apply_node(xctx *x, const sc_node *n, int ei, undo *saved)
{
    for (int i = 0; i < n->nsettings; i++) {
        const sc_setting *s = &n->settings[i];
        saved[i].issue = s->issue;
        saved[i].level = x->level[s->issue];
        saved[i].value = x->value[s->issue];
        if (s->level >= 0) {
            x->level[s->issue] = s->level;
        } else {
            int id = inst_id(x, s->value, ei);
            if (id < 0)
                return -1;
            if (s->add) {   /* tally: old + amount, folded when both are constants */
                sc_expr *sum = sc_expr_combine(SC_OP_ADD, x->sc->c.closed[x->value[s->issue]],
                                               x->sc->c.closed[id], x->err);
                sc_expr *f = sum ? sc_expr_instantiate(sum, NULL, 0, x->sc->file, x->err) : NULL;
                sc_expr_free(sum);
                id = f ? intern_expr(x, f, 1) : -1;
                if (id < 0) {
                    if (!x->st)
                        oom(x);
                    return -1;
                }
            }
            x->value[s->issue] = id;
        }
    }
    for (int i = 0; i < n->npay; i++) {
        int id = inst_id(x, n->pay[i].amount, ei);
        if (id < 0 || push_term(x, n->pay[i].actor, n->pay[i].type, id) != 0)
            return -1;
    }
    return n->nsettings;
}

static brink_status build_moves(xctx *x, const sc_node *n, int ei, int **terms, int *nterms,
                                int *termcap)
{
    brink_scenario *sc = x->sc;
    int np = sc->c.nplayers;
    int xi;
    int mover = n->kind == SN_DECISION ? n->actor : -1;
    if (n->kind == SN_DECISION) {
        int k[2] = {n->actor, x->view[n->actor]};
        uint64_t h = htab_mix((uint64_t)n->actor, (uint64_t)(k[1] + 1));
        x->key = k;
        xi = htab_find(&x->ish, h, is_eq, x);
        if (xi >= 0) {
            const sc_xinfoset *o = &sc->c.xinfosets[xi];
            int same = o->nact == n->nopts;
            for (int i = 0; same && i < n->nopts; i++)
                same = strcmp(o->actions[i], n->opt_labels[i]) == 0;
            if (!same) {
                char other[80];
                snprintf(other, sizeof other, "line %d, column %d", o->loc.line, o->loc.col);
                return fail(x, &n->loc, BRINK_EINVALID,
                            "%s cannot tell this decision apart from the one at %s (it has seen "
                            "the same things), so both must offer the same options in the same "
                            "order", sc->actors[n->actor].id, other);
            }
        } else {
            xi = new_xinfoset(x, n, n->actor, x->view[n->actor]);
            if (xi < 0 || htab_add(&x->ish, h, xi) != 0)
                return oom(x);
        }
    } else {
        xi = new_xinfoset(x, n, BRINK_CHANCE, -1);
        if (xi < 0)
            return oom(x);
        sc_xinfoset *c = &sc->c.xinfosets[xi];
        c->prob_expr = brink_arena_alloc(sc->arena, (size_t)n->nopts * sizeof *c->prob_expr);
        if (!c->prob_expr)
            return oom(x);
        for (int i = 0; i < n->nopts; i++) {
            c->prob_expr[i] = inst_id(x, n->probs[i], ei);
            if (c->prob_expr[i] < 0)
                return x->st;
            if (sc->c.closed[c->prob_expr[i]]->flags & SC_EXPR_INEXACT)
                c->inexact = 1;
        }
    }
    emit_node(x, xi, -1);
    int who = mover >= 0 ? mover : str_id(x, n->name ? n->name : "chance");
    if (who < 0 && mover < 0)
        return oom(x);
    uint64_t seen = n->seen_set ? n->seen_by : ~(uint64_t)0;
    if (mover >= 0)
        seen |= (uint64_t)1 << mover;
    if (np < 64)
        seen &= ((uint64_t)1 << np) - 1;
    int local[BRINK_MAX_PLAYERS];
    memcpy(local, x->view, (size_t)np * sizeof *local);
    for (int i = 0; i < n->nopts && !x->st; i++) {
        int lid = str_id(x, n->opt_labels[i]);
        int ev = lid < 0 ? -1 : intern_event(x, mover >= 0 ? EV_MOVE : EV_CHANCE, who, lid);
        if (ev < 0)
            return oom(x);
        int views[BRINK_MAX_PLAYERS];
        for (int a = 0; a < np; a++) {
            views[a] = local[a];
            if (seen & ((uint64_t)1 << a)) {
                views[a] = extend_view(x, local[a], ev);
                if (views[a] < 0)
                    return oom(x);
            }
        }
        char text[200];
        snprintf(text, sizeof text, "%s: %s",
                 mover >= 0 ? sc->actors[mover].id : (n->name ? n->name : "chance"),
                 n->opt_labels[i]);
        x->pend_mover = mover;
        x->pend_seen = seen;
        x->pend_text = intern_str(x, text);
        if (!x->pend_text)
            return oom(x);
        memcpy(x->view, views, (size_t)np * sizeof *views);
        build(x, n->opts[i], ei, 0, terms, nterms, termcap);
    }
    memcpy(x->view, local, (size_t)np * sizeof *local);
    return x->st;
}

static brink_status build(xctx *x, const sc_node *n, int ei, int round, int **terms,
                          int *nterms, int *termcap)
{
    if (x->st)
        return x->st;
    if (!enter(x, n))
        return x->st;
    undo saved_local[8];
    undo *saved = n->nsettings <= 8 ? saved_local
                                    : brink_calloc((size_t)n->nsettings, sizeof *saved);
    if (!saved)
        return oom(x);
    int nterms_before = x->nterms;
    /* a repeat node's own settings apply once, on entry, not again each round */
    int nsaved = 0;
    if (!(n->kind == SN_REPEAT && round > 1))
        nsaved = apply_node(x, n, ei, saved);
    if (nsaved >= 0) {
        switch (n->kind) {
        case SN_LEAF: {
            int leaf = build_leaf(x);
            if (leaf >= 0) {
                emit_node(x, -1, leaf);
                leaf_terms(x, leaf, terms, nterms, termcap);
            }
            break;
        }
        case SN_DECISION:
        case SN_CHANCE:
            build_moves(x, n, ei, terms, nterms, termcap);
            break;
        default: {
            target t;
            if (resolve(x, n, ei, round, &t) == 0)
                build(x, t.n, t.env, t.round, terms, nterms, termcap);
            break;
        }
        }
    }
    for (int i = (nsaved > 0 ? nsaved : 0) - 1; i >= 0; i--) {
        x->level[saved[i].issue] = saved[i].level;
        x->value[saved[i].issue] = saved[i].value;
    }
    x->nterms = nterms_before;
    if (saved != saved_local)
        free(saved);
    x->depth--;
    return x->st;
}

/* Harsanyi: one chance move per actor with private types, each seen only by that actor. */
static brink_status build_types(xctx *x, int a, int **terms, int *nterms, int *termcap)
{
    brink_scenario *sc = x->sc;
    while (a < sc->nactors && sc->actors[a].ntypes == 0)
        a++;
    if (a == sc->nactors)
        return build(x, sc->root, 0, 0, terms, nterms, termcap);
    const sc_actor *ac = &sc->actors[a];
    sc_node tmp;   /* a synthetic chance node describing the type draw */
    memset(&tmp, 0, sizeof tmp);
    tmp.kind = SN_CHANCE;
    tmp.loc = ac->types_loc;
    tmp.nopts = ac->ntypes;
    const char **labels = brink_arena_alloc(sc->arena, (size_t)ac->ntypes * sizeof *labels);
    if (!labels)
        return oom(x);
    for (int t = 0; t < ac->ntypes; t++)
        labels[t] = ac->types[t].name;
    tmp.opt_labels = labels;
    char nm[100];
    snprintf(nm, sizeof nm, "type of %s", ac->id);
    tmp.name = intern_str(x, nm);
    int xi = new_xinfoset(x, &tmp, BRINK_CHANCE, -1);
    if (xi < 0)
        return oom(x);
    sc_xinfoset *c = &sc->c.xinfosets[xi];
    c->prob_expr = brink_arena_alloc(sc->arena, (size_t)ac->ntypes * sizeof *c->prob_expr);
    if (!c->prob_expr)
        return oom(x);
    for (int t = 0; t < ac->ntypes; t++) {
        c->prob_expr[t] = intern_expr(x, ac->types[t].prior, 0);
        if (c->prob_expr[t] < 0)
            return x->st;
        if (ac->types[t].prior->flags & SC_EXPR_INEXACT)
            c->inexact = 1;
    }
    emit_node(x, xi, -1);
    int saved = x->view[a];
    for (int t = 0; t < ac->ntypes && !x->st; t++) {
        int lid = str_id(x, ac->types[t].name);
        int ev = lid < 0 ? -1 : intern_event(x, EV_TYPE, a, lid);
        if (ev < 0)
            return oom(x);
        x->view[a] = extend_view(x, saved, ev);
        if (x->view[a] < 0)
            return oom(x);
        x->types[a] = t;
        char text[200];
        snprintf(text, sizeof text, "%s is %s", ac->id, ac->types[t].name);
        x->pend_mover = -2;
        x->pend_seen = (uint64_t)1 << a;
        x->pend_text = intern_str(x, text);
        if (!x->pend_text)
            return oom(x);
        build_types(x, a + 1, terms, nterms, termcap);
    }
    x->view[a] = saved;
    x->types[a] = -1;
    return x->st;
}

static uint64_t count_types(xctx *x)
{
    /* nodes = chance nodes of the type draws + (type profiles) * body */
    uint64_t body = count(x, x->sc->root, 0, 0), total = 0, profiles = 1;
    for (int a = 0; a < x->sc->nactors; a++) {
        int k = x->sc->actors[a].ntypes;
        if (!k)
            continue;
        total = sat_add(total, profiles);      /* one draw node per earlier profile */
        profiles = sat_mul(profiles, (uint64_t)k);
    }
    return sat_add(total, sat_mul(profiles, body));
}

static void xctx_free(xctx *x)
{
    for (int i = 0; i < x->nenvs; i++) {
        for (int k = 0; k < x->envs[i].nargs; k++)
            sc_expr_free(x->envs[i].args[k]);
        free(x->envs[i].args);
    }
    free(x->envs);
    htab_free(&x->envh);
    free(x->memos);
    htab_free(&x->memoh);
    free(x->strs);
    htab_free(&x->strh);
    free(x->ev_kind);
    free(x->ev_who);
    free(x->ev_label);
    htab_free(&x->evh);
    free(x->vw_parent);
    free(x->vw_event);
    htab_free(&x->vwh);
    free(x->xi_view);
    free(x->xi_actor);
    htab_free(&x->ish);
    htab_free(&x->exh);
    free(x->pc_pref);
    free(x->pc_val);
    free(x->pc_res);
    htab_free(&x->pch);
    free(x->view);
    free(x->types);
    free(x->level);
    free(x->value);
    free(x->terms);
}

brink_status sc_expand(brink_scenario *sc, brink_error *err)
{
    xctx x;
    memset(&x, 0, sizeof x);
    x.sc = sc;
    x.err = err;
    htab_init(&x.envh);
    htab_init(&x.memoh);
    htab_init(&x.strh);
    htab_init(&x.evh);
    htab_init(&x.vwh);
    htab_init(&x.ish);
    htab_init(&x.exh);
    htab_init(&x.pch);
    sc_compiled *c = &sc->c;
    int *terms = NULL, nterms = 0, termcap = 0;
    brink_status st = BRINK_OK;

    /* the top-level environment: no sub-game, no continuation */
    env top;
    memset(&top, 0, sizeof top);
    top.sub = -1;
    top.next_env = -1;
    if (intern_env(&x, &top, NULL) != 0) {
        st = x.st ? x.st : oom(&x);
        goto out;
    }

    /* ---- pass 1 ---- */
    uint64_t total = count_types(&x);
    if (x.st) {
        st = x.st;
        goto out;
    }
    sc->tree_nodes = total;
    if (total > sc->lim.max_tree_nodes) {
        char cnt[64];
        if (total >= SAT_LIMIT)
            snprintf(cnt, sizeof cnt, "more than %.3g", (double)SAT_LIMIT);
        else
            snprintf(cnt, sizeof cnt, "%llu", (unsigned long long)total);
        st = brink_error_set_at(err, BRINK_ETOOBIG, sc->file, sc->root->loc.line,
                                sc->root->loc.col,
                                "the game would have %s nodes (limit %zu); reduce rounds or "
                                "options, or raise the limit", cnt, sc->lim.max_tree_nodes);
        goto out;
    }

    /* ---- pass 2 ---- */
    int np = sc->nactors, ni = sc->nissues;
    size_t nn = (size_t)total;
    c->nplayers = np;
    c->nnodes = (int)nn;
    c->x_infoset = brink_calloc(nn, sizeof *c->x_infoset);
    c->x_leaf = brink_calloc(nn, sizeof *c->x_leaf);
    c->edge_mover = brink_calloc(nn, sizeof *c->edge_mover);
    c->edge_seen = brink_calloc(nn, sizeof *c->edge_seen);
    c->edge_text = brink_calloc(nn, sizeof *c->edge_text);
    c->node_type = brink_calloc(nn * (size_t)np, sizeof *c->node_type);
    c->leaf_level = brink_calloc(nn * (size_t)(ni ? ni : 1), sizeof *c->leaf_level);
    c->leaf_value_expr = brink_calloc(nn * (size_t)(ni ? ni : 1), sizeof *c->leaf_value_expr);
    c->leaf_text = brink_calloc(nn, sizeof *c->leaf_text);
    c->leaf_term_start = brink_calloc(nn * (size_t)np + 1, sizeof *c->leaf_term_start);
    x.view = brink_calloc((size_t)np, sizeof *x.view);
    x.types = brink_calloc((size_t)np, sizeof *x.types);
    x.level = brink_calloc((size_t)(ni ? ni : 1), sizeof *x.level);
    x.value = brink_calloc((size_t)(ni ? ni : 1), sizeof *x.value);
    if (!c->x_infoset || !c->x_leaf || !c->edge_mover || !c->edge_seen || !c->edge_text ||
        !c->node_type || !c->leaf_level || !c->leaf_value_expr || !c->leaf_text ||
        !c->leaf_term_start || !x.view || !x.types || !x.level || !x.value) {
        st = oom(&x);
        goto out;
    }
    for (int a = 0; a < np; a++) {
        x.view[a] = -1;
        x.types[a] = -1;
    }
    for (int k = 0; k < ni; k++) {
        const sc_issue *is = &sc->issues[k];
        x.level[k] = is->default_level;
        x.value[k] = is->nlevels ? -1 : intern_expr(&x, is->default_value, 0);
        if (!is->nlevels && x.value[k] < 0) {
            st = x.st;
            goto out;
        }
    }
    x.pend_mover = -3;
    x.pend_seen = ~(uint64_t)0;
    x.pend_text = "";
    build_types(&x, 0, &terms, &nterms, &termcap);
    if (x.st) {
        st = x.st;
        goto out;
    }
    if (x.node != c->nnodes) {
        st = brink_error_set(err, BRINK_EINTERNAL, "expansion wrote %d nodes, counted %d",
                             x.node, c->nnodes);
        goto out;
    }
    c->leaf_term_start[(size_t)c->nleaves * (size_t)np] = nterms;
    c->leaf_term = terms;
    terms = NULL;
out:
    free(terms);
    xctx_free(&x);
    return st;
}
