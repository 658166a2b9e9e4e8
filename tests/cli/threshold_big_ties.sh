#!/usr/bin/env bash
# threshold_big_ties.sh — thresholds past all_limit_nodes, and what --json says of completeness
# (tester 13, session 13):
#  1. D1b: tester13-t2big.yaml is tester13-t2.yaml plus a dominated, tie-free branch (6,108
#     nodes, past all_limit_nodes = 5,000). Its answers are those of the small game: the same
#     regions with the same watched choices, complete; no "flip at 3/5" of one traced
#     equilibrium; "at the default" lists what the analysis above it lists there.
#  2. D1b, the weaker case: a tie on the path among more plays than are listed
#     (tester13-capped.yaml, 81 plays, 64 examined): the lists are not called complete, in the
#     text and in --json, and "at the default" lists what the analysis lists.
#  3. D3: a point region whose list is complete is complete in --json; others_ruled_out is
#     what the text says of each region (t1, t2, t3: the text merges points into intervals
#     without a caveat); every joined line carries the caveat if any part lacks it.
source "$(dirname "$0")/lib.bash"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
D="$SRC/tests/data/tester13"

for f in t1 t2 t3 t2big capped; do
  "$BRINK" analyze "$D/tester13-$f.yaml" --json > "$TMP/$f.json" 2>"$TMP/err" && ok ||
    bad "$f --json: $(cat "$TMP/err")"
  "$BRINK" analyze "$D/tester13-$f.yaml" > "$TMP/$f.txt" 2>"$TMP/err" && ok ||
    bad "$f: $(cat "$TMP/err")"
  # the schema on the small ones (the big ones' JSON is megabytes: every equilibrium's
  # strategy at each of 6,000 actions; analysis_schema.sh validates them too)
  case $f in t1|t2|t3) expect_schema "$f: schema" "$TMP/$f.json" brink-analysis ;; esac
done

# 1. the big game answers as the small one
"$PY" - "$TMP/t2.json" "$TMP/t2big.json" <<'PYEOF' && ok || bad "t2big: regions differ from t2's"
import json, sys
def regions(path):
    d = json.load(open(path))
    out = {}
    for a in d["answers"]:
        t = a["threshold"]
        acts = [w["actions"] for w in t["watch"]]
        lab = {s["id"]: tuple(tuple(acts[k][i] for i in p) for k, p in enumerate(s["played"]))
               for s in t["states"]}
        out[a["id"]] = [(r["lo"]["exact"], r["hi"]["exact"], r["lo_closed"], r["hi_closed"],
                         sorted(lab[s] for s in r["states"]), r["complete"],
                         r["others_ruled_out"]) for r in t["regions"]]
        for r in t["regions"]:
            assert r["complete"] and r["others_ruled_out"] and r["complete_at_sample"], (path, r)
        assert all(f["known"] for f in t["flips"]), (path, t["flips"])
    return out
small, big = regions(sys.argv[1]), regions(sys.argv[2])
assert small == big, (small, big)
PYEOF
expect_grep "t2big: E out or in at the default" \
  '-> at the default c = 1/4: "out" or "in"\.$' "$TMP/t2big.txt"
if grep -q "not ruled out" "$TMP/t2big.txt"; then bad "t2big: a caveat left: $(grep 'not ruled out' "$TMP/t2big.txt")"; else ok; fi
if grep -q '"out" below, "in" above' "$TMP/t2big.txt"; then bad "t2big: the flip of one equilibrium"; else ok; fi
expect_grep "t2big: the flip at 3/5 is of the set" \
  '-> it flips at c = 3/5: "out" below, "out" or "in" above\.' "$TMP/t2big.txt"

