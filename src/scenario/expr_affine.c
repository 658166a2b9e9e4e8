/* expr_affine.c — whether a closed expression, or a scenario's whole game, is jointly affine
 * in two parameters (see affine.h for the rules and why they suffice).
 *
 * The walk mirrors the exact evaluator's stack machine with a class per stack entry instead
 * of a number. if(c, a, b) is compiled as "c JZ L1 a JMP L2 L1: b L2:" (expr.c); both arms
 * are classified: at the JMP the then-arm's class is set aside with the address where the
 * arms join, and at that address the else-arm's class on top of the stack is joined with it.
 * Only if() emits jumps, so the join records nest like the if()s.
 */
#include "scenario/affine.h"

#include <stdlib.h>

#include "scenario/compact.h"
#include "scenario/model.h"

typedef struct {
    int at;      /* code address where the arms join */
    int cls;     /* the then-arm's class */
} join;

static int worst(int a, int b)
{
    return a > b ? a : b;
}

int sc_expr_affinity(const sc_expr *e, int p0, int p1)
{
    if (e->flags & SC_EXPR_INEXACT)
        return SC_AFF_OTHER;
    if (!(e->flags & SC_EXPR_HAS_PARAM))
        return SC_AFF_CONST;
    int *st = brink_calloc((size_t)e->maxstack + 1, sizeof *st);
    join *jn = brink_calloc((size_t)e->ncode / 2 + 1, sizeof *jn);
    if (!st || !jn) {
        free(st);
        free(jn);
        return -1;
    }
    int sp = 0, nj = 0, res = SC_AFF_OTHER;
    for (int pc = 0; pc < e->ncode;) {
        while (nj && jn[nj - 1].at == pc) {   /* the else-arm ends here */
            st[sp - 1] = worst(st[sp - 1], jn[nj - 1].cls);
            nj--;
        }
        int op = e->code[pc], arg = 0, *a = sp ? &st[sp - 1] : NULL;
        switch (op) {
        case SC_OP_CONST:
            st[sp++] = SC_AFF_CONST;
            pc += 2;
            continue;
        case SC_OP_PARAM:
            arg = e->code[pc + 1];
            st[sp++] = arg == p0 || arg == p1 ? SC_AFF_AFFINE : SC_AFF_CONST;
            pc += 2;
            continue;
        case SC_OP_ARG:   /* closed expressions have none */
            goto out;
        case SC_OP_JZ:    /* a branch on x or y is not affine */
            if (st[--sp] != SC_AFF_CONST)
                goto out;
            pc += 2;
            continue;
        case SC_OP_JMP:
            jn[nj++] = (join){pc + 2 + e->code[pc + 1], st[--sp]};
            pc += 2;
            continue;
        case SC_OP_MIN:
        case SC_OP_MAX: {
            int n = e->code[pc + 1], c = SC_AFF_CONST;
            for (int i = sp - n; i < sp; i++)
                c = worst(c, st[i]);
            sp -= n - 1;
            st[sp - 1] = c == SC_AFF_CONST ? c : SC_AFF_OTHER;
            pc += 2;
            continue;
        }
        case SC_OP_NEG:
            break;
        case SC_OP_NOT: case SC_OP_ABS: case SC_OP_SQRT: case SC_OP_EXP: case SC_OP_LOG:
        case SC_OP_FLOOR:
            *a = *a == SC_AFF_CONST ? SC_AFF_CONST : SC_AFF_OTHER;
            break;
        case SC_OP_CLAMP: {
            int c = worst(st[sp - 3], worst(st[sp - 2], st[sp - 1]));
            sp -= 2;
            st[sp - 1] = c == SC_AFF_CONST ? c : SC_AFF_OTHER;
            break;
        }
        case SC_OP_ADD:
        case SC_OP_SUB:
            st[sp - 2] = worst(st[sp - 2], st[sp - 1]);
            sp--;
            break;
        case SC_OP_MUL: {   /* affine only with a constant factor */
            int l = st[sp - 2], r = st[sp - 1];
            st[sp - 2] = l == SC_AFF_CONST ? r : r == SC_AFF_CONST ? l : SC_AFF_OTHER;
            sp--;
            break;
        }
        case SC_OP_DIV: {   /* affine only over a constant divisor */
            int l = st[sp - 2], r = st[sp - 1];
            st[sp - 2] = r == SC_AFF_CONST ? l : SC_AFF_OTHER;
            sp--;
            break;
        }
        default:   /* POW, comparisons, AND, OR, MOD: constant only from constants */
            st[sp - 2] = worst(st[sp - 2], st[sp - 1]) == SC_AFF_CONST ? SC_AFF_CONST
                                                                       : SC_AFF_OTHER;
            sp--;
            break;
        }
        pc++;
    }
    while (nj && jn[nj - 1].at == e->ncode) {
        st[sp - 1] = worst(st[sp - 1], jn[nj - 1].cls);
        nj--;
    }
    res = sp == 1 && !nj ? st[0] : SC_AFF_OTHER;
out:
    free(st);
    free(jn);
    return res;
}

/* A compact game (scenario/compact.h): its chance classes' probabilities constant, its
 * leaves' and edges' payoff terms affine. */
static int compact_affine(const brink_scenario *sc, const sc_compact *k, int p0, int p1)
{
    const sc_compiled *c = &sc->c;
    int ne = k->child_start[k->nclasses];
    for (int e = 0; k->prob && e < ne; e++) {
        if (k->prob[e] < 0)
            continue;
        int r = sc_expr_affinity(c->closed[k->prob[e]], p0, p1);
        if (r != SC_AFF_CONST)
            return r < 0 ? -1 : 0;
    }
    int nt = k->term_start ? k->term_start[k->nleaves * k->np] : 0;
    for (int t = 0; t < nt; t++) {
        int r = sc_expr_affinity(c->closed[k->term[t]], p0, p1);
        if (r < 0 || r == SC_AFF_OTHER)
            return r < 0 ? -1 : 0;
    }
    int nz = k->eterm_start ? k->eterm_start[(ne + 1) * k->np] : 0;
    for (int t = 0; t < nz; t++) {
        int r = sc_expr_affinity(c->closed[k->eterm[t]], p0, p1);
        if (r < 0 || r == SC_AFF_OTHER)
            return r < 0 ? -1 : 0;
    }
    return 1;
}

int sc_game_affine(const brink_scenario *sc, int p0, int p1)
{
    const sc_compiled *c = &sc->c;
    if (sc->compact)
        return compact_affine(sc, sc->compact, p0, p1);
    const brink_efg *g = brink_scenario_game(sc);
    if (!g)
        return 0;
    /* chance moves and priors: constant, so reach and Bayes beliefs do not move */
    int first = g->player_action_start[g->nplayers], last = g->player_action_start[g->nplayers + 1];
    for (int a = first; a < last; a++) {
        int k = c->action_expr[a];
        if (k < 0)
            continue;
        int r = sc_expr_affinity(c->closed[k], p0, p1);
        if (r != SC_AFF_CONST)
            return r < 0 ? -1 : 0;
    }
    /* payoffs: sums of closed terms, each affine */
    int nterm = c->leaf_term_start[c->nleaves * c->nplayers];
    for (int t = 0; t < nterm; t++) {
        int r = sc_expr_affinity(c->closed[c->leaf_term[t]], p0, p1);
        if (r < 0 || r == SC_AFF_OTHER)
            return r < 0 ? -1 : 0;
    }
    return 1;
}
