/* test_core_numlimits.c — numbers beyond BRINK_Q_MAX_DIGITS (digits or exponent) are refused
 * by brink_q_parse before GMP sees them, and the Gambit readers place the refusal. */
#include <stdlib.h>

#include "brink/core.h"
#include "brink/io.h"
#include "check.h"

/* "1" followed by n - 1 zeros, with prefix and suffix */
static char *digits(const char *pre, size_t n, const char *post)
{
    size_t a = strlen(pre), c = strlen(post);
    char *s = malloc(a + n + c + 1);
    if (!s)
        return NULL;
    memcpy(s, pre, a);
    s[a] = '1';
    memset(s + a + 1, '0', n - 1);
    memcpy(s + a + n, post, c + 1);
    return s;
}

static brink_status parse(const char *s, mpq_t q, brink_error *e)
{
    brink_error_clear(e);
    return brink_q_parse(q, s, strlen(s), e);
}

static void test_parse_limits(void)
{
    mpq_t q;
    mpq_init(q);
    brink_error e;
    const size_t M = BRINK_Q_MAX_DIGITS;
    char *at = digits("", M, ""), *over = digits("", M + 1, "");
    char *den_at = digits("3/", M, ""), *den_over = digits("3/", M + 1, "");
    char *frac_over = digits("0.", M, ""); /* M + 1 digits: the integer 0 counts */
    CHECK(at && over && den_at && den_over && frac_over);
    CHECK_EQ_INT(parse(at, q, &e), BRINK_OK);
    CHECK_EQ_INT(mpz_sizeinbase(mpq_numref(q), 10), M);
    CHECK_EQ_INT(parse(over, q, &e), BRINK_ETOOBIG);
    CHECK_MSG(strstr(e.message, "more than 19729 digits") != NULL, "%s", e.message);
    CHECK_EQ_INT(parse(den_at, q, &e), BRINK_OK);
    CHECK_EQ_INT(mpz_sizeinbase(mpq_denref(q), 10), M);
    CHECK_EQ_INT(parse(den_over, q, &e), BRINK_ETOOBIG);
    CHECK_EQ_INT(parse(frac_over, q, &e), BRINK_ETOOBIG);
    CHECK_EQ_INT(parse("1e19729", q, &e), BRINK_OK);
    CHECK_EQ_INT(mpz_sizeinbase(mpq_numref(q), 10), 19730);
    CHECK_EQ_INT(parse("1e-19729", q, &e), BRINK_OK);
    CHECK_EQ_INT(parse("1e19730", q, &e), BRINK_ETOOBIG);
    CHECK_EQ_INT(parse("1e-19730", q, &e), BRINK_ETOOBIG);
    CHECK_EQ_INT(parse("2.5e99999999999999999999999", q, &e), BRINK_ETOOBIG);
    free(at);
    free(over);
    free(den_at);
    free(den_over);
    free(frac_over);
    mpq_clear(q);
}

/* A payoff with too many digits in an .nfg: located error, not a huge GMP number. */
static void test_reader_places_it(void)
{
    char *text = digits("NFG 1 R \"g\" { \"A\" \"B\" } { 1 1 }\n\n 7 ", BRINK_Q_MAX_DIGITS + 1,
                        "\n");
    CHECK(text != NULL);
    brink_error e;
    brink_error_clear(&e);
    brink_game g = {0};
    CHECK_EQ_INT(brink_game_read(text, strlen(text), "long.nfg", &g, &e), BRINK_ETOOBIG);
    CHECK_EQ_INT(e.line, 3);
    CHECK_EQ_INT(e.column, 4);
    CHECK_STR(e.file, "long.nfg");
    brink_game_free(&g);
    free(text);
}

/* The double standing for an exact number is the nearest (GMP's mpq_get_d truncates: 4/5
 * came out 0.7999999999999999), halfway cases go to the even significand, and doubles are
 * written in the fewest digits that read back the same. */
static void test_nearest_double(void)
{
    mpq_t q;
    mpq_init(q);
    mpq_set_ui(q, 4, 5);
    CHECK(brink_q_get_d(q) == 0.8);
    mpq_set_si(q, -1, 10);
    CHECK(brink_q_get_d(q) == -0.1);
    mpq_set_ui(q, 2, 3);
    CHECK(brink_q_get_d(q) == 2.0 / 3.0);
    /* 2^53 + 1 lies halfway between 2^53 and 2^53 + 2: the even one, 2^53 */
    mpz_set_ui(mpq_numref(q), 1);
    mpz_mul_2exp(mpq_numref(q), mpq_numref(q), 53);
    mpz_add_ui(mpq_numref(q), mpq_numref(q), 1);
    mpz_set_ui(mpq_denref(q), 1);
    CHECK(brink_q_get_d(q) == 9007199254740992.0);
    /* 2^53 + 3: halfway between 2^53 + 2 and 2^53 + 4, whose significand is even */
    mpz_add_ui(mpq_numref(q), mpq_numref(q), 2);
    CHECK(brink_q_get_d(q) == 9007199254740996.0);
    mpz_neg(mpq_numref(q), mpq_numref(q));
    CHECK(brink_q_get_d(q) == -9007199254740996.0);
    /* just above halfway rounds up */
    mpz_set_ui(mpq_numref(q), 1);
    mpz_mul_2exp(mpq_numref(q), mpq_numref(q), 54);
    mpz_add_ui(mpq_numref(q), mpq_numref(q), 3);   /* (2^54 + 3) / 2 = 2^53 + 1.5 */
    mpz_set_ui(mpq_denref(q), 2);
    CHECK(brink_q_get_d(q) == 9007199254740994.0);
    mpq_clear(q);

    brink_buf b;
    brink_buf_init(&b);
    brink_buf_put_double(&b, 0.8);
    brink_buf_puts(&b, " ");
    brink_buf_put_double(&b, 0.1 + 0.2);
    brink_buf_puts(&b, " ");
    brink_buf_put_double(&b, 1e300);
    CHECK_STR(b.data, "0.8 0.30000000000000004 1e+300");
    brink_buf_free(&b);
}

int main(void)
{
    test_nearest_double();
    test_parse_limits();
    test_reader_places_it();
    return check_finish();
}
