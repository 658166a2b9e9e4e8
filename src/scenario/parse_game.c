/* parse_game.c — the game tree and reusable sub-games.
 *
 * A node is a mapping with at most one structural key (an actor id for a decision, `chance`,
 * `play`, `repeat`, `if`, `next`; none for a leaf) plus common keys (`outcome`, `payoff`,
 * `name`, `seen_by`, `hidden`, `note`). Sub-game headers are read before any body so that
 * sub-games may be used before they are defined; the call graph is then checked for cycles
 * (a recursive sub-game would describe an infinite game).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/model.h"
#include "scenario/generate.h"
#include "scenario/parse_util.h"

typedef struct scope {
    const sc_subgame *sub;   /* NULL at the top level */
    const sc_local *locals;  /* generator variables in force (innermost first) */
    const ynode *gen_node;   /* the node being generated (its for:/in: keys are read) */
    const char *const *names;/* argument names in expressions: the sub-game's, then the
                                variables of enclosing generators made at expansion */
    int nnames;
    sc_defgen **gen_of;      /* per name: the generator made at expansion it is the variable
                                of, or NULL (NULL: none in scope) */
} scope;

/* An expression that decides the tree's shape (if:, times:, a call's argument, a nested
 * generator's values): the generators made at expansion whose variables it reads are counted
 * value by value (sc_defgen.shape_dep). */
static void mark_shape(const scope *sp, const sc_expr *e)
{
    for (int i = 0; e && sp->gen_of && i < sp->nnames; i++)
        if (sp->gen_of[i] && sc_expr_uses_arg(e, i))
            sp->gen_of[i]->shape_dep = 1;
}

/* The enclosing sub-game's actor argument named `name`, or -1. */
static int actor_arg(const scope *sp, const char *name)
{
    if (!sp->sub || !sp->sub->arg_actor)
        return -1;
    for (int i = 0; i < sp->sub->nargs; i++)
        if (sp->sub->arg_actor[i] && strcmp(sp->sub->arg_names[i], name) == 0)
            return i;
    return -1;
}

/* An expression in the scope: the sub-game's arguments and the generators' variables. */
static sc_expr *compile_in(brink_scenario *sc, const ynode *n, const scope *sp, brink_error *err)
{
    return sc_compile_local(sc, n, sp->names, sp->nnames, sp->locals, err);
}

/* the implicit sub-game argument holding the round number (add_round_arg below) */
static const char ROUND[] = "round";

static const char *const COMMON_KEYS[] = {"outcome", "payoff", "name", "seen_by", "hidden",
                                          "note", "doc", NULL};

static int is_common(const char *k)
{
    for (const char *const *c = COMMON_KEYS; *c; c++)
        if (strcmp(*c, k) == 0)
            return 1;
    return 0;
}

static sc_node *new_node(brink_scenario *sc, const ynode *y, sc_node_kind kind)
{
    sc_node *n = brink_arena_alloc(sc->arena, sizeof *n);
    if (!n)
        return NULL;
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->loc.line = y->line;
    n->loc.col = y->col;
    n->actor = -1;
    n->sub = -1;
    n->index_arg = -1;
    return n;
}

static brink_status oom(brink_error *err)
{
    return brink_error_set(err, BRINK_ENOMEM, "out of memory");
}

static brink_status parse_node(brink_scenario *sc, const ynode *y, const scope *sp,
                               int in_chance, sc_node **out, brink_error *err);

/* ---- common keys ---- */

static brink_status parse_outcome(brink_scenario *sc, const ynode *m, const scope *sp,
                                  sc_node *n, brink_error *err)
{
    brink_status st = sc_expect(sc, m, Y_MAP, "outcome", err);
    if (st)
        return st;
    n->settings = brink_arena_alloc(sc->arena, (size_t)(m->n ? m->n : 1) * sizeof *n->settings);
    if (!n->settings)
        return oom(err);
    for (int i = 0; i < m->n; i++) {
        const ynode *k = ytree_key(m, i), *v = ytree_val(m, i);
        sc_setting *s = &n->settings[i];
        memset(s, 0, sizeof *s);
        s->loc.line = k->line;
        s->loc.col = k->col;
        s->issue = sc_issue_find(sc, k->text);
        if (s->issue < 0) {
            brink_buf known;
            brink_buf_init(&known);
            for (int j = 0; j < sc->nissues; j++)
                sc_list_add(&known, sc->issues[j].name);
            brink_status r = sc_err(sc, err, k, BRINK_EINVALID,
                                    "outcome sets undefined issue '%s' (issues: %s)",
                                    k->text, sc->nissues ? sc_list_text(&known) : "none declared");
            brink_buf_free(&known);
            return r;
        }
        const sc_issue *is = &sc->issues[s->issue];
        if (is->nlevels) {
            if ((st = sc_expect(sc, v, Y_SCALAR, "an issue level", err)))
                return st;
            s->level = sc_level_find(sc, s->issue, v->text);
            if (s->level < 0) {
                brink_buf known;
                brink_buf_init(&known);
                for (int j = 0; j < is->nlevels; j++)
                    sc_list_add(&known, is->levels[j]);
                brink_status r = sc_err(sc, err, v, BRINK_EINVALID,
                                        "issue '%s' has no level '%s' (levels: %s)",
                                        is->name, v->text, sc_list_text(&known));
                brink_buf_free(&known);
                return r;
            }
        } else {
            s->level = -1;
            /* {add: x} adds to the value so far (a tally across rounds) */
            if (v->kind == Y_MAP) {
                static const char *const addkeys[] = {"add", NULL};
                if ((st = sc_check_keys(sc, v, addkeys, "a numeric outcome", err)))
                    return st;
                s->add = 1;
                v = ytree_get(v, "add");
                if (!v)
                    return sc_err(sc, err, ytree_val(m, i), BRINK_EINVALID,
                                  "write {add: amount} or a plain value");
            }
            s->value = compile_in(sc, v, sp, err);
            if (!s->value)
                return err && err->code ? err->code : BRINK_ENOMEM;
        }
        n->nsettings = i + 1;
    }
    return BRINK_OK;
}

