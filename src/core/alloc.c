/* alloc.c — overflow-checked allocation helpers. */
#include <stdint.h>
#include <stdlib.h>

#include "brink/core.h"

int brink_mul_size(size_t n, size_t m, size_t *out)
{
    if (m != 0 && n > SIZE_MAX / m) return -1;
    *out = n * m;
    return 0;
}

void *brink_calloc(size_t n, size_t size)
{
    if (n == 0 || size == 0) return calloc(1, 1);
    size_t total;
    if (brink_mul_size(n, size, &total)) return NULL;
    return calloc(n, size);
}

void *brink_reallocarray(void *p, size_t n, size_t size)
{
    size_t total;
    if (brink_mul_size(n, size, &total)) return NULL;
    return realloc(p, total ? total : 1);
}
