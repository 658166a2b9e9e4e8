/* threshold_util.h — reading certified threshold answers (brink/threshold.h) in tests:
 * watched choices as labels, flips by index, and an independent exact check of every
 * region's equilibria at sample points (threshold_check.h). */
#ifndef BRINK_TEST_THRESHOLD_UTIL_H
#define BRINK_TEST_THRESHOLD_UTIL_H

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "threshold_check.h"
#include "brink/threshold.h"
#include "brink/solve.h"

/* Label of state s: the played action(s) "a" or "a/b"; when several watched sets differ,
 * "x; y" in watch order. Written into buf. */
static const char *tu_state(const brink_threshold *t, const brink_scenario *sc, int s, char *buf,
                            size_t size)
{
    const brink_efg *g = brink_scenario_game(sc);
    int nw = t->watch_action_start[t->nwatch];
    const unsigned char *row = t->state_played + (size_t)s * (size_t)nw;
    char one[512];
    buf[0] = '\0';
    int same = 1;
    char first[512] = "";
    for (int w = 0; w < t->nwatch; w++) {
        int h = t->watch[w], o = t->watch_action_start[w], n = 0;
        one[0] = '\0';
        for (int a = 0; a < t->watch_action_start[w + 1] - o; a++)
            if (row[o + a]) {
                size_t l = strlen(one);
                snprintf(one + l, sizeof one - l, "%s%s", n++ ? "/" : "",
                         g->action_label[g->infoset_action_start[h] + a]);
            }
        if (w == 0)
            snprintf(first, sizeof first, "%s", one);
        else if (strcmp(first, one))
            same = 0;
        size_t l = strlen(buf);
        snprintf(buf + l, size - l, "%s%s", w ? "; " : "", one);
    }
    if (same)
        snprintf(buf, size, "%s", first);
    return buf;
}

/* Does region r list a state labelled `label`? */
static int tu_region_has(const brink_threshold *t, const brink_scenario *sc, int r,
                         const char *label)
{
    char b[1024];
    for (int i = 0; i < t->regions[r].nstates; i++)
        if (!strcmp(tu_state(t, sc, t->regions[r].state[i], b, sizeof b), label))
            return 1;
    return 0;
}

/* Flip k is at the rational q (exact location) between `before` and `after` (NULL: any). */
static void tu_check_flip(const brink_threshold *t, const brink_scenario *sc, int k,
                          const char *q, const char *before, const char *after, const char *what)
{
    CHECK_MSG(t && t->nflips > k, "%s: %d flips, want flip %d", what, t ? t->nflips : -1, k);
    if (!t || t->nflips <= k)
        return;
    const brink_threshold_flip *f = &t->flips[k];
    char *s = f->at.rational ? mpq_get_str(NULL, 10, f->at.q) : NULL;
    CHECK_MSG(f->at.rational && s && !strcmp(s, q), "%s: flip at %s, want %s", what,
              s ? s : "(irrational)", q);
    free(s);
    if (before)
        CHECK_MSG(tu_region_has(t, sc, f->region_below, before), "%s: '%s' below", what, before);
    if (after)
        CHECK_MSG(tu_region_has(t, sc, f->region_above, after), "%s: '%s' above", what, after);
}

/* Every certified region: at up to `npts` rational points inside (the ends and interior
 * points), every watched choice of the region is made by an equilibrium certified there,
 * and each such equilibrium passes the independent exact check (Nash, and a best reply at
 * every information set to its beliefs). Returns the number of profiles checked. */
static int tu_verify_regions(const brink_threshold *t, const brink_scenario *sc, int npts,
                             const char *what)
{
    brink_error err;
    brink_scenario_instance *in = brink_scenario_instance_new(sc, &err);
    int np = brink_scenario_nparams(sc), checked = 0;
    mpq_t *v = brink_q_array_new((size_t)np + 1);
    brink_scenario_defaults(sc, v);
    const brink_efg *g = brink_scenario_instance_game(in);
    mpq_t *behq = brink_q_array_new((size_t)g->nactions);
    mpq_t *bel = brink_q_array_new((size_t)g->nnodes);
    mpq_t x, w;
    mpq_inits(x, w, NULL);
    for (int r = 0; r < t->nregions; r++) {
        const brink_region *R = &t->regions[r];
        if (R->status != BRINK_REGION_CERTIFIED)
            continue;
        int n = R->point ? 1 : npts;
        for (int j = 0; j < n; j++) {
            if (R->point) {
                if (!R->lo.rational)
                    break;
                mpq_set(x, R->lo.q);
            } else {
                /* from the lower end to the upper end (inside the isolating intervals of
                 * irrational ends; ends only when they belong to the region) */
                const mpq_t *L = R->lo.rational ? &R->lo.q : &R->lo.hi;
                const mpq_t *H = R->hi.rational ? &R->hi.q : &R->hi.lo;
                if ((j == 0 && !(R->lo.rational && R->lo_closed)) ||
                    (j == n - 1 && !(R->hi.rational && R->hi_closed)))
                    continue;
                mpq_sub(w, *H, *L);
                mpq_set_ui(x, (unsigned long)j, (unsigned long)(n > 1 ? n - 1 : 1));
                mpq_canonicalize(x);   /* GMP's arithmetic needs canonical operands */
                mpq_mul(x, x, w);
                mpq_add(x, x, *L);
                if (mpq_cmp(*L, *H) >= 0)
                    continue;
            }
            mpq_set(v[t->param], x);
            if (brink_scenario_bind_q(in, (const mpq_t *)v, &err))
                continue;
            for (int s = 0; s < R->nstates; s++) {
                int cov = 0;
                for (int k = 0; k < R->ncertified; k++)
                    cov |= brink_threshold_eq_state(t, r, k) == R->state[s] &&
                           brink_threshold_covers(t, r, k, x);
                CHECK_MSG(cov, "%s: region %d, state %d has no equilibrium at %s", what, r,
                          R->state[s], mpq_get_str(NULL, 10, x));
            }
            for (int k = 0; k < R->ncertified; k++) {
                if (!brink_threshold_covers(t, r, k, x))
                    continue;
                CHECK(brink_threshold_profile(t, r, k, x, behq, bel, &err) == BRINK_OK);
                int h = check_assessment(g, (const mpq_t *)behq, (const mpq_t *)bel);
                char *xs = mpq_get_str(NULL, 10, x);
                CHECK_MSG(h < 0, "%s: region %d equilibrium %d at %s fails at set %d", what, r,
                          k, xs, h);
                free(xs);
                checked++;
            }
        }
    }
    mpq_clears(x, w, NULL);
    brink_q_array_free(v, (size_t)np + 1);
    brink_q_array_free(behq, (size_t)g->nactions);
    brink_q_array_free(bel, (size_t)g->nnodes);
    brink_scenario_instance_free(in);
    return checked;
}

#endif
