/* scenario.c — the public face of the scenario module: limits, loading (text, file, built-in),
 * freeing, and read-only accessors over the parsed model and the compiled map.
 *
 * Loading runs: YAML tree -> header/parameters/actors/issues/preferences -> sub-games and the
 * game tree -> questions -> expansion (counted first) -> game emission and index maps ->
 * binding at the default values -> checking the questions' decision references.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/compact.h"
#include "scenario/model.h"

void brink_scenario_limits_init(brink_scenario_limits *l)
{
    l->max_bytes = (size_t)4 << 20;
    l->max_yaml_nodes = (size_t)1 << 20;
    l->max_tree_nodes = (size_t)1 << 22;
    l->max_expr_depth = 64;
    l->max_expr_length = 4096;
    l->max_call_depth = 256;
    l->max_repeat = 1000;
    l->max_tree_depth = 10000;
    l->max_yaml_depth = 1000;
    l->max_number_bits = BRINK_Q_MAX_BITS;
    l->compact_above = 0;
    l->compact_without_questions = 0;
}

static void compiled_free(sc_compiled *c)
{
    free(c->x_infoset);
    free(c->x_leaf);
    free(c->edge_mover);
    free(c->edge_seen);
    free(c->edge_text);
    free(c->node_type);
    free(c->xinfosets);
    free(c->leaf_level);
    free(c->leaf_value_expr);
    free(c->leaf_text);
    free(c->leaf_term_start);
    free(c->leaf_term);
    for (int i = 0; i < c->nclosed; i++)
        sc_expr_free(c->closed[i]);
    free(c->closed);
    free(c->closed_where);
    free(c->xinfoset_of);
    free(c->xleaf_of);
    free(c->leaf_outcome);
    free(c->action_expr);
}

const char *sc_closed_where(const sc_compiled *c, int id)
{
    return id >= 0 && id < c->nclosed_where ? c->closed_where[id] : NULL;
}

const char *sc_probs_where(const sc_compiled *c, const int *ids, int n)
{
    for (int i = 0; ids && i < n; i++)
        if (sc_closed_where(c, ids[i]))
            return sc_closed_where(c, ids[i]);
    return NULL;
}

void brink_scenario_free(brink_scenario *sc)
{
    if (!sc)
        return;
    brink_efg_free(sc->game);
    sc_compact_free(sc->compact);
    brink_forecast_input_free(sc->forecast);
    free(sc->forecast);
    compiled_free(&sc->c);
    for (int i = 0; i < sc->nexprs; i++)
        sc_expr_free(sc->exprs[i]);
    free(sc->exprs);
    brink_q_array_free(sc->question_bounds, sc->nquestion_bounds);
    for (sc_qblock *b = sc->qblocks; b; b = b->next)
        brink_q_array_free(b->q, b->n);
    free(sc->names);
    htab_free(&sc->name_index);
    for (int i = 0; i < sc->nparams; i++) {
        mpq_clear(sc->params[i].value);
        mpq_clear(sc->params[i].lo);
        mpq_clear(sc->params[i].hi);
    }
    brink_arena_free(sc->arena);
    free(sc);
}

/* A compact game's chance probabilities at the scenario's parameter values, checked as the
 * tree's are when it is emitted (at_defaults) or bound again. */
static brink_status check_compact_probs(const brink_scenario *sc, int at_defaults,
                                        brink_error *err)
{
    const sc_compact *k = sc->compact;
    if (mpz_sgn(k->chances) == 0)
        return BRINK_OK;
    size_t ne = (size_t)k->child_start[k->nclasses] + 1, np = (size_t)sc->nparams + 1;
    mpq_t *prob = brink_q_array_new(ne), *params = brink_q_array_new(np);
    brink_status st;
    if (!prob || !params) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    } else {
        for (int i = 0; i < sc->nparams; i++)
            mpq_set(params[i], sc->params[i].value);
        st = sc_compact_probs(sc, k, (const mpq_t *)params, at_defaults, prob, err);
    }
    brink_q_array_free(prob, ne);
    brink_q_array_free(params, np);
    return st;
}

