/* test_io_bad.c — malformed input gives precise errors and never a crash.
 *
 * 1. Golden diagnostics: every file tests/data/bad/NAME.ext must be rejected with exactly the
 *    line in tests/data/bad/NAME.expected:  "<status> NAME.ext:<line>:<col>: <message>".
 *    (With BRINK_UPDATE_GOLDEN=1 a missing .expected file is created, for review.)
 * 2. Every proper prefix of every good test game is handled cleanly (an .efg prefix that
 *    cuts into the tree must be rejected), and so is every single-byte change from a seeded
 *    random stream: no crash, no leak (under ASan), and each failure carries a code, a
 *    message and a position inside the input.
 */
#include "test_io_common.h"

static int read_bytes(const char *path, brink_buf *b)
{
    brink_error err;
    brink_buf_init(b);
    return brink_read_file(path, BRINK_MAX_FILE_BYTES, b, &err) == BRINK_OK;
}

static void format_error(const brink_error *err, const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s %s:%d:%d: %s", brink_status_name(err->code), name, err->line,
             err->column, err->message);
}

static void test_golden(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/data/bad", check_source_dir());
    size_t count;
    char **names = io_list_dir(dir, &count);
    CHECK(names != NULL && count >= 40);
    int update = getenv("BRINK_UPDATE_GOLDEN") != NULL;
    int inputs = 0;
    for (size_t i = 0; names && i < count; i++) {
        if (io_ends_with(names[i], ".expected"))
            continue;
        inputs++;
        char path[2048], gpath[2048], got[1024], want[1024] = "";
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        const char *dot = strrchr(names[i], '.');
        int stem = dot ? (int)(dot - names[i]) : (int)strlen(names[i]);
        snprintf(gpath, sizeof gpath, "%s/%.*s.expected", dir, stem, names[i]);
        brink_buf text;
        if (!read_bytes(path, &text)) {
            CHECK_MSG(0, "cannot read %s", path);
            continue;
        }
        brink_game g;
        brink_error err;
        brink_error_clear(&err);
        brink_status st = brink_game_read(text.data, text.len, names[i], &g, &err);
        CHECK_MSG(st != BRINK_OK, "%s was accepted", names[i]);
        CHECK(st == err.code);
        CHECK(g.kind == BRINK_GAME_NONE && !g.nfg && !g.efg);
        brink_game_free(&g);
        brink_buf_free(&text);
        format_error(&err, names[i], got, sizeof got);
        FILE *f = fopen(gpath, "r");
        if (!f && update) {
            f = fopen(gpath, "w");
            if (f) {
                fprintf(f, "%s\n", got);
                fclose(f);
            }
            printf("created %s\n", gpath);
            continue;
        }
        if (f) {
            if (!fgets(want, sizeof want, f))
                want[0] = '\0';
            fclose(f);
            want[strcspn(want, "\n")] = '\0';
        }
        CHECK_MSG(f && strcmp(got, want) == 0, "%s\n   got: %s\n  want: %s", names[i], got,
                  f ? want : "(no .expected file)");
        printf("bad %-26s %s\n", names[i], got);
    }
    /* every .expected has its input */
    for (size_t i = 0; names && i < count; i++) {
        if (!io_ends_with(names[i], ".expected"))
            continue;
        size_t stem = strlen(names[i]) - strlen(".expected");
        int found = 0;
        for (size_t j = 0; j < count; j++)
            if (j != i && strncmp(names[j], names[i], stem) == 0 && names[j][stem] == '.' &&
                !io_ends_with(names[j], ".expected"))
                found = 1;
        CHECK_MSG(found, "%s has no input file", names[i]);
    }
    printf("%d bad inputs checked\n", inputs);
    io_free_list(names, count);
}

/* Read text; on failure check the error record is complete. Returns 1 if accepted. */
static int read_clean(const char *text, size_t len, const char *name)
{
    brink_game g;
    brink_error err;
    brink_error_clear(&err);
    brink_status st = brink_game_read(text, len, name, &g, &err);
    if (st == BRINK_OK) {
        CHECK(g.kind != BRINK_GAME_NONE);
        brink_game_free(&g);
        return 1;
    }
    int lines = 1;   /* a line ends at \n, \r\n or a lone \r, as the readers count */
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n' || (text[i] == '\r' && !(i + 1 < len && text[i + 1] == '\n'));
    CHECK_MSG(err.code == st && err.message[0] != '\0' && err.line >= 1 && err.line <= lines &&
                  err.column >= 1,
              "%s (len %zu): code %d line %d col %d: %s", name, len, (int)err.code, err.line,
              err.column, err.message);
    return 0;
}

