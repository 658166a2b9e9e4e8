# time_limit_claims.sh — a method cut short by --time-limit claims nothing (tester 10, F1):
# enummixed stopped while checking its profiles used to leave its "complete" flag and the
# profiles checked so far, so M6 at a point with 3 equilibria read "One equilibrium, unique"
# (JSON complete: true) and Monte Carlo counted such draws "unique (proved)". Timing decides
# whether the limit is reached; whenever it is, the claims must be the weaker ones.
. "$(dirname "$0")/lib.bash"
AT=(--set p_sincere=0.05956020649388557 --set q_verify=0.7198893470675615)
py() { python3 -c "import json, sys; d = json.load(open('$TMP/stdout')); $1"; }

expect_status "M6 at a point, no limit" 0 "$BRINK" analyze M6 --no-questions "${AT[@]}" --json
if py 'assert d["method"]["complete"] is True'
then ok; else bad "M6 without a limit: complete expected"; fi
for i in 1 2 3; do
  expect_status "M6 at a point, --time-limit 0.001 ($i)" 0 "$BRINK" analyze M6 --no-questions "${AT[@]}" --time-limit 0.001
  if grep -q "reached while checking the profiles found" "$TMP/stdout"; then
    if grep -qE "^One equilibrium, unique|search: every extreme equilibrium" "$TMP/stdout"; then
      bad "a method cut by the time limit still claims its search or uniqueness"
    else ok; fi
  else ok; fi
done
expect_status "montecarlo M6 --time-limit 0.001" 0 "$BRINK" montecarlo M6 --samples 12 --seed 1 --threads 1 --time-limit 0.001 --json
if py 'u = d["unique"]["k"]; assert u == 0, u'; then ok; else bad "a draw cut by the time limit counted unique (proved)"; fi
# every draw is either solved in full (several equilibria, as without the limit) or counted
# as a list not proved complete: nothing in between, whatever the machine's speed
if py 'assert d["several"]["k"] + d["incomplete"] == 12, (d["several"], d["incomplete"])'
then ok; else bad "a draw cut by the time limit is neither complete nor flagged incomplete"; fi
finish
