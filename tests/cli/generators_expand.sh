#!/usr/bin/env bash
# generators_expand.sh — generators whose values use sub-game arguments or `round` are made
# while the tree is expanded (issue 15): values, labels and probabilities per call, nested
# ones, enclosing generators read with the file, lists and quantiles of arguments; actor
# arguments from templates ("E{round}"); the chain store without its if-chain compiles to the
# same game; closed forms of the ultimatum on a grid (examples/ultimatum_grid.yaml, one option
# more each round, and a grid sized by an argument). The refusals (empty range, parameter,
# labels, node limit, templates) are goldens in data/scenarios/bad/ (scenario_errors.sh).
source "$(dirname "$0")/lib.bash"

# one option more each round: range(1, round); payoffs use the variable
cat > "$TMP/rr.yaml" <<'YAML'
brink: 1
id: rr
actors: {A: {}, B: {}}
subgames:
  stage:
    body:
      A:
        take_{j}:
          for: j
          in: range(1, round)
          payoff: {A: j, B: -j}
          next: true
game: {repeat: stage, times: 3, then: {}}
YAML
"$BRINK" compile "$TMP/rr.yaml" -o "$TMP/rr.efg" 2>"$TMP/err" || bad "rr: $(cat "$TMP/err")"
expect_grep "round 1: one option" '^p "" 1 1 "start" \{ "take_1" \} 0$' "$TMP/rr.efg"
expect_grep "round 2: two" '^p "" 1 2 "take_1" \{ "take_1" "take_2" \} 0$' "$TMP/rr.efg"
expect_grep "round 3: three" '^p "" 1 3 "take_1/take_1" \{ "take_1" "take_2" "take_3" \} 0$' "$TMP/rr.efg"
expect_grep "payoff 1 + 2 + 3" '^t "" 6 "end" \{ 6, -6 \}$' "$TMP/rr.efg"
n=$(grep -c '^[cpt] ' "$TMP/rr.efg")
[ "$n" = $((1 + 1 + 2 + 2 * 3)) ] && ok || bad "rr: want 10 nodes, got $n"

# nested, both sized by arguments, in a chance move: probabilities 1/n per call, labels per
# value, the inner range using the outer variable
cat > "$TMP/nest.yaml" <<'YAML'
brink: 1
id: nest
actors: {A: {}}
subgames:
  s:
    args: [n]
    body:
      chance:
        c_{i}:
          for: i
          in: range(1, n)
          prob: 1 / n
          A:
            o_{j}:
              for: j
              in: range(1, i)
              payoff: {A: i * 10 + j}
game:
  A:
    x: {play: s, with: {n: 2}}
    y: {play: s, with: {n: 3}}
YAML
"$BRINK" compile "$TMP/nest.yaml" -o "$TMP/nest.efg" 2>"$TMP/err" || bad "nest: $(cat "$TMP/err")"
expect_grep "n = 2: halves" '^c "" 1 "chance" \{ "c_1" 1/2 "c_2" 1/2 \} 0$' "$TMP/nest.efg"
expect_grep "n = 3: thirds" '^c "" 2 "chance" \{ "c_1" 1/3 "c_2" 1/3 "c_3" 1/3 \} 0$' "$TMP/nest.efg"
expect_grep "inner range(1, i), i = 3" '^p "" 1 6 "y/c_3" \{ "o_1" "o_2" "o_3" \} 0$' "$TMP/nest.efg"
expect_grep "i = 3, j = 2" '^t "" 8 "end" \{ 32 \}$' "$TMP/nest.efg"
n=$(grep -c '^[cpt] ' "$TMP/nest.efg")
[ "$n" = $((1 + (1 + 2 + 3) + (1 + 2 + 3 + 4))) ] && ok || bad "nest: want 17 nodes, got $n"

# a list and quantiles of arguments, fixed options mixed in, an enclosing generator read with
# the file (i) and the variable in an if: condition and a call's argument
cat > "$TMP/mix.yaml" <<'YAML'
brink: 1
id: mix
actors: {A: {}, B: {}}
subgames:
  leaf:
    args: [v]
    body: {payoff: {A: v}}
  s:
    args: [n]
    body:
      A:
        first: {}
        l_{k}:
          for: k
          in: [1, n/2, n]
          if: k > 1
          then: {play: leaf, with: {v: k}}
          else: {payoff: {B: k}}
        q_{u}:
          for: u
          in: quantiles(uniform(0, n), 2)
          payoff: {A: u}
        g_{i}:
          for: i
          in: [1, 2]
          B:
            h_{m}:
              for: m
              in: range(1, n * i)
              payoff: {B: m}
