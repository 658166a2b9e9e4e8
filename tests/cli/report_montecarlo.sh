#!/usr/bin/env bash
# report_montecarlo.sh — the Monte Carlo section of `brink report --samples N --seed S`: the
# outcome chart's data (shares, Wilson intervals, counts) equal `brink montecarlo --json` for
# the same seed and draws; without --samples the page says the section was not computed; bad
# --samples/--seed are usage errors. Skips (77) without the chart bundles.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
if ! "$BRINK" report m1 --no-tree -o "$TMP/plain.html" 2>"$TMP/err"; then
  grep -q "without the chart bundles" "$TMP/err" && { echo "SKIP: brink built without web/ bundles (scripts/deps.sh)"; exit 77; }
  bad "report m1: $(cat "$TMP/err")"
fi
expect_grep "absent section" '<section id="montecarlo">' "$TMP/plain.html"
expect_grep "absent section says so" "<p>Not computed: run" "$TMP/plain.html"
expect_status "bad --samples" 2 "$BRINK" report m1 -o "$TMP/x.html" --samples 0
expect_status "bad --seed" 2 "$BRINK" report m1 -o "$TMP/x.html" --samples 5 --seed -1

for sc in m1 m6; do
  expect_status "report $sc --samples" 0 "$BRINK" report $sc --no-tree --samples 40 --seed 7 -o "$TMP/$sc.html"
  expect_status "montecarlo $sc" 0 "$BRINK" montecarlo $sc --samples 40 --seed 7 --threads 1 --json
  cp "$TMP/stdout" "$TMP/$sc.json"
  python3 - "$TMP/$sc.html" "$TMP/$sc.json" <<'PY' && ok || bad "$sc: Monte Carlo figure differs from montecarlo --json"
import json, re, sys
page = open(sys.argv[1]).read()
mc = json.load(open(sys.argv[2]))
sec = page[page.index('<section id="montecarlo">'):]
m = re.search(r'data-spec="(spec\d+)"', sec)
spec = re.search(r'<script type="application/json" id="%s">(.*?)</script>' % m.group(1), sec, re.S)
values = json.loads(spec.group(1))["data"]["values"]
want = mc["outcomes"]
assert len(values) == len(want) and len(want) > 0, (len(values), len(want))
for v, w in zip(values, want):
    r = w["realised"]
    assert v["outcome"] == w["label"], (v["outcome"], w["label"])
    for key in ("k", "n", "p", "lo", "hi"):
        assert v[key] == r[key], (w["label"], key, v[key], r[key])
PY
done
# a value without a mean (a pole inside the support) carries the text report's caution
expect_status "pole report" 0 "$BRINK" report "$SRC/tests/data/montecarlo/pole.yaml" --samples 500 -o "$TMP/pole.html"
expect_grep "pole: heavy tail in html" "heavy tail: one draw makes [0-9]+% of the spread; this interval may not hold" "$TMP/pole.html"
finish
