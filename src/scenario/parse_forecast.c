/* parse_forecast.c — a scenario's optional `forecast:` section: the data of an expected-utility
 * or spatial forecast (include/brink/forecast.h) for the scenario's own actors, so that a
 * game and a forecast of the same negotiation share one file and one list of actors.
 *
 *   forecast:
 *     doc: where the numbers come from            (optional)
 *     scale: [0, 100]                             (optional; every issue's scale)
 *     capability: {USA: 1.0, DPRK: 0.25, ...}     (every actor)
 *     issues:
 *       denuclearisation:
 *         USA: {position: 100, salience: 0.8}     (every actor, on every issue)
 *
 * Any capability, position or salience may instead be a map that declares a distribution for
 * `brink forecast --mc`: {value: 40, distribution: "uniform(30, 50)", truncate: true,
 * doc: why}. The distribution is read and checked by the parameters' own parser
 * (parse_dist.c) against the input's range, so the syntax and the errors are the same.
 *
 * Errors are located at the offending node; range checks reuse brink_forecast_input_check's
 * rules but are reported here with positions.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/parse_util.h"

static brink_status number(brink_scenario *sc, const ynode *n, double lo, double hi,
                           double *out, const char *what, brink_error *err)
{
    mpq_t q;
    mpq_init(q);
    brink_status st = sc_get_number(sc, n, q, what, err);
    double v = st ? 0 : brink_q_get_d(q);
    mpq_clear(q);
    if (st) return st;
    if (!isfinite(v) || v < lo || v > hi)
        return sc_err(sc, err, n, BRINK_EINVALID, "%s %g is not in [%g, %g]", what, v, lo, hi);
    *out = v;
    return BRINK_OK;
}

/* A capability, position or salience: a number, or {value, distribution, truncate, doc}.
 * A declared distribution is appended to in->draws (its info in the scenario's arena). */
static brink_status input(brink_scenario *sc, const ynode *n, double lo, double hi, double *out,
                          const char *what, brink_forecast_input *in, brink_forecast_field field,
                          int actor, int issue, brink_error *err)
{
    static const char *const keys[] = {"value", "distribution", "truncate", "doc", NULL};
    if (!n || n->kind != Y_MAP) return number(sc, n, lo, hi, out, what, err);
    brink_status st = sc_check_keys(sc, n, keys, what, err);
    if (st) return st;
    const ynode *v = ytree_get(n, "value"), *d = ytree_get(n, "distribution"),
                *tr = ytree_get(n, "truncate"), *doc = ytree_get(n, "doc");
    if (!v) return sc_err(sc, err, n, BRINK_EINVALID, "%s: needs a value (the central value)", what);
    if (tr && !d)
        return sc_err(sc, err, tr, BRINK_EINVALID, "truncate applies to a distribution; this %s has none", what);
    if (doc && (st = sc_expect(sc, doc, Y_SCALAR, "doc", err))) return st;
    if ((st = number(sc, v, lo, hi, out, what, err)) || !d) return st;
    const char *who = sc->actors[actor].id;
    brink_buf name;
    brink_buf_init(&name);
    if (issue < 0) brink_buf_printf(&name, "%s's %s", who, what);
    else brink_buf_printf(&name, "%s's %s on issue %s", who, what, in->issue[issue]);
    sc_param p;
    memset(&p, 0, sizeof p);
    p.info.name = name.failed || !name.data ? NULL : sc_strdup(sc, name.data);
    brink_buf_free(&name);
    brink_param_info *info = brink_arena_alloc(sc->arena, sizeof *info);
    if (!p.info.name || !info) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    p.info.has_range = 1;
    p.info.lo = lo;
    p.info.hi = hi;
    p.info.value = *out;
    p.info.line = n->line;
    p.info.column = n->col;
    if ((st = sc_parse_distribution(sc, d, tr, &p, err))) return st;
    if (doc && !(p.info.doc = sc_strdup(sc, doc->text))) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    *info = p.info;
    in->draws[in->ndraws++] = (brink_forecast_draw){field, actor, issue, info};
    return BRINK_OK;
}

static brink_status all_actors(brink_scenario *sc, const ynode *map, const char *what,
                               brink_error *err)
{
    for (int a = 0; a < sc->nactors; a++)
        if (!ytree_get(map, sc->actors[a].id))
            return sc_err(sc, err, map, BRINK_EINVALID, "%s: actor '%s' is missing", what,
                          sc->actors[a].id);
    for (int i = 0; i < map->n; i++)
        if (sc_actor_find(sc, ytree_key(map, i)->text) < 0)
            return sc_err(sc, err, ytree_key(map, i), BRINK_EINVALID,
                          "%s: '%s' is not one of the scenario's actors", what, ytree_key(map, i)->text);
    return BRINK_OK;
}

