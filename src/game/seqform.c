/* seqform.c — the sequence form of a perfect-recall extensive game (von Stengel 1996;
 * Koller, Megiddo and von Stengel 1996), and conversions between behaviour strategies and
 * realisation plans.
 *
 * Invariant: sequence 0 of every player is the empty sequence; sequence 1 + k is the k-th
 * action of the player (global action player_action_start[i] + k), i.e. the sequence that
 * ends with that action. Perfect recall means all nodes of an information set share the
 * player's last sequence, which is infoset_parent_seq[h]. Because infosets of a player are
 * numbered by their first node in pre-order, the parent sequence of infoset h belongs to an
 * infoset with a smaller number, so one forward sweep over the infosets visits parents first.
 *
 * Payoff entries aggregate the leaves by their tuple of sequences (one per player):
 * entry value = sum over those leaves of chance(l) * u(l), exactly in mpq.
 */
#include <stdlib.h>
#include <string.h>
#include "brink/game.h"
#include "game/seqform_internal.h"

/* Entry arrays always have at least one slot, so a game whose leaves all have chance
 * probability 0 (or a one-node game) still allocates something. */
static size_t entry_slots(int nentries, int nplayers)
{
    size_t k = (size_t)nentries * (size_t)nplayers;
    return k ? k : 1;
}

void brink_seqform_free(brink_seqform *sf)
{
    if (!sf)
        return;
    free(sf->nseqs);
    free(sf->infoset_parent_seq);
    free(sf->node_seq);
    free(sf->entry_seq);
    if (sf->entry_payq)
        brink_q_array_free(sf->entry_payq, entry_slots(sf->nentries, sf->nplayers));
    free(sf->entry_pay);
    free(sf);
}

/* Sort context: qsort has no user pointer, so each key carries the tuple width. */
typedef struct leaf_key {
    const int *seq; /* the leaf's sequence tuple (row of node_seq) */
    int width;      /* nplayers */
    int leaf;       /* leaf index */
} leaf_key;

static int leaf_key_cmp(const void *pa, const void *pb)
{
    const leaf_key *a = pa, *b = pb;
    for (int i = 0; i < a->width; i++) {
        if (a->seq[i] != b->seq[i])
            return a->seq[i] < b->seq[i] ? -1 : 1;
    }
    return a->leaf < b->leaf ? -1 : (a->leaf > b->leaf);
}

static int same_tuple(const int *a, const int *b, int n)
{
    return memcmp(a, b, (size_t)n * sizeof(int)) == 0;
}

/* Exact chance probability of reaching every leaf: chance[l] (nleaves entries). */
static brink_status leaf_chance_probs(const brink_efg *g, mpq_t *chance, brink_error *err)
{
    int maxdepth = 0;
    for (int v = 0; v < g->nnodes; v++)
        if (g->node_depth[v] > maxdepth)
            maxdepth = g->node_depth[v];
    /* One slot per depth: in pre-order the ancestors of v occupy slots 0..depth(v)-1. */
    mpq_t *stack = brink_q_array_new((size_t)maxdepth + 1);
    if (!stack)
        return brink_error_set(err, BRINK_ENOMEM, "sequence form: out of memory");
    for (int v = 0; v < g->nnodes; v++) {
        int d = g->node_depth[v];
        if (v == 0) {
            mpq_set_ui(stack[0], 1, 1);
        } else {
            int p = g->node_parent[v];
            int h = g->node_infoset[p];
            if (g->infoset_player[h] == BRINK_CHANCE)
                mpq_mul(stack[d], stack[d - 1], g->action_probq[g->node_action[v]]);
            else
                mpq_set(stack[d], stack[d - 1]);
        }
        if (g->node_leaf[v] >= 0)
            mpq_set(chance[g->node_leaf[v]], stack[d]);
    }
    brink_q_array_free(stack, (size_t)maxdepth + 1);
    return BRINK_OK;
}

