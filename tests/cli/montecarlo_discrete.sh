# montecarlo_discrete.sh — a discrete value is the number as written (tester 10, F2): a draw
# of `0.3` binds 3/10 exactly on every path of Monte Carlo (the exact bind, the double path
# with its error bounds, the region path), so a draw at a certified flip is reported as the
# flip (two equilibria, "several"), never "proved unique" on one side; the range check is
# exact (3/10 lies in [3/10, 7/10], not moved); distribution arguments accept fractions; a
# resumed database run equals an uninterrupted one.
. "$(dirname "$0")/lib.bash"
D=$SRC/tests/data/montecarlo
F=$D/disc-decimal-flip.yaml
FR=$D/disc-decimal-flip-range.yaml
py() { python3 -c "import json, sys; d = json.load(open('$TMP/stdout')); $1"; }

# the model at 0.3 (exact): two equilibria
expect_status "analyze --set p=0.3" 0 "$BRINK" analyze "$F" --no-questions --set p=0.3 --json
if py 'assert len(d["equilibria"]) == 2, len(d["equilibria"])'; then ok; else bad "analyze at p = 0.3: two equilibria expected"; fi

# Monte Carlo: the draws at 0.3 are 'several', the ones at 0.7 'deal' (unique SPE); the same
# with the range [0.3, 0.7], with --exact, with 1 and 2 threads
counts() {
  py 'print(d["several"]["k"], d["unique"]["k"], d["unique_subgame_perfect"]["k"], d["single_unproved"],
      [a["played"]["k"] for a in d["watched"][0]["actions"]])'
}
ref=
for f in "$F" "$FR"; do
  for opt in "" --exact; do
    for t in 1 2; do
      expect_status "montecarlo $(basename "$f") $opt --threads $t" 0 \
        "$BRINK" montecarlo "$f" --samples 1000 --seed 1 --threads "$t" $opt --json
      got=$(counts)
      if [ -z "$ref" ]; then ref=$got; fi
      if [ "$got" = "$ref" ]; then ok; else bad "$(basename "$f") $opt threads $t: [$got], want [$ref]"; fi
    done
  done
done
if [ "$ref" = "511 0 489 489 [489, 0]" ]; then ok
else bad "draws at 0.3 must be several (511), at 0.7 deal (489); got [$ref]"; fi

# every row at 0.3 is ambiguous with two equilibria; every row at 0.7 is deal (the CSV's
# number stays the double of the value written)
for f in "$F" "$FR"; do
  expect_status "csv $(basename "$f")" 0 "$BRINK" montecarlo "$f" --samples 200 --csv "$TMP/d.csv"
  if python3 - "$TMP/d.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 200
for r in rows:
    if r["p"] == "0.3":
        assert r["equilibria"] == "2" and r["A, at the start"] == "ambiguous", r
    else:
        assert r["p"] == "0.7" and r["equilibria"] == "1" and r["A, at the start"] == "deal", r
EOF
  then ok; else bad "$(basename "$f"): a CSV row at 0.3 not at the flip"; fi
done

# fractions, as the language reads numbers elsewhere; the same draws as the decimals
sed 's|discrete(0.3, 0.7; 1, 1)|discrete(3/10, 7/10; 1/2, 1/2)|' "$F" >"$TMP/frac.yaml"
expect_status "montecarlo discrete(3/10, 7/10; 1/2, 1/2)" 0 "$BRINK" montecarlo "$TMP/frac.yaml" --samples 1000 --json
got=$(counts)
if [ "$got" = "$ref" ]; then ok; else bad "fractions: [$got], want [$ref]"; fi
sed 's|discrete(0.3, 0.7; 1, 1)|"uniform(0, 2/3)"|' "$F" >"$TMP/unif.yaml"
expect_status "uniform(0, 2/3)" 0 "$BRINK" montecarlo "$TMP/unif.yaml" --samples 300 --csv "$TMP/u.csv"
if python3 -c "
import csv
xs = [float(r['p']) for r in csv.DictReader(open('$TMP/u.csv'))]
assert len(xs) == 300 and min(xs) >= 0 and max(xs) <= 2/3 and max(xs) > 0.6, (min(xs), max(xs))
"; then ok; else bad "uniform(0, 2/3): draws outside [0, 2/3]"; fi

# a parameter not drawn binds its exact default too: walk worth w = 0.3 (no distribution)
sed -e 's|x=b: 0.3|x=b: w|' -e 's|^parameters:|parameters:\n  w: 0.3|' "$F" >"$TMP/w.yaml"
expect_status "walk worth a parameter w = 0.3" 0 "$BRINK" montecarlo "$TMP/w.yaml" --samples 1000 --json
got=$(counts)
if [ "$got" = "$ref" ]; then ok; else bad "default w = 0.3: [$got], want [$ref]"; fi

# the double path carries a discrete value's error: deal worth 3p, walk 0.3, p ~ discrete(0.1,
# 0.9): at p = 1/10 the two are equal exactly, while 3 * 0.1 in doubles is 0.30000000000000004
# > 0.3 (a double path that took the double for the number would certify 'deal' there)
sed -e 's|x=a: p|x=a: 3 * p|' -e 's|discrete(0.3, 0.7; 1, 1)|discrete(0.1, 0.9)|' "$F" >"$TMP/3p.yaml"
expect_status "analyze 3p at p = 0.1" 0 "$BRINK" analyze "$TMP/3p.yaml" --no-questions --set p=0.1 --json
if py 'assert len(d["equilibria"]) == 2, len(d["equilibria"])'; then ok; else bad "analyze 3p at 0.1: two equilibria expected"; fi
for opt in "" --exact; do
  expect_status "montecarlo 3p $opt" 0 "$BRINK" montecarlo "$TMP/3p.yaml" --samples 400 --seed 3 $opt --json
  if py '
