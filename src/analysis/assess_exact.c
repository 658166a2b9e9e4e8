/* assess_exact.c — the sequential check's decisions in exact arithmetic, for a profile given
 * in rationals (assess.c calls these only where the doubles cannot decide).
 *
 * Why: the check in doubles reads an action of probability below its tolerance (1e-9) as
 * unplayed and a loss below tolerance x payoff scale as a tie. Exact solvers return such
 * numbers as they are (a mixture of 1e-10 off the path, a loss of 1e-4 among payoffs of 10^6),
 * and the threshold engine's exact proofs do not count the profiles they make: deciding them
 * in doubles kept equilibria that are not sequential, and the exact Monte Carlo path (the
 * analysis per draw) disagreed with the region path. Here the support is bq != 0, beliefs
 * pinned by consistency are exact ratios of the members' weights, and the values of the
 * actions are exact continuation values (node_value: computed where needed, kept while the
 * profile stands). A free belief is the linear program's (doubles)
 * checked exactly, else the exact interval of beliefs that support the play (two members) or a
 * vertex of their polytope (more).
 */
#include <stdlib.h>

#include "analysis/assess_exact.h"

void an_exact_init(an_exact *x, const brink_efg *g, const mpq_t *bq, int maxm, int maxk)
{
    x->g = g;
    x->bq = bq;
    x->maxm = maxm;
    x->maxk = maxk;
    x->n = 0;
    x->q = NULL;
    x->vp = NULL;
    x->pool = NULL;
    x->stack = NULL;
    x->Q = NULL;
    x->npool = x->ninit = 0;
}

void an_exact_free(an_exact *x)
{
    if (x->q)
        brink_q_array_free(x->q, x->n);
    for (size_t i = 0; i < x->ninit; i++)
        mpq_clear(x->pool[i]);
    free(x->pool);
    free(x->vp);
    free(x->stack);
    free(x->Q);
    an_exact_init(x, x->g, x->bq, x->maxm, x->maxk);
}

void an_exact_invalidate(an_exact *x)
{
    if (x->vp)
        for (size_t i = 0; i < (size_t)x->g->nnodes * (size_t)x->g->nplayers; i++)
            x->vp[i] = NULL;
    x->npool = 0;   /* the pool's numbers are reused (still initialised) */
}

static int ready(an_exact *x)
{
    if (x->q)
        return 1;
    size_t m = (size_t)x->maxm + 1, k = (size_t)x->maxk + 1;
    size_t n = 2 * m + k + 3, nv = (size_t)x->g->nnodes * (size_t)x->g->nplayers;
    /* the pool is raw memory, each number initialised when first used */
    if (!x->vp)
        x->vp = brink_calloc(nv, sizeof *x->vp);
    if (!x->pool)
        x->pool = malloc(nv * sizeof *x->pool);
    if (!x->stack)
        x->stack = malloc((size_t)x->g->nnodes * sizeof *x->stack);
    if (!x->Q)
        x->Q = malloc((m * k + k) * sizeof *x->Q);
    if (!x->vp || !x->pool || !x->stack || !x->Q || !(x->q = brink_q_array_new(n)))
        return 0;
    x->n = n;
    x->evp = x->Q + m * k;
    x->mu = x->q;
    x->cp = x->mu + m;
    x->ev = x->cp + m;
    x->t = x->ev + k;
    x->lo = x->t + 1;
    x->hi = x->lo + 1;
    return 1;
}

/* cp[j] for the members of h: the product of chance's and the others' positive
 * probabilities on the member's path (its deviations and the mover's own moves left out, as
 * member_weight in assess.c does in doubles); 0 for cz members. */
