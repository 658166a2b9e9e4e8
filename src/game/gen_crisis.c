/* gen_crisis.c — the crisis-bargaining family (see brink/generate.h for the rules and payoffs).
 *
 * Invariant: nodes are emitted in pre-order. The challenger's information sets are keyed by
 * (type, demands so far), the defender's by the demands so far alone: the defender sees every
 * demand, never the type. Payoffs are exact rationals built from the integer parameters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "brink/generate.h"
#include "game/gen_util.h"

void brink_crisis_params_init(brink_crisis_params *p)
{
    memset(p, 0, sizeof *p);
    p->rounds = 2;
    p->levels = 2;
    p->types = 2;
    p->stake = 10;
    p->crisis_cost = 1;
    p->audience_cost = 1;
    p->war_gain = 4;
    p->war_cost_resolute = 2;
    p->war_cost_bluffer = 12;
    p->defender_war_cost = 6;
    p->prior_weights = NULL;
}

long long brink_crisis_node_count(const brink_crisis_params *p)
{
    if (!p || p->rounds < 1 || p->levels < 1 || p->types < 1)
        return -1;
    long long t = 2 + 5LL * p->levels;
    for (int r = 2; r <= p->rounds; r++) {
        if (t > (1LL << 40))
            return -1;
        t = 2 + (long long)p->levels * (2 + t);
    }
    if (t > (1LL << 40))
        return -1;
    return 1 + (long long)p->types * t;
}

typedef struct crisis_ctx {
    const brink_crisis_params *p;
    brink_efg_builder *b;
    brink_genmap sets;
    mpq_t pay[2], war_cost, tmp;
    char **level_labels; /* "demand l/L" */
    brink_error *err;
} crisis_ctx;

/* Payoffs are (x + y/L) style rationals: set pay = num / den. */
static int crisis_leaf(crisis_ctx *k, long c_num, long d_num, unsigned long den)
{
    mpq_set_si(k->pay[0], c_num, den);
    mpq_set_si(k->pay[1], d_num, den);
    mpq_canonicalize(k->pay[0]);
    mpq_canonicalize(k->pay[1]);
    return brink_gen_leaf(k->b, k->pay, k->err) < 0 ? -1 : 0;
}

static int crisis_set(crisis_ctx *k, const char *key, int player, int na,
                      const char *const *labels)
{
    int h = brink_genmap_get(&k->sets, key);
    if (h >= 0)
        return h;
    h = brink_efg_builder_add_infoset(k->b, player, na, key, labels, NULL, 0, k->err);
    if (h < 0 || brink_genmap_put(&k->sets, key, h, k->err) != BRINK_OK)
        return -1;
    return h;
}

/* hist: the demand levels so far as digits-with-separators, e.g. "2.1." */
static int crisis_challenger(crisis_ctx *k, int type, int round, char *hist, size_t hlen);

static int crisis_final(crisis_ctx *k, int type, char *hist)
{
    const brink_crisis_params *p = k->p;
    char key[64 + 12 * 64];   /* hist: at most 64 rounds of "1000." (checked below): fits */
    snprintf(key, sizeof key, "C%d|%s|final", type, hist);
    static const char *const labels[2] = {"fight", "back down"};
    int h = crisis_set(k, key, 0, 2, labels);
    if (h < 0 || brink_efg_builder_add_node(k->b, "", h, -1, k->err) < 0)
        return -1;
    long R = p->rounds, c = p->crisis_cost;
    /* fight: war_gain - w_t - R c; w_t is rational (denominator types - 1). */
    mpq_set_si(k->pay[0], p->war_gain - R * c, 1);
    mpq_sub(k->pay[0], k->pay[0], k->war_cost);
    mpq_set_si(k->pay[1], -p->war_gain - p->defender_war_cost - R * c, 1);
    if (brink_gen_leaf(k->b, k->pay, k->err) < 0)
        return -1;
    return crisis_leaf(k, -R * (c + p->audience_cost), -R * c, 1);
}

static int crisis_defender(crisis_ctx *k, int type, int round, int level, char *hist,
                           size_t hlen)
{
    const brink_crisis_params *p = k->p;
    char key[16 + 12 * 64];   /* hist: at most 64 rounds of "1000.": fits */
    snprintf(key, sizeof key, "D|%s", hist);
    static const char *const labels[2] = {"concede", "hold firm"};
    int h = crisis_set(k, key, 1, 2, labels);
    if (h < 0 || brink_efg_builder_add_node(k->b, "", h, -1, k->err) < 0)
        return -1;
    long held = round - 1, c = p->crisis_cost, L = p->levels;
    /* concede: challenger gets stake * level / L */
    if (crisis_leaf(k, p->stake * level - held * c * L, -p->stake * level - held * c * L,
                    (unsigned long)L) < 0)
        return -1;
    if (round == p->rounds)
        return crisis_final(k, type, hist);
    return crisis_challenger(k, type, round + 1, hist, hlen);
}

