/* csv.c — forecast data in the published data sets' CSV layout: one row per actor with its
 * name, capability, then a position and a salience per issue. Every error is located
 * (file:line:column of the offending cell). Quoting is not part of the layout and is refused
 * rather than half-supported.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/unicode.h"
#include "forecast/forecast_int.h"

typedef struct cell {
    const char *s;
    size_t n;
    int col;
} cell;

typedef struct csv_line {
    const char *s;
    size_t n;
    int lineno;
} csv_line;

/* Split one line into trimmed cells; returns the count, or -1 for a quote and -2 for a
 * control character (NUL included: names and numbers are text) at *badcol. */
static int split(const csv_line *l, cell *out, int max, int *badcol)
{
    int nc = 0;
    size_t a = 0;
    for (size_t i = 0; i <= l->n; i++) {
        unsigned char ch = i < l->n ? (unsigned char)l->s[i] : 0;
        if (i < l->n && (ch == '"' || (ch < 0x20 && ch != '\t') || ch == 0x7f)) {
            *badcol = (int)i + 1;
            return ch == '"' ? -1 : -2;
        }
        if (i == l->n || l->s[i] == ',') {
            size_t b = a, e = i;
            while (b < e && isspace((unsigned char)l->s[b])) b++;
            while (e > b && isspace((unsigned char)l->s[e - 1])) e--;
            if (nc < max) out[nc] = (cell){l->s + b, e - b, (int)b + 1};
            nc++;
            a = i + 1;
        }
    }
    return nc;
}

static int is_blank_or_comment(const csv_line *l)
{
    size_t i = 0;
    while (i < l->n && isspace((unsigned char)l->s[i])) i++;
    return i == l->n || l->s[i] == '#';
}

static int cell_is(const cell *c, const char *w)
{
    return c->n == strlen(w) && !strncasecmp(c->s, w, c->n);
}

static int ends_with(const cell *c, const char *w)
{
    size_t m = strlen(w);
    return c->n >= m && !strncasecmp(c->s + c->n - m, w, m);
}

/* 1 for a finite double in *v; 0 for text that is not a number (inf and nan included);
 * -1 for a well-formed number beyond double range (1e400), -2 for one too close to 0 (1e-400),
 * -3 out of memory. A number is read whole however many digits it is written with. */
static int number(const cell *c, double *v)
{
    if (c->n == 0) return 0;
    char small[64], *buf = c->n < sizeof small ? small : malloc(c->n + 1);
    if (!buf) return -3;
    memcpy(buf, c->s, c->n);
    buf[c->n] = 0;
    char *end;
    errno = 0;
    *v = strtod(buf, &end);
    int r = (*end != 0 || end == buf) ? 0
            : errno == ERANGE        ? (isinf(*v) ? -1 : -2)
                                     : errno == 0 && isfinite(*v);
    if (buf != small) free(buf);
    return r;
}

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

