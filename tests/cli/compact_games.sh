#!/usr/bin/env bash
# compact_games.sh — brink analyze solves large perfect-information scenarios as compact games
# (one node per distinct sub-game, issue 15): the method line says so and why, the answer is
# the tree's (3 and 4 rounds of alternating offers), 10 rounds (3.2e13 nodes, refused as a
# tree) is solved, --json has the compact form, other methods need the tree; with public
# chance moves (nature picks the proposer) too, against a direct computation.
source "$(dirname "$0")/lib.bash"
R=$SRC/examples/rubinstein.yaml
for t in 3 4; do
  sed "s/times: 3/times: $t/" "$R" > "$TMP/r$t.yaml"
  "$BRINK" analyze "$TMP/r$t.yaml" --compact-above 0 > "$TMP/tree$t" 2>&1 || bad "tree $t"
  "$BRINK" analyze "$TMP/r$t.yaml" --compact-above 1 > "$TMP/dag$t" 2>&1 || bad "compact $t"
  # the same text but for the method's change line, the time and what --json lists
  grep -v -e 's\.$' -e 'Changed automatically' -e '^        [a-z(]' -e '^        [0-9]* profiles\? found' "$TMP/tree$t" |
    sed 's/; --json lists them)$/; --json lists XX)/' > "$TMP/a"
  grep -v -e 's\.$' -e 'Changed automatically' -e '^        [a-z(]' -e '^        [0-9]* profiles\? found' "$TMP/dag$t" |
    sed 's/; --json lists their distinct sub-games)$/; --json lists XX)/' > "$TMP/b"
  if diff "$TMP/a" "$TMP/b" > /dev/null; then ok; else bad "$t rounds: compact text differs: $(diff "$TMP/a" "$TMP/b" | head -5)"; fi
  expect_grep "$t rounds: verified" 'verified exactly as a Nash equilibrium' "$TMP/dag$t"
  expect_grep "$t rounds: what JSON lists" 'not shown; --json lists their distinct sub-games\)$' "$TMP/dag$t"
