/* test_spe_plays.c — backward induction grouped by play (brink_solve_options.by_play)
 * against brute force.
 *
 * Small random perfect-information trees with payoffs in {0, 1, 2} (so ties everywhere),
 * some chance nodes (a few with a zero-probability branch): every pure profile is listed, the
 * subgame-perfect ones kept by a one-shot-deviation check written here in exact arithmetic
 * (values bottom-up under the profile; at each decision node no child worth more to the
 * mover), and grouped by play (the choices at the decision nodes play reaches). The solver's
 * list must be exactly those plays, each count exact, the total exact, and each play's
 * alternatives (alt) exactly the actions the profiles of that play take at each node.
 */
#include <gmp.h>
#include <stdint.h>

#include "brink/brink.h"
#include "check.h"

#define MAX_PROFILES 8000L

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

typedef struct {
    brink_efg_builder *b;
    int np;
    long profiles;   /* pure profiles so far */
    int nodes;
} gen;

static void leaf(gen *G)
{
    mpq_t pay[3];
    for (int p = 0; p < G->np; p++) {
        mpq_init(pay[p]);
        mpq_set_ui(pay[p], rnd(3), 1);
    }
    int o = brink_efg_builder_add_outcome(G->b, "", (const mpq_t *)pay, 0, NULL);
    brink_efg_builder_add_node(G->b, "", -1, o, NULL);
    for (int p = 0; p < G->np; p++) mpq_clear(pay[p]);
    G->nodes++;
}

static void node(gen *G, int depth)
{
    static const char *acts[3] = {"a", "b", "c"};
    unsigned r = rnd(100);
    if (depth >= 5 || G->nodes > 40 || r < 25) {
        leaf(G);
        return;
    }
    int k = 2 + (int)rnd(2);
    if (r < 38) {   /* chance */
        mpq_t pr[3];
        for (int j = 0; j < k; j++) mpq_init(pr[j]);
        if (rnd(4) == 0) {   /* one branch chance never takes */
            mpq_set_ui(pr[0], 0, 1);
            for (int j = 1; j < k; j++) mpq_set_ui(pr[j], 1, (unsigned long)(k - 1));
        } else {
            for (int j = 0; j < k; j++) mpq_set_ui(pr[j], 1, (unsigned long)k);
        }
        int h = brink_efg_builder_add_infoset(G->b, BRINK_CHANCE, k, "", acts, (const mpq_t *)pr,
                                              0, NULL);
        for (int j = 0; j < k; j++) mpq_clear(pr[j]);
        brink_efg_builder_add_node(G->b, "", h, -1, NULL);
        G->nodes++;
        for (int j = 0; j < k; j++) node(G, depth + 1);
        return;
    }
    if (G->profiles * k > MAX_PROFILES) {
        leaf(G);
        return;
    }
    G->profiles *= k;
    int h = brink_efg_builder_add_infoset(G->b, (int)rnd((unsigned)G->np), k, "", acts, NULL, 0,
                                          NULL);
    brink_efg_builder_add_node(G->b, "", h, -1, NULL);
    G->nodes++;
    for (int j = 0; j < k; j++) node(G, depth + 1);
}

/* Values of node v under the pure profile choice[] (by infoset), exactly, into val. */
static void values(const brink_efg *g, const int *choice, mpq_t *val)
{
    int n = g->nplayers;
    mpq_t t;
    mpq_init(t);
    for (int v = g->nnodes - 1; v >= 0; v--) {
        int h = g->node_infoset[v];
        if (h < 0) {
            for (int p = 0; p < n; p++)
                mpq_set(val[v * n + p], g->leaf_payq[(size_t)g->node_leaf[v] * n + p]);
            continue;
        }
        int k = g->infoset_nactions[h];
        if (g->infoset_player[h] >= 0) {
            int c = brink_efg_child(g, v, choice[h]);
            for (int p = 0; p < n; p++) mpq_set(val[v * n + p], val[c * n + p]);
        } else {
            for (int p = 0; p < n; p++) {
                mpq_set_ui(val[v * n + p], 0, 1);
                for (int j = 0; j < k; j++) {
                    mpq_mul(t, g->action_probq[g->infoset_action_start[h] + j],
                            val[brink_efg_child(g, v, j) * n + p]);
                    mpq_add(val[v * n + p], val[v * n + p], t);
                }
            }
        }
    }
    mpq_clear(t);
}

/* One-shot deviation: no decision node has a child worth more to its mover. */
static int is_spe(const brink_efg *g, const mpq_t *val)
{
    int n = g->nplayers;
    for (int v = 0; v < g->nnodes; v++) {
        int h = g->node_infoset[v];
        if (h < 0 || g->infoset_player[h] < 0) continue;
        int i = g->infoset_player[h];
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            if (mpq_cmp(val[brink_efg_child(g, v, a) * n + i], val[v * n + i]) > 0) return 0;
    }
    return 1;
}

