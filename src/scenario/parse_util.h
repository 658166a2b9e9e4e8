/* parse_util.h — helpers for reading the YAML tree into the scenario model with positioned
 * errors (defined in parse_meta.c). All strings returned live in the scenario's arena.
 */
#ifndef BRINK_SCENARIO_PARSE_UTIL_H
#define BRINK_SCENARIO_PARSE_UTIL_H

#include "scenario/model.h"

const char *sc_strdup(brink_scenario *sc, const char *s);
/* Letters, digits, '_' and '-', starting with a letter or '_', shorter than 64. */
int sc_is_identifier(const char *s);
/* A name that appears in expressions (parameter, actor, type, issue, argument) must be an
 * identifier without '-': refused at `at`, naming `kind` and '-' when that is the cause. */
brink_status sc_check_expr_name(brink_scenario *sc, brink_error *err, const ynode *at,
                                const char *kind, const char *name);
/* Every key of `map` must be in the NULL-terminated list `allowed`. */
brink_status sc_check_keys(brink_scenario *sc, const ynode *map, const char *const *allowed,
                           const char *what, brink_error *err);
brink_status sc_expect(brink_scenario *sc, const ynode *n, ykind kind, const char *what,
                       brink_error *err);
/* A scalar under `key` copied to the arena (left untouched when absent and not required). */
brink_status sc_get_text(brink_scenario *sc, const ynode *map, const char *key, int required,
                         const char **out, brink_error *err);
/* An exact number (decimal, fraction or integer). */
brink_status sc_get_number(brink_scenario *sc, const ynode *n, mpq_t out, const char *what,
                           brink_error *err);
brink_status sc_get_int(brink_scenario *sc, const ynode *n, long lo, long hi, long *out,
                        const char *what, brink_error *err);
/* parse_dist.c: a parameter's distribution (n) and its `truncate:` node (or NULL), after
 * the parameter's range is read; the scenario's correlations, after the parameters. */
brink_status sc_parse_distribution(brink_scenario *sc, const ynode *n, const ynode *trunc,
                                   sc_param *p, brink_error *err);
brink_status sc_parse_correlations(brink_scenario *sc, const ynode *n, brink_error *err);

#endif
