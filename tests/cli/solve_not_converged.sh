# solve_not_converged.sh — a profile a method stopped at short of its own tolerance is not an
# equilibrium and is never printed as one (outside tester 10, F4): no Gambit "NE," line (a note
# on stderr instead, exit 0 as for the same run in text or JSON), "Profile N", not
# "Equilibrium N", in text, and CFR's stopped_at_limit true when its budget ended above its
# tolerance. Converged runs keep their NE lines.
. "$(dirname "$0")/lib.bash"
D=$SRC/tests/data/tolerance

# agent-logit cut to 5 steps on a 3-player tree (NashConv 0.6)
expect_status "agent-logit 5 steps --gambit: exit 0" 0 \
  $BRINK solve $D/rand3p_c13.efg --method agent-logit --iterations 5 --gambit
if grep -q '^NE' "$TMP/stdout"; then bad "agent-logit 5 steps: NE line printed: $(cat "$TMP/stdout")"; else ok; fi
expect_grep "agent-logit 5 steps: stderr says why" "1 profile not listed as NE: agent-logit stopped at its limit before its tolerance \(NashConv 0\.[0-9]+\)" "$TMP/stderr"
# simpdiv with one pivot (NashConv 0.51)
expect_status "simpdiv 1 pivot --gambit: exit 0" 0 \
  $BRINK solve $D/rand3p_c13.nfg --method simpdiv --iterations 1 --gambit
if [ -s "$TMP/stdout" ]; then bad "simpdiv 1 pivot: printed $(cat "$TMP/stdout")"; else ok; fi
expect_grep "simpdiv 1 pivot: stderr" "not listed as NE: simpdiv stopped" "$TMP/stderr"
expect_status "simpdiv 1 pivot text" 0 $BRINK solve $D/rand3p_c13.nfg --method simpdiv --iterations 1
expect_grep "simpdiv 1 pivot text: STOPPED first" "^STOPPED AT THE LIMIT" "$TMP/stdout"
expect_grep "simpdiv 1 pivot text: a profile" "^Profile 1  — approximate: NashConv 0\.5" "$TMP/stdout"
if grep -q '^Equilibrium' "$TMP/stdout"; then bad "simpdiv 1 pivot text: called an equilibrium"; else ok; fi
# CFR, one iteration (NashConv 0.75 on payoffs in [0, 3]): stopped at the limit
expect_status "cfr 1 iteration --gambit" 0 $BRINK solve $D/bos_out.efg --method cfr --iterations 1 --gambit
if [ -s "$TMP/stdout" ]; then bad "cfr 1 iteration: printed $(cat "$TMP/stdout")"; else ok; fi
expect_grep "cfr 1 iteration: stderr" "not listed as NE: cfr stopped .*NashConv 0\.75" "$TMP/stderr"
expect_status "cfr 1 iteration --json" 0 $BRINK solve $D/bos_out.efg --method cfr --iterations 1 --json
expect_grep "cfr 1 iteration JSON: stopped_at_limit" '"stopped_at_limit":true' "$TMP/stdout"
expect_status "cfr 1 iteration text" 0 $BRINK solve $D/bos_out.efg --method cfr --iterations 1
expect_grep "cfr 1 iteration text: STOPPED" "^STOPPED AT THE LIMIT: .*NashConv 0\.75" "$TMP/stdout"
expect_grep "cfr 1 iteration text: a profile" "^Profile 1  — checked in floating point: NashConv 0\.75" "$TMP/stdout"
# CFR that meets its target is an answer: not stopped, listed
expect_status "cfr+ to a target" 0 $BRINK solve $SRC/tests/data/kuhn.efg --method cfr+ \
  --target-exploitability 0.05 --json
expect_grep "cfr+ to a target: not stopped" '"stopped_at_limit":false' "$TMP/stdout"
expect_status "cfr+ to a target --gambit" 0 $BRINK solve $SRC/tests/data/kuhn.efg --method cfr+ \
  --target-exploitability 0.05 --gambit
expect_grep "cfr+ to a target: NE line" "^NE," "$TMP/stdout"
if [ -s "$TMP/stderr" ]; then bad "cfr+ to a target: stderr $(cat "$TMP/stderr")"; else ok; fi
# converged agent-logit on the same tree: its NE line, nothing on stderr
expect_status "agent-logit converged --gambit" 0 $BRINK solve $D/rand3p_c13.efg --method agent-logit --gambit
expect_grep "agent-logit converged: NE line" "^NE," "$TMP/stdout"
if [ -s "$TMP/stderr" ]; then bad "agent-logit converged: stderr $(cat "$TMP/stderr")"; else ok; fi
# exact methods are untouched
expect_status "lcp --gambit" 0 $BRINK solve $D/bos_out.efg --method lcp --gambit
expect_grep "lcp: NE line" "^NE," "$TMP/stdout"
finish
