/* html.h — shared pieces of the HTML reports (html_page.c): escaping, the page's head and
 * tail, the inlined chart scripts and driver, the tree section. */
#ifndef BRINK_REPORT_HTML_H
#define BRINK_REPORT_HTML_H

#include "brink/report.h"

void html_text(brink_buf *out, const char *s);          /* escaped text */
void html_buf(brink_buf *out, const brink_buf *b);      /* escaped text of a buffer */
void html_json(brink_buf *out, const char *json, size_t len);
void html_head(brink_buf *out, const char *title);
void html_scripts(brink_buf *out, const brink_html_assets *as, int ncharts);
void html_tree(brink_buf *out, const brink_html_assets *as);
void html_tail(brink_buf *out);
/* The Monte Carlo section (r NULL: a note that it was not computed; from: the database it
 * was read from, or NULL); its charts are spec<first_chart>... Returns the charts written. */
int html_montecarlo(brink_buf *out, const struct brink_mc_result *r, const char *from,
                    int first_chart);
/* Its compared options and sensitivity, when r has them (html_mc_compare.c). */
int html_mc_compare(brink_buf *out, const struct brink_mc_result *r, int first_chart);
/* The forecast section (html_forecast.c) when a->forecast is set: one chart per issue,
 * spec<first_chart>...; returns the charts written. */
int html_forecast(brink_buf *out, const brink_analysis *a, int first_chart);
/* The tournament section (html_tournament.c) when as->tournament is set: one chart,
 * spec<first_chart>; returns the charts written (0 or 1). */
int html_tournament(brink_buf *out, const brink_html_assets *as, int first_chart);

#endif
