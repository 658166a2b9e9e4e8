#!/usr/bin/env bash
# question_checks.sh — an outside tester's findings on questions and sweeps (issues 8/9):
# a question in the file and `brink sweep --vary` get the same checks (a parameter named
# twice, a range beyond the declared one; ranges of parameters that declare none are
# allowed in both); a sweep that fails at a grid point goes on with the others and names,
# for the point, the file:line:column of the cause (a payoff expression, a chance node) and
# the point, in text, in --json (validated against the schema) and from `brink sweep`; only
# a sweep whose every point fails is an error; `--set` without NAME=VALUE says the form.
# The refusals of bad question files are goldens in data/scenarios/bad/q_*.yaml.
source "$(dirname "$0")/lib.bash"

P=data/questions/pole.yaml
C=data/questions/chance_sum.yaml

# --- sweep errors: located, with the grid point (x = 1 is the pole of 1/(x - 1)); the other
# points are answered
"$BRINK" analyze "$P" >"$TMP/pole.txt" 2>"$TMP/stderr" && ok || bad "analyze pole: $(cat "$TMP/stderr")"
tr '\n' ' ' <"$TMP/pole.txt" | tr -s ' ' >"$TMP/pole1.txt"
expect_grep "one-parameter sweep: place and point" \
  "1 failed \(below\) - - 2 either fight or accommodate .* failed: $P:14:37: division by zero in '1/\(x - 1\) \+ z' at x = 1 exact regions" "$TMP/pole1.txt"
expect_grep "one-parameter sweep: the point after the pole is answered" \
  "3 accommodate 1 2 4 accommodate 1 2 \* several equilibria at this point: the numbers are those of the first one found .* failed" "$TMP/pole1.txt"
expect_grep "two-parameter sweep: both values" \
  "failed: $P:14:37: division by zero in '1/\(x - 1\) \+ z' at y = 0, x = 1 failed: $P:14:37: division by zero in '1/\(x - 1\) \+ z' at y = 4, x = 1 \[free\]" "$TMP/pole1.txt"
# a parameter without a declared range: the question's own range is used
expect_grep "free range answered" 'exact regions: "accommodate" on \[-10, 3/2\)' "$TMP/pole1.txt"

"$BRINK" analyze "$P" --json >"$TMP/pole.json" 2>"$TMP/stderr" && ok || bad "analyze --json pole: $(cat "$TMP/stderr")"
python3 - "$TMP/pole.json" <<'PY' && ok || bad "pole --json: error with its place"
import json, sys
a = {x["id"]: x for x in json.load(open(sys.argv[1]))["answers"]}
assert "error" not in a["sw"], a["sw"]
pts = a["sw"]["points"]
assert [p["equilibria"] for p in pts] == [1, None, 2, 1, 1], pts
assert pts[1]["error"] == {"message": "division by zero in '1/(x - 1) + z' at x = 1",
                           "line": 14, "column": 37}, pts[1]
assert "error" not in pts[0] and "values" not in pts[1], pts
bad2 = [p for p in a["sw2"]["points"] if p["equilibria"] is None]
assert [p["x_exact"] for p in bad2] == [["0", "1"], ["4", "1"]], bad2
assert bad2[0]["error"]["message"].endswith("at y = 0, x = 1"), bad2
assert "error" not in a["free"] and "error_line" not in a["free"], a["free"]
PY
if python3 -c "import jsonschema" 2>/dev/null; then
  python3 - "$SRC" "$TMP/pole.json" <<'PY' && ok || bad "pole --json against the schema"
import json, sys, jsonschema
from referencing import Registry, Resource
schema = json.load(open(f"{sys.argv[1]}/schema/brink-analysis.schema.json"))
fschema = json.load(open(f"{sys.argv[1]}/schema/brink-forecast.schema.json"))
reg = Registry().with_resource(fschema["$id"], Resource.from_contents(fschema))
jsonschema.Draft202012Validator(schema, registry=reg).validate(json.load(open(sys.argv[2])))
PY
fi

expect_status "sweep on the pole: the other points answered" 0 "$BRINK" sweep "$P" --vary x=0:4:5
tr '\n' ' ' <"$TMP/stdout" | tr -s ' ' >"$TMP/sw.txt"
expect_grep "sweep pole message" "failed: $P:14:37: division by zero in '1/\(x - 1\) \+ z' at x = 1" "$TMP/sw.txt"
# every point failing is an error, with the first point's place
expect_status "sweep where every point fails" 2 "$BRINK" sweep "$C" --vary p=0.6:1:3
[ "$(cat "$TMP/stderr")" = "$C:9:9: error: probabilities of this chance move sum to 11/10, not 1, at p = 3/5" ] \
  && ok || bad "sweep all-failed message: $(cat "$TMP/stderr")"
expect_status "sweep off the pole" 0 "$BRINK" sweep "$P" --vary x=0:4:4
"$BRINK" analyze "$C" >"$TMP/c.txt" 2>"$TMP/stderr"
tr '\n' ' ' <"$TMP/c.txt" | tr -s ' ' >"$TMP/c1.txt"
expect_grep "chance sum: the chance node and the point" \
  "0 failed \(below\) - 0.5 x 0.5 1 failed \(below\) - failed: $C:9:9: probabilities of this chance move sum to 1/2, not 1, at p = 0 failed" "$TMP/c1.txt"
