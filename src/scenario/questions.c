/* questions.c — the `questions:` a scenario asks (thresholds, sweeps, comparisons), and the
 * decision references they watch ("USA@demand", "DPRK.bluffing@start", "USA@*").
 *
 * Parameters and ranges are checked when parsing, by the same rules as `brink sweep --vary`
 * (brink_scenario_check_range); ids are words, unique in the file (they name the answer in
 * --json, the HTML report and the text); watch references are checked after the game is
 * compiled (only then are the decisions and their labels known).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/compact.h"
#include "scenario/model.h"
#include "scenario/parse_util.h"

brink_status brink_scenario_check_range(const brink_scenario *sc, int param, const mpq_t lo,
                                        const mpq_t hi, brink_error *err)
{
    if (param < 0 || param >= sc->nparams)
        return brink_error_set(err, BRINK_EINVALID, "no parameter %d", param);
    const sc_param *p = &sc->params[param];
    if (mpq_cmp(lo, hi) >= 0)
        return brink_error_set(err, BRINK_EINVALID, "range of '%s': low must be below high",
                               p->info.name);
    if (!p->info.has_range || (mpq_cmp(lo, p->lo) >= 0 && mpq_cmp(hi, p->hi) <= 0))
        return BRINK_OK;
    brink_buf t;
    brink_buf_init(&t);
    brink_buf_puts(&t, "[");
    sc_put_number(&t, lo);
    brink_buf_puts(&t, ", ");
    sc_put_number(&t, hi);
    brink_buf_puts(&t, "] leaves the declared range [");
    sc_put_number(&t, p->lo);
    brink_buf_puts(&t, ", ");
    sc_put_number(&t, p->hi);
    brink_buf_puts(&t, "]");
    brink_status st = t.failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory")
                               : brink_error_set(err, BRINK_EINVALID,
                                                 "range of '%s': %.*s (a question stays inside "
                                                 "it; widen the parameter's range to ask "
                                                 "beyond)", p->info.name,
                                                 (int)(t.len > 300 ? 300 : t.len), t.data);
    brink_buf_free(&t);
    return st;
}

void brink_question_sweep_init(brink_question *q, const char *watch)
{
    memset(q, 0, sizeof *q);
    q->kind = BRINK_Q_SWEEP;
    q->id = "sweep";
    q->ask = "";
    q->param[0] = q->param[1] = -1;
    q->watch = watch;
}

void brink_question_sweep_axis(brink_question *q, int d, int param, const mpq_t *lo,
                               const mpq_t *hi, int steps)
{
    q->param[d] = param;
    q->lo[d] = brink_q_get_d(*lo);
    q->hi[d] = brink_q_get_d(*hi);
    q->lo_q[d] = lo;
    q->hi_q[d] = hi;
    q->steps[d] = steps;
    if (q->nparams < d + 1)
        q->nparams = d + 1;
}

int brink_question_id_valid(const char *id)
{
    return sc_is_identifier(id);
}

/* The range of a question: exact bounds into lo/hi (and their nearest doubles, which are
 * +-HUGE_VAL beyond double range: the exact copies are the ones to use). */
static brink_status parse_range(brink_scenario *sc, const ynode *r, int param, mpq_t lo,
                                mpq_t hi, double *dlo, double *dhi, brink_error *err)
{
    const sc_param *p = &sc->params[param];
    if (!r) {
        if (!p->info.has_range)
            return sc_err(sc, err, NULL, BRINK_EINVALID,
                          "parameter '%s' has no range; give the question a range: [low, high]",
                          p->info.name);
        mpq_set(lo, p->lo);
        mpq_set(hi, p->hi);
        *dlo = p->info.lo;
        *dhi = p->info.hi;
        return BRINK_OK;
    }
    brink_status st = sc_expect(sc, r, Y_SEQ, "range", err);
    if (st)
        return st;
    if (r->n != 2)
        return sc_err(sc, err, r, BRINK_EINVALID, "range must be [low, high]");
    st = sc_get_number(sc, r->items[0], lo, "range low", err);
    if (!st)
        st = sc_get_number(sc, r->items[1], hi, "range high", err);
    if (!st) {
        brink_error local;
        brink_error_clear(&local);
        if ((st = brink_scenario_check_range(sc, param, lo, hi, &local)))
            st = sc_err(sc, err, r, st, "%s", local.message);
    }
    *dlo = brink_q_get_d(lo);
    *dhi = brink_q_get_d(hi);
    return st;
}

