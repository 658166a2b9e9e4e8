/* cn_region.c — the connected set around a sample point on which a list of sign conditions
 * holds, with exact ends (see continuation.h). Each condition's polynomial has finitely many
 * real roots; between consecutive roots its sign is constant, so walking the cells and the
 * roots outward from the sample until the condition fails gives its extent on each side; the
 * region is the intersection of the extents. */
#include "analysis/continuation.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define OOM(err) brink_error_set((err), BRINK_ENOMEM, "out of memory")


void cn_rational_between(mpq_t out, alg *a, alg *b)
{
    /* refine until a's upper bound is below b's lower bound, then take the simplest */
    for (int it = 0; it < 10000; it++) {
        const mpq_t *ah = a->rational ? &a->q : &a->hi;
        const mpq_t *bl = b->rational ? &b->q : &b->lo;
        if (mpq_cmp(*ah, *bl) < 0) {
            mpq_t lo, hi;
            mpq_inits(lo, hi, NULL);
            mpq_set(lo, *ah);
            mpq_set(hi, *bl);
            if (a->rational || b->rational) {
                /* open ends: stay strictly inside */
                mpq_t w;
                mpq_init(w);
                mpq_sub(w, hi, lo);
                mpq_div_2exp(w, w, 2);
                if (a->rational)
                    mpq_add(lo, lo, w);
                if (b->rational)
                    mpq_sub(hi, hi, w);
                mpq_clear(w);
            }
            q_simplest_between(out, lo, hi);
            mpq_clears(lo, hi, NULL);
            return;
        }
        alg_refine(a);
        alg_refine(b);
    }
    mpq_set(out, a->rational ? a->q : a->hi);   /* unreachable for a < b */
}

/* Extent of one condition around x0 in one direction (dir = +1 right, -1 left). */
static void extent(const pcond *c, alg *roots, int nr, alg *x0, int dir,
                   const mpq_t end, alg *res, int *closed, int *failed)
{
    mpq_t q;
    mpq_init(q);
    alg *prev = x0;
    int oom = 0;
    *failed = 0;
    /* roots strictly beyond x0 in direction dir */
    int start = -1;
    if (dir > 0) {
        for (int i = 0; i < nr && start < 0; i++)
            if (alg_cmp(&roots[i], x0, &oom) > 0)
                start = i;
        if (start < 0)
            start = nr;
    } else {
        for (int i = nr - 1; i >= 0 && start < 0; i--)
            if (alg_cmp(&roots[i], x0, &oom) < 0)
                start = i;
    }
    for (int i = start; dir > 0 ? i < nr : i >= 0; i += dir) {
        alg *r = &roots[i];
        if (dir > 0)
            cn_rational_between(q, prev, r);
        else
            cn_rational_between(q, r, prev);
        if (!pc_holds(c->kind, pq_sign_at(&c->s, q))) {
            alg_set(res, prev);
            *closed = 1;
            *failed = 1;
            mpq_clear(q);
            return;
        }
        if (!pc_holds(c->kind, 0)) {
            alg_set(res, r);
            *closed = 0;
            *failed = 1;
            mpq_clear(q);
            return;
        }
        prev = r;
    }
    /* last cell up to the range end */
    alg e;
    alg_init(&e);
    alg_set_q(&e, end);
    if (alg_cmp(prev, &e, &oom) != 0) {
        if (dir > 0)
            cn_rational_between(q, prev, &e);
        else
            cn_rational_between(q, &e, prev);
        if (!pc_holds(c->kind, pq_sign_at(&c->s, q))) {
            alg_set(res, prev);
            *closed = 1;
            *failed = 1;
            alg_clear(&e);
            mpq_clear(q);
            return;
        }
    }
    alg_set_q(res, end);
    *closed = pc_holds(c->kind, pq_sign_at(&c->s, end));
    *failed = !*closed;
    alg_clear(&e);
    mpq_clear(q);
}

/* A hash of a condition (kind and coefficients), to skip exact repeats: the same payoff
 * difference appears at many nodes of a tree. */
