# numerics.sh — the numerical-robustness cases of issue 9, each with its right answer: double
# pivoting that falls back to exact arithmetic (lp, lcp, seqlcp, seqlp), payoffs beyond double
# range (solved exactly by exact methods, refused by double-only ones with exit 2), the
# scale-free end of the logit path, agent-logit's off-path rationality, simpdiv on degenerate
# reduced forms, limits that stop with a result or exit 2 (never 3), and spe's bounded memory
# on a tree with ties everywhere.
. "$(dirname "$0")/lib.bash"
D=$SRC/tests/data/numerics

# nashpy issue 76: the LP's double basis fails the exact check; value 1/3.
expect_status "lp on the F1 game" 0 $BRINK solve $D/nashpy76_f1_8x8.nfg --method lp
expect_grep "lp: P1 plays rows 1 and 8" "P1: 1=1/3 2=0 3=0 4=0 5=0 6=0 7=0 8=2/3" "$TMP/stdout"
expect_grep "lp: value 1/3" "Expected payoffs: P1=1/3 P2=-1/3" "$TMP/stdout"
expect_grep "lp: says it went exact" "redone in exact arithmetic" "$TMP/stdout"
expect_grep "lp: verified" "verified exactly" "$TMP/stdout"

# found by the property test: GLPK's double simplex cycles on this 3x4 zero-sum game; the
# iteration budget hands it to the exact path, whose answer enummixed confirms.
expect_status "lp where GLPK cycles" 0 timeout 20 $BRINK solve $D/glpk_cycles_3x4_15digits.nfg --method lp
expect_grep "lp GLPK cycle: exact" "verified exactly" "$TMP/stdout"
grep "Expected payoffs" "$TMP/stdout" >"$TMP/lpv"
$BRINK solve $D/glpk_cycles_3x4_15digits.nfg --method enummixed | grep "Expected payoffs" | sort -u >"$TMP/emv"
if [ "$(cat "$TMP/lpv")" = "$(cat "$TMP/emv")" ]; then ok; else bad "lp value $(cat "$TMP/lpv") vs enummixed $(cat "$TMP/emv")"; fi

# gambit 334: 12-digit decimals; Lemke-Howson reaches all three equilibria.
expect_status "lcp on 12-digit decimals" 0 $BRINK solve $D/gambit334_lcp_3x3_decimals.nfg --method lcp
expect_grep "lcp: three equilibria" "Found 3 profiles" "$TMP/stdout"
expect_grep "lcp: the mixed one" "P1: 1=0 2=450642515521/742984956467 3=292342440946/742984956467" "$TMP/stdout"
$BRINK solve $D/gambit334_lcp_3x3_decimals.nfg --method enummixed --gambit >"$TMP/em" 2>&1
$BRINK solve $D/gambit334_lcp_3x3_decimals.nfg --method lcp --gambit >"$TMP/lh" 2>&1
if [ "$(sort "$TMP/em")" = "$(sort "$TMP/lh")" ] && [ "$(wc -l <"$TMP/em")" = 3 ]; then ok
else bad "lcp and enummixed differ: $(cat "$TMP/lh") vs $(cat "$TMP/em")"; fi
expect_status "lcp --one on 12-digit decimals" 0 $BRINK solve $D/gambit334_lcp_3x3_decimals.nfg --method lcp --one
expect_grep "lcp --one verified" "verified exactly" "$TMP/stdout"

# gambit 211: one payoff 5e6 times the others; value 1, Max plays A at both points.
for m in seqlcp seqlp sequential; do
  expect_status "$m on the 5e6 game" 0 timeout 20 $BRINK solve $D/gambit211_seqlcp_5e6.efg --method $m
  expect_grep "$m: A at the first point" "infoset 1: A=1 B=0" "$TMP/stdout"
  expect_grep "$m: A at the second point" "infoset 2: A=1 B=0" "$TMP/stdout"
  expect_grep "$m: value 1" "Expected payoffs: Max=1 Min=-1" "$TMP/stdout"
done
# the same game with 3e9 (the "secondary ray" variant)
sed 's/5000000, -5000000/3000000000, -3000000000/' $D/gambit211_seqlcp_5e6.efg >"$TMP/g3e9.efg"
expect_status "seqlcp on the 3e9 game" 0 timeout 20 $BRINK solve "$TMP/g3e9.efg" --method seqlcp
expect_grep "seqlcp 3e9: value 1" "Expected payoffs: Max=1 Min=-1" "$TMP/stdout"

# gambit 365: the default method (logit) must not stop at lambda = 1.
expect_status "default on the 3-player scale game" 0 $BRINK solve $D/gambit365_scale_3p.nfg
expect_grep "365: P1 plays 1" "P1: 1=1 2=0" "$TMP/stdout"
expect_grep "365: P3 plays 1" "P3: 1=1 2=0" "$TMP/stdout"
expect_grep "365: verified" "verified exactly" "$TMP/stdout"
if grep -q "APPROXIMATE" "$TMP/stdout"; then bad "365: approximate"; else ok; fi

