/* lcp.c — Nash equilibria of 2-player games by Lemke–Howson paths.
 *
 * One equilibrium (--one): the first of several LH paths from the artificial equilibrium
 * (0, 0), dropping different labels and advanced in turn, to end (see LCP_RACE). All that LH can reach (--all, the default): Shapley's graph
 * of LH paths, explored breadth first from the artificial equilibrium and then from every
 * equilibrium found, with every label dropped.
 *
 * Arithmetic: pivots in doubles (ddict.c, lexicographic with tolerances) unless --exact asks
 * for exact integer pivoting (vdict.c). Either way the answer is re-derived exactly: the
 * final bases give the supports, the support systems are solved in rationals (ksolve.c) and
 * complementarity is checked exactly. When that check fails (rounding led the path astray) the
 * same path is repeated with exact pivoting, so every profile returned is an exact equilibrium.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solve/enum/bimatrix.h"
#include "solve/linalg/ddict.h"
#include "solve/enum/ksolve.h"
#include "solve/lcp/lh.h"
#include "solve/enum/lset.h"
#include "solve/solvers.h"
#include "solve/enum/vdict.h"

/* Pivots a double-precision path gets before it counts as lost to rounding (it is then
 * followed again exactly): a multiple of the number of labels, generous for real paths. */
#define LCP_DOUBLE_PIVOTS(m, n) (2000L + 2L * ((long)(m) + (n)) * ((long)(m) + (n)))
/* --one races this many labels, one pivot each in turn: LH path lengths from different labels
 * vary by orders of magnitude, so the first path to end is usually far shorter than a path
 * from one fixed label. */
#define LCP_RACE 8

typedef struct eqrec {
    mpq_t *q;          /* [m + n]: x then y, probabilities */
    int *basis;        /* [n + m]: basic variables of P's rows, then Q's */
} eqrec;

typedef struct lcp {
    const bimatrix *bm;
    int m, n;
    double *md[2];     /* matrices of the two sides in doubles: bt (n x m), a (m x n) */
    ksolve ks[2];
    eqrec *eq;
    int neq, capeq;
    long pivots, max_pivots;
    int fallbacks, fallback_reason; /* exact repeats of double paths, and the first cause */
    const brink_solve_options *o;
    double t0;
    uint64_t *lab[2];
    mpq_t *z;          /* scratch [m + n] */
} lcp;

/* ---- sides ---- */

static int ratio_d(void *d, int c) { return ddict_ratio(d, c); }
static void pivot_d(void *d, int r, int c) { ddict_pivot(d, r, c); }
static int ratio_v(void *d, int c) { return vdict_ratio(d, c); }
static void pivot_v(void *d, int r, int c) { vdict_pivot(d, r, c); }

static int side_k(const lcp *L, int s) { return s == 0 ? L->n : L->m; }
static int side_d(const lcp *L, int s) { return s == 0 ? L->m : L->n; }
static const mpz_t *side_mz(const lcp *L, int s)
{
    return (const mpz_t *)(s == 0 ? L->bm->bt : L->bm->a);
}

static void free_state(lh_state *st, int exact)
{
    for (int s = 0; s < 2; s++) {
        if (exact)
            vdict_free(st->side[s].dict);
        else
            ddict_free(st->side[s].dict);
        st->side[s].dict = NULL;
    }
}

/* Fresh dictionaries at the slack bases (the artificial equilibrium). */
static brink_status new_state(lcp *L, int exact, lh_state *st, brink_error *err)
{
    memset(st, 0, sizeof *st);
    st->m = L->m;
    st->n = L->n;
    for (int s = 0; s < 2; s++) {
        lh_side *sd = &st->side[s];
        sd->k = side_k(L, s);
        sd->d = side_d(L, s);
        if (exact) {
            vdict *v = vdict_new(sd->k, sd->d, side_mz(L, s), 0, err);
            if (!v) {
                free_state(st, exact);
                return err ? err->code : BRINK_ENOMEM;
            }
            sd->dict = v;
            sd->ratio = ratio_v;
            sd->pivot = pivot_v;
            sd->row_var = v->row_var;
            sd->col_var = v->col_var;
            sd->var_pos = v->var_pos;
        } else {
            ddict *v = ddict_new(sd->k, sd->d, L->md[s]);
            if (!v) {
                free_state(st, exact);
                return brink_error_set(err, BRINK_ENOMEM, "lcp: out of memory");
            }
            sd->dict = v;
            sd->ratio = ratio_d;
            sd->pivot = pivot_d;
            sd->row_var = v->row_var;
            sd->col_var = v->col_var;
            sd->var_pos = v->var_pos;
        }
    }
    return BRINK_OK;
}

