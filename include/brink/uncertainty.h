/* brink/uncertainty.h — parameters drawn from their declared distributions, and Monte Carlo
 * analysis of a scenario across the draws.
 *
 * Reproducibility: every random number of sample i comes from a counter-based stream keyed
 * by (seed, i) (brink_stream), so a sample's draw does not depend on which thread computes
 * it or in which order; aggregates are merged in sample order. The same seed therefore gives
 * the same result, bit for bit, with any number of threads.
 *
 * Distributions (declared per parameter in the scenario; docs/scenario-language.md) are
 * sampled with GSL's gsl_ran_* generators driven by that stream; truncated ones and those
 * in a Gaussian copula (`correlations:`) by the inverse of their CDF. Only GSL functions that
 * never reach GSL's error handler (whose default aborts) for arguments checked at load are
 * used (docs/montecarlo.md lists them; tests/cli/exports.sh enforces the list).
 *
 * Results are data; the words are made in src/report/ (brink_mc_write_text / _json).
 */
#ifndef BRINK_UNCERTAINTY_H
#define BRINK_UNCERTAINTY_H

#include <stdint.h>
#include "analysis.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Counter-based random stream ---- */

/* The k-th output is a fixed function of (seed, index, lane, k): a keyed 64-bit mixing
 * function of the counter (two SplitMix64 finalisers), so streams are independent of one
 * another and of scheduling. */
typedef struct brink_stream {
    uint64_t k0, k1, ctr;
} brink_stream;

void brink_stream_init(brink_stream *s, uint64_t seed, uint64_t index, uint32_t lane);
uint64_t brink_stream_next(brink_stream *s);
double brink_stream_uniform(brink_stream *s);   /* in [0, 1), 53 random bits */

/* ---- Sampler: every parameter with a distribution, drawn per sample index ---- */
typedef struct brink_sampler brink_sampler;

/* Prepares the draws of sc's parameters (lane 0 of each sample's stream). Parameters
 * without a distribution keep their default value. Errors: BRINK_ENOMEM. */
brink_sampler *brink_sampler_new(const brink_scenario *sc, brink_error *err);
/* The same over a list of distributions that are not a scenario's parameters (a forecast's
 * inputs, brink_forecast_input.draws): values[i] of a draw is params[i]'s (its `value` when
 * it has no distribution), inside [lo, hi] when has_range (lo_q, hi_q may be NULL: the
 * doubles are the range). No correlations. Errors: BRINK_ENOMEM. */
brink_sampler *brink_sampler_new_list(const brink_param_info *const *params, int n,
                                      brink_error *err);
void brink_sampler_free(brink_sampler *s);               /* NULL is a no-op */
int brink_sampler_nvaried(const brink_sampler *s);       /* parameters with a distribution */
int brink_sampler_varied(const brink_sampler *s, int k); /* k-th such parameter's index */
/* Doubles of workspace one draw needs (per thread). */
size_t brink_sampler_work_size(const brink_sampler *s);
/* values[nparams] for sample `index`: defaults, and a draw for each varied parameter,
 * inside its range (a discrete value is the double nearest to a number that lies in the
 * range exactly, so it may lie a rounding outside the range's doubles: 0.3 in [0.3, 0.7];
 * brink_sampler_exact gives the numbers a draw binds). work: brink_sampler_work_size(s)
 * doubles. No allocation. */
void brink_sampler_draw(const brink_sampler *s, uint64_t seed, uint64_t index, double *values,
                        double *work);
/* The exact numbers a draw stands for, which is what it binds: q[nparams] from
 * values[nparams] (a brink_sampler_draw, or a row of the Sobol design); perr[nparams] (NULL:
 * not wanted) receives bounds on |q[i] - values[i]|. A discrete draw is the value as written
 * (brink_param_info.dist_values_q: 0.3 is 3/10, not the double 0.29999999999999998890); a
 * parameter at its default double is its exact default; any other number is the rational its
 * double is (bound 0). No allocation (GMP may grow a number's limbs). */
void brink_sampler_exact(const brink_sampler *s, const double *values, mpq_t *q, double *perr);

/* ---- Interval estimates ---- */

/* A proportion k/n with its Wilson score interval at normal quantile z (n = 0: p = NaN,
 * interval [0, 1]). unknown: draws of the same run whose answer is not known (no equilibrium
 * found, a failed solve, equilibria that disagree on it); they are not in n, and [lo, hi]
 * covers every answer they could have: the Wilson bounds of k of n + unknown below and of
 * k + unknown of n + unknown above. Draws without an answer can cluster in one part of the
 * range (tester 17, finding 1: every chain-store draw above q = 0.25 found none), so p alone
 * over n, or k over every draw, can both miss the share; the interval cannot. */