static brink_status parse_payoff(brink_scenario *sc, const ynode *m, const scope *sp,
                                 sc_node *n, brink_error *err)
{
    brink_status st = sc_expect(sc, m, Y_MAP, "payoff", err);
    if (st)
        return st;
    n->pay = brink_arena_alloc(sc->arena, (size_t)(m->n ? m->n : 1) * sizeof *n->pay);
    if (!n->pay)
        return oom(err);
    for (int i = 0; i < m->n; i++) {
        const ynode *k = ytree_key(m, i), *v = ytree_val(m, i);
        sc_payterm *t = &n->pay[i];
        memset(t, 0, sizeof *t);
        t->loc.line = v->line;
        t->loc.col = v->col;
        int aa = actor_arg(sp, k->text);
        if (aa >= 0) {
            t->actor = SC_ACTOR_ARG(aa);
            t->type = -1;
        } else if ((st = sc_parse_actor_ref(sc, k, &t->actor, &t->type, err))) {
            return st;
        }
        t->amount = compile_in(sc, v, sp, err);
        if (!t->amount)
            return err && err->code ? err->code : BRINK_ENOMEM;
        n->npay = i + 1;
    }
    return BRINK_OK;
}

static brink_status parse_visibility(brink_scenario *sc, const ynode *y, sc_node *n,
                                     brink_error *err)
{
    const ynode *seen = ytree_get(y, "seen_by"), *hidden = ytree_get(y, "hidden");
    brink_status st;
    if (seen && hidden)
        return sc_err(sc, err, hidden, BRINK_EINVALID, "use either seen_by or hidden, not both");
    if (hidden) {
        if ((st = sc_expect(sc, hidden, Y_SCALAR, "hidden", err)))
            return st;
        if (strcmp(hidden->text, "true") != 0 && strcmp(hidden->text, "false") != 0)
            return sc_err(sc, err, hidden, BRINK_ESYNTAX, "hidden must be true or false");
        n->seen_set = strcmp(hidden->text, "true") == 0;
        n->seen_by = 0;
    }
    if (seen) {
        n->seen_set = 1;
        n->seen_by = 0;
        int cnt = seen->kind == Y_SEQ ? seen->n : 1;
        for (int i = 0; i < cnt; i++) {
            const ynode *a = seen->kind == Y_SEQ ? seen->items[i] : seen;
            if ((st = sc_expect(sc, a, Y_SCALAR, "an actor in seen_by", err)))
                return st;
            int ai = sc_actor_find(sc, a->text);
            if (ai < 0)
                return sc_err(sc, err, a, BRINK_EINVALID, "seen_by names unknown actor '%s'",
                              a->text);
            n->seen_by |= (uint64_t)1 << ai;
        }
    }
    return BRINK_OK;
}

/* ---- structural kinds ---- */

/* One option (or chance outcome): label, place, probability, node. */
static brink_status parse_option(brink_scenario *sc, const ynode *ok, const ynode *ov,
                                 const char *label, const scope *sp, sc_node *n, int i,
                                 int chance, brink_error *err)
{
    n->opt_labels[i] = label;
    n->opt_locs[i].line = ok->line;
    n->opt_locs[i].col = ok->col;
    if (chance) {
        const ynode *pr = ov->kind == Y_MAP ? ytree_get(ov, "prob") : NULL;
        if (!pr)
            return sc_err(sc, err, ov, BRINK_EINVALID,
                          "chance outcome '%s' needs prob: (its probability)", ok->text);
        n->probs[i] = compile_in(sc, pr, sp, err);
        if (!n->probs[i])
            return err && err->code ? err->code : BRINK_ENOMEM;
    }
    return parse_node(sc, ov, sp, chance, &n->opts[i], err);
}

static const ynode *generator_of(const ynode *ov)
{
    return ov->kind == Y_MAP ? ytree_get(ov, "for") : NULL;
}

