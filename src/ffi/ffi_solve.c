/* ffi_solve.c — solving and verifying through the flat API: options as KEY=VALUE text, the
 * result a brink_profile_list read entry by entry (doubles, exact text, values, statistics).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ffi/ffi_int.h"

const char *const ffi_solve_keys[] = {"exact", "all", "iterations", "time_limit", "threads",
                                         "seed", "lambda", "tolerance", "target_exploitability",
                                         "path", NULL};

static brink_status read_options(const ffi_opts *fo, brink_solve_options *o, brink_error *err)
{
    long exact = o->exact, all = o->all, it = o->max_iterations, th = o->threads, seed = 0,
         path = o->want_path;
    if (ffi_opts_check(fo, ffi_solve_keys, err) || ffi_opt_long(fo, "exact", 0, 1, &exact, err) ||
        ffi_opt_long(fo, "all", 0, 1, &all, err) ||
        ffi_opt_long(fo, "iterations", 1, 1L << 62, &it, err) ||
        ffi_opt_long(fo, "threads", 0, 1024, &th, err) ||
        ffi_opt_long(fo, "seed", 0, 1L << 62, &seed, err) ||
        ffi_opt_long(fo, "path", 0, 1, &path, err) ||
        ffi_opt_double(fo, "time_limit", 0, &o->time_limit, err) ||
        ffi_opt_double(fo, "lambda", 0, &o->lambda, err) ||
        ffi_opt_double(fo, "tolerance", 0, &o->tolerance, err) ||
        ffi_opt_double(fo, "target_exploitability", 0, &o->target_exploitability, err))
        return err ? err->code : BRINK_EINVALID;
    o->exact = (int)exact;
    o->all = (int)all;
    o->max_iterations = it;
    o->threads = (int)th;
    o->want_path = (int)path;
    if (ffi_opt(fo, "seed"))
        o->seed = (uint64_t)seed;
    return BRINK_OK;
}

static brink_profile_list *new_list(brink_error *err)
{
    brink_profile_list *l = malloc(sizeof *l);
    if (!l)
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
    else
        brink_profile_list_init(l);
    return l;
}

brink_profile_list *brink_ffi_solve(const brink_game *g, const char *method,
                                    const char *const *keys, const char *const *values,
                                    int nopts, brink_error *err)
{
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.all = 1;   /* as `brink solve`: all the method can find unless all=0 */
    ffi_opts fo = {"solve", keys, values, nopts};
    if (read_options(&fo, &o, err))
        return NULL;
    if (!method)
        method = brink_solver_default(g);
    /* as the CLI: the method policy resolves the name (`logit` on a tree is agent logit) */
    const brink_solver *s = brink_solver_for_game(method, g);
    if (!s)
        return brink_error_set(err, BRINK_EINVALID, "solve: unknown method '%s'", method), NULL;
    brink_profile_list *l = new_list(err);
    if (l && brink_solve(s, g, &o, l, err)) {
        brink_ffi_list_free(l);
        return NULL;
    }
    return l;
}

brink_profile_list *brink_ffi_verify(const brink_game *g, const char *const *probs, int n,
                                     brink_error *err)
{
    int total = brink_ffi_game_profile_length(g);
    int players_only = g->kind == BRINK_GAME_EFG ? g->efg->player_action_start[g->efg->nplayers]
                                                 : total;
    if (!probs || (n != total && n != players_only))
        return brink_error_set(err, BRINK_EINVALID, "verify: profile has %d numbers; the game needs %d",
                               n, players_only), NULL;
    brink_profile_list *l = new_list(err);
    if (!l)
        return NULL;
    brink_profile *pr = brink_profile_list_add(
        l, g->kind == BRINK_GAME_NFG ? BRINK_PROFILE_MIXED : BRINK_PROFILE_BEHAV, total, 1, err);
    brink_status st = pr ? BRINK_OK : BRINK_ENOMEM;
    if (pr && g->kind == BRINK_GAME_EFG)
        for (int a = 0; a < total; a++)
            mpq_set(pr->q[a], g->efg->action_probq[a]);
    for (int k = 0; !st && k < n; k++)
        if (!probs[k] || brink_q_parse(pr->q[k], probs[k], strlen(probs[k]), err)) {
            if (!probs[k])
                brink_error_set(err, BRINK_EINVALID, "missing number");
            brink_error_prefix(err, "verify: profile entry %d", k + 1);
            st = BRINK_EINVALID;
        } else if (g->kind == BRINK_GAME_EFG && k >= players_only &&
                   !mpq_equal(pr->q[k], g->efg->action_probq[k])) {
            /* a chance entry that is not the game's: another game's profile, not ignored */
            st = brink_error_set(err, BRINK_EINVALID, "verify: profile entry %d is a chance "
                                 "move's and must be the game's probability (%.6g), or give "
                                 "the players' %d entries only", k + 1,
                                 mpq_get_d(g->efg->action_probq[k]), players_only);
        }
    if (!st) {
        brink_profile_sync_doubles(pr);
        st = brink_profile_check_simplex(pr, g, 1e-12, err);
    }
    int snapped = 0;   /* numbers missing 1 by a rounding: their simplest fractions are used */
    if (!st)
        st = brink_profile_snap_simplex(pr, g, 1e-12, &snapped, err);
    if (!st)
        st = g->kind == BRINK_GAME_NFG ? brink_verify_nfg(g->nfg, pr, 1, err)
                                       : brink_verify_efg(g->efg, pr, 1, err);
    if (st) {
        brink_ffi_list_free(l);
        return NULL;
    }
    snprintf(l->method, sizeof l->method, "verify");
    return l;
}

