/* compact_int.h — an analysis solved on the compact game (scenario/compact.h): backward
 * induction once per distinct sub-game (solve/backward/spe_dag.h). Not public: reports read
 * it through the writers in src/report/compact.c. */
#ifndef BRINK_ANALYSIS_COMPACT_INT_H
#define BRINK_ANALYSIS_COMPACT_INT_H

#include "brink/analysis.h"
#include "scenario/compact.h"
#include "solve/backward/spe_dag.h"

struct brink_compact_result {
    const sc_compact *k;      /* the scenario's (borrowed) */
    brink_dag dag;
    brink_dag_spe spe;
    mpq_t *pay;               /* [nclasses * np] */
    mpq_t *epay;              /* [(edges + 1) * np] payoffs on each edge and (last row)
                                 before the root; NULL when the game has none */
    int verified;             /* brink_dag_spe_verify held at every class */
    mpq_t *prob;              /* [edges + 1] chance outcomes' probabilities (decisions: 0) */
    int *path;                /* [npath] the decision classes on the play, in the tree's
                                 pre-order (every chance branch of positive probability) */
    int npath, end;           /* end: the leaf class the play reaches (-1 when it branches
                                 at chance moves into several leaves) */
    /* The play in the tree's pre-order: decisions and chance moves reached with positive
     * probability (at most COMPACT_PLAY_MAX), each with the entry above it (-1 at the root),
     * the action or outcome there that leads to it, and its probability of being reached. */
    int nplay, play_cap, *play_cls, *play_parent, *play_via;
    mpq_t *play_reach;
    int nchance_play;         /* chance moves on the play */
    /* the play's outcomes: groups of discrete levels, most likely first */
    int ngroups, *group_leaf; /* a leaf class of each group (its levels) */
    mpq_t *group_prob;
    mpz_t offpath;            /* decision points of the tree off the path of play */
    mpz_t tied;               /* decision points of the tree with more than one best action */
    int count_exact;          /* 1: nspe holds the number of pure SPE exactly */
    mpz_t nspe;
    double log10_nspe;        /* its size when not exact (payoff_ties == 0) */
    mpq_t *issue_value;       /* [nissues] numeric issues at the end of the play (their
                                 expectation over the play's chance outcomes) */
    mpq_t *value;             /* [np] each actor's value at the root (expected) */
    mpq_t *params;            /* [nparams + 1] the parameter values solved at */
    /* Ties that change values (payoff_ties): vtied counts the tree's decision points whose
     * tied best actions give some actor different values there. values_differ: 1 when such a
     * tie is on the play shown (reached with positive probability), 0 when every one lies
     * below a chance outcome of probability 0 (the values everywhere above it, the root's
     * included, are the same in every equilibrium) or there is none, -1 when some lie off the
     * path only (the equilibria may differ in values). */
    mpz_t vtied;
    int values_differ;
    /* outcomes_differ: 1 when ties reached by some equilibrium's play lead to different
     * outcome groups or expected numeric issues (exact, when every tie keeps the values), 0
     * when every equilibrium has the play's outcomes and issue values, -1 when not decided
     * (ties change values, or the check would take too much memory) */
    int outcomes_differ;
    /* play_omitted: the play branches into play_moves > COMPACT_PLAY_MAX decision points and
     * chance moves, not listed (nplay = 0); outcomes, issues and values are still exact */
    int play_omitted;
    mpz_t play_moves;
    int nparams;
};

/* decision points and chance moves of a play listed one by one, at most */
#define COMPACT_PLAY_MAX 10000

/* Solve a compact scenario at its defaults into a (a->compact); a->game stays NULL. */
brink_status an_compact_analyze(const brink_scenario *sc, const brink_analysis_options *o,
                                brink_analysis *a, brink_error *err);
void an_compact_free(struct brink_compact_result *r);

/* src/report/compact.c */
brink_status an_compact_write_text(const brink_analysis *a, brink_buf *out, brink_error *err);
brink_status an_compact_write_json(const brink_analysis *a, brink_buf *out, brink_error *err);

#endif
