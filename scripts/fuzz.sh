#!/usr/bin/env bash
# fuzz.sh — run every libFuzzer target of a BRINK_FUZZ=ON build for FUZZ_SECONDS each (make
# fuzz, make fuzz-smoke; docs/robustness.md). Corpora grow in BUILD/fuzz-corpus/<target>/
# (seeded from tests/data, scenarios/, fuzz/seeds/ and, when present, the shared Gambit
# corpus ../shared/games/gambit-contrib); a crash, leak, timeout or out-of-memory input is
# saved as BUILD/fuzz-crashes/<target>-... and makes the script fail. The last line of each
# run (executions, exec/s, cov, ft, corpus) is collected in BUILD/fuzz-summary.txt.
# Usage: scripts/fuzz.sh BUILD [TARGET...]   env: FUZZ_SECONDS (60), FUZZ_JOBS (1 at a time),
# FUZZ_SEED (unset: a new random seed each run).
# FUZZ_SMOKE=1 (make fuzz-smoke, run by CI): seed 1, a fixed number of executions per target
# instead of a time (smoke_runs below), and a fresh corpus in BUILD/fuzz-smoke-corpus/ grown
# from the seeds alone. A timed run walks further on a faster machine, so CI could reach what
# the same command here never did; a counted run does the same amount of work everywhere.
# It is not bit-for-bit repeatable (libFuzzer's comparison tables see heap addresses, and its
# own timer thread allocates), so `make fuzz-soak` runs the smoke's budget under many seeds.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:?usage: scripts/fuzz.sh BUILD [TARGET...]}
shift
SECONDS_PER=${FUZZ_SECONDS:-60}
SMOKE=${FUZZ_SMOKE:-0}
SEED_ARGS=()
[ -n "${FUZZ_SEED:-}" ] && SEED_ARGS=(-seed="$FUZZ_SEED")
[ "$SMOKE" = 1 ] && SEED_ARGS=(-seed="${FUZZ_SEED:-1}")
CORPUS=fuzz-corpus
[ "$SMOKE" = 1 ] && CORPUS=fuzz-smoke-corpus

# Executions per target in a smoke run: about 30 s each on a 2-core build machine (CI's
# figures in docs/robustness.md); the parsers are cheap, solve and analyze are not.
smoke_runs() {
  case $1 in
    efg_read) echo 300000 ;; nfg_read) echo 500000 ;; roundtrip) echo 400000 ;;
    solve) echo 15000 ;; scenario) echo 60000 ;; expr) echo 600000 ;;
    analyze) echo 5000 ;; forecast) echo 300000 ;; negotiate) echo 60000 ;;
  esac
}
JOBS=${FUZZ_JOBS:-1}
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(efg_read nfg_read roundtrip solve scenario expr analyze forecast negotiate)
fi
SHARED=../shared/games/gambit-contrib
mkdir -p "$BUILD/$CORPUS" "$BUILD/fuzz-crashes" "$BUILD/fuzz-logs"

run_one() {
  local t=$1 bin=$BUILD/fuzz_$1 dict seeds=() maxlen=8192
  case $t in
    efg_read|nfg_read|roundtrip|solve)
      dict=fuzz/gambit.dict; seeds=(tests/data/golden tests/data/games tests/data/bad)
      [ -d "$SHARED" ] && seeds+=("$SHARED") ;;
    scenario|analyze)
      dict=fuzz/scenario.dict; seeds=(scenarios tests/data/scenarios/bad) ;;
    expr)
      dict=fuzz/expr.dict; seeds=(fuzz/seeds/expr); maxlen=512 ;;
    negotiate)
      dict=fuzz/negotiate.dict; seeds=(fuzz/seeds/negotiate tests/data/negotiate/yaml/bad); maxlen=8192 ;;
    forecast)
      dict=fuzz/forecast.dict; seeds=(tests/data/forecast/good tests/data/forecast/bad); maxlen=4096 ;;
    *) echo "fuzz: unknown target $t" >&2; return 2 ;;
  esac
  [ -d "tests/data/fuzz-regressions/$t" ] && seeds+=("tests/data/fuzz-regressions/$t")
  # analyze solves every question of a scenario (a mutated M2 takes ~15 s under ASan on a
  # quiet machine, 0.9 s optimised): its hang limit is 90 s, the others' 30 s
  local hang=30
  [ "$t" = analyze ] && hang=90
  # scenario: an input that takes 1.2 s under ASan on a quiet machine passed 30 s on one
  # running four fuzzers, four builds and a CI run (a one-hour run's false timeout)
  [ "$t" = scenario ] && hang=90
  [ -x "$bin" ] || { echo "fuzz: $bin not built (make fuzz builds it)" >&2; return 2; }
  local limit=(-max_total_time="$SECONDS_PER") what="${SECONDS_PER}s"
  if [ "$SMOKE" = 1 ]; then
    rm -rf "$BUILD/$CORPUS/$t"
    limit=(-runs="$(smoke_runs "$t")")
    what="$(smoke_runs "$t") runs"
  fi
  mkdir -p "$BUILD/$CORPUS/$t"
  # -timeout: one input running longer than $hang s is a finding (a hang), as is > 2 GB memory.
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
  LSAN_OPTIONS=suppressions="$PWD/fuzz/lsan.supp" \
    "$bin" "${limit[@]}" -timeout=$hang -rss_limit_mb=2048 -max_len=$maxlen \
    -dict="$dict" -artifact_prefix="$BUILD/fuzz-crashes/$t-" -print_final_stats=1 "${SEED_ARGS[@]}" \
    "$BUILD/$CORPUS/$t" "${seeds[@]}" >"$BUILD/fuzz-logs/$t.log" 2>&1
  local rc=$?
  local last execs speed
  last=$(grep -E '^#[0-9]+' "$BUILD/fuzz-logs/$t.log" | tail -1)
  execs=$(grep -E '^stat::number_of_executed_units' "$BUILD/fuzz-logs/$t.log" | awk '{print $2}')
  speed=$(grep -E '^stat::average_exec_per_sec' "$BUILD/fuzz-logs/$t.log" | awk '{print $2}')
  printf '%-10s rc=%d %s execs=%s exec/s=%s  %s\n' "$t" $rc "$what" "${execs:-?}" \
    "${speed:-?}" "$(echo "$last" | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*')"
  if [ $rc -ne 0 ]; then
    echo "fuzz: $t FAILED (exit $rc); log $BUILD/fuzz-logs/$t.log:" >&2
    grep -E 'ERROR|SUMMARY|fuzz: |Test unit written|deadly signal|timeout' "$BUILD/fuzz-logs/$t.log" | head -20 >&2
  fi
  return $rc
}

: >"$BUILD/fuzz-summary.txt"
fail=0
pids=()
names=()
for t in "${TARGETS[@]}"; do
  run_one "$t" >>"$BUILD/fuzz-summary.txt" &
  pids+=($!)
  names+=("$t")
  if [ ${#pids[@]} -ge "$JOBS" ]; then
    wait "${pids[0]}" || fail=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || fail=1; done
cat "$BUILD/fuzz-summary.txt"
if [ $fail -ne 0 ]; then
  echo "fuzz: FAILED; crash inputs in $BUILD/fuzz-crashes/ (add each to tests/data/fuzz-regressions/<target>/)" >&2
  exit 1
fi
if [ "$SMOKE" = 1 ]; then
  echo "fuzz: smoke (seed ${FUZZ_SEED:-1}, counted runs) found nothing"
else
  echo "fuzz: all targets ran ${SECONDS_PER}s without a finding"
fi
