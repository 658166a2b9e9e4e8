/* ranges.c — priors and chance probabilities stay probabilities over every parameter's range.
 *
 * Sweeps and threshold questions move one parameter through its declared range with the
 * others at their defaults. A prior such as `1 - p` with p's range [0, 2] is fine at the
 * default but negative at p = 2, and the question would then fail half-way with a message
 * about a probability. The file is checked here instead, when it is read: each prior and each
 * chance probability (every distinct compiled expression once) is evaluated exactly at both
 * ends of every ranged parameter, the others at their defaults, and a negative value is
 * refused at the expression with the parameter and its range named. Exactness: for
 * expressions linear (or monotone) in the parameter the ends decide; other shapes are still
 * checked at every bind (bind.c), so nothing wrong is ever solved.
 */
#include <stdlib.h>
#include <string.h>

#include "scenario/compact.h"
#include "scenario/model.h"

typedef struct rcheck {
    const brink_scenario *sc;
    mpq_t *vals, *stack, v;
    int nstack;
} rcheck;

/* Evaluates e at both ends of every ranged parameter; on a negative value sets *param and
 * *at_hi and leaves the value in rc->v. Returns 1 when negative, 0 when not, -1 on error. */
static int negative_at_end(rcheck *rc, const sc_expr *e, int *param, int *at_hi,
                           brink_error *err)
{
    const brink_scenario *sc = rc->sc;
    if (!(e->flags & SC_EXPR_HAS_PARAM))
        return 0;
    for (int i = 0; i < sc->nparams; i++) {
        if (!sc->params[i].info.has_range)
            continue;
        for (int end = 0; end < 2; end++) {
            mpq_set(rc->vals[i], end ? sc->params[i].hi : sc->params[i].lo);
            brink_status st = sc_expr_eval_q(e, (const mpq_t *)rc->vals, rc->stack, rc->v,
                                             sc->file, err);
            mpq_set(rc->vals[i], sc->params[i].value);
            if (st)
                return -1;
            if (mpq_sgn(rc->v) < 0) {
                *param = i;
                *at_hi = end;
                return 1;
            }
        }
    }
    return 0;
}

/* " (in round 6 of sub-game 'round')": the call that made a probability (tester 12, F5) */
static void put_where(brink_buf *b, const char *where)
{
    if (where)
        brink_buf_printf(b, " (%s)", where);
}

static brink_status refuse(rcheck *rc, sc_loc at, const char *what, int param, int at_hi,
                           brink_error *err)
{
    const sc_param *p = &rc->sc->params[param];
    brink_buf b;
    brink_buf_init(&b);
    brink_buf_printf(&b, "%s is negative (", what);
    sc_put_number(&b, rc->v);
    brink_buf_printf(&b, ") at %s = ", p->info.name);
    sc_put_number(&b, at_hi ? p->hi : p->lo);
    brink_buf_printf(&b, ", the %s end of its range (line %d, column %d); priors and chance "
                     "probabilities must be probabilities over every parameter's range: "
                     "narrow the range or change the expression",
                     at_hi ? "upper" : "lower", p->range_loc.line, p->range_loc.col);
    brink_status st = brink_error_set_at(err, BRINK_EINVALID, rc->sc->file, at.line, at.col,
                                         "%s", b.failed ? what : b.data);
    brink_buf_free(&b);
    return st;
}

brink_status sc_check_ranges(const brink_scenario *sc, brink_error *err)
{
    const sc_compiled *c = &sc->c;
    int ms = c->maxstack;
    for (int a = 0; a < sc->nactors; a++)
        for (int t = 0; t < sc->actors[a].ntypes; t++)
            if (sc->actors[a].types[t].prior->maxstack > ms)
                ms = sc->actors[a].types[t].prior->maxstack;
    rcheck rc;
    memset(&rc, 0, sizeof rc);
    rc.sc = sc;
    rc.nstack = ms + 1;
    rc.vals = brink_q_array_new((size_t)sc->nparams + 1);
    rc.stack = brink_q_array_new((size_t)rc.nstack);
    char *seen = calloc((size_t)c->nclosed + 1, 1);
    mpq_init(rc.v);
    brink_status st = BRINK_OK;
    if (!rc.vals || !rc.stack || !seen) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    for (int i = 0; i < sc->nparams; i++)
        mpq_set(rc.vals[i], sc->params[i].value);
    int param = -1, hi = 0, r;
    for (int a = 0; a < sc->nactors && !st; a++)
        for (int t = 0; t < sc->actors[a].ntypes && !st; t++) {
            const sc_type *ty = &sc->actors[a].types[t];
            if ((r = negative_at_end(&rc, ty->prior, &param, &hi, err)) < 0)
                st = err ? err->code : BRINK_EINVALID;
            else if (r) {
                brink_buf w;
                brink_buf_init(&w);
                brink_buf_printf(&w, "prior of %s.%s", sc->actors[a].id, ty->name);
                st = refuse(&rc, ty->loc, w.failed ? "a prior" : w.data, param, hi, err);
                brink_buf_free(&w);
            }
        }
    for (int i = 0; i < c->nxinfosets && !st; i++) {
        const sc_xinfoset *xi = &c->xinfosets[i];
        if (xi->player != BRINK_CHANCE || !xi->prob_expr)
            continue;
        for (int k = 0; k < xi->nact && !st; k++) {
            int e = xi->prob_expr[k];
            if (e < 0 || seen[e])
                continue;
            seen[e] = 1;
            if ((r = negative_at_end(&rc, c->closed[e], &param, &hi, err)) < 0)
                st = err ? err->code : BRINK_EINVALID;
            else if (r) {
                brink_buf w;
                brink_buf_init(&w);
                brink_buf_printf(&w, "probability of '%s'", xi->actions[k]);
                put_where(&w, sc_closed_where(c, e));
                st = refuse(&rc, xi->loc, w.failed ? "a probability" : w.data, param, hi, err);
                brink_buf_free(&w);
            }
        }
    }
    /* a compact game's chance moves (scenario/compact.h) have no information sets */
    const sc_compact *k = sc->compact;
    int *order = k && !st ? malloc((size_t)k->nclasses * sizeof *order) : NULL;
    int nch = order ? sc_compact_chance_order(k, order) : 0;
    if (k && !st && nch < 0)
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
    for (int oi = 0; oi < nch && !st; oi++) {
        int cl = order[oi];
        const sc_node *nd = k->node[cl];
        for (int ed = k->child_start[cl]; ed < k->child_start[cl + 1] && !st; ed++) {
            int e = k->prob[ed];
            if (e < 0 || seen[e])
                continue;
            seen[e] = 1;
            if ((r = negative_at_end(&rc, c->closed[e], &param, &hi, err)) < 0)
                st = err ? err->code : BRINK_EINVALID;
            else if (r) {
                brink_buf w;
                brink_buf_init(&w);
                brink_buf_printf(&w, "probability of '%s'",
                                 nd->opt_labels[ed - k->child_start[cl]]);
                put_where(&w, sc_closed_where(c, e));
                st = refuse(&rc, nd->loc, w.failed ? "a probability" : w.data, param, hi, err);
                brink_buf_free(&w);
            }
        }
    }
    free(order);
    if (k && !st && !order)
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
out:
    mpq_clear(rc.v);
    brink_q_array_free(rc.vals, (size_t)sc->nparams + 1);
    brink_q_array_free(rc.stack, (size_t)rc.nstack);
    free(seen);
    return st;
}
