/* brink/analysis.h — analyse a scenario: choose a method by the game's size and shape, solve,
 * verify, keep the equilibria that are sequentially rational, and answer the scenario's
 * declared questions (thresholds, sweeps, comparisons).
 *
 * Method choice follows one policy (src/analysis/policy.c, brink_analysis_plans()): an
 * ordered list of plans, each a condition on the game and a list of roles; a role names no
 * solver but the capability flags one must have (include/brink/solve.h), and is filled by
 * the first registered solver with those flags that accepts the game. So a better method
 * plugs in by registering it with honest flags.
 * Strategic-form methods run on the reduced strategic form; their Nash equilibria are mapped
 * to behaviour strategies, completed off the equilibrium path and kept only when every
 * information set's choice is optimal for some belief, with Bayes' rule wherever it applies
 * (a weak perfect Bayesian equilibrium; for singleton information sets this is subgame
 * perfection's credibility requirement). Every reported profile is verified as a Nash
 * equilibrium (exactly, when the game is small enough).
 *
 * Results are data: indices of the game analysed (actions, nodes, information sets), of the
 * scenario (actors, types, issues and their levels) and numbers. No field holds prose; the
 * report writers (src/report/) make every word from the data and the scenario's labels.
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
    const struct brink_question *ask;   /* with nask > 0: answer these questions instead of
                                           the declared ones (brink sweep); they must
                                           outlive the analysis (answers point to them) */
    int nask;
    long max_reduced_cells;  /* methods on the reduced strategic form run only when it has
                                at most this many cells (20000) */
    double time_limit;       /* seconds (0 = none): per solve, and per threshold question
                                (brink_threshold_compute) in all: the parts of its range not
                                done in time are BRINK_UNKNOWN_TIME_LIMIT */
    long iterations;         /* iterative methods (CFR, logit): at most this many iterations
                                per solve; 0 = the method's default */
    int all_limit_nodes;     /* questions re-solve asking for ALL equilibria only when the game
                                has at most this many nodes (default 5000); larger games ask
                                for one, since ties can make "all" exponentially many;
                                but a threshold lists every equilibrium at the parameter's
                                default, and on perfect-information games without chance at
                                each tie until one such list comes back capped or 4M nodes
                                were solved so (a sample without a tie has one: see
                                docs/scenario-language.md) */
    int max_profiles;        /* assess at most this many profiles per method (default 64);
                                the rest are counted in nfound but not examined (truncated) */
    int max_solves;          /* thresholds: at most this many equilibrium computations per
                                question (default 200); parts of the range left are reported
                                as unknown (BRINK_UNKNOWN_BUDGET), never guessed */
    int postpone_chance;     /* default 1: when the game has imperfect information only
                                because chance moves come before decisions that cannot see
                                them, the methods run on the same game with those moves
                                postponed (brink_efg_postpone_chance), which has perfect
                                information; results are mapped back. 0: never. Only the
                                automatic choice does this (not o->method). */
    int forecast_rounds;     /* a scenario with a `forecast:` section: run its EU forecast
                                (brink_forecast_run, default options) for at most this many
                                rounds (default 30; 0: not run) */
    /* Optional: called during a threshold question that has run for more than half a second,
     * at most every 0.2 s after a sample, with the share of its range covered so far (0..1;
     * 1 once at the end when it was called before); `what` names the work. Nonzero return:
     * ignored (the question is not cut short). NULL (the default): not called. Reads no
     * result: the answers are the same with or without it. */
    int (*progress)(void *ctx, double fraction, const char *what);
    void *progress_ctx;
} brink_analysis_options;

void brink_analysis_options_init(brink_analysis_options *o);

/* ---- The method policy (src/analysis/policy.c) ---- */

/* What a plan asks of the game. */
enum {
    BRINK_PLAN_PERFECT_INFO = 1u << 0,   /* perfect information */
    BRINK_PLAN_IMPERFECT = 1u << 1,      /* imperfect information */
    BRINK_PLAN_TWO_ACTORS = 1u << 2      /* exactly two actors */
};

