/* mc_db.c — a Monte Carlo run's samples in a SQLite database, so that nothing is lost.
 *
 * Every block of samples is written in one transaction after it is computed, so a run killed
 * at any moment leaves whole blocks only; continuing it (resume) loads the stored blocks in
 * place of computing them and merges them exactly as computed ones, so the result equals an
 * uninterrupted run's, sample for sample. Doubles are stored as SQLite REALs (8-byte IEEE,
 * exact); NaN as NULL. The schema is documented in docs/montecarlo.md.
 *
 * A run is identified by its configuration text (scenario id, parameters with their ranges
 * and distributions, correlations, a hash of the game at the defaults, varied parameters,
 * seed, samples, watched and compared decisions, analysis options): resume continues the
 * latest run with the same text, or starts one when there is none.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "brink/io.h"
#include "scenario/compact.h"
#include "scenario/model.h"
#include "uncertainty/mc_int.h"

static const char *const SCHEMA =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "CREATE TABLE IF NOT EXISTS runs(id INTEGER PRIMARY KEY, scenario TEXT NOT NULL,"
    " seed INTEGER NOT NULL, samples INTEGER NOT NULL, config TEXT NOT NULL,"
    " started TEXT NOT NULL, finished TEXT, seconds REAL);"
    "CREATE TABLE IF NOT EXISTS parameters(run INTEGER NOT NULL, k INTEGER NOT NULL,"
    " name TEXT NOT NULL, PRIMARY KEY(run, k));"
    "CREATE TABLE IF NOT EXISTS samples(run INTEGER NOT NULL, idx INTEGER NOT NULL,"
    " neq INTEGER NOT NULL, proved INTEGER NOT NULL, verified INTEGER NOT NULL,"
    " outcome INTEGER NOT NULL, agreed INTEGER NOT NULL, compared INTEGER NOT NULL,"
    " compare_ambiguous INTEGER NOT NULL, error_code INTEGER NOT NULL, error TEXT,"
    " error_line INTEGER NOT NULL DEFAULT 0, error_column INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY(run, idx)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS draws(run INTEGER NOT NULL, idx INTEGER NOT NULL,"
    " k INTEGER NOT NULL, value REAL, PRIMARY KEY(run, idx, k)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS outcomes(run INTEGER NOT NULL, idx INTEGER NOT NULL,"
    " grp INTEGER NOT NULL, prob REAL, PRIMARY KEY(run, idx, grp)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS choices(run INTEGER NOT NULL, idx INTEGER NOT NULL,"
    " k INTEGER NOT NULL, state INTEGER NOT NULL, PRIMARY KEY(run, idx, k)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS payoffs(run INTEGER NOT NULL, idx INTEGER NOT NULL,"
    " player INTEGER NOT NULL, value REAL, PRIMARY KEY(run, idx, player)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS options(run INTEGER NOT NULL, idx INTEGER NOT NULL,"
    " a INTEGER NOT NULL, value REAL, PRIMARY KEY(run, idx, a)) WITHOUT ROWID;";

/* The per-sample value tables, in the order of the statements below. */
enum { T_DRAWS, T_OUTCOMES, T_CHOICES, T_PAYOFFS, T_OPTIONS, NT };
static const char *const TABLE[NT] = {"draws", "outcomes", "choices", "payoffs", "options"};
static const char *const KEY[NT] = {"k", "grp", "k", "player", "a"};
static const char *const COL[NT] = {"value", "prob", "state", "value", "value"};

struct mc_db {
    sqlite3 *h;
    sqlite3_int64 run, run_wanted;
    int stored;          /* a stored run read back: read-only, nothing computed */
    const char *path;    /* borrowed, for messages */
    sqlite3_stmt *count, *sample_ins, *sample_sel, *del[NT + 1], *ins[NT], *sel[NT];
};

