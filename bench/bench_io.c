/* bench_io.c — throughput of the Gambit .efg writer and reader, and a check that reading is
 * linear in the input.
 *
 * For each size (10^5, 10^6, 4*10^6 nodes by default; override with arguments) a random
 * game tree is generated in memory with the builder: three players and chance, chance
 * nodes with 2 actions (1/3, 2/3), player nodes with 3/2/2 actions, information sets
 * spanning many nodes, outcomes with rational payoffs on every leaf and on some interior
 * nodes, a few node labels. The game is written as .efg text (timed), read back (timed:
 * tokenizing, parsing, building and laying out the game), written again and compared byte
 * for byte with the first text. Reported: MB/s and nodes/s each way, and the read cost per
 * node at each size — roughly constant if reading is linear.
 *
 * Usage: bench_io [nodes ...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "brink/brink.h"

#define NPLAYERS 3
#define MAX_DEPTH 48
#define BUCKETS 8      /* infosets per (player, depth) */
#define NOUTCOMES 997  /* distinct outcomes, reused across leaves */

static const int kActions[NPLAYERS + 1] = {2, 3, 2, 2}; /* chance, P1, P2, P3 */

/* Who moves at depth d: 0 = chance, 1..3 = players. */
static int mover(int d) { return d % 4; }

static brink_efg *generate(size_t target, uint64_t seed, brink_error *err)
{
    brink_rng rng;
    brink_rng_seed(&rng, seed);
    brink_efg_builder *b = brink_efg_builder_new(NPLAYERS, err);
    if (!b)
        return NULL;
    brink_efg_builder_set_title(b, "bench_io generated tree", err);
    int iset[MAX_DEPTH][BUCKETS];
    for (int d = 0; d < MAX_DEPTH; d++)
        for (int k = 0; k < BUCKETS; k++)
            iset[d][k] = -1;
    mpq_t pay[NPLAYERS], probs[2];
    for (int p = 0; p < NPLAYERS; p++)
        mpq_init(pay[p]);
    mpq_init(probs[0]);
    mpq_init(probs[1]);
    mpq_set_ui(probs[0], 1, 3);
    mpq_set_ui(probs[1], 2, 3);
    int outcome[NOUTCOMES];
    for (int o = 0; o < NOUTCOMES; o++) {
        mpq_set_si(pay[0], o % 23 - 11, 1);
        mpq_set_si(pay[1], (o * 7) % 19 - 9, (unsigned long)(1 + o % 5));
        mpq_set_si(pay[2], o % 3 ? o : -o, 4);
        mpq_canonicalize(pay[1]);
        mpq_canonicalize(pay[2]);
        char label[32];
        snprintf(label, sizeof label, "o%d", o + 1);
        outcome[o] = brink_efg_builder_add_outcome(b, label, pay, 0, err);
    }
    static const char *const labels[] = {"L", "M", "R"};
    /* Pre-order emission with an explicit stack of open nodes: (depth, children left). */
    int *stack_depth = malloc(sizeof(int) * (MAX_DEPTH + 2));
    int *stack_left = malloc(sizeof(int) * (MAX_DEPTH + 2));
    size_t emitted = 0, open = 1; /* open = slots still to fill, including the next node */
    int top = 0;
    brink_efg *g = NULL;
    if (!stack_depth || !stack_left)
        goto out;
    while (open > 0) {
        int depth = top == 0 ? 0 : stack_depth[top - 1] + 1;
        int m = mover(depth), k = kActions[m];
        /* after this node: emitted + 1 nodes, open - 1 other slots, k children */
        int internal = depth < MAX_DEPTH - 1 && emitted + open + (size_t)k <= target &&
                       (depth == 0 || brink_rng_uniform(&rng) < 0.75);
        char nlabel[24] = "";
        if (emitted % 16 == 0)
            snprintf(nlabel, sizeof nlabel, "n%zu", emitted);
        int h = -1, o = -1;
        if (internal) {
            int bucket = m == 0 ? 0 : (int)brink_rng_below(&rng, BUCKETS);
            if (iset[depth][bucket] < 0) {
                char il[32];
                snprintf(il, sizeof il, "d%d.%d", depth, bucket);
                iset[depth][bucket] = brink_efg_builder_add_infoset(
                    b, m == 0 ? BRINK_CHANCE : m - 1, k, il, labels, m == 0 ? probs : NULL, 0,
                    err);
            }
            h = iset[depth][bucket];
            if (brink_rng_below(&rng, 8) == 0)
                o = outcome[brink_rng_below(&rng, NOUTCOMES)];
        } else {
            o = outcome[brink_rng_below(&rng, NOUTCOMES)];
        }
        if (brink_efg_builder_add_node(b, nlabel, h, o, err) < 0)
            goto out;
        emitted++;
        open--;
        /* this node fills one child slot of the open node on top */
        if (top > 0 && --stack_left[top - 1] == 0)
            top--;
        if (internal) {
            stack_depth[top] = depth;
            stack_left[top] = k;
            top++;
            open += (size_t)k;
        }
        while (top > 0 && stack_left[top - 1] == 0)
            top--;
    }
    g = brink_efg_builder_finish(b, err);
    b = NULL;
out:
    brink_efg_builder_free(b);
    free(stack_depth);
    free(stack_left);
    for (int p = 0; p < NPLAYERS; p++)
        mpq_clear(pay[p]);
    mpq_clear(probs[0]);
    mpq_clear(probs[1]);
    return g;
}

