/* brink/negotiate.h — negotiation as a process: multi-issue domains, the (stacked) alternating
 * offers protocol, negotiating agents, tournaments, and the closed-form bargaining solutions
 * used to check them.
 *
 * Layout. A domain has issues (discrete: labelled values; continuous: a range sampled on a
 * grid of `nvalues` points, lo and hi included) and parties, each with a utility over
 * outcomes: linear-additive (weights per issue, an evaluation per value) or a general table
 * (one number per outcome). An outcome is an index in [0, noutcomes): the mixed-radix number
 * of its value indices, the first issue most significant. Utilities are in [0, 1].
 *
 * Time. A negotiation is a sequence of turns; in turn k party k mod n acts; a round is n
 * turns. The deadline is `max_rounds` rounds. An agreement on the offer made in turn k is
 * worth u_i(o) * delta_i^k to party i (each offer is one period, as in Rubinstein 1982);
 * a breakdown or the deadline gives each party its reservation value (not discounted).
 *
 * Sources: Rubinstein (1982) Econometrica 50(1):97-109; Nash (1950) Econometrica 18(2);
 * Kalai & Smorodinsky (1975) Econometrica 43(3); Faratin, Sierra & Jennings (1998) Robotics
 * and Autonomous Systems 24(3-4); Baarslag, Hindriks & Jonker (2013) "A tit for tat
 * negotiation strategy for real-world scenarios" (naive and relative tit-for-tat); Aydogan
 * et al. (2017) for the stacked alternating offers protocol. See docs/negotiate.md.
 *
 * Results are data; words are made in report/ (brink_neg_report_*).
 */
#ifndef BRINK_NEGOTIATE_H
#define BRINK_NEGOTIATE_H

#include <stddef.h>
#include <stdint.h>
#include <gmp.h>
#include "core.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Outcome spaces larger than this are refused with BRINK_ETOOBIG. */
#define BRINK_NEG_MAX_OUTCOMES ((size_t)1 << 22)
#define BRINK_NEG_MAX_PARTIES 16

/* ---- Domains ---- */

typedef enum { BRINK_NEG_DISCRETE = 0, BRINK_NEG_CONTINUOUS } brink_neg_issue_kind;

typedef struct brink_neg_issue {
    char *name;
    brink_neg_issue_kind kind;
    int nvalues;        /* discrete: number of labels; continuous: grid points (>= 2) */
    char **values;      /* discrete: [nvalues] labels; continuous: NULL */
    double lo, hi;      /* continuous: the range; grid point k = lo + k (hi - lo) / (nvalues-1) */
} brink_neg_issue;

typedef struct brink_neg_party {
    char *actor;
    double *weight;     /* [nissues] >= 0, summing to 1 (linear-additive) */
    double **eval;      /* [nissues][nvalues]: evaluation of each value in [0, 1]; a
                           continuous issue holds [2]: at lo and at hi, linear between */
    double *table;      /* NULL, or [noutcomes]: a general utility (weights then unused) */
    double reservation; /* utility of no agreement, in [0, 1] */
    double discount;    /* delta in (0, 1]: factor per turn */
    /* filled by brink_neg_domain_finish: */
    double *u;          /* [noutcomes] utility of every outcome */
    size_t *order;      /* [noutcomes] outcomes by utility, best first (ties: lower index) */
    double umax, umin;
} brink_neg_party;

typedef struct brink_neg_domain {
    char *name;
    int nissues;
    brink_neg_issue *issues;
    int nparties;
    brink_neg_party *party;
    size_t noutcomes;   /* set by brink_neg_domain_finish */
    int finished;
    brink_arena *arena; /* owns the strings */
} brink_neg_domain;

/* A new empty domain (NULL on OOM). Add issues first, then parties, then finish. */
brink_neg_domain *brink_neg_domain_new(const char *name);
void brink_neg_domain_free(brink_neg_domain *d);            /* NULL is a no-op */
brink_status brink_neg_domain_add_discrete(brink_neg_domain *d, const char *name, int nvalues,
                                           const char *const *labels, brink_error *err);
/* steps >= 2 grid points on [lo, hi] (lo < hi). */
brink_status brink_neg_domain_add_continuous(brink_neg_domain *d, const char *name, double lo,
                                             double hi, int steps, brink_error *err);