typedef struct brink_proportion {
    long k, n;
    double p, lo, hi;
    long unknown;
} brink_proportion;
void brink_wilson(long k, long n, double z, brink_proportion *out);
/* k of n known draws, unknown more whose answer is not known: p = k/n (NaN when n = 0), the
 * interval as above (unknown = 0: brink_wilson). */
void brink_wilson_partial(long k, long n, long unknown, double z, brink_proportion *out);

/* A mean over n values with its interval mean +- z * sd / sqrt(n) (normal approximation),
 * clipped to the least and the greatest of the n values (n < 2: the interval is [-inf, inf]). */
typedef struct brink_mean {
    long n;
    double mean, sd, lo, hi;
    /* The largest single draw's share of the sum of squared deviations from the mean (0 to
     * 1; NaN below 2 draws or without spread), and heavy = 1 when that share is too large for
     * a finite-variance sample of this size (n >= 30 and share > max(1/4, 8 ln(n) / n)): one
     * draw dominates, so the normal interval may not hold (a heavy tail, or a mean that does
     * not exist, as with a payoff 1 / (c - 1/4) and c uniform on [0, 1]). A caution, not a
     * test: a light sample says nothing about the tail beyond it. */
    double max_share;
    int heavy;
} brink_mean;

/* ---- Sobol indices (variance-based sensitivity) ---- */

/* One output's first-order and total indices for one input, with percentile bootstrap
 * intervals (NaN when the output does not vary, or no interval was asked). */
typedef struct brink_sobol {
    long n;                      /* base rows used: those whose k + 2 outputs are all finite */
    double var;                  /* variance of the output over the rows of A and B */
    double s1, s1_lo, s1_hi;     /* first order S_i = V(E(Y|X_i)) / V(Y) */
    double st, st_lo, st_hi;     /* total S_Ti = E(V(Y|X_~i)) / V(Y) */
} brink_sobol;

/* The indices of k independent inputs from Saltelli's design (Saltelli et al. 2010,
 * "Variance based sensitivity analysis of model output. Design and estimator for the total
 * sensitivity index", Comput. Phys. Commun. 181, 259-270): base matrices A and B of n rows
 * and, for each input i, A_B^(i) (A with column i from B). y[r * (k + 2) + c] is the output
 * at row r of A (c = 0), of B (c = 1) or of A_B^(c - 2); rows with a non-finite output are
 * left out. With f_0 and V the mean and variance of the 2n outputs at A and B:
 *   S_i  = (1/n) sum_r f(B)_r (f(A_B^i)_r - f(A)_r) / V          (their Table 2, b)
 *   ST_i = (1/2n) sum_r (f(A)_r - f(A_B^i)_r)^2 / V               (Jansen 1999; Table 2, f)
 * out[k]. boot > 0: that many resamples of the rows (drawn from lane 3 of stream (seed, b)),
 * and each index's central interval at normal quantile z (1.959964: 95%) read from their
 * quantiles. Errors: BRINK_EINVALID (n < 0, k < 1, boot < 0, z <= 0), BRINK_ENOMEM. */
brink_status brink_sobol_estimate(long n, int k, const double *y, int boot, double z,
                                  uint64_t seed, brink_sobol *out, brink_error *err);

/* Row m of a Saltelli design over sampler s's drawn parameters (k of them): values
 * [nparams] for base row r = m / (k + 2), column c = m % (k + 2) (A: sample 2r of the
 * seed's streams, B: sample 2r + 1, A_B^(i): A with parameter i from B). bvals: nparams
 * doubles of scratch; work: brink_sampler_work_size(s). No allocation. */
void brink_sobol_design_row(const brink_sampler *s, uint64_t seed, long m, double *values,
                            double *bvals, double *work);

/* ---- Monte Carlo ---- */

