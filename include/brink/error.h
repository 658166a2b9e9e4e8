/* brink/error.h — errors are values.
 *
 * Every fallible library call takes a `brink_error *` (may be NULL) and returns a
 * brink_status. On failure the record holds a code, a message and, for input errors,
 * the file, line and column (1-based) where the problem was found. The library never
 * prints and never exits; the CLI formats the record as "file:line:col: error: msg".
 */
#ifndef BRINK_ERROR_H
#define BRINK_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum brink_status {
    BRINK_OK = 0,
    BRINK_ENOMEM,        /* an allocation failed */
    BRINK_ESYNTAX,       /* input text is malformed (has a location) */
    BRINK_EINVALID,      /* input is well formed but inconsistent (bad game, bad argument) */
    BRINK_ETOOBIG,       /* the request exceeds a documented size limit */
    BRINK_EIO,           /* a file could not be read or written */
    BRINK_EUNSUPPORTED,  /* the method does not apply to this game */
    BRINK_ENOCONVERGE,   /* an iterative method stopped before its target */
    BRINK_EVERIFY,       /* a computed profile failed exact verification */
    BRINK_EINTERNAL      /* a broken invariant: a bug in brink */
} brink_status;

/* The record's fixed sizes (a public-API decision: the record is a plain value, copied and
 * kept without allocation). A longer message is cut there, at a whole UTF-8 character; a
 * longer file path keeps its end (the file's name) behind "...", so a cut never passes for
 * another path. */
#define BRINK_ERROR_MESSAGE_MAX 512
#define BRINK_ERROR_FILE_MAX 256

typedef struct brink_error {
    brink_status code;
    int line;            /* 1-based, 0 when not about a place in a file */
    int column;          /* 1-based, 0 when unknown */
    char file[BRINK_ERROR_FILE_MAX];
    char message[BRINK_ERROR_MESSAGE_MAX];
} brink_error;

/* Reset to BRINK_OK with empty fields. NULL is allowed. */
void brink_error_clear(brink_error *err);

/* Record an error and return `code` (so callers can `return brink_error_set(...)`).
 * NULL `err` is allowed: the code is still returned. */
brink_status brink_error_set(brink_error *err, brink_status code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* As brink_error_set, with a location in an input file (file may be NULL). */
brink_status brink_error_set_at(brink_error *err, brink_status code, const char *file,
                                int line, int column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Set the record's file (NULL: none), as brink_error_set_at does: a path longer than the
 * field keeps its end behind "...". NULL `err` is allowed. */
void brink_error_set_file(brink_error *err, const char *file);

/* Prefix the existing message with "context: " (e.g. the function that failed). */
void brink_error_prefix(brink_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Append " (WORDS)" to the existing message (cut at a whole character when it does not fit),
 * e.g. where in a game description the error happened; code, file and place are kept. */
void brink_error_append(brink_error *err, const char *words);

/* A short stable name for a status code ("syntax", "too-big", ...). */
const char *brink_status_name(brink_status code);

/* Format as "file:line:col: error: message" (or "error: message") into buf. */
size_t brink_error_format(const brink_error *err, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
