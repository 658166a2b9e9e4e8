#!/usr/bin/env bash
# located_messages.sh — an outside tester's findings (tester9) on messages: a game without
# perfect recall is reported at file:line:column of the node that shows it (the second node
# of the information set, as written); compare's --actor and --at naming different actors is
# a usage error; verify points at a stray separator and locates a negative probability;
# counts of one read in the singular; a Monte Carlo mean's interval stays within the values
# seen among the draws.
source "$(dirname "$0")/lib.bash"

# 1. no perfect recall: located at the later node of the offending information set, by every
# command that needs it (solve, verify, convert to the reduced strategic form)
R=data/recall
expect_status "absent-minded: solve refuses" 2 "$BRINK" solve $R/absent_minded.efg
expect_grep "absent-minded located (node 3, line 5)" "^$R/absent_minded\\.efg:5:1: error: the game lacks perfect recall \\(player 1 \\(A\\), information set 1 \"\": nodes 1 and 3 " "$TMP/stderr"
expect_status "forgetful: solve refuses" 2 "$BRINK" solve $R/forgetful.efg
expect_grep "forgetful located (node 5, line 7)" "^$R/forgetful\\.efg:7:1: error: the game lacks perfect recall .*nodes 2 and 5 " "$TMP/stderr"
expect_status "cross-player: solve refuses" 2 "$BRINK" solve $R/cross_player.efg
expect_grep "cross-player located (node 5, line 7)" "^$R/cross_player\\.efg:7:1: error: the game lacks perfect recall .*nodes 1 and 5 " "$TMP/stderr"
expect_status "verify refuses" 2 "$BRINK" verify $R/absent_minded.efg "1,0"
expect_grep "verify located" "^$R/absent_minded\\.efg:5:1: error: .*perfect recall" "$TMP/stderr"
expect_status "convert refuses" 2 "$BRINK" convert $R/forgetful.efg -o "$TMP/f.nfg"
expect_grep "convert located" "^$R/forgetful\\.efg:7:1: error: .*perfect recall" "$TMP/stderr"
# the game itself is readable: info reports it without an error
expect_status "info reads it" 0 "$BRINK" info $R/forgetful.efg

# 2. compare: --actor and --at must name the same actor
S=data/scenarios/brink1mc.yaml
expect_status "--actor Def --at Ch@start refused" 2 "$BRINK" compare $S --actor Def --at Ch@start --samples 10
expect_grep "the clash names both" "--actor Def and --at Ch@start name different actors" "$TMP/stderr"
expect_status "--actor Ch --at Ch@start accepted" 0 "$BRINK" compare $S --actor Ch --at Ch@start --samples 10
expect_grep "compares Ch's options" "^Options of Ch, at the start" "$TMP/stdout"

# 3. verify: a stray character is pointed at; a negative probability is located; 1 number
G=data/games/bos_flat.nfg
expect_status "semicolons refused" 2 "$BRINK" verify $G "1;0;1;0"
expect_grep "the ';' at column 2" "^PROFILE:1:2: error: ';' is neither a number nor a separator" "$TMP/stderr"
expect_status "negative refused" 2 "$BRINK" verify $G "2,-1,1,0"
expect_grep "the -1 at column 3" "^PROFILE:1:3: error: '-1' is negative" "$TMP/stderr"
printf '# two profiles\n1,0,1,0\n0, 1, 0,-1/2\n' > "$TMP/prof.txt"
expect_status "negative in a file refused" 2 "$BRINK" verify $G "$TMP/prof.txt"
expect_grep "located in the file" "prof\\.txt:3:9: error: '-1/2' is negative" "$TMP/stderr"
expect_status "one number" 2 "$BRINK" verify $G "1"
expect_grep "singular" "profile has 1 number; the game needs 4" "$TMP/stderr"
expect_status "three numbers" 2 "$BRINK" verify $G "1,0,1"
expect_grep "plural" "profile has 3 numbers; the game needs 4" "$TMP/stderr"
printf '# a comment, a good profile and a blank line first\n1,0,1,0\n\n1/2,1/2,1,1\n' > "$TMP/sum.txt"
expect_status "sum above 1 refused" 2 "$BRINK" verify $G "$TMP/sum.txt"
expect_grep "sum located at its line (4, not profile 2)" "sum\\.txt:4:1: error: player 2: probabilities sum to 2, not 1" "$TMP/stderr"
expect_status "a good profile still verifies" 0 "$BRINK" verify $G "1,0,1,0"

# 6. counts of one in the singular
"$BRINK" analyze data/scenarios/leaf_only.yaml >"$TMP/leaf.txt" 2>"$TMP/err"
expect_grep "1 node" "^Game: 1 actor \\(A\\), 1 node, 0 decision points, 0 chance moves" "$TMP/leaf.txt"
"$BRINK" compare $S --actor Def --samples 1 >"$TMP/c1.txt" 2>"$TMP/err"
expect_grep "1 draw (compare)" "\\(1 draw; the others reply" "$TMP/c1.txt"
grep -qE '\b1 (nodes|draws|regions|rows|runs)\b' "$TMP/leaf.txt" "$TMP/c1.txt" && bad "a plural after 1: $(grep -hE '\b1 (nodes|draws|regions|rows|runs)\b' "$TMP/leaf.txt" "$TMP/c1.txt" | head -2)" || ok

# 6. a mean's interval within the values seen: Ch's value is 0 or 1 in every draw, and the
# normal approximation alone went below 0 ([-0.06133, 0.4613] over 10 draws)
"$BRINK" montecarlo $S --samples 10 --json >"$TMP/mc.json" 2>"$TMP/err" || bad "montecarlo: $(cat "$TMP/err")"
"$BRINK" montecarlo $S --samples 10 --draws --json >"$TMP/mcd.json" 2>"$TMP/err" || bad "montecarlo --draws: $(cat "$TMP/err")"
"$BRINK" montecarlo $S --samples 10 >"$TMP/mc.txt" 2>"$TMP/err" || bad "montecarlo text: $(cat "$TMP/err")"
python3 - "$TMP/mc.json" "$TMP/mc.txt" <<'PY' && ok || bad "Monte Carlo value interval outside [0, 1] or text and JSON disagree"
import json, re, sys
d = json.load(open(sys.argv[1]))
ch = [v["estimate"] for v in d["values"] if v["actor"] == "Ch"][0]
assert ch["n"] == 10 and 0 < ch["mean"] < 1, ch
assert ch["lo"] >= 0 and ch["hi"] <= 1, ch            # the values are 0 or 1
assert ch["hi"] > ch["mean"] > ch["lo"] or ch["lo"] == 0, ch
m = re.search(r"^  Ch: \S+  \[(\S+), (\S+)\]", open(sys.argv[2]).read(), re.M)
assert m and float(m.group(1)) == round(ch["lo"], 4) or abs(float(m.group(1)) - ch["lo"]) < 1e-3, m
assert abs(float(m.group(2)) - ch["hi"]) < 1e-3 * max(1, ch["hi"]), (m.group(2), ch)
PY
finish
