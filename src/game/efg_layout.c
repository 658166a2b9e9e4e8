/* efg_layout.c — turns a complete builder into the flat arrays of brink_efg (see efg.h):
 * orders infosets per player by first node, lays out actions per infoset, links children,
 * lists infoset members, sums outcomes into leaf payoffs and checks perfect recall.
 * Every pass is linear in nodes (times players for payoffs and recall). */
#include <stdlib.h>
#include <string.h>

#include "brink/efg.h"
#include "game/efg_internal.h"
#include "core/unicode.h"

void brink_efg_free(brink_efg *g)
{
    if (!g) return;
    brink_q_array_free(g->action_probq, (size_t)g->nactions);
    brink_q_array_free(g->outcome_payq, (size_t)g->noutcomes * (size_t)g->nplayers);
    if (!g->payq_shared) brink_q_array_free(g->leaf_payq, (size_t)g->nleaves * (size_t)g->nplayers);
    free(g->player_names);
    free(g->node_infoset); free(g->node_parent); free(g->node_action); free(g->node_outcome);
    free(g->node_child_start); free(g->node_children); free(g->node_depth);
    free(g->node_subtree_size); free(g->node_leaf); free(g->node_label);
    free(g->infoset_player); free(g->infoset_action_start); free(g->infoset_nactions);
    free(g->infoset_member_start); free(g->infoset_nmembers); free(g->infoset_member);
    free(g->infoset_label); free(g->infoset_number);
    free(g->player_infoset_start); free(g->player_action_start);
    free(g->action_label); free(g->action_prob);
    free(g->outcome_label); free(g->outcome_number); free(g->outcome_pay);
    free(g->leaf_node); free(g->leaf_pay);
    free(g->node_line); free(g->node_column); free(g->source_file);
    brink_arena_free(g->arena);
    free(g);
}

#define ALLOC(ptr, n) (((ptr) = brink_calloc((size_t)(n), sizeof *(ptr))) == NULL)

/* Perfect recall: every node of an infoset of player p has the same last own action of p on
 * its path (induction over p's infosets then gives identical own histories; visiting an
 * infoset twice on one path also breaks this). prev[v*n+p] is that last action, -1 if none. */
static int check_recall(brink_efg *g, brink_buf *why, int *bad_node)
{
    size_t n = (size_t)g->nplayers;
    size_t total;
    if (brink_mul_size((size_t)g->nnodes, n, &total)) return -1;
    int *prev = malloc(sizeof(int) * (total ? total : 1));
    if (!prev) return -1;
    for (int v = 0; v < g->nnodes; v++) {
        int u = g->node_parent[v];
        if (u < 0) {
            for (size_t p = 0; p < n; p++) prev[p] = -1;
            continue;
        }
        memcpy(prev + (size_t)v * n, prev + (size_t)u * n, sizeof(int) * n);
        int pl = g->infoset_player[g->node_infoset[u]];
        if (pl >= 0) prev[(size_t)v * n + (size_t)pl] = g->node_action[v];
    }
    int ok = 1;
    for (int h = 0; h < g->ninfosets && ok; h++) {
        int pl = g->infoset_player[h];
        if (pl < 0) continue;
        int m0 = g->infoset_member[g->infoset_member_start[h]];
        for (int k = 1; k < g->infoset_nmembers[h]; k++) {
            int m = g->infoset_member[g->infoset_member_start[h] + k];
            if (prev[(size_t)m * n + (size_t)pl] != prev[(size_t)m0 * n + (size_t)pl]) {
                ok = 0;
                if (bad_node) *bad_node = m;
                if (why)
                    brink_buf_printf(why,
                                     "player %d (%s), information set %d \"%s\": nodes %d and "
                                     "%d are reached by different own histories",
                                     pl + 1, g->player_names[pl], g->infoset_number[h],
                                     g->infoset_label[h], m0 + 1, m + 1);
                break;
            }
        }
    }
    free(prev);
    return ok;
}

