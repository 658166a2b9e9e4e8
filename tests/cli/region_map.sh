#!/usr/bin/env bash
# region_map.sh — a two-parameter sweep's region map (issue 8, item 4; src/analysis/regionmap.c):
# polygons whose vertices on each line are the exact flips there, lines added where neighbours
# disagree, and a boundary no vertical line can find (horizontal) left as an unresolved band.
# Maps of games affine in both parameters are exact (regionmap_exact.c): exact vertices in
# JSON and text; with x * y in a payoff the same map is traced, and the text says so.
source "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
D="$SRC/tests/data/thresholds"

"$BRINK" analyze "$D/map-diagonal.yaml" --json >"$TMP/diag.json" 2>"$TMP/err" && ok || bad "diagonal: $(cat "$TMP/err")"
"$PY" - "$TMP/diag.json" <<'PYEOF' && ok || bad "diagonal map"
import json, sys
a = [x for x in json.load(open(sys.argv[1]))["answers"] if "map" in x][0]
m, lines = a["map"], a["lines"]
assert len(lines) == 4 and not m["unresolved"], m        # equal neighbours: no line added
assert len(m["polygons"]) == 2, m
for p in m["polygons"]:
    v = p["vertices"]; n = len(v) // 2
    assert len(v) == 8, v
    left, right = v[:n], v[n:][::-1]                       # both bottom to top
    for (xl, yl), (xr, yr) in zip(left, right):
        assert yl == yr
        # the flip on each line is x = y exactly: the right end of "b", the left end of "a"
        assert (xr == yr and xl == 0) or (xl == yl and xr == 1), (xl, xr, yl)
    # affine payoffs: exact, the vertices as rationals on the exact lines
    assert p["exact"], p
    ys = {l["x_exact"] for l in lines}
    assert ys == {"1/8", "3/8", "5/8", "7/8"}, ys
    for xs, ye in p["vertices_exact"]:
        assert ye in ys and xs in ("0", "1", ye), (xs, ye)
PYEOF

"$BRINK" analyze "$D/map-horizontal.yaml" --json >"$TMP/hor.json" 2>"$TMP/err" && ok || bad "horizontal: $(cat "$TMP/err")"
"$PY" - "$TMP/hor.json" <<'PYEOF' && ok || bad "horizontal map"
import json, sys
a = [x for x in json.load(open(sys.argv[1]))["answers"] if "map" in x][0]
m, ys = a["map"], [l["x"] for l in a["lines"]]
assert ys == sorted(ys) and len(ys) == 7, ys              # 4 grid lines + 3 halvings
(u0, u1), = m["unresolved"]
assert u0 < 0.5 < u1 and abs((u1 - u0) - 0.3 / 8) < 1e-12, (u0, u1)
assert len(m["polygons"]) == 2
for p in m["polygons"]:
    xs = sorted({x for x, _ in p["vertices"]})
    assert xs == [0, 1], xs                                # x plays no part
    y = [y for _, y in p["vertices"]]
    assert max(y) <= u0 or min(y) >= u1                    # no polygon crosses the band
PYEOF

