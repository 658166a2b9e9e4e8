/* clock.c — monotonic time for statistics and benchmarks. */
#include <time.h>

#include "brink/core.h"

double brink_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
