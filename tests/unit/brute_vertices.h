/* brute_vertices.h — vertices of {z >= 0 : M z <= 1} by trying every set of d tight
 * constraints (tests only; exponential). Each feasible unique solution is identified by its
 * full tight set, in venum's numbering (variables 0..d-1, slack of row q is d + q).
 */
#ifndef BRINK_TEST_BRUTE_VERTICES_H
#define BRINK_TEST_BRUTE_VERTICES_H

#include <gmp.h>
#include <stdlib.h>
#include <string.h>
#include "solve/enum/lset.h"

/* Solve the d x d system given by tight set `sel` (indices into the nvar constraints);
 * returns 1 and z if nonsingular. */
static inline int solve_tight(int k, int d, const mpz_t *m, const int *sel, mpq_t *z)
{
    int n = d;
    mpq_t *a = malloc(sizeof(mpq_t) * (size_t)n * (n + 1));
    for (int i = 0; i < n * (n + 1); i++)
        mpq_init(a[i]);
    for (int i = 0; i < n; i++) {
        int c = sel[i];
        if (c < d) {
            mpq_set_ui(a[i * (n + 1) + c], 1, 1);
        } else {
            for (int j = 0; j < d; j++)
                mpq_set_z(a[i * (n + 1) + j], m[(size_t)(c - d) * d + j]);
            mpq_set_ui(a[i * (n + 1) + n], 1, 1);
        }
    }
    int ok = 1;
    mpq_t t;
    mpq_init(t);
    for (int col = 0; col < n && ok; col++) {
        int piv = -1;
        for (int i = col; i < n; i++)
            if (mpq_sgn(a[i * (n + 1) + col]) != 0) {
                piv = i;
                break;
            }
        if (piv < 0) {
            ok = 0;
            break;
        }
        for (int j = 0; j <= n; j++)
            mpq_swap(a[col * (n + 1) + j], a[piv * (n + 1) + j]);
        for (int i = 0; i < n; i++) {
            if (i == col || mpq_sgn(a[i * (n + 1) + col]) == 0)
                continue;
            mpq_div(t, a[i * (n + 1) + col], a[col * (n + 1) + col]);
            for (int j = col; j <= n; j++) {
                mpq_t u;
                mpq_init(u);
                mpq_mul(u, t, a[col * (n + 1) + j]);
                mpq_sub(a[i * (n + 1) + j], a[i * (n + 1) + j], u);
                mpq_clear(u);
            }
        }
    }
    if (ok)
        for (int i = 0; i < n; i++)
            mpq_div(z[i], a[i * (n + 1) + n], a[i * (n + 1) + i]);
    mpq_clear(t);
    for (int i = 0; i < n * (n + 1); i++)
        mpq_clear(a[i]);
    free(a);
    return ok;
}

static inline void brute_vertices(int k, int d, const mpz_t *m, lset *out)
{
    int nvar = d + k, words = (nvar + 63) / 64;
    lset_init(out, words);
    int sel[16];
    mpq_t *z = malloc(sizeof(mpq_t) * (size_t)d);
    for (int i = 0; i < d; i++)
        mpq_init(z[i]);
    mpq_t s, tq;
    mpq_inits(s, tq, NULL);
    uint64_t key[4];
    for (uint32_t mask = 0; mask < (1u << nvar); mask++) {
        if (__builtin_popcount(mask) != d)
            continue;
        int n = 0;
        for (int i = 0; i < nvar; i++)
            if (mask >> i & 1)
                sel[n++] = i;
        if (!solve_tight(k, d, m, sel, z))
            continue;
        memset(key, 0, sizeof key);
        int feasible = 1;
        for (int j = 0; j < d; j++) {
            int sg = mpq_sgn(z[j]);
            if (sg < 0)
                feasible = 0;
            if (sg == 0)
                bits_set(key, j);
        }
        for (int q = 0; q < k && feasible; q++) {
            mpq_set_ui(s, 0, 1);
            for (int j = 0; j < d; j++) {
                mpq_set_z(tq, m[(size_t)q * d + j]);
                mpq_mul(tq, tq, z[j]);
                mpq_add(s, s, tq);
            }
            int c = mpq_cmp_ui(s, 1, 1);
            if (c > 0)
                feasible = 0;
            if (c == 0)
                bits_set(key, d + q);
        }
        if (feasible)
            lset_insert(out, key, NULL);
    }
    mpq_clears(s, tq, NULL);
    for (int i = 0; i < d; i++)
        mpq_clear(z[i]);
    free(z);
}

#endif