/* The play of a profile: its choice at each decision infoset play reaches, -1 elsewhere. */
static void play_of(const brink_efg *g, const int *choice, int *key, int *stack)
{
    for (int h = 0; h < g->ninfosets; h++) key[h] = -1;
    int sp = 0;
    stack[sp++] = 0;
    while (sp) {
        int v = stack[--sp], h = g->node_infoset[v];
        if (h < 0) continue;
        if (g->infoset_player[h] >= 0) {
            key[h] = choice[h];
            stack[sp++] = brink_efg_child(g, v, choice[h]);
        } else {
            for (int j = 0; j < g->infoset_nactions[h]; j++)
                if (mpq_sgn(g->action_probq[g->infoset_action_start[h] + j]) > 0)
                    stack[sp++] = brink_efg_child(g, v, j);
        }
    }
}

static void one_tree(int np, int trial, int *ntrees_tied)
{
    gen G = {brink_efg_builder_new(np, NULL), np, 1, 0};
    node(&G, 0);
    brink_error err;
    brink_efg *g = brink_efg_builder_finish(G.b, &err);
    CHECK(g != NULL);
    if (!g) return;
    int H = g->ninfosets, N = g->nnodes, n = np;
    int *choice = calloc((size_t)H + 1, sizeof(int)), *stack = malloc(sizeof(int) * (size_t)N);
    mpq_t *val = brink_q_array_new((size_t)N * n);
    /* brute force: every pure profile (chance infosets fixed at 0) */
    int maxp = 64;
    int *keys = malloc(sizeof(int) * (size_t)maxp * (H + 1));
    long *cnt = malloc(sizeof(long) * (size_t)maxp);
    unsigned char *alt = malloc((size_t)maxp * (g->nactions + 1));
    int nplays = 0;
    long total = 0;
    int *key = malloc(sizeof(int) * (size_t)(H + 1));
    for (;;) {
        values(g, choice, val);
        if (is_spe(g, (const mpq_t *)val)) {
            play_of(g, choice, key, stack);
            int p = 0;
            while (p < nplays && memcmp(keys + (size_t)p * H, key, sizeof(int) * H)) p++;
            if (p == nplays) {
                if (nplays == maxp) {
                    maxp *= 2;
                    keys = realloc(keys, sizeof(int) * (size_t)maxp * (H + 1));
                    cnt = realloc(cnt, sizeof(long) * (size_t)maxp);
                    alt = realloc(alt, (size_t)maxp * (g->nactions + 1));
                }
                memcpy(keys + (size_t)p * H, key, sizeof(int) * H);
                cnt[p] = 0;
                memset(alt + (size_t)p * g->nactions, 0, (size_t)g->nactions);
                nplays++;
            }
            cnt[p]++;
            total++;
            for (int h = 0; h < H; h++)
                if (g->infoset_player[h] >= 0)
                    alt[(size_t)p * g->nactions + g->infoset_action_start[h] + choice[h]] = 1;
        }
        int h = 0;
        for (; h < H; h++) {
            if (g->infoset_player[h] < 0) continue;
            if (++choice[h] < g->infoset_nactions[h]) break;
            choice[h] = 0;
        }
        if (h == H) break;
    }
    /* the solver */
    brink_game game = {BRINK_GAME_EFG, NULL, g};
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.all = 1;
    o.by_play = 1;
    o.exact = 1;
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_status st = brink_solve(brink_solver_find("spe"), &game, &o, &l, &err);
    CHECK_MSG(st == BRINK_OK, "trial %d: %s", trial, err.message);
    if (st == BRINK_OK) {
        CHECK_MSG(l.stats.complete, "trial %d", trial);
        CHECK_MSG(l.count == nplays, "trial %d: %d plays listed, %d by brute force", trial,
                  l.count, nplays);
        CHECK_EQ_INT(l.stats.found, nplays);
        CHECK(l.stats.profiles && mpz_cmp_si(*l.stats.profiles, total) == 0);
        int *seen = calloc((size_t)nplays + 1, sizeof(int));
        for (int e = 0; e < l.count; e++) {
            const brink_profile *pr = &l.items[e];
            CHECK(pr->verified == 1);
            for (int h = 0; h < H; h++) {
                choice[h] = 0;
                for (int a = 0; a < g->infoset_nactions[h]; a++)
                    if (mpq_cmp_ui(pr->q[g->infoset_action_start[h] + a], 1, 1) == 0)
                        choice[h] = a;
            }
            values(g, choice, val);
            CHECK_MSG(is_spe(g, (const mpq_t *)val), "trial %d: representative %d", trial, e);
            play_of(g, choice, key, stack);
            int p = 0;
            while (p < nplays && memcmp(keys + (size_t)p * H, key, sizeof(int) * H)) p++;
            CHECK_MSG(p < nplays, "trial %d: play %d not found by brute force", trial, e);
            if (p == nplays) continue;
            seen[p]++;
            CHECK_MSG(pr->nprofiles && mpz_cmp_si(*pr->nprofiles, cnt[p]) == 0,
                      "trial %d play %d: count %ld by brute force", trial, e, cnt[p]);
            int same = pr->alt != NULL;
            for (int h = 0; same && h < H; h++)
                if (g->infoset_player[h] >= 0)
                    for (int a = g->infoset_action_start[h];
                         a < g->infoset_action_start[h] + g->infoset_nactions[h]; a++)
                        same &= !pr->alt[a] == !alt[(size_t)p * g->nactions + a];
            CHECK_MSG(same, "trial %d play %d: alternatives differ from brute force", trial, e);
        }
        for (int p = 0; p < nplays; p++) CHECK_MSG(seen[p] == 1, "trial %d play %d listed %d times", trial, p, seen[p]);
        free(seen);
        if (total > nplays) ++*ntrees_tied;
    }
    /* the profile list (by_play = 0) counts the same profiles */
    brink_profile_list l2;
    brink_profile_list_init(&l2);
    o.by_play = 0;
    o.verify_later = 1;
    if (brink_solve(brink_solver_find("spe"), &game, &o, &l2, &err) == BRINK_OK &&
        l2.stats.complete)
        CHECK_EQ_INT(l2.count, total);
    brink_profile_list_free(&l2);
    brink_profile_list_free(&l);
    free(key);
    free(keys);
    free(cnt);
    free(alt);
    brink_q_array_free(val, (size_t)N * n);
    free(choice);
    free(stack);
    brink_efg_free(g);
}

