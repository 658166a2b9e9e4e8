#!/usr/bin/env bash
# montecarlo_mpi.sh — `mpirun -np 1/2/4 brink montecarlo|compare` (the brink binary itself)
# prints the same bytes as one plain `brink` process with the same seed: the JSON (every
# aggregate, every draw, sensitivity; only "processes" and "seconds" describe the run), the
# --csv and --jsonl exports, and the --db rows, on M1 and on a copy of M5 with `compare`;
# --resume under MPI gives the same result again. A launch of N > 1 ranks of any other
# command is refused with one message (also without mpirun: the launcher's variables are
# enough), and brink itself does not link libmpi (only its module brink_mpi.so does).
# The mpirun part skips only when brink was built without MPI; such a brink is checked to
# refuse a launch of several ranks.
source "$(dirname "$0")/lib.bash"

# Refusals, decided from the environment alone (no MPI is started): rank 0 says why, the
# other ranks end silently, nothing on stdout.
OMPI_COMM_WORLD_SIZE=3 OMPI_COMM_WORLD_RANK=0 expect_status "analyze, 3 ranks" 2 "$BRINK" analyze m1
expect_grep "why" "3 ranks \(OMPI_COMM_WORLD_SIZE is set\).*brink analyze.*identical copies" "$TMP/stderr"
[ ! -s "$TMP/stdout" ] && ok || bad "refused analyze printed: $(head -c 200 "$TMP/stdout")"
OMPI_COMM_WORLD_SIZE=3 OMPI_COMM_WORLD_RANK=2 expect_status "analyze, rank 2" 2 "$BRINK" analyze m1
[ ! -s "$TMP/stderr" ] && [ ! -s "$TMP/stdout" ] && ok || bad "rank 2 spoke: $(cat "$TMP/stderr")"
# a PMIx launch does not say how many ranks: each rank says why
PMIX_RANK=1 expect_status "pmix rank 1" 2 "$BRINK" --version
expect_grep "pmix why" "PMIX_RANK is set\), as rank 1" "$TMP/stderr"
# one rank is a plain run (no MPI started, with or without MPI built)
mini=(montecarlo m1 --samples 20 --seed 7 --threads 1 --json --draws)
"$BRINK" "${mini[@]}" --csv "$TMP/mini.csv" >"$TMP/mini.json" 2>"$TMP/e" || bad "serial mini"
OMPI_COMM_WORLD_SIZE=1 OMPI_COMM_WORLD_RANK=0 expect_status "one rank" 0 "$BRINK" "${mini[@]}"
cmp -s <(sed -E 's/"seconds":[0-9.e+-]+,//' "$TMP/mini.json") \
  <(sed -E 's/"seconds":[0-9.e+-]+,//' "$TMP/stdout") && ok || bad "one rank differs"

if [ -z "${BRINK_MPIEXEC:-}" ]; then
  # built without MPI: a launch of several ranks says so instead of drawing N times alike
  OMPI_COMM_WORLD_SIZE=2 OMPI_COMM_WORLD_RANK=0 expect_status "no MPI" 2 "$BRINK" montecarlo m1
  expect_grep "no MPI says" "2 ranks .*built without MPI" "$TMP/stderr"
  echo "SKIP (mpirun part): brink built without MPI (scripts/deps.sh installs Open MPI)"
  finish
  exit $?
fi
m1=(montecarlo m1 --samples 600 --seed 7 --threads 1 --json --draws --sensitivity)
"$BRINK" "${m1[@]}" --csv "$TMP/m1.csv" --jsonl "$TMP/m1.jsonl" >"$TMP/m1.json" 2>"$TMP/e" ||
  bad "serial m1: $(cat "$TMP/e")"
MODULE="$(dirname "$BRINK")/brink_mpi.so"
if command -v readelf >/dev/null 2>&1; then
  readelf -d "$BRINK" | grep -q 'NEEDED.*libmpi' && bad "brink links libmpi" || ok
  readelf -d "$MODULE" | grep -q 'NEEDED.*libmpi' && ok || bad "brink_mpi.so without libmpi"
