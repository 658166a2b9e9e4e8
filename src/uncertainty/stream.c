/* stream.c — the counter-based random stream of a sample (brink_stream) and a GSL generator
 * type over it, so that gsl_ran_* samplers draw from it.
 *
 * Output k of stream (seed, index, lane) is mix(mix(k + k0) ^ k1) with k0, k1 derived from
 * the key by the same mixing; mix is the SplitMix64 finaliser (a bijection of 64-bit words
 * with full avalanche). Nothing is carried between samples, so sample i's numbers are the
 * same whichever thread, rank or order computes it.
 */
#include "uncertainty/mc_int.h"

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void brink_stream_init(brink_stream *s, uint64_t seed, uint64_t index, uint32_t lane)
{
    uint64_t a = mix64(seed + 0x9e3779b97f4a7c15ULL);
    uint64_t b = mix64(a ^ mix64(index + 0x632be59bd9b4e019ULL));
    s->k0 = mix64(b + (uint64_t)lane * 0x9e3779b97f4a7c15ULL);
    s->k1 = mix64(s->k0 ^ 0xd1b54a32d192ed03ULL);
    s->ctr = 0;
}

uint64_t brink_stream_next(brink_stream *s)
{
    uint64_t k = s->ctr++;
    return mix64(mix64(k + s->k0) ^ s->k1);
}

double brink_stream_uniform(brink_stream *s)
{
    return (double)(brink_stream_next(s) >> 11) * 0x1.0p-53;
}

double mc_uniform_open(brink_stream *s)
{
    return ((double)(brink_stream_next(s) >> 11) + 0.5) * 0x1.0p-53;
}

/* ---- as a GSL generator (state: a brink_stream) ---- */

static void ctr_set(void *state, unsigned long seed)
{
    brink_stream_init(state, seed, 0, 0);
}

static unsigned long ctr_get(void *state)
{
    return (unsigned long)(brink_stream_next(state) >> 32);
}

static double ctr_get_double(void *state)
{
    return brink_stream_uniform(state);
}

static const gsl_rng_type ctr_type = {
    "brink-counter", 0xffffffffUL, 0, sizeof(brink_stream), ctr_set, ctr_get, ctr_get_double,
};

void mc_rng_wrap(gsl_rng *r, brink_stream *s)
{
    /* no gsl_rng_alloc: it would report a failed allocation through the error handler */
    r->type = &ctr_type;
    r->state = s;
}
