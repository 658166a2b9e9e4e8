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
/* Their number alone, nothing made per value (the pre-count of gen_count.c). */
brink_status sc_gen_count(brink_scenario *sc, const ynode *in, const sc_local *locals,
                          size_t *count, brink_error *err);
/* Refuse a game description whose generators would make more than the node limit before any
 * of it is read into the model: root is the document (its subgames: and game:). The count is
 * a lower bound on the compiled tree's nodes, exact when no play/repeat/if/next or private
 * types take part; a refusal names the generator whose options cross the limit. */
brink_status sc_gen_precount(brink_scenario *sc, const ynode *root, brink_error *err);
/* key with every "{var}" replaced by value in words (in the scenario's arena; NULL: OOM). */
const char *sc_gen_label(brink_scenario *sc, const char *key, const char *var,
                         const mpq_t value);
/* Is a generated label usable: letters, digits, _ - . + and shorter than 64 characters. */
int sc_gen_label_ok(const char *s);

/* Generators whose values use sub-game arguments (or `round`) are made at expansion. Does
 * in: use one of sc->gen_arg_names (which = -1) or argument `which` (1, 0, -1 out of
 * memory)? */
int sc_gen_uses_args(brink_scenario *sc, const ynode *in, const sc_local *locals, int which);
/* Such a generator, its in: and locals copied into the scenario (NULL: out of memory). At
 * expansion, sc_gen_values reads it with sc->gen_arg_names = names, sc->gen_nargs = nnames
 * and sc->gen_arg_values the environment's arguments. */
sc_defgen *sc_gen_defer(brink_scenario *sc, const char *var, const ynode *in,
                        const char *const *names, int nnames, const sc_local *locals);
/* What made a generated option's label: the key (its template), the generator's variable
 * and its value; var NULL for an option written as such. */
typedef struct sc_genlabel {
    const char *key, *var;
    mpq_srcptr value;
} sc_genlabel;
/* The labels of one decision's options differ, else an error at the second's place that
 * says what made the two (made: NULL or n entries) and, in clash (NULL or 2), their
 * indices. */
brink_status sc_gen_unique_labels(brink_scenario *sc, const char *const *labels,
                                  const sc_loc *locs, const sc_genlabel *made, int n,
                                  int *clash, brink_error *err);

#endif
