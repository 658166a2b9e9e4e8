#!/usr/bin/env bash
# beyond_doubles.sh — payoffs and probabilities beyond the range of doubles are exact and
# allowed (docs/scenario-language.md): an equilibrium found exactly is not thrown out by a
# check in doubles that overflows (src/analysis/eqsolve.c: a perfect-information profile is
# then judged exactly), and values come from the exact ones.
source "$(dirname "$0")/lib.bash"
D=data/beyond-doubles

# (a) a lottery: b wins 2e400 with probability 1e-400, else -1: worth 1 + 1e-400 > 0 = a
expect_status "lottery" 0 "$BRINK" analyze "$D/hugeprob.yaml" --no-questions
expect_grep "b chosen" "A, at the start: b" "$TMP/stdout"
if grep -q "No equilibrium found" "$TMP/stdout"; then bad "lottery: no equilibrium"; else ok; fi
"$BRINK" analyze "$D/hugeprob.yaml" --no-questions --json > "$TMP/p.json"
python3 - "$TMP/p.json" <<'PY' && ok || bad "lottery json: $(head -c 300 "$TMP/p.json")"
import json, sys
d = json.load(open(sys.argv[1]))
e = d["equilibria"]
assert len(e) == 1 and e[0]["sequential"] is True, e
assert e[0]["values"][0]["value"] == 1.0 if isinstance(e[0]["values"][0], dict) else e[0]["values"][0] == 1.0, e[0]["values"]
PY

# (b) a threat next to a flip at r* = 1/(10^400 + 1): at the default r = 1e-300 (above r*)
# the main analysis finds (threaten, give_in); at the flip both replies are optimal
expect_status "threshold" 0 "$BRINK" analyze "$D/hugenum.yaml"
expect_grep "the equilibrium" "Def, after Ch threaten: give in" "$TMP/stdout"
expect_grep "both at the flip" 'exactly at the flip: "give_in" or "stand_firm"' "$TMP/stdout"
if grep -q "no equilibrium found\|No equilibrium found" "$TMP/stdout"; then
  bad "threshold file: no equilibrium somewhere"; else ok; fi
# the sweep over [0, 1e-399]: its grid values are below the doubles, printed exactly (short)
expect_grep "sweep grid: 5e-400, exactly" "^    5e-400 +give_in" "$TMP/stdout"

# (c) Monte Carlo: b is best when q > (1 - 1e-400)/2, q ~ U(0, 1): about half the draws, and
# the mean value about E[max(0, 2q - 1)] = 1/4
expect_status "montecarlo" 0 "$BRINK" montecarlo "$D/hugemc.yaml" --samples 1000 --json
python3 - "$TMP/stdout" <<'PY' && ok || bad "montecarlo json: $(head -c 600 "$TMP/stdout")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["failed"] == 0 and d["none"] == 0, (d["failed"], d["none"])
mean = d["values"][0]["estimate"]["mean"]
assert 0.2 < mean < 0.3, mean
PY

# (d) range ends the user wrote with 29 digits: long, but exact decimals, printed exactly (the
# "~" of a rounded number would make three different numbers look alike)
"$BRINK" analyze "$D/long-decimal-range.yaml" > "$TMP/l.txt"
expect_grep "exact ends" "r over \[0.33333333333333333333333333333, 0.33333333333333333333333333334\]" "$TMP/l.txt"
if grep -q "~3.333333333e-1" "$TMP/l.txt"; then bad "rounded form for an exact decimal"; else ok; fi

finish
