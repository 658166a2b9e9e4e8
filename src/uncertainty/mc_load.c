/* mc_load.c — a Monte Carlo run stored by brink montecarlo --db, read back without computing
 * anything (brink report --from). The run is chosen by id, or as the scenario's latest; its
 * configuration text gives the seed, the number of draws, the watched and compared decisions
 * and the analysis options; the run is then loaded block by block through the same merge as
 * a resumed run (mc_run with a stored run), after mc_db has checked that this scenario and
 * these options give the very same configuration text. So the result equals the one the run
 * printed, number for number.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uncertainty/mc_int.h"

/* The run's id and configuration text (malloc'd). */
static brink_status find_run(const char *path, const char *scenario, long *run, char **config,
                             brink_error *err)
{
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_NOMEM || !h) {
        sqlite3_close(h);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    brink_status st = BRINK_OK;
    sqlite3_stmt *q = NULL;
    if (rc != SQLITE_OK ||
        sqlite3_prepare_v2(h, *run > 0 ? "SELECT id, config, scenario FROM runs WHERE id = ?1"
                                       : "SELECT id, config, scenario FROM runs WHERE "
                                         "scenario = ?2 ORDER BY id DESC LIMIT 1",
                           -1, &q, NULL) != SQLITE_OK) {
        st = brink_error_set(err, BRINK_EIO, "%s: not a brink results database (%s)", path,
                             sqlite3_errmsg(h));
    } else {
        if (*run > 0)
            sqlite3_bind_int64(q, 1, *run);
        else
            sqlite3_bind_text(q, 2, scenario, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            const char *c = (const char *)sqlite3_column_text(q, 1);
            const char *s = (const char *)sqlite3_column_text(q, 2);
            if (s && strcmp(s, scenario))
                st = brink_error_set(err, BRINK_EINVALID, "%s: run %ld is of scenario '%s', "
                                     "not '%s'", path, *run, s, scenario);
            else if (!(*config = malloc(strlen(c ? c : "") + 1)))
                st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
            else
                strcpy(*config, c ? c : "");
            *run = (long)sqlite3_column_int64(q, 0);
        } else if (rc == SQLITE_DONE) {
            st = *run > 0 ? brink_error_set(err, BRINK_EINVALID, "%s: no run %ld", path, *run)
                          : brink_error_set(err, BRINK_EINVALID, "%s: no Monte Carlo run of "
                                            "scenario '%s' (brink montecarlo %s --db %s)", path,
                                            scenario, scenario, path);
        } else {
            st = brink_error_set(err, sqlite3_errcode(h) == SQLITE_NOMEM ? BRINK_ENOMEM
                                                                         : BRINK_EIO,
                                 "%s: reading runs: %s", path, sqlite3_errmsg(h));
        }
    }
    sqlite3_finalize(q);
    sqlite3_close(h);
    return st;
}

/* The options the configuration text records (mc_db.c's config_text writes it). Lines not
 * read here (parameters, game) are checked whole by mc_db against this scenario's. */
static brink_status parse_config(const char *config, brink_mc_options *o, int *watch,
                                 int *nwatch, int cap, int *compare, char **method,
                                 brink_error *err)
{
    unsigned long long seed = 0;
    int have_seed = 0, have_samples = 0, have_method = 0;
    *nwatch = 0;
    *compare = -1;
    for (const char *l = config; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        int v;
        brink_analysis_options *w = &o->analysis;
        size_t ml = strncmp(l, "method=", 7) == 0 ? strcspn(l + 7, " \t\r\n") : 0;
        if (sscanf(l, "seed=%llu", &seed) == 1) {
            o->seed = (uint64_t)seed;
            have_seed = 1;
        } else if (sscanf(l, "samples=%ld", &o->samples) == 1) {
            have_samples = 1;
        } else if (sscanf(l, "watch %d", &v) == 1) {
            if (*nwatch >= cap)
                return brink_error_set(err, BRINK_EINVALID, "the stored run watches more "
                                       "decisions than the game has");
            watch[(*nwatch)++] = v;
        } else if (sscanf(l, "compare=%d", &v) == 1) {
            *compare = v;
        } else if (ml && sscanf(l + 7 + ml, " refine=%d max_eq=%d tol=%lg cells=%ld time=%lg "
                                "all_limit=%d profiles=%d", &w->refine, &w->max_equilibria,
                                &w->tol, &w->max_reduced_cells, &w->time_limit,
                                &w->all_limit_nodes, &w->max_profiles) == 7) {
            /* the method's name as stored, however long (a name brink does not know is
             * refused by the analysis, never cut into one it knows) */
            free(*method);
            *method = malloc(ml + 1);
            if (!*method)
                return brink_error_set(err, BRINK_ENOMEM, "out of memory");
            memcpy(*method, l + 7, ml);
            (*method)[ml] = '\0';
            w->method = strcmp(*method, "-") ? *method : NULL;
            have_method = 1;
        }
    }
    if (!have_seed || !have_samples || !have_method || o->samples < 1)
        return brink_error_set(err, BRINK_EINVALID, "the stored run's configuration lacks its "
                               "seed, samples or analysis options");
    return BRINK_OK;
}

brink_mc_result *brink_montecarlo_load(const brink_scenario *sc, const char *path, long run,
                                       int sensitivity, brink_error *err)
{
    char *config = NULL;
    if (!brink_scenario_game(sc)) {   /* a compact game: no tree to name decisions in */
        brink_error_set(err, BRINK_EUNSUPPORTED, "a stored Monte Carlo run is read back "
                        "with the scenario's tree, and this scenario was built as a compact "
                        "game (its tree is too big to unfold); load it with the limit "
                        "compact_above 0 to build the tree, when it fits");
        return NULL;
    }
    if (find_run(path, brink_scenario_id(sc), &run, &config, err))
        return NULL;
    const brink_efg *g = brink_scenario_game(sc);
    int cap = g->ninfosets + 1, nwatch = 0, compare = -1;
    int *watch = malloc((size_t)cap * sizeof *watch);
    char *method = NULL;
    brink_mc_options o;
    brink_mc_options_init(&o);
    brink_mc_result *r = NULL;
    if (!watch)
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
    else if (!parse_config(config, &o, watch, &nwatch, cap, &compare, &method, err)) {
        o.db = path;
        o.resume = 1;
        o.threads = 1;
        o.sensitivity = sensitivity;
        mc_stored stored = {run, watch, nwatch, compare};
        r = mc_run(sc, &o, &stored, 0, err);
    }
    free(watch);
    free(config);
    free(method);
    return r;
}
