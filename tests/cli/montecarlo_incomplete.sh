# montecarlo_incomplete.sh — a draw whose list of equilibria is not complete (backward
# induction listed more subgame-perfect equilibria than the analysis examines) is counted as
# such: its outcome and watched choice are those of the equilibria found, and the text and
# JSON say in how many draws other equilibria are not ruled out. A complete list (M1: every
# extreme equilibrium) is not flagged.
. "$(dirname "$0")/lib.bash"
S=$SRC/tests/data/montecarlo/tie-flood.yaml
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
# backward induction counts the profiles beyond those examined instead of listing them
# (max_list): the count is still reported
expect_status "analyze" 0 "$BRINK" analyze "$S" --no-questions
expect_grep "1024 found, 64 examined" "1024 profiles found \(only the first examined\)" "$TMP/stdout"
expect_grep "64 kept" "64 distinct equilibria" "$TMP/stdout"
finish
