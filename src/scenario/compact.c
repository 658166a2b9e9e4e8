/* compact.c — the compact pass of the expansion (see compact.h): a memoised walk of the
 * scenario's description that emits one class per distinct sub-game instead of the tree.
 *
 * The walk is pass 2's (expand.c): the same settings, payoff terms and control steps, but a
 * node's sub-game is looked up first by its KEY: the description node, its environment
 * (sub-game arguments and continuation), its round, and the state its sub-tree can read,
 * which is every issue's level and value. The payoff terms collected on the path are not in
 * it: nothing reads them, they only add a constant per actor to every leaf below; each
 * frame hands its class up with the terms collected between its entry and the class's move
 * (its offset), which go on the edge into the class (or before the root). Views
 * are left out: they only name information sets, and in a perfect-information game (every
 * move and chance outcome seen by every actor, no types) every information set is one node.
 * A public chance move is a class like a decision; its probabilities are closed expressions
 * of its node and environment (in the key) and of the parameters. So two
 * tree nodes with equal keys root the same sub-game, at every parameter value. The walk
 * enters each distinct key once and keeps its own stack on the heap (depth limited by
 * limits.max_tree_depth as pass 2 is).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/compact.h"
#include "scenario/expand_int.h"

typedef struct cx {
    xctx *x;
    sc_compact *k;
    int ineligible;
    const char *why;          /* why not, in words (x->compact_why) */
    uint64_t movers;          /* actors who move anywhere in the file (movers_of) */
    /* memo: keys in a pool, the class of each (-1 while being built) */
    int *pool;
    size_t npool, poolcap;
    size_t *kstart;           /* [nmemo + 1] */
    int *mclass;
    int nmemo, memocap;
    htab h;
    const int *key;
    int keylen;
    int *kbuf;
    size_t kbufcap;
    int ccap, childcap, probcap, nchild, leafcap, termcap, nterm;
    int etermcap, etcap, neterm;   /* k->eterm_start's and k->eterm's */
    /* the walk's stacks: frames, saved settings, children of open decisions */
    struct cframe_ *frames;
    int nframes, framecap;
    undo *undo;
    int nundo, undocap;
    int *kids;
    int nkids, kidcap;
    int ret;                  /* the class of the frame last left */
    /* payoff terms between a frame's entry and its class (issue 15, F2): (actor, expr) pairs
     * in offpool; each memo entry's, each open child's and the frame last left's */
    int *offpool;
    int noff, offcap;
    int *moff;                /* [memocap * 2] start and length of each memo entry's */
    int *kidoff;              /* [kidcap * 2] of each child of an open move */
    int kidoffcap;
    int ret_off, ret_offlen;
    int eterms;               /* terms put on edges */
} cx;

static int key_eq(void *ctx, int idx)
{
    cx *c = ctx;
    size_t len = c->kstart[idx + 1] - c->kstart[idx];
    return len == (size_t)c->keylen &&
           memcmp(c->pool + c->kstart[idx], c->key, sizeof(int) * len) == 0;
}

/* The key of (n, ei, round) in the walk's present state, in c->kbuf; its length or -1. */
static int make_key(cx *c, const sc_node *n, int ei, int round)
{
    xctx *x = c->x;
    int ni = x->sc->nissues;
    size_t len = 4 + 2 * (size_t)ni;
    if (len > (size_t)1 << 28)
        return -1;
    if (len > c->kbufcap) {
        size_t cap = c->kbufcap ? 2 * c->kbufcap : 256;
        while (cap < len)
            cap *= 2;
        int *b = brink_reallocarray(c->kbuf, cap, sizeof *b);
        if (!b)
            return -1;
        c->kbuf = b;
        c->kbufcap = cap;
    }
    int *k = c->kbuf, m = 0;
    uintptr_t u = (uintptr_t)n;
    k[m++] = (int)(u & 0x7fffffff);
    k[m++] = (int)((u >> 31) & 0x7fffffff);
    k[m++] = ei;
    k[m++] = round;
    for (int i = 0; i < ni; i++) {
        k[m++] = x->level[i];
        k[m++] = x->value[i];
    }
    /* not the payoff terms collected on the way here: nothing in the language reads them
     * (x->terms is read only where a leaf's payoff is summed), they add one constant per
     * actor to every leaf below, and the edge into the class carries them (F2) */
    return m;
}

/* The memo entry of the key in c->kbuf: found (*found = 1) or added. -1: out of memory;
 * -2: too many keys (x->st set). */
static int memo_of_key(cx *c, int len, int *found)
{
    uint64_t h = htab_hash_bytes(c->kbuf, sizeof(int) * (size_t)len, 0x636f6d70616374ull);
    c->key = c->kbuf;
    c->keylen = len;
    int i = htab_find(&c->h, h, key_eq, c);
    *found = i >= 0;
    if (i >= 0)
        return i;
    if (c->nmemo + 2 > c->memocap) {
        int cap = c->memocap ? 2 * c->memocap : 256;
        size_t *s = brink_reallocarray(c->kstart, (size_t)cap, sizeof *s);
        if (s)
            c->kstart = s;
        int *m = brink_reallocarray(c->mclass, (size_t)cap, sizeof *m);
        if (m)
            c->mclass = m;
        int *o = brink_reallocarray(c->moff, (size_t)cap * 2, sizeof *o);
        if (o)
            c->moff = o;
        if (!s || !m || !o)
            return -1;
        c->memocap = cap;
    }
    if (c->npool + (size_t)len > SC_MAX_ISSUE_CELLS) {   /* 512 MB of keys */
        x_fail(c->x, &c->x->sc->root->loc, BRINK_ETOOBIG,
               "the compact game's sub-games are told apart by more than %s numbers (issue "
               "settings and payoff terms collected on the way to each); reduce the tree%s",
               "2^27", "");
        return -2;
    }
    if (c->npool + (size_t)len > c->poolcap) {
        size_t cap = c->poolcap ? 2 * c->poolcap : 4096;
        while (cap < c->npool + (size_t)len)
            cap *= 2;
        int *p = brink_reallocarray(c->pool, cap, sizeof *p);
        if (!p)
            return -1;
        c->pool = p;
        c->poolcap = cap;
    }
    memcpy(c->pool + c->npool, c->kbuf, sizeof(int) * (size_t)len);
    c->kstart[c->nmemo] = c->npool;
    c->npool += (size_t)len;
    c->kstart[c->nmemo + 1] = c->npool;
    c->mclass[c->nmemo] = -1;
    c->moff[2 * c->nmemo] = 0;
    c->moff[2 * c->nmemo + 1] = 0;
    if (htab_add(&c->h, h, c->nmemo) != 0)
        return -1;
    return c->nmemo++;
}

