#!/usr/bin/env bash
# generators.sh — for:/in: expands at compile time: range(0, 1, 1/4) is exactly 5 options
# (exact steps, the high end included), a list inside a sub-game body is read per call with
# the argument in force, quantiles(normal(0, 1), 4) gives the normal quantiles at 1/8, 3/8,
# 5/8, 7/8 (+-0.318639, +-1.15035) as equally likely chance outcomes, a nested range may use
# the outer variable, mod works on generated values, and labels carry the values.
source "$(dirname "$0")/lib.bash"

f=data/scenarios/generators.yaml
"$BRINK" compile "$f" -o "$TMP/g.efg" 2>"$TMP/err"
expect_grep "5 offers and 2 fixed options" '^p "" 1 1 "start" \{ "offer_0" "offer_0.25" "offer_0.5" "offer_0.75" "offer_1" "lottery" "grid" \} 0$' "$TMP/g.efg"
expect_grep "list in a sub-game" '^p "" 2 4 "offer_0.75" \{ "accept" "reject_1" "reject_2" \} 0$' "$TMP/g.efg"
# payoffs: accept gives A x; reject_k gives A -k x (x = 3/4)
expect_grep "argument x local k" '^t "" 10 "end" \{ 3/4, 1/4 \}$' "$TMP/g.efg"
expect_grep "argument x local k (2)" '^t "" 12 "end" \{ -3/2, 0 \}$' "$TMP/g.efg"
expect_grep "normal quantiles" '^c "" 1 "chance" \{ "n-1.15035" 1/4 "n-0.318639" 1/4 "n0.318639" 1/4 "n1.15035" 1/4 \} 0$' "$TMP/g.efg"
expect_grep "nested range(i, 3), i = 1" '^p "" 1 3 "grid/r1" \{ "c1" "c2" "c3" \} 0$' "$TMP/g.efg"
expect_grep "nested range(i, 3), i = 2" '^p "" 1 4 "grid/r2" \{ "c2" "c3" \} 0$' "$TMP/g.efg"
expect_grep "mod(i + j, 2) at i = 2, j = 3" '^t "" 24 "end" \{ 1, 0 \}$' "$TMP/g.efg"
n=$(grep -c '^[cpt] ' "$TMP/g.efg")
# root + 5 offers x (B + 3 leaves) + lottery (chance + 4) + grid (1 + (1 + 3) + (1 + 2))
[ "$n" = $((1 + 5 * 4 + 5 + 8)) ] && ok || bad "want 34 nodes, got $n"
# the normal quantile is the one of the distribution: Phi(1.15035) = 7/8 to 6 digits (the
# upper half is the lower half mirrored exactly, so the value at 7/8 is minus the one at 1/8)
python3 -c "
import math
x = 647589130100909 / 562949953421312
assert abs(0.5 * math.erfc(-x / math.sqrt(2)) - 7 / 8) < 1e-15, x
" 2>/dev/null && ok || { command -v python3 >/dev/null && bad "normal quantile off" || ok; }
expect_grep "exact quantile value" '^t "" 19 "end" \{ 647589130100909/562949953421312, 0 \}$' "$TMP/g.efg"
expect_grep "exact quantile value, mirrored" '^t "" 16 "end" \{ -647589130100909/562949953421312, 0 \}$' "$TMP/g.efg"

# uniform quantiles are exact: the middles of n equal slices
cat > "$TMP/u.yaml" <<'YAML'
brink: 1
id: u
actors:
  A: {}
game:
  chance:
    c_{c}:
      for: c
      in: quantiles(uniform(0, 0.3), 3)
      prob: 1/3
      payoff: {A: c}
YAML
"$BRINK" compile "$TMP/u.yaml" -o "$TMP/u.efg"
expect_grep "uniform quantiles" '"c_0.05" 1/3 "c_0.15" 1/3 "c_0.25" 1/3' "$TMP/u.efg"
expect_grep "exact 1/20" '^t "" 1 "end" \{ 1/20 \}$' "$TMP/u.efg"
# and a distribution that is not offered is refused at its place
sed 's/quantiles(uniform(0, 0.3), 3)/quantiles(beta(2, 5), 3)/' "$TMP/u.yaml" > "$TMP/b.yaml"
expect_status "beta refused" 2 "$BRINK" compile "$TMP/b.yaml"
expect_grep "beta located" ":9:21: error: a distribution for quantiles: uniform\(low, high\), normal\(mean, sd\) or triangular" "$TMP/stderr"

