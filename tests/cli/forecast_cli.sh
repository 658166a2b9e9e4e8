#!/usr/bin/env bash
# forecast_cli.sh — `brink forecast`: the EMU example's starting figures in the text report,
# the same run from the CSV file and from the built-in data, JSON of both models (and of a
# Monte Carlo, with inputs drawn from declared distributions) against
# schema/brink-forecast.schema.json, and located errors for bad files
# (exit status 2, "file:line:col: error: ..."). The schema part needs python3 with jsonschema.
source "$(dirname "$0")/lib.bash"
D="$SRC/tests/data/forecast"

"$BRINK" forecast "$D/good/emu.csv" >"$TMP/emu.txt" 2>"$TMP/err" && ok || bad "forecast emu.csv: $(cat "$TMP/err")"
# Round 0: weighted median 7, weighted mean 5.003/0.677 = 7.3900 (Table 1 of Scholz et al.).
expect_grep "emu round 0" '^ +0 +7\.0000 +7\.3900 ' "$TMP/emu.txt"
expect_grep "emu round 1 mean (Masad's replication: 7.4445)" '^ +1 +10\.0000 +7\.4445 ' "$TMP/emu.txt"
expect_grep "emu offers" 'Luxembourg loses a conflict to France' "$TMP/emu.txt"
expect_grep "emu plot" 'plot \(\* weighted median' "$TMP/emu.txt"
# Every round's positions under Scholz et al.'s program's rules (docs/forecast.md): J. Velev's
# reimplementation puts Belgium at 8.4159 and Ireland at 4 after round 1, Belgium at 4.8009
# after round 4 (tests/unit/test_forecast_rounds.c checks all rounds to 1e-9).
"$BRINK" forecast emu --rules scholz-code >"$TMP/code.txt" 2>"$TMP/err" && ok || bad "--rules scholz-code: $(cat "$TMP/err")"
expect_grep "scholz-code round 1" '^ +1 +8\.4159 +7\.4613 +4\.0000 +8\.4159 +7\.0000 +4\.0000 +10\.0000 +10\.0000 +10\.0000 +4\.0000 +4\.0000 +7\.0000$' "$TMP/code.txt"
expect_grep "scholz-code round 4" '^ +4 +9\.9620 +7\.3581 +4\.0000 +4\.8009 ' "$TMP/code.txt"
expect_grep "names never cut" ' Netherlands ' "$TMP/code.txt"
expect_status "bad rules" 2 "$BRINK" forecast emu --rules paper
"$BRINK" forecast emu >"$TMP/emu2.txt" 2>&1
# Same data, same run; only the file name differs nowhere in the text.
cmp -s "$TMP/emu.txt" "$TMP/emu2.txt" && ok || bad "built-in emu differs from tests/data/forecast/good/emu.csv"
expect_output "list" "$(printf 'emu\nsix-party-talks')" "$BRINK" forecast --list
# The scenario's forecast section: denuclearisation settles on South Korea's position, 45.
"$BRINK" forecast six-party-talks --rounds 30 >"$TMP/six.txt" 2>"$TMP/err" && ok || bad "six-party-talks: $(cat "$TMP/err")"
expect_grep "six-party converges" 'converged: no position moved in round' "$TMP/six.txt"
expect_grep "six-party cycle" 'oscillates: round [0-9]+ repeats round [0-9]+ \(a cycle of period 2' "$TMP/six.txt"
# `brink analyze` shows the forecast's summary under the game's analysis.
"$BRINK" analyze six-party-talks --no-questions >"$TMP/an.txt" 2>"$TMP/err" && ok || bad "analyze: $(cat "$TMP/err")"
expect_grep "analyze: forecast" '^Forecast \(expected-utility model, 30 rounds' "$TMP/an.txt"
expect_grep "analyze: denuclearisation" 'denuclearisation: weighted median 45, .* \(converged in round [0-9]+\)' "$TMP/an.txt"
expect_status "scenario without forecast" 2 "$BRINK" forecast korea-2018-summit
expect_grep "no forecast section" "has no 'forecast:' section" "$TMP/stderr"
# Bad forecast sections (also refused by `brink compile`: scenario_errors.sh): the same
# located message from `brink forecast`.
for f in data/scenarios/bad/forecast_*.yaml; do
  expect_status "$f" 2 "$BRINK" forecast "$f"
  cmp -s "$TMP/stderr" "${f%.yaml}.err" && ok || bad "$f: got [$(cat "$TMP/stderr")] want [$(cat "${f%.yaml}.err")]"