int brink_efg_perfect_recall_why(const brink_efg *g, brink_buf *why)
{
    int r = check_recall((brink_efg *)g, why, NULL);
    return r < 0 || (why && why->failed) ? -1 : r;
}

int brink_efg_check_perfect_recall(const brink_efg *g, char *why, size_t why_size)
{
    if (why && why_size) why[0] = '\0';
    brink_buf b;
    brink_buf_init(&b);
    int r = check_recall((brink_efg *)g, why && why_size ? &b : NULL, NULL);
    if (r == 0 && why && why_size && !b.failed && b.len) {
        size_t n = b.len < why_size ? b.len : br_utf8_prefix(b.data, why_size - 1);
        memcpy(why, b.data, n);
        why[n] = '\0';
    }
    brink_buf_free(&b);
    return r < 0 ? 0 : r;
}

brink_status brink_efg_recall_error(const brink_efg *g, const char *need, brink_error *err)
{
    brink_buf why;   /* names of any length: the error's message cuts it, at its own size */
    brink_buf_init(&why);
    int bad = -1;
    int r = check_recall((brink_efg *)g, &why, &bad);
    if (r < 0 || why.failed) {
        brink_buf_free(&why);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory checking perfect recall");
    }
    brink_status st = BRINK_OK;
    if (r)
        ;
    else if (bad >= 0 && g->node_line && g->node_column)
        st = brink_error_set_at(err, BRINK_EUNSUPPORTED, g->source_file, g->node_line[bad],
                                g->node_column[bad], "the game lacks perfect recall (%s); %s",
                                why.data, need);
    else
        st = brink_error_set(err, BRINK_EUNSUPPORTED, "the game lacks perfect recall (%s); %s",
                             why.data, need);
    brink_buf_free(&why);
    return st;
}

int brink_efg_is_perfect_info(const brink_efg *g)
{
    for (int h = 0; h < g->ninfosets; h++)
        if (g->infoset_player[h] >= 0 && g->infoset_nmembers[h] != 1) return 0;
    return 1;
}

