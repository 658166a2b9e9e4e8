#!/usr/bin/env bash
# montecarlo_sobol.sh — `brink montecarlo --sobol N`: usage errors, correlated parameters
# refused in words, the text report, the JSON against schema/brink-montecarlo.schema.json,
# the same numbers with 1 and 2 threads, and on tests/data/montecarlo/sobol-toy.yaml (p decides
# the outcome, q provably does not) q's indices exactly 0 with the interval [0, 0] while p's
# total index is about 1.
source "$(dirname "$0")/lib.bash"
TOY="$SRC/tests/data/montecarlo/sobol-toy.yaml"

expect_status "bad --sobol" 2 "$BRINK" montecarlo "$TOY" --sobol 1
expect_status "--sobol with --db" 2 "$BRINK" montecarlo "$TOY" --samples 5 --sobol 10 --db "$TMP/r.sqlite"
expect_grep "db refused" "not with a database" "$TMP/stderr"
cat >"$TMP/fixed.yaml" <<'Y'
brink: 1
id: fixed
actors: {A: {}}
parameters:
  p: {value: 0.5, range: [0, 1]}
issues: {x: [a, b]}
preferences: {A: {x=a: p}}
game:
  A:
    l: {outcome: {x: a}}
    r: {outcome: {x: b}}
Y
expect_status "no drawn parameter" 2 "$BRINK" montecarlo "$TMP/fixed.yaml" --samples 5 --sobol 10
expect_grep "nothing drawn" "no parameter declares a distribution" "$TMP/stderr"
cat >"$TMP/corr.yaml" <<'Y'
brink: 1
id: corr
actors: {A: {}}
parameters:
  c1: {value: 0, distribution: 'normal(0, 1)'}
  c2: {value: 0, distribution: 'normal(0, 1)'}
correlations:
  - {parameters: [c1, c2], rho: 0.6}
issues: {x: [a, b]}
preferences: {A: {x=a: c1 + c2}}
game:
  A:
    l: {outcome: {x: a}}
    r: {outcome: {x: b}}
Y
expect_status "correlated refused" 2 "$BRINK" montecarlo "$TMP/corr.yaml" --samples 5 --sobol 10
expect_grep "independent" "assume independent parameters, but 'c1' and 'c2' are correlated" "$TMP/stderr"

expect_status "toy text" 0 "$BRINK" montecarlo "$TOY" --samples 50 --sobol 500 --watch 'A@*'
expect_grep "heading" "Sobol indices \(Saltelli's design, 500 base rows: 2000 draws" "$TMP/stdout"
expect_grep "q without effect" "q: S1 0 \[0, 0\], ST 0 \[0, 0\]" "$TMP/stdout"

for t in 1 2; do
  "$BRINK" montecarlo "$TOY" --samples 50 --sobol 800 --watch 'A@*' --json --threads $t \
    >"$TMP/s$t.json" 2>"$TMP/e$t" || bad "sobol json t$t: $(cat "$TMP/e$t")"
done
if command -v python3 >/dev/null 2>&1; then
  python3 - "$TMP/s1.json" "$TMP/s2.json" <<'PY' && ok || bad "sobol: threads or values"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d.pop("seconds"); d.pop("threads"); d["sobol"].pop("seconds")
assert a == b, "1 and 2 threads differ"
s = a["sobol"]
assert s["base_rows"] == 800 and s["draws"] == 800 * 4 and s["failed"] == 0
kinds = [o["kind"] for o in s["outputs"]]
assert kinds == ["outcome", "outcome", "choice", "choice", "value"], kinds
for o in s["outputs"][:4]:
    ix = {i["name"]: i for i in o["indices"]}
    q, p = ix["q"], ix["p"]
    assert all(q[k] == 0 for k in ("s1", "s1_lo", "s1_hi", "st", "st_lo", "st_hi")), q
    assert p["st"] > 0.9 and p["st_lo"] <= 1 <= p["st_hi"], p
PY
  if python3 -c "import jsonschema" 2>/dev/null; then
    python3 - "$SRC" "$TMP/s1.json" <<'PY' && ok || bad "sobol JSON against the schema"
import json, sys, jsonschema
schema = json.load(open(f"{sys.argv[1]}/schema/brink-montecarlo.schema.json"))
v = jsonschema.Draft202012Validator(schema)
d = json.load(open(sys.argv[2]))
errs = list(v.iter_errors(d))
assert not errs, [(list(e.path), e.message[:200]) for e in errs[:3]]
# not vacuous: an index given as words, or a choice without its action, is rejected
d["sobol"]["outputs"][0]["indices"][0]["st"] = "high"
assert list(v.iter_errors(d))
d = json.load(open(sys.argv[2])); del d["sobol"]["outputs"][2]["action"]
assert list(v.iter_errors(d))
PY
  fi
fi
# Shift invariance (tester 10, F5): adding 100 to every payoff changes no index. The
# uncentred first-order estimator gave S1 = -50.9 [-163.9, 66.8] for an index that is 1.
for f in noshift shift; do
  expect_status "sobol $f" 0 "$BRINK" montecarlo "$SRC/tests/data/montecarlo/sobol-$f.yaml" \
    --samples 10 --sobol 4000 --seed 1 --json
  cp "$TMP/stdout" "$TMP/sobol-$f.json"
done
if python3 - "$TMP/sobol-noshift.json" "$TMP/sobol-shift.json" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
def value_a(d):
    for o in d["sobol"]["outputs"]:
        if o["kind"] == "value" and o["label"].endswith("A"):
            return o["indices"][0]
    raise SystemExit("no value output")
x, y = value_a(a), value_a(b)
for key in ("s1", "s1_lo", "s1_hi", "st"):
    assert abs(x[key] - y[key]) <= 1e-9 * (1 + abs(x[key])), (key, x[key], y[key])
assert x["s1_lo"] <= 1 <= x["s1_hi"], x
PY
then ok; else bad "Sobol indices change when a constant is added to the payoffs"; fi
finish
