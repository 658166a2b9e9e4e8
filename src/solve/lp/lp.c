/* lp.c — 2-player constant-sum games by linear programming (GLPK), answers exact.
 *
 * Player 1's maxmin strategy solves
 *     maximise v  subject to  sum_i x_i A[i][j] >= v  (every column j),  sum_i x_i = 1,  x >= 0,
 * and player 2's is the same problem for the matrix -A^T. Each LP is solved by glp_simplex in
 * doubles; its optimal basis is then solved again exactly in rationals (the active rows on the
 * basic columns form a square system), and the result is checked exactly: feasibility of both
 * strategies and equal values (the minimax theorem), which together prove optimality, hence an
 * equilibrium. When the double basis fails that check, glp_exact (GLPK's rational simplex)
 * finishes from it and the check is repeated. GLPK reads its data as doubles, so a payoff
 * such as 0.6666666666666666 or 1e400 is not what it solves; when the check still fails, or
 * the payoffs are beyond double range, the game is solved by exact Lemke-Howson pivoting
 * (lcp.c; any equilibrium of a constant-sum game is a pair of optimal strategies), and the
 * diagnostics say so. One equilibrium is returned (the optimal strategy sets are convex;
 * their vertices are not enumerated).
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solve/lp/glpk_guard.h"
#include "solve/solvers.h"

/* Exact maxmin strategy of the rows of the k x l matrix M (row-major mpq, M[i][j] is the row
 * player's payoff) from an optimal basis: basic[j] for columns j = 1..k+1, basic[k + 1 + i]
 * for rows i = 1..l+1 (see read_basis). Fills x[0..k) and v; returns 1 when x is feasible
 * with every column's payoff >= v, 0 otherwise, -1 on OOM. */
static int exact_from_basis(const unsigned char *basic, int k, int l, const mpq_t *M, mpq_t *x,
                            mpq_t v)
{
    /* Columns 1..k are x, k+1 is v; rows 1..l the columns of M, row l+1 the sum. */
    int nc = k + 1, nr = l + 1;
    int *bcol = malloc(sizeof(int) * (size_t)(nc + nr + 2));
    if (!bcol)
        return -1;
    int *arow = bcol + nc + 1;
    int nb = 0, na = 0;
    for (int j = 1; j <= nc; j++)
        if (basic[j])
            bcol[nb++] = j;
    for (int i = 1; i <= nr; i++)
        if (!basic[nc + i])
            arow[na++] = i;
    int rc = 0;
    for (int i = 0; i < k; i++)
        mpq_set_ui(x[i], 0, 1);
    mpq_set_ui(v, 0, 1);
    if (na != nb || nb == 0) {
        free(bcol);
        return 0;
    }
    /* a[r][c]: coefficient of basic column bcol[c] in active row arow[r]; last column rhs. */
    int w = nb + 1;
    mpq_t *a = brink_q_array_new((size_t)nb * w);
    mpq_t t;
    if (!a) {
        free(bcol);
        return -1;
    }
    mpq_init(t);
    for (int r = 0; r < nb; r++) {
        int row = arow[r];
        for (int c = 0; c < nb; c++) {
            int col = bcol[c];
            if (row <= l) { /* sum_i x_i M[i][row-1] - v >= 0 */
                if (col <= k)
                    mpq_set(a[r * w + c], M[(size_t)(col - 1) * l + (row - 1)]);
                else
                    mpq_set_si(a[r * w + c], -1, 1);
            } else { /* sum_i x_i = 1 */
                mpq_set_ui(a[r * w + c], col <= k ? 1 : 0, 1);
            }
        }
        mpq_set_ui(a[r * w + nb], row <= l ? 0 : 1, 1);
    }
    for (int c = 0; c < nb; c++) { /* Gauss-Jordan */
        int p = c;
        while (p < nb && mpq_sgn(a[p * w + c]) == 0)
            p++;
        if (p == nb)
            goto out; /* singular: not a basis after all */
        for (int j = 0; j < w; j++)
            mpq_swap(a[c * w + j], a[p * w + j]);
        for (int r = 0; r < nb; r++) {
            if (r == c || mpq_sgn(a[r * w + c]) == 0)
                continue;
            mpq_div(t, a[r * w + c], a[c * w + c]);
            for (int j = c; j < w; j++) {
                mpq_t u;
                mpq_init(u);
                mpq_mul(u, t, a[c * w + j]);
                mpq_sub(a[r * w + j], a[r * w + j], u);
                mpq_clear(u);
            }
        }
    }
    for (int c = 0; c < nb; c++) {
        mpq_div(t, a[c * w + nb], a[c * w + c]);
        if (bcol[c] <= k)
            mpq_set(x[bcol[c] - 1], t);
        else
            mpq_set(v, t);
    }
    /* Exact feasibility: x >= 0, sum 1, every column pays at least v. */
    mpq_set_ui(t, 0, 1);
    for (int i = 0; i < k; i++) {
        if (mpq_sgn(x[i]) < 0)
            goto out;
        mpq_add(t, t, x[i]);
    }
    if (mpq_cmp_ui(t, 1, 1) != 0)
        goto out;
    for (int j = 0; j < l; j++) {
        mpq_set_ui(t, 0, 1);
        for (int i = 0; i < k; i++) {
            if (mpq_sgn(x[i]) == 0)
                continue;
            mpq_t u;
            mpq_init(u);
            mpq_mul(u, x[i], M[(size_t)i * l + j]);
            mpq_add(t, t, u);
            mpq_clear(u);
        }
        if (mpq_cmp(t, v) < 0)
            goto out;
    }
    rc = 1;
out:
    mpq_clear(t);
    brink_q_array_free(a, (size_t)nb * w);
    free(bcol);
    return rc;
}

