# efg_solvers.sh — the extensive-form methods through `brink solve`: Kuhn poker's value -1/18
# from the exact methods, CFR variants meeting a target NashConv, the sequential method's
# beliefs, logit routed to agent-logit on a tree, JSON output, and method/game mismatches.
. "$(dirname "$0")/lib.bash"
D=$SRC/tests/data
K=$D/kuhn.efg

for m in seqlp seqlcp sequential; do
  expect_status "$m on Kuhn" 0 $BRINK solve $K --method $m
  expect_grep "$m: value -1/18" "Player 1=-1/18" "$TMP/stdout"
  expect_grep "$m: verified exactly" "verified exactly" "$TMP/stdout"
done
expect_status "seqlcp --exact" 0 $BRINK solve $K --method seqlcp --exact
expect_grep "seqlcp --exact: value" "Player 1=-1/18" "$TMP/stdout"

for m in cfr cfr+ dcfr mccfr; do
  expect_status "$m with a target" 0 $BRINK solve $K --method $m --target-exploitability 0.05
  expect_grep "$m reports NashConv" "NashConv" "$TMP/stdout"
done
expect_status "cfr+ with a fixed budget" 0 $BRINK solve $K --method cfr+ --iterations 200 --json
expect_grep "cfr+ JSON names the method" '"method":"cfr\+"' "$TMP/stdout"
expect_grep "cfr+ JSON counts iterations" '"iterations":200' "$TMP/stdout"

expect_status "logit on a tree is agent logit" 0 $BRINK solve $K --method logit --lambda 1
expect_grep "agent-logit ran" "agent-logit" "$TMP/stdout"
# a lambda the branch cannot reach in doubles (Kuhn: the steps underflow near 3e8): the point
# reached, flagged, exit 0 (it was exit 2, "bad input", for valid input)
expect_status "agent-logit --lambda 1e9: the point reached" 0 $BRINK solve $K --method agent-logit --lambda 1e9
expect_grep "agent-logit --lambda 1e9: flagged" "^STOPPED AT THE LIMIT" "$TMP/stdout"
expect_status "sequential gives beliefs" 0 $BRINK solve $D/crisis-2x2x2.efg --method sequential
expect_grep "beliefs printed" "beliefs: node" "$TMP/stdout"

expect_status "seqlp refuses general-sum games" 2 $BRINK solve $D/crisis-2x2x2.efg --method seqlp
expect_grep "seqlp says why" "constant-sum" "$TMP/stderr"
# a double method's answer on a tree that is an exact equilibrium within 1e-9 is proved one,
# as on the strategic form (tester 10, F6: simpdiv on Selten's horse printed "APPROXIMATE ...
# NashConv 0" for C=1, c=1/8, R=1)
expect_status "simpdiv on a tree" 0 $BRINK solve $SRC/tests/data/games/horse.efg --method simpdiv
expect_grep "simpdiv: proved exactly" "verified exactly" "$TMP/stdout"
expect_grep "simpdiv: the fractions" "c=1/8 d=7/8" "$TMP/stdout"
if grep -q APPROXIMATE "$TMP/stdout"; then bad "simpdiv: still approximate"; else ok; fi
# gnm and ipa on a 3-player tree, through its reduced strategic form
for m in gnm ipa; do
    expect_status "$m on a tree" 0 $BRINK solve $SRC/tests/data/games/horse.efg --method $m
    expect_grep "$m on a tree: verified" "verified exactly" "$TMP/stdout"
done
finish