brink_seqform *brink_seqform_new(const brink_efg *g, brink_error *err)
{
    if (!g) {
        brink_error_set(err, BRINK_EINVALID, "brink_seqform_new: game is NULL");
        return NULL;
    }
    int n = g->nplayers;
    brink_seqform *sf = brink_calloc(1, sizeof *sf);
    leaf_key *keys = NULL;
    mpq_t *chance = NULL;
    if (!sf)
        goto oom;
    sf->nplayers = n;
    sf->game = g;
    sf->nseqs = brink_calloc((size_t)n, sizeof *sf->nseqs);
    sf->infoset_parent_seq = brink_calloc((size_t)g->ninfosets + 1, sizeof(int));
    sf->node_seq = brink_calloc((size_t)g->nnodes * (size_t)n, sizeof(int));
    if (!sf->nseqs || !sf->infoset_parent_seq || !sf->node_seq)
        goto oom;
    for (int i = 0; i < n; i++)
        sf->nseqs[i] = 1 + g->player_action_start[i + 1] - g->player_action_start[i];

    /* Player i's last sequence at every node, in pre-order (parents come first). */
    for (int v = 0; v < g->nnodes; v++) {
        int *row = sf->node_seq + (size_t)v * n;
        if (v == 0) {
            for (int i = 0; i < n; i++)
                row[i] = 0;
            continue;
        }
        int p = g->node_parent[v];
        memcpy(row, sf->node_seq + (size_t)p * n, (size_t)n * sizeof(int));
        int pl = g->infoset_player[g->node_infoset[p]];
        if (pl >= 0)
            row[pl] = 1 + g->node_action[v] - g->player_action_start[pl];
    }
    /* Perfect recall in sequence terms: one parent sequence per infoset. */
    for (int h = 0; h < g->ninfosets; h++) {
        int pl = g->infoset_player[h];
        if (pl < 0) {
            sf->infoset_parent_seq[h] = -1;
            continue;
        }
        const int *mem = g->infoset_member + g->infoset_member_start[h];
        int s = sf->node_seq[(size_t)mem[0] * n + pl];
        for (int k = 1; k < g->infoset_nmembers[h]; k++) {
            if (sf->node_seq[(size_t)mem[k] * n + pl] != s) {
                brink_error_set(err, BRINK_EINVALID,
                                "sequence form needs perfect recall: player %d reaches "
                                "information set %d (\"%s\") through different own moves",
                                pl + 1, h, g->infoset_label[h] ? g->infoset_label[h] : "");
                brink_seqform_free(sf);
                return NULL;
            }
        }
        sf->infoset_parent_seq[h] = s;
    }

    /* Aggregate leaves by sequence tuple. */
    int nl = g->nleaves;
    chance = brink_q_array_new((size_t)nl + 1);
    keys = brink_calloc((size_t)nl + 1, sizeof *keys);
    if (!chance || !keys)
        goto oom;
    if (leaf_chance_probs(g, chance, err) != BRINK_OK) {
        brink_q_array_free(chance, (size_t)nl + 1);
        free(keys);
        brink_seqform_free(sf);
        return NULL;
    }
    int nk = 0;
    for (int l = 0; l < nl; l++) {
        if (mpq_sgn(chance[l]) == 0)
            continue; /* never reached: contributes nothing */
        keys[nk].seq = sf->node_seq + (size_t)g->leaf_node[l] * n;
        keys[nk].width = n;
        keys[nk].leaf = l;
        nk++;
    }
    qsort(keys, (size_t)nk, sizeof *keys, leaf_key_cmp);
    int ne = 0;
    for (int k = 0; k < nk; k++)
        if (k == 0 || !same_tuple(keys[k].seq, keys[k - 1].seq, n))
            ne++;
    sf->nentries = ne;
    sf->entry_seq = brink_calloc(entry_slots(ne, n), sizeof(int));
    sf->entry_payq = brink_q_array_new(entry_slots(ne, n));
    sf->entry_pay = brink_calloc(entry_slots(ne, n), sizeof(double));
    if (!sf->entry_seq || !sf->entry_payq || !sf->entry_pay)
        goto oom;
    {
        mpq_t tmp;
        mpq_init(tmp);
        int e = -1;
        for (int k = 0; k < nk; k++) {
            if (k == 0 || !same_tuple(keys[k].seq, keys[k - 1].seq, n)) {
                e++;
                memcpy(sf->entry_seq + (size_t)e * n, keys[k].seq, (size_t)n * sizeof(int));
            }
            int l = keys[k].leaf;
            for (int i = 0; i < n; i++) {
                mpq_mul(tmp, chance[l], g->leaf_payq[(size_t)l * n + i]);
                mpq_add(sf->entry_payq[(size_t)e * n + i], sf->entry_payq[(size_t)e * n + i], tmp);
            }
        }
        mpq_clear(tmp);
    }
    for (size_t k = 0; k < (size_t)ne * n; k++)
        sf->entry_pay[k] = brink_q_get_d(sf->entry_payq[k]);
    brink_q_array_free(chance, (size_t)nl + 1);
    free(keys);
    return sf;

oom:
    if (chance)
        brink_q_array_free(chance, (size_t)g->nleaves + 1);
    free(keys);
    brink_seqform_free(sf);
    brink_error_set(err, BRINK_ENOMEM, "sequence form: out of memory");
    return NULL;
}