/* Build and solve the maxmin LP of M (k x l) in doubles (ind, val: k + 2 entries from the
 * caller); NULL on failure. exact: go straight on with GLPK's rational simplex. */
static glp_prob *maxmin_lp(int k, int l, const mpq_t *M, int *ind, double *val, int exact,
                           double time_left, brink_error *err)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_cols(lp, k + 1);
    for (int i = 1; i <= k; i++) {
        glp_set_col_bnds(lp, i, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, i, 0);
    }
    glp_set_col_bnds(lp, k + 1, GLP_FR, 0, 0);
    glp_set_obj_coef(lp, k + 1, 1);
    glp_add_rows(lp, l + 1);
    for (int j = 1; j <= l; j++) {
        glp_set_row_bnds(lp, j, GLP_LO, 0, 0);
        for (int i = 1; i <= k; i++) {
            ind[i] = i;
            val[i] = brink_q_get_d(M[(size_t)(i - 1) * l + (j - 1)]);
        }
        ind[k + 1] = k + 1;
        val[k + 1] = -1;
        glp_set_mat_row(lp, j, k + 1, ind, val);
    }
    glp_set_row_bnds(lp, l + 1, GLP_FX, 1, 1);
    for (int i = 1; i <= k; i++) {
        ind[i] = i;
        val[i] = 1;
    }
    glp_set_mat_row(lp, l + 1, k, ind, val);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF; /* keep the basis for the exact step */
    /* GLPK's double simplex can cycle on badly scaled data (seen on a 3x4 game with
     * 15-digit payoffs): an iteration budget by size, then the exact path takes over */
    parm.it_lim = 1000 + 50 * (k + l + 2);
    if (time_left > 0)
        parm.tm_lim = time_left < 2e6 ? (int)ceil(time_left * 1000) : 2000000000;
    int rc = glp_simplex(lp, &parm);
    if (rc == GLP_ETMLIM) {
        glp_delete_prob(lp);
        brink_error_set(err, BRINK_ENOCONVERGE, "lp: time limit reached in the simplex method");
        return NULL;
    }
    if (exact || rc != 0 || glp_get_status(lp) != GLP_OPT) {
        /* doubles failed (e.g. badly scaled payoffs): let the rational simplex try */
        if (rc == GLP_EITLIM) { /* from scratch: the double basis may be anywhere */
            glp_std_basis(lp);
        }
        rc = glp_exact(lp, &parm);
        if (rc == GLP_ETMLIM) {
            glp_delete_prob(lp);
            brink_error_set(err, BRINK_ENOCONVERGE,
                            "lp: time limit reached in the rational simplex method");
            return NULL;
        }
        if (rc != 0 || glp_get_status(lp) != GLP_OPT) {
            glp_delete_prob(lp);
            brink_error_set(err, BRINK_EINTERNAL, "lp: GLPK found no optimal solution");
            return NULL;
        }
    }
    return lp;
}

