/* evaluate_br.c — best responses and NashConv of a behaviour profile, doubles and exact, by
 * the sequence recursion described in brink/evaluate.h.
 *
 * For player i: one pre-order pass keeps, on stacks indexed by depth, the others' and
 * chance's reach (w) and i's last own sequence (s) of the current path; every leaf adds
 * w * u_i to V[s]. Then i's infosets are taken in decreasing index order (an infoset's
 * number follows the pre-order of its first node, so a child comes after its parent) and
 * V[parent_seq(h)] += max_a V[seq(a)]. Work O(nnodes) per player; memory O(depth + own
 * sequences). The double and exact variants share the workspace shape and the loops.
 */
#include <stdlib.h>

#include "brink/evaluate.h"

/* The located error of brink_efg_recall_error (the file place of the node that shows it), or
 * this pass's own words should the two checks ever disagree. */
static brink_status recall_error(const brink_efg *g, int player, int h, brink_error *err)
{
    if (brink_efg_recall_error(g, "best responses need perfect recall", err) != BRINK_OK) {
        if (err) /* this pass's callers report a bad game as BRINK_EINVALID */
            err->code = BRINK_EINVALID;
        return BRINK_EINVALID;
    }
    return brink_error_set(err, BRINK_EINVALID,
                           "player %d does not have perfect recall at information set \"%s\"; "
                           "best responses need perfect recall",
                           player + 1, g->infoset_label[h]);
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
                st = recall_error(g, player, h, err);
                break;
            }
        }
    }
    free(seq);
    return st;
}

/* ---- workspace: sized for the largest player, reused across players ---- */

typedef struct brw {
    int *parent_seq;   /* [max infosets of a player] */
    int *sstack;       /* [depth + 1] own sequence of the path */
    size_t nseq, depth;
    double *V, *w, *all; /* doubles: [nseq], [depth + 1], [depth + 1] (everyone's reach) */
    mpq_t *Vq, *wq;    /* exact */
    mpq_t tmp;
    int exact;
} brw;

static void brw_free(brw *b)
{
    free(b->parent_seq);
    free(b->sstack);
    free(b->V);
    free(b->w);
    free(b->all);
    if (b->Vq)
        brink_q_array_free(b->Vq, b->nseq);
    if (b->wq)
        brink_q_array_free(b->wq, b->depth);
    if (b->exact)
        mpq_clear(b->tmp);
}

static brink_status brw_init(const brink_efg *g, int exact, brw *b, brink_error *err)
{
    size_t maxinf = 1;
    b->nseq = 1;
    for (int i = 0; i < g->nplayers; i++) {
        size_t ni = (size_t)brink_efg_player_ninfosets(g, i);
        size_t ns = 1 + (size_t)(g->player_action_start[i + 1] - g->player_action_start[i]);
        if (ni > maxinf)
            maxinf = ni;
        if (ns > b->nseq)
            b->nseq = ns;
    }
    b->depth = (size_t)brink_efg_max_depth(g) + 1;
    b->exact = exact;
    b->parent_seq = brink_calloc(maxinf, sizeof *b->parent_seq);
    b->sstack = brink_calloc(b->depth, sizeof *b->sstack);
    b->V = b->w = b->all = NULL;
    b->Vq = b->wq = NULL;
    int ok = b->parent_seq && b->sstack;
    if (exact) {
        mpq_init(b->tmp);
        b->Vq = brink_q_array_new(b->nseq);
        b->wq = brink_q_array_new(b->depth);
        ok = ok && b->Vq && b->wq;
    } else {
        b->V = brink_calloc(b->nseq, sizeof *b->V);
        b->w = brink_calloc(b->depth, sizeof *b->w);
        b->all = brink_calloc(b->depth, sizeof *b->all);
        ok = ok && b->V && b->w && b->all;
    }
    if (ok)
        return BRINK_OK;
    brw_free(b);
    return brink_error_set(err, BRINK_ENOMEM, "best response: out of memory");
}

/* Own sequence and whether the move into v (v > 0) is player i's. */
static int own_step(const brink_efg *g, int i, int v, int *s, const int *sstack)
{
    int d = g->node_depth[v];
    if (g->infoset_player[g->node_infoset[g->node_parent[v]]] == i) {
        *s = 1 + g->node_action[v] - g->player_action_start[i];
        return 1;
    }
    *s = sstack[d - 1];
    return 0;
}

/* The pass that sums leaves also finds each infoset's parent sequence (one pass, not two):
 * parent_seq starts at -1; a node of player i's infoset h with own sequence s sets it, and a
 * second node that disagrees means no perfect recall (the error brink_efg_player_parent_seqs
 * gives). Returns nonzero on that error. */
