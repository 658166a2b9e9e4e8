/* assess.c — from a Nash equilibrium in behaviour strategies to an explained assessment.
 *
 * Given a behaviour profile the file computes, in doubles, with the one tree evaluator
 * (evaluate.c): reach probabilities, each player's "reach by the others" (chance and the
 * other players only), continuation values of every node for every player, and for each information
 * set the value of each action at each member node. Beliefs at an information set of player
 * p follow Bayes' rule on the others' reach: on the path this is the usual posterior; off the
 * path but reachable by the others' strategies (p's own earlier choices excluded it) the
 * belief is still pinned down, because p's own moves are the same at every member (perfect
 * recall). Where the others' strategies exclude the set too, consistency (Kreps and Wilson
 * 1982) still pins much of the belief: a member's weight under trembles is the product of
 * the trembles of the others' zero-probability actions on its path (its deviations) and of
 * chance's and the others' positive probabilities, so a member needing one deviation more
 * than another possible member gets belief 0 (tester 12, F3: a proper subgame entered by a
 * deviation, where Bayes' rule inside the subgame fixes the belief), and members with the
 * same deviations keep the ratio of the rest (belief_structure). When the members left all
 * need the same deviations the belief is pinned; otherwise it depends on the trembles'
 * relative rates and is free, and the choice must be optimal for SOME belief (a small linear
 * program, GLPK) among those meeting these conditions. They hold in every consistent
 * assessment; they are not all that consistency asks off the path.
 *
 * Strategic-form solutions leave off-path play arbitrary (the reduced form even fills sets
 * excluded by the player's own choices with uniform play). So choices that the beliefs do not
 * support are replaced by best replies (to the pinned belief, or to uniform beliefs when
 * free), deepest information sets first, pass after pass until nothing changes; on-path
 * choices are never changed, only checked. The result is a weak perfect Bayesian equilibrium
 * (with beliefs consistent wherever the others' strategies reach) when every check passes
 * (eq->sequential). Exact behaviour (behavq) is carried along: replaced choices are pure.
 */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"
#include "analysis/assess_exact.h"
#include "analysis/assess_consistency.h"
#include "solve/lp/glpk_guard.h"

#define MAX_PASSES 8

void an_eq_free(brink_equilibrium *eq, const brink_efg *g)
{
    if (!eq)
        return;
    free(eq->behav);
    if (eq->behavq)
        brink_q_array_free(eq->behavq, (size_t)g->nactions);
    free(eq->belief);
    free(eq->on_path);
    free(eq->belief_fixed);
    free(eq->reach);
    if (eq->nprofiles) {
        mpz_clear(*eq->nprofiles);
        free(eq->nprofiles);
    }
    free(eq->alt);
    free(eq->value);
    if (eq->valueq)
        brink_q_array_free(eq->valueq, (size_t)g->nplayers);
    free(eq->type_value);
    free(eq->group_prob);
    free(eq->issue_mean);
    memset(eq, 0, sizeof *eq);
}

/* Is there a belief mu over the m members under which every action in the support of
 * sigma is optimal? Q is m x k (member x action) for the mover. On success mu receives one. */
