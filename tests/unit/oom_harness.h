/* oom_harness.h — allocation-failure injection shared by the test_oom* programs.
 *
 * CMakeLists.txt links every test_oom* with -Wl,--wrap=malloc,calloc,realloc, so the calls
 * brink makes go through the wrappers below; the k-th one fails. oom_exhaust() runs a case
 * with k = 0, 1, 2, ... until it completes without meeting the failure. Each run must end in
 * success or in a reported BRINK_ENOMEM — never another error, a crash or (under ASan) a
 * leak. GMP's and GLPK's own allocations are not wrapped: both abort on OOM by design, a
 * documented limit. The state is file-static: the harness is single-threaded test code. */
#ifndef BRINK_TEST_OOM_HARNESS_H
#define BRINK_TEST_OOM_HARNESS_H

#include <stdio.h>
#include <stdlib.h>

#include "brink/brink.h"
#include "check.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);

static long oom_countdown = -1;
static int oom_hit = 0;

static inline int oom_should_fail(void)
{
    if (oom_countdown < 0) return 0;
    if (oom_countdown-- == 0) {
        oom_hit = 1;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n) { return oom_should_fail() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { return oom_should_fail() ? NULL : __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { return oom_should_fail() ? NULL : __real_realloc(p, n); }

/* A status as the harness counts it: 1 success, 0 reported ENOMEM, -1 anything else. */
static inline int oom_code(brink_status st)
{
    return st == BRINK_OK ? 1 : st == BRINK_ENOMEM ? 0 : -1;
}

/* Runs f(ctx) with the k-th allocation failing, for every k, until f succeeds untouched. */
static inline void oom_exhaust(const char *name, int (*f)(void *ctx), void *ctx)
{
    int rounds = 0, bad = 0;
    for (long k = 0; k < 200000; k++) {
        oom_countdown = k;
        oom_hit = 0;
        int ok = f(ctx);
        oom_countdown = -1;
        rounds++;
        if (!oom_hit) {
            if (ok != 1) bad++;
            break;
        }
        if (ok < 0) {
            bad++;
            fprintf(stderr, "%s: allocation %ld failed without ENOMEM\n", name, k);
        }
    }
    CHECK_MSG(bad == 0, "%s: %d rounds, %d bad", name, rounds, bad);
    printf("%s: survived %d allocation failures\n", name, rounds - 1);
}

#endif
