/* test_io_hostile.c — hostile input to the Gambit readers: a file that does not start like a
 * game file is refused after a bounded prefix (/dev/zero used to be read for 2 GB), lines
 * ended by a lone CR are counted (every error used to be on line 1), and a .nfg whose table
 * would need more memory than BRINK_MAX_NFG_TABLE_BYTES is refused before anything is
 * allocated, whichever version (payoffs or outcome indices) follows.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "brink/brink.h"
#include "brink/io.h"

static brink_status read_text(const char *text, brink_error *err)
{
    brink_game g;
    brink_error_clear(err);
    brink_status st = brink_game_read(text, strlen(text), "t", &g, err);
    brink_game_free(&g);
    return st;
}

static void test_prefix(void)
{
    brink_game g;
    brink_error err;
    brink_error_clear(&err);
    double t0 = brink_now();
    brink_status st = brink_game_read_file("/dev/zero", &g, &err);
    double dt = brink_now() - t0;
    CHECK(st == BRINK_ESYNTAX && err.line == 1 && err.column == 1);
    CHECK_MSG(strstr(err.message, "0x00") != NULL, "%s", err.message);
    CHECK_MSG(dt < 1.0, "/dev/zero took %.2f s", dt);
    brink_game_free(&g);

    /* white space only, beyond the prefix limit: refused where the reading stopped */
    char path[] = "/tmp/brink_io_hostile_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    FILE *f = fdopen(fd, "w");
    for (size_t i = 0; i < BRINK_MAX_PREFIX_BYTES + 10; i++)
        fputc(i % 100 == 99 ? '\r' : ' ', f);
    fputs("NFG 1 R \"\" { \"1\" } { 1 }\n1\n", f);
    fclose(f);
    brink_error_clear(&err);
    st = brink_game_read_file(path, &g, &err);
    CHECK(st == BRINK_ESYNTAX && strstr(err.message, "no 'EFG' or 'NFG'"));
    CHECK_MSG(err.line >= 600 && err.column >= 1, "%d:%d", err.line, err.column);
    brink_game_free(&g);
    /* binary data after a few blanks: refused at its first byte */
    f = fopen(path, "w");
    fputs("  \n \x89PNG\r\n", f);
    for (int i = 0; i < 100000; i++)
        fputc(i & 0xFF, f);
    fclose(f);
    brink_error_clear(&err);
    st = brink_game_read_file(path, &g, &err);
    CHECK_MSG(st == BRINK_ESYNTAX && err.line == 2 && err.column == 2, "%d:%d %s", err.line,
              err.column, err.message);
    brink_game_free(&g);
    /* a game after some blank lines is still read */
    f = fopen(path, "w");
    fputs("\n\n   NFG 1 R \"\" { \"1\" } { 1 }\n7\n", f);
    fclose(f);
    st = brink_game_read_file(path, &g, &err);
    CHECK(st == BRINK_OK && g.kind == BRINK_GAME_NFG);
    brink_game_free(&g);
    unlink(path);
}

static void test_cr_lines(void)
{
    brink_error err;
    /* old Mac line ends: the bad token is on line 3 */
    CHECK(read_text("NFG 1 R \"x\" { \"a\" \"b\" } { 2 2 }\r\r1 2 3 4 5 6 7 x\r", &err) ==
          BRINK_ESYNTAX);
    CHECK_MSG(err.line == 3 && err.column == 15, "%d:%d %s", err.line, err.column, err.message);
    CHECK(read_text("EFG 2 R \"x\" { \"a\" }\r\"\"\r\rt \"\" 1 \"o\" { 1 }\rq\r", &err) ==
          BRINK_ESYNTAX);
    CHECK_MSG(err.line == 5 && err.column == 1, "%d:%d %s", err.line, err.column, err.message);
    /* CR LF counts once, LF CR twice */
    CHECK(read_text("NFG 1 R \"x\" { \"a\" } { 1 }\r\n\n\r q", &err) == BRINK_ESYNTAX);
    CHECK_MSG(err.line == 4 && err.column == 2, "%d:%d %s", err.line, err.column, err.message);
    /* a CR inside a quoted label ends a line too */
    CHECK(read_text("NFG 1 R \"x\ry\" { \"a\" } { 1 }\n  q", &err) == BRINK_ESYNTAX);
    CHECK_MSG(err.line == 3 && err.column == 3, "%d:%d %s", err.line, err.column, err.message);
}

static void test_table_bytes(void)
{
    brink_error err;
    /* the cell limit holds: 8192 x 8192 = 2^26 cells, but 2 payoffs each need ~15 GB */
    size_t cells = (size_t)8192 * 8192;
    CHECK(cells <= BRINK_MAX_CELLS);
    CHECK(cells * 2 * BRINK_NFG_BYTES_PER_PAYOFF > BRINK_MAX_NFG_TABLE_BYTES);
    const char *outc = "NFG 1 R \"\" { \"1\" \"2\" } { 8192 8192 }\n{ { \"\" 1 2 } }\n1 1 1 1\n";
    CHECK(read_text(outc, &err) == BRINK_ETOOBIG);
    CHECK_MSG(err.line == 1 && err.column == 24 && strstr(err.message, "GB in memory"),
              "%d:%d %s", err.line, err.column, err.message);
    const char *pay = "NFG 1 R \"\" { \"1\" \"2\" } { 8192 8192 }\n1 2 3 4\n";
    CHECK(read_text(pay, &err) == BRINK_ETOOBIG);
    /* just within the byte limit: not refused for its size (the data runs out instead) */
    size_t k = 1;
    while ((k + 1) * (k + 1) * 2 * BRINK_NFG_BYTES_PER_PAYOFF <= BRINK_MAX_NFG_TABLE_BYTES)
        k++;
    char text[160];
    snprintf(text, sizeof text, "NFG 1 R \"\" { \"1\" \"2\" } { %zu %zu }\n{ { \"\" 1 2 } }\n1 1\n",
             k, k);
    CHECK(read_text(text, &err) == BRINK_ESYNTAX);
    CHECK_MSG(strstr(err.message, "got end of file") != NULL, "%s", err.message);
    snprintf(text, sizeof text, "NFG 1 R \"\" { \"1\" \"2\" } { %zu %zu }\n{ { \"\" 1 2 } }\n1 1\n",
             k + 1, k + 1);
    CHECK(read_text(text, &err) == BRINK_ETOOBIG);
}

int main(void)
{
    test_prefix();
    test_cr_lines();
    test_table_bytes();
    return check_finish();
}
