/* test_core_root.c — the bracketing root finder that replaced GSL's Brent in threshold.c:
 * converges on smooth, flat and discontinuous functions, and refuses bad input by value. */
#include <math.h>

#include "check.h"
#include "core/root.h"

static int calls;

static double cubic(double x, void *ctx)
{
    (void)ctx;
    calls++;
    return x * x * x - 2;
}

static double cosx(double x, void *ctx)
{
    (void)ctx;
    calls++;
    return cos(x) - x;
}

/* Flat almost everywhere: regula falsi alone crawls here; the bisection steps must not. */
static double flat(double x, void *ctx)
{
    (void)ctx;
    calls++;
    return pow(x - 0.3, 9);
}

static double step(double x, void *ctx)
{
    (void)ctx;
    calls++;
    return x < 0.7 ? -1 : 1;
}

static double nan_after_two(double x, void *ctx)
{
    int *n = ctx;
    return ++*n > 2 ? NAN : (x - 0.25) * (x - 0.25) * (x - 0.25);
}

static void test_converges(void)
{
    double r = 0;
    calls = 0;
    CHECK_EQ_INT(brink_root_bracket(cubic, NULL, 0, 2, -2, 6, 1e-15, 100, &r), 0);
    CHECK_NEAR(r, cbrt(2.0), 1e-14);
    CHECK(calls < 30);
    calls = 0;
    CHECK_EQ_INT(brink_root_bracket(cosx, NULL, 0, 1, 1, cos(1.0) - 1, 1e-15, 100, &r), 0);
    CHECK_NEAR(r, 0.7390851332151607, 1e-14);
    CHECK(calls < 30);
    calls = 0;
    CHECK_EQ_INT(brink_root_bracket(flat, NULL, 0, 1, flat(0, NULL), flat(1, NULL), 1e-12, 200,
                                    &r),
                 0);
    CHECK_NEAR(r, 0.3, 1e-3); /* |f| < 1e-27 anywhere within 1e-3 of the root */
    CHECK(calls < 200);
    calls = 0;
    CHECK_EQ_INT(brink_root_bracket(step, NULL, 0, 1, -1, 1, 1e-12, 200, &r), 0);
    CHECK_NEAR(r, 0.7, 1e-11);
    CHECK(calls < 150);
}

static void test_refuses(void)
{
    double r = 42;
    CHECK_EQ_INT(brink_root_bracket(cubic, NULL, 0, 1, -2, -1, 1e-15, 100, &r), -1);
    CHECK_EQ_INT(brink_root_bracket(cubic, NULL, 0, INFINITY, -2, 1, 1e-15, 100, &r), -1);
    CHECK_EQ_INT(brink_root_bracket(cubic, NULL, 0, 2, NAN, 6, 1e-15, 100, &r), -1);
    CHECK_EQ_INT(brink_root_bracket(cubic, NULL, 2, 0, -2, 6, 1e-15, 100, &r), -1);
    CHECK(r == 42);
    int n = 0;
    CHECK_EQ_INT(
        brink_root_bracket(nan_after_two, &n, 0, 1, -0.015625, 0.421875, 1e-15, 100, &r), -1);
    CHECK_EQ_INT(brink_root_bracket(cubic, NULL, 0, 2, 0, 6, 1e-15, 100, &r), 0);
    CHECK(r == 0); /* f(lo) = 0: lo is the root */
}

int main(void)
{
    test_converges();
    test_refuses();
    return check_finish();
}
