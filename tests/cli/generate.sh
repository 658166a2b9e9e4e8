#!/usr/bin/env bash
# generate.sh — `brink generate`: every kind listed by --list writes a game `brink info` reads
# (.efg for trees, .nfg for tables); -o writes a file; --seed N equals seed=N and repeats;
# misspelt options, bad values and unknown kinds are refused with exit 2 and a message; and
# two class properties end to end (travellers' dilemma: one equilibrium, at the lowest claim;
# Kuhn: value -1/18).
source "$(dirname "$0")/lib.bash"

kinds=$("$BRINK" generate --list | awk '/^  [a-z]/ { print $1 }')
n=0
for k in $kinds; do
  n=$((n + 1))
  if "$BRINK" generate "$k" -o "$TMP/$k.game" 2>"$TMP/err"; then ok; else bad "generate $k: $(cat "$TMP/err")"; continue; fi
  head -c 3 "$TMP/$k.game" >"$TMP/magic"
  case "$k" in
    kuhn|leduc|leduc-cards|crisis) expect_grep "$k is a tree" '^EFG' "$TMP/magic" ;;
    *) expect_grep "$k is a table" '^NFG' "$TMP/magic" ;;
  esac
  expect_status "info reads $k" 0 "$BRINK" info "$TMP/$k.game"
done
[ "$n" -eq 20 ] && ok || bad "--list shows $n kinds, want 20"

"$BRINK" generate integer --seed 5 >"$TMP/a.nfg"
"$BRINK" generate integer seed=5 >"$TMP/b.nfg"
"$BRINK" generate integer seed=6 >"$TMP/c.nfg"
cmp -s "$TMP/a.nfg" "$TMP/b.nfg" && ok || bad "--seed 5 differs from seed=5"
cmp -s "$TMP/a.nfg" "$TMP/c.nfg" && bad "seeds 5 and 6 give the same game" || ok

expect_status "unknown kind" 2 "$BRINK" generate nosuch
expect_grep "unknown kind named" "unknown kind 'nosuch'" "$TMP/stderr"
expect_status "misspelt option" 2 "$BRINK" generate travellers hihg=5
expect_grep "misspelt option named with the valid ones" "unknown option 'hihg' \(options: low=2 high=100 bonus=2\)" "$TMP/stderr"
expect_status "bad value" 2 "$BRINK" generate integer actions=-1
expect_grep "bad value named" "actions=-1" "$TMP/stderr"
expect_status "too big" 2 "$BRINK" generate uniform players=40 actions=2
expect_status "missing kind" 2 "$BRINK" generate
expect_status "two kinds" 2 "$BRINK" generate kuhn leduc
expect_status "-o without a value" 2 "$BRINK" generate kuhn -o

"$BRINK" generate travellers high=12 -o "$TMP/td.nfg"
"$BRINK" solve "$TMP/td.nfg" --method enummixed --json >"$TMP/td.json"
expect_output "travellers' dilemma: one equilibrium, both claim 2" "1 2 2" \
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p=d["profiles"];
print(len(p), *[[s["label"] for s in q["strategies"] if s["exact"]=="1"][0] for q in p[0]["players"]])' "$TMP/td.json"
"$BRINK" solve "$TMP/kuhn.game" --method seqlp --json >"$TMP/kuhn.json"
expect_grep "Kuhn's value" '"value_exact":"-1/18"' "$TMP/kuhn.json"
finish
