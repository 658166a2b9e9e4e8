#!/usr/bin/env bash
# threshold_limits.sh — what a threshold question claims when it cannot do everything:
#  - --time-limit bounds the whole question (a degree-80 payoff whose roots take minutes):
#    the parts not done are "not certified: time limit", never a region or a flip;
#  - a failed sample covers only what is proved about it: a negative chance probability is
#    a sign condition, so the invalid part is exactly the interval where it stays negative,
#    and the valid parts on either side are answered.
source "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
D="$SRC/tests/data/thresholds"

# --- the time limit bounds the question
t0=$(date +%s.%N)
timeout 30 "$BRINK" analyze "$D/slow-roots.yaml" --time-limit 0.5 --json >"$TMP/slow.json" \
  2>"$TMP/err" && ok || bad "slow roots: exit $? $(cat "$TMP/err")"
t1=$(date +%s.%N)
"$PY" - "$TMP/slow.json" "$t0" "$t1" <<'PYEOF' && ok || bad "slow roots: time limit"
import json, sys
d = json.load(open(sys.argv[1]))
assert float(sys.argv[3]) - float(sys.argv[2]) < 5, "took %.1f s" % (float(sys.argv[3]) - float(sys.argv[2]))
t = [a for a in d["answers"] if a.get("threshold")][0]["threshold"]
reasons = [r.get("reason") for r in t["regions"] if r["status"] == "unknown"]
assert "time_limit" in reasons, t["regions"]
for f in t["flips"]:   # a flip only between certified regions, never into the unknown
    for k in ("region_below", "region_above"):
        assert t["regions"][f[k]]["status"] == "certified", f
PYEOF
timeout 30 "$BRINK" analyze "$D/slow-roots.yaml" --time-limit 0.5 >"$TMP/slow.txt" 2>&1
expect_grep "slow roots: words" "not certified: time limit" "$TMP/slow.txt"

finish
