/* expand_env.c — the expansion's shared machinery: interned strings and closed expressions,
 * environments of sub-game calls, control flow (if / next / play / repeat), and pass 1, the
 * memoised count of the tree's nodes (see expand.c for the design).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/expand_int.h"
#include "scenario/generate.h"

brink_status x_fail(xctx *x, const sc_loc *loc, brink_status code, const char *fmt,
                         const char *a, const char *b)
{
    if (x->st)
        return x->st;
    x->st = brink_error_set_at(x->err, code, x->sc->file, loc ? loc->line : 0,
                               loc ? loc->col : 0, fmt, a ? a : "", b ? b : "");
    return x->st;
}

brink_status x_oom(xctx *x)
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
int x_str_id(xctx *x, const char *s)
{
    uint64_t h = htab_hash_bytes(s, strlen(s), 7);
    x->key = s;
    int i = htab_find(&x->strh, h, str_eq, x);
    if (i >= 0)
        return i;
    GROW(x->strs, x->nstrs, x->strcap, { x_oom(x); return -1; });
    const char *c = brink_arena_strdup(x->sc->arena, s);
    if (!c || htab_add(&x->strh, h, x->nstrs) != 0) {
        x_oom(x);
        return -1;
    }
    x->strs[x->nstrs] = c;
    return x->nstrs++;
}

const char *x_intern_str(xctx *x, const char *s)
{
    int i = x_str_id(x, s);
    return i < 0 ? NULL : x->strs[i];
}

/* ---------------------------------------------------------------- closed expressions */

static int expr_eq(void *ctx, int idx)
{
    xctx *x = ctx;
    return sc_expr_equal(x->sc->c.closed[idx], (const sc_expr *)x->key);
}

/* Intern a closed expression. owned: e is a fresh copy that is adopted or freed. */
int x_intern_expr(xctx *x, sc_expr *e, int owned)
{
    sc_compiled *c = &x->sc->c;
    if (!e) {
        x_oom(x);
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
            x_oom(x);
            return -1;
        }
    }
    if (c->nclosed >= c->closed_cap) {
        int cap = c->closed_cap ? 2 * c->closed_cap : 64;
        sc_expr **v = brink_reallocarray(c->closed, (size_t)cap, sizeof *v);
        if (!v) {
            sc_expr_free(e);
            x_oom(x);
            return -1;
        }
        c->closed = v;
        c->closed_cap = cap;
    }
    if (htab_add(&x->exh, e->hash, c->nclosed) != 0) {
        sc_expr_free(e);
        x_oom(x);
        return -1;
    }
    if (e->maxstack > c->maxstack)
        c->maxstack = e->maxstack;
    c->closed[c->nclosed] = e;
    return c->nclosed++;
}

/* Which values of environment ei's arguments the failing open expression e uses. */
static void inst_where(xctx *x, const sc_expr *e, int ei)
{
    const env *v = &x->envs[ei];
    unsigned char *used = v->nargs ? malloc((size_t)v->nargs) : NULL;
    for (int i = 0; used && i < v->nargs; i++)
        used[i] = sc_expr_uses_arg(e, i) != 0;
    x_err_where(x, ei, used);
    free(used);
}

/* Instantiate an open expression in environment ei (a fresh closed copy, or NULL). */
sc_expr *x_inst(xctx *x, const sc_expr *e, int ei)
{
    const env *v = &x->envs[ei];
    sc_expr *r = sc_expr_instantiate(e, v->args, v->nargs, x->sc->file, x->err);
    if (!r && !x->st) {
        x->st = x->err && x->err->code ? x->err->code : BRINK_ENOMEM;
        inst_where(x, e, ei);
    }
    return r;
}

int x_inst_id(xctx *x, const sc_expr *e, int ei)
{
    if (!(e->flags & SC_EXPR_HAS_ARG))
        return x_intern_expr(x, (sc_expr *)e, 0);
    sc_expr *r = x_inst(x, e, ei);
    int before = x->sc->c.nclosed;
    int id = r ? x_intern_expr(x, r, 1) : -1;
    /* c / (k - 2) with k = 2: every evaluation fails, the binding at the default values
       first, where the call is no longer known; said now, with the call's values (checked
       once per distinct expression) */
    const sc_expr *c = id >= before ? x->sc->c.closed[id] : NULL;
    const char *why = c && (c->flags & SC_EXPR_HAS_PARAM) ? sc_expr_zero_divisor(c) : NULL;
    if (why && !x->st) {
        x->st = brink_error_set_at(x->err, BRINK_EINVALID, x->sc->file, e->line, e->col,
                                   "%s in '%s'", why, e->text ? e->text : "?");
        inst_where(x, e, ei);
        return -1;
    }
    return id;
}

