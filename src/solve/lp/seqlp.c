/* seqlp.c — two-player constant-sum extensive games by the sequence-form linear program
 * (Koller, Megiddo and von Stengel 1994/1996; von Stengel 1996), solved with GLPK.
 *
 * For player i with plan x (E x = e, x >= 0) and opponent plan y (F y = f), the LP
 *     maximise v_0   subject to   F' v - U_i' x <= 0,   E x = e,   x >= 0,   v free
 * gives i's maximin plan and the value v_0 (the opponent's best reply is the dual). Solving it
 * for both players gives an equilibrium. The optimal basis from GLPK (double simplex, then
 * GLPK's exact rational simplex to certify it) is solved again in rationals (qsolve.c), so
 * the returned plans are exact and the driver can check regret 0 exactly. GLPK reads doubles,
 * not the game's rationals: when it fails, when its basis fails the exact check, or when the
 * payoffs are beyond double range, the game is solved by exact Lemke pivoting on the sequence
 * form instead (seqlcp with exact arithmetic), and the diagnostics say so. A time limit is
 * passed to GLPK.
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "brink/solve.h"
#include "game/seqform_internal.h"
#include "solve/lp/glpk_guard.h"
#include "solve/linalg/qsolve.h"
#include "solve/solvers.h"

/* Largest LP (rows) whose optimal basis we re-solve in rationals. */
#define SEQLP_MAX_EXACT_ROWS 20000

typedef struct lp_triplet {
    int row, col; /* 0-based */
    int entry;    /* payoff entry index, or -1 for a constraint coefficient */
    int coef;     /* constraint coefficient (+-1) when entry < 0 */
    int neg;      /* 1: coefficient is minus the entry's payoff */
} lp_triplet;

typedef struct seqlp_side {
    int player, other;
    int m, mo;     /* own sequences, opponent sequences */
    int k, ko;     /* own constraint rows, opponent constraint rows */
    int nrows, ncols;
    lp_triplet *t;
    int nt;
} seqlp_side;

/* Coefficients of the LP of `player` (see the header comment): rows 0..mo-1 are the opponent's
 * sequences, rows mo..mo+k-1 the own constraints; columns 0..m-1 own plan, m..m+ko-1 the
 * opponent-constraint duals v. */
static brink_status side_build(const brink_seqform *sf, int player, seqlp_side *s,
                               brink_error *err)
{
    const brink_efg *g = sf->game;
    memset(s, 0, sizeof *s);
    s->player = player;
    s->other = 1 - player;
    s->m = sf->nseqs[player];
    s->mo = sf->nseqs[s->other];
    s->k = 1 + brink_efg_player_ninfosets(g, player);
    s->ko = 1 + brink_efg_player_ninfosets(g, s->other);
    s->nrows = s->mo + s->k;
    s->ncols = s->m + s->ko;
    size_t cap = (size_t)sf->nentries + 2 * ((size_t)s->m + s->k + s->mo + s->ko) + 4;
    s->t = brink_calloc(cap, sizeof *s->t);
    if (!s->t)
        return brink_error_set(err, BRINK_ENOMEM, "seqlp: out of memory");
    /* -U_i' x in the opponent-sequence rows */
    for (int e = 0; e < sf->nentries; e++) {
        if (mpq_sgn(sf->entry_payq[(size_t)e * 2 + player]) == 0)
            continue;
        int own = sf->entry_seq[(size_t)e * 2 + player];
        int opp = sf->entry_seq[(size_t)e * 2 + s->other];
        s->t[s->nt++] = (lp_triplet){opp, own, e, 0, 1};
    }
    /* F' v in the opponent-sequence rows, E x in the own-constraint rows */
    for (int side = 0; side < 2; side++) {
        int pl = side == 0 ? s->other : player;
        int h0 = g->player_infoset_start[pl], h1 = g->player_infoset_start[pl + 1];
        int as = g->player_action_start[pl];
        /* constraint row r, sequence q, coefficient c: for the opponent this is F[r][q], put
         * at LP row q (sequence) and column m + r; for the player, E[r][q] at row mo + r,
         * column q. */
#define SEQLP_PUT(r, q, c)                                                                 \
    do {                                                                                   \
        if (side == 0)                                                                     \
            s->t[s->nt++] = (lp_triplet){(q), s->m + (r), -1, (c), 0};                     \
        else                                                                               \
            s->t[s->nt++] = (lp_triplet){s->mo + (r), (q), -1, (c), 0};                    \
    } while (0)
        SEQLP_PUT(0, 0, 1);
        for (int h = h0; h < h1; h++) {
            SEQLP_PUT(1 + h - h0, sf->infoset_parent_seq[h], -1);
            for (int a = 0; a < g->infoset_nactions[h]; a++)
                SEQLP_PUT(1 + h - h0, 1 + g->infoset_action_start[h] + a - as, 1);
        }
#undef SEQLP_PUT
    }
    return BRINK_OK;
}

