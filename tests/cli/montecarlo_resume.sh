#!/usr/bin/env bash
# montecarlo_resume.sh — nothing lost (issue 10): `brink compare m1 --db` (so every table
# is used) killed with SIGKILL at random points ten times, each time continued with --resume,
# then finished, equals an uninterrupted run draw for draw (the JSON with --draws, and the
# stored tables); resuming a finished run recomputes nothing; --csv/--jsonl carry the same
# draws as --json --draws, and --jsonl lines follow schema/brink-montecarlo-draw.schema.json;
# usage and file errors of --db. Each kill waits until the database
# holds more draws than at the previous kill, then a random 0-0.1 s more, so every kill
# interrupts a run that has made progress (inside a block's computation or its transaction).
source "$(dirname "$0")/lib.bash"

expect_status "--resume without --db" 2 "$BRINK" montecarlo m1 --samples 5 --resume
echo "not a database, just text that is long enough to be looked at by SQLite......" >"$TMP/junk"
expect_status "not a database" 2 "$BRINK" montecarlo m1 --samples 5 --db "$TMP/junk"
expect_grep "not a database: says which file" "junk" "$TMP/stderr"
expect_status "unwritable place" 2 "$BRINK" montecarlo m1 --samples 5 --db "$TMP/no/such/dir.db"

if ! command -v sqlite3 >/dev/null 2>&1; then
  echo "skipped the kill test: no sqlite3 (scripts/deps.sh installs it)"
  finish
  exit
fi

N=4000
ARGS=(compare m1 --actor USA --samples "$N" --seed 7 --threads 2 --json --draws)
stored() { sqlite3 "$1" "SELECT COUNT(*) FROM samples" 2>/dev/null || echo 0; }
# the run's stored findings, without the run id
dump() {
  for t in samples draws outcomes choices payoffs options; do
    sqlite3 "$1" "SELECT * FROM $t ORDER BY 2, 3" | cut -d'|' -f2-
  done
  sqlite3 "$1" "SELECT k, name FROM parameters ORDER BY k"
}

"$BRINK" "${ARGS[@]}" --db "$TMP/ref.db" >"$TMP/ref.json" 2>"$TMP/stderr" \
  || bad "uninterrupted run failed: $(head -c 300 "$TMP/stderr")"

kills=0 last=0 partial=0
# up to 30 tries, each killed within 10 ms of the database growing, and at least 3 kills with
# part of the run stored (with up to 100 ms, 10 tries and 5 asked, a quiet CI machine once
# finished the run in 4: the blocks are stored in bursts)
for _ in $(seq 1 30); do
  "$BRINK" "${ARGS[@]}" --db "$TMP/run.db" --resume >/dev/null 2>&1 &
  pid=$!
  # wait for progress beyond the last kill (or the end of the run)
  while kill -0 "$pid" 2>/dev/null && [ "$(stored "$TMP/run.db")" -le "$last" ]; do
    sleep 0.005
  done
  sleep "0.00$((RANDOM % 10))"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null
  last=$(stored "$TMP/run.db")
  if [ "$last" -gt 0 ] && [ "$last" -lt "$N" ]; then partial=$((partial + 1)); fi
  [ "$last" -ge "$N" ] && break
done
echo "$kills kills, $partial with part of the draws stored"
if [ "$kills" -ge 3 ] && [ "$partial" -ge 3 ]; then ok; else
  bad "too few kills inside the run ($kills kills, $partial with part of the draws stored)"; fi
"$BRINK" "${ARGS[@]}" --db "$TMP/run.db" --resume >"$TMP/run.json" 2>"$TMP/stderr" \
  || bad "resumed run failed: $(head -c 300 "$TMP/stderr")"
# equal but for timing and the number of threads
strip() {
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1])); del d["seconds"], d["threads"]
assert d["draws"] and d["samples"] > 0
print(json.dumps(d, indent=0, sort_keys=True))' "$1" || echo "unreadable JSON in $1"
}
if diff <(strip "$TMP/ref.json") <(strip "$TMP/run.json") >"$TMP/diff"; then ok; else
  bad "resumed run differs from the uninterrupted one: $(head -c 600 "$TMP/diff")"; fi
if [ "$(stored "$TMP/run.db")" = "$N" ]; then ok; else bad "stored $(stored "$TMP/run.db") draws, want $N"; fi
if diff <(dump "$TMP/ref.db") <(dump "$TMP/run.db") >"$TMP/diff"; then ok; else
  bad "stored draws differ: $(head -c 600 "$TMP/diff")"; fi
runs=$(sqlite3 "$TMP/run.db" "SELECT COUNT(*) FROM runs WHERE finished IS NOT NULL")
if [ "$runs" = 1 ]; then ok; else bad "resumes made $runs finished runs, want 1"; fi

