/* test_negotiate.c — negotiation domains, the closed-form bargaining solutions against the
 * formulas of the literature, the protocol and agents against them, and the tournament's
 * metrics against the closed forms on simple domains.
 */
#include <math.h>
#include <string.h>
#include "brink/negotiate.h"
#include "check.h"

static double qd(const mpq_t q) { return mpq_get_d(q); }

static void q_set(mpq_t q, long n, unsigned long d)
{
    mpq_set_si(q, n, d);
    mpq_canonicalize(q);
}

static int q_is(const mpq_t q, long n, unsigned long d)
{
    mpq_t t;
    mpq_init(t);
    q_set(t, n, d);
    int eq = mpq_equal(q, t);
    mpq_clear(t);
    return eq;
}

/* Rubinstein (1982): x* = (1 - d1) / (1 - d0 d1). */
static void test_rubinstein(void)
{
    mpq_t d0, d1, x;
    mpq_inits(d0, d1, x, NULL);
    q_set(d0, 9, 10);
    q_set(d1, 9, 10);
    CHECK_EQ_INT(brink_neg_rubinstein(d0, d1, x, NULL), BRINK_OK);
    CHECK(q_is(x, 10, 19));            /* 1 / (1 + d) for equal factors */
    q_set(d0, 1, 2);
    q_set(d1, 2, 3);
    CHECK_EQ_INT(brink_neg_rubinstein(d0, d1, x, NULL), BRINK_OK);
    CHECK(q_is(x, 1, 2));              /* (1/3) / (2/3) */
    q_set(d0, 0, 1);
    CHECK_EQ_INT(brink_neg_rubinstein(d0, d1, x, NULL), BRINK_OK);
    CHECK(q_is(x, 1, 3));              /* an impatient responder: 1 - d1 */
    q_set(d0, 1, 1);
    brink_error e;
    CHECK_EQ_INT(brink_neg_rubinstein(d0, d1, x, &e), BRINK_EINVALID);
    mpq_clears(d0, d1, x, NULL);
}

static void frontier_make(brink_neg_frontier *f, int n, const long *num, unsigned long den)
{
    f->npoints = n;
    f->u0 = brink_q_array_new((size_t)n);
    f->u1 = brink_q_array_new((size_t)n);
    for (int k = 0; k < n; k++) {
        q_set(f->u0[k], num[2 * k], den);
        q_set(f->u1[k], num[2 * k + 1], den);
    }
}

static void frontier_free(brink_neg_frontier *f)
{
    brink_q_array_free(f->u0, (size_t)f->npoints);
    brink_q_array_free(f->u1, (size_t)f->npoints);
}

/* Nash (1950) and its asymmetric form on u0 + u1 = 1: u0 = d0 + alpha (1 - d0 - d1);
 * Kalai-Smorodinsky (1975) there: equal gains relative to the ideal gains. */
static void test_nash_ks_linear(void)
{
    static const long line[] = {0, 1, 1, 0};
    brink_neg_frontier f;
    frontier_make(&f, 2, line, 1);
    mpq_t d0, d1, al, x, y;
    mpq_inits(d0, d1, al, x, y, NULL);
    q_set(al, 1, 2);
    CHECK_EQ_INT(brink_neg_nash(&f, d0, d1, al, x, y, NULL), BRINK_OK);
    CHECK(q_is(x, 1, 2) && q_is(y, 1, 2));
    q_set(al, 1, 3);
    CHECK_EQ_INT(brink_neg_nash(&f, d0, d1, al, x, y, NULL), BRINK_OK);
    CHECK(q_is(x, 1, 3) && q_is(y, 2, 3));
    q_set(d0, 1, 5);
    q_set(d1, 1, 10);
    q_set(al, 1, 2);
    CHECK_EQ_INT(brink_neg_nash(&f, d0, d1, al, x, y, NULL), BRINK_OK);
    CHECK(q_is(x, 11, 20) && q_is(y, 9, 20));   /* 1/5 + (1/2)(7/10) */
    q_set(al, 3, 4);
    CHECK_EQ_INT(brink_neg_nash(&f, d0, d1, al, x, y, NULL), BRINK_OK);
    CHECK(q_is(x, 29, 40));                      /* 1/5 + (3/4)(7/10) */
    CHECK_EQ_INT(brink_neg_kalai_smorodinsky(&f, d0, d1, x, y, NULL), BRINK_OK);
    CHECK(q_is(x, 11, 20) && q_is(y, 9, 20));
    /* the disagreement point on or above the frontier: no solution */
    q_set(d0, 1, 2);
    q_set(d1, 1, 2);
    brink_error e;
    CHECK_EQ_INT(brink_neg_nash(&f, d0, d1, al, x, y, &e), BRINK_EINVALID);
    CHECK_EQ_INT(brink_neg_kalai_smorodinsky(&f, d0, d1, x, y, &e), BRINK_EINVALID);
    q_set(al, 1, 1);
    q_set(d0, 0, 1);
    q_set(d1, 0, 1);
    CHECK_EQ_INT(brink_neg_nash(&f, d0, d1, al, x, y, &e), BRINK_EINVALID);
    mpq_clears(d0, d1, al, x, y, NULL);
    frontier_free(&f);
}