static brink_status parse_options(brink_scenario *sc, const ynode *m, const scope *sp,
                                  sc_node *n, int chance, brink_error *err)
{
    brink_status st = sc_expect(sc, m, Y_MAP, chance ? "chance (a mapping of outcomes)"
                                                      : "a decision (a mapping of options)", err);
    if (st)
        return st;
    if (m->n < 1)
        return sc_err(sc, err, m, BRINK_EINVALID, "a %s needs at least one option",
                      chance ? "chance move" : "decision");
    /* generators first: their values decide how many options there are */
    mpq_t **vals = brink_arena_alloc(sc->arena, (size_t)m->n * sizeof *vals);
    int *nvals = brink_arena_alloc(sc->arena, (size_t)m->n * sizeof *nvals);
    if (!vals || !nvals)
        return oom(err);
    memset(vals, 0, (size_t)m->n * sizeof *vals);
    size_t k = 0;
    int deferred = 0;
    for (int i = 0; i < m->n && !st; i++) {
        const ynode *ov = ytree_val(m, i), *var = generator_of(ov);
        nvals[i] = 1;
        if (var) {
            const ynode *in = ytree_get(ov, "in");
            if (!in)
                st = sc_err(sc, err, var, BRINK_EINVALID,
                            "for: needs in: (the values, e.g. in: range(0, 1, 0.1))");
            else if (var->kind != Y_SCALAR || !sc_is_identifier(var->text) ||
                     strchr(var->text, '-'))
                st = sc_err(sc, err, var, BRINK_EINVALID,
                            "for: names the generator's variable (a word of letters, digits "
                            "and _)");
            else if (sc_param_find(sc, var->text) >= 0 || sc_actor_find(sc, var->text) >= 0)
                st = sc_err(sc, err, var, BRINK_EINVALID,
                            "generator variable '%s' is already a parameter or an actor",
                            var->text);
            else {
                sc->gen_arg_names = sp->names;
                sc->gen_nargs = sp->nnames;
                /* values using sub-game arguments or round: made at expansion (nvals 0) */
                int dep = sc_gen_uses_args(sc, in, sp->locals, -1);
                if (dep < 0)
                    st = oom(err);
                else if (dep)
                    nvals[i] = 0, deferred = 1;
                else
                    st = sc_gen_values(sc, in, sp->locals, &vals[i], &nvals[i], err);
                /* enclosing generators whose variables size this one count value by value */
                for (int j = 0; dep > 0 && !st && sp->gen_of && j < sp->nnames; j++) {
                    int r = sp->gen_of[j] ? sc_gen_uses_args(sc, in, sp->locals, j) : 0;
                    if (r < 0)
                        st = oom(err);
                    else if (r > 0)
                        sp->gen_of[j]->shape_dep = 1;
                }
                sc->gen_arg_names = NULL;
                sc->gen_nargs = 0;
                for (const sc_local *l = sp->locals; dep > 0 && !st && l; l = l->next)
                    if (strcmp(l->name, var->text) == 0)
                        st = sc_err(sc, err, var, BRINK_EINVALID, "generator variable '%s' is "
                                    "already an enclosing generator's variable", var->text);
                for (int j = 0; dep > 0 && !st && j < sp->nnames; j++)
                    if (strcmp(sp->names[j], var->text) == 0)
                        st = sc_err(sc, err, var, BRINK_EINVALID, "generator variable '%s' is "
                                    "already a sub-game argument or an enclosing generator's "
                                    "variable", var->text);
            }
        } else if (ov->kind == Y_MAP && ytree_get(ov, "in")) {
            for (int j = 0; j < ov->n; j++)
                if (strcmp(ytree_key(ov, j)->text, "in") == 0)
                    st = sc_err(sc, err, ytree_key(ov, j), BRINK_EINVALID,
                                "in: belongs to a generator: add for: NAME beside it");
        }
        k += nvals[i] ? (size_t)nvals[i] : 1;
        if (!st && k > sc->lim.max_tree_nodes)
            st = sc_err(sc, err, m, BRINK_ETOOBIG, "this %s has more than %zu options (the node "
                        "limit)", chance ? "chance move" : "decision", sc->lim.max_tree_nodes);
    }
    if (!st) {
        n->opt_labels = brink_arena_alloc(sc->arena, k * sizeof *n->opt_labels);
        n->opt_locs = brink_arena_alloc(sc->arena, k * sizeof *n->opt_locs);
        n->opts = brink_arena_alloc(sc->arena, k * sizeof *n->opts);
        n->probs = chance ? brink_arena_alloc(sc->arena, k * sizeof *n->probs) : NULL;
        n->gens = deferred ? brink_arena_alloc(sc->arena, k * sizeof *n->gens) : NULL;
        if (!n->opt_labels || !n->opt_locs || !n->opts || (chance && !n->probs) ||
            (deferred && !n->gens))
            st = oom(err);
        else if (deferred)
            memset(n->gens, 0, k * sizeof *n->gens);
    }
    int o = 0;
    for (int i = 0; i < m->n && !st; i++) {
        const ynode *ok = ytree_key(m, i), *ov = ytree_val(m, i), *var = generator_of(ov);
        if (!var) {
            if (!sc_is_identifier(ok->text)) {
                st = sc_err(sc, err, ok, BRINK_EINVALID,
                            "option '%s' must be a word of letters, digits, _ and - "
                          "that starts with a letter or _, under 64 bytes", ok->text);
                break;
            }
            const char *label = sc_strdup(sc, ok->text);
            st = label ? parse_option(sc, ok, ov, label, sp, n, o, chance, err) : oom(err);
            n->nopts = ++o;
            continue;
        }
        scope inner = *sp;
        inner.gen_node = ov;
        if (!nvals[i]) {
            /* made at expansion: the body is read once, the variable an argument after those
               in scope; the key is the labels' template */
            const ynode *in = ytree_get(ov, "in");
            const char **names = brink_arena_alloc(sc->arena, (size_t)(sp->nnames + 1) *
                                                                  sizeof *names);
            sc_defgen **gen_of = brink_arena_alloc(sc->arena, (size_t)(sp->nnames + 1) *
                                                                   sizeof *gen_of);
            const char *label = sc_strdup(sc, ok->text);
            if (!names || !gen_of || !label) {
                st = oom(err);
                break;
            }
            for (int j = 0; j < sp->nnames; j++) {
                names[j] = sp->names[j];
                gen_of[j] = sp->gen_of ? sp->gen_of[j] : NULL;
            }
            names[sp->nnames] = sc_strdup(sc, var->text);
            n->gens[o] = names[sp->nnames] ? sc_gen_defer(sc, var->text, in, names, sp->nnames,
                                                          sp->locals)
                                           : NULL;
            if (!n->gens[o]) {
                st = oom(err);
                break;
            }
            gen_of[sp->nnames] = n->gens[o];
            inner.names = names;
            inner.nnames = sp->nnames + 1;
            inner.gen_of = gen_of;
            st = parse_option(sc, ok, ov, label, &inner, n, o, chance, err);
            n->nopts = ++o;
            continue;
        }
        for (int v = 0; v < nvals[i] && !st; v++) {
            sc_local loc = {var->text, vals[i][v], sp->locals};
            inner.locals = &loc;
            const char *label = sc_gen_label(sc, ok->text, var->text, vals[i][v]);
            if (!label)
                st = oom(err);
            else if (!sc_gen_label_ok(label))
                st = sc_err(sc, err, ok, BRINK_EINVALID,
                            "generated option '%s' must be a word of letters, digits, _ - . and "
                            "+ (write the value as {%s} in the key)", label, var->text);
            else
                st = parse_option(sc, ok, ov, label, &inner, n, o, chance, err);
            n->nopts = ++o;
        }
    }
    /* with generators made at expansion, the labels are checked there; here each label's
       maker, for a clash's message */
    sc_genlabel *made = st || n->gens ? NULL : brink_calloc((size_t)n->nopts + 1, sizeof *made);
    if (!st && !n->gens && !made)
        st = oom(err);
    for (int i = 0, o2 = 0; made && i < m->n; i++) {
        const ynode *var = generator_of(ytree_val(m, i));
        for (int v = 0; v < (var ? nvals[i] : 1) && o2 < n->nopts; v++, o2++)
            if (var) {
                made[o2].key = ytree_key(m, i)->text;
                made[o2].var = var->text;
                made[o2].value = vals[i][v];
            }
    }
    if (made)
        st = sc_gen_unique_labels(sc, n->opt_labels, n->opt_locs, made, n->nopts, NULL, err);
    free(made);
    for (int i = 0; i < m->n; i++)
        brink_q_array_free(vals[i], (size_t)nvals[i]);
    return st;
}

