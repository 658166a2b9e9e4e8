/* report_assets.h — what `brink report` and `brink plot` hand the library's HTML writers:
 * the chart bundles embedded at build time (CMakeLists.txt, web/), the tree laid out by the
 * Graphviz `dot` program, and a headless Chromium to turn one figure into SVG or PNG. */
#ifndef BRINK_CLI_REPORT_ASSETS_H
#define BRINK_CLI_REPORT_ASSETS_H

#include "brink/report.h"

/* The embedded bundles (vega, vega-lite, vega-embed), held by the caller. */
typedef struct report_bundles {
    const char *script[3];
    size_t len[3];
} report_bundles;

/* Fill b and point the script fields of as at it; 0 when the binary was built without the
 * bundles (then err says how to get them). */
int report_scripts(report_bundles *b, brink_html_assets *as, brink_error *err);

/* Run `dot -T<format>` on dot text; the output in *out. BRINK_EIO with the reason when dot
 * is missing or fails. */
brink_status report_run_dot(const char *dot, size_t len, const char *format, brink_buf *out,
                            brink_error *err);

/* Lay out g with view v as SVG and fill as's tree fields (tree_svg owned by *svg; note
 * owned by *note). A refusal (too big, no dot) becomes a note, not an error; only
 * BRINK_ENOMEM is returned. */
brink_status report_tree(const brink_efg *g, brink_tree_view *v, brink_html_assets *as,
                         brink_buf *svg, brink_buf *note, brink_error *err);

/* Render the single-figure page `html` with headless Chromium to an SVG (the figure's own
 * SVG, taken from the page) or a PNG screenshot. */
brink_status report_render_figure(const brink_buf *html, const char *format, const char *path,
                                  brink_error *err);

#endif
