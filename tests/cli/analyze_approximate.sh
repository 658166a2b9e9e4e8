# analyze_approximate.sh — an approximate method's profile is judged at the tolerance the
# method stops at, and reported as approximate with its NashConv (outside tester 10, F3): a
# 3-actor simultaneous game whose only equilibrium is fully mixed and irrational read "No
# equilibrium found", advising --iterations, because the analysis asked every action in the
# support to be within 1e-9 of the best, ten times finer than agent-logit's 1e-8 x payoff
# range. A profile the method stopped at short of its tolerance is still no equilibrium, and
# the advice says what can help.
. "$(dirname "$0")/lib.bash"
Y=$SRC/tests/data/tolerance/three-player-irrational.yaml

expect_status "analyze: exit 0" 0 $BRINK analyze $Y
expect_grep "analyze: one equilibrium" "^One equilibrium \(search" "$TMP/stdout"
expect_grep "analyze: kept" "1 profile found, 0 rejected as not sequential, 1 distinct" "$TMP/stdout"
expect_grep "analyze: the mixed profile" "P1, at the start: a1 45\.6%, a2 54\.4%" "$TMP/stdout"
expect_grep "analyze: P3 mixes" "P3, at the start: c1 75\.9%, c2 24\.1%" "$TMP/stdout"
expect_grep "analyze: approximate, with its NashConv" "\(An approximate equilibrium: NashConv [0-9.]+e-0[89], checked in floating" "$TMP/stdout"
expect_grep "analyze: the method's tolerance" "accepted at the tolerance the method stops at" "$TMP/stdout"
if grep -q "verified exactly" "$TMP/stdout"; then bad "analyze: says verified exactly"; else ok; fi
if grep -q "No equilibrium found" "$TMP/stdout"; then bad "analyze: no equilibrium found"; else ok; fi
if grep -q "the method found no equilibrium" "$TMP/stdout"; then bad "analyze: question says none found"; else ok; fi

expect_status "analyze --json" 0 $BRINK analyze $Y --json
expect_grep "json: approximate with NashConv and tolerance" '"verified":false,"sequential":true,"sequentially_rational":true,"path_group":0,"max_regret":[0-9.e-]+,"approximate":true,"nashconv":[0-9.e-]+,"method_tolerance":3\.656e-08' "$TMP/stdout"

# cut to 5 steps: the point reached is short of the tolerance: no equilibrium, and the advice
# names the iteration budget (what stopped it)
expect_status "analyze --iterations 5" 0 $BRINK analyze $Y --iterations 5
expect_grep "5 steps: short" "1 short of the method's tolerance \(no equilibrium\)" "$TMP/stdout"
expect_grep "5 steps: none" "^No equilibrium found" "$TMP/stdout"
expect_grep "5 steps: advice" "more iterations \(--iterations N\) may reach one" "$TMP/stdout"
expect_grep "5 steps: no exact method" "No exact method finds mixed" "$TMP/stdout"
expect_status "analyze --iterations 5 --json" 0 $BRINK analyze $Y --iterations 5 --json
expect_grep "5 steps json: short_of_tolerance" '"short_of_tolerance":1' "$TMP/stdout"
# --all-equilibria skips the refinement only: the point is still no equilibrium (it was "One
# equilibrium" with NashConv 0.6 and no qualifier)
expect_status "analyze --all-equilibria --iterations 5" 0 $BRINK analyze $Y --all-equilibria --iterations 5
expect_grep "all, 5 steps: none" "^No equilibrium found" "$TMP/stdout"
expect_status "analyze --all-equilibria" 0 $BRINK analyze $Y --all-equilibria
expect_grep "all: approximate" "\(An approximate equilibrium: NashConv" "$TMP/stdout"

# the new fields validate against the schema
$BRINK analyze $Y --json >"$TMP/approx.json" 2>/dev/null
$BRINK analyze $Y --json --iterations 5 >"$TMP/short.json" 2>/dev/null
for j in approx short; do
  expect_schema "schema: $j.json" "$TMP/$j.json" brink-analysis
done

# Monte Carlo: every draw has its (approximate) equilibrium, checked in doubles
sed 's/t: {value: 0, range: \[-1, 1\]}/t: {value: 0, range: [-1, 1], distribution: "uniform(-0.01, 0.01)"}/' \
  $Y > "$TMP/three-mc.yaml"
expect_status "montecarlo" 0 $BRINK montecarlo "$TMP/three-mc.yaml" --samples 10
expect_grep "montecarlo: one found in every draw" "one found \(not proved\): +10" "$TMP/stdout"
expect_grep "montecarlo: none found 0" "none found: +0" "$TMP/stdout"
expect_grep "montecarlo: checked in doubles" "10 draws had equilibria checked in doubles only" "$TMP/stdout"

# brink solve on the same game as a tree: the same point
$BRINK compile $Y -o "$TMP/three.efg" >/dev/null 2>&1
expect_status "solve agent-logit" 0 $BRINK solve "$TMP/three.efg" --method agent-logit
expect_grep "solve: sequentially rational" "Assessment: sequentially rational" "$TMP/stdout"
# the same payoffs as a strategic game: logit reaches the same point (NashConv 1.8e-16)
expect_status "solve nfg logit" 0 $BRINK solve $SRC/tests/data/tolerance/rand3p_c18.nfg --method logit
expect_grep "nfg logit: the same P1" "Player 1: 1=0\.456199 2=0\.543801" "$TMP/stdout"
expect_grep "nfg logit: the same P3" "Player 3: 1=0\.759057 2=0\.240943" "$TMP/stdout"
finish
