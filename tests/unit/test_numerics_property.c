/* test_numerics_property.c — property test of the solvers on badly scaled games (issue 9).
 *
 * Random 2- and 3-player strategic games whose payoffs have 6 to 15 significant decimal
 * digits and ranges from 1 to 1e12 (entries spread over two decades below the range), and
 * two-player trees (imperfect information, some zero-sum, some of perfect information) with
 * one payoff 1e6 to 1e19 times the others. Every applicable method must return, within a time
 * limit, profiles that are either verified exact equilibria (exact methods: always; their
 * answers are also cross-checked: Lemke-Howson's equilibria are among enummixed's) or, for the
 * methods that compute in doubles, equilibria within their stated tolerance relative to the
 * payoff range, or an answer flagged as approximate/stopped (never an unflagged profile above
 * the tolerance, never an error). The verifiers are the library's exact ones (brink_solve
 * verifies every profile).
 *
 * Size: BRINK_PROPERTY_GAMES games (default 520, a few seconds); `make property` runs 20000.
 */
#include <gmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <time.h>

#include "brink/brink.h"
#include "check.h"

typedef struct prng {
    uint64_t s;
} prng;

static uint64_t next(prng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return r->s;
}

static long rnd(prng *r, long lo, long hi)
{
    return lo + (long)(next(r) % (uint64_t)(hi - lo + 1));
}

/* A decimal with `digits` significant digits and magnitude about 10^e10 (e10 may be negative),
 * written into q exactly: mantissa * 10^(e10 - digits + 1), random sign. */
static void random_decimal(prng *r, int digits, int e10, mpq_t q)
{
    mpz_t m, p;
    mpz_init_set_ui(m, (unsigned long)rnd(r, 1, 9));
    for (int d = 1; d < digits; d++) {
        mpz_mul_ui(m, m, 10);
        mpz_add_ui(m, m, (unsigned long)rnd(r, 0, 9));
    }
    if (rnd(r, 0, 1)) mpz_neg(m, m);
    int sh = e10 - digits + 1;
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, (unsigned long)(sh < 0 ? -sh : sh));
    mpq_set_z(q, m);
    if (sh >= 0) {
        mpz_mul(mpq_numref(q), mpq_numref(q), p);
    } else {
        mpz_set(mpq_denref(q), p);
        mpq_canonicalize(q);
    }
    mpz_clear(m);
    mpz_clear(p);
}

typedef struct tally {
    int games, solves, exact, within, flagged;
    double worst_rel;     /* largest NashConv / range among unflagged double answers */
    double slowest;
} tally;

/* Tolerance of the double methods relative to the payoff range (their documented stop is
 * 1e-10 (logit, simpdiv) and 1e-8 (agent-logit) x range; this leaves room for the rounding of
 * the check itself on payoffs of 15 digits). */
#define REL_TOL 1e-7
#define TIME_LIMIT 60.0 /* wall clock on a shared machine, sanitizers included */

static double game_range(const brink_game *g)
{
    const double *pay = g->kind == BRINK_GAME_NFG ? g->nfg->pay : g->efg->leaf_pay;
    size_t n = g->kind == BRINK_GAME_NFG ? g->nfg->ncells * (size_t)g->nfg->nplayers
                                         : (size_t)g->efg->nleaves * (size_t)g->efg->nplayers;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < n; k++) {
        lo = fmin(lo, pay[k]);
        hi = fmax(hi, pay[k]);
    }
    return hi > lo ? hi - lo : 1;
}

/* Solve with one method and check the property. Returns the list (caller frees) in *keep
 * when keep is not NULL. */
static void check_method(const char *name, const brink_game *g, int all, const char *what,
                         tally *t, brink_profile_list *keep)
{
    const brink_solver *s = brink_solver_find(name);
    CHECK_MSG(s != NULL, "no method %s", name);
    if (!s) return;
    brink_solve_options o;
    brink_solve_options_init(&o);
    o.all = all;
    o.time_limit = TIME_LIMIT;
    o.threads = 1;
    brink_profile_list l;
    brink_profile_list_init(&l);
    brink_error err;
    brink_error_clear(&err);
    double t0 = (double)clock() / CLOCKS_PER_SEC;
    brink_status st = brink_solve(s, g, &o, &l, &err);
    double dt = (double)clock() / CLOCKS_PER_SEC - t0;
    t->solves++;
    if (dt > t->slowest) t->slowest = dt;
    CHECK_MSG(st == BRINK_OK, "%s on %s: %s (%s)", name, what, brink_status_name(st), err.message);
    CHECK_MSG(dt < 2 * TIME_LIMIT, "%s on %s: %.1f s", name, what, dt);
    if (st == BRINK_OK) {
        CHECK_MSG(l.count >= 1 || !strcmp(name, "enumpure"), "%s on %s: no profile", name, what);
        double range = game_range(g);
        for (int i = 0; i < l.count; i++) {
            const brink_profile *pr = &l.items[i];
            if (s->flags & BRINK_SOLVER_EXACT) {
                CHECK_MSG(pr->verified == 1, "%s on %s: profile %d not exact (NashConv %g)",
                          name, what, i + 1, pr->nashconv);
                t->exact += pr->verified == 1;
                continue;
            }
            if (pr->verified == 1) {
                t->exact++;
            } else if (l.stats.stopped_at_limit) {
                t->flagged++; /* said so: "stopped at the limit" */
                if (getenv("BRINK_PROPERTY_VERBOSE"))
                    fprintf(stderr, "stopped: %s on %s, NashConv %g x range\n", name, what,
                            pr->nashconv / game_range(g));
            } else {
                /* an answer in doubles: within the tolerance, relative to the range */
                double rel = pr->nashconv / range;
                CHECK_MSG(rel <= REL_TOL, "%s on %s: NashConv %g = %g x range, unflagged", name,
                          what, pr->nashconv, rel);
                if (rel > t->worst_rel) t->worst_rel = rel;
                t->within++;
            }
        }
    }
    if (keep && st == BRINK_OK) *keep = l;
    else brink_profile_list_free(&l);
}