/* ---------------------------------------------------------------- where, for messages */

/* An argument's value in words: an actor's id, a number exactly, or the expression (of
 * parameters) it stands for. */
static void put_arg(xctx *x, const env *e, int i, brink_buf *b)
{
    const sc_subgame *sub = e->sub >= 0 ? &x->sc->subs[e->sub] : NULL;
    const sc_expr *a = e->args[i];
    if (!sc_expr_is_const(a)) {
        brink_buf_printf(b, "'%s'", a->text ? a->text : "?");
        return;
    }
    long who;
    if (sub && i < sub->nargs && sub->arg_actor && sub->arg_actor[i] &&
        mpz_cmp_ui(mpq_denref(a->kq[0]), 1) == 0 && mpz_fits_slong_p(mpq_numref(a->kq[0])) &&
        (who = mpz_get_si(mpq_numref(a->kq[0]))) >= 0 && who < x->sc->nactors) {
        brink_buf_puts(b, x->sc->actors[who].id);
        return;
    }
    sc_put_exact(b, a->kq[0]);
}

/* The words of where environment ei is ("in round 2 of sub-game 'stage', where k = 9"):
 * the values of its arguments marked in used[], into b; 0 when there are none. */
static int where_words(xctx *x, int ei, const unsigned char *used, brink_buf *b)
{
    if (!used || ei < 0 || ei >= x->nenvs)
        return 0;
    const env *e = &x->envs[ei];
    if (!e->names)
        return 0;
    const sc_subgame *sub = e->sub >= 0 ? &x->sc->subs[e->sub] : NULL;
    int ra = sub ? sub->round_arg : -1, round = 0, others = 0;
    /* `round` as "round R of": when it is a round a repeat plays (1, 2, ...) */
    if (ra >= 0 && ra < e->nargs && used[ra] && sc_expr_is_const(e->args[ra]) &&
        mpz_cmp_ui(mpq_denref(e->args[ra]->kq[0]), 1) == 0 && mpq_sgn(e->args[ra]->kq[0]) > 0)
        round = 1;
    for (int i = 0; i < e->nargs; i++)
        others += used[i] && !(round && i == ra);
    if (!round && !others)
        return 0;
    if (sub) {
        brink_buf_puts(b, "in ");
        if (round) {
            brink_buf_puts(b, "round ");
            put_arg(x, e, ra, b);
            brink_buf_puts(b, " of ");
        }
        brink_buf_printf(b, "sub-game '%s'", sub->name);
    }
    for (int i = 0, k = 0; i < e->nargs; i++) {
        if (!used[i] || (round && i == ra))
            continue;
        brink_buf_printf(b, "%s%s = ", k++ ? ", " : sub ? ", where " : "where ", e->names[i]);
        put_arg(x, e, i, b);
    }
    return !b->failed && b->data;
}

#define MAX_CALLERS 4   /* calls named above the one where it happened */

/* where_words, and then the calls that led there, nearest first, each with the values its
 * call's arguments read ("; called in round 1 of sub-game 'outer', where j = 1"): the
 * first call that made each environment. 0 when there are no words. */
static int chain_words(xctx *x, int ei, const unsigned char *used, brink_buf *b)
{
    if (!where_words(x, ei, used, b))
        return 0;
    for (int k = 0; k < MAX_CALLERS && ei >= 0 && ei < x->nenvs; k++) {
        const env *e = &x->envs[ei];
        int ci = e->caller1 - 1;
        const sc_node *n = e->call;
        if (ci < 0 || ci >= x->nenvs || !n || !n->args)
            break;
        const env *c = &x->envs[ci];
        const sc_subgame *sub = &x->sc->subs[n->sub];
        unsigned char *cu = malloc((size_t)c->nargs + 1);
        if (!cu)
            break;
        for (int j = 0; j < c->nargs; j++) {
            cu[j] = 0;
            for (int i = 0; i < sub->nargs && !cu[j]; i++)   /* as x_call_env reads them */
                cu[j] = i != n->index_arg && !(n->kind == SN_REPEAT && i == sub->round_arg) &&
                        !(n->arg_tpl && n->arg_tpl[i]) && n->args[i] &&
                        sc_expr_uses_arg(n->args[i], j);
        }
        brink_buf w;
        brink_buf_init(&w);
        int have = where_words(x, ci, cu, &w);
        free(cu);
        if (have)
            brink_buf_printf(b, "; called %s", w.data);
        brink_buf_free(&w);
        if (!have)
            break;
        ei = ci;
    }
    return !b->failed && b->data;
}