/* A kinked frontier (0,1) (1/2,3/4) (1,0): the Nash point is the kink (the product u0 u1
 * rises along the first segment, falls along the second), KS is (3/5, 3/5). */
static void test_nash_ks_kinked(void)
{
    static const long kink[] = {0, 4, 2, 3, 4, 0};
    brink_neg_frontier f;
    frontier_make(&f, 3, kink, 4);
    mpq_t d0, d1, al, x, y, a, b;
    mpq_inits(d0, d1, al, x, y, a, b, NULL);
    q_set(al, 1, 2);
    CHECK_EQ_INT(brink_neg_nash(&f, d0, d1, al, x, y, NULL), BRINK_OK);
    CHECK(q_is(x, 1, 2) && q_is(y, 3, 4));
    CHECK_EQ_INT(brink_neg_kalai_smorodinsky(&f, d0, d1, x, y, NULL), BRINK_OK);
    CHECK(q_is(x, 3, 5) && q_is(y, 3, 5));
    /* inside the second segment for a strong party 0: u1 = 3/2 (1 - u0), max u0^a (1-u0)^(1-a)
       at u0 = a when a >= 1/2 ... here a = 4/5 */
    q_set(al, 4, 5);
    CHECK_EQ_INT(brink_neg_nash(&f, d0, d1, al, x, y, NULL), BRINK_OK);
    CHECK(q_is(x, 4, 5) && q_is(y, 3, 10));
    /* with a disagreement point the frontier is clipped; KS keeps the gains in proportion to
       the ideal gains (1 - d1 on u0 via the second segment, u1 at u0 = d0 on the first) */
    q_set(d0, 1, 5);
    q_set(d1, 1, 10);
    CHECK_EQ_INT(brink_neg_kalai_smorodinsky(&f, d0, d1, x, y, NULL), BRINK_OK);
    /* ideal: u0 = 14/15 where u1 = 1/10; u1 = 9/10 where u0 = 1/5 */
    mpq_sub(a, x, d0);
    q_set(b, 4, 5);           /* 9/10 - 1/10 */
    mpq_mul(a, a, b);
    mpq_sub(b, y, d1);
    mpq_t c;
    mpq_init(c);
    q_set(c, 11, 15);         /* 14/15 - 1/5 */
    mpq_mul(b, b, c);
    CHECK(mpq_equal(a, b));
    /* and on the frontier: either segment's line */
    q_set(c, 1, 2);
    mpq_mul(c, c, x);
    mpq_neg(c, c);
    mpq_set_ui(a, 1, 1);
    mpq_add(a, a, c);         /* 1 - u0/2 */
    q_set(c, 3, 2);
    mpq_set_ui(b, 1, 1);
    mpq_sub(b, b, x);
    mpq_mul(b, b, c);         /* 3/2 (1 - u0) */
    CHECK(mpq_equal(y, mpq_cmp(x, c) <= 0 && mpq_cmp_si(x, 1, 2) <= 0 ? a : b));
    mpq_clear(c);
    /* not concave: refused */
    static const long convex[] = {0, 4, 1, 1, 4, 0};
    brink_neg_frontier g;
    frontier_make(&g, 3, convex, 4);
    brink_error e;
    CHECK_EQ_INT(brink_neg_nash(&g, d0, d1, al, x, y, &e), BRINK_EINVALID);
    CHECK(strstr(e.message, "concave") != NULL);
    frontier_free(&g);
    mpq_clears(d0, d1, al, x, y, a, b, NULL);
    frontier_free(&f);
}

/* A split pie with reservations r0, r1 (grid of `steps` points). */
static brink_neg_domain *pie(int steps, double r0, double r1, double d0, double d1)
{
    brink_neg_domain *d = brink_neg_domain_new("pie");
    static const double up[] = {0, 1}, down[] = {1, 0};
    CHECK_EQ_INT(brink_neg_domain_add_continuous(d, "share", 0, 1, steps, NULL), BRINK_OK);
    CHECK_EQ_INT(brink_neg_domain_add_party(d, "A", r0, d0, NULL, NULL), BRINK_OK);
    CHECK_EQ_INT(brink_neg_domain_add_party(d, "B", r1, d1, NULL, NULL), BRINK_OK);
    d->party[0].weight[0] = d->party[1].weight[0] = 1;
    memcpy(d->party[0].eval[0], up, sizeof up);
    memcpy(d->party[1].eval[0], down, sizeof down);
    CHECK_EQ_INT(brink_neg_domain_finish(d, NULL), BRINK_OK);
    return d;
}

/* The outcome set's Nash and KS points agree with the closed forms on a pie whose grid holds
 * the exact solution. */
