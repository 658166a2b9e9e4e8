/* test_scenario_hostile.c — hostile scenario input gets a located error, never a crash, hang,
 * abort or silent cut: bytes checked before libfyaml (NUL, invalid UTF-8, controls, the
 * `%` line that hangs libfyaml), libfyaml errors without a place, empty values, numbers too
 * large for GMP (literals, ^ towers, at bind time), exact ranges beyond double range, payoffs
 * whose double overflows, arguments whose code doubles at each call, and deep input (YAML
 * nesting, tree depth, sub-game chains) at the documented limits and beyond; also many names
 * and references (hash-indexed lookups) and the bounds on tree work. Inputs are generated
 * here, and the deep ones are compiled on a thread with a small stack: the walks must not
 * recurse with the depth.
 */
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "check.h"
#include "brink/brink.h"
#include "brink/scenario.h"
#include "scenario/textcheck.h"

static brink_scenario *parse_n(const char *text, size_t len, const brink_scenario_limits *l,
                               brink_error *err)
{
    brink_error_clear(err);
    return brink_scenario_parse(text, len, "t.yaml", l, err);
}

static brink_scenario *parse(const char *text, brink_error *err)
{
    return parse_n(text, strlen(text), NULL, err);
}

#define REFUSED(text, ...) refused(text, strlen(text), __VA_ARGS__)

/* Expect a refusal with code at line:col (col 0: any column >= 1) whose message has `part`. */
static void refused(const char *text, size_t len, const brink_scenario_limits *l,
                    brink_status code, int line, int col, const char *part)
{
    brink_error err;
    brink_scenario *sc = parse_n(text, len, l, &err);
    CHECK_MSG(!sc, "accepted: %.60s", text);
    brink_scenario_free(sc);
    CHECK_MSG(err.code == code, "code %d, want %d: %s", (int)err.code, (int)code, err.message);
    CHECK_MSG(err.line == line && (col ? err.column == col : err.column >= 1),
              "at %d:%d, want %d:%d: %s", err.line, err.column, line, col, err.message);
    CHECK_MSG(strstr(err.message, part) != NULL, "'%s' not in '%s'", part, err.message);
}

/* ---------------------------------------------------------------- bytes */

static void test_bytes(void)
{
    static const struct {
        const char *text;
        size_t len;
        int line, col;
        const char *part;
    } bad[] = {
        {"brink: 1\nid: x\n\0  y: 1\n", 22, 3, 1, "NUL byte"},
        {"brink: 1\n# caf\xE9 au lait\nid: x\n", 31, 2, 6, "0xE9"},
        {"%\xD8", 2, 1, 2, "0xD8"},                       /* hangs libfyaml 0.7.12 */
        {"a: 1\r\rb: \x01", 10, 3, 4, "U+0001"},          /* lone CRs end lines */
        {"a: 1\r\nb: \x7F", 10, 2, 4, "U+007F"},
        {"a: \xC2\x80", 5, 1, 4, "U+0080"},               /* C1 control */
        {"a: \xC0\xAF", 5, 1, 4, "0xC0"},                 /* overlong '/' */
        {"a: \xED\xA0\x80", 6, 1, 4, "0xED"},             /* surrogate */
        {"a: \xEF\xBF\xBE", 6, 1, 4, "U+FFFE"},
        {"a: \xF4\x90\x80\x80", 7, 1, 4, "0xF4"},         /* above U+10FFFF */
        {"a: \xE2\x82", 5, 1, 4, "0xE2"},                 /* cut short at the end */
        {"\xC3\xA9\xC3\xA9: \x1B[0m", 9, 1, 5, "U+001B"}, /* columns count characters */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        brink_error err;
        brink_error_clear(&err);
        CHECK_MSG(sc_check_text(bad[i].text, bad[i].len, "t.yaml", &err) == BRINK_ESYNTAX,
                  "case %zu accepted", i);
        CHECK_MSG(err.line == bad[i].line && err.column == bad[i].col,
                  "case %zu at %d:%d, want %d:%d", i, err.line, err.column, bad[i].line,
                  bad[i].col);
        CHECK_MSG(strstr(err.message, bad[i].part) != NULL, "case %zu: %s", i, err.message);
        /* and through the public entry point, before any parser sees the text */
        refused(bad[i].text, bad[i].len, NULL, BRINK_ESYNTAX, bad[i].line, bad[i].col,
                bad[i].part);
    }
    /* what YAML calls printable passes: BOM, tab, NEL, accents, CJK, emoji, CR LF */
    static const char good[] =
        "\xEF\xBB\xBF# \xC3\xA9\t\xC2\x85 \xE4\xB8\xAD \xF0\x9F\x98\x80\r\nid: x\n";
    brink_error err;
    CHECK(sc_check_text(good, sizeof good - 1, "t.yaml", &err) == BRINK_OK);

    /* the case files: a NUL or a Latin-1 comment used to end the file silently, so the
     * invalid key after it went unseen */
    static const char nul[] = "brink: 1\nid: trunc\nactors: {A: {}}\ngame:\n  A:\n"
                              "    x: {payoff: {A: 1}}\n\0   y: {payoff: {A: 2}}\nbogus_key: 1\n";
    refused(nul, sizeof nul - 1, NULL, BRINK_ESYNTAX, 7, 1, "NUL byte");
}

