#!/usr/bin/env bash
# tester14_minor.sh — tester 14's smaller findings N3-N6 (/work/notes/tester14/REPORT.md):
# name refusals per kind, compare's qualifier on the equilibria's ranges, the tie wording at a
# chance probability of 0, the method line's time, missing option values in montecarlo and
# compare, tree vs compact Monte Carlo values and compare's outcome separator.
source "$(dirname "$0")/lib.bash"

# ---- N3: a name that appears in expressions may not contain '-'; the refusal says so.
base() {   # base PARAM ACTOR TYPE ISSUE ARG
  cat <<Y
brink: 1
id: names
actors:
  $2: {types: {$3: 1/2, t2: 1/2}}
  B: {}
parameters:
  $1: {value: 1/2, range: [0, 1]}
issues:
  $4: [no, yes]
subgames:
  s:
    args: {$5: null}
    body: {payoff: {$2: 1, B: 0}}
game:
  $2:
    l: {play: s, with: {$5: 1}}
    r: {payoff: {$2: 0, B: 0}}
Y
}
base p A t i a >"$TMP/ok.yaml"
expect_status "the base scenario loads" 0 "$BRINK" compile "$TMP/ok.yaml"
check_name() {   # check_name KIND NAME ARGS...
  local kind=$1 name=$2; shift 2
  base "$@" >"$TMP/n.yaml"
  expect_status "$kind '$name' refused" 2 "$BRINK" compile "$TMP/n.yaml"
  expect_grep "$kind '$name': '-' is the cause" \
    "error: $kind '$name' may not contain '-', which reads as a minus in expressions; use letters, digits and _ \(for example '${name//-/_}'\)" \
    "$TMP/stderr"
  if grep -q "letters, digits, _ and -" "$TMP/stderr"; then bad "$kind: says '-' is allowed"; else ok; fi
}
check_name "parameter name" x-y x-y A t i a
check_name "actor id" A-1 p A-1 t i a
check_name "type name" t-1 p A t-1 i a
check_name "issue name" i-x p A t i-x a
check_name "argument" a-b p A t i a-b
# Not a word for another reason: the rule said without '-'.
base a.b A t i a >"$TMP/n.yaml"
expect_status "parameter a.b refused" 2 "$BRINK" compile "$TMP/n.yaml"
expect_grep "a.b: the rule for parameters" \
  "parameter name 'a.b' must be a word of letters, digits and _ that starts with a letter or _, under 64 bytes" \
  "$TMP/stderr"
# Names that may contain '-' still may (question ids, levels, options, decision names).
sed 's/\[no, yes\]/[no-deal, yes]/; s/^    l: /    l-1: /' "$TMP/ok.yaml" >"$TMP/n.yaml"
expect_status "levels and options with '-' load" 0 "$BRINK" compile "$TMP/n.yaml"

# ---- N5: compare's ranges are over the equilibria listed, with the search's qualifier. The
# extreme-point search misses the mixed subgame-perfect equilibrium (A mixes 3/4 a after in,
# B 1/4 a) whose values after "in" (3/4 each) lie below the printed "from 1" (tester 12 k2).
cat >"$TMP/k2.yaml" <<'Y'
brink: 1
id: k2
actors: {A: {}, B: {}}
issues:
  res: [out, coord, miss]
game:
  A:
    out: {outcome: {res: out}, payoff: {A: 1, B: 1}}
    in:
      hidden: true
      A:
        a:
          B:
            a: {outcome: {res: coord}, payoff: {A: 3, B: 1}}
            b: {outcome: {res: miss}, payoff: {A: 0, B: 0}}
        b:
          B:
            a: {outcome: {res: miss}, payoff: {A: 0, B: 0}}
            b: {outcome: {res: coord}, payoff: {A: 1, B: 3}}
questions:
  - id: cmp
    compare: {watch: A@start}