brink_status brink_forecast_read_csv(const char *text, size_t len, const char *file,
                                     brink_forecast_input *out, brink_error *err)
{
    brink_forecast_input_init(out);
    /* UTF-8 text: names are printed and compared as text */
    long nonutf8 = br_utf8_invalid_at(text, len);
    if (nonutf8 >= 0) {
        int line = 1;
        size_t start = 0;
        for (size_t i = 0; i < (size_t)nonutf8; i++)
            if (text[i] == '\n') {
                line++;
                start = i + 1;
            }
        return brink_error_set_at(err, BRINK_ESYNTAX, file, line,
                                  (int)((size_t)nonutf8 - start) + 1,
                                  "byte 0x%02X is not valid UTF-8 (CSV files are UTF-8 text)",
                                  (unsigned)(unsigned char)text[nonutf8]);
    }
    /* Lines. */
    size_t nl = 1;
    for (size_t i = 0; i < len; i++) nl += text[i] == '\n';
    csv_line *lines = brink_calloc(nl, sizeof *lines);
    if (!lines) return brink_error_set(err, BRINK_ENOMEM, "out of memory reading CSV");
    size_t m = 0, a = 0;
    for (size_t i = 0; i <= len; i++)
        if (i == len || text[i] == '\n') {
            size_t e = i;
            if (e > a && text[e - 1] == '\r') e--;
            lines[m] = (csv_line){text + a, e - a, (int)m + 1};
            m++;
            a = i + 1;
        }
    brink_status st = BRINK_OK;
    double lo = 0, hi = 100;
    size_t h = 0;
    cell *cells = NULL;
    /* Comments before the header; "#scale LO HI" sets the scale. */
    for (; h < m && is_blank_or_comment(&lines[h]); h++) {
        const csv_line *l = &lines[h];
        const char *p = memchr(l->s, '#', l->n);
        if (p && (size_t)(l->s + l->n - p) > 6 && !strncmp(p, "#scale", 6)) {
            size_t k = (size_t)(l->s + l->n - p) - 6;
            char *buf = dup_n(p + 6, k);   /* the whole rest of the line */
            if (!buf) {
                st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
                goto done;
            }
            char *e1, *e2;
            lo = strtod(buf, &e1);
            hi = strtod(e1, &e2);
            while (*e2 && isspace((unsigned char)*e2)) e2++;
            int ok = !(e1 == buf || e2 == e1 || *e2 || !isfinite(lo) || !isfinite(hi) || !(lo < hi));
            free(buf);
            if (!ok) {
                st = brink_error_set_at(err, BRINK_ESYNTAX, file, l->lineno, (int)(p - l->s) + 1,
                                        "'#scale LO HI' needs two numbers with LO < HI");
                goto done;
            }
        }
    }
    if (h == m) {
        st = brink_error_set_at(err, BRINK_ESYNTAX, file, (int)m, 1,
                                "no header row: expected 'actor,capability,position,salience'");
        goto done;
    }
    int maxc = 2 + 2 * BRINK_FORECAST_MAX_ISSUES + 1;
    cells = brink_calloc((size_t)maxc, sizeof *cells);
    if (!cells) {
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory reading CSV");
        goto done;
    }
    int bad = 0;
    int nh = split(&lines[h], cells, maxc, &bad);
    if (nh < 0) {
        st = brink_error_set_at(err, BRINK_ESYNTAX, file, lines[h].lineno, bad,
                                nh == -1 ? "quoted fields are not supported" : "a control character in the header");
        goto done;
    }
    if (nh < 4 || !cell_is(&cells[0], "actor") || !cell_is(&cells[1], "capability")) {
        st = brink_error_set_at(err, BRINK_ESYNTAX, file, lines[h].lineno, 1,
                                "the header must start 'actor,capability' and give a position and a "
                                "salience column per issue");
        goto done;
    }
    if (nh % 2 || nh > maxc - 1) {
        st = brink_error_set_at(err, BRINK_ESYNTAX, file, lines[h].lineno, cells[nh < maxc ? nh - 1 : maxc - 1].col,
                                "after 'actor,capability' the columns come in pairs: position, salience "
                                "(at most %d issues)", BRINK_FORECAST_MAX_ISSUES);
        goto done;
    }
    int D = (nh - 2) / 2;
    for (int k = 0; k < D; k++) {
        cell *p = &cells[2 + 2 * k], *s = &cells[3 + 2 * k];
        if (!ends_with(p, "position")) {
            st = brink_error_set_at(err, BRINK_ESYNTAX, file, lines[h].lineno, p->col,
                                    "column %d should be a position ('position' or '<issue> position')", 3 + 2 * k);
            goto done;
        }
        if (!ends_with(s, "salience")) {
            st = brink_error_set_at(err, BRINK_ESYNTAX, file, lines[h].lineno, s->col,
                                    "column %d should be a salience ('salience' or '<issue> salience')", 4 + 2 * k);
            goto done;
        }
    }
    int nrows = 0;
    for (size_t i = h + 1; i < m; i++) nrows += !is_blank_or_comment(&lines[i]);
    if (nrows < 2) {
        st = brink_error_set_at(err, BRINK_EINVALID, file, lines[h].lineno, 1,
                                "a forecast needs at least 2 actors (rows after the header), found %d", nrows);
        goto done;
    }
    if (nrows > BRINK_FORECAST_MAX_ACTORS) {
        st = brink_error_set_at(err, BRINK_ETOOBIG, file, lines[h].lineno, 1,
                                "more than %d actors", BRINK_FORECAST_MAX_ACTORS);
        goto done;
    }
    if ((st = brink_forecast_input_alloc(out, nrows, D, err))) goto done;
    /* Issue names from the header ("denuclearisation position" -> "denuclearisation"). */
    for (int k = 0; k < D; k++) {
        cell *p = &cells[2 + 2 * k];
        size_t n = p->n - strlen("position");
        while (n > 0 && (isspace((unsigned char)p->s[n - 1]) || p->s[n - 1] == '_' || p->s[n - 1] == ':')) n--;
        out->issue[k] = n ? dup_n(p->s, n) : malloc(16);
        if (!out->issue[k]) {
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory reading CSV");
            goto done;
        }
        if (!n) snprintf(out->issue[k], 16, "issue %d", k + 1);
        out->lo[k] = lo;
        out->hi[k] = hi;
    }
    /* Rows; the cells of saliences are kept for a located error after the percent rule. */
    int *scol = brink_calloc((size_t)nrows * D, sizeof(int));
    int *sline = brink_calloc((size_t)nrows, sizeof(int));
    if (!scol || !sline) {
        free(scol);
        free(sline);
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory reading CSV");
        goto done;
    }
    int r = 0;
    for (size_t i = h + 1; i < m && !st; i++) {
        const csv_line *l = &lines[i];
        if (is_blank_or_comment(l)) continue;
        int nc = split(l, cells, maxc, &bad);
        if (nc < 0) {
            st = brink_error_set_at(err, BRINK_ESYNTAX, file, l->lineno, bad,
                                    nc == -1 ? "quoted fields are not supported" : "a control character in a field");
            break;
        }
        if (nc != nh) {
            st = brink_error_set_at(err, BRINK_ESYNTAX, file, l->lineno, nc > nh ? cells[nh].col : (int)l->n + 1,
                                    "%d fields, the header has %d", nc, nh);
            break;
        }
        if (!cells[0].n) {
            st = brink_error_set_at(err, BRINK_ESYNTAX, file, l->lineno, cells[0].col, "empty actor name");
            break;
        }
        if (!(out->actor[r] = dup_n(cells[0].s, cells[0].n))) {
            st = brink_error_set(err, BRINK_ENOMEM, "out of memory reading CSV");
            break;
        }
        /* the same name twice, also when typed with different but canonically equivalent
         * code points (a precomposed é and e + U+0301) */
        for (int j = 0; j < r && !st; j++) {
            int same = br_names_equal(out->actor[j], out->actor[r]);
            if (same < 0)
                st = brink_error_set(err, BRINK_ENOMEM, "out of memory reading CSV");
            else if (same)
                st = brink_error_set_at(err, BRINK_EINVALID, file, l->lineno, cells[0].col,
                                        "actor '%s' is listed twice (first on line %d%s)", out->actor[r],
                                        sline[j], strcmp(out->actor[j], out->actor[r])
                                                      ? ", written with other but equivalent Unicode characters"
                                                      : "");
        }
        if (st) {
            free(out->actor[r]);
            out->actor[r] = NULL;
            break;
        }
        sline[r] = l->lineno;
        for (int c = 1; c < nc && !st; c++) {
            double v;
            int got = number(&cells[c], &v);
            if (got <= 0) {
                /* the cell's first 40 bytes (a whole character), "..." when longer */
                int w = (int)(cells[c].n > 40 ? br_utf8_prefix(cells[c].s, 40) : cells[c].n);
                const char *more = (size_t)w < cells[c].n ? "..." : "";
                if (got == -3)
                    st = brink_error_set(err, BRINK_ENOMEM, "out of memory");
                else if (got < 0)
                    st = brink_error_set_at(err, BRINK_EINVALID, file, l->lineno, cells[c].col,
                                            got == -1 ? "'%.*s%s' is beyond the range of "
                                                        "doubles (about 1.8e308 in size)"
                                                      : "'%.*s%s' is nonzero but too close to 0 "
                                                        "for a double (below about 2.2e-308)",
                                            w, cells[c].s, more);
                else
                    st = brink_error_set_at(err, BRINK_ESYNTAX, file, l->lineno, cells[c].col,
                                            "'%.*s%s' is not a number", w, cells[c].s, more);
                break;
            }
            int k = (c - 2) / 2;
            if (c == 1) {
                if (v < 0) st = brink_error_set_at(err, BRINK_EINVALID, file, l->lineno, cells[c].col,
                                                   "capability %g is negative", v);
                else if (v > 1e12)   /* as in the YAML section: sums of them stay finite */
                    st = brink_error_set_at(err, BRINK_EINVALID, file, l->lineno, cells[c].col,
                                            "capability %g is above 1e12 (capabilities are "
                                            "relative: rescale them)", v);
                out->capability[r] = v;
            } else if (c % 2 == 0) {
                if (v < lo || v > hi)
                    st = brink_error_set_at(err, BRINK_EINVALID, file, l->lineno, cells[c].col,
                                            "position %g is off the scale [%g, %g] (set it with '#scale LO HI')",
                                            v, lo, hi);
                out->position[(size_t)r * D + k] = v;
            } else {
                if (v < 0 || v > 100)
                    st = brink_error_set_at(err, BRINK_EINVALID, file, l->lineno, cells[c].col,
                                            "salience %g is not in [0, 1] (or [0, 100] as percent)", v);
                out->salience[(size_t)r * D + k] = v;
                scol[(size_t)r * D + k] = cells[c].col;
            }
        }
        r++;
    }
    if (!st) {
        double cap = 0;
        for (int i = 0; i < nrows; i++) cap += out->capability[i];
        if (!(cap > 0))
            st = brink_error_set_at(err, BRINK_EINVALID, file, lines[h].lineno, 1,
                                    "every actor has capability 0");
        for (int k = 0; k < D && !st; k++) {
            int weighed = 0;
            for (int i = 0; i < nrows; i++)
                weighed |= out->capability[i] > 0 && out->salience[(size_t)i * D + k] > 0;
            if (!weighed)   /* the weighted median and mean would be 0/0 */
                st = brink_error_set_at(err, BRINK_EINVALID, file, lines[h].lineno, 1,
                                        "issue %d: no actor has both capability and salience "
                                        "above 0, so nobody weighs on it", k + 1);
        }
    }
    /* Percent rule per issue: any salience above 1 means the issue's column is in percent.
     * The first actor with one above 1 is kept: the outputs say which column was rescaled
     * and why (one typo such as 1.5 among fractions rescales the whole column). */
    if (!st && !(out->salience_percent = brink_calloc((size_t)D, sizeof(int))))
        st = brink_error_set(err, BRINK_ENOMEM, "out of memory reading CSV");
    for (int k = 0; k < D && !st; k++) {
        int pct = -1;
        for (int i = 0; i < nrows && pct < 0; i++)
            if (out->salience[(size_t)i * D + k] > 1) pct = i;
        out->salience_percent[k] = pct;
        if (pct >= 0)
            for (int i = 0; i < nrows; i++) out->salience[(size_t)i * D + k] /= 100.0;
        (void)scol;
    }
    free(scol);
    free(sline);
done:
    free(cells);
    free(lines);
    if (st) brink_forecast_input_free(out);
    return st;
}
