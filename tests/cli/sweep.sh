#!/usr/bin/env bash
# sweep.sh — `brink sweep` (issue 10, item 5): a grid asked from the command line is the
# scenario language's sweep question, answered by the same code — M6's declared two-parameter
# question and the same grid given with --vary give equal answers (grid, lines, region map);
# a one-parameter sweep of M1 has its exact boundary 1/2; bad requests are usage errors.
source "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

"$BRINK" sweep freeze-for-relief --vary p_sincere=0.1:0.7:4 --vary q_verify=0.2:1:5 \
  --watch USA@start --json >"$TMP/s.json" 2>"$TMP/err" && ok || bad "sweep m6: $(cat "$TMP/err")"
"$BRINK" analyze freeze-for-relief --json >"$TMP/a.json" 2>"$TMP/err" && ok || bad "analyze m6: $(cat "$TMP/err")"
"$PY" - "$TMP/s.json" "$TMP/a.json" <<'PYEOF' && ok || bad "sweep m6 equals the declared question"
import json, sys
s = json.load(open(sys.argv[1]))["answers"]
a = [x for x in json.load(open(sys.argv[2]))["answers"] if x["id"] == "range"][0]
assert len(s) == 1, len(s)
s = s[0]
for k in ("points", "lines", "map"):
    if k in a or k in s:
        x, y = json.dumps(a.get(k), sort_keys=True), json.dumps(s.get(k), sort_keys=True)
        # the lines carry timing; compare everything else
        x = json.loads(x); y = json.loads(y)
        def strip(o):
            if isinstance(o, dict):
                return {kk: strip(vv) for kk, vv in o.items() if kk not in ("seconds",)}
            if isinstance(o, list):
                return [strip(v) for v in o]
            return o
        assert strip(x) == strip(y), k
assert s["map"]["polygons"], s["map"]
PYEOF

"$BRINK" sweep korea-2018-summit --vary p_resolute=0:1:5 --watch USA@demand --json >"$TMP/m1.json" 2>"$TMP/err" && ok || bad "sweep m1: $(cat "$TMP/err")"
"$PY" - "$TMP/m1.json" <<'PYEOF' && ok || bad "sweep m1: the exact boundary"
import json, sys
a = json.load(open(sys.argv[1]))["answers"][0]
flips = [f["at"]["exact"] for f in a["threshold"]["flips"]]
assert flips == ["1/2"], flips
PYEOF

# long choices are keyed below the table, never cut (a tester's case: "(several eq" was all
# that was left of M1's choice at p = 0)
"$BRINK" sweep korea-2018-summit --vary p_resolute=0:1:3 --watch 'DPRK@*' >"$TMP/long.txt" 2>"$TMP/stderr" \
  && ok || bad "long choices: $(cat "$TMP/stderr")"
expect_grep "long choices keyed" '^    0 +\(1\) ' "$TMP/long.txt"
tr '\n' ' ' <"$TMP/long.txt" >"$TMP/long1.txt"
expect_grep "long choice whole" '\(1\) at the start: demand;.*either +demand +or +no_demand +\(several +equilibria\)' "$TMP/long1.txt"

# a grid beyond the doubles' range is exact (a tester's case: -nan, inf and the wrong choice)
"$BRINK" analyze "$SRC/tests/data/thresholds/sweep-beyond-doubles.yaml" >"$TMP/big.txt" 2>"$TMP/stderr" \
  && ok || bad "sweep beyond doubles: $(cat "$TMP/stderr")"
expect_grep "grid point 0" '^    0 +accommodate ' "$TMP/big.txt"
expect_grep "grid point 5e399, exactly" '^    5e\+399 +fight ' "$TMP/big.txt"
expect_grep "grid point 1e400, exactly" '^    1e\+400 +fight ' "$TMP/big.txt"
"$BRINK" analyze "$SRC/tests/data/thresholds/sweep-beyond-doubles.yaml" --json >"$TMP/big.json" 2>"$TMP/stderr"
expect_grep "exact grid in JSON" '"x_exact":\["5(0)+"\]' "$TMP/big.json"

# a map over [0, 1e300]^2: numbers in short forms, never the double's 300 digits; the grid
# values' column as wide as its widest value
H="$SRC/tests/data/maps/huge-range.yaml"
expect_status "huge map" 0 "$BRINK" sweep "$H" --vary q=0:1e300:3 --vary r=0:1e300:3 --watch A@start
if grep -qE '[0-9]{20}' "$TMP/stdout"; then bad "huge map: a 20-digit number: $(grep -E '[0-9]{20}' "$TMP/stdout" | head -c 300)"; else ok; fi
tr '\n' ' ' <"$TMP/stdout" | tr -s ' ' >"$TMP/huge1.txt"
expect_grep "huge map: band height" 'bands at most 2\.5e\+299 high' "$TMP/huge1.txt"
expect_grep "huge map: aligned grid column" '^    5e\+299    5e\+299    y ' "$TMP/stdout"

expect_status "no --vary" 2 "$BRINK" sweep korea-2018-summit
expect_status "unknown parameter" 2 "$BRINK" sweep korea-2018-summit --vary nope=0:1:3
expect_grep "unknown parameter: named" "no parameter 'nope'" "$TMP/stderr"
expect_status "outside the range" 2 "$BRINK" sweep korea-2018-summit --vary p_resolute=0:2:3
expect_status "one point" 2 "$BRINK" sweep korea-2018-summit --vary p_resolute=0:1:1
expect_status "same parameter twice" 2 "$BRINK" sweep korea-2018-summit --vary p_resolute=0:1:3 --vary p_resolute=0:1:3
expect_status "watch that matches nothing" 2 "$BRINK" sweep korea-2018-summit --vary p_resolute=0:1:3 --watch NOBODY@x
finish
