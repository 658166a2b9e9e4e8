#!/usr/bin/env bash
# belief_consistency.sh — beliefs off the path respect what no tremble can change
# (src/analysis/assess.c): chance's odds between members that differ only by chance, and
# belief 0 on a member chance never reaches when chance reaches another; and a belief that
# supports an off-path mixture is the exact one (1/2), not the LP's 0.5000000005.
source "$(dirname "$0")/lib.bash"
D=data/beliefs

# (a) B cannot see sun (1/4) or rain (3/4) after A's go: x is worth -1/2 < 0 = y at the only
# consistent belief, so every sequential equilibrium has B play y and A go. With the chance
# move kept where it is written (--keep-order) the belief at B's set is off the path when A
# stays; "sun 100%" must not be used to support x there.
for order in "" --keep-order; do
  "$BRINK" analyze "$D/chance-odds-hidden.yaml" --no-questions $order --json > "$TMP/w.json" 2>"$TMP/w.err"
  python3 - "$TMP/w.json" <<'PY' && ok || bad "chance odds ($order): $(head -c 400 "$TMP/w.json")"
import json, sys
d = json.load(open(sys.argv[1]))
eqs = d["equilibria"]
assert len(eqs) == 1, len(eqs)
PY
  "$BRINK" analyze "$D/chance-odds-hidden.yaml" --no-questions $order > "$TMP/w.txt"
  expect_grep "A goes ($order)" "A, at the start: go" "$TMP/w.txt"
  if grep -q "sun 100%" "$TMP/w.txt"; then bad "belief sun 100% printed ($order)"; else ok; fi
done
expect_grep "the odds, as chance has them" "believes: chance: sun 25%; chance: rain 75%" "$TMP/w.txt"

# (b) beer-quiche at p = 0: chance never makes S strong, so after beer R believes weak 100%
# and duels (no mixture resting on belief 1/2 in the strong type)
"$BRINK" analyze "$D/beer-quiche.yaml" --no-questions --set p=0 > "$TMP/b0.txt"
expect_grep "p = 0: R duels after beer" "R, after S beer: duel" "$TMP/b0.txt"
expect_grep "p = 0: weak for sure" "chance: weak 100%" "$TMP/b0.txt"
if grep -q "strong 50%" "$TMP/b0.txt"; then bad "p = 0: belief 1/2 on a type of prior 0"; else ok; fi
# the equilibrium where R mixes after beer on belief 1/2 in the strong type is not kept
"$BRINK" analyze "$D/beer-quiche.yaml" --no-questions --set p=0 --json > "$TMP/b0.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["equilibria"]) == 1, len(d["equilibria"])' "$TMP/b0.json" && ok || bad "p = 0: more than the one consistent equilibrium kept"

# (c) beer-quiche at p = 0.9: R mixes 1/2-1/2 off the path only at belief exactly 1/2
"$BRINK" analyze "$D/beer-quiche.yaml" --no-questions --json > "$TMP/b.json"
python3 - "$TMP/b.json" <<'PY' && ok || bad "off-path beliefs not exact halves"
import json, sys
d = json.load(open(sys.argv[1]))
vals = []
def walk(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if k == "beliefs" and isinstance(v, list):
                vals.extend(b["probability"] for b in v if isinstance(b, dict))
            walk(v)
    elif isinstance(o, list):
        for v in o:
            walk(v)
walk(d)
assert vals, "no beliefs"
assert 0.5 in vals, vals
assert all(abs(v - 0.5) > 1e-6 or v == 0.5 for v in vals), vals
PY

finish
