#!/usr/bin/env bash
# generator_count.sh — nested generators are counted before the game is read (tester9 #2: 3000
# options each with 3000 more took 20 s and 2.7 GB before the refusal; 30000 x 30000 ran out of
# memory, exit 3, no place). Each kind of nesting is refused at its `in:` with the count, fast
# (the goldens data/scenarios/bad/generator_nested*.yaml hold the exact messages); a nested
# generator at the limit still compiles to the counted number of nodes, one over is refused.
source "$(dirname "$0")/lib.bash"

# refused quickly and located, whatever the nesting (ASan builds included: 20 s is generous)
refused() {   # desc file pattern [args]
  local desc=$1 f=$2 pat=$3; shift 3
  local start end
  start=$(date +%s)
  timeout 20 "$BRINK" compile "$f" -o "$TMP/x.efg" "$@" >"$TMP/stdout" 2>"$TMP/stderr"
  local rc=$?
  end=$(date +%s)
  [ "$rc" = 2 ] && ok || bad "$desc: exit $rc, want 2 ($(head -c 300 "$TMP/stderr"))"
  [ $((end - start)) -lt 10 ] && ok || bad "$desc: took $((end - start)) s"
  expect_grep "$desc" "^$f:[0-9]+:[0-9]+: error: $pat" "$TMP/stderr"
}

d=data/scenarios/bad
refused "3000 x 3000" $d/generator_nested.yaml "the game would have 9003001 nodes \(limit 4194304\): the options generated here make 9003000;"
refused "30000 x 30000" $d/generator_nested_huge.yaml "the game would have 900030001 nodes"
refused "3000 x 3000 x 3000" $d/generator_nested_three.yaml "the game would have 27009003001 nodes"

# and in little memory: reading the 3000 x 3000 options first took 2.7 GB (peak RSS, in KB;
# the bound leaves room for a sanitizer's shadow memory)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f '%M' -o "$TMP/rss" "$BRINK" compile $d/generator_nested.yaml -o "$TMP/x.efg" 2>/dev/null
  rss=$(tail -n 1 "$TMP/rss")
  [ "$rss" -lt 300000 ] && ok || bad "3000 x 3000 refused at a peak of $rss KB"
fi

# inside a sub-game with an argument, played once: refused in the body with its count
cat > "$TMP/sub.yaml" <<'YAML'
brink: 1
id: sub
actors: {A: {}, B: {}}
subgames:
  s:
    args: [k]
    body:
      A:
        o_{v}:
          for: v
          in: range(1, 3000)
          B:
            p_{w}:
              for: w
              in: range(1, 3000)
              payoff: {A: k * v, B: w}
game: {play: s, with: {k: 2}}
YAML
refused "in a sub-game" "$TMP/sub.yaml" "sub-game 's' would have 9003001 nodes each time it is played \(limit 4194304\)"

# inside a repeated round whose options end in next: the nodes as written are refused
cat > "$TMP/rep.yaml" <<'YAML'
brink: 1
id: rep
actors: {A: {}, B: {}}
subgames:
  r:
    body:
      A:
        o_{v}:
          for: v
          in: range(1, 3000)
          B:
            p_{w}:
              for: w
              in: range(1, 3000)
              next: true
game: {repeat: r, times: 2, then: {}}
YAML
refused "in a repeated round" "$TMP/rep.yaml" "the options generated here make 9003000 nodes as written"

# private types from a distribution, each with a grid of offers
cat > "$TMP/types.yaml" <<'YAML'
brink: 1
id: types
actors: {A: {}, B: {}}
game:
  seen_by: [B]
  chance:
    cost_{u}:
      for: u
      in: quantiles(uniform(0, 1), 3000)
      prob: 1/3000
      A:
        d_{x}:
          for: x
          in: range(1, 3000)
          B: {accept: {payoff: {A: x}}, fight: {payoff: {B: -u}}}
YAML
refused "types x offers" "$TMP/types.yaml" "the game would have 27003001 nodes"

# an inner range that uses the outer variable: summed value by value, stopped past the limit
cat > "$TMP/dep.yaml" <<'YAML'
brink: 1
id: dep
actors: {A: {}, B: {}}
game:
  A:
    o_{v}:
      for: v
      in: range(1, N)
      B:
        p_{w}:
          for: w
          in: range(1, v)
YAML
sed 's/N)/3000)/' "$TMP/dep.yaml" > "$TMP/dep3000.yaml"
refused "dependent 3000" "$TMP/dep3000.yaml" "the game would have at least [0-9]+ nodes \(limit 4194304\)"

# six levels of 3000 (7.3e20 nodes): the count saturates instead of overflowing
{
  printf 'brink: 1\nid: six\nactors: {A: {}}\ngame:\n'
  ind="  "
  for i in 1 2 3 4 5 6; do
    printf '%sA:\n%s  o%d_{v%d}:\n%s    for: v%d\n%s    in: range(1, 3000)\n' \
      "$ind" "$ind" $i $i "$ind" $i "$ind"
    ind="$ind    "
  done
} > "$TMP/six.yaml"
refused "six levels" "$TMP/six.yaml" "the game would have more than 4.61e\+18 nodes \(limit 4194304\): the options generated here make 9003000;"

# at the limit it compiles to exactly the counted nodes; one below the count is refused
sed 's/3000/100/g' $d/generator_nested.yaml > "$TMP/g100.yaml"
expect_status "100 x 100 at its count" 0 "$BRINK" compile "$TMP/g100.yaml" --max-nodes 10101 -o "$TMP/g.efg"
n=$(grep -c '^[cpt] ' "$TMP/g.efg")
[ "$n" = 10101 ] && ok || bad "100 x 100: want 1 + 100 + 100 * 100 = 10101 nodes, got $n"
# one over: the tree's count refuses it (the generated options alone are at the limit) ...
refused "100 x 100 one over" "$TMP/g100.yaml" "the game would have 10101 nodes \(limit 10100\); reduce" --max-nodes 10100
# ... and with the generated options over it, they are refused before the reading
refused "100 x 100 two over" "$TMP/g100.yaml" "the game would have 10101 nodes \(limit 10099\): the options generated here make 10100;" --max-nodes 10099
sed 's/N)/100)/' "$TMP/dep.yaml" > "$TMP/dep100.yaml"
expect_status "dependent 100 at its count" 0 "$BRINK" compile "$TMP/dep100.yaml" --max-nodes 5151 -o "$TMP/g.efg"
n=$(grep -c '^[cpt] ' "$TMP/g.efg")
[ "$n" = 5151 ] && ok || bad "dependent: want 1 + 100 + 5050 = 5151 nodes, got $n"
expect_status "dependent 100 one over" 2 "$BRINK" compile "$TMP/dep100.yaml" --max-nodes 5150 -o "$TMP/g.efg"
expect_grep "dependent one over" "5151 nodes \(limit 5150\)" "$TMP/stderr"

finish