typedef struct brink_mc_options {
    long samples;             /* draws (default 1000) */
    uint64_t seed;            /* default 1 */
    int threads;              /* 0: all the processors OpenMP offers (1 without OpenMP) */
    double z;                 /* normal quantile of the intervals (1.959964: 95%) */
    const char *const *watch; /* decision references ("USA@demand"); NULL: the decisions
                                 watched by the scenario's questions */
    int nwatch_refs;
    int keep_draws;           /* 1: keep the per-draw arrays below */
    int sensitivity;          /* > 0: standardised regression coefficients of each actor's
                                 expected value on the drawn parameters, with this many
                                 bootstrap resamples for their intervals (e.g. 200) */
    /* > 0: Sobol first-order and total indices of every watched quantity on each drawn
     * parameter from Saltelli's design with this many base rows N (N (k + 2) draws more
     * for k drawn parameters; see brink_sobol_estimate). The parameters must be independent
     * (a scenario with `correlations:` is BRINK_EINVALID); not with db or nparts > 1. */
    long sobol;
    int sobol_resamples;      /* bootstrap resamples of the Sobol intervals (default 200;
                                 0: no intervals) */
    const char *compare_at;   /* a decision reference ("USA@start"), or an actor ("USA":
                                 its first decision): also compare the options there (one
                                 decision: a reference to several types of a typed actor,
                                 or to decisions side by side, is BRINK_EINVALID:
                                 brink_scenario_find_one_decision), or NULL */
    brink_analysis_options analysis;   /* how each draw is solved */
    /* 1: every draw solved exactly. 0 (default): a game with perfect information is solved
     * in doubles by backward induction, each draw certified by a margin test (every choice
     * strictly best by more than a rigorous bound on the rounding error), and solved exactly
     * only when a margin is too small (docs/montecarlo.md, "The double path"). Not used
     * with compare_at or analysis.method. */
    int exact;
    /* The region path, when exactly one parameter is drawn (docs/montecarlo.md, "The region
     * path"): the certified one-parameter continuation (brink/threshold.h) is computed once
     * over its range and a draw strictly inside a region whose equilibria are proved complete
     * is answered by exact lookup; every other draw is solved. 0 (default): used unless
     * `exact`, compare_at or analysis.method is set, a draw the double path certifies is
     * answered there first; -1: never; 1: tried before the double path (to compare paths). */
    int regions;
    /* Nothing lost: a SQLite file (created if missing; schema in docs/montecarlo.md) that
     * receives every block of samples in one transaction as it is done, or NULL. resume: 1
     * continues the latest run in it with the same configuration (its stored samples are
     * loaded, not recomputed; the result equals an uninterrupted run's), or starts one when
     * there is none; 0 always starts a new run. Errors: BRINK_EIO. */
    const char *db;
    int resume;
    /* Called from the calling thread after each block of draws (and once at the end) with
     * the draws done so far and the seconds elapsed; NULL: none. */
    void (*progress)(void *ctx, long done, long total, double seconds);
    void *progress_ctx;
    /* Work shared among processes (MPI ranks; docs/montecarlo.md, "Across machines"). The
     * draws are cut into blocks of BRINK_MC_BLOCK; block b is computed by part b % nparts.
     * Part 0 gets every other block's findings from receive() (`from`: the part that
     * computed it) and merges all blocks in draw order, so its result equals a one-process
     * run's, draw for draw and in every aggregate. A part > 0 computes its blocks only,
     * hands each to send(), and returns a result without aggregates (r->part > 0); it
     * neither opens o->db (part 0 alone writes it) nor calls progress. A block's bytes are
     * this build's memory layout: every part runs the same binary on the same architecture.
     * nparts 0 or 1: no sharing. Errors: a callback's, returned as is. */
    int nparts, part;
    brink_status (*send)(void *ctx, long block, const void *bytes, size_t len,
                         brink_error *err);
    brink_status (*receive)(void *ctx, long block, int from, void *bytes, size_t len,
                            brink_error *err);
    void *share_ctx;
} brink_mc_options;

/* Draws per block (the unit of threads' work, of the database's transactions and of the
 * parts' shares). */
#define BRINK_MC_BLOCK 256

void brink_mc_options_init(brink_mc_options *o);

/* What one draw's equilibrium set says, at one watched decision: the action every
 * equilibrium plays for sure (>= 0), or: */
enum {
    BRINK_MC_MIXED = -1,      /* the equilibria agree and mix there */
    BRINK_MC_AMBIGUOUS = -2,  /* the equilibria disagree there */
    BRINK_MC_NONE = -3        /* no equilibrium (or the draw failed) */
};