static int supported_body(const double *Q, int m, int k, const double *sigma, double tol,
                          double gain, const int *cls, const double *cp, const int *cz,
                          int nextra, const double *extra, const double *dir, double *mu,
                          int *ind, double *val)
{
    double scale = 1;
    for (int i = 0; i < m * k; i++)
        if (fabs(Q[i]) > scale)
            scale = fabs(Q[i]);
    double eps = fmax(tol * scale, gain);
    if (m == 1) {
        double best = -INFINITY;
        for (int a = 0; a < k; a++)
            if (Q[a] > best)
                best = Q[a];
        mu[0] = 1;
        for (int a = 0; a < k; a++)
            if (sigma[a] > tol && Q[a] < best - eps)
                return 0;
        return 1;
    }
    /* maximise t subject to: for a in S, b not in S: sum_x mu_x (Q_xa - Q_xb) >= t;
     * for consecutive a, a' in S: sum_x mu_x (Q_xa - Q_xa') in [-eps, eps]; sum mu = 1. */
    int ns = 0;   /* the support S = {a : sigma[a] > tol}, any size */
    for (int a = 0; a < k; a++)
        ns += sigma[a] > tol;
    if (ns == 0)
        return 0;
    int reached = 0;   /* chance reaches some member */
    for (int x = 0; x < m; x++)
        reached |= !cz[x];
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_cols(lp, m + 1);
    for (int x = 0; x < m; x++) {
        if (reached && cz[x])   /* chance never reaches it while it reaches another */
            glp_set_col_bnds(lp, x + 1, GLP_FX, 0.0, 0.0);
        else
            glp_set_col_bnds(lp, x + 1, GLP_DB, 0.0, 1.0);
    }
    glp_set_col_bnds(lp, m + 1, GLP_UP, 0.0, 1.0);   /* t <= 1 keeps the LP bounded */
    glp_set_obj_coef(lp, m + 1, 1.0);
    if (dir) {   /* a vertex: the belief furthest along dir among those with t >= -eps */
        glp_set_col_bnds(lp, m + 1, GLP_DB, -eps, 1.0);
        glp_set_obj_coef(lp, m + 1, 0.0);
        for (int x = 0; x < m; x++)
            glp_set_obj_coef(lp, x + 1, dir[x]);
    }
    int nrows = 1 + ns * (k - ns) + (ns - 1);
    glp_add_rows(lp, nrows);
    int ok = 0;
    int r = 1;
    for (int x = 0; x < m; x++) {
        ind[x + 1] = x + 1;
        val[x + 1] = 1;
    }
    glp_set_row_bnds(lp, r, GLP_FX, 1.0, 1.0);
    glp_set_mat_row(lp, r++, m, ind, val);
    for (int a = 0; a < k; a++) {
        if (sigma[a] <= tol)
            continue;
        for (int b = 0; b < k; b++) {
            if (sigma[b] > tol)
                continue;
            for (int x = 0; x < m; x++) {
                ind[x + 1] = x + 1;
                val[x + 1] = Q[x * k + a] - Q[x * k + b];
            }
            ind[m + 1] = m + 1;
            val[m + 1] = -1;
            glp_set_row_bnds(lp, r, GLP_LO, 0.0, 0.0);
            glp_set_mat_row(lp, r++, m + 1, ind, val);
        }
    }
    for (int a = 0, prev = -1; a < k; a++) {   /* consecutive members of S */
        if (sigma[a] <= tol)
            continue;
        if (prev < 0) {
            prev = a;
            continue;
        }
        for (int x = 0; x < m; x++) {
            ind[x + 1] = x + 1;
            val[x + 1] = Q[x * k + prev] - Q[x * k + a];
        }
        prev = a;
        glp_set_row_bnds(lp, r, GLP_DB, -eps, eps);
        glp_set_mat_row(lp, r++, m, ind, val);
    }
    /* chance's odds within a class: mu_x cp_y - mu_y cp_x = 0 for consecutive members */
    for (int x = 0; x < m; x++) {
        if (cp[x] == 0)
            continue;
        int y = x + 1;
        while (y < m && (cls[y] != cls[x] || cp[y] == 0))
            y++;
        if (y == m)
            continue;
        double sc = fmax(cp[x], cp[y]);
        ind[1] = x + 1;
        val[1] = cp[y] / sc;
        ind[2] = y + 1;
        val[2] = -cp[x] / sc;
        glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, r, GLP_FX, 0.0, 0.0);
        glp_set_mat_row(lp, r++, 2, ind, val);
    }
    /* more conditions (assess_consistency.c): row e, sum_x extra[e * m + x] mu_x = 0 */
    for (int e = 0; e < nextra; e++) {
        for (int x = 0; x < m; x++) {
            ind[x + 1] = x + 1;
            val[x + 1] = extra[(size_t)e * (size_t)m + (size_t)x];
        }
        glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, r, GLP_FX, 0.0, 0.0);
        glp_set_mat_row(lp, r++, m, ind, val);
    }
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    if (glp_simplex(lp, &parm) == 0 && glp_get_status(lp) == GLP_OPT &&
        glp_get_col_prim(lp, m + 1) >= -eps) {
        ok = 1;
        double s = 0;
        for (int x = 0; x < m; x++) {
            mu[x] = glp_get_col_prim(lp, x + 1);
            if (mu[x] < 0)
                mu[x] = 0;
            s += mu[x];
        }
        for (int x = 0; x < m; x++)
            mu[x] = s > 0 ? mu[x] / s : 1.0 / m;
    }
    glp_delete_prob(lp);
    return ok;
}

static int optimal(const double *Q, int m, int k, const double *sigma, const double *mu,
                   double tol, double gain, double *ev);

/* The LP's belief rounded to simple fractions (1/2, not 0.5000000005) when the rounded one
 * still supports the play and keeps chance's odds: GLPK works in doubles, and an off-path
 * mixture is supported by one exact belief. */
static void simple_belief(const double *Q, int m, int k, const double *sigma, double tol,
                          double gain, const int *cls, const double *cp, double *mu, double *ev)
{
    static const double tols[] = {1e-9, 1e-7, 1e-5};
    double *r = ev + k;   /* ev holds k + m doubles */
    mpq_t q;
    mpq_init(q);
    for (size_t t = 0; t < sizeof tols / sizeof tols[0]; t++) {
        double s = 0;
        for (int x = 0; x < m; x++) {
            brink_q_from_double_approx(q, mu[x], tols[t]);
            r[x] = mpq_get_d(q);
            s += r[x];
        }
        int ok = fabs(s - 1) <= 1e-15;
        for (int x = 0; x < m && ok; x++)
            for (int y = x + 1; y < m && ok; y++)
                if (cls[x] == cls[y] && cp[x] > 0 && cp[y] > 0)
                    ok = fabs(r[x] * cp[y] - r[y] * cp[x]) <= 1e-12 * fmax(cp[x], cp[y]);
        if (ok && optimal(Q, m, k, sigma, r, tol * 1e-3, gain, ev)) {
            memcpy(mu, r, (size_t)m * sizeof *mu);
            break;
        }
    }
    mpq_clear(q);
}

