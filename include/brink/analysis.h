/* brink/analysis.h — analyse a scenario: choose a method by the game's size and shape, solve,
 * verify, keep the equilibria that are sequentially rational, explain them in the scenario's
 * words, and answer the scenario's declared questions (thresholds, sweeps, comparisons).
 *
 * Method choice (brink_analysis_method) walks a preference table against the solver registry
 * (include/brink/solve.h), so a better method plugs in by registering it:
 *   perfect information            -> "spe" (every subgame-perfect equilibrium, exact)
 *   imperfect information, 2 actors -> "sequential", "seqlcp", then the reduced strategic
 *                                      form with "enummixed" (small) or "lcp", then "enumpure"
 *   imperfect information, more     -> "sequential", "agent-logit", then "enumpure"
 * Strategic-form methods run on the reduced strategic form; their Nash equilibria are mapped
 * to behaviour strategies, completed off the equilibrium path and kept only when every
 * information set's choice is optimal for some belief, with Bayes' rule wherever it applies
 * (a weak perfect Bayesian equilibrium; for singleton information sets this is subgame
 * perfection's credibility requirement). Every reported profile is verified as a Nash
 * equilibrium (exactly, when the game is small enough).
 *
 * Results are plain data so report writers (text, JSON) need no access to internals.
 */
#ifndef BRINK_ANALYSIS_H
#define BRINK_ANALYSIS_H

#include "scenario.h"
#include "solve.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct brink_analysis_options {
    const char *method;      /* a registered solver name, or NULL to choose by the game */
    int refine;              /* keep only sequentially rational equilibria (default 1) */
    int max_equilibria;      /* explain at most this many in detail (default 6) */
    double tol;              /* tolerance on probabilities and payoff gaps in doubles (1e-9) */
    int questions;           /* answer the declared questions (default 1) */
    int scan_points;         /* thresholds: initial grid intervals (default 17, a prime, so
                                grid points rarely sit exactly on a simple threshold) */
    double threshold_tol;    /* thresholds: final bracket width relative to the range (1e-10) */
    long max_reduced_cells;  /* methods on the reduced strategic form (enumpure, enummixed,
                                lcp) run only when it has at most this many cells (20000) */
    double time_limit;       /* per solve, seconds (0 = none) */
    int all_limit_nodes;     /* questions re-solve asking for ALL equilibria only when the game
                                has at most this many nodes (default 5000); larger games ask
                                for one, since ties can make "all" exponentially many */
    int max_profiles;        /* assess at most this many profiles per method (default 64);
                                the rest are counted in nfound but not examined */
    int max_solves;          /* thresholds: at most this many equilibrium computations per
                                question (default 200); parts of the range left are reported
                                as unknown (BRINK_UNKNOWN_BUDGET), never guessed */
} brink_analysis_options;

void brink_analysis_options_init(brink_analysis_options *o);

/* The solver the analysis would use on g, and one line saying why. */
const brink_solver *brink_analysis_method(const brink_efg *g, const brink_analysis_options *o,
                                          const char **why, brink_error *err);

/* One equilibrium, explained. Indices are those of the game analysed. */
typedef struct brink_equilibrium {
    double *behav;           /* [nactions] behaviour strategies (chance = its probabilities) */
    mpq_t *behavq;           /* [nactions] exact, or NULL */
    double *belief;          /* [nnodes] probability of each decision node within its
                                information set (Bayes on the path; a supporting belief off it) */
    int *on_path;            /* [ninfosets] 1 if reached with positive probability */
    double *reach;           /* [nnodes] probability that play passes through the node */
    double *value;           /* [nplayers] expected payoff */
    mpq_t *valueq;           /* [nplayers] exact, or NULL */
    double *type_value;      /* [nplayers * BRINK_ANALYSIS_MAX_TYPES]: value given own type */
    double *group_prob;      /* [ngroups] probability of each outcome group */
    double *issue_mean;      /* [nissues] expected value of numeric issues (0 for discrete) */
    int verified;            /* 1 = exact Nash check passed; 0 = checked in doubles only */
    int sequential;          /* 1 = passed the sequential-rationality check */
    int completed;           /* off-path information sets whose choice was replaced */
    double max_regret;
} brink_equilibrium;