/* An actor argument written as a template of an actor id, "E{round}": each {EXPR} an
 * expression of the sub-game's arguments, round or generators' variables, read when the
 * sub-game is entered (expand_env.c). */
static brink_status parse_actor_tpl(brink_scenario *sc, const ynode *val, const scope *sp,
                                    sc_actor_tpl **out, brink_error *err)
{
    const char *s = val->text;
    int np = 0;
    for (const char *p = s; *p; p++)
        np += *p == '{';
    sc_actor_tpl *t = brink_arena_alloc(sc->arena, sizeof *t);
    if (!t)
        return oom(err);
    memset(t, 0, sizeof *t);
    t->text = sc_strdup(sc, s);
    t->loc.line = val->line;
    t->loc.col = val->col;
    t->lit = brink_arena_alloc(sc->arena, (size_t)(np + 1) * sizeof *t->lit);
    t->part = brink_arena_alloc(sc->arena, (size_t)(np + 1) * sizeof *t->part);
    if (!t->text || !t->lit || !t->part)
        return oom(err);
    size_t start = 0, i = 0;
    for (; s[i]; i++) {
        if (s[i] == '}')
            break;   /* a closing brace without its opening one */
        if (s[i] != '{')
            continue;
        size_t close = i + 1;
        while (s[close] && s[close] != '}' && s[close] != '{')
            close++;
        if (s[close] != '}')
            break;
        char *lit = brink_arena_alloc(sc->arena, i - start + 1);
        char *ex = brink_arena_alloc(sc->arena, close - i);
        if (!lit || !ex)
            return oom(err);
        memcpy(lit, s + start, i - start);
        lit[i - start] = '\0';
        memcpy(ex, s + i + 1, close - i - 1);
        ex[close - i - 1] = '\0';
        ynode e = *val;
        e.kind = Y_SCALAR;
        e.text = ex;
        e.len = close - i - 1;
        e.quoted = 0;
        e.col = val->col + (int)i + 1;   /* a quoted scalar starts inside its quote */
        t->lit[t->nparts] = lit;
        t->part[t->nparts] = compile_in(sc, &e, sp, err);
        if (!t->part[t->nparts])
            return err && err->code ? err->code : BRINK_ENOMEM;
        if (t->part[t->nparts]->flags & SC_EXPR_HAS_PARAM)
            return sc_err(sc, err, &e, BRINK_EINVALID,
                          "an actor template may use sub-game arguments, round and "
                          "generators' variables but not parameters ('%s'): which actor "
                          "moves cannot depend on numbers that sweeps change", ex);
        mark_shape(sp, t->part[t->nparts]);   /* the sub-game's body may test the actor */
        t->nparts++;
        start = close + 1;
        i = close;
    }
    if (s[i])
        return sc_err(sc, err, val, BRINK_ESYNTAX, "an actor template holds {EXPRESSION} parts "
                      "between an opening and a closing brace, not nested: 'E{round}' "
                      "(found '%s')", s);
    t->lit[t->nparts] = sc_strdup(sc, s + start);
    if (!t->lit[t->nparts])
        return oom(err);
    *out = t;
    return BRINK_OK;
}

static brink_status parse_args(brink_scenario *sc, const ynode *site, const ynode *with,
                               const scope *sp, sc_node *n, const sc_subgame *sub, int skip_arg,
                               brink_error *err)
{
    n->nargs = sub->nargs;
    n->args = brink_arena_alloc(sc->arena, (size_t)(sub->nargs ? sub->nargs : 1) * sizeof *n->args);
    if (!n->args)
        return oom(err);
    memset(n->args, 0, (size_t)(sub->nargs ? sub->nargs : 1) * sizeof *n->args);
    brink_status st;
    if (with) {
        if ((st = sc_expect(sc, with, Y_MAP, "with (the sub-game's arguments)", err)))
            return st;
        for (int i = 0; i < with->n; i++) {
            const ynode *k = ytree_key(with, i);
            int a = -1;
            for (int j = 0; j < sub->nargs; j++)
                if (strcmp(sub->arg_names[j], k->text) == 0)
                    a = j;
            if (a < 0)
                return sc_err(sc, err, k, BRINK_EINVALID, "sub-game '%s' has no argument '%s'",
                              sub->name, k->text);
            if (a == skip_arg || a == sub->round_arg)
                return sc_err(sc, err, k, BRINK_EINVALID,
                              "argument '%s' receives the round number; do not set it", k->text);
            const ynode *val = ytree_val(with, i);
            if (sub->arg_actor && sub->arg_actor[a]) {
                /* an actor id, a template of one, or the caller's own actor argument */
                int who = val->kind == Y_SCALAR ? sc_actor_find(sc, val->text) : -1;
                if (who < 0 && val->kind == Y_SCALAR && (strchr(val->text, '{') ||
                                                         strchr(val->text, '}'))) {
                    if (!n->arg_tpl) {
                        size_t sz = (size_t)(sub->nargs ? sub->nargs : 1) * sizeof *n->arg_tpl;
                        if (!(n->arg_tpl = brink_arena_alloc(sc->arena, sz)))
                            return oom(err);
                        memset(n->arg_tpl, 0, sz);
                    }
                    if ((st = parse_actor_tpl(sc, val, sp, &n->arg_tpl[a], err)))
                        return st;
                    who = 0;   /* a placeholder: the template decides */
                }
                if (who >= 0)
                    n->args[a] = sc_keep(sc, sc_expr_const_si(who, 1));
                else if (val->kind == Y_SCALAR && actor_arg(sp, val->text) >= 0)
                    n->args[a] = compile_in(sc, val, sp, err);
                else
                    return sc_err(sc, err, val, BRINK_EINVALID,
                                  "argument '%s' of sub-game '%s' is an actor: give an actor's "
                                  "id, a template of one (\"E{round}\"), or an actor argument "
                                  "of the calling sub-game",
                                  k->text, sub->name);
                if (!n->args[a] && !(err && err->code))
                    return oom(err);
            } else {
                n->args[a] = compile_in(sc, val, sp, err);
            }
            if (!n->args[a])
                return err && err->code ? err->code : BRINK_ENOMEM;
        }
    }
    if (sub->round_arg >= 0) {   /* the caller's round passes on (0 outside any repeat) */
        if (sp->sub && sp->sub->round_arg >= 0) {
            ynode r = *site;
            r.kind = Y_SCALAR;
            r.text = ROUND;
            r.len = sizeof ROUND - 1;
            r.quoted = 0;
            n->args[sub->round_arg] = compile_in(sc, &r, sp, err);
        } else {
            n->args[sub->round_arg] = sc_keep(sc, sc_expr_const_si(0, 1));
            if (!n->args[sub->round_arg])
                brink_error_set(err, BRINK_ENOMEM, "out of memory");
        }
        if (!n->args[sub->round_arg])
            return err && err->code ? err->code : BRINK_ENOMEM;
    }
    for (int j = 0; j < sub->nargs; j++)
        if (!n->args[j] && !sub->arg_defaults[j] && j != skip_arg)
            return sc_err(sc, err, with ? with : site, BRINK_EINVALID,
                          "sub-game '%s' needs argument '%s' (give it under with:)", sub->name,
                          sub->arg_names[j]);
    return BRINK_OK;
}

