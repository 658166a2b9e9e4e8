# tiny_numbers.sh — a nonzero number is never written as 0, in text or JSON, however small
# (tester's issue 5): parameters and expected values of 1e-12 and 1e-16.
. "$(dirname "$0")/lib.bash"
S=$SRC/tests/data/scenarios/tiny_values.yaml

expect_status "analyze tiny values" 0 $BRINK analyze $S
expect_grep "parameter e is 1e-12 in text" "^  e +1e-12 +in \[-1, 1\]" "$TMP/stdout"
expect_grep "expected values 1e-12 and -1e-12" "Expected value: A 1e-12; B -1e-12" "$TMP/stdout"

expect_status "analyze e=1e-16" 0 $BRINK analyze $S --set e=1e-16
expect_grep "parameter e is 1e-16 in text" "^  e +1e-16 " "$TMP/stdout"
expect_grep "expected values 1e-16" "Expected value: A 1e-16; B -1e-16" "$TMP/stdout"

expect_status "analyze e=1e-16 --json" 0 $BRINK analyze $S --set e=1e-16 --json
expect_grep "JSON parameter value 1e-16" '"name":"e","value":1e-16,"exact":"1/10000000000000000"' "$TMP/stdout"
expect_grep "JSON expected value 1e-16" '"value":1e-16,"exact":"1/10000000000000000"' "$TMP/stdout"

# r is chosen when e is negative: B's payoff 3e-17 is exact and tiny
expect_status "analyze e=-1e-300" 0 $BRINK analyze $S --set e=-1e-300
expect_grep "parameter e is -1e-300" "^  e +-1e-300 " "$TMP/stdout"
expect_grep "B's 3e-17" "Expected value: A -5e-301; B 3e-17" "$TMP/stdout"
finish
