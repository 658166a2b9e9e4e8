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
finish