done
# 4 rounds by default: compact, with its reason
"$BRINK" analyze "$TMP/r4.yaml" > "$TMP/d4" 2>&1 || bad "default 4"
expect_grep "reason" 'Changed automatically: the game tree would have 505261 nodes, more' "$TMP/d4"
expect_grep "classes" '(165 of them, the compact game)' "$TMP/d4"
expect_grep "counts" '176839 decision points off the path of play' "$TMP/d4"
# 3 rounds by default: the tree (25261 nodes, under the default 100000)
"$BRINK" analyze "$R" > "$TMP/d3" 2>&1 || bad "default 3"
if grep -q 'Changed automatically' "$TMP/d3"; then bad "3 rounds compact by default"; else ok; fi
# 10 rounds: the grid's SPE (A offers 0.375; the closed form 0.666 is off the grid's)
sed "s/times: 3/times: 10/" "$R" > "$TMP/r10.yaml"
expect_status "10 rounds as a tree: refused" 2 "$BRINK" analyze "$TMP/r10.yaml" --compact-above 0
"$BRINK" analyze "$TMP/r10.yaml" > "$TMP/d10" 2>&1 || bad "10 rounds"
expect_grep "10: nodes" '32336842105261 nodes, 11317894736841' "$TMP/d10"
expect_grep "10: play" 'A, at the start: offer 0.375' "$TMP/d10"
expect_grep "10: values" 'Expected value: A 0.625; B 0.375' "$TMP/d10"
expect_grep "10: why" 'would have 32336842105261 nodes, more' "$TMP/d10"
"$BRINK" analyze "$TMP/r10.yaml" --json > "$TMP/j10" 2>&1 || bad "10 json"
if python3 - "$TMP/j10" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["game"]["nodes"] == 32336842105261 and d["game"]["compact"]["classes"] == 411
e = d["equilibrium"]
assert e["verified"] and e["count"] == 1 and e["exact_values"] == ["5/8", "3/8"]
assert [p["label"] for p in e["path"]] == ["offer_0.375", "accept"]
assert sum(int(c["count"]) for c in d["classes"]) == 11317894736841
assert d["method"]["compact"] and d["method"]["changes"][0].startswith("Changed automatically")
PY
then ok; else bad "10 rounds json"; fi
expect_schema "compact json" "$TMP/j10" brink-analysis
"$BRINK" analyze "$R" --json > "$TMP/j3" && expect_schema "tree json" "$TMP/j3" brink-analysis
# another method: the tree (refused as too big), never the compact game
expect_status "--method lcp: the tree" 2 "$BRINK" analyze "$TMP/r10.yaml" --method lcp
# the node limit bounds the compact game's sub-games too, with a located message
"$BRINK" analyze "$TMP/r10.yaml" --max-nodes 100 > /dev/null 2> "$TMP/e100"
expect_grep "class limit" 'r10.yaml:[0-9]+:[0-9]+: error: the compact game would have more than 100 distinct' "$TMP/e100"
expect_status "bad --compact-above" 2 "$BRINK" analyze "$R" --compact-above -1
# options made at expansion (a generator over `round`) are not in the compact game yet: such a
# scenario is solved on the tree, never as a compact game that misses them (the merge of the
# two features read "the compact game does not stand for the counted tree (a brink bug)")
expect_status "generator at expansion: the tree" 0 "$BRINK" analyze "$SRC/examples/ultimatum_grid.yaml" --compact-above 10
expect_grep "generator at expansion: right answer" "Expected value: P 1.917; R 1.083" "$TMP/stdout"
# past 2^62 nodes the method line gives the exact count, as the Game line (tester 11b, F7: it
# gave 4611686018427387903, pass 1's saturated count)
expect_status "14 rounds" 0 "$BRINK" analyze "$SRC/tests/data/scenarios/rubinstein-14.yaml"
tr '\n' ' ' <"$TMP/stdout" | tr -s ' ' >"$TMP/r14.txt"
expect_grep "14 rounds: exact count in the method line" "the game tree would have 5173894736842105261 nodes" "$TMP/r14.txt"
if grep -q 4611686018427387903 "$TMP/r14.txt"; then bad "14 rounds: saturated count"; else ok; fi
# a file whose questions are threshold questions watching one decision point by its path: a
# compact game, the thresholds answered on it (issue 15, item 2); a sweep question too
# (tests/cli/compact_sweep.sh); a comparison too (tests/cli/compact_compare.sh); a watch
# standing for many decision points in a threshold question reads the tree: refused with the
# reason the compact game was not used; --no-questions lets it be one (tester 11b, F6, F10)
Q=$SRC/tests/data/scenarios/rubinstein-10-question.yaml
expect_status "threshold question: compact" 0 "$BRINK" analyze "$Q"
expect_grep "threshold question: answered" 'delta over \[1/10, 9/10\] \(every region certified\):' "$TMP/stdout"
expect_grep "threshold question: default" '-> at the default delta = 1/2: "offer_0.375"' "$TMP/stdout"
expect_grep "threshold question: solved" "Expected value: A 0.625; B 0.375" "$TMP/stdout"
sed 's/threshold: {parameter: delta, watch: A@start}/compare: {watch: A@start}/' "$Q" > "$TMP/qc.yaml"
expect_status "comparison question: compact" 0 "$BRINK" analyze "$TMP/qc.yaml"
tr '\n' ' ' <"$TMP/stdout" | tr -s ' ' >"$TMP/qc.txt"
expect_grep "comparison question: answered" '-> what follows each choice of A at the start \(first equilibrium\): offer_0.025: A [0-9.]+, B [0-9.]+; 100% deal=agreed. .* offer_0.375: A 0.625, B 0.375; 100% deal=agreed.' "$TMP/qc.txt"
sed 's/watch: A@start}/watch: "A@*"}/' "$Q" > "$TMP/qs.yaml"
expect_status "many decision points: refused" 2 "$BRINK" analyze "$TMP/qs.yaml"
expect_grep "many decision points: why not compact" "it is not solved as a compact game \(each distinct sub-game once\) because the file has questions other than threshold and sweep questions watching one decision point by its path, which read the tree \(brink analyze --no-questions skips them\)" "$TMP/stderr"
expect_status "questions skipped: compact" 0 "$BRINK" analyze "$TMP/qs.yaml" --no-questions
expect_grep "questions skipped: answer" "Expected value: A 0.625; B 0.375" "$TMP/stdout"
# a watch that stands for many decision points keeps the file on the tree (refused here as too
# big); a threshold question on a compact game answers as the tree does (3 rounds: regions,
# flips, certificates, conditions equal in --json)
sed 's/watch: A@start}/watch: "A@*"}/' "$Q" > "$TMP/qstar.yaml"
expect_status "many decision points: the tree" 2 "$BRINK" analyze "$TMP/qstar.yaml"
sed 's/times: 10/times: 3/' "$Q" > "$TMP/q3.yaml"
"$BRINK" analyze --json "$TMP/q3.yaml" --compact-above 0 > "$TMP/q3t.json" 2>&1 || bad "q3 tree"
"$BRINK" analyze --json "$TMP/q3.yaml" --compact-above 1 > "$TMP/q3c.json" 2>&1 || bad "q3 compact"
"$BRINK" analyze "$TMP/q3.yaml" --compact-above 0 > "$TMP/q3t.txt" 2>&1 || bad "q3 tree text"
"$BRINK" analyze "$TMP/q3.yaml" --compact-above 1 > "$TMP/q3c.txt" 2>&1 || bad "q3 compact text"
# the tree's threshold against the compact game's, as data (cmp_thr.py, used below)
cat > "$TMP/cmp_thr.py" <<'PY'
import json, sys
# completeness may differ, each side sound: the tree lists a tie's equilibria whole where it
# is small (a point region complete), the compact game keeps the first best action there;
# with chance the tree's general pass (past all_limit_nodes) proves less than the compact
# game's "no tie at the sample: the only SPE"
FLAGS = ('complete', 'unique', 'complete_at_sample', 'others_ruled_out', 'equilibria', 'states',
         'certified_equilibria')
