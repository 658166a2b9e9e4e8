/* gen_leduc.c — Leduc hold'em built through the pre-order builder.
 *
 * Invariant: nodes are emitted in pre-order by a recursion over the betting; a player's
 * information set is keyed by (player, own card, public card or '?', betting history with '/'
 * between rounds) and declared the first time it is met. By default chance deals ranks, not
 * cards: suits never matter, so merging the two cards of a rank changes no payoff and no
 * strategically relevant information, only the tree size. brink_gen_leduc_cards() deals the
 * six cards individually (the tree other tools build, 936 information sets).
 * Payoffs are net winnings (zero-sum).
 */
#include <stdio.h>
#include <string.h>
#include "brink/generate.h"
#include "game/gen_util.h"

static const char *const leduc_rank[3] = {"J", "Q", "K"};
static const char *const leduc_card[6] = {"Js", "Jh", "Qs", "Qh", "Ks", "Kh"};

enum { LEDUC_MAX_RAISES = 2, LEDUC_HIST = 16 };

typedef struct leduc_ctx {
    int suits;       /* 1: six distinct cards; 0: three ranks with two copies each */
    brink_efg_builder *b;
    brink_genmap sets;
    mpq_t pay[2];
    brink_error *err;
} leduc_ctx;

typedef struct leduc_state {
    int rank[2];      /* private cards (ranks 0..2, or cards 0..5 with suits) */
    int pub;          /* public card, -1 during round 1 */
    int round;        /* 0 or 1 */
    int contrib[2];   /* chips put in so far, antes included */
    int raises;       /* raises in the current round */
    int facing;       /* 1 when the player to act faces a raise */
    int actor;
    char hist[LEDUC_HIST]; /* both rounds, '/' after round 1 */
    int hlen;         /* length of hist */
    int round_start;  /* index in hist where the current round begins */
} leduc_state;

static int card_rank(const leduc_ctx *k, int c)
{
    return k->suits ? c / 2 : c;
}

static const char *card_label(const leduc_ctx *k, int c)
{
    return k->suits ? leduc_card[c] : leduc_rank[c];
}

/* Cards of kind c still in the deck, given the cards already dealt (-1 = none). */
static int cards_left(const leduc_ctx *k, int c, int d1, int d2)
{
    return (k->suits ? 1 : 2) - (d1 == c) - (d2 == c);
}

static int leduc_leaf(leduc_ctx *k, long p1_wins)
{
    mpq_set_si(k->pay[0], p1_wins, 1);
    mpq_set_si(k->pay[1], -p1_wins, 1);
    return brink_gen_leaf(k->b, k->pay, k->err) < 0 ? -1 : 0;
}

static int leduc_showdown(leduc_ctx *k, const leduc_state *s)
{
    int r1 = card_rank(k, s->rank[0]), r2 = card_rank(k, s->rank[1]), pub = card_rank(k, s->pub);
    int win; /* +1 player 1, -1 player 2, 0 split */
    if (r1 == pub)
        win = 1;
    else if (r2 == pub)
        win = -1;
    else
        win = (r1 > r2) - (r1 < r2);
    /* At a showdown both have put in the same amount. */
    return leduc_leaf(k, (long)win * s->contrib[0]);
}

static int leduc_betting(leduc_ctx *k, leduc_state *s);

/* Chance deals the public card, then round 2 starts with player 1. */
static int leduc_deal_public(leduc_ctx *k, const leduc_state *s)
{
    const char *labels[6];
    mpq_t probs[6];
    int ranks[6], na = 0;
    for (int r = 0; r < (k->suits ? 6 : 3); r++) {
        int left = cards_left(k, r, s->rank[0], s->rank[1]);
        if (left == 0)
            continue;
        labels[na] = card_label(k, r);
        mpq_init(probs[na]);
        mpq_set_ui(probs[na], (unsigned long)left, 4);
        mpq_canonicalize(probs[na]);
        ranks[na++] = r;
    }
    int h = brink_efg_builder_add_infoset(k->b, BRINK_CHANCE, na, "public card", labels,
                                          (const mpq_t *)probs, 0, k->err);
    for (int a = 0; a < na; a++)
        mpq_clear(probs[a]);
    if (h < 0 || brink_efg_builder_add_node(k->b, "", h, -1, k->err) < 0)
        return -1;
    for (int a = 0; a < na; a++) {
        leduc_state t = *s;
        t.pub = ranks[a];
        t.round = 1;
        t.raises = 0;
        t.facing = 0;
        t.actor = 0;
        t.hist[t.hlen++] = '/';
        t.hist[t.hlen] = '\0';
        t.round_start = t.hlen;
        if (leduc_betting(k, &t) < 0)
            return -1;
    }
    return 0;
}

static int leduc_round_over(leduc_ctx *k, const leduc_state *s)
{
    return s->round == 0 ? leduc_deal_public(k, s) : leduc_showdown(k, s);
}

