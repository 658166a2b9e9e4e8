/* gen_args.h — the KEY=VALUE options of brink_generate (not public API). A generator reads the
 * options it knows with a default and a range; brink_generate then refuses any option no one
 * read, so a misspelt option is an error, never silently ignored.
 */
#ifndef BRINK_GEN_ARGS_H
#define BRINK_GEN_ARGS_H

#include <stdint.h>
#include "brink/generate.h"

typedef struct gen_args {
    const char *kind;
    const char *const *keys;
    const char *const *values;
    int n;
    unsigned char *used;   /* [n] */
    brink_error *err;
} gen_args;

/* An integer option in [lo, hi]; *out = def when absent. BRINK_EINVALID names the option. */
brink_status gen_long(gen_args *a, const char *key, long def, long lo, long hi, long *out);
/* An exact rational option (text as in .nfg files: 3, -1/2, 0.25); def when absent. */
brink_status gen_q(gen_args *a, const char *key, long def, mpq_t out);
/* The seed (any unsigned 64-bit integer; default 1). */
brink_status gen_seed(gen_args *a, uint64_t *out);

/* A game of `nplayers` players with nstrats[p] strategies each (all `m` when nstrats is NULL),
 * zero payoffs, and the title. NULL with err set (too big, out of memory). */
brink_nfg *gen_nfg(gen_args *a, int nplayers, const int *nstrats, int m, const char *title);
/* Label every strategy of every player with the integer base + s (claims, prices, times). */
brink_status gen_number_labels(gen_args *a, brink_nfg *g, long base);

/* Generators of strategic games (gen_nfg_classes.c, gen_nfg_random.c). */
brink_nfg *gen_bos(gen_args *a);
brink_nfg *gen_chicken(gen_args *a);
brink_nfg *gen_pd(gen_args *a);
brink_nfg *gen_pennies(gen_args *a);
brink_nfg *gen_coordination(gen_args *a);
brink_nfg *gen_dispersion(gen_args *a);
brink_nfg *gen_travellers(gen_args *a);
brink_nfg *gen_attrition(gen_args *a);
brink_nfg *gen_bertrand(gen_args *a);
brink_nfg *gen_location(gen_args *a);
brink_nfg *gen_uniform(gen_args *a);
brink_nfg *gen_integer(gen_args *a);
brink_nfg *gen_covariant(gen_args *a);
brink_nfg *gen_zerosum(gen_args *a);
brink_nfg *gen_degenerate(gen_args *a);
brink_nfg *gen_polymatrix(gen_args *a);

#endif