typedef struct supported_args {
    const double *Q, *sigma;
    int m, k, ok;
    double tol, gain, *mu;
    const int *cls;
    const double *cp;
    const int *cz;
    int nextra;
    const double *extra, *dir;
    int *ind;
    double *val;
} supported_args;

static brink_status supported_glpk(void *ctx, brink_error *err)
{
    supported_args *a = ctx;
    a->ok = supported_body(a->Q, a->m, a->k, a->sigma, a->tol, a->gain, a->cls, a->cp, a->cz,
                           a->nextra, a->extra, a->dir, a->mu, a->ind, a->val);
    return BRINK_OK;
}

/* supported_body under the GLPK guard: a GLPK failure claims no support (so no
 * "sequential" claim), instead of aborting. Its buffers are allocated here, outside the
 * guard, so that the failure (a longjmp out of GLPK) loses no memory. */
static int supported(const double *Q, int m, int k, const double *sigma, double tol,
                     double gain, const int *cls, const double *cp, const int *cz, double *mu)
{
    supported_args a = {Q, sigma, m, k, 0, tol, gain, mu, cls, cp, cz, 0, NULL, NULL, NULL, NULL};
    a.ind = malloc((size_t)(m + 2) * sizeof *a.ind);
    a.val = malloc((size_t)(m + 2) * sizeof *a.val);
    int ok = a.ind && a.val && brink_glpk_guard(supported_glpk, &a, NULL) == BRINK_OK && a.ok;
    free(a.ind);
    free(a.val);
    return ok;
}

typedef struct work {
    const brink_efg *g;
    double *reach, *U, *Q, *mu, *sig;   /* sig: scratch per action */
    int *order;            /* player infosets by decreasing first-member pre-order */
    int maxm, maxk;
    int *cls;              /* [maxm] class of each member: its first member with the same
                              deviations (belief_structure) */
    double *cp;            /* [maxm] each member's weight besides the trembles: chance's and
                              the others' positive probabilities on its path (doubles) */
    int *cz;               /* [maxm] 1: belief 0 forced (chance excludes it, or it needs a
                              deviation more than a possible member) */
    int *dev;              /* [maxm * (max depth + 1)] each member's deviations, sorted */
    int *ndev;             /* [maxm] */
    int maxd;
    /* a profile in rationals (not an approximate method's): decisions inside the tolerance
     * band are taken exactly (assess_exact.c); NULL: doubles only */
    an_exact *x;
    double *sup;           /* [maxk] 1/0: the exact support of the choice at hand */
    unsigned char *need;   /* [maxk] actions the exact decision compares */
    int unproved;          /* free beliefs the exact check could not decide */
} work;

/* Member x of h (mover p): its deviations (the others' actions of probability exactly 0 on
 * its path, sorted) into w->dev, and cp[x], the product of chance's and the others' positive
 * probabilities there; *impossible = 1 when a chance move of probability exactly 0 is on it.
 * The mover's own actions are skipped: common to every member (perfect recall). */
static void member_weight(work *w, int p, int x, int v, const double *behav, int *impossible)
{
    const brink_efg *g = w->g;
    int H = g->player_infoset_start[g->nplayers], n = 0;
    int *d = w->dev + (size_t)x * (size_t)(w->maxd + 1);
    double c = 1;
    *impossible = 0;
    for (int y = v; g->node_parent[y] >= 0; y = g->node_parent[y]) {
        int hp = g->node_infoset[g->node_parent[y]], act = g->node_action[y];
        if (hp >= H) {
            c *= g->action_prob[act];
            *impossible |= mpq_sgn(g->action_probq[act]) == 0;
        } else if (g->infoset_player[hp] != p) {
            if (w->x ? mpq_sgn(w->x->bq[act]) == 0 : behav[act] == 0)
                d[n++] = act;
            else
                c *= behav[act];
        }
    }
    for (int i = 1; i < n; i++)   /* sort (a path lists them root last) */
        for (int j = i; j > 0 && d[j - 1] > d[j]; j--) {
            int t = d[j];
            d[j] = d[j - 1];
            d[j - 1] = t;
        }
    w->ndev[x] = n;
    w->cp[x] = *impossible ? 0 : c;
}

/* Deviations of x a proper subset of those of y (sorted lists)? */
static int fewer_deviations(const work *w, int x, int y)
{
    int nx = w->ndev[x], ny = w->ndev[y];
    if (nx >= ny)
        return 0;
    const int *a = w->dev + (size_t)x * (size_t)(w->maxd + 1),
              *b = w->dev + (size_t)y * (size_t)(w->maxd + 1);
    int i = 0;
    for (int j = 0; j < ny && i < nx; j++)
        if (a[i] == b[j])
            i++;
    return i == nx;
}

static int same_deviations(const work *w, int x, int y)
{
    return w->ndev[x] == w->ndev[y] &&
           !memcmp(w->dev + (size_t)x * (size_t)(w->maxd + 1),
                   w->dev + (size_t)y * (size_t)(w->maxd + 1), (size_t)w->ndev[x] * sizeof(int));
}

