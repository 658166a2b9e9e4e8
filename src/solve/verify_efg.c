/* verify_efg.c — expected payoffs, reach probabilities and best responses in extensive games,
 * and the verification of behaviour profiles (NashConv in doubles, exact regret in mpq).
 *
 * Best responses use the sequence structure that perfect recall gives: for player i let
 * L[s] = sum over leaves whose last own sequence is s of (others' and chance's reach) * u_i.
 * Processing i's infosets in decreasing index order (children before parents, see
 * seqform.c), V[parent_seq(h)] += max_a V[seq(a)] turns L into the best-response value V[0].
 * Nothing here needs the whole tree in memory twice: reach products are kept on a stack
 * indexed by depth while walking the nodes in pre-order (a node's ancestors sit in the
 * slots below its own depth).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "brink/solve.h"
#include "solve/efg_util.h"

/* ---- doubles ---- */

static double edge_prob(const brink_efg *g, const double *behav, int v)
{
    int a = g->node_action[v];
    int h = g->node_infoset[g->node_parent[v]];
    return g->infoset_player[h] == BRINK_CHANCE ? g->action_prob[a] : behav[a];
}

void brink_efg_reach(const brink_efg *g, const double *behav, double *reach)
{
    reach[0] = 1.0;
    for (int v = 1; v < g->nnodes; v++)
        reach[v] = reach[g->node_parent[v]] * edge_prob(g, behav, v);
}

void brink_efg_values(const brink_efg *g, const double *behav, double *value)
{
    int n = g->nplayers;
    for (int i = 0; i < n; i++)
        value[i] = 0;
    /* No scratch memory: walk from each leaf to the root (depth steps per leaf). */
    for (int l = 0; l < g->nleaves; l++) {
        double pr = 1.0;
        for (int v = g->leaf_node[l]; v > 0 && pr != 0; v = g->node_parent[v])
            pr *= edge_prob(g, behav, v);
        if (pr == 0)
            continue;
        for (int i = 0; i < n; i++)
            value[i] += pr * g->leaf_pay[(size_t)l * n + i];
    }
}

int brink_efg_max_depth(const brink_efg *g)
{
    int d = 0;
    for (int v = 0; v < g->nnodes; v++)
        if (g->node_depth[v] > d)
            d = g->node_depth[v];
    return d;
}

brink_status brink_efg_player_parent_seqs(const brink_efg *g, int player, int *parent_seq,
                                          brink_error *err)
{
    int depth = brink_efg_max_depth(g);
    int *seq = brink_calloc((size_t)depth + 1, sizeof *seq);
    if (!seq)
        return brink_error_set(err, BRINK_ENOMEM, "best response: out of memory");
    int h0 = g->player_infoset_start[player], h1 = g->player_infoset_start[player + 1];
    for (int h = h0; h < h1; h++)
        parent_seq[h - h0] = -1;
    int as = g->player_action_start[player];
    brink_status st = BRINK_OK;
    for (int v = 0; v < g->nnodes; v++) {
        int d = g->node_depth[v];
        if (v == 0) {
            seq[0] = 0;
        } else {
            int p = g->node_parent[v];
            seq[d] = g->infoset_player[g->node_infoset[p]] == player
                         ? 1 + g->node_action[v] - as
                         : seq[d - 1];
        }
        int h = g->node_infoset[v];
        if (h >= 0 && g->infoset_player[h] == player) {
            if (parent_seq[h - h0] < 0) {
                parent_seq[h - h0] = seq[d];
            } else if (parent_seq[h - h0] != seq[d]) {
                st = brink_error_set(err, BRINK_EINVALID,
                                     "player %d does not have perfect recall at information "
                                     "set \"%s\"; best responses need perfect recall",
                                     player + 1, g->infoset_label[h]);
                break;
            }
        }
    }
    free(seq);
    return st;
}

/* Best-response value of one player; scratch: parent_seq [ninfosets of player], V [nseqs],
 * wstack/sstack [depth+1]. */
static double br_value_player(const brink_efg *g, const double *behav, int i,
                              const int *parent_seq, double *V, double *wstack, int *sstack)
{
    int n = g->nplayers;
    int as = g->player_action_start[i];
    int nseq = 1 + g->player_action_start[i + 1] - as;
    for (int s = 0; s < nseq; s++)
        V[s] = 0;
    for (int v = 0; v < g->nnodes; v++) {
        int d = g->node_depth[v];
        if (v == 0) {
            wstack[0] = 1.0;
            sstack[0] = 0;
        } else {
            int p = g->node_parent[v];
            int pl = g->infoset_player[g->node_infoset[p]];
            if (pl == i) {
                wstack[d] = wstack[d - 1];
                sstack[d] = 1 + g->node_action[v] - as;
            } else {
                wstack[d] = wstack[d - 1] * edge_prob(g, behav, v);
                sstack[d] = sstack[d - 1];
            }
        }
        int l = g->node_leaf[v];
        if (l >= 0 && wstack[d] != 0)
            V[sstack[d]] += wstack[d] * g->leaf_pay[(size_t)l * n + i];
    }
    int h0 = g->player_infoset_start[i];
    for (int h = g->player_infoset_start[i + 1] - 1; h >= h0; h--) {
        int a0 = g->infoset_action_start[h] - as + 1;
        double best = V[a0];
        for (int a = 1; a < g->infoset_nactions[h]; a++)
            if (V[a0 + a] > best)
                best = V[a0 + a];
        V[parent_seq[h - h0]] += best;
    }
    return V[0];
}