/* SQLite's out-of-memory is ours too (BRINK_ENOMEM); anything else is the file's (EIO). */
static brink_status db_fail(mc_db *db, brink_error *err, const char *what)
{
    if (!db || !db->h || sqlite3_errcode(db->h) == SQLITE_NOMEM)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    return brink_error_set_at(err, BRINK_EIO, db->path, 0, 0, "%s: %s", what,
                              sqlite3_errmsg(db->h));
}

static int prep(mc_db *db, sqlite3_stmt **st, const char *sql)
{
    return sqlite3_prepare_v2(db->h, sql, -1, st, NULL) != SQLITE_OK;
}

void mc_db_close(mc_db *db)
{
    if (!db)
        return;
    sqlite3_finalize(db->count);
    sqlite3_finalize(db->sample_ins);
    sqlite3_finalize(db->sample_sel);
    for (int t = 0; t < NT; t++) {
        sqlite3_finalize(db->ins[t]);
        sqlite3_finalize(db->sel[t]);
    }
    for (int t = 0; t <= NT; t++)
        sqlite3_finalize(db->del[t]);
    sqlite3_close(db->h);
    free(db);
}

/* prefix and q appended to b; 0 on OOM. */
static int put_q(brink_buf *b, const char *prefix, const mpq_t q)
{
    char *t = brink_q_to_string(q);
    if (!t)
        return 0;
    brink_buf_printf(b, "%s%s", prefix, t);
    free(t);
    return 1;
}

/* A compact game (no tree to write) as text: every class's move, place, actions, children,
 * chance probabilities, a leaf's levels, values and payoff terms, each edge's terms (the
 * expressions as written, with the parameters unbound). */
static void compact_text(const brink_scenario *sc, brink_buf *b)
{
    const sc_compact *k = sc->compact;
    const sc_compiled *cc = &sc->c;
    int np = k->np, ni = k->ni;
    brink_buf_printf(b, "compact %d %d %d\n", k->nclasses, np, ni);
    for (int c = 0; c < k->nclasses; c++) {
        brink_buf_printf(b, "c%d m%d", c, k->mover[c]);
        if (k->node[c])
            brink_buf_printf(b, " @%d:%d", k->node[c]->loc.line, k->node[c]->loc.col);
        for (int e = k->child_start[c]; e < k->child_start[c + 1]; e++) {
            brink_buf_printf(b, " [%s>%d", k->node[c]->opt_labels[e - k->child_start[c]],
                             k->child[e]);
            if (k->prob[e] >= 0)
                brink_buf_printf(b, " p=%s", cc->closed[k->prob[e]]->text);
            for (int a = 0; a < np; a++)
                for (int t = k->eterm_start[(size_t)e * (size_t)np + (size_t)a];
                     t < k->eterm_start[(size_t)e * (size_t)np + (size_t)a + 1]; t++)
                    brink_buf_printf(b, " %d+%s", a, cc->closed[k->eterm[t]]->text);
            brink_buf_puts(b, "]");
        }
        int l = k->leaf[c];
        for (int i = 0; l >= 0 && i < ni; i++) {
            int v = k->leaf_value[(size_t)l * (size_t)ni + (size_t)i];
            brink_buf_printf(b, " i%d=%d:%s", i, k->leaf_level[(size_t)l * (size_t)ni + (size_t)i],
                             v >= 0 ? cc->closed[v]->text : "-");
        }
        for (int a = 0; l >= 0 && a < np; a++)
            for (int t = k->term_start[(size_t)l * (size_t)np + (size_t)a];
                 t < k->term_start[(size_t)l * (size_t)np + (size_t)a + 1]; t++)
                brink_buf_printf(b, " %d+%s", a, cc->closed[k->term[t]]->text);
        brink_buf_puts(b, "\n");
    }
    int ne = k->child_start[k->nclasses];
    for (int a = 0; a < np; a++)
        for (int t = k->eterm_start[(size_t)ne * (size_t)np + (size_t)a];
             t < k->eterm_start[(size_t)ne * (size_t)np + (size_t)a + 1]; t++)
            brink_buf_printf(b, "root %d+%s\n", a, cc->closed[k->eterm[t]]->text);
}

