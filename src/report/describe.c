/* describe.c — see describe.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"
#include "report/describe.h"

int *rep_infoset_order(const brink_efg *g, int *n)
{
    int nh = g->player_infoset_start[g->nplayers];
    int *o = brink_calloc((size_t)(nh ? nh : 1), sizeof *o);
    if (!o)
        return NULL;
    an_infosets_by_first_node(g, o, 0);
    *n = nh;
    return o;
}

void rep_who(const brink_scenario *sc, const brink_efg *g, int h, char *buf, size_t size)
{
    int p = g->infoset_player[h], t = brink_scenario_infoset_type(sc, h);
    if (t >= 0)
        snprintf(buf, size, "%s (%s)", brink_scenario_actor_id(sc, p),
                 brink_scenario_type_name(sc, p, t));
    else
        snprintf(buf, size, "%s", brink_scenario_actor_id(sc, p));
}

void rep_when(const brink_scenario *sc, int h, char *buf, size_t size)
{
    const char *v = brink_scenario_infoset_view(sc, h);
    if (!v[0])
        snprintf(buf, size, "at the start");
    else
        snprintf(buf, size, "after %s", v);
}

void rep_hidden(const brink_scenario *sc, const brink_efg *g, int v, char *buf, size_t size)
{
    int p = brink_efg_node_player(g, v);
    const char *parts[64];
    int n = 0;
    for (int u = v; u > 0 && n < 64; u = g->node_parent[u])
        if (p < 0 || !brink_scenario_edge_seen(sc, u, p))
            parts[n++] = brink_scenario_edge_text(sc, u);
    size_t len = 0;
    buf[0] = '\0';
    for (int i = n - 1; i >= 0 && len < size; i--)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? " & " : "", parts[i]);
    if (!n)
        snprintf(buf, size, "(nothing hidden)");
}

int rep_beliefs(const brink_scenario *sc, const brink_efg *g, const brink_equilibrium *eq,
                int h, char (*desc)[200], double *prob, int max)
{
    int n = 0, m = g->infoset_nmembers[h], ms = g->infoset_member_start[h];
    double R = 0;
    for (int x = 0; x < m; x++)
        R += eq->reach[g->infoset_member[ms + x]];
    for (int x = 0; x < m; x++) {
        int v = g->infoset_member[ms + x];
        double b = R > 0 ? eq->reach[v] / R : eq->belief[v];
        char d[200];
        rep_hidden(sc, g, v, d, sizeof d);
        int k = 0;
        while (k < n && strcmp(desc[k], d) != 0)
            k++;
        if (k == n) {
            if (n == max)
                continue;
            snprintf(desc[n], sizeof desc[n], "%s", d);
            prob[n++] = 0;
        }
        prob[k] += b;
    }
    return n;
}

void rep_pct(char *buf, size_t size, double p)
{
    double x = 100 * p;
    if (fabs(x - floor(x + 0.5)) < 1e-9)
        snprintf(buf, size, "%.0f%%", floor(x + 0.5));
    else
        snprintf(buf, size, "%.3g%%", x);
}

void rep_num(char *buf, size_t size, double x)
{
    if (fabs(x) < 5e-13)
        x = 0;
    if (fabs(x - floor(x + 0.5)) < 1e-9)
        snprintf(buf, size, "%.0f", floor(x + 0.5));
    else
        snprintf(buf, size, "%.4g", x);
}

void rep_words(char *buf, size_t size, const char *label)
{
    size_t i = 0;
    for (; label[i] && i + 1 < size; i++)
        buf[i] = label[i] == '_' ? ' ' : label[i];
    buf[i] = '\0';
}

int rep_differs(const brink_efg *g, const brink_analysis *a, int h)
{
    int a0 = g->infoset_action_start[h];
    for (int k = 0; k < g->infoset_nactions[h]; k++) {
        double lo = 2, hi = -1;
        for (int e = 0; e < a->count; e++) {
            double p = a->eq[e].behav[a0 + k];
            if (p < lo)
                lo = p;
            if (p > hi)
                hi = p;
        }
        if (hi - lo > 1e-9)
            return 1;
    }
    return 0;
}