/* Every expression that reads a parameter, at the scenario's values, as the tree's bind
 * evaluates them (and sc_compact_payoffs will): a value that breaks one (a division by zero)
 * is refused when it is set, on both paths (tester 12, F9.8). */
static brink_status check_compact_exprs(const brink_scenario *sc, brink_error *err)
{
    const sc_compiled *c = &sc->c;
    size_t ns = (size_t)c->maxstack + 1, np = (size_t)sc->nparams + 1;
    mpq_t *stack = brink_q_array_new(ns), *params = brink_q_array_new(np), v;
    brink_status st = BRINK_OK;
    mpq_init(v);
    if (!stack || !params)
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int i = 0; !st && i < sc->nparams; i++)
        mpq_set(params[i], sc->params[i].value);
    for (int i = 0; !st && i < c->nclosed; i++)
        if (c->closed[i]->flags & SC_EXPR_HAS_PARAM)
            st = sc_expr_eval_q(c->closed[i], (const mpq_t *)params, stack, v, sc->file, err);
    mpq_clear(v);
    brink_q_array_free(stack, ns);
    brink_q_array_free(params, np);
    return st;
}

static brink_status bind_defaults(brink_scenario *sc, brink_error *err)
{
    if (sc->compact) {   /* a compact game reads the parameters when it is solved: its
                            chance probabilities and expressions are checked now, as a
                            tree's bind does */
        brink_status st = check_compact_probs(sc, 0, err);
        return st ? st : check_compact_exprs(sc, err);
    }
    if (!sc->game)
        return BRINK_OK;
    size_t ns = (size_t)sc->c.maxstack + 1, nv = (size_t)sc->c.nclosed + 1,
           np = (size_t)sc->nparams + 1;
    mpq_t *stack = brink_q_array_new(ns), *vals = brink_q_array_new(nv),
          *params = brink_q_array_new(np), *tmp = brink_q_array_new(1);
    brink_status st;
    if (!stack || !vals || !params || !tmp) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    } else {
        for (int i = 0; i < sc->nparams; i++)
            mpq_set(params[i], sc->params[i].value);
        st = sc_bind_game(sc, sc->game, (const mpq_t *)params, stack, vals, tmp,
                          &sc->game_overflow, err);
    }
    brink_q_array_free(stack, ns);
    brink_q_array_free(vals, nv);
    brink_q_array_free(params, np);
    brink_q_array_free(tmp, 1);
    return st;
}

brink_scenario *brink_scenario_parse(const char *text, size_t len, const char *filename,
                                     const brink_scenario_limits *limits, brink_error *err)
{
    brink_scenario_limits lim;
    if (limits)
        lim = *limits;
    else
        brink_scenario_limits_init(&lim);
    const char *file = filename ? filename : "<scenario>";
    if (lim.max_number_bits < 0 || lim.max_number_bits > BRINK_Q_MAX_BITS) {
        brink_error_set(err, BRINK_EINVALID,
                        "limit max_number_bits = %d: must be between 1 and %d (0 for the "
                        "default), the largest number a game file can carry",
                        lim.max_number_bits, BRINK_Q_MAX_BITS);
        return NULL;
    }
    if (len > lim.max_bytes) {
        brink_error_set_at(err, BRINK_ETOOBIG, file, 0, 0,
                           "scenario of %zu bytes (limit %zu)", len, lim.max_bytes);
        return NULL;
    }
    brink_scenario *sc = calloc(1, sizeof *sc);
    if (!sc || !(sc->arena = brink_arena_new())) {
        free(sc);
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return NULL;
    }
    sc->lim = lim;
    htab_init(&sc->name_index);
    sc->file = brink_arena_strdup(sc->arena, file);
    sc->title = sc->description = sc->source = sc->model = sc->mechanism = "";
    ytree t;
    memset(&t, 0, sizeof t);
    brink_status st;
    if (!sc->file) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto fail;
    }
    if ((st = ytree_parse(text, len, sc->file, lim.max_yaml_nodes, lim.max_yaml_depth, &t,
                             err)) ||
        (st = sc_parse_meta(sc, t.root, err)) || (st = sc_parse_game(sc, t.root, err)) ||
        (st = sc_parse_questions(sc, t.root, err)))
        goto fail;
    ytree_free(&t);
    if (!sc->title[0])
        sc->title = sc->id;
    if ((st = sc_expand(sc, err)) || (st = sc_check_ranges(sc, err)))
        goto fail;
    if (sc->compact) {   /* no tree: brink_analyze solves the compact game */
        if ((st = check_compact_probs(sc, 1, err)))
            goto fail;
        return sc;
    }
    if (!(sc->game = sc_emit_game(sc, err))) {
        st = err ? err->code : BRINK_EINTERNAL;
        goto fail;
    }
    if ((st = sc_emit_maps(sc, sc->game, err)) || (st = bind_defaults(sc, err)) ||
        (st = sc_check_questions(sc, err)))
        goto fail;
    return sc;
