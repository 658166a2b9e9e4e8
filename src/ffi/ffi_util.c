/* ffi_util.c — option lookup and string hand-over for the flat API (brink/ffi.h). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ffi/ffi_int.h"

const char *brink_version(void)
{
    return BRINK_VERSION_STRING;
}

void brink_ffi_free(void *p)
{
    free(p);
}

const char *brink_ffi_option_name(const char *call, int i)
{
    const char *const *keys = NULL;
    if (call && (!strcmp(call, "analyze") || !strcmp(call, "threshold") ||
                 !strcmp(call, "sweep")))
        keys = ffi_analysis_keys;
    else if (call && (!strcmp(call, "montecarlo") || !strcmp(call, "compare")))
        keys = ffi_mc_keys;
    else if (call && !strcmp(call, "solve"))
        keys = ffi_solve_keys;
    for (int k = 0; keys && keys[k]; k++)
        if (k == i)
            return keys[k];
    return NULL;
}

brink_status ffi_opts_check(const ffi_opts *o, const char *const *known, brink_error *err)
{
    if (o->n < 0 || (o->n > 0 && (!o->keys || !o->values)))
        return brink_error_set(err, BRINK_EINVALID, "%s: bad option list", o->what);
    for (int i = 0; i < o->n; i++) {
        int ok = 0;
        for (int k = 0; known[k]; k++)
            ok |= !strcmp(o->keys[i], known[k]);
        if (!ok)
            return brink_error_set(err, BRINK_EINVALID, "%s: unknown option '%s'", o->what,
                                   o->keys[i]);
    }
    return BRINK_OK;
}

const char *ffi_opt(const ffi_opts *o, const char *key)
{
    for (int i = o->n - 1; i >= 0; i--)   /* the last one given wins */
        if (!strcmp(o->keys[i], key))
            return o->values[i];
    return NULL;
}

brink_status ffi_opt_long(const ffi_opts *o, const char *key, long lo, long hi, long *out,
                          brink_error *err)
{
    const char *s = ffi_opt(o, key);
    if (!s)
        return BRINK_OK;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi)
        return brink_error_set(err, BRINK_EINVALID, "%s: %s=%s: expected an integer from %ld to %ld",
                               o->what, key, s, lo, hi);
    *out = v;
    return BRINK_OK;
}

brink_status ffi_opt_double(const ffi_opts *o, const char *key, double lo, double *out,
                            brink_error *err)
{
    const char *s = ffi_opt(o, key);
    if (!s)
        return BRINK_OK;
    /* Exact number text (0.25, 1e-12, 1/4) read exactly, then rounded once. */
    mpq_t q;
    mpq_init(q);
    brink_error perr;
    brink_error_clear(&perr);
    brink_status st = brink_q_parse(q, s, strlen(s), &perr);
    double v = st ? 0 : brink_q_get_d(q);
    mpq_clear(q);
    if (st && st != BRINK_ESYNTAX)   /* a number, but not one: "zero denominator in '1/0'" */
        return brink_error_set(err, BRINK_EINVALID, "%s: %s=%s: %s", o->what, key, s,
                               perr.message);
    if (st || !isfinite(v) || v < lo)
        return brink_error_set(err, BRINK_EINVALID, "%s: %s=%s: expected a number >= %g", o->what,
                               key, s, lo);
    *out = v;
    return BRINK_OK;
}

char *ffi_take(brink_buf *b, brink_error *err)
{
    if (b->failed) {
        brink_error_set(err, BRINK_ENOMEM, "out of memory building text");
        return NULL;
    }
    char *s = malloc(b->len + 1);
    if (!s) {
        brink_error_set(err, BRINK_ENOMEM, "out of memory building text");
        return NULL;
    }
    if (b->len)
        memcpy(s, b->data, b->len);
    s[b->len] = '\0';
    return s;
}
