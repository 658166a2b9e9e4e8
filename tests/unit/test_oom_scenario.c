/* test_oom_scenario.c — allocation failures in the scenario layer are survived: parsing and
 * compiling (YAML tree, expressions, expansion, emission), binding instances, analysing
 * (assessment, thresholds, sweeps, comparisons) and writing reports all return BRINK_ENOMEM
 * (or NULL with the error set) at whichever allocation fails; never a crash, another error
 * or (under ASan) a leak.
 *
 * Same harness as test_oom.c: malloc/calloc/realloc are wrapped at link time and the k-th call
 * fails, for k = 0, 1, ... (every k for parsing and binding, a sample for analyses) until a
 * run completes. Allocations inside GMP and libfyaml are not wrapped (those libraries abort,
 * or report, by their own rules).
 */
#include <stdlib.h>
#include <string.h>

#include "brink/brink.h"
#include "check.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);

static long oom_countdown = -1; /* test-only state: the harness is single-threaded */
static int oom_hit = 0;

static int should_fail(void)
{
    if (oom_countdown < 0)
        return 0;
    if (oom_countdown-- == 0) {
        oom_hit = 1;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n) { return should_fail() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { return should_fail() ? NULL : __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { return should_fail() ? NULL : __real_realloc(p, n); }

/* Fail the k-th allocation for k = 0, stride, 2 stride, ... until a run completes (stride 1
 * is exhaustive; larger strides sample long runs such as threshold searches). */
static void exhaust(const char *name, int (*f)(void), long stride)
{
    int rounds = 0, bad = 0;
    for (long k = 0; k < 4000000; k += stride) {
        oom_countdown = k;
        oom_hit = 0;
        int ok = f();
        oom_countdown = -1;
        rounds++;
        if (!oom_hit) {
            if (ok != 1)
                bad++;
            break;
        }
        if (ok < 0) {
            bad++;
            fprintf(stderr, "%s: allocation %ld gave another error\n", name, k);
        }
    }
    CHECK_MSG(bad == 0, "%s: %d rounds, %d bad", name, rounds, bad);
    printf("%s: survived %d allocation failures\n", name, rounds - 1);
}

static int code_of(const brink_error *err)
{
    if (err->code != BRINK_ENOMEM)
        fprintf(stderr, "  not ENOMEM: %s (%s)\n", brink_status_name(err->code), err->message);
    return err->code == BRINK_ENOMEM ? 0 : -1;
}

/* A scenario using every construct: types, hidden moves, chance with seen_by, sub-games
 * with arguments, repeat/next/if, numeric issues with tallies and spatial preferences, and
 * all three kinds of question. */
static const char *TEXT =
    "brink: 1\n"
    "id: oom\n"
    "actors: {A: {types: {hi: p, lo: 1 - p}}, B: {}}\n"
    "parameters:\n"
    "  p: {value: 0.4, range: [0, 1]}\n"
    "  c: {value: 1, range: [0, 5]}\n"
    "issues:\n"
    "  deal: [none, yes]\n"
    "  n: {numeric: true}\n"
    "preferences:\n"
    "  A: {deal=yes: 2, n: -c}\n"
    "  A.hi: {n: {ideal: 1, weight: 1, loss: quadratic}}\n"
    "  B: {deal=yes: 1, n: 1}\n"
    "subgames:\n"
    "  round:\n"
    "    args: {k: null, bonus: 2}\n"
    "    body:\n"
    "      hidden: true\n"
    "      A:\n"
    "        give: {B: {take: {outcome: {deal: yes, n: {add: 1}}, next: true}, pass: next}}\n"
    "        keep:\n"
    "          if: k < 2\n"
    "          then: {B: {take: {payoff: {B: bonus}}, pass: {}}}\n"
    "          else: {B: {take: {}, pass: {}}}\n"
    "game:\n"
    "  seen_by: [B]\n"
    "  chance:\n"
    "    calm: {prob: 1/2, repeat: round, times: 2, index: k, then: {}}\n"
    "    storm: {prob: 1/2, payoff: {A: -1}, play: round, with: {k: 2}, then: {}}\n"
    "questions:\n"
    "  - threshold: {parameter: c, watch: A@*}\n"
    "  - sweep: {parameter: p, steps: 3}\n"
    "  - compare: {watch: B@*}\n";

static int parse_once(void)
{
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_parse(TEXT, strlen(TEXT), "oom.yaml", NULL, &err);
    if (!sc)
        return code_of(&err);
    brink_scenario_free(sc);
    return 1;
}

/* Generators made at expansion (values from sub-game arguments and round, nested, in a
 * chance move, with an enclosing generator read with the file) and an actor template. */
static const char *TEXT_GEN =
    "brink: 1\n"
    "id: oomgen\n"
    "actors: {A: {}, E1: {}, E2: {}}\n"
    "parameters: {c: 1}\n"
    "subgames:\n"
    "  m:\n"
    "    args: {who: actor, n: 2}\n"
    "    body:\n"
    "      chance:\n"
    "        c_{i}:\n"
    "          for: i\n"
    "          in: range(1, n)\n"
    "          prob: 1 / n\n"
    "          who:\n"
    "            o_{j}:\n"
    "              for: j\n"
    "              in: range(1, i + round)\n"
    "              payoff: {who: j * c}\n"
    "              next: true\n"
    "            g_{k}:\n"
    "              for: k\n"
    "              in: [1, 2]\n"
    "              A:\n"
    "                h_{l}: {for: l, in: \"range(1, k * n)\", next: true}\n"
    "  st:\n"
    "    body: {play: m, with: {who: \"E{round}\", n: round}}\n"
    "game: {repeat: st, times: 2, then: {}}\n";

static int parse_gen_once(void)
{
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_parse(TEXT_GEN, strlen(TEXT_GEN), "oomgen.yaml", NULL,
                                              &err);
    if (!sc)
        return code_of(&err);
    brink_scenario_free(sc);
    return 1;
}

static int bind_once(void)
{
    brink_error err;
    brink_error_clear(&err);
    int old = (int)oom_countdown;
    oom_countdown = -1;   /* parse without failures; fail inside the instance */
    brink_scenario *sc = brink_scenario_parse(TEXT, strlen(TEXT), "oom.yaml", NULL, &err);
    oom_countdown = old;
    if (!sc)
        return -1;
    int r = 1;
    brink_scenario_instance *in = brink_scenario_instance_new(sc, &err);
    if (!in) {
        r = code_of(&err);
    } else {
        double v[2] = {0.25, 2};
        if (brink_scenario_bind_d(in, v, &err) != BRINK_OK)
            r = code_of(&err);
        brink_scenario_instance_free(in);
    }
    brink_scenario_free(sc);
    return r;
}

static brink_scenario *shared;
static int with_questions;

static int analyze_once(void)
{
    brink_error err;
    brink_error_clear(&err);
    brink_analysis_options o;
    brink_analysis_options_init(&o);
    o.max_solves = 6;         /* fewer solves: the same code paths, a shorter harness */
    o.questions = with_questions;
    brink_analysis *a = brink_analyze(shared, &o, &err);
    if (!a)
        return code_of(&err);
    int r = 1;
    for (int i = 0; i < a->nanswers; i++)
        if (a->answers[i].status == BRINK_ENOMEM)
            r = 0;   /* an answer that ran out of memory says so; analysis itself survived */
    brink_buf b;
    brink_buf_init(&b);
    if (brink_analysis_write_text(a, &b, &err) != BRINK_OK ||
        brink_analysis_write_json(a, &b, &err) != BRINK_OK)
        r = code_of(&err);
    brink_buf_free(&b);
    brink_analysis_free(a);
    return r;
}

int main(void)
{
    exhaust("parse+compile", parse_once, 1);
    exhaust("parse+compile, generators at expansion", parse_gen_once, 1);
    exhaust("instance+bind", bind_once, 1);
    brink_error err;
    shared = brink_scenario_parse(TEXT, strlen(TEXT), "oom.yaml", NULL, &err);
    CHECK_MSG(shared != NULL, "%s", err.message);
    if (shared) {
        /* the scenario works before any failure is injected */
        with_questions = 1;
        CHECK_EQ_INT(analyze_once(), 1);
        with_questions = 0;
        exhaust("analyze+report", analyze_once, 2);
        with_questions = 1;
        exhaust("analyze+questions (sampled)", analyze_once, 401);
        brink_scenario_free(shared);
    }
    return check_finish();
}
