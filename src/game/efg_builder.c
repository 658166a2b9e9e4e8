/* efg_builder.c — building extensive-form games node by node, in pre-order.
 *
 * The builder checks each node as it arrives (known infoset and outcome, no node after the
 * tree is complete) with an explicit stack of open nodes, so building is linear in the number
 * of nodes and never recurses. brink_efg_builder_finish() then lays the game out as the flat
 * arrays described in brink/efg.h (see efg_layout.c), moving the exact values it holds into
 * the game. Labels are stored once per distinct text (or borrowed from the caller), and a
 * generator that knows its counts reserves the arrays once instead of doubling them.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "brink/efg.h"
#include "game/efg_internal.h"

static int grow(void **p, int *cap, int need, size_t elem)
{
    if (need <= *cap) return 0;
    int c = *cap ? *cap : 16;
    while (c < need) {
        if (c > (1 << 29)) return -1;
        c *= 2;
    }
    void *q = brink_reallocarray(*p, (size_t)c, elem);
    if (!q) return -1;
    *p = q;
    *cap = c;
    return 0;
}

brink_efg_builder *brink_efg_builder_new(int nplayers, brink_error *err)
{
    if (nplayers < 1 || nplayers > BRINK_MAX_PLAYERS) {
        brink_error_set(err, BRINK_EINVALID, "a game needs 1..%d players, not %d",
                        BRINK_MAX_PLAYERS, nplayers);
        return NULL;
    }
    brink_efg_builder *b = calloc(1, sizeof *b);
    if (!b) goto oom;
    b->nplayers = nplayers;
    b->arena = brink_arena_new();
    b->player_names = calloc((size_t)nplayers, sizeof(char *));
    b->next_number = calloc((size_t)nplayers + 1, sizeof(int));
    if (!b->arena || !b->player_names || !b->next_number) goto oom;
    b->title = brink_arena_strdup(b->arena, "");
    b->comment = brink_arena_strdup(b->arena, "");
    if (!b->title || !b->comment) goto oom;
    for (int p = 0; p < nplayers; p++) {
        char name[32];
        snprintf(name, sizeof name, "Player %d", p + 1);
        if (!(b->player_names[p] = brink_arena_strdup(b->arena, name))) goto oom;
    }
    return b;
oom:
    brink_efg_builder_free(b);
    brink_error_set(err, BRINK_ENOMEM, "out of memory creating a game builder");
    return NULL;
}

void brink_efg_builder_free(brink_efg_builder *b)
{
    if (!b) return;
    /* only the slots in use were initialised (finish() may have taken both arrays) */
    brink_q_array_free(b->probq, (size_t)b->nactions);
    brink_q_array_free(b->outcome_payq, (size_t)b->noutcomes * (size_t)b->nplayers);
    free(b->infosets);
    free(b->action_label);
    free(b->outcomes);
    free(b->nodes);
    free(b->stack);
    free(b->player_names);
    free(b->next_number);
    htab_free(&b->strh);
    free(b->strs);
    brink_arena_free(b->arena);
    free(b);
}

typedef struct str_key {
    const brink_efg_builder *b;
    const char *s;
} str_key;

static int str_eq(void *ctx, int idx)
{
    const str_key *k = ctx;
    return strcmp(k->b->strs[idx], k->s) == 0;
}

/* The arena's one copy of s (made on first sight), or NULL when out of memory. Cost: one hash
 * of s and, on a hit, one comparison. */
static char *intern(brink_efg_builder *b, const char *s)
{
    if (!s) s = "";
    if (b->borrow) return (char *)s;
    size_t n = strlen(s);
    uint64_t h = htab_hash_bytes(s, n, 0x6c6162656cull);
    str_key k = {b, s};
    int i = htab_find(&b->strh, h, str_eq, &k);
    if (i >= 0) return (char *)b->strs[i];
    if (grow((void **)&b->strs, &b->strs_cap, b->nstrs + 1, sizeof *b->strs)) return NULL;
    char *c = brink_arena_strndup(b->arena, s, n);
    if (!c || htab_add(&b->strh, h, b->nstrs) != 0) return NULL;
    b->strs[b->nstrs] = c;
    b->nstrs++;
    return c;
}

