#!/usr/bin/env bash
# threshold_offpath_plays.sh — thresholds, sweeps and the Monte Carlo region path at a watched
# decision off the path of play where the equilibria of one play choose differently (tester
# 11b, F11 and F5):
#  1. byplay2 (one play, 2^127 subgame-perfect profiles, listed by play): the threshold over
#     c gives both actions the play's equilibria take at the watched tie ("l" or "r"), not the
#     shown profile's "l" alone, and calls the list complete (every comparison backward
#     induction makes keeps its sign): no "other equilibria not ruled out"; also where the
#     other action goes with another move above it, off the path (offpath-tie-above.yaml);
#  2. the sweep agrees with its own grid points (each "either l or r"; exact region "l" or
#     "r"), and its points count the profiles behind the plays (JSON by_play, profiles; the
#     text's equilibria column: the count, rounded past 40 digits);
#  3. the off-path tie over the whole range (two profiles listed one by one): complete, and
#     the Monte Carlo region line counts the region as proved.
source "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
D="$SRC/tests/data/thresholds"

# 1. threshold at the off-path tie
expect_status "byplay2" 0 "$BRINK" analyze "$D/tester11b-byplay2.yaml"
sed -n '/\[fE\]/,/\[fI\]/p' "$TMP/stdout" | tr '\n' ' ' | tr -s ' ' >"$TMP/fe.txt"
expect_grep "byplay2: both actions over the range" '\[-2, 2\] "l" or "r" \(several equilibria\)' "$TMP/fe.txt"
if grep -q 'not ruled out' "$TMP/fe.txt"; then bad "byplay2: a complete list called open: $(cat "$TMP/fe.txt")"; else ok; fi
expect_grep "byplay2: the choices stay" "the watched choices, which differ among the equilibria, do not change over the range" "$TMP/fe.txt"
expect_grep "byplay2: at the default" 'at the default c = 0: "l" or "r"' "$TMP/fe.txt"
"$BRINK" analyze "$D/tester11b-byplay2.yaml" --json >"$TMP/b.json" 2>"$TMP/err" && ok || bad "byplay2 --json: $(cat "$TMP/err")"
"$PY" - "$TMP/b.json" <<'PYEOF' && ok || bad "byplay2: JSON threshold regions"
import json, sys
d = json.load(open(sys.argv[1]))
t = [a for a in d["answers"] if a.get("id") == "fE"][0]["threshold"]
acts = t["watch"][0]["actions"]
played = {s["id"]: sorted(acts[a] for a in s["played"][0]) for s in t["states"]}
assert t["regions"] and not t["flips"]
for r in t["regions"]:   # (the text shows them as one line: the same answer)
    assert sorted(sum((played[s] for s in r["states"]), [])) == ["l", "r"], r
    assert r["complete_at_sample"] and not r["unique"], r
    assert r["complete"] or r["point"], r   # (a point's list is its sample's)
PYEOF
expect_schema "byplay2: schema" "$TMP/b.json" brink-analysis
# the other action at a watched tie is an equilibrium's only with a move above it changed
# (offpath-tie-above.yaml: I's r at in/a goes with J's b): that decision off the path moves
# too, and both actions are traced
expect_status "above" 0 "$BRINK" analyze "$D/offpath-tie-above.yaml"
tr '\n' ' ' <"$TMP/stdout" | tr -s ' ' >"$TMP/above.txt"
expect_grep "above: both actions" '\[0, 1\] "l" or "r" \(several equilibria\)' "$TMP/above.txt"
if grep -q 'not ruled out' "$TMP/above.txt"; then bad "above: a complete list called open"; else ok; fi

# 2. the sweep: grid points and exact regions agree; counts of profiles in the JSON
expect_status "sweep" 0 "$BRINK" sweep "$D/tester11b-byplay2.yaml" --vary c=-2:2:3 --watch I@enter/fight
tr '\n' ' ' <"$TMP/stdout" | tr -s ' ' >"$TMP/sw.txt"
expect_grep "sweep: exact region of both" 'exact regions: "l" or "r" on \[-2, 2\]' "$TMP/sw.txt"
if grep -q 'others not ruled out' "$TMP/sw.txt"; then bad "sweep: a complete list called open"; else ok; fi
"$BRINK" sweep "$D/tester11b-byplay2.yaml" --vary c=-2:2:3 --watch I@enter/fight --json >"$TMP/s.json" 2>"$TMP/err" && ok || bad "sweep --json: $(cat "$TMP/err")"
"$PY" - "$TMP/s.json" <<'PYEOF' && ok || bad "sweep: JSON profile counts"
import json, sys
d = json.load(open(sys.argv[1]))
(a,) = [a for a in d["answers"] if "points" in a]
for p in a["points"]:
    assert p["equilibria"] == 1 and p["by_play"] is True, p
    assert p["profiles"] == str(2 ** 127) and p["profiles_at_least"] is False, p
PYEOF
expect_schema "sweep: schema" "$TMP/s.json" brink-analysis
expect_status "sweep unwatched" 0 "$BRINK" sweep "$D/tester11b-byplay2.yaml" --vary c=-2:2:3
expect_grep "sweep: the profiles counted" "170141183460469231731687303715884105728 \\(1 play\\)" "$TMP/stdout"
# a count past 40 digits is rounded in the table (about 3.02e666), exact in the JSON
expect_status "sweep m8" 0 "$BRINK" sweep m8 --vary us_outside=0.85:0.95:2
expect_grep "sweep: a huge count rounded" '^    0\.85 +about 3\.02e666 \(1 play\)' "$TMP/stdout"
"$BRINK" sweep m8 --vary us_outside=0.85:0.95:2 --json >"$TMP/m8.json" 2>"$TMP/err" && ok || bad "sweep m8 --json: $(cat "$TMP/err")"
"$PY" - "$TMP/m8.json" <<'PYEOF' && ok || bad "sweep m8: the exact count in the JSON"
import json, sys
d = json.load(open(sys.argv[1]))
(a,) = [a for a in d["answers"] if "points" in a]
p = a["points"][0]
assert p["by_play"] and len(p["profiles"]) == 667 and p["profiles"].startswith("3022"), p["profiles"][:20]
PYEOF

# 3. the off-path tie over [0, 1]: the Monte Carlo region is proved complete
expect_status "mc off-path tie" 0 "$BRINK" montecarlo "$D/tester11b-offpath-tie.yaml" --samples 50 --threads 1
expect_grep "mc: the region proved" "1 region, 1 certified \\(1 with every equilibrium proved\\)" "$TMP/stdout"
finish
