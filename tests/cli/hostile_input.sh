#!/usr/bin/env bash
# hostile_input.sh — hostile input through the CLI: each case file of issue 9 that belongs to
# the input side (tests/data/scenarios/bad/*_truncates, percent_badbyte_*, pow_tower_*,
# empty_value_*) is refused with exit 2 and a file:line:col message, in bounded time (they
# used to hang, abort or silently cut the file); /dev/zero is refused at once; a payoff of
# 1e400 compiles to the exact number; deep inputs (generated here) compile at the documented
# limits on a 1 MiB stack and are refused, located, beyond them.
source "$(dirname "$0")/lib.bash"

# ---- the case files: exit 2, located, fast (their exact messages: scenario_errors.sh)
for c in nul_truncates latin1_comment_truncates percent_badbyte_libfyaml_hang \
         empty_value_no_location pow_tower_hang_3GB pow_tower_gmp_abort; do
  f=data/scenarios/bad/$c.yaml
  timeout 20 "$BRINK" compile "$f" -o "$TMP/o.efg" >"$TMP/stdout" 2>"$TMP/stderr"
  rc=$?
  [ "$rc" = 2 ] && ok || bad "$c: exit $rc, want 2"
  expect_grep "$c located" "^$f:[0-9]+:[0-9]+: error: " "$TMP/stderr"
done
expect_grep "NUL placed" "nul_truncates.yaml:7:1: error: NUL byte" <(timeout 20 "$BRINK" compile data/scenarios/bad/nul_truncates.yaml 2>&1)
expect_grep "tower refused" "number too large" <(timeout 20 "$BRINK" compile data/scenarios/bad/pow_tower_gmp_abort.yaml 2>&1)

# ---- /dev/zero: refused at its first byte, not after reading 2 GB
start=$(date +%s)
timeout 20 "$BRINK" info /dev/zero >"$TMP/stdout" 2>"$TMP/stderr"
rc=$?
end=$(date +%s)
[ "$rc" = 2 ] && ok || bad "/dev/zero: exit $rc, want 2"
expect_grep "/dev/zero located" "^/dev/zero:1:1: error: unexpected byte 0x00" "$TMP/stderr"
[ $((end - start)) -lt 5 ] && ok || bad "/dev/zero took $((end - start)) s"

# ---- old Mac line ends: the error is on line 3, not line 1
printf 'NFG 1 R "x" { "a" "b" } { 2 2 }\r\r1 2 3 4 5 6 7 x\r' > "$TMP/cr.nfg"
expect_status "CR-only .nfg" 2 "$BRINK" info "$TMP/cr.nfg"
expect_grep "CR-only line" "cr.nfg:3:15: error: " "$TMP/stderr"

# ---- a payoff of 1e400 is an exact rational: the .efg carries all 401 digits
expect_status "compile payoff 1e400" 0 "$BRINK" compile data/scenarios/payoff_1e400.yaml -o "$TMP/big.efg"
e400="1$(printf '0%.0s' $(seq 400))"
grep -q -- " $e400, -$e400 " "$TMP/big.efg" && ok || bad "1e400 payoff not exact in $(head -c 300 "$TMP/big.efg")"
# ---- a value beyond the double range is written from its exact value, never "inf"
"$BRINK" analyze data/scenarios/value_1e400.yaml >"$TMP/bigv.txt" 2>"$TMP/stderr" && ok || bad "analyze value 1e400: $(cat "$TMP/stderr")"
expect_grep "value 1e400: the parameter, exactly" "^  big +1e\+400" "$TMP/bigv.txt"
expect_grep "value 1e400: the expected value, exactly" "Expected value: A 1e\+400; B 1$" "$TMP/bigv.txt"
if grep -qw inf "$TMP/bigv.txt"; then bad "value 1e400: 'inf' printed"; else ok; fi

# ---- deep inputs, written here: a repeat whose tree is exactly 10000 deep (each round
# counts its repeat, if and next steps: 2 + 999 * 10 + 8 = 10000), on a 1 MiB stack
deep() { # deep LONGER: 999 rounds, the first LONGER of 8 decisions, the others of 7
  local long="" short="" i
  for i in $(seq 8); do long+="{A: {stop: {payoff: {A: 1}}, go: "; done
  long+="next"; for i in $(seq 8); do long+="}}"; done
  for i in $(seq 7); do short+="{A: {stop: {payoff: {A: 1}}, go: "; done
  short+="next"; for i in $(seq 7); do short+="}}"; done
  printf 'brink: 1\nid: deep\nactors: {A: {}, B: {}}\nsubgames:\n  round:\n    args: [i]\n'
  printf '    body: {if: i <= %d, then: %s, else: %s}\n' "$1" "$long" "$short"
  printf 'game: {repeat: round, times: 999, index: i, then: {payoff: {B: 1}}}\n'
}
deep 8 > "$TMP/deep.yaml"
deep 9 > "$TMP/deeper.yaml"
(ulimit -s 1024; "$BRINK" compile "$TMP/deep.yaml" -o "$TMP/deep.efg" 2>"$TMP/stderr"); rc=$?
[ "$rc" = 0 ] && ok || bad "depth 10000 on a 1 MiB stack: exit $rc ($(head -c 300 "$TMP/stderr"))"
(ulimit -s 1024; "$BRINK" compile "$TMP/deeper.yaml" -o "$TMP/deep.efg" 2>"$TMP/stderr"); rc=$?
[ "$rc" = 2 ] && ok || bad "depth 10001: exit $rc"
expect_grep "depth 10001 located" "deeper.yaml:[0-9]+:[0-9]+: error: the game tree is deeper than 10000" "$TMP/stderr"

# YAML nested 100,000 deep: refused where it crosses the limit of 1000
{ printf 'game: '; head -c 100000 /dev/zero | tr '\0' '['; head -c 100000 /dev/zero | tr '\0' ']'; echo; } > "$TMP/nest.yaml"
(ulimit -s 1024; "$BRINK" compile "$TMP/nest.yaml" -o "$TMP/o.efg" 2>"$TMP/stderr"); rc=$?
[ "$rc" = 2 ] && ok || bad "YAML 100000 deep: exit $rc"
expect_grep "YAML depth located" "nest.yaml:1:1006: error: YAML nested deeper than 1000 levels" "$TMP/stderr"

finish
