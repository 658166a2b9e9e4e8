#!/usr/bin/env bash
# montecarlo_region_budget.sh — the region path is an accelerator: it has a time budget tied
# to the run (half the estimated cost of solving every draw), says when it stopped there, and
# the draws it did not cover are solved, with the same findings as --exact.
source "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
F="$SRC/tests/data/thresholds/slow-roots.yaml"   # x ~ uniform(0, 2); roots that take minutes
t0=$(date +%s.%N)
timeout 30 "$BRINK" montecarlo "$F" --samples 10 --threads 1 --json --draws >"$TMP/mc.json" \
  2>"$TMP/err" && ok || bad "region budget: exit $? $(cat "$TMP/err")"
t1=$(date +%s.%N)
"$BRINK" montecarlo "$F" --samples 10 --threads 1 --json --draws --exact >"$TMP/ex.json" \
  2>"$TMP/err" && ok || bad "exact: $(cat "$TMP/err")"
"$PY" - "$TMP/mc.json" "$TMP/ex.json" "$t0" "$t1" <<'PYEOF' && ok || bad "region budget"
import json, sys
d = json.load(open(sys.argv[1])); e = json.load(open(sys.argv[2]))
took = float(sys.argv[4]) - float(sys.argv[3])
assert took < 5, "took %.1f s" % took
reg = d["regions"]
assert reg is not None and reg["stopped"] is True and reg["budget_s"] >= 0.1, reg
assert reg["lookup"] + reg["solved"] == 10, reg
assert reg["seconds"] < reg["budget_s"] + 1, reg
# the same findings draw by draw as the exact path
key = lambda r: [(x["x"], x["equilibria"], x["choice"], x["outcome"]) for x in r["draws"]]
assert key(d) == key(e), (d["draws"][:2], e["draws"][:2])
PYEOF
"$BRINK" montecarlo "$F" --samples 10 --threads 1 >"$TMP/mc.txt" 2>&1
expect_grep "region budget: said" "The region path stopped at its time budget" "$TMP/mc.txt"
finish
