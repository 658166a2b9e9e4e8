/* cmd_verify.c — `brink verify FILE PROFILE`: is this profile a Nash equilibrium?
 * PROFILE is a comma-separated list of probabilities (rationals or decimals, as Gambit's
 * "NE,..." lines; the "NE," prefix is optional), or a file with one such line per profile. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/unicode.h"
#include "cli/commands.h"

/* Parse one line into an exact profile. For extensive games the line may list players'
 * actions only (as Gambit prints) — chance probabilities are then filled in. */
static int parse_line(const char *line, size_t len, const brink_game *g, brink_profile_list *l,
                      const char *src, int lineno, brink_error *err)
{
    while (len && isspace((unsigned char)line[len - 1])) len--;
    size_t i = 0;
    while (i < len && isspace((unsigned char)line[i])) i++;
    if (len - i >= 3 && !strncmp(line + i, "NE,", 3)) i += 3;
    int total = g->kind == BRINK_GAME_NFG ? g->nfg->total_strats : g->efg->nactions;
    int players_only = g->kind == BRINK_GAME_EFG ? g->efg->player_action_start[g->efg->nplayers] : total;
    int count = 1;
    for (size_t k = i; k < len; k++) count += line[k] == ',';
    if (count != total && count != players_only) {
        /* a wrong count often comes from a wrong separator ("1;0;1;0"): point at it */
        for (size_t k = i; k < len; k++) {
            unsigned char c = (unsigned char)line[k];
            if (!isdigit(c) && !isspace(c) && !strchr(",+-/.eE", c)) {
                char ch[BR_CHAR_TEXT_MAX];   /* the whole character, "é" */
                br_char_text(line + k, len - k, ch);
                return brink_error_set_at(err, BRINK_EINVALID, src, lineno, (int)k + 1,
                                          "'%s' is neither a number nor a separator (the "
                                          "numbers are separated by commas)", ch);
            }
        }
        return brink_error_set_at(err, BRINK_EINVALID, src, lineno, 1,
                                  "profile has %d number%s; the game needs %d%s", count,
                                  count == 1 ? "" : "s", players_only,
                                  players_only != total ? " (one per player action)" : "");
    }
    brink_profile *pr = brink_profile_list_add(
        l, g->kind == BRINK_GAME_NFG ? BRINK_PROFILE_MIXED : BRINK_PROFILE_BEHAV, total, 1, err);
    if (!pr) return BRINK_ENOMEM;
    if (g->kind == BRINK_GAME_EFG)
        for (int a = 0; a < total; a++) mpq_set(pr->q[a], g->efg->action_probq[a]);
    int k = 0;
    while (i <= len && k < count) {
        size_t j = i;
        while (j < len && line[j] != ',') j++;
        size_t a = i, b = j;
        while (a < b && isspace((unsigned char)line[a])) a++;
        while (b > a && isspace((unsigned char)line[b - 1])) b--;
        if (brink_q_parse(pr->q[k], line + a, b - a, err)) {
            err->line = lineno;
            err->column = (int)a + 1;
            brink_error_set_file(err, src);
            return err->code;
        }
        if (mpq_sgn(pr->q[k]) < 0)
            return brink_error_set_at(err, BRINK_EINVALID, src, lineno, (int)a + 1,
                                      "'%.*s' is negative: a probability is between 0 and 1",
                                      (int)(b - a > 40 ? 40 : b - a), line + a);
        /* a full-length profile's chance entries are the game's, or the profile is of
         * another game: never ignored in silence */
        if (g->kind == BRINK_GAME_EFG && k >= players_only &&
            !mpq_equal(pr->q[k], g->efg->action_probq[k])) {
            brink_buf want;
            brink_buf_init(&want);
            brink_buf_put_q(&want, g->efg->action_probq[k]);
            brink_status st = brink_error_set_at(
                err, BRINK_EINVALID, src, lineno, (int)a + 1,
                "'%.*s' is a chance move's entry (action %d of the chance moves' %d): it must "
                "be the game's probability, %s, or leave the chance entries out (%d numbers)",
                (int)(b - a > 40 ? 40 : b - a), line + a, k - players_only + 1,
                total - players_only, want.failed ? "?" : want.data, players_only);
            brink_buf_free(&want);
            return st;
        }
        k++;
        i = j + 1;
    }
    brink_profile_sync_doubles(pr);
    return BRINK_OK;
}

