/* choice.c — the watched choice as data: which information sets a question watches, the
 * action probabilities every equilibrium plays there, and when two such choices are the same
 * discrete state (compared by action index, never by words). Also the slots of per-type
 * arrays.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"

int brink_analysis_type_slots(const brink_scenario *sc)
{
    int n = 0;
    for (int i = 0; i < brink_scenario_nactors(sc); i++)
        n += brink_scenario_actor_ntypes(sc, i);
    return n;
}

int brink_analysis_type_slot(const brink_scenario *sc, int actor, int type)
{
    int n = 0;
    for (int i = 0; i < actor; i++)
        n += brink_scenario_actor_ntypes(sc, i);
    return n + type;
}

brink_status an_watch(const brink_scenario *sc, const brink_efg *g, const char *ref,
                      brink_answer *ans, brink_error *err)
{
    int n = brink_scenario_find_decisions(sc, ref, NULL, 0, err);
    if (n < 0)
        return err ? err->code : BRINK_EINVALID;
    ans->watch = brink_calloc((size_t)n + 1, sizeof *ans->watch);
    ans->watch_start = brink_calloc((size_t)n + 1, sizeof *ans->watch_start);
    if (!ans->watch || !ans->watch_start)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (brink_scenario_find_decisions(sc, ref, ans->watch, n, err) != n)
        return brink_error_set(err, BRINK_EINTERNAL, "decision reference changed meaning");
    ans->nwatch = n;
    for (int k = 0; k < n; k++)
        ans->watch_start[k + 1] = ans->watch_start[k] + g->infoset_nactions[ans->watch[k]];
    return BRINK_OK;
}

int brink_equilibrium_choice_fixed(const brink_efg *g, const brink_equilibrium *eq, int h)
{
    if (!eq->alt || h < 0 || g->infoset_player[h] < 0)
        return 1;
    for (int a = g->infoset_action_start[h]; a < g->infoset_action_start[h] + g->infoset_nactions[h]; a++)
        if (eq->alt[a] && !(eq->behav[a] > 0.5))
            return 0;
    return 1;
}

int brink_equilibrium_continuation_fixed(const brink_efg *g, const brink_equilibrium *eq,
                                         int v)
{
    if (!eq->alt)
        return 1;
    int *stack = malloc(sizeof(int) * (size_t)(g->nnodes + 1));
    if (!stack)
        return 0;   /* not shown fixed: the weaker claim */
    int sp = 0, fixed = 1;
    stack[sp++] = v;
    while (sp > 0 && fixed) {
        int u = stack[--sp], h = g->node_infoset[u];
        if (h < 0)
            continue;
        fixed = brink_equilibrium_choice_fixed(g, eq, h);
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            if (eq->behav[g->infoset_action_start[h] + a] > 0)
                stack[sp++] = brink_efg_child(g, u, a);
    }
    free(stack);
    return fixed;
}

/* The number of rows equilibrium e takes: one, or at a watched set where the equilibria of
 * its play choose differently (off the path), one per action they take there (the most over
 * the watched sets). */
static int rows_of(const brink_efg *g, const brink_equilibrium *eq, const int *watch, int nwatch)
{
    int rows = 1;
    for (int k = 0; k < nwatch && eq->alt; k++) {
        if (brink_equilibrium_choice_fixed(g, eq, watch[k]))
            continue;
        int m = 0, h = watch[k];
        for (int a = g->infoset_action_start[h]; a < g->infoset_action_start[h] + g->infoset_nactions[h]; a++)
            m += eq->alt[a] != 0;
        rows = m > rows ? m : rows;
    }
    return rows;
}

brink_status brink_eqset_choice(const brink_efg *g, const brink_eqset *s, const int *watch,
                                const int *watch_start, int nwatch, brink_choice *choice,
                                brink_error *err)
{
    size_t width = (size_t)watch_start[nwatch];
    int nrows = 0;
    for (int e = 0; e < s->count; e++)
        nrows += rows_of(g, &s->eq[e], watch, nwatch);
    choice->neq = nrows;
    choice->prob = brink_calloc((size_t)nrows * width + 1, sizeof *choice->prob);
    if (!choice->prob)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    /* a play whose equilibria choose differently at a watched set off the path gives a row
     * for each action they take there: the choices are those of every equilibrium, not only
     * of the one that represents the play */
    int row = 0;
    for (int e = 0; e < s->count; e++) {
        const brink_equilibrium *eq = &s->eq[e];
        int rows = rows_of(g, eq, watch, nwatch);
        for (int r = 0; r < rows; r++, row++)
            for (int k = 0; k < nwatch; k++) {
                int h = watch[k], a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
                double *dst = choice->prob + (size_t)row * width + (size_t)watch_start[k];
                if (brink_equilibrium_choice_fixed(g, eq, h)) {
                    memcpy(dst, eq->behav + a0, (size_t)na * sizeof *dst);
                    continue;
                }
                int m = 0, last = 0;   /* the r-th action they take, or the last */
                for (int j = 0; j < na; j++)
                    if (eq->alt[a0 + j]) {
                        last = j;
                        if (m++ == r)
                            break;
                    }
                dst[last] = 1;
            }
    }
    return BRINK_OK;
}

/* The action equilibrium e plays with certainty at watched set k, or -1 (it mixes). */
static int pure_action(const brink_choice *c, const int *ws, int nwatch, int e, int k,
                       double tol)
{
    const double *p = c->prob + (size_t)e * (size_t)ws[nwatch] + (size_t)ws[k];
    for (int j = 0; j < ws[k + 1] - ws[k]; j++)
        if (p[j] > 1 - tol)
            return j;
    return -1;
}

/* Is action j played with certainty by some equilibrium (j >= 0), or does some equilibrium
 * mix (j = -1)? */
static int some_eq_plays(const brink_choice *c, const int *ws, int nwatch, int k, int j,
                         double tol)
{
    for (int e = 0; e < c->neq; e++)
        if (pure_action(c, ws, nwatch, e, k, tol) == j)
            return 1;
    return 0;
}

/* The action every equilibrium plays with certainty at watched set k, or -1. */
static int agreed_action(const brink_choice *c, const int *ws, int nwatch, int k, double tol)
{
    int a = -1;
    for (int e = 0; e < c->neq; e++) {
        int pe = pure_action(c, ws, nwatch, e, k, tol);
        if (pe < 0 || (e > 0 && pe != a))
            return -1;
        a = pe;
    }
    return a;
}

int brink_choice_same_state(const int *ws, int nwatch, const brink_choice *x,
                            const brink_choice *y, double tol)
{
    if ((x->neq == 0) != (y->neq == 0))
        return 0;
    for (int k = 0; k < nwatch && x->neq; k++) {
        int na = ws[k + 1] - ws[k];
        int ax = agreed_action(x, ws, nwatch, k, tol), ay = agreed_action(y, ws, nwatch, k, tol);
        if (ax >= 0 || ay >= 0) {
            if (ax != ay)
                return 0;
        } else if (x->neq == 1 && y->neq == 1) {   /* one mixing equilibrium: its support */
            const double *px = x->prob + ws[k], *py = y->prob + ws[k];
            for (int j = 0; j < na; j++)
                if ((px[j] > tol) != (py[j] > tol))
                    return 0;
        } else if (x->neq == 1 || y->neq == 1) {
            return 0;
        } else {   /* several equilibria: the pure actions they play, and whether one mixes */
            for (int j = -1; j < na; j++)
                if (some_eq_plays(x, ws, nwatch, k, j, tol) !=
                    some_eq_plays(y, ws, nwatch, k, j, tol))
                    return 0;
        }
    }
    return 1;
}
