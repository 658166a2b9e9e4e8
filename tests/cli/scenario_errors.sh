#!/usr/bin/env bash
# scenario_errors.sh — bad scenarios give precise errors: every file under
# data/scenarios/bad/ must be refused by `brink compile` (exit 2) with exactly the message in
# its .err golden file ("file:line:col: error: ..."), and by `brink analyze` too.
# To regenerate a golden after an intended wording change:
#   (cd tests && ../build/brink compile data/scenarios/bad/X.yaml 2> data/scenarios/bad/X.err)
source "$(dirname "$0")/lib.bash"

n=0
for f in data/scenarios/bad/*.yaml; do
  golden=${f%.yaml}.err
  if [ ! -f "$golden" ]; then bad "$f has no golden $golden"; continue; fi
  "$BRINK" compile "$f" -o "$TMP/out.efg" >"$TMP/stdout" 2>"$TMP/stderr"
  rc=$?
  if [ "$rc" = 2 ]; then ok; else bad "$f: exit $rc, want 2"; fi
  if cmp -s "$TMP/stderr" "$golden"; then ok; else bad "$f: got [$(cat "$TMP/stderr")] want [$(cat "$golden")]"; fi
  # every message names the file, a line and a column
  if grep -qE "^$f:[0-9]+:[0-9]+: error: " "$TMP/stderr"; then ok; else bad "$f: no file:line:col"; fi
  expect_status "analyze $f" 2 "$BRINK" analyze "$f"
  n=$((n + 1))
done
[ "$n" -ge 15 ] && ok || bad "only $n bad scenarios found"

# the two size guards answer quickly (they measure, they do not build)
start=$(date +%s)
"$BRINK" compile data/scenarios/bad/blowup.yaml -o "$TMP/x.efg" 2>/dev/null
"$BRINK" compile data/scenarios/bad/yaml_bomb.yaml -o "$TMP/x.efg" 2>/dev/null
end=$(date +%s)
[ $((end - start)) -lt 20 ] && ok || bad "size guards took $((end - start)) s"

finish
