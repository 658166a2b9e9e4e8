#!/usr/bin/env bash
# montecarlo_compact.sh — brink montecarlo on a compact game (issue 15, "Monte Carlo on a
# compact game builds the tree"): a perfect-information scenario whose tree is over
# --compact-above nodes is solved draw by draw on its distinct sub-games. For scenarios small
# enough for both, the compact run equals the tree's draw for draw (same seed: the JSON but
# for the time and how the tree solved its draws): alternating offers with watched decisions
# on and off the play, with chance moves (probabilities 0, 1/2, 1), with ties (that change
# values or not) and payoffs on the options; any --threads gives the same; 10 rounds (3.2e13
# nodes) runs; what needs the tree is refused with the reason.
source "$(dirname "$0")/lib.bash"
R=$SRC/examples/rubinstein.yaml
# compare two JSON results, ignoring the keys given
cmpjson() {
  python3 - "$@" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2])); skip = set(sys.argv[3:])
bad = []
def walk(x, y, p):
    if isinstance(x, dict):
        for k in set(x) | set(y):
            if k in skip: continue
            if k not in x or k not in y: bad.append(p + '/' + k); continue
            walk(x[k], y[k], p + '/' + k)
    elif isinstance(x, list):
        if len(x) != len(y): bad.append(p); return
        for i, (u, v) in enumerate(zip(x, y)): walk(u, v, '%s[%d]' % (p, i))
    elif x != y:
        # the tree's double path and the compact game's exact values, rounded to doubles
        if isinstance(x, float) and isinstance(y, float) and abs(x - y) <= 1e-12 * (1 + abs(x)):
            return
        bad.append('%s: %r vs %r' % (p, x, y))
walk(a, b, '')
if bad: print('\n'.join(bad[:10])); sys.exit(1)
PY
}
sed -e 's/times: 3/times: 2/' \
    -e 's/  delta: {value: 0.5, range: \[0.1, 0.9\], units: per round, doc: discount factor}/  delta: {value: 0.5, range: [0.1, 0.9], distribution: "uniform(0.2, 0.8)"}/' \
    "$R" > "$TMP/r2.yaml"
sed 's/times: 2/times: 10/' "$TMP/r2.yaml" > "$TMP/r10.yaml"
W=(--watch A@start --watch B@offer_0.375 --watch B@offer_0.375/reject
   --watch A@offer_0.025/reject/offer_0.225)
for ca in 1 0; do
  "$BRINK" montecarlo "$TMP/r2.yaml" --samples 150 --threads 2 "${W[@]}" --compact-above $ca \
    --json > "$TMP/r2_$ca.json" 2> "$TMP/err" || bad "offers $ca: $(cat "$TMP/err")"
done
if out=$(cmpjson "$TMP/r2_1.json" "$TMP/r2_0.json" seconds double_path regions); then ok; else bad "offers: compact != tree: $out"; fi
expect_schema "offers: schema" "$TMP/r2_1.json" brink-montecarlo
# threads: the same draws
"$BRINK" montecarlo "$TMP/r2.yaml" --samples 150 --threads 1 "${W[@]}" --compact-above 1 \
  --json > "$TMP/r2_t1.json" || bad "threads 1"
if out=$(cmpjson "$TMP/r2_1.json" "$TMP/r2_t1.json" seconds threads); then ok; else bad "threads: $out"; fi
# --draws: draw by draw
for ca in 1 0; do
  "$BRINK" montecarlo "$TMP/r2.yaml" --samples 60 --threads 2 --watch A@start --compact-above $ca \
    --json --draws > "$TMP/d_$ca.json" || bad "draws $ca"
done
if out=$(cmpjson "$TMP/d_1.json" "$TMP/d_0.json" seconds double_path regions); then ok; else bad "draws: $out"; fi

