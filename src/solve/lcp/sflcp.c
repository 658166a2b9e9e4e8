/* sflcp.c — assembles the (optionally perturbed) sequence-form LCP; see sflcp.h.
 *
 * Variable layout of z: x [m1], y [m2], p+ [k1], p- [k1], q+ [k2], q- [k2]; row i of M is the
 * row of w complementary to z_i.
 */
#include <stdlib.h>
#include <string.h>
#include "brink/core.h"
#include "game/seqform_internal.h"
#include "solve/lcp/sflcp.h"

void brink_sflcp_free(brink_sflcp *s)
{
    if (!s)
        return;
    brink_lcp_free(s->lcp);
    free(s->seqlen[0]);
    free(s->seqlen[1]);
    memset(s, 0, sizeof *s);
}

/* Constraint matrix of player i as callbacks over its nonzeros: row 0 is the empty sequence
 * (coefficient 1), row 1 + local infoset h: -1 at the parent sequence, +1 at each action. */
typedef struct cons_entry {
    int row, seq, coef;
} cons_entry;

static cons_entry *constraint_entries(const brink_seqform *sf, int i, int *count)
{
    const brink_efg *g = sf->game;
    int h0 = g->player_infoset_start[i], h1 = g->player_infoset_start[i + 1];
    int as = g->player_action_start[i];
    int total = 1 + (h1 - h0) + (g->player_action_start[i + 1] - as);
    cons_entry *c = brink_calloc((size_t)total, sizeof *c);
    if (!c)
        return NULL;
    int k = 0;
    c[k++] = (cons_entry){0, 0, 1};
    for (int h = h0; h < h1; h++) {
        int r = 1 + h - h0;
        c[k++] = (cons_entry){r, sf->infoset_parent_seq[h], -1};
        for (int a = 0; a < g->infoset_nactions[h]; a++)
            c[k++] = (cons_entry){r, 1 + g->infoset_action_start[h] + a - as, 1};
    }
    *count = k;
    return c;
}

brink_status brink_sflcp_build(const brink_seqform *sf, int perturbed, brink_sflcp *s,
                               brink_error *err)
{
    return brink_sflcp_build_reuse(sf, perturbed, s, NULL, err);
}