static brink_status param_ref(brink_scenario *sc, const ynode *n, int *out, brink_error *err)
{
    brink_status st = sc_expect(sc, n, Y_SCALAR, "parameter", err);
    if (st)
        return st;
    *out = sc_param_find(sc, n->text);
    if (*out < 0)
        return sc_err(sc, err, n, BRINK_EINVALID, "unknown parameter '%s'", n->text);
    return BRINK_OK;
}

/* bounds: 4 initialised numbers owned by the scenario (low, high of each parameter). */
static brink_status parse_question(brink_scenario *sc, const ynode *y, brink_question *q,
                                   mpq_t *bounds, sc_loc *wloc, brink_error *err)
{
    static const char *const keys[] = {"id", "ask", "threshold", "sweep", "compare", NULL};
    static const char *const tkeys[] = {"parameter", "watch", "range", NULL};
    static const char *const skeys[] = {"parameter", "parameters", "watch", "range", "ranges",
                                        "steps", NULL};
    static const char *const ckeys[] = {"watch", NULL};
    brink_status st;
    if ((st = sc_expect(sc, y, Y_MAP, "a question", err)) ||
        (st = sc_check_keys(sc, y, keys, "a question", err)))
        return st;
    q->line = y->line;
    q->column = y->col;
    q->param[0] = q->param[1] = -1;
    q->ask = "";
    if ((st = sc_get_text(sc, y, "id", 0, &q->id, err)) ||
        (st = sc_get_text(sc, y, "ask", 0, &q->ask, err)))
        return st;
    if (q->id && !brink_question_id_valid(q->id))
        return sc_err(sc, err, ytree_get(y, "id"), BRINK_EINVALID,
                      "question id '%.*s%s' must be a word of letters, digits, _ and - "
                      "(starting with a letter or _, under 64 bytes): it names the answer in "
                      "--json, the report and the text", SC_CUT(q->id, 80));
    const ynode *t = ytree_get(y, "threshold"), *s = ytree_get(y, "sweep"),
                *c = ytree_get(y, "compare");
    if ((t != NULL) + (s != NULL) + (c != NULL) != 1)
        return sc_err(sc, err, y, BRINK_EINVALID,
                      "a question is exactly one of threshold:, sweep: or compare:");
    const ynode *body = t ? t : s ? s : c;
    if ((st = sc_expect(sc, body, Y_MAP, t ? "threshold" : s ? "sweep" : "compare", err)) ||
        (st = sc_check_keys(sc, body, t ? tkeys : s ? skeys : ckeys,
                            t ? "a threshold question" : s ? "a sweep" : "a comparison", err)))
        return st;
    const ynode *w = ytree_get(body, "watch");
    if (w) {
        if ((st = sc_expect(sc, w, Y_SCALAR, "watch", err)))
            return st;
        q->watch = sc_strdup(sc, w->text);
        wloc->line = w->line;
        wloc->col = w->col;
    }
    if (c) {
        q->kind = BRINK_Q_COMPARE;
        if (!w)
            return sc_err(sc, err, body, BRINK_EINVALID, "compare needs watch: (a decision)");
        return BRINK_OK;
    }
    if (t) {
        q->kind = BRINK_Q_THRESHOLD;
        const ynode *p = ytree_get(body, "parameter");
        if (!p)
            return sc_err(sc, err, body, BRINK_EINVALID, "threshold needs parameter:");
        if (!w)
            return sc_err(sc, err, body, BRINK_EINVALID,
                          "threshold needs watch: (the decision whose choice may flip)");
        q->nparams = 1;
        if ((st = param_ref(sc, p, &q->param[0], err)))
            return st;
        const ynode *r = ytree_get(body, "range");
        st = parse_range(sc, r, q->param[0], bounds[0], bounds[1], &q->lo[0], &q->hi[0], err);
        q->lo_q[0] = (const mpq_t *)&bounds[0];
        q->hi_q[0] = (const mpq_t *)&bounds[1];
        if (st && !r)
            return sc_err(sc, err, p, BRINK_EINVALID,
                          "parameter '%s' has no range; give the question a range: [low, high]",
                          p->text);
        return st;
    }
    q->kind = BRINK_Q_SWEEP;
    const ynode *p1 = ytree_get(body, "parameter"), *ps = ytree_get(body, "parameters");
    if ((p1 != NULL) == (ps != NULL))
        return sc_err(sc, err, body, BRINK_EINVALID,
                      "a sweep names parameter: (one) or parameters: [a, b] (two)");
    const ynode *plist[2] = {p1, NULL};
    if (ps) {
        if ((st = sc_expect(sc, ps, Y_SEQ, "parameters", err)))
            return st;
        if (ps->n < 1 || ps->n > 2)
            return sc_err(sc, err, ps, BRINK_EINVALID, "a sweep varies one or two parameters");
        plist[0] = ps->items[0];
        plist[1] = ps->n > 1 ? ps->items[1] : NULL;
    }
    q->nparams = plist[1] ? 2 : 1;
    const ynode *steps = ytree_get(body, "steps"), *ranges = ytree_get(body, "ranges"),
                *range = ytree_get(body, "range");
    if (ranges && range)
        return sc_err(sc, err, ranges, BRINK_EINVALID, "give range: or ranges:, not both");
    for (int i = 0; i < q->nparams; i++) {
        if ((st = param_ref(sc, plist[i], &q->param[i], err)))
            return st;
        if (i == 1 && q->param[1] == q->param[0])
            return sc_err(sc, err, plist[1], BRINK_EINVALID,
                          "parameter '%s' is named twice: a two-parameter sweep varies two "
                          "different parameters", plist[1]->text);
        const ynode *r = NULL;
        if (range && q->nparams == 1)
            r = range;
        if (ranges) {
            if ((st = sc_expect(sc, ranges, Y_SEQ, "ranges", err)))
                return st;
            if (ranges->n != q->nparams)
                return sc_err(sc, err, ranges, BRINK_EINVALID, "one range per parameter");
            r = ranges->items[i];
        }
        st = parse_range(sc, r, q->param[i], bounds[2 * i], bounds[2 * i + 1], &q->lo[i],
                         &q->hi[i], err);
        q->lo_q[i] = (const mpq_t *)&bounds[2 * i];
        q->hi_q[i] = (const mpq_t *)&bounds[2 * i + 1];
        if (st && !r)
            return sc_err(sc, err, plist[i], BRINK_EINVALID,
                          "parameter '%s' has no range; give the sweep a range", plist[i]->text);
        if (st)
            return st;
        long k = 11;
        const ynode *sn = steps;
        if (steps && steps->kind == Y_SEQ) {
            if (steps->n != q->nparams)
                return sc_err(sc, err, steps, BRINK_EINVALID, "one step count per parameter");
            sn = steps->items[i];
        }
        if (sn && (st = sc_get_int(sc, sn, 2, 1001, &k, "steps", err)))
            return st;
        q->steps[i] = (int)k;
    }
    return BRINK_OK;
}