static void clear_parent_seqs(const brink_efg *g, int i, int *parent_seq)
{
    int nh = brink_efg_player_ninfosets(g, i);
    for (int k = 0; k < nh; k++)
        parent_seq[k] = -1;
}

static int record_parent_seq(const brink_efg *g, int i, int v, int s, int *parent_seq,
                             brink_error *err)
{
    int h = g->node_infoset[v];
    if (g->infoset_player[h] != i)
        return 0;
    int *ps = &parent_seq[h - g->player_infoset_start[i]];
    if (*ps < 0)
        *ps = s;
    else if (*ps != s) {
        recall_error(g, i, h, err);
        return 1;
    }
    return 0;
}

/* Player i's best-response value into *value, argmax choices into choice (may be NULL),
 * and the profile's own value for i into *pvalue (may be NULL): the same pass carries
 * everyone's reach beside the others', so NashConv needs no separate values pass. */
static brink_status br_player(const brink_efg *g, const double *behav, int i, brw *b,
                              int *choice, double *value, double *pvalue, brink_error *err)
{
    int n = g->nplayers, as = g->player_action_start[i];
    int nseq = 1 + g->player_action_start[i + 1] - as;
    double *V = b->V, *w = b->w, *all = b->all, pv = 0;
    int *ss = b->sstack;
    for (int s = 0; s < nseq; s++)
        V[s] = 0;
    clear_parent_seqs(g, i, b->parent_seq);
    for (int v = 0; v < g->nnodes; v++) {
        int d = g->node_depth[v];
        if (v == 0) {
            w[0] = all[0] = 1.0;
            ss[0] = 0;
        } else {
            double e = brink_efg_edge_prob(g, behav, v);
            w[d] = own_step(g, i, v, &ss[d], ss) ? w[d - 1] : w[d - 1] * e;
            all[d] = all[d - 1] * e;
        }
        int l = g->node_leaf[v];
        if (l >= 0 && w[d] != 0) {
            double u = g->leaf_pay[(size_t)l * n + i];
            V[ss[d]] += w[d] * u;
            pv += all[d] * u;
        } else if (l < 0 && record_parent_seq(g, i, v, ss[d], b->parent_seq, err))
            return BRINK_EINVALID;
    }
    int h0 = g->player_infoset_start[i];
    for (int h = g->player_infoset_start[i + 1] - 1; h >= h0; h--) {
        int a0 = g->infoset_action_start[h] - as + 1, best = 0;
        for (int a = 1; a < g->infoset_nactions[h]; a++)
            if (V[a0 + a] > V[a0 + best])
                best = a;
        if (choice)
            choice[h - h0] = best;
        V[b->parent_seq[h - h0]] += V[a0 + best];
    }
    *value = V[0];
    if (pvalue)
        *pvalue = pv;
    return BRINK_OK;
}

static brink_status br_playerq(const brink_efg *g, const mpq_t *behav, int i, brw *b,
                               int *choice, mpq_t value, brink_error *err)
{
    int n = g->nplayers, as = g->player_action_start[i];
    int nseq = 1 + g->player_action_start[i + 1] - as;
    mpq_t *V = b->Vq, *w = b->wq;
    int *ss = b->sstack;
    for (int s = 0; s < nseq; s++)
        mpq_set_ui(V[s], 0, 1);
    clear_parent_seqs(g, i, b->parent_seq);
    for (int v = 0; v < g->nnodes; v++) {
        int d = g->node_depth[v];
        if (v == 0) {
            mpq_set_ui(w[0], 1, 1);
            ss[0] = 0;
        } else if (own_step(g, i, v, &ss[d], ss)) {
            mpq_set(w[d], w[d - 1]);
        } else {
            mpq_mul(w[d], w[d - 1], *brink_efg_edge_probq(g, behav, v));
        }
        int l = g->node_leaf[v];
        if (l >= 0 && mpq_sgn(w[d]) != 0) {
            mpq_mul(b->tmp, w[d], g->leaf_payq[(size_t)l * n + i]);
            mpq_add(V[ss[d]], V[ss[d]], b->tmp);
        } else if (l < 0 && record_parent_seq(g, i, v, ss[d], b->parent_seq, err)) {
            return BRINK_EINVALID;
        }
    }
    int h0 = g->player_infoset_start[i];
    for (int h = g->player_infoset_start[i + 1] - 1; h >= h0; h--) {
        int a0 = g->infoset_action_start[h] - as + 1, best = 0;
        for (int a = 1; a < g->infoset_nactions[h]; a++)
            if (mpq_cmp(V[a0 + a], V[a0 + best]) > 0)
                best = a;
        if (choice)
            choice[h - h0] = best;
        int ps = b->parent_seq[h - h0];
        mpq_add(V[ps], V[ps], V[a0 + best]);
    }
    mpq_set(value, V[0]);
    return BRINK_OK;
}

