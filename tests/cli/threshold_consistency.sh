#!/usr/bin/env bash
# threshold_consistency.sh — certified regions rest on consistent off-path beliefs (issue 8):
# the chain store with a = 1 (tests/data/thresholds/chainstore-consistency.yaml) must not
# certify "stay_out" at q = 1/10, and with a = 2 (the generic case, whose beliefs depend on
# mixed probabilities) it must say it cannot certify rather than guess.
source "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
F="$SRC/tests/data/thresholds/chainstore-consistency.yaml"
"$BRINK" analyze "$F" --json >"$TMP/a1.json" 2>"$TMP/err" && ok || bad "a = 1: $(cat "$TMP/err")"
"$PY" - "$TMP/a1.json" <<'PYEOF' && ok || bad "a = 1: the region at q = 1/10"
import json, sys
d = json.load(open(sys.argv[1]))
t = [a for a in d["answers"] if a.get("threshold")][0]["threshold"]
acts = t["watch"][0]["actions"]
played = {st["id"]: {acts[a] for a in st["played"][0]} for st in t["states"]}
reg = [r for r in t["regions"] if r["lo"]["value"] <= 0.1 <= r["hi"]["value"]]
assert reg, t["regions"]
for r in reg:
    if r["status"] != "certified":
        continue
    choices = set().union(*(played[s] for s in r["states"]))
    assert "enter" in choices, (r, choices)      # the first entrant enters at q = 1/10
PYEOF
"$BRINK" analyze "$F" --set a=2 >"$TMP/a2.txt" 2>&1
expect_grep "a = 2: no certified guess" "not certified" "$TMP/a2.txt"
finish