/* A party with zero weights and evaluations; *index receives its number (may be NULL). */
brink_status brink_neg_domain_add_party(brink_neg_domain *d, const char *actor,
                                        double reservation, double discount, int *index,
                                        brink_error *err);
/* A general utility: table[noutcomes] is copied (the outcome count of the issues so far). */
brink_status brink_neg_domain_set_table(brink_neg_domain *d, int party, const double *table,
                                        brink_error *err);
/* Checks every number (weights sum to 1 within 1e-9, evaluations and utilities in [0, 1],
 * 0 < discount <= 1, at least 2 parties and 1 issue), enumerates the outcomes (at most
 * BRINK_NEG_MAX_OUTCOMES) and fills u, order, umax, umin. */
brink_status brink_neg_domain_finish(brink_neg_domain *d, brink_error *err);
/* Value index of `issue` in `outcome`. */
int brink_neg_outcome_value(const brink_neg_domain *d, size_t outcome, int issue);
/* The outcome with the given value indices ([nissues]). */
size_t brink_neg_outcome_of(const brink_neg_domain *d, const int *values);
/* The worst outcome for `party` whose utility is still >= target (the best one when none
 * reaches target). O(log noutcomes). */
size_t brink_neg_outcome_at_least(const brink_neg_domain *d, int party, double target);

/* Built-in domains: "korea" (freeze, sanctions relief, exercises, recognition; US and DPRK)
 * and "split" (one continuous issue: party 0's share of a unit pie, 101 grid points, linear
 * utilities, discount 0.9 each). NULL name or unknown: BRINK_EINVALID. */
brink_status brink_neg_domain_builtin(const char *name, brink_neg_domain **out, brink_error *err);
/* Names of the built-in domains, NULL-terminated. */
const char *const *brink_neg_domain_builtin_names(void);
/* A random two-party linear-additive domain (reproducible from seed): nissues issues of
 * nvalues values, random weights and evaluations, opposed preferences in part. */
brink_status brink_neg_domain_random(uint64_t seed, int nissues, int nvalues,
                                     brink_neg_domain **out, brink_error *err);
/* Split pie of `steps` grid points with given discount factors and zero reservations. */
brink_status brink_neg_domain_split(int steps, double delta0, double delta1,
                                    brink_neg_domain **out, brink_error *err);

/* GENIUS XML: a domain file (<negotiation_template> with <issue> elements) and one
 * utility-space file per party (<objective> with weights and <evaluator>s, optional
 * <discount_factor> and <reservation>). GENIUS discounts over normalised time [0, 1]; the
 * reader turns the factor into one per turn for the given number of rounds of 2 turns:
 * delta_turn = delta^(1 / (2 rounds)). Errors carry file:line. */
brink_status brink_neg_read_genius(const char *domain_path, const char *const *utility_paths,
                                   int nutility, int rounds, brink_neg_domain **out,
                                   brink_error *err);

/* GENIUS XML out (src/negotiate/genius_write.c): the domain file, and party p's utility-space
 * file for a negotiation of `rounds` rounds (the per-turn discount delta becomes GENIUS's
 * factor over normalised time, delta^(nparties rounds), which the reader turns back).
 * brink_neg_read_genius on the written files gives the same domain (numbers to 1e-12) when
 * the utility files are named after the parties (the reader takes a party's name from its
 * file name). Continuous issues carry their grid in a brink_steps attribute. Errors:
 * EINVALID (domain not finished, no such party, rounds < 1), EUNSUPPORTED (a table utility;
 * a discrete issue whose best value a party values neither 1 nor 0, which GENIUS would
 * rescale; a control character in an issue name), ENOMEM. */
brink_status brink_neg_write_genius_domain(const brink_neg_domain *d, brink_buf *out,
                                           brink_error *err);
brink_status brink_neg_write_genius_utility(const brink_neg_domain *d, int party, int rounds,
                                            brink_buf *out, brink_error *err);

/* YAML: a `negotiation` mapping inside a scenario (its actors are the parties, its issues the
 * issues; numeric issues take a range from negotiation.ranges) or in a file of its own with
 * `issues` and `negotiation` (docs/negotiate.md gives the form). Plain numbers only. Errors
 * carry file:line:column. */