fi
# a brink without its module (and none installed) says so instead of running copies
if [ ! -e "${BRINK_MPI_INSTALLED:-/nonexistent}" ]; then
  cp "$BRINK" "$TMP/brink-alone"
  OMPI_COMM_WORLD_SIZE=2 OMPI_COMM_WORLD_RANK=0 expect_status "no module" 3 \
    "$TMP/brink-alone" montecarlo m1 --samples 10
  expect_grep "module" "2 ranks.*MPI module cannot be loaded: .*brink_mpi.so: no such file" \
    "$TMP/stderr"
fi

# CI runs as root; one machine stands in for several (more ranks than cores)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl=self,vader OMPI_MCA_plm_rsh_agent=false
# Under ASan (make check-asan) the ranks of the comparisons run without leak checks (memory
# errors are still caught): Open MPI's own leaks can be suppressed only with the slow
# unwinder, which would make each run minutes long. One small launch below is leak-checked,
# with Open MPI's leaks suppressed (fuzz/lsan.supp) and everything of brink's reported.
mpi() {
  local n=$1; shift
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    "$BRINK_MPIEXEC" --oversubscribe -np "$n" "$BRINK" "$@"
}
# the JSON without the run's description ("processes", "seconds"), byte for byte
same_json() {
  # the region path's work (regions built before its time budget ran out, draws looked up or
  # solved) depends on the machine's load, which differs between runs; its answers do not
  local strip='s/"processes":[0-9]+,"seconds":[0-9.e+-]+,//; s/"regions":\{[^}]*\},//'
  grep -q "\"processes\":$3," "$2" || { echo "\"processes\" is not $3" >&2; return 1; }
  cmp -s <(sed -E "$strip" "$1") <(sed -E "$strip" "$2")
}

M5="$SRC/tests/data/montecarlo/m5-reputation-beta.yaml"
# 600 draws: 3 blocks of 256 (the last short): with 2 ranks rank 0 computes two blocks,
# with 4 ranks rank 3 computes none
m5=(compare "$M5" --actor USA --samples 700 --seed 3 --threads 1 --json --draws)
"$BRINK" "${m5[@]}" >"$TMP/m5.json" 2>"$TMP/e" || bad "serial m5: $(cat "$TMP/e")"
for n in 1 2 4; do
  if mpi "$n" "${m1[@]}" --csv "$TMP/m1.$n.csv" --jsonl "$TMP/m1.$n.jsonl" \
      >"$TMP/m1.$n.json" 2>"$TMP/e"; then
    same_json "$TMP/m1.json" "$TMP/m1.$n.json" "$n" && ok || bad "m1: -np $n differs from one process"
    cmp -s "$TMP/m1.csv" "$TMP/m1.$n.csv" && ok || bad "m1 --csv: -np $n differs"
    cmp -s "$TMP/m1.jsonl" "$TMP/m1.$n.jsonl" && ok || bad "m1 --jsonl: -np $n differs"
  else
    bad "m1 -np $n: $(head -c 400 "$TMP/e")"
  fi
done
for n in 2 4; do
  if mpi "$n" "${m5[@]}" >"$TMP/m5.$n.json" 2>"$TMP/e"; then
    same_json "$TMP/m5.json" "$TMP/m5.$n.json" "$n" && ok || bad "m5 compare: -np $n differs"
  else
    bad "m5 -np $n: $(head -c 400 "$TMP/e")"
  fi
done
# not vacuous: draw 500 (computed by rank 1 of 2) with its last digit changed is a difference
x=$(grep -o '"x":\[[0-9.e+-]*\]' "$TMP/m1.2.json" | sed -n 501p)
y="${x:0:${#x}-2}$(( (${x: -2:1} + 1) % 10 ))]"
body=$(cat "$TMP/m1.2.json")
printf '%s\n' "${body/"$x"/"$y"}" >"$TMP/m1.x.json"
cmp -s "$TMP/m1.2.json" "$TMP/m1.x.json" && bad "the change was not made: $x" || ok
same_json "$TMP/m1.json" "$TMP/m1.x.json" 2 2>/dev/null && bad "the comparison sees no change" || ok

# text: one report, from rank 0, saying how the draws were shared
expect_status "text" 0 mpi 2 montecarlo m1 --samples 300 --threads 1
[ "$(grep -c '^Monte Carlo:' "$TMP/stdout")" = 1 ] && ok || bad "one report expected"
expect_grep "processes" "1 thread in each of 2 processes" "$TMP/stdout"

