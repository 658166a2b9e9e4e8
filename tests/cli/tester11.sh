#!/usr/bin/env bash
# tester11.sh — tester 11's findings on sweep and compare (inputs: tests/data/tester11/):
# F5.2 a fine grid's values printed distinct; F7.1 a compare reference matching decisions
# side by side refused with them; F7.2 compare text gives the regret's interval; F7.3 a
# varied parameter also --set refused; F7.4 a compare question whose equilibria differ after an
# option says so, with each actor's range (text and JSON).
source "$(dirname "$0")/lib.bash"
D="$SRC/tests/data/tester11"

# F5.2: 0.33333, 0.333335, 0.33334 were all printed "0.3333" ("walk" then "deal" at one x)
"$BRINK" sweep "$D/s3.yaml" --vary p=0.33333:0.33334:3 --watch A@start >"$TMP/s3.txt" 2>"$TMP/stderr"
xs=$(grep -E '^    [0-9][0-9.e+-]* +(walk|deal)' "$TMP/s3.txt" | awk '{print $1}')
if [ "$(echo "$xs" | wc -l)" = 3 ] && [ "$(echo "$xs" | sort -u | wc -l)" = 3 ]; then ok
else bad "fine grid: x values not distinct: [$xs]"; fi
expect_grep "fine grid: enough digits" '^    0\.333335 ' "$TMP/s3.txt"
# a coarse grid keeps its 4 digits
"$BRINK" sweep "$D/s3.yaml" --vary p=0:1:4 --watch A@start >"$TMP/s3c.txt" 2>"$TMP/stderr"
expect_grep "coarse grid: 4 digits" '^    0\.3333 ' "$TMP/s3c.txt"

# F5.1: the sweep's exact regions say why a part is not certified, as the threshold answer
"$BRINK" sweep "$D/s8.yaml" --vary p=0:1:3 --watch A@start >"$TMP/s8.txt" 2>"$TMP/stderr"
expect_grep "sweep: why not certified (sqrt), with its place" \
  'not certified on \[0, 1\] \(a payoff or probability is not a rational$' "$TMP/s8.txt"
expect_grep "sweep: the place of the sqrt" '^    function of the parameter, line 10, column 22\)' "$TMP/s8.txt"

# F7.1: S@* matches S@strong and S@weak (S sees the chance move): never the first silently
expect_status "compare --at 'S@*' matching two decisions side by side" 2 \
  "$BRINK" compare "$D/bqu.yaml" --at 'S@*' --samples 10
expect_grep "--at 'S@*' lists the decisions" "--at S@\*: .*matches 2 decisions.*S@strong, S@weak" "$TMP/stderr"
# --actor S keeps its documented meaning: S's first decision in the game's order
expect_status "compare --actor S: its first decision" 0 \
  "$BRINK" compare "$D/bqu.yaml" --actor S --samples 10
expect_grep "--actor S: S after chance strong" "Options of S, after chance strong" "$TMP/stdout"
expect_status "compare --at S@weak: one decision" 0 \
  "$BRINK" compare "$D/bqu.yaml" --at S@weak --samples 10
expect_status "compare --at R@beer: one decision" 0 \
  "$BRINK" compare "$D/bqu.yaml" --at R@beer --samples 10
# an actor whose decisions follow one another: the first one (M1: USA opens)
expect_status "compare m1 --actor USA: USA's opening decision" 0 \
  "$BRINK" compare m1 --actor USA --samples 5
expect_grep "m1 --actor USA compares the opening decision" "Options of" "$TMP/stdout"

# F7.2: the regret's interval in the text, as in the JSON
"$BRINK" compare "$D/c1.yaml" --actor A --samples 200 >"$TMP/c1.txt" 2>"$TMP/stderr"
"$BRINK" compare "$D/c1.yaml" --actor A --samples 200 --json >"$TMP/c1.json" 2>"$TMP/stderr"
expect_grep "regret with its interval" 'expected regret [0-9.e-]+ \[[0-9.e-]+, [0-9.e-]+\]' "$TMP/c1.txt"
want=$(python3 - "$TMP/c1.json" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))["compare"]["options"][0]["regret"]
print("%.4g, %.4g" % (o["lo"], o["hi"]))
PY
)
expect_grep "the text's regret interval is the JSON's" "expected regret [0-9.e-]+ \[$want\]" "$TMP/c1.txt"

# F7.3: --set of the varied parameter was taken silently (the sweep overrode it)
expect_status "sweep --vary p --set p refused" 2 \
  "$BRINK" sweep "$D/s2.yaml" --vary p=0:1:3 --set p=0.2
expect_grep "names both" "--vary p=0:1:3 and --set p=0.2 both give parameter 'p'" "$TMP/stderr"
expect_status "sweep --vary p --set of another parameter" 0 \
  "$BRINK" sweep "$D/s4.yaml" --vary x=0:1:3 --set y=0.5

# F7.4: the compare question answered from the first equilibrium only ("in: A 1, B 1") while
# the other equilibrium (B replies y) gives A 0 after "in": the answer says they differ
"$BRINK" analyze "$D/c2q.yaml" >"$TMP/c2q.txt" 2>"$TMP/stderr"
expect_grep "compare question: the equilibria differ after 'in'" \
  'in: A 1, B 1\. \(The 2 equilibria differ after it: A from 0 to 1;' "$TMP/c2q.txt"
if grep -qE 'out: .*differ' "$TMP/c2q.txt"; then bad "compare question: 'out' is the same in both"; else ok; fi
"$BRINK" analyze "$D/c2q.yaml" --json >"$TMP/c2q.json" 2>"$TMP/stderr"
python3 - "$TMP/c2q.json" <<'PY' && ok || bad "compare question JSON: equilibria_differ with the ranges"
import json, sys
o = json.load(open(sys.argv[1]))["answers"][0]["options"]
assert o[0]["equilibria_differ"] is False and "values_lo" not in o[0], o[0]
assert o[1]["equilibria_differ"] is True
lo = {v["actor"]: v["value"] for v in o[1]["values_lo"]}
hi = {v["actor"]: v["value"] for v in o[1]["values_hi"]}
assert lo == {0: 0, 1: 1} and hi == {0: 1, 1: 1}, (lo, hi)
PY
expect_schema "compare question JSON against the schema" "$TMP/c2q.json" brink-analysis

# tester 12, F9.6: a compare question whose watch matches decisions side by side is refused
# with them (the rule of compare --at), not answered for the first silently
"$BRINK" analyze "$D/c2q-sides.yaml" >"$TMP/sides.txt" 2>"$TMP/stderr"
expect_grep "compare question: matches side by side refused" \
  "could not be answered: .*'S@\*' matches 2 decisions, none of them before the others" "$TMP/sides.txt"

finish