static void weights(an_exact *x, int h, const int *cz)
{
    const brink_efg *g = x->g;
    int p = g->infoset_player[h], H = g->player_infoset_start[g->nplayers];
    int m = g->infoset_nmembers[h], ms = g->infoset_member_start[h];
    for (int j = 0; j < m; j++) {
        mpq_set_ui(x->cp[j], !cz[j], 1);
        if (cz[j])
            continue;
        for (int y = g->infoset_member[ms + j]; g->node_parent[y] >= 0; y = g->node_parent[y]) {
            int hp = g->node_infoset[g->node_parent[y]], act = g->node_action[y];
            if (hp >= H)
                mpq_mul(x->cp[j], x->cp[j], g->action_probq[act]);
            else if (g->infoset_player[hp] != p && mpq_sgn(x->bq[act]) != 0)
                mpq_mul(x->cp[j], x->cp[j], x->bq[act]);
        }
    }
}

/* mu = cp / sum(cp) (weights() first). */
static void pinned_belief(an_exact *x, int m)
{
    mpq_set_ui(*x->t, 0, 1);
    for (int j = 0; j < m; j++)
        mpq_add(*x->t, *x->t, x->cp[j]);
    for (int j = 0; j < m; j++)
        if (mpq_sgn(*x->t) > 0)
            mpq_div(x->mu[j], x->cp[j], *x->t);
        else
            mpq_set_ui(x->mu[j], 0, 1);
}

/* Player p's exact continuation value at node c under the profile, computed where needed
 * and kept until the profile changes (an_exact_invalidate): ties in the band are met at many
 * information sets of a tree (off the path of a pure equilibrium most of all), and their
 * subtrees overlap. A node with one move of probability 1 shares its child's number (a pure
 * profile's values are leaves' payoffs: no arithmetic); only mixing and chance nodes take one
 * from the pool. Branches of probability 0 are not visited. */
static mpq_srcptr node_value(an_exact *x, int p, int c)
{
    const brink_efg *g = x->g;
    mpq_srcptr *vp = x->vp + (size_t)p * (size_t)g->nnodes;
    int top = 0;
    if (vp[c])
        return vp[c];
    x->stack[top++] = c;
    while (top > 0) {
        int v = x->stack[top - 1], h = g->node_infoset[v], pending = 0;
        if (h < 0) {
            vp[v] = g->leaf_payq[(size_t)g->node_leaf[v] * (size_t)g->nplayers + (size_t)p];
            top--;
            continue;
        }
        int k = g->infoset_nactions[h], npos = 0, last = -1;
        for (int a = 0; a < k; a++) {
            int ch = brink_efg_child(g, v, a);
            if (mpq_sgn(*brink_efg_edge_probq(g, x->bq, ch)) == 0)
                continue;
            npos++;
            last = ch;
            if (!vp[ch]) {
                x->stack[top++] = ch;   /* pushed once each (a tree): the stack holds nnodes */
                pending = 1;
            }
        }
        if (pending)
            continue;
        top--;
        if (npos == 1 && mpq_cmp_ui(*brink_efg_edge_probq(g, x->bq, last), 1, 1) == 0) {
            vp[v] = vp[last];
            continue;
        }
        if (x->npool == x->ninit)
            mpq_init(x->pool[x->ninit++]);
        mpq_ptr q = x->pool[x->npool++];
        mpq_set_ui(q, 0, 1);
        for (int a = 0; a < k; a++) {
            int ch = brink_efg_child(g, v, a);
            const mpq_t *pr = brink_efg_edge_probq(g, x->bq, ch);
            if (mpq_sgn(*pr) != 0) {
                mpq_mul(*x->t, *pr, vp[ch]);
                mpq_add(q, q, *x->t);
            }
        }
        vp[v] = q;
    }
    return vp[c];
}

/* Q[j * k + a]: the mover's exact value of action a at member j, for the members of
 * positive belief and the actions marked (need NULL: all). */
static void values(an_exact *x, int h, const unsigned char *need)
{
    const brink_efg *g = x->g;
    int p = g->infoset_player[h], k = g->infoset_nactions[h];
    int m = g->infoset_nmembers[h], ms = g->infoset_member_start[h];
    for (int j = 0; j < m; j++) {
        if (mpq_sgn(x->mu[j]) == 0)
            continue;
        int v = g->infoset_member[ms + j];
        for (int a = 0; a < k; a++)
            if (!need || need[a])
                x->Q[j * k + a] = node_value(x, p, brink_efg_child(g, v, a));
    }
}

