/* lh.c — the Lemke–Howson path (see lh.h). */
#include "solve/lcp/lh.h"

int lh_label(const lh_state *st, int s, int v)
{
    if (s == 0)
        return v; /* x_i -> i, slack j (index m + j) -> m + j */
    return v < st->n ? st->m + v : v - st->n;
}

int lh_var(const lh_state *st, int s, int L)
{
    if (s == 0)
        return L;
    return L >= st->m ? L - st->m : st->n + L;
}

void lh_start(lh_state *st, int k)
{
    st->k = k;
    st->label = k;
    /* the side where label k is nonbasic */
    st->s = st->side[0].var_pos[lh_var(st, 0, k)] < 0 ? 0 : 1;
}

lh_status lh_step(lh_state *st)
{
    lh_side *sd = &st->side[st->s];
    int v = lh_var(st, st->s, st->label);
    int c = -1 - sd->var_pos[v];
    int r = sd->ratio(sd->dict, c);
    if (r < 0)
        return LH_RAY;
    int leaving = sd->row_var[r];
    sd->pivot(sd->dict, r, c);
    st->pivots++;
    int out = lh_label(st, st->s, leaving);
    if (out == st->k)
        return LH_OK;
    st->label = out;
    st->s = 1 - st->s;
    return LH_RUNNING;
}

lh_status lh_run(lh_state *st, int k, long max_pivots)
{
    lh_start(st, k);
    for (long steps = 0;; steps++) {
        if (max_pivots > 0 && steps >= max_pivots)
            return LH_LIMIT;
        lh_status ls = lh_step(st);
        if (ls != LH_RUNNING)
            return ls;
    }
}
