#!/usr/bin/env bash
# analysis_schema.sh — `brink analyze --json` of every built-in scenario (and of a scenario
# with 16 long-named types per actor) validates against schema/brink-analysis.schema.json,
# its ids point into its own tables, and the schema rejects choices given as words. Needs
# python3 with jsonschema (scripts/deps.sh installs python3-jsonschema; skips, exit 77,
# without it).
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
python3 -c "import jsonschema" 2>/dev/null || { echo "SKIP: python3 jsonschema missing"; exit 77; }

# The largest game (M8, 29.5k nodes) runs beside the others, without its questions: they
# take the threshold engine seconds (minutes under ASan), and every answer shape is also
# given by the smaller scenarios (a sweep with nothing watched: long-type-names).
n=0
pids=()
for f in "$SRC"/scenarios/m8-*.yaml "$SRC"/scenarios/*.yaml \
         "$SRC"/tests/data/scenarios/report/*.yaml "$SRC"/tests/data/thresholds/*.yaml \
         "$SRC"/tests/data/maps/*.yaml; do
  case "$f" in */m8-*.yaml) [ "$n" -eq 0 ] || continue ;; esac
  n=$((n + 1))
  args=()
  [ "$n" -eq 1 ] && args=(--no-questions)
  ( "$BRINK" analyze "$f" --json "${args[@]}" >"$TMP/a$n.json" 2>"$TMP/err$n" || echo "$f" >"$TMP/failed$n" ) &
  [ "$n" -eq 1 ] && pids+=($!) || wait $!
done
wait "${pids[@]}"
for k in $(seq 1 "$n"); do
  if [ -e "$TMP/failed$k" ]; then bad "analyze --json $(cat "$TMP/failed$k"): $(head -c 300 "$TMP/err$k")"; else ok; fi
done
[ "$n" -ge 14 ] && ok || bad "only $n scenarios"

