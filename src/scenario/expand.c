/* expand.c — from the scenario's tree description to the game tree, in two passes.
 *
 * Pass 1 counts the nodes the description expands to, memoised on (node, environment,
 * round) so that a description whose expansion is astronomically large is measured in time
 * proportional to the description; above limits.max_tree_nodes it is refused with
 * BRINK_ETOOBIG stating the count (and so are trees whose issue records or payoff sums would
 * be too large). Pass 2 walks the same way and writes the tree in pre-order (sc->c),
 * computing information sets from what each actor has seen. Both walks keep their own stacks
 * on the heap (frames in xctx), so a tree at limits.max_tree_depth never exhausts the C
 * stack. Views:
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

#include "scenario/compact.h"
#include "scenario/expand_int.h"

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
    GROW(x->ev_kind, x->nev, cap, { x_oom(x); return -1; });
    cap = x->evcap;
    GROW(x->ev_who, x->nev, cap, { x_oom(x); return -1; });
    cap = x->evcap;
    GROW(x->ev_label, x->nev, cap, { x_oom(x); return -1; });
    x->evcap = cap;
    x->ev_kind[x->nev] = kind;
    x->ev_who[x->nev] = who;
    x->ev_label[x->nev] = label;
    if (htab_add(&x->evh, h, x->nev) != 0) {
        x_oom(x);
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
    GROW(x->vw_parent, x->nvw, cap, { x_oom(x); return -1; });
    cap = x->vwcap;
    GROW(x->vw_event, x->nvw, cap, { x_oom(x); return -1; });
    cap = x->vwcap;
    GROW(x->vw_len, x->nvw, cap, { x_oom(x); return -1; });
    x->vwcap = cap;
    x->vw_parent[x->nvw] = view;
    x->vw_event[x->nvw] = event;
    x->vw_len[x->nvw] = (view >= 0 ? x->vw_len[view] : 0) + (x->ev_kind[event] != EV_TYPE);
    if (htab_add(&x->vwh, h, x->nvw) != 0) {
        x_oom(x);
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

/* Render a view: label path ("demand/hold_firm") and words ("DPRK demand, USA hold_firm").
 * The actor's own type is left out (reports name the type separately). A view of more than
 * SC_VIEW_SHOWN events shows its last SC_VIEW_SHOWN, after "(N earlier)": labels and words
 * of deep trees would otherwise grow with the square of the depth. */