def points_ok(a, b):
    # a point's choices: the compact game's a part of the tree's, and all of them unless
    # it says others are not ruled out; elsewhere the same
    for x, y in zip(a['regions'], b['regions']):
        sx, sy = set(x['states']), set(y['states'])
        if x['point'] and x['status'] == 'certified':
            assert sy <= sx and (sy == sx or not y['others_ruled_out']), (x, y)
        else:
            assert x['states'] == y['states'], (x, y)
def strip(t):
    t = dict(t); t.pop('seconds', None)
    for w in t['watch']: w.pop('infoset', None); w.pop('class', None)
    conds = [{k: v for k, v in c.items() if k not in ('infoset', 'class', 'id')} for c in t.pop('conditions')]
    cond = lambda i: conds[i] if i >= 0 else i   # by content: the lists' order may differ
    t['regions'] = [{k: ([cond(i) for i in v] if k == 'ends_by' else v) for k, v in r.items()
                     if k not in FLAGS and not (k == 'ends_by' and r['point'])}
                    for r in t['regions']]   # a point's ends: how its list was made
    t['flips'] = [{k: (cond(v) if k == 'cause' else v) for k, v in f.items() if k != 'known'}
                  for f in t['flips']]
    for f in t['flips']:
        if f.get('certificate'): f['certificate'].pop('infoset', None)
    return t
def load():
    return (json.load(open(f))['answers'][0]['threshold'] for f in sys.argv[1:3])