/* One role of a plan: the solver filling it has every flag in `require` and none in
 * `exclude` (BRINK_SOLVER_* of solve.h), works on the tree or on the reduced strategic form
 * as `reduced` asks (a solver with BRINK_SOLVER_EFG and no solve_efg runs on the reduced
 * form: the driver builds it), and accepts the game (its restriction flags TWO_PLAYER,
 * CONSTANT_SUM, PERFECT_INFO hold; a reduced-form one only while the reduced strategic form
 * has at most max_reduced_cells cells). */
typedef struct brink_method_role {
    unsigned require, exclude;
    int reduced;             /* 1: on the reduced strategic form; 0: on the tree */
} brink_method_role;

#define BRINK_PLAN_MAX_ROLES 3   /* the policy table's shape, not a cap on results */

/* A plan applies when the game meets `need` and its first role is filled; the other roles
 * run too when filled, and their equilibria are merged. */
typedef struct brink_method_plan {
    unsigned need;                              /* BRINK_PLAN_* */
    int nroles;
    brink_method_role role[BRINK_PLAN_MAX_ROLES];
} brink_method_plan;

/* The plans, best first (a constant table). */
const brink_method_plan *brink_analysis_plans(int *count);

/* The first registered solver that fills role r for game g (NULL if none). */
const brink_solver *brink_analysis_role_solver(const brink_method_role *r, const brink_efg *g,
                                               const brink_analysis_options *o);

/* An automatic change of method: a method the policy would have used that was not, and why
 * (data; the report words it). */
typedef struct brink_method_change {
    const brink_solver *solver;   /* the method not used */
    brink_status status;          /* BRINK_ETOOBIG, BRINK_EUNSUPPORTED, BRINK_ENOCONVERGE */
    double cells, limit;          /* > 0 when skipped because the reduced strategic form has
                                     `cells` cells, over max_reduced_cells = `limit` */
    brink_error why;              /* otherwise the method's own refusal */
} brink_method_change;

#define BRINK_METHOD_MAX_CHANGES 4   /* the policy table has fewer fallbacks than this */

/* The method used: which plan, and the solvers that ran, in order. */
typedef struct brink_method_used {
    int plan;                /* index in brink_analysis_plans(); -1: chosen by the user */
    int nsolvers;
    const brink_solver *solver[BRINK_PLAN_MAX_ROLES];
    int complete[BRINK_PLAN_MAX_ROLES];   /* solver k claims it found every equilibrium of
                                             its kind (BRINK_SOLVER_ALL and it finished) */
    int refined;             /* equilibria were checked for sequential rationality */
    /* solver k stopped at its limit before its own tolerance (stats.stopped_at_limit): 1 a
     * limit other than the iteration budget (lambda, step size, time), 2 the iteration
     * budget (more --iterations may help) */
    int stopped[BRINK_PLAN_MAX_ROLES];
    long postponed;          /* > 0: the methods ran on the game with chance moves postponed
                                (this many decisions moved above chance moves they cannot
                                see; the same game, perfect information), see
                                brink_analysis_options.postpone_chance */
    int nchanges;            /* automatic changes of method before these ran, in order */
    brink_method_change change[BRINK_METHOD_MAX_CHANGES];
    int by_play;             /* 1: the equilibria are plays, each standing for the
                                equilibria that share it (brink_equilibrium.nprofiles):
                                backward induction with more profiles than max_profiles */
} brink_method_used;

/* The plan the analysis would use on g and its first solver; plan = -1 for the user's
 * choice (o->method). */
const brink_solver *brink_analysis_method(const brink_efg *g, const brink_analysis_options *o,
                                          int *plan, brink_error *err);

/* ---- Results ---- */

/* brink_equilibrium.sequential and .why */
enum { BRINK_SEQ_REJECTED = 0, BRINK_SEQ_PROVED = 1, BRINK_SEQ_WEAK = 2 };
enum {
    BRINK_SEQ_WHY_NONE = 0,
    BRINK_SEQ_WHY_RATIONAL = 1,   /* some choice is optimal for no belief consistency admits */
    BRINK_SEQ_WHY_LINKED = 2      /* each choice is, but the linked-pair condition between
                                     link[0] and link[1] holds for none of the supporting
                                     beliefs (proved: assess_consistency.c) */
};