static int render_view(xctx *x, int view, brink_buf *path, brink_buf *words)
{
    int evs[SC_VIEW_SHOWN], n = 0;
    int total = view >= 0 ? x->vw_len[view] : 0;
    for (int v = view; v >= 0 && n < SC_VIEW_SHOWN; v = x->vw_parent[v])
        if (x->ev_kind[x->vw_event[v]] != EV_TYPE)
            evs[n++] = x->vw_event[v];
    brink_buf_reset(path);
    brink_buf_reset(words);
    if (total > n) {
        brink_buf_printf(path, "(%d earlier)", total - n);
        brink_buf_printf(words, "(%d earlier events)", total - n);
    }
    for (int i = n - 1; i >= 0; i--) {
        int e = evs[i];
        const char *label = x->strs[x->ev_label[e]];
        const char *who = x->ev_kind[e] == EV_MOVE ? x->sc->actors[x->ev_who[e]].id
                                                    : x->strs[x->ev_who[e]];
        brink_buf_printf(path, "%s%s", path->len ? "/" : "", label);
        brink_buf_printf(words, "%s%s %s", words->len ? ", " : "", who, label);
    }
    if (!path->len)
        brink_buf_puts(path, "start");
    brink_buf_append(words, "", 0);   /* NUL-terminated even when empty */
    return path->failed || words->failed ? -1 : 0;
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
            x_oom(x);
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
        if (render_view(x, view, &x->pathbuf, &x->wordbuf) != 0)
            return -1;
        xi->label = x_intern_str(x, n->name ? n->name : x->pathbuf.data);
        xi->view = x_intern_str(x, x->wordbuf.data);
        if (!xi->label || !xi->view)
            return -1;
    } else {
        xi->label = x_intern_str(x, n->name ? n->name : "chance");
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
    GROW(x->terms, x->nterms, x->termcap, { x_oom(x); return -1; });
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
int x_pref_term(xctx *x, int pi, int value_expr)
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
        x_oom(x);
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
    int id = x_intern_expr(x, f, 1);
    if (id < 0)
        return -1;
    int cap = x->pccap;
    GROW(x->pc_pref, x->npc, cap, { x_oom(x); return -1; });
    cap = x->pccap;
    GROW(x->pc_val, x->npc, cap, { x_oom(x); return -1; });
    cap = x->pccap;
    GROW(x->pc_res, x->npc, cap, { x_oom(x); return -1; });
    x->pccap = cap;
    x->pc_pref[x->npc] = pi;
    x->pc_val[x->npc] = value_expr;
    x->pc_res[x->npc] = id;
    if (htab_add(&x->pch, h, x->npc) != 0) {
        x_oom(x);
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
    brink_buf *text = &x->textbuf;
    brink_buf_reset(text);
    for (int k = 0; k < ni; k++) {
        const sc_issue *is = &sc->issues[k];
        c->leaf_level[(size_t)leaf * (size_t)ni + (size_t)k] = is->nlevels ? x->level[k] : -1;
        c->leaf_value_expr[(size_t)leaf * (size_t)ni + (size_t)k] = is->nlevels ? -1 : x->value[k];
        brink_buf_printf(text, "%s%s=", k ? ", " : "", is->name);
        if (is->nlevels) {
            brink_buf_puts(text, is->levels[x->level[k]]);
        } else {
            /* a constant prints as its value (tallies fold to one), else as written */
            const sc_expr *e = c->closed[x->value[k]];
            if (sc_expr_is_const(e))
                sc_put_number(text, e->kq[0]);
            else
                brink_buf_puts(text, e->text);
        }
    }
    if (text->failed) {
        x_oom(x);
        return -1;
    }
    c->leaf_text[leaf] = x_intern_str(x, ni ? text->data : "end");
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
                id = x_intern_expr(x, p->weight, 0);
            } else {
                id = x_pref_term(x, pi, x->value[p->issue]);
            }
            if (id < 0)
                return -1;
            GROW(*out, *nout, *cap, { x_oom(x); return -1; });
            (*out)[(*nout)++] = id;
        }
        for (int i = 0; i < x->nterms; i++) {
            const term *tm = &x->terms[i];
            if (tm->actor != a || (tm->type >= 0 && tm->type != t))
                continue;
            GROW(*out, *nout, *cap, { x_oom(x); return -1; });
            (*out)[(*nout)++] = tm->expr;
        }
    }
    return 0;
}

/* The actor of a decision or payoff key: fixed, or the value of the enclosing sub-game's
 * actor argument (an actor index, set by parse_args). -1 (and x->st set) if it is not one. */
int x_actor(xctx *x, int actor, int ei, const sc_loc *loc)
{
    if (actor >= 0)
        return actor;
    const env *e = &x->envs[ei];
    int i = SC_ACTOR_ARG_INDEX(actor);
    const sc_expr *v = i >= 0 && i < e->nargs ? e->args[i] : NULL;
    if (v && sc_expr_is_const(v) && mpz_cmp_ui(mpq_denref(v->kq[0]), 1) == 0 &&
        mpz_sgn(mpq_numref(v->kq[0])) >= 0 &&
        mpz_cmp_ui(mpq_numref(v->kq[0]), (unsigned long)x->sc->nactors) < 0)
        return (int)mpz_get_ui(mpq_numref(v->kq[0]));
    x_fail(x, loc, BRINK_EINTERNAL, "%s%s", "an actor argument without an actor (a brink bug)", "");
    return -1;
}

/* Apply a node's outcome settings and payoff terms; returns how many settings were saved
 * in saved[] (caller restores) or -1. Terms are pushed on x->terms. */