# chance moves: nature picks the proposer with p drawn from {0, 1/2, 1}
sed -e 's/  times: 10/  times: 2/' \
    -e 's/  delta: {value: 0.5, range: \[0.1, 0.9\]}/  delta: {value: 0.5, range: [0.1, 0.9], distribution: "uniform(0.3, 0.7)"}/' \
    -e 's/  p: {value: 0.6, range: \[0, 1\], doc: probability that A proposes in a round}/  p: {value: 0.6, range: [0, 1], distribution: "discrete(0, 0.5, 1)"}/' \
    "$SRC/tests/data/scenarios/rubinstein-chance.yaml" > "$TMP/ch.yaml"
for ca in 1 0; do
  "$BRINK" montecarlo "$TMP/ch.yaml" --samples 120 --threads 2 --watch A@a_proposes \
    --watch B@b_proposes --compact-above $ca --json > "$TMP/ch_$ca.json" || bad "chance $ca"
done
if out=$(cmpjson "$TMP/ch_1.json" "$TMP/ch_0.json" seconds double_path regions); then ok; else bad "chance: $out"; fi

# ties: B indifferent between up and down, which change A's value unless x = 3; payoffs on
# A's hold option (drawn y)
cat > "$TMP/ties.yaml" <<'Y'
brink: 1
id: ties
actors: {A: {}, B: {}}
parameters:
  x: {value: 3, range: [0, 5], distribution: "discrete(2, 3, 4)"}
  y: {value: 1, range: [0, 5], distribution: "uniform(0.5, 1.5)"}
issues: {deal: [none, yes]}
subgames:
  stage:
    body:
      A:
        go:
          B:
            up: {payoff: {A: x, B: 1}}
            down: {outcome: {deal: yes}, payoff: {A: 3, B: 1}}
        wait: next
        hold: {payoff: {A: "y/10"}, next: true}
game: {repeat: stage, times: 3, then: {payoff: {A: 1, B: 2}}}
Y
TW=(--watch A@start --watch B@go --watch A@wait --watch B@hold/go)
for ca in 1 0; do
  "$BRINK" montecarlo "$TMP/ties.yaml" --samples 150 --threads 2 "${TW[@]}" --compact-above $ca \
    --json > "$TMP/t_$ca.json" || bad "ties $ca"
done
# the same but for the draws whose ties change values: several, counted, not listed one by
# one (their lists are not claimed complete)
if out=$(cmpjson "$TMP/t_1.json" "$TMP/t_0.json" seconds double_path regions incomplete); then ok; else bad "ties: $out"; fi
if python3 - "$TMP/t_1.json" "$TMP/t_0.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
# x = 2 or 4 (about 2/3 of the draws): several, values not agreed, lists not claimed complete
assert b["incomplete"] == 0 and 60 < a["incomplete"] < 140, (a["incomplete"], b["incomplete"])
assert a["value_ambiguous"] == b["value_ambiguous"] == a["incomplete"]
assert a["several"] == b["several"]
PY
then ok; else bad "ties: the incomplete draws"; fi

# 10 rounds of 20 offers (3.2e13 nodes): no tree
"$BRINK" montecarlo "$TMP/r10.yaml" --samples 100 --watch A@start > "$TMP/m10" 2>&1 || bad "10 rounds: $(head -3 "$TMP/m10")"
expect_grep "10 rounds: unique" 'of which the only subgame-perfect one \(proved\): 100%' "$TMP/m10"
expect_grep "10 rounds: watched" 'A, at the start:' "$TMP/m10"
expect_grep "10 rounds: offer" 'offer 0.375: ' "$TMP/m10"
# the double path certifies these draws (strict preferences everywhere); --exact: the same
"$BRINK" montecarlo "$TMP/r10.yaml" --samples 200 --watch A@start --json > "$TMP/f.json" || bad "fast"
"$BRINK" montecarlo "$TMP/r10.yaml" --samples 200 --watch A@start --json --exact > "$TMP/e.json" || bad "exact"
if out=$(cmpjson "$TMP/f.json" "$TMP/e.json" seconds double_path); then ok; else bad "fast != exact: $out"; fi
if python3 -c "import json,sys; d=json.load(open(sys.argv[1]))['double_path']; sys.exit(0 if d['certified'] == 200 else 1)" "$TMP/f.json"; then ok; else bad "fast: not certified: $(grep -o '"double_path":[^}]*}' "$TMP/f.json")"; fi
expect_status "10 rounds as a tree: refused" 2 "$BRINK" montecarlo "$TMP/r10.yaml" --samples 10 --compact-above 0
# refusals: what a compact game cannot answer yet, with the reason
# --db: stored block by block, a finished run resumed recomputes nothing and says the same;
# an interrupted one (a block deleted) is completed to the same draws
"$BRINK" montecarlo "$TMP/r10.yaml" --samples 300 --watch A@start --json --draws > "$TMP/n.json" || bad "no db"
"$BRINK" montecarlo "$TMP/r10.yaml" --samples 300 --watch A@start --json --draws --db "$TMP/x.db" \
  > "$TMP/db1.json" 2> "$TMP/err" || bad "db: $(cat "$TMP/err")"