static brink_status parse_call(brink_scenario *sc, const ynode *y, const scope *sp, sc_node *n,
                               int repeat, brink_error *err)
{
    const ynode *name = ytree_get(y, repeat ? "repeat" : "play");
    brink_status st = sc_expect(sc, name, Y_SCALAR, repeat ? "repeat" : "play", err);
    if (st)
        return st;
    n->sub = sc_sub_find(sc, name->text);
    if (n->sub < 0) {
        brink_buf known;
        brink_buf_init(&known);
        for (int j = 0; j < sc->nsubs; j++)
            sc_list_add(&known, sc->subs[j].name);
        brink_status r = sc_err(sc, err, name, BRINK_EINVALID,
                                "unknown sub-game '%s' (sub-games: %s)",
                                name->text, sc->nsubs ? sc_list_text(&known) : "none defined");
        brink_buf_free(&known);
        return r;
    }
    n->loc.line = name->line;
    n->loc.col = name->col;
    const sc_subgame *sub = &sc->subs[n->sub];
    if (repeat) {
        const ynode *times = ytree_get(y, "times"), *index = ytree_get(y, "index");
        if (!times)
            return sc_err(sc, err, y, BRINK_EINVALID, "repeat needs times: (how many rounds)");
        n->times = compile_in(sc, times, sp, err);
        if (!n->times)
            return err && err->code ? err->code : BRINK_ENOMEM;
        mark_shape(sp, n->times);
        if (index) {
            if ((st = sc_expect(sc, index, Y_SCALAR, "index", err)))
                return st;
            for (int j = 0; j < sub->nargs; j++)
                if (strcmp(sub->arg_names[j], index->text) == 0)
                    n->index_arg = j;
            if (n->index_arg < 0)
                return sc_err(sc, err, index, BRINK_EINVALID,
                              "index '%s' is not an argument of sub-game '%s'", index->text,
                              sub->name);
        }
    }
    if ((st = parse_args(sc, name, ytree_get(y, "with"), sp, n, sub, n->index_arg, err)))
        return st;
    for (int j = 0; j < n->nargs; j++)   /* the sub-game's shape may depend on any of them */
        mark_shape(sp, n->args[j]);
    const ynode *then = ytree_get(y, "then");
    if (then && (st = parse_node(sc, then, sp, 0, &n->then, err)))
        return st;
    return BRINK_OK;
}

static brink_status parse_if(brink_scenario *sc, const ynode *y, const scope *sp, sc_node *n,
                             brink_error *err)
{
    const ynode *c = ytree_get(y, "if"), *t = ytree_get(y, "then"), *e = ytree_get(y, "else");
    if (!t || !e)
        return sc_err(sc, err, y, BRINK_EINVALID, "if: needs both then: and else:");
    n->cond = compile_in(sc, c, sp, err);
    if (!n->cond)
        return err && err->code ? err->code : BRINK_ENOMEM;
    mark_shape(sp, n->cond);
    if (n->cond->flags & SC_EXPR_HAS_PARAM)
        return sc_err(sc, err, c, BRINK_EINVALID,
                      "an if: condition may use sub-game arguments but not parameters (the "
                      "tree's shape cannot depend on numbers that sweeps change)");
    brink_status st;
    if ((st = parse_node(sc, t, sp, 0, &n->if_then, err)) ||
        (st = parse_node(sc, e, sp, 0, &n->if_else, err)))
        return st;
    return BRINK_OK;
}

static int is_null_scalar(const ynode *y)
{
    return y->kind == Y_SCALAR && !y->quoted &&
           (y->len == 0 || strcmp(y->text, "~") == 0 || strcmp(y->text, "null") == 0);
}

