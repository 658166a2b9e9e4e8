#!/usr/bin/env bash
# method_changes.sh — methods that say so: every automatic change of method is printed with its
# reason (text) and recorded as data (JSON method.changes); analyze takes the solve options
# (--method, --iterations, --time-limit); an approximate method whose profile fails the checks
# says so instead of asking for "mixed equilibria".
source "$(dirname "$0")/lib.bash"
f=data/scenarios/fearon_root.yaml
# as written (--keep-order): the reduced strategic form is too large, and that is said
"$BRINK" analyze "$f" --no-questions --keep-order > "$TMP/t" 2>&1
tr '\n' ' ' < "$TMP/t" | sed 's/  */ /g' > "$TMP/t1"
expect_grep "change said" 'Changed automatically: enummixed not used: the reduced strategic form would have [0-9.e+]+ cells \(limit 2e\+04, max_reduced_cells\)' "$TMP/t1"
expect_grep "method used" 'Method: sequential: two actors, imperfect information' "$TMP/t1"
"$BRINK" analyze "$f" --no-questions --keep-order --json > "$TMP/j" 2>&1
if python3 - "$TMP/j" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["method"]["postponed"] == 0, d["method"]
ch = d["method"]["changes"]
assert len(ch) == 1 and ch[0]["solver"] == "enummixed", ch
assert ch[0]["cells"] > ch[0]["limit"] == 20000, ch
assert ch[0]["reason"].startswith("enummixed not used"), ch
PY
then ok; else bad "json changes"; fi
# by default the cost draw is postponed below A's demand (the same game, perfect information)
# and the report says so, in text and JSON, with the same answer as the late order
"$BRINK" analyze "$f" --no-questions > "$TMP/p" 2>&1
tr '\n' ' ' < "$TMP/p" | sed 's/  */ /g' > "$TMP/p1"
expect_grep "postponed said" 'Method: spe: perfect information once chance moves are postponed to where they first matter \(1 decision moved above a chance move it cannot see; the same game\)' "$TMP/p1"
expect_grep "postponed answer" 'A, at the start: demand 0\.6 ' "$TMP/p1"
"$BRINK" analyze "$f" --no-questions --json > "$TMP/pj" 2>&1
if python3 - "$TMP/pj" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m = d["method"]
assert m["postponed"] == 1 and m["changes"] == [] and m["complete"], m
assert "postponed" in m["why"], m["why"]
PY
then ok; else bad "json postponed"; fi
# a small game: no change, none said
"$BRINK" analyze "$SRC/examples/bluff.yaml" --no-questions > "$TMP/b" 2>&1
if grep -q "Changed automatically" "$TMP/b"; then bad "change said for a small game"; else ok; fi
# the solve options: cfr with 10 iterations stops short of its tolerance and says so, with
# the advice that can help (its iteration budget stopped it)
"$BRINK" analyze "$SRC/examples/bluff.yaml" --no-questions --method cfr --iterations 10 > "$TMP/c" 2>&1
tr '\n' ' ' < "$TMP/c" | sed 's/  */ /g' > "$TMP/c1"
expect_grep "approximate said" '1 short of the method.s tolerance \(no equilibrium\).* stopped at its iteration budget before its tolerance, .* more iterations \(--iterations N\) may reach one' "$TMP/c1"
if grep -q "mixed equilibria is needed" "$TMP/c1"; then bad "asked for mixed equilibria"; else ok; fi
expect_status "bad --iterations" 2 "$BRINK" analyze "$SRC/examples/bluff.yaml" --iterations 0
expect_status "--time-limit accepted" 0 "$BRINK" analyze "$SRC/examples/bluff.yaml" --time-limit 60 --no-questions
finish