/* Solve one side with GLPK into buffers the caller allocated (ia, ja, ar: nt + 1 entries;
 * stat: nrows + ncols), so that a GLPK failure, which leaves this function by longjmp, loses
 * no memory. Fills the double plan (m doubles); when certify and GLPK's rational simplex
 * confirms the basis, stat[r] / stat[nrows + c] = 1 for the basic rows / columns and
 * *have_basis = 1. */
static brink_status side_solve_glpk(const brink_seqform *sf, const seqlp_side *s, int certify,
                                    double *plan, int *ia, int *ja, double *ar, int *stat,
                                    int *have_basis, brink_error *err, double time_left)
{
    *have_basis = 0;
    glp_prob *lp = glp_create_prob();
    brink_status st = BRINK_OK;
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_rows(lp, s->nrows);
    glp_add_cols(lp, s->ncols);
    for (int r = 0; r < s->mo; r++)
        glp_set_row_bnds(lp, r + 1, GLP_UP, 0.0, 0.0);
    for (int r = 0; r < s->k; r++)
        glp_set_row_bnds(lp, s->mo + r + 1, GLP_FX, r == 0 ? 1.0 : 0.0, r == 0 ? 1.0 : 0.0);
    for (int c = 0; c < s->m; c++)
        glp_set_col_bnds(lp, c + 1, GLP_LO, 0.0, 0.0);
    for (int c = s->m; c < s->ncols; c++)
        glp_set_col_bnds(lp, c + 1, GLP_FR, 0.0, 0.0);
    glp_set_obj_coef(lp, s->m + 1, 1.0); /* v_0 */
    for (int k = 0; k < s->nt; k++) {
        const lp_triplet *t = &s->t[k];
        ia[k + 1] = t->row + 1;
        ja[k + 1] = t->col + 1;
        ar[k + 1] = t->entry >= 0 ? -sf->entry_pay[(size_t)t->entry * 2 + s->player] : t->coef;
    }
    glp_load_matrix(lp, s->nt, ia, ja, ar);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF; /* keep the basis of the original problem */
    parm.it_lim = 1000 + 50 * (s->nrows + s->ncols); /* GLPK can cycle: exact Lemke then */
    if (time_left > 0)
        parm.tm_lim = time_left < 2e6 ? (int)ceil(time_left * 1000) : 2000000000;
    int rc = glp_simplex(lp, &parm);
    if (rc == GLP_ETMLIM) {
        st = brink_error_set(err, BRINK_ENOCONVERGE,
                             "seqlp: time limit reached in the simplex method");
        goto out;
    }
    if (rc != 0 || glp_get_status(lp) != GLP_OPT) {
        st = brink_error_set(err, BRINK_EINTERNAL,
                             "seqlp: GLPK simplex ended without an optimum (code %d, status %d)",
                             rc, glp_get_status(lp));
        goto out;
    }
    for (int c = 0; c < s->m; c++)
        plan[c] = glp_get_col_prim(lp, c + 1);
    if (!certify || s->nrows > SEQLP_MAX_EXACT_ROWS)
        goto out;
    /* GLPK's rational simplex, started from this basis, certifies (or repairs) optimality. */
    if (glp_exact(lp, &parm) != 0 || glp_get_status(lp) != GLP_OPT)
        goto out;
    for (int r = 0; r < s->nrows; r++)
        stat[r] = glp_get_row_stat(lp, r + 1) == GLP_BS;
    for (int c = 0; c < s->ncols; c++)
        stat[s->nrows + c] = glp_get_col_stat(lp, c + 1) == GLP_BS;
    *have_basis = 1;
out:
    glp_delete_prob(lp);
    return st;
}