# "at the default" against the analysis' own list: every watched choice its equilibria make
# is in the default region, and where every equilibrium reaches the decision the two agree
for f in t2big capped; do
"$PY" - "$TMP/$f.json" <<'PYEOF' && ok || bad "$f: at the default, the threshold and the analysis disagree"
import json, sys
d = json.load(open(sys.argv[1]))
for a in d["answers"]:
    t = a["threshold"]
    w = t["watch"][0]
    acts = w["actions"]
    r = t["regions"][t["default_region"]]
    lab = {s["id"]: acts[s["played"][0][0]] for s in t["states"]}
    threshold = {lab[s] for s in r["states"]}
    seen, on_path = set(), True
    for e in d["equilibria"]:
        for s in e["strategies"]:
            if s["decision"] == w["infoset"]:
                seen |= {acts[k] for k, p in enumerate(s["exact"]) if p != "0"}
                on_path &= s["on_path"]
    assert seen <= threshold, (a["id"], sorted(threshold), sorted(seen))
    if on_path:
        assert seen == threshold, (a["id"], sorted(threshold), sorted(seen))
PYEOF
done

# 2. a list that comes back capped is not called complete, here or there
expect_grep "capped: the analysis examined 64 of 81 plays" "81 plays found, only the first examined" "$TMP/capped.txt"
"$PY" - "$TMP/capped.json" <<'PYEOF' && ok || bad "capped: a capped list called complete"
import json, sys
d = json.load(open(sys.argv[1]))
for a in d["answers"]:
    t = a["threshold"]
    r = t["regions"][t["default_region"]]
    assert not r["complete_at_sample"] and not r["complete"] and not r["others_ruled_out"], (a["id"], r)
    assert not any(f["known"] for f in t["flips"]), (a["id"], t["flips"])
PYEOF
n=$(grep -c -- '-> at the default c = 1/4: .*' "$TMP/capped.txt")
[ "$n" = 2 ] && ok || bad "capped: $n default lines"
"$PY" - "$TMP/capped.txt" <<'PYEOF' && ok || bad "capped: a default line without the caveat"
import re, sys
text = open(sys.argv[1]).read()
lines = re.findall(r"-> at the default c = 1/4: (.*?)\.\n    \(", text, re.S)
assert len(lines) == 2 and all("(other equilibria not ruled out)" in l for l in lines), lines
PYEOF

# 3. D3: points complete in --json where their lists are, and the text follows others_ruled_out
for f in t1 t2 t3 t2big capped; do
"$PY" - "$TMP/$f.json" "$TMP/$f.txt" <<'PYEOF' && ok || bad "$f: --json and the text disagree on completeness"
import json, re, sys
d = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
for a in d["answers"]:
    t = a["threshold"]
    for r in t["regions"]:
        if r["status"] != "certified":
            continue
        if r["point"]:
            assert r["complete"] == (r["complete_at_sample"] or r["unique"]), r
            assert r["others_ruled_out"] == r["complete"], r
        if r["complete"]:
            assert r["others_ruled_out"], r
    # the region lines of this question in the text: one per run of regions with the same
    # watched choices; a line has the caveat exactly when some region in it is not
    # others_ruled_out
    block = text.split("[%s]" % a["id"], 1)[1]
    body = block.split("over [", 1)[1].split("\n", 1)[1].split("    ->", 1)[0]
    lines = re.sub(r"\n {10,}", " ", body).strip("\n").split("\n")
    def same(a, b):   # report/threshold.c, same_answer: one line
        if a["status"] != "certified" or b["status"] != "certified":
            return False
        return (a["states"] == b["states"] and a["unique"] == b["unique"] and
                (a["point"] or b["point"] or a["complete"] == b["complete"]))
    runs = []
    for r in t["regions"]:
        if runs and same(runs[-1][0], r):
            runs[-1].append(r)
        else:
            runs.append([r])
    assert len(runs) == len(lines), (a["id"], len(runs), lines)
    for rs, line in zip(runs, lines):
        want = not all(x["others_ruled_out"] for x in rs)
        assert ("not ruled out" in line) == want, (a["id"], line, [x["others_ruled_out"] for x in rs])
PYEOF
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
