#!/usr/bin/env bash
# threshold_ties.sh — what a threshold says at and around a flip (tester, session 9):
#  1. a flip point is solved for every equilibrium even on a tree too large to list them all
#     elsewhere (Rubinstein, 3 rounds x 20 offers, 8,421 nodes > all_limit_nodes): at each tie
#     both offers, as `analyze --set` finds there; so is a sample that lands on a tie;
#  2. a certificate whose gap is two functions (the others switch at the flip too) prints both,
#     and the JSON carries the gap above;
#  3. "it flips" only where every equilibrium is known (or certified with complete lists at the
#     samples): M2's method finds one sequential equilibrium, so its boundary is "where the
#     equilibria found change", and at the flip other equilibria are not ruled out.
source "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# 1. Rubinstein: every flip point lists what analyze --set lists there
sed 's/^game:/questions:\n  - id: d\n    threshold: {parameter: delta, watch: A@start, range: [0.1, 0.4]}\ngame:/' \
  "$SRC/examples/rubinstein.yaml" > "$TMP/rb.yaml"
"$BRINK" analyze "$TMP/rb.yaml" --json > "$TMP/rb.json" 2>"$TMP/err" && ok || bad "rubinstein: $(cat "$TMP/err")"
"$PY" - "$TMP/rb.json" > "$TMP/points" <<'PYEOF' && ok || bad "rubinstein: the flip points"
import json, sys
d = json.load(open(sys.argv[1]))
t = [a for a in d["answers"] if a.get("threshold")][0]["threshold"]
acts = t["watch"][0]["actions"]
played = {st["id"]: sorted(acts[a] for a in st["played"][0]) for st in t["states"]}
for f in t["flips"]:
    if f["region_at"] < 0:
        continue
    r = t["regions"][f["region_at"]]
    print(r["sample"], " ".join(sorted(set(sum((played[s] for s in r["states"]), [])))))
PYEOF
n=0
while read -r at offers; do
  n=$((n + 1))
  [ "$n" -gt 4 ] && break   # four flips keep the test short
  "$BRINK" analyze "$TMP/rb.yaml" --no-questions --set "delta=$at" --json > "$TMP/at.json" 2>&1
  want=$("$PY" - "$TMP/at.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
dec = {x["id"]: x for x in d["decisions"]}
start = [x for x in d["decisions"] if x["actor"] == 0 and x["label"] == "start"][0]
seen = set()
for e in d["equilibria"]:
    for s in e["strategies"]:
        if s["decision"] == start["id"]:
            seen |= {start["actions"][k] for k, p in enumerate(s["exact"]) if p != "0"}
print(" ".join(sorted(seen)))
PYEOF
)
  [ -n "$want" ] && [ "$want" = "$offers" ] && ok || bad "rubinstein at $at: threshold lists '$offers', analyze --set finds '$want'"
done < "$TMP/points"
[ "$n" -ge 4 ] && ok || bad "rubinstein: only $n flip points with a point region"

# a sweep's grid point on the tie at delta = 3/5 lists both offers (each grid point is solved
# for every equilibrium)
"$BRINK" sweep "$SRC/examples/rubinstein.yaml" --vary delta=0.55:0.65:3 --watch A@start --json \
  > "$TMP/sw.json" 2>"$TMP/err" && ok || bad "sweep: $(cat "$TMP/err")"
"$PY" - "$TMP/sw.json" <<'PYEOF' && ok || bad "sweep: the grid point 3/5"
import json, sys
a = json.load(open(sys.argv[1]))["answers"][0]
p = [p for p in a["points"] if p["x_exact"] == ["3/5"]][0]
assert p["equilibria"] >= 2 and "offer_0.225" in p["choice"]["label"] and "offer_0.275" in p["choice"]["label"], p
PYEOF

# 2. the certificate's two gaps
F="$SRC/tests/data/thresholds/gap-two-sides.yaml"
"$BRINK" analyze "$F" > "$TMP/g.txt" 2>&1
tr -s ' \n' ' ' < "$TMP/g.txt" > "$TMP/gj.txt"
expect_grep "two gaps: below" 'gains g\(x\) = \(-x\^2 \+ x - 1/4\) by l instead of r in the equilibrium below' "$TMP/gj.txt"
expect_grep "two gaps: above" 'and h\(x\) = \(x - 1/2\) in the equilibrium above; g = h = 0 at the flip, g < 0 below, h > 0 above' "$TMP/gj.txt"
"$BRINK" analyze "$F" --json > "$TMP/g.json" 2>&1
"$PY" - "$TMP/g.json" <<'PYEOF' && ok || bad "two gaps: JSON"
import json, sys
d = json.load(open(sys.argv[1]))
t = [a for a in d["answers"] if a.get("threshold")][0]["threshold"]
c = t["flips"][0]["certificate"]
assert c["gap_numerator"] == ["-1/4", "1", "-1"], c
assert c["gap_above_numerator"] == ["-1/2", "1"], c
assert c["same_gap"] is False and c["sign_below"] == -1 and c["sign_above"] == 1, c
PYEOF

# 3. M2: an incomplete method
"$BRINK" analyze m2 > "$TMP/m2.txt" 2>&1
expect_grep "m2: found change" 'the equilibria found change at p_firm = 8/27 exactly' "$TMP/m2.txt"
expect_grep "m2: not ruled out" 'exactly at the flip: "demand" \(other equilibria not ruled out\)' "$TMP/m2.txt"
if grep -q 'it flips at p_firm' "$TMP/m2.txt"; then bad "m2: says it flips"; else ok; fi
# M1: its method lists every extreme equilibrium at the samples, and the parametric vertex
# enumeration of the reduced strategic form proves each region complete between them (a list
# complete at a sample alone would not: tester 14, N1), so it flips
"$BRINK" analyze m1 > "$TMP/m1.txt" 2>&1
expect_grep "m1: flips" 'it flips at p_resolute = 1/2 exactly' "$TMP/m1.txt"
if grep -q 'the equilibria found change at p_resolute' "$TMP/m1.txt"; then bad "m1: the weaker statement"; else ok; fi
finish