/* libfyaml reports some errors with no place ("[ERR]: ..."): they are placed where the last
 * complete event ended; an empty document's value has no mark either. */
static void test_directives(void)
{
    REFUSED("%YAML 9.9\n---\nbrink: 1\n", NULL, BRINK_ESYNTAX, 1, 1, "version");
    REFUSED("%TAG !x! \n---\n", NULL, BRINK_ESYNTAX, 1, 1, "YAML");
    REFUSED("%YAML 1.2\n%YAML 1.2\n---\nbrink: 1\n", NULL, BRINK_ESYNTAX, 2, 7,
            "duplicate version");
    const char *t = "%FOO\n---\n";
    brink_error err;
    brink_scenario *sc = parse(t, &err);
    CHECK(!sc);
    CHECK_MSG(err.line >= 1 && err.column >= 1, "%d:%d %s", err.line, err.column, err.message);
    brink_scenario_free(sc);
}

static void test_empty_values(void)
{
    static const struct {
        const char *text, *part;
        int line, col;
    } cases[] = {
        {"brink: 1\nid: x\nactors: {A: {}}\nparameters:\n  a: {value: }\n"
         "game: {A: {x: {}, y: {}}}\n", "found an empty value", 5, 12},
        {"brink:\nid: x\n", "found an empty value", 1, 6},
        {"brink: 1\nid: x\nactors: {A: {}}\ngame: {A: }\n", "must be a mapping", 4, 9},
        {"brink: 1\nid: x\nactors: {A: {}}\nparameters:\ngame: {A: {x: {}}}\n",
         "parameters must be a mapping", 4, 11},
        {"brink: 1\nid: x\nactors: {A: {}}\npreferences:\ngame: {A: {x: {}}}\n",
         "preferences must be a mapping", 4, 12},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        refused(cases[i].text, strlen(cases[i].text), NULL,
                i < 2 ? BRINK_ESYNTAX : BRINK_ESYNTAX, cases[i].line, cases[i].col,
                cases[i].part);
}

/* ---------------------------------------------------------------- numbers */

static void test_numbers(void)
{
    /* the case files: a 3 GB tower and one that made GMP abort the process */
    REFUSED("brink: 1\nid: h\nactors: {A: {}, B: {}}\n"
            "game: {A: {x: {payoff: {A: '(((2^256)^256)^256)^256'}}, y: {}}}\n",
            NULL, BRINK_ETOOBIG, 4, 29, "number too large");
    REFUSED("brink: 1\nid: h\nactors: {A: {}, B: {}}\n"
            "game: {A: {x: {payoff: {A: '((((2^256)^256)^256)^256)^256'}}, y: {}}}\n",
            NULL, BRINK_ETOOBIG, 4, 29, "number too large");
    /* the limit is a field, and it is exact at its edge */
    brink_scenario_limits l;
    brink_scenario_limits_init(&l);
    CHECK_EQ_INT(l.max_number_bits, 65536);
    l.max_number_bits = 64;
    const char *fmt =
        "brink: 1\nid: h\nactors: {A: {}}\ngame: {A: {x: {payoff: {A: %s}}, y: {}}}\n";
    static const struct {
        const char *expr;
        int ok;
    } edge[] = {
        {"2^63", 1}, {"2^64", 0}, {"3^40", 1}, {"3^41", 0}, {"(2^32)*(2^31)", 1},
        {"(2^32)*(2^32)", 0}, {"9223372036854775808", 1}, {"18446744073709551616", 0},
        {"1/2^63", 1}, {"1/2^64", 0}, {"2^63 + 2^62", 1},
    };
    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, fmt, edge[i].expr);
        brink_error err;
        brink_scenario *sc = parse_n(text, strlen(text), &l, &err);
        CHECK_MSG(!!sc == edge[i].ok, "%s: %s", edge[i].expr, sc ? "accepted" : err.message);
        if (!edge[i].ok)
            CHECK_MSG(err.code == BRINK_ETOOBIG && err.line == 4 && err.column >= 1,
                      "%s: %d at %d:%d", edge[i].expr, (int)err.code, err.line, err.column);
        brink_scenario_free(sc);
    }
    /* literals: in an expression and as a parameter's value */
    REFUSED("brink: 1\nid: h\nactors: {A: {}}\ngame: {A: {x: {payoff: {A: 1e99999}}, y: {}}}\n",
            NULL, BRINK_ETOOBIG, 4, 28, "exponent of '1e99999' beyond the limit");
    REFUSED("brink: 1\nid: h\nactors: {A: {}}\nparameters: {p: 1e99999}\n"
            "game: {A: {x: {payoff: {A: p}}, y: {}}}\n",
            NULL, BRINK_ETOOBIG, 4, 17, "exponent of '1e99999' beyond the limit");
    /* a tiny number: the message says what is wrong, never "too large" (a tester's value,
     * 1e-99999, was "too large"): its exponent, or its denominator's size (10^19729 has 65539
     * bits, one power of ten past the limit) */
    REFUSED("brink: 1\nid: h\nactors: {A: {}}\ngame: {A: {x: {payoff: {A: 1e-99999}}, y: {}}}\n",
            NULL, BRINK_ETOOBIG, 4, 28, "exponent of '1e-99999' beyond the limit (-19729 to 19729)");
    REFUSED("brink: 1\nid: h\nactors: {A: {}}\nparameters: {p: {value: 1e-99999}}\n"
            "game: {A: {x: {payoff: {A: p}}, y: {}}}\n",
            NULL, BRINK_ETOOBIG, 4, 25, "exponent of '1e-99999' beyond the limit (-19729 to 19729)");
    REFUSED("brink: 1\nid: h\nactors: {A: {}}\nparameters: {p: {value: 1e-19729}}\n"
            "game: {A: {x: {payoff: {A: p}}, y: {}}}\n",
            NULL, BRINK_ETOOBIG, 4, 25, "too small or too precise to hold exactly: its "
            "denominator needs 65539 bits");
    REFUSED("brink: 1\nid: h\nactors: {A: {}}\ngame: {A: {x: {payoff: {A: 1e-19729}}, y: {}}}\n",
            NULL, BRINK_ETOOBIG, 4, 28, "denominator needs 65539 bits");
    REFUSED("brink: 1\nid: h\nactors: {A: {}}\nparameters: {p: {value: 1e19729}}\n"
            "game: {A: {x: {payoff: {A: p}}, y: {}}}\n",
            NULL, BRINK_ETOOBIG, 4, 25, "too large to hold exactly: its numerator needs 65539");
    {   /* one power of ten less fits: the limit is where the message says */
        brink_error err;
        brink_scenario *sc = parse("brink: 1\nid: h\nactors: {A: {}}\nparameters: "
                                   "{p: {value: 1e-19728}}\ngame: {A: {x: {payoff: {A: p}}, "
                                   "y: {}}}\n", &err);
        CHECK_MSG(sc != NULL, "1e-19728 refused: %s", err.message);
        brink_scenario_free(sc);
    }
    /* a value set from outside (--set) is held to the same bound */
    {
        brink_error err;
        brink_scenario *sc = parse("brink: 1\nid: h\nactors: {A: {}}\nparameters: {p: 2}\n"
                                   "game: {A: {x: {payoff: {A: p}}, y: {}}}\n", &err);
        CHECK(sc != NULL);
        if (sc) {
            mpq_t v;
            mpq_init(v);
            mpz_setbit(mpq_numref(v), 65536);   /* 65537 bits */
            CHECK(brink_scenario_set_defaults(sc, (const mpq_t *)&v, &err) == BRINK_ETOOBIG);
            mpz_clrbit(mpq_numref(v), 65536);
            mpz_setbit(mpq_numref(v), 65535);   /* 65536 bits: allowed */
            CHECK(brink_scenario_set_defaults(sc, (const mpq_t *)&v, &err) == BRINK_OK);
            mpq_clear(v);
        }
        brink_scenario_free(sc);
    }
    /* at bind time, from a parameter's value */
    REFUSED("brink: 1\nid: h\nactors: {A: {}}\nparameters: {p: 2}\n"
            "game: {A: {x: {payoff: {A: (p^256)^256}}, y: {}}}\n",
            NULL, BRINK_ETOOBIG, 5, 28, "number too large");

    /* Whatever the compiler accepts, a game file carries: payoffs of the largest size
     * (65,536 bits, 19,729 digits) are written as .efg and read back equal. The fuzz
     * finding: a number of that size whose 19,000 digits the reader refused. */
    static const char *const largest[] = {"(2^256)^255 * 2^255", "0 - 1/((2^256)^255)",
                                          "((((1^2.9)^7-56)-256)^25*6)^256",
                                          "((2^256)^255 - 1)/((3^256)^161)"};
    for (size_t i = 0; i < sizeof largest / sizeof largest[0]; i++) {
        char text[256];
        snprintf(text, sizeof text,
                 "brink: 1\nid: h\nactors: {A: {}, B: {}}\n"
                 "game: {A: {x: {payoff: {A: '%s'}}, y: {}}}\n", largest[i]);
        brink_error err;
        brink_scenario *sc = parse(text, &err);
        CHECK_MSG(sc != NULL, "%s: %s", largest[i], sc ? "" : err.message);
        if (!sc)
            continue;
        brink_buf b;
        brink_buf_init(&b);
        CHECK(brink_efg_write(brink_scenario_game(sc), &b, &err) == BRINK_OK);
        brink_efg *back = brink_efg_read(b.data, b.len, "largest.efg", &err);
        CHECK_MSG(back != NULL, "%s: written .efg does not read back: %s", largest[i],
                  back ? "" : err.message);
        if (back) {
            const brink_efg *g = brink_scenario_game(sc);
            int same = back->nleaves == g->nleaves && back->nplayers == g->nplayers;
            for (int k = 0; same && k < g->nleaves * g->nplayers; k++)
                same = mpq_equal(back->leaf_payq[k], g->leaf_payq[k]);
            CHECK_MSG(same, "%s: payoffs differ after the round trip", largest[i]);
        }
        brink_efg_free(back);
        brink_buf_free(&b);
        brink_scenario_free(sc);
    }
    /* a limit above what files carry is refused, not silently capped */
    {
        brink_scenario_limits big;
        brink_scenario_limits_init(&big);
        big.max_number_bits = BRINK_Q_MAX_BITS + 1;
        brink_error err;
        const char *t = "brink: 1\nid: h\nactors: {A: {}}\ngame: {A: {x: {}, y: {}}}\n";
        brink_scenario *sc = parse_n(t, strlen(t), &big, &err);
        CHECK(sc == NULL && err.code == BRINK_EINVALID && strstr(err.message, "max_number_bits"));
        brink_scenario_free(sc);
    }
}