/* Under the guard: the maxmin LP solved by GLPK, its basis read into basic[] (see
 * exact_from_basis). Everything it uses is allocated by the caller, so a GLPK failure, which
 * leaves by longjmp, loses no memory. */
typedef struct side_args {
    int k, l;
    const mpq_t *M;
    int *ind;
    double *val;
    unsigned char *basic;
    int exact;
    long *iters;
    double time_left;
} side_args;

static brink_status side_glpk(void *ctx, brink_error *err)
{
    side_args *a = ctx;
    glp_prob *lp = maxmin_lp(a->k, a->l, a->M, a->ind, a->val, a->exact, a->time_left, err);
    if (!lp)
        return err ? err->code : BRINK_EINTERNAL;
    for (int j = 1; j <= a->k + 1; j++)
        a->basic[j] = glp_get_col_stat(lp, j) == GLP_BS;
    for (int i = 1; i <= a->l + 1; i++)
        a->basic[a->k + 1 + i] = glp_get_row_stat(lp, i) == GLP_BS;
    *a->iters += glp_get_it_cnt(lp);
    glp_delete_prob(lp);
    return BRINK_OK;
}

/* Exact maxmin strategy and value for the rows of M (k x l): GLPK's double basis, checked
 * exactly; when the check fails, GLPK's rational simplex and the check again. */
static brink_status solve_side(int k, int l, const mpq_t *M, mpq_t *x, mpq_t v, long *iters,
                               double time_left, brink_error *err)
{
    side_args a = {k, l, M, NULL, NULL, NULL, 0, iters, time_left};
    a.ind = malloc(sizeof(int) * (size_t)(k + 2));
    a.val = malloc(sizeof(double) * (size_t)(k + 2));
    a.basic = calloc((size_t)(k + l + 4), 1);
    brink_status st = BRINK_OK;
    int ok = 0;
    if (!a.ind || !a.val || !a.basic) {
        st = brink_error_set(err, BRINK_ENOMEM, "lp: out of memory");
        goto out;
    }
    for (a.exact = 0; a.exact < 2 && !ok; a.exact++) {
        if ((st = brink_glpk_guard(side_glpk, &a, err)))
            goto out;
        ok = exact_from_basis(a.basic, k, l, M, x, v);
        if (ok < 0) {
            st = brink_error_set(err, BRINK_ENOMEM, "lp: out of memory");
            goto out;
        }
    }
    if (!ok)
        st = brink_error_set(err, BRINK_EINTERNAL,
                             "lp: the optimal basis failed the exact optimality check");
out:
    free(a.ind);
    free(a.val);
    free(a.basic);
    return st;
}

/* Does every payoff survive conversion to double with room for the simplex's arithmetic? */
static int in_double_range(const mpq_t *A, size_t cells)
{
    for (size_t c = 0; c < cells; c++) {
        double a = fabs(brink_q_get_d(A[c]));
        if (!isfinite(a) || a > 1e150 || (a > 0 && a < 1e-150))
            return 0;
    }
    return 1;
}