static void test_prefixes_and_mutations(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/data/games", check_source_dir());
    size_t count;
    char **names = io_list_dir(dir, &count);
    brink_rng rng;
    brink_rng_seed(&rng, 20240611);
    long accepted = 0, rejected = 0;
    for (size_t i = 0; names && i < count; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        brink_buf text;
        if (!read_bytes(path, &text))
            continue;
        /* An .efg prefix that ends before the last node starts is an incomplete tree. (Later
         * cuts may be complete: "t \"\" 3" is a whole node when outcome 3 is known.) */
        size_t len = text.len, last_node = 0;
        for (size_t k = 1; k + 2 < len; k++)
            if (strchr(" \t\r\n", text.data[k - 1]) && strchr("cpt", text.data[k]) &&
                text.data[k + 1] == ' ' && text.data[k + 2] == '"')
                last_node = k;
        int efg = io_ends_with(names[i], ".efg");
        char *copy = malloc(len + 2);
        if (!copy) {
            brink_buf_free(&text);
            continue;
        }
        /* Prefixes: the copy is exactly `cut` bytes long, so reading past it is caught. */
        for (size_t cut = 0; cut < len; cut++) {
            char *p = malloc(cut ? cut : 1);
            if (!p)
                break;
            memcpy(p, text.data, cut);
            int ok = read_clean(p, cut, names[i]);
            if (efg && cut <= last_node)
                CHECK_MSG(!ok, "%s: prefix of %zu bytes accepted", names[i], cut);
            ok ? accepted++ : rejected++;
            free(p);
        }
        /* Mutations: replace, insert or delete one byte. */
        static const char interesting[] = "{}\",-+/.0123456789eEcpt \n\\\x00\xff";
        for (int m = 0; m < 600; m++) {
            size_t at = (size_t)brink_rng_below(&rng, len);
            int kind = (int)brink_rng_below(&rng, 3);
            char byte = brink_rng_below(&rng, 2)
                            ? interesting[brink_rng_below(&rng, sizeof interesting - 1)]
                            : (char)brink_rng_below(&rng, 256);
            size_t n = 0;
            memcpy(copy, text.data, at);
            n = at;
            if (kind == 0) { /* replace */
                copy[n++] = byte;
                memcpy(copy + n, text.data + at + 1, len - at - 1);
                n += len - at - 1;
            } else if (kind == 1) { /* insert */
                copy[n++] = byte;
                memcpy(copy + n, text.data + at, len - at);
                n += len - at;
            } else { /* delete */
                memcpy(copy + n, text.data + at + 1, len - at - 1);
                n += len - at - 1;
            }
            read_clean(copy, n, names[i]) ? accepted++ : rejected++;
        }
        free(copy);
        brink_buf_free(&text);
    }
    printf("prefixes and mutations: %ld accepted, %ld rejected cleanly\n", accepted, rejected);
    CHECK(rejected > 0 && accepted > 0);
    io_free_list(names, count);
}

/* Inputs built in memory: sizes from the file must not drive allocation. */
static void test_generated(void)
{
    brink_error err;
    /* 64 players accepted, 65 refused. */
    brink_buf b;
    brink_buf_init(&b);
    brink_buf_puts(&b, "NFG 1 R \"\" {");
    for (int p = 0; p < 65; p++)
        brink_buf_puts(&b, " \"p\"");
    brink_buf_puts(&b, " } { 1 }");
    brink_nfg *g = brink_nfg_read(b.data, b.len, "many.nfg", &err);
    CHECK(g == NULL && err.code == BRINK_ETOOBIG);
    CHECK_STR(err.message, "too many players (brink's limit is 64)");
    brink_buf_reset(&b);
    brink_buf_puts(&b, "NFG 1 R \"\" {");
    for (int p = 0; p < 64; p++)
        brink_buf_puts(&b, " \"p\"");
    brink_buf_puts(&b, " } {");
    for (int p = 0; p < 64; p++)
        brink_buf_puts(&b, " 1");
    brink_buf_puts(&b, " }");
    for (int p = 0; p < 64; p++)
        brink_buf_puts(&b, " 7");
    g = brink_nfg_read(b.data, b.len, "64.nfg", &err);
    CHECK_MSG(g != NULL, "%s", err.message);
    if (g)
        CHECK(g->nplayers == 64 && mpq_cmp_ui(g->payq[63], 7, 1) == 0);
    brink_nfg_free(g);

    /* A deep chain: 200000 nested decision nodes in pre-order, then their 200001 leaves
     * (no recursion in the reader, the builder or the layout). */
    brink_efg *e;
    brink_buf_reset(&b);
    brink_buf_puts(&b, "EFG 2 R \"deep\" { \"P\" } \"\"\n");
    for (int k = 0; k < 200000; k++)
        brink_buf_printf(&b, "p \"\" 1 %d \"\" { \"on\" \"stop\" } 0\n", k + 1);
    for (int k = 0; k <= 200000; k++)
        brink_buf_puts(&b, "t \"\" 0\n");
    e = brink_efg_read(b.data, b.len, "deep.efg", &err);
    CHECK_MSG(e != NULL, "%s", err.message);
    if (e)
        CHECK(e->nnodes == 400001 && e->node_depth[200000] == 200000);
    brink_efg_free(e);
    brink_buf_free(&b);
}

int main(void)
{
    test_golden();
    test_prefixes_and_mutations();
    test_generated();
    return check_finish();
}
