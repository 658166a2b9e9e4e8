/* brink/solve.h — the one contract every solver follows, and exact verification.
 *
 * A solver is a value of type brink_solver (as a GSL algorithm is a type plugged into a
 * driver): a name, what it applies to, what it guarantees, and a solve function. Solvers never
 * print. brink_solve() runs one and then verifies every profile it returned (exactly in
 * rationals when the solver is exact or the game is small, NashConv in doubles always); a
 * profile an exact method returns that fails exact verification is an error, not an answer.
 */
#ifndef BRINK_SOLVE_H
#define BRINK_SOLVE_H

#include <stdint.h>
#include "game.h"
#include "evaluate.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Profiles ---- */
typedef enum {
    BRINK_PROFILE_MIXED = 1, /* over the strategies of an nfg (strat_offset layout) */
    BRINK_PROFILE_BEHAV = 2  /* over the global actions of an efg */
} brink_profile_kind;

typedef struct brink_profile {
    brink_profile_kind kind;
    int n;               /* vector length (total strategies or actions) */
    double *p;           /* [n] always present */
    mpq_t *q;            /* [n] exact values, or NULL */
    /* Assessment (behaviour profiles only, optional): belief[v] = probability of node v
     * within its infoset; NULL when the method does not produce beliefs. */
    double *belief;      /* [nnodes] or NULL */
    mpq_t *beliefq;      /* [nbelief] or NULL */
    int nbelief;         /* length of belief/beliefq (nnodes) when present */
    double lambda;       /* QRE precision parameter, or NaN when not a QRE point */
    int component;       /* index of the convex component (all-equilibria enumerations), -1 */
    /* Filled by verification: */
    int verified;        /* 1 = exact regret 0; 0 = not checked exactly; -1 = exact check failed */
    double max_regret;   /* max over players of best-response gain (doubles) */
    double nashconv;     /* sum over players of best-response gain (doubles) */
    double *value;       /* [nplayers] expected payoffs (doubles) */
    mpq_t *valueq;       /* [nvalue] exact expected payoffs, or NULL */
    int nvalue;          /* nplayers once verified */
    /* Lists grouped by play (brink_solve_options.by_play): this profile represents every
     * equilibrium of its kind with the same play (the same choices wherever play goes).
     * nprofiles: how many there are, exactly (NULL: not grouped, the profile alone).
     * alt[n]: 1 for each action some equilibrium with this play takes with certainty at its
     * information set (so an information set off the path where alt marks several actions
     * has no one equilibrium choice there; on the path only the profile's own); NULL: not
     * grouped. Counts and alternatives are lower bounds when the list is capped. */
    mpz_t *nprofiles;
    unsigned char *alt;
} brink_profile;

typedef struct brink_solve_stats {
    long iterations;
    double seconds;
    double residual;         /* method-specific: final exploitability, path residual ... */
    int complete;            /* 1 if the method claims to have found ALL equilibria */
    /* Numeric trouble in a double-precision run that made the method redo the work in exact
     * arithmetic: how many times, and why the first time (a brink_fallback value). */
    int exact_fallbacks;
    int fallback_reason;
    /* 1 when an iterative method stopped at its time or iteration limit: the profiles are the
     * best found so far (their regret is in the profiles), not answers to the target. */
    int stopped_at_limit;
    /* 1 when stopped_at_limit because the iteration (step) budget ran out: a larger budget
     * (--iterations) may reach the tolerance; 0 for the other limits (time, lambda, a branch
     * that cannot be followed), where it cannot. */
    int budget_exhausted;
    /* The method's tolerance for its answers, in payoff units: an answer not flagged
     * stopped_at_limit is an equilibrium to within this NashConv (agent-logit: NashConv and
     * every conditional gain at an information set; CFR: NashConv). 0: the method states none
     * (exact methods, or a method that does not set it). */
    double tolerance;
    /* 1 when an all-equilibria method listed fewer than exist because of a documented cap on
     * the list's size (memory): the list is a true subset, and complete is 0. */
    int list_capped;
    /* Profiles the method found, listed or not: above count when options.max_list cut the
     * list (0: as many as listed). */
    long found;
    /* Lists grouped by play (by_play): found counts plays; this is every equilibrium
     * profile over all of them (exactly; a lower bound when list_capped). NULL otherwise. */
    mpz_t *profiles;
    /* 1 when profiles (and each play's nprofiles) are lower bounds: a node kept fewer plays
     * than it has (BRINK_SPE_MAX caps), so plays and profiles beyond are not counted. */
    int profiles_at_least;
    /* The registered method (its registry name, a static string) that produced the profiles
     * when this one could not: gnm and ipa hand over to simpdiv when no path or iteration
     * gives an equilibrium (src/solve/homotopy/gw.h). NULL: the method's own profiles. */
    const char *fallback_method;
} brink_solve_stats;

