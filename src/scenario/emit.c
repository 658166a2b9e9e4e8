/* emit.c — the compiled tree (sc->c) into a brink_efg through the pre-order builder, and the
 * maps from the game's indices back to the compiler's.
 *
 * Emission is deterministic (same calls in the same order), so every game emitted from one
 * scenario has the same node, infoset, action, leaf and outcome indices; the maps are computed
 * once, from the first game. Chance probabilities are written at the parameters' defaults
 * (the builder requires valid ones); payoffs are left at zero for sc_bind_game to fill.
 */
#include <stdlib.h>
#include <string.h>

#include "scenario/model.h"

brink_efg *sc_emit_game(const brink_scenario *sc, brink_error *err)
{
    const sc_compiled *c = &sc->c;
    int np = c->nplayers;
    brink_efg_builder *b = brink_efg_builder_new(np, err);
    if (!b)
        return NULL;
    int *bid = brink_calloc((size_t)(c->nxinfosets ? c->nxinfosets : 1), sizeof *bid);
    int *bout = brink_calloc((size_t)(c->nleaves ? c->nleaves : 1), sizeof *bout);
    mpq_t *pay = brink_q_array_new((size_t)np);
    mpq_t *vals = brink_q_array_new((size_t)sc->nparams + 1);
    mpq_t *stack = brink_q_array_new((size_t)c->maxstack + 1);
    mpq_t *probs = NULL;
    int probs_n = 0;
    brink_efg *g = NULL;
    brink_status st = BRINK_OK;
    if (!bid || !bout || !pay || !vals || !stack) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory emitting the game");
        goto out;
    }
    for (int i = 0; i < sc->nparams; i++)
        mpq_set(vals[i], sc->params[i].value);
    /* the counts are known: the builder's arrays are made to size once, never doubled */
    long nact = 0;
    for (int i = 0; i < c->nxinfosets; i++)
        nact += c->xinfosets[i].nact;
    if ((st = brink_efg_builder_reserve(b, c->nnodes, c->nxinfosets, nact, c->nleaves, err)))
        goto out;
    if ((st = brink_efg_builder_set_title(b, sc->title ? sc->title : sc->id, err)))
        goto out;
    if (sc->source && (st = brink_efg_builder_set_comment(b, sc->source, err)))
        goto out;
    for (int a = 0; a < np; a++)
        if ((st = brink_efg_builder_set_player_name(b, a, sc->actors[a].id, err)))
            goto out;
    for (int i = 0; i < c->nxinfosets; i++) {
        const sc_xinfoset *xi = &c->xinfosets[i];
        const mpq_t *pr = NULL;
        if (xi->player == BRINK_CHANCE) {
            if (xi->nact > probs_n) {
                brink_q_array_free(probs, (size_t)probs_n);
                probs = brink_q_array_new((size_t)xi->nact);
                probs_n = probs ? xi->nact : 0;
                if (!probs) {
                    st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
                    goto out;
                }
            }
            mpq_t sum;
            mpq_init(sum);
            for (int a = 0; a < xi->nact && !st; a++) {
                st = sc_expr_eval_q(c->closed[xi->prob_expr[a]], vals, stack, probs[a], sc->file,
                                    err);
                if (!st && mpq_sgn(probs[a]) < 0) {
                    const char *wh = sc_closed_where(c, xi->prob_expr[a]);
                    st = brink_error_set_at(err, BRINK_EINVALID, sc->file, xi->loc.line,
                                            xi->loc.col,
                                            "probability of '%s'%s%s%s is negative (%g) at the "
                                            "default parameter values", xi->actions[a], wh ? " (" : "", wh ? wh : "", wh ? ")" : "",
                                            brink_q_get_d(probs[a]));
                }
                mpq_add(sum, sum, probs[a]);
            }
            if (!st && mpq_cmp_ui(sum, 1, 1) != 0) {
                if (xi->inexact && brink_q_get_d(sum) > 1 - 1e-12 && brink_q_get_d(sum) < 1 + 1e-12) {
                    /* computed in doubles: put the rounding error on the last outcome */
                    mpq_sub(sum, sum, probs[xi->nact - 1]);
                    mpq_set_ui(probs[xi->nact - 1], 1, 1);
                    mpq_sub(probs[xi->nact - 1], probs[xi->nact - 1], sum);
                } else {
                    char *s = brink_q_to_string(sum);
                    const char *wh = sc_probs_where(c, xi->prob_expr, xi->nact);
                    st = brink_error_set_at(err, BRINK_EINVALID, sc->file, xi->loc.line,
                                            xi->loc.col,
                                            "probabilities of this chance move%s%s%s sum to %s, "
                                            "not 1, at the default parameter values", wh ? " (" : "", wh ? wh : "", wh ? ")" : "",
                                            s ? s : "?");
                    free(s);
                }
            }
            mpq_clear(sum);
            if (st)
                goto out;
            pr = (const mpq_t *)probs;
        }
        /* a typed actor's types decide apart: the exported label says whose decision it is
         * ("start (resolute)"), references keep the plain label (questions.c) */
        const char *label = xi->label;
        brink_buf typed;
        brink_buf_init(&typed);
        if (xi->player >= 0 && xi->type >= 0) {
            brink_buf_printf(&typed, "%s (%s)", xi->label,
                             sc->actors[xi->player].types[xi->type].name);
            if (typed.failed) {
                st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
                goto out;
            }
            label = typed.data;
        }
        /* the compiler's labels live in the scenario, as long as any game emitted from it:
         * the game points at them; a typed label made here is copied */
        brink_efg_builder_borrow_labels(b, label == xi->label);
        bid[i] = brink_efg_builder_add_infoset(b, xi->player, xi->nact, label, xi->actions,
                                               pr, 0, err);
        brink_efg_builder_borrow_labels(b, 0);
        brink_buf_free(&typed);
        if (bid[i] < 0) {
            st = err ? err->code : BRINK_EINVALID;
            goto out;
        }
    }
    brink_efg_builder_borrow_labels(b, 1); /* leaf texts are the compiler's too */
    for (int l = 0; l < c->nleaves; l++) {
        bout[l] = brink_efg_builder_add_outcome(b, c->leaf_text[l], (const mpq_t *)pay, 0, err);
        if (bout[l] < 0) {
            st = err ? err->code : BRINK_ENOMEM;
            goto out;
        }
    }
    for (int v = 0; v < c->nnodes; v++) {
        int xi = c->x_infoset[v], xl = c->x_leaf[v];
        if (brink_efg_builder_add_node(b, "", xi >= 0 ? bid[xi] : -1, xl >= 0 ? bout[xl] : -1,
                                       err) < 0) {
            st = err ? err->code : BRINK_ENOMEM;
            goto out;
        }
    }
    g = brink_efg_builder_finish(b, err);
    b = NULL;
    if (!g)
        st = err ? err->code : BRINK_EINTERNAL;
