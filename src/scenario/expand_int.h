/* expand_int.h — shared by the two passes of the tree expansion (expand_env.c: strings,
 * closed expressions, environments, control flow and the counting pass; expand.c: the
 * building pass and information sets). See expand.c for the design.
 */
#ifndef BRINK_SCENARIO_EXPAND_INT_H
#define BRINK_SCENARIO_EXPAND_INT_H

#include <stdint.h>

#include "core/htab.h"
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

/* Bounds on the compiled tree besides its node count (documented with the limits): nodes x
 * (issues + actors) (each node records every issue and every actor's type: 512 MB per table
 * at the bound) and nodes x preferences x actors (the work of summing leaves' payoffs). */
#define SC_MAX_ISSUE_CELLS ((uint64_t)1 << 27)
#define SC_MAX_PREF_WORK ((uint64_t)1 << 31)

enum { EV_TYPE = 1, EV_MOVE, EV_CHANCE };

/* Events of a view written out in an information set's label and words (the rest counted). */
#define SC_VIEW_SHOWN 64

typedef struct env {
    int sub, nargs;
    sc_expr **args;            /* closed; owned here, but for the first `borrowed`, which are
                                  another environment's (x_gen_env) */
    int borrowed;
    const char *const *names;  /* the arguments' names, for messages: the sub-game's, then
                                  generators' variables (part of the identity: two generators'
                                  variables of one value are told apart by name) */
    const sc_node *next;
    int next_env, next_round;
    int depth;
    uint64_t hash;
    /* for messages only (not part of the identity): 1 + the environment whose call first
     * made this one, and that call; 0 / NULL for the top level (tester 12, F9.3) */
    int caller1;
    const sc_node *call;
} env;

typedef struct memo {
    const sc_node *n;
    int env, round;
    uint64_t count;
} memo;

typedef struct term {
    int actor, type, expr;
} term;

typedef struct target {
    const sc_node *n;
    int env, round;
} target;

/* The options of a decision or chance node with generators made at expansion (n->gens), in
 * one environment: made once (x_options), used by both passes. */
typedef struct xopts {
    const sc_node *n;
    int env;
    int nopts;
    const char **labels;       /* once labeled, in the arena: information sets keep them */
    int labeled;               /* x_option_labels made them (the count needs none) */
    const sc_node **node;      /* each option's node ... */
    int *env_of;               /* ... and its environment (the generator's variable bound;
                                  -1 until x_option_env makes it) */
    int *slot;                 /* the option of n it comes from */
    int *first;                /* [n->nopts + 1]: the first option of each of n's */
    mpq_t **vals;              /* [n->nopts]: a generator's values (NULL: a fixed option) */
    int *nvals;
} xopts;

/* Frames of the two walks (each keeps its own stack, see expand.c and expand_env.c). */
typedef struct bframe bframe;
typedef struct undo {
    int issue, level, value;
} undo;
typedef struct cframe cframe;

typedef struct xctx {
    const char *compact_why;   /* why a large tree is not a compact game (compact.c) */
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
    int *vw_len;               /* events a view shows (its own type draws left out) */
    brink_buf pathbuf, wordbuf; /* scratch for rendering views */
    brink_buf textbuf;         /* scratch for a leaf's words */
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
    /* explicit stacks of the walks: counting frames; building frames, the settings they
     * changed and the views they saved */
    cframe *cframes;
    int ncframes, cframecap;
    uint64_t ccount;         /* the count of the node last finished */
    bframe *bframes;
    int nbframes, bframecap;
    undo *undo;
    int nundo, undocap;
    int *vsave;
    int nvsave, vsavecap;
    /* options made at expansion, per (node, environment) */
    xopts *xo;
    int nxo, xocap;
    htab xoh;
    /* temporaries for key lookups */
    const void *key;
} xctx;

brink_status x_fail(xctx *x, const sc_loc *loc, brink_status code, const char *fmt,
                    const char *a, const char *b);
brink_status x_oom(xctx *x);
/* Interned strings (copied into the scenario's arena): id, or the string itself. */
int x_str_id(xctx *x, const char *s);
const char *x_intern_str(xctx *x, const char *s);
/* Intern a closed expression into sc->c.closed; owned: e is adopted or freed. */
int x_intern_expr(xctx *x, sc_expr *e, int owned);
/* An open expression instantiated in environment ei (a fresh copy), or its interned id. */
sc_expr *x_inst(xctx *x, const sc_expr *e, int ei);
int x_inst_id(xctx *x, const sc_expr *e, int ei);
/* Add to x->err's message where in the expansion it happened: " (in round 2 of sub-game
 * 'stage', where k = 9)", the values of the arguments of environment ei marked in used[]
 * (nothing when none is marked or the error is out of memory or a bug). */
void x_err_where(xctx *x, int ei, const unsigned char *used);
/* x_inst_id for a chance probability: a new closed expression whose text uses the call's
 * arguments keeps where it was made (sc_closed_where), for the probability errors. */
int x_prob_id(xctx *x, const sc_expr *e, int ei);
/* A value that must be known when the tree is built (if: conditions, repeat counts). */
int x_const_value(xctx *x, const sc_expr *e, int ei, const char *what, mpq_t out);
/* Interned environments (takes ownership of e->args). */
int x_intern_env(xctx *x, env *e, const sc_loc *site);
/* Where a control node (if / next / play / repeat) leads; 0 or -1 on error. */
int x_resolve(xctx *x, const sc_node *n, int ei, int round, target *t);
uint64_t x_sat_add(uint64_t a, uint64_t b);
uint64_t x_sat_mul(uint64_t a, uint64_t b);
/* Depth guard (tree depth and control hops). */
int x_enter(xctx *x, const sc_node *n);
/* The options of n in environment ei when generators make them at expansion: an index into
 * x->xo, or -1 when n has fixed options only (or on error, x->st set). */
int x_options(xctx *x, const sc_node *n, int ei);
/* The environment of option j of x->xo[xo] (made the first time it is asked for), or -1. */
int x_option_env(xctx *x, int xo, int j);
void x_xopts_free(xopts *o, int nslots);
int x_option_labels(xctx *x, int xo);
/* Pass 1: nodes below n (memoised on node, environment and round). */
uint64_t x_count(xctx *x, const sc_node *n, int ei, int round);

/* Pass 2 helpers shared with the compact pass (compact.c). */
int x_pref_term(xctx *x, int pi, int value_expr);
int x_actor(xctx *x, int actor, int ei, const sc_loc *loc);
/* Apply a node's settings (saved[] receives the old values, n->nsettings of them) and push
 * its payoff terms; returns the number saved or -1. */
int x_apply_node(xctx *x, const sc_node *n, int ei, undo *saved);
void x_ctx_free(xctx *x);
/* The compact pass (compact.c): instead of pass 2, one node per distinct sub-game, when the
 * scenario allows it (perfect information, no chance, no types, no questions). Returns 1 when
 * sc->compact was built, 0 when the scenario does not qualify (nothing built, x->st clear),
 * -1 on error (x->st set). total: the unfolded tree's node count (pass 1). */
int x_compact(xctx *x, uint64_t total);

#endif