brink_efg *brink_efg_builder_finish(brink_efg_builder *b, brink_error *err)
{
    brink_efg *g = NULL;
    int *order = NULL, *remap = NULL;
    if (!b) {
        brink_error_set(err, BRINK_ENOMEM, "no game builder (its creation failed)");
        return NULL;
    }
    if (b->failure.code) { /* an earlier call failed: report that, not its consequences */
        if (err) *err = b->failure;
        brink_efg_builder_free(b);
        return NULL;
    }
    if (b->nnodes == 0) {
        brink_error_set(err, BRINK_EINVALID, "the game has no nodes");
        goto fail;
    }
    if (b->depth > 0) {
        builder_open *top = &b->stack[b->depth - 1];
        int need = b->infosets[b->nodes[top->node].infoset].nactions - top->next;
        brink_error_set(err, BRINK_EINVALID,
                        "incomplete tree: node %d still expects %d more child node%s",
                        top->node + 1, need, need == 1 ? "" : "s");
        goto fail;
    }
    g = calloc(1, sizeof *g);
    if (!g) goto oom;
    int np = b->nplayers, N = b->nnodes;
    g->nplayers = np;
    g->title = b->title;
    g->comment = b->comment;
    g->arena = b->arena;
    b->arena = NULL; /* strings now belong to the game */
    g->player_names = b->player_names;
    b->player_names = NULL;
    g->nnodes = N;

    /* Order used infosets: players 0..n-1 then chance, each by first node (pre-order). */
    if (ALLOC(order, b->ninfosets) || ALLOC(remap, b->ninfosets)) goto oom;
    int ni = 0;
    if (ALLOC(g->player_infoset_start, np + 2) || ALLOC(g->player_action_start, np + 2)) goto oom;
    {
        /* Bucket by player, scanning nodes in pre-order so first appearance gives the order. */
        for (int h = 0; h < b->ninfosets; h++) remap[h] = -1;
        for (int slot = 0; slot <= np; slot++) {
            int pl = slot == np ? BRINK_CHANCE : slot;
            g->player_infoset_start[slot] = ni;
            for (int v = 0; v < N; v++) {
                int h = b->nodes[v].infoset;
                if (h >= 0 && remap[h] < 0 && b->infosets[h].player == pl) {
                    remap[h] = ni;
                    order[ni++] = h;
                }
            }
        }
        g->player_infoset_start[np + 1] = ni;
    }
    g->ninfosets = ni;
    int na = 0;
    for (int k = 0; k < ni; k++) na += b->infosets[order[k]].nactions;
    if (ALLOC(g->infoset_player, ni) || ALLOC(g->infoset_action_start, ni) ||
        ALLOC(g->infoset_nactions, ni) || ALLOC(g->infoset_label, ni) ||
        ALLOC(g->infoset_number, ni) || ALLOC(g->infoset_member_start, ni + 1) ||
        ALLOC(g->infoset_nmembers, ni) || ALLOC(g->infoset_member, N) ||
        ALLOC(g->action_label, na) || ALLOC(g->action_prob, na) ||
        ALLOC(g->action_probq, na))
        goto oom;
    {
        int a = 0, slot = 0;
        for (int k = 0; k < ni; k++) {
            while (slot <= np && k >= g->player_infoset_start[slot + 1]) {
                g->player_action_start[slot + 1] = a;
                slot++;
            }
            builder_infoset *h = &b->infosets[order[k]];
            g->infoset_player[k] = h->player;
            g->infoset_action_start[k] = a;
            g->infoset_nactions[k] = h->nactions;
            g->infoset_label[k] = h->label;
            g->infoset_number[k] = h->number;
            for (int j = 0; j < h->nactions; j++, a++) {
                g->action_label[a] = b->action_label[h->action_start + j];
                /* moved, not copied: the builder's value (its limbs) now belongs to g */
                memcpy(g->action_probq[a], b->probq[h->action_start + j], sizeof(mpq_t));
                g->action_prob[a] = brink_q_get_d(g->action_probq[a]);
            }
        }
        while (slot <= np) {
            g->player_action_start[slot + 1] = a;
            slot++;
        }
        /* the builder keeps (and clears) only the values of infosets no node uses */
        for (int h = 0; h < b->ninfosets; h++)
            if (remap[h] < 0)
                for (int j = 0; j < b->infosets[h].nactions; j++)
                    mpq_clear(b->probq[b->infosets[h].action_start + j]);
        free(b->probq);
        b->probq = NULL;
        b->probq_cap = b->nactions = 0;
        g->nactions = na; /* from here g owns the values (brink_efg_free clears them) */
    }

    /* Nodes. */
    if (ALLOC(g->node_infoset, N) || ALLOC(g->node_parent, N) || ALLOC(g->node_action, N) ||
        ALLOC(g->node_outcome, N) || ALLOC(g->node_child_start, N) || ALLOC(g->node_depth, N) ||
        ALLOC(g->node_subtree_size, N) || ALLOC(g->node_leaf, N) || ALLOC(g->node_label, N))
        goto oom;
    long nchildren = 0;
    int nleaves = 0;
    for (int v = 0; v < N; v++) {
        builder_node *bn = &b->nodes[v];
        int h = bn->infoset >= 0 ? remap[bn->infoset] : -1;
        g->node_infoset[v] = h;
        g->node_parent[v] = bn->parent;
        g->node_outcome[v] = bn->outcome;
        g->node_label[v] = bn->label;
        g->node_subtree_size[v] = 1;
        g->node_child_start[v] = h >= 0 ? (int)nchildren : -1;
        if (h >= 0) nchildren += g->infoset_nactions[h];
        g->node_leaf[v] = h >= 0 ? -1 : nleaves++;
        if (bn->parent >= 0) {
            int ph = g->node_infoset[bn->parent];
            g->node_action[v] = g->infoset_action_start[ph] + bn->action;
            g->node_depth[v] = g->node_depth[bn->parent] + 1;
        } else {
            g->node_action[v] = -1;
            g->node_depth[v] = 0;
        }
    }
    if (ALLOC(g->node_children, nchildren)) goto oom;
    for (int v = 1; v < N; v++) {
        int u = g->node_parent[v];
        g->node_children[g->node_child_start[u] + b->nodes[v].action] = v;
    }
    for (int v = N - 1; v > 0; v--) g->node_subtree_size[g->node_parent[v]] += g->node_subtree_size[v];

    /* Infoset members, in pre-order. */
    for (int v = 0; v < N; v++)
        if (g->node_infoset[v] >= 0) g->infoset_nmembers[g->node_infoset[v]]++;
    for (int h = 0; h < ni; h++)
        g->infoset_member_start[h + 1] = g->infoset_member_start[h] + g->infoset_nmembers[h];
    {
        int *fill = calloc((size_t)ni + 1, sizeof(int));
        if (!fill) goto oom;
        for (int v = 0; v < N; v++) {
            int h = g->node_infoset[v];
            if (h >= 0) g->infoset_member[g->infoset_member_start[h] + fill[h]++] = v;
        }
        free(fill);
    }

    /* Outcomes. */
    size_t n = (size_t)np;
    g->noutcomes = b->noutcomes;
    if (ALLOC(g->outcome_label, b->noutcomes) || ALLOC(g->outcome_number, b->noutcomes) ||
        ALLOC(g->outcome_pay, (size_t)b->noutcomes * n))
        goto oom;
    /* the builder's payoff values move to the game as they are (same order) */
    if (b->outcome_payq) {
        size_t used = (size_t)b->noutcomes * n;
        mpq_t *q = brink_reallocarray(b->outcome_payq, used ? used : 1, sizeof(mpq_t));
        g->outcome_payq = q ? q : b->outcome_payq; /* shrinking to the values in use */
        b->outcome_payq = NULL;
        b->outpay_cap = 0;
    } else if (!(g->outcome_payq = brink_q_array_new(0))) {
        g->noutcomes = 0;
        goto oom;
    }
    for (int o = 0; o < b->noutcomes; o++) {
        g->outcome_label[o] = b->outcomes[o].label;
        g->outcome_number[o] = b->outcomes[o].number;
        for (size_t p = 0; p < n; p++)
            g->outcome_pay[(size_t)o * n + p] = brink_q_get_d(g->outcome_payq[(size_t)o * n + p]);
    }
    b->noutcomes = 0; /* the builder no longer owns their values */

    /* Leaf payoffs: running sums down the path, one row per depth (pre-order walk); or, when
     * leaf l's only outcome is outcome l, the outcome values themselves (stored once). */
    g->nleaves = nleaves;
    if (ALLOC(g->leaf_node, nleaves) || ALLOC(g->leaf_pay, (size_t)nleaves * n)) goto oom;
    int own = g->noutcomes == nleaves;
    for (int v = 0; v < N && own; v++)
        if (g->node_outcome[v] != g->node_leaf[v]) own = 0; /* -1 == -1 at inner nodes */
    if (own) {
        g->leaf_payq = g->outcome_payq;
        g->payq_shared = 1;
        for (int v = 0; v < N; v++)
            if (g->node_leaf[v] >= 0) g->leaf_node[g->node_leaf[v]] = v;
        memcpy(g->leaf_pay, g->outcome_pay, sizeof(double) * (size_t)nleaves * n);
    } else if (!(g->leaf_payq = brink_q_array_new((size_t)nleaves * n))) {
        goto oom;
    } else {
        int maxdepth = 0;
        for (int v = 0; v < N; v++)
            if (g->node_depth[v] > maxdepth) maxdepth = g->node_depth[v];
        size_t rows = (size_t)maxdepth + 1;
        mpq_t *cum = brink_q_array_new(rows * n);
        if (!cum) goto oom;
        for (int v = 0; v < N; v++) {
            size_t d = (size_t)g->node_depth[v];
            mpq_t *row = cum + d * n;
            for (size_t p = 0; p < n; p++) {
                if (d == 0) mpq_set_ui(row[p], 0, 1);
                else mpq_set(row[p], cum[(d - 1) * n + p]);
                if (g->node_outcome[v] >= 0)
                    mpq_add(row[p], row[p], g->outcome_payq[(size_t)g->node_outcome[v] * n + p]);
            }
            int l = g->node_leaf[v];
            if (l >= 0) {
                g->leaf_node[l] = v;
                for (size_t p = 0; p < n; p++) {
                    mpq_set(g->leaf_payq[(size_t)l * n + p], row[p]);
                    g->leaf_pay[(size_t)l * n + p] = brink_q_get_d(row[p]);
                }
            }
        }
        brink_q_array_free(cum, rows * n);
    }

    int r = check_recall(g, NULL, NULL);
    if (r < 0) goto oom;
    g->perfect_recall = r;
    g->perfect_info = brink_efg_is_perfect_info(g);
    free(order);
    free(remap);
    brink_efg_builder_free(b);
    return g;
oom:
    brink_error_set(err, BRINK_ENOMEM, "out of memory laying out a game of %d nodes", b->nnodes);
fail:
    free(order);
    free(remap);
    brink_efg_free(g);
    brink_efg_builder_free(b);
    return NULL;
}

