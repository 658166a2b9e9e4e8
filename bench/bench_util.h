/* bench_util.h — what the benchmarks share: this process's CPU time and the median of a
 * sample of timings. */
#ifndef BRINK_BENCH_UTIL_H
#define BRINK_BENCH_UTIL_H

#include <stdlib.h>
#include <time.h>

/* CPU seconds used by this process so far. */
static inline double bench_cpu_self(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of v[n] (sorts v). */
static inline double bench_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(double), bench_cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

#endif