/* The exact plan of the basis GLPK confirmed (stat as above): unknown u = position in the
 * basis; row equation: sum a x - aux = 0. Nonbasic structurals sit at 0 (x at its lower
 * bound, v free); nonbasic auxiliaries at their bound: 0 for opponent rows, e_r for own
 * constraint rows. *exact_ok = 1 when the system solves to a non-negative plan. */
static void side_exact(const brink_seqform *sf, const seqlp_side *s, const int *stat,
                       mpq_t *planq, int *exact_ok, brink_error *err)
{
    int *pos = brink_calloc((size_t)(s->nrows + s->ncols) + 1, sizeof *pos);
    brink_qsys *sys = brink_qsys_new(s->nrows, 1);
    mpq_t *u = brink_q_array_new((size_t)s->nrows);
    mpq_t one, tmp;
    mpq_init(one);
    mpq_init(tmp);
    mpq_set_ui(one, 1, 1);
    int nb = 0, ok = pos && sys && u;
    for (int r = 0; ok && r < s->nrows + s->ncols; r++)
        pos[r] = stat[r] ? nb++ : -1;
    ok = ok && nb == s->nrows;
    for (int k = 0; ok && k < s->nt; k++) {
        const lp_triplet *t = &s->t[k];
        int p = pos[s->nrows + t->col];
        if (p < 0)
            continue;
        if (t->entry >= 0)
            mpq_neg(tmp, sf->entry_payq[(size_t)t->entry * 2 + s->player]);
        else
            mpq_set_si(tmp, t->coef, 1);
        ok = brink_qsys_add(sys, t->row, p, tmp, err) == BRINK_OK;
    }
    for (int r = 0; ok && r < s->nrows; r++) {
        if (pos[r] >= 0) {
            mpq_neg(tmp, one);
            ok = brink_qsys_add(sys, r, pos[r], tmp, err) == BRINK_OK;
        } else if (r == s->mo) {
            brink_qsys_set_rhs(sys, r, 0, one); /* E x: row 0 equals 1 */
        }
    }
    if (ok)
        ok = brink_qsys_solve(sys, u, err) == BRINK_OK;
    if (ok) {
        for (int c = 0; c < s->m; c++) {
            if (pos[s->nrows + c] >= 0)
                mpq_set(planq[c], u[pos[s->nrows + c]]);
            else
                mpq_set_ui(planq[c], 0, 1);
            if (mpq_sgn(planq[c]) < 0)
                ok = 0;
        }
    }
    *exact_ok = ok;
    mpq_clear(one);
    mpq_clear(tmp);
    free(pos);
    brink_qsys_free(sys);
    if (u)
        brink_q_array_free(u, (size_t)s->nrows);
    brink_error_clear(err); /* an exact failure falls back to doubles, not an error */
}

typedef struct side_args {
    const brink_seqform *sf;
    const seqlp_side *s;
    int certify;
    double *plan;
    int *ia, *ja;
    double *ar;
    int *stat;
    int have_basis;
    double time_left;
} side_args;

static brink_status side_glpk(void *ctx, brink_error *err)
{
    side_args *a = ctx;
    return side_solve_glpk(a->sf, a->s, a->certify, a->plan, a->ia, a->ja, a->ar, a->stat,
                           &a->have_basis, err, a->time_left);
}

/* One side: GLPK under its guard (a GLPK error is a status, not an abort; nothing is
 * allocated inside it), then the exact plan from the basis. Fills the double plan (m
 * doubles) and, when certified, the exact plan (m mpq) with *exact_ok = 1. */
static brink_status side_solve(const brink_seqform *sf, const seqlp_side *s, int certify,
                               double *plan, mpq_t *planq, int *exact_ok, brink_error *err,
                               double time_left)
{
    *exact_ok = 0;
    side_args a = {sf, s, certify, plan, NULL, NULL, NULL, NULL, 0, time_left};
    a.ia = brink_calloc((size_t)s->nt + 1, sizeof *a.ia);
    a.ja = brink_calloc((size_t)s->nt + 1, sizeof *a.ja);
    a.ar = brink_calloc((size_t)s->nt + 1, sizeof *a.ar);
    a.stat = brink_calloc((size_t)(s->nrows + s->ncols) + 1, sizeof *a.stat);
    brink_status st = a.ia && a.ja && a.ar && a.stat
                          ? brink_glpk_guard(side_glpk, &a, err)
                          : brink_error_set(err, BRINK_ENOMEM, "seqlp: out of memory");
    free(a.ia);
    free(a.ja);
    free(a.ar);
    if (!st && a.have_basis)
        side_exact(sf, s, a.stat, planq, exact_ok, err);
    free(a.stat);
    return st;
}