# --db: rank 0 stores every draw, the same rows as one process; --resume of the finished
# run under 4 ranks loads them
dump() {
  sqlite3 "$1" "SELECT * FROM samples; SELECT * FROM draws; SELECT * FROM outcomes;
                SELECT * FROM choices; SELECT * FROM payoffs; SELECT * FROM parameters;
                SELECT id, scenario, seed, samples, config FROM runs"
}
"$BRINK" "${m1[@]}" --db "$TMP/one.sqlite" >/dev/null 2>"$TMP/e" || bad "serial db: $(cat "$TMP/e")"
expect_status "db" 0 mpi 2 "${m1[@]}" --db "$TMP/runs.sqlite"
same_json "$TMP/m1.json" "$TMP/stdout" 2 && ok || bad "--db under MPI changed the result"
expect_status "resume" 0 mpi 4 "${m1[@]}" --db "$TMP/runs.sqlite" --resume
# the same result, but for the region path's counts of this run's work: every draw loaded,
# none looked up or solved
counts='s/"lookup":[0-9]+,"solved":[0-9]+,"loaded":[0-9]+//'
sed -E "$counts" "$TMP/m1.json" >"$TMP/m1.nocounts.json"
sed -E "$counts" "$TMP/stdout" >"$TMP/resumed.nocounts.json"
same_json "$TMP/m1.nocounts.json" "$TMP/resumed.nocounts.json" 4 && ok ||
  bad "--resume under MPI changed the result"
expect_grep "resume: every draw loaded" '"lookup":0,"solved":0,"loaded":600' "$TMP/stdout"
if command -v sqlite3 >/dev/null 2>&1; then
  got=$(sqlite3 "$TMP/runs.sqlite" "SELECT COUNT(*), COUNT(DISTINCT idx) FROM samples; SELECT COUNT(*) FROM runs")
  [ "$got" = "$(printf '600|600\n1')" ] && ok || bad "database rows: $got"
  cmp -s <(dump "$TMP/one.sqlite") <(dump "$TMP/runs.sqlite") && ok ||
    bad "the database under MPI differs from one process's"
fi

# the leak-checked launch (a no-op but for ASan builds): 2 ranks load the module, start and
# end MPI, rank 0 writes the database and the exports
if ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:fast_unwind_on_malloc=0" \
    LSAN_OPTIONS="suppressions=$SRC/fuzz/lsan.supp" "$BRINK_MPIEXEC" --oversubscribe -np 2 \
    "$BRINK" "${mini[@]}" --csv "$TMP/mini.2.csv" --db "$TMP/mini.sqlite" \
    >"$TMP/mini.2.json" 2>"$TMP/e"; then
  same_json "$TMP/mini.json" "$TMP/mini.2.json" 2 && cmp -s "$TMP/mini.csv" "$TMP/mini.2.csv" &&
    ok || bad "mini: -np 2 differs"
else
  bad "leak-checked launch: $(grep -m1 -A8 'ERROR' "$TMP/e" || head -c 600 "$TMP/e")"
fi

# errors before the draws are every rank's: located, and no rank is left waiting
expect_status "bad scenario" 2 mpi 2 montecarlo "$TMP/missing.yaml" --samples 10
[ "$(grep -c 'missing.yaml' "$TMP/stderr")" -ge 1 ] && ok || bad "no message: $(cat "$TMP/stderr")"
# one rank failing alone (its scenario file missing) ends them all instead of hanging
expect_status "rank 1 alone fails" 2 timeout 120 "$BRINK_MPIEXEC" --oversubscribe -np 2 \
  env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" sh -c \
  'if [ "$OMPI_COMM_WORLD_RANK" = 1 ]; then in=$0.missing.yaml; else in=m1; fi
   exec "$0" montecarlo "$in" --samples 3000 --threads 1' "$BRINK"
expect_grep "rank 1's message" "missing.yaml' is neither" "$TMP/stderr"
# any other command: refused, one message (rank 0's)
expect_status "analyze" 2 mpi 2 analyze m1
[ "$(grep -c 'identical copies' "$TMP/stderr")" = 1 ] && ok || bad "analyze: $(cat "$TMP/stderr")"
finish