/* max_list: the plays found beyond it are counted, and the total still covers them all. */
static void max_list_counts(void)
{
    int tied = 0;
    for (int trial = 0; trial < 40; trial++) {
        gen G = {brink_efg_builder_new(2, NULL), 2, 1, 0};
        node(&G, 0);
        brink_efg *g = brink_efg_builder_finish(G.b, NULL);
        if (!g) continue;
        brink_game game = {BRINK_GAME_EFG, NULL, g};
        brink_solve_options o;
        brink_solve_options_init(&o);
        o.all = 1;
        o.by_play = 1;
        brink_profile_list a, b;
        brink_profile_list_init(&a);
        brink_profile_list_init(&b);
        brink_solve(brink_solver_find("spe"), &game, &o, &a, NULL);
        o.max_list = 1;
        brink_solve(brink_solver_find("spe"), &game, &o, &b, NULL);
        CHECK(b.count == 1 && b.stats.found == a.count);
        CHECK(a.stats.profiles && b.stats.profiles &&
              mpz_cmp(*a.stats.profiles, *b.stats.profiles) == 0);
        tied += a.count > 1;
        brink_profile_list_free(&a);
        brink_profile_list_free(&b);
        brink_efg_free(g);
    }
    CHECK(tied > 0);
}

/* A count past 64 bits: a chain of 70 indifferent decisions, each off the path after the
 * first taken, gives 2^k profiles per play. */
static void big_count(void)
{
    brink_efg_builder *b = brink_efg_builder_new(1, NULL);
    static const char *acts[2] = {"stop", "go"};
    mpq_t z[1];
    mpq_init(z[0]);
    int K = 70;
    /* node j: stop -> a "switch" decision with two leaves worth 0 (indifferent), go -> next */
    for (int j = 0; j < K; j++) {
        int h = brink_efg_builder_add_infoset(b, 0, 2, "", acts, NULL, 0, NULL);
        brink_efg_builder_add_node(b, "", h, -1, NULL);
        int h2 = brink_efg_builder_add_infoset(b, 0, 2, "", acts, NULL, 0, NULL);
        brink_efg_builder_add_node(b, "", h2, -1, NULL);
        for (int x = 0; x < 2; x++)
            brink_efg_builder_add_node(b, "", -1, brink_efg_builder_add_outcome(b, "", (const mpq_t *)z, 0, NULL), NULL);
    }
    brink_efg_builder_add_node(b, "", -1, brink_efg_builder_add_outcome(b, "", (const mpq_t *)z, 0, NULL), NULL);
    mpq_clear(z[0]);
    brink_efg *g = brink_efg_builder_finish(b, NULL);
    CHECK(g != NULL);
    if (!g) return;
    brink_game game = {BRINK_GAME_EFG, NULL, g};
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.all = 1;
    o.by_play = 1;
    o.verify_later = 1;
    brink_profile_list l;
    brink_profile_list_init(&l);
    CHECK(brink_solve(brink_solver_find("spe"), &game, &o, &l, NULL) == BRINK_OK);
    /* every profile is an SPE (all payoffs 0): 2^(2K) of them; plays: stop at node j then
     * either switch action (2K plays), or go to the end (1) */
    CHECK_EQ_INT(l.count, 2 * K + 1);
    CHECK(l.stats.complete);
    mpz_t want;
    mpz_init(want);
    mpz_ui_pow_ui(want, 2, 2 * (unsigned long)K);
    CHECK(l.stats.profiles && mpz_cmp(*l.stats.profiles, want) == 0);
    mpz_clear(want);
    brink_profile_list_free(&l);
    brink_efg_free(g);
}

int main(void)
{
    int tied = 0;
    for (int trial = 0; trial < 300; trial++) one_tree(2 + trial % 2, trial, &tied);
    CHECK(tied > 100);   /* the trees do have ties off the path */
    printf("%d of 300 trees have several profiles per play\n", tied);
    max_list_counts();
    big_count();
    return check_finish();
}
