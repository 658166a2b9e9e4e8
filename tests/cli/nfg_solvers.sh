# nfg_solvers.sh — the strategic-form methods through `brink solve`: all three equilibria of
# battle of the sexes exactly (enummixed, lcp --all, --exact), one with --one, the zero-sum LP
# and its refusal of general-sum games, logit QRE points and paths, simpdiv on a 3-player
# game, JSON output, and methods refusing games they do not apply to.
. "$(dirname "$0")/lib.bash"
D=$SRC/tests/data/games
B=$D/bos.nfg

expect_status "enummixed on BoS" 0 $BRINK solve $B --method enummixed
expect_grep "enummixed: three equilibria" "Found 3 profiles" "$TMP/stdout"
expect_grep "enummixed: the mixed one exactly" "Opera=3/5 Football=2/5" "$TMP/stdout"
expect_grep "enummixed: complete" "complete" "$TMP/stdout"
expect_status "enummixed JSON" 0 $BRINK solve $B --method enummixed --json
expect_grep "enummixed JSON components" '"components":3' "$TMP/stdout"

expect_status "lcp --all on BoS" 0 $BRINK solve $B --method lcp --all
expect_grep "lcp reaches all three" "Found 3 profiles" "$TMP/stdout"
expect_status "lcp --one" 0 $BRINK solve $B --method lcp --one
expect_grep "lcp --one gives one" "Found 1 profile" "$TMP/stdout"
expect_grep "lcp --one verified" "verified exactly" "$TMP/stdout"
expect_status "lcp --exact" 0 $BRINK solve $B --method lcp --exact
expect_grep "lcp --exact: the mixed one" "Opera=2/5 Football=3/5" "$TMP/stdout"

expect_status "lp on matching pennies" 0 $BRINK solve $D/matching_pennies.nfg --method lp
expect_grep "lp: value 0 at 1/2" "Heads=1/2 Tails=1/2" "$TMP/stdout"
expect_status "lp refuses general-sum games" 2 $BRINK solve $B --method lp
expect_grep "lp says why" "constant-sum" "$TMP/stderr"

expect_status "logit at lambda 1" 0 $BRINK solve $B --method logit --lambda 1
expect_grep "logit reports the QRE point" "lambda = 1" "$TMP/stdout"
expect_status "logit path" 0 $BRINK solve $B --method logit --path
expect_grep "logit path has points" "QRE point 3" "$TMP/stdout"
expect_status "logit limit" 0 $BRINK solve $D/three_player.nfg --method logit
expect_grep "logit limit verified" "verified exactly" "$TMP/stdout"

expect_status "simpdiv on 3 players" 0 $BRINK solve $D/three_player.nfg --method simpdiv
expect_grep "simpdiv verified" "verified exactly" "$TMP/stdout"
# the Govindan-Wilson methods on 3 players: gnm's path crosses both pure equilibria
expect_status "gnm on 3 players" 0 $BRINK solve $D/three_player.nfg --method gnm
expect_grep "gnm: several on its path" "Equilibrium 3 " "$TMP/stdout"
expect_grep "gnm: pure (2,3,2)" "P1=7 P2=7 P3=7" "$TMP/stdout"
expect_status "gnm with a seed" 0 $BRINK solve $D/three_player.nfg --method gnm --seed 5
expect_grep "gnm with a seed verified" "verified exactly" "$TMP/stdout"
expect_status "gnm out of budget" 0 $BRINK solve $D/three_player.nfg --method gnm --iterations 2
expect_grep "gnm: the fallback said" "the profile is simpdiv's" "$TMP/stdout"
expect_status "ipa on 3 players" 0 $BRINK solve $D/three_player.nfg --method ipa
expect_grep "ipa verified" "verified exactly" "$TMP/stdout"
expect_status "gnm listed" 0 $BRINK solve --list
expect_grep "gnm in the list" "global Newton" "$TMP/stdout"
expect_grep "ipa in the list" "iterated polymatrix" "$TMP/stdout"

expect_status "enummixed refuses 3 players" 2 $BRINK solve $D/three_player.nfg --method enummixed
expect_grep "enummixed says why" "2-player" "$TMP/stderr"
expect_status "lcp refuses 3 players" 2 $BRINK solve $D/three_player.nfg --method lcp
finish
