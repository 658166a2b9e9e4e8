/* policy.c — the one method policy: which solvers analyse a game.
 *
 * Plans are tried best first. A plan names no solver: each role asks for capability flags
 * (include/brink/solve.h) and is filled by the first registered solver that has them and
 * accepts the game, so a method that lands later is used as soon as it is registered with
 * honest flags. What the reports say about the method is made from the same data (the plan's
 * needs and the flags of the solvers that ran), in src/report/. `brink solve`'s default
 * method (brink_solver_default) is chosen here too, by the same flags.
 */
#include "analysis/analysis_int.h"
#include "solve/enum/bienum.h"

enum {
    TREE = BRINK_SOLVER_EFG,
    EXACT = BRINK_SOLVER_EXACT,
    ALL = BRINK_SOLVER_ALL,
    PURE = BRINK_SOLVER_PURE_ONLY,
    BELIEFS = BRINK_SOLVER_BELIEFS,
    APPROX = BRINK_SOLVER_APPROX,
    PI = BRINK_SOLVER_PERFECT_INFO
};

/* Roles used below: {require, exclude, reduced}. */
#define EVERY_SPE {TREE | PI | EXACT | ALL, 0, 0}
#define EVERY_EXTREME {TREE | EXACT | ALL, PURE, 1}
#define EVERY_PURE {TREE | EXACT | ALL | PURE, 0, 1}
#define ONE_SEQUENTIAL {TREE | EXACT | BELIEFS, 0, 0}
#define ONE_EXACT {TREE | EXACT, ALL | BELIEFS | APPROX, 0}
#define LIMIT_SEQUENTIAL {TREE | BELIEFS, 0, 0}

static const brink_method_plan PLANS[] = {
    {BRINK_PLAN_PERFECT_INFO, 1, {EVERY_SPE}},
    {BRINK_PLAN_IMPERFECT | BRINK_PLAN_TWO_ACTORS, 2, {EVERY_EXTREME, ONE_SEQUENTIAL}},
    {BRINK_PLAN_IMPERFECT | BRINK_PLAN_TWO_ACTORS, 2, {ONE_SEQUENTIAL, EVERY_PURE}},
    {BRINK_PLAN_IMPERFECT | BRINK_PLAN_TWO_ACTORS, 2, {EVERY_PURE, ONE_EXACT}},
    {BRINK_PLAN_IMPERFECT | BRINK_PLAN_TWO_ACTORS, 1, {ONE_EXACT}},
    {BRINK_PLAN_IMPERFECT, 2, {EVERY_PURE, LIMIT_SEQUENTIAL}},
    {BRINK_PLAN_IMPERFECT, 1, {LIMIT_SEQUENTIAL}},
    {0, 1, {EVERY_PURE}},
};
#define NPLANS ((int)(sizeof PLANS / sizeof PLANS[0]))

const brink_method_plan *brink_analysis_plans(int *count)
{
    if (count)
        *count = NPLANS;
    return PLANS;
}

/* The driver runs a solver without a tree method on the reduced strategic form. */
static int on_reduced_form(const brink_solver *s)
{
    return (s->flags & BRINK_SOLVER_EFG) && !s->solve_efg;
}

static int accepts(const brink_solver *s, const brink_efg *g, int small)
{
    if (!(s->flags & BRINK_SOLVER_EFG))
        return 0;
    if ((s->flags & BRINK_SOLVER_TWO_PLAYER) && g->nplayers != 2)
        return 0;
    if ((s->flags & BRINK_SOLVER_PERFECT_INFO) && !g->perfect_info)
        return 0;
    if ((s->flags & BRINK_SOLVER_CONSTANT_SUM) && !brink_efg_is_constant_sum(g))
        return 0;
    return !on_reduced_form(s) || small;
}

const brink_solver *an_role_solver(const brink_method_role *r, const brink_efg *g, int small)
{
    int n;
    const brink_solver *const *all = brink_solvers(&n);
    for (int i = 0; i < n; i++) {
        const brink_solver *s = all[i];
        if ((s->flags & r->require) != r->require || (s->flags & r->exclude))
            continue;
        if (on_reduced_form(s) != (r->reduced != 0))
            continue;
        if (accepts(s, g, small))
            return s;
    }
    return NULL;
}

int an_reduced_small(const brink_efg *g, const brink_analysis_options *o)
{
    return !g->perfect_info && an_reduced_cells(g) <= (double)o->max_reduced_cells;
}

const brink_solver *brink_analysis_role_solver(const brink_method_role *r, const brink_efg *g,
                                               const brink_analysis_options *o)
{
    brink_analysis_options defaults;
    if (!o) {
        brink_analysis_options_init(&defaults);
        o = &defaults;
    }
    return an_role_solver(r, g, an_reduced_small(g, o));
}

int an_plan_applies(int i, const brink_efg *g, int small)
{
    unsigned n = PLANS[i].need;
    if ((n & BRINK_PLAN_PERFECT_INFO) && !g->perfect_info)
        return 0;
    if ((n & BRINK_PLAN_IMPERFECT) && g->perfect_info)
        return 0;
    if ((n & BRINK_PLAN_TWO_ACTORS) && g->nplayers != 2)
        return 0;
    return an_role_solver(&PLANS[i].role[0], g, small) != NULL;
}

