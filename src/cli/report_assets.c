/* report_assets.c — the outside help `brink report` and `brink plot` use, kept out of the
 * library (which runs no program): the chart bundles embedded at build time, Graphviz's
 * `dot` program for the tree's layout, headless Chromium for single figures.
 *
 * Why the `dot` program and not libgvc in-process: libgvc reports errors by printing to
 * stderr through a process-wide handler and keeps plugin state per process, which the
 * library's rules (no printing, no global state) forbid; dot is already a dependency
 * (scripts/deps.sh), runs in a separate process (a crash or a hang on a huge graph cannot
 * take brink down) and is the same layout engine. Files pass through mkstemp temporaries;
 * programs are started with posix_spawnp (no shell, so no quoting of paths).
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/report_assets.h"

extern char **environ;

#ifdef BRINK_HAVE_WEB
extern const unsigned char brink_web_vega[], brink_web_vega_lite[], brink_web_vega_embed[];
extern const unsigned long brink_web_vega_len, brink_web_vega_lite_len, brink_web_vega_embed_len;
#endif

int report_scripts(report_bundles *b, brink_html_assets *as, brink_error *err)
{
#ifdef BRINK_HAVE_WEB
    b->script[0] = (const char *)brink_web_vega;
    b->script[1] = (const char *)brink_web_vega_lite;
    b->script[2] = (const char *)brink_web_vega_embed;
    b->len[0] = brink_web_vega_len;
    b->len[1] = brink_web_vega_lite_len;
    b->len[2] = brink_web_vega_embed_len;
    as->nscripts = 3;
    as->script = b->script;
    as->script_len = b->len;
    return 1;
#else
    (void)b;
    as->nscripts = 0;
    brink_error_set(err, BRINK_EUNSUPPORTED,
                    "this brink was built without the chart bundles (web/node_modules): run "
                    "scripts/deps.sh (it runs npm ci in web/), then rebuild");
    return 0;
#endif
}

/* A private temporary directory (mkdtemp) for the files passed to a program. */
static char *path_join(const char *dir, const char *name);

/* A fresh temporary directory under $TMPDIR (or /tmp), its path malloc'd into *name: as long
 * as TMPDIR is. */
static brink_status temp_dir(char **name, brink_error *err)
{
    const char *dir = getenv("TMPDIR");
    *name = path_join(dir && dir[0] ? dir : "/tmp", "brink-XXXXXX");
    if (!*name)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (!mkdtemp(*name)) {
        free(*name);
        *name = NULL;
        return brink_error_set(err, BRINK_EIO, "cannot create a temporary directory: %s",
                               strerror(errno));
    }
    return BRINK_OK;
}

/* dir/name in malloc'd memory; NULL out of memory (or when dir is NULL). */
static char *path_join(const char *dir, const char *name)
{
    if (!dir)
        return NULL;
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (p) {
        memcpy(p, dir, a);
        p[a] = '/';
        memcpy(p + a + 1, name, b + 1);
    }
    return p;
}

/* Run argv (PATH lookup), stdout to out_path when not NULL, stderr discarded; the exit
 * status, or -1 when it could not start. */