expect_status "sweep chance sum: the valid point answered" 0 "$BRINK" sweep "$C" --vary p=0.25:1:4
tr '\n' ' ' <"$TMP/stdout" | tr -s ' ' >"$TMP/cs.txt"
expect_grep "sweep chance sum message" \
  "0.5 1 0.5 0.75 failed \(below\) - 1 failed \(below\) - failed: $C:9:9: probabilities of this chance move sum to 3/4, not 1, at p = 1/4 failed: $C:9:9: probabilities" "$TMP/cs.txt"

# --- the command line's sweep: the same rules as the file's
expect_status "--vary twice" 2 "$BRINK" sweep "$P" --vary x=0:4:3 --vary x=0:1:3
expect_grep "--vary twice: said" "names 'x' twice: a two-parameter sweep varies two different" "$TMP/stderr"
expect_status "--vary outside" 2 "$BRINK" sweep "$P" --vary y=0:5:3
expect_grep "--vary outside: both ranges" "range of 'y': \[0, 5\] leaves the declared range \[0, 4\]" "$TMP/stderr"
expect_status "--vary without a declared range" 0 "$BRINK" sweep "$P" --vary z=-10:10:3 --watch I@enter
# and the file's question with the same range gives the same exact regions
"$BRINK" sweep "$P" --vary z=-10:10:3 --watch I@enter --json >"$TMP/z1.json" 2>/dev/null
python3 - "$TMP/z1.json" "$TMP/pole.json" <<'PY' && ok || bad "--vary z equals the file's question"
import json, sys
s = json.load(open(sys.argv[1]))["answers"][0]
a = [x for x in json.load(open(sys.argv[2]))["answers"] if x["id"] == "free"][0]
f = lambda t: [r["at"]["exact"] for r in t["threshold"]["flips"]]
assert f(s) == f(a) == ["3/2"], (f(s), f(a))
assert s["points"] == a["points"]
PY

# a watched decision that matches nothing: refused as in a file (it printed an empty column)
expect_status "--watch matching nothing" 2 "$BRINK" sweep "$P" --vary x=0:4:3 --watch I@nowhere
expect_grep "--watch: the decisions listed" "--watch I@nowhere: no decision matches 'I@nowhere' \(decisions of I: enter\)" "$TMP/stderr"
expect_status "--watch malformed" 2 "$BRINK" sweep "$P" --vary x=0:4:3 --watch nowhere
expect_grep "--watch malformed: the form" "must look like ACTOR@LABEL" "$TMP/stderr"

# --- --set: the expected form and what was given
expect_status "bare --set" 2 "$BRINK" analyze "$P" --set
expect_grep "bare --set: form" "^brink analyze: --set needs a value: --set NAME=VALUE \(e\.g\. --set p=3/10\), and nothing follows it" "$TMP/stderr"
expect_status "--set NAME" 2 "$BRINK" analyze "$P" --set x
expect_grep "--set NAME: given" "--set expects NAME=VALUE \(e\.g\. --set p=3/10\), given 'x' \(no '='\)" "$TMP/stderr"
expect_status "--set =V" 2 "$BRINK" compile "$P" --set =3
expect_grep "--set =V: given" "given '=3' \(no NAME before '='\)" "$TMP/stderr"
expect_status "--set N=" 2 "$BRINK" sweep "$P" --vary x=0:4:3 --set x=
expect_grep "--set N=: given" "given 'x=' \(no VALUE after '='\)" "$TMP/stderr"
expect_status "--set tiny" 2 "$BRINK" analyze "$P" --set z=1e-99999
expect_grep "--set tiny: the exponent" "exponent of '1e-99999' beyond the limit \(-19729 to 19729\)" "$TMP/stderr"
expect_status "--set not a number" 2 "$BRINK" analyze "$P" --set z=abc
expect_grep "--set not a number: said" "z=abc: VALUE is not a number" "$TMP/stderr"
expect_status "--set outside the range" 2 "$BRINK" analyze "$P" --set x=9
expect_grep "--set outside: the option named" "^brink analyze: --set: x = 9 lies outside its range \[0, 4\]" "$TMP/stderr"
expect_status "--set twice" 2 "$BRINK" analyze "$P" --set x=1 --set x=2
expect_grep "--set twice: both named" "^brink analyze: --set x=2: parameter 'x' is already set by --set x=1" "$TMP/stderr"
expect_status "--iterations overflow" 2 "$BRINK" analyze "$P" --iterations 99999999999999999999999
expect_status "bare -o" 2 "$BRINK" compile "$P" -o
expect_grep "bare -o: form" "-o needs a value: -o FILE" "$TMP/stderr"
expect_status "unknown option still unknown" 2 "$BRINK" analyze "$P" --nope
expect_grep "unknown option" "unknown option '--nope'" "$TMP/stderr"

