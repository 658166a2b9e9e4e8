#!/usr/bin/env bash
# report_browser.sh — `brink report` in a real browser: every built-in scenario's report and a
# Gambit file's open from disk in headless Chromium (web/report-check.mjs, playwright-core):
# no console error, no network request, every chart drawn with marks, the tree SVG with the
# expected number of nodes, screenshots structurally like tests/data/report/screens.json.
# Each report must also stay under 5 MB. Skips (exit 77) only when Chromium, node or the npm
# packages of web/ are absent (scripts/deps.sh installs all three).
# M1 is reported once more with --samples, --compare and --sensitivity (the Monte Carlo
# section's charts); the six-party report has the forecast's charts and M6 the tournament's.
# After a deliberate change of the pictures: BRINK_UPDATE_SCREENS=1 ctest -R report_browser.
# M8 (29.5k nodes) is reported without its questions: they take the threshold engine minutes;
# the other scenarios cover every figure kind.
source "$(dirname "$0")/lib.bash"
CHROMIUM=${BRINK_CHROMIUM:-$(command -v chromium || true)}
[ -n "$CHROMIUM" ] || { echo "SKIP: chromium not installed (scripts/deps.sh installs it)"; exit 77; }
command -v node >/dev/null 2>&1 || { echo "SKIP: node not installed (scripts/deps.sh)"; exit 77; }
[ -d "$SRC/web/node_modules/playwright-core" ] || { echo "SKIP: web/node_modules missing (scripts/deps.sh runs npm ci in web/)"; exit 77; }

"$BRINK" scenarios --json >"$TMP/scenarios.json" || bad "brink scenarios --json"
python3 - "$TMP/scenarios.json" >"$TMP/list" <<'PY' || bad "scenario list"
import json, sys
for s in json.load(open(sys.argv[1])):
    print(s["id"], s["nodes"])
PY
echo "[" >"$TMP/manifest.json"
sep=""
while read -r id nodes; do
  args=()
  case "$id" in outside-options|m8-*) args=(--no-questions) ;; esac
  if "$BRINK" report "$id" "${args[@]}" -o "$TMP/$id.html" 2>"$TMP/err"; then ok; else bad "report $id: $(head -c 300 "$TMP/err")"; continue; fi
  size=$(stat -c %s "$TMP/$id.html")
  [ "$size" -lt 5000000 ] && ok || bad "report $id is $size bytes"
  printf '%s{"id":"%s","file":"%s","nodes":%s}\n' "$sep" "$id" "$TMP/$id.html" "$nodes" >>"$TMP/manifest.json"
  sep=","
done <"$TMP/list"
# M1 with a small Monte Carlo section (its outcome chart, the compared options and the
# sensitivity must be drawn too)
if "$BRINK" report korea-2018-summit --samples 100 --seed 3 --compare USA@demand --sensitivity \
     -o "$TMP/m1-mc.html" 2>"$TMP/err"; then ok; else bad "report m1 --samples: $(head -c 300 "$TMP/err")"; fi
nodes=$(awk '$1 == "korea-2018-summit" {print $2}' "$TMP/list")
printf ',{"id":"korea-2018-summit-montecarlo","file":"%s","nodes":%s}\n' "$TMP/m1-mc.html" "$nodes" >>"$TMP/manifest.json"
# a Gambit file (11 nodes)
if "$BRINK" report "$SRC/tests/data/games/poker.efg" -o "$TMP/poker.html" 2>"$TMP/err"; then ok; else bad "report poker.efg: $(cat "$TMP/err")"; fi
printf ',{"id":"gambit-poker","file":"%s","nodes":11}\n]\n' "$TMP/poker.html" >>"$TMP/manifest.json"

if BRINK_CHROMIUM="$CHROMIUM" node "$SRC/web/report-check.mjs" "$TMP/manifest.json" \
     "$SRC/tests/data/report/screens.json"; then ok; else bad "browser checks (above)"; fi
finish
