/* montecarlo.c — a Monte Carlo result in words (brink montecarlo) and as JSON
 * (brink montecarlo --json, schema/brink-montecarlo.schema.json). Every number comes from
 * brink_mc_result; "unique" is said only of draws whose equilibrium set was proved complete.
 */
#include <math.h>
#include <stdlib.h>

#include "brink/io.h"
#include "brink/uncertainty.h"
#include "report/describe.h"
#include "report/mc_sobol.h"
#include "report/plural.h"

static void prop_text(brink_buf *b, const brink_proportion *p)
{
    if (p->n == 0) {
        brink_buf_puts(b, "n/a (no draw counted)");
        return;
    }
    rep_pct(b, p->p);
    brink_buf_puts(b, "  [");
    rep_pct(b, p->lo);
    brink_buf_puts(b, ", ");
    rep_pct(b, p->hi);
    brink_buf_printf(b, "]  (%ld of %ld", p->k, p->n);
    if (p->unknown)
        brink_buf_printf(b, "; the interval covers the %ld draw%s without an answer, whatever "
                            "they would show", p->unknown, rep_s(p->unknown));
    brink_buf_puts(b, ")");
}

static const char *dist_name(brink_dist_kind k)
{
    static const char *const names[] = {"none", "uniform", "normal", "triangular", "beta",
                                        "lognormal", "discrete"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

/* A mean with its interval when there is one (more than one draw): "0.5655 [0.52, 0.61]". */
static void mean_interval_text(brink_buf *out, const brink_mean *m, const char *gap)
{
    rep_num(out, m->mean);
    if (m->n > 1) {
        brink_buf_printf(out, "%s[", gap);
        rep_num(out, m->lo);
        brink_buf_puts(out, ", ");
        rep_num(out, m->hi);
        brink_buf_puts(out, "]");
    }
}

/* The options of the compared decision: P(best), expected value, regret, worst. */
static void compare_text(const brink_mc_result *r, const brink_efg *g, brink_buf *out)
{
    const brink_scenario *sc = r->sc;
    int h = r->compare_infoset;
    brink_buf_puts(out, "\nOptions of ");
    rep_who(out, sc, g, h);
    brink_buf_puts(out, ", ");
    rep_when(out, sc, h);
    brink_buf_printf(out, " (%ld draw%s; the others reply as in the draw's equilibrium; when a "
                          "draw's equilibria value an option differently, its least value is "
                          "used, a pessimistic reading that every figure below, best share "
                          "included, follows: %ld such draw%s):\n",
                     r->compare_n, rep_s(r->compare_n), r->compare_ambiguous,
                     rep_s(r->compare_ambiguous));
    for (int a = 0; a < r->nopts; a++) {
        brink_buf_puts(out, "  ");
        rep_words(out, g->action_label[g->infoset_action_start[h] + a]);
        brink_buf_puts(out, ": best in ");
        prop_text(out, &r->opt_best[a]);
        brink_buf_puts(out, "\n      expected value ");
        mean_interval_text(out, &r->opt_value[a], " ");
        brink_buf_puts(out, ", expected regret ");
        mean_interval_text(out, &r->opt_regret[a], " ");
        brink_buf_puts(out, ", worst ");
        rep_num(out, r->opt_worst[a]);
        brink_buf_puts(out, "\n");
    }
}

/* Standardised regression coefficients per actor's value, largest first as given. */
static void sensitivity_text(const brink_mc_result *r, brink_buf *out)
{
    const brink_scenario *sc = r->sc;
    brink_buf_puts(out, "\nSensitivity of each expected value (standardised regression "
                        "coefficients, 95% bootstrap intervals):\n");
    for (int p = 0; p < r->nsens; p++) {
        brink_buf_printf(out, "  %s (%ld draw%s, R^2 ", brink_scenario_actor_id(sc, p),
                         r->src_n[p], rep_s(r->src_n[p]));
        rep_num(out, r->src_r2[p]);
        brink_buf_puts(out, "):");
        for (int j = 0; j < r->nvaried; j++) {
            size_t ix = (size_t)p * (size_t)r->nvaried + (size_t)j;
            brink_buf_printf(out, "%s %s ", j ? "," : "",
                             brink_scenario_param(sc, r->varied[j])->name);
            if (isnan(r->src[ix])) {
                brink_buf_puts(out, "n/a");
                continue;
            }
            rep_num(out, r->src[ix]);
            if (!isnan(r->src_lo[ix])) {
                brink_buf_puts(out, " [");
                rep_num(out, r->src_lo[ix]);
                brink_buf_puts(out, ", ");
                rep_num(out, r->src_hi[ix]);
                brink_buf_puts(out, "]");
            }
        }
        brink_buf_puts(out, "\n");
    }
}

/* Of a count's draws, those whose list of equilibria is not proved complete. */
static void incomplete_note(brink_buf *out, long n)
{
    if (n > 0)
        brink_buf_printf(out, "; in %ld of them other equilibria are not ruled out", n);
}

brink_status brink_mc_write_text(const brink_mc_result *r, brink_buf *out, brink_error *err)
{
    const brink_scenario *sc = r->sc;
    const brink_efg *g = brink_scenario_game(sc);
    const char *mech = brink_scenario_mechanism(sc);
    brink_buf_printf(out, "%s%s%s  [%s]\n", mech, *mech ? " | " : "", brink_scenario_title(sc),
                     brink_scenario_id(sc));
    brink_buf_printf(out, "Monte Carlo: %ld draw%s, seed %llu, %d thread%s", r->samples, rep_s(r->samples),
                     (unsigned long long)r->seed, r->threads, r->threads == 1 ? "" : "s");
    if (r->nparts > 1)
        brink_buf_printf(out, " in each of %d processes", r->nparts);
    brink_buf_printf(out, ", %.3g s.\n", r->seconds);
    if (r->nvaried == 0)
        brink_buf_puts(out, "No parameter declares a distribution: every draw is the "
                            "default game.\n");
    else
        brink_buf_puts(out, "Drawn:");
    for (int k = 0; k < r->nvaried; k++) {
        const brink_param_info *p = brink_scenario_param(sc, r->varied[k]);
        brink_buf_printf(out, "%s %s ~ %s%s", k ? "," : "", p->name, dist_name(p->dist),
                         p->dist_truncated ? " (truncated to its range)" : "");
    }
    if (r->nvaried)
        brink_buf_puts(out, "; the other parameters at their values.\n");
    long nd = r->samples - r->failed;
    /* the first failure's place in the file, when it has one */
    brink_buf where;
    brink_buf_init(&where);
    const char *file = brink_scenario_filename(sc);
    if (r->failed && r->first_error_line > 0 && file && file[0])
        brink_buf_printf(&where, "%s:%d:%d: ", file, r->first_error_line,
                         r->first_error_column > 0 ? r->first_error_column : 1);
    if (where.failed)
        out->failed = 1;
    const char *at = where.data ? where.data : "";
    if (nd == 0) {
        /* nothing to aggregate: no share, mean or interval is printed (they would be 0/0) */
        brink_buf_printf(out, "\nNo draw was solved: all %ld failed; the first (draw %ld): %s%s\n",
                         r->failed, r->first_error_index, at,
                         r->first_error ? r->first_error : "");
        brink_buf_free(&where);
        if (out->failed)
            return brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return BRINK_OK;
    }
    brink_buf_printf(out, "\nEquilibria per draw (%ld solved", nd);
    if (r->failed)
        brink_buf_printf(out, "; %ld failed, the first (draw %ld): %s%s", r->failed,
                         r->first_error_index, at, r->first_error ? r->first_error : "");
    brink_buf_free(&where);
    brink_buf_puts(out, "):\n  unique (proved):          ");
    prop_text(out, &r->p_unique);
    brink_buf_printf(out, "\n  one found (not proved):   %ld\n", r->single);
    if (r->unique_spe) {
        brink_buf_puts(out, "    of which the only subgame-perfect one (proved): ");
        prop_text(out, &r->p_unique_spe);
        brink_buf_puts(out, "\n      (perfect information, every preference strict; Nash "
                            "equilibria whose threats are never carried out are not ruled "
                            "out)\n");
    }
    brink_buf_puts(out, "  several (ambiguous):      ");
    prop_text(out, &r->p_several);
    brink_buf_printf(out, "\n  none found:               %ld\n", r->none);
    if (r->incomplete)
        brink_buf_printf(out, "  Lists not proved complete: %ld draw%s (an enumeration stopped "
                              "at its cap, a method cut short by the time limit, or one that "
                              "finds some equilibria only): other "
                              "equilibria are not ruled out there; below, their outcomes and "
                              "choices are those of the equilibria found.\n",
                         r->incomplete, rep_s(r->incomplete));
    if (r->unverified)
        brink_buf_printf(out, "  %ld draw%s had equilibria checked in doubles only.\n",
                         r->unverified, rep_s(r->unverified));
    if (r->fast || r->fast_fallback)
        brink_buf_printf(out, "  Solved in doubles and certified by their margins: %ld draw%s; "
                              "solved exactly (a margin too small): %ld.\n", r->fast, rep_s(r->fast),
                         r->fast_fallback);
    if (r->regions_used) {
        /* certified and unknown regions told apart: an unknown one certifies nothing */
        int unknown = r->nregions - r->nregions_certified;
        brink_buf_printf(out, "  Region path (%s, the one drawn parameter): %d region%s, %d "
                              "certified (%d with every equilibrium proved)",
                         brink_scenario_param(sc, r->varied[0])->name, r->nregions,
                         rep_s(r->nregions), r->nregions_certified, r->nregions_complete);
        if (unknown)
            brink_buf_printf(out, ", %d unknown (nothing certified there)", unknown);
        brink_buf_printf(out, "; answered by exact lookup: %ld draw%s; solved: %ld",
                         r->region_lookup, rep_s(r->region_lookup), r->region_solved);
        if (r->loaded)
            brink_buf_printf(out, "; loaded from the database (not computed by this run): %ld",
                             r->loaded);
        brink_buf_puts(out, ".\n");
        if (r->regions_stopped)
            brink_buf_printf(out, "  The region path stopped at its time budget (%.3g s: half "
                                  "the estimated cost of solving every draw, at least 1 s; "
                                  "it ran %.3g s): the draws in the parts of the range it had "
                                  "not covered were solved.\n", r->regions_budget,
                             r->regions_seconds);
    }
    brink_buf_puts(out, "\nOutcomes (realised, with 95% Wilson intervals; mean probability in "
                        "the equilibrium):\n");
    for (int k = 0; k < r->ngroups; k++) {
        brink_buf_puts(out, "  ");
        rep_group_levels(out, sc, r->group_level, k);
        brink_buf_puts(out, ": ");
        prop_text(out, &r->outcome[k]);
        brink_buf_puts(out, "; mean ");
        rep_pct(out, r->outcome_mean[k]);
        incomplete_note(out, r->outcome_incomplete[k]);
        brink_buf_puts(out, "\n");
    }
    if (r->outcome_ambiguous)
        brink_buf_printf(out, "  %ld draw%s not counted: their equilibria lead to different "
                              "outcomes.\n", r->outcome_ambiguous, rep_s(r->outcome_ambiguous));
    for (int k = 0; k < r->nwatch; k++) {
        brink_buf_puts(out, k ? "" : "\nWatched choices (share of the draws with an "
                                     "equilibrium found in which every equilibrium makes it):\n");
        brink_buf_puts(out, "  ");
        rep_mc_watch_who(out, r, k);
        brink_buf_puts(out, ", ");
        rep_mc_watch_when(out, r, k);
        brink_buf_puts(out, ":\n");
        for (int a = r->watch_start[k]; a < r->watch_start[k + 1]; a++) {
            brink_buf_puts(out, "    ");
            rep_words(out, rep_mc_watch_action(r, k, a - r->watch_start[k]));
            brink_buf_puts(out, ": ");
            prop_text(out, &r->choice[a]);
            incomplete_note(out, r->choice_incomplete[a]);
            brink_buf_puts(out, "\n");
        }
        if (r->choice_mixed[k].k) {
            brink_buf_puts(out, "    mixes: ");
            prop_text(out, &r->choice_mixed[k]);
            incomplete_note(out, r->mixed_incomplete[k]);
            brink_buf_puts(out, "\n");
        }
        if (r->choice_ambiguous[k].k) {
            brink_buf_puts(out, "    equilibria disagree: ");
            prop_text(out, &r->choice_ambiguous[k]);
            brink_buf_puts(out, "\n");
        }
    }
    brink_buf_puts(out, "\nExpected value (mean over draws, 95% interval):\n");
    for (int p = 0; p < r->nplayers; p++) {
        const brink_mean *m = &r->value[p];
        brink_buf_printf(out, "  %s: ", brink_scenario_actor_id(sc, p));
        if (m->n == 0) {
            brink_buf_puts(out, "n/a\n");
            continue;
        }
        mean_interval_text(out, m, "  ");
        brink_buf_printf(out, "  (%ld draw%s)\n", m->n, rep_s(m->n));
        if (m->heavy)
            brink_buf_printf(out, "    heavy tail: one draw makes %.0f%% of the spread; the "
                                  "interval assumes a finite\n    variance and may not hold "
                                  "(the mean may not exist)\n", 100 * m->max_share);
    }
    if (r->value_ambiguous)
        brink_buf_printf(out, "  %ld draw%s not counted: their equilibria differ in expected "
                              "value.\n", r->value_ambiguous, rep_s(r->value_ambiguous));
    if (r->compare_infoset >= 0)
        compare_text(r, g, out);
    if (r->nsens)
        sensitivity_text(r, out);
    if (r->sobol_n)
        rep_mc_sobol_text(r, out);
    if (out->failed)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    return BRINK_OK;
}

/* ---- JSON ---- */

static void num(brink_buf *out, double x)
{
    if (!isfinite(x))
        brink_buf_puts(out, "null");
    else
        brink_buf_put_double(out, x);
}

static void prop_json(brink_buf *out, const brink_proportion *p)
{
    brink_buf_printf(out, "{\"k\":%ld,\"n\":%ld,\"p\":", p->k, p->n);
    num(out, p->p);
    brink_buf_puts(out, ",\"lo\":");
    num(out, p->lo);
    brink_buf_puts(out, ",\"hi\":");
    num(out, p->hi);
    brink_buf_printf(out, ",\"unknown\":%ld}", p->unknown);
}

static void mean_json(brink_buf *out, const brink_mean *m)
{
    brink_buf_printf(out, "{\"n\":%ld,\"mean\":", m->n);
    num(out, m->mean);
    brink_buf_puts(out, ",\"sd\":");
    num(out, m->sd);
    brink_buf_puts(out, ",\"lo\":");
    num(out, m->lo);
    brink_buf_puts(out, ",\"hi\":");
    num(out, m->hi);
    brink_buf_puts(out, ",\"max_share\":");
    num(out, m->max_share);
    brink_buf_printf(out, ",\"heavy\":%s}", m->heavy ? "true" : "false");
}

brink_status brink_mc_write_json(const brink_mc_result *r, brink_buf *out, brink_error *err)
{
    const brink_scenario *sc = r->sc;
    const brink_efg *g = brink_scenario_game(sc);
    brink_buf w;
    brink_buf_init(&w);
    brink_buf_puts(out, "{\"scenario\":");
    brink_json_string(out, brink_scenario_id(sc));
    brink_buf_printf(out, ",\"samples\":%ld,\"seed\":%llu,\"threads\":%d,\"processes\":%d,"
                     "\"seconds\":", r->samples, (unsigned long long)r->seed, r->threads,
                     r->nparts > 1 ? r->nparts : 1);
    num(out, r->seconds);
    brink_buf_puts(out, ",\"varied\":[");
    for (int k = 0; k < r->nvaried; k++) {
        const brink_param_info *p = brink_scenario_param(sc, r->varied[k]);
        brink_buf_printf(out, "%s{\"param\":%d,\"name\":", k ? "," : "", r->varied[k]);
        brink_json_string(out, p->name);
        brink_buf_puts(out, ",\"distribution\":");
        brink_json_string(out, dist_name(p->dist));
        brink_buf_printf(out, ",\"truncated\":%s}", p->dist_truncated ? "true" : "false");
    }
    brink_buf_printf(out, "],\"failed\":%ld,\"first_error\":", r->failed);
    if (r->first_error)
        brink_json_string(out, r->first_error);
    else
        brink_buf_puts(out, "null");
    if (r->failed && r->first_error_line > 0)
        brink_buf_printf(out, ",\"first_error_line\":%d,\"first_error_column\":%d",
                         r->first_error_line, r->first_error_column > 0 ? r->first_error_column : 1);
    brink_buf_printf(out, ",\"none\":%ld,\"unique\":", r->none);
    prop_json(out, &r->p_unique);
    brink_buf_printf(out, ",\"single_unproved\":%ld,\"unique_subgame_perfect\":", r->single);
    prop_json(out, &r->p_unique_spe);
    brink_buf_puts(out, ",\"several\":");
    prop_json(out, &r->p_several);
    brink_buf_printf(out, ",\"incomplete\":%ld", r->incomplete);
    brink_buf_printf(out, ",\"unverified\":%ld,\"double_path\":{\"certified\":%ld,"
                     "\"fallback\":%ld},\"regions\":", r->unverified, r->fast,
                     r->fast_fallback);
    if (r->regions_used) {
        /* the budget and the time taken only when it stopped: a run that finished is the
         * same whatever the machine's speed (the same seed, the same JSON) */
        brink_buf_printf(out, "{\"regions\":%d,\"certified\":%d,\"unknown\":%d,\"complete\":%d,"
                              "\"lookup\":%ld,\"solved\":%ld,\"loaded\":%ld,\"stopped\":%s",
                         r->nregions, r->nregions_certified, r->nregions - r->nregions_certified,
                         r->nregions_complete, r->region_lookup, r->region_solved, r->loaded,
                         r->regions_stopped ? "true" : "false");
        if (r->regions_stopped)
            brink_buf_printf(out, ",\"budget_s\":%.6g,\"seconds\":%.6g", r->regions_budget,
                             r->regions_seconds);
        brink_buf_puts(out, "}");
    } else {
        brink_buf_puts(out, "null");
    }
    brink_buf_puts(out, ",\"outcomes\":[");
    for (int k = 0; k < r->ngroups; k++) {
        brink_buf_reset(&w);
        rep_group_levels(&w, sc, r->group_level, k);
        brink_buf_printf(out, "%s{\"group\":%d,\"label\":", k ? "," : "", k);
        brink_json_string(out, rep_text(&w));
        brink_buf_puts(out, ",\"realised\":");
        prop_json(out, &r->outcome[k]);
        brink_buf_puts(out, ",\"mean_probability\":");
        num(out, r->outcome_mean[k]);
        brink_buf_printf(out, ",\"incomplete\":%ld}", r->outcome_incomplete[k]);
    }
    brink_buf_printf(out, "],\"outcome_ambiguous\":%ld,\"watched\":[", r->outcome_ambiguous);
    for (int k = 0; k < r->nwatch; k++) {
        int h = r->watch[k];
        brink_buf_reset(&w);
        rep_mc_watch_who(&w, r, k);
        brink_buf_puts(&w, ", ");
        rep_mc_watch_when(&w, r, k);
        brink_buf_printf(out, "%s{\"infoset\":%d,\"label\":", k ? "," : "", h);
        brink_json_string(out, rep_text(&w));
        brink_buf_puts(out, ",\"actions\":[");
        for (int a = r->watch_start[k]; a < r->watch_start[k + 1]; a++) {
            brink_buf_puts(out, a > r->watch_start[k] ? ",{\"action\":" : "{\"action\":");
            brink_json_string(out, rep_mc_watch_action(r, k, a - r->watch_start[k]));
            brink_buf_puts(out, ",\"played\":");
            prop_json(out, &r->choice[a]);
            brink_buf_printf(out, ",\"incomplete\":%ld}", r->choice_incomplete[a]);
        }
        brink_buf_puts(out, "],\"mixed\":");
        prop_json(out, &r->choice_mixed[k]);
        brink_buf_printf(out, ",\"mixed_incomplete\":%ld", r->mixed_incomplete[k]);
        brink_buf_puts(out, ",\"ambiguous\":");
        prop_json(out, &r->choice_ambiguous[k]);
        brink_buf_puts(out, "}");
    }
    brink_buf_puts(out, "],\"values\":[");
    for (int p = 0; p < r->nplayers; p++) {
        const brink_mean *m = &r->value[p];
        brink_buf_printf(out, "%s{\"actor\":", p ? "," : "");
        brink_json_string(out, brink_scenario_actor_id(sc, p));
        brink_buf_puts(out, ",\"estimate\":");
        mean_json(out, m);
        brink_buf_puts(out, "}");
    }
    brink_buf_printf(out, "],\"value_ambiguous\":%ld", r->value_ambiguous);
    if (r->compare_infoset >= 0) {
        int h = r->compare_infoset;
        brink_buf_reset(&w);
        rep_who(&w, sc, g, h);
        brink_buf_puts(&w, ", ");
        rep_when(&w, sc, h);
        brink_buf_printf(out, ",\"compare\":{\"infoset\":%d,\"actor\":", h);
        brink_json_string(out, brink_scenario_actor_id(sc, r->compare_actor));
        brink_buf_puts(out, ",\"label\":");
        brink_json_string(out, rep_text(&w));
        brink_buf_printf(out, ",\"n\":%ld,\"ambiguous\":%ld,\"convention\":\"least\","
                         "\"options\":[", r->compare_n, r->compare_ambiguous);
        for (int a = 0; a < r->nopts; a++) {
            brink_buf_puts(out, a ? ",{\"action\":" : "{\"action\":");
            brink_json_string(out, g->action_label[g->infoset_action_start[h] + a]);
            brink_buf_puts(out, ",\"best\":");
            prop_json(out, &r->opt_best[a]);
            brink_buf_puts(out, ",\"value\":");
            mean_json(out, &r->opt_value[a]);
            brink_buf_puts(out, ",\"regret\":");
            mean_json(out, &r->opt_regret[a]);
            brink_buf_puts(out, ",\"worst\":");
            num(out, r->opt_worst[a]);
            brink_buf_puts(out, "}");
        }
        brink_buf_puts(out, "]}");
    }
    if (r->nsens) {
        brink_buf_puts(out, ",\"sensitivity\":[");
        for (int p = 0; p < r->nsens; p++) {
            brink_buf_printf(out, "%s{\"actor\":", p ? "," : "");
            brink_json_string(out, brink_scenario_actor_id(sc, p));
            brink_buf_printf(out, ",\"n\":%ld,\"r2\":", r->src_n[p]);
            num(out, r->src_r2[p]);
            brink_buf_puts(out, ",\"src\":[");
            for (int j = 0; j < r->nvaried; j++) {
                size_t ix = (size_t)p * (size_t)r->nvaried + (size_t)j;
                brink_buf_printf(out, "%s{\"param\":%d,\"value\":", j ? "," : "", r->varied[j]);
                num(out, r->src[ix]);
                brink_buf_puts(out, ",\"lo\":");
                num(out, r->src_lo[ix]);
                brink_buf_puts(out, ",\"hi\":");
                num(out, r->src_hi[ix]);
                brink_buf_puts(out, "}");
            }
            brink_buf_puts(out, "]}");
        }
        brink_buf_puts(out, "]");
    }
    if (r->sobol_n)
        rep_mc_sobol_json(r, out);
    if (r->draw_neq) {
        brink_buf_puts(out, ",\"draws\":[");
        for (long i = 0; i < r->samples; i++) {
            brink_buf_printf(out, "%s{\"x\":[", i ? "," : "");
            for (int k = 0; k < r->nvaried; k++) {
                brink_buf_puts(out, k ? "," : "");
                num(out, r->draw_x[(size_t)i * (size_t)r->nvaried + (size_t)k]);
            }
            brink_buf_printf(out, "],\"equilibria\":%d,\"outcome\":", r->draw_neq[i]);
            if (r->draw_outcome[i] < 0)
                brink_buf_puts(out, "null");
            else
                brink_buf_printf(out, "%d", r->draw_outcome[i]);
            brink_buf_puts(out, ",\"choice\":[");
            for (int k = 0; k < r->nwatch; k++)
                brink_buf_printf(out, "%s%d", k ? "," : "",
                                 r->draw_choice[(size_t)i * (size_t)r->nwatch + (size_t)k]);
            brink_buf_puts(out, "],\"value\":[");
            for (int p = 0; p < r->nplayers; p++) {
                brink_buf_puts(out, p ? "," : "");
                num(out, r->draw_value[(size_t)i * (size_t)r->nplayers + (size_t)p]);
            }
            brink_buf_puts(out, "]}");
        }
        brink_buf_puts(out, "]");
    }
    brink_buf_puts(out, "}\n");
    int failed = w.failed;
    brink_buf_free(&w);
    if (out->failed || failed)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    return BRINK_OK;
}