static int leduc_infoset(leduc_ctx *k, const leduc_state *s)
{
    char key[48];   /* two fixed card names and a history under LEDUC_HIST bytes: fits */
    snprintf(key, sizeof key, "%d:%s%s:%s", s->actor + 1, card_label(k, s->rank[s->actor]),
             s->pub >= 0 ? card_label(k, s->pub) : "?", s->hist);
    int h = brink_genmap_get(&k->sets, key);
    if (h >= 0)
        return h;
    const char *facing[3] = {"Fold", "Call", "Raise"};
    const char *open[2] = {"Check", "Raise"};
    int can_raise = s->raises < LEDUC_MAX_RAISES;
    int na = s->facing ? 2 + can_raise : 1 + can_raise;
    h = brink_efg_builder_add_infoset(k->b, s->actor, na, key, s->facing ? facing : open,
                                      NULL, 0, k->err);
    if (h < 0 || brink_genmap_put(&k->sets, key, h, k->err) != BRINK_OK)
        return -1;
    return h;
}

static void leduc_push(leduc_state *t, char c)
{
    t->hist[t->hlen++] = c;
    t->hist[t->hlen] = '\0';
}

static int leduc_betting(leduc_ctx *k, leduc_state *s)
{
    int h = leduc_infoset(k, s);
    if (h < 0 || brink_efg_builder_add_node(k->b, "", h, -1, k->err) < 0)
        return -1;
    int p = s->actor, o = 1 - p;
    int size = s->round == 0 ? 2 : 4;
    if (s->facing) {
        /* Fold: the folder loses what it has put in. */
        if (leduc_leaf(k, p == 0 ? -s->contrib[0] : s->contrib[1]) < 0)
            return -1;
        leduc_state t = *s; /* call ends the round */
        t.contrib[p] = t.contrib[o];
        leduc_push(&t, 'c');
        if (leduc_round_over(k, &t) < 0)
            return -1;
    } else {
        leduc_state t = *s;
        int second = s->hlen > s->round_start; /* check behind a check ends the round */
        leduc_push(&t, 'c');
        if (second) {
            if (leduc_round_over(k, &t) < 0)
                return -1;
        } else {
            t.actor = o;
            if (leduc_betting(k, &t) < 0)
                return -1;
        }
    }
    if (s->raises < LEDUC_MAX_RAISES) {
        leduc_state t = *s;
        t.contrib[p] = t.contrib[o] + size;
        t.raises++;
        t.facing = 1;
        t.actor = o;
        leduc_push(&t, 'r');
        if (leduc_betting(k, &t) < 0)
            return -1;
    }
    return 0;
}

/* A chance node dealing one private card, given the card already out (-1 = none). */
static int leduc_deal_private(leduc_ctx *k, int taken, int *ranks)
{
    const char *labels[6];
    mpq_t probs[6];
    int na = 0;
    for (int r = 0; r < (k->suits ? 6 : 3); r++) {
        int left = cards_left(k, r, taken, -1);
        if (left == 0)
            continue;
        labels[na] = card_label(k, r);
        mpq_init(probs[na]);
        mpq_set_ui(probs[na], (unsigned long)left, taken < 0 ? 6 : 5);
        mpq_canonicalize(probs[na]);
        ranks[na++] = r;
    }
    int h = brink_efg_builder_add_infoset(k->b, BRINK_CHANCE, na,
                                          taken < 0 ? "card 1" : "card 2", labels,
                                          (const mpq_t *)probs, 0, k->err);
    for (int a = 0; a < na; a++)
        mpq_clear(probs[a]);
    if (h < 0 || brink_efg_builder_add_node(k->b, "", h, -1, k->err) < 0)
        return -1;
    return na;
}

static brink_efg *gen_leduc(int suits, brink_error *err)
{
    leduc_ctx k;
    k.suits = suits;
    k.err = err;
    k.b = brink_efg_builder_new(2, err);
    if (!k.b)
        return NULL;
    brink_genmap_init(&k.sets);
    mpq_init(k.pay[0]);
    mpq_init(k.pay[1]);
    int ok = brink_efg_builder_set_title(k.b, "Leduc hold'em", err) == BRINK_OK &&
             brink_efg_builder_set_player_name(k.b, 0, "Player 1", err) == BRINK_OK &&
             brink_efg_builder_set_player_name(k.b, 1, "Player 2", err) == BRINK_OK;
    int r1s[6], r2s[6];
    int n1 = ok ? leduc_deal_private(&k, -1, r1s) : -1;
    ok = n1 > 0;
    for (int a = 0; a < n1 && ok; a++) {
        int n2 = leduc_deal_private(&k, r1s[a], r2s);
        ok = n2 > 0;
        for (int c = 0; c < n2 && ok; c++) {
            leduc_state s;
            memset(&s, 0, sizeof s);
            s.rank[0] = r1s[a];
            s.rank[1] = r2s[c];
            s.pub = -1;
            s.contrib[0] = s.contrib[1] = 1;
            ok = leduc_betting(&k, &s) == 0;
        }
    }
    mpq_clear(k.pay[0]);
    mpq_clear(k.pay[1]);
    brink_genmap_free(&k.sets);
    if (!ok) {
        brink_efg_builder_free(k.b);
        return NULL;
    }
    return brink_efg_builder_finish(k.b, err);
}

brink_efg *brink_gen_leduc(brink_error *err)
{
    return gen_leduc(0, err);
}

brink_efg *brink_gen_leduc_cards(brink_error *err)
{
    return gen_leduc(1, err);
}
