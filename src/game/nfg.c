/* nfg.c — strategic-form games: construction, labels, payoffs, equality.
 * Invariant: pay[] and payq[] always hold the same payoffs (pay = brink_q_get_d(payq)). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/nfg.h"

void brink_nfg_free(brink_nfg *g)
{
    if (!g) return;
    size_t np = g->payq ? g->ncells * (size_t)g->nplayers : 0;
    brink_q_array_free(g->payq, np);
    brink_q_array_free(g->outcome_payq, (size_t)g->noutcomes * (size_t)g->nplayers);
    free(g->pay);
    free(g->nstrats);
    free(g->strat_offset);
    free(g->player_names);
    free(g->strat_labels);
    free(g->outcome_labels);
    free(g->cell_outcome);
    brink_arena_free(g->arena);
    free(g);
}

brink_nfg *brink_nfg_new(int nplayers, const int *nstrats, brink_error *err)
{
    if (nplayers < 1 || nplayers > BRINK_MAX_PLAYERS) {
        brink_error_set(err, BRINK_EINVALID, "a game needs 1..%d players, not %d",
                        BRINK_MAX_PLAYERS, nplayers);
        return NULL;
    }
    size_t cells = 1;
    long total = 0;
    for (int p = 0; p < nplayers; p++) {
        if (nstrats[p] < 1) {
            brink_error_set(err, BRINK_EINVALID, "player %d has %d strategies; at least 1 needed",
                            p + 1, nstrats[p]);
            return NULL;
        }
        total += nstrats[p];
        if (brink_mul_size(cells, (size_t)nstrats[p], &cells) || cells > BRINK_MAX_CELLS ||
            total > (long)BRINK_MAX_CELLS) {
            brink_error_set(err, BRINK_ETOOBIG,
                            "strategic form too large: more than %zu cells (limit %zu)",
                            (size_t)BRINK_MAX_CELLS, (size_t)BRINK_MAX_CELLS);
            return NULL;
        }
    }
    brink_nfg *g = calloc(1, sizeof *g);
    if (!g) goto oom;
    g->nplayers = nplayers;
    g->ncells = cells;
    g->total_strats = (int)total;
    g->arena = brink_arena_new();
    g->nstrats = malloc(sizeof(int) * (size_t)nplayers);
    g->strat_offset = malloc(sizeof(int) * (size_t)(nplayers + 1));
    g->player_names = calloc((size_t)nplayers, sizeof(char *));
    g->strat_labels = calloc((size_t)total, sizeof(char *));
    g->pay = brink_calloc(cells * (size_t)nplayers, sizeof(double));
    g->payq = brink_q_array_new(cells * (size_t)nplayers);
    if (!g->arena || !g->nstrats || !g->strat_offset || !g->player_names || !g->strat_labels ||
        !g->pay || !g->payq)
        goto oom;
    g->title = brink_arena_strdup(g->arena, "");
    g->comment = brink_arena_strdup(g->arena, "");
    if (!g->title || !g->comment) goto oom;
    g->strat_offset[0] = 0;
    for (int p = 0; p < nplayers; p++) {
        char name[32];
        g->nstrats[p] = nstrats[p];
        g->strat_offset[p + 1] = g->strat_offset[p] + nstrats[p];
        snprintf(name, sizeof name, "Player %d", p + 1);
        if (!(g->player_names[p] = brink_arena_strdup(g->arena, name))) goto oom;
        for (int s = 0; s < nstrats[p]; s++) {
            snprintf(name, sizeof name, "%d", s + 1);
            if (!(g->strat_labels[g->strat_offset[p] + s] = brink_arena_strdup(g->arena, name)))
                goto oom;
        }
    }
    return g;
oom:
    brink_nfg_free(g);
    brink_error_set(err, BRINK_ENOMEM, "out of memory creating a %zu-cell game", cells);
    return NULL;
}

static brink_status set_str(brink_nfg *g, char **slot, const char *s, brink_error *err)
{
    char *c = brink_arena_strdup(g->arena, s);
    if (!c) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    *slot = c;
    return BRINK_OK;
}

brink_status brink_nfg_set_title(brink_nfg *g, const char *t, brink_error *err)
{
    return set_str(g, &g->title, t, err);
}

brink_status brink_nfg_set_comment(brink_nfg *g, const char *c, brink_error *err)
{
    return set_str(g, &g->comment, c, err);
}

brink_status brink_nfg_set_player_name(brink_nfg *g, int p, const char *name, brink_error *err)
{
    if (p < 0 || p >= g->nplayers)
        return brink_error_set(err, BRINK_EINVALID, "no player %d", p + 1);
    return set_str(g, &g->player_names[p], name, err);
}

brink_status brink_nfg_set_strat_label(brink_nfg *g, int p, int s, const char *label,
                                       brink_error *err)
{
    if (p < 0 || p >= g->nplayers || s < 0 || s >= g->nstrats[p])
        return brink_error_set(err, BRINK_EINVALID, "no strategy %d of player %d", s + 1, p + 1);
    return set_str(g, &g->strat_labels[g->strat_offset[p] + s], label, err);
}

void brink_nfg_set_payoff(brink_nfg *g, size_t cell, int p, const mpq_t v)
{
    size_t k = cell * (size_t)g->nplayers + (size_t)p;
    mpq_set(g->payq[k], v);
    g->pay[k] = brink_q_get_d(v);
}

void brink_nfg_set_payoff_si(brink_nfg *g, size_t cell, int p, long num, unsigned long den)
{
    size_t k = cell * (size_t)g->nplayers + (size_t)p;
    mpq_set_si(g->payq[k], num, den);
    mpq_canonicalize(g->payq[k]);
    g->pay[k] = brink_q_get_d(g->payq[k]);
}

size_t brink_nfg_cell(const brink_nfg *g, const int *strat)
{
    size_t cell = 0;
    for (int p = g->nplayers - 1; p >= 0; p--) cell = cell * (size_t)g->nstrats[p] + (size_t)strat[p];
    return cell;
}

void brink_nfg_cell_strats(const brink_nfg *g, size_t cell, int *strat)
{
    for (int p = 0; p < g->nplayers; p++) {
        strat[p] = (int)(cell % (size_t)g->nstrats[p]);
        cell /= (size_t)g->nstrats[p];
    }
}

brink_status brink_nfg_set_outcomes(brink_nfg *g, int noutcomes, const char *const *labels,
                                    const mpq_t *outcome_payq, const int *cell_outcome,
                                    brink_error *err)
{
    if (noutcomes < 0) return brink_error_set(err, BRINK_EINVALID, "negative outcome count");
    for (size_t c = 0; c < g->ncells; c++)
        if (cell_outcome[c] < -1 || cell_outcome[c] >= noutcomes)
            return brink_error_set(err, BRINK_EINVALID, "cell %zu refers to outcome %d of %d",
                                   c, cell_outcome[c] + 1, noutcomes);
    size_t n = (size_t)g->nplayers;
    char **lab = calloc((size_t)noutcomes + 1, sizeof(char *));
    mpq_t *op = brink_q_array_new((size_t)noutcomes * n);
    int *co = malloc(sizeof(int) * g->ncells);
    if (!lab || !op || !co) goto oom;
    for (int o = 0; o < noutcomes; o++) {
        if (!(lab[o] = brink_arena_strdup(g->arena, labels && labels[o] ? labels[o] : "")))
            goto oom;
        for (size_t p = 0; p < n; p++) mpq_set(op[(size_t)o * n + p], outcome_payq[(size_t)o * n + p]);
    }
    memcpy(co, cell_outcome, sizeof(int) * g->ncells);
    brink_q_array_free(g->outcome_payq, (size_t)g->noutcomes * n);
    free(g->outcome_labels);
    free(g->cell_outcome);
    g->noutcomes = noutcomes;
    g->outcome_labels = lab;
    g->outcome_payq = op;
    g->cell_outcome = co;
    for (size_t c = 0; c < g->ncells; c++)
        for (size_t p = 0; p < n; p++) {
            if (co[c] < 0) brink_nfg_set_payoff_si(g, c, (int)p, 0, 1);
            else brink_nfg_set_payoff(g, c, (int)p, op[(size_t)co[c] * n + p]);
        }
    return BRINK_OK;
oom:
    free(lab);
    brink_q_array_free(op, (size_t)noutcomes * n);
    free(co);
    return brink_error_set(err, BRINK_ENOMEM, "out of memory");
}

brink_nfg *brink_nfg_clone(const brink_nfg *g, brink_error *err)
{
    brink_nfg *c = brink_nfg_new(g->nplayers, g->nstrats, err);
    if (!c) return NULL;
    if (brink_nfg_set_title(c, g->title, err) || brink_nfg_set_comment(c, g->comment, err))
        goto fail;
    for (int p = 0; p < g->nplayers; p++) {
        if (brink_nfg_set_player_name(c, p, g->player_names[p], err)) goto fail;
        for (int s = 0; s < g->nstrats[p]; s++)
            if (brink_nfg_set_strat_label(c, p, s, g->strat_labels[g->strat_offset[p] + s], err))
                goto fail;
    }
    if (g->noutcomes > 0 || g->cell_outcome) {
        if (brink_nfg_set_outcomes(c, g->noutcomes, (const char *const *)g->outcome_labels,
                                   g->outcome_payq, g->cell_outcome, err))
            goto fail;
    } else {
        for (size_t k = 0; k < g->ncells * (size_t)g->nplayers; k++) {
            mpq_set(c->payq[k], g->payq[k]);
            c->pay[k] = g->pay[k];
        }
    }
    return c;
fail:
    brink_nfg_free(c);
    return NULL;
}

int brink_nfg_is_constant_sum(const brink_nfg *g, mpq_t sum)
{
    mpq_t first, s;
    mpq_init(first);
    mpq_init(s);
    int ok = 1;
    for (size_t c = 0; c < g->ncells && ok; c++) {
        mpq_set_ui(s, 0, 1);
        for (int p = 0; p < g->nplayers; p++) mpq_add(s, s, g->payq[c * (size_t)g->nplayers + (size_t)p]);
        if (c == 0) mpq_set(first, s);
        else if (!mpq_equal(first, s)) ok = 0;
    }
    if (ok && sum) mpq_set(sum, first);
    mpq_clear(first);
    mpq_clear(s);
    return ok;
}

int brink_nfg_equal(const brink_nfg *a, const brink_nfg *b)
{
    if (a->nplayers != b->nplayers || a->ncells != b->ncells) return 0;
    if (strcmp(a->title, b->title) != 0) return 0;
    for (int p = 0; p < a->nplayers; p++) {
        if (a->nstrats[p] != b->nstrats[p]) return 0;
        if (strcmp(a->player_names[p], b->player_names[p]) != 0) return 0;
    }
    for (int s = 0; s < a->total_strats; s++)
        if (strcmp(a->strat_labels[s], b->strat_labels[s]) != 0) return 0;
    for (size_t k = 0; k < a->ncells * (size_t)a->nplayers; k++)
        if (!mpq_equal(a->payq[k], b->payq[k])) return 0;
    return 1;
}