PY
if PYTHONPATH="$TMP" python3 - "$TMP/q3t.json" "$TMP/q3c.json" <<'PY'
from cmp_thr import *
a, b = load()
assert len(a['regions']) == 65 and len(a['flips']) == 15, (len(a['regions']), len(a['flips']))
assert b['watch'][0]['infoset'] == a['watch'][0]['infoset'] and b['watch'][0]['view'] == ''
assert b['watch'][0]['class'] >= 0
assert strip(a) == strip(b), [k for k in a if strip(a).get(k) != strip(b).get(k)]
points_ok(a, b)
# no chance: every interval proved as on the tree (no tie at its sample: the only SPE)
for x, y in zip(a['regions'], b['regions']):
    if not x['point']:
        assert (x['complete'], x['unique']) == (y['complete'], y['unique']), (x, y)
PY
then ok; else bad "3 rounds: the compact threshold differs from the tree's"; fi
# the text's intervals the same (points and caveats may differ, see FLAGS above)
for s in t c; do
  sed -n '/^Questions/,/equilibrium computations/p' "$TMP/q3$s.txt" | grep -E '^      [[(]' |
    sed -e 's/  (other equilibria not ruled out)//' > "$TMP/q3$s.norm"
done
if [ -s "$TMP/q3t.norm" ] && cmp -s "$TMP/q3t.norm" "$TMP/q3c.norm"; then ok; else bad "3 rounds: threshold text differs: $(diff "$TMP/q3t.norm" "$TMP/q3c.norm" | head -5)"; fi
# public chance moves (nature picks the proposer): 2 rounds (5003 nodes), thresholds over
# delta and over the proposer's probability p, against the tree's (regions, flips,
# certificates, binding conditions; the reach conditions of p)
sed 's/times: 10/times: 2/' "$SRC/tests/data/scenarios/rubinstein-chance.yaml" > "$TMP/c2.yaml"
printf 'questions:\n  - id: q\n    threshold: {parameter: p, watch: "A@a_proposes"}\n' >> "$TMP/c2.yaml"
sed 's/parameter: p,/parameter: delta,/' "$TMP/c2.yaml" > "$TMP/c2d.yaml"
for f in c2 c2d; do
  "$BRINK" analyze --json "$TMP/$f.yaml" --compact-above 0 > "$TMP/${f}t.json" 2>&1 || bad "$f tree"
  "$BRINK" analyze --json "$TMP/$f.yaml" --compact-above 1 > "$TMP/${f}c.json" 2>&1 || bad "$f compact"
  if PYTHONPATH="$TMP" python3 - "$TMP/${f}t.json" "$TMP/${f}c.json" <<'PY'
from cmp_thr import *
a, b = load()
assert len(a['flips']) >= 6, len(a['flips'])
assert strip(a) == strip(b), [k for k in a if strip(a).get(k) != strip(b).get(k)]
points_ok(a, b)
PY
  then ok; else bad "$f: the compact threshold with chance differs from the tree's"; fi
