#!/usr/bin/env bash
# negotiate_cli.sh — `brink negotiate` and `brink tournament`: the JSON validates against
# schema/brink-negotiation.schema.json and schema/brink-tournament.schema.json; equilibrium
# agents on the split pie agree at once on Rubinstein's share (within the grid's bound);
# results do not depend on --threads; the GENIUS test domain reads and its broken variants
# give file:line errors; usage errors exit 2. Skips (77) without python3 jsonschema.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
python3 -c "import jsonschema" 2>/dev/null || { echo "SKIP: python3 jsonschema missing"; exit 77; }
G=$SRC/tests/data/negotiate/genius

validate() { # validate SCHEMA FILE [SCHEMA FILE ...] (one python start: jsonschema loads slowly)
  python3 - "$@" <<'PY'
import json, sys, jsonschema
args = sys.argv[1:]
for s, f in zip(args[0::2], args[1::2]):
    schema = json.load(open(s))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.load(open(f)))
PY
}

# --list names every agent
expect_status "negotiate --list" 0 "$BRINK" negotiate --list
for a in boulware linear conceder hardliner tft-naive tft-relative random reciprocity no-more equilibrium; do
  expect_grep "--list names $a" "^  $a " "$TMP/stdout"
done

# one run, text and JSON; both say the same ending
expect_status "negotiate korea" 0 "$BRINK" negotiate --domain korea --agents conceder,reciprocity --rounds 40
expect_grep "text: agreement" "^Agreement after" "$TMP/stdout"
"$BRINK" negotiate --domain korea --agents conceder,reciprocity --rounds 40 --json >"$TMP/run.json" 2>"$TMP/err" || bad "negotiate --json: $(cat "$TMP/err")"
"$BRINK" negotiate --domain korea --agents hardliner,hardliner --rounds 5 --json >"$TMP/dl.json"
python3 - "$TMP/dl.json" <<'PY' && ok || bad "hardliners: deadline after 10 turns, reservation utilities"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["end"] == "deadline" and r["turns"] == 10 and r["agreement"] is None
assert [r["utility"][i] == r["parties"][i]["reservation"] for i in (0, 1)] == [True, True]
PY

# no built-in agent agrees to less than its reservation value once discounted (tester 10b, F4:
# two Boulware agents on korea agreed in turn 179 on 0.269 / 0.093 against 0.35 / 0.25); from
# turn 138 on not even the DPRK's best outcome is worth 0.25 (0.99^138 = 0.2498): it walks
# away in its first turn after that, 139
"$BRINK" negotiate --domain korea --agents boulware,boulware --json >"$TMP/bb.json"
python3 - "$TMP/bb.json" <<'PY' && ok || bad "boulware vs boulware on korea: a deal below a reservation value"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["end"] == "breakdown" and r["turns"] == 140, (r["end"], r["turns"])
assert r["steps"][-1] == {**r["steps"][-1], "turn": 139, "act": "end"}, r["steps"][-1]
assert r["utility"] == [0.35, 0.25], r["utility"]
PY
"$BRINK" negotiate --domain "$SRC/tests/data/negotiate/yaml/talks_expr.yaml" --agents linear,conceder --json >"$TMP/lc.json"
python3 - "$TMP/lc.json" <<'PY' && ok || bad "linear vs conceder on talks_expr.yaml: a deal below a reservation value"
import json, sys
r = json.load(open(sys.argv[1]))
assert all(u >= p["reservation"] for u, p in zip(r["utility"], r["parties"])), r["utility"]
PY

# the mediated protocol: JSON validates (checked below with the others), words say so
"$BRINK" negotiate --protocol mediated --domain random:4 --rounds 50 --json >"$TMP/med.json" || bad "mediated --json"
expect_status "mediated text" 0 "$BRINK" negotiate --protocol mediated --domain random:4 --rounds 50
expect_grep "mediated: words" "votes as a hill-climber" "$TMP/stdout"
expect_status "mediated with agents" 2 "$BRINK" negotiate --protocol mediated --agents linear,linear
expect_status "bad protocol" 2 "$BRINK" negotiate --protocol auction