/* One equilibrium. Indices are those of the game analysed: actions by global action index
 * (information set h's k-th action is infoset_action_start[h] + k), nodes by pre-order id. */
typedef struct brink_equilibrium {
    double *behav;           /* [nactions] behaviour strategies (chance = its probabilities) */
    mpq_t *behavq;           /* [nactions] exact, or NULL */
    double *belief;          /* [nnodes] probability of each decision node within its
                                information set (Bayes on the path; a supporting belief off it) */
    int *on_path;            /* [ninfosets] 1 if reached with positive probability */
    int *belief_fixed;       /* [ninfosets] or NULL: 1 where the belief is the only one
                                consistency allows (Bayes' rule on the path; off it, the
                                deviations its nodes need), 0 where it is free and one that
                                supports the choice was taken */
    double *reach;           /* [nnodes] probability that play passes through the node */
    double *value;           /* [nplayers] expected payoff */
    mpq_t *valueq;           /* [nplayers] exact, or NULL */
    double *type_value;      /* [brink_analysis_type_slots(sc)]: actor i's expected payoff
                                given its own type t at slot brink_analysis_type_slot(sc, i,
                                t); NaN where that type is never reached */
    double *group_prob;      /* [ngroups] probability of each outcome group */
    double *issue_mean;      /* [nissues] expected value of numeric issues (0 for discrete) */
    int verified;            /* 1 = exact Nash check passed; 0 = checked in doubles only */
    /* BRINK_SEQ_PROVED (1): every choice is optimal for the beliefs shown, which are Bayes'
     * rule where reached, meet the conditions of consistency belief_fixed describes, and
     * agree across information sets linked by the same unobserved moves (the linked-pair
     * condition, docs/scenario-language.md "Beliefs"); full consistency (Kreps and Wilson
     * 1982) asks more and is not checked. BRINK_SEQ_WEAK (2): every choice optimal for
     * beliefs Bayes-consistent where reached (a weak perfect Bayesian equilibrium), but no
     * supporting beliefs meeting the linked-pair condition were found at link[0], link[1]:
     * not shown sequential, not shown otherwise. BRINK_SEQ_REJECTED (0): not sequential;
     * why says which check failed. Nonzero values are kept by the refinement. */
    int sequential;
    int why;                 /* sequential 0: BRINK_SEQ_WHY_*; else BRINK_SEQ_WHY_NONE */
    int link[2];             /* sequential 2, or 0 with why BRINK_SEQ_WHY_LINKED: the two
                                information sets (earlier, later) whose beliefs no found pair
                                of supporting beliefs makes agree; else -1 */
    /* 1: that check passed in floating point only, to the analysis' tolerance (1e-9 of the
     * payoff scale), somewhere: a profile without rationals, or a free belief off the path
     * that the exact check could not decide (too many vertex candidates); 0: decided exactly
     * (a profile in rationals), or an approximate method's profile (approximate says so) */
    int sequential_doubles;
    int completed;           /* off-path information sets whose choice was replaced */
    double max_regret;
    /* 1: a floating-point profile of an approximate method (agent-logit...): an equilibrium
     * to within nashconv (payoff units, checked in doubles), never verified exactly; when the
     * analysis' own tolerance rejected it, it was judged at the method's tolerance instead
     * (tolerance > 0: that one, payoff units; its conditional gains and NashConv within it). */
    int approximate;
    double nashconv;         /* sum of the players' gains from deviating (doubles) */
    double tolerance;        /* approximate: the method's tolerance it was judged at, or 0 */
    /* A play of equilibria (backward induction lists one per distinct play): behav is one
     * of them (in each subtree off the path, the equilibrium worst for the actor who
     * leaves it), nprofiles how many pure equilibria have this play (exact; NULL: the
     * profile alone), alt[nactions] 1 for each action one of them takes (so at a decision
     * off the path where alt marks several actions, behav's choice is one of several;
     * an_eq_choice_fixed); NULL: the profile alone. Lower bounds when the list was capped. */
    mpz_t *nprofiles;
    unsigned char *alt;
} brink_equilibrium;