/* Is every equilibrium of `sub` (exact) also in `all`? */
static int subset_exact(const brink_profile_list *sub, const brink_profile_list *all)
{
    for (int i = 0; i < sub->count; i++) {
        int found = 0;
        for (int j = 0; j < all->count && !found; j++) {
            int same = sub->items[i].q && all->items[j].q;
            for (int k = 0; same && k < sub->items[i].n; k++)
                same = mpq_equal(sub->items[i].q[k], all->items[j].q[k]);
            found = same;
        }
        if (!found) return 0;
    }
    return 1;
}

static void strategic_game(prng *r, tally *t, int index)
{
    int N = rnd(r, 0, 3) == 0 ? 3 : 2;
    int ns[3];
    for (int i = 0; i < N; i++) ns[i] = N == 3 ? (int)rnd(r, 2, 3) : (int)rnd(r, 2, 4);
    int digits = (int)rnd(r, 6, 15), e_range = (int)rnd(r, 0, 12);
    int zero_sum = N == 2 && rnd(r, 0, 3) == 0;
    brink_nfg *g = brink_nfg_new(N, ns, NULL);
    CHECK(g != NULL);
    if (!g) return;
    mpq_t q;
    mpq_init(q);
    for (size_t c = 0; c < g->ncells; c++)
        for (int p = 0; p < N; p++) {
            if (zero_sum && p == 1) {
                mpq_neg(q, g->payq[c * (size_t)N]);
            } else {
                random_decimal(r, digits, e_range - (int)rnd(r, 0, 2), q);
            }
            brink_nfg_set_payoff(g, c, p, q);
        }
    mpq_clear(q);
    brink_game game = {BRINK_GAME_NFG, g, NULL};
    const char *dump = getenv("BRINK_PROPERTY_DUMP"); /* "INDEX:FILE": write that game */
    if (dump && atoi(dump) == index && strchr(dump, ':')) {
        brink_buf b;
        brink_buf_init(&b);
        if (brink_nfg_write(g, &b, NULL) == BRINK_OK) {
            FILE *f = fopen(strchr(dump, ':') + 1, "w");
            if (f) {
                fwrite(b.data, 1, b.len, f);
                fclose(f);
            }
        }
        brink_buf_free(&b);
    }
    char what[96];
    snprintf(what, sizeof what, "game %d (%d players, %d digits, range 1e%d%s)", index, N, digits,
             e_range, zero_sum ? ", zero-sum" : "");
    t->games++;
    check_method("enumpure", &game, 1, what, t, NULL);
    check_method("logit", &game, 0, what, t, NULL);
    check_method("simpdiv", &game, 0, what, t, NULL);
    if (N == 2) {
        brink_profile_list em, lh;
        brink_profile_list_init(&em);
        brink_profile_list_init(&lh);
        check_method("enummixed", &game, 1, what, t, &em);
        check_method("lcp", &game, 1, what, t, &lh);
        check_method("lcp", &game, 0, what, t, NULL);
        CHECK_MSG(subset_exact(&lh, &em), "%s: lcp found an equilibrium enummixed did not", what);
        brink_profile_list_free(&em);
        brink_profile_list_free(&lh);
        if (zero_sum) check_method("lp", &game, 0, what, t, NULL);
    }
    brink_nfg_free(g);
}

/* Append to a growing string (the .efg text). */
typedef struct sbuf {
    char *s;
    size_t n, cap;
} sbuf;

static void put(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (k >= 0 && b->s && b->n + (size_t)k < b->cap) {
            b->n += (size_t)k;
            return;
        }
        size_t nc = b->cap ? 2 * b->cap : 4096;
        while (nc < b->n + (size_t)k + 1) nc *= 2;
        char *ns = realloc(b->s, nc);
        if (!ns) abort(); /* test harness: out of memory is fatal */
        b->s = ns;
        b->cap = nc;
    }
}

