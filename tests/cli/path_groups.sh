#!/usr/bin/env bash
# path_groups.sh — equilibria identical on the path of play are grouped: the text shows one
# per play and counts the off-path variants, --json lists all with their group, and text and
# JSON agree on whether the search was complete (data/scenarios/offpath_ties.yaml: 16
# equilibria, 2 plays, 8 variants each).
source "$(dirname "$0")/lib.bash"
f=data/scenarios/offpath_ties.yaml
"$BRINK" analyze "$f" > "$TMP/t" 2>&1
expect_grep "16 in groups" '^16 equilibria, in groups identical on the path of play' "$TMP/t"
expect_grep "2 plays, 14 variants" 'They lead to 2 different plays; the other 14 differ only' "$TMP/t"
expect_grep "first group" '^ Equilibrium 1 \(verified exactly\), and 7 more identical on the path of play:$' "$TMP/t"
n=$(grep -c '^ Equilibrium ' "$TMP/t")
[ "$n" = 2 ] && ok || bad "want 2 equilibria shown, got $n"
tr '\n' ' ' < "$TMP/t" | sed 's/  */ /g' > "$TMP/t1"   # words, whatever the line breaks
expect_grep "complete in text" 'backward induction finds every subgame-perfect equilibrium exactly' "$TMP/t1"
"$BRINK" analyze "$f" --json > "$TMP/j" 2>&1
if python3 - "$TMP/j" <<'PY'
import json, sys, collections
d = json.load(open(sys.argv[1]))
assert d["path_groups"] == 2, d["path_groups"]
assert len(d["equilibria"]) == 16
c = collections.Counter(e["path_group"] for e in d["equilibria"])
assert c == {0: 8, 1: 8}, c
assert d["method"]["complete"] is True
# one group = one play: the same outcome probabilities and values in every member
for g in (0, 1):
    members = [e for e in d["equilibria"] if e["path_group"] == g]
    assert all(m["outcomes"] == members[0]["outcomes"] and m["values"] == members[0]["values"]
               for m in members), g
PY
then ok; else bad "json path groups"; fi
# an incomplete enumeration is never called "every" in the text (JSON: complete false)
cat > "$TMP/many.yaml" <<'YAML'
brink: 1
id: many-ties
actors:
  A: {}
  B: {}
game:
  A:
    go: {payoff: {A: 1}}
    stop:
      chance:
        s_{s}:
          for: s
          in: range(1, 11)
          prob: 1/11
          B: {left: {}, right: {}}
YAML
"$BRINK" analyze "$TMP/many.yaml" --json > "$TMP/mj" 2>&1
"$BRINK" analyze "$TMP/many.yaml" > "$TMP/mt" 2>&1
tr '\n' ' ' < "$TMP/mt" | sed 's/  */ /g' > "$TMP/mt1"
if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['method']['complete'] is False else 1)" "$TMP/mj"; then
  expect_grep "incomplete said" 'here not all of them: the enumeration stopped at its limit' "$TMP/mt1"
  if grep -q 'finds every subgame-perfect' "$TMP/mt1"; then bad "'every' printed for an incomplete search"; else ok; fi
else
  expect_grep "complete said" 'finds every subgame-perfect equilibrium' "$TMP/mt1"
fi
# 2^11 profiles (B indifferent after each of the 11 chance outcomes, all off the path: A
# goes), more than the analysis examines (64): listed by play, one play standing for all
# 2048, and at each of B's decisions both actions are taken by some of them
expect_grep "one play" 'One play of equilibria' "$TMP/mt1"
expect_grep "2048 in all" '2048 subgame-perfect profiles in all' "$TMP/mt1"
expect_grep "both actions off the path" 'chance s_11: left or right \(off the equilibrium path; each in some of the equilibria with this play\)' "$TMP/mt1"
if python3 - "$TMP/mj" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m = d["method"]
assert m["complete"] is True and m["by_play"] is True and m["found"] == 1, m
assert m["profiles"] == 2048, m["profiles"]
(e,) = d["equilibria"]
assert e["profiles"] == 2048
off = [s for s in e["strategies"] if not s["on_path"]]
assert len(off) == 11 and all(s["alternatives"] == [0, 1] for s in off), off
on = [s for s in e["strategies"] if s["on_path"]]
assert on == [dict(on[0], alternatives=[0])], on   # A: go, the only choice on the path
PY
then ok; else bad "json: one play of 2048 profiles, both actions off the path"; fi
expect_schema "grouped JSON follows the schema" "$TMP/mj" brink-analysis
finish
