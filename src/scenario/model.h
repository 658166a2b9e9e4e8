/* model.h — the parsed scenario (what the YAML says, validated) and the compiled structure
 * (the game tree it expands to, with a map back to the scenario's words).
 *
 * Ownership: every string and array lives in the scenario's arena, except expressions
 * (sc_expr, which hold GMP numbers) which are registered in `exprs` and freed with the
 * scenario. "Open" expressions may mention sub-game arguments; "closed" ones mention only
 * parameters. The compiled structure refers to closed expressions by index into `closed`
 * (de-duplicated, so a weight used at a thousand leaves is evaluated once per binding).
 */
#ifndef BRINK_SCENARIO_MODEL_H
#define BRINK_SCENARIO_MODEL_H

#include "brink/scenario.h"
#include "core/htab.h"
#include "scenario/expr.h"
#include "scenario/ytree.h"

typedef struct sc_loc {
    int line, col;
} sc_loc;

/* An array of exact numbers owned by the scenario (listed for freeing; the nodes live in
 * the arena). */
typedef struct sc_qblock {
    mpq_t *q;
    size_t n;
    struct sc_qblock *next;
} sc_qblock;

typedef struct sc_param {
    brink_param_info info;   /* public view; info.valueq points at value */
    mpq_t value;
    mpq_t lo, hi;            /* exact range (when info.has_range) */
    sc_loc range_loc;        /* where the range is written (messages) */
} sc_param;

typedef struct sc_type {
    const char *name;
    sc_expr *prior;          /* closed */
    sc_loc loc;
} sc_type;

typedef struct sc_actor {
    const char *id, *name, *doc;
    sc_loc loc, types_loc;
    int ntypes;
    sc_type *types;
} sc_actor;

typedef struct sc_issue {
    const char *name, *doc, *units;
    sc_loc loc;
    int nlevels;             /* 0 = numeric issue */
    const char **levels;
    int default_level;       /* discrete issues */
    sc_expr *default_value;  /* numeric issues (closed) */
} sc_issue;

typedef enum { SC_PREF_LEVEL = 1, SC_PREF_LINEAR, SC_PREF_IDEAL } sc_pref_kind;

typedef struct sc_pref {
    int actor, type;         /* type -1: every type of the actor */
    int issue, level;        /* level: SC_PREF_LEVEL only */
    sc_pref_kind kind;
    int quadratic;           /* SC_PREF_IDEAL: squared (1) or absolute (0) distance */
    sc_expr *weight;         /* closed */
    sc_expr *ideal;          /* closed, SC_PREF_IDEAL only */
    sc_loc loc;
} sc_pref;

typedef enum {
    SN_LEAF = 1, SN_DECISION, SN_CHANCE, SN_PLAY, SN_REPEAT, SN_IF, SN_NEXT
} sc_node_kind;

typedef struct sc_setting {
    int issue, level;        /* level for discrete issues, -1 for numeric */
    sc_expr *value;          /* numeric issues: open expression */
    int add;                 /* numeric issues: add value to the current one */
    sc_loc loc;
} sc_setting;

/* An actor given by a sub-game's actor argument i (decisions and payoff keys). */
#define SC_ACTOR_ARG(i) (-2 - (i))
#define SC_ACTOR_ARG_INDEX(a) (-2 - (a))

typedef struct sc_payterm {
    int actor, type;         /* type -1: every type; actor may be SC_ACTOR_ARG(i) */
    sc_expr *amount;         /* open */
    sc_loc loc;
} sc_payterm;

/* A generator whose values use sub-game arguments or `round` (`in: range(0, n)`): its options
 * are made while the tree is expanded, once per environment (expand_env.c, x_options), with
 * the same values, labels and limits as a generator read with the file (generate.c). Its body
 * is read once, its variable being argument `arg` of the environments of its options. */
typedef struct sc_local sc_local;
typedef struct sc_defgen {
    const char *var;
    int arg;                 /* = the argument names in scope at the generator */
    const char *const *names;/* those names: the sub-game's, then enclosing such variables */
    const ynode *in;         /* a copy of `in:` in the scenario's arena */
    const sc_local *locals;  /* enclosing generators' variables read with the file (copied) */
    sc_loc in_loc;
    int shape_dep;           /* its variable reaches a nested in:, an if:, a times: or a call's
                                argument: the nodes below differ from value to value (else
                                the expansion's count multiplies one value's) */
} sc_defgen;

/* An actor argument given as a template of an actor id, "E{round}": literal pieces and
 * expressions (open: sub-game arguments, `round`, generators' variables), read when the
 * sub-game is entered; the id made must be an actor's. */
typedef struct sc_actor_tpl {
    const char *text;        /* as written */
    int nparts;
    const char **lit;        /* lit[i] precedes part i; lit[nparts] ends the id */
    sc_expr **part;
    sc_loc loc;
} sc_actor_tpl;