static brink_status parse(brink_scenario *sc, const ynode *f, brink_forecast_input *in,
                          brink_error *err)
{
    static const char *const keys[] = {"doc", "scale", "capability", "issues", NULL};
    static const char *const cell_keys[] = {"position", "salience", NULL};
    brink_status st;
    if ((st = sc_expect(sc, f, Y_MAP, "forecast", err)) ||
        (st = sc_check_keys(sc, f, keys, "forecast", err)))
        return st;
    const ynode *cap = ytree_get(f, "capability"), *iss = ytree_get(f, "issues");
    if (!cap) return sc_err(sc, err, f, BRINK_EINVALID, "forecast: missing 'capability'");
    if (!iss) return sc_err(sc, err, f, BRINK_EINVALID, "forecast: missing 'issues'");
    if ((st = sc_expect(sc, cap, Y_MAP, "forecast capability", err)) ||
        (st = all_actors(sc, cap, "forecast capability", err)) ||
        (st = sc_expect(sc, iss, Y_MAP, "forecast issues", err)))
        return st;
    if (iss->n < 1 || iss->n > BRINK_FORECAST_MAX_ISSUES)
        return sc_err(sc, err, iss, BRINK_EINVALID, "forecast: 1 to %d issues", BRINK_FORECAST_MAX_ISSUES);
    double lo = 0, hi = 100;
    const ynode *sn = ytree_get(f, "scale");
    if (sn) {
        if (sn->kind != Y_SEQ || sn->n != 2)
            return sc_err(sc, err, sn, BRINK_EINVALID, "forecast scale: expected [LO, HI]");
        if ((st = number(sc, sn->items[0], -1e12, 1e12, &lo, "scale end", err)) ||
            (st = number(sc, sn->items[1], -1e12, 1e12, &hi, "scale end", err)))
            return st;
        if (!(lo < hi)) return sc_err(sc, err, sn, BRINK_EINVALID, "forecast scale: LO must be below HI");
    }
    if ((st = brink_forecast_input_alloc(in, sc->nactors, iss->n, err))) {
        if (st == BRINK_EINVALID) /* fewer than 2 actors */
            return sc_err(sc, err, f, BRINK_EINVALID, "a forecast needs at least 2 actors");
        return st;
    }
    int D = iss->n;
    /* room for every input; most have no distribution */
    if (!(in->draws = brink_calloc((size_t)sc->nactors * (2 * (size_t)D + 1), sizeof *in->draws)))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int k = 0; k < D; k++)
        if (!(in->issue[k] = strdup(ytree_key(iss, k)->text))) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    double total = 0;
    for (int a = 0; a < sc->nactors; a++) {
        if (!(in->actor[a] = strdup(sc->actors[a].id))) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        const ynode *c = ytree_get(cap, sc->actors[a].id);
        if ((st = input(sc, c, 0, 1e12, &in->capability[a], "capability", in, BRINK_FORECAST_CAPABILITY, a, -1,
                        err)))
            return st;
        total += in->capability[a];
    }
    if (!(total > 0)) return sc_err(sc, err, cap, BRINK_EINVALID, "forecast: every capability is 0");
    for (int k = 0; k < D; k++) {
        const ynode *name = ytree_key(iss, k), *m = ytree_val(iss, k);
        in->lo[k] = lo;
        in->hi[k] = hi;
        if ((st = sc_expect(sc, m, Y_MAP, "a forecast issue", err)) ||
            (st = all_actors(sc, m, "forecast issue", err)))
            return st;
        for (int a = 0; a < sc->nactors; a++) {
            const ynode *cell = ytree_get(m, sc->actors[a].id);
            if ((st = sc_expect(sc, cell, Y_MAP, "{position: X, salience: S}", err)) ||
                (st = sc_check_keys(sc, cell, cell_keys, "a forecast position", err)))
                return st;
            const ynode *p = ytree_get(cell, "position"), *s = ytree_get(cell, "salience");
            if (!p || !s)
                return sc_err(sc, err, cell, BRINK_EINVALID, "actor '%s' on '%s': needs position and salience",
                              sc->actors[a].id, name->text);
            size_t at = (size_t)a * D + k;
            if ((st = input(sc, p, lo, hi, &in->position[at], "position", in, BRINK_FORECAST_POSITION, a, k, err)) ||
                (st = input(sc, s, 0, 1, &in->salience[at], "salience", in, BRINK_FORECAST_SALIENCE, a, k, err)))
                return st;
        }
    }
    return BRINK_OK;
}

brink_status sc_parse_forecast(brink_scenario *sc, const ynode *f, brink_error *err)
{
    brink_forecast_input *in = brink_calloc(1, sizeof *in);
    if (!in) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    brink_status st = parse(sc, f, in, err);
    if (st) {
        brink_forecast_input_free(in);
        free(in);
        return st;
    }
    sc->forecast = in;
    return BRINK_OK;
}

const brink_forecast_input *brink_scenario_forecast(const brink_scenario *sc)
{
    return sc ? sc->forecast : NULL;
}