if out=$(cmpjson "$TMP/n.json" "$TMP/db1.json" seconds); then ok; else bad "db: $out"; fi
"$BRINK" montecarlo "$TMP/r10.yaml" --samples 300 --watch A@start --json --draws --db "$TMP/x.db" \
  --resume > "$TMP/db2.json" 2> "$TMP/err" || bad "resume: $(cat "$TMP/err")"
if out=$(cmpjson "$TMP/n.json" "$TMP/db2.json" seconds loaded double_path); then ok; else bad "resume: $out"; fi
if command -v sqlite3 > /dev/null 2>&1; then
  sqlite3 "$TMP/x.db" "DELETE FROM samples WHERE idx >= 256" 2> /dev/null
  "$BRINK" montecarlo "$TMP/r10.yaml" --samples 300 --watch A@start --json --draws --db "$TMP/x.db" \
    --resume > "$TMP/db3.json" 2> "$TMP/err" || bad "resume part: $(cat "$TMP/err")"
  if out=$(cmpjson "$TMP/n.json" "$TMP/db3.json" seconds loaded double_path); then ok; else bad "resume part: $out"; fi
fi
# Sobol indices: Saltelli's design's rows solved on the compact game, as the tree's
for ca in 1 0; do
  "$BRINK" montecarlo "$TMP/r2.yaml" --samples 50 --sobol 32 --threads 2 --watch A@start \
    --compact-above $ca --json > "$TMP/s_$ca.json" || bad "sobol $ca"
done
if out=$(cmpjson "$TMP/s_1.json" "$TMP/s_0.json" seconds double_path regions); then ok; else bad "sobol: $out"; fi
expect_status "compare: the tree" 2 "$BRINK" compare "$TMP/r10.yaml" --actor A --samples 10
expect_status "watch *" 2 "$BRINK" montecarlo "$TMP/r10.yaml" --samples 10 --watch 'A@*'
expect_grep "watch *: why" 'named by its path' "$TMP/stderr"
expect_status "watch none" 2 "$BRINK" montecarlo "$TMP/r10.yaml" --samples 10 --watch 'A@offer_0.5'
expect_grep "watch none: why" "no decision matches 'A@offer_0.5'" "$TMP/stderr"
# shared among MPI ranks: the same draws (when brink was built with MPI)
if [ -n "${BRINK_MPIEXEC:-}" ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  export OMPI_MCA_btl=self,vader OMPI_MCA_plm_rsh_agent=false
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$BRINK_MPIEXEC" --oversubscribe \
    -np 2 "$BRINK" montecarlo "$TMP/r10.yaml" --samples 300 --threads 1 --watch A@start --json \
    --draws > "$TMP/mpi.json" 2> "$TMP/err" || bad "mpi: $(head -c 300 "$TMP/err")"
  if out=$(cmpjson "$TMP/n.json" "$TMP/mpi.json" seconds processes threads); then ok; else bad "mpi: $out"; fi
fi
finish
