#!/usr/bin/env bash
# spe_plays.sh — backward induction lists plays when ties off the path make more profiles
# than the analysis examines (data/scenarios/plays_watch.yaml: one play, go, for g > 0,
# standing for 2^7 = 128 profiles that differ in B's choices after `stop`). What the analysis
# says about a choice off the path is true of every equilibrium it counts: the text and the
# JSON give both of B's actions there, a sweep watching one says either, a threshold never
# calls the one shown the only one, compare says play after `stop` is the shown one's, and
# Monte Carlo counts the watched choice there as ambiguous.
source "$(dirname "$0")/lib.bash"
f=$SRC/tests/data/scenarios/plays_watch.yaml
"$BRINK" analyze "$f" > "$TMP/t" 2>&1
tr '\n' ' ' < "$TMP/t" | sed 's/  */ /g' > "$TMP/w"
expect_grep "plays counted" '1 play found \(128 subgame-perfect profiles\)' "$TMP/w"
expect_grep "complete" 'finds every subgame-perfect equilibrium exactly' "$TMP/w"
expect_grep "one play" 'One play of equilibria' "$TMP/w"
expect_grep "both off the path" 'chance s_1: left or right \(off the equilibrium path; each in some of the equilibria with this play\)' "$TMP/w"
expect_grep "sweep: either" '^    1 *either left or right \(several equilibria\) *1 *0$' "$TMP/t"
# the threshold traces both actions of the play's equilibria at the watched tie (tester 11b,
# F11); at the default, its sample, the list is complete, but over the region (a chance move:
# the comparisons are not checked) others are not ruled out
expect_grep "threshold: both, qualified" '\[-1, 2\] "left" or "right" \(several equilibria\) \(other equilibria not ruled out\)' "$TMP/w"
expect_grep "threshold: both at the default" 'at the default g = 1: "left" or "right"\.' "$TMP/w"
expect_grep "compare qualified" 'stop: A -1, B 0\. \(Play after it as in the equilibrium shown; other equilibria with its play continue differently.\)' "$TMP/w"
"$BRINK" analyze "$f" --json > "$TMP/j" 2>&1
if python3 - "$TMP/j" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m = d["method"]
assert m["by_play"] and m["complete"] and m["found"] == 1 and m["profiles"] == 128 and m["profiles_at_least"] is False, m
(e,) = d["equilibria"]
assert e["profiles"] == 128
off = [s for s in e["strategies"] if not s["on_path"]]
assert len(off) == 7 and all(s["alternatives"] == [0, 1] for s in off), off
assert all(s["probabilities"] == [0, 1] for s in off)   # shown: right, worst for A
sweep = next(a for a in d["answers"] if a["id"] == "sweep")
for p in sweep["points"]:
    rows = p["choice"]["equilibria"]
    acts = {r[0].index(1) for r in rows}
    assert acts == {0, 1}, p   # left and right, whatever g
cmp_ = next(a for a in d["answers"] if a["id"] == "compare")
assert [o.get("continues_alike", True) for o in cmp_["options"]] == [True, False], cmp_
PY
then ok; else bad "json: plays, alternatives, sweep rows, compare"; fi
expect_schema "JSON follows the schema" "$TMP/j" brink-analysis
# Monte Carlo (g drawn in [0.5, 2]: A goes in every draw): the lists are complete, and B's
# watched choice after `stop` is neither left nor right in every equilibrium: ambiguous
expect_status "montecarlo" 0 "$BRINK" montecarlo "$f" --samples 4 --seed 1 --threads 1 --json
if python3 - "$TMP/stdout" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["incomplete"] == 0, d["incomplete"]
w = next(w for w in d["watched"] if w["label"].startswith("B"))
assert [a["played"]["k"] for a in w["actions"]] == [0, 0] and w["ambiguous"]["k"] == 4, w
PY
then ok; else bad "montecarlo: complete, B's off-path choice ambiguous"; fi
# a list cut at its limit counts only the plays it kept: its counts are lower bounds and say
# so (tester 11b, F1: tally-capped.yaml printed 8.6e703 "subgame-perfect profiles in all";
# the game has 2.12e771, as the compact path counts)
T=$SRC/tests/data/scenarios/tally-capped.yaml
expect_status "capped list" 0 "$BRINK" analyze "$T" --compact-above 0
tr '\n' ' ' <"$TMP/stdout" | tr -s ' ' >"$TMP/tally.txt"
expect_grep "capped: method line" "1 play found \(at least [0-9]+ subgame-perfect profiles\)" "$TMP/tally.txt"
expect_grep "capped: at least" "At least [0-9]+ subgame-perfect profiles over the plays found \(the enumeration stopped at its limit" "$TMP/tally.txt"
if grep -q "profiles in all" "$TMP/tally.txt"; then bad "capped: a lower bound called the total"; else ok; fi
expect_status "capped list json" 0 "$BRINK" analyze "$T" --compact-above 0 --json
python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["method"]; assert m["profiles_at_least"] is True and m["complete"] is False, m' "$TMP/stdout" && ok || bad "capped: JSON profiles_at_least"
# a draw whose one play stands for 2^127 profiles has several equilibria, all counted: it is
# "several", not "one found (not proved)" (tester 11b, F9), and its list is complete
B=$SRC/tests/data/montecarlo/one-play-many-profiles.yaml
expect_status "one play, many profiles: montecarlo" 0 "$BRINK" montecarlo "$B" --samples 50 --threads 1 --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["single_unproved"] == 0 and d["several"]["k"] == 50 and d["incomplete"] == 0, {k: d[k] for k in ("single_unproved", "several", "incomplete")}' "$TMP/stdout" && ok || bad "one play of many profiles counted as several, complete"
finish
