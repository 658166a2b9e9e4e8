/* reduce.c — the reduced strategic form of an extensive game (perfect recall required), and
 * the map from its mixed strategies back to behaviour strategies (Kuhn's theorem).
 *
 * A reduced pure strategy chooses an action only at the player's information sets that its own
 * earlier choices do not rule out. Player i's information sets hang off its sequences: set h is
 * reachable exactly when the strategy picked h's parent action (the last own action before h).
 * Counting uses N(sigma) = prod_{h after sigma} sum_{a in h} N(sigma a), checked against
 * BRINK_MAX_CELLS before anything is enumerated. Payoffs are exact; each cell walks the part
 * of the tree its strategies reach. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "brink/game.h"

void brink_reduced_free(brink_reduced *r)
{
    if (!r) return;
    if (r->choice)
        for (int i = 0; i < r->nplayers; i++) free(r->choice[i]);
    free(r->choice);
    free(r->nstrats);
    free(r);
}

/* Last action of player(h) on the path to h's first node, or -1 (perfect recall: unique). */
static int parent_action(const brink_efg *g, int h)
{
    int pl = g->infoset_player[h];
    int v = g->infoset_member[g->infoset_member_start[h]];
    while (g->node_parent[v] >= 0) {
        int u = g->node_parent[v];
        if (g->infoset_player[g->node_infoset[u]] == pl) return g->node_action[v];
        v = u;
    }
    return -1;
}

