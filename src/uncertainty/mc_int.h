/* mc_int.h — internals of the uncertainty module (src/uncertainty/): the GSL view of a
 * stream and helpers shared by the sampler, the Monte Carlo driver and the policy
 * comparison.
 */
#ifndef BRINK_UNCERTAINTY_MC_INT_H
#define BRINK_UNCERTAINTY_MC_INT_H

#include <gsl/gsl_rng.h>
#include "brink/threshold.h"
#include "brink/uncertainty.h"

/* A uniform in the open interval (0, 1) (for inverse CDFs). */
double mc_uniform_open(brink_stream *s);
/* Make r a GSL generator drawing from s (r keeps a pointer to s; nothing is allocated). */
void mc_rng_wrap(gsl_rng *r, brink_stream *s);

/* compare.c: opt[nactions of h] for the draw's equilibrium set s (count >= 1); U: scratch of
 * nnodes * nplayers doubles, w: of the infoset's members. */
struct brink_eqset;
void mc_compare_eval(const brink_efg *g, const struct brink_eqset *s, int h, double *U,
                     double *w, double *opt, int *ambiguous);

/* sensitivity.c: r->src* from the draws' parameters X[samples * nvaried] and values
 * Y[samples * nplayers] (NaN: not agreed), with B bootstrap resamples. */
brink_status mc_sensitivity(brink_mc_result *r, const double *X, const double *Y, int B,
                            uint64_t seed, brink_error *err);

/* mc_fast.c: the double path (perfect information: backward induction in doubles with a
 * margin certificate). mc_fast_applies: the game has one; mc_fast_work: scratch doubles per
 * worker; mc_fast_solve (leaf_err[nleaves * nplayers]: bounds on the payoffs' errors, or
 * NULL: the exact bind's truncation, 2u): 1 when certified (value[nplayers], gprob[ngroups] and choice[nwatch]
 * filled), 0 when the exact path must decide. */
int mc_fast_applies(const brink_efg *g);
size_t mc_fast_work(const brink_efg *g);
int mc_fast_solve(const brink_efg *g, const double *leaf_err, const int *leaf_group,
                  int ngroups, const int *watch, int nwatch, double *work, double *value,
                  double *gprob, int *choice);

/* mc_regions.c: the region path (one drawn parameter): the certified continuation over the
 * parameter's range, computed once (values[nparams]: the exact numbers the draws bind for
 * the others, brink_sampler_exact), and a draw (x: the exact number it binds) answered by
 * exact lookup where a region's equilibria are proved complete.
 * mc_regions_new: NULL when there is nothing to look up in (err set only for BRINK_ENOMEM).
 * mc_regions_answer: 1 when answered, 0 when the draw must be solved. A draw is answered
 * strictly inside a certified region that is either `unique` (one equilibrium) or proved
 * complete with every equilibrium's values and outcome probabilities one (`agree`, two-player
 * games: brink/threshold.h): value[nplayers] (exact, the nearest doubles) and gprob[ngroups]
 * (of the first equilibrium; every one's when agree), *neq the region's equilibria that are
 * distinct at x (tol, as the exact path tells its equilibria apart), their behaviour in rows
 * behav[neq * nactions] (choices left to the caller), *proved (MC_PROVED_*: LISTED for a
 * complete region, the watched choices being those of every equilibrium the method looks for
 * there). Scratch: x, behq[2 * nactions + nplayers], U[nnodes * nplayers]. g: bound exactly at the
 * draw. mc_regions_maxeq: the rows behav needs. */
typedef struct mc_regions mc_regions;
mc_regions *mc_regions_new(const brink_scenario *sc, int param, const mpq_t *values,
                           const int *watch, int nwatch, const brink_analysis_options *ao,
                           brink_error *err);
void mc_regions_free(mc_regions *m);   /* NULL is a no-op */
int mc_regions_count(const mc_regions *m, int *ncertified, int *ncomplete);
/* 1 when the continuation stopped at its time limit (parts of the range left unknown);
 * *seconds: what it took. */
int mc_regions_time(const mc_regions *m, double *seconds);
int mc_regions_answer(const mc_regions *m, const brink_efg *g, mpq_t x, mpq_t *behq,
                      double *behav, double *U, const int *leaf_group, int ngroups, double tol,
                      double *value, double *gprob, int *neq, int *proved);
int mc_regions_maxeq(const mc_regions *m);