fail:
    ytree_free(&t);
    brink_scenario_free(sc);
    if (err && err->code == BRINK_OK)
        brink_error_set(err, st ? st : BRINK_EINTERNAL, "scenario could not be loaded");
    return NULL;
}

brink_scenario *brink_scenario_load_file(const char *path, const brink_scenario_limits *limits,
                                         brink_error *err)
{
    brink_scenario_limits lim;
    if (limits)
        lim = *limits;
    else
        brink_scenario_limits_init(&lim);
    brink_buf b;
    brink_buf_init(&b);
    if (brink_read_file(path, lim.max_bytes, &b, err) != BRINK_OK) {
        brink_buf_free(&b);
        return NULL;
    }
    brink_scenario *sc = brink_scenario_parse(b.data ? b.data : "", b.len, path, &lim, err);
    brink_buf_free(&b);
    return sc;
}

/* ---------------------------------------------------------------- built-ins */

typedef struct {
    const char *name;
    const char *text;
    size_t len;
} brink_embedded_file;
extern const brink_embedded_file brink_embedded_scenarios[];
extern const int brink_embedded_scenarios_count;

int brink_scenario_builtin_count(void)
{
    return brink_embedded_scenarios_count;
}

const char *brink_scenario_builtin_name(int i)
{
    return i >= 0 && i < brink_embedded_scenarios_count ? brink_embedded_scenarios[i].name : NULL;
}

const char *brink_scenario_builtin_text(int i, size_t *len)
{
    if (i < 0 || i >= brink_embedded_scenarios_count)
        return NULL;
    if (len)
        *len = brink_embedded_scenarios[i].len;
    return brink_embedded_scenarios[i].text;
}

/* The value of the top-level `id:` line, without parsing the whole file. */
static int id_matches(const char *text, const char *id)
{
    size_t n = strlen(id);
    for (const char *p = text; p && *p; p = strchr(p, '\n')) {
        if (*p == '\n')
            p++;
        if (strncmp(p, "id:", 3) != 0)
            continue;
        p += 3;
        while (*p == ' ' || *p == '"' || *p == '\'')
            p++;
        return strncmp(p, id, n) == 0 &&
               (p[n] == '\n' || p[n] == ' ' || p[n] == '"' || p[n] == '\'' || p[n] == '\r' ||
                p[n] == '\0' || p[n] == '#');
    }
    return 0;
}

int brink_scenario_builtin_find(const char *id)
{
    size_t n = strlen(id);
    for (int i = 0; i < brink_embedded_scenarios_count; i++) {
        const char *name = brink_embedded_scenarios[i].name;
        if (strcmp(name, id) == 0)
            return i;
        if (strlen(name) == n + 5 && strncmp(name, id, n) == 0 && strcmp(name + n, ".yaml") == 0)
            return i;
    }
    for (int i = 0; i < brink_embedded_scenarios_count; i++)
        if (id_matches(brink_embedded_scenarios[i].text, id))
            return i;
    /* a mechanism number: "m1" or "M1" matches the file starting with m1- */
    for (int i = 0; i < brink_embedded_scenarios_count; i++) {
        const char *name = brink_embedded_scenarios[i].name;
        if (n >= 2 && (id[0] == 'm' || id[0] == 'M') && name[0] == 'm' &&
            strncmp(name + 1, id + 1, n - 1) == 0 && name[n] == '-')
            return i;
    }
    return -1;
}

