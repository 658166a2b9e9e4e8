/* assess_consistency.c — a necessary condition of consistency across information sets.
 *
 * assess.c chooses a supporting belief at each information set on its own. Consistency
 * (Kreps and Wilson 1982: beliefs are the limit of Bayes' rule under fully mixed profiles
 * converging to the strategies) also ties the beliefs of different sets together:
 *
 *   Let x, y be members of a player information set h and x', y' members of a later set h'
 *   such that x' descends from x and y' from y by the same sequence of moves: the same
 *   (information set, action) at each player move, and at each chance move the same
 *   probability. Under any fully mixed profile the realisation probability of a node is the
 *   product of the move probabilities on its path, so w(x') = w(x) s and w(y') = w(y) s with
 *   the same suffix factor s > 0 (behaviour strategies are per information set; chance's
 *   factors are equal by the condition). Hence w(x') w(y) = w(x) w(y') for every tremble;
 *   dividing by the sums over h and h' and taking the limit,
 *
 *       mu'(x') mu(y) = mu'(y') mu(x).                                   (linked pair)
 *
 * (Two chance nodes are different nodes, so only their probabilities can make the factors
 * equal; distinct probabilities give no condition.) The pairs are found by walking up from
 * two members of an unreached h' in lockstep while the moves agree.
 *
 * When the beliefs assess.c chose meet every linked pair, the claim stands. Otherwise the free
 * sets (those consistency does not pin) fall into components, sets joined by linked pairs
 * (a pair with a pinned set is a constant condition and joins nothing); each component is
 * searched on its own, as follows, and the claim stands when every one succeeds. Its free
 * sets are re-solved in turn, shallowest first and then
 * deepest first: a set whose linked partners are already decided gets each pair as a linear
 * condition in its own belief (the partner's belief fixed), added to its support program
 * (relink). A complete pass whose beliefs meet every pair keeps the claim with those beliefs.
 * When both passes fail on a pair of free sets, one side is seeded with each vertex of its
 * supporting beliefs (the belief furthest along +-e_x for each member x; for two members the
 * ends of an interval, and two intervals that meet share an end of one of them) and the
 * passes rerun, the other sides then linear. Still failing, a proof is sought for the pair
 * (prove_apart): when the supporting beliefs of each set weigh two members only and a linked
 * pair ties them, the condition says mu'(x2) = mu(x), and ranges that do not meet prove the
 * profile not sequential (tester 17, finding 2: the US may refuse for mu <= 3/5, Seoul aid
 * for mu >= 2/3).
 * Where a free set's partners are all pinned (Bayes' rule, or the only consistent belief)
 * its program with their conditions is exact: infeasible means no consistent assessment
 * supports the profile, which is rejected (why BRINK_SEQ_WHY_LINKED; also prove_apart's
 * case below). Otherwise, free against
 * free, the joint condition is bilinear and this search incomplete: the profile is reported
 * as a weak perfect Bayesian equilibrium (BRINK_SEQ_WEAK), neither called sequential nor
 * rejected. The pairs are a necessary condition, not all that consistency asks.
 *
 * Comparisons are in doubles at LINK_TOL (the beliefs are doubles; those from a free set's
 * program are rounded to simple fractions by assess.c where they still support the play).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/assess_consistency.h"
#include "brink/core.h"

#define LINK_TOL 1e-9
/* Sets with more members, or more pairs in all, are not searched: the claim weakens. */
#define LINK_MAX_MEMBERS 1024
#define LINK_MAX_PAIRS (1 << 20)
/* A failing free set with up to this many members is searched by its vertices */
#define LINK_MAX_SEED 16

typedef struct link_pair {
    int h, h2;        /* earlier set, later (unreached) set */
    int x, y, x2, y2; /* nodes: x, y in h; x2 below x, y2 below y in h2 */
} link_pair;

typedef struct links {
    link_pair *p;
    size_t n, cap;
    int too_big;      /* some set or the pair list beyond the limits: not all checked */
} links;