/* Why a double-precision pivoting run was abandoned for exact arithmetic. */
typedef enum brink_fallback {
    BRINK_FALLBACK_NONE = 0,
    BRINK_FALLBACK_CERTIFICATE = 1, /* the final basis failed the exact check */
    BRINK_FALLBACK_BUDGET = 2,      /* pivot budget (relative to the problem size) exhausted:
                                       rounding made the path cycle or wander */
    BRINK_FALLBACK_RAY = 3,         /* the path ended on a ray (a secondary ray in Lemke) */
    BRINK_FALLBACK_RANGE = 4,       /* payoffs beyond what doubles represent */
    BRINK_FALLBACK_SOLVER = 5       /* the floating-point LP solver reported failure */
} brink_fallback;


typedef struct brink_profile_list {
    brink_profile *items;
    int count, cap;
    int ncomponents;         /* components found (enumeration methods), else 0: profile
                                component = index of its connected component */
    /* Maximal convex sets of equilibria (all-equilibria enumeration of 2-player games): set k
     * is the convex hull of the profiles items[convex_member[i]] for i in
     * convex_start[k] .. convex_start[k+1]-1. An extreme equilibrium may lie in several sets;
     * sets that share one are in the same component. NULL/0 when not reported. */
    int nconvex;
    int *convex_start;       /* [nconvex + 1] */
    int *convex_member;
    brink_solve_stats stats;
    char method[32];         /* the solver's name (a registry name: 11 bytes at most) */
} brink_profile_list;

void brink_profile_list_init(brink_profile_list *l);
void brink_profile_list_free(brink_profile_list *l);
/* Append a new zeroed profile of kind/length; exact = allocate q. Returns it or NULL (OOM). */
brink_profile *brink_profile_list_add(brink_profile_list *l, brink_profile_kind kind, int n,
                                      int exact, brink_error *err);
void brink_profile_clear(brink_profile *pr);
/* Fill p from q (after an exact solver has set q). */
void brink_profile_sync_doubles(brink_profile *pr);
/* Give a double profile exact values: each entry becomes the simplest rational within tol
 * (continued fractions). Used so that solutions of double methods can be verified exactly
 * when they are exact equilibria in disguise. Allocates pr->q if needed. */
brink_status brink_profile_rationalize(brink_profile *pr, double tol, brink_error *err);

/* ---- Options (GLPK style: a struct with an initialiser, every tolerance a field) ---- */
/* A cache for calling brink_solve on many games of one structure (the same tree, information
 * sets and outcomes; only the numbers differ), e.g. one per Monte Carlo worker: what a method
 * builds from the structure alone (the reduced strategic form and its strategy map) is kept
 * from the first call and refilled with each game's numbers. The results are those without
 * it. One cache serves one game object (other games pass through it uncached) and one thread. */
typedef struct brink_solve_cache brink_solve_cache;
brink_solve_cache *brink_solve_cache_new(void);   /* NULL: out of memory */
void brink_solve_cache_free(brink_solve_cache *c);   /* NULL is a no-op */

