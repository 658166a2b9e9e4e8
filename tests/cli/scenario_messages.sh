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

finish