static int push(links *L, const link_pair *q)
{
    if (L->n == LINK_MAX_PAIRS) {
        L->too_big = 1;
        return 0;
    }
    if (L->n == L->cap) {
        size_t cap = L->cap ? 2 * L->cap : 64;
        link_pair *p = realloc(L->p, cap * sizeof *p);
        if (!p)
            return -1;
        L->p = p;
        L->cap = cap;
    }
    L->p[L->n++] = *q;
    return 0;
}

/* Do the edges into a and b carry the same move (see the file's comment)? */
static int same_move(const brink_efg *g, int a, int b)
{
    int pa = g->node_parent[a], pb = g->node_parent[b];
    int H = g->player_infoset_start[g->nplayers];
    int ia = g->node_infoset[pa], ib = g->node_infoset[pb];
    if (ia < H || ib < H)
        return ia == ib && g->node_action[a] == g->node_action[b];
    return mpq_equal(g->action_probq[g->node_action[a]], g->action_probq[g->node_action[b]]);
}

/* Every linked pair whose later set is unreached. -1 no memory. */
static int collect(const brink_efg *g, const brink_equilibrium *eq, links *L)
{
    int H = g->player_infoset_start[g->nplayers];
    for (int h2 = 0; h2 < H && !L->too_big; h2++) {
        int m = g->infoset_nmembers[h2], ms = g->infoset_member_start[h2];
        if (eq->on_path[h2] || m < 2)
            continue;
        if (m > LINK_MAX_MEMBERS) {
            L->too_big = 1;
            break;
        }
        for (int i = 0; i < m; i++)
            for (int j = i + 1; j < m; j++) {
                int x2 = g->infoset_member[ms + i], y2 = g->infoset_member[ms + j];
                for (int a = x2, b = y2; g->node_parent[a] >= 0 && g->node_parent[b] >= 0;) {
                    if (g->node_parent[a] == g->node_parent[b] || !same_move(g, a, b))
                        break;
                    a = g->node_parent[a];
                    b = g->node_parent[b];
                    int h = g->node_infoset[a];
                    if (h < H && h != h2) {
                        link_pair q = {h, h2, a, b, x2, y2};
                        if (push(L, &q) < 0)
                            return -1;
                        if (L->too_big)
                            return 0;
                    }
                }
            }
    }
    return 0;
}

static double gap(const link_pair *q, const double *bel)
{
    return bel[q->x2] * bel[q->y] - bel[q->y2] * bel[q->x];
}

/* The first pair the beliefs break, or -1. */
static long broken(const links *L, const double *bel)
{
    for (size_t i = 0; i < L->n; i++)
        if (fabs(gap(&L->p[i], bel)) > LINK_TOL)
            return (long)i;
    return -1;
}

static int fixed_set(const brink_equilibrium *eq, int h)
{
    return eq->on_path[h] || (eq->belief_fixed && eq->belief_fixed[h]);
}

static int first_node(const brink_efg *g, int h)
{
    return g->infoset_member[g->infoset_member_start[h]];
}

typedef struct pass {
    const brink_efg *g;
    const brink_equilibrium *eq;
    const links *L;
    const int *memb;    /* [nnodes] a decision node's index in its set */
    double *bel;        /* [nnodes] the beliefs of this pass */
    unsigned char *decided;
    double *rows, *mu;  /* scratch: [rows_cap * maxm], [maxm] */
    size_t rows_cap;
    const double *base; /* [nnodes] the beliefs a pass starts from */
    const int *comp;    /* [H] a free set's component, -1 for the others */
    int fail[2];        /* a component's first failing pair of sets (earlier, later) */
    an_relink_fn relink;
    void *ctx;
} pass;

/* Re-solve free set h against its decided partners (dir: see an_relink_fn; then solved even
 * with no partner decided). 1 done, 0 no belief, -1 no memory; *all_fixed: every partner of
 * h is pinned (the failure is then a proof), *partner: one. */