static brink_status check_player(const brink_efg *g, int player, brink_error *err)
{
    if (player < 0 || player >= g->nplayers)
        return brink_error_set(err, BRINK_EINVALID,
                               "best response: player %d out of range (the game has %d)",
                               player + 1, g->nplayers);
    return BRINK_OK;
}

/* ---- public ---- */

brink_status brink_efg_best_response_values(const brink_efg *g, const double *behav,
                                            double *brvalue, brink_error *err)
{
    brw b;
    brink_status st = brw_init(g, 0, &b, err);
    if (st != BRINK_OK)
        return st;
    for (int i = 0; st == BRINK_OK && i < g->nplayers; i++)
        st = br_player(g, behav, i, &b, NULL, &brvalue[i], NULL, err);
    brw_free(&b);
    return st;
}

brink_status brink_efg_best_response_valuesq(const brink_efg *g, const mpq_t *behav,
                                             mpq_t *brvalue, brink_error *err)
{
    brw b;
    brink_status st = brw_init(g, 1, &b, err);
    if (st != BRINK_OK)
        return st;
    for (int i = 0; st == BRINK_OK && i < g->nplayers; i++)
        st = br_playerq(g, behav, i, &b, NULL, brvalue[i], err);
    brw_free(&b);
    return st;
}

brink_status brink_efg_best_response(const brink_efg *g, const double *behav, int player,
                                     int *choice, double *value, brink_error *err)
{
    brink_status st = check_player(g, player, err);
    if (st != BRINK_OK)
        return st;
    brw b;
    if ((st = brw_init(g, 0, &b, err)) != BRINK_OK)
        return st;
    double v = 0;
    st = br_player(g, behav, player, &b, choice, &v, NULL, err);
    if (value)
        *value = v;
    brw_free(&b);
    return st;
}

brink_status brink_efg_best_responseq(const brink_efg *g, const mpq_t *behav, int player,
                                      int *choice, mpq_t value, brink_error *err)
{
    brink_status st = check_player(g, player, err);
    if (st != BRINK_OK)
        return st;
    brw b;
    if ((st = brw_init(g, 1, &b, err)) != BRINK_OK)
        return st;
    st = br_playerq(g, behav, player, &b, choice, value, err);
    brw_free(&b);
    return st;
}

brink_status brink_efg_nashconv(const brink_efg *g, const double *behav, double *nashconv,
                                double *max_regret, brink_error *err)
{
    brw b;
    brink_status st = brw_init(g, 0, &b, err);
    if (st != BRINK_OK)
        return st;
    double sum = 0, worst = 0;
    for (int i = 0; st == BRINK_OK && i < g->nplayers; i++) {
        double br = 0, val = 0;
        st = br_player(g, behav, i, &b, NULL, &br, &val, err);
        double r = br - val;
        if (r < 0)
            r = 0; /* rounding: a best response cannot be worse than the profile */
        sum += r;
        if (r > worst)
            worst = r;
    }
    if (st == BRINK_OK) {
        *nashconv = sum;
        if (max_regret)
            *max_regret = worst;
    }
    brw_free(&b);
    return st;
}

brink_status brink_efg_nashconvq(const brink_efg *g, const mpq_t *behav, mpq_t nashconv,
                                 mpq_t *value, mpq_t *brvalue, brink_error *err)
{
    size_t n = (size_t)g->nplayers;
    mpq_t *val = value ? NULL : brink_q_array_new(n);
    mpq_t *br = brvalue ? NULL : brink_q_array_new(n);
    brink_status st = BRINK_OK;
    if ((!value && !val) || (!brvalue && !br))
        st = brink_error_set(err, BRINK_ENOMEM, "NashConv: out of memory");
    mpq_t *V = value ? value : val, *B = brvalue ? brvalue : br;
    if (st == BRINK_OK)
        st = brink_efg_valuesq(g, behav, V, err);
    if (st == BRINK_OK)
        st = brink_efg_best_response_valuesq(g, behav, B, err);
    if (st == BRINK_OK) {
        mpq_t t;
        mpq_init(t);
        mpq_set_ui(nashconv, 0, 1);
        for (size_t i = 0; i < n; i++) {
            mpq_sub(t, B[i], V[i]);
            mpq_add(nashconv, nashconv, t);
        }
        mpq_clear(t);
    }
    if (val)
        brink_q_array_free(val, n);
    if (br)
        brink_q_array_free(br, n);
    return st;
}
