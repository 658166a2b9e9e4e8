/* test_negotiate_yaml_expr.c — utilities written as expressions in the YAML form
 * (src/negotiate/yaml_utility.c): tests/data/negotiate/yaml/talks_expr.yaml writes the US
 * utility of talks.yaml as an expression, which must give the same utility at every outcome;
 * North Korea's non-additive utility is checked at outcomes computed by hand; the broken
 * variants (tests/data/negotiate/yaml/bad/expr_*.yaml) give errors at the expression's
 * file:line:column that name what is wrong; a table utility is refused by the GENIUS writer.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "brink/brink.h"
#include "check.h"

static brink_neg_domain *load(const char *rel, brink_error *e)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/negotiate/yaml/%s", check_source_dir(), rel);
    brink_neg_domain *d = NULL;
    brink_neg_read_yaml_file(path, &d, e);
    return d;
}

static void test_same_as_additive(void)
{
    brink_error e;
    brink_neg_domain *a = load("talks.yaml", &e), *x = load("talks_expr.yaml", &e);
    CHECK_MSG(a && x, "%s", e.message);
    if (!a || !x) {
        brink_neg_domain_free(a);
        brink_neg_domain_free(x);
        return;
    }
    CHECK(a->noutcomes == x->noutcomes && a->noutcomes == 3 * 3 * 5);
    CHECK(x->party[0].table != NULL && x->party[1].table != NULL);
    double worst = 0;
    for (size_t k = 0; k < a->noutcomes && a->noutcomes == x->noutcomes; k++)
        worst = fmax(worst, fabs(a->party[0].u[k] - x->party[0].u[k]));
    CHECK_MSG(worst < 1e-12, "US utilities differ by %g", worst);
    /* North Korea: if(freeze == verified, 0.1 relief/2, 0.2 + 0.5 relief/2 + 0.3 (1 - denuc/100)),
     * relief and freeze as level numbers, denuc on 0, 25, ..., 100. */
    int v1[3] = {2, 2, 4}, v2[3] = {1, 1, 1}, v3[3] = {0, 0, 0};
    CHECK_NEAR(x->party[1].u[brink_neg_outcome_of(x, v1)], 0.1, 1e-12);
    CHECK_NEAR(x->party[1].u[brink_neg_outcome_of(x, v2)], 0.2 + 0.25 + 0.3 * 0.75, 1e-12);
    CHECK_NEAR(x->party[1].u[brink_neg_outcome_of(x, v3)], 0.5, 1e-12);
    CHECK_NEAR(x->party[1].reservation, 0.2, 0);
    brink_buf b;
    brink_buf_init(&b);
    CHECK_EQ_INT(brink_neg_write_genius_utility(x, 1, 10, &b, &e), BRINK_EUNSUPPORTED);
    brink_buf_free(&b);
    brink_neg_domain_free(a);
    brink_neg_domain_free(x);
}

static void test_errors(void)
{
    static const struct {
        const char *file;
        int line, col;
        brink_status code;
        const char *words;
    } bad[] = {
        {"bad/expr_range.yaml", 35, 16, BRINK_EINVALID, "utility 1.5 at freeze=none, relief=none, denuc=75 is not in [0, 1]"},
        {"bad/expr_undefined.yaml", 35, 16, BRINK_EINVALID, "undefined at freeze=none, relief=none, denuc=0"},
        {"bad/expr_syntax.yaml", 35, 33, BRINK_ESYNTAX, "expected ')'"},
        {"bad/expr_name.yaml", 35, 16, BRINK_ESYNTAX, "did you mean 'freeze'"},
        {"bad/expr_both.yaml", 36, 7, BRINK_EINVALID, "utility expression and weights"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        brink_error e;
        brink_error_clear(&e);
        brink_neg_domain *d = load(bad[i].file, &e);
        CHECK_MSG(d == NULL, "%s accepted", bad[i].file);
        brink_neg_domain_free(d);
        CHECK_MSG(e.code == bad[i].code && e.line == bad[i].line && e.column == bad[i].col &&
                      strstr(e.message, bad[i].words) != NULL,
                  "%s: %d at %d:%d '%s'", bad[i].file, (int)e.code, e.line, e.column, e.message);
    }
}

int main(void)
{
    test_same_as_additive();
    test_errors();
    return check_finish();
}