/* A new class (its children appended by the caller); -1 out of memory or over the limit. */
static int new_class(cx *c, int mover, const sc_node *n)
{
    sc_compact *k = c->k;
    xctx *x = c->x;
    /* the tree's other bound: each leaf records every issue, each class its actor */
    uint64_t cells = ((uint64_t)k->nclasses + 1) *
                     ((uint64_t)x->sc->nissues + (uint64_t)x->sc->nactors);
    if (cells > SC_MAX_ISSUE_CELLS) {
        x_fail(x, &x->sc->root->loc, BRINK_ETOOBIG,
               "the compact game would have more than %s distinct sub-games for its issues "
               "and actors; reduce the tree, the issues or the actors%s",
               "2^27 / (issues + actors)", "");
        return -1;
    }
    if ((size_t)k->nclasses >= x->sc->lim.max_tree_nodes) {
        char lim[32];
        snprintf(lim, sizeof lim, "%zu", x->sc->lim.max_tree_nodes);
        x_fail(x, &x->sc->root->loc, BRINK_ETOOBIG,
               "the compact game would have more than %s distinct sub-games (the node "
               "limit); reduce rounds or options, or raise the limit (--max-nodes)%s", lim, "");
        return -1;
    }
    if (k->nclasses + 2 > c->ccap) {
        int cap = c->ccap ? 2 * c->ccap : 256;
        int *m = brink_reallocarray(k->mover, (size_t)cap, sizeof *m);
        if (m)
            k->mover = m;
        const sc_node **nd = brink_reallocarray(k->node, (size_t)cap, sizeof *nd);
        if (nd)
            k->node = nd;
        int *cs = brink_reallocarray(k->child_start, (size_t)cap + 1, sizeof *cs);
        if (cs)
            k->child_start = cs;
        int *lf = brink_reallocarray(k->leaf, (size_t)cap, sizeof *lf);
        if (lf)
            k->leaf = lf;
        if (!m || !nd || !cs || !lf) {
            x_oom(x);
            return -1;
        }
        c->ccap = cap;
    }
    int id = k->nclasses++;
    k->mover[id] = mover;
    k->node[id] = n;
    k->leaf[id] = -1;
    k->child_start[id] = c->nchild;
    k->child_start[id + 1] = c->nchild;
    return id;
}

static int push_term(cx *c, int id);

/* The edge's payoff terms, actor by actor, from the offset (start, len) in c->offpool (edge
 * -1: the one before the root). */
static int edge_terms(cx *c, int edge, int start, int len)
{
    sc_compact *k = c->k;
    int np = k->np;
    size_t need = ((size_t)edge + 1) * (size_t)np + 1;
    if (need > (size_t)c->etermcap) {
        size_t cap = c->etermcap ? 2 * (size_t)c->etermcap : 256;
        while (cap < need)
            cap *= 2;
        if (cap > (size_t)1 << 30) {
            x_oom(c->x);
            return -1;
        }
        int *s = brink_reallocarray(k->eterm_start, cap, sizeof *s);
        if (!s) {
            x_oom(c->x);
            return -1;
        }
        k->eterm_start = s;
        c->etermcap = (int)cap;
    }
    for (int a = 0; a < np; a++) {
        k->eterm_start[(size_t)edge * (size_t)np + (size_t)a] = c->neterm;
        for (int i = 0; i < len; i++)
            if (c->offpool[2 * (start + i)] == a) {
                GROW(k->eterm, c->neterm, c->etcap, { x_oom(c->x); return -1; });
                k->eterm[c->neterm++] = c->offpool[2 * (start + i) + 1];
                c->eterms++;
            }
    }
    k->eterm_start[((size_t)edge + 1) * (size_t)np] = c->neterm;
    return 0;
}

static int push_child(cx *c, int cls, int child, int prob, int off, int offlen)
{
    GROW(c->k->child, c->nchild, c->childcap, { x_oom(c->x); return -1; });
    GROW(c->k->prob, c->nchild, c->probcap, { x_oom(c->x); return -1; });
    if (edge_terms(c, c->nchild, off, offlen) != 0)
        return -1;
    c->k->prob[c->nchild] = prob;
    c->k->child[c->nchild++] = child;
    c->k->child_start[cls + 1] = c->nchild;
    return 0;
}

static int push_term(cx *c, int id)
{
    GROW(c->k->term, c->nterm, c->termcap, { x_oom(c->x); return -1; });
    c->k->term[c->nterm++] = id;
    return 0;
}

/* A leaf class: the issue record and each player's payoff terms (as expand.c's leaf_terms:
 * preferences first, then the leaf's own terms, from x->terms[own] on; those collected
 * before the leaf are on the edges above). */
static int new_leaf(cx *c, int own)
{
    xctx *x = c->x;
    brink_scenario *sc = x->sc;
    sc_compact *k = c->k;
    int ni = sc->nissues, np = sc->nactors;
    int cls = new_class(c, -1, NULL);
    if (cls < 0)
        return -1;
    int l = k->nleaves;
    if (l + 1 > c->leafcap) {
        int cap = c->leafcap ? 2 * c->leafcap : 256;
        size_t per = (size_t)(ni ? ni : 1);
        int *lv = brink_reallocarray(k->leaf_level, (size_t)cap * per, sizeof *lv);
        if (lv)
            k->leaf_level = lv;
        int *vv = brink_reallocarray(k->leaf_value, (size_t)cap * per, sizeof *vv);
        if (vv)
            k->leaf_value = vv;
        int *ts = brink_reallocarray(k->term_start, (size_t)cap * (size_t)np + 1, sizeof *ts);
        if (ts)
            k->term_start = ts;
        if (!lv || !vv || !ts) {
            x_oom(x);
            return -1;
        }
        c->leafcap = cap;
    }
    k->nleaves++;
    k->leaf[cls] = l;
    for (int i = 0; i < ni; i++) {
        const sc_issue *is = &sc->issues[i];
        k->leaf_level[(size_t)l * (size_t)ni + (size_t)i] = is->nlevels ? x->level[i] : -1;
        k->leaf_value[(size_t)l * (size_t)ni + (size_t)i] = is->nlevels ? -1 : x->value[i];
    }
    for (int a = 0; a < np; a++) {
        k->term_start[(size_t)l * (size_t)np + (size_t)a] = c->nterm;
        for (int pi = 0; pi < sc->nprefs; pi++) {
            const sc_pref *p = &sc->prefs[pi];
            if (p->actor != a || p->type >= 0)   /* no types here */
                continue;
            int id;
            if (p->kind == SC_PREF_LEVEL) {
                if (x->level[p->issue] != p->level)
                    continue;
                id = x_intern_expr(x, p->weight, 0);
            } else {
                id = x_pref_term(x, pi, x->value[p->issue]);
            }
            if (id < 0 || push_term(c, id) != 0)
                return -1;
        }
        for (int i = own; i < x->nterms; i++) {
            const term *tm = &x->terms[i];
            if (tm->actor != a || tm->type >= 0)
                continue;
            if (push_term(c, tm->expr) != 0)
                return -1;
        }
    }
    k->term_start[(size_t)(l + 1) * (size_t)np] = c->nterm;
    return cls;
}

