# threshold_sample_complete.sh — a list complete at a region's sample says nothing of the points
# between the sample and the region's ends: an equilibrium absent at the sample can appear
# inside (tester 14, N1). Before, these regions were printed without "(other equilibria not
# ruled out)" and their ends as flips of every equilibrium ("it flips ... exactly") although
# `analyze --set` at a point inside listed the other choice. Perfect information without chance
# now cuts the region where a comparison changes sign, so every part is complete and right.
. "$(dirname "$0")/lib.bash"
D=$SRC/tests/data/thresholds

# pc0: B is indifferent everywhere; with B's m1, A prefers m1 for c > (5 - sqrt 13)/4
expect_status "pc0" 0 "$BRINK" analyze "$D/tester14-pc0.yaml"
cp "$TMP/stdout" "$TMP/pc0.txt"
expect_grep "pc0: m0 below the root" '\[0, ~0.3486121811\]  "m0"$' "$TMP/pc0.txt"
expect_grep "pc0: both above it" '\[~0.3486121811, 1/2\]  "m0" or "m1"  \(several equilibria\)$' "$TMP/pc0.txt"
expect_grep "pc0: the root named" 'the root of 4 c\^2 - 10 c \+ 3' "$TMP/pc0.txt"
if grep -q '\[0, 1/2)  "m0"' "$TMP/pc0.txt"; then bad "pc0: m0 alone up to 1/2"; else ok; fi
expect_status "pc0 at 0.4" 0 "$BRINK" analyze "$D/tester14-pc0.yaml" --set c=0.4 --no-questions
expect_grep "pc0 at 0.4 lists m1 too" 'A, at the start: m1' "$TMP/stdout"
expect_status "pc0 json" 0 "$BRINK" analyze "$D/tester14-pc0.yaml" --json
# every interval complete (the point at 1/2 is complete at its sample, the point itself)
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
rs = d["answers"][0]["threshold"]["regions"]
sys.exit(0 if all(r["complete"] or (r["point"] and r["complete_at_sample"]) for r in rs) else 1)
' "$TMP/stdout"; then ok; else bad "pc0: a region not complete"; fi
expect_status "pc0 sweep" 0 "$BRINK" sweep "$D/tester14-pc0.yaml" --vary c=0:1:11 --watch A@start
expect_grep "pc0 sweep: exact regions agree with the rows" '"m0" on \[0, ~0.3486121811\]; "m0" or "m1" on' "$TMP/stdout"

# pc1: the same with a chance move (no completeness proof there): the weaker statement
expect_status "pc1" 0 "$BRINK" analyze "$D/tester14-pc1.yaml"
expect_grep "pc1: qualified" '\[0, 1/2)  "m0"  \(other equilibria not ruled out\)' "$TMP/stdout"
expect_grep "pc1: found change" 'the equilibria found change at c = 1/2 exactly' "$TMP/stdout"

# nc3: a 2x2 game (enummixed); (D, R) is an equilibrium on (3/2, 5/2). The parametric vertex
# enumeration of the strategic form cuts the region traced from c = 1/2 where an equilibrium
# appears (3/2), and each part is proved complete
expect_status "nc3" 0 "$BRINK" analyze "$D/tester14-nc3.yaml"
cp "$TMP/stdout" "$TMP/nc3.txt"
if grep -q '\[0, 5/2)  "T"' "$TMP/nc3.txt"; then bad "nc3: T alone up to 5/2"; else ok; fi
expect_grep "nc3: T alone below 3/2, complete, the only one" '\[0, 3/2)  "T"  \(the only equilibrium inside\)$' "$TMP/nc3.txt"
expect_grep "nc3: both inside, complete" '\[3/2, 5/2\]  "T" or "D"  \(several equilibria\)$' "$TMP/nc3.txt"
expect_grep "nc3: D alone above, complete" '\(5/2, 3\]  "D"$' "$TMP/nc3.txt"
expect_grep "nc3: flips at 3/2" 'it flips at c = 3/2: "T" below, "T" or "D" above' "$TMP/nc3.txt"
expect_status "nc3 json" 0 "$BRINK" analyze "$D/tester14-nc3.yaml" --json
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
rs = d["answers"][0]["threshold"]["regions"]
sys.exit(0 if all(r["complete"] or (r["point"] and r["complete_at_sample"]) for r in rs) else 1)
' "$TMP/stdout"; then ok; else bad "nc3: a region not complete"; fi
expect_status "nc3 at 2" 0 "$BRINK" analyze "$D/tester14-nc3.yaml" --set c=2 --no-questions
expect_grep "nc3 at 2 lists D" 'A, at the start: D' "$TMP/stdout"

# tester15-bad1: at a point, 11 equilibria found and 5 continued; the others' off-path "x" is
# missing from the point's list, which must not be called complete (tester 15)
expect_status "bad1 json" 0 "$BRINK" analyze "$D/tester15-bad1.yaml" --json
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["answers"][0]["threshold"]["regions"]:
    if r["status"] == "certified" and r["certified_equilibria"] < r["equilibria"] and \
       (r["complete"] or r["others_ruled_out"]):
        sys.exit(1)
' "$TMP/stdout"; then ok; else bad "bad1: a list missing found equilibria called complete"; fi
expect_status "bad1 at the point" 0 "$BRINK" analyze "$D/tester15-bad1.yaml" --set p=1/1341882916 --no-questions
expect_grep "bad1: x there" 'S, after S m1, R a: x \(off the equilibrium path\)' "$TMP/stdout"
finish
