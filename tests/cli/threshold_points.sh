# threshold_points.sh — what one sample says is said of that sample (tester 11):
#  F6: a method that finds no equilibrium at its first sample (enumpure on an inspection game
#      whose equilibrium is mixed for 0 < c < 1) answered "[0, 2] not certified: the method
#      found no equilibrium" after one computation, while the same run's sweep found
#      equilibria at c = 1, 3/2, 2; now the samples without one are reported as points, the
#      rest is sampled again, and [1, 2] "violate" is certified.
#  F3: a point where only another actor's choice (or the number of equilibria) changes is not
#      an exception to "the watched choice does not change" (it read "... except at the
#      isolated points below" and then "at p = 1/3 only: "go" (... the same choice on either
#      side)").
#  F8: region lines whose lists are not proved complete are qualified on the line.
. "$(dirname "$0")/lib.bash"
D=$SRC/tests/data/thresholds
expect_status "t4 enumpure" 0 "$BRINK" analyze "$D/tester11-t4.yaml" --method enumpure
tr '\n' ' ' <"$TMP/stdout" | tr -s ' ' >"$TMP/t4.txt"
expect_grep "t4: the samples without an equilibrium, as points" "\[0, 1\) not certified: the method found no equilibrium at [0-9]+ points sampled here \(the first at c = 1/2\), and the rest was not sampled" "$TMP/t4.txt"
expect_grep "t4: [1, 2] certified" '\[1, 2\] "violate"' "$TMP/t4.txt"
if grep -q "\[0, 2\] not certified" "$TMP/t4.txt"; then bad "t4: the whole range stretched"; else ok; fi
expect_status "t4 json" 0 "$BRINK" analyze "$D/tester11-t4.yaml" --method enumpure --json
python3 - "$TMP/stdout" <<'PY' && ok || bad "t4 json: no-equilibrium regions are points"
import json, sys
d = json.load(open(sys.argv[1]))
def regions(o):
    if isinstance(o, dict):
        if "regions" in o and isinstance(o["regions"], list): yield from o["regions"]
        for v in o.values(): yield from regions(v)
    elif isinstance(o, list):
        for v in o: yield from regions(v)
noeq = [r for r in regions(d) if r.get("reason") == "no_equilibrium"]
assert noeq, "no no_equilibrium region"
assert all(r["lo"] == r["hi"] for r in noeq), noeq[:2]
PY
expect_status "t1" 0 "$BRINK" analyze "$D/tester11-t1.yaml"
expect_grep "t1: does not change" "^    -> the watched choice does not change over the range\.$" "$TMP/stdout"
if grep -q "isolated points\|only: \"go\"" "$TMP/stdout"; then bad "t1: a same-choice point called an exception"; else ok; fi
expect_status "t9" 0 "$BRINK" analyze "$D/tester11-t9.yaml"
if grep -q "at p = 3/5 only" "$TMP/stdout"; then bad "t9: another decision's tie called an isolated point"; else ok; fi
expect_grep "t9: the flip stays" "it flips at p = 1/2 exactly" "$TMP/stdout"
# F8: a region whose list is not proved complete says so on its own line (the brief and the
# sweep did; the threshold's line did not: M8's "offer_10" above 7/10 is one of seven tied
# offers), and a proved one does not
expect_status "pure only" 0 "$BRINK" analyze "$D/pure-vs-mixed.yaml" --method enumpure
expect_grep "region line qualified" '^      \[1/2, 2\]  "T"  \(other equilibria not ruled out\)$' "$TMP/stdout"
expect_status "t1 complete" 0 "$BRINK" analyze "$D/tester11-t1.yaml"
if grep -q "not ruled out" "$TMP/stdout"; then bad "t1: a proved region qualified"; else ok; fi
# a watched decision tied over the whole range (tester 11b, F5): the equilibria disagree on
# the choice, so they do not "make the same watched choice"; the set of choices is what stays,
# and backward induction's list is proved complete over the range (no comparison it makes
# changes sign there), so nothing is "not ruled out"
expect_status "off-path tie" 0 "$BRINK" analyze "$D/tester11b-offpath-tie.yaml"
tr '\n' ' ' <"$TMP/stdout" | tr -s ' ' >"$TMP/tie.txt"
expect_grep "tie: the choices differ and stay" "the watched choices, which differ among the equilibria, do not change over the range" "$TMP/tie.txt"
if grep -q "make the same watched choice" "$TMP/tie.txt"; then bad "tie: 'the same watched choice' of two choices"; else ok; fi
if grep -q "not ruled out" "$TMP/tie.txt"; then bad "tie: a complete list called open"; else ok; fi
finish