static brink_status dup_into(brink_efg_builder *b, char **slot, const char *s, brink_error *err)
{
    if (!b) return brink_error_set(err, BRINK_ENOMEM, "no game builder (its creation failed)");
    char *c = brink_arena_strdup(b->arena, s);
    if (!c) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    *slot = c;
    return BRINK_OK;
}

brink_status brink_efg_builder_set_title(brink_efg_builder *b, const char *t, brink_error *err)
{
    return dup_into(b, &b->title, t, err);
}

brink_status brink_efg_builder_set_comment(brink_efg_builder *b, const char *c, brink_error *err)
{
    return dup_into(b, &b->comment, c, err);
}

brink_status brink_efg_builder_set_player_name(brink_efg_builder *b, int p, const char *name,
                                               brink_error *err)
{
    if (p < 0 || p >= b->nplayers)
        return brink_error_set(err, BRINK_EINVALID, "no player %d", p + 1);
    return dup_into(b, &b->player_names[p], name, err);
}

static int add_infoset_impl(brink_efg_builder *b, int player, int nactions,
                                  const char *label, const char *const *action_labels,
                                  const mpq_t *probs, int number, brink_error *err)
{
    if (player != BRINK_CHANCE && (player < 0 || player >= b->nplayers)) {
        brink_error_set(err, BRINK_EINVALID, "infoset for player %d, but the game has %d players",
                        player + 1, b->nplayers);
        return -1;
    }
    if (nactions < 1) {
        brink_error_set(err, BRINK_EINVALID, "an information set needs at least one action");
        return -1;
    }
    if (nactions > BRINK_MAX_ACTIONS) {
        brink_error_set(err, BRINK_ETOOBIG, "%d actions at one information set (limit %d)",
                        nactions, BRINK_MAX_ACTIONS);
        return -1;
    }
    if (player == BRINK_CHANCE) {
        if (!probs) {
            brink_error_set(err, BRINK_EINVALID, "a chance information set needs probabilities");
            return -1;
        }
        mpq_t sum;
        mpq_init(sum);
        int neg = -1;
        for (int a = 0; a < nactions; a++) {
            if (mpq_sgn(probs[a]) < 0 && neg < 0) neg = a;
            mpq_add(sum, sum, probs[a]);
        }
        int one = mpq_cmp_ui(sum, 1, 1) == 0;
        char *s = one ? NULL : brink_q_to_string(sum);
        mpq_clear(sum);
        if (neg >= 0) {
            free(s);
            brink_error_set(err, BRINK_EINVALID, "chance probability of action %d is negative",
                            neg + 1);
            return -1;
        }
        if (!one) {
            brink_error_set(err, BRINK_EINVALID,
                            "chance probabilities sum to %s, not exactly 1", s ? s : "?");
            free(s);
            return -1;
        }
    }
    if (grow((void **)&b->infosets, &b->infosets_cap, b->ninfosets + 1, sizeof *b->infosets) ||
        grow((void **)&b->action_label, &b->actions_cap_l, b->nactions + nactions,
             sizeof(char *)))
        goto oom;
    if (grow((void **)&b->probq, &b->probq_cap, b->nactions + nactions, sizeof(mpq_t))) goto oom;
    builder_infoset *h = &b->infosets[b->ninfosets];
    h->player = player;
    h->nactions = nactions;
    h->action_start = b->nactions;
    h->first_node = -1;
    int slot = player == BRINK_CHANCE ? b->nplayers : player;
    if (number <= 0) number = b->next_number[slot] + 1;
    if (number > b->next_number[slot]) b->next_number[slot] = number;
    h->number = number;
    if (!(h->label = intern(b, label))) goto oom;
    for (int a = 0; a < nactions; a++) {
        const char *l = action_labels && action_labels[a] ? action_labels[a] : "";
        if (!(b->action_label[b->nactions + a] = intern(b, l))) goto oom;
    }
    /* mpq_t values are plain structs holding pointers to limbs: grow() may move them */
    for (int a = 0; a < nactions; a++) {
        mpq_init(b->probq[b->nactions]);
        if (player == BRINK_CHANCE) mpq_set(b->probq[b->nactions], probs[a]);
        b->nactions++;
    }
    return b->ninfosets++;
oom:
    brink_error_set(err, BRINK_ENOMEM, "out of memory adding an information set");
    return -1;
}

