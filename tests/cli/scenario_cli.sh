#!/usr/bin/env bash
# scenario_cli.sh — `brink scenarios`, `show`, `compile`, `analyze` end to end on the
# built-in library: listing, printing, exporting a game Gambit can read back, the text and
# JSON reports, --set, and usage errors.
source "$(dirname "$0")/lib.bash"

# the library: one scenario per mechanism M1..M8
"$BRINK" scenarios >"$TMP/list" 2>&1
expect_grep "scenarios lists M1" "^M1 +korea-2018-summit" "$TMP/list"
for m in M1 M2 M3 M4 M5 M6 M7 M8; do expect_grep "scenarios lists $m" "^$m " "$TMP/list"; done
"$BRINK" scenarios --json >"$TMP/list.json"
expect_grep "scenarios --json" '"id":"libya-commitment"' "$TMP/list.json"

# show prints the embedded YAML, byte for byte
"$BRINK" show m5 >"$TMP/m5.yaml"
if cmp -s "$TMP/m5.yaml" "$SRC/scenarios/m5-libya-commitment.yaml"; then ok; else bad "show m5 differs from the source"; fi
expect_status "show unknown" 2 "$BRINK" show no-such-scenario
expect_status "show by id" 0 "$BRINK" show korea-2018-summit

# compile: a Gambit .efg that brink reads back
expect_status "compile m1" 0 "$BRINK" compile m1 -o "$TMP/m1.efg"
"$BRINK" info "$TMP/m1.efg" >"$TMP/info" 2>&1
expect_grep "compiled game players" "Players: +2" "$TMP/info"
expect_grep "compiled game recall" "Perfect recall: +yes" "$TMP/info"
expect_grep "compiled file header" '^EFG 2 R "Summit brinkmanship, May 2018" \{ "USA" "DPRK" \}' "$TMP/m1.efg"
expect_grep "type prior as chance" '"type of DPRK" \{ "resolute" 3/10 "bluffing" 7/10 \}' "$TMP/m1.efg"
# --set re-binds the numbers, not the structure
"$BRINK" compile m1 --set p_resolute=2/5 -o "$TMP/m1b.efg"
expect_grep "compile --set" '"resolute" 2/5 "bluffing" 3/5' "$TMP/m1b.efg"
expect_status "compile --set unknown parameter" 2 "$BRINK" compile m1 --set nope=1
expect_status "compile --set outside range" 2 "$BRINK" compile m1 --set p_resolute=3/2

# analyze: text
"$BRINK" analyze m5 >"$TMP/m5.txt" 2>&1
expect_grep "m5 equilibrium" "DPRK, at the start: freeze" "$TMP/m5.txt"
expect_grep "m5 threshold" "flips at reputation_cost = 5 exactly" "$TMP/m5.txt"
expect_grep "m5 provenance" "seeds/004_1d97428a15f8680b.txt" "$TMP/m5.txt"
"$BRINK" analyze m1 >"$TMP/m1.txt" 2>&1
expect_grep "m1 threshold" "flips at p_resolute = 1/2 exactly" "$TMP/m1.txt"
expect_grep "m1 beliefs" "believes: DPRK is resolute 30%; DPRK is bluffing 70%" "$TMP/m1.txt"
# a parameter changed on the command line moves the answer to the other side of 1/2
"$BRINK" analyze m1 --set p_resolute=0.6 --no-questions >"$TMP/m1c.txt" 2>&1
expect_grep "m1 --set concede" "USA, after DPRK demand: concede" "$TMP/m1c.txt"

# the threshold cases handed in with issue 8: right answers, with certificates, in text
"$BRINK" analyze "$SRC/tests/data/thresholds/threshold-false-exact.yaml" >"$TMP/tfe.txt" 2>&1
expect_grep "false-exact flip" "it flips at p = 49/90 exactly" "$TMP/tfe.txt"
expect_grep "false-exact certificate" "gains g.p. = .9 p - 49/10. by accept instead of war" "$TMP/tfe.txt"
grep -q "37/68" "$TMP/tfe.txt" && bad "false-exact: 37/68 printed" || ok
"$BRINK" analyze "$SRC/tests/data/thresholds/threshold-missed.yaml" >"$TMP/tm.txt" 2>&1
expect_grep "missed: first flip" "it flips at t = 49/100 exactly" "$TMP/tm.txt"
expect_grep "missed: second flip" "it flips at t = 51/100 exactly" "$TMP/tm.txt"
expect_grep "missed: default" 'at the default t = 1/2: "mid"' "$TMP/tm.txt"
"$BRINK" analyze "$SRC/tests/data/thresholds/threshold-default.yaml" >"$TMP/td.txt" 2>&1
expect_grep "default: flips" "it flips at t = 7/10 exactly" "$TMP/td.txt"
expect_grep "default: answer" 'at the default t = 9/10: "o3"' "$TMP/td.txt"

# a range beyond double range stays exact (was [0, 0] and a wrong answer)
"$BRINK" analyze "$SRC/tests/data/thresholds/threshold-range-1e400.yaml" >"$TMP/tr.txt" 2>&1
expect_grep "1e400 range: flip" "it flips at q = 2 exactly" "$TMP/tr.txt"
expect_grep "1e400 range: shown exactly" "q over \\[0, 1e\\+400\\]" "$TMP/tr.txt"

# analyze: JSON parses and carries the answer
"$BRINK" analyze m4 --json >"$TMP/m4.json"
if command -v python3 >/dev/null 2>&1; then
  python3 - "$TMP/m4.json" <<'PY' && ok || bad "m4 JSON content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["id"] == "deterrence-last-resort"
assert d["method"]["name"] == "spe"
flips = {a["id"]: a["threshold"]["flips"] for a in d["answers"] if a["kind"] == "threshold"}
f = flips["last_resort"][0]
assert f["at"]["exact"] == "9/10" and f["exact"] and f["certified"], flips
assert f["certificate"]["sign_below"] == -1 and f["certificate"]["sign_above"] == 1, f
assert flips["credible_retaliation"][0]["at"]["exact"] == "10", flips
PY
else
  expect_grep "m4 JSON" '"exact":"9/10"' "$TMP/m4.json"
fi

# a scenario file given by path; several at once
expect_status "analyze file" 0 "$BRINK" analyze "$SRC/scenarios/m3-leader-private-stake.yaml" --no-questions
expect_status "analyze two" 0 "$BRINK" analyze m5 m7 --no-questions

# usage errors
expect_status "analyze unknown option" 2 "$BRINK" analyze --frobnicate
expect_status "analyze missing scenario" 2 "$BRINK" analyze no-such-file.yaml
expect_status "analyze unknown method" 2 "$BRINK" analyze m1 --method nosuch
expect_status "compile nothing" 2 "$BRINK" compile

finish