# gambit 876: Ann's node has probability 0 and R is strictly better there.
expect_status "agent-logit off the path" 0 $BRINK solve $D/gambit876_zero_prob_offpath.efg --method agent-logit
expect_grep "876: Ann plays R" "infoset 1: L=0 R=1" "$TMP/stdout"
expect_grep "876: the assessment is checked" "Assessment: sequentially rational" "$TMP/stdout"
expect_status "agent-logit at a small lambda" 0 $BRINK solve $D/gambit876_zero_prob_offpath.efg --method agent-logit --lambda 0.1
expect_grep "876: no unchecked claim at lambda 0.1" "NOT a sequential equilibrium" "$TMP/stdout"
expect_status "agent-logit JSON says so" 0 $BRINK solve $D/gambit876_zero_prob_offpath.efg --method agent-logit --lambda 0.1 --json
expect_grep "876 JSON" '"sequentially_rational":false' "$TMP/stdout"
for m in sequential spe; do
  expect_status "$m off the path" 0 $BRINK solve $D/gambit876_zero_prob_offpath.efg --method $m
  expect_grep "876 $m: Ann plays R" "infoset 1: L=0 R=1" "$TMP/stdout"
done

# a payoff of 1e400: exact methods solve it exactly, double-only ones refuse with exit 2.
for m in sequential seqlcp seqlp enumpure lcp; do
  expect_status "$m with a payoff of 1e400" 0 timeout 20 $BRINK solve $D/efg_payoff_1e400_lemke_hang.efg --method $m
  expect_grep "$m 1e400: A plays l" "l=1 r=0" "$TMP/stdout"
  expect_grep "$m 1e400: exact" "verified exactly" "$TMP/stdout"
done
for m in agent-logit logit simpdiv cfr+; do
  expect_status "$m refuses 1e400" 2 timeout 20 $BRINK solve $D/efg_payoff_1e400_lemke_hang.efg --method $m
  expect_grep "$m 1e400: says why" "beyond double range.*exact method" "$TMP/stderr"
done
expect_status "logit refuses 1e300" 2 $BRINK solve $D/nfg_payoff_1e300_logit_exit3.nfg --method logit
expect_grep "logit 1e300: names exact methods" "enummixed or lcp" "$TMP/stderr"
expect_status "default on 1e300" 0 $BRINK solve $D/nfg_payoff_1e300_logit_exit3.nfg
expect_grep "1e300 default: exact" "verified exactly" "$TMP/stdout"

# limits are results or exit 2, never exit 3
expect_status "logit at a tiny time limit" 0 $BRINK solve $D/gambit334_lcp_3x3_decimals.nfg --method logit --iterations 1
if grep -q "STOPPED AT THE LIMIT" "$TMP/stdout" || grep -q "verified exactly" "$TMP/stdout"; then ok
else bad "logit --iterations 1: neither stopped nor exact: $(head -3 "$TMP/stdout")"; fi
expect_status "simpdiv at 5 pivots" 0 $BRINK solve $D/gambit365_scale_3p.nfg --method simpdiv --iterations 5
expect_status "seqlcp at 2 pivots" 2 $BRINK solve $D/gambit211_seqlcp_5e6.efg --method seqlcp --iterations 2
expect_status "analyze takes --time-limit" 0 $BRINK analyze --time-limit 30 --no-questions $SRC/scenarios/$(ls $SRC/scenarios | head -1)

# reduced strategic forms of the Gambit corpus games e18 and 2smp: simpdiv answers at once,
# and exactly (equivalent strategies make Newton singular: Levenberg-Marquardt, then the
# support's subgame solved exactly)
G=${BRINK_GAMBIT_CONTRIB:-$SRC/../shared/games/gambit-contrib}
if [ -f "$G/e18.efg" ] && [ -f "$G/2smp.efg" ]; then
  for f in e18 2smp; do
    $BRINK convert "$G/$f.efg" -o "$TMP/$f.nfg" >/dev/null 2>&1
    expect_status "simpdiv on the reduced form of $f" 0 timeout 20 $BRINK solve "$TMP/$f.nfg" --method simpdiv
    expect_grep "simpdiv $f: few pivots" "Found 1 profile in [^,]*, [0-9]{1,4} iterations" "$TMP/stdout"
    if grep -q "STOPPED" "$TMP/stdout"; then bad "simpdiv $f stopped at the limit"; else ok; fi
    expect_grep "simpdiv $f: exact (on the support's subgame)" "verified exactly" "$TMP/stdout"
  done
else
  echo "SKIP: Gambit corpus not found at $G (simpdiv on e18/2smp)"
fi

# spe on a perfect-information tree of depth 16 with all payoffs tied: bounded memory, the cap
# reported, one SPE at least.
awk 'BEGIN { D = 16; print "EFG 2 R \"tied\" { \"A\" \"B\" }"; print "\"\""; print ""; n = 0; i[0] = 0; i[1] = 0
       rec(0) }
     function rec(d,   p) { if (d == D) { n++; printf "t \"\" %d \"\" { 1, 1 }\n", n; return }
       p = d % 2; i[p]++; printf "p \"\" %d %d \"\" { \"l\" \"r\" } 0\n", p + 1, i[p]; rec(d + 1); rec(d + 1) }' >"$TMP/tied.efg"
# (the address-space cap only where no sanitizer reserves its own shadow memory)
cap="ulimit -v 1500000;"
if grep -qa __asan_init "$BRINK"; then cap=""; fi
expect_status "spe on a tied depth-16 tree within 1.5 GB" 0 bash -c "$cap timeout 120 $BRINK solve $TMP/tied.efg --method spe"
expect_grep "spe: the cap is reported" "the list stopped before its end \\(the method's memory cap" "$TMP/stdout"
expect_grep "spe: at least one, verified" "verified exactly" "$TMP/stdout"
# --json with the list capped is JSON (a text note was once written into it), and says so
bash -c "$cap timeout 120 $BRINK solve $TMP/tied.efg --method spe --json" >"$TMP/tied.json" 2>/dev/null
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["list_capped"] and not d["complete"], d' \
  "$TMP/tied.json" && ok || bad "spe --json with the list capped: not valid JSON or not flagged"

finish
