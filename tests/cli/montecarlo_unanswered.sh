# montecarlo_unanswered.sh — draws without an answer are never counted as "no" (tester 17,
# finding 1). Over Kreps and Wilson's chain store with q ~ U(0, 0.3), agent-logit found no
# equilibrium in the draws above about q = 0.25, all in one part of the range: the first
# entrant's share of staying out (truly the share of draws with q > b^3 = 1/8) was printed
# over every draw, failures counted as "not staying out", with an interval that missed it.
# Agent-logit now answers there; the case's payoff is made undefined above q = 1/4 so that
# the same draws stay without an answer.
# Now each share is over the draws that have an answer and its interval covers whatever the
# others would have shown; the text and JSON say how many there are.
. "$(dirname "$0")/lib.bash"
S=$SRC/tests/data/montecarlo/chainstore3-unanswered.yaml
ARGS=(montecarlo "$S" --samples 40 --seed 3 --threads 1 --watch E1@start)
py() { python3 -c "import json, sys; d = json.load(open('$TMP/stdout')); $1"; }

expect_status "run --json --draws" 0 "$BRINK" "${ARGS[@]}" --json --draws
expect_schema "JSON follows the schema" "$TMP/stdout" brink-montecarlo
# the draws without an answer are there (else this test proves nothing), all above q = 0.2
if py '
none = [x["x"][0] for x in d["draws"] if x["equilibria"] <= 0]
assert len(none) >= 2 and min(none) > 0.2, none
assert d["none"] + d["failed"] == len(none), (d["none"], d["failed"])'
then ok; else bad "draws without an answer (the case)"; fi
# the shares: over the answered draws, each interval wide enough for the unknown ones, and
# the truth (stay out exactly when q > 1/8, in every draw) inside
if py '
from fractions import Fraction
W = d["watched"][0]["actions"]
S = len(d["draws"])
truth = sum(1 for x in d["draws"] if Fraction(x["x"][0]) > Fraction(1, 8)) / S
for a in W:
    p = a["played"]
    assert p["n"] + p["unknown"] == S and p["unknown"] == d["none"] + d["failed"], p
    assert abs(p["p"] - p["k"] / p["n"]) < 1e-15, p
    assert p["lo"] <= p["k"] / S and p["hi"] >= (p["k"] + p["unknown"]) / S, p
stay = [a for a in W if a["action"] == "stay_out"][0]["played"]
assert stay["lo"] <= truth <= stay["hi"], (truth, stay)
for o in d["outcomes"]:
    assert o["realised"]["n"] + o["realised"]["unknown"] == S, o'
then ok; else bad "shares over answered draws, intervals cover the unknown ones"; fi
expect_status "run (text)" 0 "$BRINK" "${ARGS[@]}"
expect_grep "the text says the share is over answered draws" \
  "^Watched choices \(share of the draws with an equilibrium found in which every equilibrium makes it\):" \
  "$TMP/stdout"
expect_grep "the text says what the interval covers" \
  "^    stay out: .*\(17 of 35; the interval covers the 5 draws without an answer, whatever they would show\)" \
  "$TMP/stdout"
finish
