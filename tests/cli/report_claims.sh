#!/usr/bin/env bash
# report_claims.sh — what the HTML report (and brink plot) claims is what the analysis claims
# (tester 10b F3, F5, F6, F8.1, F8.2, F8.9):
#  - decision points: the actors' information sets, chance moves counted apart, as analyze's
#    "Game:" line (M2: 39 and 1; the chance-only scenario: 0 and 1, and no empty table);
#  - a threshold figure's answer and rules carry the text's qualifier where the method's list
#    is not proved complete (M2's sequential method; enumpure on pure-vs-mixed.yaml), and not
#    where it is (M1);
#  - a game file's page says why nothing is shown (a profile found but failing the 1e-6
#    check: its NashConv) and labels profiles checked in floating point only as approximate;
#  - brink plot refuses a game file as such, and a path it cannot write is named;
#  - a single uncertified point of a threshold chart is a visible grey rule.
# Skips (77) without the chart bundles.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
if ! "$BRINK" report m1 --no-tree -o "$TMP/m1.html" 2>"$TMP/err"; then
  grep -q "without the chart bundles" "$TMP/err" && { echo "SKIP: brink built without web/ bundles (scripts/deps.sh)"; exit 77; }
  bad "report m1: $(cat "$TMP/err")"
fi
# visible text of a page (no scripts or styles), and its Vega-Lite specs, one per line
cat >"$TMP/text.py" <<'PY'
import sys, re, html, json
page = open(sys.argv[1]).read()
specs = re.findall(r'<script type="application/json" id="spec\d+">(.*?)</script>', page, re.S)
body = re.sub(r'<(script|style)[^>]*>.*?</\1>', ' ', page, flags=re.S)
body = html.unescape(re.sub(r'<[^>]+>', ' ', body))
print(re.sub(r'\s+', ' ', body))
for s in specs:
    print("SPEC " + json.dumps(json.loads(html.unescape(s)), separators=(",", ":")))
PY
text() { python3 "$TMP/text.py" "$1"; }

# --- F5: decision points as analyze counts them
expect_status "report m2" 0 "$BRINK" report m2 --no-tree -o "$TMP/m2.html"
text "$TMP/m2.html" >"$TMP/m2.txt"
"$BRINK" analyze m2 >"$TMP/m2.analyze"
tr "\n" " " <"$TMP/m2.analyze" | tr -s " " >"$TMP/m2.analyze1"
expect_grep "analyze m2 counts" "39 decision points, 1 chance move" "$TMP/m2.analyze1"
expect_grep "report m2 counts as analyze" "2 actors, 107 nodes, 39 decision points, 1 chance move\." "$TMP/m2.txt"
expect_grep "report m2 off-path count" "30 decision points off the path of play are not listed \(the game has 39\)" "$TMP/m2.txt"
expect_status "report chance-only" 0 "$BRINK" report "$SRC/tests/data/scenarios/report/chance-only.yaml" --no-tree -o "$TMP/co.html"
text "$TMP/co.html" >"$TMP/co.txt"
expect_grep "chance-only counts" "1 actor, 3 nodes, 0 decision points, 1 chance move\." "$TMP/co.txt"
expect_grep "chance-only: no decisions said" "No decisions: the game has chance moves only" "$TMP/co.txt"
if grep -q 'class="choices"' "$TMP/co.html"; then bad "chance-only: an empty decision table"; else ok; fi
if grep -q "uniqueness is not proved" "$TMP/co.txt"; then bad "chance-only: uniqueness 'not proved' of the only profile"; else ok; fi

# --- F3: the qualifier of an incomplete list, in the answer and on the rules
expect_grep "m2 text: found change" "the equilibria found change at p_firm = 8/27" "$TMP/m2.txt"
expect_grep "m2 answer qualified" 'Answer: "demand" on \[0, 8/27\]; "wait" on \(8/27, 1\] \(the equilibria found; others not ruled out\)' "$TMP/m2.txt"
expect_grep "m2 rule: found change" '"exact":"8/27","certified":"yes","change":"the equilibria found change \(others not ruled out\)"' "$TMP/m2.txt"
if grep -q '"change":"flip of every equilibrium"' "$TMP/m2.txt"; then bad "m2: a rule claims every equilibrium flips"; else ok; fi
text "$TMP/m1.html" >"$TMP/m1.txt"
# M1's regions are proved complete over their whole inside (parametric vertex enumeration of
# the reduced strategic form, rsf_shrink), not at the samples only (tester 14, N1): a flip
expect_grep "m1 answer (flip known): no qualifier" 'Answer: "hold_firm" on \[0, 1/2\); "concede" or "hold_firm" on 1/2; "concede" on \(1/2, 1\] ' "$TMP/m1.txt"
expect_grep "m1 rule: a flip" '"exact":"1/2","certified":"yes","change":"flip of every equilibrium"' "$TMP/m1.txt"
expect_status "report pure-vs-mixed enumpure" 0 "$BRINK" report "$SRC/tests/data/thresholds/pure-vs-mixed.yaml" --method enumpure --no-tree -o "$TMP/pvm.html"
text "$TMP/pvm.html" >"$TMP/pvm.txt"
expect_grep "enumpure answer qualified" 'Answer: "T" on \[1/2, 2\] \(the equilibria found; others not ruled out\)' "$TMP/pvm.txt"
# the figure alone (brink plot) carries the same rule data
expect_status "plot m2 --figure 2 json" 0 "$BRINK" plot m2 --figure 2 -o "$TMP/m2f2.json"
expect_grep "plot m2 rule: found change" '"change":"the equilibria found change \(others not ruled out\)"' "$TMP/m2f2.json"

