#!/usr/bin/env bash
# compile_golden.sh — `brink compile` writes the same .efg, byte for byte, as before the
# storage changes of issue 15 (the scenario's game shared by analyze, labels stored once or
# borrowed from the compiler, builder arrays reserved by count, leaf and outcome payoffs
# stored once). The golden files in tests/data/outputs/efg were written by brink at 7bc26e4,
# before those changes, for the examples (Rubinstein at 1 and 2 rounds) and the built-in
# scenarios small enough to keep here. scripts/same_outputs.sh compares analyze text and
# --json of two binaries the same way.
source "$(dirname "$0")/lib.bash"
G="$SRC/tests/data/outputs/efg"

same_efg() { # name yaml
  "$BRINK" compile "$2" -o "$TMP/$1.efg" 2>"$TMP/stderr"
  if cmp -s "$TMP/$1.efg" "$G/$1.efg"; then ok
  else bad "$1: compile differs from $G/$1.efg: $(diff "$TMP/$1.efg" "$G/$1.efg" | head -c 600) $(head -c 300 "$TMP/stderr")"; fi
}

for n in bluff brinkmanship; do same_efg "$n" "$SRC/examples/$n.yaml"; done
# the golden was written with the chain store's a = 1 (its default then; now 2, Kreps and
# Wilson's a > 1)
sed 's/^  a: {value: 2,/  a: {value: 1,/' "$SRC/examples/chainstore.yaml" > "$TMP/chainstore.yaml"
same_efg chainstore "$TMP/chainstore.yaml"
for f in "$SRC"/scenarios/m[1-7]*.yaml; do same_efg "$(basename "$f" .yaml)" "$f"; done
for t in 1 2; do
  sed "s/times: 3/times: $t/" "$SRC/examples/rubinstein.yaml" > "$TMP/rubinstein$t.yaml"
  same_efg "rubinstein$t" "$TMP/rubinstein$t.yaml"
done
# every golden file was compared (a file left out of the lists above would go unchecked)
expect_output "goldens all used" "$(ls "$G" | wc -l)" echo "$pass"
finish