python3 - "$SRC" "$TMP"/a*.json <<'PY' && ok || bad "analysis JSON against its schema"
import copy, json, sys, jsonschema
from referencing import Registry, Resource
schema = json.load(open(f"{sys.argv[1]}/schema/brink-analysis.schema.json"))
fschema = json.load(open(f"{sys.argv[1]}/schema/brink-forecast.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
# "forecast" refers to the forecast's own schema (brink forecast --json)
reg = Registry().with_resource(fschema["$id"], Resource.from_contents(fschema))
v = jsonschema.Draft202012Validator(schema, registry=reg)
for path in sys.argv[2:]:
    d = json.load(open(path))
    errs = list(v.iter_errors(d))
    assert not errs, (d["id"], [(list(e.path), e.message[:200]) for e in errs[:3]])
    if d["method"].get("compact"):
        # the compact form (no tables): its threshold answers name classes (issue 15, item 2)
        # (decisions and chance moves are listed in classes, by their class id)
        listed = {c["class"]: c for c in d["classes"]}
        for a in d["answers"]:
            t = a.get("threshold")
            if t:
                assert all(listed[w["class"]]["actor"] == w["actor"] for w in t["watch"]), d["id"]
                assert all(listed[c["class"]]["actor"] >= 0
                           for c in t["conditions"] if "class" in c), d["id"]
        continue
    # ids point into the tables
    dec = {x["id"]: x for x in d["decisions"]}
    assert len(dec) == d["game"]["decision_points"], d["id"]
    ngroups, nactors = len(d["outcome_groups"]), len(d["actors"])
    for g in d["outcome_groups"]:
        assert len(g["levels"]) == len(d["issues"])
        for i, l in zip(d["issues"], g["levels"]):
            assert (l is None) == i["numeric"] and (l is None or l < len(i["levels"]))
    for x in dec.values():
        assert x["actor"] < nactors
        for m in x["nodes"]:
            assert len(m["types"]) == nactors
            for i, t in enumerate(m["types"]):
                assert t is None or t < len(d["actors"][i]["types"])
            # the decider knows its own type: every node of the decision has it
            assert m["types"][x["actor"]] == x["type"]
        assert x["type"] is None or x["type"] < len(d["actors"][x["actor"]]["types"])
    for e in d["equilibria"]:
        assert sorted(s["decision"] for s in e["strategies"]) == sorted(dec)
        for s in e["strategies"]:
            x = dec[s["decision"]]
            assert len(s["probabilities"]) == len(x["actions"])
            assert abs(sum(s["probabilities"]) - 1) < 1e-9
            if len(x["nodes"]) > 1:
                assert [b["node"] for b in s["beliefs"]] == [m["id"] for m in x["nodes"]]
                assert abs(sum(b["probability"] for b in s["beliefs"]) - 1) < 1e-9
        assert all(o["group"] < ngroups for o in e["outcomes"])
        assert abs(sum(o["probability"] for o in e["outcomes"]) - 1) < 1e-9
        assert [x["actor"] for x in e["values"]] == list(range(nactors))
    assert all(h in dec for h in d["differ_at"])
    for a in d["answers"]:
        if a["kind"] == "sweep" and "points" in a:
            for p in a["points"]:
                if "choice" in p:
                    c = p["choice"]["equilibria"]
                    assert len(c) == p["equilibria"]
                    for per_eq in c:
                        assert [len(r) for r in per_eq] == [len(dec[h]["actions"]) for h in a["watched"]]
        if a["kind"] == "threshold" and a.get("threshold"):
            t = a["threshold"]
            ns = len(t["states"])
            assert [x["infoset"] in dec for x in t["watch"]] == [True] * len(t["watch"])
            for st in t["states"]:
                assert [len(p) <= len(x["actions"]) and all(i < len(x["actions"]) for i in p)
                        for p, x in zip(st["played"], t["watch"])] == [True] * len(t["watch"])
            prev = None
            for r in t["regions"]:
                assert all(0 <= k < ns for k in r["states"]), r
                assert all(-1 <= c < len(t["conditions"]) for c in r["ends_by"])
                # regions are ordered and cover the range without gaps
                if prev is not None:
                    assert prev["hi"]["value"] == r["lo"]["value"], (prev["hi"], r["lo"])
                    assert prev["hi_closed"] or r["lo_closed"]
                prev = r
            assert t["regions"][0]["lo"]["value"] == t["range"][0]["value"]
            assert t["regions"][-1]["hi"]["value"] == t["range"][1]["value"]
            for f in t["flips"]:
                assert t["regions"][f["region_below"]]["status"] == "certified"
                assert t["regions"][f["region_above"]]["status"] == "certified"
                assert not f["exact"] or (f["at"]["rational"] and f["certified"])
        if a["kind"] == "compare" and "options" in a:
            assert len(a["options"]) == len(dec[a["decision"]]["actions"])
    # the schema is a contract: a choice in words, or an unknown field, is rejected
    # (checked on the smaller games: each check validates the whole document again)
    if d["game"]["nodes"] > 5000:
        continue
    if d["equilibria"] and d["equilibria"][0]["strategies"]:   # (chance-only: no choices)
        w = copy.deepcopy(d)
        s = w["equilibria"][0]["strategies"][0]
        s["probabilities"] = {dec[s["decision"]]["actions"][0]: 1}
        assert list(v.iter_errors(w)), "choice in words accepted"
        w = copy.deepcopy(d)
        w["equilibria"][0]["outcomes"] = {"summit=held": 1}
        assert list(v.iter_errors(w)), "outcomes keyed by words accepted"
    w = copy.deepcopy(d)
    w["surprise"] = 1
    assert list(v.iter_errors(w)), "unknown field accepted"
# the six-party scenario's forecast is carried as data
fc = [json.load(open(p)) for p in sys.argv[2:]]
fc = [d for d in fc if "forecast" in d]
assert [d["id"] for d in fc] == ["six-party-talks"], [d["id"] for d in fc]
f = fc[0]["forecast"]
assert len(f["rounds"]) == f["rounds_run"] + 1 and len(f["actors"]) == 6, f["rounds_run"]
kinds = set()
for path in sys.argv[2:]:
    for a in json.load(open(path))["answers"]:
        kinds.add((a["kind"], a["kind"] == "sweep" and "watched" in a and not a["watched"]))
assert {("threshold", False), ("sweep", False), ("sweep", True), ("compare", False)} <= kinds, kinds
# region maps: exact polygons carry their vertices exactly (and only they), traced ones occur
# too; an exact polygon without its exact vertices, or a traced one with them, is rejected
polys = [(d, p) for d in map(lambda q: json.load(open(q)), sys.argv[2:])
         for a in d["answers"] if "map" in a for p in a["map"]["polygons"]]
assert any(p["exact"] for _, p in polys) and any(not p["exact"] for _, p in polys), len(polys)
d, p = next((d, p) for d, p in polys if p["exact"])
from fractions import Fraction
for xy, e in zip(p["vertices"], p["vertices_exact"]):   # the doubles are the rationals'
    assert [float(Fraction(s)) for s in e] == xy, (xy, e)
p["exact"] = False
assert list(v.iter_errors(d)), "traced polygon with exact vertices accepted"
p["exact"] = True
del p["vertices_exact"]
assert list(v.iter_errors(d)), "exact polygon without exact vertices accepted"
PY
finish
