/* test_io_roundtrip.c — read -> write -> read gives the same game, for every file in
 * tests/data/games and for games built in memory (renumbered infosets, labels with quotes,
 * rationals); the writers' text is what Gambit expects; JSON output is well formed; and a
 * label the Gambit format cannot carry is refused rather than written wrongly. */
#include "test_io_common.h"

static void test_data_games(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/data/games", check_source_dir());
    size_t count;
    char **names = io_list_dir(dir, &count);
    CHECK(names != NULL && count >= 12);
    for (size_t i = 0; i < count; i++) {
        char path[2048], why[256] = "";
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        brink_game g;
        brink_error err;
        if (brink_game_read_file(path, &g, &err) != BRINK_OK) {
            CHECK_MSG(0, "%s: %d:%d: %s", names[i], err.line, err.column, err.message);
            continue;
        }
        int ok = io_roundtrip(&g, names[i], why, sizeof why);
        CHECK_MSG(ok, "%s: %s", names[i], why);
        printf("roundtrip %-24s %s\n", names[i], ok ? "ok" : why);
        brink_game_free(&g);
    }
    io_free_list(names, count);
}

/* The .efg text for a small game, exactly as Gambit lays it out. */
static void test_efg_text(void)
{
    const char *src =
        "EFG 2 R \"t\" { \"A\" \"B\" } \"c\"\n"
        "c \"r\" 4 \"nature\" { \"h\" 0.5 \"t\" 1/2 } 0\n"
        "p \"\" 1 9 \"i\" { \"x\" } 3 \"pre\" { 1 -1/3 }\n"
        "t \"\" 7 \"o\" { 2.50 0 }\n"
        "p \"\" 2 9 \"j\" { \"y\" } 0\n"
        "t \"\" 7\n";
    const char *want =
        "EFG 2 R \"t\" { \"A\" \"B\" }\n"
        "\"c\"\n"
        "\n"
        "c \"r\" 4 \"nature\" { \"h\" 1/2 \"t\" 1/2 } 0\n"
        "p \"\" 1 9 \"i\" { \"x\" } 3 \"pre\" { 1, -1/3 }\n"
        "t \"\" 7 \"o\" { 5/2, 0 }\n"
        "p \"\" 2 9 \"j\" { \"y\" } 0\n"
        "t \"\" 7 \"o\" { 5/2, 0 }\n";
    brink_error err;
    brink_efg *e = brink_efg_read(src, strlen(src), "mem.efg", &err);
    CHECK_MSG(e != NULL, "%s", err.message);
    if (!e)
        return;
    brink_buf b;
    brink_buf_init(&b);
    CHECK(brink_efg_write(e, &b, &err) == BRINK_OK);
    CHECK_MSG(b.data && strcmp(b.data, want) == 0, "got:\n%s", b.data ? b.data : "");
    brink_buf_free(&b);
    brink_efg_free(e);
}

static void test_nfg_text(void)
{
    const char *src = "NFG 1 R \"pd\" { \"1\" \"2\" } { 2 1 } 1/2 0.25 3 -4\n";
    const char *want = "NFG 1 R \"pd\" { \"1\" \"2\" }\n\n"
                       "{ { \"1\" \"2\" }\n{ \"1\" }\n}\n\"\"\n\n"
                       "1/2 1/4\n3 -4\n";
    brink_error err;
    brink_nfg *g = brink_nfg_read(src, strlen(src), "mem.nfg", &err);
    CHECK_MSG(g != NULL, "%s", err.message);
    if (!g)
        return;
    brink_buf b;
    brink_buf_init(&b);
    CHECK(brink_nfg_write(g, &b, &err) == BRINK_OK);
    CHECK_MSG(b.data && strcmp(b.data, want) == 0, "got:\n%s", b.data ? b.data : "");
    brink_buf_free(&b);
    brink_nfg_free(g);

    const char *osrc = "NFG 1 R \"o\" { \"a\" \"b\" } { { \"x\" } { \"l\" \"r\" } }\n"
                       "{ { \"w\" 1 2 } { \"q\\\"\" 3, 1/3 } } 2 0\n";
    const char *owant = "NFG 1 R \"o\" { \"a\" \"b\" }\n\n"
                        "{ { \"x\" }\n{ \"l\" \"r\" }\n}\n\"\"\n\n"
                        "{\n{ \"w\" 1, 2 }\n{ \"q\\\"\" 3, 1/3 }\n}\n2 0\n";
    g = brink_nfg_read(osrc, strlen(osrc), "mem.nfg", &err);
    CHECK_MSG(g != NULL, "%s", err.message);
    if (!g)
        return;
    brink_buf_init(&b);
    CHECK(brink_nfg_write(g, &b, &err) == BRINK_OK);
    CHECK_MSG(b.data && strcmp(b.data, owant) == 0, "got:\n%s", b.data ? b.data : "");
    brink_buf_free(&b);
    brink_nfg_free(g);
}