/* Members compared pairwise for dominance up to this many (beyond, only members with the same
 * deviations are tied together: fewer beliefs pinned, never a wrong one). */
#define DOMINANCE_MAX_MEMBERS 256

/* The beliefs consistency allows at h under behaviour behav (see the comment at the top):
 * returns 1 when they are pinned (mu set: proportional to cp among the possible members that
 * need the fewest deviations, all the same ones; 0 elsewhere), 0 when free, with cls, cp, cz
 * set for the linear program and default_belief (members with the same deviations keep the
 * ratio of their cp; cz members get 0 while some other member is possible). */
static int belief_structure(work *w, int h, const double *behav, double *mu)
{
    const brink_efg *g = w->g;
    int p = g->infoset_player[h], m = g->infoset_nmembers[h], ms = g->infoset_member_start[h];
    for (int x = 0; x < m; x++) {
        int imp;
        member_weight(w, p, x, g->infoset_member[ms + x], behav, &imp);
        w->cz[x] = imp || !(w->cp[x] > 0);
    }
    if (m <= DOMINANCE_MAX_MEMBERS)
        for (int y = 0; y < m; y++)
            for (int x = 0; x < m && !w->cz[y]; x++)
                if (x != y && w->cp[x] > 0 && fewer_deviations(w, x, y))
                    w->cz[y] = 1;
    int first = -1, pinned = 1;
    double tot = 0;
    for (int x = 0; x < m; x++) {
        w->cls[x] = x;
        for (int y = 0; y < x; y++)
            if (w->cls[y] == y && same_deviations(w, x, y)) {
                w->cls[x] = y;
                break;
            }
        if (w->cz[x])
            continue;
        if (first < 0)
            first = x;
        else if (w->cls[x] != w->cls[first])
            pinned = 0;
        tot += w->cp[x];
    }
    if (first < 0 || !pinned || !(tot > 0))
        return 0;
    for (int x = 0; x < m; x++)
        mu[x] = w->cz[x] ? 0 : w->cp[x] / tot;
    return 1;
}

/* A belief for a free set when none supports the play there: the weights' odds within each
 * class of members with the same deviations, the classes alike, 0 for the members consistency
 * excludes (uniform when chance reaches no member). */
static void default_belief(const work *w, int m, double *mu)
{
    double cmax = 0;
    for (int x = 0; x < m; x++)
        cmax = fmax(cmax, w->cz[x] ? 0 : w->cp[x]);
    if (!(cmax > 0)) {
        for (int x = 0; x < m; x++)
            mu[x] = 1.0 / m;
        return;
    }
    int nclass = 0;
    for (int x = 0; x < m; x++)
        nclass += w->cls[x] == x && w->cp[x] > 0;
    for (int x = 0; x < m; x++) {
        double tot = 0;
        for (int y = 0; y < m; y++)
            tot += w->cls[y] == w->cls[x] ? w->cp[y] : 0;
        mu[x] = w->cp[x] > 0 && tot > 0 ? w->cp[x] / tot / nclass : 0;
    }
}

/* Q for infoset h, member x, action a (mover's payoff). */
static void fill_Q(const work *w, int h, double *Q)
{
    const brink_efg *g = w->g;
    int p = g->infoset_player[h], np = g->nplayers, k = g->infoset_nactions[h];
    for (int j = 0; j < g->infoset_nmembers[h]; j++) {
        int v = g->infoset_member[g->infoset_member_start[h] + j];
        for (int a = 0; a < k; a++)
            Q[j * k + a] = w->U[(size_t)brink_efg_child(g, v, a) * (size_t)np + (size_t)p];
    }
}

static double infoset_reach(const work *w, int h)
{
    const brink_efg *g = w->g;
    double r = 0;
    for (int j = 0; j < g->infoset_nmembers[h]; j++)
        r += w->reach[g->infoset_member[g->infoset_member_start[h] + j]];
    return r;
}

typedef struct relink_ctx {
    work *w;
    const double *behav;
    double tol, gain;
} relink_ctx;

/* an_relink_fn (assess_consistency.h): free set h's support program with the linked
 * conditions added; the belief found is checked to support the choice. */
static int relink(void *ctx, int h, int nrows, const double *rows, const double *dir,
                  double *mu)
{
    relink_ctx *c = ctx;
    work *w = c->w;
    const brink_efg *g = w->g;
    int m = g->infoset_nmembers[h], k = g->infoset_nactions[h], a0 = g->infoset_action_start[h];
    fill_Q(w, h, w->Q);
    if (belief_structure(w, h, c->behav, mu))
        return 0;   /* pinned: not free (the caller asks only for free sets) */
    supported_args a = {w->Q, c->behav + a0, m, k, 0, c->tol, c->gain, mu, w->cls, w->cp, w->cz,
                        nrows, rows, dir, NULL, NULL};
    a.ind = malloc((size_t)(m + 2) * sizeof *a.ind);
    a.val = malloc((size_t)(m + 2) * sizeof *a.val);
    int ok = a.ind && a.val ? 0 : -1;
    if (!ok && brink_glpk_guard(supported_glpk, &a, NULL) == BRINK_OK && a.ok) {
        ok = optimal(w->Q, m, k, c->behav + a0, mu, c->tol, c->gain, w->sig);
        if (!ok)   /* a vertex on the boundary (1/2, not 0.4999999997) */
            simple_belief(w->Q, m, k, c->behav + a0, c->tol, c->gain, w->cls, w->cp, mu, w->sig);
        ok = ok || optimal(w->Q, m, k, c->behav + a0, mu, c->tol, c->gain, w->sig) ? 1 : 2;
        w->unproved += ok == 1;
    }
    free(a.ind);
    free(a.val);
    return ok;
}

