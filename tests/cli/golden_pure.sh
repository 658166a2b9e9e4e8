# golden_pure.sh — textbook games with known pure equilibria and subgame-perfect equilibria,
# solved through the CLI (Gambit-style output), plus verify on hand-made profiles.
. "$(dirname "$0")/lib.bash"
D=$SRC/tests/data/golden

expect_output "PD: unique (Defect, Defect)" "NE,0,1,0,1" $BRINK solve $D/pd.nfg --method enumpure --gambit
expect_output "BoS: two pure equilibria" "NE,1,0,1,0
NE,0,1,0,1" $BRINK solve $D/bos.nfg --method enumpure --gambit
expect_output "matching pennies: no pure equilibrium" "" $BRINK solve $D/mp.nfg --method enumpure --gambit
expect_output "3-player coordination: (A,A,A) and (B,B,B)" "NE,1,0,1,0,1,0
NE,0,1,0,1,0,1" $BRINK solve $D/three.nfg --method enumpure --gambit
expect_output "centipede: take at every node" "NE,1,0,1,0,1,0,1,0" $BRINK solve $D/centipede.efg --method spe --gambit
expect_output "entry deterrence: SPE (In, Accommodate)" "NE,0,1,0,1" $BRINK solve $D/entry.efg --method spe --gambit
# Nash but not subgame perfect: (Out, Fight) appears among pure Nash equilibria of the tree.
expect_output "entry deterrence: pure Nash includes the incredible threat" "NE,1,0,1,0
NE,0,1,0,1" $BRINK solve $D/entry.efg --method enumpure --gambit
expect_status "spe refuses imperfect information" 2 $BRINK solve $D/bluff.efg --method spe
expect_grep "spe says why" "perfect information" "$TMP/stderr"

# verify: the BoS mixed equilibrium, exactly; and a non-equilibrium.
expect_status "BoS mixed equilibrium verifies" 0 $BRINK verify $D/bos.nfg "2/3,1/3,1/3,2/3"
expect_grep "verify says equilibrium" "a Nash equilibrium \(checked exactly\)" "$TMP/stdout"
expect_status "PD cooperation is not an equilibrium" 1 $BRINK verify $D/pd.nfg "NE,1,0,1,0"
expect_grep "verify says not" "NOT a Nash equilibrium" "$TMP/stdout"
expect_status "bluff game equilibrium (behaviour) verifies" 0 $BRINK verify $D/bluff.efg "1,0,1/3,2/3,2/3,1/3"
expect_grep "bluff value 1/3" "payoffs: 1/3 -1/3" "$TMP/stdout"
expect_status "bluff: always calling is exploitable" 1 $BRINK verify $D/bluff.efg "1,0,1/3,2/3,1,0"
expect_status "verify rejects wrong length" 2 $BRINK verify $D/pd.nfg "1,0,1"
expect_status "verify rejects a bad number" 2 $BRINK verify $D/pd.nfg "1,0,x,1"
expect_status "verify rejects probabilities not summing to 1" 2 $BRINK verify $D/pd.nfg "1/2,1/3,0,1"

# JSON output is well-formed (checked with python when present, else node).
$BRINK solve $D/bos.nfg --method enumpure --json > "$TMP/out.json"
if command -v python3 >/dev/null; then
  if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["profiles"])==2' "$TMP/out.json"; then ok; else bad "json parse"; fi
fi
# Mixed equilibrium of the bluffing game (derived by hand: Low bets 1/3, P2 calls 2/3, value 1/3)
# by the two sequence-form methods.
expect_output "bluff: seqlcp" "NE,1,0,1/3,2/3,2/3,1/3" $BRINK solve $D/bluff.efg --method seqlcp --gambit
expect_output "bluff: seqlp" "NE,1,0,1/3,2/3,2/3,1/3" $BRINK solve $D/bluff.efg --method seqlp --gambit
expect_status "pure search finds none" 0 $BRINK solve $D/bluff.efg --method enumpure
expect_grep "and says none exists" "None exists" "$TMP/stdout"

# A type with zero prior: sequential equilibrium is defined without it, and brink completes
# the assessment "as if nature trembled": a resolute DPRK would demand and cancel when refused
# (cancel 0 > back down -1; demanding then gets 0 > -1), the US holds firm against the bluffer.
expect_output "zero prior: sequential completes the cut-off type" "NE,0,1,1,0,1,0,1,0,0,1" \
  $BRINK solve $D/zero_prior.efg --method sequential --gambit

# Reduced strategic form: a player who takes at the first node chooses nothing later.
expect_status "centipede reduced form" 0 $BRINK convert $D/centipede.efg -o "$TMP/c.nfg"
expect_grep "three reduced strategies each" '\{ "take,\*" "pass,take" "pass,pass" \}' "$TMP/c.nfg"

# A continuum of equilibria: two extreme equilibria spanning one convex set.
expect_status "segment: enummixed" 0 $BRINK solve $D/segment.nfg --method enummixed
expect_grep "reports the convex set" "every mixture of equilibria 1 and 2 is an equilibrium" "$TMP/stdout"
if command -v python3 >/dev/null; then
  expect_output "segment: convex sets in JSON" "[[0, 1]]" sh -c "$BRINK solve $D/segment.nfg --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"convex_sets\"])'"
fi
# The default method for a 2-player strategic game enumerates all equilibria (BoS: 3).
expect_output "BoS default method finds all three" "NE,0,1,0,1
NE,1,0,1,0
NE,2/3,1/3,1/3,2/3" sh -c "$BRINK solve $D/bos.nfg --gambit | LC_ALL=C sort"

# Tree picture: DOT with the information set drawn as a dashed link.
expect_status "convert to dot" 0 $BRINK convert $D/bluff.efg -o "$TMP/t.dot"
expect_grep "dot has a digraph" "^digraph game" "$TMP/t.dot"
expect_grep "dot links the information set" "style=dashed" "$TMP/t.dot"
expect_status "no tree for a strategic game" 2 $BRINK convert $D/pd.nfg -o "$TMP/t.dot"
# The equilibrium drawn on the tree: the bluff with Low is bet with probability 1/3.
expect_status "solve --dot" 0 $BRINK solve $D/bluff.efg --method seqlcp --dot "$TMP/eq.dot"
expect_grep "equilibrium probabilities on the edges" 'label="Bet \[0.333\]"' "$TMP/eq.dot"
expect_status "--dot refuses a strategic game" 2 $BRINK solve $D/pd.nfg --dot "$TMP/eq.dot"
finish
