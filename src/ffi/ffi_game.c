/* ffi_game.c — games through the flat API: read, generate, build from a payoff table, write,
 * and the few facts a caller needs to label profiles (players, strategies, actions and their
 * information sets, the payoff table).
 */
#include <stdlib.h>
#include <string.h>
#include "ffi/ffi_int.h"

static brink_game *boxed(brink_game *g, brink_error *err)
{
    brink_game *h = malloc(sizeof *h);
    if (!h) {
        brink_game_free(g);
        brink_error_set(err, BRINK_ENOMEM, "out of memory");
        return NULL;
    }
    *h = *g;
    return h;
}

brink_game *brink_ffi_game_read(const char *text, size_t len, const char *filename,
                                brink_error *err)
{
    brink_game g;
    if (!text)
        return brink_error_set(err, BRINK_EINVALID, "no game text"), NULL;
    if (brink_game_read(text, len, filename ? filename : "<string>", &g, err))
        return NULL;
    return boxed(&g, err);
}

brink_game *brink_ffi_game_generate(const char *kind, const char *const *keys,
                                    const char *const *values, int nopts, brink_error *err)
{
    brink_game g;
    if (brink_generate(kind, keys, values, nopts, &g, err))
        return NULL;
    return boxed(&g, err);
}

brink_game *brink_ffi_game_table(int nplayers, const int *nstrats, const char *const *payoffs,
                                 brink_error *err)
{
    if (nplayers < 1 || nplayers > BRINK_MAX_PLAYERS || !nstrats || !payoffs)
        return brink_error_set(err, BRINK_EINVALID, "table: need 1 to %d players, strategy "
                               "counts and payoffs", BRINK_MAX_PLAYERS), NULL;
    brink_nfg *n = brink_nfg_new(nplayers, nstrats, err);
    if (!n)
        return NULL;
    mpq_t q;
    mpq_init(q);
    for (size_t cell = 0; cell < n->ncells; cell++)
        for (int p = 0; p < nplayers; p++) {
            const char *s = payoffs[cell * (size_t)nplayers + (size_t)p];
            if (!s || brink_q_parse(q, s, strlen(s), err)) {
                if (!s)
                    brink_error_set(err, BRINK_EINVALID, "table: missing payoff");
                brink_error_prefix(err, "table: payoff of player %d in cell %zu", p + 1, cell);
                mpq_clear(q);
                brink_nfg_free(n);
                return NULL;
            }
            brink_nfg_set_payoff(n, cell, p, q);
        }
    mpq_clear(q);
    brink_game g = {BRINK_GAME_NFG, n, NULL};
    return boxed(&g, err);
}

void brink_ffi_game_free(brink_game *g)
{
    if (!g)
        return;
    brink_game_free(g);
    free(g);
}

char *brink_ffi_game_write(const brink_game *g, int format, brink_error *err)
{
    brink_buf out;
    brink_buf_init(&out);
    brink_nfg *reduced = NULL;
    brink_status st;
    if (format == 2)
        st = g->kind == BRINK_GAME_EFG ? brink_efg_write_json(g->efg, &out, err)
                                       : brink_nfg_write_json(g->nfg, &out, err);
    else if (g->kind == BRINK_GAME_NFG)
        st = brink_nfg_write(g->nfg, &out, err);
    else if (format == 1)
        st = (reduced = brink_efg_to_nfg(g->efg, NULL, err)) ? brink_nfg_write(reduced, &out, err)
                                                            : err ? err->code : BRINK_ENOMEM;
    else
        st = brink_efg_write(g->efg, &out, err);
    char *s = st ? NULL : ffi_take(&out, err);
    brink_nfg_free(reduced);
    brink_buf_free(&out);
    return s;
}

int brink_ffi_game_kind(const brink_game *g) { return g->kind; }

int brink_ffi_game_nplayers(const brink_game *g)
{
    return g->kind == BRINK_GAME_NFG ? g->nfg->nplayers : g->efg->nplayers;
}

const char *brink_ffi_game_title(const brink_game *g)
{
    return g->kind == BRINK_GAME_NFG ? g->nfg->title : g->efg->title;
}

const char *brink_ffi_game_player(const brink_game *g, int p)
{
    if (p < 0 || p >= brink_ffi_game_nplayers(g))
        return NULL;
    return g->kind == BRINK_GAME_NFG ? g->nfg->player_names[p] : g->efg->player_names[p];
}

int brink_ffi_game_profile_length(const brink_game *g)
{
    return g->kind == BRINK_GAME_NFG ? g->nfg->total_strats : g->efg->nactions;
}

const char *brink_ffi_game_entry_label(const brink_game *g, int k)
{
    if (k < 0 || k >= brink_ffi_game_profile_length(g))
        return NULL;
    return g->kind == BRINK_GAME_NFG ? g->nfg->strat_labels[k] : g->efg->action_label[k];
}

int brink_ffi_game_entries(const brink_game *g, int p)
{
    if (g->kind == BRINK_GAME_NFG)
        return p >= 0 && p < g->nfg->nplayers ? g->nfg->nstrats[p] : -1;
    if (p < 0 || p > g->efg->nplayers)
        return -1;
    return g->efg->player_action_start[p + 1] - g->efg->player_action_start[p];
}

int brink_ffi_efg_ninfosets(const brink_game *g)
{
    return g->kind == BRINK_GAME_EFG ? g->efg->ninfosets : -1;
}

int brink_ffi_efg_nnodes(const brink_game *g)
{
    return g->kind == BRINK_GAME_EFG ? g->efg->nnodes : -1;
}

int brink_ffi_efg_action_infoset(const brink_game *g, int k)
{
    if (g->kind != BRINK_GAME_EFG || k < 0 || k >= g->efg->nactions)
        return -1;
    const brink_efg *e = g->efg;
    for (int h = 0; h < e->ninfosets; h++)   /* linear: called once per action by callers */
        if (k >= e->infoset_action_start[h] && k < e->infoset_action_start[h] + e->infoset_nactions[h])
            return h;
    return -1;
}

int brink_ffi_efg_infoset_player(const brink_game *g, int h)
{
    if (g->kind != BRINK_GAME_EFG || h < 0 || h >= g->efg->ninfosets)
        return -1;
    int p = g->efg->infoset_player[h];
    return p < 0 ? g->efg->nplayers : p;
}

const char *brink_ffi_efg_infoset_label(const brink_game *g, int h)
{
    if (g->kind != BRINK_GAME_EFG || h < 0 || h >= g->efg->ninfosets)
        return NULL;
    return g->efg->infoset_label[h];
}

long brink_ffi_nfg_payoffs(const brink_game *g, double *out)
{
    if (g->kind != BRINK_GAME_NFG)
        return -1;
    if (out)
        memcpy(out, g->nfg->pay, g->nfg->ncells * (size_t)g->nfg->nplayers * sizeof *out);
    return (long)g->nfg->ncells;
}

char *brink_ffi_nfg_payoff(const brink_game *g, long cell, int p)
{
    if (g->kind != BRINK_GAME_NFG || cell < 0 || (size_t)cell >= g->nfg->ncells || p < 0 ||
        p >= g->nfg->nplayers)
        return NULL;
    return brink_q_to_string(g->nfg->payq[(size_t)cell * (size_t)g->nfg->nplayers + (size_t)p]);
}