/* A game built in memory with automatic infoset numbers and awkward labels. */
static void test_built(void)
{
    brink_error err;
    brink_efg_builder *b = brink_efg_builder_new(2, &err);
    CHECK(b != NULL);
    if (!b)
        return;
    CHECK(brink_efg_builder_set_title(b, "built \"in\" memory \\o/", &err) == BRINK_OK);
    const char *acts[] = {"l\\", "r"}; /* "l\" ends with a backslash: not writable */
    const char *acts2[] = {"u", "d"};
    mpq_t pay[2];
    mpq_init(pay[0]);
    mpq_init(pay[1]);
    int h0 = brink_efg_builder_add_infoset(b, 0, 2, "", acts2, NULL, 0, &err);
    int h1 = brink_efg_builder_add_infoset(b, 1, 2, "", acts, NULL, 0, &err);
    mpq_set_si(pay[0], 1, 3);
    mpq_set_si(pay[1], -2, 1);
    int o0 = brink_efg_builder_add_outcome(b, "", pay, 0, &err);
    CHECK(h0 >= 0 && h1 >= 0 && o0 >= 0);
    brink_efg_builder_add_node(b, "", h0, -1, &err);
    brink_efg_builder_add_node(b, "", h1, -1, &err);
    brink_efg_builder_add_node(b, "", -1, o0, &err);
    brink_efg_builder_add_node(b, "", -1, -1, &err);
    brink_efg_builder_add_node(b, "", h1, -1, &err);
    brink_efg_builder_add_node(b, "", -1, -1, &err);
    brink_efg_builder_add_node(b, "", -1, o0, &err);
    brink_efg *e = brink_efg_builder_finish(b, &err);
    CHECK_MSG(e != NULL, "%s", err.message);
    mpq_clear(pay[0]);
    mpq_clear(pay[1]);
    if (!e)
        return;
    brink_buf out;
    brink_buf_init(&out);
    CHECK_EQ_INT(brink_efg_write(e, &out, &err), BRINK_EINVALID);
    CHECK(strstr(err.message, "action label \"l\\\"") != NULL);
    /* Fix the label (the arena owns it; point to a writable literal-free copy). */
    e->action_label[e->infoset_action_start[1]] = e->action_label[e->infoset_action_start[1] + 1];
    brink_buf_reset(&out);
    CHECK(brink_efg_write(e, &out, &err) == BRINK_OK);
    brink_game g = {BRINK_GAME_EFG, NULL, e};
    char why[256] = "";
    CHECK_MSG(io_roundtrip(&g, "built.efg", why, sizeof why), "%s", why);
    CHECK(out.data && strstr(out.data, "\"built \\\"in\\\" memory \\o/\"") != NULL);
    brink_buf_free(&out);
    brink_efg_free(e);
}