# a wall-clock deadline ends a negotiation the round deadline would not
# (on random:1, undiscounted: on korea the DPRK walks away in turn 139, its best outcome worth
# less than its reservation value by then)
expect_status "seconds deadline" 0 "$BRINK" negotiate --domain random:1 --agents hardliner,hardliner --rounds 1000000 --seconds 0.1
expect_grep "seconds: deadline" "^No agreement: the deadline passed after [0-9]+ turns" "$TMP/stdout"
if ! grep -q "after 2000000 turns" "$TMP/stdout"; then ok; else bad "--seconds did not stop the run"; fi
expect_status "seconds 0" 2 "$BRINK" negotiate --seconds 0

# Rubinstein (1982) on the split pie (discount 0.9 each): share 1/(1+0.9) = 10/19; on a grid
# of 1/100 within g (1 + d) / (1 - d^2) = 0.1, agreed at once (turn 0, accepted in turn 1)
"$BRINK" negotiate --domain split --agents equilibrium,equilibrium --json >"$TMP/rb.json"
python3 - "$TMP/rb.json" <<'PY' && ok || bad "equilibrium agents on split: not Rubinstein's share"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["end"] == "agreement" and r["agreement_turn"] == 0 and r["turns"] == 2
assert abs(r["utility"][0] - 10 / 19) <= 0.01 * 1.9 / 0.19 + 1e-9, r["utility"]
assert abs(r["utility"][0] + r["utility"][1] - 1) < 1e-9
PY

# tournament: schema; the same numbers on 1 and 2 threads
"$BRINK" tournament --domains korea,random:3 --reps 3 --rounds 30 --json >"$TMP/t1.json" 2>"$TMP/err" || bad "tournament: $(cat "$TMP/err")"
"$BRINK" tournament --domains korea,random:3 --reps 3 --rounds 30 --threads 2 --json >"$TMP/t2.json"
N=$SRC/schema/brink-negotiation.schema.json
if validate "$N" "$TMP/run.json" "$N" "$TMP/dl.json" "$N" "$TMP/med.json" "$SRC/schema/brink-tournament.schema.json" \
            "$TMP/t1.json" 2>"$TMP/err"; then ok; else bad "schema: $(tail -3 "$TMP/err")"; fi
python3 - "$TMP/t1.json" "$TMP/t2.json" <<'PY' && ok || bad "tournament differs between 1 and 2 threads"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for k in ("seconds", "threads"):
    a.pop(k); b.pop(k)
assert a == b
assert a["negotiations"] == 10 * 9 * 2 * 3
PY
expect_status "tournament text" 0 "$BRINK" tournament --agents boulware,conceder,reciprocity,no-more --reps 2
expect_grep "tournament: table" "^reciprocity +[01]\.[0-9]{3} ±" "$TMP/stdout"
expect_grep "tournament: count" "^24 negotiations" "$TMP/stdout"