/* The exact largest gain from deviating and the exact NashConv of a profile the library
 * checked in rationals and found wanting (its exact payoffs in pr->valueq): 0 when made,
 * -1 when the exact figures are not at hand (the caller then prints the rounded ones). */
static int exact_gains(const brink_game *g, const brink_profile *pr, mpq_t maxg, mpq_t sum,
                       brink_error *err)
{
    if (!pr->q || !pr->valueq) return -1;
    int n = g->kind == BRINK_GAME_NFG ? g->nfg->nplayers : g->efg->nplayers;
    if (pr->nvalue != n) return -1;
    size_t nv = g->kind == BRINK_GAME_NFG ? (size_t)g->nfg->total_strats : (size_t)n;
    mpq_t *v = brink_q_array_new(nv);
    if (!v) return -1;
    int rc = 0;
    mpq_t gain;
    mpq_init(gain);
    mpq_set_ui(maxg, 0, 1);
    mpq_set_ui(sum, 0, 1);
    if (g->kind == BRINK_GAME_NFG)
        brink_nfg_strategy_valuesq(g->nfg, (const mpq_t *)pr->q, v);
    else if (brink_efg_best_response_valuesq(g->efg, (const mpq_t *)pr->q, v, err) != BRINK_OK)
        rc = -1;
    for (int p = 0; !rc && p < n; p++) {
        if (g->kind == BRINK_GAME_NFG) {   /* best strategy value of p */
            int best = g->nfg->strat_offset[p];
            for (int k = best; k < g->nfg->strat_offset[p + 1]; k++)
                if (mpq_cmp(v[k], v[best]) > 0) best = k;
            mpq_sub(gain, v[best], pr->valueq[p]);
        } else {
            mpq_sub(gain, v[p], pr->valueq[p]);
        }
        mpq_add(sum, sum, gain);
        if (mpq_cmp(gain, maxg) > 0) mpq_set(maxg, gain);
    }
    mpq_clear(gain);
    brink_q_array_free(v, nv);
    return rc;
}

