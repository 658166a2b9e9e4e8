# tester17.sh — outside tester 17's findings on published models, each fixed here:
# F5: "not a tie" was said wherever a chance probability reached 0 at an isolated point,
#     although the watched actor may be exactly indifferent there (brinkmanship at r = 0);
# F7: a refusal of the reduced strategic form suggested two-player tree methods for 4 players;
# F8: every method refusing a game kept as written (--keep-order) gave the first refusal's
#     words only, and --method spe was refused on a game the automatic choice solves with spe
#     (chance moves postponed);
# F12: exact numbers printed as rounding noise beside "verified exactly" (a weak chain-store
#     incumbent's value 1.542e-17 for 0).
. "$(dirname "$0")/lib.bash"
D=$SRC/tests/data

expect_status "brinkmanship" 0 "$BRINK" analyze "$D/thresholds/brinkman-risk-zero.yaml"
tr '\n' ' ' < "$TMP/stdout" | sed 's/  */ /g' > "$TMP/words"
expect_grep "the chance probability reaching 0 is said" \
  'at r = 0 only: "stay" or "escalate" \(where the chance probability of "boom" is 0, positive beside it: the game has fewer branches there\)\.' \
  "$TMP/words"
if grep -q "not a tie" "$TMP/words"; then bad "claims it is not a tie"; else ok; fi

expect_status "4 players: the reduced form refused" 2 "$BRINK" analyze "$D/montecarlo/chainstore3-unanswered.yaml" --no-questions --method simpdiv
expect_grep "tree methods that take 4 players" "Use a method that works on the tree \(agent-logit, cfr\)$" "$TMP/stderr"

expect_status "chain store" 0 "$BRINK" analyze "$D/montecarlo/chainstore3-unanswered.yaml" --no-questions
expect_grep "an exact 0 printed as 0" "^  Expected value: I 0.15 \(tough 1.5, weak 0\); E1 0.1; E2 0.3; E3 0.4$" "$TMP/stdout"
expect_status "chain store --json" 0 "$BRINK" analyze "$D/montecarlo/chainstore3-unanswered.yaml" --no-questions --json
if python3 -c "
import json; d = json.load(open('$TMP/stdout'))
e = d['equilibria'][0]
assert e['verified'], e['verified']
assert [t['value'] for t in e['type_values']] == [1.5, 0], e['type_values']
assert [v['exact'] for v in e['values']] == ['3/20', '1/10', '3/10', '2/5'], e['values']"
then ok; else bad "JSON: the nearest doubles of the exact values"; fi

F30=$D/scenarios/fearon30-chance-first.yaml
F100=$D/scenarios/fearon100-chance-first.yaml
expect_status "--keep-order: every method refuses" 2 "$BRINK" analyze "$F100" --keep-order --no-questions
expect_grep "each refusal said" "every method the analysis tries refused the game: sequential: exact Lemke: .*; seqlcp: " "$TMP/stderr"
expect_grep "postponing named" "with its chance moves postponed \(the default\) it has perfect information, and backward induction solves it" "$TMP/stderr"
expect_status "--method spe on chance first" 0 "$BRINK" analyze "$F30" --method spe --no-questions
tr '\n' ' ' < "$TMP/stdout" | sed 's/  */ /g' > "$TMP/words"
expect_grep "spe runs with the chance move postponed, and says so" \
  "Method: spe: chosen by the user, run with chance moves postponed to where they first matter \(1 decision moved above a chance move it cannot see; the same game\)" "$TMP/words"
expect_grep "Fearon's answer" "A, at the start: demand 0.6" "$TMP/words"
finish