# GENIUS: the test domain (3 x 5 x 11 x 3 outcomes) and located errors
expect_status "genius domain" 0 "$BRINK" negotiate --genius "$G/job_domain.xml,$G/job_employer.xml,$G/job_candidate.xml" --agents linear,linear --json
python3 - "$TMP/stdout" <<'PY' && ok || bad "genius: outcome count or values"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["outcomes"] == 495, r["outcomes"]
assert [p["actor"] for p in r["parties"]] == ["job_employer", "job_candidate"]
# GENIUS discounts over normalised time: 0.8 over 100 rounds of 2 turns
assert abs(r["parties"][0]["discount"] - 0.8 ** (1 / 200)) < 1e-12
assert r["parties"][1]["discount"] == 1 and r["parties"][1]["reservation"] == 0.3
v = r["steps"][0]["outcome"]["values"]
assert set(v) == {"role", "leave-weeks", "salary", "remote"}
PY
for c in "weights:2:.*weights sum to 1.3" "evaluator:13:.*evaluator leaves" "item:17:.*not in the domain" "truncated:11:.*Premature end"; do
  f=${c%%:*} want=${c#*:}
  expect_status "genius bad/$f" 2 "$BRINK" negotiate --genius "$G/job_domain.xml,$G/job_employer.xml,$G/bad/$f.xml"
  expect_grep "genius bad/$f message" "bad/$f.xml:$want" "$TMP/stderr"
done

# the YAML form inside a scenario: the scenario still analyses and validates against the
# scenario schema; the domain negotiates; broken variants give file:line:column errors
Y=$SRC/tests/data/negotiate/yaml
expect_status "yaml scenario analyses" 0 "$BRINK" analyze "$Y/talks.yaml" --no-questions
python3 - "$SRC/schema/brink-scenario.schema.json" "$Y/talks.yaml" <<'PY' && ok || bad "talks.yaml against the scenario schema"
import json, sys, yaml, jsonschema
jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(yaml.safe_load(open(sys.argv[2])))
PY
# utilities as expressions: the scenario still analyses and validates; the domain negotiates
expect_status "yaml expr scenario analyses" 0 "$BRINK" analyze "$Y/talks_expr.yaml" --no-questions
python3 - "$SRC/schema/brink-scenario.schema.json" "$Y/talks_expr.yaml" <<'PY' && ok || bad "talks_expr.yaml against the scenario schema"
import json, sys, yaml, jsonschema
jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(yaml.safe_load(open(sys.argv[2])))
PY
# (linear,conceder agreed here in turn 96 on a US utility of 0.253 < its reservation 0.3, before
# agents weighed discounting; now the US ends the negotiation; conceders agree in turn 66)
expect_status "yaml expr domain" 0 "$BRINK" negotiate --domain "$Y/talks_expr.yaml" --agents conceder,conceder
expect_grep "yaml expr: agreement" "^Agreement after" "$TMP/stdout"
expect_status "yaml domain" 0 "$BRINK" negotiate --domain "$Y/talks.yaml" --agents linear,conceder
expect_grep "yaml: actor names" "^  2. North Korea plays conceder" "$TMP/stdout"
for c in "weights:35:16: error: weights sum to 1.1" "level:37:27: error: 'moratorum' is not a level" \
         "range:22:19: error: issue 'denuc': range" "actor:33:5: error: 'ROK' is not an actor" \
         "value:39:21: error: a value must be" \
         "expr_range:35:16: error: utility 1.5 at freeze=none, relief=none, denuc=75 is not in" \
         "expr_syntax:35:33: error: expected '\\)'" "expr_name:35:16: error: unknown name 'frieze' \\(did you mean 'freeze'" \
         "expr_both:36:7: error: party 'DPRK' gives a utility expression and weights" \
         "expr_undefined:35:16: error: utility is undefined at freeze=none"; do
  f=${c%%:*} want=${c#*:}
  expect_status "yaml bad/$f" 2 "$BRINK" negotiate --domain "$Y/bad/$f.yaml"
  expect_grep "yaml bad/$f message" "bad/$f.yaml:$want" "$TMP/stderr"
done

# usage errors
expect_status "unknown agent" 2 "$BRINK" negotiate --agents boulware,nobody
expect_status "agent count" 2 "$BRINK" negotiate --agents boulware
expect_status "rounds 0" 2 "$BRINK" tournament --rounds 0
expect_status "unknown domain" 2 "$BRINK" tournament --domains atlantis
expect_status "bad random seed" 2 "$BRINK" tournament --domains random:x
# no-more's half-time rule weighs what it was offered as an agreement now would be worth
# (discounted): offered only 0.5 (0.22 at turn 40 with discount 0.98) against reservation 0.3,
# it walks away at half time, turn 40 (it went on to turn 60 comparing 0.5 with 0.3)
expect_status "no-more discounted" 0 "$BRINK" negotiate --domain "$SRC/tests/data/negotiate/yaml/discounted_walk.yaml" --agents no-more,hardliner --rounds 40
expect_grep "no-more walks at half time" "United States ended the negotiation in turn 40\." "$TMP/stdout"
finish