static brink_status parse_node(brink_scenario *sc, const ynode *y, const scope *sp,
                               int in_chance, sc_node **out, brink_error *err)
{
    brink_status st;
    if (is_null_scalar(y)) {
        *out = new_node(sc, y, SN_LEAF);
        return *out ? BRINK_OK : oom(err);
    }
    if (y->kind == Y_SCALAR && strcmp(y->text, "next") == 0) {
        if (!sp->sub)
            return sc_err(sc, err, y, BRINK_EINVALID, "next is only meaningful inside a sub-game");
        *out = new_node(sc, y, SN_NEXT);
        return *out ? BRINK_OK : oom(err);
    }
    if (y->kind != Y_MAP)
        return sc_err(sc, err, y, BRINK_ESYNTAX,
                      "expected a node: a mapping with an actor's options, chance:, play:, "
                      "repeat:, if:, next: or outcome:/payoff: (found '%s')",
                      y->kind == Y_SCALAR ? y->text : "a list");
    /* classify keys */
    const ynode *structural = NULL;
    int actor = -1;
    sc_node_kind kind = SN_LEAF;
    for (int i = 0; i < y->n; i++) {
        const ynode *k = ytree_key(y, i);
        const char *t = k->text;
        sc_node_kind kk = 0;
        int a = -1;
        if (is_common(t) || strcmp(t, "with") == 0 || strcmp(t, "then") == 0 ||
            strcmp(t, "else") == 0 || strcmp(t, "times") == 0 || strcmp(t, "index") == 0)
            continue;
        if (strcmp(t, "for") == 0 || strcmp(t, "in") == 0) {
            if (y != sp->gen_node)
                return sc_err(sc, err, k, BRINK_EINVALID,
                              "%s: generates options: it belongs on an option of a decision or "
                              "an outcome of a chance move", t);
            continue;
        }
        if (strcmp(t, "prob") == 0) {
            if (!in_chance)
                return sc_err(sc, err, k, BRINK_EINVALID,
                              "prob: belongs to the outcomes of a chance move");
            continue;
        }
        if (strcmp(t, "chance") == 0)
            kk = SN_CHANCE;
        else if (strcmp(t, "play") == 0)
            kk = SN_PLAY;
        else if (strcmp(t, "repeat") == 0)
            kk = SN_REPEAT;
        else if (strcmp(t, "if") == 0)
            kk = SN_IF;
        else if (strcmp(t, "next") == 0)
            kk = SN_NEXT;
        else if ((a = sc_actor_find(sc, t)) >= 0)
            kk = SN_DECISION;
        else if ((a = actor_arg(sp, t)) >= 0) {
            kk = SN_DECISION;
            a = SC_ACTOR_ARG(a);
        }
        else {
            brink_buf known;
            brink_buf_init(&known);
            for (int j = 0; j < sc->nactors; j++)
                sc_list_add(&known, sc->actors[j].id);
            brink_status r = sc_err(sc, err, k, BRINK_EINVALID,
                                    "unknown actor '%s' (actors: %s; other node keys: chance, "
                                    "play, repeat, if, next, outcome, payoff, name, seen_by, "
                                    "hidden, note)", t, sc_list_text(&known));
            brink_buf_free(&known);
            return r;
        }
        if (structural)
            return sc_err(sc, err, k, BRINK_EINVALID,
                          "a node has one move: '%s' and '%s' cannot be siblings (nest one "
                          "inside the other's options)", structural->text, t);
        structural = k;
        kind = kk;
        actor = a;
    }
    /* keys that only fit some kinds */
    static const struct { const char *key; unsigned kinds; } only[] = {
        {"with", (1u << SN_PLAY) | (1u << SN_REPEAT)},
        {"then", (1u << SN_PLAY) | (1u << SN_REPEAT) | (1u << SN_IF)},
        {"else", 1u << SN_IF},
        {"times", 1u << SN_REPEAT},
        {"index", 1u << SN_REPEAT},
        {"seen_by", (1u << SN_DECISION) | (1u << SN_CHANCE)},
        {"hidden", (1u << SN_DECISION) | (1u << SN_CHANCE)},
        {"name", (1u << SN_DECISION) | (1u << SN_CHANCE)},
    };
    for (size_t i = 0; i < sizeof only / sizeof only[0]; i++) {
        const ynode *v = ytree_get(y, only[i].key);
        if (v && !(only[i].kinds & (1u << kind))) {
            for (int j = 0; j < y->n; j++)
                if (ytree_val(y, j) == v)
                    return sc_err(sc, err, ytree_key(y, j), BRINK_EINVALID,
                                  "'%s' does not apply to this node (it has %s)", only[i].key,
                                  structural ? structural->text : "no move: it is an outcome");
        }
    }
    sc_node *n = new_node(sc, y, kind);
    if (!n)
        return oom(err);
    *out = n;
    n->actor = actor;
    const ynode *v;
    if ((v = ytree_get(y, "name"))) {
        if ((st = sc_expect(sc, v, Y_SCALAR, "name", err)))
            return st;
        if (!sc_is_identifier(v->text))
            return sc_err(sc, err, v, BRINK_EINVALID,
                          "name '%s' must be a word of letters, digits, _ and - "
                          "that starts with a letter or _, under 64 bytes", v->text);
        n->name = sc_strdup(sc, v->text);
    }
    if ((st = parse_visibility(sc, y, n, err)))
        return st;
    if ((v = ytree_get(y, "outcome")) && (st = parse_outcome(sc, v, sp, n, err)))
        return st;
    if ((v = ytree_get(y, "payoff")) && (st = parse_payoff(sc, v, sp, n, err)))
        return st;
    switch (kind) {
    case SN_DECISION:
        n->loc.line = structural->line;
        n->loc.col = structural->col;
        return parse_options(sc, ytree_get(y, structural->text), sp, n, 0, err);
    case SN_CHANCE:
        n->loc.line = structural->line;
        n->loc.col = structural->col;
        return parse_options(sc, ytree_get(y, "chance"), sp, n, 1, err);
    case SN_PLAY:
        return parse_call(sc, y, sp, n, 0, err);
    case SN_REPEAT:
        return parse_call(sc, y, sp, n, 1, err);
    case SN_IF:
        return parse_if(sc, y, sp, n, err);
    case SN_NEXT:
        if (!sp->sub)
            return sc_err(sc, err, structural, BRINK_EINVALID,
                          "next is only meaningful inside a sub-game");
        v = ytree_get(y, "next");
        if (v->kind != Y_SCALAR || strcmp(v->text, "true") != 0)
            return sc_err(sc, err, v, BRINK_EINVALID, "write next: true");
        return BRINK_OK;
    default:
        return BRINK_OK;
    }
}

/* ---- sub-games ---- */