done
expect_grep "chance: p's flips" '"exact":"1/38"' "$TMP/c2c.json"
"$BRINK" analyze "$TMP/c2.yaml" --compact-above 1 > "$TMP/c2c.txt" 2>&1 || bad "c2 compact text"
expect_grep "chance: words" 'A becomes indifferent between' "$TMP/c2c.txt"
cat "$Q" > "$TMP/q2.yaml"
printf '  - id: sw\n    compare: {watch: A@start}\n' >> "$TMP/q2.yaml"
expect_status "comparison beside a threshold: compact" 0 "$BRINK" analyze "$TMP/q2.yaml"
expect_grep "comparison beside a threshold: both answered" '^    -> what follows each choice of A at the start \(first equilibrium\):' "$TMP/stdout"
expect_status "comparison beside a threshold, compact" 0 "$BRINK" analyze "$TMP/q2.yaml" --no-questions
# public chance moves (issue 15, item 2): nature picks each round's proposer (A with
# probability p); 10 rounds of 20 offers, 3.3e16 nodes, against a direct computation of the
# grid's SPE (exact), and small versions against the tree's text
RC=$SRC/tests/data/scenarios/rubinstein-chance.yaml
expect_status "chance: 10 rounds" 0 "$BRINK" analyze "$RC"
cp "$TMP/stdout" "$TMP/rc10"
expect_grep "chance: counts" '32801608205128203 nodes, 11292356923076922 decision points,' "$TMP/rc10"
expect_grep "chance: chance moves" '268865641025641 chance moves; perfect information' "$TMP/rc10"
expect_grep "chance: play under a" 'A, after chance a_proposes: offer 0.225' "$TMP/rc10"
expect_grep "chance: play under b" 'A, after chance b_proposes, B offer_0.325: accept' "$TMP/rc10"
for ps in "0.6 0.5" "0.25 0.7" "0 0.5" "1 0.3"; do
  set -- $ps
  "$BRINK" analyze "$RC" --set p=$1 --set delta=$2 --json > "$TMP/rcj" 2>&1 || bad "chance json p=$1"
  if python3 - "$TMP/rcj" "$1" "$2" <<'PY'
import json, sys
from fractions import Fraction as F
d = json.load(open(sys.argv[1]))
p, delta = F(sys.argv[2]), F(sys.argv[3])
grid = [F(1, 40) + F(k, 20) for k in range(20)]
T = 10
# absolute values from the start of round k; after the last round nothing
vA = vB = F(0)
for k in range(T, 0, -1):
    dk = delta ** (k - 1)
    # A proposes y (B's share); B accepts when dk*y beats rejecting (no ties on this grid)
    best = None
    for y in grid:
        assert dk * y != vB
        acc = dk * y > vB
        val = (dk * (1 - y), dk * y) if acc else (vA, vB)
        assert best is None or val[0] != best[0] or val == best
        if best is None or val[0] > best[0]:
            best = val
    a = best
    best = None
    for y in grid:   # B proposes y (A's share)
        assert dk * y != vA
        acc = dk * y > vA
        val = (dk * y, dk * (1 - y)) if acc else (vA, vB)
        if best is None or val[1] > best[1]:
            best = val
    b = best
    vA, vB = p * a[0] + (1 - p) * b[0], p * a[1] + (1 - p) * b[1]
e = d["equilibrium"]
assert e["verified"] and e["count"] == 1, e["count"]
assert [F(x) for x in e["exact_values"]] == [vA, vB], (e["exact_values"], vA, vB)
n, dp, ch = 1, 0, 0
for _ in range(T):
    n, dp, ch = 83 + 40 * n, 42 + 40 * dp, 1 + 40 * ch
g = d["game"]
assert int(g["nodes"]) == n and int(g["decision_points"]) == dp and int(g["chance_moves"]) == ch
# the play: the chance move, then each proposer's offer and its acceptance where reached
reached = [x for x in e["path"] if F(x["probability"]) > 0]
assert e["path"][0]["chance"] and e["path"][0]["parent"] == -1
assert len(e["path"]) == 1 + 2 * ((p > 0) + (p < 1)), len(e["path"])
assert sum(int(c["count"]) for c in d["classes"]) == dp + ch
PY
  then ok; else bad "chance: p=$1 delta=$2 against the direct computation"; fi
  expect_schema "chance json p=$1" "$TMP/rcj" brink-analysis
