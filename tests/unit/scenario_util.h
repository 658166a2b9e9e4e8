/* scenario_util.h — scenarios in tests: parsed from text or loaded from a file, and analysed,
 * each failure a CHECK with brink's message (NULL returned, so a test goes on). */
#ifndef BRINK_TEST_SCENARIO_UTIL_H
#define BRINK_TEST_SCENARIO_UTIL_H

#include <string.h>

#include "check.h"
#include "brink/analysis.h"
#include "brink/scenario.h"

/* The scenario in text, named `name` in messages. */
static inline brink_scenario *su_parse(const char *text, const char *name)
{
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_parse(text, strlen(text), name, NULL, &err);
    CHECK_MSG(sc != NULL, "%s: %s", name, err.message);
    return sc;
}

/* The scenario file (or built-in id) at path. */
static inline brink_scenario *su_load(const char *path)
{
    brink_error err;
    brink_error_clear(&err);
    brink_scenario *sc = brink_scenario_load(path, &err);
    CHECK_MSG(sc != NULL, "%s: %s", path, err.message);
    return sc;
}

/* sc analysed with the default options; NULL when sc is NULL or the analysis fails. */
static inline brink_analysis *su_analyze(const brink_scenario *sc)
{
    if (!sc)
        return NULL;
    brink_error err;
    brink_error_clear(&err);
    brink_analysis *a = brink_analyze(sc, NULL, &err);
    CHECK_MSG(a != NULL, "%s", err.message);
    return a;
}

#endif