/* The text that identifies a run's configuration (what the samples depend on). */
static brink_status config_text(const brink_scenario *sc, const brink_mc_options *o,
                                const brink_mc_result *r, brink_buf *b, brink_error *err)
{
    brink_buf_printf(b, "scenario=%s\n", brink_scenario_id(sc));
    for (int i = 0; i < brink_scenario_nparams(sc); i++) {
        const brink_param_info *p = brink_scenario_param(sc, i);
        /* the numbers the draws bind are exact (brink_sampler_exact): the defaults and the
         * discrete values as written, so that 0.3 and 0.29999999999999998890 (one double)
         * are different runs */
        brink_buf_printf(b, "param %s=%.17g range=%d:%.17g:%.17g dist=%d:%.17g:%.17g:%.17g:%d",
                         p->name, p->value, p->has_range, p->lo, p->hi, (int)p->dist,
                         p->dist_a, p->dist_b, p->dist_c, p->dist_truncated);
        if (p->valueq && !put_q(b, " exact=", *p->valueq))
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        for (int k = 0; k < p->dist_n; k++) {
            brink_buf_printf(b, " %.17g:%.17g", p->dist_values[k], p->dist_weights[k]);
            if (p->dist_values_q && !put_q(b, ":", p->dist_values_q[k]))
                return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        }
        brink_buf_puts(b, "\n");
    }
    for (int i = 0; i < brink_scenario_ncorrelations(sc); i++) {
        const brink_correlation *c = brink_scenario_correlation(sc, i);
        brink_buf_printf(b, "correlation %d %d %.17g\n", c->a, c->b, c->rho);
    }
    /* the game at the defaults (tree, labels, payoffs), by a 64-bit FNV-1a hash of its
     * .efg text */
    brink_buf g;
    brink_buf_init(&g);
    brink_status st = BRINK_OK;
    if (sc->compact)   /* its classes, as text (a compact game's run is another run) */
        compact_text(sc, &g);
    else
        st = brink_efg_write(brink_scenario_game(sc), &g, err);
    if (!st && g.failed)
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    uint64_t hash = 14695981039346656037u;
    for (size_t i = 0; !st && i < g.len; i++)
        hash = (hash ^ (unsigned char)g.data[i]) * 1099511628211u;
    brink_buf_free(&g);
    if (st)
        return st;
    brink_buf_printf(b, "game=%s%016llx\n", sc->compact ? "compact:" : "",
                     (unsigned long long)hash);
    for (int k = 0; k < r->nvaried; k++)
        brink_buf_printf(b, "varied %d\n", r->varied[k]);
    brink_buf_printf(b, "seed=%llu\nsamples=%ld\n", (unsigned long long)o->seed, o->samples);
    for (int k = 0; k < r->nwatch; k++)
        brink_buf_printf(b, "watch %d\n", r->watch[k]);
    brink_buf_printf(b, "compare=%d\n", r->compare_infoset);
    const brink_analysis_options *a = &o->analysis;
    brink_buf_printf(b, "method=%s refine=%d max_eq=%d tol=%.17g cells=%ld time=%.17g "
                     "all_limit=%d profiles=%d\n", a->method ? a->method : "-", a->refine,
                     a->max_equilibria, a->tol, a->max_reduced_cells, a->time_limit,
                     a->all_limit_nodes, a->max_profiles);
    if (b->failed)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    return BRINK_OK;
}

/* A stored run is read back only when its configuration is this one (the same scenario,
 * parameters, distributions, game, seed, samples, decisions and analysis options): else
 * the first line that differs is named. */