static int add_outcome_impl(brink_efg_builder *b, const char *label, const mpq_t *pay,
                                  int number, brink_error *err)
{
    size_t n = (size_t)b->nplayers;
    if (grow((void **)&b->outcomes, &b->outcomes_cap, b->noutcomes + 1, sizeof *b->outcomes))
        goto oom;
    if ((size_t)(b->noutcomes + 1) * n > (size_t)INT_MAX / 2 ||
        grow((void **)&b->outcome_payq, &b->outpay_cap, (b->noutcomes + 1) * (int)n,
             sizeof(mpq_t)))
        goto oom;
    builder_outcome *o = &b->outcomes[b->noutcomes];
    if (!(o->label = intern(b, label))) goto oom;
    if (number <= 0) number = b->next_outcome_number + 1;
    if (number > b->next_outcome_number) b->next_outcome_number = number;
    o->number = number;
    for (size_t p = 0; p < n; p++) {
        mpq_t *q = &b->outcome_payq[(size_t)b->noutcomes * n + p];
        mpq_init(*q);
        mpq_set(*q, pay[p]);
    }
    return b->noutcomes++;
oom:
    brink_error_set(err, BRINK_ENOMEM, "out of memory adding an outcome");
    return -1;
}

static int add_node_impl(brink_efg_builder *b, const char *label, int infoset, int outcome,
                               brink_error *err)
{
    if (infoset < -1 || infoset >= b->ninfosets) {
        brink_error_set(err, BRINK_EINVALID, "node refers to unknown information set %d", infoset);
        return -1;
    }
    if (outcome < -1 || outcome >= b->noutcomes) {
        brink_error_set(err, BRINK_EINVALID, "node refers to unknown outcome %d", outcome);
        return -1;
    }
    if (b->nnodes > 0 && b->depth == 0) {
        brink_error_set(err, BRINK_EINVALID,
                        "node %d comes after the tree is already complete", b->nnodes + 1);
        return -1;
    }
    if ((size_t)b->nnodes >= BRINK_MAX_NODES) {
        brink_error_set(err, BRINK_ETOOBIG, "more than %zu nodes", (size_t)BRINK_MAX_NODES);
        return -1;
    }
    if (grow((void **)&b->nodes, &b->nodes_cap, b->nnodes + 1, sizeof *b->nodes)) goto oom;
    builder_node *v = &b->nodes[b->nnodes];
    v->infoset = infoset;
    v->outcome = outcome;
    v->label = "";
    if (label && label[0] && !(v->label = intern(b, label))) goto oom;
    if (b->depth == 0) {
        v->parent = -1;
        v->action = -1;
    } else {
        builder_open *top = &b->stack[b->depth - 1];
        v->parent = top->node;
        v->action = top->next++;
        if (top->next == b->infosets[b->nodes[top->node].infoset].nactions) b->depth--;
    }
    if (infoset >= 0) {
        if (b->infosets[infoset].first_node < 0) b->infosets[infoset].first_node = b->nnodes;
        if (grow((void **)&b->stack, &b->stack_cap, b->depth + 1, sizeof *b->stack)) goto oom;
        b->stack[b->depth].node = b->nnodes;
        b->stack[b->depth].next = 0;
        b->depth++;
    }
    return b->nnodes++;
oom:
    brink_error_set(err, BRINK_ENOMEM, "out of memory adding node %d", b->nnodes + 1);
    return -1;
}