typedef struct brink_solve_options {
    int exact;                   /* compute in rationals where the method supports it */
    int all;                     /* 1: all equilibria the method can find; 0: one */
    long max_iterations;         /* iterative methods; 0 = method default */
    double target_exploitability;/* stop iterative methods below this NashConv; 0 = none */
    double time_limit;           /* seconds, 0 = none */
    int threads;                 /* 0 = all cores */
    uint64_t seed;               /* for randomised methods */
    double lambda;               /* QRE: report the point at this lambda (NaN = follow to limit) */
    double tolerance;            /* numeric tolerance for double methods (default 1e-10) */
    int want_path;               /* QRE: return the path points, not only the end */
    long max_exact_cells;        /* verification: skip exact check above this (default
                                    BRINK_MAX_EXACT_CELLS) */
    /* Progress: called now and then by long methods; return nonzero to cancel. May be NULL. */
    int (*progress)(void *ctx, double fraction, const char *what);
    void *progress_ctx;
    /* 1: brink_solve returns the profiles unchecked and the caller runs brink_solve_check on
     * each one it uses (a caller that discards most profiles, e.g. those that fail a
     * refinement, saves their exact checks). Default 0: every profile checked. */
    int verify_later;
    brink_solve_cache *cache;    /* NULL: none (brink_solve_cache_new) */
    /* All-equilibria methods that count before they list (spe): list at most this many
     * profiles, counting the rest in stats.found (0: list every one). A caller that examines
     * only the first few saves making the others (each an exact vector of every action). */
    long max_list;
    /* All-equilibria methods that can (spe): 1 lists one profile per distinct play (the
     * choices wherever play goes; equilibria that differ only off the path of play share
     * it), each with the number of equilibria it stands for and their off-path
     * alternatives (brink_profile.nprofiles, .alt); complete then means every play listed.
     * 0 (default): every profile. */
    int by_play;
} brink_solve_options;

void brink_solve_options_init(brink_solve_options *o);

/* ---- Solvers ---- */
enum {
    BRINK_SOLVER_NFG = 1u << 0,          /* accepts strategic games */
    BRINK_SOLVER_EFG = 1u << 1,          /* accepts extensive games */
    BRINK_SOLVER_EXACT = 1u << 2,        /* can compute in rationals */
    BRINK_SOLVER_ALL = 1u << 3,          /* can enumerate all equilibria (of its kind) */
    BRINK_SOLVER_TWO_PLAYER = 1u << 4,   /* 2-player games only */
    BRINK_SOLVER_CONSTANT_SUM = 1u << 5, /* constant-sum games only */
    BRINK_SOLVER_PERFECT_INFO = 1u << 6, /* perfect-information extensive games only */
    BRINK_SOLVER_APPROX = 1u << 7,       /* returns approximate equilibria (NashConv > 0) */
    BRINK_SOLVER_PURE_ONLY = 1u << 8,    /* finds pure-strategy equilibria only */
    BRINK_SOLVER_BELIEFS = 1u << 9,      /* returns assessments: beliefs at every information
                                            set with sequentially rational play */
    BRINK_SOLVER_QRE = 1u << 10          /* follows the logit quantal response equilibrium
                                            path (--lambda, --path) */
};

typedef struct brink_solver {
    const char *name;        /* "enumpure", "spe", "lcp", ... */
    const char *summary;     /* one line for `brink solve --list` */
    const char *guarantee;   /* what the result is: "all pure Nash equilibria", ... */
    unsigned flags;
    brink_status (*solve_nfg)(const brink_nfg *g, const brink_solve_options *o,
                              brink_profile_list *out, brink_error *err);
    brink_status (*solve_efg)(const brink_efg *g, const brink_solve_options *o,
                              brink_profile_list *out, brink_error *err);
} brink_solver;

/* The registry (a constant table; no global mutable state). */
const brink_solver *const *brink_solvers(int *count);
const brink_solver *brink_solver_find(const char *name);
/* A sensible default method for the game (name of a registered solver). */
const char *brink_solver_default(const brink_game *g);
/* The solver a method name means on this game (NULL for an unknown name). Usually the named
 * one; but a method that reaches trees only through the reduced strategic form, asked for on
 * an extensive game, means the solver of the same family (capability flag, e.g.
 * BRINK_SOLVER_QRE) that works on the tree itself: `logit` on a tree is agent logit. The
 * one place (src/analysis/policy.c) the CLI, reports and bindings resolve names. */
const brink_solver *brink_solver_for_game(const char *name, const brink_game *g);

/* Run a solver on a game and verify everything it returns (unless o->verify_later). */
brink_status brink_solve(const brink_solver *s, const brink_game *g,
                         const brink_solve_options *o, brink_profile_list *out,
                         brink_error *err);
/* The check brink_solve runs on each profile it returns (pr: item `index` of the list, as
 * the method returned it on game g): brink_verify_nfg / brink_verify_efg (exact when `exact`
 * and the profile carries rationals), an exact re-solve on the support of a 2-player
 * strategic profile whose rationals were a guess, and the guess dropped when it fails.
 * Errors: those of the verifiers; BRINK_EVERIFY when an exact method's profile fails the
 * exact check (a bug in brink). */
