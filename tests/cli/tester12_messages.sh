#!/usr/bin/env bash
# tester12_messages.sh — messages that say where (tester 12, session 12):
#  F5    a chance probability negative, or a move's not summing to 1, in one round only names
#        the call, on the tree and the compact path, when the file is read and at --set;
#  F9.3  an error in a nested call names the calls that led there;
#  F9.4  quantiles of uniform(low, high) with low = high: the cause, not two equal labels;
#  F9.5  each mechanism id names one built-in (M7 and M7b);
#  F9.8  a --set value that breaks a payoff is the same usage error on both paths.
source "$(dirname "$0")/lib.bash"
D="$SRC/tests/data/tester12"

for ca in 0 1; do
  expect_status "h7 --compact-above $ca" 2 "$BRINK" analyze "$D/h7.yaml" --compact-above $ca
  expect_grep "h7 --compact-above $ca: the round" \
    "^[^ ]*h7.yaml:[0-9]+:[0-9]+: error: probability of 'b_proposes' \(in round 6 of sub-game 'round'\) is negative \(-0.2\) at p = 1, the upper end" "$TMP/stderr"
  expect_status "h10 --compact-above $ca" 2 "$BRINK" analyze "$D/h10.yaml" --compact-above $ca
  expect_grep "h10 --compact-above $ca: the round" \
    "probabilities of this chance move \(in round 3 of sub-game 'round'\) sum to 11/10, not 1, at the default parameter values" "$TMP/stderr"
  expect_status "h7-set --compact-above $ca" 2 "$BRINK" analyze "$D/h7-set.yaml" --no-questions \
    --set p=1/2 --compact-above $ca
  expect_grep "h7-set --compact-above $ca: the round at --set" \
    "probability of 'b_proposes' \(in round 5 of sub-game 'round'\) is negative \(-1/4\) at these parameter values" "$TMP/stderr"
  "$BRINK" analyze "$D/h7-set.yaml" --no-questions --compact-above $ca > /dev/null 2>"$TMP/err" &&
    ok || bad "h7-set --compact-above $ca at the defaults: $(cat "$TMP/err")"
  # F9.8: the same usage error, located in the file, on both paths
  expect_status "c7 --set p=0 --compact-above $ca" 2 "$BRINK" analyze "$D/c7.yaml" --set p=0 \
    --compact-above $ca
  head -1 "$TMP/stderr" > "$TMP/c7.$ca"
  expect_grep "c7 --compact-above $ca: a --set error at the payoff" \
    "^brink analyze: --set: [^ ]*c7.yaml:27:66: division by zero in 'delta\^\(round - 1\) \* y / p'$" "$TMP/c7.$ca"
done
cmp -s "$TMP/c7.0" "$TMP/c7.1" && ok || bad "c7: the paths differ: $(cat "$TMP/c7.0") / $(cat "$TMP/c7.1")"

# F9.3: the calls that led to a nested call's error
expect_status "e8" 2 "$BRINK" analyze "$D/e8.yaml"
expect_grep "e8: the call chain" \
  "\(in sub-game 'inner', where m = 0; called in round 1 of sub-game 'outer', where j = 1\)$" "$TMP/stderr"
expect_status "e17" 2 "$BRINK" analyze "$D/e17.yaml"
expect_grep "e17: the call chain, without the repeat's own round" \
  "\(in round 3 of sub-game 'stage', where k = 3; called in sub-game 'top', where k = 3\)$" "$TMP/stderr"

# F9.4: a degenerate uniform
for f in e11 e14; do
  expect_status "$f" 2 "$BRINK" analyze "$D/$f.yaml"
  expect_grep "$f: the cause" "'uniform\(0, [^']*\)' has low = high = 0, a single value: its 2 quantiles would all be that value" "$TMP/stderr"
  if grep -q "two options are labelled" "$TMP/stderr"; then bad "$f: still blamed on the labels"; else ok; fi
done

# F9.5: one built-in per mechanism id
"$BRINK" scenarios > "$TMP/list" 2>&1 && ok || bad "scenarios"
dups=$(grep -oE '^M[0-9]+[a-z]?' "$TMP/list" | sort | uniq -d)
[ -z "$dups" ] && ok || bad "mechanism ids listed twice: $dups"
expect_grep "M7b is six-party-talks" "^M7b +six-party-talks " "$TMP/list"
expect_grep "M7 is seoul-leads" "^M7 +seoul-leads " "$TMP/list"
"$BRINK" analyze M7b --no-questions --json > "$TMP/m7b.json" 2>"$TMP/err" && ok || bad "analyze M7b: $(cat "$TMP/err")"
expect_grep "analyze M7b loads six-party-talks" '"id":"six-party-talks"' "$TMP/m7b.json"
"$BRINK" analyze M7 --no-questions --json > "$TMP/m7.json" 2>"$TMP/err" && ok || bad "analyze M7: $(cat "$TMP/err")"
expect_grep "analyze M7 loads seoul-leads" '"id":"seoul-leads"' "$TMP/m7.json"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
