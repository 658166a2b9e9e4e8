/* brink/core.h — small shared utilities: an arena, a seeded RNG, rational helpers,
 * and growable buffers. None of them keeps global state.
 */
#ifndef BRINK_CORE_H
#define BRINK_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <gmp.h>
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Arena: many small allocations freed together (labels, game strings). ---- */
typedef struct brink_arena brink_arena;

brink_arena *brink_arena_new(void);
void brink_arena_free(brink_arena *a);                 /* NULL is a no-op */
void *brink_arena_alloc(brink_arena *a, size_t size);  /* 16-byte aligned; NULL on OOM */
char *brink_arena_strdup(brink_arena *a, const char *s);
char *brink_arena_strndup(brink_arena *a, const char *s, size_t n);
size_t brink_arena_bytes(const brink_arena *a);        /* bytes handed out so far */

/* ---- Checked allocation helpers (return NULL on overflow or OOM). ---- */
void *brink_calloc(size_t n, size_t size);
void *brink_reallocarray(void *p, size_t n, size_t size);
/* n*m without overflow: returns 0 and sets *out on success, -1 on overflow. */
int brink_mul_size(size_t n, size_t m, size_t *out);

/* ---- RNG: xoshiro256** seeded by splitmix64. Same seed, same stream, everywhere. ---- */
typedef struct brink_rng {
    uint64_t s[4];
} brink_rng;

void brink_rng_seed(brink_rng *r, uint64_t seed);
uint64_t brink_rng_next(brink_rng *r);
double brink_rng_uniform(brink_rng *r);                /* [0, 1) with 53 random bits */
uint64_t brink_rng_below(brink_rng *r, uint64_t n);    /* uniform in [0, n), unbiased */
/* An independent stream for worker `index` (jump-free: hashes seed and index). */
void brink_rng_split(const brink_rng *parent, uint64_t index, brink_rng *child);

/* ---- Rationals (GMP mpq_t) ---- */
/* Parse Gambit-style exact number text: -?D+, -?D+/D+, -?D*.D*([eE]-?D+)?.
 * Leading '+' is rejected. Returns BRINK_OK, BRINK_ESYNTAX, or BRINK_ETOOBIG when the digits
 * before or after '/' (integer and fraction digits together) or the exponent's value exceed
 * BRINK_Q_MAX_DIGITS, so no short text asks GMP for a huge number (message only, no
 * location: readers add it). */
#define BRINK_Q_MAX_DIGITS 19729
/* The largest exact number a scenario may compute (bits of a numerator or denominator): every
 * integer of this many bits has at most BRINK_Q_MAX_DIGITS decimal digits, so whatever the
 * compiler accepts the .efg/.nfg writers can write and the readers read back. */
#define BRINK_Q_MAX_BITS 65536
brink_status brink_q_parse(mpq_t out, const char *text, size_t len, brink_error *err);
/* Every mpq_t given to brink must be canonical (GMP's own rule: lowest terms, positive
 * denominator; mpq_canonicalize after mpq_set_ui(q, 2, 4)), as GMP's arithmetic assumes;
 * every one brink returns is. The threshold queries (brink_threshold_covers, _profile)
 * canonicalize a copy of x themselves. */
/* The double nearest to q (ties to even; +-inf beyond the range of doubles). GMP's
 * mpq_get_d truncates instead; use this wherever a double stands for an exact number. */
double brink_q_get_d(const mpq_t q);
/* Exact rational of a finite double (every double is a dyadic rational). */
brink_status brink_q_from_double(mpq_t out, double x, brink_error *err);
/* Nearest simple rational within tol (continued fractions); for printing only. */
void brink_q_from_double_approx(mpq_t out, double x, double tol);
/* "p/q" or "p" into a malloc'd string (caller frees). NULL on OOM. */
char *brink_q_to_string(const mpq_t q);
/* Allocate/init and clear/free arrays of mpq_t. */
mpq_t *brink_q_array_new(size_t n);
void brink_q_array_free(mpq_t *a, size_t n);

/* ---- Growable byte buffer (writers build text here; the caller decides where it goes) ---- */
typedef struct brink_buf {
    char *data;      /* NUL-terminated when len > 0 or after any append */
    size_t len, cap;
    int failed;      /* set when an append ran out of memory; later appends are no-ops */
} brink_buf;

void brink_buf_init(brink_buf *b);
void brink_buf_free(brink_buf *b);
void brink_buf_reset(brink_buf *b);                          /* len = 0, keeps memory */
void brink_buf_append(brink_buf *b, const char *s, size_t n);
void brink_buf_puts(brink_buf *b, const char *s);
void brink_buf_printf(brink_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void brink_buf_put_q(brink_buf *b, const mpq_t q);          /* "p/q" or "p" */
/* A finite double in the fewest significant digits (15 to 17) that read back as the same
 * double: 0.8, not 0.80000000000000004 (%.17g). */
void brink_buf_put_double(brink_buf *b, double x);
/* Write the buffer to a file path ("-" = stdout is NOT handled here: the CLI does that). */
brink_status brink_buf_write_file(const brink_buf *b, const char *path, brink_error *err);
/* Read a whole file (limit bytes at most, else BRINK_ETOOBIG). */
brink_status brink_read_file(const char *path, size_t limit, brink_buf *out, brink_error *err);

/* ---- Monotonic clock in seconds, for solver statistics and benchmarks. ---- */
double brink_now(void);

/* ---- Limits that protect against hostile or accidental blow-ups. ---- */
#define BRINK_MAX_PLAYERS 64
#define BRINK_MAX_NODES ((size_t)1 << 28)        /* 268M nodes: ~20 GB of tree */
#define BRINK_MAX_CELLS ((size_t)1 << 26)        /* strategic-form cells we will materialise */
#define BRINK_MAX_EXACT_CELLS ((size_t)1 << 22)  /* cells for exact (mpq) verification */

#ifdef __cplusplus
}
#endif
#endif