/* Is eq's choice at information set h the choice of every equilibrium eq stands for (its
 * play's, brink_equilibrium.alt)? 1 when eq stands for itself alone, or when no equilibrium
 * with its play takes an action there that eq does not. */
int brink_equilibrium_choice_fixed(const brink_efg *g, const brink_equilibrium *eq, int h);
/* The same for every choice play makes from node v on under eq (the continuation from v,
 * the payoffs of which are then those of every equilibrium eq stands for). */
int brink_equilibrium_continuation_fixed(const brink_efg *g, const brink_equilibrium *eq,
                                         int v);

/* Slots of per-type arrays: actors in order, each with its types (actors without types have
 * none). */
int brink_analysis_type_slots(const brink_scenario *sc);
int brink_analysis_type_slot(const brink_scenario *sc, int actor, int type);

/* The watched choice at one point, as data: for each equilibrium found there and each
 * watched information set (brink_answer.watch), the action probabilities by action index:
 * equilibrium e, watched set k, action j at prob[e * watch_start[nwatch] + watch_start[k] + j]. */
typedef struct brink_choice {
    int neq;                 /* equilibria found (0: none) */
    double *prob;
} brink_choice;

/* Do two choices of the same answer agree as states: at every watched set, the same actions
 * are played with certainty by every equilibrium, or (one equilibrium) the same support, or
 * (several) the same set of pure actions and whether some equilibrium mixes? tol bounds
 * "certainty" and "in the support". */
int brink_choice_same_state(const int *watch_start, int nwatch, const brink_choice *x,
                            const brink_choice *y, double tol);

struct brink_threshold;   /* brink/threshold.h */

/* A region of a two-parameter map (src/analysis/regionmap.c): a polygon in the plane of the
 * sweep's first (x) and second (y) parameter where the watched choices are those of
 * lines[line]->regions[region] (brink/threshold.h). xy[2 * nv]: vertices as (x, y) pairs,
 * the left boundary from bottom to top, then the right one from top to bottom. Vertices lie
 * on the answer's lines and are exact boundaries there (nearest doubles of certified flips
 * or range ends).
 * exact = 1: the polygon is proved: every watched choice of the region is made, at every
 * point of the closed polygon, by an equilibrium whose (pure) structure is certified there;
 * its edges between lines are exact region boundaries (the structures' conditions are affine
 * in (x, y), so the set where each holds is convex: docs/scenario-language.md, "Region maps").
 * xyq[2 * nv] then holds the vertices exactly (rationals; NULL when exact = 0). Nothing is
 * claimed about other equilibria inside the polygon.
 * exact = 0: the edges between two lines are traced straight, not certified: the boundary
 * may bend inside the band (at most brink_answer.map_band high). */
typedef struct brink_map_polygon {
    int line, region;
    int nv;
    double *xy;
    int exact;
    mpq_t *xyq;              /* [2 * nv] when exact, else NULL */
} brink_map_polygon;

/* A sweep's grid point where binding the parameters or solving failed (the other points are
 * still answered). line/column: the place in the scenario file of the expression or chance
 * node at fault (0 when the failure has no place, e.g. a time limit); message: what failed,
 * ending with the grid point ("at x = 1/2"), malloc'd. */
typedef struct brink_point_failure {
    int point;               /* index into the sweep's points */
    brink_status status;
    int line, column;
    char *message;
} brink_point_failure;