done
# 3 rounds of 4 offers: the tree's text (but for the method's lines), p in (0, 1), 0 and 1
sed -e 's/times: 10/times: 3/' -e 's/range(0.025, 0.975, 0.05)/range(0.125, 0.875, 0.25)/' "$RC" > "$TMP/rc3.yaml"
for pv in 0.6 0 1; do
  "$BRINK" analyze "$TMP/rc3.yaml" --set p=$pv --compact-above 0 > "$TMP/ta" 2>&1 || bad "chance tree p=$pv"
  "$BRINK" analyze "$TMP/rc3.yaml" --set p=$pv --compact-above 1 > "$TMP/ca" 2>&1 || bad "chance compact p=$pv"
  grep -q 'Changed automatically' "$TMP/ca" || bad "chance p=$pv: not compact"
  grep -v -e 's\.$' -e 'Changed automatically' -e '^        [a-z(]' -e '^        [0-9]* profiles\? found' "$TMP/ta" |
    sed 's/; --json lists them)$/; --json lists XX)/' > "$TMP/a"
  grep -v -e 's\.$' -e 'Changed automatically' -e '^        [a-z(]' -e '^        [0-9]* profiles\? found' "$TMP/ca" |
    sed 's/; --json lists their distinct sub-games)$/; --json lists XX)/' > "$TMP/b"
  if diff "$TMP/a" "$TMP/b" > /dev/null; then ok; else bad "chance p=$pv: compact text differs: $(diff "$TMP/a" "$TMP/b" | head -5)"; fi
done
# a chance move hidden from some actor: the tree, with the reason when it is too big
sed 's/^      chance:/      hidden: true\n      chance:/' "$RC" > "$TMP/rch.yaml"
expect_status "hidden chance: refused as a tree" 2 "$BRINK" analyze "$TMP/rch.yaml"
expect_grep "hidden chance: why not compact" "because some chance moves are hidden from some actors" "$TMP/stderr"
# tester 12: what ties do (F1, F2), a play too long to list (F4), the generator refusal's
# reason (F7), counts of more than 40 digits (F9.1)
unwrap() { tr '\n' ' ' < "$1" | tr -s ' '; }
cat > "$TMP/c6.yaml" <<'Y'
brink: 1
id: c6
actors: {A: {}, B: {}}
parameters: {p: {value: 0.5, range: [0, 1]}}
issues:
  deal: [none, signed, shook]
  share_A: {numeric: true, default: 0}
subgames:
  round:
    body:
      chance:
        a_proposes:
          prob: p
          A:
            offer_{y}:
              for: y
              in: [0.2, 0.6]
              B:
                sign: {outcome: {deal: signed, share_A: 1 - y}, payoff: {A: "(1 - y)/round", B: "y/round"}}
                shake: {outcome: {deal: shook, share_A: 0}, payoff: {A: "(1 - y)/round", B: "y/round"}}
                reject: next
        b_proposes:
          prob: 1 - p
          B:
            offer_{y}:
              for: y
              in: [0.2, 0.6]
              A:
                accept: {outcome: {deal: signed, share_A: y}, payoff: {A: "y/round", B: "(1 - y)/round"}}
                reject: next
game: {repeat: round, times: 2, then: {}}
Y
"$BRINK" analyze "$TMP/c6.yaml" --compact-above 1 > "$TMP/c6c" 2>&1 || bad "c6 compact"
unwrap "$TMP/c6c" > "$TMP/c6u"
expect_grep "F1: outcomes differ" 'One of 512 subgame-perfect equilibria in pure strategies, all with the same values but not all with the same outcomes or issue values' "$TMP/c6u"
expect_grep "F1: outcomes labelled" "Outcomes \\(the equilibrium shown's; others differ\\): 100% deal=signed" "$TMP/c6u"
"$BRINK" analyze "$TMP/c6.yaml" --compact-above 1 --json > "$TMP/c6j" 2>&1 || bad "c6 json"
expect_grep "F1: json flag" '"outcomes_differ":true' "$TMP/c6j"
expect_schema "F1 json" "$TMP/c6j" brink-analysis
"$BRINK" analyze "$TMP/c6.yaml" --set p=0 --compact-above 1 > "$TMP/c6c" 2>&1 || bad "c6 p=0"
if grep -q 'not all with the same outcomes\|others differ' "$TMP/c6c"; then bad "F1: p=0 said outcomes differ"; else ok; fi
# F2: a tie that changes A's value in a branch of probability 0 (delta 1/2, offers 0.2 ... 0.8)
sed -e 's/times: 10/times: 2/' -e 's/range(0.025, 0.975, 0.05)/[0.2, 0.4, 0.6, 0.8]/' "$RC" > "$TMP/c1.yaml"
for pv in 0 1; do
  "$BRINK" analyze "$TMP/c1.yaml" --set p=$pv --set delta=0.5 --compact-above 1 > "$TMP/c1c" 2>&1 || bad "c1 p=$pv"
  unwrap "$TMP/c1c" > "$TMP/c1u"
  expect_grep "F2 p=$pv: same values" 'One of several subgame-perfect equilibria in pure strategies, all with the same values: the tie at 1 decision point changes' "$TMP/c1u"
  expect_grep "F2 p=$pv: where" 'only where the play goes with probability 0' "$TMP/c1u"
