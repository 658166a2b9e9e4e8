# number_edges.sh — numbers at their edges (tester's issue 14): a VALUE that is number-shaped
# but no number (1/0) says "zero denominator", wherever a number is read (--set, sweep's
# --vary, a scenario's value, generate's options), not "not a number"; a Monte Carlo draw
# stays inside its distribution's support: lognormal(0, 1000) truncated to [0, 1] underflows
# to 0 in doubles, and is kept at the smallest positive double, never 0.
. "$(dirname "$0")/lib.bash"

expect_status "--set 1/0" 2 "$BRINK" analyze m1 --set p_resolute=1/0
expect_grep "--set 1/0: zero denominator" "^brink analyze: --set p_resolute=1/0: zero denominator in '1/0'" "$TMP/stderr"
expect_status "--set abc" 2 "$BRINK" analyze m1 --set p_resolute=abc
expect_grep "--set abc: not a number" "VALUE is not a number" "$TMP/stderr"
expect_status "sweep --vary 1/0" 2 "$BRINK" sweep m1 --vary p_resolute=0:1/0:3
expect_grep "sweep 1/0: zero denominator" "--vary p_resolute=0:1/0:3: zero denominator in '1/0'" "$TMP/stderr"
sed 's/^    value: 0.3$/    value: 1\/0/' "$SRC/scenarios/m1-summit-brinkmanship.yaml" >"$TMP/m1z.yaml"
expect_status "value: 1/0" 2 "$BRINK" analyze "$TMP/m1z.yaml"
expect_grep "value 1/0: located, zero denominator" "m1z\.yaml:[0-9]+:[0-9]+: error: value: zero denominator in '1/0'" "$TMP/stderr"
expect_status "generate r=1/0" 2 "$BRINK" generate covariant r=1/0
expect_grep "generate r=1/0: zero denominator" "generate covariant: r=1/0: zero denominator" "$TMP/stderr"

S=$SRC/tests/data/montecarlo/lognormal-wide.yaml
expect_status "lognormal(0, 1000) on [0, 1]" 0 "$BRINK" montecarlo "$S" --samples 2000 --seed 1 --threads 1 --json --draws --watch A@start
if python3 - "$TMP/stdout" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
xs = [dr["x"][0] for dr in d["draws"]]
assert len(xs) == 2000
assert all(0 < x <= 1 for x in xs), min(xs)
assert min(xs) == 5e-324, min(xs)   # the underflows, kept at the smallest positive double
PY
then ok; else bad "a lognormal draw outside its support (x > 0)"; fi
finish
