#!/usr/bin/env bash
# belief_consistency.sh — beliefs off the path respect what no tremble can change
# (src/analysis/assess.c): chance's odds between members that differ only by chance, and
# belief 0 on a member chance never reaches when chance reaches another; and a belief that
# supports an off-path mixture is the exact one (1/2), not the LP's 0.5000000005; and (d) a
# member that needs one deviation more than another possible member gets belief 0 (a proper
# subgame entered by a deviation: Bayes' rule inside it fixes B's belief).
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

# (d) tester 12, F3: A takes out (1, 1) or enters a subgame where A picks a or b and B, not
# seeing it, picks a or b (a/a: 3, 1; b/b: 1, 3; else 0). The reduced form's extreme
# equilibrium "A out, B plays a with probability 1/3" was kept with B believing a 75%,
# although A's own choice inside the subgame (a for sure) is the only consistent belief there
# (its other member needs a second deviation), under which B's a is strictly better: not
# subgame perfect. Every equilibrium kept has B's belief follow A's choice in the subgame,
# and B best-replying to it.
"$BRINK" analyze "$D/subgame-deviation.yaml" --no-questions --json > "$TMP/k2.json" 2>"$TMP/k2.err"
python3 - "$TMP/k2.json" <<'PY' && ok || bad "subgame entered by a deviation: $(head -c 600 "$TMP/k2.json")"
import json, sys
from fractions import Fraction
d = json.load(open(sys.argv[1]))
eqs = d["equilibria"]
assert len(eqs) >= 3, len(eqs)
for e in eqs:
    st = {s["decision"]: s for s in e["strategies"]}
    a_in = [Fraction(x) for x in st[1]["exact"]]    # A's choice after in: a, b
    b = st[2]
    mu = [x["probability"] for x in b["beliefs"]]   # B's belief: after a, after b
    assert mu == [float(x) for x in a_in], (a_in, mu)
    # B's reply is a best reply to that belief: a pays 1 at a, b pays 3 at b
    ua, ub = float(a_in[0]) * 1, float(a_in[1]) * 3
    pb = [Fraction(x) for x in b["exact"]]
    assert (ua >= ub or pb[0] == 0) and (ub >= ua or pb[1] == 0), (a_in, pb)
    assert e["sequential"] is True
# the non-subgame-perfect profile (B mixes 1/3) is not among them
assert not any(Fraction(s["exact"][0]) == Fraction(1, 3)
               for e in eqs for s in e["strategies"] if s["decision"] == 2), eqs
PY

# tester 13, D2: a belief consistency fixes says so; a free one says it was chosen to support
# the choice (text and JSON belief_fixed)
"$BRINK" analyze "$D/subgame-deviation.yaml" --no-questions >"$TMP/k2.txt" 2>&1
expect_grep "fixed off-path belief labelled" "belief off the path \(the only consistent one\): A: b 100%" "$TMP/k2.txt"
if grep -q "one that supports this choice" "$TMP/k2.txt"; then bad "a fixed belief called one that supports"; else ok; fi
"$BRINK" analyze "$D/free-belief.yaml" --no-questions >"$TMP/b1.txt" 2>&1
expect_grep "free off-path belief labelled" "belief off the path \(one that supports this choice\)" "$TMP/b1.txt"
"$BRINK" analyze "$D/free-belief.yaml" --no-questions --json >"$TMP/b1.json" 2>&1
python3 - "$TMP/b1.json" "$TMP/k2.json" <<'PY' && ok || bad "belief_fixed in JSON"
import json, sys
def flags(path):
    d = json.load(open(path))
    return [(s["on_path"], s["belief_fixed"]) for e in d["equilibria"] for s in e["strategies"]
            if "beliefs" in s]
assert (False, False) in flags(sys.argv[1]), flags(sys.argv[1])
assert all(f for on, f in flags(sys.argv[2])), flags(sys.argv[2])
PY
expect_schema "belief_fixed in the schema" "$TMP/b1.json" brink-analysis

finish
