/* groups.c — outcome groups: leaves whose discrete issues take the same levels are one
 * outcome in words ("summit=held, exercises=suspended"); analyses report the probability of
 * each group rather than of each leaf. Numeric issues are reported as expected values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"

void an_groups_free(int ngroups, char **text, int *leaf_group)
{
    for (int i = 0; i < ngroups; i++)
        free(text ? text[i] : NULL);
    free(text);
    free(leaf_group);
}

brink_status an_groups(const brink_scenario *sc, const brink_efg *g, int *ngroups,
                       char ***text_out, int **leaf_group_out, brink_error *err)
{
    int ni = brink_scenario_nissues(sc), n = 0, cap = 0;
    char **text = NULL;
    int *leaf_group = brink_calloc((size_t)(g->nleaves ? g->nleaves : 1), sizeof *leaf_group);
    if (!leaf_group)
        goto oom;
    for (int l = 0; l < g->nleaves; l++) {
        char buf[600];
        size_t len = 0;
        buf[0] = '\0';
        for (int k = 0; k < ni; k++) {
            if (brink_scenario_issue_nlevels(sc, k) == 0 || len >= sizeof buf)
                continue;
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s=%s", len ? ", " : "",
                                    brink_scenario_issue_name(sc, k),
                                    brink_scenario_issue_level(sc, k,
                                                               brink_scenario_leaf_level(sc, l, k)));
        }
        if (!buf[0])
            snprintf(buf, sizeof buf, "every outcome");
        int gi = -1;
        for (int i = n - 1; i >= 0 && gi < 0; i--)
            if (strcmp(text[i], buf) == 0)
                gi = i;
        if (gi < 0) {
            if (n == cap) {
                int c = cap ? 2 * cap : 16;
                char **t = brink_reallocarray(text, (size_t)c, sizeof *t);
                if (!t)
                    goto oom;
                text = t;
                cap = c;
            }
            text[n] = malloc(strlen(buf) + 1);
            if (!text[n])
                goto oom;
            memcpy(text[n], buf, strlen(buf) + 1);
            gi = n++;
        }
        leaf_group[l] = gi;
    }
    *ngroups = n;
    *text_out = text;
    *leaf_group_out = leaf_group;
    return BRINK_OK;
oom:
    an_groups_free(n, text, leaf_group);
    return brink_error_set(err, BRINK_ENOMEM, "out of memory grouping outcomes");
}
