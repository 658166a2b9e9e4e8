/* test_method_names.c — the method policy resolves a method name against the game, by
 * capability flags (brink_solver_for_game, src/analysis/policy.c): a strategic-form method of
 * a family that has a tree method (the logit QRE) means that tree method on a tree, and itself
 * on a strategic game; other names mean themselves; unknown names mean nothing. Every solver
 * that works on trees directly resolves to itself there. */
#include "check.h"
#include "brink/brink.h"
#include "brink/generate.h"

int main(void)
{
    brink_error err;
    brink_game tree = {BRINK_GAME_EFG, NULL, brink_gen_kuhn(&err)};
    CHECK(tree.efg != NULL);
    brink_game table = {BRINK_GAME_NONE, NULL, NULL};
    table.nfg = brink_efg_to_nfg(tree.efg, NULL, &err);
    table.kind = BRINK_GAME_NFG;
    CHECK(table.nfg != NULL);

    const brink_solver *s = brink_solver_for_game("logit", &tree);
    CHECK(s && strcmp(s->name, "agent-logit") == 0);
    CHECK(s && s->solve_efg && (s->flags & BRINK_SOLVER_QRE));
    s = brink_solver_for_game("logit", &table);
    CHECK(s && strcmp(s->name, "logit") == 0);
    CHECK(brink_solver_for_game("no-such-method", &tree) == NULL);
    CHECK(brink_solver_for_game(NULL, &tree) == NULL);

    int n;
    const brink_solver *const *all = brink_solvers(&n);
    for (int i = 0; i < n; i++) {
        const brink_solver *r = brink_solver_for_game(all[i]->name, &tree);
        if (all[i]->solve_efg || !(all[i]->flags & BRINK_SOLVER_QRE))
            CHECK_MSG(r == all[i], "%s on a tree resolved to %s", all[i]->name,
                      r ? r->name : "(none)");
        CHECK(brink_solver_for_game(all[i]->name, &table) == all[i]);
    }
    brink_game_free(&tree);
    brink_game_free(&table);
    return check_finish();
}
