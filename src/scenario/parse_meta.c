/* parse_meta.c — the parts of a scenario around the game tree: header (version, id, title,
 * provenance), parameters, actors and their private types, issues, preferences.
 *
 * Every check reports the position of the YAML node at fault. Strings are copied into the
 * scenario's arena (the YAML tree is freed after parsing).
 */
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/generate.h"
#include "scenario/model.h"
#include "scenario/parse_util.h"

const char *sc_strdup(brink_scenario *sc, const char *s)
{
    return brink_arena_strdup(sc->arena, s ? s : "");
}

int sc_is_identifier(const char *s)
{
    if (!s || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
        return 0;
    for (const char *p = s; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '-'))
            return 0;
    return strlen(s) < 64;
}

/* A copy of `s` with every '-' replaced by '_' (in the arena; "" when out of memory). */
static const char *sc_dash_to_underscore(brink_scenario *sc, const char *s)
{
    char *c = brink_arena_strdup(sc->arena, s);
    if (!c)
        return "";
    for (char *p = c; *p; p++)
        if (*p == '-')
            *p = '_';
    return c;
}
/* A name that appears in expressions (parameter, actor, type, issue, argument): letters,
 * digits and '_', starting with a letter or '_', under 64 bytes. The refusal names the kind,
 * and '-' as the cause when the name is a word but for it ('-' subtracts in expressions). */
brink_status sc_check_expr_name(brink_scenario *sc, brink_error *err, const ynode *at,
                                const char *kind, const char *name)
{
    if (sc_is_identifier(name) && !strchr(name, '-'))
        return BRINK_OK;
    if (sc_is_identifier(name))
        return sc_err(sc, err, at, BRINK_EINVALID,
                      "%s '%s' may not contain '-', which reads as a minus in expressions; "
                      "use letters, digits and _ (for example '%s')", kind, name,
                      sc_dash_to_underscore(sc, name));
    return sc_err(sc, err, at, BRINK_EINVALID,
                  "%s '%s' must be a word of letters, digits and _ that starts with a letter "
                  "or _, under 64 bytes", kind, name);
}

/* Unclosed minus closing parentheses of a text. */
static int paren_balance(const char *s)
{
    int b = 0;
    for (; *s; s++)
        b += (*s == '(') - (*s == ')');
    return b;
}

/* A call cut by a flow mapping's comma: `{distribution: uniform(0, 1)}` reads as the pair
 * distribution: "uniform(0" and a key "1)" with an empty value. */
static int split_call(const ynode *prev, const ynode *key)
{
    return prev && prev->kind == Y_SCALAR && !prev->quoted && key->kind == Y_SCALAR &&
           paren_balance(prev->text) > 0 && paren_balance(key->text) < 0;
}

brink_status sc_check_keys(brink_scenario *sc, const ynode *map, const char *const *allowed,
                           const char *what, brink_error *err)
{
    for (int i = 0; i < map->n; i++) {
        const ynode *k = ytree_key(map, i);
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, k->text) == 0)
                ok = 1;
        if (!ok && i > 0 && split_call(ytree_val(map, i - 1), k))
            return sc_err(sc, err, k, BRINK_EINVALID,
                          "unknown key '%s' in %s: inside { } a comma ends an entry, so "
                          "'%s' was cut there; quote the value: %s: \"%s, %s\"", k->text, what,
                          ytree_val(map, i - 1)->text, ytree_key(map, i - 1)->text,
                          ytree_val(map, i - 1)->text, k->text);
        if (!ok) {
            brink_buf list;
            brink_buf_init(&list);
            for (const char *const *a = allowed; *a; a++)
                sc_list_add(&list, *a);
            brink_status r = sc_err(sc, err, k, BRINK_EINVALID,
                                    "unknown key '%s' in %s (expected one of: %s)", k->text, what,
                                    sc_list_text(&list));
            brink_buf_free(&list);
            return r;
        }
    }
    return BRINK_OK;
}

brink_status sc_expect(brink_scenario *sc, const ynode *n, ykind kind, const char *what,
                       brink_error *err)
{
    static const char *const names[] = {"a single value", "a list", "a mapping"};
    if (n->kind == kind)
        return BRINK_OK;
    /* `parameters:` with nothing after it reads as an empty scalar: say so, not "a value" */
    if (n->kind == Y_SCALAR && !n->quoted && n->len == 0)
        return sc_err(sc, err, n, BRINK_ESYNTAX,
                      "%s must be %s, found an empty value (give at least one entry, or leave "
                      "the key out)", what, names[kind]);
    return sc_err(sc, err, n, BRINK_ESYNTAX, "%s must be %s, found %s", what, names[kind],
                  names[n->kind]);
}