/* Capacity for exactly `need` elements (at least), without doubling past it. */
static int reserve(void **p, int *cap, long need, size_t elem)
{
    if (need <= *cap) return 0;
    if (need > INT_MAX / 2) return -1;
    void *q = brink_reallocarray(*p, (size_t)need, elem);
    if (!q) return -1;
    *p = q;
    *cap = (int)need;
    return 0;
}

static brink_status reserve_impl(brink_efg_builder *b, long nodes, long infosets, long actions,
                                 long outcomes, brink_error *err)
{
    if (nodes < 0 || infosets < 0 || actions < 0 || outcomes < 0)
        return brink_error_set(err, BRINK_EINVALID, "negative count to reserve");
    /* a count past the builder's own limits is refused when the items come, not here */
    if (nodes > (long)BRINK_MAX_NODES) nodes = (long)BRINK_MAX_NODES;
    long pays = outcomes > INT_MAX / 2 / b->nplayers ? 0 : outcomes * b->nplayers;
    if (reserve((void **)&b->nodes, &b->nodes_cap, nodes, sizeof *b->nodes) ||
        reserve((void **)&b->infosets, &b->infosets_cap, infosets, sizeof *b->infosets) ||
        reserve((void **)&b->action_label, &b->actions_cap_l, actions, sizeof(char *)) ||
        reserve((void **)&b->probq, &b->probq_cap, actions, sizeof(mpq_t)) ||
        reserve((void **)&b->outcomes, &b->outcomes_cap, outcomes, sizeof *b->outcomes) ||
        reserve((void **)&b->outcome_payq, &b->outpay_cap, pays, sizeof(mpq_t)))
        return brink_error_set(err, BRINK_ENOMEM, "out of memory reserving room for %ld nodes",
                               nodes);
    return BRINK_OK;
}

/* ---- Public entry points: a failure sticks to the builder (see efg_internal.h). ---- */

static int refuse(brink_efg_builder *b, brink_error *err)
{
    if (!b) {
        brink_error_set(err, BRINK_ENOMEM, "no game builder (its creation failed)");
    } else if (err) {
        *err = b->failure;
    }
    return -1;
}

static int remember(brink_efg_builder *b, int r, const brink_error *local, brink_error *err)
{
    if (r < 0) {
        b->failure = *local;
        if (err) *err = *local;
    }
    return r;
}

int brink_efg_builder_add_infoset(brink_efg_builder *b, int player, int nactions,
                                  const char *label, const char *const *action_labels,
                                  const mpq_t *probs, int number, brink_error *err)
{
    if (!b || b->failure.code) return refuse(b, err);
    brink_error local;
    brink_error_clear(&local);
    int r = add_infoset_impl(b, player, nactions, label, action_labels, probs, number, &local);
    return remember(b, r, &local, err);
}

int brink_efg_builder_add_outcome(brink_efg_builder *b, const char *label, const mpq_t *pay,
                                  int number, brink_error *err)
{
    if (!b || b->failure.code) return refuse(b, err);
    brink_error local;
    brink_error_clear(&local);
    int r = add_outcome_impl(b, label, pay, number, &local);
    return remember(b, r, &local, err);
}

int brink_efg_builder_add_node(brink_efg_builder *b, const char *label, int infoset, int outcome,
                               brink_error *err)
{
    if (!b || b->failure.code) return refuse(b, err);
    brink_error local;
    brink_error_clear(&local);
    int r = add_node_impl(b, label, infoset, outcome, &local);
    return remember(b, r, &local, err);
}

brink_status brink_efg_builder_reserve(brink_efg_builder *b, long nodes, long infosets,
                                       long actions, long outcomes, brink_error *err)
{
    if (!b || b->failure.code) {
        refuse(b, err);
        return b ? b->failure.code : BRINK_ENOMEM;
    }
    brink_error local;
    brink_error_clear(&local);
    brink_status st = reserve_impl(b, nodes, infosets, actions, outcomes, &local);
    if (st) remember(b, -1, &local, err);
    return st;
}

void brink_efg_builder_borrow_labels(brink_efg_builder *b, int borrow)
{
    if (b) b->borrow = borrow != 0;
}
