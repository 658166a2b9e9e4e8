/* buf.c — growable text buffer. Out-of-memory makes the buffer "failed": later appends are
 * ignored and the writer that owns it reports BRINK_ENOMEM once at the end. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "brink/core.h"

void brink_buf_init(brink_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

void brink_buf_free(brink_buf *b)
{
    if (!b) return;
    free(b->data);
    brink_buf_init(b);
}

void brink_buf_reset(brink_buf *b)
{
    b->len = 0;
    b->failed = 0;
    if (b->data) b->data[0] = '\0';
}

static int reserve(brink_buf *b, size_t extra)
{
    if (b->failed) return -1;
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) { b->failed = 1; return -1; }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) { b->failed = 1; return -1; }
    b->data = p;
    b->cap = cap;
    return 0;
}

void brink_buf_append(brink_buf *b, const char *s, size_t n)
{
    if (reserve(b, n)) return;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void brink_buf_puts(brink_buf *b, const char *s)
{
    brink_buf_append(b, s, strlen(s));
}

void brink_buf_printf(brink_buf *b, const char *fmt, ...)
{
    if (b->failed) return;
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) { b->failed = 1; return; }
    if ((size_t)n < sizeof tmp) {
        brink_buf_append(b, tmp, (size_t)n);
        return;
    }
    if (reserve(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void brink_buf_put_q(brink_buf *b, const mpq_t q)
{
    size_t n = mpz_sizeinbase(mpq_numref(q), 10) + mpz_sizeinbase(mpq_denref(q), 10) + 3;
    if (reserve(b, n)) return;
    mpq_get_str(b->data + b->len, 10, q);
    b->len += strlen(b->data + b->len);
}

brink_status brink_buf_write_file(const brink_buf *b, const char *path, brink_error *err)
{
    if (b->failed) return brink_error_set(err, BRINK_ENOMEM, "out of memory building output");
    FILE *f = fopen(path, "wb");
    if (!f) return brink_error_set_at(err, BRINK_EIO, path, 0, 0, "cannot open for writing: %s",
                                      strerror(errno));
    size_t w = b->len ? fwrite(b->data, 1, b->len, f) : 0;
    int bad = (w != b->len);
    if (fclose(f) != 0) bad = 1;
    if (bad) return brink_error_set_at(err, BRINK_EIO, path, 0, 0, "write failed: %s",
                                       strerror(errno));
    return BRINK_OK;
}

brink_status brink_read_file(const char *path, size_t limit, brink_buf *out, brink_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return brink_error_set_at(err, BRINK_EIO, path, 0, 0, "cannot open: %s",
                                      strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return brink_error_set_at(err, BRINK_EIO, path, 0, 0, "is a directory");
    }
    brink_buf_reset(out);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (out->len + n > limit) {
            fclose(f);
            return brink_error_set_at(err, BRINK_ETOOBIG, path, 0, 0,
                                      "file larger than the %zu-byte limit", limit);
        }
        brink_buf_append(out, chunk, n);
        if (out->failed) {
            fclose(f);
            return brink_error_set(err, BRINK_ENOMEM, "out of memory reading %s", path);
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) return brink_error_set_at(err, BRINK_EIO, path, 0, 0, "read error");
    brink_buf_append(out, "", 0); /* ensure NUL termination even for empty files */
    return out->failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory") : BRINK_OK;
}

void brink_buf_put_double(brink_buf *b, double x)
{
    char t[32];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(t, sizeof t, "%.*g", prec, x);
        if (prec == 17 || strtod(t, NULL) == x)
            break;
    }
    brink_buf_puts(b, t);
}