static void test_points_vs_closed(void)
{
    brink_neg_domain *d = pie(101, 0.2, 0.1, 1, 1);
    brink_neg_points p;
    CHECK_EQ_INT(brink_neg_points_compute(d, &p, NULL), BRINK_OK);
    CHECK_EQ_INT(p.npareto, 101);
    CHECK(p.has_nash);
    static const long line[] = {0, 1, 1, 0};
    brink_neg_frontier f;
    frontier_make(&f, 2, line, 1);
    mpq_t d0, d1, al, x, y;
    mpq_inits(d0, d1, al, x, y, NULL);
    q_set(d0, 1, 5);
    q_set(d1, 1, 10);
    q_set(al, 1, 2);
    brink_neg_nash(&f, d0, d1, al, x, y, NULL);
    CHECK_NEAR(p.nash_u[0], qd(x), 1e-9);
    CHECK_NEAR(p.nash_u[1], qd(y), 1e-9);
    brink_neg_kalai_smorodinsky(&f, d0, d1, x, y, NULL);
    CHECK_NEAR(p.ks_u[0], qd(x), 1e-9);
    CHECK_NEAR(p.ks_u[1], qd(y), 1e-9);
    CHECK_NEAR(brink_neg_points_pareto_distance(d, &p, 0.3, 0.3), sqrt(0.08), 1e-9);
    CHECK_NEAR(brink_neg_points_pareto_distance(d, &p, 0.4, 0.6), 0, 1e-12);
    mpq_clears(d0, d1, al, x, y, NULL);
    frontier_free(&f);
    brink_neg_points_free(&p);
    brink_neg_domain_free(d);
}

static brink_neg_result run2(const brink_neg_domain *d, const char *a, const char *b,
                             int rounds, uint64_t seed)
{
    const brink_neg_agent_type *ag[2] = {brink_neg_agent_find(a), brink_neg_agent_find(b)};
    CHECK(ag[0] && ag[1]);
    brink_neg_options o;
    brink_neg_options_init(&o);
    o.max_rounds = rounds;
    o.seed = seed;
    o.trace = 1;
    brink_neg_result r;
    brink_error e;
    brink_status st = brink_neg_run(d, ag, &o, &r, &e);
    CHECK_MSG(st == BRINK_OK, "%s vs %s: %s", a, b, e.message);
    return r;
}

/* Two equilibrium agents on a fine pie agree at once on Rubinstein's share (the finite
 * deadline differs from the infinite game by about d^(2 rounds)). */
static void test_equilibrium_rubinstein(void)
{
    static const long f[][4] = {{9, 10, 9, 10}, {1, 2, 2, 3}, {4, 5, 19, 20}};
    for (int c = 0; c < 3; c++) {
        mpq_t d0, d1, x;
        mpq_inits(d0, d1, x, NULL);
        q_set(d0, f[c][0], (unsigned long)f[c][1]);
        q_set(d1, f[c][2], (unsigned long)f[c][3]);
        brink_neg_rubinstein(d0, d1, x, NULL);
        brink_neg_domain *d = pie(1001, 0, 0, qd(d0), qd(d1));
        brink_neg_result r = run2(d, "equilibrium", "equilibrium", 200, 1);
        CHECK_EQ_INT(r.end, BRINK_NEG_AGREEMENT);
        CHECK_EQ_INT(r.agreement_turn, 0);
        CHECK_EQ_INT(r.turns, 2);
        /* on a grid of step g each backward step rounds by at most g, and the error of the
           next proposer's value comes back discounted: |error| <= g (1 + d1) / (1 - d0 d1) */
        double tol = 1e-3 * (1 + qd(d1)) / (1 - qd(d0) * qd(d1));
        CHECK_MSG(fabs(r.utility[0] - qd(x)) <= tol + 1e-9, "case %d: %.6f vs %.6f", c,
                  r.utility[0], qd(x));
        brink_neg_result_free(&r);
        brink_neg_domain_free(d);
        mpq_clears(d0, d1, x, NULL);
    }
}

