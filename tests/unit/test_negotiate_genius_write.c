/* test_negotiate_genius_write.c — GENIUS XML out: read -> write -> read gives the same domain
 * (issues, labels, grids, weights, evaluations, reservations, per-turn discounts and every
 * outcome's utility, numbers within 1e-12), and writing the domain read back gives the same
 * bytes again. Cases: the GENIUS test domain (tests/data/negotiate/genius: discrete, integer
 * and real issues), the built-in korea and split domains, names that need XML escaping, and
 * the refusals (a table utility; a best value worth less than 1, which GENIUS rescales).
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "brink/brink.h"
#include "check.h"

static int write_text(const char *path, const brink_buf *b)
{
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    int ok = fwrite(b->data, 1, b->len, f) == b->len;
    return fclose(f) == 0 && ok;
}

/* The domain's files in dir, named as the reader names things: <domain>.xml, <actor>.xml.
 * Returns the concatenated text written (for the byte comparison), or an empty buffer. */
static brink_buf write_all(const brink_neg_domain *d, const char *dir, int rounds, char paths[][512])
{
    brink_buf all, b;
    brink_buf_init(&all);
    brink_buf_init(&b);
    brink_error e;
    snprintf(paths[0], 512, "%s/%s.xml", dir, d->name);
    int ok = brink_neg_write_genius_domain(d, &b, &e) == BRINK_OK && write_text(paths[0], &b);
    brink_buf_append(&all, b.data, b.len);
    for (int p = 0; ok && p < d->nparties; p++) {
        brink_buf_reset(&b);
        snprintf(paths[p + 1], 512, "%s/%s.xml", dir, d->party[p].actor);
        ok = brink_neg_write_genius_utility(d, p, rounds, &b, &e) == BRINK_OK && write_text(paths[p + 1], &b);
        CHECK_MSG(ok, "party %d: %s", p, e.message);
        brink_buf_append(&all, b.data, b.len);
    }
    brink_buf_free(&b);
    if (!ok) brink_buf_reset(&all);
    return all;
}

static brink_neg_domain *read_back(int nparties, int rounds, char paths[][512])
{
    const char *u[BRINK_NEG_MAX_PARTIES];
    for (int p = 0; p < nparties; p++) u[p] = paths[p + 1];
    brink_neg_domain *d = NULL;
    brink_error e;
    CHECK_MSG(brink_neg_read_genius(paths[0], u, nparties, rounds, &d, &e) == BRINK_OK, "%s", e.message);
    return d;
}

static void same_domain(const brink_neg_domain *a, const brink_neg_domain *b)
{
    CHECK_STR(a->name, b->name);
    CHECK_EQ_INT(a->nissues, b->nissues);
    CHECK_EQ_INT(a->nparties, b->nparties);
    CHECK(a->noutcomes == b->noutcomes);
    if (a->nissues != b->nissues || a->nparties != b->nparties || a->noutcomes != b->noutcomes) return;
    for (int i = 0; i < a->nissues; i++) {
        const brink_neg_issue *x = &a->issues[i], *y = &b->issues[i];
        CHECK_STR(x->name, y->name);
        CHECK_EQ_INT(x->kind, y->kind);
        CHECK_EQ_INT(x->nvalues, y->nvalues);
        if (x->kind != y->kind || x->nvalues != y->nvalues) return;
        if (x->kind == BRINK_NEG_DISCRETE)
            for (int v = 0; v < x->nvalues; v++) CHECK_STR(x->values[v], y->values[v]);
        else {
            CHECK_NEAR(x->lo, y->lo, 0);
            CHECK_NEAR(x->hi, y->hi, 0);
        }
    }
    for (int p = 0; p < a->nparties; p++) {
        const brink_neg_party *q = &a->party[p], *r = &b->party[p];
        CHECK_STR(q->actor, r->actor);
        CHECK_NEAR(q->reservation, r->reservation, 1e-12);
        CHECK_NEAR(q->discount, r->discount, 1e-12);
        for (int i = 0; i < a->nissues; i++) {
            CHECK_NEAR(q->weight[i], r->weight[i], 1e-12);
            int nv = a->issues[i].kind == BRINK_NEG_CONTINUOUS ? 2 : a->issues[i].nvalues;
            for (int v = 0; v < nv; v++) CHECK_NEAR(q->eval[i][v], r->eval[i][v], 1e-12);
        }
        double worst = 0;
        for (size_t k = 0; k < a->noutcomes; k++) worst = fmax(worst, fabs(q->u[k] - r->u[k]));
        CHECK_MSG(worst <= 1e-12, "party %d: utilities differ by %g", p, worst);
    }
}

/* write d, read it back, compare; write the copy, compare the bytes. */
static void round_trip(const brink_neg_domain *d, const char *dir, int rounds)
{
    char paths[BRINK_NEG_MAX_PARTIES + 1][512];
    brink_buf first = write_all(d, dir, rounds, paths);
    CHECK(first.len > 0);
    brink_neg_domain *back = first.len ? read_back(d->nparties, rounds, paths) : NULL;
    if (back) {
        same_domain(d, back);
        char paths2[BRINK_NEG_MAX_PARTIES + 1][512];
        brink_buf second = write_all(back, dir, rounds, paths2);
        CHECK_MSG(second.len == first.len && !memcmp(second.data, first.data, first.len),
                  "%s: the copy writes different text", d->name);
        brink_buf_free(&second);
    }
    brink_neg_domain_free(back);
    brink_buf_free(&first);
}

