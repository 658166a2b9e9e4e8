/* lrsnash_ref.h — run lrsnash (lrslib) on a bimatrix game and read its equilibria (tests).
 *
 * Input format (lrsnash(1)): "m n", then A row by row, then B. Output: blocks separated by
 * blank lines; in a block, lines "2 y_1 .. y_n v" (player 2's strategy and player 1's payoff)
 * and "1 x_1 .. x_m v"; every (x, y) pair of a block is an extreme equilibrium. Lines starting
 * with '*' are comments. Equilibria are returned as canonical strings "x_1 .. x_m | y_1 .. y_n"
 * (GMP canonical rationals), sorted, duplicates removed.
 */
#ifndef BRINK_TEST_LRSNASH_REF_H
#define BRINK_TEST_LRSNASH_REF_H

#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LRSNASH_PATH "/usr/bin/lrsnash"

typedef struct eqset {
    int count, cap;
    char **items;
} eqset;

static inline void eqset_add(eqset *s, const char *str)
{
    if (s->count == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->items = realloc(s->items, sizeof(char *) * (size_t)s->cap);
    }
    s->items[s->count++] = strdup(str);
}

static inline int eqset_cmp_(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort and drop duplicates. */
static inline void eqset_finish(eqset *s)
{
    if (s->count == 0)
        return;
    qsort(s->items, (size_t)s->count, sizeof(char *), eqset_cmp_);
    int w = 1;
    for (int i = 1; i < s->count; i++) {
        if (strcmp(s->items[i], s->items[w - 1]) == 0)
            free(s->items[i]);
        else
            s->items[w++] = s->items[i];
    }
    s->count = w;
}

static inline void eqset_free(eqset *s)
{
    for (int i = 0; i < s->count; i++)
        free(s->items[i]);
    free(s->items);
    memset(s, 0, sizeof *s);
}

static inline int eqset_equal(const eqset *a, const eqset *b)
{
    if (a->count != b->count)
        return 0;
    for (int i = 0; i < a->count; i++)
        if (strcmp(a->items[i], b->items[i]) != 0)
            return 0;
    return 1;
}

/* Append the canonical text of a vector of rationals to buf. */
static inline void eqset_put_vec(char *buf, size_t size, mpq_t *v, int n)
{
    for (int i = 0; i < n; i++) {
        mpq_canonicalize(v[i]);
        char *t = mpq_get_str(NULL, 10, v[i]);
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", i ? " " : "", t);
        free(t);
    }
}

static inline int lrsnash_available(void)
{
    return access(LRSNASH_PATH, X_OK) == 0;
}

/* Returns 0 and fills *out, or -1 when lrsnash could not be run or its output not read. */
static inline int lrsnash_solve(int m, int n, const long *a, const long *b, eqset *out)
{
    char path[] = "/tmp/brink-lrsnash-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    FILE *f = fdopen(fd, "w");
    fprintf(f, "%d %d\n\n", m, n);
    for (int k = 0; k < 2; k++) {
        const long *x = k ? b : a;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++)
                fprintf(f, "%ld ", x[i * n + j]);
            fputc('\n', f);
        }
        fputc('\n', f);
    }
    fclose(f);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "%s %s 2>/dev/null", LRSNASH_PATH, path);
    FILE *p = popen(cmd, "r");
    if (!p) {
        unlink(path);
        return -1;
    }
    memset(out, 0, sizeof *out);
    size_t bufsz = (size_t)(m + n + 4) * 4096;
    char *line = malloc(bufsz);
    /* current block: strategies of player 1 and player 2 as canonical strings */
    eqset xs = {0, 0, NULL}, ys = {0, 0, NULL};
    char *vecbuf = malloc(bufsz);
    int ok = 1;
    mpq_t *v = malloc(sizeof(mpq_t) * (size_t)(m + n + 1));
    for (int i = 0; i < m + n + 1; i++)
        mpq_init(v[i]);
    for (;;) {
        char *got = fgets(line, (int)bufsz, p);
        int blank = !got || strspn(line, " \t\r\n") == strlen(line);
        if (blank) {
            for (int i = 0; i < xs.count; i++)
                for (int j = 0; j < ys.count; j++) {
                    snprintf(vecbuf, bufsz, "%s | %s", xs.items[i], ys.items[j]);
                    eqset_add(out, vecbuf);
                }
            eqset_free(&xs);
            eqset_free(&ys);
            if (!got)
                break;
            continue;
        }
        if (line[0] == '*')
            continue;
        char *save = NULL, *tok = strtok_r(line, " \t\r\n", &save);
        int who = atoi(tok);
        int len = who == 1 ? m : who == 2 ? n : -1;
        if (len < 0) {
            ok = 0;
            continue;
        }
        for (int i = 0; i <= len; i++) {
            tok = strtok_r(NULL, " \t\r\n", &save);
            if (!tok || mpq_set_str(v[i], tok, 10) != 0) {
                ok = 0;
                break;
            }
        }
        vecbuf[0] = 0;
        eqset_put_vec(vecbuf, bufsz, v, len); /* drop the payoff */
        eqset_add(who == 1 ? &xs : &ys, vecbuf);
    }
    int rc = pclose(p);
    unlink(path);
    for (int i = 0; i < m + n + 1; i++)
        mpq_clear(v[i]);
    free(v);
    free(line);
    free(vecbuf);
    if (!ok || rc != 0) {
        eqset_free(out);
        return -1;
    }
    eqset_finish(out);
    return 0;
}

#endif
