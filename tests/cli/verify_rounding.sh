# verify_rounding.sh — a profile written in decimals that sum to 1 only up to rounding (2/3 as
# 0.66666666666666663, as every double prints it) is checked for the simplest fractions within
# 1e-12, and the output says so (tester 10b, F1: such a profile of Battle of the Sexes' mixed
# equilibrium read "NOT a Nash equilibrium; max gain from deviating 0", payoffs "0 0", exit 1).
# Numbers that sum to 1 exactly are checked as written; far from 1, refused as before.
. "$(dirname "$0")/lib.bash"
BOS=$SRC/tests/data/verify/bos.nfg
ENTRY=$SRC/tests/data/verify/entry.efg
D=0.66666666666666663,0.33333333333333331,0.33333333333333331,0.66666666666666663

expect_status "BoS mixed equilibrium in doubles" 0 "$BRINK" verify "$BOS" "$D"
expect_grep "called an equilibrium" "^Profile 1: a Nash equilibrium \(checked exactly\); max gain from deviating 0, NashConv 0$" "$TMP/stdout"
expect_grep "says what was checked" "checked for the simplest fractions within 1e-12 of the numbers given \(in 2 sets .*\): 2/3,1/3,1/3,2/3$" "$TMP/stdout"
expect_grep "the payoffs of the profile" "^  payoffs: 2/3 2/3$" "$TMP/stdout"
expect_status "--json" 0 "$BRINK" verify "$BOS" "$D" --json
expect_grep "JSON snapped" '"equilibrium":true,"exact":true,.*"snapped":2' "$TMP/stdout"
expect_status "exact fractions: nothing snapped" 0 "$BRINK" verify "$BOS" 2/3,1/3,1/3,2/3
if grep -q "simplest fractions" "$TMP/stdout"; then bad "exact input snapped"; else ok; fi
expect_status "decimals summing to 1 exactly, not an equilibrium" 1 "$BRINK" verify "$BOS" 0.6666666666667,0.3333333333333,0.5,0.5
expect_grep "checked as written" "payoffs: 16666666666667/20000000000000 13333333333333/20000000000000" "$TMP/stdout"
# gains of a profile checked exactly are exact (they were printed in 6 digits, rounded, under
# "checked exactly"): fractions in the text, correctly rounded doubles in JSON
expect_grep "exact gains, strategic form" "NOT a Nash equilibrium; max gain from deviating 3333333333333/20000000000000, NashConv 1666666666667/10000000000000$" "$TMP/stdout"
expect_status "a tree: not an equilibrium" 1 "$BRINK" verify "$ENTRY" 0,1,1,0
expect_grep "exact gains, tree" "NOT a Nash equilibrium; max gain from deviating 2, NashConv 3$" "$TMP/stdout"
expect_status "a tree: not an equilibrium, JSON" 1 "$BRINK" verify "$ENTRY" 0,1,1,0 --json
expect_grep "JSON gains" '"equilibrium":false,"exact":true,"max_regret":2,"nashconv":3,' "$TMP/stdout"
expect_status "a tree: 1e-15 beside 1" 0 "$BRINK" verify "$ENTRY" 1e-15,1,0,1
expect_grep "tree snapped" "checked for the simplest fractions .*: 0,1,0,1$" "$TMP/stdout"
expect_status "far from 1: refused" 2 "$BRINK" verify "$ENTRY" 0.999999,0,0,1
expect_grep "far from 1: said" "probabilities sum to 0.999999" "$TMP/stderr"
# a full-length profile's chance entries must be the game's (tester 10b, F8.11: 5,7,9 ignored)
CH=$SRC/tests/data/verify/chance3.efg
expect_status "chance entries not the game's" 2 "$BRINK" verify "$CH" 1,0,0,1,0,1,5,7,9
expect_grep "chance entries: located" "PROFILE:1:13: error: '5' is a chance move's entry .*333333/1000000, or leave the chance entries out \(6 numbers\)" "$TMP/stderr"
expect_status "chance entries the game's" 0 "$BRINK" verify "$CH" 1,0,0,1,0,1,0.333333,0.333333,0.333334
expect_status "chance entries left out" 0 "$BRINK" verify "$CH" 1,0,0,1,0,1
# within the doubles' tolerance of 1, but neither the numbers as written nor their simplest
# fractions sum to 1: refused, saying by how much (never checked as something else)
expect_status "no simple fractions sum to 1" 2 "$BRINK" verify "$BOS" 0.12345678901234,0.87654321098776,1,0
expect_grep "no simple fractions: said" "player 1: the probabilities as written sum to 1 \+ 9.99e-14 exactly, and the simplest fractions near them do not sum to 1 either" "$TMP/stderr"
finish
