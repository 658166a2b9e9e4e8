/* fuzz_limits.h — scenario limits for the fuzz targets: the documented defaults scaled down
 * so that one input stays fast (libFuzzer reports a slow input as a failure). The defaults
 * themselves are tested at their ends by the unit tests; what the fuzzer looks for here is
 * crashes, leaks, undefined behaviour and unlocated errors on arbitrary text. */
#ifndef BRINK_FUZZ_LIMITS_H
#define BRINK_FUZZ_LIMITS_H

#include "brink/scenario.h"

static inline void fuzz_scenario_limits(brink_scenario_limits *l)
{
    brink_scenario_limits_init(l);
    l->max_bytes = 1 << 16;
    l->max_yaml_nodes = 1 << 14;
    l->max_tree_nodes = 1 << 12;
    l->max_call_depth = 32;
    l->max_repeat = 50;
    l->max_tree_depth = 400;
}

#endif