brink_status sc_get_text(brink_scenario *sc, const ynode *map, const char *key, int required,
                         const char **out, brink_error *err)
{
    const ynode *v = ytree_get(map, key);
    if (!v) {
        if (required)
            return sc_err(sc, err, map, BRINK_EINVALID, "missing required key '%s'", key);
        return BRINK_OK;
    }
    brink_status st = sc_expect(sc, v, Y_SCALAR, key, err);
    if (st)
        return st;
    *out = sc_strdup(sc, v->text);
    return *out ? BRINK_OK : brink_error_set(err, BRINK_ENOMEM, "out of memory");
}

brink_status sc_get_number(brink_scenario *sc, const ynode *n, mpq_t out, const char *what,
                           brink_error *err)
{
    brink_status st = sc_expect(sc, n, Y_SCALAR, what, err);
    if (st)
        return st;
    const char *s = n->text;
    size_t len = strlen(s);
    if (len && s[0] == '+') {   /* brink_q_parse is Gambit-strict; YAML users write +1 */
        s++;
        len--;
    }
    if (!n->len)
        return sc_err(sc, err, n, BRINK_ESYNTAX, "%s must be a number (like 3, -0.25 or 2/3), "
                      "found an empty value", what);
    brink_error qerr;
    brink_error_clear(&qerr);
    brink_status qs = len ? brink_q_parse(out, s, len, &qerr) : BRINK_ESYNTAX;
    long limit = sc->lim.max_number_bits > 0 ? sc->lim.max_number_bits : SC_EXPR_DEFAULT_MAX_BITS;
    if (qs == BRINK_ETOOBIG || (qs == BRINK_OK &&
                                ((long)mpz_sizeinbase(mpq_numref(out), 2) > limit ||
                                 (long)mpz_sizeinbase(mpq_denref(out), 2) > limit))) {
        char why[BRINK_ERROR_MESSAGE_MAX];
        sc_number_size_reason(why, sizeof why, n->text, qs, &qerr, out, limit);
        return sc_err(sc, err, n, BRINK_ETOOBIG, "%s: %s", what, why);
    }
    if (qs == BRINK_ENOMEM)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (qs == BRINK_EINVALID)   /* number-shaped but none: "zero denominator in '1/0'" */
        return sc_err(sc, err, n, BRINK_EINVALID, "%s: %s", what, qerr.message);
    if (qs != BRINK_OK)
        return sc_err(sc, err, n, BRINK_ESYNTAX, "%s must be a number (like 3, -0.25 or 2/3), "
                      "found '%s'", what, n->text);
    return BRINK_OK;
}

brink_status sc_get_int(brink_scenario *sc, const ynode *n, long lo, long hi, long *out,
                        const char *what, brink_error *err)
{
    mpq_t q;
    mpq_init(q);
    brink_status st = sc_get_number(sc, n, q, what, err);
    if (!st && (mpz_cmp_ui(mpq_denref(q), 1) != 0 || mpz_cmp_si(mpq_numref(q), lo) < 0 ||
                mpz_cmp_si(mpq_numref(q), hi) > 0))
        st = sc_err(sc, err, n, BRINK_EINVALID, "%s must be a whole number from %ld to %ld", what,
                    lo, hi);
    if (!st)
        *out = mpz_get_si(mpq_numref(q));
    mpq_clear(q);
    return st;
}

/* ---------------------------------------------------------------- parameters */

