/* test_io_common.h — helpers shared by the test_io_*.c tests: file reading, strict game
 * comparison (everything the writers are meant to preserve, which is more than
 * brink_nfg_equal / brink_efg_equal look at), and a read -> write -> read round trip.
 */
#ifndef BRINK_TEST_IO_COMMON_H
#define BRINK_TEST_IO_COMMON_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "brink/brink.h"
#include "check.h"

static inline int io_str_eq(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Strict equality of strategic games: brink_nfg_equal plus comment and outcome structure. */
static inline int io_nfg_same(const brink_nfg *a, const brink_nfg *b, char *why, size_t size)
{
    if (!brink_nfg_equal(a, b)) {
        snprintf(why, size, "brink_nfg_equal says no");
        return 0;
    }
    if (!io_str_eq(a->comment, b->comment)) {
        snprintf(why, size, "comments differ");
        return 0;
    }
    if (a->noutcomes != b->noutcomes || (a->cell_outcome == NULL) != (b->cell_outcome == NULL)) {
        snprintf(why, size, "outcome structure differs");
        return 0;
    }
    size_t n = (size_t)a->nplayers;
    for (int o = 0; o < a->noutcomes; o++) {
        if (!io_str_eq(a->outcome_labels[o], b->outcome_labels[o])) {
            snprintf(why, size, "outcome %d label differs", o);
            return 0;
        }
        for (size_t p = 0; p < n; p++)
            if (!mpq_equal(a->outcome_payq[(size_t)o * n + p], b->outcome_payq[(size_t)o * n + p])) {
                snprintf(why, size, "outcome %d payoff differs", o);
                return 0;
            }
    }
    if (a->cell_outcome)
        for (size_t c = 0; c < a->ncells; c++)
            if (a->cell_outcome[c] != b->cell_outcome[c]) {
                snprintf(why, size, "cell %zu outcome differs", c);
                return 0;
            }
    return 1;
}

/* Strict equality of extensive games: brink_efg_equal plus comment, outcomes on every node,
 * outcome labels and payoffs, infoset/outcome numbers, perfect-recall flag. */
static inline int io_efg_same(const brink_efg *a, const brink_efg *b, char *why, size_t size)
{
    if (!brink_efg_equal(a, b)) {
        snprintf(why, size, "brink_efg_equal says no");
        return 0;
    }
    if (!io_str_eq(a->comment, b->comment)) {
        snprintf(why, size, "comments differ");
        return 0;
    }
    if (a->noutcomes != b->noutcomes || a->perfect_recall != b->perfect_recall) {
        snprintf(why, size, "outcome count or recall differs");
        return 0;
    }
    for (int v = 0; v < a->nnodes; v++)
        if (a->node_outcome[v] != b->node_outcome[v]) {
            snprintf(why, size, "node %d outcome differs", v);
            return 0;
        }
    for (int h = 0; h < a->ninfosets; h++)
        if (a->infoset_number[h] != b->infoset_number[h]) {
            snprintf(why, size, "infoset %d number differs", h);
            return 0;
        }
    size_t n = (size_t)a->nplayers;
    for (int o = 0; o < a->noutcomes; o++) {
        if (!io_str_eq(a->outcome_label[o], b->outcome_label[o]) ||
            a->outcome_number[o] != b->outcome_number[o]) {
            snprintf(why, size, "outcome %d label or number differs", o);
            return 0;
        }
        for (size_t p = 0; p < n; p++)
            if (!mpq_equal(a->outcome_payq[(size_t)o * n + p], b->outcome_payq[(size_t)o * n + p])) {
                snprintf(why, size, "outcome %d payoff differs", o);
                return 0;
            }
    }
    return 1;
}

/* Write a game, read it back, compare strictly, and check that writing again gives the same
 * text (the writer is a fixed point after one round). Returns 1 on success; on failure
 * writes a reason into why. */
static inline int io_roundtrip(const brink_game *g, const char *name, char *why, size_t size)
{
    brink_buf t1, t2;
    brink_buf_init(&t1);
    brink_buf_init(&t2);
    brink_error err;
    brink_game back = {BRINK_GAME_NONE, NULL, NULL};
    int ok = 0;
    brink_status st = g->kind == BRINK_GAME_NFG ? brink_nfg_write(g->nfg, &t1, &err)
                                                : brink_efg_write(g->efg, &t1, &err);
    if (st != BRINK_OK) {
        snprintf(why, size, "write failed: %s", err.message);
        goto out;
    }
    if (brink_game_read(t1.data, t1.len, name, &back, &err) != BRINK_OK) {
        snprintf(why, size, "re-read failed: %d:%d: %s", err.line, err.column, err.message);
        goto out;
    }
    if (back.kind != g->kind) {
        snprintf(why, size, "re-read gives another kind of game");
        goto out;
    }
    if (g->kind == BRINK_GAME_NFG ? !io_nfg_same(g->nfg, back.nfg, why, size)
                                  : !io_efg_same(g->efg, back.efg, why, size))
        goto out;
    st = back.kind == BRINK_GAME_NFG ? brink_nfg_write(back.nfg, &t2, &err)
                                     : brink_efg_write(back.efg, &t2, &err);
    if (st != BRINK_OK || t1.len != t2.len || memcmp(t1.data, t2.data, t1.len) != 0) {
        snprintf(why, size, "second write differs from the first");
        goto out;
    }
    ok = 1;
out:
    brink_game_free(&back);
    brink_buf_free(&t1);
    brink_buf_free(&t2);
    return ok;
}

/* Minimal JSON syntax check: balanced brackets outside strings, valid escapes, no control
 * characters in strings. Enough to catch a writer that forgets a comma or a quote. */
static inline int io_json_well_formed(const char *s)
{
    int depth = 0, in_str = 0;
    char stack[256];
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (in_str) {
            if (c < 0x20)
                return 0;
            if (c == '\\') {
                s++;
                if (!strchr("\"\\/bfnrtu", *s))
                    return 0;
            } else if (c == '"') {
                in_str = 0;
            }
            continue;
        }
        if (c == '"')
            in_str = 1;
        else if (c == '{' || c == '[') {
            if (depth >= 255)
                return 0;
            stack[depth++] = (char)c;
        } else if (c == '}' || c == ']') {
            if (depth == 0 || stack[depth - 1] != (c == '}' ? '{' : '['))
                return 0;
            depth--;
        }
    }
    return depth == 0 && !in_str;
}

/* Does name end with suffix? */
static inline int io_ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), s = strlen(suffix);
    return n >= s && strcmp(name + n - s, suffix) == 0;
}

static int io_cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted list of the regular entries of dir (names malloc'd); NULL when dir is absent. */
static inline char **io_list_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    *count = 0;
    if (!d)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (*count == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *names);
            if (!nn)
                break;
            names = nn;
        }
        names[(*count)++] = strdup(e->d_name);
    }
    closedir(d);
    if (!names)
        names = calloc(1, sizeof *names);
    qsort(names, *count, sizeof *names, io_cmp_names);
    return names;
}

static inline void io_free_list(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

#endif