/* One open node of the walk, which keeps its own stack (c->frames) instead of recursing, so
 * a description as deep as limits.max_tree_depth costs heap, never the C stack. */
enum { F_ENTER, F_OPTION, F_CHILD, F_TARGET, F_DONE };
typedef struct cframe_ {
    const sc_node *n;
    int ei, round, stage;
    int memo, cls;
    int undo_base, nsaved, nterms_before;
    int own_end;              /* x->terms[nterms_before, own_end): the node's own terms, which
                                 the edge into its class carries (a leaf's are its class's) */
    int toff, tofflen;        /* a control step's: its target's offset */
    int memo_found;           /* the memo entry of a key found */
    int next_opt, mover, child_base;
} cframe_;

static int push_frame(cx *c, const sc_node *n, int ei, int round)
{
    GROW(c->frames, c->nframes, c->framecap, { x_oom(c->x); return -1; });
    cframe_ *f = &c->frames[c->nframes++];
    memset(f, 0, sizeof *f);
    f->n = n;
    f->ei = ei;
    f->round = round;
    f->memo = -1;
    f->cls = -1;
    f->stage = F_ENTER;
    f->undo_base = c->nundo;
    f->nterms_before = c->x->nterms;
    f->own_end = f->nterms_before;
    return 0;
}

/* Enter the top frame: look its key up (done at once when known), apply its settings, and
 * start its options (a decision), its target (a control step) or finish it (a leaf). */
static void enter(cx *c)
{
    xctx *x = c->x;
    cframe_ *f = &c->frames[c->nframes - 1];
    const sc_node *n = f->n;
    f->stage = F_DONE;
    if (!x_enter(x, n))
        return;
    int len = make_key(c, n, f->ei, f->round), found = 0;
    int m = len < 0 ? -1 : memo_of_key(c, len, &found);
    if (m < 0) {
        if (m == -1)
            x_oom(x);
        x->depth--;
        return;
    }
    if (found) {
        x->depth--;
        f->stage = F_DONE + 1;   /* nothing to restore */
        f->memo_found = m;
        f->cls = c->mclass[m];
        if (f->cls < 0)
            x_fail(x, &n->loc, BRINK_EINTERNAL, "%s%s", "a sub-game contains itself (a brink bug)", "");
        return;
    }
    f->memo = m;
    f->undo_base = c->nundo;
    f->nterms_before = x->nterms;
    f->own_end = x->nterms;
    while (c->nundo + n->nsettings > c->undocap) {
        int cap = c->undocap ? 2 * c->undocap : 64;
        undo *u = brink_reallocarray(c->undo, (size_t)cap, sizeof *u);
        if (!u) {
            x_oom(x);
            return;
        }
        c->undo = u;
        c->undocap = cap;
    }
    /* no settings before the first: the undo array may not exist yet (no offset on NULL) */
    undo *uu = c->undo ? c->undo + f->undo_base : NULL;
    int nsaved = n->kind == SN_REPEAT && f->round > 1 ? 0 : x_apply_node(x, n, f->ei, uu);
    f->nsaved = nsaved > 0 ? nsaved : 0;
    c->nundo += f->nsaved;
    if (nsaved < 0)
        return;
    f->own_end = x->nterms;
    switch (n->kind) {
    case SN_LEAF:
        f->cls = new_leaf(c, f->nterms_before);
        f->own_end = f->nterms_before;
        return;
    case SN_DECISION: {
        if (n->gens) {   /* options made at expansion (x_options): not yet, the tree is used */
            c->ineligible = 1;
            c->why = "some options are made as the tree is expanded (generators over round "
                     "or sub-game arguments)";
            return;
        }
        int mover = x_actor(x, n->actor, f->ei, &n->loc);
        if (mover < 0)
            return;
        int np = x->sc->nactors;
        uint64_t all = np < 64 ? ((uint64_t)1 << np) - 1 : ~(uint64_t)0;
        /* hidden only from actors who never move: still perfect information */
        uint64_t seen = (n->seen_set ? n->seen_by : all) | ((uint64_t)1 << mover) | ~c->movers;
        if ((seen & all) != all) {
            c->ineligible = 1;
            c->why = "some moves are hidden from some actors";
            return;
        }
        f->mover = mover;
        f->child_base = c->nkids;
        f->stage = F_OPTION;
        return;
    }
    case SN_CHANCE: {
        /* a public chance move: its outcome is seen by every actor, so every information set
         * stays one node; its probabilities are closed expressions of (n, ei) (and the
         * parameters), both in the key, so every node of the class has the same ones */
        if (n->gens) {
            c->ineligible = 1;
            c->why = "some options are made as the tree is expanded (generators over round "
                     "or sub-game arguments)";
            return;
        }
        int np = x->sc->nactors;
        uint64_t all = np < 64 ? ((uint64_t)1 << np) - 1 : ~(uint64_t)0;
        uint64_t seen = (n->seen_set ? n->seen_by : all) | ~c->movers;
        if ((seen & all) != all) {
            c->ineligible = 1;
            c->why = "some chance moves are hidden from some actors";
            return;
        }
        f->mover = SC_COMPACT_CHANCE;
        f->child_base = c->nkids;
        f->stage = F_OPTION;
        return;
    }
    default: {
        target t;
        if (x_resolve(x, n, f->ei, f->round, &t) == 0 && push_frame(c, t.n, t.env, t.round) == 0)
            c->frames[c->nframes - 2].stage = F_TARGET;
        return;
    }
    }
}

