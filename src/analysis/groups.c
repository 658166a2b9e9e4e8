/* groups.c — outcome groups: leaves whose discrete issues take the same levels are one
 * outcome; analyses report the probability of each group rather than of each leaf. A group
 * is its vector of issue levels (numeric issues are -1 and are reported as expected values
 * instead), found by hashing and comparing those vectors, never their words.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"
#include "core/htab.h"

void an_groups_free(int *group_level, int *leaf_group)
{
    free(group_level);
    free(leaf_group);
}

typedef struct gkey {
    const int *levels;       /* all groups' levels so far */
    const int *cand;         /* the leaf's levels */
    int ni;
} gkey;

static int same_levels(void *ctx, int idx)
{
    const gkey *k = ctx;
    return memcmp(k->levels + (size_t)idx * (size_t)k->ni, k->cand,
                  (size_t)k->ni * sizeof *k->cand) == 0;
}

brink_status an_groups(const brink_scenario *sc, const brink_efg *g, int *ngroups,
                       int **group_level_out, int **leaf_group_out, brink_error *err)
{
    int ni = brink_scenario_nissues(sc), n = 0, cap = 0;
    size_t w = (size_t)(ni ? ni : 1);
    int *levels = NULL;
    int *cand = brink_calloc(w, sizeof *cand);
    int *leaf_group = brink_calloc((size_t)(g->nleaves ? g->nleaves : 1), sizeof *leaf_group);
    htab t;
    htab_init(&t);
    if (!cand || !leaf_group)
        goto oom;
    for (int l = 0; l < g->nleaves; l++) {
        uint64_t h = 0x6a09e667f3bcc909ull;
        for (int k = 0; k < ni; k++) {
            cand[k] = brink_scenario_issue_nlevels(sc, k) ? brink_scenario_leaf_level(sc, l, k)
                                                          : -1;
            h = htab_mix(h, (uint64_t)(uint32_t)cand[k]);
        }
        gkey key = {levels, cand, ni};
        int gi = n ? htab_find(&t, h, same_levels, &key) : -1;
        if (gi < 0) {
            if (n == cap) {
                int c = cap ? 2 * cap : 16;
                int *grown = brink_reallocarray(levels, (size_t)c * w, sizeof *grown);
                if (!grown)
                    goto oom;
                levels = grown;
                cap = c;
            }
            memcpy(levels + (size_t)n * w, cand, w * sizeof *cand);
            if (htab_add(&t, h, n))
                goto oom;
            gi = n++;
        }
        leaf_group[l] = gi;
    }
    if (!levels) {   /* no leaves: keep the array non-NULL for uniform frees */
        levels = brink_calloc(w, sizeof *levels);
        if (!levels)
            goto oom;
    }
    htab_free(&t);
    free(cand);
    *ngroups = n;
    *group_level_out = levels;
    *leaf_group_out = leaf_group;
    return BRINK_OK;
oom:
    htab_free(&t);
    free(cand);
    an_groups_free(levels, leaf_group);
    return brink_error_set(err, BRINK_ENOMEM, "out of memory grouping outcomes");
}