/* The answer to one declared question. */
typedef struct brink_answer {
    const brink_question *q;
    brink_status status;     /* BRINK_OK, or why it could not be answered (message) */
    char *message;           /* malloc'd when status != BRINK_OK, else NULL */
    int line, column;        /* with a message: where in the scenario file the cause lies
                                (a payoff's expression, a chance node; 0 when nowhere in
                                particular); a sweep's message ends with the grid point */
    /* the watched information sets (sweep and compare), in the order the scenario lists them */
    int nwatch;
    int *watch;              /* [nwatch] */
    int *watch_start;        /* [nwatch + 1] offsets of each set's actions in a choice */
    /* threshold: the certified answer (include/brink/threshold.h); one-parameter sweep with
     * a watched decision: the same over the sweep's range, for the exact boundaries between
     * its grid points */
    struct brink_threshold *threshold;
    /* two-parameter sweep with a watched decision: a region map traced on lines — for each
     * grid value line_x[j] of the second parameter (j < nlines), the certified continuation
     * in the first over its range (boundaries exact along each line; between lines the map
     * is resolved at the grid spacing) */
    int nlines;
    double *line_x;                      /* [nlines] increasing: the grid's values and the
                                            lines added half way where neighbours disagree */
    mpq_t *line_q;                       /* [nlines] the same values exactly (the grid's
                                            lo + (hi - lo) j / (n - 1) and exact midpoints) */
    struct brink_threshold **lines;      /* [nlines] (entries NULL where it failed) */
    int npolygons;                       /* the map's regions (see brink_map_polygon) */
    brink_map_polygon *polygons;
    int nunresolved;                     /* bands between adjacent lines that still disagree
                                            at 1/8 of the grid spacing: no polygon crosses */
    double *unresolved;                  /* [2 * nunresolved] (y low, y high) */
    double map_band;                     /* the highest band between adjacent lines */
    int solves;              /* equilibrium computations used */
    /* sweep: npoints grid points (x0 varies fastest) */
    int npoints;
    double *x;               /* [npoints * 2] parameter values (nearest doubles; +-inf
                                beyond their range) */
    mpq_t *xq;               /* [npoints * 2] the same, exactly: lo + (hi - lo) i / (n - 1) */
    brink_choice *choice;    /* [npoints] watched choice (neq only when nothing is watched) */
    int *nequilibria;        /* [npoints]; -1 where the point failed (see failed): the
                                equilibria listed (one per play where by_play) */
    int *by_play;            /* [npoints] 1: backward induction listed one equilibrium per
                                play, and profiles counts every pure profile over them */
    mpz_t *profiles;         /* [npoints] with by_play: every subgame-perfect profile there,
                                exactly (a lower bound where profiles_at_least) */
    int *profiles_at_least;  /* [npoints] */
    int nfailed;             /* grid points that failed, in grid order; every other point is
                                answered (a sweep fails as a whole only when all do) */
    brink_point_failure *failed;   /* [nfailed] */
    double *value;           /* [npoints * nplayers] expected payoffs (first equilibrium) */
    double *group_prob;      /* [npoints * ngroups] */
    int ngroups;             /* sweep: outcome groups of group_prob's rows (the tree's
                                numbering; on a compact game every group of its leaves) */
    /* sweep on a compact game (brink_analysis.compact): the watched decision point's class
     * (set only there, with a watched decision), and first_only[npoints]: 1 where some
     * decision point has several best actions, so backward induction on the classes kept the
     * first at each (the point's choice and numbers are that equilibrium's; other equilibria
     * are not ruled out) */
    int watch_class;
    unsigned char *first_only;
    double *issue_mean;      /* [npoints * nissues] expected numeric issues (first eq.) */
    /* compare: per action of the watched decision (the first watched set, infoset) */
    int nopts;
    int infoset;
    double *opt_value;       /* [nopts * nplayers] (first equilibrium) */
    double *opt_group;       /* [nopts * ngroups] (first equilibrium) */
    double *opt_value_lo, *opt_value_hi;   /* [nopts * nplayers] over every equilibrium kept */
    int *opt_differ;         /* [nopts] 1: the equilibria differ after the option (values or
                                outcome probabilities), so the first one's is not the answer */
    /* compare on a compact game (brink_analysis.compact; infoset is then the tree's number of
     * the decision point, -1 when too large, and watch_class its class): the edges from the
     * root to it (compare_path[compare_npath]); opt_alike[nopts] 0 where a tie lies on the
     * first equilibrium's play after the option (equilibria with that play continue
     * differently); opt_pure_capped 1 when the ranges are over some of the pure
     * subgame-perfect equilibria only (a list of consequences reached its cap), 0 when over
     * every one */
    int compare_npath;
    int *compare_path;
    unsigned char *opt_alike;
    int opt_pure_capped;
} brink_answer;

