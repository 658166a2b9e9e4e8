/* mc_sobol.h — the Sobol indices of a Monte Carlo result in words and as JSON (mc_sobol.c),
 * for brink_mc_write_text / _json. */
#ifndef BRINK_REPORT_MC_SOBOL_H
#define BRINK_REPORT_MC_SOBOL_H

#include "brink/uncertainty.h"

void rep_mc_sobol_text(const brink_mc_result *r, brink_buf *out);
/* Appends ,"sobol":{...} (schema/brink-montecarlo.schema.json). */
void rep_mc_sobol_json(const brink_mc_result *r, brink_buf *out);

#endif