/* A two-player tree: chance picks one of K states (random rational probabilities); player 1
 * moves, either knowing the state or not; player 2 then moves without seeing player 1's action
 * (one information set per state, or one in all), or, in perfect-information trees, seeing
 * everything and no chance. Leaf payoffs are small integers with one of them scaled by
 * 10^6..10^19; zero-sum in some trees. */
static void tree_game(prng *r, tally *t, int index)
{
    int perfect = rnd(r, 0, 3) == 0;
    int K = perfect ? 1 : (int)rnd(r, 1, 3), A1 = (int)rnd(r, 2, 3), A2 = (int)rnd(r, 2, 3);
    int p1_knows = perfect || rnd(r, 0, 1), p2_knows_state = perfect || rnd(r, 0, 1);
    int zero_sum = rnd(r, 0, 1);
    int nleaves = K * A1 * A2, huge = (int)rnd(r, 0, nleaves - 1), e = (int)rnd(r, 6, 19);
    sbuf b = {0};
    put(&b, "EFG 2 R \"property tree %d\" { \"P1\" \"P2\" }\n\"\"\n\n", index);
    long w[3], wsum = 0;
    for (int k = 0; k < K; k++) wsum += (w[k] = rnd(r, 1, 9));
    if (K > 1) {
        put(&b, "c \"\" 1 \"\" {");
        for (int k = 0; k < K; k++) put(&b, " \"s%d\" %ld/%ld", k + 1, w[k], wsum);
        put(&b, " } 0\n");
    }
    int leaf = 0, p2set = 0;
    for (int k = 0; k < K; k++) {
        put(&b, "p \"\" 1 %d \"\" {", p1_knows ? k + 1 : 1);
        for (int a = 0; a < A1; a++) put(&b, " \"a%d\"", a + 1);
        put(&b, " } 0\n");
        for (int a = 0; a < A1; a++) {
            int h2 = perfect ? ++p2set : p2_knows_state ? k + 1 : 1;
            put(&b, "p \"\" 2 %d \"\" {", h2);
            for (int c = 0; c < A2; c++) put(&b, " \"b%d\"", c + 1);
            put(&b, " } 0\n");
            for (int c = 0; c < A2; c++, leaf++) {
                long u1 = rnd(r, -9, 9), u2 = zero_sum ? -u1 : rnd(r, -9, 9);
                if (leaf == huge) {
                    put(&b, "t \"\" %d \"\" { %ld", leaf + 1, u1 ? u1 : 1);
                    for (int z = 0; z < e; z++) put(&b, "0");
                    put(&b, ", %ld", zero_sum ? -(u1 ? u1 : 1) : (u2 ? u2 : 1));
                    for (int z = 0; z < e; z++) put(&b, "0");
                    put(&b, " }\n");
                } else {
                    put(&b, "t \"\" %d \"\" { %ld, %ld }\n", leaf + 1, u1, u2);
                }
            }
        }
    }
    const char *dump = getenv("BRINK_PROPERTY_DUMP"); /* "INDEX:FILE": write that tree */
    if (dump && atoi(dump) == index && strchr(dump, ':')) {
        FILE *f = fopen(strchr(dump, ':') + 1, "w");
        if (f) {
            fwrite(b.s, 1, b.n, f);
            fclose(f);
        }
    }
    brink_game game;
    brink_error err;
    brink_error_clear(&err);
    brink_status st = brink_game_read(b.s, b.n, "property.efg", &game, &err);
    CHECK_MSG(st == BRINK_OK, "tree %d does not read: %s\n%s", index, err.message, b.s);
    free(b.s);
    if (st != BRINK_OK) return;
    char what[96];
    snprintf(what, sizeof what, "tree %d (%s, one payoff x 1e%d%s)", index,
             perfect ? "perfect information" : "imperfect information", e,
             zero_sum ? ", zero-sum" : "");
    t->games++;
    check_method("seqlcp", &game, 0, what, t, NULL);
    check_method("sequential", &game, 0, what, t, NULL);
    check_method("lcp", &game, 0, what, t, NULL);
    check_method("enumpure", &game, 1, what, t, NULL);
    check_method("agent-logit", &game, 0, what, t, NULL);
    if (zero_sum) check_method("seqlp", &game, 0, what, t, NULL);
    if (perfect) check_method("spe", &game, 1, what, t, NULL);
    brink_game_free(&game);
}

int main(void)
{
    const char *env = getenv("BRINK_PROPERTY_GAMES");
    long games = env ? strtol(env, NULL, 10) : 520;
    if (games < 1) games = 520;
    prng r = {0x9e3779b97f4a7c15ull};
    tally t;
    memset(&t, 0, sizeof t);
    for (long i = 0; i < games; i++) {
        if (i % 5 == 4) tree_game(&r, &t, (int)i);
        else strategic_game(&r, &t, (int)i);
    }
    printf("property: %d games, %d solves: %d profiles exact, %d within tolerance (worst %.3g "
           "x range), %d flagged as stopped; slowest solve %.2f s\n",
           t.games, t.solves, t.exact, t.within, t.worst_rel, t.flagged, t.slowest);
    CHECK(t.games >= (int)games);
    return check_finish();
}