Y
expect_status "k2 analyze" 0 "$BRINK" analyze "$TMP/k2.yaml"
tr '\n' ' ' <"$TMP/stdout" | tr -s ' ' >"$TMP/k2.txt"
expect_grep "compare ranges carry the search's qualifier" \
  'in: A 1, B 3; 100% res=coord\. \(The 3 equilibria differ after it: A from 1 to 3, B from 1 to 3; over the equilibria listed \(search: every extreme equilibrium; mixtures of equilibria in one component are equilibria too, plus a sequential equilibrium\): equilibria not listed may lead elsewhere\.\)' \
  "$TMP/k2.txt"
expect_status "k2 --json" 0 "$BRINK" analyze "$TMP/k2.yaml" --json
cp "$TMP/stdout" "$TMP/k2.json"
expect_schema "k2 JSON against the schema" "$TMP/k2.json" brink-analysis
python3 - "$TMP/k2.json" <<'PY' && ok || bad "k2 JSON: ranges_over_every_equilibrium false where the equilibria differ"
import json, sys
opts = json.load(open(sys.argv[1]))["answers"][0]["options"]
inn = [o for o in opts if o["label"] == "in"][0]
assert inn["equilibria_differ"] is True and inn["ranges_over_every_equilibrium"] is False
out = [o for o in opts if o["label"] == "out"][0]
assert out["equilibria_differ"] is False and "ranges_over_every_equilibrium" not in out
PY

# ---- N6: an isolated point at the end of a threshold's range where a chance probability
# reaches 0 (tester 14 bc3: at p = 1 branch t has probability 0, so the off-path belief and
# R's choice change) is said as such, not as "a tie"; a real tie still is.
cat >"$TMP/bc3.yaml" <<'Y'
brink: 1
id: bc3
actors: {E: {}, J: {}, R: {}}
parameters:
  p: {value: 0.3, range: [0, 1]}
game:
  E:
    out: {payoff: {E: 10, J: 0, R: 0}}
    in:
      hidden: true
      chance:
        h:
          prob: p
          hidden: true
          J:
            x: {payoff: {E: 0, J: 1, R: 0}}
            y:
              R:
                a: {payoff: {E: 0, J: 2, R: 1}}
                b: {payoff: {E: 0, J: 0, R: 0}}
        t:
          prob: 1 - p
          R:
            a: {payoff: {E: 0, J: 0, R: -1}}
            b: {payoff: {E: 0, J: 0, R: 0}}
questions:
  - id: qr
    threshold: {parameter: p, watch: R@in}
Y
expect_status "bc3 analyze" 0 "$BRINK" analyze "$TMP/bc3.yaml"
tr '\n' ' ' <"$TMP/stdout" | tr -s ' ' >"$TMP/bc3.txt"
expect_grep "bc3: a chance probability reaching 0, named" \
  '-> at p = 1 only: "a" \(where the chance probability of "t" is 0, positive beside it: the game has fewer branches there\)\.' \
  "$TMP/bc3.txt"
if grep -q "a tie at the end" "$TMP/bc3.txt"; then bad "bc3: still called a tie"; else ok; fi
cat >"$TMP/tie.yaml" <<'Y'
brink: 1
id: tie
actors: {A: {}, B: {}}
parameters:
  c: {value: 0.5, range: [0, 1]}
game:
  A:
    l: {payoff: {A: c, B: 0}}
    r: {payoff: {A: 0, B: 1}}
questions:
  - id: q
    threshold: {parameter: c, watch: A@start}
Y
expect_status "tie analyze" 0 "$BRINK" analyze "$TMP/tie.yaml"
tr '\n' ' ' <"$TMP/stdout" | tr -s ' ' >"$TMP/tie.txt"
expect_grep "a payoff tie at the end is still a tie" '-> at c = 0 only: .*\(a tie at the end of the range\)\.' "$TMP/tie.txt"