/* Is every action in the support of sigma a best reply to belief mu? ev: scratch [k].
 * gain > 0 (a floating-point profile of an approximate method, judged at the method's own
 * tolerance): is the mixture within gain (payoff units) of a best reply, i.e. is the
 * conditional gain from deviating at most gain, the quantity the method stops on? */
static int optimal(const double *Q, int m, int k, const double *sigma, const double *mu,
                   double tol, double gain, double *ev)
{
    double best = -INFINITY, scale = 1;
    for (int a = 0; a < k; a++) {
        ev[a] = 0;
        for (int x = 0; x < m; x++)
            ev[a] += mu[x] * Q[x * k + a];
        if (ev[a] > best)
            best = ev[a];
        if (fabs(ev[a]) > scale)
            scale = fabs(ev[a]);
    }
    if (gain > 0) {
        double mix = 0, mass = 0;
        for (int a = 0; a < k; a++) {
            mix += sigma[a] * ev[a];
            mass += sigma[a];
        }
        return mass > 0 && best - mix / mass <= gain;
    }
    for (int a = 0; a < k; a++)
        if (sigma[a] > tol && ev[a] < best - tol * scale)
            return 0;
    return 1;
}

/* A pure best reply to belief mu (the first of equal ones). */
static int best_reply(const double *Q, int m, int k, const double *mu, double tol)
{
    int best = 0;
    double bv = -INFINITY;
    for (int a = 0; a < k; a++) {
        double s = 0;
        for (int x = 0; x < m; x++)
            s += mu[x] * Q[x * k + a];
        if (s > bv + tol) {
            bv = s;
            best = a;
        }
    }
    return best;
}

/* ev[a] = the value of action a at h under belief w->mu (doubles); returns the payoff scale,
 * max(1, |ev|), that the tolerance is relative to. */
static double expected_at(const work *w, int m, int k, double *ev)
{
    double scale = 1;
    for (int a = 0; a < k; a++) {
        ev[a] = 0;
        for (int x = 0; x < m; x++)
            ev[a] += w->mu[x] * w->Q[x * k + a];
        scale = fmax(scale, fabs(ev[a]));
    }
    return scale;
}

/* An exact profile at a pinned belief: the decision in doubles when it is clear, exactly when
 * it falls inside the tolerance band. A support action (exact: bq != 0, however small) worth
 * less than the best by more than tol x scale is a loss; one that beats every other action by
 * more is optimal; otherwise the actions within the band of a support action are compared in
 * exact arithmetic (w->need marks them: the rest are clearly worse). 1 optimal, 0 not, -1 no
 * memory. */
static int optimal_exact(work *w, int h, double tol)
{
    const brink_efg *g = w->g;
    int m = g->infoset_nmembers[h], k = g->infoset_nactions[h], a0 = g->infoset_action_start[h];
    double *ev = w->sig, band = tol * expected_at(w, m, k, ev), best = -INFINITY;
    for (int a = 0; a < k; a++)
        best = fmax(best, ev[a]);
    int doubt = 0;
    for (int a = 0; a < k; a++)
        w->need[a] = 0;
    for (int a = 0; a < k; a++) {
        if (mpq_sgn(w->x->bq[a0 + a]) == 0)
            continue;
        if (ev[a] < best - band)
            return 0;
        w->need[a] = 1;
        for (int b = 0; b < k; b++)
            if (b != a && ev[b] >= ev[a] - band)
                w->need[b] = doubt = 1;
    }
    return doubt ? an_exact_pinned_optimal(w->x, h, w->cz, w->need) : 1;
}

/* The best reply to w->mu at h (pinned: consistency's belief), exactly among the actions
 * within the band of the best in doubles for an exact profile. -1: no memory. */
static int best_reply_at(work *w, int h, int pinned, double tol)
{
    const brink_efg *g = w->g;
    int m = g->infoset_nmembers[h], k = g->infoset_nactions[h];
    int best = best_reply(w->Q, m, k, w->mu, tol);
    if (!w->x)
        return best;
    double *ev = w->sig, band = tol * expected_at(w, m, k, ev);
    int near = 0;
    for (int a = 0; a < k; a++)
        near += (w->need[a] = ev[a] >= ev[best] - band);
    return near > 1 ? an_exact_best_reply(w->x, h, pinned, w->cz, w->mu, w->need) : best;
}

