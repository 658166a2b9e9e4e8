/* param.c — evaluate a scenario's closed expressions over Q(t) (see param.h). Walks the same
 * RPN code as expr_eval.c; every entry of the stack is a rational function, and a branch on
 * t follows the reference point and records a guard. Constant sub-expressions take the exact
 * evaluator's path, so the functions agree with brink_scenario_bind_q wherever the guards
 * hold. */
#include "scenario/param.h"
#include "scenario/compact.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/model.h"

#define MAX_EXACT_POW 256   /* as in expr_eval.c: larger exponents are not exact there */

typedef struct pev {
    sc_pgame *pg;
    const mpq_t *x0;
    mpq_t v;
    pq sp;
    int oom;
} pev;

/* Sign of f at the reference point (its denominator does not vanish there). */
static int sign_at(pev *E, const rf *f)
{
    if (rf_eval(E->v, f, *E->x0))
        return 0;
    return mpq_sgn(E->v);
}

/* Record that f keeps the sign it has at x0; returns that sign. */
static int guard(pev *E, const rf *f, int line, int col)
{
    int s = sign_at(E, f);
    if (rf_is_const(f))
        return s;
    if (rf_sign_poly(&E->sp, f)) {
        E->oom = 1;
        return s;
    }
    pcond *c = pcset_push(&E->pg->guards, s > 0 ? PC_POS : s < 0 ? PC_NEG : PC_ZERO, &E->sp);
    if (!c)
        E->oom = 1;
    else {
        c->tag = line;
        c->h = col;
    }
    return s;
}

/* Sign of a - b at x0, with a guard. */
static int compare(pev *E, const rf *a, const rf *b, rf *tmp, int line, int col)
{
    if (rf_sub(tmp, a, b)) {
        E->oom = 1;
        return 0;
    }
    return guard(E, tmp, line, col);
}

static int const_value(mpq_t out, const rf *f)
{
    if (!rf_is_const(f))
        return 0;
    if (f->n.deg < 0)
        mpq_set_ui(out, 0, 1);
    else
        mpq_set(out, f->n.c[0]);
    return 1;
}

typedef enum { EV_OK, EV_NONRATIONAL, EV_DOMAIN } ev_result;