# --- F8.9: a single uncertified point is drawn (a grey rule), not a band of zero width
expect_status "plot pole --figure 2 json" 0 "$BRINK" plot "$SRC/tests/data/report/pole.yaml" --figure 2 -o "$TMP/pole.json"
python3 - "$TMP/pole.json" <<'PY' && ok || bad "pole: the uncertified point 1/4 is not drawn as a rule"
import json, sys
d = json.load(open(sys.argv[1]))
rules = [l for l in d["layer"] if l["mark"]["type"] == "rule" and l["data"]["values"][0].get("why")]
assert [v["from"] for v in rules[0]["data"]["values"]] == [0.25], rules
assert not [l for l in d["layer"] if l["mark"]["type"] == "rect"
            and any(v["from"] == v["to"] for v in l["data"]["values"])]
PY

# --- F6: a game file's page says what was found and why it is not shown
expect_status "report outside-bos cfr" 0 "$BRINK" report "$SRC/tests/data/report/outside-bos.efg" --method cfr --no-tree -o "$TMP/bos.html"
text "$TMP/bos.html" >"$TMP/bos.txt"
expect_grep "cfr: found, not shown" "Method: cfr; 1 profile found, 0 shown" "$TMP/bos.txt"
expect_grep "cfr: why" "1 profile found is not shown: it fails the check \(largest NashConv 0\.00075\)" "$TMP/bos.txt"
expect_grep "cfr: warning on stderr" "no equilibrium is shown" "$TMP/stderr"
expect_status "report rand3p agent-logit" 0 "$BRINK" report "$SRC/tests/data/report/rand3p-c13.efg" --method agent-logit --no-tree -o "$TMP/r3.html"
text "$TMP/r3.html" >"$TMP/r3.txt"
expect_grep "agent-logit: approximate" "Equilibrium 1 Approximate: checked in floating point only, largest gain from deviating [0-9.e-]+, NashConv 3\.73e-08\." "$TMP/r3.txt"
expect_status "report outside-bos spe" 0 "$BRINK" report "$SRC/tests/data/report/outside-bos.efg" --no-tree -o "$TMP/bos2.html"
expect_grep "exact profile labelled" "Verified exactly: no player can gain by deviating" "$TMP/bos2.html"

# --- F8.1: brink plot (and the other scenario commands) on a game file
for c in plot analyze montecarlo; do
  args=(); [ $c = plot ] && args=(--list)
  expect_status "$c on a .efg" 2 "$BRINK" $c "$SRC/tests/data/report/rand3p-c13.efg" "${args[@]}"
  expect_grep "$c on a .efg: said" "rand3p-c13\.efg is a game file, not a scenario: brink $c takes a scenario" "$TMP/stderr"
done
# --- F8.2: a path brink plot cannot write is named, in every format
for ext in json svg png; do
  [ "$ext" = json ] || command -v "${BRINK_CHROMIUM:-chromium}" >/dev/null 2>&1 || continue
  expect_status "plot -o bad path .$ext" 2 "$BRINK" plot m1 --figure 1 -o "$TMP/no/such/dir/x.$ext"
  expect_grep "plot -o bad path .$ext named" "$TMP/no/such/dir/x\.$ext: error: cannot open for writing" "$TMP/stderr"
done
# a sweep chart's points say how many equilibria each has (tester 10b, F8.8: M7's every point
# has several and the chart plotted the first one's numbers with no mark)
expect_status "plot m7 sweep json" 0 "$BRINK" plot m7 --figure 4 -o "$TMP/m7f4.json"
python3 - "$TMP/m7f4.json" <<'PY' && ok || bad "m7 sweep: points carry their equilibria and a shape"
import json, sys
d = json.load(open(sys.argv[1]))
v = d["data"]["values"]
assert v and all(p["equilibria"] >= 1 for p in v), v[:2]
assert all((p["point"] == "several equilibria (first shown)") == (p["equilibria"] > 1) for p in v)
assert any(p["equilibria"] > 1 for p in v)
shapes = [l for l in d["spec"]["layer"] if "shape" in l.get("encoding", {})]
assert shapes and shapes[0]["encoding"]["shape"]["field"] == "point"
PY
finish
