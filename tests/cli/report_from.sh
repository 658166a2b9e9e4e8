#!/usr/bin/env bash
# report_from.sh — `brink report --from runs.sqlite` (a stored Monte Carlo run read back, not
# recomputed) and the compared options (--compare DEC) and sensitivity (--sensitivity) parts
# of the Monte Carlo section: the charts' numbers equal `brink compare --json` of the run that
# stored them, whether read back or drawn again with the same seed; the file is not changed;
# a run of another configuration, an unfinished run, another scenario's file and a missing
# run are errors naming the file. Skips (77) without the chart bundles or python3.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
if ! "$BRINK" report m1 --no-tree --no-questions -o "$TMP/m1.html" 2>"$TMP/err"; then
  grep -q "without the chart bundles" "$TMP/err" && { echo "SKIP: brink built without web/ bundles (scripts/deps.sh)"; exit 77; }
  bad "report m1: $(cat "$TMP/err")"
fi
db="$TMP/runs.sqlite"
expect_status "compare --db" 0 "$BRINK" compare m6 --at USA@start --sensitivity --samples 24 \
  --seed 2 --threads 1 --json --db "$db"
cp "$TMP/stdout" "$TMP/run.json"
sum=$(python3 -c "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())" "$db")
expect_status "report --from" 0 "$BRINK" report m6 --no-tree --no-questions --from "$db" \
  --sensitivity -o "$TMP/from.html"
expect_grep "says it was read back" "Read from the run stored in" "$TMP/from.html"
expect_status "report --samples --compare" 0 "$BRINK" report m6 --no-tree --no-questions \
  --samples 24 --seed 2 --compare USA@start --sensitivity -o "$TMP/drawn.html"
now=$(python3 -c "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())" "$db")
[ "$sum" = "$now" ] && ok || bad "report --from changed the database"

for page in from drawn; do
  python3 - "$TMP/$page.html" "$TMP/run.json" <<'PY' && ok || bad "$page: Monte Carlo figures differ from compare --json"
import json, re, sys
page = open(sys.argv[1]).read()
mc = json.load(open(sys.argv[2]))
sec = page[page.index('<section id="montecarlo">'):]
sec = sec[:sec.index('</section>')]
def spec_after(anchor):
    part = sec[sec.index(anchor):] if anchor else sec
    sid = re.search(r'data-spec="(spec\d+)"', part).group(1)
    m = re.search(r'<script type="application/json" id="%s">(.*?)</script>' % sid, part, re.S)
    return json.loads(m.group(1))["data"]["values"]
# the outcome shares
out = spec_after(None)
keys = ("k", "n", "p", "lo", "hi")
assert [tuple(v[k] for k in keys) for v in out] == \
       [tuple(w["realised"][k] for k in keys) for w in mc["outcomes"]]
# the compared options
opts = spec_after('id="mc-compare"')
want = mc["compare"]["options"]
assert len(opts) == len(want) > 1
for v, w in zip(opts, want):
    assert v["action"] == w["action"]
    assert (v["n"], v["mean"], v["lo"], v["hi"]) == tuple(w["value"][k] for k in ("n", "mean", "lo", "hi")), (v, w["value"])
    assert (v["best"], v["regret"], v["worst"]) == (w["best"]["p"], w["regret"]["mean"], w["worst"])
# the sensitivity fit
sens = spec_after('id="mc-sensitivity"')
want = [(s["actor"], x["param"], x["value"], x["lo"], x["hi"], s["n"], s["r2"])
        for s in mc["sensitivity"] for x in s["src"]]
got = [(v["actor"], v["param"], v["value"], v["lo"], v["hi"], v["n"], v["r2"]) for v in sens]
assert got == want and len(want) >= 4, (got[:2], want[:2])
PY
done

expect_status "--from with --samples" 2 "$BRINK" report m6 --from "$db" --samples 5 -o "$TMP/x.html"
expect_status "--run without --from" 2 "$BRINK" report m6 --run 1 -o "$TMP/x.html"
expect_status "--compare without draws" 2 "$BRINK" report m6 --compare USA@start -o "$TMP/x.html"
from_error() {   # DESCRIPTION PATTERN args...
  local what=$1 pat=$2
  shift 2
  rm -f "$TMP/x.html"
  expect_status "$what" 2 "$BRINK" report "$@" --no-tree --no-questions -o "$TMP/x.html"
  grep -q "$pat" "$TMP/stderr" && [ ! -e "$TMP/x.html" ] && ok || bad "$what: $(cat "$TMP/stderr")"
}
from_error "another configuration" "runs.sqlite: error: run 1 was made from another configuration: it has 'param p_sincere=" \
  m6 --set p_sincere=1/2 --from "$db"
from_error "another scenario" "no Monte Carlo run of scenario 'korea-2018-summit'" m1 --from "$db"
from_error "no such run" "runs.sqlite: no run 9" m6 --from "$db" --run 9
from_error "not a database" "not a brink results database" m6 --from "$SRC/scenarios/m1-summit-brinkmanship.yaml"
# an unfinished run (a block's rows gone) is refused, not completed
python3 - "$db" <<'PY' || bad "could not cut the run"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("DELETE FROM samples WHERE idx >= 12")
c.commit()
PY
from_error "unfinished run" "runs.sqlite: error: run 1 is incomplete: 12 of the draws 0 to 23" m6 --from "$db"
finish
