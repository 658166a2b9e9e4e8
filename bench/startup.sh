#!/usr/bin/env bash
# startup.sh — what a plain start of brink costs (`brink --version`, RUNS times, in rounds; CPU time),
# and the same start with Open MPI's libraries loaded (LD_PRELOAD of the MPI module
# brink_mpi.so: what linking libmpi into brink would add to every start). brink loads the
# module only under an MPI launcher (src/cli/cli_mpi.c); this is the figure behind that
# choice (docs/montecarlo.md, "Across machines"). Run by `make bench`; not a test.
set -euo pipefail
BRINK=${BRINK_BIN:?BRINK_BIN not set}
RUNS=${RUNS:-200}
ROUNDS=${ROUNDS:-5}
MODULE="$(dirname "$BRINK")/brink_mpi.so"

# microseconds of CPU time (user + system) per start, the best of ROUNDS rounds of RUNS
# starts: CPU time rather than wall time, as the machine is shared with other work
per_start() {
  local best= TIMEFORMAT='%3U %3S' t
  for _ in $(seq "$ROUNDS"); do
    t=$( { time (for _ in $(seq "$RUNS"); do "$@" >/dev/null; done) ; } 2>&1 )
    local us
    us=$(awk -v t="$t" -v n="$RUNS" 'BEGIN{split(t, a, " "); printf "%d", (a[1] + a[2]) * 1e6 / n}')
    if [ -z "$best" ] || [ "$us" -lt "$best" ]; then best=$us; fi
  done
  echo "$best"
}

plain=$(per_start "$BRINK" --version)
echo "brink --version: ${plain} us CPU per start (best of $ROUNDS x $RUNS)"
if [ -e "$MODULE" ]; then
  with=$(per_start env LD_PRELOAD="$MODULE" "$BRINK" --version)
  base=$(per_start env "$BRINK" --version)   # the same through env(1), for a fair ratio
  echo "with libmpi loaded (LD_PRELOAD=brink_mpi.so): ${with} us CPU per start, plain through" \
       "env: ${base} us; ratio $(awk -v a="$with" -v b="$base" 'BEGIN{printf "%.2f", a/b}')"
else
  echo "no brink_mpi.so next to brink (built without MPI): nothing to compare"
fi