/* evp[a] -> sum_j mu_j Q[j, a] for the marked actions (values() first); with one member
 * of belief 1 (perfect information most of all) Q's own numbers, no arithmetic. */
static void expected(an_exact *x, int m, int k, const unsigned char *need)
{
    int one = -1;
    for (int j = 0; j < m; j++)
        if (mpq_sgn(x->mu[j]) != 0)
            one = one == -1 && mpq_cmp_ui(x->mu[j], 1, 1) == 0 ? j : -2;
    for (int a = 0; a < k; a++) {
        if (need && !need[a])
            continue;
        if (one >= 0) {
            x->evp[a] = x->Q[one * k + a];
            continue;
        }
        mpq_set_ui(x->ev[a], 0, 1);
        for (int j = 0; j < m; j++)
            if (mpq_sgn(x->mu[j]) != 0) {
                mpq_mul(*x->t, x->mu[j], x->Q[j * k + a]);
                mpq_add(x->ev[a], x->ev[a], *x->t);
            }
        x->evp[a] = x->ev[a];
    }
}

/* Is every action in the support worth the most among the marked (expected() first)? */
static int support_best(const an_exact *x, int h, const unsigned char *need)
{
    int k = x->g->infoset_nactions[h], a0 = x->g->infoset_action_start[h], best = -1;
    for (int a = 0; a < k; a++)
        if ((!need || need[a]) && (best < 0 || mpq_cmp(x->evp[a], x->evp[best]) > 0))
            best = a;
    for (int a = 0; a < k; a++)
        if (mpq_sgn(x->bq[a0 + a]) != 0 &&
            ((need && !need[a]) || mpq_cmp(x->evp[a], x->evp[best]) < 0))
            return 0;
    return 1;
}

int an_exact_pinned_optimal(an_exact *x, int h, const int *cz, const unsigned char *need)
{
    if (!ready(x))
        return -1;
    int m = x->g->infoset_nmembers[h], k = x->g->infoset_nactions[h];
    if (m == 1) {
        mpq_set_ui(x->mu[0], 1, 1);
    } else {
        weights(x, h, cz);
        pinned_belief(x, m);
    }
    values(x, h, need);
    expected(x, m, k, need);
    return support_best(x, h, need);
}

/* mu (doubles) as the simple fractions they round (the linear program's belief after
 * simple_belief, or a default belief), normalised exactly. */
static void belief_from_doubles(an_exact *x, int m, const double *mu)
{
    mpq_set_ui(*x->t, 0, 1);
    for (int j = 0; j < m; j++) {
        brink_q_from_double_approx(x->mu[j], mu[j] > 0 ? mu[j] : 0, 1e-12);
        mpq_add(*x->t, *x->t, x->mu[j]);
    }
    for (int j = 0; j < m; j++)
        if (mpq_sgn(*x->t) > 0)
            mpq_div(x->mu[j], x->mu[j], *x->t);
}

int an_exact_best_reply(an_exact *x, int h, int pinned, const int *cz, const double *mu,
                        const unsigned char *need)
{
    if (!ready(x))
        return -1;
    int m = x->g->infoset_nmembers[h], k = x->g->infoset_nactions[h], best = -1;
    if (pinned) {
        weights(x, h, cz);
        pinned_belief(x, m);
    } else {
        belief_from_doubles(x, m, mu);
    }
    values(x, h, need);
    expected(x, m, k, need);
    for (int a = 0; a < k; a++)
        if (need[a] && (best < 0 || mpq_cmp(x->evp[a], x->evp[best]) > 0))
            best = a;
    return best;
}