#define BRINK_ANALYSIS_MAX_TYPES 16

struct brink_threshold;   /* brink/threshold.h */

/* The answer to one declared question. */
typedef struct brink_answer {
    const brink_question *q;
    brink_status status;     /* BRINK_OK, or why it could not be answered (message) */
    char message[256];
    /* threshold: the certified answer (include/brink/threshold.h) */
    struct brink_threshold *threshold;
    int solves;              /* equilibrium computations used */
    /* sweep: npoints grid points (x0 varies fastest) */
    int npoints;
    double *x;               /* [npoints * 2] parameter values */
    char **choice;           /* [npoints] watched choice ("" when nothing watched) */
    int *nequilibria;        /* [npoints] */
    double *value;           /* [npoints * nplayers] expected payoffs (first equilibrium) */
    double *group_prob;      /* [npoints * ngroups] */
    double *issue_mean;      /* [npoints * nissues] expected numeric issues (first eq.) */
    /* compare: per option of the watched decision (first matching infoset) */
    int nopts;
    int infoset;
    const char **opt_label;
    double *opt_value;       /* [nopts * nplayers] */
    double *opt_group;       /* [nopts * ngroups] */
} brink_answer;

typedef struct brink_analysis {
    const brink_scenario *sc;        /* borrowed */
    const brink_efg *game;           /* the game analysed (owned by the analysis' instance) */
    brink_scenario_instance *instance;
    char method[32];
    const char *method_why;
    const char *guarantee;           /* the solver's guarantee */
    int complete;                    /* the method claims all equilibria of its kind */
    int nfound;                      /* profiles the solver returned */
    int nrejected;                   /* of those, not sequentially rational */
    int truncated;                   /* only the first max_profiles were examined */
    int count;                       /* equilibria kept (distinct after completion) */
    brink_equilibrium *eq;           /* most efficient first (sum of expected values) */
    int ngroups;                     /* outcome groups: leaves with the same issue levels */
    char **group_text;
    int *leaf_group;                 /* [nleaves] */
    int nanswers;
    brink_answer *answers;
    double seconds;
} brink_analysis;

/* Analyse a scenario at its default parameter values (and answer its questions). */
brink_analysis *brink_analyze(const brink_scenario *sc, const brink_analysis_options *o,
                              brink_error *err);
void brink_analysis_free(brink_analysis *a);   /* NULL is a no-op */

/* Reports (append to out). */
brink_status brink_analysis_write_text(const brink_analysis *a, brink_buf *out,
                                       brink_error *err);
brink_status brink_analysis_write_json(const brink_analysis *a, brink_buf *out,
                                       brink_error *err);

/* ---- Building blocks, reusable by sweeps and Monte Carlo ---- */

/* The equilibria of an instance's game at its current binding: solve with the chosen method,
 * assess and (if o->refine) keep the sequentially rational ones, verify, summarise by outcome
 * group. Falls through to the next applicable method when one refuses the game (too big). */
typedef struct brink_eqset {
    int count;
    brink_equilibrium *eq;
    int nfound, nrejected, complete;
    int truncated;           /* more profiles than max_profiles were returned */
    char method[32];
    const char *method_why, *guarantee;
} brink_eqset;

brink_status brink_analysis_solve(const brink_scenario_instance *in, const int *leaf_group,
                                  int ngroups, const brink_analysis_options *o,
                                  brink_eqset *out, brink_error *err);
void brink_eqset_free(brink_eqset *s, const brink_efg *g);

/* The watched choice in words ("hold_firm"; "concede 40% / hold_firm 60%" for a mixture, or
 * "mixes concede/hold_firm" when probs is 0; "varies across equilibria" when equilibria
 * disagree; "no equilibrium found"). infosets[n] of the game. With probs = 0 the text is a
 * discrete state, as threshold searches need. */
void brink_analysis_choice_text(const brink_scenario *sc, const brink_efg *g,
                                const brink_eqset *s, const int *infosets, int n, int probs,
                                char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
