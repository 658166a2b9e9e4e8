# montecarlo_incomplete.sh — a draw whose list of equilibria is not complete (backward
# induction found more distinct plays of subgame-perfect equilibria than the analysis
# examines) is counted as such: its outcome and watched choice are those of the equilibria
# found, and the text and JSON say in how many draws other equilibria are not ruled out. A
# complete list (M1: every extreme equilibrium; tie-flood: 2 plays, however many profiles
# the ties off the path make) is not flagged.
. "$(dirname "$0")/lib.bash"
S=$SRC/tests/data/montecarlo/play-flood.yaml
ARGS=(montecarlo "$S" --samples 4 --seed 1 --threads 1)
py() { python3 -c "import json, sys; d = json.load(open('$TMP/stdout')); $1"; }

expect_status "run" 0 "$BRINK" "${ARGS[@]}"
expect_grep "lists not proved complete counted" "^  Lists not proved complete: 4 draws " "$TMP/stdout"
expect_grep "the watched choice says so" \
  "^    x: 100%  \[.*\]  \(4 of 4\); in 4 of them other equilibria are not ruled out$" "$TMP/stdout"
expect_grep "the outcome says so" \
  "^  deal=x: 100% .*; in 4 of them other equilibria are not ruled out$" "$TMP/stdout"
expect_status "run --json" 0 "$BRINK" "${ARGS[@]}" --json
if py 'assert d["incomplete"] == 4, d["incomplete"]; w = d["watched"][0]; assert [a["incomplete"] for a in w["actions"]] == [4, 0], w; assert w["mixed_incomplete"] == 0; assert [o["incomplete"] for o in d["outcomes"]] == [0, 4, 0], d["outcomes"]'
then ok; else bad "JSON incomplete counts"; fi
expect_schema "JSON follows the schema" "$TMP/stdout" brink-montecarlo
# M1's draws: every extreme equilibrium listed (several, some rejected): complete
expect_status "M1" 0 "$BRINK" montecarlo M1 --samples 50 --seed 2 --threads 1 --json
if py 'assert d["incomplete"] == 0, d["incomplete"]'; then ok; else bad "M1's complete lists flagged"; fi
# backward induction counts the plays beyond those examined instead of listing them
# (max_list): the count is still reported, with every profile over them (2^127: 128 plays,
# 120 decisions off the path of each)
expect_status "analyze" 0 "$BRINK" analyze "$S" --no-questions
tr '\n' ' ' < "$TMP/stdout" | sed 's/  */ /g' > "$TMP/words"
expect_grep "128 found, 64 examined" "128 plays found, only the first examined \(170141183460469231731687303715884105728 subgame-perfect profiles\)" "$TMP/words"
expect_grep "64 kept" "64 distinct equilibria" "$TMP/words"
# tie-flood: 2^8 ties off the path (2^255 profiles of each play: the 255 decisions after
# "bad", which A never plays) beside a tie on the path (x or y): the two plays are every
# subgame-perfect play, so the draws are complete, and the watched choice is ambiguous
# (both x and y are equilibrium choices) where before, with 64 of the profiles examined (all
# x), it was x with other equilibria not ruled out
T=$SRC/tests/data/montecarlo/tie-flood.yaml
expect_status "tie-flood" 0 "$BRINK" montecarlo "$T" --samples 4 --seed 1 --threads 1 --json
if py 'assert d["incomplete"] == 0, d["incomplete"]; w = d["watched"][0]; assert [a["played"]["k"] for a in w["actions"]] == [0, 0] and w["ambiguous"]["k"] == 4, w'
then ok; else bad "tie-flood: complete lists, the choice x or y"; fi
expect_status "tie-flood analyze" 0 "$BRINK" analyze "$T" --no-questions --json
if py 'm = d["method"]; assert m["complete"] and m["by_play"] and not m["truncated"], m; assert m["found"] == 2; assert m["profiles"] == str(2 * 2**255), m["profiles"]; assert [e["profiles"] for e in d["equilibria"]] == [str(2**255)] * 2'
then ok; else bad "tie-flood: 2 plays of 2^255 profiles each"; fi
expect_schema "tie-flood JSON follows the schema" "$TMP/stdout" brink-analysis
finish