/* Does x->mu meet the conditions of a free belief (see an_exact_free_supported)? */
static int belief_allowed(const an_exact *x, int m, const int *cls, const int *cz)
{
    int possible = 0;
    for (int j = 0; j < m; j++)
        possible |= !cz[j];
    for (int j = 0; j < m; j++) {
        if (mpq_sgn(x->mu[j]) < 0 || (possible && cz[j] && mpq_sgn(x->mu[j]) != 0))
            return 0;
        for (int i = 0; i < j; i++)
            if (cls[i] == cls[j] && !cz[i] && !cz[j]) {
                /* mu_i cp_j == mu_j cp_i */
                mpq_t l, r;
                mpq_init(l);
                mpq_init(r);
                mpq_mul(l, x->mu[i], x->cp[j]);
                mpq_mul(r, x->mu[j], x->cp[i]);
                int eq = mpq_equal(l, r);
                mpq_clear(l);
                mpq_clear(r);
                if (!eq)
                    return 0;
            }
    }
    return 1;
}

/* Two members: the beliefs t = mu_0 in [0, 1] that make every action in the support a best
 * reply form an interval [lo, hi] (each condition is linear in t); 1 when it is not empty,
 * with mu set to its lower end. Values for both members and all actions (values() with mu
 * positive) first. */
static int two_member_interval(an_exact *x, int h, const int *cls, const int *cz)
{
    int k = x->g->infoset_nactions[h], a0 = x->g->infoset_action_start[h], ok = 1;
    mpq_t d0, d1, s;
    mpq_init(d0);
    mpq_init(d1);
    mpq_init(s);
    mpq_set_ui(*x->lo, 0, 1);
    mpq_set_ui(*x->hi, 1, 1);
    if (cz[0] != cz[1])   /* the one consistency excludes gets 0 */
        mpq_set_ui(cz[0] ? *x->hi : *x->lo, cz[0] ? 0 : 1, 1);
    if (!cz[0] && !cz[1] && cls[0] == cls[1]) {   /* t cp1 = (1 - t) cp0 */
        mpq_add(s, x->cp[0], x->cp[1]);
        mpq_div(*x->lo, x->cp[0], s);
        mpq_set(*x->hi, *x->lo);
    }
    /* for a in the support and every b: f(t) = t d0 + (1 - t) d1 >= 0, d_j = Q_ja - Q_jb */
    for (int a = 0; a < k && ok; a++) {
        if (mpq_sgn(x->bq[a0 + a]) == 0)
            continue;
        for (int b = 0; b < k && ok; b++) {
            if (b == a)
                continue;
            mpq_sub(d0, x->Q[a], x->Q[b]);
            mpq_sub(d1, x->Q[k + a], x->Q[k + b]);
            mpq_sub(s, d0, d1);   /* f(t) = d1 + t s */
            if (mpq_sgn(s) == 0) {
                ok = mpq_sgn(d1) >= 0;
                continue;
            }
            mpq_neg(d1, d1);
            mpq_div(d1, d1, s);   /* the root -d1 / s */
            if (mpq_sgn(s) > 0 && mpq_cmp(d1, *x->lo) > 0)
                mpq_set(*x->lo, d1);
            else if (mpq_sgn(s) < 0 && mpq_cmp(d1, *x->hi) < 0)
                mpq_set(*x->hi, d1);
            ok = mpq_cmp(*x->lo, *x->hi) <= 0;
        }
    }
    if (ok) {
        mpq_set(x->mu[0], *x->lo);
        mpq_set_ui(x->mu[1], 1, 1);
        mpq_sub(x->mu[1], x->mu[1], *x->lo);
    }
    mpq_clear(d0);
    mpq_clear(d1);
    mpq_clear(s);
    return ok;
}

/* Vertices tried at most by vertex_search with up to 4 members (each an exact linear solve
 * of about m^3 operations: with more members, proportionally fewer, so that a search costs
 * about as much whatever m). */
#define VERTEX_MAX_TRIES 4096
/* Beyond this many members no search (its rows alone would be ~3 m^2 numbers). */
#define VERTEX_MAX_MEMBERS 64