static void test_agents(void)
{
    brink_neg_domain *d = pie(101, 0, 0, 1, 1);
    /* the hardliner never moves: against itself the deadline passes */
    brink_neg_result r = run2(d, "hardliner", "hardliner", 20, 1);
    CHECK_EQ_INT(r.end, BRINK_NEG_DEADLINE);
    CHECK_EQ_INT(r.turns, 40);
    CHECK_EQ_INT(r.nsteps, 40);
    brink_neg_result_free(&r);
    /* a conceder reaches its reservation value at the deadline and takes the hard offer */
    r = run2(d, "hardliner", "conceder", 20, 1);
    CHECK_EQ_INT(r.end, BRINK_NEG_AGREEMENT);
    CHECK_NEAR(r.utility[0], 1.0, 1e-12);
    brink_neg_result_free(&r);
    /* time-dependent targets fall with time, Boulware the slowest */
    const char *td[] = {"boulware", "linear", "conceder"};
    double mid[3];
    for (int k = 0; k < 3; k++) {
        r = run2(d, td[k], "hardliner", 50, 1);
        double prev = 2;
        int mono = 1;
        for (size_t s = 0; s < r.nsteps; s++)
            if (r.steps[s].party == 0 && r.steps[s].act == BRINK_NEG_OFFER) {
                double u = d->party[0].u[r.steps[s].outcome];
                mono &= u <= prev;
                if (r.steps[s].turn == 50) mid[k] = u;
                prev = u;
            }
        CHECK_MSG(mono, "%s offers rose", td[k]);
        /* Faratin et al.: target(t) = 1 - t^(1/e), t = 50/99, on a grid of 1/100 */
        double t = 50.0 / 99.0, e = k == 0 ? 0.2 : k == 1 ? 1 : 2;
        CHECK_NEAR(mid[k], ceil((1 - pow(t, 1 / e)) * 100 - 1e-9) / 100, 1e-9);
        brink_neg_result_free(&r);
    }
    CHECK(mid[0] > mid[1] && mid[1] > mid[2]);
    /* incremental reciprocity: an opening step, then only answered steps */
    r = run2(d, "reciprocity", "hardliner", 30, 1);
    CHECK_EQ_INT(r.end, BRINK_NEG_DEADLINE);
    double lowest = 1;
    for (size_t s = 0; s < r.nsteps; s++)
        if (r.steps[s].party == 0) {
            double u = d->party[0].u[r.steps[s].outcome];
            if (u < lowest) lowest = u;
        }
    CHECK_NEAR(lowest, 0.9, 1e-9); /* one step of 10% and no more */
    brink_neg_result_free(&r);
    r = run2(d, "reciprocity", "reciprocity", 30, 1);
    CHECK_EQ_INT(r.end, BRINK_NEG_AGREEMENT);
    CHECK_NEAR(r.utility[0], 0.5, 0.1 + 1e-9);
    brink_neg_result_free(&r);
    /* random agents: same seed, same negotiation; every action valid */
    brink_neg_result a = run2(d, "random", "random", 30, 7), b = run2(d, "random", "random", 30, 7);
    CHECK_EQ_INT(a.nsteps, b.nsteps);
    int same = a.nsteps == b.nsteps;
    for (size_t s = 0; same && s < a.nsteps; s++)
        same = a.steps[s].turn == b.steps[s].turn && a.steps[s].act == b.steps[s].act &&
               a.steps[s].outcome == b.steps[s].outcome;
    CHECK(same);
    CHECK(a.end != BRINK_NEG_INVALID);
    brink_neg_result_free(&a);
    brink_neg_result_free(&b);
    /* every agent against every agent: a valid end and utilities within [0, 1] */
    const brink_neg_agent_type *const *all = brink_neg_agent_types();
    brink_neg_domain *k = NULL;
    CHECK_EQ_INT(brink_neg_domain_builtin("korea", &k, NULL), BRINK_OK);
    for (int i = 0; all[i]; i++)
        for (int j = 0; all[j]; j++) {
            r = run2(k, all[i]->name, all[j]->name, 40, 3);
            CHECK_MSG(r.end != BRINK_NEG_INVALID, "%s vs %s", all[i]->name, all[j]->name);
            CHECK(r.utility[0] >= 0 && r.utility[0] <= 1 && r.utility[1] >= 0 &&
                  r.utility[1] <= 1);
            brink_neg_result_free(&r);
        }
    brink_neg_domain_free(k);
    brink_neg_domain_free(d);
}

