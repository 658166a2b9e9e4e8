/* brink/forecast.h — expected-utility forecasting of group decisions: where will many actors'
 * positions on one or more issues settle?
 *
 * Two models, both round by round, both deterministic unless a seed is asked for:
 *
 *   EU   Bueno de Mesquita's expected-utility group decision model as reconstructed by
 *        Scholz, Calbert and Smith, "Unravelling Bueno de Mesquita's group decision model",
 *        J. Theoretical Politics 23(4), 2011 (and the ICAART 2011 paper of the same title):
 *        each issue on its own line; every ordered pair (i, j) computes the probability that
 *        i beats j (votes weighted by capability x salience), i's expected utility of
 *        challenging j against the status quo (Q, T, risk exponent r_i from the actors'
 *        security), offers are sent where that utility is positive, and each actor accepts
 *        one offer: it loses a conflict, compromises, or capitulates (moves to the challenger).
 *   SMP  a KTAB-style spatial model of politics (KAPSARC's KTAB, SMP): all issues at once in a
 *        salience-weighted distance; coalitions vote with a VotingRule (binary, prop-bin,
 *        proportional, prop-cubic, cubic), probability of victory from coalition strengths
 *        (linear, square, quartic law); each actor accepts the bargain it likes best among
 *        those it is offered; deterministic (expected move) or seeded (won or lost).
 *
 * docs/forecast.md gives each formula with its source and the conventions chosen where the
 * published text is ambiguous; each convention is a switch in brink_forecast_options.
 * Results are data (positions per round, weighted median and mean, offers); words are made in
 * src/report/forecast.c.
 */
#ifndef BRINK_FORECAST_H
#define BRINK_FORECAST_H

#include <stddef.h>
#include <stdint.h>
#include "core.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Which input a Monte Carlo draws (brink_forecast_draw). */
typedef enum {
    BRINK_FORECAST_CAPABILITY = 0, BRINK_FORECAST_POSITION, BRINK_FORECAST_SALIENCE
} brink_forecast_field;

/* An input a Monte Carlo draws from a declared distribution (a scenario's forecast section:
 * `position: {value: 40, distribution: "uniform(30, 50)"}`, docs/forecast.md). `dist` is a
 * struct brink_param_info (scenario.h): the distribution with the same kinds, arguments and
 * load-time checks as a scenario parameter's, its range the input's allowed range
 * (capability [0, 1e12], position the issue's scale, salience [0, 1]), its value the central
 * value a single run uses (equal to the input's own number). */
struct brink_param_info;
typedef struct brink_forecast_draw {
    brink_forecast_field field;
    int actor;
    int issue;                             /* -1 for a capability */
    const struct brink_param_info *dist;   /* lives as long as the scenario that declared it */
} brink_forecast_draw;

/* The data of a forecast: actors x issues. Positions lie on each issue's scale [lo, hi]
 * (0-100 in the published data sets' convention; any finite lo < hi is allowed). */
typedef struct brink_forecast_input {
    int nactors, nissues;
    char **actor;        /* [nactors] names */
    char **issue;        /* [nissues] names */
    double *capability;  /* [nactors], >= 0, not all 0 */
    double *position;    /* [nactors * nissues], row-major by actor, in [lo[k], hi[k]] */
    double *salience;    /* [nactors * nissues], in [0, 1] (percent inputs are divided by 100) */
    double *lo, *hi;     /* [nissues] scale ends */
    /* [nissues] or NULL (read as given): for an issue whose CSV saliences were read as percent
     * and divided by 100 because some salience in its column is above 1, the first actor with
     * one above 1; -1 for an issue read as fractions. Set by brink_forecast_read_csv; the
     * outputs say so (docs/forecast.md, "Input"). */
    int *salience_percent;
    int ndraws;                  /* inputs with a declared distribution (0: none) */
    brink_forecast_draw *draws;  /* [ndraws], at most one per input; the array is the input's */
} brink_forecast_input;