static int infoset_of_action(const brink_efg *g, int a, int lo, int hi)
{
    while (lo < hi) { /* binary search on action starts within [lo, hi) */
        int mid = (lo + hi) / 2;
        if (g->infoset_action_start[mid] + g->infoset_nactions[mid] <= a) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Number of reduced strategies of player i, as a double (may be huge); -1 when out of memory. */
static double count_strategies(const brink_efg *g, int i, const int *par)
{
    int h0 = g->player_infoset_start[i], h1 = g->player_infoset_start[i + 1];
    int a0 = g->player_action_start[i], na = g->player_action_start[i + 1] - a0;
    double *N = malloc(sizeof(double) * ((size_t)na + 1)); /* N[1 + a - a0]; N[0] = empty seq */
    if (!N) return -1;
    for (int k = 0; k <= na; k++) N[k] = 1;
    /* Later infosets come later in pre-order, so a reverse sweep sees children first. */
    for (int h = h1 - 1; h >= h0; h--) {
        double s = 0;
        for (int a = 0; a < g->infoset_nactions[h]; a++) s += N[1 + g->infoset_action_start[h] + a - a0];
        int p = par[h];
        N[p < 0 ? 0 : 1 + p - a0] *= s;
    }
    double r = N[0];
    free(N);
    return r;
}

typedef struct {
    const brink_efg *g;
    int i, h0, nh;
    const int *par;
    int *cur;       /* current partial strategy: choice per infoset of i */
    int *out;       /* rows of nh ints */
    int count;
} enum_state;

static int is_active(const enum_state *e, int k)
{
    const brink_efg *g = e->g;
    int p = e->par[e->h0 + k];
    if (p < 0) return 1;
    int ph = infoset_of_action(g, p, e->h0, e->h0 + e->nh);
    return e->cur[ph - e->h0] == p - g->infoset_action_start[ph];
}

/* Depth-first over the player's infosets in order (an odometer with an explicit position, so
 * thousands of infosets need no deep recursion). cur[k] = -2: not yet visited on this branch;
 * -1: the strategy does not reach infoset k; >= 0: the action chosen there. */
static void enumerate(enum_state *e)
{
    int k = 0;
    for (int j = 0; j < e->nh; j++) e->cur[j] = -2;
    while (k >= 0) {
        if (k == e->nh) {
            memcpy(e->out + (size_t)e->count * (size_t)e->nh, e->cur, sizeof(int) * (size_t)e->nh);
            e->count++;
            k--;
            continue;
        }
        int h = e->h0 + k;
        if (e->cur[k] == -2) {
            e->cur[k] = is_active(e, k) ? 0 : -1;
            k++;
        } else if (e->cur[k] == -1 || e->cur[k] + 1 >= e->g->infoset_nactions[h]) {
            e->cur[k] = -2;
            k--;
        } else {
            e->cur[k]++;
            k++;
        }
    }
}

/* Payoffs: walk the reached part of the tree for each cell. */
/* Payoffs of every cell of the reduced strategic form. A leaf's chance weight does not
 * depend on the cell, so each leaf's chance-weighted payoff is made once, and per player all
 * of them are put over one common denominator L (their lcm): a cell's payoff is then a sum
 * of integers over the leaves its strategies reach, and one quotient (one gcd), instead of a
 * rational product and sum (gcds each) per node and leaf of every cell. The same canonical
 * rationals. */
brink_status brink_efg_reduced_payoffs(const brink_efg *g, const brink_reduced *r, brink_nfg *nf,
                                       brink_error *err)
{
    int n = g->nplayers;
    size_t nw = (size_t)g->nleaves * (size_t)n;
    int *strat = calloc((size_t)n, sizeof(int));
    mpq_t *prob = brink_q_array_new((size_t)g->nnodes);
    int *stack = malloc(sizeof(int) * (size_t)g->nnodes);
    /* W[l * n + p]: leaf l's chance-weighted payoff to p over L[p] (first its numerator, Dn
     * its denominator); S[p]: a cell's sum */
    size_t nz = 2 * nw + 2 * (size_t)n + 1;
    mpz_t *zs = calloc(nz, sizeof *zs);
    if (!strat || !prob || !stack || !zs) {
        free(strat);
        brink_q_array_free(prob, prob ? (size_t)g->nnodes : 0);
        free(stack);
        free(zs);
        return brink_error_set(err, BRINK_ENOMEM,
                               "out of memory building the reduced strategic form");
    }
    for (size_t k = 0; k < nz; k++) mpz_init(zs[k]);
    mpz_t *W = zs, *Dn = zs + nw, *L = Dn + nw, *S = L + n;
    mpq_t t;
    mpq_init(t);
    /* chance weight of every node (the tree lists parents before children) */
    mpq_set_ui(prob[0], 1, 1);
    for (int v = 1; v < g->nnodes; v++) {
        int par = g->node_parent[v];
        if (g->infoset_player[g->node_infoset[par]] < 0)
            mpq_mul(prob[v], prob[par], g->action_probq[g->node_action[v]]);
        else
            mpq_set(prob[v], prob[par]);
    }
    for (int p = 0; p < n; p++) mpz_set_ui(L[p], 1);
    for (int v = 0; v < g->nnodes; v++) {
        int l = g->node_leaf[v];
        if (g->node_infoset[v] >= 0 || l < 0) continue;
        for (int p = 0; p < n; p++) {
            size_t k = (size_t)l * n + p;
            mpq_mul(t, prob[v], g->leaf_payq[k]);
            mpz_swap(W[k], mpq_numref(t));
            mpz_swap(Dn[k], mpq_denref(t));
            mpq_set_ui(t, 0, 1);
            if (mpz_cmp_ui(Dn[k], 1) != 0 && !mpz_divisible_p(L[p], Dn[k]))
                mpz_lcm(L[p], L[p], Dn[k]);
        }
    }
    for (size_t k = 0; k < nw; k++) {   /* W = num * (L / den) */
        if (mpz_sgn(Dn[k]) == 0) continue;   /* a leaf not listed above: never reached */
        mpz_divexact(Dn[k], L[k % (size_t)n], Dn[k]);
        mpz_mul(W[k], W[k], Dn[k]);
    }
    for (size_t c = 0; c < nf->ncells; c++) {
        brink_nfg_cell_strats(nf, c, strat);
        mpq_t *pay = nf->payq + c * (size_t)n;
        for (int p = 0; p < n; p++) mpz_set_ui(S[p], 0);
        int sp = 0;
        stack[sp++] = 0;
        while (sp > 0) {
            int v = stack[--sp];
            int h = g->node_infoset[v];
            if (h < 0) {
                int l = g->node_leaf[v];
                for (int p = 0; p < n; p++) mpz_add(S[p], S[p], W[(size_t)l * n + p]);
                continue;
            }
            int pl = g->infoset_player[h];
            if (pl < 0) {
                for (int a = 0; a < g->infoset_nactions[h]; a++) {
                    const mpq_t *pa = &g->action_probq[g->infoset_action_start[h] + a];
                    if (mpq_sgn(*pa) == 0) continue;
                    stack[sp++] = g->node_children[g->node_child_start[v] + a];
                }
            } else {
                int k = h - g->player_infoset_start[pl];
                int nh = brink_efg_player_ninfosets(g, pl);
                int a = r->choice[pl][(size_t)strat[pl] * nh + k];
                stack[sp++] = g->node_children[g->node_child_start[v] + a];
            }
        }
        for (int p = 0; p < n; p++) {
            mpq_set_num(pay[p], S[p]);
            mpq_set_den(pay[p], L[p]);
            mpq_canonicalize(pay[p]);
            nf->pay[c * (size_t)n + p] = brink_q_get_d(pay[p]);
        }
    }
    mpq_clear(t);
    for (size_t k = 0; k < nz; k++) mpz_clear(zs[k]);
    free(zs);
    free(strat);
    brink_q_array_free(prob, (size_t)g->nnodes);
    free(stack);
    return BRINK_OK;
}

brink_nfg *brink_efg_to_nfg(const brink_efg *g, brink_reduced **mapout, brink_error *err)
{
    if (mapout) *mapout = NULL;
    if (!g->perfect_recall) {   /* located at the node that shows it, when read from a file */
        if (brink_efg_recall_error(g, "the reduced strategic form needs it", err) == BRINK_OK)
            brink_error_set(err, BRINK_EINVALID, "the reduced strategic form needs perfect "
                            "recall, which this game lacks");
        else if (err && err->code != BRINK_ENOMEM)
            err->code = BRINK_EINVALID;
        return NULL;
    }
    int n = g->nplayers;
    brink_nfg *nf = NULL;
    int *par = malloc(sizeof(int) * ((size_t)g->ninfosets + 1));
    brink_reduced *r = calloc(1, sizeof *r);
    if (!par || !r) goto oom;
    r->nplayers = n;
    if (!(r->nstrats = calloc((size_t)n, sizeof(int))) || !(r->choice = calloc((size_t)n, sizeof(int *))))
        goto oom;
    for (int h = 0; h < g->ninfosets; h++) par[h] = g->infoset_player[h] >= 0 ? parent_action(g, h) : -1;
    double cells = 1;
    for (int i = 0; i < n; i++) {
        double c = count_strategies(g, i, par);
        if (c < 0) goto oom;
        cells *= c;
        if (!(c <= (double)BRINK_MAX_CELLS) || !(cells <= (double)BRINK_MAX_CELLS)) {
            /* counts beyond the doubles (2^2000 strategies) are said as such, not "inf"; the
             * tree methods named are those that take the game (tester 17, F7: seqlcp and
             * sequential were suggested for 4 players, and refuse them) */
            const char *tree = n == 2 ? "seqlcp, sequential, cfr" : "agent-logit, cfr";
            if (isfinite(cells))
                brink_error_set(err, BRINK_ETOOBIG,
                                "the reduced strategic form would have %.3g cells (player %d "
                                "alone has %.3g reduced strategies); the limit is %zu. Use a "
                                "method that works on the tree (%s)",
                                cells, i + 1, c, (size_t)BRINK_MAX_CELLS, tree);
            else
                brink_error_set(err, BRINK_ETOOBIG,
                                "the reduced strategic form would have more than 1e308 cells "
                                "(player %d alone has %s reduced strategies); the limit is %zu. "
                                "Use a method that works on the tree (%s)",
                                i + 1, isfinite(c) ? "many" : "more than 1e308",
                                (size_t)BRINK_MAX_CELLS, tree);
            goto fail;
        }
        r->nstrats[i] = (int)c;
    }
    for (int i = 0; i < n; i++) {
        int nh = brink_efg_player_ninfosets(g, i);
        size_t rows = (size_t)r->nstrats[i] * (size_t)(nh ? nh : 1);
        enum_state e = {g, i, g->player_infoset_start[i], nh, par, NULL, NULL, 0};
        e.cur = calloc((size_t)nh + 1, sizeof(int));
        r->choice[i] = e.out = calloc(rows, sizeof(int));
        if (!e.cur || !e.out) {
            free(e.cur);
            goto oom;
        }
        enumerate(&e);
        free(e.cur);
    }
    nf = brink_nfg_new(n, r->nstrats, err);
    if (!nf) goto fail;
    if (brink_nfg_set_title(nf, g->title, err)) goto fail;
    if (g->comment && g->comment[0] && brink_nfg_set_comment(nf, g->comment, err)) goto fail;
    for (int i = 0; i < n; i++) {
        if (brink_nfg_set_player_name(nf, i, g->player_names[i], err)) goto fail;
        /* Label a reduced strategy by its actions ("*" where it does not choose). */
        int nh = brink_efg_player_ninfosets(g, i);
        for (int s = 0; s < r->nstrats[i]; s++) {
            brink_buf lab;
            brink_buf_init(&lab);
            for (int k = 0; k < nh; k++) {
                int c = r->choice[i][(size_t)s * nh + k];
                int h = g->player_infoset_start[i] + k;
                if (k) brink_buf_puts(&lab, ",");
                brink_buf_puts(&lab, c < 0 ? "*" : g->action_label[g->infoset_action_start[h] + c][0]
                                                       ? g->action_label[g->infoset_action_start[h] + c]
                                                       : "?");
            }
            if (nh == 0) brink_buf_puts(&lab, "-");
            brink_status st = lab.failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory")
                                         : brink_nfg_set_strat_label(nf, i, s, lab.data, err);
            brink_buf_free(&lab);
            if (st) goto fail;
        }
    }
    if (brink_efg_reduced_payoffs(g, r, nf, err)) goto fail;
    free(par);
    if (mapout) *mapout = r;
    else brink_reduced_free(r);
    return nf;
oom:
    brink_error_set(err, BRINK_ENOMEM, "out of memory building the reduced strategic form");
fail:
    free(par);
    brink_reduced_free(r);
    brink_nfg_free(nf);
    return NULL;
}

/* Exact behaviour of a mixed profile. Per player the mixed probabilities are put over one
 * common denominator L (their lcm) first, so an infoset's sums are sums of integers and each
 * behaviour probability is one quotient (one gcd), not a chain of rational additions, each
 * with its own gcds: the same canonical rationals. */
brink_status brink_reduced_mixed_to_behavq(const brink_efg *g, const brink_reduced *r,
                                           const mpq_t *mixed, mpq_t *behav, brink_error *err)
{
    int maxs = 1;
    for (int i = 0; i < r->nplayers; i++)
        if (r->nstrats[i] > maxs) maxs = r->nstrats[i];
    mpz_t *num = brink_calloc((size_t)maxs + (size_t)g->nactions + 1, sizeof *num);
    if (!num) return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    mpz_t *acc = num + maxs;   /* [nactions of an infoset] */
    size_t nz = (size_t)maxs + (size_t)g->nactions + 1;
    for (size_t k = 0; k < nz; k++) mpz_init(num[k]);
    mpz_t lcm, den;
    mpz_init(lcm);
    mpz_init(den);
    mpq_t t;
    mpq_init(t);
    int off = 0;
    for (int a = 0; a < g->nactions; a++) mpq_set(behav[a], g->action_probq[a]);
    for (int i = 0; i < r->nplayers; i++) {
        int nh = brink_efg_player_ninfosets(g, i), ns = r->nstrats[i];
        /* num[s] = mixed[s] * lcm, an integer */
        mpz_set_ui(lcm, 1);
        for (int s = 0; s < ns; s++)
            if (mpq_sgn(mixed[off + s]) != 0 && mpz_cmp_ui(mpq_denref(mixed[off + s]), 1) != 0 &&
                !mpz_divisible_p(lcm, mpq_denref(mixed[off + s])))
                mpz_lcm(lcm, lcm, mpq_denref(mixed[off + s]));
        for (int s = 0; s < ns; s++) {
            mpz_divexact(num[s], lcm, mpq_denref(mixed[off + s]));
            mpz_mul(num[s], num[s], mpq_numref(mixed[off + s]));
        }
        for (int k = 0; k < nh; k++) {
            int h = g->player_infoset_start[i] + k, a0 = g->infoset_action_start[h];
            int na = g->infoset_nactions[h];
            mpz_set_ui(den, 0);
            for (int a = 0; a < na; a++) mpz_set_ui(acc[a], 0);
            for (int s = 0; s < ns; s++) {
                int c = r->choice[i][(size_t)s * nh + k];
                if (c < 0 || mpz_sgn(num[s]) == 0) continue;
                mpz_add(acc[c], acc[c], num[s]);
                mpz_add(den, den, num[s]);
            }
            for (int a = 0; a < na; a++) {
                mpq_t *b = &behav[a0 + a];
                if (mpz_sgn(den) == 0) {
                    mpq_set_ui(*b, 1, (unsigned long)na);
                } else if (mpq_sgn(*b) == 0) {
                    mpq_set_num(*b, acc[a]);
                    mpq_set_den(*b, den);
                    mpq_canonicalize(*b);
                } else {   /* (b + acc / lcm) / (den / lcm) */
                    mpq_set_num(t, lcm);
                    mpq_set_den(t, den);
                    mpq_canonicalize(t);
                    mpq_mul(*b, *b, t);
                    mpq_set_num(t, acc[a]);
                    mpq_set_den(t, den);
                    mpq_canonicalize(t);
                    mpq_add(*b, *b, t);
                }
            }
        }
        off += ns;
    }
    for (size_t k = 0; k < nz; k++) mpz_clear(num[k]);
    free(num);
    mpz_clear(lcm);
    mpz_clear(den);
    mpq_clear(t);
    return BRINK_OK;
}

brink_status brink_reduced_mixed_to_behav(const brink_efg *g, const brink_reduced *r,
                                          const double *mixed, double *behav, brink_error *err)
{
    int off = 0;
    for (int a = 0; a < g->nactions; a++) behav[a] = g->action_prob[a];
    for (int i = 0; i < r->nplayers; i++) {
        int nh = brink_efg_player_ninfosets(g, i);
        for (int k = 0; k < nh; k++) {
            int h = g->player_infoset_start[i] + k, a0 = g->infoset_action_start[h];
            double den = 0;
            for (int s = 0; s < r->nstrats[i]; s++) {
                int c = r->choice[i][(size_t)s * nh + k];
                if (c < 0) continue;
                behav[a0 + c] += mixed[off + s];
                den += mixed[off + s];
            }
            for (int a = 0; a < g->infoset_nactions[h]; a++)
                behav[a0 + a] = den > 0 ? behav[a0 + a] / den : 1.0 / g->infoset_nactions[h];
        }
        off += r->nstrats[i];
    }
    (void)err;
    return BRINK_OK;
}