/* ---------------------------------------------------------------- exact ranges, overflow */

static void test_ranges(void)
{
    const char *text =
        "brink: 1\nid: r\nactors: {A: {}}\n"
        "parameters:\n  big: {value: 1, range: [-1e400, 1e400]}\n  q: 1\n"
        "game: {A: {x: {payoff: {A: big}}, y: {payoff: {A: q}}}}\n"
        "questions:\n"
        "  - threshold: {parameter: big, watch: A@start}\n"
        "  - threshold: {parameter: q, range: [0, 1e400], watch: A@start}\n"
        "  - sweep: {parameters: [big, q], ranges: [[0, 1], [1/3, 1e309]], watch: A@start}\n";
    brink_error err;
    brink_scenario *sc = parse(text, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (!sc)
        return;
    mpq_t e400, third;
    mpq_init(e400);
    mpq_init(third);
    mpz_ui_pow_ui(mpq_numref(e400), 10, 400);
    mpq_set_ui(third, 1, 3);
    const brink_param_info *big = brink_scenario_param(sc, 0), *q = brink_scenario_param(sc, 1);
    CHECK(big->has_range && big->lo_q && big->hi_q);
    if (big->lo_q && big->hi_q) {
        CHECK(mpq_cmp(*big->hi_q, e400) == 0);
        mpq_neg(e400, e400);
        CHECK(mpq_cmp(*big->lo_q, e400) == 0);
        mpq_neg(e400, e400);
    }
    CHECK(isinf(big->hi) && big->hi > 0 && isinf(big->lo) && big->lo < 0);
    CHECK(!q->has_range && q->lo_q == NULL && q->hi_q == NULL);
    CHECK_EQ_INT(brink_scenario_nquestions(sc), 3);
    const brink_question *t1 = brink_scenario_question(sc, 0), *t2 = brink_scenario_question(sc, 1),
                         *sw = brink_scenario_question(sc, 2);
    /* a threshold without its own range takes the parameter's, exactly */
    CHECK(t1->lo_q[0] && t1->hi_q[0] && !t1->lo_q[1] && !t1->hi_q[1]);
    if (t1->hi_q[0])
        CHECK(mpq_cmp(*t1->hi_q[0], e400) == 0);
    CHECK(t2->lo_q[0] && t2->hi_q[0] && mpq_sgn(*t2->lo_q[0]) == 0 &&
          mpq_cmp(*t2->hi_q[0], e400) == 0 && isinf(t2->hi[0]));
    CHECK(sw->nparams == 2 && sw->lo_q[1] && sw->hi_q[1]);
    if (sw->lo_q[1] && sw->hi_q[1]) {
        CHECK(mpq_cmp(*sw->lo_q[1], third) == 0);
        CHECK(mpz_sizeinbase(mpq_numref(*sw->hi_q[1]), 10) == 310 && isinf(sw->hi[1]));
    }
    mpq_clear(e400);
    mpq_clear(third);
    brink_scenario_free(sc);
    /* distributions are sampled in doubles: there a double is truly needed */
    REFUSED("brink: 1\nid: r\nactors: {A: {}}\n"
            "parameters: {p: {value: 1, range: [0, 2], distribution: 'uniform(0, 1e400)'}}\n"
            "game: {A: {x: {payoff: {A: p}}, y: {}}}\n",
            NULL, BRINK_EINVALID, 4, 69, "not a finite number");   /* at the argument */
}

/* The case file: a payoff of 1e400 is an exact rational; its double copy is +-inf, counted. */
static void test_overflow(void)
{
    const char *text =
        "brink: 1\nid: bigpay\nactors: {A: {}, B: {}}\nparameters: {big: 1e400}\n"
        "game:\n  hidden: true\n  A:\n"
        "    l: {B: {x: {payoff: {A: big, B: -big}}, y: {payoff: {A: -1, B: 1}}}}\n"
        "    r: {B: {x: {payoff: {A: -1, B: 1}}, y: {payoff: {A: 1, B: -1}}}}\n";
    brink_error err;
    brink_scenario *sc = parse(text, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (!sc)
        return;
    CHECK_EQ_INT(brink_scenario_double_overflow(sc), 2);
    const brink_efg *g = brink_scenario_game(sc);
    mpq_t e400;
    mpq_init(e400);
    mpz_ui_pow_ui(mpq_numref(e400), 10, 400);
    int found = 0;
    for (int l = 0; l < g->nleaves; l++)
        if (mpq_cmp(g->leaf_payq[(size_t)l * 2], e400) == 0) {
            found++;
            CHECK(isinf(g->leaf_pay[(size_t)l * 2]));
        }
    CHECK_EQ_INT(found, 1);
    brink_scenario_instance *in = brink_scenario_instance_new(sc, &err);
    CHECK(in != NULL);
    if (in) {
        CHECK_EQ_INT(brink_scenario_instance_double_overflow(in), 2);
        mpq_t v;
        mpq_init(v);
        mpq_set_ui(v, 7, 1);
        CHECK(brink_scenario_bind_q(in, (const mpq_t *)&v, &err) == BRINK_OK);
        CHECK_EQ_INT(brink_scenario_instance_double_overflow(in), 0);
        mpq_clear(v);
        brink_scenario_instance_free(in);
    }
    mpq_clear(e400);
    brink_scenario_free(sc);
}

/* ---------------------------------------------------------------- depth */

static void put(brink_buf *b, const char *s, int times)
{
    for (int i = 0; i < times; i++)
        brink_buf_puts(b, s);
}

/* rounds of a sub-game whose body is a chain of decisions, `longer` rounds one decision
 * longer: depth = 2 + rounds * (4 + chain) + longer (each round counts its repeat, if and
 * next steps). */
static void deep_repeat(brink_buf *b, int rounds, int longer, int chain)
{
    brink_buf_reset(b);
    brink_buf_printf(b, "brink: 1\nid: deep\nactors: {A: {}, B: {}}\nsubgames:\n  round:\n"
                        "    args: [i]\n    body: {if: i <= %d, then: ", longer);
    put(b, "{A: {stop: {payoff: {A: 1}}, go: ", chain + 1);
    brink_buf_puts(b, "next");
    put(b, "}}", chain + 1);
    brink_buf_puts(b, ", else: ");
    put(b, "{A: {stop: {payoff: {A: 1}}, go: ", chain);
    brink_buf_puts(b, "next");
    put(b, "}}", chain);
    brink_buf_printf(b, "}\ngame: {repeat: round, times: %d, index: i, then: {payoff: {B: 1}}}\n",
                     rounds);
}

/* YAML nested `levels` deep: a chain of decisions (two YAML levels each) under the root. */
static void deep_yaml(brink_buf *b, int levels)
{
    brink_buf_reset(b);
    brink_buf_puts(b, "brink: 1\nid: x\nactors: {A: {}}\ngame: ");
    int pairs = (levels - 2) / 2;
    put(b, "{A: {x: ", pairs);
    brink_buf_puts(b, levels % 2 ? "{A: []}" : "{}");
    put(b, "}}", pairs);
    brink_buf_puts(b, "\n");
}

typedef struct deep_job {
    const char *text;
    size_t len;
    brink_status st;
    brink_error err;
    int nnodes;
} deep_job;

static void *deep_run(void *arg)
{
    deep_job *j = arg;
    brink_error_clear(&j->err);
    brink_scenario *sc = brink_scenario_parse(j->text, j->len, "t.yaml", NULL, &j->err);
    j->st = sc ? BRINK_OK : j->err.code;
    j->nnodes = sc ? brink_scenario_game(sc)->nnodes : 0;
    brink_scenario_free(sc);
    return NULL;
}

/* Compile on a thread whose stack is `stack` bytes: recursion with the depth would crash. */
static void run_small_stack(deep_job *j, size_t stack)
{
    pthread_attr_t a;
    pthread_t t;
    pthread_attr_init(&a);
    pthread_attr_setstacksize(&a, stack);
    CHECK(pthread_create(&t, &a, deep_run, j) == 0);
    pthread_join(t, NULL);
    pthread_attr_destroy(&a);
}

static void test_depth(void)
{
    brink_buf b;
    brink_buf_init(&b);
    /* tree depth exactly at the documented 10000: compiles, on a 2 MiB stack (the recursive
     * walks needed about 1 KiB per level) */
    deep_repeat(&b, 999, 8, 7);
    deep_job j = {b.data, b.len, BRINK_EINTERNAL, {0}, 0};
    run_small_stack(&j, (size_t)2 << 20);
    CHECK_MSG(j.st == BRINK_OK, "depth 10000: %s", j.err.message);
    CHECK_EQ_INT(j.nnodes, 2 * (999 * 7 + 8) + 1);
    /* one level more: a located refusal */
    deep_repeat(&b, 999, 9, 7);
    j.text = b.data;
    j.len = b.len;
    run_small_stack(&j, (size_t)2 << 20);
    CHECK_MSG(j.st == BRINK_ETOOBIG && j.err.line >= 1 && j.err.column >= 1 &&
                  strstr(j.err.message, "deeper than 10000"),
              "depth 10001: %d %d:%d %s", (int)j.st, j.err.line, j.err.column, j.err.message);

    /* YAML nesting at the limit (1000) and one beyond */
    brink_scenario_limits l;
    brink_scenario_limits_init(&l);
    CHECK_EQ_INT(l.max_yaml_depth, 1000);
    deep_yaml(&b, 1000);
    brink_error err;
    brink_scenario *sc = parse_n(b.data, b.len, NULL, &err);
    CHECK_MSG(sc != NULL, "YAML depth 1000: %s", err.message);
    if (sc)
        CHECK_EQ_INT(brink_scenario_game(sc)->nnodes, 499 + 1);
    brink_scenario_free(sc);
    deep_yaml(&b, 1001);
    refused(b.data, b.len, NULL, BRINK_ETOOBIG, 4, 0, "YAML nested deeper than 1000 levels");
    /* 100,000 deep (a stack overflow before): refused where the limit is crossed */
    brink_buf_reset(&b);
    brink_buf_puts(&b, "game: ");
    put(&b, "[", 100000);
    put(&b, "]", 100000);
    refused(b.data, b.len, NULL, BRINK_ETOOBIG, 1, 1006, "deeper than 1000");

    /* a chain of 20000 sub-games: the cycle check walks it without recursion, the expansion
     * refuses it at the call depth limit */
    brink_buf_reset(&b);
    brink_buf_puts(&b, "brink: 1\nid: x\nactors: {A: {}}\nsubgames:\n");
    for (int i = 0; i < 20000; i++)
        brink_buf_printf(&b, "  s%d: {body: {play: s%d}}\n", i, i + 1);
    brink_buf_puts(&b, "  s20000: {body: {A: {x: {}, y: {}}}}\ngame: {play: s0}\n");
    j.text = b.data;
    j.len = b.len;
    run_small_stack(&j, (size_t)2 << 20);
    CHECK_MSG(j.st == BRINK_ETOOBIG && j.err.line == 260 && strstr(j.err.message, "256"),
              "sub-game chain: %d %d:%d %s", (int)j.st, j.err.line, j.err.column, j.err.message);
    brink_buf_free(&b);
}

/* An argument that doubles at each nested call (x + x with x a parameter, so nothing folds)
 * is refused once the substituted code passes its bound, located at the expression. */
static void test_growth(void)
{
    brink_buf b;
    brink_buf_init(&b);
    brink_buf_puts(&b, "brink: 1\nid: x\nactors: {A: {}}\nparameters: {p: 1}\nsubgames:\n");
    for (int i = 0; i < 30; i++)
        brink_buf_printf(&b, "  s%d: {args: [x], body: {play: s%d, with: {x: x + x}}}\n", i,
                         i + 1);
    brink_buf_puts(&b, "  s30: {args: [x], body: {A: {a: {payoff: {A: x}}, b: {}}}}\n"
                       "game: {play: s0, with: {x: p}}\n");
    refused(b.data, b.len, NULL, BRINK_ETOOBIG, 20, 48, "grows to more than 65536 code words");
    brink_buf_free(&b);
}

/* Many names (parameters, sub-games, levels, anchors) and as many references: every lookup
 * goes through an index, so this reads in time linear in the text (linear searches made such
 * files of a few MB take minutes). Checked here for the right game; timed under bench/. */
static void test_many_names(void)
{
    enum { N = 20000 };
    brink_buf b;
    brink_buf_init(&b);
    brink_buf_puts(&b, "brink: 1\nid: x\nactors: {A: {}}\nparameters: {");
    for (int i = 0; i < N; i++)
        brink_buf_printf(&b, "%sp%d: %d", i ? ", " : "", i, i);
    brink_buf_puts(&b, "}\nissues: {k: [");
    for (int i = 0; i < N; i++)
        brink_buf_printf(&b, "%sl%d", i ? ", " : "", i);
    brink_buf_puts(&b, "]}\ndescription: [");
    for (int i = 0; i < N; i++)
        brink_buf_printf(&b, "%s&a%d x", i ? ", " : "", i);
    brink_buf_puts(&b, "]\nmodel: '");
    brink_buf_puts(&b, "'\nsubgames:\n");
    for (int i = 0; i < N; i++)
        brink_buf_printf(&b, "  s%d: {body: {payoff: {A: p%d}, outcome: {k: l%d}}}\n", i, i, i);
    brink_buf_puts(&b, "game: {A: {");
    for (int i = 0; i < N; i++)
        brink_buf_printf(&b, "%so%d: {play: s%d}", i ? ", " : "", i, N - 1 - i);
    brink_buf_puts(&b, "}}\n");
    brink_error err;
    brink_scenario *sc = parse_n(b.data, b.len, NULL, &err);
    /* description is a list here: refused, but only after every anchor was read */
    CHECK(!sc && err.line == 6 && strstr(err.message, "description"));
    brink_scenario_free(sc);
    /* without the list: compiles, and option i leads to sub-game N-1-i's payoff */
    char *d = strstr(b.data, "description: [");
    char *m = strstr(b.data, "model: '");
    memset(d, ' ', (size_t)(m - d));
    d[0] = '#';
    sc = parse_n(b.data, b.len, NULL, &err);
    CHECK_MSG(sc != NULL, "%s", err.message);
    if (sc) {
        const brink_efg *g = brink_scenario_game(sc);
        CHECK_EQ_INT(g->nleaves, N);
        CHECK_EQ_INT(brink_scenario_nparams(sc), N);
        CHECK(mpz_cmp_ui(mpq_numref(g->leaf_payq[0]), N - 1) == 0);
        CHECK(mpz_cmp_ui(mpq_numref(g->leaf_payq[N - 1]), 0) == 0);
        CHECK_STR(brink_scenario_leaf_text(sc, 0), "k=l19999");
    }
    brink_scenario_free(sc);
    brink_buf_free(&b);
}

/* Nodes x (issues + actors) and nodes x preferences x actors are bounded as well as the node
 * count: memory and time, refused before the tree is built. */
static void test_tree_work(void)
{
    brink_buf b;
    brink_buf_init(&b);
    /* 131071 nodes x (2000 issues + 2 actors) > 2^27 cells */
    brink_buf_puts(&b, "brink: 1\nid: x\nactors: {A: {}, B: {}}\nissues: {");
    for (int i = 0; i < 2000; i++)
        brink_buf_printf(&b, "%si%d: [a, b]", i ? ", " : "", i);
    brink_buf_puts(&b, "}\nsubgames:\n  r: {body: {A: {x: next, y: next}}}\n"
                       "game: {repeat: r, times: 16, then: {}}\n");
    refused(b.data, b.len, NULL, BRINK_ETOOBIG, 7, 16, "131071 nodes, each with a record of 2002");
    /* 262143 nodes x 5000 preferences x 2 actors > 2^31 steps */
    brink_buf_reset(&b);
    brink_buf_puts(&b, "brink: 1\nid: x\nactors: {A: {}, B: {}}\nissues: {k: [");
    for (int i = 0; i < 5000; i++)
        brink_buf_printf(&b, "%sl%d", i ? ", " : "", i);
    brink_buf_puts(&b, "]}\npreferences: {A: {");
    for (int i = 0; i < 5000; i++)
        brink_buf_printf(&b, "%sk=l%d: %d", i ? ", " : "", i, i);
    brink_buf_puts(&b, "}}\nsubgames:\n  r: {body: {A: {x: next, y: next}}}\n"
                       "game: {repeat: r, times: 17, then: {}}\n");
    refused(b.data, b.len, NULL, BRINK_ETOOBIG, 8, 16, "actor-preference pairs");
    brink_buf_free(&b);
}

int main(void)
{
    test_bytes();
    test_directives();
    test_empty_values();
    test_numbers();
    test_ranges();
    test_overflow();
    test_depth();
    test_growth();
    test_many_names();
    test_tree_work();
    return check_finish();
}