void x_err_where(xctx *x, int ei, const unsigned char *used)
{
    if (!x->err || x->err->code == BRINK_ENOMEM || x->err->code == BRINK_EINTERNAL)
        return;
    brink_buf b;
    brink_buf_init(&b);
    if (chain_words(x, ei, used, &b))
        brink_error_append(x->err, b.data);
    brink_buf_free(&b);
}

int x_prob_id(xctx *x, const sc_expr *e, int ei)
{
    sc_compiled *c = &x->sc->c;
    int before = c->nclosed, id = x_inst_id(x, e, ei);
    if (id < before || !(e->flags & SC_EXPR_HAS_ARG) || ei < 0 || ei >= x->nenvs)
        return id;   /* made before (its call kept then), no call in it, or an error */
    const env *v = &x->envs[ei];
    unsigned char *used = malloc((size_t)v->nargs + 1);
    brink_buf b;
    brink_buf_init(&b);
    if (!used) {
        x_oom(x);
        return -1;
    }
    for (int i = 0; i < v->nargs; i++)
        used[i] = sc_expr_uses_arg(e, i) != 0;
    int have = chain_words(x, ei, used, &b);
    free(used);
    if (b.failed) {
        brink_buf_free(&b);
        x_oom(x);
        return -1;
    }
    if (have) {
        const char *w = x_intern_str(x, b.data);
        if (!w) {
            brink_buf_free(&b);
            return -1;   /* x_str_id set the error */
        }
        if (c->nclosed_where < c->nclosed) {
            size_t n = (size_t)c->closed_cap > (size_t)c->nclosed ? (size_t)c->closed_cap
                                                                 : (size_t)c->nclosed;
            const char **nw = brink_reallocarray((void *)c->closed_where, n, sizeof *nw);
            if (!nw) {
                brink_buf_free(&b);
                x_oom(x);
                return -1;
            }
            for (size_t i = (size_t)c->nclosed_where; i < n; i++)
                nw[i] = NULL;
            c->closed_where = nw;
            c->nclosed_where = (int)n;
        }
        c->closed_where[id] = w;
    }
    brink_buf_free(&b);
    return id;
}

/* A value that must be known before the game exists (if: conditions, repeat counts). */
int x_const_value(xctx *x, const sc_expr *e, int ei, const char *what, mpq_t out)
{
    sc_expr *r = x_inst(x, e, ei);
    if (!r)
        return -1;
    if (!sc_expr_is_const(r)) {
        sc_loc loc = {e->line, e->col};
        x_fail(x, &loc, BRINK_EINVALID,
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
        a->next_round != b->next_round || a->nargs != b->nargs || a->names != b->names)
        return 0;
    for (int i = 0; i < a->nargs; i++)
        if (!sc_expr_equal(a->args[i], b->args[i]))
            return 0;
    return 1;
}

/* Intern an environment; takes ownership of args (freed when an equal one exists). */
int x_intern_env(xctx *x, env *e, const sc_loc *site)
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
        for (int k = e->borrowed; k < e->nargs; k++)
            sc_expr_free(e->args[k]);
        free(e->args);
        return i;
    }
    if (e->depth > x->sc->lim.max_call_depth) {
        char lim[32];
        snprintf(lim, sizeof lim, "%d", x->sc->lim.max_call_depth);
        x_fail(x, site, BRINK_ETOOBIG, "sub-game calls nested deeper than %s levels%s", lim, NULL);
        goto drop;
    }
    if (x->nenvs >= x->envcap) {
        int cap = x->envcap ? 2 * x->envcap : 64;
        env *v = brink_reallocarray(x->envs, (size_t)cap, sizeof *v);
        if (!v) {
            x_oom(x);
            goto drop;
        }
        x->envs = v;
        x->envcap = cap;
    }
    if (htab_add(&x->envh, h, x->nenvs) != 0) {
        x_oom(x);
        goto drop;
    }
    x->envs[x->nenvs] = *e;
    return x->nenvs++;
drop:
    for (int k = e->borrowed; k < e->nargs; k++)
        sc_expr_free(e->args[k]);
    free(e->args);
    return -1;
}

/* The actor an actor template names in environment ei ("E{round}" with round 2: E2), as
 * a constant expression of its index; NULL (x->st set) when it names none. */