typedef struct brink_mc_result {
    const brink_scenario *sc;        /* borrowed */
    long samples;
    uint64_t seed;
    int threads;                     /* threads used (per process) */
    int nparts, part;                /* processes that shared the draws, and which one this
                                        is (1 and 0 without sharing) */
    int nvaried;
    int *varied;                     /* [nvaried] parameter indices */
    /* draws by what the method found (together: samples) */
    long failed;                     /* bind or solve failed (first_error says why) */
    long none;                       /* no equilibrium */
    long unique;                     /* one equilibrium, proved the only one (an enumeration
                                        of every equilibrium finished, nothing rejected) */
    long single;                     /* one equilibrium found, not proved unique */
    long unique_spe;                 /* of `single`, draws whose one equilibrium is proved
                                        the only subgame-perfect one (perfect information:
                                        backward induction over every tie, or the double
                                        path's strict margins); other Nash equilibria (with
                                        threats never carried out) are not ruled out */
    long several;                    /* several equilibria ("ambiguous") */
    long incomplete;                 /* draws with an equilibrium whose list may be
                                        incomplete (an enumeration stopped at its cap, a
                                        method that finds one equilibrium, every pure one
                                        only): other equilibria are not ruled out there */
    long unverified;                 /* draws with an equilibrium checked in doubles only */
    char *first_error;               /* malloc'd message of the first failed draw, or NULL */
    long first_error_index;
    int first_error_line;            /* its place in the scenario file (the expression or
                                        chance node at fault); 0 when it has none */
    int first_error_column;
    brink_proportion p_unique, p_several, p_unique_spe;
    /* outcomes: groups of leaves with the same issue levels (as brink_analysis) */
    int ngroups;
    int *group_level;                /* [ngroups * nissues] */
    long outcome_ambiguous;          /* draws whose equilibria give different outcome
                                        distributions: no outcome counted */
    brink_proportion *outcome;       /* [ngroups]: the realised outcome (drawn from the
                                        equilibrium's outcome distribution, lane 1) among
                                        draws with an agreed outcome distribution */
    long *outcome_incomplete;        /* [ngroups]: of outcome[k]'s draws, those whose list
                                        of equilibria may be incomplete (see incomplete) */
    double *outcome_mean;            /* [ngroups] mean outcome probability over those draws */
    /* watched decisions (information sets of the game), in the order given */
    int nwatch;
    int *watch;                      /* [nwatch] */
    int *watch_start;                /* [nwatch + 1] offsets of each set's actions */
    /* a compact game (brink_scenario_is_compact: no tree): watch[k] is the watched decision
     * point's information-set number in the tree (-1 when too large), watch_class[k] its
     * class in the compact game and watch_path[watch_path_start[k] ..
     * watch_path_start[k + 1]) the edges (indices into the compact game's children) from the
     * root to it; NULL for a tree */
    int *watch_class, *watch_path_start, *watch_path;
    brink_proportion *choice;        /* [watch_start[nwatch]]: the action played for sure by
                                        every equilibrium, over all draws */
    brink_proportion *choice_mixed;  /* [nwatch] */
    long *choice_incomplete;         /* [watch_start[nwatch]]: of choice[a]'s draws, those
                                        whose list may be incomplete: "every equilibrium"
                                        there means every one found */
    long *mixed_incomplete;          /* [nwatch]: the same for choice_mixed */
    brink_proportion *choice_ambiguous;   /* [nwatch] */
    /* expected payoffs, over draws whose equilibria agree on them (within tol) */
    int nplayers;
    brink_mean *value;               /* [nplayers] */
    long value_ambiguous;
    /* options compared (o->compare_at): for each action a of the decision compare_infoset,
     * its value to the decider in a draw is the decider's expected payoff when it takes a
     * and play continues as in the draw's equilibrium (the others' equilibrium replies),
     * weighting the decision's nodes by the decider's beliefs; when the draw has several
     * equilibria, the least of their values (cautious) */
    int compare_infoset;             /* -1: not asked */
    int compare_actor;
    int nopts;
    brink_proportion *opt_best;      /* [nopts] share of draws where a is (one of) the best */
    brink_mean *opt_value;           /* [nopts] expected value */
    brink_mean *opt_regret;          /* [nopts] expected regret: best value - a's value */
    double *opt_worst;               /* [nopts] least value over the draws */
    long compare_n;                  /* draws compared (with an equilibrium) */
    long compare_ambiguous;          /* of those, draws whose equilibria value an option
                                        differently */
    /* sensitivity (o->sensitivity): for actor i's expected value over the draws whose
     * equilibria agree on it, the least-squares fit y = b0 + sum_j b_j x_j on the drawn
     * parameters, standardised: src = b_j sd(x_j) / sd(y) (NaN for a parameter or value that
     * does not vary), with percentile bootstrap intervals (the resamples drawn from lane 2
     * of the streams, so they too are reproducible), and the fit's R^2 */
    int nsens;                       /* = nplayers when computed, else 0 */
    double *src, *src_lo, *src_hi;   /* [nsens * nvaried] */
    double *src_r2;                  /* [nsens] */
    long *src_n;                     /* [nsens] draws used */
    /* Sobol indices (o->sobol): outputs in this order: the equilibrium's probability of each
     * outcome group [ngroups] (undefined when the equilibria disagree), whether every
     * equilibrium plays each watched action for sure (1 or 0) [watch_start[nwatch]], each
     * actor's expected value [nplayers] (undefined when the equilibria disagree); a draw
     * that fails or has no equilibrium leaves every output undefined. */
    long sobol_n;                    /* base rows N; 0: not asked */
    long sobol_draws;                /* draws solved for the design: N (nvaried + 2) */
    long sobol_failed;               /* of those, failed or without an equilibrium */
    int nsobol;                      /* outputs */
    brink_sobol *sobol;              /* [nsobol * nvaried] */
    double sobol_seconds;
    /* per draw (keep_draws): */
    double *draw_x;                  /* [samples * nvaried] */
    int *draw_neq;                   /* [samples]: equilibria, -1 failed */
    int *draw_outcome;               /* [samples]: realised outcome group, -1 none/ambiguous */
    int *draw_choice;                /* [samples * nwatch]: action or BRINK_MC_* */
    double *draw_value;              /* [samples * nplayers]: NaN when not agreed */
    double *draw_gprob;              /* [samples * ngroups]: outcome probabilities, NaN when
                                        the equilibria disagree or there is none */
    /* draws computed by this run (not loaded from o->db) on the double path: certified
     * there, or sent to the exact solve by a margin too small (e.g. a tie at a flip) */
    long fast, fast_fallback;
    /* the region path (o->regions): 1 when the continuation was computed, with its regions
     * (nregions: all of them, points included), those certified (the others have status
     * BRINK_REGION_UNKNOWN: nothing is certified there) and the certified ones proved
     * complete; draws computed by this run that were answered by lookup there, and draws it
     * left to a solve (on the double path or exactly). Draws loaded from o->db are in
     * neither: they are counted in `loaded`. */
    int regions_used, nregions, nregions_certified, nregions_complete;
    long region_lookup, region_solved;
    long loaded;   /* draws loaded from o->db (--resume), not computed by this run */
    /* its time budget (an accelerator: half the estimated cost of solving every draw,
     * measured on the first draws, at least 1 s; the analysis time limit if less), what
     * it took, and 1 when it stopped at the budget (the range's parts not covered by then
     * are solved draw by draw; the JSON gives the two times only then) */
    double regions_budget, regions_seconds;
    int regions_stopped;
    double seconds;
} brink_mc_result;

