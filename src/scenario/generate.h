/* generate.h — generators in scenario trees (`for:` / `in:` on an option): their values and
 * the labels of the options they make. See generate.c and docs/scenario-language.md.
 */
#ifndef BRINK_SCENARIO_GENERATE_H
#define BRINK_SCENARIO_GENERATE_H

#include "scenario/model.h"

/* The values of `in:` (a range(...) scalar or a list), exact, at most the node limit.
 * *out: *count entries (brink_q_array_new; the caller frees with brink_q_array_free). */
brink_status sc_gen_values(brink_scenario *sc, const ynode *in, const sc_local *locals,
                           mpq_t **out, int *count, brink_error *err);
/* key with every "{var}" replaced by value in words (in the scenario's arena; NULL: OOM). */
const char *sc_gen_label(brink_scenario *sc, const char *key, const char *var,
                         const mpq_t value);
/* Is a generated label usable: letters, digits, _ - . + and shorter than 64 characters. */
int sc_gen_label_ok(const char *s);

#endif