static sc_expr *x_actor_tpl(xctx *x, const sc_actor_tpl *t, int ei, const sc_subgame *sub,
                            int arg)
{
    brink_scenario *sc = x->sc;
    brink_buf id;
    brink_buf_init(&id);
    mpq_t q;
    mpq_init(q);
    int ok = 1;
    for (int i = 0; i < t->nparts && ok; i++) {
        brink_buf_puts(&id, t->lit[i]);
        ok = x_const_value(x, t->part[i], ei, "a part of an actor template", q) == 0;
        if (ok)
            sc_put_number(&id, q);
    }
    mpq_clear(q);
    brink_buf_puts(&id, t->lit[t->nparts]);
    sc_expr *r = NULL;
    if (ok && id.failed) {
        x_oom(x);
    } else if (ok) {
        int who = sc_actor_find(sc, id.data);
        if (who >= 0) {
            if (!(r = sc_expr_const_si(who, 1)))
                x_oom(x);
        } else if (!x->st) {
            brink_buf known;
            brink_buf_init(&known);
            for (int j = 0; j < sc->nactors; j++)
                sc_list_add(&known, sc->actors[j].id);
            x->st = brink_error_set_at(x->err, BRINK_EINVALID, sc->file, t->loc.line,
                                       t->loc.col, "argument '%s' of sub-game '%s' is '%s' "
                                       "here (from \"%s\"), which is not an actor (actors: %s)",
                                       sub->arg_names[arg], sub->name, id.data, t->text,
                                       sc_list_text(&known));
            brink_buf_free(&known);
        }
    }
    brink_buf_free(&id);
    return r;
}

/* Environment for a call of sub-game `sub` from environment ei. Argument `index_arg`
 * (or -1) receives `round`. */
static int x_call_env(xctx *x, const sc_node *n, int ei, const sc_node *next,
                      int next_env, int next_round, long round)
{
    const sc_subgame *sub = &x->sc->subs[n->sub];
    env e;
    memset(&e, 0, sizeof e);
    e.sub = n->sub;
    e.nargs = sub->nargs;
    e.next = next;
    e.next_env = next_env;
    e.next_round = next_round;
    e.names = (const char *const *)sub->arg_names;
    e.depth = x->envs[ei].depth + 1;
    e.caller1 = ei + 1;
    e.call = n;
    e.args = brink_calloc((size_t)(sub->nargs ? sub->nargs : 1), sizeof *e.args);
    if (!e.args) {
        x_oom(x);
        return -1;
    }
    for (int i = 0; i < sub->nargs; i++) {
        if (i == n->index_arg || (n->kind == SN_REPEAT && i == sub->round_arg))
            e.args[i] = sc_expr_const_si(round, 1);
        else if (n->arg_tpl && n->arg_tpl[i])
            e.args[i] = x_actor_tpl(x, n->arg_tpl[i], ei, sub, i);
        else if (n->args[i])
            e.args[i] = x_inst(x, n->args[i], ei);
        else
            e.args[i] = sc_expr_instantiate(sub->arg_defaults[i], NULL, 0, x->sc->file, x->err);
        if (!e.args[i]) {
            if (!x->st)
                x_oom(x);
            for (int k = 0; k < i; k++)
                sc_expr_free(e.args[k]);
            free(e.args);
            return -1;
        }
    }
    return x_intern_env(x, &e, &n->loc);
}

/* ---------------------------------------------------------------- control flow */