out:
    brink_efg_builder_free(b);
    free(bid);
    free(bout);
    brink_q_array_free(pay, (size_t)np);
    brink_q_array_free(vals, (size_t)sc->nparams + 1);
    brink_q_array_free(stack, (size_t)c->maxstack + 1);
    brink_q_array_free(probs, (size_t)probs_n);
    if (st && g) {
        brink_efg_free(g);
        g = NULL;
    }
    return g;
}

brink_status sc_emit_maps(brink_scenario *sc, const brink_efg *g, brink_error *err)
{
    sc_compiled *c = &sc->c;
    if (g->nnodes != c->nnodes)
        return brink_error_set(err, BRINK_EINTERNAL, "emitted %d nodes, compiled %d", g->nnodes,
                               c->nnodes);
    c->ninfosets = g->ninfosets;
    c->ngleaves = g->nleaves;
    c->nactions = g->nactions;
    c->xinfoset_of = brink_calloc((size_t)(g->ninfosets ? g->ninfosets : 1), sizeof(int));
    c->xleaf_of = brink_calloc((size_t)(g->nleaves ? g->nleaves : 1), sizeof(int));
    c->leaf_outcome = brink_calloc((size_t)(g->nleaves ? g->nleaves : 1), sizeof(int));
    c->action_expr = brink_calloc((size_t)(g->nactions ? g->nactions : 1), sizeof(int));
    if (!c->xinfoset_of || !c->xleaf_of || !c->leaf_outcome || !c->action_expr)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int a = 0; a < g->nactions; a++)
        c->action_expr[a] = -1;
    for (int h = 0; h < g->ninfosets; h++)
        c->xinfoset_of[h] = -1;
    for (int v = 0; v < g->nnodes; v++) {
        int h = g->node_infoset[v];
        if (h >= 0) {
            int xi = c->x_infoset[v];
            if (c->xinfoset_of[h] >= 0 && c->xinfoset_of[h] != xi)
                return brink_error_set(err, BRINK_EINTERNAL, "infoset map is not one-to-one");
            c->xinfoset_of[h] = xi;
            if (g->infoset_player[h] == BRINK_CHANCE)
                for (int a = 0; a < g->infoset_nactions[h]; a++)
                    c->action_expr[g->infoset_action_start[h] + a] =
                        c->xinfosets[xi].prob_expr[a];
        } else {
            int l = g->node_leaf[v];
            c->xleaf_of[l] = c->x_leaf[v];
            c->leaf_outcome[l] = g->node_outcome[v];
        }
    }
    /* views give perfect recall by construction; the builder's check confirms it */
    if (!g->perfect_recall) {
        brink_buf why;
        brink_buf_init(&why);
        int r = brink_efg_perfect_recall_why(g, &why);
        brink_status st = r < 0 ? brink_error_set(err, BRINK_ENOMEM,
                                                  "out of memory checking perfect recall")
                                : brink_error_set(err, BRINK_EINTERNAL, "compiled game lacks "
                                                  "perfect recall (a brink bug): %s",
                                                  r ? "?" : why.data);
        brink_buf_free(&why);
        return st;
    }
    return BRINK_OK;
}