/* The check at information set h under eq->behav: is the choice there supported by a belief
 * (1) or not (0)? w->mu receives the belief (the one reported), *fixed whether consistency
 * pins it. An exact profile is judged exactly inside the tolerance band (optimal_exact; a
 * free belief: the linear program on the exact support, its belief then checked exactly);
 * where the exact check of a free belief cannot decide (too many vertex candidates: many
 * members and actions) the doubles' verdict stands and w->unproved counts it. final: the reported belief is wanted (a free one rounded to simple fractions). -1: no
 * memory. */
static int judge(work *w, int h, const double *behav, double tol, double gain, int final,
                 int *fixed)
{
    const brink_efg *g = w->g;
    int m = g->infoset_nmembers[h], k = g->infoset_nactions[h], a0 = g->infoset_action_start[h];
    fill_Q(w, h, w->Q);
    *fixed = belief_structure(w, h, behav, w->mu);
    if (*fixed)
        return w->x ? optimal_exact(w, h, tol)
                    : optimal(w->Q, m, k, behav + a0, w->mu, tol, gain, w->sig);
    const double *sigma = behav + a0;
    if (w->x) {   /* the exact support, however small its probabilities */
        for (int a = 0; a < k; a++)
            w->sup[a] = mpq_sgn(w->x->bq[a0 + a]) != 0;
        sigma = w->sup;
    }
    int ok = supported(w->Q, m, k, sigma, tol, gain, w->cls, w->cp, w->cz, w->mu);
    if (ok && (final || w->x)) {
        simple_belief(w->Q, m, k, sigma, tol, gain, w->cls, w->cp, w->mu, w->sig);
        if (w->x) {   /* no belief within the band means none exactly: only ok is checked */
            ok = an_exact_free_supported(w->x, h, w->cls, w->cz, w->mu);
            if (ok == 2) {   /* the doubles' verdict, said to be one (final check) */
                ok = 1;
                w->unproved += final;
            }
        }
    }
    if (!ok)
        default_belief(w, m, w->mu);
    return ok;
}

static brink_status assess(const brink_efg *g, const double *behav_in, const mpq_t *behavq,
                           double tol, double gain, int proved, brink_equilibrium *eq,
                           brink_error *err);

brink_status an_assess(const brink_efg *g, const double *behav_in, const mpq_t *behavq,
                       double tol, brink_equilibrium *eq, brink_error *err)
{
    return assess(g, behav_in, behavq, tol, 0, 0, eq, err);
}

brink_status an_assess_approx(const brink_efg *g, const double *behav, double tol, double gain,
                              brink_equilibrium *eq, brink_error *err)
{
    return assess(g, behav, NULL, tol, gain, 0, eq, err);
}

brink_status an_assess_proved(const brink_efg *g, const double *behav, const mpq_t *behavq,
                              brink_equilibrium *eq, brink_error *err)
{
    return assess(g, behav, behavq, 0, 0, 1, eq, err);
}

int an_doubles_unfaithful(const brink_efg *g)
{
    size_t nl = (size_t)g->nleaves * (size_t)g->nplayers;
    for (size_t k = 0; k < nl; k++)
        if (!isfinite(g->leaf_pay[k]) || fabs(g->leaf_pay[k]) > 1e300 ||
            (g->leaf_pay[k] == 0 && mpq_sgn(g->leaf_payq[k]) != 0))
            return 1;
    for (int a = g->player_action_start[g->nplayers]; a < g->nactions; a++)
        if (!isfinite(g->action_prob[a]) ||
            (g->action_prob[a] < 1e-300 && mpq_sgn(g->action_probq[a]) != 0))
            return 1;
    return 0;
}