brink_status sc_parse_questions(brink_scenario *sc, const ynode *root, brink_error *err)
{
    const ynode *qs = ytree_get(root, "questions");
    if (!qs)
        return BRINK_OK;
    brink_status st = sc_expect(sc, qs, Y_SEQ, "questions", err);
    if (st)
        return st;
    size_t n = (size_t)(qs->n ? qs->n : 1);
    sc->questions = brink_arena_alloc(sc->arena, n * sizeof *sc->questions);
    sc->question_watch_loc = brink_arena_alloc(sc->arena, n * sizeof *sc->question_watch_loc);
    if (!sc->questions || !sc->question_watch_loc)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    memset(sc->questions, 0, n * sizeof *sc->questions);
    memset(sc->question_watch_loc, 0, n * sizeof *sc->question_watch_loc);
    sc->question_bounds = brink_q_array_new(4 * n);
    if (!sc->question_bounds)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    sc->nquestion_bounds = 4 * n;
    for (int i = 0; i < qs->n; i++) {
        if ((st = parse_question(sc, qs->items[i], &sc->questions[i],
                                 sc->question_bounds + 4 * (size_t)i, &sc->question_watch_loc[i],
                                 err)))
            return st;
        if (!sc->questions[i].id) {
            char id[16];
            snprintf(id, sizeof id, "q%d", i + 1);
            sc->questions[i].id = sc_strdup(sc, id);
        }
        sc->nquestions = i + 1;
    }
    /* ids name answers (--json, the report's anchors): one answer per id */
    for (int i = 1; i < sc->nquestions; i++)
        for (int j = 0; j < i; j++) {
            if (strcmp(sc->questions[i].id, sc->questions[j].id) != 0)
                continue;
            const ynode *yi = qs->items[i], *yj = qs->items[j];
            const ynode *at = ytree_get(yi, "id") ? ytree_get(yi, "id") : yi;
            int explicit_i = ytree_get(yi, "id") != NULL, explicit_j = ytree_get(yj, "id") != NULL;
            return sc_err(sc, err, at, BRINK_EINVALID,
                          "question id '%s' is used twice (line %d%s; line %d%s); give each "
                          "question its own id", sc->questions[i].id, yj->line,
                          explicit_j ? "" : ", its automatic id", yi->line,
                          explicit_i ? "" : ", its automatic id");
        }
    return BRINK_OK;
}

