/* bienum.c — extreme equilibria of bimatrix games by racing vertex searches (see bienum.h).
 *
 * Numbering. Side 0 is P = {x in R^m : x >= 0, B^T x <= 1} (k = n rows, d = m columns);
 * side 1 is Q = {y in R^n : y >= 0, A y <= 1} (k = m, d = n). On either side a polytope
 * {z >= 0 : M z <= 1} numbers its variables 0..d-1 and its slacks d..d+k-1. Variable v of the
 * searched side W and slack v of the other side O carry the same game label, and so do slack q
 * of W and variable q of O: O's index of W's index i is (i + k_W) mod (d_W + k_W).
 */
#include "solve/enum/bienum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "solve/enum/ksolve.h"
#include "solve/enum/lset.h"
#include "solve/enum/venum.h"

enum { BIENUM_SLICE = 2048, BIENUM_MAX_FACE_SYSTEMS = 4096 };

typedef struct side {
    int k, d;
    const mpz_t *m;
    venum *e;
    int done;
} side;

/* Growable list of exact points of one dimension. */
typedef struct ptlist {
    int dim, count, cap;
    mpq_t *q;
} ptlist;

static int ptlist_add(ptlist *l, const mpq_t *z)
{
    if (l->count == l->cap) {
        int ncap = l->cap ? 2 * l->cap : 16;
        mpq_t *nq = realloc(l->q, sizeof(mpq_t) * (size_t)ncap * l->dim);
        if (!nq)
            return -1;
        l->q = nq;
        l->cap = ncap;
    }
    mpq_t *dst = l->q + (size_t)l->count * l->dim;
    mpq_t sum;
    mpq_init(sum);
    for (int i = 0; i < l->dim; i++)
        mpq_add(sum, sum, z[i]);
    for (int i = 0; i < l->dim; i++) {
        mpq_init(dst[i]);
        mpq_div(dst[i], z[i], sum); /* a vertex other than 0 has a positive sum */
    }
    mpq_clear(sum);
    return l->count++;
}

/* Add the point with num[i] at coordinate pos[i] (distinct) and 0 elsewhere, all over one
 * positive denominator, normalised to sum 1: that denominator cancels, so coordinate pos[i]
 * is num[i] / S with S the sum of the numerators, one canonical quotient each (the same
 * canonical rationals as ptlist_add on the quotients). */
static int ptlist_add_frac(ptlist *l, const mpz_t *num, const int *pos, int s)
{
    if (l->count == l->cap) {
        int ncap = l->cap ? 2 * l->cap : 16;
        mpq_t *nq = realloc(l->q, sizeof(mpq_t) * (size_t)ncap * l->dim);
        if (!nq)
            return -1;
        l->q = nq;
        l->cap = ncap;
    }
    mpq_t *dst = l->q + (size_t)l->count * l->dim;
    for (int i = 0; i < l->dim; i++)
        mpq_init(dst[i]);
    mpz_t sum;
    mpz_init(sum);
    for (int i = 0; i < s; i++)
        mpz_add(sum, sum, num[i]);
    for (int i = 0; i < s; i++) {
        if (mpz_sgn(num[i]) == 0)
            continue;
        mpq_set_num(dst[pos[i]], num[i]);
        mpq_set_den(dst[pos[i]], sum); /* a vertex other than 0 has a positive sum */
        mpq_canonicalize(dst[pos[i]]);
    }
    mpz_clear(sum);
    return l->count++;
}

static void ptlist_free(ptlist *l)
{
    for (size_t i = 0; i < (size_t)l->count * l->dim; i++)
        mpq_clear(l->q[i]);
    free(l->q);
    memset(l, 0, sizeof *l);
}

typedef struct pairs {
    int count, cap;
    int *w, *o; /* winner point index, other point index */
} pairs;

static int pairs_add(pairs *p, int w, int o)
{
    if (p->count == p->cap) {
        int ncap = p->cap ? 2 * p->cap : 16;
        int *nw = realloc(p->w, sizeof(int) * (size_t)ncap);
        if (!nw)
            return -1;
        p->w = nw;
        int *no = realloc(p->o, sizeof(int) * (size_t)ncap);
        if (!no)
            return -1;
        p->o = no;
        p->cap = ncap;
    }
    p->w[p->count] = w;
    p->o[p->count] = o;
    p->count++;
    return 0;
}