static brink_status check_stored(mc_db *db, const char *config, brink_error *err)
{
    sqlite3_stmt *st = NULL;
    if (prep(db, &st, "SELECT config FROM runs WHERE id = ?1"))
        return db_fail(db, err, "reading runs");
    sqlite3_bind_int64(st, 1, db->run_wanted);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return db_fail(db, err, "reading runs");
        return brink_error_set_at(err, BRINK_EINVALID, db->path, 0, 0, "no run %lld is stored",
                                  (long long)db->run_wanted);
    }
    const char *have = (const char *)sqlite3_column_text(st, 0);
    brink_status s = BRINK_OK;
    if (!have || strcmp(have, config)) {
        /* the first differing line of each */
        const char *a = have ? have : "", *b = config;
        while (*a && *a == *b) {
            const char *na = strchr(a, '\n'), *nb = strchr(b, '\n');
            if (!na || !nb || na - a != nb - b || strncmp(a, b, (size_t)(na - a)))
                break;
            a = na + 1;
            b = nb + 1;
        }
        int la = (int)(strchr(a, '\n') ? strchr(a, '\n') - a : (long)strlen(a));
        int lb = (int)(strchr(b, '\n') ? strchr(b, '\n') - b : (long)strlen(b));
        s = brink_error_set_at(err, BRINK_EINVALID, db->path, 0, 0,
                               "run %lld was made from another configuration: it has '%.*s' "
                               "where this scenario and these options give '%.*s'",
                               (long long)db->run_wanted, la, a, lb, b);
    }
    sqlite3_finalize(st);
    if (!s)
        db->run = db->run_wanted;
    return s;
}

/* Find the run to continue or start one (with its parameters' names). */
static brink_status begin_run(mc_db *db, int resume, const brink_scenario *sc,
                              const brink_mc_options *o, const brink_mc_result *r,
                              const char *config, brink_error *err)
{
    sqlite3_stmt *st = NULL;
    db->run = 0;
    if (db->stored)
        return check_stored(db, config, err);
    if (resume) {
        if (prep(db, &st, "SELECT id FROM runs WHERE config = ?1 ORDER BY id DESC LIMIT 1"))
            return db_fail(db, err, "reading runs");
        sqlite3_bind_text(st, 1, config, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            db->run = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return db_fail(db, err, "reading runs");
        if (db->run)
            return BRINK_OK;
    }
    if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
        prep(db, &st, "INSERT INTO runs(scenario, seed, samples, config, started) "
                      "VALUES(?1, ?2, ?3, ?4, datetime('now'))"))
        return db_fail(db, err, "starting a run");
    sqlite3_bind_text(st, 1, brink_scenario_id(sc), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)o->seed);
    sqlite3_bind_int64(st, 3, o->samples);
    sqlite3_bind_text(st, 4, config, -1, SQLITE_STATIC);
    int bad = sqlite3_step(st) != SQLITE_DONE;
    sqlite3_finalize(st);
    db->run = sqlite3_last_insert_rowid(db->h);
    if (!bad && !prep(db, &st, "INSERT INTO parameters(run, k, name) VALUES(?1, ?2, ?3)")) {
        for (int k = 0; k < r->nvaried && !bad; k++) {
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, db->run);
            sqlite3_bind_int(st, 2, k);
            sqlite3_bind_text(st, 3, brink_scenario_param(sc, r->varied[k])->name, -1,
                              SQLITE_STATIC);
            bad = sqlite3_step(st) != SQLITE_DONE;
        }
        sqlite3_finalize(st);
    } else {
        bad = 1;
    }
    if (bad || sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        brink_status s = db_fail(db, err, "starting a run");
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        return s;
    }
    return BRINK_OK;
}