done

expect_status "bad number" 2 "$BRINK" forecast "$D/bad/not-a-number.csv"
expect_grep "bad number located" 'not-a-number\.csv:3:10: error: .abc. is not a number' "$TMP/stderr"
# a tester's cases: 1e400 is a number beyond double range, not "not a number" (and 1e-400 one
# too close to 0)
expect_status "capability 1e400" 2 "$BRINK" forecast "$D/bad/capability-1e400.csv"
expect_grep "1e400 located, beyond range" "capability-1e400\.csv:3:3: error: '1e400' is beyond the range of doubles \(about 1\.8e308" "$TMP/stderr"
expect_status "capability 1e-400" 2 "$BRINK" forecast "$D/bad/capability-1e-400.csv"
expect_grep "1e-400 located, too close to 0" "capability-1e-400\.csv:3:3: error: '1e-400' is nonzero but too close to 0 for a double" "$TMP/stderr"
expect_status "bad salience" 2 "$BRINK" forecast "$D/bad/salience.csv"
expect_grep "bad salience located" 'salience\.csv:4:13: error: salience 180' "$TMP/stderr"
expect_status "short row" 2 "$BRINK" forecast "$D/bad/short-row.csv"
expect_grep "short row located" 'short-row\.csv:3:12: error: 3 fields, the header has 4' "$TMP/stderr"
# a tester's cases: a capability of 1e308 made the mean nan and the median wrong (exit 0);
# saliences all 0 made both nan
expect_status "huge capability" 2 "$BRINK" forecast "$D/bad/capability-1e308.csv"
expect_grep "huge capability located" 'capability-1e308\.csv:2:3: error: capability 1e\+308 is above 1e12' "$TMP/stderr"
expect_status "no salience" 2 "$BRINK" forecast "$D/bad/no-salience.csv"
expect_grep "no salience located" "no-salience\\.csv:1:1: error: issue 1: no actor has both capability and salience" "$TMP/stderr"
# a tester's cases: bytes that are not UTF-8 were printed as they came; "José" with a
# precomposed é and with e + U+0301 were two actors that print alike
expect_status "not UTF-8" 2 "$BRINK" forecast "$D/bad/not-utf8.csv"
expect_grep "not UTF-8 located" 'not-utf8\.csv:2:2: error: byte 0xFF is not valid UTF-8' "$TMP/stderr"
expect_status "canonically equal names" 2 "$BRINK" forecast "$D/bad/nfc-duplicate.csv"
expect_grep "canonically equal names located" "nfc-duplicate\.csv:4:1: error: actor 'Jose.*' is listed twice \(first on line 2, written with other but equivalent Unicode characters\)" "$TMP/stderr"
expect_status "missing file" 2 "$BRINK" forecast "$TMP/none.csv"
expect_status "unknown option" 2 "$BRINK" forecast emu --bogus
expect_status "bad model" 2 "$BRINK" forecast emu --model war
expect_status "bad rounds" 2 "$BRINK" forecast emu --rounds 0
expect_status "bad q" 2 "$BRINK" forecast emu --q 2