/* How a draw was solved (mc_rec.path). */
enum {
    MC_PATH_EXACT = 0,
    MC_PATH_FAST = 1,
    MC_PATH_FALLBACK = 2,
    MC_PATH_REGION = 3,
    MC_PATH_LOADED = 4   /* loaded from a database, not computed by this run */
};

/* What a draw's equilibrium set is proved to be (mc_rec.proved; stored as is in a
 * database's samples.proved): the only equilibrium; the only subgame-perfect one; or
 * (LISTED) every equilibrium the method looks for was listed and examined, several of them
 * or one with others rejected. 0: the list may be incomplete (an enumeration stopped at its
 * cap, a method that finds one equilibrium): other equilibria are not ruled out. PLAY:
 * backward induction listed every subgame-perfect play, and there is one, standing for
 * several profiles that differ off the path (several equilibria, every one counted). */
enum { MC_PROVED_UNIQUE = 1, MC_PROVED_SPE = 2, MC_PROVED_LISTED = 3, MC_PROVED_PLAY = 4 };

/* One sample's findings (filled by a worker, merged in sample order). */
typedef struct mc_rec {
    int path;                /* MC_PATH_*; loaded from a database: MC_PATH_LOADED */
    int neq;                 /* -1: failed */
    int proved;              /* MC_PROVED_* or 0 */
    int verified;            /* every equilibrium checked exactly */
    int outcome;             /* realised group, -1: ambiguous or none */
    int agreed_outcome;
    int has_opt, opt_ambiguous;   /* options compared in this draw */
    brink_error err;         /* when failed */
} mc_rec;

/* A block of samples' findings: rec[j] and row j of each array (widths in the result). */
typedef struct mc_block {
    mc_rec *rec;
    double *x, *gprob, *val, *opt;   /* [j * nvaried], [j * ngroups], [j * nplayers],
                                        [j * nopts] */
    int *choice;                     /* [j * nwatch] */
} mc_block;

/* mc_share.c: a block's findings as bytes for another process (brink_mc_options.nparts):
 * their size, the copy out, and the copy in (BRINK_EINTERNAL when the bytes are of another
 * block). */
size_t mc_block_bytes(const brink_mc_result *r, int count);
void mc_block_pack(const brink_mc_result *r, long first, int count, const mc_block *b,
                   void *bytes);
brink_status mc_block_unpack(const brink_mc_result *r, long first, int count, mc_block *b,
                             const void *bytes, brink_error *err);

/* mc_db.c: the run's samples in a SQLite database (docs/montecarlo.md, "Nothing lost").
 * mc_db_open finds the run to continue (resume) or starts one; the widths come from r. */
typedef struct mc_db mc_db;
mc_db *mc_db_open(const char *path, int resume, long stored_run, const brink_scenario *sc,
                  const brink_mc_options *o, const brink_mc_result *r, brink_error *err);
/* 1: samples [first, first + count) are stored (and were loaded into b); 0: none is (or an
 * incomplete block was deleted); < 0: error (err set). A stored run (stored_run > 0: opened
 * read-only, its configuration checked against o's) never computes: a missing block is an
 * error. */
int mc_db_load_block(mc_db *db, long first, int count, const brink_mc_result *r,
                     mc_block *b, brink_error *err);
/* Store a block in one transaction. */
brink_status mc_db_save_block(mc_db *db, long first, int count, const brink_mc_result *r,
                              const mc_block *b, brink_error *err);
brink_status mc_db_finish(mc_db *db, double seconds, brink_error *err);

/* A stored run read back (mc_load.c): its id, and the watched and compared decisions of its
 * configuration by id, in place of references. */
typedef struct mc_stored {
    long run;
    const int *watch;
    int nwatch;
    int compare;         /* -1: none */
} mc_stored;
/* brink_montecarlo, or (stored != NULL, o->db set) the stored run's samples loaded;
 * saltelli: draw m is row m of Saltelli's design (brink_sobol_design_row), not a sample. */
brink_mc_result *mc_run(const brink_scenario *sc, const brink_mc_options *o,
                        const mc_stored *stored, int saltelli, brink_error *err);

/* sobol.c: mc_sobol_check refuses what the Sobol indices cannot honour (correlated or no
 * drawn parameters, a database, shared processes, a bad N); mc_sobol runs the design and
 * fills r->sobol*. */
brink_status mc_sobol_check(const brink_scenario *sc, const brink_mc_options *o,
                            brink_error *err);
brink_status mc_sobol(brink_mc_result *r, const brink_scenario *sc,
                      const brink_mc_options *o, brink_error *err);
void mc_db_close(mc_db *db);   /* NULL is a no-op */

#endif
