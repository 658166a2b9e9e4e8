/* test_mc_share.c — Monte Carlo shared among parts (brink_mc_options.nparts), in one process
 * and without MPI: parts 1 and 2 run first and their send callback keeps each block's bytes;
 * part 0 runs last and its receive callback hands them over. Part 0's result must equal a
 * one-process run's, draw for draw and in every aggregate (M1 with sensitivity, and M5's copy
 * with compare); a block handed over in the wrong place and a missing callback are refused.
 * Under ASan this is the leak check of the sharing code (most MPI launches run with leak
 * checks off: Open MPI's own leaks).
 */
#include <math.h>

#include "brink/brink.h"
#include "check.h"

typedef struct sent {
    long block;
    void *bytes;
    size_t len;
} sent;

typedef struct mailbox {
    sent item[64];
    int n;
    int swap;   /* 1: hand out the first two blocks' bytes the wrong way round */
} mailbox;

static brink_status send_cb(void *ctx, long block, const void *bytes, size_t len,
                            brink_error *err)
{
    mailbox *m = ctx;
    if (m->n >= 64 || !(m->item[m->n].bytes = malloc(len)))
        return brink_error_set(err, BRINK_ENOMEM, "mailbox full");
    memcpy(m->item[m->n].bytes, bytes, len);
    m->item[m->n].block = block;
    m->item[m->n++].len = len;
    return BRINK_OK;
}

static brink_status receive_cb(void *ctx, long block, int from, void *bytes, size_t len,
                               brink_error *err)
{
    mailbox *m = ctx;
    (void)from;
    for (int i = 0; i < m->n; i++) {
        int k = m->swap && i < 2 ? 1 - i : i;
        if (m->item[i].block == block && m->item[k].len == len) {
            memcpy(bytes, m->item[k].bytes, len);
            return BRINK_OK;
        }
    }
    return brink_error_set(err, BRINK_EIO, "block %ld never sent", block);
}

static void mailbox_free(mailbox *m)
{
    for (int i = 0; i < m->n; i++)
        free(m->item[i].bytes);
    m->n = 0;
}

static void options(brink_mc_options *o, long n, const char *compare)
{
    brink_mc_options_init(o);
    o->samples = n;
    o->seed = 5;
    o->threads = 1;
    o->keep_draws = 1;
    o->sensitivity = compare ? 0 : 50;
    o->compare_at = compare;
}