/* Leave the top frame: restore what it changed, record its class, hand it to the parent. */
static void leave(cx *c)
{
    xctx *x = c->x;
    cframe_ *f = &c->frames[c->nframes - 1];
    if (f->stage == F_DONE + 1 && f->memo < 0) {   /* found: the memo entry's offset */
        int m = f->memo_found;
        c->ret_off = c->moff[2 * m];
        c->ret_offlen = c->moff[2 * m + 1];
    } else {
        c->ret_off = c->ret_offlen = 0;
    }
    if (f->stage == F_DONE) {
        /* the offset: the node's own terms, then its target's (a control step) */
        int own = f->own_end - f->nterms_before, len = own + f->tofflen;
        if (len > 0 && f->cls >= 0) {
            while (c->noff + len > c->offcap) {
                int cap = c->offcap ? 2 * c->offcap : 256;
                int *p = brink_reallocarray(c->offpool, (size_t)cap * 2, sizeof *p);
                if (!p) {
                    x_oom(x);
                    break;
                }
                c->offpool = p;
                c->offcap = cap;
            }
            if (c->noff + len <= c->offcap) {
                int s = c->noff;
                for (int i = 0; i < own; i++) {
                    const term *tm = &x->terms[f->nterms_before + i];
                    c->offpool[2 * (s + i)] = tm->type >= 0 ? -1 : tm->actor;
                    c->offpool[2 * (s + i) + 1] = tm->expr;
                }
                memmove(c->offpool + 2 * (s + own), c->offpool + 2 * f->toff,
                        sizeof(int) * 2 * (size_t)f->tofflen);
                c->noff += len;
                c->ret_off = s;
                c->ret_offlen = len;
            }
        }
        for (int i = f->nsaved - 1; i >= 0; i--) {
            const undo *u = &c->undo[f->undo_base + i];
            x->level[u->issue] = u->level;
            x->value[u->issue] = u->value;
        }
        c->nundo = f->undo_base;
        x->nterms = f->nterms_before;
        if (f->memo >= 0) {
            c->mclass[f->memo] = f->cls;
            c->moff[2 * f->memo] = c->ret_off;
            c->moff[2 * f->memo + 1] = c->ret_offlen;
            x->depth--;
        }
    }
    c->ret = f->cls;
    c->nframes--;
}

/* The class of the whole game (-1 on error, or when the scenario does not qualify). */
static int walk(cx *c, const sc_node *root)
{
    xctx *x = c->x;
    if (push_frame(c, root, 0, 0) != 0)
        return -1;
    while (c->nframes > 0) {
        if (x->st || c->ineligible)
            return -1;   /* abandoned: pass 2 (or the error) starts from scratch */
        cframe_ *f = &c->frames[c->nframes - 1];
        switch (f->stage) {
        case F_ENTER:
            enter(c);
            break;
        case F_OPTION:
            if (f->next_opt < f->n->nopts) {
                const sc_node *o = f->n->opts[f->next_opt++];
                int ei = f->ei;
                f->stage = F_CHILD;
                push_frame(c, o, ei, 0);
            } else {
                int cls = new_class(c, f->mover, f->n);
                for (int i = f->child_base; cls >= 0 && i < c->nkids; i++) {
                    int pr = -1;
                    if (f->mover == SC_COMPACT_CHANCE &&
                        (pr = x_prob_id(x, f->n->probs[i - f->child_base], f->ei)) < 0) {
                        cls = -1;
                        break;
                    }
                    if (push_child(c, cls, c->kids[i], pr, c->kidoff[2 * i],
                                   c->kidoff[2 * i + 1]) != 0)
                        cls = -1;
                }
                c->nkids = f->child_base;
                f->cls = cls;
                f->stage = F_DONE;
            }
            break;
        case F_CHILD:
            if (c->ret < 0) {
                if (!x->st && !c->ineligible)
                    x_fail(x, &f->n->loc, BRINK_EINTERNAL, "%s%s", "a sub-game without a class (a brink bug)", "");
                return -1;
            }
            if (c->nkids >= c->kidoffcap) {
                int cap = c->kidoffcap ? 2 * c->kidoffcap : 64;
                int *o = brink_reallocarray(c->kidoff, (size_t)cap * 2, sizeof *o);
                if (!o) {
                    x_oom(x);
                    return -1;
                }
                c->kidoff = o;
                c->kidoffcap = cap;
            }
            c->kidoff[2 * c->nkids] = c->ret_off;
            c->kidoff[2 * c->nkids + 1] = c->ret_offlen;
            GROW(c->kids, c->nkids, c->kidcap, { x_oom(x); return -1; });
            c->kids[c->nkids++] = c->ret;
            f->stage = F_OPTION;
            break;
        case F_TARGET:
            f->cls = c->ret;
            f->toff = c->ret_off;
            f->tofflen = c->ret_offlen;
            f->stage = F_DONE;
            break;
        default:
            leave(c);
            break;
        }
    }
    return c->ret;
}

void sc_compact_free(sc_compact *k)
{
    if (!k)
        return;
    if (k->mult) {
        for (int i = 0; i < k->nclasses; i++)
            mpz_clear(k->mult[i]);
        free(k->mult);
        mpz_clear(k->nodes);
        mpz_clear(k->decisions);
        mpz_clear(k->chances);
    }
    free(k->mover);
    free(k->node);
    free(k->child_start);
    free(k->child);
    free(k->prob);
    free(k->leaf);
    free(k->leaf_level);
    free(k->leaf_value);
    free(k->term_start);
    free(k->term);
    free(k->eterm_start);
    free(k->eterm);
    free(k);
}

/* Instance counts, top-down (parents have larger numbers than their children). */
static int count_instances(sc_compact *k)
{
    k->mult = malloc((size_t)k->nclasses * sizeof *k->mult);
    if (!k->mult)
        return -1;
    for (int i = 0; i < k->nclasses; i++)
        mpz_init(k->mult[i]);
    mpz_init(k->nodes);
    mpz_init(k->decisions);
    mpz_init(k->chances);
    mpz_set_ui(k->mult[k->root], 1);
    for (int c = k->nclasses - 1; c >= 0; c--) {
        for (int e = k->child_start[c]; e < k->child_start[c + 1]; e++)
            mpz_add(k->mult[k->child[e]], k->mult[k->child[e]], k->mult[c]);
        mpz_add(k->nodes, k->nodes, k->mult[c]);
        if (k->mover[c] >= 0)
            mpz_add(k->decisions, k->decisions, k->mult[c]);
        else if (k->mover[c] == SC_COMPACT_CHANCE)
            mpz_add(k->chances, k->chances, k->mult[c]);
    }
    return 0;
}

static void cx_free(cx *c)
{
    free(c->pool);
    free(c->kstart);
    free(c->mclass);
    free(c->kbuf);
    free(c->frames);
    free(c->undo);
    free(c->kids);
    free(c->offpool);
    free(c->moff);
    free(c->kidoff);
    htab_free(&c->h);
}

/* The actors who may move at some decision of the file (bits; every actor where a decision's
 * actor is a sub-game argument, or when the walk is too deep or long to finish): an actor
 * outside it has no decision, so what a move hides from it changes no information set, and
 * the game is still of perfect information (tester 12, F9.2). */