static brink_status prepare_all(mc_db *db, brink_buf *sql, brink_error *err)
{
    if (prep(db, &db->count, "SELECT COUNT(*) FROM samples WHERE run = ?1 AND idx >= ?2 "
                             "AND idx < ?3") ||
        prep(db, &db->sample_ins, "INSERT OR REPLACE INTO samples VALUES(?1, ?2, ?3, ?4, ?5, "
                                  "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)") ||
        prep(db, &db->sample_sel, "SELECT idx, neq, proved, verified, outcome, agreed, "
                                  "compared, compare_ambiguous, error_code, error, error_line, "
                                  "error_column FROM samples "
                                  "WHERE run = ?1 AND idx >= ?2 AND idx < ?3") ||
        prep(db, &db->del[NT], "DELETE FROM samples WHERE run = ?1 AND idx >= ?2 AND idx < ?3"))
        return db_fail(db, err, "preparing statements");
    for (int t = 0; t < NT; t++) {
        brink_buf_reset(sql);
        brink_buf_printf(sql, "INSERT OR REPLACE INTO %s VALUES(?1, ?2, ?3, ?4)", TABLE[t]);
        if (sql->failed)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        if (prep(db, &db->ins[t], sql->data))
            return db_fail(db, err, "preparing statements");
        brink_buf_reset(sql);
        brink_buf_printf(sql, "SELECT idx, %s, %s FROM %s WHERE run = ?1 AND idx >= ?2 "
                         "AND idx < ?3", KEY[t], COL[t], TABLE[t]);
        if (sql->failed)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        if (prep(db, &db->sel[t], sql->data))
            return db_fail(db, err, "preparing statements");
        brink_buf_reset(sql);
        brink_buf_printf(sql, "DELETE FROM %s WHERE run = ?1 AND idx >= ?2 AND idx < ?3",
                         TABLE[t]);
        if (sql->failed)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        if (prep(db, &db->del[t], sql->data))
            return db_fail(db, err, "preparing statements");
    }
    return BRINK_OK;
}

mc_db *mc_db_open(const char *path, int resume, long stored_run, const brink_scenario *sc,
                  const brink_mc_options *o, const brink_mc_result *r, brink_error *err)
{
    mc_db *db = calloc(1, sizeof *db);
    if (!db) {
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return NULL;
    }
    db->stored = stored_run > 0;
    db->run_wanted = stored_run;
    db->path = path;
    brink_buf cfg, sql;
    brink_buf_init(&cfg);
    brink_buf_init(&sql);
    brink_status st = BRINK_OK;
    int rc = sqlite3_open_v2(path, &db->h, db->stored ? SQLITE_OPEN_READONLY
                                                      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                             NULL);
    if (rc == SQLITE_NOMEM || !db->h) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    } else if (rc != SQLITE_OK) {
        st = brink_error_set_at(err, BRINK_EIO, path, 0, 0, "%s", sqlite3_errmsg(db->h));
    } else if (db->stored) {
        sqlite3_busy_timeout(db->h, 5000);   /* read as it is: no schema written */
    } else {
        /* another process holding the file (a run being killed) waits a little */
        sqlite3_busy_timeout(db->h, 5000);
        rc = sqlite3_exec(db->h, SCHEMA, NULL, NULL, NULL);
        if (rc == SQLITE_NOMEM || sqlite3_errcode(db->h) == SQLITE_NOMEM)
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        else if (rc != SQLITE_OK)
            st = brink_error_set_at(err, BRINK_EIO, path, 0, 0,
                                    "not a brink results database (%s)", sqlite3_errmsg(db->h));
    }
    if (!st)
        st = config_text(sc, o, r, &cfg, err);
    if (!st)
        st = begin_run(db, resume, sc, o, r, cfg.data, err);
    if (!st)
        st = prepare_all(db, &sql, err);
    brink_buf_free(&cfg);
    brink_buf_free(&sql);
    if (st) {
        mc_db_close(db);
        return NULL;
    }
    return db;
}

static void bind_range(sqlite3_stmt *st, sqlite3_int64 run, long first, int count)
{
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_int64(st, 2, first);
    sqlite3_bind_int64(st, 3, first + count);
}

/* Row widths and the block's arrays, per value table. */
static int width(const brink_mc_result *r, int t)
{
    switch (t) {
    case T_DRAWS: return r->nvaried;
    case T_OUTCOMES: return r->ngroups;
    case T_CHOICES: return r->nwatch;
    case T_PAYOFFS: return r->nplayers;
    default: return r->nopts;
    }
}