# resuming a finished run recomputes nothing and says the same
"$BRINK" "${ARGS[@]}" --db "$TMP/run.db" --resume >"$TMP/again.json" 2>/dev/null || bad "resume of a finished run failed"
if diff <(strip "$TMP/ref.json") <(strip "$TMP/again.json") >/dev/null; then ok; else bad "resume of a finished run differs"; fi
# without --resume a new run starts; another seed is another run even with --resume
"$BRINK" montecarlo m1 --samples 300 --seed 8 --db "$TMP/run.db" --resume >/dev/null 2>&1 || bad "second run failed"
runs=$(sqlite3 "$TMP/run.db" "SELECT COUNT(*) FROM runs")
if [ "$runs" = 2 ]; then ok; else bad "runs after another seed: $runs, want 2"; fi

# --csv / --jsonl: the same draws as --json --draws, row by row, by name
"$BRINK" montecarlo m1 --samples 200 --seed 3 --json --draws --csv "$TMP/d.csv" \
  --jsonl "$TMP/d.jsonl" >"$TMP/d.json" 2>"$TMP/stderr" || bad "export run failed: $(head -c 300 "$TMP/stderr")"
expect_status "--draws alone still needs --json" 2 "$BRINK" montecarlo m1 --samples 5 --draws
if python3 - "$TMP/d.json" "$TMP/d.csv" "$TMP/d.jsonl" >"$TMP/py" 2>&1 <<'PY'
import csv, json, math, sys
d = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], newline="")))
lines = [json.loads(l) for l in open(sys.argv[3])]
assert len(rows) == len(lines) == len(d["draws"]) == d["samples"], "row counts"
names = [v["name"] for v in d["varied"]]
groups = [o["label"] for o in d["outcomes"]]
watched = d["watched"]
players = [v["actor"] for v in d["values"]]
def state(w, s):
    return w["actions"][s]["action"] if s >= 0 else {-1: "mixed", -2: "ambiguous", -3: "none"}[s]
for i, (dr, row, ln) in enumerate(zip(d["draws"], rows, lines)):
    assert int(row["index"]) == ln["index"] == i
    for k, n in enumerate(names):
        assert float(row[n]) == ln["parameters"][n] == dr["x"][k], (i, n)
    assert int(row["equilibria"]) == ln["equilibria"] == dr["equilibria"]
    want = groups[dr["outcome"]] if dr["outcome"] is not None and dr["outcome"] >= 0 else None
    assert (row["outcome"] or None) == ln["outcome"] == want, (i, row["outcome"], want)
    for k, w in enumerate(watched):
        assert row[w["label"]] == ln["watched"][w["label"]] == state(w, dr["choice"][k]), i
    for p, name in enumerate(players):
        v = dr["value"][p]
        c = row["value " + name]
        assert (c == "" and v is None) or float(c) == ln["values"][name] == v, (i, name)
PY
then ok; else bad "exports differ from --json --draws: $(tail -c 600 "$TMP/py")"; fi
if python3 -c "import jsonschema" 2>/dev/null; then
  python3 - "$SRC" "$TMP/d.jsonl" >"$TMP/py" 2>&1 <<'PY' && ok || bad "--jsonl against its schema: $(tail -c 400 "$TMP/py")"
import json, sys, jsonschema
schema = json.load(open(f"{sys.argv[1]}/schema/brink-montecarlo-draw.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
lines = [json.loads(l) for l in open(sys.argv[2])]
for d in lines:
    errs = list(v.iter_errors(d))
    assert not errs, [(list(e.path), e.message[:200]) for e in errs[:3]]
# the schema is not vacuous: a value given as words, an unknown field are rejected
d = dict(lines[0]); d["equilibria"] = "two"
assert list(v.iter_errors(d))
d = dict(lines[0]); d["extra"] = 1
assert list(v.iter_errors(d))
PY
else
  echo "skipped the --jsonl schema check: no python3-jsonschema"
fi

# a stored draw that this run would not make (edited by hand, another seed's) is refused on
# --resume, not merged (tester 10, F7.8: an edited value 5 for p_resolute in [0, 1] was loaded)
if command -v sqlite3 >/dev/null; then
  rm -f "$TMP/edit.sqlite"*
  expect_status "run to edit" 0 "$BRINK" montecarlo m1 --samples 600 --seed 4 --threads 1 --db "$TMP/edit.sqlite"
  sqlite3 "$TMP/edit.sqlite" "update draws set value = 5.0 where run = 1 and idx = 10; update runs set finished = NULL"
  expect_status "resume an edited database" 2 "$BRINK" montecarlo m1 --samples 600 --seed 4 --threads 1 --db "$TMP/edit.sqlite" --resume
  expect_grep "the edited draw is named" "error: draw 10 in the database has p_resolute = 5, but this run's draw 10 \(seed 4\) is" "$TMP/stderr"
else
  echo "skipped the edited-database check: no sqlite3"
fi
finish