# --- a threshold whose sample lands on a pole: only that point is unknown, with its place
T=data/questions/pole_threshold.yaml
"$BRINK" analyze "$T" >"$TMP/pt.txt" 2>"$TMP/stderr" && ok || bad "analyze pole threshold: $(cat "$TMP/stderr")"
tr '\n' ' ' <"$TMP/pt.txt" | tr -s ' ' >"$TMP/pt1.txt"
expect_grep "pole threshold: below certified" '\[1/2, 1\) "accommodate" \(the only equilibrium inside\)' "$TMP/pt1.txt"
expect_grep "pole threshold: the point, located" "1 not certified: the method failed \(division by zero in '1/\(x - 1\) \+ 3'\) \(line 13, column 37\)" "$TMP/pt1.txt"
expect_grep "pole threshold: above certified" '\(1, 3/2\] "fight" \(the only equilibrium inside\)' "$TMP/pt1.txt"
if grep -q "flips" "$TMP/pt1.txt"; then bad "pole threshold: a flip claimed across an unknown point"; else ok; fi
"$BRINK" analyze "$T" --json >"$TMP/pt.json" 2>"$TMP/stderr" && ok || bad "pole threshold --json"
python3 - "$TMP/pt.json" <<'PY' && ok || bad "pole threshold --json: the unknown point with its place"
import json, sys
t = json.load(open(sys.argv[1]))["answers"][0]
regs = t["threshold"]["regions"] if "threshold" in t else t["regions"]
u = [r for r in regs if r["status"] == "unknown"]
assert len(u) == 1 and u[0]["point"] and u[0]["reason"] == "solve_failed", u
assert (u[0]["line"], u[0]["column"]) == (13, 37), u[0]
assert sum(r["status"] == "certified" for r in regs) == 2, regs
PY
S=data/questions/sum_threshold.yaml
"$BRINK" analyze "$S" >"$TMP/st.txt" 2>"$TMP/stderr" && ok || bad "analyze sum threshold: $(cat "$TMP/stderr")"
if grep -q "the same choice on either side" "$TMP/st.txt"; then bad "sum threshold: unknown neighbours called the same choice"; else ok; fi
tr '\n' ' ' <"$TMP/st.txt" | tr -s ' ' >"$TMP/st1.txt"
expect_grep "sum threshold: located" "sum to 5/6, not 1, at these parameter values\) \(line 10, column 3\)" "$TMP/st1.txt"

# --- several equilibria not ruled out: "does not change" is not claimed (every pure
# equilibrium only: the mixed one and (D, L) below 0 are not searched)
"$BRINK" analyze data/questions/mixed_incomplete.yaml --set y=-1 --method enumpure >"$TMP/mi.txt" 2>"$TMP/stderr" && ok || bad "mixed: $(cat "$TMP/stderr")"
tr '\n' ' ' <"$TMP/mi.txt" | tr -s ' ' >"$TMP/mi1.txt"
expect_grep "mixed: the weaker claim" "the equilibria found make the same watched choice over the range \(other equilibria are not ruled out\)" "$TMP/mi1.txt"
if grep -q "does not change" "$TMP/mi1.txt"; then bad "mixed: 'does not change' claimed"; else ok; fi
# the default method (every extreme equilibrium of the strategic form): the parametric vertex
# enumeration proves each part complete, and (D, L) and the mixed equilibrium are found below 0
"$BRINK" analyze data/questions/mixed_incomplete.yaml --set y=-1 >"$TMP/mi.txt" 2>"$TMP/stderr" && ok || bad "mixed: $(cat "$TMP/stderr")"
tr '\n' ' ' <"$TMP/mi.txt" | tr -s ' ' >"$TMP/mi1.txt"
expect_grep "mixed: all three below 0, complete" '\[-1, 0\] "U", "mixes U/D" or "D" \(several equilibria\) \(0, 1\] "U" \(the only equilibrium inside\) ->' "$TMP/mi1.txt"
expect_grep "mixed: it flips at 0" 'it flips at x = 0: "U", "mixes U/D" or "D" below, "U" above' "$TMP/mi1.txt"
# --- --set breaking an expression: the place in the file
expect_status "--set at a pole" 2 "$BRINK" analyze "$P" --set x=1
expect_grep "--set at a pole: located" "^brink analyze: --set: $P:14:37: division by zero" "$TMP/stderr"

# --- --time-limit is per equilibrium computation and per threshold question (help and docs
# say so); the main one
# reaching it is a stated stop (exit 2, how far it got), never an internal error (exit 3)
expect_status "time limit: main computation" 2 "$BRINK" analyze outside-options --no-questions --time-limit 0.0001
expect_grep "time limit: said" "time limit of 0.0001 s reached during backward induction \([0-9]+ of 29521 nodes done\)" "$TMP/stderr"
"$BRINK" analyze --help >"$TMP/help.txt"
expect_grep "time limit: per computation in --help" "seconds for EACH equilibrium computation and EACH threshold" "$TMP/help.txt"
expect_grep "time limit: per computation in the docs" "bounds \*\*each equilibrium computation and each threshold question\*\*" "$SRC/docs/scenario-language.md"

finish