/* ---------------------------------------------------------------- decision references */

int brink_scenario_find_decisions(const brink_scenario *sc, const char *ref, int *out, int max,
                                  brink_error *err)
{
    const char *at = strchr(ref, '@');
    if (!at) {
        brink_error_set(err, BRINK_EINVALID,
                        "decision reference '%s' must look like ACTOR@LABEL or ACTOR.TYPE@LABEL "
                        "(LABEL may be *)", ref);
        return -1;
    }
    /* ACTOR or ACTOR.TYPE before the '@', found by length in ref itself */
    int wl = (int)(at - ref);
    const char *dot = memchr(ref, '.', (size_t)wl);
    int al = dot ? (int)(dot - ref) : wl;
    int a = sc_actor_find_n(sc, ref, (size_t)al);
    if (a < 0) {
        brink_error_set(err, BRINK_EINVALID, "decision reference '%s': unknown actor '%.*s'", ref,
                        al, ref);
        return -1;
    }
    int type = -1;
    if (dot) {
        type = sc_name_find(sc, SC_NAME_TYPE, a, dot + 1, (size_t)(at - dot - 1));
        if (type < 0) {
            brink_error_set(err, BRINK_EINVALID, "decision reference '%s': %s has no type '%.*s'",
                            ref, sc->actors[a].id, (int)(at - dot - 1), dot + 1);
            return -1;
        }
    }
    const char *label = at + 1;
    const brink_efg *g = sc->game;
    if (!g) {   /* a compact game (limits.compact_above) has no decisions to name */
        brink_error_set(err, BRINK_EUNSUPPORTED, "decision reference '%s': this scenario was "
                        "built as a compact game, without its tree", ref);
        return -1;
    }
    int n = 0;
    for (int h = g->player_infoset_start[a]; h < g->player_infoset_start[a + 1]; h++) {
        const sc_xinfoset *xi = &sc->c.xinfosets[sc->c.xinfoset_of[h]];
        if (type >= 0 && xi->type != type)
            continue;
        if (strcmp(label, "*") != 0 && strcmp(label, xi->label) != 0)
            continue;
        if (n < max)
            out[n] = h;
        n++;
    }
    return n;
}