static int crisis_challenger(crisis_ctx *k, int type, int round, char *hist, size_t hlen)
{
    const brink_crisis_params *p = k->p;
    char key[16 + 12 * 64];   /* hist: at most 64 rounds of "1000.": fits */
    snprintf(key, sizeof key, "C%d|%s", type, hist);
    int na = 1 + p->levels;
    const char **labels = (const char **)k->level_labels;
    labels[0] = round == 1 ? "status quo" : "back down";
    int h = crisis_set(k, key, 0, na, labels);
    if (h < 0 || brink_efg_builder_add_node(k->b, "", h, -1, k->err) < 0)
        return -1;
    long held = round - 1;
    if (crisis_leaf(k, -held * (p->crisis_cost + p->audience_cost), -held * p->crisis_cost,
                    1) < 0)
        return -1;
    for (int l = 1; l <= p->levels; l++) {
        int w = snprintf(hist + hlen, 12, "%d.", l);
        if (crisis_defender(k, type, round, l, hist, hlen + (size_t)w) < 0)
            return -1;
        hist[hlen] = '\0';
    }
    return 0;
}

brink_efg *brink_gen_crisis(const brink_crisis_params *p, brink_error *err)
{
    if (!p || p->rounds < 1 || p->levels < 1 || p->types < 1 || p->rounds > 64 ||
        p->levels > 1000 || p->types > 1000) {
        brink_error_set(err, BRINK_EINVALID,
                        "crisis game: need 1 <= rounds <= 64, 1 <= levels <= 1000 and "
                        "1 <= types <= 1000");
        return NULL;
    }
    long long nn = brink_crisis_node_count(p);
    if (nn < 0 || (unsigned long long)nn > BRINK_MAX_NODES) {
        brink_error_set(err, BRINK_ETOOBIG,
                        "crisis game with %d rounds and %d levels exceeds %zu nodes",
                        p->rounds, p->levels, (size_t)BRINK_MAX_NODES);
        return NULL;
    }
    long wsum = 0;
    for (int t = 0; t < p->types; t++) {
        long w = p->prior_weights ? p->prior_weights[t] : 1;
        if (w <= 0) {
            brink_error_set(err, BRINK_EINVALID, "crisis game: prior weight of type %d is %ld",
                            t + 1, w);
            return NULL;
        }
        wsum += w;
    }
    crisis_ctx k;
    memset(&k, 0, sizeof k);
    k.p = p;
    k.err = err;
    k.b = brink_efg_builder_new(2, err);
    if (!k.b)
        return NULL;
    brink_genmap_init(&k.sets);
    mpq_init(k.pay[0]);
    mpq_init(k.pay[1]);
    mpq_init(k.war_cost);
    mpq_init(k.tmp);
    char *hist = malloc(12 * (size_t)p->rounds + 1);
    k.level_labels = brink_calloc((size_t)p->levels + 1, sizeof(char *));
    const char **type_labels = brink_calloc((size_t)p->types, sizeof(char *));
    char *label_text = malloc(24 * ((size_t)p->levels + (size_t)p->types + 2));
    mpq_t *probs = brink_q_array_new((size_t)p->types);
    int ok = hist && k.level_labels && type_labels && label_text && probs;
    if (!ok)
        brink_error_set(err, BRINK_ENOMEM, "crisis game: out of memory");
    if (ok) {
        char *txt = label_text;
        for (int l = 1; l <= p->levels; l++) {
            snprintf(txt, 24, "demand %d/%d", l, p->levels);
            k.level_labels[l] = txt;
            txt += 24;
        }
        for (int t = 0; t < p->types; t++) {
            if (p->types == 2)
                snprintf(txt, 24, "%s", t == 0 ? "resolute" : "bluffing");
            else
                snprintf(txt, 24, "type %d", t + 1);
            type_labels[t] = txt;
            txt += 24;
            mpq_set_si(probs[t], p->prior_weights ? p->prior_weights[t] : 1, (unsigned long)wsum);
            mpq_canonicalize(probs[t]);
        }
        ok = brink_efg_builder_set_title(k.b, "Crisis bargaining with private resolve",
                                         err) == BRINK_OK &&
             brink_efg_builder_set_player_name(k.b, 0, "Challenger", err) == BRINK_OK &&
             brink_efg_builder_set_player_name(k.b, 1, "Defender", err) == BRINK_OK;
    }
    if (ok) {
        int h = brink_efg_builder_add_infoset(k.b, BRINK_CHANCE, p->types, "resolve",
                                              type_labels, (const mpq_t *)probs, 0, err);
        ok = h >= 0 && brink_efg_builder_add_node(k.b, "", h, -1, err) >= 0;
    }
    for (int t = 0; t < p->types && ok; t++) {
        /* w_t = resolute + (bluffer - resolute) * t / (types - 1) */
        if (p->types == 1) {
            mpq_set_si(k.war_cost, p->war_cost_resolute, 1);
        } else {
            mpq_set_si(k.war_cost, (p->war_cost_bluffer - p->war_cost_resolute) * t,
                       (unsigned long)(p->types - 1));
            mpq_canonicalize(k.war_cost);
            mpq_set_si(k.tmp, p->war_cost_resolute, 1);
            mpq_add(k.war_cost, k.war_cost, k.tmp);
        }
        hist[0] = '\0';
        ok = crisis_challenger(&k, t, 1, hist, 0) == 0;
    }
    free(hist);
    free(k.level_labels);
    free(type_labels);
    free(label_text);
    if (probs)
        brink_q_array_free(probs, (size_t)p->types);
    mpq_clear(k.pay[0]);
    mpq_clear(k.pay[1]);
    mpq_clear(k.war_cost);
    mpq_clear(k.tmp);
    brink_genmap_free(&k.sets);
    if (!ok) {
        brink_efg_builder_free(k.b);
        return NULL;
    }
    return brink_efg_builder_finish(k.b, err);
}
