/* test_mc_fast.c — the double path of Monte Carlo (src/uncertainty/mc_fast.c) against the
 * exact path, draw by draw:
 *   - M5's copy (reputation_cost ~ beta) and a perfect-information scenario with a chance
 *     move and four drawn parameters (one a chance probability): the same number of
 *     equilibria, the same watched choices and realised outcomes, values within 1e-9, the
 *     same unique/single/several counts, with or without the double path; nearly every draw
 *     certified in doubles;
 *   - draws exactly at M5's flip (reputation_cost = 5, a tie: two equilibria) cannot be
 *     certified: every one takes the exact path and reports both equilibria;
 *   - M1 (imperfect information) has no double path: every draw is solved exactly.
 */
#include <math.h>

#include "brink/brink.h"
#include "check.h"
#include "scenario_util.h"

/* Perfect information, a chance move whose probability is drawn, and draws from several
 * kinds of distribution. */
static const char *PI_CHANCE =
    "brink: 1\n"
    "id: pi-chance\n"
    "actors: {A: {}, B: {}}\n"
    "parameters:\n"
    "  q:\n"
    "    value: 0.5\n"
    "    range: [0, 1]\n"
    "    distribution: uniform(0, 1)\n"
    "  gain:\n"
    "    value: 3\n"
    "    range: [0, 10]\n"
    "    distribution: triangular(0, 3, 10)\n"
    "  cost:\n"
    "    value: 2\n"
    "    range: [0, 6]\n"
    "    distribution: normal(2, 1)\n"
    "    truncate: true\n"
    "  risk:\n"
    "    value: 1\n"
    "    range: [0, 4]\n"
    "    distribution: beta(2, 2)\n"
    "issues: {deal: [none, small, big], war: [no, yes]}\n"
    "preferences:\n"
    "  A: {deal=small: gain, deal=big: 2 * gain - cost, war=yes: -risk * 3}\n"
    "  B: {deal=small: 2 - risk, deal=big: 3 - cost, war=yes: 1 - risk / 2}\n"
    "game:\n"
    "  A:\n"
    "    offer:\n"
    "      chance:\n"
    "        hawk:\n"
    "          prob: q\n"
    "          B:\n"
    "            accept: {outcome: {deal: big}}\n"
    "            fight: {outcome: {war: yes}}\n"
    "        dove:\n"
    "          prob: 1 - q\n"
    "          B:\n"
    "            accept: {outcome: {deal: small}}\n"
    "            reject: {outcome: {deal: none}}\n"
    "    wait:\n"
    "      B:\n"
    "        push: {outcome: {war: yes}}\n"
    "        stay: {outcome: {deal: small}}\n";

/* Every decision watched when the scenario's questions watch none. */
static const char *const EVERY[] = {"A@*", "B@*"};

static brink_mc_result *run(const brink_scenario *sc, long n, int exact)
{
    brink_mc_options o;
    brink_mc_options_init(&o);
    if (brink_scenario_nquestions(sc) == 0) {
        o.watch = EVERY;
        o.nwatch_refs = 2;
    }
    o.samples = n;
    o.seed = 11;
    o.threads = 1;
    o.keep_draws = 1;
    o.exact = exact;
    brink_error err;
    brink_error_clear(&err);
    brink_mc_result *r = brink_montecarlo(sc, &o, &err);
    CHECK_MSG(r != NULL, "%s", err.message);
    return r;
}

/* Draw by draw, the double path answers as the exact one (has_path: the game has a double
 * path, so every draw was tried on it). Returns the draws certified in doubles. */
