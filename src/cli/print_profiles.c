/* print_profiles.c — solver results as text for people, JSON for programs, and Gambit's
 * "NE,..." lines for comparison with Gambit's command-line tools. */
#include <math.h>
#include <string.h>

#include "cli/cli.h"

void cli_put_prob(brink_buf *out, const brink_profile *pr, int k, int exact_only)
{
    if (pr->q) brink_buf_put_q(out, pr->q[k]);
    else if (exact_only) brink_buf_puts(out, "null");
    else {
        double x = pr->p[k];
        /* the computed double as it is: a tiny probability is not written as 0 */
        brink_buf_printf(out, "%.6g", x);
    }
}

static int nplayers(const brink_game *g)
{
    return g->kind == BRINK_GAME_NFG ? g->nfg->nplayers : g->efg->nplayers;
}

static const char *player_name(const brink_game *g, int p)
{
    return g->kind == BRINK_GAME_NFG ? g->nfg->player_names[p] : g->efg->player_names[p];
}

/* Tolerance for checks in doubles: a small multiple of the payoff range's rounding. */
static double efg_check_tol(const brink_efg *e)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < (size_t)e->nleaves * (size_t)e->nplayers; k++) {
        lo = fmin(lo, e->leaf_pay[k]);
        hi = fmax(hi, e->leaf_pay[k]);
    }
    double range = hi > lo && isfinite(hi - lo) ? hi - lo : 1;
    return 1e-8 * range;
}

/* Check an assessment (a profile with beliefs) before anything is said about it: 1 when it
 * is sequentially rational with beliefs Bayes-consistent on the path, 0 when not, -1 when the
 * check could not run. */
static int check_assessment(const brink_efg *e, const brink_profile *pr,
                            brink_assessment_report *rep)
{
    if (brink_verify_assessment(e, pr, efg_check_tol(e), rep, NULL) != BRINK_OK) return -1;
    return rep->consistent && rep->sequentially_rational;
}

static void put_assessment_text(brink_buf *out, const brink_efg *e, const brink_profile *pr)
{
    brink_assessment_report rep;
    int ok = check_assessment(e, pr, &rep);
    if (ok < 0) {
        brink_buf_puts(out, "  Assessment: not checked (the check could not run)\n");
        return;
    }
    if (ok) {
        brink_buf_printf(out, "  Assessment: sequentially rational at every information set "
                              "given the beliefs, which follow Bayes' rule on the path (%s)\n",
                         rep.exact ? "checked exactly"
                                   : "checked in floating point, to the tolerance");
        return;
    }
    brink_buf_puts(out, "  Assessment: NOT a sequential equilibrium:");
    if (!rep.consistent)
        brink_buf_printf(out, " beliefs depart from Bayes' rule on the path by %.3g;",
                         rep.max_belief_error);
    if (!rep.sequentially_rational) {
        int h = rep.worst_infoset, p = h >= 0 ? e->infoset_player[h] : -1;
        if (p >= 0)
            brink_buf_printf(out, " %s gains %.3g by deviating at her/his information set %d "
                                  "given the beliefs;", e->player_names[p], rep.max_regret,
                             h - e->player_infoset_start[p] + 1);
        else
            brink_buf_printf(out, " a player gains %.3g by deviating given the beliefs;",
                             rep.max_regret);
    }
    brink_buf_puts(out, " only the claim on the line above holds\n");
}

static void put_status_text(brink_buf *out, const brink_profile *pr)
{
    if (pr->verified > 0)
        brink_buf_puts(out, "verified exactly: no player can gain by deviating");
    else if (pr->verified < 0)
        brink_buf_printf(out, "approximate: NashConv %.3g, largest gain from deviating %.3g",
                         pr->nashconv, pr->max_regret);
    else
        brink_buf_printf(out, "checked in floating point: NashConv %.3g", pr->nashconv);
}