static brink_status assess(const brink_efg *g, const double *behav_in, const mpq_t *behavq,
                           double tol, double gain, int proved, brink_equilibrium *eq,
                           brink_error *err)
{
    memset(eq, 0, sizeof *eq);
    int np = g->nplayers, nh = g->player_infoset_start[np];
    work w;
    memset(&w, 0, sizeof w);
    w.g = g;
    for (int h = 0; h < nh; h++) {
        if (g->infoset_nmembers[h] > w.maxm)
            w.maxm = g->infoset_nmembers[h];
        if (g->infoset_nactions[h] > w.maxk)
            w.maxk = g->infoset_nactions[h];
    }
    eq->behav = brink_calloc((size_t)g->nactions, sizeof *eq->behav);
    eq->belief = brink_calloc((size_t)g->nnodes, sizeof *eq->belief);
    eq->on_path = brink_calloc((size_t)(g->ninfosets ? g->ninfosets : 1), sizeof *eq->on_path);
    eq->belief_fixed = brink_calloc((size_t)(g->ninfosets ? g->ninfosets : 1),
                                    sizeof *eq->belief_fixed);
    eq->reach = brink_calloc((size_t)g->nnodes, sizeof *eq->reach);
    eq->value = brink_calloc((size_t)np, sizeof *eq->value);
    int maxd = 0;
    for (int v = 0; v < g->nnodes; v++)
        maxd = g->node_depth[v] > maxd ? g->node_depth[v] : maxd;
    w.maxd = maxd;
    /* the work arrays in two blocks (doubles, ints): two allocations per call, not eleven */
    size_t nU = (size_t)g->nnodes * (size_t)np, nQ = (size_t)(w.maxm + 1) * (size_t)(w.maxk + 1),
           nm = (size_t)w.maxm + 1, nsig = (size_t)w.maxk + (size_t)w.maxm + 2,
           nord = (size_t)(nh ? nh : 1), ndev = nm * ((size_t)maxd + 1),
           nk = (size_t)w.maxk + 1, npos = behavq && !gain && !proved ? (size_t)g->nnodes : 0;
    double *dblk = brink_calloc(nU + nQ + 2 * nm + nsig + nk, sizeof *dblk);
    int *iblk = brink_calloc(nord + 3 * nm + ndev + npos, sizeof *iblk);
    unsigned char *need = brink_calloc(nk, 1);
    an_exact xq;
    if (dblk) {
        w.U = dblk;
        w.Q = w.U + nU;
        w.mu = w.Q + nQ;
        w.cp = w.mu + nm;
        w.sig = w.cp + nm;
        w.sup = w.sig + nsig;
    }
    if (iblk) {
        w.order = iblk;
        w.cls = w.order + nord;
        w.cz = w.cls + nm;
        w.ndev = w.cz + nm;
        w.dev = w.ndev + nm;
    }
    int *pos = iblk ? w.dev + ndev : NULL;   /* [npos] exact: node reached with probability > 0 */
    w.need = need;
    if (behavq)
        eq->behavq = brink_q_array_new((size_t)g->nactions);
    brink_status st = BRINK_OK;
    if (!eq->behav || !eq->belief || !eq->on_path || !eq->belief_fixed || !eq->reach ||
        !eq->value || !w.U || !w.Q ||
        !w.mu || !w.order || !w.sig || !w.cls || !w.cp || !w.cz || !w.ndev || !w.dev ||
        !need || (behavq && !eq->behavq)) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory assessing an equilibrium");
        goto out;
    }
    w.reach = eq->reach;
    memcpy(eq->behav, behav_in, (size_t)g->nactions * sizeof *eq->behav);
    if (behavq)
        for (int a = 0; a < g->nactions; a++)
            mpq_set(eq->behavq[a], behavq[a]);
    /* chance moves carry the game's probabilities, whatever the solver left there */
    for (int h = g->player_infoset_start[np]; h < g->ninfosets; h++)
        for (int a = g->infoset_action_start[h];
             a < g->infoset_action_start[h] + g->infoset_nactions[h]; a++) {
            eq->behav[a] = g->action_prob[a];
            if (eq->behavq && g->action_probq)
                mpq_set(eq->behavq[a], g->action_probq[a]);
        }

    /* deepest first: decreasing pre-order index of the first member */
    an_infosets_by_first_node(g, w.order, 1);

    brink_efg_reach(g, eq->behav, eq->reach);
    for (int h = 0; h < nh; h++)
        eq->on_path[h] = infoset_reach(&w, h) > tol;
    if (npos) {
        /* a profile in rationals (not one proved already): decided exactly where the doubles
         * cannot (assess_exact.c); on the path means reached with probability > 0 exactly */
        an_exact_init(&xq, g, eq->behavq, w.maxm, w.maxk);
        w.x = &xq;
        pos[0] = 1;
        for (int v = 1; v < g->nnodes; v++)
            pos[v] = pos[g->node_parent[v]] &&
                     mpq_sgn(*brink_efg_edge_probq(g, eq->behavq, v)) != 0;
        for (int h = 0; h < nh; h++) {
            eq->on_path[h] = 0;
            for (int j = 0; j < g->infoset_nmembers[h]; j++)
                eq->on_path[h] |= pos[g->infoset_member[g->infoset_member_start[h] + j]];
        }
    }

    /* complete off-path play: replace choices the beliefs do not support (a profile proved
     * exactly keeps its own) */
    for (int pass = 0; pass < MAX_PASSES && !proved; pass++) {
        int changed = 0;
        brink_efg_subtree_values(g, eq->behav, 0, -1, w.U);
        for (int oi = 0; oi < nh; oi++) {
            int h = w.order[oi];
            if (eq->on_path[h])
                continue;
            int k = g->infoset_nactions[h], a0 = g->infoset_action_start[h], pinned;
            int ok = judge(&w, h, eq->behav, tol, gain, 0, &pinned);
            int best = ok == 0 ? best_reply_at(&w, h, pinned, tol) : 0;
            if (ok < 0 || best < 0) {
                st = brink_error_set(err, BRINK_ENOMEM, "out of memory assessing an "
                                     "equilibrium");
                goto out;
            }
            if (ok)
                continue;
            for (int a = 0; a < k; a++) {
                eq->behav[a0 + a] = a == best;
                if (eq->behavq)
                    mpq_set_ui(eq->behavq[a0 + a], a == best, 1);
            }
            brink_efg_subtree_values(g, eq->behav, 0, -1, w.U);
            if (w.x)
                an_exact_invalidate(w.x);
            changed = 1;
            eq->completed++;
        }
        if (!changed)
            break;
    }
    brink_efg_reach(g, eq->behav, eq->reach);   /* on-path play is unchanged; kept for clarity */
    brink_efg_subtree_values(g, eq->behav, 0, -1, w.U);

    /* final check and beliefs */
    eq->sequential = 1;
    for (int h = 0; h < nh; h++) {
        int m = g->infoset_nmembers[h], ms = g->infoset_member_start[h], fixed;
        int ok = judge(&w, h, eq->behav, tol, gain, 1, &fixed);
        if (ok < 0) {
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory assessing an equilibrium");
            goto out;
        }
        eq->belief_fixed[h] = fixed;
        if (!ok && !proved)
            eq->sequential = 0;
        for (int x = 0; x < m; x++)
            eq->belief[g->infoset_member[ms + x]] = w.mu[x];
    }
    for (int i = 0; i < np; i++)
        eq->value[i] = w.U[i];
    relink_ctx rc = {&w, eq->behav, tol, gain};   /* beliefs linked across sets */
    st = an_assess_links(g, eq, proved, relink, &rc, err);
    /* where the check rests on doubles (approximate profiles say so themselves; a belief
     * re-solved for the linked conditions is checked in doubles: relink counts it) */
    eq->sequential_doubles = eq->sequential && !proved && !gain && (!w.x || w.unproved > 0);