static void test_domain_errors(void)
{
    brink_error e;
    brink_neg_domain *d = brink_neg_domain_new("bad");
    static const char *const ab[] = {"a", "b"}, *const aa[] = {"a", "a"};
    CHECK_EQ_INT(brink_neg_domain_add_discrete(d, "x", 2, aa, &e), BRINK_EINVALID);
    CHECK_EQ_INT(brink_neg_domain_add_discrete(d, "x", 2, ab, &e), BRINK_OK);
    CHECK_EQ_INT(brink_neg_domain_add_discrete(d, "x", 2, ab, &e), BRINK_EINVALID);
    {
        /* a large issue (as GENIUS integer ranges make): a duplicate far apart is found, and
         * distinct labels pass (the check is a hash index, not every pair) */
        enum { N = 1 << 18 };
        char (*text)[16] = malloc((size_t)N * sizeof *text);
        const char **lab = malloc((size_t)N * sizeof *lab);
        brink_neg_domain *big = brink_neg_domain_new("big");
        CHECK(text && lab && big);
        if (text && lab && big) {
            for (int k = 0; k < N; k++) {
                snprintf(text[k], sizeof text[k], "%d", k);
                lab[k] = text[k];
            }
            CHECK_EQ_INT(brink_neg_domain_add_discrete(big, "a", N, lab, &e), BRINK_OK);
            lab[N - 1] = text[3];
            CHECK_EQ_INT(brink_neg_domain_add_discrete(big, "b", N, lab, &e), BRINK_EINVALID);
            CHECK(strstr(e.message, "'3' given twice") != NULL);
        }
        brink_neg_domain_free(big);
        free(text);
        free(lab);
    }
    CHECK_EQ_INT(brink_neg_domain_add_continuous(d, "y", 1, 0, 5, &e), BRINK_EINVALID);
    CHECK_EQ_INT(brink_neg_domain_finish(d, &e), BRINK_EINVALID);  /* no party */
    CHECK_EQ_INT(brink_neg_domain_add_party(d, "P", 0, 1, NULL, &e), BRINK_OK);
    CHECK_EQ_INT(brink_neg_domain_add_party(d, "Q", 0, 1, NULL, &e), BRINK_OK);
    CHECK_EQ_INT(brink_neg_domain_finish(d, &e), BRINK_EINVALID);  /* weights sum to 0 */
    CHECK(strstr(e.message, "sum") != NULL);
    d->party[0].weight[0] = d->party[1].weight[0] = 1;
    d->party[0].eval[0][1] = 1.5;
    CHECK_EQ_INT(brink_neg_domain_finish(d, &e), BRINK_EINVALID);
    d->party[0].eval[0][1] = 1;
    d->party[1].discount = 0;
    CHECK_EQ_INT(brink_neg_domain_finish(d, &e), BRINK_EINVALID);
    d->party[1].discount = 1;
    CHECK_EQ_INT(brink_neg_domain_finish(d, &e), BRINK_OK);
    brink_neg_domain_free(d);
    d = brink_neg_domain_new("huge");
    CHECK_EQ_INT(brink_neg_domain_add_continuous(d, "a", 0, 1, 1 << 12, &e), BRINK_OK);
    CHECK_EQ_INT(brink_neg_domain_add_continuous(d, "b", 0, 1, 1 << 12, &e), BRINK_OK);
    CHECK_EQ_INT(brink_neg_domain_add_party(d, "P", 0, 1, NULL, &e), BRINK_OK);
    CHECK_EQ_INT(brink_neg_domain_add_party(d, "Q", 0, 1, NULL, &e), BRINK_OK);
    CHECK_EQ_INT(brink_neg_domain_finish(d, &e), BRINK_ETOOBIG);
    brink_neg_domain_free(d);
    CHECK_EQ_INT(brink_neg_domain_builtin("nowhere", &d, &e), BRINK_EINVALID);
    /* outcome numbering round-trips */
    CHECK_EQ_INT(brink_neg_domain_builtin("korea", &d, &e), BRINK_OK);
    CHECK_EQ_INT(d->noutcomes, 4 * 4 * 3 * 4);
    int v[4] = {2, 1, 0, 3};
    size_t o = brink_neg_outcome_of(d, v);
    for (int i = 0; i < 4; i++) CHECK_EQ_INT(brink_neg_outcome_value(d, o, i), v[i]);
    /* at_least: the worst outcome still reaching the target */
    size_t w = brink_neg_outcome_at_least(d, 0, 0.5);
    CHECK(d->party[0].u[w] >= 0.5);
    for (size_t x = 0; x < d->noutcomes; x++)
        CHECK(!(d->party[0].u[x] >= 0.5 && d->party[0].u[x] < d->party[0].u[w]));
    brink_neg_domain_free(d);
}

/* Tournament metrics against the closed forms: equilibrium agents on a pie agree at once on
 * Rubinstein's share, on the frontier (distance 0) at sqrt(2) |x* - 1/2| from the Nash and
 * KS point (1/2, 1/2); the result is the same on 1 and 3 threads. */
static void test_tournament(void)
{
    brink_neg_domain *d = pie(1001, 0, 0, 0.9, 0.9);
    const brink_neg_domain *ds[1] = {d};
    const brink_neg_agent_type *eq = brink_neg_agent_find("equilibrium");
    const brink_neg_agent_type *ags[2] = {eq, eq};
    brink_neg_tournament_options o;
    brink_neg_tournament_options_init(&o);
    o.repetitions = 3;
    o.max_rounds = 100;
    brink_neg_tournament t;
    brink_error e;
    CHECK_EQ_INT(brink_neg_tournament_run(ds, 1, ags, 2, &o, &t, &e), BRINK_OK);
    CHECK_EQ_INT(t.negotiations, 2 * 3);
    CHECK_NEAR(t.overall.agreement_rate.mean, 1, 0);
    CHECK_NEAR(t.overall.pareto_distance.mean, 0, 1e-6);
    double want = sqrt(2.0) * (10.0 / 19.0 - 0.5);
    double tol = 1e-3 * 1.9 / (1 - 0.81); /* the grid's bound (test_equilibrium_rubinstein) */
    CHECK_NEAR(t.overall.nash_distance.mean, want, sqrt(2.0) * tol + 1e-6);
    CHECK_NEAR(t.overall.ks_distance.mean, want, sqrt(2.0) * tol + 1e-6);
    CHECK_NEAR(t.overall.welfare.mean, 1, 1e-6);
    CHECK_NEAR(t.pair[0 * 2 + 1].utility.mean, 10.0 / 19.0, tol + 1e-6);
    brink_neg_tournament_free(&t);

    /* the full agent set on korea and random domains: same result on 1 and 3 threads */
    brink_neg_domain *k = NULL, *rd = NULL;
    brink_neg_domain_builtin("korea", &k, NULL);
    brink_neg_domain_random(5, 3, 4, &rd, NULL);
    const brink_neg_domain *two[2] = {k, rd};
    const brink_neg_agent_type *const *all = brink_neg_agent_types();
    int n = 0;
    while (all[n]) n++;
    brink_neg_tournament t1, t3;
    o.repetitions = 2;
    o.max_rounds = 30;
    CHECK_EQ_INT(brink_neg_tournament_run(two, 2, all, n, &o, &t1, &e), BRINK_OK);
    o.threads = 3;
    CHECK_EQ_INT(brink_neg_tournament_run(two, 2, all, n, &o, &t3, &e), BRINK_OK);
    CHECK_EQ_INT(t1.negotiations, (long)n * (n - 1) * 2 * 2);
    for (int a = 0; a < n; a++) {
        CHECK(t1.agent[a].utility.mean == t3.agent[a].utility.mean);
        CHECK(t1.agent[a].agreements == t3.agent[a].agreements);
        CHECK(t1.agent[a].agreement_rate.mean >= 0 && t1.agent[a].agreement_rate.mean <= 1);
        CHECK(t1.agent[a].pareto_distance.mean >= 0);
    }
    brink_neg_tournament_free(&t1);
    brink_neg_tournament_free(&t3);
    brink_neg_domain_free(k);
    brink_neg_domain_free(rd);
    brink_neg_domain_free(d);
}