# ---- N6: the method line's time is the solve's; the questions' time is apart (tester 14
# rub3q: "1 distinct equilibrium kept; 1.4 s" of which 1.35 s was the threshold's).
cat >"$TMP/rq.yaml" <<'Y'
brink: 1
id: rq
actors: {A: {}, B: {}}
parameters:
  delta: {value: 0.5, range: [0.1, 0.9]}
subgames:
  round:
    body:
      if: mod(round, 2) == 1
      then:
        A:
          offer_{y}:
            for: y
            in: range(0.05, 0.95, 0.3)
            B:
              accept: {payoff: {A: "delta^(round - 1) * (1 - y)", B: "delta^(round - 1) * y"}}
              reject: next
      else:
        B:
          offer_{y}:
            for: y
            in: range(0.05, 0.95, 0.3)
            A:
              accept: {payoff: {A: "delta^(round - 1) * y", B: "delta^(round - 1) * (1 - y)"}}
              reject: next
game:
  repeat: round
  times: 2
  then: {}
questions:
  - id: q
    threshold: {parameter: delta, watch: A@start}
Y
expect_status "rq --json" 0 "$BRINK" analyze "$TMP/rq.yaml" --json
cp "$TMP/stdout" "$TMP/rq.json"
expect_schema "rq JSON against the schema" "$TMP/rq.json" brink-analysis
python3 - "$TMP/rq.json" <<'PY' && ok || bad "rq: method.seconds is the solve's, questions_seconds apart"
import json, sys
d = json.load(open(sys.argv[1]))
m, t = d["method"], d["answers"][0]["threshold"]
# the threshold's own time is inside the questions' and not inside the solve's
assert m["questions_seconds"] >= t["seconds"] > m["seconds"], (m["seconds"], m["questions_seconds"], t["seconds"])
PY
expect_status "rq --no-questions --json" 0 "$BRINK" analyze "$TMP/rq.yaml" --json --no-questions
if grep -q questions_seconds "$TMP/stdout"; then bad "no questions: no questions_seconds"; else ok; fi
expect_status "rq text" 0 "$BRINK" analyze "$TMP/rq.yaml"
expect_grep "the questions' time on their heading" '^Questions \(answered in [0-9.e+-]+ s\):$' "$TMP/stdout"

# ---- N6: an option last with no value, in montecarlo and compare, "needs a value" as in the
# other commands (it was "unknown option '--max-nodes'").
for o in --max-nodes --compact-above --threads --samples --seed --watch --db; do
  expect_status "montecarlo $o last" 2 "$BRINK" montecarlo "$TMP/k2.yaml" --samples 3 $o
  expect_grep "montecarlo $o needs a value" "brink montecarlo: $o needs a value: $o [A-Z]+.*, and nothing follows it" "$TMP/stderr"
done
for o in --max-nodes --threads --samples --actor --at --time-limit; do
  expect_status "compare $o last" 2 "$BRINK" compare "$TMP/k2.yaml" --samples 3 $o
  expect_grep "compare $o needs a value" "brink compare: $o needs a value: $o [A-Z]+.*, and nothing follows it" "$TMP/stderr"
done
expect_status "compare --compact-above" 2 "$BRINK" compare "$TMP/k2.yaml" --actor A --compact-above
expect_grep "compare --compact-above: not an option of compare, said why" \
  "brink compare: --compact-above is not an option of compare: it reads the tree's decisions" "$TMP/stderr"
expect_status "montecarlo unknown option" 2 "$BRINK" montecarlo "$TMP/k2.yaml" --bogus
expect_grep "an unknown option is still unknown" "unknown option '--bogus'" "$TMP/stderr"

# ---- N6: compare's outcomes separated by "; ", as an equilibrium's "Outcomes:" line (it was
# "50% deal=big. 50% deal=small.").
cat >"$TMP/cmp.yaml" <<'Y'
brink: 1
id: cmp
actors: {A: {}, B: {}}
issues:
  deal: [none, small, big]