/* Move side s from the slack basis to the basis whose rows hold basic[0..k). 0, or -1 OOM. */
static int rebuild(lh_state *st, int s, const int *basic, int exact)
{
    lh_side *sd = &st->side[s];
    int k = sd->k, d = sd->d;
    unsigned char *want = calloc((size_t)(k + d), 1);
    if (!want)
        return -1;
    for (int r = 0; r < k; r++)
        want[basic[r]] = 1;
    for (int v = 0; v < d; v++) {
        if (!want[v])
            continue;
        int c = -1 - sd->var_pos[v];
        int best = -1;
        double bestabs = 0;
        for (int r = 0; r < k; r++) {
            int bv = sd->row_var[r];
            if (bv < d || want[bv])
                continue; /* only slacks that must leave */
            if (exact) {
                if (vdict_entry_sign(sd->dict, r, c) != 0) {
                    best = r;
                    break;
                }
            } else {
                const ddict *dd = sd->dict;
                double a = fabs(dd->t[(size_t)r * dd->stride + 1 + c]);
                if (a > bestabs) {
                    bestabs = a;
                    best = r;
                }
            }
        }
        if (best < 0)
            break;
        if (exact)
            vdict_pivot_any(sd->dict, best, c);
        else
            ddict_pivot(sd->dict, best, c);
    }
    free(want);
    return 0;
}

/* Exact point of side s from its basis: support systems solved in rationals. Fills L->z
 * (offset 0 for x, m for y, normalised later) and the side's label set in game labels.
 * Returns 1 feasible, 0 not (infeasible, singular, or the origin), -1 OOM. */
static int exact_side(lcp *L, const lh_state *st, int s, mpq_t *z)
{
    const lh_side *sd = &st->side[s];
    int k = sd->k, d = sd->d;
    int *R = malloc(sizeof(int) * (size_t)(k + d + 2));
    if (!R)
        return -1;
    int *S = R + k + 1;
    int ns = 0, nr = 0;
    for (int r = 0; r < k; r++)
        if (sd->row_var[r] < d)
            S[ns++] = sd->row_var[r];
    for (int q = 0; q < k; q++)
        if (sd->var_pos[d + q] < 0)
            R[nr++] = q;
    int ok = 0;
    if (ns == 0 || ns != nr)
        goto out;
    uint64_t *zc = L->lab[0], *tr = L->lab[1];
    ks_result res = ksolve_partner(&L->ks[s], R, S, ns, zc, tr);
    if (res != KS_FEASIBLE)
        goto out;
    for (int v = 0; v < d; v++)
        mpq_set_ui(z[v], 0, 1);
    for (int i = 0; i < ns; i++) {
        mpq_set_num(z[S[i]], L->ks[s].num[i]);
        mpq_set_den(z[S[i]], L->ks[s].den);
        mpq_canonicalize(z[S[i]]);
    }
    ok = 1;
out:
    free(R);
    return ok;
}

/* Game labels of a point of side s: zero variables and tight rows. */
static void side_labels(const lcp *L, int s, const mpq_t *z, uint64_t *lab)
{
    int k = side_k(L, s), d = side_d(L, s);
    const mpz_t *mz = side_mz(L, s);
    lh_state tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.m = L->m;
    tmp.n = L->n;
    mpq_t acc, t;
    mpq_inits(acc, t, NULL);
    for (int v = 0; v < d; v++)
        if (mpq_sgn(z[v]) == 0)
            bits_set(lab, lh_label(&tmp, s, v));
    for (int q = 0; q < k; q++) {
        mpq_set_ui(acc, 0, 1);
        for (int v = 0; v < d; v++) {
            if (mpq_sgn(z[v]) == 0)
                continue;
            mpq_set_z(t, mz[(size_t)q * d + v]);
            mpq_mul(t, t, z[v]);
            mpq_add(acc, acc, t);
        }
        if (mpq_cmp_ui(acc, 1, 1) == 0)
            bits_set(lab, lh_label(&tmp, s, d + q));
    }
    mpq_clears(acc, t, NULL);
}