void brink_forecast_input_init(brink_forecast_input *in);
void brink_forecast_input_free(brink_forecast_input *in);
/* Allocate the arrays (names NULL, numbers 0, scales [0, 100]). Errors: ENOMEM, EINVALID
 * (nactors < 2, nissues < 1, or sizes past BRINK_FORECAST_MAX_*). */
brink_status brink_forecast_input_alloc(brink_forecast_input *in, int nactors, int nissues,
                                        brink_error *err);
#define BRINK_FORECAST_MAX_ACTORS 200
#define BRINK_FORECAST_MAX_ISSUES 50
/* A recorded run keeps every round and offer: rounds x actors^2 x issues may not pass this
 * (ETOOBIG; about 1 GB at most). A Monte Carlo's work, runs x rounds x actors^3 x issues, may
 * not pass BRINK_FORECAST_MAX_MC_WORK (minutes). */
#define BRINK_FORECAST_MAX_RECORD 20000000.0
#define BRINK_FORECAST_MAX_MC_WORK 2e10
/* Check ranges (finite numbers, capability >= 0 with a positive sum, salience in [0, 1],
 * positions on their scales, unique names). EINVALID with a message naming actor and issue. */
brink_status brink_forecast_input_check(const brink_forecast_input *in, brink_error *err);

/* Read the published data sets' CSV layout (docs/forecast.md):
 *   actor,capability,position,salience                       one issue
 *   actor,capability,<issue> position,<issue> salience,...   several issues (pairs)
 * A header row is required; '#' lines are comments; saliences above 1 are percentages
 * (all of one issue's saliences are then divided by 100, and out->salience_percent names
 * the first actor with one above 1). Each issue's scale is [0, 100]
 * unless a "#scale LO HI" line before the header sets it for every issue. Errors: ESYNTAX /
 * EINVALID located at file:line:column. `file` is used in messages only (may be NULL). */
brink_status brink_forecast_read_csv(const char *text, size_t len, const char *file,
                                     brink_forecast_input *out, brink_error *err);

/* Built-in CSV data sets: "emu" (the replication's ten-actor example). Returns the CSV text or
 * NULL. (The six-party forecast is the `forecast:` section of the built-in scenario
 * six-party-talks: brink_scenario_forecast.) */
const char *brink_forecast_builtin(const char *name);
/* The i-th built-in name (NULL past the end). */
const char *brink_forecast_builtin_name(int i);

typedef enum { BRINK_FORECAST_EU = 0, BRINK_FORECAST_SMP } brink_forecast_model;
/* EU: the reference point mu of the better/worse utilities. */
typedef enum { BRINK_FORECAST_MU_MEDIAN = 0, BRINK_FORECAST_MU_MEAN } brink_forecast_mu;
/* EU: which of several offers an actor acts on: the one whose sender expects the most
 * (default; ties: the nearest) or the one that moves it least (ties: the strongest). */
typedef enum { BRINK_FORECAST_OFFER_NEAREST = 0, BRINK_FORECAST_OFFER_STRONGEST } brink_forecast_offer;
/* EU: the numerator of P(i beats j): only the votes for i, as printed in Scholz et al.
 * (s. 4), or the net vote for i clipped at 0 (the reading of the Python replication by
 * D. Masad, which he found closer to the published figures). */
typedef enum { BRINK_FORECAST_PROB_POSITIVE = 0, BRINK_FORECAST_PROB_NET } brink_forecast_prob;
/* EU: the equations as printed in Scholz et al. with the readings above (default), or the
 * conventions of their own program, which reproduce their published per-round results (as
 * read by J. Velev's reimplementation, github.com/jmckib/bdm-scholz-expected-utility-model):
 * P(i beats j) over all votes in every pairing, voters' own exponents, offers judged from the
 * target's perspective, lost conflicts before compromises, no capitulation. With SCHOLZ_CODE
 * `prob` and `offer` are not used. docs/forecast.md gives the details. */
