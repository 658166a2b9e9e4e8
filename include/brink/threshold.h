/* brink/threshold.h — certified one-parameter analysis: over a parameter's range, where does a
 * watched decision's equilibrium choice change, exactly?
 *
 * Method (exact one-parameter continuation; nothing is sampled on a grid):
 *   1. Payoffs and chance probabilities are rational functions of the parameter t (the
 *      scenario's expressions evaluated over Q(t); branches in expressions give guards).
 *   2. At a rational sample point the game is solved exactly (the analysis' method). Each
 *      equilibrium's structure — the support of every information set, the beliefs held off
 *      the path, which sets are reached — is continued in t: pure choices stay; mixed
 *      probabilities solve the indifference equations over Q(t) (linear ones; otherwise the
 *      region is reported unknown). The structure is an equilibrium (weak perfect Bayesian:
 *      every choice optimal given beliefs, Bayes' rule on the path) exactly where a finite set
 *      of sign conditions on rational functions holds: best-reply inequalities, positive
 *      probabilities, reached sets staying reached. The region of a sample is the connected
 *      set around it where every condition and guard holds; its ends are real roots of
 *      polynomials, found exactly (Sturm sequences).
 *   3. Uncovered parts of the range are sampled next, until the range is covered. Regions
 *      are therefore exact however narrow, and a flip is reported only between two adjacent
 *      certified regions whose watched choices differ, with its certificate.
 *
 * Numbers: an end or flip is a brink_real: rational (exact) or an irrational root of an
 * integer polynomial given with an isolating interval; never an approximation called exact.
 * Everything here is data: ids and indices into the game; words are made in report/.
 */
#ifndef BRINK_THRESHOLD_H
#define BRINK_THRESHOLD_H

#include <gmp.h>
#include "analysis.h"