int brink_cli_verify(int argc, char **argv)
{
    const char *path = NULL, *prof = NULL;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: brink verify FILE PROFILE [--json]\n\n"
                   "Check exactly whether PROFILE is a Nash equilibrium of the game in FILE.\n"
                   "PROFILE: comma-separated probabilities, e.g. 1/2,1/2,1/3,2/3 (Gambit's\n"
                   "'NE,' prefix allowed), or a file with one profile per line. Numbers are read\n"
                   "exactly; a player's (or information set's) numbers that sum to 1 only up to\n"
                   "rounding (2/3 as 0.66666666666666663) are checked as their simplest fractions\n"
                   "within 1e-12, and the output shows them.\n"
                   "Exit status 0 when every profile is an equilibrium, 1 when one is not.\n");
            return BRINK_EXIT_OK;
        }
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (argv[i][0] == '-' && argv[i][1] && !isdigit((unsigned char)argv[i][1]) && argv[i][1] != '.')
            return cli_usage_error("verify", "unknown option '%s'", argv[i]);
        else if (!path) path = argv[i];
        else if (!prof) prof = argv[i];
        else return cli_usage_error("verify", "too many arguments");
    }
    if (!path || !prof) return cli_usage_error("verify", "need FILE and PROFILE");
    brink_game g;
    int rc = cli_load_game(path, &g);
    if (rc) return rc;
    brink_error err;
    brink_error_clear(&err);
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_buf text;
    brink_buf_init(&text);
    int *plines = NULL;   /* the line of each profile, to place its errors */
    size_t plines_cap = 0;
    const char *src = "PROFILE";
    FILE *probe = fopen(prof, "rb");
    if (probe) {
        fclose(probe);
        if (brink_read_file(prof, (size_t)1 << 26, &text, &err)) goto fail;
        src = prof;
    } else {
        brink_buf_puts(&text, prof);
    }
    {
        int lineno = 0;
        const char *s = text.data ? text.data : "";
        while (*s) {
            const char *e = strchr(s, '\n');
            size_t len = e ? (size_t)(e - s) : strlen(s);
            lineno++;
            int blank = 1;
            for (size_t k = 0; k < len; k++) if (!isspace((unsigned char)s[k])) blank = 0;
            if (!blank && s[0] != '#') {
                if (parse_line(s, len, &g, &l, src, lineno, &err)) goto fail;
                if ((size_t)l.count > plines_cap) {
                    size_t cap = plines_cap ? 2 * plines_cap : 16;
                    int *np = brink_reallocarray(plines, cap, sizeof *np);
                    if (!np) {
                        brink_error_set(&err, BRINK_ENOMEM, "out of memory reading profiles");
                        goto fail;
                    }
                    plines = np;
                    plines_cap = cap;
                }
                plines[l.count - 1] = lineno;
            }
            s += len + (e ? 1 : 0);
        }
    }
    if (l.count == 0) {
        brink_error_set(&err, BRINK_EINVALID, "no profile given");
        goto fail;
    }
    int all_ok = 1;
    brink_buf out;
    brink_buf_init(&out);
    if (json) brink_buf_puts(&out, "{\"profiles\":[");
    for (int i = 0; i < l.count; i++) {
        brink_profile *pr = &l.items[i];
        brink_status st = brink_profile_check_simplex(pr, &g, 1e-12, &err);
        int snapped = 0;   /* sets whose numbers as written miss 1 by a rounding */
        if (!st)
            st = brink_profile_snap_simplex(pr, &g, 1e-12, &snapped, &err);
        if (st) {   /* placed at the profile's line (its numbers are checked one by one above) */
            brink_buf_free(&out);
            err.line = plines[i];
            err.column = 1;
            brink_error_set_file(&err, src);
            goto fail;
        }
        st = g.kind == BRINK_GAME_NFG ? brink_verify_nfg(g.nfg, pr, 1, &err)
                                      : brink_verify_efg(g.efg, pr, 1, &err);
        if (st) {
            brink_buf_free(&out);
            goto fail;
        }
        if (pr->verified <= 0) all_ok = 0;
        if (json) {
            brink_buf_printf(&out, "%s{\"equilibrium\":%s,\"exact\":%s,\"max_regret\":%.17g,"
                                   "\"nashconv\":%.17g,\"snapped\":%d}",
                             i ? "," : "", pr->verified > 0 ? "true" : "false",
                             pr->verified != 0 ? "true" : "false", pr->max_regret, pr->nashconv,
                             snapped);
        } else {
            brink_buf_printf(&out, "Profile %d: %s", i + 1,
                             pr->verified > 0 ? "a Nash equilibrium (checked exactly)"
                             : pr->verified < 0 ? "NOT a Nash equilibrium"
                                                : "not checked exactly (game too large)");
            if (pr->verified > 0)   /* proved: every gain is exactly 0 */
                brink_buf_puts(&out, "; max gain from deviating 0, NashConv 0\n");
            else {
                mpq_t maxg, sum;
                mpq_init(maxg);
                mpq_init(sum);
                if (pr->verified < 0 && exact_gains(&g, pr, maxg, sum, &err) == 0) {
                    brink_buf_puts(&out, "; max gain from deviating ");
                    brink_buf_put_q(&out, maxg);
                    brink_buf_puts(&out, ", NashConv ");
                    brink_buf_put_q(&out, sum);
                    brink_buf_puts(&out, "\n");
                } else {   /* rounded figures: say so */
                    brink_buf_printf(&out, "; max gain from deviating about %.6g, NashConv "
                                           "about %.6g\n", pr->max_regret, pr->nashconv);
                }
                mpq_clear(maxg);
                mpq_clear(sum);
            }
            if (snapped) {
                /* what was checked, when it is not the numbers as written */
                brink_buf_printf(&out, "  checked for the simplest fractions within 1e-12 of the "
                                       "numbers given (in %d set%s they sum to 1 only up to "
                                       "rounding):", snapped, snapped == 1 ? "" : "s");
                for (int k = 0; k < pr->n; k++) {
                    brink_buf_puts(&out, k ? "," : " ");
                    brink_buf_put_q(&out, pr->q[k]);
                }
                brink_buf_puts(&out, "\n");
            }
            if (pr->valueq) {
                brink_buf_puts(&out, "  payoffs:");
                for (int p = 0; p < pr->nvalue; p++) {
                    brink_buf_puts(&out, " ");
                    brink_buf_put_q(&out, pr->valueq[p]);
                }
                brink_buf_puts(&out, "\n");
            }
        }
    }
    if (json) brink_buf_puts(&out, "]}\n");
    rc = cli_emit(&out, NULL);
    brink_buf_free(&out);
    if (!rc && !all_ok) rc = BRINK_EXIT_NO;
    free(plines);
    brink_profile_list_free(&l);
    brink_buf_free(&text);
    brink_game_free(&g);
    return rc;
fail:
    rc = cli_report(&err);
    free(plines);
    brink_profile_list_free(&l);
    brink_buf_free(&text);
    brink_game_free(&g);
    return rc;
}