# actor arguments: one sub-game with proposer/responder passed as actors gives the same game
# (every payoff, in order) as the Rubinstein example written with both roles spelt out
sed "s/times: 3/times: 2/" "$SRC/examples/rubinstein.yaml" > "$TMP/r2.yaml"
"$BRINK" compile "$TMP/r2.yaml" -o "$TMP/r2.efg"
"$BRINK" compile data/scenarios/actor_args.yaml -o "$TMP/aa.efg"
grep -o '{ [^"]* }$' "$TMP/r2.efg" > "$TMP/r2.pay"
grep -o '{ [^"]* }$' "$TMP/aa.efg" > "$TMP/aa.pay"
[ "$(wc -l < "$TMP/r2.pay")" = $((20 * (1 + 20 * 2))) ] && ok || bad "want 20 x (1 + 20 x 2) leaves, got $(wc -l < "$TMP/r2.pay")"
cmp -s "$TMP/r2.pay" "$TMP/aa.pay" && ok || bad "actor arguments: payoffs differ"
grep -o '^p "" [12] ' "$TMP/r2.efg" > "$TMP/r2.who"; grep -o '^p "" [12] ' "$TMP/aa.efg" > "$TMP/aa.who"
cmp -s "$TMP/r2.who" "$TMP/aa.who" && ok || bad "actor arguments: movers differ"
# an actor argument needs an actor
sed 's/with: {proposer: A, responder: B, k: 1}/with: {proposer: C, responder: B, k: 1}/' data/scenarios/actor_args.yaml > "$TMP/bad.yaml"
expect_status "not an actor" 2 "$BRINK" compile "$TMP/bad.yaml"
expect_grep "not an actor located" ":[0-9]+:[0-9]+: error: argument 'proposer' of sub-game 'round' is an actor: give an actor's id" "$TMP/stderr"
# a tester's case: the middle quantile of normal(0, 1) was -6.96e-17, not 0, which broke a
# real tie (keep u or swap for 0 at u = 0: two SPE, not one) and made the label c_-6.95729e-17;
# a symmetric distribution's quantiles are now symmetric exactly (middle = mean, upper half
# mirrored)
f=data/scenarios/quantiles_tie.yaml
"$BRINK" analyze "$f" --no-questions >"$TMP/qt.txt" 2>"$TMP/err"
expect_grep "tie at the median: two SPE" '^2 equilibria' "$TMP/qt.txt"
expect_grep "median labelled c_0" 'after chance c_0: keep' "$TMP/qt.txt"
grep -q 'e-17' "$TMP/qt.txt" && bad "a rounding residue in a label: $(grep e-17 "$TMP/qt.txt" | head -1)" || ok
"$BRINK" compile "$f" -o "$TMP/qt.efg"
expect_grep "labels symmetric" '"c_-0.967422" 1/3 "c_0" 1/3 "c_0.967422" 1/3' "$TMP/qt.efg"
# the upper value is minus the lower one, exactly
lo=$(grep -m1 -oE '^t "" [0-9]+ "end" \{ -[0-9/]+ \}' "$TMP/qt.efg" | grep -oE -- '-[0-9/]+')
grep -qE "^t \"\" [0-9]+ \"end\" \{ ${lo#-} \}$" "$TMP/qt.efg" && [ -n "$lo" ] && ok || bad "upper quantile is not minus the lower one ($lo)"
# normal(1/3, 2) with n = 5: the middle value is the mean 1/3 exactly, and the others are
# symmetric about it (v + w = 2/3 exactly)
sed 's/quantiles(normal(0, 1), 3)/quantiles(normal(1\/3, 2), 5)/; s/prob: 1\/3/prob: 1\/5/' "$f" > "$TMP/q5.yaml"
"$BRINK" compile "$TMP/q5.yaml" -o "$TMP/q5.efg" 2>"$TMP/err" || bad "normal(1/3, 2): $(cat "$TMP/err")"
python3 - "$TMP/q5.efg" <<'PY' && ok || bad "normal(1/3, 2) quantiles not symmetric about 1/3 exactly"
import re, sys
from fractions import Fraction as F
vals = [F(m) for m in re.findall(r'^t "" \d+ "end" \{ (\S+) \}$', open(sys.argv[1]).read(), re.M)]
keep = vals[0::2]  # each type's first leaf is keep (payoff u), the second swap (0)
assert len(keep) == 5 and keep[2] == F(1, 3), keep
assert all(keep[i] + keep[4 - i] == F(2, 3) for i in range(5)), keep
PY

finish