static double *darray(const mc_block *b, int t)
{
    switch (t) {
    case T_DRAWS: return b->x;
    case T_OUTCOMES: return b->gprob;
    case T_PAYOFFS: return b->val;
    case T_OPTIONS: return b->opt;
    default: return NULL;
    }
}

/* Is row j of table t stored? (outcome probabilities only when agreed, options only when
 * compared: elsewhere the block's rows hold nothing the merge reads) */
static int stored(const mc_block *b, int t, int j)
{
    if (t == T_OUTCOMES)
        return b->rec[j].neq > 0 && b->rec[j].agreed_outcome && b->rec[j].outcome >= 0;
    if (t == T_OPTIONS)
        return b->rec[j].has_opt;
    return 1;
}

int mc_db_load_block(mc_db *db, long first, int count, const brink_mc_result *r,
                     mc_block *b, brink_error *err)
{
    bind_range(db->count, db->run, first, count);
    if (sqlite3_step(db->count) != SQLITE_ROW)
        return -(int)db_fail(db, err, "reading samples");
    long have = (long)sqlite3_column_int64(db->count, 0);
    if (have != count && db->stored)   /* read back, never computed */
        return -(int)brink_error_set_at(err, BRINK_EINVALID, db->path, 0, 0,
                                        "run %lld is incomplete: %ld of the draws %ld to %ld "
                                        "are stored (brink montecarlo --db --resume finishes it)",
                                        (long long)db->run, have, first, first + count - 1);
    if (have != count) {
        if (have == 0)
            return 0;
        /* not written by this program (blocks are whole): start the block again */
        int bad = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK;
        for (int t = 0; t <= NT && !bad; t++) {
            bind_range(db->del[t], db->run, first, count);
            bad = sqlite3_step(db->del[t]) != SQLITE_DONE;
        }
        if (bad || sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
            brink_status s = db_fail(db, err, "clearing an incomplete block");
            sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
            return -(int)s;
        }
        return 0;
    }
    for (int j = 0; j < count; j++) {
        for (int k = 0; k < r->nwatch; k++)
            b->choice[(size_t)j * (size_t)r->nwatch + (size_t)k] = BRINK_MC_NONE;
        for (int p = 0; p < r->nplayers; p++)
            b->val[(size_t)j * (size_t)r->nplayers + (size_t)p] = NAN;
    }
    int rc;
    bind_range(db->sample_sel, db->run, first, count);
    while ((rc = sqlite3_step(db->sample_sel)) == SQLITE_ROW) {
        sqlite3_stmt *s = db->sample_sel;
        long j = (long)sqlite3_column_int64(s, 0) - first;
        mc_rec *c = &b->rec[j];
        c->path = MC_PATH_LOADED;   /* not computed by this run: counted as loaded only */
        c->neq = sqlite3_column_int(s, 1);
        c->proved = sqlite3_column_int(s, 2);
        c->verified = sqlite3_column_int(s, 3);
        c->outcome = sqlite3_column_int(s, 4);
        c->agreed_outcome = sqlite3_column_int(s, 5);
        c->has_opt = sqlite3_column_int(s, 6);
        c->opt_ambiguous = sqlite3_column_int(s, 7);
        brink_error_clear(&c->err);
        int code = sqlite3_column_int(s, 8);
        if (code) {
            const unsigned char *m = sqlite3_column_text(s, 9);
            brink_error_set(&c->err, (brink_status)code, "%s", m ? (const char *)m : "");
            c->err.line = sqlite3_column_int(s, 10);
            c->err.column = sqlite3_column_int(s, 11);
        }
    }
    if (rc != SQLITE_DONE)
        return -(int)db_fail(db, err, "reading samples");
    for (int t = 0; t < NT; t++) {
        int w = width(r, t);
        double *d = darray(b, t);
        bind_range(db->sel[t], db->run, first, count);
        while ((rc = sqlite3_step(db->sel[t])) == SQLITE_ROW) {
            sqlite3_stmt *s = db->sel[t];
            long j = (long)sqlite3_column_int64(s, 0) - first;
            int k = sqlite3_column_int(s, 1);
            if (j < 0 || j >= count || k < 0 || k >= w)
                return -(int)brink_error_set_at(err, BRINK_EIO, db->path, 0, 0,
                                                "the database's %s table does not fit this "
                                                "run", TABLE[t]);
            size_t at = (size_t)j * (size_t)w + (size_t)k;
            if (t == T_CHOICES)
                b->choice[at] = sqlite3_column_int(s, 2);
            else
                d[at] = sqlite3_column_type(s, 2) == SQLITE_NULL ? NAN
                                                                 : sqlite3_column_double(s, 2);
        }
        if (rc != SQLITE_DONE)
            return -(int)db_fail(db, err, "reading samples");
    }
    return 1;
}