brink_status brink_neg_read_yaml(const char *text, size_t len, const char *file,
                                 brink_neg_domain **out, brink_error *err);
brink_status brink_neg_read_yaml_file(const char *path, brink_neg_domain **out,
                                      brink_error *err);

/* ---- Closed forms (exact over the rationals) ---- */

/* Rubinstein (1982): the subgame-perfect share of the first proposer in the infinite-horizon
 * alternating offers game over a unit pie with discount factors d0, d1 in [0, 1),
 * share0 = (1 - d1) / (1 - d0 d1). BRINK_EINVALID outside that range. */
brink_status brink_neg_rubinstein(const mpq_t d0, const mpq_t d1, mpq_t share0,
                                  brink_error *err);

/* A Pareto frontier: npoints vertices (u0 strictly increasing, u1 strictly decreasing) of a
 * concave piecewise-linear curve; the segments between them are the frontier. */
typedef struct brink_neg_frontier {
    int npoints;
    mpq_t *u0, *u1;
} brink_neg_frontier;

/* Nash (1950) bargaining solution with disagreement point (d0, d1), generalised with
 * bargaining power alpha in (0, 1) for party 0 (alpha = 1/2 is the symmetric solution):
 * maximises (u0 - d0)^alpha (u1 - d1)^(1 - alpha) over the frontier. Exact. The frontier
 * must hold a point strictly better than d for both (else BRINK_EINVALID). */
brink_status brink_neg_nash(const brink_neg_frontier *f, const mpq_t d0, const mpq_t d1,
                            const mpq_t alpha, mpq_t out0, mpq_t out1, brink_error *err);
/* Kalai & Smorodinsky (1975): the frontier point on the line from d to the ideal point
 * (the best each can get on the frontier without going below d for the other). Exact. */
brink_status brink_neg_kalai_smorodinsky(const brink_neg_frontier *f, const mpq_t d0,
                                         const mpq_t d1, mpq_t out0, mpq_t out1,
                                         brink_error *err);

/* ---- The outcome set's reference points (two parties, doubles) ---- */

typedef struct brink_neg_points {
    size_t npareto;
    size_t *pareto;            /* Pareto-optimal outcomes by u0 ascending (one per point) */
    size_t nash, ks;           /* outcomes: max product of gains over reservations; max of
                                  the least normalised gain among Pareto outcomes */
    int has_nash;              /* 0: no outcome better than the reservations for both */
    double nash_u[2], ks_u[2];
} brink_neg_points;

brink_status brink_neg_points_compute(const brink_neg_domain *d, brink_neg_points *p,
                                      brink_error *err);
void brink_neg_points_free(brink_neg_points *p);
/* Euclidean distance of (u0, u1) to the nearest Pareto-optimal outcome. */
double brink_neg_points_pareto_distance(const brink_neg_domain *d, const brink_neg_points *p,
                                        double u0, double u1);

/* ---- Agents: the C interface to add one ----
 *
 * An agent type is a name, a one-line summary and three functions. `create` makes the state
 * of one agent for one negotiation (it may read the view: its own utilities through
 * d->party[self]; reading other parties' utilities is complete information, which only the
 * equilibrium agent assumes). `act` is called on the agent's turns and returns an action;
 * it must not fail (an invalid action ends the negotiation as a breakdown, recorded).
 * `destroy` frees the state (NULL allowed). Agents keep no global state; randomness comes
 * only from view->rng (seeded per negotiation). */

typedef enum { BRINK_NEG_OFFER = 0, BRINK_NEG_ACCEPT, BRINK_NEG_END } brink_neg_act;

typedef struct brink_neg_action {
    brink_neg_act act;
    size_t outcome;            /* BRINK_NEG_OFFER: the offer */
} brink_neg_action;

typedef struct brink_neg_view {
    const brink_neg_domain *domain;
    int self;                  /* this agent's party index */
    int max_rounds;
    brink_rng *rng;            /* this agent's stream */
} brink_neg_view;

typedef struct brink_neg_turn {
    int turn;                  /* 0-based; round = turn / nparties */
    double time;               /* turn / (last turn), in [0, 1] (see max_seconds) */
    int has_offer;             /* an offer stands (made in turn `offer_turn` by `offer_by`) */
    size_t offer;
    int offer_by, offer_turn;
    size_t nhistory;           /* every offer so far, oldest first */
    const size_t *history;
    const int *history_by;
} brink_neg_turn;