int x_apply_node(xctx *x, const sc_node *n, int ei, undo *saved)
{
    for (int i = 0; i < n->nsettings; i++) {
        const sc_setting *s = &n->settings[i];
        saved[i].issue = s->issue;
        saved[i].level = x->level[s->issue];
        saved[i].value = x->value[s->issue];
        if (s->level >= 0) {
            x->level[s->issue] = s->level;
        } else {
            int id = x_inst_id(x, s->value, ei);
            if (id < 0)
                return -1;
            if (s->add) {   /* tally: old + amount, folded when both are constants */
                sc_expr *sum = sc_expr_combine(SC_OP_ADD, x->sc->c.closed[x->value[s->issue]],
                                               x->sc->c.closed[id], x->err);
                sc_expr *f = sum ? sc_expr_instantiate(sum, NULL, 0, x->sc->file, x->err) : NULL;
                sc_expr_free(sum);
                id = f ? x_intern_expr(x, f, 1) : -1;
                if (id < 0) {
                    if (!x->st)
                        x->st = x->err && x->err->code ? x->err->code : x_oom(x);
                    return -1;
                }
            }
            x->value[s->issue] = id;
        }
    }
    for (int i = 0; i < n->npay; i++) {
        int id = x_inst_id(x, n->pay[i].amount, ei);
        int who = x_actor(x, n->pay[i].actor, ei, &n->pay[i].loc);
        if (id < 0 || who < 0 || push_term(x, who, n->pay[i].type, id) != 0)
            return -1;
    }
    return n->nsettings;
}

/* The information set of a decision or chance node (found or made), its node emitted. */
static int moves_infoset(xctx *x, const sc_node *n, int ei, int xo)
{
    brink_scenario *sc = x->sc;
    /* the options: n's, or those made at expansion */
    const xopts *o = xo >= 0 ? &x->xo[xo] : NULL;
    int nopts = o ? o->nopts : n->nopts;
    const char *const *labels = o ? o->labels : n->opt_labels;
    int xi;
    if (n->kind == SN_DECISION) {
        int actor = x_actor(x, n->actor, ei, &n->loc);
        if (actor < 0)
            return -1;
        int k[2] = {actor, x->view[actor]};
        uint64_t h = htab_mix((uint64_t)actor, (uint64_t)(k[1] + 1));
        x->key = k;
        xi = htab_find(&x->ish, h, is_eq, x);
        if (xi >= 0) {
            const sc_xinfoset *q = &sc->c.xinfosets[xi];
            int same = q->nact == nopts;
            for (int i = 0; same && i < nopts; i++)
                same = strcmp(q->actions[i], labels[i]) == 0;
            if (!same) {
                char other[80];   /* two ints: always fits */
                snprintf(other, sizeof other, "line %d, column %d", q->loc.line, q->loc.col);
                x_fail(x, &n->loc, BRINK_EINVALID,
                       "%s cannot tell this decision apart from the one at %s (it has seen "
                       "the same things), so both must offer the same options in the same "
                       "order", sc->actors[actor].id, other);
                return -1;
            }
        } else {
            xi = new_xinfoset(x, n, actor, x->view[actor]);
            if (xi < 0 || htab_add(&x->ish, h, xi) != 0) {
                x_oom(x);
                return -1;
            }
            sc->c.xinfosets[xi].nact = nopts;
            sc->c.xinfosets[xi].actions = (const char **)labels;
        }
    } else {
        xi = new_xinfoset(x, n, BRINK_CHANCE, -1);
        if (xi < 0) {
            x_oom(x);
            return -1;
        }
        sc_xinfoset *c = &sc->c.xinfosets[xi];
        c->nact = nopts;
        c->actions = (const char **)labels;
        c->prob_expr = brink_arena_alloc(sc->arena, (size_t)(nopts ? nopts : 1) *
                                                        sizeof *c->prob_expr);
        if (!c->prob_expr) {
            x_oom(x);
            return -1;
        }
        for (int i = 0; i < nopts; i++) {
            /* a generated outcome's probability is read with its variable bound */
            int pe = o ? x_option_env(x, xo, i) : ei;
            c->prob_expr[i] = pe < 0 ? -1 : x_prob_id(x, n->probs[o ? o->slot[i] : i], pe);
            if (c->prob_expr[i] < 0)
                return -1;
            if (sc->c.closed[c->prob_expr[i]]->flags & SC_EXPR_INEXACT)
                sc->c.xinfosets[xi].inexact = 1;
        }
    }
    emit_node(x, xi, -1);
    return xi;
}

/* One open node of the building walk. The walk keeps its own stack (x->bframes) instead of
 * recursing, so a tree as deep as limits.max_tree_depth costs heap, never the C stack. */
