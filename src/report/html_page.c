/* html_page.c — the frame every HTML report shares: head with styles (light and dark follow
 * the reader's setting; print styles), escaping, the chart scripts inlined and the small
 * driver that draws each figure from its Vega-Lite spec, and the tree's SVG. The pages
 * themselves are made in html.c (an analysis) and html_game.c (a game file).
 */
#include <string.h>

#include "report/html.h"

void html_text(brink_buf *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': brink_buf_puts(out, "&lt;"); break;
        case '>': brink_buf_puts(out, "&gt;"); break;
        case '&': brink_buf_puts(out, "&amp;"); break;
        case '"': brink_buf_puts(out, "&quot;"); break;
        default: brink_buf_append(out, s, 1);
        }
    }
}

void html_buf(brink_buf *out, const brink_buf *b)
{
    if (b->failed)
        out->failed = 1;
    html_text(out, b->failed || !b->data ? "" : b->data);
}

static const char *const style =
    ":root{color-scheme:light dark;--fg:#1b1b1b;--bg:#ffffff;--muted:#5a5a5a;--rule:#d0d0d0;"
    "--panel:#f5f5f5;--accent:#0072B2}\n"
    "@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#161616;--muted:#a8a8a8;"
    "--rule:#3a3a3a;--panel:#202020;--accent:#56B4E9}}\n"
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--fg);"
    "background:var(--bg);max-width:1100px;margin:0 auto;padding:1.5rem}\n"
    "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;border-bottom:1px solid var(--rule);"
    "padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem}\n"
    ".muted{color:var(--muted)}a{color:var(--accent)}\n"
    "table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border-bottom:1px solid var(--rule);"
    "padding:.25rem .6rem;text-align:left;vertical-align:top}td.num{text-align:right;"
    "font-variant-numeric:tabular-nums}\n"
    "pre.words{white-space:pre-wrap;background:var(--panel);padding:.8rem;border-radius:4px;"
    "font-size:13px}\n"
    "figure{margin:1rem 0;padding:.5rem;background:var(--panel);border-radius:4px;break-inside:avoid}"
    ".chart{width:100%}figcaption{font-size:.9rem;color:var(--muted)}\n"
    ".tree{overflow:auto;background:#ffffff;border-radius:4px;padding:.5rem;max-height:80vh}"
    ".tree svg{max-width:none;height:auto}\n"
    ".note{border-left:4px solid var(--accent);padding:.3rem .8rem;background:var(--panel)}\n"
    "@media print{body{max-width:none;padding:0;font-size:11pt;color:#000;background:#fff}"
    "details{display:block}details>summary{display:none}.tree{max-height:none;overflow:visible}"
    "figure,table{break-inside:avoid}h2{break-after:avoid}}\n";

void html_head(brink_buf *out, const char *title)
{
    brink_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<meta name=\"generator\" content=\"brink\">\n<title>");
    html_text(out, title);
    brink_buf_puts(out, "</title>\n<style>\n");
    brink_buf_puts(out, style);
    brink_buf_puts(out, "</style>\n</head>\n<body>\n");
}

/* JSON inside <script type="application/json">: '<' only occurs inside JSON strings, where
 * \u003c means the same and cannot close the element. */
void html_json(brink_buf *out, const char *json, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (json[i] != '<')
            continue;
        brink_buf_append(out, json + start, i - start);
        brink_buf_puts(out, "\\u003c");
        start = i + 1;
    }
    brink_buf_append(out, json + start, len - start);
}

/* A script inlined as it is, except that a source-map comment is neutralised (a page opened
 * from disk must not ask for anything) and "</script" cannot end the element early. */
static void inline_script(brink_buf *out, const char *s, size_t len)
{
    static const char map[] = "sourceMappingURL";
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '<' && i + 8 <= len && !strncmp(s + i, "</script", 8)) {
            brink_buf_append(out, s + start, i - start);
            brink_buf_puts(out, "<\\/script");
            start = i + 8;
        } else if (s[i] == 's' && i + sizeof map - 1 <= len && !strncmp(s + i, map, sizeof map - 1)) {
            brink_buf_append(out, s + start, i - start);
            brink_buf_puts(out, "source-map-removed");
            start = i + sizeof map - 1;
        }
    }
    brink_buf_append(out, s + start, len - start);
}

/* The driver: draws every <div class="chart" data-spec="ID"> from the JSON in element ID;
 * marks the body data-charts="N drawn" when done, or logs the error (the browser test fails
 * on any console error). */
static const char *const driver =
    "(function(){\n"
    "  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;\n"
    "  var els = Array.prototype.slice.call(document.querySelectorAll('div.chart[data-spec]'));\n"
    "  if (typeof vegaEmbed !== 'function') { if (els.length) console.error('brink: chart scripts missing'); return; }\n"
    "  Promise.all(els.map(function(el){\n"
    "    var spec = JSON.parse(document.getElementById(el.getAttribute('data-spec')).textContent);\n"
    "    return vegaEmbed(el, spec, {actions:false, renderer:'svg', theme: dark ? 'dark' : undefined,\n"
    "                                 config:{background:null}}).then(function(r){ el.view = r.view; });\n"
    "  })).then(function(){\n"
    "    var ex = document.getElementById('export');\n"
    "    if (ex && els.length) return els[0].view.toSVG().then(function(s){ ex.textContent = s; });\n"
    "  }).then(function(){ document.body.setAttribute('data-charts', String(els.length)); },\n"
    "           function(e){ console.error('brink: a chart failed: ' + e); });\n"
    "})();\n";

void html_scripts(brink_buf *out, const brink_html_assets *as, int ncharts)
{
    if (ncharts == 0)
        return;
    for (int i = 0; as && i < as->nscripts; i++) {
        brink_buf_puts(out, "<script>\n");
        inline_script(out, as->script[i], as->script_len[i]);
        brink_buf_puts(out, "\n</script>\n");
    }
    brink_buf_puts(out, "<script>\n");
    brink_buf_puts(out, driver);
    brink_buf_puts(out, "</script>\n");
}

/* The tree: the SVG from its <svg element on (dot's XML prolog and doctype dropped). */
void html_tree(brink_buf *out, const brink_html_assets *as)
{
    brink_buf_puts(out, "<section id=\"tree\"><h2>Game tree</h2>\n");
    if (as && as->tree_note) {
        brink_buf_puts(out, "<p class=\"note\">");
        html_text(out, as->tree_note);
        brink_buf_puts(out, "</p>\n");
    }
    const char *svg = NULL;
    if (as && as->tree_svg) {
        for (size_t i = 0; i + 4 <= as->tree_svg_len; i++)
            if (!strncmp(as->tree_svg + i, "<svg", 4)) {
                svg = as->tree_svg + i;
                break;
            }
    }
    if (svg) {
        brink_buf_printf(out, "<p class=\"muted\">Thick dark edges: the equilibrium's path of "
                              "play; dashed: actions never taken; grey: never reached. Dashed "
                              "coloured lines join the nodes of one information set. Hover for "
                              "exact values.</p>\n<div class=\"tree\" data-nodes=\"%d\">\n",
                         as->tree_nodes);
        brink_buf_append(out, svg, as->tree_svg_len - (size_t)(svg - as->tree_svg));
        brink_buf_puts(out, "\n</div>\n");
    }
    brink_buf_puts(out, "</section>\n");
}

void html_tail(brink_buf *out)
{
    brink_buf_puts(out, "<footer class=\"muted\"><p>Made by brink. Figures drawn with Vega-Lite; "
                        "the tree laid out by Graphviz.</p></footer>\n</body>\n</html>\n");
}
