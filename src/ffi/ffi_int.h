/* ffi_int.h — helpers shared by the flat API's files (not public): KEY=VALUE option lookup
 * with every option required to be known, and a malloc'd copy of a buffer's text.
 */
#ifndef BRINK_FFI_INT_H
#define BRINK_FFI_INT_H

#include "brink/brink.h"
#include "brink/ffi.h"

typedef struct ffi_opts {
    const char *what;              /* "solve", "analyze": for messages */
    const char *const *keys, *const *values;
    int n;
} ffi_opts;

/* The options each call knows (NULL-terminated; brink_ffi_option_name lists them). */
extern const char *const ffi_analysis_keys[];   /* analyze, threshold */
extern const char *const ffi_mc_keys[];         /* montecarlo, compare */
extern const char *const ffi_solve_keys[];      /* solve */

/* Refuse any key not in the NULL-terminated list `known` (BRINK_EINVALID naming it). */
brink_status ffi_opts_check(const ffi_opts *o, const char *const *known, brink_error *err);
/* The value of key, or NULL. */
const char *ffi_opt(const ffi_opts *o, const char *key);
/* Parse the value of key, when present, into *out; BRINK_EINVALID names a bad value. */
brink_status ffi_opt_long(const ffi_opts *o, const char *key, long lo, long hi, long *out,
                          brink_error *err);
brink_status ffi_opt_double(const ffi_opts *o, const char *key, double lo, double *out,
                            brink_error *err);
/* The buffer's text as a malloc'd string (NULL with BRINK_ENOMEM set). */
char *ffi_take(brink_buf *b, brink_error *err);

#endif