struct bframe {
    const sc_node *n;
    int ei, round;
    int stage;               /* 1: visiting options, 2: done, 3: enter the control target */
    target target;           /* where a control node (play, repeat, if, next) leads */
    int undo_base, nsaved;   /* settings to restore (x->undo[undo_base ...]) */
    int nterms_before;
    int view_base;           /* the views before the move (x->vsave[view_base ...]) */
    int next_opt, nopts;
    int xo;                  /* options made at expansion (x->xo), or -1: n's */
    int mover, who;
    uint64_t seen;
};

/* Enter node n: check the depth, apply its settings, and either finish it at once (a leaf,
 * an error) or push a frame. */
static void build_enter(xctx *x, const sc_node *n, int ei, int round, int **terms,
                        int *nterms, int *termcap)
{
    if (x->st || !x_enter(x, n))
        return;
    if ((n->kind == SN_LEAF || n->kind == SN_DECISION || n->kind == SN_CHANCE) &&
        x->node >= x->sc->c.nnodes) {   /* never past the arrays pass 1 sized */
        x->depth--;
        x_fail(x, &n->loc, BRINK_EINTERNAL, "the expansion makes more nodes than it counted "
               "(a brink bug)%s%s", NULL, NULL);
        return;
    }
    int np = x->sc->c.nplayers;
    GROW(x->bframes, x->nbframes, x->bframecap, { x_oom(x); x->depth--; return; });
    int need = x->nundo + (n->nsettings ? n->nsettings : 1);
    while (need > x->undocap) {
        int cap = x->undocap ? 2 * x->undocap : 64;
        undo *u = brink_reallocarray(x->undo, (size_t)cap, sizeof *u);
        if (!u) {
            x_oom(x);
            x->depth--;
            return;
        }
        x->undo = u;
        x->undocap = cap;
    }
    bframe *f = &x->bframes[x->nbframes++];
    memset(f, 0, sizeof *f);
    f->n = n;
    f->ei = ei;
    f->round = round;
    f->undo_base = x->nundo;
    f->nterms_before = x->nterms;
    f->view_base = x->nvsave;
    /* a repeat node's own settings apply once, on entry, not again each round */
    int nsaved = 0;
    if (!(n->kind == SN_REPEAT && round > 1))
        nsaved = x_apply_node(x, n, ei, x->undo + f->undo_base);
    f->nsaved = nsaved > 0 ? nsaved : 0;
    x->nundo += f->nsaved;
    if (nsaved < 0)
        return;
    switch (n->kind) {
    case SN_LEAF: {
        int leaf = build_leaf(x);
        if (leaf >= 0) {
            emit_node(x, -1, leaf);
            leaf_terms(x, leaf, terms, nterms, termcap);
        }
        f->stage = 2;
        return;
    }
    case SN_DECISION:
    case SN_CHANCE: {
        f->xo = x_options(x, n, ei);
        f->nopts = f->xo >= 0 ? x->xo[f->xo].nopts : n->nopts;
        if (f->xo >= 0)
            x_option_labels(x, f->xo);
        if (x->st || moves_infoset(x, n, ei, f->xo) < 0)
            return;
        f->mover = n->kind == SN_DECISION ? x_actor(x, n->actor, ei, &n->loc) : -1;
        f->who = f->mover >= 0 ? f->mover : x_str_id(x, n->name ? n->name : "chance");
        if (f->who < 0) {
            x_oom(x);
            return;
        }
        uint64_t seen = n->seen_set ? n->seen_by : ~(uint64_t)0;
        if (f->mover >= 0)
            seen |= (uint64_t)1 << f->mover;
        if (np < 64)
            seen &= ((uint64_t)1 << np) - 1;
        f->seen = seen;
        while (x->nvsave + np > x->vsavecap)
            GROW(x->vsave, x->vsavecap, x->vsavecap, { x_oom(x); return; });
        memcpy(x->vsave + x->nvsave, x->view, (size_t)np * sizeof *x->view);
        x->nvsave += np;
        f->stage = 1;
        return;
    }
    default:
        /* the target is entered by the walk's loop, so chains of control steps do not
         * recurse either */
        if (x_resolve(x, n, ei, round, &f->target) == 0)
            f->stage = 3;
        return;
    }
}