/* The GENIUS test domain (tests/data/negotiate/genius): discrete evaluations divided by the
 * issue's largest, linear evaluators on integer and real issues, weights by index. */
static void test_genius(void)
{
    char dom[1024], emp[1024], cand[1024], bad[1024];
    const char *src = check_source_dir();
    snprintf(dom, sizeof dom, "%s/tests/data/negotiate/genius/job_domain.xml", src);
    snprintf(emp, sizeof emp, "%s/tests/data/negotiate/genius/job_employer.xml", src);
    snprintf(cand, sizeof cand, "%s/tests/data/negotiate/genius/job_candidate.xml", src);
    snprintf(bad, sizeof bad, "%s/tests/data/negotiate/genius/bad/weights.xml", src);
    const char *u[2] = {emp, cand};
    brink_neg_domain *d = NULL;
    brink_error e;
    CHECK_EQ_INT(brink_neg_read_genius(dom, u, 2, 100, &d, &e), BRINK_OK);
    if (!d) return;
    CHECK_EQ_INT(d->nissues, 4);
    CHECK_EQ_INT(d->noutcomes, 3 * 5 * 11 * 3);
    CHECK_STR(d->issues[1].values[0], "4");
    CHECK_EQ_INT(d->issues[2].kind, BRINK_NEG_CONTINUOUS);
    CHECK_NEAR(d->party[0].eval[0][1], 8.0 / 10.0, 1e-12);   /* engineer: 8 of 10 */
    CHECK_NEAR(d->party[0].eval[3][2], 2.0 / 5.0, 1e-12);
    /* engineer, 6 weeks, salary 75 (grid point 5 of 0..10), two days remote:
       0.2 (8/10) + 0.1 (2 - 0.25*6) + 0.5 (2 - 0.02*75) + 0.2 (5/5) */
    int v[4] = {1, 2, 5, 1};
    CHECK_NEAR(d->party[0].u[brink_neg_outcome_of(d, v)],
               0.2 * 0.8 + 0.1 * (2 - 0.25 * 6) + 0.5 * (2 - 0.02 * 75) + 0.2 * 1.0, 1e-12);
    CHECK_NEAR(d->party[1].u[brink_neg_outcome_of(d, v)],
               0.3 * 0.75 + 0.2 * (-1 + 0.25 * 6) + 0.3 * (-1 + 0.02 * 75) + 0.2 * 1.0, 1e-12);
    CHECK_NEAR(d->party[0].discount, pow(0.8, 1.0 / 200), 1e-15);
    CHECK_NEAR(d->party[0].reservation, 0.2, 0);
    brink_neg_domain_free(d);
    u[1] = bad;
    CHECK_EQ_INT(brink_neg_read_genius(dom, u, 2, 100, &d, &e), BRINK_EINVALID);
    CHECK(d == NULL && e.line == 2 && strstr(e.file, "weights.xml") != NULL);
}

/* An agent that breaks the protocol: accepts when nothing stands. */
static brink_status bad_create(void **s, const brink_neg_view *v, brink_error *err)
{
    *s = NULL;
    return BRINK_OK;
}
static brink_neg_action bad_act(void *s, const brink_neg_view *v, const brink_neg_turn *t)
{
    return (brink_neg_action){BRINK_NEG_ACCEPT, 0};
}
static void bad_destroy(void *s) { (void)s; }
static const brink_neg_agent_type bad_agent = {"bad", "accepts nothing", bad_create, bad_act,
                                               bad_destroy};

/* Three parties with table utilities: an offer is agreed only once both others accept it in
 * turn; the equilibrium agent declines more than two parties; a broken action is recorded. */