static void movers_walk(const sc_node *n, int depth, long *budget, uint64_t all, uint64_t *m)
{
    if (!n || *m == all)
        return;
    if (depth > 4096 || --*budget < 0) {
        *m = all;
        return;
    }
    if (n->kind == SN_DECISION)
        *m |= n->actor >= 0 && n->actor < 64 ? (uint64_t)1 << n->actor : all;
    for (int i = 0; i < n->nopts && n->opts; i++)
        movers_walk(n->opts[i], depth + 1, budget, all, m);
    movers_walk(n->then, depth + 1, budget, all, m);
    movers_walk(n->if_then, depth + 1, budget, all, m);
    movers_walk(n->if_else, depth + 1, budget, all, m);
}

static uint64_t movers_of(const brink_scenario *sc)
{
    int np = sc->nactors;
    uint64_t all = np < 64 ? ((uint64_t)1 << np) - 1 : ~(uint64_t)0, m = 0;
    long budget = 1000000;
    movers_walk(sc->root, 0, &budget, all, &m);
    for (int i = 0; i < sc->nsubs; i++)
        movers_walk(sc->subs[i].body, 0, &budget, all, &m);
    return m & all;
}

int x_compact(xctx *x, uint64_t total)
{
    brink_scenario *sc = x->sc;
    /* threshold and sweep questions that watch one decision point by its path (or, sweeps,
     * none) are answered on the compact game (threshold_engine.c, sweep_compact.c), and so
     * are comparisons, whose one decision a name or * picks as on the tree
     * (sc_compact_find_one_decision, compare_compact.c); other references to many decision
     * points read the unfolded game */
    int tree_questions = 0;
    for (int i = 0; i < sc->nquestions; i++) {
        const brink_question *q = &sc->questions[i];
        const char *at = q->watch ? strchr(q->watch, '@') : NULL;
        tree_questions |= at && (at[1] == '(' ||
                                 (q->kind != BRINK_Q_COMPARE && !strcmp(at + 1, "*")));
    }
    if (tree_questions && !sc->lim.compact_without_questions) {
        x->compact_why = "the file has questions other than threshold and sweep questions "
                         "watching one decision point by its path, which read the tree (brink "
                         "analyze --no-questions skips them)";
        return 0;
    }
    for (int a = 0; a < sc->nactors; a++)
        if (sc->actors[a].ntypes) {
            x->compact_why = "some actors have private types";
            return 0;
        }
    int np = sc->nactors, ni = sc->nissues;
    cx c;
    memset(&c, 0, sizeof c);
    c.x = x;
    c.movers = movers_of(sc);
    htab_init(&c.h);
    c.k = calloc(1, sizeof *c.k);
    x->view = brink_calloc((size_t)np, sizeof *x->view);
    x->types = brink_calloc((size_t)np, sizeof *x->types);
    x->level = brink_calloc((size_t)(ni ? ni : 1), sizeof *x->level);
    x->value = brink_calloc((size_t)(ni ? ni : 1), sizeof *x->value);
    int r = -1;
    if (!c.k || !x->view || !x->types || !x->level || !x->value) {
        x_oom(x);
        goto out;
    }
    c.k->np = np;
    c.k->ni = ni;
    c.k->tree_nodes = total;
    for (int a = 0; a < np; a++) {
        x->view[a] = -1;
        x->types[a] = -1;
    }
    for (int i = 0; i < ni; i++) {
        const sc_issue *is = &sc->issues[i];
        x->level[i] = is->default_level;
        x->value[i] = is->nlevels ? -1 : x_intern_expr(x, is->default_value, 0);
        if (!is->nlevels && x->value[i] < 0)
            goto out;
    }
    c.k->root = walk(&c, sc->root);
    /* the terms collected before the root's class: the entry after the last edge */
    if (!x->st && !c.ineligible && c.k->root >= 0 &&
        edge_terms(&c, c.nchild, c.ret_off, c.ret_offlen) != 0)
        c.k->root = -1;
    c.k->nedge_terms = c.eterms;
    /* a game in which no actor has any payoff anywhere is left to the tree as before: every
     * profile is an equilibrium, and there is nothing a compact solve would add */
    if (!x->st && !c.ineligible && c.nterm == 0 && c.eterms == 0) {
        c.ineligible = 1;
        c.why = "no actor has a payoff";
    }
    if (c.ineligible && !x->st) {
        x->compact_why = c.why;
        r = 0;
        goto out;
    }
    if (x->st || c.k->root < 0) {
        if (!x->st)
            x_fail(x, &sc->root->loc, BRINK_EINTERNAL, "%s%s", "the compact pass found no root (a brink bug)", "");
        goto out;
    }
    if (c.k->root != c.k->nclasses - 1 || count_instances(c.k) != 0) {
        if (c.k->mult)
            x_fail(x, &sc->root->loc, BRINK_EINTERNAL, "%s%s", "the compact root is not the last class (a brink bug)", "");
        else
            x_oom(x);
        goto out;
    }
    /* the unfolded tree's node count must be pass 1's (when that is not saturated) */
    if (total < SAT_LIMIT && mpz_cmp_ui(c.k->nodes, (unsigned long)total) != 0) {
        x_fail(x, &sc->root->loc, BRINK_EINTERNAL, "%s%s",
               "the compact game does not stand for the counted tree (a brink bug)", "");
        goto out;
    }
    if (!c.k->term_start) {   /* no leaves cannot happen: every walk ends at one */
        x_fail(x, &sc->root->loc, BRINK_EINTERNAL, "%s%s", "a compact game without leaves", "");
        goto out;
    }
    sc->compact = c.k;
    c.k = NULL;
    r = 1;
out:
    sc_compact_free(c.k);
    cx_free(&c);
    if (r == 0) {   /* pass 2 starts afresh */
        free(x->view);
        free(x->types);
        free(x->level);
        free(x->value);
        x->view = x->types = x->level = x->value = NULL;
        x->nterms = 0;
        x->depth = 0;
    }
    return r;
}

/* ---------------------------------------------------------------- numbers */

static brink_status eval_expr(const brink_scenario *sc, int id, const mpq_t *params,
                              mpq_t out, brink_error *err)
{
    int ns = sc->c.closed[id]->maxstack + 1;
    mpq_t *stack = brink_q_array_new((size_t)ns);
    if (!stack)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    brink_status st = sc_expr_eval_q(sc->c.closed[id], params, stack, out, sc->file, err);
    brink_q_array_free(stack, (size_t)ns);
    return st;
}