static uint64_t cond_hash(const pcond *c)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)c->kind;
    for (int i = 0; i <= c->s.deg; i++) {
        h = (h ^ (uint64_t)mpz_get_si(mpq_numref(c->s.c[i]))) * 1099511628211ull;
        h = (h ^ (uint64_t)mpz_get_ui(mpq_denref(c->s.c[i]))) * 1099511628211ull;
        h = (h ^ (uint64_t)mpz_size(mpq_numref(c->s.c[i]))) * 1099511628211ull;
    }
    return h ^ ((uint64_t)c->s.deg << 56);
}

brink_status cn_component(const pcset *conds, const mpq_t x0q, const mpq_t L, const mpq_t H,
                          alg *lo, int *lo_closed, int *lo_bind, alg *hi, int *hi_closed,
                          int *hi_bind, brink_error *err)
{
    return cn_component_until(conds, x0q, L, H, 0, NULL, lo, lo_closed, lo_bind, hi, hi_closed,
                              hi_bind, err);
}

brink_status cn_component_until(const pcset *conds, const mpq_t x0q, const mpq_t L,
                                const mpq_t H, double deadline, int *expired, alg *lo,
                                int *lo_closed, int *lo_bind, alg *hi, int *hi_closed,
                                int *hi_bind, brink_error *err)
{
    alg x0, r;
    alg_init(&x0);
    alg_init(&r);
    alg_set_q(&x0, x0q);
    alg_set_q(lo, L);
    alg_set_q(hi, H);
    *lo_closed = *hi_closed = 1;
    *lo_bind = *hi_bind = -1;
    int oom = 0;
    /* seen: open addressing over condition indices */
    size_t cap = 16;
    while (cap < 2 * (size_t)conds->n + 2)
        cap *= 2;
    int *seen = malloc(cap * sizeof *seen);
    mpq_t wl, wh, root;
    mpq_inits(wl, wh, root, NULL);
    if (!seen)
        oom = 1;
    for (size_t k = 0; seen && k < cap; k++)
        seen[k] = -1;
    for (int i = 0; i < conds->n && !oom; i++) {
        const pcond *c = &conds->c[i];
        if (c->s.deg <= 0)
            continue;
        size_t slot = (size_t)cond_hash(c) & (cap - 1);
        int dup = 0;
        for (; seen[slot] >= 0; slot = (slot + 1) & (cap - 1)) {
            const pcond *d = &conds->c[seen[slot]];
            if (d->kind == c->kind && pq_equal(&d->s, &c->s)) {
                dup = 1;
                break;
            }
        }
        if (dup)
            continue;
        seen[slot] = i;
        /* only the window still open matters: a rational bracket of the current ends */
        mpq_set(wl, lo->rational ? lo->q : lo->lo);
        mpq_set(wh, hi->rational ? hi->q : hi->hi);
        if (c->s.deg == 1) {   /* one root: skip when it lies outside the window */
            mpq_div(root, c->s.c[0], c->s.c[1]);
            mpq_neg(root, root);
            if (mpq_cmp(root, wl) < 0 || mpq_cmp(root, wh) > 0)
                continue;
        }
        alg *roots = NULL;
        int nr = pq_roots_in_until(&c->s, wl, wh, deadline, &roots);
        if (nr == -2) {   /* the ends found so far are not the component's */
            if (expired)
                *expired = 1;
            break;
        }
        if (nr < 0) {
            oom = 1;
            break;
        }
        for (int dir = -1; dir <= 1; dir += 2) {
            int closed, failed;
            extent(c, roots, nr, &x0, dir, dir > 0 ? wh : wl, &r, &closed, &failed);
            alg *cur = dir > 0 ? hi : lo;
            int *cc = dir > 0 ? hi_closed : lo_closed, *bind = dir > 0 ? hi_bind : lo_bind;
            int cmp = alg_cmp(&r, cur, &oom) * dir;   /* < 0: r is nearer to x0 */
            if (cmp < 0) {
                alg_set(cur, &r);
                *cc = closed;
                *bind = failed ? i : -1;
            } else if (cmp == 0) {
                if (!closed && *cc) {
                    *cc = 0;
                    *bind = failed ? i : *bind;
                } else if (failed && *bind < 0) {
                    *bind = i;
                }
            }
        }
        alg_array_free(roots, nr);
    }
    free(seen);
    mpq_clears(wl, wh, root, NULL);
    alg_clear(&x0);
    alg_clear(&r);
    return oom ? OOM(err) : BRINK_OK;
}