static int has_program(const char *name)
{
    const char *path = getenv("PATH");
    if (!path)
        return 0;
    char *dup = strdup(path), *save = NULL;
    int found = 0;
    for (char *dir = strtok_r(dup, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", dir, name);
        found = access(full, X_OK) == 0;
    }
    free(dup);
    return found;
}

int main(int argc, char **argv)
{
    size_t sizes[16] = {100000, 1000000, 4000000};
    int nsizes = 3;
    if (argc > 1) {
        nsizes = 0;
        for (int i = 1; i < argc && nsizes < 16; i++)
            sizes[nsizes++] = (size_t)strtoull(argv[i], NULL, 10);
    }
    printf("bench_io: Gambit .efg write and read (3 players + chance, rational payoffs)\n");
    printf("%10s %10s %9s %9s %11s %9s %9s %11s %9s\n", "nodes", "MB", "gen s", "write s",
           "write MB/s", "Mnodes/s", "read s", "read MB/s", "Mnodes/s");
    double ns_per_node[16];
    int failures = 0;
    for (int i = 0; i < nsizes; i++) {
        brink_error err;
        double t0 = brink_now();
        brink_efg *g = generate(sizes[i], 42 + (uint64_t)i, &err);
        double t_gen = brink_now() - t0;
        if (!g) {
            fprintf(stderr, "generation failed: %s\n", err.message);
            return 1;
        }
        int nnodes = g->nnodes;
        brink_buf text, again;
        brink_buf_init(&text);
        brink_buf_init(&again);
        t0 = brink_now();
        brink_status st = brink_efg_write(g, &text, &err);
        double t_write = brink_now() - t0;
        brink_efg_free(g); /* keep peak memory down: the text is the reference from here */
        if (st != BRINK_OK) {
            fprintf(stderr, "write failed: %s\n", err.message);
            return 1;
        }
        t0 = brink_now();
        brink_efg *back = brink_efg_read(text.data, text.len, "bench.efg", &err);
        double t_read = brink_now() - t0;
        if (!back) {
            fprintf(stderr, "read failed: %d:%d: %s\n", err.line, err.column, err.message);
            return 1;
        }
        st = brink_efg_write(back, &again, &err);
        int same = st == BRINK_OK && again.len == text.len &&
                   memcmp(again.data, text.data, text.len) == 0;
        failures += !same;
        double mb = (double)text.len / 1e6;
        ns_per_node[i] = t_read * 1e9 / nnodes;
        printf("%10d %10.1f %9.3f %9.3f %11.1f %9.2f %9.3f %11.1f %9.2f%s\n", nnodes, mb, t_gen,
               t_write, mb / t_write, nnodes / t_write / 1e6, t_read, mb / t_read,
               nnodes / t_read / 1e6, same ? "" : "  ROUND TRIP DIFFERS");
        brink_efg_free(back);
        brink_buf_free(&text);
        brink_buf_free(&again);
    }
    printf("read cost per node:");
    for (int i = 0; i < nsizes; i++)
        printf("  %zu nodes: %.0f ns", sizes[i], ns_per_node[i]);
    printf("\n");
    if (nsizes > 1)
        printf("linearity: per-node read cost at the largest size is %.2fx that at the "
               "smallest (1.00 = perfectly linear)\n",
               ns_per_node[nsizes - 1] / ns_per_node[0]);
    if (has_program("gambit-enumpure") || has_program("gambit-convert"))
        printf("gambit: installed, but its command-line tools do not read-and-write .efg "
               "alone; no peer ratio measured\n");
    else
        printf("gambit: not installed; no peer ratio\n");
    return failures ? 1 : 0;
}