static ev_result eval(pev *E, const sc_expr *e, const mpq_t *values, int param, rf *st, rf *tmp)
{
    int sp = 0, L = e->line, C = e->col;
    mpq_t q;
    mpq_init(q);
    ev_result res = EV_OK;
    for (int pc = 0; pc < e->ncode && !E->oom && res == EV_OK;) {
        int op = e->code[pc];
        switch (op) {
        case SC_OP_CONST:
            E->oom |= rf_set_q(&st[sp++], e->kq[e->code[pc + 1]]);
            pc += 2;
            continue;
        case SC_OP_PARAM: {
            int i = e->code[pc + 1];
            E->oom |= i == param ? rf_set_x(&st[sp++]) : rf_set_q(&st[sp++], values[i]);
            pc += 2;
            continue;
        }
        case SC_OP_ARG:
            res = EV_DOMAIN;
            continue;
        case SC_OP_JZ:
            sp--;
            pc += 2 + (guard(E, &st[sp], L, C) != 0 ? 0 : e->code[pc + 1]);
            continue;
        case SC_OP_JMP:
            pc += 2 + e->code[pc + 1];
            continue;
        case SC_OP_MIN:
        case SC_OP_MAX: {
            int n = e->code[pc + 1], base = sp - n;
            for (int i = base + 1; i < sp; i++) {
                int c = compare(E, &st[i], &st[base], tmp, L, C);
                if ((op == SC_OP_MIN && c < 0) || (op == SC_OP_MAX && c > 0))
                    E->oom |= rf_set(&st[base], &st[i]);
            }
            sp = base + 1;
            pc += 2;
            continue;
        }
        case SC_OP_CLAMP:
            if (compare(E, &st[sp - 3], &st[sp - 2], tmp, L, C) < 0)
                E->oom |= rf_set(&st[sp - 3], &st[sp - 2]);
            if (compare(E, &st[sp - 3], &st[sp - 1], tmp, L, C) > 0)
                E->oom |= rf_set(&st[sp - 3], &st[sp - 1]);
            sp -= 2;
            pc++;
            continue;
        case SC_OP_NEG:
            rf_neg(&st[sp - 1]);
            pc++;
            continue;
        case SC_OP_NOT:
            E->oom |= rf_set_si(&st[sp - 1], guard(E, &st[sp - 1], L, C) ? 0 : 1);
            pc++;
            continue;
        case SC_OP_ABS:
            if (guard(E, &st[sp - 1], L, C) < 0)
                rf_neg(&st[sp - 1]);
            pc++;
            continue;
        case SC_OP_FLOOR:
        case SC_OP_MOD: {
            /* integer arithmetic (generators): exact on constants, a step function of t
             * otherwise, which is not rational in t */
            int two = op == SC_OP_MOD;
            mpq_t b;
            mpq_init(b);
            if (!const_value(q, &st[sp - 1 - two]) || (two && !const_value(b, &st[sp - 1])) ||
                (two && mpq_sgn(b) == 0)) {
                res = two && rf_is_const(&st[sp - 1]) && rf_is_const(&st[sp - 2])
                          ? EV_DOMAIN : EV_NONRATIONAL;
                mpq_clear(b);
                continue;
            }
            if (two)
                mpq_div(q, q, b);
            mpz_fdiv_q(mpq_numref(q), mpq_numref(q), mpq_denref(q));
            mpz_set_ui(mpq_denref(q), 1);
            if (two) {   /* a - b * floor(a / b) */
                mpq_mul(q, q, b);
                const_value(b, &st[sp - 2]);
                mpq_sub(q, b, q);
            }
            mpq_clear(b);
            sp -= two;
            E->oom |= rf_set_q(&st[sp - 1], q);
            pc++;
            continue;
        }
        case SC_OP_SQRT:
        case SC_OP_EXP:
        case SC_OP_LOG: {
            if (!const_value(q, &st[sp - 1])) {
                res = EV_NONRATIONAL;
                continue;
            }
            double x = brink_q_get_d(q), y;
            if (op == SC_OP_SQRT)
                y = x < 0 ? NAN : sqrt(x);
            else if (op == SC_OP_EXP)
                y = exp(x);
            else
                y = x <= 0 ? NAN : log(x);
            if (!isfinite(y)) {
                res = EV_DOMAIN;
                continue;
            }
            mpq_set_d(q, y);
            E->oom |= rf_set_q(&st[sp - 1], q);
            pc++;
            continue;
        }
        default:
            break;
        }
        rf *a = &st[sp - 2], *b = &st[sp - 1];
        int c = 0, cmp = 1;
        switch (op) {
        case SC_OP_ADD: E->oom |= rf_add(a, a, b); cmp = 0; break;
        case SC_OP_SUB: E->oom |= rf_sub(a, a, b); cmp = 0; break;
        case SC_OP_MUL: E->oom |= rf_mul(a, a, b); cmp = 0; break;
        case SC_OP_DIV:
            if (guard(E, b, L, C) == 0)
                res = EV_DOMAIN;
            else
                E->oom |= rf_div(a, a, b);
            cmp = 0;
            break;
        case SC_OP_POW: {
            cmp = 0;
            if (!const_value(q, b)) {
                res = EV_NONRATIONAL;
                break;
            }
            int integral = mpz_cmp_ui(mpq_denref(q), 1) == 0 &&
                           mpz_cmpabs_ui(mpq_numref(q), MAX_EXACT_POW) <= 0;
            mpq_t base;
            mpq_init(base);
            if (!integral) {
                if (!const_value(base, a)) {
                    res = EV_NONRATIONAL;
                } else {
                    double r = pow(brink_q_get_d(base), brink_q_get_d(q));
                    if (!isfinite(r))
                        res = EV_DOMAIN;
                    else {
                        mpq_set_d(base, r);
                        E->oom |= rf_set_q(a, base);
                    }
                }
                mpq_clear(base);
                break;
            }
            mpq_clear(base);
            long n = mpz_get_si(mpq_numref(q));
            if (n < 0 && guard(E, a, L, C) == 0) {
                res = EV_DOMAIN;
                break;
            }
            unsigned long un = (unsigned long)(n < 0 ? -n : n);
            E->oom |= rf_set(tmp, a) || rf_set_si(a, 1);
            for (; un && !E->oom; un >>= 1) {   /* square and multiply */
                if (un & 1)
                    E->oom |= rf_mul(a, a, tmp);
                if (un > 1)
                    E->oom |= rf_mul(tmp, tmp, tmp);
            }
            if (n < 0 && !E->oom) {
                E->oom |= rf_set(tmp, a) || rf_set_si(a, 1);
                E->oom |= rf_div(a, a, tmp);
            }
            break;
        }
        case SC_OP_LT: c = compare(E, a, b, tmp, L, C) < 0; break;
        case SC_OP_LE: c = compare(E, a, b, tmp, L, C) <= 0; break;
        case SC_OP_GT: c = compare(E, a, b, tmp, L, C) > 0; break;
        case SC_OP_GE: c = compare(E, a, b, tmp, L, C) >= 0; break;
        case SC_OP_EQ: c = compare(E, a, b, tmp, L, C) == 0; break;
        case SC_OP_NE: c = compare(E, a, b, tmp, L, C) != 0; break;
        case SC_OP_AND: {
            int x = guard(E, a, L, C) != 0, y = guard(E, b, L, C) != 0;
            c = x && y;
            break;
        }
        case SC_OP_OR: {
            int x = guard(E, a, L, C) != 0, y = guard(E, b, L, C) != 0;
            c = x || y;
            break;
        }
        default:
            res = EV_DOMAIN;
            cmp = 0;
            break;
        }
        if (cmp)
            E->oom |= rf_set_si(a, c);
        sp--;
        pc++;
    }
    mpq_clear(q);
    return res;
}