"$BRINK" forecast six-party-talks --mc 50 --above 50 --pos-noise 0.05 >"$TMP/mc.txt" 2>"$TMP/err" && ok || bad "six-party-talks --mc: $(cat "$TMP/err")"
expect_grep "mc summary" "P\(settlement > 50\) = [01]\.[0-9]{4} \([0-9]+ of 50 runs; 95% Wilson interval \[" "$TMP/mc.txt"
expect_grep "mc noise where asked" "^Noise on the other inputs: positions \+ N\(0, \(0\.05 x" "$TMP/mc.txt"
# The six-party forecast's judgments declare distributions (scenarios/m7b-six-party-talks.yaml):
# without noise options only they vary; the default threshold is the scale midpoint, 50.
"$BRINK" forecast six-party-talks --mc 400 --threads 1 >"$TMP/mc1.txt" 2>"$TMP/err" && ok || bad "six-party --mc: $(cat "$TMP/err")"
"$BRINK" forecast six-party-talks --mc 400 --threads 2 >"$TMP/mc2.txt" 2>&1
cmp -s "$TMP/mc1.txt" "$TMP/mc2.txt" && ok || bad "--threads 1 and 2 differ"
expect_grep "six-party drawn" "^Drawn from declared distributions \(7 inputs\)" "$TMP/mc1.txt"
expect_grep "six-party drawn CHN" "^  CHN's position on 'sanctions relief' ~ triangular\(55, 75, 90\) \(central value 75\)" "$TMP/mc1.txt"
expect_grep "six-party no noise" "^No noise on the other inputs" "$TMP/mc1.txt"
expect_grep "six-party P(denuclearisation > 50)" "^      P\(settlement > 50\) = " "$TMP/mc1.txt"

# Exact ties (tester 10b, F2; docs/forecast.md, step 7): expected utilities that are exactly 0
# in rational arithmetic decide nothing by their round-off. ties-lost.csv: a4 stays at 30.7559
# in rounds 2-3 (round-off had it lose to a0 and move to 46); ties-offer.csv: a0 sends a1 no
# offer in round 2 (E = 0), a1 stays at 87, final mean 85 (was 83 and 84.2857).
"$BRINK" forecast "$D/good/ties-lost.csv" --no-risk --rounds 3 >"$TMP/tl.txt" 2>"$TMP/err" && ok || bad "ties-lost: $(cat "$TMP/err")"
expect_grep "ties-lost round 2" '^ +2 +46\.0000 +45\.2564 +46\.0000 +46\.0000 +46\.0000 +46\.0000 +30\.7559$' "$TMP/tl.txt"
expect_grep "ties-lost round 3" '^ +3 +46\.0000 +45\.2564 .* 30\.7559$' "$TMP/tl.txt"
grep -q "round 2, 'issue 1': a4 loses a conflict" "$TMP/tl.txt" && bad "ties-lost: a4 loses a conflict on round-off" || ok
"$BRINK" forecast "$D/good/ties-lost.csv" --no-risk --rounds 3 --json >"$TMP/tl.json" 2>"$TMP/err" && ok || bad "ties-lost --json: $(cat "$TMP/err")"
expect_grep "ties-lost: E_t recorded as 0" '"round":2,"issue":0,"from":0,"to":4,"eu_from":0\.29893[0-9]*,"eu_to":0,"accepted":true,"kind":"compromise"' "$TMP/tl.json"
"$BRINK" forecast "$D/good/ties-offer.csv" --no-risk --rounds 3 >"$TMP/to.txt" 2>"$TMP/err" && ok || bad "ties-offer: $(cat "$TMP/err")"
expect_grep "ties-offer round 2" '^ +2 +83\.0000 +85\.0000 +83\.0000 +87\.0000 +87\.0000 +83\.0000$' "$TMP/to.txt"
grep -q "a1 gives in to a0" "$TMP/to.txt" && bad "ties-offer: a1 gives in (capitulates) on round-off" || ok
# One salience above 1 makes its column percent (tester 10b, F7): the output says so, and
# warns that the column's other saliences look like fractions; the JSON marks the issue.
"$BRINK" forecast "$D/good/salience-percent-typo.csv" --rounds 1 >"$TMP/sp.txt" 2>"$TMP/err" && ok || bad "percent typo: $(cat "$TMP/err")"
expect_grep "percent note" "^  Note: the saliences of issue 'issue 1' were read as percent and divided by 100, because one is above 1 \(C: 1\.5\);$" "$TMP/sp.txt"
expect_grep "percent warning" "^  2 others of at most 1 became at most 0\.01: if the column is meant as fractions \(0 to 1\), correct the value of C\.$" "$TMP/sp.txt"
"$BRINK" forecast "$D/good/salience-percent-typo.csv" --rounds 1 --json >"$TMP/sp.json" 2>"$TMP/err" && ok || bad "percent typo --json: $(cat "$TMP/err")"
expect_grep "percent JSON" '"issues":\[\{"name":"issue 1","lo":0,"hi":100,"salience_percent":\{"actor":2,"value":1\.5\}\}\]' "$TMP/sp.json"
# EMU's table is in percent throughout: the note, no warning.
expect_grep "emu percent note" "^  Note: the saliences of issue 'issue 1' were read as percent and divided by 100, because one is above 1 \(Netherlands: 80\)\.$" "$TMP/emu.txt"
"$BRINK" forecast six-party-talks --rounds 2 >"$TMP/six2.txt" 2>&1
grep -q "read as percent" "$TMP/six2.txt" && bad "a scenario's saliences (fractions) noted as percent" || ok