static int same_double(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* Bit for bit: every count, proportion, mean and draw. */
static void same_result(const char *what, const brink_mc_result *a, const brink_mc_result *b)
{
    long n = a->samples;
    int ok = a->samples == b->samples && a->unique == b->unique && a->single == b->single &&
             a->several == b->several && a->none == b->none && a->failed == b->failed &&
             a->outcome_ambiguous == b->outcome_ambiguous && a->compare_n == b->compare_n &&
             a->fast == b->fast && a->fast_fallback == b->fast_fallback;
    for (int k = 0; k < a->ngroups; k++)
        ok &= a->outcome[k].k == b->outcome[k].k && same_double(a->outcome_mean[k],
                                                                b->outcome_mean[k]);
    for (int p = 0; p < a->nplayers; p++)
        ok &= same_double(a->value[p].mean, b->value[p].mean) &&
              same_double(a->value[p].sd, b->value[p].sd);
    for (int k = 0; k < a->nopts; k++)
        ok &= same_double(a->opt_value[k].mean, b->opt_value[k].mean) &&
              same_double(a->opt_regret[k].mean, b->opt_regret[k].mean) &&
              a->opt_best[k].k == b->opt_best[k].k;
    for (int k = 0; k < a->nsens * a->nvaried; k++)
        ok &= same_double(a->src[k], b->src[k]) && same_double(a->src_lo[k], b->src_lo[k]);
    for (long i = 0; i < n; i++) {
        ok &= a->draw_neq[i] == b->draw_neq[i] && a->draw_outcome[i] == b->draw_outcome[i];
        for (int k = 0; k < a->nvaried; k++)
            ok &= same_double(a->draw_x[i * a->nvaried + k], b->draw_x[i * a->nvaried + k]);
        for (int p = 0; p < a->nplayers; p++)
            ok &= same_double(a->draw_value[i * a->nplayers + p],
                              b->draw_value[i * a->nplayers + p]);
        for (int k = 0; k < a->nwatch; k++)
            ok &= a->draw_choice[i * a->nwatch + k] == b->draw_choice[i * a->nwatch + k];
    }
    CHECK_MSG(ok, "%s: the shared run differs from one process's", what);
}

/* Parts 1 .. parts-1 first, then part 0; returns part 0's result (NULL with err set). */
static brink_mc_result *shared(const brink_scenario *sc, long n, const char *compare,
                               int parts, mailbox *m, brink_error *err)
{
    for (int part = parts - 1; part >= 0; part--) {
        brink_mc_options o;
        options(&o, n, compare);
        o.nparts = parts;
        o.part = part;
        o.send = send_cb;
        o.receive = receive_cb;
        o.share_ctx = m;
        brink_mc_result *r = brink_montecarlo(sc, &o, err);
        if (!r || part == 0)
            return r;
        CHECK_EQ_INT(r->part, part);
        brink_mc_result_free(r);
    }
    return NULL;
}

static void case_of(const char *what, const brink_scenario *sc, long n, const char *compare)
{
    brink_error err;
    brink_error_clear(&err);
    brink_mc_options o;
    options(&o, n, compare);
    brink_mc_result *one = brink_montecarlo(sc, &o, &err);
    CHECK_MSG(one != NULL, "%s: %s", what, err.message);
    for (int parts = 2; parts <= 3 && one; parts++) {
        mailbox m = {0};
        brink_mc_result *r = shared(sc, n, compare, parts, &m, &err);
        CHECK_MSG(r != NULL, "%s, %d parts: %s", what, parts, err.message);
        /* each other part sent exactly its blocks: b % parts == part */
        long blocks = (n + BRINK_MC_BLOCK - 1) / BRINK_MC_BLOCK;
        CHECK_EQ_INT(m.n, (int)(blocks - (blocks + parts - 1) / parts));
        if (r) {
            CHECK_EQ_INT(r->nparts, parts);
            same_result(what, one, r);
        }
        brink_mc_result_free(r);
        mailbox_free(&m);
    }
    brink_mc_result_free(one);
}

int main(void)
{
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *m1 = brink_scenario_load("m1", &err);
    CHECK_MSG(m1 != NULL, "%s", err.message);
    const char *dir = getenv("BRINK_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/montecarlo/m5-reputation-beta.yaml",
             dir ? dir : "..");
    brink_scenario *m5 = brink_scenario_load(path, &err);
    CHECK_MSG(m5 != NULL, "%s", err.message);
    if (m1)
        case_of("m1", m1, 700, NULL);
    if (m5) {
        case_of("m5 compare", m5, 600, "USA");   /* USA's first decision (USA@* lies side by side) */
        case_of("m5 double path", m5, 900, NULL);
    }
    if (m1) {
        /* blocks handed over in the wrong place are refused, not merged */
        mailbox m = {0};
        m.swap = 1;
        brink_mc_result *r = shared(m1, 1200, NULL, 2, &m, &err);
        CHECK(r == NULL && err.code == BRINK_EINTERNAL);
        brink_mc_result_free(r);
        mailbox_free(&m);
        /* a part without its callback */
        brink_mc_options o;
        options(&o, 10, NULL);
        o.nparts = 2;
        o.part = 1;
        CHECK(brink_montecarlo(m1, &o, &err) == NULL && err.code == BRINK_EINVALID);
    }
    brink_scenario_free(m1);
    brink_scenario_free(m5);
    return check_finish();
}