static int resolve(pass *P, int h, const double *dir, int *all_fixed, int *partner)
{
    const brink_efg *g = P->g;
    int m = g->infoset_nmembers[h], ms = g->infoset_member_start[h];
    size_t nrows = 0;
    *all_fixed = 1;
    *partner = -1;
    for (size_t i = 0; i < P->L->n; i++) {
        const link_pair *q = &P->L->p[i];
        int other = q->h == h ? q->h2 : q->h2 == h ? q->h : -1;
        if (other < 0)
            continue;
        if (*partner < 0 || (!fixed_set(P->eq, other) && fixed_set(P->eq, *partner)))
            *partner = other;
        *all_fixed &= fixed_set(P->eq, other);
        if (!P->decided[other])
            continue;
        if (nrows == P->rows_cap) {
            size_t cap = P->rows_cap ? 2 * P->rows_cap : 16;
            double *r = realloc(P->rows, cap * (size_t)m * sizeof *r);
            if (!r)
                return -1;
            P->rows = r;
            P->rows_cap = cap;
        }
        double *r = P->rows + nrows * (size_t)m;
        memset(r, 0, (size_t)m * sizeof *r);
        if (q->h == h) {   /* bel(x2) mu(y) - bel(y2) mu(x) = 0 */
            r[P->memb[q->y]] += P->bel[q->x2];
            r[P->memb[q->x]] -= P->bel[q->y2];
        } else {           /* mu(x2) bel(y) - mu(y2) bel(x) = 0 */
            r[P->memb[q->x2]] += P->bel[q->y];
            r[P->memb[q->y2]] -= P->bel[q->x];
        }
        nrows++;
    }
    if (!nrows && !dir)
        return 1;   /* nothing decided to agree with yet: its belief stands */
    int ok = P->relink(P->ctx, h, (int)nrows, P->rows, dir, P->mu);
    if (ok == 2)
        ok = 0;   /* not a supporting belief in doubles */
    if (ok == 1)
        for (int x = 0; x < m; x++)
            P->bel[g->infoset_member[ms + x]] = P->mu[x];
    return ok;
}

static void start_pass(pass *P, const brink_equilibrium *eq)
{
    const brink_efg *g = P->g;
    memcpy(P->bel, P->base, (size_t)g->nnodes * sizeof *P->bel);
    for (int h = 0; h < g->player_infoset_start[g->nplayers]; h++)
        P->decided[h] = (unsigned char)fixed_set(eq, h);
}

/* One pass over the free sets in first-node pre-order (descending: deepest first); seed >= 0:
 * that set's belief taken from seed_mu first. 1 every pair met, 0 not, 2 proved impossible
 * (eq->link set), -1 no memory. */
static int run_pass(pass *P, const int *free_sets, int nfree, int descending, int seed,
                    const double *seed_mu, brink_equilibrium *eq, int *fail)
{
    const brink_efg *g = P->g;
    start_pass(P, eq);
    if (seed >= 0) {
        for (int x = 0; x < g->infoset_nmembers[seed]; x++)
            P->bel[g->infoset_member[g->infoset_member_start[seed] + x]] = seed_mu[x];
        P->decided[seed] = 1;
    }
    for (int i = 0; i < nfree; i++) {
        int h = free_sets[descending ? nfree - 1 - i : i], all_fixed, partner;
        if (h == seed)
            continue;
        int ok = resolve(P, h, NULL, &all_fixed, &partner);
        if (ok < 0)
            return -1;
        if (!ok) {
            int early = partner >= 0 && first_node(g, partner) < first_node(g, h);
            fail[0] = early ? partner : h;
            fail[1] = early ? h : partner;
            if (all_fixed) {
                eq->link[0] = fail[0];
                eq->link[1] = fail[1];
                return 2;
            }
            return 0;
        }
        P->decided[h] = 1;
    }
    /* the pairs of this component (pairs join sets of one component, or one of its sets
     * and a pinned set) */
    int c = nfree ? P->comp[free_sets[0]] : -1;
    for (size_t i = 0; i < P->L->n; i++) {
        const link_pair *q = &P->L->p[i];
        if ((P->comp[q->h] == c || P->comp[q->h2] == c) && fabs(gap(q, P->bel)) > LINK_TOL) {
            fail[0] = q->h;
            fail[1] = q->h2;
            return 0;
        }
    }
    return 1;
}

/* insertion sort by first member (few free sets) */
static void sort_sets(const brink_efg *g, int *s, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && first_node(g, s[j - 1]) > first_node(g, s[j]); j--) {
            int t = s[j];
            s[j] = s[j - 1];
            s[j - 1] = t;
        }
}

