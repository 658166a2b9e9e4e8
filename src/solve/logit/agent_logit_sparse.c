/* agent_logit_sparse.c — the agent-logit path's Jacobian as a sparse matrix, and its solves
 * by sparse LU (KLU, SuiteSparse: Davis and Palamadai Natarajan 2010, "Algorithm 907: KLU, a
 * direct sparse solver for circuit simulation problems", ACM TOMS 37(3)).
 *
 * Why it is sparse. Q_h(a) = sum_v mu(v) U_i(child(v, a)) moves with y_b (action b at
 * information set h_b) only where the tree says so: U changes at the members of h_b and their
 * ancestors (the value of playing b), and the log-reach changes by one on the sub-trees
 * below b, so beliefs change only at sets that have members both inside and outside those
 * sub-trees. A chain store with six entrants has 2,184 player actions and about 1.5% of the
 * dense Jacobian's entries. Column b is computed from exactly those nodes: the walk up from
 * each member of h_b (|h_b| x depth) and the sub-trees below b; a dense tangent pass costs
 * the whole tree per column.
 *
 * The pattern depends on the tree alone (a set is included when the structure lets it move,
 * whatever the numbers), so every call builds the same columns and KLU's symbolic
 * analysis (the fill-reducing ordering) is made once per trace (again only when the local
 * parameter k moves to a coordinate whose analysis is not among the last few kept). The last row of the augmented system is e_k; the lambda column is
 * dense.
 * KLU prints nothing (its common block's print hooks are not set); its failures come
 * back as status values.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <suitesparse/klu.h>

#include "brink/core.h"
#include "solve/logit/agent_logit_int.h"

#define AL_SYM_CACHE 8

struct al_sparse {
    int n1, AP, H;
    /* the Jacobian's compressed columns (rows 0..AP-1): Ap[n1 + 1], Ai/Ax[cap] */
    int *Ap, *Ai;
    double *Ax;
    long nnz, cap;
    /* the augmented matrix [J; e_k^T]: Fp[n1 + 1], Fi/Fx[nnz + 1] */
    int *Fp, *Fi;
    double *Fx;
    double fxmax;   /* max |Fx| (NaN left out, as fmax does) */
    long fcap;
    /* KLU's symbolic analysis (the fill-reducing ordering) of [J; e_k^T] for k = symk. J's
     * pattern is fixed once built, so k alone names the pattern; the analyses of the last
     * few k are kept (the local parameter moves back and forth between a few coordinates,
     * and an analysis costs several factorisations) */
    int symk;
    klu_common kc;
    klu_symbolic *symbolic;
    struct {
        int k;
        long used;
        klu_symbolic *sym;
    } symc[AL_SYM_CACHE];
    long symclock;
    klu_numeric *numeric;   /* the last factorisation: its pivot order is reused */
    /* one column's pass */
    int *act_infoset;     /* [AP] */
    int stamp;
    int *hstamp, *hlist;  /* [H]: sets whose Q moves with this column */
    int *hcheck;          /* [H]: sets below b already looked at */
    int nh;
    int *dstamp;          /* [N]: node below action b (its log-reach moves) */
    int *ustamp;          /* [N]: node whose value moves (its dU valid) */
    double *uf;           /* [N]: its dU is uf x U(uc) (uc >= 0; one member of h_b below */
    int *uc;              /* [N]:  it, the usual case), else the vector in dU (uc = -1) */
    /* the pattern, once built: each column's moving sets, and where each row goes */
    int have_pattern;
    int *set_start;       /* [n1 + 1] */
    int *sets;            /* [sets_cap] */
    unsigned char *set_beliefs;   /* [sets_cap] 1: the set's beliefs move (every row) */
    unsigned char *hbel;  /* [H] this column: the set's beliefs move */
    long nsets, sets_cap;
    int *pos;             /* [n1] */
    int *inb;             /* [largest set]: member below b */
    double *dU;           /* [N * n] */
    int *rows;            /* [n1] the column's rows */
    int *rstamp;          /* [n1] */
    double *rval;         /* [n1] */
};