game:
  A:
    x:
      chance:
        h:
          prob: 1/2
          B:
            l: {outcome: {deal: big}, payoff: {A: 3, B: 1}}
            r: {outcome: {deal: none}, payoff: {A: 0, B: 0}}
        t:
          prob: 1/2
          B:
            u: {outcome: {deal: small}, payoff: {A: 1, B: 2}}
            v: {outcome: {deal: big}, payoff: {A: 2, B: 1}}
    y: {outcome: {deal: small}, payoff: {A: 1, B: 0}}
questions:
  - id: cmp
    compare: {watch: A@start}
Y
expect_status "cmp analyze" 0 "$BRINK" analyze "$TMP/cmp.yaml"
tr '\n' ' ' <"$TMP/stdout" | tr -s ' ' >"$TMP/cmp.txt"
expect_grep "compare: outcomes separated by '; '" 'x: A 2, B 1\.5; 50% deal=big; 50% deal=small\. y: A 1, B 0; 100% deal=small\.' "$TMP/cmp.txt"
expect_grep "the equilibrium's own outcomes line, the same separator" 'Outcomes: 50% deal=[a-z]+; 50% deal=[a-z]+' "$TMP/cmp.txt"

# ---- N6: tree and compact Monte Carlo give the same value doubles on draws solved exactly
# (tester 12's c6: ties of equal values, every draw falls back to the exact solve; the tree
# gave its doubles' own arithmetic, the compact run the nearest double of the exact value).
cat >"$TMP/c6.yaml" <<'Y'
brink: 1
id: c6
actors: {A: {}, B: {}}
parameters:
  p: {value: 0.5, range: [0, 1], distribution: "uniform(0, 1)"}
issues:
  deal: [none, signed, shook]
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
                sign: {outcome: {deal: signed}, payoff: {A: "(1 - y)/round", B: "y/round"}}
                shake: {outcome: {deal: shook}, payoff: {A: "(1 - y)/round", B: "y/round"}}
                reject: next
        b_proposes:
          prob: 1 - p
          B:
            offer_{y}:
              for: y
              in: [0.2, 0.6]
              A:
                accept: {outcome: {deal: signed}, payoff: {A: "y/round", B: "(1 - y)/round"}}
                reject: next
game:
  repeat: round
  times: 2
  then: {}
Y
for ca in 0 1; do
  expect_status "c6 montecarlo --compact-above $ca" 0 "$BRINK" montecarlo "$TMP/c6.yaml" \
    --samples 100 --seed 2 --draws --json --compact-above $ca
  cp "$TMP/stdout" "$TMP/c6_$ca.json"
done
python3 - "$TMP/c6_0.json" "$TMP/c6_1.json" <<'PY' && ok || bad "c6: tree and compact values differ"
import json, sys
from fractions import Fraction
a, b = (json.load(open(f)) for f in sys.argv[1:3])
assert a["double_path"]["fallback"] == 100          # every draw solved exactly
diff = [i for i, (x, y) in enumerate(zip(a["draws"], b["draws"])) if x["value"] != y["value"]]
assert not diff, "draws %s: %s vs %s" % (diff[:3], a["draws"][diff[0]]["value"], b["draws"][diff[0]]["value"])
# and each is the nearest double of the exact value. By hand, B's value at the drawn p (the
# draw's double, exactly): 4/5 - p/5 below 1/3, 2/5 + p/5 to 2/3, 2/5 - p/5 above.
for d in a["draws"]:
    if d["value"][1] is not None:
        p = Fraction(d["x"][0])
        v = (Fraction(4, 5) - p / 5 if p < Fraction(1, 3) else
             Fraction(2, 5) + p / 5 if p < Fraction(2, 3) else Fraction(2, 5) - p / 5)
        assert d["value"][1] == float(v), (d, float(v))
PY

finish