/* After a path: the exact equilibrium of the final bases (1), or 0 when the check fails (or
 * the path came back to the artificial equilibrium: *artificial = 1), -1 OOM. */
static int exact_equilibrium(lcp *L, const lh_state *st, int *artificial)
{
    int m = L->m, n = L->n, words = (m + n + 63) / 64;
    *artificial = 1;
    for (int r = 0; r < st->side[0].k; r++)
        if (st->side[0].row_var[r] < m)
            *artificial = 0;
    if (*artificial)
        return 0;
    int e0 = exact_side(L, st, 0, L->z);
    int e1 = e0 == 1 ? exact_side(L, st, 1, L->z + m) : 0;
    if (e0 < 0 || e1 < 0)
        return -1;
    if (!e0 || !e1)
        return 0;
    uint64_t *lab = L->lab[0];
    memset(lab, 0, sizeof(uint64_t) * (size_t)words);
    side_labels(L, 0, (const mpq_t *)L->z, lab);
    side_labels(L, 1, (const mpq_t *)L->z + m, lab);
    if (bits_count(lab, words) != m + n)
        return 0;
    /* normalise to probabilities */
    mpq_t sum;
    mpq_init(sum);
    for (int part = 0; part < 2; part++) {
        int off = part ? m : 0, len = part ? n : m;
        mpq_set_ui(sum, 0, 1);
        for (int i = 0; i < len; i++)
            mpq_add(sum, sum, L->z[off + i]);
        for (int i = 0; i < len; i++)
            mpq_div(L->z[off + i], L->z[off + i], sum);
    }
    mpq_clear(sum);
    return 1;
}

/* Index of the equilibrium in L->z among those found, adding it when new; -1 OOM. */
static int record(lcp *L, const lh_state *st, int *is_new)
{
    int len = L->m + L->n;
    *is_new = 0;
    for (int e = 0; e < L->neq; e++) {
        int same = 1;
        for (int i = 0; i < len && same; i++)
            same = mpq_equal(L->eq[e].q[i], L->z[i]);
        if (same)
            return e;
    }
    if (L->neq == L->capeq) {
        int nc = L->capeq ? 2 * L->capeq : 8;
        eqrec *ne = realloc(L->eq, sizeof(eqrec) * (size_t)nc);
        if (!ne)
            return -1;
        L->eq = ne;
        L->capeq = nc;
    }
    eqrec *r = &L->eq[L->neq];
    r->q = brink_q_array_new((size_t)len);
    r->basis = malloc(sizeof(int) * (size_t)len);
    if (!r->q || !r->basis) {
        if (r->q)
            brink_q_array_free(r->q, (size_t)len);
        free(r->basis);
        return -1;
    }
    for (int i = 0; i < len; i++)
        mpq_set(r->q[i], L->z[i]);
    memcpy(r->basis, st->side[0].row_var, sizeof(int) * (size_t)L->n);
    memcpy(r->basis + L->n, st->side[1].row_var, sizeof(int) * (size_t)L->m);
    *is_new = 1;
    return L->neq++;
}

/* Out of time? (Checked every 1024 pivots along a path.) */
static int over_time(const lcp *L)
{
    return L->o->time_limit > 0 && brink_now() - L->t0 > L->o->time_limit;
}

static void note_fallback(lcp *L, int reason)
{
    if (L->fallbacks++ == 0)
        L->fallback_reason = reason;
}