static brink_status seqlp_solve(const brink_efg *g, const brink_solve_options *o,
                                brink_profile_list *out, brink_error *err)
{
    if (g->nplayers != 2)
        return brink_error_set(err, BRINK_EUNSUPPORTED, "seqlp needs a two-player game");
    if (!brink_efg_is_constant_sum(g))
        return brink_error_set(err, BRINK_EUNSUPPORTED,
                               "seqlp needs a constant-sum game; use seqlcp for general sums");
    brink_seqform *sf = brink_seqform_new(g, err);
    if (!sf)
        return err ? err->code : BRINK_ENOMEM;
    int mtot = sf->nseqs[0] + sf->nseqs[1];
    double *plans = brink_calloc((size_t)mtot, sizeof *plans);
    mpq_t *plansq = brink_q_array_new((size_t)mtot);
    seqlp_side side[2];
    memset(side, 0, sizeof side);
    brink_status st = BRINK_OK;
    int exact[2] = {0, 0};
    if (!plans || !plansq) {
        st = brink_error_set(err, BRINK_ENOMEM, "seqlp: out of memory");
        goto out;
    }
    double t0 = brink_now();
    int range_ok = 1;
    for (int e = 0; e < sf->nentries * 2 && range_ok; e++) {
        double a = fabs(sf->entry_pay[e]);
        range_ok = isfinite(a) && a <= 1e150 && (a == 0 || a >= 1e-150);
    }
    for (int i = 0; i < 2 && st == BRINK_OK && range_ok; i++) {
        int off = i == 0 ? 0 : sf->nseqs[0];
        st = side_build(sf, i, &side[i], err);
        if (st == BRINK_OK)
            st = side_solve(sf, &side[i], 1, plans + off, plansq + off, &exact[i], err,
                            solve_time_left(o, t0));
    }
    int is_exact = exact[0] && exact[1];
    int fallback = !range_ok ? BRINK_FALLBACK_RANGE
                   : st == BRINK_EINTERNAL ? BRINK_FALLBACK_SOLVER
                   : st == BRINK_OK && !is_exact &&
                           side[0].nrows <= SEQLP_MAX_EXACT_ROWS &&
                           side[1].nrows <= SEQLP_MAX_EXACT_ROWS ? BRINK_FALLBACK_CERTIFICATE
                                                                 : BRINK_FALLBACK_NONE;
    if (fallback) { /* GLPK's doubles are not the game: exact Lemke on the sequence form */
        brink_error_clear(err);
        brink_solve_options eo = *o;
        eo.exact = 1;
        eo.time_limit = o->time_limit > 0 ? solve_time_left(o, t0) : 0;
        st = brink_solver_seqlcp.solve_efg(g, &eo, out, err);
        out->stats.exact_fallbacks = 1;
        out->stats.fallback_reason = fallback;
        goto out;
    }
    if (st != BRINK_OK)
        goto out;
    brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_BEHAV, g->nactions, is_exact,
                                               err);
    if (!pr) {
        st = BRINK_ENOMEM;
        goto out;
    }
    if (is_exact) {
        brink_seqform_behav_from_realizationq(sf, (const mpq_t *)plansq, pr->q);
        brink_profile_sync_doubles(pr);
    } else {
        brink_seqform_behav_from_realization(sf, plans, pr->p);
    }
    out->stats.iterations = 0;
    out->stats.residual = 0;
    out->stats.complete = 0;
out:
    free(side[0].t);
    free(side[1].t);
    free(plans);
    if (plansq)
        brink_q_array_free(plansq, (size_t)mtot);
    brink_seqform_free(sf);
    return st;
}

const brink_solver brink_solver_seqlp = {
    .name = "seqlp",
    .summary = "sequence-form linear program (2-player constant-sum extensive games, GLPK)",
    .guarantee = "a Nash equilibrium (minimax behaviour strategies) and the game value, exact "
                 "in rationals (GLPK's basis certified, else exact sequence-form Lemke)",
    .flags = BRINK_SOLVER_EFG | BRINK_SOLVER_TWO_PLAYER | BRINK_SOLVER_CONSTANT_SUM |
             BRINK_SOLVER_EXACT,
    .solve_nfg = NULL,
    .solve_efg = seqlp_solve,
};