int brink_seqform_plan_offset(const brink_seqform *sf, int player)
{
    int off = 0;
    for (int i = 0; i < player; i++)
        off += sf->nseqs[i];
    return off;
}

void brink_seqform_realization_from_behav(const brink_seqform *sf, const double *behav,
                                          double *plans)
{
    const brink_efg *g = sf->game;
    double *r = plans;
    for (int i = 0; i < sf->nplayers; i++) {
        int as = g->player_action_start[i];
        r[0] = 1.0;
        for (int h = g->player_infoset_start[i]; h < g->player_infoset_start[i + 1]; h++) {
            double parent = r[sf->infoset_parent_seq[h]];
            int a0 = g->infoset_action_start[h];
            for (int a = 0; a < g->infoset_nactions[h]; a++)
                r[1 + a0 + a - as] = parent * behav[a0 + a];
        }
        r += sf->nseqs[i];
    }
}

void brink_seqform_behav_from_realization(const brink_seqform *sf, const double *plans,
                                          double *behav)
{
    const brink_efg *g = sf->game;
    const double *r = plans;
    for (int i = 0; i < sf->nplayers; i++) {
        int as = g->player_action_start[i];
        for (int h = g->player_infoset_start[i]; h < g->player_infoset_start[i + 1]; h++) {
            int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
            /* Normalise by the children's sum (equal to the parent weight for a valid plan)
             * so that small violations of the plan constraints still give a distribution. */
            double sum = 0;
            for (int a = 0; a < na; a++) {
                double x = r[1 + a0 + a - as];
                sum += x > 0 ? x : 0;
            }
            for (int a = 0; a < na; a++) {
                double x = r[1 + a0 + a - as];
                behav[a0 + a] = sum > 0 ? (x > 0 ? x : 0) / sum : 1.0 / na;
            }
        }
        r += sf->nseqs[i];
    }
    for (int a = g->player_action_start[g->nplayers]; a < g->nactions; a++)
        behav[a] = g->action_prob[a];
}

