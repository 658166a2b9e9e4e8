/* poly.h — exact univariate polynomials and rational functions over Q, and real algebraic
 * numbers given by an isolating interval. The parametric analysis (analysis/continuation.c)
 * writes payoffs, probabilities and equilibrium conditions as rational functions of one
 * parameter t and needs the exact real roots of their numerators.
 *
 * Polynomials: coefficients c[0..deg] (constant first) as GMP rationals; deg = -1 is the zero
 * polynomial; the leading coefficient of a non-zero polynomial is non-zero. Functions that may
 * allocate return 0, or -1 when out of memory (the operands are then unspecified but valid for
 * pq_clear). Outputs may alias inputs unless noted.
 *
 * Rational functions: n/d with d != 0; after rf_norm the denominator is monic and shares no
 * factor with the numerator (a constant denominator is folded into the numerator, d = 1).
 *
 * Algebraic numbers (alg): either a rational, or the only root of a square-free polynomial p
 * in the open interval (lo, hi), with p(lo) and p(hi) non-zero and of opposite signs.
 * Root isolation uses Sturm sequences (exact; Basu, Pollack, Roy, "Algorithms in Real Algebraic
 * Geometry", ch. 2) and refines by bisection.
 */
#ifndef BRINK_CORE_POLY_H
#define BRINK_CORE_POLY_H

#include <gmp.h>

typedef struct pq {
    int deg, cap;
    mpq_t *c;
} pq;

void pq_init(pq *p);
void pq_clear(pq *p);
int pq_reserve(pq *p, int n);                 /* room for n coefficients */
int pq_set(pq *r, const pq *a);
int pq_set_q(pq *r, const mpq_t q);
int pq_set_si(pq *r, long v);
int pq_set_x(pq *r);                          /* r = t */
int pq_add(pq *r, const pq *a, const pq *b);
int pq_sub(pq *r, const pq *a, const pq *b);
int pq_mul(pq *r, const pq *a, const pq *b);
int pq_scale(pq *r, const pq *a, const mpq_t k);
void pq_neg(pq *r);
/* q = a div b, r = a mod b (b != 0); q and r must be distinct from a and b. */
int pq_divrem(pq *q, pq *r, const pq *a, const pq *b);
int pq_gcd(pq *g, const pq *a, const pq *b);  /* monic; gcd(0, 0) = 0 */
/* The same with a deadline (brink_now() seconds; 0: none): -2 when it passes first. */
int pq_gcd_until(pq *g, const pq *a, const pq *b, double deadline);
int pq_deriv(pq *r, const pq *a);
void pq_eval(mpq_t out, const pq *p, const mpq_t x);
int pq_sign_at(const pq *p, const mpq_t x);
int pq_is_zero(const pq *p);
int pq_is_const(const pq *p);
int pq_equal(const pq *a, const pq *b);
/* Square-free part p / gcd(p, p'), monic. */
int pq_squarefree(pq *r, const pq *p);
int pq_squarefree_until(pq *r, const pq *p, double deadline);   /* -2: past the deadline */

typedef struct rf {
    pq n, d;
} rf;

void rf_init(rf *f);                          /* f = 0 */
void rf_clear(rf *f);
int rf_set(rf *r, const rf *a);
int rf_set_q(rf *r, const mpq_t q);
int rf_set_si(rf *r, long v);
int rf_set_x(rf *r);
int rf_add(rf *r, const rf *a, const rf *b);
int rf_sub(rf *r, const rf *a, const rf *b);
int rf_mul(rf *r, const rf *a, const rf *b);
int rf_div(rf *r, const rf *a, const rf *b);  /* b must not be the zero function */
void rf_neg(rf *r);
int rf_norm(rf *r);
int rf_is_zero(const rf *f);
int rf_is_const(const rf *f);
int rf_is_one(const rf *f);                   /* the constant 1 */
/* Value at x; returns 0 and sets out, or 1 when the denominator vanishes at x. */
int rf_eval(mpq_t out, const rf *f, const mpq_t x);
/* The polynomial n*d, whose sign equals the function's wherever it is defined. */
int rf_sign_poly(pq *out, const rf *f);

/* ---- sign conditions ----
 * A condition on the parameter: the sign of polynomial s at t is as `kind` requires. Where a
 * condition comes from (an expression's branch, an equilibrium's best-reply inequality) is
 * recorded by its producer in tag/h/a/b so that a region's end can be explained. */
typedef enum { PC_POS, PC_NEG, PC_ZERO, PC_NONNEG, PC_NONPOS } pc_kind;

typedef struct pcond {
    pq s;
    pc_kind kind;
    int tag, h, a, b;     /* producer's data (see analysis/continuation.h) */
} pcond;

/* Does sign sg satisfy kind? */
static inline int pc_holds(pc_kind kind, int sg)
{
    switch (kind) {
    case PC_POS: return sg > 0;
    case PC_NEG: return sg < 0;
    case PC_ZERO: return sg == 0;
    case PC_NONNEG: return sg >= 0;
    case PC_NONPOS: return sg <= 0;
    }
    return 0;
}

typedef struct pcset {
    pcond *c;
    int n, cap;
} pcset;

void pcset_free(pcset *s);
/* Append a condition on the sign of f (copied); NULL when out of memory. */
pcond *pcset_push(pcset *s, pc_kind kind, const pq *f);

/* ---- real algebraic numbers ---- */
typedef struct alg {
    int rational;        /* 1: exactly q */
    mpq_t q;             /* the value when rational */
    pq p;                /* square-free, when irrational */
    mpq_t lo, hi;        /* isolating interval, when irrational */
} alg;

void alg_init(alg *a);
void alg_clear(alg *a);
int alg_set(alg *r, const alg *a);
void alg_set_q(alg *r, const mpq_t q);
/* Halve the isolating interval (no-op for rationals). */
void alg_refine(alg *a);
double alg_get_d(alg *a);                     /* refines to double precision */
/* -1, 0, 1 as a <, =, > b. */
int alg_cmp(alg *a, alg *b, int *oom);
int alg_cmp_q(alg *a, const mpq_t q);
/* Sign of the polynomial at a (exact). */
int alg_sign_poly(alg *a, const pq *f, int *oom);
/* The real roots of f (not the zero polynomial) in the open interval (lo, hi), increasing,
 * each exact (rationals found exactly). *out is malloc'd (alg_array_free); returns the count,
 * or -1 when out of memory. */
int pq_roots_in(const pq *f, const mpq_t lo, const mpq_t hi, alg **out);
/* The same with a deadline (brink_now() seconds; 0: none): -2, and nothing in *out, when it
 * passes before the roots are isolated (checked between the steps of the Sturm sequence and
 * of the bisection). */
int pq_roots_in_until(const pq *f, const mpq_t lo, const mpq_t hi, double deadline, alg **out);
void alg_array_free(alg *a, int n);
/* The simplest rational (least denominator) in the closed interval [lo, hi]. */
void q_simplest_between(mpq_t out, const mpq_t lo, const mpq_t hi);

#endif