/* Leave the top frame: restore the settings, payoff terms and views it changed. */
static void build_leave(xctx *x)
{
    bframe *f = &x->bframes[x->nbframes - 1];
    for (int i = f->nsaved - 1; i >= 0; i--) {
        const undo *u = &x->undo[f->undo_base + i];
        x->level[u->issue] = u->level;
        x->value[u->issue] = u->value;
    }
    x->nundo = f->undo_base;
    x->nterms = f->nterms_before;
    if (x->nvsave > f->view_base) {
        memcpy(x->view, x->vsave + f->view_base, (size_t)x->sc->c.nplayers * sizeof *x->view);
        x->nvsave = f->view_base;
    }
    x->nbframes--;
    x->depth--;
}

/* Start option i of a move (events, views, the edge's words), then enter its node. */
static void build_option(xctx *x, bframe *f, int **terms, int *nterms, int *termcap)
{
    brink_scenario *sc = x->sc;
    const sc_node *n = f->n;
    int np = sc->c.nplayers, i = f->next_opt++;
    const int *local = x->vsave + f->view_base;
    const xopts *o = f->xo >= 0 ? &x->xo[f->xo] : NULL;
    const char *label = o ? o->labels[i] : n->opt_labels[i];
    int lid = x_str_id(x, label);
    int ev = lid < 0 ? -1 : intern_event(x, f->mover >= 0 ? EV_MOVE : EV_CHANCE, f->who, lid);
    if (ev < 0) {
        x_oom(x);
        return;
    }
    for (int a = 0; a < np; a++) {
        x->view[a] = local[a];
        if (f->seen & ((uint64_t)1 << a)) {
            x->view[a] = extend_view(x, local[a], ev);
            if (x->view[a] < 0) {
                x_oom(x);
                return;
            }
        }
    }
    brink_buf *text = &x->textbuf;   /* scratch, interned at once */
    brink_buf_reset(text);
    brink_buf_printf(text, "%s: %s",
                     f->mover >= 0 ? sc->actors[f->mover].id : (n->name ? n->name : "chance"),
                     label);
    x->pend_mover = f->mover;
    x->pend_seen = f->seen;
    x->pend_text = text->failed ? NULL : x_intern_str(x, text->data);
    if (!x->pend_text) {
        x_oom(x);
        return;
    }
    if (o)
        build_enter(x, o->node[i], x_option_env(x, f->xo, i), 0, terms, nterms, termcap);
    else
        build_enter(x, n->opts[i], f->ei, 0, terms, nterms, termcap);
}

/* Build the subtree of n (pre-order) without recursion. */
static brink_status build(xctx *x, const sc_node *n, int ei, int round, int **terms,
                          int *nterms, int *termcap)
{
    int base = x->nbframes;
    build_enter(x, n, ei, round, terms, nterms, termcap);
    while (x->nbframes > base) {
        bframe *f = &x->bframes[x->nbframes - 1];
        if (!x->st && f->stage == 1 && f->next_opt < f->nopts) {
            build_option(x, f, terms, nterms, termcap);
        } else if (!x->st && f->stage == 3) {
            f->stage = 2;
            target t = f->target;
            build_enter(x, t.n, t.env, t.round, terms, nterms, termcap);
        } else {
            build_leave(x);
        }
    }
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
        return x_oom(x);
    for (int t = 0; t < ac->ntypes; t++)
        labels[t] = ac->types[t].name;
    tmp.opt_labels = labels;
    brink_buf *text = &x->textbuf;   /* scratch, interned at once */
    brink_buf_reset(text);
    brink_buf_printf(text, "type of %s", ac->id);
    tmp.name = text->failed ? NULL : x_intern_str(x, text->data);
    if (!tmp.name)
        return x_oom(x);
    int xi = new_xinfoset(x, &tmp, BRINK_CHANCE, -1);
    if (xi < 0)
        return x_oom(x);
    sc_xinfoset *c = &sc->c.xinfosets[xi];
    c->prob_expr = brink_arena_alloc(sc->arena, (size_t)ac->ntypes * sizeof *c->prob_expr);
    if (!c->prob_expr)
        return x_oom(x);
    for (int t = 0; t < ac->ntypes; t++) {
        c->prob_expr[t] = x_intern_expr(x, ac->types[t].prior, 0);
        if (c->prob_expr[t] < 0)
            return x->st;
        if (ac->types[t].prior->flags & SC_EXPR_INEXACT)
            c->inexact = 1;
    }
    emit_node(x, xi, -1);
    int saved = x->view[a];
    for (int t = 0; t < ac->ntypes && !x->st; t++) {
        int lid = x_str_id(x, ac->types[t].name);
        int ev = lid < 0 ? -1 : intern_event(x, EV_TYPE, a, lid);
        if (ev < 0)
            return x_oom(x);
        x->view[a] = extend_view(x, saved, ev);
        if (x->view[a] < 0)
            return x_oom(x);
        x->types[a] = t;
        brink_buf_reset(text);
        brink_buf_printf(text, "%s is %s", ac->id, ac->types[t].name);
        x->pend_mover = -2;
        x->pend_seen = (uint64_t)1 << a;
        x->pend_text = text->failed ? NULL : x_intern_str(x, text->data);
        if (!x->pend_text)
            return x_oom(x);
        build_types(x, a + 1, terms, nterms, termcap);
    }
    x->view[a] = saved;
    x->types[a] = -1;
    return x->st;
}