/* lh_run with a budget (0 = none) that also stops at the time limit (LH_LIMIT, *timed = 1). */
static lh_status run_path(lcp *L, lh_state *st, int k, long budget, int *timed)
{
    *timed = 0;
    lh_start(st, k);
    for (long steps = 0;; steps++) {
        if (budget > 0 && steps >= budget)
            return LH_LIMIT;
        if ((steps & 1023) == 1023 && over_time(L)) {
            *timed = 1;
            return LH_LIMIT;
        }
        lh_status ls = lh_step(st);
        if (ls != LH_RUNNING)
            return ls;
    }
}

/* One path: from equilibrium `from` (-1 = artificial) dropping label k. Pivots in doubles
 * unless exact; repeats exactly when the doubles' answer fails the exact check. Returns the
 * index of the equilibrium reached, -2 for the artificial one, or -1 with *st_out set. */
static int one_path(lcp *L, int from, int k, int exact, int *is_new, brink_status *st_out,
                    brink_error *err)
{
    *is_new = 0;
    for (int attempt = exact ? 1 : 0; attempt < 2; attempt++) {
        int ex = attempt == 1;
        lh_state st;
        brink_status bs = new_state(L, ex, &st, err);
        if (bs != BRINK_OK) {
            *st_out = bs;
            return -1;
        }
        if (from >= 0 && (rebuild(&st, 0, L->eq[from].basis, ex) != 0 ||
                          rebuild(&st, 1, L->eq[from].basis + L->n, ex) != 0)) {
            free_state(&st, ex);
            *st_out = brink_error_set(err, BRINK_ENOMEM, "lcp: out of memory");
            return -1;
        }
        /* The user's budget binds both runs; the double run also gets a size-based one. */
        long user = L->max_pivots > 0 ? L->max_pivots - L->pivots : 0;
        if (L->max_pivots > 0 && user <= 0)
            user = 1;
        long dbl = LCP_DOUBLE_PIVOTS(L->m, L->n);
        long budget = ex ? user : (user > 0 && user < dbl ? user : dbl);
        int timed = 0;
        lh_status ls = run_path(L, &st, k, budget, &timed);
        L->pivots += st.pivots;
        if (ls == LH_LIMIT && (timed || ex || budget == user)) {
            free_state(&st, ex);
            if (timed)
                *st_out = brink_error_set(err, BRINK_ENOCONVERGE,
                                          "lcp: time limit of %g s reached on a Lemke-Howson "
                                          "path (%d equilibria found so far)",
                                          L->o->time_limit, L->neq);
            else
                *st_out = brink_error_set(err, BRINK_ENOCONVERGE,
                                          "lcp: the pivot budget of %ld (--iterations) ran out "
                                          "on a Lemke-Howson path", L->max_pivots);
            return -1;
        }
        if (ls == LH_LIMIT || ls == LH_RAY) { /* rounding went astray: repeat exactly */
            free_state(&st, ex);
            note_fallback(L, ls == LH_LIMIT ? BRINK_FALLBACK_BUDGET : BRINK_FALLBACK_RAY);
            continue;
        }
        int artificial = 0;
        int ee = ls == LH_OK ? exact_equilibrium(L, &st, &artificial) : 0;
        if (ee < 0) {
            free_state(&st, ex);
            *st_out = brink_error_set(err, BRINK_ENOMEM, "lcp: out of memory");
            return -1;
        }
        if (ee > 0) {
            int e = record(L, &st, is_new);
            free_state(&st, ex);
            if (e < 0) {
                *st_out = brink_error_set(err, BRINK_ENOMEM, "lcp: out of memory");
                return -1;
            }
            return e;
        }
        free_state(&st, ex);
        if (ls == LH_OK && artificial)
            return -2;
        if (!ex)
            note_fallback(L, BRINK_FALLBACK_CERTIFICATE);
        if (ex) {
            *st_out = brink_error_set(err, BRINK_EINTERNAL,
                                      "lcp: exact Lemke-Howson path from label %d ended "
                                      "without an equilibrium", k + 1);
            return -1;
        }
    }
    return -2;
}

/* --one: race LCP_RACE labels; the first path whose end passes the exact check wins. If none
 * does, follow label 1 exactly. Returns 0, or -1 with *st set. */
