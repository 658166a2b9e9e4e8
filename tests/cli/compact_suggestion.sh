#!/usr/bin/env bash
# compact_suggestion.sh — the --max-nodes refusal of `brink analyze` says that --compact-above
# would solve the file without the tree, when the compact path applies to it (tester 11b
# F10), and only then: not with private types, not with questions that read the tree, not
# for a method or command that needs the tree.
source "$(dirname "$0")/lib.bash"
no_grep() { if grep -q -- "$2" "$3"; then bad "$1: '$2' in $(head -c 400 "$3")"; else ok; fi; }

R=$SRC/examples/rubinstein.yaml   # 3 rounds: 25261 nodes, perfect information
expect_status "rubinstein --max-nodes 10000 refused" 2 "$BRINK" analyze "$R" --max-nodes 10000
expect_grep "the refusal names the compact path" \
  "error: the game would have 25261 nodes \(limit 10000\); .*; or solve it as a compact game \(each distinct sub-game once\), without the tree: --compact-above 10000 \(Python: compact_above=N\)$" "$TMP/stderr"
# the advice works
expect_status "with --compact-above 10000 it is solved" 0 "$BRINK" analyze "$R" --max-nodes 10000 --compact-above 10000
expect_grep "solved as a compact game" "^Game: 2 actors .*25261 nodes" "$TMP/stdout"

# not where the compact path does not apply
expect_status "bluff (private types) refused" 2 "$BRINK" analyze "$SRC/examples/bluff.yaml" --max-nodes 3
no_grep "types: no compact advice" "compact-above" "$TMP/stderr"
expect_status "enumpure needs the tree" 2 "$BRINK" analyze "$R" --max-nodes 10000 --method enumpure
no_grep "enumpure: no compact advice" "compact-above" "$TMP/stderr"
sed -e 's/times: 10/times: 3/' -e 's/watch: A@start}/watch: "A@*"}/' \
  "$SRC/tests/data/scenarios/rubinstein-10-question.yaml" >"$TMP/rq.yaml"
expect_status "questions read the tree" 2 "$BRINK" analyze "$TMP/rq.yaml" --max-nodes 1000
no_grep "questions: no compact advice" "compact-above" "$TMP/stderr"
expect_status "--no-questions: the compact path applies" 2 "$BRINK" analyze "$TMP/rq.yaml" --max-nodes 1000 --no-questions
expect_grep "--no-questions: advice" "without the tree: --compact-above 1000 \(Python: compact_above=N\)$" "$TMP/stderr"
# tester 12, F6: every command that loads a scenario file takes --max-nodes (the refusal
# advises it): its own limit is used, and a valid limit lets the file through
R="$SRC/examples/rubinstein.yaml"
for c in "sweep $R --vary delta=0.2:0.8:2" "report $R -o $TMP/r.html --no-tree" \
         "plot $R --list" "montecarlo $R --samples 2 --compact-above 0" \
         "compare $R --actor A --samples 2"; do
  set -- $c
  expect_status "$1 --max-nodes 100: refused at its limit" 2 "$BRINK" "$@" --max-nodes 100
  expect_grep "$1 --max-nodes 100: the limit named" "25261 nodes \(limit 100\); .*--max-nodes N; Python: max_nodes=N" "$TMP/stderr"
  expect_status "$1 --max-nodes 30000: runs" 0 "$BRINK" "$@" --max-nodes 30000
done
expect_status "sweep --max-nodes 0 refused" 2 "$BRINK" sweep "$R" --vary delta=0.2:0.8:2 --max-nodes 0

finish