int brink_efg_is_constant_sum(const brink_efg *g)
{
    size_t n = (size_t)g->nplayers;
    mpq_t s, first;
    mpq_init(s);
    mpq_init(first);
    int ok = 1;
    for (int l = 0; l < g->nleaves && ok; l++) {
        mpq_set_ui(s, 0, 1);
        for (size_t p = 0; p < n; p++) mpq_add(s, s, g->leaf_payq[(size_t)l * n + p]);
        if (l == 0) mpq_set(first, s);
        else if (!mpq_equal(s, first)) ok = 0;
    }
    mpq_clear(s);
    mpq_clear(first);
    return ok;
}

int brink_efg_equal(const brink_efg *a, const brink_efg *b)
{
    if (a->nplayers != b->nplayers || a->nnodes != b->nnodes || a->ninfosets != b->ninfosets ||
        a->nactions != b->nactions || a->nleaves != b->nleaves)
        return 0;
    if (strcmp(a->title, b->title) != 0) return 0;
    for (int p = 0; p < a->nplayers; p++)
        if (strcmp(a->player_names[p], b->player_names[p]) != 0) return 0;
    for (int v = 0; v < a->nnodes; v++) {
        if (a->node_infoset[v] != b->node_infoset[v] || a->node_parent[v] != b->node_parent[v] ||
            a->node_action[v] != b->node_action[v])
            return 0;
        if (strcmp(a->node_label[v], b->node_label[v]) != 0) return 0;
    }
    for (int h = 0; h < a->ninfosets; h++) {
        if (a->infoset_player[h] != b->infoset_player[h] ||
            a->infoset_nactions[h] != b->infoset_nactions[h])
            return 0;
        if (strcmp(a->infoset_label[h], b->infoset_label[h]) != 0) return 0;
    }
    for (int k = 0; k < a->nactions; k++) {
        if (strcmp(a->action_label[k], b->action_label[k]) != 0) return 0;
        if (!mpq_equal(a->action_probq[k], b->action_probq[k])) return 0;
    }
    size_t n = (size_t)a->nplayers;
    for (size_t k = 0; k < (size_t)a->nleaves * n; k++)
        if (!mpq_equal(a->leaf_payq[k], b->leaf_payq[k])) return 0;
    return 1;
}