typedef struct brink_analysis {
    const brink_scenario *sc;        /* borrowed */
    const brink_efg *game;           /* the game analysed (owned by the analysis' instance) */
    brink_scenario_instance *instance;
    brink_method_used method;
    int nfound;                      /* profiles the solvers returned (plays, when profiles) */
    mpz_t *profiles;                 /* backward induction: every subgame-perfect profile
                                        over the plays found, exactly (brink_eqset.profiles);
                                        NULL when the method lists profiles one by one */
    int profiles_at_least;           /* profiles and nprofiles are lower bounds (see
                                        brink_analysis_counts_at_least) */
    int nrejected;                   /* of those, not sequentially rational */
    int nshort;                      /* of those, approximate profiles short of the method's
                                        own tolerance (stopped at its limit): not equilibria */
    int truncated;                   /* only the first max_profiles were examined */
    int count;                       /* equilibria kept (distinct after completion) */
    int unique;                      /* proved: one equilibrium kept, found by an enumeration
                                        of every (mixed) equilibrium that finished, with
                                        nothing rejected or left unexamined */
    brink_equilibrium *eq;           /* most efficient first (sum of expected values) */
    int npath_groups;                /* groups of equilibria identical on the path of play */
    int *path_group;                 /* [count] the group of each equilibrium: equal groups
                                        reach the same information sets and choose alike
                                        there, differing only off the path; numbered by
                                        their first (most efficient) equilibrium */
    int ngroups;                     /* outcome groups: leaves with the same issue levels */
    int *group_level;                /* [ngroups * nissues]: level of each discrete issue in
                                        group k (-1 for numeric issues) */
    int *leaf_group;                 /* [nleaves] */
    int nanswers;
    brink_answer *answers;
    /* the scenario's forecast (brink_scenario_forecast) run by brink_forecast_run with
       forecast_options, or NULL (no `forecast:` section, or forecast_rounds 0) */
    brink_forecast_result *forecast;
    brink_forecast_options forecast_options;
    double seconds;                  /* the solve's time (equilibria, their checks and
                                        grouping), questions and forecast excluded */
    double questions_seconds;        /* the questions' time (0 when none were asked) */
    /* non-NULL when the scenario was built as a compact game (brink_scenario_is_compact):
       solved by backward induction once per distinct sub-game; game, instance and eq are
       then NULL (count is 1: the play shown), and the writers print the compact form */
    struct brink_compact_result *compact;
} brink_analysis;

/* Analyse a scenario at its default parameter values (and answer its questions). */
brink_analysis *brink_analyze(const brink_scenario *sc, const brink_analysis_options *o,
                              brink_error *err);
void brink_analysis_free(brink_analysis *a);   /* NULL is a no-op */

/* 1 when the counts of subgame-perfect profiles (a->profiles, each equilibrium's nprofiles)
 * are lower bounds: backward induction by play stopped at its limit, so the plays and
 * profiles it did not reach are not counted; 0 when they are exact (or absent). */
int brink_analysis_counts_at_least(const brink_analysis *a);

/* Reports (append to out; src/report/). */
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
    int nfound, nrejected;
    int nshort;              /* approximate profiles short of the method's tolerance */
    int complete;            /* some solver that ran claims every equilibrium of its kind */
    int truncated;           /* more profiles than max_profiles were returned */
    brink_method_used method;
    /* Methods that list one profile per play (backward induction): then nfound counts plays
     * and this every pure equilibrium profile over them, exactly (NULL: not grouped). */
    mpz_t *profiles;
    int profiles_at_least;   /* 1: profiles is a lower bound (brink_solve_stats) */
} brink_eqset;

brink_status brink_analysis_solve(const brink_scenario_instance *in, const int *leaf_group,
                                  int ngroups, const brink_analysis_options *o,
                                  brink_eqset *out, brink_error *err);
void brink_eqset_free(brink_eqset *s, const brink_efg *g);

/* The watched choice of an equilibrium set as data (choice->prob allocated; free() it). */
brink_status brink_eqset_choice(const brink_efg *g, const brink_eqset *s, const int *watch,
                                const int *watch_start, int nwatch, brink_choice *choice,
                                brink_error *err);

#ifdef __cplusplus
}
#endif
#endif
