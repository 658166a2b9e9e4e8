/* check.h — the tiny test harness every unit test uses.
 *
 * CHECK(cond) records a failure with file:line and goes on; CHECK_EQ_INT/CHECK_NEAR print
 * both values. A test file's main() calls its cases and returns check_finish(), which prints
 * "N passed, N failed" and exits non-zero on any failure.
 */
#ifndef BRINK_TEST_CHECK_H
#define BRINK_TEST_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_passed_ = 0, check_failed_ = 0;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        if (cond) {                                                                     \
            check_passed_++;                                                            \
        } else {                                                                        \
            check_failed_++;                                                            \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);    \
        }                                                                               \
    } while (0)

#define CHECK_MSG(cond, ...)                                                            \
    do {                                                                                \
        if (cond) {                                                                     \
            check_passed_++;                                                            \
        } else {                                                                        \
            check_failed_++;                                                            \
            fprintf(stderr, "%s:%d: CHECK failed: %s: ", __FILE__, __LINE__, #cond);    \
            fprintf(stderr, __VA_ARGS__);                                               \
            fputc('\n', stderr);                                                        \
        }                                                                               \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                              \
    do {                                                                                \
        long long va_ = (long long)(a), vb_ = (long long)(b);                           \
        CHECK_MSG(va_ == vb_, "%lld != %lld", va_, vb_);                                \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                           \
    do {                                                                                \
        double va_ = (double)(a), vb_ = (double)(b);                                    \
        CHECK_MSG(fabs(va_ - vb_) <= (tol), "%.12g vs %.12g (tol %g)", va_, vb_,        \
                  (double)(tol));                                                       \
    } while (0)

#define CHECK_STR(a, b)                                                                 \
    do {                                                                                \
        const char *sa_ = (a), *sb_ = (b);                                              \
        CHECK_MSG(sa_ && sb_ && strcmp(sa_, sb_) == 0, "\"%s\" != \"%s\"",              \
                  sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)");                          \
    } while (0)

static inline int check_finish(void)
{
    printf("%d passed, %d failed\n", check_passed_, check_failed_);
    return check_failed_ ? 1 : 0;
}

/* Path of a file under tests/ (tests run with tests/ as working directory). */
static inline const char *check_source_dir(void)
{
    const char *d = getenv("BRINK_SOURCE_DIR");
    return d ? d : "..";
}

#endif