#ifdef __cplusplus
extern "C" {
#endif

/* An exact real number. */
typedef struct brink_real {
    int rational;          /* 1: exactly q */
    mpq_t q;               /* rational: the value; else a rational inside (lo, hi) */
    int degree;            /* irrational: degree of poly (>= 2) */
    mpz_t *poly;           /* irrational: [degree + 1] integer coefficients, constant first */
    mpq_t lo, hi;          /* irrational: the only root of poly in the open interval (lo, hi) */
    double approx;         /* nearest double */
} brink_real;

typedef enum {
    BRINK_REGION_CERTIFIED = 0, /* the listed equilibria are certified on the whole region */
    BRINK_REGION_UNKNOWN        /* nothing certified here: see `reason` */
} brink_region_status;

typedef enum {
    BRINK_UNKNOWN_NONE = 0,
    BRINK_UNKNOWN_NONRATIONAL,      /* an expression is not rational in t (sqrt/exp/log/...) */
    BRINK_UNKNOWN_NONLINEAR,        /* mixed equilibria whose indifference is not linear */
    BRINK_UNKNOWN_NO_EQUILIBRIUM,   /* the method found no equilibrium at the sample */
    BRINK_UNKNOWN_SOLVE_FAILED,     /* the method failed at the sample (see message) */
    BRINK_UNKNOWN_NOT_EXACT,        /* an equilibrium could not be certified exactly there */
    BRINK_UNKNOWN_IRRATIONAL_POINT, /* a single irrational point no neighbour covers */
    BRINK_UNKNOWN_BUDGET,           /* the solve budget ran out before this part */
    BRINK_UNKNOWN_DEGENERATE,       /* the equilibria found near here hold only at their
                                       sample points (ties whose resolution moves with t,
                                       e.g. off-path play that must adjust): not continued */
    BRINK_UNKNOWN_GAVE_UP,          /* not sampled: the method had failed at every one of
                                       several samples in a row next to this part (each of
                                       them is its own SOLVE_FAILED region) */
    BRINK_UNKNOWN_TIME_LIMIT,       /* the question's time (options time_limit) ran out
                                       before this part was done */
    BRINK_UNKNOWN_CONVERGING        /* not sampled: 64 regions in a row had each left this
                                       rest of the range on the same side, shrinking toward
                                       a limit (equilibria that move with t) */
} brink_unknown_reason;

typedef struct brink_region {
    brink_real lo, hi;     /* ends (lo == hi for a single point) */
    int lo_closed, hi_closed;
    int point;             /* a single point */
    brink_region_status status;
    brink_unknown_reason reason;
    char *message;         /* SOLVE_FAILED: the method's error message (else NULL) */
    int expr_line, expr_col;   /* NONRATIONAL, SOLVE_FAILED: where in the scenario the
                                  expression (or chance node) at fault is; 0 when unknown */
    mpq_t sample;          /* where the equilibria were computed */
    int nequilibria;       /* equilibria found at the sample */
    int ncertified;        /* of those, continued and certified over the region */
    int nstates;
    int *state;            /* [nstates] ids of the distinct watched choices (see below) */
    int complete;          /* 1: certified to be every equilibrium the method looks for
                              inside the region, ends excluded: `unique`, or (perfect
                              information without chance) the list at the sample complete
                              and no comparison backward induction makes at the sample
                              (two different payoff functions of a mover, reached by two
                              children's plays) changing sign within the region, closed ends
                              included, so that its list is the same throughout; a single
                              point: its list is complete (complete_at_sample) */
    int unique;            /* 1: one equilibrium inside, ends excluded (perfect information:
                              one subgame-perfect profile, every preference strict inside;
                              at a closed end a tie may add equilibria. Two players: every
                              extreme equilibrium of the reduced strategic form makes listed
                              watched choices and completes, as the sequential check
                              completes it off the path, to one profile: the analysis' one
                              equilibrium, none rejected. A point: its list is one
                              equilibrium, none rejected) */
    int agree;             /* 1: every equilibrium the method lists inside the region, ends
                              excluded, has the same expected payoffs and the same
                              probability of each outcome group, proved: two-player regions
                              proved complete by the reduced strategic form's parametric
                              vertex enumeration (enummixed+sequential), where every extreme
                              equilibrium not shown rejected has one such function of the
                              parameter, and the sequential solver's equilibrium, a basic
                              solution of the sequence form, is realisation-equivalent to one
                              of them (analysis/cn_int.h); 0: not shown. Mixtures of
                              equilibria that the method does not list are not covered. */
    int complete_at_sample;/* the method's list at the sample point is complete, and every
                              watched choice of it traced (a play whose equilibria choose
                              differently at a watched set off the path: each combination) */
    int binding_lo, binding_hi;   /* ids into conds of the condition that ends the region at
                                     each side, -1 at a range end or when not one condition */
} brink_region;

/* Kinds of condition that can end a region. */
typedef enum {
    BRINK_COND_BEST_REPLY = 1,  /* actor at infoset h: action a no better than b */
    BRINK_COND_INDIFFERENT,     /* actor at h indifferent between a and b (mixed) */
    BRINK_COND_POSITIVE,        /* probability of action a at h stays positive */
    BRINK_COND_REACHED,         /* infoset h stays reached */
    BRINK_COND_UNREACHED,       /* infoset h stays unreached */
    BRINK_COND_EXPRESSION,      /* an expression's branch (line = h, column = a) */
    BRINK_COND_PROBABILITY,     /* a chance probability stays >= 0 */
    BRINK_COND_BELIEF           /* the off-path beliefs after the zero-probability action a
                                   at h stay defined (its tremble weight stays positive) */
} brink_cond_kind;

typedef struct brink_cond {
    brink_cond_kind kind;
    int h, a, b;           /* infoset and actions (or line, column for EXPRESSION) */
} brink_cond;

/* Certificate of a flip at t*: the mover at `infoset`, in the equilibrium of the region
 * below, compares action_below (its choice there) with action_above (its choice above).
 * gap(t) = E[u | a_above] - E[u | a_below] given the set is reached (beliefs by Bayes' rule,
 * or the region's beliefs off the path) is a rational function num/den; gap(t*) = 0 exactly;
 * gap < 0 just below t*. The same comparison in the equilibrium of the region above is
 * above_num/above_den: zero at t* and > 0 just above. The two functions differ when the
 * others' play differs on the two sides (same_gap = 0): e.g. a later mover switches at t* too,
 * and the gap below never turns positive. */
typedef struct brink_flip_cert {
    int infoset, player, action_below, action_above;
    int num_deg, den_deg;
    mpq_t *num, *den;      /* the gap below: coefficients, constant first */
    int above_num_deg, above_den_deg;
    mpq_t *above_num, *above_den;   /* the gap above (equal to num/den when same_gap) */
    int same_gap;          /* 1: one rational function on both sides */
    int value_rational;    /* 1: value_at is exact */
    mpq_t value_at;        /* the mover's expected value of either choice at t* */
    double value_at_d;
    int sign_below, sign_above;
} brink_flip_cert;

typedef struct brink_threshold_flip {
    brink_real at;
    int region_below, region_above;   /* the adjacent regions (or point region between) */
    int region_at;         /* a point region at t* itself, -1 when none */
    int certified;         /* 1: cert checked (watched mover indifferent exactly at t*) */
    brink_flip_cert cert;
    int cause;             /* not certified: id of the condition ending the region below
                              (another actor's indifference, a reach change), or -1 */
    int unchecked;         /* 1: the certificate was not checked (the time limit had passed);
                              certified is then 0 */
} brink_threshold_flip;

typedef struct brink_threshold {
    int param;                 /* parameter index */
    brink_real lo, hi;         /* the range searched */
    int nwatch;
    int *watch;                /* [nwatch] watched information sets */
    int *watch_action_start;   /* [nwatch + 1] offsets into a state's action list */
    int nstates;
    unsigned char *state_played;   /* [nstates * watch_action_start[nwatch]]: 1 when the
                                      action is played with positive probability */
    int nregions;
    brink_region *regions;     /* increasing, covering [lo, hi] */
    int nconds;
    brink_cond *conds;
    int nflips;
    brink_threshold_flip *flips;
    int default_region;        /* region containing the parameter's default, -1 if outside */
    int solves;                /* equilibrium computations */
    double seconds;
    struct brink_threshold_internal *internal;   /* the continued equilibria (opaque) */
} brink_threshold;

/* Answer a threshold question: parameter `param` over [lo, hi] (exact), watching infosets
 * watch[nwatch] (NULL/0: no watched decision; regions then describe equilibrium structure
 * only). values[nparams] hold the other parameters (values[param] is ignored). Errors:
 * BRINK_ENOMEM, BRINK_EINVALID (bad range). A method failure inside the range is not an error:
 * it becomes an unknown region (where the game is not a game — a negative chance probability,
 * a sum off 1 — the exact interval where that holds). o->time_limit (> 0) bounds the whole
 * computation as well as each solve in it: the parts not done in time become unknown regions
 * (BRINK_UNKNOWN_TIME_LIMIT), flips not checked in time are uncertified (unchecked = 1).
 * A compact scenario (brink_scenario_is_compact) has no information set numbers: watch must
 * be empty there (else BRINK_EUNSUPPORTED); its threshold questions, which name the watched
 * decision point by its path, are answered by brink_analyze (and Python's threshold). */
brink_threshold *brink_threshold_compute(const brink_scenario *sc, int param, const mpq_t lo,
                                         const mpq_t hi, const mpq_t *values,
                                         const int *watch, int nwatch,
                                         const brink_analysis_options *o, brink_error *err);
void brink_threshold_free(brink_threshold *t);   /* NULL is a no-op */

/* 1 when the watched choices listed for a region are every equilibrium's the method looks
 * for there, as the text states them without "(other equilibria not ruled out)": an interval
 * proved `complete` inside; a single point complete (or complete at its sample, which is the
 * point). 0 when other equilibria are not ruled out, or the region is not certified. A list
 * complete at an interval's sample is not enough: an equilibrium absent there can appear
 * between the sample and the ends. */
int brink_threshold_region_complete(const brink_threshold *t, int region);
/* 1 when flip f is a flip of every equilibrium (the method's): every equilibrium known on
 * both sides (both regions complete). 0: what changes there is the equilibria found (an
 * incomplete method, such as one sequential equilibrium, says nothing of the others; a list
 * complete at the samples only says nothing of the points near the flip). */
int brink_threshold_flip_known(const brink_threshold *t, int flip);

/* The equilibria behind a region: each of the ncertified equilibria found at the sample was
 * continued and is certified on its own interval; every watched choice of the region is made
 * by at least one of them at every point of the region. */
int brink_threshold_eq_state(const brink_threshold *t, int region, int k);   /* state id */
/* 1 when equilibrium k of the region is certified at x. */
int brink_threshold_covers(const brink_threshold *t, int region, int k, const mpq_t x);

/* The k-th certified equilibrium of a region (0 <= k < regions[region].ncertified) at a
 * parameter value x where it is certified (brink_threshold_covers): behq[nactions] its exact behaviour profile (chance
 * entries: the chance probabilities at x) and, when beliefq is not NULL, beliefq[nnodes] the
 * beliefs of the certified assessment (Bayes' rule where the information set is reached,
 * the continued off-path beliefs elsewhere). For independent checking: at every x of the
 * region the profile is an equilibrium of the game bound at x. Errors: BRINK_EINVALID (bad
 * indices, x outside the region), BRINK_ENOMEM. */
brink_status brink_threshold_profile(const brink_threshold *t, int region, int k, const mpq_t x,
                                     mpq_t *behq, mpq_t *beliefq, brink_error *err);

/* Text and JSON renderings (report/threshold.c). */
brink_status brink_threshold_write_text(const brink_threshold *t, const brink_scenario *sc,
                                        brink_buf *out, brink_error *err);
/* One line: each run of regions with its watched choices ("a" on [0, 1/2]; "b" on ...). */
brink_status brink_threshold_write_brief(const brink_threshold *t, const brink_scenario *sc,
                                         brink_buf *out, brink_error *err);
/* The watched choices of one region ("a" or "b"; "not certified"), as in the brief line. */
void brink_threshold_write_choice(const brink_threshold *t, const brink_scenario *sc, int region,
                                  brink_buf *out);
brink_status brink_threshold_write_json(const brink_threshold *t, const brink_scenario *sc,
                                        brink_buf *out, brink_error *err);

#ifdef __cplusplus
}
#endif
#endif
