/* efg_util.h — small extensive-form helpers shared by brink's solvers (not public API).
 * The depth and parent-sequence helpers now live with the tree evaluator (brink/evaluate.h);
 * this header stays so solver files need no edit. */
#ifndef BRINK_EFG_UTIL_H
#define BRINK_EFG_UTIL_H

#include "brink/evaluate.h"

#endif