void brink_ffi_list_free(brink_profile_list *l)
{
    if (!l)
        return;
    brink_profile_list_free(l);
    free(l);
}

int brink_ffi_list_count(const brink_profile_list *l) { return l->count; }
const char *brink_ffi_list_method(const brink_profile_list *l) { return l->method; }

double brink_ffi_list_stat(const brink_profile_list *l, const char *name)
{
    const brink_solve_stats *s = &l->stats;
    if (!strcmp(name, "iterations")) return (double)s->iterations;
    if (!strcmp(name, "seconds")) return s->seconds;
    if (!strcmp(name, "residual")) return s->residual;
    if (!strcmp(name, "complete")) return s->complete;
    if (!strcmp(name, "exact_fallbacks")) return s->exact_fallbacks;
    if (!strcmp(name, "stopped_at_limit")) return s->stopped_at_limit;
    if (!strcmp(name, "list_capped")) return s->list_capped;
    if (!strcmp(name, "ncomponents")) return l->ncomponents;
    return NAN;
}

static const brink_profile *item(const brink_profile_list *l, int i)
{
    return i >= 0 && i < l->count ? &l->items[i] : NULL;
}

int brink_ffi_profile_length(const brink_profile_list *l, int i)
{
    const brink_profile *pr = item(l, i);
    return pr ? pr->n : -1;
}

void brink_ffi_profile_doubles(const brink_profile_list *l, int i, double *out)
{
    const brink_profile *pr = item(l, i);
    if (pr)
        memcpy(out, pr->p, (size_t)pr->n * sizeof *out);
}

char *brink_ffi_profile_exact(const brink_profile_list *l, int i, int k)
{
    const brink_profile *pr = item(l, i);
    return pr && pr->q && k >= 0 && k < pr->n ? brink_q_to_string(pr->q[k]) : NULL;
}

double brink_ffi_profile_value(const brink_profile_list *l, int i, int p)
{
    const brink_profile *pr = item(l, i);
    return pr && pr->value && p >= 0 && p < pr->nvalue ? pr->value[p] : NAN;
}

char *brink_ffi_profile_value_exact(const brink_profile_list *l, int i, int p)
{
    const brink_profile *pr = item(l, i);
    return pr && pr->valueq && p >= 0 && p < pr->nvalue ? brink_q_to_string(pr->valueq[p]) : NULL;
}

double brink_ffi_profile_stat(const brink_profile_list *l, int i, const char *name)
{
    const brink_profile *pr = item(l, i);
    if (!pr) return NAN;
    if (!strcmp(name, "verified")) return pr->verified;
    if (!strcmp(name, "max_regret")) return pr->max_regret;
    if (!strcmp(name, "nashconv")) return pr->nashconv;
    if (!strcmp(name, "lambda")) return pr->lambda;
    if (!strcmp(name, "component")) return pr->component;
    return NAN;
}

const char *brink_ffi_method_name(int i)
{
    int n;
    const brink_solver *const *all = brink_solvers(&n);
    return i >= 0 && i < n ? all[i]->name : NULL;
}

const char *brink_ffi_method_summary(int i)
{
    int n;
    const brink_solver *const *all = brink_solvers(&n);
    return i >= 0 && i < n ? all[i]->summary : NULL;
}