static brink_status lp_nfg(const brink_nfg *g, const brink_solve_options *o,
                           brink_profile_list *out, brink_error *err)
{
    if (g->nplayers != 2)
        return brink_error_set(err, BRINK_EUNSUPPORTED,
                               "lp: needs a 2-player game; this one has %d players",
                               g->nplayers);
    if (!brink_nfg_is_constant_sum(g, NULL))
        return brink_error_set(err, BRINK_EUNSUPPORTED,
                               "lp: needs a constant-sum (zero-sum) game: here the two "
                               "payoffs do not add up to the same total in every cell; use "
                               "--method enummixed or lcp");
    int m = g->nstrats[0], n = g->nstrats[1];
    size_t cells = (size_t)m * n;
    mpq_t *A = brink_q_array_new(cells), *At = brink_q_array_new(cells);
    mpq_t *x = brink_q_array_new((size_t)m), *y = brink_q_array_new((size_t)n);
    mpq_t v1, v2;
    mpq_inits(v1, v2, NULL);
    brink_status st = BRINK_OK;
    if (!A || !At || !x || !y) {
        st = brink_error_set(err, BRINK_ENOMEM, "lp: out of memory");
        goto done;
    }
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            const mpq_t *a = &g->payq[((size_t)i + (size_t)m * j) * 2];
            mpq_set(A[(size_t)i * n + j], *a);
            mpq_neg(At[(size_t)j * m + i], *a); /* player 2 maximises -A */
        }
    long iters = 0;
    double t0 = brink_now();
    int fallback = in_double_range(A, cells) ? BRINK_FALLBACK_NONE : BRINK_FALLBACK_RANGE;
    if (!fallback) {
        st = solve_side(m, n, (const mpq_t *)A, x, v1, &iters, o->time_limit, err);
        if (st == BRINK_OK)
            st = solve_side(n, m, (const mpq_t *)At, y, v2, &iters,
                            solve_time_left(o, t0), err);
        if (st == BRINK_OK) {
            mpq_neg(v2, v2);
            if (!mpq_equal(v1, v2))
                st = BRINK_EINTERNAL; /* cannot be, once both sides passed the check */
        }
        if (st == BRINK_EINTERNAL)
            fallback = BRINK_FALLBACK_SOLVER;
        else if (st != BRINK_OK)
            goto done;
    }
    if (fallback) { /* GLPK's doubles are not the game: exact Lemke-Howson instead */
        brink_error_clear(err);
        brink_solve_options eo = *o;
        eo.exact = 1;
        eo.all = 0;
        eo.time_limit = o->time_limit > 0 ? solve_time_left(o, t0) : 0;
        st = brink_solver_lcp.solve_nfg(g, &eo, out, err);
        out->stats.iterations += iters;
        out->stats.exact_fallbacks = 1;
        out->stats.fallback_reason = fallback;
        goto done;
    }
    brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_MIXED, g->total_strats, 1, err);
    if (!pr) {
        st = BRINK_ENOMEM;
        goto done;
    }
    for (int i = 0; i < m; i++)
        mpq_set(pr->q[g->strat_offset[0] + i], x[i]);
    for (int j = 0; j < n; j++)
        mpq_set(pr->q[g->strat_offset[1] + j], y[j]);
    brink_profile_sync_doubles(pr);
    out->stats.iterations = iters;
    out->stats.complete = 0;
    (void)o;
done:
    mpq_clears(v1, v2, NULL);
    if (A)
        brink_q_array_free(A, cells);
    if (At)
        brink_q_array_free(At, cells);
    if (x)
        brink_q_array_free(x, (size_t)m);
    if (y)
        brink_q_array_free(y, (size_t)n);
    return st;
}

const brink_solver brink_solver_lp = {
    .name = "lp",
    .summary = "2-player constant-sum games by linear programming (GLPK), checked exactly",
    .guarantee = "one Nash equilibrium (a pair of optimal strategies) and the value, exactly",
    .flags = BRINK_SOLVER_NFG | BRINK_SOLVER_EFG | BRINK_SOLVER_EXACT | BRINK_SOLVER_TWO_PLAYER |
             BRINK_SOLVER_CONSTANT_SUM,
    .solve_nfg = lp_nfg,
    .solve_efg = NULL,
};