static brink_status parse_sub_args(brink_scenario *sc, const ynode *k, const ynode *v,
                                   sc_subgame *s, brink_error *err)
{
    static const char *const keys[] = {"args", "body", "doc", NULL};
    brink_status st;
    if (!sc_is_identifier(k->text))
        return sc_err(sc, err, k, BRINK_EINVALID, "sub-game name '%s' must be a word of letters, "
                      "digits, _ and - that starts with a letter or _, under 64 bytes", k->text);
    s->name = sc_strdup(sc, k->text);
    s->loc.line = k->line;
    s->loc.col = k->col;
    if ((st = sc_expect(sc, v, Y_MAP, "a sub-game", err)) ||
        (st = sc_check_keys(sc, v, keys, "a sub-game", err)))
        return st;
    if (!ytree_get(v, "body"))
        return sc_err(sc, err, v, BRINK_EINVALID, "sub-game '%s' needs a body:", k->text);
    const ynode *args = ytree_get(v, "args");
    if (!args)
        return BRINK_OK;
    int n = args->kind == Y_SEQ || args->kind == Y_MAP ? args->n : -1;
    if (n < 0)
        return sc_err(sc, err, args, BRINK_ESYNTAX,
                      "args must be a list of names or a mapping name: default");
    if (n > SC_MAX_ARGS)   /* arguments are searched by name and copied at every call */
        return sc_err(sc, err, args, BRINK_ETOOBIG, "sub-game '%s' has %d arguments (limit %d)",
                      k->text, n, SC_MAX_ARGS);
    s->nargs = n;
    s->arg_names = brink_arena_alloc(sc->arena, (size_t)(n ? n : 1) * sizeof *s->arg_names);
    s->arg_defaults = brink_arena_alloc(sc->arena, (size_t)(n ? n : 1) * sizeof *s->arg_defaults);
    s->arg_actor = brink_arena_alloc(sc->arena, (size_t)(n ? n : 1));
    if (!s->arg_names || !s->arg_defaults || !s->arg_actor)
        return oom(err);
    memset(s->arg_actor, 0, (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        const ynode *name = args->kind == Y_SEQ ? args->items[i] : ytree_key(args, i);
        const ynode *def = args->kind == Y_MAP ? ytree_val(args, i) : NULL;
        if ((st = sc_expect(sc, name, Y_SCALAR, "an argument name", err)))
            return st;
        if ((st = sc_check_expr_name(sc, err, name, "argument", name->text)))
            return st;
        if (sc_param_find(sc, name->text) >= 0)
            return sc_err(sc, err, name, BRINK_EINVALID,
                          "argument '%s' has the name of a parameter; rename it", name->text);
        for (int j = 0; j < i; j++)
            if (strcmp(s->arg_names[j], name->text) == 0)
                return sc_err(sc, err, name, BRINK_EINVALID, "argument '%s' listed twice",
                              name->text);
        s->arg_names[i] = sc_strdup(sc, name->text);
        s->arg_defaults[i] = NULL;
        if (def && def->kind == Y_SCALAR && !def->quoted && strcmp(def->text, "actor") == 0) {
            /* an actor argument: required, an actor id (or the caller's actor argument) */
            if (sc_actor_find(sc, name->text) >= 0)
                return sc_err(sc, err, name, BRINK_EINVALID,
                              "actor argument '%s' has the name of an actor; rename it",
                              name->text);
            s->arg_actor[i] = 1;
        } else if (def && !is_null_scalar(def)) {
            s->arg_defaults[i] = sc_compile_scalar(sc, def, NULL, 0, err);
            if (!s->arg_defaults[i])
                return err && err->code ? err->code : BRINK_ENOMEM;
        }
    }
    return BRINK_OK;
}

/* The round number is usable everywhere inside sub-games: each sub-game gets an implicit last
 * argument `round` (unless it has an argument or the scenario a parameter of that name). A
 * `repeat` sets it to the round being played (1, 2, ...), a `play` passes on the caller's
 * (0 at the top level, outside any repeat), so a sub-game called from a round knows it without
 * an argument of its own. */
static brink_status add_round_arg(brink_scenario *sc, sc_subgame *s, brink_error *err)
{
    s->round_arg = -1;
    if (sc_param_find(sc, ROUND) >= 0)
        return BRINK_OK;
    for (int i = 0; i < s->nargs; i++)
        if (strcmp(s->arg_names[i], ROUND) == 0)
            return BRINK_OK;
    const char **names = brink_arena_alloc(sc->arena, (size_t)(s->nargs + 1) * sizeof *names);
    sc_expr **defs = brink_arena_alloc(sc->arena, (size_t)(s->nargs + 1) * sizeof *defs);
    unsigned char *act = brink_arena_alloc(sc->arena, (size_t)(s->nargs + 1));
    if (!names || !defs || !act)
        return oom(err);
    for (int i = 0; i < s->nargs; i++) {
        names[i] = s->arg_names[i];
        defs[i] = s->arg_defaults[i];
        act[i] = s->arg_actor ? s->arg_actor[i] : 0;
    }
    names[s->nargs] = ROUND;
    defs[s->nargs] = NULL;
    act[s->nargs] = 0;
    s->arg_names = names;
    s->arg_defaults = defs;
    s->arg_actor = act;
    s->round_arg = s->nargs++;
    return BRINK_OK;
}

static brink_status parse_sub_header(brink_scenario *sc, const ynode *k, const ynode *v,
                                     sc_subgame *s, brink_error *err)
{
    brink_status st = parse_sub_args(sc, k, v, s, err);
    return st ? st : add_round_arg(sc, s, err);
}

/* ---- cycles among sub-games ----
 * The calls each body makes are listed first (a walk as deep as the YAML, which its depth
 * limit bounds); the call graph is then searched depth first with an explicit stack, since a
 * chain of thousands of sub-games is legal text. state: 1 = on the current path, 2 = done. */
typedef struct call {
    int sub;
    const sc_node *site;
} call;

typedef struct calls {
    call *v;
    int n, cap;
} calls;

static int add_call(calls *c, int sub, const sc_node *site)
{
    if (c->n == c->cap) {
        int cap = c->cap ? 2 * c->cap : 8;
        call *v = brink_reallocarray(c->v, (size_t)cap, sizeof *v);
        if (!v)
            return -1;
        c->v = v;
        c->cap = cap;
    }
    c->v[c->n].sub = sub;
    c->v[c->n].site = site;
    c->n++;
    return 0;
}

static int collect_calls(const sc_node *n, calls *out)
{
    if (!n)
        return 0;
    if ((n->kind == SN_PLAY || n->kind == SN_REPEAT) && add_call(out, n->sub, n) != 0)
        return -1;
    for (int i = 0; i < n->nopts; i++)
        if (collect_calls(n->opts[i], out) != 0)
            return -1;
    if (collect_calls(n->then, out) != 0 || collect_calls(n->if_then, out) != 0 ||
        collect_calls(n->if_else, out) != 0)
        return -1;
    return 0;
}

static brink_status cycle_error(brink_scenario *sc, const int *path, int depth, int s,
                                const sc_node *site, brink_error *err)
{
    brink_buf chain;
    brink_buf_init(&chain);
    int start = 0;
    while (start < depth && path[start] != s)
        start++;
    for (int i = start; i < depth; i++)
        brink_buf_printf(&chain, "%s -> ", sc->subs[path[i]].name);
    brink_buf_puts(&chain, sc->subs[s].name);
    brink_status st =
        chain.failed ? oom(err)
                     : brink_error_set_at(err, BRINK_EINVALID, sc->file, site->loc.line,
                                          site->loc.col,
                                          "sub-games call each other in a cycle (%s); a "
                                          "recursive sub-game would make the game infinite "
                                          "(use repeat: for rounds)", chain.data);
    brink_buf_free(&chain);
    return st;
}

/* Search from sub-game s (called at site); path/next hold the explicit stack. */
static brink_status visit_sub(brink_scenario *sc, const calls *body_calls, int s,
                              const sc_node *site, int *path, int *next, brink_error *err)
{
    if (sc->subs[s].state == 2)
        return BRINK_OK;
    if (sc->subs[s].state == 1)
        return cycle_error(sc, path, 0, s, site, err);
    int depth = 0;
    sc->subs[s].state = 1;
    path[depth] = s;
    next[depth++] = 0;
    while (depth > 0) {
        int top = path[depth - 1];
        const calls *c = &body_calls[top];
        if (next[depth - 1] == c->n) {
            sc->subs[top].state = 2;
            depth--;
            continue;
        }
        const call *k = &c->v[next[depth - 1]++];
        if (sc->subs[k->sub].state == 1)
            return cycle_error(sc, path, depth, k->sub, k->site, err);
        if (sc->subs[k->sub].state == 0) {
            sc->subs[k->sub].state = 1;
            path[depth] = k->sub;
            next[depth++] = 0;
        }
    }
    return BRINK_OK;
}

static brink_status check_cycles(brink_scenario *sc, brink_error *err)
{
    int ns = sc->nsubs;
    calls *body_calls = brink_calloc((size_t)ns + 1, sizeof *body_calls);
    int *path = brink_reallocarray(NULL, (size_t)ns + 1, sizeof *path);
    int *next = brink_reallocarray(NULL, (size_t)ns + 1, sizeof *next);
    calls top = {NULL, 0, 0};
    brink_status st = BRINK_OK;
    if (!body_calls || !path || !next || collect_calls(sc->root, &top) != 0)
        st = oom(err);
    for (int i = 0; !st && i < ns; i++)
        if (collect_calls(sc->subs[i].body, &body_calls[i]) != 0)
            st = oom(err);
    for (int i = 0; !st && i < top.n; i++)
        st = visit_sub(sc, body_calls, top.v[i].sub, top.v[i].site, path, next, err);
    for (int i = 0; !st && i < ns; i++)
        if (sc->subs[i].state == 0)
            st = visit_sub(sc, body_calls, i, sc->subs[i].body, path, next, err);
    for (int i = 0; body_calls && i < ns; i++)
        free(body_calls[i].v);
    free(body_calls);
    free(top.v);
    free(path);
    free(next);
    return st;
}

brink_status sc_parse_game(brink_scenario *sc, const ynode *root, brink_error *err)
{
    brink_status st;
    const ynode *subs = ytree_get(root, "subgames");
    if (subs) {
        if ((st = sc_expect(sc, subs, Y_MAP, "subgames", err)))
            return st;
        sc->subs = brink_arena_alloc(sc->arena, (size_t)(subs->n ? subs->n : 1) * sizeof *sc->subs);
        if (!sc->subs)
            return oom(err);
        memset(sc->subs, 0, (size_t)(subs->n ? subs->n : 1) * sizeof *sc->subs);
        for (int i = 0; i < subs->n; i++) {
            if ((st = parse_sub_header(sc, ytree_key(subs, i), ytree_val(subs, i), &sc->subs[i],
                                       err)))
                return st;
            sc->nsubs = i + 1;
            if (!sc->subs[i].name || sc_name_add(sc, SC_NAME_SUB, 0, sc->subs[i].name, i) == -2)
                return oom(err);
        }
    }
    /* nested generators multiply: count them before any generated node is made */
    if ((st = sc_gen_precount(sc, root, err)))
        return st;
    if (subs) {
        for (int i = 0; i < subs->n; i++) {
            scope sp = {&sc->subs[i], NULL, NULL, (const char *const *)sc->subs[i].arg_names,
                        sc->subs[i].nargs, NULL};
            if ((st = parse_node(sc, ytree_get(ytree_val(subs, i), "body"), &sp, 0,
                                 &sc->subs[i].body, err)))
                return st;
        }
    }
    const ynode *game = ytree_get(root, "game");
    if (!game)
        return sc_err(sc, err, root, BRINK_EINVALID, "missing required key 'game' (the moves)");
    scope top = {NULL, NULL, NULL, NULL, 0, NULL};
    if ((st = parse_node(sc, game, &top, 0, &sc->root, err)))
        return st;
    return check_cycles(sc, err);
}