brink_status brink_efg_best_response_values(const brink_efg *g, const double *behav,
                                            double *brvalue, brink_error *err)
{
    int depth = brink_efg_max_depth(g);
    size_t maxinf = 1, maxseq = 1;
    for (int i = 0; i < g->nplayers; i++) {
        size_t ni = (size_t)brink_efg_player_ninfosets(g, i);
        size_t ns = 1 + (size_t)(g->player_action_start[i + 1] - g->player_action_start[i]);
        if (ni > maxinf)
            maxinf = ni;
        if (ns > maxseq)
            maxseq = ns;
    }
    int *parent_seq = brink_calloc(maxinf, sizeof *parent_seq);
    double *V = brink_calloc(maxseq, sizeof *V);
    double *wstack = brink_calloc((size_t)depth + 1, sizeof *wstack);
    int *sstack = brink_calloc((size_t)depth + 1, sizeof *sstack);
    brink_status st = BRINK_OK;
    if (!parent_seq || !V || !wstack || !sstack) {
        st = brink_error_set(err, BRINK_ENOMEM, "best response: out of memory");
        goto done;
    }
    for (int i = 0; i < g->nplayers; i++) {
        st = brink_efg_player_parent_seqs(g, i, parent_seq, err);
        if (st != BRINK_OK)
            goto done;
        brvalue[i] = br_value_player(g, behav, i, parent_seq, V, wstack, sstack);
    }
done:
    free(parent_seq);
    free(V);
    free(wstack);
    free(sstack);
    return st;
}

/* ---- exact ---- */

static void edge_probq(const brink_efg *g, const mpq_t *behav, int v, mpq_t out)
{
    int a = g->node_action[v];
    int h = g->node_infoset[g->node_parent[v]];
    mpq_set(out, g->infoset_player[h] == BRINK_CHANCE ? g->action_probq[a] : behav[a]);
}

/* Exact value of every player and the exact best-response value of every player. */
static brink_status exact_values(const brink_efg *g, const mpq_t *behav, mpq_t *value,
                                 mpq_t *brvalue, brink_error *err)
{
    int n = g->nplayers;
    int depth = brink_efg_max_depth(g);
    size_t maxinf = 1, maxseq = 1;
    for (int i = 0; i < n; i++) {
        size_t ni = (size_t)brink_efg_player_ninfosets(g, i);
        size_t ns = 1 + (size_t)(g->player_action_start[i + 1] - g->player_action_start[i]);
        if (ni > maxinf)
            maxinf = ni;
        if (ns > maxseq)
            maxseq = ns;
    }
    int *parent_seq = brink_calloc(maxinf, sizeof *parent_seq);
    int *sstack = brink_calloc((size_t)depth + 1, sizeof *sstack);
    mpq_t *V = brink_q_array_new(maxseq);
    mpq_t *w = brink_q_array_new((size_t)depth + 1);
    mpq_t *all = brink_q_array_new((size_t)depth + 1);
    mpq_t tmp, best;
    mpq_init(tmp);
    mpq_init(best);
    brink_status st = BRINK_OK;
    if (!parent_seq || !sstack || !V || !w || !all) {
        st = brink_error_set(err, BRINK_ENOMEM, "exact verification: out of memory");
        goto done;
    }
    /* Values: reach of all players on a depth stack. */
    for (int i = 0; i < n; i++)
        mpq_set_ui(value[i], 0, 1);
    for (int v = 0; v < g->nnodes; v++) {
        int d = g->node_depth[v];
        if (v == 0) {
            mpq_set_ui(all[0], 1, 1);
        } else {
            edge_probq(g, behav, v, tmp);
            mpq_mul(all[d], all[d - 1], tmp);
        }
        int l = g->node_leaf[v];
        if (l >= 0 && mpq_sgn(all[d]) != 0) {
            for (int i = 0; i < n; i++) {
                mpq_mul(tmp, all[d], g->leaf_payq[(size_t)l * n + i]);
                mpq_add(value[i], value[i], tmp);
            }
        }
    }
    for (int i = 0; i < n; i++) {
        st = brink_efg_player_parent_seqs(g, i, parent_seq, err);
        if (st != BRINK_OK)
            goto done;
        int as = g->player_action_start[i];
        int nseq = 1 + g->player_action_start[i + 1] - as;
        for (int s = 0; s < nseq; s++)
            mpq_set_ui(V[s], 0, 1);
        for (int v = 0; v < g->nnodes; v++) {
            int d = g->node_depth[v];
            if (v == 0) {
                mpq_set_ui(w[0], 1, 1);
                sstack[0] = 0;
            } else {
                int p = g->node_parent[v];
                if (g->infoset_player[g->node_infoset[p]] == i) {
                    mpq_set(w[d], w[d - 1]);
                    sstack[d] = 1 + g->node_action[v] - as;
                } else {
                    edge_probq(g, behav, v, tmp);
                    mpq_mul(w[d], w[d - 1], tmp);
                    sstack[d] = sstack[d - 1];
                }
            }
            int l = g->node_leaf[v];
            if (l >= 0 && mpq_sgn(w[d]) != 0) {
                mpq_mul(tmp, w[d], g->leaf_payq[(size_t)l * n + i]);
                mpq_add(V[sstack[d]], V[sstack[d]], tmp);
            }
        }
        int h0 = g->player_infoset_start[i];
        for (int h = g->player_infoset_start[i + 1] - 1; h >= h0; h--) {
            int a0 = g->infoset_action_start[h] - as + 1;
            mpq_set(best, V[a0]);
            for (int a = 1; a < g->infoset_nactions[h]; a++)
                if (mpq_cmp(V[a0 + a], best) > 0)
                    mpq_set(best, V[a0 + a]);
            mpq_add(V[parent_seq[h - h0]], V[parent_seq[h - h0]], best);
        }
        mpq_set(brvalue[i], V[0]);
    }
done:
    mpq_clear(tmp);
    mpq_clear(best);
    free(parent_seq);
    free(sstack);
    if (V)
        brink_q_array_free(V, maxseq);
    if (w)
        brink_q_array_free(w, (size_t)depth + 1);
    if (all)
        brink_q_array_free(all, (size_t)depth + 1);
    return st;
}