static void test_multiparty(void)
{
    brink_neg_domain *d = brink_neg_domain_new("three");
    static const char *const v[] = {"a", "b", "c", "d", "e"};
    CHECK_EQ_INT(brink_neg_domain_add_discrete(d, "x", 5, v, NULL), BRINK_OK);
    static const double t0[] = {1, 0.8, 0.6, 0.3, 0}, t1[] = {0, 0.5, 1, 0.5, 0},
                        t2[] = {0, 0.3, 0.6, 0.8, 1};
    const double *tab[3] = {t0, t1, t2};
    for (int p = 0; p < 3; p++) {
        CHECK_EQ_INT(brink_neg_domain_add_party(d, p == 0 ? "P" : p == 1 ? "Q" : "R", 0.1, 1,
                                                NULL, NULL), BRINK_OK);
        CHECK_EQ_INT(brink_neg_domain_set_table(d, p, tab[p], NULL), BRINK_OK);
    }
    CHECK_EQ_INT(brink_neg_domain_finish(d, NULL), BRINK_OK);
    CHECK_NEAR(d->party[1].u[2], 1, 0);
    const brink_neg_agent_type *c = brink_neg_agent_find("conceder");
    const brink_neg_agent_type *ag[3] = {c, c, c};
    brink_neg_options o;
    brink_neg_options_init(&o);
    o.max_rounds = 20;
    o.trace = 1;
    brink_neg_result r;
    CHECK_EQ_INT(brink_neg_run(d, ag, &o, &r, NULL), BRINK_OK);
    CHECK_EQ_INT(r.end, BRINK_NEG_AGREEMENT);
    CHECK(r.nsteps >= 3);
    if (r.nsteps >= 3) {
        const brink_neg_step *s = &r.steps[r.nsteps - 3];
        CHECK(s[0].act == BRINK_NEG_OFFER && s[1].act == BRINK_NEG_ACCEPT &&
              s[2].act == BRINK_NEG_ACCEPT && s[0].outcome == r.agreement);
    }
    for (int p = 0; p < 3; p++) CHECK_NEAR(r.utility[p], tab[p][r.agreement], 0);
    brink_neg_result_free(&r);
    ag[1] = brink_neg_agent_find("equilibrium");
    brink_error e;
    CHECK_EQ_INT(brink_neg_run(d, ag, &o, &r, &e), BRINK_EUNSUPPORTED);
    CHECK(strstr(e.message, "equilibrium") != NULL);
    ag[1] = c;
    ag[0] = &bad_agent;
    CHECK_EQ_INT(brink_neg_run(d, ag, &o, &r, &e), BRINK_OK);
    CHECK_EQ_INT(r.end, BRINK_NEG_INVALID);
    CHECK_EQ_INT(r.turns, 1);
    CHECK_NEAR(r.utility[2], 0.1, 0);
    brink_neg_result_free(&r);
    brink_neg_domain_free(d);
}

/* The YAML form inside a scenario: actors and issues reused, a numeric issue on a grid. */
static void test_yaml(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/negotiate/yaml/talks.yaml", check_source_dir());
    brink_neg_domain *d = NULL;
    brink_error e;
    CHECK_EQ_INT(brink_neg_read_yaml_file(path, &d, &e), BRINK_OK);
    if (!d) return;
    CHECK_EQ_INT(d->nissues, 3);
    CHECK_EQ_INT(d->noutcomes, 3 * 3 * 5);
    CHECK_STR(d->party[0].actor, "United States");
    CHECK_STR(d->party[1].actor, "North Korea");
    CHECK_NEAR(d->party[1].discount, 1, 0);
    /* moratorium, partial, denuc = 75 (grid point 3 of 0..4 on [0, 100]) */
    int v[3] = {1, 1, 3};
    size_t o = brink_neg_outcome_of(d, v);
    CHECK_NEAR(d->party[0].u[o], 0.5 * 0.6 + 0.2 * 0.7 + 0.3 * 0.75, 1e-12);
    CHECK_NEAR(d->party[1].u[o], 0.3 * 0.7 + 0.5 * 0.6 + 0.2 * 0.25, 1e-12);
    brink_neg_domain_free(d);
    static const char bad[] = "issues: {x: [a, b]}\nnegotiation:\n  parties:\n"
                              "    P: {weights: {x: 1}, values: {x: {a: 1, b: 0}}}\n"
                              "    Q: {weights: {x: 1}, values: {x: {a: 0, b: 2}}}\n";
    CHECK_EQ_INT(brink_neg_read_yaml(bad, sizeof bad - 1, "inline.yaml", &d, &e), BRINK_EINVALID);
    CHECK(d == NULL && e.line == 5 && e.column == 48);
    CHECK(strstr(e.message, "[0, 1]") != NULL);
    static const char none[] = "issues: {x: [a, b]}\n";
    CHECK_EQ_INT(brink_neg_read_yaml(none, sizeof none - 1, "none.yaml", &d, &e), BRINK_EINVALID);
    static const char broken[] = "negotiation: [\n";
    CHECK_EQ_INT(brink_neg_read_yaml(broken, sizeof broken - 1, "broken.yaml", &d, &e),
                 BRINK_ESYNTAX);
}

/* The single-text mediated protocol: hill-climbing voters find the joint gains of a domain
 * where each party cares about its own issue only, never move on a zero-sum pie, and fail
 * when the final text is below a reservation value. */
