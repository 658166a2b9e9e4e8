# actor_generators.sh — a family of actors written once (issue 15: "N entrants are N actors
# written by hand"): E{k} with for: k, in: range(1, 4), name: Entrant {k} makes the same game
# as the four entrants written out, in the same place among the actors; its errors are located.
. "$(dirname "$0")/lib.bash"
D=$SRC/tests/data/scenarios

# the chain store with four entrants, the entrants generated (block style: in a flow mapping
# {for: k, in: range(1, 4)} the comma inside range( ) ends the value; quote it there)
sed '/^  E[1-4]: {name: Entrant [1-4]}$/d; s/^  I: {name: Incumbent, types: {tough: q, weak: 1 - q}}$/&\n  E{k}:\n    for: k\n    in: range(1, 4)\n    name: Entrant {k}/' \
  "$D/chainstore4.yaml" > "$TMP/gen4.yaml"
if grep -q '^  E{k}:$' "$TMP/gen4.yaml" && ! grep -q '^  E1:' "$TMP/gen4.yaml"; then ok
else bad "the generated file is made (the test's sed)"; fi
expect_status "compile the written one" 0 "$BRINK" compile "$D/chainstore4.yaml" -o "$TMP/w.efg"
expect_status "compile the generated one" 0 "$BRINK" compile "$TMP/gen4.yaml" -o "$TMP/g.efg"
if cmp -s "$TMP/w.efg" "$TMP/g.efg"; then ok; else bad "the same .efg both ways"; fi
expect_status "analyze the generated one" 0 "$BRINK" analyze "$TMP/gen4.yaml" --no-questions --json
if python3 -c "
import json; d = json.load(open('$TMP/stdout'))
ids = [a['label'] for a in d['actors']]
names = [a['name'] for a in d['actors']]
assert ids == ['I', 'E1', 'E2', 'E3', 'E4'], ids
assert names[1:] == ['Entrant 1', 'Entrant 2', 'Entrant 3', 'Entrant 4'], names
assert len(d['equilibria']) == 1 and d['equilibria'][0]['sequential'] is True"
then ok; else bad "ids, names and the answer"; fi

# an empty name: the id stands for it, as for a written actor (was "out of memory")
printf 'brink: 1\nid: e\ntitle: e\nactors:\n  E{k}: {for: k, in: [1, 2], name: ""}\ngame:\n  E1: {x: {E2: {y: {payoff: {E1: 1, E2: 1}}}}}\n' > "$TMP/empty.yaml"
expect_status "an empty generated name" 0 "$BRINK" compile "$TMP/empty.yaml" -o "$TMP/empty.efg"

# written and generated actors mix in order; a list of values; doc with the value
cat > "$TMP/mix.yaml" <<'EOF'
brink: 1
id: mix
title: mixed actors
actors:
  A: Alpha
  P{i}: {for: i, in: [2, 7], name: "Player {i}", doc: "the {i}th"}
  Z: Zulu
game:
  A:
    go: {P2: {x: {P7: {y: {Z: {z: {payoff: {A: 1, P2: 2, P7: 3, Z: 4}}}}}}}}
    stop: {payoff: {A: 0}}
EOF
expect_status "mixed actors" 0 "$BRINK" analyze "$TMP/mix.yaml" --json
if python3 -c "
import json; d = json.load(open('$TMP/stdout'))
assert [a['label'] for a in d['actors']] == ['A', 'P2', 'P7', 'Z'], d['actors']
assert [a['name'] for a in d['actors']] == ['Alpha', 'Player 2', 'Player 7', 'Zulu'], d['actors']"
then ok; else bad "written and generated actors in order"; fi

# errors, each at its place
bad_case() {   # name, actors lines (after 'actors:'), expected message (ERE)
  printf 'brink: 1\nid: b\ntitle: b\nparameters:\n  p: {value: 1, range: [0, 2]}\nactors:\n%s\ngame:\n  E1: {x: {payoff: {E1: 1}}}\n' "$2" > "$TMP/b.yaml"
  expect_status "$1: refused" 2 "$BRINK" analyze "$TMP/b.yaml"
  expect_grep "$1: located message" "$3" "$TMP/stderr"
}
bad_case "id made twice" '  E1: first
  E{k}: {for: k, in: "range(1, 3)"}' "b.yaml:8:3: error: actor id 'E1' is made twice \(first at line 7, column 3\)"
bad_case "id not a name" '  E{k}: {for: k, in: [1, 0.5]}' "b.yaml:7:3: error: .*generated actor id.*E0.5"
bad_case "types refused" '  E{k}: {for: k, in: [1, 2], types: {a: 1/2, b: 1/2}}' "b.yaml:7:.*error: .*generated actor.*types"
bad_case "no in:" '  E{k}: {for: k}' "b.yaml:7:[0-9]+: error: a generated actor needs in:"
bad_case "a parameter in in:" '  E{k}: {for: k, in: "range(1, p)"}' "b.yaml:7:[0-9]+: error: a generator's values must be known when the tree is built: .*not parameters \('p'\)"
bad_case "no for:" '  E{k}: {in: [1, 2]}' "b.yaml:7:3: error: 'E{k}' looks like a generator of actors, which needs for: \(the variable\) and in: \(its values\)"
bad_case "key without the variable" '  E{j}: {for: k, in: [1, 2]}' "b.yaml:7:3: error: a generated actor's key must hold \{k\}, the generator's variable"
bad_case "variable is a parameter" '  E{p}: {for: p, in: [1, 2]}' "b.yaml:7:[0-9]+: error: the generator's variable 'p' is a parameter; name it otherwise"
bad_case "unquoted range in a flow mapping" '  E{k}: {for: k, in: range(1, 3)}' "in a flow mapping \{\.\.\.\} the comma ends the value; quote it"
bad_case "for: not a name" '  E{k}: {for: 3, in: [1]}' "b.yaml:7:[0-9]+: error: a generator's variable '3' must be"
bad_case "more than 64" '  E{k}: {for: k, in: "range(1, 65)"}' "b.yaml:7:[0-9]+: error: more than 64 actors \(the limit\)"
# 65 actors written out: refused as before the generators (the count is over written and
# generated ones alike)
{ printf 'brink: 1\nid: b\ntitle: b\nactors:\n'
  for i in $(seq 1 65); do printf '  E%d: e\n' "$i"; done
  printf 'game:\n  E1: {x: {payoff: {E1: 1}}}\n'; } > "$TMP/many.yaml"
expect_status "65 written actors" 2 "$BRINK" analyze "$TMP/many.yaml"
expect_grep "65 written actors: located" "many.yaml:5:3: error: 65 actors \(limit 64\)" "$TMP/stderr"
{ printf 'brink: 1\nid: b\ntitle: b\nactors:\n'
  for i in $(seq 1 60); do printf '  W%d: w\n' "$i"; done
  printf '  E{k}: {for: k, in: "range(1, 5)"}\ngame:\n  E1: {x: {payoff: {E1: 1}}}\n'; } > "$TMP/many2.yaml"
expect_status "60 written and 5 generated" 2 "$BRINK" analyze "$TMP/many2.yaml"
expect_grep "60 + 5: at the generator" "many2.yaml:65:[0-9]+: error: more than 64 actors \(the limit\)" "$TMP/stderr"
finish
