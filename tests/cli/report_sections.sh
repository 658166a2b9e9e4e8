#!/usr/bin/env bash
# report_sections.sh — the forecast and tournament sections of `brink report`:
#  - six-party-talks: each issue's chart holds every actor's position, the weighted median and
#    mean of every round, equal to `brink analyze --json`'s "forecast" (full precision);
#  - freeze-for-relief (negotiation.domain: korea): the tournament chart's agreement rates and
#    mean utilities with their intervals, and the table's counts, equal `brink tournament
#    --json` for the same seed; a scenario's own agents and repetitions are used;
#  - a scenario without those sections has neither; a bad negotiation section is a located
#    error. Skips (77) without the chart bundles.
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
if ! "$BRINK" report m1 --no-tree -o "$TMP/m1.html" 2>"$TMP/err"; then
  grep -q "without the chart bundles" "$TMP/err" && { echo "SKIP: brink built without web/ bundles (scripts/deps.sh)"; exit 77; }
  bad "report m1: $(cat "$TMP/err")"
fi
if grep -q '<section id="forecast">\|<section id="tournament">' "$TMP/m1.html"; then
  bad "m1 has a forecast or tournament section"; else ok; fi

# --- the forecast: every plotted number is analyze --json's
expect_status "report six-party-talks" 0 "$BRINK" report six-party-talks --no-tree -o "$TMP/6p.html"
expect_status "analyze six-party-talks --json" 0 "$BRINK" analyze six-party-talks --json
cp "$TMP/stdout" "$TMP/6p.json"
python3 - "$TMP/6p.html" "$TMP/6p.json" <<'PY' && ok || bad "forecast figures differ from analyze --json"
import json, re, sys
page = open(sys.argv[1]).read()
f = json.load(open(sys.argv[2]))["forecast"]
sec = page[page.index('<section id="forecast">'):]
sec = sec[:sec.index('</section>')]
specs = re.findall(r'data-spec="(spec\d+)"[^>]*data-forecast-issue="(\d+)"', sec)
assert [int(k) for _, k in specs] == list(range(len(f["issues"]))), specs
actors = [a["name"] for a in f["actors"]]
for sid, k in specs:
    k = int(k)
    m = re.search(r'<script type="application/json" id="%s">(.*?)</script>' % sid, sec, re.S)
    spec = json.loads(m.group(1))
    assert spec["encoding"]["y"]["title"] == f["issues"][k]["name"]
    got = {(v["round"], v["series"]): v["position"] for v in spec["data"]["values"]}
    want = {}
    for r in f["rounds"]:
        for i, a in enumerate(actors):
            want[(r["round"], a)] = r["positions"][i][k]
        want[(r["round"], "weighted median")] = r["median"][k]
        want[(r["round"], "weighted mean")] = r["mean"][k]
    assert got == want, sorted(set(got.items()) ^ set(want.items()))[:4]
    assert len(got) == (f["rounds_run"] + 1) * (len(actors) + 2)
PY

# --- the tournament: equal to brink tournament --json for the same seed
check_tournament() {   # NAME HTML JSON
  python3 - "$2" "$3" <<'PY' && ok || bad "$1: tournament figure or table differs from tournament --json"
import json, re, sys
page = open(sys.argv[1]).read()
t = json.load(open(sys.argv[2]))
sec = page[page.index('<section id="tournament">'):]
sec = sec[:sec.index('</section>')]
sid = re.search(r'data-spec="(spec\d+)"', sec).group(1)
spec = json.loads(re.search(r'<script type="application/json" id="%s">(.*?)</script>' % sid,
                            sec, re.S).group(1))
rows = spec["data"]["values"]
assert len(rows) == 2 * len(t["agents"]), (len(rows), len(t["agents"]))
for a, (r1, r2) in zip(t["agents"], zip(rows[::2], rows[1::2])):
    for row, key in ((r1, "agreement_rate"), (r2, "utility")):
        s = a[key]
        assert row["agent"] == a["agent"], (row["agent"], a["agent"])
        assert (row["mean"], row["ci95"], row["n"]) == (s["mean"], s["ci95"], s["n"]), (a["agent"], key)
        assert row["lo"] == s["mean"] - s["ci95"] and row["hi"] == s["mean"] + s["ci95"]
counts = re.findall(r'<td class="num">(\d+) of (\d+)</td>', sec)
want = [(str(a["agreements"]), str(a["negotiations"])) for a in t["agents"]]
want.append((str(t["overall"]["agreements"]), str(t["overall"]["negotiations"])))
assert counts == want, (counts, want)
assert "seed %d: %d negotiations" % (t["seed"], t["negotiations"]) in sec
PY
}
expect_status "report m6 --seed 5" 0 "$BRINK" report m6 --no-tree --no-questions --seed 5 -o "$TMP/m6.html"
expect_status "tournament korea --seed 5" 0 "$BRINK" tournament --domains korea --reps 20 --seed 5 --json
cp "$TMP/stdout" "$TMP/m6.json"
check_tournament m6 "$TMP/m6.html" "$TMP/m6.json"

# a scenario's own domain, agents and repetitions (M6 with the split pie instead); the file
# is also a domain for brink tournament
"$BRINK" show m6 | sed '/^negotiation:/,$d' >"$TMP/split.yaml"
printf 'negotiation:\n  domain: split\n  agents: [boulware, conceder, equilibrium]\n  repetitions: 3\n' >>"$TMP/split.yaml"
expect_status "report split" 0 "$BRINK" report "$TMP/split.yaml" --no-tree --no-questions -o "$TMP/split.html"
expect_status "tournament split" 0 "$BRINK" tournament --domains "$TMP/split.yaml" --agents boulware,conceder,equilibrium --reps 3 --json
cp "$TMP/stdout" "$TMP/split.json"
check_tournament split "$TMP/split.html" "$TMP/split.json"

# bad sections: located errors, no page
bad_section() {   # DESCRIPTION LINE2 LINE3 EXPECTED-LOCATION MESSAGE
  "$BRINK" show m6 | sed '/^negotiation:/,$d' >"$TMP/bad.yaml"
  printf 'negotiation:\n%s\n%s\n' "$2" "$3" >>"$TMP/bad.yaml"
  rm -f "$TMP/bad.html"
  expect_status "$1" 2 "$BRINK" report "$TMP/bad.yaml" --no-tree --no-questions -o "$TMP/bad.html"
  grep -q "bad.yaml:$4: error: .*$5" "$TMP/stderr" && [ ! -e "$TMP/bad.html" ] && ok \
    || bad "$1: $(cat "$TMP/stderr")"
}
n=$(( $("$BRINK" show m6 | sed '/^negotiation:/,$d' | wc -l) + 2 ))
bad_section "unknown domain" "  domain: atlantis" "  repetitions: 2" "$n:11" "no built-in domain 'atlantis'"
bad_section "unknown agent" "  domain: korea" "  agents: [boulware, nobody]" "$((n + 1)):22" "no agent 'nobody'"
bad_section "agent twice" "  domain: korea" "  agents: [linear, linear]" "$((n + 1)):20" "listed twice"
bad_section "bad repetitions" "  domain: korea" "  repetitions: 0" "$((n + 1)):16" "repetitions must be"
bad_section "domain beside parties" "  domain: korea" "  steps: 3" "$((n + 1)):10" "cannot stand beside"
finish
