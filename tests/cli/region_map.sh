#!/usr/bin/env bash
# region_map.sh — a two-parameter sweep's region map (issue 8, item 4; src/analysis/regionmap.c):
# polygons whose vertices on each line are the exact flips there, lines added where neighbours
# disagree, and a boundary no vertical line can find (horizontal) left as an unresolved band.
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
finish
