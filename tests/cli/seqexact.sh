# seqexact.sh — an exact profile's sequential check is decided exactly inside the tolerance
# band: an off-path mixture of about 1e-10 or an off-path loss below 1e-9 x the payoff scale
# (10^6) no longer keeps a Nash equilibrium that is not sequential (tests/data/seqexact/*.yaml:
# above p = 1/2 the only sequential equilibrium is (in, accept); at or below 1/2 - 1e-10 in the
# loss games, (out, resist)). Analyze at exact parameter values next to the flip, the
# threshold question, and Monte Carlo's region path against its exact path.
. "$(dirname "$0")/lib.bash"
D=$SRC/tests/data/seqexact
ABOVE=5000000001/10000000000   # 1/2 + 1e-10
BELOW=4999999999/10000000000   # 1/2 - 1e-10

# one equilibrium, the sender's choice at the start as given ([out, in] probabilities)
one_eq() {   # $1: label, $2: expected S@start, then the analyze arguments
  local label=$1 want=$2; shift 2
  expect_status "$label" 0 "$BRINK" analyze "$@" --json
  if python3 -c "
import json
d = json.load(open('$TMP/stdout'))
e = d['equilibria']
assert len(e) == 1, [x['strategies'][0]['exact'] for x in e]
assert e[0]['sequential'], e[0]
assert e[0]['strategies'][0]['exact'] == $want, e[0]['strategies'][0]
"; then ok; else bad "$label: not the one sequential equilibrium"; fi
}
IN="['0', '1']"
OUT="['1', '0']"
for g in mixture loss; do
  one_eq "$g at the default p = 0.55" "$IN" "$D/$g.yaml" --keep-order
  one_eq "$g at p = 1/2 + 1e-10" "$IN" "$D/$g.yaml" --keep-order --set p=$ABOVE
  one_eq "$g-types at the default p = 0.55" "$IN" "$D/$g-types.yaml" --no-questions
  one_eq "$g-types at p = 1/2 + 1e-10" "$IN" "$D/$g-types.yaml" --no-questions --set p=$ABOVE
done
one_eq "loss-three at the default p = 0.55" "$IN" "$D/loss-three.yaml"
one_eq "loss-three at p = 1/2 + 1e-10" "$IN" "$D/loss-three.yaml" --set p=$ABOVE
one_eq "loss-three at p = 0.45" "$OUT" "$D/loss-three.yaml" --set p=0.45
one_eq "loss at p = 1/2 - 1e-10" "$OUT" "$D/loss.yaml" --keep-order --set p=$BELOW
one_eq "loss-types at p = 1/2 - 1e-10" "$OUT" "$D/loss-types.yaml" --no-questions --set p=$BELOW

# the text says so too, and the threshold question agrees with the analysis at the default
expect_status "loss-types text" 0 "$BRINK" analyze "$D/loss-types.yaml"
expect_grep "loss-types: one equilibrium" "^One equilibrium" "$TMP/stdout"
expect_grep "loss-types: (1/2, 1] in" '\(1/2, 1\]  "in"' "$TMP/stdout"

# Monte Carlo: every draw above 1/2 has the one equilibrium; the region path's draws equal the
# exact path's
for g in mixture-types loss-types; do
  expect_status "$g montecarlo (regions)" 0 "$BRINK" montecarlo "$D/$g.yaml" --samples 300 \
    --seed 5 --threads 2 --json --draws
  cp "$TMP/stdout" "$TMP/reg.json"
  expect_status "$g montecarlo (exact)" 0 "$BRINK" montecarlo "$D/$g.yaml" --samples 300 \
    --seed 5 --threads 2 --json --draws --exact
  if python3 -c "
import json
a = json.load(open('$TMP/reg.json')); b = json.load(open('$TMP/stdout'))
assert a['draws'] == b['draws'], [i for i, (x, y) in enumerate(zip(a['draws'], b['draws'])) if x != y][:5]
for k in ('none', 'unique', 'single_unproved', 'several', 'incomplete', 'outcomes', 'values'):
    assert a.get(k) == b.get(k), (k, a.get(k), b.get(k))
near = [x for x in b['draws'] if 0.5 < x['x'][0] < 0.6]
assert len(near) >= 10, len(near)
bad = [x for x in b['draws'] if x['x'][0] > 0.5 and x['equilibria'] != 1]
assert not bad, bad[:3]
"; then ok; else bad "$g: the Monte Carlo paths disagree or keep a profile that is not sequential"; fi
done
finish