static uint64_t count_types(xctx *x)
{
    /* nodes = chance nodes of the type draws + (type profiles) * body */
    uint64_t body = x_count(x, x->sc->root, 0, 0), total = 0, profiles = 1;
    for (int a = 0; a < x->sc->nactors; a++) {
        int k = x->sc->actors[a].ntypes;
        if (!k)
            continue;
        total = x_sat_add(total, profiles);      /* one draw node per earlier profile */
        profiles = x_sat_mul(profiles, (uint64_t)k);
    }
    return x_sat_add(total, x_sat_mul(profiles, body));
}

void x_ctx_free(xctx *x)
{
    for (int i = 0; i < x->nenvs; i++) {
        for (int k = x->envs[i].borrowed; k < x->envs[i].nargs; k++)
            sc_expr_free(x->envs[i].args[k]);
        free(x->envs[i].args);
    }
    free(x->envs);
    htab_free(&x->envh);
    for (int i = 0; i < x->nxo; i++)
        x_xopts_free(&x->xo[i], x->xo[i].n->nopts);
    free(x->xo);
    htab_free(&x->xoh);
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
    free(x->vw_len);
    brink_buf_free(&x->pathbuf);
    brink_buf_free(&x->wordbuf);
    brink_buf_free(&x->textbuf);
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
    free(x->cframes);
    free(x->bframes);
    free(x->undo);
    free(x->vsave);
}

/* Arrays sized by the node count (leaf records) or grown by doubling (infosets, terms) are
 * cut to what pass 2 used: a smaller block, or the old one if that fails (still valid). */
static void *shrink(void *p, size_t n, size_t elem)
{
    void *q = p ? brink_reallocarray(p, n ? n : 1, elem) : NULL;
    return q ? q : p;
}

