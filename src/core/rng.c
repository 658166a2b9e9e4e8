/* rng.c — xoshiro256** (Blackman & Vigna) seeded through splitmix64: fast, 256-bit state,
 * identical streams on every platform for the same seed. */
#include "brink/core.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void brink_rng_seed(brink_rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&x);
}

uint64_t brink_rng_next(brink_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double brink_rng_uniform(brink_rng *r)
{
    return (double)(brink_rng_next(r) >> 11) * 0x1.0p-53;
}

uint64_t brink_rng_below(brink_rng *r, uint64_t n)
{
    if (n <= 1) return 0;
    /* Rejection sampling: discard the short top range so every value is equally likely. */
    uint64_t limit = UINT64_MAX - (UINT64_MAX % n);
    uint64_t x;
    do {
        x = brink_rng_next(r);
    } while (x >= limit);
    return x % n;
}

void brink_rng_split(const brink_rng *parent, uint64_t index, brink_rng *child)
{
    uint64_t x = parent->s[0] ^ rotl(parent->s[1], 13) ^ rotl(parent->s[2], 29) ^
                 rotl(parent->s[3], 43);
    x ^= splitmix64(&index);
    brink_rng_seed(child, x);
}