static brink_status parse_param(brink_scenario *sc, const ynode *key, const ynode *val,
                                sc_param *p, brink_error *err)
{
    static const char *const keys[] = {"value", "range", "distribution", "truncate", "units",
                                       "doc", NULL};
    brink_status st;
    if ((st = sc_check_expr_name(sc, err, key, "parameter name", key->text)))
        return st;
    p->info.name = sc_strdup(sc, key->text);
    p->info.doc = "";
    p->info.units = "";
    p->info.line = key->line;
    p->info.column = key->col;
    if (val->kind == Y_SCALAR) {          /* shorthand: name: 3 */
        st = sc_get_number(sc, val, p->value, "a parameter's value", err);
        if (st)
            return st;
    } else {
        if ((st = sc_expect(sc, val, Y_MAP, "a parameter", err)) ||
            (st = sc_check_keys(sc, val, keys, "a parameter", err)))
            return st;
        const ynode *v = ytree_get(val, "value");
        if (!v)
            return sc_err(sc, err, val, BRINK_EINVALID, "parameter '%s' needs a value",
                          key->text);
        if ((st = sc_get_number(sc, v, p->value, "value", err)))
            return st;
        const ynode *r = ytree_get(val, "range");
        if (r) {
            if ((st = sc_expect(sc, r, Y_SEQ, "range", err)))
                return st;
            if (r->n != 2)
                return sc_err(sc, err, r, BRINK_EINVALID, "range must be [low, high]");
            if ((st = sc_get_number(sc, r->items[0], p->lo, "range low", err)) ||
                (st = sc_get_number(sc, r->items[1], p->hi, "range high", err)))
                return st;
            if (mpq_cmp(p->lo, p->hi) > 0)
                return sc_err(sc, err, r, BRINK_EINVALID, "range low is above range high");
            if (mpq_cmp(p->value, p->lo) < 0 || mpq_cmp(p->value, p->hi) > 0)
                return sc_err(sc, err, v, BRINK_EINVALID,
                              "value of '%s' lies outside its range", key->text);
            p->info.has_range = 1;
            p->range_loc.line = r->line;
            p->range_loc.col = r->col;
            p->info.lo = brink_q_get_d(p->lo);
            p->info.hi = brink_q_get_d(p->hi);
            p->info.lo_q = (const mpq_t *)&p->lo;
            p->info.hi_q = (const mpq_t *)&p->hi;
        }
        const ynode *d = ytree_get(val, "distribution"), *tr = ytree_get(val, "truncate");
        if (tr && !d)
            return sc_err(sc, err, tr, BRINK_EINVALID, "truncate applies to a distribution; "
                          "'%s' has none", key->text);
        if (d && (st = sc_parse_distribution(sc, d, tr, p, err)))
            return st;
        if ((st = sc_get_text(sc, val, "units", 0, &p->info.units, err)) ||
            (st = sc_get_text(sc, val, "doc", 0, &p->info.doc, err)))
            return st;
    }
    p->info.value = brink_q_get_d(p->value);
    p->info.valueq = (const mpq_t *)&p->value;
    if (!p->info.name || !p->info.doc || !p->info.units)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    return BRINK_OK;
}