brink_status brink_sflcp_build_reuse(const brink_seqform *sf, int perturbed, brink_sflcp *s,
                                     brink_lcp **reuse, brink_error *err)
{
    brink_lcp *old = reuse ? *reuse : NULL;
    if (reuse)
        *reuse = NULL;
    const brink_efg *g = sf->game;
    memset(s, 0, sizeof *s);
    if (sf->nplayers != 2) {
        brink_lcp_free(old);
        return brink_error_set(err, BRINK_EUNSUPPORTED,
                               "the sequence-form LCP needs a two-player game (this one has %d)",
                               sf->nplayers);
    }
    s->perturbed = perturbed;
    for (int i = 0; i < 2; i++) {
        s->m[i] = sf->nseqs[i];
        s->k[i] = 1 + brink_efg_player_ninfosets(g, i);
        s->seqlen[i] = brink_calloc((size_t)s->m[i], sizeof(int));
        if (!s->seqlen[i]) {
            brink_sflcp_free(s);
            brink_lcp_free(old);
            return brink_error_set(err, BRINK_ENOMEM, "sequence-form LCP: out of memory");
        }
        brink_seqform_seq_lengths(sf, i, s->seqlen[i]);
        for (int j = 0; j < s->m[i]; j++)
            if (s->seqlen[i][j] > s->maxlen)
                s->maxlen = s->seqlen[i][j];
    }
    int m1 = s->m[0], m2 = s->m[1], k1 = s->k[0], k2 = s->k[1];
    int n = m1 + m2 + 2 * k1 + 2 * k2;
    int K = perturbed ? s->maxlen + 1 : 1;
    s->off_x = 0;
    s->off_y = m1;
    int op = m1 + m2, opm = op + k1, oq = opm + k1, oqm = oq + k2;
    if (old && old->n == n && old->nrhs == K) {
        brink_lcp_reset(old);
        s->lcp = old;
    } else {
        brink_lcp_free(old);
        s->lcp = brink_lcp_new(n, K);
    }
    mpq_t *mass = brink_q_array_new((size_t)sf->nentries + 1);
    int nc[2] = {0, 0};
    cons_entry *cons[2] = {constraint_entries(sf, 0, &nc[0]), constraint_entries(sf, 1, &nc[1])};
    mpq_t shift[2], t;
    mpq_init(shift[0]);
    mpq_init(shift[1]);
    mpq_init(t);
    brink_status st = BRINK_OK;
    if (!s->lcp || !mass || !cons[0] || !cons[1]) {
        st = brink_error_set(err, BRINK_ENOMEM, "sequence-form LCP: out of memory");
        goto out;
    }
    /* at most two payoff triplets per entry and four per constraint nonzero */
    st = brink_lcp_reserve(s->lcp, 2 * sf->nentries + 4 * (nc[0] + nc[1]), err);
    if (st == BRINK_OK)
        st = brink_seqform_entry_chance(sf, mass, err);
    if (st != BRINK_OK)
        goto out;
    /* Shift: subtract (max leaf payoff + 1) so every shifted leaf payoff is <= -1. */
    for (int i = 0; i < 2; i++) {
        for (int l = 0; l < g->nleaves; l++)
            if (l == 0 || mpq_cmp(g->leaf_payq[(size_t)l * 2 + i], shift[i]) > 0)
                mpq_set(shift[i], g->leaf_payq[(size_t)l * 2 + i]);
        mpq_set_ui(t, 1, 1);
        mpq_add(shift[i], shift[i], t);
    }
    brink_lcp *L = s->lcp;
    mpq_t *q = L->q;
    /* Payoff blocks: row x_i gets -A'[i][j] at y_j; row y_j gets -B'[i][j] at x_i. */
    for (int e = 0; e < sf->nentries && st == BRINK_OK; e++) {
        int s1 = sf->entry_seq[(size_t)e * 2], s2 = sf->entry_seq[(size_t)e * 2 + 1];
        for (int i = 0; i < 2 && st == BRINK_OK; i++) {
            mpq_mul(t, shift[i], mass[e]);
            mpq_sub(t, t, sf->entry_payq[(size_t)e * 2 + i]); /* t = -(pay - shift*mass) */
            if (i == 0)
                st = brink_lcp_add(L, s->off_x + s1, s->off_y + s2, t, err);
            else
                st = brink_lcp_add(L, s->off_y + s2, s->off_x + s1, t, err);
            if (st == BRINK_OK && perturbed) {
                /* q_x -= A' l_y (and q_y -= B'^T l_x): the bound of the other's sequence. */
                int other = i == 0 ? s2 : s1;
                if (other != 0) {
                    int row = i == 0 ? s->off_x + s1 : s->off_y + s2;
                    int deg = s->seqlen[1 - i][other];
                    mpq_add(q[(size_t)row * K + deg], q[(size_t)row * K + deg], t);
                }
            }
        }
    }
    /* Constraint blocks. */
    for (int i = 0; i < 2 && st == BRINK_OK; i++) {
        int ovar = i == 0 ? s->off_x : s->off_y;
        int oplus = i == 0 ? op : oq, ominus = i == 0 ? opm : oqm;
        for (int c = 0; c < nc[i] && st == BRINK_OK; c++) {
            const cons_entry *ce = &cons[i][c];
            /* row of the plan variable: +E' at p+, -E' at p- */
            st = brink_lcp_add_si(L, ovar + ce->seq, oplus + ce->row, ce->coef, err);
            if (st == BRINK_OK)
                st = brink_lcp_add_si(L, ovar + ce->seq, ominus + ce->row, -ce->coef, err);
            /* rows of the duals: w_p+ = e - E x, w_p- = E x - e */
            if (st == BRINK_OK)
                st = brink_lcp_add_si(L, oplus + ce->row, ovar + ce->seq, -ce->coef, err);
            if (st == BRINK_OK)
                st = brink_lcp_add_si(L, ominus + ce->row, ovar + ce->seq, ce->coef, err);
            if (st == BRINK_OK && perturbed && ce->seq != 0) {
                /* q_p+ = e - E l, q_p- = -(e - E l) */
                int deg = s->seqlen[i][ce->seq];
                mpq_t *a = &q[(size_t)(oplus + ce->row) * K + deg];
                mpq_t *b = &q[(size_t)(ominus + ce->row) * K + deg];
                /* x/y -/+ cf (an integer) is (x -/+ cf y)/y: canonical, no gcd */
                long cf = ce->coef;
                if (cf >= 0) {
                    mpz_submul_ui(mpq_numref(*a), mpq_denref(*a), (unsigned long)cf);
                    mpz_addmul_ui(mpq_numref(*b), mpq_denref(*b), (unsigned long)cf);
                } else {
                    mpz_addmul_ui(mpq_numref(*a), mpq_denref(*a), (unsigned long)-cf);
                    mpz_submul_ui(mpq_numref(*b), mpq_denref(*b), (unsigned long)-cf);
                }
            }
        }
        mpq_set_si(q[(size_t)oplus * K], 1, 1);   /* e_0 = 1 */
        mpq_set_si(q[(size_t)ominus * K], -1, 1);
    }
    for (int r = 0; r < n; r++)
        mpq_set_ui(L->d[r], 1, 1);
    if (st == BRINK_OK)
        st = brink_lcp_sync_doubles(L, err);
out:
    mpq_clear(shift[0]);
    mpq_clear(shift[1]);
    mpq_clear(t);
    if (mass)
        brink_q_array_free(mass, (size_t)sf->nentries + 1);
    free(cons[0]);
    free(cons[1]);
    if (st != BRINK_OK)
        brink_sflcp_free(s);
    return st;
}