/* The range [lo, hi] of member x's belief over the beliefs supporting h's choice (no linked
 * condition, and the program's tolerance: a superset of those consistency admits). 1 found,
 * 0 none, -1 no memory. */
static int belief_range(pass *P, int h, int x, double *dir, double *lo, double *hi)
{
    int m = P->g->infoset_nmembers[h];
    for (int sgn = -1; sgn <= 1; sgn += 2) {
        memset(dir, 0, (size_t)m * sizeof *dir);
        dir[x] = sgn;
        int ok = P->relink(P->ctx, h, 0, NULL, dir, P->mu);
        if (ok <= 0)
            return ok;   /* (0: none supports the choice, which assess.c found one did) */
        *(sgn < 0 ? lo : hi) = P->mu[x];
    }
    return 1;
}

/* The one member x of h other than `not` that some supporting belief weighs (x < 0: none or
 * several). */
static int other_possible(pass *P, int h, int not, double *dir, int *x)
{
    int m = P->g->infoset_nmembers[h];
    *x = -1;
    for (int y = 0; y < m; y++) {
        if (y == not)
            continue;
        double lo, hi;
        int ok = belief_range(P, h, y, dir, &lo, &hi);
        if (ok <= 0)
            return ok;
        if (hi > LINK_TOL) {
            if (*x >= 0) {
                *x = -1;
                return 1;
            }
            *x = y;
        }
    }
    return 1;
}

/* A proof for two free sets h (earlier) and h2: when the beliefs supporting each put weight on
 * two members only, x, y of h and x2, y2 of h2, and (h, x, y, h2, x2, y2) is a linked pair,
 * the condition with mu(x) + mu(y) = 1 = mu'(x2) + mu'(y2) reads mu'(x2) = mu(x): the ranges
 * of the two over the supporting beliefs must meet. 1 they do not (no consistent assessment
 * supports the profile), 0 not shown, -1 no memory. */
static int prove_apart(pass *P, int h, int h2, double *dir)
{
    const brink_efg *g = P->g;
    if (g->infoset_nmembers[h] > LINK_MAX_SEED || g->infoset_nmembers[h2] > LINK_MAX_SEED)
        return 0;
    for (size_t i = 0; i < P->L->n; i++) {
        const link_pair *q = &P->L->p[i];
        if (q->h != h || q->h2 != h2)
            continue;
        int x = P->memb[q->x], y = P->memb[q->y], x2 = P->memb[q->x2], y2 = P->memb[q->y2];
        int ox, ox2, rc;
        if ((rc = other_possible(P, h, x, dir, &ox)) <= 0)
            return rc;
        if (ox != y)
            continue;
        if ((rc = other_possible(P, h, y, dir, &ox)) <= 0)
            return rc;
        if (ox != x)
            continue;
        if ((rc = other_possible(P, h2, x2, dir, &ox2)) <= 0)
            return rc;
        if (ox2 != y2)
            continue;
        if ((rc = other_possible(P, h2, y2, dir, &ox2)) <= 0)
            return rc;
        if (ox2 != x2)
            continue;
        double lo, hi, lo2, hi2;
        if ((rc = belief_range(P, h, x, dir, &lo, &hi)) <= 0 ||
            (rc = belief_range(P, h2, x2, dir, &lo2, &hi2)) <= 0)
            return rc;
        return hi + LINK_TOL < lo2 || hi2 + LINK_TOL < lo;
    }
    return 0;
}

/* One component's search (its free sets cs[n], by first node): both passes; failing, one
 * side of the first failing pair seeded with each vertex of its supporting beliefs (furthest
 * along +-e_x; for two members these are the interval's ends, and two intervals that meet
 * share an end of one of them), the rest then linear; still failing, prove_apart on that pair.
 * 1 every pair of the component met (P->bel), 2 proved impossible (eq->link), 0 not shown
 * (P->fail), -1 no memory. */