/* Solve the rows idx[0..n) of R (each m coefficients and a right-hand side) as equations by
 * Gaussian elimination in A (scratch, n x (m + 1)); 1 with mu set when the solution is
 * unique, 0 when there is none or many. */
static int solve_rows(an_exact *x, mpq_t *R, const int *idx, int n, int m, mpq_t *A)
{
    int w = m + 1, r = 0;
    for (int i = 0; i < n; i++)
        for (int c = 0; c < w; c++)
            mpq_set(A[i * w + c], R[idx[i] * w + c]);
    for (int c = 0; c < m && r < n; c++) {
        int piv = r;
        while (piv < n && mpq_sgn(A[piv * w + c]) == 0)
            piv++;
        if (piv == n)
            return 0;   /* a free variable: no vertex */
        for (int cc = 0; cc < w; cc++)
            mpq_swap(A[r * w + cc], A[piv * w + cc]);
        for (int i = 0; i < n; i++) {
            if (i == r || mpq_sgn(A[i * w + c]) == 0)
                continue;
            mpq_div(*x->t, A[i * w + c], A[r * w + c]);
            for (int cc = c; cc < w; cc++) {
                mpq_mul(*x->lo, *x->t, A[r * w + cc]);
                mpq_sub(A[i * w + cc], A[i * w + cc], *x->lo);
            }
        }
        r++;
    }
    if (r < m)
        return 0;
    for (int i = m; i < n; i++)   /* rows left over: 0 = rhs must hold */
        if (mpq_sgn(A[i * w + m]) != 0)
            return 0;
    for (int c = 0; c < m; c++)
        mpq_div(x->mu[c], A[c * w + m], A[c * w + c]);
    return 1;
}

/* Any number of members: the beliefs meeting consistency's conditions under which every
 * action in the support is a best reply form a polytope inside the simplex, empty or with a
 * vertex; a vertex solves the equalities with some of the inequalities held tight. Tries
 * every choice of tight inequalities (up to VERTEX_MAX_TRIES linear solves; none beyond
 * VERTEX_MAX_MEMBERS members): 1 a vertex
 * found (mu set), 0 none (no such belief), 2 too many to try, -1 no memory. Values of every
 * member and action first (values() with mu positive). */
