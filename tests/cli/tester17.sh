# tester17.sh — outside tester 17's findings on published models, each fixed here:
# F5: "not a tie" was said wherever a chance probability reached 0 at an isolated point,
#     although the watched actor may be exactly indifferent there (brinkmanship at r = 0);
# F7: a refusal of the reduced strategic form suggested two-player tree methods for 4 players;
# F8: every method refusing a game kept as written (--keep-order) gave the first refusal's
#     words only, and --method spe was refused on a game the automatic choice solves with spe
#     (chance moves postponed);
# F12: exact numbers printed as rounding noise beside "verified exactly" (a weak chain-store
#     incumbent's value 1.542e-17 for 0), in a compare answer too ("fight: I 5.551e-17"), and
#     "100% every outcome" after every option of a scenario without issues;
# a belief over 100 positions printed as 35 wrapped lines: past 8 positions it is summarised;
# tie lists in the options' order, not the order found ("demand_0.7", "demand_0.74",
#     "demand_0.69", ...: Fearon with 30 types, a sweep over p);
# F3: agent-logit found no equilibrium of the chain store at some priors (with 5 entrants
#     at q = 0.45 its sparse path stalled; the other priors: tests/cli/examples.sh).
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

# the compare question on the same game: the weak incumbent's value after fighting is 0
{ cat "$D/montecarlo/chainstore3-unanswered.yaml"
  printf '  - id: weak_opts\n    compare: {watch: I.weak@enter}\n'; } > "$TMP/kwc.yaml"
expect_status "chain store compare" 0 "$BRINK" analyze "$TMP/kwc.yaml"
expect_grep "compare: an exact 0, no outcome list" "^      fight: I 0, E1 -0.5, E2 0.08333, E3 0.4583\.$" "$TMP/stdout"
if grep -q "every outcome" "$TMP/stdout"; then bad "'every outcome' in a scenario without issues"; else ok; fi
# at q = 1/5 the first entrant stays out: the compared set is off the path, weighed by the
# beliefs (their doubles, taken exactly), and the value is still an exact 0
expect_status "chain store compare, off the path" 0 "$BRINK" analyze "$TMP/kwc.yaml" --set q=1/5
expect_grep "compare off the path: an exact 0" "^      fight: I 0, E1 -0.5, E2 0.08333, E3 0.4583\.$" "$TMP/stdout"

# five entrants at q = 0.45: Kreps and Wilson's play, E1-E4 stay out (q > b^5 ... b^2), E5
# enters (q < b = 1/2)
expect_status "chain store, 5 entrants, q = 0.45" 0 "$BRINK" analyze "$D/scenarios/chainstore5.yaml" --no-questions --set q=0.45
expect_grep "one equilibrium" "^One equilibrium" "$TMP/stdout"
expect_grep "E4 stays out" "^  E4, after E1 stay_out, E2 stay_out, E3 stay_out: stay out$" "$TMP/stdout"
expect_grep "E5 enters" "^  E5, after E1 stay_out, E2 stay_out, E3 stay_out, E4 stay_out: enter$" "$TMP/stdout"
if grep -q "Not shown sequential" "$TMP/stdout"; then bad "5 entrants: not shown sequential"; else ok; fi

# beliefs over many positions: summarised (equal: their number and each one's probability;
# unequal: the likeliest three and the rest), up to 8 listed as before
belief_case() {   # name, number of states, probability expression, expected line (ERE)
  printf 'brink: 1\nid: b\ntitle: b\nactors:\n  A: {name: A}\ngame:\n  seen_by: []\n  chance:\n    s{k}:\n      for: k\n      in: range(1, %s)\n      prob: %s\n      A:\n        left: {payoff: {A: k}}\n        right: {payoff: {A: 5}}\n' "$2" "$3" > "$TMP/bel.yaml"
  expect_status "$1" 0 "$BRINK" analyze "$TMP/bel.yaml" --no-questions
  tr -s ' \n' ' ' < "$TMP/stdout" > "$TMP/bel.txt"
  expect_grep "$1: the belief line" "$4" "$TMP/bel.txt"
}
belief_case "9 unequal states" 9 "k / 45" "believes: 9 positions \(chance: s1 \.\.\. chance: s9\); the likeliest: chance: s9 20%, chance: s8 17\.8%, chance: s7 15\.6%; the other 6 46\.7% \(--json lists them\)"
belief_case "10 equal states" 10 "1/10" "believes: 10 positions \(chance: s1 \.\.\. chance: s10\), each 10% \(--json lists them\)"
belief_case "8 states listed" 8 "1/8" "believes: chance: s1 12\.5%; chance: s2 12\.5%; .*chance: s8 12\.5% "

F30=$D/scenarios/fearon30-chance-first.yaml
{ cat "$F30"; printf 'questions:\n  - id: p_sweep\n    sweep: {parameter: p, range: [0.3, 0.7], steps: 5, watch: A@start}\n'; } > "$TMP/f30s.yaml"
expect_status "Fearon, 30 types, sweep over p" 0 "$BRINK" analyze "$TMP/f30s.yaml"
if tr -s ' \n' ' ' < "$TMP/stdout" | grep -o '"demand_[0-9.]*"\(, "demand_[0-9.]*"\)* or "demand_[0-9.]*"' |
   python3 -c "
import re, sys
lists = [[float(x) for x in re.findall(r'demand_([0-9.]+)', l)] for l in sys.stdin]
assert sum(len(l) > 5 for l in lists) >= 5, [len(l) for l in lists]
bad = [l for l in lists if l != sorted(l)]
assert not bad, bad[:2]"
then ok; else bad "tie lists in the options' order"; fi

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