void al_sparse_free(al_sparse *s)
{
    if (!s)
        return;
    if (s->numeric)
        klu_free_numeric(&s->numeric, &s->kc);
    if (s->symbolic)
        klu_free_symbolic(&s->symbolic, &s->kc);
    for (int c = 0; c < AL_SYM_CACHE; c++)
        if (s->symc[c].sym)
            klu_free_symbolic(&s->symc[c].sym, &s->kc);
    free(s->Ap);
    free(s->Ai);
    free(s->Ax);
    free(s->Fp);
    free(s->Fi);
    free(s->Fx);
    free(s->act_infoset);
    free(s->hstamp);
    free(s->hlist);
    free(s->hcheck);
    free(s->dstamp);
    free(s->ustamp);
    free(s->uf);
    free(s->uc);
    free(s->set_start);
    free(s->sets);
    free(s->set_beliefs);
    free(s->hbel);
    free(s->pos);
    free(s->inb);
    free(s->dU);
    free(s->rows);
    free(s->rstamp);
    free(s->rval);
    free(s);
}

al_sparse *al_sparse_new(const struct brink_alogit *m)
{
    const brink_efg *g = m->g;
    al_sparse *s = brink_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->AP = m->AP;
    s->H = m->H;
    s->n1 = m->AP + 1;
    size_t N = (size_t)m->N, n1 = (size_t)s->n1;
    s->Ap = brink_calloc(n1 + 1, sizeof *s->Ap);
    s->Fp = brink_calloc(n1 + 1, sizeof *s->Fp);
    s->act_infoset = brink_calloc((size_t)m->AP + 1, sizeof *s->act_infoset);
    s->hstamp = brink_calloc((size_t)m->H + 1, sizeof *s->hstamp);
    s->hlist = brink_calloc((size_t)m->H + 1, sizeof *s->hlist);
    s->hcheck = brink_calloc((size_t)m->H + 1, sizeof *s->hcheck);
    s->hbel = brink_calloc((size_t)m->H + 1, sizeof *s->hbel);
    s->dstamp = brink_calloc(N, sizeof *s->dstamp);
    s->ustamp = brink_calloc(N, sizeof *s->ustamp);
    s->uf = brink_calloc(N, sizeof *s->uf);
    s->uc = brink_calloc(N, sizeof *s->uc);
    s->set_start = brink_calloc(n1 + 1, sizeof *s->set_start);
    s->sets_cap = (long)n1 + 1;   /* grown by keep_sets; never NULL */
    s->sets = brink_calloc((size_t)s->sets_cap, sizeof *s->sets);
    s->set_beliefs = brink_calloc((size_t)s->sets_cap, 1);
    s->pos = brink_calloc(n1, sizeof *s->pos);
    int maxm = 1;
    for (int h = 0; h < m->H; h++)
        maxm = g->infoset_nmembers[h] > maxm ? g->infoset_nmembers[h] : maxm;
    s->inb = brink_calloc((size_t)maxm, sizeof *s->inb);
    s->dU = brink_calloc(N * (size_t)m->n, sizeof *s->dU);
    s->rows = brink_calloc(n1, sizeof *s->rows);
    s->rstamp = brink_calloc(n1, sizeof *s->rstamp);
    s->rval = brink_calloc(n1, sizeof *s->rval);
    s->cap = 4 * (long)n1;
    s->Ai = brink_calloc((size_t)s->cap, sizeof *s->Ai);
    s->Ax = brink_calloc((size_t)s->cap, sizeof *s->Ax);
    if (!s->Ap || !s->Fp || !s->act_infoset || !s->hstamp || !s->hlist || !s->hcheck || !s->hbel ||
        !s->dstamp || !s->ustamp || !s->uf || !s->uc || !s->set_start || !s->sets || !s->set_beliefs || !s->pos || !s->inb || !s->dU || !s->rows || !s->rstamp ||
        !s->rval || !s->Ai || !s->Ax) {
        al_sparse_free(s);
        return NULL;
    }
    for (int h = 0; h < m->H; h++)
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            s->act_infoset[g->infoset_action_start[h] + a] = h;
    klu_defaults(&s->kc);   /* halts on a singular matrix: reported, not factorised */
    return s;
}

long al_sparse_nnz(const al_sparse *s)
{
    return s->nnz;
}