static brink_status parse_params(brink_scenario *sc, const ynode *n, brink_error *err)
{
    brink_status st = sc_expect(sc, n, Y_MAP, "parameters", err);
    if (st)
        return st;
    sc->params = brink_arena_alloc(sc->arena, (size_t)(n->n ? n->n : 1) * sizeof *sc->params);
    sc->param_names = brink_arena_alloc(sc->arena, (size_t)(n->n ? n->n : 1) * sizeof(char *));
    if (!sc->params || !sc->param_names)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    memset(sc->params, 0, (size_t)(n->n ? n->n : 1) * sizeof *sc->params);
    for (int i = 0; i < n->n; i++) {
        sc_param *p = &sc->params[i];
        mpq_init(p->value);
        mpq_init(p->lo);
        mpq_init(p->hi);
        sc->nparams = i + 1;             /* counted now so the scenario frees them */
        if ((st = parse_param(sc, ytree_key(n, i), ytree_val(n, i), p, err)))
            return st;
        sc->param_names[i] = p->info.name;
        if (sc_name_add(sc, SC_NAME_PARAM, 0, p->info.name, i) == -2)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    return BRINK_OK;
}

/* ---------------------------------------------------------------- actors */

static brink_status check_priors(brink_scenario *sc, const sc_actor *a, const ynode *where,
                                 brink_error *err)
{
    /* at the default parameter values: each prior >= 0 and the sum exactly 1 */
    int ms = 1;
    for (int t = 0; t < a->ntypes; t++)
        if (a->types[t].prior->maxstack > ms)
            ms = a->types[t].prior->maxstack;
    mpq_t *stack = brink_q_array_new((size_t)ms), *vals = brink_q_array_new((size_t)sc->nparams + 1);
    if (!stack || !vals) {
        brink_q_array_free(stack, (size_t)ms);
        brink_q_array_free(vals, (size_t)sc->nparams + 1);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    for (int i = 0; i < sc->nparams; i++)
        mpq_set(vals[i], sc->params[i].value);
    mpq_t v, sum;
    mpq_init(v);
    mpq_init(sum);
    brink_status st = BRINK_OK;
    for (int t = 0; t < a->ntypes && !st; t++) {
        st = sc_expr_eval_q(a->types[t].prior, vals, stack, v, sc->file, err);
        if (!st && mpq_sgn(v) < 0)
            st = brink_error_set_at(err, BRINK_EINVALID, sc->file, a->types[t].loc.line,
                                    a->types[t].loc.col,
                                    "prior of %s.%s is negative (%g) at the default parameter "
                                    "values", a->id, a->types[t].name, brink_q_get_d(v));
        mpq_add(sum, sum, v);
    }
    if (!st && mpq_cmp_ui(sum, 1, 1) != 0) {
        char *s = brink_q_to_string(sum);
        st = sc_err(sc, err, where, BRINK_EINVALID,
                    "priors of %s's types sum to %s, not 1 (at the default parameter values)",
                    a->id, s ? s : "?");
        free(s);
    }
    mpq_clear(v);
    mpq_clear(sum);
    brink_q_array_free(stack, (size_t)ms);
    brink_q_array_free(vals, (size_t)sc->nparams + 1);
    return st;
}

/* The actor written at key: val; id is key's text, or for a generated actor (var: the
 * generator's variable) the key with {var} replaced by value, as are {var} in name and doc. */
static brink_status parse_actor(brink_scenario *sc, const ynode *key, const char *id,
                                const ynode *val, const char *var, const mpq_t value,
                                sc_actor *a, brink_error *err)
{
    static const char *const keys[] = {"name", "doc", "types", NULL};
    static const char *const gen_keys[] = {"for", "in", "name", "doc", NULL};
    brink_status st;
    if ((st = sc_check_expr_name(sc, err, key, var ? "generated actor id" : "actor id", id)))
        return st;
    if (sc_reserved_word(id))
        return sc_err(sc, err, key, BRINK_EINVALID,
                      "'%s' is a reserved word of the game tree and cannot name an actor", id);
    if (sc_param_find(sc, id) >= 0)
        return sc_err(sc, err, key, BRINK_EINVALID,
                      "actor id '%s' is also a parameter name; rename one", id);
    for (int j = 0; j < sc->nactors; j++)   /* written ones are unique keys; generated not */
        if (!strcmp(sc->actors[j].id, id))
            return sc_err(sc, err, key, BRINK_EINVALID,
                          "actor id '%s' is made twice (first at line %d, column %d)", id,
                          sc->actors[j].loc.line, sc->actors[j].loc.col);
    a->id = sc_strdup(sc, id);
    a->name = a->id;
    a->doc = "";
    a->loc.line = key->line;
    a->loc.col = key->col;
    if (val->kind == Y_SCALAR) {
        if (val->len)
            a->name = sc_strdup(sc, val->text);
        return a->name ? BRINK_OK : brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    if ((st = sc_expect(sc, val, Y_MAP, "an actor", err)) ||
        (st = sc_check_keys(sc, val, var ? gen_keys : keys,
                            var ? "a generated actor (private types need their own priors: "
                                  "write such actors out)" : "an actor", err)) ||
        (st = sc_get_text(sc, val, "name", 0, &a->name, err)) ||
        (st = sc_get_text(sc, val, "doc", 0, &a->doc, err)))
        return st;
    if (var && (!(a->name = sc_gen_label(sc, a->name, var, value)) ||
                !(a->doc = sc_gen_label(sc, a->doc, var, value))))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    const ynode *types = ytree_get(val, "types");
    if (!types)
        return BRINK_OK;
    if ((st = sc_expect(sc, types, Y_MAP, "types", err)))
        return st;
    if (types->n < 2)
        return sc_err(sc, err, types, BRINK_EINVALID,
                      "an actor with private types needs at least two (found %d)", types->n);
    a->types_loc.line = types->line;
    a->types_loc.col = types->col;
    a->types = brink_arena_alloc(sc->arena, (size_t)types->n * sizeof *a->types);
    if (!a->types)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int t = 0; t < types->n; t++) {
        const ynode *tk = ytree_key(types, t), *tv = ytree_val(types, t);
        if ((st = sc_check_expr_name(sc, err, tk, "type name", tk->text)))
            return st;
        a->types[t].name = sc_strdup(sc, tk->text);
        a->types[t].loc.line = tv->line;
        a->types[t].loc.col = tv->col;
        if (!a->types[t].name ||
            sc_name_add(sc, SC_NAME_TYPE, (int)(a - sc->actors), a->types[t].name, t) == -2)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        a->types[t].prior = sc_compile_scalar(sc, tv, NULL, 0, err);
        if (!a->types[t].prior)
            return err && err->code ? err->code : BRINK_ENOMEM;
    }
    a->ntypes = types->n;
    return check_priors(sc, a, types, err);
}

/* The generator of an actor entry (`for:` in its map), or NULL. */
static const ynode *actor_generator(const ynode *val)
{
    return val->kind == Y_MAP ? ytree_get(val, "for") : NULL;
}

static brink_status parse_actors(brink_scenario *sc, const ynode *n, brink_error *err)
{
    brink_status st = sc_expect(sc, n, Y_MAP, "actors", err);
    if (st)
        return st;
    if (n->n < 1)
        return sc_err(sc, err, n, BRINK_EINVALID, "a scenario needs at least one actor");
    /* generated actors (E{k}: {for: k, in: range(1, 6)}): their values first, for the count */
    mpq_t **vals = calloc((size_t)n->n, sizeof *vals);
    int *nvals = calloc((size_t)n->n, sizeof *nvals), total = 0;
    if (!vals || !nvals) {
        free(vals);
        free(nvals);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    for (int i = 0; i < n->n && !st; i++) {
        const ynode *val = ytree_val(n, i), *var = actor_generator(val), *in;
        if (!var) {
            if (strchr(ytree_key(n, i)->text, '{') && val->kind == Y_MAP) {
                st = sc_err(sc, err, ytree_key(n, i), BRINK_ESYNTAX,
                            "'%s' looks like a generator of actors, which needs for: (the "
                            "variable) and in: (its values)", ytree_key(n, i)->text);
                break;
            }
            total++;
            continue;
        }
        if (var->kind != Y_SCALAR || !var->len) {
            st = sc_err(sc, err, var, BRINK_ESYNTAX, "for: must name a variable");
            break;
        }
        if ((st = sc_check_expr_name(sc, err, var, "a generator's variable", var->text)))
            break;
        const char *key = ytree_key(n, i)->text;
        size_t vl = strlen(var->text);
        const char *use = strstr(key, "{");
        int holds = 0;   /* the key holds {var} */
        for (const char *c = use; c && !holds; c = strstr(c + 1, "{"))
            holds = !strncmp(c + 1, var->text, vl) && c[1 + vl] == '}';
        int actor = 0;   /* a written actor's id (generated ones are not made yet) */
        for (int j = 0; j < n->n && !actor; j++)
            actor = !strcmp(ytree_key(n, j)->text, var->text);
        if (sc_param_find(sc, var->text) >= 0 || sc_reserved_word(var->text) || actor) {
            st = sc_err(sc, err, var, BRINK_EINVALID, "the generator's variable '%s' is %s; "
                        "name it otherwise", var->text,
                        sc_param_find(sc, var->text) >= 0 ? "a parameter"
                        : sc_reserved_word(var->text) ? "a reserved word" : "an actor's id");
            break;
        }
        if (!holds) {
            st = sc_err(sc, err, ytree_key(n, i), BRINK_EINVALID,
                        "a generated actor's key must hold {%s}, the generator's variable, "
                        "to make a different id for each value ('%s')", var->text, key);
            break;
        }
        if (!(in = ytree_get(val, "in"))) {
            st = sc_err(sc, err, val, BRINK_ESYNTAX, "a generated actor needs in: (its values)");
            break;
        }
        if (!(st = sc_gen_values(sc, in, NULL, &vals[i], &nvals[i], err)))
            total = total + nvals[i] > BRINK_MAX_PLAYERS ? BRINK_MAX_PLAYERS + 1
                                                         : total + nvals[i];
        if (!st && total > BRINK_MAX_PLAYERS)
            st = sc_err(sc, err, in, BRINK_ETOOBIG, "more than %d actors (the limit)",
                        BRINK_MAX_PLAYERS);
    }
    if (!st && total > BRINK_MAX_PLAYERS)   /* written ones alone */
        st = sc_err(sc, err, n, BRINK_ETOOBIG, "%d actors (limit %d)", total, BRINK_MAX_PLAYERS);
    if (!st && !(sc->actors = brink_arena_alloc(sc->arena, (size_t)total * sizeof *sc->actors)))
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (!st)
        memset(sc->actors, 0, (size_t)total * sizeof *sc->actors);
    for (int i = 0; i < n->n && !st; i++) {
        const ynode *key = ytree_key(n, i), *val = ytree_val(n, i), *var = actor_generator(val);
        if (!var) {
            if (!(st = parse_actor(sc, key, key->text, val, NULL, NULL,
                                   &sc->actors[sc->nactors], err)))
                sc->nactors++;
            continue;
        }
        for (int v = 0; v < nvals[i] && !st; v++) {
            const char *id = sc_gen_label(sc, key->text, var->text, vals[i][v]);
            if (!id)
                st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
            else if (!(st = parse_actor(sc, key, id, val, var->text, vals[i][v],
                                        &sc->actors[sc->nactors], err)))
                sc->nactors++;
        }
    }
    for (int i = 0; i < n->n; i++)
        if (vals[i])
            brink_q_array_free(vals[i], (size_t)nvals[i]);
    free(vals);
    free(nvals);
    return st;
}

/* ---------------------------------------------------------------- issues */

static brink_status parse_levels(brink_scenario *sc, const ynode *seq, sc_issue *is,
                                 brink_error *err)
{
    brink_status st = sc_expect(sc, seq, Y_SEQ, "levels", err);
    if (st)
        return st;
    if (seq->n < 1)
        return sc_err(sc, err, seq, BRINK_EINVALID, "an issue needs at least one level");
    is->levels = brink_arena_alloc(sc->arena, (size_t)seq->n * sizeof *is->levels);
    if (!is->levels)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int i = 0; i < seq->n; i++) {
        const ynode *l = seq->items[i];
        if ((st = sc_expect(sc, l, Y_SCALAR, "a level", err)))
            return st;
        if (!sc_is_identifier(l->text))
            return sc_err(sc, err, l, BRINK_EINVALID,
                          "level '%s' must be a word of letters, digits, _ and - "
                          "that starts with a letter or _, under 64 bytes", l->text);
        is->levels[i] = sc_strdup(sc, l->text);
        if (!is->levels[i])
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        int old = sc_name_add(sc, SC_NAME_LEVEL, (int)(is - sc->issues), is->levels[i], i);
        if (old == -2)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        if (old >= 0)
            return sc_err(sc, err, l, BRINK_EINVALID, "level '%s' listed twice", l->text);
    }
    is->nlevels = seq->n;
    return BRINK_OK;
}

static brink_status parse_issue(brink_scenario *sc, const ynode *key, const ynode *val,
                                sc_issue *is, brink_error *err)
{
    static const char *const keys[] = {"levels", "default", "numeric", "units", "doc", NULL};
    brink_status st;
    if ((st = sc_check_expr_name(sc, err, key, "issue name", key->text)))
        return st;
    is->name = sc_strdup(sc, key->text);
    is->doc = "";
    is->units = "";
    is->loc.line = key->line;
    is->loc.col = key->col;
    if (val->kind == Y_SEQ)
        return parse_levels(sc, val, is, err);
    if ((st = sc_expect(sc, val, Y_MAP, "an issue (a list of levels or a mapping)", err)) ||
        (st = sc_check_keys(sc, val, keys, "an issue", err)) ||
        (st = sc_get_text(sc, val, "doc", 0, &is->doc, err)) ||
        (st = sc_get_text(sc, val, "units", 0, &is->units, err)))
        return st;
    const ynode *levels = ytree_get(val, "levels"), *def = ytree_get(val, "default");
    const ynode *numeric = ytree_get(val, "numeric");
    if (levels && numeric)
        return sc_err(sc, err, numeric, BRINK_EINVALID,
                      "an issue has either levels or numeric: true, not both");
    if (levels) {
        if ((st = parse_levels(sc, levels, is, err)))
            return st;
        if (def) {
            if ((st = sc_expect(sc, def, Y_SCALAR, "default", err)))
                return st;
            is->default_level = sc_level_find(sc, (int)(is - sc->issues), def->text);
            if (is->default_level < 0)
                return sc_err(sc, err, def, BRINK_EINVALID, "default '%s' is not a level of '%s'",
                              def->text, is->name);
        }
        return BRINK_OK;
    }
    if (!numeric || strcmp(numeric->text, "true") != 0)
        return sc_err(sc, err, val, BRINK_EINVALID,
                      "issue '%s' needs levels: [...] or numeric: true", is->name);
    if (def) {
        is->default_value = sc_compile_scalar(sc, def, NULL, 0, err);
        if (!is->default_value)
            return err && err->code ? err->code : BRINK_ENOMEM;
    } else {
        is->default_value = sc_keep(sc, sc_expr_const_si(0, 1));
        if (!is->default_value)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    return BRINK_OK;
}

static brink_status parse_issues(brink_scenario *sc, const ynode *n, brink_error *err)
{
    brink_status st = sc_expect(sc, n, Y_MAP, "issues", err);
    if (st)
        return st;
    sc->issues = brink_arena_alloc(sc->arena, (size_t)(n->n ? n->n : 1) * sizeof *sc->issues);
    if (!sc->issues)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    memset(sc->issues, 0, (size_t)(n->n ? n->n : 1) * sizeof *sc->issues);
    for (int i = 0; i < n->n; i++) {
        if ((st = parse_issue(sc, ytree_key(n, i), ytree_val(n, i), &sc->issues[i], err)))
            return st;
        sc->nissues = i + 1;
        if (!sc->issues[i].name ||
            sc_name_add(sc, SC_NAME_ISSUE, 0, sc->issues[i].name, i) == -2)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    return BRINK_OK;
}

/* ---------------------------------------------------------------- preferences */

static brink_status unknown_issue(brink_scenario *sc, const ynode *k, const char *name,
                                  int len, brink_error *err)
{
    brink_buf known;
    brink_buf_init(&known);
    for (int i = 0; i < sc->nissues; i++)
        sc_list_add(&known, sc->issues[i].name);
    brink_status r = sc_err(sc, err, k, BRINK_EINVALID,
                            "preference for undefined issue '%.*s' (issues: %s)",
                            len, name, sc->nissues ? sc_list_text(&known) : "none declared");
    brink_buf_free(&known);
    return r;
}

static brink_status parse_pref_entry(brink_scenario *sc, int actor, int type, const ynode *k,
                                     const ynode *v, sc_pref *p, brink_error *err)
{
    static const char *const keys[] = {"ideal", "weight", "loss", NULL};
    brink_status st;
    p->actor = actor;
    p->type = type;
    p->loc.line = k->line;
    p->loc.col = k->col;
    const char *eq = strchr(k->text, '=');
    size_t n = eq ? (size_t)(eq - k->text) : strlen(k->text);   /* the issue: before the '=' */
    p->issue = sc_name_find(sc, SC_NAME_ISSUE, 0, k->text, n);
    if (p->issue < 0)
        return unknown_issue(sc, k, k->text, (int)n, err);
    const sc_issue *is = &sc->issues[p->issue];
    const char *name = is->name;
    if (eq) {
        if (is->nlevels == 0)
            return sc_err(sc, err, k, BRINK_EINVALID,
                          "issue '%s' is numeric: write '%s: weight' or '%s: {ideal: x, weight: w}'",
                          name, name, name);
        p->level = sc_level_find(sc, p->issue, eq + 1);
        if (p->level < 0) {
            brink_buf known;
            brink_buf_init(&known);
            for (int i = 0; i < is->nlevels; i++)
                sc_list_add(&known, is->levels[i]);
            brink_status r = sc_err(sc, err, k, BRINK_EINVALID,
                                    "issue '%s' has no level '%s' (levels: %s)",
                                    name, eq + 1, sc_list_text(&known));
            brink_buf_free(&known);
            return r;
        }
        p->kind = SC_PREF_LEVEL;
        p->weight = sc_compile_scalar(sc, v, NULL, 0, err);
        return p->weight ? BRINK_OK : (err && err->code ? err->code : BRINK_ENOMEM);
    }
    if (is->nlevels > 0)
        return sc_err(sc, err, k, BRINK_EINVALID,
                      "issue '%s' has levels: write '%s=%s: weight' for each level that matters",
                      name, name, is->levels[0]);
    if (v->kind == Y_SCALAR) {
        p->kind = SC_PREF_LINEAR;
        p->weight = sc_compile_scalar(sc, v, NULL, 0, err);
        return p->weight ? BRINK_OK : (err && err->code ? err->code : BRINK_ENOMEM);
    }
    if ((st = sc_expect(sc, v, Y_MAP, "a numeric preference", err)) ||
        (st = sc_check_keys(sc, v, keys, "a numeric preference", err)))
        return st;
    const ynode *ideal = ytree_get(v, "ideal"), *w = ytree_get(v, "weight"),
                *loss = ytree_get(v, "loss");
    if (!ideal)
        return sc_err(sc, err, v, BRINK_EINVALID, "a spatial preference needs an ideal point");
    p->kind = SC_PREF_IDEAL;
    p->ideal = sc_compile_scalar(sc, ideal, NULL, 0, err);
    if (!p->ideal)
        return err && err->code ? err->code : BRINK_ENOMEM;
    p->weight = w ? sc_compile_scalar(sc, w, NULL, 0, err) : sc_keep(sc, sc_expr_const_si(1, 1));
    if (!p->weight)
        return err && err->code ? err->code : BRINK_ENOMEM;
    if (loss) {
        if (loss->kind != Y_SCALAR ||
            (strcmp(loss->text, "linear") != 0 && strcmp(loss->text, "quadratic") != 0))
            return sc_err(sc, err, loss, BRINK_EINVALID, "loss must be linear or quadratic");
        p->quadratic = strcmp(loss->text, "quadratic") == 0;
    }
    return BRINK_OK;
}

static brink_status parse_prefs(brink_scenario *sc, const ynode *n, brink_error *err)
{
    brink_status st = sc_expect(sc, n, Y_MAP, "preferences", err);
    if (st)
        return st;
    int total = 0;
    for (int i = 0; i < n->n; i++) {
        const ynode *v = ytree_val(n, i);
        if ((st = sc_expect(sc, v, Y_MAP, "an actor's preferences", err)))
            return st;
        total += v->n;
    }
    sc->prefs = brink_arena_alloc(sc->arena, (size_t)(total ? total : 1) * sizeof *sc->prefs);
    if (!sc->prefs)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    memset(sc->prefs, 0, (size_t)(total ? total : 1) * sizeof *sc->prefs);
    for (int i = 0; i < n->n; i++) {
        int actor, type;
        if ((st = sc_parse_actor_ref(sc, ytree_key(n, i), &actor, &type, err)))
            return st;
        const ynode *m = ytree_val(n, i);
        for (int j = 0; j < m->n; j++) {
            if ((st = parse_pref_entry(sc, actor, type, ytree_key(m, j), ytree_val(m, j),
                                       &sc->prefs[sc->nprefs], err)))
                return st;
            sc->nprefs++;
        }
    }
    return BRINK_OK;
}

/* ---------------------------------------------------------------- header */

static brink_status parse_source(brink_scenario *sc, const ynode *n, brink_error *err)
{
    static const char *const keys[] = {"article", "date", "title", "note", NULL};
    if (n->kind == Y_SCALAR) {
        sc->source = sc_strdup(sc, n->text);
        return BRINK_OK;
    }
    brink_status st;
    const char *article = NULL, *date = NULL, *title = NULL;
    if ((st = sc_expect(sc, n, Y_MAP, "source", err)) ||
        (st = sc_check_keys(sc, n, keys, "source", err)) ||
        (st = sc_get_text(sc, n, "article", 1, &article, err)) ||
        (st = sc_get_text(sc, n, "date", 0, &date, err)) ||
        (st = sc_get_text(sc, n, "title", 0, &title, err)))
        return st;
    brink_buf b;
    brink_buf_init(&b);
    brink_buf_printf(&b, "%s%s%s%s%s%s", title ? "\"" : "", title ? title : "",
                     title ? "\", " : "", article, date ? ", " : "", date ? date : "");
    sc->source = b.failed ? NULL : sc_strdup(sc, b.data);
    brink_buf_free(&b);
    return sc->source ? BRINK_OK : brink_error_set(err, BRINK_ENOMEM, "out of memory");
}

brink_status sc_parse_meta(brink_scenario *sc, const ynode *root, brink_error *err)
{
    static const char *const keys[] = {"brink", "id", "title", "description", "source", "model",
                                       "mechanism", "actors", "parameters", "issues",
                                       "preferences", "subgames", "game", "questions",
                                       "correlations", "negotiation", "forecast", NULL};
    brink_status st;
    if (!root)
        return brink_error_set_at(err, BRINK_EINVALID, sc->file, 1, 1,
                                  "empty scenario (expected a mapping starting with 'brink: 1')");
    if ((st = sc_expect(sc, root, Y_MAP, "a scenario", err)))
        return st;
    const ynode *ver = ytree_get(root, "brink");
    if (!ver)
        return sc_err(sc, err, root, BRINK_EINVALID,
                      "missing 'brink: 1' (the scenario language version)");
    long v;
    if ((st = sc_get_int(sc, ver, 0, 1000, &v, "brink (the language version)", err)))
        return st;
    if (v != BRINK_SCENARIO_VERSION)
        return sc_err(sc, err, ver, BRINK_EUNSUPPORTED,
                      "scenario language version %ld; this brink reads version %d", v,
                      BRINK_SCENARIO_VERSION);
    if ((st = sc_check_keys(sc, root, keys, "a scenario", err)))
        return st;
    if ((st = sc_get_text(sc, root, "id", 1, &sc->id, err)) ||
        (st = sc_get_text(sc, root, "title", 0, &sc->title, err)) ||
        (st = sc_get_text(sc, root, "description", 0, &sc->description, err)) ||
        (st = sc_get_text(sc, root, "model", 0, &sc->model, err)) ||
        (st = sc_get_text(sc, root, "mechanism", 0, &sc->mechanism, err)))
        return st;
    if (!sc_is_identifier(sc->id))
        return sc_err(sc, err, ytree_get(root, "id"), BRINK_EINVALID,
                      "id '%s' must be a word of letters, digits, _ and - "
                      "that starts with a letter or _, under 64 bytes", sc->id);
    const ynode *src = ytree_get(root, "source");
    if (src && (st = parse_source(sc, src, err)))
        return st;
    const ynode *n;
    if ((n = ytree_get(root, "parameters")) && (st = parse_params(sc, n, err)))
        return st;
    if ((n = ytree_get(root, "correlations")) && (st = sc_parse_correlations(sc, n, err)))
        return st;
    if (!(n = ytree_get(root, "actors")))
        return sc_err(sc, err, root, BRINK_EINVALID, "missing required key 'actors'");
    if ((st = parse_actors(sc, n, err)))
        return st;
    if ((n = ytree_get(root, "issues")) && (st = parse_issues(sc, n, err)))
        return st;
    if ((n = ytree_get(root, "preferences")) && (st = parse_prefs(sc, n, err)))
        return st;
    if ((n = ytree_get(root, "forecast")) && (st = sc_parse_forecast(sc, n, err)))
        return st;
    return BRINK_OK;
}