brink_scenario *brink_scenario_load_builtin(int i, brink_error *err)
{
    if (i < 0 || i >= brink_embedded_scenarios_count) {
        brink_error_set(err, BRINK_EINVALID, "no built-in scenario %d", i);
        return NULL;
    }
    brink_buf name;   /* "scenarios/<file>", the file name whole */
    brink_buf_init(&name);
    brink_buf_printf(&name, "scenarios/%s", brink_embedded_scenarios[i].name);
    if (name.failed) {
        brink_buf_free(&name);
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return NULL;
    }
    brink_scenario *sc = brink_scenario_parse(brink_embedded_scenarios[i].text,
                                              brink_embedded_scenarios[i].len, name.data, NULL,
                                              err);
    brink_buf_free(&name);
    return sc;
}

brink_scenario *brink_scenario_load(const char *file_or_id, brink_error *err)
{
    FILE *f = fopen(file_or_id, "rb");
    if (f) {
        fclose(f);
        return brink_scenario_load_file(file_or_id, NULL, err);
    }
    int i = brink_scenario_builtin_find(file_or_id);
    if (i >= 0)
        return brink_scenario_load_builtin(i, err);
    brink_error_set(err, BRINK_EIO,
                    "'%s' is neither a readable file nor a built-in scenario (see brink scenarios)",
                    file_or_id);
    return NULL;
}

/* ---------------------------------------------------------------- accessors */

const char *brink_scenario_id(const brink_scenario *sc) { return sc->id; }
const char *brink_scenario_title(const brink_scenario *sc) { return sc->title; }
const char *brink_scenario_description(const brink_scenario *sc) { return sc->description; }
const char *brink_scenario_filename(const brink_scenario *sc) { return sc->file; }
const char *brink_scenario_source(const brink_scenario *sc) { return sc->source; }
const char *brink_scenario_model(const brink_scenario *sc) { return sc->model; }
const char *brink_scenario_mechanism(const brink_scenario *sc) { return sc->mechanism; }

int brink_scenario_nparams(const brink_scenario *sc) { return sc->nparams; }

const brink_param_info *brink_scenario_param(const brink_scenario *sc, int i)
{
    return i >= 0 && i < sc->nparams ? &sc->params[i].info : NULL;
}

int brink_scenario_param_find(const brink_scenario *sc, const char *name)
{
    return sc_param_find(sc, name);
}

void brink_scenario_defaults(const brink_scenario *sc, mpq_t *values)
{
    for (int i = 0; i < sc->nparams; i++)
        mpq_set(values[i], sc->params[i].value);
}

brink_status brink_scenario_set_defaults(brink_scenario *sc, const mpq_t *values,
                                         brink_error *err)
{
    long bits = sc->lim.max_number_bits > 0 ? sc->lim.max_number_bits : SC_EXPR_DEFAULT_MAX_BITS;
    for (int i = 0; i < sc->nparams; i++) {
        const sc_param *p = &sc->params[i];
        if ((long)mpz_sizeinbase(mpq_numref(values[i]), 2) > bits ||
            (long)mpz_sizeinbase(mpq_denref(values[i]), 2) > bits)
            return brink_error_set(err, BRINK_ETOOBIG, "%s: number too large (more than %ld "
                                   "bits; limit max_number_bits)", p->info.name, bits);
        if (p->info.has_range && (mpq_cmp(values[i], p->lo) < 0 || mpq_cmp(values[i], p->hi) > 0)) {
            /* the doubles may be infinite, or round two different values together */
            brink_buf t;
            brink_buf_init(&t);
            sc_put_number(&t, values[i]);
            brink_buf_puts(&t, " lies outside its range [");
            sc_put_number(&t, p->lo);
            brink_buf_puts(&t, ", ");
            sc_put_number(&t, p->hi);
            brink_buf_puts(&t, "]");
            brink_status st = brink_error_set(err, BRINK_EINVALID, "%s = %s", p->info.name,
                                              t.failed ? "?" : t.data);
            brink_buf_free(&t);
            return st;
        }
    }
    mpq_t *old = brink_q_array_new((size_t)sc->nparams + 1);
    if (!old)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int i = 0; i < sc->nparams; i++) {
        mpq_set(old[i], sc->params[i].value);
        mpq_set(sc->params[i].value, values[i]);
    }
    brink_status st = bind_defaults(sc, err);
    for (int i = 0; i < sc->nparams; i++) {
        if (st)
            mpq_set(sc->params[i].value, old[i]);
        sc->params[i].info.value = brink_q_get_d(sc->params[i].value);
    }
    if (st) {
        brink_error ignored;
        bind_defaults(sc, &ignored);
    }
    brink_q_array_free(old, (size_t)sc->nparams + 1);
    return st;
}