typedef struct sc_node sc_node;
struct sc_node {
    sc_node_kind kind;
    sc_loc loc;
    const char *name;        /* explicit decision / chance name, or NULL */
    int actor;               /* SN_DECISION: the actor, or SC_ACTOR_ARG(i) for the enclosing
                                sub-game's actor argument i (resolved when expanding) */
    int seen_set;            /* 1 when seen_by / hidden was given */
    uint64_t seen_by;        /* actors who observe the move (the mover always does) */
    int nopts;               /* SN_DECISION, SN_CHANCE */
    const char **opt_labels;
    sc_loc *opt_locs;
    sc_node **opts;
    sc_expr **probs;         /* SN_CHANCE: open */
    sc_defgen **gens;        /* NULL, or per option: the generator whose options are made at
                                expansion in its place (its label a template), or NULL */
    int nsettings;
    sc_setting *settings;
    int npay;
    sc_payterm *pay;
    /* SN_PLAY / SN_REPEAT */
    int sub;
    int nargs;               /* = the sub-game's argument count */
    sc_expr **args;          /* open (caller scope); NULL entry = use the default */
    sc_actor_tpl **arg_tpl;  /* NULL, or per argument an actor template (then args[i] unused) */
    sc_node *then;           /* continuation for `next` (NULL: the enclosing one) */
    sc_expr *times;          /* SN_REPEAT: open, must be constant */
    int index_arg;           /* SN_REPEAT: argument receiving the round number, or -1 */
    /* SN_IF */
    sc_expr *cond;           /* open, must not depend on parameters */
    sc_node *if_then, *if_else;
};

/* Arguments of one sub-game (documented with the limits). */
#define SC_MAX_ARGS 256

typedef struct sc_subgame {
    const char *name;
    sc_loc loc;
    int nargs;
    const char **arg_names;
    sc_expr **arg_defaults;  /* closed or NULL (argument required) */
    unsigned char *arg_actor;/* 1: the argument is an actor (`name: actor`), its value the
                                actor's index; a decision or payoff key may name it */
    sc_node *body;
    int round_arg;           /* the implicit argument `round` (see parse_game.c), or -1 */
    int state;               /* cycle detection scratch */
} sc_subgame;

/* ---- compiled structure ----
 * Built by expand.c in pre-order ("x" arrays, in the compiler's own numbering), emitted into a
 * brink_efg by emit.c (as often as instances need a game), and mapped to the game's indices
 * once (the emission is deterministic, so every emitted game has the same indices). */
typedef struct sc_xinfoset {
    int player;              /* actor, or BRINK_CHANCE */
    int nact;
    const char *label;       /* efg infoset label */
    const char **actions;
    int *prob_expr;          /* chance: closed expression per action */
    const char *view;        /* what the actor has seen, in words */
    int type;                /* the actor's own type (-1 none) */
    sc_loc loc;              /* the decision / chance node in the source */
    int inexact;             /* chance: some probability is computed in doubles */
} sc_xinfoset;

typedef struct sc_compiled {
    int nnodes, nplayers;
    /* per node, pre-order (same order as the game's nodes) */
    int *x_infoset;          /* compiler infoset id or -1 (terminal) */
    int *x_leaf;             /* compiler leaf id or -1 */
    int *edge_mover;         /* actor, -1 chance, -2 type draw, -3 root */
    uint64_t *edge_seen;     /* actors observing the move into the node */
    const char **edge_text;
    int *node_type;          /* [nnodes * nplayers] type of actor a on the path, -1 */
    /* compiler infosets */
    int nxinfosets;
    sc_xinfoset *xinfosets;
    /* compiler leaves */
    int nleaves;
    int *leaf_level;         /* [nleaves * nissues]: level, or -1 for numeric issues */
    int *leaf_value_expr;    /* [nleaves * nissues]: closed expr of numeric issues, -1 */
    const char **leaf_text;
    int *leaf_term_start;    /* [nleaves * nplayers + 1] */
    int *leaf_term;          /* closed expression ids, summed */
    /* closed expressions */
    int nclosed, closed_cap;
    sc_expr **closed;
    int maxstack;
    /* [nclosed_where] where a chance probability's closed expression was first made, when
     * its text uses sub-game arguments: "in round 6 of sub-game 'round'" (the arena's), else
     * NULL; read by sc_closed_where for the probability errors (tester 12, F5) */
    const char **closed_where;
    int nclosed_where;
    /* maps from the emitted game's indices */
    int ninfosets, ngleaves, nactions;
    int *xinfoset_of;        /* [game infosets] -> compiler infoset */
    int *xleaf_of;           /* [game leaves] -> compiler leaf */
    int *leaf_outcome;       /* [game leaves] -> game outcome */
    int *action_expr;        /* [game actions] closed expr (chance) or -1 */
} sc_compiled;