typedef enum { BRINK_FORECAST_RULES_EQUATIONS = 0, BRINK_FORECAST_RULES_SCHOLZ_CODE } brink_forecast_rules;
/* SMP: KTAB's VotingRule. */
typedef enum {
    BRINK_FORECAST_VOTE_BINARY = 0, BRINK_FORECAST_VOTE_PROPBIN, BRINK_FORECAST_VOTE_PROP,
    BRINK_FORECAST_VOTE_PROPCBC, BRINK_FORECAST_VOTE_CUBIC
} brink_forecast_vote;
/* SMP: KTAB's VPModel: P(i beats j) = S_i^k / (S_i^k + S_j^k), k = 1, 2, 4. */
typedef enum { BRINK_FORECAST_PV_LINEAR = 0, BRINK_FORECAST_PV_SQUARE, BRINK_FORECAST_PV_QUARTIC } brink_forecast_pv;

typedef struct brink_forecast_options {
    brink_forecast_model model;
    int rounds;              /* at most this many rounds (default 10; 1..100000) */
    double tol;              /* converged when no position moves more than tol x scale width */
    /* EU */
    double q, t;             /* Q: P(status quo holds if unchallenged); T: P(a change is better) */
    brink_forecast_mu mu;
    brink_forecast_offer offer;
    int risk;                /* 1: risk exponents from security (Scholz et al. s. 5); 0: r = 1 */
    brink_forecast_prob prob;
    brink_forecast_rules rules;
    /* SMP */
    brink_forecast_vote vote;
    brink_forecast_pv pv;
    int stochastic;          /* 0: bargains move by the expected outcome; 1: seeded wins/losses */
    uint64_t seed;
} brink_forecast_options;

void brink_forecast_options_default(brink_forecast_options *o);

typedef enum {
    BRINK_FORECAST_LOST = 0,     /* EU: both expected to gain, the target's gain was smaller */
    BRINK_FORECAST_COMPROMISE,   /* EU: the target moves part way (|E_target| / E_challenger) */
    BRINK_FORECAST_CAPITULATE,   /* EU: the target moves to the challenger's position */
    BRINK_FORECAST_BARGAIN       /* SMP: the target takes the bargain */
} brink_forecast_kind;

/* One offer (challenge) sent in a round. */
typedef struct brink_forecast_offer_rec {
    int round;           /* 1-based */
    int issue;           /* EU: the issue; SMP: -1 (all issues) */
    int from, to;        /* challenger, target (actor indices) */
    double eu_from;      /* the challenger's expected utility (EU) / gain (SMP) */
    double eu_to;        /* EU: the target's expected utility of challenging the challenger */
    int accepted;        /* 1 for the offer the target acted on */
    brink_forecast_kind kind; /* meaningful when accepted */
} brink_forecast_offer_rec;

typedef struct brink_forecast_result {
    brink_forecast_model model;
    int nactors, nissues;
    int rounds;          /* rounds run; snapshots 0..rounds */
    double *position;    /* [(rounds+1) * nactors * nissues] */
    double *median;      /* [(rounds+1) * nissues] capability x salience weighted median */
    double *mean;        /* [(rounds+1) * nissues] capability x salience weighted mean */
    double *risk;        /* EU: [rounds * nactors * nissues] r_i used in each round; else NULL */
    brink_forecast_offer_rec *offers;
    size_t noffers;
    /* Per issue (EU) or in [0] for all issues (SMP): */
    int *converged;      /* round at which nothing moved more than tol, or -1 */
    int *cycle_start;    /* a state repeated: first round of the cycle, or -1 */
    int *cycle_period;   /* its period (>= 2), or 0 */
} brink_forecast_result;

void brink_forecast_result_free(brink_forecast_result *r);

/* Run the model. Errors: EINVALID (input or options out of range), ETOOBIG (past
 * BRINK_FORECAST_MAX_RECORD), ENOMEM. */
brink_status brink_forecast_run(const brink_forecast_input *in, const brink_forecast_options *o,
                                brink_forecast_result *res, brink_error *err);

/* Weighted median of x[0..n) with weights w (>= 0, positive sum): the smallest x at which the
 * cumulative weight reaches half the total; as the pairwise-vote (Condorcet) winner among the
 * positions in 1-D, this is BDM's median voter position. And the weighted mean. */