void bienum_result_free(bienum_result *r)
{
    if (!r)
        return;
    if (r->x)
        for (size_t i = 0; i < (size_t)r->nx * r->m; i++)
            mpq_clear(r->x[i]);
    if (r->y)
        for (size_t i = 0; i < (size_t)r->ny * r->n; i++)
            mpq_clear(r->y[i]);
    free(r->x);
    free(r->y);
    free(r->px);
    free(r->py);
    r->x = r->y = NULL;
    r->px = r->py = NULL;
    r->nx = r->ny = r->npairs = 0;
}

double bienum_ubt(int d, int f)
{
    if (d <= 0 || f <= d)
        return f > 0 ? 1 : 0;
    /* C(f - ceil(d/2), floor(d/2)) + C(f - floor(d/2) - 1, ceil(d/2) - 1) */
    int fl = d / 2, ce = d - fl;
    double a = lgamma(f - ce + 1.0) - lgamma(fl + 1.0) - lgamma(f - ce - fl + 1.0);
    double b = lgamma(f - fl - 1 + 1.0) - lgamma(ce - 1 + 1.0) - lgamma(f - fl - ce + 1.0);
    return exp(a) + exp(b);
}

/* State of the matching phase. */
typedef struct matcher {
    side *w, *o;
    int words_o;          /* words of O's label sets */
    lset partners;        /* label sets (O numbering) of partner vertices found */
    ptlist wpts, opts;    /* exact points: matched winner vertices, partners */
    int *wmap;            /* winner vertex index -> wpts index, or -1 */
    int *pmap;            /* partners index -> opts index */
    pairs pr;
    lset local;           /* partners of the current winner vertex */
    double max_face_systems; /* more square systems than this: use the label lookup */
    mpq_t *z;             /* scratch points: z for partners, zw for winners; */
    mpq_t *zw;            /* both max(d_W, k_W) long, zw = z + that */
    uint64_t *lab, *zc, *tr; /* scratch bitsets */
} matcher;

/* Add the pair (winner vertex wi, partner with label set lo); the partner point: onum[i] at
 * coordinate opos[i] (i < os) over a common positive denominator when onum is not NULL,
 * else computed from its labels. */
static int add_pair(matcher *mt, size_t wi, const uint64_t *lo, const mpz_t *onum,
                    const int *opos, int os)
{
    side *w = mt->w, *o = mt->o;
    if (mt->wmap[wi] < 0) {
        const uint64_t *lw = lset_key(venum_vertex_set(w->e), wi);
        if (ksolve_tight_point(w->m, w->k, w->d, lw, mt->zw) != 0)
            return -1;
        int idx = ptlist_add(&mt->wpts, (const mpq_t *)mt->zw);
        if (idx < 0)
            return -1;
        mt->wmap[wi] = idx;
    }
    size_t pi;
    int ins = lset_insert(&mt->partners, lo, &pi);
    if (ins < 0)
        return -1;
    if (ins == 1) {
        int *nm = realloc(mt->pmap, sizeof(int) * mt->partners.cap);
        if (!nm)
            return -1;
        mt->pmap = nm;
        int idx;
        if (onum) {
            idx = ptlist_add_frac(&mt->opts, onum, opos, os);
        } else {
            if (ksolve_tight_point(o->m, o->k, o->d, lo, mt->z) != 0)
                return -1;
            idx = ptlist_add(&mt->opts, (const mpq_t *)mt->z);
        }
        if (idx < 0)
            return -1;
        mt->pmap[pi] = idx;
    }
    return pairs_add(&mt->pr, mt->wmap[wi], mt->pmap[pi]);
}

/* Record the partner just solved by ksolve (rows R, columns T, size s) for winner vertex wi,
 * unless this vertex already has it. */
static int take_partner(matcher *mt, ksolve *ks, size_t wi, const int *T, int s)
{
    side *w = mt->w;
    /* Labels in O's numbering: variables q outside T or zero there, slacks k_W + v tight. */
    memset(mt->lab, 0, sizeof(uint64_t) * (size_t)mt->words_o);
    for (int q = 0; q < w->k; q++)
        bits_set(mt->lab, q);
    for (int i = 0; i < s; i++)
        if (!bits_get(mt->zc, T[i]))
            bits_clear(mt->lab, T[i]);
    for (int v = 0; v < w->d; v++)
        if (bits_get(mt->tr, v))
            bits_set(mt->lab, w->k + v);
    int ins = lset_insert(&mt->local, mt->lab, NULL);
    if (ins <= 0)
        return ins;
    return add_pair(mt, wi, mt->lab, (const mpz_t *)ks->num, T, s); /* over ks->den */
}