command -v python3 >/dev/null 2>&1 && python3 -c "import jsonschema" 2>/dev/null || { echo "SKIP schema part: no python3 jsonschema"; finish; exit $?; }
n=0
for args in "emu" "six-party-talks --rounds 30" "six-party-talks --model smp --vote binary --pv quartic" \
            "six-party-talks --model smp --stochastic --seed 9" "emu --prob positive --offer nearest --no-risk" "emu --rules scholz-code" \
            "six-party-talks --mc 20 --threads 2" "six-party-talks --mc 20 --sal-noise 0.1" \
            "$D/good/drawn.yaml --mc 200 --above 4" "$D/good/salience-percent-typo.csv --rounds 2"; do
  n=$((n + 1))
  # shellcheck disable=SC2086
  "$BRINK" forecast $args --json >"$TMP/f$n.json" 2>"$TMP/err" && ok || bad "forecast $args --json: $(cat "$TMP/err")"
done
python3 - "$SRC" "$TMP"/f*.json <<'PY' && ok || bad "forecast JSON against its schema"
import json, sys, jsonschema
schema = json.load(open(f"{sys.argv[1]}/schema/brink-forecast.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
for path in sys.argv[2:]:
    d = json.load(open(path))
    errs = list(v.iter_errors(d))
    assert not errs, (path, [(list(e.path), e.message[:200]) for e in errs[:3]])
    n, D = len(d["actors"]), len(d["issues"])
    assert len(d["rounds"]) == d["rounds_run"] + 1
    for r in d["rounds"]:
        assert len(r["positions"]) == n and all(len(p) == D for p in r["positions"])
    for o in d["offers"]:
        assert o["from"] < n and o["to"] < n and o["from"] != o["to"]
        assert o["accepted"] == (o["kind"] is not None)
    mc = d.get("monte_carlo")
    if mc:
        assert all(q["actor"] < n and (q["issue"] is None) == (q["input"] == "capability") for q in mc["drawn"])
        assert len(mc["settlement"]) == D
        for st in mc["settlement"]:
            for s in (st["median"], st["mean"]):
                lo, hi = s["p_above_wilson95"]
                assert lo <= s["p_above"] <= hi and s["runs_above"] == round(s["p_above"] * mc["runs"])
                assert s["q05"] <= s["q25"] <= s["q50"] <= s["q75"] <= s["q95"]
# The schema refuses what the writer must never produce.
d = json.load(open(sys.argv[2]))
d["rounds"][1]["risk"][0][0] = 3.0
assert list(v.iter_errors(d)), "risk exponent 3 accepted"
ds = [json.load(open(p)) for p in sys.argv[2:]]
d = [x for x in ds if [i["name"] for i in x["issues"]] == ["x", "y"]][0]  # drawn.yaml: 8 declared distributions
assert len(d["monte_carlo"]["drawn"]) == 8
d["monte_carlo"]["settlement"][0]["median"]["p_above"] = 1.5
assert list(v.iter_errors(d)), "probability 1.5 accepted"
PY
finish