/* What made a double-precision run give way to exact arithmetic (brink_fallback). */
static const char *fallback_text(int reason)
{
    switch (reason) {
    case BRINK_FALLBACK_CERTIFICATE: return "ended at a basis that failed the exact check";
    case BRINK_FALLBACK_BUDGET:
        return "ran past its pivot budget for this problem size (cycling on rounding ties)";
    case BRINK_FALLBACK_RAY: return "ended on a ray";
    case BRINK_FALLBACK_RANGE: return "could not hold the payoffs (beyond double range)";
    case BRINK_FALLBACK_SOLVER:
        return "(GLPK's simplex) gave a basis that failed the exact check on the true payoffs";
    default: return "";
    }
}

/* Profiles that are not exact equilibria, and the largest NashConv among them. */
static int count_approximate(const brink_profile_list *l, double *worst)
{
    int n = 0;
    *worst = 0;
    for (int i = 0; i < l->count; i++)
        if (l->items[i].verified <= 0) {
            n++;
            if (l->items[i].nashconv > *worst) *worst = l->items[i].nashconv;
        }
    return n;
}

void cli_print_profiles_text(brink_buf *out, const brink_game *g, const brink_solver *s,
                             const brink_profile_list *l)
{
    double worst;
    int napprox = count_approximate(l, &worst);
    /* An answer that is not exact says so first, before anything that reads like one. */
    if (l->stats.stopped_at_limit && napprox > 0) /* (an exact point reached is an answer) */
        brink_buf_printf(out, "STOPPED AT THE LIMIT: the profile%s reached there (not "
                              "necessarily the best seen; not an equilibrium to the method's "
                              "tolerance), NashConv %.3g\n",
                         l->count == 1 ? "" : "s", worst);
    else if (napprox > 0)
        brink_buf_printf(out, "APPROXIMATE: %d of %d profile%s not verified as exact "
                              "equilibria (largest NashConv %.3g)\n",
                         napprox, l->count, l->count == 1 ? "" : "s", worst);
    brink_buf_printf(out, "Method: %s — %s\n", s->name, s->guarantee);
    brink_buf_printf(out, "Found %d profile%s in %.3g s", l->count, l->count == 1 ? "" : "s",
                     l->stats.seconds);
    if (l->nconvex > 0)
        brink_buf_printf(out, ", spanning %d maximal convex set%s", l->nconvex,
                         l->nconvex == 1 ? "" : "s");
    if (l->ncomponents > 0)
        brink_buf_printf(out, " in %d connected component%s", l->ncomponents,
                         l->ncomponents == 1 ? "" : "s");
    if ((s->flags & BRINK_SOLVER_ALL) && l->stats.complete) brink_buf_puts(out, " (complete)");
    if (l->stats.iterations) brink_buf_printf(out, ", %ld iterations", l->stats.iterations);
    brink_buf_puts(out, "\n");
    if (l->stats.list_capped)
        brink_buf_puts(out, "Note: the list stopped before its end (the method's memory cap, or "
                            "the time limit): more equilibria exist than are listed (see brink "
                            "solve --list)\n");
    if (l->stats.exact_fallbacks > 0)
        brink_buf_printf(out, "Note: double-precision pivoting %s; redone in exact arithmetic"
                              "%s\n", fallback_text(l->stats.fallback_reason),
                         l->stats.exact_fallbacks > 1 ? " (more than once)" : "");
    if (l->stats.fallback_method)
        brink_buf_printf(out, "Note: %s gave no equilibrium of its own (its path or iteration "
                              "was lost or ran out of budget); the profile is %s's\n",
                         s->name, l->stats.fallback_method);
    for (int k = 0; k < l->nconvex; k++) {
        int a = l->convex_start[k], b = l->convex_start[k + 1];
        brink_buf_printf(out, "  Convex set %d: ", k + 1);
        if (b - a == 1) {
            brink_buf_printf(out, "equilibrium %d alone\n", l->convex_member[a] + 1);
            continue;
        }
        brink_buf_puts(out, "every mixture of equilibria");
        for (int i = a; i < b; i++)
            brink_buf_printf(out, "%s %d", i == a ? "" : (i == b - 1 ? " and" : ","),
                             l->convex_member[i] + 1);
        brink_buf_puts(out, " is an equilibrium\n");
    }
    if (l->count == 0)
        brink_buf_printf(out, "\n%s\n",
                         l->stats.complete
                             ? "None exists: the method searched the whole game. (A finite game "
                               "always has a Nash equilibrium in mixed strategies; try another "
                               "--method, see brink solve --list.)"
                             : "None found.");
    for (int i = 0; i < l->count; i++) {
        const brink_profile *pr = &l->items[i];
        /* a point reached at the limit is a profile, not an equilibrium */
        brink_buf_printf(out, "\n%s %d",
                         isfinite(pr->lambda)              ? "QRE point"
                         : cli_profile_converged(l, pr) ? "Equilibrium"
                                                        : "Profile",
                         i + 1);
        if (isfinite(pr->lambda)) brink_buf_printf(out, " (lambda = %.6g)", pr->lambda);
        if (pr->component >= 0) brink_buf_printf(out, " [component %d]", pr->component + 1);
        brink_buf_puts(out, "  — ");
        put_status_text(out, pr);
        brink_buf_puts(out, "\n");
        if (g->kind == BRINK_GAME_NFG) {
            const brink_nfg *n = g->nfg;
            for (int p = 0; p < n->nplayers; p++) {
                brink_buf_printf(out, "  %s:", n->player_names[p]);
                for (int k = n->strat_offset[p]; k < n->strat_offset[p + 1]; k++) {
                    brink_buf_printf(out, " %s=", n->strat_labels[k]);
                    cli_put_prob(out, pr, k, 0);
                }
                brink_buf_puts(out, "\n");
            }
        } else {
            const brink_efg *e = g->efg;
            for (int p = 0; p < e->nplayers; p++) {
                brink_buf_printf(out, "  %s:\n", e->player_names[p]);
                for (int h = e->player_infoset_start[p]; h < e->player_infoset_start[p + 1]; h++) {
                    brink_buf_printf(out, "    infoset %d", h - e->player_infoset_start[p] + 1);
                    if (e->infoset_label[h][0]) brink_buf_printf(out, " \"%s\"", e->infoset_label[h]);
                    brink_buf_puts(out, ":");
                    for (int a = 0; a < e->infoset_nactions[h]; a++) {
                        int k = e->infoset_action_start[h] + a;
                        brink_buf_printf(out, " %s=", e->action_label[k][0] ? e->action_label[k] : "?");
                        cli_put_prob(out, pr, k, 0);
                    }
                    if (pr->belief) {
                        brink_buf_puts(out, "   beliefs:");
                        for (int m = 0; m < e->infoset_nmembers[h]; m++) {
                            int v = e->infoset_member[e->infoset_member_start[h] + m];
                            brink_buf_printf(out, " node %d=", v + 1);
                            if (pr->beliefq) brink_buf_put_q(out, pr->beliefq[v]);
                            else brink_buf_printf(out, "%.6g", pr->belief[v]);
                        }
                    }
                    brink_buf_puts(out, "\n");
                }
            }
        }
        if (g->kind == BRINK_GAME_EFG && pr->belief) put_assessment_text(out, g->efg, pr);
        if (pr->value) {
            brink_buf_puts(out, "  Expected payoffs:");
            for (int p = 0; p < nplayers(g); p++) {
                brink_buf_printf(out, " %s=", player_name(g, p));
                if (pr->valueq) brink_buf_put_q(out, pr->valueq[p]);
                else brink_buf_printf(out, "%.6g", pr->value[p]);
            }
            brink_buf_puts(out, "\n");
        }
    }
}