/* Draw o->samples parameter vectors, solve each draw's game (bound from the draw; solved,
 * refined and verified as brink_analyze does) and aggregate. Errors: BRINK_ENOMEM,
 * BRINK_EINVALID (bad watch reference, samples < 1). A draw that cannot be solved is
 * counted in `failed`, not an error. */
brink_mc_result *brink_montecarlo(const brink_scenario *sc, const brink_mc_options *o,
                                  brink_error *err);
void brink_mc_result_free(brink_mc_result *r);   /* NULL is a no-op */

/* A run stored by brink_montecarlo with o->db, read back without solving anything (brink
 * report --from): run > 0 picks it by id, else the latest run of sc's scenario. The run's
 * stored configuration gives the seed, draws, watched and compared decisions and analysis
 * options; it must be exactly the one sc gives with them (same parameters, distributions,
 * correlations and game), else BRINK_EINVALID names the first line that differs. Every draw
 * must be stored (an unfinished run is BRINK_EINVALID: resume it first). The result equals
 * the run's own; sensitivity > 0 adds the regression fit with that many resamples. The file
 * is opened read-only. Errors: BRINK_EIO (not a results database), BRINK_EINVALID,
 * BRINK_ENOMEM. */
brink_mc_result *brink_montecarlo_load(const brink_scenario *sc, const char *path, long run,
                                       int sensitivity, brink_error *err);

brink_status brink_mc_write_text(const brink_mc_result *r, brink_buf *out, brink_error *err);
brink_status brink_mc_write_json(const brink_mc_result *r, brink_buf *out, brink_error *err);
/* The draws, one row per draw (needs keep_draws; else BRINK_EINVALID): CSV with a header row
 * (index, drawn parameters, equilibria, realised outcome, watched decisions' states, actors'
 * values; empty cells where there is none) or JSON Lines with the same fields by name
 * (docs/montecarlo.md). */
brink_status brink_mc_write_csv(const brink_mc_result *r, brink_buf *out, brink_error *err);
brink_status brink_mc_write_jsonl(const brink_mc_result *r, brink_buf *out, brink_error *err);

#ifdef __cplusplus
}
#endif
#endif
