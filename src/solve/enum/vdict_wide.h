/* vdict_wide.h — multi-limb fixed-width arithmetic for vdict (private to vdict.c; see
 * vdict_wide.c for the argument that products modulo 2^(64 L) suffice). */
#ifndef BRINK_SOLVE_VDICT_WIDE_H
#define BRINK_SOLVE_VDICT_WIDE_H

#include "solve/enum/vdict.h"

int vw_ratio(vdict *v, int c);
/* 0 done; 1 when this pivot needs GMP (then call vw_promote and pivot in GMP). */
int vw_pivot(vdict *v, int r, int c);
void vw_promote(vdict *v);
void vw_negate_all(vdict *v);
int vw_sign(const uint64_t *x, int L);
void vw_to_mpz(mpz_t out, const uint64_t *x, int L);
void vw_from_mpz(uint64_t *x, const mpz_t z, int L);

#endif