/* Which labels the Gambit writers accept, and that accepted ones come back unchanged. */
static void test_label_rules(void)
{
    struct { const char *label; int ok; } cases[] = {
        {"plain", 1},
        {"quote \" inside", 1},
        {"\"", 1},
        {"back\\slash", 1},           /* backslash + 's' */
        {"two \\\\ backslashes", 1},  /* a backslash pair */
        {"\\\\\"", 1},               /* pair, then a quote */
        {"caf\xC3\xA9 \\\xC3\xA9", 1},  /* UTF-8, and a backslash before a 2-byte char */
        {"ends with \\", 0},
        {"\\\" backslash-quote", 0},
        {"bad \xFF byte", 0},
        {"cut \xE2\x82", 0},
        {"\\\xFF", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        brink_error err;
        int n[1] = {2};
        brink_nfg *g = brink_nfg_new(1, n, &err);
        if (!g)
            continue;
        CHECK(brink_nfg_set_strat_label(g, 0, 1, cases[i].label, &err) == BRINK_OK);
        brink_buf b;
        brink_buf_init(&b);
        brink_status st = brink_nfg_write(g, &b, &err);
        CHECK_MSG((st == BRINK_OK) == cases[i].ok, "label %zu: %s", i, err.message);
        if (st == BRINK_OK) {
            brink_nfg *back = brink_nfg_read(b.data, b.len, "label.nfg", &err);
            CHECK_MSG(back && strcmp(back->strat_labels[1], cases[i].label) == 0, "label %zu", i);
            brink_nfg_free(back);
        } else {
            CHECK(st == BRINK_EINVALID && strstr(err.message, "strategy label") != NULL);
        }
        brink_buf_free(&b);
        brink_nfg_free(g);
    }
}

static void test_writer_renumbers(void)
{
    /* Infoset numbers that repeat within a player cannot be written as they are. */
    const char *src = "EFG 2 R \"\" { \"P\" } p \"\" 1 5 \"\" { \"a\" \"b\" } 0 "
                      "p \"\" 1 6 \"\" { \"c\" } 0 t \"\" 0 t \"\" 0";
    brink_error err;
    brink_efg *e = brink_efg_read(src, strlen(src), "m", &err);
    CHECK(e != NULL);
    if (!e)
        return;
    e->infoset_number[1] = e->infoset_number[0]; /* now both are 5 */
    brink_buf out;
    brink_buf_init(&out);
    CHECK(brink_efg_write(e, &out, &err) == BRINK_OK);
    CHECK(out.data && strstr(out.data, "p \"\" 1 1 \"\" { \"a\" \"b\" } 0\np \"\" 1 2 ") != NULL);
    brink_efg *back = out.data ? brink_efg_read(out.data, out.len, "m2", &err) : NULL;
    CHECK(back != NULL && brink_efg_equal(e, back));
    brink_efg_free(back);
    brink_buf_free(&out);
    brink_efg_free(e);
}

static void test_json(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/data/games", check_source_dir());
    size_t count;
    char **names = io_list_dir(dir, &count);
    for (size_t i = 0; names && i < count; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        brink_game g;
        brink_error err;
        if (brink_game_read_file(path, &g, &err) != BRINK_OK)
            continue;
        brink_buf b;
        brink_buf_init(&b);
        brink_status st = g.kind == BRINK_GAME_NFG ? brink_nfg_write_json(g.nfg, &b, &err)
                                                   : brink_efg_write_json(g.efg, &b, &err);
        CHECK(st == BRINK_OK);
        CHECK_MSG(b.data && io_json_well_formed(b.data), "%s", names[i]);
        brink_buf_free(&b);
        brink_game_free(&g);
    }
    io_free_list(names, count);

    /* Exact content for a small game. */
    const char *src = "EFG 2 R \"t\\\"q\" { \"A\" } \"\"\n"
                      "c \"root\" 1 \"\" { \"h\" 1/3 \"t\" 2/3 } 0\n"
                      "t \"\" 1 \"win\" { 1/2 }\n"
                      "t \"\" 0\n";
    brink_error err;
    brink_efg *e = brink_efg_read(src, strlen(src), "m", &err);
    CHECK(e != NULL);
    if (e) {
        brink_buf b;
        brink_buf_init(&b);
        CHECK(brink_efg_write_json(e, &b, &err) == BRINK_OK);
        const char *want =
            "{\n  \"format\": \"brink-game\",\n  \"version\": 1,\n  \"kind\": \"efg\",\n"
            "  \"title\": \"t\\\"q\",\n  \"comment\": \"\",\n  \"players\": [\"A\"],\n"
            "  \"perfect_recall\": true,\n  \"perfect_information\": true,\n"
            "  \"infosets\": [\n"
            "    { \"player\": -1, \"number\": 1, \"label\": \"\", \"actions\": [\"h\", \"t\"], "
            "\"probabilities\": [\"1/3\", \"2/3\"], \"probability_values\": "
            "[0.3333333333333333, 0.6666666666666666], \"nodes\": [0] }\n  ],\n"
            "  \"outcomes\": [\n"
            "    { \"number\": 1, \"label\": \"win\", \"payoffs\": [\"1/2\"], \"values\": [0.5] }\n"
            "  ],\n"
            "  \"nodes\": [\n"
            "    { \"kind\": \"chance\", \"label\": \"root\", \"player\": -1, \"infoset\": 0, "
            "\"actions\": [\"h\", \"t\"], \"outcome\": null, \"parent\": null, "
            "\"children\": [1, 2] },\n"
            "    { \"kind\": \"terminal\", \"label\": \"\", \"player\": null, \"infoset\": null, "
            "\"actions\": [], \"outcome\": 0, \"parent\": 0, \"children\": [] },\n"
            "    { \"kind\": \"terminal\", \"label\": \"\", \"player\": null, \"infoset\": null, "
            "\"actions\": [], \"outcome\": null, \"parent\": 0, \"children\": [] }\n"
            "  ]\n}\n";
        CHECK_MSG(b.data && strcmp(b.data, want) == 0, "got:\n%s", b.data ? b.data : "");
        brink_buf_free(&b);
        brink_efg_free(e);
    }

    const char *nsrc = "NFG 1 R \"\" { \"A\" \"B\" } { 2 1 } 1 2 -1/2 0";
    brink_nfg *g = brink_nfg_read(nsrc, strlen(nsrc), "m", &err);
    CHECK(g != NULL);
    if (g) {
        brink_buf b;
        brink_buf_init(&b);
        CHECK(brink_nfg_write_json(g, &b, &err) == BRINK_OK);
        const char *want =
            "{\n  \"format\": \"brink-game\",\n  \"version\": 1,\n  \"kind\": \"nfg\",\n"
            "  \"title\": \"\",\n  \"comment\": \"\",\n  \"players\": [\n"
            "    { \"name\": \"A\", \"strategies\": [\"1\", \"2\"] },\n"
            "    { \"name\": \"B\", \"strategies\": [\"1\"] }\n  ],\n"
            "  \"cells\": [\n"
            "    { \"strategies\": [0, 0], \"payoffs\": [\"1\", \"2\"], \"values\": [1, 2] },\n"
            "    { \"strategies\": [1, 0], \"payoffs\": [\"-1/2\", \"0\"], \"values\": [-0.5, 0] }\n"
            "  ],\n  \"outcomes\": [],\n  \"cell_outcomes\": null\n}\n";
        CHECK_MSG(b.data && strcmp(b.data, want) == 0, "got:\n%s", b.data ? b.data : "");
        brink_buf_free(&b);
        brink_nfg_free(g);
    }

    /* brink_json_string: escapes, control characters, invalid UTF-8 -> U+FFFD. */
    brink_buf b;
    brink_buf_init(&b);
    brink_json_string(&b, "a\"b\\c\n\t\x01\xC3\xA9\xFF\xE2\x82");
    CHECK_STR(b.data, "\"a\\\"b\\\\c\\n\\t\\u0001\xC3\xA9\\ufffd\\ufffd\\ufffd\"");
    brink_buf_reset(&b);
    brink_json_string(&b, NULL);
    CHECK_STR(b.data, "\"\"");
    brink_buf_free(&b);
}

int main(void)
{
    test_data_games();
    test_efg_text();
    test_nfg_text();
    test_built();
    test_label_rules();
    test_writer_renumbers();
    test_json();
    return check_finish();
}