int brink_scenario_nactors(const brink_scenario *sc) { return sc->nactors; }
const char *brink_scenario_actor_id(const brink_scenario *sc, int a) { return sc->actors[a].id; }
const char *brink_scenario_actor_name(const brink_scenario *sc, int a)
{
    return sc->actors[a].name;
}
int brink_scenario_actor_ntypes(const brink_scenario *sc, int a) { return sc->actors[a].ntypes; }
const char *brink_scenario_type_name(const brink_scenario *sc, int a, int t)
{
    return t >= 0 && t < sc->actors[a].ntypes ? sc->actors[a].types[t].name : "";
}

int brink_scenario_nissues(const brink_scenario *sc) { return sc->nissues; }
const char *brink_scenario_issue_name(const brink_scenario *sc, int k) { return sc->issues[k].name; }
int brink_scenario_issue_nlevels(const brink_scenario *sc, int k) { return sc->issues[k].nlevels; }
const char *brink_scenario_issue_level(const brink_scenario *sc, int k, int level)
{
    const sc_issue *is = &sc->issues[k];
    return level >= 0 && level < is->nlevels ? is->levels[level] : "";
}

const brink_efg *brink_scenario_game(const brink_scenario *sc) { return sc->game; }
int brink_scenario_is_compact(const brink_scenario *sc) { return sc->compact != NULL; }
unsigned long long brink_scenario_tree_nodes(const brink_scenario *sc)
{
    return (unsigned long long)sc->tree_nodes;
}
int brink_scenario_double_overflow(const brink_scenario *sc) { return sc->game_overflow; }

int brink_scenario_node_type(const brink_scenario *sc, int v, int a)
{
    return sc->c.node_type[(size_t)v * (size_t)sc->c.nplayers + (size_t)a];
}

int brink_scenario_infoset_type(const brink_scenario *sc, int h)
{
    return sc->c.xinfosets[sc->c.xinfoset_of[h]].type;
}

const char *brink_scenario_infoset_view(const brink_scenario *sc, int h)
{
    return sc->c.xinfosets[sc->c.xinfoset_of[h]].view;
}

int brink_scenario_edge_seen(const brink_scenario *sc, int v, int a)
{
    return (sc->c.edge_seen[v] >> a) & 1;
}

const char *brink_scenario_edge_text(const brink_scenario *sc, int v)
{
    return sc->c.edge_text[v] ? sc->c.edge_text[v] : "";
}

int brink_scenario_leaf_level(const brink_scenario *sc, int leaf, int issue)
{
    int xl = sc->c.xleaf_of[leaf];
    return sc->c.leaf_level[(size_t)xl * (size_t)sc->nissues + (size_t)issue];
}

const char *brink_scenario_leaf_text(const brink_scenario *sc, int leaf)
{
    return sc->c.leaf_text[sc->c.xleaf_of[leaf]];
}

int brink_scenario_nquestions(const brink_scenario *sc) { return sc->nquestions; }

const brink_question *brink_scenario_question(const brink_scenario *sc, int i)
{
    return i >= 0 && i < sc->nquestions ? &sc->questions[i] : NULL;
}