static long same_answers(const char *what, const brink_scenario *sc, long n, int has_path)
{
    brink_mc_result *f = run(sc, n, 0), *x = run(sc, n, 1);
    if (!f || !x) {
        brink_mc_result_free(f);
        brink_mc_result_free(x);
        return -1;
    }
    CHECK_EQ_INT((int)x->fast, 0);
    CHECK_EQ_INT((int)x->fast_fallback, 0);
    CHECK_EQ_INT((int)(f->fast + f->fast_fallback), has_path ? (int)n : 0);
    CHECK_EQ_INT((int)f->unique, (int)x->unique);
    CHECK_EQ_INT((int)f->single, (int)x->single);
    CHECK_EQ_INT((int)f->several, (int)x->several);
    CHECK_EQ_INT((int)f->failed, (int)x->failed);
    CHECK_EQ_INT((int)f->unverified, (int)x->unverified);
    int nw = f->nwatch, np = f->nplayers, bad = 0;
    for (long i = 0; i < n && bad < 5; i++) {
        int same = f->draw_neq[i] == x->draw_neq[i] && f->draw_outcome[i] == x->draw_outcome[i];
        for (int k = 0; k < nw; k++)
            same &= f->draw_choice[i * nw + k] == x->draw_choice[i * nw + k];
        for (int p = 0; p < np; p++) {
            double a = f->draw_value[i * np + p], b = x->draw_value[i * np + p];
            same &= (isnan(a) && isnan(b)) || fabs(a - b) <= 1e-9 * (1 + fabs(b));
        }
        if (!same)
            bad++;
        CHECK_MSG(same, "%s: draw %ld differs (neq %d/%d, outcome %d/%d)", what, i,
                  f->draw_neq[i], x->draw_neq[i], f->draw_outcome[i], x->draw_outcome[i]);
    }
    /* not vacuous: the watched choices vary across the draws */
    for (int k = 0; k < nw; k++) {
        int varies = 0;
        for (long i = 1; i < n && !varies; i++)
            varies = f->draw_choice[i * nw + k] != f->draw_choice[k];
        CHECK_MSG(varies || n < 100, "%s: watched decision %d makes one choice in every draw",
                  what, k);
    }
    long certified = f->fast;
    brink_mc_result_free(f);
    brink_mc_result_free(x);
    return certified;
}

static brink_scenario *load(const char *what)
{
    return su_load(what);
}

/* The file at path with its text `from` replaced by `to` (once). */
static brink_scenario *load_replaced(const char *path, const char *from, const char *to)
{
    FILE *f = fopen(path, "rb");
    CHECK_MSG(f != NULL, "cannot open %s", path);
    if (!f)
        return NULL;
    brink_buf in, out;
    brink_buf_init(&in);
    brink_buf_init(&out);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        brink_buf_append(&in, chunk, n);
    fclose(f);
    brink_buf_append(&in, "", 1);
    const char *at = strstr(in.data, from);
    CHECK_MSG(at != NULL, "'%s' not in %s", from, path);
    brink_scenario *sc = NULL;
    if (at) {
        brink_buf_append(&out, in.data, (size_t)(at - in.data));
        brink_buf_puts(&out, to);
        brink_buf_puts(&out, at + strlen(from));
        brink_error err;
        brink_error_clear(&err);
        sc = brink_scenario_parse(out.data, out.len, "flip.yaml", NULL, &err);
        CHECK_MSG(sc != NULL, "%s", err.message);
    }
    brink_buf_free(&in);
    brink_buf_free(&out);
    return sc;
}

int main(void)
{
    const char *dir = getenv("BRINK_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/montecarlo/m5-reputation-beta.yaml",
             dir ? dir : "..");
    brink_scenario *m5 = load(path);
    if (m5) {
        long c = same_answers("m5", m5, 1500, 1);
        CHECK_MSG(c >= 1490, "m5: %ld of 1500 draws certified in doubles", c);
        brink_scenario_free(m5);
    }
    /* at the flip (reputation_cost = 5) the US is indifferent: no margin, so every draw
     * takes the exact path, which finds both equilibria */
    brink_scenario *flip = load_replaced(path, "distribution: beta(2, 5)",
                                         "distribution: discrete(5)");
    if (flip) {
        brink_mc_result *r = run(flip, 40, 0);
        if (r) {
            CHECK_EQ_INT((int)r->fast, 0);
            CHECK_EQ_INT((int)r->fast_fallback, 40);
            CHECK_EQ_INT((int)r->several, 40);
        }
        brink_mc_result_free(r);
        CHECK(same_answers("m5 at the flip", flip, 40, 1) == 0);
        brink_scenario_free(flip);
    }
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *pc = brink_scenario_parse(PI_CHANCE, strlen(PI_CHANCE), "pi.yaml", NULL,
                                              &err);
    CHECK_MSG(pc != NULL, "%s", err.message);
    if (pc) {
        long c = same_answers("pi-chance", pc, 1500, 1);
        CHECK_MSG(c >= 1490, "pi-chance: %ld of 1500 draws certified in doubles", c);
        brink_scenario_free(pc);
    }
    brink_scenario *m1 = load("m1");
    if (m1) {
        CHECK(same_answers("m1", m1, 300, 0) == 0);   /* no double path: none certified */
        brink_scenario_free(m1);
    }
    return check_finish();
}
