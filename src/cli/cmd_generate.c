/* cmd_generate.c — `brink generate KIND [KEY=VALUE ...] [--seed N] [-o FILE]`: a standard game
 * (poker, the crisis family, random and GAMUT classes) written as Gambit .efg or .nfg text.
 * The kinds and their options live in the library (brink_generate); this file only reads the
 * command line.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"

static void list_kinds(void)
{
    printf("kinds (options with their defaults):\n");
    for (int i = 0; brink_generator(i); i++) {
        const brink_generator_info *k = brink_generator(i);
        printf("  %-12s %s\n", k->name, k->summary);
        if (*k->params)
            printf("  %-12s   %s\n", "", k->params);
    }
}

static void usage(void)
{
    printf("usage: brink generate KIND [KEY=VALUE ...] [--seed N] [-o FILE]\n\n"
           "Write a standard game as Gambit text: extensive kinds as .efg, strategic kinds as\n"
           ".nfg. Random kinds are seeded (default seed 1): the same seed gives the same game.\n\n"
           "options:\n"
           "  --list              the kinds and their options\n"
           "  --seed N            the same as seed=N\n"
           "  -o, --output FILE   write there (default: standard output)\n\n"
           "example: brink generate travellers high=20 -o td.nfg\n");
}

int brink_cli_generate(int argc, char **argv)
{
    const char *kind = NULL, *outp = NULL;
    /* At most one option per argument: argc bounds the arrays. */
    const char **keys = calloc((size_t)argc + 1, sizeof *keys);
    const char **vals = calloc((size_t)argc + 1, sizeof *vals);
    char **owned = calloc((size_t)argc + 1, sizeof *owned);
    int n = 0, rc = BRINK_EXIT_OK;
    if (!keys || !vals || !owned) {
        fprintf(stderr, "brink generate: out of memory\n");
        rc = BRINK_EXIT_INTERNAL;
        goto done;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage();
            goto done;
        } else if (!strcmp(a, "--list")) {
            list_kinds();
            goto done;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output") || !strcmp(a, "--seed")) {
            if (!v) {
                rc = cli_usage_error("generate", "%s needs a value", a);
                goto done;
            }
            i++;
            if (a[2] == 's') {
                keys[n] = "seed";
                vals[n++] = v;
            } else {
                outp = v;
            }
        } else if (a[0] == '-' && a[1]) {
            rc = cli_usage_error("generate", "unknown option '%s'", a);
            goto done;
        } else if (strchr(a, '=')) {
            const char *eq = strchr(a, '=');
            owned[n] = malloc((size_t)(eq - a) + 1);
            if (!owned[n]) {
                fprintf(stderr, "brink generate: out of memory\n");
                rc = BRINK_EXIT_INTERNAL;
                goto done;
            }
            memcpy(owned[n], a, (size_t)(eq - a));
            owned[n][eq - a] = '\0';
            keys[n] = owned[n];
            vals[n++] = eq + 1;
        } else if (kind) {
            rc = cli_usage_error("generate", "one KIND at a time (got '%s' and '%s')", kind, a);
            goto done;
        } else {
            kind = a;
        }
    }
    if (!kind) {
        rc = cli_usage_error("generate", "missing KIND (brink generate --list)");
        goto done;
    }
    brink_error err;
    brink_error_clear(&err);
    brink_game g;
    if (brink_generate(kind, keys, vals, n, &g, &err)) {
        rc = cli_report(&err);
        goto done;
    }
    brink_buf out;
    brink_buf_init(&out);
    brink_status st = g.kind == BRINK_GAME_EFG ? brink_efg_write(g.efg, &out, &err)
                                               : brink_nfg_write(g.nfg, &out, &err);
    rc = st ? cli_report(&err) : cli_emit(&out, outp);
    brink_buf_free(&out);
    brink_game_free(&g);
done:
    for (int i = 0; owned && i < n; i++)
        free(owned[i]);
    free(owned);
    free(keys);
    free(vals);
    return rc;
}
