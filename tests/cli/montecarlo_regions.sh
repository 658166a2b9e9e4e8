# montecarlo_regions.sh — what the region path's line says (tester's issues 8 and 9): only
# certified regions are called certified, the unknown ones are counted as unknown; draws
# loaded from --db by --resume are neither looked up nor solved (as the double path leaves
# them out), and are counted as loaded.
. "$(dirname "$0")/lib.bash"
S=$SRC/tests/data/montecarlo/partly-unknown.yaml
ARGS=(montecarlo "$S" --samples 300 --seed 3 --threads 1 --watch A@start)
py() { python3 -c "import json, sys; d = json.load(open('$TMP/stdout')); $1"; }

expect_status "run" 0 "$BRINK" "${ARGS[@]}"
expect_grep "3 regions, 1 certified, 2 unknown" \
  "Region path \(p, the one drawn parameter\): 3 regions, 1 certified \(1 with every equilibrium proved\), 2 unknown \(nothing certified there\); answered by exact lookup: 0 draws; solved: 300\.$" \
  "$TMP/stdout"
if grep -q "3 certified" "$TMP/stdout"; then bad "unknown regions called certified"; else ok; fi
expect_status "run --json" 0 "$BRINK" "${ARGS[@]}" --json
if py 'r = d["regions"]; assert (r["regions"], r["certified"], r["unknown"], r["complete"]) == (3, 1, 2, 1), r; assert (r["lookup"], r["solved"], r["loaded"]) == (0, 300, 0), r'
then ok; else bad "JSON regions of a fresh run"; fi

# a complete run, then --resume: nothing computed
expect_status "run --db" 0 "$BRINK" "${ARGS[@]}" --db "$TMP/r.db"
expect_status "resume a finished run" 0 "$BRINK" "${ARGS[@]}" --db "$TMP/r.db" --resume
expect_grep "resume: nothing solved, 300 loaded" \
  "answered by exact lookup: 0 draws; solved: 0; loaded from the database \(not computed by this run\): 300\.$" \
  "$TMP/stdout"
expect_status "resume a finished run --json" 0 "$BRINK" "${ARGS[@]}" --db "$TMP/r.db" --resume --json
if py 'r = d["regions"]; assert (r["lookup"], r["solved"], r["loaded"]) == (0, 0, 300), r; assert d["double_path"] == {"certified": 0, "fallback": 0}, d["double_path"]'
then ok; else bad "JSON regions of a resumed run"; fi
expect_schema "resumed run's JSON follows the schema" "$TMP/stdout" brink-montecarlo

# two players: regions proved to hold the analysis' only equilibrium, or equilibria that all
# have the same values and outcomes (M1 below 1/2: several), answered by lookup; each draw
# equal to the exact path's (count, outcome, watched choices, values); where the values of a
# region's equilibria differ (nc3 above 3/2) the draws are solved
same_draws() {   # $1: label, $2: file, $3: samples, $4: python test of the regions
  expect_status "$1 (regions)" 0 "$BRINK" montecarlo "$2" --samples "$3" --threads 2 --json --draws
  cp "$TMP/stdout" "$TMP/reg.json"
  expect_status "$1 (exact)" 0 "$BRINK" montecarlo "$2" --samples "$3" --threads 2 --json --draws --exact
  if python3 -c "
import json
a = json.load(open('$TMP/reg.json')); b = json.load(open('$TMP/stdout'))
r = a['regions']; $4
assert a['draws'] == b['draws'], [i for i, (x, y) in enumerate(zip(a['draws'], b['draws'])) if x != y][:5]
for k in ('none', 'unique', 'single_unproved', 'unique_subgame_perfect', 'several', 'incomplete', 'outcomes', 'watched', 'values', 'value_ambiguous'):
    assert a.get(k) == b.get(k), (k, a.get(k), b.get(k))
"; then ok; else bad "$1: the region path's draws differ from the exact path's"; fi
}
same_draws "m1" m1 3000 "assert (r['lookup'], r['solved']) == (3000, 0), r"
same_draws "nc3" "$SRC/tests/data/montecarlo/nc3-drawn.yaml" 1000 \
  "assert r['lookup'] > 300 and r['solved'] > 300, r"
# tester 16: V2, one equilibrium in a region that agrees (the exact path's proof varies inside:
# solved); V4, a region whose continuation follows one more equilibrium than the exact path
# keeps (solved): the draws equal the exact path's either way
same_draws "tester16 V2" "$SRC/tests/data/montecarlo/tester16-v2.yaml" 300 \
  "assert r['lookup'] > 0 and r['solved'] > 0, r"
same_draws "tester16 V4" "$SRC/tests/data/montecarlo/tester16-v4.yaml" 300 "assert r['solved'] > 0, r"
finish
