/* test_io_corpus.c — every game in Gambit's contrib collection reads, writes back and
 * re-reads to the same game; action-graph games are refused as unsupported.
 *
 * The collection lives outside the repository (GPL data): $BRINK_GAMBIT_CONTRIB, else
 * $BRINK_SOURCE_DIR/../shared/games/gambit-contrib. When absent the test prints SKIP and
 * passes.
 *
 * Gambit 17 rejects eight of these files because labels repeat (node labels: 4cards, caro2,
 * e10, e10a, nim, nim7; infoset labels of one player, chance included: coord2ts, holdout).
 * brink accepts them, as older Gambit did: labels are names for people, while brink
 * identifies nodes by position and infosets by (player, number). The test checks that
 * exactly those files have repeated labels, so the list stays true.
 */
#include "test_io_common.h"

static const char *const legacy_node_dups[] = {"4cards.efg", "caro2.efg", "e10.efg",
                                               "e10a.efg", "nim.efg", "nim7.efg"};
static const char *const legacy_iset_dups[] = {"coord2ts.efg", "holdout.efg"};

static int in_list(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, list[i]) == 0)
            return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Does some non-empty label occur twice among labels[0..n-1]? */
static int has_dup(const char **labels, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (labels[i][0])
            labels[k++] = labels[i];
    qsort(labels, k, sizeof *labels, cmp_str);
    for (size_t i = 1; i < k; i++)
        if (strcmp(labels[i - 1], labels[i]) == 0)
            return 1;
    return 0;
}

static int dup_node_labels(const brink_efg *e)
{
    const char **l = malloc(sizeof *l * (size_t)e->nnodes);
    if (!l)
        return -1;
    for (int v = 0; v < e->nnodes; v++)
        l[v] = e->node_label[v];
    int d = has_dup(l, (size_t)e->nnodes);
    free(l);
    return d;
}

static int dup_infoset_labels(const brink_efg *e)
{
    const char **l = malloc(sizeof *l * (size_t)(e->ninfosets + 1));
    if (!l)
        return -1;
    int d = 0;
    for (int p = 0; p <= e->nplayers && !d; p++) { /* p == nplayers: chance */
        size_t k = 0;
        for (int h = e->player_infoset_start[p]; h < e->player_infoset_start[p + 1]; h++)
            l[k++] = e->infoset_label[h];
        d = has_dup(l, k);
    }
    free(l);
    return d;
}

int main(void)
{
    char dir[2048];
    const char *env = getenv("BRINK_GAMBIT_CONTRIB");
    if (env && *env)
        snprintf(dir, sizeof dir, "%s", env);
    else
        snprintf(dir, sizeof dir, "%s/../shared/games/gambit-contrib", check_source_dir());
    size_t count;
    char **names = io_list_dir(dir, &count);
    if (!names) {
        printf("SKIP: Gambit contrib games not found at %s (set BRINK_GAMBIT_CONTRIB)\n", dir);
        return check_finish();
    }
    int nread = 0, nunsupported = 0, nlegacy = 0;
    for (size_t i = 0; i < count; i++) {
        const char *name = names[i];
        int agg = io_ends_with(name, ".agg") || io_ends_with(name, ".bagg");
        if (!agg && !io_ends_with(name, ".efg") && !io_ends_with(name, ".nfg"))
            continue;
        char path[4096], why[256] = "";
        snprintf(path, sizeof path, "%s/%s", dir, name);
        brink_game g;
        brink_error err;
        brink_error_clear(&err);
        brink_status st = brink_game_read_file(path, &g, &err);
        if (agg) {
            CHECK_MSG(st == BRINK_EUNSUPPORTED, "%s: %s", name, err.message);
            CHECK(strstr(err.message, "unsupported format") != NULL);
            printf("%-28s unsupported (%s)\n", name, err.message);
            nunsupported++;
            continue;
        }
        if (st != BRINK_OK) {
            CHECK_MSG(0, "%s:%d:%d: %s", name, err.line, err.column, err.message);
            printf("%-28s FAILED %d:%d: %s\n", name, err.line, err.column, err.message);
            continue;
        }
        nread++;
        int rt = io_roundtrip(&g, name, why, sizeof why);
        CHECK_MSG(rt, "%s: %s", name, why);

        brink_buf js;
        brink_buf_init(&js);
        st = g.kind == BRINK_GAME_NFG ? brink_nfg_write_json(g.nfg, &js, &err)
                                      : brink_efg_write_json(g.efg, &js, &err);
        CHECK_MSG(st == BRINK_OK && js.data && io_json_well_formed(js.data), "%s: JSON", name);
        brink_buf_free(&js);

        char note[128] = "";
        if (g.kind == BRINK_GAME_EFG) {
            const brink_efg *e = g.efg;
            int dn = dup_node_labels(e), di = dup_infoset_labels(e);
            int ln = in_list(name, legacy_node_dups,
                             sizeof legacy_node_dups / sizeof legacy_node_dups[0]);
            int li = in_list(name, legacy_iset_dups,
                             sizeof legacy_iset_dups / sizeof legacy_iset_dups[0]);
            CHECK_MSG(dn == ln, "%s: repeated node labels: %d, listed: %d", name, dn, ln);
            CHECK_MSG(di == li, "%s: repeated infoset labels: %d, listed: %d", name, di, li);
            if (dn || di) {
                nlegacy++;
                snprintf(note, sizeof note, "  [accepted; Gambit 17 rejects: repeated %s labels]",
                         dn ? "node" : "infoset");
            }
            printf("%-28s efg %d players %6d nodes %5d infosets %s recall%s  %s%s\n", name,
                   e->nplayers, e->nnodes, e->ninfosets, e->perfect_recall ? "perfect" : "IMPERFECT",
                   e->perfect_info ? ", perfect info" : "", rt ? "round-trip ok" : why, note);
        } else {
            const brink_nfg *n = g.nfg;
            char dims[128] = "";
            size_t o = 0;
            for (int p = 0; p < n->nplayers && o + 12 < sizeof dims; p++)
                o += (size_t)snprintf(dims + o, sizeof dims - o, "%s%d", p ? "x" : "",
                                      n->nstrats[p]);
            printf("%-28s nfg %d players %-12s %s version  %s\n", name, n->nplayers, dims,
                   n->cell_outcome ? "outcome" : "payoff", rt ? "round-trip ok" : why);
        }
        brink_game_free(&g);
    }
    printf("corpus: %d games read and round-tripped (%d with repeated labels), %d "
           "action-graph games refused\n", nread, nlegacy, nunsupported);
    CHECK(nread >= 100);
    CHECK_EQ_INT(nlegacy, 8);
    io_free_list(names, count);
    return check_finish();
}