/* Partners of winner vertex wi by linear systems. They are the vertices of the face
 *     F = {w_T >= 0 : M[R][T] w_T = 1, M[v][T] w_T <= 1 for v not in R}
 * of the other polytope (R: support of the winner point, T: its best responses). When
 * |T| = |R| + e, each vertex of F makes e more constraints tight (w_q = 0, or a row v), so
 * every choice of e such constraints is one square system; e = 0 for a nondegenerate vertex.
 * Returns 1 when done, 0 when the label lookup must decide (the rows R are dependent, or there
 * are too many choices), -1 on OOM. */
static int match_face(matcher *mt, ksolve *ks, size_t wi, int *R, int *T, int *K, int *pick)
{
    side *w = mt->w;
    const uint64_t *L = lset_key(venum_vertex_set(w->e), wi);
    int r0 = 0, t0 = 0;
    for (int v = 0; v < w->d; v++)
        if (!bits_get(L, v))
            R[r0++] = v;
    if (r0 == 0)
        return 1; /* the origin: no equilibrium */
    for (int q = 0; q < w->k; q++)
        if (bits_get(L, w->d + q))
            T[t0++] = q;
    int e = t0 - r0;
    if (e < 0)
        return 0;
    /* Candidates for the e extra tight constraints: K[i] >= 0 is column q = K[i] of T
     * (w_q = 0); K[i] < 0 is row -1 - K[i] outside R. */
    int nk = 0;
    for (int i = 0; i < t0; i++)
        K[nk++] = T[i];
    for (int v = 0; v < w->d; v++)
        if (bits_get(L, v))
            K[nk++] = -1 - v;
    double choices = 1;
    for (int i = 0; i < e; i++)
        choices = choices * (nk - i) / (i + 1);
    if (choices > mt->max_face_systems)
        return 0;
    lset_clear(&mt->local);
    int *Ts = T + t0; /* the system's columns, after the fixed list */
    int nonsingular = 0;
    for (int i = 0; i < e; i++)
        pick[i] = i;
    for (;;) {
        /* System: rows R0 + picked rows; columns T0 minus picked columns. */
        int s = r0, t = 0;
        for (int i = 0; i < e; i++)
            if (K[pick[i]] < 0)
                R[s++] = -1 - K[pick[i]];
        for (int i = 0, j = 0; i < t0; i++) {
            while (j < e && K[pick[j]] >= 0 && K[pick[j]] < T[i])
                j++;
            if (j < e && K[pick[j]] == T[i])
                continue;
            Ts[t++] = T[i];
        }
        if (s == t && s > 0) {
            ks_result res = ksolve_partner(ks, R, Ts, s, mt->zc, mt->tr);
            if (res != KS_SINGULAR)
                nonsingular = 1;
            if (res == KS_FEASIBLE && take_partner(mt, ks, wi, Ts, s) < 0)
                return -1;
        }
        /* next combination of e out of nk */
        int i = e - 1;
        while (i >= 0 && pick[i] == nk - e + i)
            i--;
        if (i < 0)
            break;
        pick[i]++;
        for (int j = i + 1; j < e; j++)
            pick[j] = pick[j - 1] + 1;
    }
    return nonsingular ? 1 : 0;
}

/* Partners of winner vertex wi among the complete vertex list of O. */
static int match_lookup(matcher *mt, size_t wi)
{
    side *w = mt->w, *o = mt->o;
    const uint64_t *L = lset_key(venum_vertex_set(w->e), wi);
    int nw = w->k + w->d, ww = (nw + 63) / 64;
    int is_origin = 1;
    for (int v = 0; v < w->d && is_origin; v++)
        is_origin = bits_get(L, v);
    if (is_origin)
        return 0;
    /* Required labels of a partner, in O's numbering. */
    uint64_t *need = mt->lab;
    memset(need, 0, sizeof(uint64_t) * (size_t)ww);
    for (int i = 0; i < nw; i++)
        if (!bits_get(L, i))
            bits_set(need, (i + w->k) % nw);
    const lset *ov = venum_vertex_set(o->e);
    for (size_t j = 0; j < ov->count; j++) {
        const uint64_t *lo = lset_key(ov, j);
        if (!bits_subset(need, lo, ww))
            continue;
        int o_origin = 1;
        for (int q = 0; q < o->d && o_origin; q++)
            o_origin = bits_get(lo, q);
        if (o_origin)
            continue;
        if (add_pair(mt, wi, lo, NULL, NULL, 0) < 0)
            return -1;
    }
    return 0;
}

