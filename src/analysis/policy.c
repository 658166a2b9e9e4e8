/* policy.c — the one method policy: which solvers analyse a game.
 *
 * Plans are tried best first. A plan names no solver: each role asks for capability flags
 * (include/brink/solve.h) and is filled by the first registered solver that has them and
 * accepts the game, so a method that lands later is used as soon as it is registered with
 * honest flags. What the reports say about the method is made from the same data (the plan's
 * needs and the flags of the solvers that ran), in src/report/.
 */
#include "analysis/analysis_int.h"

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
        const brink_solver *s = brink_solver_find(o->method);
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
