/* neg_yaml.h — the YAML domain reader's internal parts (yaml.c, yaml_utility.c). */
#ifndef BRINK_NEG_YAML_H
#define BRINK_NEG_YAML_H

#include "brink/negotiate.h"
#include "scenario/ytree.h"

/* Party `party`'s utility from the expression in scalar node n, evaluated at every outcome
 * of d's issues (all added) into its utility table. Errors at n's file:line:column:
 * ESYNTAX (the expression), EINVALID (a value outside [0, 1] or undefined, naming the
 * outcome), ETOOBIG, ENOMEM. */
brink_status neg_yaml_utility(brink_neg_domain *d, int party, const ynode *n, const char *file,
                              brink_error *err);

#endif