/* Where a control node (if / next / play / repeat) leads. Returns 0, or -1 on error. */
int x_resolve(xctx *x, const sc_node *n, int ei, int round, target *t)
{
    const env *e = &x->envs[ei];
    mpq_t q;
    switch (n->kind) {
    case SN_IF:
        mpq_init(q);
        if (x_const_value(x, n->cond, ei, "an if: condition", q) != 0) {
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
            x_fail(x, &n->loc, BRINK_EINVALID,
                 "next: reached in sub-game '%s', but its call gives no then: to continue with%s",
                 e->sub >= 0 ? x->sc->subs[e->sub].name : "?", NULL);
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
        int ne = x_call_env(x, n, ei, next, next_env, next_round, 0);
        if (ne < 0)
            return -1;
        t->n = x->sc->subs[n->sub].body;
        t->env = ne;
        t->round = 0;
        return 0;
    }
    case SN_REPEAT: {
        mpq_init(q);
        if (x_const_value(x, n->times, ei, "repeat times:", q) != 0) {
            mpq_clear(q);
            return -1;
        }
        if (mpz_cmp_ui(mpq_denref(q), 1) != 0 || mpq_sgn(q) < 0 ||
            mpz_cmp_si(mpq_numref(q), x->sc->lim.max_repeat) > 0) {
            char lim[32];
            snprintf(lim, sizeof lim, "%d", x->sc->lim.max_repeat);
            mpq_clear(q);
            sc_loc loc = {n->times->line, n->times->col};
            x_fail(x, &loc, BRINK_EINVALID, "times: must be a whole number from 0 to %s%s", lim,
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
                x_fail(x, &n->loc, BRINK_EINVALID,
                     "after the last round of repeat there is nothing to continue with: give "
                     "then:%s%s", NULL, NULL);
                return -1;
            }
            t->n = e->next;
            t->env = e->next_env;
            t->round = e->next_round;
            return 0;
        }
        int ne = x_call_env(x, n, ei, n, ei, (int)r + 1, r);
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

/* ---------------------------------------------------------------- generators at expansion */

/* The environment of an option made by a generator: ei's, its variable bound to v. The
 * arguments before it are ei's own expressions, borrowed (environments live as long as the
 * expansion): one new expression per value. */
static int x_gen_env(xctx *x, int ei, const mpq_t v, const sc_loc *site,
                     const char *const *names)
{
    env e = x->envs[ei];
    e.names = names;
    int na = e.nargs;
    e.nargs = na + 1;
    e.borrowed = na;
    e.hash = 0;
    e.args = brink_reallocarray(NULL, (size_t)na + 1, sizeof *e.args);
    if (!e.args) {
        x_oom(x);
        return -1;
    }
    if (na)
        memcpy(e.args, x->envs[ei].args, (size_t)na * sizeof *e.args);
    if (!(e.args[na] = sc_expr_const(v, site->line, site->col))) {
        free(e.args);
        x_oom(x);
        return -1;
    }
    return x_intern_env(x, &e, site);
}

static int xo_eq(void *ctx, int idx)
{
    xctx *x = ctx;
    const xopts *k = x->key;
    return x->xo[idx].n == k->n && x->xo[idx].env == k->env;
}

/* Grow the arrays of options being made to hold k + 1. */
static int xo_grow(xctx *x, xopts *o, sc_loc **locs, int k, int *cap)
{
    if (k < *cap)
        return 0;
    size_t nc = *cap ? 2 * (size_t)*cap : 16;
    const char **l = brink_reallocarray((void *)o->labels, nc, sizeof *l);
    if (l)
        o->labels = l;
    const sc_node **nd = brink_reallocarray((void *)o->node, nc, sizeof *nd);
    if (nd)
        o->node = nd;
    int *e = brink_reallocarray(o->env_of, nc, sizeof *e);
    if (e)
        o->env_of = e;
    int *s = brink_reallocarray(o->slot, nc, sizeof *s);
    if (s)
        o->slot = s;
    sc_loc *c = brink_reallocarray(*locs, nc, sizeof *c);
    if (c)
        *locs = c;
    if (!l || !nd || !e || !s || !c) {
        x_oom(x);
        return -1;
    }
    *cap = (int)nc;
    return 0;
}

/* The arguments a generator's in: uses, marked for x_err_where (sc->gen_arg_names set). */
static unsigned char *gen_used(xctx *x, const sc_defgen *g)
{
    unsigned char *used = g->arg ? malloc((size_t)g->arg) : NULL;
    for (int j = 0; used && j < g->arg; j++)
        used[j] = sc_gen_uses_args(x->sc, g->in, g->locals, j) > 0;
    return used;
}

static void gen_where(xctx *x, int ei, const sc_defgen *g)
{
    unsigned char *used = gen_used(x, g);
    x_err_where(x, ei, used);
    free(used);
}

int x_options(xctx *x, const sc_node *n, int ei)
{
    if (!n->gens || x->st)
        return -1;
    xopts o;
    memset(&o, 0, sizeof o);
    o.n = n;
    o.env = ei;
    uint64_t h = htab_mix((uint64_t)(uintptr_t)n, (uint64_t)ei);
    x->key = &o;
    int found = htab_find(&x->xoh, h, xo_eq, x);
    if (found >= 0)
        return found;
    brink_scenario *sc = x->sc;
    o.first = brink_reallocarray(NULL, (size_t)n->nopts + 1, sizeof *o.first);
    o.vals = brink_calloc((size_t)n->nopts, sizeof *o.vals);
    o.nvals = brink_calloc((size_t)n->nopts, sizeof *o.nvals);
    if (!o.first || !o.vals || !o.nvals) {
        free(o.first);
        free(o.vals);
        free(o.nvals);
        x_oom(x);
        return -1;
    }
    sc_loc *locs = NULL;
    int cap = 0, k = 0;
    for (int i = 0; i < n->nopts && !x->st; i++) {
        const sc_defgen *g = n->gens[i];
        mpq_t *vals = NULL;
        int nv = 1;
        if (g) {
            const env *e = &x->envs[ei];
            if (e->nargs != g->arg) {
                x_fail(x, &g->in_loc, BRINK_EINTERNAL, "a generator's environment does not "
                       "match its arguments (a brink bug)%s%s", NULL, NULL);
                break;
            }
            sc->gen_arg_names = g->names;
            sc->gen_nargs = g->arg;
            sc->gen_arg_values = e->args;
            sc->gen_not_constant = 0;
            brink_status st = sc_gen_values(sc, g->in, g->locals, &vals, &nv, x->err);
            if (st && !sc->gen_not_constant)   /* the call whose values make a range empty,
                                                  its step 0, ... */
                gen_where(x, ei, g);
            sc->gen_arg_names = NULL;
            sc->gen_nargs = 0;
            sc->gen_arg_values = NULL;
            if (st) {
                x->st = st;
                break;
            }
            o.vals[i] = vals;
            o.nvals[i] = nv;
        }
        o.first[i] = k;
        if ((size_t)k + (size_t)nv > sc->lim.max_tree_nodes) {
            char lim[32];
            snprintf(lim, sizeof lim, "%zu", sc->lim.max_tree_nodes);
            x_fail(x, &n->loc, BRINK_ETOOBIG, "this %s has more than %s options (the node limit)",
                   n->kind == SN_CHANCE ? "chance move" : "decision", lim);
        }
        for (int v = 0; v < nv && !x->st; v++) {
            if (xo_grow(x, &o, &locs, k, &cap) != 0)
                break;
            locs[k] = n->opt_locs[i];
            o.node[k] = n->opts[i];
            o.slot[k] = i;
            o.env_of[k] = ei;
            o.labels[k] = n->opt_labels[i];   /* a generator's: x_option_labels */
            if (g)
                o.env_of[k] = -1;   /* made when asked for (x_option_env) */
            k++;
        }
    }
    o.first[n->nopts] = k;
    o.nopts = k;
    free(locs);
    if (!x->st)
        GROW(x->xo, x->nxo, x->xocap, { x_oom(x); });
    if (x->st || htab_add(&x->xoh, h, x->nxo) != 0) {
        x_xopts_free(&o, n->nopts);
        x_oom(x);
        return -1;
    }
    x->xo[x->nxo] = o;
    return x->nxo++;
}

/* The labels of the options (the count needs none): a generator's with its value in words,
 * checked, and every label of the node distinct; in the arena, for information sets. */
int x_option_labels(xctx *x, int xo)
{
    xopts *o = &x->xo[xo];
    if (o->labeled || x->st)
        return x->st ? -1 : 0;
    brink_scenario *sc = x->sc;
    const sc_node *n = o->n;
    int k = o->nopts;
    const char **labels = brink_arena_alloc(sc->arena, (size_t)(k ? k : 1) * sizeof *labels);
    sc_loc *locs = brink_reallocarray(NULL, (size_t)(k ? k : 1), sizeof *locs);
    if (!labels || !locs) {
        free(locs);
        x_oom(x);
        return -1;
    }
    for (int j = 0; j < k && !x->st; j++) {
        int s = o->slot[j];
        const sc_defgen *g = n->gens[s];
        locs[j] = n->opt_locs[s];
        labels[j] = n->opt_labels[s];
        if (!g)
            continue;
        const char *label = sc_gen_label(sc, n->opt_labels[s], g->var,
                                         o->vals[s][j - o->first[s]]);
        if (!label)
            x_oom(x);
        else if (!sc_gen_label_ok(label))
            x->st = brink_error_set_at(x->err, BRINK_EINVALID, sc->file, locs[j].line,
                                       locs[j].col, "generated option '%s' must be a word of "
                                       "letters, digits, _ - . and + (write the value as {%s} "
                                       "in the key)", label, g->var);
        labels[j] = label;
    }
    /* what made each label, for a clash's message */
    sc_genlabel *made = x->st ? NULL : brink_calloc((size_t)(k ? k : 1), sizeof *made);
    if (!x->st && !made)
        x_oom(x);
    for (int j = 0; made && j < k; j++) {
        int s = o->slot[j];
        const sc_defgen *g = n->gens[s];
        if (g) {
            made[j].key = n->opt_labels[s];
            made[j].var = g->var;
            made[j].value = o->vals[s][j - o->first[s]];
        }
    }
    int clash[2] = {-1, -1};
    if (!x->st && sc_gen_unique_labels(sc, labels, locs, made, k, clash, x->err)) {
        x->st = x->err && x->err->code ? x->err->code : BRINK_EINVALID;
        /* the round or arguments of this call that the two generators' values use */
        const env *e = &x->envs[o->env];
        unsigned char *used = e->nargs ? brink_calloc((size_t)e->nargs, 1) : NULL;
        for (int c = 0; used && c < 2; c++) {
            const sc_defgen *g = clash[c] >= 0 ? n->gens[o->slot[clash[c]]] : NULL;
            if (!g || g->arg != e->nargs)
                continue;
            sc->gen_arg_names = g->names;
            sc->gen_nargs = g->arg;
            unsigned char *u = gen_used(x, g);
            sc->gen_arg_names = NULL;
            sc->gen_nargs = 0;
            for (int i = 0; u && i < g->arg; i++)
                used[i] |= u[i];
            free(u);
        }
        x_err_where(x, o->env, used);
        free(used);
    }
    free(made);
    free(locs);
    if (x->st)
        return -1;
    free((void *)o->labels);
    o->labels = labels;
    o->labeled = 1;
    return 0;
}

void x_xopts_free(xopts *o, int nslots)
{
    if (!o->labeled)
        free((void *)o->labels);
    free((void *)o->node);
    free(o->env_of);
    free(o->slot);
    free(o->first);
    for (int i = 0; o->vals && i < nslots; i++)
        brink_q_array_free(o->vals[i], (size_t)o->nvals[i]);
    free(o->vals);
    free(o->nvals);
}

int x_option_env(xctx *x, int xo, int j)
{
    const xopts *o = &x->xo[xo];
    if (o->env_of[j] >= 0 || x->st)
        return o->env_of[j];
    int s = o->slot[j];
    int e = x_gen_env(x, o->env, o->vals[s][j - o->first[s]], &o->n->gens[s]->in_loc,
                      o->n->gens[s]->names);
    x->xo[xo].env_of[j] = e;
    return e;
}

/* ---------------------------------------------------------------- pass 1: count */

static int memo_eq(void *ctx, int idx)
{
    xctx *x = ctx;
    const memo *a = &x->memos[idx], *b = x->key;
    return a->n == b->n && a->env == b->env && a->round == b->round;
}

uint64_t x_sat_add(uint64_t a, uint64_t b)
{
    uint64_t s = a + b;
    return (s < a || s > SAT_LIMIT) ? SAT_LIMIT : s;
}

uint64_t x_sat_mul(uint64_t a, uint64_t b)
{
    if (a && b > SAT_LIMIT / a)
        return SAT_LIMIT;
    return a * b;
}

int x_enter(xctx *x, const sc_node *n)
{
    if (++x->depth > x->sc->lim.max_tree_depth) {
        char lim[32];
        snprintf(lim, sizeof lim, "%d", x->sc->lim.max_tree_depth);
        x_fail(x, &n->loc, BRINK_ETOOBIG,
             "the game tree is deeper than %s levels here (too many rounds or nested calls)%s",
             lim, NULL);
        return 0;
    }
    return 1;
}

/* One open node of the counting walk, which keeps its own stack (no recursion). */
struct cframe {
    const sc_node *n;
    int ei, round;
    uint64_t h;              /* memo hash of (n, ei, round) */
    uint64_t count;          /* nodes so far */
    int next_opt;            /* decision / chance: the next option to count */
    int pending;             /* a child was entered: add x->ccount when back here */
    int done;                /* control node: its target was entered */
    int xo;                  /* its options made at expansion (x->xo), -1 none, -2 not yet */
    int slot;                /* the generator of the last option counted ... */
    uint64_t slot_count;     /* ... and the nodes of its options so far */
};

/* Enter (n, ei, round): a memo hit sets x->ccount at once; otherwise push a frame. */
static void count_enter(xctx *x, const sc_node *n, int ei, int round)
{
    memo key = {n, ei, round, 0};
    uint64_t h = htab_mix(htab_mix((uint64_t)(uintptr_t)n, (uint64_t)ei), (uint64_t)round);
    x->key = &key;
    int mi = htab_find(&x->memoh, h, memo_eq, x);
    if (mi >= 0) {
        x->ccount = x->memos[mi].count;
        return;
    }
    if (!x_enter(x, n))
        return;
    GROW(x->cframes, x->ncframes, x->cframecap, { x_oom(x); x->depth--; return; });
    cframe *f = &x->cframes[x->ncframes++];
    memset(f, 0, sizeof *f);
    f->n = n;
    f->ei = ei;
    f->round = round;
    f->h = h;
    f->xo = -2;
    f->slot = -1;
    f->count = n->kind == SN_LEAF || n->kind == SN_DECISION || n->kind == SN_CHANCE ? 1 : 0;
}

/* Pop the top frame, memoise its count and hand it to the parent in x->ccount. */
static void count_leave(xctx *x)
{
    cframe *f = &x->cframes[--x->ncframes];
    x->depth--;
    if (x->st)
        return;
    GROW(x->memos, x->nmemo, x->memocap, { x_oom(x); return; });
    memo *m = &x->memos[x->nmemo];
    m->n = f->n;
    m->env = f->ei;
    m->round = f->round;
    m->count = f->count;
    if (htab_add(&x->memoh, f->h, x->nmemo) != 0) {
        x_oom(x);
        return;
    }
    x->nmemo++;
    x->ccount = f->count;
}

/* An option made at expansion was counted (x->ccount nodes): add them. When the generator's
 * variable does not decide the shape below (sc_defgen.shape_dep), every value has as many
 * nodes as the first: its options are counted at once. Past the node limit, refuse the game
 * at the generator's in: (the count so far is a lower bound on the game's). */
static void count_generated(xctx *x, cframe *f)
{
    const xopts *o = &x->xo[f->xo];
    int j = f->next_opt - 1, slot = o->slot[j];
    const sc_defgen *g = f->n->gens[slot];
    int size = o->first[slot + 1] - o->first[slot];
    uint64_t c = x->ccount;
    if (g && !g->shape_dep && j == o->first[slot] && size > 1) {
        c = x_sat_mul(c, (uint64_t)size);
        f->next_opt = o->first[slot + 1];
    }
    f->count = x_sat_add(f->count, c);
    if (slot != f->slot) {
        f->slot = slot;
        f->slot_count = 0;
    }
    f->slot_count = x_sat_add(f->slot_count, c);
    size_t lim = x->sc->lim.max_tree_nodes;
    if (!g || f->count <= lim)
        return;
    int all = f->next_opt == o->first[slot + 1];
    char whole[64], part[64];
    snprintf(whole, sizeof whole, "%s%llu", f->count >= SAT_LIMIT ? "more than " : "",
             (unsigned long long)f->count);
    snprintf(part, sizeof part, "%s%llu", all && f->slot_count < SAT_LIMIT ? "" : "at least ",
             (unsigned long long)f->slot_count);
    x->st = brink_error_set_at(x->err, BRINK_ETOOBIG, x->sc->file, g->in_loc.line,
                               g->in_loc.col, "the game would have at least %s nodes (limit "
                               "%zu): the options generated here make %s; reduce the values or "
                               "options, or raise the limit (--max-nodes N; Python: max_nodes=N)%s",
                               whole, lim, part,
                               /* the compact path was due, as the node-limit refusal says
                                  (tester 12, F7) */
                               x->sc->lim.compact_above && f->count > x->sc->lim.compact_above
                                   ? "; it is not solved as a compact game (each distinct "
                                     "sub-game once) because some options are made as the tree "
                                     "is expanded (generators over round or sub-game arguments)"
                                   : "");
}

uint64_t x_count(xctx *x, const sc_node *n, int ei, int round)
{
    if (x->st)
        return 0;
    int base = x->ncframes;
    x->ccount = 0;
    count_enter(x, n, ei, round);
    while (x->ncframes > base) {
        cframe *f = &x->cframes[x->ncframes - 1];
        if (x->st) {
            count_leave(x);
            continue;
        }
        if (f->pending) {
            f->pending = 0;
            if (f->xo >= 0)
                count_generated(x, f);
            else
                f->count = x_sat_add(f->count, x->ccount);
            if (x->st)
                continue;
        }
        const sc_node *m = f->n;
        int moves = m->kind == SN_DECISION || m->kind == SN_CHANCE;
        if (moves && f->xo == -2) {
            f->xo = x_options(x, m, f->ei);
            if (x->st)
                continue;
        }
        const xopts *o = moves && f->xo >= 0 ? &x->xo[f->xo] : NULL;
        if (moves && f->next_opt < (o ? o->nopts : m->nopts)) {
            int j = f->next_opt++;
            f->pending = 1;
            int ej = o ? x_option_env(x, f->xo, j) : f->ei;
            if (ej < 0)
                continue;
            count_enter(x, o ? o->node[j] : m->opts[j], ej, 0);
        } else if (m->kind != SN_LEAF && m->kind != SN_DECISION && m->kind != SN_CHANCE &&
                   !f->done) {
            target t;
            f->done = 1;
            if (x_resolve(x, m, f->ei, f->round, &t) == 0) {
                f->pending = 1;
                count_enter(x, t.n, t.env, t.round);
            }
        } else {
            count_leave(x);
        }
    }
    return x->st ? 0 : x->ccount;
}