static brink_status finish_search(side *s, const bienum_opts *o, brink_error *err)
{
    size_t slice = o && o->slice ? o->slice : BIENUM_SLICE;
    while (!s->done) {
        brink_status st = venum_step(s->e, slice, &s->done, err);
        if (st != BRINK_OK)
            return st;
        size_t nb = venum_nbases(s->e);
        if (!s->done && o && o->max_bases > 0 && nb > (size_t)o->max_bases)
            return brink_error_set(err, BRINK_ETOOBIG,
                                   "enumeration stopped: more than %ld bases", o->max_bases);
        if (!s->done && o && o->should_stop && o->should_stop(o->ctx, nb))
            return brink_error_set(err, BRINK_ENOCONVERGE,
                                   "enumeration stopped after %zu bases", nb);
    }
    return BRINK_OK;
}

brink_status bienum_run(const bimatrix *bm, const bienum_opts *o, bienum_result *out,
                        brink_error *err)
{
    memset(out, 0, sizeof *out);
    out->m = bm->m;
    out->n = bm->n;
    side sd[2] = {{bm->n, bm->m, (const mpz_t *)bm->bt, NULL, 0},
                  {bm->m, bm->n, (const mpz_t *)bm->a, NULL, 0}};
    int which = o ? o->which : 0;
    int fw = o ? o->force_width : 0;
    size_t slice = o && o->slice ? o->slice : BIENUM_SLICE;
    brink_status st = BRINK_OK;
    matcher mt;
    memset(&mt, 0, sizeof mt);
    ksolve ks;
    memset(&ks, 0, sizeof ks);
    int *R = NULL;
    for (int i = 0; i < 2; i++) {
        if (which && which != i + 1)
            continue;
        sd[i].e = venum_new(sd[i].k, sd[i].d, sd[i].m, fw, err);
        if (!sd[i].e) {
            st = err ? err->code : BRINK_ENOMEM;
            goto done;
        }
    }
    /* The race: equal slices until one search ends. */
    int win = -1;
    while (win < 0) {
        for (int i = 0; i < 2 && win < 0; i++) {
            if (!sd[i].e)
                continue;
            st = venum_step(sd[i].e, slice, &sd[i].done, err);
            if (st != BRINK_OK)
                goto done;
            if (sd[i].done)
                win = i;
        }
        if (win >= 0)
            break;
        size_t nb = (sd[0].e ? venum_nbases(sd[0].e) : 0) + (sd[1].e ? venum_nbases(sd[1].e) : 0);
        int over = o && o->max_bases > 0;
        for (int i = 0; i < 2 && over; i++)
            if (sd[i].e && venum_nbases(sd[i].e) <= (size_t)o->max_bases)
                over = 0;
        if (over) {
            st = brink_error_set(err, BRINK_ETOOBIG, "enumeration stopped: more than %ld bases",
                                 o->max_bases);
            goto done;
        }
        if (o && o->should_stop && o->should_stop(o->ctx, nb)) {
            st = brink_error_set(err, BRINK_ENOCONVERGE, "enumeration stopped after %zu bases",
                                 nb);
            goto done;
        }
    }
    out->searched = win + 1;
    mt.w = &sd[win];
    mt.o = &sd[1 - win];
    side *w = mt.w, *ot = mt.o;
    int nvar = w->k + w->d;
    mt.words_o = (nvar + 63) / 64;
    const lset *wv = venum_vertex_set(w->e);
    int dim_max = w->k > w->d ? w->k : w->d;
    mt.wpts.dim = w->d;
    mt.opts.dim = w->k;
    mt.z = malloc(sizeof(mpq_t) * (size_t)dim_max * 2);
    mt.wmap = malloc(sizeof(int) * (wv->count ? wv->count : 1));
    mt.lab = calloc((size_t)mt.words_o * 3, sizeof(uint64_t));
    /* R: d_W rows; T: 2 k_W (fixed list + system); K and pick: k_W + d_W each. */
    R = malloc(sizeof(int) * (size_t)6 * (dim_max + 1));
    int *pending = malloc(sizeof(int) * (wv->count ? wv->count : 1));
    int npending = 0;
    if (!mt.z || !mt.wmap || !mt.lab || !R || !pending ||
        lset_init(&mt.partners, mt.words_o) != 0 || lset_init(&mt.local, mt.words_o) != 0) {
        free(pending);
        if (mt.z)
            free(mt.z), mt.z = NULL;
        goto oom;
    }
    for (int i = 0; i < 2 * dim_max; i++)
        mpq_init(mt.z[i]);
    mt.zw = mt.z + dim_max;
    mt.zc = mt.lab + mt.words_o;
    mt.tr = mt.zc + mt.words_o;
    for (size_t i = 0; i < wv->count; i++)
        mt.wmap[i] = -1;
    int cap = w->k < w->d ? w->k : w->d;
    if (ksolve_init(&ks, ot->k, ot->d, ot->m, cap) != 0) {
        free(pending);
        goto oom;
    }
    if (o && o->no_filter)
        ks.max_cond = 0; /* every system is decided exactly */
    int *T = R + dim_max + 1, *K = T + 2 * (dim_max + 1), *pick = K + 2 * (dim_max + 1);
    mt.max_face_systems = BIENUM_MAX_FACE_SYSTEMS;
    for (size_t i = 0; i < wv->count; i++) {
        int r = match_face(&mt, &ks, i, R, T, K, pick);
        if (r < 0) {
            free(pending);
            goto oom;
        }
        if (r == 0)
            pending[npending++] = (int)i;
        else
            out->fast++;
    }
    if (npending > 0) {
        out->both = 1;
        if (!ot->e) {
            ot->e = venum_new(ot->k, ot->d, ot->m, fw, err);
            if (!ot->e) {
                free(pending);
                st = err ? err->code : BRINK_ENOMEM;
                goto done;
            }
        }
        st = finish_search(ot, o, err);
        if (st != BRINK_OK) {
            free(pending);
            goto done;
        }
        for (int p = 0; p < npending; p++)
            if (match_lookup(&mt, (size_t)pending[p]) < 0) {
                free(pending);
                goto oom;
            }
        out->slow = npending;
    }
    free(pending);
    out->filtered = ks.filtered;
    out->exact = ks.exact;
    /* Hand the points over: winner points are x when P was searched. */
    ptlist *xs = win == 0 ? &mt.wpts : &mt.opts, *ys = win == 0 ? &mt.opts : &mt.wpts;
    out->nx = xs->count;
    out->ny = ys->count;
    out->x = xs->q;
    out->y = ys->q;
    xs->q = ys->q = NULL;
    xs->count = ys->count = 0;
    out->npairs = mt.pr.count;
    out->px = win == 0 ? mt.pr.w : mt.pr.o;
    out->py = win == 0 ? mt.pr.o : mt.pr.w;
    mt.pr.w = mt.pr.o = NULL;
    goto done;
oom:
    st = brink_error_set(err, BRINK_ENOMEM, "equilibrium enumeration: out of memory");
done:
    for (int i = 0; i < 2; i++)
        if (sd[i].e) {
            out->nvert[i] = venum_vertex_set(sd[i].e)->count;
            out->nbases[i] = venum_nbases(sd[i].e);
            out->pivots[i] = venum_npivots(sd[i].e);
            out->width[i] = venum_width(sd[i].e);
            venum_free(sd[i].e);
        }
    if (mt.z) {
        int dim_max2 = mt.wpts.dim > mt.opts.dim ? mt.wpts.dim : mt.opts.dim;
        for (int i = 0; i < 2 * dim_max2; i++)
            mpq_clear(mt.z[i]);
        free(mt.z);
    }
    ptlist_free(&mt.wpts);
    ptlist_free(&mt.opts);
    lset_free(&mt.partners);
    lset_free(&mt.local);
    free(mt.wmap);
    free(mt.pmap);
    free(mt.lab);
    free(mt.pr.w);
    free(mt.pr.o);
    free(R);
    ksolve_free(&ks);
    if (st != BRINK_OK)
        bienum_result_free(out);
    return st;
}