/* first_of_actor: ref is ACTOR@* standing for a bare actor name, whose first decision in
 * the game's order is taken even when others lie side by side with it */
static brink_status find_one(const brink_scenario *sc, const char *ref, int *h, int first_of_actor,
                             brink_error *err)
{
    brink_status cw = brink_scenario_check_watch(sc, ref, err);
    if (cw)
        return cw;
    brink_error local;
    brink_error_clear(&local);
    int n = brink_scenario_find_decisions(sc, ref, NULL, 0, &local);
    int *all = n > 0 ? malloc((size_t)n * sizeof *all) : NULL;
    if (!all)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    brink_scenario_find_decisions(sc, ref, all, n, &local);
    const sc_xinfoset *first = &sc->c.xinfosets[sc->c.xinfoset_of[all[0]]];
    int several = 0;
    for (int k = 1; k < n && !several; k++)
        several = sc->c.xinfosets[sc->c.xinfoset_of[all[k]]].type != first->type;
    brink_status st = BRINK_OK;
    int parallel = 0;
    if (!several && n > 1 && !first_of_actor) {
        /* several decisions of one type: the first is the one whose nodes come before every
         * other match on every path; when the earliest matches lie side by side (after a
         * chance move the actor sees: S@strong, S@weak) there is no first one */
        const brink_efg *g = sc->game;
        int earliest = -1;
        for (int v = 0; v < g->nnodes && !parallel; v++) {
            int hv = g->node_infoset[v], in = 0;
            for (int k = 0; k < n && !in && hv >= 0; k++)
                in = all[k] == hv;
            if (!in)
                continue;
            int earlier = 0;   /* a match above v */
            for (int u = g->node_parent[v]; u >= 0 && !earlier; u = g->node_parent[u])
                for (int k = 0; k < n && !earlier; k++)
                    earlier = g->node_infoset[u] == all[k];
            if (earlier)
                continue;
            if (earliest < 0)
                earliest = hv;
            else
                parallel = earliest != hv;
        }
        if (!parallel && earliest >= 0)
            all[0] = earliest;
    }
    if (parallel) {
        brink_buf refs;
        brink_buf_init(&refs);
        for (int k = 0; k < n; k++) {
            const sc_xinfoset *xi = &sc->c.xinfosets[sc->c.xinfoset_of[all[k]]];
            const char *who = brink_scenario_actor_id(sc, first->player);
            if (xi->type >= 0 && brink_scenario_actor_ntypes(sc, first->player) > 1)
                brink_buf_printf(&refs, "%s%s.%s@%s", k ? ", " : "", who,
                                 brink_scenario_type_name(sc, first->player, xi->type), xi->label);
            else
                brink_buf_printf(&refs, "%s%s@%s", k ? ", " : "", who, xi->label);
        }
        if (refs.failed)
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        else
            st = brink_error_set(err, BRINK_EINVALID,
                                 "'%s' matches %d decisions, none of them before the others, and "
                                 "a comparison looks at one decision: give one of %s", ref, n,
                                 refs.data);
        brink_buf_free(&refs);
    } else if (!several) {
        *h = all[0];
    } else {
        /* each type's first matching decision, as a typed reference */
        int a = first->player, nt = brink_scenario_actor_ntypes(sc, a);
        brink_buf refs;
        brink_buf_init(&refs);
        for (int t = 0; t < nt; t++)
            for (int k = 0; k < n; k++) {
                const sc_xinfoset *xi = &sc->c.xinfosets[sc->c.xinfoset_of[all[k]]];
                if (xi->type != t)
                    continue;
                brink_buf_printf(&refs, "%s%s.%s@%s", refs.len ? ", " : "",
                                 brink_scenario_actor_id(sc, a), brink_scenario_type_name(sc, a, t),
                                 xi->label);
                break;
            }
        if (refs.failed)
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        else
            st = brink_error_set(err, BRINK_EINVALID,
                                 "'%s' names a decision of each of %s's types, and a comparison "
                                 "looks at one decision: give one type's (%s)", ref,
                                 brink_scenario_actor_id(sc, a), refs.data);
        brink_buf_free(&refs);
    }
    free(all);
    return st;
}

