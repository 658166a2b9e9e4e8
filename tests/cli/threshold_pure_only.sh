# threshold_pure_only.sh — a method that lists every pure equilibrium only (enumpure) does not
# make a threshold's answers complete: mixed equilibria were not searched (tester 10, F7.7).
# Before, "at the default t = 1: "T"." and, on M1, "it flips at p_resolute = 1/2 exactly".
. "$(dirname "$0")/lib.bash"
S=$SRC/tests/data/thresholds/pure-vs-mixed.yaml
expect_status "enumpure" 0 "$BRINK" analyze "$S" --method enumpure
expect_grep "default answer qualified" 'at the default t = 1: "T" \(other equilibria not ruled out\)\.' "$TMP/stdout"
expect_status "default method" 0 "$BRINK" analyze "$S"
expect_grep "the default method finds the mixed ones" 'mixes' "$TMP/stdout"
expect_status "M1 enumpure" 0 "$BRINK" analyze M1 --method enumpure
if grep -q "it flips at" "$TMP/stdout"; then bad "pure equilibria only, yet 'it flips'"; else ok; fi
expect_grep "M1 enumpure: the equilibria found change" "the equilibria found change at p_resolute = 1/2 exactly" "$TMP/stdout"
expect_status "M1 default" 0 "$BRINK" analyze M1
# every extreme equilibrium, proved over each region (rsf_shrink): it flips
expect_grep "M1 default still flips" "it flips at p_resolute = 1/2 exactly" "$TMP/stdout"
finish