static void shrink_to_fit(sc_compiled *c, int np, int ni, int nterms)
{
    size_t nl = (size_t)c->nleaves, per = (size_t)(ni ? ni : 1);
    c->leaf_level = shrink(c->leaf_level, nl * per, sizeof *c->leaf_level);
    c->leaf_value_expr = shrink(c->leaf_value_expr, nl * per, sizeof *c->leaf_value_expr);
    c->leaf_text = shrink(c->leaf_text, nl, sizeof *c->leaf_text);
    c->leaf_term_start = shrink(c->leaf_term_start, nl * (size_t)np + 1,
                                sizeof *c->leaf_term_start);
    c->leaf_term = shrink(c->leaf_term, (size_t)nterms, sizeof *c->leaf_term);
    c->xinfosets = shrink(c->xinfosets, (size_t)c->nxinfosets, sizeof *c->xinfosets);
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
    htab_init(&x.xoh);
    brink_buf_init(&x.pathbuf);
    brink_buf_init(&x.wordbuf);
    brink_buf_init(&x.textbuf);
    sc_compiled *c = &sc->c;
    int *terms = NULL, nterms = 0, termcap = 0;
    brink_status st = BRINK_OK;

    /* the top-level environment: no sub-game, no continuation */
    env top;
    memset(&top, 0, sizeof top);
    top.sub = -1;
    top.next_env = -1;
    if (x_intern_env(&x, &top, NULL) != 0) {
        st = x.st ? x.st : x_oom(&x);
        goto out;
    }

    /* ---- pass 1 ---- */
    uint64_t total = count_types(&x);
    if (x.st) {
        st = x.st;
        goto out;
    }
    sc->tree_nodes = total;
    /* a large perfect-information tree: its distinct sub-games only (compact.c) */
    if (sc->lim.compact_above && total > sc->lim.compact_above) {
        int r = x_compact(&x, total);
        if (r != 0) {
            st = r < 0 ? (x.st ? x.st : BRINK_EINTERNAL) : BRINK_OK;
            goto out;
        }
    }
    if (total > sc->lim.max_tree_nodes) {
        /* below the caller's compact_above the compact pass was not tried: try it, to say
           whether --compact-above would solve the file without the tree (tester 11b F10) */
        int compact_would = 0;
        if (sc->lim.compact_above && total <= sc->lim.compact_above && !x.compact_why) {
            brink_error trial;
            brink_error_clear(&trial);
            x.err = &trial;
            int r = x_compact(&x, total);
            x.err = err;
            x.st = BRINK_OK;   /* the trial's own failure is not this refusal's */
            if (r == 1) {
                sc_compact_free(sc->compact);
                sc->compact = NULL;
                compact_would = 1;
            }
            x.compact_why = NULL;   /* why not: only said where the compact path was due */
        }
        brink_buf how;
        brink_buf_init(&how);
        if (compact_would)
            brink_buf_printf(&how, "; or solve it as a compact game (each distinct sub-game "
                             "once), without the tree: --compact-above %zu (Python: compact_above=N)",
                             sc->lim.max_tree_nodes);
        if (how.failed) {
            brink_buf_free(&how);
            st = x_oom(&x);
            goto out;
        }
        char cnt[64];
        if (total >= SAT_LIMIT)
            snprintf(cnt, sizeof cnt, "more than %.3g", (double)SAT_LIMIT);
        else
            snprintf(cnt, sizeof cnt, "%llu", (unsigned long long)total);
        st = brink_error_set_at(err, BRINK_ETOOBIG, sc->file, sc->root->loc.line,
                                sc->root->loc.col,
                                "the game would have %s nodes (limit %zu); reduce rounds or "
                                "options, or raise the limit (--max-nodes N; Python: max_nodes=N)%s%s%s",
                                cnt, sc->lim.max_tree_nodes,
                                x.compact_why ? "; it is not solved as a compact game (each "
                                                "distinct sub-game once) because "
                                              : "",
                                x.compact_why ? x.compact_why : "",
                                compact_would ? how.data : "");
        brink_buf_free(&how);
        goto out;
    }
    /* Every node records each issue and each actor's type, and every leaf looks at each
     * preference once per actor: bound that memory and time too, not only the node count. */
    uint64_t issue_cells = x_sat_mul(total, (uint64_t)sc->nissues + (uint64_t)sc->nactors);
    uint64_t pref_work = x_sat_mul(x_sat_mul(total, (uint64_t)sc->nprefs), (uint64_t)sc->nactors);
    if (issue_cells > SC_MAX_ISSUE_CELLS || pref_work > SC_MAX_PREF_WORK) {
        int issues = issue_cells > SC_MAX_ISSUE_CELLS;
        st = brink_error_set_at(err, BRINK_ETOOBIG, sc->file, sc->root->loc.line,
                                sc->root->loc.col,
                                "the game would have %llu nodes, each with %s %d %s: more than "
                                "%llu %s; reduce the tree, the issues or the preferences",
                                (unsigned long long)total, issues ? "a record of" : "a look at",
                                issues ? sc->nissues + sc->nactors : sc->nprefs * sc->nactors,
                                issues ? "issues and actors" : "actor-preference pairs",
                                (unsigned long long)(issues ? SC_MAX_ISSUE_CELLS
                                                            : SC_MAX_PREF_WORK),
                                issues ? "node-issue cells" : "steps");
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
        st = x_oom(&x);
        goto out;
    }
    for (int a = 0; a < np; a++) {
        x.view[a] = -1;
        x.types[a] = -1;
    }
    for (int k = 0; k < ni; k++) {
        const sc_issue *is = &sc->issues[k];
        x.level[k] = is->default_level;
        x.value[k] = is->nlevels ? -1 : x_intern_expr(&x, is->default_value, 0);
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
    shrink_to_fit(c, np, ni, nterms);
out:
    free(terms);
    x_ctx_free(&x);
    return st;
}
