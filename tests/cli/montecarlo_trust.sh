#!/usr/bin/env bash
# montecarlo_trust.sh — what Monte Carlo claims and when it says it: uniqueness proved on the
# double path (perfect information), outputs checked before the draws, the whole uint64 range
# of seeds, a run in which every draw fails, and compare's stated convention for draws whose
# equilibria value an option differently.
source "$(dirname "$0")/lib.bash"

# (a) perfect information: a draw certified by strict margins has one subgame-perfect
# equilibrium, proved; the exact path (backward induction over every tie) proves the same of
# the same draws, so the two counts agree
PI=$SRC/tests/data/montecarlo/m5-reputation-beta.yaml
"$BRINK" montecarlo "$PI" --samples 300 --json >"$TMP/fast.json" 2>"$TMP/e" || bad "fast: $(cat "$TMP/e")"
"$BRINK" montecarlo "$PI" --samples 300 --json --exact >"$TMP/exact.json" 2>"$TMP/e" || bad "exact: $(cat "$TMP/e")"
python3 - "$TMP/fast.json" "$TMP/exact.json" <<'PY' && ok || bad "unique subgame-perfect: double and exact paths differ"
import json, sys
f, e = (json.load(open(p)) for p in sys.argv[1:3])
uf, ue = f["unique_subgame_perfect"]["k"], e["unique_subgame_perfect"]["k"]
assert uf == ue and uf > 0, (uf, ue)
assert f["double_path"]["certified"] > 0
assert uf <= f["single_unproved"] and f["unique"]["k"] == 0   # not called unique Nash
PY
expect_status "perfect information, text" 0 "$BRINK" montecarlo "$PI" --samples 100
expect_grep "SPE proved" "of which the only subgame-perfect one \(proved\): [0-9.]+%" "$TMP/stdout"

# (b) an output that cannot be written is refused before the draws (10^9 of them would take
# hours; the timeout turns a late check into a failure)
for opt in --csv --jsonl --db; do
  expect_status "$opt unwritable" 2 timeout 60 "$BRINK" montecarlo m1 --samples 1000000000 $opt "$TMP/no/such/dir/out"
  expect_grep "$opt located" "no/such/dir/out" "$TMP/stderr"
done

# (c) every uint64 seed; beyond it a clear message
# two outputs naming one file: refused before the draws (one would overwrite the other)
expect_status "--csv = --jsonl" 2 "$BRINK" montecarlo m1 --samples 3 --csv "$TMP/same.out" --jsonl "$TMP/same.out"
expect_grep "--csv = --jsonl: said" "--csv and --jsonl name the same file" "$TMP/stderr"
expect_status "--csv = --jsonl, two names" 2 "$BRINK" montecarlo m1 --samples 3 --csv "$TMP/two.out" --jsonl "$TMP/./two.out"
expect_status "--csv = --db" 2 "$BRINK" montecarlo m1 --samples 3 --csv "$TMP/db.out" --db "$TMP/db.out"
# compare --actor names an actor: an unknown one is said as such, with the scenario's actors
expect_status "compare --actor unknown" 2 "$BRINK" compare m1 --actor Z --samples 5
expect_grep "compare --actor unknown: said" "--actor Z: scenario korea-2018-summit has no actor 'Z' \(its actors: USA, DPRK\)" "$TMP/stderr"
# a typed actor's reference names one decision per type, a comparison looks at one (tester's
# issue 10): refused, listing the typed references, never one type compared silently
expect_status "compare --at typed actor" 2 "$BRINK" compare m1 --at DPRK@start --samples 5
expect_grep "compare --at typed actor: located, lists the types" \
  "^brink compare: --at DPRK@start: .*give one type's \(DPRK\.resolute@start, DPRK\.bluffing@start\)" "$TMP/stderr"
[ -s "$TMP/stdout" ] && bad "compare --at typed actor printed a report" || ok
expect_status "compare --actor typed actor" 2 "$BRINK" compare m1 --actor DPRK --samples 5
expect_grep "compare --actor typed actor: lists the types" \
  "^brink compare: --actor DPRK: .*\(DPRK\.resolute@start, DPRK\.bluffing@start\), with --at" "$TMP/stderr"
# an actor without decisions: said plainly (the message used to end in a stray ", with --at")
expect_status "compare --actor without decisions" 2 "$BRINK" compare "$SRC/tests/data/montecarlo/piecewise-chance.yaml" --actor B --samples 5
expect_grep "compare --actor without decisions: said" \
  "^brink compare: --actor B: no decision matches 'B@\*' \(decisions of B: none\)$" "$TMP/stderr"
