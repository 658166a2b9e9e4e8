/* mc_export.c — a Monte Carlo result's draws, one row per draw, as CSV (RFC 4180: every
 * text quoted, a header row) or as JSON Lines (one object per line), for
 * `brink montecarlo --csv FILE / --jsonl FILE`. Needs the per-draw arrays (keep_draws).
 * Columns: the draw's index, each drawn parameter, the number of equilibria (-1: failed),
 * the realised outcome group (empty/null when none or the equilibria disagree), each watched
 * decision's state (the action every equilibrium plays, "mixed", "ambiguous" or "none"),
 * each actor's expected value (empty/null when the equilibria disagree).
 */
#include <math.h>
#include <string.h>

#include "brink/io.h"
#include "brink/uncertainty.h"
#include "report/describe.h"

static void putch(brink_buf *b, char c)
{
    brink_buf_append(b, &c, 1);
}

static void csv_text(brink_buf *out, const char *s)
{
    putch(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            putch(out, '"');
        putch(out, *s);
    }
    putch(out, '"');
}

static void number(brink_buf *out, double x, int json)
{
    if (isfinite(x))
        brink_buf_put_double(out, x);
    else if (json)
        brink_buf_puts(out, "null");
}

/* The name of watched decision k: "USA, after DPRK demand". */
static void watch_name(brink_buf *w, const brink_mc_result *r, const brink_efg *g, int k)
{
    (void)g;
    brink_buf_reset(w);
    rep_mc_watch_who(w, r, k);
    brink_buf_puts(w, ", ");
    rep_mc_watch_when(w, r, k);
}

static const char *state_name(const brink_mc_result *r, const brink_efg *g, int k, int st)
{
    (void)g;
    if (st >= 0)
        return rep_mc_watch_action(r, k, st);
    return st == BRINK_MC_MIXED ? "mixed" : st == BRINK_MC_AMBIGUOUS ? "ambiguous" : "none";
}

static brink_status export(const brink_mc_result *r, brink_buf *out, int json,
                           brink_error *err)
{
    if (!r->draw_neq)
        return brink_error_set(err, BRINK_EINVALID, "the result kept no draws (keep_draws)");
    const brink_scenario *sc = r->sc;
    const brink_efg *g = brink_scenario_game(sc);
    brink_buf w;
    brink_buf_init(&w);
    void (*text)(brink_buf *, const char *) = json ? brink_json_string : csv_text;
    if (!json) {
        brink_buf_puts(out, "\"index\"");
        for (int k = 0; k < r->nvaried; k++) {
            putch(out, ',');
            csv_text(out, brink_scenario_param(sc, r->varied[k])->name);
        }
        brink_buf_puts(out, ",\"equilibria\",\"outcome\"");
        for (int k = 0; k < r->nwatch; k++) {
            watch_name(&w, r, g, k);
            putch(out, ',');
            csv_text(out, rep_text(&w));
        }
        for (int p = 0; p < r->nplayers; p++) {
            brink_buf_puts(out, ",\"value ");
            brink_buf_puts(out, brink_scenario_actor_id(r->sc, p));
            putch(out, '"');
        }
        putch(out, '\n');
    }
    for (long i = 0; i < r->samples; i++) {
        brink_buf_printf(out, json ? "{\"index\":%ld,\"parameters\":{" : "%ld", i);
        for (int k = 0; k < r->nvaried; k++) {
            if (json) {
                if (k)
                    putch(out, ',');
                brink_json_string(out, brink_scenario_param(sc, r->varied[k])->name);
                putch(out, ':');
            } else {
                putch(out, ',');
            }
            number(out, r->draw_x[(size_t)i * (size_t)r->nvaried + (size_t)k], json);
        }
        brink_buf_printf(out, json ? "},\"equilibria\":%d,\"outcome\":" : ",%d,",
                         r->draw_neq[i]);
        if (r->draw_outcome[i] >= 0) {
            brink_buf_reset(&w);
            rep_group_levels(&w, sc, r->group_level, r->draw_outcome[i]);
            text(out, rep_text(&w));
        } else if (json) {
            brink_buf_puts(out, "null");
        }
        if (json)
            brink_buf_puts(out, ",\"watched\":{");
        for (int k = 0; k < r->nwatch; k++) {
            if (json) {
                watch_name(&w, r, g, k);
                if (k)
                    putch(out, ',');
                brink_json_string(out, rep_text(&w));
                putch(out, ':');
            } else {
                putch(out, ',');
            }
            text(out, state_name(r, g, k,
                                 r->draw_choice[(size_t)i * (size_t)r->nwatch + (size_t)k]));
        }
        if (json)
            brink_buf_puts(out, "},\"values\":{");
        for (int p = 0; p < r->nplayers; p++) {
            if (json) {
                if (p)
                    putch(out, ',');
                brink_json_string(out, brink_scenario_actor_id(r->sc, p));
                putch(out, ':');
            } else {
                putch(out, ',');
            }
            number(out, r->draw_value[(size_t)i * (size_t)r->nplayers + (size_t)p], json);
        }
        brink_buf_puts(out, json ? "}}\n" : "\n");
    }
    int failed = w.failed;
    brink_buf_free(&w);
    if (failed || out->failed)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    return BRINK_OK;
}

brink_status brink_mc_write_csv(const brink_mc_result *r, brink_buf *out, brink_error *err)
{
    return export(r, out, 0, err);
}

brink_status brink_mc_write_jsonl(const brink_mc_result *r, brink_buf *out, brink_error *err)
{
    return export(r, out, 1, err);
}
