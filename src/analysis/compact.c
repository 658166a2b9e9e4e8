/* compact.c — brink_analyze on a compact game (issue 15): the scenario's perfect-information
 * game was built as its distinct sub-games (scenario/compact.h), and backward induction runs
 * once per sub-game (solve/backward/spe_dag.h), exactly. The play from the root, the values,
 * and the numbers of decision points on and off the path (from the classes' instance counts)
 * are the tree's; the profile is re-checked exactly at every class, which is the tree's
 * one-shot deviation check at every node since all nodes of a class root the same sub-game.
 *
 * Ties: where a mover has several best actions the solve takes the first. When the tied
 * actions give every player the same values, every pure subgame-perfect equilibrium of the
 * tree picks some best action at every node independently, so there are exactly
 * prod over classes of (best actions)^(nodes of the class) of them, and all have the same
 * values; the play shown is one of them. When tied actions give someone different values the
 * equilibria's values differ and are not counted here: the play shown is one subgame-perfect
 * equilibrium of several, and the report says so.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"
#include "analysis/compact_int.h"
#include "scenario/model.h"

void an_compact_free(struct brink_compact_result *r)
{
    if (!r)
        return;
    brink_dag_spe_free(&r->dag, &r->spe);
    if (r->pay)
        brink_q_array_free(r->pay, (size_t)r->k->nclasses * (size_t)r->k->np + 1);
    free(r->path);
    mpz_clear(r->offpath);
    mpz_clear(r->tied);
    mpz_clear(r->nspe);
    if (r->issue_value)
        brink_q_array_free(r->issue_value, (size_t)r->k->ni + 1);
    if (r->params)
        brink_q_array_free(r->params, (size_t)r->nparams + 1);
    free(r);
}

/* The number of pure subgame-perfect equilibria when ties never change values:
 * prod_c nopt_c ^ mult_c, exactly when it has at most 4096 bits, else its log10. */
static void count_equilibria(struct brink_compact_result *r)
{
    const sc_compact *k = r->k;
    double lg = 0;
    int big = 0;
    for (int c = 0; c < k->nclasses; c++) {
        int n = r->spe.nopt[c];
        if (k->mover[c] < 0 || n <= 1)
            continue;
        mpz_add(r->tied, r->tied, k->mult[c]);
        lg += mpz_get_d(k->mult[c]) * log10((double)n);
        if (lg > 1200 || !mpz_fits_ulong_p(k->mult[c]))
            big = 1;
    }
    r->log10_nspe = lg;
    mpz_set_ui(r->nspe, 1);
    r->count_exact = !big;
    if (big)
        return;
    mpz_t t;
    mpz_init(t);
    for (int c = 0; c < k->nclasses; c++) {
        int n = r->spe.nopt[c];
        if (k->mover[c] < 0 || n <= 1)
            continue;
        mpz_ui_pow_ui(t, (unsigned long)n, mpz_get_ui(k->mult[c]));
        mpz_mul(r->nspe, r->nspe, t);
    }
    mpz_clear(t);
}

brink_status an_compact_analyze(const brink_scenario *sc, const brink_analysis_options *o,
                                brink_analysis *a, brink_error *err)
{
    const sc_compact *k = sc->compact;
    if (o->method && strcmp(o->method, "spe") != 0)
        return brink_error_set_at(err, BRINK_EUNSUPPORTED, sc->file, sc->root->loc.line,
                                  sc->root->loc.col,
                                  "method %s needs the unfolded game tree, and this scenario "
                                  "was built as a compact game (%llu nodes unfolded): only "
                                  "spe solves a compact game", o->method,
                                  (unsigned long long)k->tree_nodes);
    struct brink_compact_result *r = calloc(1, sizeof *r);
    if (!r)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    mpz_init(r->offpath);
    mpz_init(r->tied);
    mpz_init(r->nspe);
    r->k = k;
    a->compact = r;
    int np = k->np;
    r->nparams = sc->nparams;
    r->params = brink_q_array_new((size_t)sc->nparams + 1);
    r->pay = brink_q_array_new((size_t)k->nclasses * (size_t)np + 1);
    r->issue_value = brink_q_array_new((size_t)k->ni + 1);
    r->path = malloc((size_t)k->nclasses * sizeof *r->path);
    r->dag.n = k->nclasses;
    r->dag.np = np;
    if (!r->params || !r->pay || !r->issue_value || !r->path)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int i = 0; i < sc->nparams; i++)
        mpq_set(r->params[i], sc->params[i].value);
    brink_status st = sc_compact_payoffs(sc, k, (const mpq_t *)r->params, r->pay, err);
    if (st)
        return st;
    r->dag.mover = k->mover;
    r->dag.child_start = k->child_start;
    r->dag.child = k->child;
    r->dag.pay = r->pay;
    if ((st = brink_dag_spe_solve(&r->dag, &r->spe, err)))
        return st;
    r->verified = brink_dag_spe_verify(&r->dag, &r->spe, NULL);
    /* the play: from the root along the chosen actions */
    int c = k->root;
    while (k->mover[c] >= 0) {
        r->path[r->npath++] = c;
        c = k->child[k->child_start[c] + r->spe.choice[c]];
    }
    r->end = c;
    mpz_set(r->offpath, k->decisions);
    mpz_sub_ui(r->offpath, r->offpath, (unsigned long)r->npath);
    int l = k->leaf[c];
    for (int i = 0; i < k->ni && !st; i++)
        if (k->leaf_value[(size_t)l * (size_t)k->ni + (size_t)i] >= 0)
            st = sc_compact_issue_value(sc, k, l, i, (const mpq_t *)r->params,
                                        r->issue_value[i], err);
    if (st)
        return st;
    count_equilibria(r);
    if (r->spe.payoff_ties)
        r->count_exact = 0;
    a->nfound = 1;
    a->count = 1;
    a->unique = 0;
    return BRINK_OK;
}
