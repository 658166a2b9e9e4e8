# error_files.sh — an error about a command's input names the input (tester's issue 11):
# README's `file: error:` convention holds for errors that the library raises without a place
# (a Sobol run with nothing drawn, a double-only method on payoffs beyond the doubles), and an
# error about a results database names the database, not inside its message.
. "$(dirname "$0")/lib.bash"

expect_status "montecarlo --sobol with nothing drawn" 2 "$BRINK" montecarlo m5 --sobol 10
expect_grep "sobol: names the scenario's file" \
  "^scenarios/m5-libya-commitment\.yaml: error: Sobol indices: no parameter declares a distribution" "$TMP/stderr"
G=data/numerics/efg_payoff_1e400_lemke_hang.efg
expect_status "cfr on payoffs beyond the doubles" 2 "$BRINK" solve $G --method cfr
expect_grep "cfr: names the game's file" "^$G: error: method cfr computes in double precision" "$TMP/stderr"
# a scenario's own errors keep their line and column
S=$SRC/tests/data/montecarlo/every-draw-fails.yaml
expect_status "every draw fails" 2 "$BRINK" montecarlo $S --samples 3
expect_grep "every draw fails: located" "^$S:[0-9]+:[0-9]+: error: no draw was solved" "$TMP/stderr"
# a results database's errors name the database as the file
printf 'not a database, just text that is long enough to be looked at by SQLite......\n' >"$TMP/junk.db"
expect_status "junk database" 2 "$BRINK" montecarlo m1 --samples 3 --db "$TMP/junk.db"
expect_grep "junk database: the file" "^$TMP/junk\.db: error: not a brink results database" "$TMP/stderr"
if grep -q "^error:" "$TMP/stderr"; then bad "an error without its file"; else ok; fi
finish