const brink_solver *brink_analysis_method(const brink_efg *g, const brink_analysis_options *o,
                                          int *plan, brink_error *err)
{
    if (plan)
        *plan = -1;
    if (o && o->method) {
        /* a name means what it means for `brink solve` on the same tree */
        brink_game as_game = {BRINK_GAME_EFG, NULL, (brink_efg *)g};
        const brink_solver *s = brink_solver_for_game(o->method, &as_game);
        if (!s)
            brink_error_set(err, BRINK_EINVALID, "no method named '%s' (brink solve --list)",
                            o->method);
        return s;
    }
    brink_analysis_options defaults;
    if (!o) {
        brink_analysis_options_init(&defaults);
        o = &defaults;
    }
    int small = an_reduced_small(g, o);
    for (int i = 0; i < NPLANS; i++) {
        if (an_plan_applies(i, g, small)) {
            if (plan)
                *plan = i;
            return an_role_solver(&PLANS[i].role[0], g, small);
        }
    }
    brink_error_set(err, BRINK_EUNSUPPORTED, "no registered method applies to this game");
    return NULL;
}

/* ---- `brink solve` without --method: one solver for a game (solve.h) ----
 * The same flags choose: perfect information -> every subgame-perfect equilibrium; two-
 * player strategic games -> every extreme equilibrium while the upper bound theorem keeps
 * the best-response polytope's vertices near a million (seconds), else one exact
 * equilibrium; more players -> an approximate method; two-player trees -> an exact method
 * with beliefs while the tableau is small (<= 300 actions), an exact LP when constant-sum,
 * an exact pivoting method up to 3000 actions, else an approximate one; more players ->
 * approximate with beliefs. Every path ends with every pure equilibrium, or any solver. */

static int nfg_constant_sum(const brink_nfg *g)
{
    mpq_t sum;
    mpq_init(sum);
    int r = brink_nfg_is_constant_sum(g, sum);
    mpq_clear(sum);
    return r;
}

static const brink_solver *pick(const brink_game *g, unsigned require, unsigned exclude)
{
    int n;
    const brink_solver *const *all = brink_solvers(&n);
    for (int i = 0; i < n; i++) {
        const brink_solver *s = all[i];
        unsigned f = s->flags;
        if ((f & require) != require || (f & exclude))
            continue;
        if (g->kind == BRINK_GAME_NFG) {
            if (!(f & BRINK_SOLVER_NFG) || (f & BRINK_SOLVER_PERFECT_INFO))
                continue;
            if ((f & BRINK_SOLVER_TWO_PLAYER) && g->nfg->nplayers != 2)
                continue;
            if ((f & BRINK_SOLVER_CONSTANT_SUM) && !nfg_constant_sum(g->nfg))
                continue;
            return s;
        }
        if (g->kind == BRINK_GAME_EFG && accepts(s, g->efg, 1))
            return s;
    }
    return NULL;
}

const char *brink_solver_default(const brink_game *g)
{
    const brink_solver *s = NULL;
    if (g->kind == BRINK_GAME_NFG && g->nfg->nplayers == 2) {
        int m = g->nfg->nstrats[0], k = g->nfg->nstrats[1];
        double up = bienum_ubt(m, m + k), uq = bienum_ubt(k, m + k);
        if ((up < uq ? up : uq) <= 1e6)
            s = pick(g, BRINK_SOLVER_ALL, PURE);
        if (!s)
            s = pick(g, EXACT, ALL | APPROX);
    } else if (g->kind == BRINK_GAME_NFG) {
        s = pick(g, APPROX, 0);
    } else if (g->kind == BRINK_GAME_EFG) {
        const brink_efg *e = g->efg;
        int actions = e->player_action_start[e->nplayers];
        if (e->perfect_info)
            s = pick(g, TREE | PI | ALL, 0);
        else if (e->nplayers != 2)
            s = pick(g, TREE | BELIEFS | APPROX, 0);
        else if (actions <= 300)
            s = pick(g, TREE | EXACT | BELIEFS, 0);
        if (!s && !e->perfect_info && e->nplayers == 2) {
            if (actions <= 300)
                s = pick(g, TREE | EXACT, ALL | BELIEFS | APPROX);
            else if (brink_efg_is_constant_sum(e))
                s = pick(g, TREE | EXACT | BRINK_SOLVER_CONSTANT_SUM, 0);
            if (!s && actions <= 3000)
                s = pick(g, TREE | EXACT, ALL | BELIEFS | APPROX);
            if (!s)
                s = pick(g, TREE | APPROX, BELIEFS);
            if (!s)
                s = pick(g, TREE | EXACT, ALL | BELIEFS | APPROX);
        }
    }
    if (!s)
        s = pick(g, ALL | PURE, 0);
    if (!s) {
        int n;
        s = brink_solvers(&n)[0];
    }
    return s->name;
}

/* ---- a method name on a game ---- */

/* Families a tree method can stand in for a strategic-form one by. */
#define FAMILIES BRINK_SOLVER_QRE

const brink_solver *brink_solver_for_game(const char *name, const brink_game *g)
{
    const brink_solver *s = name ? brink_solver_find(name) : NULL;
    if (!s || !g || g->kind != BRINK_GAME_EFG || !on_reduced_form(s))
        return s;
    unsigned family = s->flags & FAMILIES;
    if (!family)
        return s;
    int n;
    const brink_solver *const *all = brink_solvers(&n);
    for (int i = 0; i < n; i++)
        if (all[i]->solve_efg && (all[i]->flags & family) == family)
            return all[i];
    return s;
}
