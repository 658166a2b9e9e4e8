/* threshold_check.h — an independent exact check of an assessment, written apart from the
 * library's continuation code so that tests do not trust what they test.
 *
 * check_assessment(g, behq, beliefq) returns -1 when the behaviour profile (exact) with the
 * beliefs is an equilibrium in the sense the analysis certifies: every player's choice at
 * every information set is a best reply, action by action, to its beliefs and the others'
 * continuation play; beliefs follow Bayes' rule on the reach by chance and the other
 * players wherever that reach is positive. Otherwise it returns the first information set
 * that fails. Exact rationals throughout; O(nodes * players).
 */
#ifndef BRINK_TEST_THRESHOLD_CHECK_H
#define BRINK_TEST_THRESHOLD_CHECK_H

#include <stdlib.h>
#include "brink/efg.h"
#include "brink/core.h"

static int check_assessment(const brink_efg *g, const mpq_t *behq, const mpq_t *beliefq)
{
    int N = g->nnodes, np = g->nplayers, nh = g->player_infoset_start[np];
    mpq_t *U = brink_q_array_new((size_t)N * (size_t)np);
    mpq_t *R = brink_q_array_new((size_t)N * (size_t)np);   /* reach by the others */
    mpq_t s, t, best, v;
    mpq_inits(s, t, best, v, NULL);
    int fail = -1;
    /* continuation values, backward (children have larger pre-order indices) */
    for (int x = N - 1; x >= 0; x--) {
        int h = g->node_infoset[x];
        for (int i = 0; i < np; i++) {
            mpq_t *u = &U[(size_t)x * np + i];
            if (h < 0) {
                mpq_set(*u, g->leaf_payq[(size_t)g->node_leaf[x] * np + i]);
                continue;
            }
            mpq_set_ui(*u, 0, 1);
            for (int a = 0; a < g->infoset_nactions[h]; a++) {
                int c = g->node_children[g->node_child_start[x] + a];
                mpq_mul(t, behq[g->infoset_action_start[h] + a], U[(size_t)c * np + i]);
                mpq_add(*u, *u, t);
            }
        }
    }
    for (int i = 0; i < np; i++)
        mpq_set_ui(R[i], 1, 1);
    for (int x = 1; x < N; x++) {
        int par = g->node_parent[x], hp = g->node_infoset[par];
        int mover = hp >= nh ? -1 : g->infoset_player[hp];
        for (int i = 0; i < np; i++) {
            mpq_set(R[(size_t)x * np + i], R[(size_t)par * np + i]);
            if (mover != i)
                mpq_mul(R[(size_t)x * np + i], R[(size_t)x * np + i], behq[g->node_action[x]]);
        }
    }
    for (int h = 0; h < nh && fail < 0; h++) {
        int p = g->infoset_player[h], ms = g->infoset_member_start[h], m = g->infoset_nmembers[h];
        mpq_set_ui(s, 0, 1);
        for (int k = 0; k < m; k++)
            mpq_add(s, s, R[(size_t)g->infoset_member[ms + k] * np + p]);
        /* beliefs: Bayes where reached by the others, a distribution everywhere */
        mpq_set_ui(t, 0, 1);
        for (int k = 0; k < m; k++) {
            int x = g->infoset_member[ms + k];
            if (mpq_sgn(beliefq[x]) < 0)
                fail = h;
            mpq_add(t, t, beliefq[x]);
            if (mpq_sgn(s) > 0) {
                mpq_div(v, R[(size_t)x * np + p], s);
                if (!mpq_equal(v, beliefq[x]))
                    fail = h;
            }
        }
        if (mpq_cmp_ui(t, 1, 1) != 0)
            fail = h;
        /* each action's value under the beliefs; played actions must reach the maximum */
        int first = 1;
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            mpq_set_ui(v, 0, 1);
            for (int k = 0; k < m; k++) {
                int x = g->infoset_member[ms + k];
                int c = g->node_children[g->node_child_start[x] + a];
                mpq_mul(t, beliefq[x], U[(size_t)c * np + p]);
                mpq_add(v, v, t);
            }
            if (first || mpq_cmp(v, best) > 0)
                mpq_set(best, v);
            first = 0;
        }
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            if (mpq_sgn(behq[g->infoset_action_start[h] + a]) <= 0)
                continue;
            mpq_set_ui(v, 0, 1);
            for (int k = 0; k < m; k++) {
                int x = g->infoset_member[ms + k];
                int c = g->node_children[g->node_child_start[x] + a];
                mpq_mul(t, beliefq[x], U[(size_t)c * np + p]);
                mpq_add(v, v, t);
            }
            if (mpq_cmp(v, best) != 0)
                fail = h;
        }
    }
    brink_q_array_free(U, (size_t)N * (size_t)np);
    brink_q_array_free(R, (size_t)N * (size_t)np);
    mpq_clears(s, t, best, v, NULL);
    return fail;
}

#endif