void al_sparse_columns(const al_sparse *s, const int **Ap, const int **Ai, const double **Ax)
{
    *Ap = s->Ap;
    *Ai = s->Ai;
    *Ax = s->Ax;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Add v at row r of the column being built. */
static void put(al_sparse *s, int *nr, int r, double v)
{
    if (s->rstamp[r] != s->stamp) {
        s->rstamp[r] = s->stamp;
        s->rval[r] = 0;
        s->rows[(*nr)++] = r;
    }
    s->rval[r] += v;
}

/* Mark set h (a player's) as moving with this column; beliefs: through its beliefs (every
 * action's row), else through the values of some children (their rows only). */
static void mark_set(al_sparse *s, int h, int beliefs)
{
    if (h >= 0 && h < s->H && s->hstamp[h] != s->stamp) {
        s->hstamp[h] = s->stamp;
        s->hbel[h] = 0;
        s->hlist[s->nh++] = h;
    }
    if (h >= 0 && h < s->H && beliefs)
        s->hbel[h] = 1;
}

/* Record s->hlist as column b's moving sets (s->sets from s->set_start[b]). -1 OOM. */
static int keep_sets(al_sparse *s, int b)
{
    if (s->nsets + s->nh > s->sets_cap) {
        long nc = s->sets_cap ? s->sets_cap : 1024;
        while (s->nsets + s->nh > nc)
            nc *= 2;
        int *q = brink_reallocarray(s->sets, (size_t)nc, sizeof *q);
        if (!q)
            return -1;
        s->sets = q;
        unsigned char *f = brink_reallocarray(s->set_beliefs, (size_t)nc, 1);
        if (!f)
            return -1;
        s->set_beliefs = f;
        s->sets_cap = nc;
    }
    /* in set order: a column's rows then come out sorted per set */
    qsort(s->hlist, (size_t)s->nh, sizeof *s->hlist, cmp_int);
    memcpy(s->sets + s->nsets, s->hlist, (size_t)s->nh * sizeof *s->sets);
    for (int t = 0; t < s->nh; t++)
        s->set_beliefs[s->nsets + t] = s->hbel[s->hlist[t]];
    s->nsets += s->nh;
    s->set_start[b + 1] = (int)s->nsets;
    return 0;
}

/* Append the column's entries (rows sorted) to the compressed arrays; -1 out of memory. */
static int flush_column(al_sparse *s, int j, int nr)
{
    qsort(s->rows, (size_t)nr, sizeof *s->rows, cmp_int);
    if (s->nnz + nr + 1 > s->cap) {
        long nc = s->cap;
        while (s->nnz + nr + 1 > nc)
            nc *= 2;
        int *ai = brink_reallocarray(s->Ai, (size_t)nc, sizeof *ai);
        if (!ai)
            return -1;
        s->Ai = ai;
        double *ax = brink_reallocarray(s->Ax, (size_t)nc, sizeof *ax);
        if (!ax)
            return -1;
        s->Ax = ax;
        s->cap = nc;
    }
    for (int k = 0; k < nr; k++) {
        s->Ai[s->nnz] = s->rows[k];
        s->Ax[s->nnz++] = s->rval[s->rows[k]];
    }
    s->Ap[j + 1] = (int)s->nnz;
    return 0;
}

/* v below action b (b's local index ab at the members memb[nmb], in pre-order, so their
 * children's sub-trees are disjoint increasing ranges): a binary search. */
static int below(const brink_efg *g, const int *memb, int nmb, int ab, int v)
{
    int lo = 0, hi = nmb - 1, c = -1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, cm = brink_efg_child(g, memb[mid], ab);
        if (cm <= v) {
            c = cm;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return c >= 0 && v < c + g->node_subtree_size[c];
}

/* The sets whose Q moves with y_b, into s->hlist (the first call for column b: the pattern).
 * Values move at the members of h_b and their ancestors (the parents' sets read them); the
 * log-reach moves by one below b, which moves the beliefs of a set that has members both
 * below b and elsewhere. */
static void moving_sets(al_sparse *s, const brink_efg *g, int b)
{
    int hb = s->act_infoset[b], ab = b - g->infoset_action_start[hb];
    const int *memb = g->infoset_member + g->infoset_member_start[hb];
    int nmb = g->infoset_nmembers[hb];
    for (int k = 0; k < nmb; k++)
        for (int x = memb[k]; g->node_parent[x] >= 0; x = g->node_parent[x])
            mark_set(s, g->node_infoset[g->node_parent[x]], 0);
    for (int k = 0; k < nmb; k++) {
        int c = brink_efg_child(g, memb[k], ab);
        for (int x = c; x < c + g->node_subtree_size[c]; x++)
            s->dstamp[x] = s->stamp;
    }
    for (int k = 0; k < nmb; k++) {
        int c = brink_efg_child(g, memb[k], ab);
        for (int x = c; x < c + g->node_subtree_size[c]; x++) {
            int h = g->node_infoset[x];
            if (h < 0 || h >= s->H || s->hcheck[h] == s->stamp)
                continue;
            s->hcheck[h] = s->stamp;
            const int *mem = g->infoset_member + g->infoset_member_start[h];
            for (int q = 0; q < g->infoset_nmembers[h]; q++)
                if (s->dstamp[mem[q]] != s->stamp) {
                    mark_set(s, h, 1);
                    break;
                }
        }
    }
}

/* Column b: dH/dy_b. The first Jacobian of a trace builds the pattern (sorted rows, and the
 * moving sets of each column); later ones only fill its values. */
static int column(al_sparse *s, const struct brink_alogit *m, const double *y, double lambda,
                  int b)
{
    const brink_efg *g = m->g;
    int n = m->n, hb = s->act_infoset[b], a0b = g->infoset_action_start[hb];
    int nab = g->infoset_nactions[hb], ab = b - a0b;
    const int *memb = g->infoset_member + g->infoset_member_start[hb];
    int nmb = g->infoset_nmembers[hb];
    int build = !s->have_pattern;
    s->stamp++;
    s->nh = 0;
    int nr = 0;
    const int *sets;
    int nsets;
    if (build) {
        moving_sets(s, g, b);
        if (keep_sets(s, b))
            return -1;
    }
    sets = s->sets + s->set_start[b];
    const unsigned char *sbel = s->set_beliefs + s->set_start[b];
    nsets = s->set_start[b + 1] - s->set_start[b];
    if (!build) {   /* where each row's value goes */
        for (int q = s->Ap[b]; q < s->Ap[b + 1]; q++) {
            s->pos[s->Ai[q]] = q;
            s->Ax[q] = 0;
        }
    }
#define PUT(row, val) (build ? put(s, &nr, (row), (val)) : (void)(s->Ax[s->pos[row]] += (val)))
    /* the equations of b's own set: sum_a exp(y_a) - 1, and y_a - y_a0 - ... */
    PUT(a0b, exp(y[b]));
    if (ab > 0)
        PUT(b, 1.0);
    else
        for (int a = 1; a < nab; a++)
            PUT(a0b + a, -1.0);
    /* values: the members of h_b gain sigma_b U(child), carried up to the root. A node
     * that one member's walk reaches keeps the factor and the child (dU = f U(child), read
     * for one player where it is used); a vector only where walks meet */
    for (int k = 0; k < nmb; k++) {
        int v = memb[k], c = brink_efg_child(g, v, ab);
        double f = m->sigma[b];
        const double *Uc = m->U + (size_t)c * n;
        for (int x = v;;) {
            if (s->ustamp[x] != s->stamp) {
                s->ustamp[x] = s->stamp;
                s->uf[x] = f;
                s->uc[x] = c;
            } else {
                double *d = s->dU + (size_t)x * n;
                if (s->uc[x] >= 0) {
                    const double *U0 = m->U + (size_t)s->uc[x] * n;
                    for (int i = 0; i < n; i++)
                        d[i] = s->uf[x] * U0[i];
                    s->uc[x] = -1;
                }
                for (int i = 0; i < n; i++)
                    d[i] += f * Uc[i];
            }
            int p = g->node_parent[x];
            if (p < 0)
                break;
            f *= m->sigma[g->node_action[x]];
            x = p;
        }
    }
    /* dQ at the moving sets, into rows a0 + a (a >= 1): -lambda (dQ_a - dQ_a0); the
     * log-reach is one more at members below b */
    for (int t = 0; t < nsets; t++) {
        int h = sets[t], i = g->infoset_player[h], a0 = g->infoset_action_start[h];
        const int *mem = g->infoset_member + g->infoset_member_start[h];
        int nm = g->infoset_nmembers[h], na = g->infoset_nactions[h];
        double mean = 0;
        for (int k = 0; k < nm; k++) {
            s->inb[k] = below(g, memb, nmb, ab, mem[k]);
            mean += s->inb[k] ? m->mu[mem[k]] : 0;
        }
        /* rows: every action's when the beliefs move; else those whose child values move,
         * and all when the reference action's do (the same rule builds and fills) */
        double dq0 = 0;
        int dep0 = sbel[t];
        for (int a = 0; a < na; a++) {
            double dq = 0;
            int dep = sbel[t];
            for (int k = 0; k < nm; k++) {
                int v = mem[k], c = brink_efg_child(g, v, a);
                double dmu = m->mu[v] * ((s->inb[k] ? 1.0 : 0.0) - mean);
                dq += dmu * m->U[(size_t)c * n + i];
                if (s->ustamp[c] == s->stamp) {
                    double du = s->uc[c] >= 0 ? s->uf[c] * m->U[(size_t)s->uc[c] * n + i]
                                              : s->dU[(size_t)c * n + i];
                    dq += m->mu[v] * du;
                    dep = 1;
                }
            }
            if (a == 0) {
                dq0 = dq;
                dep0 = dep;
            } else if (dep || dep0) {
                PUT(a0 + a, -lambda * (dq - dq0));
            }
        }
    }
#undef PUT
    return build ? flush_column(s, b, nr) : 0;
}

void al_sparse_jacobian(al_sparse *s, const struct brink_alogit *m, const double *y,
                        double lambda)
{
    const brink_efg *g = m->g;
    if (s->nnz < 0)
        return;   /* out of memory before: reported by al_sparse_solve */
    if (!s->have_pattern) {
        s->nnz = 0;
        s->Ap[0] = 0;
        s->nsets = 0;
        s->set_start[0] = 0;
    }
    int failed = 0;
    for (int b = 0; b < s->AP && !failed; b++)
        failed = column(s, m, y, lambda, b) != 0;
    if (!failed) {   /* dH/dlambda = -(Q_a - Q_a0): rows in order */
        s->stamp++;
        int nr = 0;
        long q = s->Ap[s->AP];
        for (int h = 0; h < s->H; h++) {
            int a0 = g->infoset_action_start[h];
            for (int a = 1; a < g->infoset_nactions[h]; a++) {
                double v = -(m->Q[a0 + a] - m->Q[a0]);
                if (s->have_pattern)
                    s->Ax[q++] = v;
                else
                    put(s, &nr, a0 + a, v);
            }
        }
        if (!s->have_pattern)
            failed = flush_column(s, s->AP, nr) != 0;
    }
    if (failed)
        s->nnz = -1;
    else
        s->have_pattern = 1;
}

/* [J; e_k^T] into Fp/Fi/Fx: row AP (the last) holds a one in column k. -1 out of memory. */
static int augment(al_sparse *s, int k)
{
    if (s->nnz + 1 > s->fcap) {
        long nc = s->cap + 1;
        int *fi = brink_reallocarray(s->Fi, (size_t)nc, sizeof *fi);
        if (!fi)
            return -1;
        s->Fi = fi;
        double *fx = brink_reallocarray(s->Fx, (size_t)nc, sizeof *fx);
        if (!fx)
            return -1;
        s->Fx = fx;
        s->fcap = nc;
    }
    long q = 0;
    s->Fp[0] = 0;
    for (int j = 0; j < s->n1; j++) {
        long len = s->Ap[j + 1] - s->Ap[j];
        memcpy(s->Fi + q, s->Ai + s->Ap[j], (size_t)len * sizeof *s->Fi);
        memcpy(s->Fx + q, s->Ax + s->Ap[j], (size_t)len * sizeof *s->Fx);
        q += len;
        if (j == k) {   /* row AP is the largest: last in its column */
            s->Fi[q] = s->AP;
            s->Fx[q++] = 1.0;
        }
        s->Fp[j + 1] = (int)q;
    }
    double mx = 0;
    for (long e = 0; e < q; e++) {
        double a = fabs(s->Fx[e]);
        if (a > mx)
            mx = a;
    }
    s->fxmax = mx;
    return 0;
}

/* The symbolic analysis for the current pattern, [J; e_k^T] (made again only if k moved to
 * a coordinate none of the kept analyses is for). */
static int analyse(al_sparse *s, int k)
{
    if (s->symbolic && s->symk == k)
        return 0;
    if (s->numeric)
        klu_free_numeric(&s->numeric, &s->kc);
    if (s->symbolic) {   /* kept, in the place of the least recently used */
        int c = 0;
        for (int d = 1; d < AL_SYM_CACHE; d++)
            if (s->symc[d].used < s->symc[c].used)
                c = d;
        if (s->symc[c].sym)
            klu_free_symbolic(&s->symc[c].sym, &s->kc);
        s->symc[c].sym = s->symbolic;
        s->symc[c].k = s->symk;
        s->symc[c].used = ++s->symclock;
        s->symbolic = NULL;
    }
    for (int c = 0; c < AL_SYM_CACHE; c++)
        if (s->symc[c].sym && s->symc[c].k == k) {
            s->symbolic = s->symc[c].sym;
            s->symc[c].sym = NULL;
            s->symc[c].used = 0;
            s->symk = k;
            return 0;
        }
    s->symbolic = klu_analyze(s->n1, s->Fp, s->Fi, &s->kc);
    if (!s->symbolic)
        return s->kc.status == KLU_OUT_OF_MEMORY ? -2 : -1;
    s->symk = k;
    return 0;
}

/* A fresh factorisation with partial pivoting. */
static int factor(al_sparse *s)
{
    if (s->numeric)
        klu_free_numeric(&s->numeric, &s->kc);
    s->numeric = klu_factor(s->Fp, s->Fi, s->Fx, s->symbolic, &s->kc);
    if (!s->numeric)
        return s->kc.status == KLU_OUT_OF_MEMORY ? -2 : -1;
    return 0;
}

/* x = F^-1 r with the current factors; 1 when the residual is small next to the sizes of F,
 * x and r (a pivot order reused from an earlier matrix can lose accuracy), 0 when not, -1
 * when the solve failed. */
static int solve_checked(al_sparse *s, const double *r, double *x)
{
    memcpy(x, r, (size_t)s->n1 * sizeof *x);
    if (!klu_solve(s->symbolic, s->numeric, s->n1, 1, x, &s->kc))
        return -1;
    double *res = s->rval;   /* scratch [n1] */
    /* maxima as fmax takes them (a NaN is left out), without its call per entry */
    double xmax = 0, rmax = 0, emax = 0;
    for (int i = 0; i < s->n1; i++) {
        res[i] = -r[i];
        if (!isfinite(x[i]))
            return 0;
        double ax = fabs(x[i]), ar = fabs(r[i]);
        if (ax > xmax)
            xmax = ax;
        if (ar > rmax)
            rmax = ar;
    }
    const int *Fp = s->Fp, *Fi = s->Fi;
    const double *Fx = s->Fx;
    for (int j = 0; j < s->n1; j++) {
        double xj = x[j];
        for (int q = Fp[j]; q < Fp[j + 1]; q++)
            res[Fi[q]] += Fx[q] * xj;
    }
    for (int i = 0; i < s->n1; i++) {
        double a = fabs(res[i]);
        if (a > emax)
            emax = a;
    }
    return emax <= 1e-9 * (s->fxmax * xmax + rmax);
}

int al_sparse_solve(al_sparse *s, int k, const double *r, double *x)
{
    if (s->nnz < 0 || augment(s, k))
        return -2;
    int st = analyse(s, k);
    if (st)
        return st;
    /* The path moves little between solves: the last pivot order is tried first (no search),
     * and a solve that comes out inaccurate is done again on a fresh factorisation */
    int fresh = !s->numeric;
    if (fresh) {
        if ((st = factor(s)) != 0)
            return st;
    } else if (!klu_refactor(s->Fp, s->Fi, s->Fx, s->symbolic, s->numeric, &s->kc)) {
        if (s->kc.status == KLU_OUT_OF_MEMORY)
            return -2;
        if ((st = factor(s)) != 0)
            return st;
        fresh = 1;
    }
    int ok = solve_checked(s, r, x);
    if (ok == 0 && !fresh) {
        if ((st = factor(s)) != 0)
            return st;
        ok = solve_checked(s, r, x);
    }
    if (ok < 0)
        return s->kc.status == KLU_OUT_OF_MEMORY ? -2 : -1;
    for (int j = 0; j < s->n1; j++)
        if (!isfinite(x[j]))
            return -1;
    return 0;
}

int al_sparse_resolve(al_sparse *s, const double *r, double *x)
{
    if (!s->numeric || !s->symbolic)
        return -1;
    int ok = solve_checked(s, r, x);
    return ok == 1 ? 0 : ok < 0 && s->kc.status == KLU_OUT_OF_MEMORY ? -2 : -1;
}