# the text says what is exact and what is traced
"$BRINK" analyze "$D/map-horizontal.yaml" >"$TMP/hor.txt" 2>&1
expect_grep "text: the map" "region map: 2 regions over 7 lines of y" "$TMP/hor.txt"
expect_grep "text: unresolved band" "not resolved for y between 0.4875 and 0.525" "$TMP/hor.txt"
M="$SRC/tests/data/maps"
fixed() { if grep -qF -- "$2" "$3"; then ok; else bad "$1: '$2' not in $(head -c 600 "$3")"; fi; }
"$BRINK" analyze "$M/affine-line.yaml" >"$TMP/aff.txt" 2>&1 && ok || bad "affine-line: $(cat "$TMP/aff.txt")"
fixed "text: all exact" "(every region proved exact;" "$TMP/aff.txt"
tr '\n' ' ' <"$TMP/aff.txt" | tr -s ' ' >"$TMP/aff1.txt"
fixed "text: exact vertices" '"a" for x within [1/4, 15/16], y from 1/8 to 3/8, exact: vertices (3/4, 1/8), (1/2, 1/4), (1/4, 3/8), (13/16, 3/8), (7/8, 1/4), (15/16, 1/8)' "$TMP/aff1.txt"
"$BRINK" analyze "$M/product.yaml" >"$TMP/prod.txt" 2>&1 && ok || bad "product: $(cat "$TMP/prod.txt")"
tr '\n' ' ' <"$TMP/prod.txt" | tr -s ' ' >"$TMP/prod1.txt"
fixed "text: traced" "traced straight between them (bands at most 0.125 high)" "$TMP/prod1.txt"
fixed "text: traced polygon" '"a" for x within [0.5714, 0.9375], y from 1/8 to 3/8, traced' "$TMP/prod1.txt"
if grep -q "exact:" "$TMP/prod.txt"; then bad "product: a polygon called exact"; else ok; fi
# the HTML map says the same, polygon by polygon (its tooltip)
"$BRINK" report "$M/affine-line.yaml" -o "$TMP/aff.html" 2>"$TMP/err" && ok || bad "report: $(cat "$TMP/err")"
"$BRINK" report "$M/product.yaml" -o "$TMP/prod.html" 2>"$TMP/err" && ok || bad "report: $(cat "$TMP/err")"
fixed "html: exact" '"boundary":"exact"' "$TMP/aff.html"
if grep -q '"boundary":"traced' "$TMP/aff.html"; then bad "html: affine map traced"; else ok; fi
fixed "html: traced" '"boundary":"traced between lines, within 0.125; a region wholly between two lines is not ruled out"' "$TMP/prod.html"
if grep -q '"boundary":"exact' "$TMP/prod.html"; then bad "html: product map exact"; else ok; fi
# a point not certified on every line (0/0 on x = y): its own polygon, never crossed
"$BRINK" sweep "$SRC/tests/data/maps/pole2d.yaml" --vary x=0:1:4 --vary y=0.3:0.7:4 --watch A@start >"$TMP/pole2d.txt" 2>"$TMP/stderr" && ok || bad "pole2d: $(cat "$TMP/stderr")"
tr '\n' ' ' <"$TMP/pole2d.txt" | tr -s ' ' >"$TMP/pole2d1.txt"
expect_grep "pole2d: the diagonal not certified" "not certified for x within \[0.3, 0.7\], y from 3/10 to 7/10" "$TMP/pole2d1.txt"
if grep -qE '"a" for x within \[0, 0.75\]' "$TMP/pole2d1.txt"; then bad "pole2d: a polygon across the unknown diagonal"; else ok; fi
# a region born and gone between two lines that agree (tester 11, F1: b wins on a band around
# y = 1/4, strictly between the lines y = 0 and y = 1/2): the map cannot see it, and says so
"$BRINK" sweep "$M/hidden-band.yaml" --vary x=0:1:3 --vary y=0:1:3 --watch A@start >"$TMP/hid.txt" 2>"$TMP/stderr" && ok || bad "hidden-band: $(cat "$TMP/stderr")"
tr '\n' ' ' <"$TMP/hid.txt" | tr -s ' ' >"$TMP/hid1.txt"
fixed "hidden band: the summary says" "where traced, a region lying wholly between two lines is not ruled out" "$TMP/hid1.txt"
fixed "hidden band: the polygon says" "other regions may lie wholly between two lines" "$TMP/hid1.txt"
"$BRINK" sweep "$M/hidden-band.yaml" --vary x=0:1:3 --vary y=0:1:3 --watch A@start --json >"$TMP/hid.json" 2>"$TMP/stderr" && ok || bad "hidden-band json"
python3 - "$TMP/hid.json" <<'PYEOF' && ok || bad "hidden band: JSON says hidden regions are not ruled out"
import json, sys
d = json.load(open(sys.argv[1]))
def maps(o):
    if isinstance(o, dict):
        if "hidden_regions_ruled_out" in o: yield o
        for v in o.values(): yield from maps(v)
    elif isinstance(o, list):
        for v in o: yield from maps(v)
m = list(maps(d))
assert m and all(x["hidden_regions_ruled_out"] is False and x["other_equilibria_ruled_out"] is False for x in m), m
PYEOF
"$BRINK" analyze "$M/affine-line.yaml" --json >"$TMP/aff.json" 2>"$TMP/stderr" && ok || bad "affine json"
python3 -c 'import json,sys; s=open(sys.argv[1]).read(); assert "\"hidden_regions_ruled_out\":true" in s' "$TMP/aff.json" && ok || bad "affine map: hidden regions ruled out (every polygon exact)"
expect_schema "hidden band schema" "$TMP/hid.json" brink-analysis
finish