static int component(pass *P, brink_equilibrium *eq, const int *cs, int n, double *dir,
                     double *seed_mu)
{
    const brink_efg *g = P->g;
    int fail[2] = {-1, -1}, r = 0;
    P->fail[0] = P->fail[1] = -1;
    for (int desc = 0; desc < 2 && r == 0; desc++) {
        r = run_pass(P, cs, n, desc, -1, NULL, eq, fail);
        if (P->fail[0] < 0) {
            P->fail[0] = fail[0];
            P->fail[1] = fail[1];
        }
    }
    for (int side = 0; side < 2 && r == 0; side++) {
        int s = P->fail[side];
        if (s < 0 || fixed_set(eq, s) || g->infoset_nmembers[s] > LINK_MAX_SEED)
            continue;
        int m = g->infoset_nmembers[s];
        for (int d = 0; d < 2 * m && r == 0; d++) {
            memset(dir, 0, (size_t)m * sizeof *dir);
            dir[d / 2] = d % 2 ? -1 : 1;
            int all_fixed, partner;
            start_pass(P, eq);
            int ok = resolve(P, s, dir, &all_fixed, &partner);
            if (ok < 0)
                return -1;
            if (!ok)
                continue;
            memcpy(seed_mu, P->mu, (size_t)m * sizeof *seed_mu);
            for (int desc = 0; desc < 2 && r == 0; desc++)
                r = run_pass(P, cs, n, desc, s, seed_mu, eq, fail);
        }
    }
    if (r == 0 && P->fail[0] >= 0 && P->fail[1] >= 0 && !fixed_set(eq, P->fail[0]) &&
        !fixed_set(eq, P->fail[1])) {
        int pr = prove_apart(P, P->fail[0], P->fail[1], dir);
        if (pr < 0)
            return -1;
        if (pr) {
            eq->link[0] = P->fail[0];
            eq->link[1] = P->fail[1];
            r = 2;
        }
    }
    return r;
}

