/* cli_util.c — error reporting, output, option parsing and progress for the CLI. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

int cli_exit_status(brink_status st)
{
    switch (st) {
    case BRINK_OK: return BRINK_EXIT_OK;
    case BRINK_ESYNTAX:
    case BRINK_EINVALID:
    case BRINK_ETOOBIG:
    case BRINK_EIO:
    case BRINK_EUNSUPPORTED:
    case BRINK_ENOCONVERGE: /* a user's limit or a method that does not converge here */
        return BRINK_EXIT_INPUT;
    default: return BRINK_EXIT_INTERNAL;
    }
}

int cli_report(const brink_error *err)
{
    char buf[1024];   /* the record's file (256), message (512) and two ints: always fits */
    brink_error_format(err, buf, sizeof buf);
    fprintf(stderr, "%s\n", buf);
    return cli_exit_status(err->code);
}

int cli_report_in(const brink_error *err, const char *file)
{
    if (!file || !file[0] || err->file[0] || err->code == BRINK_ENOMEM ||
        err->code == BRINK_EINTERNAL)
        return cli_report(err);
    brink_error e = *err;
    brink_error_set_file(&e, file);
    return cli_report(&e);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "brink %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'brink %s --help')\n", cmd);
    return BRINK_EXIT_INPUT;
}

int cli_emit(const brink_buf *b, const char *path)
{
    if (b->failed) {
        fprintf(stderr, "brink: out of memory building output\n");
        return BRINK_EXIT_INTERNAL;
    }
    if (path && strcmp(path, "-") != 0) {
        brink_error err;
        brink_error_clear(&err);
        if (brink_buf_write_file(b, path, &err)) return cli_report(&err);
        return BRINK_EXIT_OK;
    }
    errno = 0;
    if ((b->len && fwrite(b->data, 1, b->len, stdout) != b->len) || fflush(stdout) != 0)
        return cli_stdout_failed();
    return BRINK_EXIT_OK;
}

int cli_stderr_is_tty(void)
{
    return isatty(STDERR_FILENO);
}

int cli_progress(void *ctx, double fraction, const char *what)
{
    (void)ctx;
    if (!cli_stderr_is_tty()) return 0;
    if (fraction < 0) fraction = 0;
    if (fraction > 1) fraction = 1;
    int width = 30, filled = (int)(fraction * width + 0.5);
    fprintf(stderr, "\r[%.*s%*s] %3.0f%% %s\033[K", filled, "##############################",
            width - filled, "", 100 * fraction, what ? what : "");
    if (fraction >= 1) fputc('\n', stderr);
    fflush(stderr);
    return 0;
}

int cli_parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (!*s || *end || errno || !isfinite(x)) return -1;
    *out = x;
    return 0;
}

int cli_parse_long(const char *s, long *out)
{
    char *end;
    errno = 0;
    long x = strtol(s, &end, 10);
    if (!*s || *end || errno) return -1;
    *out = x;
    return 0;
}

int cli_parse_max_nodes(const char *cmd, const char *arg, size_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    if (!arg[0] || arg[0] == '-' || !end || *end || errno || v < 1 ||
        v > (unsigned long long)1 << 40)
        return cli_usage_error(cmd, "bad --max-nodes '%s' (a whole number from 1 to 2^40)", arg);
    *out = (size_t)v;
    return BRINK_EXIT_OK;
}

int cli_load_game(const char *path, brink_game *g)
{
    brink_error err;
    brink_error_clear(&err);
    memset(g, 0, sizeof *g);
    if (brink_game_read_file(path, g, &err)) return cli_report(&err);
    return BRINK_EXIT_OK;
}