brink_status sc_compact_payoffs(const brink_scenario *sc, const sc_compact *k,
                                const mpq_t *params, mpq_t *pay, mpq_t *epay,
                                brink_error *err)
{
    const sc_compiled *cc = &sc->c;
    size_t ns = (size_t)cc->maxstack + 1, nv = (size_t)cc->nclosed + 1;
    mpq_t *stack = brink_q_array_new(ns), *vals = brink_q_array_new(nv);
    brink_status st = BRINK_OK;
    if (!stack || !vals) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    /* the expressions the payoffs use, and every other one that reads a parameter (an issue
     * value or a probability): as the tree's bind, a draw where one of them cannot be
     * evaluated fails; the constant ones were evaluated when the file was read */
    unsigned char *need = st ? NULL : calloc((size_t)cc->nclosed + 1, 1);
    if (!st && !need)
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    size_t nt = k->term_start ? (size_t)k->term_start[(size_t)k->nleaves * (size_t)k->np] : 0;
    size_t net = epay && k->eterm_start
                     ? (size_t)k->eterm_start[((size_t)k->child_start[k->nclasses] + 1) *
                                              (size_t)k->np]
                     : 0;
    for (size_t t = 0; need && t < nt; t++)
        need[k->term[t]] = 1;
    for (size_t t = 0; need && t < net; t++)
        need[k->eterm[t]] = 1;
    for (int i = 0; i < cc->nclosed && !st; i++)
        if (need[i] || (cc->closed[i]->flags & SC_EXPR_HAS_PARAM))
            st = sc_expr_eval_q(cc->closed[i], params, stack, vals[i], sc->file, err);
    free(need);
    for (int c = 0; c < k->nclasses && !st; c++) {
        int l = k->leaf[c];
        if (l < 0)
            continue;
        for (int p = 0; p < k->np; p++) {
            size_t s = (size_t)l * (size_t)k->np + (size_t)p;
            mpq_t *o = &pay[(size_t)c * (size_t)k->np + (size_t)p];
            mpq_set_ui(*o, 0, 1);
            for (int t = k->term_start[s]; t < k->term_start[s + 1]; t++)
                mpq_add(*o, *o, vals[k->term[t]]);
        }
    }
    size_t rows = (size_t)k->child_start[k->nclasses] + 1;
    for (size_t e = 0; epay && e < rows && !st; e++)
        for (int p = 0; p < k->np; p++) {
            size_t s = e * (size_t)k->np + (size_t)p;
            mpq_set_ui(epay[s], 0, 1);
            for (int t = k->eterm_start[s]; t < k->eterm_start[s + 1]; t++)
                mpq_add(epay[s], epay[s], vals[k->eterm[t]]);
        }
out:
    brink_q_array_free(stack, ns);
    brink_q_array_free(vals, nv);
    return st;
}

brink_status sc_compact_issue_value(const brink_scenario *sc, const sc_compact *k, int leaf,
                                    int issue, const mpq_t *params, mpq_t out,
                                    brink_error *err)
{
    int id = k->leaf_value[(size_t)leaf * (size_t)k->ni + (size_t)issue];
    if (id < 0)
        return brink_error_set(err, BRINK_EINVALID, "issue %d is not numeric", issue);
    return eval_expr(sc, id, params, out, err);
}

int sc_compact_chance_order(const sc_compact *k, int *order)
{
    unsigned char *seen = calloc((size_t)k->nclasses, 1);
    int *cls = malloc((size_t)k->nclasses * sizeof *cls);
    int *next = malloc((size_t)k->nclasses * sizeof *next);
    int n = 0, top = 0;
    if (!seen || !cls || !next) {
        free(seen);
        free(cls);
        free(next);
        return -1;
    }
    cls[top] = k->root;
    next[top++] = k->child_start[k->root];
    seen[k->root] = 1;
    if (k->mover[k->root] == SC_COMPACT_CHANCE)
        order[n++] = k->root;
    while (top > 0) {
        int c = cls[top - 1];
        if (next[top - 1] >= k->child_start[c + 1]) {
            top--;
            continue;
        }
        int d = k->child[next[top - 1]++];
        if (seen[d])
            continue;
        seen[d] = 1;
        if (k->mover[d] == SC_COMPACT_CHANCE)
            order[n++] = d;
        cls[top] = d;   /* at most one frame per class: the stack fits */
        next[top++] = k->child_start[d];
    }
    free(seen);
    free(cls);
    free(next);
    return n;
}

brink_status sc_compact_probs(const brink_scenario *sc, const sc_compact *k,
                              const mpq_t *params, int at_defaults, mpq_t *prob,
                              brink_error *err)
{
    const sc_compiled *cc = &sc->c;
    int *order = malloc((size_t)k->nclasses * sizeof *order);
    int n = order ? sc_compact_chance_order(k, order) : -1;
    size_t ns = (size_t)cc->maxstack + 1;
    mpq_t *stack = brink_q_array_new(ns), sum;
    mpq_init(sum);
    brink_status st = BRINK_OK;
    if (n < 0 || !stack) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    for (int i = 0; i < n && !st; i++) {
        int c = order[i], e0 = k->child_start[c], e1 = k->child_start[c + 1], inexact = 0;
        const sc_node *nd = k->node[c];
        mpq_set_ui(sum, 0, 1);
        for (int e = e0; e < e1 && !st; e++) {
            const sc_expr *ex = cc->closed[k->prob[e]];
            if (ex->flags & SC_EXPR_INEXACT)
                inexact = 1;
            st = sc_expr_eval_q(ex, params, stack, prob[e], sc->file, err);
            if (st)
                break;
            if (mpq_sgn(prob[e]) < 0) {
                const char *label = nd->opt_labels[e - e0], *wh = sc_closed_where(cc, k->prob[e]);
                if (at_defaults) {
                    st = brink_error_set_at(err, BRINK_EINVALID, sc->file, nd->loc.line,
                                            nd->loc.col,
                                            "probability of '%s'%s%s%s is negative (%g) at "
                                            "the default parameter values", label, wh ? " (" : "", wh ? wh : "", wh ? ")" : "",
                                            brink_q_get_d(prob[e]));
                } else {
                    char *v = brink_q_to_string(prob[e]);
                    st = brink_error_set_at(err, BRINK_EINVALID, sc->file, nd->loc.line,
                                            nd->loc.col,
                                            "probability of '%s'%s%s%s is negative (%s) at "
                                            "these parameter values", label, wh ? " (" : "", wh ? wh : "", wh ? ")" : "",
                                            v ? v : "?");
                    free(v);
                }
                break;
            }
            mpq_add(sum, sum, prob[e]);
        }
        if (st || mpq_cmp_ui(sum, 1, 1) == 0)
            continue;
        double s = brink_q_get_d(sum);
        if (inexact && s > 1 - 1e-12 && s < 1 + 1e-12) {
            /* computed in doubles: the rounding error goes on the last outcome */
            mpq_sub(sum, sum, prob[e1 - 1]);
            mpq_set_ui(prob[e1 - 1], 1, 1);
            mpq_sub(prob[e1 - 1], prob[e1 - 1], sum);
            continue;
        }
        char *v = brink_q_to_string(sum);
        const char *wh = sc_probs_where(cc, k->prob + e0, e1 - e0);
        st = brink_error_set_at(err, BRINK_EINVALID, sc->file, nd->loc.line, nd->loc.col,
                                "probabilities of this chance move%s%s%s sum to %s, not 1, at "
                                "%s parameter values", wh ? " (" : "", wh ? wh : "", wh ? ")" : "", v ? v : "?",
                                at_defaults ? "the default" : "these");
        free(v);
    }
out:
    mpq_clear(sum);
    brink_q_array_free(stack, ns);
    free(order);
    return st;
}