brink_status an_assess_links(const brink_efg *g, brink_equilibrium *eq, int proved,
                             an_relink_fn relink, void *ctx, brink_error *err)
{
    eq->link[0] = eq->link[1] = -1;
    eq->why = eq->sequential ? BRINK_SEQ_WHY_NONE : BRINK_SEQ_WHY_RATIONAL;
    if (proved || eq->sequential != BRINK_SEQ_PROVED)
        return BRINK_OK;
    links L = {NULL, 0, 0, 0};
    int H = g->player_infoset_start[g->nplayers], maxm = 1;
    if (collect(g, eq, &L) < 0) {
        free(L.p);
        return brink_error_set(err, BRINK_ENOMEM, "out of memory checking linked beliefs");
    }
    long b = L.too_big ? 0 : broken(&L, eq->belief);
    if (!L.too_big && b < 0) {
        free(L.p);
        return BRINK_OK;
    }
    if (L.too_big) {   /* not searched: shown neither way */
        eq->sequential = BRINK_SEQ_WEAK;
        free(L.p);
        return BRINK_OK;
    }
    for (int h = 0; h < H; h++)
        maxm = g->infoset_nmembers[h] > maxm ? g->infoset_nmembers[h] : maxm;
    pass P;
    memset(&P, 0, sizeof P);
    P.g = g;
    P.eq = eq;
    P.L = &L;
    P.relink = relink;
    P.ctx = ctx;
    int *memb = brink_calloc((size_t)g->nnodes, sizeof *memb);
    int *free_sets = brink_calloc((size_t)H + 1, sizeof *free_sets);
    P.bel = brink_calloc((size_t)g->nnodes, sizeof *P.bel);
    P.decided = brink_calloc((size_t)H + 1, 1);
    P.mu = brink_calloc((size_t)maxm, sizeof *P.mu);
    double *dir = brink_calloc((size_t)maxm, sizeof *dir),
           *seed_mu = brink_calloc((size_t)maxm, sizeof *seed_mu);
    int *comp = brink_calloc((size_t)H + 1, sizeof *comp),
        *cset = brink_calloc((size_t)H + 1, sizeof *cset);
    double *committed = brink_calloc((size_t)g->nnodes, sizeof *committed);
    brink_status st = BRINK_OK;
    if (!memb || !free_sets || !P.bel || !P.decided || !P.mu || !dir || !seed_mu || !comp ||
        !cset || !committed) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory checking linked beliefs");
        goto out;
    }
    P.memb = memb;
    for (int h = 0; h < H; h++)
        for (int x = 0; x < g->infoset_nmembers[h]; x++)
            memb[g->infoset_member[g->infoset_member_start[h] + x]] = x;
    int nfree = 0;
    for (int h = 0; h < H; h++) {
        if (fixed_set(eq, h))
            continue;
        int linked = 0;
        for (size_t i = 0; i < L.n && !linked; i++)
            linked = L.p[i].h == h || L.p[i].h2 == h;
        if (linked)
            free_sets[nfree++] = h;
    }
    sort_sets(g, free_sets, nfree);
    /* components of the free sets joined by linked pairs: independent searches (a pair joins
     * two sets of one component, or a set and a pinned one, whose belief is a constant), so
     * one component's failure does not hide another's success (the chain store with five or
     * six entrants: chains of sets after different deviations) */
    for (int h = 0; h < H; h++)
        comp[h] = -1;
    for (int i = 0; i < nfree; i++)
        comp[free_sets[i]] = free_sets[i];
    for (size_t i = 0; i < L.n; i++) {
        int a = L.p[i].h, c2 = L.p[i].h2;
        if (comp[a] < 0 || comp[c2] < 0)
            continue;
        while (comp[a] != a)
            a = comp[a] = comp[comp[a]];
        while (comp[c2] != c2)
            c2 = comp[c2] = comp[comp[c2]];
        if (a != c2)
            comp[a > c2 ? a : c2] = a < c2 ? a : c2;
    }
    for (int i = 0; i < nfree; i++) {
        int a = free_sets[i];
        while (comp[a] != a)
            a = comp[a];
        comp[free_sets[i]] = a;
    }
    P.comp = comp;
    memcpy(committed, eq->belief, (size_t)g->nnodes * sizeof *committed);
    P.base = committed;
    int r = 1, weak[2] = {-1, -1};
    for (int i0 = 0; i0 < nfree && r != 2; i0++) {
        int c = comp[free_sets[i0]], nc = 0, seen = 0;
        for (int j = 0; j < i0 && !seen; j++)
            seen = comp[free_sets[j]] == c;
        if (seen)
            continue;   /* the component was searched at its first set */
        for (int j = i0; j < nfree; j++)
            if (comp[free_sets[j]] == c)
                cset[nc++] = free_sets[j];
        int rc = component(&P, eq, cset, nc, dir, seed_mu);
        if (rc < 0)
            goto oom;
        if (rc == 1) {
            for (int j = 0; j < nc; j++)
                for (int x = 0; x < g->infoset_nmembers[cset[j]]; x++) {
                    int v = g->infoset_member[g->infoset_member_start[cset[j]] + x];
                    committed[v] = P.bel[v];
                }
        } else if (rc == 2) {
            r = 2;
        } else {
            if (weak[0] < 0) {
                weak[0] = P.fail[0];
                weak[1] = P.fail[1];
            }
            r = 0;
        }
    }
    if (r == 1 && broken(&L, committed) >= 0)
        r = 0;   /* a broken pair of two pinned sets: not searched, the claim weakens */
    memcpy(P.bel, committed, (size_t)g->nnodes * sizeof *P.bel);
    int first_fail[2] = {weak[0] >= 0 ? weak[0] : L.p[b].h, weak[0] >= 0 ? weak[1] : L.p[b].h2};
    if (r == 1) {
        memcpy(eq->belief, P.bel, (size_t)g->nnodes * sizeof *P.bel);
    } else if (r == 2) {
        eq->sequential = BRINK_SEQ_REJECTED;
        eq->why = BRINK_SEQ_WHY_LINKED;
    } else {
        eq->sequential = BRINK_SEQ_WEAK;
        eq->link[0] = first_fail[0];
        eq->link[1] = first_fail[1];
    }
    goto out;
oom:
    st = brink_error_set(err, BRINK_ENOMEM, "out of memory checking linked beliefs");
out:
    free(dir);
    free(seed_mu);
    free(comp);
    free(cset);
    free(committed);
    free(L.p);
    free(memb);
    free(free_sets);
    free(P.bel);
    free(P.decided);
    free(P.mu);
    free(P.rows);
    return st;
}