static void test_job(const char *dir)
{
    char dom[1024], emp[1024], cand[1024];
    const char *src = check_source_dir();
    snprintf(dom, sizeof dom, "%s/tests/data/negotiate/genius/job_domain.xml", src);
    snprintf(emp, sizeof emp, "%s/tests/data/negotiate/genius/job_employer.xml", src);
    snprintf(cand, sizeof cand, "%s/tests/data/negotiate/genius/job_candidate.xml", src);
    const char *u[2] = {emp, cand};
    brink_neg_domain *d = NULL;
    brink_error e;
    CHECK_EQ_INT(brink_neg_read_genius(dom, u, 2, 100, &d, &e), BRINK_OK);
    if (d) round_trip(d, dir, 100);
    brink_neg_domain_free(d);
}

static void test_builtin(const char *dir, const char *name, int rounds)
{
    brink_neg_domain *d = NULL;
    brink_error e;
    CHECK_EQ_INT(brink_neg_domain_builtin(name, &d, &e), BRINK_OK);
    if (d) round_trip(d, dir, rounds);
    brink_neg_domain_free(d);
}

/* Labels and names with XML's special characters come back unchanged. */
static void test_escaping(const char *dir)
{
    brink_neg_domain *d = brink_neg_domain_new("odd");
    brink_error e;
    static const char *const vals[] = {"a<b", "\"q\" & 'r'", "x>y"};
    CHECK(d != NULL);
    if (!d) return;
    int p0 = -1, p1 = -1;
    CHECK_EQ_INT(brink_neg_domain_add_discrete(d, "t&c", 3, vals, &e), BRINK_OK);
    CHECK_EQ_INT(brink_neg_domain_add_party(d, "P&Q", 0.25, 0.9, &p0, &e), BRINK_OK);
    CHECK_EQ_INT(brink_neg_domain_add_party(d, "R", 0, 1, &p1, &e), BRINK_OK);
    if (p0 < 0 || p1 < 0) {
        brink_neg_domain_free(d);
        return;
    }
    d->party[p0].weight[0] = d->party[p1].weight[0] = 1;
    double e0[3] = {1, 0.3, 0}, e1[3] = {0, 0.6, 1};
    memcpy(d->party[p0].eval[0], e0, sizeof e0);
    memcpy(d->party[p1].eval[0], e1, sizeof e1);
    CHECK_EQ_INT(brink_neg_domain_finish(d, &e), BRINK_OK);
    round_trip(d, dir, 7);
    brink_neg_domain_free(d);
}

static void test_refusals(void)
{
    brink_neg_domain *d = NULL;
    brink_error e;
    brink_buf b;
    brink_buf_init(&b);
    /* random domains value each issue's best level below 1: GENIUS would rescale it. */
    CHECK_EQ_INT(brink_neg_domain_random(3, 2, 3, &d, &e), BRINK_OK);
    if (d) {
        CHECK_EQ_INT(brink_neg_write_genius_utility(d, 0, 10, &b, &e), BRINK_EUNSUPPORTED);
        CHECK(strstr(e.message, "not 1") != NULL);
        CHECK_EQ_INT(brink_neg_write_genius_utility(d, 2, 10, &b, &e), BRINK_EINVALID);
        CHECK_EQ_INT(brink_neg_write_genius_domain(d, &b, &e), BRINK_OK); /* the issues are fine */
    }
    brink_neg_domain_free(d);
    d = brink_neg_domain_new("table");
    static const char *const v2[] = {"x", "y"};
    if (d && !brink_neg_domain_add_discrete(d, "i", 2, v2, &e) && !brink_neg_domain_add_party(d, "A", 0, 1, NULL, &e) &&
        !brink_neg_domain_add_party(d, "B", 0, 1, NULL, &e)) {
        double t[2] = {1, 0.5};
        d->party[1].weight[0] = 1;
        d->party[1].eval[0][1] = 1;
        CHECK_EQ_INT(brink_neg_domain_set_table(d, 0, t, &e), BRINK_OK);
        CHECK_EQ_INT(brink_neg_domain_finish(d, &e), BRINK_OK);
        brink_buf_reset(&b);
        CHECK_EQ_INT(brink_neg_write_genius_utility(d, 0, 10, &b, &e), BRINK_EUNSUPPORTED);
        CHECK(strstr(e.message, "table") != NULL);
        CHECK_EQ_INT(brink_neg_write_genius_utility(d, 1, 10, &b, &e), BRINK_OK);
    } else {
        CHECK(0);
    }
    brink_neg_domain_free(d);
    brink_buf_free(&b);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/brink-genius-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_job(dir);
    test_builtin(dir, "korea", 100);
    test_builtin(dir, "split", 30);
    test_escaping(dir);
    test_refusals();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return check_finish();
}
