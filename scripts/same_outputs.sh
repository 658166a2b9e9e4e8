#!/usr/bin/env bash
# same_outputs.sh — do two brink binaries give the same outputs? For every examples/*.yaml
# (Rubinstein at 1, 2 and 3 rounds), every scenarios/*.yaml and the built-in library:
# `analyze` text and --json, and `compile` .efg, byte for byte once run times are masked
# ("0.77 s", "seconds": ...). Used to show that a change of storage (issue 15: shared game,
# interned labels, builder reservations) changes no output:
#   scripts/same_outputs.sh OLD_BRINK NEW_BRINK
# Exit 0 when all agree, 1 with the first differing lines of each file otherwise.
set -u
OLD=${1:?usage: same_outputs.sh OLD_BRINK NEW_BRINK}
NEW=${2:?usage: same_outputs.sh OLD_BRINK NEW_BRINK}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

mask() { sed -E 's/"seconds":[-0-9.e+]+/"seconds":T/g; s/[0-9]+(\.[0-9]+)?(e-?[0-9]+)? s([.;, )]|$)/T s\3/g'; }

inputs=()
for f in "$ROOT"/examples/*.yaml "$ROOT"/scenarios/*.yaml; do inputs+=("$f"); done
for t in 1 2; do
  sed "s/times: 3/times: $t/" "$ROOT/examples/rubinstein.yaml" > "$TMP/rubinstein$t.yaml"
  inputs+=("$TMP/rubinstein$t.yaml")
done

differ=0 checked=0
compare() { # name, then the command's arguments after the binary
  local name=$1; shift
  "$OLD" "$@" 2>&1 | mask > "$TMP/old"
  "$NEW" "$@" 2>&1 | mask > "$TMP/new"
  checked=$((checked + 1))
  if ! cmp -s "$TMP/old" "$TMP/new"; then
    differ=$((differ + 1))
    echo "DIFFERS: $name"
    diff "$TMP/old" "$TMP/new" | head -c 1500
    echo
  fi
}
for f in "${inputs[@]}"; do
  b=$(basename "$f" .yaml)
  compare "$b analyze" analyze "$f"
  compare "$b analyze --json" analyze --json "$f"
  compare "$b compile" compile "$f" -o /dev/stdout
done
compare "built-ins analyze" analyze
compare "built-ins analyze --json" analyze --json
echo "$checked outputs compared, $differ differ"
[ "$differ" -eq 0 ]