done
"$BRINK" analyze "$TMP/c1.yaml" --set p=1/3 --set delta=0.5 --compact-above 1 > "$TMP/c1c" 2>&1 || bad "c1 p=1/3"
unwrap "$TMP/c1c" > "$TMP/c1u"
expect_grep "F2 p=1/3: differ" 'which differ in values: the tie at 1 decision point changes another actor.s value there, on the path of play' "$TMP/c1u"
# F4: 15 rounds of a public coin (98301 moves on the play): values and outcomes, play not listed
cat > "$TMP/w4.yaml" <<'Y'
brink: 1
id: w4
actors: {A: {}}
parameters: {p: {value: 0.5, range: [0.001, 0.999]}}
issues:
  st: [stopped, end]
  n: {numeric: true, default: 0}
subgames:
  r:
    body:
      chance:
        heads: {prob: p, A: {stop: {outcome: {st: stopped, n: round}, payoff: {A: 0}}, go: next}}
        tails: {prob: 1 - p, A: {stop: {outcome: {st: stopped, n: round}, payoff: {A: 0}}, go: next}}
game: {repeat: r, times: 15, then: {outcome: {st: end, n: 99}, payoff: {A: 1}}}
Y
"$BRINK" analyze "$TMP/w4.yaml" > "$TMP/w4c" 2>&1 || bad "F4: refused"
unwrap "$TMP/w4c" > "$TMP/w4u"
expect_grep "F4: not listed" '98301 decision points and chance moves, more than 10000 to list one by one: not listed; --compact-above 0 unfolds the tree, which fits --max-nodes' "$TMP/w4u"
expect_grep "F4: outcomes" 'Outcomes: 100% st=end expected n: 99 Expected value: A 1' "$TMP/w4u"
"$BRINK" analyze "$TMP/w4.yaml" --json > "$TMP/w4j" 2>&1 || bad "F4 json"
expect_grep "F4: json" '"path_listed":false' "$TMP/w4j"
expect_schema "F4 json" "$TMP/w4j" brink-analysis
# F7: options generated over round: the node-count refusal says why the compact game is not used
sed 's/in: range(0.025, 0.975, 0.05)/in: "range(1, round + 3)"/' "$RC" > "$TMP/g1.yaml"
expect_status "F7: refused" 2 "$BRINK" analyze "$TMP/g1.yaml"
expect_grep "F7: why not compact" 'it is not solved as a compact game \(each distinct sub-game once\) because some options are made as the tree is expanded' "$TMP/stderr"
# F9.1: 1000 rounds: counts of 1,600 digits as 10^x in the text, exact in JSON
sed 's/times: 10/times: 1000/' "$RC" > "$TMP/big.yaml"
"$BRINK" analyze "$TMP/big.yaml" > "$TMP/bigc" 2>&1 || bad "F9.1: 1000 rounds"
expect_grep "F9.1: 10^x" 'about 10\^16[0-9][0-9] nodes' "$TMP/bigc"
if awk 'length > 200 { exit 1 }' "$TMP/bigc"; then ok; else bad "F9.1: a text line over 200 characters"; fi
finish