n01 = d["several"]["k"]; assert n01 > 150 and d["unique_subgame_perfect"]["k"] + n01 == 400, d["several"]
acts = [a["played"]["k"] for a in d["watched"][0]["actions"]]
assert acts[0] == 400 - n01 and acts[1] == 0, acts'
  then ok; else bad "3p $opt: draws at 0.1 must be several"; fi
done

# the range is checked exactly: 0.3 lies in [0.3, 0.7]; 0.2999 does not
sed 's|discrete(0.3, 0.7; 1, 1)|discrete(0.2999, 0.7)|' "$FR" >"$TMP/out.yaml"
expect_status "discrete value below the range" 2 "$BRINK" analyze "$TMP/out.yaml"
expect_grep "below the range: message" "a value lies outside the range of 'p'" "$TMP/stderr"

# messages: the count found, the argument at fault (located), values with one double
msg() {   # msg DESCRIPTION DIST PATTERN
  sed "s|discrete(0.3, 0.7; 1, 1)|\"$2\"|" "$F" >"$TMP/m.yaml"
  expect_status "$1" 2 "$BRINK" analyze "$TMP/m.yaml"
  expect_grep "$1: message" "$3" "$TMP/stderr"
}
msg "three arguments to uniform" "uniform(0, 1, 2)" "m.yaml:15:20: error: uniform\(low, high\) takes 2 numbers, found 3 in"
msg "a word as an argument" "uniform(0, x)" "m.yaml:15:31: error: argument 2 of uniform\(\) must be a number \(like 3, -0.25 or 2/3\), found 'x'"
msg "hexadecimal" "uniform(0x1p-2, 1)" "argument 1 of uniform\(\) must be a number"
msg "an empty argument" "discrete(0.3,, 0.7)" "argument 2 of discrete\(\) is empty"
msg "weights missing" "discrete(0.3, 0.7; 1)" "2 values need 2 weights after ';', found 1"
msg "low < high as written" "uniform(2/3, 0.6)" "needs low < high"
msg "width below the doubles" "uniform(0, 1e-400)" "is right as written, but not in the doubles"
msg "one double for two values" "discrete(0.3, 0.30000000000000001)" "values 1 and 2 are different numbers with the same double"

# --db / --resume: a run cut after its first block, resumed with another thread count, equals
# an uninterrupted run; the stored configuration names the exact values
strip() { python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
for k in ('threads', 'seconds', 'double_path', 'regions'): d.pop(k, None)
print(json.dumps(d, sort_keys=True))" "$1"; }
expect_status "uninterrupted" 0 "$BRINK" montecarlo "$F" --samples 1500 --threads 1 --json
cp "$TMP/stdout" "$TMP/full.json"
expect_status "stored" 0 "$BRINK" montecarlo "$F" --samples 1500 --threads 2 --db "$TMP/r.sqlite" --json
sqlite3 "$TMP/r.sqlite" "DELETE FROM samples WHERE idx >= 256; DELETE FROM draws WHERE idx >= 256;
  DELETE FROM choices WHERE idx >= 256; DELETE FROM payoffs WHERE idx >= 256;
  DELETE FROM outcomes WHERE idx >= 256; UPDATE runs SET finished = NULL" 2>/dev/null ||
  bad "sqlite3 could not cut the run"
expect_status "resumed" 0 "$BRINK" montecarlo "$F" --samples 1500 --threads 1 --db "$TMP/r.sqlite" --resume --json
if [ "$(strip "$TMP/stdout")" = "$(strip "$TMP/full.json")" ]; then ok
else bad "a resumed run differs from an uninterrupted one"; fi
if sqlite3 "$TMP/r.sqlite" "SELECT config FROM runs" 2>/dev/null | grep -q "0.29999999999999999:0.5:3/10 0.69999999999999996:0.5:7/10"
then ok; else bad "the stored configuration does not name the exact values"; fi

# MPI: 2 ranks give the same JSON as one process (the draws' exact numbers depend on the draw
# alone); skipped when brink was built without MPI
if [ -n "${BRINK_MPIEXEC:-}" ]; then
  "$BRINK" montecarlo "$F" --samples 700 --seed 4 --threads 1 --json --draws >"$TMP/one.json" 2>"$TMP/e" ||
    bad "serial for MPI: $(cat "$TMP/e")"
  OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader \
    OMPI_MCA_plm_rsh_agent=false ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    "$BRINK_MPIEXEC" --oversubscribe -np 2 "$BRINK" montecarlo "$F" --samples 700 --seed 4 \
    --threads 1 --json --draws >"$TMP/two.json" 2>"$TMP/e" || bad "mpirun -np 2: $(cat "$TMP/e")"
  strip_run='s/"processes":[0-9]+,"seconds":[0-9.e+-]+,//'
  if cmp -s <(sed -E "$strip_run" "$TMP/one.json") <(sed -E "$strip_run" "$TMP/two.json") &&
     grep -q '"processes":2,' "$TMP/two.json"; then ok
  else bad "2 MPI ranks differ from one process"; fi
else
  echo "SKIP (MPI part): brink built without MPI"
fi
finish