void sc_pgame_free(sc_pgame *pg)
{
    if (pg->prob)
        for (int i = 0; i < pg->nactions; i++)
            rf_clear(&pg->prob[i]);
    if (pg->pay)
        for (int i = 0; i < pg->nleaves * pg->nplayers; i++)
            rf_clear(&pg->pay[i]);
    if (pg->epay)
        for (int i = 0; i < pg->nepay; i++)
            rf_clear(&pg->epay[i]);
    free(pg->prob);
    free(pg->pay);
    free(pg->epay);
    pcset_free(&pg->guards);
    pg->prob = pg->pay = pg->epay = NULL;
}

static rf *rf_array(int n)
{
    rf *a = brink_calloc((size_t)(n > 0 ? n : 1), sizeof *a);
    if (a)
        for (int i = 0; i < n; i++)
            rf_init(&a[i]);
    return a;
}

static void rf_array_free(rf *a, int n)
{
    if (!a)
        return;
    for (int i = 0; i < n; i++)
        rf_clear(&a[i]);
    free(a);
}

brink_status sc_param_game(const brink_scenario *sc, const brink_efg *g, int param,
                           const mpq_t *values, sc_pgame *pg, brink_error *err)
{
    const sc_compiled *c = &sc->c;
    memset(pg, 0, sizeof *pg);
    pg->nactions = g->nactions;
    pg->nleaves = g->nleaves;
    pg->nplayers = g->nplayers;
    pg->prob = rf_array(g->nactions);
    pg->pay = rf_array(g->nleaves * g->nplayers);
    int nst = c->maxstack + 1;
    rf *st = rf_array(nst), *vals = rf_array(c->nclosed), tmp;
    rf_init(&tmp);
    pev E;
    memset(&E, 0, sizeof E);
    E.pg = pg;
    E.x0 = &values[param];
    mpq_init(E.v);
    pq_init(&E.sp);
    brink_status status = BRINK_OK;
    if (!pg->prob || !pg->pay || !st || !vals) {
        E.oom = 1;
        goto out;
    }
    for (int i = 0; i < c->nclosed && !E.oom; i++) {
        ev_result r = eval(&E, c->closed[i], values, param, st, &tmp);
        if (r == EV_NONRATIONAL) {
            pg->nonrational = c->closed[i]->text;
            pg->nr_line = c->closed[i]->line;
            pg->nr_col = c->closed[i]->col;
            goto out;
        }
        if (r == EV_DOMAIN) {
            status = brink_error_set_at(err, BRINK_EINVALID, sc->file, c->closed[i]->line,
                                        c->closed[i]->col,
                                        "'%s' cannot be evaluated at this parameter value",
                                        c->closed[i]->text ? c->closed[i]->text : "?");
            goto out;
        }
        E.oom |= rf_set(&vals[i], &st[0]);
    }
    int first = g->player_infoset_start[g->nplayers];
    rf sum;
    rf_init(&sum);
    for (int h = first; h < g->ninfosets && !E.oom; h++) {
        int a0 = g->infoset_action_start[h];
        E.oom |= rf_set_si(&sum, -1);
        for (int a = 0; a < g->infoset_nactions[h] && !E.oom; a++) {
            rf *p = &pg->prob[a0 + a];
            E.oom |= rf_set(p, &vals[c->action_expr[a0 + a]]);
            if (!E.oom)
                E.oom |= rf_add(&sum, &sum, p);
            if (!E.oom && !rf_is_const(p)) {   /* a probability stays a probability */
                pcond *k;
                E.oom |= rf_sign_poly(&E.sp, p);
                if (!E.oom && !(k = pcset_push(&pg->guards, PC_NONNEG, &E.sp)))
                    E.oom = 1;
            }
        }
        /* The move's probabilities sum to 1 at x0 (bind checked it); unless they do for every
         * t, the game exists only at the roots of sum - 1, which the guard keeps to x0 alone
         * (a chance move or prior of p and 1/2 is a game only at p = 1/2). */
        if (!E.oom && !rf_is_const(&sum)) {
            E.oom |= rf_sign_poly(&E.sp, &sum);
            if (!E.oom && !pcset_push(&pg->guards, PC_ZERO, &E.sp))
                E.oom = 1;
        }
    }
    rf_clear(&sum);
    int np = g->nplayers;
    for (int l = 0; l < g->nleaves && !E.oom; l++) {
        int xl = c->xleaf_of[l];
        for (int p = 0; p < np && !E.oom; p++) {
            size_t k = (size_t)xl * (size_t)np + (size_t)p;
            rf *out = &pg->pay[(size_t)l * (size_t)np + (size_t)p];
            E.oom |= rf_set_si(out, 0);
            for (int t = c->leaf_term_start[k]; t < c->leaf_term_start[k + 1] && !E.oom; t++)
                E.oom |= rf_add(out, out, &vals[c->leaf_term[t]]);
        }
    }
out:
    if (E.oom)
        status = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    rf_array_free(st, nst);
    rf_array_free(vals, c->nclosed);
    rf_clear(&tmp);
    mpq_clear(E.v);
    pq_clear(&E.sp);
    if (status)
        sc_pgame_free(pg);
    return status;
}