typedef struct brink_neg_agent_type {
    const char *name;
    const char *summary;
    brink_status (*create)(void **state, const brink_neg_view *view, brink_error *err);
    brink_neg_action (*act)(void *state, const brink_neg_view *view,
                            const brink_neg_turn *turn);
    void (*destroy)(void *state);
} brink_neg_agent_type;

/* The built-in agent types, NULL-terminated: boulware, linear, conceder (time-dependent,
 * e = 0.2, 1, 2), hardliner, tft-naive, tft-relative, random, reciprocity (incremental
 * reciprocity), no-more ("no more concessions"), equilibrium (two parties). None of them
 * offers or accepts an agreement worth less to it than its reservation value once discounted
 * (u delta^k for the offer of turn k); when nothing is worth that any more it ends the
 * negotiation (docs/negotiate.md, "Discounting"). */
const brink_neg_agent_type *const *brink_neg_agent_types(void);
const brink_neg_agent_type *brink_neg_agent_find(const char *name);   /* NULL if unknown */

/* A scenario's negotiation set up for a tournament (brink report): the domain as
 * brink_neg_read_yaml reads it (`negotiation.domain: korea` names a built-in one), the agents
 * of `negotiation.agents` (default: every registered agent, in brink_neg_agent_types' order)
 * and `negotiation.repetitions` (default BRINK_NEG_SETUP_REPETITIONS). */
#define BRINK_NEG_SETUP_REPETITIONS 20
typedef struct brink_neg_setup {
    brink_neg_domain *domain;                /* NULL: the text has no negotiation section */
    const brink_neg_agent_type **agents;     /* [nagents] (malloc'd) */
    int nagents;
    int repetitions;
} brink_neg_setup;

/* Read it from a scenario's YAML text. A text without `negotiation` is not an error: the
 * setup is left empty (domain NULL). Errors carry file:line:column (EINVALID for unknown
 * agents, agents listed twice, bad repetitions, a domain without two parties). */
brink_status brink_neg_read_setup(const char *text, size_t len, const char *file,
                                  brink_neg_setup *out, brink_error *err);
void brink_neg_setup_free(brink_neg_setup *s);   /* leaves it empty; NULL is a no-op */

/* ---- One negotiation ---- */

typedef enum {
    BRINK_NEG_AGREEMENT = 0,
    BRINK_NEG_DEADLINE,        /* max_rounds (or max_seconds) passed */
    BRINK_NEG_BREAKDOWN,       /* a party ended it */
    BRINK_NEG_INVALID          /* a party's action broke the protocol (accept with nothing
                                  to accept, an outcome out of range): a breakdown */
} brink_neg_end;

typedef struct brink_neg_step {
    int turn, party;
    brink_neg_act act;
    size_t outcome;            /* the offer, or the accepted outcome */
} brink_neg_step;

typedef struct brink_neg_result {
    brink_neg_end end;
    int turns;                 /* turns played */
    size_t agreement;          /* AGREEMENT: the outcome */
    int agreement_turn;        /* AGREEMENT: the turn of the accepted offer (discount power) */
    int nparties;
    double utility[BRINK_NEG_MAX_PARTIES];  /* discounted agreement utility or reservation */
    size_t nsteps;             /* with trace: every action in order */
    brink_neg_step *steps;
} brink_neg_result;

typedef struct brink_neg_options {
    int max_rounds;            /* deadline (>= 1); default 100 */
    double max_seconds;        /* also a wall-clock deadline when > 0 (default 0: none); the
                                  agents' time is then the larger of the turn fraction and the
                                  elapsed fraction. Runs are then not reproducible. */
    uint64_t seed;             /* agents' random streams */
    int trace;                 /* keep every action in result->steps */
} brink_neg_options;

void brink_neg_options_init(brink_neg_options *o);
/* Stacked alternating offers (SAOP): party 0 opens; each later turn accepts the standing
 * offer, makes a new one (rejecting it) or ends the negotiation. An offer is agreed when the
 * other n-1 parties have accepted it in turn. agents[nparties] play parties 0..n-1. */