static int vertex_search(an_exact *x, int h, const int *cls, const int *cz)
{
    const brink_efg *g = x->g;
    int m = g->infoset_nmembers[h], k = g->infoset_nactions[h], a0 = g->infoset_action_start[h];
    if (m > VERTEX_MAX_MEMBERS)
        return 2;
    int w = m + 1, maxr = 1 + 2 * m + k + m + k * k, possible = 0;
    for (int j = 0; j < m; j++)
        possible |= !cz[j];
    mpq_t *R = brink_q_array_new((size_t)maxr * (size_t)w),
          *A = brink_q_array_new((size_t)maxr * (size_t)w);
    int *idx = malloc((size_t)maxr * 2 * sizeof *idx);
    if (!R || !A || !idx) {
        if (R)
            brink_q_array_free(R, (size_t)maxr * (size_t)w);
        if (A)
            brink_q_array_free(A, (size_t)maxr * (size_t)w);
        free(idx);
        return -1;
    }
    int *ge = idx + maxr, neq = 0, nge = 0, n = 0;
    /* equalities first (rows 0..neq), then inequalities (>= 0) */
    for (int j = 0; j < m; j++)   /* sum mu = 1 */
        mpq_set_ui(R[n * w + j], 1, 1);
    mpq_set_ui(R[n * w + m], 1, 1);
    idx[neq++] = n++;
    for (int j = 0; j < m; j++) {
        if (possible && cz[j]) {   /* mu_j = 0 */
            mpq_set_ui(R[n * w + j], 1, 1);
            idx[neq++] = n++;
        }
        for (int i = 0; i < j; i++)   /* same class: mu_i cp_j - mu_j cp_i = 0 */
            if (cls[i] == cls[j] && !cz[i] && !cz[j]) {
                mpq_set(R[n * w + i], x->cp[j]);
                mpq_neg(R[n * w + j], x->cp[i]);
                idx[neq++] = n++;
                break;
            }
    }
    for (int a = 0, prev = -1; a < k; a++) {   /* consecutive support actions: equal values */
        if (mpq_sgn(x->bq[a0 + a]) == 0)
            continue;
        if (prev >= 0) {
            for (int j = 0; j < m; j++)
                mpq_sub(R[n * w + j], x->Q[j * k + prev], x->Q[j * k + a]);
            idx[neq++] = n++;
        }
        prev = a;
    }
    for (int j = 0; j < m; j++) {   /* mu_j >= 0 */
        mpq_set_ui(R[n * w + j], 1, 1);
        ge[nge++] = n++;
    }
    for (int a = 0; a < k; a++)   /* a in the support, b not: a worth at least b */
        for (int b = 0; b < k && mpq_sgn(x->bq[a0 + a]) != 0; b++) {
            if (mpq_sgn(x->bq[a0 + b]) != 0)
                continue;
            for (int j = 0; j < m; j++)
                mpq_sub(R[n * w + j], x->Q[j * k + a], x->Q[j * k + b]);
            ge[nge++] = n++;
        }
    /* choices of d = 0..m tight inequalities (d: what the equalities leave free, at most m) */
    int found = 0, tries = 0,
        max_tries = m <= 4 ? VERTEX_MAX_TRIES : VERTEX_MAX_TRIES * 64 / (m * m * m) + 1;
    int *pick = malloc((size_t)(m + 1) * sizeof *pick);
    if (!pick)
        found = -1;
    for (int d = 0; d <= m && d <= nge && !found; d++) {
        for (int i = 0; i < d; i++)
            pick[i] = i;
        for (;;) {
            if (++tries > max_tries) {
                found = 2;
                break;
            }
            for (int i = 0; i < d; i++)
                idx[neq + i] = ge[pick[i]];
            if (solve_rows(x, R, idx, neq + d, m, A)) {
                int ok = 1;
                for (int r = 0; r < nge && ok; r++) {
                    mpq_set_ui(*x->hi, 0, 1);
                    for (int j = 0; j < m; j++) {
                        mpq_mul(*x->lo, R[ge[r] * w + j], x->mu[j]);
                        mpq_add(*x->hi, *x->hi, *x->lo);
                    }
                    ok = mpq_sgn(*x->hi) >= 0;
                }
                if (ok) {
                    found = 1;
                    break;
                }
            }
            int i = d - 1;   /* the next choice of d among nge */
            while (i >= 0 && pick[i] == nge - d + i)
                i--;
            if (i < 0)
                break;
            pick[i]++;
            for (int j = i + 1; j < d; j++)
                pick[j] = pick[j - 1] + 1;
        }
    }
    free(pick);
    free(idx);
    brink_q_array_free(R, (size_t)maxr * (size_t)w);
    brink_q_array_free(A, (size_t)maxr * (size_t)w);
    return found;
}

int an_exact_free_supported(an_exact *x, int h, const int *cls, const int *cz, double *mu)
{
    if (!ready(x))
        return -1;
    int m = x->g->infoset_nmembers[h], k = x->g->infoset_nactions[h];
    weights(x, h, cz);
    for (int j = 0; j < m; j++)   /* every member's values: the belief is to be found */
        mpq_set_ui(x->mu[j], 1, 1);
    values(x, h, NULL);
    belief_from_doubles(x, m, mu);
    int ok = belief_allowed(x, m, cls, cz);
    if (ok) {
        expected(x, m, k, NULL);
        ok = support_best(x, h, NULL);
    }
    if (!ok && m == 2)
        ok = two_member_interval(x, h, cls, cz);
    else if (!ok && (ok = vertex_search(x, h, cls, cz)) != 1)
        return ok;
    if (ok)
        for (int j = 0; j < m; j++)
            mu[j] = brink_q_get_d(x->mu[j]);
    return ok;
}