expect_status "compare --at one type" 0 "$BRINK" compare m1 --at DPRK.bluffing@start --samples 5
expect_grep "compare --at one type: that type's options" "^Options of DPRK \(bluffing\), at the start" "$TMP/stdout"
expect_status "compare --actor DPRK --at one type" 0 "$BRINK" compare m1 --actor DPRK --at DPRK.resolute@start --samples 5
# an option that counts as best has no regret (not the doubles' rounding, 8.9e-17)
expect_status "compare USA" 0 "$BRINK" compare m1 --actor USA --samples 5
if grep -q "regret [0-9.]*e-" "$TMP/stdout"; then bad "a rounding error reported as regret: $(grep regret "$TMP/stdout")"; else ok; fi
expect_status "seed 2^64-1" 0 "$BRINK" montecarlo m1 --samples 20 --seed 18446744073709551615 --json
expect_grep "seed echoed" '"seed":18446744073709551615' "$TMP/stdout"
cp "$TMP/stdout" "$TMP/s1.json"
"$BRINK" montecarlo m1 --samples 20 --seed 18446744073709551614 --json >"$TMP/s2.json" 2>/dev/null
python3 - "$TMP/s1.json" "$TMP/s2.json" <<'PY' && ok || bad "seeds 2^64-1 and 2^64-2 draw the same"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a["values"] != b["values"]
PY
for s in 18446744073709551616 -1 +1 " 1" 1x ""; do
  expect_status "seed '$s'" 2 "$BRINK" montecarlo m1 --samples 5 --seed "$s"
  expect_grep "seed '$s' message" "bad --seed .* \(a whole number from 0 to 18446744073709551615\)" "$TMP/stderr"
done

# (d) every draw fails: said in words, no share or mean of nothing, exit status 2
F=$SRC/tests/data/montecarlo/every-draw-fails.yaml
expect_status "every draw fails" 2 "$BRINK" montecarlo "$F" --samples 30
expect_grep "none solved, with the place" "^No draw was solved: all 30 failed; the first \(draw 0\): $F:54:19: division by zero" "$TMP/stdout"
if grep -qi "nan" "$TMP/stdout"; then bad "a NaN printed: $(cat "$TMP/stdout")"; else ok; fi
expect_grep "status explained, located" "^$F:54:19: error: no draw was solved \(all 30 failed\); the first, draw 0: division by zero" "$TMP/stderr"
expect_status "every draw fails, json" 2 "$BRINK" montecarlo "$F" --samples 30 --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["failed"] == 30 and (d["first_error_line"], d["first_error_column"]) == (54, 19), d' "$TMP/stdout" && ok || bad "json of failed draws"
# the place is stored with the draw: a run resumed from the database says it too
rm -f "$TMP/fail.sqlite"*
"$BRINK" montecarlo "$F" --samples 30 --db "$TMP/fail.sqlite" >/dev/null 2>&1
expect_status "every draw fails, resumed" 2 "$BRINK" montecarlo "$F" --samples 30 --db "$TMP/fail.sqlite" --resume
expect_grep "resumed: the place" "^No draw was solved: all 30 failed; the first \(draw 0\): $F:54:19: division by zero" "$TMP/stdout"

# a watched decision that does not exist: said as sweep says it, with the actor's decisions
expect_status "--watch unknown decision" 2 "$BRINK" montecarlo korea-2018-summit --samples 5 --watch USA@nothing
expect_grep "--watch: prefix and decisions" "^brink montecarlo: --watch USA@nothing: no decision matches 'USA@nothing' \(decisions of USA: demand\)" "$TMP/stderr"
expect_status "--watch unknown actor" 2 "$BRINK" montecarlo korea-2018-summit --samples 5 --watch NOPE@x
expect_grep "--watch: unknown actor" "^brink montecarlo: --watch NOPE@x: decision reference 'NOPE@x': unknown actor 'NOPE'" "$TMP/stderr"
expect_status "compare --at unknown decision" 2 "$BRINK" compare korea-2018-summit --samples 5 --at USA@nothing
expect_grep "--at: prefix and decisions" "^brink compare: --at USA@nothing: no decision matches 'USA@nothing' \(decisions of USA: demand\)" "$TMP/stderr"

# (e) compare states its convention: the least value over a draw's equilibria
expect_status "compare text" 0 "$BRINK" compare m1 --actor USA --samples 60
expect_grep "convention in text" "its least value is used, a pessimistic reading" "$TMP/stdout"
expect_status "compare json" 0 "$BRINK" compare m1 --actor USA --samples 60 --json
python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["compare"]; assert c["convention"] == "least" and 0 <= c["ambiguous"] <= c["n"]' "$TMP/stdout" && ok || bad "compare convention in JSON"
# (e) a value whose mean does not exist (a pole inside the support): one draw dominates the
# spread, and the interval is flagged (it was printed like any other); M1's values are not
P=$SRC/tests/data/montecarlo/pole.yaml
expect_status "pole" 0 "$BRINK" montecarlo "$P" --samples 2000 --seed 3
expect_grep "pole: heavy tail said" "^    heavy tail: one draw makes [0-9]+% of the spread; the interval assumes a finite$" "$TMP/stdout"
expect_status "pole json" 0 "$BRINK" montecarlo "$P" --samples 2000 --seed 3 --json
expect_schema "pole json schema" "$TMP/stdout" brink-montecarlo
python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["values"][0]["estimate"]; assert e["heavy"] is True and e["max_share"] > 0.25, e' "$TMP/stdout" && ok || bad "pole: heavy in JSON"
expect_status "m1 not heavy" 0 "$BRINK" montecarlo m1 --samples 2000 --seed 3 --json
python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))["values"]; assert all(x["estimate"]["heavy"] is False and x["estimate"]["max_share"] < 0.05 for x in v), v' "$TMP/stdout" && ok || bad "m1: not heavy"
finish
