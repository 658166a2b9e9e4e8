/* mc_sobol.c — the Sobol indices of a Monte Carlo result (brink montecarlo --sobol N) in words
 * and as JSON. Each output (an outcome's probability, a watched action played for sure, an
 * actor's expected value; the order of brink_mc_result.sobol) is named as the rest of the
 * report names it; an output that does not vary over the design has no index, and says so.
 */
#include <math.h>

#include "brink/io.h"
#include "report/describe.h"
#include "report/mc_sobol.h"
#include "report/plural.h"

/* Output j's kind ("outcome", "choice", "value") and its name in words into w; *a, *b: the
 * group / watched set and action / actor it refers to. */
static const char *output_name(const brink_mc_result *r, int j, brink_buf *w, int *a, int *b,
                               int *wk)
{
    const brink_scenario *sc = r->sc;
    int ng = r->ngroups, nc = r->watch_start[r->nwatch];
    brink_buf_reset(w);
    *a = *b = -1;
    if (j < ng) {
        *a = j;
        brink_buf_puts(w, "probability of ");
        rep_group_levels(w, sc, r->group_level, j);
        return "outcome";
    }
    if ((j -= ng) < nc) {
        int k = 0;
        while (j >= r->watch_start[k + 1])
            k++;
        *a = r->watch[k];
        *b = j - r->watch_start[k];
        *wk = k;
        rep_mc_watch_who(w, r, k);
        brink_buf_puts(w, ", ");
        rep_mc_watch_when(w, r, k);
        brink_buf_puts(w, ": ");
        rep_words(w, rep_mc_watch_action(r, k, *b));
        brink_buf_puts(w, " for sure");
        return "choice";
    }
    *a = j - nc;
    brink_buf_printf(w, "expected value of %s", brink_scenario_actor_id(sc, j - nc));
    return "value";
}

static void index_text(brink_buf *out, double v, double lo, double hi)
{
    rep_num(out, v);
    if (!isnan(lo)) {
        brink_buf_puts(out, " [");
        rep_num(out, lo);
        brink_buf_puts(out, ", ");
        rep_num(out, hi);
        brink_buf_puts(out, "]");
    }
}

void rep_mc_sobol_text(const brink_mc_result *r, brink_buf *out)
{
    const brink_scenario *sc = r->sc;
    int k = r->nvaried;
    brink_buf w;
    brink_buf_init(&w);
    brink_buf_printf(out, "\nSobol indices (Saltelli's design, %ld base row%s: %ld draw%s",
                     r->sobol_n, rep_s(r->sobol_n), r->sobol_draws, rep_s(r->sobol_draws));
    if (r->sobol_failed)
        brink_buf_printf(out, ", %ld of them failed or without an equilibrium", r->sobol_failed);
    brink_buf_printf(out, ", %.3g s), first order S1 and total ST with 95%% bootstrap "
                          "intervals; they assume independent parameters, as drawn:\n",
                     r->sobol_seconds);
    for (int j = 0; j < r->nsobol; j++) {
        int a, b, wk;
        output_name(r, j, &w, &a, &b, &wk);
        const brink_sobol *s = &r->sobol[(size_t)j * (size_t)k];
        brink_buf_printf(out, "  %s", rep_text(&w));
        if (s->n < r->sobol_n)
            brink_buf_printf(out, " (%ld of %ld row%s defined)", s->n, r->sobol_n, rep_s(r->sobol_n));
        if (isnan(s->s1)) {
            brink_buf_puts(out, s->n < 2 ? ": undefined in the design's draws\n"
                                         : ": does not vary over the draws\n");
            continue;
        }
        brink_buf_puts(out, ":\n");
        for (int i = 0; i < k; i++) {
            brink_buf_printf(out, "    %s: S1 ", brink_scenario_param(sc, r->varied[i])->name);
            index_text(out, s[i].s1, s[i].s1_lo, s[i].s1_hi);
            brink_buf_puts(out, ", ST ");
            index_text(out, s[i].st, s[i].st_lo, s[i].st_hi);
            brink_buf_puts(out, "\n");
        }
    }
    if (w.failed)
        out->failed = 1;
    brink_buf_free(&w);
}

static void num(brink_buf *out, double x)
{
    if (!isfinite(x))
        brink_buf_puts(out, "null");
    else
        brink_buf_put_double(out, x);
}

void rep_mc_sobol_json(const brink_mc_result *r, brink_buf *out)
{
    const brink_scenario *sc = r->sc;
    int k = r->nvaried;
    brink_buf w;
    brink_buf_init(&w);
    brink_buf_printf(out, ",\"sobol\":{\"base_rows\":%ld,\"draws\":%ld,\"failed\":%ld,"
                          "\"seconds\":", r->sobol_n, r->sobol_draws, r->sobol_failed);
    num(out, r->sobol_seconds);
    brink_buf_puts(out, ",\"outputs\":[");
    for (int j = 0; j < r->nsobol; j++) {
        int a, b, wk = -1;
        const char *kind = output_name(r, j, &w, &a, &b, &wk);
        const brink_sobol *s = &r->sobol[(size_t)j * (size_t)k];
        brink_buf_printf(out, "%s{\"kind\":\"%s\",\"label\":", j ? "," : "", kind);
        brink_json_string(out, rep_text(&w));
        if (kind[0] == 'o') {
            brink_buf_printf(out, ",\"group\":%d", a);
        } else if (kind[0] == 'c') {
            brink_buf_printf(out, ",\"infoset\":%d,\"action\":", a);
            brink_json_string(out, rep_mc_watch_action(r, wk, b));
        } else {
            brink_buf_puts(out, ",\"actor\":");
            brink_json_string(out, brink_scenario_actor_id(sc, a));
        }
        brink_buf_printf(out, ",\"n\":%ld,\"variance\":", k ? s->n : 0);
        num(out, k ? s->var : NAN);
        brink_buf_puts(out, ",\"indices\":[");
        for (int i = 0; i < k; i++) {
            brink_buf_printf(out, "%s{\"param\":%d,\"name\":", i ? "," : "", r->varied[i]);
            brink_json_string(out, brink_scenario_param(sc, r->varied[i])->name);
            const double v[6] = {s[i].s1, s[i].s1_lo, s[i].s1_hi,
                                 s[i].st, s[i].st_lo, s[i].st_hi};
            static const char *const key[6] = {"s1", "s1_lo", "s1_hi", "st", "st_lo", "st_hi"};
            for (int f = 0; f < 6; f++) {
                brink_buf_printf(out, ",\"%s\":", key[f]);
                num(out, v[f]);
            }
            brink_buf_puts(out, "}");
        }
        brink_buf_puts(out, "]}");
    }
    brink_buf_puts(out, "]}");
    if (w.failed)
        out->failed = 1;
    brink_buf_free(&w);
}