void brink_seqform_realization_from_behavq(const brink_seqform *sf, const mpq_t *behav,
                                           mpq_t *plans)
{
    const brink_efg *g = sf->game;
    mpq_t *r = plans;
    for (int i = 0; i < sf->nplayers; i++) {
        int as = g->player_action_start[i];
        mpq_set_ui(r[0], 1, 1);
        for (int h = g->player_infoset_start[i]; h < g->player_infoset_start[i + 1]; h++) {
            int ps = sf->infoset_parent_seq[h];
            int a0 = g->infoset_action_start[h];
            for (int a = 0; a < g->infoset_nactions[h]; a++)
                mpq_mul(r[1 + a0 + a - as], r[ps], behav[a0 + a]);
        }
        r += sf->nseqs[i];
    }
}

void brink_seqform_behav_from_realizationq(const brink_seqform *sf, const mpq_t *plans,
                                           mpq_t *behav)
{
    const brink_efg *g = sf->game;
    const mpq_t *r = plans;
    mpq_t sum;
    mpq_init(sum);
    for (int i = 0; i < sf->nplayers; i++) {
        int as = g->player_action_start[i];
        for (int h = g->player_infoset_start[i]; h < g->player_infoset_start[i + 1]; h++) {
            int a0 = g->infoset_action_start[h], na = g->infoset_nactions[h];
            mpq_set_ui(sum, 0, 1);
            for (int a = 0; a < na; a++)
                if (mpq_sgn(r[1 + a0 + a - as]) > 0)
                    mpq_add(sum, sum, r[1 + a0 + a - as]);
            for (int a = 0; a < na; a++) {
                if (mpq_sgn(sum) == 0)
                    mpq_set_ui(behav[a0 + a], 1, (unsigned long)na);
                else if (mpq_sgn(r[1 + a0 + a - as]) > 0)
                    mpq_div(behav[a0 + a], r[1 + a0 + a - as], sum);
                else
                    mpq_set_ui(behav[a0 + a], 0, 1);
            }
        }
        r += sf->nseqs[i];
    }
    for (int a = g->player_action_start[g->nplayers]; a < g->nactions; a++)
        mpq_set(behav[a], g->action_probq[a]);
    mpq_clear(sum);
}

brink_status brink_seqform_entry_chance(const brink_seqform *sf, mpq_t *mass, brink_error *err)
{
    const brink_efg *g = sf->game;
    int n = sf->nplayers;
    mpq_t *chance = brink_q_array_new((size_t)g->nleaves + 1);
    if (!chance)
        return brink_error_set(err, BRINK_ENOMEM, "sequence form: out of memory");
    brink_status st = leaf_chance_probs(g, chance, err);
    for (int e = 0; e < sf->nentries; e++)
        mpq_set_ui(mass[e], 0, 1);
    for (int l = 0; l < g->nleaves && st == BRINK_OK; l++) {
        if (mpq_sgn(chance[l]) == 0)
            continue;
        const int *key = sf->node_seq + (size_t)g->leaf_node[l] * n;
        int lo = 0, hi = sf->nentries - 1, found = -1;
        while (lo <= hi) { /* entries are sorted by tuple */
            int mid = (lo + hi) / 2;
            int c = 0;
            for (int i = 0; i < n && c == 0; i++) {
                int a = sf->entry_seq[(size_t)mid * n + i];
                c = (a > key[i]) - (a < key[i]);
            }
            if (c == 0) {
                found = mid;
                break;
            }
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        if (found < 0)
            st = brink_error_set(err, BRINK_EINTERNAL, "sequence form: leaf without entry");
        else
            mpq_add(mass[found], mass[found], chance[l]);
    }
    brink_q_array_free(chance, (size_t)g->nleaves + 1);
    return st;
}

void brink_seqform_seq_lengths(const brink_seqform *sf, int player, int *len)
{
    const brink_efg *g = sf->game;
    int as = g->player_action_start[player];
    len[0] = 0;
    for (int h = g->player_infoset_start[player]; h < g->player_infoset_start[player + 1]; h++) {
        int a0 = g->infoset_action_start[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            len[1 + a0 + a - as] = len[sf->infoset_parent_seq[h]] + 1;
    }
}