/* The call that made closed expression id (see closed_where), or NULL. */
const char *sc_closed_where(const sc_compiled *c, int id);
/* Of a chance move's probabilities ids[n]: the first one's call, or NULL. */
const char *sc_probs_where(const sc_compiled *c, const int *ids, int n);

/* An entry of the name index (names.c). */
enum { SC_NAME_PARAM = 1, SC_NAME_SUB, SC_NAME_ISSUE, SC_NAME_LEVEL, SC_NAME_TYPE };

typedef struct sc_name {
    int kind, owner;         /* owner: the issue of a level, the actor of a type, else 0 */
    const char *name;        /* in the scenario's arena */
    size_t len;
    int value;               /* the index it names */
} sc_name;

struct brink_scenario {
    brink_arena *arena;
    brink_scenario_limits lim;
    const char *file, *id, *title, *description, *source, *model, *mechanism;
    int nparams;
    sc_param *params;
    const char **param_names;  /* for "did you mean" hints */
    int ncorr;
    brink_correlation *corr;   /* declared correlations (parse_dist.c) */
    int nactors;
    sc_actor *actors;
    int nissues;
    sc_issue *issues;
    int nprefs;
    sc_pref *prefs;
    int nsubs;
    sc_subgame *subs;
    sc_node *root;
    int nquestions;
    brink_question *questions;
    mpq_t *question_bounds;   /* exact ranges: 4 per question (lo_q/hi_q point here) */
    struct sc_qblock *qblocks;   /* exact numbers of distributions (parse_dist.c), freed
                                    with the scenario */
    size_t nquestion_bounds;
    sc_loc *question_watch_loc;
    /* every expression, for freeing */
    sc_expr **exprs;
    int nexprs, exprs_cap;
    sc_compiled c;
    /* name index: parameters, sub-games, issues, levels, types (names.c) */
    sc_name *names;
    int nnames, names_cap;
    htab name_index;
    brink_forecast_input *forecast; /* the `forecast:` section, or NULL (parse_forecast.c) */
    brink_efg *game;          /* bound at the default values */
    int game_overflow;        /* its doubles beyond double range (see bind.c) */
    uint64_t tree_nodes;      /* nodes counted before building */
    struct sc_compact *compact; /* the game as distinct sub-games (compact.h), when it was
                                   built instead of the tree (then c and game are empty) */
    /* while a generator's values are read inside a sub-game: its argument names, so that a
     * value using one is told apart from an unknown name (generate.c) */
    const char *const *gen_arg_names;
    int gen_nargs;
    /* while a generator's values are made at expansion: the values of those arguments */
    sc_expr *const *gen_arg_values;
    /* set when a generator's value was refused for using a parameter: an error of the file,
       not of one call's values (the expansion then does not name the call) */
    int gen_not_constant;
};