brink_status brink_neg_run(const brink_neg_domain *d, const brink_neg_agent_type *const *agents,
                           const brink_neg_options *o, brink_neg_result *r, brink_error *err);
void brink_neg_result_free(brink_neg_result *r);
/* The single-text mediated protocol (Klein et al. 2003): a mediator mutates one text an issue
 * at a time for max_rounds rounds; the change stands when every party votes for it, and
 * parties vote as hill-climbers (accept what is at least as good for them). The final text is
 * agreed when it gives everyone at least the reservation value (utility discounted by
 * delta^(n k), k the round that adopted the final text: agreement_turn = n k). Trace: every adopted text as an offer by party n (the
 * mediator), the opening one in turn 0. turns = max_rounds (rounds, not turns, here). */
brink_status brink_neg_run_mediated(const brink_neg_domain *d, const brink_neg_options *o,
                                    brink_neg_result *r, brink_error *err);

/* ---- Tournaments ---- */

/* Each negotiation's record is kept until the end (about 48 bytes): at most this many. */
#define BRINK_NEG_MAX_NEGOTIATIONS 10000000L

typedef struct brink_neg_tournament_options {
    int max_rounds;            /* per negotiation; default 100 */
    int repetitions;           /* per pairing and domain; default 10 */
    int threads;               /* worker threads; default 1 (results do not depend on it) */
    uint64_t seed;
    int self_play;             /* also pair each agent with itself; default 0 */
} brink_neg_tournament_options;

void brink_neg_tournament_options_init(brink_neg_tournament_options *o);

/* Mean and 95% confidence half-width (normal approximation, 1.96 s / sqrt(n)). */
typedef struct brink_neg_stat {
    double mean, ci95;
    long n;
} brink_neg_stat;

typedef struct brink_neg_agent_summary {
    const char *name;
    long negotiations, agreements;   /* per agent: roles played (a self-play negotiation
                                        counts twice, once per side) */
    brink_neg_stat agreement_rate, utility, welfare, pareto_distance, nash_distance,
        ks_distance;
} brink_neg_agent_summary;

typedef struct brink_neg_tournament {
    int nagents, ndomains;
    long negotiations;         /* ordered pairings x domains x repetitions */
    brink_neg_agent_summary *agent;   /* [nagents] as either party */
    brink_neg_agent_summary overall;
    /* per ordered pairing (a plays party 0, b party 1) over domains and repetitions:
       [a * nagents + b]; entries of skipped pairings have negotiations == 0 */
    brink_neg_agent_summary *pair;
    double seconds;
} brink_neg_tournament;

/* Every ordered pairing of agents (a != b unless self_play) on every two-party domain,
 * `repetitions` times. Metrics per negotiation: agreement, each side's utility, social
 * welfare (their sum), Euclidean distances of the utility pair to the nearest Pareto-optimal
 * outcome, to the Nash point and to the Kalai-Smorodinsky point of the outcome set
 * (brink_neg_points). Each negotiation's seed is derived from (seed, its index), so results
 * are the same for any number of threads. */
brink_status brink_neg_tournament_run(const brink_neg_domain *const *domains, int ndomains,
                                      const brink_neg_agent_type *const *agents, int nagents,
                                      const brink_neg_tournament_options *o,
                                      brink_neg_tournament *t, brink_error *err);
void brink_neg_tournament_free(brink_neg_tournament *t);

/* ---- Words (report/negotiate.c); agents == NULL: a run of the mediated protocol ---- */
void brink_neg_report_run_text(brink_buf *out, const brink_neg_domain *d,
                               const brink_neg_agent_type *const *agents,
                               const brink_neg_result *r);
void brink_neg_report_run_json(brink_buf *out, const brink_neg_domain *d,
                               const brink_neg_agent_type *const *agents,
                               const brink_neg_result *r);
void brink_neg_report_tournament_text(brink_buf *out, const brink_neg_domain *const *domains,
                                      int ndomains, const brink_neg_tournament *t,
                                      const brink_neg_tournament_options *o);
void brink_neg_report_tournament_json(brink_buf *out, const brink_neg_domain *const *domains,
                                      int ndomains, const brink_neg_tournament *t,
                                      const brink_neg_tournament_options *o);

#ifdef __cplusplus
}
#endif
#endif