game: {play: s, with: {n: 3}}
YAML
"$BRINK" compile "$TMP/mix.yaml" -o "$TMP/mix.efg" 2>"$TMP/err" || bad "mix: $(cat "$TMP/err")"
expect_grep "fixed and generated, in order" '^p "" 1 1 "start" \{ "first" "l_1" "l_1.5" "l_3" "q_0.75" "q_2.25" "g_1" "g_2" \} 0$' "$TMP/mix.efg"
expect_grep "if: k > 1 (k = 1)" '^t "" 2 "end" \{ 0, 1 \}$' "$TMP/mix.efg"
expect_grep "if: k > 1 (k = 3/2)" '^t "" 3 "end" \{ 3/2, 0 \}$' "$TMP/mix.efg"
expect_grep "quantile 3/4" '^t "" 5 "end" \{ 3/4, 0 \}$' "$TMP/mix.efg"
expect_grep "range(1, n i), i = 1" '^p "" 2 1 "g_1" \{ "h_1" "h_2" "h_3" \} 0$' "$TMP/mix.efg"
expect_grep "range(1, n i), i = 2" '^p "" 2 2 "g_2" \{ "h_1" "h_2" "h_3" "h_4" "h_5" "h_6" \} 0$' "$TMP/mix.efg"
# the same generators read with the file (n written out) make the same game
sed 's/n\/2/3\/2/; s/n \* i/3 * i/; s/uniform(0, n)/uniform(0, 3)/; s/, n\]/, 3]/' "$TMP/mix.yaml" > "$TMP/mix_const.yaml"
"$BRINK" compile "$TMP/mix_const.yaml" -o "$TMP/mix_const.efg" 2>"$TMP/err" || bad "mix_const: $(cat "$TMP/err")"
cmp -s "$TMP/mix.efg" "$TMP/mix_const.efg" && ok || bad "made at expansion differs from read with the file: $(diff "$TMP/mix.efg" "$TMP/mix_const.efg" | head -5)"

# actor templates: the chain store with "E{round}" is the game of the if-chain it replaces
sed '/^  stage:$/,/^game:$/{/^  stage:$/!{/^game:$/!d}}' "$SRC/examples/chainstore.yaml" |
  sed 's/^  stage:$/  stage:\n    body:\n      if: round == 1\n      then: {play: market, with: {entrant: E1}}\n      else:\n        if: round == 2\n        then: {play: market, with: {entrant: E2}}\n        else: {play: market, with: {entrant: E3}}/' > "$TMP/cs_if.yaml"
grep -q 'E{round}' "$SRC/examples/chainstore.yaml" && ok || bad "the example still chooses the entrant by an if-chain"
grep -q 'if: round == 2' "$TMP/cs_if.yaml" && ok || bad "if-chain version not made"
"$BRINK" compile "$SRC/examples/chainstore.yaml" -o "$TMP/cs.efg" 2>"$TMP/err" || bad "chainstore: $(cat "$TMP/err")"
"$BRINK" compile "$TMP/cs_if.yaml" -o "$TMP/cs_if.efg" 2>"$TMP/err" || bad "chainstore if-chain: $(cat "$TMP/err")"
cmp -s "$TMP/cs.efg" "$TMP/cs_if.efg" && ok || bad "chain store: template and if-chain differ"
# a template with a generator's variable and an integer argument: E{k + j}
cat > "$TMP/tpl.yaml" <<'YAML'
brink: 1
id: tpl
actors: {A: {}, E1: {}, E2: {}, E3: {}}
subgames:
  m:
    args: {who: actor}
    body: {who: {yes: {payoff: {who: 1}}, no: {}}}
  s:
    args: [k]
    body:
      A:
        to_{j}:
          for: j
          in: range(1, k)
          play: m
          with: {who: "E{k + j - 1}"}
game: {play: s, with: {k: 2}}
YAML
"$BRINK" compile "$TMP/tpl.yaml" -o "$TMP/tpl.efg" 2>"$TMP/err" || bad "tpl: $(cat "$TMP/err")"
expect_grep "to_1: E2 moves" '^p "" 3 1 "to_1" \{ "yes" "no" \} 0$' "$TMP/tpl.efg"
expect_grep "to_2: E3 moves" '^p "" 4 1 "to_2" \{ "yes" "no" \} 0$' "$TMP/tpl.efg"