/* Is q an exact behaviour profile (nonnegative, summing to 1 at each player infoset)? */
static int exact_simplex_ok(const brink_efg *g, const mpq_t *q)
{
    mpq_t sum;
    mpq_init(sum);
    int ok = 1;
    int hend = g->player_infoset_start[g->nplayers];
    for (int h = 0; h < hend && ok; h++) {
        mpq_set_ui(sum, 0, 1);
        int a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++) {
            if (mpq_sgn(q[a0 + a]) < 0)
                ok = 0;
            mpq_add(sum, sum, q[a0 + a]);
        }
        if (mpq_cmp_ui(sum, 1, 1) != 0)
            ok = 0;
    }
    mpq_clear(sum);
    return ok;
}

brink_status brink_verify_efg(const brink_efg *g, brink_profile *pr, int exact,
                              brink_error *err)
{
    if (!g || !pr || pr->kind != BRINK_PROFILE_BEHAV || pr->n != g->nactions)
        return brink_error_set(err, BRINK_EINVALID,
                               "brink_verify_efg: profile is not a behaviour profile of "
                               "this game (%d entries, game has %d actions)",
                               pr ? pr->n : -1, g ? g->nactions : -1);
    int n = g->nplayers;
    if (!pr->value) {
        pr->value = brink_calloc((size_t)n, sizeof *pr->value);
        if (!pr->value)
            return brink_error_set(err, BRINK_ENOMEM, "verification: out of memory");
    }
    double *br = brink_calloc((size_t)n, sizeof *br);
    if (!br)
        return brink_error_set(err, BRINK_ENOMEM, "verification: out of memory");
    brink_efg_values(g, pr->p, pr->value);
    brink_status st = brink_efg_best_response_values(g, pr->p, br, err);
    if (st != BRINK_OK) {
        free(br);
        return st;
    }
    pr->max_regret = 0;
    pr->nashconv = 0;
    for (int i = 0; i < n; i++) {
        double r = br[i] - pr->value[i];
        if (r < 0)
            r = 0; /* rounding: a best response cannot be worse than the profile */
        pr->nashconv += r;
        if (r > pr->max_regret)
            pr->max_regret = r;
    }
    free(br);

    if (!exact || !pr->q) {
        pr->verified = 0;
        return BRINK_OK;
    }
    if ((size_t)g->nnodes * (size_t)n > BRINK_MAX_EXACT_CELLS) {
        pr->verified = 0; /* too large to check in rationals; doubles above still hold */
        return BRINK_OK;
    }
    if (!exact_simplex_ok(g, pr->q)) {
        pr->verified = -1;
        return BRINK_OK;
    }
    if (!pr->valueq) {
        pr->valueq = brink_q_array_new((size_t)n);
        if (!pr->valueq)
            return brink_error_set(err, BRINK_ENOMEM, "verification: out of memory");
        pr->nvalue = n;
    }
    mpq_t *brq = brink_q_array_new((size_t)n);
    if (!brq)
        return brink_error_set(err, BRINK_ENOMEM, "verification: out of memory");
    st = exact_values(g, pr->q, pr->valueq, brq, err);
    if (st == BRINK_OK) {
        pr->verified = 1;
        for (int i = 0; i < n; i++)
            if (mpq_cmp(brq[i], pr->valueq[i]) != 0)
                pr->verified = -1;
    }
    brink_q_array_free(brq, (size_t)n);
    return st;
}
