#!/usr/bin/env bash
# montecarlo.sh — `brink montecarlo` and `brink compare`: usage errors, located errors for bad
# distributions, the JSON output against schema/brink-montecarlo.schema.json, and the same
# output (but for timing and thread count) with 1 and 2 threads.
source "$(dirname "$0")/lib.bash"

expect_status "no scenario" 2 "$BRINK" montecarlo
expect_status "bad --samples" 2 "$BRINK" montecarlo m1 --samples 0
expect_status "bad --threads" 2 "$BRINK" montecarlo m1 --threads x
expect_status "--draws without --json" 2 "$BRINK" montecarlo m1 --draws
expect_status "compare needs --actor" 2 "$BRINK" compare m1 --samples 5
expect_status "unknown watch" 2 "$BRINK" montecarlo m1 --samples 5 --watch USA@nowhere

# a bad distribution is a located error at load
cat >"$TMP/bad.yaml" <<'Y'
brink: 1
id: bad
actors: {A: {}}
parameters:
  p:
    value: 0.5
    range: [0, 1]
    distribution: normal(nan, 1)
issues: {x: [a, b]}
preferences: {A: {x=a: p}}
game:
  A:
    l: {outcome: {x: a}}
    r: {outcome: {x: b}}
Y
expect_status "normal(nan, 1)" 2 "$BRINK" montecarlo "$TMP/bad.yaml"
expect_grep "located" "bad.yaml:8:26: error: argument 1 of normal\(\) must be a number.*found 'nan'" "$TMP/stderr"
sed -i 's/normal(nan, 1)/normal(0.5, 0.2)/' "$TMP/bad.yaml"
expect_status "support outside the range" 2 "$BRINK" montecarlo "$TMP/bad.yaml"
expect_grep "truncate hint" "bad.yaml:8:19: error: .*outside the range.*truncate: true" "$TMP/stderr"
printf '    truncate: true\n' >"$TMP/t"
sed -i "/distribution:/r $TMP/t" "$TMP/bad.yaml"
expect_status "truncated: runs" 0 "$BRINK" montecarlo "$TMP/bad.yaml" --samples 50
expect_grep "drawn" "p ~ normal \(truncated to its range\)" "$TMP/stdout"

# text report
expect_status "m1 text" 0 "$BRINK" montecarlo m1 --samples 100 --threads 2
expect_grep "watched" "hold firm: [0-9.]+%" "$TMP/stdout"
expect_grep "unique" "unique \(proved\)" "$TMP/stdout"
expect_status "compare text" 0 "$BRINK" compare m1 --actor USA --samples 50
expect_grep "options" "Options of USA" "$TMP/stdout"

# JSON: 1 and 2 threads agree; the schema accepts both outputs
"$BRINK" montecarlo m1 --samples 120 --json --draws --threads 1 >"$TMP/t1.json" 2>"$TMP/e1" || bad "json t1: $(cat "$TMP/e1")"
"$BRINK" montecarlo m1 --samples 120 --json --draws --threads 2 >"$TMP/t2.json" 2>"$TMP/e2" || bad "json t2: $(cat "$TMP/e2")"
"$BRINK" compare m1 --actor USA --samples 30 --json --sensitivity >"$TMP/c.json" 2>"$TMP/e3" || bad "compare json: $(cat "$TMP/e3")"
if command -v python3 >/dev/null 2>&1; then
  python3 - "$TMP/t1.json" "$TMP/t2.json" <<'PY' && ok || bad "1 and 2 threads differ"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d.pop("seconds"); d.pop("threads")
assert a == b
assert len(a["draws"]) == 120 and a["samples"] == 120
PY
  if python3 -c "import jsonschema" 2>/dev/null; then
    python3 - "$SRC" "$TMP/t1.json" "$TMP/c.json" <<'PY' && ok || bad "montecarlo JSON against its schema"
import json, sys, jsonschema
schema = json.load(open(f"{sys.argv[1]}/schema/brink-montecarlo.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
for p in sys.argv[2:]:
    d = json.load(open(p))
    errs = list(v.iter_errors(d))
    assert not errs, [(list(e.path), e.message[:200]) for e in errs[:3]]
c = json.load(open(sys.argv[3]))
assert "compare" in c and len(c["sensitivity"]) == 2
# the schema is not vacuous: a proportion given as words is rejected
d = json.load(open(sys.argv[2])); d["unique"] = "most"
assert list(v.iter_errors(d))
PY
  fi
fi
# The exact path reuses a solve workspace per worker (src/analysis/eqsolve.c): every draw's
# findings must not depend on the thread count nor on the path (--exact solves every draw
# without the double and region paths): M1 and M6 (reduced strategic form and the sequential
# method), a copy of M3 whose postponed chance move is re-bound to each draw, M7 (3 actors).
if command -v python3 >/dev/null 2>&1; then
  for c in m1:300 m6:24 data/montecarlo/m3-showman-drawn.yaml:200 m7:60; do
    id=${c%:*} n=${c##*:}
    "$BRINK" montecarlo "$id" --samples "$n" --json --draws --threads 1 >"$TMP/w1.json" 2>"$TMP/e1" &&
      "$BRINK" montecarlo "$id" --samples "$n" --json --draws --threads 2 >"$TMP/w2.json" 2>"$TMP/e2" &&
      "$BRINK" montecarlo "$id" --samples "$n" --json --draws --threads 2 --exact >"$TMP/wx.json" 2>"$TMP/e3" ||
      { bad "$id: $(cat "$TMP/e1" "$TMP/e2" "$TMP/e3")"; continue; }
    python3 - "$TMP/w1.json" "$TMP/w2.json" "$TMP/wx.json" "$n" <<'PY' && ok || bad "$id: threads or --exact change the draws"
import json, sys
a, b, x = (json.load(open(p)) for p in sys.argv[1:4])
for d in (a, b, x):
    d.pop("seconds"); d.pop("threads")
assert a == b, "1 and 2 threads differ"
assert len(a["draws"]) == int(sys.argv[4])
for d in (a, x):   # the paths tried are counted apart; the findings are the same
    d.pop("regions", None); d.pop("double_path", None)
assert a == x, "--exact differs"
PY
  done
fi
# every draw kept, more than the machine's memory: refused at once (tester 10, F7.9: exit 3,
# out of memory, after allocating)
expect_status "--samples beyond memory with --draws" 2 "$BRINK" montecarlo m1 --samples 4000000000000 --json --draws
expect_grep "beyond memory: said" "needs at least .* GB of memory; this machine has" "$TMP/stderr"
finish