static int race_one(lcp *L, int exact, brink_status *st, brink_error *err)
{
    int labels = L->m + L->n, R = labels < LCP_RACE ? labels : LCP_RACE;
    lh_state racers[LCP_RACE];
    int active[LCP_RACE], nactive = 0, rc = 0;
    for (int i = 0; i < R; i++) {
        active[i] = 0;
        *st = new_state(L, exact, &racers[i], err);
        if (*st != BRINK_OK) {
            for (int j = 0; j < i; j++)
                free_state(&racers[j], exact);
            return -1;
        }
        lh_start(&racers[i], (int)((long)i * labels / R));
        active[i] = 1;
        nactive++;
    }
    long dbl = 2 * LCP_DOUBLE_PIVOTS(L->m, L->n); /* for all the racers together */
    long budget = L->max_pivots > 0 && (exact || L->max_pivots < dbl) ? L->max_pivots
                  : exact ? 0 : dbl;
    while (nactive > 0 && L->neq == 0) {
        for (int i = 0; i < R && L->neq == 0; i++) {
            if (!active[i])
                continue;
            lh_status ls = lh_step(&racers[i]);
            ++L->pivots;
            if ((L->pivots & 1023) == 0 && over_time(L)) {
                *st = brink_error_set(err, BRINK_ENOCONVERGE,
                                      "lcp: time limit of %g s reached after %ld pivots",
                                      L->o->time_limit, L->pivots);
                rc = -1;
                goto out;
            }
            if (budget > 0 && L->pivots >= budget) {
                if (!exact && budget != L->max_pivots) { /* lost to rounding: go exact */
                    note_fallback(L, BRINK_FALLBACK_BUDGET);
                    nactive = 0;
                    break;
                }
                *st = brink_error_set(err, BRINK_ENOCONVERGE,
                                      "lcp: no Lemke-Howson path ended within %ld pivots "
                                      "(--iterations)", budget);
                rc = -1;
                goto out;
            }
            if (ls == LH_RUNNING)
                continue;
            active[i] = 0;
            nactive--;
            int artificial, is_new;
            int ee = ls == LH_OK ? exact_equilibrium(L, &racers[i], &artificial) : 0;
            if (ee < 0 || (ee > 0 && record(L, &racers[i], &is_new) < 0)) {
                *st = brink_error_set(err, BRINK_ENOMEM, "lcp: out of memory");
                rc = -1;
                goto out;
            }
        }
    }
    if (L->neq == 0) { /* every racer failed the exact check: repeat label 1 exactly */
        int is_new;
        if (!exact && L->fallbacks == 0)
            note_fallback(L, BRINK_FALLBACK_CERTIFICATE);
        if (one_path(L, -1, 0, 1, &is_new, st, err) == -1)
            rc = -1;
    }
out:
    for (int i = 0; i < R; i++)
        free_state(&racers[i], exact);
    return rc;
}

static void lcp_free(lcp *L)
{
    for (int s = 0; s < 2; s++) {
        free(L->md[s]);
        ksolve_free(&L->ks[s]);
        free(L->lab[s]);
    }
    for (int e = 0; e < L->neq; e++) {
        brink_q_array_free(L->eq[e].q, (size_t)(L->m + L->n));
        free(L->eq[e].basis);
    }
    free(L->eq);
    if (L->z)
        brink_q_array_free(L->z, (size_t)(L->m + L->n));
}