static void test_mediated(void)
{
    brink_neg_domain *d = brink_neg_domain_new("separate");
    static const char *const lv[] = {"l0", "l1", "l2", "l3"};
    brink_neg_domain_add_discrete(d, "x", 4, lv, NULL);
    brink_neg_domain_add_discrete(d, "y", 4, lv, NULL);
    brink_neg_domain_add_party(d, "A", 0, 1, NULL, NULL);
    brink_neg_domain_add_party(d, "B", 0, 1, NULL, NULL);
    static const double up[] = {0, 0.3, 0.6, 1}, flat[] = {0.5, 0.5, 0.5, 0.5};
    d->party[0].weight[0] = d->party[1].weight[1] = 1;
    memcpy(d->party[0].eval[0], up, sizeof up);
    memcpy(d->party[0].eval[1], flat, sizeof flat);
    memcpy(d->party[1].eval[0], flat, sizeof flat);
    memcpy(d->party[1].eval[1], up, sizeof up);
    CHECK_EQ_INT(brink_neg_domain_finish(d, NULL), BRINK_OK);
    brink_neg_options o;
    brink_neg_options_init(&o);
    o.max_rounds = 200;
    o.trace = 1;
    brink_neg_result r;
    CHECK_EQ_INT(brink_neg_run_mediated(d, &o, &r, NULL), BRINK_OK);
    CHECK_EQ_INT(r.end, BRINK_NEG_AGREEMENT);
    CHECK_NEAR(r.utility[0], 1, 1e-12);
    CHECK_NEAR(r.utility[1], 1, 1e-12);
    for (size_t s = 1; s < r.nsteps; s++)
        for (int p = 0; p < 2; p++)
            CHECK(d->party[p].u[r.steps[s].outcome] >= d->party[p].u[r.steps[s - 1].outcome]);
    CHECK(r.nsteps >= 2 && r.steps[r.nsteps - 1].party == 2);
    brink_neg_result_free(&r);
    brink_neg_domain_free(d);
    d = pie(101, 0, 0, 1, 1);
    CHECK_EQ_INT(brink_neg_run_mediated(d, &o, &r, NULL), BRINK_OK);
    CHECK_EQ_INT(r.nsteps, 1);
    CHECK_EQ_INT(r.end, BRINK_NEG_AGREEMENT);
    CHECK_NEAR(r.utility[0] + r.utility[1], 1, 1e-12);
    brink_neg_result_free(&r);
    brink_neg_domain_free(d);
    d = pie(101, 0.6, 0.6, 1, 1); /* no split gives both 0.6 */
    CHECK_EQ_INT(brink_neg_run_mediated(d, &o, &r, NULL), BRINK_OK);
    CHECK_EQ_INT(r.end, BRINK_NEG_DEADLINE);
    CHECK_NEAR(r.utility[0], 0.6, 0);
    brink_neg_result_free(&r);
    brink_neg_domain_free(d);
}

/* No built-in agent signs a deal worth less to it than walking away. An agreement on the
 * offer of turn k is worth u delta^k, a breakdown or the deadline the reservation value
 * undiscounted, so a discounted agreement late in a negotiation can be worse than none
 * (tester 10b, F4: on korea, 100 rounds, seeds 1 and 2, 78 of 220 party-results of the
 * agreements were below the reservation value, boulware vs boulware at 0.269 and 0.093
 * against 0.35 and 0.25). Every ordered pairing, on korea and on a discounted pie with
 * reservations; each party's utility is at least its reservation value. */
static void test_agents_reservation(void)
{
    const brink_neg_agent_type *const *all = brink_neg_agent_types();
    brink_neg_domain *dom[2] = {NULL, pie(101, 0.3, 0.2, 0.98, 0.97)};
    CHECK_EQ_INT(brink_neg_domain_builtin("korea", &dom[0], NULL), BRINK_OK);
    int agreements = 0;
    for (int c = 0; c < 2; c++)
        for (uint64_t seed = 1; seed <= 2; seed++)
            for (int i = 0; all[i]; i++)
                for (int j = 0; all[j]; j++) {
                    brink_neg_result r = run2(dom[c], all[i]->name, all[j]->name, 100, seed);
                    agreements += r.end == BRINK_NEG_AGREEMENT;
                    for (int p = 0; p < 2; p++)
                        CHECK_MSG(r.utility[p] >= dom[c]->party[p].reservation,
                                  "%s: %s vs %s, seed %d: party %d gets %.17g < reservation "
                                  "%g (agreed on turn %d)", dom[c]->name, all[i]->name,
                                  all[j]->name, (int)seed, p + 1, r.utility[p],
                                  dom[c]->party[p].reservation, r.agreement_turn);
                    brink_neg_result_free(&r);
                }
    CHECK(agreements > 0); /* the check is not empty */
    brink_neg_domain_free(dom[0]);
    brink_neg_domain_free(dom[1]);
}

int main(void)
{
    test_mediated();
    test_yaml();
    test_multiparty();
    test_genius();
    test_rubinstein();
    test_nash_ks_linear();
    test_nash_ks_kinked();
    test_points_vs_closed();
    test_equilibrium_rubinstein();
    test_agents();
    test_agents_reservation();
    test_domain_errors();
    test_tournament();
    return check_finish();
}
