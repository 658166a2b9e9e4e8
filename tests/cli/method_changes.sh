#!/usr/bin/env bash
# method_changes.sh — methods that say so: every automatic change of method is printed with its
# reason (text) and recorded as data (JSON method.changes); analyze takes the solve options
# (--method, --iterations, --time-limit); an approximate method whose profile fails the checks
# says so instead of asking for "mixed equilibria".
source "$(dirname "$0")/lib.bash"
f=data/scenarios/fearon_root.yaml
"$BRINK" analyze "$f" --no-questions > "$TMP/t" 2>&1
tr '\n' ' ' < "$TMP/t" | sed 's/  */ /g' > "$TMP/t1"
expect_grep "change said" 'Changed automatically: enummixed not used: the reduced strategic form would have [0-9.e+]+ cells \(limit 2e\+04, max_reduced_cells\)' "$TMP/t1"
expect_grep "method used" 'Method: sequential: two actors, imperfect information' "$TMP/t1"
"$BRINK" analyze "$f" --no-questions --json > "$TMP/j" 2>&1
if python3 - "$TMP/j" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ch = d["method"]["changes"]
assert len(ch) == 1 and ch[0]["solver"] == "enummixed", ch
assert ch[0]["cells"] > ch[0]["limit"] == 20000, ch
assert ch[0]["reason"].startswith("enummixed not used"), ch
PY
then ok; else bad "json changes"; fi
# a small game: no change, none said
"$BRINK" analyze "$SRC/examples/bluff.yaml" --no-questions > "$TMP/b" 2>&1
if grep -q "Changed automatically" "$TMP/b"; then bad "change said for a small game"; else ok; fi
# the solve options: cfr with 10 iterations fails the checks and says so
"$BRINK" analyze "$SRC/examples/bluff.yaml" --no-questions --method cfr --iterations 10 > "$TMP/c" 2>&1
tr '\n' ' ' < "$TMP/c" | sed 's/  */ /g' > "$TMP/c1"
expect_grep "approximate said" 'The approximate profile found did not pass the checks .* more iterations \(--iterations N\)' "$TMP/c1"
if grep -q "mixed equilibria is needed" "$TMP/c1"; then bad "asked for mixed equilibria"; else ok; fi
expect_status "bad --iterations" 2 "$BRINK" analyze "$SRC/examples/bluff.yaml" --iterations 0
expect_status "--time-limit accepted" 0 "$BRINK" analyze "$SRC/examples/bluff.yaml" --time-limit 60 --no-questions
finish
