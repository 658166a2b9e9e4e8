/* gen_args.c — reading the KEY=VALUE options of brink_generate: integers within a range,
 * exact rationals, the seed. Every refusal names the generator, the option and the value.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "game/gen_args.h"

static int find(gen_args *a, const char *key)
{
    for (int i = 0; i < a->n; i++)
        if (!strcmp(a->keys[i], key)) {
            a->used[i] = 1;
            return i;
        }
    return -1;
}

brink_status gen_long(gen_args *a, const char *key, long def, long lo, long hi, long *out)
{
    int i = find(a, key);
    if (i < 0) {
        *out = def;
        return BRINK_OK;
    }
    const char *s = a->values[i];
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi)
        return brink_error_set(a->err, BRINK_EINVALID,
                               "generate %s: %s=%s: expected an integer from %ld to %ld",
                               a->kind, key, s, lo, hi);
    *out = v;
    return BRINK_OK;
}

brink_status gen_q(gen_args *a, const char *key, long def, mpq_t out)
{
    int i = find(a, key);
    if (i < 0) {
        mpq_set_si(out, def, 1);
        return BRINK_OK;
    }
    const char *s = a->values[i];
    brink_error qerr;
    brink_error_clear(&qerr);
    brink_status qs = brink_q_parse(out, s, strlen(s), &qerr);
    if (qs == BRINK_ESYNTAX)
        return brink_error_set(a->err, BRINK_EINVALID,
                               "generate %s: %s=%s: expected a number (3, -1/2, 0.25)",
                               a->kind, key, s);
    if (qs != BRINK_OK)   /* a number that is none: "zero denominator in '1/0'", too big */
        return brink_error_set(a->err, qs == BRINK_ENOMEM ? BRINK_ENOMEM : BRINK_EINVALID,
                               "generate %s: %s=%s: %s", a->kind, key, s, qerr.message);
    return BRINK_OK;
}

brink_status gen_seed(gen_args *a, uint64_t *out)
{
    int i = find(a, "seed");
    *out = 1;
    if (i < 0)
        return BRINK_OK;
    const char *s = a->values[i];
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || errno || s[0] == '-')
        return brink_error_set(a->err, BRINK_EINVALID,
                               "generate %s: seed=%s: expected an unsigned integer", a->kind, s);
    *out = (uint64_t)v;
    return BRINK_OK;
}