out:
    if (w.x)
        an_exact_free(w.x);
    free(dblk);
    free(iblk);
    free(need);
    if (st)
        an_eq_free(eq, g);
    return st;
}

static int cmp_pair(const void *x, const void *y)
{
    const int *a = x, *b = y;
    return (a[0] > b[0]) - (a[0] < b[0]);
}

void an_infosets_by_first_node(const brink_efg *g, int *order, int descending)
{
    int nh = g->player_infoset_start[g->nplayers];
    int *pairs = brink_calloc((size_t)(nh ? nh : 1) * 2, sizeof *pairs);
    if (!pairs) {   /* no memory: the natural order is still a valid (slower) order */
        for (int h = 0; h < nh; h++)
            order[h] = descending ? nh - 1 - h : h;
        return;
    }
    for (int h = 0; h < nh; h++) {
        int v = g->infoset_member[g->infoset_member_start[h]];
        pairs[2 * h] = descending ? -v : v;
        pairs[2 * h + 1] = h;
    }
    qsort(pairs, (size_t)nh, 2 * sizeof *pairs, cmp_pair);
    for (int h = 0; h < nh; h++)
        order[h] = pairs[2 * h + 1];
    free(pairs);
}

void an_infoset_weights(const brink_efg *g, const brink_equilibrium *eq, int h, double *w)
{
    int m = g->infoset_nmembers[h], ms = g->infoset_member_start[h];
    double R = 0;
    for (int x = 0; x < m; x++)
        R += eq->reach[g->infoset_member[ms + x]];
    for (int x = 0; x < m; x++) {
        int v = g->infoset_member[ms + x];
        w[x] = R > 0 ? eq->reach[v] / R : eq->belief[v];
    }
}

brink_status an_eq_summarise(const brink_scenario *sc, const brink_scenario_instance *in,
                             const brink_efg *g, const int *leaf_group, int ngroups,
                             brink_equilibrium *eq, brink_error *err)
{
    int np = g->nplayers, ni = brink_scenario_nissues(sc);
    size_t nt = (size_t)brink_analysis_type_slots(sc);
    eq->type_value = brink_calloc(nt + 1, sizeof *eq->type_value);
    eq->group_prob = brink_calloc((size_t)(ngroups ? ngroups : 1), sizeof *eq->group_prob);
    eq->issue_mean = brink_calloc((size_t)(ni ? ni : 1), sizeof *eq->issue_mean);
    double *mass = brink_calloc(nt + 1, sizeof *mass);
    if (!eq->type_value || !eq->group_prob || !eq->issue_mean || !mass) {
        free(mass);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    }
    for (int l = 0; l < g->nleaves; l++) {
        int v = g->leaf_node[l];
        double r = eq->reach[v];
        if (r == 0)
            continue;
        eq->group_prob[leaf_group[l]] += r;
        for (int k = 0; k < ni; k++)
            if (in && brink_scenario_issue_nlevels(sc, k) == 0)
                eq->issue_mean[k] += r * brink_scenario_instance_issue_value(in, l, k);
        for (int i = 0; i < np; i++) {
            int t = brink_scenario_node_type(sc, v, i);
            if (t < 0)
                continue;
            size_t ix = (size_t)brink_analysis_type_slot(sc, i, t);
            eq->type_value[ix] += r * g->leaf_pay[(size_t)l * (size_t)np + (size_t)i];
            mass[ix] += r;
        }
    }
    for (size_t ix = 0; ix < nt; ix++)
        eq->type_value[ix] = mass[ix] > 0 ? eq->type_value[ix] / mass[ix] : NAN;
    free(mass);
    return BRINK_OK;
}
