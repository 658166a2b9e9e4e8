/* error.c — error records: set, prefix, format. No allocation, no printing. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "brink/error.h"
#include "core/unicode.h"

/* A text cut to its buffer ends at a whole character: a UTF-8 sequence split by the cut
 * would make the message invalid UTF-8 on the terminal. */
static void trim_cut(char *s)
{
    size_t n = strlen(s);
    s[br_utf8_prefix(s, n)] = '\0';
}

void brink_error_clear(brink_error *err)
{
    if (!err) return;
    err->code = BRINK_OK;
    err->line = err->column = 0;
    err->file[0] = '\0';
    err->message[0] = '\0';
}

static void set_file(brink_error *err, const char *file)
{
    if (!file) {
        err->file[0] = '\0';
        return;
    }
    size_t n = strlen(file);
    if (n < sizeof err->file) {
        memcpy(err->file, file, n + 1);
        return;
    }
    /* "..." and the path's last bytes, from the start of a whole character: the file's name
     * stays, and the cut shows */
    size_t keep = sizeof err->file - 4, from = n - keep;
    while (from < n && ((unsigned char)file[from] & 0xC0) == 0x80)
        from++;
    memcpy(err->file, "...", 3);
    memcpy(err->file + 3, file + from, n - from + 1);
}

void brink_error_set_file(brink_error *err, const char *file)
{
    if (err)
        set_file(err, file);
}

brink_status brink_error_set(brink_error *err, brink_status code, const char *fmt, ...)
{
    if (!err) return code;
    err->code = code;
    err->line = err->column = 0;
    err->file[0] = '\0';
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof err->message)
        trim_cut(err->message);
    return code;
}

brink_status brink_error_set_at(brink_error *err, brink_status code, const char *file,
                                int line, int column, const char *fmt, ...)
{
    if (!err) return code;
    err->code = code;
    set_file(err, file);
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof err->message)
        trim_cut(err->message);
    return code;
}

void brink_error_prefix(brink_error *err, const char *fmt, ...)
{
    if (!err) return;
    char prefix[BRINK_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    char tmp[BRINK_ERROR_MESSAGE_MAX];
    if (snprintf(tmp, sizeof tmp, "%s: %s", prefix, err->message) >= (int)sizeof tmp)
        trim_cut(tmp);
    memcpy(err->message, tmp, sizeof tmp);
}

void brink_error_append(brink_error *err, const char *words)
{
    if (!err || !words || !words[0]) return;
    size_t n = strlen(err->message);
    if (n + 3 >= sizeof err->message) return;
    if (snprintf(err->message + n, sizeof err->message - n, " (%s)", words) >=
        (int)(sizeof err->message - n))
        trim_cut(err->message);
}

const char *brink_status_name(brink_status code)
{
    switch (code) {
    case BRINK_OK: return "ok";
    case BRINK_ENOMEM: return "out-of-memory";
    case BRINK_ESYNTAX: return "syntax";
    case BRINK_EINVALID: return "invalid";
    case BRINK_ETOOBIG: return "too-big";
    case BRINK_EIO: return "io";
    case BRINK_EUNSUPPORTED: return "unsupported";
    case BRINK_ENOCONVERGE: return "no-convergence";
    case BRINK_EVERIFY: return "verification-failed";
    case BRINK_EINTERNAL: return "internal";
    }
    return "unknown";
}

size_t brink_error_format(const brink_error *err, char *buf, size_t size)
{
    int n;
    if (!err) return 0;
    if (err->file[0] && err->line > 0)
        n = snprintf(buf, size, "%s:%d:%d: error: %s", err->file, err->line,
                     err->column > 0 ? err->column : 1, err->message);
    else if (err->file[0])
        n = snprintf(buf, size, "%s: error: %s", err->file, err->message);
    else
        n = snprintf(buf, size, "error: %s", err->message);
    return n < 0 ? 0 : (size_t)n;
}