double brink_forecast_weighted_median(const double *x, const double *w, int n);
double brink_forecast_weighted_mean(const double *x, const double *w, int n);

/* Monte Carlo over uncertain inputs. Run r draws every input in in->draws from its
 * distribution (brink_sampler_new_list: the uncertainty module's sampler, stream (seed, r,
 * lane 0)), then adds noise to the other inputs where asked: positions + N(0, pos_sd x width)
 * (clamped to the scale) and saliences + N(0, sal_sd) (clamped to [0, 1]) from
 * brink_rng_split(seed, r); it runs the model without recording and keeps each issue's
 * settlement: the final weighted median and weighted mean. Every run has its own streams, so
 * the result is the same whatever `threads`. Errors: EINVALID (options; or a run that drew
 * every capability 0, named), ETOOBIG (past BRINK_FORECAST_MAX_MC_WORK), ENOMEM. */
typedef struct brink_forecast_mc_options {
    long runs;          /* 1..10^6 */
    double pos_sd;      /* as a fraction of each issue's scale width, >= 0; 0: no noise */
    double sal_sd;      /* absolute, >= 0; 0: no noise */
    uint64_t seed;
    double above;       /* report P(settlement > above) on each issue (scale units); NAN:
                           at each issue's scale midpoint */
    int threads;        /* >= 1 */
} brink_forecast_mc_options;

/* One settlement's distribution over the runs on one issue. Quantile q is the sorted runs'
 * value at index floor(q (runs - 1)) (q95: ceil). */
typedef struct brink_forecast_mc_stat {
    double mean, sd;                     /* sd: sample standard deviation (0 for one run) */
    double q05, q25, q50, q75, q95;
    long above;                          /* runs whose settlement is > the threshold */
    double p, p_lo, p_hi;                /* above / runs with its 95% Wilson score interval */
} brink_forecast_mc_stat;

typedef struct brink_forecast_mc_result {
    int nissues;
    long runs;
    int ndrawn;                          /* inputs drawn from declared distributions */
    double pos_sd, sal_sd;               /* the noise applied to the other inputs */
    uint64_t seed;
    brink_forecast_mc_stat *median;      /* [nissues] settlement = final weighted median */
    brink_forecast_mc_stat *mean;        /* [nissues] settlement = final weighted mean */
    double *above;                       /* [nissues] the thresholds used */
} brink_forecast_mc_result;

void brink_forecast_mc_result_free(brink_forecast_mc_result *r);
brink_status brink_forecast_mc(const brink_forecast_input *in, const brink_forecast_options *o,
                               const brink_forecast_mc_options *mc, brink_forecast_mc_result *res,
                               brink_error *err);

/* Words and JSON (schema/brink-forecast.schema.json) for a run; mc may be NULL. Text: per
 * issue a table of rounds (median, mean, every position), the accepted offers with their kind,
 * the offers sent, the convergence or cycle found (only what was checked), and a plot of the
 * median and mean per round. */
void brink_forecast_write_text(const brink_forecast_input *in, const brink_forecast_options *o,
                               const brink_forecast_result *r, const brink_forecast_mc_result *mc,
                               brink_buf *out);
void brink_forecast_write_json(const brink_forecast_input *in, const brink_forecast_options *o,
                               const brink_forecast_result *r, const brink_forecast_mc_result *mc,
                               brink_buf *out);
/* A few lines for another report (brink analyze): per issue the final weighted median and
 * mean, and the convergence or cycle found, with the command that shows the rest. `id` names
 * the data for that command. */
void brink_forecast_write_summary(const brink_forecast_input *in, const brink_forecast_options *o,
                                  const brink_forecast_result *r, const char *id, brink_buf *out);
/* Short stable names used in JSON and on the command line ("eu", "prop", "square", ...). */
const char *brink_forecast_kind_name(brink_forecast_kind k);
const char *brink_forecast_vote_name(brink_forecast_vote v);
const char *brink_forecast_pv_name(brink_forecast_pv p);

#ifdef __cplusplus
}
#endif
#endif