static int put_value(sqlite3_stmt *st, sqlite3_int64 run, long idx, int k, const mc_block *b,
                     int t, size_t at)
{
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_int64(st, 2, idx);
    sqlite3_bind_int(st, 3, k);
    if (t == T_CHOICES) {
        sqlite3_bind_int(st, 4, b->choice[at]);
    } else {
        double v = darray(b, t)[at];
        if (isnan(v))
            sqlite3_bind_null(st, 4);
        else
            sqlite3_bind_double(st, 4, v);
    }
    return sqlite3_step(st) != SQLITE_DONE;
}

brink_status mc_db_save_block(mc_db *db, long first, int count, const brink_mc_result *r,
                              const mc_block *b, brink_error *err)
{
    int bad = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK;
    for (int j = 0; j < count && !bad; j++) {
        const mc_rec *c = &b->rec[j];
        sqlite3_stmt *s = db->sample_ins;
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, db->run);
        sqlite3_bind_int64(s, 2, first + j);
        sqlite3_bind_int(s, 3, c->neq);
        sqlite3_bind_int(s, 4, c->proved);
        sqlite3_bind_int(s, 5, c->verified);
        sqlite3_bind_int(s, 6, c->outcome);
        sqlite3_bind_int(s, 7, c->agreed_outcome);
        sqlite3_bind_int(s, 8, c->has_opt);
        sqlite3_bind_int(s, 9, c->opt_ambiguous);
        sqlite3_bind_int(s, 10, c->neq < 0 ? (int)c->err.code : 0);
        if (c->neq < 0)
            sqlite3_bind_text(s, 11, c->err.message, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(s, 11);
        sqlite3_bind_int(s, 12, c->neq < 0 ? c->err.line : 0);
        sqlite3_bind_int(s, 13, c->neq < 0 ? c->err.column : 0);
        bad = sqlite3_step(s) != SQLITE_DONE;
        for (int t = 0; t < NT && !bad; t++) {
            if (!stored(b, t, j))
                continue;
            int w = width(r, t);
            for (int k = 0; k < w && !bad; k++)
                bad = put_value(db->ins[t], db->run, first + j, k, b, t,
                                (size_t)j * (size_t)w + (size_t)k);
        }
    }
    if (bad || sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        brink_status s = db_fail(db, err, "writing samples");
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        return s;
    }
    return BRINK_OK;
}

brink_status mc_db_finish(mc_db *db, double seconds, brink_error *err)
{
    sqlite3_stmt *st = NULL;
    if (prep(db, &st, "UPDATE runs SET finished = datetime('now'), seconds = ?2 "
                      "WHERE id = ?1"))
        return db_fail(db, err, "finishing the run");
    sqlite3_bind_int64(st, 1, db->run);
    sqlite3_bind_double(st, 2, seconds);
    int bad = sqlite3_step(st) != SQLITE_DONE;
    sqlite3_finalize(st);
    return bad ? db_fail(db, err, "finishing the run") : BRINK_OK;
}
