/* mc_share.c — one block of draws' findings as bytes, for the processes that share a Monte
 * Carlo run (brink_mc_options.nparts; under mpirun src/cli/cli_mpi.c moves the bytes).
 *
 * The bytes are a header (the block's first draw and its count, so that a block that
 * arrives out of place is refused, not merged) followed by the block's arrays copied as
 * they lie in memory: every part runs the same binary on the same architecture, so no
 * conversion is needed and the part that merges sees exactly the values the other part
 * computed (doubles bit for bit), which is what makes the merged result equal a one-process
 * run's.
 */
#include <stdint.h>
#include <string.h>

#include "uncertainty/mc_int.h"

typedef struct header {
    int64_t first, count;
} header;

/* The widths of a block's arrays (per draw), in the order they are sent. */
static void widths(const brink_mc_result *r, size_t w[5])
{
    w[0] = (size_t)r->nvaried * sizeof(double);
    w[1] = (size_t)r->ngroups * sizeof(double);
    w[2] = (size_t)r->nplayers * sizeof(double);
    w[3] = (size_t)r->nopts * sizeof(double);
    w[4] = (size_t)r->nwatch * sizeof(int);
}

size_t mc_block_bytes(const brink_mc_result *r, int count)
{
    size_t w[5], per = sizeof(mc_rec);
    widths(r, w);
    for (int k = 0; k < 5; k++)
        per += w[k];
    return sizeof(header) + (size_t)count * per;
}

static unsigned char *put(unsigned char *p, const void *src, size_t n)
{
    if (n)
        memcpy(p, src, n);
    return p + n;
}

static const unsigned char *get(const unsigned char *p, void *dst, size_t n)
{
    if (n)
        memcpy(dst, p, n);
    return p + n;
}

void mc_block_pack(const brink_mc_result *r, long first, int count, const mc_block *b,
                   void *bytes)
{
    size_t w[5], n = (size_t)count;
    widths(r, w);
    header h = {first, count};
    unsigned char *p = put(bytes, &h, sizeof h);
    p = put(p, b->rec, n * sizeof *b->rec);
    p = put(p, b->x, n * w[0]);
    p = put(p, b->gprob, n * w[1]);
    p = put(p, b->val, n * w[2]);
    p = put(p, b->opt, n * w[3]);
    put(p, b->choice, n * w[4]);
}

brink_status mc_block_unpack(const brink_mc_result *r, long first, int count, mc_block *b,
                             const void *bytes, brink_error *err)
{
    size_t w[5], n = (size_t)count;
    widths(r, w);
    header h;
    const unsigned char *p = get(bytes, &h, sizeof h);
    if (h.first != first || h.count != count)
        return brink_error_set(err, BRINK_EINTERNAL,
                               "Monte Carlo: expected the block of draws %ld..%ld, received "
                               "%lld..%lld", first, first + count - 1, (long long)h.first,
                               (long long)(h.first + h.count - 1));
    p = get(p, b->rec, n * sizeof *b->rec);
    p = get(p, b->x, n * w[0]);
    p = get(p, b->gprob, n * w[1]);
    p = get(p, b->val, n * w[2]);
    p = get(p, b->opt, n * w[3]);
    get(p, b->choice, n * w[4]);
    return BRINK_OK;
}