# closed forms: the ultimatum on a grid. Round r offers k/(r + 1), k = 1 ... r: the proposer
# offers 1/(r + 1) and keeps pie r/(r + 1); over R rounds it keeps pie sum r/(r + 1)
for rounds in 3 5; do
  for pie in 1 3; do
    sed "s/times: 3/times: $rounds/" "$SRC/examples/ultimatum_grid.yaml" > "$TMP/ug.yaml"
    "$BRINK" analyze "$TMP/ug.yaml" --set pie=$pie --json > "$TMP/ug.json" 2>"$TMP/err" || bad "ultimatum grid: $(cat "$TMP/err")"
    python3 - "$TMP/ug.json" $rounds $pie <<'PY' && ok || bad "ultimatum grid, $rounds rounds, pie $pie: not the closed form"
import json, sys
from fractions import Fraction as F
d = json.load(open(sys.argv[1])); R = int(sys.argv[2]); pie = F(sys.argv[3])
want = pie * sum(F(r, r + 1) for r in range(1, R + 1))
eqs = d["equilibria"]
assert len(eqs) == 1, len(eqs)
v = {x["actor"]: F(x["exact"]) for x in eqs[0]["values"]}
assert v[0] == want and v[1] == pie * R - want, (v, want)
PY
  done
done
"$BRINK" analyze "$SRC/examples/ultimatum_grid.yaml" > "$TMP/ug.txt" 2>&1
expect_grep "offers the smallest share" '^  P, at the start: offer 1$' "$TMP/ug.txt"
expect_grep "88 nodes" 'Game: 2 actors \(Proposer, Responder\), 88 nodes' "$TMP/ug.txt"
# a grid sized by an argument: n = 4 or 10 equally likely, P keeps pie (1 - 1/n): 33/40 pie
"$BRINK" analyze data/scenarios/ultimatum_sizes.yaml --json > "$TMP/us.json" 2>"$TMP/err" || bad "sizes: $(cat "$TMP/err")"
python3 - "$TMP/us.json" <<'PY' && ok || bad "ultimatum sizes: not 33/40"
import json, sys
from fractions import Fraction as F
d = json.load(open(sys.argv[1]))
v = {x["actor"]: F(x["exact"]) for x in d["equilibria"][0]["values"]}
assert len(d["equilibria"]) == 1 and v[0] == F(33, 40) and v[1] == F(7, 40), v
PY

# the node limit is met while counting, quickly and in little memory: a generator whose
# variable does not size what is below it counts one value's nodes times its values (exact),
# one that does is counted value by value and stops at the limit (a lower bound, "at least")
refused() {   # desc file pattern
  local start end
  start=$(date +%s)
  /usr/bin/time -f '%M' -o "$TMP/rss" "$BRINK" compile "$2" -o "$TMP/x.efg" 2>"$TMP/err"
  end=$(date +%s)
  expect_grep "$1" "$3" "$TMP/err"
  [ $((end - start)) -lt 20 ] && ok || bad "$1: refusal took $((end - start)) s"
  rss=$(tail -n 1 "$TMP/rss")
  [ "$rss" -lt "$4" ] && ok || bad "$1: refused at a peak of $rss KB"
}
refused "3000 x 3000, exact" data/scenarios/bad/generator_arg_nested.yaml \
  ':18:15: error: the game would have at least 9003001 nodes \(limit 4194304\): the options generated here make 9003000;' 100000
# sum of k for k = 1 ... 3000 passes the limit near k = 2896 (about 3 s and 550 MB today)
refused "triangle, at least" data/scenarios/bad/generator_arg_triangle.yaml \
  ':15:15: error: the game would have at least [0-9]+ nodes \(limit 4194304\): the options generated here make at least [0-9]+;' 1500000
# one under the limit compiles: 1 + 2047 x (1 + 2047) = 4192257 nodes would, but take long;
# a smaller exact count instead: n = 100 gives 1 + 100 x 101 nodes
sed 's/n: 3000/n: 100/' data/scenarios/bad/generator_arg_nested.yaml > "$TMP/n100.yaml"
"$BRINK" compile "$TMP/n100.yaml" -o "$TMP/n100.efg" 2>"$TMP/err" || bad "n = 100: $(cat "$TMP/err")"
n=$(grep -c '^[cpt] ' "$TMP/n100.efg")
[ "$n" = $((1 + 100 * 101)) ] && ok || bad "n = 100: want 10101 nodes, got $n"
# --max-nodes applies the same way
expect_status "n = 100 under --max-nodes 10000" 2 "$BRINK" compile "$TMP/n100.yaml" -o "$TMP/x.efg" --max-nodes 10000
expect_grep "max-nodes located" ':18:15: error: the game would have at least [0-9]+ nodes \(limit 10000\)' "$TMP/stderr"

finish