static brink_status lcp_nfg(const brink_nfg *g, const brink_solve_options *o,
                            brink_profile_list *out, brink_error *err)
{
    if (g->nplayers != 2)
        return brink_error_set(err, BRINK_EUNSUPPORTED,
                               "lcp: needs a 2-player game; this one has %d players "
                               "(try --method logit or simpdiv)", g->nplayers);
    bimatrix bm;
    brink_status st = bimatrix_from_nfg(g, &bm, err);
    if (st != BRINK_OK)
        return st;
    lcp L;
    memset(&L, 0, sizeof L);
    L.bm = &bm;
    L.m = bm.m;
    L.n = bm.n;
    L.o = o;
    L.t0 = brink_now();
    L.max_pivots = o->max_iterations;
    int exact = o->exact;
    int words = (L.m + L.n + 63) / 64 + 1;
    L.z = brink_q_array_new((size_t)(L.m + L.n));
    if (!L.z)
        goto oom;
    for (int s = 0; s < 2; s++) {
        int k = side_k(&L, s), d = side_d(&L, s);
        const mpz_t *mz = side_mz(&L, s);
        L.md[s] = malloc(sizeof(double) * (size_t)k * d);
        L.lab[s] = calloc((size_t)words, sizeof(uint64_t));
        if (!L.md[s] || !L.lab[s])
            goto oom;
        double big = 0;
        for (size_t i = 0; i < (size_t)k * d; i++) {
            L.md[s][i] = mpz_get_d(mz[i]);
            big = fmax(big, fabs(L.md[s][i]));
        }
        if (!isfinite(big) || big > 1e150) { /* payoffs beyond doubles: pivot exactly */
            if (!exact)
                note_fallback(&L, BRINK_FALLBACK_RANGE);
            exact = 1;
        } else if (big > 0) { /* scale to entries <= 1 (a power of two: exact) */
            int e;
            frexp(big, &e);
            for (size_t i = 0; i < (size_t)k * d; i++)
                L.md[s][i] = ldexp(L.md[s][i], -e);
        }
        if (ksolve_init(&L.ks[s], k, d, mz, k < d ? k : d) != 0)
            goto oom;
    }
    /* The frontier: equilibria whose paths are still to be followed (-1 = artificial). */
    int is_new;
    int labels = L.m + L.n;
    if (!o->all) {
        if (race_one(&L, exact, &st, err) != 0)
            goto done;
    } else {
        for (int from = -1; from < L.neq; from++) {
            for (int k = 0; k < labels; k++) {
                int e = one_path(&L, from, k, exact, &is_new, &st, err);
                if (e == -1)
                    goto done;
                if (o->time_limit > 0 && brink_now() - L.t0 > o->time_limit) {
                    st = brink_error_set(err, BRINK_ENOCONVERGE,
                                         "lcp: time limit of %g s reached after %d equilibria",
                                         o->time_limit, L.neq);
                    goto done;
                }
                if (o->progress &&
                    o->progress(o->progress_ctx, (from + 1.0) / (L.neq + 1.0),
                                "following Lemke-Howson paths")) {
                    st = brink_error_set(err, BRINK_ENOCONVERGE, "lcp: cancelled");
                    goto done;
                }
            }
        }
    }
    for (int e = 0; e < L.neq; e++) {
        brink_profile *pr = brink_profile_list_add(out, BRINK_PROFILE_MIXED, g->total_strats, 1,
                                                   err);
        if (!pr) {
            st = BRINK_ENOMEM;
            goto done;
        }
        for (int i = 0; i < L.m + L.n; i++)
            mpq_set(pr->q[i], L.eq[e].q[i]);
        brink_profile_sync_doubles(pr);
    }
    out->stats.iterations = L.pivots;
    out->stats.complete = 0; /* LH need not reach every equilibrium */
    out->stats.exact_fallbacks = L.fallbacks;
    out->stats.fallback_reason = L.fallback_reason;
    goto done;
oom:
    st = brink_error_set(err, BRINK_ENOMEM, "lcp: out of memory");
done:
    lcp_free(&L);
    bimatrix_free(&bm);
    return st;
}

const brink_solver brink_solver_lcp = {
    .name = "lcp",
    .summary = "Lemke-Howson paths for 2-player games (one equilibrium fast; --all: every "
               "equilibrium reachable by LH paths), verified exactly",
    .guarantee = "exact Nash equilibria: one (--one) or all those reachable by Lemke-Howson "
                 "paths, which need not be all",
    .flags = BRINK_SOLVER_NFG | BRINK_SOLVER_EFG | BRINK_SOLVER_EXACT | BRINK_SOLVER_TWO_PLAYER,
    .solve_nfg = lcp_nfg,
    .solve_efg = NULL,
};