brink_status brink_scenario_find_one_decision(const brink_scenario *sc, const char *ref, int *h,
                                              brink_error *err)
{
    if (ref && !strchr(ref, '@') && sc_actor_find(sc, ref) >= 0) {   /* ACTOR: its first */
        size_t n = strlen(ref);
        char *full = malloc(n + 3);
        if (!full)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        memcpy(full, ref, n);
        memcpy(full + n, "@*", 3);
        brink_status st = find_one(sc, full, h, 1, err);
        free(full);
        return st;
    }
    return find_one(sc, ref, h, 0, err);
}

brink_status brink_scenario_check_watch(const brink_scenario *sc, const char *ref,
                                        brink_error *err)
{
    if (sc->compact) {   /* one decision point, named by its path (scenario/compact.h) */
        sc_compact_watch w;
        brink_status st = sc_compact_find_decision(sc, ref, &w, err);
        free(w.path);
        return st;
    }
    brink_error local;
    brink_error_clear(&local);
    int n = brink_scenario_find_decisions(sc, ref, NULL, 0, &local);
    if (n < 0)
        return brink_error_set(err, BRINK_EINVALID, "%s", local.message);
    if (n > 0)
        return BRINK_OK;
    /* list the actor's decisions to help */
    brink_buf known;
    brink_buf_init(&known);
    const char *at = strchr(ref, '@');
    const char *dot = memchr(ref, '.', (size_t)(at - ref));
    int a = sc_actor_find_n(sc, ref, (size_t)((dot ? dot : at) - ref));   /* found above */
    const char *who = sc->actors[a].id;
    const brink_efg *g = sc->game;
    /* each label once; the first 32 labels, then how many decisions there are */
    int h0 = g->player_infoset_start[a], h1 = g->player_infoset_start[a + 1], shown = 0;
    const char *listed[32];
    for (int h = h0; h < h1 && shown < 32; h++) {
        const char *l = sc->c.xinfosets[sc->c.xinfoset_of[h]].label;
        int seen = 0;
        for (int k = 0; k < shown && !seen; k++)
            seen = strcmp(listed[k], l) == 0;
        if (!seen) {
            sc_list_add(&known, l);
            listed[shown++] = l;
        }
        if (shown == 32 && h + 1 < h1)
            brink_buf_printf(&known, ", ... (%d decisions in all)", h1 - h0);
    }
    brink_status r = brink_error_set(err, BRINK_EINVALID,
                                     "no decision matches '%s' (decisions of %s: %s)", ref, who,
                                     known.len ? sc_list_text(&known) : "none");
    brink_buf_free(&known);
    return r;
}

brink_status sc_check_questions(brink_scenario *sc, brink_error *err)
{
    for (int i = 0; i < sc->nquestions; i++) {
        const brink_question *q = &sc->questions[i];
        if (!q->watch)
            continue;
        const sc_loc *loc = &sc->question_watch_loc[i];
        brink_error local;
        brink_error_clear(&local);
        if (sc->compact && q->kind == BRINK_Q_COMPARE && strchr(q->watch, '@')) {
            /* one decision, by the tree's rule */
            sc_compact_watch w;
            brink_status st = sc_compact_find_one_decision(sc, q->watch, &w, &local);
            free(w.path);
            if (st)
                return brink_error_set_at(err, local.code, sc->file, loc->line, loc->col, "%s",
                                          local.message);
            continue;
        }
        if (brink_scenario_check_watch(sc, q->watch, &local))
            return brink_error_set_at(err, local.code, sc->file, loc->line, loc->col, "%s",
                                      local.message);
    }
    return BRINK_OK;
}
