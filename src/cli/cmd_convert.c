/* cmd_convert.c — `brink convert FILE -o OUT`: efg -> nfg (reduced strategic form),
 * nfg/efg -> JSON, and re-writing a file in brink's canonical Gambit form. */
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"

static const char *ext_of(const char *p)
{
    const char *dot = strrchr(p, '.');
    return dot ? dot + 1 : "";
}

int brink_cli_convert(int argc, char **argv)
{
    const char *in = NULL, *outp = NULL, *to = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: brink convert FILE -o OUT [--to nfg|efg|json|dot]\n\n"
                   "Convert a game. The target format comes from --to or OUT's extension:\n"
                   "  .nfg   strategic form (an extensive game becomes its reduced strategic form)\n"
                   "  .efg   extensive form (only from an extensive game)\n"
                   "  .json  brink's JSON description of the game\n"
                   "  .dot   Graphviz picture of the tree (render: dot -Tsvg OUT > tree.svg)\n"
                   "OUT '-' writes to standard output.\n");
            return BRINK_EXIT_OK;
        }
        if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
            if (i + 1 >= argc) return cli_usage_error("convert", "-o needs a file name");
            outp = argv[++i];
        } else if (!strcmp(argv[i], "--to")) {
            if (i + 1 >= argc) return cli_usage_error("convert", "--to needs a format");
            to = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error("convert", "unknown option '%s'", argv[i]);
        } else if (in) {
            return cli_usage_error("convert", "one input file at a time");
        } else {
            in = argv[i];
        }
    }
    if (!in) return cli_usage_error("convert", "missing FILE");
    if (!outp) return cli_usage_error("convert", "missing -o OUT");
    if (!to) to = ext_of(outp);
    if (strcmp(to, "nfg") && strcmp(to, "efg") && strcmp(to, "json") && strcmp(to, "dot"))
        return cli_usage_error("convert", "unknown target format '%s' (nfg, efg, json or dot)", to);
    brink_game g;
    int rc = cli_load_game(in, &g);
    if (rc) return rc;
    brink_error err;
    brink_error_clear(&err);
    brink_buf out;
    brink_buf_init(&out);
    brink_status st = BRINK_OK;
    brink_nfg *reduced = NULL;
    if (!strcmp(to, "efg")) {
        if (g.kind != BRINK_GAME_EFG)
            st = brink_error_set(&err, BRINK_EUNSUPPORTED,
                                 "a strategic game has no unique extensive form; convert to nfg or json");
        else st = brink_efg_write(g.efg, &out, &err);
    } else if (!strcmp(to, "nfg")) {
        if (g.kind == BRINK_GAME_EFG) {
            reduced = brink_efg_to_nfg(g.efg, NULL, &err);
            st = reduced ? brink_nfg_write(reduced, &out, &err) : err.code;
        } else {
            st = brink_nfg_write(g.nfg, &out, &err);
        }
    } else if (!strcmp(to, "dot")) {
        if (g.kind != BRINK_GAME_EFG)
            st = brink_error_set(&err, BRINK_EUNSUPPORTED, "only extensive games have a tree to draw");
        else st = brink_efg_write_dot(g.efg, NULL, 5000, &out, &err);
    } else {
        st = g.kind == BRINK_GAME_EFG ? brink_efg_write_json(g.efg, &out, &err)
                                      : brink_nfg_write_json(g.nfg, &out, &err);
    }
    rc = st ? cli_report_in(&err, in) : cli_emit(&out, outp);
    brink_nfg_free(reduced);
    brink_buf_free(&out);
    brink_game_free(&g);
    return rc;
}