brink_status sc_param_compact(const brink_scenario *sc, const struct sc_compact *k, int param,
                              const mpq_t *values, sc_pgame *pg, brink_error *err)
{
    const sc_compiled *c = &sc->c;
    int np = k->np, ne = k->child_start[k->nclasses];
    memset(pg, 0, sizeof *pg);
    pg->nactions = ne;
    pg->nleaves = k->nleaves;
    pg->nplayers = np;
    pg->nepay = (ne + 1) * np;
    pg->prob = rf_array(ne);
    pg->pay = rf_array(k->nleaves * np);
    pg->epay = rf_array(pg->nepay);
    int nst = c->maxstack + 1;
    rf *st = rf_array(nst), *vals = rf_array(c->nclosed), tmp, sum;
    rf_init(&tmp);
    rf_init(&sum);
    pev E;
    memset(&E, 0, sizeof E);
    E.pg = pg;
    E.x0 = &values[param];
    mpq_init(E.v);
    pq_init(&E.sp);
    brink_status status = BRINK_OK;
    if (!pg->prob || !pg->pay || !pg->epay || !st || !vals) {
        E.oom = 1;
        goto out;
    }
    for (int i = 0; i < c->nclosed && !E.oom; i++) {
        ev_result r = eval(&E, c->closed[i], values, param, st, &tmp);
        if (r == EV_NONRATIONAL) {
            pg->nonrational = c->closed[i]->text;
            pg->nr_line = c->closed[i]->line;
            pg->nr_col = c->closed[i]->col;
            goto out;
        }
        if (r == EV_DOMAIN) {
            status = brink_error_set_at(err, BRINK_EINVALID, sc->file, c->closed[i]->line,
                                        c->closed[i]->col,
                                        "'%s' cannot be evaluated at this parameter value",
                                        c->closed[i]->text ? c->closed[i]->text : "?");
            goto out;
        }
        E.oom |= rf_set(&vals[i], &st[0]);
    }
    for (int cl = 0; cl < k->nclasses && !E.oom; cl++) {
        if (k->mover[cl] != SC_COMPACT_CHANCE)
            continue;
        E.oom |= rf_set_si(&sum, -1);
        for (int e = k->child_start[cl]; e < k->child_start[cl + 1] && !E.oom; e++) {
            rf *p = &pg->prob[e];
            E.oom |= rf_set(p, &vals[k->prob[e]]);
            if (!E.oom)
                E.oom |= rf_add(&sum, &sum, p);
            if (!E.oom && !rf_is_const(p)) {   /* a probability stays a probability */
                E.oom |= rf_sign_poly(&E.sp, p);
                if (!E.oom && !pcset_push(&pg->guards, PC_NONNEG, &E.sp))
                    E.oom = 1;
            }
        }
        if (!E.oom && !rf_is_const(&sum)) {   /* as sc_param_game: the sum stays 1 */
            E.oom |= rf_sign_poly(&E.sp, &sum);
            if (!E.oom && !pcset_push(&pg->guards, PC_ZERO, &E.sp))
                E.oom = 1;
        }
    }
    for (int l = 0; l < k->nleaves && !E.oom; l++)
        for (int p = 0; p < np && !E.oom; p++) {
            size_t x = (size_t)l * (size_t)np + (size_t)p;
            rf *out = &pg->pay[x];
            E.oom |= rf_set_si(out, 0);
            for (int t = k->term_start[x]; t < k->term_start[x + 1] && !E.oom; t++)
                E.oom |= rf_add(out, out, &vals[k->term[t]]);
        }
    for (int x = 0; x < pg->nepay && !E.oom; x++) {
        rf *out = &pg->epay[x];
        E.oom |= rf_set_si(out, 0);
        for (int t = k->eterm_start ? k->eterm_start[x] : 0;
             k->eterm_start && t < k->eterm_start[x + 1] && !E.oom; t++)
            E.oom |= rf_add(out, out, &vals[k->eterm[t]]);
    }
out:
    if (E.oom)
        status = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    rf_array_free(st, nst);
    rf_array_free(vals, c->nclosed);
    rf_clear(&tmp);
    rf_clear(&sum);
    mpq_clear(E.v);
    pq_clear(&E.sp);
    if (status)
        sc_pgame_free(pg);
    return status;
}
