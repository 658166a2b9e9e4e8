#!/usr/bin/env bash
# threshold-long.sh — issue 8's long property run: 300 random scenarios, 10^4 exact solves
# each (tests/unit/test_threshold_property.c), split over JOBS processes (default: the
# cores). Each shard's log is BUILD/threshold-long/shard-K.log; the summary sums them.
# Usage: scripts/threshold-long.sh BUILD   env: JOBS, BRINK_PROP_N (300), BRINK_PROP_POINTS
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:?usage: scripts/threshold-long.sh BUILD}
JOBS=${JOBS:-$(nproc)}
OUT=$BUILD/threshold-long
mkdir -p "$OUT"
pids=()
for ((k = 0; k < JOBS; k++)); do
  (cd tests && BRINK_LONG=1 BRINK_PROP_VERBOSE=1 BRINK_PROP_SHARD=$k/$JOBS \
     BRINK_SOURCE_DIR="$PWD/.." "../$BUILD/test_threshold_property") >"$OUT/shard-$k.log" 2>&1 &
  pids+=($!)
done
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=1; done
# the counts of every shard, summed
awk '/^threshold property:/ {s += $3; pi += substr($5, 2); sg += $8; f += $10}
     /points solved/ {p += $4; pr += $(NF-4)}
     END {printf "threshold long run: %d scenarios (%d perfect information, %d signalling), " \
          "%d failing; %d points solved\n", s, pi, sg, f, p}' "$OUT"/shard-*.log
grep -h "passed, .* failed" "$OUT"/shard-*.log
exit $rc