/* ---------------------------------------------------------------- watched decisions */

/* Decision points of each actor in each class's sub-tree, saturated at 2^62 (cnt[c * np + a]). */
static uint64_t *decision_counts(const sc_compact *k)
{
    int np = k->np;
    uint64_t *cnt = calloc((size_t)k->nclasses * (size_t)(np ? np : 1), sizeof *cnt);
    const uint64_t sat = (uint64_t)1 << 62;
    for (int c = 0; cnt && c < k->nclasses; c++) {   /* children first */
        uint64_t *o = &cnt[(size_t)c * (size_t)np];
        if (k->mover[c] >= 0)
            o[k->mover[c]] = 1;
        for (int e = k->child_start[c]; e < k->child_start[c + 1]; e++)
            for (int a = 0; a < np; a++) {
                uint64_t v = o[a] + cnt[(size_t)k->child[e] * (size_t)np + (size_t)a];
                o[a] = v > sat ? sat : v;
            }
    }
    return cnt;
}

/* w->infoset: the decision point's number in the tree: decision points of the actors
 * before a, then a's before it in the tree's pre-order (as the tree numbers its information
 * sets, one per decision point here); -1 past 2^31. On failure w->path is freed. */
static brink_status number_decision(const sc_compact *k, int a, sc_compact_watch *w,
                                    brink_error *err)
{
    uint64_t *cnt = decision_counts(k);
    if (!cnt) {
        free(w->path);
        w->path = NULL;
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    int np = k->np;
    uint64_t id = 0;
    for (int b = 0; b < a; b++)
        id += cnt[(size_t)k->root * (size_t)np + (size_t)b];
    int u = k->root;
    for (int i = 0; i < w->npath; i++) {
        if (k->mover[u] == a)
            id++;
        for (int e = k->child_start[u]; e < w->path[i]; e++)
            id += cnt[(size_t)k->child[e] * (size_t)np + (size_t)a];
        u = k->child[w->path[i]];
    }
    free(cnt);
    w->infoset = id < (uint64_t)1 << 31 ? (long)id : -1;
    return BRINK_OK;
}

/* The actor named by the first wl characters of a decision reference: *a its index, -1 when
 * unknown, -2 when it names a type (ACTOR.TYPE). -1 OOM. */
static int ref_actor(const brink_scenario *sc, const char *ref, size_t wl, int *a)
{
    char *who = malloc(wl + 1);
    if (!who)
        return -1;
    memcpy(who, ref, wl);
    who[wl] = 0;
    *a = strchr(who, '.') ? -2 : sc_actor_find(sc, who);
    free(who);
    return 0;
}

brink_status sc_compact_find_decision(const brink_scenario *sc, const char *ref,
                                      sc_compact_watch *w, brink_error *err)
{
    const sc_compact *k = sc->compact;
    memset(w, 0, sizeof *w);
    w->infoset = -1;
    const char *at = strchr(ref, '@');
    if (!at)
        return brink_error_set(err, BRINK_EINVALID,
                               "decision reference '%s' must look like ACTOR@LABEL or "
                               "ACTOR.TYPE@LABEL (LABEL may be *)", ref);
    int wl = (int)(at - ref), a;
    if (ref_actor(sc, ref, (size_t)wl, &a))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (a == -2)
        return brink_error_set(err, BRINK_EINVALID, "decision reference '%s': this compact "
                               "game has no types", ref);
    if (a < 0)
        return brink_error_set(err, BRINK_EINVALID, "decision reference '%s': unknown actor "
                               "'%.*s'", ref, wl, ref);
    const char *label = at + 1;
    if (!strcmp(label, "*") || label[0] == '(')
        return brink_error_set(err, BRINK_EUNSUPPORTED,
                               "decision reference '%s': the scenario was built as a compact "
                               "game (its tree is not unfolded), where a watched decision is "
                               "one decision point named by its path (ACTOR@start, "
                               "ACTOR@option/option/...); '%s' can stand for many", ref, label);
    /* walk the path's labels from the root */
    int c = k->root, n = 0, cap = 16;
    int *path = malloc((size_t)cap * sizeof *path);
    if (!path)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    const char *p = strcmp(label, "start") ? label : "";
    while (*p && c >= 0) {
        size_t len = strcspn(p, "/");
        int found = -1;
        if (k->mover[c] != -1)
            for (int e = k->child_start[c]; e < k->child_start[c + 1] && found < 0; e++) {
                const char *ol = k->node[c]->opt_labels[e - k->child_start[c]];
                if (strlen(ol) == len && !strncmp(ol, p, len))
                    found = e;
            }
        if (found < 0) {
            c = -1;
            break;
        }
        if (n == cap) {
            int *g = brink_reallocarray(path, (size_t)cap * 2, sizeof *g);
            if (!g) {
                free(path);
                return brink_error_set(err, BRINK_ENOMEM, "out of memory");
            }
            path = g;
            cap *= 2;
        }
        path[n++] = found;
        c = k->child[found];
        p += len;
        if (*p == '/')
            p++;
    }
    /* the tree names a decision point by its path only when its node has no name of its own,
     * and shows at most SC_VIEW_SHOWN events of it */
    if (c < 0 || k->mover[c] != a || k->node[c]->name || n > SC_VIEW_SHOWN) {
        free(path);
        for (int d = 0; d < k->nclasses; d++)
            if (k->mover[d] == a && k->node[d]->name && !strcmp(k->node[d]->name, label))
                return brink_error_set(err, BRINK_EUNSUPPORTED,
                                       "decision reference '%s': the scenario was built as a "
                                       "compact game (its tree is not unfolded), where a "
                                       "watched decision is one decision point named by its "
                                       "path (ACTOR@start, ACTOR@option/option/...); the name "
                                       "'%s' stands for every decision point of the node at "
                                       "line %d", ref, label, k->node[d]->loc.line);
        return brink_error_set(err, BRINK_EINVALID, "no decision matches '%s'", ref);
    }
    w->cls = c;
    w->path = path;
    w->npath = n;
    return number_decision(k, a, w, err);
}

brink_status sc_compact_leaf_groups(const brink_scenario *sc, const sc_compact *k, int *ngroups,
                                    int **cls_group, int **group_leaf, brink_error *err)
{
    int n = k->nclasses, ni = k->ni, ng = 0;
    unsigned char *seen = calloc((size_t)n, 1);
    int *stk = malloc((size_t)n * 2 * sizeof *stk);
    int *gleaf = malloc(((size_t)k->nleaves + 1) * sizeof *gleaf);
    int *cg = malloc(((size_t)n + 1) * sizeof *cg);
    if (!seen || !stk || !gleaf || !cg) {
        free(seen);
        free(stk);
        free(gleaf);
        free(cg);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory grouping outcomes");
    }
    for (int c = 0; c < n; c++)
        cg[c] = -1;
    int top = 1;
    stk[0] = k->root;
    stk[1] = k->child_start[k->root];
    seen[k->root] = 1;
    while (top > 0) {
        int c = stk[2 * top - 2];
        if (k->mover[c] == -1) {   /* a leaf: the group of its discrete levels */
            const int *lv = &k->leaf_level[(size_t)k->leaf[c] * (size_t)ni];
            int g = 0;
            for (; g < ng; g++) {
                const int *o = &k->leaf_level[(size_t)k->leaf[gleaf[g]] * (size_t)ni];
                int same = 1;
                for (int i = 0; i < ni && same; i++)
                    same = (sc->issues[i].nlevels ? lv[i] : -1) ==
                           (sc->issues[i].nlevels ? o[i] : -1);
                if (same)
                    break;
            }
            if (g == ng)
                gleaf[ng++] = c;
            cg[c] = g;
            top--;
            continue;
        }
        if (stk[2 * top - 1] >= k->child_start[c + 1]) {
            top--;
            continue;
        }
        int d = k->child[stk[2 * top - 1]++];
        if (seen[d])
            continue;
        seen[d] = 1;
        stk[2 * top] = d;
        stk[2 * top + 1] = k->child_start[d];
        top++;
    }
    free(seen);
    free(stk);
    *ngroups = ng;
    *cls_group = cg;
    *group_leaf = gleaf;
    return BRINK_OK;
}

/* Does class c match the reference's actor a and label (NULL: any of a's decisions)? */
static int one_matches(const sc_compact *k, int c, int a, const char *label)
{
    return k->mover[c] == a && (!label || (k->node[c]->name && !strcmp(k->node[c]->name, label)));
}

brink_status sc_compact_find_one_decision(const brink_scenario *sc, const char *ref,
                                          sc_compact_watch *w, brink_error *err)
{
    const sc_compact *k = sc->compact;
    memset(w, 0, sizeof *w);
    w->infoset = -1;
    const char *at = strchr(ref, '@');
    int first_of_actor = !at && sc_actor_find(sc, ref) >= 0;
    if (!first_of_actor) {
        brink_status st = sc_compact_find_decision(sc, ref, w, err);
        if (st != BRINK_EUNSUPPORTED || at[1] == '(')
            return st;
        brink_error_clear(err);   /* a name or *: the rule of brink compare --at below */
    }
    int a;
    if (ref_actor(sc, ref, at ? (size_t)(at - ref) : strlen(ref), &a))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    const char *label = first_of_actor || !strcmp(at + 1, "*") ? NULL : at + 1;
    /* cnt[c]: the tree paths from c to a first match below it (itself included), 2 meaning
     * two or more; the tree's first decision is the one match that comes before every other
     * on every path, so it exists when the root has exactly one such path (classes are
     * numbered children first) */
    int n = k->nclasses;
    unsigned char *cnt = calloc((size_t)n + 1, 1);
    if (!cnt)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int c = 0; c < n; c++) {
        if (one_matches(k, c, a, label)) {
            cnt[c] = 1;
            continue;
        }
        int s = 0;
        for (int e = k->child_start[c]; e < k->child_start[c + 1] && s < 2; e++)
            s += cnt[k->child[e]];
        cnt[c] = (unsigned char)(s < 2 ? s : 2);
    }
    brink_status st = BRINK_OK;
    if (!cnt[k->root])
        st = brink_error_set(err, BRINK_EINVALID, "no decision matches '%s'", ref);
    else if (cnt[k->root] > 1 && !first_of_actor) {
        /* the tree's decision points that match, counted: those of every matching class */
        mpz_t m;
        mpz_init(m);
        for (int c = 0; c < n; c++)
            if (one_matches(k, c, a, label))
                mpz_add(m, m, k->mult[c]);
        char *ms = mpz_get_str(NULL, 10, m);
        st = brink_error_set(err, BRINK_EINVALID,
                             "'%s' matches %s decisions, none of them before the others, and a "
                             "comparison looks at one decision: give one by its path "
                             "(%s@option/option/...)", ref, ms ? ms : "several",
                             sc->actors[a].id);
        if (ms) {
            void (*freefunc)(void *, size_t);
            mp_get_memory_functions(NULL, NULL, &freefunc);
            freefunc(ms, strlen(ms) + 1);
        }
        mpz_clear(m);
    }
    if (st) {
        free(cnt);
        return st;
    }
    /* down from the root along the first edge leading to a match: with one path, the only
     * one; for a bare actor name, the actor's first decision in the tree's pre-order */
    int c = k->root, cap = 16;
    if (!(w->path = malloc((size_t)cap * sizeof *w->path))) {
        free(cnt);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    while (!one_matches(k, c, a, label)) {
        int e = k->child_start[c];
        while (!cnt[k->child[e]])
            e++;
        if (w->npath == cap) {
            int *g = brink_reallocarray(w->path, (size_t)cap * 2, sizeof *g);
            if (!g) {
                free(cnt);
                free(w->path);
                w->path = NULL;
                return brink_error_set(err, BRINK_ENOMEM, "out of memory");
            }
            w->path = g;
            cap *= 2;
        }
        w->path[w->npath++] = e;
        c = k->child[e];
    }
    free(cnt);
    w->cls = c;
    return number_decision(k, a, w, err);
}
