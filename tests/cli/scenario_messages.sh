#!/usr/bin/env bash
# scenario_messages.sh — the messages a new user meets (issue 15, item 5): the node limit can be
# raised from the command line, an exported game tells a typed actor's types' decisions apart,
# counts are pluralised, and a solver's refusal names the scenario file. (The located errors
# for empty sections and ranges that make priors negative are goldens in data/scenarios/bad/.)
source "$(dirname "$0")/lib.bash"

# --max-nodes: lower than the game refuses it with the count, the default compiles it
f=data/scenarios/bad/prior_range_negative.yaml
cat > "$TMP/small.yaml" <<'YAML'
brink: 1
id: small
actors:
  A: {types: {hi: p, lo: 1 - p}}
  B: {}
parameters:
  p: {value: 0.5, range: [0, 1]}
game:
  A:
    ask: {B: {give: {payoff: {A.hi: 1, B: 1}}, refuse: {}}}
    quiet: {}
YAML
expect_status "compile --max-nodes 5" 2 "$BRINK" compile "$TMP/small.yaml" --max-nodes 5 -o "$TMP/x.efg"
expect_grep "limit 5 named" "the game would have 11 nodes \(limit 5\).*--max-nodes" "$TMP/stderr"
expect_status "compile --max-nodes 11" 0 "$BRINK" compile "$TMP/small.yaml" --max-nodes 11 -o "$TMP/x.efg"
expect_status "analyze --max-nodes 10" 2 "$BRINK" analyze "$TMP/small.yaml" --max-nodes 10
expect_status "bad --max-nodes" 2 "$BRINK" compile "$TMP/small.yaml" --max-nodes 0
expect_status "bad --max-nodes text" 2 "$BRINK" analyze "$TMP/small.yaml" --max-nodes x1

# the exported .efg labels each type's decision with the type
"$BRINK" compile "$TMP/small.yaml" -o "$TMP/x.efg" 2>"$TMP/stderr"
expect_grep "hi's decision" '^p "" 1 1 "start \(hi\)"' "$TMP/x.efg"
expect_grep "lo's decision" '^p "" 1 2 "start \(lo\)"' "$TMP/x.efg"
expect_grep "untyped B plain" '^p "" 2 1 "ask"' "$TMP/x.efg"
# ... while references keep the plain label
cat "$TMP/small.yaml" > "$TMP/q.yaml"
printf 'questions:\n  - compare: {watch: A@start}\n' >> "$TMP/q.yaml"
expect_status "A@start still found" 0 "$BRINK" analyze "$TMP/q.yaml"

# one actor, one node: singular words
cat > "$TMP/one.yaml" <<'YAML'
brink: 1
id: one
actors:
  A: {}
game:
  A:
    a: {payoff: {A: 1}}
    b: {}
YAML
"$BRINK" analyze "$TMP/one.yaml" > "$TMP/out" 2>&1
expect_grep "1 actor" '^Game: 1 actor \(A\), 3 nodes, 1 decision point, 0 chance moves' "$TMP/out"
if grep -q "1 actors" "$TMP/out"; then bad "'1 actors' printed"; else ok; fi

# a solver that refuses the game: the message names the scenario file (a reduced strategic
# form beyond the doubles' range, 2^2000 strategies, for a method on the strategic form:
# said as "more than 1e308", never "inf")
cat > "$TMP/many.yaml" <<'YAML'
brink: 1
id: many-actions
actors:
  A: {}
  B: {}
game:
  A:
    a_{i}:
      for: i
      in: range(1, 2000)
      B:
        b_{j}:
          for: j
          in: [1, 2]
          payoff: {A: "mod(i, 3)", B: j}
YAML
expect_status "enummixed refuses" 2 "$BRINK" analyze "$TMP/many.yaml" --method enummixed --no-questions
expect_grep "refusal names the file" "^$TMP/many.yaml: error: the reduced strategic form would have more than 1e308 cells \(player 2 alone has more than 1e308" "$TMP/stderr"

# floor/mod over the watched parameter: the threshold engine says "not rational", never guesses
cat > "$TMP/floor.yaml" <<'YAML'
brink: 1
id: floor-threshold
actors:
  A: {}
parameters:
  p: {value: 0.25, range: [0, 1]}
  k: 3
game:
  A:
    take: {payoff: {A: "floor(10 * p) / 10 - 0.5"}}
    leave: {payoff: {A: "mod(k, 2) - 1"}}
questions:
  - threshold: {parameter: p, watch: A@start}
YAML
"$BRINK" analyze "$TMP/floor.yaml" > "$TMP/out" 2>&1
expect_grep "floor not rational" '\[0, 1\]  not certified: a payoff or probability is not a rational function' "$TMP/out"
expect_grep "floor place" 'parameter \(line 10, column 25\)' "$TMP/out"
# ... while mod of a constant parameter is folded: "leave" is worth mod(3, 2) - 1 = 0 > -0.3
expect_grep "mod folded" '^  A, at the start: leave$' "$TMP/out"

finish