/* ---- helpers shared by the scenario files ---- */
/* Record an error at a YAML node's position. */
brink_status sc_err(brink_scenario *sc, brink_error *err, const ynode *n, brink_status code,
                    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* Lists of names in messages ("USA, DPRK"): appended to a brink_buf, never cut. */
void sc_list_add(brink_buf *b, const char *name);
const char *sc_list_text(const brink_buf *b);   /* "" when empty, "?" after a failed append */
/* A number in words: whole numbers of up to 15 digits exactly, others to 6 significant
 * digits (also beyond double range). */
void sc_put_number(brink_buf *b, const mpq_t q);
/* A number exactly, for messages: a whole number or a fraction p/q while it has at most 40
 * digits, else to 6 significant digits after "about ". */
void sc_put_exact(brink_buf *b, const mpq_t q);
/* Keep an expression for freeing with the scenario; returns e (NULL stays NULL). */
sc_expr *sc_keep(brink_scenario *sc, sc_expr *e);
int sc_actor_find(const brink_scenario *sc, const char *id);
/* The actor whose id is the len bytes at id (a part of a longer text: "A" of "A.T@L"). */
int sc_actor_find_n(const brink_scenario *sc, const char *id, size_t len);
int sc_type_find(const brink_scenario *sc, int actor, const char *name);
int sc_issue_find(const brink_scenario *sc, const char *name);
int sc_level_find(const brink_scenario *sc, int issue, const char *name);
int sc_param_find(const brink_scenario *sc, const char *name);
int sc_sub_find(const brink_scenario *sc, const char *name);
/* The name index (names.c). find: the value, or -1. add: -1 when added, the existing value
 * when the name is already there (nothing added), -2 when out of memory. `name` must live as
 * long as the scenario (its arena). */
int sc_name_find(const brink_scenario *sc, int kind, int owner, const char *name, size_t len);
int sc_name_add(brink_scenario *sc, int kind, int owner, const char *name, int value);
/* Parse "ACTOR" or "ACTOR.TYPE" (key of preferences / payoffs). */
brink_status sc_parse_actor_ref(brink_scenario *sc, const ynode *key, int *actor, int *type,
                                brink_error *err);
/* Compile a scalar node as an expression; arg_names (may be NULL) lists sub-game args. */
sc_expr *sc_compile_scalar(brink_scenario *sc, const ynode *n, const char *const *arg_names,
                           int nargs, brink_error *err);
/* A generator's variable bound to one value while its body is read (parse_game.c); a chain,
 * innermost first. In expressions such a name is that constant. */
struct sc_local {
    const char *name;
    mpq_srcptr value;
    const struct sc_local *next;
};
sc_expr *sc_compile_local(brink_scenario *sc, const ynode *n, const char *const *arg_names,
                          int nargs, const sc_local *locals, brink_error *err);
/* The same, not kept by the scenario: the caller frees it (sc_expr_free). For values used
 * once while reading, so that counting a generator many times does not grow the scenario. */
sc_expr *sc_compile_temp(brink_scenario *sc, const ynode *n, const char *const *arg_names,
                         int nargs, const sc_local *locals, brink_error *err);
/* Is the word reserved (a node key) and therefore not usable as an actor id? */
int sc_reserved_word(const char *s);

/* parse_meta.c: everything but the game tree; parse_game.c: the tree and sub-games. */
brink_status sc_parse_meta(brink_scenario *sc, const ynode *root, brink_error *err);
brink_status sc_parse_forecast(brink_scenario *sc, const ynode *f, brink_error *err);
brink_status sc_parse_questions(brink_scenario *sc, const ynode *root, brink_error *err);
brink_status sc_parse_game(brink_scenario *sc, const ynode *root, brink_error *err);
/* expand.c: count the tree (refusing blow-ups), then expand it into sc->c. */
brink_status sc_expand(brink_scenario *sc, brink_error *err);
/* emit.c: a fresh game from sc->c (numbers at the defaults); the first call also fills the
 * maps from game indices (sc->c.xinfoset_of ...), so it takes a non-const scenario. */
brink_efg *sc_emit_game(const brink_scenario *sc, brink_error *err);
/* Shared sub-trees of a perfect-information compiled tree (share.c; not used by loading or
 * analysis yet): class_of[v] for every node, equal classes root the same sub-game at every
 * parameter value; class_node[k] is class k's first node in pre-order, class_count[k] how
 * many nodes it stands for. BRINK_EINVALID when a decision has more than one node. */
typedef struct sc_shared {
    int nclasses;
    int *class_of, *class_node, *class_count;
} sc_shared;
brink_status sc_share_subtrees(const brink_scenario *sc, sc_shared *out, brink_error *err);
void sc_shared_free(sc_shared *s);
brink_status sc_emit_maps(brink_scenario *sc, const brink_efg *g, brink_error *err);
/* bind.c: evaluate every closed expression at values and write payoffs and chance
 * probabilities into g. stack: c.maxstack entries; vals: c.nclosed; tmp: 1. *overflow
 * receives the number of payoffs whose double copy is beyond double range (+-inf). */
/* The double path of Monte Carlo (docs/montecarlo.md): bind the instance's game in doubles
 * only, at the numbers exact[nparams] (NULL: the doubles values[] are the numbers) whose
 * doubles values[] are within perr[i] (NULL: 0) of them (brink_sampler_exact): every leaf
 * payoff from the closed expressions evaluated in doubles with rigorous bounds (sc_expr_eval_bound), *leaf_err[nleaves * nplayers] the bounds on each payoff's
 * distance to its exact value; chance probabilities exactly (the exact bind's checks) and
 * their doubles truncated (within 2u). Returns 1 when done; 0 when the doubles cannot
 * decide, or the exact bind would refuse or adjust the numbers: bind exactly then. Either
 * way the game's exact fields (action_probq, leaf_payq, outcome_*) are NOT updated: after
 * this only the doubles are valid, until the next exact bind. work: sc_bind_bound_work
 * doubles. Allocates nothing (GMP may grow a number's limbs). */
size_t sc_bind_bound_work(const brink_scenario *sc);
int sc_bind_bound(brink_scenario_instance *in, const double *values, const mpq_t *exact,
                  const double *perr, double *work, const double **leaf_err);

brink_status sc_bind_game(const brink_scenario *sc, brink_efg *g, const mpq_t *values,
                          mpq_t *stack, mpq_t *vals, mpq_t *tmp, int *overflow,
                          brink_error *err);
/* ranges.c: priors and chance probabilities non-negative at both ends of every range. */
brink_status sc_check_ranges(const brink_scenario *sc, brink_error *err);
/* questions: validate watch references (after compiling). */
brink_status sc_check_questions(brink_scenario *sc, brink_error *err);

#endif