brink_status brink_solve_check(const brink_solver *s, const brink_game *g, brink_profile *pr,
                               int index, int exact, brink_error *err);

/* ---- Verification ---- */
/* Strategic form. Doubles: fills value, max_regret, nashconv. Exact (pr->q required):
 * sets verified = 1 iff every player's regret is exactly 0, else -1. */
brink_status brink_verify_nfg(const brink_nfg *g, brink_profile *pr, int exact,
                              brink_error *err);
/* Extensive form (perfect recall required): best responses by backward induction over the
 * player's sequences. Same fields as above. */
brink_status brink_verify_efg(const brink_efg *g, brink_profile *pr, int exact,
                              brink_error *err);

/* Perfect-information games: is a (pure or mixed) exact behaviour profile subgame perfect,
 * i.e. optimal for the mover at every decision node given the continuation? */
brink_status brink_verify_subgame_perfect(const brink_efg *g, const brink_profile *pr,
                                          int *is_spe, brink_error *err);

/* Assessments (behaviour + beliefs, e.g. from the "sequential" method). Checks Bayes
 * consistency wherever an information set is reached and sequential rationality at every
 * player information set (no better continuation from h on, given the beliefs at h). Exact
 * when pr->q and pr->beliefq are set; otherwise in doubles with tolerance tol.
 * Off-path consistency in the Kreps–Wilson sense is not checkable from one profile; methods
 * that build beliefs as limits of fully mixed profiles guarantee it. */
typedef struct brink_assessment_report {
    int exact;                 /* 1: the checks were done in rationals */
    int consistent;            /* beliefs are distributions and follow Bayes' rule on path */
    int sequentially_rational; /* every player optimises at every information set */
    double max_belief_error;   /* on-path |belief - conditional reach| (doubles) */
    double max_regret;         /* largest conditional gain from deviating at some infoset */
    int worst_infoset;         /* where max_regret is attained, -1 if none */
} brink_assessment_report;

brink_status brink_verify_assessment(const brink_efg *g, const brink_profile *pr, double tol,
                                     brink_assessment_report *rep, brink_error *err);

/* Complete an exact assessment at the information sets that only zero-probability chance
 * moves lead to (outside the game proper): beliefs conditional on the fewest such moves, and
 * best replies from the bottom up. See src/solve/verify/unreached.c. */
brink_status brink_assessment_complete_unreached(const brink_efg *g, brink_profile *pr,
                                                 brink_error *err);

/* Maximum-likelihood lambda of the agent logit QRE (principal branch) for observed action
 * counts: counts[a] for every global action a (chance entries ignored). Gives lambda, the
 * log-likelihood, and (out may be NULL) the QRE profile at that lambda with its beliefs.
 * Uses o->tolerance / o->max_iterations for the path (o may be NULL). */
brink_status brink_agent_logit_fit(const brink_efg *g, const double *counts,
                                   const brink_solve_options *o, double *lambda,
                                   double *loglik, brink_profile_list *out, brink_error *err);

/* Expected payoff of every pure strategy of every player against the others' mixtures:
 * out[strat_offset[p] + s]. Doubles. */
void brink_nfg_strategy_values(const brink_nfg *g, const double *profile, double *out);
void brink_nfg_strategy_valuesq(const brink_nfg *g, const mpq_t *profile, mpq_t *out);

/* Extensive form: reach, values, best responses and NashConv of a behaviour profile are in
 * brink/evaluate.h (included above), the one tree evaluator. */

/* Check a profile is a probability vector (nonnegative, sums to 1 per player/infoset). */
brink_status brink_profile_check_simplex(const brink_profile *pr, const brink_game *g,
                                         double tol, brink_error *err);

/* A profile given with exact numbers (pr->q) that passed brink_profile_check_simplex in
 * doubles but whose exact numbers miss 1 (or 0) by a rounding (2/3 written as
 * 0.66666666666666663): each such player's (strategic form) or information set's (tree)
 * probabilities are replaced by the simplest fractions within tol of the doubles when those
 * are nonnegative and sum to exactly 1; *snapped counts the sets replaced. Where they do not,
 * BRINK_EINVALID says which set and its exact sum (an exact check of the numbers as written
 * could only say "not a profile"). Chance sets are left alone. */
brink_status brink_profile_snap_simplex(brink_profile *pr, const brink_game *g, double tol,
                                        int *snapped, brink_error *err);

#ifdef __cplusplus
}
#endif
#endif