static void put_num_json(brink_buf *out, double x)
{
    if (isfinite(x)) brink_buf_put_double(out, x);
    else brink_buf_puts(out, "null");
}

static void put_q_json(brink_buf *out, const mpq_t q)
{
    brink_buf_puts(out, "\"");
    brink_buf_put_q(out, q);
    brink_buf_puts(out, "\"");
}

static void put_entry_json(brink_buf *out, const char *label, const brink_profile *pr, int k)
{
    brink_buf_puts(out, "{\"label\":");
    brink_json_string(out, label);
    brink_buf_puts(out, ",\"p\":");
    put_num_json(out, pr->p[k]);
    if (pr->q) {
        brink_buf_puts(out, ",\"exact\":");
        put_q_json(out, pr->q[k]);
    }
    brink_buf_puts(out, "}");
}

void cli_print_profiles_json(brink_buf *out, const brink_game *g, const brink_solver *s,
                             const brink_profile_list *l)
{
    brink_buf_puts(out, "{\"method\":");
    brink_json_string(out, s->name);
    brink_buf_puts(out, ",\"guarantee\":");
    brink_json_string(out, s->guarantee);
    double worst;
    int napprox = count_approximate(l, &worst);
    brink_buf_printf(out, ",\"approximate\":%s,\"stopped_at_limit\":%s,\"list_capped\":%s,"
                          "\"exact_fallbacks\":%d",
                     napprox > 0 ? "true" : "false", l->stats.stopped_at_limit ? "true" : "false",
                     l->stats.list_capped ? "true" : "false", l->stats.exact_fallbacks);
    if (l->stats.exact_fallbacks > 0) {
        brink_buf_puts(out, ",\"fallback_reason\":");
        brink_json_string(out, fallback_text(l->stats.fallback_reason));
    }
    if (l->stats.fallback_method) {
        brink_buf_puts(out, ",\"fallback_method\":");
        brink_json_string(out, l->stats.fallback_method);
    }
    brink_buf_printf(out, ",\"complete\":%s,\"seconds\":", l->stats.complete ? "true" : "false");
    put_num_json(out, l->stats.seconds);
    brink_buf_printf(out, ",\"iterations\":%ld,\"components\":%d,\"convex_sets\":[",
                     l->stats.iterations, l->ncomponents);
    for (int k = 0; k < l->nconvex; k++) {
        brink_buf_puts(out, k ? ",[" : "[");
        for (int i = l->convex_start[k]; i < l->convex_start[k + 1]; i++)
            brink_buf_printf(out, "%s%d", i > l->convex_start[k] ? "," : "", l->convex_member[i]);
        brink_buf_puts(out, "]");
    }
    brink_buf_puts(out, "],\"profiles\":[");
    for (int i = 0; i < l->count; i++) {
        const brink_profile *pr = &l->items[i];
        if (i) brink_buf_puts(out, ",");
        brink_buf_printf(out, "{\"verified\":\"%s\",\"max_regret\":",
                         pr->verified > 0 ? "exact" : pr->verified < 0 ? "approximate" : "float");
        put_num_json(out, pr->max_regret);
        brink_buf_puts(out, ",\"nashconv\":");
        put_num_json(out, pr->nashconv);
        if (pr->component >= 0) brink_buf_printf(out, ",\"component\":%d", pr->component);
        if (isfinite(pr->lambda)) {
            brink_buf_puts(out, ",\"lambda\":");
            put_num_json(out, pr->lambda);
        }
        if (g->kind == BRINK_GAME_EFG && pr->belief) {
            brink_assessment_report rep;
            int ok = check_assessment(g->efg, pr, &rep);
            brink_buf_printf(out, ",\"sequentially_rational\":%s,\"assessment_check\":\"%s\"",
                             ok > 0 ? "true" : "false",
                             ok < 0 ? "failed" : rep.exact ? "exact" : "float");
        }
        brink_buf_puts(out, ",\"players\":[");
        for (int p = 0; p < nplayers(g); p++) {
            if (p) brink_buf_puts(out, ",");
            brink_buf_puts(out, "{\"name\":");
            brink_json_string(out, player_name(g, p));
            if (pr->value) {
                brink_buf_puts(out, ",\"value\":");
                put_num_json(out, pr->value[p]);
            }
            if (pr->valueq) {
                brink_buf_puts(out, ",\"value_exact\":");
                put_q_json(out, pr->valueq[p]);
            }
            if (g->kind == BRINK_GAME_NFG) {
                const brink_nfg *n = g->nfg;
                brink_buf_puts(out, ",\"strategies\":[");
                for (int k = n->strat_offset[p]; k < n->strat_offset[p + 1]; k++) {
                    if (k > n->strat_offset[p]) brink_buf_puts(out, ",");
                    put_entry_json(out, n->strat_labels[k], pr, k);
                }
                brink_buf_puts(out, "]}");
            } else {
                const brink_efg *e = g->efg;
                brink_buf_puts(out, ",\"infosets\":[");
                for (int h = e->player_infoset_start[p]; h < e->player_infoset_start[p + 1]; h++) {
                    if (h > e->player_infoset_start[p]) brink_buf_puts(out, ",");
                    brink_buf_printf(out, "{\"number\":%d,\"label\":", e->infoset_number[h]);
                    brink_json_string(out, e->infoset_label[h]);
                    brink_buf_puts(out, ",\"actions\":[");
                    for (int a = 0; a < e->infoset_nactions[h]; a++) {
                        if (a) brink_buf_puts(out, ",");
                        int k = e->infoset_action_start[h] + a;
                        put_entry_json(out, e->action_label[k], pr, k);
                    }
                    brink_buf_puts(out, "]");
                    if (pr->belief) {
                        brink_buf_puts(out, ",\"beliefs\":[");
                        for (int m = 0; m < e->infoset_nmembers[h]; m++) {
                            int v = e->infoset_member[e->infoset_member_start[h] + m];
                            if (m) brink_buf_puts(out, ",");
                            brink_buf_printf(out, "{\"node\":%d,\"p\":", v + 1);
                            put_num_json(out, pr->belief[v]);
                            if (pr->beliefq) {
                                brink_buf_puts(out, ",\"exact\":");
                                put_q_json(out, pr->beliefq[v]);
                            }
                            brink_buf_puts(out, "}");
                        }
                        brink_buf_puts(out, "]");
                    }
                    brink_buf_puts(out, "}");
                }
                brink_buf_puts(out, "]}");
            }
        }
        brink_buf_puts(out, "]}");
    }
    brink_buf_puts(out, "]}\n");
}

int cli_profile_converged(const brink_profile_list *l, const brink_profile *pr)
{
    return !(l->stats.stopped_at_limit && pr->verified <= 0);
}

int cli_print_profiles_gambit(brink_buf *out, const brink_game *g, const brink_profile_list *l)
{
    /* Gambit lists players' actions only; brink's chance actions come after them. "NE"
     * asserts an equilibrium, so a point a method stopped at short of its tolerance is not
     * listed (Gambit's own tools list only equilibria too); the caller says so on stderr. */
    int n = g->kind == BRINK_GAME_EFG ? g->efg->player_action_start[g->efg->nplayers] : -1;
    int left = 0;
    for (int i = 0; i < l->count; i++) {
        const brink_profile *pr = &l->items[i];
        if (!cli_profile_converged(l, pr)) {
            left++;
            continue;
        }
        brink_buf_puts(out, "NE");
        for (int k = 0; k < (n >= 0 ? n : pr->n); k++) {
            brink_buf_puts(out, ",");
            cli_put_prob(out, pr, k, 0);
        }
        brink_buf_puts(out, "\n");
    }
    return left;
}