static int run(char *const argv[], const char *out_path)
{
    posix_spawn_file_actions_t fa;
    if (posix_spawn_file_actions_init(&fa) != 0)
        return -1;
    if (out_path)
        posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return -1;
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static brink_status read_file(const char *path, brink_buf *out, brink_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return brink_error_set(err, BRINK_EIO, "cannot read %s", path);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        brink_buf_append(out, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad)
        return brink_error_set(err, BRINK_EIO, "cannot read %s", path);
    return out->failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory") : BRINK_OK;
}

brink_status report_run_dot(const char *dot, size_t len, const char *format, brink_buf *out,
                            brink_error *err)
{
    char *dir = NULL;
    brink_status st = temp_dir(&dir, err);
    if (st)
        return st;
    char *in = path_join(dir, "tree.dot"), *res = path_join(dir, "tree.out");
    brink_buf fmt;   /* "-T" and the format */
    brink_buf_init(&fmt);
    brink_buf_printf(&fmt, "-T%s", format);
    if (!in || !res || fmt.failed) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    FILE *f = fopen(in, "wb");
    if (!f || fwrite(dot, 1, len, f) != len || fclose(f) != 0) {
        if (f)
            fclose(f);
        st = brink_error_set(err, BRINK_EIO, "cannot write %s", in);
    } else {
        const char *dotprog = getenv("BRINK_DOT");
        char *argv[] = {(char *)(dotprog && dotprog[0] ? dotprog : "dot"), fmt.data, "-o", res,
                        in, NULL};
        int rc = run(argv, NULL);
        if (rc < 0)
            st = brink_error_set(err, BRINK_EIO, "cannot run Graphviz '%s' (install graphviz: "
                                 "scripts/deps.sh)", argv[0]);
        else if (rc != 0)
            st = brink_error_set(err, BRINK_EIO, "Graphviz '%s' failed (exit %d)", argv[0], rc);
        else
            st = read_file(res, out, err);
    }
out:
    if (in)
        remove(in);
    if (res)
        remove(res);
    rmdir(dir);
    free(in);
    free(res);
    free(dir);
    brink_buf_free(&fmt);
    return st;
}

brink_status report_tree(const brink_efg *g, brink_tree_view *v, brink_html_assets *as,
                         brink_buf *svg, brink_buf *note, brink_error *err)
{
    brink_buf dot;
    brink_buf_init(&dot);
    brink_error local;
    brink_error_clear(&local);
    brink_status st = brink_tree_write_dot(g, v, &dot, &local);
    if (!st)
        st = report_run_dot(dot.data, dot.len, "svg", svg, &local);
    brink_buf_free(&dot);
    if (st == BRINK_ENOMEM)
        return brink_error_set(err, BRINK_ENOMEM, "out of memory");
    if (st) {
        brink_buf_printf(note, "The tree is not drawn: %s.", local.message);
    } else {
        as->tree_svg = svg->data;
        as->tree_svg_len = svg->len;
        as->tree_nodes = v->drawn;
        if (v->collapsed)
            brink_buf_printf(note, "The tree has %d nodes; shown are the equilibrium's path and "
                                   "the siblings along it (%d nodes drawn); each unreached "
                                   "sibling's subtree is one box.", g->nnodes, v->drawn);
    }
    if (note->len)
        as->tree_note = note->data;
    return note->failed || svg->failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory")
                                       : BRINK_OK;
}

/* The text of <pre id="export"> in a dumped DOM, entities undone (a text node's
 * serialisation escapes only &, <, > and no-break spaces). */
static brink_status export_svg(const brink_buf *dom, brink_buf *svg, brink_error *err)
{
    const char *s = dom->data ? strstr(dom->data, "<pre id=\"export\" hidden=\"\">") : NULL;
    const char *e = s ? strstr(s, "</pre>") : NULL;
    if (!s || !e)
        return brink_error_set(err, BRINK_EIO, "the browser did not draw the figure");
    s = strchr(s, '>') + 1;
    if (s == e)
        return brink_error_set(err, BRINK_EIO, "the browser did not draw the figure in time");
    while (s < e) {
        if (*s == '&') {
            static const struct { const char *ent, *ch; } ents[] = {
                {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&nbsp;", "\xc2\xa0"}};
            size_t k;
            for (k = 0; k < sizeof ents / sizeof ents[0]; k++)
                if (!strncmp(s, ents[k].ent, strlen(ents[k].ent)))
                    break;
            if (k < sizeof ents / sizeof ents[0]) {
                brink_buf_puts(svg, ents[k].ch);
                s += strlen(ents[k].ent);
                continue;
            }
        }
        brink_buf_append(svg, s, 1);
        s++;
    }
    brink_buf_puts(svg, "\n");
    return svg->failed ? brink_error_set(err, BRINK_ENOMEM, "out of memory") : BRINK_OK;
}

brink_status report_render_figure(const brink_buf *html, const char *format, const char *path,
                                  brink_error *err)
{
    char *dir = NULL;
    brink_status st = temp_dir(&dir, err);
    if (st)
        return st;
    /* the browser writes its picture to png_out, then brink copies it to `path`: a path that
     * cannot be written is then an error naming it (the browser itself exits 0 without
     * writing anything) */
    char *page = path_join(dir, "figure.html"), *dump = path_join(dir, "dom.out"),
         *png_out = path_join(dir, "figure.png");
    if (!page || !dump || !png_out) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    if ((st = brink_buf_write_file(html, page, err)) != BRINK_OK)
        goto out;
    const char *chrome = getenv("BRINK_CHROMIUM");
    chrome = chrome && chrome[0] ? chrome : "chromium";
    brink_buf url, shot;
    brink_buf_init(&url);
    brink_buf_init(&shot);
    brink_buf_printf(&url, "file://%s", page);
    int png = !strcmp(format, "png");
    brink_buf_printf(&shot, "--screenshot=%s", png_out);
    if (url.failed || shot.failed) {
        brink_buf_free(&url);
        brink_buf_free(&shot);
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
        goto out;
    }
    char *argv[] = {(char *)chrome, "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--virtual-time-budget=20000",
                    "--window-size=960,640", png ? shot.data : "--dump-dom", url.data, NULL};
    int rc = run(argv, png ? NULL : dump);
    brink_buf_free(&url);
    brink_buf_free(&shot);
    if (rc < 0) {
        st = brink_error_set(err, BRINK_EIO, "cannot run '%s' to draw the figure (install "
                             "chromium, or set BRINK_CHROMIUM; `brink plot ... -o fig.json` "
                             "writes the Vega-Lite spec without a browser)", chrome);
    } else if (rc != 0) {
        st = brink_error_set(err, BRINK_EIO, "'%s' failed drawing the figure (exit %d)", chrome, rc);
    } else if (png) {
        brink_buf pic;
        brink_buf_init(&pic);
        st = access(png_out, F_OK) != 0
                 ? brink_error_set(err, BRINK_EIO, "the browser did not draw the figure")
                 : read_file(png_out, &pic, err);
        if (!st && pic.len == 0)
            st = brink_error_set(err, BRINK_EIO, "the browser did not draw the figure");
        if (!st)   /* a failure names `path` (file:0:0) */
            st = brink_buf_write_file(&pic, path, err);
        brink_buf_free(&pic);
    } else {
        brink_buf dom, svg;
        brink_buf_init(&dom);
        brink_buf_init(&svg);
        st = read_file(dump, &dom, err);
        if (!st)
            st = export_svg(&dom, &svg, err);
        if (!st)   /* a failure names `path` (file:0:0) */
            st = brink_buf_write_file(&svg, path, err);
        brink_buf_free(&dom);
        brink_buf_free(&svg);
    }
out:
    if (page)
        remove(page);
    if (dump)
        remove(dump);
    if (png_out)
        remove(png_out);
    rmdir(dir);
    free(page);
    free(dump);
    free(png_out);
    free(dir);
    return st;
}
